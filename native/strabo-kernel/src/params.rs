//! A kernel's parameters: a tuple of argument types of any length, whose last element may be a
//! variadic [`Rest`]. Each argument is read as its own type: a constant bound once per task, or
//! a column of the batch.
use smallvec::SmallVec;
use strabo_columnar::{ColumnBuf, ColumnView, Physical, Scalar, Validity};
use strabo_geom::GeomError;

use crate::arg::{ArgType, Srids};
use crate::bind::BindArgs;
use crate::error::{BindError, KernelError, RowError};

/// Per-batch lists of the arguments' validities and SRIDs; few calls have more than 8.
pub type Validities<'s> = SmallVec<[Validity<'s>; 8]>;
pub type SridList = SmallVec<[Srids; 8]>;
pub type RowSrids = SmallVec<[Option<i32>; 8]>;

/// One element of a parameter tuple: one argument (any [`ArgType`]), or every remaining one
/// ([`Rest`]).
pub trait ParamType: 'static {
    type Item<'a>;
    /// The constants among its arguments, bound once per task.
    type Bound: Send + 'static;
    /// Its arguments in one batch.
    type Reader<'s>;

    /// Binds the arguments from `first` on that it takes; returns how many it took.
    fn bind(
        args: &BindArgs,
        first: usize,
        null_constant: &mut bool,
    ) -> Result<(Self::Bound, usize), BindError>;
    fn reader<'s>(
        bound: &'s Self::Bound,
        args: &[Option<&'s ColumnView<'s>>],
        first: usize,
    ) -> Result<Self::Reader<'s>, RowError>;
    fn validities<'s>(reader: &Self::Reader<'s>, out: &mut Validities<'s>);
    fn srids(reader: &Self::Reader<'_>, out: &mut SridList);
    fn row_srids(reader: &Self::Reader<'_>, row: usize, out: &mut RowSrids);
    /// Row `row`, which is valid in every argument.
    fn read<'s>(reader: &Self::Reader<'s>, row: usize) -> Result<Self::Item<'s>, RowError>;
}

/// One argument in one batch: a bound constant or a column, and its position in the call.
pub struct Arg<'s, A: ArgType> {
    source: Source<'s, A>,
    index: usize,
}

enum Source<'s, A: ArgType> {
    Const(&'s A::Const),
    Column(A::Reader<'s>),
}

impl<'s, A: ArgType> Arg<'s, A> {
    fn new(
        constant: &'s Option<A::Const>,
        args: &[Option<&'s ColumnView<'s>>],
        index: usize,
    ) -> Result<Self, RowError> {
        if let Some(constant) = constant {
            return Ok(Arg {
                source: Source::Const(constant),
                index,
            });
        }
        let view = args.get(index).copied().flatten();
        match view.and_then(A::reader) {
            Some(reader) => Ok(Arg {
                source: Source::Column(reader),
                index,
            }),
            None => Err(RowError {
                row: 0,
                error: KernelError::at(index)(GeomError::InvalidParameter(format!(
                    "argument {index} is not a column of the expected type ({}), but {}",
                    A::sql().sql(),
                    view.map_or("missing", |v| v.type_name())
                ))),
            }),
        }
    }

    fn validity(&self) -> Validity<'s> {
        match &self.source {
            Source::Const(_) => Validity::AllValid,
            Source::Column(reader) => A::validity(reader),
        }
    }

    fn srids(&self) -> Srids {
        match &self.source {
            Source::Const(constant) => A::const_srid(constant).map_or(Srids::None, Srids::Fixed),
            Source::Column(reader) => A::srids(reader),
        }
    }

    #[inline(always)]
    fn srid(&self, row: usize) -> Option<i32> {
        match &self.source {
            Source::Const(constant) => A::const_srid(constant),
            Source::Column(reader) => A::srid(reader, row),
        }
    }

    #[inline(always)]
    fn get(&self, row: usize) -> Result<A::Item<'s>, RowError> {
        match &self.source {
            Source::Const(constant) => Ok(A::item(constant)),
            Source::Column(reader) => A::read(reader, row).map_err(|error| RowError {
                row,
                error: KernelError::at(self.index)(error),
            }),
        }
    }
}

/// Binds argument `index` if it is a constant: `None` for a column, an error for a bad
/// constant. Sets `null_constant` for a NULL one, which makes every row NULL.
fn bind_constant<A: ArgType>(
    args: &BindArgs,
    index: usize,
    null_constant: &mut bool,
) -> Result<Option<A::Const>, BindError> {
    match args.constant(index) {
        None => Ok(None),
        Some(Scalar::Null) => {
            *null_constant = true;
            Ok(None)
        }
        Some(scalar) => A::bind(scalar)
            .map(Some)
            .map_err(|error| BindError::Constant { arg: index, error }),
    }
}

