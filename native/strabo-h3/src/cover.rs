//! Sedona's `ST_H3CellIDs`: the cells covering a geometry.
use std::collections::HashSet;

use geo::{Centroid, Coord, CoordsIter, Geometry, MapCoords, Polygon};
use h3o::geom::{ContainmentMode, TilerBuilder};
use h3o::{CellIndex, Resolution};
use strabo_geom::{Geo, GeomError};

use crate::{check_size, id, lat_lng, path, resolution, MAX_CELLS};

/// Sedona's `ST_H3CellIDs(geom, level, fullCover)`: the cells of resolution `level` that cover
/// `geometry`, sorted ascending and without repeats (Sedona returns them in the order of a Java
/// hash set). Multi-geometries and collections are covered part by part.
///
/// - A point: its cell.
/// - A line: for each segment, H3's `gridPathCells` between the cells of its ends, a chain of
///   neighbouring cells close to the great circle (not to the straight line in longitude and
///   latitude, so a long segment's cells can stray from it). Where H3 cannot draw the path,
///   the segment is halved at its great-circle midpoint until it can (Sedona samples the
///   straight line instead, so results there can differ). With `full_cover`, a path of more
///   than two cells also takes the cells next to two consecutive cells of it, as Sedona does.
///   A line of one point is that point's cell (Sedona gives nothing).
/// - A polygon: the cells whose centres it contains (H3's `polygonToCells`, which reads edges
///   as straight lines in longitude and latitude), or, if there are none, the cell of its
///   centroid. With `full_cover`, as Sedona: those cells and their neighbours, and the cells
///   of each ring covered as a line with `full_cover`; then also every cell whose boundary
///   meets the polygon that these miss. Sedona documents a full cover but can miss such cells
///   along long edges of thin polygons, where its ring paths follow the great circle while the
///   polygon's edges are straight; with them added, the result is complete.
///
/// As in H3, an edge spanning more than 180° of longitude crosses the antimeridian. A polygon
/// may straddle it, written with longitudes on both sides of ±180 or past 180 (longitudes past
/// ±180 are wrapped first; H3 itself, and so Sedona, misses the cells past 180). A polygon more
/// than 180° wide cannot be written: an edge from -180 to 180, such as the top of a
/// whole-world box or the edge closing a cap around a pole, spans no longitude at all on the
/// Earth, so such a polygon covers only its centroid's cell, as in Sedona; split it into parts
/// less than 180° wide first. A line across a pole is drawn along the great circle. The
/// centroid that seeds a polygon too small to hold a cell centre is taken on the polygon's
/// side of the antimeridian (Sedona takes the planar centroid, which for such a polygon lies
/// on the other side of the Earth).
///
/// An empty geometry (or empty parts) gives no cells. Coordinates must be finite, latitudes
/// within ±90° and longitudes within ±360° (as for [`crate::cell_of_point`]); a resolution
/// outside 0 to 15, or a cover of more than [`crate::MAX_CELLS`] cells, is an error.
pub fn cells_of(geometry: &Geo, level: i32, full_cover: bool) -> Result<Vec<i64>, GeomError> {
    cover(geometry, level, full_cover, MAX_CELLS)
}

/// [`cells_of`], with at most `limit` cells.
fn cover(
    geometry: &Geo,
    level: i32,
    full_cover: bool,
    limit: usize,
) -> Result<Vec<i64>, GeomError> {
    let resolution = resolution(level)?;
    let Some(shape) = geometry.shape() else {
        return Ok(Vec::new());
    };
    shape
        .coords_iter()
        .try_for_each(|c| lat_lng(c.x, c.y).map(drop))?;
    let mut cover = Cover {
        resolution,
        full_cover,
        limit,
        cells: HashSet::new(),
    };
    cover.add(&shape)?;
    let mut ids: Vec<i64> = cover.cells.into_iter().map(id).collect();
    ids.sort_unstable();
    Ok(ids)
}

