//! `evaluate` on small batches, one predicate at a time, NULLs included, and its errors.
use std::sync::Arc;

use arrow_array::builder::BinaryBuilder;
use arrow_array::Array;
use arrow_array::{
    ArrayRef, BinaryViewArray, BooleanArray, Date32Array, Float32Array, Float64Array, Int32Array,
    Int64Array, LargeBinaryArray, RecordBatch, StringArray, StringViewArray,
    TimestampMicrosecondArray, TimestampNanosecondArray, TimestampSecondArray,
};
use strabo_filter::{Filter, FEATURE_ID};
use strabo_query::{evaluate, QueryError};

fn wkb(wkt: &str) -> Vec<u8> {
    let mut out = Vec::new();
    strabo_geom::write_wkb(&strabo_geom::wkt_codec::parse(wkt).unwrap(), &mut out);
    out
}

const DAY: i64 = 86_400_000_000;
/// 2024-01-01T00:00:00Z.
const JAN_1: i64 = 19_723 * DAY;

/// Five rows, a NULL in most columns.
fn batch() -> RecordBatch {
    let mut geom = BinaryBuilder::new();
    for wkt in [
        Some("POINT(1 1)"),
        Some("POINT(5 5)"),
        None,
        Some("POLYGON((0 0,2 0,2 2,0 2,0 0))"),
        Some("POINT EMPTY"),
    ] {
        geom.append_option(wkt.map(wkb));
    }
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("geom", Arc::new(geom.finish())),
        (
            "dtg",
            Arc::new(
                TimestampMicrosecondArray::from(vec![
                    Some(JAN_1),
                    Some(JAN_1 + DAY),
                    None,
                    Some(JAN_1 + 2 * DAY),
                    Some(JAN_1 + DAY / 2),
                ])
                .with_timezone("UTC"),
            ),
        ),
        (
            "name",
            Arc::new(StringArray::from(vec![
                Some("alpha"),
                Some("beta"),
                None,
                Some("Gamma"),
                Some("a%b"),
            ])),
        ),
        (
            "count",
            Arc::new(Int32Array::from(vec![
                Some(1),
                Some(2),
                Some(3),
                None,
                Some(5),
            ])),
        ),
        (
            "big",
            Arc::new(Int64Array::from(vec![
                Some(0),
                Some(2),
                Some(1 << 60),
                Some(-7),
                None,
            ])),
        ),
        (
            "score",
            Arc::new(Float64Array::from(vec![
                Some(1.5),
                Some(f64::NAN),
                Some(-0.0),
                None,
                Some(10.0),
            ])),
        ),
        (
            "ratio",
            Arc::new(Float32Array::from(vec![
                Some(0.5f32),
                None,
                Some(-f32::NAN),
                Some(2.0),
                Some(5.0),
            ])),
        ),
        (
            "flag",
            Arc::new(BooleanArray::from(vec![
                Some(true),
                Some(false),
                None,
                Some(true),
                Some(false),
            ])),
        ),
        (
            "day",
            Arc::new(Date32Array::from(vec![
                Some(19_723),
                Some(19_724),
                Some(19_725),
                None,
                Some(19_723),
            ])),
        ),
        (
            FEATURE_ID,
            Arc::new(StringArray::from(vec!["f0", "f1", "f2", "f3", "f4"])),
        ),
    ];
    RecordBatch::try_from_iter(columns).unwrap()
}

fn rows(ecql: &str) -> Vec<usize> {
    rows_of(&Filter::from_ecql(ecql).unwrap(), &batch())
}

fn rows_of(filter: &Filter, batch: &RecordBatch) -> Vec<usize> {
    let kept = evaluate(filter, batch).unwrap_or_else(|err| panic!("{filter}: {err}"));
    assert_eq!(kept.len(), batch.num_rows());
    assert_eq!(kept.null_count(), 0, "the result has no NULLs");
    (0..kept.len()).filter(|&row| kept.value(row)).collect()
}

fn error(ecql: &str) -> String {
    let filter = Filter::from_ecql(ecql).unwrap();
    evaluate(&filter, &batch()).unwrap_err().to_string()
}

