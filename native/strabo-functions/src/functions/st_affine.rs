use strabo_geom::affine::{affine, Affine};

use super::prelude::*;

/// A coefficient of the map; `name` in `ST_Affine`'s argument order.
const fn coefficient(name: &'static str, doc: &'static str) -> Param {
    Param::new(name, SqlType::Double, doc)
}

const A: Param = coefficient("a", "x' gains a·x.");
const B: Param = coefficient("b", "x' gains b·y.");
const D: Param = coefficient("d", "y' gains d·x.");
const E: Param = coefficient("e", "y' gains e·y.");
const XOFF: Param = coefficient("xoff", "Added to x'.");
const YOFF: Param = coefficient("yoff", "Added to y'.");

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_affine",
    aliases: &[],
    category: Category::Editing,
    signatures: &[
        Signature::new(
            &[GEOM, A, B, D, E, XOFF, YOFF],
            SqlType::Geometry,
            Implementation::Scalar(bind_planar),
        ),
        Signature::new(
            &[
                GEOM,
                A,
                B,
                coefficient("c", "x' gains c·z."),
                D,
                E,
                coefficient("f", "y' gains f·z."),
                coefficient("g", "z' gains g·x."),
                coefficient("h", "z' gains h·y."),
                coefficient("i", "z' gains i·z."),
                XOFF,
                YOFF,
                coefficient("zoff", "Added to z'."),
            ],
            SqlType::Geometry,
            Implementation::Scalar(bind_spatial),
        ),
    ],
    nulls: Nulls::Strict(None),
    summary: "The geometry under an affine map of its coordinates.",
    details: "PostGIS's `ST_Affine`, in its argument order: `x' = a x + b y + c z + xoff`, \
              `y' = d x + e y + f z + yoff`, `z' = g x + h y + i z + zoff`; the 7-argument form \
              maps the plane and leaves Z as it is. The geometry keeps its type, its parts and \
              its SRID; M is never changed. `st_translate`, `st_scale` and `st_rotate` are its \
              special cases.",
    examples: &[
        Example {
            sql: "st_affine(st_geomFromWKT('LINESTRING(1 2,3 4)'), 2, 0, 0, 2, 10, 20)",
            result: "LINESTRING(12 24,16 28)",
        },
        Example {
            sql: "st_affine(st_geomFromWKT('POINT Z(1 2 3)'), 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 5)",
            result: "POINT Z(1 2 11)",
        },
    ],
};

fn bind_planar(args: &BindArgs) -> Bound {
    map::<(Geometry, Double, Double, Double, Double, Double, Double), GeomBuf, _>(
        args,
        |(g, a, b, d, e, xoff, yoff), out| {
            let map = Affine::planar(*a, *b, *d, *e, *xoff, *yoff);
            out.push_wkb(|wkb| affine(g, &map, wkb))
                .map_err(KernelError::at(0))
        },
    )
}

fn bind_spatial(args: &BindArgs) -> Bound {
    type Coefficients = (
        Geometry,
        Double,
        Double,
        Double,
        Double,
        Double,
        Double,
        Double,
        Double,
        Double,
        Double,
        Double,
        Double,
    );
    map::<Coefficients, GeomBuf, _>(
        args,
        |(geometry, a, b, c, d, e, f, g, h, i, xoff, yoff, zoff), out| {
            let map = Affine {
                a: *a,
                b: *b,
                c: *c,
                d: *d,
                e: *e,
                f: *f,
                g: *g,
                h: *h,
                i: *i,
                xoff: *xoff,
                yoff: *yoff,
                zoff: *zoff,
            };
            out.push_wkb(|wkb| affine(geometry, &map, wkb))
                .map_err(KernelError::at(0))
        },
    )
}
