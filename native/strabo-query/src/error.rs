use arrow_schema::ArrowError;
use thiserror::Error;

/// Why a filter cannot be evaluated over a batch.
#[derive(Debug, Error)]
pub enum QueryError {
    /// The filter names a property the batch has no column for.
    #[error("the filter reads property '{0}', which the batch has no column for")]
    MissingProperty(String),
    /// The column's type does not fit the predicate or its literal.
    #[error("property '{property}': {message}")]
    Type { property: String, message: String },
    /// A row's geometry cannot be read or related.
    #[error("property '{property}', row {row} ({preview}): {reason}")]
    Geometry {
        property: String,
        row: usize,
        /// The row's WKB as hex, cut short.
        preview: String,
        reason: String,
    },
    /// The filter's own geometry cannot be read or related.
    #[error("the filter's geometry for '{property}': {reason}")]
    Literal { property: String, reason: String },
    /// A predicate this crate cannot evaluate exactly.
    #[error("{0}")]
    Unsupported(String),
    /// An Arrow kernel failed.
    #[error(transparent)]
    Arrow(#[from] ArrowError),
}

/// WKB as hex, at most 32 bytes of it, for an error message.
pub(crate) fn preview(bytes: &[u8]) -> String {
    const SHOWN: usize = 32;
    let mut text: String = bytes
        .iter()
        .take(SHOWN)
        .map(|byte| format!("{byte:02x}"))
        .collect();
    if bytes.len() > SHOWN {
        text.push_str(&format!("… ({} bytes)", bytes.len()));
    }
    text
}
