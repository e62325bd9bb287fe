//! The argument types kernels take, and how each is read from a column or a bound constant.
use strabo_columnar::{BoolView, BytesView, PrimView, Scalar};
use strabo_columnar::{ColumnView, GeomView, Validity};
use strabo_geom::{Geo, GeomError, Prepared};

/// An argument type: what a kernel receives per row (`Item`), and how it is read.
pub trait ArgType: 'static {
    type Item<'a>;
    /// A constant, bound once per task.
    type Const: Send + 'static;
    /// A column of one batch.
    type Reader<'a>: Copy;

    /// Binds a non-NULL constant.
    fn bind(scalar: &Scalar) -> Result<Self::Const, GeomError>;
    fn item(constant: &Self::Const) -> Self::Item<'_>;
    /// The column as this type, or `None` if it has another type.
    fn reader<'a>(view: &ColumnView<'a>) -> Option<Self::Reader<'a>>;
    fn validity<'a>(reader: &Self::Reader<'a>) -> Validity<'a>;
    /// Row `i`, which must be valid.
    fn read<'a>(reader: &Self::Reader<'a>, i: usize) -> Result<Self::Item<'a>, GeomError>;
    /// The SRID of row `i` of a geometry column; `None` for other types.
    #[inline]
    fn srid(_reader: &Self::Reader<'_>, _i: usize) -> Option<i32> {
        None
    }
    /// The SRIDs of a column: none, one for all rows, or one per row.
    fn srids(_reader: &Self::Reader<'_>) -> Srids {
        Srids::None
    }
    fn const_srid(_constant: &Self::Const) -> Option<i32> {
        None
    }
}

fn mismatch(expected: &str, scalar: &Scalar) -> GeomError {
    GeomError::InvalidParameter(format!("expected a {expected} constant, got {scalar:?}"))
}

macro_rules! primitive_arg {
    ($marker:ident, $t:ty, $variant:ident, $name:literal) => {
        #[doc = concat!("A `", $name, "` argument.")]
        pub struct $marker;

        impl ArgType for $marker {
            type Item<'a> = $t;
            type Const = $t;
            type Reader<'a> = PrimView<'a, $t>;

            fn bind(scalar: &Scalar) -> Result<$t, GeomError> {
                match scalar {
                    Scalar::$variant(value) => Ok(*value),
                    other => Err(mismatch($name, other)),
                }
            }
            #[inline]
            fn item(constant: &$t) -> $t {
                *constant
            }
            fn reader<'a>(view: &ColumnView<'a>) -> Option<Self::Reader<'a>> {
                match view {
                    ColumnView::$variant(reader) => Some(*reader),
                    _ => None,
                }
            }
            fn validity<'a>(reader: &Self::Reader<'a>) -> Validity<'a> {
                reader.validity
            }
            #[inline(always)]
            fn read<'a>(reader: &Self::Reader<'a>, i: usize) -> Result<Self::Item<'a>, GeomError> {
                Ok(reader.values[i])
            }
        }
    };
}

primitive_arg!(Int, i32, Int, "INT");
primitive_arg!(BigInt, i64, BigInt, "BIGINT");
primitive_arg!(Double, f64, Double, "DOUBLE");

/// A `BOOLEAN` argument.
pub struct Boolean;

impl ArgType for Boolean {
    type Item<'a> = bool;
    type Const = bool;
    type Reader<'a> = BoolView<'a>;

    fn bind(scalar: &Scalar) -> Result<bool, GeomError> {
        match scalar {
            Scalar::Boolean(value) => Ok(*value),
            other => Err(mismatch("BOOLEAN", other)),
        }
    }
    fn item(constant: &bool) -> bool {
        *constant
    }
    fn reader<'a>(view: &ColumnView<'a>) -> Option<Self::Reader<'a>> {
        match view {
            ColumnView::Boolean(reader) => Some(*reader),
            _ => None,
        }
    }
    fn validity<'a>(reader: &Self::Reader<'a>) -> Validity<'a> {
        reader.validity
    }
    #[inline(always)]
    fn read<'a>(reader: &Self::Reader<'a>, i: usize) -> Result<Self::Item<'a>, GeomError> {
        Ok(reader.values.get(i))
    }
}

/// A `STRING` argument, as `&str`.
pub struct Str;

impl ArgType for Str {
    type Item<'a> = &'a str;
    type Const = String;
    type Reader<'a> = BytesView<'a>;

