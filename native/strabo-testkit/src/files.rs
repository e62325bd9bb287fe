//! A store's data file as bytes of the fuzzer's choosing: a corrupt file, or one another writer
//! left, must make a query that plans or reads it fail with an error, never panic.
use std::cell::RefCell;
use std::sync::{Arc, Once};

use object_store::memory::InMemory;
use object_store::path::Path;
use object_store::ObjectStoreExt;

use strabo_filter::Filter;
use strabo_store::{DataFile, FeatureType, FileScan, Snapshot, Store, StoreError};

/// A feature type with a column of each kind the filters below read.
const FEATURE_TYPE: &str = r#"{"name": "events", "attributes": [
    {"name": "geom", "type": {"kind": "geometry", "srid": 4326, "points": false}},
    {"name": "dtg", "type": {"kind": "timestamp"}},
    {"name": "name", "type": {"kind": "string"}},
    {"name": "n", "type": {"kind": "int"}},
    {"name": "score", "type": {"kind": "double"}}],
    "dtg": "dtg", "scheme": "daily"}"#;

/// Each plans with row-group statistics and the coverings, selects pages, and evaluates rows.
const FILTERS: &[&str] = &[
    "BBOX(geom, 0, 0, 10, 10) AND dtg DURING 2024-01-01T00:00:00Z/2024-01-02T00:00:00Z",
    "name = 'a' OR n > 5 OR score < 1.5",
    "INTERSECTS(geom, POLYGON((0 0, 5 0, 5 5, 0 0))) AND name LIKE 'a%'",
    "n IS NULL AND NOT (score >= 0)",
];

/// The file's name in the feature type's directory, as the checked-in corpus names it.
pub const FILE: &str = "2024/01/01/data.parquet";

struct Fixture {
    /// In memory: the local file system's reads go through a blocking thread pool, whose
    /// wake-ups took half the target's time.
    objects: Arc<InMemory>,
    store: Store,
    feature_type: FeatureType,
    filters: Vec<Filter>,
}

thread_local! {
    static FIXTURE: RefCell<Option<Fixture>> = const { RefCell::new(None) };
}

impl Fixture {
    fn new() -> Fixture {
        let objects = Arc::new(InMemory::new());
        Fixture {
            store: Store::with_object_store(objects.clone(), "memory:///"),
            objects,
            feature_type: serde_json::from_str(FEATURE_TYPE).expect("the feature type"),
            filters: FILTERS
                .iter()
                .map(|ecql| Filter::from_ecql(ecql).expect("a filter"))
                .collect(),
        }
    }

    /// Plans and scans `data` as the feature type's one file, with each filter and without;
    /// returns the errors. Errors are what most inputs give; a panic fails the caller (the
    /// fuzzer, or the test).
    fn read_every_way(&self, data: &[u8]) -> Vec<StoreError> {
        let path = Path::from(format!("events/{FILE}"));
        futures::executor::block_on(self.objects.put(&path, data.to_vec().into()))
            .expect("the file");
        // A box and time range that no filter prunes, so that every file reaches the reader.
        let file = DataFile {
            path: FILE.into(),
            partition: "2024/01/01".into(),
            rows: 1,
            bytes: data.len() as u64,
            bbox: Some([-180.0, -90.0, 180.0, 90.0]),
            time: Some([i64::MIN, i64::MAX]),
            geomesa: None,
        };
        let snapshot = Snapshot {
            version: 0,
            feature_type: self.feature_type.clone(),
            files: vec![file.clone()],
            read_only: false,
            dropped: false,
        };
        let mut errors = Vec::new();
        for filter in &self.filters {
            let scanned = self.store.plan(&snapshot, filter).and_then(|plan| {
                plan.files.iter().try_for_each(|planned| {
                    let mut scan =
                        self.store
                            .scan(&self.feature_type, planned, None, filter, None)?;
                    scan.try_for_each(|batch| batch.map(drop))
                })
            });
            errors.extend(scanned.err());
        }
        let whole = FileScan {
            file,
            row_groups: None,
        };
        let columns: &[&str] = &["geom", "name"];
        let read = self
            .store
            .scan(
                &self.feature_type,
                &whole,
                Some(columns),
                &Filter::Include,
                Some(3),
            )
            .and_then(|mut scan| scan.try_for_each(|batch| batch.map(drop)));
        errors.extend(read.err());
        errors
    }
}

/// The check of the fuzz target `store_file`: `data` as a data file of the store.
pub fn check_store_file(data: &[u8]) -> Result<(), String> {
    read_store_file(data);
    Ok(())
}

/// `data` as the store's one data file, planned, scanned and read as `check_store_file` does:
/// the errors that gives.
pub fn read_store_file(data: &[u8]) -> Vec<StoreError> {
    let_decoding_panics_through();
    with_fixture(|fixture| fixture.read_every_way(data))
}

fn with_fixture<T>(body: impl FnOnce(&Fixture) -> T) -> T {
    FIXTURE.with(|fixture| body(fixture.borrow_mut().get_or_insert_with(Fixture::new)))
}

/// libFuzzer's panic hook aborts on every panic, caught or not. A panic inside the store's
/// decoding guard is a corrupt file that the guard reports as an error, which is what a
/// corrupt file must give, so the hook is wrapped once to let those through; every other
/// panic still reaches it.
fn let_decoding_panics_through() {
    static WRAPPED: Once = Once::new();
    WRAPPED.call_once(|| {
        let fatal = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !strabo_store::decoding() {
                fatal(info)
            }
        }));
    });
}
