package io.strabo.spark.execution

import scala.jdk.CollectionConverters._

import org.apache.spark.TaskContext
import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{Attribute, AttributeSet, UnsafeProjection}
import org.apache.spark.sql.catalyst.expressions.codegen._
import org.apache.spark.sql.catalyst.expressions.codegen.Block._
import org.apache.spark.sql.execution.{CodegenSupport, SparkPlan, UnaryExecNode}
import org.apache.spark.sql.execution.metric.SQLMetric
import org.apache.spark.sql.strabo.{ArrowMemory, SparkInternals}
import org.apache.spark.sql.types.DataType
import org.apache.spark.sql.vectorized.ColumnarBatch

import io.strabo.spark.expressions.{CompiledProgram, ProgramCompiler, StraboFunction}

/**
 * Evaluates Strabo calls over rows inside Spark's whole-stage generated code, one native call
 * per batch as [[StraboEvalExec]] does over columnar batches. Each row's values go from the
 * generated code's variables straight into Arrow vectors: no `UnsafeRow` is made and no
 * iterator stands between the operators below and this one. When `spark.strabo.batch.size`
 * rows are in, the batch crosses to Rust, and its rows go on to the operators above, in the same
 * generated code, reading their values back from the vectors and the results from Rust's.
 *
 * Planned in place of a [[StraboEvalExec]] whose input and output Spark turned from and into
 * rows ([[StraboColumnarRule]]). Without generated code (it is off, or the stage's code would be
 * too large), rows are written to the same vectors one field at a time.
 */
case class StraboEvalRowsExec(calls: Seq[StraboFunction], results: Seq[Attribute], child: SparkPlan)
    extends UnaryExecNode
    with CodegenSupport {

  override def output: Seq[Attribute] = child.output ++ results

  override lazy val metrics: Map[String, SQLMetric] = StraboEvalExec.metricsOf(sparkContext)

  override def simpleString(maxFields: Int): String = StraboEvalExec.describe(calls, results)

  private def batches: RowBatches = {
    val compiled = ProgramCompiler.compile(calls)
    RowBatches(
      compiled,
      StraboEvalExec.inputOrdinals(compiled, child),
      child.output.map(a => (a.name, a.dataType)),
      StraboConf.batchSize(conf),
      metrics)
  }

  override protected def doExecute(): RDD[InternalRow] = {
    val batches = this.batches
    val types = output.map(_.dataType).toArray
    child.execute().mapPartitions { rows =>
      val batch = batches.open()
      val project = UnsafeProjection.create(types)
      Iterator
        .continually(batch.fill(rows))
        .takeWhile(_ > 0)
        .flatMap(count => batch.evaluate(count).rowIterator().asScala.map(project))
    }
  }

  override def inputRDDs(): Seq[RDD[InternalRow]] = child.asInstanceOf[CodegenSupport].inputRDDs()

  // A row that completes a batch brings out the batch's rows at once.
  override def needCopyResult: Boolean = true

  // Every column is written to the batch: the output carries them all.
  override def usedInputs: AttributeSet = child.outputSet

  /** The generated variable that counts the rows of the batch being filled. */
  private var rowCount: String = _
  private var writers: Seq[String] = Nil
  private var flush: String = _

  override protected def doProduce(ctx: CodegenContext): String = {
    val factory = ctx.addReferenceObj("straboBatches", batches)
    val batch = ctx.addMutableState(classOf[RowBatch].getName, "straboBatch",
      v => s"$v = $factory.open();", forceInline = true)
    writers = child.output.indices.map { i =>
      ctx.addMutableState(classOf[ColumnWriter].getName, "straboWriter",
        v => s"$v = $batch.writer($i);", forceInline = true)
    }
    rowCount = ctx.addMutableState(CodeGenerator.JAVA_INT, "straboRows", forceInline = true)

    val evaluated = ctx.freshName("evaluated")
    val row = ctx.freshName("row")
    val columns = output.map(_ => ctx.freshName("column"))
    ctx.currentVars = null
    ctx.INPUT_ROW = null
    val outputVars = output.zip(columns).map { case (attribute, column) =>
      val isNull = ctx.freshName("isNull")
      val value = ctx.freshName("value")
      val dataType = attribute.dataType
      val read = CodeGenerator.getValueFromVector(column, dataType, row)
      ExprCode(
        code"""
          |boolean $isNull = $column.isNullAt($row);
          |${CodeGenerator.javaType(dataType)} $value = $isNull ? ${CodeGenerator.defaultValue(dataType)} : ($read);
        """.stripMargin,
        JavaCode.isNullVariable(isNull),
        JavaCode.variable(value, dataType))
    }
    val columnClass = classOf[org.apache.spark.sql.vectorized.ColumnVector].getName
    val flushName = ctx.freshName("evaluateStraboBatch")
    flush = ctx.addNewFunction(flushName,
      s"""
         |private void $flushName() throws java.io.IOException {
         |  ${classOf[ColumnarBatch].getName} $evaluated = $batch.evaluate($rowCount);
         |  ${columns.zipWithIndex.map { case (c, i) => s"$columnClass $c = $evaluated.column($i);" }.mkString("\n")}
         |  for (int $row = 0; $row < $rowCount; $row++) {
         |    ${consume(ctx, outputVars)}
         |  }
         |  $batch.reset();
         |  $rowCount = 0;
         |}
       """.stripMargin)
    s"""
       |${child.asInstanceOf[CodegenSupport].produce(ctx, this)}
       |if ($rowCount > 0) $flush();
     """.stripMargin
  }

  override def doConsume(ctx: CodegenContext, input: Seq[ExprCode], row: ExprCode): String = {
    val writes = child.output.zip(input).zip(writers).map { case ((attribute, value), writer) =>
      s"""
         |if (${value.isNull}) $writer.putNull($rowCount);
         |else ${ColumnWriter.genPut(writer, attribute.dataType, rowCount, value.value.toString)}
       """.stripMargin
    }
    s"""
       |${evaluateVariables(input)}
       |${writes.mkString}
       |if (++$rowCount == ${StraboConf.batchSize(conf)}) $flush();
     """.stripMargin
  }

  override protected def withNewChildInternal(newChild: SparkPlan): StraboEvalRowsExec = copy(child = newChild)
}