impl<A: ArgType> ParamType for A {
    type Item<'a> = A::Item<'a>;
    type Bound = Option<A::Const>;
    type Reader<'s> = Arg<'s, A>;

    fn bind(
        args: &BindArgs,
        first: usize,
        null_constant: &mut bool,
    ) -> Result<(Self::Bound, usize), BindError> {
        Ok((bind_constant::<A>(args, first, null_constant)?, 1))
    }
    fn reader<'s>(
        bound: &'s Self::Bound,
        args: &[Option<&'s ColumnView<'s>>],
        first: usize,
    ) -> Result<Self::Reader<'s>, RowError> {
        Arg::new(bound, args, first)
    }
    fn validities<'s>(reader: &Self::Reader<'s>, out: &mut Validities<'s>) {
        out.push(reader.validity());
    }
    fn srids(reader: &Self::Reader<'_>, out: &mut SridList) {
        out.push(reader.srids());
    }
    #[inline(always)]
    fn row_srids(reader: &Self::Reader<'_>, row: usize, out: &mut RowSrids) {
        out.push(reader.srid(row));
    }
    #[inline(always)]
    fn read<'s>(reader: &Self::Reader<'s>, row: usize) -> Result<Self::Item<'s>, RowError> {
        reader.get(row)
    }
}

/// Every remaining argument of a call, each of type `A`: a variadic parameter. A kernel gets
/// their values as a list.
pub struct Rest<A>(std::marker::PhantomData<A>);

impl<A: ArgType> ParamType for Rest<A> {
    type Item<'a> = SmallVec<[A::Item<'a>; 4]>;
    type Bound = Vec<Option<A::Const>>;
    type Reader<'s> = Vec<Arg<'s, A>>;

    fn bind(
        args: &BindArgs,
        first: usize,
        null_constant: &mut bool,
    ) -> Result<(Self::Bound, usize), BindError> {
        let bound = (first..args.len())
            .map(|index| bind_constant::<A>(args, index, null_constant))
            .collect::<Result<Vec<_>, _>>()?;
        let taken = bound.len();
        Ok((bound, taken))
    }
    fn reader<'s>(
        bound: &'s Self::Bound,
        args: &[Option<&'s ColumnView<'s>>],
        first: usize,
    ) -> Result<Self::Reader<'s>, RowError> {
        bound
            .iter()
            .enumerate()
            .map(|(k, constant)| Arg::new(constant, args, first + k))
            .collect()
    }
    fn validities<'s>(reader: &Self::Reader<'s>, out: &mut Validities<'s>) {
        out.extend(reader.iter().map(Arg::validity));
    }
    fn srids(reader: &Self::Reader<'_>, out: &mut SridList) {
        out.extend(reader.iter().map(Arg::srids));
    }
    fn row_srids(reader: &Self::Reader<'_>, row: usize, out: &mut RowSrids) {
        out.extend(reader.iter().map(|arg| arg.srid(row)));
    }
    fn read<'s>(reader: &Self::Reader<'s>, row: usize) -> Result<Self::Item<'s>, RowError> {
        reader.iter().map(|arg| arg.get(row)).collect()
    }
}

/// A kernel's parameters: a tuple of [`ParamType`]s.
pub trait Params: 'static {
    /// One row's values, one per element of the tuple.
    type Items<'a>;
    type Bound: Send + 'static;
    type Readers<'s>;

    /// Binds a call's constants; fails unless the elements take exactly its arguments.
    fn bind(args: &BindArgs, null_constant: &mut bool) -> Result<Self::Bound, BindError>;
    fn readers<'s>(
        bound: &'s Self::Bound,
        args: &[Option<&'s ColumnView<'s>>],
    ) -> Result<Self::Readers<'s>, RowError>;
    fn validities<'s>(readers: &Self::Readers<'s>, out: &mut Validities<'s>);
    fn srids(readers: &Self::Readers<'_>, out: &mut SridList);
    fn row_srids(readers: &Self::Readers<'_>, row: usize, out: &mut RowSrids);
    fn read<'s>(readers: &Self::Readers<'s>, row: usize) -> Result<Self::Items<'s>, RowError>;
}

