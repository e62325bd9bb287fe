"""Spark's features × Strabo's planning: the shapes a Strabo call takes in a query, the features a
query can run under, the expected rows (computed here, with shapely for geometry), and a runner
that puts every query under a deadline and counts adaptive execution's re-plans.

Used by it/test_spark_features.py (local[2]) and it/test_local_cluster.py. The matrix it runs is
described in docs/architecture.md ("Spark features tested with Strabo's planning")."""
from __future__ import annotations

import contextlib
import io
import math
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import shapely


# --- the data ------------------------------------------------------------------------------

ROWS = 240
#: Points on an integer grid, so that many lie on the polygons' edges and vertices; every 53rd
#: has a NULL y, and so a NULL point.
BASE_SQL = f"""SELECT id,
  CAST((id * 7) % 41 - 20 AS DOUBLE) AS x,
  CASE WHEN id % 53 = 0 THEN NULL ELSE CAST((id * 13) % 31 - 15 AS DOUBLE) END AS y,
  id % 6 AS part
FROM range(0, {ROWS}, 1, 3)"""


def base_rows() -> list[tuple[int, float, float | None]]:
    return [
        (i, float((i * 7) % 41 - 20), None if i % 53 == 0 else float((i * 13) % 31 - 15))
        for i in range(ROWS)
    ]


SQUARE = "POLYGON((0 0,10 0,10 10,0 10,0 0))"
TRIANGLE = "POLYGON((-15 -10,5 -10,-5 8,-15 -10))"
HOLED = "POLYGON((-20 0,-5 0,-5 15,-20 15,-20 0),(-15 5,-10 5,-10 10,-15 10,-15 5))"
FAR = "POLYGON((100 100,110 100,110 110,100 110,100 100))"
POLYGONS = [(1, SQUARE), (2, TRIANGLE), (3, HOLED), (4, FAR)]


def point(x, y):
    return None if x is None or y is None else shapely.Point(x, y)


# --- the shapes: where a Strabo call sits in a query -------------------------------------------


@dataclass(frozen=True)
class Shape:
    name: str
    sql: str
    #: The expected rows, from the input rows (id, x, y).
    expected: Callable[[list], list]
    #: Whether the rows come in a defined order (else both sides are sorted).
    ordered: bool = False
    #: Whether Strabo's planning evaluates its calls over batches (StraboEval in the plan).
    batched: bool = True
    #: Whether Strabo plans the query's join as a spatial join (StraboSpatialJoin in the plan),
    #: whose keys are computed in batches.
    spatial_join: bool = False
    #: Session settings the query runs with.
    conf: tuple[tuple[str, str], ...] = ()


def _projection(rows):
    out = []
    for i, x, y in rows:
        box = None if y is None else shapely.box(x, y, x + 2, y + 1)
        distance = None if y is None else shapely.Point(x, y).distance(shapely.Point(1.5, -2.5))
        out.append((i, box, distance))
    return out


def _filter(rows):
    holed = shapely.from_wkt(HOLED)
    return [(i,) for i, x, y in rows if y is not None and x != 3 and holed.contains(shapely.Point(x, y))]


def _aggregate(rows):
    square = shapely.from_wkt(SQUARE)
    groups: dict = {}
    for i, x, y in rows:
        key = None if y is None else square.contains(shapely.Point(x, y))
        groups.setdefault(key, []).append(point(x, y))
    out = []
    for key, points in groups.items():
        present = [p for p in points if p is not None]
        total = sum(p.distance(shapely.Point(0, 0)) for p in present) if present else None
        extent = shapely.MultiPoint(present).envelope if present else None
        out.append((key, len(points), total, extent))
    return out


def _join(rows):
    polygons = [(pid, shapely.from_wkt(wkt)) for pid, wkt in POLYGONS]
    return [
        (i, pid)
        for i, x, y in rows
        if y is not None
        for pid, polygon in polygons
        if polygon.contains(shapely.Point(x, y))
    ]


