//! Repair of invalid geometries: PostGIS's `ST_MakeValid`, which is GEOS's `MakeValid` with its
//! default ('linework') method, after PostGIS's own clean-up of the input.
use std::collections::HashMap;

use geo::coordinate_position::{coord_pos_relative_to_ring, CoordPos};
use geo::{
    BoundingRect, Coord, Geometry, GeometryCollection, LineString, MultiPolygon, Point, Polygon,
    Rect,
};

use crate::noding::{bits, compare_angle, node};
use crate::overlay::{build, overlay_shapes, OverlayOp};
use crate::validity::{check, Rules};
use crate::{Geo, GeomError};

/// A valid geometry covering the input, as PostGIS's `ST_MakeValid` makes it:
/// - NaN coordinates are dropped (a point of NaNs becomes empty), rings are closed and padded
///   to four points, as PostGIS prepares the input for GEOS; infinite coordinates are refused.
/// - A valid geometry comes back unchanged.
/// - A line string of fewer than two distinct points becomes its point. In a multilinestring
///   with such a line, every line is cut where it crosses itself, and collapsed ones become
///   points (a collection of the points and the lines).
/// - Polygons are rebuilt from their rings' linework, noded where it meets itself, by GEOS's
///   'linework' method: the faces of that linework are kept in alternation (a face filling a
///   hole of a kept face is dropped, one filling a hole of a dropped face kept again), and what
///   linework is left unused is built again and joined by symmetric difference. So a bow tie
///   becomes its two triangles, a hole outside its shell a polygon of its own, a hole across its
///   shell leaves the parts covered once, and overlapping polygons of a multipolygon merge.
///   Linework that bounds no area (a spike, the edges inside merged polygons) is kept as lines,
///   and rings collapsed to a point as points, in a collection with the polygons.
/// - A collection is repaired member by member.
/// - A multi-geometry or collection gives a multi-geometry or collection, as PostGIS forces
///   it: a multipolygon repaired into one polygon is a `MULTIPOLYGON` of it.
pub fn make_valid(geometry: &Geo) -> Result<Geometry<f64>, GeomError> {
    let input = without_nan(crate::shape::read(geometry));
    if let Some(bad) =
        geo::CoordsIter::coords_iter(&input).find(|c| c.x.is_infinite() || c.y.is_infinite())
    {
        return Err(GeomError::InvalidParameter(format!(
            "coordinates must be finite numbers, got ({} {})",
            bad.x, bad.y
        )));
    }
    let repaired = repair(&input)?;
    let is_collection = |g: &Geometry<f64>| {
        matches!(
            g,
            Geometry::MultiPoint(_)
                | Geometry::MultiLineString(_)
                | Geometry::MultiPolygon(_)
                | Geometry::GeometryCollection(_)
        )
    };
    Ok(match repaired {
        single if is_collection(&input) && !is_collection(&single) => as_multi(single),
        other => other,
    })
}

