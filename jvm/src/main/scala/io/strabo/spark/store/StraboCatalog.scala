package io.strabo.spark.store

import java.util

import scala.jdk.CollectionConverters._

import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.analysis.{NoSuchNamespaceException, NoSuchTableException, TableAlreadyExistsException}
import org.apache.spark.sql.connector.catalog.{Column, Identifier, ProcedureCatalog, Table, TableCatalog, TableChange}
import org.apache.spark.sql.connector.catalog.procedures.{BoundProcedure, ProcedureParameter, UnboundProcedure}
import org.apache.spark.sql.connector.expressions.Transform
import org.apache.spark.sql.connector.read.{LocalScan, Scan}
import org.apache.spark.sql.types.{DoubleType, IntegerType, LongType, StringType, StructField, StructType}
import org.apache.spark.sql.util.CaseInsensitiveStringMap

import io.strabo.spark.{FeatureTypeDescription, Strabo}
import io.strabo.spark.jni.StoreNative

/**
 * A Strabo store as a Spark SQL catalog, each feature type a table:
 * {{{
 *   spark.sql.catalog.store      = io.strabo.spark.store.StraboCatalog
 *   spark.sql.catalog.store.path = file:/data/store      (or fs.path)
 * }}}
 * Then `SHOW TABLES IN store`, `SELECT … FROM store.events` (filters pushed as with
 * `format("strabo")`), `INSERT INTO` / `INSERT OVERWRITE`, `CREATE TABLE … TBLPROPERTIES (dtg,
 * scheme, points)` and `CREATE TABLE … AS SELECT`, `DESCRIBE TABLE EXTENDED` (bounds, time
 * range, rows, files), `DROP TABLE`, and `CALL store.system.compact('events')`. Other catalog
 * options are the data source's (e.g. `batchRows`).
 */
class StraboCatalog extends TableCatalog with ProcedureCatalog {
  private var catalogName: String = _
  private var options: Map[String, String] = Map.empty
  private var location: StoreLocation = _

  override def initialize(name: String, options: CaseInsensitiveStringMap): Unit = {
    catalogName = name
    this.options = options.asCaseSensitiveMap().asScala.toMap
    location = StoreOptions.location(options)
  }

  override def name(): String = catalogName

  /** The data source's options for `feature`, as `format("strabo")` would be given them. */
  private def storeOptions(feature: String, extra: Map[String, String] = Map.empty): StoreOptions =
    StoreOptions((options ++ extra + ("feature" -> feature)).asJava)

  /** Feature types sit directly in the catalog: `store.events`, no namespaces. */
  private def feature(ident: Identifier): Option[String] =
    Some(ident.name()).filter(_ => ident.namespace().isEmpty)

  private def exists(feature: String): Boolean = Strabo.featureTypes(location.uri, options).contains(feature)

  override def listTables(namespace: Array[String]): Array[Identifier] = {
    if (namespace.nonEmpty) throw new NoSuchNamespaceException(namespace)
    Strabo.featureTypes(location.uri, options).map(Identifier.of(Array.empty, _)).toArray
  }

  override def loadTable(ident: Identifier): Table = tableAt(ident)(_ => Map.empty)

  /** `SELECT … FROM store.events VERSION AS OF 3`. */
  override def loadTable(ident: Identifier, version: String): Table =
    tableAt(ident)(_ => Map("versionAsOf" -> version))

  /** `SELECT … FROM store.events TIMESTAMP AS OF '2024-06-01 12:00:00'`; Spark gives microseconds. */
  override def loadTable(ident: Identifier, timestamp: Long): Table =
    tableAt(ident)(name => Map("versionAsOf" -> StoreNative.versionAsOf(location.json, name, Math.floorDiv(timestamp, 1000L)).toString))

  /** The table of an existing feature type, read at the version `travel` gives its options. */
  private def tableAt(ident: Identifier)(travel: String => Map[String, String]): Table = {
    val name = feature(ident).filter(exists).getOrElse(throw new NoSuchTableException(ident))
    val store = storeOptions(name, travel(name))
    val description = Strabo.describe(location.uri, name, store.readVersion, options)
    new StraboTable(store, description.schema, StraboCatalog.properties(location.uri, description))
  }

  /**
   * Creates an empty feature type. The properties `dtg`, `scheme` and `points` are the write
   * options of the same names; the partitioning comes from `scheme`, not `PARTITIONED BY`.
   */
  override def createTable(
      ident: Identifier,
      columns: Array[Column],
      partitions: Array[Transform],
      properties: util.Map[String, String]): Table = {
    val name = feature(ident).getOrElse(
      throw new IllegalArgumentException(s"a Strabo feature type has a one-part name, not ${ident.toString}"))
    if (partitions.nonEmpty) {
      throw new IllegalArgumentException(
        "Strabo partitions by its scheme: give TBLPROPERTIES ('scheme' = 'daily,z2-4bits'), not PARTITIONED BY")
    }
    if (exists(name)) throw new TableAlreadyExistsException(ident)
    val schema = StructType(columns.map(c => StructField(c.name, c.dataType, c.nullable)))
    val store = storeOptions(name, properties.asScala.toMap)
    StoreNative.commit(location.json, WriteBegun(store, schema).featureType, false, -1L, "[]")
    loadTable(ident)
  }

  override def alterTable(ident: Identifier, changes: TableChange*): Table =
    throw new UnsupportedOperationException(s"Strabo cannot alter feature type $ident: write a new one")

