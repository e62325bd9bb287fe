"""Every example in the function registry (the ones docs/functions.md shows) runs in Spark and
gives its documented result: folded to a constant on the driver; and with its literal arguments
fed as columns of a table, so that nested calls run fused in one native program, both over
Arrow batches and a row at a time."""
import pytest

from rendering import render
from sql_examples import SPECS, Call, parse, with_columns
from strabo.functions import REGISTRY

EXAMPLES = [(spec, example) for spec in REGISTRY for example in spec["examples"]]
IDS = [e["sql"] for _, e in EXAMPLES]


def displayed(expr_sql: str) -> str:
    """The expression with a geometry result shown as WKT, as the docs show it."""
    outer = SPECS.get(parse(expr_sql).name.lower())
    returns = outer["signatures"][0]["returns"] if outer else None
    if returns == "geometry":
        return f"st_asText({expr_sql})"
    if returns == {"array": "geometry"}:
        return f"transform({expr_sql}, g -> st_asText(g))"
    return expr_sql


def query(example) -> tuple[str, str]:
    """The example's expression and the FROM clause its rows come from (aggregates have one)."""
    expr, _, source = example["sql"].partition(" FROM ")
    return expr, source


def calls_a_native_scalar(expr) -> bool:
    if not isinstance(expr, Call):
        return False
    spec = SPECS.get(expr.name.lower())
    native = spec is not None and spec["signatures"][0]["implementation"] == "scalar"
    return native or any(calls_a_native_scalar(arg) for arg in expr.args)


def result(spark, sql: str) -> str:
    rows = spark.sql(sql).collect()
    assert len(rows) == 1, rows
    return render(rows[0][0])


@pytest.fixture(params=["batch", "per-row"])
def path(request, spark):
    spark.conf.set("spark.strabo.batch.enabled", str(request.param == "batch").lower())
    # Keep Spark from evaluating a projection of an inline table on the driver.
    spark.conf.set("spark.sql.optimizer.excludedRules", "org.apache.spark.sql.catalyst.optimizer.ConvertToLocalRelation")
    yield request.param
    spark.conf.unset("spark.strabo.batch.enabled")
    spark.conf.unset("spark.sql.optimizer.excludedRules")


@pytest.mark.parametrize("spec,example", EXAMPLES, ids=IDS)
def test_example_folded_on_the_driver(spark, spec, example):
    expr, source = query(example)
    sql = f"SELECT {displayed(expr)}" + (f" FROM {source}" if source else "")
    assert result(spark, sql) == example["result"]


@pytest.mark.parametrize("spec,example", EXAMPLES, ids=IDS)
def test_example_with_its_arguments_as_columns(spark, spec, example, path):
    expr, source = query(example)
    if not source:
        expr, source = with_columns(expr)
    df = spark.sql(f"SELECT {displayed(expr)} FROM {source}")
    assert render(df.collect()[0][0]) == example["result"]
    # An aggregate evaluates its nested calls in its own program, a batch of rows at a time.
    if spec["signatures"][0]["implementation"] != "aggregate" and calls_a_native_scalar(parse(expr)):
        plan = df._jdf.queryExecution().executedPlan().toString()
        assert ("StraboEval" in plan) == (path == "batch"), plan


def test_every_function_has_an_example():
    assert {spec["name"] for spec, _ in EXAMPLES} == {spec["name"] for spec in REGISTRY}