/// `geometry` with NaN coordinates dropped, rings closed and padded to four points and
/// one-point lines doubled, as PostGIS's `lwgeom_make_geos_friendly` prepares it for GEOS.
/// A point whose coordinates are dropped is empty (a point of NaNs).
fn without_nan(geometry: Geometry<f64>) -> Geometry<f64> {
    let kept = |coords: Vec<Coord<f64>>| -> Vec<Coord<f64>> {
        coords
            .into_iter()
            .filter(|c| !c.x.is_nan() && !c.y.is_nan())
            .collect()
    };
    let point = |p: Point<f64>| {
        if p.x().is_nan() || p.y().is_nan() {
            Point::new(f64::NAN, f64::NAN)
        } else {
            p
        }
    };
    let line = |l: LineString<f64>| {
        let mut points = kept(l.0);
        if points.len() == 1 {
            points.push(points[0]);
        }
        LineString(points)
    };
    let ring = |r: &LineString<f64>| {
        let mut points = kept(r.0.clone());
        if let (Some(&first), Some(&last)) = (points.first(), points.last()) {
            if first != last {
                points.push(first);
            }
            while points.len() < 4 {
                points.push(first);
            }
        }
        LineString(points)
    };
    let polygon = |p: Polygon<f64>| {
        Polygon::new(ring(p.exterior()), p.interiors().iter().map(ring).collect())
    };
    match geometry {
        Geometry::Point(p) => Geometry::Point(point(p)),
        Geometry::LineString(l) => Geometry::LineString(line(l)),
        Geometry::Polygon(p) => Geometry::Polygon(polygon(p)),
        Geometry::MultiPoint(ps) => {
            Geometry::MultiPoint(geo::MultiPoint(ps.0.into_iter().map(point).collect()))
        }
        Geometry::MultiLineString(ls) => {
            Geometry::MultiLineString(geo::MultiLineString(ls.0.into_iter().map(line).collect()))
        }
        Geometry::MultiPolygon(ps) => {
            Geometry::MultiPolygon(MultiPolygon(ps.0.into_iter().map(polygon).collect()))
        }
        Geometry::GeometryCollection(gs) => Geometry::GeometryCollection(GeometryCollection(
            gs.0.into_iter().map(without_nan).collect(),
        )),
        Geometry::Rect(r) => without_nan(Geometry::Polygon(r.to_polygon())),
        Geometry::Triangle(t) => without_nan(Geometry::Polygon(t.to_polygon())),
        Geometry::Line(l) => {
            without_nan(Geometry::LineString(LineString::from(vec![l.start, l.end])))
        }
    }
}

/// The multi-geometry of one point, line string or polygon.
fn as_multi(single: Geometry<f64>) -> Geometry<f64> {
    match single {
        Geometry::Point(p) => Geometry::MultiPoint(geo::MultiPoint(vec![p])),
        Geometry::LineString(l) => Geometry::MultiLineString(geo::MultiLineString(vec![l])),
        Geometry::Polygon(p) => Geometry::MultiPolygon(MultiPolygon(vec![p])),
        other => other,
    }
}

/// GEOS's `MakeValid::build`.
fn repair(geometry: &Geometry<f64>) -> Result<Geometry<f64>, GeomError> {
    if check(geometry, Rules::Ogc).is_none() {
        return Ok(geometry.clone());
    }
    match geometry {
        Geometry::LineString(l) => Ok(node_line(l)?.unwrap_or_else(|| geometry.clone())),
        Geometry::MultiLineString(ls) => repair_lines(&ls.0),
        Geometry::Polygon(p) => repair_polygons(std::slice::from_ref(p)),
        Geometry::MultiPolygon(ps) => repair_polygons(&ps.0),
        Geometry::GeometryCollection(gs) => Ok(Geometry::GeometryCollection(GeometryCollection(
            gs.iter().map(repair).collect::<Result<_, _>>()?,
        ))),
        // Points, once NaNs are dropped and infinities refused, are valid.
        other => Ok(other.clone()),
    }
}

/// A line cut where it crosses or touches itself, as its union with its first point gives it;
/// a point if it has one distinct point; `None` if empty.
fn node_line(line: &LineString<f64>) -> Result<Option<Geometry<f64>>, GeomError> {
    let Some(&first) = line.0.first() else {
        return Ok(None);
    };
    let noded = overlay_shapes(
        &Geometry::LineString(line.clone()),
        &Geometry::Point(Point(first)),
        OverlayOp::Union,
    )?;
    Ok(Some(noded))
}

/// GEOS's `MakeValidMultiLine`: each line noded, collapsed ones as points.
fn repair_lines(lines: &[LineString<f64>]) -> Result<Geometry<f64>, GeomError> {
    let mut points = Vec::new();
    let mut pieces = Vec::new();
    for line in lines {
        match node_line(line)? {
            Some(Geometry::Point(p)) => points.push(p),
            Some(Geometry::LineString(l)) => pieces.push(l),
            Some(Geometry::MultiLineString(ls)) => pieces.extend(ls.0),
            _ => {}
        }
    }
    let as_part = |parts: Vec<Geometry<f64>>| (!parts.is_empty()).then(|| build(parts));
    let points = as_part(points.into_iter().map(Geometry::Point).collect());
    let pieces = as_part(pieces.into_iter().map(Geometry::LineString).collect());
    Ok(match (points, pieces) {
        (Some(p), Some(l)) => Geometry::GeometryCollection(GeometryCollection(vec![p, l])),
        (Some(only), None) | (None, Some(only)) => only,
        (None, None) => Geometry::GeometryCollection(GeometryCollection(Vec::new())),
    })
}

