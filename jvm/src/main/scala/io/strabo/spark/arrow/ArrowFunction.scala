package io.strabo.spark.arrow

import com.fasterxml.jackson.databind.ObjectMapper
import org.apache.arrow.c.{ArrowArray, ArrowSchema, Data}
import org.apache.arrow.memory.BufferAllocator
import org.apache.arrow.vector.FieldVector

import io.strabo.spark.FunctionSpec
import io.strabo.spark.jni.{NativeProgram, StraboNative}

/**
 * One Strabo function evaluated over whole Arrow vectors, one JNI call per batch, through the
 * Arrow C Data Interface. Geometry parameters and results are WKB in `VarBinaryVector`s,
 * doubles `Float8Vector`s, strings `VarCharVector`s and booleans `BitVector`s.
 *
 * {{{
 *   val area = ArrowFunction("st_area")
 *   val areas = area.evaluate(Seq(wkbVector), allocator) // a Float8Vector; the caller closes it
 *   area.close()
 * }}}
 */
final class ArrowFunction private (val spec: FunctionSpec, program: NativeProgram) extends AutoCloseable {

  /** Evaluates every row of `inputs` (one vector per parameter, in order). */
  def evaluate(inputs: Seq[FieldVector], allocator: BufferAllocator): FieldVector = {
    require(
      inputs.length == spec.params.length,
      s"${spec.name} takes ${spec.params.length} vectors, got ${inputs.length}")
    val arrays = inputs.map(_ => ArrowArray.allocateNew(allocator))
    val schemas = inputs.map(_ => ArrowSchema.allocateNew(allocator))
    val outArray = ArrowArray.allocateNew(allocator)
    val outSchema = ArrowSchema.allocateNew(allocator)
    try {
      inputs.indices.foreach(i => Data.exportVector(allocator, inputs(i), null, arrays(i), schemas(i)))
      StraboNative.evalBatch(
        program.handle(),
        arrays.map(_.memoryAddress()).toArray,
        schemas.map(_.memoryAddress()).toArray,
        outArray.memoryAddress(),
        outSchema.memoryAddress())
      Data.importVector(allocator, outArray, outSchema, null)
    } finally {
      // The native side took the inputs it imported (their release callbacks are now null, so
      // release() does nothing); anything it did not take is released here.
      (arrays ++ schemas).foreach { struct =>
        struct.release()
        struct.close()
      }
      outArray.close()
      outSchema.close()
    }
  }

  override def close(): Unit = program.close()
}

object ArrowFunction {
  private val json = new ObjectMapper()

  def apply(name: String): ArrowFunction = {
    val spec = FunctionSpec.registry
      .find(_.names.exists(_.equalsIgnoreCase(name)))
      .filter(_.isNative)
      .getOrElse(throw new IllegalArgumentException(s"$name is not a Strabo function"))
    val program = json.createObjectNode()
    val inputs = program.putArray("inputs")
    spec.params.foreach(p => inputs.add(encoding(p.kind)))
    program.putArray("constants")
    val node = program.putArray("nodes").addObject()
    node.put("function", spec.name)
    val args = node.putArray("args")
    spec.params.indices.foreach(i => args.addObject().put("input", i))
    program.put("output", encoding(spec.returns))
    new ArrowFunction(spec, NativeProgram.open(json.writeValueAsString(program), Array.emptyByteArray))
  }

  private def encoding(kind: String): String = kind match {
    case "geometry" => "wkb"
    case "double" | "boolean" | "string" => kind
    case other => throw new IllegalArgumentException(s"no Arrow encoding for $other")
  }
}
