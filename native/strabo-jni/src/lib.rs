//! JNI entry points of `io.strabo.spark.jni.StraboNative`.
//!
//! This crate only converts arguments, calls `strabo-eval`, and maps errors: every entry point
//! runs inside [`boundary`], which catches panics and turns each failure into a Java exception
//! instead of unwinding into the JVM.
//!
//! Batches cross as Arrow arrays through the Arrow C Data Interface; single rows (the fallback
//! where Spark cannot form a batch) cross as a buffer the JVM packs off-heap, in the layout of
//! `strabo_columnar::row`. Both run the same compiled program.
mod arrow_ffi;
mod boundary;
mod join;
mod store;

use jni::objects::{JByteArray, JClass, JIntArray, JLongArray, JString};
use jni::sys::{jboolean, jdouble, jint, jlong};
use jni::EnvUnowned;
use strabo_eval::{AggregateProgram, Program, RowValue};

use crate::boundary::{boundary, boundary_without_env, BridgeError};

/// Bytes before the row in the evaluation buffer. The first is where a primitive-returning
/// call reports NULL (1) or a value (0); the rest keep the row 8-byte aligned.
const ROW_OFFSET: usize = 8;

/// The function registry as JSON.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_registryJson<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
) -> JString<'local> {
    boundary(&mut env, |env| {
        Ok(env.new_string(strabo_functions::render::registry_json())?)
    })
}

/// The SRID of a coordinate reference system as `st_transform` takes it, for the result type
/// the JVM gives a call with a constant CRS.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_crsSrid<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    crs: JString<'local>,
) -> jint {
    boundary(&mut env, |env| {
        let text = crs.try_to_string(env)?;
        strabo_crs::srid_of(&text)
            .map_err(|error| BridgeError::Argument(format!("st_transform: {error}")))
    })
}

/// Compiles a program; returns a handle for the `eval*` calls, to be given to `release` once.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_compile<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    program_json: JString<'local>,
    constants: JByteArray<'local>,
) -> jlong {
    boundary(&mut env, |env| {
        let (json, constants) = program_source(env, &program_json, &constants)?;
        Ok(into_handle(Program::compile(&json, &constants)?))
    })
}

