"""The store's files open in the readers users have: Spark itself, pyarrow, geopandas and
DuckDB. Each reads the geometries, with their CRS where it reads one, and prunes row groups
with the bbox covering. The pruning test is the honest one: the data of every row group a reader
should skip is overwritten, so a reader that reads them fails.

The store is written by the Rust store itself (`cargo run --example sample_store`); Spark's
`format("strabo")` comes with issue 6."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import duckdb
import geopandas
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
import shapely
from shapely.geometry import Point, box

from conftest import REPO

EVENT_POINTS = {"e1": Point(10, 10), "e2": Point(-100, -45), "e3": None, "e4": Point(-120, -60)}
# The query every reader runs on `cells`: boxes reaching x >= 7000 and y >= 7000, which only
# the square of cell 7,7 does.
CORNER = (7000.0, 7000.0)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("store")
    done = subprocess.run(
        ["cargo", "run", "--release", "-q", "-p", "strabo-store", "--example", "sample_store", "--", str(root)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.splitlines() == ["events: 4 rows in 4 files", "cells: 64 rows in 1 files"]
    return root


def files(store: Path, feature: str) -> list[Path]:
    return sorted((store / feature).rglob("*.parquet"))


def expected_cell(fid: str):
    i, j = int(fid[1]), int(fid[2])
    return box(i * 1000, j * 1000, i * 1000 + 900, j * 1000 + 900)


def test_pyarrow_reads_geoparquet_with_the_geometry_type(store):
    points = {}
    for path in files(store, "events"):
        parquet = pq.ParquetFile(path)
        geo = json.loads(parquet.metadata.metadata[b"geo"])
        assert geo["version"] == "1.1.0" and geo["primary_column"] == "geom"
        column = geo["columns"]["geom"]
        assert column["encoding"] == "WKB" and "crs" not in column  # omitted: OGC:CRS84
        assert column["covering"]["bbox"]["xmin"] == ["__geom_bbox__", "xmin"]
        names = [parquet.schema.column(i).path for i in range(len(parquet.schema))]
        logical = str(parquet.schema.column(names.index("geom")).logical_type)
        assert "geometry" in logical.lower(), logical
        table = parquet.read()
        assert table.column_names[-2:] == ["__fid__", "__geom_bbox__"]
        for fid, wkb, bbox in zip(
            table.column("__fid__").to_pylist(), table.column("geom").to_pylist(), table.column("__geom_bbox__").to_pylist()
        ):
            points[fid] = None if wkb is None else shapely.from_wkb(wkb)
            # The covering is each row's box, null exactly where the geometry is.
            if wkb is None:
                assert bbox is None
            else:
                assert (bbox["xmin"], bbox["ymin"]) == (points[fid].x, points[fid].y)
    assert points == EVENT_POINTS


def test_geopandas_reads_the_points_with_their_crs(store):
    frames = [geopandas.read_parquet(path) for path in files(store, "events")]
    # GeoParquet's omitted crs: lon/lat, OGC:CRS84 (EPSG:4326 in lon/lat axis order).
    assert all(frame.crs == "OGC:CRS84" for frame in frames)
    rows = {fid: geometry for frame in frames for fid, geometry in zip(frame["__fid__"], frame.geometry)}
    assert rows == EVENT_POINTS
    # GeoParquet wants full PROJJSON for EPSG:3857, which the writer does not have: the CRS is
    # null (unknown) there, and the geometries read all the same.
    (cells,) = files(store, "cells")
    frame = geopandas.read_parquet(cells)
    assert frame.crs is None
    assert all(g.equals(expected_cell(fid)) for fid, g in zip(frame["__fid__"], frame.geometry))


def test_duckdb_reads_geometries(store):
    connection = duckdb.connect()
    rows = {}
    for path in files(store, "events"):
        for fid, kind, text in connection.sql(f"select __fid__, typeof(geom), geom::varchar from read_parquet('{path}')").fetchall():
            assert kind == "GEOMETRY"
            rows[fid] = None if text is None else shapely.from_wkt(text)
    assert rows == EVENT_POINTS


def test_spark_reads_the_geometry_type_with_its_srid(spark, store):
    (cells,) = files(store, "cells")
    schema = spark.read.parquet(str(cells)).schema.simpleString()
    assert "geom:geometry(3857)" in schema, schema
    events = spark.read.parquet(*[str(p) for p in files(store, "events")])
    assert "geom:geometry(4326)" in events.schema.simpleString()
    rows = events.selectExpr("__fid__", "ST_AsBinary(geom) AS wkb").collect()
    assert {r["__fid__"]: (None if r["wkb"] is None else shapely.from_wkb(bytes(r["wkb"]))) for r in rows} == EVENT_POINTS


@pytest.fixture(scope="module")
def damaged(store, tmp_path_factory) -> Path:
    """A copy of the `cells` file whose row groups that cannot reach CORNER are overwritten."""
    (cells,) = files(store, "cells")
    metadata = pq.ParquetFile(cells).metadata
    names = [metadata.schema.column(i).path for i in range(metadata.num_columns)]
    x_max, y_max = names.index("__geom_bbox__.xmax"), names.index("__geom_bbox__.ymax")
    data = bytearray(cells.read_bytes())
    skipped = 0
    for index in range(metadata.num_row_groups):
        group = metadata.row_group(index)
        if group.column(x_max).statistics.max >= CORNER[0] and group.column(y_max).statistics.max >= CORNER[1]:
            continue
        skipped += 1
        for c in range(group.num_columns):
            chunk = group.column(c)
            start = chunk.dictionary_page_offset if chunk.has_dictionary_page else chunk.data_page_offset
            data[start : start + chunk.total_compressed_size] = b"\xa5" * chunk.total_compressed_size
    # Rows are sorted by XZ2, so row groups cover blocks of the grid: most can be skipped.
    assert skipped * 2 > metadata.num_row_groups, f"only {skipped} of {metadata.num_row_groups} row groups can be skipped"
    path = tmp_path_factory.mktemp("damaged") / cells.name
    path.write_bytes(bytes(data))
    with pytest.raises(Exception):
        pq.read_table(path)
    return path


def test_pyarrow_prunes_with_the_covering(damaged):
    query = (pc.field("__geom_bbox__", "xmax") >= CORNER[0]) & (pc.field("__geom_bbox__", "ymax") >= CORNER[1])
    assert ds.dataset(damaged).to_table(filter=query, columns=["cell"]).column("cell").to_pylist() == ["7,7"]


def test_geopandas_prunes_with_the_covering(damaged):
    frame = geopandas.read_parquet(damaged, bbox=(*CORNER, 8000, 8000))
    assert frame["cell"].tolist() == ["7,7"]


def test_duckdb_prunes_with_the_covering(damaged):
    query = f"select cell from read_parquet('{damaged}') where __geom_bbox__.xmax >= {CORNER[0]} and __geom_bbox__.ymax >= {CORNER[1]}"
    assert duckdb.connect().sql(query).fetchall() == [("7,7",)]


def test_spark_prunes_with_the_covering(spark, damaged):
    rows = spark.read.parquet(str(damaged)).where(
        f"__geom_bbox__.xmax >= {CORNER[0]} AND __geom_bbox__.ymax >= {CORNER[1]}"
    ).select("cell").collect()
    assert [r["cell"] for r in rows] == ["7,7"]
