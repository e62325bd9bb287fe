package io.strabo.spark.execution

import java.lang.ref.Cleaner
import java.util.{Collections, WeakHashMap}
import java.util.concurrent.ConcurrentHashMap

import scala.collection.mutable.ArrayBuffer

import org.apache.arrow.c.{ArrowArray, ArrowSchema, Data}
import org.apache.arrow.memory.BufferAllocator
import org.apache.arrow.vector.IntVector
import org.apache.arrow.vector.complex.StructVector
import org.apache.spark.TaskContext
import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{Attribute, Expression, GenericInternalRow, JoinedRow, Predicate, UnsafeProjection}
import org.apache.spark.sql.catalyst.optimizer.{BuildLeft, BuildRight, BuildSide}
import org.apache.spark.sql.catalyst.plans._
import org.apache.spark.sql.catalyst.plans.physical.{BroadcastDistribution, Distribution, IdentityBroadcastMode, UnspecifiedDistribution}
import org.apache.spark.sql.execution.{BinaryExecNode, SparkPlan}
import org.apache.spark.sql.execution.metric.{SQLMetric, SQLMetrics}
import org.apache.spark.sql.strabo.SparkInternals
import org.apache.spark.sql.types.{DataType, GeometryType}

import io.strabo.spark.jni.JoinNative

/**
 * A join on a spatial predicate through Strabo's join operator: the `buildSide` child is
 * broadcast, and each executor builds one index of it in Rust ([[SpatialIndexes]]), shared by
 * its tasks. The other side streams through: a batch of its keys at a time crosses to Rust as
 * an Arrow array, and the pairs of rows that satisfy the predicate come back as an Arrow struct
 * of row numbers. The rest of the join condition, `condition`, is evaluated on each pair.
 *
 * The first argument of `test` is `leftKey` when `leftIsFirst`, else `rightKey`; `shownTest` is
 * the test as the query wrote it, for `explain`.
 */
case class StraboSpatialJoinExec(
    test: SpatialTest,
    shownTest: String,
    leftIsFirst: Boolean,
    leftKey: Attribute,
    rightKey: Attribute,
    buildSide: BuildSide,
    joinType: JoinType,
    condition: Option[Expression],
    left: SparkPlan,
    right: SparkPlan)
    extends BinaryExecNode {

  override def output: Seq[Attribute] = StraboJoinStrategy.outputOf(joinType, left.output, right.output)

  override def requiredChildDistribution: Seq[Distribution] = buildSide match {
    case BuildLeft => BroadcastDistribution(IdentityBroadcastMode) :: UnspecifiedDistribution :: Nil
    case BuildRight => UnspecifiedDistribution :: BroadcastDistribution(IdentityBroadcastMode) :: Nil
  }

  override lazy val metrics: Map[String, SQLMetric] = Map(
    "numOutputRows" -> SQLMetrics.createMetric(sparkContext, "number of output rows"),
    "numPairs" -> SQLMetrics.createMetric(sparkContext, "pairs the index found"),
    "numProbeBatches" -> SQLMetrics.createMetric(sparkContext, "probe batches"),
    "probeTime" -> SQLMetrics.createNanoTimingMetric(sparkContext, "time probing the index"))

  override def simpleString(maxFields: Int): String = {
    val indexed = buildSide match {
      case BuildLeft => "left"
      case BuildRight => "right"
    }
    s"StraboSpatialJoin $joinType, $shownTest, strategy: broadcast index, " +
      s"indexed side: $indexed${condition.fold("")(c => s", condition: ${c.sql}")}"
  }

  override protected def doExecute(): RDD[InternalRow] = {
    val (streamed, streamedKey, indexed, indexedKey) = buildSide match {
      case BuildLeft => (right, rightKey, left, leftKey)
      case BuildRight => (left, leftKey, right, rightKey)
    }
    val broadcastRows = indexed.executeBroadcast[Array[InternalRow]]()
    val indexedFirst = (buildSide == BuildLeft) == leftIsFirst
    val indexedOrdinal = indexed.output.indexWhere(_.exprId == indexedKey.exprId)
    val streamedOrdinal = streamed.output.indexWhere(_.exprId == streamedKey.exprId)
    require(indexedOrdinal >= 0 && streamedOrdinal >= 0, s"$nodeName: a key is not a column of its side")
    val index = IndexSpec(test, indexedFirst, indexedOrdinal, indexedKey.dataType)
    val streamedKeyType = streamedKey.dataType
    val batchSize = StraboConf.batchSize(conf)
    val indexedWidth = indexed.output.length
    val condition = this.condition
    val output = this.output
    val (leftOutput, rightOutput) = (left.output, right.output)
    val joinType = this.joinType
    val indexedOnLeft = buildSide == BuildLeft
    val metrics = this.metrics

    streamed.execute().mapPartitions { rows =>
      val task = TaskContext.get()
      val rowsOfIndex = broadcastRows.value
      val handle = SpatialIndexes.index(rowsOfIndex, index)
      val allocator = SparkInternals.arrowAllocator(s"strabo-join-${task.taskAttemptId()}")
      val keys = ColumnWriter("key", streamedKeyType, allocator)
      task.addTaskCompletionListener[Unit] { _ =>
        keys.close()
        allocator.close()
      }
      val joined = new JoinedRow
      val pair: (InternalRow, InternalRow) => InternalRow =
        if (indexedOnLeft) (streamedRow, indexedRow) => joined(indexedRow, streamedRow)
        else (streamedRow, indexedRow) => joined(streamedRow, indexedRow)
      val boundCondition = condition.map(c => Predicate.create(c, leftOutput ++ rightOutput))
      val joinedBatches = new JoinedBatches(
        joinType, rowsOfIndex, new GenericInternalRow(indexedWidth), pair,
        (s, i) => boundCondition.forall(_.eval(pair(s, i))),
        UnsafeProjection.create(output, leftOutput ++ rightOutput), metrics("numOutputRows"))
      val batch = new ArrayBuffer[InternalRow](batchSize)
      val batches = new Iterator[Iterator[InternalRow]] {
        override def hasNext: Boolean = rows.hasNext
        // Rows are reused by the iterator that gives them: each is copied into the batch.
        override def next(): Iterator[InternalRow] = {
          batch.clear()
          keys.reset()
          while (batch.length < batchSize && rows.hasNext) {
            val row = rows.next()
            keys.write(row, streamedOrdinal, batch.length)
            batch += row.copy()
          }
          keys.finish(batch.length)
          val start = System.nanoTime()
          val (probe, build) = SpatialIndexes.probe(handle, keys, streamedKeyType, allocator)
          metrics("probeTime") += System.nanoTime() - start
          metrics("numProbeBatches") += 1
          metrics("numPairs") += probe.length
          joinedBatches.of(batch, probe, build)
        }
      }
      batches.flatten
    }
  }

  override protected def withNewChildrenInternal(newLeft: SparkPlan, newRight: SparkPlan): StraboSpatialJoinExec =
    copy(left = newLeft, right = newRight)
}

