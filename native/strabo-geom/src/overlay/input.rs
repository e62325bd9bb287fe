//! Geometries as the overlays read them: their atomic parts, empty ones included, since GEOS
//! decides result types from them; and results built the way GEOS builds them.
use geo::{BoundingRect, Coord, Geometry, GeometryCollection, LineString, Polygon, Rect};
use geo_traits::to_geo::{ToGeoLineString, ToGeoPolygon};
use geo_traits::{
    CoordTrait, GeometryCollectionTrait, GeometryTrait, GeometryType, LineTrait,
    MultiLineStringTrait, MultiPointTrait, MultiPolygonTrait, PointTrait, RectTrait, TriangleTrait,
};

use crate::{Geo, GeomError, GeometryVisitor};

/// A point, a line string or a polygon: what GEOS calls an element of a geometry. Multi-
/// geometries and collections are lists of them.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Member {
    /// `None` when empty.
    Point(Option<Coord<f64>>),
    Line(LineString<f64>),
    /// Empty when its shell is.
    Polygon(Polygon<f64>),
}

impl Member {
    pub(super) fn dimension(&self) -> i8 {
        match self {
            Member::Point(_) => 0,
            Member::Line(_) => 1,
            Member::Polygon(_) => 2,
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        match self {
            Member::Point(p) => p.is_none(),
            Member::Line(l) => l.0.is_empty(),
            Member::Polygon(p) => p.exterior().0.is_empty(),
        }
    }

    pub(super) fn to_geometry(&self) -> Geometry<f64> {
        match self {
            Member::Point(Some(c)) => Geometry::Point(geo::Point(*c)),
            Member::Point(None) => empty_of_dimension(0),
            Member::Line(l) => Geometry::LineString(l.clone()),
            Member::Polygon(p) => Geometry::Polygon(p.clone()),
        }
    }

    fn coords(&self) -> Box<dyn Iterator<Item = Coord<f64>> + '_> {
        match self {
            Member::Point(p) => Box::new(p.iter().copied()),
            Member::Line(l) => Box::new(l.0.iter().copied()),
            Member::Polygon(p) => Box::new(
                std::iter::once(p.exterior())
                    .chain(p.interiors())
                    .flat_map(|r| r.0.iter().copied()),
            ),
        }
    }
}

/// One argument of an overlay.
#[derive(Clone, Debug)]
pub(super) struct Input {
    /// The elements, in order, empty ones included.
    pub members: Vec<Member>,
    /// A GEOMETRYCOLLECTION (not a multi-geometry).
    pub is_collection: bool,
    /// GEOS's dimension: the highest of its elements' (empty ones count), -1 for an empty
    /// collection.
    pub dimension: i8,
    /// Whether it has exactly one non-empty element as GEOS counts them (a multi-geometry, or a
    /// nested collection with one, counts as one).
    pub single_element: bool,
}

impl Input {
    /// Reads `geometry`, refusing coordinates that are not finite (an empty point's NaNs aside).
    pub(super) fn of(geometry: &Geo) -> Result<Input, GeomError> {
        struct Read;
        impl GeometryVisitor for Read {
            type Output = Input;
            fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Input {
                Input::read(geometry)
            }
        }
        Input::checked(geometry.visit(Read))
    }

    /// Reads a geometry that an overlay of this module returned (or any `geo` shape).
    pub(super) fn of_shape(shape: &Geometry<f64>) -> Result<Input, GeomError> {
        Input::checked(Input::read(shape))
    }

    fn checked(input: Input) -> Result<Input, GeomError> {
        let bad = input
            .members
            .iter()
            .flat_map(Member::coords)
            .find(|c| !c.x.is_finite() || !c.y.is_finite());
        match bad {
            Some(c) => Err(GeomError::InvalidParameter(format!(
                "coordinates must be finite numbers, got ({} {})",
                c.x, c.y
            ))),
            None => Ok(input),
        }
    }

