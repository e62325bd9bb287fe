//! The store against the real local file system: writes, commits, snapshots and reads, and
//! what the files look like to any Parquet reader.
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::Float64Type;
use arrow_array::{
    Array, ArrayRef, BinaryArray, BooleanArray, Date32Array, Float32Array, Float64Array,
    Int32Array, Int64Array, RecordBatch, StringArray, TimestampMicrosecondArray,
};
use parquet::basic::{ColumnOrder, Compression, LogicalType, SortOrder};
use parquet::file::reader::{FileReader, SerializedFileReader};
use strabo_columnar::types::GeomEncoding;
use strabo_store::{
    log, Attribute, AttributeKind, FeatureType, FileOptions, Store, StoreError, TaskWriter,
    WriteMode,
};

fn wkb(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    strabo_geom::write_wkb(&strabo_geom::wkt_codec::parse(text).unwrap(), &mut out);
    out
}

fn srid_wkb(srid: i32, text: &str) -> Vec<u8> {
    [&srid.to_le_bytes()[..], &wkb(text)].concat()
}

fn attribute(name: &str, kind: AttributeKind) -> Attribute {
    Attribute {
        name: name.into(),
        kind,
    }
}

/// Every attribute type, a dtg and a point geometry.
fn all_types() -> FeatureType {
    FeatureType {
        name: "events".into(),
        attributes: vec![
            attribute("name", AttributeKind::String),
            attribute("count", AttributeKind::Int),
            attribute("big", AttributeKind::Long),
            attribute("ratio", AttributeKind::Float),
            attribute("score", AttributeKind::Double),
            attribute("flag", AttributeKind::Boolean),
            attribute("day", AttributeKind::Date),
            attribute("dtg", AttributeKind::Timestamp),
            attribute("payload", AttributeKind::Binary),
            attribute(
                "geom",
                AttributeKind::Geometry {
                    srid: 4326,
                    points: true,
                },
            ),
        ],
        dtg: Some("dtg".into()),
        scheme: "daily,z2-2bits".into(),
    }
}

const DAY: i64 = 86_400_000_000;
/// 2024-01-01T00:00:00Z in microseconds.
const JAN_1: i64 = 1_704_067_200_000_000;

/// Four rows over two days and two z2 cells, with nulls in every nullable column.
fn all_types_batch() -> RecordBatch {
    let columns: Vec<(&str, ArrayRef)> = vec![
        (
            "name",
            Arc::new(StringArray::from(vec![
                Some("a"),
                None,
                Some("c"),
                Some("d"),
            ])),
        ),
        (
            "count",
            Arc::new(Int32Array::from(vec![Some(1), Some(2), None, Some(4)])),
        ),
        (
            "big",
            Arc::new(Int64Array::from(vec![
                Some(i64::MAX),
                None,
                Some(-3),
                Some(0),
            ])),
        ),
        (
            "ratio",
            Arc::new(Float32Array::from(vec![
                Some(0.5),
                Some(f32::NAN),
                None,
                Some(-0.0),
            ])),
        ),
        (
            "score",
            Arc::new(Float64Array::from(vec![
                None,
                Some(1e300),
                Some(-2.5),
                Some(0.0),
            ])),
        ),
        (
            "flag",
            Arc::new(BooleanArray::from(vec![
                Some(true),
                Some(false),
                None,
                Some(true),
            ])),
        ),
        (
            "day",
            Arc::new(Date32Array::from(vec![
                Some(19723),
                None,
                Some(0),
                Some(-1),
            ])),
        ),
        (
            "dtg",
            Arc::new(
                TimestampMicrosecondArray::from(vec![
                    JAN_1 + 1,
                    JAN_1 + DAY + 5,
                    JAN_1 + 7,
                    JAN_1 + 2,
                ])
                .with_timezone("UTC"),
            ),
        ),
        (
            "payload",
            Arc::new(BinaryArray::from(vec![
                Some(&b"\x00\x01"[..]),
                None,
                Some(b""),
                Some(b"x"),
            ])),
        ),
        (
            "geom",
            Arc::new(BinaryArray::from(vec![
                Some(srid_wkb(4326, "POINT(10 10)").as_slice()),
                Some(srid_wkb(4326, "POINT(-100 -45)").as_slice()),
                None,
                Some(srid_wkb(4326, "POINT(-120 -60)").as_slice()),
            ])),
        ),
    ];
    RecordBatch::try_from_iter(columns).unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().to_str().unwrap()).unwrap();
    (dir, store)
}

fn write_and_commit(
    store: &Store,
    feature_type: &FeatureType,
    batch: &RecordBatch,
    mode: WriteMode,
) -> Result<u64, StoreError> {
    let files = store.write(
        feature_type,
        batch,
        GeomEncoding::SridWkb,
        FileOptions::default(),
    )?;
    store.commit(feature_type, mode, files)
}

/// Every row of a snapshot, each file's batches concatenated, sorted by `__fid__`.
fn read_all(store: &Store, feature: &str) -> RecordBatch {
    let snapshot = store.snapshot(feature).unwrap();
    let schema = snapshot.feature_type.file_schema();
    let mut batches = Vec::new();
    for file in &snapshot.files {
        batches.extend(
            store
                .read_file(feature, file, None, None, None, None)
                .and_then(|batches| batches.collect::<Result<Vec<_>, _>>())
                .unwrap(),
        );
    }
    let all = arrow_select::concat::concat_batches(&schema, &batches).unwrap();
    let fids = all.column_by_name("__fid__").unwrap();
    let order = arrow_ord::sort::sort_to_indices(fids, None, None).unwrap();
    arrow_select::take::take_record_batch(&all, &order).unwrap()
}

/// A batch's columns with their names, to change one and build the batch again.
fn named_columns(batch: &RecordBatch) -> Vec<(String, ArrayRef)> {
    let schema = batch.schema();
    let names = schema.fields().iter().map(|f| f.name().clone());
    names.zip(batch.columns().iter().cloned()).collect()
}

/// `batch` with a `__fid__` column of `fids` (one per row).
fn with_fids(batch: &RecordBatch, fids: &[&str]) -> RecordBatch {
    let mut columns = named_columns(batch);
    columns.push(("__fid__".into(), Arc::new(StringArray::from(fids.to_vec()))));
    RecordBatch::try_from_iter(columns).unwrap()
}

#[test]
fn every_type_round_trips_nulls_included() {
    let (_dir, store) = store();
    let feature_type = all_types();
    let input = with_fids(&all_types_batch(), &["f0", "f1", "f2", "f3"]);
    let version = write_and_commit(&store, &feature_type, &input, WriteMode::Append).unwrap();
    assert_eq!(version, 0);
    let output = read_all(&store, "events");
    assert_eq!(output.num_rows(), 4);
    for attribute in feature_type.attributes.iter().filter(|a| a.name != "geom") {
        let (expected, actual) = (
            input.column_by_name(&attribute.name).unwrap(),
            output.column_by_name(&attribute.name).unwrap(),
        );
        // NaN != NaN under ==; compare the bit patterns through their debug rendering.
        assert_eq!(
            format!("{expected:?}"),
            format!("{actual:?}"),
            "column {}",
            attribute.name
        );
    }
    let geometries = output.column_by_name("geom").unwrap().as_binary::<i32>();
    assert_eq!(geometries.value(0), wkb("POINT(10 10)"));
    assert_eq!(geometries.value(1), wkb("POINT(-100 -45)"));
    assert!(geometries.is_null(2));
    // The covering column: each row's box, null exactly where the geometry is.
    let bbox = output.column_by_name("__geom_bbox__").unwrap().as_struct();
    assert!(bbox.is_null(2) && bbox.is_valid(0));
    assert_eq!(
        bbox.column(0).as_primitive::<Float64Type>().value(1),
        -100.0
    );
    assert_eq!(bbox.column(3).as_primitive::<Float64Type>().value(1), -45.0);
}

