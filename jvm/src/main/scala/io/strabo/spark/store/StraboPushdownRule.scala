package io.strabo.spark.store

import org.apache.spark.sql.catalyst.expressions.{And, Expression, PredicateHelper}
import org.apache.spark.sql.catalyst.plans.logical.{Filter, LogicalPlan}
import org.apache.spark.sql.catalyst.rules.Rule
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation

import io.strabo.spark.expressions.StraboFunction

/**
 * Pushes filters that hold Strabo's own functions (`st_intersects(geom, <constant>)`, …) into
 * a Strabo scan: Spark never offers them to a data source as V2 predicates. Runs before
 * Spark's own V2 pushdown, and hands what it pushed to the scan in the relation's options.
 * Conjuncts the store evaluates exactly leave Spark's `Filter`; the others stay in it.
 */
object StraboPushdownRule extends Rule[LogicalPlan] with PredicateHelper {

  /** The key that records the conjuncts already pushed, so that a rerun does not repeat them. */
  private val PushedSourcesKey = "strabo.pushed.sources"

  override def apply(plan: LogicalPlan): LogicalPlan = plan.transform {
    case filter @ Filter(condition, relation: DataSourceV2Relation)
        if relation.table.isInstanceOf[StraboTable] && relation.table.asInstanceOf[StraboTable].store.pushdown =>
      val table = relation.table.asInstanceOf[StraboTable]
      val done = Option(relation.options.get(PushedSourcesKey)).toSeq.flatMap(_.split("\n"))
      val conjuncts = splitConjunctivePredicates(condition)
      val candidates = conjuncts
        .filter(_.exists(_.isInstanceOf[StraboFunction]))
        .map(c => c -> HostExpressions.fromCatalyst(c, relation.output))
        .filter { case (_, serialized) => serialized.exists(s => !done.contains(s.toString)) }
      if (candidates.isEmpty) {
        filter
      } else {
        val featureType = StoreOptions.mapper.readTree(
          io.strabo.spark.jni.StoreNative.describe(table.store.location.json, table.store.feature, table.store.readVersion))
          .get("feature_type").toString
        val translated = candidates.zip(Pushdown.translate(featureType, candidates.map(_._2)))
        val accepted = translated.collect { case ((c, Some(s)), Some(p)) => (c, s.toString, p) }
        if (accepted.isEmpty) {
          filter
        } else {
          val withPushed = StoreOptions.withPushed(relation.options, accepted.map(_._3.filter))
          val sources = new java.util.HashMap[String, String](withPushed.asCaseSensitiveMap())
          sources.put(PushedSourcesKey, (done ++ accepted.map(_._2)).mkString("\n"))
          val newRelation = relation.copy(options = new org.apache.spark.sql.util.CaseInsensitiveStringMap(sources))
          val exact = accepted.collect { case (c, _, p) if p.exact => c }
          val remaining: Seq[Expression] = conjuncts.filterNot(c => exact.exists(_ eq c))
          if (remaining.isEmpty) newRelation else Filter(remaining.reduce(And), newRelation)
        }
      }
  }
}
