//! Planar distance.
use geo::{Distance, Euclidean};

use crate::{common_srid, Geom, GeomError};

/// Minimum planar distance between two geometries (0 if they intersect), or `None` if either is
/// empty (GEOS answers NaN there; SQL answers NULL).
pub fn distance(a: &Geom, b: &Geom) -> Result<Option<f64>, GeomError> {
    common_srid(a, b)?;
    match (a.shape()?, b.shape()?) {
        (Some(a), Some(b)) => Ok(Some(Euclidean.distance(a, b))),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance_of(a: &str, b: &str) -> Option<f64> {
        distance(
            &Geom::from_wkt(0, a).unwrap(),
            &Geom::from_wkt(0, b).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn distances() {
        assert_eq!(distance_of("POINT(0 0)", "POINT(3 4)"), Some(5.0));
        assert_eq!(
            distance_of("POLYGON((0 0,4 0,4 4,0 4,0 0))", "POINT(1 1)"),
            Some(0.0)
        );
        assert_eq!(distance_of("LINESTRING(0 0,10 0)", "POINT(5 2)"), Some(2.0));
        assert_eq!(distance_of("POINT EMPTY", "POINT(5 2)"), None);
    }
}
