package io.strabo.spark.execution

import org.apache.spark.TaskContext
import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.Attribute
import org.apache.spark.sql.execution.{RowToColumnarTransition, SparkPlan}
import org.apache.spark.sql.execution.metric.{SQLMetric, SQLMetrics}
import org.apache.spark.sql.strabo.{ArrowMemory, SparkInternals}
import org.apache.spark.sql.vectorized.ColumnarBatch

/**
 * Turns rows into Arrow batches for [[StraboEvalExec]], in place of Spark's `RowToColumnarExec`
 * (whose columns are not Arrow): a batch of `spark.strabo.batch.size` rows at a time, into
 * vectors reused from batch to batch.
 */
case class StraboRowsToArrowExec(child: SparkPlan) extends RowToColumnarTransition {

  override def output: Seq[Attribute] = child.output

  override def supportsColumnar: Boolean = true

  override protected def doExecute(): RDD[InternalRow] = child.execute()

  override lazy val metrics: Map[String, SQLMetric] = Map(
    "numInputRows" -> SQLMetrics.createMetric(sparkContext, "number of input rows"),
    "numOutputBatches" -> SQLMetrics.createMetric(sparkContext, "number of output batches"),
    "peakMemory" -> SQLMetrics.createSizeMetric(sparkContext, "peak Arrow memory"))

  override protected def doExecuteColumnar(): RDD[ColumnarBatch] = {
    val batchSize = StraboConf.batchSize(conf)
    val schema = child.output.map(a => (a.name, a.dataType))
    val metrics = this.metrics
    child.execute().mapPartitions { rows =>
      val task = TaskContext.get()
      val allocator = SparkInternals.arrowAllocator(s"strabo-rows-${task.taskAttemptId()}")
      val memory = new ArrowMemory(task, allocator, metrics("peakMemory"))
      val writers = schema.map { case (name, dataType) => ColumnWriter(name, dataType, allocator) }.toArray
      task.addTaskCompletionListener[Unit] { _ =>
        writers.foreach(_.close())
        memory.release()
        allocator.close()
      }
      new Iterator[ColumnarBatch] {
        override def hasNext: Boolean = rows.hasNext

        override def next(): ColumnarBatch = {
          writers.foreach(_.reset())
          var count = 0
          while (count < batchSize && rows.hasNext) {
            val row = rows.next()
            var column = 0
            while (column < writers.length) {
              writers(column).write(row, column, count)
              column += 1
            }
            count += 1
          }
          writers.foreach(_.finish(count))
          memory.update()
          metrics("numInputRows") += count
          metrics("numOutputBatches") += 1
          new ColumnarBatch(writers.map(_.column), count)
        }
      }
    }
  }

  override protected def withNewChildInternal(newChild: SparkPlan): StraboRowsToArrowExec = copy(child = newChild)
}
