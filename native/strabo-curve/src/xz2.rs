//! The XZ2 curve for geometries with extent (GeoMesa's `XZ2SFC`), after Böhm, Klump and
//! Kriegel, "XZ-Ordering: A Space-Filling Curve for Objects with Spatial Extension".
//!
//! A bounding box gets the sequence code of the smallest quad cell whose *extended* element
//! (the cell doubled up and right) holds it, so a code names a level and a cell at once.
use std::collections::VecDeque;

use crate::zorder::{self, IndexRange};
use crate::{BBox, CurveError};

/// An XZ2 curve of resolution `g` over the lon/lat world (GeoMesa's default `g` is 12).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Xz2Sfc {
    g: u32,
}

/// A box normalised to `[0, 1]` on both axes.
#[derive(Debug, Clone, Copy)]
struct Unit {
    xmin: f64,
    ymin: f64,
    xmax: f64,
    ymax: f64,
}

/// A quad cell `[xmin, xmin + length] x [ymin, ymin + length]` whose extended element reaches
/// one `length` further up and right.
#[derive(Debug, Clone, Copy)]
struct Element {
    xmin: f64,
    ymin: f64,
    length: f64,
}

impl Element {
    fn is_contained(&self, w: &Unit) -> bool {
        let (xext, yext) = (self.xmin + 2.0 * self.length, self.ymin + 2.0 * self.length);
        w.xmin <= self.xmin && w.ymin <= self.ymin && w.xmax >= xext && w.ymax >= yext
    }

    fn overlaps(&self, w: &Unit) -> bool {
        let (xext, yext) = (self.xmin + 2.0 * self.length, self.ymin + 2.0 * self.length);
        w.xmax >= self.xmin && w.ymax >= self.ymin && w.xmin <= xext && w.ymin <= yext
    }

    fn children(&self) -> [Element; 4] {
        let len = self.length / 2.0;
        let (xc, yc) = (self.xmin + len, self.ymin + len);
        [
            Element {
                xmin: self.xmin,
                ymin: self.ymin,
                length: len,
            },
            Element {
                xmin: xc,
                ymin: self.ymin,
                length: len,
            },
            Element {
                xmin: self.xmin,
                ymin: yc,
                length: len,
            },
            Element {
                xmin: xc,
                ymin: yc,
                length: len,
            },
        ]
    }
}

impl Default for Xz2Sfc {
    fn default() -> Self {
        Self {
            g: Self::DEFAULT_RESOLUTION,
        }
    }
}

impl Xz2Sfc {
    /// GeoMesa's default resolution (`geomesa.xz.precision`).
    pub const DEFAULT_RESOLUTION: u32 = 12;
    /// The largest resolution whose codes fit a signed 64-bit integer.
    pub const MAX_RESOLUTION: u32 = 30;

    /// A curve that quarters the world `g` times, `g` in `[1, 30]`.
    pub fn new(g: u32) -> Result<Self, CurveError> {
        if !(1..=Self::MAX_RESOLUTION).contains(&g) {
            return Err(CurveError::Precision {
                curve: "xz2",
                precision: g,
                max: Self::MAX_RESOLUTION,
            });
        }
        Ok(Self { g })
    }

    /// The resolution `g`.
    pub fn resolution(&self) -> u32 {
        self.g
    }

    /// The largest code, `(4^(g+1) - 1) / 3`.
    pub fn max_code(&self) -> u64 {
        (4u64.pow(self.g + 1) - 1) / 3
    }

