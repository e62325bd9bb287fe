"""A selective query on Strabo's store against the same query without its pushdown, and against
Spark's own Parquet reader over the same rows, in local[2] Spark.

    make bench    (or: python bench/store_bench.py [--rows N] [--runs K])

The rows are generated points over the world with timestamps over 2024 and an attribute. The
query keeps those in a 36 x 18 degree box (1% of the world) and 36.6 days (10% of the year),
about 0.1% of the rows, and counts them. Four ways of answering it:

- strabo: `format("strabo")`, the filter pushed into the store;
- strabo, no pushdown: the same files with option `pushdown=false` (Spark filters every row);
- parquet: the same rows written by Spark as plain Parquet, read with `spark.read.parquet` (a
  full scan; Spark pushes the dtg comparisons, but the rows are not clustered by time).

- sedona: Apache Sedona 1.8.0's GeoParquet reader (`format("geoparquet")`) over the store's
  files, with its spatial filter pushdown (its optimizer rule, installed as its SQL extension
  would), the same box as `sedona_ST_Intersects` and the same time range.

Each is run once to warm up, then `--runs` times interleaved; the table gives medians of the
wall time and of the bytes the Spark process read from files (`rchar` of /proc/<pid>/io: local
mode runs every task in that process). All three must count the same rows. A last row gives
Spark's floor: a one-row job, which no query here can undercut.

Sedona runs in the same session as Strabo, its functions registered under the prefix
`sedona_` (bench/sedona/sedona_session.py); if it cannot run, the table says why and the
script exits 1. Each engine's count is checked on every run.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import strabo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench" / "sedona"))
from sedona_session import SedonaUnavailable, jars, push_down_geoparquet_filters, register  # noqa: E402
OUT = ROOT / "build" / "bench"
SCHEME = "weekly,z2-2bits"
BOX = "st_setSRID(st_makeBBOX(0, 0, 36, 18), 4326)"
# Spark's own cost of any query here: a job that counts one row. No engine can beat it, so it
# bounds the speed-up a selective query can show over a full scan at this size.
FLOOR = "floor: spark.range(1)"
TIME = "dtg >= TIMESTAMP '2024-03-01 00:00:00 UTC' AND dtg < TIMESTAMP '2024-04-06 14:24:00 UTC'"
QUERY = f"st_intersects(geom, {BOX}) AND {TIME}"
SEDONA_QUERY = f"sedona_ST_Intersects(geom, sedona_ST_PolygonFromEnvelope(0.0, 0.0, 36.0, 18.0)) AND {TIME}"
SEDONA = "sedona geoparquet"


def rchar(pid: int) -> int:
    for line in Path(f"/proc/{pid}/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise RuntimeError("no rchar in /proc/<pid>/io")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # 40M: at 10M a full scan takes Spark under 2 s here, too close to its floor (a one-row job,
    # about 0.1 s) for any selective query to show a 20x speed-up.
    parser.add_argument("--rows", type=int, default=40_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    try:
        sedona_jars, sedona_error = jars(), None
    except (subprocess.CalledProcessError, OSError) as error:
        sedona_jars, sedona_error = [], f"its jars could not be fetched ({error})"
    spark = strabo.spark_session(master="local[2]", app_name="strabo-store-bench", config={
        "spark.jars": ",".join(sedona_jars), "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false", "spark.log.level": "WARN",
        "spark.sql.session.timeZone": "UTC"})
    if not sedona_error:
        try:
            register(spark, joins=False)
            push_down_geoparquet_filters(spark)
        except SedonaUnavailable as reason:
            sedona_error = str(reason)
    pid = spark._jvm.java.lang.ProcessHandle.current().pid()
    data = OUT / f"store-{args.rows}-{SCHEME.replace(',', '-')}"
    store, parquet = data / "store", data / "parquet"
    if not (store / "events").exists() or not parquet.exists():
        print(f"generating {args.rows:,} rows into {data}", file=sys.stderr, flush=True)
        events = spark.range(0, args.rows, numPartitions=4).selectExpr(
            "st_setSRID(st_point(rand(1) * 360 - 180, rand(2) * 180 - 90), 4326) AS geom",
            "timestamp_seconds(1704067200 + CAST(rand(3) * 366 * 86400 AS bigint)) AS dtg",
            "CAST(id % 100 AS int) AS kind")
        events.write.format("strabo").option("path", str(store)).option("feature", "events") \
            .option("points", "geom").option("scheme", SCHEME).mode("overwrite").save()
        events.write.mode("overwrite").parquet(str(parquet))

    def reader(name):
        if name == "parquet":
            return spark.read.parquet(str(parquet))
        if name == SEDONA:  # every data file of the feature type, whatever its partition
            return spark.read.format("geoparquet").option("recursiveFileLookup", "true") \
                .option("pathGlobFilter", "*.parquet").load(str(store / "events"))
        options = {"path": str(store), "feature": "events", "pushdown": str(name == "strabo").lower()}
        return spark.read.format("strabo").options(**options).load()

    engines = ["parquet", "strabo, no pushdown", "strabo"] + ([SEDONA] if not sedona_error else [])
    samples = {name: {"seconds": [], "bytes": [], "rows": None} for name in engines + [FLOOR]}

    def count(name):
        if name == FLOOR:
            return spark.range(1).count()
        return reader(name).where(SEDONA_QUERY if name == SEDONA else QUERY).count()

    def run(name):
        before, start = rchar(pid), time.perf_counter()
        rows = count(name)
        seconds, read = time.perf_counter() - start, rchar(pid) - before
        if samples[name]["rows"] not in (None, rows):
            raise AssertionError(f"{name} counted {rows}, then {samples[name]['rows']}")
        samples[name]["rows"] = rows
        return seconds, read

    for name in engines + [FLOOR]:
        run(name)  # warm-up
    for _ in range(args.runs):
        for name in engines + [FLOOR]:
            seconds, read = run(name)
            samples[name]["seconds"].append(seconds)
            samples[name]["bytes"].append(read)
    counts = {samples[name]["rows"] for name in engines}
    if len(counts) != 1:
        raise AssertionError(f"the engines disagree: {[(n, samples[n]['rows']) for n in engines]}")

    total = sum(f.stat().st_size for f in (store / "events").rglob("*.parquet"))
    base_seconds = statistics.median(samples["parquet"]["seconds"])
    base_bytes = statistics.median(samples["parquet"]["bytes"])
    print(f"\n{args.rows:,} points, {counts.pop():,} selected; store {total / 1e6:.1f} MB on disk; "
          f"medians of {args.runs} runs")
    print(f"{'':22}{'seconds':>9}{'MB read':>10}{'x faster than parquet':>24}{'bytes vs parquet':>18}")
    for name in engines + [FLOOR]:
        seconds = statistics.median(samples[name]["seconds"])
        read = statistics.median(samples[name]["bytes"])
        print(f"{name:22}{seconds:9.2f}{read / 1e6:10.1f}{base_seconds / seconds:24.1f}{read / base_bytes:18.2%}")
    if sedona_error:
        print(f"{SEDONA:22}unavailable: {sedona_error}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "store.json").write_text(json.dumps({"rows": args.rows, "query": QUERY, "samples": samples}, indent=1))
    spark.stop()
    if sedona_error:
        return f"Sedona did not run, so there is nothing to compare with: {sedona_error}"


if __name__ == "__main__":
    sys.exit(main())