  /** Drops the feature type: a commit that removes its files, which are then deleted. */
  override def dropTable(ident: Identifier): Boolean = feature(ident).filter(exists) match {
    case Some(name) =>
      Strabo.delete(location.uri, name, options)
      true
    case None => false
  }

  override def renameTable(oldName: Identifier, newName: Identifier): Unit =
    throw new UnsupportedOperationException(s"Strabo cannot rename feature type $oldName")

  private def procedures: Seq[UnboundProcedure] = Seq(new CompactProcedure, new VacuumProcedure)

  override def loadProcedure(ident: Identifier): UnboundProcedure =
    procedures
      .find(p => ident.namespace().sameElements(StraboCatalog.Procedures) && ident.name().equalsIgnoreCase(p.name()))
      .getOrElse(throw new IllegalArgumentException(
        s"$catalogName has no procedure ${(ident.namespace() :+ ident.name()).mkString(".")}; it has " +
          procedures.map(p => s"$catalogName.${StraboCatalog.Procedures.mkString(".")}.${p.name()}").mkString(" and ")))

  override def listProcedures(namespace: Array[String]): Array[Identifier] =
    if (namespace.sameElements(StraboCatalog.Procedures)) procedures.map(p => Identifier.of(namespace, p.name())).toArray
    else Array.empty

  /** The feature type a procedure's first argument names, which must exist. */
  private def procedureTable(input: InternalRow): String =
    Option(input.getUTF8String(0)).map(_.toString).filter(exists).getOrElse(
      throw new NoSuchTableException(Seq(catalogName, String.valueOf(input.getUTF8String(0)))))

  /** A procedure's one result row. */
  private def oneRow(row: InternalRow, schema: StructType): util.Iterator[Scan] =
    Iterator[Scan](new LocalScan {
      override def rows(): Array[InternalRow] = Array(row)
      override def readSchema(): StructType = schema
    }).asJava

  /**
   * `CALL store.system.compact('events')`: rewrites each partition held in several files as
   * one file. Returns the new version (NULL if there was nothing to compact) and the files
   * the feature type has after it.
   */
  private class CompactProcedure extends UnboundProcedure with BoundProcedure {
    override def name(): String = "compact"
    override def description(): String = "rewrites each partition of a feature type held in several files as one file"
    override def bind(inputType: StructType): BoundProcedure = this
    override def parameters(): Array[ProcedureParameter] = Array(ProcedureParameter.in("table", StringType).build())
    override def isDeterministic: Boolean = false

    override def call(input: InternalRow): util.Iterator[Scan] = {
      val name = procedureTable(input)
      val version = Strabo.compact(location.uri, name, options)
      val files = Strabo.describe(location.uri, name, options = options).files
      oneRow(
        InternalRow(version.getOrElse(null), files),
        StructType(Seq(StructField("version", LongType), StructField("files", IntegerType, nullable = false))))
    }
  }

  /**
   * `CALL store.system.vacuum('events', 24)`: deletes the files that no snapshot of the last
   * `retain_hours` (default 168, a week) reads, and expires the log before then. Returns how
   * many files it deleted, their bytes, and the oldest version left for time travel.
   */
  private class VacuumProcedure extends UnboundProcedure with BoundProcedure {
    override def name(): String = "vacuum"
    override def description(): String =
      "deletes the files of a feature type that no snapshot within the retention reads"
    override def bind(inputType: StructType): BoundProcedure = this
    override def parameters(): Array[ProcedureParameter] = Array(
      ProcedureParameter.in("table", StringType).build(),
      ProcedureParameter.in("retain_hours", DoubleType).defaultValue(Strabo.DefaultRetainHours.toString).build())
    override def isDeterministic: Boolean = false

    override def call(input: InternalRow): util.Iterator[Scan] = {
      val name = procedureTable(input)
      val retain = if (input.isNullAt(1)) Strabo.DefaultRetainHours else input.getDouble(1)
      val (files, bytes, oldestVersion) = Strabo.vacuum(location.uri, name, retain, options)
      oneRow(
        InternalRow(files.size, bytes, oldestVersion),
        StructType(Seq(
          StructField("files_deleted", IntegerType, nullable = false),
          StructField("bytes_deleted", LongType, nullable = false),
          StructField("oldest_version", LongType, nullable = false))))
    }
  }
}

object StraboCatalog {
  /** The namespace of the catalog's procedures, as Iceberg names it. */
  val Procedures: Array[String] = Array("system")

  /**
   * What `DESCRIBE TABLE EXTENDED` and `SHOW TBLPROPERTIES` show: the creation options
   * (`dtg`, `scheme`) and the latest version's figures. `bbox` is `xmin,ymin,xmax,ymax` of the
   * default geometry and `time_range` `start/end`, each absent while the feature type is empty.
   */
  def properties(uri: String, d: FeatureTypeDescription): util.Map[String, String] = {
    val fixed = Map(
      TableCatalog.PROP_PROVIDER -> "strabo",
      TableCatalog.PROP_LOCATION -> uri,
      "scheme" -> d.scheme,
      "version" -> d.version.toString,
      "rows" -> d.rows.toString,
      "files" -> d.files.toString,
      "bytes" -> d.bytes.toString)
    val optional = d.dtg.map("dtg" -> _) ++ d.bbox.map(b => "bbox" -> b.mkString(",")) ++
      d.timeRange.map { case (start, end) => "time_range" -> s"$start/$end" }
    (fixed ++ optional).asJava
  }
}
