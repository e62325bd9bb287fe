//! Programs: a fused tree of Strabo calls, compiled once per task into bound batch kernels.
//!
//! The JVM describes a program in JSON: its inputs (columns, each with its type and, for
//! geometries, its encoding), its constants (packed as one row in the JVM's layout), its nodes
//! (calls, each naming a function, the signature the JVM resolved and its operands) and its
//! outputs. For example `st_contains(<polygon literal>, st_point(x, y))` is
//!
//! ```json
//! {"inputs": [{"type": "double"}, {"type": "double"}],
//!  "constants": [{"type": "geometry", "encoding": "srid_wkb"}],
//!  "nodes": [{"function": "st_point", "signature": 0, "args": [{"input": 0}, {"input": 1}]},
//!            {"function": "st_contains", "signature": 0, "args": [{"constant": 0}, {"node": 0}]}],
//!  "outputs": [1]}
//! ```
//!
//! Compiling checks every operand against its parameter, decodes the constants and binds each
//! node, so that literal geometries are parsed and indexed here, once. An input read by more
//! than one operand is one input: a geometry input is then parsed once per batch for all its
//! readers.
use serde::Deserialize;
use strabo_columnar::row::decode_scalars;
use strabo_columnar::{GeomEncoding, Physical, Scalar};
use strabo_functions::lookup;
use strabo_kernel::{
    BatchFn, BindArgs, BindError, BoundArg, FunctionSpec, Implementation, Signature, SqlType,
};

