"""Spatial joins: Strabo's against Apache Sedona's, on the same Spark in the same session.

Each workload runs in each engine's best documented form, Sedona with its join planner on:
- contains_country_join: the function benchmark's contains_country row (10M points around
  Russia's mainland, 467 vertices) as a Sedona user writes it with Sedona's join planner on: a
  join to a one-row table of the polygon (a DataFrame: a constant subquery would be folded into
  the condition by Spark's optimizer, which is the function row), broadcast.
- points_in_countries: generated points joined to Natural Earth's 241 countries at 1:50m (made
  by data/natural-earth/fetch.sh 50m on first use, which needs npm) with st_contains and counted
  per country, the countries broadcast
  (`/*+ BROADCAST(c) */`): Strabo's StraboSpatialJoin, Sedona's BroadcastIndexJoin.
- polygons_x_polygons: two sets of generated squares joined with st_intersects, neither small
  enough to broadcast: Strabo's partitioned StraboSpatialJoin, Sedona's RangeJoin.
- distance_planar and distance_sphere: two sets of generated points within a distance, in the
  plane (st_dwithin) and in metres on the sphere (st_distanceSphere), partitioned: Sedona's
  DistanceJoin.
- knn: the 5 nearest of generated objects for each of generated query points (st_knn, Sedona's
  ST_KNN), the objects broadcast.
The results of both engines must agree. Medians of interleaved runs after a warm-up, with each
run's shuffle bytes and the largest peak execution memory of a task as Spark counts it (Sedona
counts none for its indexes, Strabo counts a partitioned join's); raw figures in
build/bench/joins.json.
"""
from __future__ import annotations

import argparse
import datetime
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import strabo  # noqa: E402
from functions_bench import COUNTRY, OUT, ROOT, bbox, country_polygon, points, sedona_jars  # noqa: E402
from sedona_session import SEDONA_VERSION, register  # noqa: E402


def countries_50m() -> Path:
    """Natural Earth's countries at 1:50m, made by fetch.sh on first use (it is not committed)."""
    path = ROOT / "data" / "natural-earth" / "countries-50m.csv"
    if not path.exists():
        subprocess.run(["bash", str(path.parent / "fetch.sh"), "50m"], check=True)
    return path


def scattered(rows: int, first: int, x0: float, y0: float, width: float, height: float) -> str:
    """`rows` points x, y over [x0, x0 + width) x [y0, y0 + height), ids from `first`, by two
    multiplicative hashes of the id that repeat only after 10M rows."""
    return (f"SELECT id, {x0!r}D + (id * 7919 % 9999991) * {width / 9999991!r}D AS x, "
            f"{y0!r}D + (id * 104729 % 9999973) * {height / 9999973!r}D AS y "
            f"FROM range({first}, {first + rows}, 1, 2)")


