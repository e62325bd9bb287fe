package io.strabo.spark.expressions

import org.apache.spark.sql.catalyst.expressions.SpecializedGetters
import org.apache.spark.unsafe.types.BinaryView

import io.strabo.spark.jni.RowSink

/**
 * How Spark 4.2 and 4.3 hold a `GEOMETRY` value inside rows: a `BinaryView` whose bytes are a
 * little-endian `i32` SRID followed by ISO WKB, which is the native `srid_wkb` encoding. The
 * integration tests check this against Spark's own `st_srid`, `st_asBinary` and
 * `st_geomFromWKB` on every supported Spark version.
 */
object GeometryValues {
  /** Generated code that writes the geometry `value` to `program` without copying it first. */
  def genPut(program: String, value: String): String = s"$program.putBytes(${genLocation(value)});"

  /** Generated code for the base object, offset and length of the geometry `value`'s bytes. */
  def genLocation(value: String): String = s"$value.getBaseObject(), $value.getBaseOffset(), $value.numBytes()"

  /** Generated code that turns `srid_wkb` bytes into a geometry value. */
  def genWrap(bytes: String): String = s"${classOf[BinaryView].getName}.fromBytes($bytes)"

  def put(program: RowSink, value: Any): Unit = {
    val view = value.asInstanceOf[BinaryView]
    program.putBytes(view.getBaseObject, view.getBaseOffset, view.numBytes)
  }

  def bytes(value: Any): Array[Byte] = value.asInstanceOf[BinaryView].getBytes

  /** The geometry in field `ordinal` of `row`, where it is held. */
  def view(row: SpecializedGetters, ordinal: Int): BinaryView = row.getBinaryView(ordinal)

  def wrap(bytes: Array[Byte]): Any = BinaryView.fromBytes(bytes)
}