/**
 * The rows a batch of the streamed side joins to, made as they are asked for: each output row
 * is `project`ed into the projection's own buffer, reused for the next, so nothing is copied
 * beyond what the projection writes. `probe` and `build` are the pairs the index found, in the
 * order of the streamed rows.
 */
private final class JoinedBatches(
    joinType: JoinType,
    indexedRows: Array[InternalRow],
    nulls: InternalRow,
    pair: (InternalRow, InternalRow) => InternalRow,
    accepted: (InternalRow, InternalRow) => Boolean,
    project: UnsafeProjection,
    outputRows: SQLMetric) {

  def of(streamed: ArrayBuffer[InternalRow], probe: Array[Int], build: Array[Int]): Iterator[InternalRow] =
    new Iterator[InternalRow] {
      private var row = 0
      private var k = 0
      private var matched = false
      private var pending: InternalRow = _

      override def hasNext: Boolean = {
        if (pending == null) pending = advance()
        pending != null
      }

      override def next(): InternalRow = {
        if (!hasNext) throw new NoSuchElementException
        val out = pending
        pending = null
        outputRows += 1
        out
      }

      /** The next output row, or null when the batch is done. */
      private def advance(): InternalRow = {
        while (row < streamed.length) {
          val streamedRow = streamed(row)
          while (k < probe.length && probe(k) == row) {
            val indexedRow = indexedRows(build(k))
            k += 1
            if (accepted(streamedRow, indexedRow)) {
              matched = true
              joinType match {
                case LeftSemi =>
                  while (k < probe.length && probe(k) == row) k += 1
                case LeftAnti =>
                case _ => return project(pair(streamedRow, indexedRow))
              }
            }
          }
          val unmatched = !matched
          matched = false
          row += 1
          joinType match {
            case LeftSemi if !unmatched => return streamedRow
            case LeftAnti if unmatched => return streamedRow
            case LeftOuter | RightOuter if unmatched => return project(pair(streamedRow, nulls))
            case _ =>
          }
        }
        null
      }
    }
}

