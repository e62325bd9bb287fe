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
   * without a `broadcast()` hint; Spark's `spark.sql.autoBroadcastJoinThreshold` unless set.
   */
  val JoinBroadcastThreshold = "spark.strabo.join.broadcastThreshold"

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
