package io.strabo.spark

import java.util.{Collections, WeakHashMap}

import org.apache.spark.SparkEnv
import org.apache.spark.internal.Logging
import org.apache.spark.sql.{SparkSessionExtensions, SparkSessionExtensionsProvider}
import org.apache.spark.sql.catalyst.FunctionIdentifier
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry
import org.apache.spark.sql.catalyst.expressions.{Expression, ExpressionInfo}
import org.apache.spark.sql.strabo.SparkInternals

import io.strabo.spark.execution.{StraboColumnarRule, StraboConf, StraboJoinStrategy, StraboStrategy}
import io.strabo.spark.expressions.{StraboAggregate, StraboFunction}
import io.strabo.spark.store.StraboPushdownRule

/**
 * Registers Strabo with a Spark session: its SQL functions, the planner strategies that plan
 * spatial joins and evaluate the functions over Arrow batches, and the columnar rule that feeds
 * those batches. Found
 * through `META-INF/services` when the jar is on the class path, or named with
 * `spark.sql.extensions=io.strabo.spark.StraboExtensions`; either way, or both, it is applied once.
 */
class StraboExtensions extends SparkSessionExtensionsProvider {
  override def apply(extensions: SparkSessionExtensions): Unit = {
    if (StraboExtensions.applied.add(extensions)) {
      val onConflict = Option(SparkEnv.get).map(_.conf.get(StraboConf.OnConflict, "fail")).getOrElse("fail")
      StraboExtensions.functions(FunctionSpec.registry, onConflict).foreach(extensions.injectFunction)
      extensions.injectPlannerStrategy(session => new StraboJoinStrategy(session))
      extensions.injectPlannerStrategy(session => new StraboStrategy(session))
      extensions.injectColumnar(_ => StraboColumnarRule)
      extensions.injectOptimizerRule(_ => StraboPushdownRule)
    }
  }
}

object StraboExtensions extends Logging {
  private val applied = Collections.synchronizedSet(
    Collections.newSetFromMap(new WeakHashMap[SparkSessionExtensions, java.lang.Boolean]()))

  type FunctionDescription = (FunctionIdentifier, ExpressionInfo, Seq[Expression] => Expression)

  /**
   * One entry per name and alias of every native function. A name the registry marks as
   * Spark's keeps Spark's function. A native name that this Spark also has (a newer Spark
   * shipping one of Strabo's names) is never dropped quietly: with `onConflict` = `fail` (the
   * default) registration stops with an error naming the functions; with `spark`, Spark's
   * function is kept and Strabo's is left out, with a warning.
   */
  def functions(registry: Seq[FunctionSpec], onConflict: String): Seq[FunctionDescription] = {
    val native = registry.filter(_.isNative).flatMap(spec => spec.names.map(spec -> _))
    val conflicts = native.collect {
      case (_, name) if FunctionRegistry.builtin.functionExists(FunctionIdentifier(name)) => name
    }
    if (conflicts.nonEmpty) {
      onConflict match {
        case "spark" =>
          logWarning(s"Spark has its own ${conflicts.mkString(", ")}; Strabo's are not registered " +
            s"(${StraboConf.OnConflict}=spark)")
        case _ =>
          throw new IllegalStateException(
            s"This Spark has built-in functions named like Strabo's: ${conflicts.mkString(", ")}. Set " +
              s"${StraboConf.OnConflict}=spark to keep Spark's and leave Strabo's out, or use a Strabo " +
              "release made for this Spark.")
      }
    }
    for ((spec, name) <- native if !conflicts.contains(name))
      yield (FunctionIdentifier(name), info(spec, name), builder(spec, name))
  }

  private def builder(spec: FunctionSpec, name: String): Seq[Expression] => Expression =
    children => {
      if (spec.signaturesFor(children.length).isEmpty) {
        throw SparkInternals.wrongNumArgs(name, spec.arities, children.length)
      }
      if (spec.isAggregate) StraboAggregate(spec, children) else StraboFunction(spec, children)
    }

  /** What `DESCRIBE FUNCTION EXTENDED` shows, from the registry. */
  private def info(spec: FunctionSpec, name: String): ExpressionInfo = {
    val usage = spec.signatures
      .map { s =>
        val params = s.params
          .map(p => if (p.variadic) s"${p.name}..." else if (p.optional) s"[${p.name}]" else p.name)
          .mkString(", ")
        s"_FUNC_($params) - ${spec.summary}"
      }
      .mkString("\n    ")
    val arguments = spec.signatures
      .flatMap(_.params)
      .distinctBy(_.name)
      .map(p => s"      * ${p.name} - ${typeName(p.tpe)}: ${p.doc}")
      .mkString("\n    Arguments:\n", "\n", "\n")
    val examples = spec.examples
      .map(e => s"      > SELECT ${e.sql};\n       ${e.result}")
      .mkString("\n    Examples:\n", "\n", "\n")
    val nulls =
      if (spec.isAggregate) "NULL rows are skipped; NULL for a group without values."
      else spec.alsoNullWhen.fold("NULL when an argument is NULL.")(w => s"NULL when an argument is NULL, or when $w.")
    val note = s"\n      ${spec.details} $nulls\n  "
    val className = if (spec.isAggregate) classOf[StraboAggregate].getName else classOf[StraboFunction].getName
    val group = if (spec.isAggregate) "agg_funcs" else ""
    new ExpressionInfo(className, null, name, usage, arguments, examples, note, group, "", "", "")
  }

  private def typeName(tpe: FunctionSpec.SqlType): String = tpe match {
    case FunctionSpec.Scalar(name) => name.toUpperCase
    case FunctionSpec.ArrayOf(item) => s"ARRAY<${typeName(item)}>"
    case FunctionSpec.StructOf(fields) => fields.map { case (n, t) => s"$n: ${typeName(t)}" }.mkString("STRUCT<", ", ", ">")
  }
}
