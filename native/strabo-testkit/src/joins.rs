//! Random spatial joins: whatever the rows, the predicate and the cells, a broadcast index, a
//! partitioned join (each pair kept in the cell of its reference point) and a partitioned
//! outer join (each probed row in one cell) find exactly the pairs of a nested loop, and
//! refuse only what it refuses. Partitioners decoded from arbitrary numbers are refused or
//! route without panicking.
use arrow_array::{Array, BinaryArray};
use strabo_columnar::arrow::view;
use strabo_columnar::{ColumnView, GeomEncoding, GeomView, Physical};
use strabo_join::partition::{probe_reach, sample_boxes, Routes, Side, SpatialPartitioner};
use strabo_join::{IndexBuilder, IndexedArg, JoinError, Matches, Metric, Predicate, SearchBox};

use crate::choices::Choices;
use crate::render::wkb;

/// What a case ran into.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum JoinOutcome {
    /// The joins agreed on this many pairs.
    Pairs(usize),
    /// Every join refused a row, as the nested loop did.
    Refused,
    /// Numbers no partitioner encodes were refused, or decoded and routed.
    Decoded,
}

/// Rows of a side: at most this many, so that a nested loop stays cheap.
const MAX_ROWS: usize = 40;

pub fn check_random_join(mut choices: impl Choices) -> Result<JoinOutcome, String> {
    if choices.chance(10) {
        return check_decoded(&mut choices);
    }
    let sphere = choices.chance(20);
    let srid = if sphere { 4326 } else { 0 };
    let predicate = random_predicate(&mut choices, sphere);
    let indexed_arg = *choices.pick(&[IndexedArg::First, IndexedArg::Second]);
    let indexed = random_side(&mut choices, sphere);
    let probed = random_side(&mut choices, sphere);
    let cells = 1 + choices.below(8);
    check_join(predicate, indexed_arg, (&indexed, &probed), srid, cells)
}

/// The joins of `probed` with `indexed` on `predicate`, against a nested loop.
pub fn check_join(
    predicate: Predicate,
    indexed_arg: IndexedArg,
    (indexed, probed): (&BinaryArray, &BinaryArray),
    srid: i32,
    cells: usize,
) -> Result<JoinOutcome, String> {
    let (indexed_keys, probed_keys) = (keys(indexed, srid)?, keys(probed, srid)?);
    let expected = nested_loop(predicate, indexed_arg, &indexed_keys, &probed_keys);
    let broadcast = join(
        predicate,
        indexed_arg,
        (indexed, None),
        (probed, None),
        srid,
        None,
    );
    let expected = match (expected, broadcast) {
        (Some(expected), Ok(found)) if found == expected => expected,
        (Some(expected), Ok(found)) => {
            return Err(format!(
            "{predicate:?} {indexed_arg:?}: the index found {found:?}, a nested loop {expected:?}"
        ))
        }
        // A geometry the index cannot prepare is refused when it is added, where a nested loop
        // would refuse it only once related: a refusal must name the predicate.
        (_, Err(error)) if error.0.starts_with(predicate.name()) => {
            return Ok(JoinOutcome::Refused)
        }
        (_, Err(error)) => {
            return Err(format!(
                "{predicate:?}: a refusal that does not name the predicate: {error}"
            ))
        }
        // The nested loop refused a pair whose boxes are too far apart for the index to relate.
        (None, Ok(found)) => found,
    };

    // Partitioned: each side routed by its boxes, each pair kept where its reference point is.
    let error = |e: JoinError| format!("{predicate:?}: {e}");
    let sample = sample_boxes(&probed_keys, predicate).map_err(error)?;
    let partitioner = SpatialPartitioner::from_sample(&sample, cells);
    let partitioner = SpatialPartitioner::decode(&partitioner.encode()).map_err(error)?;
    let route = |keys: &GeomView, side| -> Result<Routes, String> {
        let mut routes = Routes::default();
        partitioner
            .route(predicate, side, keys, &mut routes)
            .map_err(error)?;
        Ok(routes)
    };
    let (indexed_routes, probed_routes) = (
        route(&indexed_keys, Side::Indexed)?,
        route(&probed_keys, Side::Probe)?,
    );
    let mut partitioned = Vec::new();
    for (cell, bounds) in partitioner.cells().into_iter().enumerate() {
        let cell = (cell as u32, Some(bounds));
        let indexed = (indexed, Some((&indexed_routes, cell.0)));
        let probed = (probed, Some((&probed_routes, cell.0)));
        partitioned
            .extend(join(predicate, indexed_arg, indexed, probed, srid, cell.1).map_err(error)?);
    }
    partitioned.sort_unstable();
    if partitioned != expected {
        return Err(format!(
            "{predicate:?} {indexed_arg:?}, {} cells: partitioned {partitioned:?}, broadcast {expected:?}",
            partitioner.cell_count()
        ));
    }

    // Partitioned for an outer join: each probed row in one cell, indexed rows where a probed
    // row anchored anywhere in the cell could reach them.
    let reach = probe_reach(&probed_keys, predicate).map_err(error)?;
    let (indexed_routes, probed_routes) = (
        route(&indexed_keys, Side::IndexedOnce { reach })?,
        route(&probed_keys, Side::ProbeOnce)?,
    );
    if probed_routes.rows != (0..probed.len() as u32).collect::<Vec<_>>() {
        return Err(format!(
            "{predicate:?}: probed rows not in one cell each: {:?}",
            probed_routes.rows
        ));
    }
    let mut once = Vec::new();
    for cell in 0..partitioner.cell_count() as u32 {
        let indexed = (indexed, Some((&indexed_routes, cell)));
        let probed = (probed, Some((&probed_routes, cell)));
        once.extend(join(predicate, indexed_arg, indexed, probed, srid, None).map_err(error)?);
    }
    once.sort_unstable();
    if once != expected {
        return Err(format!(
            "{predicate:?} {indexed_arg:?}: one cell a probed row {once:?}, broadcast {expected:?}"
        ));
    }
    Ok(JoinOutcome::Pairs(expected.len()))
}

