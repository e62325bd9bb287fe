//! Coordinates, counts, parts and properties read in place. Parts are written as ISO WKB with
//! the geometry's Z and M; a function that returns `false` wrote nothing (SQL NULL).
use geo_traits::{
    CoordTrait, GeometryCollectionTrait, GeometryTrait, GeometryType, LineStringTrait,
    MultiLineStringTrait, MultiPointTrait, MultiPolygonTrait, PointTrait, PolygonTrait,
};

use crate::coords::{point_coord, read_coords, write_line_string, write_point, Dims, Xyzm};
use crate::{Geo, GeomError, GeometryVisitor};

/// X of a point; `None` for an empty point or any other geometry type.
pub fn x(geometry: &Geo) -> Option<f64> {
    point_xy(geometry).map(|(x, _)| x)
}

/// Y of a point; `None` for an empty point or any other geometry type.
pub fn y(geometry: &Geo) -> Option<f64> {
    point_xy(geometry).map(|(_, y)| y)
}

fn point_xy(geometry: &Geo) -> Option<(f64, f64)> {
    match geometry {
        Geo::Point(coord) => Some((coord.x, coord.y)),
        other => other.visit(PointXy),
    }
}

struct PointXy;

impl GeometryVisitor for PointXy {
    type Output = Option<(f64, f64)>;
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Self::Output {
        use geo_traits::CoordTrait;
        match geometry.as_type() {
            GeometryType::Point(point) => point
                .coord()
                .map(|coord| (coord.x(), coord.y()))
                .filter(|(x, y)| !(x.is_nan() && y.is_nan())),
            _ => None,
        }
    }
}

/// Z of a point that has Z; `None` for an empty point, a point without Z, or any other type.
/// PostGIS's `ST_Z` refuses a geometry that is not a point; Sedona's answers NULL, as here.
pub fn z(geometry: &Geo) -> Option<f64> {
    point_xyzm(geometry).and_then(|(coord, dims)| dims.z.then_some(coord.z))
}

/// M of a point that has M; `None` for an empty point, a point without M, or any other type.
/// PostGIS's `ST_M` refuses a geometry that is not a point; Sedona's answers NULL, as here.
pub fn m(geometry: &Geo) -> Option<f64> {
    point_xyzm(geometry).and_then(|(coord, dims)| dims.m.then_some(coord.m))
}

/// The coordinate of a non-empty point, and the ordinates it has.
fn point_xyzm(geometry: &Geo) -> Option<(Xyzm, Dims)> {
    struct PointXyzm;
    impl GeometryVisitor for PointXyzm {
        type Output = Option<(Xyzm, Dims)>;
        fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Self::Output {
            let GeometryType::Point(point) = geometry.as_type() else {
                return None;
            };
            let dims = Dims::of(geometry.dim());
            point_coord(point, dims).map(|coord| (coord, dims))
        }
    }
    match geometry {
        Geo::Point(_) | Geo::Rect(_) => None,
        other => other.visit(PointXyzm),
    }
}

/// The number of coordinates, closing points of rings included, as JTS's `getNumPoints`
/// counts them; an empty point counts 0.
pub fn num_points(geometry: &Geo) -> usize {
    match geometry {
        Geo::Point(_) => 1,
        Geo::Rect(_) => 5,
        other => other.visit(NumPoints),
    }
}

struct NumPoints;

impl GeometryVisitor for NumPoints {
    type Output = usize;
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> usize {
        fn polygon(p: &impl PolygonTrait<T = f64>) -> usize {
            p.exterior().map_or(0, |r| r.num_coords())
                + p.interiors().map(|r| r.num_coords()).sum::<usize>()
        }
        match geometry.as_type() {
            GeometryType::Point(point) => PointXy.visit(point).is_some() as usize,
            GeometryType::LineString(line) => line.num_coords(),
            GeometryType::Polygon(p) => polygon(p),
            GeometryType::MultiPoint(points) => points
                .points()
                .filter(|p| PointXy.visit(p).is_some())
                .count(),
            GeometryType::MultiLineString(lines) => {
                lines.line_strings().map(|l| l.num_coords()).sum()
            }
            GeometryType::MultiPolygon(polygons) => polygons.polygons().map(|p| polygon(&p)).sum(),
            GeometryType::GeometryCollection(parts) => {
                parts.geometries().map(|part| NumPoints.visit(&part)).sum()
            }
            GeometryType::Rect(_) => 5,
            GeometryType::Triangle(_) => 4,
            GeometryType::Line(_) => 2,
        }
    }
}

/// The number of members of a multi-geometry or collection (empty members included); 1 for any
/// other non-empty geometry, and 0 for an empty one, as PostGIS counts them.
pub fn num_geometries(geometry: &Geo) -> usize {
    match geometry {
        Geo::Point(_) | Geo::Rect(_) => 1,
        other if other.is_empty() => 0,
        other => other.visit(NumGeometries),
    }
}

struct NumGeometries;

impl GeometryVisitor for NumGeometries {
    type Output = usize;
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> usize {
        match geometry.as_type() {
            GeometryType::MultiPoint(points) => points.num_points(),
            GeometryType::MultiLineString(lines) => lines.num_line_strings(),
            GeometryType::MultiPolygon(polygons) => polygons.num_polygons(),
            GeometryType::GeometryCollection(parts) => parts.num_geometries(),
            _ => 1,
        }
    }
}

/// The type of a geometry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Point,
    LineString,
    Polygon,
    MultiPoint,
    MultiLineString,
    MultiPolygon,
    GeometryCollection,
}

impl Kind {
    /// PostGIS's `ST_GeometryType` name: `ST_Point`, `ST_LineString`, …
    pub fn postgis_name(self) -> &'static str {
        match self {
            Kind::Point => "ST_Point",
            Kind::LineString => "ST_LineString",
            Kind::Polygon => "ST_Polygon",
            Kind::MultiPoint => "ST_MultiPoint",
            Kind::MultiLineString => "ST_MultiLineString",
            Kind::MultiPolygon => "ST_MultiPolygon",
            Kind::GeometryCollection => "ST_GeometryCollection",
        }
    }

    /// The JTS name, which GeoMesa's `st_geometryType` returns: `Point`, `LineString`, …
    pub fn jts_name(self) -> &'static str {
        &self.postgis_name()[3..]
    }

    /// The WKT keyword: `POINT`, `LINESTRING`, … (PostGIS's `GeometryType`, less its `M`
    /// suffix for measured geometries).
    pub fn wkt_name(self) -> &'static str {
        match self {
            Kind::Point => "POINT",
            Kind::LineString => "LINESTRING",
            Kind::Polygon => "POLYGON",
            Kind::MultiPoint => "MULTIPOINT",
            Kind::MultiLineString => "MULTILINESTRING",
            Kind::MultiPolygon => "MULTIPOLYGON",
            Kind::GeometryCollection => "GEOMETRYCOLLECTION",
        }
    }

    /// Whether this is a multi-geometry or a collection.
    pub fn is_collection(self) -> bool {
        matches!(
            self,
            Kind::MultiPoint
                | Kind::MultiLineString
                | Kind::MultiPolygon
                | Kind::GeometryCollection
        )
    }

    /// 0 for points, 1 for lines, 2 for polygons; the dimension a collection has at most.
    fn dimension(self) -> i32 {
        match self {
            Kind::Point | Kind::MultiPoint | Kind::GeometryCollection => 0,
            Kind::LineString | Kind::MultiLineString => 1,
            Kind::Polygon | Kind::MultiPolygon => 2,
        }
    }
}

