//! Z-order (Morton) bit interleaving and range decomposition, as GeoMesa's `zorder.sfcurve`.
//!
//! A Z value interleaves the bits of its dimensions, dimension 0 in the lowest bit. A query
//! box maps to the Z range between its corners' Z values; [`zranges`] splits that range into
//! the runs of Z values that actually fall in the box, breadth-first through the quad/oct
//! tree so the number of ranges can be capped.
use std::collections::VecDeque;

/// A Z-order curve's bit layout.
pub trait ZCurve {
    /// Number of interleaved dimensions.
    const DIMENSIONS: u32;
    /// Bits kept per dimension.
    const BITS_PER_DIMENSION: u32;
    /// Bits of the Z value used in total.
    const TOTAL_BITS: u32;
    /// Mask of one dimension's bits.
    const MAX_MASK: u64;

    /// Spreads the low `BITS_PER_DIMENSION` bits of `value` with `DIMENSIONS - 1` zeros between.
    fn split(value: u64) -> u64;

    /// Gathers every `DIMENSIONS`-th bit of `z`, starting at bit 0; the inverse of [`split`](Self::split).
    fn combine(z: u64) -> u32;

    /// The coordinate of dimension `dim` in `z`.
    fn dim(z: u64, dim: u32) -> u32 {
        Self::combine(z >> dim)
    }

    /// Whether every dimension of `value` lies between those of `range.min` and `range.max`.
    fn contains(range: ZRange, value: u64) -> bool {
        (0..Self::DIMENSIONS).all(|d| {
            let v = Self::dim(value, d);
            v >= Self::dim(range.min, d) && v <= Self::dim(range.max, d)
        })
    }

    /// Whether the boxes spanned by two Z ranges overlap in every dimension.
    fn overlaps(range: ZRange, value: ZRange) -> bool {
        (0..Self::DIMENSIONS).all(|d| {
            let lo = Self::dim(range.min, d).max(Self::dim(value.min, d));
            let hi = Self::dim(range.max, d).min(Self::dim(value.max, d));
            lo <= hi
        })
    }
}

/// The 2D curve: 31 bits per dimension, `…y1x1y0x0`.
#[derive(Debug, Clone, Copy)]
pub struct Z2;

impl Z2 {
    /// The Z value of cell `(x, y)`.
    pub fn encode(x: u32, y: u32) -> u64 {
        Self::split(u64::from(x)) | (Self::split(u64::from(y)) << 1)
    }

    /// The cell `(x, y)` of a Z value.
    pub fn decode(z: u64) -> (u32, u32) {
        (Self::combine(z), Self::combine(z >> 1))
    }
}

impl ZCurve for Z2 {
    const DIMENSIONS: u32 = 2;
    const BITS_PER_DIMENSION: u32 = 31;
    const TOTAL_BITS: u32 = 62;
    // The sign bit stays clear so Z values order the same as GeoMesa's signed longs.
    const MAX_MASK: u64 = 0x7fff_ffff;

    fn split(value: u64) -> u64 {
        let mut x = value & Self::MAX_MASK;
        x = (x ^ (x << 32)) & 0x0000_0000_ffff_ffff;
        x = (x ^ (x << 16)) & 0x0000_ffff_0000_ffff;
        x = (x ^ (x << 8)) & 0x00ff_00ff_00ff_00ff;
        x = (x ^ (x << 4)) & 0x0f0f_0f0f_0f0f_0f0f;
        x = (x ^ (x << 2)) & 0x3333_3333_3333_3333;
        (x ^ (x << 1)) & 0x5555_5555_5555_5555
    }

    fn combine(z: u64) -> u32 {
        let mut x = z & 0x5555_5555_5555_5555;
        x = (x ^ (x >> 1)) & 0x3333_3333_3333_3333;
        x = (x ^ (x >> 2)) & 0x0f0f_0f0f_0f0f_0f0f;
        x = (x ^ (x >> 4)) & 0x00ff_00ff_00ff_00ff;
        x = (x ^ (x >> 8)) & 0x0000_ffff_0000_ffff;
        x = (x ^ (x >> 16)) & 0x0000_0000_ffff_ffff;
        x as u32
    }
}

