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

  def batchEnabled(conf: SQLConf): Boolean = conf.getConfString(BatchEnabled, "true").toBoolean

  def batchSize(conf: SQLConf): Int = {
    val size = conf.getConfString(BatchSize, "4096").toInt
    require(size > 0, s"$BatchSize must be positive, got $size")
    size
  }
}