/// Numbers from the fuzzer as an encoded partitioner: refused, or a partitioner whose cells
/// and routes are well formed, and which encodes back to them.
fn check_decoded(choices: &mut impl Choices) -> Result<JoinOutcome, String> {
    let numbers: Vec<f64> = match choices.raw() {
        Some(bytes) => bytes
            .chunks_exact(8)
            .map(|c| f64::from_le_bytes(c.try_into().unwrap()))
            .collect(),
        None => (0..4 * (1 + choices.below(6)))
            .map(|_| *choices.pick(&[-1.0, 0.0, 1.0, 2.0, 3.0, 0.5, 50.0, f64::NAN]))
            .collect(),
    };
    let Ok(partitioner) = SpatialPartitioner::decode(&numbers) else {
        return Ok(JoinOutcome::Decoded);
    };
    if partitioner.encode() != numbers {
        return Err(format!(
            "{numbers:?} decoded and encoded as {:?}",
            partitioner.encode()
        ));
    }
    let cells = partitioner.cells();
    if cells.len() != partitioner.cell_count() {
        return Err(format!(
            "{numbers:?}: {} cells listed of {}",
            cells.len(),
            partitioner.cell_count()
        ));
    }
    let points = BinaryArray::from_iter_values(
        ["POINT(0 0)", "POINT(50 1)", "LINESTRING(-5 3,80 2)"].map(wkb),
    );
    let mut routes = Routes::default();
    let routed = partitioner.route(
        Predicate::Intersects,
        Side::Indexed,
        &keys(&points, 0)?,
        &mut routes,
    );
    match routed {
        Ok(()) if routes.cells.iter().all(|&c| (c as usize) < cells.len()) => {
            Ok(JoinOutcome::Decoded)
        }
        other => Err(format!(
            "{numbers:?}: routed {other:?} to {:?}",
            routes.cells
        )),
    }
}

fn random_predicate(choices: &mut impl Choices, sphere: bool) -> Predicate {
    if sphere {
        let metric = *choices.pick(&[Metric::Sphere, Metric::Spheroid]);
        let distance = *choices.pick(&[0.0, 20_000.0, 500_000.0, 3_000_000.0]);
        return Predicate::within_distance(distance, choices.chance(50), metric).unwrap();
    }
    if choices.chance(25) {
        let distance = *choices.pick(&[0.0, 0.5, 1.0, 3.0, 12.0]);
        return Predicate::within_distance(distance, choices.chance(50), Metric::Planar).unwrap();
    }
    *choices.pick(&Predicate::TOPOLOGICAL)
}

/// A side's key column: small shapes at whole and half coordinates (so that they meet at edges
/// and vertices, and on the cells' edges), NULLs, empty geometries, and bytes of the fuzzer's.
fn random_side(choices: &mut impl Choices, sphere: bool) -> BinaryArray {
    let rows = choices.below(MAX_ROWS + 1);
    let values: Vec<Option<Vec<u8>>> = (0..rows)
        .map(|_| {
            if choices.chance(5) {
                return None;
            }
            if let Some(bytes) = choices.raw() {
                return Some(bytes);
            }
            // Longitudes and latitudes (some past the antimeridian), or a 20 x 20 square.
            let (x, y) = if sphere {
                (
                    choices.below(800) as f64 / 2.0 - 200.0,
                    choices.below(360) as f64 / 2.0 - 90.0,
                )
            } else {
                (
                    choices.below(40) as f64 / 2.0,
                    choices.below(40) as f64 / 2.0,
                )
            };
            let size = 0.5 * (1 + choices.below(8)) as f64;
            let text = match choices.below(7) {
                0 | 1 => format!("POINT({x} {y})"),
                2 => format!("LINESTRING({x} {y},{} {})", x + size, y + size / 2.0),
                3 => format!(
                    "POLYGON(({x} {y},{} {y},{} {},{x} {},{x} {y}))",
                    x + size,
                    x + size,
                    y + size,
                    y + size
                ),
                4 => format!(
                    "MULTIPOLYGON((({x} {y},{} {y},{x} {},{x} {y})),(({} {},{} {},{} {},{} {})))",
                    x + size,
                    y + size,
                    x + 2.0,
                    y + 2.0,
                    x + 3.0,
                    y + 2.0,
                    x + 3.0,
                    y + 3.0,
                    x + 2.0,
                    y + 2.0
                ),
                5 => format!(
                    "GEOMETRYCOLLECTION(POINT({x} {y}),LINESTRING({x} {},{} {}))",
                    y + size,
                    x + size,
                    y + size
                ),
                _ => (*choices.pick(&["POINT EMPTY", "POLYGON EMPTY", "LINESTRING EMPTY"]))
                    .to_owned(),
            };
            Some(wkb(&text))
        })
        .collect();
    BinaryArray::from_iter(values)
}

