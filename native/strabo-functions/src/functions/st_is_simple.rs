use strabo_geom::simple::is_simple;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_isSimple",
    aliases: &[],
    category: Category::Overlay,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Boolean,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "True if the geometry has no anomalous points: lines that do not cross or touch themselves, points that do not repeat.",
    details: "OGC simplicity, as GEOS decides it (PostGIS's `ST_IsSimple`, Sedona's and \
              GeoMesa's `st_isSimple`): a multipoint is simple when no point repeats; lines \
              meet themselves and each other only at ends that are boundary points under the \
              mod-2 rule (a closed line is simple; a line through the end of a closed one is \
              not); a polygon's rings are simple when each is, taken alone (rings touching one \
              another is validity's concern, see `st_isValid`); a collection is simple when \
              each member is. Empty geometries are simple; repeated consecutive points are \
              ignored; a part with NaN coordinates may be reported simple.",
    examples: &[
        Example {
            sql: "st_isSimple(st_geomFromWKT('LINESTRING(0 0,2 2,2 0,0 2)'))",
            result: "false",
        },
        Example {
            sql: "st_isSimple(st_geomFromWKT('LINESTRING(0 0,1 0,1 1,0 0)'))",
            result: "true",
        },
        Example {
            sql: "st_isSimple(st_geomFromWKT('MULTIPOINT((1 1),(1 1))'))",
            result: "false",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), BoolBuf, _>(args, |(g,), out| {
        out.push(is_simple(g));
        Ok(())
    })
}
