//! The order in which two segments cross a third one, decided exactly.
//!
//! Where segment `r` properly crosses the segment from `a` to `b`, it does so at the fraction
//! `|α| / (|α| + |β|)` of the way, `α` and `β` being the orientation determinants of `a` and
//! `b` against `r`; so `r` crosses before `q` when `|α_r| |β_q| < |α_q| |β_r|`, a polynomial
//! of degree 4 in the coordinates. It is first evaluated in floating point with an error
//! bound, and only when that cannot decide, exactly, as a sum of `f64` terms whose rounding
//! errors are kept (Shewchuk's expansions: two-sum, and two-product through a fused
//! multiply-add).
use std::cmp::Ordering;

use geo::Coord;

const EPSILON: f64 = f64::EPSILON / 2.0;
/// Shewchuk's bound on the error of a floating-point 2D orientation determinant, relative to
/// the sum of its two products' magnitudes.
const ORIENT_ERROR: f64 = (3.0 + 16.0 * EPSILON) * EPSILON;

/// The order along `a → b` of the points where `r` and `q` cross it. Both must cross it
/// properly (their ends strictly on either side of it, and its ends strictly on either side of
/// them); `Equal` when they cross it at the same point.
pub(super) fn crossing_order(
    a: Coord<f64>,
    b: Coord<f64>,
    r: (Coord<f64>, Coord<f64>),
    q: (Coord<f64>, Coord<f64>),
) -> Ordering {
    let (alpha_r, beta_r) = (determinant(r.0, r.1, a), determinant(r.0, r.1, b));
    let (alpha_q, beta_q) = (determinant(q.0, q.1, a), determinant(q.0, q.1, b));
    let lower = |(x, ex): (f64, f64), (y, ey): (f64, f64)| {
        (x.abs() - ex).max(0.0) * (y.abs() - ey).max(0.0) * (1.0 - 4.0 * EPSILON)
    };
    let upper = |(x, ex): (f64, f64), (y, ey): (f64, f64)| {
        (x.abs() + ex) * (y.abs() + ey) * (1.0 + 4.0 * EPSILON)
    };
    // r first when |α_r| |β_q| < |α_q| |β_r|.
    let (left, right) = ((alpha_r, beta_q), (alpha_q, beta_r));
    if upper(left.0, left.1) < lower(right.0, right.1) {
        return Ordering::Less;
    }
    if lower(left.0, left.1) > upper(right.0, right.1) {
        return Ordering::Greater;
    }
    let exact = |p: Coord<f64>, s: (Coord<f64>, Coord<f64>)| magnitude(orientation(s.0, s.1, p));
    let difference = sum(
        &product(&exact(a, r), &exact(b, q)),
        &negated(&product(&exact(a, q), &exact(b, r))),
    );
    match difference.iter().rev().find(|c| **c != 0.0) {
        Some(c) if c.is_finite() => c.total_cmp(&0.0),
        // Out of f64's range: the floating-point estimate is the best there is.
        _ => (alpha_r.0.abs() * beta_q.0.abs()).total_cmp(&(alpha_q.0.abs() * beta_r.0.abs())),
    }
}

/// The orientation determinant of `r` against the line through `p` and `q` in floating point,
/// and a bound on its error.
fn determinant(p: Coord<f64>, q: Coord<f64>, r: Coord<f64>) -> (f64, f64) {
    let left = (p.x - r.x) * (q.y - r.y);
    let right = (p.y - r.y) * (q.x - r.x);
    (left - right, ORIENT_ERROR * (left.abs() + right.abs()))
}

/// `a + b` and its rounding error.
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let sum = a + b;
    let b_virtual = sum - a;
    let a_virtual = sum - b_virtual;
    (sum, (a - a_virtual) + (b - b_virtual))
}

/// `a * b` and its rounding error.
fn two_product(a: f64, b: f64) -> (f64, f64) {
    let product = a * b;
    (product, a.mul_add(b, -product))
}

