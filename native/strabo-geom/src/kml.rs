//! KML 2.2 geometries: `st_asKML`.
use geo_traits::{
    CoordTrait, GeometryCollectionTrait, GeometryTrait, GeometryType, LineStringTrait,
    MultiLineStringTrait, MultiPointTrait, MultiPolygonTrait, PointTrait, PolygonTrait,
};

use crate::codec_support::{standard_form, write_ordinate, Ordinates};
use crate::{Geo, GeomError, GeometryVisitor};

/// `st_asKML`'s default number of decimal digits, as PostGIS's.
pub const DEFAULT_MAX_DECIMAL_DIGITS: u8 = 15;

/// Writes `geometry` as a KML geometry element the way PostGIS's `ST_AsKML(geom,
/// maxdecimaldigits)` writes it: no namespace prefix, `<coordinates>x,y[,z] …</coordinates>`
/// with numbers rounded to `max_decimal_digits` decimal digits (see
/// [`DEFAULT_MAX_DECIMAL_DIGITS`]), Z kept and M dropped, and every multi-geometry and
/// collection as a `<MultiGeometry>` of its members.
///
/// KML coordinates are longitude and latitude on WGS 84: this writes the coordinates as they
/// are, with no SRID. PostGIS transforms the geometry to 4326 first; the caller must require
/// SRID 4326 (or transform to it), as Strabo has no transformation here.
///
/// An empty geometry gives `None`, as PostGIS returns NULL for it. KML has no empty geometries,
/// so empty members of a collection and empty holes are left out. NaN and infinite ordinates
/// are refused.
pub fn to_string(geometry: &Geo, max_decimal_digits: u8) -> Result<Option<String>, GeomError> {
    if geometry.is_empty() {
        return Ok(None);
    }
    let mut out = String::new();
    geometry.visit(Writer {
        out: &mut out,
        digits: max_decimal_digits,
    })?;
    Ok(Some(out))
}

struct Writer<'o> {
    out: &'o mut String,
    digits: u8,
}

impl GeometryVisitor for Writer<'_> {
    type Output = Result<(), GeomError>;
    fn visit<G: GeometryTrait<T = f64>>(mut self, geometry: &G) -> Self::Output {
        self.geometry(geometry)
    }
}

