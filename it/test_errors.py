"""Bad input in real Spark: each case has its documented result or raises an error that names the
function and the value, and the JVM and the session carry on afterwards."""
import pytest

from strabo.functions import REGISTRY

NULL_OF_KIND = {"geometry": "CAST(NULL AS BINARY)", "double": "CAST(NULL AS DOUBLE)", "string": "CAST(NULL AS STRING)"}

# (SQL returning one value, what the error message must contain)
BAD_INPUT = [
    ("st_area(st_geomFromWKT(v))", "'POLYGON((0 0,4 0'", "st_geomFromWKT: invalid WKT: Missing closing parenthesis for type; wkt = 'POLYGON((0 0,4 0'"),
    ("st_asText(st_geomFromText(v))", "'POINT(1 2) and more'", "st_geomFromWKT: invalid WKT: unexpected text after the geometry: 'and more'; wkt = 'POINT(1 2) and more'"),
    ("st_area(v)", "X'0103000000010000000500'", "st_area: invalid WKB: truncated: 11 bytes end inside the geometry; geom = X'0103000000010000000500'"),
    ("st_length(v)", "X'01FF000000000000000000F03F0000000000000040'", "st_length: invalid WKB: unknown geometry type code 255; geom = X'01FF000000000000000000F03F0000000000000040'"),
    ("st_x(v)", "X'0101000000000000000000F03F000000000000004000'", "st_x: invalid WKB: 1 trailing bytes after a complete geometry of 21 bytes; point = X'0101000000000000000000F03F000000000000004000'"),
]


@pytest.mark.parametrize("sql,value,message", BAD_INPUT, ids=[b[1] for b in BAD_INPUT])
@pytest.mark.parametrize("where", ["literal", "column"])
def test_bad_input_raises_a_clear_error_and_the_session_survives(spark, sql, value, message, where):
    query = (
        f"SELECT {sql.replace('v', value, 1)}"
        if where == "literal"
        else f"SELECT {sql} FROM VALUES ({value}) AS t(v)"
    )
    with pytest.raises(Exception) as raised:
        spark.sql(query).collect()
    # PySpark raises its own IllegalArgumentException for the JVM's.
    assert type(raised.value).__name__ == "IllegalArgumentException"
    assert message in str(raised.value)
    assert spark.sql("SELECT st_area(st_makeBBOX(0, 0, 1, 1))").first()[0] == 1.0


@pytest.mark.parametrize(
    "sql,expected",
    [
        ("st_area(st_geomFromWKT('POLYGON EMPTY'))", 0.0),
        ("st_length(st_geomFromWKT('LINESTRING EMPTY'))", 0.0),
        ("st_x(st_geomFromWKT('POINT EMPTY'))", None),
        ("st_distance(st_geomFromWKT('POINT EMPTY'), st_point(1, 1))", None),
        ("st_contains(st_makeBBOX(0, 0, 1, 1), st_geomFromWKT('POINT EMPTY'))", False),
        ("st_intersects(st_geomFromWKT('GEOMETRYCOLLECTION EMPTY'), st_point(1, 1))", False),
        ("st_within(st_geomFromWKT('POINT EMPTY'), st_makeBBOX(0, 0, 1, 1))", False),
        ("st_asText(st_envelope(st_geomFromWKT('POLYGON EMPTY')))", "POLYGON EMPTY"),
        ("st_asText(st_geomFromWKT('POINT EMPTY'))", "POINT EMPTY"),
        ("st_asText(st_geomFromWKB(st_asBinary(st_geomFromWKT('LINESTRING EMPTY'))))", "LINESTRING EMPTY"),
        # A self-intersecting polygon is measured as given, lobes with their winding signs (GEOS too).
        ("st_area(st_geomFromWKT('POLYGON((0 0,2 2,2 0,0 2,0 0))'))", 0.0),
    ],
)
def test_empty_and_invalid_geometries_have_documented_results(spark, sql, expected):
    assert spark.sql(f"SELECT {sql}").first()[0] == expected


@pytest.mark.parametrize("spec", [s for s in REGISTRY if s["provided_by"] == "strabo"], ids=lambda s: s["name"])
def test_null_arguments_give_null(spark, spec):
    for position in range(len(spec["params"])):
        args = [
            NULL_OF_KIND[p["kind"]] if i == position else {"geometry": "st_point(1, 1)", "double": "1.0", "string": "'POINT(1 1)'"}[p["kind"]]
            for i, p in enumerate(spec["params"])
        ]
        assert spark.sql(f"SELECT {spec['name']}({', '.join(args)})").first()[0] is None, (spec["name"], position)
    untyped = ", ".join(["NULL"] * len(spec["params"]))
    assert spark.sql(f"SELECT {spec['name']}({untyped})").first()[0] is None


def test_null_rows_in_a_column_give_null_rows(spark):
    rows = spark.sql(
        "SELECT st_area(st_geomFromWKT(w)) FROM VALUES ('POLYGON((0 0,1 0,1 1,0 0))'), (NULL) AS t(w)"
    ).collect()
    assert [r[0] for r in rows] == [0.5, None]