/// GEOS's `MakeValidPoly`: the rings' linework, noded; areas built from it again and again,
/// each one's faces in alternation, and joined by symmetric difference, until the linework
/// left bounds no face; that linework, and points where rings collapsed, come with the area.
fn repair_polygons(polygons: &[Polygon<f64>]) -> Result<Geometry<f64>, GeomError> {
    let rings: Vec<Vec<Coord<f64>>> = polygons
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .filter(|r| !r.0.is_empty())
        .map(|r| r.0.clone())
        .collect();
    let Some(&first) = rings.first().and_then(|r| r.first()) else {
        return Ok(Geometry::GeometryCollection(GeometryCollection(Vec::new())));
    };
    let strings: Vec<Vec<Coord<f64>>> = rings
        .iter()
        .map(|r| {
            let mut coords = r.clone();
            coords.dedup();
            coords
        })
        .filter(|r| r.len() >= 2)
        .collect();
    let views: Vec<&[Coord<f64>]> = strings.iter().map(Vec::as_slice).collect();
    let edges: Vec<Vec<Coord<f64>>> = node(&views).edges.into_iter().map(|e| e.coords).collect();
    let arrangement = Arrangement::new(edges);
    // The union with the first point adds it where the linework does not pass.
    let first_point = (!arrangement.passes_through(first)).then_some(first);
    let on_linework: std::collections::HashSet<(u64, u64)> = arrangement
        .edges
        .iter()
        .flatten()
        .chain(&first_point)
        .map(|c| bits(*c))
        .collect();
    let mut collapsed: Vec<Coord<f64>> = Vec::new();
    for &c in rings.iter().flatten() {
        if !on_linework.contains(&bits(c)) && !collapsed.contains(&c) {
            collapsed.push(c);
        }
    }
    let mut active = vec![true; arrangement.edges.len()];
    let mut area = vec![false; arrangement.cells];
    while let Some(new_area) = arrangement.build_area(&active) {
        if !new_area.contains(&true) {
            break;
        }
        for (cell, inside) in new_area.iter().enumerate() {
            area[cell] ^= inside;
        }
        for (e, live) in active.iter_mut().enumerate() {
            let (left, right) = arrangement.sides(e);
            if new_area[left] != new_area[right] {
                *live = false;
            }
        }
    }
    let polygons = arrangement.polygons(&area);
    let mut lines: Vec<Geometry<f64>> = arrangement
        .edges
        .iter()
        .zip(&active)
        .filter(|(_, live)| **live)
        .map(|(e, _)| Geometry::LineString(LineString(e.clone())))
        .collect();
    lines.extend(first_point.map(|c| Geometry::Point(Point(c))));
    let mut parts = Vec::new();
    if !polygons.is_empty() {
        parts.push(build(polygons.into_iter().map(Geometry::Polygon).collect()));
    }
    if !lines.is_empty() {
        parts.push(build(lines));
    }
    if !collapsed.is_empty() {
        parts.push(build(
            collapsed
                .into_iter()
                .map(|c| Geometry::Point(Point(c)))
                .collect(),
        ));
    }
    Ok(match parts.len() {
        1 => parts.pop().expect("one part"),
        _ => Geometry::GeometryCollection(GeometryCollection(parts)),
    })
}

/// Noded linework as a planar subdivision. Half-edge `2e` runs along edge `e`, `2e + 1` back;
/// each has a cell of the plane on its left (cell 0 is the unbounded one).
struct Arrangement {
    edges: Vec<Vec<Coord<f64>>>,
    /// The node each half-edge starts at.
    origin: Vec<usize>,
    /// The half-edges leaving each node, counter-clockwise.
    around: Vec<Vec<usize>>,
    /// Where each half-edge is in its node's `around`.
    position: Vec<usize>,
    /// The cell on each half-edge's left.
    cell: Vec<usize>,
    cells: usize,
}

