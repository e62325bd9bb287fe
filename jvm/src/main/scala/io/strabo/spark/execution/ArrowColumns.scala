package io.strabo.spark.execution

import org.apache.arrow.memory.BufferAllocator
import org.apache.arrow.vector._
import org.apache.arrow.vector.complex.{ListVector, StructVector}
import org.apache.arrow.vector.types.FloatingPointPrecision
import org.apache.arrow.vector.types.pojo.{ArrowType, FieldType}
import org.apache.spark.sql.catalyst.expressions.SpecializedGetters
import org.apache.spark.sql.execution.vectorized.WritableColumnVector
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
  /**
   * Writes the first `rows` values of `column`, of this writer's type, as the batch's rows:
   * through `write`, which reads strings and geometries where the column holds them.
   */
  def copy(column: ColumnVector, rows: Int): Unit = {
    val values = new ColumnarArray(column, 0, rows)
    var row = 0
    while (row < rows) {
      write(values, row, row)
      row += 1
    }
  }

  /** Ends a batch of `rows` rows. */
  def finish(rows: Int): Unit = vector.setValueCount(rows)
  /** Empties the vector for the next batch, keeping its memory. */
  def reset(): Unit = vector.reset()
  /** The vector as Spark reads it. */
  def column: ColumnVector
  def close(): Unit = column.close()

  // Writes of one value, for generated code, which holds a row's values in variables: each
  // writer takes those of its type (see ColumnWriter.genPut).
  def putNull(index: Int): Unit = vector.setNull(index)
  def putBoolean(index: Int, value: Boolean): Unit = notMine("boolean")
  def putByte(index: Int, value: Byte): Unit = notMine("byte")
  def putShort(index: Int, value: Short): Unit = notMine("short")
  def putInt(index: Int, value: Int): Unit = notMine("int")
  def putLong(index: Int, value: Long): Unit = notMine("long")
  def putFloat(index: Int, value: Float): Unit = notMine("float")
  def putDouble(index: Int, value: Double): Unit = notMine("double")
  /** Text, WKB or a geometry, copied from where Spark holds it (on the heap or off). */
  def putBytes(index: Int, base: AnyRef, offset: Long, length: Int): Unit = notMine("bytes")

  private def notMine(what: String): Nothing =
    throw new IllegalStateException(s"a ${vector.getClass.getSimpleName} writer takes no $what values")
}

object ColumnWriter {
  def apply(name: String, dataType: DataType, allocator: BufferAllocator): ColumnWriter =
    arrowType(dataType) match {
      case Some(arrow) => wrap(FieldType.nullable(arrow).createNewSingleVector(name, allocator, null), dataType)
      case None if sparkFixedWidth(dataType) =>
        val vector = SparkInternals.arrowField(name, dataType).createVector(allocator)
        vector.allocateNew()
        wrap(vector, dataType)
      case None => new Passthrough(name, dataType, allocator)
    }

  /** Whether generated code can write values of `dataType` (see [[genPut]]). */
  def writesValues(dataType: DataType): Boolean = dataType match {
    case _: ArrayType => false
    case other => arrowType(other).isDefined || sparkFixedWidth(other)
  }

  /**
   * Types that Strabo's functions do not take but that often pass through them (a feature's
   * time, say): written by a [[ColumnWriter]] into the vector Spark's own Arrow conversion makes
   * (a timestamp keeps its time zone), and read by Spark's `ArrowColumnVector`.
   */
  private def sparkFixedWidth(dataType: DataType): Boolean = dataType match {
    case ByteType | ShortType | FloatType | DateType | TimestampType | TimestampNTZType => true
    case _ => false
  }

