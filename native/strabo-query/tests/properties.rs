//! The property pruning rests on: over random filters and random batches, every row `evaluate`
//! keeps lies within `bounds`, and `may_match` is true for every chunk holding such a row
//! (statistics built from the chunk's true values). Also: evaluating a slice of a batch keeps
//! the same rows as slicing the whole batch's result.
use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::builder::BinaryBuilder;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Float64Type, Int32Type, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType,
};
use arrow_array::{
    Array, ArrayRef, Date32Array, Float64Array, Int32Array, RecordBatch, StringArray,
    TimestampMicrosecondArray, TimestampMillisecondArray, TimestampNanosecondArray,
    TimestampSecondArray,
};
use arrow_schema::{DataType, TimeUnit};
use strabo_curve::BBox;
use strabo_filter::{
    CompareOp, DistancePredicate, DistanceUnit, Filter, GeometryLiteral, Literal, SpatialPredicate,
    TemporalPredicate, FEATURE_ID,
};
use strabo_geom::Geo;
use strabo_query::{bounds, evaluate, may_match, Bounds, ChunkStats, ColumnRange};
use strabo_testkit::choices::{Choices, Seeded};

const CASES: u64 = 3000;
const GEOMETRY: &str = "geom";
const DTG: &str = "dtg";
const ATTRIBUTE: &str = "name";

const HOUR: i64 = 3_600_000_000;
const DAY: i64 = 24 * HOUR;
/// 2024-01-01T00:00:00Z.
const JAN_1: i64 = 1_704_067_200_000_000;

fn wkb(wkt: &str) -> Vec<u8> {
    let mut out = Vec::new();
    strabo_geom::write_wkb(&strabo_geom::wkt_codec::parse(wkt).unwrap(), &mut out);
    out
}

// ---- batches ----

fn coordinate(choices: &mut Seeded) -> f64 {
    choices.below(13) as f64 / 2.0
}

fn row_geometry(choices: &mut Seeded) -> Option<Vec<u8>> {
    let (x, y) = (coordinate(choices), coordinate(choices));
    let wkt = match choices.below(10) {
        0 => return None,
        1 => "POINT EMPTY".to_string(),
        2 | 3 => {
            let (u, v) = (x + 0.5 + coordinate(choices), y + coordinate(choices));
            format!("LINESTRING({x} {y},{u} {v})")
        }
        4 | 5 => {
            let (u, v) = (x + 0.5 + coordinate(choices), y + 0.5 + coordinate(choices));
            format!("POLYGON(({x} {y},{u} {y},{u} {v},{x} {v},{x} {y}))")
        }
        _ => format!("POINT({x} {y})"),
    };
    Some(wkb(&wkt))
}

/// An instant near a few hours of 2024-01-01 or the next midnight, sometimes off by a
/// microsecond or a fraction of a second.
fn instant(choices: &mut Seeded) -> i64 {
    let offset = *choices.pick(&[0, 0, 1, -1, 999, 1000, 500_000, 1_000_000]);
    JAN_1 + HOUR * *choices.pick(&[0, 1, 2, 5, 24, 25]) + offset
}

fn time_column(choices: &mut Seeded, rows: usize) -> ArrayRef {
    let micros: Vec<Option<i64>> = (0..rows)
        .map(|_| (!choices.chance(10)).then(|| instant(choices)))
        .collect();
    match choices.below(5) {
        4 => Arc::new(Date32Array::from_iter(
            micros.iter().map(|m| m.map(|m| m.div_euclid(DAY) as i32)),
        )),
        0 => Arc::new(
            TimestampSecondArray::from_iter(
                micros.iter().map(|m| m.map(|m| m.div_euclid(1_000_000))),
            )
            .with_timezone("UTC"),
        ),
        1 => Arc::new(TimestampMillisecondArray::from_iter(
            micros.iter().map(|m| m.map(|m| m.div_euclid(1000))),
        )),
        2 => Arc::new(TimestampMicrosecondArray::from(micros).with_timezone("UTC")),
        _ => {
            let nanos: Vec<Option<i64>> = micros
                .iter()
                .map(|m| m.map(|m| m * 1000 + *choices.pick(&[0, 1, 999])))
                .collect();
            Arc::new(TimestampNanosecondArray::from(nanos).with_timezone("+02:00"))
        }
    }
}

