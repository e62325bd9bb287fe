//! What Strabo's tests and fuzz targets share: the choices behind a generated case (a seed or
//! the fuzzer's bytes), random programs and aggregate calls from the registry with the
//! properties they must keep,
//! checks that walk one parsed input through every function, round trips of the geometry
//! codecs (GeoJSON, EWKT, EWKB, GML), round trips of the store's text
//! languages (ECQL, filter JSON, GeoMesa specs and metadata), random filters over a random
//! store whose scans must return what the filter selects, random spatial joins against a
//! nested loop, and results rendered as text.
pub mod aggregates;
pub mod choices;
pub mod codecs;
pub mod files;
pub mod joins;
pub mod metadata;
pub mod programs;
pub mod render;
pub mod seeds;
pub mod stores;
pub mod walk;
