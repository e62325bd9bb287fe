"""Per-row cost of st_contains(<literal polygon>, st_point(x, y)) in local[2] Spark, against the
floor of Spark's own arithmetic bounding-box test on the same generated rows.

    make bench            (or: python bench/contains_bench.py [--rows N] [--runs K])

Both queries generate the same rows (x, y from the row id), filter them and count the matches;
the counts must agree. Times are medians of interleaved runs after a warm-up, so they share
whatever else the machine is doing. It prints the per-row costs and their ratio.
"""
import argparse
import json
import statistics
import time
from pathlib import Path

import strabo

POLYGON = "POLYGON((20 20,60 20,60 60,20 60,20 20))"
# Points spread over [0, 100)² by two multiplicative hashes of the row id.
POINTS = "SELECT (id * 7919 % 100000) * 0.001D AS x, (id * 104729 % 100000) * 0.001D AS y FROM range(0, {rows}, 1, {partitions})"
QUERIES = {
    "strabo st_contains": f"SELECT count(*) FROM ({POINTS}) WHERE st_contains(st_geomFromWKT('{POLYGON}'), st_point(x, y))",
    "spark bbox floor": f"SELECT count(*) FROM ({POINTS}) WHERE x > 20 AND x < 60 AND y > 20 AND y < 60",
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", default="build/bench/contains.json")
    args = parser.parse_args()

    spark = strabo.spark_session(master="local[2]", app_name="strabo-bench", config={"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false"})
    spark.sparkContext.setLogLevel("WARN")
    queries = {name: sql.format(rows=args.rows, partitions=2) for name, sql in QUERIES.items()}

    counts = {name: spark.sql(sql).first()[0] for name, sql in queries.items()}  # warm-up
    assert len(set(counts.values())) == 1, f"the queries disagree: {counts}"
    seconds = {name: [] for name in queries}
    for _ in range(args.runs):
        for name, sql in queries.items():
            start = time.perf_counter()
            spark.sql(sql).first()
            seconds[name].append(time.perf_counter() - start)
    spark.stop()

    median = {name: statistics.median(times) for name, times in seconds.items()}
    ns_per_row = {name: 1e9 * s / args.rows for name, s in median.items()}
    strabo_ns, floor_ns = ns_per_row["strabo st_contains"], ns_per_row["spark bbox floor"]
    print(f"rows: {args.rows:,} in local[2]; {counts['spark bbox floor']:,} inside; median of {args.runs} runs")
    for name in queries:
        print(f"  {name:20s} {median[name]:7.3f} s   {ns_per_row[name]:7.1f} ns/row (wall clock)")
    print(f"  ratio strabo/floor   {strabo_ns / floor_ns:7.1f}x")
    print(f"  st_contains + st_point cost over the floor: {strabo_ns - floor_ns:.1f} ns/row wall, "
          f"{2 * (strabo_ns - floor_ns):.1f} ns/row per core")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"rows": args.rows, "seconds": seconds, "ns_per_row": ns_per_row}, indent=2))


if __name__ == "__main__":
    main()
