"""Bad input in real Spark, over Arrow batches and a row at a time: each case has its documented
result or raises an error that names the function and the value, and the JVM and the session
carry on afterwards."""
import pytest

from strabo.functions import REGISTRY

VALUE_OF = {"geometry": "st_point(1, 1)", "double": "1.0", "int": "25", "bigint": "599686042433355775",
            "boolean": "false", "string": "''", "binary": "st_asBinary(st_point(1, 1))"}
# Text a literal must hold to be bound at all (a malformed constant is an error, NULL or not).
VALUE_OF_PARAMETER = {"pattern": "'T********'", "matrix": "'FF1FF0102'", "to": "'EPSG:3857'"}


def sql_type(t: str) -> str:
    return "BINARY" if t == "geometry" else t.upper()


def value_of(param: dict) -> str:
    t = param["type"]
    if isinstance(t, dict):
        return f"array({value_of({'name': '', 'type': t['array']})})"
    return VALUE_OF_PARAMETER.get(param["name"], VALUE_OF[t])


def null_of(param: dict) -> str:
    if isinstance(param["type"], dict):  # a NULL of the array type the value has
        return f"if(false, {value_of(param)}, NULL)"
    return f"CAST(NULL AS {sql_type(param['type'])})"


SCALARS = [s for s in REGISTRY if s["signatures"][0]["implementation"] == "scalar"]

# (SQL returning one value, the bad value, what the error message must contain)
BAD_INPUT = [
    ("st_area(st_geomFromWKT(v))", "'POLYGON((0 0,4 0'", "st_geomFromWKT: invalid WKT: Missing closing parenthesis for type; wkt = 'POLYGON((0 0,4 0'"),
    ("st_asText(st_geomFromText(v))", "'POINT(1 2) and more'", "st_geomFromWKT: invalid WKT: unexpected text after the geometry: 'and more'; wkt = 'POINT(1 2) and more'"),
    ("st_area(v)", "X'0103000000010000000500'", "st_area: invalid WKB: truncated: 11 bytes end inside the geometry; geom = X'0103000000010000000500'"),
    ("st_length(v)", "X'01FF000000000000000000F03F0000000000000040'", "st_length: invalid WKB: unknown geometry type code 255; geom = X'01FF000000000000000000F03F0000000000000040'"),
    ("st_x(v)", "X'0101000000000000000000F03F000000000000004000'", "st_x: invalid WKB: 1 trailing bytes after a complete geometry of 21 bytes; point = X'0101000000000000000000F03F000000000000004000'"),
    ("st_geoHash(st_point(v, 0), 25)", "200.0", "st_geoHash: a geohash needs longitude in [-180, 180] and latitude in [-90, 90], got (200 0); geom = 'POINT(200 0)' (SRID 0)"),
    ("st_geoHash(st_point(0, 0), v)", "64", "st_geoHash: geohash precision is a number of bits from 1 to 63, got 64; precision = 64"),
    ("st_dwithin(st_point(0, 0), st_point(1, 1), v)", "-1.0", "st_dwithin: the distance must be 0 or more, got -1; distance = -1.0"),
    # Found by fuzzing (issue 7): a MULTIPOINT holding an empty point, and one whose point has a bad type code.
    ("st_asText(v)", "X'0104000000020000000101000000000000000000F87F000000000000F87F0101000000000000000000F03F000000000000F03F'", "st_asText: cannot encode geometry as WKT: a MULTIPOINT that holds an empty point has no WKT; geom = X'01040000000200000001010000"),
    ("st_area(v)", "X'01040000000100000001E9030070000000000000F03F000000000000F03F'", "st_area: invalid WKB: unknown geometry type code 1879049193; geom = X'01040000000100000001E9030070"),
    # Also found by fuzzing: rings and lines with too few points, which geo's algorithms panicked
    # on, are refused when read, as PostGIS and JTS refuse them; WKT has no spelling for an
    # empty ring (the wkt crate writes one it cannot read back).
    ("st_area(st_geomFromWKT(v))", "'POLYGON((0 0,4 0,4 4,0 4))'", "st_geomFromWKT: invalid geometry: a polygon ring must end where it starts; wkt = 'POLYGON((0 0,4 0,4 4,0 4))'"),
    ("st_length(v)", "X'010200000001000000000000000000F03F000000000000F03F'", "st_length: invalid geometry: a line string needs at least 2 points, got 1; geom = X'0102000000010000"),
    ("st_asText(v)", "X'01030000000200000005000000000000000000000000000000000000000000000000001040000000000000000000000000000010400000000000001040000000000000000000000000000010400000000000000000000000000000000000000000'", "st_asText: cannot encode geometry as WKT: a POLYGON that holds an empty ring has no WKT; geom = X'0103000000020000"),
    ("st_area(st_union_aggr(v))", "X'010200000002000000000000000000000000000000000000000000000000000000000000000000F03F'", "st_union_aggr: only polygons can be unioned, got a line string; geom = 'LINESTRING(0 0,0 1)' (SRID 0)"),
]


def assert_illegal_argument(error, message):
    """PySpark raises its own IllegalArgumentException for the JVM's when the driver throws it;
    from a task it arrives inside a failed job, with the task's exception in the text."""
    if type(error).__name__ == "IllegalArgumentException":
        assert message in str(error)
    else:
        assert f"java.lang.IllegalArgumentException: {message}" in str(error), error


