//! The registry of Strabo's SQL functions.
//!
//! Every function is one [`FunctionSpec`] in its own file under `functions/`, listed once in
//! `functions/mod.rs`, with its kernel beside it. The Scala registration, the Python wrappers,
//! `docs/functions.md` and the example tests are all derived from [`registry()`]: adding a
//! function, whatever its signature or result type, costs its entry and its kernel.
mod functions;

pub mod render;

pub use functions::registry;
pub use strabo_kernel::FunctionSpec;

/// Finds a function by its name or one of its aliases, ignoring case as Spark does.
pub fn lookup(name: &str) -> Option<&'static FunctionSpec> {
    registry()
        .iter()
        .find(|spec| spec.names().any(|n| n.eq_ignore_ascii_case(name)))
}
