"""Column functions for every Strabo SQL function, generated from the function registry.

Each ``st_*`` name of the SQL reference (docs/functions.md) is a function here taking columns,
column names or Python numbers, e.g. ``st_contains(polygon_col, st_point("x", "y"))``. Strings
are column names, as everywhere in ``pyspark.sql.functions``; wrap literal text in ``lit``.
"""
from __future__ import annotations

import json
from importlib import resources

REGISTRY: list[dict] = json.loads((resources.files("strabo") / "registry.json").read_text("utf-8"))


def _wrapper(name: str, spec: dict):
    params = [p["name"] for p in spec["params"]]

    def call(*args):
        from pyspark.sql import functions as F
        from pyspark.sql.column import Column

        if len(args) != len(params):
            raise TypeError(f"{name}({', '.join(params)}) takes {len(params)} arguments, got {len(args)}")
        columns = [
            a if isinstance(a, Column) else F.col(a) if isinstance(a, str) else F.lit(a) for a in args
        ]
        return F.call_function(name, *columns)

    signature = ", ".join(f"{p['name']}: {p['kind']}" for p in spec["params"])
    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"{name}({signature}) -> {spec['returns']}\n\n{spec['summary']}\n\n{spec['details']}"
    return call


__all__ = []
for _spec in REGISTRY:
    for _name in [_spec["name"], *_spec["aliases"]]:
        globals()[_name] = _wrapper(_name, _spec)
        __all__.append(_name)
