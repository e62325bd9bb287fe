//! Coordinates with their Z and M, for the functions that keep a geometry's type and dimensions
//! while they change its coordinates (affine maps, reversal, densification, snapping, vertex
//! edits) or take parts out of it.
//!
//! Two ways to write ISO WKB from here: [`write_edited`] streams any geometry through a
//! [`CoordEdit`] that sees one coordinate sequence (a point, a line, a ring) at a time, and
//! [`Shape`] holds a whole geometry for the functions that restructure it (sorting parts,
//! sewing lines, cutting substrings).
use geo_traits::{
    CoordTrait, Dimensions, GeometryCollectionTrait, GeometryTrait, GeometryType, LineStringTrait,
    LineTrait, MultiLineStringTrait, MultiPointTrait, MultiPolygonTrait, PointTrait, PolygonTrait,
    RectTrait, TriangleTrait,
};

use crate::{Geo, GeomError, GeometryVisitor};

/// Which of Z and M a geometry carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Dims {
    pub(crate) z: bool,
    pub(crate) m: bool,
}

impl Dims {
    pub(crate) const XY: Dims = Dims { z: false, m: false };

    pub(crate) fn of(dimensions: Dimensions) -> Dims {
        match dimensions {
            Dimensions::Xyz | Dimensions::Unknown(3) => Dims { z: true, m: false },
            Dimensions::Xym => Dims { z: false, m: true },
            Dimensions::Xyzm | Dimensions::Unknown(4) => Dims { z: true, m: true },
            Dimensions::Xy | Dimensions::Unknown(_) => Dims::XY,
        }
    }

    /// The number of ordinates of a coordinate: 2, 3 or 4.
    pub(crate) fn size(self) -> usize {
        2 + self.z as usize + self.m as usize
    }

    /// The ISO WKB type code of a geometry of base type `base` (1 = Point … 7 = collection).
    fn wkb_code(self, base: u32) -> u32 {
        base + 1000 * self.z as u32 + 2000 * self.m as u32
    }
}

/// One coordinate. An ordinate the geometry does not have holds 0, which is what PostGIS
/// fills in when a point of fewer dimensions is put into a geometry of more.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Xyzm {
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) z: f64,
    pub(crate) m: f64,
}

impl Xyzm {
    pub(crate) fn read(coord: &impl CoordTrait<T = f64>, dims: Dims) -> Xyzm {
        let at = |n: usize| coord.nth(n).unwrap_or(0.0);
        Xyzm {
            x: coord.x(),
            y: coord.y(),
            z: if dims.z { at(2) } else { 0.0 },
            m: if dims.m {
                at(if dims.z { 3 } else { 2 })
            } else {
                0.0
            },
        }
    }

    /// The point at `fraction` of the way from `self` to `other`, in all four ordinates, with
    /// PostGIS's arithmetic (`a + (b - a) * f`).
    pub(crate) fn lerp(&self, other: &Xyzm, fraction: f64) -> Xyzm {
        let at = |a: f64, b: f64| a + (b - a) * fraction;
        Xyzm {
            x: at(self.x, other.x),
            y: at(self.y, other.y),
            z: at(self.z, other.z),
            m: at(self.m, other.m),
        }
    }

    pub(crate) fn same_xy(&self, other: &Xyzm) -> bool {
        self.x == other.x && self.y == other.y
    }

    /// Planar distance, as `hypot`.
    pub(crate) fn distance(&self, other: &Xyzm) -> f64 {
        (other.x - self.x).hypot(other.y - self.y)
    }
}

/// The non-empty coordinate of a point; WKB writes an empty point as NaN ordinates.
pub(crate) fn point_coord(point: &impl PointTrait<T = f64>, dims: Dims) -> Option<Xyzm> {
    point
        .coord()
        .filter(|c| !(c.x().is_nan() && c.y().is_nan()))
        .map(|c| Xyzm::read(&c, dims))
}

pub(crate) fn read_coords(line: &impl LineStringTrait<T = f64>, dims: Dims) -> Vec<Xyzm> {
    line.coords().map(|c| Xyzm::read(&c, dims)).collect()
}

