//! Running programs: one pass over the nodes per batch, each node one call to its bound kernel.
use std::panic::{catch_unwind, AssertUnwindSafe};

use arrow_array::ArrayRef;
use smallvec::SmallVec;
use strabo_columnar::row::RowsDecoder;
use strabo_columnar::{ColumnView, Physical, Scalar};
use strabo_geom::CachedGeom;
use strabo_kernel::{
    BindArgs, FunctionSpec, GroupsAccumulator, Implementation, RowError, Signature,
};

use crate::program::{self, bind_error, check_operands, compile, resolve, Node, Operand};
use crate::{preview, ErrorKind, EvalError};

/// A compiled program, bound to its constants. It is used by one thread at a time (its
/// kernels keep their output buffers from batch to batch), and compiled once per task.
pub struct Program {
    inputs: Vec<Physical>,
    constants: Vec<Scalar>,
    nodes: Vec<Node>,
    outputs: Vec<usize>,
    /// Per input: decode it once per batch, for its several readers.
    shared: Vec<bool>,
    /// Per input: the node and argument that read it first, named when it cannot be read.
    first_reader: Vec<(Option<usize>, usize)>,
    rows: RowsDecoder,
    row_value: Vec<u8>,
}

/// One row's result, as the per-row JNI calls return it.
#[derive(Debug, PartialEq)]
pub enum RowValue<'a> {
    Null,
    Boolean(bool),
    Int(i32),
    BigInt(i64),
    Double(f64),
    /// A string, binary or geometry value; for an array, its encoding in the row layout.
    Bytes(&'a [u8]),
}

impl Program {
    /// Compiles a program from its JSON description and its constants, packed as one row in
    /// the JVM's layout (see `strabo_columnar::row`).
    pub fn compile(program_json: &str, constant_buffer: &[u8]) -> Result<Program, EvalError> {
        let spec = program::parse(program_json)?;
        if spec.aggregate.is_some() {
            return Err(EvalError::invalid_program(
                "an aggregate program is not a scalar one",
            ));
        }
        let compiled = compile(&spec, constant_buffer)?;
        compiled.check_all_used()?;
        if compiled.outputs.is_empty() {
            return Err(EvalError::invalid_program("a program needs an output"));
        }
        Ok(Program::new(
            compiled.inputs,
            compiled.constants,
            compiled.nodes,
            compiled.outputs,
            &compiled.readers,
        ))
    }

    fn new(
        inputs: Vec<Physical>,
        constants: Vec<Scalar>,
        nodes: Vec<Node>,
        outputs: Vec<usize>,
        readers: &[Vec<(Option<usize>, usize)>],
    ) -> Program {
        let shared = inputs
            .iter()
            .zip(readers)
            .map(|(ty, readers)| matches!(ty, Physical::Geometry(_)) && readers.len() > 1)
            .collect();
        let first_reader = readers
            .iter()
            .map(|r| r.first().copied().unwrap_or((None, 0)))
            .collect();
        Program {
            rows: RowsDecoder::new(inputs.clone()),
            inputs,
            constants,
            nodes,
            outputs,
            shared,
            first_reader,
            row_value: Vec::new(),
        }
    }

    pub fn inputs(&self) -> &[Physical] {
        &self.inputs
    }

    /// The SQL type of each output.
    pub fn output_types(&self) -> Vec<strabo_kernel::SqlType> {
        self.outputs
            .iter()
            .map(|&n| self.nodes[n].signature.returns)
            .collect()
    }

