//! JNI entry points of `io.strabo.spark.jni.JoinNative`: the spatial join operator. The build
//! side's key column arrives as Arrow batches into a builder, which becomes an index shared by
//! the tasks of an executor; each probe batch returns its matching pairs as an Arrow struct of
//! two INT columns, `probe` and `build` (row numbers).
use std::sync::Arc;

use arrow_array::{ArrayRef, Int32Array, StructArray};
use arrow_schema::{DataType, Field};
use jni::objects::{JClass, JDoubleArray, JString};
use jni::refs::Reference;
use jni::sys::{jboolean, jdouble, jint, jlong};
use jni::{Env, EnvUnowned};
use strabo_columnar::arrow::view;
use strabo_columnar::{ColumnView, GeomEncoding, Physical};
use strabo_join::partition::{probe_reach, sample_boxes, Routes, Side, SpatialPartitioner};
use strabo_join::{
    IndexBuilder, IndexedArg, JoinError, Matches, Metric, Predicate, SearchBox, SpatialIndex,
};

use crate::boundary::{boundary, BridgeError};
use crate::{arrow_ffi, into_handle, program_mut, release_handle};

impl From<JoinError> for BridgeError {
    fn from(error: JoinError) -> BridgeError {
        BridgeError::Argument(error.0)
    }
}

/// A new index builder for `predicate` (see [`join_predicate`]), whose build side fills its
/// first argument or its second.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_JoinNative_builderOpen<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    predicate: JString<'local>,
    indexed_first: jboolean,
    distance: jdouble,
    inclusive: jboolean,
    k: jint,
) -> jlong {
    boundary(&mut env, |env| {
        let predicate = join_predicate(env, &predicate, distance, inclusive, k)?;
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

/// Packs the index; the builder is consumed (and released) here. With a `cell` (min x, min y,
/// max x, max y), the index serves that cell of a partitioned join; NULL for a broadcast one.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_JoinNative_builderFinish<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    builder: jlong,
    cell: JDoubleArray<'local>,
) -> jlong {
    boundary(&mut env, |env| {
        program_mut::<IndexBuilder>(builder)?;
        let cell: Option<SearchBox> = if cell.is_null() {
            None
        } else {
            let numbers = read_doubles(env, &cell)?;
            Some(numbers.try_into().map_err(|n: Vec<f64>| {
                BridgeError::State(format!("a cell is 4 numbers, not {}", n.len()))
            })?)
        };
        // SAFETY: the handle came from `builderOpen` and the JVM never uses it again.
        let builder = unsafe { Box::from_raw(builder as *mut IndexBuilder) };
        Ok(into_handle(match cell {
            Some(cell) => builder.finish_for_cell(cell),
            None => builder.finish(),
        }))
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

/// About how many bytes an index holds, to count against the task's memory.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_JoinNative_indexMemory<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    index: jlong,
) -> jlong {
    boundary(&mut env, |_| Ok(index_ref(index)?.memory_bytes() as jlong))
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
        let pairs: ArrayRef = Arc::new(int_struct([
            ("probe", matches.probe),
            ("build", matches.build),
        ]));
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

/// The boxes of a batch of sampled keys (four numbers each), for [`partitionerBuild`].
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_JoinNative_sampleBoxes<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    array: jlong,
    schema: jlong,
    srid_prefixed: jboolean,
    predicate: JString<'local>,
    distance: jdouble,
    inclusive: jboolean,
) -> JDoubleArray<'local> {
    boundary(&mut env, |env| {
        let predicate = join_predicate(env, &predicate, distance, inclusive, 0)?;
        let keys = import_keys(array, schema)?;
        let boxes = sample_boxes(&geometries(&keys, srid_prefixed)?, predicate)?;
        doubles(env, boxes.as_flattened())
    })
}

/// The width and height of the largest search boxes of a batch of the probed side's keys, for
/// the indexed side of a join whose probed rows go to one cell each.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_JoinNative_probeReach<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    array: jlong,
    schema: jlong,
    srid_prefixed: jboolean,
    predicate: JString<'local>,
    distance: jdouble,
    inclusive: jboolean,
) -> JDoubleArray<'local> {
    boundary(&mut env, |env| {
        let predicate = join_predicate(env, &predicate, distance, inclusive, 0)?;
        let keys = import_keys(array, schema)?;
        let reach = probe_reach(&geometries(&keys, srid_prefixed)?, predicate)?;
        doubles(env, &reach)
    })
}

/// A partitioner of up to `cells` cells balanced over the sampled boxes, encoded as numbers for
/// the executors.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_JoinNative_partitionerBuild<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    sample: JDoubleArray<'local>,
    cells: jint,
) -> JDoubleArray<'local> {
    boundary(&mut env, |env| {
        let numbers = read_doubles(env, &sample)?;
        let (boxes, []) = numbers.as_chunks::<4>() else {
            return Err(BridgeError::State(format!(
                "{} numbers are no boxes",
                numbers.len()
            )));
        };
        let cells = usize::try_from(cells).unwrap_or(1);
        doubles(env, &SpatialPartitioner::from_sample(boxes, cells).encode())
    })
}

