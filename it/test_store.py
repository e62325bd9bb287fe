"""Spark's `format("strabo")` and `format("geomesa")`: writes, reads, filters pushed into the
store, and what failed writes leave behind.

Every pushdown test runs each filter twice, on the store (where it is pushed) and on the same
rows held by Spark (where Spark evaluates it), and compares the rows."""
from __future__ import annotations

import datetime as dt
import os
import random
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from pyspark.errors import IllegalArgumentException
from pyspark.sql import functions as F

from conftest import REPO, spark_env

UTC = dt.timezone.utc


def read(spark, path, feature, **options):
    reader = spark.read.format("strabo").option("path", str(path)).option("feature", feature)
    for key, value in options.items():
        reader = reader.option(key, value)
    return reader.load()


def write(df, path, feature, mode="append", **options):
    writer = df.write.format("strabo").option("path", str(path)).option("feature", feature).mode(mode)
    for key, value in options.items():
        writer = writer.option(key, value)
    writer.save()


def data_files(path: Path, feature: str) -> set[str]:
    return {str(p.relative_to(path)) for p in (path / feature).rglob("*.parquet")}


def comparable(df):
    """Rows with geometries as WKB bytes and SRID, sortable and comparable."""
    columns = [
        F.concat(F.expr(f"st_asBinary({f.name})"), F.lit(b"@"), F.expr(f"cast(st_srid({f.name}) as string)").cast("binary")).alias(f.name)
        if f.dataType.typeName().startswith("geometry")
        else F.col(f.name)
        for f in df.schema.fields
    ]
    # repr compares NaN with NaN, and tells -0.0 from 0.0.
    return sorted(repr(tuple(r)) for r in df.select(*columns).collect())


# --- the generated dataset: points with a time and attributes, some of them null ------------

EVENTS = 3000


@pytest.fixture(scope="module")
def events(spark):
    rng = random.Random(7)
    start = dt.datetime(2024, 1, 1, tzinfo=UTC)
    rows = []
    for i in range(EVENTS):
        null_geometry = i % 97 == 0
        rows.append(
            (
                f"e{i}",
                None if null_geometry else rng.uniform(-180, 180),
                None if null_geometry else rng.uniform(-90, 90),
                None if i % 89 == 0 else start + dt.timedelta(seconds=rng.randrange(14 * 86400)),
                None if i % 13 == 0 else rng.choice(["alpha", "beta", "gamma", "al%pha", "a_b"]),
                None if i % 17 == 0 else rng.randrange(-1000, 1000),
                rng.uniform(-10, 10),
                i % 2 == 0,
            )
        )
    schema = "fid string, x double, y double, dtg timestamp, kind string, n int, score double, flag boolean"
    raw = spark.createDataFrame(rows, schema)
    df = raw.selectExpr(
        "CASE WHEN x IS NULL THEN NULL ELSE st_setSRID(st_point(x, y), 4326) END AS geom",
        "dtg",
        "kind",
        "n",
        "score",
        "flag",
        "fid",
    )
    # Not cached: Spark's in-memory cache takes no GEOMETRY columns. The rows are fixed above.
    return df


@pytest.fixture(scope="module")
def event_store(tmp_path_factory, events):
    path = tmp_path_factory.mktemp("events")
    write(events.repartition(3), path, "events", points="geom", scheme="daily,z2-4bits")
    return path


SPATIAL = "st_setSRID(st_geomFromWKT('POLYGON((-60 -30, 40 -30, 40 50, -60 50, -60 -30))'), 4326)"
# Every pushdown form of issue 6, and mixtures Spark splits or keeps whole.
PUSHDOWN_FILTERS = [
    f"st_intersects(geom, {SPATIAL})",
    f"st_intersects({SPATIAL}, geom)",
    f"st_contains({SPATIAL}, geom)",
    f"st_within(geom, {SPATIAL})",
    f"st_covers({SPATIAL}, geom)",
    f"st_coveredBy(geom, {SPATIAL})",
    f"st_disjoint(geom, {SPATIAL})",
    "st_dwithin(geom, st_setSRID(st_point(10, 10), 4326), 25)",
    "st_intersects(geom, st_setSRID(st_makeBBOX(-100, -10, 0, 60), 4326))",
    "st_within(geom, st_setSRID(st_envelope(st_geomFromWKT('LINESTRING(0 0, 90 45)')), 4326))",
    "dtg >= TIMESTAMP '2024-01-03 00:00:00 UTC' AND dtg < TIMESTAMP '2024-01-05 12:00:00 UTC'",
    "dtg BETWEEN TIMESTAMP '2024-01-02 00:00:00 UTC' AND TIMESTAMP '2024-01-02 23:59:59 UTC'",
    "dtg > TIMESTAMP '2024-01-10 00:00:00 UTC'",
    "kind = 'beta'",
    "kind <> 'beta'",
    "n < 0",
    "n <= -500 OR n >= 500",
    "score > 2.5",
    "flag = true",
    "kind IN ('alpha', 'gamma')",
    "n IN (1, 2, 3, 500, NULL)",
    "NOT (n IN (1, 2, 3))",
    "kind IS NULL",
    "kind IS NOT NULL AND n IS NULL",
    "kind LIKE 'al%'",
    "kind LIKE 'al\\\\%%'",
    "kind LIKE 'a\\\\_%'",
    "NOT (kind = 'alpha')",
    "n <=> 5 OR NOT (n <=> 7)",
    f"st_intersects(geom, {SPATIAL}) AND dtg < TIMESTAMP '2024-01-07 00:00:00 UTC' AND kind = 'alpha'",
    f"st_intersects(geom, {SPATIAL}) OR n > 900",
    f"NOT st_intersects(geom, {SPATIAL})",
    "upper(kind) = 'BETA' AND n > 0",
]


