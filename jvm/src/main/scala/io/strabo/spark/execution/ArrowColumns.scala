package io.strabo.spark.execution

import org.apache.arrow.memory.BufferAllocator
import org.apache.arrow.vector._
import org.apache.arrow.vector.complex.{ListVector, StructVector}
import org.apache.arrow.vector.types.FloatingPointPrecision
import org.apache.arrow.vector.types.pojo.{ArrowType, FieldType}
import org.apache.spark.sql.catalyst.expressions.SpecializedGetters
import org.apache.spark.sql.strabo.SparkInternals
import org.apache.spark.sql.types._
import org.apache.spark.sql.vectorized.{ArrowColumnVector, ColumnVector, ColumnarArray, ColumnarMap}
import org.apache.spark.unsafe.Platform
import org.apache.spark.unsafe.types.{BinaryView, UTF8String}

import io.strabo.spark.expressions.GeometryValues

/**
 * One column of a batch built from rows: an Arrow vector written a row at a time, reused from
 * batch to batch. The types Strabo's functions take are written by [[ColumnWriter]]s here;
 * other types (columns that only pass through) by Spark's own Arrow writers.
 */
sealed abstract class ColumnWriter {
  def vector: FieldVector
  /** Writes row `index` of the batch from `row`'s field `ordinal`, which may be NULL. */
  def write(row: SpecializedGetters, ordinal: Int, index: Int): Unit
  /** Ends a batch of `rows` rows. */
  def finish(rows: Int): Unit = vector.setValueCount(rows)
  /** Empties the vector for the next batch, keeping its memory. */
  def reset(): Unit = vector.reset()
  /** The vector as Spark reads it. */
  def column: ColumnVector
  def close(): Unit = column.close()
}

object ColumnWriter {
  def apply(name: String, dataType: DataType, allocator: BufferAllocator): ColumnWriter =
    arrowType(dataType) match {
      case Some(arrow) => wrap(FieldType.nullable(arrow).createNewSingleVector(name, allocator, null), dataType)
      case None => new Passthrough(name, dataType, allocator)
    }

