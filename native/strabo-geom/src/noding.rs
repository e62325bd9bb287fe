//! Where segments meet, and linework cut into edges that meet only at their ends ("noding").
//!
//! Whether and how two segments meet is decided with `geo`'s robust orientation test, so it is
//! exact; only the point where two segments cross inside both is computed, and rounded. The
//! overlays, the validity and simplicity checks and `make_valid` all build on this, so they agree
//! on where linework meets.
use foldhash::{HashMap, HashMapExt};
use std::cmp::Ordering;
use std::ops::ControlFlow;

use geo::kernels::{Kernel, Orientation, RobustKernel};
use geo::Coord;

pub(crate) fn orient(p: Coord<f64>, q: Coord<f64>, r: Coord<f64>) -> Orientation {
    RobustKernel::orient2d(p, q, r)
}

/// How two segments meet.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Meeting {
    /// In one point; `proper` when it is inside both segments (they cross), in which case the
    /// point is computed and rounded. Otherwise it is an end of one of them.
    Point { at: Coord<f64>, proper: bool },
    /// Along a stretch between two ends of the segments, listed in the order JTS's and GEOS's
    /// `LineIntersector` lists them (validity reports the first).
    Overlap(Coord<f64>, Coord<f64>),
}

fn in_box(p0: Coord<f64>, p1: Coord<f64>, q: Coord<f64>) -> bool {
    q.x >= p0.x.min(p1.x) && q.x <= p0.x.max(p1.x) && q.y >= p0.y.min(p1.y) && q.y <= p0.y.max(p1.y)
}

/// How segment `p0 p1` meets segment `q0 q1`, if at all. Neither may have zero length.
pub(crate) fn meet(
    p0: Coord<f64>,
    p1: Coord<f64>,
    q0: Coord<f64>,
    q1: Coord<f64>,
) -> Option<Meeting> {
    let boxes_meet = p0.x.min(p1.x) <= q0.x.max(q1.x)
        && q0.x.min(q1.x) <= p0.x.max(p1.x)
        && p0.y.min(p1.y) <= q0.y.max(q1.y)
        && q0.y.min(q1.y) <= p0.y.max(p1.y);
    if !boxes_meet {
        return None;
    }
    let same_side = |a: Orientation, b: Orientation| a != Orientation::Collinear && a == b;
    let (pq0, pq1) = (orient(p0, p1, q0), orient(p0, p1, q1));
    if same_side(pq0, pq1) {
        return None;
    }
    let (qp0, qp1) = (orient(q0, q1, p0), orient(q0, q1, p1));
    if same_side(qp0, qp1) {
        return None;
    }
    let collinear = Orientation::Collinear;
    if pq0 == collinear && pq1 == collinear && qp0 == collinear && qp1 == collinear {
        return collinear_meeting(p0, p1, q0, q1);
    }
    if pq0 == collinear || pq1 == collinear || qp0 == collinear || qp1 == collinear {
        // An end of one segment lies on the other; shared ends first.
        let at = if p0 == q0 || p0 == q1 {
            p0
        } else if p1 == q0 || p1 == q1 {
            p1
        } else if pq0 == collinear {
            q0
        } else if pq1 == collinear {
            q1
        } else if qp0 == collinear {
            p0
        } else {
            p1
        };
        return Some(Meeting::Point { at, proper: false });
    }
    Some(Meeting::Point {
        at: crossing(p0, p1, q0, q1),
        proper: true,
    })
}

fn collinear_meeting(
    p0: Coord<f64>,
    p1: Coord<f64>,
    q0: Coord<f64>,
    q1: Coord<f64>,
) -> Option<Meeting> {
    let (q0_in_p, q1_in_p) = (in_box(p0, p1, q0), in_box(p0, p1, q1));
    let (p0_in_q, p1_in_q) = (in_box(q0, q1, p0), in_box(q0, q1, p1));
    // Two segments that share only an end meet in a point, not along a stretch.
    let stretch = |a: Coord<f64>, b: Coord<f64>, others_out: bool| {
        if a == b && others_out {
            Meeting::Point {
                at: a,
                proper: false,
            }
        } else {
            Meeting::Overlap(a, b)
        }
    };
    if q0_in_p && q1_in_p {
        return Some(Meeting::Overlap(q0, q1));
    }
    if p0_in_q && p1_in_q {
        return Some(Meeting::Overlap(p0, p1));
    }
    if q0_in_p && p0_in_q {
        return Some(stretch(q0, p0, !q1_in_p && !p1_in_q));
    }
    if q0_in_p && p1_in_q {
        return Some(stretch(q0, p1, !q1_in_p && !p0_in_q));
    }
    if q1_in_p && p0_in_q {
        return Some(stretch(q1, p0, !q0_in_p && !p1_in_q));
    }
    if q1_in_p && p1_in_q {
        return Some(stretch(q1, p1, !q0_in_p && !p0_in_q));
    }
    None
}

