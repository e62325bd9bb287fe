//! JNI entry points of `io.strabo.spark.jni.StoreNative`: the store's reader and writer, its
//! planner and its management calls. Descriptions cross as JSON strings, data as Arrow arrays
//! through the C Data Interface.

use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::Schema;
use jni::objects::{JClass, JLongArray, JString};
use jni::sys::{jboolean, jdouble, jint, jlong};
use jni::{Env, EnvUnowned};
use serde::Serialize;
use strabo_columnar::types::GeomEncoding;
use strabo_filter::Filter;
use strabo_query::translate::{translate, ColumnKind, HostExpr};
use strabo_store::host::{
    feature_type_for_write, with_srid_prefix, Description, FeatureTypeOptions, HostColumn,
};
use strabo_store::{
    AttributeKind, DataFile, FeatureType, FileOptions, FileScan, Location, PruneCounts, Scan,
    Store, TaskWriter, WriteMode,
};

use crate::boundary::{boundary, BridgeError};
use crate::{arrow_ffi, into_handle, program_mut, read_longs, release_handle};

fn string(env: &mut Env, value: &JString) -> Result<String, BridgeError> {
    Ok(value.try_to_string(env)?)
}

fn json<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T, BridgeError> {
    serde_json::from_str(text).map_err(|e| BridgeError::State(format!("{what}: {e}")))
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("store descriptions serialize")
}

/// Opens the store at a location (JSON: `uri`, and `settings` that reach it).
fn open(env: &mut Env, location: &JString) -> Result<Store, BridgeError> {
    let location: Location = json("store location", &string(env, location)?)?;
    Ok(Store::open_at(&location)?)
}

/// What a write job begins with, as JSON: `featureType`, the stored one when the feature type
/// exists (the data must fit it), else a new one from the data's columns and the options; and
/// `readVersion`, the version it read (null when there was none), which an overwrite replaces.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_beginWrite<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    location: JString<'local>,
    feature: JString<'local>,
    columns: JString<'local>,
    options: JString<'local>,
) -> JString<'local> {
    boundary(&mut env, |env| {
        let store = open(env, &location)?;
        store.check_writable()?;
        let feature = string(env, &feature)?;
        let columns: Vec<HostColumn> = json("columns", &string(env, &columns)?)?;
        let options: FeatureTypeOptions = json("options", &string(env, &options)?)?;
        let data = FeatureType::from_columns(&feature, &columns, &options)?;
        let stored = match store.snapshot(&feature) {
            Ok(snapshot) if snapshot.read_only => {
                return Err(strabo_store::StoreError::read_only(&feature).into())
            }
            Ok(snapshot) => Some(snapshot),
            Err(strabo_store::StoreError::NoSuchFeature(..)) => None,
            Err(e) => return Err(e.into()),
        };
        let read_version = stored.as_ref().map(|s| s.version);
        let feature_type = feature_type_for_write(stored.map(|s| s.feature_type), data)?;
        let begun = serde_json::json!({"featureType": feature_type, "readVersion": read_version});
        Ok(env.new_string(begun.to_string())?)
    })
}

/// A task's writer and the store it writes to.
struct TaskWrite {
    store: Store,
    /// `None` once finished or aborted.
    writer: Option<TaskWriter>,
}

fn writer_done() -> BridgeError {
    BridgeError::State("the task writer was finished or aborted".into())
}

/// Opens a task's writer of a feature type (JSON) for write job `job`; returns a handle for `writerWrite`, to be
/// finished or aborted, then given to `writerClose` once.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_writerOpen<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    location: JString<'local>,
    feature_type: JString<'local>,
    job: JString<'local>,
) -> jlong {
    boundary(&mut env, |env| {
        let store = open(env, &location)?;
        let feature_type: FeatureType = json("feature type", &string(env, &feature_type)?)?;
        let job = string(env, &job)?;
        let writer = TaskWriter::new(
            feature_type,
            GeomEncoding::SridWkb,
            FileOptions::default(),
            &job,
        )?;
        Ok(into_handle(TaskWrite {
            store,
            writer: Some(writer),
        }))
    })
}

/// Hands one batch (one exported array per column, geometries in Spark's SRID-and-WKB
/// layout) to a task's writer.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_writerWrite<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    handle: jlong,
    array_addresses: JLongArray<'local>,
    schema_addresses: JLongArray<'local>,
) {
    boundary(&mut env, |env| {
        let write = program_mut::<TaskWrite>(handle)?;
        let arrays = read_longs(env, &array_addresses)?;
        let schemas = read_longs(env, &schema_addresses)?;
        // SAFETY: the JVM exported one array and schema per column and hands them over.
        let (fields, columns) = unsafe { arrow_ffi::import_fields(&arrays, &schemas)? };
        let batch = RecordBatch::try_new(Schema::new(fields).into(), columns)
            .map_err(|e| BridgeError::State(format!("the batch does not assemble: {e}")))?;
        let writer = write.writer.as_mut().ok_or_else(writer_done)?;
        Ok(writer.write(&write.store, &batch)?)
    })
}

