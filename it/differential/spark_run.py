"""Running checks through real Spark: the registry, the input tables, and batched queries.

Every check over one input table, domain and set of sources is one column of one query, so a
few queries compute a hundred functions over thousands of rows. A Strabo error on one row fails
the whole query, so a failed query is run again check by check, and a failing check is bisected
over its rows until the rows that raise are found: each such row is Strabo's answer `Raised`
(and counts as a disagreement unless the oracle fails there too).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import shapely
from pyspark.sql.types import BinaryType, BooleanType, LongType, StringType, StructField, StructType
from pyspark.sql.types import Geometry

from strabo.functions import REGISTRY

from .checks import DOMAINS, ENCODINGS
from .compare import Raised

# Rows that raise, isolated per check before the rest of its failing ranges is given up on: past
# this many the check is broken anyway, and isolating each costs a dozen queries.
MAX_ISOLATED_ERRORS = 12


# ---- The registry ---------------------------------------------------------------------------------


def _signatures() -> dict[str, list]:
    by_name = {}
    for spec in REGISTRY:
        for name in (spec["name"], *spec["aliases"]):
            by_name[name.lower()] = spec["signatures"]
    return by_name


SIGNATURES = _signatures()


def call_arity(sql: str) -> tuple[str, int]:
    """The outermost function of a SQL call and how many arguments it is given."""
    name, rest = sql.split("(", 1)
    depth, count, body = 0, 1, rest.rsplit(")", 1)[0]
    for char in re.sub(r"'[^']*'", "''", body):
        depth += char == "("
        depth -= char == ")"
        count += char == "," and depth == 0
    return name.strip(), count if body.strip() else 0


def unregistered(sql: str) -> str | None:
    """Why a call cannot run in the installed wheel, or None when it can."""
    name, arity = call_arity(sql)
    signatures = SIGNATURES.get(name.lower())
    if signatures is None:
        return f"{name} is not registered yet"
    for signature in signatures:
        params = signature["params"]
        required = sum(not p["optional"] for p in params)
        variadic = any(p["variadic"] for p in params)
        if required <= arity and (variadic or arity <= len(params)):
            return None
    return f"{name} has no signature of {arity} arguments yet"


# ---- Input tables -----------------------------------------------------------------------------------


@dataclass
class Inputs:
    """The rows of one Spark table: per row its source, its tag and its geometries (`a`, and `b`
    for pairs)."""

    name: str
    pairs: bool
    sources: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    a: list = field(default_factory=list)
    b: list = field(default_factory=list)

    def add(self, source: str, tags: list[str], a: list, b: list | None = None):
        self.sources += [source] * len(a)
        self.tags += tags
        self.a += a
        self.b += b if b is not None else []

    _masks: dict = field(default_factory=dict)

    def in_domain(self, domain: str) -> list[bool]:
        """Per row, whether it is in the domain (computed once: validity of 1:50m countries is
        not free)."""
        if domain not in self._masks:
            accept = DOMAINS[domain]
            rows = zip(self.a, self.b) if self.pairs else ((a,) for a in self.a)
            self._masks[domain] = [bool(accept(*row)) for row in rows]
        return self._masks[domain]

    def rows(self, sources, domain: str) -> list[int]:
        """The ids of the rows of these sources in the domain."""
        wanted = set(sources)
        mask = self.in_domain(domain)
        return [i for i, source in enumerate(self.sources) if source in wanted and mask[i]]


def _encode(g, encoding):
    try:
        return ENCODINGS[encoding](g)
    except (shapely.errors.GEOSException, ValueError):
        return None


def register(spark, inputs: Inputs, domains: list[str]):
    """A temporary view of the inputs: id, source, the geometries as WKB (with Z), and for single
    geometries the encodings GEOS writes of them; one boolean column per domain."""
    fields = [StructField("id", LongType()), StructField("source", StringType()), StructField("a", BinaryType())]
    if inputs.pairs:
        fields.append(StructField("b", BinaryType()))
    else:
        fields += [StructField("ewkt", StringType()), StructField("ewkb", BinaryType()),
                   StructField("geojson", StringType())]
    fields += [StructField(domain_column(d), BooleanType()) for d in domains]
    masks = [inputs.in_domain(d) for d in domains]
    rows = []
    for i, (source, a) in enumerate(zip(inputs.sources, inputs.a)):
        row = [i, source, shapely.to_wkb(a, output_dimension=3)]
        if inputs.pairs:
            row.append(shapely.to_wkb(inputs.b[i], output_dimension=3))
        else:
            row += [_encode(a, e) for e in ("ewkt", "ewkb", "geojson")]
        rows.append(tuple(row + [mask[i] for mask in masks]))
    # Cached in the JVM's columnar store: queries read no Python rows, only the columns they use,
    # and the id range of a bisection skips the other batches by their statistics.
    table = spark.createDataFrame(rows, StructType(fields)).cache()
    table.count()
    table.createOrReplaceTempView(inputs.name)


def domain_column(domain: str) -> str:
    return "in_" + re.sub(r"\W", "_", domain)


# ---- Queries ------------------------------------------------------------------------------------------


def to_python(value):
    """Spark's value as the oracles give theirs: GEOMETRY as shapely, arrays element-wise."""
    if isinstance(value, Geometry):
        return shapely.from_wkb(bytes(value.getBytes()))
    if isinstance(value, list):
        return [to_python(v) for v in value]
    if isinstance(value, bytearray):
        return bytes(value)
    return value