  /**
   * The Arrow type of a column this writes (Strabo's function arguments); `None` for others,
   * which Spark's own writers write. A geometry is its SRID then WKB, in a binary vector.
   */
  private def arrowType(dataType: DataType): Option[ArrowType] = dataType match {
    case BooleanType => Some(ArrowType.Bool.INSTANCE)
    case IntegerType => Some(new ArrowType.Int(32, true))
    case LongType => Some(new ArrowType.Int(64, true))
    case DoubleType => Some(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))
    case _: StringType => Some(ArrowType.Utf8.INSTANCE)
    case BinaryType | _: GeometryType => Some(ArrowType.Binary.INSTANCE)
    case ArrayType(element, _) => arrowType(element).map(_ => ArrowType.List.INSTANCE)
    case _ => None
  }

  /**
   * A writer of `dataType` into `vector`, made for it. One subclass per type, with no closures
   * in between: a row's write must not box its index.
   */
  private def wrap(target: FieldVector, dataType: DataType): ColumnWriter = (dataType, target) match {
    case (BooleanType, v: BitVector) =>
      new ValueWriter(v, dataType) {
        def set(row: SpecializedGetters, ordinal: Int, index: Int): Unit =
          vector.setSafe(index, if (row.getBoolean(ordinal)) 1 else 0)
      }
    case (IntegerType, v: IntVector) =>
      new ValueWriter(v, dataType) {
        def set(row: SpecializedGetters, ordinal: Int, index: Int): Unit = vector.setSafe(index, row.getInt(ordinal))
      }
    case (LongType, v: BigIntVector) =>
      new ValueWriter(v, dataType) {
        def set(row: SpecializedGetters, ordinal: Int, index: Int): Unit = vector.setSafe(index, row.getLong(ordinal))
      }
    case (DoubleType, v: Float8Vector) =>
      new ValueWriter(v, dataType) {
        def set(row: SpecializedGetters, ordinal: Int, index: Int): Unit = vector.setSafe(index, row.getDouble(ordinal))
      }
    case (_: StringType, v: VarCharVector) =>
      new Bytes(v, dataType) {
        def set(row: SpecializedGetters, ordinal: Int, index: Int): Unit = {
          val s = row.getUTF8String(ordinal)
          put(index, s.getBaseObject, s.getBaseOffset, s.numBytes)
        }
      }
    case (BinaryType, v: VarBinaryVector) =>
      new Bytes(v, dataType) {
        def set(row: SpecializedGetters, ordinal: Int, index: Int): Unit = {
          val bytes = row.getBinary(ordinal)
          vector.setSafe(index, bytes, 0, bytes.length)
        }
      }
    case (_: GeometryType, v: VarBinaryVector) =>
      new Bytes(v, dataType) {
        def set(row: SpecializedGetters, ordinal: Int, index: Int): Unit = {
          val value = GeometryValues.view(row, ordinal)
          put(index, value.getBaseObject, value.getBaseOffset, value.numBytes)
        }
      }
    case (ArrayType(element, _), list: ListVector) =>
      val items = FieldType.nullable(arrowType(element).get)
      new ListWriter(list, wrap(list.addOrGetVector[FieldVector](items).getVector, element), element)
    case (other, v) => throw new IllegalStateException(s"no Arrow writer of $other into ${v.getClass.getSimpleName}")
  }

  /**
   * An ARRAY column: each row's items are written by the item writer, one after another in the
   * list's child vector.
   */
  private final class ListWriter(val vector: ListVector, itemWriter: ColumnWriter, element: DataType)
      extends ColumnWriter {
    private var itemCount = 0

    def write(row: SpecializedGetters, ordinal: Int, index: Int): Unit =
      if (row.isNullAt(ordinal)) {
        vector.startNewValue(index)
        vector.endValue(index, 0)
        vector.setNull(index)
      } else {
        val array = row.getArray(ordinal)
        val start = vector.startNewValue(index)
        var i = 0
        while (i < array.numElements()) {
          itemWriter.write(array, i, start + i)
          i += 1
        }
        itemCount = start + array.numElements()
        vector.endValue(index, array.numElements())
      }

    override def finish(rows: Int): Unit = {
      itemWriter.finish(itemCount)
      vector.setValueCount(rows)
    }

    override def reset(): Unit = {
      vector.reset()
      itemCount = 0
    }

    val column: ColumnVector = new ArrowColumn(ArrayType(element), vector)
  }

  /** A column whose non-NULL values `set` writes (a fixed-width value, or [[Bytes]]). */
  private abstract class ValueWriter[V <: FieldVector](val vector: V, dataType: DataType) extends ColumnWriter {
    def set(row: SpecializedGetters, ordinal: Int, index: Int): Unit
    final def write(row: SpecializedGetters, ordinal: Int, index: Int): Unit =
      if (row.isNullAt(ordinal)) vector.setNull(index) else set(row, ordinal, index)
    val column: ColumnVector = new ArrowColumn(dataType, vector)
  }

  /** Text, WKB or a geometry, copied from where Spark holds it (on the heap or off). */
  private abstract class Bytes[V <: BaseVariableWidthVector](vector: V, dataType: DataType)
      extends ValueWriter(vector, dataType) {
    private var scratch = new Array[Byte](64)

    protected final def put(index: Int, base: AnyRef, offset: Long, length: Int): Unit = base match {
      case bytes: Array[Byte] => vector.setSafe(index, bytes, (offset - Platform.BYTE_ARRAY_OFFSET).toInt, length)
      case _ =>
        if (scratch.length < length) scratch = new Array[Byte](math.max(length, scratch.length * 2))
        Platform.copyMemory(base, offset, scratch, Platform.BYTE_ARRAY_OFFSET, length)
        vector.setSafe(index, scratch, 0, length)
    }
  }

  /** Any other type, written and read by Spark's own Arrow conversion. */
  private final class Passthrough(name: String, dataType: DataType, allocator: BufferAllocator) extends ColumnWriter {
    val vector: FieldVector = SparkInternals.arrowField(name, dataType).createVector(allocator)
    vector.allocateNew()
    private val writer = SparkInternals.arrowFieldWriter(vector)
    def write(row: SpecializedGetters, ordinal: Int, index: Int): Unit = writer.write(row, ordinal)
    override def finish(rows: Int): Unit = writer.finish()
    override def reset(): Unit = writer.reset()
    val column: ColumnVector = new ArrowColumnVector(vector)
  }
}

