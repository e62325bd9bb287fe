//! The parser against hand-written expectations: one construct at a time, argument swaps,
//! error columns, depth caps and round trips.
use super::*;
use crate::ast::DistanceUnit;
use crate::geometry::GeometryLiteral;
use crate::time::parse_instant;

fn parse_ok(text: &str) -> Filter {
    parse(text).unwrap_or_else(|err| panic!("{text}: {err}"))
}

fn geometry(wkt: &str) -> GeometryLiteral {
    GeometryLiteral::from_ewkt(wkt).unwrap()
}

fn instant(text: &str) -> i64 {
    parse_instant(text).unwrap()
}

fn compare(property: &str, operator: CompareOp, value: Literal) -> Filter {
    Filter::Compare {
        property: property.into(),
        operator,
        value,
    }
}

fn spatial(predicate: SpatialPredicate, property: &str, wkt: &str) -> Filter {
    Filter::Spatial {
        predicate,
        property: property.into(),
        geometry: geometry(wkt),
    }
}

fn not(filter: Filter) -> Filter {
    Filter::Not {
        filter: Box::new(filter),
    }
}

fn string(text: &str) -> Literal {
    Literal::String(text.into())
}

#[test]
fn spatial_predicates() {
    for predicate in SpatialPredicate::ALL {
        let text = format!(
            "{}(geom, POLYGON ((0 0, 1 0, 1 1, 0 0)))",
            predicate.keyword().to_lowercase()
        );
        assert_eq!(
            parse_ok(&text),
            spatial(predicate, "geom", "POLYGON((0 0,1 0,1 1,0 0))"),
            "{text}"
        );
    }
    assert_eq!(
        parse_ok("INTERSECTS(\"the geom\", SRID=4326;POINT(1 2))"),
        spatial(
            SpatialPredicate::Intersects,
            "the geom",
            "SRID=4326;POINT(1 2)"
        )
    );
    assert_eq!(
        parse_ok("intersects(geom, 'POLYGON((0 0, 1 0, 1 1, 0 0))')"),
        spatial(
            SpatialPredicate::Intersects,
            "geom",
            "POLYGON((0 0,1 0,1 1,0 0))"
        )
    );
    assert_eq!(
        parse_ok("DISJOINT(geom, POINT EMPTY)"),
        spatial(SpatialPredicate::Disjoint, "geom", "POINT EMPTY")
    );
    assert_eq!(
        parse_ok("WITHIN(geom, GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1)))"),
        spatial(
            SpatialPredicate::Within,
            "geom",
            "GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1))"
        )
    );
    assert_eq!(
        parse_ok("INTERSECTS(geom, POINT Z (1 2 3))"),
        spatial(SpatialPredicate::Intersects, "geom", "POINT Z(1 2 3)")
    );
}

#[test]
fn literal_first_spatial_predicates_are_turned_around() {
    let point = "POINT(1 1)";
    for (written, expected) in [
        ("CONTAINS", SpatialPredicate::Within),
        ("WITHIN", SpatialPredicate::Contains),
        ("COVERS", SpatialPredicate::CoveredBy),
        ("COVEREDBY", SpatialPredicate::Covers),
        ("INTERSECTS", SpatialPredicate::Intersects),
        ("DISJOINT", SpatialPredicate::Disjoint),
        ("TOUCHES", SpatialPredicate::Touches),
        ("CROSSES", SpatialPredicate::Crosses),
        ("OVERLAPS", SpatialPredicate::Overlaps),
        ("EQUALS", SpatialPredicate::Equals),
    ] {
        let text = format!("{written}({point}, geom)");
        assert_eq!(parse_ok(&text), spatial(expected, "geom", point), "{text}");
    }
    assert_eq!(
        parse_ok("DWITHIN(POINT(1 1), geom, 10, kilometers)"),
        parse_ok("DWITHIN(geom, POINT(1 1), 10, kilometers)")
    );
    // Swapping the arguments transposes the DE-9IM matrix: 'T*F**F***' (within) becomes
    // 'T*****FF*' (contains).
    assert_eq!(
        parse_ok("RELATE(POINT(1 1), geom, T*F**F***)"),
        parse_ok("RELATE(geom, POINT(1 1), T*****FF*)")
    );
}

