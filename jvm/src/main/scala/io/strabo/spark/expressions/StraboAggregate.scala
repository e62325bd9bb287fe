package io.strabo.spark.expressions

import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.Expression
import org.apache.spark.sql.catalyst.expressions.aggregate.TypedImperativeAggregate

import io.strabo.spark.FunctionSpec
import io.strabo.spark.jni.NativeAggregate

/**
 * A group's aggregation buffer: a group of a task's [[NativeAggregate]], or, until it needs one,
 * a state from another task waiting to be merged into a group.
 *
 * Spark hands a buffer from one instance of an aggregate function to another copy of it (after
 * `ObjectHashAggregateExec` falls back to sorting, copies made for other buffer offsets merge
 * the buffers the first one made), and each copy opens its own native program: a group number
 * means something only in the program that made it, so the buffer keeps that program, and a
 * group moves (as its state) into the program of the copy that uses it.
 */
final class StraboGroup private (
    private var owner: NativeAggregate,
    private var number: Int,
    private val state: Array[Byte]) {

  /** The group's number in `native`, made on first need (merging in its waiting state). */
  def group(native: NativeAggregate): Int = {
    if (owner ne native) {
      val waiting = if (owner == null) state else owner.takeState(number)
      owner = native
      number = native.newGroup()
      native.mergeState(number, waiting)
    }
    number
  }

  /** Merges this group into `into` of `native`; a waiting state is merged as it is. */
  def mergeInto(native: NativeAggregate, into: Int): Unit =
    if (owner eq native) native.mergeGroups(into, number)
    else native.mergeState(into, if (owner == null) state else owner.takeState(number))
}

object StraboGroup {
  def apply(owner: NativeAggregate): StraboGroup = new StraboGroup(owner, owner.newGroup(), null)

  /** A state shipped from another task. */
  def shipped(state: Array[Byte]): StraboGroup = new StraboGroup(null, -1, state)
}

/**
 * Every Strabo aggregate function (`st_extent`, `st_union_aggr`, …): a Spark typed imperative
 * aggregate whose groups live in Rust. Rows are packed as Spark hands them over, whatever their
 * group, and cross to Rust a batch at a time, in one call for every group the batch touches;
 * nested Strabo calls in the arguments run in the same native program. Partial states cross
 * between tasks in the row layout of the state's declared fields, and merge in Rust, also a
 * batch at a time.
 */
case class StraboAggregate(
    spec: FunctionSpec,
    children: Seq[Expression],
    mutableAggBufferOffset: Int = 0,
    inputAggBufferOffset: Int = 0)
    extends TypedImperativeAggregate[StraboGroup]
    with RegistryCall {

  @transient private lazy val compiled: CompiledProgram = ProgramCompiler.compileAggregate(this)

  /** The task's native program, reopened if a task that used this instance completed. */
  @transient private var program: NativeAggregate = _

  private def native: NativeAggregate = synchronized {
    if (program == null || program.isClosed) program = compiled.source.openAggregate()
    program
  }

  override def createAggregationBuffer(): StraboGroup = StraboGroup(native)

  override def update(buffer: StraboGroup, input: InternalRow): StraboGroup = {
    val aggregate = native
    val row = aggregate.startRow(buffer.group(aggregate))
    compiled.inputs.foreach { leaf =>
      leaf.expression.eval(input) match {
        case null => row.putNull()
        case value => leaf.inputType.put(row, value)
      }
    }
    aggregate.endRow()
    buffer
  }

  override def merge(buffer: StraboGroup, input: StraboGroup): StraboGroup = {
    val aggregate = native
    input.mergeInto(aggregate, buffer.group(aggregate))
    buffer
  }

  override def eval(buffer: StraboGroup): Any = {
    val aggregate = native
    Results.fromRowValue(aggregate.takeResult(buffer.group(aggregate)), dataType)
  }

  override def serialize(buffer: StraboGroup): Array[Byte] = {
    val aggregate = native
    aggregate.takeState(buffer.group(aggregate))
  }

  override def deserialize(storageFormat: Array[Byte]): StraboGroup = StraboGroup.shipped(storageFormat)

  override def withNewMutableAggBufferOffset(newOffset: Int): StraboAggregate =
    copy(mutableAggBufferOffset = newOffset)

  override def withNewInputAggBufferOffset(newOffset: Int): StraboAggregate =
    copy(inputAggBufferOffset = newOffset)

  override protected def withNewChildrenInternal(newChildren: IndexedSeq[Expression]): Expression =
    copy(children = newChildren)
}