/// The point where two segments that cross inside both meet: the lines' intersection in
/// homogeneous coordinates, computed in double-double arithmetic and then rounded, as GEOS
/// computes it, so crossings round as GEOS rounds them. A result outside either segment's box
/// (possible only for nearly parallel segments) is replaced by the nearest end, as JTS and GEOS
/// do.
fn crossing(p0: Coord<f64>, p1: Coord<f64>, q0: Coord<f64>, q1: Coord<f64>) -> Coord<f64> {
    let (px, py) = (Dd::of(p0.y) - Dd::of(p1.y), Dd::of(p1.x) - Dd::of(p0.x));
    let pw = Dd::of(p0.x) * Dd::of(p1.y) - Dd::of(p1.x) * Dd::of(p0.y);
    let (qx, qy) = (Dd::of(q0.y) - Dd::of(q1.y), Dd::of(q1.x) - Dd::of(q0.x));
    let qw = Dd::of(q0.x) * Dd::of(q1.y) - Dd::of(q1.x) * Dd::of(q0.y);
    let x = py * qw - qy * pw;
    let y = qx * pw - px * qw;
    let w = px * qy - qx * py;
    let at = Coord {
        x: (x / w).value(),
        y: (y / w).value(),
    };
    if at.x.is_finite() && at.y.is_finite() && in_box(p0, p1, at) && in_box(q0, q1, at) {
        return at;
    }
    let distance = |e: Coord<f64>| (e.x - at.x).hypot(e.y - at.y);
    [p0, p1, q0, q1]
        .into_iter()
        .min_by(|&e, &f| distance(e).total_cmp(&distance(f)))
        .expect("four ends")
}

/// A double-double number: the unevaluated sum `hi + lo`, about 106 bits of precision, with
/// the classic algorithms (Dekker's product and quotient, Bailey's accurate sum; the exact
/// error of a product from a fused multiply-add), which GEOS's `DD` uses too, so crossings
/// round as GEOS rounds them.
#[derive(Clone, Copy, Debug)]
struct Dd {
    hi: f64,
    lo: f64,
}

impl Dd {
    fn of(value: f64) -> Dd {
        Dd { hi: value, lo: 0.0 }
    }

    fn value(self) -> f64 {
        self.hi + self.lo
    }
}

impl std::ops::Add for Dd {
    type Output = Dd;
    fn add(self, other: Dd) -> Dd {
        let big = self.hi + other.hi;
        let small = self.lo + other.lo;
        let (e, f) = (big - self.hi, small - self.lo);
        let big_error = (other.hi - e) + (self.hi - (big - e));
        let small_error = (other.lo - f) + (self.lo - (small - f));
        let e = big_error + small;
        let high = big + e;
        let e = small_error + (e + (big - high));
        let hi = high + e;
        Dd {
            hi,
            lo: e + (high - hi),
        }
    }
}

impl std::ops::Sub for Dd {
    type Output = Dd;
    fn sub(self, other: Dd) -> Dd {
        self + Dd {
            hi: -other.hi,
            lo: -other.lo,
        }
    }
}

impl std::ops::Mul for Dd {
    type Output = Dd;
    fn mul(self, other: Dd) -> Dd {
        let product = self.hi * other.hi;
        let error = self.hi.mul_add(other.hi, -product) + (self.hi * other.lo + self.lo * other.hi);
        let hi = product + error;
        Dd {
            hi,
            lo: error + (product - hi),
        }
    }
}

