//! Measures on the sphere and on the WGS84 spheroid, for coordinates in degrees (x = longitude,
//! y = latitude); results in metres and square metres.
//!
//! Edges are great-circle arcs, as in PostGIS's geography type. Coordinates outside
//! [-180, 180] × [-90, 90] are brought into range as PostGIS's cast to geography does (and so
//! as ST_DistanceSphere and ST_DistanceSpheroid see them): a longitude is wrapped by 360°, a
//! latitude beyond a pole is reflected back across it (its longitude kept), e.g. (0 100) is read
//! as (0 80) and (190 0) as (-170 0). NaN and infinite coordinates are refused with
//! [`GeomError::InvalidParameter`] (PostGIS answers 0 or NaN for them).
//!
//! Polygons are read as on the sphere: the region their rings enclose on the side of the
//! vertices' mean direction, which is the enclosed side for any polygon within a hemisphere.
//! PostGIS assumes the same (it takes a point outside the polygon's bounding box as outside).
use geo::{Distance, Geodesic, GeodesicArea};

use crate::{value::check_finite, Geo, GeomError};

/// WGS84's semi-major axis, in metres.
const WGS84_A: f64 = 6_378_137.0;
/// WGS84's semi-minor axis, a·(1 − f) with f = 1/298.257223563.
const WGS84_B: f64 = WGS84_A - WGS84_A / 298.257_223_563;

/// The sphere radius of PostGIS's ST_DistanceSphere and of geography with `use_spheroid =
/// false`: WGS84's mean radius (2a + b)/3 = 6371008.771415059 m.
pub const POSTGIS_SPHERE_RADIUS: f64 = (2.0 * WGS84_A + WGS84_B) / 3.0;

/// The sphere radius of GeoMesa's st_distanceSphere, st_lengthSphere and st_bufferPoint
/// (spatial4j's `EARTH_MEAN_RADIUS_KM`, 6371.0087714 km).
pub const GEOMESA_SPHERE_RADIUS: f64 = 6_371_008.771_4;

/// The same radius in kilometres, as GeoMesa divides by it.
pub(crate) const GEOMESA_SPHERE_RADIUS_KM: f64 = 6_371.008_771_4;

/// Minimum great-circle distance between two geometries on a sphere of radius
/// [`POSTGIS_SPHERE_RADIUS`], in metres: PostGIS's ST_DistanceSphere (= ST_Distance(geography,
/// geography, false)) for every type pairing. 0 when they intersect or when a polygon contains
/// the other geometry. `None` if either is empty (PostGIS: NULL).
///
/// Every part is compared with every part (PostGIS indexes the edges; this is quadratic in the
/// number of edges). Where PostGIS is wrong this is not: it takes two arcs to cross when their
/// great circles meet at the antipode of an arc's end (e.g. LINESTRING(0 0,5 5,10 0) and
/// LINESTRING(170 0,-170 0) are 0 apart for PostGIS, 160° here), and measures 0 to an edge
/// between antipodal points, which no single great circle joins and which is refused here.
///
/// GeoMesa's st_distanceSphere differs: it measures, by the haversine formula, between the first
/// coordinate of each geometry only, on [`GEOMESA_SPHERE_RADIUS`] (2·10⁻¹² smaller, relatively);
/// for two points both agree.
pub fn distance_sphere(a: &Geo, b: &Geo) -> Result<Option<f64>, GeomError> {
    Ok(nearest_of(a, b)?.map(|found| found.angle * POSTGIS_SPHERE_RADIUS))
}

/// Minimum distance between two geometries on the WGS84 spheroid, in metres, as PostGIS's
/// ST_Distance(geography, geography, true) computes it: between two points the geodesic
/// distance (GeographicLib's inverse problem, through `geo`'s [`Geodesic`]); otherwise the
/// geodesic distance between the two points found nearest on the sphere, and 0 when the
/// geometries intersect or a polygon contains the other geometry. `None` if either is empty.
///
/// PostGIS's geometry ST_DistanceSpheroid agrees for points and lines, but misses containment
/// (a point inside a polygon measures its distance to the boundary) and answers -1 for EMPTY.
pub fn distance_spheroid(a: &Geo, b: &Geo) -> Result<Option<f64>, GeomError> {
    let Some(found) = nearest_of(a, b)? else {
        return Ok(None);
    };
    if found.angle == 0.0 {
        return Ok(Some(0.0));
    }
    let (p, q) = (found.on_a.lon_lat(), found.on_b.lon_lat());
    Ok(Some(Geodesic.distance(geo::Point(p), geo::Point(q))))
}

/// Length along great circles on a sphere of radius [`GEOMESA_SPHERE_RADIUS`] (GeoMesa's
/// st_lengthSphere), by the haversine formula: lines and the rings of polygons add their
/// lengths, as PostGIS's ST_LengthSpheroid does; points and empty geometries measure 0. GeoMesa
/// accepts a LineString only.
pub fn length_sphere(geometry: &Geo) -> Result<f64, GeomError> {
    measure_paths(geometry, |p, q| haversine(p, q) * GEOMESA_SPHERE_RADIUS)
}

/// Geodesic length on the WGS84 spheroid (PostGIS's ST_LengthSpheroid with WGS84): lines and
/// the rings of polygons add their lengths; points and empty geometries measure 0.
pub fn length_spheroid(geometry: &Geo) -> Result<f64, GeomError> {
    measure_paths(geometry, |p, q| {
        Geodesic.distance(geo::Point(p), geo::Point(q))
    })
}

/// Geodesic area on the WGS84 spheroid, in square metres, through `geo`'s [`GeodesicArea`]
/// (GeographicLib): each ring measures the smaller of the two regions it bounds, whatever its
/// orientation, and holes are subtracted from their shell, as PostGIS's ST_Area(geography)
/// computes it. Points, lines and empty geometries measure 0.
pub fn area_spheroid(geometry: &Geo) -> Result<f64, GeomError> {
    let Some(shape) = read_shape(geometry)? else {
        return Ok(0.0);
    };
    let mut area = 0.0;
    for_each_polygon(&shape, &mut |polygon| {
        let ring_area = |ring: &geo::LineString<f64>| {
            geo::Polygon::new(ring.clone(), vec![])
                .geodesic_area_signed()
                .abs()
        };
        area += polygon
            .interiors()
            .iter()
            .fold(ring_area(polygon.exterior()), |total, hole| {
                total - ring_area(hole)
            });
    });
    Ok(area)
}

/// GeoMesa's st_aggregateDistanceSphere: the great-circle distance on a sphere of radius
/// [`GEOMESA_SPHERE_RADIUS`] between the first coordinate of `geometries[0]` and the first
/// coordinate of `geometries[1]`; GeoMesa ignores any further elements, and so does this.
/// Fewer than two elements is an error (GeoMesa fails on it too); `None` if either of the two is
/// empty.
pub fn aggregate_distance_sphere(geometries: &[Geo]) -> Result<Option<f64>, GeomError> {
    between_first_two(geometries, |p, q| haversine(p, q) * GEOMESA_SPHERE_RADIUS)
}

/// GeoMesa's st_aggregateDistanceSpheroid, the name st_aggregateDistanceSphere had before
/// GeoMesa moved it to a sphere: the geodesic distance on the WGS84 spheroid (GeoTools'
/// `GeodeticCalculator` there, GeographicLib's inverse problem through `geo`'s [`Geodesic`]
/// here) between the first coordinate of `geometries[0]` and the first coordinate of
/// `geometries[1]`. Further elements are ignored; fewer than two is an error; `None` if either
/// of the two is empty.
pub fn aggregate_distance_spheroid(geometries: &[Geo]) -> Result<Option<f64>, GeomError> {
    between_first_two(geometries, |p, q| {
        Geodesic.distance(geo::Point(p), geo::Point(q))
    })
}