/// What a coordinate sequence is in its geometry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// The coordinate of a point: one, or none for an empty point.
    Point,
    LineString,
    /// A polygon's shell or hole: closed, first coordinate repeated at the end.
    Ring,
}

/// An edit of a geometry's coordinate sequences, applied by [`write_edited`].
pub(crate) trait CoordEdit {
    /// The dimensions of the output for an input of `input`'s.
    fn dims(&self, input: Dims) -> Dims {
        input
    }

    /// Edits one sequence, read with dimensions `dims`, in place. A point's sequence must keep
    /// at most one coordinate.
    fn edit(&mut self, role: Role, dims: Dims, coords: &mut Vec<Xyzm>) -> Result<(), GeomError>;
}

/// Writes `geometry` as little-endian ISO WKB with every coordinate sequence passed through
/// `edit`, keeping its type, its parts (empty ones included) and, unless the edit says
/// otherwise, its dimensions.
pub(crate) fn write_edited(
    geometry: &Geo,
    edit: &mut impl CoordEdit,
    out: &mut Vec<u8>,
) -> Result<(), GeomError> {
    geometry.visit(EditWriter {
        edit,
        out,
        coords: Vec::new(),
    })
}

struct EditWriter<'a, E> {
    edit: &'a mut E,
    out: &'a mut Vec<u8>,
    /// The sequence being edited, reused from one sequence to the next.
    coords: Vec<Xyzm>,
}

impl<E: CoordEdit> GeometryVisitor for EditWriter<'_, E> {
    type Output = Result<(), GeomError>;
    fn visit<G: GeometryTrait<T = f64>>(mut self, geometry: &G) -> Self::Output {
        self.geometry(geometry)
    }
}

impl<E: CoordEdit> EditWriter<'_, E> {
    fn geometry<G: GeometryTrait<T = f64>>(&mut self, geometry: &G) -> Result<(), GeomError> {
        let dims = Dims::of(geometry.dim());
        let out_dims = self.edit.dims(dims);
        match geometry.as_type() {
            GeometryType::Point(point) => {
                write_header(self.out, 1, out_dims);
                self.coords.clear();
                self.coords.extend(point_coord(point, dims));
                self.edit.edit(Role::Point, dims, &mut self.coords)?;
                write_point_coords(self.out, out_dims, self.coords.first());
            }
            GeometryType::LineString(line) => {
                write_header(self.out, 2, out_dims);
                let coords = line.coords().map(|c| Xyzm::read(&c, dims));
                self.sequence(Role::LineString, coords, dims, out_dims)?;
            }
            GeometryType::Polygon(polygon) => {
                write_header(self.out, 3, out_dims);
                let rings = polygon.exterior().into_iter().chain(polygon.interiors());
                write_count(
                    self.out,
                    polygon.exterior().map_or(0, |_| 1) + polygon.num_interiors(),
                );
                for ring in rings {
                    let coords = ring.coords().map(|c| Xyzm::read(&c, dims));
                    self.sequence(Role::Ring, coords, dims, out_dims)?;
                }
            }
            GeometryType::MultiPoint(points) => {
                write_header(self.out, 4, out_dims);
                write_count(self.out, points.num_points());
                points.points().try_for_each(|p| self.geometry(&p))?;
            }
            GeometryType::MultiLineString(lines) => {
                write_header(self.out, 5, out_dims);
                write_count(self.out, lines.num_line_strings());
                for line in lines.line_strings() {
                    write_header(self.out, 2, out_dims);
                    let coords = line.coords().map(|c| Xyzm::read(&c, dims));
                    self.sequence(Role::LineString, coords, dims, out_dims)?;
                }
            }
            GeometryType::MultiPolygon(polygons) => {
                write_header(self.out, 6, out_dims);
                write_count(self.out, polygons.num_polygons());
                polygons.polygons().try_for_each(|p| self.geometry(&p))?;
            }
            GeometryType::GeometryCollection(parts) => {
                write_header(self.out, 7, out_dims);
                write_count(self.out, parts.num_geometries());
                parts
                    .geometries()
                    .try_for_each(|part| self.geometry(&part))?;
            }
            // What `Geo` never holds as such, written as the polygon or line it stands for.
            GeometryType::Rect(rect) => {
                let (min, max) = (rect.min(), rect.max());
                let (x0, y0, x1, y1) = (min.x(), min.y(), max.x(), max.y());
                let corners = [(x0, y0), (x0, y1), (x1, y1), (x1, y0), (x0, y0)];
                let corners = corners.map(|(x, y)| Xyzm {
                    x,
                    y,
                    ..Xyzm::default()
                });
                write_header(self.out, 3, out_dims);
                write_count(self.out, 1);
                self.sequence(Role::Ring, corners.into_iter(), Dims::XY, out_dims)?;
            }
            GeometryType::Triangle(triangle) => {
                let [a, b, c] = triangle.coords().map(|c| Xyzm::read(&c, dims));
                write_header(self.out, 3, out_dims);
                write_count(self.out, 1);
                self.sequence(Role::Ring, [a, b, c, a].into_iter(), dims, out_dims)?;
            }
            GeometryType::Line(line) => {
                write_header(self.out, 2, out_dims);
                let ends = [line.start(), line.end()].map(|c| Xyzm::read(&c, dims));
                self.sequence(Role::LineString, ends.into_iter(), dims, out_dims)?;
            }
        }
        Ok(())
    }

    /// Reads, edits and writes one line or ring: its point count, then its coordinates.
    fn sequence(
        &mut self,
        role: Role,
        coords: impl Iterator<Item = Xyzm>,
        dims: Dims,
        out_dims: Dims,
    ) -> Result<(), GeomError> {
        self.coords.clear();
        self.coords.extend(coords);
        self.edit.edit(role, dims, &mut self.coords)?;
        write_count(self.out, self.coords.len());
        write_coords(self.out, out_dims, &self.coords);
        Ok(())
    }
}

