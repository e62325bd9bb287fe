package io.strabo.spark.execution

import org.apache.spark.TaskContext
import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{Attribute, AttributeSet}
import org.apache.spark.sql.catalyst.expressions.codegen._
import org.apache.spark.sql.catalyst.expressions.codegen.Block._
import org.apache.spark.sql.execution.{CodegenSupport, SparkPlan}
import org.apache.spark.sql.execution.metric.SQLMetric
import org.apache.spark.sql.strabo.{ArrowMemory, SparkInternals}
import org.apache.spark.sql.types.DataType
import org.apache.spark.sql.vectorized.ColumnVector

/**
 * An operator of Spark's generated code that takes the rows of one child a batch at a time:
 * each row's values go from the generated code's variables straight into Arrow vectors (no
 * `UnsafeRow`, no iterator between the operators), and when `spark.strabo.batch.size` rows are
 * in (or the input ends), [[genBatch]]'s code runs once over the batch, in a method of its own,
 * and hands its rows to the operators above: several output rows for one input row, as Spark's
 * hash join does for a key with several matches.
 */
trait RowBatching extends CodegenSupport {
  /** The child whose rows are batched. */
  protected def batchedChild: SparkPlan

  /** Made on the driver; opens each task's [[ArrowRowBatch]] of `batchedChild`'s columns. */
  protected def batchFactory: BatchFactory

  /**
   * Generated code run once a batch of `rows` rows is in `batch` (the task's [[ArrowRowBatch]],
   * of the class `batchFactory` opens): it evaluates the batch and consumes its output rows.
   */
  protected def genBatch(ctx: CodegenContext, batch: String, rows: String): String

  override def inputRDDs(): Seq[RDD[InternalRow]] = batchedChild.asInstanceOf[CodegenSupport].inputRDDs()

  // A row that completes a batch brings out the batch's rows at once.
  override def needCopyResult: Boolean = true

  // Every column is written to the batch.
  override def usedInputs: AttributeSet = batchedChild.outputSet

  /** The generated variables of the rows in the batch, each column's writer, and the method. */
  private var rowCount: String = _
  private var writers: Seq[String] = Nil
  private var flush: String = _

  override protected def doProduce(ctx: CodegenContext): String = {
    val factory = ctx.addReferenceObj("straboBatches", batchFactory)
    val batchClass = batchFactory.batchClass.getName
    val batch = ctx.addMutableState(batchClass, "straboBatch", v => s"$v = ($batchClass) $factory.open();",
      forceInline = true)
    writers = batchedChild.output.indices.map { i =>
      ctx.addMutableState(classOf[ColumnWriter].getName, "straboWriter", v => s"$v = $batch.writer($i);",
        forceInline = true)
    }
    rowCount = ctx.addMutableState(CodeGenerator.JAVA_INT, "straboRows", forceInline = true)
    val flushName = ctx.freshName("straboBatchDone")
    flush = ctx.addNewFunction(flushName,
      s"""
         |private void $flushName() throws java.io.IOException {
         |  ${genBatch(ctx, batch, rowCount)}
         |  $batch.reset();
         |  $rowCount = 0;
         |}
       """.stripMargin)
    s"""
       |${batchedChild.asInstanceOf[CodegenSupport].produce(ctx, this)}
       |if ($rowCount > 0) $flush();
     """.stripMargin
  }

  override def doConsume(ctx: CodegenContext, input: Seq[ExprCode], row: ExprCode): String = {
    val writes = batchedChild.output.zip(input).zip(writers).map { case ((attribute, value), writer) =>
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

  /**
   * Variables reading row `row` of `columns` (Java `ColumnVector` variables), one per attribute;
   * a column that cannot be NULL is not asked.
   */
  protected def genColumnReads(
      ctx: CodegenContext,
      attributes: Seq[Attribute],
      columns: Seq[String],
      row: String): Seq[ExprCode] =
    attributes.zip(columns).map { case (attribute, column) =>
      val isNull = if (attribute.nullable) s"$column.isNullAt($row)" else "false"
      genRead(ctx, attribute.dataType, isNull, CodeGenerator.getValueFromVector(column, attribute.dataType, row))
    }

  /** Variables reading `row`'s fields (a Java `InternalRow` variable), one per attribute. */
  protected def genRowReads(ctx: CodegenContext, attributes: Seq[Attribute], row: String): Seq[ExprCode] =
    attributes.zipWithIndex.map { case (attribute, i) =>
      val isNull = if (attribute.nullable) s"$row.isNullAt($i)" else "false"
      genRead(ctx, attribute.dataType, isNull, CodeGenerator.getValue(row, attribute.dataType, i.toString))
    }

  private def genRead(ctx: CodegenContext, dataType: DataType, readNull: String, read: String): ExprCode = {
    val isNull = ctx.freshName("isNull")
    val value = ctx.freshName("value")
    ExprCode(
      code"""
        |boolean $isNull = $readNull;
        |${CodeGenerator.javaType(dataType)} $value = $isNull ? ${CodeGenerator.defaultValue(dataType)} : ($read);
      """.stripMargin,
      JavaCode.isNullVariable(isNull),
      JavaCode.variable(value, dataType))
  }
}

object RowBatching {
  /** Whether rows of these columns can be written by generated code and read back. */
  def serves(columns: Seq[Attribute]): Boolean = columns.forall(a => ColumnWriter.writesValues(a.dataType))
}

/** Opens a task's [[ArrowRowBatch]]: made on the driver, serialized into the generated code. */
trait BatchFactory extends Serializable {
  def batchClass: Class[_ <: ArrowRowBatch]
  def open(): ArrowRowBatch
}

/**
 * One task's batch of rows of `schema`, written into Arrow vectors reused from batch to batch,
 * by generated code (through each column's [[ColumnWriter]]) or a row at a time ([[fill]]).
 */
abstract class ArrowRowBatch(name: String, schema: Seq[(String, DataType)], peakMemory: SQLMetric) {
  protected val task: TaskContext = TaskContext.get()
  protected val allocator = SparkInternals.arrowAllocator(s"$name-${task.taskAttemptId()}")
  private val memory = new ArrowMemory(task, allocator, peakMemory)
  private val writers = schema.map { case (column, dataType) => ColumnWriter(column, dataType, allocator) }.toArray

  task.addTaskCompletionListener[Unit] { _ =>
    writers.foreach(_.close())
    memory.release()
    allocator.close()
  }

  def writer(column: Int): ColumnWriter = writers(column)

  /** Empties the batch, then writes the next rows of `rows` into it, up to `size`; returns how many. */
  def fill(rows: Iterator[InternalRow], size: Int): Int = {
    reset()
    var count = 0
    while (count < size && rows.hasNext) {
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

  /** Ends a batch of the first `rows` rows written: its columns, valid until [[reset]]. */
  protected def finish(rows: Int): Array[ColumnVector] = {
    writers.foreach(_.finish(rows))
    memory.update()
    writers.map(_.column)
  }

  /** Empties the vectors for the next batch, keeping their memory. */
  def reset(): Unit = writers.foreach(_.reset())
}