fn keys(array: &BinaryArray, srid: i32) -> Result<GeomView<'_>, String> {
    match view(array, Physical::Geometry(GeomEncoding::Wkb { srid })) {
        Ok(ColumnView::Geometry(keys)) => Ok(keys),
        Ok(other) => Err(format!("not a geometry view: {}", other.type_name())),
        Err(e) => Err(e.0),
    }
}

/// Every pair the predicate holds for, sorted; `None` if it refuses a pair.
fn nested_loop(
    predicate: Predicate,
    indexed_arg: IndexedArg,
    indexed: &GeomView,
    probed: &GeomView,
) -> Option<Vec<(u32, u32)>> {
    let mut pairs = Vec::new();
    for p in (0..probed.len()).filter(|&p| probed.validity.is_valid(p)) {
        let probe = probed.geo(p).ok()?;
        for b in (0..indexed.len()).filter(|&b| indexed.validity.is_valid(b)) {
            let build = indexed.geo(b).ok()?;
            let related = match indexed_arg {
                IndexedArg::First => predicate.holds(&build, &probe),
                IndexedArg::Second => predicate.holds(&probe, &build),
            };
            if related.ok()? {
                pairs.push((p as u32, b as u32));
            }
        }
    }
    Some(pairs)
}

/// The pairs `probed` finds in an index of `indexed`, sorted and numbered as the rows of the
/// whole sides; of each side, only the rows routed to a cell when a route is given, and only
/// the pairs whose reference point lies in `cell` when it is given.
fn join(
    predicate: Predicate,
    indexed_arg: IndexedArg,
    indexed: (&BinaryArray, Option<(&Routes, u32)>),
    probed: (&BinaryArray, Option<(&Routes, u32)>),
    srid: i32,
    cell: Option<SearchBox>,
) -> Result<Vec<(u32, u32)>, JoinError> {
    let rows_of = |(array, route): (&BinaryArray, Option<(&Routes, u32)>)| {
        let rows: Vec<u32> = match route {
            Some((routes, cell)) => (0..routes.rows.len())
                .filter(|&k| routes.cells[k] == cell)
                .map(|k| routes.rows[k])
                .collect(),
            None => (0..array.len() as u32).collect(),
        };
        let batch = BinaryArray::from_iter(
            rows.iter()
                .map(|&r| array.is_valid(r as usize).then(|| array.value(r as usize))),
        );
        (rows, batch)
    };
    let (indexed_rows, indexed_batch) = rows_of(indexed);
    let (probed_rows, probed_batch) = rows_of(probed);
    let as_keys = |batch| keys(batch, srid).map_err(JoinError);
    let mut builder = IndexBuilder::new(predicate, indexed_arg);
    builder.add(&as_keys(&indexed_batch)?)?;
    let index = match cell {
        Some(cell) => builder.finish_for_cell(cell),
        None => builder.finish(),
    };
    let mut matches = Matches::default();
    index.probe(&as_keys(&probed_batch)?, &mut matches)?;
    let mut pairs: Vec<(u32, u32)> = matches
        .probe
        .iter()
        .zip(&matches.build)
        .map(|(&p, &b)| (probed_rows[p as usize], indexed_rows[b as usize]))
        .collect();
    pairs.sort_unstable();
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seeds::{assert_reached, run_seeds};

    #[test]
    fn random_joins_find_what_a_nested_loop_finds() {
        let outcomes = run_seeds(3000, check_random_join);
        let count = |f: &dyn Fn(&JoinOutcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
        assert_reached(
            &[
                (
                    "joins with pairs",
                    count(&|o| matches!(o, JoinOutcome::Pairs(n) if *n > 0)),
                ),
                (
                    "joins with no pair",
                    count(&|o| *o == JoinOutcome::Pairs(0)),
                ),
                (
                    "decoded partitioners",
                    count(&|o| *o == JoinOutcome::Decoded),
                ),
            ],
            100,
        );
    }
}
