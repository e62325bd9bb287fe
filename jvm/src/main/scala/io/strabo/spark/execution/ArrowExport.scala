package io.strabo.spark.execution

import org.apache.arrow.c.{ArrowArray, ArrowSchema, Data}
import org.apache.arrow.memory.BufferAllocator
import org.apache.arrow.vector.{FieldVector, IntVector}
import org.apache.arrow.vector.complex.StructVector

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

  /**
   * The two INT columns `first` and `second` of the struct a native `call` exports, given
   * `vector` exported (array and schema addresses) and the output structs' addresses.
   */
  def intPairs(allocator: BufferAllocator, vector: FieldVector, first: String, second: String)(
      call: (Long, Long, Long, Long) => Unit): (Array[Int], Array[Int]) = {
    val outArray = ArrowArray.allocateNew(allocator)
    val outSchema = ArrowSchema.allocateNew(allocator)
    try {
      exported(allocator, Seq(vector)) { (arrays, schemas) =>
        call(arrays(0), schemas(0), outArray.memoryAddress(), outSchema.memoryAddress())
      }
      val pairs = Data.importVector(allocator, outArray, outSchema, null).asInstanceOf[StructVector]
      try {
        def column(name: String) = {
          val ints = pairs.getChild(name, classOf[IntVector])
          Array.tabulate(ints.getValueCount)(ints.get)
        }
        (column(first), column(second))
      } finally pairs.close()
    } finally {
      outArray.close()
      outSchema.close()
    }
  }
}
