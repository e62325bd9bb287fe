//! JNI entry points of `io.strabo.spark.jni.StraboNative`.
//!
//! This crate only converts arguments, calls `strabo-eval`, and maps errors: every entry point
//! runs inside [`boundary`], which catches panics and turns each failure into a Java exception
//! instead of unwinding into the JVM.
//!
//! Rows cross as a buffer the JVM packs off-heap (`strabo_eval::row` describes the layout);
//! batches cross as Arrow arrays through the Arrow C Data Interface.
mod arrow_ffi;
mod boundary;

use jni::objects::{JByteArray, JClass, JLongArray, JString};
use jni::sys::{jboolean, jdouble, jint, jlong};
use jni::EnvUnowned;
use strabo_eval::{Output, Program};

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

/// Compiles a program; returns a handle to pass to the `eval*` calls and then to `release`.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_compile<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    program_json: JString<'local>,
    constants: JByteArray<'local>,
) -> jlong {
    boundary(&mut env, |env| {
        let json = program_json.try_to_string(env)?;
        let constants = env.convert_byte_array(&constants)?;
        let program = Program::compile(&json, &constants)?;
        Ok(Box::into_raw(Box::new(program)) as jlong)
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
        if program != 0 {
            // SAFETY: the handle came from `compile` and is released once.
            drop(unsafe { Box::from_raw(program as *mut Program) });
        }
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
    eval_primitive(
        &mut env,
        program,
        buffer,
        row_length,
        |output| match output {
            Output::Boolean(value) => Ok(value),
            other => Err(other),
        },
    )
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_evalDouble<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    program: jlong,
    buffer: jlong,
    row_length: jint,
) -> jdouble {
    eval_primitive(
        &mut env,
        program,
        buffer,
        row_length,
        |output| match output {
            Output::Double(value) => Ok(value),
            other => Err(other),
        },
    )
}

/// Text (UTF-8) or geometry results; `null` is SQL NULL.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_evalBytes<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    program: jlong,
    buffer: jlong,
    row_length: jint,
) -> JByteArray<'local> {
    boundary(&mut env, |env| {
        match eval_row(program, buffer, row_length)? {
            Some(Output::Bytes(bytes)) => Ok(env.byte_array_from_slice(&bytes)?),
            None => Ok(JByteArray::default()),
            Some(other) => Err(BridgeError::State(format!(
                "a bytes result was expected, got {other:?}"
            ))),
        }
    })
}

/// Evaluates a program over Arrow arrays exported by the JVM (`ArrowArray`/`ArrowSchema`
/// struct addresses, one pair per input) and exports the result into the given structs.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StraboNative_evalBatch<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    program: jlong,
    array_addresses: JLongArray<'local>,
    schema_addresses: JLongArray<'local>,
    out_array: jlong,
    out_schema: jlong,
) {
    boundary(&mut env, |env| {
        let arrays = read_longs(env, &array_addresses)?;
        let schemas = read_longs(env, &schema_addresses)?;
        if arrays.len() != schemas.len() {
            return Err(BridgeError::State(
                "one schema per array is required".into(),
            ));
        }
        // SAFETY: the JVM exported one array and schema at each address and hands them over.
        let inputs = unsafe { arrow_ffi::import(&arrays, &schemas)? };
        let output = program_ref(program)?.eval_batch(&inputs)?;
        // SAFETY: the JVM allocated empty output structs at these addresses.
        unsafe { arrow_ffi::export(&output, out_array, out_schema) }
    })
}

fn read_longs(env: &jni::Env, array: &JLongArray) -> Result<Vec<jlong>, BridgeError> {
    let mut values = vec![0; array.len(env)?];
    array.get_region(env, 0, &mut values)?;
    Ok(values)
}

fn program_ref<'p>(program: jlong) -> Result<&'p Program, BridgeError> {
    // SAFETY: a non-zero handle came from `compile` and has not been released; programs are
    // immutable, so shared use from several threads is sound.
    unsafe { (program as *const Program).as_ref() }
        .ok_or_else(|| BridgeError::State("the program was released or never compiled".into()))
}

/// A row whose result is a primitive: NULL is reported in the buffer, the return value is then
/// the type's default, which the JVM ignores.
fn eval_primitive<T: Default + 'static>(
    env: &mut EnvUnowned,
    program: jlong,
    buffer: jlong,
    row_length: jint,
    pick: fn(Output) -> Result<T, Output>,
) -> T {
    boundary_without_env(env, || match eval_row(program, buffer, row_length)? {
        None => Ok(T::default()),
        Some(output) => pick(output).map_err(|other| {
            let expected = std::any::type_name::<T>();
            BridgeError::State(format!("a {expected} result was expected, got {other:?}"))
        }),
    })
}

/// Evaluates the row at `buffer + ROW_OFFSET` and reports NULL in the buffer's first byte.
fn eval_row(
    program: jlong,
    buffer: jlong,
    row_length: jint,
) -> Result<Option<Output>, BridgeError> {
    let program = program_ref(program)?;
    // SAFETY: the JVM owns `ROW_OFFSET + row_length` writable bytes at `buffer` for the call.
    let row = unsafe { memory(buffer + ROW_OFFSET as jlong, row_length)? };
    let output = program.eval_row(row)?;
    unsafe { *(buffer as *mut u8) = output.is_none() as u8 };
    Ok(output)
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
