//! Lines against lines, decided exactly from robust orientation tests, without constructing an
//! intersection point: `geo`'s graph nodes crossing lines at rounded points, and then a line
//! that passes through such a crossing may no longer lie on itself.
//!
//! Both sides are compared segment by segment (after a bounding-box test), which is quadratic
//! in the number of segments; lines in predicates are short next to polygons.
use std::borrow::Cow;

use geo::coordinate_position::CoordPos;
use geo::kernels::{Kernel, Orientation, RobustKernel};
use geo::{Coord, CoordinatePosition, Line, LineString};

type Lines<'a> = [Cow<'a, LineString<f64>>];

fn orient(p: Coord<f64>, q: Coord<f64>, r: Coord<f64>) -> Orientation {
    RobustKernel::orient2d(p, q, r)
}

/// The segments of the lines that have a length.
fn segments<'a>(lines: &'a Lines) -> impl Iterator<Item = Line<f64>> + 'a {
    lines
        .iter()
        .flat_map(|line| line.lines())
        .filter(|segment| segment.start != segment.end)
}

/// Where `c` lies relative to the lines, the boundary being the ends of an odd number of them
/// (the mod-2 rule of OGC and JTS).
pub(super) fn locate(lines: &Lines, c: Coord<f64>) -> CoordPos {
    let (mut inside, mut ends) = (false, 0);
    for line in lines {
        line.calculate_coordinate_position(&c, &mut inside, &mut ends);
    }
    // An end shared by an even number of lines is interior, even where no line passes through.
    if ends % 2 == 1 {
        CoordPos::OnBoundary
    } else if inside || ends > 0 {
        CoordPos::Inside
    } else {
        CoordPos::Outside
    }
}

/// The coordinate along which a segment's points are ordered: the axis of its larger extent.
fn along(segment: &Line<f64>) -> impl Fn(Coord<f64>) -> f64 {
    let by_x = (segment.end.x - segment.start.x).abs() >= (segment.end.y - segment.start.y).abs();
    move |c| if by_x { c.x } else { c.y }
}

fn span(a: f64, b: f64) -> (f64, f64) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// The extents, along `segment`, of the segments of `lines` collinear with it.
fn collinear_extents(segment: &Line<f64>, lines: &Lines) -> Vec<(f64, f64)> {
    let key = along(segment);
    segments(lines)
        .filter(|other| {
            orient(segment.start, segment.end, other.start) == Orientation::Collinear
                && orient(segment.start, segment.end, other.end) == Orientation::Collinear
        })
        .map(|other| span(key(other.start), key(other.end)))
        .collect()
}

/// Every point of `target` lies on `lines`.
pub(super) fn cover(lines: &Lines, target: &LineString<f64>) -> bool {
    target.lines().all(|segment| {
        if segment.start == segment.end {
            return locate(lines, segment.start) != CoordPos::Outside;
        }
        let key = along(&segment);
        let (low, high) = span(key(segment.start), key(segment.end));
        let mut extents = collinear_extents(&segment, lines);
        extents.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut reached = low;
        for (start, end) in extents {
            if start > reached {
                break;
            }
            reached = reached.max(end);
        }
        reached >= high
    })
}

/// Some point lies in the interior of both: on a stretch they share, where they cross inside
/// two segments, or at a vertex of one that is in the interior of both.
pub(super) fn interiors_meet(a: &Lines, b: &Lines) -> bool {
    use geo::BoundingRect;
    use geo::Intersects;
    for sa in segments(a) {
        let a_box = sa.bounding_rect();
        for sb in segments(b) {
            if !a_box.intersects(&sb.bounding_rect()) {
                continue;
            }
            let (o1, o2) = (
                orient(sa.start, sa.end, sb.start),
                orient(sa.start, sa.end, sb.end),
            );
            if o1 == Orientation::Collinear && o2 == Orientation::Collinear {
                let key = along(&sa);
                let (a_low, a_high) = span(key(sa.start), key(sa.end));
                let (b_low, b_high) = span(key(sb.start), key(sb.end));
                if a_low.max(b_low) < a_high.min(b_high) {
                    return true;
                }
                continue;
            }
            let (o3, o4) = (
                orient(sb.start, sb.end, sa.start),
                orient(sb.start, sb.end, sa.end),
            );
            let strictly_apart = |p: Orientation, q: Orientation| {
                p != Orientation::Collinear && q != Orientation::Collinear && p != q
            };
            if strictly_apart(o1, o2) && strictly_apart(o3, o4) {
                return true;
            }
        }
    }
    let vertices = |lines: &'_ Lines| -> Vec<Coord<f64>> {
        lines.iter().flat_map(|l| l.0.iter().copied()).collect()
    };
    vertices(a)
        .into_iter()
        .chain(vertices(b))
        .any(|v| locate(a, v) == CoordPos::Inside && locate(b, v) == CoordPos::Inside)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(parts: &[&[(f64, f64)]]) -> Vec<Cow<'static, LineString<f64>>> {
        parts
            .iter()
            .map(|p| Cow::Owned(LineString::from(p.to_vec())))
            .collect()
    }

    #[test]
    fn a_part_lies_on_its_multi_line_string_though_the_parts_cross_at_an_inexact_point() {
        // The parts cross at (2, 2/3), which no f64 holds.
        let multi = lines(&[&[(0., 0.), (3., 1.)], &[(0., 2.), (3., 0.)]]);
        let part = LineString::from(vec![(0., 0.), (3., 1.)]);
        assert!(cover(&multi, &part));
        assert!(interiors_meet(&multi, &[Cow::Borrowed(&part)]));
    }

    #[test]
    fn coverage_needs_every_stretch() {
        let multi = lines(&[&[(0., 0.), (2., 0.)], &[(3., 0.), (4., 0.)]]);
        assert!(!cover(&multi, &LineString::from(vec![(0., 0.), (4., 0.)])));
        assert!(cover(&multi, &LineString::from(vec![(0.5, 0.), (1.5, 0.)])));
        let joined = lines(&[&[(0., 0.), (2., 0.)], &[(2., 0.), (4., 0.)]]);
        assert!(cover(&joined, &LineString::from(vec![(4., 0.), (0., 0.)])));
    }

    #[test]
    fn ends_shared_by_two_parts_are_interior() {
        let joined = lines(&[&[(0., 0.), (2., 0.)], &[(2., 0.), (4., 0.)]]);
        assert_eq!(locate(&joined, Coord { x: 2., y: 0. }), CoordPos::Inside);
        assert_eq!(
            locate(&joined, Coord { x: 4., y: 0. }),
            CoordPos::OnBoundary
        );
        assert_eq!(locate(&joined, Coord { x: 5., y: 0. }), CoordPos::Outside);
    }

    #[test]
    fn lines_touching_at_an_end_do_not_share_interior() {
        let a = lines(&[&[(0., 0.), (2., 0.)]]);
        let b = lines(&[&[(2., 0.), (2., 2.)]]);
        assert!(!interiors_meet(&a, &b));
        let through = lines(&[&[(1., -1.), (1., 0.), (1., 1.)]]);
        assert!(interiors_meet(&a, &through));
    }
}
