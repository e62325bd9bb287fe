//! Typed batch loops: a kernel written for one row becomes a batch function.
//!
//! `map2::<Geometry, Geometry, BoolBuf, _>(args, |a, b, out| …)` binds the constant arguments
//! once, then evaluates each batch in one loop compiled for that kernel, with each argument
//! read either as a constant or as a column (every combination is its own loop). The loop
//! handles NULLs (any NULL argument gives NULL), SRIDs (geometries of one call must share one;
//! a geometry result keeps it), and turns errors into [`RowError`]s that name the row and the
//! argument at fault.
use strabo_columnar::{BitBuf, ColumnBuf, ColumnView, Scalar, Validity};
use strabo_geom::GeomError;

use crate::arg::{ArgType, ColumnSource, ConstSource, Source, Srids};
use crate::bind::{BatchFn, BindArgs, Output};
use crate::error::{BindError, KernelError, RowError};

/// An argument of one batch: a bound constant or a column.
enum Arg<'s, A: ArgType> {
    Const(&'s A::Const),
    Column(A::Reader<'s>),
}

impl<'s, A: ArgType> Arg<'s, A> {
    fn new(
        constant: &'s Option<A::Const>,
        args: &[Option<&'s ColumnView<'s>>],
        index: usize,
    ) -> Result<Self, RowError> {
        if let Some(constant) = constant {
            return Ok(Arg::Const(constant));
        }
        let view = args.get(index).copied().flatten();
        match view.and_then(A::reader) {
            Some(reader) => Ok(Arg::Column(reader)),
            None => Err(RowError {
                row: 0,
                error: KernelError::at(index)(GeomError::InvalidParameter(format!(
                    "argument {index} is not a column of the expected type (a {})",
                    view.map_or("missing column", |v| v.type_name())
                ))),
            }),
        }
    }

    fn validity(&self) -> Validity<'s> {
        match self {
            Arg::Const(_) => Validity::AllValid,
            Arg::Column(reader) => A::validity(reader),
        }
    }
}

/// Binds one constant argument: `None` for a column, an error for a bad constant. Sets
/// `null_constant` for a NULL one, which makes every row NULL.
fn bind_constant<A: ArgType>(
    args: &BindArgs,
    index: usize,
    null_constant: &mut bool,
) -> Result<Option<A::Const>, BindError> {
    match args.constant(index) {
        None => Ok(None),
        Some(Scalar::Null) => {
            *null_constant = true;
            Ok(None)
        }
        Some(scalar) => A::bind(scalar)
            .map(Some)
            .map_err(|error| BindError::Constant { arg: index, error }),
    }
}

