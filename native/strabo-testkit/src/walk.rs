//! Checks that take one input of an input language (WKB, WKT) and walk everything the library
//! does with it: every native function that takes a geometry runs on the parsed value, through
//! the batch and the per-row path, and the codecs round-trip it. Bad input must be an argument
//! error; a panic or any other error is a bug.
use std::cell::RefCell;

use strabo_eval::Program;
use strabo_geom::{wkt_codec, Geo, GeomError};
use strabo_kernel::SqlType;

use crate::programs::{compare_paths, program_json, scalars, Value};
use crate::render::input_json;

/// A geometry that came in as bytes: a BINARY column read as WKB, as `st_area(X'…')` reads it.
const WKB_INPUT: &str = r#"{"type": "geometry", "encoding": "wkb", "srid": 0}"#;

/// One program per (function, signature) that takes a geometry: every geometry argument is the
/// value under test, other arguments are fixed constants, optional and variadic ones are left
/// out. Signatures with an array parameter are walked by the programs of the executor target.
struct Walk {
    programs: Vec<(String, Program)>,
    input: SqlType,
}

/// Values tried in turn for a STRING constant until the function accepts one: parameter
/// strings that may be empty, a coordinate system, a DE-9IM pattern, a geohash direction.
const TEXTS: &[&str] = &["", "EPSG:3857", "T*F**FFF*", "n"];

impl Walk {
    /// Programs whose geometry comes from `source`: a node reading input 0.
    fn new(input: SqlType, input_encoding: &'static str, source: Option<&str>) -> Walk {
        let mut programs = Vec::new();
        for spec in scalars() {
            for (signature, sig) in spec.signatures.iter().enumerate() {
                let required: Vec<_> = sig
                    .params
                    .iter()
                    .filter(|p| !p.optional && !p.variadic)
                    .collect();
                if !required.iter().any(|p| p.ty == SqlType::Geometry)
                    || required.iter().any(|p| !p.ty.is_scalar())
                {
                    continue;
                }
                let texts = if required.iter().any(|p| p.ty == SqlType::String) {
                    TEXTS
                } else {
                    &TEXTS[..1]
                };
                let compiled = texts.iter().find_map(|text| {
                    let (json, constants) = Self::program(
                        spec.name,
                        signature,
                        &required,
                        text,
                        input_encoding,
                        source,
                    );
                    Program::compile(&json, &constants).ok().map(|p| (json, p))
                });
                let program = compiled.unwrap_or_else(|| {
                    panic!(
                        "walk: {} (signature {signature}) takes none of the sample constants",
                        spec.name
                    )
                });
                programs.push(program);
            }
        }
        Walk { programs, input }
    }

