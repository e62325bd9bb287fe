"""Per-row cost of Strabo's functions in local[2] Spark, each against Spark's own arithmetic floor
on the same rows and against Apache Sedona 1.8.0 in the same session.

    make bench    (or: python bench/functions_bench.py [--rows N] [--runs K] [--only ROW ...])

Every query reduces its rows to one value (a count after a filter on the function's result, or a
sum of it), so the function runs on every row; its name must be in the physical plan. Strabo's and
Sedona's values must agree, on every run. If Sedona cannot run, the script says why and exits 1. Each benchmark row runs floor, Strabo, Sedona once as a warm-up, then
interleaved (floor, Strabo, Sedona, floor, ...), so all three share whatever else the machine is
doing; the table gives medians. Raw timings go to build/bench/functions.json.
"""
import argparse
import csv
import datetime
import json
import math
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import strabo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench" / "sedona"))
from sedona_session import SEDONA_VERSION, SedonaUnavailable, jars, register  # noqa: E402
from sedona_session import _root_cause as root_cause  # noqa: E402

OUT = ROOT / "build" / "bench"
COUNTRIES = ROOT / "data" / "natural-earth" / "countries-110m.csv"
COUNTRY = "Russia"  # its mainland, 467 vertices, is the largest polygon in the file
SQUARE = "POLYGON((20 20,60 20,60 60,20 60,20 20))"
ENGINES = ("floor", "strabo", "sedona")


@dataclass(frozen=True)
class Benchmark:
    name: str
    function: str  # must appear in Strabo's and in Sedona's physical plan
    floor: str
    strabo: str
    sedona: str
    floor_agrees: bool = False  # the floor computes the same value as the engines
    rows: int | None = None  # the rows it reads, when not the script's --rows
    sedona_function: str | None = None  # in Sedona's plan, when its name differs
    rel_tol: float = 1e-9  # how closely Strabo's and Sedona's values must agree


def points(rows: int, x0: float = 0.0, y0: float = 0.0, width: float = 100.0, height: float = 100.0) -> str:
    """x, y spread over [x0, x0 + width) x [y0, y0 + height) by two multiplicative hashes of id."""
    return (f"SELECT id, {x0!r}D + (id * 7919 % 100000) * {width / 1e5!r}D AS x, "
            f"{y0!r}D + (id * 104729 % 100000) * {height / 1e5!r}D AS y FROM range(0, {rows}, 1, 2)")


def country_polygon(name: str) -> str:
    """The WKT of the polygon of ``name`` in COUNTRIES with the most vertices."""
    with COUNTRIES.open(newline="") as file:
        wkt = next(row["wkt"] for row in csv.DictReader(file) if row["name"] == name)
    if wkt.startswith("POLYGON"):
        return wkt
    polygons = wkt[len("MULTIPOLYGON((("):-len(")))")].split(")),((")
    return f"POLYGON(({max(polygons, key=lambda polygon: polygon.count(','))}))"


def bbox(polygon: str) -> tuple[float, float, float, float]:
    coordinates = polygon[len("POLYGON(("):-len("))")].replace("),(", ",").split(",")
    xs, ys = zip(*((float(x), float(y)) for x, y in (pair.split() for pair in coordinates)))
    return min(xs), min(ys), max(xs), max(ys)