#[test]
fn partitions_follow_the_scheme_and_rows_sort_by_curve() {
    let (dir, store) = store();
    write_and_commit(&store, &all_types(), &all_types_batch(), WriteMode::Append).unwrap();
    let snapshot = store.snapshot("events").unwrap();
    let mut partitions: Vec<&str> = snapshot
        .files
        .iter()
        .map(|f| f.partition.as_str())
        .collect();
    partitions.sort();
    // daily, then z2 with 2 bits: quadrant 0 is the south-west, 3 the north-east. The null
    // geometry has no z2 cell, so its row goes to the null partition.
    assert_eq!(
        partitions,
        ["2024/01/01/0", "2024/01/01/3", "2024/01/02/0", "null"]
    );
    for file in &snapshot.files {
        let path = dir.path().join("events").join(&file.path);
        assert!(path.exists(), "{}", path.display());
        let name = file.path.rsplit('/').next().unwrap();
        assert!(
            name.starts_with(&format!("{}_W", file.partition.rsplit('/').next().unwrap())),
            "{name}"
        );
    }
    let sw = snapshot
        .files
        .iter()
        .find(|f| f.partition == "2024/01/01/0")
        .unwrap();
    assert_eq!(sw.rows, 1);
    assert_eq!(sw.bbox, Some([-120.0, -60.0, -120.0, -60.0]));
    assert_eq!(sw.time, Some([JAN_1 + 2, JAN_1 + 2]));
}

/// The Parquet footer of a data file.
fn footer(
    dir: &std::path::Path,
    feature: &str,
    file: &strabo_store::DataFile,
) -> parquet::file::metadata::ParquetMetaData {
    let bytes = std::fs::read(dir.join(feature).join(&file.path)).unwrap();
    SerializedFileReader::new(bytes::Bytes::from(bytes))
        .unwrap()
        .metadata()
        .clone()
}

#[test]
fn files_are_geoparquet_every_reader_prunes_with() {
    let (dir, store) = store();
    write_and_commit(&store, &all_types(), &all_types_batch(), WriteMode::Append).unwrap();
    let snapshot = store.snapshot("events").unwrap();
    let file = snapshot
        .files
        .iter()
        .find(|f| f.partition == "2024/01/01/0")
        .unwrap();
    let footer = footer(dir.path(), "events", file);
    let schema = footer.file_metadata().schema_descr();
    let geom = (0..schema.num_columns())
        .find(|&i| schema.column(i).path().string() == "geom")
        .unwrap();
    // The GEOMETRY logical type, CRS omitted for lon/lat.
    match schema.column(geom).logical_type_ref() {
        Some(LogicalType::Geometry(geometry)) => assert_eq!(geometry.crs, None),
        other => panic!("geom has logical type {other:?}"),
    }
    // Every column in the type-defined order: the float statistics parquet-java and pyarrow read.
    let orders = footer
        .file_metadata()
        .column_orders()
        .expect("column orders");
    assert!(
        orders
            .iter()
            .all(|o| matches!(o, ColumnOrder::TYPE_DEFINED_ORDER(_))),
        "{orders:?}"
    );
    let xmin = (0..schema.num_columns())
        .find(|&i| schema.column(i).path().string() == "__geom_bbox__.xmin")
        .unwrap();
    assert_eq!(
        orders[xmin],
        ColumnOrder::TYPE_DEFINED_ORDER(SortOrder::SIGNED)
    );
    let chunk = footer.row_group(0).column(xmin);
    assert!(
        matches!(chunk.compression(), Compression::ZSTD(_)),
        "{:?}",
        chunk.compression()
    );
    let stats = chunk.statistics().expect("covering statistics");
    assert_eq!(stats.min_bytes_opt(), Some(&(-120.0f64).to_le_bytes()[..]));
    // GeoParquet 1.1 metadata with the covering, and GeoMesa's keys.
    let kv = footer.file_metadata().key_value_metadata().unwrap();
    let value = |key: &str| {
        kv.iter()
            .find(|k| k.key == key)
            .and_then(|k| k.value.clone())
            .unwrap_or_else(|| panic!("no {key}"))
    };
    let geo: serde_json::Value = serde_json::from_str(&value("geo")).unwrap();
    assert_eq!(geo["version"], "1.1.0");
    assert_eq!(geo["primary_column"], "geom");
    assert_eq!(geo["columns"]["geom"]["encoding"], "WKB");
    assert_eq!(
        geo["columns"]["geom"]["geometry_types"],
        serde_json::json!(["Point"])
    );
    assert_eq!(
        geo["columns"]["geom"]["bbox"],
        serde_json::json!([-120.0, -60.0, -120.0, -60.0])
    );
    assert_eq!(
        geo["columns"]["geom"]["covering"]["bbox"]["xmin"],
        serde_json::json!(["__geom_bbox__", "xmin"])
    );
    assert_eq!(value("geomesa.fs.sft.name"), "events");
    assert_eq!(value("geomesa.parquet.geometries"), "GeoParquetWkb");
    // GeoMesa's own spec parser takes the spec.
    let spec = strabo_geomesa::FeatureTypeSpec::parse(&value("geomesa.fs.sft.spec")).unwrap();
    assert_eq!(spec.attributes.len(), 10);
}

#[test]
fn small_row_groups_have_their_own_boxes() {
    let (dir, store) = store();
    let mut feature_type = all_types();
    feature_type.scheme = "flat".into();
    let files = store
        .write(
            &feature_type,
            &all_types_batch(),
            GeomEncoding::SridWkb,
            FileOptions {
                row_group_rows: 1,
                ..FileOptions::default()
            },
        )
        .unwrap();
    store
        .commit(&feature_type, WriteMode::Append, files)
        .unwrap();
    let snapshot = store.snapshot("events").unwrap();
    assert_eq!(snapshot.files.len(), 1);
    assert_eq!(snapshot.files[0].path.len(), "W.parquet".len() + 32);
    let footer = footer(dir.path(), "events", &snapshot.files[0]);
    assert_eq!(footer.num_row_groups(), 4);
    // Z3 order within one weekly bin (the flat scheme's): the null geometry first, then
    // south-west to north-east, d (-120 -60), b (-100 -45, a null name), a (10 10).
    let read = store
        .read_file(
            "events",
            &snapshot.files[0],
            Some(&["name"]),
            None,
            None,
            None,
        )
        .and_then(|batches| batches.collect::<Result<Vec<_>, _>>())
        .unwrap();
    let names: Vec<Option<&str>> = read
        .iter()
        .flat_map(|b| b.column(0).as_string::<i32>().iter().collect::<Vec<_>>())
        .collect();
    assert_eq!(names, [Some("c"), Some("d"), None, Some("a")]);
    // A selection of row groups and a limit.
    let one = store
        .read_file(
            "events",
            &snapshot.files[0],
            Some(&["name", "geom"]),
            Some(vec![3]),
            None,
            None,
        )
        .and_then(|batches| batches.collect::<Result<Vec<_>, _>>())
        .unwrap();
    assert_eq!(one.iter().map(RecordBatch::num_rows).sum::<usize>(), 1);
    assert_eq!(one[0].num_columns(), 2);
    let limited = store
        .read_file("events", &snapshot.files[0], None, None, Some(2), None)
        .and_then(|batches| batches.collect::<Result<Vec<_>, _>>())
        .unwrap();
    assert_eq!(limited.iter().map(RecordBatch::num_rows).sum::<usize>(), 2);
}

#[test]
fn an_incompatible_write_is_refused_and_changes_nothing() {
    let (dir, store) = store();
    let feature_type = all_types();
    write_and_commit(&store, &feature_type, &all_types_batch(), WriteMode::Append).unwrap();
    let before = store.snapshot("events").unwrap();
    let files_before = count_files(dir.path());
    let mut other = all_types();
    other.attributes[1].kind = AttributeKind::Long;
    let batch = all_types_batch();
    let mut columns = named_columns(&batch);
    columns[1].1 = Arc::new(Int64Array::from(vec![1, 2, 3, 4]));
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let error = write_and_commit(&store, &other, &batch, WriteMode::Append)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("count int")
            && error.contains("count long")
            && error.contains("nothing was written"),
        "{error}"
    );
    assert_eq!(store.snapshot("events").unwrap(), before);
    assert_eq!(
        count_files(dir.path()),
        files_before,
        "the refused write's files are deleted"
    );
}

