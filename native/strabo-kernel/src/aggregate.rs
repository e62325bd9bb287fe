//! Aggregates: an accumulator per group, updated a batch at a time, merged across tasks through
//! its serialized state, and finished into one value.
use strabo_columnar::{ColumnBuf, ColumnView};
use strabo_geom::GeomError;

use crate::arg::ArgType;
use crate::error::{KernelError, RowError};

/// The running state of one group.
pub trait Accumulator: Send + 'static {
    /// The buffer type of the result.
    type Out: ColumnBuf;
    /// Adds a batch of rows of the call's arguments; NULL rows are skipped.
    fn update(&mut self, args: &[ColumnView<'_>], rows: usize) -> Result<(), RowError>;
    /// Adds the state of another accumulator of the same call, from [`Accumulator::state`].
    fn merge(&mut self, state: &[u8]) -> Result<(), GeomError>;
    /// The state, to send to another task.
    fn state(&mut self) -> Result<Vec<u8>, GeomError>;
    /// Writes the result: one value, or NULL when no row had a value.
    fn finish(&mut self, out: &mut Self::Out) -> Result<(), GeomError>;
}

/// [`Accumulator`] for the executor, whatever its result type.
pub trait DynAccumulator: Send {
    fn update(&mut self, args: &[ColumnView<'_>], rows: usize) -> Result<(), RowError>;
    fn merge(&mut self, state: &[u8]) -> Result<(), GeomError>;
    fn state(&mut self) -> Result<Vec<u8>, GeomError>;
    /// The result in the JVM's row layout.
    fn finish(&mut self) -> Result<Vec<u8>, GeomError>;
}

impl<A: Accumulator> DynAccumulator for A {
    fn update(&mut self, args: &[ColumnView<'_>], rows: usize) -> Result<(), RowError> {
        Accumulator::update(self, args, rows)
    }
    fn merge(&mut self, state: &[u8]) -> Result<(), GeomError> {
        Accumulator::merge(self, state)
    }
    fn state(&mut self) -> Result<Vec<u8>, GeomError> {
        Accumulator::state(self)
    }
    fn finish(&mut self) -> Result<Vec<u8>, GeomError> {
        let mut out = A::Out::default();
        Accumulator::finish(self, &mut out)?;
        out.seal();
        let mut encoded = Vec::new();
        out.encode(0, &mut encoded);
        Ok(encoded)
    }
}

/// An aggregate bound to one call: it makes the accumulators, one per group.
pub trait AggregateKernel: Send + Sync {
    fn accumulator(&self) -> Box<dyn DynAccumulator>;
}

/// An [`AggregateKernel`] that makes accumulators with a function.
pub struct Accumulators<F>(pub F);

impl<F, A> AggregateKernel for Accumulators<F>
where
    F: Fn() -> A + Send + Sync,
    A: Accumulator,
{
    fn accumulator(&self) -> Box<dyn DynAccumulator> {
        Box::new((self.0)())
    }
}

/// Calls `f` with every non-NULL row of argument `index` and its SRID (if a geometry).
pub fn for_each_row<'a, A: ArgType>(
    args: &[ColumnView<'a>],
    index: usize,
    rows: usize,
    mut f: impl FnMut(A::Item<'a>, Option<i32>) -> Result<(), KernelError>,
) -> Result<(), RowError> {
    let reader = args
        .get(index)
        .and_then(A::reader)
        .ok_or_else(|| RowError {
            row: 0,
            error: KernelError::at(index)(GeomError::InvalidParameter(format!(
                "argument {index} is not a column of the expected type"
            ))),
        })?;
    let validity = A::validity(&reader);
    for row in 0..rows {
        if !validity.is_valid(row) {
            continue;
        }
        let item = A::read(&reader, row).map_err(|error| RowError {
            row,
            error: KernelError::at(index)(error),
        })?;
        f(item, A::srid(&reader, row)).map_err(|error| RowError { row, error })?;
    }
    Ok(())
}
