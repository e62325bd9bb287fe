//! Buffers: PostGIS's, with its parameter string, and GeoMesa's circle around a lon/lat point.
use std::f64::consts::{FRAC_PI_2, PI};
use std::str::FromStr;

use geo::algorithm::buffer::{Buffer, BufferStyle, LineCap, LineJoin};
use geo::MultiPolygon;

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
/// cut at ±90; with a pole inside the circle's box it then covers nearly the whole band, as
/// GeoMesa's does. The radius must be finite and positive (GeoMesa fails on 0 too), the point
/// a lon/lat point with finite coordinates and latitude within ±90 (any longitude is wrapped);
/// any other geometry type is refused.
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
    Ok(Some(cut_at_poles(circle)))
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

/// Cuts the circle's polygons at latitude ±90 where they reach beyond. They are convex (a
/// circle, or a circle's pieces either side of the antimeridian), so clipping each ring to the
/// band edge by edge is exact.
fn cut_at_poles(shape: geo::Geometry<f64>) -> geo::Geometry<f64> {
    let cut = |polygon: geo::Polygon<f64>| {
        let ring = clip_ring(&polygon.exterior().0, |c| 90.0 - c.y, 90.0);
        let ring = clip_ring(&ring, |c| c.y + 90.0, -90.0);
        geo::Polygon::new(geo::LineString(ring), vec![])
    };
    match shape {
        geo::Geometry::Polygon(polygon) => geo::Geometry::Polygon(cut(polygon)),
        geo::Geometry::MultiPolygon(polygons) => {
            geo::Geometry::MultiPolygon(polygons.into_iter().map(cut).collect())
        }
        other => other,
    }
}