@pytest.mark.parametrize("condition", PUSHDOWN_FILTERS)
def test_pushdown_returns_what_spark_returns(spark, events, event_store, condition):
    stored = read(spark, event_store, "events").where(condition)
    unpushed = read(spark, event_store, "events", pushdown="false").where(condition)
    assert "pushed filter: none" in physical_plan(unpushed)
    expected = events.where(condition)
    assert comparable(stored) == comparable(expected) == comparable(unpushed)
    assert len(comparable(expected)) not in (0, EVENTS), "a filter that selects nothing or all proves little"


def physical_plan(df) -> str:
    return df._jdf.queryExecution().executedPlan().toString()


def has_filter_node(plan: str) -> bool:
    """Whether Spark still filters rows itself (a `Filter` node, not the scan's `RuntimeFilters`)."""
    return re.search(r"^[\s+\-:*()\d]*Filter ", plan, re.M) is not None


def test_explain_shows_the_pushed_filter_and_drops_what_the_store_answers(spark, event_store):
    df = read(spark, event_store, "events").where(
        f"st_intersects(geom, {SPATIAL}) AND kind = 'alpha' AND dtg < TIMESTAMP '2024-01-07 00:00:00 UTC'"
    )
    plan = physical_plan(df)
    assert "pushed filter: INTERSECTS(geom, SRID=4326;POLYGON((-60 -30,40 -30,40 50,-60 50,-60 -30)))" in plan, plan
    assert "kind = 'alpha'" in plan and "dtg < 2024-01-07T00:00:00Z" in plan, plan
    assert not has_filter_node(plan), plan
    # A box around st_dwithin prunes; Spark keeps the exact test.
    near = read(spark, event_store, "events").where("st_dwithin(geom, st_setSRID(st_point(10, 10), 4326), 25)")
    plan = physical_plan(near)
    assert "BBOX(geom, -15.0, -15.0, 35.0, 35.0)" in plan and has_filter_node(plan), plan
    # What the store cannot translate stays with Spark; the IS NOT NULL that Spark infers
    # from it is pushed.
    upper = read(spark, event_store, "events").where("upper(kind) = 'BETA'")
    plan = physical_plan(upper)
    assert "pushed filter: kind IS NOT NULL;" in plan and has_filter_node(plan), plan
    everything = physical_plan(read(spark, event_store, "events"))
    assert "pushed filter: none" in everything, everything


def test_statistics_counts_pruning_and_limit(spark, events, event_store):
    df = read(spark, event_store, "events")
    stored_bytes = sum(p.stat().st_size for p in (event_store / "events").rglob("*.parquet"))
    stats = df._jdf.queryExecution().optimizedPlan().stats()
    assert int(str(stats.sizeInBytes())) == stored_bytes
    # Spark keeps a scan's row count only under cost-based optimization.
    spark.conf.set("spark.sql.cbo.enabled", "true")
    try:
        stats = read(spark, event_store, "events")._jdf.queryExecution().optimizedPlan().stats()
        assert int(str(stats.rowCount().get())) == EVENTS
    finally:
        spark.conf.unset("spark.sql.cbo.enabled")
    assert df.count() == EVENTS
    assert df.select("kind").where("kind = 'beta'").count() == events.where("kind = 'beta'").count()
    assert len(df.limit(7).collect()) == 7
    assert "limit 7" in physical_plan(df.limit(7))


