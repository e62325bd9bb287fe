//! The constructors of points, boxes and polygons, the typed readers of WKT and WKB, and the
//! geohash and H3 functions: what their kernels add to the strabo-geom and strabo-h3 calls
//! (type checks, SRIDs, NULL items, which argument an error blames), on both literal paths.
mod support;

use std::sync::Arc;

use arrow_array::types::Int64Type;
use arrow_array::{ArrayRef, ListArray};
use strabo::columnar::row::RowWriter;
use strabo::eval::{ErrorKind, Program, RowValue};
use strabo::kernel::SqlType;
use support::Literals;

const BOTH: [Literals; 2] = [Literals::Constants, Literals::Columns];

/// The error of `sql`, the same on both literal paths.
fn error_of(sql: &str) -> String {
    let errors: Vec<String> = BOTH
        .iter()
        .map(|&literals| {
            let err = support::evaluate(sql, literals).unwrap_err();
            assert_eq!(err.kind, ErrorKind::InvalidArgument, "{sql}: {err}");
            err.to_string()
        })
        .collect();
    assert_eq!(errors[0], errors[1], "{sql}");
    errors[0].clone()
}

/// The result of `sql` as the examples render it, the same on both literal paths.
fn result_of(sql: &str) -> String {
    let results: Vec<String> = BOTH
        .iter()
        .map(|&literals| support::evaluate(sql, literals).unwrap())
        .collect();
    assert_eq!(results[0], results[1], "{sql}");
    results[0].clone()
}

/// The SRID of the geometry `sql` returns (of its first item, for an array of geometries).
fn srid_of(sql: &str) -> i32 {
    let query = support::parse(sql);
    let mut compiled = support::compile(&query.expr, Literals::Constants).unwrap();
    let value = compiled
        .program
        .eval_row(&RowWriter::default().finish())
        .unwrap();
    let RowValue::Bytes(bytes) = value else {
        panic!("{sql} gives no geometry")
    };
    // An array is its item count, then each item: a null flag, a length, the value.
    let at = if matches!(compiled.returns, SqlType::Array(_)) {
        9
    } else {
        0
    };
    i32::from_le_bytes(bytes[at..at + 4].try_into().unwrap())
}

#[test]
fn typed_readers_refuse_other_types_naming_them() {
    for (sql, message) in [
        (
            "st_pointFromText('LINESTRING(0 0,1 1)')",
            "st_pointFromText: expected a POINT, got a LINESTRING; wkt = 'LINESTRING(0 0,1 1)'",
        ),
        (
            "st_lineFromText('MULTILINESTRING((0 0,1 1))')",
            "st_lineFromText: expected a LINESTRING, got a MULTILINESTRING; wkt = 'MULTILINESTRING((0 0,1 1))'",
        ),
        (
            "st_polygonFromText('POINT EMPTY')",
            "st_polygonFromText: expected a POLYGON, got a POINT; wkt = 'POINT EMPTY'",
        ),
        (
            "st_mPointFromText('POINT(1 2)')",
            "st_mPointFromText: expected a MULTIPOINT, got a POINT; wkt = 'POINT(1 2)'",
        ),
        (
            "st_mLineFromText('LINESTRING(0 0,1 1)')",
            "st_mLineFromText: expected a MULTILINESTRING, got a LINESTRING; wkt = 'LINESTRING(0 0,1 1)'",
        ),
        (
            "st_mPolyFromText('GEOMETRYCOLLECTION EMPTY')",
            "st_mPolyFromText: expected a MULTIPOLYGON, got a GEOMETRYCOLLECTION; wkt = 'GEOMETRYCOLLECTION EMPTY'",
        ),
        (
            "st_geomCollFromText('MULTIPOINT((1 2))')",
            "st_geomCollFromText: expected a GEOMETRYCOLLECTION, got a MULTIPOINT; wkt = 'MULTIPOINT((1 2))'",
        ),
        (
            // LINESTRING(1 2,3 4), from shapely 2.1's to_wkb.
            "st_pointFromWKB(X'010200000002000000000000000000F03F000000000000004000000000000008400000000000001040')",
            "st_pointFromWKB: expected a POINT, got a LINESTRING; wkb = X'010200000002000000000000000000F03F000000000000004000000000000008400000000000001040'",
        ),
    ] {
        assert_eq!(error_of(sql), message, "{sql}");
    }
    assert!(error_of("st_pointFromText('POINT(1 2')").contains("invalid WKT"));
    assert!(error_of("st_pointFromWKB(X'0101000000')").contains("invalid WKB"));
    // The empty geometry of the type is accepted.
    assert_eq!(
        result_of("st_mPolyFromText('MULTIPOLYGON EMPTY')"),
        "MULTIPOLYGON EMPTY"
    );
    assert_eq!(
        result_of("st_pointFromWKB(X'0101000000000000000000F87F000000000000F87F')"),
        "POINT EMPTY"
    );
}