/// The type of `geometry` (`ST_GeometryType`; see [`Kind`] for PostGIS's and GeoMesa's names).
/// A rectangle is a polygon.
pub fn kind(geometry: &Geo) -> Kind {
    struct KindOf;
    impl GeometryVisitor for KindOf {
        type Output = Kind;
        fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Kind {
            kind_of(geometry)
        }
    }
    match geometry {
        Geo::Point(_) => Kind::Point,
        Geo::Rect(_) => Kind::Polygon,
        other => other.visit(KindOf),
    }
}

/// The type of any `geo-traits` geometry, e.g. parsed WKT, as [`kind`] reads it.
pub fn kind_of<G: GeometryTrait<T = f64>>(geometry: &G) -> Kind {
    match geometry.as_type() {
        GeometryType::Point(_) => Kind::Point,
        GeometryType::LineString(_) | GeometryType::Line(_) => Kind::LineString,
        GeometryType::Polygon(_) | GeometryType::Rect(_) | GeometryType::Triangle(_) => {
            Kind::Polygon
        }
        GeometryType::MultiPoint(_) => Kind::MultiPoint,
        GeometryType::MultiLineString(_) => Kind::MultiLineString,
        GeometryType::MultiPolygon(_) => Kind::MultiPolygon,
        GeometryType::GeometryCollection(_) => Kind::GeometryCollection,
    }
}

/// Whether `geometry` is a multi-geometry or a collection, empty ones included
/// (`ST_IsCollection`; the same in GeoMesa).
pub fn is_collection(geometry: &Geo) -> bool {
    kind(geometry).is_collection()
}

/// The number of ordinates of each coordinate: 2, 3 (Z or M) or 4 (`ST_CoordDim`, `ST_NDims`).
/// GeoMesa's `st_coordDim` differs: 3 when the first coordinate has a Z, else 2 (JTS has no M).
pub fn coord_dim(geometry: &Geo) -> usize {
    struct CoordDim;
    impl GeometryVisitor for CoordDim {
        type Output = usize;
        fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> usize {
            Dims::of(geometry.dim()).size()
        }
    }
    geometry.visit(CoordDim)
}

/// The topological dimension (`ST_Dimension`): 0 for points, 1 for lines, 2 for polygons,
/// empty or not; for a collection, the highest of its members', empty members included, and 0
/// when it has none. GEOS and JTS (hence GeoMesa) answer -1 for a collection without members.
pub fn dimension(geometry: &Geo) -> i32 {
    struct Dimension;
    impl GeometryVisitor for Dimension {
        type Output = i32;
        fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> i32 {
            match geometry.as_type() {
                GeometryType::GeometryCollection(parts) => parts
                    .geometries()
                    .map(|part| Dimension.visit(&part))
                    .max()
                    .unwrap_or(0),
                _ => kind_of(geometry).dimension(),
            }
        }
    }
    geometry.visit(Dimension)
}

/// The number of holes of a polygon (`ST_NumInteriorRings`); `None` for any other type, a
/// multipolygon included, as in PostGIS 3.3.
pub fn num_interior_rings(geometry: &Geo) -> Option<usize> {
    struct Holes;
    impl GeometryVisitor for Holes {
        type Output = Option<usize>;
        fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Option<usize> {
            match geometry.as_type() {
                GeometryType::Polygon(polygon) => Some(polygon.num_interiors()),
                GeometryType::Rect(_) | GeometryType::Triangle(_) => Some(0),
                _ => None,
            }
        }
    }
    geometry.visit(Holes)
}

/// The number of rings of the polygons of `geometry`, shells and holes, those of the members
/// of a multipolygon or collection included (`ST_NRings`); 0 for a geometry without polygons
/// and for an empty polygon. Sedona's `ST_NRings` refuses a geometry that is neither a polygon
/// nor a multipolygon.
pub fn num_rings(geometry: &Geo) -> usize {
    struct Rings;
    impl GeometryVisitor for Rings {
        type Output = usize;
        fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> usize {
            fn polygon(p: &impl PolygonTrait<T = f64>) -> usize {
                p.exterior().is_some() as usize + p.num_interiors()
            }
            match geometry.as_type() {
                GeometryType::Polygon(p) => polygon(p),
                GeometryType::MultiPolygon(polygons) => {
                    polygons.polygons().map(|p| polygon(&p)).sum()
                }
                GeometryType::GeometryCollection(parts) => {
                    parts.geometries().map(|part| Rings.visit(&part)).sum()
                }
                GeometryType::Rect(_) | GeometryType::Triangle(_) => 1,
                GeometryType::Point(_)
                | GeometryType::LineString(_)
                | GeometryType::MultiPoint(_)
                | GeometryType::MultiLineString(_)
                | GeometryType::Line(_) => 0,
            }
        }
    }
    match geometry {
        Geo::Point(_) => 0,
        Geo::Rect(_) => 1,
        other => other.visit(Rings),
    }
}

/// The lowest and the highest Z of `geometry` (`ST_ZMin`, `ST_ZMax`), over the coordinates
/// that bound it as PostGIS bounds it: every vertex but those of polygon holes (which a valid
/// polygon's shell encloses), and no empty point. `None` for a geometry without Z or without
/// coordinates. PostGIS answers 0 for a non-empty geometry without Z (its 3D box of a 2D
/// geometry is flat at 0); Sedona answers NULL.
pub fn z_range(geometry: &Geo) -> Option<(f64, f64)> {
    #[derive(Default)]
    struct ZRange(Option<(f64, f64)>);
    impl ZRange {
        fn add(&mut self, coord: &impl CoordTrait<T = f64>) {
            // WKB writes an empty point as NaN ordinates.
            if coord.x().is_nan() && coord.y().is_nan() {
                return;
            }
            let Some(z) = coord.nth(2) else {
                return;
            };
            self.0 = Some(match self.0 {
                None => (z, z),
                Some((low, high)) => (low.min(z), high.max(z)),
            });
        }
        fn add_line(&mut self, line: &impl LineStringTrait<T = f64>) {
            line.coords().for_each(|c| self.add(&c));
        }
        fn add_shell(&mut self, polygon: &impl PolygonTrait<T = f64>) {
            if let Some(shell) = polygon.exterior() {
                self.add_line(&shell);
            }
        }
        fn add_geometry(&mut self, geometry: &impl GeometryTrait<T = f64>) {
            if !Dims::of(geometry.dim()).z {
                return;
            }
            match geometry.as_type() {
                GeometryType::Point(point) => point.coord().iter().for_each(|c| self.add(c)),
                GeometryType::LineString(line) => self.add_line(line),
                GeometryType::Polygon(polygon) => self.add_shell(polygon),
                GeometryType::MultiPoint(points) => points
                    .points()
                    .for_each(|p| p.coord().iter().for_each(|c| self.add(c))),
                GeometryType::MultiLineString(lines) => {
                    lines.line_strings().for_each(|l| self.add_line(&l))
                }
                GeometryType::MultiPolygon(polygons) => {
                    polygons.polygons().for_each(|p| self.add_shell(&p))
                }
                GeometryType::GeometryCollection(parts) => {
                    parts.geometries().for_each(|part| self.add_geometry(&part))
                }
                // `geo`'s own shapes are 2D.
                GeometryType::Rect(_) | GeometryType::Triangle(_) | GeometryType::Line(_) => {}
            }
        }
    }
    struct Visit;
    impl GeometryVisitor for Visit {
        type Output = Option<(f64, f64)>;
        fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Self::Output {
            let mut range = ZRange::default();
            range.add_geometry(geometry);
            range.0
        }
    }
    match geometry {
        Geo::Point(_) | Geo::Rect(_) => None,
        other => other.visit(Visit),
    }
}

