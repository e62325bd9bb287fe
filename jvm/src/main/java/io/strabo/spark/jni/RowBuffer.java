package io.strabo.spark.jni;

import java.util.Arrays;
import org.apache.spark.unsafe.Platform;

/** Rows packed on the heap: a program's constants, or the pending rows of an aggregate. */
public final class RowBuffer implements RowSink {
  private byte[] bytes = new byte[64];
  private int length;

  @Override
  public void putNull() {
    reserve(1);
    bytes[length++] = 1;
  }

  @Override
  public void putBoolean(boolean value) {
    reserve(2);
    bytes[length] = 0;
    bytes[length + 1] = (byte) (value ? 1 : 0);
    length += 2;
  }

  @Override
  public void putInt(int value) {
    reserve(5);
    bytes[length] = 0;
    Platform.putInt(bytes, Platform.BYTE_ARRAY_OFFSET + length + 1, value);
    length += 5;
  }

  @Override
  public void putLong(long value) {
    reserve(9);
    bytes[length] = 0;
    Platform.putLong(bytes, Platform.BYTE_ARRAY_OFFSET + length + 1, value);
    length += 9;
  }

  @Override
  public void putDouble(double value) {
    reserve(9);
    bytes[length] = 0;
    Platform.putDouble(bytes, Platform.BYTE_ARRAY_OFFSET + length + 1, value);
    length += 9;
  }

  @Override
  public void putBytes(Object base, long offset, int size) {
    reserve(5 + size);
    bytes[length] = 0;
    Platform.putInt(bytes, Platform.BYTE_ARRAY_OFFSET + length + 1, size);
    Platform.copyMemory(base, offset, bytes, Platform.BYTE_ARRAY_OFFSET + length + 5, size);
    length += 5 + size;
  }

  @Override
  public void putArrayStart(int count) {
    putInt(count);
  }

  @Override
  public void putStructStart() {
    reserve(1);
    bytes[length++] = 0;
  }

  /** Appends bytes that are in the row layout already, such as an aggregate's state. */
  public void append(byte[] packed) {
    reserve(packed.length);
    System.arraycopy(packed, 0, bytes, length, packed.length);
    length += packed.length;
  }

  /** How many bytes are packed. */
  public int length() {
    return length;
  }

  /** The packed bytes, shared: valid until the next {@code put} or {@link #clear()}. */
  public byte[] array() {
    return bytes;
  }

  /** A copy of the packed bytes. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  public void clear() {
    length = 0;
  }

  private void reserve(int size) {
    if (length + size > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(length + size, bytes.length * 2));
    }
  }
}
