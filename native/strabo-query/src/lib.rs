//! Filters over stored features: what a filter implies, so a store reads only what it must,
//! and its exact value over Arrow record batches.
//!
//! - [`bounds`]: a superset of what the matching rows hold (a bbox of the geometry, a time
//!   range, values of a partition attribute, or nothing at all), for partition pruning;
//! - [`may_match`]: whether a chunk (a file or a row group) can hold a match, from its
//!   [`ChunkStats`];
//! - [`evaluate`]: the filter on every row of a batch, in SQL's three-valued logic
//!   ([`Evaluator`] binds a filter once for many batches).
//!
//! A store also calls [`with_default_srid`] first, so geometry literals written without an
//! SRID get its own.
//!
//! Pruning is sound: [`bounds`] and [`may_match`] never exclude a row [`evaluate`] keeps (the
//! property test in `tests/` checks this over random filters and batches).
//!
//! # Columns
//! A batch holds the store's Parquet columns as arrow-rs reads them back. Geometries are ISO
//! WKB in `Binary`, `LargeBinary` or `BinaryView` columns; date-times are `Timestamp` of any
//! unit and zone (or `Date32`); attributes are `Utf8`, `LargeUtf8`, `Utf8View`, `Int32`,
//! `Int64`, `Float32`, `Float64`, `Boolean`, `Date32` or `Timestamp`; feature ids are the
//! `Utf8` column [`strabo_filter::FEATURE_ID`]. A property the batch lacks is an error.
//!
//! # Comparisons
//! Integer columns against integer or float literals compare numerically and exactly
//! (`n < 2.5` is `n <= 2`); float columns as Spark compares them (NaN equals NaN and is greater
//! than every number; -0 equals 0); dates and timestamps against instants, or strings that
//! spell one (a date is its midnight UTC); strings against strings in byte order; booleans
//! against booleans. Any other pairing is an error naming the property and both types.
//! `CompareProperties` widens integers to Int64, integers and floats to Float64, and times to
//! the finer of micro- and nanoseconds.
//!
//! # Geometry
//! The filter's geometry is read and prepared once per [`evaluate`] call (or [`Evaluator`]);
//! each row's WKB is read in place. An empty geometry satisfies only `DISJOINT`, `EQUALS`
//! with another empty geometry, and `RELATE` patterns that ask for no intersection. `BBOX` keeps geometries that intersect the rectangle (GeoTools' meaning); its CRS
//! is taken to be the property's own, and a box whose minimum exceeds its maximum holds
//! nothing. SRIDs are not compared: the store gives literals without one its own
//! ([`with_default_srid`]).
//! `DWITHIN`/`BEYOND` are planar, with the coordinates taken as meters (exact for a projected
//! CRS in meters) and the distance converted by [`strabo_filter::DistanceUnit::meters`]; for a
//! geometry in a geographic CRS (EPSG 4000–4999, such as 4326) [`evaluate`] refuses them, as
//! degrees are no linear unit. A distance from an empty geometry is unknown (NULL).
//! `CROSSES`, `OVERLAPS`, `TOUCHES`, `EQUALS` and `RELATE` go through `geo`'s DE-9IM matrix and
//! refuse `GEOMETRYCOLLECTION`s; the others use strabo-geom's kernels.
mod bounds;
mod column;
mod compare;
mod error;
mod evaluate;
mod negate;
mod operand;
mod spatial;
mod srid;
mod stats;
pub mod translate;

pub use bounds::{bounds, Bounds};
pub use error::QueryError;
pub use evaluate::{evaluate, Evaluator};
pub use srid::with_default_srid;
pub use stats::{may_match, ChunkStats, ColumnRange};
