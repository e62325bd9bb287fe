package io.strabo.spark.jni;

import java.lang.ref.Cleaner;
import java.util.Arrays;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

/**
 * The groups of one aggregate call in one task: their states live in native memory, numbered
 * here, and the rows and states meant for them are packed until a batch is full, then cross to
 * Rust in one call for every group the batch touches.
 *
 * <p>A group's number is reused once its state or result has been taken. The native memory is
 * freed when the task completes or, failing that, when the instance becomes unreachable.
 */
public final class NativeAggregate implements AutoCloseable {
  private static final Cleaner CLEANER = Cleaner.create();

  /** Rows (or states) packed before they cross to Rust in one call. */
  public static final int BATCH = 4096;

  /** The native program and its groups, freed at most once. */
  private static final class Resources implements Runnable {
    final long program;
    boolean released;

    Resources(long program) {
      this.program = program;
    }

    @Override
    public synchronized void run() {
      if (!released) {
        released = true;
        StraboNative.aggRelease(program);
      }
    }
  }

  /** Values packed in the row layout, each for a group. */
  private static final class Pending {
    final RowBuffer values = new RowBuffer();
    int[] groups = new int[64];
    int count;

    void add(int group) {
      if (count == groups.length) {
        groups = Arrays.copyOf(groups, count * 2);
      }
      groups[count++] = group;
    }

    void clear() {
      values.clear();
      count = 0;
    }
  }

  private final Resources resources;
  private final Cleaner.Cleanable cleanable;
  private final Pending rows = new Pending();
  private final Pending states = new Pending();
  private int[] free = new int[16];
  private int freeCount;
  private int groupCount;

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

  /** A new, empty group. */
  public int newGroup() {
    return freeCount > 0 ? free[--freeCount] : groupCount++;
  }

  /**
   * Starts a row for {@code group}: its values are written to the returned sink, in the
   * program's input order, before {@link #endRow} is called.
   */
  public RowSink startRow(int group) {
    rows.add(group);
    return rows.values;
  }

  public void endRow() {
    if (rows.count >= BATCH) {
      flush();
    }
  }

  /** Merges a state that {@link #takeState} gave (in this task or another) into {@code group}. */
  public void mergeState(int group, byte[] state) {
    states.add(group);
    states.values.append(state);
    if (states.count >= BATCH) {
      flush();
    }
  }

  /** Merges group {@code from} into group {@code into}; {@code from} is done with. */
  public void mergeGroups(int into, int from) {
    flush();
    StraboNative.aggMergeGroups(program(), into, from);
    release(from);
  }

  /** The state of {@code group}, for another task; the group is done with. */
  public byte[] takeState(int group) {
    flush();
    byte[] state = StraboNative.aggState(program(), group);
    release(group);
    return state;
  }

  /** The result of {@code group} in the row layout: a null flag, then the value. */
  public byte[] takeResult(int group) {
    flush();
    byte[] result = StraboNative.aggResult(program(), group);
    release(group);
    return result;
  }

  private void flush() {
    if (rows.count > 0) {
      StraboNative.aggUpdate(program(), rows.groups, rows.values.array(), rows.values.length(), rows.count);
      rows.clear();
    }
    if (states.count > 0) {
      StraboNative.aggMerge(program(), states.groups, states.values.array(), states.values.length(), states.count);
      states.clear();
    }
  }

  private void release(int group) {
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, freeCount * 2);
    }
    free[freeCount++] = group;
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

  private long program() {
    synchronized (resources) {
      if (resources.released) {
        throw new IllegalStateException(
            "Strabo aggregate used after it was closed (by close() or when its task completed)");
      }
      return resources.program;
    }
  }
}
