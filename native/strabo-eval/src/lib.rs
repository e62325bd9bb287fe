//! Evaluation of Strabo function trees.
//!
//! The JVM compiles each maximal tree of Strabo calls in a Spark expression, e.g.
//! `st_contains(<polygon literal>, st_point(x, y))`, into one [`Program`]: its nodes are
//! function calls bound to their constants (literal geometries are parsed and indexed once),
//! its leaves are input columns. A program runs over whole batches, one call of each node's
//! monomorphic kernel per batch, whether the batch is Arrow arrays from a Spark plan or one row
//! from the per-row fallback: there is one executor. Aggregates run an
//! [`AggregateProgram`] that feeds the groups of a task, a batch across groups at a time.
mod error;
mod exec;
mod preview;
mod program;

pub use error::{ErrorKind, EvalError};
pub use exec::{AggregateProgram, Program, RowValue};
pub use preview::{cell as preview_cell, geo as preview_geo};
