//! The geometry value kernels read: a point as two `f64`s, a rectangle as its corners, WKB read
//! in place, or a constant prepared once per task. Kernels take `&Geo` and convert to a `geo`
//! shape only where an algorithm needs one.
use std::borrow::Cow;
use std::cell::OnceCell;

use geo::indexed::IntervalTreeMultiPolygon;
use geo::orient::Direction;
use geo::{BoundingRect, Coord, Orient, Rect};
use geo_traits::{
    CoordTrait, GeometryCollectionTrait, GeometryTrait, GeometryType, LineStringTrait,
    MultiLineStringTrait, MultiPointTrait, MultiPolygonTrait, PointTrait, PolygonTrait,
};
use wkb::reader::Wkb;

use crate::shape::to_shape;
use crate::{wkb_codec, GeomError};

/// One geometry, as a kernel sees it. SRIDs are not here: the executor keeps them per column.
pub enum Geo<'a> {
    /// A non-empty 2D point.
    Point(Coord<f64>),
    /// An axis-aligned rectangle (what `st_makeBBOX` makes), held as its corners: the polygon
    /// [`rect_polygon`] draws.
    Rect(Rect<f64>),
    /// Validated WKB, read in place; keeps Z and M.
    Wkb(Wkb<'a>),
    /// WKB read by several kernels of one program: parsed once, its shape built at most once.
    Cached(&'a CachedGeom<'a>),
    /// A constant, prepared once per task.
    Prepared(&'a Prepared),
}

/// Reads a geometry through `geo-traits`, whatever form it is held in.
pub trait GeometryVisitor {
    type Output;
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Self::Output;
}

impl<'a> Geo<'a> {
    /// Validates ISO WKB or EWKB (an EWKB SRID is ignored: SRIDs belong to the column). A 2D
    /// point takes the fast path and never reaches the WKB reader.
    #[inline]
    pub fn read(bytes: &'a [u8]) -> Result<Geo<'a>, GeomError> {
        if let Some(coord) = wkb_codec::point_2d(bytes) {
            return Ok(Geo::Point(coord));
        }
        Self::read_wkb(bytes)
    }

    #[inline(never)]
    fn read_wkb(bytes: &'a [u8]) -> Result<Geo<'a>, GeomError> {
        Ok(Geo::Wkb(wkb_codec::validate(bytes)?))
    }

    /// Reads the geometry through `geo-traits`, Z and M included.
    pub fn visit<V: GeometryVisitor>(&self, visitor: V) -> V::Output {
        match self {
            Geo::Point(coord) => visitor.visit(&geo::Point(*coord)),
            Geo::Rect(rect) => visitor.visit(&rect_polygon(rect)),
            Geo::Wkb(wkb) => visitor.visit(wkb),
            Geo::Cached(cached) => cached.geo.visit(visitor),
            Geo::Prepared(prepared) => visitor.visit(&prepared.wkb()),
        }
    }

    /// The 2D `geo` shape, or `None` if the geometry is empty. Borrowed where it already
    /// exists (constants and cached values); built otherwise.
    #[inline]
    pub fn shape(&self) -> Option<Cow<'_, geo::Geometry<f64>>> {
        match self {
            Geo::Point(coord) => Some(Cow::Owned(geo::Geometry::Point(geo::Point(*coord)))),
            Geo::Rect(rect) => Some(Cow::Owned(geo::Geometry::Polygon(rect_polygon(rect)))),
            Geo::Wkb(wkb) => to_shape(wkb).map(Cow::Owned),
            Geo::Cached(cached) => cached.shape().map(Cow::Borrowed),
            Geo::Prepared(prepared) => prepared.shape.as_ref().map(Cow::Borrowed),
        }
    }

    /// The 2D shape as overlay algorithms (buffers, unions) take it: coordinates that are not
    /// finite are refused, since the overlay cannot place them, and empty rings are dropped,
    /// since it panics on them (an empty ring bounds no area). `None` if the geometry is empty.
    pub fn overlay_shape(&self) -> Result<Option<Cow<'_, geo::Geometry<f64>>>, GeomError> {
        let Some(shape) = self.shape() else {
            return Ok(None);
        };
        check_finite(&shape)?;
        check_extent(shape.as_ref())?;
        if !has_empty_polygon_or_ring(&shape) {
            return Ok(Some(shape));
        }
        let mut shape = shape.into_owned();
        drop_empty_rings(&mut shape)?;
        Ok(Some(Cow::Owned(shape)))
    }

    /// The non-empty 2D point this is, if it is one.
    #[inline]
    pub fn as_point(&self) -> Option<Coord<f64>> {
        match self {
            Geo::Point(coord) => Some(*coord),
            Geo::Cached(cached) => cached.geo.as_point(),
            Geo::Prepared(prepared) => match prepared.shape.as_ref() {
                Some(geo::Geometry::Point(point)) => Some(point.0),
                _ => None,
            },
            Geo::Rect(_) | Geo::Wkb(_) => None,
        }
    }

    /// The 2D bounding box, or `None` if the geometry is empty. Read from the coordinates in
    /// place, without building a shape.
    #[inline]
    pub fn bbox(&self) -> Option<Rect<f64>> {
        match self {
            Geo::Point(coord) => Some(Rect::new(*coord, *coord)),
            Geo::Rect(rect) => Some(*rect),
            Geo::Wkb(wkb) => bbox_of(wkb),
            Geo::Cached(cached) => cached.geo.bbox(),
            Geo::Prepared(prepared) => prepared.bbox,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.bbox().is_none()
    }

    /// The prepared search structures, for a constant.
    #[inline]
    pub fn prepared(&self) -> Option<&Prepared> {
        match self {
            Geo::Prepared(prepared) => Some(prepared),
            _ => None,
        }
    }

    /// Appends the geometry as little-endian ISO WKB, Z and M kept. WKB that already is in that
    /// form is copied as it is.
    pub fn write_wkb(&self, out: &mut Vec<u8>) {
        match self {
            Geo::Wkb(wkb) if wkb_codec::is_canonical(wkb) => out.extend_from_slice(wkb.buf()),
            Geo::Rect(rect) => wkb_codec::write_rect_polygon(out, rect),
            Geo::Cached(cached) => cached.geo.write_wkb(out),
            Geo::Prepared(prepared) => out.extend_from_slice(&prepared.wkb),
            other => other.visit(wkb_codec::Writer { out }),
        }
    }
}

/// Whether a polygon has an empty hole, or holes around an empty shell: rings that WKT cannot
/// write and overlays cannot take.
pub(crate) fn has_empty_ring(polygon: &impl PolygonTrait<T = f64>) -> bool {
    let shell_empty = polygon
        .exterior()
        .is_none_or(|shell| shell.num_coords() == 0);
    (shell_empty && polygon.num_interiors() > 0)
        || polygon.interiors().any(|ring| ring.num_coords() == 0)
}

/// Whether `shape` holds an empty polygon or a polygon with an empty ring, which overlays
/// panic on.
fn has_empty_polygon_or_ring(shape: &geo::Geometry<f64>) -> bool {
    let polygon_has = |p: &geo::Polygon<f64>| p.exterior().0.is_empty() || has_empty_ring(p);
    match shape {
        geo::Geometry::Polygon(p) => polygon_has(p),
        geo::Geometry::MultiPolygon(ps) => ps.iter().any(polygon_has),
        geo::Geometry::GeometryCollection(parts) => parts.iter().any(has_empty_polygon_or_ring),
        _ => false,
    }
}

/// Drops empty holes, and polygons that are empty, from `shape`. A polygon whose shell is empty
/// but whose holes are not is refused, as JTS refuses it.
fn drop_empty_rings(shape: &mut geo::Geometry<f64>) -> Result<(), GeomError> {
    fn clean(polygon: &mut geo::Polygon<f64>) -> Result<(), GeomError> {
        let (shell, holes) = std::mem::replace(polygon, geo::Polygon::empty()).into_inner();
        *polygon = geo::Polygon::new(
            shell,
            holes.into_iter().filter(|r| !r.0.is_empty()).collect(),
        );
        if polygon.exterior().0.is_empty() && !polygon.interiors().is_empty() {
            return Err(GeomError::InvalidGeometry(
                "a polygon whose shell is empty cannot have holes".into(),
            ));
        }
        Ok(())
    }
    match shape {
        geo::Geometry::Polygon(p) => clean(p)?,
        geo::Geometry::MultiPolygon(ps) => {
            ps.0.iter_mut().try_for_each(clean)?;
            ps.0.retain(|p| !p.exterior().0.is_empty());
        }
        geo::Geometry::GeometryCollection(parts) => {
            parts.0.iter_mut().try_for_each(drop_empty_rings)?;
        }
        _ => {}
    }
    Ok(())
}

/// Refuses a shape whose extent the overlay (`i_overlay`, under `geo`'s unions and buffers)
/// cannot scale to its integer grid: wider than `f64` can hold, or not a point yet narrower than
/// about 1e-290, where its scale factor overflows and the overlay never ends.
pub fn check_extent<S>(shape: &S) -> Result<(), GeomError>
where
    S: geo::BoundingRect<f64, Output = Option<Rect<f64>>>,
{
    let Some(rect) = shape.bounding_rect() else {
        return Ok(());
    };
    let extent = rect.width().max(rect.height());
    if extent.is_finite() && (extent == 0.0 || extent >= 1e-290) {
        return Ok(());
    }
    Err(GeomError::InvalidGeometry(format!(
        "an extent of {extent:e} is out of the range an overlay can compute in (0 or 1e-290 to \
         1.8e308)"
    )))
}

/// Refuses a shape with a NaN or infinite coordinate: `geo`'s overlay, validation and graph
/// algorithms sort coordinates and panic on NaN.
pub fn check_finite(shape: &geo::Geometry<f64>) -> Result<(), GeomError> {
    use geo::CoordsIter;
    match shape
        .coords_iter()
        .find(|c| !c.x.is_finite() || !c.y.is_finite())
    {
        Some(bad) => Err(GeomError::InvalidParameter(format!(
            "coordinates must be finite numbers, got ({} {})",
            bad.x, bad.y
        ))),
        None => Ok(()),
    }
}

/// A rectangle as a polygon with PostGIS's vertex order (`ST_MakeEnvelope`): (xmin ymin,
/// xmin ymax, xmax ymax, xmax ymin, xmin ymin).
pub fn rect_polygon(rect: &Rect<f64>) -> geo::Polygon<f64> {
    let (min, max) = (rect.min(), rect.max());
    geo::Polygon::new(
        geo::LineString::from(vec![
            (min.x, min.y),
            (min.x, max.y),
            (max.x, max.y),
            (max.x, min.y),
            (min.x, min.y),
        ]),
        vec![],
    )
}

impl std::fmt::Debug for Geo<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Geo({})", crate::wkt_codec::to_string(self))
    }
}

