//! The partitioned join: when neither side is small enough to broadcast, both are split by a
//! [`SpatialPartitioner`] into cells of the plane, and each cell is joined on its own with a
//! [`crate::SpatialIndex`] built for that cell.
//!
//! A row goes to every cell its box reaches (the box as the index would search it: grown by a
//! planar distance, or a cap on the sphere), so a pair meets in each cell both boxes reach.
//! The pair is kept in one of them only, with no second shuffle: the cell that holds the
//! reference point, the lower-left corner of the intersection of the two boxes. Cells are
//! half-open (`min <= x < max`) and tile the plane, so exactly one cell holds that point.
use strabo_columnar::GeomView;

use strabo_geom::Rect;

use crate::{rect_box, row_error, union, JoinError, Predicate, SearchBox, EVERYWHERE};

/// A KDB-tree of the plane: each split halves the sample along the wider axis of its points, so
/// that every cell holds about as many sampled rows, however the data clusters.
#[derive(Clone, Debug, PartialEq)]
pub struct SpatialPartitioner {
    nodes: Vec<Node>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Node {
    /// Coordinates on `axis` (0: x, 1: y) below `value` go to `low`, the others to `high`.
    Split {
        axis: usize,
        value: f64,
        low: u32,
        high: u32,
    },
    Cell(u32),
}

/// Which side of the join a row comes from, and how its rows are sent to cells. The probed
/// side's boxes are grown by the reach of the predicate, as [`crate::SpatialIndex::probe`]
/// searches with them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Side {
    /// The probed side of an inner join, whose pairs the reference point keeps once: every cell
    /// its search boxes reach.
    Probe,
    /// The indexed side of an inner join: every cell its box reaches.
    Indexed,
    /// The probed side of an outer, semi or anti join, whose unmatched rows must come out once:
    /// the one cell of its anchor, the lower-left corner of its search boxes. NULL and empty
    /// rows go to cell 0, to come out unmatched there.
    ProbeOnce,
    /// The indexed side of such a join: every cell its box reaches once grown left and down by
    /// `reach`, the width and height of the probed side's largest search boxes, so that it
    /// meets each probed row whose search can find it.
    IndexedOnce { reach: [f64; 2] },
}

/// Pairs of a row of a batch and a cell it goes to, in the order of the rows.
#[derive(Default, Debug, PartialEq, Eq)]
pub struct Routes {
    pub rows: Vec<u32>,
    pub cells: Vec<u32>,
}

