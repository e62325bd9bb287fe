//! Splitting lon/lat geometries at the antimeridian, as GeoMesa's st_antimeridianSafeGeom does.
use geo::{BooleanOps, BoundingRect, Coord, Geometry, LineString, MultiPolygon, Polygon, Rect};

use crate::{Geo, GeomError};

/// GeoMesa's st_antimeridianSafeGeom (alias st_idlSafeGeom): a lon/lat geometry whose edges
/// cross the antimeridian, split into parts on either side of it, every longitude within
/// [-180, 180]. `None` if the geometry is empty.
///
/// GeoMesa's steps (through spatial4j's JTS shape factory), which this follows:
/// 1. If the geometry reaches beyond longitude ±180, every longitude is wrapped into
///    [-180, 180) (x − 360·⌊(x + 180)/360⌋); otherwise nothing moves.
/// 2. An edge whose ends are more than 180° of longitude apart is taken to cross the
///    antimeridian: each line and polygon ring is unwrapped (its later vertices shifted by
///    ±360°) so that it runs on continuously, then shifted by a multiple of 360° so that it
///    starts within [-180, 180].
/// 3. If the unwrapped geometry stays within [-180, 180] it is returned as it is; otherwise it
///    is cut into the strips [-180 + 360k, 180 + 360k], each piece shifted back by −360k.
///    Lines are cut at their exact crossings (the crossing's latitude interpolated linearly in
///    degrees), their own vertices kept bit for bit; pieces that shrink to a point on the
///    antimeridian are dropped. Polygons are cut by `geo`'s overlay, which places their
///    vertices on its integer grid (steps of about 2⁻³⁰ of the polygon's extent).
///    One piece stays a LineString or Polygon; several become a Multi-.
///
/// Where GeoMesa differs: it fails on a polygon with holes that crosses the antimeridian (its
/// test that a hole lies within its shell compares linework) and on a GeometryCollection, both
/// handled here (a collection part by part); it refuses invalid polygons and a point whose
/// latitude is beyond ±90, which pass through here unchecked; and its final union dissolves
/// lines that retrace themselves and nodes lines that cross themselves, which this does not.
/// A ring that encircles a pole cannot be unwrapped into a closed ring and is refused, as
/// GeoMesa fails on it too. NaN and infinite coordinates are refused, and so are longitudes
/// beyond ±3.6e8, too far out to wrap exactly.
pub fn antimeridian_safe(geometry: &Geo) -> Result<Option<Geometry<f64>>, GeomError> {
    // The overlay that cuts polygons needs their empty holes gone and finite coordinates.
    let Some(shape) = geometry.overlay_shape()? else {
        return Ok(None);
    };
    safe_shape(shape.into_owned()).map(Some)
}

/// The farthest longitude wrapped into [-180, 180]: a million turns of the earth, where a
/// double still resolves a millionth of a degree.
const MAX_WRAPPED_LONGITUDE: f64 = 3.6e8;

/// [`antimeridian_safe`] for a shape already read.
pub(crate) fn safe_shape(mut shape: Geometry<f64>) -> Result<Geometry<f64>, GeomError> {
    use geo::MapCoordsInPlace;
    let Some(bbox) = shape.bounding_rect() else {
        return Ok(shape);
    };
    if bbox.min().x < -180.0 || bbox.max().x > 180.0 {
        // Far out, a longitude's wrap into [-180, 180] is lost to rounding, and the lines
        // between wrong wraps would span billions of strips.
        let farthest = bbox.min().x.abs().max(bbox.max().x.abs());
        if farthest > MAX_WRAPPED_LONGITUDE {
            return Err(GeomError::InvalidGeometry(format!(
                "longitude {farthest:e} is too far outside [-180, 180] to wrap (at most \
                 ±{MAX_WRAPPED_LONGITUDE:e})"
            )));
        }
        shape.map_coords_in_place(|c| Coord {
            x: c.x - 360.0 * ((c.x + 180.0) / 360.0).floor(),
            y: c.y,
        });
    }
    split(shape)
}

