use strabo_geom::gml;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_geomFromGML",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[Signature::new(
        &[Param::new(
            "gml",
            SqlType::String,
            "One GML 2 or GML 3 geometry element, e.g. '<gml:Point><gml:pos>1 2</gml:pos></gml:Point>'.",
        )],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )
    .srid(ResultSrid::FromValue)],
    nulls: Nulls::Strict(None),
    summary: "Parses a GML 2 or GML 3 geometry into a geometry with the SRID its `srsName` names.",
    details: "As PostGIS's `ST_GeomFromGML(gml)` and Sedona's `ST_GeomFromGML`: the SRID is the \
              EPSG code of the outer element's `srsName` (`EPSG:4326`, \
              `urn:ogc:def:crs:EPSG::4326`, `http://www.opengis.net/gml/srs/epsg.xml#4326`), or \
              0 without one; a negative SRID is 0. Reads points, lines, `Curve`s of line \
              segments, polygons (GML 2's and GML 3's boundaries), their multi-geometries \
              (`MultiCurve`, `MultiSurface` included), `MultiGeometry` and `Envelope`/`Box` as a \
              polygon, with coordinates as `coordinates`, `coord`, `pos` or `posList`; \
              namespaces and prefixes are ignored. Z is kept only if every coordinate has one, \
              as in PostGIS. An empty element is an empty geometry. Coordinates are read in the \
              order written: PostGIS swaps them when a URN `srsName` names a latitude-first \
              system (`urn:ogc:def:crs:EPSG::4326`). Malformed XML, arcs and surfaces, a member \
              `srsName` other than the outer one (PostGIS transforms the member), an `srsName` \
              that names no EPSG code and unclosed rings raise `IllegalArgumentException` naming \
              the text. PostGIS's second argument, an SRID that replaces the text's, is \
              `st_setSRID` here.",
    examples: &[
        Example {
            sql: "st_asEWKT(st_geomFromGML('<gml:Point srsName=\"EPSG:4326\"><gml:coordinates>1,2</gml:coordinates></gml:Point>'))",
            result: "SRID=4326;POINT(1 2)",
        },
        Example {
            sql: "st_geomFromGML('<gml:LineString><gml:posList srsDimension=\"3\">0 0 1 1 1 2</gml:posList></gml:LineString>')",
            result: "LINESTRING Z(0 0 1,1 1 2)",
        },
        Example {
            sql: "st_geomFromGML('<gml:Polygon><gml:outerBoundaryIs><gml:LinearRing><gml:coordinates>0,0 1,0 1,1 0,0</gml:coordinates></gml:LinearRing></gml:outerBoundaryIs></gml:Polygon>')",
            result: "POLYGON((0 0,1 0,1 1,0 0))",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_reader::<Str, _>(args, |text, wkb| Ok(gml::read(text, wkb)?.unwrap_or(0)))
}
