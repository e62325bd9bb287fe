"""Spark's features × Strabo's planning, with adaptive execution on and off (issue: a query over a
cached DataFrame re-planned forever). Every query runs under a deadline with its adaptive
re-plans counted (spark_features.Runner); every cell compares its rows, in batches and a row at a
time, with rows computed here and by shapely."""
from __future__ import annotations

import itertools

import pytest
import shapely
from pyspark.errors import AnalysisException

from conftest import REPO
from spark_features import (
    AQE,
    BATCH,
    FEATURE_BY_NAME,
    FEATURES,
    SHAPE_BY_NAME,
    SHAPES,
    Runner,
    Scene,
    assert_rows,
    base_rows,
    check_cell,
    expected,
    settings,
)


@pytest.fixture(scope="module")
def runner(spark):
    return Runner(spark)


@pytest.fixture(scope="module")
def scene(spark, tmp_path_factory):
    spark.sparkContext.setCheckpointDir(str(tmp_path_factory.mktemp("checkpoints")))
    scene = Scene(spark, tmp_path_factory.mktemp("features"))
    yield scene
    scene.leave()


def test_the_cached_dataframe_of_the_report_returns(spark, runner):
    """The report's query: a Strabo function over a cached DataFrame, adaptive execution on."""
    raw = spark.range(20000).selectExpr("id % 360 - 180.0 as x", "id % 140 - 60.0 as y").cache()
    try:
        raw.count()
        with settings(spark, {AQE: "true"}):
            count = runner.run(
                lambda: raw.selectExpr("st_point(x, y) as geom").where("st_x(geom) > 0").count(),
                "the report's query",
            )
        assert count == sum(1 for i in range(20000) if i % 360 - 180 > 0)
    finally:
        raw.unpersist()


def test_points_in_cached_countries_grouped_by_country(spark, runner):
    """The report's second query: a spatial join of cached points to countries, grouped."""
    countries = spark.read.csv(str(REPO / "data/natural-earth/countries-110m.csv"), header=True)
    countries = countries.selectExpr("name", "st_asBinary(st_geomFromWKT(wkt)) AS wkb").cache()
    points = spark.range(2000).selectExpr("id", "id % 360 - 180.0 AS x", "(id * 7) % 140 - 60.0 AS y").cache()
    try:
        countries.count(), points.count()
        countries.createOrReplaceTempView("cached_countries")
        points.createOrReplaceTempView("cached_points")
        query = """SELECT c.name, count(*) AS n FROM cached_points p JOIN cached_countries c
                   ON st_contains(c.wkb, st_point(p.x, p.y)) GROUP BY c.name"""
        with settings(spark, {AQE: "true"}):
            rows = runner.run(spark.sql(query).collect, "points in cached countries")
        shapes = {r.name: shapely.from_wkb(bytes(r.wkb)) for r in countries.collect()}
        want: dict[str, int] = {}
        for i in range(2000):
            location = shapely.Point(i % 360 - 180.0, (i * 7) % 140 - 60.0)
            for name, shape in shapes.items():
                if shape.contains(location):
                    want[name] = want.get(name, 0) + 1
        assert {r.name: r.n for r in rows} == want
        assert len(want) > 10
    finally:
        countries.unpersist()
        points.unpersist()


CELLS = [
    (feature.name, shape.name, aqe)
    for feature, shape, aqe in itertools.product(FEATURES, SHAPES, (True, False))
]


@pytest.mark.parametrize(
    "feature, shape, aqe", CELLS, ids=[f"{f}-{s}-aqe_{'on' if a else 'off'}" for f, s, a in CELLS]
)
def test_cell(runner, scene, feature, shape, aqe):
    check_cell(runner, scene, FEATURE_BY_NAME[feature], SHAPE_BY_NAME[shape], aqe)


def executed_plan(df) -> str:
    return df._jdf.queryExecution().executedPlan().toString()


@pytest.mark.parametrize("aqe", [True, False], ids=["aqe_on", "aqe_off"])
def test_the_same_subquery_twice_reuses_its_exchange(runner, scene, aqe):
    scene.enter(FEATURE_BY_NAME["reused_exchange"])
    with settings(runner.spark, {AQE: str(aqe).lower()}):
        df = runner.spark.sql(SHAPE_BY_NAME["projection"].sql)
        runner.run(df.collect, "reused exchange")
        plan = executed_plan(df)
    assert "ReusedExchange" in plan, plan
    assert "StraboEval" in plan, plan


@pytest.mark.parametrize("aqe", [True, False], ids=["aqe_on", "aqe_off"])
def test_dynamic_partition_pruning_prunes_through_a_strabo_filter(runner, scene, aqe):
    scene.enter(FEATURE_BY_NAME["dynamic_partition_pruning"])
    with settings(runner.spark, {AQE: str(aqe).lower()}):
        df = runner.spark.sql("SELECT count(*) FROM pts")
        count = runner.run(lambda: df.collect()[0][0], "dynamic partition pruning")
        plan = executed_plan(df)
    assert count == sum(1 for i, _, _ in base_rows() if i % 6 < 4)
    # The fact table's scan filters its partitions by the dimension's rows, which the pruning
    # subquery takes from the join's broadcast (that holds the StraboEval): reused, not rebuilt.
    assert "dynamicpruningexpression(" in plan and "dynamicpruningexpression(true)" not in plan, plan
    assert "ReusedExchange" in plan, plan


