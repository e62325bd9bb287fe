//! Strabo's spatial data store: GeoMesa's FileSystem data store, rebuilt on GeoParquet and an
//! atomic commit log.
//!
//! A store is a directory (any URI `object_store` reaches): one directory per feature type,
//! holding its data files in GeoMesa's partition layout and its log in `_strabo_log/`. Tasks
//! write data files and hand back what they wrote ([`Store::write`]); the driver commits them
//! all at once ([`Store::commit`]). Readers replay the log into a [`Snapshot`] and read its
//! files.
mod decode_guard;
mod error;
mod geomesa;
pub mod geoparquet;
pub mod host;
mod location;
pub mod log;
mod object_file;
pub mod scan;
pub mod schema;
mod task_writer;
mod thrift_check;
pub mod write;

pub use decode_guard::decoding;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock, Mutex};

use arrow_array::RecordBatch;
use futures::{StreamExt, TryStreamExt};
use object_store::path::Path;
use object_store::{ObjectMeta, ObjectStore, ObjectStoreExt, PutMode, PutOptions, PutPayload};
use parquet::arrow::arrow_reader::ArrowReaderOptions;
use parquet::arrow::async_reader::{ParquetRecordBatchStream, ParquetRecordBatchStreamBuilder};
use parquet::arrow::ProjectionMask;
use parquet::file::metadata::{PageIndexPolicy, ParquetMetaData};
use strabo_columnar::types::GeomEncoding;
use strabo_filter::Filter;

pub use error::StoreError;
pub use geoparquet::FileOptions;
pub use location::{Location, SCHEMES};
pub use log::{Commit, DataFile, Operation, Snapshot};
pub use scan::{FileScan, PruneCounts, ScanPlan};
pub use schema::{Attribute, AttributeKind, FeatureType};
pub use task_writer::TaskWriter;

use crate::location::Client;
use crate::log::{
    checkpoint_name, checkpoint_of, entry_name, version_of, Checkpoint, CHECKPOINT_INTERVAL,
    LOG_DIR,
};
use crate::object_file::ObjectFile;

/// A data file up to this size goes up in one put; a larger one in parts of this size (S3
/// takes parts of 5 MiB or more, and a part in flight holds its bytes).
const UPLOAD_PART_BYTES: usize = 8 << 20;

/// How many footers or log entries are read at once: on an object store each read waits a
/// round trip.
const CONCURRENT_READS: usize = 32;

/// How many times a commit replays its operation after losing a race for a version.
pub const COMMIT_RETRIES: u32 = 16;

/// The pointer to a feature type's newest checkpoint, in its log directory.
const LAST_CHECKPOINT: &str = "_last_checkpoint";

/// Where a feature type keeps the marks of its aborted write jobs, beside its log.
const ABORTED_JOBS_DIR: &str = "_strabo_aborted_jobs";

/// How a write treats the data already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    /// Adds the new files; creates the feature type if it does not exist.
    Append,
    /// Replaces the files of version `read`, the snapshot the write job read when it began
    /// (`None`: the feature type did not exist then). Files that other writers committed
    /// since are kept; a commit since that removed one of the replaced files fails it
    /// ([`StoreError::Replaced`]).
    Overwrite { read: Option<u64> },
}

/// What a commit does to the files of the snapshot it lands on.
#[derive(Clone, Copy)]
enum Change<'a> {
    Write(WriteMode),
    /// Replaces these files of version `read` by the commit's, which hold the same rows.
    Compact {
        read: u64,
        remove: &'a [String],
    },
    /// Removes every file and marks the feature type dropped.
    Drop,
}

/// The latest snapshot read of each feature type (by store URI and name), and the log entry
/// it ends with: Spark plans a read in several steps, and each replays the log; with this the
/// log's entries are read once, and later ones on top.
static SNAPSHOTS: LazyLock<Mutex<HashMap<SnapshotKey, Arc<CachedSnapshot>>>> =
    LazyLock::new(Mutex::default);

/// A store's URI and a feature type's name.
type SnapshotKey = (String, String);

struct CachedSnapshot {
    snapshot: Snapshot,
    entry: ObjectMeta,
}

/// What a compaction rewrites ([`Store::compaction`]): the version it read, and the files of
/// each partition it rewrites as one.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Compaction {
    pub read: u64,
    pub feature_type: FeatureType,
    pub partitions: Vec<Vec<DataFile>>,
}

/// What [`Store::vacuum`] did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Vacuumed {
    /// The data files deleted, as paths in the feature type's directory.
    pub files: Vec<String>,
    /// Their bytes.
    pub bytes: u64,
    /// The oldest version left in the log, which time travel can still reach.
    pub oldest_version: u64,
}

/// The runtime of every store's I/O: object-store clients are shared by the stores of a
/// process, and their connections live on it. Two threads drive the I/O; the work of a call
/// (decoding, planning) runs on the calling task's thread, as Spark owns the cores.
static IO_RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("strabo-io")
        .enable_all()
        .build()
        .expect("the store's I/O runtime starts")
});

/// A store at a URI.
pub struct Store {
    client: Arc<Client>,
    root: Path,
    uri: String,
    /// The reader's authorizations for GeoMesa's visibility labels (`geomesa.security.auths`).
    auths: Option<String>,
}

/// The setting that holds a reader's authorizations, as GeoMesa's data stores name it.
pub const AUTHS_SETTING: &str = "geomesa.security.auths";

impl Store {
    /// Opens the store at `uri` with the settings of the environment; see [`Store::open_at`].
    pub fn open(uri: &str) -> Result<Store, StoreError> {
        Store::open_at(&Location::new(uri))
    }

    /// Opens the store at a location: a `file:` URI, a local path (relative ones resolve
    /// against the working directory: a caller on a cluster resolves them on the driver), or
    /// an object store's URI (`s3a://bucket/path`, `gs://`, `abfss://`), reached with the
    /// location's settings over the environment's. Nothing is created until the first commit.
    pub fn open_at(location: &Location) -> Result<Store, StoreError> {
        let uri = location.uri.as_str();
        let url = match url::Url::parse(uri) {
            Ok(url) if url.scheme().len() > 1 => url,
            // A local path (a one-letter "scheme" is a Windows drive).
            _ => {
                let absolute = std::path::absolute(uri)
                    .map_err(|e| StoreError::Schema(format!("store path '{uri}': {e}")))?;
                url::Url::from_directory_path(&absolute).map_err(|()| {
                    StoreError::Schema(format!("store path '{uri}' is not absolute"))
                })?
            }
        };
        let auths = location.settings.get(AUTHS_SETTING).cloned();
        if url.scheme() != "file" {
            let (client, root) = location::remote_client(&url, location)?;
            return Ok(Store {
                auths,
                ..Store::new(client, root, uri)
            });
        }
        // The store's directory need not exist: nothing is created before the first commit,
        // and a read of a store that does not exist creates nothing.
        let path =
            lexically_normal(&url.to_file_path().map_err(|()| {
                StoreError::Schema(format!("store URI '{uri}' is not a local path"))
            })?);
        let root = Path::from_absolute_path(&path)
            .map_err(|e| StoreError::Schema(format!("store path '{}': {e}", path.display())))?;
        let local = Arc::new(object_store::local::LocalFileSystem::new());
        Ok(Store {
            auths,
            ..Store::new(Client::local(local), root, uri)
        })
    }

