package io.strabo.spark.expressions

import org.apache.spark.sql.types._
import org.apache.spark.unsafe.types.UTF8String

import io.strabo.spark.jni.NativeProgram

/**
 * How one value crosses to the native library: the names are the `Encoding`s of
 * `native/strabo-eval`. Each knows how to write a Catalyst value into a row (interpreted and
 * generated) and, for results, how to read one back.
 */
sealed abstract class Encoding(val name: String) extends Serializable {
  def put(program: NativeProgram, value: Any): Unit
  def genPut(program: String, value: String): String
  def putConstant(row: NativeProgram.RowBuilder, value: Any): Unit
}

object Encoding {
  /** The encoding of a Catalyst type, if Strabo's functions take or return it. */
  def of(dataType: DataType): Encoding = dataType match {
    case _: GeometryType => SridWkb
    case BinaryType => Wkb
    case DoubleType => Double
    case BooleanType => Boolean
    case _: StringType => Text
    case other => throw new IllegalArgumentException(s"Strabo cannot pass $other to native code")
  }

  case object Double extends Encoding("double") {
    def put(program: NativeProgram, value: Any): Unit = program.putDouble(value.asInstanceOf[scala.Double])
    def genPut(program: String, value: String): String = s"$program.putDouble($value);"
    def putConstant(row: NativeProgram.RowBuilder, value: Any): Unit =
      row.putDouble(value.asInstanceOf[scala.Double])
  }

  case object Boolean extends Encoding("boolean") {
    def put(program: NativeProgram, value: Any): Unit =
      program.putBoolean(value.asInstanceOf[scala.Boolean])
    def genPut(program: String, value: String): String = s"$program.putBoolean($value);"
    def putConstant(row: NativeProgram.RowBuilder, value: Any): Unit =
      row.putBoolean(value.asInstanceOf[scala.Boolean])
  }

  case object Text extends Encoding("string") {
    def put(program: NativeProgram, value: Any): Unit = {
      val text = value.asInstanceOf[UTF8String]
      program.putBytes(text.getBaseObject, text.getBaseOffset, text.numBytes)
    }
    def genPut(program: String, value: String): String =
      s"$program.putBytes($value.getBaseObject(), $value.getBaseOffset(), $value.numBytes());"
    def putConstant(row: NativeProgram.RowBuilder, value: Any): Unit =
      row.putBytes(value.asInstanceOf[UTF8String].getBytes)
  }

  case object Wkb extends Encoding("wkb") {
    def put(program: NativeProgram, value: Any): Unit = program.putBytes(value.asInstanceOf[Array[Byte]])
    def genPut(program: String, value: String): String = s"$program.putBytes($value);"
    def putConstant(row: NativeProgram.RowBuilder, value: Any): Unit =
      row.putBytes(value.asInstanceOf[Array[Byte]])
  }

  case object SridWkb extends Encoding("srid_wkb") {
    def put(program: NativeProgram, value: Any): Unit = GeometryValues.put(program, value)
    def genPut(program: String, value: String): String = GeometryValues.genPut(program, value)
    def putConstant(row: NativeProgram.RowBuilder, value: Any): Unit =
      row.putBytes(GeometryValues.bytes(value))
  }
}
