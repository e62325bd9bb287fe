use std::borrow::Cow;
use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};

use serde::Deserialize;
use smallvec::SmallVec;
use strabo_functions::{lookup, Args, FunctionSpec, Kernel, Kind, Value};
use strabo_geom::{Geom, GeomError};

use crate::row::RowReader;
use crate::{preview, ErrorKind, EvalError};

/// How a leaf value or the result is laid out: in the row buffer, the constant buffer, an Arrow
/// array or the returned bytes.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    Boolean,
    Double,
    /// UTF-8 text.
    String,
    /// WKB or EWKB; SRID 0 unless the EWKB header carries one.
    Wkb,
    /// A little-endian `i32` SRID followed by ISO WKB: the layout of Spark's `GEOMETRY` values.
    SridWkb,
}

impl Encoding {
    pub fn kind(self) -> Kind {
        match self {
            Encoding::Boolean => Kind::Boolean,
            Encoding::Double => Kind::Double,
            Encoding::String => Kind::String,
            Encoding::Wkb | Encoding::SridWkb => Kind::Geometry,
        }
    }
}

/// The result of one row, encoded as the program's output encoding asks.
#[derive(Debug, PartialEq)]
pub enum Output {
    Boolean(bool),
    Double(f64),
    /// Text as UTF-8, or a geometry as `wkb` / `srid_wkb`.
    Bytes(Vec<u8>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgramSpec {
    inputs: Vec<Encoding>,
    constants: Vec<Encoding>,
    nodes: Vec<NodeSpec>,
    output: Encoding,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NodeSpec {
    function: String,
    args: Vec<Operand>,
}

/// Where a function argument comes from.
#[derive(Deserialize, Clone, Copy, Debug)]
#[serde(rename_all = "snake_case")]
enum Operand {
    Input(usize),
    Constant(usize),
    /// The result of an earlier node.
    Node(usize),
}

struct Node {
    spec: &'static FunctionSpec,
    kernel: Kernel,
    args: Vec<Operand>,
}

/// The function parameter that reads a leaf, named in errors about that leaf's value.
#[derive(Clone, Copy)]
pub(crate) struct Consumer {
    pub(crate) function: &'static str,
    pub(crate) param: &'static str,
}

/// A compiled tree of function calls. Immutable once compiled, so one program may serve many
/// threads; constants are decoded and prepared at compile time.
pub struct Program {
    inputs: Vec<Encoding>,
    input_consumers: Vec<Consumer>,
    constants: Vec<Option<Value<'static>>>,
    nodes: Vec<Node>,
    output: Encoding,
}

impl Program {
    /// Compiles a program from its JSON description and its constants, which are packed in
    /// `constant_buffer` as one row (see [`crate::row`]).
    pub fn compile(spec_json: &str, constant_buffer: &[u8]) -> Result<Program, EvalError> {
        let spec: ProgramSpec = serde_json::from_str(spec_json)
            .map_err(|err| EvalError::invalid_program(format!("bad program description: {err}")))?;
        let mut input_consumers = vec![None; spec.inputs.len()];
        let mut constant_consumers = vec![None; spec.constants.len()];
        let mut nodes: Vec<Node> = Vec::with_capacity(spec.nodes.len());
        for node in spec.nodes {
            let function = lookup(&node.function).ok_or_else(|| {
                EvalError::invalid_program(format!("unknown function {}", node.function))
            })?;
            let kernel = function.kernel().ok_or_else(|| {
                EvalError::invalid_program(format!(
                    "{} is Spark's function, not Strabo's",
                    function.name
                ))
            })?;
            if node.args.len() != function.params.len() {
                return Err(EvalError::invalid_program(format!(
                    "{} takes {} arguments, got {}",
                    function.name,
                    function.params.len(),
                    node.args.len()
                )));
            }
            for (param, operand) in function.params.iter().zip(&node.args) {
                let consumer = Consumer {
                    function: function.name,
                    param: param.name,
                };
                let kind = match *operand {
                    Operand::Input(i) => {
                        claim(&mut input_consumers, &spec.inputs, i, consumer, "input")?
                    }
                    Operand::Constant(i) => claim(
                        &mut constant_consumers,
                        &spec.constants,
                        i,
                        consumer,
                        "constant",
                    )?,
                    Operand::Node(i) => nodes
                        .get(i)
                        .map(|earlier| earlier.spec.returns)
                        .ok_or_else(|| {
                            EvalError::invalid_program(format!("node {i} is not an earlier node"))
                        })?,
                };
                if kind != param.kind {
                    return Err(EvalError::invalid_program(format!(
                        "{} argument {} must be {:?}, got {kind:?}",
                        function.name, param.name, param.kind
                    )));
                }
            }
            nodes.push(Node {
                spec: function,
                kernel,
                args: node.args,
            });
        }
        let root = nodes
            .last()
            .ok_or_else(|| EvalError::invalid_program("a program needs a node"))?;
        if root.spec.returns != spec.output.kind() {
            return Err(EvalError::invalid_program(format!(
                "{} returns {:?}, which cannot be encoded as {:?}",
                root.spec.name, root.spec.returns, spec.output
            )));
        }
        let input_consumers = all_claimed(input_consumers, "input")?;
        let constant_consumers = all_claimed(constant_consumers, "constant")?;
        let constants = decode_constants(&spec.constants, &constant_consumers, constant_buffer)?;
        Ok(Program {
            inputs: spec.inputs,
            input_consumers,
            constants,
            nodes,
            output: spec.output,
        })
    }

    pub fn inputs(&self) -> &[Encoding] {
        &self.inputs
    }

    pub fn output(&self) -> Encoding {
        self.output
    }

    pub(crate) fn input_consumer(&self, input: usize) -> Consumer {
        self.input_consumers[input]
    }

    /// Runs the nodes in order over one row's inputs and returns the root's value. A panic in
    /// a kernel is caught here, once per row, and reported against the node that was running.
    pub(crate) fn evaluate(
        &self,
        inputs: &[Option<Value<'_>>],
    ) -> Result<Option<Value<'static>>, EvalError> {
        let running = Cell::new(0);
        catch_unwind(AssertUnwindSafe(|| self.run_nodes(inputs, &running))).unwrap_or_else(
            |payload| {
                let node = &self.nodes[running.get()];
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                Err(EvalError::new(
                    ErrorKind::Panic,
                    node.spec.name,
                    format!("internal error: {message}"),
                    None,
                ))
            },
        )
    }

    fn run_nodes(
        &self,
        inputs: &[Option<Value<'_>>],
        running: &Cell<usize>,
    ) -> Result<Option<Value<'static>>, EvalError> {
        let mut results: SmallVec<[Option<Value<'static>>; 4]> = SmallVec::new();
        for (index, node) in self.nodes.iter().enumerate() {
            running.set(index);
            let mut args: SmallVec<[&Value; 4]> = SmallVec::new();
            for operand in &node.args {
                let value = match *operand {
                    Operand::Input(i) => inputs[i].as_ref(),
                    Operand::Constant(i) => self.constants[i].as_ref(),
                    Operand::Node(i) => results[i].as_ref(),
                };
                match value {
                    Some(value) => args.push(value),
                    // Every function returns NULL on a NULL argument.
                    None => break,
                }
            }
            let result = if args.len() < node.args.len() {
                None
            } else {
                (node.kernel)(&Args::new(&args)).map_err(|err| {
                    let value = err.arg.map(|i| {
                        format!("{} = {}", node.spec.params[i].name, preview::value(args[i]))
                    });
                    EvalError::new(
                        ErrorKind::InvalidArgument,
                        node.spec.name,
                        err.error.to_string(),
                        value,
                    )
                })?
            };
            drop(args);
            results.push(result);
        }
        Ok(results.pop().flatten())
    }

    /// Encodes a root value as the program's output encoding.
    pub(crate) fn encode(&self, value: Value<'_>) -> Result<Output, EvalError> {
        let encode_error = |err: GeomError| {
            let function = self.nodes.last().map_or("strabo", |n| n.spec.name);
            EvalError::new(ErrorKind::InvalidArgument, function, err.to_string(), None)
        };
        match (value, self.output) {
            (Value::Boolean(b), Encoding::Boolean) => Ok(Output::Boolean(b)),
            (Value::Double(d), Encoding::Double) => Ok(Output::Double(d)),
            (Value::Text(text), Encoding::String) => {
                Ok(Output::Bytes(text.into_owned().into_bytes()))
            }
            (Value::Geometry(geom), Encoding::Wkb) => {
                Ok(Output::Bytes(geom.to_wkb().map_err(encode_error)?))
            }
            (Value::Geometry(geom), Encoding::SridWkb) => {
                let mut out = Vec::with_capacity(64);
                out.extend_from_slice(&geom.srid().to_le_bytes());
                geom.append_wkb(&mut out).map_err(encode_error)?;
                Ok(Output::Bytes(out))
            }
            (value, encoding) => Err(EvalError::invalid_program(format!(
                "cannot encode {value:?} as {encoding:?}"
            ))),
        }
    }
}

/// Records who reads a leaf (each leaf feeds exactly one parameter) and returns its kind.
fn claim(
    consumers: &mut [Option<Consumer>],
    encodings: &[Encoding],
    index: usize,
    consumer: Consumer,
    what: &str,
) -> Result<Kind, EvalError> {
    match consumers.get_mut(index) {
        Some(slot @ None) => {
            *slot = Some(consumer);
            Ok(encodings[index].kind())
        }
        Some(Some(_)) => Err(EvalError::invalid_program(format!(
            "{what} {index} is used twice"
        ))),
        None => Err(EvalError::invalid_program(format!(
            "there is no {what} {index}"
        ))),
    }
}

fn all_claimed(consumers: Vec<Option<Consumer>>, what: &str) -> Result<Vec<Consumer>, EvalError> {
    consumers
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            c.ok_or_else(|| EvalError::invalid_program(format!("{what} {i} is never used")))
        })
        .collect()
}

fn decode_constants(
    encodings: &[Encoding],
    consumers: &[Consumer],
    buffer: &[u8],
) -> Result<Vec<Option<Value<'static>>>, EvalError> {
    let mut reader = RowReader::new(buffer);
    let mut constants = Vec::with_capacity(encodings.len());
    for (&encoding, &consumer) in encodings.iter().zip(consumers) {
        let constant = match reader.read(encoding, consumer)? {
            None => None,
            Some(Value::Geometry(geom)) => {
                let prepared = geom
                    .into_prepared()
                    .map_err(|err| leaf_error(consumer, err, &[]))?;
                Some(Value::Geometry(prepared))
            }
            Some(Value::Text(text)) => Some(Value::Text(Cow::Owned(text.into_owned()))),
            Some(Value::Boolean(b)) => Some(Value::Boolean(b)),
            Some(Value::Double(d)) => Some(Value::Double(d)),
        };
        constants.push(constant);
    }
    reader.finish()?;
    Ok(constants)
}

/// Decodes the bytes of a text or geometry leaf.
pub(crate) fn decode_bytes<'a>(
    encoding: Encoding,
    bytes: &'a [u8],
    consumer: Consumer,
) -> Result<Value<'a>, EvalError> {
    match encoding {
        Encoding::String => std::str::from_utf8(bytes)
            .map(|text| Value::Text(Cow::Borrowed(text)))
            .map_err(|err| EvalError::invalid_program(format!("text is not UTF-8: {err}"))),
        Encoding::Wkb => Geom::from_wkb(0, bytes)
            .map(Value::Geometry)
            .map_err(|err| leaf_error(consumer, err, bytes)),
        Encoding::SridWkb => {
            let (srid, wkb) = bytes.split_first_chunk::<4>().ok_or_else(|| {
                leaf_error(
                    consumer,
                    GeomError::InvalidWkb("missing SRID".into()),
                    bytes,
                )
            })?;
            Geom::from_wkb(i32::from_le_bytes(*srid), wkb)
                .map(Value::Geometry)
                .map_err(|err| leaf_error(consumer, err, wkb))
        }
        Encoding::Boolean | Encoding::Double => Err(EvalError::invalid_program(format!(
            "{encoding:?} is not a byte encoding"
        ))),
    }
}

