//! Random aggregate calls over a random group, and the property they must keep: however Spark
//! splits the group's rows among groups (tasks, batches interleaving groups) that it then
//! merges (group to group, or through states shipped as bytes), the result is the same; a state that is not one an accumulator wrote is refused; bad data is an
//! argument error, never a bug.
use geo::{Area, BooleanOps, CoordsIter, MultiPolygon};
use strabo_columnar::row::RowWriter;
use strabo_eval::{AggregateProgram, ErrorKind, EvalError};
use strabo_functions::registry;
use strabo_geom::{wkt_codec, Geo};
use strabo_kernel::{FunctionSpec, SqlType};

use crate::choices::Choices;
use crate::programs::{Case, Value};
use crate::render::render_encoded;

/// How a random aggregate case went, to check that the cases reach what the property is about.
#[derive(Default, Debug)]
pub struct AggregateOutcome {
    pub split: bool,
    pub failed: bool,
    pub values: bool,
}

/// Native aggregates with each of their signatures.
fn aggregates() -> Vec<(&'static FunctionSpec, usize)> {
    registry()
        .iter()
        .filter(|spec| spec.is_native() && spec.is_aggregate())
        .flat_map(|spec| (0..spec.signatures.len()).map(move |i| (spec, i)))
        .collect()
}

/// `Ok(value)`, or the argument error; any other error is a bug.
fn argument_error<T>(result: Result<T, EvalError>) -> Result<Result<T, String>, String> {
    match result {
        Ok(value) => Ok(Ok(value)),
        Err(e) if e.kind == ErrorKind::InvalidArgument => Ok(Err(e.to_string())),
        Err(e) => Err(format!("not an argument error: {e}")),
    }
}

/// Whether two rendered results agree: the same text, topologically equal geometries (an
/// overlay folded in another order may list its parts and vertices in another order), or
/// polygonal geometries whose symmetric difference has no area, within 1e-7 of the square of
/// the largest coordinate. A union snaps its vertices to a grid set by the extent of what it
/// joins (geo's boolean operations, through i_overlay), so unions done in another order differ
/// in the vertices they compute, and a sliver narrower than the grid may vanish in one order
/// and survive in another.
fn same_value(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let wkb = |text: &str| {
        let mut bytes = Vec::new();
        strabo_geom::write_wkb(&wkt_codec::parse(text).ok()?, &mut bytes);
        Some(bytes)
    };
    let (Some(wkb_a), Some(wkb_b)) = (wkb(a), wkb(b)) else {
        return false;
    };
    let (Ok(ga), Ok(gb)) = (Geo::read(&wkb_a), Geo::read(&wkb_b)) else {
        return false;
    };
    if strabo_geom::relate::equals(&ga, &gb) == Ok(true) {
        return true;
    }
    let polygons = |geometry: &Geo| match geometry.shape().map(|shape| shape.into_owned()) {
        None if geometry.is_empty() => Some(MultiPolygon::new(Vec::new())),
        Some(geo::Geometry::Polygon(p)) => Some(MultiPolygon::new(vec![p])),
        Some(geo::Geometry::MultiPolygon(m)) => Some(m),
        _ => None,
    };
    let (Some(pa), Some(pb)) = (polygons(&ga), polygons(&gb)) else {
        return false;
    };
    let scale = pa
        .coords_iter()
        .chain(pb.coords_iter())
        .fold(1.0_f64, |m, c| m.max(c.x.abs()).max(c.y.abs()));
    pa.xor(&pb).unsigned_area() <= 1e-7 * scale * scale
}

/// Feeds `rows` to the groups `groups[i]` of `program`, in batches of `batch` rows, each batch
/// one call for every group it touches.
fn accumulate(
    program: &mut AggregateProgram,
    rows: &[Vec<Value>],
    groups: &[u32],
    batch: usize,
) -> Result<Result<(), String>, String> {
    let indexes: Vec<usize> = (0..rows.len()).collect();
    for chunk in indexes.chunks(batch.max(1)) {
        let mut buffer = RowWriter::default();
        chunk
            .iter()
            .flat_map(|&i| rows[i].iter())
            .for_each(|value| value.write(&mut buffer));
        let numbers: Vec<u32> = chunk.iter().map(|&i| groups[i]).collect();
        let updated = program.update(&numbers, &buffer.finish(), chunk.len());
        if let Err(error) = argument_error(updated)? {
            return Ok(Err(error));
        }
    }
    Ok(Ok(()))
}

