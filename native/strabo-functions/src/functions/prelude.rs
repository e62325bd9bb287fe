//! What every function file uses: the contract's types, argument markers, buffers and loops.
pub(super) use strabo_kernel::arg::{
    ArgType, ArrayOf, Binary, Boolean, Double, Geometry, GeometryWithSrid, Int, Items, Str,
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

/// The parameters of a relation between two geometries.
pub(super) const TWO_GEOMETRIES: &[Param] = &[
    Param::new("a", SqlType::Geometry, "The first geometry."),
    Param::new(
        "b",
        SqlType::Geometry,
        "The second geometry, with the SRID of the first.",
    ),
];

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