# --- every type, and nulls --------------------------------------------------------------------


def test_every_type_round_trips_with_nulls(spark, tmp_path):
    source = spark.sql(
        """
        SELECT st_setSRID(st_geomFromWKT(g), 4326) AS geom,
               CASE WHEN a IS NULL THEN NULL ELSE st_setSRID(st_geomFromWKT(a), 3857) END AS area,
               s, CAST(i AS int) AS i, CAST(l AS bigint) AS l, CAST(f AS float) AS f, d,
               b, CAST(day AS date) AS day, CAST(ts AS timestamp) AS ts, CAST(bin AS binary) AS bin
        FROM VALUES
          ('POINT(1 2)', 'POLYGON((0 0, 10 0, 10 10, 0 0))', 'a', 1, 10000000000, 1.5, 2.25, true,
           '2024-02-29', '2024-02-29 23:59:59.123456', 'xyz'),
          ('LINESTRING(0 0, 5 5)', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
          ('POINT EMPTY', 'POLYGON EMPTY', 'é—ü', -2147483648, -9223372036854775808, CAST('NaN' AS float),
           CAST('-Infinity' AS double), false, '1969-12-31', '1900-01-01 00:00:00', ''),
          (NULL, 'POINT(3 4)', 'z', 0, 0, -0.0, -0.0, false, '2100-01-01', '2262-04-11 23:47:16', 'q')
          AS t(g, a, s, i, l, f, d, b, day, ts, bin)
        """
    )
    write(source, tmp_path, "all_types", scheme="flat", dtg="")
    back = read(spark, tmp_path, "all_types")
    assert back.schema == source.schema
    assert comparable(back) == comparable(source)


def test_the_geomesa_format_and_its_option_names(spark, events, event_store):
    df = (
        spark.read.format("geomesa")
        .option("fs.path", str(event_store))
        .option("geomesa.feature", "events")
        .option("cql", "BBOX(geom, -60, -30, 40, 50) AND kind = 'alpha'")
        .load()
    )
    expected = events.where(f"st_intersects(geom, {SPATIAL}) AND kind = 'alpha'")
    assert comparable(df) == comparable(expected)


# --- bad input ----------------------------------------------------------------------------


def test_malformed_ecql_points_at_the_column(spark, event_store):
    with pytest.raises(IllegalArgumentException, match="at column 12, found 'AN'"):
        read(spark, event_store, "events", cql="kind = 'a' AN n > 1").collect()


def test_a_missing_feature_type_or_option_is_named(spark, event_store):
    with pytest.raises(IllegalArgumentException, match="feature type 'nope' does not exist"):
        read(spark, event_store, "nope").collect()
    with pytest.raises(IllegalArgumentException, match="needs the option 'feature'"):
        spark.read.format("strabo").option("path", str(event_store)).load()


def test_an_incompatible_schema_is_refused_and_nothing_is_written(spark, events, tmp_path):
    write(events.limit(10), tmp_path, "events", points="geom")
    before = data_files(tmp_path, "events")
    other = events.limit(10).withColumn("n", F.col("n").cast("string"))
    with pytest.raises(IllegalArgumentException, match="nothing was written"):
        write(other, tmp_path, "events")
    unsupported = events.limit(10).withColumn("tags", F.array(F.col("kind")))
    with pytest.raises(IllegalArgumentException, match="column 'tags' is array<string>"):
        write(unsupported, tmp_path, "fresh")
    assert data_files(tmp_path, "events") == before
    assert read(spark, tmp_path, "events").count() == 10


def test_overwrite_replaces_and_append_adds(spark, events, tmp_path):
    write(events.limit(100), tmp_path, "events", points="geom")
    write(events.limit(50), tmp_path, "events", mode="overwrite")
    assert read(spark, tmp_path, "events").count() == 50
    write(events.limit(20), tmp_path, "events")
    assert read(spark, tmp_path, "events").count() == 70


# --- failures leave the store as it was ---------------------------------------------------------


