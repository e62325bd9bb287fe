package io.strabo.spark.execution

import org.apache.spark.sql.internal.SQLConf

/** Strabo's settings, read from the session's SQL configuration. */
object StraboConf {
  /** Whether Strabo calls in projections and filters are evaluated over Arrow batches. */
  val BatchEnabled = "spark.strabo.batch.enabled"

  /** Rows per batch when rows are turned into Arrow batches. */
  val BatchSize = "spark.strabo.batch.size"

  /** What to do when Spark ships a function with the name of a Strabo function: see the README. */
  val OnConflict = "spark.strabo.functions.onConflict"

  /** Whether joins on a spatial predicate are planned as Strabo's spatial join. */
  val JoinEnabled = "spark.strabo.join.enabled"

  /**
   * The largest estimated size in bytes of a side that a spatial join indexes and broadcasts
   * without a `broadcast()` hint; 64 MB unless set.
   */
  val JoinBroadcastThreshold = "spark.strabo.join.broadcastThreshold"

  /**
   * How a spatial join reaches its indexed side: `auto` (broadcast when a side is within the
   * threshold, else partitioned), `broadcast` or `partitioned`. A `broadcast()` hint wins.
   */
  val JoinStrategy = "spark.strabo.join.strategy"

  /** The cells a partitioned spatial join splits both sides into; `spark.sql.shuffle.partitions` unless set. */
  val JoinPartitions = "spark.strabo.join.partitions"

  /** The side a spatial join indexes: `auto` (the smaller, as the join type allows), `left` or `right`. */
  val JoinIndexSide = "spark.strabo.join.indexSide"

  def joinStrategy(conf: SQLConf): String = oneOf(conf, JoinStrategy, "auto", Seq("auto", "broadcast", "partitioned"))

  def joinIndexSide(conf: SQLConf): String = oneOf(conf, JoinIndexSide, "auto", Seq("auto", "left", "right"))

  def joinPartitions(conf: SQLConf): Int = {
    val partitions = conf.getConfString(JoinPartitions, conf.numShufflePartitions.toString).toInt
    require(partitions > 0, s"$JoinPartitions must be positive, got $partitions")
    partitions
  }

  private def oneOf(conf: SQLConf, key: String, default: String, allowed: Seq[String]): String = {
    val value = conf.getConfString(key, default).trim.toLowerCase(java.util.Locale.ROOT)
    require(allowed.contains(value), s"$key must be one of ${allowed.mkString(", ")}, got '$value'")
    value
  }

  def joinEnabled(conf: SQLConf): Boolean = conf.getConfString(JoinEnabled, "true").toBoolean

  def joinBroadcastThreshold(conf: SQLConf): Long =
    conf.getConfString(JoinBroadcastThreshold, (64L << 20).toString).toLong

  def batchEnabled(conf: SQLConf): Boolean = conf.getConfString(BatchEnabled, "true").toBoolean

  def batchSize(conf: SQLConf): Int = {
    val size = conf.getConfString(BatchSize, "4096").toInt
    require(size > 0, s"$BatchSize must be positive, got $size")
    size
  }
}
