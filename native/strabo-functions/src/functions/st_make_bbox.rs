use strabo_geom::{Coord, Rect};

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_makeBBOX",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[Signature {
        params: &[
            Param::new("lowerX", SqlType::Double, "The smallest X of the box."),
            Param::new("lowerY", SqlType::Double, "The smallest Y of the box."),
            Param::new("upperX", SqlType::Double, "The largest X of the box."),
            Param::new("upperY", SqlType::Double, "The largest Y of the box."),
        ],
        returns: SqlType::Geometry,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(None),
    summary: "The rectangle polygon spanned by two corners, with SRID 0.",
    details: "The vertex order is PostGIS's `ST_MakeEnvelope`: (lowerX lowerY, lowerX upperY, \
              upperX upperY, upperX lowerY, lowerX lowerY). Corners given the wrong way round \
              are swapped, as JTS's `Envelope` does. Unlike GeoMesa, no vertices are added to \
              long edges: the rectangle is planar.",
    examples: &[
        Example {
            sql: "st_makeBBOX(0.0, 0.0, 2.0, 1.0)",
            result: "POLYGON((0 0,0 1,2 1,2 0,0 0))",
        },
        Example {
            sql: "st_area(st_makeBBOX(2, 1, 0, 0))",
            result: "2.0",
        },
    ],
};

/// The boxes stay four coordinates until they leave Strabo, so `st_area(st_makeBBOX(...))`
/// never writes or reads WKB.
fn bind(args: &BindArgs) -> Bound {
    map::<(Double, Double, Double, Double), RectBuf, _>(args, |(x1, y1, x2, y2), out| {
        out.push(Rect::new(
            Coord { x: *x1, y: *y1 },
            Coord { x: *x2, y: *y2 },
        ));
        Ok(())
    })
}
