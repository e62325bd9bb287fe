use strabo_geom::construct::point;

use super::prelude::*;
use super::st_point::{X, Y};

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_makePoint",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[Signature::new(
        &[X, Y, Z.optional(), M.optional()],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "A point from two to four ordinates: X and Y, then Z, then M, with SRID 0.",
    details: "PostGIS's `ST_MakePoint` and Sedona's `ST_MakePoint`: a `POINT`, `POINT Z` or \
              `POINT ZM` (a point with M but no Z is `st_makePointM`). Numeric arguments of any \
              type are cast to DOUBLE and kept as given, NaN and infinities too; a point whose \
              ordinates are all NaN is `POINT EMPTY`. GeoMesa's `st_makePoint` takes X and Y \
              only; with two arguments this is `st_point(x, y)`, whose points stay two arrays of \
              numbers inside a fused call. For an SRID, see `st_point`, `st_pointZ` and \
              `st_pointM`.",
    examples: &[
        Example {
            sql: "st_makePoint(-71.06, 42.36)",
            result: "POINT(-71.06 42.36)",
        },
        Example {
            sql: "st_makePoint(1, 2, 1.5)",
            result: "POINT Z(1 2 1.5)",
        },
        Example {
            sql: "st_makePoint(1, 2, 3, 4)",
            result: "POINT ZM(1 2 3 4)",
        },
    ],
};

pub(super) const Z: Param = Param::new("z", SqlType::Double, "The Z coordinate (a height).");
pub(super) const M: Param = Param::new("m", SqlType::Double, "The M coordinate (a measure).");

fn bind(args: &BindArgs) -> Bound {
    match args.len() {
        2 => super::st_point::bind(args),
        3 => bind_xyz(args),
        _ => map::<(Double, Double, Double, Double), GeomBuf, _>(args, |(x, y, z, m), out| {
            push_point(out, *x, *y, Some(*z), Some(*m))
        }),
    }
}

/// A `POINT Z` of the first three arguments; any later one is the SRID, which the loop sets.
pub(super) fn bind_xyz(args: &BindArgs) -> Bound {
    if args.len() == 3 {
        return map::<(Double, Double, Double), GeomBuf, _>(args, |(x, y, z), out| {
            push_point(out, *x, *y, Some(*z), None)
        });
    }
    map::<(Double, Double, Double, Int), GeomBuf, _>(args, |(x, y, z, _), out| {
        push_point(out, *x, *y, Some(*z), None)
    })
}

/// A `POINT M` of the first three arguments; any later one is the SRID, which the loop sets.
pub(super) fn bind_xym(args: &BindArgs) -> Bound {
    if args.len() == 3 {
        return map::<(Double, Double, Double), GeomBuf, _>(args, |(x, y, m), out| {
            push_point(out, *x, *y, None, Some(*m))
        });
    }
    map::<(Double, Double, Double, Int), GeomBuf, _>(args, |(x, y, m, _), out| {
        push_point(out, *x, *y, None, Some(*m))
    })
}

fn push_point(
    out: &mut GeomBuf,
    x: f64,
    y: f64,
    z: Option<f64>,
    m: Option<f64>,
) -> Result<(), KernelError> {
    out.push_wkb(|wkb| {
        point(x, y, z, m, wkb);
        Ok(())
    })
}
