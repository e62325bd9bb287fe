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
use std::cmp::Ordering;

use geo_index::rtree::sort::HilbertSort;
use geo_index::rtree::{RTree, RTreeBuilder, RTreeIndex};
use smallvec::{smallvec, SmallVec};
use strabo_columnar::{ColumnView, GeomView};
use strabo_geom::relate::{self, Invalid};
use strabo_geom::{Geo, GeomError, Prepared, Rect};

pub mod partition;

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
    /// The distance is at most `distance` (`st_dwithin(a, b, d)`, `st_distance(a, b) <= d`), or
    /// below it when not `inclusive` (`st_distance(a, b) < d`), measured as `metric` measures.
    WithinDistance {
        distance: f64,
        inclusive: bool,
        metric: Metric,
    },
    /// `st_knn(q, o, k)`: for each probed geometry, the `k` nearest indexed ones as `metric`
    /// measures, and every one as near as the `k`-th (ties are all kept, so that the answer
    /// does not depend on the order of the rows).
    Nearest {
        k: u32,
        metric: Metric,
    },
}

/// How a distance join measures, as the function of its condition does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// `st_distance`: in the plane, in the units of the coordinates.
    Planar,
    /// `st_distanceSphere`: metres on the sphere, for longitude/latitude.
    Sphere,
    /// `st_distanceSpheroid`: metres on the WGS84 spheroid, for longitude/latitude.
    Spheroid,
}

