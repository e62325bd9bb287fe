//! Helpers shared by the integration tests: a tiny parser for the SQL the registry's examples
//! use, compiled into native programs whose literals are constants or input columns, and the
//! rendering of results that the docs and `it/rendering.py` share.
#![allow(dead_code)] // each test binary uses its own subset

use std::sync::Arc;

use arrow_array::{
    ArrayRef, BinaryArray, BooleanArray, Float64Array, Int32Array, Int64Array, StringArray,
};
use strabo::columnar::row::RowWriter;
use strabo::eval::{AggregateProgram, EvalError, Program};
use strabo::functions::lookup;
use strabo::kernel::{FunctionSpec, Signature, SqlType};
pub use strabo_testkit::render::*;

/// A parsed SQL expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Call(String, Vec<Expr>),
    Text(String),
    /// A number as written, read as the type of its parameter: a BIGINT such as an H3 cell id
    /// has more digits than a DOUBLE holds.
    Number(String),
    Boolean(bool),
    Binary(Vec<u8>),
    Null,
    /// A column of the example's `FROM VALUES` table.
    Column(String),
}

/// An example: an expression, and for aggregates the rows of a `VALUES` table.
#[derive(Debug, Clone)]
pub struct Query {
    pub expr: Expr,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Expr>>,
}

pub fn parse(sql: &str) -> Query {
    let (expr_sql, from) = match sql.split_once(" FROM VALUES ") {
        Some((expr, from)) => (expr, Some(from)),
        None => (sql, None),
    };
    let mut parser = Parser {
        text: expr_sql.as_bytes(),
        at: 0,
    };
    let expr = parser.expr();
    parser.skip_space();
    assert_eq!(parser.at, expr_sql.len(), "unparsed text in {sql}");
    let (columns, rows) = match from {
        None => (Vec::new(), Vec::new()),
        Some(from) => {
            let (values, alias) = from.rsplit_once(" AS ").expect("VALUES ... AS t(columns)");
            let columns = alias
                .trim()
                .trim_start_matches(|c: char| c.is_alphanumeric() || c == '_')
                .trim_matches(|c| c == '(' || c == ')')
                .split(',')
                .map(|c| c.trim().to_string())
                .collect();
            let mut parser = Parser {
                text: values.as_bytes(),
                at: 0,
            };
            let mut rows = Vec::new();
            loop {
                assert!(parser.eat(b'('), "a VALUES row in {sql}");
                let mut row = vec![parser.expr()];
                while parser.eat(b',') {
                    row.push(parser.expr());
                }
                assert!(parser.eat(b')'));
                rows.push(row);
                if !parser.eat(b',') {
                    break;
                }
            }
            (columns, rows)
        }
    };
    Query {
        expr,
        columns,
        rows,
    }
}

struct Parser<'a> {
    text: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn skip_space(&mut self) {
        while self.text.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_space();
        let found = self.text.get(self.at) == Some(&byte);
        self.at += found as usize;
        found
    }

    fn quoted(&mut self) -> String {
        assert!(self.eat(b'\''));
        let mut out = Vec::new();
        loop {
            match self.text[self.at] {
                b'\'' if self.text.get(self.at + 1) == Some(&b'\'') => {
                    out.push(b'\'');
                    self.at += 2;
                }
                b'\'' => {
                    self.at += 1;
                    return String::from_utf8(out).unwrap();
                }
                byte => {
                    out.push(byte);
                    self.at += 1;
                }
            }
        }
    }

    fn expr(&mut self) -> Expr {
        self.skip_space();
        let start = self.at;
        match self.text[self.at] {
            b'\'' => Expr::Text(self.quoted()),
            b'X' | b'x' if self.text.get(self.at + 1) == Some(&b'\'') => {
                self.at += 1;
                let hex = self.quoted();
                Expr::Binary(
                    (0..hex.len() / 2)
                        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
                        .collect(),
                )
            }
            b'-' | b'0'..=b'9' => {
                self.at += 1;
                while self
                    .text
                    .get(self.at)
                    .is_some_and(|b| b.is_ascii_digit() || *b == b'.')
                {
                    self.at += 1;
                }
                Expr::Number(
                    std::str::from_utf8(&self.text[start..self.at])
                        .unwrap()
                        .to_string(),
                )
            }
            _ => {
                while self
                    .text
                    .get(self.at)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
                {
                    self.at += 1;
                }
                let name = std::str::from_utf8(&self.text[start..self.at])
                    .unwrap()
                    .to_string();
                if name.eq_ignore_ascii_case("NULL") {
                    return Expr::Null;
                }
                if name.eq_ignore_ascii_case("true") || name.eq_ignore_ascii_case("false") {
                    return Expr::Boolean(name.eq_ignore_ascii_case("true"));
                }
                if !self.eat(b'(') {
                    return Expr::Column(name);
                }
                let mut args = Vec::new();
                if !self.eat(b')') {
                    loop {
                        args.push(self.expr());
                        if self.eat(b')') {
                            break;
                        }
                        assert!(self.eat(b','), "expected , in call to {name}");
                    }
                }
                Expr::Call(name, args)
            }
        }
    }
}

