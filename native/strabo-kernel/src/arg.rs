//! The argument types kernels take, and how each is read from a column or a bound constant.
use std::marker::PhantomData;

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef};
use strabo_columnar::{
    BinaryBuf, BoolBuf, BoolView, BytesView, ColumnBuf, GeomBuf, ListBuf, Physical, PrimBuf,
    PrimView, Scalar, SqlType, StringBuf,
};
use strabo_columnar::{ColumnView, GeomView, Validity};
use strabo_geom::{Geo, GeomError, Prepared};

/// An argument type: what a kernel receives per row (`Item`), and how it is read.
pub trait ArgType: 'static {
    /// The SQL type of the argument.
    fn sql() -> SqlType;
    type Item<'a>;
    /// A column of values of this type, as a kernel or an aggregate state writes them.
    type Buf: ColumnBuf;
    /// A constant, bound once per task.
    type Const: Send + 'static;
    /// A column of one batch.
    type Reader<'a>: Copy;

    /// How a column of this type is laid out inside an array; a geometry in Spark's layout.
    fn physical() -> Physical {
        Physical::of(Self::sql())
    }
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
    let scalar = match scalar {
        Scalar::Nested(array) => {
            return GeomError::InvalidParameter(format!(
                "expected a {expected} constant, got a {}",
                array.data_type()
            ))
        }
        other => other,
    };
    GeomError::InvalidParameter(format!("expected a {expected} constant, got {scalar:?}"))
}

macro_rules! primitive_arg {
    ($marker:ident, $t:ty, $variant:ident, $name:literal) => {
        #[doc = concat!("A `", $name, "` argument.")]
        pub struct $marker;

        impl ArgType for $marker {
            fn sql() -> SqlType {
                SqlType::$variant
            }
            type Item<'a> = $t;
            type Buf = PrimBuf<$t>;
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
    fn sql() -> SqlType {
        SqlType::Boolean
    }
    type Item<'a> = bool;
    type Buf = BoolBuf;
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
    fn sql() -> SqlType {
        SqlType::String
    }
    type Item<'a> = &'a str;
    type Buf = StringBuf;
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
    fn sql() -> SqlType {
        SqlType::Geometry
    }
    type Item<'a> = Geo<'a>;
    type Buf = GeomBuf;
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

/// A `GEOMETRY` argument read with its SRID, as `(geometry, srid)`: for kernels whose result is
/// not a geometry but says which system it is in (EWKT, GeoJSON's `crs`). Bound, read and
/// checked against the call's other geometries exactly as [`Geometry`]; a geometry result has no
/// need of it, its buffer's `srid()` being the row's SRID already.
pub struct GeometryWithSrid;

impl ArgType for GeometryWithSrid {
    fn sql() -> SqlType {
        Geometry::sql()
    }
    type Item<'a> = (Geo<'a>, i32);
    type Buf = GeomBuf;
    type Const = <Geometry as ArgType>::Const;
    type Reader<'a> = <Geometry as ArgType>::Reader<'a>;

    fn bind(scalar: &Scalar) -> Result<Self::Const, GeomError> {
        Geometry::bind(scalar)
    }
    #[inline(always)]
    fn item(constant: &Self::Const) -> (Geo<'_>, i32) {
        (Geometry::item(constant), constant.0)
    }
    fn reader<'a>(view: &ColumnView<'a>) -> Option<Self::Reader<'a>> {
        Geometry::reader(view)
    }
    fn validity<'a>(reader: &Self::Reader<'a>) -> Validity<'a> {
        Geometry::validity(reader)
    }
    #[inline(always)]
    fn read<'a>(reader: &Self::Reader<'a>, i: usize) -> Result<(Geo<'a>, i32), GeomError> {
        Ok((Geometry::read(reader, i)?, reader.srid(i)))
    }
    #[inline(always)]
    fn srid(reader: &Self::Reader<'_>, i: usize) -> Option<i32> {
        Geometry::srid(reader, i)
    }
    fn srids(reader: &Self::Reader<'_>) -> Srids {
        Geometry::srids(reader)
    }
    fn const_srid(constant: &Self::Const) -> Option<i32> {
        Geometry::const_srid(constant)
    }
}

/// A `BINARY` argument, as `&[u8]`.
pub struct Binary;

impl ArgType for Binary {
    fn sql() -> SqlType {
        SqlType::Binary
    }
    type Item<'a> = &'a [u8];
    type Buf = BinaryBuf;
    type Const = Vec<u8>;
    type Reader<'a> = BytesView<'a>;