/// Adds `b` to an expansion: non-overlapping components, by increasing magnitude, without
/// zeros, whose exact sum is the value.
fn grow(expansion: &mut Vec<f64>, b: f64) {
    let mut carry = b;
    let mut grown = Vec::with_capacity(expansion.len() + 1);
    for &component in expansion.iter() {
        let (sum, error) = two_sum(carry, component);
        if error != 0.0 {
            grown.push(error);
        }
        carry = sum;
    }
    if carry != 0.0 {
        grown.push(carry);
    }
    *expansion = grown;
}

/// The orientation determinant of `r` against the line through `p` and `q`, exactly.
fn orientation(p: Coord<f64>, q: Coord<f64>, r: Coord<f64>) -> Vec<f64> {
    // (p - r) × (q - r), expanded so that only products of coordinates appear.
    let terms = [
        (p.x, q.y),
        (-p.x, r.y),
        (-r.x, q.y),
        (-p.y, q.x),
        (p.y, r.x),
        (r.y, q.x),
    ];
    let mut expansion = Vec::new();
    for (x, y) in terms {
        let (product, error) = two_product(x, y);
        grow(&mut expansion, error);
        grow(&mut expansion, product);
    }
    expansion
}

fn negated(expansion: &[f64]) -> Vec<f64> {
    expansion.iter().map(|c| -c).collect()
}

/// The absolute value of an expansion, whose sign is that of its largest component.
fn magnitude(expansion: Vec<f64>) -> Vec<f64> {
    match expansion.last() {
        Some(&largest) if largest < 0.0 => negated(&expansion),
        _ => expansion,
    }
}

fn sum(a: &[f64], b: &[f64]) -> Vec<f64> {
    let mut total = a.to_vec();
    for &component in b {
        grow(&mut total, component);
    }
    total
}

fn product(a: &[f64], b: &[f64]) -> Vec<f64> {
    let mut total = Vec::new();
    for &x in a {
        for &y in b {
            let (product, error) = two_product(x, y);
            grow(&mut total, error);
            grow(&mut total, product);
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(x: f64, y: f64) -> Coord<f64> {
        Coord { x, y }
    }

    #[test]
    fn orders_crossings_along_the_segment() {
        let (a, b) = (c(0.0, 0.0), c(10.0, 0.0));
        let at = |x: f64| (c(x, -1.0), c(x, 1.0));
        assert_eq!(crossing_order(a, b, at(2.0), at(3.0)), Ordering::Less);
        assert_eq!(crossing_order(a, b, at(3.0), at(2.0)), Ordering::Greater);
        // Reversed and slanted segments through the same point.
        assert_eq!(
            crossing_order(a, b, (c(4.0, 1.0), c(2.0, -1.0)), at(3.0)),
            Ordering::Equal
        );
    }

    #[test]
    fn decides_exactly_where_floating_point_cannot() {
        // Three segments through (1/3, 1/3), which no f64 holds: the line x = y, and lines
        // through it with slopes -2 and -1/2.
        let (a, b) = (c(0.0, 0.0), c(1.0, 1.0));
        let steep = (c(0.0, 1.0), c(0.5, 0.0));
        let shallow = (c(1.0, 0.0), c(0.0, 0.5));
        assert_eq!(crossing_order(a, b, steep, shallow), Ordering::Equal);
        // Nudging one of them by the smallest step moves its crossing along the line.
        let nudged = (c(0.0, 1.0), c(0.5f64.next_up(), 0.0));
        assert_eq!(crossing_order(a, b, nudged, shallow), Ordering::Greater);
        assert_eq!(crossing_order(a, b, shallow, nudged), Ordering::Less);
        // Large coordinates far from the origin.
        let offset = 1.0e9;
        let shift = |p: Coord<f64>| c(p.x * 3.0 + offset, p.y * 3.0 + offset);
        let (a, b) = (shift(a), shift(b));
        let (steep, shallow) = (
            (shift(steep.0), shift(steep.1)),
            (shift(shallow.0), shift(shallow.1)),
        );
        assert_eq!(crossing_order(a, b, steep, shallow), Ordering::Equal);
    }
}