#[test]
fn bbox_distance_and_relate() {
    assert_eq!(
        parse_ok("BBOX(geom, -80, 35.5, -79.0, 36)"),
        Filter::Bbox {
            property: "geom".into(),
            min_x: -80.0,
            min_y: 35.5,
            max_x: -79.0,
            max_y: 36.0,
            crs: None,
        }
    );
    assert_eq!(
        parse_ok("bbox(geom,-10,-10,10,10,'EPSG:4326')"),
        Filter::Bbox {
            property: "geom".into(),
            min_x: -10.0,
            min_y: -10.0,
            max_x: 10.0,
            max_y: 10.0,
            crs: Some("EPSG:4326".into()),
        }
    );
    for (units, expected) in [
        ("meters", DistanceUnit::Meters),
        ("kilometers", DistanceUnit::Kilometers),
        ("feet", DistanceUnit::Feet),
        ("statute miles", DistanceUnit::StatuteMiles),
        ("Nautical Miles", DistanceUnit::NauticalMiles),
    ] {
        let text = format!("BEYOND(geom, POINT (45 23), 1.5, {units})");
        assert_eq!(
            parse_ok(&text),
            Filter::Distance {
                predicate: DistancePredicate::Beyond,
                property: "geom".into(),
                geometry: geometry("POINT(45 23)"),
                distance: 1.5,
                units: expected,
            },
            "{text}"
        );
    }
    assert_eq!(
        parse_ok("RELATE(geom, POINT(1 1), 't*f**f***')"),
        Filter::Relate {
            property: "geom".into(),
            geometry: geometry("POINT(1 1)"),
            pattern: "T*F**F***".into(),
        }
    );
}

#[test]
fn temporal_predicates_and_periods() {
    let jan1 = instant("2024-01-01T00:00:00Z");
    let jan2 = instant("2024-01-02T00:00:00Z");
    let during = |start, end| Filter::During {
        property: "dtg".into(),
        start,
        end,
    };
    assert_eq!(
        parse_ok("dtg DURING 2024-01-01T00:00:00Z/2024-01-02T00:00:00Z"),
        during(jan1, jan2)
    );
    assert_eq!(
        parse_ok("dtg during 2024-01-01T00:00:00.000Z/P1D"),
        during(jan1, jan2)
    );
    assert_eq!(
        parse_ok("dtg DURING PT24H/2024-01-02T00:00:00Z"),
        during(jan1, jan2)
    );
    assert_eq!(
        parse_ok("dtg DURING 2024-01-01T01:00:00+01:00/T24H"),
        during(jan1, jan2)
    );
    let temporal = |predicate, instant| Filter::Temporal {
        predicate,
        property: "dtg".into(),
        instant,
    };
    assert_eq!(
        parse_ok("dtg BEFORE 2024-01-01T00:00:00Z"),
        temporal(TemporalPredicate::Before, jan1)
    );
    assert_eq!(
        parse_ok("dtg after 2024-01-01T00:00:00.000Z"),
        temporal(TemporalPredicate::After, jan1)
    );
    assert_eq!(
        parse_ok("dtg TEQUALS 2024-01-01T00:00:00Z"),
        temporal(TemporalPredicate::Tequals, jan1)
    );
    assert_eq!(
        parse_ok("dtg BEFORE 2024-01-01T00:00:00Z/2024-01-02T00:00:00Z"),
        temporal(TemporalPredicate::Before, jan1)
    );
    assert_eq!(
        parse_ok("dtg AFTER 2024-01-01T00:00:00Z/2024-01-02T00:00:00Z"),
        temporal(TemporalPredicate::After, jan2)
    );
    assert_eq!(
        parse_ok("dtg >= 2024-01-01T00:00:00.123Z"),
        compare("dtg", CompareOp::Ge, Literal::Instant(jan1 + 123_000))
    );
    assert_eq!(
        parse_ok("dtg BETWEEN 2024-01-01T00:00:00Z AND 2024-01-02"),
        Filter::Between {
            property: "dtg".into(),
            low: Literal::Instant(jan1),
            high: Literal::Instant(jan2),
        }
    );
    // Quoted dates stay strings, as GeoTools keeps them, and read as instants on request.
    let Filter::Compare { value, .. } = parse_ok("dtg < '2024-01-01T00:00:00Z'") else {
        panic!("not a comparison");
    };
    assert_eq!(value, string("2024-01-01T00:00:00Z"));
    assert_eq!(value.as_instant(), Some(jan1));
}

