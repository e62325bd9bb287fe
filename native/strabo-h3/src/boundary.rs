//! Cells as polygons in longitude and latitude.
use geo::{Coord, Geometry, LineString, MultiPolygon, Orient, Polygon};
use h3o::{CellIndex, LatLng};
use strabo_geom::GeomError;

use crate::cell;

/// Sedona's `ST_H3ToGeom` for one cell: its boundary as a polygon, the vertices H3 gives
/// (H3's `cellToBoundary`, counter-clockwise, six for a hexagon, five for a pentagon, up to ten
/// where the cell crosses an icosahedron edge) closed by the first one. Sedona takes the same
/// ring from H3's `cellsToMultiPolygon`, which may start at another vertex.
///
/// A cell that crosses the antimeridian is split along it into a `MultiPolygon` of its east
/// and west parts, and a cell around a pole is drawn as one polygon from -180 to 180 closed
/// along the pole's latitude, so that every result is a valid shape with longitudes in
/// [-180, 180] (Sedona returns H3's vertices as they are, which draws such a cell as a band
/// around the world). An invalid cell id is an error.
pub fn cell_polygon(id: i64) -> Result<Geometry<f64>, GeomError> {
    let cell = cell(id)?;
    let ring: Vec<Coord> = cell
        .boundary()
        .iter()
        .map(|vertex| Coord {
            x: vertex.lng(),
            y: vertex.lat(),
        })
        .collect();
    let crosses = |i: usize| (ring[(i + 1) % ring.len()].x - ring[i].x).abs() > 180.0;
    let Some(first_crossing) = (0..ring.len()).find(|&i| crosses(i)) else {
        return Ok(Geometry::Polygon(Polygon::new(LineString(ring), vec![])));
    };
    Ok(split_at_antimeridian(cell, &ring, first_crossing, crosses))
}

/// Sedona's `ST_H3ToGeom`: the [`cell_polygon`] of each cell, in order. An invalid cell id
/// anywhere is an error.
pub fn cells_polygons(ids: &[i64]) -> Result<Vec<Geometry<f64>>, GeomError> {
    ids.iter().map(|&id| cell_polygon(id)).collect()
}

/// Cuts a cell's ring where its edges cross the antimeridian (`crosses`, the first at edge
/// `first_crossing`). Walking the ring from just after that edge, each run of vertices between
/// two crossings is one part, entered and left at ±180 on the latitude where its edges cross.
/// A part that leaves on the side it entered is closed along the meridian; a cell around a pole
/// crosses once, and its single part is closed along the pole's latitude.
fn split_at_antimeridian(
    cell: CellIndex,
    ring: &[Coord],
    first_crossing: usize,
    crosses: impl Fn(usize) -> bool,
) -> Geometry<f64> {
    let n = ring.len();
    let entry = |i: usize| {
        let (x, y) = crossing(ring[i], ring[(i + 1) % n]);
        Coord { x: -x, y }
    };
    let mut parts: Vec<Vec<Coord>> = Vec::new();
    let mut part = vec![entry(first_crossing)];
    for step in 1..=n {
        let i = (first_crossing + step) % n;
        part.push(ring[i]);
        if crosses(i) {
            let (x, y) = crossing(ring[i], ring[(i + 1) % n]);
            part.push(Coord { x, y });
            parts.push(std::mem::replace(&mut part, vec![entry(i)]));
        }
    }
    let polygons: Vec<Polygon> = parts
        .into_iter()
        .map(|mut part| {
            let (start, end) = (part[0], part[part.len() - 1]);
            if start.x != end.x {
                let pole = if LatLng::from(cell).lat() > 0.0 {
                    90.0
                } else {
                    -90.0
                };
                part.push(Coord { x: end.x, y: pole });
                part.push(Coord {
                    x: start.x,
                    y: pole,
                });
            }
            part.dedup();
            Polygon::new(LineString(part), vec![]).orient(geo::orient::Direction::Default)
        })
        .collect();
    match <[Polygon; 1]>::try_from(polygons) {
        Ok([polygon]) => Geometry::Polygon(polygon),
        Err(polygons) => Geometry::MultiPolygon(MultiPolygon(polygons)),
    }
}

/// Where the edge from `a` to `b`, which spans more than 180° of longitude and so crosses the
/// antimeridian, meets it: the longitude on `a`'s side (180 or -180) and the latitude,
/// interpolated linearly in longitude and latitude as the edge is drawn.
fn crossing(a: Coord, b: Coord) -> (f64, f64) {
    let side = if a.x > 0.0 { 180.0 } else { -180.0 };
    let b_x = b.x + 2.0 * side;
    let t = (side - a.x) / (b_x - a.x);
    (side, a.y + t * (b.y - a.y))
}

#[cfg(test)]
mod tests {
    use geo::{Area, BoundingRect, Validation, Winding};

    use super::*;

