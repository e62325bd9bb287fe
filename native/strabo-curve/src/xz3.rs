//! The XZ3 curve for geometries with extent over time (GeoMesa's `XZ3SFC`): bounding boxes
//! over the lon/lat world and an offset interval within a [`TimePeriod`] bin.
use crate::binned_time::TimePeriod;
use crate::xz::XzCurve;
use crate::zorder::IndexRange;
use crate::{BBox, CurveError};

/// An XZ3 curve of resolution `g` for one time period (GeoMesa's default `g` is 12).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Xz3Sfc {
    period: TimePeriod,
    curve: XzCurve<3>,
}

impl Xz3Sfc {
    /// The largest resolution whose codes fit a signed 64-bit integer.
    pub const MAX_RESOLUTION: u32 = XzCurve::<3>::MAX_RESOLUTION;

    /// A curve that splits space and the bin's offsets `g` times, `g` in `[1, 20]`.
    pub fn new(g: u32, period: TimePeriod) -> Result<Self, CurveError> {
        let w = BBox::WORLD;
        let max = period.max_offset() as f64;
        let curve = XzCurve::new("xz3", g, [w.xmin, w.ymin, 0.0], [w.xmax, w.ymax, max])?;
        Ok(Self { period, curve })
    }

    /// The bin period.
    pub fn period(&self) -> TimePeriod {
        self.period
    }

    /// The resolution `g`.
    pub fn resolution(&self) -> u32 {
        self.curve.resolution()
    }

    /// The code of a box spanning offsets `[tmin, tmax]` (in the period's unit) of one bin;
    /// an error outside the domain or when unordered.
    pub fn index(&self, bbox: &BBox, tmin: f64, tmax: f64) -> Result<u64, CurveError> {
        self.curve.index(&bounds(bbox, tmin, tmax))
    }

    /// The code ranges covering any `(box, tmin, tmax)` of `queries`, with at most about
    /// `max_ranges` ranges.
    pub fn ranges(
        &self,
        queries: &[(BBox, f64, f64)],
        max_ranges: Option<usize>,
    ) -> Result<Vec<IndexRange>, CurveError> {
        let windows: Vec<_> = queries
            .iter()
            .map(|(b, t0, t1)| bounds(b, *t0, *t1))
            .collect();
        self.curve.ranges(&windows, max_ranges)
    }
}