def _sort(rows):
    def key(row):
        i, x, y = row
        distance = None if y is None else shapely.Point(x, y).distance(shapely.Point(3, 4))
        # NULLs first, as Spark sorts ascending.
        return (distance is not None, distance or 0.0, i)

    return [(row[0],) for row in sorted(rows, key=key)]


def _window(rows):
    square = shapely.from_wkt(SQUARE)
    partitions: dict = {}
    for i, x, y in rows:
        key = None if y is None else square.contains(shapely.Point(x, y))
        partitions.setdefault(key, []).append((i, x, y))
    rank = {}
    for members in partitions.values():
        ordered = sorted(
            members,
            key=lambda r: (r[2] is not None, 0.0 if r[2] is None else shapely.Point(r[1], r[2]).distance(shapely.Point(0, 0)), r[0]),
        )
        for position, (i, _, _) in enumerate(ordered, start=1):
            rank[i] = position
    by_id = sorted(rows)
    previous = {i: (None if n == 0 or by_id[n - 1][2] is None else by_id[n - 1][1]) for n, (i, _, _) in enumerate(by_id)}
    return [(i, rank[i], previous[i]) for i, _, _ in rows]


def _case(rows):
    out = []
    for i, x, y in rows:
        if x > 0:
            value = None if y is None else shapely.Point(x, y).distance(shapely.Point(0, 0))
        elif y is not None and y > 0:
            value = shapely.box(x, y, x + 1, y + 2).area
        else:
            value = None
        out.append((i, value))
    return out


SHAPES = [
    Shape(
        "projection",
        """SELECT id,
             st_asText(st_envelope(st_geomFromWKT(concat('LINESTRING(', x, ' ', y, ',', x + 2, ' ', y + 1, ')')))) AS box,
             st_distance(st_point(x, y), st_point(1.5, -2.5)) AS d
           FROM pts""",
        _projection,
    ),
    Shape(
        "filter",
        f"SELECT id FROM pts WHERE st_contains(st_geomFromWKT('{HOLED}'), st_point(x, y)) AND x <> 3",
        _filter,
    ),
    Shape(
        "aggregate",
        f"""SELECT st_contains(st_geomFromWKT('{SQUARE}'), st_point(x, y)) AS inside, count(*) AS n,
             sum(st_distance(st_point(x, y), st_point(0, 0))) AS total,
             st_asText(st_extent(st_point(x, y))) AS extent
           FROM pts GROUP BY 1""",
        _aggregate,
    ),
    Shape(
        "join",
        "SELECT p.id, g.pid FROM pts p JOIN polys g ON st_contains(st_geomFromWKT(g.wkt), st_point(p.x, p.y))",
        _join,
        spatial_join=True,
    ),
    Shape(
        "partitioned_join",
        "SELECT p.id, g.pid FROM pts p JOIN polys g ON st_contains(st_geomFromWKT(g.wkt), st_point(p.x, p.y))",
        _join,
        spatial_join=True,
        conf=(("spark.strabo.join.strategy", "partitioned"), ("spark.strabo.join.partitions", "3")),
    ),
    Shape(
        "sort",
        "SELECT id FROM pts ORDER BY st_distance(st_point(x, y), st_point(3, 4)), id",
        _sort,
        ordered=True,
        batched=False,
    ),
    Shape(
        "window",
        f"""SELECT id,
             rank() OVER (PARTITION BY st_contains(st_geomFromWKT('{SQUARE}'), st_point(x, y))
                          ORDER BY st_distance(st_point(x, y), st_point(0, 0)), id) AS r,
             lag(st_x(st_point(x, y))) OVER (ORDER BY id) AS previous_x
           FROM pts""",
        _window,
    ),
    Shape(
        "case",
        """SELECT id, CASE WHEN x > 0 THEN st_distance(st_point(x, y), st_point(0, 0))
                         WHEN y > 0 THEN st_area(st_makeBBOX(x, y, x + 1, y + 2)) END AS v
           FROM pts""",
        _case,
        batched=False,
    ),
]
SHAPE_BY_NAME = {shape.name: shape for shape in SHAPES}

