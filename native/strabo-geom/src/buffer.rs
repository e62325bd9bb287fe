//! Buffers: PostGIS's, with its parameter string, and GeoMesa's circle around a lon/lat point.
use std::f64::consts::{FRAC_PI_2, PI};
use std::str::FromStr;

use geo::algorithm::buffer::{Buffer, BufferStyle, LineCap, LineJoin};
use geo::{BooleanOps, BoundingRect, MultiPolygon};

use crate::spherical::GEOMESA_SPHERE_RADIUS_KM;
use crate::{Geo, GeomError};

/// How a buffer is drawn: PostGIS's `quad_segs`, `endcap`, `join` and `mitre_limit`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BufferParams {
    /// Segments per quarter circle in round caps and joins.
    pub quad_segs: u32,
    pub endcap: EndCap,
    pub join: Join,
    /// Ratio of a mitre's length to the buffer distance beyond which it is bevelled.
    pub mitre_limit: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EndCap {
    Round,
    Flat,
    Square,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Join {
    Round,
    Mitre,
    Bevel,
}

impl Default for BufferParams {
    fn default() -> Self {
        BufferParams {
            quad_segs: 8,
            endcap: EndCap::Round,
            join: Join::Round,
            mitre_limit: 5.0,
        }
    }
}

impl FromStr for BufferParams {
    type Err = GeomError;

    /// Parses space-separated `key=value` pairs, e.g. `'quad_segs=4 endcap=flat join=mitre'`.
    fn from_str(text: &str) -> Result<Self, GeomError> {
        let mut params = BufferParams::default();
        for pair in text.split_whitespace() {
            let (key, value) = pair.split_once('=').ok_or_else(|| {
                GeomError::InvalidParameter(format!("expected key=value, got '{pair}'"))
            })?;
            let bad = || GeomError::InvalidParameter(format!("invalid value '{value}' for {key}"));
            match key.to_ascii_lowercase().as_str() {
                "quad_segs" => {
                    params.quad_segs = value.parse().ok().filter(|&n| n > 0).ok_or_else(bad)?
                }
                "endcap" => {
                    params.endcap = match value.to_ascii_lowercase().as_str() {
                        "round" => EndCap::Round,
                        "flat" | "butt" => EndCap::Flat,
                        "square" => EndCap::Square,
                        _ => return Err(bad()),
                    }
                }
                "join" => {
                    params.join = match value.to_ascii_lowercase().as_str() {
                        "round" => Join::Round,
                        "mitre" | "miter" => Join::Mitre,
                        "bevel" => Join::Bevel,
                        _ => return Err(bad()),
                    }
                }
                "mitre_limit" | "miter_limit" => {
                    params.mitre_limit = value
                        .parse()
                        .ok()
                        .filter(|&l: &f64| l >= 1.0)
                        .ok_or_else(bad)?
                }
                "side" if value.eq_ignore_ascii_case("both") => {}
                "side" => {
                    return Err(GeomError::InvalidParameter(format!(
                        "side={value} is not supported; only side=both"
                    )))
                }
                _ => {
                    return Err(GeomError::InvalidParameter(format!(
                        "unknown parameter '{key}'; expected quad_segs, endcap, join or mitre_limit"
                    )))
                }
            }
        }
        Ok(params)
    }
}

impl BufferParams {
    fn style(&self, distance: f64) -> BufferStyle<f64> {
        let angle = FRAC_PI_2 / self.quad_segs as f64;
        let cap = match self.endcap {
            EndCap::Round => LineCap::Round(angle),
            EndCap::Flat => LineCap::Butt,
            EndCap::Square => LineCap::Square,
        };
        let join = match self.join {
            Join::Round => LineJoin::Round(angle),
            // A mitre longer than `limit` times the distance is cut where the corner's angle is
            // below 2·asin(1/limit).
            Join::Mitre => LineJoin::Miter(2.0 * (1.0 / self.mitre_limit).asin()),
            Join::Bevel => LineJoin::Bevel,
        };
        BufferStyle::new(distance).line_cap(cap).line_join(join)
    }
}

/// The polygons within `distance` of `geometry` (inside it, for a negative distance and a
/// polygon). Empty when the geometry is empty, or a point or line is buffered by 0 or less.
pub fn buffer(
    geometry: &Geo,
    distance: f64,
    params: &BufferParams,
) -> Result<MultiPolygon<f64>, GeomError> {
    if !distance.is_finite() {
        return Err(GeomError::InvalidParameter(format!(
            "the buffer distance must be finite, got {distance}"
        )));
    }
    let Some(shape) = geometry.overlay_shape()? else {
        return Ok(MultiPolygon::new(Vec::new()));
    };
    check_resolution(&shape, distance)?;
    Ok(shape.buffer_with_style(params.style(distance)))
}

/// The overlay under `geo`'s buffers snaps coordinates to a grid of 2^30 steps across the
/// result's extent. A distance of a step or so makes arcs degenerate and its contour search
/// never end (a reproducer is in docs/reliability.md), so a non-zero distance must span at least
/// [`MIN_GRID_STEPS`] steps; smaller ones are refused rather than silently rounded.
fn check_resolution(shape: &geo::Geometry<f64>, distance: f64) -> Result<(), GeomError> {
    use geo::BoundingRect;
    let Some(rect) = shape.bounding_rect() else {
        return Ok(());
    };
    let extent = rect.width().max(rect.height()) + 2.0 * distance.abs();
    let step = extent / f64::from(1u32 << 30);
    if distance == 0.0 || distance.abs() >= MIN_GRID_STEPS * step {
        return Ok(());
    }
    Err(GeomError::InvalidParameter(format!(
        "a buffer distance of {distance:e} is below the precision of a buffer {extent:e} wide \
         (at least {:e})",
        MIN_GRID_STEPS * step
    )))
}

/// The smallest buffer distance, in steps of the overlay's grid.
const MIN_GRID_STEPS: f64 = 16.0;

/// GeoMesa's st_bufferPoint: a polygon of 100 vertices around a lon/lat point, `metres` from it
/// on a sphere of radius 6371.0087714 km, built as GeoMesa builds it, then made
/// antimeridian-safe as [`antimeridian_safe`](crate::antimeridian::antimeridian_safe) does.
/// `None` for an empty point.
///
/// GeoMesa's construction (spatial4j and JTS), followed step by step:
/// 1. The radius in degrees of arc: d = (metres / 1000 / 6371.0087714)·180/π.
/// 2. spatial4j's bounding box of the spherical circle of radius d: its width w is
///    2·asin(sin d / cos lat) in longitude (90° for the half-width where that has no value); 180°
///    if the circle touches a pole without passing it; 360° if it passes a pole or d ≥ 180°.
/// 3. JTS's `GeometricShapeFactory` draws a circle *in degree space* of diameter w (the box's
///    width, used as its height too) around the point: vertex i of 100 at angle i·2π/100
///    counter-clockwise from east, the first vertex repeated to close the ring.
///
/// So the polygon is a true circle only at the equator: away from it, its north–south extent
/// is that of its east–west one in degrees, about 1/cos(lat) times the requested radius. This
/// keeps GeoMesa's shape, not a geodesic circle. Where that circle reaches beyond latitude
/// ±90 (near the poles, where GeoMesa returns latitudes beyond ±90, up to 270), the polygon is
/// cut at ±90 with `geo`'s overlay. The radius must be finite and positive (GeoMesa fails on 0
/// too), the point a lon/lat point with finite coordinates and latitude within ±90; any other
/// geometry type is refused.
pub fn buffer_point(point: &Geo, metres: f64) -> Result<Option<geo::Geometry<f64>>, GeomError> {
    if !(metres.is_finite() && metres > 0.0) {
        return Err(GeomError::InvalidParameter(format!(
            "the st_bufferPoint radius must be a positive number of metres, got {metres}"
        )));
    }
    let Some(shape) = point.shape() else {
        return Ok(None);
    };
    let geo::Geometry::Point(centre) = shape.as_ref() else {
        return Err(GeomError::Unsupported(
            "st_bufferPoint takes a point".to_string(),
        ));
    };
    let (lon, lat) = (centre.x(), centre.y());
    if !lon.is_finite() || !(-90.0..=90.0).contains(&lat) {
        return Err(GeomError::InvalidParameter(format!(
            "st_bufferPoint needs a lon/lat point, got ({lon} {lat})"
        )));
    }
    let degrees = (metres / 1000.0 / GEOMESA_SPHERE_RADIUS_KM).to_degrees();
    let diameter = geomesa_circle_width(lon, lat, degrees);
    let circle = crate::antimeridian::safe_shape(degree_circle(lon, lat, diameter).into())?;
    cut_at_poles(circle).map(Some)
}

/// The width in longitude of spatial4j's bounding box of a spherical circle of `radius`
/// degrees of arc (`DistanceUtils.calcBoxByDistFromPtDEG`, then `Rectangle.getWidth`).
fn geomesa_circle_width(lon: f64, lat: f64, radius: f64) -> f64 {
    if radius >= 180.0 {
        return 360.0;
    }
    let (north, south) = (lat + radius, lat - radius);
    if north >= 90.0 || south <= -90.0 {
        return if north <= 90.0 && south >= -90.0 {
            180.0
        } else {
            360.0
        };
    }
    let half_width = (radius.to_radians().sin() / lat.to_radians().cos()).asin();
    let half_width = if half_width.is_nan() {
        90.0
    } else {
        half_width.to_degrees()
    };
    let width = normalize_longitude(lon + half_width) - normalize_longitude(lon - half_width);
    if width < 0.0 {
        width + 360.0
    } else {
        width
    }
}

/// spatial4j's `normLonDEG`: into [-180, 180], +180 kept.
fn normalize_longitude(lon: f64) -> f64 {
    if (-180.0..=180.0).contains(&lon) {
        return lon;
    }
    let off = (lon + 180.0) % 360.0;
    if off < 0.0 {
        180.0 + off
    } else if off == 0.0 && lon > 0.0 {
        180.0
    } else {
        -180.0 + off
    }
}

/// JTS's `GeometricShapeFactory.createCircle` for a square envelope of side `diameter` centred
/// on (`x`, `y`), with GeoMesa's 100 points.
fn degree_circle(x: f64, y: f64, diameter: f64) -> geo::Polygon<f64> {
    const VERTICES: usize = 100;
    let (min_x, max_x) = (x - diameter / 2.0, x + diameter / 2.0);
    let (min_y, max_y) = (y - diameter / 2.0, y + diameter / 2.0);
    let (x_radius, y_radius) = ((max_x - min_x) / 2.0, (max_y - min_y) / 2.0);
    let (centre_x, centre_y) = (min_x + x_radius, min_y + y_radius);
    let mut ring: Vec<geo::Coord<f64>> = (0..VERTICES)
        .map(|i| {
            let angle = i as f64 * (2.0 * PI / VERTICES as f64);
            geo::Coord {
                x: x_radius * angle.cos() + centre_x,
                y: y_radius * angle.sin() + centre_y,
            }
        })
        .collect();
    ring.push(ring[0]);
    geo::Polygon::new(geo::LineString(ring), vec![])
}

/// Cuts polygons that reach beyond latitude ±90 at ±90.
fn cut_at_poles(shape: geo::Geometry<f64>) -> Result<geo::Geometry<f64>, GeomError> {
    let Some(bbox) = shape.bounding_rect() else {
        return Ok(shape);
    };
    if bbox.min().y >= -90.0 && bbox.max().y <= 90.0 {
        return Ok(shape);
    }
    let band = geo::Rect::new(
        geo::Coord {
            x: bbox.min().x,
            y: bbox.min().y.max(-90.0),
        },
        geo::Coord {
            x: bbox.max().x,
            y: bbox.max().y.min(90.0),
        },
    )
    .to_polygon();
    let polygons = match shape {
        geo::Geometry::Polygon(polygon) => MultiPolygon(vec![polygon]),
        geo::Geometry::MultiPolygon(polygons) => polygons,
        other => return Ok(other),
    };
    let mut cut = polygons.intersection(&band);
    Ok(if cut.0.len() == 1 {
        geo::Geometry::Polygon(cut.0.remove(0))
    } else {
        geo::Geometry::MultiPolygon(cut)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};
    use geo::Area;

    #[test]
    fn distances_below_the_overlay_grid_are_refused() {
        // geo 0.33's buffer never returns for this line and distance.
        let line = wkb("LINESTRING(0.5 0.5,1 0.5)");
        let err = buffer(&geo(&line), 1e-9, &BufferParams::default()).unwrap_err();
        assert!(err.to_string().contains("below the precision"), "{err}");
        // Sixteen grid steps and more are computed; a point sets the extent by itself.
        let area = buffer(&geo(&line), 1e-6, &BufferParams::default())
            .unwrap()
            .unsigned_area();
        assert!((area - 1e-6).abs() < 1e-8, "{area}");
        let point = wkb("POINT(1 1)");
        assert!(buffer(&geo(&point), 1e-9, &BufferParams::default()).is_ok());
    }

    #[test]
    fn parses_postgis_parameters() {
        assert_eq!("".parse::<BufferParams>().unwrap(), BufferParams::default());
        let params: BufferParams = "quad_segs=2 endcap=flat join=mitre mitre_limit=2.5"
            .parse()
            .unwrap();
        assert_eq!(
            params,
            BufferParams {
                quad_segs: 2,
                endcap: EndCap::Flat,
                join: Join::Mitre,
                mitre_limit: 2.5
            }
        );
        for bad in [
            "quad_segs=0",
            "endcap=pointy",
            "side=left",
            "colour=red",
            "quad_segs",
        ] {
            assert!(
                matches!(
                    bad.parse::<BufferParams>(),
                    Err(GeomError::InvalidParameter(_))
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_point_becomes_a_polygon_of_four_quad_segs_arcs() {
        let bytes = wkb("POINT(0 0)");
        let circle = buffer(&geo(&bytes), 1.0, &BufferParams::default()).unwrap();
        assert_eq!(circle.0.len(), 1);
        assert_eq!(circle.0[0].exterior().0.len(), 33);
        // A regular 32-gon inscribed in the unit circle, as GEOS draws it too.
        let area = circle.unsigned_area();
        let expected = 16.0 * (std::f64::consts::PI / 16.0).sin();
        assert!((area - expected).abs() < 1e-9, "{area}");
    }

    #[test]
    fn flat_ends_make_a_rectangle_of_a_segment() {
        let bytes = wkb("LINESTRING(0 0,10 0)");
        let params: BufferParams = "endcap=flat".parse().unwrap();
        let band = buffer(&geo(&bytes), 1.0, &params).unwrap();
        assert!((band.unsigned_area() - 20.0).abs() < 1e-9);
    }

    #[test]
    fn empty_input_and_bad_distances() {
        let empty = wkb("POLYGON EMPTY");
        assert!(buffer(&geo(&empty), 1.0, &BufferParams::default())
            .unwrap()
            .0
            .is_empty());
        let point = wkb("POINT(0 0)");
        assert!(buffer(&geo(&point), f64::NAN, &BufferParams::default()).is_err());
        let nan = wkb("LINESTRING(0 0,1 1)")
            .iter()
            .copied()
            .take(9)
            .chain(f64::NAN.to_le_bytes())
            .chain([0; 24])
            .collect::<Vec<_>>();
        assert!(buffer(&geo(&nan), 1.0, &BufferParams::default()).is_err());
    }
}
