package io.strabo.spark.jni;

/**
 * The native entry points of the spatial join operator ({@code native/strabo-jni/src/join.rs}).
 * Keys cross as Arrow BINARY arrays through the C Data Interface: Spark's SRID-and-WKB
 * geometry layout when {@code sridPrefixed}, else plain WKB. A row the join cannot evaluate
 * (malformed WKB, mixed SRIDs, an invalid polygon where the predicate needs a valid one)
 * raises {@link IllegalArgumentException} naming the predicate and the value.
 */
public final class JoinNative {
  static {
    NativeLoader.load();
  }

  private JoinNative() {}

  /**
   * A builder of an index for {@code predicate}, whose indexed side is its first argument or its
   * second: a topological predicate's registry name, or for a distance join the distance
   * function ({@code st_distance}, {@code st_distanceSphere}, {@code st_distanceSpheroid}): pairs
   * at most {@code distance} apart (less than it unless {@code inclusive}).
   */
  public static native long builderOpen(String predicate, boolean indexedFirst, double distance, boolean inclusive);

  /** Adds a batch of the indexed side's keys; rows are numbered on across batches. */
  public static native void builderAdd(long builder, long array, long schema, boolean sridPrefixed);

  /** Packs the index and releases the builder; returns the index. */
  public static native long builderFinish(long builder);

  /** Releases a builder that will not be finished. */
  public static native void builderRelease(long builder);

  /** How many rows the index holds. */
  public static native int indexRows(long index);

  /**
   * The rows of a batch of keys that match indexed rows: an Arrow struct of two INT columns,
   * {@code probe} and {@code build}, exported into the output structs. Safe to call from many
   * threads at once.
   */
  public static native void indexProbe(
      long index, long array, long schema, boolean sridPrefixed, long outArray, long outSchema);

  /** Releases an index no task probes any more. */
  public static native void indexRelease(long index);
}
