"""Writes `5.4-updates/`: a GeoMesa FileSystem data store root laid out as GeoMesa 5.4 writes
one, for what the fixtures copied from GeoMesa's own tests do not hold: modified, deleted and
moved features, encoded column names, visibility labels, GeoParquet's encodings, and storages
Strabo refuses. GeoMesa itself cannot run here (GeoTools is not on Maven Central), so the
files follow GeoMesa 5.4's sources (`SimpleFeatureParquetSchema`, `GeometrySchema`,
`FileSystemUpdateWriterImpl`, `FileBasedMetadata`), restated in the README beside this.

Run from the repository root with pyarrow (any Strabo test venv has it):
    .venvs/spark-4.2.1/bin/python tests/data/geomesa/write_updates.py
It rewrites the folder from scratch; file names and timestamps are fixed, so the output is
the same every run.
"""
import json
import shutil
import struct
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).parent / "5.4-updates"
DAY = 86_400_000
JAN_1 = 1_704_067_200_000  # 2024-01-01T00:00:00Z, ms


def encode(name: str) -> str:
    """GeoMesa's `StringSerialization.alphaNumericSafeString`."""
    return "".join(c if c.isascii() and c.isalnum() else "".join(f"_{b:02x}" for b in c.encode()) for c in name)


def point_wkb(x: float, y: float) -> bytes:
    return struct.pack(">BIdd", 0, 1, x, y)  # JTS writes big-endian


# --- tracks: points, daily, GeoParquetWkb (5.4's default) -------------------------------------

TRACKS_SPEC = "name:String,last_seen:Date,*geom:Point:srid=4326;geomesa.index.dtg='last_seen'"


def tracks_file(path: Path, rows: list[dict]) -> None:
    """rows: fid, name, seen (ms), x, y, vis."""
    bbox = pa.struct([(k, pa.float32()) for k in ("xmin", "ymin", "xmax", "ymax")])
    schema = pa.schema([
        pa.field("name", pa.string()),
        pa.field(encode("last_seen"), pa.timestamp("us", tz="UTC")),
        pa.field("geom", pa.binary()),
        pa.field("__fid__", pa.string(), nullable=False),
        pa.field("__vis__", pa.string()),
        pa.field("__geom_bbox__", bbox),
    ])
    xs, ys = [r["x"] for r in rows], [r["y"] for r in rows]
    geo = {"version": "1.1.0", "primary_column": "geom", "columns": {"geom": {
        "encoding": "WKB", "geometry_types": ["Point"], "bbox": [min(xs), min(ys), max(xs), max(ys)],
        "covering": {"bbox": {k: ["__geom_bbox__", k] for k in ("xmin", "ymin", "xmax", "ymax")}}}}}
    schema = schema.with_metadata({
        "geomesa.fs.sft.name": "tracks", "geomesa.fs.sft.spec": TRACKS_SPEC,
        "geomesa.parquet.geometries": "GeoParquetWkb", "geo": json.dumps(geo, separators=(",", ":")),
    })
    table = pa.table({
        "name": [r["name"] for r in rows],
        encode("last_seen"): [r["seen"] * 1000 for r in rows],
        "geom": [point_wkb(r["x"], r["y"]) for r in rows],
        "__fid__": [r["fid"] for r in rows],
        "__vis__": [r.get("vis") for r in rows],
        "__geom_bbox__": [{"xmin": r["x"], "ymin": r["y"], "xmax": r["x"], "ymax": r["y"]} for r in rows],
    }, schema=schema)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)


def row(fid, name, day, x, y, vis=None):
    return {"fid": fid, "name": name, "seen": JAN_1 + day * DAY + 3_600_000, "x": x, "y": y, "vis": vis}


# (partition, file, action, change-log timestamp, rows): in the order GeoMesa's writers closed them.
TRACKS = [
    ("2024/01/01", "01_W00000000000000000000000000000001.parquet", "A", 1000, [
        row("a", "a", 0, 1, 1), row("b", "b", 0, 2, 2, "user"), row("c", "c", 0, 3, 3, "admin&user"),
        row("d", "d", 0, 4, 4), row("e", "e", 0, 5, 5, "(user"),
    ]),
    ("2024/01/02", "02_W00000000000000000000000000000002.parquet", "A", 1000, [row("f", "f", 1, 6, 6, "user|ops")]),
    # a is modified in place.
    ("2024/01/01", "01_M00000000000000000000000000000003.parquet", "M", 2000, [row("a", "a2", 0, 1.5, 1.5)]),
    # b moves to the next day: a Delete in its old partition and a Modify in its new one, both
    # carrying the new values, as FileSystemUpdateWriterImpl writes them.
    ("2024/01/01", "01_D00000000000000000000000000000004.parquet", "D", 2500, [row("b", "b2", 1, 7, 7)]),
    ("2024/01/02", "02_M00000000000000000000000000000005.parquet", "M", 2500, [row("b", "b2", 1, 7, 7)]),
    # d is deleted, then appended again.
    ("2024/01/01", "01_D00000000000000000000000000000006.parquet", "D", 3000, [row("d", "d", 0, 4, 4)]),
    ("2024/01/01", "01_W00000000000000000000000000000007.parquet", "A", 4000, [row("d", "d-again", 0, 4, 4)]),
]