/**
 * An Arrow vector as Spark reads it, for the types Strabo's functions take and return:
 * strings and geometries are read in place (a geometry is its SRID then WKB, Spark's own
 * layout, so `getBinaryView` copies nothing), arrays and structs through their children.
 */
final class ArrowColumn(dataType: DataType, val vector: ValueVector) extends ColumnVector(dataType) {
  private val children: Array[ArrowColumn] = (dataType, vector) match {
    case (ArrayType(item, _), list: ListVector) => Array(new ArrowColumn(item, list.getDataVector))
    case (StructType(fields), struct: StructVector) =>
      fields.indices.map(i => new ArrowColumn(fields(i).dataType, struct.getChildByOrdinal(i))).toArray
    case _ => Array.empty
  }

  override def close(): Unit = vector.close()
  override def hasNull: Boolean = vector.getNullCount > 0
  override def numNulls: Int = vector.getNullCount
  override def isNullAt(rowId: Int): Boolean = vector.isNull(rowId)
  override def getBoolean(rowId: Int): Boolean = vector.asInstanceOf[BitVector].get(rowId) == 1
  override def getByte(rowId: Int): Byte = unsupported("byte")
  override def getShort(rowId: Int): Short = unsupported("short")
  override def getInt(rowId: Int): Int = vector.asInstanceOf[IntVector].get(rowId)
  override def getLong(rowId: Int): Long = vector.asInstanceOf[BigIntVector].get(rowId)
  override def getFloat(rowId: Int): Float = unsupported("float")
  override def getDouble(rowId: Int): Double = vector.asInstanceOf[Float8Vector].get(rowId)
  override def getDecimal(rowId: Int, precision: Int, scale: Int): Decimal = unsupported("decimal")
  override def getMap(ordinal: Int): ColumnarMap = unsupported("map")
  override def getChild(ordinal: Int): ColumnVector = children(ordinal)

  override def getUTF8String(rowId: Int): UTF8String =
    if (isNullAt(rowId)) null else UTF8String.fromAddress(null, start(rowId), length(rowId))

  override def getBinary(rowId: Int): Array[Byte] =
    if (isNullAt(rowId)) null else vector.asInstanceOf[BaseVariableWidthVector].get(rowId)

  override def getBinaryView(rowId: Int): BinaryView =
    if (isNullAt(rowId)) null else BinaryView.fromAddress(null, start(rowId), length(rowId))

  override def getArray(rowId: Int): ColumnarArray = {
    if (isNullAt(rowId)) return null
    val offsets = vector.asInstanceOf[ListVector].getOffsetBuffer
    val from = offsets.getInt(rowId.toLong * 4)
    new ColumnarArray(children(0), from, offsets.getInt((rowId + 1).toLong * 4) - from)
  }

  private def start(rowId: Int): Long = {
    val bytes = vector.asInstanceOf[BaseVariableWidthVector]
    bytes.getDataBufferAddress + bytes.getStartOffset(rowId)
  }

  private def length(rowId: Int): Int = vector.asInstanceOf[BaseVariableWidthVector].getValueLength(rowId)

  private def unsupported(what: String): Nothing =
    throw new UnsupportedOperationException(s"Strabo's Arrow column of $dataType has no $what values")
}
