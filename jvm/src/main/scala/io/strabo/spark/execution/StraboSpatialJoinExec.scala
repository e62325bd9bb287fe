package io.strabo.spark.execution

import java.lang.ref.Cleaner
import java.util.{Collections, WeakHashMap}
import java.util.concurrent.ConcurrentHashMap

import scala.collection.mutable.ArrayBuffer

import org.apache.arrow.memory.BufferAllocator
import org.apache.spark.{Partitioner, TaskContext}
import org.apache.spark.broadcast.Broadcast
import org.apache.spark.memory.{MemoryConsumer, MemoryMode, TaskMemoryManager}
import org.apache.spark.rdd.{RDD, ShuffledRDD}
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{Attribute, BindReferences, Expression, GenericInternalRow, JoinedRow, Predicate, UnsafeProjection, UnsafeRow}
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext
import org.apache.spark.sql.catalyst.optimizer.{BuildLeft, BuildRight, BuildSide}
import org.apache.spark.sql.catalyst.plans._
import org.apache.spark.sql.catalyst.plans.physical.{BroadcastDistribution, Distribution, IdentityBroadcastMode, UnspecifiedDistribution}
import org.apache.spark.sql.execution.{BinaryExecNode, SparkPlan, UnsafeRowSerializer}
import org.apache.spark.sql.execution.metric.{SQLMetric, SQLMetrics}
import org.apache.spark.sql.strabo.SparkInternals
import org.apache.spark.sql.types.{DataType, GeometryType}
import org.apache.spark.sql.vectorized.ColumnVector

import io.strabo.spark.jni.JoinNative