fn split(shape: Geometry<f64>) -> Result<Geometry<f64>, GeomError> {
    use Geometry as G;
    Ok(match shape {
        G::Point(_) | G::MultiPoint(_) => shape,
        G::GeometryCollection(parts) => {
            G::GeometryCollection(parts.into_iter().map(split).collect::<Result<_, _>>()?)
        }
        G::Line(line) => split_lines(vec![LineString::from(line)]),
        G::LineString(line) => split_lines(vec![line]),
        G::MultiLineString(lines) => split_lines(lines.0),
        G::Polygon(polygon) => split_polygons(vec![polygon])?,
        G::MultiPolygon(polygons) => split_polygons(polygons.0)?,
        G::Rect(rect) => split_polygons(vec![rect.to_polygon()])?,
        G::Triangle(triangle) => split_polygons(vec![triangle.to_polygon()])?,
    })
}

/// Shifts the vertices after each jump of more than 180° of longitude by ∓360° so that the
/// path runs on continuously, then the whole path by a multiple of 360° so that it starts in
/// the strip [-180, 180].
fn unwrap(path: &mut [Coord<f64>]) {
    let Some(first) = path.first() else {
        return;
    };
    let (mut shift, mut lowest_shift) = (0.0, 0.0f64);
    let mut previous = first.x;
    for c in path.iter_mut().skip(1) {
        let mut x = c.x + shift;
        if previous - x > 180.0 {
            x += 360.0;
            shift += 360.0;
        } else if x - previous > 180.0 {
            x -= 360.0;
            shift -= 360.0;
            lowest_shift = lowest_shift.min(shift);
        }
        c.x = x;
        previous = x;
    }
    if lowest_shift < 0.0 {
        path.iter_mut().for_each(|c| c.x -= lowest_shift);
    }
}

/// The strips a range of unwrapped longitudes touches: k with [-180 + 360k, 180 + 360k].
fn strips(min_x: f64, max_x: f64) -> std::ops::RangeInclusive<i64> {
    let strip = |x: f64| ((x + 180.0) / 360.0).floor() as i64;
    // A range ending exactly on a strip's west edge does not reach into that strip.
    let last = if (max_x + 180.0) % 360.0 == 0.0 && max_x > min_x {
        strip(max_x) - 1
    } else {
        strip(max_x)
    };
    strip(min_x)..=last.max(strip(min_x))
}

fn within_one_strip(bbox: Option<Rect<f64>>) -> bool {
    bbox.is_none_or(|b| b.min().x >= -180.0 && b.max().x <= 180.0)
}

fn split_lines(mut lines: Vec<LineString<f64>>) -> Geometry<f64> {
    lines.iter_mut().for_each(|line| unwrap(&mut line.0));
    let bbox = geo::MultiLineString(lines.clone()).bounding_rect();
    if within_one_strip(bbox) {
        return one_or_multi_line(lines);
    }
    let bbox = bbox.expect("a geometry outside the strip has a box");
    let mut pieces = Vec::new();
    for k in strips(bbox.min().x, bbox.max().x) {
        let (west, east) = (-180.0 + 360.0 * k as f64, 180.0 + 360.0 * k as f64);
        for line in &lines {
            clip_path(&line.0, west, east, &mut |piece| {
                pieces.push(LineString(
                    piece
                        .iter()
                        .map(|c| Coord {
                            x: c.x - 360.0 * k as f64,
                            y: c.y,
                        })
                        .collect(),
                ))
            });
        }
    }
    one_or_multi_line(pieces)
}

fn one_or_multi_line(mut lines: Vec<LineString<f64>>) -> Geometry<f64> {
    if lines.len() == 1 {
        Geometry::LineString(lines.remove(0))
    } else {
        Geometry::MultiLineString(geo::MultiLineString(lines))
    }
}

