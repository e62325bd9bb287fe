"""A Strabo store as a Spark SQL catalog: feature types listed, created, described, queried
(with pushdown), written, compacted and dropped in SQL."""
from __future__ import annotations

import shutil

import pytest
from pyspark.errors import AnalysisException

from test_store import GEOMESA, comparable, data_files, has_filter_node, physical_plan

CATALOG = "io.strabo.spark.store.StraboCatalog"
ROWS = 2000
COLUMNS = "geom GEOMETRY(4326), dtg TIMESTAMP, kind STRING, n INT"


@pytest.fixture(scope="module")
def store(spark, tmp_path_factory):
    """The catalog `store`, over an empty store."""
    path = tmp_path_factory.mktemp("catalog")
    spark.conf.set("spark.sql.catalog.store", CATALOG)
    spark.conf.set("spark.sql.catalog.store.path", path.as_uri())
    # Points over the world, ten minutes apart from 2024-01-01, some geometries and kinds null.
    spark.range(0, ROWS).selectExpr(
        "CASE WHEN id % 97 = 0 THEN NULL "
        "ELSE st_setSRID(st_point((id * 37) % 360 - 179.5, (id * 11) % 180 - 89.75), 4326) END AS geom",
        "timestamp_seconds(1704067200 + id * 600) AS dtg",
        "CASE WHEN id % 13 = 0 THEN NULL ELSE element_at(array('alpha', 'beta', 'gamma'), CAST(id % 3 + 1 AS INT)) END AS kind",
        "CAST(id AS INT) AS n",
    ).createOrReplaceTempView("generated")
    return path


def tables(spark) -> list[str]:
    return sorted(r.tableName for r in spark.sql("SHOW TABLES IN store").collect())


def properties(spark, table: str) -> dict[str, str]:
    return {r.key: r.value for r in spark.sql(f"SHOW TBLPROPERTIES {table}").collect()}


def test_create_insert_select_describe_and_drop(spark, store):
    assert tables(spark) == []
    spark.sql(f"CREATE TABLE store.events ({COLUMNS}) TBLPROPERTIES ('scheme' = 'daily,z2-2bits', 'points' = 'geom')")
    assert tables(spark) == ["events"]
    assert properties(spark, "store.events")["rows"] == "0"
    for half in ("n < 1000", "n >= 1000"):
        spark.sql(f"INSERT INTO store.events SELECT * FROM generated WHERE {half}")

    # The same rows as format("strabo") over the same path, and as the view they came from.
    table = spark.table("store.events")
    assert [(f.name, f.dataType) for f in table.schema] == [(f.name, f.dataType) for f in spark.table("generated").schema]
    direct = spark.read.format("strabo").option("path", str(store)).option("feature", "events").load()
    assert comparable(table) == comparable(direct) == comparable(spark.table("generated"))

    # Filters in SQL are pushed into the store, and Spark's own Filter goes.
    query = ("SELECT * FROM store.events WHERE st_intersects(geom, st_setSRID(st_makeBBOX(-90, -45, 90, 45), 4326)) "
             "AND dtg < TIMESTAMP '2024-01-08 00:00:00 UTC' AND kind = 'beta'")
    pushed = spark.sql(query)
    plan = physical_plan(pushed)
    assert "pushed filter: INTERSECTS(geom, SRID=4326;POLYGON((-90 -45,-90 45,90 45,90 -45,-90 -45)))" in plan, plan
    assert not has_filter_node(plan), plan
    expected = spark.sql(query.replace("store.events", "generated"))
    assert comparable(pushed) == comparable(expected) and 0 < expected.count() < ROWS

    described = properties(spark, "store.events")
    assert (described["rows"], described["version"], described["scheme"], described["dtg"]) == (str(ROWS), "2", "daily,z2-2bits", "dtg")
    assert int(described["files"]) == len(data_files(store, "events")) > 1
    bounds = spark.sql("SELECT min(st_x(geom)), min(st_y(geom)), max(st_x(geom)), max(st_y(geom)), min(dtg), max(dtg) FROM generated").first()
    assert [float(v) for v in described["bbox"].split(",")] == list(bounds[:4])
    start, end = described["time_range"].split("/")
    assert (start, end) == ("2024-01-01T00:00:00Z", "2024-01-14T21:10:00Z")
    extended = {r.col_name: r.data_type for r in spark.sql("DESCRIBE TABLE EXTENDED store.events").collect()}
    assert extended["geom"] == "geometry(4326)" and extended["Provider"] == "strabo", extended
    assert f"rows={ROWS}" in extended["Table Properties"], extended

    spark.sql("DROP TABLE store.events")
    assert tables(spark) == [] and data_files(store, "events") == set()
    spark.sql("DROP TABLE IF EXISTS store.events")
    with pytest.raises(AnalysisException, match="TABLE_OR_VIEW_NOT_FOUND"):
        spark.sql("SELECT * FROM store.events").collect()