def workloads(args) -> dict[str, dict[str, tuple[str, str]]]:
    """{workload: {engine: (sql, what its physical plan must show)}}."""
    world = points(args.points, -180.0, -60.0, 360.0, 140.0)
    a, b = (scattered(args.polygons, first, 0.0, 0.0, 100.0, 100.0) for first in (0, args.polygons))
    side = args.square
    pa, pb = (scattered(args.distance_points, first, 0.0, 0.0, 100.0, 100.0) for first in (0, args.distance_points))
    ga, gb = (scattered(args.distance_points, first, -180.0, -60.0, 360.0, 140.0)
              for first in (0, args.distance_points))
    qa = scattered(args.knn_queries, 0, 0.0, 0.0, 100.0, 100.0)
    ob = scattered(args.knn_objects, args.knn_queries, 0.0, 0.0, 100.0, 100.0)
    x0, y0, x1, y1 = bbox(country_polygon(COUNTRY))
    width, height = x1 - x0, y1 - y0
    around = points(args.points, x0 - width / 4, y0 - height / 4, 1.5 * width, 1.5 * height)
    return {
        "contains_country_join": {
            "strabo": (f"SELECT /*+ BROADCAST(c) */ count(*) FROM ({around}) p JOIN strabo_country c "
                       "ON st_contains(c.g, st_point(p.x, p.y))",
                       "StraboSpatialJoin"),
            "sedona": (f"SELECT /*+ BROADCAST(c) */ count(*) FROM ({around}) p JOIN sedona_country c "
                       "ON sedona_ST_Contains(c.g, sedona_ST_Point(p.x, p.y))",
                       "BroadcastIndexJoin"),
        },
        "points_in_countries": {
            "strabo": (f"SELECT /*+ BROADCAST(c) */ c.name, count(*) AS n FROM ({world}) p "
                       "JOIN strabo_countries c ON st_contains(c.geom, st_point(p.x, p.y)) GROUP BY c.name",
                       "StraboSpatialJoin"),
            "sedona": (f"SELECT /*+ BROADCAST(c) */ c.name, count(*) AS n FROM ({world}) p "
                       "JOIN sedona_countries c ON sedona_ST_Contains(c.geom, sedona_ST_Point(p.x, p.y)) GROUP BY c.name",
                       "BroadcastIndexJoin"),
        },
        "polygons_x_polygons": {
            "strabo": (f"SELECT count(*) FROM (SELECT st_makeBBOX(x, y, x + {side}, y + {side}) AS g FROM ({a})) l "
                       f"JOIN (SELECT st_makeBBOX(x, y, x + {side}, y + {side}) AS g FROM ({b})) r ON st_intersects(l.g, r.g)",
                       "partitioned index"),
            "sedona": (f"SELECT count(*) FROM (SELECT sedona_ST_PolygonFromEnvelope(x, y, x + {side}, y + {side}) AS g FROM ({a})) l "
                       f"JOIN (SELECT sedona_ST_PolygonFromEnvelope(x, y, x + {side}, y + {side}) AS g FROM ({b})) r "
                       "ON sedona_ST_Intersects(l.g, r.g)",
                       "RangeJoin"),
        },
        "distance_planar": {
            "strabo": (f"SELECT count(*) FROM (SELECT st_point(x, y) AS g FROM ({pa})) l "
                       f"JOIN (SELECT st_point(x, y) AS g FROM ({pb})) r ON st_dwithin(l.g, r.g, {args.distance})",
                       "partitioned index"),
            "sedona": (f"SELECT count(*) FROM (SELECT sedona_ST_Point(x, y) AS g FROM ({pa})) l "
                       f"JOIN (SELECT sedona_ST_Point(x, y) AS g FROM ({pb})) r "
                       f"ON sedona_ST_Distance(l.g, r.g) <= {args.distance}",
                       "DistanceJoin"),
        },
        "distance_sphere": {
            "strabo": (f"SELECT count(*) FROM (SELECT st_point(x, y) AS g FROM ({ga})) l "
                       f"JOIN (SELECT st_point(x, y) AS g FROM ({gb})) r ON st_distanceSphere(l.g, r.g) <= {args.meters}",
                       "partitioned index"),
            "sedona": (f"SELECT count(*) FROM (SELECT sedona_ST_Point(x, y) AS g FROM ({ga})) l "
                       f"JOIN (SELECT sedona_ST_Point(x, y) AS g FROM ({gb})) r "
                       f"ON sedona_ST_DistanceSphere(l.g, r.g) <= {args.meters}",
                       "DistanceJoin"),
        },
        "knn": {
            "strabo": (f"SELECT count(*) FROM (SELECT st_point(x, y) AS g FROM ({qa})) q "
                       f"JOIN (SELECT st_point(x, y) AS g FROM ({ob})) o ON st_knn(q.g, o.g, {args.k})",
                       "st_knn"),
            "sedona": (f"SELECT count(*) FROM (SELECT sedona_ST_Point(x, y) AS g FROM ({qa})) q "
                       f"JOIN (SELECT sedona_ST_Point(x, y) AS g FROM ({ob})) o ON sedona_ST_KNN(q.g, o.g, {args.k}, false)",
                       "Join"),
        },
    }