    /// The polygons of a cell's shape, each checked valid and counter-clockwise.
    fn polygons(id: i64) -> Vec<Polygon> {
        let polygons = match cell_polygon(id).unwrap() {
            Geometry::Polygon(polygon) => vec![polygon],
            Geometry::MultiPolygon(polygons) => polygons.0,
            other => panic!("{other:?}"),
        };
        for polygon in &polygons {
            assert!(polygon.is_valid(), "{polygon:?}");
            assert!(polygon.exterior().is_ccw(), "{polygon:?}");
        }
        polygons
    }

    fn assert_close(found: f64, expected: f64) {
        assert!((found - expected).abs() < 1e-9, "{found} != {expected}");
    }

    /// Checks a polygon's planar area and bounding box.
    fn assert_shape(polygon: &Polygon, area: f64, bounds: [f64; 4]) {
        assert_close(polygon.unsigned_area(), area);
        let rect = polygon.bounding_rect().unwrap();
        let found = [rect.min().x, rect.min().y, rect.max().x, rect.max().y];
        for (found, expected) in found.into_iter().zip(bounds) {
            assert_close(found, expected);
        }
    }

    #[test]
    fn a_cell() {
        // h3 4.x: cell_to_boundary('8875457969fffff') as (lng, lat), closed.
        let expected = [
            (1.0038301712104134, 1.9944311839965632),
            (1.0057629565404884, 1.9984665139177669),
            (1.0037116327308857, 2.001832524914021),
            (0.9997277993570398, 2.0011632704656717),
            (0.9977951427833237, 1.99712822839324),
            (0.9998461908217658, 1.9937621529331964),
            (1.0038301712104134, 1.9944311839965632),
        ];
        let [polygon] = <[Polygon; 1]>::try_from(polygons(614552609325318143)).unwrap();
        assert!(polygon.interiors().is_empty());
        let found: Vec<(f64, f64)> = polygon.exterior().coords().map(|c| (c.x, c.y)).collect();
        assert_eq!(found.len(), expected.len());
        for (found, expected) in found.into_iter().zip(expected) {
            assert_close(found.0, expected.0);
            assert_close(found.1, expected.1);
        }
    }

    #[test]
    fn a_cell_across_the_antimeridian() {
        // h3 4.x: latlng_to_cell(0, 180, 2) = 587697211383480319. The oracle is shapely: the
        // cell's ring with negative longitudes moved east by 360, clipped at 180, and the part
        // past it moved back by 360.
        let polygons = polygons(587697211383480319);
        assert_eq!(polygons.len(), 2);
        assert_shape(
            &polygons[0],
            4.087986033105114,
            [
                -180.0,
                -0.9361637645983794,
                -178.0788030954064,
                1.8373067061467707,
            ],
        );
        assert_shape(
            &polygons[1],
            1.2470571213977837,
            [
                179.1800491211821,
                -0.7452485382413361,
                180.0,
                1.8554926185476572,
            ],
        );
    }

    #[test]
    fn cells_around_the_poles() {
        // h3 4.x: latlng_to_cell(90, 0, 0) = 576495936675512319. The oracle is shapely: the
        // ring unwrapped into one run of 360° of longitude, closed along latitude 90, has area
        // 3668.600198689157, and it meets longitude 180 at latitude 86.19672397564838.
        let [north] = <[Polygon; 1]>::try_from(polygons(576495936675512319)).unwrap();
        assert_shape(
            &north,
            3668.600198689157,
            [-180.0, 68.92995788193983, 180.0, 90.0],
        );
        // The ring without its closing point.
        let ring = &north.exterior().0[1..];
        let at_180: Vec<f64> = ring
            .iter()
            .filter(|c| c.x.abs() == 180.0 && c.y < 90.0)
            .map(|c| c.y)
            .collect();
        assert_eq!(at_180.len(), 2);
        for y in at_180 {
            assert_close(y, 86.19672397564838);
        }
        // h3 4.x: latlng_to_cell(-90, 0, 1) = 585234855093075967, closed along latitude -90.
        let [south] = <[Polygon; 1]>::try_from(polygons(585234855093075967)).unwrap();
        assert_shape(
            &south,
            1505.233002484375,
            [-180.0, -90.0, 180.0, -82.50396355374554],
        );
    }

    #[test]
    fn several_cells_and_bad_ids() {
        let cells = cells_polygons(&[614552609325318143, 587697211383480319]).unwrap();
        assert!(matches!(
            cells[..],
            [Geometry::Polygon(_), Geometry::MultiPolygon(_)]
        ));
        assert_eq!(cells_polygons(&[]), Ok(vec![]));
        assert_eq!(
            cells_polygons(&[614552609325318143, -3])
                .unwrap_err()
                .to_string(),
            "-3 is not a valid H3 cell id"
        );
    }

    #[test]
    fn every_coarse_cell_is_a_valid_shape() {
        for resolution in [h3o::Resolution::Zero, h3o::Resolution::One] {
            for base in CellIndex::base_cells() {
                for cell in base.children(resolution) {
                    polygons(u64::from(cell) as i64);
                }
            }
        }
    }
}