impl std::fmt::Debug for CachedGeom<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.geo.fmt(f)
    }
}

/// A WKB value read by more than one kernel of a program (as `g` in
/// `st_intersects(g, st_envelope(g))`): validated once, its shape built on first use.
pub struct CachedGeom<'a> {
    geo: Geo<'a>,
    shape: OnceCell<Option<geo::Geometry<f64>>>,
}

impl<'a> CachedGeom<'a> {
    pub fn read(bytes: &'a [u8]) -> Result<CachedGeom<'a>, GeomError> {
        Ok(CachedGeom {
            geo: Geo::read(bytes)?,
            shape: OnceCell::new(),
        })
    }

    fn shape(&self) -> Option<&geo::Geometry<f64>> {
        self.shape
            .get_or_init(|| self.geo.shape().map(Cow::into_owned))
            .as_ref()
    }
}

/// A geometry tested against many others (a literal polygon): kept as ISO WKB for lossless
/// output, with its 2D shape, bounding box and, for polygons, a point-in-polygon index.
pub struct Prepared {
    wkb: Vec<u8>,
    shape: Option<geo::Geometry<f64>>,
    bbox: Option<Rect<f64>>,
    polygon_index: Option<IntervalTreeMultiPolygon<f64>>,
}

impl Prepared {
    /// Validates `bytes` (WKB or EWKB) and builds the search structures.
    pub fn new(bytes: &[u8]) -> Result<Prepared, GeomError> {
        let geo = Geo::read(bytes)?;
        let mut wkb = Vec::with_capacity(bytes.len());
        geo.write_wkb(&mut wkb);
        let shape = geo.shape().map(Cow::into_owned);
        // The index counts winding numbers, so holes must wind against their shells.
        let polygon_index = match &shape {
            Some(geo::Geometry::Polygon(polygon)) => {
                Some(IntervalTreeMultiPolygon::new(&geo::MultiPolygon(vec![
                    polygon.orient(Direction::Default),
                ])))
            }
            Some(geo::Geometry::MultiPolygon(polygons)) => Some(IntervalTreeMultiPolygon::new(
                &polygons.orient(Direction::Default),
            )),
            _ => None,
        };
        let bbox = shape.as_ref().and_then(|shape| shape.bounding_rect());
        Ok(Prepared {
            wkb,
            shape,
            bbox,
            polygon_index,
        })
    }