/**
 * A join on a spatial predicate through Strabo's join operator. The `buildSide` child is
 * indexed in Rust, and the other side streams through: a batch of its keys at a time crosses
 * to Rust as an Arrow array, and the pairs of rows that satisfy the predicate come back as an
 * Arrow struct of row numbers. The rest of the join condition, `condition`, is evaluated on
 * each pair.
 *
 * With [[BroadcastIndex]] the indexed side is broadcast and each executor builds one index of
 * it ([[SpatialIndexes]]), shared by its tasks. With [[PartitionedIndex]] both sides are split
 * into the cells of a KDB-tree sampled from the streamed side, and each task joins one cell.
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
    strategy: SpatialJoinStrategy,
    joinType: JoinType,
    condition: Option[Expression],
    left: SparkPlan,
    right: SparkPlan)
    extends BinaryExecNode
    with RowBatching {

  override def output: Seq[Attribute] = StraboJoinStrategy.outputOf(joinType, left.output, right.output)

  override def requiredChildDistribution: Seq[Distribution] = (strategy, buildSide) match {
    case (BroadcastIndex, BuildLeft) => BroadcastDistribution(IdentityBroadcastMode) :: UnspecifiedDistribution :: Nil
    case (BroadcastIndex, BuildRight) => UnspecifiedDistribution :: BroadcastDistribution(IdentityBroadcastMode) :: Nil
    case (_: PartitionedIndex, _) => UnspecifiedDistribution :: UnspecifiedDistribution :: Nil
  }

  override lazy val metrics: Map[String, SQLMetric] = Map(
    "numOutputRows" -> SQLMetrics.createMetric(sparkContext, "number of output rows"),
    "numPairs" -> SQLMetrics.createMetric(sparkContext, "pairs the index found"),
    "numProbeBatches" -> SQLMetrics.createMetric(sparkContext, "probe batches"),
    "probeTime" -> SQLMetrics.createNanoTimingMetric(sparkContext, "time probing the index"),
    "numRoutedRows" -> SQLMetrics.createMetric(sparkContext, "rows sent to cells"),
    "indexMemory" -> SQLMetrics.createSizeMetric(sparkContext, "memory of the cells' indexes"),
    "peakMemory" -> SQLMetrics.createSizeMetric(sparkContext, "peak Arrow memory of the streamed batches"))

  private def indexedSide = buildSide match {
    case BuildLeft => "left"
    case BuildRight => "right"
  }

  override def simpleString(maxFields: Int): String =
    s"StraboSpatialJoin $joinType, $shownTest, strategy: ${strategy.describe}, " +
      s"indexed side: $indexedSide${condition.fold("")(c => s", condition: ${c.sql}")}"

  /** `explain("formatted")`'s entry. */
  override def verboseStringWithOperatorId(): String =
    s"""$formattedNodeName
       |Join type: $joinType
       |Spatial test: $shownTest
       |Strategy: ${strategy.describe}
       |Indexed side: $indexedSide
       |Condition: ${condition.fold("none")(_.sql)}
       |""".stripMargin

  private def sides = buildSide match {
    case BuildLeft => (right, rightKey, left, leftKey)
    case BuildRight => (left, leftKey, right, rightKey)
  }

  /** The ordinals of the streamed and the indexed key in their sides' rows. */
  private def keyOrdinals: (Int, Int) = {
    val (streamed, streamedKey, indexed, indexedKey) = sides
    val indexedOrdinal = indexed.output.indexWhere(_.exprId == indexedKey.exprId)
    val streamedOrdinal = streamed.output.indexWhere(_.exprId == streamedKey.exprId)
    require(indexedOrdinal >= 0 && streamedOrdinal >= 0, s"$nodeName: a key is not a column of its side")
    (streamedOrdinal, indexedOrdinal)
  }

  private def indexSpec: IndexSpec = {
    val (_, _, _, indexedKey) = sides
    IndexSpec(test, (buildSide == BuildLeft) == leftIsFirst, keyOrdinals._2, indexedKey.dataType)
  }

  // An inner join on a broadcast index streams its rows through generated code: each streamed
  // row is written to Arrow vectors once, and copied nowhere else.
  override def supportCodegen: Boolean =
    strategy == BroadcastIndex && (joinType == Inner || joinType == Cross) && RowBatching.serves(sides._1.output)

  override protected def batchedChild: SparkPlan = sides._1

  override protected lazy val batchFactory: JoinBatches = {
    val (streamed, streamedKey, indexed, _) = sides
    JoinBatches(
      streamed.output.map(a => (a.name, a.dataType)), keyOrdinals._1, streamedKey.dataType.isInstanceOf[GeometryType],
      indexed.executeBroadcast[Array[InternalRow]](), indexSpec, metrics)
  }

  override protected def genBatch(ctx: CodegenContext, batch: String, rows: String): String = {
    val (streamed, _, indexed, _) = sides
    val Seq(pair, probe, build, indexedRows, indexedRow) =
      Seq("pair", "probe", "build", "indexedRows", "indexedRow").map(ctx.freshName)
    val columns = streamed.output.map(_ => ctx.freshName("column"))
    ctx.currentVars = null
    ctx.INPUT_ROW = null
    val streamedVars = genColumnReads(ctx, streamed.output, columns, s"$probe[$pair]")
    val indexedVars = genRowReads(ctx, indexed.output, indexedRow)
    val pairAttributes = left.output ++ right.output
    val pairVars = if (buildSide == BuildLeft) indexedVars ++ streamedVars else streamedVars ++ indexedVars
    val checked = condition.fold("") { c =>
      ctx.currentVars = pairVars
      val accepted = BindReferences.bindReference(c, pairAttributes).genCode(ctx)
      s"""
         |${evaluateRequiredVariables(pairAttributes, pairVars, c.references)}
         |${accepted.code}
         |if (${accepted.isNull} || !${accepted.value}) continue;
       """.stripMargin
    }
    val outputRows = metricTerm(ctx, "numOutputRows")
    val columnClass = classOf[ColumnVector].getName
    val rowClass = classOf[InternalRow].getName
    s"""
       |$batch.probe($rows);
       |${columns.zipWithIndex.map { case (c, i) => s"$columnClass $c = $batch.column($i);" }.mkString("\n")}
       |int[] $probe = $batch.probeRows();
       |int[] $build = $batch.buildRows();
       |$rowClass[] $indexedRows = $batch.indexedRows();
       |for (int $pair = 0; $pair < $probe.length; $pair++) {
       |  $rowClass $indexedRow = $indexedRows[$build[$pair]];
       |  $checked
       |  $outputRows.add(1);
       |  ${consume(ctx, pairVars)}
       |}
     """.stripMargin
  }

  override protected def doExecute(): RDD[InternalRow] = {
    val (streamed, streamedKey, indexed, indexedKey) = sides
    val (streamedOrdinal, indexedOrdinal) = keyOrdinals
    val index = indexSpec
    val streamedKeys = KeyColumn(streamedOrdinal, streamedKey.dataType, StraboConf.batchSize(conf))
    val join = StreamedJoin(
      joinType, buildSide == BuildLeft, indexed.output.length, condition, output, left.output, right.output, metrics)
    strategy match {
      case BroadcastIndex =>
        val broadcastRows = indexed.executeBroadcast[Array[InternalRow]]()
        streamed.execute().mapPartitions { rows =>
          val rowsOfIndex = broadcastRows.value
          join(rows, streamedKeys, rowsOfIndex, SpatialIndexes.index(rowsOfIndex, index))
        }
      case PartitionedIndex(partitions) =>
        // An outer, semi or anti join sends each streamed row to one cell, so that its
        // unmatched rows come out once; an inner join keeps each pair once by its reference point.
        val oneCellEach = joinType != Inner && joinType != Cross
        val streamedRows = streamed.execute()
        val (partitioner, reach) =
          SpatialPartitioning.sample(streamedRows, streamedKeys, test, partitions, oneCellEach)
        val cells = JoinNative.partitionerCells(partitioner).grouped(4).toArray
        val indexedKeys = KeyColumn(indexedOrdinal, indexedKey.dataType, StraboConf.batchSize(conf))
        val routedRows = metrics("numRoutedRows")
        val (streamedSide, indexedSide) = if (oneCellEach) (RouteProbeOnce, RouteIndexedOnce) else (RouteProbe, RouteIndexed)
        val indexedCells = SpatialPartitioning.route(
          indexed.execute(), indexed.output, indexedKeys, partitioner, test, indexedSide, reach, cells.length, routedRows)
        val streamedCells = SpatialPartitioning.route(
          streamedRows, streamed.output, streamedKeys, partitioner, test, streamedSide, reach, cells.length, routedRows)
        val indexMemory = metrics("indexMemory")
        indexedCells.zipPartitions(streamedCells) { (indexedIter, streamedIter) =>
          val task = TaskContext.get()
          val cell = task.partitionId()
          val memory = new CellMemory(task, s"$nodeName: the index of cell ${cell + 1} of ${cells.length}")
          val rowsOfCell = memory.rows(indexedIter.map(_._2))
          // With one cell a streamed row, each pair is found once: no reference point to check.
          val handle = SpatialIndexes.build(rowsOfCell, index, if (oneCellEach) None else Some(cells(cell)))
          task.addTaskCompletionListener[Unit](_ => JoinNative.indexRelease(handle))
          memory.reserve(JoinNative.indexMemory(handle))
          indexMemory += memory.reserved
          join(streamedIter.map(_._2), streamedKeys, rowsOfCell, handle)
        }
    }
  }

  override protected def withNewChildrenInternal(newLeft: SparkPlan, newRight: SparkPlan): StraboSpatialJoinExec =
    copy(left = newLeft, right = newRight)
}