def benchmarks(rows: int, country: str, pairs: Path) -> list[Benchmark]:
    square_points = points(rows)
    # The country's bbox grown by a quarter of its size on each side: 44% of the points are in it.
    x0, y0, x1, y1 = bbox(country)
    width, height = x1 - x0, y1 - y0
    country_points = points(rows, x0 - width / 4, y0 - height / 4, 1.5 * width, 1.5 * height)
    boxes = f"SELECT x, y, (id % 97 + 1) * 0.01D AS w, (id % 89 + 1) * 0.01D AS h FROM ({square_points})"
    wkt = "concat('POINT(', x, ' ', y, ')')"
    return [
        Benchmark(
            "contains_square", "st_contains",
            f"SELECT count(*) FROM ({square_points}) WHERE x > 20 AND x < 60 AND y > 20 AND y < 60",
            f"SELECT count(*) FROM ({square_points}) WHERE st_contains(st_geomFromWKT('{SQUARE}'), st_point(x, y))",
            f"SELECT count(*) FROM ({square_points}) "
            f"WHERE sedona_ST_Contains(sedona_ST_GeomFromWKT('{SQUARE}'), sedona_ST_Point(x, y))",
            floor_agrees=True),
        Benchmark(
            "contains_country", "st_contains",
            f"SELECT count(*) FROM ({country_points}) WHERE x > {x0!r}D AND x < {x1!r}D AND y > {y0!r}D AND y < {y1!r}D",
            f"SELECT count(*) FROM ({country_points}) WHERE st_contains(st_geomFromWKT('{country}'), st_point(x, y))",
            f"SELECT count(*) FROM ({country_points}) "
            f"WHERE sedona_ST_Contains(sedona_ST_GeomFromWKT('{country}'), sedona_ST_Point(x, y))"),
        Benchmark(
            "area_bbox", "st_area",
            f"SELECT sum(abs(w * h)) FROM ({boxes})",
            f"SELECT sum(st_area(st_makeBBOX(x, y, x + w, y + h))) FROM ({boxes})",
            f"SELECT sum(sedona_ST_Area(sedona_ST_PolygonFromEnvelope(x, y, x + w, y + h))) FROM ({boxes})",
            floor_agrees=True),
        Benchmark(
            "intersects_wkb", "st_intersects",
            # Reads both columns whole: WKB boxes are 93 bytes, points 21.
            f"SELECT count(*) FROM parquet.`{pairs}` WHERE length(a) + length(b) > 150",
            f"SELECT count(*) FROM parquet.`{pairs}` WHERE st_intersects(a, b)",
            f"SELECT count(*) FROM parquet.`{pairs}` "
            f"WHERE sedona_ST_Intersects(sedona_ST_GeomFromWKB(a), sedona_ST_GeomFromWKB(b))"),
        Benchmark(
            "geom_from_wkt", "st_geomFromWKT",
            f"SELECT count(*) FROM ({square_points}) WHERE length({wkt}) > 0",
            f"SELECT count(*) FROM ({square_points}) WHERE st_geomFromWKT({wkt}) IS NOT NULL",
            f"SELECT count(*) FROM ({square_points}) WHERE sedona_ST_GeomFromWKT({wkt}) IS NOT NULL"),
    ]


