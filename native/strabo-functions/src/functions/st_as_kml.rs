use std::cell::RefCell;

use strabo_crs::TransformCache;
use strabo_geom::kml::{self, DEFAULT_MAX_DECIMAL_DIGITS};
use strabo_geom::Geo;

use super::prelude::*;
use super::st_transform::transformed;

/// KML's coordinates are longitude and latitude on WGS 84.
const WGS84: i32 = 4326;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_asKML",
    aliases: &[],
    category: Category::Outputs,
    signatures: &[Signature::new(
        &[
            GEOM,
            Param::new(
                "maxDecimalDigits",
                SqlType::Int,
                "Decimal digits to round coordinates to; 15 when left out.",
            )
            .optional(),
        ],
        SqlType::String,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(Some("the geometry is empty")),
    summary: "The geometry as a KML 2.2 geometry element, in longitude and latitude.",
    details: "As PostGIS's `ST_AsKML(geom, maxdecimaldigits)` writes it: no namespace prefix, \
              `<coordinates>lon,lat[,z] …</coordinates>` rounded to `maxDecimalDigits` decimals \
              (a negative count is 0), Z kept and M dropped, multi-geometries and collections \
              as a `<MultiGeometry>` of their members. KML is longitude and latitude on WGS 84, \
              so, as PostGIS does, a geometry of another SRID is first transformed to 4326 (as \
              `st_transform` transforms it; an SRID it does not know, or a point outside the \
              system's domain, raises `IllegalArgumentException`). SRID 0 is taken to be \
              longitude and latitude already, as Sedona's `ST_AsKML` takes every geometry, \
              where PostGIS raises an error. An empty geometry gives NULL, as in PostGIS, and \
              empty members and holes are left out; NaN or infinite coordinates raise \
              `IllegalArgumentException`. PostGIS's namespace prefix is not supported.",
    examples: &[
        Example {
            sql: "st_asKML(st_point(2.35, 48.85, 4326))",
            result: "<Point><coordinates>2.35,48.85</coordinates></Point>",
        },
        Example {
            sql: "st_asKML(st_point(261600.8033641929, 6249447.752791279, 3857), 6)",
            result: "<Point><coordinates>2.35,48.85</coordinates></Point>",
        },
        Example {
            sql: "st_asKML(st_geomFromWKT('MULTIPOINT((0 0),(1.5 2))'))",
            result: "<MultiGeometry><Point><coordinates>0,0</coordinates></Point><Point><coordinates>1.5,2</coordinates></Point></MultiGeometry>",
        },
        Example {
            sql: "st_asKML(st_geomFromWKT('POLYGON EMPTY'))",
            result: "NULL",
        },
    ],
};

/// What a task keeps from row to row: the transformations to 4326 it has built, and the WKB
/// of the last geometry it transformed.
#[derive(Default)]
struct ToWgs84 {
    transforms: TransformCache,
    wkb: Vec<u8>,
}

fn bind(args: &BindArgs) -> Bound {
    let state = RefCell::new(ToWgs84::default());
    if args.len() == 1 {
        return map::<(GeometryWithSrid,), StringBuf, _>(args, move |((g, srid),), out| {
            write(
                &mut state.borrow_mut(),
                g,
                *srid,
                DEFAULT_MAX_DECIMAL_DIGITS,
                out,
            )
        });
    }
    map::<(GeometryWithSrid, Int), StringBuf, _>(args, move |((g, srid), digits), out| {
        write(
            &mut state.borrow_mut(),
            g,
            *srid,
            decimal_digits(*digits),
            out,
        )
    })
}

fn write(
    state: &mut ToWgs84,
    geometry: &Geo,
    srid: i32,
    digits: u8,
    out: &mut StringBuf,
) -> Result<(), KernelError> {
    let text = if srid == 0 || srid == WGS84 {
        kml::to_string(geometry, digits)
    } else {
        let transform = state
            .transforms
            .get(srid, WGS84)
            .map_err(KernelError::at(0))?;
        let moved = transformed(transform, geometry).map_err(KernelError::at(0))?;
        state.wkb.clear();
        strabo_geom::write_wkb(&moved, &mut state.wkb);
        let moved = Geo::read(&state.wkb).map_err(KernelError::at(0))?;
        kml::to_string(&moved, digits)
    };
    match text.map_err(KernelError::at(0))? {
        Some(text) => out.push(&text),
        None => out.push_null(),
    }
    Ok(())
}
