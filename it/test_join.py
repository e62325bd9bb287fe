"""Spatial joins in real Spark: every predicate, in either argument order, every distance form and
every join type the operator plans returns exactly the rows of a nested-loop join of the same query with Strabo's
join planning off (`spark.strabo.join.enabled=false`). Natural Earth's countries are joined to
generated points, lines and polygons, with points placed on the countries' vertices and edges."""
from __future__ import annotations

import csv
import random
import re

import pytest

from spark_features import settings

from conftest import JOBS, REPO, results, run_spark

PREDICATES = [
    "st_intersects", "st_contains", "st_within", "st_covers", "st_coveredBy",
    "st_touches", "st_overlaps", "st_crosses", "st_equals",
]


def things(countries: list[tuple[str, str]]) -> list[tuple[int, str | None, str]]:
    """Geometries to join against the countries, with an id and a region letter: random points,
    points on the countries' vertices and edge midpoints (where predicates differ), short lines,
    small squares, a country's own polygon (equal to it), an empty geometry and a NULL."""
    rng = random.Random(7)
    wkts = []
    for _ in range(150):
        wkts.append(f"POINT({rng.uniform(-180, 180):.3f} {rng.uniform(-60, 80):.3f})")
    for _, wkt in countries[::6]:
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", wkt)[:4]]
        (x0, y0, x1, y1) = numbers
        wkts.append(f"POINT({x0} {y0})")
        wkts.append(f"POINT({(x0 + x1) / 2} {(y0 + y1) / 2})")
        wkts.append(f"LINESTRING({x0} {y0},{x0 + 3} {y0 + 1})")
    for _ in range(60):
        x, y = rng.uniform(-170, 170), rng.uniform(-50, 70)
        wkts.append(f"LINESTRING({x:.2f} {y:.2f},{x + rng.uniform(-8, 8):.2f} {y + rng.uniform(-8, 8):.2f})")
        d = rng.uniform(0.5, 6)
        wkts.append(f"POLYGON(({x:.2f} {y:.2f},{x + d:.2f} {y:.2f},{x + d:.2f} {y + d:.2f},{x:.2f} {y + d:.2f},{x:.2f} {y:.2f}))")
    wkts.append(countries[10][1])
    wkts.append("POINT EMPTY")
    rows = [(i, wkt, "abc"[i % 3]) for i, wkt in enumerate(wkts)]
    rows.append((len(rows), None, "a"))
    return rows


@pytest.fixture(scope="module")
def tables(spark):
    with open(REPO / "data/natural-earth/countries-110m.csv") as f:
        countries = [(row["name"], row["wkt"]) for row in csv.DictReader(f)]
    spark.createDataFrame(
        [(i, name, wkt, "abc"[i % 3]) for i, (name, wkt) in enumerate(countries)],
        "cid INT, name STRING, wkt STRING, region STRING",
    ).selectExpr("cid", "name", "region", "st_setSRID(st_geomFromWKT(wkt), 4326) AS geom").where(
        # The predicates built on the DE-9IM matrix refuse invalid polygons (Sudan's rings cross
        # at 1:110m); st_intersects takes them, and is tested with them below.
        "st_isValid(geom)"
    ).createOrReplaceTempView("countries")
    spark.createDataFrame(things(countries), "tid INT, wkt STRING, region STRING").selectExpr(
        "tid", "region", "st_setSRID(st_geomFromWKT(wkt), 4326) AS geom", "wkt"
    ).createOrReplaceTempView("things")
    yield
    spark.catalog.dropTempView("countries")
    spark.catalog.dropTempView("things")


def plan(spark, query: str) -> str:
    return spark.sql(query)._jdf.queryExecution().executedPlan().toString()


def spatially(spark, query: str, strategy: str = "broadcast index"):
    """The query's rows through the spatial join, which its plan must show with `strategy`."""
    spark.conf.set("spark.strabo.join.enabled", "true")
    shown = plan(spark, query)
    assert "StraboSpatialJoin" in shown and "NestedLoop" not in shown and "Cartesian" not in shown, shown
    assert f"strategy: {strategy}" in shown, shown
    return sorted(map(tuple, spark.sql(query).collect()), key=repr)


