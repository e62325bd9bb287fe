package io.strabo.spark.expressions

import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult
import org.apache.spark.sql.catalyst.expressions.Expression
import org.apache.spark.sql.catalyst.expressions.codegen._
import org.apache.spark.sql.catalyst.expressions.codegen.Block._
import org.apache.spark.sql.types._

import io.strabo.spark.FunctionSpec
import io.strabo.spark.jni.NativeProgram

/**
 * Every scalar Strabo SQL function: one generic Catalyst expression, parameterised by its
 * registry entry. In a `Project` or `Filter`, Strabo's planner strategy evaluates it over
 * Arrow batches (see `io.strabo.spark.execution`); where no batch can be formed (a join
 * condition, a sort key, …) it is evaluated here, a row at a time, by the same native
 * program: the whole tree of nested Strabo calls under the outermost one, which generated
 * code opens once per task.
 */
case class StraboFunction(spec: FunctionSpec, children: Seq[Expression]) extends Expression with RegistryCall {

  override def foldable: Boolean = children.forall(_.foldable)

  override def checkInputDataTypes(): TypeCheckResult = {
    val types = super.checkInputDataTypes()
    val nonConstant = children.indices.collectFirst {
      case i if signature.param(i).constant && !children(i).foldable => signature.param(i).name
    }
    val sridsOfTypes =
      Types.argumentGeometries(signature, children).filterNot(_.isMixedSrid).map(_.srid).distinct
    if (types.isFailure) {
      types
    } else if (nonConstant.isDefined) {
      TypeCheckResult.TypeCheckFailure(s"${spec.name}: ${nonConstant.get} must be a constant (a literal)")
    } else if (sridsOfTypes.size > 1) {
      TypeCheckResult.TypeCheckFailure(
        s"${spec.name} needs geometries with one SRID, got ${sridsOfTypes.mkString(" and ")}; " +
          "use st_setSRID to align them")
    } else {
      TypeCheckResult.TypeCheckSuccess
    }
  }

  override protected def withNewChildrenInternal(newChildren: IndexedSeq[Expression]): Expression =
    copy(children = newChildren)

  @transient private lazy val compiled: CompiledProgram = ProgramCompiler.compile(Seq(this))

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
        case value => leaf.inputType.put(program, value)
      }
    }
    dataType match {
      case BooleanType => nullOr(program, program.evalBoolean())
      case IntegerType => nullOr(program, program.evalInt())
      case LongType => nullOr(program, program.evalLong())
      case DoubleType => nullOr(program, program.evalDouble())
      case other => Option(program.evalBytes()).map(Results.fromBytes(_, other)).orNull
    }
  }

  private def nullOr(program: NativeProgram, value: Any): Any = if (program.wasNull()) null else value

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
        |  ${leaf.inputType.genPut(program, value.value.toString)}
        |}""".stripMargin
    }
    val javaType = CodeGenerator.javaType(dataType)
    val primitive = dataType match {
      case BooleanType => Some("evalBoolean")
      case IntegerType => Some("evalInt")
      case LongType => Some("evalLong")
      case DoubleType => Some("evalDouble")
      case _ => None
    }
    val call = primitive match {
      case Some(method) =>
        s"""${ev.value} = $program.$method();
           |${ev.isNull} = $program.wasNull();""".stripMargin
      case None =>
        val bytes = ctx.freshName("bytes")
        val wrap = dataType match {
          case _: GeometryType => GeometryValues.genWrap(bytes)
          case _: StringType => s"org.apache.spark.unsafe.types.UTF8String.fromBytes($bytes)"
          case BinaryType => bytes
          case nested =>
            val results = Results.getClass.getName + ".MODULE$"
            s"($javaType) $results.fromBytes($bytes, ${ctx.addReferenceObj("resultType", nested)})"
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
