use strabo_geom::construct::collect;
use strabo_geom::overlay::{unary_union, union};
use strabo_geom::Geo;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_union",
    aliases: &[],
    category: Category::Overlay,
    signatures: &[
        Signature::new(
            TWO_GEOMETRIES,
            SqlType::Geometry,
            Implementation::Scalar(bind_pair),
        ),
        Signature::new(
            &[Param::new(
                "geoms",
                SqlType::Array(&SqlType::Geometry),
                "The geometries to union; NULL items are skipped.",
            )],
            SqlType::Geometry,
            Implementation::Scalar(bind_array),
        ),
    ],
    nulls: Nulls::Strict(Some("the array has no geometry")),
    summary: "The points of `a` or `b`, or of any geometry of an array.",
    details: concat!(
        "PostGIS's and Sedona's `ST_Union`: of two geometries, their overlay; of an array, the \
         `st_unaryUnion` of its geometries together (NULL items skipped; an empty array or one \
         of NULLs gives NULL, as in PostGIS). Polygons merge, lines are cut where they cross \
         and overlapping stretches kept once, repeated points kept once, and what a \
         higher-dimensional part covers is dropped. Two geometries whose boxes are apart, each \
         of one part, are joined as they are without overlaying them, as in GEOS. The array's \
         polygons may overlap but must each be valid. All geometries must have the same SRID. \
         See `st_union_aggr` for the aggregate.",
        overlay_doc!()
    ),
    examples: &[
        Example {
            sql: "st_equals(st_union(st_makeBBOX(0, 0, 2, 1), st_makeBBOX(1, 0, 3, 1)), st_makeBBOX(0, 0, 3, 1))",
            result: "true",
        },
        Example {
            sql: "st_union(st_point(1, 2), st_point(3, 4))",
            result: "MULTIPOINT((1 2),(3 4))",
        },
        Example {
            sql: "st_union(array(st_point(1, 2), NULL, st_point(1, 2), st_point(0, 0)))",
            result: "MULTIPOINT((0 0),(1 2))",
        },
        Example {
            sql: "st_union(st_dump(st_geomFromWKT('MULTILINESTRING((0 0,2 0),(1 0,3 0))')))",
            result: "MULTILINESTRING((0 0,1 0),(1 0,2 0),(2 0,3 0))",
        },
        Example {
            sql: "st_union(st_dump(st_geomFromWKT('POLYGON EMPTY')))",
            result: "NULL",
        },
    ],
};

fn bind_pair(args: &BindArgs) -> Bound {
    map::<(Geometry, Geometry), GeomBuf, _>(args, |(a, b), out| {
        out.push_geometry(&union(a, b)?);
        Ok(())
    })
}

fn bind_array(args: &BindArgs) -> Bound {
    map::<(ArrayOf<Geometry>,), GeomBuf, _>(args, |(items,), out| {
        let (parts, srid) = array_geometries(items, 0)?;
        if parts.is_empty() {
            out.push_null();
            return Ok(());
        }
        out.set_srid(srid);
        let parts: Vec<&Geo> = parts.iter().collect();
        let mut collected = Vec::new();
        collect(&parts, &mut collected).map_err(KernelError::at(0))?;
        let together = Geo::read(&collected).map_err(KernelError::at(0))?;
        out.push_geometry(&unary_union(&together).map_err(KernelError::at(0))?);
        Ok(())
    })
}
