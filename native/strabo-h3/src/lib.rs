//! H3 cells (Uber's hierarchical hexagonal grid) of longitude/latitude geometries, as Apache
//! Sedona's `ST_H3*` functions give them, on the `h3o` crate (a Rust port of the H3 C library,
//! which Sedona calls through H3-Java).
//!
//! Coordinates are x = longitude and y = latitude in degrees (SRID 4326). A cell is an `i64`,
//! as Spark's BIGINT holds it: an H3 index never sets its top bit, so the conversion loses
//! nothing, and a negative number is never a cell. A resolution ("level") is 0 (122 cells over
//! the Earth) to 15 (about 1 m²).
//!
//! Results that are lists of cells are capped at [`MAX_CELLS`]: a disk or a cover is refused
//! with an error before it grows past it, since the executor cannot hold an unbounded array
//! (Sedona has no cap and fails with an out-of-memory error instead).
mod boundary;
mod cover;
mod path;

use h3o::{CellIndex, LatLng, Resolution};
use strabo_geom::GeomError;

pub use boundary::{cell_polygon, cells_polygons};
pub use cover::cells_of;

/// The most cells a cover or a disk may have: 2^22, 32 MiB as `i64`s. (`h3o`'s disk walk near a
/// pentagon reserves some 50 bytes per cell of the largest disk `k` could make, whatever the
/// resolution, so a cap on the result is also what keeps that reservation sane.)
pub const MAX_CELLS: usize = 1 << 22;

/// Checks a resolution: 0 to 15.
pub(crate) fn resolution(level: i32) -> Result<Resolution, GeomError> {
    u8::try_from(level)
        .ok()
        .and_then(|level| Resolution::try_from(level).ok())
        .ok_or_else(|| {
            GeomError::InvalidParameter(format!("H3 resolution must be 0 to 15, got {level}"))
        })
}

/// Checks an H3 cell id: a valid index of a cell (not of an edge or a vertex).
pub(crate) fn cell(id: i64) -> Result<CellIndex, GeomError> {
    u64::try_from(id)
        .ok()
        .and_then(|id| CellIndex::try_from(id).ok())
        .ok_or_else(|| GeomError::InvalidParameter(format!("{id} is not a valid H3 cell id")))
}

/// A cell as an `i64`: lossless, since an H3 index never sets the top bit.
fn id(cell: CellIndex) -> i64 {
    u64::from(cell) as i64
}

/// The cell holding the point `(lon, lat)` at resolution `level`: H3's `latLngToCell`. Sedona
/// has no function for it (`ST_H3CellIDs` of a point gives the same cell in a one-element
/// array). Both coordinates must be finite, the latitude within ±90° and the longitude within
/// ±360° (H3 wraps longitudes; Sedona passes any finite number to H3, which wraps latitudes
/// past a pole too). A resolution outside 0 to 15 is an error.
pub fn cell_of_point(lon: f64, lat: f64, level: i32) -> Result<i64, GeomError> {
    let resolution = resolution(level)?;
    Ok(id(lat_lng(lon, lat)?.to_cell(resolution)))
}

/// A coordinate as H3 takes it: finite, the latitude within ±90° and the longitude within
/// ±360°, so that a polygon drawn across the antimeridian with longitudes past 180 (say 179 to
/// 181) is accepted.
pub(crate) fn lat_lng(lon: f64, lat: f64) -> Result<LatLng, GeomError> {
    if !(lon.is_finite() && lat.is_finite()) {
        return Err(GeomError::InvalidParameter(format!(
            "coordinates must be finite numbers, got ({lon} {lat})"
        )));
    }
    if !(-90.0..=90.0).contains(&lat) || !(-360.0..=360.0).contains(&lon) {
        return Err(GeomError::InvalidParameter(format!(
            "H3 needs longitude in [-360, 360] and latitude in [-90, 90], got ({lon} {lat})"
        )));
    }
    LatLng::new(lat, lon).map_err(|e| GeomError::InvalidParameter(e.to_string()))
}