  /**
   * Generated code that writes the value `value` of type `dataType` (a Java variable) to row
   * `index` of `writer`.
   */
  def genPut(writer: String, dataType: DataType, index: String, value: String): String = dataType match {
    case BooleanType => s"$writer.putBoolean($index, $value);"
    case ByteType => s"$writer.putByte($index, $value);"
    case ShortType => s"$writer.putShort($index, $value);"
    case IntegerType | DateType => s"$writer.putInt($index, $value);"
    case LongType | TimestampType | TimestampNTZType => s"$writer.putLong($index, $value);"
    case FloatType => s"$writer.putFloat($index, $value);"
    case DoubleType => s"$writer.putDouble($index, $value);"
    case _: StringType => s"$writer.putBytes($index, $value.getBaseObject(), $value.getBaseOffset(), $value.numBytes());"
    case BinaryType =>
      s"$writer.putBytes($index, $value, ${classOf[Platform].getName}.BYTE_ARRAY_OFFSET, $value.length);"
    case _: GeometryType => s"$writer.putBytes($index, ${GeometryValues.genLocation(value)});"
    case other => throw new IllegalArgumentException(s"generated code cannot write $other values")
  }

  /**
   * The Arrow type of a column of Strabo's function arguments, read by [[ArrowColumn]]; `None`
   * for others. A geometry is its SRID then WKB, in a binary vector.
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
   * A writer of `dataType` into `vector`, made for it: one class per type, with no closures in
   * between, so that a row's write boxes nothing.
   */
  private def wrap(target: FieldVector, dataType: DataType): ColumnWriter = (dataType, target) match {
    case (BooleanType, v: BitVector) => new Booleans(v, dataType)
    case (ByteType, v: TinyIntVector) => new TinyInts(v, dataType)
    case (ShortType, v: SmallIntVector) => new Shorts(v, dataType)
    case (IntegerType, v: IntVector) => new Ints(v, dataType)
    case (DateType, v: DateDayVector) => new Ints(v, dataType)
    case (LongType, v: BigIntVector) => new Longs(v, dataType)
    case (TimestampType | TimestampNTZType, v: TimeStampVector) => new Longs(v, dataType)
    case (FloatType, v: Float4Vector) => new Floats(v, dataType)
    case (DoubleType, v: Float8Vector) => new Doubles(v, dataType)
    case (_: StringType, v: VarCharVector) => new Strings(v, dataType)
    case (BinaryType, v: VarBinaryVector) => new Binaries(v, dataType)
    case (_: GeometryType, v: VarBinaryVector) => new Geometries(v, dataType)
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
      itemWriter.reset()
      itemCount = 0
    }

