package io.strabo.spark.execution

import org.apache.arrow.c.{ArrowArray, ArrowSchema, Data}
import org.apache.arrow.vector._
import org.apache.spark.{SparkContext, TaskContext}
import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{Attribute, Expression, LeafExpression, Literal, Unevaluable}
import org.apache.spark.sql.execution.{SparkPlan, UnaryExecNode}
import org.apache.spark.sql.execution.metric.{SQLMetric, SQLMetrics}
import org.apache.spark.sql.strabo.{ArrowMemory, SparkInternals}
import org.apache.spark.sql.types._
import org.apache.spark.sql.vectorized.{ArrowColumnVector, ColumnVector, ColumnarBatch}

import io.strabo.spark.FunctionSpec
import io.strabo.spark.expressions.{CompiledProgram, InputType, ProgramCompiler, StraboFunction}

/**
 * Evaluates Strabo calls over the columnar batches of its child, one native call per batch:
 * the calls' input columns cross to Rust as Arrow arrays through the C Data Interface (an Arrow
 * column, such as Strabo's own, without a copy), and each result comes back as an Arrow array.
 * The output batch is the child's columns followed by one column per call.
 */
case class StraboEvalExec(calls: Seq[StraboFunction], results: Seq[Attribute], child: SparkPlan)
    extends UnaryExecNode {

  override def output: Seq[Attribute] = child.output ++ results

  override def supportsColumnar: Boolean = true

  override protected def doExecute(): RDD[InternalRow] =
    throw new IllegalStateException(s"$nodeName produces columnar batches only")

  override lazy val metrics: Map[String, SQLMetric] = StraboEvalExec.metricsOf(sparkContext)

  override def simpleString(maxFields: Int): String = StraboEvalExec.describe(calls, results)

  override protected def doExecuteColumnar(): RDD[ColumnarBatch] = {
    val compiled = ProgramCompiler.compile(calls)
    val ordinals = StraboEvalExec.inputOrdinals(compiled, child)
    val metrics = this.metrics
    child.executeColumnar().mapPartitions { batches =>
      val evaluator = new BatchEvaluator(compiled, ordinals, metrics)
      batches.map(evaluator.evaluate)
    }
  }

  override protected def withNewChildInternal(newChild: SparkPlan): StraboEvalExec = copy(child = newChild)
}

object StraboEvalExec {
  private val ShownChars = 60

  def metricsOf(sparkContext: SparkContext): Map[String, SQLMetric] = Map(
    "numOutputRows" -> SQLMetrics.createMetric(sparkContext, "number of output rows"),
    "numBatches" -> SQLMetrics.createMetric(sparkContext, "number of batches"),
    "copiedInputs" -> SQLMetrics.createMetric(sparkContext, "input columns copied into Arrow"),
    "nativeTime" -> SQLMetrics.createNanoTimingMetric(sparkContext, "time in native code"),
    "peakMemory" -> SQLMetrics.createSizeMetric(sparkContext, "peak Arrow memory"))

  /** How `explain` shows an evaluation of `calls` into `results`. */
  def describe(calls: Seq[StraboFunction], results: Seq[Attribute]): String =
    s"StraboEval [${calls.zip(results).map { case (call, result) =>
      s"${readable(call).sql} AS ${result.name}#${result.exprId.id}" }.mkString(", ")}]"

  /** The position in `child`'s output of each input column of `compiled`. */
  def inputOrdinals(compiled: CompiledProgram, child: SparkPlan): Seq[Int] = compiled.inputs.map { input =>
    val attribute = input.expression.asInstanceOf[Attribute]
    val ordinal = child.output.indexWhere(_.exprId == attribute.exprId)
    require(ordinal >= 0, s"$attribute is not a column of ${child.nodeName}")
    ordinal
  }

  /**
   * `call` as `explain` shows it: Spark prints a geometry literal as the object that holds it,
   * so each is shown as its WKT instead (EWKT when it has an SRID), cut short.
   */
  def readable(call: Expression): Expression = call.transformUp {
    case literal @ Literal(value, geometry: GeometryType) if value != null =>
      val asText = FunctionSpec.lookup("st_asText").get
      val wkt = StraboFunction(asText, Seq(literal)).eval(null).toString
      val text = if (geometry.srid == 0) wkt else s"SRID=${geometry.srid};$wkt"
      ShownGeometry(if (text.length <= ShownChars) text else text.take(ShownChars) + "...", geometry)
  }

  /** A geometry literal as `explain` shows it; never evaluated. */
  private case class ShownGeometry(text: String, dataType: DataType) extends LeafExpression with Unevaluable {
    override def nullable: Boolean = false
    override def sql: String = s"GEOMETRY '$text'"
    override def toString: String = sql
  }
}