#[test]
fn bad_rows_fail_the_write_before_any_file_is_written() {
    let (dir, store) = store();
    let feature_type = all_types();
    let batch = all_types_batch();
    let replace_geom = |values: Vec<Option<Vec<u8>>>| {
        let mut columns = named_columns(&batch);
        columns[9].1 = Arc::new(BinaryArray::from(
            values.iter().map(|v| v.as_deref()).collect::<Vec<_>>(),
        ));
        RecordBatch::try_from_iter(columns).unwrap()
    };
    let good = Some(srid_wkb(4326, "POINT(1 1)"));
    let cases = [
        (Some(vec![0xE6, 0x10, 0, 0, 1, 1, 0, 0]), "invalid WKB"),
        (
            Some(srid_wkb(3857, "POINT(1 1)")),
            "SRID 3857, but the column's SRID is 4326",
        ),
        (
            Some(srid_wkb(4326, "LINESTRING(0 0,1 1)")),
            "holds points only, but row 3 is not a point",
        ),
        (Some(vec![1, 2]), "shorter than its SRID"),
    ];
    for (bad, message) in cases {
        let batch = replace_geom(vec![good.clone(), good.clone(), good.clone(), bad]);
        let error = store
            .write(
                &feature_type,
                &batch,
                GeomEncoding::SridWkb,
                FileOptions::default(),
            )
            .unwrap_err()
            .to_string();
        assert!(error.contains(message), "{error}");
        assert!(error.contains("row 3"), "{error}");
    }
    assert_eq!(count_files(dir.path()), 0);
    assert!(matches!(
        store.snapshot("events"),
        Err(StoreError::NoSuchFeature(..))
    ));
}

#[test]
fn overwrite_replaces_the_snapshot_and_appends_add_to_it() {
    let (_dir, store) = store();
    let feature_type = all_types();
    write_and_commit(&store, &feature_type, &all_types_batch(), WriteMode::Append).unwrap();
    write_and_commit(&store, &feature_type, &all_types_batch(), WriteMode::Append).unwrap();
    assert_eq!(store.snapshot("events").unwrap().rows(), 8);
    let one_row = all_types_batch().slice(0, 1);
    let read = Some(store.snapshot("events").unwrap().version);
    assert_eq!(
        write_and_commit(
            &store,
            &feature_type,
            &one_row,
            WriteMode::Overwrite { read }
        )
        .unwrap(),
        2
    );
    let snapshot = store.snapshot("events").unwrap();
    assert_eq!(
        (snapshot.version, snapshot.rows(), snapshot.files.len()),
        (2, 1, 1)
    );
    assert_eq!(store.feature_types().unwrap(), ["events"]);
}

/// Snapshots are cached per store URI and feature type; a reader on another `Store` (another
/// executor, another job) sees every later commit, and a deleted and rewritten feature type is
/// never served from the cache.
#[test]
fn snapshots_follow_commits_made_elsewhere() {
    let (dir, store) = store();
    let other = Store::open(dir.path().to_str().unwrap()).unwrap();
    let feature_type = all_types();
    write_and_commit(&store, &feature_type, &all_types_batch(), WriteMode::Append).unwrap();
    assert_eq!(other.snapshot("events").unwrap().rows(), 4);
    write_and_commit(&store, &feature_type, &all_types_batch(), WriteMode::Append).unwrap();
    let later = other.snapshot("events").unwrap();
    assert_eq!((later.version, later.rows()), (1, 8));
    // Replayed on top of the cached version, and the same as a replay from the start.
    let replayed = strabo_store::Snapshot::replay(
        "events",
        (0..=1).map(|v| {
            let entry = dir
                .path()
                .join("events/_strabo_log")
                .join(strabo_store::log::entry_name(v));
            serde_json::from_slice(&std::fs::read(entry).unwrap()).unwrap()
        }),
    )
    .unwrap();
    assert_eq!(later, replayed);
    store.delete_feature_type("events").unwrap();
    assert!(matches!(
        other.snapshot("events"),
        Err(StoreError::NoSuchFeature(..))
    ));
    let one_row = all_types_batch().slice(0, 1);
    write_and_commit(&store, &feature_type, &one_row, WriteMode::Append).unwrap();
    write_and_commit(&store, &feature_type, &one_row, WriteMode::Append).unwrap();
    // Versions 0 and 1, the drop at 2, then the feature type created anew at 3.
    let rewritten = other.snapshot("events").unwrap();
    assert_eq!((rewritten.version, rewritten.rows()), (4, 2));
}

/// Every tenth commit leaves a checkpoint of the snapshot beside the log entries; a reader
/// with nothing cached starts from the newest checkpoint it can read and replays only the
/// entries after it.
#[test]
fn a_reader_starts_from_the_newest_readable_checkpoint() {
    let (dir, store) = store();
    let feature_type = all_types();
    let one_row = all_types_batch().slice(0, 1);
    for _ in 0..25 {
        write_and_commit(&store, &feature_type, &one_row, WriteMode::Append).unwrap();
    }
    let log = dir.path().join("events/_strabo_log");
    let mut checkpoints: Vec<String> = std::fs::read_dir(&log)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".checkpoint.json"))
        .collect();
    checkpoints.sort();
    assert_eq!(
        checkpoints,
        [log::checkpoint_name(10), log::checkpoint_name(20)]
    );
    let expected = store.snapshot("events").unwrap();
    assert_eq!((expected.version, expected.rows()), (24, 25));
    // Spelled differently, the store has no cached snapshot: each of these reads afresh.
    let fresh = |slashes: usize| {
        let uri = format!("{}{}", dir.path().display(), "/".repeat(slashes));
        Store::open(&uri).unwrap()
    };
    assert_eq!(fresh(1).snapshot("events").unwrap(), expected);
    // Without entries 0 to 10 and with checkpoint 20 unreadable, checkpoint 10 and entries 11
    // to 24 still give the snapshot.
    for version in 0..=10 {
        std::fs::remove_file(log.join(log::entry_name(version))).unwrap();
    }
    std::fs::write(
        log.join(log::checkpoint_name(20)),
        b"{\"version\": 20, \"feat",
    )
    .unwrap();
    assert_eq!(fresh(2).snapshot("events").unwrap(), expected);
    // Without checkpoint 10 as well, the entries alone no longer make a log.
    std::fs::remove_file(log.join(log::checkpoint_name(10))).unwrap();
    let error = fresh(3).snapshot("events").unwrap_err();
    assert!(matches!(error, StoreError::Corrupt(_)), "{error}");
}

/// A task's writer writes one file per partition however many batches it takes, each sorted
/// by curve key across batches; past its byte budget it writes partitions early.
#[test]
fn a_task_writes_one_file_per_partition() {
    let (dir, store) = store();
    let mut feature_type = all_types();
    feature_type.scheme = "z2-2bits".into();
    let batch = all_types_batch();
    let job = strabo_store::new_job_id();
    let write = |options: FileOptions| {
        let mut writer =
            TaskWriter::new(feature_type.clone(), GeomEncoding::SridWkb, options, &job).unwrap();
        for _ in 0..5 {
            writer.write(&store, &batch).unwrap();
        }
        writer.finish(&store).unwrap()
    };
    let files = write(FileOptions::default());
    let partitions: std::collections::BTreeSet<String> =
        files.iter().map(|f| f.partition.clone()).collect();
    assert_eq!(files.len(), partitions.len(), "{files:?}");
    assert_eq!(files.iter().map(|f| f.rows).sum::<u64>(), 20);
    store
        .commit(&feature_type, WriteMode::Append, files)
        .unwrap();
    // Ids are unique across batches.
    let all = read_all(&store, "events");
    let fids = all.column_by_name("__fid__").unwrap().as_string::<i32>();
    let unique: std::collections::BTreeSet<&str> = fids.iter().flatten().collect();
    assert_eq!(unique.len(), 20);
    // A budget of one byte writes every batch's partitions at once.
    let small = write(FileOptions {
        buffer_bytes: 1,
        ..FileOptions::default()
    });
    assert_eq!(small.len(), 5 * partitions.len());
    // Aborting the job deletes its files that no commit lists, and only those.
    let snapshot = store.snapshot("events").unwrap();
    store.discard_job("events", &job).unwrap();
    // The data files, the one log entry and the job's abort mark.
    let kept = snapshot.files.len() + 2;
    assert_eq!(count_files(&dir.path().join("events")), kept);
    assert_eq!(read_all(&store, "events").num_rows(), 20);
    // A task of the aborted job that finishes after the driver listed the job's files deletes
    // its own and fails.
    let mut late = TaskWriter::new(
        feature_type.clone(),
        GeomEncoding::SridWkb,
        FileOptions {
            buffer_bytes: 1,
            ..FileOptions::default()
        },
        &job,
    )
    .unwrap();
    late.write(&store, &batch).unwrap();
    assert!(count_files(&dir.path().join("events")) > kept);
    let error = late.finish(&store).unwrap_err();
    assert!(
        matches!(error, StoreError::JobAborted(ref j) if *j == job),
        "{error}"
    );
    assert_eq!(count_files(&dir.path().join("events")), kept);
    assert_eq!(read_all(&store, "events").num_rows(), 20);
    assert!(store.discard_job("events", "../../etc").is_err());
}

