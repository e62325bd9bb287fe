//! XZ-ordering in `D` dimensions, after Böhm, Klump and Kriegel, "XZ-Ordering: A
//! Space-Filling Curve for Objects with Spatial Extension"; shared by [`crate::xz2`] and
//! [`crate::xz3`] as GeoMesa's `XZ2SFC` and `XZ3SFC` share their algorithm.
//!
//! A box gets the sequence code of the smallest cell whose *extended* element (the cell
//! doubled towards the upper bounds) holds it, so a code names a level and a cell at once.
//! Child `q` of a cell is upper on axis `k` when bit `k` of `q` is set (x = bit 0).
use std::collections::VecDeque;

use crate::zorder::{self, IndexRange};
use crate::CurveError;

/// A box as per-axis lower and upper bounds.
pub(crate) type Bounds<const D: usize> = ([f64; D], [f64; D]);

/// An XZ curve of resolution `g` over a `D`-dimensional box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct XzCurve<const D: usize> {
    g: u32,
    lo: [f64; D],
    hi: [f64; D],
}

/// A cell with lower corner `min` and side `length` (in unit space); its extended element
/// reaches one `length` further on every axis.
#[derive(Debug, Clone, Copy)]
struct Element<const D: usize> {
    min: [f64; D],
    length: f64,
}

impl<const D: usize> Element<D> {
    fn is_contained(&self, (lo, hi): &Bounds<D>) -> bool {
        (0..D).all(|k| lo[k] <= self.min[k] && hi[k] >= self.min[k] + 2.0 * self.length)
    }

    fn overlaps(&self, (lo, hi): &Bounds<D>) -> bool {
        (0..D).all(|k| hi[k] >= self.min[k] && lo[k] <= self.min[k] + 2.0 * self.length)
    }

    fn children(&self) -> impl Iterator<Item = Element<D>> + '_ {
        let length = self.length / 2.0;
        (0..1usize << D).map(move |q| {
            let mut min = self.min;
            for (k, m) in min.iter_mut().enumerate() {
                if q >> k & 1 == 1 {
                    *m += length;
                }
            }
            Element { min, length }
        })
    }
}

impl<const D: usize> XzCurve<D> {
    /// The largest `g` whose codes, up to `(2^(D(g+1)) - 1) / (2^D - 1)`, fit a signed long.
    pub(crate) const MAX_RESOLUTION: u32 = 63 / D as u32 - 1;

    pub(crate) fn new(
        name: &'static str,
        g: u32,
        lo: [f64; D],
        hi: [f64; D],
    ) -> Result<Self, CurveError> {
        if !(1..=Self::MAX_RESOLUTION).contains(&g) {
            return Err(CurveError::Precision {
                curve: name,
                precision: g,
                max: Self::MAX_RESOLUTION,
            });
        }
        Ok(Self { g, lo, hi })
    }

    pub(crate) fn resolution(&self) -> u32 {
        self.g
    }

    /// How many codes lie strictly below one cell at `level`: `(2^(D(g-level)) - 1) / (2^D - 1)`.
    fn codes_below(&self, level: u32) -> u64 {
        ((1u64 << (D as u32 * (self.g - level))) - 1) / ((1u64 << D) - 1)
    }

    /// The code of a box in user space.
    pub(crate) fn index(&self, bounds: &Bounds<D>) -> Result<u64, CurveError> {
        let (lo, hi) = self.normalize(bounds)?;
        let max_dim = (0..D)
            .map(|k| hi[k] - lo[k])
            .fold(f64::NEG_INFINITY, f64::max);
        // l1 is the level whose cells are just larger than the box (section 4.1); an empty
        // box gives +inf, which saturates like the JVM's toInt.
        let l1 = (max_dim.ln() / 0.5f64.ln()).floor() as i32;
        let g = self.g as i32;
        let length = if l1 >= g {
            g
        } else {
            // The box fits level l1 + 1 if it spans at most two of its cells on every axis.
            let w2 = 0.5f64.powi(l1 + 1);
            let fits = |min: f64, max: f64| max <= (min / w2).floor() * w2 + 2.0 * w2;
            if (0..D).all(|k| fits(lo[k], hi[k])) {
                l1 + 1
            } else {
                l1
            }
        };
        Ok(self.sequence_code(&lo, length.max(0) as u32))
    }

    /// Definition 2 of the paper: the code of the cell holding `point` at level `length`.
    fn sequence_code(&self, point: &[f64; D], length: u32) -> u64 {
        let (mut lo, mut hi) = ([0.0; D], [1.0; D]);
        let mut code = 0u64;
        for i in 0..length {
            let mut child = 0u64;
            for k in 0..D {
                let center = (lo[k] + hi[k]) / 2.0;
                if point[k] < center {
                    hi[k] = center;
                } else {
                    lo[k] = center;
                    child |= 1 << k;
                }
            }
            code += 1 + child * self.codes_below(i);
        }
        code
    }

    /// The codes of a cell at `level`: just its own if `partial`, else it and all below it
    /// (lemma 3 of the paper).
    fn sequence_interval(&self, e: &Element<D>, level: u32, partial: bool) -> (u64, u64) {
        let min = self.sequence_code(&e.min, level);
        let max = if partial {
            min
        } else {
            min + self.codes_below(level - 1)
        };
        (min, max)
    }

    /// The code ranges covering any of `queries` (user space), breadth-first with at most
    /// about `max_ranges` ranges.
    pub(crate) fn ranges(
        &self,
        queries: &[Bounds<D>],
        max_ranges: Option<usize>,
    ) -> Result<Vec<IndexRange>, CurveError> {
        let windows = queries
            .iter()
            .map(|q| self.normalize(q))
            .collect::<Result<Vec<_>, _>>()?;
        let range_stop = max_ranges.unwrap_or(usize::MAX);
        let mut ranges: Vec<IndexRange> = Vec::with_capacity(100);
        // `None` marks the end of a tree level.
        let root = Element {
            min: [0.0; D],
            length: 1.0,
        };
        let mut remaining: VecDeque<Option<Element<D>>> = root.children().map(Some).collect();
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

    /// A user-space box scaled to the unit cube; an error outside the domain or when unordered.
    fn normalize(&self, (min, max): &Bounds<D>) -> Result<Bounds<D>, CurveError> {
        if !(0..D).all(|k| min[k] <= max[k]) {
            return Err(CurveError::Unordered {
                min: min.to_vec(),
                max: max.to_vec(),
            });
        }
        if !(0..D).all(|k| min[k] >= self.lo[k] && max[k] <= self.hi[k]) {
            return Err(CurveError::OutOfBounds {
                domain: format!("{:?} to {:?}", self.lo, self.hi),
                values: format!("{min:?} to {max:?}"),
            });
        }
        let scale =
            |v: &[f64; D]| std::array::from_fn(|k| (v[k] - self.lo[k]) / (self.hi[k] - self.lo[k]));
        Ok((scale(min), scale(max)))
    }
}
