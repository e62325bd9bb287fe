package io.strabo.spark

import java.nio.{ByteBuffer, ByteOrder}

/** Little-endian WKB built by hand, so tests do not depend on the code under test to make input. */
object TestGeometries {
  def point(x: Double, y: Double): Array[Byte] =
    ByteBuffer.allocate(21).order(ByteOrder.LITTLE_ENDIAN).put(1.toByte).putInt(1).putDouble(x).putDouble(y).array()

  /** The axis-aligned rectangle [x0, x1] × [y0, y1] as a WKB polygon. */
  def rectangle(x0: Double, y0: Double, x1: Double, y1: Double): Array[Byte] = {
    val corners = Seq((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0))
    val buffer = ByteBuffer.allocate(1 + 4 + 4 + 4 + 16 * corners.size).order(ByteOrder.LITTLE_ENDIAN)
    buffer.put(1.toByte).putInt(3).putInt(1).putInt(corners.size)
    corners.foreach { case (x, y) => buffer.putDouble(x).putDouble(y) }
    buffer.array()
  }
}
