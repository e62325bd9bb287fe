//! A geometry split by dimension into areas, lines and points, as the predicates relate it.
//!
//! A collection is the union of its members, as in GEOS: a point of the plane lies in the
//! collection's highest dimension there, in an area (its interior, or its boundary unless
//! other polygons surround the point) before a line, and on a line before a point. Polygons
//! may overlap or share edges; they are kept as they are, not unioned, so that no coordinate
//! moves. Lines whose coordinates are all equal are points, as in GEOS.
use foldhash::{HashMap, HashMapExt, HashSet};
use std::borrow::Cow;
use std::cell::OnceCell;

use geo::coordinate_position::CoordPos;
use geo::dimensions::Dimensions;
use geo::winding_order::{Winding, WindingOrder};
use geo::{Coord, CoordinatePosition, Geometry, Intersects, LineString, Polygon};

/// A coordinate as a hash key: its bits, -0 read as 0.
type Key = (u64, u64);

fn key(c: Coord<f64>) -> Key {
    ((c.x + 0.0).to_bits(), (c.y + 0.0).to_bits())
}

/// What a path of the linework is: a line, or the `ring`-th ring (0 for the shell) of the
/// `polygon`-th polygon, with the polygon's interior on one side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Line,
    Ring {
        polygon: usize,
        ring: usize,
        interior_on_left: bool,
    },
}

pub(super) struct Parts<'a> {
    polygons: Vec<Cow<'a, Polygon<f64>>>,
    /// There are several polygons, which may overlap or share edges (in a collection, or an
    /// invalid multipolygon): the area is their union.
    pub(super) overlapping: bool,
    /// For each non-empty ring, in [`Parts::paths`] order: whether its polygon is on its left.
    /// Found when first walked: locating points does not need it.
    interior_on_left: OnceCell<Vec<bool>>,
    /// Lines with a length.
    lines: Vec<Cow<'a, LineString<f64>>>,
    /// Points, and lines without a length.
    points: Vec<Coord<f64>>,
    point_keys: HashSet<Key>,
    /// The ends of the lines, with how many lines end there (twice for a closed one).
    ends: HashMap<Key, (Coord<f64>, usize)>,
}

impl<'a> Parts<'a> {
    /// The parts of `shape`, borrowed from it.
    pub(super) fn of(shape: &'a Geometry<f64>) -> Parts<'a> {
        let mut polygons = Vec::new();
        let mut lines = Vec::new();
        let mut points = Vec::new();
        collect(shape, &mut polygons, &mut lines, &mut points);
        let mut ends = HashMap::new();
        for line in &lines {
            for end in [line.0[0], line.0[line.0.len() - 1]] {
                ends.entry(key(end)).or_insert((end, 0)).1 += 1;
            }
        }
        Parts {
            overlapping: polygons.len() > 1,
            polygons,
            interior_on_left: OnceCell::new(),
            lines,
            point_keys: points.iter().map(|&p| key(p)).collect(),
            points,
            ends,
        }
    }

    /// The dimension of the non-empty parts (GEOS's "real" dimension).
    pub(super) fn dimension(&self) -> Dimensions {
        if !self.polygons.is_empty() {
            Dimensions::TwoDimensional
        } else if !self.lines.is_empty() {
            Dimensions::OneDimensional
        } else if !self.points.is_empty() {
            Dimensions::ZeroDimensional
        } else {
            Dimensions::Empty
        }
    }

    /// The dimension of the boundary: the rings of the areas, the ends of an odd number of lines
    /// (the mod-2 rule), or nothing.
    pub(super) fn boundary_dimension(&self) -> Dimensions {
        if !self.polygons.is_empty() {
            Dimensions::OneDimensional
        } else if self.ends.values().any(|&(_, count)| count % 2 == 1) {
            Dimensions::ZeroDimensional
        } else {
            Dimensions::Empty
        }
    }

    pub(super) fn polygon_count(&self) -> usize {
        self.polygons.len()
    }

    /// The linework: every line, then every ring of the areas.
    pub(super) fn paths(&self) -> impl Iterator<Item = (&[Coord<f64>], Kind)> + '_ {
        let interior_on_left = self.interior_on_left.get_or_init(|| {
            let sides = self.polygons.iter().flat_map(|polygon| {
                rings(polygon).enumerate().map(|(i, ring)| {
                    let counter_clockwise = ring.winding_order() != Some(WindingOrder::Clockwise);
                    counter_clockwise == (i == 0)
                })
            });
            sides.collect()
        });
        let lines = self.lines.iter().map(|l| (l.0.as_slice(), Kind::Line));
        let rings = self
            .polygons
            .iter()
            .enumerate()
            .flat_map(|(polygon, p)| rings(p).enumerate().map(move |r| (polygon, r)))
            .zip(interior_on_left)
            .map(|((polygon, (ring, coords)), &interior_on_left)| {
                let kind = Kind::Ring {
                    polygon,
                    ring,
                    interior_on_left,
                };
                (coords.0.as_slice(), kind)
            });
        lines.chain(rings)
    }