/// The 3D curve: 21 bits per dimension, `…t1y1x1t0y0x0`.
#[derive(Debug, Clone, Copy)]
pub struct Z3;

impl Z3 {
    /// The Z value of cell `(x, y, t)`; only the low 21 bits of each are kept.
    pub fn encode(x: u32, y: u32, t: u32) -> u64 {
        Self::split(u64::from(x))
            | (Self::split(u64::from(y)) << 1)
            | (Self::split(u64::from(t)) << 2)
    }

    /// The cell `(x, y, t)` of a Z value.
    pub fn decode(z: u64) -> (u32, u32, u32) {
        (
            Self::combine(z),
            Self::combine(z >> 1),
            Self::combine(z >> 2),
        )
    }
}

impl ZCurve for Z3 {
    const DIMENSIONS: u32 = 3;
    const BITS_PER_DIMENSION: u32 = 21;
    const TOTAL_BITS: u32 = 63;
    const MAX_MASK: u64 = 0x1f_ffff;

    fn split(value: u64) -> u64 {
        let mut x = value & Self::MAX_MASK;
        x = (x | (x << 32)) & 0x001f_0000_0000_ffff;
        x = (x | (x << 16)) & 0x001f_0000_ff00_00ff;
        x = (x | (x << 8)) & 0x100f_00f0_0f00_f00f;
        x = (x | (x << 4)) & 0x10c3_0c30_c30c_30c3;
        (x | (x << 2)) & 0x1249_2492_4924_9249
    }

    fn combine(z: u64) -> u32 {
        let mut x = z & 0x1249_2492_4924_9249;
        x = (x ^ (x >> 2)) & 0x10c3_0c30_c30c_30c3;
        x = (x ^ (x >> 4)) & 0x100f_00f0_0f00_f00f;
        x = (x ^ (x >> 8)) & 0x001f_0000_ff00_00ff;
        x = (x ^ (x >> 16)) & 0x001f_0000_0000_ffff;
        x = (x ^ (x >> 32)) & Self::MAX_MASK;
        x as u32
    }
}

/// The Z values between the corners `min` (lower-left) and `max` (upper-right) of a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZRange {
    /// Z value of the lower corner.
    pub min: u64,
    /// Z value of the upper corner.
    pub max: u64,
}

impl ZRange {
    /// The range between two corners, or `None` unless `min <= max`.
    pub fn new(min: u64, max: u64) -> Option<Self> {
        (min <= max).then_some(Self { min, max })
    }

    /// How many Z values the range spans.
    pub fn length(&self) -> u64 {
        self.max - self.min + 1
    }
}

/// An inclusive run of curve index values; `contained` when every value in it matches the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct IndexRange {
    /// First index value.
    pub lower: u64,
    /// Last index value (inclusive).
    pub upper: u64,
    /// True if the whole run lies inside the query, false if it only overlaps it.
    pub contained: bool,
}