    /// The WKB, validated when this was built.
    fn wkb(&self) -> Wkb<'_> {
        Wkb::try_new(&self.wkb).expect("prepared WKB was validated when it was built")
    }

    pub fn as_geo(&self) -> Geo<'_> {
        Geo::Prepared(self)
    }

    /// About how many bytes this holds: its WKB, its shape (about as many coordinates) and, for
    /// a polygon, its index of edges (about three times as many bytes again).
    pub fn memory_bytes(&self) -> usize {
        let index = if self.polygon_index.is_some() { 3 } else { 0 };
        size_of::<Prepared>() + self.wkb.len() * (2 + index)
    }

    /// Point-in-polygon (boundary excluded) through the bounding box and the index, for a
    /// polygonal constant; `None` otherwise.
    #[inline]
    pub fn polygon_contains(&self, point: Coord<f64>) -> Option<bool> {
        use geo::Contains;
        let index = self.polygon_index.as_ref()?;
        let bbox = self.bbox?;
        let (min, max) = (bbox.min(), bbox.max());
        if point.x < min.x || point.x > max.x || point.y < min.y || point.y > max.y {
            return Some(false);
        }
        Some(index.contains(&geo::Point(point)))
    }
}

/// The 2D bounding box of any `geo-traits` geometry, from its coordinates; `None` if empty.
pub(crate) fn bbox_of(geometry: &impl GeometryTrait<T = f64>) -> Option<Rect<f64>> {
    let mut bounds = Bounds::default();
    bounds.add_geometry(geometry);
    bounds.rect()
}