#[test]
fn attribute_predicates() {
    assert_eq!(
        parse_ok("a = 'x'"),
        compare("a", CompareOp::Eq, string("x"))
    );
    assert_eq!(
        parse_ok("a <> 1"),
        compare("a", CompareOp::Ne, Literal::Integer(1))
    );
    assert_eq!(
        parse_ok("a < -1.5"),
        compare("a", CompareOp::Lt, Literal::Float(-1.5))
    );
    assert_eq!(
        parse_ok("a <= 1e3"),
        compare("a", CompareOp::Le, Literal::Float(1000.0))
    );
    assert_eq!(
        parse_ok("a > true"),
        compare("a", CompareOp::Gt, Literal::Boolean(true))
    );
    assert_eq!(
        parse_ok("a >= FALSE"),
        compare("a", CompareOp::Ge, Literal::Boolean(false))
    );
    assert_eq!(
        parse_ok("\"my attr\" = 'it''s'"),
        compare("my attr", CompareOp::Eq, string("it's"))
    );
    assert_eq!(
        parse_ok("\"say \"\"hi\"\"\" = ''"),
        compare("say \"hi\"", CompareOp::Eq, string(""))
    );
    assert_eq!(
        parse_ok("attr56 = val56"),
        Filter::CompareProperties {
            left: "attr56".into(),
            operator: CompareOp::Eq,
            right: "val56".into(),
        }
    );
    assert_eq!(
        parse_ok("height BETWEEN 1 AND 2.5"),
        Filter::Between {
            property: "height".into(),
            low: Literal::Integer(1),
            high: Literal::Float(2.5),
        }
    );
    assert_eq!(
        parse_ok("name IN ('a', 'b''c', 3)"),
        Filter::In {
            property: "name".into(),
            values: vec![string("a"), string("b'c"), Literal::Integer(3)],
        }
    );
    assert_eq!(
        parse_ok("name IS NULL"),
        Filter::IsNull {
            property: "name".into()
        }
    );
    assert_eq!(
        parse_ok("name is not null"),
        not(Filter::IsNull {
            property: "name".into()
        })
    );
    let like = |pattern: &str, case_insensitive| Filter::Like {
        property: "name".into(),
        pattern: pattern.into(),
        case_insensitive,
    };
    assert_eq!(parse_ok("name LIKE 'abc%'"), like("abc%", false));
    assert_eq!(parse_ok("name LIKE 'abc%'").like_prefix(), Some("abc"));
    assert_eq!(parse_ok("name ilike '%abc\\'"), like("%abc\\", true));
    assert_eq!(parse_ok("name NOT LIKE 'a_'"), not(like("a_", false)));
    assert_eq!(
        parse_ok("a NOT BETWEEN 1 AND 2"),
        not(parse_ok("a BETWEEN 1 AND 2"))
    );
    assert_eq!(parse_ok("a NOT IN (1)"), not(parse_ok("a IN (1)")));
}

#[test]
fn literal_first_comparisons_are_turned_around() {
    assert_eq!(
        parse_ok("5 < x"),
        compare("x", CompareOp::Gt, Literal::Integer(5))
    );
    assert_eq!(
        parse_ok("'a' = name"),
        compare("name", CompareOp::Eq, string("a"))
    );
    assert_eq!(
        parse_ok("1.5 >= x"),
        compare("x", CompareOp::Le, Literal::Float(1.5))
    );
    assert_eq!(
        parse_ok("2024-01-01T00:00:00Z <= dtg"),
        compare(
            "dtg",
            CompareOp::Ge,
            Literal::Instant(instant("2024-01-01T00:00:00Z"))
        )
    );
    assert_eq!(
        parse_ok("TRUE <> flag"),
        compare("flag", CompareOp::Ne, Literal::Boolean(true))
    );
    let temporal = |predicate| Filter::Temporal {
        predicate,
        property: "dtg".into(),
        instant: instant("2014-01-01T12:30:00Z"),
    };
    assert_eq!(
        parse_ok("2014-01-01T12:30:00.000Z AFTER dtg"),
        temporal(TemporalPredicate::Before)
    );
    assert_eq!(
        parse_ok("2014-01-01T12:30:00.000Z before dtg"),
        temporal(TemporalPredicate::After)
    );
    assert_eq!(
        parse_ok("2014-01-01T12:30:00.000Z TEQUALS dtg"),
        temporal(TemporalPredicate::Tequals)
    );
    assert_eq!(
        parse_ok("a == 1"),
        compare("a", CompareOp::Eq, Literal::Integer(1))
    );
}

