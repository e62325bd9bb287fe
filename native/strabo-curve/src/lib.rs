//! GeoMesa's space-filling curves and FileSystem-store partition schemes, bit for bit.
//!
//! Strabo's spatial store is a GeoMesa FSDS-compatible GeoParquet store: rows are sorted inside
//! files by a curve index and files are grouped into partitions named by a scheme. Both must
//! match GeoMesa 5.x exactly, so a store written by one can be read and pruned by the other.
//!
//! - [`normalize`]: mapping a coordinate or time offset to an n-bit integer cell.
//! - [`zorder`]: bit interleaving, Tropf's LITMAX/BIGMIN and range decomposition.
//! - [`z2`], [`z3`]: point curves over (lon, lat) and (lon, lat, time offset in a bin).
//! - [`binned_time`]: the time bins (day, week, month, year since 1970) Z3 uses.
//! - [`xz2`], [`xz3`]: XZ-ordering curves for geometries with extent (and a time interval).
//! - [`scheme`]: partition schemes (`daily`, `z2-2bits`, `attribute`, composites, …).
//!
//! Where Strabo knowingly differs from or stops short of GeoMesa 5.4:
//! - Not ported: the legacy curves (`LegacyZ2SFC`, `LegacyZ3SFC`, `LegacyYear*`), `S2SFC`,
//!   `ZN.cut`, and the `datetime` (custom format) and `receipt-time` schemes, which parse to
//!   [`SchemeError::Unsupported`].
//! - The `attribute` scheme takes values as text: GeoMesa lexicodes non-string attributes
//!   first, which callers must do. Pruning an allow-listed scheme keeps the default partition
//!   for values outside the list, where GeoMesa writes those rows (GeoMesa prunes it away).
//! - Time partition names are produced for years 1 to 9999 only; pruning enumerates at most
//!   [`scheme::MAX_ENUMERATED_PARTITIONS`] names per level and leaves a level open past that,
//!   and caps spatial range decomposition at the same count.
//! - Spatial schemes accept 2 to 62 bits for z2 and 2 to 60 for xz2, where the curves' codes
//!   fit a signed 64-bit integer.
#![warn(missing_docs)]

mod bbox;
mod error;
mod xz;

pub mod binned_time;
pub mod normalize;
pub mod scheme;
pub mod xz2;
pub mod xz3;
pub mod z2;
pub mod z3;
pub mod zorder;

pub use bbox::BBox;
pub use binned_time::{BinnedTime, TimePeriod};
pub use error::{CurveError, PartitionError, SchemeError};
pub use scheme::{
    PartitionFilter, PartitionPruning, PartitionQuery, PartitionScheme, RowValues, TimeRange,
};
pub use xz2::Xz2Sfc;
pub use xz3::Xz3Sfc;
pub use z2::Z2Sfc;
pub use z3::Z3Sfc;
pub use zorder::IndexRange;
