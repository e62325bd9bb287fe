package io.strabo.spark

import scala.jdk.CollectionConverters._

import com.fasterxml.jackson.databind.{JsonNode, ObjectMapper}

import io.strabo.spark.jni.StraboNative

/** One SQL function as the native registry describes it (see `native/strabo-kernel/src/spec.rs`). */
case class FunctionSpec(
    name: String,
    aliases: Seq[String],
    signatures: Seq[FunctionSpec.Signature],
    alsoNullWhen: Option[String],
    summary: String,
    details: String,
    examples: Seq[FunctionSpec.Example]) {

  def names: Seq[String] = name +: aliases

  /** Strabo evaluates it; otherwise Spark has a built-in of this name that stays in place. */
  def isNative: Boolean = signatures.forall(_.implementation != "spark")

  def isAggregate: Boolean = signatures.exists(_.implementation == "aggregate")

  /** The signatures that take `count` arguments, in registry order. */
  def signaturesFor(count: Int): Seq[(FunctionSpec.Signature, Int)] =
    signatures.zipWithIndex.filter { case (s, _) => s.arity.contains(count) }
}

object FunctionSpec {
  /** An SQL type of the registry: a scalar by its lower-case name, or an array or struct. */
  sealed trait SqlType
  case class Scalar(name: String) extends SqlType
  case class ArrayOf(item: SqlType) extends SqlType
  case class StructOf(fields: Seq[(String, SqlType)]) extends SqlType

  val Geometry: SqlType = Scalar("geometry")

  case class Param(name: String, tpe: SqlType, doc: String, optional: Boolean, constant: Boolean)

  /** One way to call a function; `implementation` is `scalar`, `aggregate` or `spark`. */
  case class Signature(params: Seq[Param], returns: SqlType, implementation: String) {
    def arity: Range = params.count(!_.optional) to params.length
  }

  case class Example(sql: String, result: String)

  /** The registry of the loaded native library. */
  lazy val registry: Seq[FunctionSpec] = parse(StraboNative.registryJson())

  def lookup(name: String): Option[FunctionSpec] =
    registry.find(_.names.exists(_.equalsIgnoreCase(name)))

  def parse(json: String): Seq[FunctionSpec] =
    new ObjectMapper().readTree(json).elements().asScala.map(fromJson).toSeq

  private def sqlType(node: JsonNode): SqlType =
    if (node.isTextual) Scalar(node.asText())
    else if (node.has("array")) ArrayOf(sqlType(node.get("array")))
    else StructOf(node.get("struct").elements().asScala.map(f => f.get("name").asText() -> sqlType(f.get("type"))).toSeq)

  private def fromJson(node: JsonNode): FunctionSpec = {
    def text(n: JsonNode, field: String): String = n.get(field).asText()
    def list[T](n: JsonNode, field: String)(f: JsonNode => T): Seq[T] = n.get(field).elements().asScala.map(f).toSeq
    val signatures = list(node, "signatures") { s =>
      Signature(
        list(s, "params")(p =>
          Param(text(p, "name"), sqlType(p.get("type")), text(p, "doc"), p.get("optional").asBoolean(), p.get("constant").asBoolean())),
        sqlType(s.get("returns")),
        text(s, "implementation"))
    }
    FunctionSpec(
      name = text(node, "name"),
      aliases = list(node, "aliases")(_.asText()),
      signatures = signatures,
      alsoNullWhen = Option(node.get("nulls").get("also_when")).filterNot(_.isNull).map(_.asText()),
      summary = text(node, "summary"),
      details = text(node, "details"),
      examples = list(node, "examples")(e => Example(text(e, "sql"), text(e, "result"))))
  }
}