#[test]
fn compaction_rewrites_each_partition_as_one_file_and_keeps_every_row() {
    let (_dir, store) = store();
    let feature_type = all_types();
    for _ in 0..3 {
        write_and_commit(&store, &feature_type, &all_types_batch(), WriteMode::Append).unwrap();
    }
    let before = store.snapshot("events").unwrap();
    let rows = read_all(&store, "events");
    let partitions: std::collections::BTreeSet<String> =
        before.files.iter().map(|f| f.partition.clone()).collect();
    assert!(before.files.len() > partitions.len());
    assert_eq!(store.compact("events").unwrap(), Some(before.version + 1));
    let after = store.snapshot("events").unwrap();
    assert_eq!(after.files.len(), partitions.len());
    assert_eq!(
        after
            .files
            .iter()
            .map(|f| f.partition.clone())
            .collect::<std::collections::BTreeSet<_>>(),
        partitions
    );
    assert_eq!(read_all(&store, "events"), rows);
    // Nothing left to compact.
    assert_eq!(store.compact("events").unwrap(), None);
    assert!(matches!(
        store.compact("nope"),
        Err(StoreError::NoSuchFeature(..))
    ));
}

/// `writers` threads, each with a `Store` of its own, each appending `rows` rows `commits`
/// times; each thread returns the versions it committed.
fn appenders(
    root: &str,
    writers: usize,
    commits: usize,
    rows: usize,
) -> Vec<std::thread::JoinHandle<Vec<u64>>> {
    (0..writers)
        .map(|_| {
            let root = root.to_owned();
            std::thread::spawn(move || {
                let store = Store::open(&root).unwrap();
                (0..commits)
                    .map(|_| {
                        let batch = all_types_batch().slice(0, rows);
                        write_and_commit(&store, &all_types(), &batch, WriteMode::Append).unwrap()
                    })
                    .collect()
            })
        })
        .collect()
}

#[test]
fn concurrent_writers_lose_nothing() {
    let (dir, _) = store();
    let root = dir.path().to_str().unwrap().to_owned();
    let feature_type = all_types();
    // Create the feature type first, so every writer appends.
    write_and_commit(
        &Store::open(&root).unwrap(),
        &feature_type,
        &all_types_batch(),
        WriteMode::Append,
    )
    .unwrap();
    let writers = appenders(&root, 4, 5, 4);
    let mut versions: Vec<u64> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    versions.sort();
    assert_eq!(
        versions,
        (1..=20).collect::<Vec<_>>(),
        "each commit got its own version"
    );
    let store = Store::open(&root).unwrap();
    let snapshot = store.snapshot("events").unwrap();
    assert_eq!(snapshot.rows(), 21 * 4);
    assert_eq!(read_all(&store, "events").num_rows(), 21 * 4);
}

#[test]
fn a_store_opens_from_a_file_uri_and_lists_nothing_when_new() {
    let dir = tempfile::tempdir().unwrap();
    let uri = format!("file://{}/nested/store", dir.path().display());
    let store = Store::open(&uri).unwrap();
    assert!(store.feature_types().unwrap().is_empty());
    assert!(matches!(
        store.snapshot("events"),
        Err(StoreError::NoSuchFeature(..))
    ));
    assert!(
        !dir.path().join("nested").exists(),
        "opening and reading a store creates nothing"
    );
    write_and_commit(&store, &all_types(), &all_types_batch(), WriteMode::Append).unwrap();
    assert!(dir
        .path()
        .join("nested/store/events/_strabo_log/00000000000000000000.json")
        .exists());
    let by_path = Store::open(dir.path().join("nested/store").to_str().unwrap()).unwrap();
    assert_eq!(by_path.snapshot("events").unwrap().rows(), 4);
    let roundabout = dir.path().join("nested/./other/../store");
    let by_roundabout_path = Store::open(roundabout.to_str().unwrap()).unwrap();
    assert_eq!(by_roundabout_path.snapshot("events").unwrap().rows(), 4);
}

fn count_files(dir: &std::path::Path) -> usize {
    fn walk(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir).map_or(0, |entries| {
            entries
                .flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        walk(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
    }
    walk(dir)
}

// The commit protocol under concurrency and lost replies.

/// Commits files written earlier: a job whose tasks finished while other commits landed.
fn write_files(store: &Store, batch: &RecordBatch) -> Vec<log::DataFile> {
    store
        .write(
            &all_types(),
            batch,
            GeomEncoding::SridWkb,
            FileOptions::default(),
        )
        .unwrap()
}

fn paths(files: &[log::DataFile]) -> std::collections::BTreeSet<String> {
    files.iter().map(|f| f.path.clone()).collect()
}

#[test]
fn an_overwrite_replaces_what_it_read_and_keeps_what_others_appended_since() {
    let (_dir, store) = store();
    let feature_type = all_types();
    write_and_commit(&store, &feature_type, &all_types_batch(), WriteMode::Append).unwrap();
    let read = store.snapshot("events").unwrap();
    // The overwrite job writes its one row; meanwhile another job appends.
    let overwrite = write_files(&store, &all_types_batch().slice(0, 1));
    let appended = write_files(&store, &all_types_batch().slice(1, 2));
    store
        .commit(&feature_type, WriteMode::Append, appended.clone())
        .unwrap();
    let version = store
        .commit(
            &feature_type,
            WriteMode::Overwrite {
                read: Some(read.version),
            },
            overwrite.clone(),
        )
        .unwrap();
    let after = store.snapshot("events").unwrap();
    assert_eq!(after.version, version);
    let mut expected = paths(&overwrite);
    expected.extend(paths(&appended));
    assert_eq!(paths(&after.files), expected, "the append survives");
    assert_eq!(after.rows(), 3);
    // An overwrite of a feature type that did not exist when it began replaces nothing.
    let late = write_files(&store, &all_types_batch().slice(0, 1));
    store
        .commit(&feature_type, WriteMode::Overwrite { read: None }, late)
        .unwrap();
    assert_eq!(store.snapshot("events").unwrap().rows(), 4);
}

#[test]
fn an_overwrite_fails_when_a_commit_since_replaced_its_files() {
    let (dir, store) = store();
    let feature_type = all_types();
    write_and_commit(&store, &feature_type, &all_types_batch(), WriteMode::Append).unwrap();
    let read = Some(store.snapshot("events").unwrap().version);
    let first = write_files(&store, &all_types_batch().slice(0, 1));
    let second = write_files(&store, &all_types_batch().slice(1, 1));
    store
        .commit(&feature_type, WriteMode::Overwrite { read }, first.clone())
        .unwrap();
    let before = store.snapshot("events").unwrap();
    let error = store
        .commit(&feature_type, WriteMode::Overwrite { read }, second.clone())
        .unwrap_err();
    assert!(matches!(error, StoreError::Replaced { .. }), "{error}");
    let message = error.to_string();
    assert!(
        message.contains("the overwrite read version 0")
            && message.contains("removed files it replaces"),
        "{message}"
    );
    assert_eq!(
        store.snapshot("events").unwrap(),
        before,
        "nothing committed"
    );
    let feature_dir = dir.path().join("events");
    assert!(
        !feature_dir.join(&second[0].path).exists(),
        "the refused job's file is deleted"
    );
    assert!(feature_dir.join(&first[0].path).exists());
}

/// An object store that loses the reply to the next `armed` log entry puts: the put lands,
/// then the caller sees an error, as after a 5xx on the way back, or the `AlreadyExists` that
/// follows when the client retries a conditional put that had landed. `Unsent` fails the put
/// before it reaches the store.
#[derive(Debug)]
struct LostReplies {
    inner: Arc<dyn object_store::ObjectStore>,
    fault: Fault,
    armed: std::sync::atomic::AtomicUsize,
    /// How many multipart uploads were begun.
    multipart_uploads: std::sync::atomic::AtomicUsize,
    /// Reads begun (GETs, ranges included).
    gets: std::sync::atomic::AtomicUsize,
    /// Reads under way, and the most there were at once.
    reads: std::sync::atomic::AtomicUsize,
    most_reads: std::sync::atomic::AtomicUsize,
    /// Objects returned by listings.
    listed: Arc<std::sync::atomic::AtomicUsize>,
}

#[derive(Debug, Clone, Copy)]
enum Fault {
    /// The `armed` next puts of log entries land, and their replies are lost.
    LostAfterLanding,
    /// ... land, and come back `AlreadyExists` (a retried put).
    AlreadyExistsAfterLanding,
    /// ... never reach the storage.
    Unsent,
    /// Every put overwrites, conditional or not (a storage that ignores `If-None-Match`).
    IgnoresCreate,
    /// A conditional put is not implemented.
    NoCreate,
    /// Every read waits 20 ms before it starts, as over a network.
    SlowReads,
    /// None.
    Faithful,
}

impl std::fmt::Display for LostReplies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LostReplies({})", self.inner)
    }
}

