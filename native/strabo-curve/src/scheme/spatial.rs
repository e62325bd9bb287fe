//! GeoMesa's spatial partition schemes, `z2-<n>bits` and `xz2-<n>bits` (`Z2Scheme`, `XZ2Scheme`).
use crate::error::PartitionError;
use crate::{BBox, CurveError, IndexRange, Xz2Sfc, Z2Sfc};

/// Which curve a spatial scheme names partitions by.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Curve {
    Z2(Z2Sfc),
    Xz2(Xz2Sfc),
}

/// A spatial scheme: points by an `n/2`-bit-per-axis Z2 curve, or any geometry by an XZ2 curve
/// of resolution `n/2`; partition names are the index as zero-padded decimal.
#[derive(Debug, Clone, PartialEq)]
pub struct SpatialScheme {
    bits: u32,
    curve: Curve,
    digits: usize,
}

impl SpatialScheme {
    /// `z2` with `bits` total bits; `bits` must be even and in `[2, 62]`.
    pub(crate) fn z2(bits: u32) -> Result<Self, CurveError> {
        let curve = Z2Sfc::new(bits / 2)?;
        // Digits of the largest value, 2^bits - 1.
        let digits = (f64::from(bits) * 2f64.log10()).ceil() as usize;
        Ok(Self {
            bits,
            curve: Curve::Z2(curve),
            digits,
        })
    }

    /// `xz2` with `bits` total bits; `bits` must be even and in `[2, 60]`.
    pub(crate) fn xz2(bits: u32) -> Result<Self, CurveError> {
        let g = bits / 2;
        let curve = Xz2Sfc::new(g)?;
        // Digits of the largest code, (4^(g+1) - 1) / 3.
        let digits = (f64::from(g + 1) * 4f64.log10() - 3f64.log10()).ceil() as usize;
        Ok(Self {
            bits,
            curve: Curve::Xz2(curve),
            digits,
        })
    }

    /// The scheme's name in GeoMesa's `<curve>-<n>bits` form.
    pub fn name(&self) -> String {
        match self.curve {
            Curve::Z2(_) => format!("z2-{}bits", self.bits),
            Curve::Xz2(_) => format!("xz2-{}bits", self.bits),
        }
    }

    /// The total bit count `n`.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Digits in a partition name.
    pub fn digits(&self) -> usize {
        self.digits
    }

    /// The partition of a geometry with bounding box `bbox`. Z2 takes points only (GeoMesa
    /// casts to `Point`); both fail outside the world.
    pub fn partition(&self, bbox: &BBox) -> Result<String, PartitionError> {
        let index = match &self.curve {
            Curve::Z2(z2) => {
                let (x, y) = bbox.as_point().ok_or(PartitionError::NotAPoint(*bbox))?;
                z2.index(x, y)?
            }
            Curve::Xz2(xz2) => xz2.index(bbox)?,
        };
        Ok(self.format(index))
    }

    /// The partitions a query box may touch, in index order; `None` (no pruning) if there
    /// would be more than `limit` or a bound is NaN.
    pub fn partitions(&self, query: &BBox, limit: usize) -> Option<Vec<String>> {
        let bounds = [query.xmin, query.ymin, query.xmax, query.ymax];
        if bounds.iter().any(|v| v.is_nan()) {
            return None;
        }
        // GeoMesa trims query geometries to the world before it computes ranges.
        let Some(query) = query.intersection(&BBox::WORLD) else {
            return Some(Vec::new());
        };
        // A box inside the world is always indexable, so the curves can't fail here. GeoMesa
        // doesn't cap the ranges; capping them only coarsens (never shrinks) the cover, and
        // keeps fine schemes such as xz2-60bits from exploring billions of cells.
        let ranges: Vec<IndexRange> = match &self.curve {
            Curve::Z2(z2) => z2.ranges(&[query], 64, Some(limit)).ok()?,
            Curve::Xz2(xz2) => xz2.ranges(&[query], Some(limit)).ok()?,
        };
        let count: u64 = ranges.iter().map(|r| r.upper - r.lower + 1).sum();
        if count > limit as u64 {
            return None;
        }
        Some(
            ranges
                .iter()
                .flat_map(|r| r.lower..=r.upper)
                .map(|i| self.format(i))
                .collect(),
        )
    }

    /// For a z2 partition, the cell it covers (GeoMesa's covering filter: the cell centre
    /// plus and minus half a cell); `None` for xz2 or a name that isn't a z2 value.
    pub fn z2_cell(&self, partition: &str) -> Option<BBox> {
        let Curve::Z2(z2) = &self.curve else {
            return None;
        };
        let z: u64 = partition.parse().ok()?;
        let (x, y) = z2.invert(z);
        let cells = f64::from(z2.lon().max_index()) + 1.0;
        let (xr, yr) = (360.0 / cells / 2.0, 180.0 / cells / 2.0);
        Some(BBox::new(x - xr, y - yr, x + xr, y + yr))
    }