/// Writes what a task's writer holds; returns every file it wrote (JSON) for the driver's
/// commit. A failure deletes them.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_writerFinish<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    handle: jlong,
) -> JString<'local> {
    boundary(&mut env, |env| {
        let write = program_mut::<TaskWrite>(handle)?;
        let writer = write.writer.take().ok_or_else(writer_done)?;
        let files = writer.finish(&write.store)?;
        Ok(env.new_string(to_json(&files))?)
    })
}

/// Deletes the files a task's writer wrote; best effort. Does nothing once finished.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_writerAbort<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    handle: jlong,
) {
    boundary(&mut env, |_| {
        let write = program_mut::<TaskWrite>(handle)?;
        if let Some(writer) = write.writer.take() {
            writer.abort(&write.store);
        }
        Ok(())
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_writerClose<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    handle: jlong,
) {
    boundary(&mut env, |_| {
        // SAFETY: the handle came from `writerOpen` and is closed once.
        unsafe { release_handle::<TaskWrite>(handle) };
        Ok(())
    })
}

/// Commits the files of every task as one version; returns the version. An overwrite
/// replaces the files of `read_version` (negative: none), the version its job began with.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_commit<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    location: JString<'local>,
    feature_type: JString<'local>,
    overwrite: jboolean,
    read_version: jlong,
    files: JString<'local>,
) -> jlong {
    boundary(&mut env, |env| {
        let store = open(env, &location)?;
        let feature_type: FeatureType = json("feature type", &string(env, &feature_type)?)?;
        let files: Vec<DataFile> = json("files", &string(env, &files)?)?;
        let mode = if overwrite {
            WriteMode::Overwrite {
                read: u64::try_from(read_version).ok(),
            }
        } else {
            WriteMode::Append
        };
        Ok(store.commit(&feature_type, mode, files)? as jlong)
    })
}

/// A new write job's id, for `writerOpen` and `discardJob`.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_newJobId<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
) -> JString<'local> {
    boundary(&mut env, |env| {
        Ok(env.new_string(strabo_store::new_job_id())?)
    })
}

/// Deletes every file of an aborted write job that no commit lists.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_discardJob<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    location: JString<'local>,
    feature: JString<'local>,
    job: JString<'local>,
) {
    boundary(&mut env, |env| {
        let store = open(env, &location)?;
        Ok(store.discard_job(&string(env, &feature)?, &string(env, &job)?)?)
    })
}

/// Deletes files that a failed job wrote and will never commit.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_discard<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    location: JString<'local>,
    feature: JString<'local>,
    files: JString<'local>,
) {
    boundary(&mut env, |env| {
        let store = open(env, &location)?;
        let files: Vec<DataFile> = json("files", &string(env, &files)?)?;
        store.discard(&string(env, &feature)?, &files);
        Ok(())
    })
}

/// The feature types of a store, as a JSON array of names.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_featureTypes<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    location: JString<'local>,
) -> JString<'local> {
    boundary(&mut env, |env| {
        let names = open(env, &location)?.feature_types()?;
        Ok(env.new_string(to_json(&names))?)
    })
}

/// A feature type at a version (the latest if negative) with its totals, as JSON.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_describe<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    location: JString<'local>,
    feature: JString<'local>,
    version: jlong,
) -> JString<'local> {
    boundary(&mut env, |env| {
        let store = open(env, &location)?;
        let snapshot = snapshot(&store, &string(env, &feature)?, version)?;
        Ok(env.new_string(to_json(&Description::of(&snapshot)))?)
    })
}

/// The snapshot at `version`, or the latest if it is negative.
fn snapshot(
    store: &Store,
    feature: &str,
    version: jlong,
) -> Result<strabo_store::Snapshot, BridgeError> {
    Ok(match u64::try_from(version) {
        Ok(version) => store.snapshot_at(feature, version)?,
        Err(_) => store.snapshot(feature)?,
    })
}