@pytest.fixture(params=["batch", "per-row"])
def path(request, spark):
    spark.conf.set("spark.strabo.batch.enabled", str(request.param == "batch").lower())
    yield request.param
    spark.conf.unset("spark.strabo.batch.enabled")


@pytest.mark.parametrize("sql,value,message", BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
@pytest.mark.parametrize("where", ["literal", "column"])
def test_bad_input_raises_a_clear_error_and_the_session_survives(spark, path, sql, value, message, where):
    query = (
        f"SELECT {sql.replace('v', value, 1)}"
        if where == "literal"
        else f"SELECT {sql} FROM VALUES ({value}) AS t(v)"
    )
    with pytest.raises(Exception) as raised:
        spark.sql(query).collect()
    assert_illegal_argument(raised.value, message)
    assert spark.sql("SELECT st_area(st_makeBBOX(0, 0, 1, 1))").first()[0] == 1.0


def test_a_bad_parameter_string_is_refused_when_the_task_starts(spark):
    with pytest.raises(Exception) as raised:
        spark.sql("SELECT st_buffer(st_point(id, 0), 1.0, 'join=pointy') FROM range(3)").collect()
    assert "st_buffer: invalid value 'pointy' for join; params = 'join=pointy'" in str(raised.value)


def test_a_parameter_string_must_be_a_constant(spark):
    with pytest.raises(Exception, match="st_buffer: params must be a constant"):
        spark.sql("SELECT st_buffer(st_point(1, 1), 1.0, concat('quad_segs=', id)) FROM range(1)").collect()


@pytest.mark.parametrize(
    "sql,expected",
    [
        ("st_area(st_geomFromWKT('POLYGON EMPTY'))", 0.0),
        ("st_length(st_geomFromWKT('LINESTRING EMPTY'))", 0.0),
        ("st_x(st_geomFromWKT('POINT EMPTY'))", None),
        ("st_numPoints(st_geomFromWKT('GEOMETRYCOLLECTION EMPTY'))", 0),
        ("st_numGeometries(st_geomFromWKT('POINT EMPTY'))", 0),
        ("st_distance(st_geomFromWKT('POINT EMPTY'), st_point(1, 1))", None),
        ("st_contains(st_makeBBOX(0, 0, 1, 1), st_geomFromWKT('POINT EMPTY'))", False),
        ("st_intersects(st_geomFromWKT('GEOMETRYCOLLECTION EMPTY'), st_point(1, 1))", False),
        ("st_disjoint(st_geomFromWKT('GEOMETRYCOLLECTION EMPTY'), st_point(1, 1))", True),
        ("st_within(st_geomFromWKT('POINT EMPTY'), st_makeBBOX(0, 0, 1, 1))", False),
        ("st_asText(st_envelope(st_geomFromWKT('POLYGON EMPTY')))", "POLYGON EMPTY"),
        ("st_asText(st_geomFromWKT('POINT EMPTY'))", "POINT EMPTY"),
        ("st_asText(st_geomFromWKB(st_asBinary(st_geomFromWKT('LINESTRING EMPTY'))))", "LINESTRING EMPTY"),
        ("st_asText(st_buffer(st_geomFromWKT('POINT EMPTY'), 1.0))", "POLYGON EMPTY"),
        ("size(st_dump(st_geomFromWKT('MULTIPOINT EMPTY')))", 0),
        ("st_geoHash(st_geomFromWKT('POINT EMPTY'), 25)", None),
        # A self-intersecting polygon is measured as given, lobes with their winding signs (GEOS too).
        ("st_area(st_geomFromWKT('POLYGON((0 0,2 2,2 0,0 2,0 0))'))", 0.0),
    ],
)
def test_empty_and_invalid_geometries_have_documented_results(spark, path, sql, expected):
    assert spark.sql(f"SELECT {sql} FROM range(1)").first()[0] == expected


@pytest.mark.parametrize("spec", SCALARS, ids=lambda s: s["name"])
def test_null_arguments_give_null(spark, path, spec):
    params = spec["signatures"][0]["params"]
    for position in range(len(params)):
        args = [null_of(p) if i == position else value_of(p) for i, p in enumerate(params)]
        row = spark.sql(f"SELECT {spec['name']}({', '.join(args)}) FROM range(1)").first()
        assert row[0] is None, (spec["name"], position)


def test_untyped_nulls_give_null(spark):
    for spec in SCALARS:
        required = [p for p in spec["signatures"][0]["params"] if not p["optional"]]
        untyped = ", ".join(["NULL"] * len(required))
        assert spark.sql(f"SELECT {spec['name']}({untyped})").first()[0] is None, spec["name"]


def test_null_rows_in_a_column_give_null_rows(spark, path):
    rows = spark.sql(
        "SELECT st_area(st_geomFromWKT(w)) FROM VALUES ('POLYGON((0 0,1 0,1 1,0 0))'), (NULL) AS t(w)"
    ).collect()
    assert [r[0] for r in rows] == [0.5, None]


def test_aggregates_skip_nulls_and_give_null_without_values(spark):
    row = spark.sql(
        """SELECT st_asText(st_extent(g)), st_union_aggr(g), count(g)
           FROM (SELECT CAST(NULL AS BINARY) AS g FROM range(3))"""
    ).first()
    assert tuple(row) == (None, None, 0)