/// Frees a program. Each handle is released exactly once, by the JVM object that owns it.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_release<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    program: jlong,
) {
    boundary(&mut env, |_| {
        // SAFETY: the handle came from `compile` and is released once.
        unsafe { release_handle::<Program>(program) };
        Ok(())
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_evalBoolean<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    program: jlong,
    buffer: jlong,
    row_length: jint,
) -> jboolean {
    eval_primitive(&mut env, program, buffer, row_length, |value| match value {
        RowValue::Boolean(b) => Some(b),
        _ => None,
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_evalInt<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    program: jlong,
    buffer: jlong,
    row_length: jint,
) -> jint {
    eval_primitive(&mut env, program, buffer, row_length, |value| match value {
        RowValue::Int(v) => Some(v),
        _ => None,
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_evalLong<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    program: jlong,
    buffer: jlong,
    row_length: jint,
) -> jlong {
    eval_primitive(&mut env, program, buffer, row_length, |value| match value {
        RowValue::BigInt(v) => Some(v),
        _ => None,
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_evalDouble<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    program: jlong,
    buffer: jlong,
    row_length: jint,
) -> jdouble {
    eval_primitive(&mut env, program, buffer, row_length, |value| match value {
        RowValue::Double(v) => Some(v),
        _ => None,
    })
}

/// Text, binary and geometry results as their bytes, arrays and structs in the row layout;
/// `null` is SQL NULL.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_evalBytes<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    program: jlong,
    buffer: jlong,
    row_length: jint,
) -> JByteArray<'local> {
    boundary(&mut env, |env| {
        let program = program_mut::<Program>(program)?;
        // SAFETY: the JVM owns `ROW_OFFSET + row_length` bytes at `buffer` for the call.
        let row = unsafe { memory(buffer + ROW_OFFSET as jlong, row_length)? };
        match program.eval_row(row)? {
            RowValue::Bytes(bytes) => Ok(env.byte_array_from_slice(bytes)?),
            RowValue::Null => Ok(JByteArray::default()),
            other => Err(BridgeError::State(format!(
                "a bytes result was expected, got {other:?}"
            ))),
        }
    })
}

/// Evaluates `rows` rows of Arrow arrays exported by the JVM (`ArrowArray`/`ArrowSchema` struct
/// addresses, one pair per input) and exports each output into the given output structs.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_evalBatch<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    program: jlong,
    rows: jint,
    array_addresses: JLongArray<'local>,
    schema_addresses: JLongArray<'local>,
    out_arrays: JLongArray<'local>,
    out_schemas: JLongArray<'local>,
) {
    boundary(&mut env, |env| {
        let arrays = read_longs(env, &array_addresses)?;
        let schemas = read_longs(env, &schema_addresses)?;
        let out_arrays = read_longs(env, &out_arrays)?;
        let out_schemas = read_longs(env, &out_schemas)?;
        // SAFETY: the JVM exported one array and schema at each address and hands them over.
        let inputs = unsafe { arrow_ffi::import(&arrays, &schemas)? };
        let rows = usize::try_from(rows).map_err(|_| BridgeError::State(format!("{rows} rows")))?;
        let outputs = program_mut::<Program>(program)?.eval_arrays(&inputs, rows)?;
        if outputs.len() != out_arrays.len() || outputs.len() != out_schemas.len() {
            return Err(BridgeError::State(format!(
                "{} outputs for {} output structs",
                outputs.len(),
                out_arrays.len()
            )));
        }
        for ((output, &array), &schema) in outputs.iter().zip(&out_arrays).zip(&out_schemas) {
            // SAFETY: the JVM allocated empty output structs at these addresses.
            unsafe { arrow_ffi::export(output, array, schema)? };
        }
        Ok(())
    })
}

/// Compiles an aggregate program; returns a handle for the `agg*` calls.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_aggCompile<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    program_json: JString<'local>,
    constants: JByteArray<'local>,
) -> jlong {
    boundary(&mut env, |env| {
        let (json, constants) = program_source(env, &program_json, &constants)?;
        Ok(into_handle(AggregateProgram::compile(&json, &constants)?))
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_aggRelease<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    program: jlong,
) {
    boundary(&mut env, |_| {
        // SAFETY: the handle came from `aggCompile` and is released once.
        unsafe { release_handle::<AggregateProgram>(program) };
        Ok(())
    })
}

/// Adds `rows` rows packed in the first `length` bytes of `buffer` (the row layout), row `i` to
/// group `groups[i]`: one call for every group the rows touch.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_aggUpdate<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    program: jlong,
    groups: JIntArray<'local>,
    buffer: JByteArray<'local>,
    length: jint,
    rows: jint,
) {
    boundary(&mut env, |env| {
        let program = program_mut::<AggregateProgram>(program)?;
        let (groups, bytes, rows) = group_rows(env, &groups, &buffer, length, rows)?;
        Ok(program.update(&groups, &bytes, rows)?)
    })
}

/// Merges `rows` states (as `aggState` gave them) packed in the first `length` bytes of
/// `states`, state `i` into group `groups[i]`.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_aggMerge<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    program: jlong,
    groups: JIntArray<'local>,
    states: JByteArray<'local>,
    length: jint,
    rows: jint,
) {
    boundary(&mut env, |env| {
        let program = program_mut::<AggregateProgram>(program)?;
        let (groups, bytes, rows) = group_rows(env, &groups, &states, length, rows)?;
        Ok(program.merge(&groups, &bytes, rows)?)
    })
}

/// Merges group `from` into group `into`, emptying `from`.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_aggMergeGroups<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    program: jlong,
    into: jint,
    from: jint,
) {
    boundary(&mut env, |_| {
        let program = program_mut::<AggregateProgram>(program)?;
        Ok(program.merge_groups(group(into)?, group(from)?)?)
    })
}

/// A group's state, to ship to another task; the group is emptied.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_aggState<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    program: jlong,
    group_number: jint,
) -> JByteArray<'local> {
    boundary(&mut env, |env| {
        let state = program_mut::<AggregateProgram>(program)?.take_state(group(group_number)?)?;
        Ok(env.byte_array_from_slice(&state)?)
    })
}

/// A group's result in the row layout (a null flag, then the value); the group is emptied.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_aggResult<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    program: jlong,
    group_number: jint,
) -> JByteArray<'local> {
    boundary(&mut env, |env| {
        let result = program_mut::<AggregateProgram>(program)?.take_result(group(group_number)?)?;
        Ok(env.byte_array_from_slice(&result)?)
    })
}

fn group(number: jint) -> Result<u32, BridgeError> {
    u32::try_from(number).map_err(|_| BridgeError::State(format!("group {number}")))
}