/// Fewer metres than a radian of arc spans on the sphere of `st_distanceSphere` or along any
/// geodesic of the WGS84 spheroid (its meridional radius at the equator is 6,335,439 m), so
/// that `distance / ARC_RADIUS` bounds the angle a distance spans.
const ARC_RADIUS: f64 = 6_335_000.0;

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
            Predicate::Nearest { .. } => "st_knn",
            Predicate::WithinDistance {
                metric, inclusive, ..
            } => match metric {
                Metric::Planar if inclusive => "st_dwithin",
                Metric::Planar => "st_distance",
                Metric::Sphere => "st_distanceSphere",
                Metric::Spheroid => "st_distanceSpheroid",
            },
        }
    }

    /// Pairs at most (`inclusive`) or less than `distance` apart as `metric` measures; the
    /// distance must be 0 or more.
    pub fn within_distance(
        distance: f64,
        inclusive: bool,
        metric: Metric,
    ) -> Result<Predicate, JoinError> {
        let predicate = Predicate::WithinDistance {
            distance,
            inclusive,
            metric,
        };
        if distance.is_nan() || distance < 0.0 {
            return Err(JoinError(format!(
                "{}: the distance must be 0 or more, got {distance}",
                predicate.name()
            )));
        }
        Ok(predicate)
    }

    /// The `k` nearest as `metric` measures; `k` must be 1 or more.
    pub fn nearest(k: i64, metric: Metric) -> Result<Predicate, JoinError> {
        match u32::try_from(k) {
            Ok(k) if k > 0 => Ok(Predicate::Nearest { k, metric }),
            _ => Err(JoinError(format!("st_knn: k must be 1 or more, got {k}"))),
        }
    }

    /// The predicate a SQL function name denotes, case-insensitively.
    pub fn named(name: &str) -> Option<Predicate> {
        Predicate::TOPOLOGICAL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name))
    }

    /// Whether `a` and `b` satisfy the predicate. A refusal names the argument at fault when
    /// there is one (a relation's invalid polygon), not when the pair is (an edge between
    /// antipodes on the sphere).
    pub fn holds(self, a: &Geo, b: &Geo) -> Result<bool, (Option<usize>, GeomError)> {
        let Predicate::WithinDistance {
            distance: limit,
            inclusive,
            metric,
        } = self
        else {
            return self.relation()(a, b).map_err(|i| (Some(i.arg), i.error));
        };
        let within = |d: f64| if inclusive { d <= limit } else { d < limit };
        metric
            .measure(a, b)
            .map(|d| d.is_some_and(within))
            .map_err(|e| (None, e))
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
            Predicate::WithinDistance { .. } | Predicate::Nearest { .. } => {
                unreachable!("a distance is no relation")
            }
        }
    }

    /// Whether the predicate measures on the sphere or spheroid, in longitude/latitude.
    fn spherical(self) -> bool {
        matches!(
            self,
            Predicate::WithinDistance {
                metric: Metric::Sphere | Metric::Spheroid,
                ..
            } | Predicate::Nearest {
                metric: Metric::Sphere | Metric::Spheroid,
                ..
            }
        )
    }

    /// The spherical metric and its distance, for a distance join on the sphere or spheroid.
    fn on_the_sphere(self) -> Option<f64> {
        match self {
            Predicate::WithinDistance {
                distance,
                metric: Metric::Sphere | Metric::Spheroid,
                ..
            } => Some(distance),
            _ => None,
        }
    }

    /// The box an indexed geometry whose box is `bbox` is indexed by: `bbox` itself, or on the
    /// sphere the point's, its longitude wrapped; `None` where no box bounds it (see
    /// [`Predicate::search_boxes`]).
    fn indexed_box(self, bbox: &Rect<f64>) -> Option<SearchBox> {
        if !self.spherical() {
            return Some(rect_box(bbox));
        }
        spherical_point(bbox).map(|p| [p.x, p.y, p.x, p.y])
    }

    /// The boxes in which an indexed box must lie to match a probed geometry whose box is
    /// `bbox`: the box itself, grown by a planar distance; on the sphere, for a point, every
    /// box of longitude/latitude within the distance, around the antimeridian too. `None` where
    /// no such bound is kept (a geometry other than a point on the sphere, whose great-circle
    /// edges leave its box, or coordinates out of range): every indexed row is then a candidate.
    fn search_boxes(self, bbox: &Rect<f64>) -> Option<SearchBoxes> {
        let (min, max) = (bbox.min(), bbox.max());
        let planar_reach = match self {
            Predicate::WithinDistance {
                distance,
                metric: Metric::Planar,
                ..
            } => distance,
            _ => 0.0,
        };
        let Some(distance) = self.on_the_sphere() else {
            return Some(smallvec![[
                min.x - planar_reach,
                min.y - planar_reach,
                max.x + planar_reach,
                max.y + planar_reach,
            ]]);
        };
        let min = spherical_point(bbox)?;
        let angle = distance / ARC_RADIUS;
        let lat = min.y.to_radians();
        if lat.abs() + angle >= std::f64::consts::FRAC_PI_2 {
            // A pole lies within reach: any longitude may.
            let reach = angle.to_degrees();
            return Some(smallvec![[
                f64::NEG_INFINITY,
                min.y - reach,
                f64::INFINITY,
                min.y + reach,
            ]]);
        }
        // The widest longitude a cap of radius `angle` around a point at `lat` spans.
        let lon_reach = (angle.sin() / lat.cos()).asin().to_degrees();
        let lat_reach = angle.to_degrees();
        // The box, and its copies a turn east or west where it crosses the antimeridian: an
        // indexed point's longitude is in [-180, 180), so other copies would find nothing (and
        // would send the row to the cells at the edges of a partitioned join).
        Some(
            [-360.0, 0.0, 360.0]
                .map(|shift| {
                    [
                        min.x + shift - lon_reach,
                        min.y - lat_reach,
                        min.x + shift + lon_reach,
                        min.y + lat_reach,
                    ]
                })
                .into_iter()
                .filter(|b| b[2] >= -180.0 && b[0] < 180.0)
                .collect(),
        )
    }
}