const NAMES: [&str; 8] = ["a", "b", "ab", "abc", "B", "ba", "a%", ""];
const SCORES: [f64; 9] = [
    -1.5,
    -0.0,
    0.0,
    0.5,
    1.0,
    2.0,
    f64::NAN,
    f64::INFINITY,
    -f64::INFINITY,
];

fn random_batch(choices: &mut Seeded) -> RecordBatch {
    let rows = 1 + choices.below(30);
    let mut geom = BinaryBuilder::new();
    for _ in 0..rows {
        geom.append_option(row_geometry(choices));
    }
    let names: StringArray = (0..rows)
        .map(|_| (!choices.chance(10)).then(|| *choices.pick(&NAMES)))
        .collect();
    let counts: Int32Array = (0..rows)
        .map(|_| (!choices.chance(10)).then(|| choices.below(11) as i32 - 5))
        .collect();
    let scores: Float64Array = (0..rows)
        .map(|_| (!choices.chance(10)).then(|| *choices.pick(&SCORES)))
        .collect();
    let ids: StringArray = (0..rows).map(|row| Some(format!("f{row}"))).collect();
    let columns: Vec<(&str, ArrayRef)> = vec![
        (GEOMETRY, Arc::new(geom.finish())),
        (DTG, time_column(choices, rows)),
        (ATTRIBUTE, Arc::new(names)),
        ("count", Arc::new(counts)),
        ("score", Arc::new(scores)),
        (FEATURE_ID, Arc::new(ids)),
    ];
    RecordBatch::try_from_iter(columns).unwrap()
}

// ---- filters ----

const LITERALS: [&str; 10] = [
    "POINT(1 1)",
    "POINT(2.5 3)",
    "POINT EMPTY",
    "LINESTRING(0 0,4 4)",
    "LINESTRING(1 0,1 5)",
    "POLYGON((0 0,3 0,3 3,0 3,0 0))",
    "POLYGON((1 1,5 1,5 4,1 4,1 1))",
    "POLYGON((2 2,6 2,6 6,2 6,2 2),(3 3,4 3,4 4,3 4,3 3))",
    "MULTIPOINT((1 1),(4 4))",
    "MULTILINESTRING((0 6,6 0),(0 1,1 0))",
];

const PATTERNS: [&str; 8] = [
    "T*F**F***",
    "FF*FF****",
    "T********",
    "****T****",
    "0********",
    "F***T****",
    "*T*******",
    "FF*F0****",
];

fn geometry_literal(choices: &mut Seeded) -> GeometryLiteral {
    GeometryLiteral {
        srid: 0,
        wkb: wkb(LITERALS[choices.below(LITERALS.len())]),
    }
}

fn operator(choices: &mut Seeded) -> CompareOp {
    *choices.pick(&[
        CompareOp::Eq,
        CompareOp::Ne,
        CompareOp::Lt,
        CompareOp::Le,
        CompareOp::Gt,
        CompareOp::Ge,
    ])
}

/// A literal of a type `property` compares with.
fn literal_for(choices: &mut Seeded, property: &str) -> Literal {
    match property {
        DTG => {
            let at = instant(choices);
            if choices.chance(30) {
                Literal::String(strabo_filter::format_instant(at))
            } else {
                Literal::Instant(at)
            }
        }
        ATTRIBUTE => Literal::String(choices.pick(&NAMES).to_string()),
        _ => {
            if choices.chance(50) {
                Literal::Integer(choices.below(11) as i64 - 5)
            } else {
                Literal::Float(*choices.pick(&[-1.5, -0.0, 0.0, 0.5, 1.0, 2.5, 1e10]))
            }
        }
    }
}

