package io.strabo.spark.store

import scala.collection.mutable.ArrayBuffer
import scala.jdk.CollectionConverters._

import org.apache.spark.sql.connector.expressions.filter.Predicate
import org.apache.spark.sql.connector.read._
import org.apache.spark.sql.internal.SQLConf
import org.apache.spark.sql.types.StructType

import io.strabo.spark.jni.StoreNative

/**
 * Plans a read: Spark's V2 predicates, the filters the optimizer rule pushed (Strabo's spatial
 * functions) and the `cql` option become one filter that the store prunes and evaluates with;
 * the columns Spark needs and its limit go along.
 */
class StraboScanBuilder(store: StoreOptions, featureType: String, schema: StructType, rulePushed: Seq[String])
    extends ScanBuilder
    with SupportsPushDownV2Filters
    with SupportsPushDownRequiredColumns
    with SupportsPushDownLimit {

  private var required = schema
  private var pushed = Seq.empty[Predicate]
  private var v2Filters = Seq.empty[String]
  private var limit: Option[Int] = None

  override def pushPredicates(predicates: Array[Predicate]): Array[Predicate] = {
    if (!store.pushdown) return predicates
    val translated = Pushdown.translate(featureType, predicates.toSeq.map(HostExpressions.fromV2))
    val accepted = predicates.zip(translated).collect { case (p, Some(t)) => (p, t) }
    pushed = accepted.map(_._1).toSeq
    v2Filters = accepted.map(_._2.filter).toSeq
    predicates.zip(translated).collect { case (p, t) if !t.exists(_.exact) => p }
  }

  override def pushedPredicates(): Array[Predicate] = pushed.toArray

  override def pruneColumns(requiredSchema: StructType): Unit = required = requiredSchema

  override def pushLimit(n: Int): Boolean = {
    limit = Some(n)
    true
  }

  override def build(): Scan = {
    val cql = store.cql.map(StoreNative.parseEcql).toSeq
    new StraboScan(store, featureType, required, cql ++ rulePushed ++ v2Filters, limit)
  }
}

class StraboScan(store: StoreOptions, featureType: String, required: StructType, filters: Seq[String], limit: Option[Int])
    extends Scan
    with Batch
    with SupportsReportStatistics {

  private val filter = StoreOptions.all(filters)

  /** The files and row groups to read, planned once. */
  private lazy val plan = StoreOptions.mapper.readTree(StoreNative.plan(store.location.json, store.feature, filter, store.readVersion))
  private lazy val files = plan.get("files").elements().asScala.toSeq

  override def readSchema(): StructType = required

  /** What `explain` shows: the pushed filter in ECQL, and what each planning stage kept. */
  override def description(): String = {
    val pushed = if (filters.isEmpty) "none" else StoreNative.toEcql(filter)
    val counts = plan.get("counts")
    def count(name: String) = counts.get(name).asLong
    s"Strabo ${store.feature} at ${store.uri}; pushed filter: $pushed" + limit.fold("")(n => s"; limit $n") +
      s"; files: ${count("files")} in the snapshot, ${count("after_partitions")} after partitions, " +
      s"${count("after_file_stats")} after file statistics; row groups: ${count("row_groups")}, " +
      s"${count("after_row_group_stats")} after statistics"
  }

  override def toBatch: Batch = this

  /**
   * Files packed into input partitions as Spark packs Parquet files: up to
   * `spark.sql.files.maxPartitionBytes` each, a file counting its size plus
   * `spark.sql.files.openCostInBytes`, so that many small files do not make many tiny tasks.
   */
  override def planInputPartitions(): Array[InputPartition] = {
    val conf = SQLConf.get
    val partitions = ArrayBuffer.empty[StraboPartition]
    var current = ArrayBuffer.empty[String]
    var size = 0L
    for (file <- files) {
      val cost = file.get("file").get("bytes").asLong + conf.filesOpenCostInBytes
      if (current.nonEmpty && size + cost > conf.filesMaxPartitionBytes) {
        partitions += StraboPartition(current.toSeq)
        current = ArrayBuffer.empty
        size = 0
      }
      current += file.toString
      size += cost
    }
    if (current.nonEmpty) partitions += StraboPartition(current.toSeq)
    partitions.toArray
  }

  override def createReaderFactory(): PartitionReaderFactory =
    new StraboReaderFactory(store, featureType, required, filter, limit.getOrElse(-1))

  /** What the planned files hold: exact without a filter, an upper bound with one. */
  override def estimateStatistics(): Statistics = {
    val rows = files.map(_.get("file").get("rows").asLong).sum
    val bytes = files.map(_.get("file").get("bytes").asLong).sum
    new Statistics {
      override def sizeInBytes(): java.util.OptionalLong = java.util.OptionalLong.of(bytes)
      override def numRows(): java.util.OptionalLong = java.util.OptionalLong.of(rows)
    }
  }
}

/** Planned files, each described as the planner returned it (JSON), read one after another. */
case class StraboPartition(files: Seq[String]) extends InputPartition

/** A conjunct's translation. */
case class Pushed(filter: String, exact: Boolean)

object Pushdown {
  /** Translates serialized conjuncts (`None`: not serializable) against a feature type. */
  def translate(featureType: String, conjuncts: Seq[Option[com.fasterxml.jackson.databind.JsonNode]]): Seq[Option[Pushed]] = {
    val serializable = conjuncts.flatten
    if (serializable.isEmpty) return conjuncts.map(_ => None)
    val array = StoreOptions.mapper.createArrayNode()
    serializable.foreach(array.add)
    val results = StoreOptions.mapper.readTree(StoreNative.translate(featureType, array.toString)).elements().asScala
    conjuncts.map {
      case None => None
      case Some(_) =>
        val result = results.next()
        if (result.isNull) None else Some(Pushed(result.get("filter").toString, result.get("exact").asBoolean))
    }
  }
}