/// `measure` between the first coordinates of the first two geometries, brought into range;
/// `None` if either is empty.
fn between_first_two(
    geometries: &[Geo],
    measure: impl Fn(geo::Coord<f64>, geo::Coord<f64>) -> f64,
) -> Result<Option<f64>, GeomError> {
    let [first, second, ..] = geometries else {
        return Err(GeomError::InvalidParameter(format!(
            "at least two geometries are needed, got {}",
            geometries.len()
        )));
    };
    let (Some(p), Some(q)) = (first_coord(first)?, first_coord(second)?) else {
        return Ok(None);
    };
    Ok(Some(measure(p, q)))
}

/// The first coordinate of a geometry (JTS's `getCoordinate`), brought into range.
fn first_coord(geometry: &Geo) -> Result<Option<geo::Coord<f64>>, GeomError> {
    use geo::CoordsIter;
    Ok(read_shape(geometry)?.and_then(|shape| shape.coords_iter().next()))
}

/// The 2D shape with finite coordinates brought into geography's range; `None` if empty.
fn read_shape(geometry: &Geo) -> Result<Option<geo::Geometry<f64>>, GeomError> {
    use geo::MapCoordsInPlace;
    let Some(shape) = geometry.shape() else {
        return Ok(None);
    };
    check_finite(&shape)?;
    let mut shape = shape.into_owned();
    shape.map_coords_in_place(to_geography_range);
    Ok(Some(shape))
}

/// PostGIS's coercion into [-180, 180] × [-90, 90] (`lwgeom_force_geodetic`), applied only to
/// coordinates outside that range.
fn to_geography_range(c: geo::Coord<f64>) -> geo::Coord<f64> {
    if (-180.0..=180.0).contains(&c.x) && (-90.0..=90.0).contains(&c.y) {
        return c;
    }
    // The remainder in [-180, 180]; at ±180 exactly both signs end the same way below.
    let wrap = |v: f64| {
        let r = v % 360.0;
        if r > 180.0 {
            r - 360.0
        } else if r < -180.0 {
            r + 360.0
        } else {
            r
        }
    };
    let x = if c.x.abs() > 360.0 { wrap(c.x) } else { c.x };
    let x = if x > 180.0 {
        x - 360.0
    } else if x < -180.0 {
        x + 360.0
    } else {
        x
    };
    let x = if x == -180.0 { 180.0 } else { x };
    let y = if c.y.abs() > 360.0 { wrap(c.y) } else { c.y };
    let y = if y > 180.0 {
        180.0 - y
    } else if y < -180.0 {
        -180.0 - y
    } else {
        y
    };
    let y = if y > 90.0 {
        180.0 - y
    } else if y < -90.0 {
        -180.0 - y
    } else {
        y
    };
    geo::Coord { x, y }
}

/// Sums `segment` over the consecutive coordinates of every line and polygon ring.
fn measure_paths(
    geometry: &Geo,
    segment: impl Fn(geo::Coord<f64>, geo::Coord<f64>) -> f64,
) -> Result<f64, GeomError> {
    let Some(shape) = read_shape(geometry)? else {
        return Ok(0.0);
    };
    let mut total = 0.0;
    for_each_path(&shape, &mut |path| {
        total += path
            .windows(2)
            .map(|w| segment(w[0], w[1]))
            .fold(0.0, |a, b| a + b);
    });
    Ok(total)
}

/// Great-circle angle between two lon/lat points by the haversine formula (GeoMesa's), with
/// its argument clamped so that nearly antipodal points do not give NaN.
fn haversine(p: geo::Coord<f64>, q: geo::Coord<f64>) -> f64 {
    let (lat1, lat2) = (p.y.to_radians(), q.y.to_radians());
    let half_dlat = ((q.y - p.y).to_radians() / 2.0).sin();
    let half_dlon = ((q.x - p.x).to_radians() / 2.0).sin();
    let h = half_dlat * half_dlat + lat1.cos() * lat2.cos() * half_dlon * half_dlon;
    2.0 * h.sqrt().min(1.0).asin()
}

fn for_each_path(shape: &geo::Geometry<f64>, visit: &mut impl FnMut(&[geo::Coord<f64>])) {
    use geo::Geometry as G;
    match shape {
        G::LineString(line) => visit(&line.0),
        G::MultiLineString(lines) => lines.iter().for_each(|l| visit(&l.0)),
        G::Line(line) => visit(&[line.start, line.end]),
        G::Point(_) | G::MultiPoint(_) => {}
        G::GeometryCollection(parts) => parts.iter().for_each(|p| for_each_path(p, visit)),
        G::Polygon(_) | G::MultiPolygon(_) | G::Rect(_) | G::Triangle(_) => {
            for_each_polygon(shape, &mut |polygon| {
                visit(&polygon.exterior().0);
                polygon.interiors().iter().for_each(|ring| visit(&ring.0));
            })
        }
    }
}

fn for_each_polygon(shape: &geo::Geometry<f64>, visit: &mut impl FnMut(&geo::Polygon<f64>)) {
    use geo::Geometry as G;
    match shape {
        G::Polygon(polygon) => visit(polygon),
        G::MultiPolygon(polygons) => polygons.iter().for_each(visit),
        G::Rect(rect) => visit(&rect.to_polygon()),
        G::Triangle(triangle) => visit(&triangle.to_polygon()),
        G::GeometryCollection(parts) => parts.iter().for_each(|p| for_each_polygon(p, visit)),
        G::Point(_) | G::MultiPoint(_) | G::LineString(_) | G::MultiLineString(_) | G::Line(_) => {}
    }
}

/// A point on the unit sphere with the longitude and latitude it came from.
#[derive(Clone, Copy, Debug)]
struct SpherePoint {
    v: [f64; 3],
    lon_lat: Option<geo::Coord<f64>>,
}

impl SpherePoint {
    fn from_lon_lat(c: geo::Coord<f64>) -> SpherePoint {
        let (lon, lat) = (c.x.to_radians(), c.y.to_radians());
        SpherePoint {
            v: [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()],
            lon_lat: Some(c),
        }
    }

    fn from_vector(v: [f64; 3]) -> SpherePoint {
        SpherePoint {
            v: scale(v, 1.0 / norm(v)),
            lon_lat: None,
        }
    }

    /// The original coordinates for a vertex, computed ones otherwise.
    fn lon_lat(&self) -> geo::Coord<f64> {
        self.lon_lat.unwrap_or_else(|| {
            let [x, y, z] = self.v;
            geo::Coord {
                x: y.atan2(x).to_degrees(),
                y: z.atan2(x.hypot(y)).to_degrees(),
            }
        })
    }
}

fn dot(a: [f64; 3], b: [f64; 3]) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

fn cross(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ]
}

fn norm(a: [f64; 3]) -> f64 {
    dot(a, a).sqrt()
}

fn scale(a: [f64; 3], s: f64) -> [f64; 3] {
    [a[0] * s, a[1] * s, a[2] * s]
}

fn sub(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}

/// The angle between two unit vectors, accurate at every size (atan2 rather than acos).
fn angle(a: [f64; 3], b: [f64; 3]) -> f64 {
    norm(cross(a, b)).atan2(dot(a, b))
}

/// A geometry's parts on the unit sphere.
struct SphereShape {
    points: Vec<SpherePoint>,
    lines: Vec<Vec<SpherePoint>>,
    polygons: Vec<SpherePolygon>,
}

struct SpherePolygon {
    rings: Vec<Vec<SpherePoint>>,
    /// The mean direction of the shell's vertices: the polygon is on its side.
    centre: [f64; 3],
}

impl SphereShape {
    fn of(shape: &geo::Geometry<f64>) -> Result<SphereShape, GeomError> {
        let mut out = SphereShape {
            points: Vec::new(),
            lines: Vec::new(),
            polygons: Vec::new(),
        };
        out.add(shape)?;
        Ok(out)
    }

    fn add(&mut self, shape: &geo::Geometry<f64>) -> Result<(), GeomError> {
        use geo::Geometry as G;
        match shape {
            G::Point(p) => self.points.push(SpherePoint::from_lon_lat(p.0)),
            G::MultiPoint(points) => self
                .points
                .extend(points.iter().map(|p| SpherePoint::from_lon_lat(p.0))),
            G::LineString(line) => self.add_line(&line.0)?,
            G::MultiLineString(lines) => {
                for line in lines {
                    self.add_line(&line.0)?;
                }
            }
            G::Line(line) => self.add_line(&[line.start, line.end])?,
            G::GeometryCollection(parts) => {
                for part in parts {
                    self.add(part)?;
                }
            }
            G::Polygon(_) | G::MultiPolygon(_) | G::Rect(_) | G::Triangle(_) => {
                let mut result = Ok(());
                for_each_polygon(shape, &mut |polygon| {
                    if result.is_ok() {
                        result = self.add_polygon(polygon);
                    }
                });
                result?;
            }
        }
        Ok(())
    }