/// The point whose box is `bbox`, its longitude wrapped into [-180, 180) as the spherical
/// measures read it, if it is a point whose latitude is not beyond a pole (the measures reflect
/// those across it, which the search does not bound).
fn spherical_point(bbox: &Rect<f64>) -> Option<strabo_geom::Coord<f64>> {
    let point = bbox.min();
    (point == bbox.max() && point.x.is_finite() && (-90.0..=90.0).contains(&point.y)).then(|| {
        strabo_geom::Coord {
            x: (point.x + 180.0).rem_euclid(360.0) - 180.0,
            y: point.y,
        }
    })
}

impl Metric {
    /// The distance between `a` and `b`; `None` when either is empty.
    fn measure(self, a: &Geo, b: &Geo) -> Result<Option<f64>, GeomError> {
        match self {
            Metric::Planar => Ok(strabo_geom::distance::distance(a, b)),
            Metric::Sphere => strabo_geom::spherical::distance_sphere(a, b),
            Metric::Spheroid => strabo_geom::spherical::distance_spheroid(a, b),
        }
    }
}

/// More metres than any two points of the sphere or spheroid are apart along it.
const BEYOND_ANY_DISTANCE: f64 = 20_100_000.0;

/// About how many metres a degree of latitude spans.
const METRES_PER_DEGREE: f64 = 111_000.0;

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

/// A box to search the index with, or a cell of a partitioned join: min x, min y, max x, max y.
pub type SearchBox = [f64; 4];

/// The boxes a probe searches: one, or three around the antimeridian; kept off the heap, as a
/// probe makes them for every row.
pub type SearchBoxes = SmallVec<[SearchBox; 3]>;

/// Indexes of at most this many boxes are searched box by box rather than through their tree.
const SCANNED_ROWS: usize = 32;

/// Whether two boxes meet, as the R-tree's search decides it (a NaN bound meets everything).
fn meets(a: &SearchBox, b: &SearchBox) -> bool {
    !(a[2] < b[0] || a[3] < b[1] || a[0] > b[2] || a[1] > b[3])
}

/// The whole plane.
const EVERYWHERE: SearchBox = [
    f64::NEG_INFINITY,
    f64::NEG_INFINITY,
    f64::INFINITY,
    f64::INFINITY,
];

pub(crate) fn rect_box(rect: &Rect<f64>) -> SearchBox {
    [rect.min().x, rect.min().y, rect.max().x, rect.max().y]
}

/// The box of two boxes.
pub(crate) fn union(a: SearchBox, b: &SearchBox) -> SearchBox {
    [
        a[0].min(b[0]),
        a[1].min(b[1]),
        a[2].max(b[2]),
        a[3].max(b[3]),
    ]
}

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

    /// Packs the R-tree of every non-empty row's bounding box. On the sphere only points in
    /// range are indexed; other geometries are candidates for every probed row.
    pub fn finish(self) -> SpatialIndex {
        self.finish_for(None)
    }

    /// The index of one cell of a partitioned join (see [`partition`]): it finds only the pairs
    /// whose reference point lies in `cell`, so that a pair found in several cells is kept once.
    pub fn finish_for_cell(self, cell: SearchBox) -> SpatialIndex {
        self.finish_for(Some(cell))
    }

    fn finish_for(self, cell: Option<SearchBox>) -> SpatialIndex {
        let mut empty_rows = Vec::new();
        let mut unbounded_rows = Vec::new();
        let mut boxes = vec![EVERYWHERE; self.geometries.len()];
        let mut tree_rows = Vec::with_capacity(self.geometries.len());
        for (row, geometry) in self.geometries.iter().enumerate() {
            let Some(geometry) = geometry else { continue };
            match geometry.prepared.as_geo().bbox() {
                Some(bbox) => match self.predicate.indexed_box(&bbox) {
                    Some(indexed_box) => {
                        boxes[row] = indexed_box;
                        tree_rows.push(row as u32);
                    }
                    None => unbounded_rows.push(row as u32),
                },
                None => empty_rows.push(row as u32),
            }
        }
        let extent = tree_rows
            .iter()
            .map(|&row| boxes[row as usize])
            .reduce(|extent, b| union(extent, &b));
        let nan_boxes = tree_rows
            .iter()
            .any(|&row| boxes[row as usize].iter().any(|b| b.is_nan()));
        let tree = (!tree_rows.is_empty()).then(|| {
            let mut builder = RTreeBuilder::<f64>::new(tree_rows.len() as u32);
            for &row in &tree_rows {
                let [min_x, min_y, max_x, max_y] = boxes[row as usize];
                builder.add(min_x, min_y, max_x, max_y);
            }
            builder.finish::<HilbertSort>()
        });
        SpatialIndex {
            predicate: self.predicate,
            indexed: self.indexed,
            tree,
            tree_rows,
            geometries: self.geometries,
            boxes,
            extent,
            nan_boxes,
            empty_rows,
            unbounded_rows,
            cell,
        }
    }
}

