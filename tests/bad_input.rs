//! Bad input gets a defined result or a clear error, never a panic: malformed WKT and WKB,
//! empty geometries, invalid polygons, NULLs and mixed SRIDs, through the same programs the
//! JVM compiles.
mod support;

use strabo::eval::row::RowWriter;
use strabo::eval::{ErrorKind, EvalError, Program};
use strabo::functions::{registry, Kind};
use strabo::geom::Geom;

fn wkb(text: &str) -> Vec<u8> {
    Geom::from_wkt(0, text).unwrap().to_wkb().unwrap()
}

/// A program calling `function` on one WKB input per geometry parameter and a constant 1.0 for
/// each double parameter.
fn on_wkb_inputs(function: &str) -> Program {
    let spec = strabo::functions::lookup(function).unwrap();
    let mut inputs = Vec::new();
    let mut args = Vec::new();
    let mut constants = RowWriter::default();
    let mut constant_encodings = Vec::new();
    for param in spec.params {
        match param.kind {
            Kind::Geometry => {
                args.push(format!(r#"{{"input": {}}}"#, inputs.len()));
                inputs.push(r#""wkb""#);
            }
            Kind::Double => {
                constants.double(1.0);
                args.push(format!(r#"{{"constant": {}}}"#, constant_encodings.len()));
                constant_encodings.push(r#""double""#);
            }
            other => panic!("{function} takes {other:?}"),
        }
    }
    let output = support::output_encoding(spec.returns);
    let json = format!(
        r#"{{"inputs": [{}], "constants": [{}], "output": "{output}", "nodes": [{{"function": "{}", "args": [{}]}}]}}"#,
        inputs.join(","),
        constant_encodings.join(","),
        spec.name,
        args.join(",")
    );
    Program::compile(&json, &constants.finish()).unwrap()
}

fn run(function: &str, geometries: &[&[u8]]) -> Result<String, EvalError> {
    let program = on_wkb_inputs(function);
    let mut row = RowWriter::default();
    for geometry in geometries {
        row.bytes(geometry);
    }
    let spec = strabo::functions::lookup(function).unwrap();
    Ok(support::render(
        program.eval_row(&row.finish())?,
        spec.returns,
    ))
}

/// Every native function that takes only geometries (and numbers), with its geometry arity.
fn geometry_functions() -> Vec<(&'static str, usize)> {
    registry()
        .iter()
        .filter(|spec| spec.kernel().is_some())
        .filter(|spec| spec.params.iter().any(|p| p.kind == Kind::Geometry))
        .filter(|spec| {
            spec.params
                .iter()
                .all(|p| matches!(p.kind, Kind::Geometry | Kind::Double))
        })
        .map(|spec| {
            (
                spec.name,
                spec.params
                    .iter()
                    .filter(|p| p.kind == Kind::Geometry)
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
        let err = support::evaluate(&format!("st_geomFromWKT('{text}')")).unwrap_err();
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

#[test]
fn long_bad_values_are_cut_short_in_messages() {
    let text = format!("LINESTRING({}", "1 2,".repeat(200));
    let err = support::evaluate(&format!("st_geomFromWKT('{text}')"))
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
    for (function, arity) in geometry_functions() {
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

#[test]
fn empty_geometries_have_documented_results() {
    let point = wkb("POINT(1 1)");
    let expected = |function: &str, empty: &str| -> &'static str {
        match function {
            "st_area" | "st_length" => "0.0",
            "st_x" | "st_y" | "st_distance" => "NULL",
            "st_contains" | "st_within" | "st_intersects" => "false",
            "st_envelope" => "SAME",
            "st_asText" => "SAME",
            other => panic!("add {other} (on {empty}) to this test"),
        }
    };
    for empty in [
        "POINT EMPTY",
        "LINESTRING EMPTY",
        "POLYGON EMPTY",
        "MULTIPOLYGON EMPTY",
        "GEOMETRYCOLLECTION EMPTY",
    ] {
        let bytes = wkb(empty);
        for (function, arity) in geometry_functions() {
            let mut args = vec![point.as_slice(); arity];
            args[0] = &bytes;
            let result = run(function, &args).unwrap();
            match expected(function, empty) {
                "SAME" => assert_eq!(result, empty, "{function}({empty})"),
                value => assert_eq!(result, value, "{function}({empty})"),
            }
        }
    }
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
    let unclosed = wkb("POLYGON((0 0,4 0,4 4,0 4))");
    assert_eq!(
        run("st_area", &[&unclosed]).unwrap(),
        "16.0",
        "geo closes rings when it converts"
    );
}

#[test]
fn nulls_give_null() {
    assert_eq!(support::evaluate("st_area(NULL)").unwrap(), "NULL");
    assert_eq!(
        support::evaluate("st_contains(NULL, st_point(1, 2))").unwrap(),
        "NULL"
    );
    assert_eq!(support::evaluate("st_point(1, NULL)").unwrap(), "NULL");
    assert_eq!(support::evaluate("st_geomFromWKT(NULL)").unwrap(), "NULL");
}

#[test]
fn mixed_srids_are_refused() {
    let program = Program::compile(
        r#"{"inputs": ["srid_wkb", "srid_wkb"], "constants": [], "output": "boolean",
            "nodes": [{"function": "st_contains", "args": [{"input": 0}, {"input": 1}]}]}"#,
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
    assert!(
        err.to_string()
            .starts_with("st_contains: geometries have different SRIDs (4326 and 3857)"),
        "{err}"
    );
}

/// Deterministic mutations of valid WKB through every geometry function: each call returns a
/// value or an `InvalidArgument` error; none panics.
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
    for round in 0..2000 {
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
