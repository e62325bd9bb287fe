package io.strabo.spark.store

import org.apache.arrow.c.{ArrowArray, ArrowSchema, Data}
import org.apache.arrow.memory.BufferAllocator
import org.apache.spark.TaskContext
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.connector.read.{InputPartition, PartitionReader, PartitionReaderFactory}
import org.apache.spark.sql.strabo.SparkInternals
import org.apache.spark.sql.types.{GeometryType, StructType}
import org.apache.spark.sql.vectorized.{ArrowColumnVector, ColumnVector, ColumnarBatch}

import io.strabo.spark.execution.ArrowColumn
import io.strabo.spark.jni.StoreNative

/** Reads planned files as Arrow batches, columnar only. */
class StraboReaderFactory(store: StoreOptions, featureType: String, required: StructType, filter: String, limit: Int)
    extends PartitionReaderFactory {

  override def supportColumnarReads(partition: InputPartition): Boolean = true

  override def createReader(partition: InputPartition): PartitionReader[InternalRow] =
    throw new UnsupportedOperationException("Strabo's store is read in columnar batches")

  override def createColumnarReader(partition: InputPartition): PartitionReader[ColumnarBatch] =
    new StraboPartitionReader(store, featureType, required, partition.asInstanceOf[StraboPartition].files, filter, limit)
}

/**
 * The matching rows of a partition's files, one file after another, as Rust hands them over:
 * each batch's columns are imported through the C Data Interface, without a copy, and freed
 * when the next batch comes. `limit` (if not negative) applies to each file; Spark applies it
 * overall.
 */
class StraboPartitionReader(
    store: StoreOptions,
    featureType: String,
    required: StructType,
    files: Seq[String],
    filter: String,
    limit: Int)
    extends PartitionReader[ColumnarBatch] {

  private val allocator: BufferAllocator =
    SparkInternals.arrowAllocator(s"strabo-scan-${Option(TaskContext.get()).map(_.taskAttemptId()).getOrElse(0L)}")

  /** A count reads no column, but a batch needs one to carry its row count. */
  private val columns: Seq[String] =
    if (required.isEmpty) Seq(StoreSchema.sparkSchema(StoreOptions.mapper.readTree(featureType)).head.name)
    else required.fieldNames.toSeq

  private val names = {
    val array = StoreOptions.mapper.createArrayNode()
    columns.foreach(array.add)
    array.toString
  }
  private val remaining = files.iterator
  /** The open file's scan, 0 when none is open. */
  private var cursor = 0L

  private var vectors: Seq[ColumnVector] = Nil
  private var current: ColumnarBatch = _

  override def next(): Boolean = {
    vectors.foreach(_.close())
    vectors = Nil
    while (true) {
      if (cursor == 0) {
        if (!remaining.hasNext) return false
        cursor = StoreNative.scanOpen(store.location.json, featureType, remaining.next(), names, filter, limit)
      }
      if (nextBatch()) return true
      StoreNative.scanClose(cursor)
      cursor = 0
    }
    false
  }

  /** Imports the open file's next batch; false after its last. */
  private def nextBatch(): Boolean = {
    val arrays = columns.map(_ => ArrowArray.allocateNew(allocator))
    val schemas = columns.map(_ => ArrowSchema.allocateNew(allocator))
    try {
      val rows = StoreNative.scanNext(cursor, arrays.map(_.memoryAddress()).toArray, schemas.map(_.memoryAddress()).toArray)
      if (rows < 0) return false
      val imported = columns.indices.map(i => Data.importVector(allocator, arrays(i), schemas(i), null))
      vectors = imported.zipWithIndex.map { case (vector, i) =>
        if (required.isEmpty) new ArrowColumnVector(vector)
        else required.fields(i).dataType match {
          case g: GeometryType => new ArrowColumn(g, vector)
          case _ => new ArrowColumnVector(vector)
        }
      }
      current = new ColumnarBatch(if (required.isEmpty) Array.empty else vectors.toArray, rows)
      true
    } finally {
      (arrays ++ schemas).foreach(_.close())
    }
  }

  override def get(): ColumnarBatch = current

  override def close(): Unit = {
    vectors.foreach(_.close())
    vectors = Nil
    if (cursor != 0) StoreNative.scanClose(cursor)
    cursor = 0
    allocator.close()
  }
}