/** One task's evaluation of a program over batches. */
private final class BatchEvaluator(compiled: CompiledProgram, ordinals: Seq[Int], metrics: Map[String, SQLMetric]) {
  private val task = TaskContext.get()
  private val allocator = SparkInternals.arrowAllocator(s"strabo-eval-${task.taskAttemptId()}")
  private val memory = new ArrowMemory(task, allocator, metrics("peakMemory"))
  private val program = compiled.source.open()
  /** Arrow copies of input columns that are not Arrow already, made on first need. */
  private val copies = new Array[ColumnWriter](ordinals.length)
  /** The results of the last batch, closed when the next batch is made. */
  private var previous: Seq[ColumnVector] = Nil

  task.addTaskCompletionListener[Unit] { _ =>
    previous.foreach(_.close())
    copies.filter(_ != null).foreach(_.close())
    memory.release()
    allocator.close()
  }

  def evaluate(batch: ColumnarBatch): ColumnarBatch = {
    previous.foreach(_.close())
    val rows = batch.numRows()
    val inputs = ordinals.indices.map(i => input(batch, i, rows))
    val outArrays = compiled.outputs.map(_ => ArrowArray.allocateNew(allocator))
    val outSchemas = compiled.outputs.map(_ => ArrowSchema.allocateNew(allocator))
    try {
      ArrowExport.exported(allocator, inputs) { (arrays, schemas) =>
        val start = System.nanoTime()
        program.evalBatch(
          rows, arrays, schemas, outArrays.map(_.memoryAddress()).toArray, outSchemas.map(_.memoryAddress()).toArray)
        metrics("nativeTime") += System.nanoTime() - start
      }
      previous = compiled.outputs.indices.map { i =>
        new ArrowColumn(compiled.outputs(i), Data.importVector(allocator, outArrays(i), outSchemas(i), null))
      }
    } finally {
      // Importing moved the outputs out of their structs (or they were never filled).
      (outArrays ++ outSchemas).foreach(_.close())
    }
    memory.update()
    metrics("numBatches") += 1
    metrics("numOutputRows") += rows
    new ColumnarBatch(((0 until batch.numCols()).map(batch.column) ++ previous).toArray, rows)
  }

  /** Input `i` of the program as an Arrow vector: the column itself if it is one of the right type. */
  private def input(batch: ColumnarBatch, i: Int, rows: Int): FieldVector = {
    val column = batch.column(ordinals(i))
    val inputType = compiled.inputs(i).inputType
    val arrow = column match {
      case c: ArrowColumn => Some(c.vector)
      case c: ArrowColumnVector if inputType != InputType.GeometryIn => Some(c.getValueVector)
      case _ => None
    }
    arrow.filter(BatchEvaluator.fits(_, inputType)) match {
      case Some(vector: FieldVector) => vector
      case _ =>
        if (copies(i) == null) copies(i) = ColumnWriter(s"input$i", column.dataType(), allocator)
        val writer = copies(i)
        writer.reset()
        writer.copy(column, rows)
        writer.finish(rows)
        metrics("copiedInputs") += 1
        writer.vector
    }
  }
}

private object BatchEvaluator {
  /** Whether an Arrow vector has the layout the native side reads for an input type. */
  def fits(vector: ValueVector, inputType: InputType): Boolean = (inputType, vector) match {
    case (InputType.BooleanIn, _: BitVector) => true
    case (InputType.IntIn, _: IntVector) => true
    case (InputType.LongIn, _: BigIntVector) => true
    case (InputType.DoubleIn, _: Float8Vector) => true
    case (InputType.StringIn, _: VarCharVector) => true
    case (InputType.BinaryIn | InputType.WkbIn | InputType.GeometryIn, _: VarBinaryVector) => true
    case (_: InputType.NestedIn, _: complex.ListVector | _: complex.StructVector) => true
    case _ => false
  }
}