impl SpatialPartitioner {
    /// A partitioner of `cells` cells, fewer when the sample has fewer distinct centers to split,
    /// balanced over the centers of `sample`'s boxes (non-finite centers are left out).
    pub fn from_sample(sample: &[SearchBox], cells: usize) -> SpatialPartitioner {
        let mut centers: Vec<[f64; 2]> = sample
            .iter()
            .map(|b| [(b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0])
            .filter(|c| c[0].is_finite() && c[1].is_finite())
            .collect();
        let mut partitioner = SpatialPartitioner { nodes: Vec::new() };
        let mut next_cell = 0;
        partitioner.split(&mut centers, cells.max(1), &mut next_cell);
        partitioner
    }

    /// Adds the subtree of `leaves` cells over `centers`; returns its node.
    fn split(&mut self, centers: &mut [[f64; 2]], leaves: usize, next_cell: &mut u32) -> u32 {
        let node = self.nodes.len() as u32;
        let spread = |axis: usize| {
            let (min, max) = centers
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), c| {
                    (lo.min(c[axis]), hi.max(c[axis]))
                });
            max - min
        };
        let axis = if spread(0) >= spread(1) { 0 } else { 1 };
        if leaves < 2 || spread(axis) <= 0.0 {
            self.nodes.push(Node::Cell(*next_cell));
            *next_cell += 1;
            return node;
        }
        let low_leaves = leaves / 2;
        let at = (centers.len() * low_leaves / leaves).clamp(1, centers.len() - 1);
        centers.select_nth_unstable_by(at, |a, b| a[axis].total_cmp(&b[axis]));
        let value = centers[at][axis];
        // Centers on the split line belong to the high side, as the cells' half-open bounds say.
        let (mut low_centers, mut high_centers): (Vec<_>, Vec<_>) =
            centers.iter().partition(|c| c[axis] < value);
        // A placeholder until the children are numbered.
        self.nodes.push(Node::Cell(u32::MAX));
        let low = self.split(&mut low_centers, low_leaves, next_cell);
        let high = self.split(&mut high_centers, leaves - low_leaves, next_cell);
        self.nodes[node as usize] = Node::Split {
            axis,
            value,
            low,
            high,
        };
        node
    }

    /// How many cells there are; cells are numbered from 0.
    pub fn cell_count(&self) -> usize {
        self.nodes
            .iter()
            .filter(|n| matches!(n, Node::Cell(_)))
            .count()
    }

    /// Each cell's bounds, by number: min x, min y, max x, max y, infinite at the outer edges.
    pub fn cells(&self) -> Vec<SearchBox> {
        let mut cells = vec![EVERYWHERE; self.cell_count()];
        let mut stack = vec![(0u32, EVERYWHERE)];
        while let Some((node, bounds)) = stack.pop() {
            match self.nodes[node as usize] {
                Node::Cell(cell) => cells[cell as usize] = bounds,
                Node::Split {
                    axis,
                    value,
                    low,
                    high,
                } => {
                    let (mut low_bounds, mut high_bounds) = (bounds, bounds);
                    low_bounds[axis + 2] = value;
                    high_bounds[axis] = value;
                    stack.push((low, low_bounds));
                    stack.push((high, high_bounds));
                }
            }
        }
        cells
    }

    /// Calls `found` with each cell `bounds` reaches (closed bounds; a cell may come twice).
    fn visit(&self, bounds: &SearchBox, found: &mut impl FnMut(u32)) {
        let mut stack = vec![0u32];
        while let Some(node) = stack.pop() {
            match self.nodes[node as usize] {
                Node::Cell(cell) => found(cell),
                Node::Split {
                    axis,
                    value,
                    low,
                    high,
                } => {
                    if bounds[axis] < value {
                        stack.push(low);
                    }
                    if bounds[axis + 2] >= value {
                        stack.push(high);
                    }
                }
            }
        }
    }

    /// The cells each row of `keys` goes to, appended to `routes`, as `side` of a join on
    /// `predicate` (see [`Side`]). A NULL row goes nowhere (it matches nothing), nor does an
    /// empty one, except for [`Predicate::Equals`], under which two empty geometries are equal,
    /// and for [`Side::ProbeOnce`]: those all go to cell 0.
    pub fn route(
        &self,
        predicate: Predicate,
        side: Side,
        keys: &GeomView,
        routes: &mut Routes,
    ) -> Result<(), JoinError> {
        let everywhere = || 0..self.cell_count() as u32;
        let mut cells = Vec::new();
        for row in 0..keys.len() {
            if !keys.validity.is_valid(row) {
                if side == Side::ProbeOnce {
                    routes.rows.push(row as u32);
                    routes.cells.push(0);
                }
                continue;
            }
            let geometry = keys
                .geo(row)
                .map_err(|e| row_error(predicate, "routed", keys, row, e))?;
            cells.clear();
            match (geometry.bbox(), side) {
                (None, Side::ProbeOnce) => cells.push(0),
                (None, _) if predicate == Predicate::Equals => cells.push(0),
                (None, _) => {}
                (Some(bbox), Side::Probe) => match predicate.search_boxes(&bbox) {
                    Some(boxes) => boxes
                        .iter()
                        .for_each(|b| self.visit(b, &mut |cell| cells.push(cell))),
                    None => cells.extend(everywhere()),
                },
                (Some(bbox), Side::ProbeOnce) => {
                    let [x, y, ..] = search_extent(predicate, &bbox);
                    // A point reaches exactly one cell (they are half-open), but a NaN one,
                    // which matches nothing and goes to cell 0 to come out unmatched.
                    self.visit(&[x, y, x, y], &mut |cell| cells.push(cell));
                    if cells.is_empty() {
                        cells.push(0);
                    }
                }
                (Some(bbox), Side::Indexed | Side::IndexedOnce { .. }) => {
                    let mut bounds = predicate.indexed_box(&bbox).unwrap_or(EVERYWHERE);
                    if let Side::IndexedOnce { reach } = side {
                        bounds[0] -= reach[0];
                        bounds[1] -= reach[1];
                    }
                    self.visit(&bounds, &mut |cell| cells.push(cell));
                }
            }
            cells.sort_unstable();
            cells.dedup();
            routes
                .rows
                .extend(std::iter::repeat_n(row as u32, cells.len()));
            routes.cells.extend_from_slice(&cells);
        }
        Ok(())
    }

    /// The partitioner as numbers, four per node, for the executors: a split is its axis (0 or
    /// 1), its value and its two nodes; a cell is -1, its number, 0, 0.
    pub fn encode(&self) -> Vec<f64> {
        self.nodes
            .iter()
            .flat_map(|node| match *node {
                Node::Split {
                    axis,
                    value,
                    low,
                    high,
                } => [axis as f64, value, low as f64, high as f64],
                Node::Cell(cell) => [-1.0, cell as f64, 0.0, 0.0],
            })
            .collect()
    }

    /// The partitioner [`SpatialPartitioner::encode`] gave these numbers for.
    pub fn decode(numbers: &[f64]) -> Result<SpatialPartitioner, JoinError> {
        let bad = || {
            JoinError(format!(
                "not an encoded partitioner: {} numbers",
                numbers.len()
            ))
        };
        if numbers.is_empty() || !numbers.len().is_multiple_of(4) {
            return Err(bad());
        }
        let count = numbers.len() / 4;
        // A node or a cell: there are fewer cells than nodes.
        let node_ref =
            |n: f64| (n >= 0.0 && n < count as f64 && n.fract() == 0.0).then_some(n as u32);
        let nodes = numbers
            .chunks_exact(4)
            .enumerate()
            .map(|(at, n)| match n[0] {
                -1.0 if n[2] == 0.0 && n[3] == 0.0 => node_ref(n[1]).map(Node::Cell),
                axis @ (0.0 | 1.0) => Some(Node::Split {
                    axis: axis as usize,
                    value: n[1],
                    // Children come after their parent, so the tree has no cycle.
                    low: node_ref(n[2]).filter(|&c| c as usize > at)?,
                    high: node_ref(n[3]).filter(|&c| c as usize > at)?,
                }),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .ok_or_else(bad)?;
        let partitioner = SpatialPartitioner { nodes };
        let mut cells: Vec<u32> = partitioner
            .nodes
            .iter()
            .filter_map(|n| match n {
                Node::Cell(c) => Some(*c),
                _ => None,
            })
            .collect();
        cells.sort_unstable();
        if !cells.iter().enumerate().all(|(i, &c)| c as usize == i) {
            return Err(bad());
        }
        Ok(partitioner)
    }
}

/// The box of a probed geometry's search boxes, whose box is `bbox`: the whole plane where no
/// box bounds its search.
fn search_extent(predicate: Predicate, bbox: &Rect<f64>) -> SearchBox {
    predicate
        .search_boxes(bbox)
        .and_then(|boxes| boxes.into_iter().reduce(|extent, b| union(extent, &b)))
        .unwrap_or(EVERYWHERE)
}

/// The width and height of the largest search boxes of the rows of `keys` as the probed side,
/// for [`Side::IndexedOnce`]; NULL and empty rows search nothing.
pub fn probe_reach(keys: &GeomView, predicate: Predicate) -> Result<[f64; 2], JoinError> {
    let mut reach = [0.0f64; 2];
    for_each_bbox(keys, predicate, |bbox| {
        let extent = search_extent(predicate, &bbox);
        reach[0] = reach[0].max(extent[2] - extent[0]);
        reach[1] = reach[1].max(extent[3] - extent[1]);
    })?;
    Ok(reach)
}

/// Whether `cell` owns the pair whose probed row searched with `probe_boxes` (`None`: the whole
/// plane) and whose indexed row has the box `indexed`: whether it holds their reference point.
pub(crate) fn owns(
    cell: &SearchBox,
    probe_boxes: Option<&[SearchBox]>,
    indexed: &SearchBox,
) -> bool {
    let probe = probe_boxes
        .and_then(|boxes| boxes.iter().find(|b| overlap(b, indexed)))
        .unwrap_or(&EVERYWHERE);
    let x = probe[0].max(indexed[0]);
    let y = probe[1].max(indexed[1]);
    cell[0] <= x && x < cell[2] && cell[1] <= y && y < cell[3]
}

fn overlap(a: &SearchBox, b: &SearchBox) -> bool {
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

/// The boxes of the non-NULL, non-empty rows of `keys`, for a partitioner's sample.
pub fn sample_boxes(keys: &GeomView, predicate: Predicate) -> Result<Vec<SearchBox>, JoinError> {
    let mut boxes = Vec::with_capacity(keys.len());
    for_each_bbox(keys, predicate, |bbox| boxes.push(rect_box(&bbox)))?;
    Ok(boxes)
}

/// Calls `found` with the bounding box of each non-NULL, non-empty row of `keys`, a sample of
/// a join on `predicate` (which names it in a refusal).
fn for_each_bbox(
    keys: &GeomView,
    predicate: Predicate,
    mut found: impl FnMut(Rect<f64>),
) -> Result<(), JoinError> {
    for row in 0..keys.len() {
        if !keys.validity.is_valid(row) {
            continue;
        }
        let geometry = keys
            .geo(row)
            .map_err(|e| row_error(predicate, "sampled", keys, row, e))?;
        if let Some(bbox) = geometry.bbox() {
            found(bbox);
        }
    }
    Ok(())
}
