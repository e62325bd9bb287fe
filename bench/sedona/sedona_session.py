"""Apache Sedona 1.8.0 in the same Spark session as Strabo, as a comparison column for benchmarks.

    spark = strabo.spark_session(master="local[2]", config={"spark.jars": ",".join(jars())})
    register(spark)        # sedona_ST_Contains, sedona_ST_Point, ... ; raises SedonaUnavailable

Sedona's own set-up (``SedonaContext.create``, or its SQL extension) is not used: it registers
Sedona's functions under their own names (ST_Contains, ST_Point, ...), which would replace Strabo's
st_* of the same names (function names are case-insensitive), and on Spark 4.2+ it fails because
the session's function registry accepts only qualified names (system.session.<name>). Instead each
expression builder of Sedona's catalog is registered again in this session, under a prefix. No
Spark configuration is needed (neither Sedona's Kryo serializer nor its extension).
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

SEDONA_VERSION = "1.8.0"
HERE = Path(__file__).resolve().parent
BUILD = HERE.parents[1] / "build" / "sedona"
JARS = (
    "sedona-spark-shaded-4.0_2.13-1.8.0.jar",
    "geotools-wrapper-1.8.0-33.1.jar",
    "commons-collections-3.2.2.jar",  # for Sedona's joins; Spark bundled it until 4.0
    "sedona-spark4-compat.jar",  # FoldableUnevaluable, removed in Spark 4.1 (compat/)
)


class SedonaUnavailable(RuntimeError):
    """Sedona cannot run in this session; the message says why (the benchmark table prints it)."""


def jars() -> list[str]:
    """Absolute paths of the jars to add to ``spark.jars`` beside Strabo's; fetches/builds them."""
    env = dict(os.environ)
    try:  # compile the compat jar against the Spark this interpreter runs
        import pyspark

        env.setdefault("SPARK_JARS", str(Path(pyspark.__file__).parent / "jars"))
    except ImportError:
        pass
    subprocess.run([str(HERE / "fetch.sh")], check=True, env=env)  # a no-op once all are there
    return [str(BUILD / name) for name in JARS]


def register(spark, prefix: str = "sedona_", joins: bool = True) -> list[str]:
    """Registers Sedona's SQL functions in ``spark`` as ``<prefix><Sedona's name>``.

    With ``joins``, also Sedona's join planner, as Sedona itself would: a join on its predicates
    (sedona_ST_Contains, sedona_ST_Intersects, sedona_ST_Distance < d, ...) then runs as its
    RangeJoin, DistanceJoin or BroadcastIndexJoin instead of a nested loop; other joins are left
    alone. Returns the registered names. Raises SedonaUnavailable if Sedona cannot run here.
    """
    if not prefix:
        raise ValueError("the prefix must not be empty: Sedona's ST_* would replace Strabo's st_*")
    from py4j.java_gateway import JavaClass
    from py4j.protocol import Py4JJavaError

    version = tuple(int(part) for part in spark.version.split(".")[:2])
    if version[0] != 4:
        raise SedonaUnavailable(f"Sedona {SEDONA_VERSION}'s jar is built for Spark 4 (Scala 2.13); "
                                f"this is Spark {spark.version}")
    jvm = spark._jvm
    if not isinstance(jvm.org.apache.sedona.sql.UDF.Catalog, JavaClass):
        raise SedonaUnavailable("Sedona's jars are not on this session's classpath; start the "
                                "session with sedona_session.jars() in spark.jars")
    try:
        names = _register(spark, prefix, qualified=version >= (4, 2), joins=joins)
    except Py4JJavaError as error:
        raise SedonaUnavailable(f"Sedona {SEDONA_VERSION} cannot be set up in Spark {spark.version}: "
                                f"{_root_cause(error)}") from None
    try:  # a constant query, folded and run in the driver: fails fast if Sedona cannot evaluate
        spark.sql(f"SELECT {prefix}ST_AsText({prefix}ST_Point(1.0, 2.0))").first()
    except Exception as error:  # whatever it is, Sedona is unusable here
        raise SedonaUnavailable(f"Sedona {SEDONA_VERSION} does not evaluate on Spark "
                                f"{spark.version}: {_root_cause(error)}") from None
    return names


