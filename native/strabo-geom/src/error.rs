use thiserror::Error;

/// What went wrong inside a geometry codec or kernel. The executor adds the function name and a
/// preview of the offending value.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum GeomError {
    #[error("invalid WKB: {0}")]
    InvalidWkb(String),
    #[error("invalid WKT: {0}")]
    InvalidWkt(String),
    #[error("invalid GeoJSON: {0}")]
    InvalidGeoJson(String),
    #[error("invalid GML: {0}")]
    InvalidGml(String),
    #[error("geometries have different SRIDs ({0} and {1}); use st_setSRID to align them")]
    MixedSrid(i32, i32),
    #[error("cannot encode geometry as {format}: {reason}")]
    Encode {
        format: &'static str,
        reason: String,
    },
    /// A parameter (a number or a parameter string) outside what the function accepts.
    #[error("{0}")]
    InvalidParameter(String),
    /// A geometry the algorithm cannot work on, e.g. a self-intersecting polygon.
    #[error("invalid geometry: {0}")]
    InvalidGeometry(String),
    /// A geometry type the function does not handle.
    #[error("{0}")]
    Unsupported(String),
}

/// An error blamed on one argument of a function of several, so that the caller can name the
/// argument: `arg` is its 0-based position among the function's parameters (which follow the
/// order of the SQL function's).
#[derive(Debug, Clone, PartialEq, Error)]
#[error("{error}")]
pub struct ArgError {
    pub arg: usize,
    pub error: GeomError,
}

impl ArgError {
    /// Blames argument `arg` for `error`.
    pub fn at(arg: usize) -> impl FnOnce(GeomError) -> ArgError {
        move |error| ArgError { arg, error }
    }
}

/// For callers that do not name arguments.
impl From<ArgError> for GeomError {
    fn from(blamed: ArgError) -> GeomError {
        blamed.error
    }
}
