//! The Z3 curve over (lon, lat, time offset within a bin) (GeoMesa's `Z3SFC`).
use crate::binned_time::{BinnedTime, TimePeriod};
use crate::normalize::NormalizedDimension;
use crate::zorder::{self, IndexRange, ZRange, Z3};
use crate::{BBox, CurveError};

/// A Z3 curve for one [`TimePeriod`], with `precision` bits per dimension (default 21).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Z3Sfc {
    period: TimePeriod,
    lon: NormalizedDimension,
    lat: NormalizedDimension,
    time: NormalizedDimension,
}

impl Z3Sfc {
    /// GeoMesa's Z3 index curve: 21 bits per dimension.
    pub const FULL_PRECISION: u32 = 21;

    /// A curve over `period` bins with `precision` bits per dimension, in `[1, 21]`.
    pub fn new(period: TimePeriod, precision: u32) -> Result<Self, CurveError> {
        let err = CurveError::Precision {
            curve: "z3",
            precision,
            max: Self::FULL_PRECISION,
        };
        if precision > Self::FULL_PRECISION {
            return Err(err);
        }
        match (
            NormalizedDimension::lon(precision),
            NormalizedDimension::lat(precision),
            NormalizedDimension::time(precision, period.max_offset() as f64),
        ) {
            (Some(lon), Some(lat), Some(time)) => Ok(Self {
                period,
                lon,
                lat,
                time,
            }),
            _ => Err(err),
        }
    }

    /// The bin period.
    pub fn period(&self) -> TimePeriod {
        self.period
    }

    /// The time-offset dimension, `[0, period.max_offset()]`.
    pub fn time(&self) -> &NormalizedDimension {
        &self.time
    }

    /// The Z value of a point at offset `t` into its bin; an error outside the domain.
    pub fn index(&self, x: f64, y: f64, t: i64) -> Result<u64, CurveError> {
        let tf = t as f64;
        if !(self.lon.contains(x) && self.lat.contains(y) && self.time.contains(tf)) {
            return Err(CurveError::OutOfBounds {
                domain: format!("[-180,180], [-90,90], [0,{}]", self.period.max_offset()),
                values: format!("{x}, {y}, {t}"),
            });
        }
        Ok(Z3::encode(
            self.lon.normalize(x),
            self.lat.normalize(y),
            self.time.normalize(tf),
        ))
    }

    /// The bin and Z value of a point at `millis` since the epoch: the row key of GeoMesa's
    /// Z3 index, and the sort key within a bin.
    pub fn index_time(&self, x: f64, y: f64, millis: i64) -> Result<(i16, u64), CurveError> {
        let BinnedTime { bin, offset } = self.period.binned_time(millis)?;
        Ok((bin, self.index(x, y, offset)?))
    }

    /// The cell centre `(lon, lat, offset)` of `z`.
    pub fn invert(&self, z: u64) -> (f64, f64, i64) {
        let (x, y, t) = Z3::decode(z);
        (
            self.lon.denormalize(x),
            self.lat.denormalize(y),
            self.time.denormalize(t) as i64,
        )
    }