impl std::ops::Div for Dd {
    type Output = Dd;
    fn div(self, other: Dd) -> Dd {
        let quotient = self.hi / other.hi;
        let product = quotient * other.hi;
        let product_error = quotient.mul_add(other.hi, -product);
        let correction =
            ((((self.hi - product) - product_error) + self.lo) - quotient * other.lo) / other.hi;
        let hi = quotient + correction;
        Dd {
            hi,
            lo: (quotient - hi) + correction,
        }
    }
}

/// A segment: the one from vertex `index` to `index + 1` of string `string`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct SegmentId {
    pub string: usize,
    pub index: usize,
}

/// Calls `visit` once for every pair of distinct segments of `strings` whose boxes meet, the
/// lower one (by string, then index) first, until it returns `Break`. Zero-length segments are
/// skipped. The segments are swept by their left ends, so pairs far apart are never looked at.
pub(crate) fn box_pairs(
    strings: &[&[Coord<f64>]],
    mut visit: impl FnMut(SegmentId, SegmentId) -> ControlFlow<()>,
) {
    struct Swept {
        id: SegmentId,
        min: Coord<f64>,
        max: Coord<f64>,
    }
    let mut segments = Vec::new();
    for (string, coords) in strings.iter().enumerate() {
        for (index, pair) in coords.windows(2).enumerate() {
            if pair[0] == pair[1] {
                continue;
            }
            segments.push(Swept {
                id: SegmentId { string, index },
                min: Coord {
                    x: pair[0].x.min(pair[1].x),
                    y: pair[0].y.min(pair[1].y),
                },
                max: Coord {
                    x: pair[0].x.max(pair[1].x),
                    y: pair[0].y.max(pair[1].y),
                },
            });
        }
    }
    segments.sort_by(|a, b| a.min.x.total_cmp(&b.min.x));
    let mut open: Vec<usize> = Vec::new();
    for (i, this) in segments.iter().enumerate() {
        open.retain(|&j| segments[j].max.x >= this.min.x);
        for &j in &open {
            let other = &segments[j];
            if other.min.y <= this.max.y && this.min.y <= other.max.y {
                let (low, high) = if other.id < this.id {
                    (other.id, this.id)
                } else {
                    (this.id, other.id)
                };
                if visit(low, high).is_break() {
                    return;
                }
            }
        }
        open.push(i);
    }
}

/// The vertex two neighbouring segments `a < b` of string `s` share, if they are neighbours.
fn shared_vertex(s: &[Coord<f64>], a: usize, b: usize) -> Option<Coord<f64>> {
    let closed = s.len() > 3 && s[0] == s[s.len() - 1];
    if b == a + 1 {
        Some(s[b])
    } else if closed && a == 0 && b == s.len() - 2 {
        Some(s[0])
    } else {
        None
    }
}

/// One piece of a noded string: from a node to the next, with the vertices in between.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Edge {
    pub coords: Vec<Coord<f64>>,
    /// The strings this piece lies on, and whether it runs along each one's direction (an edge
    /// on several strings, where linework overlaps, is kept once).
    pub sources: Vec<(usize, bool)>,
}

/// Linework cut where it meets itself or other linework.
pub(crate) struct Noded {
    pub edges: Vec<Edge>,
    /// Every point where two strings meet (or one meets itself away from a shared vertex),
    /// with the strings involved.
    pub meetings: Vec<(Coord<f64>, usize, usize)>,
}

/// Where a string is cut: at vertex `vertex` (`along` is 0) or inside the segment that starts
/// there, `along` of the way to its end.
#[derive(Clone, Copy, Debug)]
struct Cut {
    vertex: usize,
    along: f64,
    at: Coord<f64>,
}

/// Cuts `strings` (each without repeated consecutive points, closed when its first and last
/// points are equal) where they meet, and returns the pieces, each kept once.
///
/// Crossing points are rounded, so three segments crossing in one point could give slightly
/// different points; a computed crossing within a few units in the last place (of the largest
/// coordinate) of another point found, or of a vertex, is taken to be that point. A piece cut
/// at a rounded crossing is not exactly on its segment, so a vertex very near the segment may
/// end up across the piece and the pieces cross after all; then, as GEOS falls back to its
/// snapping noder, the strings are noded again with every vertex within that distance of a
/// segment taken to lie on it.
pub(crate) fn node(strings: &[&[Coord<f64>]]) -> Noded {
    let noded = node_with(strings, false);
    if pieces_only_touch(&noded.edges) {
        noded
    } else {
        node_with(strings, true)
    }
}