PARTITIONED = {"spark.strabo.join.strategy": "partitioned", "spark.strabo.join.partitions": "7"}
SHOWN_PARTITIONED = "partitioned index, partitioner: KDB-tree, partitions: 7"


@pytest.fixture(params=["broadcast", "partitioned"])
def strategy(request, spark):
    """Each test that takes it runs with the index broadcast (as the hints ask), then with both
    sides partitioned into 7 cells (hints are dropped); yields the strategy `explain` shows."""
    if request.param == "broadcast":
        yield "broadcast index"
        return
    for key, value in PARTITIONED.items():
        spark.conf.set(key, value)
    try:
        yield SHOWN_PARTITIONED
    finally:
        for key in PARTITIONED:
            spark.conf.unset(key)


def unhinted(query: str, strategy: str) -> str:
    """`query` without its hint when the join is partitioned, where a hint would broadcast."""
    return re.sub(r"/\*\+ BROADCAST\(\w+\) \*/ ", "", query) if strategy != "broadcast index" else query


def nested_loop(spark, query: str):
    spark.conf.set("spark.strabo.join.enabled", "false")
    try:
        shown = plan(spark, query)
        assert "StraboSpatialJoin" not in shown, shown
        return sorted(map(tuple, spark.sql(query).collect()), key=repr)
    finally:
        spark.conf.set("spark.strabo.join.enabled", "true")


def test_every_predicate_in_either_order_finds_the_pairs_a_nested_loop_finds(spark, tables, strategy):
    # The reference: one nested loop over every pair whose geometries meet (each predicate but
    # st_intersects implies that they do), with each predicate evaluated both ways on each pair.
    columns = ", ".join(f"{p}(c.geom, t.geom), {p}(t.geom, c.geom)" for p in PREDICATES)
    reference = nested_loop(
        spark, f"SELECT c.cid, t.tid, {columns} FROM countries c JOIN things t ON st_intersects(c.geom, t.geom)"
    )
    for k, predicate in enumerate(PREDICATES):
        for order, args in enumerate(["c.geom, t.geom", "t.geom, c.geom"]):
            expected = sorted(((r[0], r[1]) for r in reference if r[2 + 2 * k + order]), key=repr)
            # Both sides come from Python rows, whose size Spark does not know: a hint names the side to index.
            hint = "BROADCAST(c)" if order == 0 else "BROADCAST(t)"
            query = unhinted(f"SELECT /*+ {hint} */ c.cid, t.tid FROM countries c JOIN things t ON {predicate}({args})", strategy)
            found = spatially(spark, query, strategy)
            assert found == expected, (predicate, args)
            if predicate in ("st_intersects", "st_contains", "st_touches", "st_within", "st_equals"):
                assert found, (predicate, args)


@pytest.mark.parametrize("join", ["LEFT OUTER", "LEFT SEMI", "LEFT ANTI", "RIGHT OUTER", "INNER"])
def test_join_types_keep_unmatched_rows_and_nulls_as_sql_says(spark, tables, join):
    # Things stream through (NULL and empty geometries, points at sea); countries are indexed.
    if join == "RIGHT OUTER":
        query = ("SELECT /*+ BROADCAST(c) */ c.cid, t.tid FROM countries c RIGHT OUTER JOIN things t "
                 "ON st_intersects(c.geom, t.geom) AND c.region = t.region")
    else:
        selected = "t.tid" if "SEMI" in join or "ANTI" in join else "t.tid, c.cid"
        query = (f"SELECT /*+ BROADCAST(c) */ {selected} FROM things t {join} JOIN countries c "
                 "ON st_intersects(t.geom, c.geom) AND c.region = t.region")
    found = spatially(spark, query)
    assert found == nested_loop(spark, query)
    assert "indexed side: " + ("left" if join == "RIGHT OUTER" else "right") in plan(spark, query)
    # The things whose geometry is NULL or empty match nothing: kept unmatched where SQL keeps them.
    unmatchable = [r.tid for r in spark.sql("SELECT tid FROM things WHERE geom IS NULL OR st_isEmpty(geom)").collect()]
    assert len(unmatchable) == 2
    kept = {"LEFT OUTER": [(tid, None) for tid in unmatchable], "LEFT ANTI": [(tid,) for tid in unmatchable],
            "RIGHT OUTER": [(None, tid) for tid in unmatchable]}.get(join, [])
    assert all(row in found for row in kept), kept
    assert not any(r[0] in unmatchable for r in found if join in ("LEFT SEMI", "INNER"))


