"""The registry's example SQL, parsed just enough to feed its literal arguments as columns:
`st_area(st_makeBBOX(0, 0, 2, 1))` becomes `st_area(st_makeBBOX(c0, c1, c2, c3))` over a one-row
table `VALUES (0, 0, 2, 1) AS t(c0, c1, c2, c3)`. Literals of constant parameters (such as a
buffer's parameter string) and NULLs stay literals."""
from __future__ import annotations

import re
from dataclasses import dataclass

from strabo.functions import REGISTRY, accepts

SPECS = {name.lower(): spec for spec in REGISTRY for name in [spec["name"], *spec["aliases"]]}
TOKEN = re.compile(r"\s*(?:(X'[0-9A-Fa-f]*')|('(?:[^']|'')*')|(-?\d+(?:\.\d+)?)|(\w+)|(.))")


@dataclass
class Call:
    name: str
    args: list


@dataclass
class Literal:
    sql: str


@dataclass
class Column:
    name: str


def parse(sql: str):
    tokens = [next(t for t in match.groups() if t is not None) for match in TOKEN.finditer(sql) if match.group().strip()]
    expr, rest = _expr(tokens)
    assert not rest, f"unparsed {rest} in {sql}"
    return expr


def _expr(tokens):
    head, rest = tokens[0], tokens[1:]
    if rest and rest[0] == "(" and re.fullmatch(r"\w+", head):
        args, rest = [], rest[1:]
        if rest[0] != ")":
            while True:
                arg, rest = _expr(rest)
                args.append(arg)
                if rest[0] == ")":
                    break
                assert rest[0] == ",", rest
                rest = rest[1:]
        return Call(head, args), rest[1:]
    if re.fullmatch(r"[A-Za-z_]\w*", head) and head.upper() != "NULL":
        return Column(head), rest
    return Literal(head), rest


def _constant_params(call: Call) -> set[int]:
    spec = SPECS.get(call.name.lower())
    if spec is None:
        return set()
    signature = next(s for s in spec["signatures"] if accepts(s, len(call.args)))
    params = signature["params"]
    return {i for i in range(len(call.args)) if params[min(i, len(params) - 1)]["constant"]}



def render(expr, columns: list[str] | None = None) -> str:
    """The expression as SQL; with `columns`, its non-constant literals become columns, whose
    literal values are appended to `columns` in order."""
    if isinstance(expr, Call):
        constants = _constant_params(expr)
        args = [render(a, None if i in constants else columns) for i, a in enumerate(expr.args)]
        return f"{expr.name}({', '.join(args)})"
    if isinstance(expr, Column):
        return expr.name
    if columns is None or expr.sql.upper() == "NULL":
        return expr.sql
    columns.append(expr.sql)
    return f"c{len(columns) - 1}"


def with_columns(sql: str) -> tuple[str, str]:
    """The example with its literals as columns, and the one-row table they come from."""
    columns: list[str] = []
    expr = render(parse(sql), columns)
    if not columns:
        return expr, "range(1)"
    names = ", ".join(f"c{i}" for i in range(len(columns)))
    return expr, f"VALUES ({', '.join(columns)}) AS t({names})"