def library(rows: int, groups_rows: int, shapes: Path) -> list[Benchmark]:
    """The rows of issue 17's function library: 1M rows each (``rows``), and two aggregates with
    1,000 groups over 10M rows (``groups_rows``).

    Geometries come as WKB from one Parquet file, so both engines parse the same bytes; points
    are made in the query. Text outputs differ in format between the engines (``POINT (1 2)``
    against ``POINT(1 2)``), so those rows count the results instead of summing them; constructive
    rows sum a measure of the result, which agrees to the tolerance their algorithms leave.
    """
    lon_lat = points(rows, -180.0, -80.0, 360.0, 160.0)
    utm = points(rows, 9.0, 0.0, 12.0, 80.0)  # the span of UTM zone 33N and its neighbours
    wkb = f"parquet.`{shapes}`"
    boxes = (f"SELECT id % 1000 AS k, x, y, (id % 13 + 1) * 0.1D AS w, (id % 7 + 1) * 0.1D AS h "
             f"FROM ({points(groups_rows)})")
    return [
        Benchmark(
            "as_text", "st_asText",
            f"SELECT count(*) FROM {wkb} WHERE length(hex(a)) > 0",
            f"SELECT count(*) FROM {wkb} WHERE length(st_asText(a)) > 0",
            f"SELECT count(*) FROM {wkb} WHERE length(sedona_ST_AsText(sedona_ST_GeomFromWKB(a))) > 0",
            floor_agrees=True, rows=rows),
        Benchmark(
            "as_geojson", "st_asGeoJSON",
            f"SELECT count(*) FROM {wkb} WHERE length(hex(a)) > 0",
            f"SELECT count(*) FROM {wkb} WHERE length(st_asGeoJSON(a)) > 0",
            f"SELECT count(*) FROM {wkb} WHERE length(sedona_ST_AsGeoJSON(sedona_ST_GeomFromWKB(a))) > 0",
            floor_agrees=True, rows=rows),
        Benchmark(
            "buffer", "st_buffer",
            f"SELECT sum(x * y) FROM ({lon_lat})",
            f"SELECT sum(st_area(st_buffer(st_point(x, y), 0.5D))) FROM ({lon_lat})",
            f"SELECT sum(sedona_ST_Area(sedona_ST_Buffer(sedona_ST_Point(x, y), 0.5D))) FROM ({lon_lat})",
            rows=rows),
        Benchmark(
            "intersection", "st_intersection",
            f"SELECT sum(length(a) + length(b)) FROM {wkb}",
            f"SELECT sum(st_area(st_intersection(a, b))) FROM {wkb}",
            f"SELECT sum(sedona_ST_Area(sedona_ST_Intersection(sedona_ST_GeomFromWKB(a), "
            f"sedona_ST_GeomFromWKB(b)))) FROM {wkb}",
            rows=rows, rel_tol=1e-6),
        Benchmark(
            "transform_3857", "st_transform",
            f"SELECT sum(x * 111319.49079327357D) FROM ({lon_lat})",
            f"SELECT sum(st_x(st_transform(st_point(x, y), 'EPSG:4326', 'EPSG:3857'))) FROM ({lon_lat})",
            f"SELECT sum(sedona_ST_X(sedona_ST_Transform(sedona_ST_Point(x, y), 'EPSG:4326', 'EPSG:3857'))) "
            f"FROM ({lon_lat})",
            rows=rows, rel_tol=1e-6),
        Benchmark(
            "transform_utm", "st_transform",
            f"SELECT sum(y * 111319.49079327357D) FROM ({utm})",
            f"SELECT sum(st_y(st_transform(st_point(x, y), 'EPSG:4326', 'EPSG:32633'))) FROM ({utm})",
            f"SELECT sum(sedona_ST_Y(sedona_ST_Transform(sedona_ST_Point(x, y), 'EPSG:4326', 'EPSG:32633'))) "
            f"FROM ({utm})",
            rows=rows, rel_tol=1e-6),
        Benchmark(
            "distance_sphere", "st_distanceSphere",
            f"SELECT sum(abs(x - y)) FROM ({lon_lat})",
            f"SELECT sum(st_distanceSphere(st_point(x, y), st_point(y, x / 2.25D))) FROM ({lon_lat})",
            f"SELECT sum(sedona_ST_DistanceSphere(sedona_ST_Point(x, y), sedona_ST_Point(y, x / 2.25D))) "
            f"FROM ({lon_lat})",
            # GeoMesa's sphere (radius 6371008.7714 m) against Sedona's (6371008 m).
            rows=rows, rel_tol=1e-6),
        Benchmark(
            "h3_cell_ids", "st_h3CellIDs",
            f"SELECT sum(CAST(x * 1000 AS BIGINT) % 1000003) FROM ({lon_lat})",
            f"SELECT sum(element_at(st_h3CellIDs(st_point(x, y), 9, false), 1) % 1000003) FROM ({lon_lat})",
            f"SELECT sum(element_at(sedona_ST_H3CellIDs(sedona_ST_Point(x, y), 9, false), 1) % 1000003) "
            f"FROM ({lon_lat})",
            rows=rows),
        Benchmark(
            "simplify", "st_simplify",
            f"SELECT sum(length(a)) FROM {wkb}",
            f"SELECT sum(st_numPoints(st_simplify(a, 0.3D))) FROM {wkb}",
            f"SELECT sum(sedona_ST_NPoints(sedona_ST_Simplify(sedona_ST_GeomFromWKB(a), 0.3D))) FROM {wkb}",
            rows=rows),
        Benchmark(
            "centroid", "st_centroid",
            f"SELECT sum(length(a)) FROM {wkb}",
            f"SELECT sum(st_x(st_centroid(a))) FROM {wkb}",
            f"SELECT sum(sedona_ST_X(sedona_ST_Centroid(sedona_ST_GeomFromWKB(a)))) FROM {wkb}",
            rows=rows),
        Benchmark(
            "extent_groups", "st_extent",
            f"SELECT count(*), sum(s) FROM (SELECT k, max(x + w) - min(x) AS s FROM ({boxes}) GROUP BY k)",
            f"SELECT count(*), sum(st_area(e)) FROM (SELECT k, st_extent(st_makeBBOX(x, y, x + w, y + h)) AS e "
            f"FROM ({boxes}) GROUP BY k)",
            f"SELECT count(*), sum(sedona_ST_Area(e)) FROM (SELECT k, "
            f"sedona_ST_Envelope_Aggr(sedona_ST_PolygonFromEnvelope(x, y, x + w, y + h)) AS e "
            f"FROM ({boxes}) GROUP BY k)",
            rows=groups_rows, sedona_function="st_envelope_aggr"),
        Benchmark(
            "union_groups", "st_union_aggr",
            f"SELECT count(*), sum(s) FROM (SELECT k, sum(w * h) AS s FROM ({boxes}) GROUP BY k)",
            f"SELECT count(*), sum(st_area(u)) FROM (SELECT k, st_union_aggr(st_makeBBOX(x, y, x + w, y + h)) AS u "
            f"FROM ({boxes}) GROUP BY k)",
            f"SELECT count(*), sum(sedona_ST_Area(u)) FROM (SELECT k, "
            f"sedona_ST_Union_Aggr(sedona_ST_PolygonFromEnvelope(x, y, x + w, y + h)) AS u "
            f"FROM ({boxes}) GROUP BY k)",
            rows=groups_rows, rel_tol=1e-6),
    ]


