package io.strabo.spark.expressions

import java.nio.{ByteBuffer, ByteOrder}

import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.Expression
import org.apache.spark.sql.catalyst.expressions.aggregate.TypedImperativeAggregate
import org.apache.spark.sql.types._

import io.strabo.spark.FunctionSpec
import io.strabo.spark.jni.{NativeAggregate, RowBuffer}

/**
 * A group's state: an accumulator in native memory, and the rows not yet handed to it. Rows
 * are packed as they come and cross to Rust a batch at a time.
 */
final class StraboAccumulator(aggregate: NativeAggregate) {
  private val handle = aggregate.newAccumulator()
  private val pending = new RowBuffer
  private var pendingRows = 0

  /** Adds a row whose values `write` packs. */
  def add(write: RowBuffer => Unit): Unit = {
    write(pending)
    pendingRows += 1
    if (pendingRows >= StraboAccumulator.BatchRows) flush()
  }

  def merge(other: StraboAccumulator): Unit = {
    other.flush()
    mergeState(other.takeState())
  }

  def mergeState(state: Array[Byte]): Unit = {
    flush()
    aggregate.merge(handle, state)
  }

  /** The state, for another task; this accumulator is done with. */
  def takeState(): Array[Byte] = {
    flush()
    try aggregate.state(handle)
    finally aggregate.free(handle)
  }

  /** The result in the row layout; this accumulator is done with. */
  def takeResult(): Array[Byte] = {
    flush()
    try aggregate.finish(handle)
    finally aggregate.free(handle)
  }

  private def flush(): Unit = if (pendingRows > 0) {
    aggregate.update(handle, pending, pendingRows)
    pending.clear()
    pendingRows = 0
  }
}

object StraboAccumulator {
  /** Rows packed before they cross to Rust in one call. */
  val BatchRows = 1024
}

/**
 * Every Strabo aggregate function (`st_extent`, `st_union_aggr`, …): a Spark typed imperative
 * aggregate whose state lives in Rust. Nested Strabo calls in its arguments run in the same
 * native program, a batch of rows at a time; partial states cross between tasks as Rust
 * serializes them.
 */
case class StraboAggregate(
    spec: FunctionSpec,
    children: Seq[Expression],
    mutableAggBufferOffset: Int = 0,
    inputAggBufferOffset: Int = 0)
    extends TypedImperativeAggregate[StraboAccumulator]
    with RegistryCall {

  @transient private lazy val compiled: CompiledProgram = ProgramCompiler.compileAggregate(this)

  /** The task's native program, reopened if a task that used this instance completed. */
  @transient private var program: NativeAggregate = _

  private def native: NativeAggregate = synchronized {
    if (program == null || program.isClosed) program = compiled.source.openAggregate()
    program
  }

  override def createAggregationBuffer(): StraboAccumulator = new StraboAccumulator(native)

  override def update(buffer: StraboAccumulator, input: InternalRow): StraboAccumulator = {
    buffer.add { rows =>
      compiled.inputs.foreach { leaf =>
        leaf.expression.eval(input) match {
          case null => rows.putNull()
          case value => leaf.inputType.put(rows, value)
        }
      }
    }
    buffer
  }

  override def merge(buffer: StraboAccumulator, input: StraboAccumulator): StraboAccumulator = {
    buffer.merge(input)
    buffer
  }

  override def eval(buffer: StraboAccumulator): Any = {
    val result = ByteBuffer.wrap(buffer.takeResult()).order(ByteOrder.LITTLE_ENDIAN)
    if (result.get() != 0) {
      null
    } else {
      dataType match {
        case BooleanType => result.get() != 0
        case IntegerType => result.getInt()
        case LongType => result.getLong()
        case DoubleType => result.getDouble()
        case other =>
          val value = new Array[Byte](result.getInt())
          result.get(value)
          Results.fromBytes(value, other)
      }
    }
  }

  override def serialize(buffer: StraboAccumulator): Array[Byte] = buffer.takeState()

  override def deserialize(storageFormat: Array[Byte]): StraboAccumulator = {
    val accumulator = createAggregationBuffer()
    accumulator.mergeState(storageFormat)
    accumulator
  }

  override def withNewMutableAggBufferOffset(newOffset: Int): StraboAggregate =
    copy(mutableAggBufferOffset = newOffset)

  override def withNewInputAggBufferOffset(newOffset: Int): StraboAggregate =
    copy(inputAggBufferOffset = newOffset)

  override protected def withNewChildrenInternal(newChildren: IndexedSeq[Expression]): Expression =
    copy(children = newChildren)
}
