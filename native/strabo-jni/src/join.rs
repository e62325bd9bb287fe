//! JNI entry points of `io.strabo.spark.jni.JoinNative`: the spatial join operator. The build
//! side's key column arrives as Arrow batches into a builder, which becomes an index shared by
//! the tasks of an executor; each probe batch returns its matching pairs as an Arrow struct of
//! two INT columns, `probe` and `build` (row numbers).
use std::sync::Arc;

use arrow_array::{ArrayRef, Int32Array, StructArray};
use arrow_schema::{DataType, Field};
use jni::objects::{JClass, JString};
use jni::sys::{jboolean, jdouble, jint, jlong};
use jni::EnvUnowned;
use strabo_columnar::arrow::view;
use strabo_columnar::{ColumnView, GeomEncoding, Physical};
use strabo_join::{IndexBuilder, IndexedArg, JoinError, Matches, Metric, Predicate, SpatialIndex};

use crate::boundary::{boundary, BridgeError};
use crate::{arrow_ffi, into_handle, program_mut, release_handle};

impl From<JoinError> for BridgeError {
    fn from(error: JoinError) -> BridgeError {
        BridgeError::Argument(error.0)
    }
}

/// A new index builder for `predicate`, whose build side fills its first argument or its
/// second: a topological predicate's registry name, or for a distance join the distance
/// function (`st_distance`, `st_distanceSphere`, `st_distanceSpheroid`): pairs at most
/// `distance` apart (less than it unless `inclusive`).
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_JoinNative_builderOpen<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    predicate: JString<'local>,
    indexed_first: jboolean,
    distance: jdouble,
    inclusive: jboolean,
) -> jlong {
    boundary(&mut env, |env| {
        let name = predicate.try_to_string(env)?;
        let metric = match name.as_str() {
            "st_distance" => Some(Metric::Planar),
            "st_distanceSphere" => Some(Metric::Sphere),
            "st_distanceSpheroid" => Some(Metric::Spheroid),
            _ => None,
        };
        let predicate = match metric {
            Some(metric) => Predicate::within_distance(distance, inclusive, metric)?,
            None => Predicate::named(&name)
                .ok_or_else(|| BridgeError::State(format!("{name} is not a join predicate")))?,
        };
        let indexed = if indexed_first {
            IndexedArg::First
        } else {
            IndexedArg::Second
        };
        Ok(into_handle(IndexBuilder::new(predicate, indexed)))
    })
}

/// Adds a batch of the build side's keys (an exported BINARY array: Spark's SRID-and-WKB
/// layout when `srid_prefixed`, else plain WKB).
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_JoinNative_builderAdd<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    builder: jlong,
    array: jlong,
    schema: jlong,
    srid_prefixed: jboolean,
) {
    boundary(&mut env, |_| {
        let keys = import_keys(array, schema)?;
        let keys = geometries(&keys, srid_prefixed)?;
        Ok(program_mut::<IndexBuilder>(builder)?.add(&keys)?)
    })
}

/// Packs the index; the builder is consumed (and released) here.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_JoinNative_builderFinish<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    builder: jlong,
) -> jlong {
    boundary(&mut env, |_| {
        program_mut::<IndexBuilder>(builder)?;
        // SAFETY: the handle came from `builderOpen` and the JVM never uses it again.
        let builder = unsafe { Box::from_raw(builder as *mut IndexBuilder) };
        Ok(into_handle(builder.finish()))
    })
}

/// Releases a builder that was never finished (a task failed while it added batches).
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_JoinNative_builderRelease<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    builder: jlong,
) {
    boundary(&mut env, |_| {
        // SAFETY: the handle came from `builderOpen`, and is released once.
        unsafe { release_handle::<IndexBuilder>(builder) };
        Ok(())
    })
}

/// How many rows an index holds.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_JoinNative_indexRows<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    index: jlong,
) -> jint {
    boundary(&mut env, |_| Ok(index_ref(index)?.rows() as jint))
}

/// Probes a batch of keys; exports the matching pairs into the output structs.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_JoinNative_indexProbe<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    index: jlong,
    array: jlong,
    schema: jlong,
    srid_prefixed: jboolean,
    out_array: jlong,
    out_schema: jlong,
) {
    boundary(&mut env, |_| {
        let keys = import_keys(array, schema)?;
        let keys = geometries(&keys, srid_prefixed)?;
        let mut matches = Matches::default();
        index_ref(index)?.probe(&keys, &mut matches)?;
        let pairs: ArrayRef = Arc::new(pairs(matches));
        // SAFETY: the JVM allocated empty output structs at these addresses.
        unsafe { arrow_ffi::export(&pairs, out_array, out_schema) }
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_JoinNative_indexRelease<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    index: jlong,
) {
    boundary(&mut env, |_| {
        // SAFETY: the handle came from `builderFinish`, and is released once, when no task
        // probes it any more.
        unsafe { release_handle::<SpatialIndex>(index) };
        Ok(())
    })
}

/// An index, shared: many tasks probe it at once, and probing does not change it.
fn index_ref<'i>(handle: jlong) -> Result<&'i SpatialIndex, BridgeError> {
    // SAFETY: a non-zero handle came from `builderFinish` and is not yet released.
    unsafe { (handle as *const SpatialIndex).as_ref() }
        .ok_or_else(|| BridgeError::State("the index was released or never built".into()))
}

fn import_keys(array: jlong, schema: jlong) -> Result<ArrayRef, BridgeError> {
    // SAFETY: the JVM exported one array and its schema at these addresses and hands them over.
    let mut arrays = unsafe { arrow_ffi::import(&[array], &[schema])? };
    Ok(arrays.remove(0))
}

fn geometries(
    keys: &ArrayRef,
    srid_prefixed: jboolean,
) -> Result<strabo_columnar::GeomView<'_>, BridgeError> {
    let encoding = if srid_prefixed {
        GeomEncoding::SridWkb
    } else {
        GeomEncoding::Wkb { srid: 0 }
    };
    match view(keys.as_ref(), Physical::Geometry(encoding)) {
        Ok(ColumnView::Geometry(keys)) => Ok(keys),
        Ok(other) => Err(BridgeError::State(format!(
            "join keys read as {}",
            other.type_name()
        ))),
        Err(e) => Err(BridgeError::State(format!("join keys: {}", e.0))),
    }
}

fn pairs(matches: Matches) -> StructArray {
    let column = |rows: Vec<u32>| -> ArrayRef {
        Arc::new(Int32Array::from_iter_values(
            rows.into_iter().map(|r| r as i32),
        ))
    };
    StructArray::from(vec![
        (
            Arc::new(Field::new("probe", DataType::Int32, false)),
            column(matches.probe),
        ),
        (
            Arc::new(Field::new("build", DataType::Int32, false)),
            column(matches.build),
        ),
    ])
}