def _error_message(error: Exception) -> str:
    """The IllegalArgumentException's message (or the first line of another error)."""
    text = str(error)
    found = re.search(r"java\.lang\.IllegalArgumentException: (.*)", text)
    return (found.group(1) if found else text.strip().splitlines()[0]).strip()[:500]


class Runner:
    """Computes SQL expressions over the rows of a table (with an `id` column), isolating the
    rows that raise."""

    def __init__(self, spark, table: str):
        self.spark, self.table = spark, table

    def _select(self, expressions: list[str], condition: str, ids: list[int]) -> dict[int, tuple]:
        select = ", ".join(f"{e} AS c{k}" for k, e in enumerate(expressions))
        where = f"({condition}) AND id BETWEEN {ids[0]} AND {ids[-1]}"
        rows = self.spark.sql(f"SELECT id, {select} FROM {self.table} WHERE {where}").collect()
        return {r[0]: tuple(r[1:]) for r in rows}

    def run(self, expressions: list[str], ids: list[int], condition: str = "TRUE") -> list[dict[int, object]]:
        """Per expression, {row id: value or Raised} over the rows `ids`: the sorted ids of the
        rows where `condition` holds (so that a contiguous run of them is an id range)."""
        if not ids:
            return [{} for _ in expressions]
        try:
            values = self._select(expressions, condition, ids)
            return [{i: values[i][k] for i in ids} for k in range(len(expressions))]
        except Exception as error:  # noqa: BLE001 - any failure is isolated below
            if len(expressions) == 1:
                return [self._isolate(expressions[0], ids, condition)]
            # Strabo's errors name the function: the other expressions run together again.
            named = _error_message(error).split(":")[0].strip().lower()
            suspects = [k for k, e in enumerate(expressions) if call_arity(e)[0].lower() == named]
            if not suspects or len(suspects) == len(expressions):
                return [self.run([e], ids, condition)[0] for e in expressions]
            others = [k for k in range(len(expressions)) if k not in suspects]
            results = dict(zip(others, self.run([expressions[k] for k in others], ids, condition)))
            results.update({k: self.run([expressions[k]], ids, condition)[0] for k in suspects})
            return [results[k] for k in range(len(expressions))]

    def _isolate(self, expression: str, ids: list[int], condition: str) -> dict[int, object]:
        """Bisects the rows of a failing expression down to the ones that raise."""
        found: dict[int, object] = {}
        pending, errors = [ids], 0
        while pending:
            chunk = pending.pop()
            try:
                values = self._select([expression], condition, chunk)
                found.update({i: values[i][0] for i in chunk})
                continue
            except Exception as error:  # noqa: BLE001
                message = _error_message(error)
            if len(chunk) == 1 or errors >= MAX_ISOLATED_ERRORS:
                errors += len(chunk) == 1
                note = "" if len(chunk) == 1 else f" (one of {len(chunk)} rows not isolated further)"
                found.update({i: Raised(message + note) for i in chunk})
                continue
            middle = len(chunk) // 2
            pending += [chunk[middle:], chunk[:middle]]
        return found


def condition(domain: str, sources) -> str:
    """The rows of a domain and of some sources, in a table that `register` made."""
    quoted = ", ".join(f"'{s}'" for s in sorted(set(sources)))
    return f"{domain_column(domain)} AND source IN ({quoted})"


def group_by_query(checks) -> dict[tuple, list]:
    """Checks that can share a query: same table kind, domain and sources."""
    groups = defaultdict(list)
    for check in checks:
        groups[(check.pairs, check.domain, check.input_sources)].append(check)
    return groups