/// Tropf and Herzog's LITMAX and BIGMIN for a point `xd` outside the box `[rmin, rmax]`: the
/// largest Z value in the box below `xd` and the smallest above it. `None` unless `rmin < rmax`.
pub fn zdivide<C: ZCurve>(xd: u64, rmin: u64, rmax: u64) -> Option<(u64, u64)> {
    if rmin >= rmax {
        return None;
    }
    // Overwrites one dimension of `target`, from its `bits`-th highest bit down, with `p`.
    // Shift counts wrap as on the JVM, where a negative count is taken modulo 64.
    let load = |target: u64, p: u64, bits: u32, dim: u32| -> u64 {
        let span = C::MAX_MASK.wrapping_shr(C::BITS_PER_DIMENSION.wrapping_sub(bits));
        let mask = !(C::split(span) << dim);
        (target & mask) | (C::split(p) << dim)
    };
    let bit = |x: u64, i: u32| (x >> i) & 1;
    let (mut zmin, mut zmax) = (rmin, rmax);
    let (mut litmax, mut bigmin) = (0, 0);
    for i in (0..64).rev() {
        let bits = i / C::DIMENSIONS + 1;
        let dim = i % C::DIMENSIONS;
        let over = 1u64 << (bits - 1);
        let under = over - 1;
        match (bit(xd, i), bit(zmin, i), bit(zmax, i)) {
            (0, 0, 1) => {
                zmax = load(zmax, under, bits, dim);
                bigmin = load(zmin, over, bits, dim);
            }
            (0, 1, 1) => return Some((litmax, zmin)),
            (1, 0, 0) => return Some((zmax, bigmin)),
            (1, 0, 1) => {
                litmax = load(zmax, under, bits, dim);
                zmin = load(zmin, over, bits, dim);
            }
            _ => {}
        }
    }
    Some((litmax, bigmin))
}

/// GeoMesa's default recursion depth for [`zranges`] (used by Z2).
pub const DEFAULT_RECURSE: usize = 7;

/// The Z ranges covering any of `bounds`, found breadth-first through the quad/oct tree.
///
/// `precision` (at most 64) is how many leading bits to resolve; `max_ranges` is a loose cap on
/// the number of ranges, and `max_recurse` on the tree levels visited. Ranges are sorted and
/// merged where adjacent. Returns nothing for empty `bounds`.
pub fn zranges<C: ZCurve>(
    bounds: &[ZRange],
    precision: u32,
    max_ranges: Option<usize>,
    max_recurse: Option<usize>,
) -> Vec<IndexRange> {
    let corners: Vec<u64> = bounds.iter().flat_map(|b| [b.min, b.max]).collect();
    let Some((prefix, common_bits)) = longest_common_prefix::<C>(&corners) else {
        return Vec::new();
    };
    let dims = C::DIMENSIONS as i32;
    let resolved_below = 64 - precision.min(64) as i32;
    let contained = |r: ZRange| {
        bounds
            .iter()
            .any(|b| C::contains(*b, r.min) && C::contains(*b, r.max))
    };
    let overlapped = |r: ZRange| bounds.iter().any(|b| C::overlaps(*b, r));

    let mut ranges: Vec<IndexRange> = Vec::with_capacity(100);
    // `None` marks the end of a tree level.
    let mut remaining: VecDeque<Option<(u64, u64)>> = VecDeque::with_capacity(100);
    let mut offset = 64 - common_bits as i32;

    let check = |prefix: u64,
                 quadrant: u64,
                 offset: i32,
                 ranges: &mut Vec<IndexRange>,
                 remaining: &mut VecDeque<_>| {
        let min = prefix | (quadrant << offset);
        let max = min | ((1u64 << offset) - 1);
        let cell = ZRange { min, max };
        if contained(cell) || offset < resolved_below {
            ranges.push(IndexRange {
                lower: min,
                upper: max,
                contained: true,
            });
        } else if overlapped(cell) {
            remaining.push_back(Some((min, max)));
        }
    };
    let bottom_out = |ranges: &mut Vec<IndexRange>,
                      remaining: &mut VecDeque<Option<(u64, u64)>>| {
        ranges.extend(
            remaining
                .drain(..)
                .flatten()
                .map(|(lower, upper)| IndexRange {
                    lower,
                    upper,
                    contained: false,
                }),
        );
    };

    check(prefix, 0, offset, &mut ranges, &mut remaining);
    remaining.push_back(None);
    offset -= dims;

    let range_stop = max_ranges.unwrap_or(usize::MAX);
    let recurse_stop = max_recurse.unwrap_or(DEFAULT_RECURSE);
    let mut level = 0;
    while let Some(next) = remaining.pop_front() {
        match next {
            None => {
                if !remaining.is_empty() {
                    level += 1;
                    offset -= dims;
                    if level >= recurse_stop || offset < 0 {
                        bottom_out(&mut ranges, &mut remaining);
                    } else {
                        remaining.push_back(None);
                    }
                }
            }
            Some((parent, _)) => {
                for quadrant in 0..(1u64 << C::DIMENSIONS) {
                    check(parent, quadrant, offset, &mut ranges, &mut remaining);
                }
                // One queue entry is the level marker.
                if ranges.len() + remaining.len().saturating_sub(1) >= range_stop {
                    bottom_out(&mut ranges, &mut remaining);
                }
            }
        }
    }
    merge(ranges)
}