/** How a spatial join reaches its indexed rows. */
sealed trait SpatialJoinStrategy {
  def describe: String
}

/** The indexed side is broadcast; each executor indexes it once. */
case object BroadcastIndex extends SpatialJoinStrategy {
  override def describe: String = "broadcast index"
}

/** Both sides are split into `partitions` cells of a KDB-tree, and each cell is indexed. */
case class PartitionedIndex(partitions: Int) extends SpatialJoinStrategy {
  override def describe: String = s"partitioned index, partitioner: KDB-tree, partitions: $partitions"
}

/** What a task needs to probe a broadcast index with batches of streamed rows: made on the driver. */
private[execution] case class JoinBatches(
    schema: Seq[(String, DataType)],
    keyOrdinal: Int,
    sridPrefixed: Boolean,
    indexedRows: Broadcast[Array[InternalRow]],
    index: IndexSpec,
    metrics: Map[String, SQLMetric])
    extends BatchFactory {
  override def batchClass: Class[JoinBatch] = classOf[JoinBatch]
  override def open(): JoinBatch = new JoinBatch(this)
}

/** One task's batch of streamed rows, and the pairs they make with the broadcast index's rows. */
private[execution] final class JoinBatch(spec: JoinBatches)
    extends ArrowRowBatch("strabo-join", spec.schema, spec.metrics("peakMemory")) {
  val indexedRows: Array[InternalRow] = spec.indexedRows.value
  private val index = SpatialIndexes.index(indexedRows, spec.index)
  private var columns: Array[ColumnVector] = Array.empty
  /** The pairs of the last batch: its row `probeRows(k)` with `indexedRows(buildRows(k))`. */
  var probeRows: Array[Int] = Array.empty
  var buildRows: Array[Int] = Array.empty

  /** Finds the pairs of the first `rows` rows written. */
  def probe(rows: Int): Unit = {
    columns = finish(rows)
    val start = System.nanoTime()
    val pairs = ArrowExport.intPairs(allocator, writer(spec.keyOrdinal).vector, "probe", "build") {
      (array, schema, out, outSchema) => JoinNative.indexProbe(index, array, schema, spec.sridPrefixed, out, outSchema)
    }
    probeRows = pairs._1
    buildRows = pairs._2
    spec.metrics("probeTime") += System.nanoTime() - start
    spec.metrics("numProbeBatches") += 1
    spec.metrics("numPairs") += probeRows.length
  }

  /** Column `i` of the last batch's streamed rows. */
  def column(i: Int): ColumnVector = columns(i)
}