#[async_trait::async_trait]
impl object_store::ObjectStore for LostReplies {
    async fn put_opts(
        &self,
        location: &object_store::path::Path,
        payload: object_store::PutPayload,
        opts: object_store::PutOptions,
    ) -> object_store::Result<object_store::PutResult> {
        use std::sync::atomic::Ordering;
        match self.fault {
            Fault::IgnoresCreate => {
                let opts = object_store::PutOptions {
                    mode: object_store::PutMode::Overwrite,
                    ..opts
                };
                return self.inner.put_opts(location, payload, opts).await;
            }
            Fault::NoCreate if matches!(opts.mode, object_store::PutMode::Create) => {
                return Err(object_store::Error::NotImplemented {
                    operation: "put_opts with PutMode::Create".into(),
                    implementer: "test".into(),
                });
            }
            _ => {}
        }
        let entry = location.as_ref().contains("/_strabo_log/")
            && log::version_of(location.filename().unwrap_or_default()).is_some();
        let armed = entry
            && self
                .armed
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok();
        if !armed {
            return self.inner.put_opts(location, payload, opts).await;
        }
        let lost = || object_store::Error::Generic {
            store: "test",
            source: "connection reset by peer".into(),
        };
        match self.fault {
            Fault::IgnoresCreate | Fault::NoCreate | Fault::SlowReads | Fault::Faithful => {
                unreachable!("never armed")
            }
            Fault::Unsent => Err(lost()),
            Fault::LostAfterLanding => {
                self.inner.put_opts(location, payload, opts).await?;
                Err(lost())
            }
            Fault::AlreadyExistsAfterLanding => {
                self.inner.put_opts(location, payload, opts).await?;
                Err(object_store::Error::AlreadyExists {
                    path: location.to_string(),
                    source: "412 Precondition Failed on a retried put".into(),
                })
            }
        }
    }

    async fn put_multipart_opts(
        &self,
        location: &object_store::path::Path,
        opts: object_store::PutMultipartOptions,
    ) -> object_store::Result<Box<dyn object_store::MultipartUpload>> {
        self.multipart_uploads
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.inner.put_multipart_opts(location, opts).await
    }

    async fn get_opts(
        &self,
        location: &object_store::path::Path,
        options: object_store::GetOptions,
    ) -> object_store::Result<object_store::GetResult> {
        use std::sync::atomic::Ordering;
        self.gets.fetch_add(1, Ordering::SeqCst);
        let now = self.reads.fetch_add(1, Ordering::SeqCst) + 1;
        self.most_reads.fetch_max(now, Ordering::SeqCst);
        if matches!(self.fault, Fault::SlowReads) {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let result = self.inner.get_opts(location, options).await;
        self.reads.fetch_sub(1, Ordering::SeqCst);
        result
    }

    fn delete_stream(
        &self,
        locations: futures::stream::BoxStream<
            'static,
            object_store::Result<object_store::path::Path>,
        >,
    ) -> futures::stream::BoxStream<'static, object_store::Result<object_store::path::Path>> {
        self.inner.delete_stream(locations)
    }

    fn list(
        &self,
        prefix: Option<&object_store::path::Path>,
    ) -> futures::stream::BoxStream<'static, object_store::Result<object_store::ObjectMeta>> {
        self.counted(self.inner.list(prefix))
    }

    fn list_with_offset(
        &self,
        prefix: Option<&object_store::path::Path>,
        offset: &object_store::path::Path,
    ) -> futures::stream::BoxStream<'static, object_store::Result<object_store::ObjectMeta>> {
        self.counted(self.inner.list_with_offset(prefix, offset))
    }

    async fn list_with_delimiter(
        &self,
        prefix: Option<&object_store::path::Path>,
    ) -> object_store::Result<object_store::ListResult> {
        self.inner.list_with_delimiter(prefix).await
    }

    async fn copy_opts(
        &self,
        from: &object_store::path::Path,
        to: &object_store::path::Path,
        options: object_store::CopyOptions,
    ) -> object_store::Result<()> {
        self.inner.copy_opts(from, to, options).await
    }
}

impl LostReplies {
    /// A listing whose objects are counted in `listed`.
    fn counted(
        &self,
        listing: futures::stream::BoxStream<
            'static,
            object_store::Result<object_store::ObjectMeta>,
        >,
    ) -> futures::stream::BoxStream<'static, object_store::Result<object_store::ObjectMeta>> {
        use futures::StreamExt;
        let listed = self.listed.clone();
        listing
            .inspect(move |_| {
                listed.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            })
            .boxed()
    }
}

fn faulty_store(dir: &std::path::Path, fault: Fault, armed: usize) -> Store {
    faulty_objects(dir, fault, armed).1
}

/// A store on `dir` through [`LostReplies`], and the wrapper, whose counts tests read.
fn faulty_objects(dir: &std::path::Path, fault: Fault, armed: usize) -> (Arc<LostReplies>, Store) {
    let local = object_store::local::LocalFileSystem::new_with_prefix(dir).unwrap();
    let objects = Arc::new(LostReplies {
        inner: Arc::new(local),
        fault,
        armed: armed.into(),
        multipart_uploads: 0.into(),
        gets: 0.into(),
        reads: 0.into(),
        most_reads: 0.into(),
        listed: Default::default(),
    });
    let store = Store::with_object_store(objects.clone(), &format!("lost-replies:{fault:?}"));
    (objects, store)
}

fn log_entries(dir: &std::path::Path) -> Vec<log::Commit> {
    let mut entries: Vec<(u64, log::Commit)> = std::fs::read_dir(dir.join("events/_strabo_log"))
        .unwrap()
        .flatten()
        .filter_map(|e| {
            let version = log::version_of(e.file_name().to_str()?)?;
            Some((
                version,
                serde_json::from_slice(&std::fs::read(e.path()).ok()?).ok()?,
            ))
        })
        .collect();
    entries.sort_by_key(|(v, _)| *v);
    entries.into_iter().map(|(_, c)| c).collect()
}

#[test]
fn a_commit_whose_reply_is_lost_lands_exactly_once() {
    let feature_type = all_types();
    for fault in [Fault::LostAfterLanding, Fault::AlreadyExistsAfterLanding] {
        let dir = tempfile::tempdir().unwrap();
        // The creating commit and the append after it both lose their replies.
        let store = faulty_store(dir.path(), fault, 2);
        for expected in [0, 1] {
            let version =
                write_and_commit(&store, &feature_type, &all_types_batch(), WriteMode::Append)
                    .unwrap_or_else(|e| panic!("{fault:?}: {e}"));
            assert_eq!(version, expected, "{fault:?}");
        }
        let entries = log_entries(dir.path());
        assert_eq!(entries.len(), 2, "{fault:?}: one entry per commit");
        let txns: std::collections::BTreeSet<_> =
            entries.iter().map(|e| e.txn.clone().unwrap()).collect();
        assert_eq!(
            txns.len(),
            2,
            "{fault:?}: each entry has its own transaction id"
        );
        assert_eq!(store.snapshot("events").unwrap().rows(), 8, "{fault:?}");
    }
}

