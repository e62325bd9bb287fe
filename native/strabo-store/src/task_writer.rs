//! A Spark task's writer: it takes the task's batches one at a time and writes one file per
//! partition at the end, so that a task writes as many files as its rows span partitions, not
//! that many per batch. Rows wait in memory, sorted by partition and curve key; past a byte
//! budget the largest partitions are written early (a partition may then get a second file).
use std::collections::BTreeMap;

use arrow_array::{RecordBatch, UInt32Array};
use strabo_columnar::types::GeomEncoding;

use crate::error::StoreError;
use crate::log::{span_of_times, union_of_boxes, DataFile};
use crate::schema::FeatureType;
use crate::write::{partition_rows, FidSequence, PartitionRows};
use crate::{check_job_id, data_file_path, geoparquet, ChildPath, FileOptions, Store};

/// Rows of one partition waiting to be written: sorted runs, one per input batch.
#[derive(Default)]
struct Pending {
    runs: Vec<PartitionRows>,
    bytes: usize,
}

/// Writes the batches of one task as files of one feature type. Nothing is visible to readers
/// until the driver commits the files [`TaskWriter::finish`] returns; [`TaskWriter::abort`]
/// deletes those already written.
pub struct TaskWriter {
    feature_type: FeatureType,
    encoding: GeomEncoding,
    options: FileOptions,
    fids: FidSequence,
    pending: BTreeMap<String, Pending>,
    pending_bytes: usize,
    written: Vec<DataFile>,
    job: String,
}

impl TaskWriter {
    /// A writer for a task of write job `job` (see [`crate::new_job_id`]).
    pub fn new(
        feature_type: FeatureType,
        encoding: GeomEncoding,
        options: FileOptions,
        job: &str,
    ) -> Result<TaskWriter, StoreError> {
        feature_type.validate()?;
        check_job_id(job)?;
        Ok(TaskWriter {
            job: job.to_owned(),
            feature_type,
            encoding,
            options,
            fids: FidSequence::new(),
            pending: BTreeMap::new(),
            pending_bytes: 0,
            written: Vec::new(),
        })
    }

    /// Takes a batch (columns named and typed as the feature type's attributes, optionally a
    /// `__fid__` column). A row the store cannot take fails the whole batch, naming it; the
    /// batches taken before stay.
    pub fn write(&mut self, store: &Store, batch: &RecordBatch) -> Result<(), StoreError> {
        for rows in partition_rows(&self.feature_type, batch, self.encoding, &mut self.fids)? {
            let bytes = rows.batch.get_array_memory_size();
            let pending = self.pending.entry(rows.partition.clone()).or_default();
            pending.runs.push(rows);
            pending.bytes += bytes;
            self.pending_bytes += bytes;
        }
        while self.pending_bytes > self.options.buffer_bytes {
            let largest = self
                .pending
                .iter()
                .max_by_key(|(_, p)| p.bytes)
                .map(|(partition, _)| partition.clone())
                .expect("pending bytes belong to a partition");
            self.write_partition(store, &largest)?;
        }
        Ok(())
    }

    /// Writes every waiting partition; returns all files this writer wrote, for the commit.
    /// If the job was aborted meanwhile, the driver may have listed the job's files before
    /// these existed: they are deleted here and the task fails.
    pub fn finish(mut self, store: &Store) -> Result<Vec<DataFile>, StoreError> {
        let partitions: Vec<String> = self.pending.keys().cloned().collect();
        let written = partitions
            .iter()
            .try_for_each(|partition| self.write_partition(store, partition))
            .and_then(|()| store.job_aborted(&self.feature_type.name, &self.job));
        match written {
            Ok(false) => Ok(self.written),
            Ok(true) => {
                let job = self.job.clone();
                self.abort(store);
                Err(StoreError::JobAborted(job))
            }
            Err(e) => {
                self.abort(store);
                Err(e)
            }
        }
    }

    /// Deletes the files written so far; best effort.
    pub fn abort(self, store: &Store) {
        store.discard(&self.feature_type.name, &self.written);
    }

    fn write_partition(&mut self, store: &Store, partition: &str) -> Result<(), StoreError> {
        let Some(pending) = self.pending.remove(partition) else {
            return Ok(());
        };
        self.pending_bytes -= pending.bytes;
        let rows = merge_runs(pending.runs)?;
        let bytes = geoparquet::encode(&self.feature_type, &rows, self.options)?;
        let path = data_file_path(&rows.partition, &self.job);
        let size = bytes.len() as u64;
        let location = store.feature_dir(&self.feature_type.name).child_path(&path);
        crate::IO_RUNTIME.block_on(store.upload(&location, bytes))?;
        self.written.push(DataFile {
            path,
            partition: rows.partition,
            rows: rows.batch.num_rows() as u64,
            bytes: size,
            bbox: rows.bbox,
            time: rows.time,
            geomesa: None,
        });
        Ok(())
    }
}

/// One partition's sorted runs as one run, sorted by curve key.
fn merge_runs(mut runs: Vec<PartitionRows>) -> Result<PartitionRows, StoreError> {
    if runs.len() == 1 {
        return Ok(runs.pop().expect("one run"));
    }
    let first = &runs[0];
    let batch =
        arrow_select::concat::concat_batches(&first.batch.schema(), runs.iter().map(|r| &r.batch))?;
    let mut keyed: Vec<((u64, u64), u32)> = runs
        .iter()
        .flat_map(|r| r.keys.iter().copied())
        .zip(0u32..)
        .collect();
    keyed.sort_unstable();
    let indices = UInt32Array::from_iter_values(keyed.iter().map(|k| k.1));
    Ok(PartitionRows {
        partition: first.partition.clone(),
        bbox: union_of_boxes(runs.iter().filter_map(|r| r.bbox)),
        time: span_of_times(runs.iter().filter_map(|r| r.time)),
        batch: arrow_select::take::take_record_batch(&batch, &indices)?,
        keys: keyed.into_iter().map(|k| k.0).collect(),
    })
}
