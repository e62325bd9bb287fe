package io.strabo.spark.store

import scala.jdk.CollectionConverters._

import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.databind.node.ObjectNode
import org.apache.spark.sql.catalyst.util.DateTimeUtils
import org.apache.spark.sql.internal.SQLConf
import org.apache.spark.sql.util.CaseInsensitiveStringMap
import org.apache.spark.unsafe.types.UTF8String

import io.strabo.spark.jni.StoreNative

/**
 * The options of `format("strabo")`, and GeoMesa's names for them under `format("geomesa")`:
 *  - `path` (`fs.path`): the store's URI: a local path, or a `file:`, `s3a:`, `gs:` or
 *    `abfss:` URI; object stores are reached with the session's Hadoop settings
 *    (`spark.hadoop.fs.s3a.*`, …) and any such option given here ([[StoreLocation]]);
 *  - `feature` (`geomesa.feature`): the feature type;
 *  - `cql`: an ECQL filter that defines the read (GeoMesa's query filter);
 *  - on write, `dtg` (the date-time column; the first timestamp column if absent, none if
 *    empty), `scheme` (GeoMesa's partition scheme, e.g. `daily,z2-4bits`), `points` (geometry
 *    columns holding points only, comma-separated), `batchRows` (rows per native write call);
 *  - on read, `pushdown` (default true): false leaves every filter to Spark, for comparison;
 *    `versionAsOf` (a version number) or `timestampAsOf` (a timestamp, read as Spark reads a
 *    timestamp string, in the session's time zone) read the feature type as it was then.
 */
case class StoreOptions(
    location: StoreLocation,
    feature: String,
    cql: Option[String],
    dtg: Option[String],
    scheme: Option[String],
    points: Seq[String],
    batchRows: Int,
    pushdown: Boolean,
    version: Option[Long] = None) {

  def uri: String = location.uri

  /** The version a read sees, as the native calls take it: -1 for the latest. */
  def readVersion: Long = version.getOrElse(-1L)

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

  /** The store's location alone, which a catalog needs before any feature type is named. */
  def location(options: java.util.Map[String, String]): StoreLocation = {
    refuseConverterStorage(options.asScala.toMap)
    StoreLocation.resolve(new Lookup(options).required("path"), options.asScala.toMap)
  }

  /**
   * GeoMesa's converter storage (a directory of CSV or JSON files that GeoMesa parses with a
   * converter named in `fs.options.converter.*`) has no metadata of its own to read: its
   * options are refused by name rather than ignored, which would read the directory as empty.
   */
  private def refuseConverterStorage(options: Map[String, String]): Unit =
    options.keys.find(_.toLowerCase.startsWith("fs.options.converter.")).foreach { key =>
      throw new IllegalArgumentException(
        s"GeoMesa's converter storage ('$key') is not read by Strabo: it reads GeoMesa's Parquet " +
          "storages; convert the files into one with GeoMesa, or into a Strabo store")
    }

  /**
   * The version `versionAsOf` or `timestampAsOf` asks for, resolved once, on the driver, so
   * that every step of the read and every task sees the same snapshot.
   */
  private def timeTravel(version: Option[String], timestamp: Option[String], location: StoreLocation, feature: String): Option[Long] =
    (version, timestamp) match {
      case (Some(_), Some(_)) =>
        throw new IllegalArgumentException("give versionAsOf or timestampAsOf, not both")
      case (Some(v), None) =>
        val parsed = v.trim.toLongOption.filter(_ >= 0)
        Some(parsed.getOrElse(throw new IllegalArgumentException(s"versionAsOf is a version number (0 or more), not '$v'")))
      case (None, Some(t)) => Some(StoreNative.versionAsOf(location.json, feature, timestampMillis(t)))
      case (None, None) => None
    }

  /** A timestamp string read as Spark casts one to TIMESTAMP, in the session's time zone. */
  private def timestampMillis(text: String): Long = {
    val zone = java.time.ZoneId.of(SQLConf.get.sessionLocalTimeZone)
    DateTimeUtils.stringToTimestamp(UTF8String.fromString(text.trim), zone)
      .map(micros => Math.floorDiv(micros, 1000L))
      .getOrElse(throw new IllegalArgumentException(s"timestampAsOf is not a timestamp: '$text'"))
  }

  def apply(options: java.util.Map[String, String]): StoreOptions = {
    val lookup = new Lookup(options)
    import lookup.{get, required}
    val batchRows = get("batchRows").map(_.toInt).getOrElse(65536)
    require(batchRows > 0, s"batchRows must be positive, got $batchRows")
    val (location, feature) = (StoreOptions.location(options), required("feature"))
    StoreOptions(
      location = location,
      feature = feature,
      cql = get("cql").filter(_.trim.nonEmpty),
      dtg = get("dtg"),
      scheme = get("scheme"),
      points = get("points").toSeq.flatMap(_.split(",").map(_.trim).filter(_.nonEmpty)),
      batchRows = batchRows,
      pushdown = get("pushdown").forall(_.toBoolean),
      version = timeTravel(get("versionAsOf"), get("timestampAsOf"), location, feature))
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
