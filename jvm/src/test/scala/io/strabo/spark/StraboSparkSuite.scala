package io.strabo.spark

import org.apache.spark.sql.{Row, SparkSession}
import org.apache.spark.sql.execution.debug._
import org.scalatest.BeforeAndAfterAll
import org.scalatest.funsuite.AnyFunSuite

import io.strabo.spark.jni.NativeProgram

/** Strabo inside a real local Spark session (the Spark of the `provided` dependency). */
class StraboSparkSuite extends AnyFunSuite with BeforeAndAfterAll {
  private var spark: SparkSession = _

  private def newSession(): SparkSession =
    SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate()

  override def beforeAll(): Unit = spark = newSession()
  override def afterAll(): Unit = spark.stop()

  /** Every function on non-constant input, so nothing is folded away before execution. */
  private val query =
    """SELECT id,
      |  st_area(st_makeBBOX(0, 0, id, 2)) AS area,
      |  st_length(st_geomFromWKT(concat('LINESTRING(0 0,', id, ' 0)'))) AS length,
      |  st_asText(st_envelope(st_point(id, id))) AS envelope,
      |  st_x(st_point(id, 1)) AS x, st_y(st_makePoint(1, id)) AS y,
      |  st_distance(st_point(0, 0), st_point(id, 0)) AS distance,
      |  st_contains(st_geomFromText('POLYGON((0 0,4 0,4 4,0 4,0 0))'), st_point(id, 1)) AS contains,
      |  st_intersects(st_makeBBOX(0, 0, 4, 4), st_point(id, 4)) AS intersects,
      |  st_within(st_point(id, 1), st_makeBBOX(0, 0, 3, 3)) AS within,
      |  st_asText(st_geomFromWKB(st_asBinary(st_point(id, 0.5)))) AS roundtrip,
      |  st_area(CASE WHEN id = 3 THEN NULL ELSE st_makeBBOX(0, 0, 1, 1) END) AS nullable
      |FROM range(0, 6, 1, 2)""".stripMargin

  private def rows(conf: (String, String)*): Seq[Row] = {
    conf.foreach { case (k, v) => spark.conf.set(k, v) }
    try spark.sql(query).collect().toSeq.sortBy(_.getLong(0))
    finally conf.foreach { case (k, _) => spark.conf.unset(k) }
  }

  test("generated and interpreted code agree, and agree with hand-computed values") {
    val generated = rows("spark.sql.codegen.factoryMode" -> "CODEGEN_ONLY")
    val interpreted = rows("spark.sql.codegen.factoryMode" -> "NO_CODEGEN", "spark.sql.codegen.wholeStage" -> "false")
    assert(generated == interpreted)
    val row2 = generated(2)
    // (2 4) lies on the top edge of the box: it intersects it.
    assert(row2 == Row(2L, 4.0, 2.0, "POINT(2 2)", 2.0, 2.0, 2.0, true, true, true, "POINT(2 0.5)", 1.0))
    assert(generated(4).getBoolean(7) == false, "a point on the boundary is not contained")
    assert(generated(5).getBoolean(8) == false, "a point outside does not intersect")
    assert(generated(3).isNullAt(11))
  }

  test("whole-stage codegen calls the native program; there is no CodegenFallback") {
    val df = spark.sql("SELECT st_area(st_makeBBOX(0, 0, id, 1)) FROM range(3)")
    val code = codegenString(df.queryExecution.executedPlan)
    assert(code.contains(classOf[NativeProgram].getName), code)
    assert(code.contains(".evalDouble()"), code)
  }

  test("a literal polygon is compiled and prepared once per task, not once per row") {
    val before = NativeProgram.openedCount()
    val inside = spark.sql(
      """SELECT count(*) FROM range(0, 200000, 1, 4)
        |WHERE st_contains(st_geomFromWKT('POLYGON((0 0,100 0,100 100,0 100,0 0))'), st_point(id % 200, 50))
        |""".stripMargin).head().getLong(0)
    val opened = NativeProgram.openedCount() - before
    assert(inside == 99L * 1000)
    assert(opened >= 4 && opened <= 8, s"$opened programs for 4 tasks")
  }

  test("a stopped and restarted session in the same JVM still has the functions") {
    spark.stop()
    spark = newSession()
    assert(spark.sql("SELECT st_area(st_makeBBOX(0, 0, 2, 3))").head().getDouble(0) == 6.0)
  }
}
