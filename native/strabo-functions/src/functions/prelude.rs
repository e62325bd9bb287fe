//! What every function file uses: the contract's types, argument markers, buffers and loops.
pub(super) use strabo_kernel::arg::{
    ArgType, ArrayOf, BigInt, Binary, Boolean, Double, Geometry, GeometryWithSrid, Int, Items, Str,
};
pub(super) use strabo_kernel::columnar::{
    BinaryBuf, BoolBuf, ColumnBuf, ColumnView, GeomBuf, ListBuf, PointBuf, PrimBuf, RectBuf,
    Scalar, StringBuf,
};
pub(super) use strabo_kernel::map::map;
pub(super) use strabo_kernel::params::Rest;
pub(super) use strabo_kernel::{
    BatchFn, BindArgs, BindError, Category, Example, FunctionSpec, Implementation, KernelError,
    Nulls, Param, ResultSrid, Signature, SqlType,
};

pub(super) type Bound = Result<Box<dyn BatchFn>, BindError>;

/// The parameter of a function of one geometry.
pub(super) const GEOM: Param = Param::new("geom", SqlType::Geometry, "The geometry.");

/// The parameter of a function of a line string.
pub(super) const LINE: Param = Param::new("line", SqlType::Geometry, "The line string.");

/// The first of two geometries related or combined.
pub(super) const GEOM_A: Param = Param::new("a", SqlType::Geometry, "The first geometry.");

/// The second of two geometries related or combined.
pub(super) const GEOM_B: Param = Param::new(
    "b",
    SqlType::Geometry,
    "The second geometry, with the SRID of the first.",
);

/// The parameters of a relation between two geometries.
pub(super) const TWO_GEOMETRIES: &[Param] = &[GEOM_A, GEOM_B];

/// A count of a geometry's parts as Spark's INT. WKB counts are `u32`s; more than `i32::MAX`
/// parts cannot fit in a 2 GiB value.
pub(super) fn sql_count(count: usize) -> i32 {
    count.min(i32::MAX as usize) as i32
}

/// A `maxDecimalDigits` argument as the text writers take it: a negative count is 0, as in
/// PostGIS, and one past 255 is 255, more than any number needs for the shortest form that
/// reads back exactly (which is what a count past a number's own digits prints).
pub(super) fn decimal_digits(digits: i32) -> u8 {
    digits.clamp(0, u8::MAX.into()) as u8
}

/// Binds a reader of a format that names the SRID of what it holds (EWKT, EWKB, GeoJSON, GML),
/// for a signature of `ResultSrid::FromValue`: `read` appends the geometry of its one argument
/// to the buffer it is given as ISO WKB and returns the SRID, which the row's result gets. A
/// negative SRID is 0, PostGIS's "unknown" (older writers spell it -1).
pub(super) fn bind_reader<A, R>(args: &BindArgs, read: R) -> Bound
where
    A: ArgType,
    R: for<'a> Fn(&A::Item<'a>, &mut Vec<u8>) -> Result<i32, strabo_geom::GeomError>
        + Send
        + 'static,
{
    // The value's SRID comes first in the buffer, before its WKB: the WKB is read aside.
    let wkb = std::cell::RefCell::new(Vec::new());
    map::<(A,), GeomBuf, _>(args, move |(value,), out| {
        let mut wkb = wkb.borrow_mut();
        wkb.clear();
        let srid = read(value, &mut wkb).map_err(KernelError::at(0))?;
        out.set_srid(srid.max(0));
        out.push_wkb(|out| {
            out.extend_from_slice(&wkb);
            Ok::<(), KernelError>(())
        })
    })
}

/// A Spark built-in that Strabo documents and leaves in place.
pub(super) const fn spark(params: &'static [Param], returns: SqlType) -> Signature {
    Signature {
        params,
        returns,
        srid: ResultSrid::Shared,
        implementation: Implementation::Spark,
    }
}

/// A kernel error blaming the argument that a `strabo_geom` function of several blamed (its
/// parameters follow the SQL function's).
pub(super) fn blamed(error: strabo_geom::ArgError) -> KernelError {
    KernelError::at(error.arg)(error.error)
}

/// A predicate over two geometries, evaluated by `relation` (one of `strabo_geom::relate`'s
/// functions, passed as itself so that the batch loop calls it directly).
pub(super) fn bind_predicate<R>(args: &BindArgs, relation: R) -> Bound
where
    R: Fn(&strabo_geom::Geo, &strabo_geom::Geo) -> Result<bool, strabo_geom::relate::Invalid>
        + Send
        + 'static,
{
    map::<(Geometry, Geometry), BoolBuf, _>(args, move |(a, b), out| {
        let related =
            relation(a, b).map_err(|invalid| KernelError::at(invalid.arg)(invalid.error))?;
        out.push(related);
        Ok(())
    })
}

