//! Cutting a geometry into parts of few vertices (`ST_Subdivide`), as PostGIS does.
use geo::{BooleanOps, BoundingRect, Coord, CoordsIter, Geometry, LineString, MultiPoint, Rect};

use crate::parts::{dimension, ring_signed_area};
use crate::simplify::simplify_shape;
use crate::{Geo, GeomError};

/// The fewest vertices a part may be asked to have.
pub const MIN_MAX_VERTICES: usize = 5;

/// How deep the halving goes before a part is returned whatever its size (2^50 halvings).
const MAX_DEPTH: usize = 50;

/// How far a box of no width or height is widened to cut it (PostGIS's `FP_TOLERANCE`).
const FLAT_BOX_MARGIN: f64 = 1e-12;

/// The parts PostGIS's `ST_Subdivide(geom, max_vertices)` cuts `geometry` into: each with at
/// most `max_vertices` vertices (closing points of rings counted), together covering it.
/// Collections are cut part by part; a part with too many vertices is cut in two across the
/// longer side of its box (at the vertex nearest the middle for a polygon, so that cuts add
/// few vertices), and each half cut again, at most 50 times deep. Polygons give polygons,
/// lines line strings and multipoints multipoints (or points); only parts of the input's
/// highest dimension are returned, so the points of a collection of points and polygons are
/// dropped, as in PostGIS. A cut drops the vertices left lying straight between their
/// neighbours.
///
/// EMPTY gives no part. `max_vertices` below 5 is refused, as PostGIS refuses it; so are NaN
/// or infinite coordinates. Differences: polygons are cut with `geo`'s overlay, which snaps
/// coordinates to a grid of about 2^-30 of their extent, so vertices may move by that much;
/// where PostGIS's overlay and `geo`'s split a cut polygon differently the parts differ, though
/// they cover the same area.
pub fn subdivide(geometry: &Geo, max_vertices: usize) -> Result<Vec<Geometry<f64>>, GeomError> {
    if max_vertices < MIN_MAX_VERTICES {
        return Err(GeomError::InvalidParameter(format!(
            "ST_Subdivide cannot subdivide to fewer than {MIN_MAX_VERTICES} vertices per \
             part, got {max_vertices}"
        )));
    }
    // Checked as overlays need: finite, of a sane extent, without empty rings.
    let Some(shape) = geometry.overlay_shape()? else {
        return Ok(Vec::new());
    };
    let Some(dimension) = dimension(&shape) else {
        return Ok(Vec::new());
    };
    let mut parts = Vec::new();
    Subdivision {
        dimension,
        max_vertices,
        parts: &mut parts,
    }
    .cut(&shape, 0)?;
    Ok(parts)
}

/// The box PostGIS stores with a serialized geometry (all but points, two-point lines and
/// one-point multipoints), in single precision rounded outwards: a subdivision starts from it,
/// so the first cut of a line or multipoint is at the middle of that box. Cut parts are boxed
/// exactly.
fn stored_box(shape: &Geometry<f64>, bbox: Rect<f64>) -> Rect<f64> {
    let stored = match shape {
        Geometry::Point(_) => false,
        Geometry::LineString(line) => line.0.len() > 2,
        Geometry::MultiPoint(points) => points.0.len() > 1,
        _ => true,
    };
    if !stored {
        return bbox;
    }
    let down = |v: f64| {
        let f = v as f32;
        f64::from(if f64::from(f) <= v { f } else { f.next_down() })
    };
    let up = |v: f64| {
        let f = v as f32;
        f64::from(if f64::from(f) >= v { f } else { f.next_up() })
    };
    let (min, max) = (bbox.min(), bbox.max());
    Rect::new(
        Coord {
            x: down(min.x),
            y: down(min.y),
        },
        Coord {
            x: up(max.x),
            y: up(max.y),
        },
    )
}

struct Subdivision<'a> {
    dimension: u8,
    max_vertices: usize,
    parts: &'a mut Vec<Geometry<f64>>,
}