    val column: ColumnVector = new ArrowColumn(ArrayType(element), vector)
  }

  /** A column whose non-NULL values `set` writes. */
  private abstract class ValueWriter[V <: FieldVector](val vector: V, dataType: DataType) extends ColumnWriter {
    def set(row: SpecializedGetters, ordinal: Int, index: Int): Unit
    final def write(row: SpecializedGetters, ordinal: Int, index: Int): Unit =
      if (row.isNullAt(ordinal)) putNull(index) else set(row, ordinal, index)
    val column: ColumnVector =
      if (sparkFixedWidth(dataType)) new ArrowColumnVector(vector) else new ArrowColumn(dataType, vector)
  }

  private final class Booleans(v: BitVector, t: DataType) extends ValueWriter(v, t) {
    def set(row: SpecializedGetters, ordinal: Int, index: Int): Unit = putBoolean(index, row.getBoolean(ordinal))
    override def putBoolean(index: Int, value: Boolean): Unit = vector.setSafe(index, if (value) 1 else 0)
  }

  /**
   * A fixed-width column written straight to its buffers' memory: the vector's own `setSafe`
   * checks its capacity, then bounds twice, for every value; here one comparison guards each.
   */
  private abstract class FixedWidth[V <: BaseFixedWidthVector](v: V, t: DataType) extends ValueWriter(v, t) {
    /** Rows the buffers hold: 0 until the first write of a batch looks the buffers up. */
    private var capacity = 0
    private var values = 0L
    private var validity = 0L

    /** The address of row `index`'s value, marked valid. */
    protected final def slot(index: Int): Long = {
      if (index >= capacity) reserve(index)
      val bits = validity + (index >> 3)
      Platform.putByte(null, bits, (Platform.getByte(null, bits) | (1 << (index & 7))).toByte)
      values + index.toLong * vector.getTypeWidth
    }

    // Reset buffers are zeroed: a NULL only needs room.
    override final def putNull(index: Int): Unit = if (index >= capacity) reserve(index)

    private def reserve(index: Int): Unit = {
      while (vector.getValueCapacity <= index) vector.reAlloc()
      capacity = vector.getValueCapacity
      values = vector.getDataBufferAddress
      validity = vector.getValidityBufferAddress
    }

    // Either may reallocate the buffers.
    override final def finish(rows: Int): Unit = {
      vector.setValueCount(rows)
      capacity = 0
    }

    override final def reset(): Unit = {
      vector.reset()
      capacity = 0
    }
  }

  private final class TinyInts(v: TinyIntVector, t: DataType) extends FixedWidth(v, t) {
    def set(row: SpecializedGetters, ordinal: Int, index: Int): Unit = putByte(index, row.getByte(ordinal))
    override def putByte(index: Int, value: Byte): Unit = Platform.putByte(null, slot(index), value)
  }

  private final class Shorts(v: SmallIntVector, t: DataType) extends FixedWidth(v, t) {
    def set(row: SpecializedGetters, ordinal: Int, index: Int): Unit = putShort(index, row.getShort(ordinal))
    override def putShort(index: Int, value: Short): Unit = Platform.putShort(null, slot(index), value)
  }

  /** INT and DATE (days). */
  private final class Ints(v: BaseFixedWidthVector, t: DataType) extends FixedWidth(v, t) {
    def set(row: SpecializedGetters, ordinal: Int, index: Int): Unit = putInt(index, row.getInt(ordinal))
    override def putInt(index: Int, value: Int): Unit = Platform.putInt(null, slot(index), value)
  }

  /** BIGINT and timestamps (microseconds). */
  private final class Longs(v: BaseFixedWidthVector, t: DataType) extends FixedWidth(v, t) {
    def set(row: SpecializedGetters, ordinal: Int, index: Int): Unit = putLong(index, row.getLong(ordinal))
    override def putLong(index: Int, value: Long): Unit = Platform.putLong(null, slot(index), value)
  }

  private final class Floats(v: Float4Vector, t: DataType) extends FixedWidth(v, t) {
    def set(row: SpecializedGetters, ordinal: Int, index: Int): Unit = putFloat(index, row.getFloat(ordinal))
    override def putFloat(index: Int, value: Float): Unit = Platform.putFloat(null, slot(index), value)
  }

  private final class Doubles(v: Float8Vector, t: DataType) extends FixedWidth(v, t) {
    def set(row: SpecializedGetters, ordinal: Int, index: Int): Unit = putDouble(index, row.getDouble(ordinal))
    override def putDouble(index: Int, value: Double): Unit = Platform.putDouble(null, slot(index), value)
  }

  /**
   * Text, WKB or a geometry, copied from where Spark holds it (on the heap or off) straight to
   * the buffers' memory, as [[FixedWidth]] does. Rows are written in order; the offsets of rows
   * skipped (NULLs) are filled in by the next value, or by `finish`.
   */
  private abstract class VariableWidth[V <: BaseVariableWidthVector](v: V, t: DataType) extends ValueWriter(v, t) {
    /** Rows the offsets and validity hold, and bytes the data holds: 0 until looked up. */
    private var capacity = 0
    private var dataCapacity = 0L
    private var offsets = 0L
    private var validity = 0L
    private var data = 0L
    /** The last row written, and the end of its bytes. */
    private var last = -1
    private var end = 0

    override final def putBytes(index: Int, base: AnyRef, offset: Long, length: Int): Unit = {
      if (index >= capacity || end + length.toLong > dataCapacity) reserve(index, end + length.toLong)
      val bits = validity + (index >> 3)
      Platform.putByte(null, bits, (Platform.getByte(null, bits) | (1 << (index & 7))).toByte)
      var row = last + 1
      while (row < index) {
        Platform.putInt(null, offsets + (row + 1).toLong * 4, end)
        row += 1
      }
      Platform.copyMemory(base, offset, null, data + end, length)
      end += length
      Platform.putInt(null, offsets + (index + 1).toLong * 4, end)
      last = index
    }

    // Reset buffers are zeroed: a NULL only needs room; its offset is written later.
    override final def putNull(index: Int): Unit = if (index >= capacity) reserve(index, end)

    private def reserve(index: Int, bytes: Long): Unit = {
      require(bytes <= Int.MaxValue, s"a batch of ${vector.getName} holds more than 2 GiB")
      while (vector.getValueCapacity <= index) vector.reallocValidityAndOffsetBuffers()
      while (vector.getByteCapacity < bytes) vector.reallocDataBuffer()
      capacity = vector.getValueCapacity
      dataCapacity = vector.getByteCapacity
      offsets = vector.getOffsetBufferAddress
      validity = vector.getValidityBufferAddress
      data = vector.getDataBufferAddress
    }

    override final def finish(rows: Int): Unit = {
      vector.setLastSet(last)
      vector.setValueCount(rows)
      capacity = 0
    }

    override final def reset(): Unit = {
      vector.reset()
      capacity = 0
      last = -1
      end = 0
    }
  }

  private final class Strings(v: VarCharVector, t: DataType) extends VariableWidth(v, t) {
    def set(row: SpecializedGetters, ordinal: Int, index: Int): Unit = {
      val s = row.getUTF8String(ordinal)
      putBytes(index, s.getBaseObject, s.getBaseOffset, s.numBytes)
    }
  }

  private final class Binaries(v: VarBinaryVector, t: DataType) extends VariableWidth(v, t) {
    def set(row: SpecializedGetters, ordinal: Int, index: Int): Unit = {
      val bytes = row.getBinary(ordinal)
      putBytes(index, bytes, Platform.BYTE_ARRAY_OFFSET, bytes.length)
    }
    // Spark's own vectors (a Parquet or ORC scan's) show their bytes where they are; `getBinary`
    // would copy each value first.
    override def copy(column: ColumnVector, rows: Int): Unit = column match {
      case _: WritableColumnVector =>
        var row = 0
        while (row < rows) {
          if (column.isNullAt(row)) putNull(row)
          else {
            val value = column.getBinaryView(row)
            putBytes(row, value.getBaseObject, value.getBaseOffset, value.numBytes)
          }
          row += 1
        }
      case _ => super.copy(column, rows)
    }
  }

  private final class Geometries(v: VarBinaryVector, t: DataType) extends VariableWidth(v, t) {
    def set(row: SpecializedGetters, ordinal: Int, index: Int): Unit = {
      val value = GeometryValues.view(row, ordinal)
      putBytes(index, value.getBaseObject, value.getBaseOffset, value.numBytes)
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
  // Numbers are read where they are: the vector's own `get` checks the row's validity bit and
  // the buffer's bounds first, which Spark's readers have done or need not do (as `isNullAt`
  // comes first, and rows are below the batch's count).
  override def getInt(rowId: Int): Int = Platform.getInt(null, values + rowId * 4L)
  override def getLong(rowId: Int): Long = Platform.getLong(null, values + rowId * 8L)
  override def getFloat(rowId: Int): Float = unsupported("float")
  override def getDouble(rowId: Int): Double = Platform.getDouble(null, values + rowId * 8L)
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

  private def values: Long = vector.asInstanceOf[BaseFixedWidthVector].getDataBufferAddress

  private def start(rowId: Int): Long = {
    val bytes = vector.asInstanceOf[BaseVariableWidthVector]
    bytes.getDataBufferAddress + bytes.getStartOffset(rowId)
  }

  private def length(rowId: Int): Int = vector.asInstanceOf[BaseVariableWidthVector].getValueLength(rowId)

  private def unsupported(what: String): Nothing =
    throw new UnsupportedOperationException(s"Strabo's Arrow column of $dataType has no $what values")
}
