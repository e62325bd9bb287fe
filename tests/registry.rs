//! The function registry: its invariants and lint, its examples (run natively here on every
//! path, and in Spark by it/test_examples.py), and the docs generated from it.
mod support;

use std::collections::HashSet;

use strabo::functions::{registry, render};
use strabo::kernel::{Implementation, SqlType};
use support::Literals;

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

/// Text a user reads: one line, no stray whitespace.
fn clean(text: &str) -> bool {
    !text.is_empty() && !text.contains('\n') && !text.contains("  ") && text.trim() == text
}

#[test]
fn registry_text_is_clean_and_every_parameter_documented() {
    for spec in registry() {
        let name = spec.name;
        assert!(
            clean(spec.summary) && spec.summary.ends_with('.'),
            "{name} summary: {:?}",
            spec.summary
        );
        assert!(clean(spec.details), "{name} details: {:?}", spec.details);
        assert!(!spec.examples.is_empty(), "{name} has no example");
        for example in spec.examples {
            assert!(
                clean(example.sql) && clean(example.result),
                "{name} example {:?}",
                example.sql
            );
        }
        for signature in spec.signatures {
            for param in signature.params {
                assert!(
                    clean(param.doc) && param.doc.ends_with('.'),
                    "{name} {}: {:?}",
                    param.name,
                    param.doc
                );
                assert!(
                    !param.variadic || std::ptr::eq(param, signature.params.last().unwrap()),
                    "{name} {}: only the last parameter is variadic",
                    param.name
                );
            }
            let optional_then_required = signature
                .params
                .windows(2)
                .any(|pair| pair[0].optional && !pair[1].optional);
            assert!(
                !optional_then_required,
                "{name}: optional parameters come last"
            );
        }
        let kinds: HashSet<&str> = spec
            .signatures
            .iter()
            .map(|s| match s.implementation {
                Implementation::Scalar(_) => "scalar",
                Implementation::Aggregate(_) => "aggregate",
                Implementation::Join => "join",
                Implementation::Spark => "spark",
            })
            .collect();
        assert_eq!(kinds.len(), 1, "{name} mixes kinds of signatures");
    }
}

#[test]
fn native_examples_give_their_documented_results_on_every_path() {
    let mut checked = 0;
    for spec in registry() {
        for example in spec.examples {
            let query = support::parse(example.sql);
            if !query.expr.is_native() {
                continue; // uses a Spark function; it/test_examples.py runs it in Spark
            }
            let sql = example.sql;
            let results = if spec.is_aggregate() {
                vec![("aggregate", support::evaluate_aggregate(sql))]
            } else {
                vec![
                    ("constants", support::evaluate(sql, Literals::Constants)),
                    ("columns", support::evaluate(sql, Literals::Columns)),
                    ("batch", support::evaluate_batch(sql)),
                ]
            };
            for (path, result) in results {
                let result = result.unwrap_or_else(|e| panic!("{sql} ({path}): {e}"));
                assert_eq!(result, example.result, "{sql} ({path})");
            }
            checked += 1;
        }
    }
    assert!(checked >= 60, "only {checked} examples ran natively");
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
fn the_scala_functions_object_is_generated_from_the_registry() {
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/jvm/src/main/scala/io/strabo/spark/functions.scala"
    ))
    .expect("functions.scala exists");
    assert!(
        committed == render::scala_functions(),
        "jvm/src/main/scala/io/strabo/spark/functions.scala is stale: run `make docs`"
    );
}

#[test]
fn every_result_type_of_the_contract_is_in_use() {
    let returns: Vec<SqlType> = registry()
        .iter()
        .flat_map(|s| s.signatures)
        .map(|s| s.returns)
        .collect();
    for ty in [
        SqlType::Boolean,
        SqlType::Int,
        SqlType::Double,
        SqlType::String,
        SqlType::Binary,
        SqlType::Geometry,
    ] {
        assert!(returns.contains(&ty), "no function returns {ty:?}");
    }
    assert!(
        returns.iter().any(|t| matches!(t, SqlType::Array(_))),
        "no function returns an array"
    );
    assert!(registry().iter().any(|s| s.is_aggregate()), "no aggregate");
}

#[test]
fn python_float_rendering_matches_python() {
    assert_eq!(support::python_float(16.0), "16.0");
    assert_eq!(support::python_float(0.1 + 0.2), "0.30000000000000004");
    assert_eq!(support::python_float(1e20), "1e+20");
    assert_eq!(support::python_float(1.5e-7), "1.5e-07");
}

/// A GeoMesa Spark user's SQL finds every function name GeoMesa registers. GeoMesa's aggregate
/// `st_convexhull` shares its name with the scalar `st_convexHull` (names are case-insensitive):
/// docs/functions.md gives `st_convexHull(st_collect_agg(geom))` for it.
#[test]
fn every_geomesa_function_name_is_registered() {
    let names: HashSet<String> = registry()
        .iter()
        .flat_map(|spec| std::iter::once(&spec.name).chain(spec.aliases))
        .map(|name| name.to_lowercase())
        .collect();
    let geomesa = include_str!("data/geomesa_functions.txt");
    let expected: Vec<&str> = geomesa
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect();
    assert!(expected.len() >= 80, "{} names", expected.len());
    let missing: Vec<&&str> = expected
        .iter()
        .filter(|name| !names.contains(&name.to_lowercase()))
        .collect();
    assert!(
        missing.is_empty(),
        "GeoMesa names not registered: {missing:?}"
    );
}
