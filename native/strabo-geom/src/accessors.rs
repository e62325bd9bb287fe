//! Coordinates of points.
use geo_traits::{CoordTrait, GeometryTrait, GeometryType, PointTrait};

use crate::{Geom, GeomError, GeometryVisitor};

/// X of a point; `None` for an empty point or any other geometry type.
pub fn x(geom: &Geom) -> Result<Option<f64>, GeomError> {
    Ok(geom.visit(PointXy)?.map(|(x, _)| x))
}

/// Y of a point; `None` for an empty point or any other geometry type.
pub fn y(geom: &Geom) -> Result<Option<f64>, GeomError> {
    Ok(geom.visit(PointXy)?.map(|(_, y)| y))
}

/// Reads the coordinates in place, without building a shape.
struct PointXy;

impl GeometryVisitor for PointXy {
    type Output = Option<(f64, f64)>;
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Self::Output {
        match geometry.as_type() {
            GeometryType::Point(point) => point
                .coord()
                .map(|coord| (coord.x(), coord.y()))
                .filter(|(x, y)| !(x.is_nan() && y.is_nan())),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xy(text: &str) -> (Option<f64>, Option<f64>) {
        let geom = Geom::from_wkt(0, text).unwrap();
        (x(&geom).unwrap(), y(&geom).unwrap())
    }

    #[test]
    fn points_only() {
        assert_eq!(xy("POINT(1 2)"), (Some(1.0), Some(2.0)));
        assert_eq!(xy("POINT Z (1 2 3)"), (Some(1.0), Some(2.0)));
        assert_eq!(xy("POINT EMPTY"), (None, None));
        assert_eq!(xy("LINESTRING(0 0,1 1)"), (None, None));
    }
}