    fn format(&self, index: u64) -> String {
        format!("{index:0width$}", width = self.digits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // PartitionSchemeTest.scala "10/20 bit datetime z2/xz2 partition": POINT (10 10) and
    // POINT (-75 38) under z2-10bits, xz2-10bits, z2-20bits and xz2-20bits.
    #[test]
    fn names_points_as_geomesa_does() {
        let cases = [
            (SpatialScheme::z2(10), "0770", "0617"),
            (SpatialScheme::xz2(10), "1030", "0825"),
            (SpatialScheme::z2(20), "0789456", "0632516"),
            (SpatialScheme::xz2(20), "1052614", "0843360"),
        ];
        for (scheme, a, b) in cases {
            let scheme = scheme.unwrap();
            assert_eq!(
                scheme.partition(&BBox::point(10.0, 10.0)).unwrap(),
                a,
                "{}",
                scheme.name()
            );
            assert_eq!(
                scheme.partition(&BBox::point(-75.0, 38.0)).unwrap(),
                b,
                "{}",
                scheme.name()
            );
        }
    }

    // PartitionSchemeTest.scala "2 bit with filter" and "4 bit with filter": how many
    // partitions a bbox filter touches.
    #[test]
    fn counts_the_partitions_a_bbox_touches() {
        let cases = [
            (2, (-180.0, -90.0, 180.0, 90.0), 4),
            (2, (-1.0, -1.0, 1.0, 1.0), 4),
            (2, (-10.0, 5.0, 10.0, 6.0), 2),
            (2, (-179.0, -89.0, 179.0, 89.0), 4),
            (4, (-180.0, -90.0, 180.0, 90.0), 16),
            (4, (-1.0, -1.0, 1.0, 1.0), 4),
            (4, (-10.0, 5.0, 10.0, 6.0), 2),
            (4, (-90.0, 5.0, 90.0, 6.0), 3),
            (4, (-90.000000001, 5.0, 90.0, 6.0), 4),
            (4, (-90.000000001, 5.0, 180.0, 6.0), 4),
        ];
        for (bits, (a, b, c, d), count) in cases {
            let scheme = SpatialScheme::z2(bits).unwrap();
            let parts = scheme.partitions(&BBox::new(a, b, c, d), 1 << 16).unwrap();
            assert_eq!(
                parts.len(),
                count,
                "z2-{bits}bits bbox({a},{b},{c},{d}): {parts:?}"
            );
        }
    }

    // PartitionSchemeTest.scala "calculate covering filters for composite datetime z2":
    // z2-2bits partition "3" is bbox(0, 0, 180, 90).
    #[test]
    fn z2_partition_3_of_2_bits_is_the_north_east_quarter() {
        let scheme = SpatialScheme::z2(2).unwrap();
        assert_eq!(scheme.z2_cell("3"), Some(BBox::new(0.0, 0.0, 180.0, 90.0)));
    }

    // PartitionSchemeTest.scala "calculate covering filters for z2": for 2, 4 and 8 bits the
    // cells tile the world without overlap.
    #[test]
    fn z2_cells_tile_the_world() {
        for bits in [2, 4, 8] {
            let scheme = SpatialScheme::z2(bits).unwrap();
            let cells: Vec<BBox> = (0..1u32 << bits)
                .map(|p| scheme.z2_cell(&p.to_string()).unwrap())
                .collect();
            let area: f64 = cells
                .iter()
                .map(|c| (c.xmax - c.xmin) * (c.ymax - c.ymin))
                .sum();
            assert_eq!(area, 360.0 * 180.0);
            for (i, a) in cells.iter().enumerate() {
                for b in &cells[i + 1..] {
                    if let Some(x) = a.intersection(b) {
                        assert!(x.xmin == x.xmax || x.ymin == x.ymax, "{a:?} overlaps {b:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn queries_outside_the_world_touch_nothing_and_nan_prunes_nothing() {
        let scheme = SpatialScheme::z2(4).unwrap();
        let outside = BBox::new(190.0, 0.0, 200.0, 10.0);
        assert_eq!(scheme.partitions(&outside, 100), Some(Vec::new()));
        assert_eq!(
            scheme.partitions(&BBox::new(f64::NAN, 0.0, 1.0, 1.0), 100),
            None
        );
        // The whole world is 16 partitions, more than a limit of 8.
        assert_eq!(scheme.partitions(&BBox::WORLD, 8), None);
    }

    #[test]
    fn fine_schemes_stay_cheap() {
        let scheme = SpatialScheme::xz2(60).unwrap();
        assert_eq!(
            scheme.partitions(&BBox::new(-10.0, -10.0, 10.0, 10.0), 1000),
            None
        );
        let scheme = SpatialScheme::z2(62).unwrap();
        assert_eq!(
            scheme.partitions(&BBox::new(-10.0, -10.0, 10.0, 10.0), 1000),
            None
        );
    }

    #[test]
    fn z2_rejects_non_points_and_points_outside_the_world() {
        let scheme = SpatialScheme::z2(2).unwrap();
        assert!(matches!(
            scheme.partition(&BBox::new(0.0, 0.0, 1.0, 1.0)),
            Err(PartitionError::NotAPoint(_))
        ));
        assert!(matches!(
            scheme.partition(&BBox::point(181.0, 0.0)),
            Err(PartitionError::Curve(_))
        ));
    }
}
