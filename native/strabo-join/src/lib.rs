//! The spatial join operator: the native side of a join whose condition is a spatial predicate.
//!
//! An operator has three steps, each over Arrow: [`IndexBuilder::add`] takes the build side's
//! key column a batch at a time, [`IndexBuilder::finish`] packs an R-tree of the rows'
//! bounding boxes, and [`SpatialIndex::probe`] takes a batch of the other side's key column and
//! returns the pairs of row numbers whose geometries satisfy the predicate. The index is
//! immutable once built, so the tasks of one executor share it.
//!
//! Each indexed geometry is [`Prepared`] once, as a literal geometry is for a function call, and
//! candidates from the tree are refined by the predicate's own kernel (`strabo_geom::relate`):
//! `st_contains(country, point)` in a join takes the same point-in-polygon index as
//! `st_contains(<literal>, st_point(x, y))`.
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};
use strabo_columnar::{ColumnView, GeomView};
use strabo_geom::relate::{self, Invalid};
use strabo_geom::{Geo, GeomError, Prepared, Rect};

/// A spatial predicate a join can index: each is false when either geometry is empty, but
/// [`Predicate::Equals`], for which two empty geometries are equal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Predicate {
    Intersects,
    Contains,
    Within,
    Covers,
    CoveredBy,
    Touches,
    Overlaps,
    Crosses,
    Equals,
    /// The planar distance is at most `distance` (`st_dwithin(a, b, d)`, `st_distance(a, b) <= d`),
    /// or below it when not `inclusive` (`st_distance(a, b) < d`).
    WithinDistance {
        distance: f64,
        inclusive: bool,
    },
}

impl Predicate {
    /// The topological predicates, which [`Predicate::named`] knows.
    pub const TOPOLOGICAL: [Predicate; 9] = [
        Predicate::Intersects,
        Predicate::Contains,
        Predicate::Within,
        Predicate::Covers,
        Predicate::CoveredBy,
        Predicate::Touches,
        Predicate::Overlaps,
        Predicate::Crosses,
        Predicate::Equals,
    ];

    /// The SQL function's name, as the registry spells it.
    pub fn name(self) -> &'static str {
        match self {
            Predicate::Intersects => "st_intersects",
            Predicate::Contains => "st_contains",
            Predicate::Within => "st_within",
            Predicate::Covers => "st_covers",
            Predicate::CoveredBy => "st_coveredBy",
            Predicate::Touches => "st_touches",
            Predicate::Overlaps => "st_overlaps",
            Predicate::Crosses => "st_crosses",
            Predicate::Equals => "st_equals",
            Predicate::WithinDistance {
                inclusive: true, ..
            } => "st_dwithin",
            Predicate::WithinDistance {
                inclusive: false, ..
            } => "st_distance",
        }
    }

    /// Pairs at most (`inclusive`) or less than `distance` apart, which must be 0 or more.
    pub fn within_distance(distance: f64, inclusive: bool) -> Result<Predicate, JoinError> {
        if distance.is_nan() || distance < 0.0 {
            return Err(JoinError(format!(
                "st_dwithin: the distance must be 0 or more, got {distance}"
            )));
        }
        Ok(Predicate::WithinDistance {
            distance,
            inclusive,
        })
    }

    /// The predicate a SQL function name denotes, case-insensitively.
    pub fn named(name: &str) -> Option<Predicate> {
        Predicate::TOPOLOGICAL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name))
    }

    /// Whether `a` and `b` satisfy the predicate.
    fn holds(self, a: &Geo, b: &Geo) -> Result<bool, Invalid> {
        match self {
            Predicate::WithinDistance {
                distance,
                inclusive,
            } => Ok(strabo_geom::distance::distance(a, b).is_some_and(|d| {
                if inclusive {
                    d <= distance
                } else {
                    d < distance
                }
            })),
            topological => topological.relation()(a, b),
        }
    }

    fn relation(self) -> fn(&Geo, &Geo) -> Result<bool, Invalid> {
        match self {
            Predicate::Intersects => relate::intersects,
            Predicate::Contains => relate::contains,
            Predicate::Within => relate::within,
            Predicate::Covers => relate::covers,
            Predicate::CoveredBy => relate::covered_by,
            Predicate::Touches => relate::touches,
            Predicate::Overlaps => relate::overlaps,
            Predicate::Crosses => relate::crosses,
            Predicate::Equals => relate::equals,
            Predicate::WithinDistance { .. } => unreachable!("a distance is no relation"),
        }
    }

    /// How far beyond a probed geometry's box an indexed box may lie and still match.
    fn reach(self) -> f64 {
        match self {
            Predicate::WithinDistance { distance, .. } => distance,
            _ => 0.0,
        }
    }
}

/// Which argument of the predicate the indexed side fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndexedArg {
    First,
    Second,
}

/// A row the join cannot evaluate, with the predicate, the side and the value named.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct JoinError(pub String);

type Entry = GeomWithData<Rectangle<[f64; 2]>, u32>;

/// Collects the build side, a batch at a time.
pub struct IndexBuilder {
    predicate: Predicate,
    indexed: IndexedArg,
    geometries: Vec<Option<Indexed>>,
}

/// A non-empty indexed geometry, or an empty one (which only [`Predicate::Equals`] matches).
struct Indexed {
    srid: i32,
    prepared: Prepared,
}

impl IndexBuilder {
    pub fn new(predicate: Predicate, indexed: IndexedArg) -> IndexBuilder {
        IndexBuilder {
            predicate,
            indexed,
            geometries: Vec::new(),
        }
    }

