//! GeoMesa's own stores, written by GeoMesa 2.3.0 and 5.2.2 (`tests/data/geomesa`, from
//! GeoMesa's test sources): Strabo reads the rows GeoMesa's tests expect, three per feature
//! type, with GeoMesa's V1 x/y geometries as WKB, and filters them; it refuses to write there.
//! And a store laid out as GeoMesa 5.4 writes one, with changes and labels (`5.4-updates`).
use std::collections::BTreeMap;
use std::path::PathBuf;

use arrow_array::cast::AsArray;
use arrow_array::types::TimestampMicrosecondType;
use arrow_array::{Array, RecordBatch};
use strabo_filter::{Filter, GeometryLiteral};
use strabo_store::{Store, WriteMode};

fn fixtures(version: &str) -> Store {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/geomesa")
        .join(version);
    Store::open(root.to_str().unwrap()).unwrap()
}

/// The same fixture in an object store (in memory), read through it alone.
fn in_object_store(version: &str) -> Store {
    use object_store::ObjectStoreExt;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/geomesa")
        .join(version);
    let objects = object_store::memory::InMemory::new();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let mut pending = vec![root.clone()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let key = path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .to_owned();
                let bytes = std::fs::read(&path).unwrap();
                runtime
                    .block_on(objects.put(&object_store::path::Path::from(key), bytes.into()))
                    .unwrap();
            }
        }
    }
    Store::with_object_store(std::sync::Arc::new(objects), &format!("memory:{version}"))
}

/// Each row's fid with its name, its geometry as WKT and its dtg in epoch milliseconds.
fn rows(
    store: &Store,
    feature: &str,
    dtg: &str,
    ecql: &str,
) -> BTreeMap<String, (String, String, i64)> {
    let snapshot = store.snapshot(feature).unwrap();
    let filter = Filter::from_ecql(ecql).unwrap();
    let plan = store.plan(&snapshot, &filter).unwrap();
    let columns = ["__fid__", "name", "geom", dtg];
    let mut out = BTreeMap::new();
    for file in &plan.files {
        for batch in store
            .scan(&snapshot.feature_type, file, Some(&columns), &filter, None)
            .unwrap()
        {
            collect(&batch.unwrap(), &mut out);
        }
    }
    out
}

fn collect(batch: &RecordBatch, out: &mut BTreeMap<String, (String, String, i64)>) {
    let fids = batch.column(0).as_string::<i32>();
    let names = batch.column(1).as_string::<i32>();
    let geoms = batch.column(2).as_binary::<i32>();
    let dtgs = batch.column(3).as_primitive::<TimestampMicrosecondType>();
    assert_eq!(dtgs.timezone(), Some("UTC"));
    for row in 0..batch.num_rows() {
        let wkt = GeometryLiteral {
            srid: 0,
            wkb: geoms.value(row).to_vec(),
        }
        .wkt()
        .unwrap();
        assert!(!dtgs.is_null(row));
        out.insert(
            fids.value(row).to_owned(),
            (names.value(row).to_owned(), wkt, dtgs.value(row) / 1000),
        );
    }
}

fn expect(rows: &[(&str, &str, &str, i64)]) -> BTreeMap<String, (String, String, i64)> {
    rows.iter()
        .map(|(fid, name, wkt, millis)| {
            (
                fid.to_string(),
                (name.to_string(), wkt.to_string(), *millis),
            )
        })
        .collect()
}

/// 2015-05-06, 2015-06-07 and 2015-10-23, midnight UTC.
const POINTS: [(&str, &str, &str, i64); 3] = [
    ("23623", "Harry", "POINT(-100.2365 23)", 1_430_870_400_000),
    (
        "26236",
        "Hermione",
        "POINT(40.232 -53.2356)",
        1_433_635_200_000,
    ),
    ("3233", "Severus", "POINT(3 -62.23)", 1_445_558_400_000),
];

