"""Runs the checks of checks.py through Spark and tallies, per function, the cases, the
agreements, the disagreements explained by a known class, and the rest."""
from __future__ import annotations

import os

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import shapely

from . import classes, compare
from .checks import CHECKS, THRESHOLDS
from .compare import Raised
from .spark_run import Inputs, Runner, condition, group_by_query, register, to_python, unregistered

SHOWN = 15  # disagreements shown per function when it fails


@dataclass
class Tally:
    function: str
    kind: str
    cases: int = 0
    agreements: int = 0
    explained: Counter = field(default_factory=Counter)
    reasons: dict = field(default_factory=dict)
    disagreements: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # calls not registered yet, and why

    @property
    def threshold(self) -> float:
        return THRESHOLDS[self.kind]

    @property
    def counted(self) -> int:
        """The cases the rate is over: the explained ones are not."""
        return self.cases - sum(self.explained.values())

    @property
    def rate(self) -> float:
        return self.agreements / self.counted if self.counted else 1.0

    def add(self, agree: np.ndarray, explain, describe):
        """Counts one batch of cases: `explain(row)` gives the known class of a disagreement or
        None, `describe(row)` what is kept of an unexplained one."""
        self.cases += len(agree)
        self.agreements += int(agree.sum())
        for row in np.flatnonzero(~agree):
            known = explain(row)
            if known is not None:
                self.explained[known.name] += 1
                self.reasons[known.name] = known.reason
            else:
                self.disagreements.append(describe(row))


def _shown(value, width=160):
    text = value.wkt if isinstance(value, shapely.Geometry) else str(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def _read(check, value):
    """Strabo's value as it is compared: WKB read by GEOS, and the check's own reading."""
    if value is None or isinstance(value, Raised):
        return value
    try:
        value = to_python(value)
        return check.read(value) if check.read else value
    except (shapely.errors.GEOSException, ValueError, TypeError) as error:
        return Raised(f"GEOS cannot read Strabo's result {_shown(value, 80)}: {error}")


def evaluate(spark, singles: Inputs, pairs: Inputs) -> dict[str, Tally]:
    """Registers the two input tables, runs every registered check and tallies the results."""
    for inputs in (singles, pairs):
        register(spark, inputs, sorted({c.domain for c in CHECKS if c.pairs == inputs.pairs}))
    tallies: dict[str, Tally] = {}
    runnable = []
    # STRABO_DIFFERENTIAL_ONLY=st_boundary,st_lineMerge runs those functions alone.
    only = {name for name in os.environ.get("STRABO_DIFFERENTIAL_ONLY", "").split(",") if name}
    for check in CHECKS:
        if only and check.function not in only:
            continue
        tally = tallies.setdefault(check.function, Tally(check.function, check.kind))
        why = unregistered(check.sql)
        if why:
            tally.skipped.append(why)
        else:
            runnable.append(check)
    for (are_pairs, domain, sources), group in group_by_query(runnable).items():
        inputs = pairs if are_pairs else singles
        ids = inputs.rows(sources, domain)
        expressions = [c.sql.format(a="a", b="b", ewkt="ewkt", ewkb="ewkb", geojson="geojson") for c in group]
        results = Runner(spark, inputs.name).run(expressions, ids, condition(domain, sources))
        for check, values in zip(group, results):
            _compare(tallies[check.function], check, inputs, ids, values)
    return tallies


def _compare(tally: Tally, check, inputs: Inputs, ids: list[int], values: dict):
    columns = [np.array([inputs.a[i] for i in ids], dtype=object)]
    if inputs.pairs:
        columns.append(np.array([inputs.b[i] for i in ids], dtype=object))
    expected = check.oracle(*columns)
    got = [_read(check, values[i]) for i in ids]
    agree = compare.agreements(check.comparison, expected, got)

    def explain(row):
        arguments = tuple(column[row] for column in columns)
        return classes.same_or_explained(check.function, check.classes, arguments, expected[row], got[row])

    def describe(row):
        # What a reader needs to reproduce it: the call, the row's tag, the inputs, both answers.
        arguments = tuple(_shown(column[row]) for column in columns)
        return check.sql, inputs.tags[ids[row]], arguments, _shown(expected[row]), _shown(got[row])

    tally.add(agree, explain, describe)


def failure_report(tally: Tally) -> str:
    lines = [
        f"{tally.function}: {tally.agreements} of {tally.counted} cases agree ({tally.rate:.2%}), "
        f"below {tally.threshold:.1%}; (call, input tag, inputs, oracle, Strabo):"
    ]
    for sql, tag, arguments, expected, got in tally.disagreements[:SHOWN]:
        lines.append(f"  {sql} [{tag}] {' | '.join(arguments)}\n      oracle: {expected}\n      strabo: {got}")
    if len(tally.disagreements) > SHOWN:
        lines.append(f"  ... and {len(tally.disagreements) - SHOWN} more")
    return "\n".join(lines)
