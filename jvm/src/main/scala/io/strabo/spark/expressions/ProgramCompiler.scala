package io.strabo.spark.expressions

import scala.collection.mutable

import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.databind.node.{ArrayNode, ObjectNode}
import org.apache.spark.sql.catalyst.expressions.Expression
import org.apache.spark.sql.types.DataType

import io.strabo.spark.FunctionSpec
import io.strabo.spark.jni.{NativeAggregate, NativeProgram, RowBuffer}

/** A column a program reads: a Catalyst expression Spark evaluates, and how it crosses. */
case class ProgramInput(expression: Expression, inputType: InputType)

/** What an executor needs to open a program; shipped inside generated code and plans. */
class ProgramSource(val json: String, val constants: Array[Byte]) extends Serializable {
  def open(): NativeProgram = NativeProgram.open(json, constants)
  def openAggregate(): NativeAggregate = NativeAggregate.open(json, constants)
}

case class CompiledProgram(source: ProgramSource, inputs: Seq[ProgramInput], outputs: Seq[DataType])

/**
 * Turns trees of [[StraboFunction]]s into one native program (see
 * `native/strabo-eval/src/program.rs`):
 *   - a nested Strabo call becomes a node evaluated natively, with no JVM round trip;
 *   - a foldable argument becomes a constant, parsed and prepared once per task;
 *   - any other argument becomes an input column that Spark evaluates.
 * Equal inputs and equal calls are compiled once, so `st_intersects(g, st_envelope(g))` reads
 * `g` once, and several roots (the Strabo expressions of one projection) share them too.
 */
object ProgramCompiler {
  private val json = new ObjectMapper()

  /** A scalar program with one output per root. */
  def compile(roots: Seq[StraboFunction]): CompiledProgram = {
    val builder = new Builder
    val outputs = json.createArrayNode()
    roots.foreach(root => outputs.add(builder.node(root)))
    builder.finish("outputs" -> outputs, roots.map(_.dataType))
  }

  /** An aggregate program: the aggregate call, and the nodes and inputs of its arguments. */
  def compileAggregate(aggregate: StraboAggregate): CompiledProgram = {
    val builder = new Builder
    val call = builder.call(aggregate.spec, aggregate.signatureIndex, aggregate.signature, aggregate.children, constants = false)
    builder.finish("aggregate" -> call, Seq(aggregate.dataType))
  }

  private class Builder {
    private val inputs = mutable.ArrayBuffer.empty[ProgramInput]
    private val inputIndex = mutable.HashMap.empty[(Expression, InputType), Int]
    private val constantTypes = json.createArrayNode()
    private val constants = new RowBuffer
    private val nodes = json.createArrayNode()
    private val nodeIndex = mutable.HashMap.empty[Expression, Int]

    def node(function: StraboFunction): Int =
      nodeIndex.getOrElse(
        function.canonicalized, {
          val call = this.call(function.spec, function.signatureIndex, function.signature, function.children, constants = true)
          nodes.add(call)
          nodeIndex(function.canonicalized) = nodes.size - 1
          nodes.size - 1
        })

    def call(
        spec: FunctionSpec,
        signatureIndex: Int,
        signature: FunctionSpec.Signature,
        children: Seq[Expression],
        constants: Boolean): ObjectNode = {
      val args = json.createArrayNode()
      children.indices.foreach(i => args.add(operand(children(i), signature.param(i), constants)))
      val call = json.createObjectNode()
      call.put("function", spec.name).put("signature", signatureIndex).set[ObjectNode]("args", args)
    }

    private def operand(child: Expression, param: FunctionSpec.Param, constantsAllowed: Boolean): ObjectNode = {
      val operand = json.createObjectNode()
      val inputType = InputType.of(param.tpe, child.dataType)
      child match {
        case nested: StraboFunction if !nested.foldable =>
          operand.put("node", node(nested))
        case leaf if leaf.foldable && constantsAllowed =>
          Option(leaf.eval()) match {
            case Some(value) => inputType.put(constants, value)
            case None => constants.putNull()
          }
          constantTypes.add(json.readTree(inputType.json))
          operand.put("constant", constantTypes.size - 1)
        case leaf =>
          val key = (leaf.canonicalized, inputType)
          val index = inputIndex.getOrElseUpdate(key, {
            inputs += ProgramInput(leaf, inputType)
            inputs.size - 1
          })
          operand.put("input", index)
      }
    }

    def finish(result: (String, com.fasterxml.jackson.databind.JsonNode), outputs: Seq[DataType]): CompiledProgram = {
      val program = json.createObjectNode()
      val inputArray: ArrayNode = program.putArray("inputs")
      inputs.foreach(input => inputArray.add(json.readTree(input.inputType.json)))
      program.set[ObjectNode]("constants", constantTypes)
      program.set[ObjectNode]("nodes", nodes)
      program.set[ObjectNode](result._1, result._2)
      CompiledProgram(new ProgramSource(json.writeValueAsString(program), constants.toByteArray), inputs.toSeq, outputs)
    }
  }
}