/// A bound of the geometry's 2D bounding box, picked from it by `bound`: NULL for an empty
/// geometry. The box is read from the coordinates in place.
pub(super) fn bind_box_bound(args: &BindArgs, bound: fn(&strabo_geom::Rect) -> f64) -> Bound {
    map::<(Geometry,), PrimBuf<f64>, _>(args, move |(g,), out| {
        match g.bbox() {
            Some(bbox) => out.push(bound(&bbox)),
            None => out.push_null(),
        }
        Ok(())
    })
}

/// GeoMesa's cast of a geometry to type `to`: the geometry as it is when it has that type (empty
/// or not), else an error naming the type it has.
pub(super) fn bind_cast(args: &BindArgs, to: strabo_geom::accessors::Kind) -> Bound {
    map::<(Geometry,), GeomBuf, _>(args, move |(g,), out| {
        let kind = strabo_geom::accessors::kind(g);
        if kind != to {
            return Err(KernelError::at(0)(strabo_geom::GeomError::Unsupported(
                format!(
                    "a {} cannot be cast to a {}",
                    kind.wkt_name(),
                    to.wkt_name()
                ),
            )));
        }
        out.push(g);
        Ok(())
    })
}

/// The non-NULL geometries of an array argument (PostGIS skips NULL items), and the SRID they
/// share (0 for none). Geometries of different SRIDs are refused, as for any geometry arguments
/// of one call.
pub(super) fn array_geometries<'a>(
    items: &Items<'a, Geometry>,
    arg: usize,
) -> Result<(Vec<strabo_geom::Geo<'a>>, i32), KernelError> {
    let mut srid = None;
    let mut geometries = Vec::with_capacity(items.len());
    for j in 0..items.len() {
        let Some(item) = items.get(j) else {
            continue;
        };
        geometries.push(item.map_err(KernelError::at(arg))?);
        let item_srid = items.srid(j).unwrap_or(0);
        match srid {
            None => srid = Some(item_srid),
            Some(first) if first != item_srid => {
                return Err(KernelError::at(arg)(strabo_geom::GeomError::MixedSrid(
                    first, item_srid,
                )))
            }
            Some(_) => {}
        }
    }
    Ok((geometries, srid.unwrap_or(0)))
}

/// The parameter of a measure on the Earth of one geometry.
pub(super) const LON_LAT_GEOMETRY: Param = Param::new(
    "geom",
    SqlType::Geometry,
    "The geometry, in longitude/latitude degrees (x = longitude, y = latitude).",
);

/// The parameters of a measure on the Earth between two geometries.
pub(super) const TWO_LON_LAT_GEOMETRIES: &[Param] = &[
    Param::new(
        "a",
        SqlType::Geometry,
        "The first geometry, in longitude/latitude degrees (x = longitude, y = latitude).",
    ),
    Param::new(
        "b",
        SqlType::Geometry,
        "The second geometry, in longitude/latitude degrees, with the SRID of the first.",
    ),
];

/// An optional double result: a value, or NULL for `None`.
pub(super) fn push_optional(out: &mut PrimBuf<f64>, value: Option<f64>) {
    match value {
        Some(value) => out.push(value),
        None => out.push_null(),
    }
}

/// The array parameter of GeoMesa's `st_aggregateDistance*` functions.
pub(super) const AGGREGATED_GEOMETRIES: Param = Param::new(
    "geoms",
    SqlType::Array(&SqlType::Geometry),
    "Geometries in longitude/latitude degrees, typically `collect_list(geom)` over a window of two rows; only the first two count.",
);

/// Whether a strabo-geom function takes `value` as a tolerance: finite and not negative.
pub(super) fn is_tolerance(value: f64) -> bool {
    value.is_finite() && value >= 0.0
}

/// Whom to blame for an error of a strabo-geom function that checks argument `param` before
/// it reads the geometry (argument 0): that argument if `refused` (the caller's test of the
/// value the function refuses), the geometry otherwise.
pub(super) fn blame(
    param: usize,
    refused: bool,
) -> impl FnOnce(strabo_geom::GeomError) -> KernelError {
    KernelError::at(if refused { param } else { 0 })
}

/// Appends a geometry a strabo-geom function computed, or NULL for `None`.
pub(super) fn push_or_null(out: &mut GeomBuf, geometry: Option<geo::Geometry<f64>>) {
    match geometry {
        Some(geometry) => out.push_geometry(&geometry),
        None => out.push_null(),
    }
}
