//! How kernels fail. The executor turns each error into a message naming the function, the
//! parameter and a preview of the value.
use strabo_geom::GeomError;

/// Why a kernel failed on one row, and which argument (0-based) was to blame, if one was.
#[derive(Debug, Clone, PartialEq)]
pub struct KernelError {
    pub arg: Option<usize>,
    pub error: GeomError,
}

impl KernelError {
    /// Blames argument `arg` for `error`.
    pub fn at(arg: usize) -> impl FnOnce(GeomError) -> KernelError {
        move |error| KernelError {
            arg: Some(arg),
            error,
        }
    }
}

impl From<GeomError> for KernelError {
    fn from(error: GeomError) -> Self {
        KernelError { arg: None, error }
    }
}

/// A kernel error in row `row` of a batch.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub row: usize,
    pub error: KernelError,
}

/// Why a function could not be bound to its arguments.
#[derive(Debug, Clone, PartialEq)]
pub enum BindError {
    /// A constant argument is bad (malformed WKB, an unknown parameter, …).
    Constant { arg: usize, error: GeomError },
    /// The arguments do not fit the kernel: a bug, or a jar and native library from different
    /// builds.
    Program(String),
}