    /// The code of a bounding box; an error if it leaves the world or is unordered.
    pub fn index(&self, bbox: &BBox) -> Result<u64, CurveError> {
        Ok(self.index_unit(&normalize(bbox)?))
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

    fn index_unit(&self, b: &Unit) -> u64 {
        let max_dim = (b.xmax - b.xmin).max(b.ymax - b.ymin);
        // l1 is the level whose cells are just larger than the box (section 4.1); an empty
        // box gives +inf, which saturates like the JVM's toInt.
        let l1 = (max_dim.ln() / 0.5f64.ln()).floor() as i32;
        let g = self.g as i32;
        let length = if l1 >= g {
            g
        } else {
            // The box fits level l1 + 1 if it spans at most two of its cells on each axis.
            let w2 = 0.5f64.powi(l1 + 1);
            let fits = |min: f64, max: f64| max <= (min / w2).floor() * w2 + 2.0 * w2;
            if fits(b.xmin, b.xmax) && fits(b.ymin, b.ymax) {
                l1 + 1
            } else {
                l1
            }
        };
        self.sequence_code(b.xmin, b.ymin, length.max(0) as u32)
    }

    /// Definition 2 of the paper: the code of the cell holding `(x, y)` at level `length`.
    fn sequence_code(&self, x: f64, y: f64, length: u32) -> u64 {
        let (mut xmin, mut ymin, mut xmax, mut ymax) = (0.0, 0.0, 1.0, 1.0);
        let mut code = 0u64;
        for i in 0..length {
            let (xc, yc) = ((xmin + xmax) / 2.0, (ymin + ymax) / 2.0);
            let quadrant = match (x < xc, y < yc) {
                (true, true) => {
                    (xmax, ymax) = (xc, yc);
                    0
                }
                (false, true) => {
                    (xmin, ymax) = (xc, yc);
                    1
                }
                (true, false) => {
                    (xmax, ymin) = (xc, yc);
                    2
                }
                (false, false) => {
                    (xmin, ymin) = (xc, yc);
                    3
                }
            };
            code += 1 + quadrant * self.subtree_size(i);
        }
        code
    }

    /// `(4^(g - level) - 1) / 3`: how many codes lie under one cell at `level`.
    fn subtree_size(&self, level: u32) -> u64 {
        (4u64.pow(self.g - level) - 1) / 3
    }

    /// The codes of a cell at `level`: just its own if `partial`, else it and all below it
    /// (lemma 3 of the paper).
    fn sequence_interval(&self, e: &Element, level: u32, partial: bool) -> (u64, u64) {
        let min = self.sequence_code(e.xmin, e.ymin, level);
        let max = if partial {
            min
        } else {
            min + (4u64.pow(self.g - level + 1) - 1) / 3
        };
        (min, max)
    }

    /// The code ranges covering any of `queries`, with at most about `max_ranges` ranges.
    /// Boxes must lie in the world.
    pub fn ranges(
        &self,
        queries: &[BBox],
        max_ranges: Option<usize>,
    ) -> Result<Vec<IndexRange>, CurveError> {
        let windows = queries
            .iter()
            .map(normalize)
            .collect::<Result<Vec<_>, _>>()?;
        let range_stop = max_ranges.unwrap_or(usize::MAX);
        let mut ranges: Vec<IndexRange> = Vec::with_capacity(100);
        // `None` marks the end of a tree level.
        let mut remaining: VecDeque<Option<Element>> = Element {
            xmin: 0.0,
            ymin: 0.0,
            length: 1.0,
        }
        .children()
        .into_iter()
        .map(Some)
        .collect();
        remaining.push_back(None);
        let mut level = 1u32;

        while level < self.g && ranges.len() < range_stop {
            let Some(next) = remaining.pop_front() else {
                break;
            };
            match next {
                None => {
                    if !remaining.is_empty() {
                        level += 1;
                        remaining.push_back(None);
                    }
                }
                Some(e) => {
                    if windows.iter().any(|w| e.is_contained(w)) {
                        let (lower, upper) = self.sequence_interval(&e, level, false);
                        ranges.push(IndexRange {
                            lower,
                            upper,
                            contained: true,
                        });
                    } else if windows.iter().any(|w| e.overlaps(w)) {
                        let (lower, upper) = self.sequence_interval(&e, level, true);
                        ranges.push(IndexRange {
                            lower,
                            upper,
                            contained: false,
                        });
                        remaining.extend(e.children().map(Some));
                    }
                }
            }
        }
        // Whatever is left partially overlaps; take each whole.
        for next in remaining {
            match next {
                None => level += 1,
                Some(e) => {
                    let (lower, upper) = self.sequence_interval(&e, level, false);
                    ranges.push(IndexRange {
                        lower,
                        upper,
                        contained: false,
                    });
                }
            }
        }
        Ok(zorder::merge(ranges))
    }
}

/// A world box scaled to the unit square; an error outside the world or when unordered.
fn normalize(b: &BBox) -> Result<Unit, CurveError> {
    if !(b.xmin <= b.xmax && b.ymin <= b.ymax) {
        return Err(CurveError::Unordered {
            xmin: b.xmin,
            ymin: b.ymin,
            xmax: b.xmax,
            ymax: b.ymax,
        });
    }
    let w = BBox::WORLD;
    if !(b.xmin >= w.xmin && b.xmax <= w.xmax && b.ymin >= w.ymin && b.ymax <= w.ymax) {
        return Err(CurveError::OutOfBounds {
            time: String::new(),
            values: format!("[{} {}] [{} {}]", b.xmin, b.xmax, b.ymin, b.ymax),
        });
    }
    let (xs, ys) = (w.xmax - w.xmin, w.ymax - w.ymin);
    Ok(Unit {
        xmin: (b.xmin - w.xmin) / xs,
        ymin: (b.ymin - w.ymin) / ys,
        xmax: (b.xmax - w.xmin) / xs,
        ymax: (b.ymax - w.ymin) / ys,
    })
}

#[cfg(test)]
mod tests {
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

    // XZ2SFCTest.scala "index complex features and query them2", with its geoms.list.
    #[test]
    fn every_listed_geometry_is_in_the_ranges_of_its_query() {
        let ranges = sfc()
            .ranges(&[BBox::new(45.0, 23.0, 48.0, 27.0)], None)
            .unwrap();
        let boxes: Vec<BBox> = include_str!("../testdata/geoms.list")
            .lines()
            .filter_map(|line| {
                let inner = line.trim().strip_prefix('(')?.strip_suffix(')')?;
                let v: Vec<f64> = inner
                    .split(',')
                    .map(|s| s.trim().parse().ok())
                    .collect::<Option<_>>()?;
                (v.len() == 4).then(|| BBox::new(v[0], v[1], v[2], v[3]))
            })
            .collect();
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
