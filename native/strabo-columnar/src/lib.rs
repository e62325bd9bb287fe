//! Columns as Strabo's executor moves them: borrowed, typed [`ColumnView`]s of Arrow arrays,
//! of the JVM's row buffer or of a node's output, and reusable typed output buffers
//! ([`ColumnBuf`]) that become Arrow arrays without a copy.
pub mod arrow;
pub mod bits;
pub mod buf;
pub mod row;
pub mod types;
pub mod view;

pub use bits::{BitBuf, Bits, NullBuf, Validity};
pub use buf::{
    BinaryBuf, BoolBuf, ColumnBuf, CoordBuf, GeomBuf, ListBuf, PointBuf, PrimBuf, RectBuf,
    StringBuf,
};
pub use types::{GeomEncoding, Physical, Scalar, SqlType, StructField};
pub use view::{
    split_srid, BoolView, BytesView, ColumnView, GeomValues, GeomView, PrimView, SridView,
};
