package org.apache.spark.sql.strabo

import org.apache.arrow.memory.BufferAllocator
import org.apache.arrow.vector.ValueVector
import org.apache.arrow.vector.types.pojo.Field
import org.apache.spark.sql.catalyst.expressions.ImplicitCastInputTypes
import org.apache.spark.sql.errors.QueryCompilationErrors
import org.apache.spark.sql.execution.arrow.{ArrowFieldWriter, ArrowWriter}
import org.apache.spark.sql.internal.SQLConf
import org.apache.spark.sql.types.{AbstractDataType, ArrayType, BinaryType, DataType, GeometryType, StructField, StructType}
import org.apache.spark.sql.util.ArrowUtils
import org.apache.spark.TaskContext
import org.apache.spark.memory.TaskMemoryManager
import org.apache.spark.util.Utils

/** The few `private[sql]` and `private[spark]` Spark members Strabo needs, in one place. */
object SparkInternals {
  /** The memory manager a task's consumers of execution memory register with. */
  def taskMemoryManager(task: TaskContext): TaskMemoryManager = task.taskMemoryManager()

  /** Reports `bytes` of execution memory held by the task at its peak, as Spark's operators do. */
  def addPeakExecutionMemory(task: TaskContext, bytes: Long): Unit =
    task.taskMetrics().incPeakExecutionMemory(bytes)

  /** `bytes` as Spark's messages show a size, such as "1.5 GiB". */
  def bytesToString(bytes: Long): String = Utils.bytesToString(bytes)

  def wrongNumArgs(name: String, expected: Seq[String], actual: Int): Throwable =
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

/** The input type of an array of geometries: Spark's `ARRAY<GEOMETRY(srid)>`. */
object GeometryArrayInput extends AbstractDataType {
  override private[sql] def defaultConcreteType: DataType = ArrayType(GeometryType("ANY"))
  override private[sql] def acceptsType(other: DataType): Boolean = other match {
    case ArrayType(_: GeometryType, _) => true
    case _ => false
  }
  override private[sql] def simpleString: String = "array<geometry>"
}

/** What a parameter takes (`AbstractDataType` is `private[sql]`, so this lives here). */
sealed trait ParameterType
/** A geometry: Spark's `GEOMETRY(srid)`, or WKB in a `BINARY`. */
case object GeometryParameter extends ParameterType
/** An array of geometries. */
case object GeometryArrayParameter extends ParameterType
/** A value of this type, after Spark's implicit casts. */
case class TypedParameter(dataType: DataType) extends ParameterType

/** Input types of an expression whose parameters are given as [[ParameterType]]s. */
trait GeometryAwareInputTypes extends ImplicitCastInputTypes {
  protected def parameterTypes: Seq[ParameterType]

  override def inputTypes: Seq[AbstractDataType] = parameterTypes.map {
    case GeometryParameter => GeometryInput
    case GeometryArrayParameter => GeometryArrayInput
    case TypedParameter(dataType) => dataType
  }
}