impl Arrangement {
    fn new(edges: Vec<Vec<Coord<f64>>>) -> Arrangement {
        let mut nodes: HashMap<(u64, u64), usize> = HashMap::new();
        let mut origin = Vec::with_capacity(2 * edges.len());
        let mut node_coords: Vec<Coord<f64>> = Vec::new();
        for edge in &edges {
            for end in [edge[0], edge[edge.len() - 1]] {
                let next = node_coords.len();
                let id = *nodes.entry(bits(end)).or_insert(next);
                if id == next {
                    node_coords.push(end);
                }
                origin.push(id);
            }
        }
        let mut around: Vec<Vec<usize>> = vec![Vec::new(); node_coords.len()];
        for (h, &n) in origin.iter().enumerate() {
            around[n].push(h);
        }
        let mut arrangement = Arrangement {
            edges,
            origin,
            around: Vec::new(),
            position: Vec::new(),
            cell: Vec::new(),
            cells: 1,
        };
        for (n, list) in around.iter_mut().enumerate() {
            let at = node_coords[n];
            list.sort_by(|&g, &h| {
                compare_angle(at, arrangement.towards(g), arrangement.towards(h))
            });
        }
        arrangement.position = vec![0; arrangement.origin.len()];
        for list in &around {
            for (i, &h) in list.iter().enumerate() {
                arrangement.position[h] = i;
            }
        }
        arrangement.around = around;
        arrangement.label_cells();
        arrangement
    }

    /// The coordinates along half-edge `h`.
    fn coords(&self, h: usize) -> Vec<Coord<f64>> {
        let mut coords = self.edges[h / 2].clone();
        if h & 1 == 1 {
            coords.reverse();
        }
        coords
    }

    /// The second point of half-edge `h`: the direction it leaves its node in.
    fn towards(&self, h: usize) -> Coord<f64> {
        let edge = &self.edges[h / 2];
        if h & 1 == 0 {
            edge[1]
        } else {
            edge[edge.len() - 2]
        }
    }

    fn start(&self, h: usize) -> Coord<f64> {
        let edge = &self.edges[h / 2];
        if h & 1 == 0 {
            edge[0]
        } else {
            edge[edge.len() - 1]
        }
    }

    /// The cells on the left and the right of edge `e`.
    fn sides(&self, e: usize) -> (usize, usize) {
        (self.cell[2 * e], self.cell[2 * e + 1])
    }

    fn passes_through(&self, c: Coord<f64>) -> bool {
        self.edges.iter().any(|edge| {
            edge.windows(2).any(|s| {
                c.x >= s[0].x.min(s[1].x)
                    && c.x <= s[0].x.max(s[1].x)
                    && c.y >= s[0].y.min(s[1].y)
                    && c.y <= s[0].y.max(s[1].y)
                    && crate::noding::orient(s[0], s[1], c) == geo::kernels::Orientation::Collinear
            })
        })
    }

    /// The half-edge after `h` around the face on its left, among the edges `keep` keeps: at
    /// the end of `h`, the first kept edge clockwise from the way back.
    fn next(&self, h: usize, keep: &dyn Fn(usize) -> bool) -> usize {
        let back = h ^ 1;
        let list = &self.around[self.origin[back]];
        let mut i = self.position[back];
        loop {
            i = (i + list.len() - 1) % list.len();
            if keep(list[i] / 2) {
                return list[i];
            }
        }
    }

    /// The boundaries of the faces of the kept edges, each as its half-edges.
    fn cycles(&self, keep: &dyn Fn(usize) -> bool) -> Vec<Vec<usize>> {
        let mut seen = vec![false; self.origin.len()];
        let mut cycles = Vec::new();
        for start in 0..self.origin.len() {
            if seen[start] || !keep(start / 2) {
                continue;
            }
            let mut cycle = Vec::new();
            let mut h = start;
            while !seen[h] {
                seen[h] = true;
                cycle.push(h);
                h = self.next(h, keep);
            }
            cycles.push(cycle);
        }
        cycles
    }

