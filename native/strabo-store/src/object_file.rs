//! A Parquet file in an object store, read by ranges.
use std::ops::Range;
use std::sync::Arc;

use bytes::Bytes;
use futures::future::BoxFuture;
use futures::FutureExt;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt};
use parquet::arrow::arrow_reader::ArrowReaderOptions;
use parquet::arrow::async_reader::{AsyncFileReader, MetadataFetch};
use parquet::errors::ParquetError;
use parquet::file::metadata::{
    FooterTail, PageIndexPolicy, ParquetMetaData, ParquetMetaDataReader,
};
use parquet::file::FOOTER_SIZE;

use crate::thrift_check;

/// A file whose size the log already knows, so its footer is one ranged read.
///
/// Every Thrift structure the parquet crate decodes from it is checked first
/// ([`crate::thrift_check`]): the footer and page index as [`ObjectFile::metadata`] reads them,
/// the page headers as the reader fetches column chunks.
pub struct ObjectFile {
    objects: Arc<dyn ObjectStore>,
    path: Path,
    size: u64,
    page_index: PageIndexPolicy,
    /// Where the offset index (once read) says pages start, sorted: the parquet crate reads a
    /// header there, whether or not the pages before it end there.
    page_starts: Vec<u64>,
}

impl ObjectFile {
    /// A file that reads its page index as `page_index` says.
    pub fn new(
        objects: Arc<dyn ObjectStore>,
        path: Path,
        size: u64,
        page_index: PageIndexPolicy,
    ) -> Self {
        ObjectFile {
            objects,
            path,
            size,
            page_index,
            page_starts: Vec::new(),
        }
    }

    /// The file's footer, and its page index as the file's policy says.
    pub async fn metadata(&mut self) -> parquet::errors::Result<ParquetMetaData> {
        let size = self.size;
        let too_short = || ParquetError::General(format!("{} bytes are no Parquet file", size));
        let tail_start = size.checked_sub(FOOTER_SIZE as u64).ok_or_else(too_short)?;
        let tail = self.get_bytes(tail_start..size).await?;
        let tail: [u8; FOOTER_SIZE] = tail.as_ref().try_into().map_err(|_| too_short())?;
        let length = FooterTail::try_new(&tail)?.metadata_length() as u64;
        let start = tail_start.checked_sub(length).ok_or_else(too_short)?;
        let footer = self.get_bytes(start..tail_start).await?;
        thrift_check::footer(&footer).map_err(ParquetError::General)?;
        let metadata = ParquetMetaDataReader::decode_metadata(&footer)?;
        check_row_counts(&metadata)?;
        if self.page_index == PageIndexPolicy::Skip {
            return Ok(metadata);
        }
        let policy = self.page_index;
        let page_index = CheckedPageIndex {
            indexes: page_indexes(&metadata),
            file: self,
        };
        let mut reader =
            ParquetMetaDataReader::new_with_metadata(metadata).with_page_index_policy(policy);
        reader.load_page_index(page_index).await?;
        let metadata = reader.finish()?;
        self.page_starts = metadata
            .offset_index()
            .into_iter()
            .flatten()
            .flatten()
            .flat_map(|column| column.page_locations())
            .filter_map(|page| u64::try_from(page.offset).ok())
            .collect();
        self.page_starts.sort_unstable();
        Ok(metadata)
    }

    /// Refuses fetched column-chunk bytes (`bytes`, from `range`) whose page headers the
    /// parquet crate must not decode: those walked from the start of the range, and those
    /// where the offset index says a page starts.
    fn check_pages(&self, range: &Range<u64>, bytes: &[u8]) -> parquet::errors::Result<()> {
        thrift_check::pages(bytes, range.start).map_err(ParquetError::General)?;
        let first = self
            .page_starts
            .partition_point(|start| *start < range.start);
        let starts = self.page_starts[first..].iter();
        for start in starts.take_while(|start| **start < range.end) {
            let header = bytes
                .get((start - range.start) as usize..)
                .unwrap_or_default();
            thrift_check::page_header(header).map_err(|e| {
                ParquetError::General(format!("corrupt page header at byte {start}: {e}"))
            })?;
        }
        Ok(())
    }
}

