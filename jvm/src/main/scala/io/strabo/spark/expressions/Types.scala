package io.strabo.spark.expressions

import org.apache.spark.sql.catalyst.expressions.Expression
import org.apache.spark.sql.types._

import io.strabo.spark.FunctionSpec
import io.strabo.spark.FunctionSpec.{ArrayOf, Scalar, SqlType, StructOf}

/** Registry types as Spark types, and the choice of a signature for a call. */
object Types {

  /** The Spark type of a registry type; a geometry is `geometry` (which carries its SRID). */
  def sparkType(tpe: SqlType, geometry: DataType): DataType = tpe match {
    case Scalar("boolean") => BooleanType
    case Scalar("int") => IntegerType
    case Scalar("bigint") => LongType
    case Scalar("double") => DoubleType
    case Scalar("string") => StringType
    case Scalar("binary") => BinaryType
    case Scalar("geometry") => geometry
    case Scalar(other) => throw new IllegalArgumentException(s"unknown registry type $other")
    case ArrayOf(item) => ArrayType(sparkType(item, geometry), containsNull = true)
    case StructOf(fields) =>
      StructType(fields.map { case (name, t) => StructField(name, sparkType(t, geometry), nullable = true) })
  }

  /** Whether an argument of type `actual` fits a parameter without a lossy cast. */
  private def fits(param: SqlType, actual: DataType): Boolean = (param, actual) match {
    case (Scalar("geometry"), _: GeometryType | BinaryType) => true
    case (Scalar("double"), _: NumericType) => true
    case (Scalar("bigint"), ByteType | ShortType | IntegerType | LongType) => true
    case (Scalar("int"), ByteType | ShortType | IntegerType) => true
    case (Scalar("string"), _: StringType) => true
    case (Scalar("boolean"), BooleanType) => true
    case (Scalar("binary"), BinaryType) => true
    case (_, NullType) => true
    case _ => false
  }

  /**
   * The signature a call uses: among those taking this many arguments, the first whose
   * parameters all fit the arguments' types, else the first (Spark then reports the mismatch).
   * `None` if no signature takes this many arguments.
   */
  def resolve(spec: FunctionSpec, children: Seq[Expression]): Option[(FunctionSpec.Signature, Int)] = {
    val candidates = spec.signaturesFor(children.length)
    val resolved = children.forall(_.resolved)
    candidates
      .find { case (s, _) => resolved && s.params.zip(children).forall { case (p, c) => fits(p.tpe, c.dataType) } }
      .orElse(candidates.headOption)
  }

  /** The geometry type of a call's geometry result: its first geometry argument's, else SRID 0. */
  def resultGeometry(params: Seq[FunctionSpec.Param], children: Seq[Expression]): GeometryType =
    params
      .zip(children)
      .collectFirst { case (p, c) if p.tpe == FunctionSpec.Geometry && c.dataType.isInstanceOf[GeometryType] =>
        c.dataType.asInstanceOf[GeometryType]
      }
      .getOrElse(GeometryType(0))
}
