package org.apache.spark.sql.strabo.testing

import java.util.concurrent.ConcurrentHashMap

import scala.jdk.CollectionConverters._

import org.apache.spark.SparkContext
import org.apache.spark.scheduler.{SparkListener, SparkListenerEvent}
import org.apache.spark.sql.SparkSession
import org.apache.spark.sql.execution.SparkPlanInfo
import org.apache.spark.sql.execution.ui.SparkListenerSQLAdaptiveExecutionUpdate

/**
 * Counts, per SQL execution, the plan updates that adaptive execution posts (one for each batch
 * of new query stages, and one for the final plan) and the query stages of its latest plan. A
 * query that re-plans without end posts update after update with no new stage. The end-to-end
 * tests (`it/`, which load this from the tests jar) read the counts while a query runs.
 */
class AdaptiveReplans extends SparkListener {
  override def onOtherEvent(event: SparkListenerEvent): Unit = event match {
    case update: SparkListenerSQLAdaptiveExecutionUpdate =>
      AdaptiveReplans.record(update.executionId, AdaptiveReplans.stages(update.sparkPlanInfo))
    case _ =>
  }
}

object AdaptiveReplans {
  /** Execution id → (updates, query stages of the latest plan). */
  private val counts = new ConcurrentHashMap[Long, (Int, Int)]()
  private var listening: SparkContext = _

  /** Listens to `spark`'s context, once. */
  def install(spark: SparkSession): Unit = synchronized {
    if (listening ne spark.sparkContext) {
      spark.sparkContext.addSparkListener(new AdaptiveReplans)
      listening = spark.sparkContext
    }
  }

  private def record(executionId: Long, stages: Int): Unit =
    counts.merge(executionId, (1, stages), (was, now) => (was._1 + 1, math.max(was._2, now._2)))

  private def stages(plan: SparkPlanInfo): Int =
    (if (plan.nodeName.endsWith("QueryStage")) 1 else 0) + plan.children.map(stages).sum

  /** `id updates stages` for each execution seen so far, one a line. */
  def counted(): String =
    counts.asScala.toSeq.sortBy(_._1).map { case (id, (updates, stages)) => s"$id $updates $stages" }.mkString("\n")

  /** Waits until every event posted so far has been counted. */
  def awaitEvents(spark: SparkSession): Unit = spark.sparkContext.listenerBus.waitUntilEmpty()

  /** Waits until every event posted so far has been seen, then forgets what was counted. */
  def settle(spark: SparkSession): Unit = {
    awaitEvents(spark)
    counts.clear()
  }
}
