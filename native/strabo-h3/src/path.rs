//! Paths of cells along a segment, as H3 draws them between the segment's end cells.
use h3o::{CellIndex, LatLng, Resolution};
use strabo_geom::GeomError;

use crate::check_size;

/// How often a segment may be halved: far more than the ~25 halvings that take the longest
/// segment down to neighbouring cells at resolution 15, so only a bug could reach it.
const MAX_HALVINGS: u32 = 64;

/// Appends the cells of the segment from `a` to `b` to `path`, each a neighbour of the one
/// before (a cell already last in `path` is not repeated); a path longer than `limit` cells is
/// an error. H3's `gridPathCells` between the
/// cells of the two ends draws it where it can: in H3's grid, close to the great circle, not to
/// the straight line in longitude/latitude. Where it cannot (ends too far apart, or on either
/// side of a pentagon), the segment is halved at its great-circle midpoint and each half drawn
/// the same way. Sedona falls back instead on cells sampled along the straight line and
/// repaired into a path, so the two can differ there.
pub(crate) fn segment(
    a: LatLng,
    b: LatLng,
    resolution: Resolution,
    limit: usize,
    path: &mut Vec<CellIndex>,
) -> Result<(), GeomError> {
    Drawing { resolution, limit }.draw(a, b, MAX_HALVINGS, path)
}

/// The cells [`segment`] draws between the centres of two cells of one resolution.
pub(crate) fn between_centres(
    from: CellIndex,
    to: CellIndex,
    limit: usize,
) -> Result<Vec<CellIndex>, GeomError> {
    let mut path = Vec::new();
    let (a, b) = (LatLng::from(from), LatLng::from(to));
    segment(a, b, from.resolution(), limit, &mut path)?;
    Ok(path)
}

struct Drawing {
    resolution: Resolution,
    limit: usize,
}

impl Drawing {
    fn draw(
        &self,
        a: LatLng,
        b: LatLng,
        halvings_left: u32,
        path: &mut Vec<CellIndex>,
    ) -> Result<(), GeomError> {
        let (from, to) = (a.to_cell(self.resolution), b.to_cell(self.resolution));
        if from == to {
            return self.push(path, from);
        }
        if let Some(cells) = self.grid_path(from, to, path.len())? {
            return cells.into_iter().try_for_each(|cell| self.push(path, cell));
        }
        if from.is_neighbor_with(to) == Ok(true) || halvings_left == 0 {
            self.push(path, from)?;
            return self.push(path, to);
        }
        let middle = midpoint(a, b);
        self.draw(a, middle, halvings_left - 1, path)?;
        self.draw(middle, b, halvings_left - 1, path)
    }

    /// H3's `gridPathCells`, or `None` where H3 cannot draw it. A path that would take `path`
    /// past the limit is refused before it is drawn.
    fn grid_path(
        &self,
        from: CellIndex,
        to: CellIndex,
        already: usize,
    ) -> Result<Option<Vec<CellIndex>>, GeomError> {
        let Ok(distance) = from.grid_distance(to) else {
            return Ok(None);
        };
        check_size(
            already.saturating_add(distance.unsigned_abs() as usize),
            self.limit,
        )?;
        let Ok(cells) = from.grid_path_cells(to) else {
            return Ok(None);
        };
        Ok(cells.collect::<Result<Vec<_>, _>>().ok())
    }

    fn push(&self, path: &mut Vec<CellIndex>, cell: CellIndex) -> Result<(), GeomError> {
        if path.last() != Some(&cell) {
            check_size(path.len() + 1, self.limit)?;
            path.push(cell);
        }
        Ok(())
    }
}

/// The midpoint of the great-circle arc from `a` to `b`. Antipodes are joined by every great
/// circle; the one through their midpoint in longitude and latitude is taken.
fn midpoint(a: LatLng, b: LatLng) -> LatLng {
    let unit = |p: LatLng| {
        let (lat, lng) = (p.lat_radians(), p.lng_radians());
        [lat.cos() * lng.cos(), lat.cos() * lng.sin(), lat.sin()]
    };
    let (p, q) = (unit(a), unit(b));
    let sum = [p[0] + q[0], p[1] + q[1], p[2] + q[2]];
    let norm = (sum[0] * sum[0] + sum[1] * sum[1] + sum[2] * sum[2]).sqrt();
    let (lat, lng) = if norm < 1e-12 {
        (
            (a.lat_radians() + b.lat_radians()) / 2.0,
            (a.lng_radians() + b.lng_radians()) / 2.0,
        )
    } else {
        (
            (sum[2] / norm).clamp(-1.0, 1.0).asin(),
            sum[1].atan2(sum[0]),
        )
    };
    // Finite, since both ends are.
    LatLng::from_radians(lat, lng).unwrap_or(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn midpoints() {
        let at = |lon: f64, lat: f64| LatLng::new(lat, lon).unwrap();
        let close = |p: LatLng, lon: f64, lat: f64| {
            assert!(
                (p.lng() - lon).abs() < 1e-9 && (p.lat() - lat).abs() < 1e-9,
                "{p}"
            );
        };
        close(midpoint(at(0.0, 0.0), at(90.0, 0.0)), 45.0, 0.0);
        // Across the antimeridian, the short way.
        let across = midpoint(at(170.0, 0.0), at(-170.0, 0.0));
        assert!((across.lng().abs() - 180.0).abs() < 1e-9, "{across}");
        // Across the pole, where any longitude will do.
        assert!((midpoint(at(0.0, 80.0), at(180.0, 80.0)).lat() - 90.0).abs() < 1e-9);
        // Antipodes.
        close(midpoint(at(0.0, 0.0), at(180.0, 0.0)), 90.0, 0.0);
    }
}
