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
    /// Uncapped at full precision, small boxes and intervals can yield millions of ranges.
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

    /// The Z ranges, bin by bin, of points in any of `boxes` at times `[start, end]` (ms since
    /// the epoch, both inclusive), as GeoMesa's Z3 index plans a bounded query: the first and
    /// last bins take the offsets the interval covers, the bins between them the whole period.
    /// Times are clamped into the indexable range and boxes trimmed to the world. At full
    /// precision an uncapped decomposition can run to millions of ranges, so a cap per bin is
    /// required (GeoMesa's default query target is 2000 ranges). Bins come in ascending order.
    pub fn ranges_by_bin(
        &self,
        boxes: &[BBox],
        start: i64,
        end: i64,
        max_ranges_per_bin: usize,
    ) -> Result<Vec<(i16, Vec<IndexRange>)>, CurveError> {
        let max_ranges = Some(max_ranges_per_bin);
        let boxes: Vec<BBox> = boxes
            .iter()
            .filter_map(|b| b.intersection(&BBox::WORLD))
            .collect();
        if boxes.is_empty() || start > end {
            return Ok(Vec::new());
        }
        let last = self.period.max_millis() - 1;
        let lower = self.period.binned_time(start.clamp(0, last))?;
        let upper = self.period.binned_time(end.clamp(0, last))?;
        let max = self.period.max_offset();
        if lower.bin == upper.bin {
            let ranges = self.ranges(&boxes, &[(lower.offset, upper.offset)], 64, max_ranges)?;
            return Ok(vec![(lower.bin, ranges)]);
        }
        let mut bins = Vec::with_capacity((upper.bin - lower.bin + 1) as usize);
        bins.push((
            lower.bin,
            self.ranges(&boxes, &[(lower.offset, max)], 64, max_ranges)?,
        ));
        if upper.bin - lower.bin > 1 {
            let whole = self.ranges(&boxes, &[(0, max)], 64, max_ranges)?;
            bins.extend((lower.bin + 1..upper.bin).map(|bin| (bin, whole.clone())));
        }
        bins.push((
            upper.bin,
            self.ranges(&boxes, &[(0, upper.offset)], 64, max_ranges)?,
        ));
        Ok(bins)
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

    // Z3IndexKeySpace.getIndexValues: a bounded interval over several bins is the tail of the
    // first bin, whole middle bins and the head of the last.
    #[test]
    fn ranges_by_bin_split_an_interval_at_bin_edges() {
        let sfc = week();
        let b = BBox::new(35.0, 55.0, 45.0, 65.0);
        let day = 86_400_000;
        // 1970-01-03 is in week 0 (offset 2 days), 1970-01-20 in week 2 (offset 5 days).
        let bins = sfc.ranges_by_bin(&[b], 2 * day, 19 * day, 100).unwrap();
        let ranges = |t0, t1| sfc.ranges(&[b], &[(t0, t1)], 64, Some(100)).unwrap();
        assert_eq!(
            bins.iter().map(|(bin, _)| *bin).collect::<Vec<_>>(),
            [0, 1, 2]
        );
        assert_eq!(bins[0].1, ranges(2 * 86_400, 604_800));
        assert_eq!(bins[1].1, ranges(0, 604_800));
        assert_eq!(bins[2].1, ranges(0, 5 * 86_400));

        let one = sfc.ranges_by_bin(&[b], 8 * day, 9 * day, 100).unwrap();
        assert_eq!(one, vec![(1, ranges(86_400, 2 * 86_400))]);
        // Before the epoch clamps to it; reversed intervals and boxes off the world are empty.
        assert_eq!(sfc.ranges_by_bin(&[b], -day, 0, 100).unwrap()[0].0, 0);
        assert!(sfc.ranges_by_bin(&[b], day, 0, 100).unwrap().is_empty());
        let off_world = BBox::new(200.0, 0.0, 210.0, 1.0);
        assert!(sfc
            .ranges_by_bin(&[off_world], 0, day, 100)
            .unwrap()
            .is_empty());
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
