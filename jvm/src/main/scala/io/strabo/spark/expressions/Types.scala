package io.strabo.spark.expressions

import org.apache.spark.sql.catalyst.expressions.Expression
import org.apache.spark.sql.types._
import org.apache.spark.unsafe.types.UTF8String

import io.strabo.spark.FunctionSpec
import io.strabo.spark.FunctionSpec.{ArrayOf, Scalar, SqlType, StructOf}
import io.strabo.spark.jni.StraboNative

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
    // Items of an array cross as Arrow or row values, geometries in Spark's own layout.
    case (ArrayOf(Scalar("geometry")), ArrayType(_: GeometryType | NullType, _)) => true
    case (ArrayOf(Scalar("geometry")), _) => false
    case (ArrayOf(item), ArrayType(element, _)) => fits(item, element)
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
      .find { case (s, _) =>
        resolved && children.indices.forall(i => fits(s.param(i).tpe, children(i).dataType))
      }
      .orElse(candidates.headOption)
  }

  /**
   * The geometry types of a call's geometry arguments, an array's items included, and the
   * SRID 0 of WKB (`BINARY`) ones.
   */
  def argumentGeometries(signature: FunctionSpec.Signature, children: Seq[Expression]): Seq[GeometryType] =
    children.indices.flatMap { i =>
      (signature.param(i).tpe, children(i).dataType) match {
        case (FunctionSpec.Geometry, g: GeometryType) => Some(g)
        case (FunctionSpec.Geometry, BinaryType) => Some(GeometryType(0))
        case (ArrayOf(FunctionSpec.Geometry), ArrayType(g: GeometryType, _)) => Some(g)
        case _ => None
      }
    }

  /**
   * The geometry type of a call's geometry result, as its signature declares its SRID: shared
   * with its geometry arguments (their first; SRID 0 when there is none), the value of a
   * constant INT or CRS argument, or fixed. An SRID that comes from a column, or that each
   * value names, varies by row: `GEOMETRY(ANY)`.
   */
  def resultGeometry(signature: FunctionSpec.Signature, children: Seq[Expression]): GeometryType = {
    def constant(index: Int): Option[Any] = children.lift(index).filter(_.foldable).map(_.eval())
    signature.srid match {
      case FunctionSpec.SharedSrid => argumentGeometries(signature, children).headOption.getOrElse(GeometryType(0))
      case FunctionSpec.FixedSrid(srid) => GeometryType(srid)
      case FunctionSpec.ValueSrid => GeometryType("ANY")
      case FunctionSpec.SridArgument(index) =>
        constant(index) match {
          case Some(srid: Int) => GeometryType(srid)
          // A NULL SRID gives NULL rows.
          case Some(null) => GeometryType(0)
          case _ => GeometryType("ANY")
        }
      case FunctionSpec.CrsArgument(index) =>
        constant(index) match {
          case Some(crs: UTF8String) => GeometryType(StraboNative.crsSrid(crs.toString))
          case Some(srid: Int) => GeometryType(srid)
          case Some(null) => GeometryType(0)
          case _ => GeometryType("ANY")
        }
    }
  }
}