def write_shapes(spark, rows: int, path: Path) -> None:
    """Two WKB polygon columns for the library rows: a, 17-vertex circles of radius 1 around
    lon/lat points; b, circles of radius 0.8 offset from them, so a and b overlap in part."""
    if (path / "_SUCCESS").exists():
        return
    print(f"writing {path} (once)", file=sys.stderr, flush=True)
    spark.sql(f"""SELECT st_asBinary(st_buffer(st_point(x, y), 1.0D, 'quad_segs=4')) AS a,
        st_asBinary(st_buffer(st_point(x + 0.5D, y + 0.3D), 0.8D, 'quad_segs=4')) AS b
        FROM ({points(rows, -180.0, -80.0, 360.0, 160.0)})""").write.mode("overwrite").parquet(str(path))


def write_pairs(spark, rows: int, path: Path) -> None:
    """Two WKB columns: a, unit boxes; b, points (even ids) or half-unit boxes (odd ids) near them.

    Written once per row count: reading the same file keeps Strabo out of both engines' inputs.
    """
    if (path / "_SUCCESS").exists():
        return
    print(f"writing {path} (once)", file=sys.stderr, flush=True)
    near = f"SELECT x, y, x + (id % 7) * 0.5D - 1 AS bx, y + (id % 11) * 0.25D - 1 AS by, id FROM ({points(rows)})"
    spark.sql(f"""SELECT st_asBinary(st_makeBBOX(x, y, x + 1, y + 1)) AS a,
        CASE WHEN id % 2 = 0 THEN st_asBinary(st_point(bx, by))
             ELSE st_asBinary(st_makeBBOX(bx, by, bx + 0.5D, by + 0.5D)) END AS b
        FROM ({near})""").write.mode("overwrite").parquet(str(path))