def test_spark_refuses_to_cache_a_geometry_column_with_its_own_clear_error(spark):
    """Spark 4.2 and 4.3 have no in-memory cache builder for GEOMETRY: Spark's error, not ours.
    The workaround the README gives, caching st_asBinary, is what the `cache` cells run over."""
    df = spark.sql("SELECT st_point(CAST(id AS DOUBLE), 1.0) AS geom FROM range(10)").cache()
    try:
        with pytest.raises(Exception) as refused:
            df.count()
        message = str(refused.value)
        # Spark's column builder names the type it cannot cache.
        assert "not support type: GeometryType(0)" in message, message[:2000]
        assert "org.apache.spark.sql.execution.columnar.ColumnBuilder" in message, message[:2000]
    finally:
        df.unpersist()


# --- Structured Streaming: a file source, with foreachBatch and with the memory sink ---------------

STREAM_SCHEMA = "id BIGINT, x DOUBLE, y DOUBLE"


@pytest.fixture(scope="module")
def stream_source(spark, tmp_path_factory):
    path = tmp_path_factory.mktemp("stream-source") / "points"
    spark.sql("SELECT id, x, y FROM base").coalesce(2).write.json(str(path))
    return str(path)


def stream(spark, source):
    return spark.readStream.schema(STREAM_SCHEMA).json(source)


@pytest.mark.parametrize("batch", [True, False], ids=["batches_on", "batches_off"])
@pytest.mark.parametrize("aqe", [True, False], ids=["aqe_on", "aqe_off"])
def test_every_shape_in_foreach_batch(spark, runner, scene, stream_source, aqe, batch):
    """One micro-batch holds every row: each shape runs over it inside foreachBatch."""
    scene.leave()
    results: dict[str, list] = {}

    def each(batch_df, epoch_id):
        batch_df.createOrReplaceTempView("pts")
        for shape in SHAPES:
            results.setdefault(shape.name, []).extend(batch_df.sparkSession.sql(shape.sql).collect())

    def run():
        query = stream(spark, stream_source).writeStream.foreachBatch(each).trigger(availableNow=True).start()
        query.awaitTermination()
        return query.exception()

    with settings(spark, {AQE: str(aqe).lower(), BATCH: str(batch).lower()}):
        failure = runner.run(run, "foreachBatch")
    assert failure is None, failure
    for shape in SHAPES:
        assert_rows(results[shape.name], expected(shape, FEATURE_BY_NAME["plain"]), shape.ordered, f"foreachBatch × {shape.name}")


#: Shapes a streaming query can hold, with the output mode the memory sink needs for them.
STREAMING_MODES = {"projection": "append", "filter": "append", "aggregate": "complete", "join": "append", "case": "append"}


@pytest.mark.parametrize("batch", [True, False], ids=["batches_on", "batches_off"])
@pytest.mark.parametrize("aqe", [True, False], ids=["aqe_on", "aqe_off"])
@pytest.mark.parametrize("shape", list(STREAMING_MODES))
def test_shape_in_a_stream_to_the_memory_sink(spark, runner, scene, stream_source, shape, aqe, batch):
    scene.leave()
    stream(spark, stream_source).createOrReplaceTempView("pts")
    name = f"strabo_{shape}_{int(aqe)}{int(batch)}"

    def run():
        query = (
            spark.sql(SHAPE_BY_NAME[shape].sql)
            .writeStream.format("memory")
            .queryName(name)
            .outputMode(STREAMING_MODES[shape])
            .trigger(availableNow=True)
            .start()
        )
        query.awaitTermination()
        assert query.exception() is None, query.exception()
        return spark.table(name).collect()

    try:
        with settings(spark, {AQE: str(aqe).lower(), BATCH: str(batch).lower()}):
            rows = runner.run(run, f"memory sink × {shape}")
        assert_rows(rows, expected(SHAPE_BY_NAME[shape], FEATURE_BY_NAME["plain"]), False, f"memory sink × {shape}")
    finally:
        spark.catalog.dropTempView("pts")
        spark.catalog.dropTempView(name)


@pytest.mark.parametrize(
    "shape, refusal",
    [
        ("sort", "Sorting is not supported on streaming DataFrames/Datasets"),
        ("window", "NON_TIME_WINDOW_NOT_SUPPORTED_IN_STREAMING"),
    ],
)
def test_spark_refuses_sorts_and_windows_in_a_stream_with_its_own_error(spark, scene, stream_source, shape, refusal):
    scene.leave()
    stream(spark, stream_source).createOrReplaceTempView("pts")
    try:
        with pytest.raises(AnalysisException, match=refusal):
            spark.sql(SHAPE_BY_NAME[shape].sql).writeStream.format("memory").queryName(f"refused_{shape}").outputMode("append").start()
    finally:
        spark.catalog.dropTempView("pts")