    /// Appends a batch of the build side's key column; its rows are numbered on from the rows
    /// already added. A NULL row is kept (it matches nothing).
    pub fn add(&mut self, keys: &GeomView) -> Result<(), JoinError> {
        self.geometries.reserve(keys.len());
        for row in 0..keys.len() {
            if !keys.validity.is_valid(row) {
                self.geometries.push(None);
                continue;
            }
            let prepared = match keys.wkb(row) {
                Ok(Some(wkb)) => Prepared::new(wkb),
                Ok(None) => keys.geo(row).and_then(|geo| {
                    let mut wkb = Vec::new();
                    geo.write_wkb(&mut wkb);
                    Prepared::new(&wkb)
                }),
                Err(e) => Err(e),
            }
            .map_err(|e| row_error(self.predicate, "indexed", keys, row, e))?;
            self.geometries.push(Some(Indexed {
                srid: keys.srid(row),
                prepared,
            }));
        }
        Ok(())
    }

    /// Packs the R-tree of every non-empty row's bounding box.
    pub fn finish(self) -> SpatialIndex {
        let mut empty_rows = Vec::new();
        let mut entries = Vec::with_capacity(self.geometries.len());
        for (row, geometry) in self.geometries.iter().enumerate() {
            let Some(geometry) = geometry else { continue };
            match geometry.prepared.as_geo().bbox() {
                Some(bbox) => entries.push(GeomWithData::new(rectangle(&bbox), row as u32)),
                None => empty_rows.push(row as u32),
            }
        }
        SpatialIndex {
            predicate: self.predicate,
            indexed: self.indexed,
            tree: RTree::bulk_load(entries),
            geometries: self.geometries,
            empty_rows,
        }
    }
}

/// The build side, indexed: immutable, shared by the tasks that probe it.
pub struct SpatialIndex {
    predicate: Predicate,
    indexed: IndexedArg,
    tree: RTree<Entry>,
    geometries: Vec<Option<Indexed>>,
    empty_rows: Vec<u32>,
}

/// Pairs of matching rows: `probe[k]` of the probed batch with `build[k]` of the index, in the
/// order of the probed rows, and for each in the order of the indexed rows.
#[derive(Default, Debug, PartialEq, Eq)]
pub struct Matches {
    pub probe: Vec<u32>,
    pub build: Vec<u32>,
}

impl SpatialIndex {
    /// How many rows were indexed, NULL and empty ones included.
    pub fn rows(&self) -> usize {
        self.geometries.len()
    }

    /// The rows of `keys`, a batch of the probe side's key column, that satisfy the predicate
    /// with indexed rows, appended to `matches`. A NULL row matches nothing.
    pub fn probe(&self, keys: &GeomView, matches: &mut Matches) -> Result<(), JoinError> {
        let reach = self.predicate.reach();
        let mut candidates = Vec::new();
        for row in 0..keys.len() {
            if !keys.validity.is_valid(row) {
                continue;
            }
            let probe = keys
                .geo(row)
                .map_err(|e| row_error(self.predicate, "probe", keys, row, e))?;
            candidates.clear();
            match probe.bbox() {
                Some(bbox) => candidates.extend(
                    self.tree
                        .locate_in_envelope_intersecting(&AABB::from_corners(
                            [bbox.min().x - reach, bbox.min().y - reach],
                            [bbox.max().x + reach, bbox.max().y + reach],
                        ))
                        .map(|entry| entry.data),
                ),
                None if self.predicate == Predicate::Equals => {
                    candidates.extend_from_slice(&self.empty_rows)
                }
                None => continue,
            }
            candidates.sort_unstable();
            let srid = keys.srid(row);
            for &build in &candidates {
                let indexed = self.geometries[build as usize]
                    .as_ref()
                    .expect("only non-NULL rows are candidates");
                if indexed.srid != srid {
                    let error = GeomError::MixedSrid(indexed.srid, srid);
                    return Err(row_error(self.predicate, "probe", keys, row, error));
                }
                let build_geo = indexed.prepared.as_geo();
                let related = match self.indexed {
                    IndexedArg::First => self.predicate.holds(&build_geo, &probe),
                    IndexedArg::Second => self.predicate.holds(&probe, &build_geo),
                };
                match related {
                    Ok(true) => {
                        matches.probe.push(row as u32);
                        matches.build.push(build);
                    }
                    Ok(false) => {}
                    Err(invalid) => {
                        let indexed_arg = match self.indexed {
                            IndexedArg::First => 0,
                            IndexedArg::Second => 1,
                        };
                        return Err(if invalid.arg == indexed_arg {
                            JoinError(format!(
                                "{}: {} (indexed row {build}: {})",
                                self.predicate.name(),
                                invalid.error,
                                strabo_eval::preview_geo(&build_geo, indexed.srid)
                            ))
                        } else {
                            row_error(self.predicate, "probe", keys, row, invalid.error)
                        });
                    }
                }
            }
        }
        Ok(())
    }
}

fn rectangle(bbox: &Rect<f64>) -> Rectangle<[f64; 2]> {
    Rectangle::from_corners([bbox.min().x, bbox.min().y], [bbox.max().x, bbox.max().y])
}

fn row_error(
    predicate: Predicate,
    side: &str,
    keys: &GeomView,
    row: usize,
    error: GeomError,
) -> JoinError {
    let value = strabo_eval::preview_cell(&ColumnView::Geometry(*keys), row);
    JoinError(format!(
        "{}: {error} (row {row} of a batch of the {side} side: {value})",
        predicate.name()
    ))
}

#[cfg(test)]
mod tests;