fn comparable(choices: &mut Seeded) -> &'static str {
    let properties = [DTG, ATTRIBUTE, "count", "score"];
    properties[choices.below(properties.len())]
}

fn leaf(choices: &mut Seeded) -> Filter {
    match choices.below(15) {
        0 => Filter::Spatial {
            predicate: *choices.pick(&SpatialPredicate::ALL),
            property: GEOMETRY.into(),
            geometry: geometry_literal(choices),
        },
        1 => Filter::Relate {
            property: GEOMETRY.into(),
            geometry: geometry_literal(choices),
            pattern: choices.pick(&PATTERNS).to_string(),
        },
        2 => {
            let (x, y) = (coordinate(choices) - 0.25, coordinate(choices) - 0.25);
            Filter::Bbox {
                property: GEOMETRY.into(),
                min_x: x,
                min_y: y,
                max_x: x + coordinate(choices) - 0.5,
                max_y: y + coordinate(choices),
                crs: None,
            }
        }
        3 => Filter::Distance {
            predicate: *choices.pick(&[DistancePredicate::Dwithin, DistancePredicate::Beyond]),
            property: GEOMETRY.into(),
            geometry: geometry_literal(choices),
            distance: coordinate(choices),
            units: *choices.pick(&[DistanceUnit::Meters, DistanceUnit::Feet]),
        },
        4 => Filter::During {
            property: DTG.into(),
            start: instant(choices),
            end: instant(choices),
        },
        5 => Filter::Temporal {
            predicate: *choices.pick(&[
                TemporalPredicate::Before,
                TemporalPredicate::After,
                TemporalPredicate::Tequals,
            ]),
            property: DTG.into(),
            instant: instant(choices),
        },
        6 | 7 => {
            let property = comparable(choices);
            Filter::Compare {
                property: property.into(),
                operator: operator(choices),
                value: literal_for(choices, property),
            }
        }
        8 => Filter::CompareProperties {
            left: "count".into(),
            operator: operator(choices),
            right: "score".into(),
        },
        9 => {
            let property = comparable(choices);
            Filter::Between {
                property: property.into(),
                low: literal_for(choices, property),
                high: literal_for(choices, property),
            }
        }
        10 => {
            let property = comparable(choices);
            let count = 1 + choices.below(3);
            Filter::In {
                property: property.into(),
                values: (0..count).map(|_| literal_for(choices, property)).collect(),
            }
        }
        11 => Filter::Like {
            property: ATTRIBUTE.into(),
            pattern: choices
                .pick(&["a%", "%b", "_", "a\\%", "%", "b_"])
                .to_string(),
            case_insensitive: choices.chance(30),
        },
        12 => Filter::IsNull {
            property: choices
                .pick(&[GEOMETRY, DTG, ATTRIBUTE, "count", "score"])
                .to_string(),
        },
        13 => Filter::Ids {
            ids: (0..1 + choices.below(3))
                .map(|_| format!("f{}", choices.below(30)))
                .collect(),
        },
        _ => choices.pick(&[Filter::Include, Filter::Exclude]).clone(),
    }
}

fn random_filter(choices: &mut Seeded, depth: usize) -> Filter {
    if depth == 0 || choices.chance(40) {
        return leaf(choices);
    }
    let children = |choices: &mut Seeded| {
        (0..2 + choices.below(2))
            .map(|_| random_filter(choices, depth - 1))
            .collect()
    };
    match choices.below(3) {
        0 => Filter::And {
            filters: children(choices),
        },
        1 => Filter::Or {
            filters: children(choices),
        },
        _ => Filter::Not {
            filter: Box::new(random_filter(choices, depth - 1)),
        },
    }
}

// ---- what a row holds ----

fn row_bbox(batch: &RecordBatch, row: usize) -> Option<BBox> {
    let column = batch.column_by_name(GEOMETRY).unwrap().as_binary::<i32>();
    if column.is_null(row) {
        return None;
    }
    let rect = Geo::read(column.value(row)).unwrap().bbox()?;
    Some(BBox::new(
        rect.min().x,
        rect.min().y,
        rect.max().x,
        rect.max().y,
    ))
}