    /// Every line and polygon ring.
    fn paths(&self) -> Vec<&[SpherePoint]> {
        self.lines
            .iter()
            .map(Vec::as_slice)
            .chain(
                self.polygons
                    .iter()
                    .flat_map(|p| p.rings.iter().map(Vec::as_slice)),
            )
            .collect()
    }

    /// A line of one vertex (or of one repeated vertex) is a point.
    fn add_line(&mut self, coords: &[geo::Coord<f64>]) -> Result<(), GeomError> {
        let line = to_path(coords)?;
        match line.as_slice() {
            [] => {}
            [point] => self.points.push(*point),
            _ => self.lines.push(line),
        }
        Ok(())
    }

    fn add_polygon(&mut self, polygon: &geo::Polygon<f64>) -> Result<(), GeomError> {
        let shell = to_path(&polygon.exterior().0)?;
        // A shell of one repeated vertex is that point.
        if let [point] = shell.as_slice() {
            self.points.push(*point);
            return Ok(());
        }
        if shell.is_empty() {
            return Ok(());
        }
        // The closing vertex repeats the first; it must not weigh twice.
        let open = &shell[..shell.len() - usize::from(shell.len() > 1)];
        let centre = open.iter().fold([0.0; 3], |sum, p| {
            [sum[0] + p.v[0], sum[1] + p.v[1], sum[2] + p.v[2]]
        });
        let mut rings = vec![shell];
        for hole in polygon.interiors() {
            let hole = to_path(&hole.0)?;
            if !hole.is_empty() {
                rings.push(hole);
            }
        }
        self.polygons.push(SpherePolygon { rings, centre });
        Ok(())
    }
}

/// A path's vertices on the sphere, repeated vertices dropped; an edge between antipodal points
/// is refused, since no one great circle joins them.
fn to_path(coords: &[geo::Coord<f64>]) -> Result<Vec<SpherePoint>, GeomError> {
    let mut path: Vec<SpherePoint> = Vec::with_capacity(coords.len());
    for &c in coords {
        let point = SpherePoint::from_lon_lat(c);
        if let Some(previous) = path.last() {
            if previous.v == point.v {
                continue;
            }
            if dot(previous.v, point.v) < 0.0 && norm(cross(previous.v, point.v)) < 1e-15 {
                return Err(GeomError::InvalidGeometry(format!(
                    "the edge from ({} {}) to ({} {}) joins antipodal points, which no single \
                     great circle does",
                    previous.lon_lat().x,
                    previous.lon_lat().y,
                    c.x,
                    c.y
                )));
            }
        }
        path.push(point);
    }
    Ok(path)
}

/// The nearest pair found between two geometries, as an angle on the unit sphere.
#[derive(Clone, Copy)]
struct Nearest {
    angle: f64,
    on_a: SpherePoint,
    on_b: SpherePoint,
}

impl Nearest {
    fn keep_nearer(&mut self, other: Nearest) {
        if other.angle < self.angle {
            *self = other;
        }
    }

    fn swapped(self) -> Nearest {
        Nearest {
            angle: self.angle,
            on_a: self.on_b,
            on_b: self.on_a,
        }
    }
}

/// The nearest points of two geometries on the sphere; `None` if either is empty.
fn nearest_of(a: &Geo, b: &Geo) -> Result<Option<Nearest>, GeomError> {
    let (Some(a), Some(b)) = (read_shape(a)?, read_shape(b)?) else {
        return Ok(None);
    };
    // Two points, the common case (`st_point` columns): the same answer with no parts to
    // gather and search.
    if let (geo::Geometry::Point(p), geo::Geometry::Point(q)) = (&a, &b) {
        let (p, q) = (
            SpherePoint::from_lon_lat(p.0),
            SpherePoint::from_lon_lat(q.0),
        );
        return Ok(Some(Nearest {
            angle: angle(p.v, q.v),
            on_a: p,
            on_b: q,
        }));
    }
    Ok(Some(nearest(&SphereShape::of(&a)?, &SphereShape::of(&b)?)))
}

/// The nearest pair of points of two non-empty shapes (0 apart where they meet). PostGIS
/// compares every part with every part the same way.
fn nearest(a: &SphereShape, b: &SphereShape) -> Nearest {
    if let Some(found) = containment(a, b) {
        return found;
    }
    if let Some(found) = containment(b, a) {
        return found.swapped();
    }
    let (paths_a, paths_b) = (a.paths(), b.paths());
    // Replaced by the first pair measured: both shapes have a point or a path.
    let mut best = Nearest {
        angle: f64::INFINITY,
        on_a: SpherePoint::from_vector([1.0, 0.0, 0.0]),
        on_b: SpherePoint::from_vector([1.0, 0.0, 0.0]),
    };
    for p in &a.points {
        for q in &b.points {
            best.keep_nearer(Nearest {
                angle: angle(p.v, q.v),
                on_a: *p,
                on_b: *q,
            });
        }
        for path in &paths_b {
            best.keep_nearer(point_to_path(*p, path));
        }
    }
    for q in &b.points {
        for path in &paths_a {
            best.keep_nearer(point_to_path(*q, path).swapped());
        }
    }
    for path_a in &paths_a {
        for path_b in &paths_b {
            for edge_a in path_a.windows(2) {
                for edge_b in path_b.windows(2) {
                    best.keep_nearer(edge_to_edge(edge_a[0], edge_a[1], edge_b[0], edge_b[1]));
                    if best.angle == 0.0 {
                        return best;
                    }
                }
            }
        }
    }
    best
}

/// A polygon of `a` containing a part of `b` (tested at the part's first point: a part that
/// crosses the polygon's boundary is found by the edge distances).
fn containment(a: &SphereShape, b: &SphereShape) -> Option<Nearest> {
    let firsts = b
        .points
        .iter()
        .chain(b.lines.iter().map(|line| &line[0]))
        .chain(b.polygons.iter().map(|polygon| &polygon.rings[0][0]));
    for &point in firsts {
        if a.polygons.iter().any(|polygon| polygon.covers(point.v)) {
            return Some(Nearest {
                angle: 0.0,
                on_a: point,
                on_b: point,
            });
        }
    }
    None
}

impl SpherePolygon {
    /// Inside the shell and outside every hole. A ring's winding number about `p` is ±1 when it
    /// separates `p` from its antipode; of the two, the point on the polygon's side is inside.
    fn covers(&self, p: [f64; 3]) -> bool {
        dot(p, self.centre) > 0.0
            && winds_around(&self.rings[0], p)
            && !self.rings[1..].iter().any(|hole| winds_around(hole, p))
    }
}

/// Whether the ring's signed angles seen from `p` add up to a full turn.
fn winds_around(ring: &[SpherePoint], p: [f64; 3]) -> bool {
    let turn: f64 = ring
        .windows(2)
        .map(|edge| {
            let (a, b) = (edge[0].v, edge[1].v);
            dot(p, cross(a, b)).atan2(dot(a, b) - dot(a, p) * dot(b, p))
        })
        .sum();
    turn.abs() > std::f64::consts::PI
}

fn point_to_path(p: SpherePoint, path: &[SpherePoint]) -> Nearest {
    path.windows(2).fold(
        Nearest {
            angle: f64::INFINITY,
            on_a: p,
            on_b: p,
        },
        |mut best, edge| {
            best.keep_nearer(point_to_edge(p, edge[0], edge[1]));
            best
        },
    )
}

