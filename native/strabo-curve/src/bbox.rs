use crate::CurveError;

/// An axis-aligned bounding box in lon/lat degrees; a point has `xmin == xmax`, `ymin == ymax`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    /// West edge.
    pub xmin: f64,
    /// South edge.
    pub ymin: f64,
    /// East edge.
    pub xmax: f64,
    /// North edge.
    pub ymax: f64,
}

impl BBox {
    /// A box from its edges.
    pub const fn new(xmin: f64, ymin: f64, xmax: f64, ymax: f64) -> Self {
        Self {
            xmin,
            ymin,
            xmax,
            ymax,
        }
    }

    /// The degenerate box of one point.
    pub const fn point(x: f64, y: f64) -> Self {
        Self::new(x, y, x, y)
    }

    /// The whole lon/lat world.
    pub const WORLD: BBox = BBox::new(-180.0, -90.0, 180.0, 90.0);

    /// The point this box collapses to, if it is one.
    pub fn as_point(&self) -> Option<(f64, f64)> {
        (self.xmin == self.xmax && self.ymin == self.ymax).then_some((self.xmin, self.ymin))
    }

    /// This box clipped to `other`, or `None` if they don't intersect (or a bound is NaN).
    pub fn intersection(&self, other: &BBox) -> Option<BBox> {
        let clipped = BBox::new(
            self.xmin.max(other.xmin),
            self.ymin.max(other.ymin),
            self.xmax.min(other.xmax),
            self.ymax.min(other.ymax),
        );
        (clipped.xmin <= clipped.xmax && clipped.ymin <= clipped.ymax).then_some(clipped)
    }

    /// An error unless `xmin <= xmax` and `ymin <= ymax` (false for NaN).
    pub fn check_ordered(&self) -> Result<(), CurveError> {
        if self.xmin <= self.xmax && self.ymin <= self.ymax {
            Ok(())
        } else {
            Err(CurveError::Unordered {
                min: vec![self.xmin, self.ymin],
                max: vec![self.xmax, self.ymax],
            })
        }
    }
}