#[test]
fn a_commit_that_never_reached_the_store_fails_and_keeps_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let feature_type = all_types();
    let store = faulty_store(dir.path(), Fault::Unsent, 1);
    let files = write_files(&store, &all_types_batch());
    let error = store
        .commit(&feature_type, WriteMode::Append, files.clone())
        .unwrap_err();
    assert!(
        error.to_string().contains("connection reset by peer"),
        "{error}"
    );
    assert!(matches!(
        store.snapshot("events"),
        Err(StoreError::NoSuchFeature(..))
    ));
    // The outcome was not known for sure, so the files stay for a retry or a vacuum.
    assert!(dir.path().join("events").join(&files[0].path).exists());
    // The same files commit once the store answers again.
    assert_eq!(
        store
            .commit(&feature_type, WriteMode::Append, files)
            .unwrap(),
        0
    );
    assert_eq!(store.snapshot("events").unwrap().rows(), 4);
}

#[test]
fn a_commit_lists_only_files_that_are_in_the_store() {
    let (dir, store) = store();
    let feature_type = all_types();
    write_and_commit(&store, &feature_type, &all_types_batch(), WriteMode::Append).unwrap();
    let before = store.snapshot("events").unwrap();
    let feature_dir = dir.path().join("events");
    // A file that is not there: what a task that wrote to its executor's own disk leaves.
    let gone = write_files(&store, &all_types_batch());
    std::fs::remove_file(feature_dir.join(&gone[0].path)).unwrap();
    let error = store
        .commit(&feature_type, WriteMode::Append, gone.clone())
        .unwrap_err();
    let message = error.to_string();
    assert!(
        matches!(error, StoreError::MissingFile { .. })
            && message.contains(&gone[0].path)
            && message.contains("does not exist")
            && message.contains("executor's own disk"),
        "{message}"
    );
    // A file cut short.
    let short = write_files(&store, &all_types_batch());
    let path = feature_dir.join(&short[0].path);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let message = store
        .commit(&feature_type, WriteMode::Append, short.clone())
        .unwrap_err()
        .to_string();
    assert!(
        message.contains(&format!(
            "has {} bytes, not the {} written",
            bytes.len() / 2,
            bytes.len()
        )),
        "{message}"
    );
    assert_eq!(
        store.snapshot("events").unwrap(),
        before,
        "nothing committed"
    );
    assert!(!path.exists(), "the refused files are deleted");
}

#[test]
fn dropping_a_feature_type_is_a_commit() {
    let (dir, store) = store();
    let feature_type = all_types();
    write_and_commit(&store, &feature_type, &all_types_batch(), WriteMode::Append).unwrap();
    let dropped_files = store.snapshot("events").unwrap().files;
    // A job that began before the drop and commits after it.
    let late = write_files(&store, &all_types_batch().slice(0, 1));
    store.delete_feature_type("events").unwrap();
    assert!(store.feature_types().unwrap().is_empty());
    assert!(matches!(
        store.snapshot("events"),
        Err(StoreError::NoSuchFeature(..))
    ));
    assert!(matches!(
        store.delete_feature_type("events"),
        Err(StoreError::NoSuchFeature(..))
    ));
    let feature_dir = dir.path().join("events");
    assert!(dropped_files
        .iter()
        .all(|f| !feature_dir.join(&f.path).exists()));
    let entries = log_entries(dir.path());
    let drop = entries.last().unwrap();
    assert_eq!((drop.version, drop.operation), (1, log::Operation::Drop));
    assert_eq!(drop.remove.len(), dropped_files.len());
    // The late job's commit creates the feature type anew, with its rows only.
    assert_eq!(
        store
            .commit(&feature_type, WriteMode::Append, late.clone())
            .unwrap(),
        2
    );
    let recreated = store.snapshot("events").unwrap();
    assert_eq!(paths(&recreated.files), paths(&late));
    assert_eq!(log_entries(dir.path())[2].operation, log::Operation::Create);
    assert_eq!(store.feature_types().unwrap(), ["events"]);
    // An overwrite that read the feature type before the drop finds its files gone.
    let read = Some(0);
    let error = write_and_commit(
        &store,
        &feature_type,
        &all_types_batch(),
        WriteMode::Overwrite { read },
    )
    .unwrap_err();
    assert!(matches!(error, StoreError::Replaced { .. }), "{error}");
}

#[test]
fn appends_racing_a_drop_land_before_it_or_create_the_feature_type_anew() {
    let (dir, _) = store();
    let root = dir.path().to_str().unwrap().to_owned();
    let feature_type = all_types();
    let store = Store::open(&root).unwrap();
    write_and_commit(&store, &feature_type, &all_types_batch(), WriteMode::Append).unwrap();
    let writers = appenders(&root, 3, 4, 1);
    let dropper = {
        let root = root.clone();
        std::thread::spawn(move || Store::open(&root).unwrap().delete_feature_type("events"))
    };
    let mut versions: Vec<u64> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    dropper.join().unwrap().unwrap();
    let entries = log_entries(dir.path());
    let drop = entries
        .iter()
        .position(|e| e.operation == log::Operation::Drop)
        .unwrap() as u64;
    versions.sort();
    assert!(!versions.contains(&drop));
    // Every append is either before the drop (and dropped with the rest) or after it (and
    // still there): none is lost to the race, none counted twice.
    let after = versions.iter().filter(|v| **v > drop).count() as u64;
    let rows = store.snapshot("events").map_or(0, |s| s.rows());
    assert_eq!(rows, after, "versions {versions:?}, drop at {drop}");
    assert_eq!(entries.len() as u64, 1 + 12 + 1);
}

#[test]
fn time_travel_reads_a_version_or_the_version_of_a_timestamp() {
    let (dir, store) = store();
    let feature_type = all_types();
    let batch = all_types_batch();
    for (mode, rows) in [
        (WriteMode::Append, 4),
        (WriteMode::Append, 2),
        (WriteMode::Append, 1),
    ] {
        write_and_commit(&store, &feature_type, &batch.slice(0, rows), mode).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let read = Some(2);
    write_and_commit(
        &store,
        &feature_type,
        &batch.slice(0, 3),
        WriteMode::Overwrite { read },
    )
    .unwrap();
    let rows_at = |version| store.snapshot_at("events", version).unwrap().rows();
    assert_eq!(
        (rows_at(0), rows_at(1), rows_at(2), rows_at(3)),
        (4, 6, 7, 3)
    );
    // The files an overwrite replaced stay readable at the versions that list them.
    let old = store.snapshot_at("events", 1).unwrap();
    let read_rows: usize = old
        .files
        .iter()
        .flat_map(|f| {
            store
                .read_file("events", f, None, None, None, None)
                .unwrap()
        })
        .map(|b| b.unwrap().num_rows())
        .sum();
    assert_eq!(read_rows, 6);
    let error = store.snapshot_at("events", 9).unwrap_err().to_string();
    assert_eq!(
        error,
        "feature type 'events' has no version 9: its latest is 3"
    );

    let stamps: Vec<i64> = log_entries(dir.path())
        .iter()
        .map(|e| e.timestamp)
        .collect();
    assert_eq!(store.version_as_of("events", stamps[1]).unwrap(), 1);
    assert_eq!(store.version_as_of("events", stamps[2] - 1).unwrap(), 1);
    assert_eq!(store.version_as_of("events", i64::MAX).unwrap(), 3);
    let error = store
        .version_as_of("events", stamps[0] - 1)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("has no version as old as")
            && error.contains("its oldest, version 0, was committed at"),
        "{error}"
    );
    assert!(matches!(
        store.version_as_of("nope", 0),
        Err(StoreError::NoSuchFeature(..))
    ));
    store.delete_feature_type("events").unwrap();
    let error = store.snapshot_at("events", 4).unwrap_err().to_string();
    assert_eq!(error, "feature type 'events' was dropped at version 4");
}

