//! Equality of representation: the same type, the same coordinate dimensions, and the same
//! coordinates in the same order (`ST_OrderingEquals`).
use geo_traits::{
    CoordTrait, GeometryCollectionTrait, GeometryTrait, GeometryType, LineStringTrait, LineTrait,
    MultiLineStringTrait, MultiPointTrait, MultiPolygonTrait, PointTrait, PolygonTrait, RectTrait,
    TriangleTrait,
};

use crate::{Geo, GeometryVisitor};

/// Whether `a` and `b` are the same geometry written the same way, as PostGIS's
/// `ST_OrderingEquals`: the same type (a point is not a one-point multipoint), the same
/// coordinate dimensions (XY, XYZ, XYM or XYZM), the same number of parts, rings and
/// coordinates, and the same coordinates in the same order, Z and M included. A line and its
/// reverse, or a ring started at another vertex, are topologically equal ([`super::equals`])
/// but not ordering-equal.
///
/// Empty geometries are ordering-equal to empty geometries of the same type and dimensions
/// (`POINT EMPTY` to `POINT EMPTY`, not to `MULTIPOINT EMPTY`), and a collection's empty
/// members count. Coordinates are compared by value, except that NaN equals NaN: a point whose
/// coordinates are both NaN is the empty point (that is how WKB writes it). PostGIS compares the
/// bytes, so there `-0` differs from `0`; here they are equal, as in GEOS's `equalsIdentical`.
pub fn ordering_equals(a: &Geo, b: &Geo) -> bool {
    a.visit(First { b })
}

/// Reads `a`, then `b` with `a` in hand: each geometry is generic over how it is held.
struct First<'x, 'y> {
    b: &'x Geo<'y>,
}

impl GeometryVisitor for First<'_, '_> {
    type Output = bool;

    fn visit<G: GeometryTrait<T = f64>>(self, a: &G) -> bool {
        self.b.visit(Second { a })
    }
}

struct Second<'x, A> {
    a: &'x A,
}

impl<A: GeometryTrait<T = f64>> GeometryVisitor for Second<'_, A> {
    type Output = bool;

    fn visit<G: GeometryTrait<T = f64>>(self, b: &G) -> bool {
        same_geometry(self.a, b)
    }
}

fn same_geometry(a: &impl GeometryTrait<T = f64>, b: &impl GeometryTrait<T = f64>) -> bool {
    if a.dim() != b.dim() {
        return false;
    }
    match (a.as_type(), b.as_type()) {
        (GeometryType::Point(a), GeometryType::Point(b)) => same_point(a, b),
        (GeometryType::LineString(a), GeometryType::LineString(b)) => same_line(a, b),
        (GeometryType::Polygon(a), GeometryType::Polygon(b)) => same_polygon(a, b),
        (GeometryType::MultiPoint(a), GeometryType::MultiPoint(b)) => {
            same_all(a.points(), b.points(), |a, b| same_point(&a, &b))
        }
        (GeometryType::MultiLineString(a), GeometryType::MultiLineString(b)) => {
            same_all(a.line_strings(), b.line_strings(), |a, b| same_line(&a, &b))
        }
        (GeometryType::MultiPolygon(a), GeometryType::MultiPolygon(b)) => {
            same_all(a.polygons(), b.polygons(), |a, b| same_polygon(&a, &b))
        }
        (GeometryType::GeometryCollection(a), GeometryType::GeometryCollection(b)) => {
            same_all(a.geometries(), b.geometries(), |a, b| same_geometry(&a, &b))
        }
        (GeometryType::Rect(a), GeometryType::Rect(b)) => {
            same_coord(&a.min(), &b.min()) && same_coord(&a.max(), &b.max())
        }
        (GeometryType::Triangle(a), GeometryType::Triangle(b)) => {
            same_all(a.coords().into_iter(), b.coords().into_iter(), |a, b| {
                same_coord(&a, &b)
            })
        }
        (GeometryType::Line(a), GeometryType::Line(b)) => {
            same_coord(&a.start(), &b.start()) && same_coord(&a.end(), &b.end())
        }
        _ => false,
    }
}

/// Whether the two sequences have the same length and `same` holds pairwise.
fn same_all<T, U>(
    mut a: impl Iterator<Item = T>,
    mut b: impl Iterator<Item = U>,
    same: impl Fn(T, U) -> bool,
) -> bool {
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) => {
                if !same(a, b) {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

fn same_point(a: &impl PointTrait<T = f64>, b: &impl PointTrait<T = f64>) -> bool {
    match (coord_of(a), coord_of(b)) {
        (None, None) => true,
        (Some(a), Some(b)) => same_coord(&a, &b),
        _ => false,
    }
}

/// The coordinate of a point, `None` if it is empty (WKB writes that as NaN coordinates).
fn coord_of<P: PointTrait<T = f64>>(point: &P) -> Option<P::CoordType<'_>> {
    point
        .coord()
        .filter(|c| !(c.x().is_nan() && c.y().is_nan()))
}

fn same_line(a: &impl LineStringTrait<T = f64>, b: &impl LineStringTrait<T = f64>) -> bool {
    same_all(a.coords(), b.coords(), |a, b| same_coord(&a, &b))
}

fn same_polygon(a: &impl PolygonTrait<T = f64>, b: &impl PolygonTrait<T = f64>) -> bool {
    let same_exterior = match (a.exterior(), b.exterior()) {
        (Some(a), Some(b)) => same_line(&a, &b),
        (a, b) => a.is_none() && b.is_none(),
    };
    same_exterior && same_all(a.interiors(), b.interiors(), |a, b| same_line(&a, &b))
}

/// Whether two coordinates of the same dimensions are equal in every ordinate, NaN equal to
/// NaN.
fn same_coord(a: &impl CoordTrait<T = f64>, b: &impl CoordTrait<T = f64>) -> bool {
    (0..a.dim().size()).all(|i| match (a.nth(i), b.nth(i)) {
        (Some(x), Some(y)) => x == y || (x.is_nan() && y.is_nan()),
        (x, y) => x.is_none() && y.is_none(),
    })
}
