package io.strabo.spark.expressions

import java.nio.{ByteBuffer, ByteOrder}

import org.apache.spark.sql.catalyst.expressions.GenericInternalRow
import org.apache.spark.sql.catalyst.util.GenericArrayData
import org.apache.spark.sql.types._
import org.apache.spark.unsafe.types.UTF8String

/** Results of the per-row path, as Catalyst values. */
object Results {

  /** A text, binary or geometry result's bytes as a Catalyst value of `dataType`. */
  def fromBytes(bytes: Array[Byte], dataType: DataType): Any = dataType match {
    case _: StringType => UTF8String.fromBytes(bytes)
    case BinaryType => bytes
    case _: GeometryType => GeometryValues.wrap(bytes)
    case _: ArrayType | _: StructType => decode(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), dataType)
    case other => throw new IllegalStateException(s"$other is not a bytes result")
  }

  /** One value in the row layout, its null flag first: an aggregate's result. */
  def fromRowValue(bytes: Array[Byte], dataType: DataType): Any =
    decodeNullable(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), dataType)

  /** An array or struct in the row layout of `native/strabo-columnar/src/row.rs`. */
  private def decode(buffer: ByteBuffer, dataType: DataType): Any = dataType match {
    case BooleanType => buffer.get() != 0
    case IntegerType => buffer.getInt()
    case LongType => buffer.getLong()
    case DoubleType => buffer.getDouble()
    case ArrayType(item, _) =>
      new GenericArrayData(Array.fill[Any](buffer.getInt())(decodeNullable(buffer, item)))
    case StructType(fields) => new GenericInternalRow(fields.map(f => decodeNullable(buffer, f.dataType)))
    case bytesType =>
      val value = new Array[Byte](buffer.getInt())
      buffer.get(value)
      fromBytes(value, bytesType)
  }

  private def decodeNullable(buffer: ByteBuffer, dataType: DataType): Any =
    if (buffer.get() != 0) null else decode(buffer, dataType)
}