# --- comparing rows ------------------------------------------------------------------------------

_GEOMETRY_PREFIXES = ("POINT", "LINESTRING", "POLYGON", "MULTI", "GEOMETRYCOLLECTION")


def _same_value(actual, expected) -> bool:
    if expected is None or actual is None:
        return actual is None and expected is None
    if isinstance(expected, shapely.Geometry):
        if not isinstance(actual, str) or not actual.startswith(_GEOMETRY_PREFIXES):
            return False
        geometry = shapely.from_wkt(actual)
        return geometry.geom_type == expected.geom_type and geometry.equals(expected)
    if isinstance(expected, float) and not isinstance(expected, bool):
        return isinstance(actual, float) and math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-12)
    return actual == expected and type(actual) is type(expected)


def assert_rows(actual: list, expected: list, ordered: bool, context: str):
    actual = [tuple(r) for r in actual]
    if not ordered:
        # Geometries sort by their WKT; the first column is a key wherever a geometry occurs.
        actual = sorted(actual, key=lambda r: tuple((v is None, str(v)) for v in r))
        expected = sorted(expected, key=lambda r: tuple((v is None, str(v.wkt) if isinstance(v, shapely.Geometry) else str(v)) for v in r))
    assert len(actual) == len(expected), f"{context}: {len(actual)} rows, expected {len(expected)}"
    for a, e in zip(actual, expected):
        assert len(a) == len(e) and all(_same_value(x, y) for x, y in zip(a, e)), f"{context}: {a} != {e}"


# --- a deadline, and adaptive execution's re-plans ----------------------------------------------

#: Seconds a query of the matrix may take before it counts as hung. They take well under one.
DEADLINE = 90
#: Plan updates adaptive execution may post beyond one per query stage (it posts one more for
#: the final plan).
REPLAN_SLACK = 2


class Hung(AssertionError):
    pass


class Runner:
    """Runs queries of one session under a deadline, with adaptive execution's plan updates
    counted (org.apache.spark.sql.strabo.testing.AdaptiveReplans, from the tests jar): a query
    fails as soon as one of its executions posts more updates than it has stages plus
    REPLAN_SLACK, or when the deadline passes. After a hang the session is not trusted again."""

    def __init__(self, spark):
        self.spark = spark
        self.replans = spark._jvm.org.apache.spark.sql.strabo.testing.AdaptiveReplans
        self.replans.install(spark._jsparkSession)
        self.hung: str | None = None

    def counted(self) -> list[tuple[int, int, int]]:
        text = self.replans.counted()
        return [tuple(int(v) for v in line.split()) for line in text.splitlines()]

    def _replanning(self) -> str | None:
        for execution, updates, stages in self.counted():
            if updates > stages + REPLAN_SLACK:
                return (
                    f"adaptive execution posted {updates} plan updates for execution {execution}, "
                    f"which has {stages} query stages: it re-plans without end"
                )
        return None

    def run(self, action: Callable[[], object], what: str, deadline: float = DEADLINE):
        if self.hung:
            raise Hung(f"{what}: not run, an earlier query of this session hung ({self.hung})")
        self.replans.settle(self.spark._jsparkSession)
        outcome: dict = {}

        def work():
            try:
                outcome["value"] = action()
            except BaseException as error:  # reported in the test's thread
                outcome["error"] = error

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        end = time.monotonic() + deadline
        while worker.is_alive():
            worker.join(0.2)
            problem = self._replanning()
            if problem is None and time.monotonic() > end and worker.is_alive():
                problem = f"no result after {deadline} s"
            if problem and worker.is_alive():
                self.hung = f"{what}: {problem}"
                self.spark.sparkContext.cancelAllJobs()
                raise Hung(self.hung)
        if "error" in outcome:
            raise outcome["error"]
        self.replans.awaitEvents(self.spark._jsparkSession)
        problem = self._replanning()
        assert problem is None, f"{what}: {problem}"
        return outcome["value"]