    /// A store at the root of `objects`, an object store the caller built (with its own client
    /// options or credentials, or in memory); `uri` names it in messages. Its conditional
    /// creates are checked before its first commit.
    pub fn with_object_store(objects: Arc<dyn ObjectStore>, uri: &str) -> Store {
        Store::new(Client::unverified(objects), Path::default(), uri)
    }

    fn new(client: Arc<Client>, root: Path, uri: &str) -> Store {
        Store {
            client,
            root,
            uri: uri.to_owned(),
            auths: None,
        }
    }

    pub fn uri(&self) -> &str {
        &self.uri
    }

    fn feature_dir(&self, feature: &str) -> Path {
        self.root.clone().join(feature)
    }

    fn log_dir(&self, feature: &str) -> Path {
        self.feature_dir(feature).join(LOG_DIR)
    }

    /// Writes a data file, in parts when it is large. A failed part aborts the upload.
    async fn upload(&self, path: &Path, bytes: Vec<u8>) -> Result<(), StoreError> {
        let bytes = bytes::Bytes::from(bytes);
        if bytes.len() <= UPLOAD_PART_BYTES {
            self.client
                .objects
                .put(path, PutPayload::from(bytes))
                .await?;
            return Ok(());
        }
        let upload = self.client.objects.put_multipart(path).await?;
        let mut parts =
            object_store::WriteMultipart::new_with_chunk_size(upload, UPLOAD_PART_BYTES);
        parts.put(bytes);
        if let Err(e) = parts.wait_for_capacity(0).await {
            let _ = parts.abort().await;
            return Err(e.into());
        }
        parts.finish().await?;
        Ok(())
    }

    /// Checks, once per client, that the storage creates an object only if it is absent:
    /// commits rely on it to let one writer of a version win. A storage that cannot, or that
    /// ignores the condition and overwrites, is refused before anything is written.
    pub fn check_writable(&self) -> Result<(), StoreError> {
        IO_RUNTIME.block_on(self.check_creates_if_absent())
    }

    async fn check_creates_if_absent(&self) -> Result<(), StoreError> {
        if self.client.verified() {
            return Ok(());
        }
        let probe = self.root.clone().join(format!(
            "_strabo_create_check_{}",
            uuid::Uuid::new_v4().simple()
        ));
        let create = || {
            let options = PutOptions::from(PutMode::Create);
            self.client
                .objects
                .put_opts(&probe, PutPayload::new(), options)
        };
        let refused = |why: String| {
            StoreError::Unsupported(format!(
                "the storage at {} {why}: Strabo's commits need a put that creates an object only if it is absent (S3's If-None-Match), so it cannot write there",
                self.uri
            ))
        };
        let not_implemented = || refused("cannot create an object only if it is absent".into());
        let second = match create().await {
            Ok(_) => create().await,
            Err(object_store::Error::NotImplemented { .. }) => return Err(not_implemented()),
            Err(e) => return Err(e.into()),
        };
        // Best effort: a leftover probe is an empty object beside the feature types.
        let _ = self.client.objects.delete(&probe).await;
        match second {
            Err(object_store::Error::AlreadyExists { .. }) => {
                self.client.set_verified();
                Ok(())
            }
            Ok(_) => Err(refused(
                "overwrote an object that a conditional put should have left alone".into(),
            )),
            Err(object_store::Error::NotImplemented { .. }) => Err(not_implemented()),
            Err(e) => Err(e.into()),
        }
    }

    /// The feature types of the store, sorted.
    pub fn feature_types(&self) -> Result<Vec<String>, StoreError> {
        IO_RUNTIME.block_on(async {
            let listing = self
                .client
                .objects
                .list_with_delimiter(Some(&self.root))
                .await?;
            let mut names = Vec::new();
            for prefix in listing.common_prefixes {
                let Some(name) = prefix.filename().map(str::to_owned) else {
                    continue;
                };
                let geomesa = prefix.clone().join("metadata.json");
                let log = prefix.clone().join(LOG_DIR);
                // A log starts at entry 0, or after a vacuum expired it, at a checkpoint the
                // pointer names.
                let first = log.clone().join(entry_name(0).as_str());
                let pointer = log.join(LAST_CHECKPOINT);
                let listed = if self.client.objects.head(&first).await.is_ok()
                    || self.client.objects.head(&pointer).await.is_ok()
                {
                    // A log that cannot be replayed is listed, for its error to be seen.
                    !matches!(self.load_log(&name, None).await, Ok(s) if s.dropped)
                } else {
                    // GeoMesa's own metadata is only looked for, not read, as listing it
                    // would read its whole partition log.
                    self.client.objects.head(&geomesa).await.is_ok()
                };
                if listed {
                    names.push(name);
                }
            }
            names.sort();
            Ok(names)
        })
    }

    /// The latest snapshot of a feature type.
    pub fn snapshot(&self, feature: &str) -> Result<Snapshot, StoreError> {
        IO_RUNTIME.block_on(self.load(feature))
    }

    /// The snapshot of a feature type at `version` (time travel): its files then, which
    /// stay readable until they are vacuumed.
    pub fn snapshot_at(&self, feature: &str, version: u64) -> Result<Snapshot, StoreError> {
        let snapshot = IO_RUNTIME.block_on(self.load_log(feature, Some(version)))?;
        if snapshot.dropped {
            return Err(StoreError::Schema(format!(
                "feature type '{feature}' was dropped at version {version}"
            )));
        }
        Ok(snapshot)
    }

    /// The latest version of a feature type committed at or before `timestamp` (epoch
    /// milliseconds, by the committing writer's clock). Entries are read newest first, so
    /// a recent timestamp reads few of them.
    pub fn version_as_of(&self, feature: &str, timestamp: i64) -> Result<u64, StoreError> {
        IO_RUNTIME.block_on(async {
            let (entries, _) = self.list_log(feature, None).await?;
            if entries.is_empty() {
                return Err(StoreError::NoSuchFeature(
                    feature.to_owned(),
                    self.uri.clone(),
                ));
            }
            let mut first = None;
            for &(version, _) in entries.iter().rev() {
                let committed = self.read_entry(feature, version).await?.timestamp;
                if committed <= timestamp {
                    return Ok(version);
                }
                first = Some((version, committed));
            }
            let (version, committed) = first.unwrap_or((0, timestamp));
            Err(StoreError::Schema(format!(
                "feature type '{feature}' has no version as old as {}: its oldest{}, version \
                 {version}, was committed at {}",
                millis_text(timestamp),
                if version > 0 {
                    " left after a vacuum"
                } else {
                    ""
                },
                millis_text(committed)
            )))
        })
    }

    /// The latest snapshot of a feature type that exists (not dropped).
    async fn load(&self, feature: &str) -> Result<Snapshot, StoreError> {
        let snapshot = self.load_log(feature, None).await?;
        if snapshot.dropped {
            return Err(StoreError::NoSuchFeature(
                feature.to_owned(),
                self.uri.clone(),
            ));
        }
        Ok(snapshot)
    }

    /// The state of a feature type's log at version `at` (the latest if `None`), dropped or
    /// not.
    async fn load_log(&self, feature: &str, at: Option<u64>) -> Result<Snapshot, StoreError> {
        // The latest state replays from the checkpoint the pointer names, listing only the log
        // from there on; time travel, or a pointer that leads to no readable checkpoint,
        // lists the whole log.
        if at.is_none() {
            if let Some(since) = self.last_checkpoint(feature).await {
                if let Some(snapshot) = self.replay(feature, None, Some(since)).await? {
                    return Ok(snapshot);
                }
            }
        }
        let replayed = self.replay(feature, at, None).await?;
        Ok(replayed.expect("a replay of the whole log has a start"))
    }