/// The build side, indexed: immutable, shared by the tasks that probe it.
pub struct SpatialIndex {
    predicate: Predicate,
    indexed: IndexedArg,
    /// A packed Hilbert R-tree of the indexed boxes; its items are numbered as `tree_rows`.
    tree: Option<RTree<f64>>,
    /// The row of each item of the tree.
    tree_rows: Vec<u32>,
    geometries: Vec<Option<Indexed>>,
    /// Each row's indexed box; the whole plane for unbounded rows.
    boxes: Vec<SearchBox>,
    /// The box of the indexed boxes, if any row is in the tree.
    extent: Option<SearchBox>,
    /// Whether a box in the tree has a NaN bound, which `extent` leaves out.
    nan_boxes: bool,
    empty_rows: Vec<u32>,
    /// Rows no box bounds (see [`Predicate::search_boxes`]), candidates for every probed row.
    unbounded_rows: Vec<u32>,
    /// The cell of a partitioned join this index serves, if it serves one.
    cell: Option<SearchBox>,
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

    /// About how many bytes of memory the index holds: its geometries, prepared, and its tree.
    pub fn memory_bytes(&self) -> usize {
        let geometries: usize = self
            .geometries
            .iter()
            .flatten()
            .map(|g| g.prepared.memory_bytes())
            .sum();
        let tree = self.tree.as_ref().map_or(0, |t| t.as_ref().len());
        let rows = self.geometries.len() * (size_of::<Option<Indexed>>() + size_of::<SearchBox>());
        geometries + tree + rows + 4 * self.tree_rows.len()
    }

    /// The rows of `keys`, a batch of the probe side's key column, that satisfy the predicate
    /// with indexed rows, appended to `matches`. A NULL row matches nothing.
    pub fn probe(&self, keys: &GeomView, matches: &mut Matches) -> Result<(), JoinError> {
        // Reused from row to row.
        let (mut candidates, mut nearest) = (Vec::new(), Vec::new());
        for row in 0..keys.len() {
            if !keys.validity.is_valid(row) {
                continue;
            }
            let probe = keys
                .geo(row)
                .map_err(|e| row_error(self.predicate, "probe", keys, row, e))?;
            if let Predicate::Nearest { k, metric } = self.predicate {
                self.nearest(
                    keys,
                    row,
                    &probe,
                    (k, metric),
                    (&mut candidates, &mut nearest),
                    matches,
                )?;
                continue;
            }
            let bbox = probe.bbox();
            let search_boxes = bbox.and_then(|bbox| self.predicate.search_boxes(&bbox));
            match bbox {
                Some(_) => self.candidates(search_boxes.as_deref(), &mut candidates),
                None if self.predicate == Predicate::Equals => {
                    candidates.clone_from(&self.empty_rows)
                }
                None => continue,
            }
            if let (Some(cell), Some(_)) = (&self.cell, &bbox) {
                candidates.retain(|&build| {
                    partition::owns(cell, search_boxes.as_deref(), &self.boxes[build as usize])
                });
            }
            for &build in &candidates {
                let indexed = self.candidate(build, keys, row)?;
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
                    Err((arg, error)) => {
                        let indexed_arg = match self.indexed {
                            IndexedArg::First => 0,
                            IndexedArg::Second => 1,
                        };
                        let indexed_row = format!(
                            "indexed row {build}: {}",
                            strabo_eval::preview_geo(&build_geo, indexed.srid)
                        );
                        return Err(match arg {
                            Some(arg) if arg == indexed_arg => JoinError(format!(
                                "{}: {error} ({indexed_row})",
                                self.predicate.name()
                            )),
                            Some(_) => row_error(self.predicate, "probe", keys, row, error),
                            None => JoinError(format!(
                                "{}: {error} ({}, with {indexed_row})",
                                self.predicate.name(),
                                batch_row("probe", keys, row)
                            )),
                        });
                    }
                }
            }
        }
        Ok(())
    }
}

