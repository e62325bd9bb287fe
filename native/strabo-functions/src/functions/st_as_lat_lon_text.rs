use strabo_geom::lat_lon::{LatLonFormat, DEFAULT_FORMAT};
use strabo_geom::Geo;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_asLatLonText",
    aliases: &[],
    category: Category::Outputs,
    signatures: &[Signature::new(
        &[
            Param::new(
                "point",
                SqlType::Geometry,
                "The point: x the longitude and y the latitude, in degrees.",
            ),
            Param::new(
                "format",
                SqlType::String,
                "PostGIS's format, e.g. 'D.DDDD degrees C'; degrees, minutes and seconds to 3 decimals when left out or empty.",
            )
            .optional(),
        ],
        SqlType::String,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The point's latitude then longitude as degrees, minutes and seconds.",
    details: "PostGIS's `ST_AsLatLonText(point, format)`. In the format, `D`, `M` and `S` \
              stand for degrees, minutes and seconds, repeated for the digits after a `.` \
              (`DDD.DD`: at least 3 characters, 2 decimals); `C` for the cardinal direction \
              (N, S, E, W), without which a negative value has a minus sign; anything else is \
              copied. Without `M` the degrees carry the fraction, without `S` the minutes. A \
              latitude past a pole comes back down the other side and the longitude is wrapped \
              into -180..180, as in PostGIS; the SRID is not checked. A geometry that is not a \
              point, an empty point, a non-finite coordinate, and a format without `D`, with a \
              token twice, with `S` but no `M` or longer than 1024 bytes raise \
              `IllegalArgumentException`; Z and M are ignored. GeoMesa's `st_asLatLonText` \
              takes no format and floors the degrees, which puts a negative coordinate a degree \
              off (`3°40'30.072\"S` for a latitude of -2.32498, where PostGIS and Strabo write \
              `2°19'29.928\"S`).",
    examples: &[
        Example {
            sql: "st_asLatLonText(st_point(-3.2342342, -2.32498))",
            result: r#"2°19'29.928"S 3°14'3.243"W"#,
        },
        Example {
            sql: "st_asLatLonText(st_point(-3.2342342, -2.32498), 'D degrees, M minutes, S seconds to the C')",
            result: "2 degrees, 19 minutes, 30 seconds to the S 3 degrees, 14 minutes, 3 seconds to the W",
        },
        Example {
            sql: "st_asLatLonText(st_point(-3.2342342, -2.32498), 'D.DDDD')",
            result: "-2.3250 -3.2342",
        },
        Example {
            sql: "st_asLatLonText(st_point(-302.2342342, -792.32498))",
            result: r#"72°19'29.928"S 57°45'56.757"E"#,
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    // A constant format, the usual case, is parsed once per task.
    let constant = match args.constant(1) {
        None if args.len() == 1 => Some(LatLonFormat::parse(DEFAULT_FORMAT)),
        Some(Scalar::String(format)) => Some(LatLonFormat::parse(format)),
        _ => None,
    };
    let constant = constant
        .transpose()
        .map_err(|error| BindError::Constant { arg: 1, error })?;
    if let Some(format) = constant {
        if args.len() == 1 {
            return map::<(Geometry,), StringBuf, _>(args, move |(point,), out| {
                write(&format, point, out)
            });
        }
        return map::<(Geometry, Str), StringBuf, _>(args, move |(point, _), out| {
            write(&format, point, out)
        });
    }
    map::<(Geometry, Str), StringBuf, _>(args, |(point, format), out| {
        let format = LatLonFormat::parse(format).map_err(KernelError::at(1))?;
        write(&format, point, out)
    })
}

fn write(format: &LatLonFormat, point: &Geo, out: &mut StringBuf) -> Result<(), KernelError> {
    out.push(&format.write(point).map_err(KernelError::at(0))?);
    Ok(())
}
