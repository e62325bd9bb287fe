//! Aggregates: the groups of one call in one task, updated a batch at a time across groups, as
//! DataFusion's `GroupsAccumulator` is. One native call updates every group a batch touches;
//! partial states cross between tasks in the row layout of their declared fields, and merge
//! here too.
//!
//! A group's state is a tuple of typed fields ([`StateFields`]: doubles, a geometry, …), not a
//! byte format of its own: it is written to the fields' buffers and read back with the same
//! readers as arguments, and the row layout of those types is its serialized form.
use strabo_columnar::{BitBuf, ColumnBuf, ColumnView, Physical};
use strabo_geom::GeomError;

use crate::bind::BindArgs;
use crate::error::{BindError, KernelError, RowError};
use crate::map::{combine, common_srid};
use crate::params::{Params, RowSrids, StateFields, Validities};

/// The groups of an aggregate call in one task, numbered by the caller. A group is created by
/// its first use, and emptied when its state or result is taken, for its number to be reused.
pub trait GroupsAccumulator: Send {
    /// Adds row `i` of `args` to group `groups[i]`, for every row whose arguments are all
    /// non-NULL.
    fn update(
        &mut self,
        groups: &[u32],
        args: &[ColumnView<'_>],
        rows: usize,
    ) -> Result<(), RowError>;
    /// How the fields of a state cross in the row layout.
    fn state_types(&self) -> Vec<Physical>;
    /// Merges state `i` (one row of `states`, one column per field) into group `groups[i]`.
    fn merge(
        &mut self,
        groups: &[u32],
        states: &[ColumnView<'_>],
        rows: usize,
    ) -> Result<(), RowError>;
    /// Merges group `from` into group `into`, emptying `from`.
    fn merge_groups(&mut self, into: u32, from: u32) -> Result<(), GeomError>;
    /// Appends the state of `group` in the row layout, one value per field, and empties it.
    fn take_state(&mut self, group: u32, out: &mut Vec<u8>) -> Result<(), GeomError>;
    /// Appends the result of `group` in the row layout (NULL for a group that saw no value),
    /// and empties it.
    fn take_result(&mut self, group: u32, out: &mut Vec<u8>) -> Result<(), GeomError>;
}

/// The state of one group, with its declared fields.
pub trait GroupState: Default + Send + 'static {
    /// The aggregate's arguments: columns.
    type Args: Params;
    /// The fields of the state.
    type State: StateFields;
    /// The result's buffer.
    type Out: ColumnBuf;

    /// Adds one row whose arguments are all non-NULL; `srid` is the SRID its geometry arguments
    /// share (0 without any).
    fn update(
        &mut self,
        args: <Self::Args as Params>::Items<'_>,
        srid: i32,
    ) -> Result<(), KernelError>;
    /// Adds another group's state, as [`GroupState::write_state`] wrote it.
    fn merge(&mut self, state: <Self::State as Params>::Items<'_>) -> Result<(), GeomError>;
    /// Adds another group of the same task.
    fn merge_group(&mut self, other: Self) -> Result<(), GeomError>;
    /// Writes the state: one value to each field's buffer.
    fn write_state(self, out: &mut <Self::State as StateFields>::Bufs) -> Result<(), GeomError>;
    /// Writes the result: one value, or NULL.
    fn finish(self, out: &mut Self::Out) -> Result<(), GeomError>;
}

/// The groups of an aggregate whose groups are [`GroupState`]s.
pub struct Groups<S: GroupState> {
    states: Vec<S>,
    args: <S::Args as Params>::Bound,
    state_bound: <S::State as Params>::Bound,
    state_bufs: <S::State as StateFields>::Bufs,
    out: S::Out,
    valid: BitBuf,
}

impl<S: GroupState> Groups<S> {
    /// The groups of a call; its arguments must be columns.
    pub fn bind(args: &BindArgs) -> Result<Box<dyn GroupsAccumulator>, BindError> {
        let mut null_constant = false;
        let bound = <S::Args as Params>::bind(args, &mut null_constant)?;
        let state_columns: Vec<crate::BoundArg> = <S::State as StateFields>::physicals()
            .into_iter()
            .map(crate::BoundArg::Column)
            .collect();
        let state_bound =
            <S::State as Params>::bind(&BindArgs::new(&state_columns), &mut null_constant)?;
        if null_constant {
            return Err(BindError::Program(
                "the arguments of an aggregate are columns".into(),
            ));
        }
        Ok(Box::new(Groups::<S> {
            states: Vec::new(),
            args: bound,
            state_bound,
            state_bufs: Default::default(),
            out: S::Out::default(),
            valid: BitBuf::default(),
        }))
    }

    fn group(&mut self, group: u32) -> &mut S {
        let index = group as usize;
        if index >= self.states.len() {
            self.states.resize_with(index + 1, S::default);
        }
        &mut self.states[index]
    }

    fn take(&mut self, group: u32) -> S {
        std::mem::take(self.group(group))
    }
}

fn wrong_groups(groups: usize, rows: usize) -> RowError {
    RowError {
        row: 0,
        error: GeomError::InvalidParameter(format!("{groups} group numbers for {rows} rows"))
            .into(),
    }
}

impl<S: GroupState> GroupsAccumulator for Groups<S>
where
    <S::Args as Params>::Bound: Send,
{
    fn update(
        &mut self,
        groups: &[u32],
        args: &[ColumnView<'_>],
        rows: usize,
    ) -> Result<(), RowError> {
        if groups.len() != rows {
            return Err(wrong_groups(groups.len(), rows));
        }
        let views: Vec<Option<&ColumnView>> = args.iter().map(Some).collect();
        let readers = <S::Args as Params>::readers(&self.args, &views)?;
        let mut validities = Validities::new();
        <S::Args as Params>::validities(&readers, &mut validities);
        let validity = combine(&mut self.valid, rows, &validities);
        let mut row_srids = RowSrids::new();
        for (row, &group) in groups.iter().enumerate() {
            if !validity.is_valid(row) {
                continue;
            }
            row_srids.clear();
            <S::Args as Params>::row_srids(&readers, row, &mut row_srids);
            let srid = common_srid(row_srids.iter().copied()).map_err(|error| RowError {
                row,
                error: error.into(),
            })?;
            let items = <S::Args as Params>::read(&readers, row)?;
            let index = group as usize;
            if index >= self.states.len() {
                self.states.resize_with(index + 1, S::default);
            }
            self.states[index]
                .update(items, srid)
                .map_err(|error| RowError { row, error })?;
        }
        Ok(())
    }

    fn state_types(&self) -> Vec<Physical> {
        <S::State as StateFields>::physicals()
    }

    fn merge(
        &mut self,
        groups: &[u32],
        states: &[ColumnView<'_>],
        rows: usize,
    ) -> Result<(), RowError> {
        if groups.len() != rows {
            return Err(wrong_groups(groups.len(), rows));
        }
        let views: Vec<Option<&ColumnView>> = states.iter().map(Some).collect();
        let readers = <S::State as Params>::readers(&self.state_bound, &views)?;
        let mut validities = Validities::new();
        <S::State as Params>::validities(&readers, &mut validities);
        let validity = combine(&mut self.valid, rows, &validities);
        for (row, &group) in groups.iter().enumerate() {
            let error = |error: GeomError| RowError {
                row,
                error: error.into(),
            };
            if !validity.is_valid(row) {
                return Err(error(GeomError::InvalidParameter(
                    "an aggregate state has a NULL field: it is corrupt".into(),
                )));
            }
            let items = <S::State as Params>::read(&readers, row)?;
            let index = group as usize;
            if index >= self.states.len() {
                self.states.resize_with(index + 1, S::default);
            }
            self.states[index].merge(items).map_err(error)?;
        }
        Ok(())
    }

    fn merge_groups(&mut self, into: u32, from: u32) -> Result<(), GeomError> {
        if into == from {
            return Ok(());
        }
        let other = self.take(from);
        self.group(into).merge_group(other)
    }

    fn take_state(&mut self, group: u32, out: &mut Vec<u8>) -> Result<(), GeomError> {
        let state = self.take(group);
        state.write_state(&mut self.state_bufs)?;
        <S::State as StateFields>::encode(&mut self.state_bufs, out);
        Ok(())
    }

    fn take_result(&mut self, group: u32, out: &mut Vec<u8>) -> Result<(), GeomError> {
        let state = self.take(group);
        self.out.clear();
        state.finish(&mut self.out)?;
        self.out.seal();
        if self.out.len() != 1 {
            return Err(GeomError::InvalidParameter(format!(
                "internal error: an aggregate wrote {} results for one group",
                self.out.len()
            )));
        }
        self.out.encode(0, out);
        self.out.clear();
        Ok(())
    }
}
