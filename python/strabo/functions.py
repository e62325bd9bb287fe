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


def _param(p: dict) -> str:
    text = f"{p['name']}: {_type_name(p['type'])}"
    if p["variadic"]:
        return f"*{text}"
    return f"[{text}]" if p["optional"] else text


def _signature(name: str, signature: dict) -> str:
    params = [_param(p) for p in signature["params"]]
    return f"{name}({', '.join(params)}) -> {_type_name(signature['returns'])}"


def accepts(signature: dict, count: int) -> bool:
    required = sum(not p["optional"] and not p["variadic"] for p in signature["params"])
    variadic = any(p["variadic"] for p in signature["params"])
    return count >= required and (variadic or count <= len(signature["params"]))


def _arities(signatures: list[dict]) -> str:
    parts = []
    for s in signatures:
        required = sum(not p["optional"] and not p["variadic"] for p in s["params"])
        if any(p["variadic"] for p in s["params"]):
            parts.append(f"{required} or more")
        else:
            parts.extend(str(n) for n in range(required, len(s["params"]) + 1))
    return " or ".join(dict.fromkeys(parts))


def _wrapper(name: str, spec: dict):
    def call(*args):
        from pyspark.sql import functions as F
        from pyspark.sql.column import Column

        if not any(accepts(s, len(args)) for s in spec["signatures"]):
            raise TypeError(f"{name} takes {_arities(spec['signatures'])} arguments, got {len(args)}")
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
