//! Helpers shared by the integration tests: a tiny parser for the SQL expressions that the
//! registry's examples use, compiling them into native programs.
#![allow(dead_code)] // each test binary uses its own subset

use strabo::eval::{Output, Program};
use strabo::functions::{lookup, FunctionSpec, Kind};
use strabo::geom::Geom;

/// A parsed SQL expression: a call or a literal.
#[derive(Debug, Clone)]
pub enum Expr {
    Call(String, Vec<Expr>),
    Text(String),
    Number(f64),
    Binary(Vec<u8>),
    Null,
}

pub fn parse(sql: &str) -> Expr {
    let mut parser = Parser {
        text: sql.as_bytes(),
        at: 0,
    };
    let expr = parser.expr();
    parser.skip_space();
    assert_eq!(parser.at, sql.len(), "unparsed text in {sql}");
    expr
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
                        .parse()
                        .unwrap(),
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
                assert!(self.eat(b'('), "expected ( after {name}");
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
    /// Whether every call is to a function Strabo evaluates natively.
    pub fn is_native(&self) -> bool {
        match self {
            Expr::Call(name, args) => {
                lookup(name).is_some_and(|spec| spec.kernel().is_some())
                    && args.iter().all(Expr::is_native)
            }
            _ => true,
        }
    }
}

/// Compiles a call whose arguments are all literals into a program with constants only, as
/// Spark does when it folds a constant expression.
pub fn compile(expr: &Expr) -> (Program, &'static FunctionSpec) {
    let Expr::Call(name, _) = expr else {
        panic!("not a call: {expr:?}")
    };
    let root = lookup(name).unwrap_or_else(|| panic!("unknown function {name}"));
    let mut program = ProgramText::default();
    program.node(expr);
    let output = output_encoding(root.returns);
    let json = format!(
        r#"{{"inputs": [], "constants": [{}], "nodes": [{}], "output": "{output}"}}"#,
        program.constants.join(","),
        program.nodes.join(",")
    );
    (
        Program::compile(&json, &program.buffer.finish()).expect("program compiles"),
        root,
    )
}

/// The output encoding of a result kind, with geometries as plain WKB.
pub fn output_encoding(kind: Kind) -> &'static str {
    match kind {
        Kind::Geometry => "wkb",
        Kind::Double => "double",
        Kind::Boolean => "boolean",
        Kind::String => "string",
        other => panic!("no native output for {other:?}"),
    }
}

#[derive(Default)]
struct ProgramText {
    constants: Vec<String>,
    nodes: Vec<String>,
    buffer: strabo::eval::row::RowWriter,
}

impl ProgramText {
    fn node(&mut self, expr: &Expr) -> usize {
        let Expr::Call(name, args) = expr else {
            unreachable!()
        };
        let spec = lookup(name).unwrap();
        let operands: Vec<String> = args
            .iter()
            .zip(spec.params)
            .map(|(arg, param)| match arg {
                Expr::Call(..) => format!(r#"{{"node": {}}}"#, self.node(arg)),
                literal => format!(r#"{{"constant": {}}}"#, self.constant(literal, param.kind)),
            })
            .collect();
        self.nodes.push(format!(
            r#"{{"function": "{}", "args": [{}]}}"#,
            spec.name,
            operands.join(",")
        ));
        self.nodes.len() - 1
    }

    fn constant(&mut self, literal: &Expr, kind: Kind) -> usize {
        let encoding = match (literal, kind) {
            (Expr::Null, Kind::Geometry) | (Expr::Binary(_), _) => "wkb",
            (Expr::Null, Kind::String) | (Expr::Text(_), _) => "string",
            (Expr::Null, Kind::Double) | (Expr::Number(_), _) => "double",
            other => panic!("unsupported literal {other:?}"),
        };
        match literal {
            Expr::Null => self.buffer.null(),
            Expr::Text(text) => self.buffer.bytes(text.as_bytes()),
            Expr::Binary(bytes) => self.buffer.bytes(bytes),
            Expr::Number(number) => self.buffer.double(*number),
            Expr::Call(..) => unreachable!(),
        };
        self.constants.push(format!("\"{encoding}\""));
        self.constants.len() - 1
    }
}

/// Evaluates a constant expression natively and renders the result as the docs show it.
pub fn evaluate(sql: &str) -> Result<String, strabo::eval::EvalError> {
    let (program, root) = compile(&parse(sql));
    let output = program.eval_row(&[])?;
    Ok(render(output, root.returns))
}

/// Renders a result as the example tests do: geometries as WKT, doubles as Python prints
/// them, booleans in lower case, NULL as `NULL`.
pub fn render(output: Option<Output>, kind: Kind) -> String {
    match output {
        None => "NULL".into(),
        Some(Output::Boolean(b)) => b.to_string(),
        Some(Output::Double(d)) => python_float(d),
        Some(Output::Bytes(bytes)) if kind == Kind::Geometry => Geom::from_wkb(0, &bytes)
            .and_then(|g| g.to_wkt())
            .expect("valid geometry output"),
        Some(Output::Bytes(bytes)) => String::from_utf8(bytes).expect("UTF-8 text output"),
    }
}

/// Python's `repr(float)`: Rust's shortest round-trip digits, with Python's exponent style.
pub fn python_float(value: f64) -> String {
    let debug = format!("{value:?}");
    match debug.split_once('e') {
        None => debug,
        Some((mantissa, exponent)) => {
            let (sign, digits) = exponent
                .strip_prefix('-')
                .map_or(("+", exponent), |d| ("-", d));
            format!("{mantissa}e{sign}{digits:0>2}")
        }
    }
}