pub(crate) fn leaf_error(consumer: Consumer, error: GeomError, bytes: &[u8]) -> EvalError {
    let value = format!("{} = {}", consumer.param, preview::bytes(bytes));
    EvalError::new(
        ErrorKind::InvalidArgument,
        consumer.function,
        error.to_string(),
        Some(value),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use strabo_functions::KernelError;

    fn panicking_kernel(_: &Args) -> Result<Option<Value<'static>>, KernelError> {
        panic!("kernel bug")
    }

    /// No registered kernel is known to panic, so this swaps one in to show how a panic is
    /// reported: as an error of kind `Panic` that names the function, not as an unwind.
    #[test]
    fn a_panicking_kernel_becomes_an_error_naming_its_function() {
        let mut program = Program::compile(
            r#"{"inputs": ["double", "double"], "constants": [], "output": "double", "nodes": [
                {"function": "st_point", "args": [{"input": 0}, {"input": 1}]},
                {"function": "st_x", "args": [{"node": 0}]}]}"#,
            &[],
        )
        .unwrap();
        program.nodes[1].kernel = panicking_kernel;
        let row = crate::row::RowWriter::default()
            .double(1.0)
            .double(2.0)
            .finish();
        let err = program.eval_row(&row).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Panic);
        assert_eq!(err.to_string(), "st_x: internal error: kernel bug");
    }
}
