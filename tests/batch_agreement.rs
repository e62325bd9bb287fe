//! Property test: the batch path and the per-row path agree. Random programs of nested registry
//! calls, whose arguments are constants or input columns, run over random batches (NULLs, empty
//! and invalid geometries, malformed text, bad parameters, one or several SRIDs) once as Arrow
//! arrays and once a row at a time. Every seed is reproducible from the failure message.
mod support;

use std::sync::Arc;

use arrow_array::{Array, ArrayRef, BinaryArray, Float64Array, Int32Array, StringArray};
use strabo::columnar::row::RowWriter;
use strabo::eval::{ErrorKind, EvalError, Program, RowValue};
use strabo::functions::registry;
use strabo::kernel::{FunctionSpec, Param, SqlType};
use support::{render_array, render_value, wkb};

const CASES: u64 = 1500;
const MAX_ROWS: usize = 24;

/// xorshift64*: small, seedable and good enough to pick test cases.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Geometries on a coarse grid, so that points fall on edges and vertices, plus empties, an
/// invalid bow tie and a Z point.
const GEOMETRIES: &[&str] = &[
    "POINT(1 1)",
    "POINT(0 0)",
    "POINT(2 1)",
    "POINT(4 4)",
    "POINT(-3 7)",
    "POINT Z (1 2 3)",
    "POINT EMPTY",
    "LINESTRING(0 0,2 2)",
    "LINESTRING(0 0,4 0,4 4)",
    "LINESTRING EMPTY",
    "POLYGON((0 0,4 0,4 4,0 4,0 0))",
    "POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 2,1 1))",
    "POLYGON((1 1,3 1,2 3,1 1))",
    "POLYGON((0 0,2 2,2 0,0 2,0 0))",
    "POLYGON EMPTY",
    "MULTIPOINT((0 0),(2 2))",
    "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((2 2,3 2,3 3,2 2)))",
    "GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1))",
    "GEOMETRYCOLLECTION EMPTY",
];

const TEXTS: &[&str] = &[
    "POINT(1 2)",
    "POLYGON((0 0,3 0,3 3,0 0))",
    "LINESTRING(1 1,2 2)",
    "POINT EMPTY",
    "POLYGON((0 0,4 0",
    "POINT(1 2) and more",
    "",
];

const BUFFER_PARAMS: &[&str] = &["", "quad_segs=2", "endcap=flat join=mitre", "join=pointy"];

const DOUBLES: &[f64] = &[0.0, 0.5, 1.0, 2.0, 4.0, -1.0, 1e-9, 180.0, f64::NAN];

const INTS: &[i32] = &[1, 5, 25, 63, 64, 0];

/// One random program and the values of its inputs.
struct Case {
    json_nodes: Vec<String>,
    inputs: Vec<(String, SqlType, &'static Param)>,
    constants: Vec<String>,
    constant_row: RowWriter,
    /// SRIDs the geometries of this case take; more than one makes the SRID checks fire.
    srids: Vec<i32>,
    rng: Rng,
}

fn type_json(ty: SqlType) -> &'static str {
    support::input_json(ty, r#"{"type": "geometry", "encoding": "srid_wkb"}"#)
}

/// A value of an input or a constant.
#[derive(Clone)]
enum Value {
    Null,
    Int(i32),
    Double(f64),
    Bytes(Vec<u8>),
}

impl Value {
    fn write(&self, row: &mut RowWriter) {
        match self {
            Value::Null => row.null(),
            Value::Int(v) => row.int(*v),
            Value::Double(v) => row.double(*v),
            Value::Bytes(v) => row.bytes(v),
        };
    }
}

/// A random value for `param`.
fn random_value(rng: &mut Rng, srids: &[i32], param: &Param) -> Value {
    if rng.chance(8) {
        return Value::Null;
    }
    match param.ty {
        SqlType::Geometry => {
            let srid = *rng.pick(srids);
            let text: &&str = rng.pick(GEOMETRIES);
            Value::Bytes([&srid.to_le_bytes()[..], &wkb(text)].concat())
        }
        SqlType::Double => Value::Double(*rng.pick(DOUBLES)),
        SqlType::Int => Value::Int(*rng.pick(INTS)),
        SqlType::String if param.name == "params" => {
            Value::Bytes(rng.pick(BUFFER_PARAMS).as_bytes().to_vec())
        }
        SqlType::String => Value::Bytes(rng.pick(TEXTS).as_bytes().to_vec()),
        other => panic!("no random {other:?} for {}", param.name),
    }
}

/// Native scalar functions with the signatures they can be called with.
fn scalars() -> Vec<&'static FunctionSpec> {
    registry()
        .iter()
        .filter(|spec| spec.is_native() && !spec.is_aggregate())
        .collect()
}