/** The key column of a side: its ordinal and type, and how many rows cross to Rust at a time. */
private case class KeyColumn(ordinal: Int, dataType: DataType, batchSize: Int) {
  def sridPrefixed: Boolean = dataType.isInstanceOf[GeometryType]

  /**
   * `rows` in batches, each with its keys written into `keys`; rows are copied, as the
   * iterator that gives them may reuse them.
   */
  def batches(rows: Iterator[InternalRow], keys: ColumnWriter): Iterator[ArrayBuffer[InternalRow]] = {
    val batch = new ArrayBuffer[InternalRow](batchSize)
    new Iterator[ArrayBuffer[InternalRow]] {
      override def hasNext: Boolean = rows.hasNext
      override def next(): ArrayBuffer[InternalRow] = {
        batch.clear()
        keys.reset()
        while (batch.length < batchSize && rows.hasNext) {
          val row = rows.next()
          keys.write(row, ordinal, batch.length)
          batch += row.copy()
        }
        keys.finish(batch.length)
        batch
      }
    }
  }

  /** A writer of this key column into Arrow, closed with the task. */
  def writer(task: TaskContext, allocatorName: String): (ColumnWriter, BufferAllocator) = {
    val allocator = SparkInternals.arrowAllocator(s"$allocatorName-${task.taskAttemptId()}")
    val keys = ColumnWriter("key", dataType, allocator)
    task.addTaskCompletionListener[Unit] { _ =>
      keys.close()
      allocator.close()
    }
    (keys, allocator)
  }
}