def run(spark, sql: str):
    """(seconds, the query's value: its one column, or the last of a row of several)."""
    start = time.perf_counter()
    row = spark.sql(sql).first()
    return time.perf_counter() - start, tuple(row) if len(row) > 1 else row[0]


def check_plan(spark, sql: str, function: str) -> None:
    plan = spark.sql(sql)._jdf.queryExecution().executedPlan().toString()
    if function.lower() not in plan.lower():
        sys.exit(f"{function} is not in the physical plan of\n  {sql[:300]}\n{plan}")


def agree(a, b, rel_tol: float) -> bool:
    # Sums of areas differ in the last bits between (x + w) - x and w.
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(agree(x, y, rel_tol) for x, y in zip(a, b))
    return a == b or (isinstance(a, float) and isinstance(b, float) and math.isclose(a, b, rel_tol=rel_tol))


def measure(spark, benchmark: Benchmark, runs: int, sedona_error: str | None) -> dict:
    """{engine: {"seconds": [...], "value": v, "error": why Sedona did not run}} for the three engines."""
    results = {engine: {"seconds": [], "value": None, "error": None} for engine in ENGINES}
    results["sedona"]["error"] = sedona_error
    for attempt in range(runs + 1):  # the first is the warm-up
        for engine in ENGINES:
            result, sql = results[engine], getattr(benchmark, engine)
            if result["error"]:
                continue
            try:
                if not attempt and engine != "floor":
                    function = (engine == "sedona" and benchmark.sedona_function) or benchmark.function
                    check_plan(spark, sql, function)
                seconds, result["value"] = run(spark, sql)
            except Exception as error:
                if engine != "sedona":
                    raise
                result["error"] = f"failed: {root_cause(error).splitlines()[0]}"
                continue
            if attempt:
                result["seconds"].append(seconds)
        # Every run's values, not only the warm-up's: a wrong value must not hide in a timing.
        check_values(benchmark, results)
    return results


def check_values(benchmark: Benchmark, results: dict) -> None:
    strabo_value = results["strabo"]["value"]
    others = ["sedona"] if not results["sedona"]["error"] else []
    others += ["floor"] if benchmark.floor_agrees else []
    for engine in others:
        if not agree(results[engine]["value"], strabo_value, benchmark.rel_tol):
            sys.exit(f"{benchmark.name}: strabo gives {strabo_value}, {engine} {results[engine]['value']}")


def table(results: dict, rows: dict[str, int]) -> str:
    def timing(seconds: float, name: str) -> str:
        return f"{seconds:7.3f} {1e9 * seconds / rows[name]:9.1f}"

    lines = [f"{'':16} {'value':>14}  {'floor':^17}  {'strabo':^17}  {'strabo/':>7}  {'sedona':^17}  {'sedona/':>7}",
             f"{'row':16} {'':14}  {'s':>7} {'ns/row':>9}  {'s':>7} {'ns/row':>9}  {'floor':>7}  "
             f"{'s':>7} {'ns/row':>9}  {'strabo':>7}"]
    for name, result in results.items():
        median = {engine: statistics.median(result[engine]["seconds"]) for engine in ENGINES if not result[engine]["error"]}
        value = result["strabo"]["value"]
        value = value[-1] if isinstance(value, tuple) else value  # the measure, not the group count
        cells = [f"{name:16} {value:>14,}" if isinstance(value, int) else f"{name:16} {value:>14,.1f}",
                 timing(median["floor"], name), timing(median["strabo"], name), f"{median['strabo'] / median['floor']:6.1f}x"]
        if "sedona" in median:
            cells += [timing(median["sedona"], name), f"{median['sedona'] / median['strabo']:6.1f}x"]
        else:
            cells.append(f"sedona {result['sedona']['error']}")
        lines.append("  ".join(cells))
    return "\n".join(lines)