/// Row selections add up row groups' row counts: a negative one, or a sum beyond `i64`, is
/// a corrupt footer (the parquet crate's selection panics on an overflowing sum).
fn check_row_counts(metadata: &ParquetMetaData) -> parquet::errors::Result<()> {
    let mut total = 0i64;
    for group in metadata.row_groups() {
        let rows = group.num_rows();
        total = total
            .checked_add(rows)
            .filter(|_| rows >= 0)
            .ok_or_else(|| {
                ParquetError::General(format!(
                    "corrupt footer: a row group of {rows} rows after {total}"
                ))
            })?;
    }
    Ok(())
}

type Check = fn(&[u8]) -> Result<(), String>;

/// Where the column and offset index of each column chunk lie, with the check of each.
fn page_indexes(metadata: &ParquetMetaData) -> Vec<(Range<u64>, Check)> {
    let range = |offset: Option<i64>, length: Option<i32>| {
        let start = u64::try_from(offset?).ok()?;
        Some(start..start.checked_add(u64::try_from(length?).ok()?)?)
    };
    let mut indexes = Vec::new();
    for column in metadata
        .row_groups()
        .iter()
        .flat_map(|group| group.columns())
    {
        let column_index = range(column.column_index_offset(), column.column_index_length());
        let offset_index = range(column.offset_index_offset(), column.offset_index_length());
        indexes.extend(column_index.map(|r| (r, thrift_check::column_index as Check)));
        indexes.extend(offset_index.map(|r| (r, thrift_check::offset_index as Check)));
    }
    indexes
}

/// The page index as the parquet crate fetches it (one range over every column chunk's
/// indexes), each index checked before the crate decodes it.
struct CheckedPageIndex<'a> {
    file: &'a mut ObjectFile,
    indexes: Vec<(Range<u64>, Check)>,
}

impl MetadataFetch for CheckedPageIndex<'_> {
    fn fetch(&mut self, range: Range<u64>) -> BoxFuture<'_, parquet::errors::Result<Bytes>> {
        async move {
            let bytes = self.file.get_bytes(range.clone()).await?;
            for (index, check) in &self.indexes {
                // An index outside the fetched bytes is not decoded from them.
                let Some(start) = index.start.checked_sub(range.start) else {
                    continue;
                };
                let within = bytes.get(start as usize..(index.end - range.start) as usize);
                if let Some(index_bytes) = within {
                    check(index_bytes).map_err(ParquetError::General)?;
                }
            }
            Ok(bytes)
        }
        .boxed()
    }
}

fn external(e: object_store::Error) -> ParquetError {
    ParquetError::External(Box::new(e))
}

impl AsyncFileReader for ObjectFile {
    fn get_bytes(&mut self, range: Range<u64>) -> BoxFuture<'_, parquet::errors::Result<Bytes>> {
        async move {
            self.objects
                .get_range(&self.path, range)
                .await
                .map_err(external)
        }
        .boxed()
    }

    fn get_byte_ranges(
        &mut self,
        ranges: Vec<Range<u64>>,
    ) -> BoxFuture<'_, parquet::errors::Result<Vec<Bytes>>> {
        async move {
            let chunks = self
                .objects
                .get_ranges(&self.path, &ranges)
                .await
                .map_err(external)?;
            // The parquet crate fetches ranges in bulk only for column chunks, or the pages of
            // them it needs, and decodes a page header at the start of each.
            for (range, bytes) in ranges.iter().zip(&chunks) {
                self.check_pages(range, bytes)?;
            }
            Ok(chunks)
        }
        .boxed()
    }

    fn get_metadata<'a>(
        &'a mut self,
        _options: Option<&'a ArrowReaderOptions>,
    ) -> BoxFuture<'a, parquet::errors::Result<Arc<ParquetMetaData>>> {
        async move { Ok(Arc::new(self.metadata().await?)) }.boxed()
    }
}