    fn ring_of(&self, half_edges: &[usize]) -> Vec<Coord<f64>> {
        let mut ring = Vec::new();
        for &h in half_edges {
            let coords = self.coords(h);
            ring.extend_from_slice(&coords[..coords.len() - 1]);
        }
        ring.push(ring[0]);
        ring
    }

    /// Twice the signed area enclosed by a cycle: positive counter-clockwise.
    fn signed_area(&self, half_edges: &[usize]) -> f64 {
        let ring = self.ring_of(half_edges);
        ring.windows(2)
            .map(|s| s[0].x * s[1].y - s[1].x * s[0].y)
            .sum()
    }

    /// Gives every half-edge the cell on its left: a counter-clockwise face boundary bounds a
    /// cell of its own; the outer boundary of a connected piece of linework lies in the cell
    /// of the smallest face of other linework around it, or in the unbounded cell.
    fn label_cells(&mut self) {
        let cycles = self.cycles(&|_| true);
        let mut pieces = Sets::new(self.around.len());
        for e in 0..self.edges.len() {
            pieces.join(self.origin[2 * e], self.origin[2 * e + 1]);
        }
        self.cell = vec![0; self.origin.len()];
        struct Face {
            cell: usize,
            area: f64,
            ring: LineString<f64>,
            bbox: Rect<f64>,
            /// The connected piece of linework it belongs to.
            piece: usize,
        }
        let mut faces: Vec<Face> = Vec::new();
        let mut outers = Vec::new();
        for cycle in &cycles {
            let area = self.signed_area(cycle);
            let piece = pieces.root(self.origin[cycle[0]]);
            if area > 0.0 {
                let cell = self.cells;
                self.cells += 1;
                cycle.iter().for_each(|&h| self.cell[h] = cell);
                let ring = LineString(self.ring_of(cycle));
                let bbox = ring.bounding_rect().expect("a face's ring has points");
                faces.push(Face {
                    cell,
                    area,
                    ring,
                    bbox,
                    piece,
                });
            } else {
                outers.push((cycle, piece));
            }
        }
        for (cycle, piece) in outers {
            let at = self.start(cycle[0]);
            let around = faces
                .iter()
                .filter(|face| {
                    face.piece != piece
                        && face.bbox.min().x <= at.x
                        && at.x <= face.bbox.max().x
                        && face.bbox.min().y <= at.y
                        && at.y <= face.bbox.max().y
                        && coord_pos_relative_to_ring(at, &face.ring) == CoordPos::Inside
                })
                .min_by(|p, q| p.area.total_cmp(&q.area))
                .map_or(0, |face| face.cell);
            cycle.iter().for_each(|&h| self.cell[h] = around);
        }
    }

