package io.strabo.spark

import scala.jdk.CollectionConverters._

import com.fasterxml.jackson.databind.{JsonNode, ObjectMapper}

import io.strabo.spark.jni.StraboNative

/** One SQL function as the native registry describes it (see `native/strabo-functions`). */
case class FunctionSpec(
    name: String,
    aliases: Seq[String],
    params: Seq[FunctionSpec.Param],
    returns: String,
    nullWhen: Option[String],
    summary: String,
    details: String,
    examples: Seq[FunctionSpec.Example],
    providedBy: String) {

  def names: Seq[String] = name +: aliases

  /** Strabo evaluates it; otherwise Spark has a built-in of this name that stays in place. */
  def isNative: Boolean = providedBy == "strabo"
}

object FunctionSpec {
  case class Param(name: String, kind: String)
  case class Example(sql: String, result: String)

  /** The registry of the loaded native library. */
  lazy val registry: Seq[FunctionSpec] = parse(StraboNative.registryJson())

  def parse(json: String): Seq[FunctionSpec] =
    new ObjectMapper().readTree(json).elements().asScala.map(fromJson).toSeq

  private def fromJson(node: JsonNode): FunctionSpec = {
    def text(field: String): String = node.get(field).asText()
    def list[T](field: String)(f: JsonNode => T): Seq[T] =
      node.get(field).elements().asScala.map(f).toSeq
    FunctionSpec(
      name = text("name"),
      aliases = list("aliases")(_.asText()),
      params = list("params")(p => Param(p.get("name").asText(), p.get("kind").asText())),
      returns = text("returns"),
      nullWhen = Option(node.get("null_when")).filterNot(_.isNull).map(_.asText()),
      summary = text("summary"),
      details = text("details"),
      examples = list("examples")(e => Example(e.get("sql").asText(), e.get("result").asText())),
      providedBy = text("provided_by"))
  }
}
