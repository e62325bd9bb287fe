//! The typed batch loop: a kernel written for one row becomes a batch function.
//!
//! `map::<(Geometry, Geometry), BoolBuf, _>(args, |(a, b), out| …)` binds the constant
//! arguments once, then evaluates each batch in one loop compiled for that kernel, with each
//! argument read either as a bound constant or from its column. The parameters are a tuple of
//! any length (a variadic [`Rest`](crate::params::Rest) last), so any signature has the same
//! loop. The loop handles NULLs (any NULL argument gives NULL), SRIDs (geometries of one call
//! must share one; a geometry result gets the SRID its signature declares), and turns errors
//! into [`RowError`]s that name the row and the argument at fault.
use strabo_columnar::{BitBuf, ColumnBuf, ColumnView, PrimView, Scalar, Validity};
use strabo_geom::GeomError;

use crate::arg::Srids;
use crate::bind::{BatchFn, BindArgs, Output};
use crate::error::{BindError, KernelError, RowError};
use crate::params::{Params, RowSrids, SridList, Validities};
use crate::spec::ResultSrid;

/// Rows valid in every argument: borrowed when at most one argument has NULLs, computed into
/// `scratch` otherwise.
pub(crate) fn combine<'s>(
    scratch: &'s mut BitBuf,
    rows: usize,
    parts: &[Validity<'s>],
) -> Validity<'s> {
    let mut partial = parts.iter().filter(|v| !matches!(v, Validity::AllValid));
    let Some(first) = partial.next() else {
        return Validity::AllValid;
    };
    if parts.iter().any(|v| matches!(v, Validity::AllNull)) {
        return Validity::AllNull;
    }
    if partial.next().is_none() {
        return *first;
    }
    scratch.clear();
    for i in 0..rows {
        scratch.push(parts.iter().all(|v| v.is_valid(i)));
    }
    scratch.validity()
}

/// The SRID of a batch's geometry arguments when none varies by row: `None` when one does.
pub(crate) fn batch_srid(srids: &[Srids]) -> Option<Result<i32, GeomError>> {
    let mut fixed = Vec::with_capacity(srids.len());
    for srid in srids {
        match srid {
            Srids::None => {}
            Srids::Fixed(srid) => fixed.push(Some(*srid)),
            Srids::PerRow => return None,
        }
    }
    Some(common_srid(fixed))
}

/// The SRID of a row's geometry arguments, which must agree (0 when there are none).
#[inline(always)]
pub(crate) fn common_srid(srids: impl IntoIterator<Item = Option<i32>>) -> Result<i32, GeomError> {
    let mut common = None;
    for srid in srids.into_iter().flatten() {
        match common {
            None => common = Some(srid),
            Some(first) if first != srid => return Err(GeomError::MixedSrid(first, srid)),
            Some(_) => {}
        }
    }
    Ok(common.unwrap_or(0))
}

/// Where the SRID of each row's result comes from, in one batch.
#[derive(Clone, Copy)]
enum SridFrom<'s> {
    /// The SRID the geometry arguments share.
    Shared,
    Fixed(i32),
    /// An INT column.
    Column(PrimView<'s, i32>),
}

/// The result SRID rule of a call, as bound: a constant INT argument is read once.
#[derive(Clone, Copy)]
enum SridRule {
    Shared,
    Fixed(i32),
    IntArg(usize),
}

impl SridRule {
    fn bind(args: &BindArgs) -> Result<SridRule, BindError> {
        Ok(match args.srid() {
            // The kernel sets it: it parses the CRS, or reads the SRID from the value.
            ResultSrid::Shared | ResultSrid::Crs(_) | ResultSrid::FromValue => SridRule::Shared,
            ResultSrid::Fixed(srid) => SridRule::Fixed(srid),
            ResultSrid::Arg(index) => match args.constant(index) {
                Some(Scalar::Int(srid)) => SridRule::Fixed(*srid),
                // A NULL SRID makes every row NULL, as any NULL constant does.
                Some(Scalar::Null) | None => SridRule::IntArg(index),
                Some(other) => {
                    return Err(BindError::Program(format!(
                        "the SRID argument {index} is not an INT: {other:?}"
                    )))
                }
            },
        })
    }

