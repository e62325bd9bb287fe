//! The real stores GeoMesa wrote (tests/data/geomesa, from GeoMesa 5.4.0's test sources).
//! Expected values are read off the fixture files by hand and from GeoMesa's
//! `ParquetStorageTest` ("read old point/non-point geometries"), which reads 3 features from
//! each of these types.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use strabo_geomesa::{Bbox, Error, FileAction, FsdsStore, PartitionFiles};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/geomesa")
}

/// Partition name, file paths relative to the store root, count and bbox.
type Expected<'a> = (&'a str, &'a [&'a str], u64, [f64; 4]);

fn assert_partitions(actual: &[PartitionFiles], root: &Path, expected: &[Expected]) {
    let names: Vec<&str> = actual.iter().map(|p| p.partition.as_str()).collect();
    let expected_names: Vec<&str> = expected.iter().map(|e| e.0).collect();
    assert_eq!(names, expected_names);
    for (partition, (name, files, count, [xmin, ymin, xmax, ymax])) in actual.iter().zip(expected) {
        let paths: Vec<PathBuf> = partition.files.iter().map(|f| f.path.clone()).collect();
        let expected_paths: Vec<PathBuf> = files.iter().map(|f| root.join(f)).collect();
        assert_eq!(paths, expected_paths, "{name}");
        assert_eq!(partition.count, *count, "{name}");
        assert_eq!(
            partition.bbox,
            Some(Bbox {
                xmin: *xmin,
                ymin: *ymin,
                xmax: *xmax,
                ymax: *ymax
            }),
            "{name}"
        );
        for file in &partition.files {
            assert!(
                file.path.is_file(),
                "{} does not exist",
                file.path.display()
            );
            assert_eq!(file.action, FileAction::Append);
        }
    }
}

/// The Parquet files under a storage directory, found by walking it (not through the metadata).
fn parquet_files_on_disk(dir: &Path) -> BTreeSet<PathBuf> {
    let mut found = BTreeSet::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            if path.is_dir() {
                pending.push(path);
            } else if name.ends_with(".parquet") && !name.starts_with('.') {
                found.insert(path);
            }
        }
    }
    found
}

fn snapshot_files(partitions: &[PartitionFiles]) -> BTreeSet<PathBuf> {
    partitions
        .iter()
        .flat_map(|p| p.files.iter().map(|f| f.path.clone()))
        .collect()
}

#[test]
fn geomesa_2_3_0_points() {
    let root = fixtures().join("2.3.0");
    let store = FsdsStore::open(&root).unwrap();
    let names: Vec<&str> = store
        .feature_types()
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(names, ["example-csv"]);

    let feature_type = store.feature_type("example-csv").unwrap();
    assert_eq!(feature_type.root, root.join("example-csv"));
    assert_eq!(feature_type.encoding, "parquet");
    assert!(feature_type.leaf_storage);
    assert_eq!(feature_type.scheme.name, "monthly");
    assert!(feature_type.scheme.options.is_empty());
    assert_eq!(feature_type.backend.name, "file");
    assert!(feature_type.backend.options.is_empty());
    assert_eq!(
        feature_type.spec.to_string(),
        "fid:Integer:index=false,name:String:index=true,age:Integer:index=false,\
         lastseen:Date:default=true:index=false,*geom:Point:srid=4326;geomesa.index.dtg='lastseen'"
    );
    assert_eq!(
        feature_type
            .spec
            .default_geometry()
            .map(|a| a.name.as_str()),
        Some("geom")
    );

    let partitions = store.snapshot("example-csv").unwrap();
    // GeoMesa's test: POINT (-100.2365 23), POINT (40.232 -53.2356), POINT (3 -62.23), one each.
    let type_root = root.join("example-csv");
    assert_partitions(
        &partitions,
        &type_root,
        &[
            (
                "2015/05",
                &["2015/05_W10faf41d091a4b2ca81b3211c8234151.parquet"],
                1,
                [-100.2365, 23.0, -100.2365, 23.0],
            ),
            (
                "2015/06",
                &["2015/06_W7a8d0d7dd46648c29960d763ccd45b7d.parquet"],
                1,
                [40.232, -53.2356, 40.232, -53.2356],
            ),
            (
                "2015/10",
                &["2015/10_W0005d8ad0bb74182878e7e11917e5605.parquet"],
                1,
                [3.0, -62.23, 3.0, -62.23],
            ),
        ],
    );
    // Pre-3.x stores record bare file names, read as timestamp 0.
    assert!(partitions.iter().all(|p| p.files[0].timestamp == 0));
    assert_eq!(partitions.iter().map(|p| p.count).sum::<u64>(), 3);
    assert_eq!(
        snapshot_files(&partitions),
        parquet_files_on_disk(&type_root)
    );
}