/// Whether the pieces meet only at their ends.
fn pieces_only_touch(edges: &[Edge]) -> bool {
    let views: Vec<&[Coord<f64>]> = edges.iter().map(|e| e.coords.as_slice()).collect();
    let end = |e: &[Coord<f64>], c: Coord<f64>| c == e[0] || c == e[e.len() - 1];
    let mut clean = true;
    box_pairs(&views, |a, b| {
        let (sa, sb) = (views[a.string], views[b.string]);
        let meeting = meet(sa[a.index], sa[a.index + 1], sb[b.index], sb[b.index + 1]);
        let fine = match meeting {
            None => true,
            Some(Meeting::Point { at, proper: false }) if a.string == b.string => {
                shared_vertex(sa, a.index, b.index) == Some(at) || (end(sa, at) && end(sb, at))
            }
            Some(Meeting::Point { at, proper: false }) => end(sa, at) && end(sb, at),
            Some(_) => false,
        };
        if fine {
            ControlFlow::Continue(())
        } else {
            clean = false;
            ControlFlow::Break(())
        }
    });
    clean
}

fn node_with(strings: &[&[Coord<f64>]], snap_near_vertices: bool) -> Noded {
    let scale = strings
        .iter()
        .flat_map(|s| s.iter())
        .fold(0.0f64, |m, c| m.max(c.x.abs()).max(c.y.abs()));
    let tolerance = scale * 8.0 * f64::EPSILON;
    // Where each segment is met: the point, and whether it was computed (a rounded crossing).
    let mut found: Vec<(SegmentId, Coord<f64>, bool)> = Vec::new();
    // The strings meeting at each found point, by the index of its first finding.
    let mut meetings: Vec<(usize, usize, usize)> = Vec::new();
    box_pairs(strings, |a, b| {
        let (sa, sb) = (strings[a.string], strings[b.string]);
        let (p0, p1) = (sa[a.index], sa[a.index + 1]);
        let (q0, q1) = (sb[b.index], sb[b.index + 1]);
        let Some(meeting) = meet(p0, p1, q0, q1) else {
            if !snap_near_vertices {
                return ControlFlow::Continue(());
            }
            // Both are cut there: the segment passing and the line the vertex is on.
            for (vertex, (s0, s1), passing, own) in [
                (p0, (q0, q1), b, a),
                (p1, (q0, q1), b, a),
                (q0, (p0, p1), a, b),
                (q1, (p0, p1), a, b),
            ] {
                let near = |e: Coord<f64>| (vertex.x - e.x).hypot(vertex.y - e.y) <= tolerance;
                if !near(s0) && !near(s1) && distance_to_segment(vertex, s0, s1) <= tolerance {
                    meetings.push((found.len(), a.string, b.string));
                    found.push((passing, vertex, false));
                    found.push((own, vertex, false));
                }
            }
            return ControlFlow::Continue(());
        };
        if a.string == b.string {
            if let Some(shared) = shared_vertex(sa, a.index, b.index) {
                if meeting
                    == (Meeting::Point {
                        at: shared,
                        proper: false,
                    })
                {
                    return ControlFlow::Continue(());
                }
            }
        }
        let (points, computed) = match meeting {
            Meeting::Point { at, proper } => (vec![at], proper),
            Meeting::Overlap(c0, c1) => (vec![c0, c1], false),
        };
        for at in points {
            meetings.push((found.len(), a.string, b.string));
            found.push((a, at, computed));
            found.push((b, at, computed));
        }
        ControlFlow::Continue(())
    });
    // Rounded crossings that stand for one point (three segments crossing together, or a
    // crossing at a vertex of other linework) are taken to be that point: the first of them
    // found, or the vertex.
    if found.iter().any(|&(_, _, computed)| computed) && tolerance > 0.0 {
        let cell = |c: Coord<f64>| {
            (
                (c.x / tolerance).floor() as i64,
                (c.y / tolerance).floor() as i64,
            )
        };
        let mut known: HashMap<(i64, i64), Vec<Coord<f64>>> = HashMap::new();
        for &c in strings.iter().flat_map(|s| s.iter()) {
            known.entry(cell(c)).or_default().push(c);
        }
        for (_, at, _) in found.iter_mut().filter(|f| f.2) {
            let (x, y) = cell(*at);
            let same = (-1..=1)
                .flat_map(|dx| (-1..=1).map(move |dy| (x + dx, y + dy)))
                .filter_map(|key| known.get(&key))
                .flatten()
                .find(|c| (c.x - at.x).abs() <= tolerance && (c.y - at.y).abs() <= tolerance)
                .copied();
            match same {
                Some(point) => *at = point,
                None => known.entry((x, y)).or_default().push(*at),
            }
        }
    }
    let mut cuts: Vec<Vec<Cut>> = strings
        .iter()
        .map(|s| {
            vec![
                Cut {
                    vertex: 0,
                    along: 0.0,
                    at: s[0],
                },
                Cut {
                    vertex: s.len() - 1,
                    along: 0.0,
                    at: s[s.len() - 1],
                },
            ]
        })
        .collect();
    for &(id, at, _) in &found {
        cuts[id.string].push(cut_on(strings[id.string], id.index, at));
    }
    let meetings = meetings
        .into_iter()
        .map(|(at, s, t)| (found[at].1, s, t))
        .collect();
    let mut edges: Vec<Edge> = Vec::new();
    let mut index_of: HashMap<Vec<(u64, u64)>, usize> = HashMap::new();
    for (string, (coords, mut string_cuts)) in strings.iter().zip(cuts).enumerate() {
        string_cuts.sort_by(|a, b| a.vertex.cmp(&b.vertex).then(a.along.total_cmp(&b.along)));
        // The same place found twice; a string passing one point twice is cut there twice.
        string_cuts.dedup_by(|b, a| a.vertex == b.vertex && a.along == b.along);
        for pair in string_cuts.windows(2) {
            let (from, to) = (pair[0], pair[1]);
            let mut piece = vec![from.at];
            piece.extend(&coords[from.vertex + 1..=to.vertex.min(coords.len() - 1)]);
            if to.along > 0.0 {
                piece.push(to.at);
            }
            piece.dedup();
            if piece.len() < 2 {
                continue;
            }
            let reversed: Vec<Coord<f64>> = piece.iter().rev().copied().collect();
            let forward = lexically_le(&piece, &reversed);
            let key = if forward { &piece } else { &reversed };
            let key: Vec<(u64, u64)> = key.iter().map(|c| bits(*c)).collect();
            match index_of.get(&key) {
                Some(&at) => edges[at].sources.push((string, forward)),
                None => {
                    index_of.insert(key, edges.len());
                    edges.push(Edge {
                        coords: if forward { piece } else { reversed },
                        sources: vec![(string, forward)],
                    });
                }
            }
        }
    }
    Noded { edges, meetings }
}

