//! Bad input gets a defined result or a clear error, never a panic: malformed WKT and WKB,
//! empty geometries, invalid polygons, bad parameters, NULLs and mixed SRIDs, through the same
//! programs the JVM compiles, on the per-row path and the batch path.
mod support;

use std::sync::Arc;

use arrow_array::{ArrayRef, BinaryArray};
use strabo::columnar::row::RowWriter;
use strabo::eval::{ErrorKind, EvalError, Program};
use strabo::functions::{lookup, registry};
use strabo::kernel::SqlType;
use support::{render_array, render_value, wkb, Literals};

/// A program calling `function` with one WKB input per geometry parameter and a fixed constant
/// for each other parameter.
fn on_wkb_inputs(function: &str) -> (Program, SqlType) {
    let spec = lookup(function).unwrap();
    let signature = &spec.signatures[0];
    let mut inputs = Vec::new();
    let mut args = Vec::new();
    let mut constants = RowWriter::default();
    let mut constant_types = Vec::new();
    for param in signature.params.iter().filter(|p| !p.optional) {
        let constant = match param.ty {
            SqlType::Geometry => {
                args.push(format!(r#"{{"input": {}}}"#, inputs.len()));
                inputs.push(r#"{"type": "geometry", "encoding": "wkb"}"#);
                continue;
            }
            SqlType::Double => {
                constants.double(1.0);
                r#"{"type": "double"}"#
            }
            SqlType::Int => {
                constants.int(25);
                r#"{"type": "int"}"#
            }
            other => panic!("{function} takes {other:?}"),
        };
        args.push(format!(r#"{{"constant": {}}}"#, constant_types.len()));
        constant_types.push(constant);
    }
    let json = format!(
        r#"{{"inputs": [{}], "constants": [{}], "outputs": [0], "nodes": [{{"function": "{}", "signature": 0, "args": [{}]}}]}}"#,
        inputs.join(","),
        constant_types.join(","),
        spec.name,
        args.join(",")
    );
    (
        Program::compile(&json, &constants.finish()).unwrap(),
        signature.returns,
    )
}

/// Runs `function` on geometries, on the per-row path and the batch path, which must agree.
fn run(function: &str, geometries: &[&[u8]]) -> Result<String, EvalError> {
    let (mut program, returns) = on_wkb_inputs(function);
    let mut row = RowWriter::default();
    geometries.iter().for_each(|g| {
        row.bytes(g);
    });
    let by_row = program
        .eval_row(&row.finish())
        .map(|v| render_value(v, returns));
    let arrays: Vec<ArrayRef> = geometries
        .iter()
        .map(|g| Arc::new(BinaryArray::from(vec![*g])) as ArrayRef)
        .collect();
    let by_batch = program
        .eval_arrays(&arrays, 1)
        .map(|out| render_array(&out[0], 0, returns));
    assert_eq!(
        by_row, by_batch,
        "{function}: the row and batch paths disagree"
    );
    by_row
}

/// Every native scalar function whose required parameters are geometries and numbers, with
/// its number of geometry parameters.
fn geometry_functions() -> Vec<(&'static str, usize)> {
    registry()
        .iter()
        .filter(|spec| spec.is_scalar())
        .map(|spec| (spec, spec.signatures[0].params))
        .filter(|(_, params)| params.iter().any(|p| p.ty == SqlType::Geometry))
        .filter(|(_, params)| {
            params
                .iter()
                .filter(|p| !p.optional)
                .all(|p| matches!(p.ty, SqlType::Geometry | SqlType::Double | SqlType::Int))
        })
        .map(|(spec, params)| {
            (
                spec.name,
                // The geometries `on_wkb_inputs` passes: optional ones are left out.
                params
                    .iter()
                    .filter(|p| p.ty == SqlType::Geometry && !p.optional)
                    .count(),
            )
        })
        .collect()
}

#[test]
fn malformed_wkt_names_the_function_and_the_text() {
    for text in [
        "POLYGON((0 0,4 0",
        "POINT(1)",
        "FOO(1 2)",
        "",
        "POINT(1 2) trailing",
        "POINT(nan 1)",
    ] {
        for literals in [Literals::Constants, Literals::Columns] {
            let err =
                support::evaluate(&format!("st_geomFromWKT('{text}')"), literals).unwrap_err();
            assert_eq!(err.kind, ErrorKind::InvalidArgument, "{text}");
            assert!(
                err.to_string().starts_with("st_geomFromWKT: invalid WKT"),
                "{err}"
            );
            assert!(
                err.to_string().ends_with(&format!("wkt = '{text}'")),
                "{err}"
            );
        }
    }
}

#[test]
fn long_bad_values_are_cut_short_in_messages() {
    let text = format!("LINESTRING({}", "1 2,".repeat(200));
    let err = support::evaluate(&format!("st_geomFromWKT('{text}')"), Literals::Columns)
        .unwrap_err()
        .to_string();
    assert!(err.len() < 250, "{} characters: {err}", err.len());
    assert!(err.ends_with("…'"), "{err}");
}

#[test]
fn truncated_unknown_and_trailing_wkb_are_refused_by_every_function() {
    let square = wkb("POLYGON((0 0,4 0,4 4,0 4,0 0))");
    let unknown_type = [
        1u8, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0x40,
    ];
    let mut trailing = square.clone();
    trailing.push(0);
    let bad: [(&str, &[u8]); 4] = [
        ("truncated", &square[..square.len() - 3]),
        ("header only", &square[..5]),
        ("unknown type", &unknown_type),
        ("trailing bytes", &trailing),
    ];
    let functions = geometry_functions();
    assert!(functions.len() >= 15, "{functions:?}");
    for (function, arity) in functions {
        for (what, bytes) in bad {
            let mut args = vec![square.as_slice(); arity];
            args[arity - 1] = bytes;
            let err = run(function, &args).unwrap_err();
            assert_eq!(err.kind, ErrorKind::InvalidArgument, "{function} on {what}");
            assert_eq!(err.function, function, "{what}");
            assert!(
                err.to_string().contains("invalid WKB"),
                "{function} on {what}: {err}"
            );
            assert!(
                err.to_string().contains("= X'"),
                "{function} on {what}: {err}"
            );
        }
    }
}

/// Bytes from hex, as SQL writes a binary literal.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn a_point_of_the_wrong_type_inside_a_multipoint_is_invalid_wkb() {
    // 2D MULTIPOINTs of one point whose header is not a 2D point: a type code with stray flag
    // bits (E9030070), and POINT Z (E9030000). The wkb crate panicked reading either.
    for (member_type, reason) in [
        ("E9030070", "invalid WKB: unknown geometry type code"),
        ("E9030000", "invalid WKB: mixed dimensions"),
    ] {
        let bad = unhex(&format!(
            "01040000000100000001{member_type}000000000000F03F000000000000F03F"
        ));
        for (function, arity) in geometry_functions() {
            let square = wkb("POLYGON((0 0,4 0,4 4,0 4,0 0))");
            let mut args = vec![square.as_slice(); arity];
            args[0] = &bad;
            let err = run(function, &args).unwrap_err();
            assert_eq!(err.kind, ErrorKind::InvalidArgument, "{function}: {err}");
            assert!(err.to_string().contains(reason), "{function}: {err}");
        }
    }
    // Valid multipoints, alone and inside a collection, still read.
    for text in [
        "MULTIPOINT((1 1),(2 2))",
        "MULTIPOINT Z((1 1 1),(2 2 2))",
        "GEOMETRYCOLLECTION(MULTIPOINT((1 1),(2 2)),POINT(3 3))",
    ] {
        assert_eq!(run("st_asText", &[&wkb(text)]).unwrap(), text);
    }
}

#[test]
fn a_multipoint_holding_an_empty_point_has_no_wkt_but_is_otherwise_read() {
    // MULTIPOINT(EMPTY, (1 1)) as PostGIS and GEOS write it: wkt 0.14 panicked writing it.
    let bytes = unhex(
        "0104000000020000000101000000000000000000F87F000000000000F87F\
         0101000000000000000000F03F000000000000F03F",
    );
    let err = run("st_asText", &[&bytes]).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidArgument, "{err}");
    assert!(
        err.to_string().starts_with(
            "st_asText: cannot encode geometry as WKT: a MULTIPOINT that holds an empty point"
        ),
        "{err}"
    );
    assert_eq!(run("st_numGeometries", &[&bytes]).unwrap(), "2");
    assert_eq!(run("st_numPoints", &[&bytes]).unwrap(), "1");
}

/// The GeoJSON of an empty geometry, as PostGIS 3.3 writes it (`ST_AsGeoJSON`).
fn empty_geojson(empty: &str) -> String {
    match empty {
        "GEOMETRYCOLLECTION EMPTY" => r#"{"type":"GeometryCollection","geometries":[]}"#.into(),
        _ => {
            let name = match empty {
                "POINT EMPTY" => "Point",
                "LINESTRING EMPTY" => "LineString",
                "POLYGON EMPTY" => "Polygon",
                "MULTIPOLYGON EMPTY" => "MultiPolygon",
                other => panic!("no GeoJSON for {other}"),
            };
            format!(r#"{{"type":"{name}","coordinates":[]}}"#)
        }
    }
}

#[test]
fn empty_geometries_have_documented_results() {
    let point = wkb("POINT(1 1)");
    // The result for an empty geometry of type `kind` (its WKT keyword): a value, "SAME" for
    // the input itself, or an error (an `IllegalArgumentException`, as PostGIS raises one)
    // whose message starts with the function's name and then this text.
    let expected = |function: &str, kind: &str| -> Result<&'static str, &'static str> {
        let collection = matches!(kind, "MULTIPOLYGON" | "GEOMETRYCOLLECTION");
        let line = kind == "LINESTRING";
        Ok(match function {
            "st_area" | "st_length" => "0.0",
            "st_numPoints" | "st_numGeometries" | "st_nRings" => "0",
            "st_x" | "st_y" | "st_z" | "st_m" | "st_distance" | "st_geoHash" => "NULL",
            "st_xMin" | "st_xMax" | "st_yMin" | "st_yMax" | "st_zMin" | "st_zMax" => "NULL",
            "st_geometryN" | "st_pointN" | "st_interiorRingN" | "st_startPoint" | "st_endPoint" => {
                "NULL"
            }
            "st_contains" | "st_within" | "st_intersects" | "st_covers" | "st_coveredBy"
            | "st_dwithin" | "st_isClosed" | "st_isRing" => "false",
            "st_disjoint" | "st_isEmpty" => "true",
            "st_isCollection" if collection => "true",
            "st_isCollection" => "false",
            "st_coordDim" => "2",
            "st_dimension" => match kind {
                "POINT" | "GEOMETRYCOLLECTION" => "0",
                "LINESTRING" => "1",
                _ => "2",
            },
            "st_geometryType" => match kind {
                "POINT" => "Point",
                "LINESTRING" => "LineString",
                "POLYGON" => "Polygon",
                "MULTIPOLYGON" => "MultiPolygon",
                _ => "GeometryCollection",
            },
            "st_exteriorRing" if kind == "POLYGON" => "LINESTRING EMPTY",
            "st_numInteriorRings" if kind == "POLYGON" => "0",
            "st_exteriorRing" | "st_numInteriorRings" => "NULL",
            "st_castToPoint" if kind != "POINT" => return Err("a "),
            "st_castToLineString" if kind != "LINESTRING" => return Err("a "),
            "st_castToPolygon" if kind != "POLYGON" => return Err("a "),
            "st_castToPoint"
            | "st_castToLineString"
            | "st_castToPolygon"
            | "st_castToGeometry"
            | "st_envelope"
            | "st_asText"
            | "st_affine" => "SAME",
            "st_buffer" => "POLYGON EMPTY",
            "st_dump" => "[]",
            "st_translate" | "st_scale" | "st_rotate" | "st_flipCoordinates" | "st_force2D"
            | "st_reverse" | "st_normalize" | "st_segmentize" | "st_snap" | "st_lineMerge" => {
                "SAME"
            }
            "st_setPoint" | "st_addPoint" | "st_removePoint" => return Err(""),
            "st_lineInterpolatePoint" if line => "POINT EMPTY",
            "st_lineLocatePoint" if line => "0.0",
            "st_lineSubstring" if line => "NULL",
            "st_lineInterpolatePoint" | "st_lineLocatePoint" | "st_lineSubstring" => {
                return Err("")
            }
            "st_bufferPoint" | "st_concaveHull" => "POLYGON EMPTY",
            "st_subdivide" => "[]",
            "st_simplify"
            | "st_simplifyPreserveTopology"
            | "st_expand"
            | "st_antimeridianSafeGeom" => "SAME",
            "st_convexHull" | "st_voronoiPolygons" | "st_delaunayTriangles" => {
                "GEOMETRYCOLLECTION EMPTY"
            }
            "st_centroid" | "st_pointOnSurface" => "POINT EMPTY",
            // The empty form of what the type's boundary would be, as GEOS gives it; a
            // collection has none.
            "st_boundary" => match kind {
                "LINESTRING" => "MULTIPOINT EMPTY",
                "POLYGON" | "MULTIPOLYGON" => "MULTILINESTRING EMPTY",
                "GEOMETRYCOLLECTION" => "NULL",
                _ => "GEOMETRYCOLLECTION EMPTY",
            },
            "st_perimeter" | "st_lengthSphere" | "st_lengthSpheroid" | "st_areaSpheroid" => "0.0",
            "st_distanceSphere"
            | "st_distanceSpheroid"
            | "st_maxDistance"
            | "st_hausdorffDistance"
            | "st_frechetDistance"
            | "st_azimuth"
            | "st_closestPoint"
            | "st_shortestLine" => "NULL",
            "st_crosses" | "st_overlaps" | "st_touches" | "st_equals" | "st_orderingEquals" => {
                "false"
            }
            "st_isValid" | "st_isSimple" => "true",
            "st_isValidReason" => "Valid Geometry",
            // The empty geometry has only an exterior; the point's interior lies in it.
            "st_relate" => "FFFFFF0F2",
            "st_makeValid" | "st_reducePrecision" => "SAME",
            // As GEOS 3.13 types them (shapely 2.1.2: union, symmetric_difference,
            // intersection and difference with POINT(1 1), shapely.lib.unary_union); PostGIS
            // returns the empty argument instead where the result is empty.
            "st_union" | "st_symDifference" => "POINT(1 1)",
            "st_intersection" => match kind {
                "GEOMETRYCOLLECTION" => "SAME",
                _ => "POINT EMPTY",
            },
            "st_difference" => match kind {
                "MULTIPOLYGON" => "POLYGON EMPTY",
                _ => "SAME",
            },
            "st_unaryUnion" => match kind {
                "POLYGON" | "MULTIPOLYGON" => "GEOMETRYCOLLECTION EMPTY",
                _ => "SAME",
            },
            // A ring must have four points, a corner must be a point, as in PostGIS and JTS.
            "st_makePolygon" | "st_makeBox2D" => return Err(""),
            "st_asGML" | "st_asKML" => "NULL",
            "st_asEWKT" => "SAME",
            // EWKB of SRID 0 is ISO WKB; an empty point has NaN coordinates in both.
            "st_asEWKB" | "st_asHexEWKB" => "HEX",
            "st_asGeoJSON" => "GEOJSON",
            // PostGIS: "Cannot convert an empty point into formatted text".
            "st_asLatLonText" => return Err(""),
            other => panic!("add {other} to this test"),
        })
    };
    for empty in [
        "POINT EMPTY",
        "LINESTRING EMPTY",
        "POLYGON EMPTY",
        "MULTIPOLYGON EMPTY",
        "GEOMETRYCOLLECTION EMPTY",
    ] {
        let bytes = wkb(empty);
        let kind = empty.split(' ').next().unwrap();
        for (function, arity) in geometry_functions() {
            let mut args = vec![point.as_slice(); arity];
            args[0] = &bytes;
            match (expected(function, kind), run(function, &args)) {
                (Ok("SAME"), Ok(result)) => assert_eq!(result, empty, "{function}({empty})"),
                (Ok("HEX"), Ok(result)) => assert_eq!(result, hex(&bytes), "{function}({empty})"),
                (Ok("GEOJSON"), Ok(result)) => {
                    assert_eq!(result, empty_geojson(empty), "{function}({empty})")
                }
                (Ok(value), Ok(result)) => assert_eq!(result, value, "{function}({empty})"),
                (Err(message), Err(err)) => {
                    assert_eq!(err.kind, ErrorKind::InvalidArgument, "{function}({empty})");
                    let start = format!("{function}: {message}");
                    assert!(err.to_string().starts_with(&start), "{err}");
                }
                (expected, result) => panic!("{function}({empty}): {result:?}, not {expected:?}"),
            }
        }
    }
}

#[test]
fn casts_name_the_type_they_were_given() {
    let line = wkb("LINESTRING(0 0,1 1)");
    let err = run("st_castToPoint", &[&line]).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidArgument);
    assert_eq!(
        err.to_string(),
        "st_castToPoint: a LINESTRING cannot be cast to a POINT; geom = 'LINESTRING(0 0,1 1)' (SRID 0)"
    );
    let multipoint = wkb("MULTIPOINT((1 2))");
    let err = run("st_castToPoint", &[&multipoint]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("st_castToPoint: a MULTIPOINT cannot be cast to a POINT"),
        "{err}"
    );
    let point = wkb("POINT(1 2)");
    for function in ["st_castToLineString", "st_castToPolygon"] {
        let err = run(function, &[&point]).unwrap_err();
        assert!(err.to_string().contains("a POINT cannot be cast"), "{err}");
    }
    assert_eq!(
        run("st_castToGeometry", &[&multipoint]).unwrap(),
        "MULTIPOINT((1 2))"
    );
}

#[test]
fn st_is_ring_refuses_what_is_not_a_line_string() {
    // PostGIS 3.3.2: 'ST_IsRing() should only be called on a linear feature'.
    let polygon = wkb("POLYGON((0 0,1 0,1 1,0 0))");
    let err = run("st_isRing", &[&polygon]).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidArgument);
    assert!(
        err.to_string()
            .starts_with("st_isRing: st_isRing takes a LINESTRING, got a POLYGON"),
        "{err}"
    );
}

#[test]
fn invalid_polygons_are_measured_as_given() {
    let bowtie = wkb("POLYGON((0 0,2 2,2 0,0 2,0 0))");
    assert_eq!(
        run("st_area", &[&bowtie]).unwrap(),
        "0.0",
        "lobes of opposite winding cancel, as in GEOS"
    );
    assert_eq!(
        run("st_envelope", &[&bowtie]).unwrap(),
        "POLYGON((0 0,0 2,2 2,2 0,0 0))"
    );
}

/// ISO WKB of a one-ring polygon, or of a line string, whatever its points.
fn raw_wkb(type_code: u32, points: &[(f64, f64)]) -> Vec<u8> {
    let mut out = vec![1];
    out.extend_from_slice(&type_code.to_le_bytes());
    if type_code == 3 {
        out.extend_from_slice(&1u32.to_le_bytes());
    }
    out.extend_from_slice(&(points.len() as u32).to_le_bytes());
    for (x, y) in points {
        out.extend_from_slice(&x.to_le_bytes());
        out.extend_from_slice(&y.to_le_bytes());
    }
    out
}

#[test]
fn rings_and_lines_with_too_few_points_are_refused_as_postgis_refuses_them() {
    let cases = [
        (
            raw_wkb(3, &[(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)]),
            "POLYGON((0 0,4 0,4 4,0 4))",
            "a polygon ring must end where it starts",
        ),
        (
            raw_wkb(3, &[(0.0, 0.0), (4.0, 0.0), (0.0, 0.0)]),
            "POLYGON((0 0,4 0,0 0))",
            "a polygon ring needs at least 4 points, got 3",
        ),
        (
            raw_wkb(2, &[(1.0, 1.0)]),
            "LINESTRING(1 1)",
            "a line string needs at least 2 points, got 1",
        ),
    ];
    for (bytes, text, reason) in cases {
        for function in ["st_area", "st_length", "st_asText", "st_buffer"] {
            let err = run(function, &[&bytes]).unwrap_err();
            assert_eq!(err.kind, ErrorKind::InvalidArgument, "{function} {text}");
            assert!(err.to_string().contains(reason), "{function} {text}: {err}");
        }
        for literals in [Literals::Constants, Literals::Columns] {
            let err =
                support::evaluate(&format!("st_geomFromWKT('{text}')"), literals).unwrap_err();
            assert_eq!(err.kind, ErrorKind::InvalidArgument, "{text}");
            assert!(err.to_string().contains(reason), "{text}: {err}");
        }
    }
}

#[test]
fn bad_parameters_name_the_parameter() {
    let cases = [
        ("st_buffer(st_point(0, 0), 1.0, 'quad_segs=0')", "st_buffer: invalid value '0' for quad_segs; params = 'quad_segs=0'"),
        ("st_buffer(st_point(0, 0), 1.0, 'side=left')", "st_buffer: side=left is not supported; only side=both; params = 'side=left'"),
        ("st_geoHash(st_point(0, 0), 64)", "st_geoHash: geohash precision is a number of bits from 1 to 63, got 64; precision = 64"),
        ("st_geoHash(st_point(200, 0), 25)", "st_geoHash: a geohash needs longitude in [-180, 180] and latitude in [-90, 90], got (200 0); geom = 'POINT(200 0)' (SRID 0)"),
        ("st_dwithin(st_point(0, 0), st_point(1, 1), -1.0)", "st_dwithin: the distance must be 0 or more, got -1; distance = -1.0"),
        ("st_setPoint(st_geomFromWKT('LINESTRING(0 0,1 1,2 2)'), 3, st_point(5, 5))", "st_setPoint: vertex index 3 is out of range for a line string of 3 vertices (-3 to 2); index = 3"),
        ("st_setPoint(st_point(0, 0), 0, st_point(5, 5))", "st_setPoint: expected a LINESTRING, got a POINT; line = 'POINT(0 0)' (SRID 0)"),
        ("st_setPoint(st_geomFromWKT('LINESTRING(0 0,1 1,2 2)'), 0, st_geomFromWKT('LINESTRING(0 0,1 1)'))", "st_setPoint: expected a POINT, got a LINESTRING; point = 'LINESTRING(0 0,1 1)' (SRID 0)"),
        ("st_addPoint(st_geomFromWKT('LINESTRING(0 0,1 1)'), st_point(2, 2), -2)", "st_addPoint: position -2 is out of range for a line string of 2 vertices (0 to 2, or -1 to append); position = -2"),
        ("st_addPoint(st_geomFromWKT('LINESTRING(0 0,1 1)'), st_geomFromWKT('POINT EMPTY'))", "st_addPoint: the point is empty; point = 'POINT EMPTY' (SRID 0)"),
        ("st_removePoint(st_geomFromWKT('LINESTRING(0 0,1 1)'), 0)", "st_removePoint: a line string of 2 vertices has none to spare; line = 'LINESTRING(0 0,1 1)' (SRID 0)"),
        ("st_removePoint(st_geomFromWKT('LINESTRING(0 0,1 1,2 2)'), -1)", "st_removePoint: vertex index -1 is out of range for a line string of 3 vertices (0 to 2); index = -1"),
        ("st_lineInterpolatePoint(st_geomFromWKT('LINESTRING(0 0,1 1)'), 1.5)", "st_lineInterpolatePoint: the fraction must be within [0, 1], got 1.5; fraction = 1.5"),
        ("st_lineLocatePoint(st_geomFromWKT('LINESTRING(0 0,1 1)'), st_geomFromWKT('LINESTRING(0 0,1 1)'))", "st_lineLocatePoint: expected a POINT, got a LINESTRING; point = 'LINESTRING(0 0,1 1)' (SRID 0)"),
        ("st_lineSubstring(st_geomFromWKT('LINESTRING(0 0,1 1)'), 0.6, 0.2)", "st_lineSubstring: the start fraction (0.6) is past the end fraction (0.2); start = 0.6"),
        ("st_lineSubstring(st_geomFromWKT('LINESTRING(0 0,1 1)'), 0.2, 1.5)", "st_lineSubstring: the end fraction must be within [0, 1], got 1.5; end = 1.5"),
        ("st_lineSubstring(st_point(0, 0), 0.2, 0.5)", "st_lineSubstring: expected a LINESTRING or MULTILINESTRING, got a POINT; line = 'POINT(0 0)' (SRID 0)"),
        ("st_segmentize(st_geomFromWKT('LINESTRING(0 0,1 1)'), 0.0)", "st_segmentize: the maximum segment length must be a positive number, got 0; maxSegmentLength = 0.0"),
        ("st_rotate(st_point(1, 0), 1.0, st_geomFromWKT('LINESTRING(0 0,1 1)'))", "st_rotate: the rotation origin must be a point; origin = 'LINESTRING(0 0,1 1)' (SRID 0)"),
        // A function that checks a parameter and a geometry blames the one it refused
        // (X'01...' is POINT(NaN 1), which WKT cannot spell).
        ("st_simplify(st_point(0, 0), -1.0)", "st_simplify: tolerance must be a finite number >= 0, got -1; tolerance = -1.0"),
        ("st_simplify(X'0101000000000000000000F87F000000000000F03F', 1.0)", "st_simplify: coordinates must be finite numbers, got (NaN 1); geom = 'POINT(NaN 1)' (SRID 0)"),
        ("st_subdivide(st_point(0, 0), -4)", "st_subdivide: ST_Subdivide cannot subdivide to fewer than 5 vertices per part, got 0; maxVertices = -4"),
        ("st_concaveHull(st_point(0, 0), 1.5)", "st_concaveHull: the concave hull ratio must be between 0 and 1, got 1.5; pctconvex = 1.5"),
        ("st_delaunayTriangles(st_point(0, 0), 0.0, 2)", "st_delaunayTriangles: ST_DelaunayTriangles with flags = 2 (a TIN) is not supported; use 0 for polygons or 1 for edges; flags = 2"),
        ("st_voronoiPolygons(st_point(0, 0), 0.0, X'0101000000000000000000F87F000000000000F03F')", "st_voronoiPolygons: coordinates must be finite numbers, got (NaN 1); extendTo = 'POINT(NaN 1)' (SRID 0)"),
        ("st_voronoiPolygons(X'0101000000000000000000F87F000000000000F03F', 0.0, X'0101000000000000000000F87F000000000000F03F')", "st_voronoiPolygons: coordinates must be finite numbers, got (NaN 1); geom = 'POINT(NaN 1)' (SRID 0)"),
        ("st_bufferPoint(st_point(0, 0), 0.0)", "st_bufferPoint: the st_bufferPoint radius must be a positive number of metres, got 0; metres = 0.0"),
        ("st_bufferPoint(st_geomFromWKT('LINESTRING(0 0,1 1)'), 10.0)", "st_bufferPoint: st_bufferPoint takes a point; point = 'LINESTRING(0 0,1 1)' (SRID 0)"),
    ];
    for (sql, message) in cases {
        for literals in [Literals::Constants, Literals::Columns] {
            let err = support::evaluate(sql, literals).unwrap_err();
            assert_eq!(err.kind, ErrorKind::InvalidArgument, "{sql}");
            assert_eq!(err.to_string(), message, "{sql} ({literals:?})");
        }
    }
}

#[test]
fn nulls_give_null() {
    for sql in [
        "st_area(NULL)",
        "st_contains(NULL, st_point(1, 2))",
        "st_point(1, NULL)",
        "st_geomFromWKT(NULL)",
        "st_buffer(st_point(0, 0), 1.0, NULL)",
        "st_geoHash(st_point(0, 0), NULL)",
        "st_rotate(st_point(1, 0), 1.0, NULL)",
        "st_setPoint(st_geomFromWKT('LINESTRING(0 0,1 1)'), NULL, st_point(1, 1))",
        "st_lineMerge(st_geomFromWKT('LINESTRING(0 0,1 1)'), NULL)",
    ] {
        for literals in [Literals::Constants, Literals::Columns] {
            assert_eq!(
                support::evaluate(sql, literals).unwrap(),
                "NULL",
                "{sql} ({literals:?})"
            );
        }
    }
}

#[test]
fn mixed_srids_are_refused() {
    let mut program = Program::compile(
        r#"{"inputs": [{"type": "geometry", "encoding": "srid_wkb"}, {"type": "geometry", "encoding": "srid_wkb"}],
            "constants": [], "outputs": [0],
            "nodes": [{"function": "st_contains", "signature": 0, "args": [{"input": 0}, {"input": 1}]}]}"#,
        &[],
    )
    .unwrap();
    let with_srid = |srid: i32, text: &str| [srid.to_le_bytes().as_slice(), &wkb(text)].concat();
    let row = RowWriter::default()
        .bytes(&with_srid(4326, "POLYGON((0 0,4 0,4 4,0 4,0 0))"))
        .bytes(&with_srid(3857, "POINT(1 1)"))
        .finish();
    let err = program.eval_row(&row).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidArgument);
    assert_eq!(err.to_string(), "st_contains: geometries have different SRIDs (4326 and 3857); use st_setSRID to align them");
}

