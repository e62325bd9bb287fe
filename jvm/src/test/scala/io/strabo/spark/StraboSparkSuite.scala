package io.strabo.spark

import java.nio.file.{Files, Path}

import scala.jdk.CollectionConverters._

import org.apache.spark.sql.{Row, SparkSession}
import org.apache.spark.sql.execution.{SparkPlan, WholeStageCodegenExec}
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanHelper
import org.apache.spark.sql.execution.debug._
import org.scalatest.BeforeAndAfterAll
import org.scalatest.funsuite.AnyFunSuite

import io.strabo.spark.execution.{StraboEvalExec, StraboEvalRowsExec, StraboRowsToArrowExec}
import io.strabo.spark.jni.NativeProgram

/** Strabo inside a real local Spark session (the Spark of the `provided` dependency). */
class StraboSparkSuite extends AnyFunSuite with BeforeAndAfterAll with AdaptiveSparkPlanHelper {
  private var spark: SparkSession = _

  private def newSession(): SparkSession =
    SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate()

  override def beforeAll(): Unit = spark = newSession()
  override def afterAll(): Unit = spark.stop()

  /** Every scalar function on non-constant input, so nothing is folded away before execution. */
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
      |  st_area(CASE WHEN id = 3 THEN NULL ELSE st_makeBBOX(0, 0, 1, 1) END) AS nullable,
      |  st_numPoints(st_buffer(st_point(id, 0), 1.0, 'quad_segs=2')) AS buffered,
      |  size(st_dump(st_geomFromWKT(concat('MULTIPOINT((0 0),(', id, ' 1))')))) AS parts,
      |  st_geoHash(st_point(id, 1), 25) AS hash
      |FROM range(0, 6, 1, 2)""".stripMargin

  private def rows(conf: (String, String)*): Seq[Row] = {
    conf.foreach { case (k, v) => spark.conf.set(k, v) }
    try spark.sql(query).collect().toSeq.sortBy(_.getLong(0))
    finally conf.foreach { case (k, _) => spark.conf.unset(k) }
  }

  private def plan(sql: String): SparkPlan = {
    val df = spark.sql(sql)
    df.collect()
    df.queryExecution.executedPlan
  }

  test("the batch path, generated and interpreted per-row code agree, and agree with hand-computed values") {
    val batch = rows()
    val generated = rows("spark.strabo.batch.enabled" -> "false", "spark.sql.codegen.factoryMode" -> "CODEGEN_ONLY")
    val interpreted = rows(
      "spark.strabo.batch.enabled" -> "false",
      "spark.sql.codegen.factoryMode" -> "NO_CODEGEN",
      "spark.sql.codegen.wholeStage" -> "false")
    assert(batch == generated)
    assert(generated == interpreted)
    val row2 = batch(2)
    // (2 4) lies on the top edge of the box: it intersects it.
    assert(row2 == Row(2L, 4.0, 2.0, "POINT(2 2)", 2.0, 2.0, 2.0, true, true, true, "POINT(2 0.5)", 1.0, 9, 2, "s01mt"))
    assert(batch(4).getBoolean(7) == false, "a point on the boundary is not contained")
    assert(batch(5).getBoolean(8) == false, "a point outside does not intersect")
    assert(batch(3).isNullAt(11))
  }

  test("projections and filters of Strabo calls run over Arrow batches, and explain shows it") {
    val executed = plan(
      "SELECT id, st_area(st_makeBBOX(0, 0, id, 1)) FROM range(10) WHERE st_contains(st_makeBBOX(0, 0, 5, 5), st_point(id, 1))")
    // Rows in and rows out: both evaluated inside the stage's generated code.
    val evals = collect(executed) { case e: StraboEvalRowsExec => e }
    assert(evals.size == 2, executed)
    assert(collect(executed) { case e: WholeStageCodegenExec => e }.exists(_.find(_.isInstanceOf[StraboEvalRowsExec]).isDefined), executed)
    assert(collect(executed) { case r: StraboRowsToArrowExec => r }.isEmpty, executed)
    val explained = spark.sql(
      "SELECT st_area(st_makeBBOX(0, 0, id, 1)) FROM range(10)").queryExecution.explainString(
      org.apache.spark.sql.execution.SimpleMode)
    assert(explained.contains("StraboEval [st_area(st_makeBBOX(0.0D, 0.0D, _strabo_in0, 1.0D)) AS _strabo0"), explained)
    // A literal geometry (folded by the optimizer) is shown as its text, not as a Java object.
    val folded = spark.sql(
      "SELECT st_contains(st_setSRID(st_geomFromWKT('POLYGON((0 0,9 0,9 9,0 0))'), 4326), st_setSRID(st_point(id, 1), 4326)) " +
        "FROM range(3)").queryExecution.explainString(org.apache.spark.sql.execution.SimpleMode)
    assert(folded.contains("st_contains(GEOMETRY 'SRID=4326;POLYGON((0 0,9 0,9 9,0 0))', "), folded)
    // A costly column read twice keeps Spark from merging the projections; each is planned alone.
    val unmerged = plan("SELECT st_area(st_makeBBOX(x, 0, x + 1, 2)) FROM (SELECT sqrt(id) AS x FROM range(10))")
    assert(collect(unmerged) { case e: StraboEvalRowsExec => e }.size == 1, unmerged)
  }

  test("Strabo calls grouped by or aggregated run over batches below the aggregate, with the same results") {
    val sql =
      """SELECT st_geoHash(st_point(id % 3, 1), 25) AS cell, sum(st_area(st_makeBBOX(0, 0, id, 2))) AS area,
        |  st_asText(st_extent(st_point(id, id))) AS extent,
        |  sum(st_x(st_point(id, 0))) FILTER (WHERE id > 2) AS filtered,
        |  count(*) AS n
        |FROM range(0, 12, 1, 2) GROUP BY st_geoHash(st_point(id % 3, 1), 25) ORDER BY cell""".stripMargin
    val executed = plan(sql)
    val evaluated = collect(executed) { case e: StraboEvalRowsExec => e.calls.map(_.prettyName) }.flatten
    assert(evaluated.sorted == Seq("st_area", "st_geoHash", "st_point"), executed)
    val batched = spark.sql(sql).collect().toSeq
    spark.conf.set("spark.strabo.batch.enabled", "false")
    val perRow = try spark.sql(sql).collect().toSeq finally spark.conf.unset("spark.strabo.batch.enabled")
    assert(batched == perRow)
    // ids 0, 3, 6, 9 have x % 3 = 0: boxes of width id and height 2; the FILTER keeps 3, 6, 9.
    assert(batched.head == Row("s00j8", 36.0, "POLYGON((0 0,0 9,9 9,9 0,0 0))", 18.0, 4L))
  }

  test("a call that CASE may skip stays per row, so its guard works") {
    val out = spark.sql(
      """SELECT CASE WHEN w IS NULL OR w = 'bad' THEN -1 ELSE st_area(st_geomFromWKT(w)) END
        |FROM VALUES ('POLYGON((0 0,1 0,1 1,0 0))'), ('bad'), (NULL) AS t(w)""".stripMargin).collect().map(_.get(0))
    assert(out.toSeq == Seq(0.5, -1.0, -1.0))
  }

  private val boxesAndPoints =
    """SELECT count(*) FROM range(5) a JOIN range(5) b
      |ON st_contains(st_makeBBOX(0, 0, a.id, a.id), st_point(b.id, 0.5))""".stripMargin

  test("where no batch can be formed (a join Strabo leaves to Spark), generated code calls the native program per row") {
    // Without adaptive execution the plan holds the generated code's subtrees directly.
    spark.conf.set("spark.sql.adaptive.enabled", "false")
    spark.conf.set("spark.strabo.join.enabled", "false")
    try {
      val df = spark.sql(boxesAndPoints)
      // Box a (side a) strictly contains (b 0.5) for 0 < b < a: 0 + 0 + 1 + 2 + 3.
      assert(df.head().getLong(0) == 6L)
      val code = codegenString(df.queryExecution.executedPlan)
      assert(code.contains(classOf[NativeProgram].getName), code)
      assert(code.contains(".evalBoolean()"), code)
    } finally {
      spark.conf.unset("spark.sql.adaptive.enabled")
      spark.conf.unset("spark.strabo.join.enabled")
    }
  }

  test("a join on a spatial predicate is a spatial join, its computed keys evaluated in batches") {
    val df = spark.sql(boxesAndPoints)
    assert(df.head().getLong(0) == 6L)
    val plan = df.queryExecution.executedPlan.toString
    assert(plan.contains("StraboSpatialJoin Inner, st_contains("), plan)
    assert(plan.contains("StraboEval [st_makeBBOX("), plan)
    assert(plan.contains("StraboEval [st_point("), plan)
  }

  test("a literal polygon is compiled and prepared once per task, not once per row or batch") {
    spark.conf.set("spark.strabo.batch.size", "1000")
    try {
      val before = NativeProgram.openedByTasksCount()
      val inside = spark.sql(
        """SELECT count(*) FROM range(0, 200000, 1, 4)
          |WHERE st_contains(st_geomFromWKT('POLYGON((0 0,100 0,100 100,0 100,0 0))'), st_point(id % 200, 50))
          |""".stripMargin).head().getLong(0)
      val opened = NativeProgram.openedByTasksCount() - before
      assert(inside == 99L * 1000)
      assert(opened >= 4 && opened <= 8, s"$opened programs for 4 tasks of 50 batches")
    } finally spark.conf.unset("spark.strabo.batch.size")
  }

  test("Arrow columns of a columnar source reach Rust without a copy") {
    val df = spark.read
      .format(classOf[ArrowTestSource].getName)
      .option("rows", "10000")
      .option("batch", "1000")
      .load()
      .where("st_contains(st_makeBBOX(10, 10, 50, 20), st_point(x, y))")
    val expected = (0 until 10000).count(i => i % 100 > 10 && i % 100 < 50 && i % 37 > 10 && i % 37 < 20)
    assert(df.collect().length == expected)
    val eval = collect(df.queryExecution.executedPlan) { case e: StraboEvalExec => e }.head
    assert(collect(df.queryExecution.executedPlan) { case r: StraboRowsToArrowExec => r }.isEmpty)
    assert(eval.metrics("numBatches").value == 10)
    assert(eval.metrics("copiedInputs").value == 0, "the x and y vectors were exported as they are")
  }

  private def residentBytes(): Long = {
    val line = Files.readAllLines(Path.of("/proc/self/status")).asScala.find(_.startsWith("VmRSS:")).get
    line.split("\\s+")(1).toLong * 1024
  }

  test("10,000 batches through a real query leave resident memory flat") {
    spark.conf.set("spark.strabo.batch.size", "256")
    try {
      def batches(n: Int): Unit = {
        val rows = n.toLong * 256
        val count = spark.sql(
          s"""SELECT count(*) FROM range(0, $rows, 1, 1)
             |WHERE st_area(st_buffer(st_point(id % 1000, 0), 1.0, 'quad_segs=1')) > 1.5""".stripMargin).head().getLong(0)
        assert(count == rows)
      }
      batches(1000) // let the JIT, allocator pools and malloc arenas reach their working size
      val before = residentBytes()
      batches(10000)
      val growth = residentBytes() - before
      // A leaked batch of results would be ~25 KB: 10,000 of them, 250 MB.
      assert(growth < 48L * 1024 * 1024, s"resident memory grew by ${growth / 1024} KiB")
    } finally spark.conf.unset("spark.strabo.batch.size")
  }

  test("the functions object calls each function as SQL text does, and has a method for every name") {
    import org.apache.spark.sql.functions.{array, col, lit}
    import io.strabo.spark.functions._
    val point = st_point(col("id"), lit(0.5))
    val api = spark.range(0, 6, 1, 2).select(
      col("id"),
      st_asText(st_buffer(point, lit(1.0), lit("quad_segs=2"))),
      st_asText(st_collect(point, st_makePoint(lit(1), col("id")), point)),
      st_asText(st_makeLine(array(point, st_point(lit(1.0), lit(2.0))))),
      st_asText(st_affine(point, lit(2), lit(0), lit(0), lit(2), lit(1), col("id"))),
      st_srid(st_transform(st_point(col("id"), lit(1), lit(4326)), lit("EPSG:3857"))),
      st_geometryType(point))
    val sql = spark.sql(
      """SELECT id,
        |  st_asText(st_buffer(st_point(id, 0.5), 1.0, 'quad_segs=2')),
        |  st_asText(st_collect(st_point(id, 0.5), st_makePoint(1, id), st_point(id, 0.5))),
        |  st_asText(st_makeLine(array(st_point(id, 0.5), st_point(1.0, 2.0)))),
        |  st_asText(st_affine(st_point(id, 0.5), 2, 0, 0, 2, 1, id)),
        |  st_srid(st_transform(st_point(id, 1, 4326), 'EPSG:3857')),
        |  st_geometryType(st_point(id, 0.5))
        |FROM range(0, 6, 1, 2)""".stripMargin)
    val expected = sql.collect().toSeq.sortBy(_.getLong(0))
    assert(api.collect().toSeq.sortBy(_.getLong(0)) == expected)
    assert(expected.head.getInt(5) == 3857 && expected.last.getString(6) == "Point")

    val extents = spark.range(0, 6, 1, 2).groupBy((col("id") % 2).as("odd"))
      .agg(st_asText(st_extent(point)), st_asText(st_collect_agg(point)))
      .collect().map(r => r.getLong(0) -> (r.getString(1), r.getString(2))).toMap
    assert(extents(0L) == ("LINESTRING(0 0.5,4 0.5)", "MULTIPOINT((0 0.5),(2 0.5),(4 0.5))"))

    val methods = classOf[functions.type].getMethods.map(_.getName).toSet
    val names = FunctionSpec.registry.flatMap(spec => spec.name +: spec.aliases)
    assert(names.size >= 100 && names.forall(methods.contains), names.filterNot(methods.contains))
  }

  test("aggregates keep every row when Spark falls back from hashing to sorting groups") {
    // Past this many groups in a task, ObjectHashAggregateExec sorts the rest, and copies of the
    // aggregate function made for other buffer offsets merge the buffers the first one made.
    spark.conf.set("spark.sql.objectHashAggregate.sortBased.fallbackThreshold", "4")
    try {
      val groups = spark.sql(
        """SELECT k, st_xMin(e) = min_x AND st_yMin(e) = min_y AND st_xMax(e) = max_x AND st_yMax(e) = max_y,
          |  st_numGeometries(c) = n, st_area(u) = size(xs)
          |FROM (SELECT k, st_extent(st_point(x, y)) AS e, st_collect_agg(st_point(x, y)) AS c,
          |    st_union_aggr(st_makeBBOX(k * 2, x, k * 2 + 1, x + 1)) AS u,
          |    min(x) AS min_x, min(y) AS min_y, max(x) AS max_x, max(y) AS max_y, count(*) AS n,
          |    collect_set(x) AS xs
          |  FROM (SELECT id % 50 AS k, CAST(id * 7919 % 1000 AS DOUBLE) AS x,
          |      CAST(id * 104729 % 1000 AS DOUBLE) AS y FROM range(0, 5000, 1, 2))
          |  GROUP BY k)""".stripMargin).collect()
      assert(groups.length == 50)
      groups.foreach { r =>
        assert(r.getBoolean(1) && r.getBoolean(2) && r.getBoolean(3), s"group ${r.getLong(0)}: $r")
      }
    } finally spark.conf.unset("spark.sql.objectHashAggregate.sortBased.fallbackThreshold")
  }

  test("a stopped and restarted session in the same JVM still has the functions") {
    spark.stop()
    spark = newSession()
    assert(spark.sql("SELECT st_area(st_makeBBOX(0, 0, 2, 3))").head().getDouble(0) == 6.0)
  }
}
