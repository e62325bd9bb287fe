package io.strabo.spark.execution

import org.apache.spark.sql.SparkSession
import org.apache.spark.sql.catalyst.expressions._
import org.apache.spark.sql.catalyst.optimizer.{BuildLeft, BuildRight, BuildSide}
import org.apache.spark.sql.catalyst.plans._
import org.apache.spark.sql.catalyst.plans.logical.{BROADCAST, Join, JoinHint, LogicalPlan, Project}
import org.apache.spark.sql.execution.{ProjectExec, SparkPlan, SparkStrategy}
import org.apache.spark.sql.types.{BinaryType, DoubleType, GeometryType}

import io.strabo.spark.expressions.StraboFunction

/**
 * Plans a join whose condition holds a spatial predicate between the two sides, such as
 * `st_contains(c.geom, p.geom)` or `st_distance(a.geom, b.geom) <= 5`, as a
 * [[StraboSpatialJoinExec]]: one side is indexed, broadcast or cell by cell, and the other
 * side probes the index a batch at a time. The rest of the condition (equalities, other tests)
 * is evaluated on each pair the index finds.
 *
 * The unmatched rows of an outer, semi or anti join come from the side that is not indexed; a
 * join type that has none to index (a full outer join) is left to Spark.
 */
class StraboJoinStrategy(session: SparkSession) extends SparkStrategy with PredicateHelper {
  import StraboJoinStrategy._

  override def apply(plan: LogicalPlan): Seq[SparkPlan] = plan match {
    case join @ Join(left, right, joinType, Some(condition), hint)
        if StraboConf.joinEnabled(session.sessionState.conf) =>
      val conjuncts = splitConjunctivePredicates(condition)
      val planned = for {
        spatial <- conjuncts.iterator.flatMap(spatialPredicate(_, left, right))
        (buildSide, strategy) <- strategyOf(join, hint, spatial).iterator
      } yield planJoin(spatial, buildSide, strategy, joinType, conjuncts.filterNot(_ eq spatial.condition), left, right)
      planned.take(1).toSeq
    case _ => Nil
  }

  private def planJoin(
      spatial: SpatialPredicate,
      buildSide: BuildSide,
      strategy: SpatialJoinStrategy,
      joinType: JoinType,
      rest: Seq[Expression],
      left: LogicalPlan,
      right: LogicalPlan): SparkPlan = {
    val (leftPlan, leftKey) = withKey(left, spatial.leftKey)
    val (rightPlan, rightKey) = withKey(right, spatial.rightKey)
    val (first, second) =
      if (spatial.leftIsFirst) (spatial.leftKey, spatial.rightKey) else (spatial.rightKey, spatial.leftKey)
    val join = StraboSpatialJoinExec(
      spatial.test,
      spatial.test.describe(StraboEvalExec.readable(first).sql, StraboEvalExec.readable(second).sql),
      spatial.leftIsFirst,
      leftKey,
      rightKey,
      buildSide,
      strategy,
      joinType,
      rest.reduceOption(And),
      leftPlan,
      rightPlan)
    // Columns added for keys are dropped again above the join.
    if (join.output.map(_.exprId) == outputOf(joinType, left, right).map(_.exprId)) join
    else ProjectExec(outputOf(joinType, left, right), join)
  }

  /** `side` planned with `key` as one of its columns: itself when the key is a column already. */
  private def withKey(side: LogicalPlan, key: Expression): (SparkPlan, Attribute) = key match {
    case attribute: Attribute => (planLater(side), attribute)
    case _ =>
      val alias = Alias(key, "_strabo_join_key")()
      (MadeUpPlans.plan(session, Project(side.output :+ alias, side), side), alias.toAttribute)
  }

  /**
   * The side to index and how to reach it. A `broadcast()` hint's side is broadcast. Otherwise
   * the side to index is the one [[StraboConf.JoinIndexSide]] names, else the smaller, as the
   * join type allows; it is broadcast when it is within [[StraboConf.JoinBroadcastThreshold]],
   * else both sides are partitioned. A KNN join broadcasts its objects' side.
   */
  private def strategyOf(join: Join, hint: JoinHint, spatial: SpatialPredicate): Option[(BuildSide, SpatialJoinStrategy)] = {
    val conf = session.sessionState.conf
    val allowed = join.joinType match {
      case Inner | Cross => Seq(BuildLeft, BuildRight)
      case LeftOuter | LeftSemi | LeftAnti => Seq(BuildRight)
      case RightOuter => Seq(BuildLeft)
      case _ => Nil
    }
    // A KNN join indexes its objects, the second argument's side, and broadcasts them.
    if (spatial.test.k.isDefined) {
      val objects = if (spatial.leftIsFirst) BuildRight else BuildLeft
      return allowed.find(_ == objects).map((_, BroadcastIndex))
    }
    def hinted(side: BuildSide) = side match {
      case BuildLeft => hint.leftHint.exists(_.strategy.contains(BROADCAST))
      case BuildRight => hint.rightHint.exists(_.strategy.contains(BROADCAST))
    }
    def size(side: BuildSide) = (if (side == BuildLeft) join.left else join.right).stats.sizeInBytes
    val named: Option[BuildSide] = StraboConf.joinIndexSide(conf) match {
      case "left" => Some(BuildLeft)
      case "right" => Some(BuildRight)
      case _ => None
    }
    val preferred = allowed.sortBy(side => (!named.contains(side), size(side)))
    lazy val partitioned = PartitionedIndex(StraboConf.joinPartitions(conf))
    allowed.find(hinted).map(side => (side, BroadcastIndex)).orElse {
      preferred.headOption.map { side =>
        val broadcast = StraboConf.joinStrategy(conf) match {
          case "broadcast" => true
          case "partitioned" => false
          case _ => size(side) <= StraboConf.joinBroadcastThreshold(conf)
        }
        (side, if (broadcast) BroadcastIndex else partitioned)
      }
    }
  }
}

