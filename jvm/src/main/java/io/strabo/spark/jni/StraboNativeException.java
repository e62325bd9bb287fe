package io.strabo.spark.jni;

/** A failure inside Strabo's native library that is not the caller's fault: a panic, with the function and values it was given. */
public final class StraboNativeException extends RuntimeException {
  public StraboNativeException(String message) {
    super(message);
  }
}