def test_create_table_as_select_and_insert_overwrite(spark, store):
    spark.sql("CREATE TABLE store.copied TBLPROPERTIES ('scheme' = 'weekly') AS SELECT geom, dtg, n FROM generated WHERE n < 500")
    assert spark.table("store.copied").count() == 500
    assert properties(spark, "store.copied")["scheme"] == "weekly"
    spark.sql("INSERT OVERWRITE store.copied SELECT geom, dtg, n FROM generated WHERE n >= 1900")
    assert sorted(r.n for r in spark.table("store.copied").collect()) == list(range(1900, ROWS))
    spark.sql("DROP TABLE store.copied")


def test_version_and_timestamp_as_of(spark, store):
    spark.sql(f"CREATE TABLE store.travel ({COLUMNS})")
    spark.sql("INSERT INTO store.travel SELECT * FROM generated WHERE n < 10")
    spark.sql("INSERT INTO store.travel SELECT * FROM generated WHERE n >= 10 AND n < 25")
    spark.sql("INSERT OVERWRITE store.travel SELECT * FROM generated WHERE n >= 1990")
    counts = [spark.sql(f"SELECT count(*) FROM store.travel VERSION AS OF {v}").first()[0] for v in range(4)]
    assert counts == [0, 10, 25, 10]
    assert spark.sql("SELECT count(*) FROM store.travel").first()[0] == 10
    now = spark.sql("SELECT count(*) FROM store.travel TIMESTAMP AS OF current_timestamp()").first()[0]
    assert now == 10
    with pytest.raises(Exception, match="has no version as old as"):
        spark.sql("SELECT * FROM store.travel TIMESTAMP AS OF TIMESTAMP '2001-01-01 00:00:00 UTC'").collect()
    spark.sql("DROP TABLE store.travel")


def test_vacuum_is_a_procedure(spark, store):
    spark.sql(f"CREATE TABLE store.swept ({COLUMNS})")
    spark.sql("INSERT INTO store.swept SELECT * FROM generated WHERE n < 100")
    spark.sql("INSERT OVERWRITE store.swept SELECT * FROM generated WHERE n >= 1990")
    assert tuple(spark.sql("CALL store.system.vacuum('swept')").first()) == (0, 0, 0)
    deleted, bytes_deleted, oldest = spark.sql("CALL store.system.vacuum('swept', 0)").first()
    assert deleted >= 1 and bytes_deleted > 0 and oldest == 0  # no checkpoint yet
    assert spark.sql("SELECT count(*) FROM store.swept").first()[0] == 10
    assert tuple(spark.sql("CALL store.system.vacuum(table => 'swept', retain_hours => 0)").first()) == (0, 0, 0)
    spark.sql("DROP TABLE store.swept")


def test_compact_is_a_procedure(spark, store):
    spark.sql(f"CREATE TABLE store.pieces ({COLUMNS}) TBLPROPERTIES ('scheme' = 'daily')")
    for i in range(3):
        spark.sql(f"INSERT INTO store.pieces SELECT * FROM generated WHERE n % 3 = {i}")
    before = comparable(spark.table("store.pieces"))
    files = int(properties(spark, "store.pieces")["files"])
    # Each insert wrote a file a day, or two for the day where its two tasks' rows meet.
    assert files == len(data_files(store, "pieces")) >= 3 * 14
    version, after = spark.sql("CALL store.system.compact('pieces')").first()
    assert (version, after) == (4, 14)  # fourteen days, a file each
    assert comparable(spark.table("store.pieces")) == before
    assert tuple(spark.sql("CALL store.system.compact(table => 'pieces')").first()) == (None, 14)
    spark.sql("DROP TABLE store.pieces")


