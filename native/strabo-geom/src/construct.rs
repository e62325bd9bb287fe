//! Geometries built from others: lines through points, polygons from rings, collections of
//! parts. Each keeps Z and M: the result has every ordinate that one of its parts has, and a
//! part without it gets 0 there, as PostGIS fills it.
use crate::coords::{write_point, Dims, Shape, Xyzm};
use crate::{Geo, GeomError};

/// The parts read whole, and the dimensions of the result.
fn read_all(parts: &[&Geo]) -> (Vec<Shape>, Dims) {
    let mut dims = Dims::XY;
    let shapes = parts
        .iter()
        .map(|part| {
            let (shape, part_dims) = Shape::read(part);
            dims.z |= part_dims.z;
            dims.m |= part_dims.m;
            shape
        })
        .collect();
    (shapes, dims)
}

/// `ST_MakePoint(x, y [, z [, m]])`, `ST_PointZ`, `ST_PointM`: a point of the ordinates given,
/// written as ISO WKB: `POINT`, `POINT Z`, `POINT M` or `POINT ZM` as `z` and `m` are given.
/// Every value is kept as it is, NaN and infinities too, as PostGIS keeps them; a point whose
/// ordinates are all NaN is how WKB spells an empty point, so it reads back as `POINT EMPTY`.
pub fn point(x: f64, y: f64, z: Option<f64>, m: Option<f64>, out: &mut Vec<u8>) {
    let dims = Dims {
        z: z.is_some(),
        m: m.is_some(),
    };
    let coord = Xyzm {
        x,
        y,
        z: z.unwrap_or(0.0),
        m: m.unwrap_or(0.0),
    };
    write_point(out, dims, Some(&coord));
}

/// `ST_MakeLine`: a line through the vertices of `parts` (points, multipoints and lines), in
/// order. A line's first vertex is dropped where it repeats the vertex before it, so that lines
/// that meet end to end join without a doubled vertex, as PostGIS joins them. Empty parts add
/// nothing. Polygons and collections are refused, and so is a result of fewer than two
/// vertices.
pub fn make_line(parts: &[&Geo], out: &mut Vec<u8>) -> Result<(), GeomError> {
    let (shapes, dims) = read_all(parts);
    let mut vertices: Vec<Xyzm> = Vec::new();
    for shape in &shapes {
        match shape {
            Shape::Point(point) => vertices.extend(point),
            Shape::MultiPoint(points) => {
                for point in points {
                    if let Shape::Point(Some(coord)) = point {
                        vertices.push(*coord);
                    }
                }
            }
            Shape::LineString(coords) => {
                let repeats = matches!((vertices.last(), coords.first()), (Some(last), Some(first)) if last == first);
                vertices.extend(&coords[repeats as usize..]);
            }
            other => {
                return Err(GeomError::Unsupported(format!(
                    "a line is made of points, multipoints and lines, not a {}",
                    shape_name(other)
                )))
            }
        }
    }
    if vertices.len() < 2 {
        return Err(GeomError::InvalidGeometry(format!(
            "a line needs at least two points, got {}",
            vertices.len()
        )));
    }
    Shape::LineString(vertices).write(dims, out);
    Ok(())
}

/// `ST_MakePolygon`: a polygon whose shell and holes are closed lines of at least four
/// vertices. Anything else is refused, as PostGIS refuses it.
pub fn make_polygon(shell: &Geo, holes: &[&Geo], out: &mut Vec<u8>) -> Result<(), GeomError> {
    let mut all = Vec::with_capacity(1 + holes.len());
    all.push(shell);
    all.extend(holes.iter().copied());
    let mut dims = Dims::XY;
    let mut rings = Vec::with_capacity(all.len());
    for (index, ring) in all.into_iter().enumerate() {
        let (shape, ring_dims) = Shape::read(ring);
        dims.z |= ring_dims.z;
        dims.m |= ring_dims.m;
        let what = if index == 0 {
            "the shell".to_string()
        } else {
            format!("hole {index}")
        };
        let Shape::LineString(coords) = shape else {
            return Err(GeomError::InvalidGeometry(format!(
                "{what} must be a line string, got a {}",
                shape_name(&shape)
            )));
        };
        if coords.len() < 4 || !coords[0].same_xy(&coords[coords.len() - 1]) {
            return Err(GeomError::InvalidGeometry(format!(
                "{what} must be a closed line of at least four points"
            )));
        }
        rings.push(coords);
    }
    Shape::Polygon(rings).write(dims, out);
    Ok(())
}

/// `ST_Collect`: the parts as one geometry: a multipoint, multiline or multipolygon when every
/// part is a point, a line or a polygon, else a geometry collection (multi-part inputs included,
/// as PostGIS collects them).
pub fn collect(parts: &[&Geo], out: &mut Vec<u8>) -> Result<(), GeomError> {
    let (shapes, dims) = read_all(parts);
    let all = |f: fn(&Shape) -> bool| !shapes.is_empty() && shapes.iter().all(f);
    let collected = if all(|s| matches!(s, Shape::Point(_))) {
        Shape::MultiPoint(shapes)
    } else if all(|s| matches!(s, Shape::LineString(_))) {
        Shape::MultiLineString(shapes)
    } else if all(|s| matches!(s, Shape::Polygon(_))) {
        Shape::MultiPolygon(shapes)
    } else {
        Shape::GeometryCollection(shapes)
    };
    collected.write(dims, out);
    Ok(())
}