def sedona_jars() -> tuple[list[str], str | None]:
    """(Sedona's jars, None), or ([], why they cannot be had)."""
    try:
        return jars(), None
    except (subprocess.CalledProcessError, OSError) as error:
        return [], f"unavailable: its jars could not be fetched ({error})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--library-rows", type=int, default=1_000_000, help="rows of the function-library rows")
    parser.add_argument("--groups-rows", type=int, default=10_000_000, help="rows of the two 1,000-group aggregates")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="+", metavar="ROW", help="run only these rows (names as in the table)")
    parser.add_argument("--conf", nargs="+", default=[], metavar="KEY=VALUE",
                        help="Spark settings for the session, e.g. spark.strabo.batch.enabled=false (the per-row path)")
    args = parser.parse_args()
    settings = dict(setting.split("=", 1) for setting in args.conf)

    pairs = OUT / f"pairs-{args.rows}.parquet"
    shapes = OUT / f"shapes-{args.library_rows}.parquet"
    selected = benchmarks(args.rows, country_polygon(COUNTRY), pairs)
    selected += library(args.library_rows, args.groups_rows, shapes)
    names = [benchmark.name for benchmark in selected]
    unknown = set(args.only or ()) - set(names)
    if unknown:
        parser.error(f"unknown rows {sorted(unknown)}; the rows are {', '.join(names)}")
    selected = [benchmark for benchmark in selected if not args.only or benchmark.name in args.only]

    extra_jars, sedona_error = sedona_jars()
    spark = strabo.spark_session(master="local[2]", app_name="strabo-functions-bench", config={
        "spark.jars": ",".join(extra_jars), "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false", "spark.log.level": "WARN", **settings})
    if not sedona_error:
        try:
            register(spark, joins=False)
        except SedonaUnavailable as reason:
            sedona_error = f"unavailable: {reason}"
    if any(benchmark.name == "intersects_wkb" for benchmark in selected):
        write_pairs(spark, args.rows, pairs)
    if any(str(shapes) in benchmark.strabo for benchmark in selected):
        write_shapes(spark, args.library_rows, shapes)

    results = {}
    for benchmark in selected:
        print(f"{benchmark.name}: warm-up and {args.runs} runs", file=sys.stderr, flush=True)
        results[benchmark.name] = measure(spark, benchmark, args.runs, sedona_error)
        # Each row as soon as it is measured: a long run interrupted still reports what it did.
        print(table({benchmark.name: results[benchmark.name]}, {benchmark.name: benchmark.rows or args.rows}),
              file=sys.stderr, flush=True)
    spark_version = spark.version
    spark.stop()

    date = datetime.date.today().isoformat()
    rows = {benchmark.name: benchmark.rows or args.rows for benchmark in selected}
    print(f"\n{args.rows:,} rows (library rows {args.library_rows:,}, groups {args.groups_rows:,}), local[2], Spark {spark_version}, Sedona {SEDONA_VERSION}, {date}; "
          f"medians of {args.runs} interleaved runs after a warm-up; 'value' is Strabo's count or sum"
          + "".join(f"; {key}={value}" for key, value in settings.items()))
    print(table(results, rows))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "functions.json").write_text(json.dumps({
        "date": date, "spark": spark_version, "sedona": SEDONA_VERSION, "rows": rows, "runs": args.runs,
        "settings": settings,
        "results": results}, indent=2))
    print(f"raw timings: {(OUT / 'functions.json').relative_to(ROOT)}")
    failed = {name: result["sedona"]["error"] for name, result in results.items() if result["sedona"]["error"]}
    if failed:
        # The comparison is the point of the benchmark: without Sedona it did not happen.
        sys.exit(f"Sedona did not run, so there is nothing to compare with: {failed}")


if __name__ == "__main__":
    main()