    fn batch<'s>(self, args: &[Option<&'s ColumnView<'s>>]) -> Result<SridFrom<'s>, RowError> {
        Ok(match self {
            SridRule::Shared => SridFrom::Shared,
            SridRule::Fixed(srid) => SridFrom::Fixed(srid),
            SridRule::IntArg(index) => match args.get(index).copied().flatten() {
                Some(ColumnView::Int(column)) => SridFrom::Column(*column),
                _ => {
                    return Err(RowError {
                        row: 0,
                        error: KernelError::at(index)(GeomError::InvalidParameter(
                            "the SRID argument is not an INT column".into(),
                        )),
                    })
                }
            },
        })
    }
}

/// A kernel bound to one call.
pub struct Map<P: Params, O, F> {
    f: F,
    bound: P::Bound,
    null_constant: bool,
    srid: SridRule,
    out: O,
    valid: BitBuf,
}

/// Binds a kernel written for one row. `f` gets each row's arguments as a tuple (one value per
/// element of `P`), by reference (a geometry is a 56-byte value; references keep the loop's
/// registers free), and writes exactly one value (or NULL) to `out`.
pub fn map<P: Params, O: ColumnBuf, F>(args: &BindArgs, f: F) -> Result<Box<dyn BatchFn>, BindError>
where
    F: for<'a, 'r> Fn(&'r P::Items<'a>, &mut O) -> Result<(), KernelError> + Send + 'static,
{
    let mut null_constant = false;
    let bound = P::bind(args, &mut null_constant)?;
    Ok(Box::new(Map::<P, O, F> {
        f,
        bound,
        null_constant,
        srid: SridRule::bind(args)?,
        out: O::default(),
        valid: BitBuf::default(),
    }))
}

