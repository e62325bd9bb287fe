//! Unions of polygons.
use geo::bool_ops::FillRule;
use geo::orient::Direction;
use geo::{BooleanOps, BoundingRect, MultiPolygon, Orient, Polygon};

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
    for group in overlapping_groups(polygons.to_vec()) {
        crate::value::check_extent(&group)?;
        out.extend(geo::unary_union(&group.0).0);
    }
    Ok(MultiPolygon::new(out))
}

/// The area that `polygons` enclose, counting a point as inside when its rings wind around it
/// at all (the non-zero rule), as valid polygons: a bow tie becomes its two triangles and
/// overlapping parts merge, as GEOS's `MakeValid` makes them. A plain union takes the fill
/// rule from the first ring's winding, and so drops the lobe of a bow tie wound the other way.
pub fn make_valid(polygons: Vec<Polygon<f64>>) -> Result<Vec<Polygon<f64>>, GeomError> {
    let mut out = Vec::new();
    for group in overlapping_groups(polygons) {
        crate::value::check_extent(&group)?;
        let none = MultiPolygon::new(Vec::new());
        out.extend(group.union_with_fill_rule(&none, FillRule::NonZero).0);
    }
    Ok(out)
}

/// `polygons` in groups whose bounding boxes overlap, directly or through others of the group.
/// The overlay snaps coordinates to a grid of 2^30 steps across the extent of what it joins,
/// so one pass over polygons far apart (a circle of radius 180 and another 1e16 away) snaps
/// the small ones away; polygons of different groups cannot overlap, so each group is joined
/// alone, on a grid as fine as its own extent. A polygon without a box, or with a NaN in it,
/// is a group of its own. Found by the `aggregate` fuzz target (docs/reliability.md, bug 22).
fn overlapping_groups(polygons: Vec<Polygon<f64>>) -> Vec<MultiPolygon<f64>> {
    let boxes: Vec<Option<geo::Rect<f64>>> = polygons.iter().map(|p| p.bounding_rect()).collect();
    // Sweep the boxes by their left edges; the boxes still open at an edge are the candidates.
    let mut order: Vec<usize> = (0..polygons.len())
        .filter(|&i| boxes[i].is_some())
        .collect();
    let rect = |i: usize| boxes[i].expect("only polygons with a box are swept");
    order.sort_by(|&a, &b| rect(a).min().x.total_cmp(&rect(b).min().x));
    let mut parent: Vec<usize> = (0..polygons.len()).collect();
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
    let mut groups: Vec<MultiPolygon<f64>> = Vec::new();
    let mut group_of_root = std::collections::HashMap::new();
    for (i, polygon) in polygons.into_iter().enumerate() {
        let at = *group_of_root
            .entry(root(&mut parent, i))
            .or_insert_with(|| {
                groups.push(MultiPolygon::new(Vec::new()));
                groups.len() - 1
            });
        groups[at].0.push(polygon);
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