#[test]
fn vacuum_deletes_only_files_no_snapshot_within_the_retention_reads() {
    use std::time::{Duration, Instant};
    let (dir, store) = store();
    let feature_type = all_types();
    let batch = all_types_batch();
    write_and_commit(&store, &feature_type, &batch.slice(0, 2), WriteMode::Append).unwrap();
    write_and_commit(&store, &feature_type, &batch.slice(2, 2), WriteMode::Append).unwrap();
    let replaced = store.snapshot("events").unwrap().files;
    // A job killed before its commit, a file of the user's, and an aborted job's mark.
    let orphan = write_files(&store, &batch.slice(0, 1));
    let feature_dir = dir.path().join("events");
    std::fs::write(feature_dir.join("notes.txt"), "kept").unwrap();
    store
        .discard_job("events", &strabo_store::new_job_id())
        .unwrap();
    std::thread::sleep(Duration::from_millis(60));
    let between = Instant::now();
    std::thread::sleep(Duration::from_millis(60));
    let read = Some(1);
    write_and_commit(
        &store,
        &feature_type,
        &batch.slice(0, 3),
        WriteMode::Overwrite { read },
    )
    .unwrap();
    let current = store.snapshot("events").unwrap().files;

    // A day's retention: everything is younger.
    let kept = store.vacuum("events", Duration::from_secs(86_400)).unwrap();
    assert_eq!(kept, strabo_store::Vacuumed::default());
    // Back to between versions 1 and 2: version 1 was current then and still lists the
    // replaced files, which stay; the orphan and the mark are older than that, and go.
    let at_version_1 = store.vacuum("events", between.elapsed()).unwrap();
    let (marks, files): (Vec<String>, Vec<String>) = at_version_1
        .files
        .iter()
        .cloned()
        .partition(|p| p.starts_with("_strabo_aborted_jobs/"));
    assert_eq!(marks.len(), 1, "{at_version_1:?}");
    assert_eq!(
        files.into_iter().collect::<std::collections::BTreeSet<_>>(),
        paths(&orphan)
    );
    assert_eq!(store.snapshot_at("events", 1).unwrap().rows(), 4);
    assert!(replaced.iter().all(|f| feature_dir.join(&f.path).exists()));
    // No retention: the replaced files go; the rest stays.
    let all = store.vacuum("events", Duration::ZERO).unwrap();
    assert_eq!(
        all.files
            .iter()
            .cloned()
            .collect::<std::collections::BTreeSet<_>>(),
        paths(&replaced)
    );
    assert!(all.bytes > 0);
    assert!(feature_dir.join("notes.txt").exists());
    assert!(current.iter().all(|f| feature_dir.join(&f.path).exists()));
    assert_eq!(read_all(&store, "events").num_rows(), 3);
    assert_eq!(log_entries(dir.path()).len(), 3, "the log stays");
    assert!(matches!(
        store.vacuum("nope", Duration::ZERO),
        Err(StoreError::NoSuchFeature(..))
    ));
}

