package io.strabo.spark.expressions

import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult
import org.apache.spark.sql.catalyst.expressions.Expression
import org.apache.spark.sql.catalyst.expressions.codegen._
import org.apache.spark.sql.catalyst.expressions.codegen.Block._
import org.apache.spark.sql.strabo.GeometryAwareInputTypes
import org.apache.spark.sql.types._
import org.apache.spark.unsafe.types.UTF8String

import io.strabo.spark.FunctionSpec
import io.strabo.spark.jni.NativeProgram

/**
 * Every Strabo SQL function: one generic Catalyst expression, parameterised by its registry
 * entry. Evaluation compiles the whole tree of nested Strabo calls under the outermost one
 * into a single native program (see [[ProgramCompiler]]); generated code opens it once per task
 * and makes one JNI call per row.
 */
case class StraboFunction(spec: FunctionSpec, children: Seq[Expression])
    extends Expression
    with GeometryAwareInputTypes {

  override def prettyName: String = spec.name

  // Plans print the call, not the registry entry the expression carries.
  override protected def flatArguments: Iterator[Any] = children.iterator
  override def stringArgs: Iterator[Any] = children.iterator

  override def nullable: Boolean = true

  override def foldable: Boolean = children.forall(_.foldable)

  override protected def parameterTypes: Seq[Option[DataType]] =
    spec.params.map(p => if (p.kind == "geometry") None else Some(StraboFunction.sqlType(p.kind)))

  override def checkInputDataTypes(): TypeCheckResult = {
    val types = super.checkInputDataTypes()
    if (types.isFailure) {
      types
    } else {
      val sridsOfTypes = geometryArguments.map(_.dataType).collect {
        case g: GeometryType if !g.isMixedSrid => g.srid
      }.distinct
      if (sridsOfTypes.size > 1) {
        TypeCheckResult.TypeCheckFailure(
          s"${spec.name} needs geometries with one SRID, got ${sridsOfTypes.mkString(" and ")}; " +
            "use st_setSRID to align them")
      } else {
        TypeCheckResult.TypeCheckSuccess
      }
    }
  }

  /** A geometry keeps the type, and so the SRID, of its geometry argument; constructors give 0. */
  override lazy val dataType: DataType = spec.returns match {
    case "geometry" =>
      geometryArguments.map(_.dataType).collectFirst { case g: GeometryType => g }.getOrElse(GeometryType(0))
    case kind => StraboFunction.sqlType(kind)
  }

  private def geometryArguments: Seq[Expression] =
    spec.params.zip(children).collect { case (p, child) if p.kind == "geometry" => child }

  override protected def withNewChildrenInternal(newChildren: IndexedSeq[Expression]): Expression =
    copy(children = newChildren)

  @transient private lazy val compiled: CompiledProgram = ProgramCompiler.compile(this)

  /** The interpreted path's program: reopened if a task that used this instance completed. */
  @transient private var interpreted: NativeProgram = _

  // One lock guards both the program's row buffer and its reopening.
  override def eval(input: InternalRow): Any = synchronized {
    if (interpreted == null || interpreted.isClosed) {
      interpreted = compiled.source.open()
    }
    val program = interpreted
    program.begin()
    compiled.inputs.foreach { leaf =>
      leaf.expression.eval(input) match {
        case null => program.putNull()
        case value => leaf.encoding.put(program, value)
      }
    }
    compiled.output match {
      case Encoding.Boolean =>
        val result = program.evalBoolean()
        if (program.wasNull()) null else result
      case Encoding.Double =>
        val result = program.evalDouble()
        if (program.wasNull()) null else result
      case Encoding.Text => Option(program.evalBytes()).map(UTF8String.fromBytes).orNull
      case Encoding.SridWkb => Option(program.evalBytes()).map(GeometryValues.wrap).orNull
      case other => throw StraboFunction.notAResult(other)
    }
  }

  override protected def doGenCode(ctx: CodegenContext, ev: ExprCode): ExprCode = {
    val program = ctx.addMutableState(
      classOf[NativeProgram].getName,
      "straboProgram",
      v => s"$v = ${ctx.addReferenceObj("straboSource", compiled.source)}.open();")
    val writeInputs = compiled.inputs.map { leaf =>
      val value = leaf.expression.genCode(ctx)
      code"""
        |${value.code}
        |if (${value.isNull}) {
        |  $program.putNull();
        |} else {
        |  ${leaf.encoding.genPut(program, value.value.toString)}
        |}""".stripMargin
    }
    val javaType = CodeGenerator.javaType(dataType)
    val call = compiled.output match {
      case Encoding.Boolean | Encoding.Double =>
        val method = if (compiled.output == Encoding.Boolean) "evalBoolean" else "evalDouble"
        s"""${ev.value} = $program.$method();
           |${ev.isNull} = $program.wasNull();""".stripMargin
      case encoding =>
        val bytes = ctx.freshName("bytes")
        val wrap = encoding match {
          case Encoding.Text => s"${classOf[UTF8String].getName}.fromBytes($bytes)"
          case Encoding.SridWkb => GeometryValues.genWrap(bytes)
          case other => throw StraboFunction.notAResult(other)
        }
        s"""byte[] $bytes = $program.evalBytes();
           |${ev.isNull} = $bytes == null;
           |if (!${ev.isNull}) {
           |  ${ev.value} = $wrap;
           |}""".stripMargin
    }
    ev.copy(code = code"""
      |$program.begin();
      |${writeInputs.foldLeft(EmptyBlock: Block)(_ + _)}
      |boolean ${ev.isNull} = false;
      |$javaType ${ev.value} = ${CodeGenerator.defaultValue(dataType)};
      |$call""".stripMargin)
  }
}

object StraboFunction {
  /** SQL results are booleans, doubles, strings or `GEOMETRY`s; plain WKB is an input only. */
  private def notAResult(encoding: Encoding) =
    new IllegalStateException(s"${encoding.name} is not a SQL result encoding")

  def sqlType(kind: String): DataType = kind match {
    case "boolean" => BooleanType
    case "int" => IntegerType
    case "double" => DoubleType
    case "string" => StringType
    case "binary" => BinaryType
    case "geometry" => GeometryType(0)
    case other => throw new IllegalArgumentException(s"unknown registry kind $other")
  }
}
