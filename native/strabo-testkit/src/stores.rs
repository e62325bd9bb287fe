//! A store of random rows, and random filters over it: whatever the filter, the store's plan
//! and scan (partitions, file boxes and time ranges, row-group and page statistics, then the
//! exact filter) return exactly the rows that evaluating the filter over every row selects.
//! Pruning that drops a matching row, or keeps a row the filter rejects, is a bug.
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{
    ArrayRef, BinaryArray, Float64Array, Int32Array, RecordBatch, StringArray,
    TimestampMicrosecondArray,
};
use strabo_columnar::types::GeomEncoding;
use strabo_filter::Filter;
use strabo_store::{
    Attribute, AttributeKind, FeatureType, FileOptions, PruneCounts, Store, StoreError, WriteMode,
};

use crate::choices::{Choices, Seeded};

/// 2024-01-01T00:00:00Z in microseconds.
pub const JAN_1: i64 = 1_704_067_200_000_000;
/// The random rows' names, and so what string filters compare with.
pub const NAMES: [&str; 5] = ["alpha", "beta", "gamma", "delta", "alpine"];
/// The feature type of [`random_store`].
pub const FEATURE: &str = "points";

/// Points with a name, a count, a score and a time.
pub fn feature_type(scheme: &str) -> FeatureType {
    let attribute = |name: &str, kind| Attribute {
        name: name.into(),
        kind,
    };
    FeatureType {
        name: FEATURE.into(),
        attributes: vec![
            attribute("name", AttributeKind::String),
            attribute("count", AttributeKind::Int),
            attribute("score", AttributeKind::Double),
            attribute("dtg", AttributeKind::Timestamp),
            attribute(
                "geom",
                AttributeKind::Geometry {
                    srid: 4326,
                    points: true,
                },
            ),
        ],
        dtg: Some("dtg".into()),
        scheme: scheme.into(),
    }
}

/// A point as the store's SRID-prefixed WKB.
pub fn point(x: f64, y: f64) -> Vec<u8> {
    let mut out = 4326i32.to_le_bytes().to_vec();
    out.push(1);
    out.extend(1u32.to_le_bytes());
    out.extend(x.to_le_bytes());
    out.extend(y.to_le_bytes());
    out
}

/// `rows` random rows over the world and ten days, with nulls in every column.
pub fn random_batch(seed: u64, rows: usize) -> RecordBatch {
    let mut random = Seeded::new(seed);
    let mut coordinate = |range: f64| (random.below(2_000_001) as f64 / 1_000_000.0 - 1.0) * range;
    let xy: Vec<(f64, f64)> = (0..rows)
        .map(|_| (coordinate(180.0), coordinate(90.0)))
        .collect();
    let mut random = Seeded::new(seed + 1);
    let mut maybe = |percent_null: usize| !random.chance(percent_null);
    let valid: Vec<[bool; 5]> = (0..rows)
        .map(|_| [maybe(5), maybe(5), maybe(5), maybe(2), maybe(3)])
        .collect();
    let mut random = Seeded::new(seed + 2);
    let columns: Vec<(&str, ArrayRef)> = vec![
        (
            "name",
            Arc::new(StringArray::from_iter(
                (0..rows).map(|r| valid[r][0].then(|| NAMES[r % NAMES.len()])),
            )),
        ),
        (
            "count",
            Arc::new(Int32Array::from_iter(
                (0..rows).map(|r| valid[r][1].then_some((r % 100) as i32 - 50)),
            )),
        ),
        (
            "score",
            Arc::new(Float64Array::from_iter((0..rows).map(|r| {
                valid[r][2].then(|| {
                    if r % 97 == 0 {
                        f64::NAN
                    } else {
                        (r % 1000) as f64 / 10.0
                    }
                })
            }))),
        ),
        (
            "dtg",
            Arc::new(
                TimestampMicrosecondArray::from_iter((0..rows).map(|r| {
                    valid[r][3].then(|| JAN_1 + (random.below(10 * 86_400) as i64) * 1_000_000)
                }))
                .with_timezone("UTC"),
            ),
        ),
        (
            "geom",
            Arc::new(BinaryArray::from_iter(
                (0..rows).map(|r| valid[r][4].then(|| point(xy[r].0, xy[r].1))),
            )),
        ),
    ];
    RecordBatch::try_from_iter(columns).expect("the random columns")
}