pub(crate) fn write_header(out: &mut Vec<u8>, base: u32, dims: Dims) {
    out.push(1);
    out.extend_from_slice(&dims.wkb_code(base).to_le_bytes());
}

/// A WKB count. Geometries here come from WKB, whose counts are `u32`, and grow only by
/// densification, which refuses counts past `u32::MAX`.
pub(crate) fn write_count(out: &mut Vec<u8>, count: usize) {
    let count = u32::try_from(count).expect("WKB counts fit in 32 bits");
    out.extend_from_slice(&count.to_le_bytes());
}

pub(crate) fn write_coords(out: &mut Vec<u8>, dims: Dims, coords: &[Xyzm]) {
    out.reserve(coords.len() * 8 * dims.size());
    for c in coords {
        out.extend_from_slice(&c.x.to_le_bytes());
        out.extend_from_slice(&c.y.to_le_bytes());
        if dims.z {
            out.extend_from_slice(&c.z.to_le_bytes());
        }
        if dims.m {
            out.extend_from_slice(&c.m.to_le_bytes());
        }
    }
}

/// A point's coordinates; WKB has no count for them, and writes an empty point as NaNs.
fn write_point_coords(out: &mut Vec<u8>, dims: Dims, coord: Option<&Xyzm>) {
    let nan = Xyzm {
        x: f64::NAN,
        y: f64::NAN,
        z: f64::NAN,
        m: f64::NAN,
    };
    write_coords(out, dims, std::slice::from_ref(coord.unwrap_or(&nan)));
}

/// A whole geometry with Z and M, for the functions that restructure one.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Shape {
    /// `None` is an empty point.
    Point(Option<Xyzm>),
    LineString(Vec<Xyzm>),
    /// The shell, then the holes; no rings is an empty polygon.
    Polygon(Vec<Vec<Xyzm>>),
    /// Points (as [`Shape::Point`]).
    MultiPoint(Vec<Shape>),
    /// Lines (as [`Shape::LineString`]).
    MultiLineString(Vec<Shape>),
    /// Polygons (as [`Shape::Polygon`]).
    MultiPolygon(Vec<Shape>),
    GeometryCollection(Vec<Shape>),
}

impl Shape {
    /// Reads `geometry` whole, with the dimensions it has.
    pub(crate) fn read(geometry: &Geo) -> (Shape, Dims) {
        struct Read;
        impl GeometryVisitor for Read {
            type Output = (Shape, Dims);
            fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> (Shape, Dims) {
                let dims = Dims::of(geometry.dim());
                (Shape::of(geometry, dims), dims)
            }
        }
        geometry.visit(Read)
    }

