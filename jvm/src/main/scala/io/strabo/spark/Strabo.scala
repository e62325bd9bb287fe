package io.strabo.spark

import java.time.Instant

import scala.jdk.CollectionConverters._

import org.apache.spark.rdd.RDD
import org.apache.spark.sql.{Row, SparkSession}
import org.apache.spark.sql.types.StructType

import io.strabo.spark.jni.StoreNative
import io.strabo.spark.store.{StoreLocation, StoreOptions, StoreSchema, WrittenFiles}

/**
 * Strabo's store from Scala, as GeoMesa's spark-core and its management tools offer it:
 * features as RDDs selected by ECQL, and the store's feature types listed, described,
 * compacted and deleted. `params` are the data source's options (`path` or `fs.path`, …).
 * A store's `path` is reached with the session's settings (`spark.hadoop.fs.s3a.*`, …) and
 * `options` over them, as [[io.strabo.spark.store.StoreLocation]] says.
 */
object Strabo {

  /** The features of `feature` matching `ecql` (all if empty), with `properties` (all if empty). */
  def rdd(spark: SparkSession, params: Map[String, String], feature: String, ecql: String, properties: Seq[String] = Nil): RDD[Row] = {
    val df = spark.read.format("strabo").options(params + ("feature" -> feature) + ("cql" -> ecql)).load()
    (if (properties.isEmpty) df else df.select(properties.head, properties.tail: _*)).rdd
  }

  /** Appends rows of `schema` to `feature`, creating it if needed (with `params`' write options). */
  def save(rdd: RDD[Row], schema: StructType, params: Map[String, String], feature: String): Unit = {
    val spark = SparkSession.builder().getOrCreate()
    spark.createDataFrame(rdd, schema).write.format("strabo").options(params + ("feature" -> feature)).mode("append").save()
  }

  /** Rows that carry their schema, such as those [[rdd]] returns. */
  def save(rdd: RDD[Row], params: Map[String, String], feature: String): Unit = {
    val schema = Option(rdd.first().schema).getOrElse(
      throw new IllegalArgumentException("these rows carry no schema; pass one to Strabo.save"))
    save(rdd, schema, params, feature)
  }

  /** The feature types of the store at `path`, sorted. */
  def featureTypes(path: String, options: Map[String, String] = Map.empty): Seq[String] =
    StoreOptions.mapper.readTree(StoreNative.featureTypes(StoreLocation.resolve(path, options).json)).elements().asScala.map(_.asText).toSeq

  /** A feature type's schema and totals at `version` (the latest if -1), as `DESCRIBE` would show them. */
  def describe(path: String, feature: String, version: Long = -1L, options: Map[String, String] = Map.empty): FeatureTypeDescription = {
    val json = StoreOptions.mapper.readTree(StoreNative.describe(StoreLocation.resolve(path, options).json, feature, version))
    val featureType = json.get("feature_type")
    def optional(name: String) = Option(json.get(name)).filterNot(_.isNull).map(_.elements().asScala.toSeq)
    FeatureTypeDescription(
      name = feature,
      schema = StoreSchema.sparkSchema(featureType),
      dtg = Option(featureType.get("dtg")).map(_.asText),
      scheme = featureType.get("scheme").asText,
      version = json.get("version").asLong,
      rows = json.get("rows").asLong,
      files = json.get("files").asInt,
      bytes = json.get("bytes").asLong,
      bbox = optional("bbox").map(_.map(_.asDouble)),
      timeRange = optional("time").map(t => (micros(t(0).asLong), micros(t(1).asLong))))
  }

  private def micros(value: Long): Instant = Instant.EPOCH.plusNanos(Math.multiplyExact(value, 1000L))

  /** Drops a feature type: a commit that removes its files, which are then deleted; a later write creates it anew. */
  def delete(path: String, feature: String, options: Map[String, String] = Map.empty): Unit =
    StoreNative.deleteFeatureType(StoreLocation.resolve(path, options).json, feature)

  /**
   * Deletes the files of a feature type that no snapshot of the last `retainHours` (a week by
   * default) reads: files that overwrites and compactions replaced, and files of killed jobs.
   * Then expires the log before the newest checkpoint current `retainHours` ago, as Iceberg's
   * `expire_snapshots` does. Returns the paths deleted, their bytes, and the oldest version
   * left for time travel.
   */
  def vacuum(path: String, feature: String, retainHours: Double = Strabo.DefaultRetainHours, options: Map[String, String] = Map.empty): (Seq[String], Long, Long) = {
    val json = StoreOptions.mapper.readTree(StoreNative.vacuum(StoreLocation.resolve(path, options).json, feature, retainHours))
    (json.get("files").elements().asScala.map(_.asText).toSeq, json.get("bytes").asLong, json.get("oldest_version").asLong)
  }

  /** How long a vacuum keeps what older snapshots read, as Delta Lake's default: 7 days. */
  val DefaultRetainHours: Double = 168.0

  /**
   * Rewrites each partition held in several files as one file, in one commit; the new version,
   * if any partition needed it. A Spark job rewrites the partitions, one task each, so no
   * partition passes through the driver; the driver commits. If the commit fails (a concurrent
   * overwrite or compaction removed one of the files), the rewritten files are deleted; files of
   * a job that failed midway are left for a vacuum.
   */
  def compact(path: String, feature: String, options: Map[String, String] = Map.empty): Option[Long] = {
    val location = StoreLocation.resolve(path, options).json
    val plan = StoreOptions.mapper.readTree(StoreNative.compaction(location, feature))
    if (plan.isNull) return None
    val featureType = plan.get("feature_type").toString
    val partitions = plan.get("partitions").elements().asScala.map(_.toString).toSeq
    val context = SparkSession.active.sparkContext
    // The job's stage is named for what it does in the UI and the status tracker.
    context.setCallSite(s"Strabo compaction of '$feature': ${partitions.size} partitions")
    val written =
      try context.parallelize(partitions, partitions.size).map(files => StoreNative.rewrite(location, featureType, files)).collect()
      finally context.clearCallSite()
    Some(StoreNative.commitCompaction(location, plan.toString, WrittenFiles.concat(written.toSeq)))
  }

  /** [[compact]] for callers outside Scala (Python): the new version, or -1. */
  def compactVersion(path: String, feature: String): Long = compact(path, feature).getOrElse(-1L)
}

/** What [[Strabo.describe]] returns: `bbox` is `[xmin, ymin, xmax, ymax]` of the default geometry. */
case class FeatureTypeDescription(
    name: String,
    schema: StructType,
    dtg: Option[String],
    scheme: String,
    version: Long,
    rows: Long,
    files: Int,
    bytes: Long,
    bbox: Option[Seq[Double]],
    timeRange: Option[(Instant, Instant)])
