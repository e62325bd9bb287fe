package io.strabo.spark.jni;

/**
 * The native entry points of Strabo's store ({@code native/strabo-jni/src/store.rs}).
 * Descriptions cross as JSON, data as Arrow arrays through the C Data Interface. Bad input
 * (an incompatible schema, malformed data or ECQL, a missing feature type) raises {@link
 * IllegalArgumentException}; a storage failure {@link IllegalStateException}.
 */
public final class StoreNative {
  static {
    NativeLoader.load();
  }

  private StoreNative() {}

  /**
   * What a write job of data with these columns begins with (JSON): {@code featureType}, the
   * stored one when the feature type exists and the data fits it, else a new one shaped by the
   * options; and {@code readVersion}, the version read (null if none), which an overwrite
   * replaces.
   */
  public static native String beginWrite(String location, String feature, String columnsJson, String optionsJson);

  /**
   * Opens a task's writer of write job {@code job}, which writes one file per partition of the
   * task's rows; returns a handle, to be finished or aborted and then closed once.
   */
  public static native long writerOpen(String location, String featureTypeJson, String job);

  /** A new write job's id, which every file the job writes carries. */
  public static native String newJobId();

  /** Deletes every file of an aborted write job that no commit lists; best effort. */
  public static native void discardJob(String location, String feature, String job);

  /** Hands the writer one batch, one exported array per column. */
  public static native void writerWrite(long writer, long[] arrayAddresses, long[] schemaAddresses);

  /** Writes what the writer holds; returns every file it wrote (JSON), for the commit. */
  public static native String writerFinish(long writer);

  /** Deletes the files the writer wrote; best effort. */
  public static native void writerAbort(long writer);

  public static native void writerClose(long writer);

  /**
   * Commits written files (a JSON array) as one version; returns the version. An overwrite
   * replaces the files of {@code readVersion} (from {@link #beginWrite}; -1 for none) and keeps
   * those committed since by other writers.
   */
  public static native long commit(String location, String featureTypeJson, boolean overwrite, long readVersion, String filesJson);

  /** Deletes written files that will never be committed; best effort. */
  public static native void discard(String location, String feature, String filesJson);

  /** The feature types of a store, as a JSON array of names. */
  public static native String featureTypes(String location);

  /** A feature type at {@code version} (the latest if negative): its schema and totals (JSON). */
  public static native String describe(String location, String feature, long version);

  /** The latest version committed at or before {@code timestampMillis} (epoch milliseconds). */
  public static native long versionAsOf(String location, String feature, long timestampMillis);

  public static native void deleteFeatureType(String location, String feature);

  /**
   * What a compaction of the latest version rewrites (JSON: {@code read}, {@code feature_type},
   * {@code partitions}, each a list of files), or {@code null} when no partition needs it.
   */
  public static native String compaction(String location, String feature);

  /** Rewrites one partition's files (JSON) as one file, uncommitted; the files written (JSON). */
  public static native String rewrite(String location, String featureType, String files);

  /** Commits a compaction (JSON) with the files its tasks wrote (JSON); the new version. */
  public static native long commitCompaction(String location, String compaction, String added);

  /**
   * Deletes the files that no snapshot of the last {@code retainHours} reads (replaced ones, and
   * killed jobs' files), then expires the log; returns them, their bytes and the oldest version
   * left (JSON {@code {"files": [...], "bytes": n, "oldest_version": v}}).
   */
  public static native String vacuum(String location, String feature, double retainHours);

  /** Per serialized conjunct (a JSON array of them), its pushed filter or null (JSON). */
  public static native String translate(String featureTypeJson, String conjunctsJson);

  /** ECQL as a filter (JSON); a syntax error names the column. */
  public static native String parseEcql(String ecql);

  /** A filter (JSON) as ECQL. */
  public static native String toEcql(String filterJson);

  /** The files and row groups of {@code version} (the latest if negative) a filter may match (JSON). */
  public static native String plan(String location, String feature, String filterJson, long version);

  /** Opens a scan of one planned file; returns a handle for {@link #scanNext}. */
  public static native long scanOpen(
      String location, String featureTypeJson, String fileJson, String columnsJson, String filterJson, int limit);

  /** Exports the next batch's columns; returns its rows, or -1 after the last. */
  public static native int scanNext(long cursor, long[] outArrays, long[] outSchemas);

  public static native void scanClose(long cursor);
}