#[test]
fn include_exclude_and_three_valued_logic() {
    assert_eq!(rows("INCLUDE"), [0, 1, 2, 3, 4]);
    assert!(rows("EXCLUDE").is_empty());
    // Row 3's count is NULL: neither the comparison nor its negation holds.
    assert_eq!(rows("count > 2"), [2, 4]);
    assert_eq!(rows("NOT (count > 2)"), [0, 1]);
    // NULL OR TRUE is TRUE; NULL AND FALSE is FALSE.
    assert_eq!(rows("count > 2 OR flag = TRUE"), [0, 2, 3, 4]);
    // NOT (NULL AND TRUE) is NULL.
    assert_eq!(rows("NOT (count > 2 AND flag = TRUE)"), [0, 1, 4]);
}

#[test]
fn integer_columns_compare_numerically_with_any_number() {
    assert_eq!(rows("count < 2.5"), [0, 1]);
    assert_eq!(rows("count <= 2"), [0, 1]);
    assert!(rows("count = 2.5").is_empty());
    assert_eq!(rows("count <> 2.5"), [0, 1, 2, 4]);
    assert_eq!(rows("count >= 2.5"), [2, 4]);
    assert_eq!(rows("count < 3000000000"), [0, 1, 2, 4]);
    assert_eq!(rows("count > -3000000000.5"), [0, 1, 2, 4]);
    assert_eq!(rows("big > 1000000000000"), [2]);
    assert_eq!(rows("big = 2"), [1]);
    assert_eq!(rows("count BETWEEN 2 AND 3"), [1, 2]);
    assert_eq!(rows("count NOT BETWEEN 2 AND 3"), [0, 4]);
    assert_eq!(rows("count IN (5, 1, 7)"), [0, 4]);
    assert_eq!(rows("count NOT IN (5, 1)"), [1, 2]);
}

#[test]
fn floats_compare_as_spark_compares_them() {
    // NaN is greater than every number and equals itself; -0 equals 0.
    assert_eq!(rows("score > 5"), [1, 4]);
    assert_eq!(rows("NOT (score > 5)"), [0, 2]);
    assert_eq!(rows("score = 0"), [2]);
    assert!(rows("score < 0").is_empty());
    assert_eq!(rows("score <> 1.5"), [1, 2, 4]);
    assert_eq!(rows("score BETWEEN 1 AND 10"), [0, 4]);
    // A negative NaN is NaN too.
    assert_eq!(rows("ratio > 4"), [2, 4]);
    assert_eq!(rows("ratio = 0.5"), [0]);
    assert_eq!(rows("ratio < 3"), [0, 3]);
}

#[test]
fn strings_compare_in_byte_order() {
    assert_eq!(rows("name = 'beta'"), [1]);
    assert_eq!(rows("name <> 'beta'"), [0, 3, 4]);
    // 'G' sorts before 'a'.
    assert_eq!(rows("name < 'a'"), [3]);
    assert_eq!(rows("name IN ('Gamma', 'delta')"), [3]);
    assert_eq!(rows("name BETWEEN 'a' AND 'b'"), [0, 4]);
}

#[test]
fn like_and_ilike() {
    assert_eq!(rows("name LIKE 'a%'"), [0, 4]);
    assert_eq!(rows("name LIKE '_eta'"), [1]);
    assert_eq!(rows("name ILIKE 'GAM%'"), [3]);
    assert_eq!(rows("name NOT LIKE 'a%'"), [1, 3]);
    let escaped = Filter::Like {
        property: "name".into(),
        pattern: "a\\%b".into(),
        case_insensitive: false,
    };
    assert_eq!(rows_of(&escaped, &batch()), [4]);
    let literal_percent = Filter::Like {
        property: "name".into(),
        pattern: "%\\%%".into(),
        case_insensitive: false,
    };
    assert_eq!(rows_of(&literal_percent, &batch()), [4]);
}

