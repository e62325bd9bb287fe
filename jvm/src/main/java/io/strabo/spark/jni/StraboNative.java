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
  public static native double evalDouble(long program, long buffer, int rowLength);

  /** Evaluates the row at {@code buffer + ROW_OFFSET}: UTF-8 text or a geometry, or null. */
  public static native byte[] evalBytes(long program, long buffer, int rowLength);

  /**
   * Evaluates a program over Arrow arrays exported through the C Data Interface (the native
   * side takes ownership of them) and exports the result into {@code outArray}/{@code outSchema}.
   */
  public static native void evalBatch(
      long program, long[] arrayAddresses, long[] schemaAddresses, long outArray, long outSchema);
}
