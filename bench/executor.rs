//! The executor's own cost, outside Spark and JNI: programs over Arrow batches and a row at a
//! time, each against a plain typed loop doing the same work on the same data in the same run.
//!
//!     cargo bench --bench executor        (make bench runs it first)
//!
//! Each case runs its variants interleaved, 9 rounds after a warm-up, and prints medians.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

use arrow_array::{ArrayRef, Float64Array};
use strabo::columnar::row::RowWriter;
use strabo::eval::Program;
use strabo::geom::{Coord, Prepared};

const ROWS: usize = 4096;
const BATCHES: usize = 500;
const ROUNDS: usize = 9;
const SQUARE: &str = "POLYGON((20 20,60 20,60 60,20 60,20 20))";

/// The same spread of points as bench/functions_bench.py: two multiplicative hashes of the row.
fn coordinates(multiplier: usize) -> Vec<f64> {
    (0..ROWS)
        .map(|i| ((i * multiplier) % 100_000) as f64 * 0.001)
        .collect()
}

fn column(values: &[f64]) -> ArrayRef {
    Arc::new(Float64Array::from(values.to_vec()))
}

/// A program over double columns: `function(inputs...)` for each node, the last one returned.
fn program(inputs: usize, nodes: &str, constants: &[u8], constant_types: &str) -> Program {
    let inputs = vec![r#"{"type": "double"}"#; inputs].join(", ");
    let json = format!(
        r#"{{"inputs": [{inputs}], "constants": [{constant_types}], "nodes": [{nodes}], "outputs": [{last}]}}"#,
        last = nodes.matches("\"function\"").count() - 1
    );
    Program::compile(&json, constants).expect("benchmark program compiles")
}

/// Nanoseconds per row of `run`, which evaluates `rows` rows.
fn time(rows: usize, mut run: impl FnMut()) -> f64 {
    let start = Instant::now();
    run();
    start.elapsed().as_nanos() as f64 / rows as f64
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Runs the variants interleaved and prints each one's median ns/row and its ratio to the first.
fn report(case: &str, variants: &mut [(&str, &mut dyn FnMut() -> f64)]) {
    let mut timings = vec![Vec::new(); variants.len()];
    for round in 0..=ROUNDS {
        for (index, (_, run)) in variants.iter_mut().enumerate() {
            let nanos = run();
            if round > 0 {
                timings[index].push(nanos);
            }
        }
    }
    let medians: Vec<f64> = timings.into_iter().map(median).collect();
    println!("{case}");
    for ((name, _), nanos) in variants.iter().zip(&medians) {
        println!(
            "  {name:<28} {nanos:8.1} ns/row  {:6.1}x",
            nanos / medians[0]
        );
    }
}

fn contains_square(xs: &[f64], ys: &[f64]) {
    let mut polygon = 0i32.to_le_bytes().to_vec();
    strabo::geom::write_wkb(
        &strabo::geom::wkt_codec::parse(SQUARE).unwrap(),
        &mut polygon,
    );
    let prepared = Prepared::new(&polygon[4..]).unwrap();
    let constants = RowWriter::default().bytes(&polygon).finish();
    let nodes = r#"{"function": "st_point", "signature": 0, "args": [{"input": 0}, {"input": 1}]},
        {"function": "st_contains", "signature": 0, "args": [{"constant": 0}, {"node": 0}]}"#;
    let constant_types = r#"{"type": "geometry", "encoding": "srid_wkb"}"#;
    let mut batch_program = program(2, nodes, &constants, constant_types);
    let mut row_program = program(2, nodes, &constants, constant_types);
    let (x, y) = (column(xs), column(ys));
    let rows: Vec<Vec<u8>> = (0..ROWS)
        .map(|i| RowWriter::default().double(xs[i]).double(ys[i]).finish())
        .collect();

    let mut typed_loop = || {
        let mut out = Vec::with_capacity(ROWS);
        time(BATCHES * ROWS, || {
            for _ in 0..BATCHES {
                out.clear();
                out.extend(
                    xs.iter()
                        .zip(ys)
                        .map(|(&x, &y)| prepared.polygon_contains(Coord { x, y }).unwrap()),
                );
                black_box(&out);
            }
        })
    };
    let mut batches = || {
        time(BATCHES * ROWS, || {
            for _ in 0..BATCHES {
                black_box(
                    batch_program
                        .eval_arrays(&[x.clone(), y.clone()], ROWS)
                        .unwrap(),
                );
            }
        })
    };
    let mut per_row = || {
        time(ROWS, || {
            for row in &rows {
                black_box(row_program.eval_row(row).unwrap());
            }
        })
    };
    report(
        &format!("st_contains(<{SQUARE}>, st_point(x, y))"),
        &mut [
            ("typed loop (floor)", &mut typed_loop),
            ("program over batches", &mut batches),
            ("program per row", &mut per_row),
        ],
    );
}

fn area_of_bbox(xs: &[f64], ys: &[f64]) {
    let (x1, y1): (Vec<f64>, Vec<f64>) =
        xs.iter().zip(ys).map(|(x, y)| (x + 0.5, y + 0.25)).unzip();
    let columns = [column(xs), column(ys), column(&x1), column(&y1)];
    let nodes = r#"{"function": "st_makeBBOX", "signature": 0, "args": [{"input": 0}, {"input": 1}, {"input": 2}, {"input": 3}]},
        {"function": "st_area", "signature": 0, "args": [{"node": 0}]}"#;
    let mut batch_program = program(4, nodes, &[], "");

    let mut typed_loop = || {
        let mut out = Vec::with_capacity(ROWS);
        time(BATCHES * ROWS, || {
            for _ in 0..BATCHES {
                out.clear();
                out.extend((0..ROWS).map(|i| ((x1[i] - xs[i]) * (y1[i] - ys[i])).abs()));
                black_box(&out);
            }
        })
    };
    let mut batches = || {
        time(BATCHES * ROWS, || {
            for _ in 0..BATCHES {
                black_box(batch_program.eval_arrays(&columns, ROWS).unwrap());
            }
        })
    };
    report(
        "st_area(st_makeBBOX(x, y, x1, y1))",
        &mut [
            ("typed loop (floor)", &mut typed_loop),
            ("program over batches", &mut batches),
        ],
    );
}

fn main() {
    let (xs, ys) = (coordinates(7919), coordinates(104_729));
    println!(
        "{ROWS}-row batches, medians of {ROUNDS} interleaved rounds; ratios to the typed loop\n"
    );
    contains_square(&xs, &ys);
    area_of_bbox(&xs, &ys);
}