impl Case {
    fn new(seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let srids = if rng.chance(15) {
            vec![0, 4326]
        } else {
            vec![*rng.pick(&[0, 4326])]
        };
        Case {
            json_nodes: Vec::new(),
            inputs: Vec::new(),
            constants: Vec::new(),
            constant_row: RowWriter::default(),
            srids,
            rng,
        }
    }

    /// Adds a call to a random function (returning `ty`, if given) and returns its node.
    fn call(&mut self, ty: Option<SqlType>, depth: usize) -> Option<usize> {
        let candidates: Vec<(&FunctionSpec, usize)> = scalars()
            .into_iter()
            .flat_map(|spec| (0..spec.signatures.len()).map(move |i| (spec, i)))
            .filter(|(spec, i)| ty.is_none_or(|ty| spec.signatures[*i].returns == ty))
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let (spec, signature) = *self.rng.pick(&candidates);
        let params = spec.signatures[signature].params;
        let required = params.iter().filter(|p| !p.optional).count();
        let arity = required + self.rng.below(params.len() - required + 1);
        let args: Vec<String> = params[..arity]
            .iter()
            .map(|param| self.operand(param, depth))
            .collect();
        self.json_nodes.push(format!(
            r#"{{"function": "{}", "signature": {signature}, "args": [{}]}}"#,
            spec.name,
            args.join(", ")
        ));
        Some(self.json_nodes.len() - 1)
    }