@pytest.mark.parametrize("whole_stage", ["true", "false"], ids=["generated", "interpreted"])
def test_an_inner_broadcast_join_streams_its_rows_through_generated_code(spark, tables, whole_stage):
    # The streamed rows are written to Arrow inside the stage's generated code, the rest of the
    # condition is generated too, and both sides' columns (NULLs among them) come out as they
    # went in; without generated code the same join runs row by row.
    query = ("SELECT /*+ BROADCAST(c) */ c.cid, c.name, t.tid, t.wkt, st_asText(t.geom) AS g FROM countries c "
             "JOIN things t ON st_intersects(c.geom, t.geom) AND c.region = t.region AND t.tid % 3 <> 0")
    expected = nested_loop(spark, query)
    with settings(spark, {"spark.sql.codegen.wholeStage": whole_stage, "spark.strabo.batch.size": "5"}):
        found = spatially(spark, query)
        df = spark.sql(query)
        df.collect()
        shown = df._jdf.queryExecution().executedPlan().toString()
    assert found == expected and len(found) > 10
    assert (re.search(r"\*\(\d+\) StraboSpatialJoin", shown) is not None) == (whole_stage == "true"), shown


def test_keys_computed_from_columns_and_the_index_on_either_side(spark, tables):
    spark.range(3000).selectExpr(
        "id", "(id * 37) % 360 - 180.0 AS x", "(id * 11) % 140 - 60.0 AS y"
    ).createOrReplaceTempView("coords")
    query = ("SELECT c.name, count(*) FROM coords p JOIN countries c "
             "ON st_contains(c.geom, st_setSRID(st_point(p.x, p.y), 4326)) GROUP BY c.name")
    found = spatially(spark, query)
    assert found == nested_loop(spark, query) and len(found) > 50
    for hint, side in (("BROADCAST(p)", "left"), ("BROADCAST(c)", "right")):
        hinted = query.replace("SELECT", f"SELECT /*+ {hint} */", 1)
        assert f"indexed side: {side}" in plan(spark, hinted), plan(spark, hinted)
        assert spatially(spark, hinted) == found


def test_a_join_with_the_dataframe_api_and_wkb_keys(spark, tables):
    from pyspark.sql import functions as F

    countries = spark.table("countries").selectExpr("cid", "st_asBinary(geom) AS wkb")
    points = spark.table("things").selectExpr("tid", "st_asBinary(geom) AS wkb")
    joined = points.alias("t").join(F.broadcast(countries).alias("c"), F.expr("st_within(t.wkb, c.wkb)")).select("t.tid", "c.cid")
    shown = joined._jdf.queryExecution().executedPlan().toString()
    assert "StraboSpatialJoin" in shown, shown
    found = sorted(map(tuple, joined.collect()))
    spark.conf.set("spark.strabo.join.enabled", "false")
    try:
        assert found == sorted(map(tuple, joined.collect())) and found
    finally:
        spark.conf.set("spark.strabo.join.enabled", "true")


def test_malformed_wkb_is_refused_with_the_predicate_and_the_value_named(spark, tables):
    spark.createDataFrame([(1, bytes([1, 3, 0, 0]))], "id INT, wkb BINARY").createOrReplaceTempView("bad")
    query = ("SELECT /*+ BROADCAST(c) */ b.id FROM bad b JOIN "
             "(SELECT cid, st_asBinary(geom) AS wkb FROM countries) c ON st_intersects(b.wkb, c.wkb)")
    assert "StraboSpatialJoin" in plan(spark, query)
    with pytest.raises(Exception, match=r"IllegalArgumentException: st_intersects: .*X'01030000'"):
        spark.sql(query).collect()


