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
   * second: a topological predicate's registry name; for a distance join the distance function
   * ({@code st_distance}, {@code st_distanceSphere}, {@code st_distanceSpheroid}): pairs at most
   * {@code distance} apart (less than it unless {@code inclusive}); or for a KNN join
   * {@code st_knn} (planar) or {@code st_knnSpheroid}: the {@code k} nearest.
   */
  public static native long builderOpen(
      String predicate, boolean indexedFirst, double distance, boolean inclusive, int k);

  /** Adds a batch of the indexed side's keys; rows are numbered on across batches. */
  public static native void builderAdd(long builder, long array, long schema, boolean sridPrefixed);

  /**
   * Packs the index and releases the builder; returns the index. With a {@code cell} (min x,
   * min y, max x, max y), the index serves that cell of a partitioned join and finds only the
   * pairs the cell owns; {@code null} for a broadcast join.
   */
  public static native long builderFinish(long builder, double[] cell);

  /** Releases a builder that will not be finished. */
  public static native void builderRelease(long builder);

  /** How many rows the index holds. */
  public static native int indexRows(long index);

  /** About how many bytes the index holds. */
  public static native long indexMemory(long index);

  /**
   * The rows of a batch of keys that match indexed rows: an Arrow struct of two INT columns,
   * {@code probe} and {@code build}, exported into the output structs. Safe to call from many
   * threads at once.
   */
  public static native void indexProbe(
      long index, long array, long schema, boolean sridPrefixed, long outArray, long outSchema);

  /** Releases an index no task probes any more. */
  public static native void indexRelease(long index);

  /**
   * The bounding boxes of a batch of keys of a partitioned join's sample, four numbers each;
   * NULL and empty geometries are left out. The predicate names the join in errors.
   */
  public static native double[] sampleBoxes(
      long array, long schema, boolean sridPrefixed, String predicate, double distance, boolean inclusive);

  /** A KDB-tree partitioner of up to {@code cells} cells balanced over the sampled boxes, encoded. */
  public static native double[] partitionerBuild(double[] sampleBoxes, int cells);

  /** The cells of an encoded partitioner, by number, four numbers each: min x, min y, max x, max y. */
  public static native double[] partitionerCells(double[] partitioner);

  /**
   * The width and height of the largest search boxes of a batch of the probed side's keys, for
   * the indexed side of a partitioned outer, semi or anti join.
   */
  public static native double[] probeReach(
      long array, long schema, boolean sridPrefixed, String predicate, double distance, boolean inclusive);

  /**
   * A router of one side of a partitioned join: {@code side} 0 is the probed side of an inner
   * join (every cell its search reaches), 1 its indexed side, 2 the probed side of an outer,
   * semi or anti join (one cell a row), 3 its indexed side, its box grown left and down by the
   * probed side's reach.
   */
  public static native long routerOpen(
      double[] partitioner, String predicate, double distance, boolean inclusive, int side, double reachX,
      double reachY);

  /**
   * The cells each row of a batch of keys goes to: an Arrow struct of two INT columns,
   * {@code row} and {@code cell}, exported into the output structs.
   */
  public static native void route(
      long router, long array, long schema, boolean sridPrefixed, long outArray, long outSchema);

  public static native void routerRelease(long router);
}
