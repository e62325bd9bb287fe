package io.strabo.spark.execution

import org.apache.arrow.c.{ArrowArray, ArrowSchema, Data}
import org.apache.arrow.memory.BufferAllocator
import org.apache.arrow.vector.FieldVector

/** Arrow vectors handed to a native call through the C Data Interface. */
object ArrowExport {

  /**
   * Runs `use` with `vectors` exported: the addresses of one `ArrowArray` and one `ArrowSchema`
   * per vector. The native side takes what it imports; anything it did not is released here.
   */
  def exported[T](allocator: BufferAllocator, vectors: Seq[FieldVector])(use: (Array[Long], Array[Long]) => T): T = {
    val arrays = vectors.map(_ => ArrowArray.allocateNew(allocator))
    val schemas = vectors.map(_ => ArrowSchema.allocateNew(allocator))
    try {
      vectors.indices.foreach(i => Data.exportVector(allocator, vectors(i), null, arrays(i), schemas(i)))
      use(arrays.map(_.memoryAddress()).toArray, schemas.map(_.memoryAddress()).toArray)
    } finally {
      (arrays ++ schemas).foreach { struct =>
        struct.release()
        struct.close()
      }
    }
  }
}