struct Cover {
    resolution: Resolution,
    full_cover: bool,
    limit: usize,
    cells: HashSet<CellIndex>,
}

impl Cover {
    fn add(&mut self, shape: &Geometry<f64>) -> Result<(), GeomError> {
        match shape {
            Geometry::Point(point) => self.insert(self.cell_at(point.0)?),
            Geometry::MultiPoint(points) => points
                .iter()
                .try_for_each(|point| self.insert(self.cell_at(point.0)?)),
            Geometry::Line(line) => self.line(&[line.start, line.end]),
            Geometry::LineString(line) => self.line(&line.0),
            Geometry::MultiLineString(lines) => {
                lines.iter().try_for_each(|line| self.line(&line.0))
            }
            Geometry::Polygon(polygon) => self.polygon(polygon),
            Geometry::MultiPolygon(polygons) => polygons
                .iter()
                .try_for_each(|polygon| self.polygon(polygon)),
            Geometry::Rect(rect) => self.polygon(&rect.to_polygon()),
            Geometry::Triangle(triangle) => self.polygon(&triangle.to_polygon()),
            Geometry::GeometryCollection(parts) => parts.iter().try_for_each(|part| self.add(part)),
        }
    }

    fn cell_at(&self, coord: Coord) -> Result<CellIndex, GeomError> {
        Ok(lat_lng(coord.x, coord.y)?.to_cell(self.resolution))
    }

    fn insert(&mut self, cell: CellIndex) -> Result<(), GeomError> {
        self.cells.insert(cell);
        check_size(self.cells.len(), self.limit)
    }

    fn insert_all(&mut self, cells: impl IntoIterator<Item = CellIndex>) -> Result<(), GeomError> {
        cells.into_iter().try_for_each(|cell| self.insert(cell))
    }

    fn line(&mut self, coords: &[Coord]) -> Result<(), GeomError> {
        if let [only] = coords {
            return self.insert(self.cell_at(*only)?);
        }
        for segment in coords.windows(2) {
            let mut cells = Vec::new();
            path::segment(
                lat_lng(segment[0].x, segment[0].y)?,
                lat_lng(segment[1].x, segment[1].y)?,
                self.resolution,
                self.limit,
                &mut cells,
            )?;
            if self.full_cover && cells.len() > 2 {
                let disks: Vec<Vec<CellIndex>> =
                    cells.iter().map(|cell| cell.grid_disk(1)).collect();
                for pair in disks.windows(2) {
                    let shared = pair[1].iter().filter(|cell| pair[0].contains(cell));
                    self.insert_all(shared.copied())?;
                }
            }
            self.insert_all(cells)?;
        }
        Ok(())
    }

    fn polygon(&mut self, polygon: &Polygon) -> Result<(), GeomError> {
        if polygon.exterior().0.is_empty() {
            return Ok(());
        }
        // H3 finds an antimeridian crossing by an edge's span, which longitudes past ±180 hide.
        let polygon = &polygon.map_coords(|c| Coord {
            x: if c.x > 180.0 {
                c.x - 360.0
            } else if c.x < -180.0 {
                c.x + 360.0
            } else {
                c.x
            },
            y: c.y,
        });
        let mut centres = self.tile(polygon, ContainmentMode::ContainsCentroid)?;
        if centres.is_empty() {
            if let Some(centroid) = centroid(polygon) {
                centres.push(self.cell_at(centroid)?);
            }
        }
        if !self.full_cover {
            return self.insert_all(centres);
        }
        for centre in centres {
            self.insert_all(centre.grid_disk::<Vec<_>>(1))?;
        }
        self.line(&polygon.exterior().0)?;
        for hole in polygon.interiors() {
            self.line(&hole.0)?;
        }
        let touching = self.tile(polygon, ContainmentMode::Covers)?;
        self.insert_all(touching)
    }