object StraboJoinStrategy {

  /** A spatial predicate of a join condition, `condition`, with the key each side gives it. */
  private case class SpatialPredicate(
      condition: Expression,
      test: SpatialTest,
      leftKey: Expression,
      rightKey: Expression,
      leftIsFirst: Boolean)

  /** The distance functions whose comparison with a constant the join operator indexes. */
  val DistanceFunctions: Set[String] = Set("st_distance", "st_distanceSphere", "st_distanceSpheroid")

  /** The predicates the join operator indexes (registry names). */
  val IndexedPredicates: Set[String] = Set(
    "st_intersects", "st_contains", "st_within", "st_covers", "st_coveredBy",
    "st_touches", "st_overlaps", "st_crosses", "st_equals")

  /**
   * `condition` as a spatial predicate whose two geometries come one from each side: a
   * topological predicate, `st_dwithin(a, b, d)`, or `st_distance(a, b)`,
   * `st_distanceSphere(a, b)` or `st_distanceSpheroid(a, b)` compared with `d` (`<=`, `<`, or
   * the same turned around), `d` a constant; or `st_knn(q, o, k[, useSpheroid])`, its
   * arguments constants.
   */
  private def spatialPredicate(condition: Expression, left: LogicalPlan, right: LogicalPlan): Option[SpatialPredicate] = {
    def keys(test: SpatialTest, first: Expression, second: Expression): Option[SpatialPredicate] = {
      def from(side: LogicalPlan, key: Expression) = key.references.nonEmpty && key.references.subsetOf(side.outputSet)
      if (!isGeometry(first) || !isGeometry(second)) None
      else if (from(left, first) && from(right, second)) Some(SpatialPredicate(condition, test, first, second, leftIsFirst = true))
      else if (from(right, first) && from(left, second)) Some(SpatialPredicate(condition, test, second, first, leftIsFirst = false))
      else None
    }
    def distanceOf(call: StraboFunction, limit: Expression, inclusive: Boolean) = call match {
      case StraboFunction(spec, Seq(first, second)) if DistanceFunctions.contains(spec.name) && call.deterministic =>
        constant(limit).filter(_ >= 0).flatMap(d => keys(SpatialTest(spec.name, Some(d), inclusive), first, second))
      case _ => None
    }
    condition match {
      case call @ StraboFunction(spec, args) if spec.name == "st_knn" && call.deterministic && args.length >= 3 =>
        for {
          k <- constant(args(2)).filter(k => k.isValidInt)
          spheroid <- args.lift(3).fold(Option(false))(flag => if (flag.foldable) Option(flag.eval()).map(_ == true) else None)
          predicate = if (spheroid) "st_knnSpheroid" else "st_knn"
          found <- keys(SpatialTest(predicate, k = Some(k.toInt)), args(0), args(1))
        } yield found
      case call @ StraboFunction(spec, Seq(first, second)) if IndexedPredicates.contains(spec.name) && call.deterministic =>
        keys(SpatialTest(spec.name), first, second)
      case call @ StraboFunction(spec, Seq(first, second, limit)) if spec.name == "st_dwithin" && call.deterministic =>
        constant(limit).flatMap(d => keys(SpatialTest("st_distance", Some(d)), first, second))
      case LessThanOrEqual(call: StraboFunction, limit) => distanceOf(call, limit, inclusive = true)
      case GreaterThanOrEqual(limit, call: StraboFunction) => distanceOf(call, limit, inclusive = true)
      case LessThan(call: StraboFunction, limit) => distanceOf(call, limit, inclusive = false)
      case GreaterThan(limit, call: StraboFunction) => distanceOf(call, limit, inclusive = false)
      case _ => None
    }
  }

  /** A constant number's value, or `None` when it is not a constant or is NULL. */
  private def constant(expression: Expression): Option[Double] =
    if (!expression.foldable) None
    else Option(Cast(expression, DoubleType).eval()).map(_.asInstanceOf[Double])

  private def isGeometry(key: Expression): Boolean = key.dataType match {
    case _: GeometryType | BinaryType => true
    case _ => false
  }

  /** What a join of `joinType` outputs, as Spark's own joins do. */
  def outputOf(joinType: JoinType, left: LogicalPlan, right: LogicalPlan): Seq[Attribute] =
    outputOf(joinType, left.output, right.output)

  def outputOf(joinType: JoinType, left: Seq[Attribute], right: Seq[Attribute]): Seq[Attribute] = joinType match {
    case LeftSemi | LeftAnti => left
    case LeftOuter => left ++ right.map(_.withNullability(true))
    case RightOuter => left.map(_.withNullability(true)) ++ right
    case _ => left ++ right
  }
}
