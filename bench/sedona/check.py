"""Self-check: Sedona (as sedona_*) and Strabo in one local[2] session; exits 1 if they disagree.

    .venvs/spark-4.2.1/bin/python bench/sedona/check.py
"""
import re
import sys

import strabo
from sedona_session import SedonaUnavailable, jars, register

SQUARE = "POLYGON((0 0,4 0,4 4,0 4,0 0))"
# (query, expected value): Sedona and Strabo side by side, constants folded in the driver.
SCALARS = [
    (f"SELECT sedona_ST_Contains(sedona_ST_GeomFromWKT('{SQUARE}'), sedona_ST_Point(1.0, 2.0))", True),
    (f"SELECT st_contains(st_geomFromWKT('{SQUARE}'), st_point(1.0, 2.0))", True),
    ("SELECT sedona_ST_Area(sedona_ST_PolygonFromEnvelope(0, 0, 2, 3))", 6.0),
    ("SELECT st_area(st_makeBBOX(0, 0, 2, 3))", 6.0),
    # Values cross over as WKB: Sedona's type is its GeometryUDT, Strabo's is GEOMETRY.
    ("SELECT sedona_ST_AsText(sedona_ST_GeomFromWKB(st_asBinary(st_point(1.0, 2.0))))", "POINT (1 2)"),
    ("SELECT st_asText(sedona_ST_AsBinary(sedona_ST_Point(1.0, 2.0)))", "POINT(1 2)"),
]
# Two WKB (BINARY) columns, read by Sedona's ST_GeomFromWKB and directly by Strabo.
PAIRS = f"""SELECT id, st_asBinary(st_geomFromWKT(a)) AS a, st_asBinary(st_geomFromWKT(b)) AS b FROM VALUES
    (1, 'LINESTRING(0 0,2 2)', 'LINESTRING(0 2,2 0)'),
    (2, '{SQUARE}', 'POINT(5 5)'),
    (3, '{SQUARE}', 'POLYGON((3 3,6 3,6 6,3 6,3 3))'),
    (4, 'POINT(1 1)', 'POINT(1 1)') AS t(id, a, b)"""
INTERSECTS = """SELECT id, sedona_ST_Intersects(sedona_ST_GeomFromWKB(a), sedona_ST_GeomFromWKB(b)) AS sedona,
    st_intersects(a, b) AS strabo FROM pairs ORDER BY id"""
# Rows made in tasks, so both engines run as executor code rather than folded constants.
GRID = "SELECT (id % 13) * 0.4 AS x, (id % 11) * 0.5 AS y FROM range(0, 10000, 1, 2)"
COUNTS = f"""SELECT count_if(sedona_ST_Contains(sedona_ST_GeomFromWKT('{SQUARE}'), sedona_ST_Point(x, y))) AS sedona,
    count_if(st_contains(st_geomFromWKT('{SQUARE}'), st_point(x, y))) AS strabo FROM ({GRID})"""
# A spatial join of the grid with 25 unit cells; Sedona's planner should take the sedona one.
CELLS = "SELECT (id % 5) * 1.0 AS x0, (id DIV 5) * 1.0 AS y0 FROM range(0, 25, 1, 2)"
JOINS = {
    "sedona": "sedona_ST_Contains(sedona_ST_PolygonFromEnvelope(x0, y0, x0 + 1, y0 + 1), sedona_ST_Point(x, y))",
    "strabo": "st_contains(st_makeBBOX(x0, y0, x0 + 1, y0 + 1), st_point(x, y))",
}


def main() -> int:
    spark = strabo.spark_session(master="local[2]", app_name="sedona-check", config={
        "spark.jars": ",".join(jars()), "spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false"})
    spark.sparkContext.setLogLevel("WARN")
    print(f"Spark {spark.version}")
    try:
        names = register(spark)
    except SedonaUnavailable as reason:
        print(f"Sedona unavailable: {reason}")
        return 1
    print(f"registered {len(names)} Sedona functions: {', '.join(names[:4])}, ...")

    failures = 0

    def check(ok: bool, text: str) -> None:
        nonlocal failures
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {text}")

    for sql, expected in SCALARS:
        value = spark.sql(sql).first()[0]
        check(value == expected, f"{sql} -> {value!r}")
    spark.sql(PAIRS).createOrReplaceTempView("pairs")
    print(f"     pairs: {spark.table('pairs').schema.simpleString()}")
    for row in spark.sql(INTERSECTS).collect():
        check(row.sedona == row.strabo, f"pair {row.id}: sedona_ST_Intersects {row.sedona}, st_intersects {row.strabo}")
    row = spark.sql(COUNTS).first()
    check(row.sedona == row.strabo, f"grid points in the square: sedona {row.sedona}, strabo {row.strabo}")
    counts = set()
    for threshold in ("10MB", "-1"):  # with and without broadcast joins
        spark.conf.set("spark.sql.autoBroadcastJoinThreshold", threshold)
        for engine, predicate in JOINS.items():
            frame = spark.sql(f"SELECT count(*) FROM ({GRID}) JOIN ({CELLS}) ON {predicate}")
            count = frame.first()[0]
            counts.add(count)
            plan = frame._jdf.queryExecution().executedPlan().toString()
            operator = re.search(r"\w*(Join|CartesianProduct)\b", plan).group(0)
            print(f"     join on {engine}'s contains, autoBroadcastJoinThreshold={threshold}: "
                  f"{count} pairs by {operator}")
    check(len(counts) == 1, "the joins agree")
    spark.stop()
    print("all agree" if not failures else f"{failures} disagreements")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