impl Subdivision<'_> {
    fn cut(&mut self, shape: &Geometry<f64>, depth: usize) -> Result<(), GeomError> {
        match shape {
            Geometry::MultiLineString(lines) => {
                for line in lines {
                    self.cut(&Geometry::LineString(line.clone()), depth)?;
                }
                return Ok(());
            }
            Geometry::MultiPolygon(polygons) => {
                for polygon in polygons {
                    self.cut(&Geometry::Polygon(polygon.clone()), depth)?;
                }
                return Ok(());
            }
            Geometry::GeometryCollection(parts) => {
                for part in parts {
                    self.cut(part, depth)?;
                }
                return Ok(());
            }
            _ => {}
        }
        let Some(bbox) = shape.bounding_rect() else {
            return Ok(());
        };
        let Some(dimension) = dimension(shape) else {
            return Ok(());
        };
        if bbox.width() == 0.0 && bbox.height() == 0.0 {
            if dimension == 0 && self.dimension == 0 {
                self.parts.push(shape.clone());
            }
            return Ok(());
        }
        // Lower-dimension leftovers of a cut (a polygon touching the cut along an edge).
        if dimension < self.dimension {
            return Ok(());
        }
        let vertices = shape.coords_count();
        if depth > MAX_DEPTH || vertices <= self.max_vertices {
            if vertices > 0 {
                self.parts.push(shape.clone());
            }
            return Ok(());
        }
        let clip = widen_if_flat(if depth == 0 {
            stored_box(shape, bbox)
        } else {
            bbox
        });
        for half in halves(shape, clip, vertices) {
            if let Some(piece) = clipped(shape, half)? {
                self.cut(&piece, depth + 1)?;
            }
        }
        Ok(())
    }
}

fn widen_if_flat(bbox: Rect<f64>) -> Rect<f64> {
    let (mut min, mut max) = (bbox.min(), bbox.max());
    if bbox.width() == 0.0 {
        min.x -= FLAT_BOX_MARGIN;
        max.x += FLAT_BOX_MARGIN;
    }
    if bbox.height() == 0.0 {
        min.y -= FLAT_BOX_MARGIN;
        max.y += FLAT_BOX_MARGIN;
    }
    Rect::new(min, max)
}

/// The two halves of `clip`, cut across its longer side at its middle, or for a polygon at
/// the vertex nearest the middle (of its largest hole, if the holes have as many vertices as
/// the shell or more) unless that vertex is on the box's edge.
fn halves(shape: &Geometry<f64>, clip: Rect<f64>, vertices: usize) -> [Rect<f64>; 2] {
    let across_x = clip.width() > clip.height();
    let along = |c: Coord<f64>| if across_x { c.x } else { c.y };
    let (low, high) = (along(clip.min()), along(clip.max()));
    let centre = (low + high) / 2.0;
    let mut cut = centre;
    if let Geometry::Polygon(polygon) = shape {
        let shell = polygon.exterior();
        let mut ring = shell;
        if vertices >= 2 * shell.0.len() {
            let mut largest = 0.0;
            for hole in polygon.interiors() {
                let area = ring_signed_area(&hole.0).abs();
                if area >= largest {
                    largest = area;
                    ring = hole;
                }
            }
        }
        let nearest =
            ring.0
                .iter()
                .map(|&c| along(c))
                .fold(None, |best: Option<f64>, v| match best {
                    Some(b) if (b - centre).abs() <= (v - centre).abs() => Some(b),
                    _ => Some(v),
                });
        if let Some(pivot) = nearest {
            if (pivot - low).abs() > FLAT_BOX_MARGIN && (pivot - high).abs() > FLAT_BOX_MARGIN {
                cut = pivot;
            }
        }
    }
    let (min, max) = (clip.min(), clip.max());
    if across_x {
        [
            Rect::new(min, Coord { x: cut, y: max.y }),
            Rect::new(Coord { x: cut, y: min.y }, max),
        ]
    } else {
        [
            Rect::new(min, Coord { x: max.x, y: cut }),
            Rect::new(Coord { x: min.x, y: cut }, max),
        ]
    }
}

