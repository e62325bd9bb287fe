//! Transformation of any `geo-traits` geometry (WKB read in place, for one) with its Z and M
//! kept, into an owned `wkt::Wkt` that `strabo_geom::write_wkb` writes back as WKB.
use geo::Coord;
use geo_traits::{
    CoordTrait, Dimensions, GeometryCollectionTrait, GeometryTrait, GeometryType, LineStringTrait,
    LineTrait, MultiLineStringTrait, MultiPointTrait, MultiPolygonTrait, PointTrait, PolygonTrait,
    RectTrait, TriangleTrait,
};
use strabo_geom::GeomError;
use wkt::types::{
    Coord as ZmCoord, Dimension, GeometryCollection, LineString, MultiLineString, MultiPoint,
    MultiPolygon, Point, Polygon,
};
use wkt::Wkt;

use crate::Transform;

impl Transform {
    /// Every vertex of a `geo-traits` geometry, x/y transformed as by
    /// [`transform_coord`](Self::transform_coord) and Z and M copied unchanged (what PROJ does
    /// between 2D CRSs, up to its use of Z as height in a datum shift: see the crate docs). The
    /// structure, empty parts and the dimension (XY, XYZ, XYM, XYZM) are kept. A `Line` becomes
    /// a 2-point `LineString`, a `Triangle` and a `Rect` a `Polygon` (none of them occurs in
    /// WKB). Same CRS: the geometry is copied; a caller holding WKB can copy the bytes instead
    /// when [`is_identity`](Self::is_identity).
    ///
    /// Errors: those of `transform_coord`, and a dimension other than 2, 3 or 4 ordinates
    /// ([`GeomError::Unsupported`]).
    pub fn transform_keeping_zm(
        &self,
        geometry: &impl GeometryTrait<T = f64>,
    ) -> Result<Wkt<f64>, GeomError> {
        let dim = dimension(geometry.dim())?;
        Ok(match geometry.as_type() {
            GeometryType::Point(point) => Wkt::Point(self.point(point, dim)?),
            GeometryType::LineString(line) => Wkt::LineString(self.line_string(line, dim)?),
            GeometryType::Polygon(polygon) => Wkt::Polygon(self.polygon(polygon, dim)?),
            GeometryType::MultiPoint(points) => Wkt::MultiPoint(MultiPoint::new(
                collect(points.points().map(|point| self.point(&point, dim)))?,
                dim,
            )),
            GeometryType::MultiLineString(lines) => Wkt::MultiLineString(MultiLineString::new(
                collect(
                    lines
                        .line_strings()
                        .map(|line| self.line_string(&line, dim)),
                )?,
                dim,
            )),
            GeometryType::MultiPolygon(polygons) => Wkt::MultiPolygon(MultiPolygon::new(
                collect(
                    polygons
                        .polygons()
                        .map(|polygon| self.polygon(&polygon, dim)),
                )?,
                dim,
            )),
            GeometryType::GeometryCollection(collection) => {
                Wkt::GeometryCollection(GeometryCollection::new(
                    collect(
                        collection
                            .geometries()
                            .map(|member| self.transform_keeping_zm(&member)),
                    )?,
                    dim,
                ))
            }
            GeometryType::Line(line) => Wkt::LineString(LineString::new(
                collect(line.coords().into_iter().map(|c| self.coord(&c, dim)))?,
                dim,
            )),
            GeometryType::Triangle(triangle) => self.ring(
                [
                    triangle.first(),
                    triangle.second(),
                    triangle.third(),
                    triangle.first(),
                ],
                dim,
            )?,
            GeometryType::Rect(rect) => {
                // As `strabo_geom`'s rectangles: corners in ST_MakeEnvelope's order, 2D.
                let (min, max) = (rect.min(), rect.max());
                let corner = |x: f64, y: f64| Coord { x, y };
                let corners = [
                    corner(min.x(), min.y()),
                    corner(min.x(), max.y()),
                    corner(max.x(), max.y()),
                    corner(max.x(), min.y()),
                    corner(min.x(), min.y()),
                ];
                self.ring(corners, Dimension::XY)?
            }
        })
    }

    fn coord(
        &self,
        coord: &impl CoordTrait<T = f64>,
        dim: Dimension,
    ) -> Result<ZmCoord<f64>, GeomError> {
        let xy = self.transform_coord(Coord {
            x: coord.x(),
            y: coord.y(),
        })?;
        let (z, m) = match dim {
            Dimension::XY => (None, None),
            Dimension::XYZ => (coord.nth(2), None),
            Dimension::XYM => (None, coord.nth(2)),
            Dimension::XYZM => (coord.nth(2), coord.nth(3)),
        };
        Ok(ZmCoord {
            x: xy.x,
            y: xy.y,
            z,
            m,
        })
    }

    fn point(
        &self,
        point: &impl PointTrait<T = f64>,
        dim: Dimension,
    ) -> Result<Point<f64>, GeomError> {
        let coord = point.coord().map(|c| self.coord(&c, dim)).transpose()?;
        Ok(Point::new(coord, dim))
    }

    fn line_string(
        &self,
        line: &impl LineStringTrait<T = f64>,
        dim: Dimension,
    ) -> Result<LineString<f64>, GeomError> {
        Ok(LineString::new(
            collect(line.coords().map(|c| self.coord(&c, dim)))?,
            dim,
        ))
    }

    fn polygon(
        &self,
        polygon: &impl PolygonTrait<T = f64>,
        dim: Dimension,
    ) -> Result<Polygon<f64>, GeomError> {
        let rings = polygon.exterior().into_iter().chain(polygon.interiors());
        Ok(Polygon::new(
            collect(rings.map(|ring| self.line_string(&ring, dim)))?,
            dim,
        ))
    }

    /// A polygon of one ring through the given corners.
    fn ring(
        &self,
        corners: impl IntoIterator<Item = impl CoordTrait<T = f64>>,
        dim: Dimension,
    ) -> Result<Wkt<f64>, GeomError> {
        let ring = LineString::new(
            collect(corners.into_iter().map(|c| self.coord(&c, dim)))?,
            dim,
        );
        Ok(Wkt::Polygon(Polygon::new(vec![ring], dim)))
    }
}

fn collect<T>(items: impl Iterator<Item = Result<T, GeomError>>) -> Result<Vec<T>, GeomError> {
    items.collect()
}

fn dimension(dims: Dimensions) -> Result<Dimension, GeomError> {
    match dims {
        Dimensions::Xy | Dimensions::Unknown(2) => Ok(Dimension::XY),
        Dimensions::Xyz | Dimensions::Unknown(3) => Ok(Dimension::XYZ),
        Dimensions::Xym => Ok(Dimension::XYM),
        Dimensions::Xyzm | Dimensions::Unknown(4) => Ok(Dimension::XYZM),
        Dimensions::Unknown(n) => Err(GeomError::Unsupported(format!(
            "coordinates of {n} ordinates: st_transform takes 2 (XY), 3 (XYZ, XYM) or 4 (XYZM)"
        ))),
    }
}
