package io.strabo.spark.expressions

import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.util.ArrayData
import org.apache.spark.sql.types._
import org.apache.spark.unsafe.types.UTF8String

import io.strabo.spark.FunctionSpec
import io.strabo.spark.FunctionSpec.SqlType
import io.strabo.spark.jni.RowSink

/**
 * How one argument value crosses to the native library: its type in a program's description
 * (see `native/strabo-eval/src/program.rs`), and how a Catalyst value of it is written into the
 * row layout of `native/strabo-columnar/src/row.rs`, interpreted and in generated code (the
 * program's constants are packed the same way). In a batch, the same values are an Arrow
 * vector of the column's type (see `io.strabo.spark.execution.ArrowColumns`).
 */
sealed abstract class InputType(val json: String) extends Serializable {
  def put(program: RowSink, value: Any): Unit
  def genPut(program: String, value: String): String
}

object InputType {
  /** The input type of an argument of Spark type `dataType` for a parameter of type `param`. */
  def of(param: SqlType, dataType: DataType): InputType = (param, dataType) match {
    case (FunctionSpec.Geometry, _: GeometryType) => GeometryIn
    case (FunctionSpec.Geometry, BinaryType) => WkbIn
    case (_: FunctionSpec.ArrayOf | _: FunctionSpec.StructOf, _: ArrayType | _: StructType) => NestedIn(param, dataType)
    case (_, BooleanType) => BooleanIn
    case (_, IntegerType) => IntIn
    case (_, LongType) => LongIn
    case (_, DoubleType) => DoubleIn
    case (_, _: StringType) => StringIn
    case (_, BinaryType) => BinaryIn
    case (_, other) => throw new IllegalArgumentException(s"Strabo cannot pass $other to native code")
  }

  case object BooleanIn extends InputType("""{"type": "boolean"}""") {
    def put(program: RowSink, value: Any): Unit = program.putBoolean(value.asInstanceOf[Boolean])
    def genPut(program: String, value: String): String = s"$program.putBoolean($value);"
  }

  case object IntIn extends InputType("""{"type": "int"}""") {
    def put(program: RowSink, value: Any): Unit = program.putInt(value.asInstanceOf[Int])
    def genPut(program: String, value: String): String = s"$program.putInt($value);"
  }

  case object LongIn extends InputType("""{"type": "bigint"}""") {
    def put(program: RowSink, value: Any): Unit = program.putLong(value.asInstanceOf[Long])
    def genPut(program: String, value: String): String = s"$program.putLong($value);"
  }

  case object DoubleIn extends InputType("""{"type": "double"}""") {
    def put(program: RowSink, value: Any): Unit = program.putDouble(value.asInstanceOf[Double])
    def genPut(program: String, value: String): String = s"$program.putDouble($value);"
  }

  case object StringIn extends InputType("""{"type": "string"}""") {
    def put(program: RowSink, value: Any): Unit = {
      val text = value.asInstanceOf[UTF8String]
      program.putBytes(text.getBaseObject, text.getBaseOffset, text.numBytes)
    }
    def genPut(program: String, value: String): String =
      s"$program.putBytes($value.getBaseObject(), $value.getBaseOffset(), $value.numBytes());"
  }

  case object BinaryIn extends InputType("""{"type": "binary"}""") {
    def put(program: RowSink, value: Any): Unit = program.putBytes(value.asInstanceOf[Array[Byte]])
    def genPut(program: String, value: String): String = s"$program.putBytes($value);"
  }

  /** A geometry given as WKB in a `BINARY` column: SRID 0. */
  case object WkbIn extends InputType("""{"type": "geometry", "encoding": "wkb", "srid": 0}""") {
    def put(program: RowSink, value: Any): Unit = BinaryIn.put(program, value)
    def genPut(program: String, value: String): String = BinaryIn.genPut(program, value)
  }

  /**
   * An ARRAY or STRUCT, given as the registry's type in the program: in a batch an Arrow list or
   * struct vector, in a row the row layout of its items or fields (see [[NestedValues]]).
   */
  case class NestedIn(param: SqlType, dataType: DataType) extends InputType(s"""{"type": ${FunctionSpec.json(param)}}""") {
    def put(program: RowSink, value: Any): Unit = NestedValues.put(program, value, dataType)
    def genPut(program: String, value: String): String =
      s"${NestedValues.getClass.getName}.MODULE$$.put($program, $value, ${NestedValues.typeRef(dataType)});"
  }

  /** Spark's `GEOMETRY`: its SRID, then ISO WKB. */
  case object GeometryIn extends InputType("""{"type": "geometry", "encoding": "srid_wkb"}""") {
    def put(program: RowSink, value: Any): Unit = GeometryValues.put(program, value)
    def genPut(program: String, value: String): String = GeometryValues.genPut(program, value)
  }
}

/** ARRAY and STRUCT values in the row layout, item by item, by recursion over their type. */
object NestedValues {
  private val types = new java.util.concurrent.ConcurrentHashMap[DataType, Integer]()
  private val byIndex = new java.util.concurrent.CopyOnWriteArrayList[DataType]()

  /** Generated code that names `dataType`, registered once (types are few and small). */
  def typeRef(dataType: DataType): String = {
    val index = types.computeIfAbsent(dataType, t => { byIndex.add(t); byIndex.size - 1 })
    s"${getClass.getName}.MODULE$$.registered($index)"
  }

  def registered(index: Int): DataType = byIndex.get(index)

  def put(program: RowSink, value: Any, dataType: DataType): Unit = dataType match {
    case ArrayType(element, _) =>
      val items = value.asInstanceOf[ArrayData]
      program.putArrayStart(items.numElements())
      var i = 0
      while (i < items.numElements()) {
        if (items.isNullAt(i)) program.putNull() else put(program, items.get(i, element), element)
        i += 1
      }
    case StructType(fields) =>
      val row = value.asInstanceOf[InternalRow]
      program.putStructStart()
      var i = 0
      while (i < fields.length) {
        if (row.isNullAt(i)) program.putNull() else put(program, row.get(i, fields(i).dataType), fields(i).dataType)
        i += 1
      }
    case BooleanType => program.putBoolean(value.asInstanceOf[Boolean])
    case IntegerType => program.putInt(value.asInstanceOf[Int])
    case LongType => program.putLong(value.asInstanceOf[Long])
    case DoubleType => program.putDouble(value.asInstanceOf[Double])
    case _: StringType => InputType.StringIn.put(program, value)
    case BinaryType => program.putBytes(value.asInstanceOf[Array[Byte]])
    case _: GeometryType => GeometryValues.put(program, value)
    case other => throw new IllegalArgumentException(s"Strabo cannot pass $other to native code")
  }
}
