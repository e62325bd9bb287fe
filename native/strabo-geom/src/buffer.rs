//! Buffers, with PostGIS's parameter string.
use std::f64::consts::FRAC_PI_2;
use std::str::FromStr;

use geo::algorithm::buffer::{Buffer, BufferStyle, LineCap, LineJoin};
use geo::MultiPolygon;

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