/// Hands each maximal run of `path` within `west ≤ x ≤ east` to `piece`; runs that are a single
/// point are dropped. The latitude where an edge crosses a strip edge is interpolated linearly,
/// the same way from either side.
fn clip_path(path: &[Coord<f64>], west: f64, east: f64, piece: &mut impl FnMut(&[Coord<f64>])) {
    let at = |p: Coord<f64>, q: Coord<f64>, x: f64| Coord {
        x,
        y: p.y + (q.y - p.y) * ((x - p.x) / (q.x - p.x)),
    };
    let mut run: Vec<Coord<f64>> = Vec::new();
    let mut flush = |run: &mut Vec<Coord<f64>>| {
        if run.len() > 1 {
            piece(run);
        }
        run.clear();
    };
    for edge in path.windows(2) {
        let (p, q) = (edge[0], edge[1]);
        if p == q {
            continue;
        }
        if p.x.max(q.x) < west || p.x.min(q.x) > east {
            flush(&mut run);
            continue;
        }
        let start = if p.x < west {
            at(p, q, west)
        } else if p.x > east {
            at(p, q, east)
        } else {
            p
        };
        let end = if q.x < west {
            at(p, q, west)
        } else if q.x > east {
            at(p, q, east)
        } else {
            q
        };
        if start == end {
            // The edge only touches the strip.
            flush(&mut run);
            continue;
        }
        if run.last() != Some(&start) {
            flush(&mut run);
            run.push(start);
        }
        run.push(end);
        if end != q {
            flush(&mut run);
        }
    }
    flush(&mut run);
}

fn split_polygons(mut polygons: Vec<Polygon<f64>>) -> Result<Geometry<f64>, GeomError> {
    for polygon in &mut polygons {
        unwrap_polygon(polygon)?;
    }
    let bbox = MultiPolygon(polygons.clone()).bounding_rect();
    if within_one_strip(bbox) {
        return Ok(one_or_multi_polygon(polygons));
    }
    let mut pieces = Vec::new();
    for polygon in &polygons {
        let Some(bbox) = polygon.bounding_rect() else {
            continue;
        };
        for k in strips(bbox.min().x, bbox.max().x) {
            let offset = 360.0 * k as f64;
            // A strip no wider than the polygon keeps the overlay's grid as fine as it can be.
            let strip = Rect::new(
                Coord {
                    x: bbox.min().x.max(offset - 180.0),
                    y: bbox.min().y,
                },
                Coord {
                    x: bbox.max().x.min(offset + 180.0),
                    y: bbox.max().y,
                },
            );
            let clipped = polygon.intersection(&strip.to_polygon());
            pieces.extend(clipped.0.into_iter().map(|mut piece| {
                use geo::MapCoordsInPlace;
                piece.map_coords_in_place(|c| Coord {
                    x: c.x - offset,
                    y: c.y,
                });
                piece
            }));
        }
    }
    Ok(one_or_multi_polygon(pieces))
}

/// Unwraps the shell, and each hole so that it lies over the shell's unwrapped span.
fn unwrap_polygon(polygon: &mut Polygon<f64>) -> Result<(), GeomError> {
    let mut result = Ok(());
    let mut shell_centre = 0.0;
    polygon.exterior_mut(|shell| {
        result = unwrap_ring(shell);
        if let Some(b) = shell.bounding_rect() {
            shell_centre = (b.min().x + b.max().x) / 2.0;
        }
    });
    result?;
    let mut result = Ok(());
    polygon.interiors_mut(|holes| {
        for hole in holes {
            let unwrapped = unwrap_ring(hole);
            if result.is_ok() {
                result = unwrapped;
            }
            if let Some(b) = hole.bounding_rect() {
                let turns = ((shell_centre - (b.min().x + b.max().x) / 2.0) / 360.0).round();
                hole.0.iter_mut().for_each(|c| c.x += 360.0 * turns);
            }
        }
    });
    result
}

