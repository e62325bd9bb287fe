//! Reading with filters: every plan returns exactly the rows the filter selects from all the
//! data, and the pruning stages really skip what they claim to.
use std::collections::BTreeSet;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{ArrayRef, BinaryArray, RecordBatch};
use parquet::file::metadata::{PageIndexPolicy, ParquetMetaDataReader};
use strabo_columnar::types::GeomEncoding;
use strabo_filter::Filter;
use strabo_store::{FeatureType, FileOptions, Store, WriteMode};
use strabo_testkit::stores::{
    self, all_rows, feature_type, point, random_batch, random_store, selected,
};

/// The rows `filter` selects, found by evaluating it over every row of every file.
fn expected(store: &Store, filter: &Filter) -> BTreeSet<String> {
    selected(&all_rows(store), filter).unwrap()
}

/// The rows the store's plan and scan return.
fn scanned(
    store: &Store,
    feature_type: &FeatureType,
    filter: &Filter,
) -> (BTreeSet<String>, strabo_store::PruneCounts) {
    stores::scanned(store, feature_type, filter).unwrap()
}

const FILTERS: &[&str] = &[
    "INCLUDE",
    "EXCLUDE",
    "BBOX(geom, -10, -10, 30, 20)",
    "BBOX(geom, 170, 80, 180, 90) OR BBOX(geom, -180, -90, -170, -80)",
    "INTERSECTS(geom, POLYGON((0 0, 40 0, 40 40, 0 0)))",
    "WITHIN(geom, POLYGON((-100 -50, 0 -50, 0 0, -100 0, -100 -50)))",
    "CONTAINS(POLYGON((-100 -50, 0 -50, 0 0, -100 0, -100 -50)), geom)",
    "DISJOINT(geom, POLYGON((-180 -90, 0 -90, 0 90, -180 90, -180 -90)))",
    "dtg DURING 2024-01-03T00:00:00Z/2024-01-04T12:00:00Z",
    "dtg BEFORE 2024-01-02T00:00:00Z",
    "dtg AFTER 2024-01-09T00:00:00Z AND BBOX(geom, 0, 0, 90, 45)",
    "dtg > '2024-01-05T00:00:00Z' AND dtg <= '2024-01-06T00:00:00Z'",
    "count = 7",
    "count BETWEEN -3 AND 2",
    "count IN (1, 2, 3) OR score > 99.5",
    "score < 10 AND NOT (name = 'beta')",
    "name LIKE 'alp%'",
    "name IS NULL",
    "name IS NOT NULL AND geom IS NULL",
    "NOT BBOX(geom, -90, -45, 90, 45)",
    "score <> 5",
    "__fid__ = 'nothing'",
];

#[test]
fn every_plan_returns_exactly_the_rows_the_filter_selects() {
    for scheme in [
        "daily,z2-2bits",
        "flat",
        "z2-4bits,monthly",
        "weekly,xz2-4bits",
    ] {
        let (_dir, store, feature_type) = random_store(scheme);
        for text in FILTERS {
            let filter = match Filter::from_ecql(text) {
                Ok(filter) => filter,
                Err(e) => panic!("{text}: {e}"),
            };
            let want = expected(&store, &filter);
            let (got, counts) = scanned(&store, &feature_type, &filter);
            assert_eq!(got, want, "scheme {scheme}, filter {text}: {counts:?}");
        }
    }
}

#[test]
fn selective_filters_prune_files_and_row_groups() {
    let (_dir, store, feature_type) = random_store("daily,z2-2bits");
    let total = store
        .plan(&store.snapshot("points").unwrap(), &Filter::Include)
        .unwrap()
        .counts;
    assert_eq!(total.after_row_group_stats, total.row_groups);
    let cases = [
        // One day of ten: the daily level.
        ("dtg DURING 2024-01-03T00:00:00Z/2024-01-03T12:00:00Z", true),
        // One z2 quadrant of four, then row groups by their covering boxes.
        ("BBOX(geom, 10, 10, 20, 20)", true),
        ("name = 'nobody'", false),
    ];
    for (text, by_partition) in cases {
        let filter = Filter::from_ecql(text).unwrap();
        let (_, counts) = scanned(&store, &feature_type, &filter);
        if by_partition {
            assert!(
                counts.after_partitions * 2 < counts.files,
                "{text}: {counts:?}"
            );
        }
        assert!(
            counts.after_row_group_stats * 4 < total.row_groups,
            "{text}: {counts:?}"
        );
    }
}

