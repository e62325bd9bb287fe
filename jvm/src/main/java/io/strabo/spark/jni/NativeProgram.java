package io.strabo.spark.jni;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.TaskContext;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.util.TaskCompletionListener;

/**
 * A compiled native program plus the off-heap buffer its rows are packed into.
 *
 * <p>One instance serves one thread: generated code and the batch operator open one per task
 * (per partition), the interpreted path one per expression instance. The native memory is
 * freed when the task completes or, failing that, when the instance becomes unreachable.
 *
 * <p>A row is written with {@link #begin()} then one {@code put*} call per input, in the
 * program's input order, in the layout described in {@code native/strabo-columnar/src/row.rs}
 * (little-endian: {@code Unsafe}'s order on every platform Strabo builds for).
 */
public final class NativeProgram implements AutoCloseable, RowSink {
  private static final Cleaner CLEANER = Cleaner.create();
  private static final AtomicLong OPENED_BY_TASKS = new AtomicLong();
  private static final int INITIAL_CAPACITY = 256;

  /** The native memory of one program, freed at most once. */
  private static final class Resources implements Runnable {
    final long handle;
    long buffer;

    Resources(long handle, long buffer) {
      this.handle = handle;
      this.buffer = buffer;
    }

    @Override
    public synchronized void run() {
      if (buffer != 0) {
        StraboNative.release(handle);
        Platform.freeMemory(buffer);
        buffer = 0;
      }
    }
  }

  private final Resources resources;
  private final Cleaner.Cleanable cleanable;
  private long buffer;
  private int capacity;
  private int position;
  private volatile boolean closed;

  private NativeProgram(long handle) {
    this.capacity = INITIAL_CAPACITY;
    this.buffer = Platform.allocateMemory(capacity);
    this.resources = new Resources(handle, buffer);
    this.cleanable = CLEANER.register(this, resources);
    this.position = StraboNative.ROW_OFFSET;
  }

  /**
   * Compiles {@code programJson} with its constants (already packed as one row) and ties the
   * program's lifetime to the current task, if there is one.
   */
  public static NativeProgram open(String programJson, byte[] constants) {
    NativeProgram program = new NativeProgram(StraboNative.compile(programJson, constants));
    TaskContext task = TaskContext.get();
    if (task != null) {
      OPENED_BY_TASKS.incrementAndGet();
      task.addTaskCompletionListener((TaskCompletionListener) context -> program.close());
    }
    return program;
  }

  /**
   * How many programs this JVM's tasks have compiled: each compilation parses and prepares the
   * program's constants, so this shows that happens once per task rather than once per row.
   * (The driver's, for constant folding and for showing literals in plans, are not counted.)
   */
  public static long openedByTasksCount() {
    return OPENED_BY_TASKS.get();
  }

  /** Starts a new row. */
  public void begin() {
    checkOpen();
    position = StraboNative.ROW_OFFSET;
  }

  @Override
  public void putNull() {
    reserve(1);
    Platform.putByte(null, buffer + position, (byte) 1);
    position += 1;
  }

  @Override
  public void putBoolean(boolean value) {
    reserve(2);
    Platform.putByte(null, buffer + position, (byte) 0);
    Platform.putByte(null, buffer + position + 1, (byte) (value ? 1 : 0));
    position += 2;
  }

  @Override
  public void putInt(int value) {
    reserve(5);
    Platform.putByte(null, buffer + position, (byte) 0);
    Platform.putInt(null, buffer + position + 1, value);
    position += 5;
  }

  @Override
  public void putLong(long value) {
    reserve(9);
    Platform.putByte(null, buffer + position, (byte) 0);
    Platform.putLong(null, buffer + position + 1, value);
    position += 9;
  }

  @Override
  public void putDouble(double value) {
    reserve(9);
    Platform.putByte(null, buffer + position, (byte) 0);
    Platform.putDouble(null, buffer + position + 1, value);
    position += 9;
  }

  @Override
  public void putBytes(Object base, long offset, int length) {
    reserve(5 + length);
    Platform.putByte(null, buffer + position, (byte) 0);
    Platform.putInt(null, buffer + position + 1, length);
    Platform.copyMemory(base, offset, null, buffer + position + 5, length);
    position += 5 + length;
  }

  @Override
  public void putArrayStart(int count) {
    putInt(count);
  }

  @Override
  public void putStructStart() {
    reserve(1);
    Platform.putByte(null, buffer + position, (byte) 0);
    position += 1;
  }

  public boolean evalBoolean() {
    return StraboNative.evalBoolean(resources.handle, buffer, rowLength());
  }

  public int evalInt() {
    return StraboNative.evalInt(resources.handle, buffer, rowLength());
  }

  public long evalLong() {
    return StraboNative.evalLong(resources.handle, buffer, rowLength());
  }

  public double evalDouble() {
    return StraboNative.evalDouble(resources.handle, buffer, rowLength());
  }

  /**
   * UTF-8 text, binary or a geometry (its SRID then WKB); an array or struct in the row layout;
   * null for SQL NULL.
   */
  public byte[] evalBytes() {
    return StraboNative.evalBytes(resources.handle, buffer, rowLength());
  }

  /** Whether the last primitive {@code eval*} call returned NULL. */
  public boolean wasNull() {
    return Platform.getByte(null, buffer) != 0;
  }

  /**
   * Evaluates {@code rows} rows of Arrow arrays (C Data Interface struct addresses, one pair
   * per input, which the native side takes over) into the output structs, one pair per output.
   */
  public void evalBatch(int rows, long[] arrays, long[] schemas, long[] outArrays, long[] outSchemas) {
    checkOpen();
    StraboNative.evalBatch(resources.handle, rows, arrays, schemas, outArrays, outSchemas);
  }

  @Override
  public void close() {
    closed = true;
    cleanable.clean();
  }

  /** Whether the program was closed, by its task's completion or explicitly. */
  public boolean isClosed() {
    return closed;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(
          "Strabo program used after it was closed (by close() or when its task completed)");
    }
  }

  private int rowLength() {
    checkOpen();
    return position - StraboNative.ROW_OFFSET;
  }

  private void reserve(int bytes) {
    if (position + bytes <= capacity) {
      return;
    }
    int needed = position + bytes;
    int grown = Math.max(needed, capacity * 2);
    buffer = Platform.reallocateMemory(buffer, capacity, grown);
    capacity = grown;
    synchronized (resources) {
      resources.buffer = buffer;
    }
  }
}