    fn bind(scalar: &Scalar) -> Result<String, GeomError> {
        match scalar {
            Scalar::String(value) => Ok(value.clone()),
            other => Err(mismatch("STRING", other)),
        }
    }
    fn item(constant: &String) -> &str {
        constant
    }
    fn reader<'a>(view: &ColumnView<'a>) -> Option<Self::Reader<'a>> {
        match view {
            ColumnView::String(reader) => Some(*reader),
            _ => None,
        }
    }
    fn validity<'a>(reader: &Self::Reader<'a>) -> Validity<'a> {
        reader.validity
    }
    #[inline(always)]
    fn read<'a>(reader: &Self::Reader<'a>, i: usize) -> Result<&'a str, GeomError> {
        reader
            .str(i)
            .map_err(|e| GeomError::InvalidParameter(format!("text is not UTF-8: {e}")))
    }
}

/// A `GEOMETRY` argument (Spark's `GEOMETRY`, or WKB in a `BINARY`). A constant is prepared once:
/// parsed, with its bounding box and, for a polygon, a point-in-polygon index.
pub struct Geometry;

impl ArgType for Geometry {
    type Item<'a> = Geo<'a>;
    type Const = (i32, Prepared);
    type Reader<'a> = GeomView<'a>;

    fn bind(scalar: &Scalar) -> Result<(i32, Prepared), GeomError> {
        match scalar {
            Scalar::Geometry(srid, wkb) => Ok((*srid, Prepared::new(wkb)?)),
            other => Err(mismatch("GEOMETRY", other)),
        }
    }
    #[inline(always)]
    fn item(constant: &(i32, Prepared)) -> Geo<'_> {
        constant.1.as_geo()
    }
    fn reader<'a>(view: &ColumnView<'a>) -> Option<Self::Reader<'a>> {
        match view {
            ColumnView::Geometry(reader) => Some(*reader),
            _ => None,
        }
    }
    fn validity<'a>(reader: &Self::Reader<'a>) -> Validity<'a> {
        reader.validity
    }
    #[inline(always)]
    fn read<'a>(reader: &Self::Reader<'a>, i: usize) -> Result<Geo<'a>, GeomError> {
        reader.geo(i)
    }
    #[inline(always)]
    fn srid(reader: &Self::Reader<'_>, i: usize) -> Option<i32> {
        Some(reader.srid(i))
    }
    fn srids(reader: &Self::Reader<'_>) -> Srids {
        match reader.fixed_srid() {
            Some(srid) => Srids::Fixed(srid),
            None => Srids::PerRow,
        }
    }
    fn const_srid(constant: &(i32, Prepared)) -> Option<i32> {
        Some(constant.0)
    }
}

/// The SRIDs of an argument over a batch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Srids {
    /// Not a geometry.
    None,
    Fixed(i32),
    PerRow,
}

/// Where one argument's values come from in a batch: a bound constant or a column. The typed
/// loops are compiled once for each combination, so neither pays for the other.
pub trait Source<'a, A: ArgType> {
    fn get(&self, i: usize) -> Result<A::Item<'a>, GeomError>;
    fn srid(&self, i: usize) -> Option<i32>;
    fn srids(&self) -> Srids;
}

pub struct ConstSource<'a, A: ArgType>(pub &'a A::Const);

impl<'a, A: ArgType> Source<'a, A> for ConstSource<'a, A> {
    #[inline(always)]
    fn get(&self, _i: usize) -> Result<A::Item<'a>, GeomError> {
        Ok(A::item(self.0))
    }
    #[inline(always)]
    fn srid(&self, _i: usize) -> Option<i32> {
        A::const_srid(self.0)
    }
    fn srids(&self) -> Srids {
        A::const_srid(self.0).map_or(Srids::None, Srids::Fixed)
    }
}

pub struct ColumnSource<'a, A: ArgType>(pub A::Reader<'a>);

impl<'a, A: ArgType> Source<'a, A> for ColumnSource<'a, A> {
    #[inline(always)]
    fn get(&self, i: usize) -> Result<A::Item<'a>, GeomError> {
        A::read(&self.0, i)
    }
    #[inline(always)]
    fn srid(&self, i: usize) -> Option<i32> {
        A::srid(&self.0, i)
    }
    fn srids(&self) -> Srids {
        A::srids(&self.0)
    }
}
