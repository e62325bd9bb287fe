//! Replays the fuzz targets' inputs through the same checks, in plain `cargo test`: the inputs
//! that once crashed (`fuzz/regressions/<target>/`, named after the bug) and the checked-in
//! corpus (`fuzz/corpus/<target>/`).
use std::fs;
use std::path::Path;

use arbitrary::Unstructured;
use strabo_store::StoreError;
use strabo_testkit::aggregates::check_random_aggregate;
use strabo_testkit::choices::Fuzzed;
use strabo_testkit::codecs::{check_ewkb, check_ewkt, check_geojson, check_gml};
use strabo_testkit::files::{check_store_file, read_store_file, FILE};
use strabo_testkit::joins::check_random_join;
use strabo_testkit::metadata::{
    check_ecql, check_filter_json, check_geomesa_conf, check_geomesa_names, check_geomesa_spec,
    check_pushdown,
};
use strabo_testkit::programs::{check_random_program, FUZZ_MAX_ROWS};
use strabo_testkit::stores::check_random_filter;
use strabo_testkit::walk::{check_wkb, check_wkt};

fn check_executor(data: &[u8]) -> Result<(), String> {
    check_random_program(Fuzzed(Unstructured::new(data)), FUZZ_MAX_ROWS).map(|_| ())
}

fn check_aggregate(data: &[u8]) -> Result<(), String> {
    check_random_aggregate(Fuzzed(Unstructured::new(data)), 2 * FUZZ_MAX_ROWS).map(|_| ())
}

fn check_join(data: &[u8]) -> Result<(), String> {
    check_random_join(Fuzzed(Unstructured::new(data))).map(|_| ())
}

fn check_pruning(data: &[u8]) -> Result<(), String> {
    check_random_filter(Fuzzed(Unstructured::new(data))).map(|_| ())
}

/// A fuzz target's check: `Err` describes a bug.
type Check = fn(&[u8]) -> Result<(), String>;

/// Every target, its check, and how many inputs that once crashed it are kept: each is a bug's
/// test, so losing one fails here.
const TARGETS: &[(&str, Check, usize)] = &[
    ("wkb", check_wkb, 9),
    ("wkt", check_wkt, 3),
    ("geojson", check_geojson, 0),
    ("ewkt", check_ewkt, 0),
    ("ewkb", check_ewkb, 1),
    ("gml", check_gml, 0),
    ("executor", check_executor, 2),
    ("aggregate", check_aggregate, 5),
    ("ecql", check_ecql, 1),
    ("filter_json", check_filter_json, 0),
    ("pushdown", check_pushdown, 0),
    ("geomesa_spec", check_geomesa_spec, 0),
    ("geomesa_conf", check_geomesa_conf, 0),
    ("geomesa_names", check_geomesa_names, 1),
    ("store_file", check_store_file, 11),
    ("pruning", check_pruning, 0),
    ("join", check_join, 0),
];

/// The inputs under `fuzz/<kind>/<target>/`; `None` when the folder is missing.
fn inputs(kind: &str, target: &str) -> Option<Vec<std::path::PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(kind)
        .join(target);
    let entries = fs::read_dir(dir).ok()?;
    Some(entries.map(|entry| entry.unwrap().path()).collect())
}

/// Runs inputs through a target's check; the failures, each naming its file.
fn replay(check: Check, inputs: &[std::path::PathBuf]) -> Vec<String> {
    inputs
        .iter()
        .filter_map(|path| {
            check(&fs::read(path).unwrap())
                .err()
                .map(|bug| format!("{}: {bug}", path.display()))
        })
        .collect()
}

#[test]
fn inputs_that_once_crashed_pass() {
    let mut failures = Vec::new();
    for &(target, check, kept) in TARGETS {
        // git keeps no empty folders: a target that never crashed has none.
        let inputs = inputs("regressions", target).unwrap_or_default();
        assert_eq!(inputs.len(), kept, "fuzz/regressions/{target}: {inputs:?}");
        failures.extend(replay(check, &inputs));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_fuzz_corpus_passes() {
    let mut failures = Vec::new();
    for &(target, check, _) in TARGETS {
        let inputs = inputs("corpus", target)
            .unwrap_or_else(|| panic!("fuzz/corpus/{target} is missing: every target has seeds"));
        assert!(!inputs.is_empty(), "fuzz/corpus/{target} is empty");
        failures.extend(replay(check, &inputs));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The parquet and arrow crates panic on some corrupt pages and footers instead of returning
/// an error (bugs 16 to 21 in docs/reliability.md). The store decodes files under a guard that
/// reports each such file as corrupt, naming it.
#[test]
fn files_the_parquet_decoder_panics_on_are_corrupt_file_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/store_file");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with("decoder-panic-"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 6, "{names:?}");
    for name in names {
        let errors = read_store_file(&fs::read(dir.join(&name)).unwrap());
        let corrupt = errors.iter().any(|error| {
            matches!(error, StoreError::Corrupt(message)
                if message.contains(FILE) && message.contains("the Parquet decoder failed"))
        });
        assert!(corrupt, "{name}: {errors:?}");
    }
}

/// Footers and page headers the parquet crate would spin on are refused as corrupt files.
/// parquet 59.3 skips the booleans of an unknown list field without reading a byte each, and
/// reads a known field by the type it expects whatever type the bytes announce, so footers
/// claiming billions of booleans spun for seconds (bugs 23 and 24 in docs/reliability.md), and
/// a page header claiming ten lists of 2^31 - 1 booleans for minutes.
#[test]
fn corrupt_thrift_metadata_is_refused_before_it_is_used() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/store_file");
    for (name, reason) in [
        (
            "footer-list-of-billions-of-booleans",
            "corrupt footer at byte 1180: 268301251 booleans claimed in 2928 bytes",
        ),
        (
            "footer-known-field-of-another-type",
            "corrupt footer at byte 1: field 3 has Thrift type 10 where 6 is read",
        ),
        (
            "page-header-lists-of-billions-of-booleans",
            "corrupt page header at byte 4: 2147483647 booleans claimed in 163 bytes \
             (byte 26 of the header)",
        ),
    ] {
        let errors = read_store_file(&fs::read(dir.join(name)).unwrap());
        let expected = format!("data file 'events/{FILE}' is corrupt: {reason}");
        assert!(
            errors
                .iter()
                .any(|error| matches!(error, StoreError::Corrupt(message)
                if message.starts_with(&expected))),
            "{name}: {errors:?}"
        );
    }
}
