package io.strabo.spark.jni;

/**
 * Where values are packed in the row layout of {@code native/strabo-columnar/src/row.rs}: each
 * value a null flag byte then its bytes, little-endian.
 */
public interface RowSink {
  void putNull();

  void putBoolean(boolean value);

  void putInt(int value);

  void putLong(long value);

  void putDouble(double value);

  /** A string, binary or geometry value held at {@code base + offset} (Spark's addressing). */
  void putBytes(Object base, long offset, int length);

  /** The start of an array of {@code count} items, each written next as a value. */
  void putArrayStart(int count);

  /** The start of a struct, whose fields are written next as values. */
  void putStructStart();

  default void putBytes(byte[] bytes) {
    putBytes(bytes, org.apache.spark.unsafe.Platform.BYTE_ARRAY_OFFSET, bytes.length);
  }
}
