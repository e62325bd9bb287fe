package org.apache.spark.sql.strabo

import org.apache.arrow.memory.BufferAllocator
import org.apache.spark.TaskContext
import org.apache.spark.memory.{MemoryConsumer, MemoryMode}
import org.apache.spark.sql.execution.metric.SQLMetric

/**
 * (In Spark's package for `TaskContext.taskMemoryManager`, which is `private[spark]`.)
 *
 * Counts a task's Arrow buffers against Spark's execution memory: the off-heap pool when
 * `spark.memory.offHeap.enabled`, otherwise the on-heap pool, so that Spark leaves room for
 * them. Batches are bounded by the batch size and released when the next one is made, so
 * nothing can be spilled; a refused request is recorded but does not fail the task.
 */
final class ArrowMemory(task: TaskContext, allocator: BufferAllocator, peak: SQLMetric)
    extends MemoryConsumer(task.taskMemoryManager(), task.taskMemoryManager().getTungstenMemoryMode) {

  private var held = 0L

  /** Brings what is counted in line with what the allocator holds now. */
  def update(): Unit = {
    val now = allocator.getAllocatedMemory
    if (now > held) {
      held += acquireMemory(now - held)
    } else if (now < held) {
      freeMemory(held - now)
      held = now
    }
    peak.set(math.max(peak.value, now))
  }

  def release(): Unit = if (held > 0) {
    freeMemory(held)
    held = 0
  }

  override def spill(size: Long, trigger: MemoryConsumer): Long = 0L
}
