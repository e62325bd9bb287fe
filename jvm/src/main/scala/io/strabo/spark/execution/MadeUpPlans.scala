package io.strabo.spark.execution

import java.util.{Collections, IdentityHashMap}

import org.apache.spark.sql.SparkSession
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan
import org.apache.spark.sql.execution.SparkPlan
import org.apache.spark.sql.execution.SparkPlan.{LOGICAL_PLAN_INHERITED_TAG, LOGICAL_PLAN_TAG}

object MadeUpPlans {

  /**
   * Plans `madeUp`, a plan a Strabo strategy built over `child`, a part of the query's logical
   * plan.
   *
   * Spark links each physical node to the logical node it was planned from, and adaptive
   * execution relies on those links: when a query stage is made, it finds the stage's logical
   * node in the query's logical plan, by identity, and replaces it with the stage, so that
   * re-planning reuses the stage. A node of `madeUp` is never found there. Spark reuses a shuffle
   * stage anyway (by its canonical form), but not a cached table's scan: each re-planning then
   * made a new `TableCacheQueryStage`, and a query over a cached DataFrame re-planned forever.
   * So `madeUp` is planned here rather than later, and its physical nodes lose their links to
   * its made-up nodes; the link Spark gives the node the strategy returns is then inherited
   * down to them, the real logical node the strategy was called on.
   */
  def plan(session: SparkSession, madeUp: LogicalPlan, child: LogicalPlan): SparkPlan = {
    val real = Collections.newSetFromMap(new IdentityHashMap[LogicalPlan, java.lang.Boolean])
    child.foreach(real.add)
    val planned = session.sessionState.planner.plan(madeUp).next()
    planned.foreach { node =>
      Seq(LOGICAL_PLAN_TAG, LOGICAL_PLAN_INHERITED_TAG).foreach { tag =>
        if (node.getTagValue(tag).exists(!real.contains(_))) node.unsetTagValue(tag)
      }
    }
    planned
  }
}
