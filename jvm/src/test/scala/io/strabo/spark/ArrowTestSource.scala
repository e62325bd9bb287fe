package io.strabo.spark

import java.util

import org.apache.arrow.vector.Float8Vector
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.connector.catalog.{SupportsRead, Table, TableCapability, TableProvider}
import org.apache.spark.sql.connector.expressions.Transform
import org.apache.spark.sql.connector.read._
import org.apache.spark.sql.strabo.SparkInternals
import org.apache.spark.sql.types.{DoubleType, StructField, StructType}
import org.apache.spark.sql.util.CaseInsensitiveStringMap
import org.apache.spark.sql.vectorized.{ArrowColumnVector, ColumnarBatch}

/**
 * A test-only columnar source whose batches are Arrow vectors, as Strabo's store will give:
 * columns `x` and `y`, `rows` rows in batches of `batch`, with x = i % 100 and y = i % 37.
 */
class ArrowTestSource extends TableProvider {
  override def inferSchema(options: CaseInsensitiveStringMap): StructType = ArrowTestSource.schema

  override def getTable(schema: StructType, partitioning: Array[Transform], properties: util.Map[String, String]): Table =
    new Table with SupportsRead {
      override def name(): String = "arrow-test"
      override def schema(): StructType = ArrowTestSource.schema
      override def capabilities(): util.Set[TableCapability] = util.EnumSet.of(TableCapability.BATCH_READ)
      override def newScanBuilder(options: CaseInsensitiveStringMap): ScanBuilder = () => new ArrowScan(
        options.getLong("rows", 10000), options.getInt("batch", 1000))
    }
}

object ArrowTestSource {
  val schema: StructType = StructType(Seq(StructField("x", DoubleType), StructField("y", DoubleType)))
}

private class ArrowScan(rows: Long, batch: Int) extends Scan with Batch {
  override def readSchema(): StructType = ArrowTestSource.schema
  override def toBatch: Batch = this
  override def planInputPartitions(): Array[InputPartition] = Array(new InputPartition {})
  override def createReaderFactory(): PartitionReaderFactory = new ArrowReaderFactory(rows, batch)
}

private class ArrowReaderFactory(rows: Long, batch: Int) extends PartitionReaderFactory {
  override def supportColumnarReads(partition: InputPartition): Boolean = true

  override def createReader(partition: InputPartition): PartitionReader[InternalRow] =
    throw new UnsupportedOperationException("columnar only")

  override def createColumnarReader(partition: InputPartition): PartitionReader[ColumnarBatch] =
    new PartitionReader[ColumnarBatch] {
      private val allocator = SparkInternals.arrowAllocator("arrow-test-source")
      private val x = new Float8Vector("x", allocator)
      private val y = new Float8Vector("y", allocator)
      private var done = 0L

      override def next(): Boolean = done < rows

      override def get(): ColumnarBatch = {
        val count = math.min(batch.toLong, rows - done).toInt
        x.reset()
        y.reset()
        (0 until count).foreach { i =>
          x.setSafe(i, ((done + i) % 100).toDouble)
          y.setSafe(i, ((done + i) % 37).toDouble)
        }
        x.setValueCount(count)
        y.setValueCount(count)
        done += count
        new ColumnarBatch(Array(new ArrowColumnVector(x), new ArrowColumnVector(y)), count)
      }

      override def close(): Unit = {
        x.close()
        y.close()
        allocator.close()
      }
    }
}
