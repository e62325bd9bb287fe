//! Arrow C Data Interface: taking arrays from the JVM and handing results back.
use arrow_array::ffi::{from_ffi, FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::{make_array, ArrayRef};
use arrow_schema::Field;
use jni::sys::jlong;

use crate::boundary::BridgeError;

/// Like [`import`], with each array's field (its name, type and nullability) as exported.
///
/// # Safety
/// As [`import`].
pub(crate) unsafe fn import_fields(
    arrays: &[jlong],
    schemas: &[jlong],
) -> Result<(Vec<Field>, Vec<ArrayRef>), BridgeError> {
    let mut fields = Vec::with_capacity(schemas.len());
    for &schema in schemas {
        if schema == 0 {
            return Err(BridgeError::State("null Arrow struct address".into()));
        }
        // SAFETY: the address holds an exported schema, read here before `import` takes it.
        let ffi = unsafe { &*(schema as *const FFI_ArrowSchema) };
        fields.push(
            Field::try_from(ffi)
                .map_err(|err| BridgeError::State(format!("cannot import Arrow field: {err}")))?,
        );
    }
    let arrays = unsafe { import(arrays, schemas)? };
    Ok((fields, arrays))
}

/// Takes ownership of arrays the JVM exported with `Data.exportVector`. `from_raw` moves each
/// struct out and marks the JVM's copy released, so the buffers are freed exactly once: when
/// the imported arrays are dropped, through the JVM's release callback.
///
/// # Safety
/// Each address must hold an exported, not yet consumed `ArrowArray` / `ArrowSchema`.
pub(crate) unsafe fn import(
    arrays: &[jlong],
    schemas: &[jlong],
) -> Result<Vec<ArrayRef>, BridgeError> {
    arrays
        .iter()
        .zip(schemas)
        .map(|(&array, &schema)| {
            if array == 0 || schema == 0 {
                return Err(BridgeError::State("null Arrow struct address".into()));
            }
            let array = unsafe { FFI_ArrowArray::from_raw(array as *mut FFI_ArrowArray) };
            let schema = unsafe { FFI_ArrowSchema::from_raw(schema as *mut FFI_ArrowSchema) };
            let data = unsafe { from_ffi(array, &schema) }
                .map_err(|err| BridgeError::State(format!("cannot import Arrow array: {err}")))?;
            Ok(make_array(data))
        })
        .collect()
}

/// Moves `array` into the JVM-allocated structs; the JVM releases it with `Data.importVector`,
/// which calls back into Rust to free the buffers.
///
/// # Safety
/// Both addresses must point to writable `ArrowArray` / `ArrowSchema` structs.
pub(crate) unsafe fn export(
    array: &ArrayRef,
    out_array: jlong,
    out_schema: jlong,
) -> Result<(), BridgeError> {
    if out_array == 0 || out_schema == 0 {
        return Err(BridgeError::State("null Arrow struct address".into()));
    }
    let data = array.to_data();
    let schema = FFI_ArrowSchema::try_from(data.data_type())
        .map_err(|err| BridgeError::State(format!("cannot export Arrow schema: {err}")))?;
    unsafe {
        std::ptr::write_unaligned(out_array as *mut FFI_ArrowArray, FFI_ArrowArray::new(&data));
        std::ptr::write_unaligned(out_schema as *mut FFI_ArrowSchema, schema);
    }
    Ok(())
}
