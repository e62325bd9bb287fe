package io.strabo.spark.execution

import org.apache.spark.sql.catalyst.rules.Rule
import org.apache.spark.sql.execution.{ColumnarRule, RowToColumnarExec, SparkPlan}

/**
 * After Spark has placed its transitions between rows and columns: where rows feed
 * [[StraboEvalExec]], Spark's `RowToColumnarExec` is replaced by [[StraboRowsToArrowExec]],
 * which writes Arrow. A columnar child (a scan) is left as it is.
 */
object StraboColumnarRule extends ColumnarRule {
  override def postColumnarTransitions: Rule[SparkPlan] = new Rule[SparkPlan] {
    override def apply(plan: SparkPlan): SparkPlan = plan.transformUp {
      case eval @ StraboEvalExec(_, _, RowToColumnarExec(rows)) => eval.copy(child = StraboRowsToArrowExec(rows))
    }
  }
}
