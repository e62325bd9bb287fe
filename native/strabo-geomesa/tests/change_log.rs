//! Change-log replay and malformed metadata, on copies of a real fixture store in a temp dir.

use std::path::{Path, PathBuf};

use strabo_geomesa::{Bbox, Error, FileAction, FsdsStore};

const LINES: &str = "example-csv-lines";
const OLD_FILE: &str = "02_Wb43f8bcf82e540b5aec0ded4c85a7067.parquet";

/// A fresh copy of the 5.2.2 `example-csv-lines` storage, removed on drop.
struct TempStore {
    dir: PathBuf,
}

impl TempStore {
    fn new(test: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("strabo-geomesa-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/data/geomesa/5.2.2")
            .join(LINES);
        copy_dir(&source, &dir);
        TempStore { dir }
    }

    fn write(&self, relative: &str, text: &str) {
        std::fs::write(self.dir.join(relative), text).unwrap();
    }

    fn open(&self) -> Result<FsdsStore, Error> {
        FsdsStore::open(&self.dir)
    }
}

impl Drop for TempStore {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

const UUID_1: &str = "3f1c2a9e-8b4d-4e6f-a1b2-c3d4e5f60718";
const UUID_2: &str = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

#[test]
fn update_files_add_and_remove_after_compaction() {
    let store = TempStore::new("updates");
    // The shapes GeoMesa's compact renderer writes, one entry per update file.
    store.write(
        &format!("metadata/update-$2015_2f06_2f02-{UUID_1}.conf"),
        r#""2015/06/02"=[A,1745333900000,[0.0,5.0,25.0,45.0],4,[["02_Wnew.parquet",A,1745333899999]]]"#,
    );
    store.write(
        &format!("metadata/update-$2015_2f06_2f02-{UUID_2}.conf"),
        &format!(r#""2015/06/02"=[R,1745333900001,[],2,[["{OLD_FILE}",A,1745333818129]]]"#),
    );
    // An update in a partition the compaction does not know, in the verbose JSON form.
    store.write(
        &format!("metadata/update-$2015_2f07_2f04-{UUID_1}.json"),
        r#"{"action": "Add", "count": 5, "files": [{"action": "Delete", "name": "04_Wdel.parquet",
            "timestamp": 7}], "name": "2015/07/04", "timestamp": 8}"#,
    );
    let partitions = store.open().unwrap().snapshot(LINES).unwrap();
    let summary: Vec<(&str, Vec<PathBuf>, u64, Option<Bbox>)> = partitions
        .iter()
        .map(|p| {
            let paths = p.files.iter().map(|f| f.path.clone()).collect();
            (p.partition.as_str(), paths, p.count, p.bbox)
        })
        .collect();
    let bbox = |xmin, ymin, xmax, ymax| {
        Some(Bbox {
            xmin,
            ymin,
            xmax,
            ymax,
        })
    };
    assert_eq!(
        summary,
        vec![
            (
                "2015/05/01",
                vec![store
                    .dir
                    .join("2015/05/01_Wd8b53faec37e410d81dfd5eba532e1af.parquet")],
                1,
                bbox(30.0, 10.0, 40.0, 40.0)
            ),
            (
                "2015/06/02",
                vec![store.dir.join("2015/06/02_Wnew.parquet")],
                4, // 2 + 4 - 2
                bbox(0.0, 5.0, 50.0, 45.0)
            ),
            (
                "2015/07/04",
                vec![store.dir.join("2015/07/04_Wdel.parquet")],
                5,
                None
            ),
        ]
    );
    assert_eq!(partitions[2].files[0].action, FileAction::Delete);
}

#[test]
fn truncated_compaction_is_an_error_naming_the_file() {
    let store = TempStore::new("truncated");
    let path = store.dir.join("metadata/compacted.conf");
    let full = std::fs::read_to_string(&path).unwrap();
    for end in 0..full.len() {
        std::fs::write(&path, &full[..end]).unwrap();
        // No prefix may panic; any error must name the compaction file.
        if let Err(error) = store.open().unwrap().snapshot(LINES) {
            assert!(
                error.to_string().starts_with(&path.display().to_string()),
                "{error}"
            );
        }
    }
    std::fs::write(&path, &full[..full.len() / 2]).unwrap();
    let error = store.open().unwrap().snapshot(LINES).unwrap_err();
    assert!(
        matches!(&error, Error::Syntax { path: p, .. } if *p == path),
        "{error}"
    );
}

