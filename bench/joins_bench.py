"""Spatial joins: Strabo's against Apache Sedona's, on the same Spark in the same session.

Points in polygons: generated points joined to Natural Earth's countries (1:110m, the sample in
data/) with st_contains and counted per country, each engine in its best documented form: the
country table broadcast (`/*+ BROADCAST(c) */`), which Strabo plans as its StraboSpatialJoin and
Sedona, with its join planner on, as its BroadcastIndexJoin. The counts of both must agree.
Medians of interleaved runs after a warm-up; raw timings in build/bench/joins.json.
"""
from __future__ import annotations

import argparse
import datetime
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import strabo  # noqa: E402
from functions_bench import COUNTRIES, OUT, ROOT, points, sedona_jars  # noqa: E402
from sedona_session import SEDONA_VERSION, register  # noqa: E402


def queries(rows: int) -> dict[str, tuple[str, str]]:
    """{engine: (sql, what its physical plan must show)}."""
    world = points(rows, -180.0, -60.0, 360.0, 140.0)
    return {
        "strabo": (
            f"SELECT /*+ BROADCAST(c) */ c.name, count(*) AS n FROM ({world}) p "
            "JOIN strabo_countries c ON st_contains(c.geom, st_point(p.x, p.y)) GROUP BY c.name",
            "StraboSpatialJoin"),
        "sedona": (
            f"SELECT /*+ BROADCAST(c) */ c.name, count(*) AS n FROM ({world}) p "
            "JOIN sedona_countries c ON sedona_ST_Contains(c.geom, sedona_ST_Point(p.x, p.y)) GROUP BY c.name",
            "BroadcastIndexJoin"),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000, help="generated points")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    extra_jars, sedona_error = sedona_jars()
    if sedona_error:
        sys.exit(f"Sedona cannot run, so there is nothing to compare with: {sedona_error}")
    spark = strabo.spark_session(master="local[2]", app_name="strabo-joins-bench", config={
        "spark.jars": ",".join(extra_jars), "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false", "spark.log.level": "WARN"})
    register(spark, joins=True)
    countries = spark.read.csv(str(COUNTRIES), header=True)
    countries.selectExpr("name", "st_geomFromWKT(wkt) AS geom").createOrReplaceTempView("strabo_countries")
    countries.selectExpr("name", "sedona_ST_GeomFromWKT(wkt) AS geom").createOrReplaceTempView("sedona_countries")

    engines = queries(args.rows)
    for engine, (sql, operator) in engines.items():
        plan = spark.sql(sql)._jdf.queryExecution().executedPlan().toString()
        if operator not in plan:
            sys.exit(f"{engine}: {operator} is not in the plan of\n  {sql}\n{plan}")
    seconds = {engine: [] for engine in engines}
    values = {}
    for attempt in range(args.runs + 1):  # the first is the warm-up
        for engine, (sql, _) in engines.items():
            start = time.perf_counter()
            values[engine] = sorted(map(tuple, spark.sql(sql).collect()))
            if attempt:
                seconds[engine].append(time.perf_counter() - start)
        if values["strabo"] != values["sedona"]:
            differ = sorted(set(values["strabo"]) ^ set(values["sedona"]))[:10]
            sys.exit(f"the engines' counts differ: {differ}")
    spark_version = spark.version
    spark.stop()

    strabo_s, sedona_s = (statistics.median(seconds[e]) for e in ("strabo", "sedona"))
    matched = sum(n for _, n in values["strabo"])
    date = datetime.date.today().isoformat()
    print(f"\npoints_in_countries: {args.rows:,} points x {len(values['strabo'])} countries with points "
          f"({matched:,} points matched), local[2], Spark {spark_version}, Sedona {SEDONA_VERSION}, {date}; "
          f"medians of {args.runs} interleaved runs after a warm-up")
    print(f"{'row':<22}{'strabo s':>10}{'sedona s':>10}{'sedona/strabo':>15}")
    print(f"{'points_in_countries':<22}{strabo_s:>10.2f}{sedona_s:>10.2f}{sedona_s / strabo_s:>14.1f}x")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "joins.json").write_text(json.dumps({
        "date": date, "spark": spark_version, "sedona": SEDONA_VERSION, "rows": args.rows,
        "runs": args.runs, "seconds": seconds}, indent=2))
    print(f"raw timings: {(OUT / 'joins.json').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
