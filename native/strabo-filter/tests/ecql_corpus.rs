//! Every ECQL string that GeoMesa's tests and GeoTools' ECQL examples parse (see the header of
//! `ecql_corpus.txt`) parses here too, renders, and parses back to the same filter; the ones
//! Strabo refuses on purpose fail with an error.
use strabo_filter::{CompareOp, Filter, Literal, SpatialPredicate};

const CORPUS: &str = include_str!("ecql_corpus.txt");

/// `(line number, refused, text)` for each filter line.
fn corpus() -> Vec<(usize, bool, &'static str)> {
    CORPUS
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
        .map(|(index, line)| match line.strip_prefix("! ") {
            Some(text) => (index + 1, true, text),
            None => (index + 1, false, line),
        })
        .collect()
}

#[test]
fn corpus_filters_parse_and_round_trip() {
    let mut accepted = 0;
    for (line, refused, text) in corpus() {
        if refused {
            continue;
        }
        let filter =
            Filter::from_ecql(text).unwrap_or_else(|err| panic!("line {line}: {text}: {err}"));
        let rendered = filter.to_ecql();
        let reparsed = Filter::from_ecql(&rendered)
            .unwrap_or_else(|err| panic!("line {line}: {rendered}: {err}"));
        assert_eq!(
            reparsed, filter,
            "line {line}: {text} rendered as {rendered}"
        );
        assert_eq!(reparsed.to_ecql(), rendered, "line {line}");
        assert_eq!(
            Filter::from_json(&filter.to_json()).as_ref(),
            Ok(&filter),
            "line {line}"
        );
        accepted += 1;
    }
    assert!(accepted > 800, "only {accepted} filters in the corpus");
}

#[test]
fn corpus_filters_with_functions_are_refused_with_an_error() {
    let refused: Vec<_> = corpus()
        .into_iter()
        .filter(|(_, refused, _)| *refused)
        .collect();
    assert!(refused.len() >= 5);
    for (line, _, text) in refused {
        let error = Filter::from_ecql(text).expect_err(text);
        assert!(error.column >= 1, "line {line}");
        assert!(
            error.to_string().starts_with("ECQL: "),
            "line {line}: {error}"
        );
    }
}

#[test]
fn geomesa_spellings_mean_what_geotools_means() {
    let parse = |text: &str| Filter::from_ecql(text).unwrap();
    // FilterPackageObjectTest: a literal-first INTERSECTS.
    assert!(matches!(
        parse("INTERSECTS(POLYGON ((-30 -30, -30 30, 30 30, 30 -30, -30 -30)), g) "),
        Filter::Spatial { predicate: SpatialPredicate::Intersects, ref property, .. } if property == "g"
    ));
    // PartitionSchemeTest-style literal-first CONTAINS is WITHIN.
    assert_eq!(
        parse("contains(POLYGON ((40 40, 50 40, 50 50, 40 50, 40 40)), geom)").to_ecql(),
        "WITHIN(geom, POLYGON((40 40,50 40,50 50,40 50,40 40)))"
    );
    // TemporalQueryGuardTest: a period given as start and duration.
    assert_eq!(
        parse("dtg DURING 2016-01-01T00:00:00.000Z/T1S").to_ecql(),
        "dtg DURING 2016-01-01T00:00:00Z/2016-01-01T00:00:01Z"
    );
    // ReceiptTimeSchemeTest: `==` is `=`, and quoted dates stay strings.
    assert_eq!(
        parse("dtg == '2024-01-02T00:01:00.000Z'"),
        Filter::Compare {
            property: "dtg".into(),
            operator: CompareOp::Eq,
            value: Literal::String("2024-01-02T00:01:00.000Z".into()),
        }
    );
    // AttributeIndexStrategyTest: a literal-first AFTER is BEFORE.
    assert_eq!(
        parse("2014-01-01T12:30:00.000Z AFTER indexedDtg").to_ecql(),
        "indexedDtg BEFORE 2014-01-01T12:30:00Z"
    );
    // TestFilters: a comparison between two attributes.
    assert_eq!(
        parse("attr56 = val56"),
        Filter::CompareProperties {
            left: "attr56".into(),
            operator: CompareOp::Eq,
            right: "val56".into(),
        }
    );
}
