//! Random programs of nested registry calls, and the property every program must keep: the
//! batch path and the per-row path agree, and bad data is an argument error, never a bug.
//!
//! The arguments of a call are constants, input columns or nested calls; their values are
//! NULLs, empty and invalid geometries, malformed text, bad parameters, one or several SRIDs,
//! or bytes of the fuzzer's choosing.
use std::sync::Arc;

use arrow_array::{
    Array, ArrayRef, BinaryArray, BooleanArray, Float64Array, Int32Array, Int64Array, ListArray,
    StringArray,
};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use strabo_columnar::row::RowWriter;
use strabo_eval::{ErrorKind, EvalError, Program, RowValue};
use strabo_functions::registry;
use strabo_kernel::{FunctionSpec, Param, SqlType};

use crate::choices::Choices;
use crate::render::{input_json, render_array, render_value, wkb};

/// Rows per batch for the fuzz target: enough for a batch with NULLs and values, and few enough
/// that the fuzzer spends its time on new programs rather than on more rows of one.
pub const FUZZ_MAX_ROWS: usize = 4;

/// Geometries on a coarse grid, so that points fall on edges and vertices, plus empties, an
/// invalid bow tie and a Z point.
pub const GEOMETRIES: &[&str] = &[
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

/// Text arguments: WKT and the other formats Strabo reads (some naming an SRID), a format of
/// `st_asLatLonText`, and malformed text of each format (about half of them, so that constants
/// refused when a program is compiled stay common).
pub const TEXTS: &[&str] = &[
    "POINT(1 2)",
    "POLYGON((0 0,3 0,3 3,0 0))",
    "LINESTRING(1 1,2 2)",
    "POINT EMPTY",
    "SRID=4326;POINT(1 2)",
    r#"{"type":"Point","coordinates":[1,2]}"#,
    r#"{"type":"LineString","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"coordinates":[[0,0],[1,1]]}"#,
    r#"<gml:Point srsName="EPSG:4326"><gml:pos>1 2</gml:pos></gml:Point>"#,
    "D.DD C",
    "SRID=x;POINT(1 2)",
    r#"{"type":"Point","coordinates":[1]}"#,
    r#"<gml:Point><gml:pos>1</gml:pos></gml:Point>"#,
    "POLYGON((0 0,4 0",
    "POINT(1 2) and more",
    "",
];

/// Functions whose output has many times the vertices of their input. A program calls at most
/// one of them: nested, they make one case cost seconds without reaching new code.
const GROWING: &[&str] = &["st_buffer"];

const BUFFER_PARAMS: &[&str] = &[
    "",
    "quad_segs=2",
    "endcap=flat join=mitre",
    "join=pointy",
    "quad_segs=0",
];

const DOUBLES: &[f64] = &[0.0, 0.5, 1.0, 2.0, 4.0, -1.0, 1e-9, 180.0, f64::NAN];

const INTS: &[i32] = &[1, 5, 25, 63, 64, 0];

/// H3 cells (h3 4.x): a cell at resolution 8 and its parent at 5, one at 9, a pentagon at 5, the
/// cell around the north pole at 0, one across the antimeridian at 2; and ids that are no cell.
const BIGINTS: &[i64] = &[
    614552609325318143,
    601041811137363967,
    617700169958293503,
    599119489002373119,
    576495936675512319,
    587697211383480319,
    0,
    -1,
    7,
    i64::MAX,
];

/// The geometry encoding of generated inputs and constants: Spark's GEOMETRY (SRID, then WKB).
pub const SRID_WKB: &str = r#"{"type": "geometry", "encoding": "srid_wkb"}"#;

/// A value of an input or a constant.
#[derive(Clone, Debug)]
pub enum Value {
    Null,
    Boolean(bool),
    Int(i32),
    BigInt(i64),
    Double(f64),
    Bytes(Vec<u8>),
    Array(Vec<Value>),
}

impl Value {
    pub(crate) fn write(&self, row: &mut RowWriter) {
        match self {
            Value::Null => row.null(),
            Value::Boolean(v) => row.boolean(*v),
            Value::Int(v) => row.int(*v),
            Value::BigInt(v) => row.bigint(*v),
            Value::Double(v) => row.double(*v),
            Value::Bytes(v) => row.bytes(v),
            Value::Array(items) => {
                row.array(items.len() as u32);
                items.iter().for_each(|item| item.write(row));
                row
            }
        };
    }
}

/// The first `N` bytes of `raw`, zero-padded.
fn padded<const N: usize>(raw: &[u8]) -> [u8; N] {
    let mut out = [0; N];
    let n = raw.len().min(N);
    out[..n].copy_from_slice(&raw[..n]);
    out
}

/// A random value for `param`.
fn random_value(choices: &mut impl Choices, srids: &[i32], param: &Param) -> Value {
    random_of(choices, srids, param.ty, param.name)
}

/// A random value of type `ty` for a parameter named `name`; an array has up to three items.
fn random_of(choices: &mut impl Choices, srids: &[i32], ty: SqlType, name: &str) -> Value {
    if choices.chance(8) {
        return Value::Null;
    }
    if let SqlType::Array(item) = ty {
        let count = choices.below(4);
        return Value::Array(
            (0..count)
                .map(|_| random_of(choices, srids, *item, name))
                .collect(),
        );
    }
    if let Some(raw) = choices.raw() {
        return match ty {
            SqlType::Geometry => {
                let srid = *choices.pick(srids);
                Value::Bytes([&srid.to_le_bytes()[..], &raw].concat())
            }
            SqlType::Double => Value::Double(f64::from_le_bytes(padded(&raw))),
            // An H3 disk's size grows with k squared: k = 1181 (the most allowed) is 4 million
            // cells, whose union is seconds of honest work, not the hang a fuzz timeout is for.
            SqlType::Int if name == "k" => Value::Int(i32::from_le_bytes(padded(&raw)) % 64),
            SqlType::Int => Value::Int(i32::from_le_bytes(padded(&raw))),
            SqlType::BigInt => Value::BigInt(i64::from_le_bytes(padded(&raw))),
            SqlType::Boolean => Value::Boolean(raw.first().is_some_and(|b| b & 1 == 1)),
            SqlType::Binary => Value::Bytes(raw),
            // The JVM hands over valid UTF-8 only.
            _ => Value::Bytes(String::from_utf8_lossy(&raw).into_owned().into_bytes()),
        };
    }
    match ty {
        SqlType::Geometry => {
            let srid = *choices.pick(srids);
            let text: &&str = choices.pick(GEOMETRIES);
            Value::Bytes([&srid.to_le_bytes()[..], &wkb(text)].concat())
        }
        SqlType::Binary => {
            // EWKB, with the case's SRID unless it is 0.
            let srid = *choices.pick(srids);
            let text: &&str = choices.pick(GEOMETRIES);
            let mut ewkb = Vec::new();
            let iso = wkb(text);
            let geometry = strabo_geom::Geo::read(&iso).expect("the geometries of the grid read");
            strabo_geom::ewkb::write(&geometry, srid, &mut ewkb);
            Value::Bytes(ewkb)
        }
        SqlType::Double => Value::Double(*choices.pick(DOUBLES)),
        SqlType::Int => Value::Int(*choices.pick(INTS)),
        SqlType::BigInt => Value::BigInt(*choices.pick(BIGINTS)),
        SqlType::Boolean => Value::Boolean(choices.chance(50)),
        SqlType::String if name == "params" => {
            Value::Bytes(choices.pick(BUFFER_PARAMS).as_bytes().to_vec())
        }
        SqlType::String => Value::Bytes(choices.pick(TEXTS).as_bytes().to_vec()),
        other => panic!("no random {other:?} for {name}"),
    }
}

/// Native scalar functions, the ones a program can call.
pub fn scalars() -> impl Iterator<Item = &'static FunctionSpec> {
    registry().iter().filter(|spec| spec.is_scalar())
}