/// Writes the shell of a polygon as a line string (`ST_ExteriorRing`): `LINESTRING EMPTY` for
/// an empty polygon. `false` for any other type, a multipolygon included (PostGIS 3.3 and
/// GeoMesa).
pub fn exterior_ring(geometry: &Geo, out: &mut Vec<u8>) -> bool {
    ring(geometry, 0, out)
}

/// Writes the `n`-th hole (1-based) of a polygon as a line string (`ST_InteriorRingN`).
/// `false` for `n` outside `1..=holes` or any other type, a multipolygon included (PostGIS 3.3
/// and GeoMesa).
pub fn interior_ring_n(geometry: &Geo, n: i64, out: &mut Vec<u8>) -> bool {
    n >= 1 && ring(geometry, n, out)
}

/// Writes ring `index` of a polygon: 0 is the shell, then the holes.
fn ring(geometry: &Geo, index: i64, out: &mut Vec<u8>) -> bool {
    struct Ring<'o> {
        index: i64,
        out: &'o mut Vec<u8>,
    }
    impl GeometryVisitor for Ring<'_> {
        type Output = bool;
        fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> bool {
            let GeometryType::Polygon(polygon) = geometry.as_type() else {
                return false;
            };
            let dims = Dims::of(geometry.dim());
            let Ok(index) = usize::try_from(self.index) else {
                return false;
            };
            let coords = match index {
                0 => polygon
                    .exterior()
                    .map_or_else(Vec::new, |shell| read_coords(&shell, dims)),
                hole => match polygon.interior(hole - 1) {
                    Some(ring) => read_coords(&ring, dims),
                    None => return false,
                },
            };
            write_line_string(self.out, dims, &coords);
            true
        }
    }
    match geometry {
        Geo::Point(_) => false,
        // A rectangle is polygon that has a shell and no holes.
        Geo::Rect(_) if index > 0 => false,
        other => other.visit(Ring { index, out }),
    }
}

/// Writes the `n`-th member (1-based) of a multi-geometry or collection, empty members
/// included (`ST_GeometryN`); for any other geometry, the geometry itself when `n` is 1.
/// `false` otherwise, and for an empty geometry (a collection of empty members included), as
/// PostGIS answers. GeoMesa (JTS) returns an empty member or empty geometry as it is.
pub fn geometry_n(geometry: &Geo, n: i64, out: &mut Vec<u8>) -> bool {
    struct Member<'o> {
        n: i64,
        out: &'o mut Vec<u8>,
    }
    impl GeometryVisitor for Member<'_> {
        type Output = bool;
        fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> bool {
            let index = self.n.checked_sub(1).and_then(|i| usize::try_from(i).ok());
            // An empty geometry has no members, not even empty ones (PostGIS).
            let Some(index) = index.filter(|_| crate::value::bbox_of(geometry).is_some()) else {
                return false;
            };
            let writer = crate::wkb_codec::Writer { out: self.out };
            let written = match geometry.as_type() {
                GeometryType::MultiPoint(points) => points.point(index).map(|p| writer.visit(&p)),
                GeometryType::MultiLineString(lines) => {
                    lines.line_string(index).map(|l| writer.visit(&l))
                }
                GeometryType::MultiPolygon(polygons) => {
                    polygons.polygon(index).map(|p| writer.visit(&p))
                }
                GeometryType::GeometryCollection(parts) => {
                    parts.geometry(index).map(|part| writer.visit(&part))
                }
                _ => (index == 0).then(|| writer.visit(geometry)),
            };
            written.is_some()
        }
    }
    geometry.visit(Member { n, out })
}

/// Writes the `n`-th vertex (1-based; negative counts from the end, -1 is the last) of a line
/// string as a point (`ST_PointN`). `false` for `n` = 0, out of range, or any other type (the
/// same in GeoMesa).
pub fn point_n(geometry: &Geo, n: i64, out: &mut Vec<u8>) -> bool {
    line_vertex(geometry, out, |count| match n {
        1.. => usize::try_from(n - 1).ok().filter(|&i| i < count),
        ..=-1 => count.checked_sub(usize::try_from(n.unsigned_abs()).ok()?),
        0 => None,
    })
}

/// Writes the last vertex of a line string as a point (`ST_EndPoint`). `false` for an empty
/// line or any other type (PostGIS 3.3 and GeoMesa).
pub fn end_point(geometry: &Geo, out: &mut Vec<u8>) -> bool {
    line_vertex(geometry, out, |count| count.checked_sub(1))
}

/// Writes the vertex of a line string that `pick` chooses from its vertex count.
fn line_vertex(geometry: &Geo, out: &mut Vec<u8>, pick: impl Fn(usize) -> Option<usize>) -> bool {
    struct Vertex<'o, F> {
        pick: F,
        out: &'o mut Vec<u8>,
    }
    impl<F: Fn(usize) -> Option<usize>> GeometryVisitor for Vertex<'_, F> {
        type Output = bool;
        fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> bool {
            let GeometryType::LineString(line) = geometry.as_type() else {
                return false;
            };
            let dims = Dims::of(geometry.dim());
            let Some(vertex) = (self.pick)(line.num_coords()).and_then(|i| line.coord(i)) else {
                return false;
            };
            write_point(self.out, dims, Some(&Xyzm::read(&vertex, dims)));
            true
        }
    }
    geometry.visit(Vertex { pick, out })
}

