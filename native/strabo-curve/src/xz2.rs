//! The XZ2 curve for geometries with extent (GeoMesa's `XZ2SFC`): bounding boxes over the
//! lon/lat world.
use crate::xz::XzCurve;
use crate::zorder::IndexRange;
use crate::{BBox, CurveError};

/// An XZ2 curve of resolution `g` over the lon/lat world (GeoMesa's default `g` is 12).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Xz2Sfc {
    curve: XzCurve<2>,
}

impl Xz2Sfc {
    /// GeoMesa's default resolution (`geomesa.xz.precision`).
    pub const DEFAULT_RESOLUTION: u32 = 12;
    /// The largest resolution whose codes fit a signed 64-bit integer.
    pub const MAX_RESOLUTION: u32 = XzCurve::<2>::MAX_RESOLUTION;

    /// A curve that quarters the world `g` times, `g` in `[1, 30]`.
    pub fn new(g: u32) -> Result<Self, CurveError> {
        let w = BBox::WORLD;
        let curve = XzCurve::new("xz2", g, [w.xmin, w.ymin], [w.xmax, w.ymax])?;
        Ok(Self { curve })
    }

    /// The resolution `g`.
    pub fn resolution(&self) -> u32 {
        self.curve.resolution()
    }

    /// The code of a bounding box; an error if it leaves the world or is unordered.
    pub fn index(&self, bbox: &BBox) -> Result<u64, CurveError> {
        self.curve.index(&bounds(bbox))
    }

    /// The code of a bounding box clamped into the world first.
    pub fn index_lenient(&self, bbox: &BBox) -> Result<u64, CurveError> {
        let w = BBox::WORLD;
        let clamped = BBox::new(
            bbox.xmin.clamp(w.xmin, w.xmax),
            bbox.ymin.clamp(w.ymin, w.ymax),
            bbox.xmax.clamp(w.xmin, w.xmax),
            bbox.ymax.clamp(w.ymin, w.ymax),
        );
        self.index(&clamped)
    }

    /// The code ranges covering any of `queries`, with at most about `max_ranges` ranges.
    /// Boxes must lie in the world.
    pub fn ranges(
        &self,
        queries: &[BBox],
        max_ranges: Option<usize>,
    ) -> Result<Vec<IndexRange>, CurveError> {
        let windows: Vec<_> = queries.iter().map(bounds).collect();
        self.curve.ranges(&windows, max_ranges)
    }
}

fn bounds(b: &BBox) -> ([f64; 2], [f64; 2]) {
    ([b.xmin, b.ymin], [b.xmax, b.ymax])
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn sfc() -> Xz2Sfc {
        Xz2Sfc::new(12).unwrap()
    }

    fn matches(query: BBox, code: u64) -> bool {
        sfc()
            .ranges(&[query], None)
            .unwrap()
            .iter()
            .any(|r| r.lower <= code && code <= r.upper)
    }

    const CONTAINING: [(f64, f64, f64, f64); 4] = [
        (9.0, 9.0, 13.0, 13.0),
        (-180.0, -90.0, 180.0, 90.0),
        (0.0, 0.0, 180.0, 90.0),
        (0.0, 0.0, 20.0, 20.0),
    ];
    const OVERLAPPING: [(f64, f64, f64, f64); 4] = [
        (11.0, 11.0, 13.0, 13.0),
        (9.0, 9.0, 11.0, 11.0),
        (10.5, 10.5, 11.5, 11.5),
        (11.0, 11.0, 11.0, 11.0),
    ];

    fn bbox((a, b, c, d): (f64, f64, f64, f64)) -> BBox {
        BBox::new(a, b, c, d)
    }

    // XZ2SFCTest.scala "index polygons and query them".
    #[test]
    fn a_polygon_is_found_by_containing_and_overlapping_queries_only() {
        let poly = sfc().index(&BBox::new(10.0, 10.0, 12.0, 12.0)).unwrap();
        for q in CONTAINING.into_iter().chain(OVERLAPPING) {
            assert!(matches(bbox(q), poly), "{q:?} should match");
        }
        for q in [
            (-180.0, -90.0, 8.0, 8.0),
            (0.0, 0.0, 8.0, 8.0),
            (9.0, 9.0, 9.5, 9.5),
            (20.0, 20.0, 180.0, 90.0),
        ] {
            assert!(!matches(bbox(q), poly), "{q:?} should not match");
        }
    }

    // XZ2SFCTest.scala "index points and query them".
    #[test]
    fn a_point_is_found_by_containing_and_overlapping_queries_only() {
        let point = sfc().index(&BBox::point(11.0, 11.0)).unwrap();
        for q in CONTAINING.into_iter().chain(OVERLAPPING) {
            assert!(matches(bbox(q), point), "{q:?} should match");
        }
        for q in [
            (-180.0, -90.0, 8.0, 8.0),
            (0.0, 0.0, 8.0, 8.0),
            (9.0, 9.0, 9.5, 9.5),
            (12.5, 12.5, 13.5, 13.5),
            (20.0, 20.0, 180.0, 90.0),
        ] {
            assert!(!matches(bbox(q), point), "{q:?} should not match");
        }
    }

    /// The boxes of GeoMesa's `geoms.list` test resource.
    pub(crate) fn geoms_list() -> Vec<BBox> {
        include_str!("../testdata/geoms.list")
            .lines()
            .filter_map(|line| {
                let inner = line.trim().strip_prefix('(')?.strip_suffix(')')?;
                let v: Vec<f64> = inner
                    .split(',')
                    .map(|s| s.trim().parse().ok())
                    .collect::<Option<_>>()?;
                (v.len() == 4).then(|| BBox::new(v[0], v[1], v[2], v[3]))
            })
            .collect()
    }

    // XZ2SFCTest.scala "index complex features and query them2", with its geoms.list.
    #[test]
    fn every_listed_geometry_is_in_the_ranges_of_its_query() {
        let ranges = sfc()
            .ranges(&[BBox::new(45.0, 23.0, 48.0, 27.0)], None)
            .unwrap();
        let boxes = geoms_list();
        assert_eq!(boxes.len(), 135);
        for b in boxes {
            let code = sfc().index(&b).unwrap();
            assert!(
                ranges.iter().any(|r| r.lower <= code && code <= r.upper),
                "{b:?} not matched"
            );
        }
    }

    // XZ2SFCTest.scala "fail for out-of-bounds values".
    #[test]
    fn rejects_boxes_outside_the_world() {
        for q in [
            (-180.1, 0.0, -179.9, 1.0),
            (179.9, 0.0, 180.1, 1.0),
            (-180.3, 0.0, -180.1, 1.0),
            (180.1, 0.0, 180.3, 1.0),
            (-180.1, 0.0, 180.1, 1.0),
            (0.0, -90.1, 1.0, -89.9),
            (0.0, 89.9, 1.0, 90.1),
            (0.0, -90.3, 1.0, -90.1),
            (0.0, 90.1, 1.0, 90.3),
            (0.0, -90.1, 1.0, 90.1),
            (-181.0, -91.0, 0.0, 0.0),
            (0.0, 0.0, 181.0, 91.0),
        ] {
            assert!(sfc().index(&bbox(q)).is_err(), "{q:?}");
        }
        assert!(sfc().index(&BBox::new(1.0, 0.0, 0.0, 1.0)).is_err());
        assert!(Xz2Sfc::new(0).is_err() && Xz2Sfc::new(31).is_err());
    }
}