#[test]
fn nulls_booleans_and_ids() {
    assert_eq!(rows("name IS NULL"), [2]);
    assert_eq!(rows("geom IS NULL"), [2]);
    assert_eq!(rows("count IS NOT NULL"), [0, 1, 2, 4]);
    assert_eq!(rows("flag = TRUE"), [0, 3]);
    assert_eq!(rows("flag <> TRUE"), [1, 4]);
    assert_eq!(rows("IN ('f1', 'f3', 'f9')"), [1, 3]);
    assert_eq!(rows("NOT IN ('f1', 'f3')"), [0, 2, 4]);
}

#[test]
fn timestamps_and_dates_compare_with_instants() {
    assert_eq!(
        rows("dtg DURING 2024-01-01T00:00:00Z/2024-01-03T00:00:00Z"),
        [1, 4]
    );
    assert_eq!(rows("dtg BEFORE 2024-01-02T00:00:00Z"), [0, 4]);
    assert_eq!(rows("dtg AFTER 2024-01-02T00:00:00Z"), [3]);
    assert_eq!(rows("dtg TEQUALS 2024-01-02T00:00:00Z"), [1]);
    assert_eq!(rows("dtg >= '2024-01-02'"), [1, 3]);
    assert_eq!(rows("dtg < 2024-01-01T12:00:00.000001Z"), [0, 4]);
    assert_eq!(
        rows("dtg BETWEEN '2024-01-01T12:00:00Z' AND 2024-01-02T00:00:00Z"),
        [1, 4]
    );
    // A date is its midnight.
    assert_eq!(rows("day = '2024-01-02'"), [1]);
    assert!(rows("day = 2024-01-02T12:00:00Z").is_empty());
    assert_eq!(rows("day < 2024-01-02T12:00:00Z"), [0, 1, 4]);
    assert_eq!(rows("day > 2024-01-02T12:00:00Z"), [2]);
    assert_eq!(
        rows("day DURING 2024-01-01T00:00:00Z/2024-01-03T00:00:00Z"),
        [1]
    );
}

#[test]
fn timestamps_of_every_unit_compare_exactly() {
    let second = 1_000_000;
    let columns: Vec<(&str, ArrayRef)> = vec![
        (
            "s",
            Arc::new(TimestampSecondArray::from(vec![0, 1, 2]).with_timezone("UTC")),
        ),
        (
            "ns",
            Arc::new(TimestampNanosecondArray::from(vec![999, 1_000, 1_001])),
        ),
    ];
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let at = |property: &str, ecql_operator: &str, micros: i64| {
        let filter = Filter::Compare {
            property: property.into(),
            operator: match ecql_operator {
                "<" => strabo_filter::CompareOp::Lt,
                "<=" => strabo_filter::CompareOp::Le,
                "=" => strabo_filter::CompareOp::Eq,
                _ => strabo_filter::CompareOp::Gt,
            },
            value: strabo_filter::Literal::Instant(micros),
        };
        rows_of(&filter, &batch)
    };
    assert_eq!(at("s", "<", second + 1), [0, 1]);
    assert_eq!(at("s", "<=", second + 1), [0, 1]);
    assert_eq!(at("s", ">", second + 1), [2]);
    assert!(at("s", "=", second + 1).is_empty());
    assert_eq!(at("s", "=", second), [1]);
    assert_eq!(at("ns", "=", 1), [1]);
    assert_eq!(at("ns", "<", 1), [0]);
    assert_eq!(at("ns", ">", 1), [2]);
    // A nanosecond timestamp holds no instant past 2262.
    assert_eq!(at("ns", "<", strabo_filter::MAX_INSTANT), [0, 1, 2]);
}

#[test]
fn properties_compare_with_each_other() {
    assert_eq!(rows("count < big"), [2]);
    assert_eq!(rows("count = big"), [1]);
    assert_eq!(rows("count < score"), [0, 1, 4]);
    assert_eq!(rows("ratio < score"), [0, 4]);
    assert_eq!(rows("day <= dtg"), [0, 1, 4]);
}

const SQUARE: &str = "POLYGON((0 0,3 0,3 3,0 3,0 0))";