/// The latest version committed at or before `timestamp` (epoch milliseconds).
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_versionAsOf<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    location: JString<'local>,
    feature: JString<'local>,
    timestamp: jlong,
) -> jlong {
    boundary(&mut env, |env| {
        let store = open(env, &location)?;
        Ok(store.version_as_of(&string(env, &feature)?, timestamp)? as jlong)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_deleteFeatureType<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    location: JString<'local>,
    feature: JString<'local>,
) {
    boundary(&mut env, |env| {
        let store = open(env, &location)?;
        Ok(store.delete_feature_type(&string(env, &feature)?)?)
    })
}

/// What a compaction of the latest version rewrites (JSON [`strabo_store::Compaction`]), or
/// `null` when no partition is held in more than one file.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_compaction<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    location: JString<'local>,
    feature: JString<'local>,
) -> JString<'local> {
    boundary(&mut env, |env| {
        let store = open(env, &location)?;
        let compaction = store.compaction(&string(env, &feature)?)?;
        Ok(env.new_string(to_json(&compaction))?)
    })
}

/// Rewrites one partition's files (a JSON array of [`strabo_store::DataFile`]) of a feature
/// type (JSON) as one file, uncommitted: a compaction's task. Returns the files written (JSON).
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_rewrite<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    location: JString<'local>,
    feature_type: JString<'local>,
    files: JString<'local>,
) -> JString<'local> {
    boundary(&mut env, |env| {
        let store = open(env, &location)?;
        let feature_type: FeatureType = json("feature type", &string(env, &feature_type)?)?;
        let files: Vec<DataFile> = json("files", &string(env, &files)?)?;
        let written = store.rewrite(&feature_type, &files)?;
        Ok(env.new_string(to_json(&written))?)
    })
}

/// Commits a compaction (JSON) with the files its tasks wrote (a JSON array); returns the new
/// version. On failure the written files are deleted.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_commitCompaction<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    location: JString<'local>,
    compaction: JString<'local>,
    added: JString<'local>,
) -> jlong {
    boundary(&mut env, |env| {
        let store = open(env, &location)?;
        let compaction: strabo_store::Compaction = json("compaction", &string(env, &compaction)?)?;
        let added: Vec<DataFile> = json("files", &string(env, &added)?)?;
        Ok(store.commit_compaction(&compaction, &added)? as jlong)
    })
}

/// Deletes the files no snapshot of the last `retain_hours` reads; returns what it deleted
/// (JSON [`strabo_store::Vacuumed`]).
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_vacuum<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    location: JString<'local>,
    feature: JString<'local>,
    retain_hours: jdouble,
) -> JString<'local> {
    boundary(&mut env, |env| {
        let retain =
            std::time::Duration::try_from_secs_f64(retain_hours * 3600.0).map_err(|_| {
                BridgeError::Argument(format!(
                    "the retention is a number of hours, 0 or more, not {retain_hours}"
                ))
            })?;
        let store = open(env, &location)?;
        let vacuumed = store.vacuum(&string(env, &feature)?, retain)?;
        Ok(env.new_string(to_json(&vacuumed))?)
    })
}

/// One conjunct's translation, as the JVM reads it.
#[derive(Serialize)]
struct Pushed {
    /// The filter in its JSON shape.
    filter: Filter,
    ecql: String,
    exact: bool,
}

/// Translates conjuncts serialized by the JVM (a JSON array) against a feature type; returns
/// a JSON array with, per conjunct, its [`Pushed`] translation or `null`.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_translate<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    feature_type: JString<'local>,
    conjuncts: JString<'local>,
) -> JString<'local> {
    boundary(&mut env, |env| {
        let feature_type: FeatureType = json("feature type", &string(env, &feature_type)?)?;
        let conjuncts: Vec<HostExpr> = json("conjuncts", &string(env, &conjuncts)?)?;
        let column = |name: &str| {
            feature_type.attribute(name).map(|a| match a.kind {
                AttributeKind::Geometry { srid, .. } => ColumnKind::Geometry { srid },
                _ => ColumnKind::Other,
            })
        };
        let pushed: Vec<Option<Pushed>> = conjuncts
            .iter()
            .map(|conjunct| {
                translate(conjunct, &column).map(|t| Pushed {
                    ecql: t.filter.to_ecql(),
                    filter: t.filter,
                    exact: t.exact,
                })
            })
            .collect();
        Ok(env.new_string(to_json(&pushed))?)
    })
}

/// ECQL text as a filter in its JSON shape; a syntax error names the column.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_parseEcql<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    ecql: JString<'local>,
) -> JString<'local> {
    boundary(&mut env, |env| {
        let filter = Filter::from_ecql(&string(env, &ecql)?)
            .map_err(|e| BridgeError::Argument(e.to_string()))?;
        Ok(env.new_string(filter.to_json())?)
    })
}

