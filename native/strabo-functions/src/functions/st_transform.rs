use std::cell::RefCell;

use strabo_crs::TransformCache;
use strabo_geom::{Geo, GeomError, GeometryVisitor};

use super::prelude::*;

const TO: Param = Param::new(
    "to",
    SqlType::String,
    "The target coordinate reference system: 'EPSG:3857', an SRID as text, an OGC URN or URL, or 'CRS:84'.",
);

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_transform",
    aliases: &[],
    category: Category::CoordinateSystems,
    signatures: &[
        Signature::new(&[GEOM, TO], SqlType::Geometry, Implementation::Scalar(bind_to))
            .srid(ResultSrid::Crs(1)),
        Signature::new(
            &[
                GEOM,
                Param::new("srid", SqlType::Int, "The SRID (EPSG code) of the target system."),
            ],
            SqlType::Geometry,
            Implementation::Scalar(bind_to_srid),
        )
        .srid(ResultSrid::Crs(1)),
        Signature::new(
            &[
                GEOM,
                Param::new(
                    "from",
                    SqlType::String,
                    "The coordinate reference system the coordinates are in, whatever the geometry's SRID.",
                ),
                TO,
            ],
            SqlType::Geometry,
            Implementation::Scalar(bind_from_to),
        )
        .srid(ResultSrid::Crs(2)),
    ],
    nulls: Nulls::Strict(None),
    summary: "The geometry with its coordinates transformed into another coordinate reference system.",
    details: "PostGIS's `ST_Transform(geom, srid)`, Sedona's `ST_Transform(geom, 'EPSG:3857')` \
              and GeoMesa's `st_transform(geom, from, to)`. Without `from`, the source is the \
              geometry's SRID, which must not be 0. Every EPSG code of the `crs-definitions` \
              table that needs no grid file is served (about 5,700: every UTM zone, Web \
              Mercator, the national grids), by `proj4rs` with no network and no system PROJ: \
              a pure-Rust port of PROJ.4 that applies the datum shift of each code's \
              definition, so a grid PostGIS may have installed (OSTN15 for 27700) is not used. \
              Coordinates are x = longitude, y = latitude for geographic systems, as PostGIS \
              and Sedona have them. Z and M are kept. The result's SRID is the target's; a \
              constant target is parsed once per task. A pole in Mercator goes where PROJ puts \
              it (latitude 90 in 3857: y = 242528680.94), as in PostGIS and GeoPandas. A \
              point outside the target's domain (latitude 95, the far hemisphere of a polar \
              stereographic projection) or an unknown code raises `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_transform(st_point(2.35, 48.85, 4326), 'EPSG:3857')",
            result: "POINT(261600.8033641929 6249447.752791279)",
        },
        Example {
            sql: "st_transform(st_point(500000, 0), 'EPSG:32631', 'EPSG:4326')",
            result: "POINT(2.9999999999999916 0)",
        },
    ],
};

fn bind_to(args: &BindArgs) -> Bound {
    let target = constant_crs(args, 1)?;
    let cache = RefCell::new(TransformCache::new());
    map::<(Geometry, Str), GeomBuf, _>(args, move |(geometry, to), out| {
        let mut cache = cache.borrow_mut();
        let target = match target {
            Some(srid) => srid,
            None => cache.srid_of(to).map_err(KernelError::at(1))?,
        };
        let source = source_srid(out.srid())?;
        transform(&mut cache, source, target, geometry, out)
    })
}

fn bind_to_srid(args: &BindArgs) -> Bound {
    let cache = RefCell::new(TransformCache::new());
    map::<(Geometry, Int), GeomBuf, _>(args, move |(geometry, target), out| {
        let source = source_srid(out.srid())?;
        transform(&mut cache.borrow_mut(), source, *target, geometry, out)
    })
}

fn bind_from_to(args: &BindArgs) -> Bound {
    let (from, to) = (constant_crs(args, 1)?, constant_crs(args, 2)?);
    let cache = RefCell::new(TransformCache::new());
    map::<(Geometry, Str, Str), GeomBuf, _>(args, move |(geometry, from_text, to_text), out| {
        let mut cache = cache.borrow_mut();
        let source = match from {
            Some(srid) => srid,
            None => cache.srid_of(from_text).map_err(KernelError::at(1))?,
        };
        let target = match to {
            Some(srid) => srid,
            None => cache.srid_of(to_text).map_err(KernelError::at(2))?,
        };
        transform(&mut cache, source, target, geometry, out)
    })
}

/// The SRID a constant CRS argument names, parsed once.
fn constant_crs(args: &BindArgs, index: usize) -> Result<Option<i32>, BindError> {
    match args.constant(index) {
        Some(Scalar::String(text)) => strabo_crs::srid_of(text)
            .map(Some)
            .map_err(|error| BindError::Constant { arg: index, error }),
        _ => Ok(None),
    }
}

fn source_srid(srid: i32) -> Result<i32, KernelError> {
    if srid == 0 {
        return Err(KernelError::at(0)(GeomError::InvalidParameter(
            "the geometry has SRID 0, so its coordinate system is unknown: give it one with \
             st_setSRID, or name it: st_transform(geom, from, to)"
                .into(),
        )));
    }
    Ok(srid)
}

fn transform(
    cache: &mut TransformCache,
    source: i32,
    target: i32,
    geometry: &Geo,
    out: &mut GeomBuf,
) -> Result<(), KernelError> {
    let transform = cache.get(source, target).map_err(KernelError::at(0))?;
    out.set_srid(target);
    if let Some(coord) = geometry.as_point() {
        let moved = transform
            .transform_coord(coord)
            .map_err(KernelError::at(0))?;
        out.push(&Geo::Point(moved));
        return Ok(());
    }
    let moved = transformed(transform, geometry).map_err(KernelError::at(0))?;
    out.push_geometry(&moved);
    Ok(())
}

/// The geometry with its coordinates transformed, Z and M kept.
pub(super) fn transformed(
    transform: &strabo_crs::Transform,
    geometry: &Geo,
) -> Result<wkt::Wkt<f64>, GeomError> {
    struct Keeping<'t>(&'t strabo_crs::Transform);
    impl GeometryVisitor for Keeping<'_> {
        type Output = Result<wkt::Wkt<f64>, GeomError>;
        fn visit<G: geo_traits::GeometryTrait<T = f64>>(self, geometry: &G) -> Self::Output {
            self.0.transform_keeping_zm(geometry)
        }
    }
    geometry.visit(Keeping(transform))
}
