package io.strabo.spark.store

import scala.jdk.CollectionConverters._

import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.databind.node.ObjectNode
import org.apache.spark.sql.util.CaseInsensitiveStringMap

/**
 * The options of `format("strabo")`, and GeoMesa's names for them under `format("geomesa")`:
 *  - `path` (`fs.path`): the store's URI, a local path or `file:` URI;
 *  - `feature` (`geomesa.feature`): the feature type;
 *  - `cql`: an ECQL filter that defines the read (GeoMesa's query filter);
 *  - on write, `dtg` (the date-time column; the first timestamp column if absent, none if
 *    empty), `scheme` (GeoMesa's partition scheme, e.g. `daily,z2-4bits`), `points` (geometry
 *    columns holding points only, comma-separated), `batchRows` (rows per native write call);
 *  - on read, `pushdown` (default true): false leaves every filter to Spark, for comparison.
 */
case class StoreOptions(
    uri: String,
    feature: String,
    cql: Option[String],
    dtg: Option[String],
    scheme: Option[String],
    points: Seq[String],
    batchRows: Int,
    pushdown: Boolean) {

  /** The options that shape a new feature type, as `strabo-store` reads them. */
  def featureTypeOptionsJson: String = {
    val node = StoreOptions.mapper.createObjectNode()
    dtg.foreach(node.put("dtg", _))
    scheme.foreach(node.put("scheme", _))
    val array = node.putArray("points")
    points.foreach(array.add)
    node.toString
  }
}

object StoreOptions {
  private[spark] val mapper = new ObjectMapper()

  /** The key under which the optimizer rule hands pushed filters to the scan (JSON array). */
  val PushedKey = "strabo.pushed"

  private val aliases = Map("fs.path" -> "path", "geomesa.feature" -> "feature")

  /** Options read by their name or by GeoMesa's, case-insensitively. */
  private class Lookup(options: java.util.Map[String, String]) {
    private val map = new CaseInsensitiveStringMap(options)
    def get(name: String): Option[String] =
      Option(map.get(name)).orElse(aliases.collectFirst { case (alias, `name`) => map.get(alias) }.flatMap(Option(_)))
    def required(name: String): String =
      get(name).getOrElse(throw new IllegalArgumentException(
        s"Strabo's data source needs the option '$name'" +
          aliases.collectFirst { case (alias, `name`) => s" (or '$alias')" }.getOrElse("")))
  }

  /** The store's URI alone, which a catalog needs before any feature type is named. */
  def uri(options: java.util.Map[String, String]): String = new Lookup(options).required("path")

  def apply(options: java.util.Map[String, String]): StoreOptions = {
    val lookup = new Lookup(options)
    import lookup.{get, required}
    val batchRows = get("batchRows").map(_.toInt).getOrElse(65536)
    require(batchRows > 0, s"batchRows must be positive, got $batchRows")
    StoreOptions(
      uri = required("path"),
      feature = required("feature"),
      cql = get("cql").filter(_.trim.nonEmpty),
      dtg = get("dtg"),
      scheme = get("scheme"),
      points = get("points").toSeq.flatMap(_.split(",").map(_.trim).filter(_.nonEmpty)),
      batchRows = batchRows,
      pushdown = get("pushdown").forall(_.toBoolean))
  }

  /** The filters the optimizer rule pushed, kept in the relation's options. */
  def pushed(options: CaseInsensitiveStringMap): Seq[String] =
    Option(options.get(PushedKey)).toSeq.flatMap(json => mapper.readTree(json).elements().asScala.map(_.toString))

  def withPushed(options: CaseInsensitiveStringMap, filters: Seq[String]): CaseInsensitiveStringMap = {
    val array = mapper.createArrayNode()
    (pushed(options) ++ filters).foreach(f => array.add(mapper.readTree(f)))
    val copy = new java.util.HashMap[String, String](options.asCaseSensitiveMap())
    copy.put(PushedKey, array.toString)
    new CaseInsensitiveStringMap(copy)
  }

  /** The conjunction of filters (each in the JSON shape of `strabo-filter`). */
  def all(filters: Seq[String]): String = {
    val node: ObjectNode = mapper.createObjectNode()
    node.put("op", "and")
    val array = node.putArray("filters")
    filters.foreach(f => array.add(mapper.readTree(f)))
    node.toString
  }
}