/// A closed line of points of SRID 4326, built without Spark's functions: two lines joined.
fn closed_line_4326(a: (i32, i32), b: (i32, i32), c: (i32, i32)) -> String {
    let point = |(x, y): (i32, i32)| format!("st_point({x}, {y}, 4326)");
    format!(
        "st_makeLine(st_makeLine({}, {}), st_makeLine({}, {}))",
        point(a),
        point(b),
        point(c),
        point(a)
    )
}

#[test]
fn polygons_check_their_rings_and_the_srid_of_their_holes() {
    let shell = closed_line_4326((0, 0), (4, 0), (4, 4));
    let hole = closed_line_4326((1, 1), (2, 1), (2, 2));
    // st_dump makes the array of holes, with their SRID.
    let polygon = format!("st_makePolygon({shell}, st_dump({hole}))");
    assert_eq!(
        result_of(&polygon),
        "POLYGON((0 0,4 0,4 4,0 0),(1 1,2 1,2 2,1 1))"
    );
    assert_eq!(srid_of(&polygon), 4326);
    let other_srid =
        format!("st_makePolygon(st_geomFromWKT('LINESTRING(0 0,4 0,4 4,0 0)'), st_dump({hole}))");
    assert!(
        error_of(&other_srid)
            .starts_with("st_makePolygon: geometries have different SRIDs (0 and 4326)"),
        "{}",
        error_of(&other_srid)
    );
    // An empty array of holes is no hole.
    assert_eq!(
        result_of(&format!(
            "st_makePolygon({shell}, st_dump(st_geomFromWKT('POINT EMPTY')))"
        )),
        "POLYGON((0 0,4 0,4 4,0 0))"
    );
    assert_eq!(
        error_of("st_makePolygon(st_geomFromWKT('LINESTRING(0 0,4 0,4 4,0 4)'))"),
        "st_makePolygon: invalid geometry: the shell must be a closed line of at least four \
         points; shell = 'LINESTRING(0 0,4 0,4 4,0 4)' (SRID 0)"
    );
    assert_eq!(
        error_of("st_polygon(st_point(1, 2))"),
        "st_makePolygon: invalid geometry: the shell must be a line string, got a point; shell = \
         'POINT(1 2)' (SRID 0)"
    );
    let open_hole = "st_makePolygon(st_geomFromWKT('LINESTRING(0 0,4 0,4 4,0 0)'), \
                     st_dump(st_geomFromWKT('LINESTRING(1 1,2 1,2 2)')))";
    assert_eq!(
        error_of(open_hole),
        "st_makePolygon: invalid geometry: hole 1 must be a closed line of at least four points"
    );
}

#[test]
fn boxes_refuse_corners_that_are_not_points() {
    assert_eq!(
        error_of("st_makeBox2D(st_point(0, 0), st_geomFromWKT('LINESTRING(0 0,1 1)'))"),
        "st_makeBox2D: a corner of a box is a point, not a LINESTRING; upperRight = \
         'LINESTRING(0 0,1 1)' (SRID 0)"
    );
    assert_eq!(
        error_of("st_makeBox2D(st_geomFromWKT('POINT EMPTY'), st_point(1, 1))"),
        "st_makeBox2D: a corner of a box is a point, not POINT EMPTY; lowerLeft = 'POINT EMPTY' \
         (SRID 0)"
    );
    // Z is dropped; the SRID is the points'.
    assert_eq!(
        result_of("st_makeBox2D(st_pointZ(0, 0, 5), st_point(1, 1))"),
        "POLYGON((0 0,0 1,1 1,1 0,0 0))"
    );
    assert_eq!(
        srid_of("st_makeBox2D(st_point(0, 0, 3857), st_point(1, 1, 3857))"),
        3857
    );
    assert_eq!(srid_of("st_makeEnvelope(0, 0, 1, 1, 3857)"), 3857);
    assert_eq!(srid_of("st_makeEnvelope(0, 0, 1, 1)"), 0);
}