#[test]
fn feature_ids() {
    let ids = |ids: &[&str]| Filter::Ids {
        ids: ids.iter().map(|id| id.to_string()).collect(),
    };
    assert_eq!(parse_ok("IN ('fid1', 'fid2')"), ids(&["fid1", "fid2"]));
    assert_eq!(parse_ok("in('|data|100001')"), ids(&["|data|100001"]));
    assert_eq!(parse_ok("IN (1, 2)"), ids(&["1", "2"]));
    assert_eq!(parse_ok("__fid__ = 'a'"), ids(&["a"]));
    assert_eq!(parse_ok("__fid__ IN ('a', 'b')"), ids(&["a", "b"]));
    assert_eq!(parse_ok("'a' = __fid__"), ids(&["a"]));
}

#[test]
fn logic_precedence_and_constants() {
    let a = || compare("a", CompareOp::Eq, Literal::Integer(1));
    let b = || compare("b", CompareOp::Eq, Literal::Integer(2));
    let c = || compare("c", CompareOp::Eq, Literal::Integer(3));
    assert_eq!(
        parse_ok("a = 1 OR b = 2 AND c = 3"),
        Filter::Or {
            filters: vec![
                a(),
                Filter::And {
                    filters: vec![b(), c()]
                }
            ],
        }
    );
    assert_eq!(
        parse_ok("(a = 1 or b = 2) and c = 3"),
        Filter::And {
            filters: vec![
                Filter::Or {
                    filters: vec![a(), b()]
                },
                c()
            ],
        }
    );
    assert_eq!(
        parse_ok("NOT a = 1 AND b = 2"),
        Filter::And {
            filters: vec![not(a()), b()],
        }
    );
    assert_eq!(
        parse_ok("a = 1 AND b = 2 AND c = 3"),
        Filter::And {
            filters: vec![a(), b(), c()]
        }
    );
    assert_eq!(parse_ok("((a = 1))"), a());
    assert_eq!(parse_ok("INCLUDE"), Filter::Include);
    assert_eq!(parse_ok(" exclude "), Filter::Exclude);
    assert_eq!(
        parse_ok("NOT (INCLUDE OR EXCLUDE)"),
        not(Filter::Or {
            filters: vec![Filter::Include, Filter::Exclude],
        })
    );
}

#[test]
fn malformed_input_names_the_column_and_the_text() {
    let cases: &[(&str, usize, &str)] = &[
        ("", 1, "expected a filter"),
        ("   ", 4, "expected a filter"),
        ("BBOX(geom, 1, 2, abc, 4)", 18, "expected a number"),
        ("a = ", 5, "expected a literal"),
        ("a === 1", 5, "expected a literal"),
        ("'a' BEFORE dtg", 5, "expected a comparison operator"),
        ("a = 1 b = 2", 7, "expected AND, OR"),
        ("a = 1)", 6, "unbalanced ')'"),
        ("(a = 1", 7, "expected ')'"),
        ("a = 'abc", 5, "unterminated string"),
        ("\"abc = 1", 1, "unterminated quoted name"),
        ("t = \"\"", 5, "a quoted property name cannot be empty"),
        ("a ~ 1", 3, "expected an operator"),
        ("a = 1 AND", 10, "expected a filter"),
        ("AND = 1", 1, "expected a property name"),
        ("a BETWEEN 1 OR 2", 13, "expected AND"),
        ("a LIKE 5", 8, "expected a quoted pattern"),
        ("a IN ()", 7, "expected a literal"),
        ("a IN (1 2)", 9, "expected ',' or ')'"),
        ("a IS NOTNULL", 6, "expected NULL"),
        ("a NOT NULL", 7, "expected BETWEEN, LIKE, ILIKE or IN"),
        ("INTERSECTS(geom, POINT(1))", 18, "expected a WKT geometry"),
        (
            "INTERSECTS(geom, POLYGON((0 0, 1 0)",
            36,
            "expected ')' closing the geometry",
        ),
        ("INTERSECTS(geom, POINT(1 2) x)", 29, "expected ')'"),
        ("INTERSECTS(geom, 'not wkt')", 18, "expected a WKT geometry"),
        (
            "INTERSECTS(geom, other)",
            1,
            "predicates between two properties",
        ),
        (
            "INTERSECTS(POINT(1 2), POINT(1 2))",
            1,
            "expected a geometry property",
        ),
        (
            "INTERSECTS(geom, 12)",
            18,
            "expected a property name or a WKT geometry",
        ),
        (
            "DWITHIN(geom, POINT(1 2), 10, parsecs)",
            31,
            "expected units",
        ),
        ("DWITHIN(geom, POINT(1 2), -1, meters)", 27, "at least 0"),
        (
            "DWITHIN(geom, POINT(1 2), 10, statute meters)",
            39,
            "expected miles",
        ),
        ("RELATE(geom, POINT(1 2), T*F)", 26, "DE-9IM pattern"),
        ("BBOX(geom, 1, 2, 3)", 19, "expected ','"),
        ("BBOX(geom, 1, 2, 3, 4, EPSG)", 24, "expected a CRS"),
        ("dtg DURING 2024-01-01T00:00:00Z", 32, "expected '/'"),
        (
            "dtg DURING 2024-13-01T00:00:00Z/P1D",
            12,
            "expected a date-time",
        ),
        ("dtg DURING P1D/P2D", 16, "a period needs one"),
        ("dtg DURING 2024-01-01T00:00:00Z/P1Y", 33, "years or months"),
        ("dtg BEFORE P1D", 12, "expected a date-time"),
        ("dtg TEQUALS 'x'", 13, "expected a date-time"),
        (
            "dtg DURING 9999-12-31T00:00:00Z/P2D",
            12,
            "within the years 0000 to 9999",
        ),
        ("dtg < currentDate()", 7, "functions are not supported"),
        ("proxyId() = 20", 1, "functions are not supported"),
        ("number < 1+2", 11, "expected AND, OR"),
        ("x = 1e999", 5, "number out of range"),
        ("IN ('a', 1.5)", 10, "expected a feature id"),
        ("__fid__ = 1.5", 11, "expected a feature id"),
        ("5 < 6", 5, "expected a property name"),
        ("5 x", 3, "expected a comparison operator"),
        ("ÿ = 'é' AND é > ", 17, "expected a literal"),
    ];
    for &(text, column, message) in cases {
        let error = parse(text).expect_err(text);
        assert_eq!(error.column, column, "{text}: {error}");
        assert!(error.message.contains(message), "{text}: {error}");
    }
}

