//! A Parquet file in an object store, read by ranges.
use std::ops::Range;
use std::sync::Arc;

use bytes::Bytes;
use futures::future::BoxFuture;
use futures::FutureExt;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt};
use parquet::arrow::arrow_reader::ArrowReaderOptions;
use parquet::arrow::async_reader::AsyncFileReader;
use parquet::errors::ParquetError;
use parquet::file::metadata::{
    FooterTail, PageIndexPolicy, ParquetMetaData, ParquetMetaDataReader,
};
use parquet::file::FOOTER_SIZE;

/// A file whose size the log already knows, so its footer is one ranged read.
pub struct ObjectFile {
    objects: Arc<dyn ObjectStore>,
    path: Path,
    size: u64,
    page_index: PageIndexPolicy,
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
        }
    }

    /// The file's footer, and its page index as the file's policy says. The footer's Thrift
    /// structure is checked before the parquet crate decodes it ([`crate::footer_check`]).
    pub async fn metadata(&mut self) -> parquet::errors::Result<ParquetMetaData> {
        let size = self.size;
        let too_short = || ParquetError::General(format!("{} bytes are no Parquet file", size));
        let tail_start = size.checked_sub(FOOTER_SIZE as u64).ok_or_else(too_short)?;
        let tail = self.get_bytes(tail_start..size).await?;
        let tail: [u8; FOOTER_SIZE] = tail.as_ref().try_into().map_err(|_| too_short())?;
        let length = FooterTail::try_new(&tail)?.metadata_length() as u64;
        let start = tail_start.checked_sub(length).ok_or_else(too_short)?;
        let footer = self.get_bytes(start..tail_start).await?;
        crate::footer_check::check(&footer).map_err(ParquetError::General)?;
        let metadata = ParquetMetaDataReader::decode_metadata(&footer)?;
        if self.page_index == PageIndexPolicy::Skip {
            return Ok(metadata);
        }
        let mut reader = ParquetMetaDataReader::new_with_metadata(metadata)
            .with_page_index_policy(self.page_index);
        reader.load_page_index(&mut *self).await?;
        reader.finish()
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
            self.objects
                .get_ranges(&self.path, &ranges)
                .await
                .map_err(external)
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