/// The nearest point of the arc `a`–`b` to `p`: its projection on the great circle if that
/// falls within the arc, the nearer end otherwise.
fn point_to_edge(p: SpherePoint, a: SpherePoint, b: SpherePoint) -> Nearest {
    let to_end = |end: SpherePoint| Nearest {
        angle: angle(p.v, end.v),
        on_a: p,
        on_b: end,
    };
    let normal = cross(a.v, b.v);
    let length = norm(normal);
    let off_plane = dot(p.v, normal) / length;
    let in_plane = sub(p.v, scale(normal, off_plane / length));
    // At a pole of the great circle every point of the arc is a quarter turn away.
    if norm(in_plane) > 0.0 {
        let foot = SpherePoint::from_vector(in_plane);
        if dot(cross(a.v, foot.v), normal) >= 0.0 && dot(cross(foot.v, b.v), normal) >= 0.0 {
            return Nearest {
                angle: off_plane.abs().atan2(norm(in_plane)),
                on_a: p,
                on_b: foot,
            };
        }
    }
    let (to_a, to_b) = (to_end(a), to_end(b));
    if to_b.angle < to_a.angle {
        to_b
    } else {
        to_a
    }
}

/// The nearest points of two arcs: their crossing, or else the nearest of the four distances
/// from an end of one to the other (on the sphere as in the plane, two arcs that do not cross
/// are nearest at an end of one of them).
fn edge_to_edge(a0: SpherePoint, a1: SpherePoint, b0: SpherePoint, b1: SpherePoint) -> Nearest {
    if let Some(crossing) = crossing(a0.v, a1.v, b0.v, b1.v) {
        let point = SpherePoint::from_vector(crossing);
        return Nearest {
            angle: 0.0,
            on_a: point,
            on_b: point,
        };
    }
    let mut best = point_to_edge(a0, b0, b1);
    best.keep_nearer(point_to_edge(a1, b0, b1));
    best.keep_nearer(point_to_edge(b0, a0, a1).swapped());
    best.keep_nearer(point_to_edge(b1, a0, a1).swapped());
    best
}

