use strabo_geom::geohash::{cell_polygon, Precision};

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_geomFromGeoHash",
    aliases: &["st_box2DFromGeoHash"],
    category: Category::Grids,
    signatures: &[Signature::new(&[HASH, BITS], SqlType::Geometry, Implementation::Scalar(bind))
        .srid(ResultSrid::Fixed(4326))],
    nulls: Nulls::Strict(None),
    summary: "The cell of a geohash as a polygon in longitude and latitude, with SRID 4326.",
    details: concat!(
        "GeoMesa's `st_geomFromGeoHash` (and `st_box2DFromGeoHash`): the polygon (xmin ymin, \
         xmin ymax, xmax ymax, xmax ymin, xmin ymin) of the cell, with SRID 4326 (GeoMesa and \
         Sedona give SRID 0).",
        geohash_precision_doc!(),
        " PostGIS's `ST_Box2dFromGeoHash` returns a `box2d`."
    ),
    examples: &[
        Example {
            sql: "st_geomFromGeoHash('ezs42')",
            result: "POLYGON((-5.625 42.5830078125,-5.625 42.626953125,-5.5810546875 42.626953125,-5.5810546875 42.5830078125,-5.625 42.5830078125))",
        },
        Example {
            sql: "st_geomFromGeoHash('s00twy01mt', 20)",
            result: "POLYGON((0.703125 0.87890625,0.703125 1.0546875,1.0546875 1.0546875,1.0546875 0.87890625,0.703125 0.87890625))",
        },
        Example {
            sql: "st_srid(st_box2DFromGeoHash('ezs42', 25))",
            result: "4326",
        },
    ],
};

/// The parameters of a geohash decoder.
pub(super) const HASH: Param = Param::new(
    "hash",
    SqlType::String,
    "A geohash, e.g. 'ezs42'; upper case reads as lower case.",
);
pub(super) const BITS: Param = Param::new(
    "bits",
    SqlType::Int,
    "How many bits of the hash to read, 1 to 63 (5 bits a character); the whole hash when left out.",
)
.optional();

/// Binds a decoder of geohash cells, `decode`, to its arguments: a hash, and maybe a precision.
pub(super) fn bind_decoder<G>(
    args: &BindArgs,
    decode: fn(&str, Precision) -> Result<G, strabo_geom::GeomError>,
) -> Bound
where
    G: geo_traits::GeometryTrait<T = f64> + 'static,
{
    if args.len() == 1 {
        return map::<(Str,), GeomBuf, _>(args, move |(hash,), out| {
            out.push_geometry(&decode(hash, Precision::Full).map_err(KernelError::at(0))?);
            Ok(())
        });
    }
    map::<(Str, Int), GeomBuf, _>(args, move |(hash, bits), out| {
        let precision = Precision::bits(*bits).map_err(KernelError::at(1))?;
        out.push_geometry(&decode(hash, precision).map_err(KernelError::at(0))?);
        Ok(())
    })
}

fn bind(args: &BindArgs) -> Bound {
    bind_decoder(args, cell_polygon)
}
