//! Errors: each names the text or the file that was wrong, and where.

use std::fmt;
use std::path::PathBuf;

/// A SimpleFeatureType spec string that does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// The whole spec text that was parsed.
    pub spec: String,
    /// Byte offset into `spec` where parsing stopped.
    pub position: usize,
    /// What was expected or wrong there.
    pub message: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Show the text around the failure, not the whole spec: specs can be long.
        let start = floor_char_boundary(&self.spec, self.position.saturating_sub(30));
        let end = floor_char_boundary(&self.spec, (self.position + 30).min(self.spec.len()));
        let at = floor_char_boundary(&self.spec, self.position);
        write!(
            f,
            "invalid feature type spec at byte {}: {} (near `{}` ⟨here⟩ `{}`)",
            self.position,
            self.message,
            &self.spec[start..at],
            &self.spec[at..end]
        )
    }
}

impl std::error::Error for SpecError {}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Everything that can go wrong reading a GeoMesa FileSystem data store's metadata.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A spec string (from the caller, or built from a store's `storage.json`) is invalid.
    #[error("{0}")]
    Spec(#[from] SpecError),
    /// A file or directory could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A HOCON/JSON metadata file has a syntax error.
    #[error("{path}: syntax error at line {line}, column {column}: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column (in characters) of the error.
        column: usize,
        /// What was wrong.
        message: String,
    },
    /// A metadata file parses but does not hold what GeoMesa writes there.
    #[error("{path}: {message}")]
    Metadata {
        /// The file (or, for a store-level problem, the directory).
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
    /// A storage of the store that cannot be read here (another encoding or metadata
    /// backend); the store's other feature types still read.
    #[error("GeoMesa storage `{storage}` at {path} cannot be read: {reason}")]
    Refused {
        /// The storage's directory name (its feature type's name, as GeoMesa names it).
        storage: String,
        /// The storage's directory.
        path: PathBuf,
        /// Why, and what reads it instead.
        reason: String,
    },
    /// No feature type of that name is in the store.
    #[error("no feature type named `{name}` under {root}")]
    UnknownType {
        /// The requested type name.
        name: String,
        /// The store root.
        root: PathBuf,
    },
}

impl Error {
    /// A [`Error::Metadata`] for `path`.
    pub(crate) fn metadata(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Metadata {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// Result alias for this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_error_shows_position_and_context() {
        let error = SpecError {
            spec: "name:String,age:Intger".into(),
            position: 16,
            message: "unknown attribute type".into(),
        };
        assert_eq!(
            error.to_string(),
            "invalid feature type spec at byte 16: unknown attribute type \
             (near `name:String,age:` ⟨here⟩ `Intger`)"
        );
    }

    #[test]
    fn spec_error_context_respects_char_boundaries() {
        let error = SpecError {
            spec: "é".repeat(40),
            position: 41,
            message: "x".into(),
        };
        // Must not panic on a position inside a multi-byte character.
        assert!(error.to_string().contains("at byte 41"));
    }
}
