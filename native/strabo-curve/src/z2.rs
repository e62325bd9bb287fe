//! The Z2 curve over (lon, lat) points (GeoMesa's `Z2SFC`).
use crate::normalize::NormalizedDimension;
use crate::zorder::{self, IndexRange, ZRange, Z2};
use crate::{BBox, CurveError};

/// A Z2 curve with `precision` bits per dimension (GeoMesa's default is 31).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Z2Sfc {
    lon: NormalizedDimension,
    lat: NormalizedDimension,
}

impl Z2Sfc {
    /// GeoMesa's Z2 index curve: 31 bits per dimension.
    pub const FULL_PRECISION: u32 = 31;

    /// A curve with `precision` bits per dimension, in `[1, 31]`.
    pub fn new(precision: u32) -> Result<Self, CurveError> {
        match (
            NormalizedDimension::lon(precision),
            NormalizedDimension::lat(precision),
        ) {
            (Some(lon), Some(lat)) => Ok(Self { lon, lat }),
            _ => Err(CurveError::Precision {
                curve: "z2",
                precision,
                max: Self::FULL_PRECISION,
            }),
        }
    }

    /// The longitude dimension.
    pub fn lon(&self) -> &NormalizedDimension {
        &self.lon
    }

    /// The latitude dimension.
    pub fn lat(&self) -> &NormalizedDimension {
        &self.lat
    }

    /// The Z value of a point; an error outside `[-180, 180] x [-90, 90]` or for NaN.
    pub fn index(&self, x: f64, y: f64) -> Result<u64, CurveError> {
        if !(self.lon.contains(x) && self.lat.contains(y)) {
            return Err(CurveError::OutOfBounds {
                domain: "[-180,180], [-90,90]".to_owned(),
                values: format!("{x}, {y}"),
            });
        }
        Ok(Z2::encode(self.lon.normalize(x), self.lat.normalize(y)))
    }

    /// The Z value of a point clamped into the world first.
    pub fn index_lenient(&self, x: f64, y: f64) -> u64 {
        let x = x.clamp(self.lon.min(), self.lon.max());
        let y = y.clamp(self.lat.min(), self.lat.max());
        Z2::encode(self.lon.normalize(x), self.lat.normalize(y))
    }

    /// The centre `(lon, lat)` of the cell of `z`.
    pub fn invert(&self, z: u64) -> (f64, f64) {
        let (x, y) = Z2::decode(z);
        (self.lon.denormalize(x), self.lat.denormalize(y))
    }

    /// The Z ranges covering any of `boxes`, resolving `precision` leading bits (64 for all)
    /// with at most about `max_ranges` ranges. Like GeoMesa, boxes must lie in the world and
    /// the search stops at tree depth [`zorder::DEFAULT_RECURSE`].
    pub fn ranges(
        &self,
        boxes: &[BBox],
        precision: u32,
        max_ranges: Option<usize>,
    ) -> Result<Vec<IndexRange>, CurveError> {
        let bounds = boxes
            .iter()
            .map(|b| {
                b.check_ordered()?;
                // Z order is monotone in every axis, so ordered corners give min <= max.
                Ok(ZRange {
                    min: self.index(b.xmin, b.ymin)?,
                    max: self.index(b.xmax, b.ymax)?,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(zorder::zranges::<Z2>(
            &bounds,
            precision,
            max_ranges,
            Some(zorder::DEFAULT_RECURSE),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sfc() -> Z2Sfc {
        Z2Sfc::new(Z2Sfc::FULL_PRECISION).unwrap()
    }

    // curve/Z2Test.scala "fail for out-of-bounds values".
    #[test]
    fn rejects_points_outside_the_world() {
        for (x, y) in [
            (-180.1, 0.0),
            (0.0, -90.1),
            (180.1, 0.0),
            (0.0, 90.1),
            (-181.0, -91.0),
            (181.0, 91.0),
        ] {
            assert!(sfc().index(x, y).is_err(), "({x}, {y})");
        }
        assert!(sfc().index(f64::NAN, 0.0).is_err());
    }

    // curve/Z2Test.scala "apply and unapply max values": the corners are the extreme cells.
    #[test]
    fn the_world_corners_are_the_extreme_cells() {
        let max = sfc().lon().max_index();
        assert_eq!(sfc().index(-180.0, -90.0).unwrap(), 0);
        assert_eq!(sfc().index(180.0, 90.0).unwrap(), Z2::encode(max, max));
        assert_eq!(sfc().index(180.0, 90.0).unwrap(), (1u64 << 62) - 1);
    }

    // curve/Z2Test.scala "return non-empty ranges for a number of cases".
    #[test]
    fn ranges_are_non_empty_and_capped() {
        let boxes = [
            BBox::new(-180.0, -90.0, 180.0, 90.0),
            BBox::new(-90.0, -45.0, 90.0, 45.0),
            BBox::new(35.0, 65.0, 45.0, 75.0),
            BBox::new(35.0, 55.0, 45.0, 75.0),
            BBox::new(35.0, 65.0, 37.0, 68.0),
            BBox::new(35.0, 65.0, 40.0, 70.0),
            BBox::new(39.999, 60.999, 40.001, 61.001),
            BBox::new(51.0, 51.0, 51.1, 51.1),
            BBox::new(51.0, 51.0, 51.001, 51.001),
            BBox::new(51.0, 51.0, 51.0000001, 51.0000001),
        ];
        for b in boxes {
            let ranges = sfc().ranges(&[b], 64, Some(1000)).unwrap();
            assert!(
                !ranges.is_empty() && ranges.len() <= 1000,
                "{b:?}: {}",
                ranges.len()
            );
            // Every corner's Z value must fall in a returned range.
            for (x, y) in [
                (b.xmin, b.ymin),
                (b.xmax, b.ymax),
                (b.xmin, b.ymax),
                (b.xmax, b.ymin),
            ] {
                let z = sfc().index(x, y).unwrap();
                assert!(
                    ranges.iter().any(|r| r.lower <= z && z <= r.upper),
                    "{b:?} misses ({x}, {y})"
                );
            }
        }
    }
}
