//! Strabo's Rust engine, usable without Spark.
//!
//! - [`geom`]: geometry values, WKB/WKT codecs and the geometry kernels.
//! - [`columnar`]: typed column views and reusable buffers, Arrow and the JVM's row layout.
//! - [`kernel`]: the function contract: registry entries, binding, typed batch loops, aggregates.
//! - [`functions`]: the registry of SQL functions (`st_*`), one entry per function.
//! - [`eval`]: programs of fused function calls, run over Arrow batches or single rows.
pub use strabo_columnar as columnar;
pub use strabo_eval as eval;
pub use strabo_functions as functions;
pub use strabo_geom as geom;
pub use strabo_kernel as kernel;