/// Where the arcs `a0`–`a1` and `b0`–`b1` cross, if they do: each arc's ends lie on opposite
/// sides of the other's great circle, and of the circles' two meeting points the one on both
/// arcs. Arcs on one great circle are left to the end distances.
fn crossing(a0: [f64; 3], a1: [f64; 3], b0: [f64; 3], b1: [f64; 3]) -> Option<[f64; 3]> {
    let (normal_a, normal_b) = (cross(a0, a1), cross(b0, b1));
    if dot(normal_a, b0) * dot(normal_a, b1) > 0.0 || dot(normal_b, a0) * dot(normal_b, a1) > 0.0 {
        return None;
    }
    let line = cross(normal_a, normal_b);
    if norm(line) == 0.0 {
        return None;
    }
    let mid_a = [a0[0] + a1[0], a0[1] + a1[1], a0[2] + a1[2]];
    let mid_b = [b0[0] + b1[0], b0[1] + b1[1], b0[2] + b1[2]];
    let point = if dot(line, mid_a) >= 0.0 {
        line
    } else {
        scale(line, -1.0)
    };
    (dot(point, mid_b) >= 0.0).then_some(point)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    /// Equal within 1e-9 relative (PostGIS rounds geography distances to 1e-8 m).
    fn assert_close(actual: f64, expected: f64, what: &str) {
        let tolerance = 1e-9 * expected.abs().max(1.0);
        assert!(
            (actual - expected).abs() <= tolerance,
            "{what}: {actual} != {expected}"
        );
    }

    fn sphere(a: &str, b: &str) -> Result<Option<f64>, GeomError> {
        distance_sphere(&geo(&wkb(a)), &geo(&wkb(b)))
    }

    fn spheroid(a: &str, b: &str) -> Result<Option<f64>, GeomError> {
        distance_spheroid(&geo(&wkb(a)), &geo(&wkb(b)))
    }

    /// Every pairing of points (at the poles and either side of the antimeridian too), lines
    /// (across the antimeridian, degenerate), polygons (with a hole, across the antimeridian,
    /// around a pole), their multi forms and a collection. Expected values from PostGIS 3.3.2:
    /// `SELECT ST_DistanceSphere(a::geometry, b::geometry), ST_Distance(geography(a),
    /// geography(b), true)`.
    const POSTGIS_DISTANCES: &[(&str, &str, f64, f64)] = &[
        ("POINT(10 20)", "POINT(10 20)", 0.0, 0.0),
        (
            "POINT(10 20)",
            "POINT(0 90)",
            7783655.58142421,
            7789599.47514109,
        ),
        (
            "POINT(10 20)",
            "POINT(45 -90)",
            12231458.77080947,
            12214331.98348436,
        ),
        (
            "POINT(10 20)",
            "POINT(179.5 -10)",
            18432673.40576388,
            18439818.13904102,
        ),
        (
            "POINT(10 20)",
            "POINT(-179.5 -10)",
            18507072.6172023,
            18512988.66133992,
        ),
        (
            "POINT(10 20)",
            "LINESTRING(0 0,5 5,10 0)",
            1753471.57890959,
            1745656.81806574,
        ),
        (
            "POINT(10 20)",
            "LINESTRING(170 0,-170 0)",
            16902665.02702646,
            16913488.28751238,
        ),
        (
            "POINT(10 20)",
            "LINESTRING(3 3,3 3)",
            2037211.15193293,
            2028598.27653448,
        ),
        (
            "POINT(10 20)",
            "POLYGON((0 0,10 0,10 10,0 10,0 0))",
            1111821.17942445,
            1106384.10893155,
        ),
        (
            "POINT(10 20)",
            "POLYGON((20 20,30 20,30 30,20 30,20 20),(22 22,28 22,28 28,22 28,22 22))",
            1044264.77356894,
            1045842.70627092,
        ),
        (
            "POINT(10 20)",
            "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))",
            16025105.33103577,
            16036951.52077755,
        ),
        (
            "POINT(10 20)",
            "POLYGON((0 80,90 80,180 80,-90 80,0 80))",
            6689926.85750049,
            6691089.46134751,
        ),
        (
            "POINT(10 20)",
            "MULTIPOINT(40 40,-40 -40)",
            3615499.13036711,
            3615762.55703627,
        ),
        (
            "POINT(10 20)",
            "MULTILINESTRING((50 50,60 60),(-50 0,-60 10))",
            4843123.37542837,
            4843643.54791208,
        ),
        (
            "POINT(10 20)",
            "MULTIPOLYGON(((100 0,110 0,110 10,100 0)),((-100 0,-110 0,-110 10,-100 0)))",
            10007557.17611684,
            10016801.17625212,
        ),
        (
            "POINT(10 20)",
            "GEOMETRYCOLLECTION(POINT(-20 -20),LINESTRING(30 -30,40 -35))",
            5518437.65451716,
            5502285.03515346,
        ),
        ("POINT(0 90)", "POINT(0 90)", 0.0, 0.0),
        (
            "POINT(0 90)",
            "POINT(45 -90)",
            20015114.35223369,
            20003931.45862545,
        ),
        (
            "POINT(0 90)",
            "POINT(179.5 -10)",
            11119507.97346316,
            11107820.5625471,
        ),
        (
            "POINT(0 90)",
            "POINT(-179.5 -10)",
            11119507.97346316,
            11107820.5625471,
        ),
        (
            "POINT(0 90)",
            "LINESTRING(0 0,5 5,10 0)",
            9451581.77744369,
            9449080.27825436,
        ),
        (
            "POINT(0 90)",
            "LINESTRING(170 0,-170 0)",
            10007557.17611684,
            10001965.72931272,
        ),
        (
            "POINT(0 90)",
            "LINESTRING(3 3,3 3)",
            9673971.93691295,
            9670239.85941644,
        ),
        (
            "POINT(0 90)",
            "POLYGON((0 0,10 0,10 10,0 10,0 0))",
            8891445.12019658,
            8891971.61195784,
        ),
        (
            "POINT(0 90)",
            "POLYGON((20 20,30 20,30 30,20 30,20 20),(22 22,28 22,28 28,22 28,22 22))",
            6661176.95559423,
            6671356.86782215,
        ),
        (
            "POINT(0 90)",
            "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))",
            8878806.83586408,
            8879400.00962332,
        ),
        (
            "POINT(0 90)",
            "POLYGON((0 80,90 80,180 80,-90 80,0 80))",
            0.0,
            0.0,
        ),
        (
            "POINT(0 90)",
            "MULTIPOINT(40 40,-40 -40)",
            5559753.98673158,
            5572436.69896221,
        ),
        (
            "POINT(0 90)",
            "MULTILINESTRING((50 50,60 60),(-50 0,-60 10))",
            3335852.39203895,
            3347892.90982221,
        ),
        (
            "POINT(0 90)",
            "MULTIPOLYGON(((100 0,110 0,110 10,100 0)),((-100 0,-110 0,-110 10,-100 0)))",
            8895606.37877053,
            8896110.89607835,
        ),
        (
            "POINT(0 90)",
            "GEOMETRYCOLLECTION(POINT(-20 -20),LINESTRING(30 -30,40 -35))",
            12231458.77080947,
            12214331.98348436,
        ),
        ("POINT(45 -90)", "POINT(45 -90)", 0.0, 0.0),
        (
            "POINT(45 -90)",
            "POINT(179.5 -10)",
            8895606.37877053,
            8896110.89607835,
        ),
        (
            "POINT(45 -90)",
            "POINT(-179.5 -10)",
            8895606.37877053,
            8896110.89607835,
        ),
        (
            "POINT(45 -90)",
            "LINESTRING(0 0,5 5,10 0)",
            10007557.17611684,
            10001965.72931272,
        ),
        (
            "POINT(45 -90)",
            "LINESTRING(170 0,-170 0)",
            10007557.17611684,
            10001965.72931272,
        ),
        (
            "POINT(45 -90)",
            "LINESTRING(3 3,3 3)",
            10341142.41532074,
            10333691.59920901,
        ),
        (
            "POINT(45 -90)",
            "POLYGON((0 0,10 0,10 10,0 10,0 0))",
            10007557.17611684,
            10001965.72931272,
        ),
        (
            "POINT(45 -90)",
            "POLYGON((20 20,30 20,30 30,20 30,20 20),(22 22,28 22,28 28,22 28,22 22))",
            12231458.77080947,
            12214331.98348436,
        ),
        (
            "POINT(45 -90)",
            "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))",
            8878806.83586408,
            8879400.00962332,
        ),
        (
            "POINT(45 -90)",
            "POLYGON((0 80,90 80,180 80,-90 80,0 80))",
            18903163.55488737,
            18887105.6012496,
        ),
        (
            "POINT(45 -90)",
            "MULTIPOINT(40 40,-40 -40)",
            5559753.98673158,
            5572436.69896221,
        ),
        (
            "POINT(45 -90)",
            "MULTILINESTRING((50 50,60 60),(-50 0,-60 10))",
            10007557.17611684,
            10001965.72931272,
        ),
        (
            "POINT(45 -90)",
            "MULTIPOLYGON(((100 0,110 0,110 10,100 0)),((-100 0,-110 0,-110 10,-100 0)))",
            10007557.17611684,
            10001965.72931272,
        ),
        (
            "POINT(45 -90)",
            "GEOMETRYCOLLECTION(POINT(-20 -20),LINESTRING(30 -30,40 -35))",
            6115729.38540474,
            6127372.82761778,
        ),
        ("POINT(179.5 -10)", "POINT(179.5 -10)", 0.0, 0.0),
        (
            "POINT(179.5 -10)",
            "POINT(-179.5 -10)",
            109505.73470793,
            109639.32210546,
        ),
        (
            "POINT(179.5 -10)",
            "LINESTRING(0 0,5 5,10 0)",
            18407102.19563997,
            18416264.47748802,
        ),
        (
            "POINT(179.5 -10)",
            "LINESTRING(170 0,-170 0)",
            1111950.79734632,
            1105854.83323437,
        ),
        (
            "POINT(179.5 -10)",
            "LINESTRING(3 3,3 3)",
            19146102.67792839,
            19144738.51041794,
        ),
        (
            "POINT(179.5 -10)",
            "POLYGON((0 0,10 0,10 10,0 10,0 0))",
            18407102.19563997,
            18416264.47748802,
        ),
        (
            "POINT(179.5 -10)",
            "POLYGON((20 20,30 20,30 30,20 30,20 20),(22 22,28 22,28 28,22 28,22 22))",
            16151460.32297687,
            16161225.46148473,
        ),
        (
            "POINT(179.5 -10)",
            "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))",
            0.0,
            0.0,
        ),
        (
            "POINT(179.5 -10)",
            "POLYGON((0 80,90 80,180 80,-90 80,0 80))",
            10007598.66119227,
            9991036.41401598,
        ),
        (
            "POINT(179.5 -10)",
            "MULTIPOINT(40 40,-40 -40)",
            13128440.41736437,
            13143303.47507211,
        ),
        (
            "POINT(179.5 -10)",
            "MULTILINESTRING((50 50,60 60),(-50 0,-60 10))",
            12579751.01361668,
            12577537.53327828,
        ),
        (
            "POINT(179.5 -10)",
            "MULTIPOLYGON(((100 0,110 0,110 10,100 0)),((-100 0,-110 0,-110 10,-100 0)))",
            7764208.1649842,
            7772098.48367088,
        ),
        (
            "POINT(179.5 -10)",
            "GEOMETRYCOLLECTION(POINT(-20 -20),LINESTRING(30 -30,40 -35))",
            13445588.63400952,
            13460818.09294707,
        ),
        ("POINT(-179.5 -10)", "POINT(-179.5 -10)", 0.0, 0.0),
        (
            "POINT(-179.5 -10)",
            "LINESTRING(0 0,5 5,10 0)",
            18485100.48534664,
            18492935.54751818,
        ),
        (
            "POINT(-179.5 -10)",
            "LINESTRING(170 0,-170 0)",
            1111950.79734632,
            1105854.83323437,
        ),
        (
            "POINT(-179.5 -10)",
            "LINESTRING(3 3,3 3)",
            19189256.59999027,
            19185446.55531478,
        ),
        (
            "POINT(-179.5 -10)",
            "POLYGON((0 0,10 0,10 10,0 10,0 0))",
            18485100.48534664,
            18492935.54751818,
        ),
        (
            "POINT(-179.5 -10)",
            "POLYGON((20 20,30 20,30 30,20 30,20 20),(22 22,28 22,28 28,22 28,22 22))",
            16235455.88299461,
            16245093.12899031,
        ),
        (
            "POINT(-179.5 -10)",
            "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))",
            0.0,
            0.0,
        ),
        (
            "POINT(-179.5 -10)",
            "POLYGON((0 80,90 80,180 80,-90 80,0 80))",
            10007598.66119227,
            9991036.41401598,
        ),
        (
            "POINT(-179.5 -10)",
            "MULTIPOINT(40 40,-40 -40)",
            13067488.45102239,
            13082348.79442858,
        ),
        (
            "POINT(-179.5 -10)",
            "MULTILINESTRING((50 50,60 60),(-50 0,-60 10))",
            12631403.4120547,
            12629323.55938848,
        ),
        (
            "POINT(-179.5 -10)",
            "MULTIPOLYGON(((100 0,110 0,110 10,100 0)),((-100 0,-110 0,-110 10,-100 0)))",
            7764208.1649842,
            7772098.48367088,
        ),
        (
            "POINT(-179.5 -10)",
            "GEOMETRYCOLLECTION(POINT(-20 -20),LINESTRING(30 -30,40 -35))",
            13513012.85561818,
            13528220.93615936,
        ),
        (
            "LINESTRING(0 0,5 5,10 0)",
            "LINESTRING(0 0,5 5,10 0)",
            0.0,
            0.0,
        ),
        (
            "LINESTRING(0 0,5 5,10 0)",
            "LINESTRING(3 3,3 3)",
            575.16110687,
            573.89308728,
        ),
        (
            "LINESTRING(0 0,5 5,10 0)",
            "POLYGON((0 0,10 0,10 10,0 10,0 0))",
            0.0,
            0.0,
        ),
        (
            "LINESTRING(0 0,5 5,10 0)",
            "POLYGON((20 20,30 20,30 30,20 30,20 20),(22 22,28 22,28 28,22 28,22 22))",
            2327119.31089735,
            2322539.31895445,
        ),
        (
            "LINESTRING(0 0,5 5,10 0)",
            "POLYGON((0 80,90 80,180 80,-90 80,0 80))",
            8343972.36595056,
            8336618.71527154,
        ),
        (
            "LINESTRING(0 0,5 5,10 0)",
            "MULTIPOINT(40 40,-40 -40)",
            5233627.69712932,
            5226213.48094704,
        ),
        (
            "LINESTRING(0 0,5 5,10 0)",
            "MULTILINESTRING((50 50,60 60),(-50 0,-60 10))",
            5559753.98673158,
            5565974.53966368,
        ),
        (
            "LINESTRING(0 0,5 5,10 0)",
            "MULTIPOLYGON(((100 0,110 0,110 10,100 0)),((-100 0,-110 0,-110 10,-100 0)))",
            10007557.17611684,
            10018754.17139462,
        ),
        (
            "LINESTRING(0 0,5 5,10 0)",
            "GEOMETRYCOLLECTION(POINT(-20 -20),LINESTRING(30 -30,40 -35))",
            3112449.32520722,
            3106126.77679465,
        ),
        (
            "LINESTRING(170 0,-170 0)",
            "LINESTRING(170 0,-170 0)",
            0.0,
            0.0,
        ),
        (
            "LINESTRING(170 0,-170 0)",
            "LINESTRING(3 3,3 3)",
            18532233.01818397,
            18551681.53071607,
        ),
        (
            "LINESTRING(170 0,-170 0)",
            "POLYGON((20 20,30 20,30 30,20 30,20 20),(22 22,28 22,28 28,22 28,22 22))",
            14628909.4839378,
            14641413.10718125,
        ),
        (
            "LINESTRING(170 0,-170 0)",
            "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))",
            0.0,
            0.0,
        ),
        (
            "LINESTRING(170 0,-170 0)",
            "POLYGON((0 80,90 80,180 80,-90 80,0 80))",
            8895606.37877053,
            8885139.87193688,
        ),
        (
            "LINESTRING(170 0,-170 0)",
            "MULTIPOINT(40 40,-40 -40)",
            13287667.94516273,
            13297880.76869543,
        ),
        (
            "LINESTRING(170 0,-170 0)",
            "MULTILINESTRING((50 50,60 60),(-50 0,-60 10))",
            11102445.30417788,
            11104673.70942663,
        ),
        (
            "LINESTRING(170 0,-170 0)",
            "MULTIPOLYGON(((100 0,110 0,110 10,100 0)),((-100 0,-110 0,-110 10,-100 0)))",
            6671704.78407789,
            6679169.44759641,
        ),
        (
            "LINESTRING(170 0,-170 0)",
            "GEOMETRYCOLLECTION(POINT(-20 -20),LINESTRING(30 -30,40 -35))",
            13540450.15599275,
            13551797.57380148,
        ),
        ("LINESTRING(3 3,3 3)", "LINESTRING(3 3,3 3)", 0.0, 0.0),
        (
            "LINESTRING(3 3,3 3)",
            "POLYGON((0 0,10 0,10 10,0 10,0 0))",
            0.0,
            0.0,
        ),
        (
            "LINESTRING(3 3,3 3)",
            "POLYGON((20 20,30 20,30 30,20 30,20 20),(22 22,28 22,28 28,22 28,22 22))",
            2641050.02974145,
            2635777.18517604,
        ),
        (
            "LINESTRING(3 3,3 3)",
            "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))",
            17974947.55612996,
            17984647.03693807,
        ),
        (
            "LINESTRING(3 3,3 3)",
            "POLYGON((0 80,90 80,180 80,-90 80,0 80))",
            8563575.00966775,
            8554976.09836771,
        ),
        (
            "LINESTRING(3 3,3 3)",
            "MULTIPOINT(40 40,-40 -40)",
            5544726.08459168,
            5536598.70836702,
        ),
        (
            "LINESTRING(3 3,3 3)",
            "MULTILINESTRING((50 50,60 60),(-50 0,-60 10))",
            5899916.13485077,
            5906409.35917555,
        ),
        (
            "LINESTRING(3 3,3 3)",
            "MULTIPOLYGON(((100 0,110 0,110 10,100 0)),((-100 0,-110 0,-110 10,-100 0)))",
            10784850.68311056,
            10796878.07175274,
        ),
        (
            "LINESTRING(3 3,3 3)",
            "GEOMETRYCOLLECTION(POINT(-20 -20),LINESTRING(30 -30,40 -35))",
            3583910.72622863,
            3576538.88716361,
        ),
        (
            "POLYGON((0 0,10 0,10 10,0 10,0 0))",
            "POLYGON((0 0,10 0,10 10,0 10,0 0))",
            0.0,
            0.0,
        ),
        (
            "POLYGON((0 0,10 0,10 10,0 10,0 0))",
            "POLYGON((20 20,30 20,30 30,20 30,20 20),(22 22,28 22,28 28,22 28,22 22))",
            1544759.68780872,
            1541856.43395029,
        ),
        (
            "POLYGON((0 0,10 0,10 10,0 10,0 0))",
            "POLYGON((0 80,90 80,180 80,-90 80,0 80))",
            7781636.78654621,
            7777287.84234132,
        ),
        (
            "POLYGON((0 0,10 0,10 10,0 10,0 0))",
            "MULTIPOINT(40 40,-40 -40)",
            4458599.29492606,
            4452913.78758369,
        ),
        (
            "POLYGON((0 0,10 0,10 10,0 10,0 0))",
            "MULTILINESTRING((50 50,60 60),(-50 0,-60 10))",
            5559753.98673158,
            5565974.53966368,
        ),
        (
            "POLYGON((0 0,10 0,10 10,0 10,0 0))",
            "MULTIPOLYGON(((100 0,110 0,110 10,100 0)),((-100 0,-110 0,-110 10,-100 0)))",
            10007557.17611684,
            10018754.17139462,
        ),
        (
            "POLYGON((0 0,10 0,10 10,0 10,0 0))",
            "GEOMETRYCOLLECTION(POINT(-20 -20),LINESTRING(30 -30,40 -35))",
            3112449.32520722,
            3106126.77679465,
        ),
        (
            "POLYGON((20 20,30 20,30 30,20 30,20 20),(22 22,28 22,28 28,22 28,22 22))",
            "POLYGON((20 20,30 20,30 30,20 30,20 20),(22 22,28 22,28 28,22 28,22 22))",
            0.0,
            0.0,
        ),
        (
            "POLYGON((20 20,30 20,30 30,20 30,20 20),(22 22,28 22,28 28,22 28,22 22))",
            "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))",
            13844598.20264296,
            13860054.09286473,
        ),
        (
            "POLYGON((20 20,30 20,30 30,20 30,20 20),(22 22,28 22,28 28,22 28,22 22))",
            "POLYGON((0 80,90 80,180 80,-90 80,0 80))",
            5634811.51344073,
            5640462.01481062,
        ),
        (
            "POLYGON((20 20,30 20,30 30,20 30,20 20),(22 22,28 22,28 28,22 28,22 22))",
            "MULTIPOINT(40 40,-40 -40)",
            1435334.85539636,
            1434648.68931087,
        ),
        (
            "POLYGON((20 20,30 20,30 30,20 30,20 20),(22 22,28 22,28 28,22 28,22 22))",
            "MULTILINESTRING((50 50,60 60),(-50 0,-60 10))",
            2782687.15549912,
            2782657.20842088,
        ),
        (
            "POLYGON((20 20,30 20,30 30,20 30,20 20),(22 22,28 22,28 28,22 28,22 22))",
            "MULTIPOLYGON(((100 0,110 0,110 10,100 0)),((-100 0,-110 0,-110 10,-100 0)))",
            7922956.63518367,
            7928828.86733879,
        ),
        (
            "POLYGON((20 20,30 20,30 30,20 30,20 20),(22 22,28 22,28 28,22 28,22 22))",
            "GEOMETRYCOLLECTION(POINT(-20 -20),LINESTRING(30 -30,40 -35))",
            5559753.98673158,
            5532479.65211202,
        ),
        (
            "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))",
            "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))",
            0.0,
            0.0,
        ),
        (
            "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))",
            "POLYGON((0 80,90 80,180 80,-90 80,0 80))",
            7766856.03851777,
            7762574.15224747,
        ),
        (
            "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))",
            "MULTIPOINT(40 40,-40 -40)",
            12444902.65807351,
            12459485.50268109,
        ),
        (
            "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))",
            "MULTILINESTRING((50 50,60 60),(-50 0,-60 10))",
            10122421.92793391,
            10130511.73010343,
        ),
        (
            "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))",
            "MULTIPOLYGON(((100 0,110 0,110 10,100 0)),((-100 0,-110 0,-110 10,-100 0)))",
            6560221.53809177,
            6568216.58159213,
        ),
        (
            "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))",
            "GEOMETRYCOLLECTION(POINT(-20 -20),LINESTRING(30 -30,40 -35))",
            12761608.32239452,
            12776735.1907334,
        ),
        (
            "POLYGON((0 80,90 80,180 80,-90 80,0 80))",
            "POLYGON((0 80,90 80,180 80,-90 80,0 80))",
            0.0,
            0.0,
        ),
        (
            "POLYGON((0 80,90 80,180 80,-90 80,0 80))",
            "MULTIPOINT(40 40,-40 -40)",
            4744373.32039998,
            4753537.13175656,
        ),
        (
            "POLYGON((0 80,90 80,180 80,-90 80,0 80))",
            "MULTILINESTRING((50 50,60 60),(-50 0,-60 10))",
            2431340.76264385,
            2439485.18013961,
        ),
        (
            "POLYGON((0 80,90 80,180 80,-90 80,0 80))",
            "MULTIPOLYGON(((100 0,110 0,110 10,100 0)),((-100 0,-110 0,-110 10,-100 0)))",
            7853439.98366245,
            7849432.85157294,
        ),
        (
            "POLYGON((0 80,90 80,180 80,-90 80,0 80))",
            "GEOMETRYCOLLECTION(POINT(-20 -20),LINESTRING(30 -30,40 -35))",
            11183227.65632174,
            11161572.03891852,
        ),
        (
            "MULTIPOINT(40 40,-40 -40)",
            "MULTIPOINT(40 40,-40 -40)",
            0.0,
            0.0,
        ),
        (
            "MULTIPOINT(40 40,-40 -40)",
            "MULTILINESTRING((50 50,60 60),(-50 0,-60 10))",
            1359256.39713905,
            1359994.88260369,
        ),
        (
            "MULTIPOINT(40 40,-40 -40)",
            "MULTIPOLYGON(((100 0,110 0,110 10,100 0)),((-100 0,-110 0,-110 10,-100 0)))",
            7503331.43793889,
            7500166.64862443,
        ),
        (
            "MULTIPOINT(40 40,-40 -40)",
            "GEOMETRYCOLLECTION(POINT(-20 -20),LINESTRING(30 -30,40 -35))",
            2927389.22294735,
            2924701.6768814,
        ),
        (
            "MULTILINESTRING((50 50,60 60),(-50 0,-60 10))",
            "MULTILINESTRING((50 50,60 60),(-50 0,-60 10))",
            0.0,
            0.0,
        ),
        (
            "MULTILINESTRING((50 50,60 60),(-50 0,-60 10))",
            "MULTIPOLYGON(((100 0,110 0,110 10,100 0)),((-100 0,-110 0,-110 10,-100 0)))",
            4561940.64326866,
            4565405.54249559,
        ),
        (
            "MULTILINESTRING((50 50,60 60),(-50 0,-60 10))",
            "GEOMETRYCOLLECTION(POINT(-20 -20),LINESTRING(30 -30,40 -35))",
            3950911.04756394,
            3947807.98109369,
        ),
        (
            "MULTIPOLYGON(((100 0,110 0,110 10,100 0)),((-100 0,-110 0,-110 10,-100 0)))",
            "MULTIPOLYGON(((100 0,110 0,110 10,100 0)),((-100 0,-110 0,-110 10,-100 0)))",
            0.0,
            0.0,
        ),
        (
            "MULTIPOLYGON(((100 0,110 0,110 10,100 0)),((-100 0,-110 0,-110 10,-100 0)))",
            "GEOMETRYCOLLECTION(POINT(-20 -20),LINESTRING(30 -30,40 -35))",
            7319059.85896768,
            7317687.83451226,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(-20 -20),LINESTRING(30 -30,40 -35))",
            "GEOMETRYCOLLECTION(POINT(-20 -20),LINESTRING(30 -30,40 -35))",
            0.0,
            0.0,
        ),
    ];

    /// Pairs PostGIS 3.3.2 measures 0 apart: its arc intersection test takes two arcs whose
    /// great circles meet at the antipode of one arc's end (meridians 10 and -170) to cross.
    /// Expected: hand haversine between the nearest vertices (given with each) on radius
    /// (2a+b)/3, and pyproj `Geod(ellps='WGS84').inv` between them.
    const POSTGIS_WRONG: &[(&str, &str, f64, f64)] = &[
        // (10 0) and (170 0).
        (
            "LINESTRING(0 0,5 5,10 0)",
            "LINESTRING(170 0,-170 0)",
            17791212.757541057,
            17811118.526923772,
        ),
        // (10 0) and (170 10).
        (
            "LINESTRING(0 0,5 5,10 0)",
            "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))",
            17538939.53248901,
            17554659.074978914,
        ),
        // (170 0) and (10 10).
        (
            "LINESTRING(170 0,-170 0)",
            "POLYGON((0 0,10 0,10 10,0 10,0 0))",
            17538939.53248901,
            17554659.074978914,
        ),
        // (10 10) and (170 10).
        (
            "POLYGON((0 0,10 0,10 10,0 10,0 0))",
            "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))",
            16878068.919645846,
            16890176.398090754,
        ),
    ];

    #[test]
    fn sphere_and_spheroid_distances_match_postgis_for_every_pairing() {
        for &(a, b, on_sphere, on_spheroid) in POSTGIS_DISTANCES.iter().chain(POSTGIS_WRONG) {
            for (x, y) in [(a, b), (b, a)] {
                let what = format!("{x} / {y}");
                assert_close(sphere(x, y).unwrap().unwrap(), on_sphere, &what);
                assert_close(spheroid(x, y).unwrap().unwrap(), on_spheroid, &what);
            }
        }
    }

    #[test]
    fn point_distances_match_haversine_and_geographiclib() {
        // Hand haversine on the sphere of radius (2a+b)/3 (Python: 2·R·asin(√h)), and
        // pyproj 3.7.2 `Geod(ellps='WGS84').inv(lon1, lat1, lon2, lat2)[2]`.
        let cases = [
            (
                "POINT(10 20)",
                "POINT(-30 45)",
                4596324.354916769,
                4597974.6327032475,
            ),
            (
                "POINT(0 90)",
                "POINT(0 -90)",
                20015114.352233686,
                20003931.458625447,
            ),
            (
                "POINT(179.5 0)",
                "POINT(-179.5 0)",
                111195.07973463189,
                111319.49079327357,
            ),
            (
                "POINT(0 0)",
                "POINT(0 1e-7)",
                0.011119507973463158,
                0.0110574275824774,
            ),
            ("POINT(123 -45)", "POINT(123 -45)", 0.0, 0.0),
            (
                "POINT(0 0)",
                "POINT(180 0)",
                20015114.352233686,
                20003931.458625447,
            ),
            (
                "POINT(-73.9857 40.7484)",
                "POINT(2.2945 48.8584)",
                5829533.8959639445,
                5845209.471687715,
            ),
        ];
        for (a, b, on_sphere, on_spheroid) in cases {
            assert_close(sphere(a, b).unwrap().unwrap(), on_sphere, a);
            assert_close(spheroid(a, b).unwrap().unwrap(), on_spheroid, a);
        }
    }

    #[test]
    fn out_of_range_coordinates_are_coerced_as_postgis_does() {
        // PostGIS 3.3.2: ST_DistanceSphere(a, b), ST_DistanceSpheroid(a, b).
        let cases = [
            (
                "POINT(190 0)",
                "POINT(0 0)",
                18903163.55488737,
                18924313.434856508,
            ),
            (
                "POINT(0 100)",
                "POINT(0 0)",
                8895606.37877053,
                8885139.871936874,
            ),
            (
                "POINT(-540 0)",
                "POINT(10 0)",
                18903163.55488737,
                18924313.434856508,
            ),
            (
                "POINT(10 -270)",
                "POINT(10 0)",
                10007557.17611684,
                10001965.729312724,
            ),
        ];
        for (a, b, on_sphere, on_spheroid) in cases {
            assert_close(sphere(a, b).unwrap().unwrap(), on_sphere, a);
            assert_close(spheroid(a, b).unwrap().unwrap(), on_spheroid, a);
        }
        // PostGIS's ST_AsText(geography(...)) of these points.
        for ((x, y), expected) in [
            ((0.0, 200.0), (0.0, -20.0)),
            ((540.0, 0.0), (180.0, 0.0)),
            ((-180.0, 0.0), (-180.0, 0.0)),
            ((360.0, 0.0), (0.0, 0.0)),
            ((10.0, 450.0), (10.0, 90.0)),
            ((0.0, -180.0), (0.0, 0.0)),
            ((720.0, 5.0), (0.0, 5.0)),
            ((-190.0, 0.0), (170.0, 0.0)),
        ] {
            let c = to_geography_range(geo::Coord { x, y });
            assert_eq!((c.x, c.y), expected, "({x} {y})");
        }
    }

    #[test]
    fn a_polygon_of_one_repeated_vertex_is_that_point() {
        // PostGIS 3.3.2: ST_DistanceSphere, ST_Distance(geography, geography, true).
        let (polygon, point) = ("POLYGON((1 1,1 1,1 1,1 1))", "POINT(2 2)");
        assert_close(
            sphere(polygon, point).unwrap().unwrap(),
            157225.64850166,
            polygon,
        );
        assert_close(
            spheroid(point, polygon).unwrap().unwrap(),
            156876.14940189,
            polygon,
        );
    }

    #[test]
    fn empty_nan_and_antipodal_edges() {
        assert_eq!(sphere("POINT EMPTY", "POINT(1 2)"), Ok(None));
        assert_eq!(spheroid("POINT(1 2)", "GEOMETRYCOLLECTION EMPTY"), Ok(None));
        assert_eq!(sphere("LINESTRING EMPTY", "POLYGON EMPTY"), Ok(None));
        let nan = {
            let mut out = Vec::new();
            crate::write_wkb(&geo::Point::new(f64::NAN, 1.0), &mut out);
            out
        };
        let point = wkb("POINT(0 0)");
        assert!(distance_sphere(&geo(&nan), &geo(&point)).is_err());
        assert!(distance_spheroid(&geo(&point), &geo(&nan)).is_err());
        assert!(length_sphere(&geo(&nan)).is_err());
        // No single great circle joins (0 0) and (180 0); PostGIS measures 0 to such an edge.
        let err = sphere("LINESTRING(0 0,180 0)", "POINT(90 10)").unwrap_err();
        assert!(err.to_string().contains("antipodal"), "{err}");
    }

    #[test]
    fn lengths() {
        // Hand haversine on GeoMesa's radius (6371008.7714 m), summed over the segments.
        let line = "LINESTRING(0 0,10 10,170 10,-170 -10)";
        assert_close(
            length_sphere(&geo(&wkb(line))).unwrap(),
            21583637.068476588,
            line,
        );
        // pyproj `Geod(ellps='WGS84').line_length(lons, lats)`; PostGIS ST_LengthSpheroid agrees.
        assert_close(
            length_spheroid(&geo(&wkb(line))).unwrap(),
            21585503.695744425,
            line,
        );
        // PostGIS ST_LengthSpheroid(g, 'SPHEROID["WGS 84",6378137,298.257223563]').
        for (text, expected) in [
            (
                "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,2 4,4 4,4 2,2 2))",
                5308170.302249543,
            ),
            ("MULTILINESTRING((0 0,0 90),(0 0,180 0))", 30005897.18793817),
            (
                "GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 0),POLYGON((0 0,1 0,1 1,0 0)))",
                490112.93843568617,
            ),
            ("POINT(1 1)", 0.0),
            ("LINESTRING EMPTY", 0.0),
        ] {
            assert_close(length_spheroid(&geo(&wkb(text))).unwrap(), expected, text);
        }
        assert_eq!(length_sphere(&geo(&wkb("LINESTRING(3 3,3 3)"))), Ok(0.0));
    }

    #[test]
    fn geodesic_areas() {
        // pyproj `Geod(ellps='WGS84').polygon_area_perimeter`, |area| per ring, holes
        // subtracted; PostGIS ST_Area(geography(g)) agrees (to its 1e-3 m² rounding).
        for (text, expected) in [
            (
                "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,2 4,4 4,4 2,2 2))",
                1178704022914.4668,
            ),
            // Clockwise: the same area, not the rest of the Earth.
            ("POLYGON((0 0,0 10,10 10,10 0,0 0))", 1227877191609.6267),
            (
                "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))",
                4948480469169.516,
            ),
            (
                "POLYGON((0 80,90 80,180 80,-90 80,0 80))",
                2507270031169.875,
            ),
            // PostGIS ST_Area(geography(g)).
            (
                "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((10 10,11 10,11 11,10 10)))",
                12218818077.444973,
            ),
            (
                "GEOMETRYCOLLECTION(POINT(0 0),POLYGON((0 0,1 0,1 1,0 0)))",
                6154854786.721433,
            ),
            ("LINESTRING(0 0,1 1)", 0.0),
            ("POLYGON EMPTY", 0.0),
        ] {
            assert_close(area_spheroid(&geo(&wkb(text))).unwrap(), expected, text);
        }
    }

    #[test]
    fn aggregate_distance_uses_the_first_coordinates_of_the_first_two() {
        type Measure = fn(&[Geo]) -> Result<Option<f64>, GeomError>;
        let of = |measure: Measure, texts: &[&str]| -> Result<Option<f64>, GeomError> {
            let bytes: Vec<Vec<u8>> = texts.iter().map(|t| wkb(t)).collect();
            let geos: Vec<Geo> = bytes.iter().map(|b| geo(b)).collect();
            measure(&geos)
        };
        // GeoMesa's fastDistance (spatial4j 0.8, JTS 1.20) between (10 20) and (-30 45); pyproj
        // 3.7.2 `Geod(ellps='WGS84').inv(10, 20, -30, 45)[2]` on the spheroid.
        for (measure, expected) in [
            (aggregate_distance_sphere as Measure, 4596324.354905905),
            (aggregate_distance_spheroid as Measure, 4597974.6327032475),
        ] {
            assert_close(
                of(measure, &["POINT(10 20)", "POINT(-30 45)"])
                    .unwrap()
                    .unwrap(),
                expected,
                "points",
            );
            assert_close(
                of(
                    measure,
                    &[
                        "LINESTRING(10 20,0 0)",
                        "POLYGON((-30 45,0 0,1 1,-30 45))",
                        "POINT(5 5)",
                    ],
                )
                .unwrap()
                .unwrap(),
                expected,
                "first coordinates",
            );
            assert_eq!(of(measure, &["POINT EMPTY", "POINT(1 1)"]), Ok(None));
            assert_eq!(of(measure, &["POINT(1 1)", "LINESTRING EMPTY"]), Ok(None));
            assert!(of(measure, &["POINT(1 1)"]).is_err());
            assert!(of(measure, &[]).is_err());
        }
        // Out of range coordinates are coerced as for the other measures: (190 0) is (-170 0).
        assert_eq!(
            of(aggregate_distance_spheroid, &["POINT(190 0)", "POINT(0 0)"]),
            of(
                aggregate_distance_spheroid,
                &["POINT(-170 0)", "POINT(0 0)"]
            ),
        );
    }
}
