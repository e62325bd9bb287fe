"""PySpark with `strabo.spark_session()`: the jar, the extension, the SQL functions, the Python
column functions, and Spark's GEOMETRY type in and out."""
import ast

import pytest
import shapely

from pyspark.sql import functions as F
from pyspark.sql.types import BinaryType, Geometry, GeometryType, StructField, StructType

import strabo
from strabo import functions as S

SQUARE = "st_geomFromWKT('POLYGON((0 0,4 0,4 4,0 4,0 0))')"


def test_session_has_the_jar_and_the_extension(spark):
    assert strabo.jar_path() in spark.conf.get("spark.jars").split(",")
    assert "io.strabo.spark.StraboExtensions" in spark.conf.get("spark.sql.extensions")
    assert spark.catalog.functionExists("st_contains")


def test_the_walking_skeleton_queries(spark):
    assert spark.sql(f"SELECT st_area({SQUARE})").first()[0] == 16.0
    assert spark.sql(f"SELECT st_contains({SQUARE}, st_point(1.0, 2.0))").first()[0] is True


def test_a_second_helper_call_returns_the_running_session(spark):
    assert strabo.spark_session() is spark


def test_python_column_functions(spark):
    df = spark.range(1, 4).select(
        S.st_area(S.st_makeBBOX(0, 0, "id", 2)).alias("area"),
        S.st_asText(S.st_point(F.col("id"), 0.5)).alias("wkt"),
        S.st_contains(S.st_geomFromWKT(F.lit("POLYGON((0 0,4 0,4 4,0 4,0 0))")), S.st_makePoint("id", 1)).alias("inside"),
    )
    assert [tuple(r) for r in df.collect()] == [
        (2.0, "POINT(1 0.5)", True),
        (4.0, "POINT(2 0.5)", True),
        (6.0, "POINT(3 0.5)", True),
    ]
    assert S.st_area.__doc__.startswith("st_area(geom: geometry) -> double")
    with pytest.raises(TypeError, match="st_point takes 2 or 3 arguments, got 1"):
        S.st_point("id")


def test_optional_parameters_arrays_and_aggregates_from_python(spark):
    df = spark.createDataFrame([(0, 0.0, 0.0), (0, 2.0, 3.0), (1, 5.0, 5.0)], "k int, x double, y double")
    circles = df.select(
        S.st_numPoints(S.st_buffer(S.st_point("x", "y"), 1.0)).alias("default"),
        S.st_numPoints(S.st_buffer(S.st_point("x", "y"), 1.0, F.lit("quad_segs=2"))).alias("coarse"),
        F.size(S.st_dump(S.st_geomFromWKT(F.lit("MULTIPOINT((0 0),(1 1))")))).alias("parts"),
    ).first()
    assert tuple(circles) == (33, 9, 2)
    boxes = df.groupBy("k").agg(S.st_asText(S.st_extent(S.st_point("x", "y"))).alias("box")).orderBy("k")
    assert [tuple(r) for r in boxes.collect()] == [(0, "POLYGON((0 0,0 3,2 3,2 0,0 0))"), (1, "POINT(5 5)")]
    assert "[params: string]" in S.st_buffer.__doc__
    with pytest.raises(TypeError, match="st_buffer takes 2 or 3 arguments, got 1"):
        S.st_buffer("x")


def test_python_columns_are_computed_in_batches(spark):
    plan = spark.range(10).select(S.st_x(S.st_point("id", 0)).alias("x"))._jdf.queryExecution().executedPlan().toString()
    assert "StraboEval" in plan


def test_every_registry_name_has_a_python_function():
    for spec in S.REGISTRY:
        for name in [spec["name"], *spec["aliases"]]:
            assert callable(getattr(S, name)), name


def test_show_functions_lists_every_strabo_name(spark):
    """SHOW FUNCTIONS lists the 150+ st_* names Strabo registers: every native function and alias."""
    shown = {row[0].split(".")[-1].lower() for row in spark.sql("SHOW FUNCTIONS LIKE 'st_*'").collect()}
    native = {name.lower() for spec in S.REGISTRY if spec["signatures"][0]["implementation"] != "spark"
              for name in [spec["name"], *spec["aliases"]]}
    assert len(native) >= 150 and native <= shown, sorted(native - shown)


