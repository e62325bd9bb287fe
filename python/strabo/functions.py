"""Column functions for every Strabo SQL function, generated from the function registry.

Each ``st_*`` name of the SQL reference (docs/functions.md) is a function here taking columns,
column names or Python numbers, e.g. ``st_contains(polygon_col, st_point("x", "y"))``. Strings
are column names, as everywhere in ``pyspark.sql.functions``; wrap literal text in ``lit``.
Optional parameters may be left out; aggregates (``st_extent``, ``st_union_aggr``) work with
``groupBy().agg(...)`` like Spark's own.
"""
from __future__ import annotations

import json
from importlib import resources

REGISTRY: list[dict] = json.loads((resources.files("strabo") / "registry.json").read_text("utf-8"))


def _type_name(sql_type) -> str:
    if isinstance(sql_type, str):
        return sql_type
    if "array" in sql_type:
        return f"array<{_type_name(sql_type['array'])}>"
    return "struct<" + ", ".join(f"{f['name']}: {_type_name(f['type'])}" for f in sql_type["struct"]) + ">"


def _signature(name: str, signature: dict) -> str:
    params = [
        f"[{p['name']}: {_type_name(p['type'])}]" if p["optional"] else f"{p['name']}: {_type_name(p['type'])}"
        for p in signature["params"]
    ]
    return f"{name}({', '.join(params)}) -> {_type_name(signature['returns'])}"


def _wrapper(name: str, spec: dict):
    arities = sorted(
        {n for s in spec["signatures"] for n in range(sum(not p["optional"] for p in s["params"]), len(s["params"]) + 1)}
    )

    def call(*args):
        from pyspark.sql import functions as F
        from pyspark.sql.column import Column

        if len(args) not in arities:
            expected = " or ".join(str(n) for n in arities)
            raise TypeError(f"{name} takes {expected} arguments, got {len(args)}")
        columns = [a if isinstance(a, Column) else F.col(a) if isinstance(a, str) else F.lit(a) for a in args]
        return F.call_function(name, *columns)

    signatures = "\n".join(_signature(name, s) for s in spec["signatures"])
    params = "\n".join(
        f"    {p['name']}: {p['doc']}" for p in {p["name"]: p for s in spec["signatures"] for p in s["params"]}.values()
    )
    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"{signatures}\n\n{spec['summary']}\n\n{spec['details']}\n\nParameters:\n{params}"
    return call


__all__ = []
for _spec in REGISTRY:
    for _name in [_spec["name"], *_spec["aliases"]]:
        globals()[_name] = _wrapper(_name, _spec)
        __all__.append(_name)