def test_what_the_catalog_refuses(spark, store):
    spark.sql(f"CREATE TABLE store.kept ({COLUMNS})")
    with pytest.raises(AnalysisException, match="TABLE_OR_VIEW_ALREADY_EXISTS|TABLE_ALREADY_EXISTS"):
        spark.sql(f"CREATE TABLE store.kept ({COLUMNS})")
    spark.sql(f"CREATE TABLE IF NOT EXISTS store.kept ({COLUMNS})")
    with pytest.raises(Exception, match="not PARTITIONED BY"):
        spark.sql(f"CREATE TABLE store.parted ({COLUMNS}) PARTITIONED BY (kind)")
    with pytest.raises(Exception, match="cannot rename feature type"):
        spark.sql("ALTER TABLE store.kept RENAME TO store.renamed")
    with pytest.raises(Exception, match="cannot alter feature type"):
        spark.sql("ALTER TABLE store.kept ADD COLUMN extra STRING")
    with pytest.raises(AnalysisException, match="TABLE_OR_VIEW_NOT_FOUND"):
        spark.sql("SELECT * FROM store.nested.kept").collect()
    with pytest.raises(AnalysisException, match="FAILED_TO_LOAD_ROUTINE.*`store`.`system`.`optimize`"):
        spark.sql("CALL store.system.optimize('kept')")
    with pytest.raises(AnalysisException, match="TABLE_OR_VIEW_NOT_FOUND"):
        spark.sql("CALL store.system.compact('missing')").collect()
    # A row of the wrong shape is refused by Spark's own checks, and the table is unchanged.
    with pytest.raises(AnalysisException):
        spark.sql("INSERT INTO store.kept SELECT n FROM generated")
    assert properties(spark, "store.kept")["rows"] == "0" and tables(spark) == ["kept"]
    spark.sql("DROP TABLE store.kept")


def test_a_geomesa_store_is_a_catalog_too(spark, tmp_path):
    # A copy: the refusals below must leave it as it was, and the fixtures are kept safe.
    shutil.copytree(GEOMESA / "5.2.2", tmp_path / "geomesa")
    before = sorted((p.relative_to(tmp_path), p.stat().st_size) for p in tmp_path.rglob("*"))
    spark.conf.set("spark.sql.catalog.geomesa_fs", CATALOG)
    spark.conf.set("spark.sql.catalog.geomesa_fs.fs.path", str(tmp_path / "geomesa"))
    assert sorted(r.tableName for r in spark.sql("SHOW TABLES IN geomesa_fs").collect()) == [
        "example-csv", "example-csv-lines", "example-csv-polygons"]
    south = spark.sql("SELECT name FROM geomesa_fs.`example-csv` "
                      "WHERE st_intersects(geom, st_setSRID(st_makeBBOX(0, -70, 50, 0), 4326)) AND age > 26")
    assert "pushed filter: INTERSECTS(geom" in physical_plan(south)
    assert [r.name for r in south.collect()] == ["Severus"]
    assert properties(spark, "geomesa_fs.`example-csv`")["rows"] == "3"
    for statement in ("INSERT INTO geomesa_fs.`example-csv` SELECT * FROM geomesa_fs.`example-csv`",
                      "CALL geomesa_fs.system.compact('example-csv')",
                      "CALL geomesa_fs.system.vacuum('example-csv', 0)",
                      "DROP TABLE geomesa_fs.`example-csv`"):
        with pytest.raises(Exception, match="in GeoMesa's own layout: Strabo reads it but does not write to it"):
            spark.sql(statement).collect()
    assert sorted((p.relative_to(tmp_path), p.stat().st_size) for p in tmp_path.rglob("*")) == before
