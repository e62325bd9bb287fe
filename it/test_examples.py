"""Every example in the function registry (the ones docs/functions.md shows) runs in Spark and
gives its documented result: folded to a constant on the driver, and evaluated in tasks by
generated code."""
import re

import pytest

from rendering import render
from strabo.functions import REGISTRY

BY_NAME = {name.lower(): spec for spec in REGISTRY for name in [spec["name"], *spec["aliases"]]}
EXAMPLES = [(spec["name"], example) for spec in REGISTRY for example in spec["examples"]]


def as_select(sql: str) -> str:
    outer = re.match(r"\s*(\w+)\(", sql).group(1)
    return f"st_asText({sql})" if BY_NAME[outer.lower()]["returns"] == "geometry" else sql


@pytest.mark.parametrize("function,example", EXAMPLES, ids=[e["sql"] for _, e in EXAMPLES])
def test_example_folded_on_the_driver(spark, function, example):
    assert render(spark.sql(f"SELECT {as_select(example['sql'])}").first()[0]) == example["result"]


@pytest.mark.parametrize("function,example", EXAMPLES, ids=[e["sql"] for _, e in EXAMPLES])
def test_example_in_generated_code(spark, function, example):
    # Without constant folding the expression is compiled into the task's generated code.
    spark.conf.set("spark.sql.optimizer.excludedRules", "org.apache.spark.sql.catalyst.optimizer.ConstantFolding")
    try:
        df = spark.sql(f"SELECT {as_select(example['sql'])} FROM range(1)")
        plan = df._jdf.queryExecution().executedPlan().toString().lower()
        assert function.lower() in plan, f"{function} was folded away:\n{plan}"
        assert render(df.first()[0]) == example["result"]
    finally:
        spark.conf.unset("spark.sql.optimizer.excludedRules")


def test_every_function_has_an_example():
    assert {name for name, _ in EXAMPLES} == {spec["name"] for spec in REGISTRY}
