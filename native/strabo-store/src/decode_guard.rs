//! Decoding a data file under a guard. The parquet crate panics on some corrupt pages instead
//! of returning an error (bug 16 in docs/reliability.md: bit-packed values wider than their
//! type), and nothing short of decoding a page tells such a page apart. So the footer and the
//! pages are decoded under [`decode`], which turns a panic there into [`StoreError::Corrupt`]
//! naming the file, as it does the decoder's errors; a panic in Strabo's own code outside it
//! stays a panic, i.e. a bug.
use std::cell::Cell;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::task::Poll;

use parquet::errors::ParquetError;

use crate::StoreError;

thread_local! {
    static DECODING: Cell<bool> = const { Cell::new(false) };
}

/// Whether this thread is inside [`decode`], where a panic is a corrupt file that the guard
/// reports as an error. A panic hook that treats every panic as fatal (libFuzzer's) asks this
/// first.
pub fn decoding() -> bool {
    DECODING.get()
}

/// Runs `work`, the decoding of the data file named `path` (as messages name it: relative to
/// the store), with each of its polls guarded.
pub(crate) async fn decode<T, E>(
    path: &str,
    work: impl Future<Output = Result<T, E>>,
) -> Result<T, StoreError>
where
    StoreError: From<E>,
{
    let mut work = std::pin::pin!(work);
    let polled = futures::future::poll_fn(|cx| {
        let outer = DECODING.replace(true);
        let poll = catch_unwind(AssertUnwindSafe(|| work.as_mut().poll(cx)));
        DECODING.set(outer);
        match poll {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(result)) => Poll::Ready(Ok(result)),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    })
    .await;
    match polled {
        Ok(result) => result.map_err(|error| name_the_file(path, error.into())),
        Err(panic) => Err(StoreError::Corrupt(format!(
            "data file '{path}' is corrupt: the Parquet decoder failed on it ({})",
            strabo_panic::message(panic.as_ref())
        ))),
    }
}

/// An error from decoding the file at `path`, named after it: a Parquet error means the file
/// is corrupt (or written in a way the reader cannot read); an error of the storage beneath
/// (`External`) that it could not be read. The store's own errors stay as they are.
fn name_the_file(path: &str, error: StoreError) -> StoreError {
    match error {
        StoreError::Parquet(ParquetError::External(source)) => StoreError::Unreadable {
            path: path.to_string(),
            reason: source.to_string(),
        },
        StoreError::Parquet(parquet) => {
            let reason = match parquet {
                ParquetError::General(reason) => reason,
                other => other.to_string(),
            };
            StoreError::Corrupt(format!("data file '{path}' is corrupt: {reason}"))
        }
        other => other,
    }
}