    fn bind(scalar: &Scalar) -> Result<Vec<u8>, GeomError> {
        match scalar {
            Scalar::Binary(value) => Ok(value.clone()),
            other => Err(mismatch("BINARY", other)),
        }
    }
    fn item(constant: &Vec<u8>) -> &[u8] {
        constant
    }
    fn reader<'a>(view: &ColumnView<'a>) -> Option<Self::Reader<'a>> {
        match view {
            ColumnView::Binary(reader) => Some(*reader),
            _ => None,
        }
    }
    fn validity<'a>(reader: &Self::Reader<'a>) -> Validity<'a> {
        reader.validity
    }
    #[inline(always)]
    fn read<'a>(reader: &Self::Reader<'a>, i: usize) -> Result<&'a [u8], GeomError> {
        Ok(reader.value(i))
    }
}

/// An `ARRAY` argument of items of type `A`. Its items are read with `A`'s own reader from the
/// array's child values, so an array of geometries is read in place like a geometry column.
pub struct ArrayOf<A>(PhantomData<A>);

/// The items of one array: a range of the child values.
pub struct Items<'a, A: ArgType> {
    reader: A::Reader<'a>,
    validity: Validity<'a>,
    start: usize,
    end: usize,
}

impl<'a, A: ArgType> Items<'a, A> {
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Item `j`, or `None` for a NULL item.
    pub fn get(&self, j: usize) -> Option<Result<A::Item<'a>, GeomError>> {
        let i = self.start + j;
        self.validity.is_valid(i).then(|| A::read(&self.reader, i))
    }

    /// The SRID of item `j`, for a geometry item.
    pub fn srid(&self, j: usize) -> Option<i32> {
        A::srid(&self.reader, self.start + j)
    }

    pub fn iter(&self) -> impl Iterator<Item = Option<Result<A::Item<'a>, GeomError>>> + '_ {
        (0..self.len()).map(|j| self.get(j))
    }
}

/// The lists of an array column.
pub struct ListReader<'a, A: ArgType> {
    offsets: &'a [i32],
    items: A::Reader<'a>,
    item_validity: Validity<'a>,
    validity: Validity<'a>,
}

impl<A: ArgType> Clone for ListReader<'_, A> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<A: ArgType> Copy for ListReader<'_, A> {}

impl<'a, A: ArgType> ListReader<'a, A> {
    fn new(array: &'a dyn Array) -> Option<Self> {
        let list = array.as_list_opt::<i32>()?;
        let items: &'a ArrayRef = list.values();
        let view = strabo_columnar::arrow::view(items.as_ref(), A::physical()).ok()?;
        Some(ListReader {
            offsets: list.value_offsets(),
            items: A::reader(&view)?,
            item_validity: view.validity(),
            validity: view_validity(array),
        })
    }

    fn items(&self, i: usize) -> Items<'a, A> {
        Items {
            reader: self.items,
            validity: self.item_validity,
            start: self.offsets[i] as usize,
            end: self.offsets[i + 1] as usize,
        }
    }
}

fn view_validity(array: &dyn Array) -> Validity<'_> {
    ColumnView::Nested(array).validity()
}

impl<A: ArgType> ArgType for ArrayOf<A> {
    fn sql() -> SqlType {
        SqlType::array_of(A::sql())
    }
    type Item<'a> = Items<'a, A>;
    type Buf = ListBuf<A::Buf>;
    /// The array, of one row.
    type Const = ArrayRef;
    type Reader<'a> = ListReader<'a, A>;

    fn bind(scalar: &Scalar) -> Result<ArrayRef, GeomError> {
        match scalar {
            Scalar::Nested(array) if ListReader::<A>::new(array.as_ref()).is_some() => {
                Ok(array.clone())
            }
            other => Err(mismatch(&Self::sql().sql(), other)),
        }
    }
    fn item(constant: &ArrayRef) -> Items<'_, A> {
        ListReader::<A>::new(constant.as_ref())
            .expect("checked when the constant was bound")
            .items(0)
    }
    fn reader<'a>(view: &ColumnView<'a>) -> Option<Self::Reader<'a>> {
        match view {
            ColumnView::Nested(array) => ListReader::new(*array),
            _ => None,
        }
    }
    fn validity<'a>(reader: &Self::Reader<'a>) -> Validity<'a> {
        reader.validity
    }
    fn read<'a>(reader: &Self::Reader<'a>, i: usize) -> Result<Items<'a, A>, GeomError> {
        Ok(reader.items(i))
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