    /// The JSON and packed constants of a call of `function` whose STRING constants are `text`.
    fn program(
        function: &str,
        signature: usize,
        required: &[&strabo_kernel::Param],
        text: &str,
        input_encoding: &str,
        source: Option<&str>,
    ) -> (String, Vec<u8>) {
        let mut constants = Vec::new();
        let mut row = strabo_columnar::row::RowWriter::default();
        let geometry = match source {
            Some(_) => r#"{"node": 0}"#.to_string(),
            None => r#"{"input": 0}"#.to_string(),
        };
        let args: Vec<String> = required
            .iter()
            .map(|param| match param.ty {
                SqlType::Geometry => geometry.clone(),
                ty => {
                    match ty {
                        SqlType::Double => row.double(1.0),
                        SqlType::Int => row.int(5),
                        SqlType::BigInt => row.bigint(5),
                        SqlType::Boolean => row.boolean(false),
                        _ => row.bytes(text.as_bytes()),
                    };
                    constants.push(input_json(ty, WKB_INPUT));
                    format!(r#"{{"constant": {}}}"#, constants.len() - 1)
                }
            })
            .collect();
        let mut nodes: Vec<String> = source.iter().map(|s| s.to_string()).collect();
        nodes.push(format!(
            r#"{{"function": "{function}", "signature": {signature}, "args": [{}]}}"#,
            args.join(", ")
        ));
        (
            program_json(&[input_encoding], &constants, &nodes),
            row.finish(),
        )
    }

    /// Runs every program on `value`, or only the first when `all` is false.
    fn run(&mut self, value: Value, all: bool) -> Result<(), String> {
        let rows = [vec![value]];
        let count = if all { self.programs.len() } else { 1 };
        for (json, program) in &mut self.programs[..count] {
            let context = || format!("program {json}, input {:?}", rows[0][0]);
            compare_paths(program, &[self.input], &rows, &context)?;
        }
        Ok(())
    }
}

thread_local! {
    static WKB_WALK: RefCell<Walk> =
        RefCell::new(Walk::new(SqlType::Geometry, WKB_INPUT, None));
    static WKT_WALK: RefCell<Walk> = RefCell::new(Walk::new(
        SqlType::String,
        r#"{"type": "string"}"#,
        Some(r#"{"function": "st_geomFromWKT", "signature": 0, "args": [{"input": 0}]}"#),
    ));
}

/// WKB (or EWKB) bytes: every function, and the WKB and WKT round trips.
///
/// Bytes that do not read as a geometry run through one function only: every function decodes
/// its geometry arguments with the same reader, so the others would fail the same way, and
/// most of the fuzzer's inputs are such bytes.
pub fn check_wkb(data: &[u8]) -> Result<(), String> {
    let geometry = Geo::read(data);
    WKB_WALK.with(|walk| {
        let mut walk = walk.borrow_mut();
        walk.run(Value::Bytes(data.to_vec()), geometry.is_ok())
    })?;
    if let Ok(geometry) = geometry {
        round_trip(&geometry).map_err(|e| format!("WKB {data:02X?}: {e}"))?;
    }
    Ok(())
}

/// WKT text (the bytes as UTF-8, lossily, as the JVM would hand them over): every function
/// over `st_geomFromWKT`, and the round trips of what parses. Text that does not parse runs
/// through one function only, as in [`check_wkb`].
pub fn check_wkt(data: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(data);
    let parsed = wkt_codec::parse(&text);
    WKT_WALK.with(|walk| {
        let mut walk = walk.borrow_mut();
        walk.run(Value::Bytes(text.as_bytes().to_vec()), parsed.is_ok())
    })?;
    if let Ok(parsed) = parsed {
        let mut bytes = Vec::new();
        strabo_geom::write_wkb(&parsed, &mut bytes);
        let geometry = Geo::read(&bytes)
            .map_err(|e| format!("WKT {text:?}: its WKB does not read back: {e}"))?;
        round_trip(&geometry).map_err(|e| format!("WKT {text:?}: {e}"))?;
    }
    Ok(())
}

/// What a valid geometry must survive: written as WKB it reads back and writes the same bytes;
/// written as WKT (when it has WKT) it parses back to the same WKT. A NaN or infinite ordinate
/// is written as `NaN`/`inf`, as GEOS writes it, but the `wkt` crate reads no such number, so
/// that text is exempt (docs/reliability.md).
fn round_trip(geometry: &Geo) -> Result<(), String> {
    let mut once = Vec::new();
    geometry.write_wkb(&mut once);
    let again = Geo::read(&once).map_err(|e| format!("its WKB does not read back: {e}"))?;
    let mut twice = Vec::new();
    again.write_wkb(&mut twice);
    if once != twice {
        return Err(format!(
            "WKB changes when rewritten: {once:02X?} → {twice:02X?}"
        ));
    }
    match wkt_codec::try_to_string(geometry) {
        Ok(text) if text.contains("NaN") || text.contains("inf") => Ok(()),
        Ok(text) => {
            let parsed = wkt_codec::parse(&text)
                .map_err(|e| format!("its WKT {text:?} does not parse back: {e}"))?;
            let mut bytes = Vec::new();
            strabo_geom::write_wkb(&parsed, &mut bytes);
            let reparsed = Geo::read(&bytes).map_err(|e| e.to_string())?;
            let text_again = wkt_codec::try_to_string(&reparsed).map_err(|e| e.to_string())?;
            if text != text_again {
                return Err(format!(
                    "WKT changes when reparsed: {text:?} → {text_again:?}"
                ));
            }
            Ok(())
        }
        Err(GeomError::Encode { .. }) => Ok(()),
        Err(e) => Err(format!("WKT writing failed: {e}")),
    }
}