/// Sedona's `ST_H3KRing`: the cells within `k` steps of `cell` (H3's `gridDisk`), the cell
/// first and then ring by ring as H3 orders them; with `exact_ring`, only those exactly `k`
/// steps away (the disk of `k` less the disk of `k - 1`, in the same order, as Sedona computes
/// it). `k` = 0 is the cell itself, even with `exact_ring`. Near a pentagon H3 falls back to
/// a slower walk whose order differs (H3-Java's differs again); the set is the same.
///
/// A negative `k`, an invalid cell, or a `k` whose disk could hold more than [`MAX_CELLS`]
/// cells (`k` above 1181) is an error.
pub fn k_ring(cell: i64, k: i32, exact_ring: bool) -> Result<Vec<i64>, GeomError> {
    let origin = self::cell(cell)?;
    let k = u32::try_from(k)
        .map_err(|_| GeomError::InvalidParameter(format!("k must be 0 or more, got {k}")))?;
    // Checked on the largest disk of `k`, not on the cells the resolution has: `h3o` reserves
    // room for the former.
    let size = h3o::max_grid_disk_size(k);
    if size > MAX_CELLS as u64 {
        return Err(GeomError::InvalidParameter(format!(
            "a disk of k = {k} holds up to {size} cells, more than the {MAX_CELLS} allowed"
        )));
    }
    let disk: Vec<CellIndex> = origin.grid_disk(k);
    if !exact_ring || k == 0 {
        return Ok(disk.into_iter().map(id).collect());
    }
    let inner: std::collections::HashSet<CellIndex> = origin.grid_disk(k - 1);
    Ok(disk
        .into_iter()
        .filter(|cell| !inner.contains(cell))
        .map(id)
        .collect())
}

/// Sedona's `ST_H3CellDistance`: the number of steps between two cells of the same resolution
/// (H3's `gridDistance`). Where H3 cannot measure it (cells too far apart, or on either side of
/// a pentagon), the length of the path [`cells_of`] draws between the two cells' centres, less
/// one, as Sedona falls back to the length of its own approximate path (the two fallbacks can
/// differ by a few steps).
///
/// Invalid cells, or cells of different resolutions, are an error.
pub fn cell_distance(from: i64, to: i64) -> Result<i64, GeomError> {
    let (from, to) = (cell(from)?, cell(to)?);
    if from.resolution() != to.resolution() {
        return Err(GeomError::InvalidParameter(format!(
            "cells must have the same resolution, got {} and {}",
            from.resolution(),
            to.resolution()
        )));
    }
    match from.grid_distance(to) {
        Ok(distance) => Ok(i64::from(distance)),
        Err(_) => {
            let steps = path::between_centres(from, to, MAX_CELLS)?;
            Ok(steps.len() as i64 - 1)
        }
    }
}

/// Sedona's `ST_H3ToParent`: the cell at resolution `level` that contains `cell` (H3's
/// `cellToParent`). `level` must be 0 to the cell's own resolution.
pub fn parent(cell: i64, level: i32) -> Result<i64, GeomError> {
    let child = self::cell(cell)?;
    let resolution = resolution(level)?;
    child.parent(resolution).map(id).ok_or_else(|| {
        GeomError::InvalidParameter(format!(
            "resolution {level} is finer than the cell's own resolution {}",
            child.resolution()
        ))
    })
}