    /// The state of a feature type's log at version `at` (the latest if `None`), from the log
    /// listed from version `since` on (all of it if `None`). `None` when a partial listing
    /// holds no start for the replay: no readable checkpoint, and no cached snapshot.
    async fn replay(
        &self,
        feature: &str,
        at: Option<u64>,
        since: Option<u64>,
    ) -> Result<Option<Snapshot>, StoreError> {
        let (entries, mut checkpoints) = self.list_log(feature, since).await?;
        let key = (self.uri.clone(), feature.to_owned());
        if since.is_some() && entries.is_empty() {
            return Ok(None);
        }
        let Some(latest) = entries.iter().map(|(v, _)| *v).max() else {
            SNAPSHOTS
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&key);
            let storage = self.feature_dir(feature);
            let geomesa = geomesa::snapshot(
                &self.client.objects,
                &storage,
                feature,
                self.auths.as_deref(),
            );
            if let Some(snapshot) = geomesa.await? {
                // GeoMesa's store has one version to Strabo: what its metadata says now.
                return match at {
                    Some(version) if version > 0 => Err(StoreError::NoSuchVersion {
                        feature: feature.to_owned(),
                        version,
                        latest: 0,
                    }),
                    _ => Ok(Some(snapshot)),
                };
            }
            return Err(StoreError::NoSuchFeature(
                feature.to_owned(),
                self.uri.clone(),
            ));
        };
        let target = at.unwrap_or(latest);
        if target > latest {
            return Err(StoreError::NoSuchVersion {
                feature: feature.to_owned(),
                version: target,
                latest,
            });
        }
        // A cached snapshot is a prefix of this log if its last entry is still the object it
        // was read from (a deleted and rewritten feature type has new entries).
        let cached = SNAPSHOTS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
            .cloned()
            .filter(|cached| {
                cached.snapshot.version <= target
                    && entries.iter().any(|(v, meta)| {
                        *v == cached.snapshot.version
                            && meta.last_modified == cached.entry.last_modified
                            && meta.size == cached.entry.size
                            && meta.e_tag == cached.entry.e_tag
                    })
            });
        let (start, from) = match cached {
            Some(cached) if cached.snapshot.version == target => {
                return Ok(Some(cached.snapshot.clone()))
            }
            Some(cached) => (Some(cached.snapshot.clone()), cached.snapshot.version + 1),
            None => (None, 0),
        };
        // The newest readable checkpoint past that saves reading the entries up to it.
        checkpoints.retain(|c| (from..=target).contains(c));
        let mut start_from = (start, from);
        for version in checkpoints.into_iter().rev() {
            if let Some(snapshot) = self.read_checkpoint(feature, version).await {
                start_from = (Some(snapshot), version + 1);
                break;
            }
        }
        let (start, from) = start_from;
        if since.is_some() && start.is_none() {
            return Ok(None);
        }
        let first = entries.first().map_or(0, |(v, _)| *v);
        if start.is_none() && first > 0 {
            // A vacuum expired the log before `first`, whose checkpoint is the only start.
            return Err(if target < first {
                StoreError::VersionExpired {
                    feature: feature.to_owned(),
                    version: target,
                    oldest: first,
                }
            } else {
                StoreError::Corrupt(format!(
                    "feature type '{feature}': the log starts at version {first}, whose \
                     checkpoint cannot be read"
                ))
            });
        }
        // Read concurrently, as each read is a round trip on an object store.
        let commits: Vec<Commit> =
            futures::stream::iter(entries.iter().filter(|(v, _)| (from..=target).contains(v)))
                .map(|(version, _)| self.read_entry(feature, *version))
                .buffered(CONCURRENT_READS)
                .try_collect()
                .await?;
        let snapshot = Snapshot::replay_from(feature, start, commits)?;
        if snapshot.version == latest {
            if let Some((_, entry)) = entries.iter().find(|(v, _)| *v == latest) {
                let cached = CachedSnapshot {
                    snapshot: snapshot.clone(),
                    entry: entry.clone(),
                };
                SNAPSHOTS
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(key, Arc::new(cached));
            }
        }
        Ok(Some(snapshot))
    }

    /// A feature type's log from version `since` (all of it if `None`): its entries' versions
    /// with their objects, and its checkpoints' versions, each in version order.
    async fn list_log(
        &self,
        feature: &str,
        since: Option<u64>,
    ) -> Result<(Vec<(u64, ObjectMeta)>, Vec<u64>), StoreError> {
        let dir = self.log_dir(feature);
        let listing = match since {
            // Names start with the zero-padded version, so the listing starts at `since`'s
            // entry and checkpoint (S3 lists from there, with `start-after`).
            Some(since) => {
                let offset = dir.clone().join(format!("{since:020}"));
                self.client.objects.list_with_offset(Some(&dir), &offset)
            }
            None => self.client.objects.list(Some(&dir)),
        };
        let listed: Vec<ObjectMeta> = listing.try_collect().await?;
        let name = |meta: &ObjectMeta| meta.location.filename().map(str::to_owned);
        let mut entries: Vec<(u64, ObjectMeta)> = listed
            .iter()
            .filter_map(|meta| Some((version_of(&name(meta)?)?, meta.clone())))
            .collect();
        entries.sort_unstable_by_key(|(v, _)| *v);
        let mut checkpoints: Vec<u64> = listed
            .iter()
            .filter_map(|meta| checkpoint_of(&name(meta)?))
            .collect();
        checkpoints.sort_unstable();
        Ok((entries, checkpoints))
    }

    /// The log entry of a version.
    async fn read_entry(&self, feature: &str, version: u64) -> Result<Commit, StoreError> {
        let path = self.log_dir(feature).join(entry_name(version).as_str());
        let bytes = self.client.objects.get(&path).await?.bytes().await?;
        serde_json::from_slice(&bytes).map_err(|e| {
            StoreError::Corrupt(format!(
                "feature type '{feature}': log entry {version}: {e}"
            ))
        })
    }

    /// Writes `batch` as data files of `feature_type`, one per partition, and returns what the
    /// log needs to know of them. Nothing is visible to readers until [`Store::commit`]. A
    /// task with many batches uses a [`TaskWriter`] instead, for one file per partition.
    pub fn write(
        &self,
        feature_type: &FeatureType,
        batch: &RecordBatch,
        encoding: GeomEncoding,
        options: FileOptions,
    ) -> Result<Vec<DataFile>, StoreError> {
        let mut writer = TaskWriter::new(feature_type.clone(), encoding, options, &new_job_id())?;
        if let Err(e) = writer.write(self, batch) {
            writer.abort(self);
            return Err(e);
        }
        writer.finish(self)
    }

    /// Commits files written by [`Store::write`] as one new version, creating the feature type
    /// if it does not exist. A feature type that exists must be compatible with
    /// `feature_type`; its stored scheme and dtg win.
    ///
    /// Losing a race for a version replays the operation on the new snapshot. A put whose
    /// outcome is unknown (its reply lost, or `AlreadyExists` after the client retried it) is
    /// settled by reading the entry back: the commit is this one's if the entry carries its
    /// transaction id. So an append lands exactly once. After [`COMMIT_RETRIES`] losses, when
    /// an overwrite's files were replaced meanwhile, or when the data does not fit the feature
    /// type, nothing is committed and the new files are deleted. After a storage error they
    /// are kept: a file too many is harmless where a committed file deleted is not.
    pub fn commit(
        &self,
        feature_type: &FeatureType,
        mode: WriteMode,
        files: Vec<DataFile>,
    ) -> Result<u64, StoreError> {
        let result = IO_RUNTIME
            .block_on(self.commit_async(feature_type, Change::Write(mode), &files))
            .map(|commit| commit.version);
        if matches!(
            result,
            Err(StoreError::Conflict { .. }
                | StoreError::Replaced { .. }
                | StoreError::MissingFile { .. }
                | StoreError::Schema(_))
        ) {
            IO_RUNTIME.block_on(
                self.delete_files(&feature_type.name, files.iter().map(|f| f.path.clone())),
            );
        }
        result
    }

    /// Commits `change` with `files`; returns the entry that landed.
    async fn commit_async(
        &self,
        feature_type: &FeatureType,
        change: Change<'_>,
        files: &[DataFile],
    ) -> Result<Commit, StoreError> {
        feature_type.validate()?;
        let feature = &feature_type.name;
        self.check_creates_if_absent().await?;
        self.check_files_exist(feature, files).await?;
        let txn = uuid::Uuid::new_v4().simple().to_string();
        // What an overwrite or a compaction replaces: files of the version it read.
        let replaced = match change {
            Change::Write(WriteMode::Overwrite { read: Some(read) }) => {
                let at_read = self.load_log(feature, Some(read)).await?;
                let paths = at_read.files.into_iter().map(|f| f.path).collect();
                Some(("overwrite", read, paths))
            }
            Change::Compact { read, remove } => Some(("compaction", read, remove.to_vec())),
            Change::Write(_) | Change::Drop => None,
        };
        for attempt in 0..=COMMIT_RETRIES {
            let latest = match self.load_log(feature, None).await {
                Ok(snapshot) if snapshot.read_only => return Err(StoreError::read_only(feature)),
                Ok(snapshot) => Some(snapshot),
                Err(StoreError::NoSuchFeature(..)) => None,
                Err(e) => return Err(e),
            };
            let live = latest.as_ref().filter(|s| !s.dropped);
            if let Some(live) = live {
                live.feature_type.check_compatible(feature_type)?;
            } else if matches!(change, Change::Compact { .. } | Change::Drop) {
                return Err(StoreError::NoSuchFeature(feature.clone(), self.uri.clone()));
            }
            let live_paths = || {
                live.iter()
                    .flat_map(|s| s.files.iter().map(|f| f.path.clone()))
            };
            let remove: Vec<String> = match &replaced {
                Some((operation, read, paths)) => {
                    let current: std::collections::HashSet<String> = live_paths().collect();
                    if !paths.iter().all(|path| current.contains(path)) {
                        return Err(StoreError::Replaced {
                            feature: feature.clone(),
                            operation,
                            read: *read,
                            latest: latest.as_ref().map_or(0, |s| s.version),
                        });
                    }
                    paths.clone()
                }
                None if matches!(change, Change::Drop) => live_paths().collect(),
                None => Vec::new(),
            };
            // The feature type is created, or created again after a drop.
            let create = live.is_none();
            let operation = match change {
                Change::Write(_) if create => Operation::Create,
                Change::Write(WriteMode::Append) => Operation::Append,
                Change::Write(WriteMode::Overwrite { .. }) => Operation::Overwrite,
                Change::Compact { .. } => Operation::Compact,
                Change::Drop => Operation::Drop,
            };
            let commit = Commit {
                version: latest.as_ref().map_or(0, |s| s.version + 1),
                timestamp: now_millis(),
                operation,
                txn: Some(txn.clone()),
                feature_type: create.then(|| feature_type.clone()),
                add: files.to_vec(),
                remove,
            };
            let version = commit.version;
            let landed = match self.put_commit(feature, &commit).await {
                Ok(()) => true,
                // The put failed, or its reply did: the entry says whose it is.
                Err(error) => match self.read_entry(feature, version).await {
                    Ok(entry) if entry.txn.as_deref() == Some(txn.as_str()) => true,
                    // Another writer's entry: this put cannot land at that version.
                    Ok(_) | Err(StoreError::Corrupt(_)) => false,
                    Err(_) => return Err(error),
                },
            };
            if landed {
                if version > 0 && version.is_multiple_of(CHECKPOINT_INTERVAL) {
                    if let Ok(snapshot) = Snapshot::replay_from(feature, latest, [commit.clone()]) {
                        self.put_checkpoint(feature, &snapshot).await;
                    }
                }
                return Ok(commit);
            }
            if attempt == COMMIT_RETRIES {
                return Err(StoreError::Conflict {
                    feature: feature.clone(),
                    version,
                    retries: COMMIT_RETRIES,
                });
            }
        }
        unreachable!("the last attempt returns")
    }

    /// Fails unless every file a commit adds is in the store with the size it was written
    /// with: a task that wrote to its executor's own disk, or a file lost since, would
    /// otherwise commit rows no reader can read. The files are asked for a few at a time.
    async fn check_files_exist(&self, feature: &str, files: &[DataFile]) -> Result<(), StoreError> {
        let dir = self.feature_dir(feature);
        let missing = |path: &str, problem: String| StoreError::MissingFile {
            feature: feature.to_owned(),
            path: path.to_owned(),
            problem,
            uri: self.uri.clone(),
        };
        futures::stream::iter(files.iter().map(|file| {
            let location = dir.child_path(&file.path);
            async move {
                match self.client.objects.head(&location).await {
                    Ok(meta) if meta.size == file.bytes => Ok(()),
                    Ok(meta) => Err(missing(
                        &file.path,
                        format!("has {} bytes, not the {} written", meta.size, file.bytes),
                    )),
                    Err(object_store::Error::NotFound { .. }) => {
                        Err(missing(&file.path, "does not exist".into()))
                    }
                    Err(e) => Err(e.into()),
                }
            }
        }))
        .buffer_unordered(16)
        .try_collect::<()>()
        .await
    }

    /// The snapshot a checkpoint holds; `None` if it cannot be read or is not the version its
    /// name says, so that the log entries are replayed instead.
    async fn read_checkpoint(&self, feature: &str, version: u64) -> Option<Snapshot> {
        let path = self
            .log_dir(feature)
            .join(checkpoint_name(version).as_str());
        let bytes = self.read_if_readable(&path).await?;
        let checkpoint: Checkpoint = serde_json::from_slice(&bytes).ok()?;
        (checkpoint.version == version && checkpoint.feature_type.name == feature)
            .then(|| checkpoint.into())
    }

    /// Writes the checkpoint of `snapshot`, unless one exists. A checkpoint only saves reading
    /// entries, so failing to write one fails nothing: readers replay the entries instead.
    async fn put_checkpoint(&self, feature: &str, snapshot: &Snapshot) {
        let path = self
            .log_dir(feature)
            .join(checkpoint_name(snapshot.version).as_str());
        let body =
            serde_json::to_vec(&Checkpoint::from(snapshot)).expect("a checkpoint serializes");
        let options = PutOptions {
            mode: PutMode::Create,
            ..PutOptions::default()
        };
        let created = self
            .client
            .objects
            .put_opts(&path, PutPayload::from(body), options)
            .await;
        if created.is_ok() {
            // Racing writers may leave an older pointer: a reader then reads more entries.
            let pointer = serde_json::json!({ "version": snapshot.version }).to_string();
            let _ = self
                .client
                .objects
                .put(
                    &self.last_checkpoint_path(feature),
                    PutPayload::from(pointer),
                )
                .await;
        }
    }

    /// An object's bytes; `None` if it is missing or cannot be read.
    async fn read_if_readable(&self, path: &Path) -> Option<bytes::Bytes> {
        self.client.objects.get(path).await.ok()?.bytes().await.ok()
    }

    fn last_checkpoint_path(&self, feature: &str) -> Path {
        self.log_dir(feature).join(LAST_CHECKPOINT)
    }

    /// The version of the newest checkpoint, as the pointer beside the log says; `None` if
    /// there is no readable pointer.
    async fn last_checkpoint(&self, feature: &str) -> Option<u64> {
        let path = self.last_checkpoint_path(feature);
        let bytes = self.read_if_readable(&path).await?;
        let pointer: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
        pointer.get("version")?.as_u64()
    }

    /// Creates a log entry if its version is free.
    async fn put_commit(&self, feature: &str, commit: &Commit) -> Result<(), StoreError> {
        let path = self
            .log_dir(feature)
            .join(entry_name(commit.version).as_str());
        let body = serde_json::to_vec(commit).expect("a commit serializes");
        let options = PutOptions {
            mode: PutMode::Create,
            ..PutOptions::default()
        };
        self.client
            .objects
            .put_opts(&path, PutPayload::from(body), options)
            .await?;
        Ok(())
    }

    /// The latest snapshot of a feature type that Strabo may change: one in GeoMesa's own
    /// layout is refused before anything is written or deleted.
    fn writable_snapshot(&self, feature: &str) -> Result<Snapshot, StoreError> {
        let snapshot = self.snapshot(feature)?;
        if snapshot.read_only {
            return Err(StoreError::read_only(feature));
        }
        Ok(snapshot)
    }

    /// Rewrites every partition held in more than one file as one file, in one commit, so
    /// that many small appends read as few files. Returns the new version, or `None` when no
    /// partition has more than one file. A concurrent commit that removes one of the files
    /// fails the compaction (and deletes its new files); appends beside it do not.
    ///
    /// This runs every rewrite in the calling thread; Spark runs them as tasks instead
    /// ([`Store::compaction`], [`Store::rewrite`] on the executors, [`Store::commit_compaction`]).
    pub fn compact(&self, feature: &str) -> Result<Option<u64>, StoreError> {
        let Some(compaction) = self.compaction(feature)? else {
            return Ok(None);
        };
        let mut added = Vec::new();
        for files in &compaction.partitions {
            match self.rewrite(&compaction.feature_type, files) {
                Ok(written) => added.extend(written),
                Err(e) => {
                    self.discard(feature, &added);
                    return Err(e);
                }
            }
        }
        self.commit_compaction(&compaction, &added).map(Some)
    }

    /// What a compaction of a feature type's latest version rewrites: each partition held in
    /// more than one file. `None` when there is none.
    pub fn compaction(&self, feature: &str) -> Result<Option<Compaction>, StoreError> {
        let snapshot = self.writable_snapshot(feature)?;
        let mut partitions: std::collections::BTreeMap<String, Vec<DataFile>> =
            std::collections::BTreeMap::new();
        for file in snapshot.files {
            partitions
                .entry(file.partition.clone())
                .or_default()
                .push(file);
        }
        let partitions: Vec<Vec<DataFile>> = partitions
            .into_values()
            .filter(|files| files.len() > 1)
            .collect();
        Ok((!partitions.is_empty()).then_some(Compaction {
            read: snapshot.version,
            feature_type: snapshot.feature_type,
            partitions,
        }))
    }

    /// Rewrites the files of one partition as one file (uncommitted): a compaction's task.
    /// The partition's rows are held in memory once, by the task that rewrites it.
    pub fn rewrite(
        &self,
        feature_type: &FeatureType,
        files: &[DataFile],
    ) -> Result<Vec<DataFile>, StoreError> {
        let feature = &feature_type.name;
        let mut columns: Vec<&str> = feature_type
            .attributes
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        columns.push(schema::FID);
        let mut batches = Vec::new();
        for file in files {
            for batch in self.read_file(feature, file, Some(&columns), None, None, None)? {
                batches.push(batch?);
            }
        }
        let Some(first) = batches.first() else {
            return Ok(Vec::new());
        };
        let batch = arrow_select::concat::concat_batches(&first.schema(), &batches)?;
        let batch = host::geometries_with_srid(feature_type, &batch)?;
        self.write(
            feature_type,
            &batch,
            GeomEncoding::SridWkb,
            FileOptions::default(),
        )
    }

    /// Commits a compaction's rewritten files in place of the files it planned to replace, as
    /// of the version it read; returns the new version. On failure (a concurrent commit that
    /// removed one of them) the rewritten files are deleted.
    pub fn commit_compaction(
        &self,
        compaction: &Compaction,
        added: &[DataFile],
    ) -> Result<u64, StoreError> {
        let removed: Vec<String> = compaction
            .partitions
            .iter()
            .flatten()
            .map(|f| f.path.clone())
            .collect();
        let result = IO_RUNTIME.block_on(self.commit_async(
            &compaction.feature_type,
            Change::Compact {
                read: compaction.read,
                remove: &removed,
            },
            added,
        ));
        if result.is_err() {
            self.discard(&compaction.feature_type.name, added);
        }
        result.map(|commit| commit.version)
    }

    /// Deletes the files of a feature type that no snapshot within the retention can read:
    /// files that a commit replaced (an overwrite, a compaction) before the version current
    /// `retain` ago, and data files that no commit lists (a killed job's), last modified more
    /// than `retain` ago, with the marks of aborted jobs as old. Snapshots within the
    /// retention, and time travel to them, keep every file they list. A retention shorter than
    /// a running write job can take that job's files: its commit then fails (its files are
    /// checked), and nothing is lost but the job.
    ///
    /// It then expires the log, as Iceberg's `expire_snapshots` does: the entries and
    /// checkpoints before the newest checkpoint that was current `retain` ago are deleted,
    /// so the log stops growing. That checkpoint is where replays start from; time travel to
    /// a version before it is an error naming the oldest version left.
    pub fn vacuum(
        &self,
        feature: &str,
        retain: std::time::Duration,
    ) -> Result<Vacuumed, StoreError> {
        let snapshot = self.writable_snapshot(feature)?;
        let cutoff =
            now_millis().saturating_sub(i64::try_from(retain.as_millis()).unwrap_or(i64::MAX));
        IO_RUNTIME.block_on(async {
            let (entries, checkpoints) = self.list_log(feature, None).await?;
            let oldest = entries.first().map_or(0, |(v, _)| *v);
            // When each file listed by a commit left the snapshot, if it did.
            let mut removed_at: HashMap<String, Option<u64>> = HashMap::new();
            if oldest > 0 {
                // An expired log starts at a checkpoint, which lists the files then current.
                let start = self.read_checkpoint(feature, oldest).await.ok_or_else(|| {
                    StoreError::Corrupt(format!(
                        "feature type '{feature}': the log starts at version {oldest}, whose \
                         checkpoint cannot be read"
                    ))
                })?;
                removed_at.extend(start.files.into_iter().map(|file| (file.path, None)));
            }
            // The version a read `retain` ago saw: the latest committed by the cutoff.
            let mut current_at_cutoff = None;
            let commits: Vec<Commit> = futures::stream::iter(oldest..=snapshot.version)
                .map(|version| self.read_entry(feature, version))
                .buffered(CONCURRENT_READS)
                .try_collect()
                .await?;
            for commit in commits {
                if commit.timestamp <= cutoff {
                    current_at_cutoff = Some(commit.version);
                }
                for file in commit.add {
                    removed_at.insert(file.path, None);
                }
                for path in commit.remove {
                    removed_at.insert(path, Some(commit.version));
                }
            }
            let dir = self.feature_dir(feature);
            let listed: Vec<ObjectMeta> =
                self.client.objects.list(Some(&dir)).try_collect().await?;
            let mut doomed = Vec::new();
            for meta in listed {
                let Some(path) = relative_path(&dir, &meta.location) else {
                    continue;
                };
                let expired = meta.last_modified.timestamp_millis() <= cutoff;
                let remove = if path.starts_with(&format!("{LOG_DIR}/")) {
                    false
                } else if path.starts_with(&format!("{ABORTED_JOBS_DIR}/")) {
                    expired
                } else {
                    match removed_at.get(&path) {
                        // Replaced before the version the cutoff saw: no snapshot in the
                        // retention lists it.
                        Some(Some(version)) => current_at_cutoff.is_some_and(|v| *version <= v),
                        Some(None) => false,
                        None => expired && is_data_file(&path),
                    }
                };
                if remove {
                    doomed.push((path, meta.size));
                }
            }
            let mut vacuumed = Vacuumed {
                oldest_version: oldest,
                ..Vacuumed::default()
            };
            for (path, size) in doomed {
                match self.client.objects.delete(&dir.child_path(&path)).await {
                    Ok(()) | Err(object_store::Error::NotFound { .. }) => {
                        vacuumed.bytes += size;
                        vacuumed.files.push(path);
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            vacuumed.files.sort();
            // The newest readable checkpoint no later than the version the cutoff saw.
            let mut expire_before = None;
            for &version in checkpoints.iter().rev() {
                if version > oldest
                    && current_at_cutoff.is_some_and(|v| version <= v)
                    && self.read_checkpoint(feature, version).await.is_some()
                {
                    expire_before = Some(version);
                    break;
                }
            }
            // The pointer marks a log without entry 0 as Strabo's (`feature_types`).
            let starts_at_checkpoint = expire_before.or((oldest > 0).then_some(oldest));
            if starts_at_checkpoint.is_some() && self.last_checkpoint(feature).await.is_none() {
                let newest = checkpoints.iter().chain(&starts_at_checkpoint).max();
                let pointer = serde_json::json!({ "version": newest }).to_string();
                self.client
                    .objects
                    .put(
                        &self.last_checkpoint_path(feature),
                        PutPayload::from(pointer),
                    )
                    .await?;
            }
            if let Some(start) = expire_before {
                // Entries first: a reader that listed them before starts from a checkpoint
                // at or after `start` all the same.
                let log = self.log_dir(feature);
                let expired_entries = entries
                    .iter()
                    .map(|(v, _)| *v)
                    .filter(|v| *v < start)
                    .map(|v| log.clone().join(entry_name(v).as_str()));
                let expired_checkpoints = checkpoints
                    .iter()
                    .filter(|v| **v < start)
                    .map(|v| log.clone().join(checkpoint_name(*v).as_str()));
                for path in expired_entries.chain(expired_checkpoints) {
                    match self.client.objects.delete(&path).await {
                        Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                        Err(e) => return Err(e.into()),
                    }
                }
                vacuumed.oldest_version = start;
            }
            Ok(vacuumed)
        })
    }

    /// Deletes files written by [`Store::write`] that will not be committed (a failed job's);
    /// best effort.
    pub fn discard(&self, feature: &str, files: &[DataFile]) {
        IO_RUNTIME.block_on(self.delete_files(feature, files.iter().map(|f| f.path.clone())));
    }

    /// Deletes every file of write job `job` that the latest snapshot does not list: what an
    /// aborted job wrote, including files of tasks whose word never reached the driver (a task
    /// that finished as the job failed). Best effort.
    ///
    /// The job is marked aborted before the listing, and a task looks for the mark after its
    /// last file (see [`Store::job_aborted`]): either the listing sees the task's files or the
    /// task sees the mark and deletes them itself.
    pub fn discard_job(&self, feature: &str, job: &str) -> Result<(), StoreError> {
        check_job_id(job)?;
        let marked = IO_RUNTIME.block_on(
            self.client
                .objects
                .put(&self.aborted_job_marker(feature, job), PutPayload::new()),
        );
        let committed: std::collections::HashSet<String> = match self.snapshot(feature) {
            Ok(snapshot) => snapshot.files.into_iter().map(|f| f.path).collect(),
            Err(StoreError::NoSuchFeature(..)) => Default::default(),
            Err(e) => return Err(e),
        };
        let dir = self.feature_dir(feature);
        let marker = format!("W{job}");
        IO_RUNTIME.block_on(async {
            let paths: Vec<String> = self
                .client
                .objects
                .list(Some(&dir))
                .try_filter_map(|meta| {
                    let path = relative_path(&dir, &meta.location);
                    let ours = meta.location.filename().is_some_and(|name| {
                        name.starts_with(&marker) || name.contains(&format!("_{marker}"))
                    });
                    futures::future::ready(Ok(path.filter(|p| ours && !committed.contains(p))))
                })
                .try_collect()
                .await?;
            self.delete_files(feature, paths.into_iter()).await;
            Ok::<(), StoreError>(())
        })?;
        marked?;
        Ok(())
    }

    /// Whether [`Store::discard_job`] has begun for write job `job`.
    pub fn job_aborted(&self, feature: &str, job: &str) -> Result<bool, StoreError> {
        match IO_RUNTIME.block_on(
            self.client
                .objects
                .head(&self.aborted_job_marker(feature, job)),
        ) {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    fn aborted_job_marker(&self, feature: &str, job: &str) -> Path {
        self.feature_dir(feature)
            .join(ABORTED_JOBS_DIR)
            .join(format!("{job}.aborted"))
    }

    /// Drops a feature type: a commit that removes its files and marks it dropped, so that
    /// readers stop seeing it at once, and a writer racing the drop either commits before it
    /// (and its files are dropped too) or after it (and creates the feature type anew). The
    /// dropped files are then deleted; the log stays. Fails if the feature type does not exist.
    pub fn delete_feature_type(&self, feature: &str) -> Result<(), StoreError> {
        let feature_type = self.writable_snapshot(feature)?.feature_type;
        IO_RUNTIME.block_on(async {
            let drop = self.commit_async(&feature_type, Change::Drop, &[]).await?;
            self.delete_files(feature, drop.remove.into_iter()).await;
            Ok(())
        })
    }

    /// Deletes data files by their paths in the feature type's directory; best effort, for
    /// files no commit references.
    async fn delete_files(&self, feature: &str, paths: impl Iterator<Item = String>) {
        let dir = self.feature_dir(feature);
        for path in paths {
            let _ = self.client.objects.delete(&dir.child_path(&path)).await;
        }
    }

    /// Reads a data file of a snapshot: the given columns (all if `None`), the given row groups
    /// (all if `None`), at most `limit` rows. With `pages`, a feature type and a filter, it
    /// skips the pages whose statistics rule the filter out (the rows read still need the
    /// filter applied). The footer is read now; the batches as they are asked for.
    pub fn read_file(
        &self,
        feature: &str,
        file: &DataFile,
        columns: Option<&[&str]>,
        row_groups: Option<Vec<usize>>,
        limit: Option<usize>,
        pages: Option<(&FeatureType, &Filter)>,
    ) -> Result<FileBatches, StoreError> {
        let path = self.feature_dir(feature).child_path(&file.path);
        let name = format!("{feature}/{}", file.path);
        IO_RUNTIME.block_on(async {
            let policy = match pages {
                Some(_) => PageIndexPolicy::Optional,
                None => PageIndexPolicy::Skip,
            };
            let reader = ObjectFile::new(self.client.objects.clone(), path, file.bytes, policy);
            // The Arrow schema that a writer may embed (`ARROW:schema`) is not read: the types
            // follow from the Parquet schema alone, and arrow-ipc panics on a corrupt one.
            let options = ArrowReaderOptions::new()
                .with_page_index_policy(policy)
                .with_skip_arrow_metadata(true);
            let mut builder = decode_guard::decode(
                &name,
                ParquetRecordBatchStreamBuilder::new_with_options(reader, options),
            )
            .await?;
            if let Some((feature_type, filter)) = pages {
                let groups: Vec<usize> = row_groups
                    .clone()
                    .unwrap_or_else(|| (0..builder.metadata().num_row_groups()).collect());
                let selection =
                    scan::page_selection(feature_type, filter, builder.metadata(), &groups);
                if let Some(selection) = selection {
                    builder = builder.with_row_selection(selection);
                }
            }
            // A GeoMesa store's file: how it names its columns, and which rows are kept.
            let geomesa = match &file.geomesa {
                Some(rows) => Some(self.geomesa_rows(feature, rows, &builder, &name).await?),
                None => None,
            };
            if let Some(columns) = columns {
                let mut wanted: Vec<std::borrow::Cow<'_, str>> = columns
                    .iter()
                    .map(|name| match &geomesa {
                        Some(read) => geomesa::column_name(name, read.encoding),
                        None => (*name).into(),
                    })
                    .collect();
                if let Some(read) = &geomesa {
                    for column in read.extra_columns() {
                        wanted.push(std::borrow::Cow::Borrowed(column));
                    }
                }
                let roots: Vec<usize> = wanted
                    .iter()
                    .zip(columns.iter().map(Some).chain(std::iter::repeat(None)))
                    .map(|(column, name)| {
                        builder.schema().index_of(column).map_err(|_| {
                            StoreError::Schema(format!(
                                "feature type '{feature}' has no column '{}'",
                                name.copied().unwrap_or(column)
                            ))
                        })
                    })
                    .collect::<Result<_, _>>()?;
                let mask = ProjectionMask::roots(builder.parquet_schema(), roots);
                builder = builder.with_projection(mask);
            }
            if let Some(row_groups) = row_groups {
                builder = builder.with_row_groups(row_groups);
            }
            if let Some(limit) = limit.filter(|_| geomesa.as_ref().is_none_or(|g| !g.filters())) {
                builder = builder.with_limit(limit);
            }
            let storage = self.feature_dir(feature);
            let spec = geomesa::file_spec(
                builder.metadata().file_metadata(),
                file.geomesa
                    .as_ref()
                    .map(|_| (&self.client.objects, &storage)),
                feature,
            )
            .await?;
            Ok(FileBatches {
                batches: builder.build()?,
                name,
                spec,
                geomesa,
                columns: columns.map(owned),
            })
        })
    }

    /// How to read a file of a GeoMesa store: its encoding, the feature ids that newer
    /// changes hide (read from their files now), and the reader's authorizations.
    async fn geomesa_rows(
        &self,
        feature: &str,
        rows: &geomesa::GeoMesaRows,
        builder: &ParquetRecordBatchStreamBuilder<ObjectFile>,
        name: &str,
    ) -> Result<GeoMesaRead, StoreError> {
        let encoding = geomesa::file_encoding(builder.metadata().file_metadata(), name)?;
        let mut hidden = HashSet::new();
        for change in &rows.hidden_by {
            hidden.extend(self.feature_ids(feature, change).await?);
        }
        let labelled = builder
            .schema()
            .index_of(strabo_geomesa::columns::VISIBILITY_COLUMN)
            .is_ok();
        Ok(GeoMesaRead {
            encoding,
            hidden,
            labelled,
            auths: strabo_geomesa::Authorizations::parse(rows.auths.as_deref().unwrap_or("")),
        })
    }

    /// The feature ids in a data file of a GeoMesa store (a `Modify` or `Delete` file).
    async fn feature_ids(&self, feature: &str, path: &str) -> Result<HashSet<String>, StoreError> {
        let location = self.feature_dir(feature).child_path(path);
        let name = format!("{feature}/{path}");
        let size = self.client.objects.head(&location).await?.size;
        let reader = ObjectFile::new(
            self.client.objects.clone(),
            location,
            size,
            PageIndexPolicy::Skip,
        );
        let options = ArrowReaderOptions::new().with_skip_arrow_metadata(true);
        let builder = decode_guard::decode(
            &name,
            ParquetRecordBatchStreamBuilder::new_with_options(reader, options),
        )
        .await?;
        let fid = builder.schema().index_of(schema::FID).map_err(|_| {
            StoreError::Corrupt(format!(
                "{name}: a GeoMesa change file without '{}'",
                schema::FID
            ))
        })?;
        let mask = ProjectionMask::roots(builder.parquet_schema(), [fid]);
        let mut batches = builder.with_projection(mask).build()?;
        let mut ids = HashSet::new();
        while let Some(batch) = decode_guard::decode(&name, batches.try_next()).await? {
            let column = arrow_array::cast::AsArray::as_string_opt::<i32>(batch.column(0))
                .ok_or_else(|| {
                    StoreError::Corrupt(format!("{name}: its feature ids are not strings"))
                })?;
            ids.extend(column.iter().flatten().map(str::to_owned));
        }
        Ok(ids)
    }
}

/// How a file of a GeoMesa store is read ([`Store::read_file`]).
struct GeoMesaRead {
    encoding: strabo_geomesa::columns::FileEncoding,
    /// Feature ids that newer changes hide.
    hidden: HashSet<String>,
    /// Whether the file has a visibility label column.
    labelled: bool,
    auths: strabo_geomesa::Authorizations,
}

impl GeoMesaRead {
    /// Whether rows may be dropped (so a limit cannot be pushed into the reader).
    fn filters(&self) -> bool {
        !self.hidden.is_empty() || self.labelled
    }

    /// Columns read besides those asked for: the ids and labels rows are kept by.
    fn extra_columns(&self) -> impl Iterator<Item = &'static str> {
        let ids = (!self.hidden.is_empty()).then_some(schema::FID);
        let labels = self
            .labelled
            .then_some(strabo_geomesa::columns::VISIBILITY_COLUMN);
        ids.into_iter().chain(labels)
    }
}

fn owned(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| name.to_string()).collect()
}

/// The batches of one data file ([`Store::read_file`]), each decoded when it is asked for: a
/// reader holds one batch of a file at a time, not the whole file.
pub struct FileBatches {
    batches: ParquetRecordBatchStream<ObjectFile>,
    /// The file as messages name it: relative to the store.
    name: String,
    spec: Option<strabo_geomesa::FeatureTypeSpec>,
    geomesa: Option<GeoMesaRead>,
    /// The columns in the caller's order; the reader returns them in the file's.
    columns: Option<Vec<String>>,
}

impl Iterator for FileBatches {
    type Item = Result<RecordBatch, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        let next = decode_guard::decode(&self.name, self.batches.try_next());
        let batch = IO_RUNTIME.block_on(next).transpose()?;
        Some(batch.and_then(|batch| {
            let encoding = self.geomesa.as_ref().map(|g| g.encoding);
            let mut batch = geomesa::conform(self.spec.as_ref(), encoding, batch)?;
            // Only a file whose rows may be dropped pays for the mask.
            if let Some(read) = self.geomesa.as_ref().filter(|g| g.filters()) {
                batch = geomesa::keep_rows(batch, &read.hidden, &read.auths)?;
            }
            match &self.columns {
                Some(columns) => project(&batch, columns),
                None => Ok(batch),
            }
        }))
    }
}

/// The rows of one planned file that match a filter ([`Store::scan`]), a batch at a time; a
/// batch of which no row matches is not handed out.
pub struct Scan {
    batches: FileBatches,
    /// The filter, unless it keeps every row.
    evaluator: Option<strabo_query::Evaluator>,
    /// The requested columns, when the filter reads others too.
    columns: Option<Vec<String>>,
    left: usize,
}

impl Scan {
    /// The rows of `batch` that match, with the requested columns.
    fn matching(&self, batch: RecordBatch) -> Result<RecordBatch, StoreError> {
        let Some(evaluator) = &self.evaluator else {
            return Ok(batch);
        };
        let mask = evaluator
            .evaluate(&batch)
            .map_err(|e| StoreError::Filter(e.to_string()))?;
        let kept = arrow_select::filter::filter_record_batch(&batch, &mask)?;
        match &self.columns {
            Some(columns) => project(&kept, columns),
            None => Ok(kept),
        }
    }
}

impl Iterator for Scan {
    type Item = Result<RecordBatch, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        while self.left > 0 {
            let kept = match self.batches.next()?.and_then(|batch| self.matching(batch)) {
                Ok(kept) => kept,
                Err(error) => return Some(Err(error)),
            };
            if kept.num_rows() > 0 {
                let kept = kept.slice(0, kept.num_rows().min(self.left));
                self.left -= kept.num_rows();
                return Some(Ok(kept));
            }
        }
        None
    }
}

