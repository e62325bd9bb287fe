//! What functions of the same shape share: parameter lists, and adapters from `strabo-geom`
//! kernels to the registry's kernel signature.
use strabo_geom::{Geom, GeomError};

use crate::{Args, KernelError, Kind, Param, Value};

pub(super) const GEOMETRY: &[Param] = &[Param {
    name: "geom",
    kind: Kind::Geometry,
}];

pub(super) const TWO_GEOMETRIES: &[Param] = &[
    Param {
        name: "a",
        kind: Kind::Geometry,
    },
    Param {
        name: "b",
        kind: Kind::Geometry,
    },
];

type Outcome = Result<Option<Value<'static>>, KernelError>;

/// geometry → double
pub(super) fn measure(args: &Args, f: fn(&Geom) -> Result<f64, GeomError>) -> Outcome {
    Ok(Some(Value::Double(
        f(args.geom(0)).map_err(KernelError::at(0))?,
    )))
}

/// geometry → double or NULL
pub(super) fn optional_measure(
    args: &Args,
    f: fn(&Geom) -> Result<Option<f64>, GeomError>,
) -> Outcome {
    Ok(f(args.geom(0))
        .map_err(KernelError::at(0))?
        .map(Value::Double))
}

/// (geometry, geometry) → double (or NULL)
pub(super) fn measure2(
    args: &Args,
    f: fn(&Geom, &Geom) -> Result<Option<f64>, GeomError>,
) -> Outcome {
    Ok(f(args.geom(0), args.geom(1))?.map(Value::Double))
}

/// (geometry, geometry) → boolean
pub(super) fn predicate(args: &Args, f: fn(&Geom, &Geom) -> Result<bool, GeomError>) -> Outcome {
    Ok(Some(Value::Boolean(f(args.geom(0), args.geom(1))?)))
}