    fn of<G: GeometryTrait<T = f64>>(geometry: &G, dims: Dims) -> Shape {
        match geometry.as_type() {
            GeometryType::Point(point) => Shape::Point(point_coord(point, dims)),
            GeometryType::LineString(line) => Shape::LineString(read_coords(line, dims)),
            GeometryType::Polygon(p) => Shape::Polygon(
                p.exterior()
                    .into_iter()
                    .chain(p.interiors())
                    .map(|ring| read_coords(&ring, dims))
                    .collect(),
            ),
            GeometryType::MultiPoint(points) => Shape::MultiPoint(
                points
                    .points()
                    .map(|p| Shape::Point(point_coord(&p, dims)))
                    .collect(),
            ),
            GeometryType::MultiLineString(lines) => Shape::MultiLineString(
                lines
                    .line_strings()
                    .map(|l| Shape::LineString(read_coords(&l, dims)))
                    .collect(),
            ),
            GeometryType::MultiPolygon(polygons) => {
                Shape::MultiPolygon(polygons.polygons().map(|p| Shape::of(&p, dims)).collect())
            }
            GeometryType::GeometryCollection(parts) => {
                Shape::GeometryCollection(parts.geometries().map(|g| Shape::of(&g, dims)).collect())
            }
            GeometryType::Rect(rect) => {
                let (min, max) = (rect.min(), rect.max());
                let (x0, y0, x1, y1) = (min.x(), min.y(), max.x(), max.y());
                let xy = |x, y| Xyzm {
                    x,
                    y,
                    ..Xyzm::default()
                };
                Shape::Polygon(vec![vec![
                    xy(x0, y0),
                    xy(x0, y1),
                    xy(x1, y1),
                    xy(x1, y0),
                    xy(x0, y0),
                ]])
            }
            GeometryType::Triangle(triangle) => {
                let [a, b, c] = triangle.coords().map(|c| Xyzm::read(&c, dims));
                Shape::Polygon(vec![vec![a, b, c, a]])
            }
            GeometryType::Line(line) => Shape::LineString(vec![
                Xyzm::read(&line.start(), dims),
                Xyzm::read(&line.end(), dims),
            ]),
        }
    }

    /// Appends the geometry as little-endian ISO WKB with dimensions `dims`.
    pub(crate) fn write(&self, dims: Dims, out: &mut Vec<u8>) {
        let members = |out: &mut Vec<u8>, base: u32, parts: &[Shape]| {
            write_header(out, base, dims);
            write_count(out, parts.len());
            parts.iter().for_each(|part| part.write(dims, out));
        };
        match self {
            Shape::Point(coord) => {
                write_header(out, 1, dims);
                write_point_coords(out, dims, coord.as_ref());
            }
            Shape::LineString(coords) => write_line_string(out, dims, coords),
            Shape::Polygon(rings) => {
                write_header(out, 3, dims);
                write_count(out, rings.len());
                for ring in rings {
                    write_count(out, ring.len());
                    write_coords(out, dims, ring);
                }
            }
            Shape::MultiPoint(parts) => members(out, 4, parts),
            Shape::MultiLineString(parts) => members(out, 5, parts),
            Shape::MultiPolygon(parts) => members(out, 6, parts),
            Shape::GeometryCollection(parts) => members(out, 7, parts),
        }
    }
}

pub(crate) fn write_point(out: &mut Vec<u8>, dims: Dims, coord: Option<&Xyzm>) {
    write_header(out, 1, dims);
    write_point_coords(out, dims, coord);
}

pub(crate) fn write_line_string(out: &mut Vec<u8>, dims: Dims, coords: &[Xyzm]) {
    write_header(out, 2, dims);
    write_count(out, coords.len());
    write_coords(out, dims, coords);
}

/// The coordinates and dimensions of a line string; `None` for any other type.
pub(crate) fn line_string(geometry: &Geo) -> Option<(Vec<Xyzm>, Dims)> {
    struct Line;
    impl GeometryVisitor for Line {
        type Output = Option<(Vec<Xyzm>, Dims)>;
        fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Self::Output {
            let dims = Dims::of(geometry.dim());
            match geometry.as_type() {
                GeometryType::LineString(line) => Some((read_coords(line, dims), dims)),
                _ => None,
            }
        }
    }
    match geometry {
        Geo::Point(_) | Geo::Rect(_) => None,
        other => other.visit(Line),
    }
}