    /// Evaluates a batch of `rows` rows, one Arrow array per input, and returns one array per
    /// output. Geometries come back as Binary arrays of Spark's layout (SRID, then ISO WKB).
    pub fn eval_arrays(
        &mut self,
        arrays: &[ArrayRef],
        rows: usize,
    ) -> Result<Vec<ArrayRef>, EvalError> {
        if arrays.len() != self.inputs.len() {
            return Err(EvalError::invalid_program(format!(
                "{} arrays for {} inputs",
                arrays.len(),
                self.inputs.len()
            )));
        }
        let views = arrays
            .iter()
            .zip(&self.inputs)
            .map(|(array, &ty)| {
                if array.len() != rows {
                    return Err(EvalError::invalid_program(format!(
                        "an array of {} rows in a batch of {rows}",
                        array.len()
                    )));
                }
                strabo_columnar::arrow::view(array, ty).map_err(|e| EvalError::invalid_program(e.0))
            })
            .collect::<Result<SmallVec<[ColumnView; 8]>, _>>()?;
        run_nodes(
            &mut self.nodes,
            &self.constants,
            &self.shared,
            &self.first_reader,
            &views,
            rows,
        )?;
        Ok(self
            .outputs
            .iter()
            .map(|&n| self.nodes[n].kernel.output_mut().take_array())
            .collect())
    }

    /// Evaluates one row packed in the JVM's layout; a program evaluated per row has one output.
    pub fn eval_row(&mut self, buffer: &[u8]) -> Result<RowValue<'_>, EvalError> {
        self.rows
            .decode(buffer, 1)
            .map_err(|e| EvalError::invalid_program(e.0))?;
        let views: SmallVec<[ColumnView; 3]> = self.rows.views().collect();
        run_nodes(
            &mut self.nodes,
            &self.constants,
            &self.shared,
            &self.first_reader,
            &views,
            1,
        )?;
        let output = self.nodes[self.outputs[0]].kernel.output();
        self.row_value.clear();
        output.encode(0, &mut self.row_value);
        row_value(
            &self.row_value,
            self.nodes[self.outputs[0]].signature.returns,
        )
    }
}

/// Reads back one value encoded in the row layout.
fn row_value(encoded: &[u8], ty: strabo_kernel::SqlType) -> Result<RowValue<'_>, EvalError> {
    use strabo_kernel::SqlType;
    let bad = || EvalError::invalid_program("a result was encoded short");
    let Some((&flag, value)) = encoded.split_first() else {
        return Err(bad());
    };
    if flag != 0 {
        return Ok(RowValue::Null);
    }
    Ok(match ty {
        SqlType::Boolean => RowValue::Boolean(*value.first().ok_or_else(bad)? != 0),
        SqlType::Int => RowValue::Int(i32::from_le_bytes(value.try_into().map_err(|_| bad())?)),
        SqlType::BigInt => {
            RowValue::BigInt(i64::from_le_bytes(value.try_into().map_err(|_| bad())?))
        }
        SqlType::Double => {
            RowValue::Double(f64::from_le_bytes(value.try_into().map_err(|_| bad())?))
        }
        SqlType::String | SqlType::Binary | SqlType::Geometry => {
            RowValue::Bytes(value.get(4..).ok_or_else(bad)?)
        }
        SqlType::Array(_) | SqlType::Struct(_) => RowValue::Bytes(value),
    })
}