#[test]
fn spatial_predicates() {
    assert_eq!(rows(&format!("INTERSECTS(geom, {SQUARE})")), [0, 3]);
    assert_eq!(rows(&format!("DISJOINT(geom, {SQUARE})")), [1, 4]);
    assert_eq!(rows(&format!("WITHIN(geom, {SQUARE})")), [0, 3]);
    assert_eq!(rows("WITHIN(geom, POLYGON((0 0,2 0,2 2,0 2,0 0)))"), [0, 3]);
    assert_eq!(
        rows("WITHIN(geom, POLYGON((0 0,1 0,1 1,0 1,0 0)))"),
        Vec::<usize>::new()
    );
    assert_eq!(
        rows("COVEREDBY(geom, POLYGON((0 0,2 0,2 2,0 2,0 0)))"),
        [0, 3]
    );
    assert_eq!(rows("CONTAINS(geom, POINT(1 1))"), [0, 3]);
    assert_eq!(rows("CONTAINS(geom, POINT(2 1))"), Vec::<usize>::new());
    assert_eq!(rows("COVERS(geom, POINT(2 1))"), [3]);
    assert_eq!(rows("CONTAINS(POINT(1 1), geom)"), [0]);
    assert_eq!(rows("TOUCHES(geom, POLYGON((2 0,4 0,4 2,2 2,2 0)))"), [3]);
    assert_eq!(rows("TOUCHES(geom, POINT(2 1))"), [3]);
    assert_eq!(rows("CROSSES(geom, LINESTRING(-1 1,3 1))"), [3]);
    assert_eq!(rows("OVERLAPS(geom, POLYGON((1 1,3 1,3 3,1 3,1 1)))"), [3]);
    assert_eq!(rows("EQUALS(geom, POINT(1 1))"), [0]);
    assert_eq!(rows("EQUALS(geom, POLYGON((2 2,0 2,0 0,2 0,2 2)))"), [3]);
    assert_eq!(rows("EQUALS(geom, POINT EMPTY)"), [4]);
    assert_eq!(rows(&format!("RELATE(geom, {SQUARE}, T*F**F***)")), [0, 3]);
    assert_eq!(rows(&format!("RELATE(geom, {SQUARE}, FF*FF****)")), [1, 4]);
    assert_eq!(rows(&format!("NOT INTERSECTS(geom, {SQUARE})")), [1, 4]);
}

#[test]
fn bbox_keeps_geometries_that_intersect_the_rectangle() {
    assert_eq!(rows("BBOX(geom, 4, 4, 6, 6)"), [1]);
    assert_eq!(rows("BBOX(geom, 1.5, 1.5, 6, 6)"), [1, 3]);
    assert_eq!(rows("BBOX(geom, 2, -1, 3, 0)"), [3]);
    assert_eq!(rows("BBOX(geom, -10, -10, 10, 10, 'EPSG:4326')"), [0, 1, 3]);
    let inverted = Filter::Bbox {
        property: "geom".into(),
        min_x: 6.0,
        min_y: 4.0,
        max_x: 4.0,
        max_y: 6.0,
        crs: None,
    };
    assert!(rows_of(&inverted, &batch()).is_empty());
}

#[test]
fn distances_in_a_projected_crs() {
    assert_eq!(rows("DWITHIN(geom, POINT(1 1), 5.7, meters)"), [0, 1, 3]);
    assert_eq!(rows("DWITHIN(geom, POINT(1 1), 5.6, meters)"), [0, 3]);
    assert_eq!(
        rows("DWITHIN(geom, POINT(1 1), 0.01, kilometers)"),
        [0, 1, 3]
    );
    assert_eq!(rows("DWITHIN(geom, POINT(3 1), 1, meters)"), [3]);
    assert_eq!(rows("BEYOND(geom, POINT(1 1), 5.6, meters)"), [1]);
    // The empty point is at no distance: neither within nor beyond.
    assert_eq!(rows("NOT DWITHIN(geom, POINT(1 1), 5.6, meters)"), [1]);
}