#[test]
fn points_of_geomesa_2_3_and_5_2() {
    for (version, store) in ["2.3.0", "5.2.2"]
        .into_iter()
        .flat_map(|v| [(v, fixtures(v)), (v, in_object_store(v))])
    {
        assert!(store
            .feature_types()
            .unwrap()
            .contains(&"example-csv".to_owned()));
        let snapshot = store.snapshot("example-csv").unwrap();
        assert!(snapshot.read_only);
        assert_eq!(snapshot.feature_type.dtg.as_deref(), Some("lastseen"));
        assert_eq!(
            rows(&store, "example-csv", "lastseen", "INCLUDE"),
            expect(&POINTS),
            "{version}"
        );
        assert_eq!(
            rows(
                &store,
                "example-csv",
                "lastseen",
                "BBOX(geom, 0, -70, 50, 0) AND lastseen AFTER 2015-06-10T00:00:00Z"
            ),
            expect(&POINTS[2..]),
            "{version}"
        );
    }
}

#[test]
fn lines_and_polygons_of_geomesa_5_2() {
    let store = fixtures("5.2.2");
    let june = 1_433_203_200_000;
    assert_eq!(
        rows(&store, "example-csv-lines", "dtg", "INCLUDE"),
        expect(&[
            (
                "1",
                "amy",
                "LINESTRING(30 10,35 20,40 40)",
                1_430_438_400_000
            ),
            ("2", "bob", "LINESTRING(20 10,25 20,30 40)", june),
            ("3", "carl", "LINESTRING(40 10,45 30,50 40)", june),
        ])
    );
    let polygons = [
        (
            "1",
            "amy",
            "POLYGON((30 10,40 40,20 40,10 20,30 10))",
            1_430_438_400_000,
        ),
        (
            "2",
            "bob",
            "POLYGON((20 10,45 45,15 40,10 20,20 10),(20 30,35 35,20 20,20 30))",
            june,
        ),
        ("3", "carl", "POLYGON((30 20,45 40,10 40,30 20))", june),
    ];
    assert_eq!(
        rows(&store, "example-csv-polygons", "dtg", "INCLUDE"),
        expect(&polygons)
    );
    // The point lies in bob's hole, inside amy's and carl's shells.
    assert_eq!(
        rows(
            &store,
            "example-csv-polygons",
            "dtg",
            "INTERSECTS(geom, POINT(24 28))"
        ),
        expect(&[polygons[0], polygons[2]])
    );
}

#[test]
fn geomesa_stores_are_read_only() {
    let store = fixtures("5.2.2");
    let snapshot = store.snapshot("example-csv").unwrap();
    let error = store
        .commit(&snapshot.feature_type, WriteMode::Append, Vec::new())
        .unwrap_err();
    assert!(
        error.to_string().contains("GeoMesa's own layout"),
        "{error}"
    );
    assert!(!PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/geomesa/5.2.2/example-csv/_strabo_log")
        .exists());
    // One version to Strabo: what GeoMesa's metadata says now.
    assert_eq!(store.snapshot_at("example-csv", 0).unwrap(), snapshot);
    let error = store.snapshot_at("example-csv", 1).unwrap_err().to_string();
    assert_eq!(
        error,
        "feature type 'example-csv' has no version 1: its latest is 0"
    );
}

/// Every file under `root`, with its size.
fn listing(root: &std::path::Path) -> BTreeMap<PathBuf, u64> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                dirs.push(entry.path());
            } else {
                out.insert(entry.path(), entry.metadata().unwrap().len());
            }
        }
    }
    out
}

