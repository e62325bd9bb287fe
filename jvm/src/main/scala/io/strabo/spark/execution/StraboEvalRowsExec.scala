package io.strabo.spark.execution

import scala.jdk.CollectionConverters._

import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{Attribute, UnsafeProjection}
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext
import org.apache.spark.sql.execution.{SparkPlan, UnaryExecNode}
import org.apache.spark.sql.execution.metric.SQLMetric
import org.apache.spark.sql.types.DataType
import org.apache.spark.sql.vectorized.{ColumnVector, ColumnarBatch}

import io.strabo.spark.expressions.{CompiledProgram, ProgramCompiler, StraboFunction}

/**
 * Evaluates Strabo calls over rows inside Spark's whole-stage generated code, one native call
 * per batch as [[StraboEvalExec]] does over columnar batches ([[RowBatching]]): each batch's
 * rows go on to the operators above, in the same generated code, reading their values back
 * from the vectors and the results from Rust's.
 *
 * Planned in place of a [[StraboEvalExec]] whose input and output Spark turned from and into
 * rows ([[StraboColumnarRule]]). Without generated code (it is off, or the stage's code would be
 * too large), rows are written to the same vectors one field at a time.
 */
case class StraboEvalRowsExec(calls: Seq[StraboFunction], results: Seq[Attribute], child: SparkPlan)
    extends UnaryExecNode
    with RowBatching {

  override def output: Seq[Attribute] = child.output ++ results

  override lazy val metrics: Map[String, SQLMetric] = StraboEvalExec.metricsOf(sparkContext)

  override def simpleString(maxFields: Int): String = StraboEvalExec.describe(calls, results)

  override protected def batchedChild: SparkPlan = child

  override protected lazy val batchFactory: EvalBatches = {
    val compiled = ProgramCompiler.compile(calls)
    EvalBatches(compiled, StraboEvalExec.inputOrdinals(compiled, child), child.output.map(a => (a.name, a.dataType)), metrics)
  }

  override protected def doExecute(): RDD[InternalRow] = {
    val batches = batchFactory
    val size = StraboConf.batchSize(conf)
    val types = output.map(_.dataType).toArray
    child.execute().mapPartitions { rows =>
      val batch = batches.open()
      val project = UnsafeProjection.create(types)
      Iterator
        .continually(batch.fill(rows, size))
        .takeWhile(_ > 0)
        .flatMap(count => batch.evaluate(count).rowIterator().asScala.map(project))
    }
  }

  override protected def genBatch(ctx: CodegenContext, batch: String, rows: String): String = {
    val evaluated = ctx.freshName("evaluated")
    val row = ctx.freshName("row")
    val columns = output.map(_ => ctx.freshName("column"))
    ctx.currentVars = null
    ctx.INPUT_ROW = null
    val outputVars = genColumnReads(ctx, output, columns, row)
    val columnClass = classOf[ColumnVector].getName
    s"""
       |${classOf[ColumnarBatch].getName} $evaluated = $batch.evaluate($rows);
       |${columns.zipWithIndex.map { case (c, i) => s"$columnClass $c = $evaluated.column($i);" }.mkString("\n")}
       |for (int $row = 0; $row < $rows; $row++) {
       |  ${consume(ctx, outputVars)}
       |}
     """.stripMargin
  }

  override protected def withNewChildInternal(newChild: SparkPlan): StraboEvalRowsExec = copy(child = newChild)
}

/** What a task needs to evaluate a program over batches of rows: made on the driver. */
case class EvalBatches(
    compiled: CompiledProgram,
    ordinals: Seq[Int],
    schema: Seq[(String, DataType)],
    metrics: Map[String, SQLMetric])
    extends BatchFactory {
  override def batchClass: Class[EvalBatch] = classOf[EvalBatch]
  override def open(): EvalBatch = new EvalBatch(this)
}

/** One task's batch of rows, and the program it evaluates over them. */
final class EvalBatch(spec: EvalBatches) extends ArrowRowBatch("strabo-rows", spec.schema, spec.metrics("peakMemory")) {
  private val evaluator = new BatchEvaluator(spec.compiled, spec.ordinals, spec.metrics)

  /**
   * Evaluates the program over the first `rows` rows written: the batch of their columns then
   * the results, valid until the next call.
   */
  def evaluate(rows: Int): ColumnarBatch = evaluator.evaluate(new ColumnarBatch(finish(rows), rows))
}
