package io.strabo.spark.jni;

import java.lang.ref.Cleaner;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

/**
 * A compiled aggregate program and the accumulators (one per group) it made.
 *
 * <p>One instance serves one task. An accumulator is freed when its group's result or state
 * has been taken ({@link #free}); whatever is left is freed when the task completes or,
 * failing that, when the instance becomes unreachable.
 */
public final class NativeAggregate implements AutoCloseable {
  private static final Cleaner CLEANER = Cleaner.create();

  /** The native memory: the program and its live accumulators, freed at most once. */
  private static final class Resources implements Runnable {
    final long program;
    final Set<Long> accumulators = new HashSet<>();
    boolean released;

    Resources(long program) {
      this.program = program;
    }

    @Override
    public synchronized void run() {
      if (!released) {
        released = true;
        accumulators.forEach(StraboNative::aggFree);
        accumulators.clear();
        StraboNative.aggRelease(program);
      }
    }
  }

  private final Resources resources;
  private final Cleaner.Cleanable cleanable;

  private NativeAggregate(long program) {
    this.resources = new Resources(program);
    this.cleanable = CLEANER.register(this, resources);
  }

  /** Compiles an aggregate program and ties its lifetime to the current task, if any. */
  public static NativeAggregate open(String programJson, byte[] constants) {
    NativeAggregate aggregate = new NativeAggregate(StraboNative.aggCompile(programJson, constants));
    TaskContext task = TaskContext.get();
    if (task != null) {
      task.addTaskCompletionListener((TaskCompletionListener) context -> aggregate.close());
    }
    return aggregate;
  }

  /** A new, empty accumulator. */
  public long newAccumulator() {
    synchronized (resources) {
      checkOpen();
      long accumulator = StraboNative.aggNew(resources.program);
      resources.accumulators.add(accumulator);
      return accumulator;
    }
  }

  /** Adds {@code count} rows packed in {@code rows}. */
  public void update(long accumulator, RowBuffer rows, int count) {
    StraboNative.aggUpdate(program(accumulator), accumulator, rows.array(), rows.length(), count);
  }

  public void merge(long accumulator, byte[] state) {
    StraboNative.aggMerge(program(accumulator), accumulator, state);
  }

  public byte[] state(long accumulator) {
    return StraboNative.aggState(program(accumulator), accumulator);
  }

  /** The result in the row layout: a null flag, then the value. */
  public byte[] finish(long accumulator) {
    return StraboNative.aggFinish(program(accumulator), accumulator);
  }

  /** Frees an accumulator whose result or state was taken. */
  public void free(long accumulator) {
    synchronized (resources) {
      if (resources.accumulators.remove(accumulator)) {
        StraboNative.aggFree(accumulator);
      }
    }
  }

  @Override
  public void close() {
    cleanable.clean();
  }

  /** Whether the program was closed, by its task's completion or explicitly. */
  public boolean isClosed() {
    synchronized (resources) {
      return resources.released;
    }
  }

  private long program(long accumulator) {
    synchronized (resources) {
      checkOpen();
      if (!resources.accumulators.contains(accumulator)) {
        throw new IllegalStateException("Strabo aggregate state used after it was freed");
      }
      return resources.program;
    }
  }

  private void checkOpen() {
    if (resources.released) {
      throw new IllegalStateException(
          "Strabo aggregate used after it was closed (by close() or when its task completed)");
    }
  }
}