#[derive(Default)]
struct Bounds {
    min: Option<Coord<f64>>,
    max: Coord<f64>,
}

impl Bounds {
    fn add(&mut self, coord: &impl CoordTrait<T = f64>) {
        let (x, y) = (coord.x(), coord.y());
        // WKB writes an empty point as NaN coordinates.
        if x.is_nan() && y.is_nan() {
            return;
        }
        match &mut self.min {
            None => {
                self.min = Some(Coord { x, y });
                self.max = Coord { x, y };
            }
            Some(min) => {
                min.x = min.x.min(x);
                min.y = min.y.min(y);
                self.max.x = self.max.x.max(x);
                self.max.y = self.max.y.max(y);
            }
        }
    }

    fn add_line(&mut self, line: &impl LineStringTrait<T = f64>) {
        line.coords().for_each(|c| self.add(&c));
    }

    fn add_polygon(&mut self, polygon: &impl PolygonTrait<T = f64>) {
        // The shell bounds the holes.
        if let Some(exterior) = polygon.exterior() {
            self.add_line(&exterior);
        }
    }

    fn add_geometry(&mut self, geometry: &impl GeometryTrait<T = f64>) {
        match geometry.as_type() {
            GeometryType::Point(point) => {
                if let Some(coord) = point.coord() {
                    self.add(&coord)
                }
            }
            GeometryType::LineString(line) => self.add_line(line),
            GeometryType::Polygon(polygon) => self.add_polygon(polygon),
            GeometryType::MultiPoint(points) => points.points().for_each(|p| {
                if let Some(coord) = p.coord() {
                    self.add(&coord)
                }
            }),
            GeometryType::MultiLineString(lines) => {
                lines.line_strings().for_each(|l| self.add_line(&l))
            }
            GeometryType::MultiPolygon(polygons) => {
                polygons.polygons().for_each(|p| self.add_polygon(&p))
            }
            GeometryType::GeometryCollection(collection) => collection
                .geometries()
                .for_each(|part| self.add_geometry(&part)),
            GeometryType::Rect(rect) => {
                use geo_traits::RectTrait;
                self.add(&RectTrait::min(rect));
                self.add(&RectTrait::max(rect));
            }
            GeometryType::Triangle(triangle) => {
                use geo_traits::TriangleTrait;
                triangle.coords().iter().for_each(|c| self.add(c));
            }
            GeometryType::Line(line) => {
                use geo_traits::LineTrait;
                self.add(&line.start());
                self.add(&line.end());
            }
        }
    }