/// Writes the first vertex of `geometry` as a point (`ST_StartPoint`). PostGIS (3.2 and
/// later) answers for every type: a polygon's first shell vertex, a multi-geometry's or
/// collection's first member's start point. `false` for an empty geometry, or one whose first
/// member is empty. GeoMesa answers for line strings only (JTS's `getStartPoint`).
pub fn start_point(geometry: &Geo, out: &mut Vec<u8>) -> bool {
    struct Start;
    impl GeometryVisitor for Start {
        type Output = Option<(Xyzm, Dims)>;
        fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Self::Output {
            let dims = Dims::of(geometry.dim());
            fn first<L: LineStringTrait<T = f64>>(line: Option<&L>, dims: Dims) -> Option<Xyzm> {
                line?.coord(0).map(|c| Xyzm::read(&c, dims))
            }
            let coord = match geometry.as_type() {
                GeometryType::Point(point) => point_coord(point, dims),
                GeometryType::LineString(line) => first(Some(line), dims),
                GeometryType::Polygon(polygon) => first(polygon.exterior().as_ref(), dims),
                GeometryType::MultiPoint(points) => {
                    points.point(0).and_then(|p| point_coord(&p, dims))
                }
                GeometryType::MultiLineString(lines) => first(lines.line_string(0).as_ref(), dims),
                GeometryType::MultiPolygon(polygons) => {
                    return polygons.polygon(0).and_then(|p| Start.visit(&p))
                }
                GeometryType::GeometryCollection(parts) => {
                    return parts.geometry(0).and_then(|part| Start.visit(&part))
                }
                GeometryType::Rect(rect) => {
                    let min = geo_traits::RectTrait::min(rect);
                    Some(Xyzm::read(&min, Dims::XY))
                }
                GeometryType::Triangle(triangle) => Some(Xyzm::read(
                    &geo_traits::TriangleTrait::first(triangle),
                    dims,
                )),
                GeometryType::Line(line) => {
                    Some(Xyzm::read(&geo_traits::LineTrait::start(line), dims))
                }
            };
            coord.map(|c| (c, dims))
        }
    }
    match geometry.visit(Start) {
        Some((coord, dims)) => {
            write_point(out, dims, Some(&coord));
            true
        }
        None => false,
    }
}

/// Whether `geometry` is closed, as PostGIS's `ST_IsClosed` answers: a line string whose last
/// vertex is its first (Z compared too where it has Z; ordinates compared bit for bit, as
/// PostGIS compares them), a polygon whose rings all are, a multi-geometry or collection whose
/// members all are; any non-empty point; never an empty geometry or a collection with an
/// empty member.
///
/// GeoMesa's `st_isClosed` differs: JTS's `isClosed` (2D) for line strings and multi line
/// strings, and `true` for every other geometry, empty ones included.
pub fn is_closed(geometry: &Geo) -> bool {
    struct Closed;
    impl GeometryVisitor for Closed {
        type Output = bool;
        fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> bool {
            let dims = Dims::of(geometry.dim());
            match geometry.as_type() {
                GeometryType::Point(point) => point_coord(point, dims).is_some(),
                GeometryType::LineString(line) => ends_meet(line, dims),
                GeometryType::Polygon(polygon) => all_of_some(
                    polygon
                        .exterior()
                        .into_iter()
                        .chain(polygon.interiors())
                        .map(|ring| ends_meet(&ring, dims)),
                ),
                GeometryType::MultiPoint(points) => {
                    all_of_some(points.points().map(|p| Closed.visit(&p)))
                }
                GeometryType::MultiLineString(lines) => {
                    all_of_some(lines.line_strings().map(|l| ends_meet(&l, dims)))
                }
                GeometryType::MultiPolygon(polygons) => {
                    all_of_some(polygons.polygons().map(|p| Closed.visit(&p)))
                }
                GeometryType::GeometryCollection(parts) => {
                    all_of_some(parts.geometries().map(|part| Closed.visit(&part)))
                }
                GeometryType::Rect(_) | GeometryType::Triangle(_) => true,
                GeometryType::Line(_) => false,
            }
        }
    }
    geometry.visit(Closed)
}

/// Whether there is at least one answer and all are `true`.
fn all_of_some(answers: impl Iterator<Item = bool>) -> bool {
    let mut any = false;
    for answer in answers {
        if !answer {
            return false;
        }
        any = true;
    }
    any
}

/// Whether a line's last vertex is its first, bit for bit in X, Y and (where it has Z) Z, as
/// PostGIS compares them; an empty line is not closed.
fn ends_meet(line: &impl LineStringTrait<T = f64>, dims: Dims) -> bool {
    let n = line.num_coords();
    let (Some(first), Some(last)) = (line.coord(0), n.checked_sub(1).and_then(|i| line.coord(i)))
    else {
        return false;
    };
    let same = |a: f64, b: f64| a.to_bits() == b.to_bits();
    same(first.x(), last.x())
        && same(first.y(), last.y())
        && (!dims.z || first.nth(2).map(f64::to_bits) == last.nth(2).map(f64::to_bits))
}

/// Whether a line string is closed (in 2D) and simple, without self-intersections but at its
/// closing vertex (`ST_IsRing`, GEOS's `isRing`). Repeated vertices are ignored, so a line of
/// one repeated vertex is a ring, as GEOS finds. An empty geometry of any type is not a ring;
/// any other type but a line string is refused, as PostGIS refuses it (GeoMesa answers JTS's
/// `isSimple` for other types, and `isClosed && isSimple` for multi line strings).
pub fn is_ring(geometry: &Geo) -> Result<bool, GeomError> {
    if geometry.is_empty() {
        return Ok(false);
    }
    let Some((coords, _)) = crate::coords::line_string(geometry) else {
        return Err(GeomError::Unsupported(format!(
            "st_isRing takes a LINESTRING, got a {}",
            kind(geometry).wkt_name()
        )));
    };
    let closed = coords
        .first()
        .zip(coords.last())
        .is_some_and(|(a, b)| a.same_xy(b));
    Ok(closed && is_simple_ring(&coords))
}