/// The group numbers and packed rows of an `aggUpdate` or `aggMerge` call.
fn group_rows(
    env: &mut jni::Env,
    groups: &JIntArray,
    buffer: &JByteArray,
    length: jint,
    rows: jint,
) -> Result<(Vec<u32>, Vec<u8>, usize), BridgeError> {
    let rows = usize::try_from(rows).map_err(|_| BridgeError::State(format!("{rows} rows")))?;
    let length =
        usize::try_from(length).map_err(|_| BridgeError::State(format!("length {length}")))?;
    let mut numbers = vec![0; groups.len(env)?];
    groups.get_region(env, 0, &mut numbers)?;
    if numbers.len() < rows {
        return Err(BridgeError::State(format!(
            "{} group numbers for {rows} rows",
            numbers.len()
        )));
    }
    let numbers = numbers[..rows]
        .iter()
        .map(|&n| group(n))
        .collect::<Result<Vec<_>, _>>()?;
    let mut bytes = env.convert_byte_array(buffer)?;
    bytes.truncate(length);
    Ok((numbers, bytes, rows))
}

fn read_longs(env: &jni::Env, array: &JLongArray) -> Result<Vec<jlong>, BridgeError> {
    let mut values = vec![0; array.len(env)?];
    array.get_region(env, 0, &mut values)?;
    Ok(values)
}

/// A program's JSON and its packed constants, as the JVM passes them.
fn program_source(
    env: &mut jni::Env,
    json: &JString,
    constants: &JByteArray,
) -> Result<(String, Vec<u8>), BridgeError> {
    Ok((json.try_to_string(env)?, env.convert_byte_array(constants)?))
}

/// Moves a program or an accumulator to the heap; the JVM holds its address until it releases it.
fn into_handle<T>(value: T) -> jlong {
    Box::into_raw(Box::new(value)) as jlong
}

/// Frees what [`into_handle`] made; 0 (never made) is ignored.
///
/// # Safety
/// `handle` is 0 or came from `into_handle::<T>`, and is released once.
unsafe fn release_handle<T>(handle: jlong) {
    if handle != 0 {
        drop(unsafe { Box::from_raw(handle as *mut T) });
    }
}

/// The object behind a handle. Each handle is used by one thread at a time: a program per task
/// (generated code) or per expression instance under a lock (the interpreted path).
fn program_mut<'p, T>(handle: jlong) -> Result<&'p mut T, BridgeError> {
    // SAFETY: a non-zero handle came from the matching constructor and is not yet released.
    unsafe { (handle as *mut T).as_mut() }
        .ok_or_else(|| BridgeError::State("the program was released or never compiled".into()))
}

/// A row whose result is a primitive: NULL is reported in the buffer's first byte; the return
/// value is then the type's default, which the JVM ignores.
fn eval_primitive<T: Default + 'static>(
    env: &mut EnvUnowned,
    program: jlong,
    buffer: jlong,
    row_length: jint,
    pick: fn(RowValue) -> Option<T>,
) -> T {
    boundary_without_env(env, || {
        let program = program_mut::<Program>(program)?;
        // SAFETY: the JVM owns `ROW_OFFSET + row_length` writable bytes at `buffer`.
        let row = unsafe { memory(buffer + ROW_OFFSET as jlong, row_length)? };
        let value = program.eval_row(row)?;
        let is_null = matches!(value, RowValue::Null);
        let result = if is_null {
            T::default()
        } else {
            let shown = format!("{value:?}");
            pick(value).ok_or_else(|| {
                BridgeError::State(format!(
                    "a {} result was expected, got {shown}",
                    std::any::type_name::<T>()
                ))
            })?
        };
        // SAFETY: as above; the first byte is the NULL flag.
        unsafe { *(buffer as *mut u8) = is_null as u8 };
        Ok(result)
    })
}

/// # Safety
/// `address` must point to `length` readable bytes that outlive the returned slice.
unsafe fn memory<'m>(address: jlong, length: jint) -> Result<&'m [u8], BridgeError> {
    let length = usize::try_from(length)
        .map_err(|_| BridgeError::State(format!("negative length {length}")))?;
    if length == 0 {
        return Ok(&[]);
    }
    if address == 0 {
        return Err(BridgeError::State("null buffer address".into()));
    }
    Ok(unsafe { std::slice::from_raw_parts(address as *const u8, length) })
}