/// The row's date-time in epoch microseconds, a nanosecond one rounded down.
fn row_micros(batch: &RecordBatch, row: usize) -> Option<i64> {
    let column = batch.column_by_name(DTG).unwrap();
    if column.is_null(row) {
        return None;
    }
    Some(match column.data_type() {
        DataType::Timestamp(TimeUnit::Second, _) => {
            column.as_primitive::<TimestampSecondType>().value(row) * 1_000_000
        }
        DataType::Timestamp(TimeUnit::Millisecond, _) => {
            column.as_primitive::<TimestampMillisecondType>().value(row) * 1000
        }
        DataType::Date32 => i64::from(column.as_primitive::<Date32Type>().value(row)) * DAY,
        DataType::Timestamp(TimeUnit::Microsecond, _) => {
            column.as_primitive::<TimestampMicrosecondType>().value(row)
        }
        _ => column
            .as_primitive::<TimestampNanosecondType>()
            .value(row)
            .div_euclid(1000),
    })
}

fn row_name(batch: &RecordBatch, row: usize) -> Option<&str> {
    let column = batch.column_by_name(ATTRIBUTE).unwrap().as_string::<i32>();
    (!column.is_null(row)).then(|| column.value(row))
}

/// Why `row`, which the filter keeps, is not within `bounds`; `None` if it is.
fn outside(bounds: &Bounds, batch: &RecordBatch, row: usize) -> Option<String> {
    if bounds.empty {
        return Some("the bounds are empty".into());
    }
    if let Some(wanted) = bounds.bbox {
        let meets = row_bbox(batch, row).is_some_and(|b| {
            b.xmin <= wanted.xmax
                && wanted.xmin <= b.xmax
                && b.ymin <= wanted.ymax
                && wanted.ymin <= b.ymax
        });
        if !meets {
            return Some(format!(
                "its geometry's box {:?} misses {wanted:?}",
                row_bbox(batch, row)
            ));
        }
        let within = row_bbox(batch, row).is_some_and(|b| {
            wanted.xmin <= b.xmin
                && b.xmax <= wanted.xmax
                && wanted.ymin <= b.ymin
                && b.ymax <= wanted.ymax
        });
        if bounds.geometry_within_bbox && !within {
            return Some(format!(
                "its geometry's box {:?} is not within {wanted:?}",
                row_bbox(batch, row)
            ));
        }
    }
    if let Some((start, end)) = bounds.time {
        let time = row_micros(batch, row);
        if !time.is_some_and(|t| start <= t && t <= end) {
            return Some(format!("its time {time:?} is outside [{start}, {end}]"));
        }
    }
    if let Some(values) = &bounds.attribute_values {
        let name = row_name(batch, row);
        if !name.is_some_and(|name| values.iter().any(|v| v == name)) {
            return Some(format!("its name {name:?} is not one of {values:?}"));
        }
    }
    None
}

// ---- chunk statistics from the true values ----

#[derive(Debug)]
struct TrueStats {
    rows: u64,
    nulls: HashMap<String, u64>,
    ranges: HashMap<String, ColumnRange>,
    bbox: Option<BBox>,
}

impl ChunkStats for TrueStats {
    fn row_count(&self) -> u64 {
        self.rows
    }
    fn null_count(&self, column: &str) -> Option<u64> {
        self.nulls.get(column).copied()
    }
    fn range(&self, column: &str) -> Option<ColumnRange> {
        self.ranges.get(column).cloned()
    }
    fn bbox(&self, geometry: &str) -> Option<BBox> {
        (geometry == GEOMETRY).then_some(self.bbox).flatten()
    }
}

fn min_max<T: PartialOrd + Clone>(values: impl Iterator<Item = T>) -> Option<(T, T)> {
    values.fold(None, |acc, v| match acc {
        None => Some((v.clone(), v)),
        Some((lo, hi)) => Some((
            if v < lo { v.clone() } else { lo },
            if v > hi { v } else { hi },
        )),
    })
}

