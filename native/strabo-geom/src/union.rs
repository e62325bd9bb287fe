//! Boolean operations on polygons, through `geo`'s `BooleanOps` (the `i_overlay` crate).
use geo::bool_ops::{FillRule, OpType};
use geo::orient::Direction;
use geo::{BooleanOps, BoundingRect, Coord, LineString, MultiPolygon, Orient, Polygon, Rect};

use crate::{Geo, GeomError};

/// The polygons of a polygonal geometry (a polygon, multipolygon, or a collection of them),
/// shells counter-clockwise and holes clockwise; empty geometries have none. Points and lines
/// are refused: `geo` unions areas only.
///
/// The orientation matters: `geo::unary_union` takes the fill rule from the first ring's
/// winding, so a polygon wound the other way would be dropped from the union.
pub fn polygons(geometry: &Geo) -> Result<Vec<Polygon<f64>>, GeomError> {
    fn collect(shape: &geo::Geometry<f64>, out: &mut Vec<Polygon<f64>>) -> Result<(), GeomError> {
        match shape {
            geo::Geometry::Polygon(p) => out.push(p.clone()),
            geo::Geometry::MultiPolygon(ps) => out.extend(ps.0.iter().cloned()),
            geo::Geometry::Rect(r) => out.push(r.to_polygon()),
            geo::Geometry::Triangle(t) => out.push(t.to_polygon()),
            geo::Geometry::GeometryCollection(parts) => {
                for part in parts {
                    collect(part, out)?;
                }
            }
            other => {
                return Err(GeomError::Unsupported(format!(
                    "only polygons can be unioned, got a {}",
                    type_name(other)
                )))
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    if let Some(shape) = geometry.overlay_shape()? {
        collect(&shape, &mut out)?;
    }
    Ok(out.iter().map(|p| p.orient(Direction::Default)).collect())
}

/// The union of all `polygons`: one overlay pass per group of polygons whose boxes overlap
/// ([`overlapping_groups`]), each refused when its extent is out of the overlay's range
/// ([`crate::value::check_extent`]).
pub fn union(polygons: &[Polygon<f64>]) -> Result<MultiPolygon<f64>, GeomError> {
    let mut out = Vec::new();
    for group in overlapping_groups(&boxes(polygons)) {
        let group = MultiPolygon::new(group.iter().map(|&i| polygons[i].clone()).collect());
        crate::value::check_extent(&group)?;
        out.extend(geo::unary_union(&group.0).0);
    }
    Ok(MultiPolygon::new(out).orient(Direction::Default))
}

/// The area that `polygons` enclose, counting a point as inside when its rings wind around it
/// at all (the non-zero rule), as valid polygons: a bow tie becomes its two triangles and
/// overlapping parts merge. A plain union takes the fill rule from the first ring's winding,
/// and so drops the lobe of a bow tie wound the other way. (PostGIS's `ST_MakeValid` is
/// [`crate::make_valid::make_valid`]; this is the repair the union aggregate applies.)
pub fn make_valid(polygons: Vec<Polygon<f64>>) -> Result<Vec<Polygon<f64>>, GeomError> {
    let mut out = Vec::new();
    for group in overlapping_groups(&boxes(&polygons)) {
        let group = MultiPolygon::new(group.iter().map(|&i| polygons[i].clone()).collect());
        crate::value::check_extent(&group)?;
        let none = MultiPolygon::new(Vec::new());
        out.extend(group.union_with_fill_rule(&none, FillRule::NonZero).0);
    }
    Ok(oriented(out))
}

/// The union of `polygons` (each valid, but they may overlap) as the overlays of
/// [`crate::overlay`] need it: as [`union`], but with the vertices of the result that are
/// input vertices or crossings of input edges given back their exact coordinates, and refused
/// where the overlay's grid cannot resolve a polygon ([`check_resolution`]).
pub(crate) fn union_exact(polygons: &[Polygon<f64>]) -> Result<Vec<Polygon<f64>>, GeomError> {
    let mut out = Vec::new();
    for group in overlapping_groups(&boxes(polygons)) {
        let members: Vec<&Polygon<f64>> = group.iter().map(|&i| &polygons[i]).collect();
        if let [single] = members.as_slice() {
            out.push((*single).clone());
            continue;
        }
        let owned: Vec<Polygon<f64>> = members.iter().map(|&p| p.clone()).collect();
        let step = check_resolution(&owned, &members)?;
        let result = geo::unary_union(&owned).0;
        let sides: Vec<usize> = (0..members.len()).collect();
        out.extend(exact_vertices(result, &members, &sides, step));
    }
    Ok(oriented(out))
}

/// `op` applied to the areas of `a` and `b`, each a valid polygonal geometry (its polygons
/// apart but for touching points) with shells counter-clockwise and holes clockwise.
///
/// The polygons are overlaid in groups whose boxes overlap, as [`union`] does: a group of
/// polygons of one side only is returned unchanged (or dropped, when `op` keeps nothing of that
/// side), so parts away from the other geometry keep their exact coordinates. An intersection
/// only overlays what lies in both sides' boxes, and a difference what of `b` lies in `a`'s
/// (cut exactly along the box), so that small inputs are overlaid on a fine grid. Result
/// vertices that are input vertices or crossings of `a`'s and `b`'s edges get their exact
/// coordinates back; a polygon too small for the grid is refused ([`check_resolution`]).
pub(crate) fn boolean_op(
    a: &[Polygon<f64>],
    b: &[Polygon<f64>],
    op: OpType,
) -> Result<Vec<Polygon<f64>>, GeomError> {
    let all: Vec<&Polygon<f64>> = a.iter().chain(b).collect();
    let mut out = Vec::new();
    for group in overlapping_groups(&all.iter().map(|p| p.bounding_rect()).collect::<Vec<_>>()) {
        let (of_a, of_b): (Vec<usize>, Vec<usize>) = group.iter().partition(|&&i| i < a.len());
        match (of_a.is_empty(), of_b.is_empty()) {
            (false, false) => {}
            (false, true) if op != OpType::Intersection => {
                out.extend(of_a.iter().map(|&i| all[i].clone()));
                continue;
            }
            (true, false) if matches!(op, OpType::Union | OpType::Xor) => {
                out.extend(of_b.iter().map(|&i| all[i].clone()));
                continue;
            }
            _ => continue,
        }
        let box_of = |indices: &[usize]| {
            MultiPolygon::new(indices.iter().map(|&i| all[i].clone()).collect()).bounding_rect()
        };
        let (box_a, box_b) = (box_of(&of_a), box_of(&of_b));
        let clip_box = match op {
            OpType::Intersection => box_a
                .zip(box_b)
                .and_then(|(p, q)| rect_intersection(&p, &q)),
            _ => None,
        };
        let side = |indices: &[usize], clip: Option<Rect<f64>>| {
            MultiPolygon::new(
                indices
                    .iter()
                    .map(|&i| clip.map_or_else(|| all[i].clone(), |r| clip_polygon(all[i], &r)))
                    .collect(),
            )
        };
        let side_a = side(&of_a, clip_box);
        let side_b = side(
            &of_b,
            clip_box.or(if op == OpType::Difference {
                box_a
            } else {
                None
            }),
        );
        let members: Vec<&Polygon<f64>> = group.iter().map(|&i| all[i]).collect();
        let overlaid: Vec<Polygon<f64>> = side_a.0.iter().chain(&side_b.0).cloned().collect();
        let step = check_resolution(&overlaid, &members)?;
        let result = side_a.boolean_op(&side_b, op).0;
        let sides: Vec<usize> = group.iter().map(|&i| usize::from(i >= a.len())).collect();
        out.extend(exact_vertices(result, &members, &sides, step));
    }
    Ok(oriented(out))
}

/// The overlay snaps coordinates to a grid of 2^30 steps across the box of what it overlays,
/// so a polygon of only a few steps would be distorted or lost (a unit square differenced from
/// a square 1e16 wide). Returns the grid step, or refuses a group in which a polygon spans
/// fewer than [`MIN_GRID_STEPS`] steps.
fn check_resolution(overlaid: &[Polygon<f64>], inputs: &[&Polygon<f64>]) -> Result<f64, GeomError> {
    let overlaid_box = MultiPolygon::new(overlaid.to_vec()).bounding_rect();
    crate::value::check_extent(&MultiPolygon::new(overlaid.to_vec()))?;
    let Some(extent_box) = overlaid_box else {
        return Ok(0.0);
    };
    let extent = extent_box.width().max(extent_box.height());
    let step = extent / f64::from(1u32 << 30);
    for polygon in inputs {
        let Some(own) = polygon
            .bounding_rect()
            .and_then(|r| rect_intersection(&r, &extent_box))
        else {
            continue;
        };
        let size = own.width().max(own.height());
        if size > 0.0 && size < MIN_GRID_STEPS * step {
            return Err(GeomError::Unsupported(format!(
                "a polygon {size:e} wide is below the precision of an overlay {extent:e} wide \
                 (at least {:e}); overlay it with geometries nearer its size",
                MIN_GRID_STEPS * step
            )));
        }
    }
    Ok(step)
}

/// The smallest polygon the overlay computes, in steps of its grid.
const MIN_GRID_STEPS: f64 = 16.0;

/// `result` with each vertex that lies within a few grid steps of an exact point it stands for
/// moved onto it: a vertex of an input polygon, or a crossing of edges of inputs of different
/// `sides`. Rings that this collapses are dropped; if the polygons moved are not valid, `result`
/// is returned as it is.
fn exact_vertices(
    result: Vec<Polygon<f64>>,
    inputs: &[&Polygon<f64>],
    sides: &[usize],
    step: f64,
) -> Vec<Polygon<f64>> {
    let tolerance = 4.0 * step;
    if tolerance == 0.0 {
        return result;
    }
    let rings: Vec<(usize, Vec<Coord<f64>>)> = inputs
        .iter()
        .zip(sides)
        .flat_map(|(p, &side)| {
            std::iter::once(p.exterior())
                .chain(p.interiors())
                .map(move |r| {
                    let mut coords = r.0.clone();
                    coords.dedup();
                    (side, coords)
                })
        })
        .collect();
    let mut exact: Vec<Coord<f64>> = rings.iter().flat_map(|(_, r)| r.iter().copied()).collect();
    let strings: Vec<&[Coord<f64>]> = rings.iter().map(|(_, r)| r.as_slice()).collect();
    crate::noding::box_pairs(&strings, |s, t| {
        if rings[s.string].0 != rings[t.string].0 {
            let (p, q) = (strings[s.string], strings[t.string]);
            if let Some(crate::noding::Meeting::Point { at, proper: true }) =
                crate::noding::meet(p[s.index], p[s.index + 1], q[t.index], q[t.index + 1])
            {
                exact.push(at);
            }
        }
        std::ops::ControlFlow::Continue(())
    });
    let cell = |c: Coord<f64>| {
        (
            (c.x / tolerance).floor() as i64,
            (c.y / tolerance).floor() as i64,
        )
    };
    let mut grid: foldhash::HashMap<(i64, i64), Vec<Coord<f64>>> = foldhash::HashMap::default();
    for c in exact {
        grid.entry(cell(c)).or_default().push(c);
    }
    let snap = |c: Coord<f64>| {
        let (x, y) = cell(c);
        let mut best: Option<(f64, Coord<f64>)> = None;
        for dx in -1..=1 {
            for dy in -1..=1 {
                for &candidate in grid.get(&(x + dx, y + dy)).into_iter().flatten() {
                    let distance = (candidate.x - c.x).abs().max((candidate.y - c.y).abs());
                    if distance <= tolerance && best.is_none_or(|(d, _)| distance < d) {
                        best = Some((distance, candidate));
                    }
                }
            }
        }
        best.map_or(c, |(_, candidate)| candidate)
    };
    let snap_ring = |ring: &LineString<f64>| {
        let mut coords: Vec<Coord<f64>> = ring.0.iter().map(|&c| snap(c)).collect();
        coords.dedup();
        (coords.len() >= 4).then_some(LineString(coords))
    };
    let exact: Vec<Polygon<f64>> = result
        .iter()
        .filter_map(|polygon| {
            let shell = snap_ring(polygon.exterior())?;
            let holes = polygon.interiors().iter().filter_map(snap_ring).collect();
            Some(Polygon::new(shell, holes))
        })
        .collect();
    // Two vertices the grid kept apart may stand for one exact point (a sliver narrower than a
    // step), and moving both onto it would make rings overlap: then the grid's result stays.
    let shape = geo::Geometry::MultiPolygon(MultiPolygon::new(exact));
    if crate::validity::check(&shape, crate::validity::Rules::Ogc).is_some() {
        return result;
    }
    match shape {
        geo::Geometry::MultiPolygon(exact) => exact.0,
        _ => result,
    }
}

fn rect_intersection(p: &Rect<f64>, q: &Rect<f64>) -> Option<Rect<f64>> {
    let min = Coord {
        x: p.min().x.max(q.min().x),
        y: p.min().y.max(q.min().y),
    };
    let max = Coord {
        x: p.max().x.min(q.max().x),
        y: p.max().y.min(q.max().y),
    };
    (min.x <= max.x && min.y <= max.y).then(|| Rect::new(min, max))
}

/// `polygon` cut to `rect`, ring by ring (Sutherland and Hodgman's clipping): each ring keeps
/// the part of its area inside `rect`, possibly with edges doubled back along `rect`'s sides,
/// which the overlay disregards.
fn clip_polygon(polygon: &Polygon<f64>, rect: &Rect<f64>) -> Polygon<f64> {
    let clip = |ring: &LineString<f64>| {
        let mut points: Vec<Coord<f64>> = ring.0.clone();
        points.pop();
        let (min, max) = (rect.min(), rect.max());
        // Each side of the box: whether a point is inside it, and where a segment crosses it.
        type Inside = fn(Coord<f64>, f64) -> bool;
        let sides: [(Inside, f64, bool); 4] = [
            (|c, v| c.x >= v, min.x, true),
            (|c, v| c.x <= v, max.x, true),
            (|c, v| c.y >= v, min.y, false),
            (|c, v| c.y <= v, max.y, false),
        ];
        for (inside, value, vertical) in sides {
            let mut kept = Vec::with_capacity(points.len() + 4);
            for (i, &current) in points.iter().enumerate() {
                let previous = points[(i + points.len() - 1) % points.len()];
                let cross = || {
                    if vertical {
                        let t = (value - previous.x) / (current.x - previous.x);
                        Coord {
                            x: value,
                            y: previous.y + t * (current.y - previous.y),
                        }
                    } else {
                        let t = (value - previous.y) / (current.y - previous.y);
                        Coord {
                            x: previous.x + t * (current.x - previous.x),
                            y: value,
                        }
                    }
                };
                match (inside(previous, value), inside(current, value)) {
                    (true, true) => kept.push(current),
                    (true, false) => kept.push(cross()),
                    (false, true) => {
                        kept.push(cross());
                        kept.push(current);
                    }
                    (false, false) => {}
                }
            }
            points = kept;
            if points.is_empty() {
                break;
            }
        }
        if let Some(&first) = points.first() {
            points.push(first);
        }
        LineString(points)
    };
    Polygon::new(
        clip(polygon.exterior()),
        polygon
            .interiors()
            .iter()
            .map(clip)
            .filter(|r| !r.0.is_empty())
            .collect(),
    )
}

/// Polygons with shells counter-clockwise and holes clockwise. The overlay may give a hole
/// that touches its shell the shell's direction, and a later union, which takes the fill rule
/// from the winding, would then fill it.
fn oriented(polygons: Vec<Polygon<f64>>) -> Vec<Polygon<f64>> {
    polygons
        .into_iter()
        .map(|p| p.orient(Direction::Default))
        .collect()
}

fn boxes(polygons: &[Polygon<f64>]) -> Vec<Option<geo::Rect<f64>>> {
    polygons.iter().map(|p| p.bounding_rect()).collect()
}

/// Indices of the items whose bounding boxes overlap, directly or through others of the group.
/// The overlay snaps coordinates to a grid of 2^30 steps across the extent of what it joins,
/// so one pass over polygons far apart (a circle of radius 180 and another 1e16 away) snaps
/// the small ones away; polygons of different groups cannot overlap, so each group is joined
/// alone, on a grid as fine as its own extent. An item without a box, or with a NaN in it, is
/// a group of its own. Found by the `aggregate` fuzz target (docs/reliability.md, bug 22).
fn overlapping_groups(boxes: &[Option<geo::Rect<f64>>]) -> Vec<Vec<usize>> {
    // Sweep the boxes by their left edges; the boxes still open at an edge are the candidates.
    let mut order: Vec<usize> = (0..boxes.len()).filter(|&i| boxes[i].is_some()).collect();
    let rect = |i: usize| boxes[i].expect("only items with a box are swept");
    order.sort_by(|&a, &b| rect(a).min().x.total_cmp(&rect(b).min().x));
    let mut parent: Vec<usize> = (0..boxes.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut open: Vec<usize> = Vec::new();
    for &i in &order {
        let this = rect(i);
        open.retain(|&j| rect(j).max().x >= this.min().x);
        for &j in &open {
            let other = rect(j);
            if other.min().y <= this.max().y && this.min().y <= other.max().y {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a] = b;
            }
        }
        open.push(i);
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of_root = foldhash::HashMap::default();
    for i in 0..boxes.len() {
        let at = *group_of_root
            .entry(root(&mut parent, i))
            .or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
        groups[at].push(i);
    }
    groups
}

fn type_name(shape: &geo::Geometry<f64>) -> &'static str {
    match shape {
        geo::Geometry::Point(_) => "point",
        geo::Geometry::Line(_) | geo::Geometry::LineString(_) => "line string",
        geo::Geometry::MultiPoint(_) => "multipoint",
        geo::Geometry::MultiLineString(_) => "multilinestring",
        _ => "geometry",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};
    use geo::Area;

    #[test]
    fn overlapping_squares_merge() {
        let mut all = Vec::new();
        for text in [
            "POLYGON((0 0,2 0,2 2,0 2,0 0))",
            "MULTIPOLYGON(((1 1,3 1,3 3,1 3,1 1)),((10 10,11 10,11 11,10 10)))",
            "POLYGON EMPTY",
        ] {
            all.extend(polygons(&geo(&wkb(text))).unwrap());
        }
        let merged = union(&all).unwrap();
        assert_eq!(merged.0.len(), 2);
        assert!((merged.unsigned_area() - 7.5).abs() < 1e-9);
    }

    #[test]
    fn polygons_wound_either_way_are_all_kept() {
        let mut all = Vec::new();
        // Clockwise, then counter-clockwise, and apart.
        for text in [
            "POLYGON((0 0,0 1,1 1,1 0,0 0))",
            "POLYGON((5 5,6 5,6 6,5 6,5 5))",
        ] {
            all.extend(polygons(&geo(&wkb(text))).unwrap());
        }
        assert_eq!(union(&all).unwrap().0.len(), 2);
    }

    /// One overlay pass over both would snap the unit squares to a grid of steps of about
    /// 1e7 and lose them; each is unioned on its own grid instead.
    #[test]
    fn polygons_far_apart_are_unioned_apart() {
        let mut all = Vec::new();
        for text in [
            "POLYGON((0 0,1 0,1 1,0 1,0 0))",
            "POLYGON((0.5 0.5,1.5 0.5,1.5 1.5,0.5 1.5,0.5 0.5))",
            "POLYGON((0 1e16,4 1e16,4 10000000000000004,0 10000000000000004,0 1e16))",
        ] {
            all.extend(polygons(&geo(&wkb(text))).unwrap());
        }
        let merged = union(&all).unwrap();
        assert_eq!(merged.0.len(), 2);
        assert!((merged.0[0].unsigned_area() - 1.75).abs() < 1e-9);
        assert!((merged.0[1].unsigned_area() - 16.0).abs() < 1e-9);
        let valid = make_valid(all).unwrap();
        assert!((MultiPolygon::new(valid).unsigned_area() - 17.75).abs() < 1e-9);
    }

    #[test]
    fn lines_are_refused() {
        let err = polygons(&geo(&wkb("LINESTRING(0 0,1 1)"))).unwrap_err();
        assert_eq!(
            err,
            GeomError::Unsupported("only polygons can be unioned, got a line string".into())
        );
    }
}