/// A filter (JSON shape) as ECQL, for `explain`.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_toEcql<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    filter: JString<'local>,
) -> JString<'local> {
    boundary(&mut env, |env| {
        let filter = parse_filter(&string(env, &filter)?)?;
        Ok(env.new_string(filter.to_ecql())?)
    })
}

fn parse_filter(json: &str) -> Result<Filter, BridgeError> {
    Filter::from_json(json).map_err(|e| BridgeError::Argument(e.to_string()))
}

/// What a scan reads, as the JVM plans its partitions.
#[derive(Serialize)]
struct Plan {
    version: u64,
    files: Vec<FileScan>,
    counts: PruneCounts,
}

/// The files and row groups of a version (the latest if negative) that a filter (JSON shape)
/// may match.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_plan<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    location: JString<'local>,
    feature: JString<'local>,
    filter: JString<'local>,
    version: jlong,
) -> JString<'local> {
    boundary(&mut env, |env| {
        let store = open(env, &location)?;
        let snapshot = snapshot(&store, &string(env, &feature)?, version)?;
        let filter = parse_filter(&string(env, &filter)?)?;
        let plan = store.plan(&snapshot, &filter)?;
        Ok(env.new_string(to_json(&Plan {
            version: snapshot.version,
            files: plan.files,
            counts: plan.counts,
        }))?)
    })
}

/// A file's matching rows, read and handed out a batch at a time.
struct Cursor {
    batches: Scan,
    /// The SRID of each output column that is a geometry.
    geometry_srids: Vec<Option<i32>>,
}

/// Opens a scan of one planned file (JSON [`FileScan`]): the given columns (a JSON array of
/// names), the rows matching the filter (JSON shape), at most `limit` (no limit if negative).
/// Returns a handle for `scanNext`, to be given to `scanClose` once.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_scanOpen<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    location: JString<'local>,
    feature_type: JString<'local>,
    file: JString<'local>,
    columns: JString<'local>,
    filter: JString<'local>,
    limit: jint,
) -> jlong {
    boundary(&mut env, |env| {
        let store = open(env, &location)?;
        let feature_type: FeatureType = json("feature type", &string(env, &feature_type)?)?;
        let file: FileScan = json("file", &string(env, &file)?)?;
        let columns: Vec<String> = json("columns", &string(env, &columns)?)?;
        let filter = parse_filter(&string(env, &filter)?)?;
        let names: Vec<&str> = columns.iter().map(String::as_str).collect();
        let geometry_srids = names
            .iter()
            .map(|name| match feature_type.attribute(name).map(|a| a.kind) {
                Some(AttributeKind::Geometry { srid, .. }) => Some(srid),
                _ => None,
            })
            .collect();
        let limit = usize::try_from(limit).ok();
        let batches = store.scan(&feature_type, &file, Some(&names), &filter, limit)?;
        Ok(into_handle(Cursor {
            batches,
            geometry_srids,
        }))
    })
}

/// Exports the next batch's columns into the given structs; returns its rows, or -1 at the end.
#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_scanNext<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    cursor: jlong,
    out_arrays: JLongArray<'local>,
    out_schemas: JLongArray<'local>,
) -> jint {
    boundary(&mut env, |env| {
        let cursor = program_mut::<Cursor>(cursor)?;
        let Some(batch) = cursor.batches.next().transpose()? else {
            return Ok(-1);
        };
        let out_arrays = read_longs(env, &out_arrays)?;
        let out_schemas = read_longs(env, &out_schemas)?;
        if out_arrays.len() != batch.num_columns() || out_schemas.len() != batch.num_columns() {
            return Err(BridgeError::State(format!(
                "{} columns for {} output structs",
                batch.num_columns(),
                out_arrays.len()
            )));
        }
        for (i, column) in batch.columns().iter().enumerate() {
            let column: ArrayRef = match cursor.geometry_srids[i] {
                Some(srid) => with_srid_prefix(column, srid)?,
                None => column.clone(),
            };
            // SAFETY: the JVM allocated empty output structs at these addresses.
            unsafe { arrow_ffi::export(&column, out_arrays[i], out_schemas[i])? };
        }
        jint::try_from(batch.num_rows())
            .map_err(|_| BridgeError::State(format!("{} rows", batch.num_rows())))
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_io_strabo_spark_jni_StoreNative_scanClose<'local>(
    mut env: EnvUnowned<'local>,
    _class: JClass<'local>,
    cursor: jlong,
) {
    boundary(&mut env, |_| {
        // SAFETY: the handle came from `scanOpen` and is closed once.
        unsafe { release_handle::<Cursor>(cursor) };
        Ok(())
    })
}
