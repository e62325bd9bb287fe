package io.strabo.spark.store

import java.util

import scala.jdk.CollectionConverters._

import org.apache.spark.sql.connector.catalog.{SupportsRead, SupportsWrite, Table, TableCapability, TableProvider}
import org.apache.spark.sql.connector.expressions.Transform
import org.apache.spark.sql.connector.read.ScanBuilder
import org.apache.spark.sql.connector.write.{LogicalWriteInfo, WriteBuilder}
import org.apache.spark.sql.sources.DataSourceRegister
import org.apache.spark.sql.types.StructType
import org.apache.spark.sql.util.CaseInsensitiveStringMap

import io.strabo.spark.jni.StoreNative

/**
 * `spark.read.format("strabo")` and `df.write.format("strabo")`: a feature type of a Strabo
 * store (GeoParquet files in GeoMesa's FileSystem layout, with a commit log). See
 * [[StoreOptions]] for the options.
 */
class StraboSource extends TableProvider with DataSourceRegister {
  override def shortName(): String = "strabo"

  /** A read without a schema takes the feature type's. */
  override def inferSchema(options: CaseInsensitiveStringMap): StructType = {
    val store = StoreOptions(options)
    StoreSchema.sparkSchema(StoreOptions.mapper.readTree(StoreNative.describe(store.location.json, store.feature, store.readVersion)).get("feature_type"))
  }

  /** A write brings its DataFrame's schema, which need not exist in the store yet. */
  override def supportsExternalMetadata(): Boolean = true

  override def getTable(schema: StructType, partitioning: Array[Transform], properties: util.Map[String, String]): Table =
    new StraboTable(StoreOptions(properties), schema)
}

/** `format("geomesa")`, with GeoMesa's option names (`fs.path`, `geomesa.feature`). */
class GeoMesaSource extends StraboSource {
  override def shortName(): String = "geomesa"
}

class StraboTable(
    val store: StoreOptions,
    override val schema: StructType,
    override val properties: util.Map[String, String] = util.Collections.emptyMap())
    extends Table with SupportsRead with SupportsWrite {
  override def name(): String = s"strabo ${store.feature} at ${store.uri}"

  override def capabilities(): util.Set[TableCapability] =
    Set(TableCapability.BATCH_READ, TableCapability.BATCH_WRITE, TableCapability.TRUNCATE).asJava

  override def newScanBuilder(options: CaseInsensitiveStringMap): ScanBuilder = {
    val description = StoreOptions.mapper.readTree(StoreNative.describe(store.location.json, store.feature, store.readVersion))
    val featureType = description.get("feature_type")
    val stored = StoreSchema.sparkSchema(featureType)
    if (stored != schema) {
      throw new IllegalArgumentException(
        s"feature type '${store.feature}' has the schema ${stored.simpleString}; the read asked for ${schema.simpleString}")
    }
    new StraboScanBuilder(store, featureType.toString, schema, StoreOptions.pushed(options))
  }

  override def newWriteBuilder(info: LogicalWriteInfo): WriteBuilder = {
    if (store.version.isDefined) {
      throw new IllegalArgumentException(
        "versionAsOf and timestampAsOf are for reads: a write commits on the latest version")
    }
    new StraboWriteBuilder(store, info.schema)
  }
}