/**
 * The test a spatial join applies to a pair: a topological predicate (its registry name), or
 * with a `distance`, a distance function (`st_distance`, `st_distanceSphere`,
 * `st_distanceSpheroid`): pairs at most that far apart (less than it unless `inclusive`).
 */
case class SpatialTest(predicate: String, distance: Option[Double] = None, inclusive: Boolean = true) {
  def describe(first: String, second: String): String = distance match {
    case None => s"$predicate($first, $second)"
    case Some(d) if predicate == "st_distance" && inclusive => s"st_dwithin($first, $second, $d)"
    case Some(d) => s"$predicate($first, $second) ${if (inclusive) "<=" else "<"} $d"
  }
}

/** What an index is built for: the test, its indexed argument, and the key column. */
private case class IndexSpec(test: SpatialTest, indexedFirst: Boolean, keyOrdinal: Int, keyType: DataType)

/**
 * The native indexes of this executor, one per broadcast value and [[IndexSpec]], built by
 * the first task that needs one and shared by the others. An index lives as long as the
 * broadcast rows it indexes: when Spark drops the broadcast and no task holds its rows any
 * more, the index is released.
 */
private object SpatialIndexes {
  private val cleaner = Cleaner.create()
  private val indexes =
    Collections.synchronizedMap(new WeakHashMap[Array[InternalRow], ConcurrentHashMap[IndexSpec, java.lang.Long]]())

  /** Rows of the indexed side turned into Arrow for the builder, this many at a time. */
  private val BuildBatch = 65536

  /** The index of `rows` for `spec`, built on first need. */
  def index(rows: Array[InternalRow], spec: IndexSpec): Long = {
    val specs = indexes.synchronized {
      var specs = indexes.get(rows)
      if (specs == null) {
        val created = new ConcurrentHashMap[IndexSpec, java.lang.Long]()
        specs = created
        indexes.put(rows, created)
        cleaner.register(rows, () => created.values().forEach(h => JoinNative.indexRelease(h)))
      }
      specs
    }
    specs.computeIfAbsent(spec, _ => java.lang.Long.valueOf(build(rows, spec)))
  }

  private def build(rows: Array[InternalRow], spec: IndexSpec): Long = {
    val allocator = SparkInternals.arrowAllocator("strabo-join-index")
    val keys = ColumnWriter("key", spec.keyType, allocator)
    try {
      val builder = JoinNative.builderOpen(
        spec.test.predicate, spec.indexedFirst, spec.test.distance.getOrElse(0.0), spec.test.inclusive)
      // Released here unless `builderFinish` took it, whether it then succeeded or not.
      var unfinished = builder
      try {
        rows.grouped(BuildBatch).foreach { group =>
          keys.reset()
          var i = 0
          while (i < group.length) {
            keys.write(group(i), spec.keyOrdinal, i)
            i += 1
          }
          keys.finish(group.length)
          ArrowExport.exported(allocator, Seq(keys.vector)) { (arrays, schemas) =>
            JoinNative.builderAdd(builder, arrays(0), schemas(0), sridPrefixed(spec.keyType))
          }
        }
        unfinished = 0L
        JoinNative.builderFinish(builder)
      } finally {
        if (unfinished != 0L) JoinNative.builderRelease(unfinished)
      }
    } finally {
      keys.close()
      allocator.close()
    }
  }

  /** The matching pairs of a batch of keys: probe row numbers and indexed row numbers. */
  def probe(index: Long, keys: ColumnWriter, keyType: DataType, allocator: BufferAllocator): (Array[Int], Array[Int]) = {
    val outArray = ArrowArray.allocateNew(allocator)
    val outSchema = ArrowSchema.allocateNew(allocator)
    try {
      ArrowExport.exported(allocator, Seq(keys.vector)) { (arrays, schemas) =>
        JoinNative.indexProbe(
          index, arrays(0), schemas(0), sridPrefixed(keyType), outArray.memoryAddress(), outSchema.memoryAddress())
      }
      val pairs = Data.importVector(allocator, outArray, outSchema, null).asInstanceOf[StructVector]
      try {
        def column(name: String) = {
          val vector = pairs.getChild(name, classOf[IntVector])
          Array.tabulate(vector.getValueCount)(vector.get)
        }
        (column("probe"), column("build"))
      } finally pairs.close()
    } finally {
      outArray.close()
      outSchema.close()
    }
  }

  private def sridPrefixed(keyType: DataType): Boolean = keyType.isInstanceOf[GeometryType]
}
