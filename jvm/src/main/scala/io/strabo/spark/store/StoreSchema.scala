package io.strabo.spark.store

import scala.jdk.CollectionConverters._

import com.fasterxml.jackson.databind.JsonNode
import org.apache.spark.sql.types._

/** Between Spark schemas and the store's feature types (JSON, see `strabo-store`'s `schema.rs`). */
object StoreSchema {

  /** The Spark schema of a feature type: its attributes in order, geometries as `GEOMETRY(srid)`. */
  def sparkSchema(featureType: JsonNode): StructType =
    StructType(featureType.get("attributes").elements().asScala.map { attribute =>
      val kind = attribute.get("type")
      val dataType = kind.get("kind").asText match {
        case "geometry" => GeometryType(kind.get("srid").asInt)
        case "string" => StringType
        case "int" => IntegerType
        case "long" => LongType
        case "float" => FloatType
        case "double" => DoubleType
        case "boolean" => BooleanType
        case "date" => DateType
        case "timestamp" => TimestampType
        case "binary" => BinaryType
        case other => throw new IllegalStateException(s"a feature type attribute of unknown kind '$other'")
      }
      StructField(attribute.get("name").asText, dataType, nullable = true)
    }.toSeq)

  /**
   * The columns of data to write, as `strabo-store` reads them: Spark's simple type names,
   * with the SRID of geometries. The store refuses the types it does not take, by name.
   */
  def hostColumns(schema: StructType): String = {
    val array = StoreOptions.mapper.createArrayNode()
    schema.fields.foreach { field =>
      val node = array.addObject()
      node.put("name", field.name)
      field.dataType match {
        case g: GeometryType if g.isMixedSrid =>
          throw new IllegalArgumentException(
            s"column '${field.name}' is ${g.simpleString}: the store needs one SRID per geometry column; use st_setSRID")
        case g: GeometryType =>
          node.put("type", "geometry")
          node.put("srid", g.srid)
        case StringType => node.put("type", "string")
        case IntegerType => node.put("type", "int")
        case LongType => node.put("type", "bigint")
        case FloatType => node.put("type", "float")
        case DoubleType => node.put("type", "double")
        case BooleanType => node.put("type", "boolean")
        case DateType => node.put("type", "date")
        case TimestampType => node.put("type", "timestamp")
        case BinaryType => node.put("type", "binary")
        case other => node.put("type", other.simpleString)
      }
    }
    array.toString
  }
}