@pytest.mark.parametrize("condition, shown", [
    ("st_dwithin(t.geom, c.geom, 2.5)", "st_dwithin(t.geom, c.geom, 2.5)"),
    ("st_distance(c.geom, t.geom) <= 1.0", "st_dwithin(c.geom, t.geom, 1.0)"),
    ("st_distance(t.geom, c.geom) < 1.0", "st_distance(t.geom, c.geom) < 1.0"),
    ("3.0 >= st_distance(t.geom, c.geom)", "st_dwithin(t.geom, c.geom, 3.0)"),
    ("st_dwithin(c.geom, t.geom, 0) AND c.region <> t.region", "st_dwithin(c.geom, t.geom, 0.0)"),
    ("st_distanceSphere(t.geom, c.geom) <= 150000", "st_distanceSphere(t.geom, c.geom) <= 150000.0"),
    ("st_distanceSpheroid(c.geom, t.geom) < 80000", "st_distanceSpheroid(c.geom, t.geom) < 80000.0"),
])
def test_distance_joins_find_the_pairs_a_nested_loop_finds(spark, tables, condition, shown, strategy):
    query = unhinted(f"SELECT /*+ BROADCAST(c) */ c.cid, t.tid FROM things t JOIN countries c ON {condition}", strategy)
    found = spatially(spark, query, strategy)
    assert found == nested_loop(spark, query) and found
    shown_plan = plan(spark, query)
    assert shown in shown_plan, shown_plan
    assert ("condition: " in shown_plan) == ("AND" in condition), shown_plan


def test_a_negative_distance_is_refused_as_the_function_refuses_it(spark, tables):
    query = "SELECT /*+ BROADCAST(c) */ c.cid FROM things t JOIN countries c ON st_dwithin(t.geom, c.geom, -1.0)"
    assert "StraboSpatialJoin" in plan(spark, query)
    with pytest.raises(Exception, match=r"IllegalArgumentException: st_dwithin: the distance must be 0 or more, got -1"):
        spark.sql(query).collect()


@pytest.mark.parametrize("condition", ["st_intersects(t.geom, c.geom)", "st_dwithin(t.geom, c.geom, 2.0)"])
def test_outer_semi_and_anti_joins_partitioned_keep_unmatched_rows_once(spark, tables, condition):
    # Each streamed row goes to one cell, so that its unmatched row comes out once; the indexed
    # rows reach every cell a streamed row's search could find them from.
    for key, value in PARTITIONED.items():
        spark.conf.set(key, value)
    try:
        for join in ("LEFT OUTER", "LEFT SEMI", "LEFT ANTI", "RIGHT OUTER"):
            if join == "RIGHT OUTER":
                query = f"SELECT c.cid, t.tid FROM countries c RIGHT OUTER JOIN things t ON {condition}"
            else:
                selected = "t.tid" if "SEMI" in join or "ANTI" in join else "t.tid, c.cid"
                query = f"SELECT {selected} FROM things t {join} JOIN countries c ON {condition}"
            found = spatially(spark, query, SHOWN_PARTITIONED)
            assert found == nested_loop(spark, query) and found, (join, condition)
    finally:
        for key in PARTITIONED:
            spark.conf.unset(key)


