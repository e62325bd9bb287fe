//! The function contract of Strabo.
//!
//! A SQL function is one registry entry ([`FunctionSpec`]) and its kernel. The entry declares
//! typed signatures (with overloads and optional parameters), the result type (any of BOOLEAN,
//! INT, BIGINT, DOUBLE, STRING, BINARY, GEOMETRY, and ARRAY or STRUCT of those), its NULL
//! policy, docs and examples. The kernel is a bind function: it sees the call's arguments once
//! per task, binds the constant ones (parameter strings, literal geometries, prepared indexes),
//! and returns a [`BatchFn`] that evaluates whole batches. The loops in [`map`] turn a per-row
//! kernel into a batch function; aggregates implement [`Accumulator`].
pub mod aggregate;
pub mod arg;
pub mod bind;
pub mod error;
pub mod map;
pub mod spec;

pub use aggregate::{Accumulator, AggregateKernel};
pub use bind::{BatchFn, BindAggregate, BindArgs, BindScalar, BoundArg, Output};
pub use error::{BindError, KernelError, RowError};
pub use spec::{
    Category, Example, FunctionSpec, Implementation, Nulls, Param, Signature, SqlType, StructField,
};
pub use strabo_columnar as columnar;