#[test]
fn error_messages_quote_the_offending_text_cut_short() {
    let error = parse("BBOX(geom, 1, 2, abc, 4)").unwrap_err();
    assert_eq!(
        error.to_string(),
        "ECQL: expected a number at column 18, found 'abc'"
    );
    let error = parse("a = 1 AND").unwrap_err();
    assert_eq!(
        error.to_string(),
        "ECQL: expected a filter at column 10, found end of input"
    );
    let long = format!("a = 1 {}", "x".repeat(100));
    let error = parse(&long).unwrap_err();
    assert_eq!(
        error.found.as_deref(),
        Some(format!("{}…", "x".repeat(24)).as_str())
    );
}

#[test]
fn nesting_is_capped() {
    let nested = |depth: usize| format!("{}a = 1{}", "(".repeat(depth), ")".repeat(depth));
    assert!(parse(&nested(MAX_DEPTH)).is_ok());
    let error = parse(&nested(MAX_DEPTH + 1)).unwrap_err();
    assert_eq!(error.column, MAX_DEPTH + 1);
    assert!(
        error.message.contains("nested deeper than 64 levels"),
        "{error}"
    );
    let nots = |depth: usize| format!("{}a = 1", "NOT ".repeat(depth));
    assert!(parse(&nots(MAX_DEPTH)).is_ok());
    assert!(parse(&nots(MAX_DEPTH + 1))
        .unwrap_err()
        .message
        .contains("nested deeper"));
    // Far past the cap: an error, not a stack overflow.
    assert!(parse(&"(".repeat(1_000_000)).is_err());
    assert!(parse(&"NOT ".repeat(1_000_000)).is_err());
    let wkt = format!("INTERSECTS(geom, GEOMETRYCOLLECTION{}", "(".repeat(100_000));
    assert!(parse(&wkt)
        .unwrap_err()
        .message
        .contains("geometry nested deeper"));
}

#[test]
fn filters_at_the_depth_cap_render_and_parse_back() {
    for text in [
        format!("{}a = 1", "NOT ".repeat(MAX_DEPTH)),
        format!(
            "{}a = 1{}",
            "(a = 1 OR (b = 2 AND ".repeat(MAX_DEPTH / 2),
            "))".repeat(MAX_DEPTH / 2)
        ),
        format!(
            "{}a = 1{}",
            "NOT (a = 1 AND ".repeat(MAX_DEPTH / 2),
            ")".repeat(MAX_DEPTH / 2)
        ),
    ] {
        let filter = parse_ok(&text);
        assert_eq!(parse_ok(&filter.to_ecql()), filter, "{text}");
    }
}