def compact_entry(partition, file, action, timestamp, rows):
    xs, ys = [r["x"] for r in rows], [r["y"] for r in rows]
    bounds = f"[{float(min(xs))},{float(min(ys))},{float(max(xs))},{float(max(ys))}]"
    return f'"{partition}"=[A,{timestamp},{bounds},{len(rows)},[["{file}",{action},{timestamp}]]]'


def write_tracks(storage: Path) -> None:
    attributes = [
        {"name": "name", "type": "String"},
        {"default": "true", "name": "last_seen", "type": "Date"},
        {"default": "true", "name": "geom", "srid": "4326", "type": "Point"},
    ]
    write_storage(storage, "tracks", attributes, {"geomesa.index.dtg": "last_seen"}, "daily", "parquet")
    for n, (partition, file, action, timestamp, rows) in enumerate(TRACKS):
        base = storage / partition.rsplit("/", 1)[0]
        tracks_file(base / file, rows)
        encoded = encode(partition)
        update = storage / "metadata" / f"update-${encoded}-00000000-0000-0000-0000-{n:012d}.conf"
        update.write_text(compact_entry(partition, file, action, timestamp, rows) + "\n")


# --- areas: polygons, z2-2bits, GeoParquetNative ---------------------------------------------

AREAS_SPEC = "area_name:String,*geom:Polygon:srid=4326"


def write_areas(storage: Path) -> None:
    attributes = [
        {"name": "area_name", "type": "String"},
        {"default": "true", "name": "geom", "srid": "4326", "type": "Polygon"},
    ]
    write_storage(storage, "areas", attributes, {}, "z2-2bits", "parquet")
    xy = pa.struct([pa.field("x", pa.float64(), nullable=False), pa.field("y", pa.float64(), nullable=False)])
    rings = pa.list_(pa.field("element", pa.list_(pa.field("element", xy, nullable=False)), nullable=False))
    schema = pa.schema([
        pa.field(encode("area_name"), pa.string()),
        pa.field("geom", rings),
        pa.field("__fid__", pa.string(), nullable=False),
    ]).with_metadata({
        "geomesa.fs.sft.name": "areas", "geomesa.fs.sft.spec": AREAS_SPEC,
        "geomesa.parquet.geometries": "GeoParquetNative",
    })
    square = [[{"x": 10.0, "y": 10.0}, {"x": 20.0, "y": 10.0}, {"x": 20.0, "y": 20.0},
               {"x": 10.0, "y": 20.0}, {"x": 10.0, "y": 10.0}]]
    holed = [[{"x": 30.0, "y": 30.0}, {"x": 40.0, "y": 30.0}, {"x": 40.0, "y": 40.0},
              {"x": 30.0, "y": 40.0}, {"x": 30.0, "y": 30.0}],
             [{"x": 32.0, "y": 32.0}, {"x": 32.0, "y": 38.0}, {"x": 38.0, "y": 38.0},
              {"x": 38.0, "y": 32.0}, {"x": 32.0, "y": 32.0}]]
    table = pa.table({encode("area_name"): ["square", "holed"], "geom": [square, holed],
                      "__fid__": ["s", "h"]}, schema=schema)
    file = "3_W00000000000000000000000000000008.parquet"
    pq.write_table(table, storage / file)
    (storage / "metadata" / "update-$3-00000000-0000-0000-0000-000000000008.conf").write_text(
        f'"3"=[A,1000,[10.0,10.0,40.0,40.0],2,[["{file}",A,1000]]]\n')


# --- storages Strabo refuses ------------------------------------------------------------------


def write_storage(storage, type_name, attributes, user_data, scheme, encoding, backend=None):
    (storage / "metadata").mkdir(parents=True, exist_ok=True)
    (storage / "metadata.json").write_text(json.dumps(
        backend or {"name": "file", "options": {"render": "compact"}}, indent=4) + "\n")
    (storage / "metadata" / "storage.json").write_text(json.dumps({
        "config": {"encoding": encoding, "leaf-storage": "true"},
        "feature-type": {"attributes": attributes, "type-name": type_name, "user-data": user_data},
        "partition-scheme": {"options": {}, "scheme": scheme},
    }, indent=4) + "\n")


def main() -> None:
    shutil.rmtree(ROOT, ignore_errors=True)
    write_tracks(ROOT / "tracks")
    write_areas(ROOT / "areas")
    points = [{"name": "name", "type": "String"}, {"default": "true", "name": "geom", "type": "Point"}]
    write_storage(ROOT / "in-orc", "in-orc", points, {}, "daily", "orc")
    write_storage(ROOT / "in-jdbc", "in-jdbc", points, {}, "daily", "parquet",
                  {"name": "jdbc", "options": {"jdbc.url": "jdbc:postgresql://db/meta"}})


if __name__ == "__main__":
    main()