    fn operand(&mut self, param: &'static Param, depth: usize) -> String {
        if !param.constant && depth < 3 && self.rng.chance(35) {
            if let Some(node) = self.call(Some(param.ty), depth + 1) {
                return format!(r#"{{"node": {node}}}"#);
            }
        }
        if param.constant || self.rng.chance(30) {
            random_value(&mut self.rng, &self.srids, param).write(&mut self.constant_row);
            self.constants.push(type_json(param.ty).into());
            return format!(r#"{{"constant": {}}}"#, self.constants.len() - 1);
        }
        // Reading one column twice, as in st_intersects(g, st_envelope(g)), shares its decoding.
        let same_type: Vec<usize> = (0..self.inputs.len())
            .filter(|&i| self.inputs[i].1 == param.ty && self.inputs[i].2.name == param.name)
            .collect();
        let input = if !same_type.is_empty() && self.rng.chance(40) {
            *self.rng.pick(&same_type)
        } else {
            self.inputs
                .push((type_json(param.ty).into(), param.ty, param));
            self.inputs.len() - 1
        };
        format!(r#"{{"input": {input}}}"#)
    }

    fn json(&self, root: usize) -> String {
        let inputs: Vec<&str> = self.inputs.iter().map(|i| i.0.as_str()).collect();
        format!(
            r#"{{"inputs": [{}], "constants": [{}], "nodes": [{}], "outputs": [{root}]}}"#,
            inputs.join(", "),
            self.constants.join(", "),
            self.json_nodes.join(", ")
        )
    }
}

/// `rows` random rows: a value per input.
fn random_rows(case: &mut Case, rows: usize) -> Vec<Vec<Value>> {
    (0..rows)
        .map(|_| {
            case.inputs
                .iter()
                .map(|(_, _, param)| random_value(&mut case.rng, &case.srids, param))
                .collect()
        })
        .collect()
}

fn row_buffer(row: &[Value]) -> Vec<u8> {
    let mut writer = RowWriter::default();
    row.iter().for_each(|value| value.write(&mut writer));
    writer.finish()
}

/// Input `input` of every row as one Arrow array.
fn column(rows: &[Vec<Value>], input: usize, ty: SqlType) -> ArrayRef {
    let values = rows.iter().map(|row| &row[input]);
    let double = |v: &Value| match v {
        Value::Double(d) => Some(*d),
        _ => None,
    };
    let int = |v: &Value| match v {
        Value::Int(i) => Some(*i),
        _ => None,
    };
    let bytes = |v: &Value| match v {
        Value::Bytes(b) => Some(b.clone()),
        _ => None,
    };
    match ty {
        SqlType::Double => Arc::new(Float64Array::from_iter(values.map(double))),
        SqlType::Int => Arc::new(Int32Array::from_iter(values.map(int))),
        SqlType::String => Arc::new(StringArray::from_iter(
            values.map(|v| bytes(v).map(|b| String::from_utf8(b).unwrap())),
        )),
        SqlType::Geometry => Arc::new(BinaryArray::from_iter(values.map(bytes))),
        other => panic!("no column of {other:?}"),
    }
}

/// A result as text, with the SRID of a geometry.
fn render_row(value: RowValue, ty: SqlType) -> String {
    let srid = match (&value, ty) {
        (RowValue::Bytes(b), SqlType::Geometry) => format!("SRID={};", srid_of(b)),
        _ => String::new(),
    };
    srid + &render_value(value, ty)
}

fn render_batch(array: &ArrayRef, row: usize, ty: SqlType) -> String {
    let srid = match ty {
        SqlType::Geometry if array.is_valid(row) => {
            let bytes = arrow_array::cast::AsArray::as_binary::<i32>(array).value(row);
            format!("SRID={};", srid_of(bytes))
        }
        _ => String::new(),
    };
    srid + &render_array(array, row, ty)
}

fn srid_of(bytes: &[u8]) -> i32 {
    i32::from_le_bytes(bytes[..4].try_into().unwrap())
}

/// What a case ran into, to check that the cases reach what the property is about.
#[derive(Default)]
struct Outcome {
    nested: bool,
    mixed_srids: bool,
    refused_at_compile: bool,
    batch_failed: bool,
    nulls: bool,
    values: bool,
}

/// Runs one case: its outcome when both paths agree, else a description of the disagreement.
fn check(seed: u64) -> Result<Outcome, String> {
    let mut case = Case::new(seed);
    let root = case.call(None, 0).expect("a native function");
    let json = case.json(root);
    let constants = case.constant_row.finish();
    let mut outcome = Outcome {
        nested: case.json_nodes.len() > 1,
        mixed_srids: case.srids.len() > 1,
        ..Outcome::default()
    };
    let mut program = match Program::compile(&json, &constants) {
        Ok(program) => program,
        // A bad constant (a malformed parameter string) is refused when the program compiles,
        // so neither path runs; that is the documented behaviour.
        Err(_) => {
            outcome.refused_at_compile = true;
            return Ok(outcome);
        }
    };
    let returns = program.output_types()[0];
    let rows = 1 + case.rng.below(MAX_ROWS);
    let values = random_rows(&mut case, rows);
    let buffers: Vec<Vec<u8>> = values.iter().map(|row| row_buffer(row)).collect();
    let arrays: Vec<ArrayRef> = (0..case.inputs.len())
        .map(|i| column(&values, i, case.inputs[i].1))
        .collect();
    let context = || format!("seed {seed}, program {json}");

    // Bad data is an `InvalidArgument` error; anything else (a caught panic) is a bug.
    let described = |e: EvalError| match e.kind {
        ErrorKind::InvalidArgument => e.to_string(),
        _ => format!("not an argument error: {e}"),
    };
    let batch = program
        .eval_arrays(&arrays, rows)
        .map(|out| {
            (0..rows)
                .map(|r| render_batch(&out[0], r, returns))
                .collect::<Vec<_>>()
        })
        .map_err(described);
    let by_row: Vec<Result<String, String>> = buffers
        .iter()
        .map(|b| {
            program
                .eval_row(b)
                .map(|v| render_row(v, returns))
                .map_err(described)
        })
        .collect();
    if let Some(bug) = by_row
        .iter()
        .chain(&[batch.clone().map(|_| String::new())])
        .find_map(|r| {
            r.as_ref()
                .err()
                .filter(|e| e.starts_with("not an argument error"))
        })
    {
        return Err(format!("{}: {bug}", context()));
    }
    match batch {
        Ok(values) => {
            outcome.nulls = values.iter().any(|v| v == "NULL");
            outcome.values = values.iter().any(|v| v != "NULL");
            for (row, (batch_value, row_value)) in values.iter().zip(&by_row).enumerate() {
                if row_value.as_ref() != Ok(batch_value) {
                    return Err(format!(
                        "{}: row {row}: batch gives {batch_value}, per row {row_value:?}",
                        context()
                    ));
                }
            }
        }
        // A batch fails as a whole with the error of one of its rows.
        Err(error) => {
            outcome.batch_failed = true;
            if !by_row.iter().any(|r| r.as_ref().err() == Some(&error)) {
                return Err(format!(
                    "{}: the batch fails with {error:?}, the rows give {by_row:?}",
                    context()
                ));
            }
        }
    }
    Ok(outcome)
}

#[test]
fn batch_and_per_row_paths_agree_on_random_programs() {
    let mut outcomes = Vec::new();
    let mut failures = Vec::new();
    for seed in 0..CASES {
        match check(seed) {
            Ok(outcome) => outcomes.push(outcome),
            Err(failure) => failures.push(failure),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {CASES} cases disagree; first:\n{}",
        failures.len(),
        failures[..failures.len().min(3)].join("\n")
    );
    // The generator must reach what the property is about, or the property says little.
    let count = |f: fn(&Outcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
    let coverage = [
        ("nested programs", count(|o| o.nested)),
        ("mixed SRIDs", count(|o| o.mixed_srids)),
        (
            "constants refused at compile time",
            count(|o| o.refused_at_compile),
        ),
        ("failed batches", count(|o| o.batch_failed)),
        ("batches with NULLs", count(|o| o.nulls)),
        ("batches with values", count(|o| o.values)),
    ];
    for (what, cases) in coverage {
        assert!(
            cases >= CASES as usize / 50,
            "only {cases} cases with {what}: {coverage:?}"
        );
    }
}