#[test]
fn renders_readable_ecql_that_parses_back() {
    let cases = [
        (
            "bbox(geom,-80,35,-79,36) and dtg during 2024-01-01T00:00:00.000Z/2024-01-02T00:00:00.000Z and type = 'A'",
            "BBOX(geom, -80.0, 35.0, -79.0, 36.0) AND dtg DURING 2024-01-01T00:00:00Z/2024-01-02T00:00:00Z AND type = 'A'",
        ),
        ("CONTAINS(POINT (1 1), geom)", "WITHIN(geom, POINT(1 1))"),
        ("intersects(geom, SRID=4326;POINT(1 2))", "INTERSECTS(geom, SRID=4326;POINT(1 2))"),
        ("DWITHIN(geom, POINT(1 2), 10, statute miles)", "DWITHIN(geom, POINT(1 2), 10.0, statute miles)"),
        ("BBOX(geom, 0, 0, 1, 1, 'EPSG:4326')", "BBOX(geom, 0.0, 0.0, 1.0, 1.0, 'EPSG:4326')"),
        ("RELATE(geom, POINT(1 2), 't*****ff*')", "RELATE(geom, POINT(1 2), T*****FF*)"),
        ("dtg DURING 2024-01-01T00:00:00.5Z/T1S", "dtg DURING 2024-01-01T00:00:00.500Z/2024-01-01T00:00:01.500Z"),
        ("dtg TEQUALS 2024-01-01T00:00:00.000001Z", "dtg TEQUALS 2024-01-01T00:00:00.000001Z"),
        ("NOT (a = 1)", "NOT a = 1"),
        ("NOT (a = 1 OR b = 2)", "NOT (a = 1 OR b = 2)"),
        ("(a = 1 AND b = 2) OR c = 3", "a = 1 AND b = 2 OR c = 3"),
        ("a = 1 AND (b = 2 OR c = 3)", "a = 1 AND (b = 2 OR c = 3)"),
        ("a = 1 AND (b = 2 AND c = 3)", "a = 1 AND (b = 2 AND c = 3)"),
        ("name = 'it''s'", "name = 'it''s'"),
        ("\"and\" = 1 AND \"my prop\" = 2 AND \"point\" = 3", "\"and\" = 1 AND \"my prop\" = 2 AND \"point\" = 3"),
        ("NOT (x IS NULL)", "x IS NOT NULL"),
        ("x IS NOT NULL", "x IS NOT NULL"),
        ("x NOT IN ('a', 2, 3.5, TRUE)", "NOT x IN ('a', 2, 3.5, TRUE)"),
        ("x ILIKE '%a_b%'", "x ILIKE '%a_b%'"),
        ("in ('f''1', 'f2')", "IN ('f''1', 'f2')"),
        ("5 > x", "x < 5"),
        ("x = 1e300", "x = 1e300"),
        ("x = 99999999999999999999", "x = 1e20"),
        ("include", "INCLUDE"),
    ];
    for (input, expected) in cases {
        let filter = parse_ok(input);
        assert_eq!(filter.to_ecql(), expected, "{input}");
        assert_eq!(parse_ok(expected), filter, "{input}");
    }
}

#[test]
fn json_shape_is_the_documented_one() {
    let filter = parse_ok(
        "BBOX(geom, -80, 35, -79, 36) AND dtg DURING 2024-01-01T00:00:00Z/2024-01-02T00:00:00Z \
         AND type = 'A' AND NOT INTERSECTS(geom, SRID=4326;POINT(1 2))",
    );
    let json = filter.to_json();
    assert_eq!(
        json,
        concat!(
            r#"{"op":"and","filters":["#,
            r#"{"op":"bbox","property":"geom","min_x":-80.0,"min_y":35.0,"max_x":-79.0,"max_y":36.0},"#,
            r#"{"op":"during","property":"dtg","start":1704067200000000,"end":1704153600000000},"#,
            r#"{"op":"compare","property":"type","operator":"eq","value":{"string":"A"}},"#,
            r#"{"op":"not","filter":{"op":"spatial","predicate":"intersects","property":"geom","#,
            r#""geometry":{"srid":4326,"wkb":"0101000000000000000000f03f0000000000000040"}}}]}"#
        )
    );
    assert_eq!(Filter::from_json(&json), Ok(filter));
}
