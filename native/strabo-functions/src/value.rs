use std::borrow::Cow;

use strabo_geom::{Geom, GeomError};

/// A non-null SQL value as kernels see it. Text and geometries may borrow the caller's buffer.
#[derive(Debug)]
pub enum Value<'a> {
    Boolean(bool),
    Double(f64),
    Text(Cow<'a, str>),
    Geometry(Geom<'a>),
}

/// Why a kernel failed, and which argument (0-based) was at fault if one was.
#[derive(Debug)]
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

/// The arguments of one call, already checked against the function's parameter kinds.
pub struct Args<'v, 'a> {
    values: &'v [&'v Value<'a>],
}

impl<'v, 'a> Args<'v, 'a> {
    pub fn new(values: &'v [&'v Value<'a>]) -> Self {
        Self { values }
    }

    pub fn geom(&self, index: usize) -> &'v Geom<'a> {
        match self.values[index] {
            Value::Geometry(geom) => geom,
            other => unreachable!("argument {index} was checked to be a geometry, got {other:?}"),
        }
    }

    pub fn double(&self, index: usize) -> f64 {
        match self.values[index] {
            Value::Double(value) => *value,
            other => unreachable!("argument {index} was checked to be a double, got {other:?}"),
        }
    }

    pub fn text(&self, index: usize) -> &'v str {
        match self.values[index] {
            Value::Text(text) => text,
            other => unreachable!("argument {index} was checked to be a string, got {other:?}"),
        }
    }
}