/// The result of a group whose rows are split into `parts` (group `1 + part` each, fed
/// interleaved), then merged into the first part's group in `order`: through a state shipped as
/// bytes where `shipped` says so, as between tasks, else group to group, as within a task.
/// `Err` is the argument error it ended with.
#[allow(clippy::too_many_arguments)]
fn result(
    program: &mut AggregateProgram,
    rows: &[Vec<Value>],
    parts: &[usize],
    order: &[usize],
    shipped: &[bool],
    batch: usize,
    returns: SqlType,
) -> Result<Result<String, String>, String> {
    let groups: Vec<u32> = parts.iter().map(|&p| 1 + p as u32).collect();
    if let Err(error) = accumulate(program, rows, &groups, batch)? {
        return Ok(Err(error));
    }
    for (&i, &ship) in order.iter().zip(shipped) {
        let from = 2 + i as u32;
        let merged = if ship {
            match argument_error(program.take_state(from))? {
                Ok(state) => program.merge(&[1], &state, 1),
                Err(error) => return Ok(Err(error)),
            }
        } else {
            program.merge_groups(1, from)
        };
        if let Err(error) = argument_error(merged)? {
            return Ok(Err(error));
        }
    }
    Ok(argument_error(program.take_result(1))?.map(|encoded| render_encoded(&encoded, returns)))
}

/// Builds a random aggregate call (its arguments columns, or scalar calls over columns), runs
/// it over a group of 1 to `max_rows` random rows, once whole and once split among up to four
/// accumulators, and checks that both give the same value or both an argument error. Then
/// merges bytes of the fuzzer's choosing as a state, which must be refused or taken, never a
/// panic. The error describes the case.
pub fn check_random_aggregate(
    choices: impl Choices,
    max_rows: usize,
) -> Result<AggregateOutcome, String> {
    let mut case = Case::new(choices);
    let candidates = aggregates();
    let (spec, signature) = *case.choices.pick(&candidates);
    let sig = &spec.signatures[signature];
    let args: Vec<String> = sig
        .params
        .iter()
        .filter(|p| !p.optional)
        .map(|param| case.column_operand(param))
        .collect();
    let call = format!(
        r#"{{"function": "{}", "signature": {signature}, "args": [{}]}}"#,
        spec.name,
        args.join(", ")
    );
    let json = case.aggregate_json(&call);
    let constants = case.constant_row.finish();
    let context = |rows: &dyn std::fmt::Debug| format!("aggregate {json}, rows {rows:?}");
    let mut program = match AggregateProgram::compile(&json, &constants) {
        Ok(program) => program,
        Err(e) if e.kind == ErrorKind::InvalidArgument => return Ok(AggregateOutcome::default()),
        Err(e) => return Err(format!("{}: compiling: {e}", context(&()))),
    };
    let count = 1 + case.choices.below(max_rows);
    let rows = case.random_rows(count);
    let parts_count = 1 + case.choices.below(4);
    let parts: Vec<usize> = rows
        .iter()
        .map(|_| case.choices.below(parts_count))
        .collect();
    let mut order: Vec<usize> = (0..parts_count - 1).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, case.choices.below(i + 1));
    }
    let shipped: Vec<bool> = order.iter().map(|_| case.choices.below(2) == 1).collect();
    let batch = 1 + case.choices.below(rows.len());
    let described = |e: String| format!("{}: {e}", context(&rows));
    let whole = result(
        &mut program,
        &rows,
        &vec![0; rows.len()],
        &[],
        &[],
        rows.len(),
        sig.returns,
    )
    .map_err(described)?;
    // A program of its own, as each Spark task has: the whole run may have failed midway and
    // left its group half updated.
    let mut split_program = AggregateProgram::compile(&json, &constants)
        .map_err(|e| format!("{}: compiling again: {e}", context(&())))?;
    let split = result(
        &mut split_program,
        &rows,
        &parts,
        &order,
        &shipped,
        batch,
        sig.returns,
    )
    .map_err(described)?;
    match (&whole, &split) {
        (Ok(a), Ok(b)) if !same_value(a, b) => {
            return Err(described(format!(
                "whole gives {a}, split as {parts:?} (merged in order {order:?}, shipped {shipped:?}, batches of {batch}) gives {b}"
            )))
        }
        (Ok(_), Err(e)) | (Err(e), Ok(_)) => {
            return Err(described(format!(
                "only one of whole and split as {parts:?} fails: {e}"
            )))
        }
        _ => {}
    }
    // A state that no accumulator wrote: Spark would never send one, but a corrupt shuffle
    // block must not become a panic.
    if let Some(raw) = case.choices.raw() {
        // Refused or taken, either will do.
        let _ = argument_error(program.merge(&[0], &raw, 1))
            .map_err(|e| format!("aggregate {json}, merging the state {raw:?}: {e}"))?;
    }
    Ok(AggregateOutcome {
        split: parts.iter().any(|p| *p > 0),
        failed: whole.is_err(),
        values: whole.is_ok_and(|v| v != "NULL"),
    })
}
