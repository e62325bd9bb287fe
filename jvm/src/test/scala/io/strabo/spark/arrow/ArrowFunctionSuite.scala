package io.strabo.spark.arrow

import java.nio.file.{Files, Path}

import scala.jdk.CollectionConverters._

import org.apache.arrow.memory.RootAllocator
import org.apache.arrow.vector.{BitVector, Float8Vector, VarBinaryVector}
import org.scalatest.funsuite.AnyFunSuite

import io.strabo.spark.TestGeometries.{point, rectangle}

class ArrowFunctionSuite extends AnyFunSuite {
  private val rows = 8192

  /** Rectangle i is (i % 97 + 1) wide and 2 high; every 1000th row is NULL. */
  private def rectangles(allocator: RootAllocator): VarBinaryVector = {
    val vector = new VarBinaryVector("geom", allocator)
    vector.allocateNew(rows)
    (0 until rows).foreach { i =>
      if (i % 1000 == 999) vector.setNull(i) else vector.setSafe(i, rectangle(0, 0, i % 97 + 1, 2))
    }
    vector.setValueCount(rows)
    vector
  }

  /** Runs `body` with a fresh allocator and checks that it leaks no Arrow memory. */
  private def withAllocator(body: RootAllocator => Unit): Unit = {
    val allocator = new RootAllocator()
    body(allocator)
    assert(allocator.getAllocatedMemory == 0)
    allocator.close()
  }

  private def residentBytes(): Long = {
    val line = Files.readAllLines(Path.of("/proc/self/status")).asScala.find(_.startsWith("VmRSS:")).get
    line.split("\\s+")(1).toLong * 1024
  }

  test("st_area over 8192 WKB polygons in one call") {
    withAllocator { allocator =>
      val input = rectangles(allocator)
      val area = ArrowFunction("st_area")
      val out = area.evaluate(Seq(input), allocator).asInstanceOf[Float8Vector]
      assert(out.getValueCount == rows)
      (0 until rows).foreach { i =>
        if (i % 1000 == 999) assert(out.isNull(i), s"row $i") else assert(out.get(i) == (i % 97 + 1) * 2.0, s"row $i")
      }
      Seq(out, input, area).foreach(_.close())
    }
  }

  test("two-argument predicates take one vector per argument") {
    withAllocator { allocator =>
      val polygons = new VarBinaryVector("a", allocator)
      val points = new VarBinaryVector("b", allocator)
      Seq(polygons, points).foreach(_.allocateNew(3))
      (0 until 3).foreach(i => polygons.setSafe(i, rectangle(0, 0, 4, 4)))
      Seq(point(1, 1), point(4, 2), point(9, 9)).zipWithIndex.foreach { case (p, i) => points.setSafe(i, p) }
      Seq(polygons, points).foreach(_.setValueCount(3))
      val contains = ArrowFunction("ST_CONTAINS")
      val out = contains.evaluate(Seq(polygons, points), allocator).asInstanceOf[BitVector]
      assert((0 until 3).map(out.getObject) == Seq(true, false, false))
      Seq(out, polygons, points, contains).foreach(_.close())
    }
  }

  test("bad WKB raises IllegalArgumentException naming the function and value, and leaks nothing") {
    withAllocator { allocator =>
      val input = new VarBinaryVector("geom", allocator)
      input.allocateNew(2)
      input.setSafe(0, rectangle(0, 0, 1, 1))
      input.setSafe(1, Array[Byte](1, 3, 0))
      input.setValueCount(2)
      val area = ArrowFunction("st_area")
      val error = intercept[IllegalArgumentException](area.evaluate(Seq(input), allocator))
      assert(error.getMessage == "st_area: invalid WKB: truncated header (3 bytes); geom = X'010300'")
      Seq(input, area).foreach(_.close())
    }
  }

  test("10,000 batches of 8192 geometries keep resident memory flat") {
    withAllocator { allocator =>
      val input = rectangles(allocator)
      val area = ArrowFunction("st_area")
      def batches(n: Int): Unit = (1 to n).foreach { _ =>
        val out = area.evaluate(Seq(input), allocator)
        assert(out.getValueCount == rows)
        out.close()
      }
      batches(1000) // let the JIT, allocator pools and malloc arenas reach their working size
      val before = residentBytes()
      batches(9000)
      val growth = residentBytes() - before
      // One leaked output per batch would be 64 KiB × 9000 ≈ 590 MB; a leaked input, 7 GB.
      assert(growth < 32L * 1024 * 1024, s"resident memory grew by ${growth / 1024} KiB")
      Seq(input, area).foreach(_.close())
    }
  }

  test("a closed function refuses to run instead of touching freed memory") {
    withAllocator { allocator =>
      val input = rectangles(allocator)
      val area = ArrowFunction("st_area")
      area.close()
      val error = intercept[IllegalStateException](area.evaluate(Seq(input), allocator))
      assert(error.getMessage.contains("used after it was closed"))
      input.close()
    }
  }
}