fn true_stats(chunk: &RecordBatch) -> TrueStats {
    let rows = chunk.num_rows();
    let nulls = chunk
        .schema()
        .fields()
        .iter()
        .zip(chunk.columns())
        .map(|(field, column)| (field.name().clone(), column.null_count() as u64))
        .collect();
    let mut ranges = HashMap::new();
    let valid = |name: &str| {
        let column = chunk.column_by_name(name).unwrap().clone();
        (0..rows).filter(move |&row| column.is_valid(row))
    };
    if let Some((min, max)) = min_max(valid(DTG).filter_map(|row| row_micros(chunk, row))) {
        // Rounded outward: a nanosecond timestamp's maximum rounds up.
        ranges.insert(DTG.to_string(), ColumnRange::Time { min, max: max + 1 });
    }
    for name in [ATTRIBUTE, FEATURE_ID] {
        let column = chunk.column_by_name(name).unwrap().as_string::<i32>();
        if let Some((min, max)) = min_max(valid(name).map(|row| column.value(row).to_string())) {
            ranges.insert(name.to_string(), ColumnRange::Text { min, max });
        }
    }
    let counts = chunk
        .column_by_name("count")
        .unwrap()
        .as_primitive::<Int32Type>();
    if let Some((min, max)) = min_max(valid("count").map(|row| i64::from(counts.value(row)))) {
        ranges.insert("count".into(), ColumnRange::Integer { min, max });
    }
    let scores = chunk
        .column_by_name("score")
        .unwrap()
        .as_primitive::<Float64Type>();
    let numbers: Vec<f64> = valid("score")
        .map(|row| scores.value(row))
        .filter(|v| !v.is_nan())
        .collect();
    let may_hold_nan = valid("score").any(|row| scores.value(row).is_nan());
    if let Some((min, max)) = min_max(numbers.into_iter()) {
        ranges.insert(
            "score".into(),
            ColumnRange::Float {
                min,
                max,
                may_hold_nan,
            },
        );
    }
    let bbox = (0..rows)
        .filter_map(|row| row_bbox(chunk, row))
        .reduce(|a, b| {
            BBox::new(
                a.xmin.min(b.xmin),
                a.ymin.min(b.ymin),
                a.xmax.max(b.xmax),
                a.ymax.max(b.ymax),
            )
        });
    TrueStats {
        rows: rows as u64,
        nulls,
        ranges,
        bbox,
    }
}

/// Every way the filter's pruning is unsound on this batch.
fn violations(filter: &Filter, batch: &RecordBatch, choices: &mut Seeded) -> Vec<String> {
    let mut found = Vec::new();
    let kept = match evaluate(filter, batch) {
        Ok(kept) => kept,
        Err(err) => return vec![format!("evaluate failed: {err}")],
    };
    let implied = bounds(filter, GEOMETRY, Some(DTG), Some(ATTRIBUTE));
    for row in (0..kept.len()).filter(|&row| kept.value(row)) {
        if let Some(why) = outside(&implied, batch, row) {
            found.push(format!("row {row} is kept but {why} ({implied:?})"));
        }
    }
    // Chunks of random lengths.
    let mut start = 0;
    while start < batch.num_rows() {
        let length = 1 + choices.below(batch.num_rows() - start);
        let chunk = batch.slice(start, length);
        let holds_match = (start..start + length).any(|row| kept.value(row));
        let stats = true_stats(&chunk);
        if holds_match && !may_match(filter, &stats) {
            found.push(format!(
                "rows {start}..{} hold a match, yet may_match is false for {stats:?}",
                start + length
            ));
        }
        // The same rows, evaluated on their own.
        let alone = evaluate(filter, &chunk).unwrap();
        if alone != kept.slice(start, length) {
            found.push(format!(
                "rows {start}..{} evaluate differently on their own",
                start + length
            ));
        }
        start += length;
    }
    found
}