/** The streamed side of a join probing an index, and the rows it outputs. */
private case class StreamedJoin(
    joinType: JoinType,
    indexedOnLeft: Boolean,
    indexedWidth: Int,
    condition: Option[Expression],
    output: Seq[Attribute],
    leftOutput: Seq[Attribute],
    rightOutput: Seq[Attribute],
    metrics: Map[String, SQLMetric]) {

  /** The output of `rows` joined with `indexedRows` through their index, `index`. */
  def apply(rows: Iterator[InternalRow], keyColumn: KeyColumn, indexedRows: Array[InternalRow], index: Long): Iterator[InternalRow] = {
    val (keys, allocator) = keyColumn.writer(TaskContext.get(), "strabo-join")
    val joined = new JoinedRow
    val pair: (InternalRow, InternalRow) => InternalRow =
      if (indexedOnLeft) (streamedRow, indexedRow) => joined(indexedRow, streamedRow)
      else (streamedRow, indexedRow) => joined(streamedRow, indexedRow)
    val boundCondition = condition.map(c => Predicate.create(c, leftOutput ++ rightOutput))
    val joinedBatches = new JoinedBatches(
      joinType, indexedRows, new GenericInternalRow(indexedWidth), pair,
      (s, i) => boundCondition.forall(_.eval(pair(s, i))),
      UnsafeProjection.create(output, leftOutput ++ rightOutput), metrics("numOutputRows"))
    keyColumn.batches(rows, keys).flatMap { batch =>
      val start = System.nanoTime()
      val (probe, build) = ArrowExport.intPairs(allocator, keys.vector, "probe", "build") { (array, schema, out, outSchema) =>
        JoinNative.indexProbe(index, array, schema, keyColumn.sridPrefixed, out, outSchema)
      }
      metrics("probeTime") += System.nanoTime() - start
      metrics("numProbeBatches") += 1
      metrics("numPairs") += probe.length
      joinedBatches.of(batch, probe, build)
    }
  }
}

/** The steps of a partitioned join before each cell is joined: sampling and routing. */
private object SpatialPartitioning {

  /** Sampled boxes per cell of the partitioner, at least [[MinSample]] in all. */
  private val SamplePerCell = 100
  private val MinSample = 1000

  /**
   * A KDB-tree partitioner of up to `partitions` cells, encoded, balanced over a sample of the
   * keys of `rows`: each partition keeps a uniform sample (a reservoir) of its rows, and gives
   * a share of the whole sample in proportion to its row count. With `reachToo`, also the
   * width and height of the rows' largest search boxes, read from every row.
   */
  def sample(
      rows: RDD[InternalRow],
      keyColumn: KeyColumn,
      test: SpatialTest,
      partitions: Int,
      reachToo: Boolean): (Array[Double], Array[Double]) = {
    val target = math.max(MinSample, SamplePerCell * partitions)
    val perPartition = rows.mapPartitionsWithIndex { (partition, iter) =>
      val random = new java.util.SplittableRandom(partition.toLong)
      val reservoir = new ArrayBuffer[InternalRow](target)
      val (keys, allocator) = keyColumn.writer(TaskContext.get(), "strabo-join-sample")
      // The keys written so far (`rows` of them) through a native call, then cleared.
      def written[T](rows: Int)(call: (Long, Long) => T): T = {
        keys.finish(rows)
        val result = ArrowExport.exported(allocator, Seq(keys.vector))((arrays, schemas) => call(arrays(0), schemas(0)))
        keys.reset()
        result
      }
      val reach = Array(0.0, 0.0)
      var batched = 0
      def addReach(): Unit = {
        val batch = written(batched) { (array, schema) =>
          JoinNative.probeReach(
            array, schema, keyColumn.sridPrefixed, test.predicate, test.distance.getOrElse(0.0), test.inclusive)
        }
        reach(0) = math.max(reach(0), batch(0))
        reach(1) = math.max(reach(1), batch(1))
        batched = 0
      }
      var seen = 0L
      iter.foreach { row =>
        if (reservoir.length < target) reservoir += row.copy()
        else {
          val at = random.nextLong(seen + 1)
          if (at < target) reservoir(at.toInt) = row.copy()
        }
        seen += 1
        if (reachToo) {
          keys.write(row, keyColumn.ordinal, batched)
          batched += 1
          if (batched == keyColumn.batchSize) addReach()
        }
      }
      if (batched > 0) addReach()
      reservoir.indices.foreach(i => keys.write(reservoir(i), keyColumn.ordinal, i))
      val boxes = written(reservoir.length) { (array, schema) =>
        JoinNative.sampleBoxes(
          array, schema, keyColumn.sridPrefixed, test.predicate, test.distance.getOrElse(0.0), test.inclusive)
      }
      Iterator((seen, boxes, reach))
    }.collect()
    val total = math.max(1L, perPartition.map(_._1).sum)
    val sampled = perPartition.flatMap { case (count, boxes, _) =>
      val share = math.round(target.toDouble * count / total).toInt
      boxes.take(4 * share)
    }
    val reach = perPartition.map(_._3).foldLeft(Array(0.0, 0.0)) { (a, b) =>
      Array(math.max(a(0), b(0)), math.max(a(1), b(1)))
    }
    (JoinNative.partitionerBuild(sampled, partitions), reach)
  }

