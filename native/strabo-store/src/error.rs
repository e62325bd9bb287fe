use thiserror::Error;

/// Why a store operation failed. Every variant is the user's to fix except `Io` (the storage),
/// and `Conflict` and `Replaced` (another writer won; the operation may be run again).
#[derive(Debug, Error)]
pub enum StoreError {
    /// A schema or option the store cannot take, or data that does not fit the schema.
    #[error("{0}")]
    Schema(String),
    /// A value the store cannot write, e.g. malformed WKB or a geometry outside its scheme.
    #[error("{0}")]
    Data(String),
    /// A filter the store cannot evaluate on this feature type (an unknown property, a literal
    /// of the wrong type).
    #[error("{0}")]
    Filter(String),
    /// A storage Strabo cannot serve: an unknown URI scheme, or one that cannot create an
    /// object only if it is absent (which commits need).
    #[error("{0}")]
    Unsupported(String),
    /// The feature type does not exist.
    #[error("feature type '{0}' does not exist at {1}")]
    NoSuchFeature(String, String),
    /// Another writer committed the same version first, `retries` times in a row.
    #[error("feature type '{feature}': another writer committed version {version} first ({retries} retries); nothing was committed")]
    Conflict {
        feature: String,
        version: u64,
        retries: u32,
    },
    /// A version the log does not have yet.
    #[error("feature type '{feature}' has no version {version}: its latest is {latest}")]
    NoSuchVersion {
        feature: String,
        version: u64,
        latest: u64,
    },
    /// A version whose log entries a vacuum deleted.
    #[error("feature type '{feature}' has no version {version} any more: a vacuum expired the log before version {oldest}, the oldest left")]
    VersionExpired {
        feature: String,
        version: u64,
        oldest: u64,
    },
    /// An overwrite or a compaction replaces files that a commit made since the version it
    /// read has removed (an overwrite, a compaction or a drop): its rows are gone or
    /// rewritten already, and replacing them again would lose or duplicate rows.
    #[error(
        "feature type '{feature}': the {operation} read version {read}, but a later commit \
             (the latest is version {latest}) removed files it replaces; nothing was \
             committed: run it again"
    )]
    Replaced {
        feature: String,
        operation: &'static str,
        read: u64,
        latest: u64,
    },
    /// A commit lists a data file that is not in the store, or not as written.
    #[error(
        "feature type '{feature}': data file '{path}' {problem} in the store at {uri}, so \
             nothing was committed. Were the files written to an executor's own disk? On a \
             cluster a store must be on storage every executor and the driver reach (an \
             object store, HDFS or a shared file system)"
    )]
    MissingFile {
        feature: String,
        path: String,
        problem: String,
        uri: String,
    },
    /// The write job was aborted while a task wrote; the task's files are deleted.
    #[error("write job {0} was aborted while this task wrote; its files are deleted")]
    JobAborted(String),
    /// A file in the store is not what the store wrote (a damaged or foreign log entry).
    #[error("{0}")]
    Corrupt(String),
    /// A data file the storage failed to return as the log describes it (e.g. one cut short).
    #[error("data file '{path}' could not be read: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("object store: {0}")]
    Io(#[from] object_store::Error),
    #[error("parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    #[error("arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
}

impl StoreError {
    /// A write to a feature type of GeoMesa's own store.
    pub fn read_only(feature: &str) -> StoreError {
        StoreError::Schema(format!(
            "feature type '{feature}' is in GeoMesa's own layout: Strabo reads it but does not write to it"
        ))
    }
}
