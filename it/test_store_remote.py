"""The store on S3 (SeaweedFS) and on HDFS (MiniDFSCluster), from `local-cluster[2,1,1024]`:
executors in JVMs of their own, with no shared temporary directory, reach the store with the
settings a Spark user has (`spark.hadoop.fs.s3a.*`; an `hdfs://` name node). Every test of the
store's life runs on both; writers in separate processes race for the same feature type."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
from pyspark.errors import IllegalArgumentException
from pyspark.sql import functions as F

from conftest import JOBS, SPARK_HOME, results, session, spark_env
from servers import MiniHdfs, SeaweedS3
from strabo import store
from test_store import EVENTS, GEOMESA, PUSHDOWN_FILTERS, comparable, events, read, write  # noqa: F401 (fixture)

MASTER = "local-cluster[2,1,1024]"


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    server = SeaweedS3(tmp_path_factory.mktemp("seaweedfs")).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def hdfs(tmp_path_factory):
    server = MiniHdfs(tmp_path_factory.mktemp("hdfs"), SPARK_HOME / "jars").start()
    yield server
    server.stop()


@pytest.fixture(scope="module", params=["s3", "hdfs"])
def remote(request):
    """Each storage in turn: `uri(path)` names a path in it, `objects(prefix)` lists it."""
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def spark(s3):
    spark = session(
        MASTER,
        **s3.spark_conf(),
    )
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def event_store(remote, events):
    uri = remote.uri("events")
    # One task and 4 cells a day: about 60 files (HDFS closes a file in about 0.5 s).
    write(events.coalesce(1), uri, "events", points="geom", scheme="daily,z2-2bits")
    return uri


def data_files(remote, prefix: str) -> set[str]:
    return {path for path in remote.objects(prefix) if path.endswith(".parquet")}


def test_every_pushdown_filter_returns_what_spark_returns(spark, events, event_store):
    """All filters in one query each side: a union of one filtered scan per filter."""
    stored = read(spark, event_store, "events")

    def tagged(df):
        return [df.where(condition).selectExpr(f"{i} AS filter", "fid") for i, condition in enumerate(PUSHDOWN_FILTERS)]

    def union(parts):
        result = parts[0]
        for part in parts[1:]:
            result = result.unionAll(part)
        return sorted(tuple(r) for r in result.collect())

    from_store = union(tagged(stored))
    assert from_store == union(tagged(events))
    assert len({f for f, _ in from_store}) > len(PUSHDOWN_FILTERS) // 2, "most filters select rows"
    assert comparable(stored) == comparable(events)


def test_a_selective_read_is_pruned(spark, events, event_store):
    condition = (
        "st_intersects(geom, st_setSRID(st_makeBBOX(0, 0, 60, 60), 4326)) "
        "AND dtg < TIMESTAMP '2024-01-04 00:00:00 UTC'"
    )
    df = read(spark, event_store, "events").where(condition)
    plan = df._jdf.queryExecution().executedPlan().toString()
    files = plan.split("files: ", 1)[1].split(";")[0]
    total, after = int(files.split(" ")[0]), int(files.rsplit(", ", 1)[1].split(" ")[0])
    assert after < total, plan
    assert df.count() == events.where(condition).count() > 0


def test_writes_overwrites_time_travel_drop_compaction_and_vacuum(spark, remote):
    uri = remote.uri("lifecycle")
    rows = ["CAST(id AS int) AS n", "st_setSRID(st_point(CAST(id AS double), 1.0), 4326) AS geom"]

    def numbers(**options):
        return sorted(r.n for r in read(spark, uri, "t", **options).select("n").collect())

    write(spark.range(0, 10, 1, 2).selectExpr(*rows), uri, "t", scheme="flat")
    write(spark.range(10, 15, 1, 2).selectExpr(*rows), uri, "t")
    first_files = data_files(remote, "lifecycle/t")
    write(spark.range(100, 103, 1, 1).selectExpr(*rows), uri, "t", mode="overwrite")
    assert numbers() == [100, 101, 102]
    assert numbers(versionAsOf=1) == list(range(15))
    assert store.describe(spark, uri, "t")["version"] == 2
    assert store.feature_types(spark, uri) == ["t"]
    # The replaced files stay for time travel, until a vacuum with no retention.
    assert first_files <= data_files(remote, "lifecycle/t")
    vacuumed = store.vacuum(spark, uri, "t", retain_hours=0)
    assert {f"lifecycle/t/{f}" for f in vacuumed["files"]} == first_files
    assert not first_files & data_files(remote, "lifecycle/t")
    assert numbers() == [100, 101, 102]

    store.delete(spark, uri, "t")
    assert store.feature_types(spark, uri) == []
    assert data_files(remote, "lifecycle/t") == set()
    write(spark.range(7, 9, 1, 1).selectExpr(*rows), uri, "t", scheme="flat")
    assert numbers() == [7, 8]
    # Compaction's tasks rewrite on the executors, which share nothing but the storage.
    write(spark.range(20, 30, 1, 3).selectExpr(*rows), uri, "t")
    assert store.describe(spark, uri, "t")["files"] == 4
    assert store.compact(spark, uri, "t") is not None
    assert store.describe(spark, uri, "t")["files"] == 1
    assert numbers() == [7, 8, *range(20, 30)]


def test_the_catalog(spark, remote):
    lake = f"lake_{type(remote).__name__.lower()}"
    spark.conf.set(f"spark.sql.catalog.{lake}", "io.strabo.spark.store.StraboCatalog")
    spark.conf.set(f"spark.sql.catalog.{lake}.path", remote.uri("catalog"))
    spark.sql(f"CREATE TABLE {lake}.trips (id INT, geom GEOMETRY(4326)) TBLPROPERTIES ('scheme' = 'flat')")
    spark.sql(f"INSERT INTO {lake}.trips SELECT CAST(id AS INT), st_setSRID(st_point(id, id), 4326) FROM range(5)")
    spark.sql(f"INSERT INTO {lake}.trips SELECT CAST(id AS INT), st_setSRID(st_point(id, id), 4326) FROM range(5, 8)")
    assert spark.sql(f"SELECT count(*) FROM {lake}.trips").first()[0] == 8
    assert spark.sql(f"SELECT count(*) FROM {lake}.trips VERSION AS OF 1").first()[0] == 5
    assert [r.tableName for r in spark.sql(f"SHOW TABLES IN {lake}").collect()] == ["trips"]
    spark.sql(f"DROP TABLE {lake}.trips")
    assert spark.sql(f"SHOW TABLES IN {lake}").collect() == []


def test_geomesa_stores_read_from_the_storage(spark, remote):
    """GeoMesa's own stores copied to the storage read as they do from disk: 2.3's files (whose
    spec is only in the storage's metadata) and a 5.4 store's changes, labels and refusals."""
    remote.upload(GEOMESA / "2.3.0", "geomesa-2.3")
    remote.upload(GEOMESA / "5.4-updates", "geomesa-5.4")

    def geomesa(path, feature, **options):
        reader = spark.read.format("geomesa").option("fs.path", remote.uri(path)).option("geomesa.feature", feature)
        for key, value in options.items():
            reader = reader.option(key, value)
        return reader.load()

    people = geomesa("geomesa-2.3", "example-csv").where("age > 22").selectExpr("name", "st_asText(geom)")
    assert sorted(tuple(r) for r in people.collect()) == [
        ("Hermione", "POINT(40.232 -53.2356)"), ("Severus", "POINT(3 -62.23)")]
    names = lambda **options: sorted(r.name for r in geomesa("geomesa-5.4", "tracks", **options).collect())
    assert names() == ["a2", "b2", "d-again"]
    assert names(**{"geomesa.security.auths": "admin,user"}) == ["a2", "b2", "c", "d-again", "f"]
    assert sorted(store.feature_types(spark, remote.uri("geomesa-5.4"))) == ["areas", "in-jdbc", "in-orc", "tracks"]
    with pytest.raises(IllegalArgumentException, match="GeoMesa storage `in-orc` at .* encoded as `orc`"):
        geomesa("geomesa-5.4", "in-orc").count()


def test_an_executor_killed_during_a_write_loses_nothing(spark, s3):
    """SIGKILL of an executor while its task writes: Spark runs the task again elsewhere, the
    job commits each row once, and a vacuum deletes the killed attempt's files and nothing the
    commit lists."""
    uri = s3.uri("killed")

    @F.udf("string", useArrow=False)
    def slowly(i):
        time.sleep(0.004)
        return str(i)

    rows = spark.range(0, 2000, 1, 4).select(
        F.expr("st_setSRID(st_point(CAST(id % 360 - 180 AS double), 0.0), 4326)").alias("geom"),
        slowly("id").alias("kind"),
    )
    app = spark.sparkContext.applicationId
    executors = lambda: subprocess.run(  # noqa: E731 - the JVMs of this application's executors
        ["pgrep", "-f", f"CoarseGrainedExecutorBackend.*{app}"], capture_output=True, text=True
    ).stdout.split()
    errors: list[BaseException] = []

    def job():
        try:
            write(rows, uri, "t", scheme="flat", batchRows="50")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    writer = threading.Thread(target=job)
    writer.start()
    tracker = spark.sparkContext.statusTracker()
    deadline = time.time() + 120
    # Kill while both executors run a task and files are landing.
    while time.time() < deadline and not (
        any(s and s.numActiveTasks >= 2 for s in map(tracker.getStageInfo, tracker.getActiveStageIds()))
        and data_files(s3, "killed/t")
    ):
        time.sleep(0.1)
    victims = executors()
    assert len(victims) == 2, victims
    os.kill(int(victims[0]), signal.SIGKILL)
    writer.join()
    assert not errors, errors
    failed = [tracker.getStageInfo(s) for j in tracker.getJobIdsForGroup() for s in tracker.getJobInfo(j).stageIds]
    assert any(s and s.numFailedTasks >= 1 for s in failed), "no task was lost"
    back = read(spark, uri, "t").select("kind")
    assert sorted(int(r.kind) for r in back.collect()) == list(range(2000))
    # Every file left is one the commit lists (a committed file deleted would fail the read).
    vacuumed = store.vacuum(spark, uri, "t", retain_hours=0)
    assert len(data_files(s3, "killed/t")) == store.describe(spark, uri, "t")["files"], vacuumed
    assert sorted(int(r.kind) for r in back.collect()) == list(range(2000))


def test_a_file_larger_than_a_part_round_trips(spark, remote):
    """Over 8 MiB of incompressible rows in one file: it goes up as a multipart upload."""
    uri = remote.uri("large")
    df = spark.range(0, 700_000, 1, 1).selectExpr(
        "CAST(id AS long) AS id", "rand(7) AS a", "rand(8) AS b",
        "st_setSRID(st_point(rand(9) * 10, rand(10) * 10), 4326) AS geom",
    )
    write(df, uri, "big", scheme="flat")
    sizes = [size for path, size in remote.objects("large/big").items() if path.endswith(".parquet")]
    assert len(sizes) == 1 and sizes[0] > 8 << 20, sizes
    back = read(spark, uri, "big").selectExpr("count(*)", "sum(id)", "sum(a)").first()
    expected = df.selectExpr("count(*)", "sum(id)", "sum(a)").first()
    assert back[0] == expected[0] and back[1] == expected[1] and abs(back[2] - expected[2]) < 1e-6


def test_wrong_s3_credentials_are_an_error_and_no_plan_shows_a_secret(spark, s3, events):
    uri = s3.uri("credentials")
    write(events.limit(10), uri, "events")
    with pytest.raises(Exception, match="(?i)forbidden|denied|signature|403"):
        read(spark, uri, "events", **{"fs.s3a.secret.key": "not-the-secret"}).count()
    df = read(spark, uri, "events", **{"fs.s3a.secret.key": s3.secret_key})
    plans = df._jdf.queryExecution().toString()
    assert s3.secret_key not in plans and uri in plans


def test_a_scheme_strabo_cannot_serve_is_an_illegal_argument(spark):
    with pytest.raises(IllegalArgumentException, match="scheme 'ftp' is not served.*s3a.*hdfs"):
        read(spark, "ftp://host/store", "events").count()


def test_writers_in_separate_processes_append_exactly_once(spark, s3, remote, jar):
    """Two spark-submit processes race to append jobs to one feature type: each job that says
    it committed has its rows exactly once, and a rejected one leaves none."""
    uri, jobs, rows = remote.uri("race"), 4, 50
    conf = [arg for key, value in s3.spark_conf().items() for arg in ("--conf", f"{key}={value}")]
    writers = {
        name: subprocess.Popen(
            [str(SPARK_HOME / "bin" / "spark-submit"), "--master", "local[1]", "--jars", jar, *conf,
             "--conf", "spark.ui.enabled=false", str(JOBS / "store_appender.py"), uri, "t", name, str(jobs), str(rows)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=spark_env(),
        )
        for name in ("a", "b")
    }
    outcomes = {}
    for name, process in writers.items():
        stdout, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr[-3000:]
        outcomes[name] = results(stdout)
    assert all(len(o) == jobs for o in outcomes.values()), outcomes
    counts = Counter(
        (r.writer, r.job) for r in read(spark, uri, "t").select("writer", "job").collect()
    )
    for name, outcome in outcomes.items():
        for job in range(jobs):
            committed = outcome[f"job{job}"] == "committed"
            assert counts[(name, job)] == (rows if committed else 0), (name, job, outcome[f"job{job}"])
    assert sum(o == "committed" for out in outcomes.values() for o in out.values()) == 2 * jobs, outcomes
    assert store.describe(spark, uri, "t")["version"] == 2 * jobs - 1