    /// The points (and lines without a length), and the ends of the lines.
    pub(super) fn points(&self) -> impl Iterator<Item = Coord<f64>> + '_ {
        let ends = self.ends.values().map(|&(c, _)| c);
        self.points.iter().copied().chain(ends)
    }

    /// Whether `c` is inside a polygon, on a ring (of any polygon, as none contains it), or
    /// outside them; by scanning the rings.
    pub(super) fn locate_in_polygons(&self, c: Coord<f64>) -> CoordPos {
        let mut position = CoordPos::Outside;
        for polygon in &self.polygons {
            match polygon.coordinate_position(&c) {
                CoordPos::Inside => return CoordPos::Inside,
                CoordPos::OnBoundary => position = CoordPos::OnBoundary,
                CoordPos::Outside => {}
            }
        }
        position
    }

    /// Whether `c` is on a line, by scanning them.
    pub(super) fn on_line(&self, c: Coord<f64>) -> bool {
        self.lines
            .iter()
            .any(|line| line.lines().any(|segment| segment.intersects(&c)))
    }

    /// Whether `c` is one of the points (or lines without a length).
    pub(super) fn has_point(&self, c: Coord<f64>) -> bool {
        self.point_keys.contains(&key(c))
    }

    /// The ends of an odd number of lines: the boundary, when there are no areas.
    pub(super) fn boundary_points(&self) -> impl Iterator<Item = Coord<f64>> + '_ {
        self.ends
            .values()
            .filter(|&&(_, count)| count % 2 == 1)
            .map(|&(c, _)| c)
    }

    /// Where `c`, which no area covers, lies on the lines (the ends of an odd number of them are
    /// their boundary: the mod-2 rule) or the points; `on_line` tells whether it is on a line,
    /// which the caller finds through its index.
    pub(super) fn locate_off_areas(&self, c: Coord<f64>, on_line: bool) -> CoordPos {
        match self.ends.get(&key(c)) {
            Some((_, count)) if count % 2 == 1 => CoordPos::OnBoundary,
            Some(_) => CoordPos::Inside,
            None if on_line || self.point_keys.contains(&key(c)) => CoordPos::Inside,
            None => CoordPos::Outside,
        }
    }
}

/// The non-empty rings of a polygon, shell first.
fn rings(polygon: &Polygon<f64>) -> impl Iterator<Item = &LineString<f64>> {
    std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .filter(|ring| !ring.0.is_empty())
}

fn collect<'a>(
    shape: &'a Geometry<f64>,
    polygons: &mut Vec<Cow<'a, Polygon<f64>>>,
    lines: &mut Vec<Cow<'a, LineString<f64>>>,
    points: &mut Vec<Coord<f64>>,
) {
    match shape {
        Geometry::Point(p) => points.push(p.0),
        Geometry::MultiPoint(ps) => points.extend(ps.iter().map(|p| p.0)),
        Geometry::Line(l) => add_line(
            Cow::Owned(LineString::from(vec![l.start, l.end])),
            lines,
            points,
        ),
        Geometry::LineString(l) => add_line(Cow::Borrowed(l), lines, points),
        Geometry::MultiLineString(ls) => {
            for l in ls {
                add_line(Cow::Borrowed(l), lines, points);
            }
        }
        Geometry::Polygon(p) => polygons.extend(non_empty(p).map(Cow::Borrowed)),
        Geometry::MultiPolygon(ps) => {
            polygons.extend(ps.iter().filter_map(non_empty).map(Cow::Borrowed));
        }
        Geometry::Rect(r) => polygons.push(Cow::Owned(r.to_polygon())),
        Geometry::Triangle(t) => polygons.push(Cow::Owned(t.to_polygon())),
        Geometry::GeometryCollection(members) => {
            for member in members {
                collect(member, polygons, lines, points);
            }
        }
    }
}

/// Adds a line, or a point if all its coordinates are equal.
fn add_line<'a>(
    line: Cow<'a, LineString<f64>>,
    lines: &mut Vec<Cow<'a, LineString<f64>>>,
    points: &mut Vec<Coord<f64>>,
) {
    match line.0.first() {
        None => {}
        Some(&first) if line.0.iter().all(|&c| c == first) => points.push(first),
        Some(_) => lines.push(line),
    }
}

fn non_empty(polygon: &Polygon<f64>) -> Option<&Polygon<f64>> {
    (!polygon.exterior().0.is_empty()).then_some(polygon)
}
