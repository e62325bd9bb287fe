//! A static bounding-box tree over the segments of one geometry, packed once by
//! sort-tile-recursive: a predicate asks it for the segments near another segment or a point,
//! so that relating two geometries costs about (n + m) log(n + m), not n * m.
use geo::Coord;

/// Entries per node.
const NODE: usize = 16;

/// An axis-aligned box, `[min x, min y, max x, max y]`.
pub(super) type Bounds = [f64; 4];

pub(super) fn bounds(a: Coord<f64>, b: Coord<f64>) -> Bounds {
    [a.x.min(b.x), a.y.min(b.y), a.x.max(b.x), a.y.max(b.y)]
}

pub(super) fn overlap(a: &Bounds, b: &Bounds) -> bool {
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

fn union(boxes: &[Bounds]) -> Bounds {
    boxes.iter().fold(
        [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ],
        |u, b| {
            [
                u[0].min(b[0]),
                u[1].min(b[1]),
                u[2].max(b[2]),
                u[3].max(b[3]),
            ]
        },
    )
}

pub(super) struct Index {
    /// The items' boxes in tree order, with the items' ids.
    leaves: Vec<(Bounds, usize)>,
    /// Node boxes level by level, bottom up: node `i` of a level covers entries
    /// `i * NODE..(i + 1) * NODE` of the level below (the leaves, below level 0).
    levels: Vec<Vec<Bounds>>,
}

impl Index {
    /// Indexes items by their boxes; an item's id is its position in `boxes`.
    pub(super) fn new(boxes: impl Iterator<Item = Bounds>) -> Index {
        let mut leaves: Vec<(Bounds, usize)> = boxes.enumerate().map(|(i, b)| (b, i)).collect();
        let center = |b: &Bounds, axis: usize| b[axis] + b[axis + 2];
        // Vertical slices of whole nodes, each sorted by y: nodes of nearby, square-ish boxes.
        leaves.sort_by(|a, b| center(&a.0, 0).total_cmp(&center(&b.0, 0)));
        let nodes = leaves.len().div_ceil(NODE);
        let slice = NODE * (nodes as f64).sqrt().ceil().max(1.0) as usize;
        for chunk in leaves.chunks_mut(slice) {
            chunk.sort_by(|a, b| center(&a.0, 1).total_cmp(&center(&b.0, 1)));
        }
        let mut levels = Vec::new();
        let mut below: Vec<Bounds> = leaves.iter().map(|l| l.0).collect();
        while below.len() > NODE || levels.is_empty() {
            let level: Vec<Bounds> = below.chunks(NODE).map(union).collect();
            below = level.clone();
            levels.push(level);
        }
        Index { leaves, levels }
    }

    /// Calls `found` with the id of every item whose box meets `query`.
    pub(super) fn query(&self, query: &Bounds, mut found: impl FnMut(usize)) {
        let top = self.levels.len() - 1;
        let mut stack: Vec<(usize, usize)> =
            (0..self.levels[top].len()).map(|i| (top, i)).collect();
        while let Some((level, node)) = stack.pop() {
            if !overlap(&self.levels[level][node], query) {
                continue;
            }
            let children = node * NODE..(node + 1) * NODE;
            if level == 0 {
                for (bounds, id) in
                    &self.leaves[children.start..children.end.min(self.leaves.len())]
                {
                    if overlap(bounds, query) {
                        found(*id);
                    }
                }
            } else {
                let end = children.end.min(self.levels[level - 1].len());
                stack.extend((children.start..end).map(|child| (level - 1, child)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_exactly_the_boxes_that_meet_the_query() {
        // A 40 x 40 grid of unit boxes, queried with boxes of every size; an empty index too.
        let cells: Vec<Bounds> = (0..1600)
            .map(|i| {
                let (x, y) = ((i % 40) as f64, (i / 40) as f64);
                [x, y, x + 1.0, y + 1.0]
            })
            .collect();
        let index = Index::new(cells.iter().copied());
        for query in [
            [3.5, 3.5, 3.5, 3.5],
            [0.0, 0.0, 40.0, 40.0],
            [10.0, -5.0, 10.0, 50.0],
            [41.0, 41.0, 42.0, 42.0],
            [12.2, 30.1, 17.9, 33.0],
        ] {
            let mut found = Vec::new();
            index.query(&query, |id| found.push(id));
            found.sort_unstable();
            let expected: Vec<usize> = (0..cells.len())
                .filter(|&i| overlap(&cells[i], &query))
                .collect();
            assert_eq!(found, expected, "{query:?}");
        }
        let empty = Index::new(std::iter::empty());
        empty.query(&[0.0, 0.0, 1.0, 1.0], |_| {
            panic!("an empty index holds nothing")
        });
    }
}