/// Rows valid in every argument: borrowed when at most one argument has NULLs, computed into
/// `scratch` otherwise.
fn combine<'s>(scratch: &'s mut BitBuf, rows: usize, parts: &[Validity<'s>]) -> Validity<'s> {
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
fn batch_srid(srids: &[Srids]) -> Option<Result<i32, GeomError>> {
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
fn common_srid(srids: impl IntoIterator<Item = Option<i32>>) -> Result<i32, GeomError> {
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

/// Calls `$run` with every argument turned into a `ConstSource` or a `ColumnSource`, so that
/// each combination gets its own monomorphic loop.
macro_rules! specialise {
    ($run:path; ($($pre:expr),*); [$($done:ident)*]; []) => {
        $run($($pre,)* $($done),*)
    };
    ($run:path; ($($pre:expr),*); [$($done:ident)*]; [$head:ident $($rest:ident)*]) => {
        match $head {
            Arg::Const(constant) => {
                let $head = ConstSource(constant);
                specialise!($run; ($($pre),*); [$($done)* $head]; [$($rest)*])
            }
            Arg::Column(reader) => {
                let $head = ColumnSource(reader);
                specialise!($run; ($($pre),*); [$($done)* $head]; [$($rest)*])
            }
        }
    };
}

macro_rules! map_fn {
    ($(#[$doc:meta])* $map:ident, $Struct:ident, $n:literal; $($A:ident $S:ident $a:ident $idx:tt),+) => {
        pub struct $Struct<$($A: ArgType,)+ O, F> {
            f: F,
            constants: ($(Option<$A::Const>,)+),
            null_constant: bool,
            out: O,
            valid: BitBuf,
        }

        $(#[$doc])*
        pub fn $map<$($A: ArgType,)+ O: ColumnBuf, F>(
            args: &BindArgs,
            f: F,
        ) -> Result<Box<dyn BatchFn>, BindError>
        where
            F: for<'a, 'r> Fn($(&'r $A::Item<'a>,)+ &mut O) -> Result<(), KernelError> + Send + 'static,
        {
            args.expect_len($n)?;
            let mut null_constant = false;
            let constants = ($(bind_constant::<$A>(args, $idx, &mut null_constant)?,)+);
            Ok(Box::new($Struct::<$($A,)+ O, F> {
                f,
                constants,
                null_constant,
                out: O::default(),
                valid: BitBuf::default(),
            }))
        }

        impl<$($A: ArgType,)+ O: ColumnBuf, F> $Struct<$($A,)+ O, F>
        where
            F: for<'a, 'r> Fn($(&'r $A::Item<'a>,)+ &mut O) -> Result<(), KernelError> + Send + 'static,
        {
            #[inline(always)]
            #[allow(clippy::too_many_arguments)]
            fn run<'s, $($S: Source<'s, $A>),+>(
                f: &F,
                out: &mut O,
                valid: Validity<'_>,
                rows: usize,
                $($a: $S),+
            ) -> Result<(), RowError> {
                out.reserve(rows);
                // SRIDs are checked once per batch unless a column has one per row.
                let fixed = batch_srid(&[$($a.srids()),+]);
                if let Some(Ok(srid)) = fixed {
                    out.set_srid(srid);
                }
                for row in 0..rows {
                    if !valid.is_valid(row) {
                        out.push_null();
                        continue;
                    }
                    match &fixed {
                        Some(Ok(_)) => {}
                        Some(Err(error)) => {
                            return Err(RowError { row, error: error.clone().into() });
                        }
                        None => {
                            let srid = common_srid([$($a.srid(row)),+])
                                .map_err(|error| RowError { row, error: error.into() })?;
                            out.set_srid(srid);
                        }
                    }
                    $(let $a = $a.get(row).map_err(|error| RowError {
                        row,
                        error: KernelError::at($idx)(error),
                    })?;)+
                    f($(&$a,)+ out).map_err(|error| RowError { row, error })?;
                }
                Ok(())
            }
        }

        impl<$($A: ArgType,)+ O: ColumnBuf, F> BatchFn for $Struct<$($A,)+ O, F>
        where
            F: for<'a, 'r> Fn($(&'r $A::Item<'a>,)+ &mut O) -> Result<(), KernelError> + Send + 'static,
        {
            fn eval(&mut self, args: &[Option<&ColumnView<'_>>], rows: usize) -> Result<(), RowError> {
                let Self { f, constants, null_constant, out, valid } = self;
                out.clear();
                if *null_constant {
                    (0..rows).for_each(|_| out.push_null());
                    return Ok(());
                }
                $(let $a = Arg::<$A>::new(&constants.$idx, args, $idx)?;)+
                let validity = combine(valid, rows, &[$($a.validity()),+]);
                specialise!(Self::run; (&*f, &mut *out, validity, rows); []; [$($a)+])?;
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
    };
}

map_fn!(
    /// A kernel of one argument. `f` gets each row's argument by reference (a geometry is a
    /// 56-byte value; references keep the loop's registers free) and writes exactly one value
    /// (or NULL) per call to `out`.
    map1, Map1, 1; A SA a 0
);
map_fn!(
    /// A kernel of two arguments; see [`map1`].
    map2, Map2, 2; A SA a 0, B SB b 1
);
map_fn!(
    /// A kernel of three arguments; see [`map1`].
    map3, Map3, 3; A SA a 0, B SB b 1, C SC c 2
);
map_fn!(
    /// A kernel of four arguments; see [`map1`].
    map4, Map4, 4; A SA a 0, B SB b 1, C SC c 2, D SD d 3
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arg::{Double, Geometry};
    use crate::bind::BoundArg;
    use strabo_columnar::row::RowWriter;
    use strabo_columnar::{BoolBuf, GeomEncoding, Physical, PointBuf, PrimBuf};
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
        let kernel = |a: &strabo_geom::Geo, b: &strabo_geom::Geo, out: &mut BoolBuf| {
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
                map2::<Geometry, Geometry, BoolBuf, _>(&BindArgs::new(args), kernel).unwrap();
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
        let mut point = map2::<Double, Double, PointBuf, _>(
            &BindArgs::new(&args),
            |x, y, out: &mut PointBuf| {
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

        let mut area = map1::<Geometry, PrimBuf<f64>, _>(
            &BindArgs::new(&[BoundArg::Column(Physical::Geometry(GeomEncoding::SridWkb))]),
            |g, out: &mut PrimBuf<f64>| {
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
        let mut f = map2::<Double, Double, PrimBuf<f64>, _>(
            &BindArgs::new(&args),
            |a, b, out: &mut PrimBuf<f64>| {
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
}
