//! Binding: what a function learns once per task, before any row. Constant arguments (literal
//! geometries, parameter strings) are decoded and prepared here, never per row.
use strabo_columnar::{ColumnBuf, ColumnView, Physical, Scalar};

use crate::aggregate::GroupsAccumulator;
use crate::error::{BindError, RowError};
use crate::spec::ResultSrid;

/// Binds a scalar function to the arguments of one call.
pub type BindScalar = fn(&BindArgs) -> Result<Box<dyn BatchFn>, BindError>;
/// Binds an aggregate function to the arguments of one call: the groups of one task.
pub type BindAggregate = fn(&BindArgs) -> Result<Box<dyn GroupsAccumulator>, BindError>;

/// One argument of a call, as binding sees it.
#[derive(Clone, Debug, PartialEq)]
pub enum BoundArg {
    /// A column, known only when batches arrive.
    Column(Physical),
    /// A constant, known now.
    Constant(Scalar),
}

/// The arguments of one call, and where its geometry result takes its SRID from.
pub struct BindArgs<'a> {
    args: &'a [BoundArg],
    srid: ResultSrid,
}

impl<'a> BindArgs<'a> {
    /// A call whose geometry result takes the SRID its geometry arguments share.
    pub fn new(args: &'a [BoundArg]) -> Self {
        BindArgs {
            args,
            srid: ResultSrid::Shared,
        }
    }

    /// A call of a signature that declares `srid`.
    pub fn with_srid(args: &'a [BoundArg], srid: ResultSrid) -> Self {
        BindArgs { args, srid }
    }

    pub fn srid(&self) -> ResultSrid {
        self.srid
    }

    pub fn len(&self) -> usize {
        self.args.len()
    }

    pub fn is_empty(&self) -> bool {
        self.args.is_empty()
    }

    /// The constant at `index`, if that argument is one.
    pub fn constant(&self, index: usize) -> Option<&'a Scalar> {
        match self.args.get(index) {
            Some(BoundArg::Constant(scalar)) => Some(scalar),
            _ => None,
        }
    }

    /// The first `n` arguments, for a kernel that binds the rest itself (such as a parameter
    /// string); those must be constants.
    pub fn first(&self, n: usize) -> Result<BindArgs<'a>, BindError> {
        match self.args.get(n..) {
            Some(rest) if rest.iter().all(|a| matches!(a, BoundArg::Constant(_))) => Ok(BindArgs {
                args: &self.args[..n],
                srid: self.srid,
            }),
            _ => Err(BindError::Program(format!(
                "expected {n} arguments and then constants, got {:?}",
                self.args
            ))),
        }
    }
}

/// A function bound to one call: evaluates whole batches, one dispatch per batch.
pub trait BatchFn: Send {
    /// Evaluates `rows` rows into the output, replacing what it held. `args[i]` is the view of
    /// argument `i`, or `None` for a constant (bound already).
    fn eval(&mut self, args: &[Option<&ColumnView<'_>>], rows: usize) -> Result<(), RowError>;
    fn output(&self) -> &dyn Output;
    fn output_mut(&mut self) -> &mut dyn Output;
}

/// A node's output, as the executor handles it whatever its type.
pub trait Output: Send {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn view(&self) -> ColumnView<'_>;
    /// Moves the values into an Arrow array, leaving the output empty.
    fn take_array(&mut self) -> arrow_array::ArrayRef;
    /// Appends row `i` in the JVM's row layout.
    fn encode(&self, i: usize, out: &mut Vec<u8>);
}

impl<B: ColumnBuf> Output for B {
    fn len(&self) -> usize {
        ColumnBuf::len(self)
    }
    fn view(&self) -> ColumnView<'_> {
        ColumnBuf::view(self)
    }
    fn take_array(&mut self) -> arrow_array::ArrayRef {
        ColumnBuf::take_array(self)
    }
    fn encode(&self, i: usize, out: &mut Vec<u8>) {
        ColumnBuf::encode(self, i, out)
    }
}
