package io.strabo.spark.jni;

/**
 * The native entry points of Strabo's Rust library ({@code native/strabo-jni}).
 *
 * <p>Bad input raises {@link IllegalArgumentException}, a mismatch between the JVM and the
 * library {@link IllegalStateException}, and a panic {@link StraboNativeException}; the message
 * names the function and the offending value.
 */
public final class StraboNative {
  static {
    NativeLoader.load();
  }

  /**
   * Bytes before the row in an evaluation buffer: the first receives the NULL flag of
   * primitive results, the others keep the row aligned.
   */
  public static final int ROW_OFFSET = 8;

  private StraboNative() {}

  /** The function registry as JSON (see {@code native/strabo-functions}). */
  public static native String registryJson();

  /**
   * Compiles a program (a fused tree of function calls) whose constants are packed as one row.
   * Returns a handle for the {@code eval*} calls, to be given back to {@link #release} exactly
   * once.
   */
  public static native long compile(String programJson, byte[] constants);

  public static native void release(long program);

  /** Evaluates the row at {@code buffer + ROW_OFFSET}; writes 1 at {@code buffer} if NULL. */
  public static native boolean evalBoolean(long program, long buffer, int rowLength);

  /** Evaluates the row at {@code buffer + ROW_OFFSET}; writes 1 at {@code buffer} if NULL. */
  public static native int evalInt(long program, long buffer, int rowLength);

  /** Evaluates the row at {@code buffer + ROW_OFFSET}; writes 1 at {@code buffer} if NULL. */
  public static native long evalLong(long program, long buffer, int rowLength);

  /** Evaluates the row at {@code buffer + ROW_OFFSET}; writes 1 at {@code buffer} if NULL. */
  public static native double evalDouble(long program, long buffer, int rowLength);

  /**
   * Evaluates the row at {@code buffer + ROW_OFFSET}: text, binary or a geometry as its bytes, an
   * array or struct in the row layout, or null.
   */
  public static native byte[] evalBytes(long program, long buffer, int rowLength);

  /**
   * Evaluates {@code rows} rows of Arrow arrays exported through the C Data Interface (the
   * native side takes ownership of them) and exports each output into the given structs.
   */
  public static native void evalBatch(
      long program, int rows, long[] arrayAddresses, long[] schemaAddresses, long[] outArrays, long[] outSchemas);

  /** Compiles an aggregate program (its arguments' program plus the aggregate call). */
  public static native long aggCompile(String programJson, byte[] constants);

  public static native void aggRelease(long program);

  /** A new, empty accumulator (one group's state); freed with {@link #aggFree}. */
  public static native long aggNew(long program);

  public static native void aggFree(long accumulator);

  /** Adds {@code rows} rows packed in the first {@code length} bytes of {@code rows}' buffer. */
  public static native void aggUpdate(long program, long accumulator, byte[] buffer, int length, int rows);

  /** Merges the state of another accumulator of the same call. */
  public static native void aggMerge(long program, long accumulator, byte[] state);

  /** The accumulator's state, to ship to another task. */
  public static native byte[] aggState(long program, long accumulator);

  /** The result in the row layout: a null flag, then the value. */
  public static native byte[] aggFinish(long program, long accumulator);
}
