package io.strabo.spark.execution

import scala.collection.mutable

import org.apache.spark.sql.SparkSession
import org.apache.spark.sql.catalyst.expressions._
import org.apache.spark.sql.catalyst.expressions.aggregate.{AggregateExpression, AggregateFunction}
import org.apache.spark.sql.catalyst.planning.PhysicalOperation
import org.apache.spark.sql.catalyst.plans.logical.{Aggregate, Filter, LogicalPlan, Project}
import org.apache.spark.sql.execution.{FilterExec, ProjectExec, SparkPlan, SparkStrategy}

import io.strabo.spark.expressions.StraboFunction

/**
 * Plans the Strabo calls of a chain of projections and filters into [[StraboEvalExec]], which
 * evaluates them over Arrow batches, one native call per batch: the shape Spark gives Python
 * UDFs (`ExtractPythonUDFs`, `ArrowEvalPythonExec`), planned here at the point where the
 * projections and filters are planned, after the optimizer has pushed filters into scans.
 *
 * `SELECT a, st_area(g) FROM t WHERE x > 0 AND st_contains(<polygon>, st_point(x, y))` becomes
 * {{{
 *   Project [a, _strabo1]
 *   +- StraboEval [st_area(g) AS _strabo1]
 *      +- Project [a, g]             (only the columns still needed)
 *         +- Filter _strabo0
 *            +- StraboEval [st_contains(<polygon>, st_point(x, y)) AS _strabo0]
 *               +- Project [a, g, x, y]
 *                  +- Filter (x > 0)    (planned by Spark as usual: pushdown, pruning)
 *                     +- t
 * }}}
 * Calls that Spark may skip (in a branch of `CASE`, `IF`, `COALESCE`, or the right side of
 * `AND`/`OR`) stay where they are and run a row at a time, so that a guard keeps working.
 *
 * An aggregation evaluates its grouping expressions and the inputs of its aggregate functions
 * row by row, inside the aggregate operator. Their Strabo calls move into a projection below
 * it, which this strategy then plans as above (`ExtractPythonUDFFromAggregate` does the same
 * for Python UDFs): `SELECT sum(st_area(g)) FROM t` aggregates `_strabo_agg0` computed by a
 * StraboEval. An aggregate with a `FILTER` clause keeps its calls, as its input is only
 * evaluated on the rows the filter keeps.
 *
 * The projections, filters and aggregates this strategy makes up are not in the query's logical
 * plan, so what Spark plans from them must not link to them: see [[MadeUpPlans.plan]].
 */
class StraboStrategy(session: SparkSession) extends SparkStrategy with PredicateHelper {
  import StraboStrategy._

  override def apply(plan: LogicalPlan): Seq[SparkPlan] = plan match {
    case _ if !StraboConf.batchEnabled(session.sessionState.conf) => Nil
    case aggregate: Aggregate => withCallsBelow(aggregate).map(planMadeUp(_, aggregate.child)).toSeq
    case PhysicalOperation(projectList, filters, child) if !(child eq plan) =>
      planBatches(projectList, filters, child)
    // Projections that Spark does not merge (one reuses a costly column of the other) arrive one
    // at a time: PhysicalOperation then gives the plan back as its own child.
    case Project(projectList, child) => planBatches(projectList, Nil, child)
    case Filter(condition, child) => planBatches(child.output, splitConjunctivePredicates(condition), child)
    case _ => Nil
  }

  private def planBatches(
      projectList: Seq[NamedExpression],
      filters: Seq[Expression],
      child: LogicalPlan): Seq[SparkPlan] = {
    val (straboFilters, plainFilters) = filters.partition(f => batchable(f).nonEmpty)
    val filterCalls = straboFilters.flatMap(batchable)
    val projectCalls = projectList.flatMap(batchable)
    if (filterCalls.isEmpty && projectCalls.isEmpty) return Nil

    // The calls read columns: a leaf that is not one is computed by the Project below.
    val leafAliases = mutable.LinkedHashMap.empty[Expression, Alias]
    val filterResults = results(filterCalls)
    val filtersOnResults = straboFilters.map(replace(_, filterResults))
    val projectResults = results(projectCalls)
    val projectOnResults = projectList.map(replace(_, projectResults).asInstanceOf[NamedExpression])
    val filterEval = filterResults.keys.toSeq.map(bindLeaves(_, leafAliases))
    val projectEval = projectResults.keys.toSeq.map(bindLeaves(_, leafAliases))
    val aliases = leafAliases.values.toSeq
    val filterLeaves = filterEval.flatMap(columns)
    val projectLeaves = projectEval.flatMap(columns)

    // Columns of the input the rest of the plan needs, besides the calls' results.
    val resultIds = (filterResults.values ++ projectResults.values).map(_.exprId).toSet
    def neededOf(expressions: Seq[Expression]): Seq[Attribute] =
      expressions.flatMap(_.references).filterNot(a => resultIds.contains(a.exprId))
    val afterFilter = distinct(neededOf(projectOnResults) ++ projectLeaves)
    val aliasIds = aliases.map(_.exprId).toSet
    val inputColumns = distinct(afterFilter ++ neededOf(filtersOnResults) ++ filterLeaves)
      .filterNot(a => aliasIds.contains(a.exprId))

    val input = Project(
      inputColumns ++ aliases,
      plainFilters.reduceOption(And).map(Filter(_, child)).getOrElse(child))
    val plannedInput = planMadeUp(input, child)
    val filtered =
      if (filterEval.isEmpty) plannedInput
      else {
        val evaluated = StraboEvalExec(filterEval, filterResults.values.toSeq, plannedInput)
        ProjectExec(afterFilter, FilterExec(filtersOnResults.reduce(And), evaluated))
      }
    val projected =
      if (projectEval.isEmpty) filtered
      else StraboEvalExec(projectEval, projectResults.values.toSeq, filtered)
    Seq(ProjectExec(projectOnResults, projected))
  }