/// The coordinate and dimensions of a point (`None` inside for an empty point); `None` for any
/// other type.
pub(crate) fn point(geometry: &Geo) -> Option<(Option<Xyzm>, Dims)> {
    struct Point;
    impl GeometryVisitor for Point {
        type Output = Option<(Option<Xyzm>, Dims)>;
        fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Self::Output {
            let dims = Dims::of(geometry.dim());
            match geometry.as_type() {
                GeometryType::Point(point) => Some((point_coord(point, dims), dims)),
                _ => None,
            }
        }
    }
    geometry.visit(Point)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    struct Unchanged;
    impl CoordEdit for Unchanged {
        fn edit(&mut self, _: Role, _: Dims, _: &mut Vec<Xyzm>) -> Result<(), GeomError> {
            Ok(())
        }
    }

    /// WKB of every kind of geometry, in every dimension, with empty parts.
    fn every_kind() -> Vec<Vec<u8>> {
        let mut all: Vec<Vec<u8>> = [
            "POINT(1 2)",
            "POINT EMPTY",
            "POINT ZM(1 2 3 4)",
            "POINT M EMPTY",
            "LINESTRING Z(0 0 1,1 1 2)",
            "LINESTRING EMPTY",
            "POLYGON M((0 0 1,4 0 2,4 4 3,0 0 1),(1 1 0,2 1 0,2 2 0,1 1 0))",
            "POLYGON EMPTY",
            "MULTIPOINT ZM((1 2 3 4),(5 6 7 8))",
            "MULTIPOLYGON EMPTY",
            "GEOMETRYCOLLECTION Z(POINT Z(1 2 3),LINESTRING Z EMPTY,GEOMETRYCOLLECTION Z(POINT Z EMPTY))",
            "GEOMETRYCOLLECTION EMPTY",
        ]
        .into_iter()
        .map(wkb)
        .collect();
        // Empty members, which WKT cannot spell.
        let xy = |x, y| Xyzm {
            x,
            y,
            ..Xyzm::default()
        };
        for shape in [
            Shape::MultiPoint(vec![Shape::Point(Some(xy(1., 2.))), Shape::Point(None)]),
            Shape::MultiLineString(vec![
                Shape::LineString(vec![xy(0., 0.), xy(1., 1.)]),
                Shape::LineString(vec![]),
            ]),
            Shape::MultiPolygon(vec![
                Shape::Polygon(vec![]),
                Shape::Polygon(vec![vec![xy(0., 0.), xy(1., 0.), xy(1., 1.), xy(0., 0.)]]),
            ]),
        ] {
            let mut out = Vec::new();
            shape.write(Dims::XY, &mut out);
            all.push(out);
        }
        all
    }

    #[test]
    fn an_unchanged_edit_writes_the_same_bytes() {
        for bytes in every_kind() {
            let mut out = Vec::new();
            write_edited(&geo(&bytes), &mut Unchanged, &mut out).unwrap();
            assert_eq!(out, bytes);
        }
    }

    #[test]
    fn a_shape_writes_back_the_same_bytes() {
        for bytes in every_kind() {
            let (shape, dims) = Shape::read(&geo(&bytes));
            let mut out = Vec::new();
            shape.write(dims, &mut out);
            assert_eq!(out, bytes);
        }
    }

    #[test]
    fn rectangles_are_written_as_their_polygon() {
        let rect = Geo::Rect(geo::Rect::new(
            geo::Coord { x: 0., y: 1. },
            geo::Coord { x: 2., y: 3. },
        ));
        let mut expected = Vec::new();
        rect.write_wkb(&mut expected);
        let mut streamed = Vec::new();
        write_edited(&rect, &mut Unchanged, &mut streamed).unwrap();
        assert_eq!(streamed, expected);
        let (shape, dims) = Shape::read(&rect);
        let mut held = Vec::new();
        shape.write(dims, &mut held);
        assert_eq!(held, expected);
    }
}