def stage_figures(spark, group: str) -> tuple[int, int]:
    """The shuffle bytes written by the jobs of `group`, and the largest peak execution memory
    of one of their tasks."""
    sc = spark.sparkContext
    tracker = sc.statusTracker()
    store = sc._jsc.sc().statusStore()
    jvm = spark._jvm
    shuffle, peak = 0, 0
    for job in tracker.getJobIdsForGroup(group):
        info = tracker.getJobInfo(job)
        for stage in (info.stageIds if info else []):
            quantiles = spark._sc._gateway.new_array(jvm.double, 1)
            quantiles[0] = 1.0
            attempts = store.stageData(stage, False, jvm.java.util.ArrayList(), True, quantiles)
            for i in range(attempts.size()):
                data = attempts.apply(i)
                shuffle += data.shuffleWriteBytes()
                distributions = data.taskMetricsDistributions()
                if distributions.isDefined():
                    peak = max(peak, int(distributions.get().peakExecutionMemory().apply(0)))
    return shuffle, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=10_000_000, help="points of points_in_countries")
    parser.add_argument("--polygons", type=int, default=1_000_000, help="squares on each side of polygons_x_polygons")
    parser.add_argument("--square", type=float, default=0.1, help="the squares' side, in a 100 x 100 square")
    parser.add_argument("--distance-points", type=int, default=2_000_000, help="points on each side of a distance join")
    parser.add_argument("--distance", type=float, default=0.01, help="the planar distance, in a 100 x 100 square")
    parser.add_argument("--meters", type=float, default=2000.0, help="the distance on the sphere")
    parser.add_argument("--knn-queries", type=int, default=1_000_000, help="query points of knn")
    parser.add_argument("--knn-objects", type=int, default=100_000, help="object points of knn")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="workloads to run (all unless given)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--driver-memory", default="8g", help="the heap of local[2]'s one JVM, shared by both engines")
    args = parser.parse_args()

    extra_jars, sedona_error = sedona_jars()
    if sedona_error:
        sys.exit(f"Sedona cannot run, so there is nothing to compare with: {sedona_error}")
    spark = strabo.spark_session(master="local[2]", app_name="strabo-joins-bench", config={
        "spark.jars": ",".join(extra_jars), "spark.ui.enabled": "false", "spark.driver.memory": args.driver_memory,
        "spark.ui.showConsoleProgress": "false", "spark.log.level": "WARN"})
    register(spark, joins=True)
    countries = spark.read.csv(str(countries_50m()), header=True)
    countries.selectExpr("name", "st_geomFromWKT(wkt) AS geom").createOrReplaceTempView("strabo_countries")
    countries.selectExpr("name", "sedona_ST_GeomFromWKT(wkt) AS geom").createOrReplaceTempView("sedona_countries")
    country = spark.createDataFrame([(country_polygon(COUNTRY),)], "wkt STRING")
    country.selectExpr("st_geomFromWKT(wkt) AS g").createOrReplaceTempView("strabo_country")
    country.selectExpr("sedona_ST_GeomFromWKT(wkt) AS g").createOrReplaceTempView("sedona_country")

    chosen = {name: engines for name, engines in workloads(args).items() if not args.only or name in args.only}
    for name, engines in chosen.items():
        for engine, (sql, operator) in engines.items():
            plan = spark.sql(sql)._jdf.queryExecution().executedPlan().toString()
            if operator not in plan:
                sys.exit(f"{name}, {engine}: {operator} is not in the plan of\n  {sql}\n{plan}")
    figures = {name: {engine: {"seconds": [], "shuffle_bytes": [], "peak_execution_memory": []} for engine in engines}
               for name, engines in chosen.items()}
    results = {}
    for name, engines in chosen.items():
        for attempt in range(args.runs + 1):  # the first is the warm-up
            for engine, (sql, _) in engines.items():
                group = f"{name}-{engine}-{attempt}"
                spark.sparkContext.setJobGroup(group, group)
                start = time.perf_counter()
                results[engine] = sorted(map(tuple, spark.sql(sql).collect()))
                elapsed = time.perf_counter() - start
                if attempt:
                    shuffle, peak = stage_figures(spark, group)
                    run = figures[name][engine]
                    run["seconds"].append(elapsed)
                    run["shuffle_bytes"].append(shuffle)
                    run["peak_execution_memory"].append(peak)
            if results["strabo"] != results["sedona"]:
                differ = sorted(set(results["strabo"]) ^ set(results["sedona"]))[:10]
                sys.exit(f"{name}: the engines' results differ: {differ}")
        figures[name]["result"] = results["strabo"][:3]
    spark_version = spark.version
    spark.stop()

    date = datetime.date.today().isoformat()
    print(f"\nlocal[2], Spark {spark_version}, Sedona {SEDONA_VERSION}, {date}; medians of {args.runs} "
          "interleaved runs after a warm-up")
    print(f"{'row':<22}{'strabo s':>10}{'sedona s':>10}{'sedona/strabo':>15}"
          f"{'strabo shuffle':>16}{'sedona shuffle':>16}{'strabo peak':>13}{'sedona peak':>13}")
    mib = 1 << 20
    for name in chosen:
        s, z = figures[name]["strabo"], figures[name]["sedona"]
        strabo_s, sedona_s = statistics.median(s["seconds"]), statistics.median(z["seconds"])
        print(f"{name:<22}{strabo_s:>10.2f}{sedona_s:>10.2f}{sedona_s / strabo_s:>14.1f}x"
              f"{max(s['shuffle_bytes']) / mib:>12.0f} MiB{max(z['shuffle_bytes']) / mib:>12.0f} MiB"
              f"{max(s['peak_execution_memory']) / mib:>9.0f} MiB{max(z['peak_execution_memory']) / mib:>9.0f} MiB")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "joins.json").write_text(json.dumps({
        "date": date, "spark": spark_version, "sedona": SEDONA_VERSION, "arguments": vars(args),
        "runs": args.runs, "figures": figures}, indent=2, default=str))
    print(f"raw figures: {(OUT / 'joins.json').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