/// The fields of an aggregate's state: a tuple of [`ArgType`]s, read back as parameters are, and
/// written to their buffers. Their row layout is the state's serialized form.
pub trait StateFields: Params {
    /// One buffer per field.
    type Bufs: Default + Send;
    /// How each field crosses in the row layout.
    fn physicals() -> Vec<Physical>;
    /// Appends row 0 of every buffer in the row layout, then empties them.
    fn encode(bufs: &mut Self::Bufs, out: &mut Vec<u8>);
}

macro_rules! params {
    ($($P:ident $p:ident $idx:tt),+) => {
        impl<$($P: ParamType),+> Params for ($($P,)+) {
            type Items<'a> = ($($P::Item<'a>,)+);
            type Bound = ($($P::Bound,)+);
            type Readers<'s> = ($($P::Reader<'s>,)+);

            fn bind(args: &BindArgs, null_constant: &mut bool) -> Result<Self::Bound, BindError> {
                let mut taken = 0;
                $(
                    let ($p, n) = $P::bind(args, taken, null_constant)?;
                    taken += n;
                )+
                if taken != args.len() {
                    return Err(BindError::Program(format!(
                        "the kernel takes {taken} arguments, the call has {}",
                        args.len()
                    )));
                }
                Ok(($($p,)+))
            }
            fn readers<'s>(
                bound: &'s Self::Bound,
                args: &[Option<&'s ColumnView<'s>>],
            ) -> Result<Self::Readers<'s>, RowError> {
                Ok(($($P::reader(&bound.$idx, args, $idx)?,)+))
            }
            fn validities<'s>(readers: &Self::Readers<'s>, out: &mut Validities<'s>) {
                $($P::validities(&readers.$idx, out);)+
            }
            fn srids(readers: &Self::Readers<'_>, out: &mut SridList) {
                $($P::srids(&readers.$idx, out);)+
            }
            #[inline(always)]
            fn row_srids(readers: &Self::Readers<'_>, row: usize, out: &mut RowSrids) {
                $($P::row_srids(&readers.$idx, row, out);)+
            }
            #[inline(always)]
            fn read<'s>(readers: &Self::Readers<'s>, row: usize) -> Result<Self::Items<'s>, RowError> {
                Ok(($($P::read(&readers.$idx, row)?,)+))
            }
        }

    };
}

macro_rules! state_fields {
    ($($P:ident $idx:tt),+) => {
        impl<$($P: ArgType),+> StateFields for ($($P,)+) {
            type Bufs = ($($P::Buf,)+);
            fn physicals() -> Vec<Physical> {
                vec![$($P::physical()),+]
            }
            fn encode(bufs: &mut Self::Bufs, out: &mut Vec<u8>) {
                $(
                    bufs.$idx.seal();
                    bufs.$idx.encode(0, out);
                    bufs.$idx.clear();
                )+
            }
        }
    };
}

params!(A a 0);
params!(A a 0, B b 1);
params!(A a 0, B b 1, C c 2);
params!(A a 0, B b 1, C c 2, D d 3);
params!(A a 0, B b 1, C c 2, D d 3, E e 4);
params!(A a 0, B b 1, C c 2, D d 3, E e 4, F f 5);
params!(A a 0, B b 1, C c 2, D d 3, E e 4, F f 5, G g 6);
params!(A a 0, B b 1, C c 2, D d 3, E e 4, F f 5, G g 6, H h 7);
params!(A a 0, B b 1, C c 2, D d 3, E e 4, F f 5, G g 6, H h 7, I i 8);
params!(A a 0, B b 1, C c 2, D d 3, E e 4, F f 5, G g 6, H h 7, I i 8, J j 9);
params!(A a 0, B b 1, C c 2, D d 3, E e 4, F f 5, G g 6, H h 7, I i 8, J j 9, K k 10);
params!(A a 0, B b 1, C c 2, D d 3, E e 4, F f 5, G g 6, H h 7, I i 8, J j 9, K k 10, L l 11);
params!(A a 0, B b 1, C c 2, D d 3, E e 4, F f 5, G g 6, H h 7, I i 8, J j 9, K k 10, L l 11, M m 12);
params!(A a 0, B b 1, C c 2, D d 3, E e 4, F f 5, G g 6, H h 7, I i 8, J j 9, K k 10, L l 11, M m 12, N n 13);

state_fields!(A 0);
state_fields!(A 0, B 1);
state_fields!(A 0, B 1, C 2);
state_fields!(A 0, B 1, C 2, D 3);
state_fields!(A 0, B 1, C 2, D 3, E 4);
state_fields!(A 0, B 1, C 2, D 3, E 4, F 5);
state_fields!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
state_fields!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