/// Unwraps a ring; a closed ring that circles a pole ends a multiple of 360° from where it
/// began once unwrapped, and is refused.
fn unwrap_ring(ring: &mut LineString<f64>) -> Result<(), GeomError> {
    let was_closed = ring.is_closed();
    unwrap(&mut ring.0);
    match (ring.0.first(), ring.0.last()) {
        (Some(first), Some(last)) if was_closed && first != last => {
            Err(GeomError::InvalidGeometry(format!(
                "the ring from ({} {}) circles a pole, so it cannot be split at the antimeridian",
                first.x, first.y
            )))
        }
        _ => Ok(()),
    }
}

fn one_or_multi_polygon(mut polygons: Vec<Polygon<f64>>) -> Geometry<f64> {
    if polygons.len() == 1 {
        Geometry::Polygon(polygons.remove(0))
    } else {
        Geometry::MultiPolygon(MultiPolygon(polygons))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{assert_pieces, geo, wkb};

    fn safe(text: &str) -> Result<Option<Geometry<f64>>, GeomError> {
        antimeridian_safe(&geo(&wkb(text)))
    }

    fn shape(text: &str) -> Geometry<f64> {
        crate::shape::to_shape(&crate::wkt_codec::parse(text).unwrap()).unwrap()
    }

    #[test]
    fn lines_and_points_match_geomesa() {
        // GeoMesa's st_antimeridianSafeGeom, run on spatial4j 0.8 and JTS 1.20.
        for (input, expected) in [
            (
                "LINESTRING(170 0,-170 0)",
                "MULTILINESTRING((170 0,180 0),(-180 0,-170 0))",
            ),
            (
                "LINESTRING(170 0,-170 10,170 20)",
                "MULTILINESTRING((170 0,180 5),(180 15,170 20),(-180 5,-170 10,-180 15))",
            ),
            (
                "LINESTRING(-170 0,170 10)",
                "MULTILINESTRING((180 5,170 10),(-170 0,-180 5))",
            ),
            // The piece left on the antimeridian is a point, and dropped.
            ("LINESTRING(180 0,-170 0)", "LINESTRING(-180 0,-170 0)"),
            ("LINESTRING(-200 0,-190 0)", "LINESTRING(160 0,170 0)"),
            (
                "LINESTRING(170 0,190 0,210 0,230 0)",
                "MULTILINESTRING((170 0,180 0),(-180 0,-170 0,-150 0,-130 0))",
            ),
            (
                "LINESTRING(160 0,-160 0,-140 0,140 10,160 20)",
                "MULTILINESTRING((160 0,180 0),(180 5,140 10,160 20),(-180 0,-160 0,-140 0,-180 5))",
            ),
            ("LINESTRING(0 0,10 10)", "LINESTRING(0 0,10 10)"),
            (
                "MULTILINESTRING((170 0,-170 0),(10 10,20 20))",
                "MULTILINESTRING((170 0,180 0),(10 10,20 20),(-180 0,-170 0))",
            ),
            ("POINT(190 0)", "POINT(-170 0)"),
            (
                "MULTIPOINT(170 0,-170 0,190 5)",
                "MULTIPOINT((170 0),(-170 0),(-170 5))",
            ),
            ("POLYGON((0 0,10 0,10 10,0 0))", "POLYGON((0 0,10 0,10 10,0 0))"),
        ] {
            assert_eq!(safe(input).unwrap().unwrap(), shape(expected), "{input}");
        }
    }

    #[test]
    fn polygons_match_geomesa() {
        // GeoMesa's st_antimeridianSafeGeom (spatial4j 0.8, JTS 1.20); each piece's bounds and
        // area from shapely 2.1.2.
        let both_sides = [
            ([-180.0, -10.0, -170.0, 10.0], 200.0),
            ([170.0, -10.0, 180.0, 10.0], 200.0),
        ];
        assert_pieces(
            &safe("POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))")
                .unwrap()
                .unwrap(),
            &both_sides,
            "across",
        );
        assert_pieces(
            &safe("POLYGON((170 -10,190 -10,190 10,170 10,170 -10))")
                .unwrap()
                .unwrap(),
            &both_sides,
            "unwrapped",
        );
        assert_pieces(
            &safe("MULTIPOLYGON(((170 -10,-170 -10,-170 10,170 10,170 -10)),((0 0,1 0,1 1,0 0)))")
                .unwrap()
                .unwrap(),
            &[both_sides[0], ([0.0, 0.0, 1.0, 1.0], 0.5), both_sides[1]],
            "multi",
        );
        // A C open to the east: its west side stays one piece, its arms become two.
        assert_pieces(
            &safe("POLYGON((170 0,-170 0,-170 10,175 10,175 20,-170 20,-170 30,170 30,170 0))")
                .unwrap()
                .unwrap(),
            &[
                ([-180.0, 0.0, -170.0, 10.0], 100.0),
                ([-180.0, 20.0, -170.0, 30.0], 100.0),
                ([170.0, 0.0, 180.0, 30.0], 250.0),
            ],
            "C",
        );
    }

    #[test]
    fn holes_across_the_antimeridian() {
        // GeoMesa fails here. Expected, by hand: each side of the 20×20 square keeps its half
        // (200) less its half of the 10×10 hole (50).
        let split = safe(
            "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10),(175 -5,-175 -5,-175 5,175 5,175 -5))",
        )
        .unwrap()
        .unwrap();
        assert_pieces(
            &split,
            &[
                ([-180.0, -10.0, -170.0, 10.0], 150.0),
                ([170.0, -10.0, 180.0, 10.0], 150.0),
            ],
            "hole across",
        );
        // A hole wholly east of the antimeridian moves with its shell.
        let split = safe(
            "POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10),(-178 -5,-175 -5,-175 5,-178 5,-178 -5))",
        )
        .unwrap()
        .unwrap();
        assert_pieces(
            &split,
            &[
                ([-180.0, -10.0, -170.0, 10.0], 170.0),
                ([170.0, -10.0, 180.0, 10.0], 200.0),
            ],
            "hole east",
        );
    }

    #[test]
    fn collections_empties_poles_and_nan() {
        // GeoMesa fails on a GeometryCollection; here each part is split.
        assert_eq!(
            safe("GEOMETRYCOLLECTION(LINESTRING(170 0,-170 0),POINT(190 0))")
                .unwrap()
                .unwrap(),
            shape(
                "GEOMETRYCOLLECTION(MULTILINESTRING((170 0,180 0),(-180 0,-170 0)),POINT(-170 0))"
            )
        );
        assert_eq!(safe("LINESTRING EMPTY"), Ok(None));
        // An empty hole, which the overlay cannot take, is dropped.
        let square = shape("POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))");
        let Geometry::Polygon(square) = square else {
            unreachable!()
        };
        let holed = Polygon::new(square.exterior().clone(), vec![LineString(vec![])]);
        let mut bytes = Vec::new();
        crate::write_wkb(&holed, &mut bytes);
        let split = antimeridian_safe(&geo(&bytes)).unwrap().unwrap();
        assert_eq!(
            split,
            safe("POLYGON((170 -10,-170 -10,-170 10,170 10,170 -10))")
                .unwrap()
                .unwrap()
        );
        // GeoMesa: "TopologyException: side location conflict".
        let err = safe("POLYGON((0 80,120 80,-120 80,0 80))").unwrap_err();
        assert!(err.to_string().contains("pole"), "{err}");
        let mut nan = Vec::new();
        crate::write_wkb(&geo::Point::new(f64::NAN, 1.0), &mut nan);
        assert!(antimeridian_safe(&geo(&nan)).is_err());
        // Wrapped by rounding, 1e300 once gave a line across some 1e281 strips.
        let err = safe("LINESTRING(0 0,1e300 1)").unwrap_err();
        assert!(
            err.to_string().contains("longitude 1e300 is too far"),
            "{err}"
        );
        assert_eq!(
            safe("POINT(359999830 0)").unwrap().unwrap(),
            shape("POINT(-170 0)")
        );
    }
}