  private def planMadeUp(madeUp: LogicalPlan, child: LogicalPlan): SparkPlan =
    MadeUpPlans.plan(session, madeUp, child)
}

object StraboStrategy {

  /**
   * `aggregate` with the Strabo calls it evaluates for every row (in its grouping expressions
   * and the inputs of aggregate functions without a `FILTER`) computed by a projection below
   * it, or `None` if it has none.
   */
  def withCallsBelow(aggregate: Aggregate): Option[Aggregate] = {
    val inputs = aggregate.aggregateExpressions.flatMap(_.collect {
      case aggregated: AggregateExpression if aggregated.filter.isEmpty => aggregated.aggregateFunction
    })
    val groupingCalls = aggregate.groupingExpressions.flatMap(batchable)
    val calls = groupingCalls ++ inputs.flatMap(batchable)
    if (calls.isEmpty) return None
    val aliases = mutable.LinkedHashMap.empty[Expression, Alias]
    calls.foreach(call => aliases.getOrElseUpdate(call.canonicalized, Alias(call, s"_strabo_agg${aliases.size}")()))
    def replaceCalls(expression: Expression, among: Set[Expression]): Expression = expression.transformDown {
      case call: StraboFunction if among.contains(call.canonicalized) => aliases(call.canonicalized).toAttribute
    }
    val everyCall = aliases.keySet.toSet
    // Outside aggregate functions, only what is grouped by may be replaced by a column.
    val grouped = groupingCalls.map(_.canonicalized).toSet
    val aggregateExpressions = aggregate.aggregateExpressions.map(_.transformDown {
      case aggregated: AggregateExpression if aggregated.filter.isEmpty =>
        aggregated.copy(aggregateFunction =
          replaceCalls(aggregated.aggregateFunction, everyCall).asInstanceOf[AggregateFunction])
      case call: StraboFunction if grouped.contains(call.canonicalized) => aliases(call.canonicalized).toAttribute
    }.asInstanceOf[NamedExpression])
    val groupingExpressions = aggregate.groupingExpressions.map(replaceCalls(_, everyCall))
    // Only the columns the aggregate still reads go through the batches.
    val read = AttributeSet((groupingExpressions ++ aggregateExpressions).flatMap(_.references))
    Some(aggregate.copy(
      groupingExpressions = groupingExpressions,
      aggregateExpressions = aggregateExpressions,
      child = Project(aggregate.child.output.filter(read.contains) ++ aliases.values, aggregate.child)))
  }

  /** The outermost Strabo calls of `expression` that are always evaluated. */
  def batchable(expression: Expression): Seq[StraboFunction] = expression match {
    case call: StraboFunction if !call.foldable && call.deterministic => Seq(call)
    case conditional: ConditionalExpression => conditional.alwaysEvaluatedInputs.flatMap(batchable)
    case And(left, _) => batchable(left)
    case Or(left, _) => batchable(left)
    case _: LambdaFunction | _: SubqueryExpression => Nil
    case other => other.children.flatMap(batchable)
  }

  /** An attribute for each distinct call, in order. */
  private def results(calls: Seq[StraboFunction]): mutable.LinkedHashMap[StraboFunction, Attribute] = {
    val results = mutable.LinkedHashMap.empty[StraboFunction, Attribute]
    calls.foreach { call =>
      if (!results.keys.exists(_.semanticEquals(call))) {
        results(call) = AttributeReference(s"_strabo${results.size}", call.dataType, nullable = true)()
      }
    }
    results
  }

  /** `expression` with each call replaced by its result attribute. */
  private def replace(expression: Expression, results: collection.Map[StraboFunction, Attribute]): Expression =
    expression.transformDown {
      case call: StraboFunction if results.keys.exists(_.semanticEquals(call)) =>
        results.collectFirst { case (c, attribute) if c.semanticEquals(call) => attribute }.get
    }

  /**
   * `call` with each leaf its native program reads (an argument that is neither a nested call
   * nor foldable) turned into a column: an attribute stays, anything else becomes an alias
   * added to `aliases`, for the Project below to compute.
   */
  private def bindLeaves(call: StraboFunction, aliases: mutable.LinkedHashMap[Expression, Alias]): StraboFunction =
    call.withNewChildren(call.children.map {
      case nested: StraboFunction if !nested.foldable => bindLeaves(nested, aliases)
      case leaf if leaf.foldable => leaf
      case attribute: Attribute => attribute
      case leaf =>
        aliases.getOrElseUpdate(leaf.canonicalized, Alias(leaf, s"_strabo_in${aliases.size}")()).toAttribute
    }).asInstanceOf[StraboFunction]

  /** The columns a call with bound leaves reads. */
  private def columns(call: StraboFunction): Seq[Attribute] = call.children.flatMap {
    case nested: StraboFunction if !nested.foldable => columns(nested)
    case attribute: Attribute => Seq(attribute)
    case _ => Nil
  }

  private def distinct(attributes: Seq[Attribute]): Seq[Attribute] = {
    val seen = mutable.HashSet.empty[ExprId]
    attributes.filter(a => seen.add(a.exprId))
  }

}
