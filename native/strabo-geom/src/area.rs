//! Planar area.
use geo::Area;

use crate::{Geom, GeomError};

/// Planar area in the units of the SRID (squared); 0 for points, lines and empty geometries.
/// Holes are subtracted; a self-intersecting ring counts its lobes with their signs, as GEOS does.
pub fn area(geom: &Geom) -> Result<f64, GeomError> {
    Ok(geom.shape()?.map_or(0.0, |shape| shape.unsigned_area()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area_of(text: &str) -> f64 {
        area(&Geom::from_wkt(0, text).unwrap()).unwrap()
    }

    #[test]
    fn polygons_subtract_holes() {
        assert_eq!(area_of("POLYGON((0 0,4 0,4 4,0 4,0 0))"), 16.0);
        assert_eq!(
            area_of("POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 2,1 1))"),
            15.0
        );
        assert_eq!(
            area_of("MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((0 0,2 0,2 2,0 0)))"),
            2.5
        );
    }

    #[test]
    fn non_areal_and_empty_are_zero() {
        assert_eq!(area_of("POINT(1 2)"), 0.0);
        assert_eq!(area_of("LINESTRING(0 0,1 1)"), 0.0);
        assert_eq!(area_of("POLYGON EMPTY"), 0.0);
    }
}