/// The cells of an encoded partitioner, four numbers each (min x, min y, max x, max y), by
/// number.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_JoinNative_partitionerCells<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    encoded: JDoubleArray<'local>,
) -> JDoubleArray<'local> {
    boundary(&mut env, |env| {
        let partitioner = SpatialPartitioner::decode(&read_doubles(env, &encoded)?)?;
        doubles(env, partitioner.cells().as_flattened())
    })
}

/// A router of one side of a partitioned join on `predicate`: `side` 0 is the probed side of an
/// inner join, 1 its indexed side, 2 the probed side of an outer, semi or anti join (one cell a
/// row), 3 its indexed side, grown by the probed side's `reach_x` and `reach_y`.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_JoinNative_routerOpen<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    encoded: JDoubleArray<'local>,
    predicate: JString<'local>,
    distance: jdouble,
    inclusive: jboolean,
    side: jint,
    reach_x: jdouble,
    reach_y: jdouble,
) -> jlong {
    boundary(&mut env, |env| {
        let side = match side {
            0 => Side::Probe,
            1 => Side::Indexed,
            2 => Side::ProbeOnce,
            3 => Side::IndexedOnce {
                reach: [reach_x, reach_y],
            },
            other => return Err(BridgeError::State(format!("no side {other}"))),
        };
        let router = Router {
            partitioner: SpatialPartitioner::decode(&read_doubles(env, &encoded)?)?,
            predicate: join_predicate(env, &predicate, distance, inclusive, 0)?,
            side,
        };
        Ok(into_handle(router))
    })
}

/// Routes a batch of keys; exports the struct `{row, cell}` of where each row goes.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_JoinNative_route<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    router: jlong,
    array: jlong,
    schema: jlong,
    srid_prefixed: jboolean,
    out_array: jlong,
    out_schema: jlong,
) {
    boundary(&mut env, |_| {
        let keys = import_keys(array, schema)?;
        let keys = geometries(&keys, srid_prefixed)?;
        let router = program_mut::<Router>(router)?;
        let mut routes = Routes::default();
        router
            .partitioner
            .route(router.predicate, router.side, &keys, &mut routes)?;
        let routes: ArrayRef = Arc::new(int_struct([("row", routes.rows), ("cell", routes.cells)]));
        // SAFETY: the JVM allocated empty output structs at these addresses.
        unsafe { arrow_ffi::export(&routes, out_array, out_schema) }
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_JoinNative_routerRelease<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    router: jlong,
) {
    boundary(&mut env, |_| {
        // SAFETY: the handle came from `routerOpen`, and is released once.
        unsafe { release_handle::<Router>(router) };
        Ok(())
    })
}

/// Where the rows of one side of a partitioned join go.
struct Router {
    partitioner: SpatialPartitioner,
    predicate: Predicate,
    side: Side,
}

/// A join predicate by name: a topological predicate's registry name; a distance function's
/// (`st_distance`, `st_distanceSphere`, `st_distanceSpheroid`), pairs at most `distance` apart
/// (less than it unless `inclusive`); or `st_knn` (planar) or `st_knnSpheroid`, the `k`
/// nearest.
fn join_predicate(
    env: &mut Env,
    name: &JString,
    distance: jdouble,
    inclusive: jboolean,
    k: jint,
) -> Result<Predicate, BridgeError> {
    let name = name.try_to_string(env)?;
    let within = |metric| Predicate::within_distance(distance, inclusive, metric);
    Ok(match name.as_str() {
        "st_distance" => within(Metric::Planar)?,
        "st_distanceSphere" => within(Metric::Sphere)?,
        "st_distanceSpheroid" => within(Metric::Spheroid)?,
        "st_knn" => Predicate::nearest(k.into(), Metric::Planar)?,
        "st_knnSpheroid" => Predicate::nearest(k.into(), Metric::Spheroid)?,
        _ => Predicate::named(&name)
            .ok_or_else(|| BridgeError::State(format!("{name} is not a join predicate")))?,
    })
}

fn read_doubles(env: &Env, array: &JDoubleArray) -> Result<Vec<f64>, BridgeError> {
    let mut values = vec![0.0; array.len(env)?];
    array.get_region(env, 0, &mut values)?;
    Ok(values)
}

fn doubles<'local>(
    env: &mut Env<'local>,
    values: &[f64],
) -> Result<JDoubleArray<'local>, BridgeError> {
    let array = JDoubleArray::new(env, values.len())?;
    array.set_region(env, 0, values)?;
    Ok(array)
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

/// A struct of non-NULL INT columns, one per name.
fn int_struct<const N: usize>(columns: [(&str, Vec<u32>); N]) -> StructArray {
    StructArray::from(
        columns
            .into_iter()
            .map(|(name, rows)| {
                let values: ArrayRef = Arc::new(Int32Array::from_iter_values(
                    rows.into_iter().map(|r| r as i32),
                ));
                (Arc::new(Field::new(name, DataType::Int32, false)), values)
            })
            .collect::<Vec<_>>(),
    )
}
