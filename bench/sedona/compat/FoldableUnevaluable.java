package org.apache.spark.sql.catalyst.expressions;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.errors.QueryExecutionErrors;

/**
 * Test-only stand-in for Spark 4.0's Scala trait {@code FoldableUnevaluable}, which Spark 4.1
 * removed. Sedona 1.8.0 (built for Spark 4.0) has five expressions (ST_DBSCAN, ST_GLocal,
 * ST_LocalOutlierFactor, ST_BinaryDistanceBandColumn, ST_WeightedDistanceBandColumn) whose
 * bytecode calls the trait's static forwarders, so its function catalog cannot load without them.
 *
 * <p>The shape is Scala 2.13's encoding of that trait, read with javap from spark-catalyst 4.0:
 * an interface with {@code $init$} and one static {@code name$(self, args)} per concrete member.
 * Only static methods are given: on Spark 4.1+ those expressions are not instances of this
 * interface (their {@code Unevaluable} no longer extends it), so they only ever call these.
 * {@code throws Throwable} because Spark's error factories return a Throwable, which Scala throws
 * undeclared.
 */
public interface FoldableUnevaluable {

  static void $init$(FoldableUnevaluable self) {}

  static boolean foldable$(FoldableUnevaluable self) {
    return true;
  }

  static Object eval$(FoldableUnevaluable self, InternalRow input) throws Throwable {
    throw QueryExecutionErrors.cannotEvaluateExpressionError((Expression) (Object) self);
  }

  static InternalRow eval$default$1$(FoldableUnevaluable self) {
    return null;
  }

  static ExprCode doGenCode$(FoldableUnevaluable self, CodegenContext ctx, ExprCode ev)
      throws Throwable {
    throw QueryExecutionErrors.cannotGenerateCodeForExpressionError((Expression) (Object) self);
  }
}
