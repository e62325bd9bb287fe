//! The function contract of Strabo.
//!
//! A SQL function is one registry entry ([`FunctionSpec`]) and its kernel. The entry declares
//! typed signatures (overloads, optional and variadic parameters, where a geometry result's
//! SRID comes from), the result type (any of BOOLEAN, INT, BIGINT, DOUBLE, STRING, BINARY,
//! GEOMETRY, and ARRAY or STRUCT of those), its NULL policy, docs and examples. The kernel is a
//! bind function: it sees the call's arguments once per task, binds the constant ones
//! (parameter strings, literal geometries, prepared indexes), and returns a [`BatchFn`] that
//! evaluates whole batches. The loop in [`map`] turns a per-row kernel of any parameters
//! ([`params`]) into a batch function; aggregates are [`GroupsAccumulator`]s, usually the
//! [`Groups`] of a typed [`GroupState`].
pub mod aggregate;
pub mod arg;
pub mod bind;
pub mod error;
pub mod map;
pub mod params;
pub mod spec;

pub use aggregate::{GroupState, Groups, GroupsAccumulator};
pub use bind::{BatchFn, BindAggregate, BindArgs, BindScalar, BoundArg, Output};
pub use error::{BindError, KernelError, RowError};
pub use spec::{
    Category, Example, FunctionSpec, Implementation, Nulls, Param, ResultSrid, Signature, SqlType,
    StructField,
};
pub use strabo_columnar as columnar;