#[test]
fn geometries_in_every_binary_layout() {
    let points = [wkb("POINT(1 1)"), wkb("POINT(5 5)")];
    let slices: Vec<&[u8]> = points.iter().map(Vec::as_slice).collect();
    for column in [
        Arc::new(LargeBinaryArray::from(slices.clone())) as ArrayRef,
        Arc::new(BinaryViewArray::from(slices.clone())) as ArrayRef,
    ] {
        let batch = RecordBatch::try_from_iter([("geom", column)]).unwrap();
        let filter = Filter::from_ecql(&format!("INTERSECTS(geom, {SQUARE})")).unwrap();
        assert_eq!(rows_of(&filter, &batch), [0]);
    }
    let names = Arc::new(StringViewArray::from(vec!["a", "b"])) as ArrayRef;
    let batch = RecordBatch::try_from_iter([("name", names)]).unwrap();
    assert_eq!(
        rows_of(&Filter::from_ecql("name LIKE 'b%'").unwrap(), &batch),
        [1]
    );
    assert_eq!(
        rows_of(&Filter::from_ecql("name >= 'a'").unwrap(), &batch),
        [0, 1]
    );
}

#[test]
fn errors_name_the_property_and_the_types() {
    let missing = error("nope = 1");
    assert!(missing.contains("'nope'"), "{missing}");
    let text_vs_number = error("name = 5");
    assert!(
        text_vs_number.contains("'name'") && text_vs_number.contains("string column"),
        "{text_vs_number}"
    );
    let number_vs_text = error("count = '5'");
    assert!(
        number_vs_text.contains("the string '5'"),
        "{number_vs_text}"
    );
    let not_an_instant = error("dtg < 'yesterday'");
    assert!(not_an_instant.contains("instant"), "{not_an_instant}");
    let like_number = error("count LIKE '1%'");
    assert!(like_number.contains("LIKE needs a string"), "{like_number}");
    let during_text = error("name DURING 2024-01-01T00:00:00Z/2024-01-03T00:00:00Z");
    assert!(during_text.contains("temporal"), "{during_text}");
    let spatial_text = error("INTERSECTS(name, POINT(1 1))");
    assert!(spatial_text.contains("WKB"), "{spatial_text}");
    let mixed = error("name < count");
    assert!(mixed.contains("'count'"), "{mixed}");
    let degrees = error("DWITHIN(geom, SRID=4326;POINT(1 1), 5, meters)");
    assert!(degrees.contains("EPSG:4326"), "{degrees}");
    let collection = error("TOUCHES(geom, GEOMETRYCOLLECTION(POINT(1 1),POINT(2 2)))");
    assert!(collection.contains("GEOMETRYCOLLECTION"), "{collection}");
}

#[test]
fn bad_geometry_bytes_are_an_error_naming_the_row() {
    let mut bytes = vec![1u8, 3, 0, 0, 0, 1, 0, 0, 0];
    bytes.extend([7u8; 40]);
    let column = Arc::new(arrow_array::BinaryArray::from(vec![
        wkb("POINT(1 1)").as_slice(),
        bytes.as_slice(),
    ])) as ArrayRef;
    let counts = Arc::new(Int32Array::from(vec![1, 2])) as ArrayRef;
    let batch = RecordBatch::try_from_iter([("geom", column), ("count", counts)]).unwrap();
    let filter = Filter::from_ecql(&format!("INTERSECTS(geom, {SQUARE})")).unwrap();
    let err = evaluate(&filter, &batch).unwrap_err();
    assert!(matches!(err, QueryError::Geometry { row: 1, .. }), "{err}");
    let message = err.to_string();
    assert!(
        message.contains("'geom'")
            && message.contains("0103000000010000000707")
            && message.contains("(49 bytes)"),
        "{message}"
    );
    // A row an AND has already ruled out is not read.
    let decided = Filter::from_ecql(&format!("count < 2 AND INTERSECTS(geom, {SQUARE})")).unwrap();
    assert_eq!(rows_of(&decided, &batch), [0]);
}

