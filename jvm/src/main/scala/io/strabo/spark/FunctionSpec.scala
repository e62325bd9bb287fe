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
    signatures.zipWithIndex.filter { case (s, _) => s.accepts(count) }

  /** The argument counts it takes, as an error message lists them: `1`, `2 or more`. */
  def arities: Seq[String] =
    signatures.flatMap { s =>
      s.maxArgs match {
        case Some(max) => (s.minArgs to max).map(_.toString)
        case None => Seq(s"${s.minArgs} or more")
      }
    }.distinct
}

object FunctionSpec {
  /** An SQL type of the registry: a scalar by its lower-case name, or an array or struct. */
  sealed trait SqlType
  case class Scalar(name: String) extends SqlType
  case class ArrayOf(item: SqlType) extends SqlType
  case class StructOf(fields: Seq[(String, SqlType)]) extends SqlType

  val Geometry: SqlType = Scalar("geometry")

  /** A type as the registry writes it in JSON, and as programs name their inputs. */
  def json(tpe: SqlType): String = tpe match {
    case Scalar(name) => s"\"$name\""
    case ArrayOf(item) => s"{\"array\": ${json(item)}}"
    case StructOf(fields) =>
      fields.map { case (name, t) => s"{\"name\": \"$name\", \"type\": ${json(t)}}" }.mkString("{\"struct\": [", ", ", "]}")
  }

  case class Param(
      name: String,
      tpe: SqlType,
      doc: String,
      optional: Boolean,
      constant: Boolean,
      variadic: Boolean)

  /** Where the SRID of a geometry result comes from (`ResultSrid` in `spec.rs`). */
  sealed trait ResultSrid
  /** The SRID the geometry arguments share. */
  case object SharedSrid extends ResultSrid
  /** The value of INT argument `index`. */
  case class SridArgument(index: Int) extends ResultSrid
  /** The coordinate system argument `index` names: a CRS STRING, or an INT SRID. */
  case class CrsArgument(index: Int) extends ResultSrid
  case class FixedSrid(srid: Int) extends ResultSrid
  /** Read from each value (EWKT's `SRID=4326;`, GeoJSON's `crs`): it varies by row. */
  case object ValueSrid extends ResultSrid

  /** One way to call a function; `implementation` is `scalar`, `aggregate` or `spark`. */
  case class Signature(params: Seq[Param], returns: SqlType, srid: ResultSrid, implementation: String) {
    def minArgs: Int = params.count(p => !p.optional && !p.variadic)
    /** `None` when the last parameter is variadic. */
    def maxArgs: Option[Int] = if (params.lastOption.exists(_.variadic)) None else Some(params.length)
    def accepts(count: Int): Boolean = count >= minArgs && maxArgs.forall(count <= _)
    /** The parameter argument `index` binds to: the variadic one for every argument past it. */
    def param(index: Int): Param = if (index < params.length) params(index) else params.last
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
    def resultSrid(n: JsonNode): ResultSrid =
      if (n.has("arg")) SridArgument(n.get("arg").asInt())
      else if (n.has("crs")) CrsArgument(n.get("crs").asInt())
      else if (n.has("fixed")) FixedSrid(n.get("fixed").asInt())
      else if (n.has("value")) ValueSrid
      else SharedSrid
    val signatures = list(node, "signatures") { s =>
      Signature(
        list(s, "params")(p =>
          Param(
            text(p, "name"),
            sqlType(p.get("type")),
            text(p, "doc"),
            p.get("optional").asBoolean(),
            p.get("constant").asBoolean(),
            p.get("variadic").asBoolean())),
        sqlType(s.get("returns")),
        resultSrid(s.get("srid")),
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
