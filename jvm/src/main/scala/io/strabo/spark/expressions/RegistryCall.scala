package io.strabo.spark.expressions

import org.apache.spark.sql.catalyst.expressions.Expression
import org.apache.spark.sql.strabo.{
  GeometryArrayParameter, GeometryAwareInputTypes, GeometryParameter, ParameterType, TypedParameter}
import org.apache.spark.sql.types.{BinaryType, DataType}

import io.strabo.spark.FunctionSpec

/**
 * What a Strabo call, scalar ([[StraboFunction]]) or aggregate ([[StraboAggregate]]), takes from
 * its registry entry: the signature its arguments resolve to, its name in plans, the types its
 * arguments are cast to, and its result type.
 */
trait RegistryCall extends Expression with GeometryAwareInputTypes {
  def spec: FunctionSpec

  /** The signature this call uses, and its index in the registry entry. */
  @transient lazy val (signature: FunctionSpec.Signature, signatureIndex: Int) =
    Types.resolve(spec, children).getOrElse(throw new IllegalStateException(s"${spec.name} has no such signature"))

  override def prettyName: String = spec.name

  // Plans print the call, not the registry entry the expression carries.
  override protected def flatArguments: Iterator[Any] = children.iterator
  override def stringArgs: Iterator[Any] = children.iterator

  override def nullable: Boolean = true

  override protected def parameterTypes: Seq[ParameterType] =
    children.indices.map { i =>
      signature.param(i).tpe match {
        case FunctionSpec.Geometry => GeometryParameter
        case FunctionSpec.ArrayOf(FunctionSpec.Geometry) => GeometryArrayParameter
        case other => TypedParameter(Types.sparkType(other, BinaryType))
      }
    }

  /** A geometry result's type carries the SRID its signature declares. */
  override lazy val dataType: DataType =
    Types.sparkType(signature.returns, Types.resultGeometry(signature, children))
}