#[test]
fn update_file_for_another_partition_is_an_error() {
    let store = TempStore::new("misnamed");
    let name = format!("metadata/update-$2015_2f06_2f03-{UUID_1}.conf");
    store.write(&name, r#""2015/06/02"=[A,1,[],1,[["x.parquet",A,1]]]"#);
    let error = store.open().unwrap().snapshot(LINES).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "{}: file name names partition `2015/06/03` but the entry is for `2015/06/02`",
            store.dir.join(name).display()
        )
    );
}

#[test]
fn data_file_outside_the_store_is_an_error() {
    let store = TempStore::new("escape");
    store.write(
        &format!("metadata/update-$2015_2f06_2f02-{UUID_1}.conf"),
        r#""2015/06/02"=[A,1,[],1,[["../../x.parquet",A,1]]]"#,
    );
    let error = store.open().unwrap().snapshot(LINES).unwrap_err();
    assert!(
        error.to_string().ends_with(
            "partition `2015/06/02`: data file name `../../x.parquet` is not a plain file name"
        ),
        "{error}"
    );
}

#[test]
fn bad_spec_in_storage_json_is_an_error() {
    let store = TempStore::new("badspec");
    let path = store.dir.join("metadata/storage.json");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"LineString\"", "\"Line\"");
    std::fs::write(&path, text).unwrap();
    let error = store.open().unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "{}: feature-type: attribute 3: `geom`: unknown attribute type `Line`",
            path.display()
        )
    );
}

#[test]
fn other_metadata_backends_and_encodings_are_refused_alone() {
    // A root holding a readable storage beside a JDBC-backed one and an ORC one.
    let root = std::env::temp_dir().join(format!("strabo-geomesa-{}-mixed", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/geomesa/5.2.2");
    for name in [LINES, "in-jdbc", "in-orc"] {
        copy_dir(&source.join(LINES), &root.join(name));
    }
    std::fs::write(
        root.join("in-jdbc/metadata.json"),
        r#"{"name": "jdbc", "options": {"jdbc.url": "jdbc:postgresql://db/meta"}}"#,
    )
    .unwrap();
    let storage = root.join("in-orc/metadata/storage.json");
    let text = std::fs::read_to_string(&storage).unwrap();
    std::fs::write(&storage, text.replace("\"parquet\"", "\"orc\"")).unwrap();

    let store = FsdsStore::open(&root).unwrap();
    assert_eq!(
        store.snapshot(LINES).unwrap().len(),
        2,
        "the readable one reads"
    );
    assert_eq!(store.refused().len(), 2);
    let jdbc = store.feature_type("in-jdbc").unwrap_err().to_string();
    assert_eq!(
        jdbc,
        format!(
            "GeoMesa storage `in-jdbc` at {} cannot be read: its metadata is kept by the `jdbc` \
             backend, and Strabo reads only GeoMesa's file-based metadata (`metadata.json` \
             naming `file`); export it with GeoMesa's `manage-metadata` or read it through GeoMesa",
            root.join("in-jdbc").display()
        )
    );
    let orc = store.feature_type("in-orc").unwrap_err().to_string();
    assert!(
        orc.ends_with(
            "its files are encoded as `orc`, and Strabo reads GeoMesa's Parquet storages only"
        ),
        "{orc}"
    );
    assert!(matches!(
        store.feature_type("nope"),
        Err(Error::UnknownType { .. })
    ));
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn storage_without_metadata_json_reads_as_file_backend() {
    let store = TempStore::new("legacy");
    std::fs::remove_file(store.dir.join("metadata.json")).unwrap();
    let opened = store.open().unwrap();
    assert_eq!(opened.feature_type(LINES).unwrap().backend.name, "file");
    assert_eq!(opened.snapshot(LINES).unwrap().len(), 2);
}

#[test]
fn without_leaf_storage_files_sit_inside_the_partition() {
    let store = TempStore::new("noleaf");
    let path = store.dir.join("metadata/storage.json");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "\"leaf-storage\" : \"true\"",
        "\"leaf-storage\" : \"false\"",
    );
    std::fs::write(&path, text).unwrap();
    let partitions = store.open().unwrap().snapshot(LINES).unwrap();
    assert_eq!(
        partitions[1].files[0].path,
        store.dir.join("2015/06/02").join(OLD_FILE)
    );
}
