package io.strabo.spark

import java.util.{Collections, WeakHashMap}

import org.apache.spark.sql.{SparkSessionExtensions, SparkSessionExtensionsProvider}
import org.apache.spark.sql.catalyst.FunctionIdentifier
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry
import org.apache.spark.sql.catalyst.expressions.{Expression, ExpressionInfo}
import org.apache.spark.sql.strabo.SparkInternals

import io.strabo.spark.expressions.StraboFunction

/**
 * Registers Strabo with a Spark session. Found through `META-INF/services` when the jar is on
 * the class path, or named with `spark.sql.extensions=io.strabo.spark.StraboExtensions`;
 * either way, or both, the functions are registered once.
 */
class StraboExtensions extends SparkSessionExtensionsProvider {
  override def apply(extensions: SparkSessionExtensions): Unit = {
    if (StraboExtensions.applied.add(extensions)) {
      StraboExtensions.functions.foreach(extensions.injectFunction)
    }
  }
}

object StraboExtensions {
  private val applied = Collections.synchronizedSet(
    Collections.newSetFromMap(new WeakHashMap[SparkSessionExtensions, java.lang.Boolean]()))

  type FunctionDescription = (FunctionIdentifier, ExpressionInfo, Seq[Expression] => Expression)

  /**
   * One entry per name and alias of every native function. A name Spark already has keeps
   * Spark's function, whatever the registry says.
   */
  lazy val functions: Seq[FunctionDescription] =
    for {
      spec <- FunctionSpec.registry if spec.isNative
      name <- spec.names if !FunctionRegistry.builtin.functionExists(FunctionIdentifier(name))
    } yield (FunctionIdentifier(name), info(spec, name), builder(spec, name))

  private def builder(spec: FunctionSpec, name: String): Seq[Expression] => Expression =
    children => {
      if (children.length != spec.params.length) {
        throw SparkInternals.wrongNumArgs(name, spec.params.length, children.length)
      }
      StraboFunction(spec, children)
    }

  /** What `DESCRIBE FUNCTION EXTENDED` shows, from the registry. */
  private def info(spec: FunctionSpec, name: String): ExpressionInfo = {
    val signature = spec.params.map(p => s"${p.name} ${p.kind.toUpperCase}").mkString(", ")
    val usage = s"_FUNC_($signature) - ${spec.summary}"
    val arguments = spec.params
      .map(p => s"      * ${p.name} - ${p.kind.toUpperCase}")
      .mkString("\n    Arguments:\n", "\n", "\n")
    val examples = spec.examples
      .map(e => s"      > SELECT ${e.sql};\n       ${e.result}")
      .mkString("\n    Examples:\n", "\n", "\n")
    val nulls = spec.nullWhen.fold("NULL when an argument is NULL.")(w =>
      s"NULL when an argument is NULL, or when $w.")
    val note = s"\n      ${spec.details} $nulls\n  "
    new ExpressionInfo(
      classOf[StraboFunction].getName, null, name, usage, arguments, examples, note, "", "", "", "")
  }
}