def test_sides_too_large_to_broadcast_are_partitioned_and_clustered_data_spreads_over_the_cells(spark):
    # 90% of the points in 1% of the area (a 10 x 10 corner of a 100 x 100 square), joined to
    # small squares spread as the points are: a grid of equal cells would give one cell 90%.
    spark.range(0, 20000, 1, 4).selectExpr(
        "id",
        "CASE WHEN id % 10 = 0 THEN st_point(rand(1) * 100, rand(2) * 100) "
        "ELSE st_point(rand(3) * 10, rand(4) * 10) END AS g",
    ).createOrReplaceTempView("clustered")
    spark.range(0, 800, 1, 2).selectExpr(
        "id AS sid",
        "CASE WHEN id % 10 = 0 THEN st_makeBBOX(rand(5) * 100, rand(6) * 100, rand(5) * 100 + 1.5, rand(6) * 100 + 1.5) "
        "ELSE st_makeBBOX(rand(7) * 10, rand(8) * 10, rand(7) * 10 + 0.2, rand(8) * 10 + 0.2) END AS s",
    ).createOrReplaceTempView("squares")
    query = "SELECT c.id, q.sid, spark_partition_id() AS cell FROM clustered c JOIN squares q ON st_intersects(c.g, q.s)"
    spark.conf.set("spark.strabo.join.broadcastThreshold", "100")
    spark.conf.set("spark.strabo.join.partitions", "8")
    try:
        shown = plan(spark, query)
        assert "partitions: 8" in shown and "indexed side: right" in shown, shown
        rows = spatially(spark, query, "partitioned index, partitioner: KDB-tree, partitions: 8")
    finally:
        spark.conf.unset("spark.strabo.join.broadcastThreshold")
        spark.conf.unset("spark.strabo.join.partitions")
    pairs = sorted((r[0], r[1]) for r in rows)
    expected = sorted(nested_loop(spark, "SELECT c.id, q.sid FROM clustered c JOIN squares q ON st_intersects(c.g, q.s)"))
    assert pairs == expected and len(pairs) > 1000
    per_cell = [sum(1 for r in rows if r[2] == cell) for cell in range(8)]
    # Each cell has its share of the pairs, give or take; none has most of them.
    assert max(per_cell) < 2.5 * len(rows) / 8, per_cell


def test_an_index_larger_than_the_execution_memory_is_refused_with_what_to_change(jar):
    out = results(run_spark(
        "spark-submit", "--master", "local[1]", "--jars", jar, "--conf", "spark.ui.enabled=false",
        "--conf", "spark.memory.fraction=0.001", str(JOBS / "join_memory.py"),
    ))
    assert out["outcome"] == "refused", out
    assert "the index of cell 1 of 1 needs at least" in out["message"], out
    assert "raise spark.strabo.join.partitions" in out["message"], out


@pytest.mark.parametrize("spheroid", [False, True])
def test_knn_join_finds_the_nearest_objects_ties_included_as_ranking_every_pair_does(spark, tables, spheroid):
    # Queries on a coarse grid, so that several objects (the things' points on whole
    # coordinates, and polygons touching them) tie for a distance.
    rng = random.Random(11)
    spark.createDataFrame(
        [(i, f"POINT({rng.randint(-18, 18) * 10} {rng.randint(-6, 8) * 10})") for i in range(60)], "qid INT, wkt STRING"
    ).selectExpr("qid", "st_setSRID(st_geomFromWKT(wkt), 4326) AS g").createOrReplaceTempView("queries")
    flag = ", true" if spheroid else ""
    measure = "st_distanceSpheroid" if spheroid else "st_distance"
    query = f"SELECT q.qid, t.tid FROM queries q JOIN things t ON st_knn(q.g, t.geom, 3{flag})"
    shown = plan(spark, query)
    assert f"st_knn(q.g, t.geom, 3{flag}), strategy: broadcast index, indexed side: right" in shown, shown
    found = spatially(spark, query)
    ranked = sorted(map(tuple, spark.sql(
        f"SELECT qid, tid FROM (SELECT q.qid, t.tid, rank() OVER (PARTITION BY q.qid ORDER BY {measure}(q.g, t.geom)) AS r "
        "FROM queries q CROSS JOIN things t WHERE t.geom IS NOT NULL AND NOT st_isEmpty(t.geom)) WHERE r <= 3"
    ).collect()), key=repr)
    assert found == ranked
    per_query = [sum(1 for q, _ in found if q == qid) for qid in range(60)]
    assert min(per_query) == 3 and max(per_query) > 3, per_query  # ties kept