/// The part of a closed convex ring where `inside(c) ≥ 0`, cut on the parallel `latitude`.
fn clip_ring(
    ring: &[geo::Coord<f64>],
    inside: impl Fn(geo::Coord<f64>) -> f64,
    latitude: f64,
) -> Vec<geo::Coord<f64>> {
    if ring.iter().all(|&c| inside(c) >= 0.0) {
        return ring.to_vec();
    }
    let mut out = Vec::with_capacity(ring.len());
    for edge in ring.windows(2) {
        let (p, q) = (edge[0], edge[1]);
        let (p_in, q_in) = (inside(p) >= 0.0, inside(q) >= 0.0);
        if p_in {
            out.push(p);
        }
        if p_in != q_in {
            let t = (latitude - p.y) / (q.y - p.y);
            out.push(geo::Coord {
                x: p.x + t * (q.x - p.x),
                y: latitude,
            });
        }
    }
    if let Some(&first) = out.first() {
        out.push(first);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_pieces, geo, wkb};
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

    fn buffer_point_of(text: &str, metres: f64) -> Result<Option<geo::Geometry<f64>>, GeomError> {
        buffer_point(&geo(&wkb(text)), metres)
    }

    #[test]
    fn buffer_point_draws_geomesas_circle() {
        // GeoMesa's st_bufferPoint, run on spatial4j 0.8 and JTS 1.20: its vertices 0, 13, 25,
        // 50 and 99, and its area from shapely 2.1.2.
        for (centre, metres, vertices, area) in [
            (
                "POINT(0 0)",
                1000.0,
                [
                    (0.0089932036776166, 0.0),
                    (0.0061562715505397, 0.0065557633409934),
                    (0.0, 0.0089932036776166),
                    (-0.0089932036776166, 0.0),
                    (0.0089754576444608, -0.0005646879311505),
                ],
                0.0002539176789564107,
            ),
            // Twice as tall as the true circle at 60°N: GeoMesa's degree-space circle.
            (
                "POINT(10 60)",
                50000.0,
                [
                    (10.899348066172397, 60.0),
                    (10.615646115920878, 60.65559652537179),
                    (10.0, 60.899348066172394),
                    (9.100651933827603, 60.0),
                    (10.89757340820033, 59.943529467687355),
                ],
                2.539333201555289,
            ),
            // A longitude beyond 180 is wrapped.
            (
                "POINT(200 10)",
                1000.0,
                [
                    (-159.9908680616585, 10.0),
                    (-159.9937487580368, 10.006656896558509),
                    (-160.0, 10.009131938341511),
                    (-160.0091319383415, 10.0),
                    (-159.9908860814528, 9.999426600847228),
                ],
                0.0002618122854099863,
            ),
        ] {
            let geo::Geometry::Polygon(circle) = buffer_point_of(centre, metres).unwrap().unwrap()
            else {
                panic!("{centre}: not a polygon");
            };
            let ring = &circle.exterior().0;
            assert_eq!(ring.len(), 101, "{centre}");
            for (i, (x, y)) in [0, 13, 25, 50, 99].into_iter().zip(vertices) {
                assert!(
                    (ring[i].x - x).abs() < 1e-12 && (ring[i].y - y).abs() < 1e-12,
                    "{centre} vertex {i}: {:?}",
                    ring[i]
                );
            }
            assert!(
                (circle.unsigned_area() - area).abs() < 1e-9 * area,
                "{centre}"
            );
        }
    }

    #[test]
    fn buffer_point_across_the_antimeridian_and_near_the_poles() {
        // GeoMesa's st_bufferPoint (spatial4j 0.8, JTS 1.20); bounds and area of each piece
        // from shapely 2.1.2.
        assert_pieces(
            &buffer_point_of("POINT(179.99 0)", 10000.0)
                .unwrap()
                .unwrap(),
            &[
                (
                    [
                        -180.0,
                        -0.0893430853870878,
                        -179.9200679632238,
                        0.0893430853870878,
                    ],
                    0.010901581592097179,
                ),
                (
                    [
                        179.90006796322382,
                        -0.0899320367761902,
                        180.0,
                        0.0899320367761902,
                    ],
                    0.014490186303557542,
                ),
            ],
            "east of the antimeridian",
        );
        assert_pieces(
            &buffer_point_of("POINT(-179.995 45)", 2000.0)
                .unwrap()
                .unwrap(),
            &[
                (
                    [
                        -180.0,
                        44.97456337836209,
                        -179.9695633783621,
                        45.02543662163791,
                    ],
                    0.001268307436685013,
                ),
                (
                    [
                        179.9795633783621,
                        44.97506615836242,
                        180.0,
                        45.02493384163758,
                    ],
                    0.000763034061691696,
                ),
            ],
            "west of the antimeridian",
        );
        // GeoMesa's polygons reach latitude 130 and 270 here; expected: shapely's
        // intersection of GeoMesa's polygon with box(-180, -90, 180, 90).
        assert_pieces(
            &buffer_point_of("POINT(20 80)", 300000.0).unwrap().unwrap(),
            &[(
                [
                    4.272020050643441,
                    64.27202005064345,
                    35.72797994935656,
                    90.0,
                ],
                680.0461630802407,
            )],
            "near a pole",
        );
        assert_pieces(
            &buffer_point_of("POINT(0 89.99)", 10000.0).unwrap().unwrap(),
            &[([-180.0, -90.0, 180.0, 90.0], 50863.91763354962)],
            "around a pole",
        );
    }

    #[test]
    fn buffer_point_refuses_what_geomesa_cannot_draw() {
        // GeoMesa: "Too few distinct points in geometry component".
        assert!(buffer_point_of("POINT(0 0)", 0.0).is_err());
        assert!(buffer_point_of("POINT(0 0)", -5.0).is_err());
        assert!(buffer_point_of("POINT(0 0)", f64::INFINITY).is_err());
        assert!(buffer_point_of("POINT(0 91)", 10.0).is_err());
        assert!(buffer_point_of("LINESTRING(0 0,1 1)", 10.0).is_err());
        assert_eq!(buffer_point_of("POINT EMPTY", 10.0), Ok(None));
    }
}
