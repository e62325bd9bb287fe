//! The fast path of `st_contains(<polygon>, st_point(x, y))` and its kin: a constant polygon,
//! prepared with its index once per task, tested against a column of points held as two
//! coordinate arrays, in one loop with nothing between the arrays and the index.
use strabo_geom::{Coord, GeomError, Prepared};
use strabo_kernel::columnar::{GeomValues, GeomView, SridView};
use strabo_kernel::{Output, RowError};

use super::prelude::*;

/// Binds a predicate whose argument `constant` may be a polygon tested against points with
/// `test` (which answers `None` when the constant is not polygonal); every other call goes
/// through the general loop with `relation`.
pub(super) fn bind<R, T>(args: &BindArgs, relation: R, constant: usize, test: T) -> Bound
where
    R: Fn(&strabo_geom::Geo, &strabo_geom::Geo) -> Result<bool, strabo_geom::relate::Invalid>
        + Send
        + 'static,
    T: Fn(&Prepared, Coord<f64>) -> Option<bool> + Send + 'static,
{
    let general = bind_predicate(args, relation)?;
    let polygon = match args.constant(constant) {
        Some(Scalar::Geometry(srid, wkb)) => Prepared::new(wkb)
            .ok()
            .filter(|p| test(p, Coord { x: 0.0, y: 0.0 }).is_some())
            .map(|p| (*srid, p)),
        _ => None,
    };
    Ok(Box::new(Indexed {
        general,
        polygon,
        constant,
        test,
        out: BoolBuf::default(),
        fast: false,
    }))
}

struct Indexed<T> {
    general: Box<dyn BatchFn>,
    polygon: Option<(i32, Prepared)>,
    constant: usize,
    test: T,
    out: BoolBuf,
    fast: bool,
}

impl<T: Fn(&Prepared, Coord<f64>) -> Option<bool> + Send> BatchFn for Indexed<T> {
    fn eval(&mut self, args: &[Option<&ColumnView<'_>>], rows: usize) -> Result<(), RowError> {
        let points = args.get(1 - self.constant).copied().flatten();
        match (&self.polygon, points) {
            (
                Some((srid, polygon)),
                Some(&ColumnView::Geometry(GeomView {
                    values:
                        GeomValues::Points {
                            x,
                            y,
                            srid: SridView::Fixed(points_srid),
                        },
                    validity,
                    ..
                })),
            ) => {
                if *srid != points_srid && rows > 0 {
                    let error = GeomError::MixedSrid(*srid, points_srid);
                    return Err(RowError {
                        row: 0,
                        error: error.into(),
                    });
                }
                self.fast = true;
                let out = &mut self.out;
                out.clear();
                out.reserve(rows);
                for i in 0..rows {
                    match validity.is_valid(i) {
                        // The constant is polygonal: `test` answers.
                        true => out.push(
                            (self.test)(polygon, Coord { x: x[i], y: y[i] }).unwrap_or(false),
                        ),
                        false => out.push_null(),
                    }
                }
                out.seal();
                Ok(())
            }
            _ => {
                self.fast = false;
                self.general.eval(args, rows)
            }
        }
    }

    fn output(&self) -> &dyn Output {
        if self.fast {
            &self.out
        } else {
            self.general.output()
        }
    }

    fn output_mut(&mut self) -> &mut dyn Output {
        if self.fast {
            &mut self.out
        } else {
            self.general.output_mut()
        }
    }
}