#[test]
fn points_keep_their_ordinates_and_srid() {
    assert_eq!(result_of("st_pointZ(1, 2, 3, 4326)"), "POINT Z(1 2 3)");
    assert_eq!(srid_of("st_pointZ(1, 2, 3, 4326)"), 4326);
    assert_eq!(result_of("st_pointM(1, 2, 3, 3857)"), "POINT M(1 2 3)");
    assert_eq!(srid_of("st_pointM(1, 2, 3, 3857)"), 3857);
    assert_eq!(srid_of("st_makePoint(1, 2, 3, 4)"), 0);
    assert_eq!(result_of("st_makePointM(1, 2, -3)"), "POINT M(1 2 -3)");
}

#[test]
fn grid_geometries_are_longitude_latitude() {
    for sql in [
        "st_geomFromGeoHash('ezs42')",
        "st_box2DFromGeoHash('ezs42', 10)",
        "st_pointFromGeoHash('ezs42', 25)",
        "st_h3ToGeom(st_h3KRing(614552609325318143, 1, false))",
    ] {
        assert_eq!(srid_of(sql), 4326, "{sql}");
    }
}

#[test]
fn bad_grid_arguments_name_the_argument() {
    for (sql, message) in [
        (
            "st_geomFromGeoHash('ezs42', 0)",
            "st_geomFromGeoHash: geohash precision is a number of bits from 1 to 63, got 0; bits = 0",
        ),
        (
            "st_pointFromGeoHash('ezs42', 30)",
            "st_pointFromGeoHash: geohash 'ezs42' holds 25 bits, fewer than the 30 asked; hash = 'ezs42'",
        ),
        (
            "st_geoHashNeighbor('u1pb', 'north')",
            "st_geoHashNeighbor: invalid direction 'north'; expected n, ne, e, se, s, sw, w or nw; direction = 'north'",
        ),
        (
            "st_h3ToParent(614552609325318143, 9)",
            "st_h3ToParent: resolution 9 is finer than the cell's own resolution 8",
        ),
        (
            "st_h3CellDistance(614552609325318143, 601041811137363967)",
            "st_h3CellDistance: cells must have the same resolution, got 8 and 5",
        ),
        (
            "st_h3KRing(7, 1, false)",
            "st_h3KRing: 7 is not a valid H3 cell id",
        ),
        (
            "st_h3CellIDs(st_point(0, 91), 5, false)",
            "st_h3CellIDs: H3 needs longitude in [-360, 360] and latitude in [-90, 90], got (0 91)",
        ),
        (
            "st_h3CellIDs(st_point(0, 0), 16, true)",
            "st_h3CellIDs: H3 resolution must be 0 to 15, got 16",
        ),
    ] {
        assert_eq!(error_of(sql), message, "{sql}");
    }
    assert!(error_of("st_geoHashNeighbors('u1pa')").contains("'a' at 3"));
}

#[test]
fn nulls_give_null() {
    for sql in [
        "st_makePoint(1, NULL, 3)",
        "st_pointZ(1, 2, 3, NULL)",
        "st_makeEnvelope(0, 0, 1, NULL)",
        "st_makePolygon(NULL)",
        "st_pointFromText(NULL)",
        "st_geomFromGeoHash('ezs42', NULL)",
        "st_geoHashNeighbor('u1pb', NULL)",
        "st_geoHashNeighbors(NULL)",
        "st_h3CellIDs(st_point(1, 2), 8, NULL)",
        "st_h3KRing(NULL, 1, false)",
        "st_h3ToParent(614552609325318143, NULL)",
        "st_h3ToGeom(st_h3KRing(NULL, 1, false))",
    ] {
        assert_eq!(result_of(sql), "NULL", "{sql}");
    }
}

#[test]
fn null_cells_give_null_polygons_in_place() {
    let mut program = Program::compile(
        r#"{"inputs": [{"type": {"array": "bigint"}}], "constants": [], "outputs": [0],
            "nodes": [{"function": "st_h3ToGeom", "signature": 0, "args": [{"input": 0}]}]}"#,
        &[],
    )
    .unwrap();
    let cells: ArrayRef = Arc::new(ListArray::from_iter_primitive::<Int64Type, _, _>([
        Some(vec![None, Some(614552609325318143), None]),
        Some(vec![]),
        None,
    ]));
    let out = program.eval_arrays(&[cells], 3).unwrap();
    let rendered: Vec<String> = (0..3)
        .map(|row| support::render_array(&out[0], row, SqlType::array_of(SqlType::Geometry)))
        .collect();
    assert!(
        rendered[0].starts_with("[NULL, POLYGON((1.00383017121")
            && rendered[0].ends_with("), NULL]"),
        "{}",
        rendered[0]
    );
    assert_eq!(rendered[1..], ["[]", "NULL"]);
}