    /// The Z ranges covering any box in `boxes` during any offset interval in `times` (within
    /// one bin), resolving `precision` leading bits with at most about `max_ranges` ranges.
    pub fn ranges(
        &self,
        boxes: &[BBox],
        times: &[(i64, i64)],
        precision: u32,
        max_ranges: Option<usize>,
    ) -> Result<Vec<IndexRange>, CurveError> {
        let mut bounds = Vec::with_capacity(boxes.len() * times.len());
        for b in boxes {
            for &(tmin, tmax) in times {
                b.check_ordered()?;
                if tmin > tmax {
                    return Err(CurveError::Unordered {
                        min: vec![b.xmin, b.ymin, tmin as f64],
                        max: vec![b.xmax, b.ymax, tmax as f64],
                    });
                }
                // Z order is monotone in every axis, so ordered corners give min <= max.
                bounds.push(ZRange {
                    min: self.index(b.xmin, b.ymin, tmin)?,
                    max: self.index(b.xmax, b.ymax, tmax)?,
                });
            }
        }
        // GeoMesa's Z3 recursion is unbounded unless `geomesa.scan.ranges.recurse` is set.
        Ok(zorder::zranges::<Z3>(
            &bounds,
            precision,
            max_ranges,
            Some(usize::MAX),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week() -> Z3Sfc {
        Z3Sfc::new(TimePeriod::Week, 21).unwrap()
    }

    // curve/Z3Test.scala "fail for out-of-bounds values".
    #[test]
    fn rejects_values_outside_the_domain() {
        let max = week().time().max() as i64;
        for (x, y, t) in [
            (-180.1, 0.0, 0),
            (180.1, 0.0, 0),
            (0.0, -90.1, 0),
            (0.0, 90.1, 0),
            (0.0, 0.0, -1),
            (0.0, 0.0, max + 1),
            (-181.0, -91.0, -1),
            (181.0, 91.0, max + 1),
        ] {
            assert!(week().index(x, y, t).is_err(), "({x}, {y}, {t})");
        }
        assert!(week().index(180.0, 90.0, max).is_ok());
    }

    // curve/Z3Test.scala "apply and unapply max values".
    #[test]
    fn the_domain_corners_are_the_extreme_cells() {
        let sfc = week();
        let max = sfc.time().max_index();
        assert_eq!(max, 2_097_151);
        assert_eq!(sfc.index(-180.0, -90.0, 0).unwrap(), 0);
        assert_eq!(
            Z3::decode(sfc.index(180.0, 90.0, 604_800).unwrap()),
            (max, max, max)
        );
    }

    // curve/Z3Test.scala "return non-empty ranges for a number of cases".
    #[test]
    fn ranges_are_non_empty_and_capped() {
        let sfc = week();
        let week = sfc.time().max() as i64;
        let (day, hour) = (week / 7, week / 168);
        let world = BBox::WORLD;
        let cases = [
            (world, 0, week),
            (world, day, day * 2),
            (world, hour * 10, hour * 11),
            (world, hour * 10, hour * 64),
            (world, day * 2, week),
            (BBox::new(-90.0, -45.0, 90.0, 45.0), week / 4, 3 * week / 4),
            (BBox::new(35.0, 65.0, 45.0, 75.0), 0, day),
            (BBox::new(35.0, 55.0, 45.0, 65.0), 0, week),
            (BBox::new(35.0, 55.0, 45.0, 75.0), day, day * 2),
            (BBox::new(35.0, 55.0, 45.0, 75.0), day + hour * 6, day * 2),
            (BBox::new(35.0, 65.0, 45.0, 75.0), day + hour, day * 6),
            (BBox::new(35.0, 65.0, 37.0, 68.0), day, day + hour * 6),
            (BBox::new(35.0, 65.0, 40.0, 70.0), day, day + hour * 6),
            (
                BBox::new(39.999, 60.999, 40.001, 61.001),
                day + 3000,
                day + 3120,
            ),
            (BBox::new(51.0, 51.0, 51.1, 51.1), 6000, 6100),
            (BBox::new(51.0, 51.0, 51.001, 51.001), 30000, 30100),
        ];
        for (b, t0, t1) in cases {
            let ranges = sfc.ranges(&[b], &[(t0, t1)], 64, Some(1000)).unwrap();
            assert!(
                !ranges.is_empty() && ranges.len() <= 1000,
                "{b:?} {t0}..{t1}: {}",
                ranges.len()
            );
            for z in [
                sfc.index(b.xmin, b.ymin, t0).unwrap(),
                sfc.index(b.xmax, b.ymax, t1).unwrap(),
            ] {
                assert!(ranges.iter().any(|r| r.lower <= z && z <= r.upper));
            }
        }
    }

    #[test]
    fn index_time_bins_then_indexes_the_offset() {
        // 1970-01-08T00:00:01Z is one second into week 1.
        let (bin, z) = week().index_time(0.0, 0.0, 7 * 86_400_000 + 1000).unwrap();
        assert_eq!(bin, 1);
        assert_eq!(z, week().index(0.0, 0.0, 1).unwrap());
        assert!(week().index_time(0.0, 0.0, -1).is_err());
        assert!(Z3Sfc::new(TimePeriod::Week, 22).is_err());
    }
}
