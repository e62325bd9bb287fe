//! Unions of polygons.
use geo::bool_ops::FillRule;
use geo::orient::Direction;
use geo::{BooleanOps, MultiPolygon, Orient, Polygon};

use crate::{Geo, GeomError};

/// The polygons of a polygonal geometry (a polygon, multipolygon, or a collection of them),
/// shells counter-clockwise and holes clockwise; empty geometries have none. Points and lines
/// are refused: `geo` unions areas only.
///
/// The orientation matters: `geo::unary_union` takes the fill rule from the first ring's
/// winding, so a polygon wound the other way would be dropped from the union.
pub fn polygons(geometry: &Geo) -> Result<Vec<Polygon<f64>>, GeomError> {
    fn collect(shape: &geo::Geometry<f64>, out: &mut Vec<Polygon<f64>>) -> Result<(), GeomError> {
        match shape {
            geo::Geometry::Polygon(p) => out.push(p.clone()),
            geo::Geometry::MultiPolygon(ps) => out.extend(ps.0.iter().cloned()),
            geo::Geometry::Rect(r) => out.push(r.to_polygon()),
            geo::Geometry::Triangle(t) => out.push(t.to_polygon()),
            geo::Geometry::GeometryCollection(parts) => {
                for part in parts {
                    collect(part, out)?;
                }
            }
            other => {
                return Err(GeomError::Unsupported(format!(
                    "only polygons can be unioned, got a {}",
                    type_name(other)
                )))
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    if let Some(shape) = geometry.overlay_shape()? {
        collect(&shape, &mut out)?;
    }
    Ok(out.iter().map(|p| p.orient(Direction::Default)).collect())
}

/// The union of all `polygons` in one overlay pass, refused when their joint extent is out of
/// the overlay's range ([`crate::value::check_extent`]).
pub fn union(polygons: &[Polygon<f64>]) -> Result<MultiPolygon<f64>, GeomError> {
    crate::value::check_extent(&MultiPolygon::new(polygons.to_vec()))?;
    Ok(geo::unary_union(polygons))
}

/// The area that `polygons` enclose, counting a point as inside when its rings wind around it
/// at all (the non-zero rule), as valid polygons: a bow tie becomes its two triangles and
/// overlapping parts merge, as GEOS's `MakeValid` makes them. A plain union takes the fill
/// rule from the first ring's winding, and so drops the lobe of a bow tie wound the other way.
pub fn make_valid(polygons: Vec<Polygon<f64>>) -> Result<Vec<Polygon<f64>>, GeomError> {
    let all = MultiPolygon::new(polygons);
    crate::value::check_extent(&all)?;
    Ok(all
        .union_with_fill_rule(&MultiPolygon::new(Vec::new()), FillRule::NonZero)
        .0)
}

fn type_name(shape: &geo::Geometry<f64>) -> &'static str {
    match shape {
        geo::Geometry::Point(_) => "point",
        geo::Geometry::Line(_) | geo::Geometry::LineString(_) => "line string",
        geo::Geometry::MultiPoint(_) => "multipoint",
        geo::Geometry::MultiLineString(_) => "multilinestring",
        _ => "geometry",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};
    use geo::Area;

    #[test]
    fn overlapping_squares_merge() {
        let mut all = Vec::new();
        for text in [
            "POLYGON((0 0,2 0,2 2,0 2,0 0))",
            "MULTIPOLYGON(((1 1,3 1,3 3,1 3,1 1)),((10 10,11 10,11 11,10 10)))",
            "POLYGON EMPTY",
        ] {
            all.extend(polygons(&geo(&wkb(text))).unwrap());
        }
        let merged = union(&all).unwrap();
        assert_eq!(merged.0.len(), 2);
        assert!((merged.unsigned_area() - 7.5).abs() < 1e-9);
    }

    #[test]
    fn polygons_wound_either_way_are_all_kept() {
        let mut all = Vec::new();
        // Clockwise, then counter-clockwise, and apart.
        for text in [
            "POLYGON((0 0,0 1,1 1,1 0,0 0))",
            "POLYGON((5 5,6 5,6 6,5 6,5 5))",
        ] {
            all.extend(polygons(&geo(&wkb(text))).unwrap());
        }
        assert_eq!(union(&all).unwrap().0.len(), 2);
    }

    #[test]
    fn lines_are_refused() {
        let err = polygons(&geo(&wkb("LINESTRING(0 0,1 1)"))).unwrap_err();
        assert_eq!(
            err,
            GeomError::Unsupported("only polygons can be unioned, got a line string".into())
        );
    }
}