impl Expr {
    /// Whether every call is to a function Strabo evaluates.
    pub fn is_native(&self) -> bool {
        match self {
            Expr::Call(name, args) => {
                lookup(name).is_some_and(|spec| spec.is_native())
                    && args.iter().all(Expr::is_native)
            }
            _ => true,
        }
    }

    pub fn function(&self) -> &'static FunctionSpec {
        match self {
            Expr::Call(name, _) => {
                lookup(name).unwrap_or_else(|| panic!("unknown function {name}"))
            }
            other => panic!("not a call: {other:?}"),
        }
    }
}

/// How the literals of an example reach the program.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Literals {
    /// As constants, as when Spark folds the arguments.
    Constants,
    /// As input columns, as when the arguments come from a table.
    Columns,
}

/// A program's JSON and constants, built from an expression.
#[derive(Default)]
pub struct ProgramText {
    inputs: Vec<String>,
    /// The value of each input, for the rows the caller packs.
    pub input_values: Vec<(Expr, SqlType)>,
    constants: Vec<String>,
    constant_buffer: RowWriter,
    nodes: Vec<String>,
    columns: Vec<(String, usize)>,
}

fn type_json(ty: SqlType) -> String {
    // Literal geometries in the examples are WKB, as a BINARY column passes them.
    input_json(ty, r#"{"type": "geometry", "encoding": "wkb", "srid": 0}"#)
}

/// Packs a literal as a value of type `ty`.
pub fn write_literal(writer: &mut RowWriter, literal: &Expr, ty: SqlType) {
    match (literal, ty) {
        (Expr::Null, _) => writer.null(),
        (Expr::Text(t), _) => writer.bytes(t.as_bytes()),
        (Expr::Binary(b), _) => writer.bytes(b),
        (Expr::Number(n), SqlType::Double) => writer.double(double(n)),
        (Expr::Number(n), SqlType::Int) => writer.int(integer(n) as i32),
        (Expr::Number(n), SqlType::BigInt) => writer.bigint(integer(n)),
        (Expr::Boolean(b), SqlType::Boolean) => writer.boolean(*b),
        other => panic!("unsupported literal {other:?}"),
    };
}

fn double(number: &str) -> f64 {
    number.parse().unwrap()
}

/// An integer literal, exactly; a decimal one is truncated, as a cast to an integer does.
fn integer(number: &str) -> i64 {
    number.parse().unwrap_or_else(|_| double(number) as i64)
}

impl ProgramText {
    /// Adds `expr` as an operand of a parameter of type `ty` and returns the operand's JSON.
    pub fn operand(&mut self, expr: &Expr, ty: SqlType, literals: Literals) -> String {
        match expr {
            Expr::Call(..) => format!(r#"{{"node": {}}}"#, self.node(expr, literals)),
            Expr::Column(name) => {
                let existing = self
                    .columns
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, i)| *i);
                let input = existing.unwrap_or_else(|| {
                    self.inputs.push(type_json(ty));
                    self.input_values.push((Expr::Column(name.clone()), ty));
                    self.columns.push((name.clone(), self.inputs.len() - 1));
                    self.inputs.len() - 1
                });
                format!(r#"{{"input": {input}}}"#)
            }
            literal => match literals {
                Literals::Constants => {
                    write_literal(&mut self.constant_buffer, literal, ty);
                    self.constants.push(type_json(ty));
                    format!(r#"{{"constant": {}}}"#, self.constants.len() - 1)
                }
                Literals::Columns => {
                    self.inputs.push(type_json(ty));
                    self.input_values.push((literal.clone(), ty));
                    format!(r#"{{"input": {}}}"#, self.inputs.len() - 1)
                }
            },
        }
    }

    /// Adds a call and its arguments; returns the call's node index.
    pub fn node(&mut self, expr: &Expr, literals: Literals) -> usize {
        let Expr::Call(_, args) = expr else {
            unreachable!()
        };
        let spec = expr.function();
        let (signature, chosen) = choose_signature(spec, args.len());
        let operands: Vec<String> = args
            .iter()
            .enumerate()
            .map(|(i, arg)| (arg, chosen.param(i).expect("arity checked")))
            .map(|(arg, param)| {
                // A parameter that must be constant stays one whatever the mode.
                let mode = if param.constant {
                    Literals::Constants
                } else {
                    literals
                };
                self.operand(arg, param.ty, mode)
            })
            .collect();
        self.nodes.push(format!(
            r#"{{"function": "{}", "signature": {signature}, "args": [{}]}}"#,
            spec.name,
            operands.join(",")
        ));
        self.nodes.len() - 1
    }

    pub fn json(&self, outputs: &[usize]) -> String {
        format!(
            r#"{{"inputs": [{}], "constants": [{}], "nodes": [{}], "outputs": {outputs:?}}}"#,
            self.inputs.join(","),
            self.constants.join(","),
            self.nodes.join(",")
        )
    }

    pub fn constants(&mut self) -> Vec<u8> {
        self.constant_buffer.finish()
    }
}

/// The first signature that takes `arity` arguments; examples of an overload whose arguments
/// only their types tell apart (an array) are run in Spark only.
fn choose_signature(spec: &FunctionSpec, arity: usize) -> (usize, &'static Signature) {
    spec.signatures
        .iter()
        .enumerate()
        .find(|(_, s)| s.arity().contains(&arity))
        .unwrap_or_else(|| panic!("{} takes no {arity} arguments", spec.name))
}

/// A compiled scalar example and the values of its inputs.
pub struct Compiled {
    pub program: Program,
    pub returns: SqlType,
    pub inputs: Vec<(Expr, SqlType)>,
}

pub fn compile(expr: &Expr, literals: Literals) -> Result<Compiled, EvalError> {
    let mut text = ProgramText::default();
    let root = text.node(expr, literals);
    let returns =
        expr.function().signatures[choose_signature(expr.function(), arity(expr)).0].returns;
    let constants = text.constants();
    let program = Program::compile(&text.json(&[root]), &constants)?;
    Ok(Compiled {
        program,
        returns,
        inputs: text.input_values,
    })
}

fn arity(expr: &Expr) -> usize {
    match expr {
        Expr::Call(_, args) => args.len(),
        _ => 0,
    }
}

/// Evaluates a scalar example on the per-row path and renders its result as the docs show it.
pub fn evaluate(sql: &str, literals: Literals) -> Result<String, EvalError> {
    let query = parse(sql);
    let mut compiled = compile(&query.expr, literals)?;
    let mut row = RowWriter::default();
    for (value, ty) in &compiled.inputs {
        write_literal(&mut row, value, *ty);
    }
    let value = compiled.program.eval_row(&row.finish())?;
    Ok(render_value(value, compiled.returns))
}

/// Evaluates a scalar example on the batch path (one row of Arrow arrays).
pub fn evaluate_batch(sql: &str) -> Result<String, EvalError> {
    let query = parse(sql);
    let mut compiled = compile(&query.expr, Literals::Columns)?;
    let arrays: Vec<ArrayRef> = compiled
        .inputs
        .iter()
        .map(|(v, ty)| array_of(std::slice::from_ref(v), *ty))
        .collect();
    let outputs = compiled.program.eval_arrays(&arrays, 1)?;
    Ok(render_array(&outputs[0], 0, compiled.returns))
}

/// Evaluates an aggregate example over its `VALUES` rows.
pub fn evaluate_aggregate(sql: &str) -> Result<String, EvalError> {
    let query = parse(sql);
    // The aggregate call is the outermost call that is an aggregate.
    let (outer, aggregate) = split_aggregate(&query.expr);
    let spec = aggregate.function();
    let Expr::Call(_, args) = aggregate else {
        unreachable!()
    };
    let (signature, chosen) = choose_signature(spec, args.len());
    let mut text = ProgramText::default();
    let operands: Vec<String> = args
        .iter()
        .enumerate()
        .map(|(i, a)| {
            text.operand(
                a,
                chosen.param(i).expect("arity checked").ty,
                Literals::Columns,
            )
        })
        .collect();
    let json = text.json(&[]).replacen(
        r#""outputs": []"#,
        &format!(
            r#""outputs": [], "aggregate": {{"function": "{}", "signature": {signature}, "args": [{}]}}"#,
            spec.name,
            operands.join(",")
        ),
        1,
    );
    let constants = text.constants();
    let mut program = AggregateProgram::compile(&json, &constants)?;
    // Rows alternate between groups 0 and 1, in one batch, and group 1's state is shipped and
    // merged into group 0: the result must not depend on how Spark splits a group.
    let mut buffer = RowWriter::default();
    let mut groups = Vec::new();
    for (i, row) in query.rows.iter().enumerate() {
        for (value, ty) in &text.input_values {
            let value = match value {
                Expr::Column(name) => {
                    &row[query
                        .columns
                        .iter()
                        .position(|c| c == name)
                        .expect("a VALUES column")]
                }
                literal => literal,
            };
            write_literal(&mut buffer, value, *ty);
        }
        groups.push((i % 2) as u32);
    }
    program.update(&groups, &buffer.finish(), groups.len())?;
    let state = program.take_state(1)?;
    program.merge(&[0], &state, 1)?;
    let encoded = program.take_result(0)?;
    let ty = spec.signatures[signature].returns;
    let value = render_encoded(&encoded, ty);
    Ok(match outer {
        None => value,
        Some(outer) => evaluate_outer(outer, &encoded, ty)?,
    })
}

/// Splits `f(agg(...))` into the scalar wrapper and the aggregate call.
fn split_aggregate(expr: &Expr) -> (Option<&Expr>, &Expr) {
    if expr.function().is_aggregate() {
        return (None, expr);
    }
    let Expr::Call(_, args) = expr else {
        unreachable!()
    };
    assert_eq!(args.len(), 1, "a wrapper of an aggregate takes it alone");
    (Some(expr), &args[0])
}

/// Applies a one-argument scalar wrapper (such as `st_area`) to an aggregate's result.
fn evaluate_outer(outer: &Expr, encoded: &[u8], ty: SqlType) -> Result<String, EvalError> {
    let spec = outer.function();
    let (signature, _) = choose_signature(spec, 1);
    let input = match ty {
        SqlType::Geometry => r#"{"type": "geometry", "encoding": "srid_wkb"}"#.to_string(),
        other => type_json(other),
    };
    let json = format!(
        r#"{{"inputs": [{input}], "constants": [], "nodes": [{{"function": "{}", "signature": {signature}, "args": [{{"input": 0}}]}}], "outputs": [0]}}"#,
        spec.name
    );
    let mut program = Program::compile(&json, &[])?;
    let value = program.eval_row(encoded)?;
    Ok(render_value(value, spec.signatures[signature].returns))
}

/// A one-column Arrow array of literals of type `ty`.
pub fn array_of(values: &[Expr], ty: SqlType) -> ArrayRef {
    fn number(v: &Expr) -> Option<&str> {
        match v {
            Expr::Number(n) => Some(n),
            Expr::Null => None,
            other => panic!("not a number: {other:?}"),
        }
    }
    let bytes = |v: &Expr| match v {
        Expr::Text(t) => Some(t.as_bytes().to_vec()),
        Expr::Binary(b) => Some(b.clone()),
        Expr::Null => None,
        other => panic!("not bytes: {other:?}"),
    };
    match ty {
        SqlType::Double => Arc::new(Float64Array::from(
            values
                .iter()
                .map(|v| number(v).map(double))
                .collect::<Vec<_>>(),
        )),
        SqlType::Int => Arc::new(Int32Array::from(
            values
                .iter()
                .map(|v| number(v).map(|n| integer(n) as i32))
                .collect::<Vec<_>>(),
        )),
        SqlType::BigInt => Arc::new(Int64Array::from(
            values
                .iter()
                .map(|v| number(v).map(integer))
                .collect::<Vec<_>>(),
        )),
        SqlType::String => Arc::new(StringArray::from(
            values
                .iter()
                .map(|v| bytes(v).map(|b| String::from_utf8(b).unwrap()))
                .collect::<Vec<_>>(),
        )),
        SqlType::Geometry | SqlType::Binary => {
            let owned: Vec<Option<Vec<u8>>> = values.iter().map(bytes).collect();
            Arc::new(BinaryArray::from(
                owned.iter().map(|b| b.as_deref()).collect::<Vec<_>>(),
            ))
        }
        SqlType::Boolean => Arc::new(BooleanArray::from(
            values
                .iter()
                .map(|v| match v {
                    Expr::Boolean(b) => Some(*b),
                    Expr::Null => None,
                    other => panic!("not a boolean: {other:?}"),
                })
                .collect::<Vec<_>>(),
        )),
        other => panic!("no array of {other:?}"),
    }
}