    fn read<G: GeometryTrait<T = f64>>(geometry: &G) -> Input {
        let mut members = Vec::new();
        let (dimension, single_element) = read_into(geometry, &mut members);
        Input {
            members,
            is_collection: matches!(geometry.as_type(), GeometryType::GeometryCollection(_)),
            dimension,
            single_element,
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.members.iter().all(Member::is_empty)
    }

    /// Whether its elements have different dimensions (GEOS's `isMixedDimension`).
    pub(super) fn is_mixed(&self) -> bool {
        self.members
            .windows(2)
            .any(|w| w[0].dimension() != w[1].dimension())
    }

    pub(super) fn bbox(&self) -> Option<Rect<f64>> {
        bbox_of(self.members.iter().flat_map(Member::coords))
    }
}

pub(super) fn bbox_of(coords: impl Iterator<Item = Coord<f64>>) -> Option<Rect<f64>> {
    let points: Vec<geo::Point<f64>> = coords.map(geo::Point).collect();
    geo::MultiPoint(points).bounding_rect()
}

/// Appends the elements of `geometry` to `members`; returns its GEOS dimension and whether it
/// has a single non-empty element.
fn read_into<G: GeometryTrait<T = f64>>(geometry: &G, members: &mut Vec<Member>) -> (i8, bool) {
    let start = members.len();
    let dimension = match geometry.as_type() {
        GeometryType::Point(p) => {
            members.push(Member::Point(point_coord(p)));
            0
        }
        GeometryType::LineString(l) => {
            members.push(Member::Line(l.to_line_string()));
            1
        }
        GeometryType::Polygon(p) => {
            members.push(Member::Polygon(p.to_polygon()));
            2
        }
        GeometryType::MultiPoint(ps) => {
            members.extend(ps.points().map(|p| Member::Point(point_coord(&p))));
            0
        }
        GeometryType::MultiLineString(ls) => {
            members.extend(ls.line_strings().map(|l| Member::Line(l.to_line_string())));
            1
        }
        GeometryType::MultiPolygon(ps) => {
            members.extend(ps.polygons().map(|p| Member::Polygon(p.to_polygon())));
            2
        }
        GeometryType::Rect(r) => {
            let rect = Rect::new(coord(&r.min()), coord(&r.max()));
            members.push(Member::Polygon(rect.to_polygon()));
            2
        }
        GeometryType::Triangle(t) => {
            let [a, b, c] = t.coords().map(|c| coord(&c));
            members.push(Member::Polygon(geo::Triangle::new(a, b, c).to_polygon()));
            2
        }
        GeometryType::Line(l) => {
            let line = LineString::from(vec![coord(&l.start()), coord(&l.end())]);
            members.push(Member::Line(line));
            1
        }
        GeometryType::GeometryCollection(collection) => {
            let mut dimension = -1;
            let mut found = 0;
            for part in collection.geometries() {
                let (d, single) = read_into(&part, members);
                dimension = dimension.max(d);
                found += usize::from(single);
            }
            return (dimension, found == 1);
        }
    };
    let single = members[start..].iter().any(|m| !m.is_empty());
    (dimension, single)
}

fn coord(c: &impl CoordTrait<T = f64>) -> Coord<f64> {
    Coord { x: c.x(), y: c.y() }
}

/// WKB writes an empty point as NaN coordinates.
fn point_coord(point: &impl PointTrait<T = f64>) -> Option<Coord<f64>> {
    point
        .coord()
        .map(|c| coord(&c))
        .filter(|c| !(c.x.is_nan() && c.y.is_nan()))
}

/// The empty geometry GEOS gives for an empty result of dimension `dimension`: a point, a line
/// string, a polygon, or (for -1) a collection.
pub(super) fn empty_of_dimension(dimension: i8) -> Geometry<f64> {
    match dimension {
        0 => Geometry::Point(geo::Point::new(f64::NAN, f64::NAN)),
        1 => Geometry::LineString(LineString(Vec::new())),
        2 => Geometry::Polygon(Polygon::empty()),
        _ => Geometry::GeometryCollection(GeometryCollection(Vec::new())),
    }
}

/// What GEOS's `buildGeometry` makes of `parts`: nothing is an empty collection; points only,
/// line strings only or polygons only make that geometry when there is one, its multi-geometry
/// when there are more; anything else makes a collection of the parts.
pub(crate) fn build(mut parts: Vec<Geometry<f64>>) -> Geometry<f64> {
    let kind = |g: &Geometry<f64>| match g {
        Geometry::Point(_) => 0,
        Geometry::LineString(_) => 1,
        Geometry::Polygon(_) => 2,
        _ => 3,
    };
    let Some(first) = parts.first() else {
        return empty_of_dimension(-1);
    };
    let first_kind = kind(first);
    if first_kind == 3 || parts.iter().any(|p| kind(p) != first_kind) {
        return Geometry::GeometryCollection(GeometryCollection(parts));
    }
    if parts.len() == 1 {
        return parts.pop().expect("one part");
    }
    match first_kind {
        0 => Geometry::MultiPoint(geo::MultiPoint(
            parts
                .into_iter()
                .filter_map(|p| geo::Point::try_from(p).ok())
                .collect(),
        )),
        1 => Geometry::MultiLineString(geo::MultiLineString(
            parts
                .into_iter()
                .filter_map(|p| LineString::try_from(p).ok())
                .collect(),
        )),
        _ => Geometry::MultiPolygon(geo::MultiPolygon(
            parts
                .into_iter()
                .filter_map(|p| Polygon::try_from(p).ok())
                .collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    fn input(text: &str) -> Input {
        Input::of(&geo(&wkb(text))).unwrap()
    }

    #[test]
    fn dimensions_count_empty_elements_as_geos_does() {
        assert_eq!(input("GEOMETRYCOLLECTION EMPTY").dimension, -1);
        assert_eq!(input("GEOMETRYCOLLECTION(POINT EMPTY)").dimension, 0);
        assert_eq!(input("MULTIPOLYGON EMPTY").dimension, 2);
        assert_eq!(
            input("GEOMETRYCOLLECTION(POINT(1 1),MULTIPOLYGON EMPTY)").dimension,
            2
        );
        assert!(input("GEOMETRYCOLLECTION(POINT EMPTY,LINESTRING(0 0,1 1))").is_mixed());
        assert!(!input("MULTILINESTRING((0 0,1 1),(2 2,3 3))").is_mixed());
    }

    #[test]
    fn single_elements_as_geos_counts_them() {
        assert!(input("MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))").single_element);
        assert!(input("GEOMETRYCOLLECTION(POINT EMPTY,LINESTRING(0 0,1 1))").single_element);
        assert!(!input("GEOMETRYCOLLECTION(POINT(0 0),LINESTRING(0 0,1 1))").single_element);
        assert!(!input("POLYGON EMPTY").single_element);
    }

    #[test]
    fn refuses_coordinates_that_are_not_finite() {
        let mut bytes = wkb("LINESTRING(0 0,1 1)");
        let at = bytes.len() - 8;
        bytes[at..].copy_from_slice(&f64::INFINITY.to_le_bytes());
        assert!(Input::of(&geo(&bytes)).is_err());
        assert!(Input::of(&geo(&wkb("POINT EMPTY"))).is_ok());
    }
}
