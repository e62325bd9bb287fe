//! The functions over Strabo's codecs (EWKT, EWKB, GeoJSON, GML, KML, lat/lon text): SRIDs that
//! vary by row on both sides, round trips through each format, and the errors of bad input,
//! on the per-row path and the batch path.
mod support;

use std::sync::Arc;

use arrow_array::{ArrayRef, BinaryArray, StringArray};
use strabo::columnar::row::RowWriter;
use strabo::eval::{ErrorKind, Program};
use support::{render_array, render_value, wkb, Literals};

/// `functions` applied in turn (the first innermost, each taking the previous one's result as
/// its only argument, by its first signature) to an input of type `input`, whose values are
/// `rows`. Returns each row's result, from one batch of all rows, having checked that the
/// per-row path agrees.
fn chain(functions: &[&str], input: &str, rows: &[Vec<u8>]) -> Vec<String> {
    let nodes: Vec<String> = functions
        .iter()
        .enumerate()
        .map(|(i, function)| {
            let arg = match i {
                0 => r#"{"input": 0}"#.to_string(),
                _ => format!(r#"{{"node": {}}}"#, i - 1),
            };
            format!(r#"{{"function": "{function}", "signature": 0, "args": [{arg}]}}"#)
        })
        .collect();
    let json = format!(
        r#"{{"inputs": [{input}], "constants": [], "nodes": [{}], "outputs": [{}]}}"#,
        nodes.join(","),
        functions.len() - 1
    );
    let mut program = Program::compile(&json, &[]).unwrap();
    let returns = strabo::functions::lookup(functions.last().unwrap())
        .unwrap()
        .signatures[0]
        .returns;
    let column: ArrayRef = if input.contains("string") {
        let texts: Vec<&str> = rows
            .iter()
            .map(|r| std::str::from_utf8(r).unwrap())
            .collect();
        Arc::new(StringArray::from(texts))
    } else {
        Arc::new(BinaryArray::from(
            rows.iter().map(Vec::as_slice).collect::<Vec<_>>(),
        ))
    };
    let batch = program.eval_arrays(&[column], rows.len()).unwrap();
    let results: Vec<String> = (0..rows.len())
        .map(|row| render_array(&batch[0], row, returns))
        .collect();
    for (row, expected) in rows.iter().zip(&results) {
        let mut buffer = RowWriter::default();
        buffer.bytes(row);
        let value = program.eval_row(&buffer.finish()).unwrap();
        assert_eq!(&render_value(value, returns), expected, "{functions:?}");
    }
    results
}

const GEOMETRY: &str = r#"{"type": "geometry", "encoding": "srid_wkb"}"#;
const STRING: &str = r#"{"type": "string"}"#;

/// A geometry value in Spark's layout: its SRID, then its WKB.
fn geometry(srid: i32, text: &str) -> Vec<u8> {
    [&srid.to_le_bytes()[..], &wkb(text)].concat()
}

const SHAPES: &[&str] = &[
    "POINT(1 2)",
    "POINT Z (1 2 3)",
    "LINESTRING(0 0,1.5 1,2 0.25)",
    "POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 2,1 1))",
    "MULTIPOINT((0 0),(2 2))",
    "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((2 2,3 2,3 3,2 2)))",
    "GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1))",
];

/// One batch of geometries of several SRIDs: each row's text names its own.
fn mixed_batch() -> Vec<Vec<u8>> {
    SHAPES
        .iter()
        .zip([4326, 0, 3857, 2154, 4326, 0, 32631].into_iter().cycle())
        .map(|(text, srid)| geometry(srid, text))
        .collect()
}

#[test]
fn writers_read_each_rows_srid() {
    let ewkt = chain(&["st_asEWKT"], GEOMETRY, &mixed_batch());
    assert_eq!(ewkt[0], "SRID=4326;POINT(1 2)");
    assert_eq!(ewkt[1], "POINT(1 2 3)");
    assert_eq!(ewkt[2], "SRID=3857;LINESTRING(0 0,1.5 1,2 0.25)");
    let hex = chain(&["st_asHexEWKB"], GEOMETRY, &mixed_batch());
    // PostGIS 3.3: ST_AsHexEWKB('SRID=4326;POINT(1 2)'), ST_AsHexEWKB('POINT(1 2 3)').
    assert_eq!(hex[0], "0101000020E6100000000000000000F03F0000000000000040");
    assert_eq!(
        hex[1],
        "0101000080000000000000F03F00000000000000400000000000000840"
    );
    let geojson = chain(&["st_asGeoJSON"], GEOMETRY, &mixed_batch());
    // PostGIS 3.3: ST_AsGeoJSON names the SRID in a crs member unless it is 0 or 4326.
    assert_eq!(geojson[0], r#"{"type":"Point","coordinates":[1,2]}"#);
    assert_eq!(
        geojson[2],
        r#"{"type":"LineString","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"coordinates":[[0,0],[1.5,1],[2,0.25]]}"#
    );
}

/// Every format read back gives the geometry and the SRID written, row by row in one batch.
#[test]
fn round_trips_keep_each_rows_srid() {
    let batch = mixed_batch();
    let direct = chain(&["st_asEWKT"], GEOMETRY, &batch);
    for writer_and_reader in [
        ["st_asEWKT", "st_geomFromEWKT"],
        ["st_asEWKB", "st_geomFromEWKB"],
        ["st_asGML", "st_geomFromGML"],
    ] {
        let functions = [writer_and_reader[0], writer_and_reader[1], "st_asEWKT"];
        assert_eq!(chain(&functions, GEOMETRY, &batch), direct, "{functions:?}");
    }
    // GeoJSON without a crs member is 4326.
    let geojson = chain(
        &["st_asGeoJSON", "st_geomFromGeoJSON", "st_asEWKT"],
        GEOMETRY,
        &batch,
    );
    for (read, written) in geojson.iter().zip(&direct) {
        let expected = match written.starts_with("SRID=") {
            true => written.clone(),
            false => format!("SRID=4326;{written}"),
        };
        assert_eq!(read, &expected);
    }
}

#[test]
fn readers_give_each_row_the_srid_its_text_names() {
    let texts: Vec<Vec<u8>> = [
        "SRID=4326;POINT(1 2)",
        "POINT(1 2)",
        "SRID=3857;POINT(1 2)",
        // PostGIS: "SRID value -1 converted to the officially unknown SRID value 0".
        "SRID=-1;POINT(1 2)",
    ]
    .iter()
    .map(|t| t.as_bytes().to_vec())
    .collect();
    assert_eq!(
        chain(&["st_geomFromEWKT", "st_asEWKT"], STRING, &texts),
        [
            "SRID=4326;POINT(1 2)",
            "POINT(1 2)",
            "SRID=3857;POINT(1 2)",
            "POINT(1 2)"
        ]
    );
    let gml: Vec<Vec<u8>> = [
        r#"<gml:Point srsName="EPSG:2154"><gml:pos>1 2</gml:pos></gml:Point>"#,
        r#"<gml:Point><gml:pos>1 2</gml:pos></gml:Point>"#,
    ]
    .iter()
    .map(|t| t.as_bytes().to_vec())
    .collect();
    // PostGIS 3.3: ST_AsEWKT(ST_GeomFromGML(...)) of these.
    assert_eq!(
        chain(&["st_geomFromGML", "st_asEWKT"], STRING, &gml),
        ["SRID=2154;POINT(1 2)", "POINT(1 2)"]
    );
}

#[test]
fn kml_is_written_in_longitude_and_latitude() {
    // PostGIS 3.3: ST_AsKML('SRID=3857;LINESTRING(261600.8033641929 6249447.752791279,0 0)')
    // and ST_AsKML('SRID=32631;POINT(500000 0)'); SRID 0 is written as it is.
    let rows = [
        geometry(3857, "LINESTRING(261600.8033641929 6249447.752791279,0 0)"),
        geometry(32631, "POINT(500000 0)"),
        geometry(0, "POINT(2.5 48)"),
        geometry(4326, "POINT(2.5 48)"),
    ];
    assert_eq!(
        chain(&["st_asKML"], GEOMETRY, &rows),
        [
            "<LineString><coordinates>2.35,48.85 0,0</coordinates></LineString>",
            "<Point><coordinates>2.999999999999992,0</coordinates></Point>",
            "<Point><coordinates>2.5,48</coordinates></Point>",
            "<Point><coordinates>2.5,48</coordinates></Point>",
        ]
    );
}

#[test]
fn bad_input_names_the_function_and_the_value() {
    let cases = [
        (
            r#"st_geomFromGeoJSON('{"type":"point","coordinates":[1,2]}')"#,
            r#"st_geomFromGeoJSON: invalid GeoJSON: unknown geometry type 'point'; geojson = '{"type":"point","coordinates":[1,2]}'"#,
        ),
        (
            r#"st_geomFromGeoJSON('{"type":"Point","coordinates":[1,2')"#,
            r#"st_geomFromGeoJSON: invalid GeoJSON: EOF while parsing a list at line 1 column 34; geojson = '{"type":"Point","coordinates":[1,2'"#,
        ),
        (
            "st_geomFromEWKT('SRID=4326POINT(1 2)')",
            "st_geomFromEWKT: invalid WKT: an SRID= prefix must end with ';'; ewkt = 'SRID=4326POINT(1 2)'",
        ),
        (
            "st_geomFromEWKB(X'0101000020E610')",
            "st_geomFromEWKB: invalid WKB: General error: Invalid buffer length for Point: geometry would end at byte 25, but buffer length is 7.; ewkb = X'0101000020E610'",
        ),
        (
            "st_geomFromGML('<gml:Point><gml:pos>1 2</gml:pos>')",
            "st_geomFromGML: invalid GML: the text ends inside an element; gml = '<gml:Point><gml:pos>1 2</gml:pos>'",
        ),
        (
            "st_asGML(4, st_point(1, 2), 15)",
            "st_asGML: only GML 2 and GML 3 are supported, got 4; version = 4",
        ),
        (
            "st_asKML(st_point(1, 2, 99999))",
            "st_asKML: unknown CRS EPSG:99999: it is not in the EPSG table strabo carries (crs-definitions 0.6, about 6,000 codes); geom = 'POINT(1 2)' (SRID 99999)",
        ),
        (
            "st_asLatLonText(st_geomFromWKT('LINESTRING(0 0,1 1)'))",
            "st_asLatLonText: only a point has a latitude and a longitude; point = 'LINESTRING(0 0,1 1)' (SRID 0)",
        ),
        (
            "st_asLatLonText(st_point(1, 2), 'D D')",
            "st_asLatLonText: bad format: D cannot be used more than once; format = 'D D'",
        ),
    ];
    for (sql, message) in cases {
        for literals in [Literals::Constants, Literals::Columns] {
            let err = support::evaluate(sql, literals).unwrap_err();
            assert_eq!(err.kind, ErrorKind::InvalidArgument, "{sql}");
            assert_eq!(err.to_string(), message, "{sql} ({literals:?})");
        }
        let err = support::evaluate_batch(sql).unwrap_err();
        assert_eq!(err.to_string(), message, "{sql} (batch)");
    }
}

/// NaN coordinates have no spelling in JSON, GML or KML: an error, never a panic or a `NaN`.
#[test]
fn non_finite_coordinates_are_refused_by_text_writers() {
    let nan = geometry(0, "POINT(1 2)")
        .into_iter()
        .take(4 + 5)
        .chain(f64::NAN.to_le_bytes())
        .chain(2f64.to_le_bytes())
        .collect::<Vec<u8>>();
    for function in ["st_asGeoJSON", "st_asGML", "st_asKML"] {
        let json = format!(
            r#"{{"inputs": [{GEOMETRY}], "constants": [], "nodes": [{{"function": "{function}", "signature": 0, "args": [{{"input": 0}}]}}], "outputs": [0]}}"#
        );
        let mut program = Program::compile(&json, &[]).unwrap();
        let mut row = RowWriter::default();
        row.bytes(&nan);
        let err = program.eval_row(&row.finish()).unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidArgument, "{function}");
        assert!(
            err.to_string().contains("not a finite number"),
            "{function}: {err}"
        );
    }
}