fn bounds(b: &BBox, tmin: f64, tmax: f64) -> ([f64; 3], [f64; 3]) {
    ([b.xmin, b.ymin, tmin], [b.xmax, b.ymax, tmax])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sfc() -> Xz3Sfc {
        Xz3Sfc::new(12, TimePeriod::Week).unwrap()
    }

    type Window = (f64, f64, f64, f64, f64, f64);

    fn matches(q: Window, code: u64) -> bool {
        let query = (BBox::new(q.0, q.1, q.3, q.4), q.2, q.5);
        let ranges = sfc().ranges(&[query], Some(10_000)).unwrap();
        ranges.iter().any(|r| r.lower <= code && code <= r.upper)
    }

    const CONTAINING: [Window; 4] = [
        (9.0, 9.0, 900.0, 13.0, 13.0, 1100.0),
        (-180.0, -90.0, 900.0, 180.0, 90.0, 1100.0),
        (0.0, 0.0, 900.0, 180.0, 90.0, 1100.0),
        (0.0, 0.0, 900.0, 20.0, 20.0, 1100.0),
    ];
    const OVERLAPPING: [Window; 4] = [
        (11.0, 11.0, 900.0, 13.0, 13.0, 1100.0),
        (9.0, 9.0, 900.0, 11.0, 11.0, 1100.0),
        (10.5, 10.5, 900.0, 11.5, 11.5, 1100.0),
        (11.0, 11.0, 900.0, 11.0, 11.0, 1100.0),
    ];
    const DISJOINT: [Window; 4] = [
        (-180.0, -90.0, 900.0, 8.0, 8.0, 1100.0),
        (0.0, 0.0, 900.0, 8.0, 8.0, 1100.0),
        (9.0, 9.0, 900.0, 9.5, 9.5, 1100.0),
        (20.0, 20.0, 900.0, 180.0, 90.0, 1100.0),
    ];

    // XZ3SFCTest.scala "index polygons and query them" and "index points and query them".
    #[test]
    fn polygons_and_points_are_found_by_containing_and_overlapping_queries_only() {
        let polygon = sfc()
            .index(&BBox::new(10.0, 10.0, 12.0, 12.0), 1000.0, 1000.0)
            .unwrap();
        let point = sfc()
            .index(&BBox::point(11.0, 11.0), 1000.0, 1000.0)
            .unwrap();
        for code in [polygon, point] {
            for q in CONTAINING.into_iter().chain(OVERLAPPING) {
                assert!(matches(q, code), "{q:?} should match {code}");
            }
            for q in DISJOINT {
                assert!(!matches(q, code), "{q:?} should not match {code}");
            }
        }
    }

    // XZ3SFCTest.scala "index complex features and query them2", with its geoms.list.
    #[test]
    fn every_listed_geometry_is_in_the_ranges_of_its_query() {
        let query = (BBox::new(45.0, 23.0, 48.0, 27.0), 900.0, 1100.0);
        let ranges = sfc().ranges(&[query], Some(10_000)).unwrap();
        let boxes = crate::xz2::tests::geoms_list();
        assert_eq!(boxes.len(), 135);
        for b in boxes {
            let code = sfc().index(&b, 1000.0, 1000.0).unwrap();
            assert!(
                ranges.iter().any(|r| r.lower <= code && code <= r.upper),
                "{b:?} not matched"
            );
        }
    }

    // XZ3SFCTest.scala "fail for out-of-bounds values".
    #[test]
    fn rejects_boxes_outside_the_domain() {
        let (tmin, tmax) = (0.0, TimePeriod::Week.max_offset() as f64);
        let to_fail: [Window; 17] = [
            (-180.1, 0.0, 0.0, -179.9, 1.0, 1.0),
            (179.9, 0.0, 0.0, 180.1, 1.0, 1.0),
            (-180.3, 0.0, 0.0, -180.1, 1.0, 1.0),
            (180.1, 0.0, 0.0, 180.3, 1.0, 1.0),
            (-180.1, 0.0, 0.0, 180.1, 1.0, 1.0),
            (0.0, -90.1, 0.0, 1.0, -89.9, 1.0),
            (0.0, 89.9, 0.0, 1.0, 90.1, 1.0),
            (0.0, -90.3, 0.0, 1.0, -90.1, 1.0),
            (0.0, 90.1, 0.0, 1.0, 90.3, 1.0),
            (0.0, -90.1, 0.0, 1.0, 90.1, 1.0),
            (0.0, 0.0, tmin - 0.1, 1.0, 1.0, tmin + 0.1),
            (0.0, 0.0, tmax - 0.1, 1.0, 1.0, tmax + 0.1),
            (0.0, 0.0, tmin - 0.3, 1.0, 1.0, tmin - 0.1),
            (0.0, 0.0, tmax + 0.1, 1.0, 1.0, tmax + 0.3),
            (0.0, 0.0, tmin - 0.1, 1.0, 1.0, tmax + 0.1),
            (-181.0, -91.0, tmin - 1.0, 0.0, 0.0, 0.0),
            (0.0, 0.0, 0.0, 181.0, 91.0, tmax + 1.0),
        ];
        for q in to_fail {
            let b = BBox::new(q.0, q.1, q.3, q.4);
            assert!(sfc().index(&b, q.2, q.5).is_err(), "{q:?}");
        }
        assert!(Xz3Sfc::new(21, TimePeriod::Week).is_err());
        assert!(Xz3Sfc::new(20, TimePeriod::Week).is_ok());
    }
}