    /// `h3o`'s polygon tiler: in `ContainsCentroid` mode H3's `polygonToCells`, in `Covers`
    /// mode every cell whose boundary meets the polygon.
    fn tile(&self, polygon: &Polygon, mode: ContainmentMode) -> Result<Vec<CellIndex>, GeomError> {
        let mut tiler = TilerBuilder::new(self.resolution)
            .containment_mode(mode)
            .build();
        tiler
            .add(polygon.clone())
            .map_err(|e| GeomError::InvalidGeometry(format!("H3 cannot tile the polygon: {e}")))?;
        let mut cells = Vec::new();
        for cell in tiler.into_coverage() {
            check_size(self.cells.len() + cells.len() + 1, self.limit)?;
            cells.push(cell);
        }
        Ok(cells)
    }
}

/// The centroid of a polygon, on its side of the antimeridian if an edge crosses it (spans more
/// than 180° of longitude, as H3 reads such an edge).
fn centroid(polygon: &Polygon) -> Option<Coord> {
    let crosses = std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .flat_map(|ring| ring.lines())
        .any(|line| (line.end.x - line.start.x).abs() > 180.0);
    if !crosses {
        return polygon.centroid().map(|c| c.0);
    }
    let east = polygon.map_coords(|c| Coord {
        x: if c.x < 0.0 { c.x + 360.0 } else { c.x },
        y: c.y,
    });
    east.centroid().map(|c| Coord {
        x: if c.0.x > 180.0 { c.0.x - 360.0 } else { c.0.x },
        y: c.0.y,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::wkb;

    fn cells(text: &str, level: i32, full_cover: bool) -> Vec<i64> {
        cells_of(&Geo::read(&wkb(text)).unwrap(), level, full_cover).unwrap()
    }

    fn error(text: &str, level: i32) -> String {
        error_of(&wkb(text), level)
    }

    fn error_of(bytes: &[u8], level: i32) -> String {
        cells_of(&Geo::read(bytes).unwrap(), level, false)
            .unwrap_err()
            .to_string()
    }

    /// WKB of a `geo` shape, for coordinates WKT cannot write.
    fn wkb_of(shape: impl Into<Geometry<f64>>) -> Vec<u8> {
        let mut out = Vec::new();
        strabo_geom::write_wkb(&shape.into(), &mut out);
        out
    }

    /// How many cells, and the sum of their ids: how the larger oracle results are compared.
    fn digest(cells: &[i64]) -> (usize, i128) {
        (cells.len(), cells.iter().map(|&c| i128::from(c)).sum())
    }

    /// The cells of a path, each a neighbour of the one before.
    fn assert_chain(path: &[CellIndex]) {
        for step in path.windows(2) {
            assert_eq!(step[0].is_neighbor_with(step[1]), Ok(true), "{step:?}");
        }
    }

    #[test]
    fn points() {
        // h3 4.x: latlng_to_cell(2, 1, 8).
        assert_eq!(cells("POINT(1 2)", 8, false), [614552609325318143]);
        assert_eq!(cells("POINT(1 2)", 8, true), [614552609325318143]);
        // h3 4.x: latlng_to_cell(0, 180, 5) and latlng_to_cell(90, 0, 5), sorted.
        assert_eq!(
            cells("MULTIPOINT((180 0),(0 90),(-180 0))", 5, false),
            [599034148002201599, 601207835245674495]
        );
        // Z and M are ignored.
        assert_eq!(cells("POINT ZM(1 2 3 4)", 8, false), [614552609325318143]);
    }

    #[test]
    fn lines() {
        // Sedona's ST_H3CellIDs docs: ST_H3CellIDs('LINESTRING(1 3 4, 5 6 7)', 6, true) starts
        // [6055475394579005...]; h3 4.x's grid_path_cells between the end cells, thickened by
        // the cells next to two consecutive cells as Sedona's H3Utils.lineStringToCells does,
        // gives 299 cells summing to 180995321418141925077, 605547539457900543 among them.
        let full = cells("LINESTRING Z(1 3 4,5 6 7)", 6, true);
        assert_eq!(digest(&full), (299, 180995321418141925077));
        assert!(full.contains(&605547539457900543));
        // Without full cover, h3 4.x's grid_path_cells alone: 107 cells.
        let path = cells("LINESTRING(1 3,5 6)", 6, false);
        assert_eq!(digest(&path), (107, 64771270477933969301));
        // The same for a small two-segment line at resolution 7.
        assert_eq!(
            cells("LINESTRING(0.1 0.1,0.2 0.1,0.3 0.4)", 7, false),
            [
                610049596671918079,
                610049596722249727,
                610049596772581375,
                610049596839690239,
                610049597158457343,
                610049597494001663,
                610049597561110527,
                610049601403092991,
                610049601419870207,
                610049601470201855,
                610049606872465407,
                610049606906019839,
                610049606939574271,
                610049607157678079,
                610049607191232511,
                610049610781556735,
                610049610815111167,
                610049610831888383,
                610049610848665599,
                610049611167432703,
                610049611184209919,
                610049611234541567,
                610049611335204863,
                610049611402313727,
            ]
        );
        assert_eq!(
            digest(&cells("LINESTRING(0.1 0.1,0.2 0.1,0.3 0.4)", 7, true)),
            (57, 34772827449459736519)
        );
        // A line of one point, or of one point repeated, is that point's cell.
        assert_eq!(cells("LINESTRING(1 2,1 2)", 8, true), [614552609325318143]);
    }

    #[test]
    fn lines_h3_cannot_draw() {
        // h3 4.x's grid_path_cells fails from (0 0) to (40 30) at resolution 3: the segment is
        // halved until it can be drawn, and the cells still chain from end to end.
        let start = lat_lng(0.0, 0.0).unwrap().to_cell(Resolution::Three);
        let end = lat_lng(40.0, 30.0).unwrap().to_cell(Resolution::Three);
        assert!(start.grid_path_cells(end).is_err() || start.grid_distance(end).is_err());
        let mut path = Vec::new();
        path::segment(
            lat_lng(0.0, 0.0).unwrap(),
            lat_lng(40.0, 30.0).unwrap(),
            Resolution::Three,
            MAX_CELLS,
            &mut path,
        )
        .unwrap();
        assert_eq!((path.first(), path.last()), (Some(&start), Some(&end)));
        assert_chain(&path);
        let mut ids: Vec<i64> = path.into_iter().map(id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(cells("LINESTRING(0 0,40 30)", 3, false), ids);
    }

    #[test]
    fn lines_across_the_antimeridian_and_a_pole() {
        // h3 4.x: grid_path_cells across the antimeridian, the short way.
        assert_eq!(
            cells("LINESTRING(179.9 0,-179.9 0)", 5, false),
            [601207807328387071, 601207808402128895, 601207823434514431]
        );
        // h3 4.x: grid_path_cells from (0 89) to (180 89) at resolution 2 crosses the pole.
        assert_eq!(
            cells("LINESTRING(0 89,180 89)", 2, false),
            [585523476895367167, 585524576406994943]
        );
    }

    #[test]
    fn polygons() {
        // h3 4.x polygon_to_cells of Sedona's test polygon at resolution 5: 49 cells.
        let polygon = "POLYGON((0.1 0.1,0.5 0.1,1 0.3,1 1,0.1 1,0.1 0.1))";
        assert_eq!(
            digest(&cells(polygon, 5, false)),
            (49, 29451069447473201103)
        );
        // Full cover: Sedona's composition with h3 4.x (polygon_to_cells, their grid_disk(…,
        // 1), the ring as a full-cover line), 92 cells; every cell h3 4.x's
        // h3shape_to_cells_experimental(…, contain='overlap') finds (68) is among them.
        let full = cells(polygon, 5, true);
        assert_eq!(digest(&full), (92, 55295877054480777124));
        // A hole: h3 4.x polygon_to_cells with the hole, 418 cells; the full cover is
        // Sedona's composition and the overlapping cells, 552.
        let holed = "POLYGON((0 0,1 0,1 1,0 1,0 0),(0.4 0.4,0.7 0.4,0.7 0.7,0.4 0.7,0.4 0.4))";
        assert_eq!(
            digest(&cells(holed, 6, false)),
            (418, 253118148689732304478)
        );
        assert_eq!(digest(&cells(holed, 6, true)), (552, 334261278340676582872));
        assert_eq!(
            digest(&cells("POLYGON((0 0,1 0,1 1,0 1,0 0))", 6, false)),
            (459, 277945535205539315253)
        );
    }

    #[test]
    fn thin_polygons_are_covered_completely() {
        // A sliver 20° long along 50° N: Sedona's composition (h3 4.x) has 316 cells and misses
        // two that h3shape_to_cells_experimental(…, 'overlap') finds, 599423590940540927 and
        // 599535528525692927; the full cover adds them.
        let full = cells("POLYGON((-10 50,10 50,10 50.05,-10 50.05,-10 50))", 5, true);
        assert_eq!(digest(&full), (318, 190627830338269740738));
        assert!(full.contains(&599423590940540927) && full.contains(&599535528525692927));
    }

    #[test]
    fn polygons_too_small_for_a_centre() {
        // h3 4.x: polygon_to_cells is empty; the cell of the centroid (10.0005 10.0005).
        let tiny = "POLYGON((10 10,10.001 10,10.001 10.001,10 10.001,10 10))";
        assert_eq!(cells(tiny, 5, false), [600542284966002687]);
        // Full cover: that cell's grid_disk(…, 1); the overlapping cell is the same one.
        assert_eq!(
            cells(tiny, 5, true),
            [
                600542282818519039,
                600542284966002687,
                600542286039744511,
                600542289260969983,
                600542438511083519,
                600542442806050815,
                600542519041720319,
            ]
        );
        // A polygon with no area: the centroid of its ring, as shapely's centroid gives it.
        assert_eq!(
            cells(
                "POLYGON((1 2,1.00001 2.00001,1.00002 2.00002,1 2))",
                8,
                false
            ),
            cells("POINT(1.00001 2.00001)", 8, false)
        );
    }

    #[test]
    fn polygons_across_the_antimeridian() {
        // h3 4.x polygon_to_cells, which reads the 359° edge as crossing the antimeridian.
        let across = [
            596703878062276607,
            596703912422014975,
            596703938191818751,
            596703955371687935,
            596703972551557119,
            596703989731426303,
            596704221659660287,
            596704238839529471,
        ];
        assert_eq!(
            cells(
                "POLYGON((179.5 0,-179.5 0,-179.5 1,179.5 1,179.5 0))",
                4,
                false
            ),
            across
        );
        // The same polygon written past 180 (h3 4.x misses the two cells past it: 6 cells).
        assert_eq!(
            cells(
                "POLYGON((179.5 0,180.5 0,180.5 1,179.5 1,179.5 0))",
                4,
                false
            ),
            across
        );
        // Too small for a centre: h3 4.x's latlng_to_cell(0.0005, 180, 3), on the polygon's
        // side of the Earth (Sedona's planar centroid is at longitude 0).
        assert_eq!(
            cells(
                "POLYGON((179.999 0,-179.999 0,-179.999 0.001,179.999 0.001,179.999 0))",
                3,
                false
            ),
            [592200673571897343]
        );
    }

    #[test]
    fn collections_and_empty_geometries() {
        // The union of the parts, each as h3 4.x covers it: 57 cells.
        let collection = "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(2 2,2.5 2.6),\
                          MULTIPOLYGON(((0.1 0.1,0.5 0.1,1 0.3,1 1,0.1 1,0.1 0.1))),POINT EMPTY)";
        assert_eq!(
            digest(&cells(collection, 5, false)),
            (57, 34259423801869598663)
        );
        for empty in [
            "POINT EMPTY",
            "LINESTRING EMPTY",
            "POLYGON EMPTY",
            "MULTIPOLYGON EMPTY",
            "GEOMETRYCOLLECTION EMPTY",
            "GEOMETRYCOLLECTION(POINT EMPTY,LINESTRING EMPTY)",
        ] {
            assert_eq!(cells(empty, 5, true), Vec::<i64>::new(), "{empty}");
        }
    }

    #[test]
    fn bad_input() {
        let nan = geo::LineString::from(vec![(0.0, 0.0), (f64::NAN, 1.0)]);
        assert_eq!(
            error_of(&wkb_of(nan), 5),
            "coordinates must be finite numbers, got (NaN 1)"
        );
        let infinite = Polygon::new(
            geo::LineString::from(vec![
                (0.0, 0.0),
                (1.0, 0.0),
                (1.0, f64::INFINITY),
                (0.0, 0.0),
            ]),
            vec![],
        );
        assert_eq!(
            error_of(&wkb_of(infinite), 5),
            "coordinates must be finite numbers, got (1 inf)"
        );
        assert_eq!(
            error("POINT(0 91)", 5),
            "H3 needs longitude in [-360, 360] and latitude in [-90, 90], got (0 91)"
        );
        assert_eq!(
            error("POINT(0 0)", 16),
            "H3 resolution must be 0 to 15, got 16"
        );
        assert_eq!(
            error("POINT(0 0)", -1),
            "H3 resolution must be 0 to 15, got -1"
        );
        // Past the limit (small here, to keep the test quick): polygons, lines and disks.
        let over = |text: &str, full_cover: bool| {
            cover(&Geo::read(&wkb(text)).unwrap(), 6, full_cover, 100)
                .unwrap_err()
                .to_string()
        };
        let message = "the cover has more than 100 cells; use a coarser resolution";
        assert_eq!(over("POLYGON((0 0,1 0,1 1,0 1,0 0))", false), message);
        assert_eq!(over("POLYGON((0 0,1 0,1 1,0 1,0 0))", true), message);
        assert_eq!(over("LINESTRING(1 3,5 6)", false), message);
        assert_eq!(over("LINESTRING(0 0,40 30)", false), message);
        // Exactly at the limit is fine: the 24 cells of the two-segment line at resolution 7.
        let line = wkb("LINESTRING(0.1 0.1,0.2 0.1,0.3 0.4)");
        let line = Geo::read(&line).unwrap();
        assert_eq!(cover(&line, 7, false, 24).map(|cells| cells.len()), Ok(24));
        assert!(cover(&line, 7, false, 23).is_err());
    }

    #[test]
    fn shapes_h3_reads_across_the_antimeridian() {
        // Edges spanning more than 180° of longitude cross the antimeridian, as H3 reads them:
        // a box from -180 to 180 is then no wider than its edges along ±180 (one meridian), so
        // only its centroid's cell is found, as Sedona finds through H3. They are read without
        // error, whatever the resolution.
        for text in [
            "POLYGON((-180 -90,180 -90,180 90,-180 90,-180 -90))",
            "POLYGON((-180 80,180 80,180 90,-180 90,-180 80))",
            "POLYGON((179 89,-179 89,-179 90,179 90,179 89))",
        ] {
            assert_eq!(cells(text, 2, false).len(), 1, "{text}");
            let bytes = wkb(text);
            let geometry = Geo::read(&bytes).unwrap();
            for level in [0, 4] {
                for full_cover in [false, true] {
                    assert!(cells_of(&geometry, level, full_cover).is_ok(), "{text}");
                }
            }
        }
        // Both ends on the antimeridian: one point on the Earth.
        assert_eq!(cells("LINESTRING(-180 0,180 0)", 4, true).len(), 1);
        // From pole to pole, and a bow tie, are drawn without error.
        assert!(!cells("LINESTRING(180 -90,-180 90)", 2, true).is_empty());
        assert!(!cells("POLYGON((0 0,10 10,10 0,0 10,0 0))", 2, true).is_empty());
    }
}
