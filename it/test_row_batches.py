"""How rows reach Rust: inside Spark's generated code (a row source), or copied out of a columnar
source's vectors (Parquet), or through Spark's rows into Arrow (where generated code cannot hold
a column's type). Each path must give exactly what the per-row path gives, NULLs and batch
boundaries included."""
import re
from decimal import Decimal

import pytest

from spark_features import settings

# Every type generated code writes and reads back, each NULL on some rows, with Strabo calls
# over some of them: rows that pass through a StraboEval must come out as they went in.
PASSING = """
SELECT id,
  CASE WHEN id % 4 = 0 THEN NULL ELSE CAST(id AS INT) END AS i,
  CASE WHEN id % 4 = 1 THEN NULL ELSE id * 3 END AS l,
  CASE WHEN id % 4 = 2 THEN NULL ELSE date_add(DATE'2020-01-01', CAST(id AS INT)) END AS d,
  CASE WHEN id % 4 = 3 THEN NULL ELSE timestamp_micros(id * 1000003) END AS t,
  CASE WHEN id % 5 = 0 THEN NULL ELSE CAST(timestamp_micros(id * 7) AS TIMESTAMP_NTZ) END AS tn,
  CASE WHEN id % 5 = 1 THEN NULL ELSE CAST(id / 3 AS FLOAT) END AS f,
  CASE WHEN id % 5 = 2 THEN NULL ELSE CAST(id AS SMALLINT) END AS s,
  CASE WHEN id % 5 = 3 THEN NULL ELSE CAST(id % 100 AS TINYINT) END AS b,
  CASE WHEN id % 5 = 4 THEN NULL ELSE id % 2 = 0 END AS flag,
  CASE WHEN id % 6 = 0 THEN NULL ELSE repeat('é', CAST(id % 7 AS INT)) END AS name,
  CASE WHEN id % 6 = 1 THEN NULL ELSE CAST(concat('b', id) AS BINARY) END AS bin,
  CASE WHEN id % 6 = 2 THEN NULL ELSE st_point(id, id / 2) END AS g,
  CASE WHEN id % 6 = 3 THEN NULL ELSE concat('POINT(', id, ' 1)') END AS wkt
FROM range(0, 1000, 1, 3)
"""
CALLS = """
SELECT *, st_asText(g) AS g_text, st_area(st_buffer(g, 1.0)) AS area, st_geomFromWKT(wkt) AS parsed,
  st_x(st_point(i, l)) AS x
FROM ({passing})
WHERE st_contains(st_makeBBOX(0, 0, 900, 900), st_point(id, id / 2)) OR id > 950
"""


PER_ROW = {"spark.strabo.batch.enabled": "false"}


def run(spark, sql: str, conf: dict[str, str]):
    """The query's rows, in the order of their ids, and its executed plan, under `conf`."""
    with settings(spark, conf):
        df = spark.sql(sql)
        rows = sorted(df.collect(), key=lambda r: r.id)
        return rows, df._jdf.queryExecution().executedPlan().toString()


@pytest.fixture(scope="module")
def per_row(spark):
    expected, plan = run(spark, CALLS.format(passing=PASSING), PER_ROW)
    assert "StraboEval" not in plan, plan
    assert len(expected) > 900 and any(r.g is None for r in expected) and any(r.name is None for r in expected)
    return expected


@pytest.mark.parametrize("whole_stage", ["true", "false"], ids=["generated", "interpreted"])
@pytest.mark.parametrize("batch_size", ["1", "7", "4096"])
def test_rows_in_generated_code_are_what_the_per_row_path_gives(spark, per_row, whole_stage, batch_size):
    conf = {"spark.sql.codegen.wholeStage": whole_stage, "spark.strabo.batch.size": batch_size}
    got, plan = run(spark, CALLS.format(passing=PASSING), conf)
    assert got == per_row
    # Evaluated over rows, not through Spark's transitions to and from columns; inside the
    # generated code (marked `*(n)`) when it is on.
    assert "RowToColumnar" not in plan and "StraboRowsToArrow" not in plan, plan
    in_generated_code = re.search(r"\*\(\d+\) StraboEval", plan) is not None
    assert in_generated_code == (whole_stage == "true"), plan


def test_a_column_generated_code_cannot_hold_goes_through_arrow_batches(spark):
    # Columns of a local table pass through as they are (a projection would be computed above).
    spark.createDataFrame(
        [(i, Decimal(i) / 7 if i % 3 else None, [i, None]) for i in range(100)],
        "id bigint, dec decimal(30, 4), arr array<bigint>",
    ).createOrReplaceTempView("decimals_and_arrays")
    sql = "SELECT id, dec, arr, st_asText(st_point(id, 1)) AS wkt FROM decimals_and_arrays"
    got, plan = run(spark, sql, {"spark.strabo.batch.size": "9"})
    expected, _ = run(spark, sql, PER_ROW)
    assert "StraboRowsToArrow" in plan, plan
    assert got == expected and got[8].wkt == "POINT(8 1)"


def test_a_parquet_scan_reaches_rust_from_its_vectors(spark, tmp_path):
    path = str(tmp_path / "columns.parquet")
    spark.sql(f"""
        SELECT id, st_asBinary(g) AS wkb, wkt, CASE WHEN id % 3 = 0 THEN NULL ELSE id / 4 END AS x
        FROM ({PASSING})
    """).write.parquet(path)
    sql = f"""
        SELECT id, st_asText(st_geomFromWKB(wkb)) AS a, st_asText(st_geomFromWKT(wkt)) AS b,
          st_y(st_point(id, x)) AS y
        FROM parquet.`{path}`
    """
    got, plan = run(spark, sql, {"spark.strabo.batch.size": "13"})
    expected, _ = run(spark, sql, PER_ROW)
    assert "ColumnarToRow" in plan and "StraboEval" in plan and "StraboRowsToArrow" not in plan, plan
    assert got == expected
    assert got[4].a == "POINT(4 2)" and got[2].a is None and got[3].y is None and got[4].b == "POINT(4 1)"