/// The honest pruning test: overwrite the data of every row group the plan skips, and the scan
/// still returns the right rows, while reading the whole file fails.
#[test]
fn skipped_row_groups_are_never_read() {
    // Rows sort by Z3 within each file (weekly bins), which interleaves time with space: a
    // query with both finds few row groups.
    let (dir, store, feature_type) = random_store("flat");
    let filter = Filter::from_ecql(
        "BBOX(geom, 90, 0, 180, 90) AND dtg DURING 2024-01-02T00:00:00Z/2024-01-04T00:00:00Z",
    )
    .unwrap();
    let want = expected(&store, &filter);
    assert!(!want.is_empty());
    let snapshot = store.snapshot("points").unwrap();
    let plan = store.plan(&snapshot, &filter).unwrap();
    assert!(
        plan.counts.after_row_group_stats * 2 < plan.counts.row_groups,
        "{:?}",
        plan.counts
    );
    for scan in &plan.files {
        let path = dir.path().join("points").join(&scan.file.path);
        let mut bytes = std::fs::read(&path).unwrap();
        let footer =
            parquet::file::reader::SerializedFileReader::new(bytes::Bytes::from(bytes.clone()))
                .unwrap();
        let metadata = parquet::file::reader::FileReader::metadata(&footer).clone();
        let kept = scan
            .row_groups
            .clone()
            .expect("a selective plan names its row groups");
        for (_, group) in metadata
            .row_groups()
            .iter()
            .enumerate()
            .filter(|(i, _)| !kept.contains(i))
        {
            for column in group.columns() {
                let (start, length) = column.byte_range();
                bytes[start as usize..(start + length) as usize].fill(0xA5);
            }
        }
        std::fs::write(&path, &bytes).unwrap();
        assert!(
            store
                .read_file("points", &scan.file, None, None, None, None)
                .and_then(|batches| batches.collect::<Result<Vec<_>, _>>())
                .is_err(),
            "the corruption must bite"
        );
    }
    let (got, _) = scanned(&store, &feature_type, &filter);
    assert_eq!(got, want);
}

/// The same for pages: within the row groups the plan keeps, overwrite every page (of every
/// column) whose rows the page index rules out, and the scan still returns the right rows.
#[test]
fn skipped_pages_are_never_read() {
    let (dir, store, feature_type) = random_store("flat");
    let filter = Filter::from_ecql("BBOX(geom, 90, 0, 180, 90)").unwrap();
    let want = expected(&store, &filter);
    assert!(!want.is_empty());
    let snapshot = store.snapshot("points").unwrap();
    let plan = store.plan(&snapshot, &filter).unwrap();
    let mut overwritten = 0;
    let mut reads_that_bite = 0;
    for scan in &plan.files {
        let path = dir.path().join("points").join(&scan.file.path);
        let mut bytes = std::fs::read(&path).unwrap();
        let metadata = ParquetMetaDataReader::new()
            .with_page_index_policy(PageIndexPolicy::Required)
            .parse_and_finish(&bytes::Bytes::from(bytes.clone()))
            .unwrap();
        let groups = scan
            .row_groups
            .clone()
            .unwrap_or_else(|| (0..metadata.num_row_groups()).collect());
        let Some(selection) =
            strabo_store::scan::page_selection(&feature_type, &filter, &metadata, &groups)
        else {
            continue;
        };
        // Skipped rows as ranges of the kept row groups' rows, one after another.
        let mut skipped = Vec::new();
        let mut at = 0u64;
        for selector in selection.iter() {
            let end = at + selector.row_count as u64;
            if selector.skip {
                skipped.push(at..end);
            }
            at = end;
        }
        let mut first_row = 0u64;
        for &group in &groups {
            let rows = metadata.row_group(group).num_rows() as u64;
            for column in &metadata.offset_index().unwrap()[group] {
                let pages = column.page_locations();
                for (i, page) in pages.iter().enumerate() {
                    let start = first_row + page.first_row_index as u64;
                    let end =
                        first_row + pages.get(i + 1).map_or(rows, |p| p.first_row_index as u64);
                    if skipped.iter().any(|r| r.start <= start && end <= r.end) {
                        let offset = page.offset as usize;
                        bytes[offset..offset + page.compressed_page_size as usize].fill(0xA5);
                        overwritten += 1;
                    }
                }
            }
            first_row += rows;
        }
        std::fs::write(&path, &bytes).unwrap();
        if store
            .read_file("points", &scan.file, None, None, None, None)
            .and_then(|batches| batches.collect::<Result<Vec<_>, _>>())
            .is_err()
        {
            reads_that_bite += 1;
        }
    }
    eprintln!("{overwritten} pages overwritten; {reads_that_bite} files fail a full read");
    assert!(
        overwritten > 0 && reads_that_bite > 0,
        "the corruption must bite"
    );
    let (got, _) = scanned(&store, &feature_type, &filter);
    assert_eq!(got, want);
}