use crate::{preview, ErrorKind, EvalError};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProgramSpec {
    inputs: Vec<TypeSpec>,
    constants: Vec<TypeSpec>,
    nodes: Vec<NodeSpec>,
    #[serde(default)]
    outputs: Vec<usize>,
    /// For an aggregate program: the aggregate call, whose operands the nodes compute.
    #[serde(default)]
    pub(crate) aggregate: Option<NodeSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TypeSpec {
    /// A scalar type's name, or a nested type as the registry writes it:
    /// `{"array": item}`, `{"struct": [{"name": …, "type": …}]}`.
    #[serde(rename = "type")]
    ty: serde_json::Value,
    #[serde(default)]
    encoding: Option<String>,
    #[serde(default)]
    srid: i32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NodeSpec {
    function: String,
    signature: usize,
    args: Vec<Operand>,
}

impl NodeSpec {
    pub(crate) fn args(&self) -> &[Operand] {
        &self.args
    }
}

/// Where an argument comes from.
#[derive(Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Operand {
    Input(usize),
    Constant(usize),
    /// The result of an earlier node.
    Node(usize),
}

impl TypeSpec {
    fn physical(&self) -> Result<Physical, EvalError> {
        let Some(name) = self.ty.as_str() else {
            return match self.encoding {
                None => Ok(Physical::Nested(nested_type(&self.ty)?)),
                Some(_) => Err(EvalError::invalid_program(
                    "a nested type has no encoding: its geometries are in Spark's layout",
                )),
            };
        };
        Ok(match (name, self.encoding.as_deref()) {
            ("boolean", None) => Physical::Boolean,
            ("int", None) => Physical::Int,
            ("bigint", None) => Physical::BigInt,
            ("double", None) => Physical::Double,
            ("string", None) => Physical::String,
            ("binary", None) => Physical::Binary,
            ("geometry", Some("wkb")) => Physical::Geometry(GeomEncoding::Wkb { srid: self.srid }),
            ("geometry", Some("srid_wkb")) => Physical::Geometry(GeomEncoding::SridWkb),
            (ty, encoding) => {
                return Err(EvalError::invalid_program(format!(
                    "unknown type {ty} with encoding {encoding:?}"
                )))
            }
        })
    }
}

/// A nested type as the registry writes it (see `TypeSpec`).
fn nested_type(value: &serde_json::Value) -> Result<SqlType, EvalError> {
    let bad = || EvalError::invalid_program(format!("unknown type {value}"));
    if let Some(name) = value.as_str() {
        return Ok(match name {
            "boolean" => SqlType::Boolean,
            "int" => SqlType::Int,
            "bigint" => SqlType::BigInt,
            "double" => SqlType::Double,
            "string" => SqlType::String,
            "binary" => SqlType::Binary,
            "geometry" => SqlType::Geometry,
            _ => return Err(bad()),
        });
    }
    if let Some(item) = value.get("array") {
        return Ok(SqlType::array_of(nested_type(item)?));
    }
    let fields = value
        .get("struct")
        .and_then(|f| f.as_array())
        .ok_or_else(bad)?;
    let fields = fields
        .iter()
        .map(|field| {
            let name = field.get("name").and_then(|n| n.as_str()).ok_or_else(bad)?;
            let ty = field.get("type").ok_or_else(bad)?;
            Ok((name.to_string(), nested_type(ty)?))
        })
        .collect::<Result<Vec<_>, EvalError>>()?;
    Ok(SqlType::struct_of(&fields))
}

pub(crate) struct Node {
    pub(crate) spec: &'static FunctionSpec,
    pub(crate) signature: &'static Signature,
    pub(crate) operands: Vec<Operand>,
    pub(crate) kernel: Box<dyn BatchFn>,
}

/// What compiling produces, before the program's own bookkeeping is added.
pub(crate) struct Compiled {
    pub(crate) inputs: Vec<Physical>,
    pub(crate) constants: Vec<Scalar>,
    pub(crate) constant_used: Vec<bool>,
    pub(crate) nodes: Vec<Node>,
    pub(crate) outputs: Vec<usize>,
    /// For each input, the (node, argument) pairs that read it; `None` for the aggregate call.
    pub(crate) readers: Vec<Vec<(Option<usize>, usize)>>,
}

pub(crate) fn parse(program_json: &str) -> Result<ProgramSpec, EvalError> {
    serde_json::from_str(program_json)
        .map_err(|err| EvalError::invalid_program(format!("bad program description: {err}")))
}

pub(crate) fn compile(spec: &ProgramSpec, constant_buffer: &[u8]) -> Result<Compiled, EvalError> {
    let inputs: Vec<Physical> = spec
        .inputs
        .iter()
        .map(TypeSpec::physical)
        .collect::<Result<_, _>>()?;
    let constant_types: Vec<Physical> = spec
        .constants
        .iter()
        .map(TypeSpec::physical)
        .collect::<Result<_, _>>()?;
    let constants = decode_scalars(&constant_types, constant_buffer)
        .map_err(|e| EvalError::invalid_program(e.0))?;
    let mut readers = vec![Vec::new(); inputs.len()];
    let mut constant_used = vec![false; constants.len()];
    let mut nodes: Vec<Node> = Vec::with_capacity(spec.nodes.len());
    for (index, node) in spec.nodes.iter().enumerate() {
        let (function, signature) = resolve(node, false)?;
        let bound = check_operands(
            function,
            signature,
            &node.args,
            &inputs,
            &constants,
            &nodes,
            |input, arg| readers[input].push((Some(index), arg)),
            &mut constant_used,
        )?;
        let Implementation::Scalar(bind) = signature.implementation else {
            unreachable!("resolve returns scalar signatures")
        };
        let kernel = bind(&BindArgs::with_srid(&bound, signature.srid))
            .map_err(|err| bind_error(function, signature, &node.args, &constants, err))?;
        nodes.push(Node {
            spec: function,
            signature,
            operands: node.args.clone(),
            kernel,
        });
    }
    for &output in &spec.outputs {
        if output >= nodes.len() {
            return Err(EvalError::invalid_program(format!(
                "there is no node {output}"
            )));
        }
    }
    Ok(Compiled {
        inputs,
        constants,
        constant_used,
        nodes,
        outputs: spec.outputs.clone(),
        readers,
    })
}

impl Compiled {
    /// Every input and constant must be read: otherwise the JVM and the library disagree.
    pub(crate) fn check_all_used(&self) -> Result<(), EvalError> {
        if let Some(i) = self.readers.iter().position(Vec::is_empty) {
            return Err(EvalError::invalid_program(format!(
                "input {i} is never used"
            )));
        }
        if let Some(c) = self.constant_used.iter().position(|used| !used) {
            return Err(EvalError::invalid_program(format!(
                "constant {c} is never used"
            )));
        }
        Ok(())
    }
}

/// The function and signature a node names.
pub(crate) fn resolve(
    node: &NodeSpec,
    aggregate: bool,
) -> Result<(&'static FunctionSpec, &'static Signature), EvalError> {
    let function = lookup(&node.function)
        .ok_or_else(|| EvalError::invalid_program(format!("unknown function {}", node.function)))?;
    let signature = function.signatures.get(node.signature).ok_or_else(|| {
        EvalError::invalid_program(format!(
            "{} has no signature {}",
            function.name, node.signature
        ))
    })?;
    match (signature.implementation, aggregate) {
        (Implementation::Scalar(_), false) | (Implementation::Aggregate(_), true) => {}
        (Implementation::Spark, _) => {
            return Err(EvalError::invalid_program(format!(
                "{} is Spark's function, not Strabo's",
                function.name
            )))
        }
        (Implementation::Join, _) => {
            return Err(EvalError::new(
                ErrorKind::InvalidArgument,
                function.name,
                format!(
                    "{} is a join condition: it pairs each row with the nearest rows of another \
                     table, as in `a JOIN b ON {}(a.geom, b.geom, k)`, and has no value on its own",
                    function.name, function.name
                ),
                None,
            ))
        }
        _ => {
            return Err(EvalError::invalid_program(format!(
                "{} is {} an aggregate",
                function.name,
                if aggregate { "not" } else { "" }
            )))
        }
    }
    if !signature.arity().contains(&node.args.len()) {
        return Err(EvalError::invalid_program(format!(
            "{} takes {:?} arguments, got {}",
            function.name,
            signature.arity(),
            node.args.len()
        )));
    }
    Ok((function, signature))
}

/// Checks each operand against its parameter and describes it for binding.
#[allow(clippy::too_many_arguments)]
pub(crate) fn check_operands(
    function: &FunctionSpec,
    signature: &Signature,
    operands: &[Operand],
    inputs: &[Physical],
    constants: &[Scalar],
    nodes: &[Node],
    mut read_input: impl FnMut(usize, usize),
    constant_used: &mut [bool],
) -> Result<Vec<BoundArg>, EvalError> {
    operands
        .iter()
        .enumerate()
        .map(|(arg, operand)| {
            let param = signature.param(arg).ok_or_else(|| {
                EvalError::invalid_program(format!("{} takes no argument {arg}", function.name))
            })?;
            let (ty, bound) = match *operand {
                Operand::Input(i) => {
                    let physical = *inputs.get(i).ok_or_else(|| {
                        EvalError::invalid_program(format!("there is no input {i}"))
                    })?;
                    read_input(i, arg);
                    (physical.sql_type(), BoundArg::Column(physical))
                }
                Operand::Constant(c) => {
                    let scalar = constants.get(c).ok_or_else(|| {
                        EvalError::invalid_program(format!("there is no constant {c}"))
                    })?;
                    constant_used[c] = true;
                    (param.ty, BoundArg::Constant(scalar.clone()))
                }
                Operand::Node(n) => {
                    let earlier = nodes.get(n).ok_or_else(|| {
                        EvalError::invalid_program(format!("node {n} is not an earlier node"))
                    })?;
                    let ty = earlier.signature.returns;
                    (ty, BoundArg::Column(Physical::of(ty)))
                }
            };
            if ty != param.ty {
                return Err(EvalError::invalid_program(format!(
                    "{} argument {} must be {}, got {}",
                    function.name,
                    param.name,
                    param.ty.sql(),
                    ty.sql()
                )));
            }
            if param.constant && !matches!(operand, Operand::Constant(_)) {
                return Err(EvalError::invalid_program(format!(
                    "{} argument {} must be a constant",
                    function.name, param.name
                )));
            }
            Ok(bound)
        })
        .collect()
}

/// A bad constant is the user's error, named like a bad row value; anything else is ours.
pub(crate) fn bind_error(
    function: &FunctionSpec,
    signature: &Signature,
    operands: &[Operand],
    constants: &[Scalar],
    err: BindError,
) -> EvalError {
    match err {
        BindError::Constant { arg, error } => {
            let value = match operands.get(arg) {
                Some(Operand::Constant(c)) => preview::scalar(&constants[*c]),
                _ => "?".into(),
            };
            let param = signature.param(arg).map_or("?", |p| p.name);
            EvalError::new(
                ErrorKind::InvalidArgument,
                function.name,
                error.to_string(),
                Some(format!("{param} = {value}")),
            )
        }
        BindError::Program(message) => {
            EvalError::new(ErrorKind::InvalidProgram, function.name, message, None)
        }
    }
}
