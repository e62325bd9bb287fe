//! Strabo's Rust engine, usable without Spark.
//!
//! - [`geom`]: geometry values, WKB/WKT codecs and the geometry kernels.
//! - [`functions`]: the registry of SQL functions (`st_*`), one entry per function.
//! - [`eval`]: evaluation of (fused) function trees over row buffers or Arrow arrays.
pub use strabo_eval as eval;
pub use strabo_functions as functions;
pub use strabo_geom as geom;