/// The part of `shape` (a point, multipoint, line or polygon) inside the closed box, with the
/// vertices left lying straight between their neighbours dropped (PostGIS simplifies each cut
/// with tolerance 0); `None` if nothing is left.
fn clipped(shape: &Geometry<f64>, clip: Rect<f64>) -> Result<Option<Geometry<f64>>, GeomError> {
    let inside = |c: &Coord<f64>| {
        c.x >= clip.min().x && c.x <= clip.max().x && c.y >= clip.min().y && c.y <= clip.max().y
    };
    let piece = match shape {
        Geometry::Point(p) => inside(&p.0).then(|| shape.clone()),
        Geometry::MultiPoint(points) => {
            // In x-then-y order, as GEOS's overlay returns them.
            let mut kept: Vec<_> = points.iter().filter(|p| inside(&p.0)).copied().collect();
            kept.sort_by(|a, b| a.x().total_cmp(&b.x()).then(a.y().total_cmp(&b.y())));
            match kept.len() {
                0 => None,
                1 => Some(Geometry::Point(kept[0])),
                _ => Some(Geometry::MultiPoint(MultiPoint(kept))),
            }
        }
        Geometry::LineString(line) => {
            let runs: Vec<LineString<f64>> = clip_line(&line.0, clip)
                .into_iter()
                .map(LineString)
                .collect();
            match runs.len() {
                0 => None,
                1 => runs.into_iter().next().map(Geometry::LineString),
                _ => Some(Geometry::MultiLineString(geo::MultiLineString(runs))),
            }
        }
        Geometry::Polygon(polygon) => {
            crate::value::check_extent(polygon)?;
            let cut = polygon.intersection(&clip.to_polygon());
            (!cut.0.is_empty()).then_some(Geometry::MultiPolygon(cut))
        }
        other => Some(other.clone()),
    };
    Ok(piece.and_then(|piece| simplify_shape(&piece, 0.0, true)))
}

/// The stretches of a line inside the closed box, each of more than one point, also split at
/// every vertex on the box's edge: GEOS's overlay nodes the line where it touches the box, and
/// PostGIS cuts with the box of the part itself, so a line is split at its extreme vertices.
fn clip_line(coords: &[Coord<f64>], clip: Rect<f64>) -> Vec<Vec<Coord<f64>>> {
    let on_edge = |c: Coord<f64>| {
        c.x == clip.min().x || c.x == clip.max().x || c.y == clip.min().y || c.y == clip.max().y
    };
    let mut runs: Vec<Vec<Coord<f64>>> = Vec::new();
    let mut current: Vec<Coord<f64>> = Vec::new();
    let mut close = |current: &mut Vec<Coord<f64>>| {
        if current.len() > 1 {
            runs.push(std::mem::take(current));
        }
        current.clear();
    };
    for pair in coords.windows(2) {
        let Some((a, b)) = clip_segment(pair[0], pair[1], clip) else {
            close(&mut current);
            continue;
        };
        // A new run where the segment does not continue the last, or leaves a vertex on the edge.
        if current.last() != Some(&a) || (current.len() > 1 && on_edge(a)) {
            close(&mut current);
            current.push(a);
        }
        if a != b {
            current.push(b);
        }
    }
    close(&mut current);
    runs
}

/// The part of segment `a b` inside the closed box (Liang-Barsky), keeping the original
/// coordinates where an end is inside.
fn clip_segment(a: Coord<f64>, b: Coord<f64>, clip: Rect<f64>) -> Option<(Coord<f64>, Coord<f64>)> {
    let d = b - a;
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-d.x, a.x - clip.min().x),
        (d.x, clip.max().x - a.x),
        (-d.y, a.y - clip.min().y),
        (d.y, clip.max().y - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    let at = |t: f64, end: Coord<f64>| {
        if t == 0.0 {
            a
        } else if t == 1.0 {
            end
        } else {
            a + d * t
        }
    };
    Some((at(t0, b), at(t1, b)))
}

#[cfg(test)]
mod tests;