/// One random program and the values of its inputs.
pub(crate) struct Case<C> {
    json_nodes: Vec<String>,
    inputs: Vec<(SqlType, &'static Param)>,
    constants: Vec<String>,
    pub(crate) constant_row: RowWriter,
    /// SRIDs the geometries of this case take; more than one makes the SRID checks fire.
    srids: Vec<i32>,
    /// Whether the program already calls a function of `GROWING`.
    grows: bool,
    pub(crate) choices: C,
}

impl<C: Choices> Case<C> {
    pub(crate) fn new(mut choices: C) -> Self {
        let srids = if choices.chance(15) {
            vec![0, 4326]
        } else {
            vec![*choices.pick(&[0, 4326])]
        };
        Case {
            json_nodes: Vec::new(),
            inputs: Vec::new(),
            constants: Vec::new(),
            constant_row: RowWriter::default(),
            srids,
            grows: false,
            choices,
        }
    }

    /// Adds a call to a random function (returning `ty`, if given) and returns its node.
    fn call(&mut self, ty: Option<SqlType>, depth: usize) -> Option<usize> {
        let candidates: Vec<(&FunctionSpec, usize)> = scalars()
            .flat_map(|spec| (0..spec.signatures.len()).map(move |i| (spec, i)))
            .filter(|(spec, i)| ty.is_none_or(|ty| spec.signatures[*i].returns == ty))
            .filter(|(spec, _)| !(self.grows && GROWING.contains(&spec.name)))
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let (spec, signature) = *self.choices.pick(&candidates);
        self.grows |= GROWING.contains(&spec.name);
        let params = spec.signatures[signature].params;
        let variadic = params.last().filter(|p| p.variadic);
        let fixed = params.len() - variadic.is_some() as usize;
        let required = params.iter().filter(|p| !p.optional && !p.variadic).count();
        let arity = required + self.choices.below(fixed - required + 1);
        let extra = variadic.map_or(0, |_| self.choices.below(3));
        let chosen: Vec<&'static Param> = params[..arity]
            .iter()
            .chain(variadic.into_iter().cycle().take(extra))
            .collect();
        let args: Vec<String> = chosen
            .into_iter()
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
        if !param.constant && depth < 3 && self.choices.chance(35) {
            if let Some(node) = self.call(Some(param.ty), depth + 1) {
                return format!(r#"{{"node": {node}}}"#);
            }
        }
        // Text is often a constant in SQL (a pattern, a CRS, a WKT literal), and a constant is
        // checked when the program compiles: reach that as often as the columns' checks.
        let text = param.ty == SqlType::String && self.choices.chance(30);
        if param.constant || text || self.choices.chance(30) {
            random_value(&mut self.choices, &self.srids, param).write(&mut self.constant_row);
            self.constants.push(input_json(param.ty, SRID_WKB));
            return format!(r#"{{"constant": {}}}"#, self.constants.len() - 1);
        }
        // Reading one column twice, as in st_intersects(g, st_envelope(g)), shares its decoding.
        let same_type: Vec<usize> = (0..self.inputs.len())
            .filter(|&i| self.inputs[i].0 == param.ty && self.inputs[i].1.name == param.name)
            .collect();
        let input = if !same_type.is_empty() && self.choices.chance(40) {
            *self.choices.pick(&same_type)
        } else {
            self.inputs.push((param.ty, param));
            self.inputs.len() - 1
        };
        format!(r#"{{"input": {input}}}"#)
    }

    /// An aggregate's argument: an input column, or a call over columns, never a constant.
    pub(crate) fn column_operand(&mut self, param: &'static Param) -> String {
        if self.choices.chance(35) {
            if let Some(node) = self.call(Some(param.ty), 1) {
                return format!(r#"{{"node": {node}}}"#);
            }
        }
        self.inputs.push((param.ty, param));
        format!(r#"{{"input": {}}}"#, self.inputs.len() - 1)
    }

    fn input_types(&self) -> Vec<String> {
        self.inputs
            .iter()
            .map(|(ty, _)| input_json(*ty, SRID_WKB))
            .collect()
    }

    fn json(&self) -> String {
        let inputs = self.input_types();
        let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
        program_json(&inputs, &self.constants, &self.json_nodes)
    }

    /// The JSON of an aggregate program: the nodes compute the arguments of `call`.
    pub(crate) fn aggregate_json(&self, call: &str) -> String {
        format!(
            r#"{{"inputs": [{}], "constants": [{}], "nodes": [{}], "outputs": [], "aggregate": {call}}}"#,
            self.input_types().join(", "),
            self.constants.join(", "),
            self.json_nodes.join(", "),
        )
    }

    /// `rows` random rows: a value per input.
    pub(crate) fn random_rows(&mut self, rows: usize) -> Vec<Vec<Value>> {
        (0..rows)
            .map(|_| {
                self.inputs
                    .iter()
                    .map(|(_, param)| random_value(&mut self.choices, &self.srids, param))
                    .collect()
            })
            .collect()
    }
}

/// A program's JSON: its inputs' and constants' types, and its nodes, the last one its output.
pub fn program_json(inputs: &[&str], constants: &[String], nodes: &[String]) -> String {
    format!(
        r#"{{"inputs": [{}], "constants": [{}], "nodes": [{}], "outputs": [{}]}}"#,
        inputs.join(", "),
        constants.join(", "),
        nodes.join(", "),
        nodes.len() - 1
    )
}

fn row_buffer(row: &[Value]) -> Vec<u8> {
    let mut writer = RowWriter::default();
    row.iter().for_each(|value| value.write(&mut writer));
    writer.finish()
}

/// Input `input` of every row as one Arrow array.
fn column(rows: &[Vec<Value>], input: usize, ty: SqlType) -> ArrayRef {
    if let SqlType::Array(item) = ty {
        return list_column(rows.iter().map(|row| &row[input]), *item);
    }
    let values = rows.iter().map(|row| &row[input]);
    let double = |v: &Value| match v {
        Value::Double(d) => Some(*d),
        _ => None,
    };
    let int = |v: &Value| match v {
        Value::Int(i) => Some(*i),
        _ => None,
    };
    let bigint = |v: &Value| match v {
        Value::BigInt(i) => Some(*i),
        _ => None,
    };
    let boolean = |v: &Value| match v {
        Value::Boolean(b) => Some(*b),
        _ => None,
    };
    let text = |v: &Value| match v {
        Value::Bytes(b) => Some(String::from_utf8_lossy(b).into_owned()),
        _ => None,
    };
    let bytes = |v: &Value| match v {
        Value::Bytes(b) => Some(b.clone()),
        _ => None,
    };
    match ty {
        SqlType::Double => Arc::new(Float64Array::from_iter(values.map(double))),
        SqlType::Int => Arc::new(Int32Array::from_iter(values.map(int))),
        SqlType::BigInt => Arc::new(Int64Array::from_iter(values.map(bigint))),
        SqlType::Boolean => Arc::new(BooleanArray::from_iter(values.map(boolean))),
        SqlType::String => Arc::new(StringArray::from_iter(values.map(text))),
        SqlType::Geometry | SqlType::Binary => Arc::new(BinaryArray::from_iter(values.map(bytes))),
        other => panic!("no column of {other:?}"),
    }
}

/// Array values as an Arrow list column, its items a column of `item`.
fn list_column<'v>(values: impl Iterator<Item = &'v Value>, item: SqlType) -> ArrayRef {
    let mut items: Vec<Vec<Value>> = Vec::new();
    let mut offsets = vec![0i32];
    let mut valid = Vec::new();
    for value in values {
        match value {
            Value::Array(values) => {
                items.extend(values.iter().map(|v| vec![v.clone()]));
                valid.push(true);
            }
            _ => valid.push(false),
        }
        offsets.push(items.len() as i32);
    }
    let child = column(&items, 0, item);
    let field = Arc::new(item.arrow_field("item"));
    Arc::new(ListArray::new(
        field,
        OffsetBuffer::new(offsets.into()),
        child,
        Some(NullBuffer::from(valid)),
    ))
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
    i32::from_le_bytes(padded(bytes))
}

/// How a program ran over a batch whose paths agree.
pub enum Agreed {
    /// Each row's result, rendered.
    Values(Vec<String>),
    /// The batch failed with the argument error of one of its rows.
    Failed(String),
}

/// Runs `program` over `rows` (one value per input of type `types[i]`) as one Arrow batch and
/// a row at a time. Fails, describing the case with `context`, when the paths disagree or
/// when an error is not an argument error (a caught panic, an inconsistent program).
pub fn compare_paths(
    program: &mut Program,
    types: &[SqlType],
    rows: &[Vec<Value>],
    context: &dyn Fn() -> String,
) -> Result<Agreed, String> {
    let returns = program.output_types()[0];
    let arrays: Vec<ArrayRef> = (0..types.len())
        .map(|i| column(rows, i, types[i]))
        .collect();
    let described = |e: EvalError| match e.kind {
        ErrorKind::InvalidArgument => Ok(e.to_string()),
        _ => Err(format!("{}: not an argument error: {e}", context())),
    };
    let batch = match program.eval_arrays(&arrays, rows.len()) {
        Ok(out) => Ok((0..rows.len())
            .map(|r| render_batch(&out[0], r, returns))
            .collect::<Vec<_>>()),
        Err(e) => Err(described(e)?),
    };
    let mut by_row = Vec::with_capacity(rows.len());
    for row in rows {
        by_row.push(match program.eval_row(&row_buffer(row)) {
            Ok(value) => Ok(render_row(value, returns)),
            Err(e) => Err(described(e)?),
        });
    }
    match batch {
        Ok(values) => {
            for (row, (batch_value, row_value)) in values.iter().zip(&by_row).enumerate() {
                if row_value.as_ref() != Ok(batch_value) {
                    return Err(format!(
                        "{}: row {row}: batch gives {batch_value}, per row {row_value:?}",
                        context()
                    ));
                }
            }
            Ok(Agreed::Values(values))
        }
        Err(error) => {
            if by_row.iter().any(|r| r.as_ref().err() == Some(&error)) {
                Ok(Agreed::Failed(error))
            } else {
                Err(format!(
                    "{}: the batch fails with {error:?}, the rows give {by_row:?}",
                    context()
                ))
            }
        }
    }
}

/// What a random case ran into, to check that the cases reach what the property is about.
#[derive(Default, Debug)]
pub struct Outcome {
    pub nested: bool,
    pub mixed_srids: bool,
    pub refused_at_compile: bool,
    pub batch_failed: bool,
    pub nulls: bool,
    pub values: bool,
}

/// Builds a random program from `choices`, runs it over a random batch of 1 to `max_rows` rows,
/// and checks the property. The error describes the program and the disagreement.
pub fn check_random_program(choices: impl Choices, max_rows: usize) -> Result<Outcome, String> {
    let mut case = Case::new(choices);
    case.call(None, 0).expect("a native function");
    let json = case.json();
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
        Err(e) if e.kind == ErrorKind::InvalidArgument => {
            outcome.refused_at_compile = true;
            return Ok(outcome);
        }
        Err(e) => return Err(format!("program {json}: compiling: {e}")),
    };
    let rows = 1 + case.choices.below(max_rows);
    let values = case.random_rows(rows);
    let types: Vec<SqlType> = case.inputs.iter().map(|(ty, _)| *ty).collect();
    let context = || format!("program {json}, rows {values:?}");
    match compare_paths(&mut program, &types, &values, &context)? {
        Agreed::Values(values) => {
            outcome.nulls = values.iter().any(|v| v == "NULL");
            outcome.values = values.iter().any(|v| v != "NULL");
        }
        Agreed::Failed(_) => outcome.batch_failed = true,
    }
    Ok(outcome)
}
