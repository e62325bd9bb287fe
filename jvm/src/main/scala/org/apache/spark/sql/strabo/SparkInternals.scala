package org.apache.spark.sql.strabo

import org.apache.arrow.memory.BufferAllocator
import org.apache.arrow.vector.ValueVector
import org.apache.arrow.vector.types.pojo.Field
import org.apache.spark.sql.catalyst.expressions.ImplicitCastInputTypes
import org.apache.spark.sql.errors.QueryCompilationErrors
import org.apache.spark.sql.execution.arrow.{ArrowFieldWriter, ArrowWriter}
import org.apache.spark.sql.internal.SQLConf
import org.apache.spark.sql.types.{AbstractDataType, BinaryType, DataType, GeometryType, StructField, StructType}
import org.apache.spark.sql.util.ArrowUtils

/** The few `private[sql]` Spark members Strabo needs, in one place. */
object SparkInternals {
  def wrongNumArgs(name: String, expected: Seq[Int], actual: Int): Throwable =
    QueryCompilationErrors.wrongNumArgsError(name, expected, actual)

  /** An allocator for one task's Arrow batches, under Spark's own Arrow root allocator. */
  def arrowAllocator(name: String): BufferAllocator =
    ArrowUtils.rootAllocator.newChildAllocator(name, 0, Long.MaxValue)

  /**
   * The Arrow field Spark's own conversion gives a column of `dataType`. Through
   * `toArrowSchema`'s three-argument form, the one both 4.2 and 4.3 have (4.3 added a
   * parameter to `toArrowField`).
   */
  def arrowField(name: String, dataType: DataType): Field =
    ArrowUtils
      .toArrowSchema(StructType(Seq(StructField(name, dataType))), SQLConf.get.sessionLocalTimeZone, true)
      .getFields
      .get(0)

  /** Spark's own writer of rows into `vector`. */
  def arrowFieldWriter(vector: ValueVector): ArrowFieldWriter = ArrowWriter.createFieldWriter(vector)
}

/**
 * The input type of a geometry parameter: Spark's `GEOMETRY(srid)` or WKB in a `BINARY`.
 * Unlike `TypeCollection(GeometryType, BinaryType)`, no implicit cast makes a string fit it,
 * so `st_area('POINT(1 2)')` is a type error rather than a WKB parse error.
 */
object GeometryInput extends AbstractDataType {
  override private[sql] def defaultConcreteType: DataType = BinaryType
  override private[sql] def acceptsType(other: DataType): Boolean =
    other.isInstanceOf[GeometryType] || other == BinaryType
  override private[sql] def simpleString: String = "geometry or binary (WKB)"
}

/**
 * Input types of an expression whose parameters are given as SQL types, with `None` for a
 * geometry parameter (`AbstractDataType` is `private[sql]`, so this lives here).
 */
trait GeometryAwareInputTypes extends ImplicitCastInputTypes {
  protected def parameterTypes: Seq[Option[DataType]]

  override def inputTypes: Seq[AbstractDataType] = parameterTypes.map(_.getOrElse(GeometryInput))
}
