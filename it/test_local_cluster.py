"""Strabo's planning on `local-cluster[2,1,1024]`: a master and two executors in JVMs of their own,
as on a cluster. The jar reaches the executors through `spark.jars`, and each loads its native
library. Every shape of the feature matrix runs over plain and cached input, with adaptive
execution on and off."""
from __future__ import annotations

import itertools

import pytest

from conftest import session
from spark_features import FEATURE_BY_NAME, SHAPE_BY_NAME, SHAPES, Runner, Scene, check_cell

MASTER = "local-cluster[2,1,1024]"


@pytest.fixture(scope="module")
def spark():
    spark = session(MASTER)
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def runner(spark):
    return Runner(spark)


@pytest.fixture(scope="module")
def scene(spark, tmp_path_factory):
    scene = Scene(spark, tmp_path_factory.mktemp("local-cluster"))
    yield scene
    scene.leave()


def test_both_executors_run_native_calls(spark, runner):
    total = runner.run(
        lambda: spark.sql("SELECT sum(CAST(st_x(st_point(id, 0)) AS BIGINT)) FROM range(0, 1000, 1, 8)").first()[0],
        "native calls on the executors",
    )
    assert total == sum(range(1000))
    store = spark.sparkContext._jsc.sc().statusStore()
    summaries = store.executorList(True)
    tasks = {}
    for i in range(summaries.size()):
        summary = summaries.apply(i)
        if summary.id() != "driver":
            tasks[summary.id()] = summary.totalTasks()
    assert len(tasks) == 2 and all(n > 0 for n in tasks.values()), tasks


CELLS = [
    (feature, shape.name, aqe)
    for feature, shape, aqe in itertools.product(["plain", "cache"], SHAPES, (True, False))
]


@pytest.mark.parametrize(
    "feature, shape, aqe", CELLS, ids=[f"{f}-{s}-aqe_{'on' if a else 'off'}" for f, s, a in CELLS]
)
def test_cell(runner, scene, feature, shape, aqe):
    check_cell(runner, scene, FEATURE_BY_NAME[feature], SHAPE_BY_NAME[shape], aqe)


def test_a_relative_store_path_is_one_store_for_every_executor(spark, tmp_path):
    """A relative path resolves against the driver's working directory: executors run in
    directories of their own, and each would otherwise write where the driver never looks."""
    import os

    relative = os.path.relpath(tmp_path / "store")  # this process's directory is the driver's
    rows = spark.range(0, 1000, 1, 8).selectExpr(
        "st_setSRID(st_point(CAST(id AS double), 0.0), 4326) AS geom", "CAST(id AS int) AS n"
    )
    rows.write.format("strabo").option("path", relative).option("feature", "events").mode("append").save()
    back = spark.read.format("strabo").option("path", relative).option("feature", "events").load()
    assert back.selectExpr("count(*)", "sum(n)").first() == (1000, sum(range(1000)))
    assert any((tmp_path / "store" / "events").rglob("*.parquet"))
