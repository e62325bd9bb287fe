package io.strabo.spark.store

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.node.ObjectNode
import org.apache.spark.sql.catalyst.expressions
import org.apache.spark.sql.catalyst.expressions.{Attribute, Expression}
import org.apache.spark.sql.connector.expressions.{Expression => V2Expression, GeneralScalarExpression, Literal => V2Literal, NamedReference}
import org.apache.spark.sql.types._
import org.apache.spark.unsafe.types.UTF8String

import io.strabo.spark.expressions.{GeometryValues, StraboFunction}

/**
 * Spark's filter expressions serialized for the store's translator (`strabo-query`'s
 * `translate.rs`): columns, literals and calls by name. Nothing is decided here; whatever has
 * no serialization is `None` and stays with Spark.
 */
object HostExpressions {
  private val mapper = StoreOptions.mapper

  private def column(name: String): JsonNode = mapper.createObjectNode().put("column", name)

  private def call(name: String, args: Seq[JsonNode]): JsonNode = {
    val node = mapper.createObjectNode()
    val body = node.putObject("call")
    body.put("name", name)
    val array = body.putArray("args")
    args.foreach(array.add)
    node
  }

  private def all(args: Seq[Option[JsonNode]]): Option[Seq[JsonNode]] =
    if (args.forall(_.isDefined)) Some(args.flatten) else None

  /** A constant in Spark's internal representation, by its type. */
  def literal(value: Any, dataType: DataType): Option[JsonNode] = {
    val node = mapper.createObjectNode()
    val body: ObjectNode = node.putObject("literal")
    def typed(name: String): ObjectNode = body.put("type", name)
    (value, dataType) match {
      case (null, _) => typed("null").putNull("value")
      case (b: Boolean, BooleanType) => typed("boolean").put("value", b)
      case (n: Byte, ByteType) => typed("int").put("value", n.toLong)
      case (n: Short, ShortType) => typed("int").put("value", n.toLong)
      case (n: Int, IntegerType) => typed("int").put("value", n.toLong)
      case (n: Long, LongType) => typed("int").put("value", n)
      case (f: Float, FloatType) if !f.isNaN && !f.isInfinite => typed("float").put("value", f.toDouble)
      case (d: Double, DoubleType) if !d.isNaN && !d.isInfinite => typed("float").put("value", d)
      // Only Spark's default collation compares strings by their bytes, as the store does.
      case (s: UTF8String, StringType) => typed("string").put("value", s.toString)
      case (days: Int, DateType) => typed("date").put("value", days)
      case (micros: Long, TimestampType) => typed("timestamp").put("value", micros)
      case (bytes: Array[Byte], BinaryType) => typed("binary").put("value", hex(bytes))
      case (geometry, _: GeometryType) => typed("geometry").put("value", hex(GeometryValues.bytes(geometry)))
      case _ => return None
    }
    Some(node)
  }

  private def hex(bytes: Array[Byte]): String = {
    val out = new StringBuilder(bytes.length * 2)
    bytes.foreach(b => out.append(f"${b & 0xff}%02X"))
    out.toString
  }

  /** A data source V2 predicate or expression, as Spark offers it to a scan. */
  def fromV2(expression: V2Expression): Option[JsonNode] = expression match {
    case reference: NamedReference if reference.fieldNames.length == 1 => Some(column(reference.fieldNames.head))
    case literal: V2Literal[_] => HostExpressions.literal(literal.value, literal.dataType)
    case general: GeneralScalarExpression =>
      all(general.children.toSeq.map(fromV2)).map(call(general.name, _))
    case _ => None
  }

  /**
   * A Catalyst expression over the scanned relation's `output`, for predicates that hold
   * Strabo's own functions (which Spark never offers as V2 predicates). Constant
   * subexpressions (`st_geomFromWKT('…')`) are evaluated here, once.
   */
  def fromCatalyst(expression: Expression, output: Seq[Attribute]): Option[JsonNode] = {
    def go(e: Expression): Option[JsonNode] = e match {
      case a: Attribute if output.exists(_.semanticEquals(a)) => Some(column(a.name))
      case e if e.foldable => literal(e.eval(), e.dataType)
      case f: StraboFunction => all(f.children.map(go)).map(call(f.spec.name.toLowerCase, _))
      case expressions.And(l, r) => binary("AND", l, r)
      case expressions.Or(l, r) => binary("OR", l, r)
      case expressions.Not(c) => go(c).map(x => call("NOT", Seq(x)))
      case expressions.EqualTo(l, r) => binary("=", l, r)
      case expressions.EqualNullSafe(l, r) => binary("<=>", l, r)
      case expressions.LessThan(l, r) => binary("<", l, r)
      case expressions.LessThanOrEqual(l, r) => binary("<=", l, r)
      case expressions.GreaterThan(l, r) => binary(">", l, r)
      case expressions.GreaterThanOrEqual(l, r) => binary(">=", l, r)
      case expressions.IsNull(c) => go(c).map(x => call("IS_NULL", Seq(x)))
      case expressions.IsNotNull(c) => go(c).map(x => call("IS_NOT_NULL", Seq(x)))
      case expressions.In(v, list) => all((v +: list).map(go)).map(call("IN", _))
      case expressions.StartsWith(l, r) => binary("STARTS_WITH", l, r)
      case expressions.EndsWith(l, r) => binary("ENDS_WITH", l, r)
      case expressions.Contains(l, r) => binary("CONTAINS", l, r)
      case _ => None
    }
    def binary(name: String, l: Expression, r: Expression): Option[JsonNode] =
      all(Seq(go(l), go(r))).map(call(name, _))
    go(expression)
  }
}