def test_a_damaged_data_file_is_an_error_naming_it(spark, events, tmp_path):
    write(events, tmp_path, "events", points="geom")
    damaged = tmp_path / sorted(data_files(tmp_path, "events"))[0]
    original = damaged.read_bytes()
    # The footer ends with its length and "PAR1". Its first field header becomes field 3
    # (num_rows, an i64) announced as a set: the parquet crate would read it as an i64 and walk
    # on through the wrong bytes (bug 24 in docs/reliability.md).
    footer_length = int.from_bytes(original[-8:-4], "little")
    footer_start = len(original) - 8 - footer_length
    data = bytearray(original)
    data[footer_start] = 0x3A
    damaged.write_bytes(bytes(data))
    with pytest.raises(Exception) as error:
        read(spark, tmp_path, "events").count()
    name = damaged.relative_to(tmp_path)
    assert re.search(
        rf"java\.lang\.IllegalStateException: data file '{re.escape(str(name))}' is corrupt: "
        r"corrupt footer at byte 1: field 3 has Thrift type 10 where 6 is read",
        str(error.value),
    ), str(error.value)[:2000]
    # A file cut short is named too.
    damaged.write_bytes(original[: len(original) // 2])
    with pytest.raises(Exception, match=rf"IllegalStateException: data file '{re.escape(str(name))}' could not be read"):
        read(spark, tmp_path, "events").count()
    # Nothing else was touched: with the file restored, every row reads.
    damaged.write_bytes(original)
    assert read(spark, tmp_path, "events").count() == EVENTS




def test_a_task_that_throws_midway_leaves_the_store_unchanged(spark, events, tmp_path):
    write(events, tmp_path, "events", points="geom")
    before = data_files(tmp_path, "events")
    failing = events.repartition(4).withColumn(
        "kind", F.expr("CASE WHEN fid = 'e2500' THEN raise_error('task failed on purpose') ELSE kind END")
    )
    with pytest.raises(Exception, match="task failed on purpose"):
        write(failing, tmp_path, "events", batchRows="100")
    assert data_files(tmp_path, "events") == before
    assert comparable(read(spark, tmp_path, "events")) == comparable(events)


KILLED_WRITER = """
import sys, time
from pyspark.sql import SparkSession
from pyspark.sql.functions import udf
spark = SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false").getOrCreate()
path = sys.argv[1]

@udf("string")
def slowly(i):
    time.sleep(0.005)
    return str(i)

slow = spark.range(0, 20000, numPartitions=4).selectExpr(
    "st_setSRID(st_point(CAST(id % 360 - 180 AS double), 0.0), 4326) AS geom", "id"
).select("geom", slowly("id").alias("kind"))
print("WRITING", flush=True)
slow.write.format("strabo").option("path", path).option("feature", "events").option("batchRows", "50").mode("append").save()
print("DONE", flush=True)
"""


def test_a_driver_killed_during_a_write_leaves_the_store_readable_and_unchanged(spark, tmp_path, jar):
    seed = spark.range(0, 10).selectExpr(
        "st_setSRID(st_point(CAST(id AS double), 0.0), 4326) AS geom", "CAST(id AS string) AS kind"
    )
    write(seed, tmp_path, "events")
    committed = data_files(tmp_path, "events")
    script = tmp_path / "killed_writer.py"
    script.write_text(KILLED_WRITER)
    spark_submit = Path(spark_env()["SPARK_HOME"]) / "bin" / "spark-submit"
    job = subprocess.Popen(
        [str(spark_submit), "--jars", jar, str(script), str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=spark_env(),
        start_new_session=True,
        text=True,
    )
    try:
        assert "WRITING" in (line.strip() for line in iter(job.stdout.readline, "")), "the job did not write"
        # Tasks write a file every 50 rows (0.25 s): wait until some are on disk, then kill.
        deadline = time.time() + 120
        while len(data_files(tmp_path, "events")) < 3 and time.time() < deadline:
            time.sleep(0.2)
        assert len(data_files(tmp_path, "events")) >= 3, "the job wrote nothing in time"
    finally:
        os.killpg(job.pid, signal.SIGKILL)
        job.wait()
    assert job.returncode == -signal.SIGKILL
    back = read(spark, tmp_path, "events")
    assert comparable(back) == comparable(seed)
    # A vacuum then deletes what the killed job wrote, and keeps every committed file.
    from strabo import store

    written = data_files(tmp_path, "events") - committed
    assert written
    vacuumed = store.vacuum(spark, tmp_path, "events", retain_hours=0)
    assert {f"events/{p}" for p in vacuumed["files"]} == written
    assert data_files(tmp_path, "events") == committed
    assert comparable(read(spark, tmp_path, "events")) == comparable(seed)


def test_a_reader_looping_during_writes_sees_whole_commits(spark, tmp_path):
    batch = 500
    rows = spark.range(0, batch, numPartitions=3).selectExpr(
        "st_setSRID(st_point(CAST(id % 360 - 180 AS double), CAST(id % 180 - 90 AS double)), 4326) AS geom",
        "CAST(id AS int) AS n",
    )
    write(rows, tmp_path, "events")
    reads: list[tuple[float, float, int]] = []  # each read's start, end and count
    writes: list[tuple[float, float]] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def loop():
        try:
            while not done.is_set():
                start = time.monotonic()
                count = read(spark, tmp_path, "events").count()
                reads.append((start, time.monotonic(), count))
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    reader = threading.Thread(target=loop)
    reader.start()
    try:
        for _ in range(5):
            start = time.monotonic()
            write(rows, tmp_path, "events")
            writes.append((start, time.monotonic()))
    finally:
        done.set()
        reader.join()
    assert not errors, errors
    counts = [count for _, _, count in reads]
    assert counts and all(c % batch == 0 and batch <= c <= 6 * batch for c in counts), counts
    # The test proves something only if reads ran while writes did, and saw commits land.
    overlapping = [r for r in reads if any(r[0] < w_end and w_start < r[1] for w_start, w_end in writes)]
    assert overlapping, (reads, writes)
    assert len(set(counts)) > 1, counts
    assert read(spark, tmp_path, "events").count() == 6 * batch


def test_an_overwrite_keeps_rows_appended_while_it_ran(spark, tmp_path):
    """An overwrite replaces the rows of the version it began with; an append that commits
    while the overwrite's tasks run is not erased by it."""
    rows = "st_setSRID(st_point(CAST(id AS double), 0.0), 4326) AS geom", "CAST(id AS int) AS n"
    write(spark.range(0, 30).selectExpr(*rows), tmp_path, "events")
    started, gate = tmp_path / "started", tmp_path / "gate"

    @F.udf("long", useArrow=False)
    def held(n):
        started.touch()
        while not gate.exists():
            time.sleep(0.05)
        return n

    overwrite = spark.range(100, 105).coalesce(1).select(held("id").alias("id")).selectExpr(*rows)
    errors: list[BaseException] = []

    def run_overwrite():
        try:
            write(overwrite, tmp_path, "events", mode="overwrite")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    writer = threading.Thread(target=run_overwrite)
    writer.start()
    try:
        deadline = time.time() + 120
        while not started.exists() and time.time() < deadline and writer.is_alive():
            time.sleep(0.05)
        assert started.exists(), errors
        write(spark.range(200, 203, numPartitions=1).selectExpr(*rows), tmp_path, "events")
    finally:
        gate.touch()
        writer.join()
    assert not errors, errors
    kept = sorted(r.n for r in read(spark, tmp_path, "events").select("n").collect())
    assert kept == [100, 101, 102, 103, 104, 200, 201, 202]


def test_a_dropped_feature_type_comes_back_with_new_rows_only(spark, tmp_path):
    from strabo import store

    rows = "st_setSRID(st_point(CAST(id AS double), 0.0), 4326) AS geom", "CAST(id AS int) AS n"
    write(spark.range(0, 10).selectExpr(*rows), tmp_path, "events")
    store.delete(spark, tmp_path, "events")
    assert store.feature_types(spark, tmp_path) == []
    assert data_files(tmp_path, "events") == set()
    with pytest.raises(IllegalArgumentException, match="feature type 'events' does not exist"):
        read(spark, tmp_path, "events").count()
    write(spark.range(50, 53).selectExpr(*rows), tmp_path, "events")
    assert sorted(r.n for r in read(spark, tmp_path, "events").collect()) == [50, 51, 52]
    # Created at 0, dropped at 1, created anew at 2.
    assert store.describe(spark, tmp_path, "events")["version"] == 2


def test_time_travel_reads_a_version_or_a_timestamp(spark, tmp_path):
    from strabo import store

    rows = "st_setSRID(st_point(CAST(id AS double), 0.0), 4326) AS geom", "CAST(id AS int) AS n"
    stamps = []
    for start, end, mode in ((0, 10, "append"), (10, 15, "append"), (100, 103, "overwrite")):
        write(spark.range(start, end).selectExpr(*rows), tmp_path, "events", mode=mode)
        stamps.append(dt.datetime.now(UTC))
        time.sleep(0.05)

    def ns(**options):
        return sorted(r.n for r in read(spark, tmp_path, "events", **options).select("n").collect())

    assert ns(versionAsOf=0) == list(range(10))
    assert ns(versionAsOf=1) == list(range(15))  # the files the overwrite replaced are still read
    assert ns(versionAsOf="2") == ns() == [100, 101, 102]
    # A timestamp as Spark reads one (here with its offset): between commits 1 and 2.
    between = stamps[1].isoformat()
    assert ns(timestampAsOf=between) == list(range(15))
    # Filters are pushed into the old version too.
    old = read(spark, tmp_path, "events", versionAsOf=1).where("n >= 12")
    assert "n >= 12" in physical_plan(old) and old.count() == 3
    assert store.describe(spark, tmp_path, "events", version=1)["rows"] == 15

    with pytest.raises(Exception, match="feature type 'events' has no version 7: its latest is 2"):
        read(spark, tmp_path, "events", versionAsOf=7).count()
    with pytest.raises(IllegalArgumentException, match="versionAsOf is a version number"):
        read(spark, tmp_path, "events", versionAsOf="last")
    with pytest.raises(IllegalArgumentException, match="not both"):
        read(spark, tmp_path, "events", versionAsOf=0, timestampAsOf=between)
    with pytest.raises(IllegalArgumentException, match="timestampAsOf is not a timestamp"):
        read(spark, tmp_path, "events", timestampAsOf="yesterday")
    with pytest.raises(Exception, match="has no version as old as 2001-01-01T00:00:00.000Z"):
        read(spark, tmp_path, "events", timestampAsOf="2001-01-01 00:00:00")
    with pytest.raises(IllegalArgumentException, match="versionAsOf and timestampAsOf are for reads"):
        write(spark.range(0, 1).selectExpr(*rows), tmp_path, "events", versionAsOf=0)


def test_vacuum_deletes_what_no_snapshot_within_the_retention_reads(spark, tmp_path):
    from strabo import store

    rows = "st_setSRID(st_point(CAST(id AS double), 0.0), 4326) AS geom", "CAST(id AS int) AS n"
    write(spark.range(0, 10).selectExpr(*rows), tmp_path, "events")
    first = data_files(tmp_path, "events")
    write(spark.range(10, 13).selectExpr(*rows), tmp_path, "events", mode="overwrite")
    assert store.vacuum(spark, tmp_path, "events") == {"files": [], "bytes": 0, "oldest_version": 0}  # a week's
    vacuumed = store.vacuum(spark, tmp_path, "events", retain_hours=0)
    assert {f"events/{p}" for p in vacuumed["files"]} == first and vacuumed["bytes"] > 0
    assert data_files(tmp_path, "events").isdisjoint(first)
    assert sorted(r.n for r in read(spark, tmp_path, "events").collect()) == [10, 11, 12]
    # Time travel past the retention finds its files gone, and says which.
    missing = "|".join(re.escape(path.split("/", 1)[1]) for path in first)
    with pytest.raises(Exception, match=f"data file '[^']*({missing})' could not be read"):
        read(spark, tmp_path, "events", versionAsOf=0).count()
    with pytest.raises(Exception, match="the retention is a number of hours, 0 or more, not -1$"):
        store.vacuum(spark, tmp_path, "events", retain_hours=-1)


# --- a real dataset: Natural Earth's countries ---------------------------------------------------


@pytest.fixture(scope="module")
def countries(spark):
    path = REPO / "data" / "natural-earth" / "countries-110m.csv"
    raw = spark.read.option("header", True).option("multiLine", True).csv(str(path))
    return raw.selectExpr("name", "CAST(iso_n3 AS int) AS iso", "st_setSRID(st_geomFromWKT(wkt), 4326) AS geom")


def lon_lat(wkt_function: str) -> str:
    return f"st_setSRID({wkt_function}, 4326)"


# Natural Earth's Fiji and Russia reach past 180 degrees east, as world-atlas unwraps them: the
# store partitions them by their part inside the world, and the last two filters look past it.
COUNTRY_FILTERS = [
    f"st_intersects(geom, {lon_lat('st_point(2.35, 48.85)')})",
    f"st_contains(geom, {lon_lat('st_point(13.4, 52.5)')})",
    f"st_intersects(geom, {lon_lat('st_makeBBOX(-10, 35, 30, 60)')})",
    f"st_within(geom, {lon_lat('st_makeBBOX(-30, 30, 50, 75)')})",
    f"st_disjoint(geom, {lon_lat('st_makeBBOX(-180, -90, 0, 90)')})",
    f"st_dwithin(geom, {lon_lat('st_point(0, 0)')}, 10)",
    "name LIKE 'S%' AND iso > 500",
    f"st_intersects(geom, {lon_lat('st_makeBBOX(179, -20, 200, 80)')})",
    f"st_intersects(geom, {lon_lat('st_makeBBOX(180.5, 60, 200, 80)')})",
]


@pytest.mark.parametrize("condition", COUNTRY_FILTERS)
def test_pushdown_on_natural_earth_countries(spark, countries, tmp_path_factory, condition):
    path = tmp_path_factory.getbasetemp() / "countries"
    if not (path / "countries").exists():
        write(countries.repartition(2), path, "countries", scheme="xz2-4bits")
    stored = read(spark, path, "countries").where(condition)
    expected = countries.where(condition)
    assert comparable(stored) == comparable(expected)
    assert 0 < len(comparable(expected)) < countries.count()


# --- managing the store ---------------------------------------------------------------------


def test_list_describe_compact_and_delete(spark, events, tmp_path):
    from strabo import store

    assert store.feature_types(spark, tmp_path) == []
    for _ in range(3):
        write(events.limit(300), tmp_path, "events", points="geom", scheme="daily")
    write(events.limit(5), tmp_path, "other")
    assert store.feature_types(spark, tmp_path) == ["events", "other"]
    described = store.describe(spark, tmp_path, "events")
    assert described["attributes"][0] == ("geom", "geometry(4326) points")
    assert (described["dtg"], described["scheme"], described["version"], described["rows"]) == ("dtg", "daily", 2, 900)
    days = events.limit(300).where("dtg IS NOT NULL").selectExpr("min(dtg)", "max(dtg)").first()
    assert described["time"] == (days[0].astimezone(UTC), days[1].astimezone(UTC))
    before = comparable(read(spark, tmp_path, "events"))
    assert described["files"] > 15
    assert store.compact(spark, tmp_path, "events") == 3
    compacted = store.describe(spark, tmp_path, "events")
    assert compacted["files"] == 15 and compacted["rows"] == 900  # one file a day, and one of null dtg
    # The partitions were rewritten by a Spark job, a task each, not on the driver.
    tracker = spark.sparkContext.statusTracker()
    stages = [tracker.getStageInfo(s) for j in tracker.getJobIdsForGroup() for s in tracker.getJobInfo(j).stageIds]
    rewrites = [s for s in stages if s and s.name == "Strabo compaction of 'events': 15 partitions"]
    assert [s.numTasks for s in rewrites] == [15], [s.name for s in stages if s]
    assert comparable(read(spark, tmp_path, "events")) == before
    assert store.compact(spark, tmp_path, "events") is None
    store.delete(spark, tmp_path, "other")
    assert store.feature_types(spark, tmp_path) == ["events"]
    with pytest.raises(IllegalArgumentException, match="feature type 'other' does not exist"):
        store.describe(spark, tmp_path, "other")


# --- GeoMesa's own stores -------------------------------------------------------------------

GEOMESA = REPO / "tests" / "data" / "geomesa"


def geomesa(spark, version, feature, **options):
    reader = spark.read.format("geomesa").option("fs.path", str(GEOMESA / version)).option("geomesa.feature", feature)
    for key, value in options.items():
        reader = reader.option(key, value)
    return reader.load()


@pytest.mark.parametrize("version", ["2.3.0", "5.2.2"])
def test_geomesa_point_stores_return_what_geomesa_expects(spark, version):
    df = geomesa(spark, version, "example-csv")
    assert [(f.name, f.dataType.simpleString()) for f in df.schema.fields] == [
        ("fid", "int"), ("name", "string"), ("age", "int"), ("lastseen", "timestamp"), ("geom", "geometry(4326)")]
    rows = df.selectExpr("fid", "name", "age", "CAST(unix_millis(lastseen) AS bigint)", "st_asText(geom)").collect()
    assert sorted(tuple(r) for r in rows) == [
        (3233, "Severus", 30, 1445558400000, "POINT(3 -62.23)"),
        (23623, "Harry", 20, 1430870400000, "POINT(-100.2365 23)"),
        (26236, "Hermione", 25, 1433635200000, "POINT(40.232 -53.2356)"),
    ]
    south = df.where(f"st_intersects(geom, st_setSRID(st_makeBBOX(0, -70, 50, 0), 4326)) AND age > 26")
    assert "pushed filter: INTERSECTS(geom" in physical_plan(south)
    assert [r.name for r in south.collect()] == ["Severus"]


def test_geomesa_lines_and_polygons(spark):
    lines = geomesa(spark, "5.2.2", "example-csv-lines").selectExpr("name", "st_asText(geom)").collect()
    assert sorted(tuple(r) for r in lines) == [
        ("amy", "LINESTRING(30 10,35 20,40 40)"),
        ("bob", "LINESTRING(20 10,25 20,30 40)"),
        ("carl", "LINESTRING(40 10,45 30,50 40)"),
    ]
    polygons = geomesa(spark, "5.2.2", "example-csv-polygons", cql="INTERSECTS(geom, POINT(24 28))")
    assert sorted(r.name for r in polygons.collect()) == ["amy", "carl"]  # the point is in bob's hole


UPDATES = GEOMESA / "5.4-updates"  # written by tests/data/geomesa/write_updates.py, as GeoMesa 5.4 lays stores out


def updates(spark, feature, **options):
    reader = spark.read.format("geomesa").option("fs.path", str(UPDATES)).option("geomesa.feature", feature)
    for key, value in options.items():
        reader = reader.option(key, value)
    return reader.load()


def test_geomesa_changes_merge_by_feature_id_and_labels_need_authorizations(spark):
    tracks = updates(spark, "tracks")
    # `last_seen` is written `last_5fseen`; the bounding box, id and label columns are GeoMesa's own.
    assert [(f.name, f.dataType.simpleString()) for f in tracks.schema.fields] == [
        ("name", "string"), ("last_seen", "timestamp"), ("geom", "geometry(4326)")]
    rows = tracks.selectExpr("name", "CAST(unix_millis(last_seen) AS bigint)", "st_asText(geom)").collect()
    # a was modified (a2), b moved to the next day (b2), d was deleted and appended again; c needs
    # `admin&user`, f `user|ops`, and e's label does not parse, so no one sees it.
    assert sorted(tuple(r) for r in rows) == [
        ("a2", 1704070800000, "POINT(1.5 1.5)"),
        ("b2", 1704157200000, "POINT(7 7)"),
        ("d-again", 1704070800000, "POINT(4 4)"),
    ]
    names = lambda **options: sorted(r.name for r in updates(spark, "tracks", **options).collect())
    assert names(**{"geomesa.security.auths": "user"}) == ["a2", "b2", "d-again", "f"]
    assert names(**{"geomesa.security.auths": "admin,user"}) == ["a2", "b2", "c", "d-again", "f"]
    # A filter on the old values finds nothing: the merge hides rows by id, whatever matches.
    assert names(cql="name = 'a' OR name = 'b' OR name = 'd'") == []
    everyone = {"geomesa.security.auths": "admin,user,ops"}
    bbox = updates(spark, "tracks", cql="BBOX(geom, 1.4, 1.4, 1.6, 1.6)", **everyone)
    assert [r.name for r in bbox.collect()] == ["a2"]
    assert updates(spark, "tracks", **everyone).limit(4).count() == 4
    # The daily partitions bound last_seen: a read of the second day plans its two files only.
    second = updates(spark, "tracks", **everyone).where("last_seen >= TIMESTAMP '2024-01-02 00:00:00 UTC'")
    assert "files: 5 in the snapshot, 5 after partitions, 2 after file statistics" in physical_plan(second)
    assert sorted(r.name for r in second.collect()) == ["b2", "f"]
    assert "admin,user,ops" not in physical_plan(second)


def test_geomesa_geoparquet_native_polygons(spark):
    areas = updates(spark, "areas")
    assert [f.name for f in areas.schema.fields] == ["area_name", "geom"]
    assert sorted(tuple(r) for r in areas.selectExpr("area_name", "st_asText(geom)").collect()) == [
        ("holed", "POLYGON((30 30,40 30,40 40,30 40,30 30),(32 32,32 38,38 38,38 32,32 32))"),
        ("square", "POLYGON((10 10,20 10,20 20,10 20,10 10))"),
    ]
    assert [r.area_name for r in updates(spark, "areas", cql="INTERSECTS(geom, POINT(35 35))").collect()] == []
    assert [r.area_name for r in updates(spark, "areas", cql="INTERSECTS(geom, POINT(31 31))").collect()] == ["holed"]


def test_geomesa_storages_strabo_cannot_read_are_refused_by_name(spark):
    with pytest.raises(IllegalArgumentException, match="GeoMesa storage `in-orc` at .* its files are encoded as `orc`"):
        updates(spark, "in-orc").count()
    with pytest.raises(IllegalArgumentException, match="GeoMesa storage `in-jdbc` at .* kept by the `jdbc` backend"):
        updates(spark, "in-jdbc").count()
    with pytest.raises(IllegalArgumentException, match="GeoMesa's converter storage .'fs.options.converter.path'. is not read"):
        updates(spark, "tracks", **{"fs.options.converter.path": "csv"}).count()
    assert updates(spark, "tracks").count() == 3  # the store's other storages still read


def test_geomesa_stores_are_not_written(spark, events):
    with pytest.raises(IllegalArgumentException, match="GeoMesa's own layout"):
        events.limit(1).write.format("geomesa").option("fs.path", str(GEOMESA / "5.2.2")) \
            .option("geomesa.feature", "example-csv").mode("append").save()
    assert not (GEOMESA / "5.2.2" / "example-csv" / "_strabo_log").exists()