/// A store of 4,000 random rows in three writes, with row groups of 128 rows and pages of 32.
pub fn random_store(scheme: &str) -> (tempfile::TempDir, Store, FeatureType) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = Store::open(dir.path().to_str().expect("a UTF-8 path")).expect("a store");
    let feature_type = feature_type(scheme);
    for (seed, rows) in [(1, 2000), (2, 1500), (3, 500)] {
        let files = store
            .write(
                &feature_type,
                &random_batch(seed, rows),
                GeomEncoding::SridWkb,
                // Pages of 32 rows, so that scans skip pages within row groups too.
                FileOptions {
                    row_group_rows: 128,
                    page_rows: 32,
                    ..FileOptions::default()
                },
            )
            .expect("the random rows written");
        store
            .commit(&feature_type, WriteMode::Append, files)
            .expect("the random rows committed");
    }
    (dir, store, feature_type)
}

/// The feature ids of `batches`' rows.
pub fn fids(batches: &[RecordBatch]) -> BTreeSet<String> {
    batches
        .iter()
        .flat_map(|b| {
            b.column_by_name("__fid__")
                .expect("a __fid__ column")
                .as_string::<i32>()
                .iter()
                .map(|v| v.expect("a feature id").to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every row of the store's feature type, file by file.
pub fn all_rows(store: &Store) -> Vec<RecordBatch> {
    let snapshot = store.snapshot(FEATURE).expect("the snapshot");
    let mut all = Vec::new();
    for file in &snapshot.files {
        let batches = store.read_file(FEATURE, file, None, None, None, None);
        all.extend(
            batches
                .expect("the file")
                .map(|batch| batch.expect("a batch")),
        );
    }
    all
}

/// The rows of `rows` that `filter` selects, found by evaluating it over every one.
pub fn selected(rows: &[RecordBatch], filter: &Filter) -> Result<BTreeSet<String>, String> {
    let mut kept = Vec::new();
    for batch in rows {
        let mask = strabo_query::evaluate(filter, batch).map_err(|e| e.to_string())?;
        kept.push(
            arrow_select::filter::filter_record_batch(batch, &mask).map_err(|e| e.to_string())?,
        );
    }
    Ok(fids(&kept))
}

/// The rows the store's plan and scan return for `filter`, and what the plan pruned.
pub fn scanned(
    store: &Store,
    feature_type: &FeatureType,
    filter: &Filter,
) -> Result<(BTreeSet<String>, PruneCounts), StoreError> {
    let snapshot = store.snapshot(FEATURE)?;
    let plan = store.plan(&snapshot, filter)?;
    let mut batches = Vec::new();
    for file in &plan.files {
        for batch in store.scan(feature_type, file, Some(&["__fid__", "name"]), filter, None)? {
            batches.push(batch?);
        }
    }
    Ok((fids(&batches), plan.counts))
}

/// Values of the rows a filter runs on. Statistics bound chunks at such values, so constants
/// drawn from them (and one step either side) test the bounds' edges.
pub struct Sample {
    pub points: Vec<(f64, f64)>,
    pub times: Vec<i64>,
    pub scores: Vec<f64>,
}

impl Sample {
    /// The non-null values of [`random_batch`]'s columns in `rows`.
    pub fn of(rows: &[RecordBatch]) -> Sample {
        let mut sample = Sample {
            points: Vec::new(),
            times: Vec::new(),
            scores: Vec::new(),
        };
        for batch in rows {
            let column = |name| {
                batch
                    .column_by_name(name)
                    .expect("a column of random_batch")
            };
            for wkb in column("geom").as_binary::<i32>().iter().flatten() {
                // A 2D point's WKB ends with its two ordinates.
                let at = wkb.len() - 16;
                let ordinate = |at: usize| f64::from_le_bytes(wkb[at..at + 8].try_into().unwrap());
                sample.points.push((ordinate(at), ordinate(at + 8)));
            }
            let times =
                column("dtg").as_primitive::<arrow_array::types::TimestampMicrosecondType>();
            sample.times.extend(times.iter().flatten());
            let scores = column("score").as_primitive::<arrow_array::types::Float64Type>();
            sample
                .scores
                .extend(scores.iter().flatten().filter(|v| !v.is_nan()));
        }
        sample
    }
}

/// A random filter over [`feature_type`]'s columns as ECQL, nested `depth` levels at most. Its
/// constants are often the sampled rows' own values, or one step off, so that filters select
/// some rows and not others, and meet the statistics' bounds exactly.
pub fn random_filter(choices: &mut impl Choices, sample: &Sample, depth: usize) -> String {
    if depth > 0 && choices.chance(45) {
        let mut side = || random_filter(choices, sample, depth - 1);
        let (left, right) = (side(), side());
        return match choices.below(3) {
            0 => format!("({left} AND {right})"),
            1 => format!("({left} OR {right})"),
            _ => format!("NOT ({left})"),
        };
    }
    let c = choices;
    match c.below(12) {
        0 => {
            let (x0, y0) = coordinates(c, sample);
            let (x1, y1) = coordinates(c, sample);
            format!("BBOX(geom, {x0}, {y0}, {x1}, {y1})")
        }
        1 => {
            let predicate = ["INTERSECTS", "WITHIN", "DISJOINT", "CONTAINS"][c.below(4)];
            let (x0, y0) = (x(c), y(c));
            let (x1, y1) = (
                x0 + c.below(60) as i64 * 5 + 5,
                y0 + c.below(30) as i64 * 5 + 5,
            );
            let ring = if c.chance(50) {
                format!("{x0} {y0}, {x1} {y0}, {x0} {y1}, {x0} {y0}")
            } else {
                format!("{x0} {y0}, {x1} {y0}, {x1} {y1}, {x0} {y1}, {x0} {y0}")
            };
            format!("{predicate}(geom, POLYGON(({ring})))")
        }
        2 => format!(
            "DWITHIN(geom, POINT({} {}), {}, kilometers)",
            x(c),
            y(c),
            c.below(3000)
        ),
        3 => match c.below(3) {
            0 => format!("dtg DURING {}/{}", instant(c, sample), instant(c, sample)),
            1 => format!("dtg BEFORE {}", instant(c, sample)),
            _ => format!("dtg AFTER {}", instant(c, sample)),
        },
        4 => format!("dtg {} '{}'", comparison(c), instant(c, sample)),
        5 => format!("count {} {}", comparison(c), count(c)),
        6 => match c.below(2) {
            0 => format!("count BETWEEN {} AND {}", count(c), count(c)),
            _ => format!("count IN ({}, {}, {})", count(c), count(c), count(c)),
        },
        7 => format!("score {} {:?}", comparison(c), score(c, sample)),
        8 => {
            let name = NAMES[c.below(NAMES.len())];
            match c.below(4) {
                0 => format!("name {} '{name}'", comparison(c)),
                1 => format!("name LIKE '{}%'", &name[..c.below(name.len()) + 1]),
                2 => format!("name IN ('{name}', 'nobody')"),
                _ => format!("name BETWEEN '{name}' AND 'delta'"),
            }
        }
        9 => {
            let column = ["name", "count", "score", "dtg", "geom"][c.below(5)];
            let not = if c.chance(50) { " NOT" } else { "" };
            format!("{column} IS{not} NULL")
        }
        10 => ["INCLUDE", "EXCLUDE"][c.below(2)].to_string(),
        _ => "__fid__ = 'nobody'".to_string(),
    }
}

/// A longitude in steps of 5 degrees, past the world's edges.
fn x(c: &mut impl Choices) -> i64 {
    c.below(81) as i64 * 5 - 200
}

/// A latitude in steps of 5 degrees, past the world's edges.
fn y(c: &mut impl Choices) -> i64 {
    c.below(41) as i64 * 5 - 100
}

/// A sampled point, one of its ordinates nudged to the next float at times, or a grid point.
fn coordinates(c: &mut impl Choices, sample: &Sample) -> (f64, f64) {
    if sample.points.is_empty() || c.chance(50) {
        return (x(c) as f64, y(c) as f64);
    }
    let (x, y) = *c.pick(&sample.points);
    (nudge(c, x), nudge(c, y))
}

/// `value`, or the float just below or above it.
fn nudge(c: &mut impl Choices, value: f64) -> f64 {
    match c.below(3) {
        0 => value.next_down(),
        1 => value,
        _ => value.next_up(),
    }
}

/// A sampled time or one microsecond off, or an hour from a day before the rows' ten days to a
/// day after.
fn instant(c: &mut impl Choices, sample: &Sample) -> String {
    let micros = if sample.times.is_empty() || c.chance(50) {
        JAN_1 + (c.below(12 * 24) as i64 - 24) * 3_600_000_000
    } else {
        *c.pick(&sample.times) + c.below(3) as i64 - 1
    };
    strabo_filter::format_instant(micros)
}

/// A sampled score, nudged at times, or any from below the rows' to above them.
fn score(c: &mut impl Choices, sample: &Sample) -> f64 {
    if sample.scores.is_empty() || c.chance(50) {
        c.below(1100) as f64 / 10.0 - 5.0
    } else {
        let value = *c.pick(&sample.scores);
        nudge(c, value)
    }
}

/// A count: the rows' -50 to 49 and a little past them, their ends most often.
fn count(c: &mut impl Choices) -> i64 {
    if c.chance(30) {
        *c.pick(&[-51, -50, -49, 48, 49, 50])
    } else {
        c.below(121) as i64 - 60
    }
}

fn comparison(c: &mut impl Choices) -> &'static str {
    ["=", "<>", "<", "<=", ">", ">="][c.below(6)]
}

/// What a random filter did, so that a property test can show its cases reached the pruning
/// stages.
#[derive(Debug, Default, Clone, Copy)]
pub struct FilterOutcome {
    /// The filter selected some rows but not all.
    pub some_rows: bool,
    /// The plan skipped partitions or files.
    pub pruned_files: bool,
    /// The plan skipped row groups of the files it kept.
    pub pruned_row_groups: bool,
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    feature_type: FeatureType,
    rows: Vec<RecordBatch>,
    sample: Sample,
}

thread_local! {
    /// One store per scheme the cases choose from, written once per thread.
    static FIXTURES: RefCell<Vec<Fixture>> = const { RefCell::new(Vec::new()) };
}

/// The schemes the random stores are partitioned by: time and space, spatial extents, none.
const SCHEMES: [&str; 3] = ["daily,z2-2bits", "weekly,xz2-4bits", "flat"];

/// Runs one random filter on a random store: the scan must return exactly the rows the filter
/// selects. `Err` describes a bug.
pub fn check_random_filter(mut choices: impl Choices) -> Result<FilterOutcome, String> {
    FIXTURES.with(|fixtures| {
        let mut fixtures = fixtures.borrow_mut();
        if fixtures.is_empty() {
            for scheme in SCHEMES {
                let (dir, store, feature_type) = random_store(scheme);
                let rows = all_rows(&store);
                fixtures.push(Fixture {
                    _dir: dir,
                    store,
                    feature_type,
                    sample: Sample::of(&rows),
                    rows,
                });
            }
        }
        let scheme = choices.below(SCHEMES.len());
        let fixture = &fixtures[scheme];
        let ecql = random_filter(&mut choices, &fixture.sample, 3);
        let filter = Filter::from_ecql(&ecql)
            .map_err(|e| format!("{ecql}: the generated filter does not parse: {e}"))?;
        let total: usize = fixture.rows.iter().map(|b| b.num_rows()).sum();
        // The scan reads the filter's literals in the layer's SRID; so does the evaluation.
        let exact = strabo_store::scan::with_layer_srid(&fixture.feature_type, &filter);
        let scan = scanned(&fixture.store, &fixture.feature_type, &filter);
        let want = match selected(&fixture.rows, &exact) {
            Ok(want) => want,
            // A filter the store cannot evaluate (a distance in degrees) may only fail, or
            // select nothing when the plan rules out every file before evaluating it.
            Err(refused) => {
                return match scan {
                    Ok((got, _)) if !got.is_empty() => Err(format!(
                        "{ecql}: the filter cannot be evaluated ({refused}), yet the scan returned {} rows",
                        got.len()
                    )),
                    _ => Ok(FilterOutcome::default()),
                }
            }
        };
        let (got, counts) =
            scan.map_err(|e| format!("{ecql} ({}): the scan failed: {e}", SCHEMES[scheme]))?;
        if got != want {
            let missing = want.difference(&got).count();
            let extra = got.difference(&want).count();
            return Err(format!(
                "{ecql} ({}): the scan returned {} rows where the filter selects {}: {missing} missing, {extra} extra ({counts:?})",
                SCHEMES[scheme],
                got.len(),
                want.len()
            ));
        }
        Ok(FilterOutcome {
            some_rows: !want.is_empty() && want.len() < total,
            pruned_files: counts.after_file_stats < counts.files,
            pruned_row_groups: counts.after_row_group_stats < counts.row_groups,
        })
    })
}
