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
use strabo_testkit::metadata::{
    check_ecql, check_filter_json, check_geomesa_conf, check_geomesa_spec, check_pushdown,
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

fn check_pruning(data: &[u8]) -> Result<(), String> {
    check_random_filter(Fuzzed(Unstructured::new(data))).map(|_| ())
}

/// A fuzz target's check: `Err` describes a bug.
type Check = fn(&[u8]) -> Result<(), String>;

const TARGETS: &[(&str, Check)] = &[
    ("wkb", check_wkb),
    ("wkt", check_wkt),
    ("geojson", check_geojson),
    ("ewkt", check_ewkt),
    ("ewkb", check_ewkb),
    ("gml", check_gml),
    ("executor", check_executor),
    ("aggregate", check_aggregate),
    ("ecql", check_ecql),
    ("filter_json", check_filter_json),
    ("pushdown", check_pushdown),
    ("geomesa_spec", check_geomesa_spec),
    ("geomesa_conf", check_geomesa_conf),
    ("store_file", check_store_file),
    ("pruning", check_pruning),
];

/// Runs every file under `fuzz/<kind>/<target>/` through its target's check; returns how many.
fn replay(kind: &str) -> usize {
    let mut failures = Vec::new();
    let mut count = 0;
    for (target, check) in TARGETS {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz")
            .join(kind)
            .join(target);
        // git keeps no empty directories: a target without regressions has none.
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            count += 1;
            if let Err(bug) = check(&fs::read(&path).unwrap()) {
                failures.push(format!("{}: {bug}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    count
}

#[test]
fn inputs_that_once_crashed_pass() {
    assert!(replay("regressions") >= 3);
}

#[test]
fn the_fuzz_corpus_passes() {
    assert!(replay("corpus") >= 50);
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
