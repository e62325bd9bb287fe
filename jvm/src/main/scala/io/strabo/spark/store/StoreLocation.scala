package io.strabo.spark.store

import scala.jdk.CollectionConverters._

import org.apache.spark.sql.SparkSession

/**
 * A store's URI and the settings that reach it, as the native store takes them: object_store's
 * own keys (`aws_endpoint`, `azure_storage_account_key`, `google_service_account`, …) and
 * Hadoop's (`fs.s3a.*`, `fs.azure.*`, `fs.gs.*`; `fs.defaultFS`, `dfs.*`, `fs.viewfs.*`). It
 * travels to the executors inside the scan and the write, so that they reach the store as the
 * driver does.
 *
 * It shows as its URI alone: the settings hold credentials, and plans and logs print this.
 */
final case class StoreLocation(uri: String, settings: Map[String, String]) {
  override def toString: String = uri

  /** The location as the native calls take it: JSON with `uri` and `settings`. */
  def json: String = {
    val node = StoreOptions.mapper.createObjectNode()
    node.put("uri", uri)
    val settingsNode = node.putObject("settings")
    settings.foreach { case (k, v) => settingsNode.put(k, v) }
    node.toString
  }
}

object StoreLocation {
  /** Hadoop's settings of the storages Strabo serves. */
  private val hadoopKey = "^(fs\\.(s3a|gs|azure|viewfs)\\..*|dfs\\..*|fs\\.defaultFS)$"
  /** A reader's authorizations for GeoMesa's visibility labels, as GeoMesa's data stores take them. */
  val AuthsKey = "geomesa.security.auths"
  private def isSetting(key: String): Boolean =
    key.matches(hadoopKey) || key == AuthsKey || Seq("aws_", "azure_", "google_").exists(key.toLowerCase.startsWith)

  /** Whether a Hadoop setting has only its default (from a `*-default.xml`), which the native store assumes anyway. */
  private def isDefault(conf: org.apache.hadoop.conf.Configuration, key: String): Boolean =
    Option(conf.getPropertySources(key)).exists(_.forall(_.endsWith("-default.xml")))

  /**
   * The store at `path` (made absolute against the driver's working directory when it is a
   * local path), reached with `options` over the session's settings: its Hadoop configuration
   * (`spark.hadoop.fs.s3a.*` and the like) and its SQL configuration.
   */
  def resolve(path: String, options: Map[String, String]): StoreLocation = {
    val session = SparkSession.getActiveSession.orElse(SparkSession.getDefaultSession)
    val hadoop = session.toSeq.flatMap { s =>
      val conf = s.sparkContext.hadoopConfiguration
      conf.getValByRegex(hadoopKey).asScala.filterNot { case (key, _) => isDefault(conf, key) }
    }
    val sql = session.toSeq.flatMap(_.conf.getAll).map { case (k, v) => k.stripPrefix("spark.hadoop.") -> v }
    val settings = (hadoop ++ sql ++ options).filter { case (k, _) => isSetting(k) }.toMap
    new StoreLocation(absolute(path), settings)
  }

  /** The JSON of the store at `path` with the session's settings, for callers outside Scala (Python). */
  def jsonOf(path: String): String = resolve(path, Map.empty).json

  private val scheme = "^[A-Za-z][A-Za-z0-9+.-]+:".r

  /**
   * A local path made absolute against the driver's working directory, so that every executor
   * reads and writes the same store; a URI (`file:`, `s3a:`, ...) is kept as given.
   */
  private def absolute(path: String): String =
    if (scheme.findPrefixOf(path).isDefined) path
    else java.nio.file.Paths.get(path).toAbsolutePath.normalize.toString
}