impl<P: Params, O: ColumnBuf, F> BatchFn for Map<P, O, F>
where
    F: for<'a, 'r> Fn(&'r P::Items<'a>, &mut O) -> Result<(), KernelError> + Send + 'static,
    P::Bound: Send,
{
    fn eval(&mut self, args: &[Option<&ColumnView<'_>>], rows: usize) -> Result<(), RowError> {
        let Self {
            f,
            bound,
            null_constant,
            srid,
            out,
            valid,
        } = self;
        out.clear();
        if *null_constant {
            (0..rows).for_each(|_| out.push_null());
            out.seal();
            return Ok(());
        }
        let readers = P::readers(bound, args)?;
        let mut validities = Validities::new();
        P::validities(&readers, &mut validities);
        let validity = combine(valid, rows, &validities);
        let mut srids = SridList::new();
        P::srids(&readers, &mut srids);
        let srid_from = srid.batch(args)?;
        out.reserve(rows);
        // Geometry SRIDs are checked once per batch unless a column has one per row.
        let fixed = batch_srid(&srids);
        if let (Some(Ok(shared)), SridFrom::Shared) = (&fixed, srid_from) {
            out.set_srid(*shared);
        }
        if let SridFrom::Fixed(srid) = srid_from {
            out.set_srid(srid);
        }
        let mut row_srids = RowSrids::new();
        for row in 0..rows {
            if !validity.is_valid(row) {
                out.push_null();
                continue;
            }
            let shared = match &fixed {
                Some(Ok(_)) => None,
                Some(Err(error)) => {
                    return Err(RowError {
                        row,
                        error: error.clone().into(),
                    })
                }
                None => {
                    row_srids.clear();
                    P::row_srids(&readers, row, &mut row_srids);
                    Some(
                        common_srid(row_srids.iter().copied()).map_err(|error| RowError {
                            row,
                            error: error.into(),
                        })?,
                    )
                }
            };
            match srid_from {
                SridFrom::Shared => {
                    if let Some(shared) = shared {
                        out.set_srid(shared);
                    }
                }
                SridFrom::Fixed(_) => {}
                SridFrom::Column(column) => {
                    if !column.validity.is_valid(row) {
                        out.push_null();
                        continue;
                    }
                    out.set_srid(column.values[row]);
                }
            }
            let items = P::read(&readers, row)?;
            f(&items, out).map_err(|error| RowError { row, error })?;
        }
        out.seal();
        if ColumnBuf::len(out) != rows {
            return Err(RowError {
                row: rows.min(ColumnBuf::len(out)),
                error: KernelError::from(GeomError::InvalidParameter(format!(
                    "internal error: the kernel wrote {} values for {rows} rows",
                    ColumnBuf::len(out)
                ))),
            });
        }
        Ok(())
    }

    fn output(&self) -> &dyn Output {
        &self.out
    }

    fn output_mut(&mut self) -> &mut dyn Output {
        &mut self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arg::{Double, Geometry, GeometryWithSrid};
    use crate::bind::BoundArg;
    use crate::params::Rest;
    use strabo_columnar::row::RowWriter;
    use strabo_columnar::{BoolBuf, GeomBuf, GeomEncoding, Physical, PointBuf, PrimBuf, StringBuf};
    use strabo_geom::{relate, Coord};

    fn point_wkb(x: f64, y: f64) -> Vec<u8> {
        let mut out = 0i32.to_le_bytes().to_vec();
        strabo_geom::Geo::Point(Coord { x, y }).write_wkb(&mut out);
        out
    }

    #[test]
    fn constants_and_columns_in_every_combination() {
        let square = {
            let mut out = Vec::new();
            strabo_geom::write_wkb(
                &strabo_geom::Rect::new(Coord { x: 0., y: 0. }, Coord { x: 4., y: 4. }),
                &mut out,
            );
            out
        };
        let geometry = Physical::Geometry(GeomEncoding::SridWkb);
        let kernel = |(a, b): &(strabo_geom::Geo, strabo_geom::Geo), out: &mut BoolBuf| {
            out.push(relate::contains(a, b).unwrap());
            Ok(())
        };
        let columns = [BoundArg::Column(geometry), BoundArg::Column(geometry)];
        let constant_first = [
            BoundArg::Constant(Scalar::Geometry(0, square.clone())),
            BoundArg::Column(geometry),
        ];
        for args in [&columns[..], &constant_first[..]] {
            let mut f =
                map::<(Geometry, Geometry), BoolBuf, _>(&BindArgs::new(args), kernel).unwrap();
            let mut a = 0i32.to_le_bytes().to_vec();
            a.extend(&square);
            let rows = [(1.0, 1.0), (5.0, 5.0)];
            let mut decoder = strabo_columnar::row::RowsDecoder::new(vec![geometry, geometry]);
            for (index, &(x, y)) in rows.iter().enumerate() {
                let buffer = RowWriter::default()
                    .bytes(&a)
                    .bytes(&point_wkb(x, y))
                    .finish();
                decoder.decode(&buffer, 1).unwrap();
                let views: Vec<ColumnView> = decoder.views().collect();
                let args: Vec<Option<&ColumnView>> = views
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        if matches!(args[i], BoundArg::Constant(_)) {
                            None
                        } else {
                            Some(v)
                        }
                    })
                    .collect();
                f.eval(&args, 1).unwrap();
                let mut encoded = Vec::new();
                f.output().encode(0, &mut encoded);
                assert_eq!(encoded, [0, (index == 0) as u8]);
            }
        }
    }

    #[test]
    fn nulls_srids_and_errors() {
        let args = [
            BoundArg::Column(Physical::Double),
            BoundArg::Column(Physical::Double),
        ];
        let mut point = map::<(Double, Double), PointBuf, _>(
            &BindArgs::new(&args),
            |(x, y), out: &mut PointBuf| {
                out.push(Coord { x: *x, y: *y });
                Ok(())
            },
        )
        .unwrap();
        let xs = [1.0, 2.0, 3.0];
        let x_valid = {
            let mut b = BitBuf::default();
            [true, false, true].into_iter().for_each(|v| b.push(v));
            b
        };
        let x = ColumnView::Double(strabo_columnar::PrimView {
            values: &xs,
            validity: x_valid.validity(),
        });
        let y = ColumnView::Double(strabo_columnar::PrimView {
            values: &xs,
            validity: Validity::AllValid,
        });
        point.eval(&[Some(&x), Some(&y)], 3).unwrap();
        let ColumnView::Geometry(points) = point.output().view() else {
            panic!()
        };
        assert!(!points.validity.is_valid(1));
        assert_eq!(
            points.geo(2).unwrap().as_point(),
            Some(Coord { x: 3.0, y: 3.0 })
        );

        let mut area = map::<(Geometry,), PrimBuf<f64>, _>(
            &BindArgs::new(&[BoundArg::Column(Physical::Geometry(GeomEncoding::SridWkb))]),
            |(g,), out: &mut PrimBuf<f64>| {
                out.push(strabo_geom::measure::area(g));
                Ok(())
            },
        )
        .unwrap();
        let points = point.output().view();
        let err = area.eval(&[Some(&points)], 3).err();
        assert!(err.is_none(), "points have an area of 0: {err:?}");
        let bad = ColumnView::Double(strabo_columnar::PrimView {
            values: &xs,
            validity: Validity::AllValid,
        });
        assert!(area.eval(&[Some(&bad)], 3).is_err());
    }

    #[test]
    fn a_null_constant_makes_every_row_null() {
        let args = [
            BoundArg::Column(Physical::Double),
            BoundArg::Constant(Scalar::Null),
        ];
        let mut f = map::<(Double, Double), PrimBuf<f64>, _>(
            &BindArgs::new(&args),
            |(a, b), out: &mut PrimBuf<f64>| {
                out.push(a + b);
                Ok(())
            },
        )
        .unwrap();
        let xs = [1.0, 2.0];
        let x = ColumnView::Double(strabo_columnar::PrimView {
            values: &xs,
            validity: Validity::AllValid,
        });
        f.eval(&[Some(&x), None], 2).unwrap();
        assert!(matches!(f.output().view().validity(), Validity::AllNull));
    }

    #[test]
    fn a_variadic_tail_takes_every_remaining_argument() {
        let xs = [1.0, 2.0];
        let column = ColumnView::Double(strabo_columnar::PrimView {
            values: &xs,
            validity: Validity::AllValid,
        });
        let sum = |(first, rest): &(f64, smallvec::SmallVec<[f64; 4]>), out: &mut PrimBuf<f64>| {
            out.push(first + rest.iter().sum::<f64>());
            Ok(())
        };
        for (args, expected) in [
            (vec![BoundArg::Column(Physical::Double)], [1.0, 2.0]),
            (
                vec![
                    BoundArg::Column(Physical::Double),
                    BoundArg::Constant(Scalar::Double(10.0)),
                    BoundArg::Column(Physical::Double),
                ],
                [12.0, 14.0],
            ),
        ] {
            let mut f =
                map::<(Double, Rest<Double>), PrimBuf<f64>, _>(&BindArgs::new(&args), sum).unwrap();
            let views: Vec<Option<&ColumnView>> = args
                .iter()
                .map(|a| match a {
                    BoundArg::Column(_) => Some(&column),
                    BoundArg::Constant(_) => None,
                })
                .collect();
            f.eval(&views, 2).unwrap();
            let ColumnView::Double(out) = f.output().view() else {
                panic!()
            };
            assert_eq!(out.values, expected);
        }
        let too_many = [
            BoundArg::Column(Physical::Double),
            BoundArg::Column(Physical::Double),
        ];
        assert!(
            map::<(Double,), PrimBuf<f64>, _>(&BindArgs::new(&too_many), |(x,), out| {
                out.push(*x);
                Ok(())
            })
            .is_err()
        );
    }

    #[test]
    fn a_result_srid_from_an_int_argument() {
        let point = |(x, y, _): &(f64, f64, i32), out: &mut PointBuf| {
            out.push(Coord { x: *x, y: *y });
            Ok(())
        };
        let xs = [1.0, 2.0];
        let x = ColumnView::Double(strabo_columnar::PrimView {
            values: &xs,
            validity: Validity::AllValid,
        });
        let srids = [4326, 3857];
        let srid_column = ColumnView::Int(strabo_columnar::PrimView {
            values: &srids,
            validity: Validity::AllValid,
        });
        let columns = [
            BoundArg::Column(Physical::Double),
            BoundArg::Column(Physical::Double),
            BoundArg::Column(Physical::Int),
        ];
        let mut f = map::<(Double, Double, crate::arg::Int), PointBuf, _>(
            &BindArgs::with_srid(&columns, ResultSrid::Arg(2)),
            point,
        )
        .unwrap();
        f.eval(&[Some(&x), Some(&x), Some(&srid_column)], 2)
            .unwrap();
        let ColumnView::Geometry(points) = f.output().view() else {
            panic!()
        };
        assert_eq!((points.srid(0), points.srid(1)), (4326, 3857));
        let constant = [
            BoundArg::Column(Physical::Double),
            BoundArg::Column(Physical::Double),
            BoundArg::Constant(Scalar::Int(2154)),
        ];
        let mut f = map::<(Double, Double, crate::arg::Int), PointBuf, _>(
            &BindArgs::with_srid(&constant, ResultSrid::Arg(2)),
            point,
        )
        .unwrap();
        f.eval(&[Some(&x), Some(&x), None], 2).unwrap();
        let ColumnView::Geometry(points) = f.output().view() else {
            panic!()
        };
        assert_eq!(points.srid(1), 2154);
    }

    /// A kernel of `GeometryWithSrid` reads each row's SRID, whether the geometries come from a
    /// column (one SRID per row) or a constant.
    #[test]
    fn a_geometry_argument_with_its_srid() {
        let srid_text = |((_, srid),): &((strabo_geom::Geo, i32),), out: &mut StringBuf| {
            out.push(&srid.to_string());
            Ok(())
        };
        let mut points = PointBuf::default();
        for (x, srid) in [(1.0, 4326), (2.0, 3857)] {
            points.set_srid(srid);
            points.push(Coord { x, y: x });
        }
        points.seal();
        let column = ColumnBuf::view(&points);
        let geometry = Physical::Geometry(GeomEncoding::SridWkb);
        let mut f = map::<(GeometryWithSrid,), StringBuf, _>(
            &BindArgs::new(&[BoundArg::Column(geometry)]),
            srid_text,
        )
        .unwrap();
        f.eval(&[Some(&column)], 2).unwrap();
        let ColumnView::String(texts) = f.output().view() else {
            panic!()
        };
        assert_eq!((texts.str(0), texts.str(1)), (Ok("4326"), Ok("3857")));

        let constant = [BoundArg::Constant(Scalar::Geometry(
            2154,
            point_wkb(1.0, 2.0)[4..].to_vec(),
        ))];
        let mut f =
            map::<(GeometryWithSrid,), StringBuf, _>(&BindArgs::new(&constant), srid_text).unwrap();
        f.eval(&[None], 1).unwrap();
        let ColumnView::String(texts) = f.output().view() else {
            panic!()
        };
        assert_eq!(texts.str(0), Ok("2154"));
    }

    /// With `ResultSrid::FromValue` the kernel gives each row its own SRID.
    #[test]
    fn a_result_srid_read_from_each_value() {
        let ints = [4326, 0, 3857];
        let column = ColumnView::Int(strabo_columnar::PrimView {
            values: &ints,
            validity: Validity::AllValid,
        });
        let mut f = map::<(crate::arg::Int,), GeomBuf, _>(
            &BindArgs::with_srid(&[BoundArg::Column(Physical::Int)], ResultSrid::FromValue),
            |(srid,), out: &mut GeomBuf| {
                out.set_srid(*srid);
                out.push(&strabo_geom::Geo::Point(Coord { x: 1.0, y: 2.0 }));
                Ok(())
            },
        )
        .unwrap();
        f.eval(&[Some(&column)], 3).unwrap();
        let ColumnView::Geometry(geometries) = f.output().view() else {
            panic!()
        };
        assert_eq!((0..3).map(|i| geometries.srid(i)).collect::<Vec<_>>(), ints);
    }
}
