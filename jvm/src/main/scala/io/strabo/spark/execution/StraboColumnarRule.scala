package io.strabo.spark.execution

import org.apache.spark.sql.catalyst.rules.Rule
import org.apache.spark.sql.execution.{ColumnarRule, ColumnarToRowExec, RowToColumnarExec, SparkPlan}

/**
 * After Spark has placed its transitions between rows and columns, where rows feed a
 * [[StraboEvalExec]]:
 *  - if rows come out of it too, the three operators become one [[StraboEvalRowsExec]], which
 *    evaluates the calls inside Spark's generated code;
 *  - otherwise Spark's `RowToColumnarExec` is replaced by [[StraboRowsToArrowExec]], which
 *    writes Arrow.
 * A columnar child (a scan) is left as it is.
 */
object StraboColumnarRule extends ColumnarRule {
  override def postColumnarTransitions: Rule[SparkPlan] = new Rule[SparkPlan] {
    override def apply(plan: SparkPlan): SparkPlan = plan.transformDown {
      case ColumnarToRowExec(StraboEvalExec(calls, results, RowToColumnarExec(rows)))
          if RowBatching.serves(rows.output) =>
        StraboEvalRowsExec(calls, results, rows)
      case eval @ StraboEvalExec(_, _, RowToColumnarExec(rows)) => eval.copy(child = StraboRowsToArrowExec(rows))
    }
  }
}
