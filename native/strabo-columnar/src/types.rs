//! The physical types of program inputs and constants, and constant values.

/// How a geometry input is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GeomEncoding {
    /// Plain WKB (a `BINARY` column), every row with this SRID.
    Wkb { srid: i32 },
    /// A little-endian `i32` SRID before each WKB value (Spark's `GEOMETRY`).
    SridWkb,
}

/// The type of a program input or constant, as it crosses from the JVM.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Physical {
    Boolean,
    Int,
    BigInt,
    Double,
    String,
    Binary,
    Geometry(GeomEncoding),
}

/// A constant argument, decoded once when a program is compiled.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Null,
    Boolean(bool),
    Int(i32),
    BigInt(i64),
    Double(f64),
    String(String),
    Binary(Vec<u8>),
    /// SRID and WKB.
    Geometry(i32, Vec<u8>),
}