#[test]
fn geomesa_stores_are_neither_compacted_nor_deleted() {
    // A copy, so that a failure here cannot damage the fixtures.
    let copy = tempfile::tempdir().unwrap();
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/geomesa/5.2.2");
    for (path, _) in listing(&source) {
        let target = copy.path().join(path.strip_prefix(&source).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&path, target).unwrap();
    }
    let before = listing(copy.path());
    let store = Store::open(copy.path().to_str().unwrap()).unwrap();
    for feature in ["example-csv", "example-csv-lines"] {
        let compacted = store.compact(feature).unwrap_err();
        let deleted = store.delete_feature_type(feature).unwrap_err();
        for error in [compacted, deleted] {
            assert!(
                error.to_string().contains("GeoMesa's own layout"),
                "{error}"
            );
        }
    }
    assert_eq!(listing(copy.path()), before);
    assert_eq!(rows(&store, "example-csv", "lastseen", "INCLUDE").len(), 3);
}

/// GeoMesa's own store with changes (`tests/data/geomesa/5.4-updates`, see its writer): files
/// carry the changes that hide their rows, deletes are not read, and partition names bound times.
#[test]
fn a_geomesa_store_merges_its_changes_by_feature_id() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/geomesa/5.4-updates");
    let mut location = strabo_store::Location::new(root.to_str().unwrap());
    location
        .settings
        .insert(strabo_store::AUTHS_SETTING.into(), "admin,user".into());
    let store = Store::open_at(&location).unwrap();
    let snapshot = store.snapshot("tracks").unwrap();
    assert!(snapshot.read_only);
    assert_eq!(snapshot.feature_type.dtg.as_deref(), Some("last_seen"));
    let hidden: Vec<(&str, Vec<&str>)> = snapshot
        .files
        .iter()
        .map(|f| {
            let rows = f.geomesa.as_ref().unwrap();
            assert_eq!(rows.auths.as_deref(), Some("admin,user"));
            (
                f.path.as_str(),
                rows.hidden_by.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    let (w1, m3, d4, d6, w7) = (
        "2024/01/01_W00000000000000000000000000000001.parquet",
        "2024/01/01_M00000000000000000000000000000003.parquet",
        "2024/01/01_D00000000000000000000000000000004.parquet",
        "2024/01/01_D00000000000000000000000000000006.parquet",
        "2024/01/01_W00000000000000000000000000000007.parquet",
    );
    let (w2, m5) = (
        "2024/01/02_W00000000000000000000000000000002.parquet",
        "2024/01/02_M00000000000000000000000000000005.parquet",
    );
    assert_eq!(
        hidden,
        vec![
            (w1, vec![m3, d4, d6]),
            (m3, vec![d4, d6]),
            (w7, vec![]),
            (w2, vec![m5]),
            (m5, vec![]),
        ]
    );
    let day = |d: i64| {
        let start = (1_704_067_200 + d * 86_400) * 1_000_000;
        Some([start, start + 86_400 * 1_000_000 - 1])
    };
    assert!(snapshot.files[..3].iter().all(|f| f.time == day(0)));
    assert!(snapshot.files[3..].iter().all(|f| f.time == day(1)));

    let names = |store: &Store| {
        let snapshot = store.snapshot("tracks").unwrap();
        let mut names = Vec::new();
        for file in &snapshot.files {
            let scan = strabo_store::scan::FileScan {
                file: file.clone(),
                row_groups: None,
            };
            let columns = ["name", "last_seen"];
            for batch in store
                .scan(
                    &snapshot.feature_type,
                    &scan,
                    Some(&columns),
                    &Filter::Include,
                    Some(1),
                )
                .unwrap()
            {
                let batch = batch.unwrap();
                assert_eq!(batch.num_columns(), 2, "no id or label columns");
                let column = batch.column(0).as_string::<i32>();
                names.extend(column.iter().flatten().map(str::to_owned));
            }
        }
        names.sort();
        names
    };
    // A limit of one row per file still finds the rows that survive the merge.
    assert_eq!(names(&store), ["a2", "b2", "c", "d-again", "f"]);
    let anonymous = Store::open(root.to_str().unwrap()).unwrap();
    assert_eq!(names(&anonymous), ["a2", "b2", "d-again"]);
    assert_eq!(
        names(&in_object_store("5.4-updates")),
        ["a2", "b2", "d-again"]
    );
}
