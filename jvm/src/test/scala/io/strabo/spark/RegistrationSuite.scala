package io.strabo.spark

import org.scalatest.funsuite.AnyFunSuite

/** A Spark that ships a function with one of Strabo's names never loses either quietly. */
class RegistrationSuite extends AnyFunSuite {
  /** The real registry, plus a native function named like Spark's built-in `st_srid`. */
  private val clashing = FunctionSpec.registry :+ FunctionSpec.registry.find(_.name == "st_area").get.copy(
    name = "st_srid", aliases = Seq("st_clash_alias"))

  test("every native name is registered once, and Spark's own functions are left in place") {
    val names = StraboExtensions.functions(FunctionSpec.registry, "fail").map(_._1.funcName)
    assert(names.contains("st_contains") && names.contains("st_geomFromText") && names.contains("st_extent"))
    assert(!names.contains("st_srid") && !names.contains("st_geomFromWKB"))
    assert(names.distinct == names)
  }

  test("a clash fails registration by default, naming the function and the way out") {
    val error = intercept[IllegalStateException](StraboExtensions.functions(clashing, "fail"))
    assert(error.getMessage.contains("st_srid"))
    assert(error.getMessage.contains("spark.strabo.functions.onConflict=spark"))
  }

  test("with onConflict=spark, Spark's function is kept and only the clashing name is left out") {
    val names = StraboExtensions.functions(clashing, "spark").map(_._1.funcName)
    assert(!names.contains("st_srid"))
    assert(names.contains("st_clash_alias") && names.contains("st_area"))
  }
}