#[test]
fn pruning_never_loses_a_row_evaluate_keeps() {
    let (mut kept_rows, mut bounded) = (0, 0);
    for seed in 0..CASES {
        let mut choices = Seeded::new(seed);
        let batch = random_batch(&mut choices);
        let filter = random_filter(&mut choices, 3);
        let found = violations(&filter, &batch, &mut choices);
        assert!(
            found.is_empty(),
            "seed {seed}: {filter}\n{}",
            found.join("\n")
        );
        let kept = evaluate(&filter, &batch).unwrap();
        kept_rows += kept.true_count();
        let implied = bounds(&filter, GEOMETRY, Some(DTG), Some(ATTRIBUTE));
        bounded += usize::from(
            implied.bbox.is_some() || implied.time.is_some() || implied.attribute_values.is_some(),
        );
    }
    // The cases reach both sides: rows kept, and filters that constrain.
    assert!(kept_rows > 5 * CASES as usize, "{kept_rows} rows kept");
    assert!(
        bounded > CASES as usize / 5,
        "{bounded} filters constrained"
    );
}

#[test]
fn the_check_catches_unsound_pruning() {
    let mut choices = Seeded::new(1);
    let batch = random_batch(&mut choices);
    let everywhere = Filter::Bbox {
        property: GEOMETRY.into(),
        min_x: -1.0,
        min_y: -1.0,
        max_x: 20.0,
        max_y: 20.0,
        crs: None,
    };
    let kept = evaluate(&everywhere, &batch).unwrap();
    let row = (0..kept.len())
        .find(|&row| kept.value(row))
        .expect("a kept row");
    let too_small = Bounds {
        bbox: Some(BBox::new(100.0, 100.0, 101.0, 101.0)),
        ..Bounds::UNCONSTRAINED
    };
    assert!(outside(&too_small, &batch, row).is_some());
    let mut lying = true_stats(&batch.slice(row, 1));
    lying.bbox = Some(BBox::new(100.0, 100.0, 101.0, 101.0));
    assert!(!may_match(&everywhere, &lying));
}

/// The DE-9IM matrix path (`geo`'s relate, behind `RELATE`, `CROSSES`, `OVERLAPS`, `TOUCHES`
/// and `EQUALS`) agrees with strabo-geom's kernels, which are tested against GEOS, wherever
/// a pattern spells one of theirs.
#[test]
fn the_matrix_agrees_with_the_kernels() {
    let spelled = [
        (SpatialPredicate::Within, vec!["T*F**F***"]),
        (SpatialPredicate::Contains, vec!["T*****FF*"]),
        (SpatialPredicate::Disjoint, vec!["FF*FF****"]),
        (
            SpatialPredicate::Intersects,
            vec!["T********", "*T*******", "***T*****", "****T****"],
        ),
        (
            SpatialPredicate::Covers,
            vec!["T*****FF*", "*T****FF*", "***T**FF*", "****T*FF*"],
        ),
        (
            SpatialPredicate::CoveredBy,
            vec!["T*F**F***", "*TF**F***", "**FT*F***", "**F*TF***"],
        ),
    ];
    let mut compared = 0;
    for seed in 0..CASES / 10 {
        let mut choices = Seeded::new(seed);
        let batch = random_batch(&mut choices);
        let literal = geometry_literal(&mut choices);
        for (predicate, patterns) in &spelled {
            let kernel = Filter::Spatial {
                predicate: *predicate,
                property: GEOMETRY.into(),
                geometry: literal.clone(),
            };
            let matrix = Filter::Or {
                filters: patterns
                    .iter()
                    .map(|pattern| Filter::Relate {
                        property: GEOMETRY.into(),
                        geometry: literal.clone(),
                        pattern: pattern.to_string(),
                    })
                    .collect(),
            };
            let expected = evaluate(&kernel, &batch).unwrap();
            let got = evaluate(&matrix, &batch).unwrap();
            assert_eq!(got, expected, "seed {seed}: {kernel} vs {matrix}");
            compared += 1;
        }
    }
    assert!(compared > 0);
}
