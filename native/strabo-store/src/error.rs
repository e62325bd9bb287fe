use thiserror::Error;

/// Why a store operation failed. Every variant is the user's to fix except `Io` (the storage)
/// and `Conflict` (another writer won; the operation may be retried).
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