/// Evaluates every node over `rows` rows of `inputs`.
fn run_nodes(
    nodes: &mut [Node],
    constants: &[Scalar],
    shared: &[bool],
    first_reader: &[(Option<usize>, usize)],
    inputs: &[ColumnView<'_>],
    rows: usize,
) -> Result<(), EvalError> {
    // Geometry inputs with several readers are parsed once, here.
    let caches: SmallVec<[Option<Vec<Option<CachedGeom>>>; 8]> = if shared.contains(&true) {
        inputs
            .iter()
            .zip(shared)
            .enumerate()
            .map(|(i, (view, &shared))| match (view, shared) {
                (ColumnView::Geometry(geometry), true) => {
                    geometry.decode_all().map_err(|(row, error)| {
                        let (node, arg) = first_reader[i];
                        let function = node.map_or("strabo", |n| nodes[n].spec.name);
                        let param = node
                            .and_then(|n| nodes[n].signature.params.get(arg))
                            .map_or("?", |p| p.name);
                        EvalError::new(
                            ErrorKind::InvalidArgument,
                            function,
                            error.to_string(),
                            Some(format!("{param} = {}", preview::cell(view, row))),
                        )
                    })
                }
                _ => Ok(None),
            })
            .collect::<Result<_, _>>()?
    } else {
        SmallVec::new()
    };
    let cached: SmallVec<[ColumnView; 8]>;
    let views: &[ColumnView] = if caches.is_empty() {
        inputs
    } else {
        cached = inputs
            .iter()
            .zip(&caches)
            .map(|(view, cache)| match (view, cache) {
                (ColumnView::Geometry(geometry), Some(cache)) => {
                    let mut geometry = *geometry;
                    geometry.cache = Some(cache);
                    ColumnView::Geometry(geometry)
                }
                _ => *view,
            })
            .collect();
        &cached
    };
    for k in 0..nodes.len() {
        let (done, rest) = nodes.split_at_mut(k);
        let node = &mut rest[0];
        // Views of earlier nodes' outputs are made here; inputs are borrowed as they are.
        let outputs: SmallVec<[ColumnView; 2]> = node
            .operands
            .iter()
            .filter_map(|operand| match *operand {
                Operand::Node(j) => Some(done[j].kernel.output().view()),
                _ => None,
            })
            .collect();
        let mut next_output = outputs.iter();
        let args: SmallVec<[Option<&ColumnView>; 4]> = node
            .operands
            .iter()
            .map(|operand| match *operand {
                Operand::Input(i) => Some(&views[i]),
                Operand::Node(_) => next_output.next(),
                Operand::Constant(_) => None,
            })
            .collect();
        let kernel = &mut node.kernel;
        match catch_unwind(AssertUnwindSafe(|| kernel.eval(&args, rows))) {
            Ok(Ok(())) => {}
            Ok(Err(error)) => {
                return Err(row_error(
                    node.spec,
                    node.signature,
                    &node.operands,
                    constants,
                    &args,
                    error,
                ))
            }
            Err(payload) => return Err(panic_error(node.spec.name, payload)),
        }
    }
    Ok(())
}

/// A bad row value names the function, the parameter and the value.
fn row_error(
    function: &FunctionSpec,
    signature: &Signature,
    operands: &[Operand],
    constants: &[Scalar],
    args: &[Option<&ColumnView>],
    error: RowError,
) -> EvalError {
    let value = error.error.arg.map(|arg| {
        let param = signature.params.get(arg).map_or("?", |p| p.name);
        let shown = match (args.get(arg), operands.get(arg)) {
            (Some(Some(view)), _) => preview::cell(view, error.row),
            (_, Some(Operand::Constant(c))) => preview::scalar(&constants[*c]),
            _ => "?".into(),
        };
        format!("{param} = {shown}")
    });
    EvalError::new(
        ErrorKind::InvalidArgument,
        function.name,
        error.error.error.to_string(),
        value,
    )
}

fn panic_error(function: &str, payload: Box<dyn std::any::Any + Send>) -> EvalError {
    EvalError::new(
        ErrorKind::Panic,
        function,
        format!(
            "internal error: {}",
            strabo_panic::message(payload.as_ref())
        ),
        None,
    )
}

/// An aggregate call over the rows of its groups, whose arguments may be fused Strabo calls
/// (`st_extent(st_point(x, y))`): the nodes compute the arguments, batch by batch, and the
/// groups take them, every group a batch touches in one call.
pub struct AggregateProgram {
    program: Program,
    function: &'static FunctionSpec,
    signature: &'static Signature,
    operands: Vec<Operand>,
    groups: Box<dyn GroupsAccumulator>,
    /// Decodes the states other tasks sent, for merging.
    states: RowsDecoder,
}

impl AggregateProgram {
    pub fn compile(
        program_json: &str,
        constant_buffer: &[u8],
    ) -> Result<AggregateProgram, EvalError> {
        let spec = program::parse(program_json)?;
        let mut compiled = compile(&spec, constant_buffer)?;
        let call = spec.aggregate.as_ref().ok_or_else(|| {
            EvalError::invalid_program("an aggregate program needs its aggregate call")
        })?;
        let (function, signature) = resolve(call, true)?;
        let operands = call.args();
        if operands.iter().any(|op| matches!(op, Operand::Constant(_))) {
            return Err(EvalError::invalid_program(
                "the arguments of an aggregate are columns",
            ));
        }
        let mut constant_used = std::mem::take(&mut compiled.constant_used);
        let readers = &mut compiled.readers;
        let bound = check_operands(
            function,
            signature,
            operands,
            &compiled.inputs,
            &compiled.constants,
            &compiled.nodes,
            |input, arg| readers[input].push((None, arg)),
            &mut constant_used,
        )?;
        compiled.constant_used = constant_used;
        compiled.check_all_used()?;
        let Implementation::Aggregate(bind) = signature.implementation else {
            unreachable!("resolve returns aggregate signatures")
        };
        let groups = bind(&BindArgs::with_srid(&bound, signature.srid))
            .map_err(|err| bind_error(function, signature, operands, &compiled.constants, err))?;
        let states = RowsDecoder::new(groups.state_types());
        Ok(AggregateProgram {
            program: Program::new(
                compiled.inputs,
                compiled.constants,
                compiled.nodes,
                compiled.outputs,
                &compiled.readers,
            ),
            function,
            signature,
            operands: operands.to_vec(),
            groups,
            states,
        })
    }

    pub fn inputs(&self) -> &[Physical] {
        &self.program.inputs
    }

    /// Adds `rows` rows packed in the JVM's layout, row `i` to group `groups[i]`.
    pub fn update(&mut self, groups: &[u32], buffer: &[u8], rows: usize) -> Result<(), EvalError> {
        let program = &mut self.program;
        program
            .rows
            .decode(buffer, rows)
            .map_err(|e| EvalError::invalid_program(e.0))?;
        let views: SmallVec<[ColumnView; 4]> = program.rows.views().collect();
        run_nodes(
            &mut program.nodes,
            &program.constants,
            &program.shared,
            &program.first_reader,
            &views,
            rows,
        )?;
        let args: SmallVec<[ColumnView; 4]> = self
            .operands
            .iter()
            .map(|operand| match *operand {
                Operand::Input(i) => views[i],
                Operand::Node(j) => program.nodes[j].kernel.output().view(),
                Operand::Constant(_) => unreachable!("aggregate arguments are columns"),
            })
            .collect();
        let accumulator = &mut self.groups;
        match catch_unwind(AssertUnwindSafe(|| accumulator.update(groups, &args, rows))) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(error)) => Err(row_error(
                self.function,
                self.signature,
                &self.operands,
                &program.constants,
                &args.iter().map(Some).collect::<SmallVec<[_; 4]>>(),
                error,
            )),
            Err(payload) => Err(panic_error(self.function.name, payload)),
        }
    }

    /// Merges `rows` states packed one after another, as [`AggregateProgram::take_state`] gave
    /// them, state `i` into group `groups[i]`.
    pub fn merge(&mut self, groups: &[u32], states: &[u8], rows: usize) -> Result<(), EvalError> {
        let name = self.function.name;
        let decoder = &mut self.states;
        let accumulator = &mut self.groups;
        let corrupt = |message: String| {
            EvalError::new(
                ErrorKind::InvalidArgument,
                name,
                format!("corrupt aggregate state: {message}"),
                None,
            )
        };
        decoder.decode(states, rows).map_err(|e| corrupt(e.0))?;
        let views: SmallVec<[ColumnView; 8]> = decoder.views().collect();
        match catch_unwind(AssertUnwindSafe(|| accumulator.merge(groups, &views, rows))) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(error)) => Err(corrupt(error.error.error.to_string())),
            Err(payload) => Err(panic_error(name, payload)),
        }
    }

    /// Merges group `from` into group `into`, emptying `from`.
    pub fn merge_groups(&mut self, into: u32, from: u32) -> Result<(), EvalError> {
        guard(self.function, || self.groups.merge_groups(into, from))
    }

    /// The state of `group`, for another task, in the row layout of its fields; empties it.
    pub fn take_state(&mut self, group: u32) -> Result<Vec<u8>, EvalError> {
        guard(self.function, || {
            let mut out = Vec::new();
            self.groups.take_state(group, &mut out)?;
            Ok(out)
        })
    }

    /// The result of `group` in the row layout (a null flag, then the value); empties it.
    pub fn take_result(&mut self, group: u32) -> Result<Vec<u8>, EvalError> {
        guard(self.function, || {
            let mut out = Vec::new();
            self.groups.take_result(group, &mut out)?;
            Ok(out)
        })
    }
}