def push_down_geoparquet_filters(spark) -> None:
    """Installs Sedona's optimizer rule that pushes its spatial predicates into its GeoParquet
    reader (``format("geoparquet")``), as its SQL extension would: without it, Sedona reads
    every file. Call after :func:`register`."""
    jvm, session = spark._jvm, spark._jsparkSession
    experimental = session.experimental()
    optimizations = experimental.extraOptimizations()
    name = "org.apache.spark.sql.sedona_sql.optimization.SpatialFilterPushDownForGeoParquet"
    if not any(rule.getClass().getName() == name for rule in _items(optimizations)):
        rule = jvm.org.apache.spark.sql.sedona_sql.optimization.SpatialFilterPushDownForGeoParquet(session)
        getattr(experimental, "extraOptimizations_$eq")(optimizations.appended(rule))


def _register(spark, prefix: str, qualified: bool, joins: bool) -> list[str]:
    jvm, session = spark._jvm, spark._jsparkSession
    # The catalog's aggregates need the Geometry UDT registered first (a JVM-wide table).
    jvm.org.apache.sedona.sql.UDT.UdtRegistrator.registerAll()
    catalog = jvm.org.apache.sedona.sql.UDF.Catalog
    registry = session.sessionState().functionRegistry()
    identifier = jvm.org.apache.spark.sql.catalyst.FunctionIdentifier
    info = jvm.org.apache.spark.sql.catalyst.expressions.ExpressionInfo
    # Spark 4.2 keys session functions by a 3-part name (system.session.<name>); 4.0 and 4.1 by one.
    namespace = (jvm.scala.Some("session"), jvm.scala.Some("system")) if qualified else ()
    # A second call only lists the names: registering again would log a warning per function.
    again = registry.functionExists(identifier(prefix + "ST_Point", *namespace))
    names = []
    for expression in _items(catalog.expressions()):  # (FunctionIdentifier, ExpressionInfo, builder)
        name = prefix + expression._1().funcName()
        if not again:
            registry.registerFunction(identifier(name, *namespace),
                                      info(expression._2().getClassName(), None, name), expression._3())
        names.append(name)
    for aggregator in _items(catalog.aggregateExpressions()):
        name = prefix + aggregator.getClass().getSimpleName()
        if not again:
            # functions.udaf needs the input (Geometry) encoder; these aggregators output a
            # Geometry too, so their output encoder is that encoder.
            udaf = jvm.org.apache.spark.sql.functions.udaf(aggregator, aggregator.outputEncoder())
            session.udf().register(name, udaf)
        names.append(name)

    if joins:
        experimental = session.experimental()
        strategies = experimental.extraStrategies()
        detector = "org.apache.spark.sql.sedona_sql.strategy.join.JoinQueryDetector"
        if not any(strategy.getClass().getName() == detector for strategy in _items(strategies)):
            strategy = jvm.org.apache.spark.sql.sedona_sql.strategy.join.JoinQueryDetector(session)
            getattr(experimental, "extraStrategies_$eq")(strategies.appended(strategy))
    return names


def _items(seq) -> list:
    """The elements of a Scala Seq proxied by py4j."""
    iterator, items = seq.iterator(), []
    while iterator.hasNext():
        items.append(iterator.next())
    return items


def _root_cause(error: Exception) -> str:
    """The innermost Java exception of a py4j or pyspark error, as 'Class: message'."""
    throwable = getattr(error, "java_exception", None) or getattr(error, "_origin", None)
    if throwable is None:
        return str(error).strip().splitlines()[0]
    while throwable.getCause() is not None:
        throwable = throwable.getCause()
    return throwable.toString()
