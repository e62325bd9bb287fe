//! The function registry: its invariants, its examples (run natively here, and in Spark by
//! it/test_examples.py), and the docs generated from it.
mod support;

use std::collections::HashSet;

use strabo::functions::{registry, render, Implementation, Kind};

#[test]
fn names_and_aliases_are_unique_and_prefixed() {
    let mut seen = HashSet::new();
    for spec in registry() {
        for name in spec.names() {
            assert!(name.starts_with("st_"), "{name}");
            assert!(
                seen.insert(name.to_ascii_lowercase()),
                "{name} is registered twice"
            );
        }
    }
}

#[test]
fn every_function_is_documented_with_examples() {
    for spec in registry() {
        assert!(!spec.examples.is_empty(), "{} has no example", spec.name);
        assert!(
            !spec.summary.contains('\n') && spec.summary.ends_with('.'),
            "{} summary",
            spec.name
        );
        assert!(!spec.details.is_empty(), "{} details", spec.name);
    }
}

#[test]
fn native_functions_take_kinds_the_evaluator_can_pass() {
    for spec in registry() {
        if let Implementation::Native(_) = spec.implementation {
            for param in spec.params {
                assert!(
                    matches!(
                        param.kind,
                        Kind::Geometry | Kind::Double | Kind::String | Kind::Boolean
                    ),
                    "{} {}",
                    spec.name,
                    param.name
                );
            }
        }
    }
}

#[test]
fn native_examples_give_their_documented_results() {
    let mut checked = 0;
    for spec in registry() {
        for example in spec.examples {
            let expr = support::parse(example.sql);
            if !expr.is_native() {
                continue; // uses a Spark function; it/test_examples.py runs it in Spark
            }
            let result =
                support::evaluate(example.sql).unwrap_or_else(|e| panic!("{}: {e}", example.sql));
            assert_eq!(result, example.result, "{}", example.sql);
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} examples ran natively");
}

#[test]
fn functions_md_is_generated_from_the_registry() {
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/functions.md"))
            .expect("docs/functions.md exists");
    assert!(
        committed == render::functions_markdown(),
        "docs/functions.md is stale: run `make docs`"
    );
}

#[test]
fn python_float_rendering_matches_python() {
    assert_eq!(support::python_float(16.0), "16.0");
    assert_eq!(support::python_float(0.1 + 0.2), "0.30000000000000004");
    assert_eq!(support::python_float(1e20), "1e+20");
    assert_eq!(support::python_float(1.5e-7), "1.5e-07");
}