#[test]
fn vacuum_expires_the_log_before_the_newest_checkpoint_current_at_the_cutoff() {
    use std::time::{Duration, Instant};
    let (dir, store) = store();
    let feature_type = all_types();
    let batch = all_types_batch();
    // Versions 0..=11 (a checkpoint at 10), each appending one row.
    for _ in 0..12 {
        write_and_commit(&store, &feature_type, &batch.slice(0, 1), WriteMode::Append).unwrap();
    }
    std::thread::sleep(Duration::from_millis(60));
    let between = Instant::now();
    std::thread::sleep(Duration::from_millis(60));
    write_and_commit(&store, &feature_type, &batch.slice(0, 1), WriteMode::Append).unwrap();
    let log_dir = dir.path().join("events/_strabo_log");
    let names = || {
        let mut names: Vec<String> = std::fs::read_dir(&log_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        names().len(),
        13 + 2,
        "entries, a checkpoint and its pointer"
    );

    // A day's retention: version 12 was current, and no checkpoint is that old.
    let kept = store.vacuum("events", Duration::from_secs(86_400)).unwrap();
    assert_eq!(kept.oldest_version, 0);
    assert_eq!(log_entries(dir.path()).len(), 13);
    // Back to between versions 11 and 12: checkpoint 10 was current then.
    let expired = store.vacuum("events", between.elapsed()).unwrap();
    assert_eq!(expired.oldest_version, 10);
    assert!(expired.files.is_empty(), "appends replace nothing");
    assert_eq!(
        log_entries(dir.path())
            .iter()
            .map(|e| e.version)
            .collect::<Vec<_>>(),
        vec![10, 11, 12]
    );
    assert!(names().contains(&log::checkpoint_name(10)));
    assert_eq!(store.feature_types().unwrap(), ["events"]);
    // Without its pointer, the next vacuum writes it again.
    std::fs::remove_file(log_dir.join("_last_checkpoint")).unwrap();
    assert_eq!(store.feature_types().unwrap(), Vec::<String>::new());

    // Every version from the checkpoint on still reads (time travel replays from the listing).
    assert_eq!(store.snapshot_at("events", 10).unwrap().rows(), 11);
    assert_eq!(store.snapshot_at("events", 11).unwrap().rows(), 12);
    assert_eq!(read_all(&store, "events").num_rows(), 13);
    let error = store.snapshot_at("events", 9).unwrap_err();
    assert_eq!(
        error.to_string(),
        "feature type 'events' has no version 9 any more: a vacuum expired the log before \
         version 10, the oldest left"
    );
    let error = store.version_as_of("events", 0).unwrap_err().to_string();
    assert!(
        error.contains("its oldest left after a vacuum, version 10, was committed at"),
        "{error}"
    );
    // Writes go on from the expired log, and a second vacuum starts from its checkpoint.
    write_and_commit(&store, &feature_type, &batch.slice(0, 1), WriteMode::Append).unwrap();
    assert_eq!(store.snapshot("events").unwrap().version, 13);
    let again = store.vacuum("events", Duration::ZERO).unwrap();
    assert_eq!(again.oldest_version, 10, "no newer checkpoint");
    assert!(again.files.is_empty());
    assert_eq!(store.feature_types().unwrap(), ["events"]);
    assert_eq!(read_all(&store, "events").num_rows(), 14);
}

#[test]
fn a_storage_that_cannot_create_only_if_absent_is_refused_before_anything_is_written() {
    for fault in [Fault::IgnoresCreate, Fault::NoCreate] {
        let dir = tempfile::tempdir().unwrap();
        let store = faulty_store(dir.path(), fault, 0);
        let error = store.check_writable().unwrap_err();
        assert!(
            matches!(error, StoreError::Unsupported(_)),
            "{fault:?}: {error}"
        );
        assert!(
            error.to_string().contains("only if it is absent"),
            "{error}"
        );
        let error = store
            .commit(&all_types(), WriteMode::Append, Vec::new())
            .unwrap_err();
        assert!(
            matches!(error, StoreError::Unsupported(_)),
            "{fault:?}: {error}"
        );
        // Nothing is left: no log, and no probe.
        assert_eq!(count_files(dir.path()), 0, "{fault:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let store = faulty_store(dir.path(), Fault::Faithful, 0);
    store.check_writable().unwrap();
    assert_eq!(count_files(dir.path()), 0);
}

#[test]
fn a_large_data_file_goes_up_in_parts_and_a_small_one_in_one_put() {
    let dir = tempfile::tempdir().unwrap();
    let (objects, store) = faulty_objects(dir.path(), Fault::Faithful, 0);
    let feature_type = FeatureType {
        scheme: "flat".into(),
        ..all_types()
    };
    let small = all_types_batch();
    write_and_commit(&store, &feature_type, &small, WriteMode::Append).unwrap();
    assert_eq!(
        objects
            .multipart_uploads
            .load(std::sync::atomic::Ordering::SeqCst),
        0
    );
    // Rows of distinct random-looking values, which no encoding shrinks below 8 MiB.
    let rows = 1_500_000;
    let first_row = arrow_array::UInt32Array::from(vec![0; rows]);
    let repeated = arrow_select::take::take_record_batch(&small, &first_row).unwrap();
    let noise: arrow_array::Float64Array = (0..rows as u64)
        .map(|i| Some((i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 11) as f64))
        .collect();
    let column = repeated.schema().index_of("score").unwrap();
    let mut columns = repeated.columns().to_vec();
    columns[column] = Arc::new(noise);
    let large = RecordBatch::try_new(repeated.schema(), columns).unwrap();
    let files = store
        .write(
            &feature_type,
            &large,
            GeomEncoding::SridWkb,
            FileOptions::default(),
        )
        .unwrap();
    assert!(files.iter().any(|f| f.bytes > 8 << 20), "{files:?}");
    assert!(
        objects
            .multipart_uploads
            .load(std::sync::atomic::Ordering::SeqCst)
            >= 1
    );
    store
        .commit(&feature_type, WriteMode::Append, files)
        .unwrap();
    let back = read_all(&store, "events");
    assert_eq!(back.num_rows(), rows + small.num_rows());
}

#[test]
fn planning_reads_footers_concurrently() {
    let dir = tempfile::tempdir().unwrap();
    let (objects, store) = faulty_objects(dir.path(), Fault::SlowReads, 0);
    let feature_type = FeatureType {
        scheme: "flat".into(),
        ..all_types()
    };
    let files: Vec<_> = (0..64)
        .flat_map(|_| {
            store
                .write(
                    &feature_type,
                    &all_types_batch(),
                    GeomEncoding::SridWkb,
                    FileOptions::default(),
                )
                .unwrap()
        })
        .collect();
    store
        .commit(&feature_type, WriteMode::Append, files)
        .unwrap();
    let snapshot = store.snapshot("events").unwrap();
    objects
        .most_reads
        .store(0, std::sync::atomic::Ordering::SeqCst);
    let plan = store
        .plan(&snapshot, &strabo_filter::Filter::Include)
        .unwrap();
    assert_eq!(plan.files.len(), 64);
    let most = objects.most_reads.load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        most >= 16,
        "at most {most} footer reads were under way at once"
    );
}

#[test]
fn a_read_lists_the_log_from_the_newest_checkpoint_on() {
    let dir = tempfile::tempdir().unwrap();
    let (objects, store) = faulty_objects(dir.path(), Fault::Faithful, 0);
    for _ in 0..25 {
        write_and_commit(&store, &all_types(), &all_types_batch(), WriteMode::Append).unwrap();
    }
    let pointer = std::fs::read_to_string(dir.path().join("events/_strabo_log/_last_checkpoint"));
    assert_eq!(pointer.unwrap(), r#"{"version":20}"#);
    let listed = |read: &dyn Fn()| {
        objects.listed.store(0, std::sync::atomic::Ordering::SeqCst);
        read();
        objects.listed.load(std::sync::atomic::Ordering::SeqCst)
    };
    // Entries 20 to 24, checkpoint 20 and the pointer; not the 25 entries and 2 checkpoints.
    let latest = listed(&|| assert_eq!(store.snapshot("events").unwrap().version, 24));
    assert_eq!(latest, 7);
    // Time travel lists the whole log.
    let old = listed(&|| assert_eq!(store.snapshot_at("events", 3).unwrap().version, 3));
    assert_eq!(old, 28);
    // A pointer to a checkpoint that cannot be read falls back to the whole log.
    std::fs::remove_file(
        dir.path()
            .join(format!("events/_strabo_log/{}", log::checkpoint_name(20))),
    )
    .unwrap();
    let local = object_store::local::LocalFileSystem::new_with_prefix(dir.path()).unwrap();
    // Another URI, so that no snapshot cached by the first store serves it.
    let fresh = Store::with_object_store(Arc::new(local), "without-checkpoint-20");
    let snapshot = fresh.snapshot("events").unwrap();
    let files = store.snapshot("events").unwrap().files.len();
    assert_eq!((snapshot.version, snapshot.files.len()), (24, files));
}

/// A log of 100,000 files (100 commits of 1,000, checkpoints every 10, as writers leave them):
/// a selective read replays from the newest checkpoint and reads the footers of the files the
/// filter keeps only. Prints the time and the requests (`--nocapture`); asserts the requests.
#[test]
fn planning_a_log_of_100_000_files_reads_what_the_filter_keeps() {
    use std::sync::atomic::Ordering;
    let dir = tempfile::tempdir().unwrap();
    let (objects, store) = faulty_objects(dir.path(), Fault::Faithful, 0);
    let feature_type = all_types();
    // Real files, in January 2024 in the box below; the others are far from it.
    let real = store
        .write(
            &feature_type,
            &all_types_batch(),
            GeomEncoding::SridWkb,
            FileOptions::default(),
        )
        .unwrap();
    let log_dir = dir.path().join("events/_strabo_log");
    std::fs::create_dir_all(&log_dir).unwrap();
    let far = |i: usize| strabo_store::DataFile {
        path: format!("2000/01/01/far-{i}.parquet"),
        partition: "2000/01/01/0".into(),
        rows: 1_000,
        bytes: 100_000,
        bbox: Some([-170.0, -80.0, -169.0, -79.0]),
        time: Some([0, 1]),
        geomesa: None,
    };
    let mut snapshot: Option<strabo_store::Snapshot> = None;
    for version in 0..100u64 {
        let first = version as usize * 1_000;
        let mut add: Vec<_> = (first..first + 1_000).map(far).collect();
        if version == 99 {
            add.extend(real.iter().cloned());
        }
        let commit = log::Commit {
            version,
            timestamp: 1_700_000_000_000 + version as i64,
            operation: if version == 0 {
                log::Operation::Create
            } else {
                log::Operation::Append
            },
            txn: None,
            feature_type: (version == 0).then(|| feature_type.clone()),
            add,
            remove: Vec::new(),
        };
        std::fs::write(
            log_dir.join(log::entry_name(version)),
            serde_json::to_vec(&commit).unwrap(),
        )
        .unwrap();
        let next = strabo_store::Snapshot::replay_from("events", snapshot, [commit]).unwrap();
        if version > 0 && version % log::CHECKPOINT_INTERVAL == 0 {
            let checkpoint = log::Checkpoint::from(&next);
            std::fs::write(
                log_dir.join(log::checkpoint_name(version)),
                serde_json::to_vec(&checkpoint).unwrap(),
            )
            .unwrap();
            std::fs::write(
                log_dir.join("_last_checkpoint"),
                format!(r#"{{"version":{version}}}"#),
            )
            .unwrap();
        }
        snapshot = Some(next);
    }

    objects.gets.store(0, Ordering::SeqCst);
    objects.listed.store(0, Ordering::SeqCst);
    let started = std::time::Instant::now();
    let snapshot = store.snapshot("events").unwrap();
    let replayed = started.elapsed();
    let filter = strabo_filter::Filter::from_ecql("BBOX(geom, -130, -70, 20, 20)").unwrap();
    let plan = store.plan(&snapshot, &filter).unwrap();
    let planned = started.elapsed();
    let (gets, listed) = (
        objects.gets.load(Ordering::SeqCst),
        objects.listed.load(Ordering::SeqCst),
    );
    eprintln!(
        "{} files: snapshot in {replayed:?}, plan in {:?}; {gets} reads, {listed} objects \
         listed; {} files planned ({:?})",
        snapshot.files.len(),
        planned - replayed,
        plan.files.len(),
        plan.counts
    );
    assert_eq!(snapshot.files.len(), 100_000 + real.len());
    // Every real file with a geometry; none of the far ones.
    let kept = real.iter().filter(|f| f.bbox.is_some()).count();
    assert_eq!(plan.files.len(), kept);
    assert!(plan.files.iter().all(|f| !f.file.path.contains("far-")));
    // No far file's footer is read: the log's boxes prune them.
    let footers = plan.counts.after_file_stats;
    assert_eq!(footers, real.len());
    // The pointer, checkpoint 90, entries 91 to 99, and each real file's footer.
    assert!(gets <= 1 + 1 + 9 + 2 * footers, "{gets} reads");
    // Entries 90 to 99, checkpoint 90 and the pointer.
    assert_eq!(listed, 12);
}