impl Store {
    /// The files and row groups of `snapshot` that may hold rows matching `filter`.
    pub fn plan(&self, snapshot: &Snapshot, filter: &Filter) -> Result<ScanPlan, StoreError> {
        let feature = &snapshot.feature_type.name;
        scan::plan(snapshot, filter, |files| {
            let mut reads = futures::stream::iter(files)
                .map(|file| self.footer(feature, file))
                .buffered(CONCURRENT_READS);
            std::iter::from_fn(move || IO_RUNTIME.block_on(reads.next()))
        })
    }

    async fn footer(&self, feature: &str, file: &DataFile) -> Result<ParquetMetaData, StoreError> {
        let path = self.feature_dir(feature).child_path(&file.path);
        let mut reader = ObjectFile::new(
            self.client.objects.clone(),
            path,
            file.bytes,
            PageIndexPolicy::Skip,
        );
        decode_guard::decode(&format!("{feature}/{}", file.path), reader.metadata()).await
    }

    /// The rows of one planned file that match `filter` exactly, with the given columns (all
    /// if `None`), at most `limit` of them, read a batch at a time as the [`Scan`] is iterated
    /// (so a limit stops the reading too). The filter is prepared once (its geometries read
    /// and indexed) for every batch of the file.
    pub fn scan(
        &self,
        feature_type: &FeatureType,
        file: &FileScan,
        columns: Option<&[&str]>,
        filter: &Filter,
        limit: Option<usize>,
    ) -> Result<Scan, StoreError> {
        let feature = &feature_type.name;
        let groups = file.row_groups.clone();
        let left = limit.unwrap_or(usize::MAX);
        if *filter == Filter::Include {
            return Ok(Scan {
                batches: self.read_file(feature, &file.file, columns, groups, limit, None)?,
                evaluator: None,
                columns: None,
                left,
            });
        }
        let filter = scan::with_layer_srid(feature_type, filter);
        let evaluator =
            strabo_query::Evaluator::new(&filter).map_err(|e| StoreError::Filter(e.to_string()))?;
        // Read what the filter needs too, then keep the requested columns.
        let read_columns: Option<Vec<&str>> = columns.map(|c| {
            let mut all: Vec<&str> = c.to_vec();
            all.extend(filter.properties().into_iter().filter(|p| !c.contains(p)));
            all
        });
        let pages = Some((feature_type, &filter));
        Ok(Scan {
            batches: self.read_file(
                feature,
                &file.file,
                read_columns.as_deref(),
                groups,
                None,
                pages,
            )?,
            evaluator: Some(evaluator),
            columns: columns.map(owned),
            left,
        })
    }
}