  /** `rows` keyed by each cell their key reaches, as `partitioner` routes this side. */
  def route(
      rows: RDD[InternalRow],
      schema: Seq[Attribute],
      keyColumn: KeyColumn,
      partitioner: Array[Double],
      test: SpatialTest,
      side: RouteSide,
      reach: Array[Double],
      cells: Int,
      routedRows: SQLMetric): RDD[(Int, InternalRow)] = {
    val routed = rows.mapPartitions { iter =>
      val task = TaskContext.get()
      val (keys, allocator) = keyColumn.writer(task, "strabo-join-route")
      val router = JoinNative.routerOpen(
        partitioner, test.predicate, test.distance.getOrElse(0.0), test.inclusive, side.code, reach(0), reach(1))
      task.addTaskCompletionListener[Unit](_ => JoinNative.routerRelease(router))
      val unsafe = UnsafeProjection.create(schema.map(_.dataType).toArray)
      keyColumn.batches(iter, keys).flatMap { batch =>
        val (rowOf, cellOf) = ArrowExport.intPairs(allocator, keys.vector, "row", "cell") { (array, schema, out, outSchema) =>
          JoinNative.route(router, array, schema, keyColumn.sridPrefixed, out, outSchema)
        }
        routedRows += rowOf.length
        // The shuffle serializes each row as it takes it, so a row sent to several cells is
        // one object.
        val unsafeRows = batch.map {
          case row: UnsafeRow => row
          case row => unsafe(row).copy()
        }
        rowOf.indices.iterator.map(k => (cellOf(k), unsafeRows(rowOf(k)): InternalRow))
      }
    }
    new ShuffledRDD[Int, InternalRow, InternalRow](routed, new CellPartitioner(cells))
      .setSerializer(new UnsafeRowSerializer(schema.length))
  }
}

/**
 * The execution memory of one cell's index, counted against the task's share as it grows: the
 * indexed rows as they are gathered, then the native index. When Spark cannot grant it, the
 * task fails with `what` and what to change, before the JVM or the process runs out of memory.
 */
private final class CellMemory(task: TaskContext, what: String) {
  private val consumer = new IndexMemoryConsumer(SparkInternals.taskMemoryManager(task))
  private var granted = 0L
  task.addTaskCompletionListener[Unit](_ => consumer.release(granted))

  def reserved: Long = granted

  /** The rows, copied (the shuffle reuses them), with their bytes reserved a megabyte at a time. */
  def rows(rows: Iterator[InternalRow]): Array[InternalRow] = {
    val gathered = new ArrayBuffer[InternalRow]
    var unreserved = 0L
    rows.foreach { row =>
      val copy = row.copy()
      gathered += copy
      unreserved += (copy match {
        case unsafe: UnsafeRow => unsafe.getSizeInBytes + 16L
        case _ => 64L
      })
      if (unreserved >= (1L << 20)) {
        reserve(unreserved)
        unreserved = 0L
      }
    }
    reserve(unreserved)
    gathered.toArray
  }

