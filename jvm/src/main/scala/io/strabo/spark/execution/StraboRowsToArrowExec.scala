package io.strabo.spark.execution

import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.Attribute
import org.apache.spark.sql.execution.{RowToColumnarTransition, SparkPlan}
import org.apache.spark.sql.execution.metric.{SQLMetric, SQLMetrics}
import org.apache.spark.sql.types.DataType
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
    val size = StraboConf.batchSize(conf)
    val schema = child.output.map(a => (a.name, a.dataType))
    val metrics = this.metrics
    child.execute().mapPartitions { rows =>
      val batch = new ArrowBatchOfRows(schema, metrics("peakMemory"))
      Iterator.continually(batch.fill(rows, size)).takeWhile(_ > 0).map { count =>
        metrics("numInputRows") += count
        metrics("numOutputBatches") += 1
        batch.columnar(count)
      }
    }
  }

  override protected def withNewChildInternal(newChild: SparkPlan): StraboRowsToArrowExec = copy(child = newChild)
}

/** One task's rows in Arrow batches, for a columnar operator. */
private final class ArrowBatchOfRows(schema: Seq[(String, DataType)], peakMemory: SQLMetric)
    extends ArrowRowBatch("strabo-rows", schema, peakMemory) {
  /** The first `rows` rows written, as Spark's columnar batch. */
  def columnar(rows: Int): ColumnarBatch = new ColumnarBatch(finish(rows), rows)
}