#[test]
fn geomesa_5_2_2_store_holds_three_types() {
    let root = fixtures().join("5.2.2");
    let store = FsdsStore::open(&root).unwrap();
    let names: Vec<&str> = store
        .feature_types()
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["example-csv", "example-csv-lines", "example-csv-polygons"]
    );
    for feature_type in store.feature_types() {
        assert_eq!(feature_type.root, root.join(&feature_type.name));
        assert_eq!(feature_type.encoding, "parquet");
        assert!(feature_type.leaf_storage);
        let partitions = store.snapshot(&feature_type.name).unwrap();
        // GeoMesa's test reads 3 features from each type.
        assert_eq!(
            partitions.iter().map(|p| p.count).sum::<u64>(),
            3,
            "{}",
            feature_type.name
        );
        assert_eq!(
            snapshot_files(&partitions),
            parquet_files_on_disk(&feature_type.root),
            "{}",
            feature_type.name
        );
    }
    assert!(matches!(
        store.snapshot("example-csv-points"),
        Err(Error::UnknownType { name, .. }) if name == "example-csv-points"
    ));
}

#[test]
fn geomesa_5_2_2_points_pretty_json() {
    let root = fixtures().join("5.2.2/example-csv");
    let store = FsdsStore::open(&root).unwrap();
    let feature_type = store.feature_type("example-csv").unwrap();
    assert_eq!(feature_type.scheme.name, "monthly");
    assert_eq!(
        feature_type.spec.user_data("geomesa.index.dtg"),
        Some("lastseen")
    );
    let partitions = store.snapshot("example-csv").unwrap();
    assert_partitions(
        &partitions,
        &root,
        &[
            (
                "2015/05",
                &["2015/05_W29538feb281b4114b918e0708888ef12.parquet"],
                1,
                [-100.2365, 23.0, -100.2365, 23.0],
            ),
            (
                "2015/06",
                &["2015/06_W472b5b966b12451184404518e7a802ca.parquet"],
                1,
                [40.232, -53.2356, 40.232, -53.2356],
            ),
            (
                "2015/10",
                &["2015/10_W1230d35283d74a7aac84cb5ad070a83b.parquet"],
                1,
                [3.0, -62.23, 3.0, -62.23],
            ),
        ],
    );
    let timestamps: Vec<i64> = partitions.iter().map(|p| p.files[0].timestamp).collect();
    assert_eq!(timestamps, [1745333221556, 1745333221549, 1745333221534]);
    // GeoMesa's test: `lastseen DURING 2015-01-01/2015-08-01` matches 2 features.
    let before_august: u64 = partitions
        .iter()
        .filter(|p| p.partition.as_str() < "2015/08")
        .map(|p| p.count)
        .sum();
    assert_eq!(before_august, 2);
}

#[test]
fn geomesa_5_2_2_lines_compact_hocon() {
    let root = fixtures().join("5.2.2/example-csv-lines");
    let store = FsdsStore::open(&root).unwrap();
    let feature_type = store.feature_type("example-csv-lines").unwrap();
    assert_eq!(feature_type.scheme.name, "daily");
    assert_eq!(
        feature_type
            .backend
            .options
            .get("render")
            .map(String::as_str),
        Some("compact")
    );
    assert_eq!(
        feature_type.spec.to_string(),
        "name:String:index=true,dtg:Date:default=true:index=false,*geom:LineString:srid=4326;\
         geomesa.index.dtg='dtg'"
    );
    let partitions = store.snapshot("example-csv-lines").unwrap();
    assert_partitions(
        &partitions,
        &root,
        &[
            (
                "2015/05/01",
                &["2015/05/01_Wd8b53faec37e410d81dfd5eba532e1af.parquet"],
                1,
                [30.0, 10.0, 40.0, 40.0],
            ),
            (
                "2015/06/02",
                &["2015/06/02_Wb43f8bcf82e540b5aec0ded4c85a7067.parquet"],
                2,
                [20.0, 10.0, 50.0, 40.0],
            ),
        ],
    );
    let timestamps: Vec<i64> = partitions.iter().map(|p| p.files[0].timestamp).collect();
    assert_eq!(timestamps, [1745333818145, 1745333818129]);
}

#[test]
fn geomesa_5_2_2_polygons_compact_hocon() {
    let root = fixtures().join("5.2.2/example-csv-polygons");
    let store = FsdsStore::open(&root).unwrap();
    let feature_type = store.feature_type("example-csv-polygons").unwrap();
    assert_eq!(
        feature_type
            .spec
            .default_geometry()
            .map(|a| a.attribute_type.to_string()),
        Some("Polygon".to_string())
    );
    let partitions = store.snapshot("example-csv-polygons").unwrap();
    assert_partitions(
        &partitions,
        &root,
        &[
            (
                "2015/05/01",
                &["2015/05/01_W22619cdd70a44a979088bf4d11d79e2b.parquet"],
                1,
                [10.0, 10.0, 40.0, 40.0],
            ),
            (
                "2015/06/02",
                &["2015/06/02_W85d829fde1bb47508c70d1d0875ac7e1.parquet"],
                2,
                [10.0, 10.0, 45.0, 45.0],
            ),
        ],
    );
}
