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

  /**
   * The SRID of a coordinate reference system named as {@code st_transform} takes it
   * ({@code 'EPSG:3857'}, an SRID, an OGC URN or URL); an unknown one raises
   * {@link IllegalArgumentException}.
   */
  public static native int crsSrid(String crs);

  /** Compiles an aggregate program (its arguments' program plus the aggregate call). */
  public static native long aggCompile(String programJson, byte[] constants);

  public static native void aggRelease(long program);

  /**
   * Adds {@code rows} rows packed in the first {@code length} bytes of {@code buffer}, row
   * {@code i} to group {@code groups[i]}: one call for every group the rows touch.
   */
  public static native void aggUpdate(long program, int[] groups, byte[] buffer, int length, int rows);

  /**
   * Merges {@code rows} states (as {@link #aggState} gave them) packed in the first {@code
   * length} bytes of {@code states}, state {@code i} into group {@code groups[i]}.
   */
  public static native void aggMerge(long program, int[] groups, byte[] states, int length, int rows);

  /** Merges group {@code from} into group {@code into}, emptying {@code from}. */
  public static native void aggMergeGroups(long program, int into, int from);

  /** A group's state, to ship to another task; the group is emptied. */
  public static native byte[] aggState(long program, int group);

  /** A group's result in the row layout (a null flag, then the value); the group is emptied. */
  public static native byte[] aggResult(long program, int group);
}