/// `batch`'s columns named `columns`, in that order.
fn project(batch: &RecordBatch, columns: &[impl AsRef<str>]) -> Result<RecordBatch, StoreError> {
    let schema = batch.schema();
    let indices = columns
        .iter()
        .map(|c| schema.index_of(c.as_ref()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(batch.project(&indices)?)
}

/// A new write job's id: 16 hex digits that every file the job writes carries, so that an
/// aborted job's files can be found without its tasks' word (see [`Store::discard_job`]).
pub fn new_job_id() -> String {
    format!("{:016x}", uuid::Uuid::new_v4().as_u64_pair().0)
}

fn check_job_id(job: &str) -> Result<(), StoreError> {
    if job.len() == 16 && job.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(StoreError::Schema(format!(
            "a write job id is 16 hex digits, not '{job}'"
        )))
    }
}

/// Where a partition's new file goes, relative to the feature type's directory, as GeoMesa's
/// leaf storage names it: `2024/01/02/1_W<id>.parquet` for partition `2024/01/02/1`, and
/// `W<id>.parquet` for the flat scheme. The id is 32 hex digits, as a UUID's: the job's 16,
/// then 16 random ones.
fn data_file_path(partition: &str, job: &str) -> String {
    let random = uuid::Uuid::new_v4().as_u64_pair().0;
    if partition.is_empty() {
        format!("W{job}{random:016x}.parquet")
    } else {
        format!("{partition}_W{job}{random:016x}.parquet")
    }
}

/// An absolute path without `.` and `..` components, which object store paths cannot hold.
/// Lexical, as the path need not exist: `a/link/..` is `a`, wherever `link` points.
fn lexically_normal(path: &std::path::Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut normal = std::path::PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

/// `location` relative to `dir`, `a/b/c`; `None` outside it.
fn relative_path(dir: &Path, location: &Path) -> Option<String> {
    let parts: Vec<String> = location
        .prefix_match(dir)?
        .map(|part| part.as_ref().to_owned())
        .collect();
    Some(parts.join("/"))
}

/// Whether a file is named as Strabo names its data files ([`data_file_path`]): other files a
/// user keeps in the directory are never vacuumed.
fn is_data_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".parquet")
        .and_then(|stem| stem.rsplit_once('W').map(|(_, id)| id))
        .is_some_and(|id| id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()))
}

trait ChildPath {
    fn child_path(&self, relative: &str) -> Path;
}

impl ChildPath for Path {
    /// A relative `a/b/c` path below this one, segment by segment.
    fn child_path(&self, relative: &str) -> Path {
        relative.split('/').fold(self.clone(), Path::join)
    }
}

/// Epoch milliseconds as an ISO 8601 instant in UTC, for messages.
fn millis_text(millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis).map_or_else(
        || format!("{millis} ms"),
        |t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    )
}

fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}