def test_knn_through_the_dataframe_api_and_outside_a_join(spark, tables):
    from pyspark.sql import functions as F

    from strabo import functions as S

    queries = spark.range(5).selectExpr("id", "st_setSRID(st_point(id * 20.0, 10.0), 4326) AS g")
    things = spark.table("things")
    joined = queries.join(things, S.st_knn(queries.g, things.geom, F.lit(2))).select("id", "tid")
    shown = joined._jdf.queryExecution().executedPlan().toString()
    assert "StraboSpatialJoin Inner, st_knn(" in shown, shown
    assert joined.groupBy("id").count().where("count < 2").count() == 0
    with pytest.raises(Exception, match=r"st_knn: st_knn is a join condition: .* has no value on its own"):
        spark.sql("SELECT st_knn(st_point(0, 0), st_point(1, 1), 1)").collect()
    with pytest.raises(Exception, match=r"IllegalArgumentException: st_knn: k must be 1 or more, got 0"):
        queries.join(things, S.st_knn(queries.g, things.geom, F.lit(0))).collect()


def test_a_left_outer_knn_join_keeps_queries_with_no_geometry(spark, tables):
    query = "SELECT t.tid, c.cid FROM things t LEFT OUTER JOIN countries c ON st_knn(t.geom, c.geom, 1)"
    found = spatially(spark, query)
    unmatchable = {r.tid for r in spark.sql("SELECT tid FROM things WHERE geom IS NULL OR st_isEmpty(geom)").collect()}
    assert {tid for tid, cid in found if cid is None} == unmatchable
    nearest = sorted(map(tuple, spark.sql(
        "SELECT tid, cid FROM (SELECT t.tid, c.cid, rank() OVER (PARTITION BY t.tid ORDER BY st_distance(t.geom, c.geom)) AS r "
        "FROM things t CROSS JOIN countries c WHERE NOT st_isEmpty(t.geom)) WHERE r <= 1"
    ).collect()), key=repr)
    assert [row for row in found if row[1] is not None] == nearest


def test_points_on_country_boundaries_get_geos_s_answer_for_each_predicate(spark, tables):
    # Vertices of the countries, and midpoints of their edges (rounded to doubles, so a little
    # off the line or on it as floating point has it): where predicates differ and robustness
    # shows. The oracle is GEOS, through shapely, on every pair.
    import numpy as np
    import shapely

    countries = [(r.cid, r.wkt) for r in spark.sql(
        "SELECT cid, st_asText(geom) AS wkt FROM countries ORDER BY cid").collect()]
    rows = []
    for cid, wkt in countries[::4]:
        ring = shapely.get_exterior_ring(shapely.get_geometry(shapely.from_wkt(wkt), 0))
        coords = shapely.get_coordinates(ring)[:12].tolist()
        for (x0, y0), (x1, y1) in zip(coords, coords[1:]):
            rows.append((len(rows), f"POINT({x0!r} {y0!r})"))
            rows.append((len(rows), f"POINT({(x0 + x1) / 2!r} {(y0 + y1) / 2!r})"))
    spark.createDataFrame(rows, "pid INT, wkt STRING").selectExpr(
        "pid", "st_setSRID(st_geomFromWKT(wkt), 4326) AS geom").createOrReplaceTempView("edge_points")
    shapes = shapely.from_wkt(np.array([wkt for _, wkt in countries]))[:, None]
    points = shapely.from_wkt(np.array([wkt for _, wkt in rows]))[None, :]
    oracles = {
        "st_intersects": shapely.intersects, "st_contains": shapely.contains, "st_within": shapely.within,
        "st_covers": shapely.covers, "st_coveredBy": shapely.covered_by, "st_touches": shapely.touches,
        "st_overlaps": shapely.overlaps, "st_crosses": shapely.crosses, "st_equals": shapely.equals,
    }
    for predicate, oracle in oracles.items():
        for args, matrix in (("c.geom, e.geom", oracle(shapes, points)), ("e.geom, c.geom", oracle(points, shapes))):
            expected = sorted(((countries[i][0], rows[j][0]) for i, j in zip(*np.nonzero(matrix))), key=repr)
            query = f"SELECT /*+ BROADCAST(c) */ c.cid, e.pid FROM countries c JOIN edge_points e ON {predicate}({args})"
            assert spatially(spark, query) == expected, (predicate, args)
            if predicate in ("st_intersects", "st_covers", "st_touches") and args.startswith("c."):
                assert len(expected) > 100, (predicate, len(expected))
