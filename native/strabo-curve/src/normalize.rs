//! Mapping a bounded `f64` to an n-bit cell index and back (GeoMesa's `BitNormalizedDimension`).

/// A range `[min, max]` split into `2^precision` equal cells.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NormalizedDimension {
    min: f64,
    max: f64,
    max_index: u32,
    // Kept as GeoMesa computes them: the rounding of `normalize` depends on the exact factor.
    normalizer: f64,
    denormalizer: f64,
}

impl NormalizedDimension {
    /// `[min, max]` in `2^precision` cells; `precision` must be in `[1, 31]`.
    pub fn new(min: f64, max: f64, precision: u32) -> Option<Self> {
        if !(1..=31).contains(&precision) {
            return None;
        }
        let bins = (1u64 << precision) as f64;
        Some(Self {
            min,
            max,
            max_index: ((1u64 << precision) - 1) as u32,
            normalizer: bins / (max - min),
            denormalizer: (max - min) / bins,
        })
    }

    /// Longitude, `[-180, 180]`.
    pub fn lon(precision: u32) -> Option<Self> {
        Self::new(-180.0, 180.0, precision)
    }

    /// Latitude, `[-90, 90]`.
    pub fn lat(precision: u32) -> Option<Self> {
        Self::new(-90.0, 90.0, precision)
    }

    /// A time offset, `[0, max]`.
    pub fn time(precision: u32, max: f64) -> Option<Self> {
        Self::new(0.0, max, precision)
    }

    /// Lower bound of the range.
    pub fn min(&self) -> f64 {
        self.min
    }

    /// Upper bound of the range.
    pub fn max(&self) -> f64 {
        self.max
    }

    /// The largest cell index, `2^precision - 1`.
    pub fn max_index(&self) -> u32 {
        self.max_index
    }

    /// Whether `x` lies in `[min, max]` (false for NaN).
    pub fn contains(&self, x: f64) -> bool {
        x >= self.min && x <= self.max
    }

    /// The cell of `x`: `floor((x - min) * 2^p / (max - min))`, with `max` in the last cell.
    /// Values below `min` (and NaN) give 0; callers check bounds first, as GeoMesa does.
    pub fn normalize(&self, x: f64) -> u32 {
        if x >= self.max {
            self.max_index
        } else {
            // Through i32 like the JVM's `toInt`, which saturates at 2^31 - 1.
            (((x - self.min) * self.normalizer).floor() as i32).max(0) as u32
        }
    }

    /// The centre of cell `i`: `min + (i + 0.5) * (max - min) / 2^p`.
    pub fn denormalize(&self, i: u32) -> f64 {
        let i = i.min(self.max_index);
        self.min + (f64::from(i) + 0.5) * self.denormalizer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // NormalizedDimensionTest.scala, at 31 bits.
    const MAX_BIN: u32 = i32::MAX as u32;

    #[test]
    fn round_trips_the_first_and_last_cells() {
        for dim in [
            NormalizedDimension::lat(31).unwrap(),
            NormalizedDimension::lon(31).unwrap(),
        ] {
            assert_eq!(dim.normalize(dim.denormalize(0)), 0);
            assert_eq!(dim.normalize(dim.denormalize(MAX_BIN)), MAX_BIN);
            assert_eq!(dim.max_index(), MAX_BIN);
        }
    }

    #[test]
    fn normalizes_the_bounds_to_the_first_and_last_cells() {
        for dim in [
            NormalizedDimension::lat(31).unwrap(),
            NormalizedDimension::lon(31).unwrap(),
        ] {
            assert_eq!(dim.normalize(dim.min()), 0);
            assert_eq!(dim.normalize(dim.max()), MAX_BIN);
        }
    }

    #[test]
    fn denormalizes_to_the_cell_middle() {
        for dim in [
            NormalizedDimension::lat(31).unwrap(),
            NormalizedDimension::lon(31).unwrap(),
        ] {
            let width = (dim.max() - dim.min()) / (f64::from(MAX_BIN) + 1.0);
            assert_eq!(dim.denormalize(0), dim.min() + width / 2.0);
            assert_eq!(dim.denormalize(MAX_BIN), dim.max() - width / 2.0);
        }
    }

    #[test]
    fn rejects_precisions_outside_1_to_31() {
        // BitNormalizedDimension: "Precision (bits) must be in [1,31]".
        assert!(NormalizedDimension::lon(0).is_none());
        assert!(NormalizedDimension::lon(32).is_none());
    }
}