/// Sorts ranges and merges those that overlap or touch; merged runs stay `contained` only if
/// both parts were.
pub(crate) fn merge(mut ranges: Vec<IndexRange>) -> Vec<IndexRange> {
    ranges.sort_unstable_by_key(|r| (r.lower, r.upper));
    let mut merged: Vec<IndexRange> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(current) if range.lower <= current.upper.saturating_add(1) => {
                current.upper = current.upper.max(range.upper);
                current.contained &= range.contained;
            }
            _ => merged.push(range),
        }
    }
    merged
}

/// The longest prefix, in whole levels of `DIMENSIONS` bits, shared by all `values`, as
/// `(prefix, bit count)`. Shift counts wrap modulo 64 as GeoMesa's JVM shifts do.
fn longest_common_prefix<C: ZCurve>(values: &[u64]) -> Option<(u64, u32)> {
    let (&head, tail) = values.split_first()?;
    let dims = C::DIMENSIONS as i32;
    let shr = |v: u64, shift: i32| v.wrapping_shr(shift as u32);
    let mut shift = (C::TOTAL_BITS - C::DIMENSIONS) as i32;
    while shift > -1 && tail.iter().all(|&v| shr(v, shift) == shr(head, shift)) {
        shift -= dims;
    }
    shift += dims;
    let prefix = head & (i64::MAX as u64).wrapping_shl(shift as u32);
    Some((prefix, (64 - shift) as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    // zorder/sfcurve/Z2Test.scala: "interlaces bits", "deinterlaces bits", "unapply".
    #[test]
    fn z2_interlaces_x_into_the_even_bits() {
        assert_eq!(Z2::encode(1, 0), 1);
        assert_eq!(Z2::encode(2, 0), 4);
        assert_eq!(Z2::encode(3, 0), 5);
        assert_eq!(Z2::encode(0, 1), 2);
        assert_eq!(Z2::encode(0, 2), 8);
        assert_eq!(Z2::encode(0, 3), 10);
        assert_eq!(Z2::decode(Z2::encode(23, 13)), (23, 13));
        let max = i32::MAX as u32;
        assert_eq!(Z2::decode(Z2::encode(max, 0)), (max, 0));
        assert_eq!(Z2::decode(Z2::encode(0, max)), (0, max));
        assert_eq!(Z2::decode(Z2::encode(max, max)), (max, max));
        assert_eq!(Z2::decode(Z2::encode(3, 5)), (3, 5));
    }

    // zorder/sfcurve/Z2Test.scala: "replaces example in Tropf, Herzog paper".
    #[test]
    fn z2_litmax_bigmin_match_the_tropf_herzog_example() {
        let (rmin, rmax, p) = (Z2::encode(5, 3), Z2::encode(10, 5), Z2::encode(4, 7));
        assert_eq!((rmin, rmax, p), (27, 102, 58));
        assert_eq!(zdivide::<Z2>(p, rmin, rmax), Some((55, 74)));
    }

    // zorder/sfcurve/Z2Test.scala: "replicates the wikipedia example"; curve/Z2Test.scala: bigmin, litmax.
    #[test]
    fn z2_litmax_bigmin_match_the_wikipedia_example() {
        let (rmin, rmax) = (Z2::encode(2, 2), Z2::encode(3, 6));
        assert_eq!((rmin, rmax, Z2::encode(5, 1)), (12, 45, 19));
        assert_eq!(zdivide::<Z2>(Z2::encode(5, 1), rmin, rmax), Some((15, 36)));
        let (_, bigmin) = zdivide::<Z2>(Z2::encode(5, 1), rmin, rmax).unwrap();
        assert_eq!(Z2::decode(bigmin), (2, 4));
        let (litmax, _) = zdivide::<Z2>(Z2::encode(1, 7), rmin, rmax).unwrap();
        assert_eq!(Z2::decode(litmax), (3, 5));
        assert_eq!(zdivide::<Z2>(rmax, rmax, rmin), None);
    }

    // curve/Z2Test.scala "split": each bit b of the input becomes "0b".
    #[test]
    fn z2_split_inserts_a_zero_before_every_bit() {
        for l in [0x00ff_ffffu64, 0, 1, 0x000c_0f02, 0x0802, 0x7fff_ffff] {
            let expected: String = format!("{l:b}").chars().flat_map(|c| ['0', c]).collect();
            assert_eq!(format!("{:062b}", Z2::split(l)), format!("{expected:0>62}"));
            assert_eq!(u64::from(Z2::combine(Z2::split(l))), l);
        }
    }

    // curve/Z2Test.scala "calculate ranges".
    #[test]
    fn z2_ranges_of_a_small_box_are_three_covered_runs() {
        let bounds = [ZRange::new(Z2::encode(2, 2), Z2::encode(3, 6)).unwrap()];
        let ranges = zranges::<Z2>(&bounds, 64, None, None);
        let expected = [
            (Z2::encode(2, 2), Z2::encode(3, 3)),
            (Z2::encode(2, 4), Z2::encode(3, 5)),
            (Z2::encode(2, 6), Z2::encode(3, 6)),
        ];
        assert_eq!(ranges.len(), 3);
        for (lower, upper) in expected {
            assert!(
                ranges.contains(&IndexRange {
                    lower,
                    upper,
                    contained: true
                }),
                "{lower}..{upper} in {ranges:?}"
            );
        }
    }

    // zorder/sfcurve/Z2Test.scala "support maxRanges": GeoMesa's listed z ranges, capped at 1000.
    #[test]
    fn z2_ranges_respect_max_ranges() {
        let bounds = [
            (0u64, 4611686018427387903u64),
            (864691128455135232, 4323455642275676160),
            (4105065703422263800, 4261005727442805282),
            (4069591195588206970, 4261005727442805282),
            (4105065703422263800, 4202182393016524625),
            (4105065703422263800, 4203729178335734358),
            (4097762467352558080, 4097762468106131815),
            (4117455696967246884, 4117458209718964953),
            (4117455696967246884, 4117455697154258685),
            (4117455696967246884, 4117455696967246886),
        ];
        for (min, max) in bounds {
            let ranges = zranges::<Z2>(&[ZRange::new(min, max).unwrap()], 64, Some(1000), None);
            assert!(
                !ranges.is_empty() && ranges.len() <= 1000,
                "{min}..{max}: {}",
                ranges.len()
            );
            assert!(ranges.first().unwrap().lower <= min && ranges.last().unwrap().upper >= max);
        }
    }

    // zorder/sfcurve/Z3Test.scala.
    #[test]
    fn z3_interlaces_x_lowest_and_keeps_21_bits() {
        assert_eq!(Z3::encode(1, 0, 0), 1);
        assert_eq!(Z3::encode(0, 1, 0), 2);
        assert_eq!(Z3::encode(0, 0, 1), 4);
        assert_eq!(Z3::encode(1, 1, 1), 7);
        assert_eq!(Z3::decode(Z3::encode(23, 13, 200)), (23, 13, 200));
        let max = i32::MAX as u32;
        assert_eq!(Z3::decode(Z3::encode(max, 0, 0)), (2097151, 0, 0));
        assert_eq!(Z3::decode(Z3::encode(max, 0, max)), (2097151, 0, 2097151));
        assert_eq!(Z3::decode(Z3::encode(3, 5, 1)), (3, 5, 1));
    }

    // curve/Z3Test.scala "split": each bit b of the input becomes "00b".
    #[test]
    fn z3_split_inserts_two_zeros_before_every_bit() {
        for l in [
            0x00ff_ffffu64 & Z3::MAX_MASK,
            0,
            1,
            0x000c_0f02,
            0x0802,
            0x1f_ffff,
        ] {
            let expected: String = format!("{l:b}")
                .chars()
                .flat_map(|c| ['0', '0', c])
                .collect();
            assert_eq!(format!("{:063b}", Z3::split(l)), format!("{expected:0>63}"));
            assert_eq!(u64::from(Z3::combine(Z3::split(l))), l);
        }
    }

    // curve/Z3Test.scala: "support bigmin", "support litmax", "calculate ranges".
    #[test]
    fn z3_litmax_bigmin_and_ranges() {
        let (zmin, zmax) = (Z3::encode(2, 2, 0), Z3::encode(3, 6, 0));
        let (_, bigmin) = zdivide::<Z3>(Z3::encode(5, 1, 0), zmin, zmax).unwrap();
        assert_eq!(Z3::decode(bigmin), (2, 4, 0));
        let (litmax, _) = zdivide::<Z3>(Z3::encode(1, 7, 0), zmin, zmax).unwrap();
        assert_eq!(Z3::decode(litmax), (3, 5, 0));

        let ranges = zranges::<Z3>(
            &[ZRange::new(zmin, zmax).unwrap()],
            64,
            None,
            Some(usize::MAX),
        );
        let expected: Vec<IndexRange> = [((2, 2), (3, 3)), ((2, 4), (3, 5)), ((2, 6), (3, 6))]
            .into_iter()
            .map(|((x0, y0), (x1, y1))| IndexRange {
                lower: Z3::encode(x0, y0, 0),
                upper: Z3::encode(x1, y1, 0),
                contained: true,
            })
            .collect();
        assert_eq!(ranges, expected);
    }

    // zorder/sfcurve/Z3RangeTest.scala: length, overlaps, contains.
    #[test]
    fn z3_range_length_overlaps_and_contains() {
        let z = |x, y| Z3::encode(x, y, 0);
        let range = ZRange::new(z(2, 2), z(3, 6)).unwrap();
        assert_eq!(range.length(), 130);
        assert!(ZRange::new(z(2, 2), z(1, 4)).is_some());
        assert!(ZRange::new(z(3, 6), z(2, 2)).is_none());
        let r = |a: (u32, u32), b: (u32, u32)| ZRange {
            min: z(a.0, a.1),
            max: z(b.0, b.1),
        };
        assert!(Z3::overlaps(range, range));
        assert!(Z3::overlaps(range, r((3, 0), (3, 2))));
        assert!(Z3::overlaps(range, r((0, 0), (2, 2))));
        assert!(Z3::overlaps(range, r((1, 6), (4, 6))));
        assert!(!Z3::overlaps(range, r((2, 0), (3, 1))));
        assert!(!Z3::overlaps(range, r((4, 6), (6, 7))));
        let contains = |o: ZRange| Z3::contains(range, o.min) && Z3::contains(range, o.max);
        assert!(contains(range));
        assert!(contains(r((2, 2), (3, 3))));
        assert!(contains(r((3, 5), (3, 6))));
        assert!(!contains(r((2, 2), (4, 3))));
        assert!(!contains(r((2, 1), (3, 3))));
        assert!(!contains(r((2, 1), (3, 7))));
    }
}
