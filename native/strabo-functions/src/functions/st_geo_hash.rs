use strabo_geom::geohash::{geohash, precision};

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_geoHash",
    aliases: &[],
    category: Category::Outputs,
    signatures: &[Signature {
        params: &[
            GEOM,
            Param::new(
                "precision",
                SqlType::Int,
                "Bits of precision, 1 to 63; 5 bits make one character.",
            ),
        ],
        returns: SqlType::String,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(Some("the geometry is empty")),
    summary: "The geohash of the geometry's centroid, with `precision` bits.",
    details: "As GeoMesa's `st_geoHash`: the precision is in bits, not characters (25 bits are 5 \
              characters), the point hashed is the centroid (the centre of the bounding box if \
              the centroid is not finite), and bits that do not fill a last character are \
              padded with zeros. Coordinates must be longitude and latitude: outside [-180, \
              180] × [-90, 90], or a precision outside 1 to 63, raises \
              `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_geoHash(st_point(-5.6, 42.6), 25)",
            result: "ezs42",
        },
        Example {
            sql: "st_geoHash(st_makeBBOX(-5.7, 42.5, -5.5, 42.7), 15)",
            result: "ezs",
        },
        Example {
            sql: "st_geoHash(st_geomFromWKT('POINT EMPTY'), 25)",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Int), StringBuf, _>(args, |(g, bits), out| {
        let bits = precision(*bits).map_err(KernelError::at(1))?;
        match geohash(g, bits).map_err(KernelError::at(0))? {
            Some(hash) => out.push(&hash),
            None => out.push_null(),
        }
        Ok(())
    })
}