  def reserve(bytes: Long): Unit = {
    val got = consumer.acquire(bytes)
    granted += got
    SparkInternals.addPeakExecutionMemory(task, got)
    if (got < bytes) {
      throw new IllegalStateException(
        s"$what needs at least ${SparkInternals.bytesToString(granted - got + bytes)} of memory, and Spark's " +
          s"execution memory could grant only ${SparkInternals.bytesToString(granted)}: raise " +
          s"${StraboConf.JoinPartitions} to make cells smaller, or give the executors more memory")
    }
  }
}

/** How a side of a partitioned join is sent to cells (`JoinNative.routerOpen`'s `side`). */
private sealed abstract class RouteSide(val code: Int)
/** The streamed side of an inner join: every cell its search reaches. */
private case object RouteProbe extends RouteSide(0)
/** The indexed side of an inner join: every cell its box reaches. */
private case object RouteIndexed extends RouteSide(1)
/** The streamed side of an outer, semi or anti join: one cell a row. */
private case object RouteProbeOnce extends RouteSide(2)
/** The indexed side of an outer, semi or anti join: its box grown by the streamed side's reach. */
private case object RouteIndexedOnce extends RouteSide(3)

/** Execution memory a task holds for an index it built; an index cannot spill. */
private class IndexMemoryConsumer(manager: TaskMemoryManager) extends MemoryConsumer(manager, MemoryMode.ON_HEAP) {
  override def spill(size: Long, trigger: MemoryConsumer): Long = 0L
  def acquire(bytes: Long): Long = acquireMemory(bytes)
  def release(bytes: Long): Unit = freeMemory(bytes)
}

/** Sends a row keyed by its cell to the partition of that cell. */
private class CellPartitioner(cells: Int) extends Partitioner {
  override def numPartitions: Int = cells
  override def getPartition(key: Any): Int = key.asInstanceOf[Int]
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
 * The test a spatial join applies to a pair: a topological predicate (its registry name); with
 * a `distance`, a distance function (`st_distance`, `st_distanceSphere`,
 * `st_distanceSpheroid`): pairs at most that far apart (less than it unless `inclusive`); or
 * with `k`, `st_knn` or `st_knnSpheroid`: the `k` nearest.
 */
case class SpatialTest(
    predicate: String, distance: Option[Double] = None, inclusive: Boolean = true, k: Option[Int] = None) {
  def describe(first: String, second: String): String = (distance, k) match {
    case (_, Some(k)) if predicate == "st_knnSpheroid" => s"st_knn($first, $second, $k, true)"
    case (_, Some(k)) => s"st_knn($first, $second, $k)"
    case (None, _) => s"$predicate($first, $second)"
    case (Some(d), _) if predicate == "st_distance" && inclusive => s"st_dwithin($first, $second, $d)"
    case (Some(d), _) => s"$predicate($first, $second) ${if (inclusive) "<=" else "<"} $d"
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
    specs.computeIfAbsent(spec, _ => java.lang.Long.valueOf(build(rows, spec, None)))
  }

  /** A new index of `rows` for `spec`, of a whole side or of one `cell` of a partitioned join. */
  def build(rows: Array[InternalRow], spec: IndexSpec, cell: Option[Array[Double]]): Long = {
    val allocator = SparkInternals.arrowAllocator("strabo-join-index")
    val keys = ColumnWriter("key", spec.keyType, allocator)
    try {
      val builder = JoinNative.builderOpen(
        spec.test.predicate, spec.indexedFirst, spec.test.distance.getOrElse(0.0), spec.test.inclusive,
        spec.test.k.getOrElse(0))
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
        JoinNative.builderFinish(builder, cell.orNull)
      } finally {
        if (unfinished != 0L) JoinNative.builderRelease(unfinished)
      }
    } finally {
      keys.close()
      allocator.close()
    }
  }

  private def sridPrefixed(keyType: DataType): Boolean = keyType.isInstanceOf[GeometryType]
}
