use strabo_geom::geohash::cell_centre;

use super::prelude::*;
use super::st_geom_from_geo_hash::{bind_decoder, BITS, HASH};

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_pointFromGeoHash",
    aliases: &[],
    category: Category::Grids,
    signatures: &[Signature::new(
        &[HASH, BITS],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )
    .srid(ResultSrid::Fixed(4326))],
    nulls: Nulls::Strict(None),
    summary: "The centre of a geohash's cell as a point in longitude and latitude, with SRID 4326.",
    details: concat!(
        "GeoMesa's and Sedona's `st_pointFromGeoHash`: the centre of the cell that \
         `st_geomFromGeoHash` draws, with SRID 4326 (GeoMesa and Sedona give SRID 0).",
        geohash_precision_doc!()
    ),
    examples: &[
        Example {
            sql: "st_pointFromGeoHash('ezs42')",
            result: "POINT(-5.60302734375 42.60498046875)",
        },
        Example {
            sql: "st_pointFromGeoHash('s00twy01mt', 20)",
            result: "POINT(0.87890625 0.966796875)",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_decoder(args, cell_centre)
}
