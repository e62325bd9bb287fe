package io.strabo.spark.expressions

import scala.collection.mutable.ArrayBuffer

import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.databind.node.ObjectNode
import org.apache.spark.sql.catalyst.expressions.Expression

import io.strabo.spark.jni.NativeProgram

/** A per-row input of a program: a Catalyst expression Spark evaluates before the call. */
case class ProgramInput(expression: Expression, encoding: Encoding)

/** What an executor needs to open a program; shipped inside generated code's references. */
class ProgramSource(val json: String, val constants: Array[Byte]) extends Serializable {
  def open(): NativeProgram = NativeProgram.open(json, constants)
}

case class CompiledProgram(source: ProgramSource, inputs: Seq[ProgramInput], output: Encoding)

/**
 * Turns a tree of [[StraboFunction]]s into one native program (see `native/strabo-eval`):
 * nested Strabo calls become nodes evaluated natively with no JVM round trip, foldable
 * arguments become constants that are parsed and prepared once per task, and every other
 * argument becomes a per-row input.
 */
object ProgramCompiler {
  private val json = new ObjectMapper()

  def compile(root: StraboFunction): CompiledProgram = {
    val inputs = ArrayBuffer.empty[ProgramInput]
    val constants = new NativeProgram.RowBuilder()
    val constantEncodings = ArrayBuffer.empty[Encoding]
    val nodes = json.createArrayNode()

    def visit(function: StraboFunction): Int = {
      val args = json.createArrayNode()
      function.children.foreach { child =>
        val operand = args.addObject()
        child match {
          case leaf if leaf.foldable =>
            val encoding = Encoding.of(leaf.dataType)
            Option(leaf.eval()) match {
              case Some(value) => encoding.putConstant(constants, value)
              case None => constants.putNull()
            }
            constantEncodings += encoding
            operand.put("constant", constantEncodings.size - 1)
          case nested: StraboFunction =>
            operand.put("node", visit(nested))
          case leaf =>
            inputs += ProgramInput(leaf, Encoding.of(leaf.dataType))
            operand.put("input", inputs.size - 1)
        }
      }
      nodes.addObject().put("function", function.spec.name).set[ObjectNode]("args", args)
      nodes.size - 1
    }

    visit(root)
    val output = Encoding.of(root.dataType)
    val program = json.createObjectNode()
    val inputArray = program.putArray("inputs")
    inputs.foreach(input => inputArray.add(input.encoding.name))
    val constantArray = program.putArray("constants")
    constantEncodings.foreach(encoding => constantArray.add(encoding.name))
    program.set[ObjectNode]("nodes", nodes)
    program.put("output", output.name)
    CompiledProgram(new ProgramSource(json.writeValueAsString(program), constants.build()), inputs.toSeq, output)
  }
}
