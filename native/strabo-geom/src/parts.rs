//! What the geometry-processing kernels share: the checked 2D shape, its parts by dimension,
//! the parameter checks, and the empty results `geo` has no value for.
use std::borrow::Cow;

use geo::{Coord, Geometry, GeometryCollection, LineString, Point, Polygon};

use geo_traits::{GeometryTrait, GeometryType};

use crate::{Geo, GeomError, GeometryVisitor};

/// The 2D shape of `geometry` with every coordinate finite, or `None` if it is empty. The
/// processing algorithms order and compare coordinates, which NaN and infinities break.
pub(crate) fn finite_shape<'a>(
    geometry: &'a Geo,
) -> Result<Option<Cow<'a, Geometry<f64>>>, GeomError> {
    let Some(shape) = geometry.shape() else {
        return Ok(None);
    };
    crate::value::check_finite(&shape)?;
    Ok(Some(shape))
}

/// Refuses a tolerance or distance that is negative, NaN or infinite.
pub(crate) fn non_negative(name: &str, value: f64) -> Result<f64, GeomError> {
    if value.is_finite() && value >= 0.0 {
        return Ok(value);
    }
    Err(GeomError::InvalidParameter(format!(
        "{name} must be a finite number >= 0, got {value}"
    )))
}

/// One non-empty atom of a geometry: what multi-geometries and collections are made of.
pub(crate) enum Part<'a> {
    Point(Coord<f64>),
    Line(&'a LineString<f64>),
    Polygon(&'a Polygon<f64>),
}

/// Calls `visit` with every non-empty point, line string and polygon of `shape`, in order,
/// descending into multi-geometries and collections.
pub(crate) fn for_each_part(shape: &Geometry<f64>, visit: &mut dyn FnMut(Part<'_>)) {
    match shape {
        Geometry::Point(p) => visit(Part::Point(p.0)),
        Geometry::MultiPoint(ps) => ps.iter().for_each(|p| visit(Part::Point(p.0))),
        Geometry::LineString(l) => line(l, visit),
        Geometry::MultiLineString(ls) => ls.iter().for_each(|l| line(l, visit)),
        Geometry::Polygon(p) => polygon(p, visit),
        Geometry::MultiPolygon(ps) => ps.iter().for_each(|p| polygon(p, visit)),
        Geometry::GeometryCollection(parts) => {
            parts.iter().for_each(|part| for_each_part(part, visit))
        }
        Geometry::Line(l) => line(&LineString::from(vec![l.start, l.end]), visit),
        Geometry::Rect(r) => polygon(&r.to_polygon(), visit),
        Geometry::Triangle(t) => polygon(&t.to_polygon(), visit),
    }
}

fn line(l: &LineString<f64>, visit: &mut dyn FnMut(Part<'_>)) {
    if !l.0.is_empty() {
        visit(Part::Line(l))
    }
}

fn polygon(p: &Polygon<f64>, visit: &mut dyn FnMut(Part<'_>)) {
    if !p.exterior().0.is_empty() {
        visit(Part::Polygon(p))
    }
}

/// The dimension of the highest-dimension non-empty part (0 points, 1 lines, 2 polygons), as
/// GEOS's `getDimension` over non-empty components; `None` if there is none.
pub(crate) fn dimension(shape: &Geometry<f64>) -> Option<u8> {
    let mut highest = None;
    for_each_part(shape, &mut |part| {
        let d = match part {
            Part::Point(_) => 0,
            Part::Line(_) => 1,
            Part::Polygon(_) => 2,
        };
        highest = highest.max(Some(d));
    });
    highest
}

/// Every vertex of `shape`, closing points of rings included, in order.
pub(crate) fn vertices(shape: &Geometry<f64>) -> Vec<Coord<f64>> {
    use geo::CoordsIter;
    shape.coords_iter().collect()
}

/// `POINT EMPTY`: ISO WKB writes a point with NaN coordinates, which is how an empty point is
/// written and read (`Geo::read` and PostGIS read it as `POINT EMPTY`).
pub(crate) fn empty_point() -> Geometry<f64> {
    Geometry::Point(Point::new(f64::NAN, f64::NAN))
}

/// `GEOMETRYCOLLECTION EMPTY`.
pub(crate) fn empty_collection() -> Geometry<f64> {
    Geometry::GeometryCollection(GeometryCollection(Vec::new()))
}

/// The signed area of a closed ring: positive when it winds counter-clockwise.
pub(crate) fn ring_signed_area(ring: &[Coord<f64>]) -> f64 {
    let Some(&origin) = ring.first() else {
        return 0.0;
    };
    let mut twice = 0.0;
    for pair in ring.windows(2) {
        let (a, b) = (pair[0] - origin, pair[1] - origin);
        twice += a.x * b.y - b.x * a.y;
    }
    twice / 2.0
}

/// The type of a geometry, empty or not.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Point,
    Line,
    Polygon,
    MultiPoint,
    Lines,
    Polygons,
    Collection,
}

struct KindOf;

impl GeometryVisitor for KindOf {
    type Output = Kind;
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Kind {
        match geometry.as_type() {
            GeometryType::Point(_) => Kind::Point,
            GeometryType::LineString(_) | GeometryType::Line(_) => Kind::Line,
            GeometryType::Polygon(_) | GeometryType::Rect(_) | GeometryType::Triangle(_) => {
                Kind::Polygon
            }
            GeometryType::MultiPoint(_) => Kind::MultiPoint,
            GeometryType::MultiLineString(_) => Kind::Lines,
            GeometryType::MultiPolygon(_) => Kind::Polygons,
            GeometryType::GeometryCollection(_) => Kind::Collection,
        }
    }
}

/// The type of `geometry`, empty or not.
pub(crate) fn kind_of(geometry: &Geo) -> Kind {
    geometry.visit(KindOf)
}

/// The empty geometry of a type, as `geo` can hold it (`POINT EMPTY` as [`empty_point`]).
pub(crate) fn empty_of(kind: Kind) -> Geometry<f64> {
    match kind {
        Kind::Point => empty_point(),
        Kind::Line => Geometry::LineString(LineString(Vec::new())),
        Kind::Polygon => Geometry::Polygon(Polygon::new(LineString(Vec::new()), Vec::new())),
        Kind::MultiPoint => Geometry::MultiPoint(geo::MultiPoint(Vec::new())),
        Kind::Lines => Geometry::MultiLineString(geo::MultiLineString(Vec::new())),
        Kind::Polygons => Geometry::MultiPolygon(geo::MultiPolygon(Vec::new())),
        Kind::Collection => empty_collection(),
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Topological comparison of results with the oracles' answers.
    use geo::{Geometry, MultiPolygon};

    use crate::testing::{geo, wkb};

    /// The shape of a WKT text.
    pub(crate) fn shape(text: &str) -> Geometry<f64> {
        geo(&wkb(text))
            .shape()
            .expect("a non-empty geometry")
            .into_owned()
    }

    /// The polygons of a polygonal shape.
    pub(crate) fn polygons(shape: &Geometry<f64>) -> MultiPolygon<f64> {
        let mut out = Vec::new();
        super::for_each_part(shape, &mut |part| {
            if let super::Part::Polygon(p) = part {
                out.push(p.clone())
            }
        });
        MultiPolygon(out)
    }

    /// The coordinates of every part, each part's ring or line rotated to start at its least
    /// vertex and wound one way: equal, in some order, for geometries that differ only in the
    /// order of their parts, the start of their rings and their winding.
    pub(crate) fn normalized(shape: &Geometry<f64>) -> Vec<Vec<(f64, f64)>> {
        let mut out = Vec::new();
        let xy = |c: &geo::Coord<f64>| (c.x, c.y);
        let ring = |coords: &[geo::Coord<f64>]| {
            let mut ring: Vec<(f64, f64)> = coords[..coords.len() - 1].iter().map(xy).collect();
            if super::ring_signed_area(coords) < 0.0 {
                ring.reverse();
            }
            let start = (0..ring.len())
                .min_by(|&a, &b| ring[a].partial_cmp(&ring[b]).unwrap())
                .unwrap_or(0);
            ring.rotate_left(start);
            ring
        };
        super::for_each_part(shape, &mut |part| match part {
            super::Part::Point(c) => out.push(vec![xy(&c)]),
            super::Part::Line(l) => {
                let mut line: Vec<(f64, f64)> = l.0.iter().map(xy).collect();
                if line.last() < line.first() {
                    line.reverse();
                }
                out.push(line)
            }
            super::Part::Polygon(p) => {
                let mut rings = vec![ring(&p.exterior().0)];
                let mut holes: Vec<_> = p.interiors().iter().map(|h| ring(&h.0)).collect();
                holes.sort_by(|a, b| a.partial_cmp(b).unwrap());
                rings.extend(holes);
                out.push(rings.concat())
            }
        });
        out
    }

    /// Asserts that `actual` has the parts of the WKT `expected`, in any order (see
    /// [`normalized`]), coordinates equal to a relative 1e-9.
    pub(crate) fn assert_same_parts(actual: &Geometry<f64>, expected: &str) {
        let close = |a: &[(f64, f64)], b: &[(f64, f64)]| {
            a.len() == b.len()
                && a.iter().zip(b).all(|(p, q)| {
                    (p.0 - q.0).abs() <= 1e-9 * (1.0 + q.0.abs())
                        && (p.1 - q.1).abs() <= 1e-9 * (1.0 + q.1.abs())
                })
        };
        let mut unmatched = normalized(actual);
        let wanted = normalized(&shape_or_empty(expected));
        let complaint = || {
            format!(
                "got {}, expected {expected}",
                crate::testing::text_of(actual)
            )
        };
        assert_eq!(unmatched.len(), wanted.len(), "{}", complaint());
        for part in &wanted {
            let at = unmatched.iter().position(|p| close(p, part));
            let at = at.unwrap_or_else(|| panic!("no part {part:?}: {}", complaint()));
            unmatched.swap_remove(at);
        }
    }

    /// The shape of a WKT text; an empty collection for an empty geometry.
    fn shape_or_empty(text: &str) -> Geometry<f64> {
        geo(&wkb(text))
            .shape()
            .map_or_else(super::empty_collection, |s| s.into_owned())
    }
}