impl SpatialIndex {
    /// The indexed rows nearest to row `row` of `keys`, `probe`, appended to `matches`: the
    /// index is searched within a reach that grows fourfold until it holds `k` rows or every
    /// row. Every row within the reach is found, so the `k` nearest within it are the `k`
    /// nearest of all.
    fn nearest(
        &self,
        keys: &GeomView,
        row: usize,
        probe: &Geo,
        (k, metric): (u32, Metric),
        (candidates, found): (&mut Vec<u32>, &mut Vec<(f64, u32)>),
        matches: &mut Matches,
    ) -> Result<(), JoinError> {
        let Some(bbox) = probe.bbox() else {
            return Ok(());
        };
        let Some(extent) = self.extent.or_else(|| {
            // Only rows no box bounds: every one is a candidate at any reach.
            (!self.unbounded_rows.is_empty()).then_some(EVERYWHERE)
        }) else {
            return Ok(());
        };
        let (everything, mut reach) = self.reaches(&bbox, &extent, k, metric);
        loop {
            let within = Predicate::WithinDistance {
                distance: reach,
                inclusive: true,
                metric,
            };
            self.candidates(within.search_boxes(&bbox).as_deref(), candidates);
            found.clear();
            for &build in candidates.iter() {
                let indexed = self.candidate(build, keys, row)?;
                let build_geo = indexed.prepared.as_geo();
                let distance = metric.measure(probe, &build_geo).map_err(|error| {
                    JoinError(format!(
                        "st_knn: {error} ({}, with indexed row {build}: {})",
                        batch_row("probe", keys, row),
                        strabo_eval::preview_geo(&build_geo, indexed.srid)
                    ))
                })?;
                if let Some(d) = distance.filter(|&d| d <= reach) {
                    found.push((d, build));
                }
            }
            // A NaN reach ends the search too: such a probe is near nothing.
            let reached_everything = reach.partial_cmp(&everything) != Some(Ordering::Less);
            if found.len() >= k as usize || reached_everything {
                break;
            }
            reach *= 4.0;
        }
        found.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        if let Some(&(kth, _)) = found.get(k as usize - 1) {
            found.retain(|&(d, _)| d <= kth);
        }
        found.sort_unstable_by_key(|&(_, build)| build);
        for (_, build) in found.drain(..) {
            matches.probe.push(row as u32);
            matches.build.push(build);
        }
        Ok(())
    }

