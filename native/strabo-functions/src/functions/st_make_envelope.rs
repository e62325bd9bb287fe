use strabo_geom::envelope::box_polygon;

use super::prelude::*;
use super::st_point::SRID;

const XMIN: Param = Param::new("xmin", SqlType::Double, "The smallest X of the box.");
const YMIN: Param = Param::new("ymin", SqlType::Double, "The smallest Y of the box.");
const XMAX: Param = Param::new("xmax", SqlType::Double, "The largest X of the box.");
const YMAX: Param = Param::new("ymax", SqlType::Double, "The largest Y of the box.");

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_makeEnvelope",
    aliases: &["st_polygonFromEnvelope"],
    category: Category::Constructors,
    signatures: &[
        Signature::new(
            &[XMIN, YMIN, XMAX, YMAX],
            SqlType::Geometry,
            Implementation::Scalar(bind),
        ),
        Signature::new(
            &[XMIN, YMIN, XMAX, YMAX, SRID],
            SqlType::Geometry,
            Implementation::Scalar(bind),
        )
        .srid(ResultSrid::Arg(4)),
    ],
    nulls: Nulls::Strict(None),
    summary:
        "The rectangle polygon of the given minimums and maximums, with SRID 0 or the one given.",
    details: "PostGIS's and Sedona's `ST_MakeEnvelope`, and Sedona's `ST_PolygonFromEnvelope`: \
              the polygon (xmin ymin, xmin ymax, xmax ymax, xmax ymin, xmin ymin). The values \
              are taken as given, as PostGIS takes them: a minimum above its maximum mirrors the \
              ring, and a box of no width or height is a polygon of repeated vertices \
              (`st_makeBBOX` swaps such corners, and `st_makeBox2D` makes a degenerate box a \
              line or a point). NaN or infinite values raise `IllegalArgumentException` \
              (PostGIS makes a polygon of them).",
    examples: &[
        Example {
            sql: "st_makeEnvelope(10, 10, 11, 11)",
            result: "POLYGON((10 10,10 11,11 11,11 10,10 10))",
        },
        Example {
            sql: "st_srid(st_makeEnvelope(10, 10, 11, 11, 4326))",
            result: "4326",
        },
        Example {
            sql: "st_polygonFromEnvelope(2, 1, 0, 0)",
            result: "POLYGON((2 1,2 0,0 0,0 1,2 1))",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    fn write(x1: f64, y1: f64, x2: f64, y2: f64, out: &mut GeomBuf) -> Result<(), KernelError> {
        out.push_geometry(&box_polygon(x1, y1, x2, y2)?);
        Ok(())
    }
    if args.len() == 4 {
        return map::<(Double, Double, Double, Double), GeomBuf, _>(
            args,
            |(x1, y1, x2, y2), out| write(*x1, *y1, *x2, *y2, out),
        );
    }
    // The SRID is set by the loop.
    map::<(Double, Double, Double, Double, Int), GeomBuf, _>(args, |(x1, y1, x2, y2, _), out| {
        write(*x1, *y1, *x2, *y2, out)
    })
}
