package io.strabo.spark.store

import scala.jdk.CollectionConverters._

import org.apache.spark.{TaskContext, TaskKilledException}
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.connector.write._
import org.apache.spark.sql.strabo.SparkInternals
import org.apache.spark.sql.types.StructType

import io.strabo.spark.execution.{ArrowExport, ColumnWriter}
import io.strabo.spark.jni.StoreNative

/** `mode("append")` adds files; `mode("overwrite")` (a truncate) replaces them, in one commit. */
class StraboWriteBuilder(store: StoreOptions, schema: StructType) extends WriteBuilder with SupportsTruncate {
  private var overwrite = false

  override def truncate(): WriteBuilder = {
    overwrite = true
    this
  }

  override def build(): Write = new Write {
    override def toBatch: BatchWrite = new StraboBatchWrite(store, schema, overwrite)
  }
}

/**
 * What a write job begins with: its feature type (JSON) and the version it read (-1 for none).
 */
case class WriteBegun(featureType: String, readVersion: Long)

object WriteBegun {
  def apply(store: StoreOptions, schema: StructType): WriteBegun = {
    val begun = StoreOptions.mapper.readTree(
      StoreNative.beginWrite(store.location.json, store.feature, StoreSchema.hostColumns(schema), store.featureTypeOptionsJson))
    val version = begun.get("readVersion")
    WriteBegun(begun.get("featureType").toString, if (version.isNull) -1L else version.asLong)
  }
}

/** The files one task wrote (a JSON array). */
case class WrittenFiles(json: String) extends WriterCommitMessage

object WrittenFiles {
  /** JSON arrays of written files as one array. */
  def concat(arrays: Seq[String]): String = {
    val all = StoreOptions.mapper.createArrayNode()
    arrays.foreach(json => StoreOptions.mapper.readTree(json).elements().asScala.foreach(all.add))
    all.toString
  }
}

/**
 * A write job: the driver settles the feature type first (a schema that does not fit the
 * stored one fails here, before any task runs), tasks write files, and the driver commits
 * them all as one version, or deletes them if the job fails.
 */
class StraboBatchWrite(store: StoreOptions, schema: StructType, overwrite: Boolean) extends BatchWrite {
  private val begun = WriteBegun(store, schema)
  private val featureType = begun.featureType

  private val job = StoreNative.newJobId()

  override def createBatchWriterFactory(info: PhysicalWriteInfo): DataWriterFactory =
    new StraboWriterFactory(store, featureType, schema, job)

  /** An overwrite replaces the files of the version the job began with, and no others. */
  override def commit(messages: Array[WriterCommitMessage]): Unit =
    StoreNative.commit(store.location.json, featureType, overwrite, begun.readVersion, files(messages))

  /**
   * Deletes every file the job wrote, found by its id: the messages miss tasks that finished
   * as the job failed, whose word never reached the driver.
   */
  override def abort(messages: Array[WriterCommitMessage]): Unit =
    StoreNative.discardJob(store.location.json, store.feature, job)

  private def files(messages: Array[WriterCommitMessage]): String =
    WrittenFiles.concat(messages.toSeq.collect { case WrittenFiles(json) => json })
}

class StraboWriterFactory(store: StoreOptions, featureType: String, schema: StructType, job: String)
    extends DataWriterFactory {
  override def createWriter(partitionId: Int, taskId: Long): DataWriter[InternalRow] =
    new StraboDataWriter(store, featureType, schema, taskId, job)
}

/**
 * Buffers a task's rows into Arrow vectors and hands each full batch to the task's writer in
 * Rust, which writes one file per partition when the task ends.
 */
class StraboDataWriter(store: StoreOptions, featureType: String, schema: StructType, taskId: Long, job: String)
    extends DataWriter[InternalRow] {

  private val allocator = SparkInternals.arrowAllocator(s"strabo-write-$taskId")
  private val columns = schema.fields.map(f => ColumnWriter(f.name, f.dataType, allocator))
  private var rows = 0
  private val writer = StoreNative.writerOpen(store.location.json, featureType, job)

  override def write(row: InternalRow): Unit = {
    var i = 0
    while (i < columns.length) {
      columns(i).write(row, i, rows)
      i += 1
    }
    rows += 1
    if (rows == store.batchRows) flush()
  }

  private def flush(): Unit = if (rows > 0) {
    columns.foreach(_.finish(rows))
    ArrowExport.exported(allocator, columns.toSeq.map(_.vector)) { (arrays, schemas) =>
      StoreNative.writerWrite(writer, arrays, schemas)
    }
    columns.foreach(_.reset())
    rows = 0
  }

  override def commit(): WriterCommitMessage = {
    flush()
    val files = StoreNative.writerFinish(writer)
    // A task killed while it wrote (its job failed meanwhile) takes its files back: the
    // driver may already have discarded the job's files and will not see these.
    val context = TaskContext.get()
    if (context != null && context.isInterrupted()) {
      StoreNative.discard(store.location.json, store.feature, files)
      throw new TaskKilledException("the write job failed while this task wrote its files")
    }
    WrittenFiles(files)
  }

  override def abort(): Unit = StoreNative.writerAbort(writer)

  override def close(): Unit = {
    StoreNative.writerClose(writer)
    columns.foreach(_.close())
    allocator.close()
  }
}