    fn rect(&self) -> Option<Rect<f64>> {
        self.min.map(|min| Rect::new(min, self.max))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wkb(text: &str) -> Vec<u8> {
        let parsed = crate::wkt_codec::parse(text).unwrap();
        let mut out = Vec::new();
        crate::GeometryVisitor::visit(wkb_codec::Writer { out: &mut out }, &parsed);
        out
    }

    #[test]
    fn a_rectangle_is_the_polygon_it_stands_for() {
        for (x0, y0, x1, y1) in [
            (0.1, 0.2, 3.7, 1.9),
            (-5.0, 2.0, -1.0, 2.0),
            (1e9, 0.3, 1e9 + 0.7, 0.9),
        ] {
            let rect = Geo::Rect(Rect::new(Coord { x: x0, y: y0 }, Coord { x: x1, y: y1 }));
            let mut bytes = Vec::new();
            rect.write_wkb(&mut bytes);
            let polygon = Geo::read(&bytes).unwrap();
            let mut again = Vec::new();
            polygon.write_wkb(&mut again);
            assert_eq!(bytes, again);
            assert_eq!(
                crate::wkt_codec::to_string(&rect),
                crate::wkt_codec::to_string(&polygon)
            );
            assert_eq!(
                crate::measure::area(&rect).to_bits(),
                crate::measure::area(&polygon).to_bits()
            );
            assert_eq!(
                crate::measure::length(&rect).to_bits(),
                crate::measure::length(&polygon).to_bits()
            );
            assert_eq!(
                crate::accessors::num_points(&rect),
                crate::accessors::num_points(&polygon)
            );
            assert_eq!(rect.bbox(), polygon.bbox());
            assert_eq!(rect.shape(), polygon.shape());
        }
    }

    #[test]
    fn points_take_the_fast_path() {
        let bytes = wkb("POINT(1 2)");
        assert!(matches!(Geo::read(&bytes).unwrap(), Geo::Point(c) if c == Coord { x: 1., y: 2. }));
        let z = wkb("POINT Z (1 2 3)");
        assert!(matches!(Geo::read(&z).unwrap(), Geo::Wkb(_)));
        let empty = wkb("POINT EMPTY");
        let geo = Geo::read(&empty).unwrap();
        assert!(geo.is_empty());
        assert_eq!(geo.as_point(), None);
    }

    #[test]
    fn bbox_without_a_shape() {
        let bytes = wkb("POLYGON((0 0,4 0,4 3,0 3,0 0),(1 1,2 1,2 2,1 1))");
        let bbox = Geo::read(&bytes).unwrap().bbox().unwrap();
        assert_eq!(
            (bbox.min(), bbox.max()),
            (Coord { x: 0., y: 0. }, Coord { x: 4., y: 3. })
        );
        let empty = wkb("GEOMETRYCOLLECTION(POINT EMPTY,LINESTRING EMPTY)");
        assert_eq!(Geo::read(&empty).unwrap().bbox(), None);
    }

    #[test]
    fn wkb_output_is_lossless() {
        for text in [
            "POINT Z (1 2 3)",
            "LINESTRING M (0 0 1,1 1 2)",
            "POLYGON EMPTY",
            "POINT(1 2)",
        ] {
            let bytes = wkb(text);
            let mut out = Vec::new();
            Geo::read(&bytes).unwrap().write_wkb(&mut out);
            assert_eq!(out, bytes, "{text}");
        }
    }

    #[test]
    fn prepared_polygons_index_their_holes() {
        let prepared = Prepared::new(&wkb(
            "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 4,2 2))",
        ))
        .unwrap();
        assert_eq!(
            prepared.polygon_contains(Coord { x: 1., y: 1. }),
            Some(true)
        );
        assert_eq!(
            prepared.polygon_contains(Coord { x: 3., y: 3. }),
            Some(false)
        );
        assert_eq!(
            Prepared::new(&wkb("POINT(1 1)"))
                .unwrap()
                .polygon_contains(Coord { x: 1., y: 1. }),
            None
        );
    }

    #[test]
    fn cached_values_build_their_shape_once() {
        let bytes = wkb("LINESTRING(0 0,1 1)");
        let cached = CachedGeom::read(&bytes).unwrap();
        let geo = Geo::Cached(&cached);
        let first = geo.shape().unwrap();
        let second = geo.shape().unwrap();
        assert!(std::ptr::eq(&*first, &*second));
    }
}