    /// GEOS's `BuildArea` on the `active` edges: the faces of that linework that lie inside an
    /// even number of others, as the cells they cover; `None` when it bounds no face.
    ///
    /// A face is a region of cells joined across edges not active (or active but with the same
    /// face on both sides: dangles and bridges, which bound nothing). One face is inside
    /// another when its outer ring is exactly a hole ring of the other.
    fn build_area(&self, active: &[bool]) -> Option<Vec<bool>> {
        let mut faces = Sets::new(self.cells);
        for (e, &live) in active.iter().enumerate() {
            if !live {
                let (a, b) = self.sides(e);
                faces.join(a, b);
            }
        }
        let face: Vec<usize> = (0..self.cells).map(|c| faces.root(c)).collect();
        let bounds = |e: usize| {
            let (a, b) = self.sides(e);
            active[e] && face[a] != face[b]
        };
        let unbounded = face[0];
        // Rings: face boundaries cut where they pass a node twice.
        let mut ring_of = vec![usize::MAX; self.origin.len()];
        let mut rings: Vec<(Vec<usize>, f64)> = Vec::new();
        for cycle in self.cycles(&bounds) {
            for ring in minimal_rings(&cycle, &self.origin) {
                let area = self.signed_area(&ring);
                ring.iter().for_each(|&h| ring_of[h] = rings.len());
                rings.push((ring, area));
            }
        }
        if rings.is_empty() {
            return None;
        }
        // Each face's outer ring, and the face whose hole it is, if any.
        let mut outer_parent: HashMap<usize, Option<usize>> = HashMap::new();
        for (ring, area) in &rings {
            if *area <= 0.0 {
                continue;
            }
            let inside = face[self.cell[ring[0]]];
            let twins: Vec<usize> = ring.iter().map(|&h| ring_of[h ^ 1]).collect();
            let hole = twins[0];
            let is_hole_of_one = twins.iter().all(|&r| r == hole)
                && rings[hole].1 <= 0.0
                && rings[hole].0.len() == ring.len()
                && face[self.cell[rings[hole].0[0]]] != unbounded;
            let parent_face = is_hole_of_one.then(|| face[self.cell[rings[hole].0[0]]]);
            outer_parent.insert(inside, parent_face);
        }
        let depth = |mut f: usize| {
            let mut depth = 0;
            while let Some(Some(up)) = outer_parent.get(&f) {
                depth += 1;
                f = *up;
                if depth > outer_parent.len() {
                    break;
                }
            }
            depth
        };
        let selected: Vec<bool> = (0..self.cells)
            .map(|c| {
                face[c] != unbounded
                    && outer_parent.contains_key(&face[c])
                    && depth(face[c]) % 2 == 0
            })
            .collect();
        Some(selected)
    }

    /// The polygons covering the cells of `area`: its boundary's rings, shells counter-clockwise
    /// and holes clockwise, a hole in the polygon whose cells it borders.
    fn polygons(&self, area: &[bool]) -> Vec<Polygon<f64>> {
        let bounds = |e: usize| {
            let (a, b) = self.sides(e);
            area[a] != area[b]
        };
        let mut pieces = Sets::new(self.cells);
        for e in 0..self.edges.len() {
            let (a, b) = self.sides(e);
            if area[a] && area[b] {
                pieces.join(a, b);
            }
        }
        let mut shells: HashMap<usize, LineString<f64>> = HashMap::new();
        let mut holes: HashMap<usize, Vec<LineString<f64>>> = HashMap::new();
        let mut order = Vec::new();
        for cycle in self.cycles(&bounds) {
            if !area[self.cell[cycle[0]]] {
                continue;
            }
            for ring in minimal_rings(&cycle, &self.origin) {
                let piece = pieces.root(self.cell[ring[0]]);
                let coords = LineString(self.ring_of(&ring));
                // A ring of two points (where rounded crossings met) encloses nothing.
                if coords.0.len() < 4 {
                    continue;
                }
                if self.signed_area(&ring) > 0.0 {
                    order.push(piece);
                    shells.insert(piece, coords);
                } else {
                    holes.entry(piece).or_default().push(coords);
                }
            }
        }
        order
            .into_iter()
            .filter_map(|piece| {
                let shell = shells.remove(&piece)?;
                Some(Polygon::new(
                    shell,
                    holes.remove(&piece).unwrap_or_default(),
                ))
            })
            .collect()
    }
}

/// Disjoint sets of `0..n`, joined one pair at a time.
struct Sets(Vec<usize>);

impl Sets {
    fn new(n: usize) -> Sets {
        Sets((0..n).collect())
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        self.0[a] = b;
    }
}

/// A closed walk of half-edges cut into loops that pass each node once: wherever the walk
/// comes back to a node, the stretch since its last visit is a loop of its own.
fn minimal_rings(cycle: &[usize], origin: &[usize]) -> Vec<Vec<usize>> {
    let mut rings = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut at: HashMap<usize, usize> = HashMap::new();
    for &h in cycle {
        let node = origin[h];
        if let Some(&start) = at.get(&node) {
            let ring: Vec<usize> = stack.drain(start..).collect();
            for &g in &ring {
                at.remove(&origin[g]);
            }
            rings.push(ring);
        }
        at.insert(node, stack.len());
        stack.push(h);
    }
    if !stack.is_empty() {
        rings.push(stack);
    }
    rings
}

#[cfg(test)]
mod tests;