object StraboEvalRowsExec {
  /** Whether rows of these columns can be written and read back by generated code. */
  def serves(columns: Seq[Attribute]): Boolean = columns.forall(a => ColumnWriter.writesValues(a.dataType))
}

/** What a task needs to evaluate a program over batches of rows: made on the driver. */
case class RowBatches(
    compiled: CompiledProgram,
    ordinals: Seq[Int],
    schema: Seq[(String, DataType)],
    batchSize: Int,
    metrics: Map[String, SQLMetric]) {
  def open(): RowBatch = new RowBatch(this)
}

/** One task's batch of rows, written into Arrow vectors reused from batch to batch. */
final class RowBatch(spec: RowBatches) {
  private val task = TaskContext.get()
  private val allocator = SparkInternals.arrowAllocator(s"strabo-rows-${task.taskAttemptId()}")
  private val memory = new ArrowMemory(task, allocator, spec.metrics("peakMemory"))
  private val writers = spec.schema.map { case (name, dataType) => ColumnWriter(name, dataType, allocator) }.toArray
  private val evaluator = new BatchEvaluator(spec.compiled, spec.ordinals, spec.metrics)

  task.addTaskCompletionListener[Unit] { _ =>
    writers.foreach(_.close())
    memory.release()
    allocator.close()
  }

  def writer(column: Int): ColumnWriter = writers(column)

  /** Empties the batch, then writes the next rows of `rows` into it, as many as fit; returns how many. */
  def fill(rows: Iterator[InternalRow]): Int = {
    reset()
    var count = 0
    while (count < spec.batchSize && rows.hasNext) {
      val row = rows.next()
      var column = 0
      while (column < writers.length) {
        writers(column).write(row, column, count)
        column += 1
      }
      count += 1
    }
    count
  }

  /**
   * Evaluates the program over the first `rows` rows written: the batch of their columns then
   * the results, valid until the next call.
   */
  def evaluate(rows: Int): ColumnarBatch = {
    writers.foreach(_.finish(rows))
    memory.update()
    evaluator.evaluate(new ColumnarBatch(writers.map(_.column), rows))
  }

  /** Empties the vectors for the next batch, keeping their memory. */
  def reset(): Unit = writers.foreach(_.reset())
}
