//! Views of Arrow arrays, borrowed without copying.
use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int32Type, Int64Type};
use arrow_array::Array;

use crate::bits::{Bits, Validity};
use crate::row::LayoutError;
use crate::types::{GeomEncoding, Physical};
use crate::view::{BoolView, BytesView, ColumnView, GeomValues, GeomView, PrimView};

/// A view of `array` as an input of type `ty`.
pub fn view(array: &dyn Array, ty: Physical) -> Result<ColumnView<'_>, LayoutError> {
    let sql_type = ty.sql_type();
    if !sql_type.fits_arrow(array.data_type()) {
        return Err(LayoutError(format!(
            "expected an Arrow {} array, got {}",
            sql_type.arrow_type(),
            array.data_type()
        )));
    }
    let validity = Validity::of(array.nulls());
    Ok(match ty {
        Physical::Boolean => {
            let values = array.as_boolean().values();
            ColumnView::Boolean(BoolView {
                values: Bits::new(values.values(), values.offset()),
                validity,
            })
        }
        Physical::Int => ColumnView::Int(PrimView {
            values: array.as_primitive::<Int32Type>().values(),
            validity,
        }),
        Physical::BigInt => ColumnView::BigInt(PrimView {
            values: array.as_primitive::<Int64Type>().values(),
            validity,
        }),
        Physical::Double => ColumnView::Double(PrimView {
            values: array.as_primitive::<Float64Type>().values(),
            validity,
        }),
        Physical::String => {
            let strings = array.as_string::<i32>();
            ColumnView::String(BytesView::new(
                strings.value_offsets(),
                strings.value_data(),
                validity,
            ))
        }
        Physical::Binary | Physical::Geometry(_) => {
            let binary = array.as_binary::<i32>();
            let bytes = BytesView::new(binary.value_offsets(), binary.value_data(), validity);
            match ty {
                Physical::Geometry(GeomEncoding::Wkb { srid }) => {
                    ColumnView::Geometry(GeomView::new(GeomValues::Wkb { bytes, srid }, validity))
                }
                Physical::Geometry(GeomEncoding::SridWkb) => {
                    ColumnView::Geometry(GeomView::new(GeomValues::SridWkb(bytes), validity))
                }
                _ => ColumnView::Binary(bytes),
            }
        }
        Physical::Nested(_) => ColumnView::Nested(array),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{ArrayRef, BinaryArray, BooleanArray, Float64Array};
    use std::sync::Arc;

    #[test]
    fn views_share_the_arrays_buffers() {
        let doubles: ArrayRef = Arc::new(Float64Array::from(vec![Some(1.0), None, Some(3.0)]));
        let ColumnView::Double(view) = view(&doubles, Physical::Double).unwrap() else {
            panic!()
        };
        assert_eq!(
            view.values.as_ptr(),
            doubles.as_primitive::<Float64Type>().values().as_ptr()
        );
        assert!(!view.validity.is_valid(1));
    }

    #[test]
    fn sliced_booleans_keep_their_offset() {
        let booleans: ArrayRef =
            Arc::new(BooleanArray::from(vec![true, false, false, true]).slice(1, 3));
        let ColumnView::Boolean(view) = view(&booleans, Physical::Boolean).unwrap() else {
            panic!()
        };
        assert_eq!((view.values.get(0), view.values.get(2)), (false, true));
    }

    #[test]
    fn wrong_types_are_refused() {
        let binary: ArrayRef = Arc::new(BinaryArray::from(vec![&b"x"[..]]));
        assert!(view(&binary, Physical::Double).is_err());
        assert!(view(&binary, Physical::Geometry(GeomEncoding::Wkb { srid: 0 })).is_ok());
    }
}