fn distance_to_segment(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let t = (((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
    (p.x - (a.x + t * dx)).hypot(p.y - (a.y + t * dy))
}

/// The cut of string `s` at point `at` of its segment `index`.
fn cut_on(s: &[Coord<f64>], index: usize, at: Coord<f64>) -> Cut {
    let (start, end) = (s[index], s[index + 1]);
    if at == start {
        return Cut {
            vertex: index,
            along: 0.0,
            at,
        };
    }
    if at == end {
        return Cut {
            vertex: index + 1,
            along: 0.0,
            at,
        };
    }
    // Along the axis of the segment's larger extent, which orders its points.
    let (dx, dy) = (end.x - start.x, end.y - start.y);
    let along = if dx.abs() >= dy.abs() {
        (at.x - start.x) / dx
    } else {
        (at.y - start.y) / dy
    };
    Cut {
        vertex: index,
        along: along.clamp(f64::MIN_POSITIVE, 1.0 - f64::EPSILON),
        at,
    }
}

/// Whether `a` comes before `b`, or equals it, comparing coordinates by x, then y.
fn lexically_le(a: &[Coord<f64>], b: &[Coord<f64>]) -> bool {
    for (p, q) in a.iter().zip(b) {
        match compare_xy(*p, *q) {
            Ordering::Less => return true,
            Ordering::Greater => return false,
            Ordering::Equal => {}
        }
    }
    true
}

pub(crate) fn compare_xy(p: Coord<f64>, q: Coord<f64>) -> Ordering {
    p.x.total_cmp(&q.x).then(p.y.total_cmp(&q.y))
}

/// A hashable key of a coordinate (`-0` and `0` are the same point).
pub(crate) fn bits(c: Coord<f64>) -> (u64, u64) {
    ((c.x + 0.0).to_bits(), (c.y + 0.0).to_bits())
}

/// The quadrant of direction `(dx, dy)`, numbered counter-clockwise from 0 (x and y both
/// non-negative) as JTS numbers them.
fn quadrant(dx: f64, dy: f64) -> u8 {
    match (dx >= 0.0, dy >= 0.0) {
        (true, true) => 0,
        (false, true) => 1,
        (false, false) => 2,
        (true, false) => 3,
    }
}

/// Orders the directions from `origin` to `p` and to `q` by their angle counter-clockwise from
/// the positive x axis, exactly (by quadrant, then orientation).
pub(crate) fn compare_angle(origin: Coord<f64>, p: Coord<f64>, q: Coord<f64>) -> Ordering {
    let qp = quadrant(p.x - origin.x, p.y - origin.y);
    let qq = quadrant(q.x - origin.x, q.y - origin.y);
    qp.cmp(&qq).then_with(|| match orient(origin, q, p) {
        Orientation::CounterClockwise => Ordering::Greater,
        Orientation::Clockwise => Ordering::Less,
        Orientation::Collinear => Ordering::Equal,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(x: f64, y: f64) -> Coord<f64> {
        Coord { x, y }
    }

    #[test]
    fn segments_meet_in_points_and_stretches() {
        assert_eq!(
            meet(c(0., 0.), c(2., 2.), c(0., 2.), c(2., 0.)),
            Some(Meeting::Point {
                at: c(1., 1.),
                proper: true
            })
        );
        assert_eq!(
            meet(c(0., 0.), c(2., 0.), c(1., 0.), c(1., 2.)),
            Some(Meeting::Point {
                at: c(1., 0.),
                proper: false
            })
        );
        assert_eq!(
            meet(c(0., 0.), c(2., 0.), c(1., 0.), c(3., 0.)),
            Some(Meeting::Overlap(c(1., 0.), c(2., 0.)))
        );
        assert_eq!(
            meet(c(0., 0.), c(1., 0.), c(1., 0.), c(2., 0.)),
            Some(Meeting::Point {
                at: c(1., 0.),
                proper: false
            })
        );
        assert_eq!(meet(c(0., 0.), c(1., 0.), c(2., 0.), c(3., 0.)), None);
        assert_eq!(meet(c(0., 0.), c(1., 1.), c(0., 1.), c(0.4, 0.6)), None);
    }

    #[test]
    fn crossings_are_rounded_from_double_double() {
        // (0 0, 3 1) and (0 2, 3 0) cross at (2, 2/3); GEOS gives 2/3 correctly rounded
        // (shapely 2.1.2: intersection of the two lines is POINT (2 0.6666666666666666)).
        assert_eq!(
            meet(c(0., 0.), c(3., 1.), c(0., 2.), c(3., 0.)),
            Some(Meeting::Point {
                at: c(2., 2. / 3.),
                proper: true
            })
        );
        let Some(Meeting::Point { at, .. }) = meet(
            c(1e9, 1e9),
            c(1e9 + 4., 1e9 + 4.),
            c(1e9, 1e9 + 4.),
            c(1e9 + 4., 1e9),
        ) else {
            panic!()
        };
        assert_eq!(at, c(1e9 + 2., 1e9 + 2.));
    }

    #[test]
    fn noding_cuts_at_crossings_and_merges_overlaps() {
        let a = [c(0., 0.), c(4., 0.)];
        let b = [c(1., 0.), c(2., 0.), c(2., 2.)];
        let x = [c(3., -1.), c(3., 1.)];
        let noded = node(&[&a, &b, &x]);
        let mut pieces: Vec<Vec<Coord<f64>>> =
            noded.edges.iter().map(|e| e.coords.clone()).collect();
        pieces.sort_by(|p, q| compare_xy(p[0], q[0]).then(compare_xy(p[1], q[1])));
        assert_eq!(
            pieces,
            vec![
                vec![c(0., 0.), c(1., 0.)],
                vec![c(1., 0.), c(2., 0.)],
                vec![c(2., 0.), c(2., 2.)],
                vec![c(2., 0.), c(3., 0.)],
                vec![c(3., -1.), c(3., 0.)],
                vec![c(3., 0.), c(3., 1.)],
                vec![c(3., 0.), c(4., 0.)],
            ]
        );
        let shared = noded
            .edges
            .iter()
            .find(|e| e.coords == [c(1., 0.), c(2., 0.)])
            .unwrap();
        assert_eq!(shared.sources, vec![(0, true), (1, true)]);
    }

    #[test]
    fn a_self_crossing_line_is_cut_at_its_crossing() {
        let bow = [c(0., 0.), c(2., 2.), c(2., 0.), c(0., 2.)];
        let noded = node(&[&bow]);
        assert_eq!(noded.edges.len(), 3);
        // The loop, kept in the direction that lists its smaller coordinates first.
        assert!(noded
            .edges
            .iter()
            .any(|e| e.coords == [c(1., 1.), c(2., 0.), c(2., 2.), c(1., 1.)]
                && e.sources == [(0, false)]));
        // A closed ring is one edge.
        let ring = [c(0., 0.), c(1., 0.), c(1., 1.), c(0., 0.)];
        assert_eq!(node(&[&ring]).edges.len(), 1);
    }

    #[test]
    fn three_lines_through_one_crossing_meet_in_one_node() {
        let third = 1.0 / 3.0;
        let a = [c(0., 0.), c(1., 3. * third)];
        let b = [c(0., 1.), c(1., 0.)];
        let v = [c(0.5, -1.), c(0.5, 2.)];
        let noded = node(&[&a, &b, &v]);
        let mut ends: Vec<(u64, u64)> = noded
            .edges
            .iter()
            .flat_map(|e| [bits(e.coords[0]), bits(*e.coords.last().unwrap())])
            .collect();
        ends.sort();
        ends.dedup();
        // Six free ends and one shared node.
        assert_eq!(ends.len(), 7);
    }

    /// From a `make_valid` fuzz case: the vertex (0, 2e-16) of the second ring lies within
    /// rounding distance of the first ring's edge from (-4e-9, 1e-8) to (2e-9, -5e-9). Cut at a
    /// rounded crossing, that edge's piece passes on the other side of the vertex, so the
    /// rings are noded again with the vertex taken to lie on the edge.
    #[test]
    fn a_vertex_within_rounding_of_an_edge_is_noded_on_it() {
        let first = [
            c(-4e-9, 1.00000002e-8),
            c(2e-9, -4.9999998e-9),
            c(1e-8, 9.000000100000001e-9),
            c(6.000000200000001e-9, 1e-8),
            c(-4e-9, 1.00000002e-8),
        ];
        let second = [
            c(-7.000000000000001e-9, 5.0000001e-9),
            c(0., 2e-16),
            c(2e-9, -6.9999998000000006e-9),
            c(6.000000000000001e-9, -3.9999999e-9),
            c(2.0000002e-9, -9.999998e-10),
            c(1e-8, 7.000000200000001e-9),
            c(-7.000000000000001e-9, 5.0000001e-9),
        ];
        assert!(!pieces_only_touch(
            &node_with(&[&first, &second], false).edges
        ));
        let noded = node(&[&first, &second]);
        assert!(pieces_only_touch(&noded.edges));
        let vertex = c(0., 2e-16);
        assert!(noded.edges.iter().any(|e| {
            e.sources.iter().any(|&(string, _)| string == 0)
                && (e.coords[0] == vertex || e.coords[e.coords.len() - 1] == vertex)
        }));
    }

    #[test]
    fn angles_are_ordered_counter_clockwise_from_east() {
        let o = c(0., 0.);
        let east = c(1., 0.);
        let north = c(0., 1.);
        let south_east = c(1., -1.);
        assert_eq!(compare_angle(o, east, north), Ordering::Less);
        assert_eq!(compare_angle(o, south_east, north), Ordering::Greater);
        assert_eq!(compare_angle(o, c(2., 0.), east), Ordering::Equal);
    }
}