    /// The non-empty indexed rows whose boxes meet `search_boxes` (every one when `None`), and
    /// the rows no box bounds, into `candidates`, in order and once each (boxes searched around
    /// the antimeridian may find a row twice).
    fn candidates(&self, search_boxes: Option<&[SearchBox]>, candidates: &mut Vec<u32>) {
        candidates.clear();
        match (search_boxes, &self.tree, &self.extent) {
            (Some(boxes), Some(tree), Some(extent)) => {
                for search in boxes {
                    // Most probes of a small or far index end here, and a search of the tree
                    // allocates its queue and its results. A NaN bound, which the extent
                    // leaves out, meets everything in the tree: such rows are searched for.
                    if !self.nan_boxes && !meets(search, extent) {
                        continue;
                    }
                    if self.tree_rows.len() <= SCANNED_ROWS {
                        let rows = self.tree_rows.iter();
                        candidates
                            .extend(rows.filter(|&&row| meets(search, &self.boxes[row as usize])));
                    } else {
                        let [min_x, min_y, max_x, max_y] = *search;
                        let items = tree.search(min_x, min_y, max_x, max_y);
                        candidates.extend(items.iter().map(|&i| self.tree_rows[i as usize]));
                    }
                }
            }
            (Some(_), _, _) => {}
            (None, _, _) => candidates.extend_from_slice(&self.tree_rows),
        }
        candidates.extend_from_slice(&self.unbounded_rows);
        candidates.sort_unstable();
        candidates.dedup();
    }

    /// Indexed row `build`, a candidate for row `row` of `keys`, refused when their SRIDs differ.
    fn candidate(&self, build: u32, keys: &GeomView, row: usize) -> Result<&Indexed, JoinError> {
        let indexed = self.geometries[build as usize]
            .as_ref()
            .expect("only non-NULL rows are candidates");
        let srid = keys.srid(row);
        if indexed.srid != srid {
            let error = GeomError::MixedSrid(indexed.srid, srid);
            return Err(row_error(self.predicate, "probe", keys, row, error));
        }
        Ok(indexed)
    }

    /// A reach within which every indexed row lies from a probe whose box is `bbox`, and the
    /// reach to start with: the distance to the indexed rows' box, plus the radius that holds
    /// `k` rows where they are spread evenly over it.
    fn reaches(&self, bbox: &Rect<f64>, extent: &SearchBox, k: u32, metric: Metric) -> (f64, f64) {
        let (min, max) = (bbox.min(), bbox.max());
        let (width, height) = (extent[2] - extent[0], extent[3] - extent[1]);
        let rows = (self.tree_rows.len() + self.unbounded_rows.len()).max(1) as f64;
        // Half as wide again as the radius that holds k rows evenly spread: a search then holds k
        // rows in all but a few percent of probes, which would otherwise search twice.
        let spread = 1.5 * (k as f64 * width * height / (std::f64::consts::PI * rows)).sqrt();
        let gap_x = (extent[0] - max.x).max(min.x - extent[2]).max(0.0);
        let gap_y = (extent[1] - max.y).max(min.y - extent[3]).max(0.0);
        let start = gap_x.hypot(gap_y) + spread;
        match metric {
            Metric::Planar => {
                let far_x = (max.x - extent[0]).max(extent[2] - min.x);
                let far_y = (max.y - extent[1]).max(extent[3] - min.y);
                let everything = far_x.hypot(far_y);
                let start = if start > 0.0 {
                    start
                } else {
                    everything * 1e-6
                };
                (everything, start.max(f64::MIN_POSITIVE))
            }
            Metric::Sphere | Metric::Spheroid => {
                let start = if start.is_finite() {
                    start * METRES_PER_DEGREE
                } else {
                    0.0
                };
                (BEYOND_ANY_DISTANCE, start.max(1.0))
            }
        }
    }
}

fn row_error(
    predicate: Predicate,
    side: &str,
    keys: &GeomView,
    row: usize,
    error: GeomError,
) -> JoinError {
    JoinError(format!(
        "{}: {error} ({})",
        predicate.name(),
        batch_row(side, keys, row)
    ))
}

/// Row `row` of a batch of keys, as an error message shows it.
fn batch_row(side: &str, keys: &GeomView, row: usize) -> String {
    let value = strabo_eval::preview_cell(&ColumnView::Geometry(*keys), row);
    format!("row {row} of a batch of the {side} side: {value}")
}

#[cfg(test)]
mod tests;