/// Refuses a cover that has grown past `limit` cells ([`MAX_CELLS`] but in tests).
fn check_size(cells: usize, limit: usize) -> Result<(), GeomError> {
    if cells > limit {
        return Err(GeomError::InvalidParameter(format!(
            "the cover has more than {limit} cells; use a coarser resolution"
        )));
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod testing {
    /// A geometry from WKT, as WKB that a `Geo` reads in place.
    pub(crate) fn wkb(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        strabo_geom::write_wkb(&strabo_geom::wkt_codec::parse(text).unwrap(), &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of<T: std::fmt::Debug>(result: Result<T, GeomError>) -> String {
        result.unwrap_err().to_string()
    }

    #[test]
    fn resolutions_and_cell_ids() {
        assert_eq!(resolution(0), Ok(Resolution::Zero));
        assert_eq!(resolution(15), Ok(Resolution::Fifteen));
        assert_eq!(
            error_of(resolution(16)),
            "H3 resolution must be 0 to 15, got 16"
        );
        assert_eq!(
            error_of(resolution(-1)),
            "H3 resolution must be 0 to 15, got -1"
        );
        assert!(cell(614552609325318143).is_ok());
        // h3 4.x: cells_to_directed_edge of two neighbours of that cell is
        // 1623358925856309247, an edge, not a cell.
        for bad in [0, -1, 1, i64::MIN, 1623358925856309247] {
            assert_eq!(
                error_of(cell(bad)),
                format!("{bad} is not a valid H3 cell id")
            );
        }
    }

    #[test]
    fn cells_of_points() {
        // Sedona's ST_H3KRing docs, and h3 4.x: latlng_to_cell(2, 1, 8) = 8875457969fffff
        // = 614552609325318143.
        assert_eq!(cell_of_point(1.0, 2.0, 8), Ok(614552609325318143));
        // h3 4.x latlng_to_cell at resolution 5: both sides of the antimeridian, the poles.
        assert_eq!(cell_of_point(180.0, 0.0, 5), Ok(601207835245674495));
        assert_eq!(cell_of_point(-180.0, 0.0, 5), Ok(601207835245674495));
        assert_eq!(cell_of_point(0.0, 90.0, 5), Ok(599034148002201599));
        assert_eq!(cell_of_point(0.0, -90.0, 5), Ok(603246196659585023));
        assert_eq!(cell_of_point(-179.999, 45.0, 5), Ok(599583596725927935));
        // Longitudes wrap, as in H3.
        assert_eq!(
            cell_of_point(180.001 - 360.0, 45.0, 5),
            cell_of_point(180.001, 45.0, 5)
        );
        assert_eq!(
            error_of(cell_of_point(f64::NAN, 0.0, 5)),
            "coordinates must be finite numbers, got (NaN 0)"
        );
        assert_eq!(
            error_of(cell_of_point(0.0, 90.5, 5)),
            "H3 needs longitude in [-360, 360] and latitude in [-90, 90], got (0 90.5)"
        );
        assert!(cell_of_point(400.0, 0.0, 5).is_err());
        assert!(cell_of_point(0.0, f64::INFINITY, 5).is_err());
        assert!(cell_of_point(0.0, 0.0, 16).is_err());
    }

    #[test]
    fn k_rings() {
        let origin = 614552609325318143;
        // Sedona's ST_H3KRing docs, the same as h3 4.x grid_disk(8875457969fffff, 1).
        let disk = [
            614552609325318143,
            614552597293957119,
            614552609329512447,
            614552609316929535,
            614552609327415295,
            614552609287569407,
            614552597289762815,
        ];
        assert_eq!(k_ring(origin, 1, false), Ok(disk.to_vec()));
        assert_eq!(k_ring(origin, 1, true), Ok(disk[1..].to_vec()));
        assert_eq!(k_ring(origin, 0, false), Ok(vec![origin]));
        assert_eq!(k_ring(origin, 0, true), Ok(vec![origin]));
        // h3 4.x: grid_disk(…, 2) less grid_disk(…, 1), in grid_disk's order.
        assert_eq!(
            k_ring(origin, 2, true),
            Ok(vec![
                614552597287665663,
                614552597291859967,
                614552597331705855,
                614552597323317247,
                614552609321123839,
                614552609323220991,
                614552609319026687,
                614552609228849151,
                614552609289666559,
                614552609283375103,
                614552609295958015,
                614552597298151423,
            ])
        );
        // h3 4.x: get_pentagons(5)[0] = 599119489002373119; around a pentagon the order is
        // not H3's, so compare sorted: grid_disk(p, 2) and grid_disk(p, 2) - grid_disk(p, 1).
        let pentagon = 599119489002373119;
        let sorted = |cells: Vec<i64>| {
            let mut cells = cells;
            cells.sort_unstable();
            cells
        };
        assert_eq!(
            sorted(k_ring(pentagon, 2, false).unwrap()),
            [
                599119489002373119,
                599119491149856767,
                599119492223598591,
                599119493297340415,
                599119494371082239,
                599119495444824063,
                599119507255984127,
                599119511550951423,
                599119519067144191,
                599119520140886015,
                599119525509595135,
                599119526583336959,
                599119534099529727,
                599119538394497023,
                599119541615722495,
                599119543763206143,
            ]
        );
        assert_eq!(
            sorted(k_ring(pentagon, 2, true).unwrap()),
            [
                599119507255984127,
                599119511550951423,
                599119519067144191,
                599119520140886015,
                599119525509595135,
                599119526583336959,
                599119534099529727,
                599119538394497023,
                599119541615722495,
                599119543763206143,
            ]
        );
        // At resolution 0 a large disk is the whole Earth: 122 cells.
        let base = cell_of_point(0.0, 0.0, 0).unwrap();
        assert_eq!(k_ring(base, 30, false).unwrap().len(), 122);
        assert_eq!(
            error_of(k_ring(origin, -1, false)),
            "k must be 0 or more, got -1"
        );
        // Far from pentagons, the ring of k has 6k cells.
        let fine = cell_of_point(1.0, 2.0, 15).unwrap();
        assert_eq!(k_ring(fine, 100, true).map(|cells| cells.len()), Ok(600));
        assert_eq!(
            error_of(k_ring(origin, 1182, false)),
            "a disk of k = 1182 holds up to 4194919 cells, more than the 4194304 allowed"
        );
        assert!(k_ring(i64::MAX, 1, false).is_err());
    }

    #[test]
    fn distances() {
        let at = |lon, lat, level| cell_of_point(lon, lat, level).unwrap();
        // Sedona's ST_H3CellDistance docs (and h3 4.x grid_distance): 78.
        assert_eq!(cell_distance(at(1.0, 2.0, 8), at(1.23, 1.59, 8)), Ok(78));
        assert_eq!(cell_distance(at(1.0, 2.0, 8), at(1.0, 2.0, 8)), Ok(0));
        // Sedona's test of a distance across a pentagon at resolution 11, which h3 4.x's
        // grid_distance cannot measure: the length of the drawn path less one, each step a
        // neighbour.
        let (from, to) = (
            at(58.174758948493505, 10.427371502467615, 11),
            at(58.1388817207103, 10.469490838693966, 11),
        );
        assert_eq!((from, to), (627724382937346047, 627724383260004351));
        let path =
            path::between_centres(cell(from).unwrap(), cell(to).unwrap(), MAX_CELLS).unwrap();
        assert_eq!(cell_distance(from, to), Ok(path.len() as i64 - 1));
        assert_eq!(path.first(), cell(from).ok().as_ref());
        assert_eq!(path.last(), cell(to).ok().as_ref());
        for step in path.windows(2) {
            assert_eq!(step[0].is_neighbor_with(step[1]), Ok(true));
        }
        // Too far apart for H3 at resolution 6: measured along the drawn path too.
        let far = cell_distance(at(0.0, 0.0, 6), at(100.0, 40.0, 6)).unwrap();
        assert!(far > 1000, "{far}");
        assert_eq!(
            error_of(cell_distance(at(1.0, 2.0, 8), at(1.0, 2.0, 7))),
            "cells must have the same resolution, got 8 and 7"
        );
        assert!(cell_distance(-5, at(1.0, 2.0, 8)).is_err());
    }

    #[test]
    fn parents() {
        // Sedona's ST_H3ToParent docs, and h3 4.x cell_to_parent: 601041811137363967.
        assert_eq!(parent(614552609325318143, 5), Ok(601041811137363967));
        assert_eq!(parent(614552609325318143, 8), Ok(614552609325318143));
        assert_eq!(
            error_of(parent(614552609325318143, 9)),
            "resolution 9 is finer than the cell's own resolution 8"
        );
        assert!(parent(614552609325318143, -1).is_err());
        assert!(parent(7, 0).is_err());
    }
}