/// Deterministic mutations of valid WKB through every geometry function: each call returns a
/// value or an `InvalidArgument` error on both paths; none panics.
#[test]
fn mutated_wkb_never_panics() {
    let seeds: Vec<Vec<u8>> = [
        "POINT(1 2)",
        "LINESTRING(0 0,1 1,2 0)",
        "POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))",
        "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))",
        "GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1))",
        "POINT Z (1 2 3)",
    ]
    .iter()
    .map(|text| wkb(text))
    .collect();
    let other = wkb("POLYGON((0 0,3 0,3 3,0 3,0 0))");
    let mut state = 0x2545F4914F6CDD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut calls = 0;
    for round in 0..1000 {
        let mut bytes = seeds[round % seeds.len()].clone();
        for _ in 0..1 + next() % 3 {
            let at = (next() as usize) % bytes.len();
            bytes[at] = next() as u8;
        }
        if next() % 4 == 0 {
            bytes.truncate((next() as usize) % bytes.len());
        }
        for (function, arity) in geometry_functions() {
            let args: Vec<&[u8]> = (0..arity)
                .map(|i| if i == 0 { bytes.as_slice() } else { &other })
                .collect();
            if let Err(err) = run(function, &args) {
                assert_eq!(
                    err.kind,
                    ErrorKind::InvalidArgument,
                    "{function} on {bytes:02X?}: {err}"
                );
            }
            calls += 1;
        }
    }
    assert!(calls > 1000);
}