/// Runs a group operation of `function`, turning failures into errors that name it.
fn guard<T>(
    function: &FunctionSpec,
    operation: impl FnOnce() -> Result<T, strabo_geom::GeomError>,
) -> Result<T, EvalError> {
    match catch_unwind(AssertUnwindSafe(operation)) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(EvalError::new(
            ErrorKind::InvalidArgument,
            function.name,
            error.to_string(),
            None,
        )),
        Err(payload) => Err(panic_error(function.name, payload)),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow_array::cast::AsArray;
    use arrow_array::{Float64Array, Int32Array};
    use strabo_columnar::row::RowWriter;
    use strabo_kernel::{BatchFn, Output};

    use super::*;

    const CONTAINS_POINT: &str = r#"{
        "inputs": [{"type": "double"}, {"type": "double"}],
        "constants": [{"type": "geometry", "encoding": "srid_wkb"}],
        "nodes": [
            {"function": "st_point", "signature": 0, "args": [{"input": 0}, {"input": 1}]},
            {"function": "st_contains", "signature": 0, "args": [{"constant": 0}, {"node": 0}]}
        ],
        "outputs": [1]}"#;

    fn square() -> Vec<u8> {
        let mut out = 0i32.to_le_bytes().to_vec();
        strabo_geom::write_wkb(
            &strabo_geom::Rect::new(
                strabo_geom::Coord { x: 0., y: 0. },
                strabo_geom::Coord { x: 4., y: 4. },
            ),
            &mut out,
        );
        out
    }

    #[test]
    fn a_fused_tree_with_a_constant_on_both_paths() {
        let constants = RowWriter::default().bytes(&square()).finish();
        let mut program = Program::compile(CONTAINS_POINT, &constants).unwrap();
        let row = |program: &mut Program, x, y| {
            let buffer = RowWriter::default().double(x).double(y).finish();
            format!("{:?}", program.eval_row(&buffer).unwrap())
        };
        assert_eq!(row(&mut program, 1.0, 2.0), "Boolean(true)");
        assert_eq!(row(&mut program, 5.0, 2.0), "Boolean(false)");
        let null = RowWriter::default().null().double(1.0).finish();
        assert_eq!(program.eval_row(&null).unwrap(), RowValue::Null);
        let xs: ArrayRef = Arc::new(Float64Array::from(vec![Some(1.0), Some(5.0), None]));
        let ys: ArrayRef = Arc::new(Float64Array::from(vec![2.0, 2.0, 2.0]));
        let out = program.eval_arrays(&[xs, ys], 3).unwrap();
        let out = out[0].as_boolean();
        assert_eq!(
            out.iter().collect::<Vec<_>>(),
            [Some(true), Some(false), None]
        );
    }

    #[test]
    fn several_outputs_share_their_inputs() {
        let json = r#"{"inputs": [{"type": "geometry", "encoding": "wkb"}], "constants": [],
            "nodes": [{"function": "st_area", "signature": 0, "args": [{"input": 0}]},
                      {"function": "st_numPoints", "signature": 0, "args": [{"input": 0}]}],
            "outputs": [0, 1]}"#;
        let mut program = Program::compile(json, &[]).unwrap();
        assert_eq!(program.shared, [true]);
        let wkb: ArrayRef = Arc::new(arrow_array::BinaryArray::from(vec![&square()[4..]]));
        let out = program.eval_arrays(&[wkb], 1).unwrap();
        assert_eq!(
            out[0]
                .as_primitive::<arrow_array::types::Float64Type>()
                .value(0),
            16.0
        );
        assert_eq!(
            out[1]
                .as_primitive::<arrow_array::types::Int32Type>()
                .value(0),
            5
        );
    }

    #[test]
    fn a_bad_constant_names_the_parameter_when_the_program_is_compiled() {
        let json = r#"{"inputs": [{"type": "geometry", "encoding": "wkb"}],
            "constants": [{"type": "double"}, {"type": "string"}],
            "nodes": [{"function": "st_buffer", "signature": 0, "args": [{"input": 0}, {"constant": 0}, {"constant": 1}]}],
            "outputs": [0]}"#;
        let constants = RowWriter::default()
            .double(1.0)
            .bytes(b"join=pointy")
            .finish();
        let err = Program::compile(json, &constants).err().unwrap();
        assert_eq!(err.kind, ErrorKind::InvalidArgument);
        assert_eq!(
            err.to_string(),
            "st_buffer: invalid value 'pointy' for join; params = 'join=pointy'"
        );
    }

    #[test]
    fn inconsistent_programs_are_refused() {
        let node = |function: &str, args: &str| {
            format!(r#"{{"function": "{function}", "signature": 0, "args": [{args}]}}"#)
        };
        let program = |inputs: &str, nodes: &[String], outputs: &str| {
            format!(
                r#"{{"inputs": [{inputs}], "constants": [], "nodes": [{}], "outputs": {outputs}}}"#,
                nodes.join(",")
            )
        };
        let wkb = r#"{"type": "geometry", "encoding": "wkb"}"#;
        for bad in [
            program("", &[], "[]"),
            program(
                r#"{"type": "double"}"#,
                &[node("st_area", r#"{"input": 0}"#)],
                "[0]",
            ),
            program(wkb, &[node("st_area", r#"{"input": 0}"#)], "[1]"),
            program(wkb, &[node("st_geomFromWKB", r#"{"input": 0}"#)], "[0]"),
            program(
                &format!("{wkb}, {wkb}"),
                &[node("st_area", r#"{"input": 0}"#)],
                "[0]",
            ),
            program(wkb, &[node("st_nope", r#"{"input": 0}"#)], "[0]"),
            program(wkb, &[node("st_extent", r#"{"input": 0}"#)], "[0]"),
            program(
                wkb,
                &[
                    node("st_dump", r#"{"input": 0}"#),
                    node("st_area", r#"{"node": 0}"#),
                ],
                "[1]",
            ),
            program(
                wkb,
                &[node(
                    "st_buffer",
                    r#"{"input": 0}, {"input": 0}, {"input": 0}"#,
                )],
                "[0]",
            ),
            r#"{"inputs": [], "constants": [], "nodes": [], "outputs": [], "extra": 1}"#.into(),
        ] {
            let err = Program::compile(&bad, &[])
                .err()
                .unwrap_or_else(|| panic!("accepted {bad}"));
            assert_eq!(err.kind, ErrorKind::InvalidProgram, "{bad}: {err}");
        }
    }

    /// A kernel that panics, to check the report: the function, not a crash.
    struct Panicking(strabo_columnar::PrimBuf<f64>);

    impl BatchFn for Panicking {
        fn eval(&mut self, _: &[Option<&ColumnView<'_>>], _: usize) -> Result<(), RowError> {
            panic!("boom")
        }
        fn output(&self) -> &dyn Output {
            &self.0
        }
        fn output_mut(&mut self) -> &mut dyn Output {
            &mut self.0
        }
    }

    #[test]
    fn a_panicking_kernel_becomes_an_error_naming_the_function() {
        let area = strabo_functions::lookup("st_area").unwrap();
        let node = Node {
            spec: area,
            signature: &area.signatures[0],
            operands: vec![Operand::Input(0)],
            kernel: Box::new(Panicking(Default::default())),
        };
        let mut program = Program::new(
            vec![Physical::Int],
            vec![],
            vec![node],
            vec![0],
            &[vec![(Some(0), 0)]],
        );
        let ints: ArrayRef = Arc::new(Int32Array::from(vec![1]));
        let err = program.eval_arrays(&[ints], 1).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Panic);
        assert_eq!(err.to_string(), "st_area: internal error: boom");
    }
}