fn shape_name(shape: &Shape) -> &'static str {
    match shape {
        Shape::Point(_) => "point",
        Shape::LineString(_) => "line string",
        Shape::Polygon(_) => "polygon",
        Shape::MultiPoint(_) => "multipoint",
        Shape::MultiLineString(_) => "multiline string",
        Shape::MultiPolygon(_) => "multipolygon",
        Shape::GeometryCollection(_) => "geometry collection",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::wkb;

    fn text(out: &[u8]) -> String {
        crate::wkt_codec::to_string(&Geo::read(out).unwrap())
    }

    fn geos(texts: &[&str]) -> Vec<Vec<u8>> {
        texts.iter().map(|t| wkb(t)).collect()
    }

    fn run(
        f: fn(&[&Geo], &mut Vec<u8>) -> Result<(), GeomError>,
        texts: &[&str],
    ) -> Result<String, GeomError> {
        let bytes = geos(texts);
        let parts: Vec<Geo> = bytes.iter().map(|b| Geo::read(b).unwrap()).collect();
        let parts: Vec<&Geo> = parts.iter().collect();
        let mut out = Vec::new();
        f(&parts, &mut out)?;
        Ok(text(&out))
    }

    // Expected values: PostGIS 3.3 documentation examples of ST_MakeLine and ST_Collect, and
    // shapely 2.1 for the collections (shapely.multipoints / multilinestrings / ...).
    #[test]
    fn lines_through_points_and_lines() {
        assert_eq!(
            run(make_line, &["POINT(1 2)", "POINT(3 4)"]).unwrap(),
            "LINESTRING(1 2,3 4)"
        );
        assert_eq!(
            run(
                make_line,
                &["LINESTRING(0 0,1 1)", "LINESTRING(1 1,2 2,3 3)"]
            )
            .unwrap(),
            "LINESTRING(0 0,1 1,2 2,3 3)"
        );
        assert_eq!(
            run(make_line, &["POINT Z(1 2 3)", "MULTIPOINT((4 5),(6 7))"]).unwrap(),
            "LINESTRING Z(1 2 3,4 5 0,6 7 0)"
        );
        assert!(run(make_line, &["POINT(1 2)"]).is_err());
        assert!(run(make_line, &["POINT(1 2)", "POLYGON((0 0,1 0,1 1,0 0))"]).is_err());
        assert!(run(make_line, &["POINT EMPTY", "POINT(1 1)"]).is_err());
    }

    // Expected values: PostGIS 3.3 documentation of ST_MakePoint, ST_PointZ and ST_PointM
    // (`POINT Z (1 2 1.5)`, `POINT M (-71.1 42.3 10)`); shapely 2.1 writes the same WKB for
    // `Point(1, 2, 1.5)`, whose Z it keeps.
    #[test]
    fn points_of_every_dimension() {
        let written = |z, m| {
            let mut out = Vec::new();
            point(1.0, 2.0, z, m, &mut out);
            text(&out)
        };
        assert_eq!(written(None, None), "POINT(1 2)");
        assert_eq!(written(Some(1.5), None), "POINT Z(1 2 1.5)");
        assert_eq!(written(None, Some(10.0)), "POINT M(1 2 10)");
        assert_eq!(written(Some(3.0), Some(4.0)), "POINT ZM(1 2 3 4)");
        let mut out = Vec::new();
        point(1.0, 2.0, Some(1.5), None, &mut out);
        assert_eq!(
            out,
            [
                &[1u8, 0xE9, 0x03, 0, 0][..],
                &1.0f64.to_le_bytes(),
                &2.0f64.to_le_bytes(),
                &1.5f64.to_le_bytes()
            ]
            .concat()
        );
        // NaN ordinates are WKB's empty point; other values are kept.
        let mut out = Vec::new();
        point(f64::NAN, f64::NAN, None, None, &mut out);
        assert_eq!(text(&out), "POINT EMPTY");
        let mut out = Vec::new();
        point(f64::INFINITY, 2.0, None, None, &mut out);
        assert_eq!(
            Geo::read(&out).unwrap().bbox().unwrap().min().x,
            f64::INFINITY
        );
    }

    #[test]
    fn collections_of_one_kind_are_multi() {
        assert_eq!(
            run(collect, &["POINT(1 2)", "POINT(3 4)"]).unwrap(),
            "MULTIPOINT((1 2),(3 4))"
        );
        assert_eq!(
            run(collect, &["POINT(1 2)", "LINESTRING(0 0,1 1)"]).unwrap(),
            "GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1))"
        );
        assert_eq!(
            run(collect, &["MULTIPOINT((1 2))", "POINT(3 4)"]).unwrap(),
            "GEOMETRYCOLLECTION(MULTIPOINT((1 2)),POINT(3 4))"
        );
        assert_eq!(run(collect, &[]).unwrap(), "GEOMETRYCOLLECTION EMPTY");
    }

    #[test]
    fn polygons_from_closed_lines() {
        let shell = wkb("LINESTRING(0 0,4 0,4 4,0 4,0 0)");
        let hole = wkb("LINESTRING(1 1,2 1,2 2,1 1)");
        let mut out = Vec::new();
        let hole = Geo::read(&hole).unwrap();
        make_polygon(&Geo::read(&shell).unwrap(), &[&hole], &mut out).unwrap();
        assert_eq!(
            text(&out),
            "POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))"
        );
        let open = wkb("LINESTRING(0 0,4 0,4 4,0 4)");
        assert!(make_polygon(&Geo::read(&open).unwrap(), &[], &mut Vec::new()).is_err());
        let point = wkb("POINT(0 0)");
        assert!(make_polygon(&Geo::read(&point).unwrap(), &[], &mut Vec::new()).is_err());
    }
}
