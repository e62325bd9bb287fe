//! Adapters from `strabo-geom` kernels to the registry's kernel signature, shared by the
//! functions of the same shape.
use strabo_geom::{Geom, GeomError};

use crate::{Args, KernelError, Value};

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