def test_the_type_stubs_declare_every_function():
    """The wheel's `functions.pyi` (generated from the registry) is valid Python and declares,
    with a docstring, every function the module makes at import."""
    from importlib import resources

    stubs = ast.parse((resources.files("strabo") / "functions.pyi").read_text("utf-8"))
    declared = {f.name: f for f in stubs.body if isinstance(f, ast.FunctionDef)}
    assert set(declared) == set(S.__all__) | {"accepts"}
    assert all(ast.get_docstring(declared[name]) for name in S.__all__)
    assert (resources.files("strabo") / "py.typed").is_file()


def test_spark_builtins_keep_their_names(spark):
    def describe(name):
        rows = spark.sql(f"DESCRIBE FUNCTION {name}").collect()
        return next(r[0] for r in rows if r[0].startswith("Class:"))

    assert describe("st_geomFromWKB") == "Class: org.apache.spark.sql.catalyst.expressions.st.ST_GeomFromWKB"
    assert describe("st_area") == "Class: io.strabo.spark.expressions.StraboFunction"
    assert describe("st_geomFromText") == "Class: io.strabo.spark.expressions.StraboFunction"


def test_geometry_results_are_spark_geometry_values(spark):
    row = spark.sql("SELECT st_point(1, 2) AS p, typeof(st_point(1, 2)) AS t").first()
    assert row.t == "geometry(0)"
    assert isinstance(row.p, Geometry)
    assert row.p.getSrid() == 0
    assert shapely.from_wkb(bytes(row.p.getBytes())).equals(shapely.Point(1, 2))


def test_srid_is_kept_by_geometry_functions(spark):
    row = spark.sql(
        "SELECT typeof(e) AS t, st_srid(e) AS s FROM (SELECT st_envelope(st_setSRID(st_point(1, 2), 4326)) AS e)"
    ).first()
    assert (row.t, row.s) == ("geometry(4326)", 4326)


def test_geometry_columns_from_python_and_spark(spark):
    schema = StructType([StructField("g", GeometryType(4326)), StructField("wkb", BinaryType())])
    polygon = shapely.box(0, 0, 2, 3)
    df = spark.createDataFrame([(Geometry.fromWKB(shapely.to_wkb(polygon), 4326), shapely.to_wkb(polygon))], schema)
    row = df.selectExpr(
        "st_area(g) AS from_geometry",
        "st_area(wkb) AS from_binary",
        "st_srid(st_envelope(g)) AS srid",
        "st_asText(st_geomFromWKB(st_asBinary(st_envelope(g)))) AS roundtrip",
    ).first()
    assert (row.from_geometry, row.from_binary, row.srid) == (6.0, 6.0, 4326)
    assert shapely.from_wkt(row.roundtrip).equals(polygon)


def test_mixed_srid_columns_are_refused_at_analysis(spark):
    with pytest.raises(Exception, match="st_contains needs geometries with one SRID, got 4326 and 0"):
        spark.sql("SELECT st_contains(st_setSRID(st_point(1, 1), 4326), st_point(1, 1))").collect()


def test_strings_are_not_geometries(spark):
    with pytest.raises(Exception, match="requires the \"GEOMETRY OR BINARY \\(WKB\\)\" type"):
        spark.sql("SELECT st_area('POLYGON((0 0,1 0,1 1,0 0))')").collect()


def test_wrong_argument_counts_are_analysis_errors(spark):
    with pytest.raises(Exception, match="WRONG_NUM_ARGS"):
        spark.sql("SELECT st_point(1)").collect()


MIXED = "SELECT st_setSRID(st_point(id, 1), CASE WHEN id = 0 THEN 4326 ELSE 3857 END) AS g FROM range(2)"


def test_per_row_srids_of_a_mixed_column_are_kept(spark):
    rows = spark.sql(f"SELECT typeof(st_envelope(g)) AS t, st_srid(st_envelope(g)) AS s FROM ({MIXED})").collect()
    assert [(r.t, r.s) for r in rows] == [("geometry(any)", 4326), ("geometry(any)", 3857)]


def test_mixed_srids_within_a_column_are_refused_at_run_time(spark):
    with pytest.raises(Exception, match=r"st_contains: geometries have different SRIDs \(3857 and 4326\)"):
        spark.sql(f"SELECT st_contains(g, st_setSRID(st_point(1, 1), 4326)) FROM ({MIXED})").collect()