/// Whether a closed line has no self-intersection but at its ends: segments meet only where
/// they follow each other (the last one and the first included), and there at one point.
fn is_simple_ring(coords: &[Xyzm]) -> bool {
    use geo::line_intersection::{line_intersection, LineIntersection};
    let mut vertices: Vec<geo::Coord<f64>> = Vec::with_capacity(coords.len());
    for c in coords {
        let c = geo::Coord { x: c.x, y: c.y };
        if vertices.last() != Some(&c) {
            vertices.push(c);
        }
    }
    let segments: Vec<geo::Line<f64>> = vertices
        .windows(2)
        .map(|pair| geo::Line::new(pair[0], pair[1]))
        .collect();
    let last = segments.len().saturating_sub(1);
    let follow = |i: usize, j: usize| j == i + 1 || (i == 0 && j == last);
    // Sweep the segments by their left ends; those still open at a left end are the ones it
    // can meet.
    let left = |s: &geo::Line<f64>| s.start.x.min(s.end.x);
    let right = |s: &geo::Line<f64>| s.start.x.max(s.end.x);
    let mut order: Vec<usize> = (0..segments.len()).collect();
    order.sort_by(|&a, &b| left(&segments[a]).total_cmp(&left(&segments[b])));
    let mut open: Vec<usize> = Vec::new();
    for &i in &order {
        let x = left(&segments[i]);
        open.retain(|&j| right(&segments[j]) >= x);
        for &j in &open {
            let (a, b) = (i.min(j), i.max(j));
            match line_intersection(segments[a], segments[b]) {
                None => {}
                Some(LineIntersection::SinglePoint { .. }) if follow(a, b) => {}
                Some(_) => return false,
            }
        }
        open.push(i);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    fn xy(text: &str) -> (Option<f64>, Option<f64>) {
        let bytes = wkb(text);
        let g = geo(&bytes);
        (x(&g), y(&g))
    }

    #[test]
    fn points_only() {
        assert_eq!(xy("POINT(1 2)"), (Some(1.0), Some(2.0)));
        assert_eq!(xy("POINT Z (1 2 3)"), (Some(1.0), Some(2.0)));
        assert_eq!(xy("POINT EMPTY"), (None, None));
        assert_eq!(xy("LINESTRING(0 0,1 1)"), (None, None));
    }

    #[test]
    fn counts_members_as_postgis_does() {
        for (text, expected) in [
            ("POINT(1 2)", 1),
            ("POINT EMPTY", 0),
            ("POLYGON((0 0,1 0,1 1,0 0))", 1),
            ("LINESTRING EMPTY", 0),
            ("MULTIPOINT((0 0),(1 1),(2 2))", 3),
            ("MULTILINESTRING((0 0,1 1),(2 2,3 3))", 2),
            ("MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))", 2),
            ("MULTIPOLYGON EMPTY", 0),
            ("GEOMETRYCOLLECTION(POINT(1 1),LINESTRING EMPTY)", 2),
            (
                "GEOMETRYCOLLECTION(POINT(1 1),GEOMETRYCOLLECTION(POINT(2 2),POINT(3 3)))",
                2,
            ),
            ("GEOMETRYCOLLECTION EMPTY", 0),
        ] {
            assert_eq!(num_geometries(&geo(&wkb(text))), expected, "{text}");
        }
    }

    #[test]
    fn counts_points_as_jts_does() {
        for (text, expected) in [
            ("POINT(1 2)", 1),
            ("POINT EMPTY", 0),
            ("LINESTRING(0 0,1 1,2 2)", 3),
            ("POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))", 9),
            ("MULTIPOINT((0 0),(1 1))", 2),
            ("GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1))", 3),
            ("GEOMETRYCOLLECTION EMPTY", 0),
        ] {
            assert_eq!(num_points(&geo(&wkb(text))), expected, "{text}");
        }
    }

    #[test]
    fn z_and_m_of_points_as_postgis() {
        // PostGIS 3.3.2: ST_Z(input), ST_M(input).
        for (input, expected) in [
            ("POINT(1 2)", (None, None)),
            ("POINT Z(1 2 3)", (Some(3.0), None)),
            ("POINT M(1 2 4)", (None, Some(4.0))),
            ("POINT ZM(1 2 3 4)", (Some(3.0), Some(4.0))),
            ("POINT EMPTY", (None, None)),
            ("POINT ZM EMPTY", (None, None)),
            // PostGIS refuses other types ('Argument to ST_Z() must have type POINT').
            ("MULTIPOINT Z((1 1 1))", (None, None)),
            ("LINESTRING ZM(0 0 1 2,1 1 3 4)", (None, None)),
        ] {
            let bytes = wkb(input);
            let g = geo(&bytes);
            assert_eq!((z(&g), m(&g)), expected, "{input}");
        }
    }

    #[test]
    fn counts_rings_and_ranges_z_as_postgis() {
        // PostGIS 3.3.2: ST_NRings(input), and ST_ZMin(input), ST_ZMax(input) where the input
        // has Z (they are 0 for a non-empty input without Z, NULL for an empty one).
        for (input, rings, range) in [
            ("POINT(1 2)", 0, None),
            ("POINT Z(1 2 3)", 0, Some((3.0, 3.0))),
            ("POINT ZM(1 2 3 4)", 0, Some((3.0, 3.0))),
            ("POINT M(1 2 4)", 0, None),
            ("POINT Z EMPTY", 0, None),
            ("LINESTRING Z(0 0 -1,1 1 5,2 2 2)", 0, Some((-1.0, 5.0))),
            ("LINESTRING M(0 0 1,1 1 3)", 0, None),
            ("POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))", 2, None),
            (
                "POLYGON Z((0 0 0,4 0 0,4 4 1,0 0 0),(1 1 9,2 1 9,2 2 -9,1 1 9))",
                2,
                Some((0.0, 1.0)),
            ),
            ("POLYGON EMPTY", 0, None),
            (
                "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5),(5.1 5.1,5.2 5.1,5.2 5.2,5.1 5.1)))",
                3,
                None,
            ),
            ("MULTIPOINT Z((1 1 2),(3 3 7))", 0, Some((2.0, 7.0))),
            (
                "MULTILINESTRING ZM((0 0 1 9,1 1 2 9),(2 2 -4 9,3 3 0 9))",
                0,
                Some((-4.0, 2.0)),
            ),
            (
                "GEOMETRYCOLLECTION(POLYGON((0 0,1 0,1 1,0 0)),LINESTRING(0 0,1 1),GEOMETRYCOLLECTION(POLYGON((0 0,1 0,1 1,0 0),(0.1 0.1,0.2 0.1,0.2 0.2,0.1 0.1))))",
                3,
                None,
            ),
            (
                "GEOMETRYCOLLECTION Z(POINT Z(1 1 2),LINESTRING Z(0 0 -3,1 1 4))",
                0,
                Some((-3.0, 4.0)),
            ),
            ("GEOMETRYCOLLECTION EMPTY", 0, None),
        ] {
            let bytes = wkb(input);
            let g = geo(&bytes);
            assert_eq!(num_rings(&g), rings, "num_rings {input}");
            assert_eq!(z_range(&g), range, "z_range {input}");
        }
        // PostGIS 3.3.2: ST_AsBinary('MULTIPOINT Z(EMPTY,(3 3 7))'), whose ST_ZMin and ST_ZMax
        // are 7: the empty point's NaN ordinates are skipped.
        let hex = "01ec0300000200000001e9030000000000000000f87f000000000000f87f000000000000f87f\
                   01e9030000000000000000084000000000000008400000000000001c40";
        let bytes: Vec<u8> = (0..hex.len() / 2)
            .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
            .collect();
        assert_eq!(z_range(&geo(&bytes)), Some((7.0, 7.0)));
        let rect = Geo::Rect(geo::Rect::new(
            geo::Coord { x: 0., y: 1. },
            geo::Coord { x: 2., y: 3. },
        ));
        assert_eq!((num_rings(&rect), z_range(&rect)), (1, None));
        let point = Geo::Point(geo::Coord { x: 0., y: 1. });
        assert_eq!((num_rings(&point), z_range(&point)), (0, None));
        assert_eq!((z(&point), m(&point), z(&rect)), (None, None, None));
    }

    struct Row {
        input: &'static str,
        is_closed: bool,
        is_collection: bool,
        coord_dim: usize,
        dimension: i32,
        name: &'static str,
        holes: Option<usize>,
        /// Exterior ring, start point, end point, point 1, point -1, geometry 1, interior
        /// ring 1; `None` for NULL.
        parts: [Option<&'static str>; 7],
    }

    /// The part a function writes, as WKB; `None` when it writes nothing.
    fn part(written: bool, out: Vec<u8>) -> Option<Vec<u8>> {
        assert_eq!(written, !out.is_empty());
        written.then_some(out)
    }

    #[test]
    fn answers_as_postgis() {
        // PostGIS 3.3.2: ST_IsClosed, ST_IsCollection, ST_CoordDim, ST_Dimension,
        // ST_GeometryType, ST_NumInteriorRings, and ST_AsBinary of ST_ExteriorRing,
        // ST_StartPoint, ST_EndPoint, ST_PointN(g, 1), ST_PointN(g, -1), ST_GeometryN(g, 1),
        // ST_InteriorRingN(g, 1), for each input.
        for row in [
            Row {
                input: "POINT(1 2)",
                is_closed: true,
                is_collection: false,
                coord_dim: 2,
                dimension: 0,
                name: "ST_Point",
                holes: None,
                parts: [None, Some("POINT(1 2)"), None, None, None, Some("POINT(1 2)"), None],
            },
            Row {
                input: "POINT EMPTY",
                is_closed: false,
                is_collection: false,
                coord_dim: 2,
                dimension: 0,
                name: "ST_Point",
                holes: None,
                parts: [None, None, None, None, None, None, None],
            },
            Row {
                input: "POINT Z(1 2 3)",
                is_closed: true,
                is_collection: false,
                coord_dim: 3,
                dimension: 0,
                name: "ST_Point",
                holes: None,
                parts: [None, Some("POINT Z(1 2 3)"), None, None, None, Some("POINT Z(1 2 3)"), None],
            },
            Row {
                input: "LINESTRING(0 0,1 1,0 0)",
                is_closed: true,
                is_collection: false,
                coord_dim: 2,
                dimension: 1,
                name: "ST_LineString",
                holes: None,
                parts: [None, Some("POINT(0 0)"), Some("POINT(0 0)"), Some("POINT(0 0)"), Some("POINT(0 0)"), Some("LINESTRING(0 0,1 1,0 0)"), None],
            },
            Row {
                input: "LINESTRING(0 0,1 1)",
                is_closed: false,
                is_collection: false,
                coord_dim: 2,
                dimension: 1,
                name: "ST_LineString",
                holes: None,
                parts: [None, Some("POINT(0 0)"), Some("POINT(1 1)"), Some("POINT(0 0)"), Some("POINT(1 1)"), Some("LINESTRING(0 0,1 1)"), None],
            },
            Row {
                input: "LINESTRING EMPTY",
                is_closed: false,
                is_collection: false,
                coord_dim: 2,
                dimension: 1,
                name: "ST_LineString",
                holes: None,
                parts: [None, None, None, None, None, None, None],
            },
            Row {
                input: "LINESTRING M(0 0 1,1 1 2)",
                is_closed: false,
                is_collection: false,
                coord_dim: 3,
                dimension: 1,
                name: "ST_LineString",
                holes: None,
                parts: [None, Some("POINT M(0 0 1)"), Some("POINT M(1 1 2)"), Some("POINT M(0 0 1)"), Some("POINT M(1 1 2)"), Some("LINESTRING M(0 0 1,1 1 2)"), None],
            },
            Row {
                input: "LINESTRING Z(0 0 0,1 1 0,0 0 1)",
                is_closed: false,
                is_collection: false,
                coord_dim: 3,
                dimension: 1,
                name: "ST_LineString",
                holes: None,
                parts: [None, Some("POINT Z(0 0 0)"), Some("POINT Z(0 0 1)"), Some("POINT Z(0 0 0)"), Some("POINT Z(0 0 1)"), Some("LINESTRING Z(0 0 0,1 1 0,0 0 1)"), None],
            },
            Row {
                input: "LINESTRING M(0 0 0,1 1 0,0 0 1)",
                is_closed: true,
                is_collection: false,
                coord_dim: 3,
                dimension: 1,
                name: "ST_LineString",
                holes: None,
                parts: [None, Some("POINT M(0 0 0)"), Some("POINT M(0 0 1)"), Some("POINT M(0 0 0)"), Some("POINT M(0 0 1)"), Some("LINESTRING M(0 0 0,1 1 0,0 0 1)"), None],
            },
            Row {
                input: "POLYGON((0 0,1 0,1 1,0 0))",
                is_closed: true,
                is_collection: false,
                coord_dim: 2,
                dimension: 2,
                name: "ST_Polygon",
                holes: Some(0),
                parts: [Some("LINESTRING(0 0,1 0,1 1,0 0)"), Some("POINT(0 0)"), None, None, None, Some("POLYGON((0 0,1 0,1 1,0 0))"), None],
            },
            Row {
                input: "POLYGON EMPTY",
                is_closed: false,
                is_collection: false,
                coord_dim: 2,
                dimension: 2,
                name: "ST_Polygon",
                holes: Some(0),
                parts: [Some("LINESTRING EMPTY"), None, None, None, None, None, None],
            },
            Row {
                input: "POLYGON ZM((0 0 1 2,1 0 1 2,1 1 1 2,0 0 1 2),(0.1 0.1 0 0,0.2 0.1 0 0,0.2 0.2 0 0,0.1 0.1 0 0))",
                is_closed: true,
                is_collection: false,
                coord_dim: 4,
                dimension: 2,
                name: "ST_Polygon",
                holes: Some(1),
                parts: [Some("LINESTRING ZM(0 0 1 2,1 0 1 2,1 1 1 2,0 0 1 2)"), Some("POINT ZM(0 0 1 2)"), None, None, None, Some("POLYGON ZM((0 0 1 2,1 0 1 2,1 1 1 2,0 0 1 2),(0.1 0.1 0 0,0.2 0.1 0 0,0.2 0.2 0 0,0.1 0.1 0 0))"), Some("LINESTRING ZM(0.1 0.1 0 0,0.2 0.1 0 0,0.2 0.2 0 0,0.1 0.1 0 0)")],
            },
            Row {
                input: "POLYGON Z((0 0 0,1 0 0,1 1 0,0 0 1))",
                is_closed: false,
                is_collection: false,
                coord_dim: 3,
                dimension: 2,
                name: "ST_Polygon",
                holes: Some(0),
                parts: [Some("LINESTRING Z(0 0 0,1 0 0,1 1 0,0 0 1)"), Some("POINT Z(0 0 0)"), None, None, None, Some("POLYGON Z((0 0 0,1 0 0,1 1 0,0 0 1))"), None],
            },
            Row {
                input: "MULTIPOINT((1 1),(2 2))",
                is_closed: true,
                is_collection: true,
                coord_dim: 2,
                dimension: 0,
                name: "ST_MultiPoint",
                holes: None,
                parts: [None, Some("POINT(1 1)"), None, None, None, Some("POINT(1 1)"), None],
            },
            Row {
                input: "MULTIPOINT EMPTY",
                is_closed: false,
                is_collection: true,
                coord_dim: 2,
                dimension: 0,
                name: "ST_MultiPoint",
                holes: None,
                parts: [None, None, None, None, None, None, None],
            },
            Row {
                input: "MULTILINESTRING((0 0,1 1,0 0),(2 2,3 3,2 2))",
                is_closed: true,
                is_collection: true,
                coord_dim: 2,
                dimension: 1,
                name: "ST_MultiLineString",
                holes: None,
                parts: [None, Some("POINT(0 0)"), None, None, None, Some("LINESTRING(0 0,1 1,0 0)"), None],
            },
            Row {
                input: "MULTILINESTRING((0 0,1 1,0 0),(2 2,3 3))",
                is_closed: false,
                is_collection: true,
                coord_dim: 2,
                dimension: 1,
                name: "ST_MultiLineString",
                holes: None,
                parts: [None, Some("POINT(0 0)"), None, None, None, Some("LINESTRING(0 0,1 1,0 0)"), None],
            },
            Row {
                input: "MULTILINESTRING EMPTY",
                is_closed: false,
                is_collection: true,
                coord_dim: 2,
                dimension: 1,
                name: "ST_MultiLineString",
                holes: None,
                parts: [None, None, None, None, None, None, None],
            },
            Row {
                input: "MULTIPOLYGON(((0 0,10 0,10 10,0 0),(1 1,2 1,2 2,1 1)))",
                is_closed: true,
                is_collection: true,
                coord_dim: 2,
                dimension: 2,
                name: "ST_MultiPolygon",
                holes: None,
                parts: [None, Some("POINT(0 0)"), None, None, None, Some("POLYGON((0 0,10 0,10 10,0 0),(1 1,2 1,2 2,1 1))"), None],
            },
            Row {
                input: "GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1))",
                is_closed: false,
                is_collection: true,
                coord_dim: 2,
                dimension: 1,
                name: "ST_GeometryCollection",
                holes: None,
                parts: [None, Some("POINT(1 1)"), None, None, None, Some("POINT(1 1)"), None],
            },
            Row {
                input: "GEOMETRYCOLLECTION(LINESTRING(0 0,1 1,0 0))",
                is_closed: true,
                is_collection: true,
                coord_dim: 2,
                dimension: 1,
                name: "ST_GeometryCollection",
                holes: None,
                parts: [None, Some("POINT(0 0)"), None, None, None, Some("LINESTRING(0 0,1 1,0 0)"), None],
            },
            Row {
                input: "GEOMETRYCOLLECTION EMPTY",
                is_closed: false,
                is_collection: true,
                coord_dim: 2,
                dimension: 0,
                name: "ST_GeometryCollection",
                holes: None,
                parts: [None, None, None, None, None, None, None],
            },
            Row {
                input: "GEOMETRYCOLLECTION(POINT EMPTY,LINESTRING EMPTY)",
                is_closed: false,
                is_collection: true,
                coord_dim: 2,
                dimension: 1,
                name: "ST_GeometryCollection",
                holes: None,
                parts: [None, None, None, None, None, None, None],
            },
            Row {
                input: "GEOMETRYCOLLECTION(POINT(1 1),POLYGON EMPTY)",
                is_closed: false,
                is_collection: true,
                coord_dim: 2,
                dimension: 2,
                name: "ST_GeometryCollection",
                holes: None,
                parts: [None, Some("POINT(1 1)"), None, None, None, Some("POINT(1 1)"), None],
            },
            Row {
                input: "GEOMETRYCOLLECTION(POINT EMPTY,LINESTRING(1 1,2 2))",
                is_closed: false,
                is_collection: true,
                coord_dim: 2,
                dimension: 1,
                name: "ST_GeometryCollection",
                holes: None,
                parts: [None, None, None, None, None, Some("POINT EMPTY"), None],
            },
            Row {
                input: "GEOMETRYCOLLECTION(POINT(1 1),POINT EMPTY)",
                is_closed: false,
                is_collection: true,
                coord_dim: 2,
                dimension: 0,
                name: "ST_GeometryCollection",
                holes: None,
                parts: [None, Some("POINT(1 1)"), None, None, None, Some("POINT(1 1)"), None],
            },
            Row {
                input: "GEOMETRYCOLLECTION M(MULTIPOLYGON M(((5 5 1,6 5 1,6 6 1,5 5 1))),POINT M(1 1 1))",
                is_closed: true,
                is_collection: true,
                coord_dim: 3,
                dimension: 2,
                name: "ST_GeometryCollection",
                holes: None,
                parts: [None, Some("POINT M(5 5 1)"), None, None, None, Some("MULTIPOLYGON M(((5 5 1,6 5 1,6 6 1,5 5 1)))"), None],
            },
            Row {
                input: "LINESTRING(0 0,1 0,1 1,0 1,0 0)",
                is_closed: true,
                is_collection: false,
                coord_dim: 2,
                dimension: 1,
                name: "ST_LineString",
                holes: None,
                parts: [None, Some("POINT(0 0)"), Some("POINT(0 0)"), Some("POINT(0 0)"), Some("POINT(0 0)"), Some("LINESTRING(0 0,1 0,1 1,0 1,0 0)"), None],
            },
            Row {
                input: "LINESTRING(0 0,1 1,1 0,0 1,0 0)",
                is_closed: true,
                is_collection: false,
                coord_dim: 2,
                dimension: 1,
                name: "ST_LineString",
                holes: None,
                parts: [None, Some("POINT(0 0)"), Some("POINT(0 0)"), Some("POINT(0 0)"), Some("POINT(0 0)"), Some("LINESTRING(0 0,1 1,1 0,0 1,0 0)"), None],
            },
        ] {
            let bytes = wkb(row.input);
            let g = geo(&bytes);
            let input = row.input;
            assert_eq!(is_closed(&g), row.is_closed, "is_closed {input}");
            assert_eq!(is_collection(&g), row.is_collection, "is_collection {input}");
            assert_eq!(coord_dim(&g), row.coord_dim, "coord_dim {input}");
            assert_eq!(dimension(&g), row.dimension, "dimension {input}");
            assert_eq!(kind(&g).postgis_name(), row.name, "kind {input}");
            assert_eq!(num_interior_rings(&g), row.holes, "num_interior_rings {input}");
            type Writer<'a> = &'a dyn Fn(&mut Vec<u8>) -> bool;
            let writers: [Writer; 7] = [
                &|out| exterior_ring(&g, out),
                &|out| start_point(&g, out),
                &|out| end_point(&g, out),
                &|out| point_n(&g, 1, out),
                &|out| point_n(&g, -1, out),
                &|out| geometry_n(&g, 1, out),
                &|out| interior_ring_n(&g, 1, out),
            ];
            for (i, (write, expected)) in writers.iter().zip(row.parts).enumerate() {
                let mut out = Vec::new();
                let written = write(&mut out);
                assert_eq!(part(written, out), expected.map(wkb), "part {i} of {input}");
            }
        }
    }

    #[test]
    fn indexes_out_of_range_write_nothing() {
        // PostGIS 3.3.2: ST_PointN(g, n) for n = 0, 4, -4 of a 3-point line, ST_GeometryN(g, n)
        // for n = 0, 3, -1 of a 2-member collection and n = 2 of a point, ST_InteriorRingN(g, n)
        // for n = 0, 2, -1 of a 1-hole polygon: all NULL. n = 3 and -3 give the ends.
        let line = wkb("LINESTRING(0 0,1 1,2 2)");
        let line = geo(&line);
        for n in [0, 4, -4, i64::MIN, i64::MAX] {
            assert!(!point_n(&line, n, &mut Vec::new()), "{n}");
        }
        for (n, expected) in [(3, "POINT(2 2)"), (-3, "POINT(0 0)"), (2, "POINT(1 1)")] {
            let mut out = Vec::new();
            assert!(point_n(&line, n, &mut out));
            assert_eq!(out, wkb(expected));
        }
        let collection = wkb("GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1))");
        let collection = geo(&collection);
        for n in [0, 3, -1, i64::MIN] {
            assert!(!geometry_n(&collection, n, &mut Vec::new()), "{n}");
        }
        let mut out = Vec::new();
        assert!(geometry_n(&collection, 2, &mut out));
        assert_eq!(out, wkb("LINESTRING(0 0,1 1)"));
        let point = wkb("POINT(1 1)");
        assert!(!geometry_n(&geo(&point), 2, &mut Vec::new()));
        let polygon = wkb("POLYGON((0 0,10 0,10 10,0 0),(1 1,2 1,2 2,1 1))");
        let polygon = geo(&polygon);
        for n in [0, 2, -1, i64::MIN] {
            assert!(!interior_ring_n(&polygon, n, &mut Vec::new()), "{n}");
        }
    }

    #[test]
    fn rectangles_answer_as_their_polygon() {
        let rect = Geo::Rect(geo::Rect::new(
            geo::Coord { x: 0., y: 1. },
            geo::Coord { x: 2., y: 3. },
        ));
        let mut polygon = Vec::new();
        rect.write_wkb(&mut polygon);
        let polygon = geo(&polygon);
        assert_eq!(kind(&rect), Kind::Polygon);
        assert_eq!(num_interior_rings(&rect), num_interior_rings(&polygon));
        assert_eq!(is_closed(&rect), is_closed(&polygon));
        assert_eq!(dimension(&rect), 2);
        for write in [exterior_ring, start_point] {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            assert!(write(&rect, &mut a) && write(&polygon, &mut b));
            assert_eq!(a, b);
        }
        assert!(!interior_ring_n(&rect, 1, &mut Vec::new()));
    }

    #[test]
    fn names_types_as_postgis_and_jts() {
        let names: Vec<(&str, &str)> = [
            Kind::Point,
            Kind::LineString,
            Kind::Polygon,
            Kind::MultiPoint,
            Kind::MultiLineString,
            Kind::MultiPolygon,
            Kind::GeometryCollection,
        ]
        .iter()
        .map(|k| (k.postgis_name(), k.jts_name()))
        .collect();
        // PostGIS 3.3.2 ST_GeometryType; JTS Geometry.getGeometryType (GeoMesa st_geometryType).
        assert_eq!(
            names,
            [
                ("ST_Point", "Point"),
                ("ST_LineString", "LineString"),
                ("ST_Polygon", "Polygon"),
                ("ST_MultiPoint", "MultiPoint"),
                ("ST_MultiLineString", "MultiLineString"),
                ("ST_MultiPolygon", "MultiPolygon"),
                ("ST_GeometryCollection", "GeometryCollection"),
            ]
        );
    }

    #[test]
    fn rings_are_closed_and_simple_as_postgis_finds() {
        // PostGIS 3.3.2 (GEOS 3.11.1): ST_IsRing(input).
        for (input, expected) in [
            ("LINESTRING(0 0,1 0,1 1,0 1,0 0)", true),
            ("LINESTRING(0 0,1 1,1 0,0 1,0 0)", false),
            ("LINESTRING(0 0,1 1,0 0)", false),
            ("LINESTRING(0 0,1 1)", false),
            ("LINESTRING M(0 0 0,1 1 0,0 0 1)", false),
            ("LINESTRING Z(0 0 0,1 0 0,1 1 0,0 0 1)", true),
            ("LINESTRING(0 0,0 0,1 0,1 0,1 1,0 0)", true),
            ("LINESTRING(0 0,1 0,1 1,0 1,0 0,0 0)", true),
            ("LINESTRING(0 0,1 0,1 1,0 1,0.5 0,0 0)", false),
            ("LINESTRING(0 0,2 0,1 0,1 1,0 0)", false),
            ("LINESTRING(0 0,0 0,0 0,0 0)", true),
            ("LINESTRING(0 0,1 0,0 0,0 0)", false),
            ("LINESTRING(0 0,1 0,1 1,0 0,-1 0,0 0)", false),
            ("LINESTRING EMPTY", false),
            ("POINT EMPTY", false),
            ("POLYGON EMPTY", false),
            ("MULTILINESTRING EMPTY", false),
            ("GEOMETRYCOLLECTION EMPTY", false),
        ] {
            assert_eq!(is_ring(&geo(&wkb(input))), Ok(expected), "{input}");
        }
        // PostGIS 3.3.2: 'ST_IsRing() should only be called on a linear feature'.
        for input in [
            "POINT(1 2)",
            "POLYGON((0 0,1 0,1 1,0 0))",
            "MULTILINESTRING((0 0,1 1,0 0),(2 2,3 3,2 2))",
            "GEOMETRYCOLLECTION(LINESTRING(0 0,1 1,0 0))",
        ] {
            assert!(
                matches!(is_ring(&geo(&wkb(input))), Err(GeomError::Unsupported(_))),
                "{input}"
            );
        }
    }

    #[test]
    fn a_long_ring_is_checked_by_its_sweep() {
        // A circle of many vertices is simple; pushing one vertex across the ring is not.
        let n = 20_000;
        let mut coords: Vec<String> = (0..n)
            .map(|i| {
                let a = i as f64 / n as f64 * std::f64::consts::TAU;
                format!("{} {}", a.cos(), a.sin())
            })
            .collect();
        coords.push(coords[0].clone());
        let ring = format!("LINESTRING({})", coords.join(","));
        assert_eq!(is_ring(&geo(&wkb(&ring))), Ok(true));
        coords[n / 2] = "2 0".into();
        let crossed = format!("LINESTRING({})", coords.join(","));
        assert_eq!(is_ring(&geo(&wkb(&crossed))), Ok(false));
    }
}