/// Lon/lat points past the world's edges (world-atlas unwraps shapes that cross 180°) are
/// stored, partitioned by where they meet the world, and every query finds them: a box reaching
/// outside the world prunes no spatial partition.
#[test]
fn points_past_the_world_are_stored_and_found() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().to_str().unwrap()).unwrap();
    let feature_type = feature_type("daily,z2-4bits");
    let batch = random_batch(4, 1000);
    // x from [-180, 180] to [-207, 207]: about one point in eight lies past an edge.
    let geom = batch.column_by_name("geom").unwrap().as_binary::<i32>();
    let stretched: BinaryArray = geom
        .iter()
        .map(|value| {
            value.map(|bytes| {
                let x = f64::from_le_bytes(bytes[9..17].try_into().unwrap());
                let y = f64::from_le_bytes(bytes[17..25].try_into().unwrap());
                point(x * 1.15, y)
            })
        })
        .collect();
    let columns: Vec<(String, ArrayRef)> = batch
        .schema()
        .fields()
        .iter()
        .zip(batch.columns())
        .map(|(field, column)| match field.name().as_str() {
            "geom" => (
                field.name().clone(),
                Arc::new(stretched.clone()) as ArrayRef,
            ),
            _ => (field.name().clone(), column.clone()),
        })
        .collect();
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let files = store
        .write(
            &feature_type,
            &batch,
            GeomEncoding::SridWkb,
            FileOptions::default(),
        )
        .unwrap();
    store
        .commit(&feature_type, WriteMode::Append, files)
        .unwrap();
    for text in [
        "BBOX(geom, 180.5, -90, 210, 90)",
        "BBOX(geom, 170, -45, 200, 45)",
        "BBOX(geom, -210, 0, -175, 90)",
        "BBOX(geom, 100, 0, 179.9, 90)",
        "INTERSECTS(geom, POLYGON((185 -50, 205 -50, 205 50, 185 -50)))",
        "DISJOINT(geom, POLYGON((-180 -90, 180 -90, 180 90, -180 90, -180 -90)))",
    ] {
        let filter = Filter::from_ecql(text).unwrap();
        let want = expected(&store, &filter);
        assert!(!want.is_empty(), "{text} selects nothing");
        assert_eq!(scanned(&store, &feature_type, &filter).0, want, "{text}");
    }
}

/// A scan reads a file a batch at a time, so a limit the first row group fills never reads the
/// others: with their data overwritten, the limited scan still succeeds, and a full one fails.
#[test]
fn a_limit_stops_the_reading() {
    let (dir, store, feature_type) = random_store("flat");
    let filter = Filter::from_ecql("BBOX(geom, -180, -90, 180, 90)").unwrap();
    let snapshot = store.snapshot("points").unwrap();
    let plan = store.plan(&snapshot, &filter).unwrap();
    let scan = plan
        .files
        .iter()
        .find(|scan| {
            scan.row_groups
                .as_ref()
                .is_none_or(|groups| groups.len() > 1)
        })
        .expect("a file of several row groups");
    let path = dir.path().join("points").join(&scan.file.path);
    let mut bytes = std::fs::read(&path).unwrap();
    let metadata = ParquetMetaDataReader::new()
        .parse_and_finish(&bytes::Bytes::from(bytes.clone()))
        .unwrap();
    let first = scan.row_groups.as_ref().map_or(0, |groups| groups[0]);
    for (_, group) in metadata
        .row_groups()
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != first)
    {
        for column in group.columns() {
            let (start, length) = column.byte_range();
            bytes[start as usize..(start + length) as usize].fill(0xA5);
        }
    }
    std::fs::write(&path, &bytes).unwrap();
    let read = |limit| {
        store
            .scan(&feature_type, scan, Some(&["__fid__"]), &filter, limit)
            .and_then(|batches| batches.collect::<Result<Vec<_>, _>>())
    };
    let limited = read(Some(1)).unwrap();
    assert_eq!(limited.iter().map(RecordBatch::num_rows).sum::<usize>(), 1);
    assert!(read(None).is_err(), "the corruption must bite");
}