#[test]
fn an_empty_batch_gives_an_empty_result() {
    let empty = batch().slice(0, 0);
    for ecql in [
        "INCLUDE",
        "count > 1 AND name LIKE 'a%'",
        "INTERSECTS(geom, POINT(1 1)) OR dtg BEFORE 2024-01-02T00:00:00Z",
        "IN ('f1')",
    ] {
        let filter = Filter::from_ecql(ecql).unwrap();
        assert_eq!(evaluate(&filter, &empty).unwrap().len(), 0, "{ecql}");
    }
}

#[test]
fn large_strings_compare_and_match() {
    let names = Arc::new(arrow_array::LargeStringArray::from(vec![
        Some("ab"),
        None,
        Some("b"),
    ])) as ArrayRef;
    let batch = RecordBatch::try_from_iter([("name", names)]).unwrap();
    let rows = |ecql: &str| rows_of(&Filter::from_ecql(ecql).unwrap(), &batch);
    assert_eq!(rows("name = 'b'"), [2]);
    assert_eq!(rows("name LIKE 'a_'"), [0]);
    assert_eq!(rows("name IN ('ab', 'c')"), [0]);
    assert_eq!(rows("name IS NULL"), [1]);
}

#[test]
fn invalid_polygons_are_refused_where_the_matrix_needs_them_valid() {
    let bowtie = wkb("POLYGON((0 0,2 2,2 0,0 2,0 0))");
    let column = Arc::new(arrow_array::BinaryArray::from(vec![
        wkb("POINT(1 1)").as_slice(),
        bowtie.as_slice(),
    ])) as ArrayRef;
    let batch = RecordBatch::try_from_iter([("geom", column)]).unwrap();
    let touches = Filter::from_ecql("TOUCHES(geom, POLYGON((2 0,4 0,4 2,2 2,2 0)))").unwrap();
    let err = evaluate(&touches, &batch).unwrap_err();
    assert!(matches!(err, QueryError::Geometry { row: 1, .. }), "{err}");
    // Against a point, validity does not matter: (2 1) lies on the bowtie's edge.
    let at_point = Filter::from_ecql("TOUCHES(geom, POINT(2 1))").unwrap();
    assert_eq!(rows_of(&at_point, &batch), [1]);
    let invalid_literal =
        Filter::from_ecql("OVERLAPS(geom, POLYGON((0 0,2 2,2 0,0 2,0 0)))").unwrap();
    let points = batch.slice(0, 1);
    assert_eq!(rows_of(&invalid_literal, &points), Vec::<usize>::new());
    let lines = Arc::new(arrow_array::BinaryArray::from(vec![wkb(
        "LINESTRING(0 0,3 3)",
    )
    .as_slice()])) as ArrayRef;
    let lines = RecordBatch::try_from_iter([("geom", lines)]).unwrap();
    let err = evaluate(&invalid_literal, &lines).unwrap_err();
    assert!(matches!(err, QueryError::Literal { .. }), "{err}");
}

#[test]
fn an_evaluator_binds_once_for_many_batches() {
    let filter = Filter::from_ecql(&format!(
        "INTERSECTS(geom, {SQUARE}) OR (count > 2 AND name LIKE 'a%')"
    ))
    .unwrap();
    let evaluator = strabo_query::Evaluator::new(&filter).unwrap();
    let whole = batch();
    for (offset, length) in [(0, 5), (1, 3), (4, 1), (2, 0)] {
        let part = whole.slice(offset, length);
        assert_eq!(
            evaluator.evaluate(&part).unwrap(),
            evaluate(&filter, &part).unwrap()
        );
    }
    // What cannot be bound fails before any batch.
    for ecql in [
        "DWITHIN(geom, SRID=4326;POINT(1 1), 5, meters)",
        "RELATE(geom, GEOMETRYCOLLECTION(POINT(1 1)), T********)",
    ] {
        let filter = Filter::from_ecql(ecql).unwrap();
        assert!(strabo_query::Evaluator::new(&filter).is_err(), "{ecql}");
    }
}

#[test]
fn an_evaluator_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<strabo_query::Evaluator>();
}