def explained(df, mode: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        df.explain(mode)
    return out.getvalue()


# --- the features: how the input of a shape is made --------------------------------------------


class Scene:
    """One session's views: `base` (BASE_SQL), `polys` (POLYGONS), and `pts`, the input of the
    shapes, which each feature makes in its own way."""

    def __init__(self, spark, scratch: Path):
        self.spark = spark
        self.scratch = scratch
        self._undo: list[Callable[[], object]] = []
        self.current: str | None = None
        spark.sql(BASE_SQL).createOrReplaceTempView("base")
        values = ", ".join(f"({pid}, '{wkt}')" for pid, wkt in POLYGONS)
        spark.sql(f"SELECT * FROM VALUES {values} AS t(pid, wkt)").createOrReplaceTempView("polys")

    def base(self):
        return self.spark.table("base").select("id", "x", "y")

    def enter(self, feature: "Feature"):
        """Makes `pts` as `feature` does, undoing what the previous feature made."""
        if self.current == feature.name:
            return
        self.leave()
        feature.setup(self)
        self.current = feature.name

    def leave(self):
        while self._undo:
            self._undo.pop()()
        self.spark.catalog.dropTempView("pts")
        self.current = None

    def on_leave(self, undo: Callable[[], object]):
        self._undo.append(undo)

    def pts(self, df):
        df.createOrReplaceTempView("pts")


@dataclass(frozen=True)
class Feature:
    name: str
    setup: Callable[[Scene], None]
    #: The ids of the base rows that `pts` holds.
    keeps: Callable[[int], bool] = lambda i: True
    #: `explain` mode to run, and check, before each query.
    explain: str | None = None


def _plain(scene: Scene):
    scene.pts(scene.base())


def _persisted(level: str | None):
    def setup(scene: Scene):
        from pyspark import StorageLevel

        df = scene.base()
        df = df.cache() if level is None else df.persist(getattr(StorageLevel, level))
        df.count()
        scene.on_leave(df.unpersist)
        scene.pts(df)

    return setup


def _cache_table(scene: Scene):
    scene.spark.sql("CACHE TABLE pts AS SELECT id, x, y FROM base")
    scene.on_leave(lambda: scene.spark.sql("UNCACHE TABLE IF EXISTS pts"))


def _checkpoint(scene: Scene):
    scene.pts(scene.base().checkpoint())


def _local_checkpoint(scene: Scene):
    scene.pts(scene.base().localCheckpoint())


def _sql(text: str):
    return lambda scene: scene.pts(scene.spark.sql(text))


#: A Strabo call that keeps every row, for subqueries: their own plans hold a StraboEval.
EVERY_ROW = "st_intersects(st_point(x, coalesce(y, 0)), st_makeBBOX(-50, -50, 50, 50))"

def _partitioned(scene: Scene):
    """`pts` joins a Parquet table partitioned by `part` to a Parquet dimension table filtered by
    a Strabo call, which dynamic partition pruning turns into a filter of the partitions read."""
    fact, dimension = scene.scratch / "fact", scene.scratch / "dimension"
    if not fact.exists():
        scene.spark.table("base").write.partitionBy("part").parquet(str(fact))
        # Partition p has its centre at (5p², 5p²): the box keeps partitions 0 to 3.
        scene.spark.range(0, 6, 1, 1).selectExpr(
            "id AS part", "'r' AS region", "id * id * 5.0 AS cx", "id * id * 5.0 AS cy"
        ).write.parquet(str(dimension))
    scene.spark.read.parquet(str(fact)).createOrReplaceTempView("fact")
    scene.spark.read.parquet(str(dimension)).createOrReplaceTempView("dim")
    scene.pts(scene.spark.sql(
        "SELECT f.id, f.x, f.y FROM fact f JOIN dim d ON f.part = d.part "
        "WHERE d.region <> 'none' AND st_contains(st_makeBBOX(-1, -1, 60, 60), st_point(d.cx, d.cy))"))


FEATURES = [
    Feature("plain", _plain),
    Feature("cache", _persisted(None)),
    Feature("persist_disk_only", _persisted("DISK_ONLY")),
    Feature("cache_table", _cache_table),
    Feature("checkpoint", _checkpoint),
    Feature("local_checkpoint", _local_checkpoint),
    Feature("broadcast_join", _sql(
        "SELECT /*+ BROADCAST(k) */ b.id, b.x, b.y FROM base b "
        "JOIN (SELECT explode(sequence(0, 3)) AS k) k ON b.id % 4 = k.k")),
    Feature("reused_exchange", _sql(
        f"WITH s AS (SELECT id, max(x) AS x, max(y) AS y FROM base WHERE {EVERY_ROW} GROUP BY id) "
        "SELECT a.id, a.x, a.y FROM s a JOIN s b ON a.id = b.id AND a.x = b.x AND a.y <=> b.y")),
    Feature("scalar_subquery", _sql(
        f"SELECT id, x, y FROM base WHERE id <= (SELECT max(id) FROM base WHERE {EVERY_ROW})")),
    Feature("in_subquery", _sql(
        f"SELECT id, x, y FROM base WHERE id IN (SELECT id FROM base WHERE {EVERY_ROW})")),
    Feature("cte_twice", _sql(
        "WITH c AS (SELECT id, x, y, st_x(st_point(x, coalesce(y, 0))) AS sx FROM base) "
        "SELECT c1.id, c1.x, c1.y FROM c c1 JOIN c c2 ON c1.id = c2.id AND c1.sx = c2.sx")),
    Feature("union_all", _sql(
        "SELECT id, x, y FROM base WHERE id % 2 = 0 UNION ALL SELECT id, x, y FROM base WHERE id % 2 = 1")),
    Feature("dynamic_partition_pruning", _partitioned, keeps=lambda i: i % 6 < 4),
    Feature("explain_formatted", _plain, explain="formatted"),
    Feature("explain_cost", _plain, explain="cost"),
]
FEATURE_BY_NAME = {feature.name: feature for feature in FEATURES}


def expected(shape: Shape, feature: Feature) -> list:
    return shape.expected([row for row in base_rows() if feature.keeps(row[0])])


BATCH = "spark.strabo.batch.enabled"
AQE = "spark.sql.adaptive.enabled"


@contextlib.contextmanager
def settings(spark, conf: dict[str, str]):
    """Session settings for the queries inside, put back after."""
    for key, value in conf.items():
        spark.conf.set(key, value)
    try:
        yield
    finally:
        for key in conf:
            spark.conf.unset(key)


def check_cell(runner: Runner, scene: Scene, feature: Feature, shape: Shape, aqe: bool):
    """One cell of the matrix: `shape` over `feature`'s input, with adaptive execution on or off,
    in batches and a row at a time; both must give the expected rows."""
    scene.enter(feature)
    want = expected(shape, feature)
    for batch in (True, False):
        context = f"{feature.name} × {shape.name}, AQE {'on' if aqe else 'off'}, batches {'on' if batch else 'off'}"
        with settings(runner.spark, {AQE: str(aqe).lower(), BATCH: str(batch).lower(), **dict(shape.conf)}):
            df = runner.spark.sql(shape.sql)
            if feature.explain:
                text = runner.run(lambda: explained(df, feature.explain), f"{context}: explain")
                assert "== Physical Plan ==" in text, text
                assert ("StraboEval" in text) == (batch and shape.batched), f"{context}:\n{text}"
                assert ("StraboSpatialJoin" in text) == shape.spatial_join, f"{context}:\n{text}"
                assert ("partitioned index" in text) == (shape.name == "partitioned_join"), f"{context}:\n{text}"
            rows = runner.run(df.collect, context)
        assert_rows(rows, want, shape.ordered, context)