impl Writer<'_> {
    fn geometry<G: GeometryTrait<T = f64>>(&mut self, geometry: &G) -> Result<(), GeomError> {
        if let Some(standard) = standard_form(geometry) {
            return self.geometry(&standard);
        }
        match geometry.as_type() {
            GeometryType::Point(point) => {
                if let Some(coord) = point.coord() {
                    self.out.push_str("<Point>");
                    self.coordinates(std::iter::once(coord))?;
                    self.out.push_str("</Point>");
                }
            }
            GeometryType::LineString(line) => {
                if line.num_coords() > 0 {
                    self.out.push_str("<LineString>");
                    self.coordinates(line.coords())?;
                    self.out.push_str("</LineString>");
                }
            }
            GeometryType::Polygon(polygon) => self.polygon(polygon)?,
            GeometryType::MultiPoint(points) => {
                self.multi(points.points(), |w, p| w.geometry(&p))?
            }
            GeometryType::MultiLineString(lines) => {
                self.multi(lines.line_strings(), |w, l| w.geometry(&l))?
            }
            GeometryType::MultiPolygon(polygons) => {
                self.multi(polygons.polygons(), |w, p| w.polygon(&p))?
            }
            GeometryType::GeometryCollection(parts) => self.multi(
                parts
                    .geometries()
                    .filter(|part| crate::value::bbox_of(part).is_some()),
                |w, part| w.geometry(&part),
            )?,
            GeometryType::Rect(_) | GeometryType::Triangle(_) | GeometryType::Line(_) => {
                unreachable!("standard_form converts rectangles, triangles and lines")
            }
        }
        Ok(())
    }

    fn multi<T>(
        &mut self,
        members: impl Iterator<Item = T>,
        mut write: impl FnMut(&mut Self, T) -> Result<(), GeomError>,
    ) -> Result<(), GeomError> {
        self.out.push_str("<MultiGeometry>");
        for member in members {
            write(self, member)?;
        }
        self.out.push_str("</MultiGeometry>");
        Ok(())
    }

    fn polygon(&mut self, polygon: &impl PolygonTrait<T = f64>) -> Result<(), GeomError> {
        let Some(shell) = polygon.exterior().filter(|shell| shell.num_coords() > 0) else {
            return Ok(());
        };
        self.out.push_str("<Polygon><outerBoundaryIs><LinearRing>");
        self.coordinates(shell.coords())?;
        self.out.push_str("</LinearRing></outerBoundaryIs>");
        for hole in polygon.interiors().filter(|hole| hole.num_coords() > 0) {
            self.out.push_str("<innerBoundaryIs><LinearRing>");
            self.coordinates(hole.coords())?;
            self.out.push_str("</LinearRing></innerBoundaryIs>");
        }
        self.out.push_str("</Polygon>");
        Ok(())
    }

    fn coordinates<C: CoordTrait<T = f64>>(
        &mut self,
        coords: impl Iterator<Item = C>,
    ) -> Result<(), GeomError> {
        self.out.push_str("<coordinates>");
        for (i, coord) in coords.enumerate() {
            if i > 0 {
                self.out.push(' ');
            }
            let ordinates = Ordinates::of(&coord);
            write_ordinate(self.out, ordinates.x, self.digits, "KML")?;
            self.out.push(',');
            write_ordinate(self.out, ordinates.y, self.digits, "KML")?;
            if let Some(z) = ordinates.z {
                self.out.push(',');
                write_ordinate(self.out, z, self.digits, "KML")?;
            }
        }
        self.out.push_str("</coordinates>");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    fn kml(wkt: &str) -> Option<String> {
        to_string(&geo(&wkb(wkt)), DEFAULT_MAX_DECIMAL_DIGITS).unwrap()
    }

    /// PostGIS's examples (https://postgis.net/docs/ST_AsKML.html), then the shapes of its
    /// writer for the other types (liblwgeom `lwout_kml.c`: collections as `MultiGeometry`).
    #[test]
    fn writes_as_postgis_does() {
        for (wkt, expected) in [
            (
                "POLYGON((0 0,0 1,1 1,1 0,0 0))",
                "<Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 0,1 1,1 1,0 0,0</coordinates></LinearRing></outerBoundaryIs></Polygon>",
            ),
            ("POINT M (1 2 3)", "<Point><coordinates>1,2</coordinates></Point>"),
            (
                "POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))",
                "<Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 4,0 4,4 0,4 0,0</coordinates></LinearRing></outerBoundaryIs><innerBoundaryIs><LinearRing><coordinates>1,1 2,1 2,2 1,1</coordinates></LinearRing></innerBoundaryIs></Polygon>",
            ),
            (
                "MULTIPOINT((1 2),(3 4))",
                "<MultiGeometry><Point><coordinates>1,2</coordinates></Point><Point><coordinates>3,4</coordinates></Point></MultiGeometry>",
            ),
            (
                "GEOMETRYCOLLECTION(POINT(1 2),POINT EMPTY,GEOMETRYCOLLECTION(LINESTRING(0 0,1 1)))",
                "<MultiGeometry><Point><coordinates>1,2</coordinates></Point><MultiGeometry><LineString><coordinates>0,0 1,1</coordinates></LineString></MultiGeometry></MultiGeometry>",
            ),
            (
                "POINT(0.123456789012345678 -1e20)",
                "<Point><coordinates>0.123456789012346,-1e20</coordinates></Point>",
            ),
        ] {
            assert_eq!(kml(wkt).as_deref(), Some(expected), "{wkt}");
        }
        // The 3D line of PostGIS's example, read from its EWKT.
        let mut line = Vec::new();
        crate::ewkt::read("SRID=4326;LINESTRING(1 2 3, 4 5 6)", &mut line).unwrap();
        assert_eq!(
            to_string(&geo(&line), DEFAULT_MAX_DECIMAL_DIGITS).unwrap(),
            Some("<LineString><coordinates>1,2,3 4,5,6</coordinates></LineString>".into())
        );
        assert_eq!(
            to_string(&geo(&wkb("POINT(5.234234233242 6.34534534534)")), 5).unwrap(),
            Some("<Point><coordinates>5.23423,6.34535</coordinates></Point>".into())
        );
    }

    #[test]
    fn empty_geometries_have_no_kml_and_nan_is_refused() {
        for wkt in [
            "POINT EMPTY",
            "POLYGON EMPTY",
            "GEOMETRYCOLLECTION(LINESTRING EMPTY)",
        ] {
            assert_eq!(kml(wkt), None, "{wkt}");
        }
        let nan: Vec<u8> = wkb("POINT(1 2)")[..5]
            .iter()
            .copied()
            .chain(1f64.to_le_bytes())
            .chain(f64::NAN.to_le_bytes())
            .collect();
        assert!(matches!(
            to_string(&geo(&nan), 15),
            Err(GeomError::Encode { format: "KML", .. })
        ));
    }
}
