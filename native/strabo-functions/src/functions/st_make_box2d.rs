use strabo_geom::accessors::{kind, x, y, Kind};
use strabo_geom::envelope::corners_box;
use strabo_geom::{Coord, Geo, GeomError};

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_makeBox2D",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[Signature::new(
        &[
            Param::new(
                "lowerLeft",
                SqlType::Geometry,
                "A point at one corner of the box.",
            ),
            Param::new(
                "upperRight",
                SqlType::Geometry,
                "A point at the opposite corner, with the SRID of the first.",
            ),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The box spanned by two points, as a geometry with their SRID.",
    details: "GeoMesa's `st_makeBox2D`: the box of the two points, whichever corners they are, \
              drawn as JTS draws an envelope: the polygon (xmin ymin, xmin ymax, xmax ymax, \
              xmax ymin, xmin ymin), or a line or a point when the box has no width or height. \
              Z and M are dropped. A geometry that is not a point, an empty point, or NaN or \
              infinite coordinates raise `IllegalArgumentException`. PostGIS's and Sedona's \
              `ST_MakeBox2D` return a `box2d` instead of a geometry (and Sedona returns NULL for \
              an empty point).",
    examples: &[
        Example {
            sql: "st_makeBox2D(st_point(0, 0), st_point(2, 1))",
            result: "POLYGON((0 0,0 1,2 1,2 0,0 0))",
        },
        Example {
            sql: "st_makeBox2D(st_point(2, 1), st_point(0, 0))",
            result: "POLYGON((0 0,0 1,2 1,2 0,0 0))",
        },
        Example {
            sql: "st_makeBox2D(st_point(1, 5), st_point(1, 0))",
            result: "LINESTRING(1 0,1 5)",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Geometry), GeomBuf, _>(args, |(a, b), out| {
        let (a, b) = (
            corner(a).map_err(KernelError::at(0))?,
            corner(b).map_err(KernelError::at(1))?,
        );
        out.push_geometry(&corners_box(a, b)?);
        Ok(())
    })
}

/// The X and Y of a non-empty point.
fn corner(geometry: &Geo) -> Result<Coord, GeomError> {
    let found = kind(geometry);
    if found != Kind::Point {
        return Err(GeomError::Unsupported(format!(
            "a corner of a box is a point, not a {}",
            found.wkt_name()
        )));
    }
    match (x(geometry), y(geometry)) {
        (Some(x), Some(y)) => Ok(Coord { x, y }),
        _ => Err(GeomError::InvalidParameter(
            "a corner of a box is a point, not POINT EMPTY".into(),
        )),
    }
}
