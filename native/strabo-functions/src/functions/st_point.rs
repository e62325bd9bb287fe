use strabo_kernel::columnar::Validity;
use strabo_kernel::{Output, RowError};

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_point",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[
        Signature::new(&[X, Y], SqlType::Geometry, Implementation::Scalar(bind)),
        Signature::new(
            &[X, Y, SRID],
            SqlType::Geometry,
            Implementation::Scalar(bind_with_srid),
        )
        .srid(ResultSrid::Arg(2)),
    ],
    nulls: Nulls::Strict(None),
    summary: "A point from its X and Y coordinates, with SRID 0 or the one given.",
    details: "Numeric arguments of any type are cast to DOUBLE. `srid` labels the point with a \
              coordinate system, as PostGIS's `ST_Point(x, y, srid)` does (a constant gives the \
              column the type `GEOMETRY(srid)`, a column `GEOMETRY(ANY)`). Inside a fused call such as \
              `st_contains(<polygon>, st_point(x, y))` the points are never encoded: they stay \
              two arrays of numbers, copied whole from the columns. For a point with Z or M, see \
              `st_makePoint`, `st_pointZ` and `st_pointM`.",
    examples: &[
        Example {
            sql: "st_point(1.0, 2.0)",
            result: "POINT(1 2)",
        },
        Example {
            sql: "st_point(1, 2)",
            result: "POINT(1 2)",
        },
        Example {
            sql: "st_srid(st_point(1, 2, 4326))",
            result: "4326",
        },
    ],
};

pub(super) const X: Param = Param::new(
    "x",
    SqlType::Double,
    "The X coordinate (longitude for SRID 4326).",
);
pub(super) const Y: Param = Param::new(
    "y",
    SqlType::Double,
    "The Y coordinate (latitude for SRID 4326).",
);
/// The SRID of a point made of numbers.
pub(super) const SRID: Param = Param::new(
    "srid",
    SqlType::Int,
    "The SRID of the point's coordinate system.",
);

fn bind_with_srid(args: &BindArgs) -> Bound {
    map::<(Double, Double, Int), PointBuf, _>(args, |(x, y, _), out| {
        out.push(strabo_geom::Coord { x: *x, y: *y });
        Ok(())
    })
}

pub(super) fn bind(args: &BindArgs) -> Bound {
    let general = map::<(Double, Double), PointBuf, _>(args, |(x, y), out| {
        out.push(strabo_geom::Coord { x: *x, y: *y });
        Ok(())
    })?;
    Ok(Box::new(Points {
        general,
        columns: PointBuf::default(),
        copied: false,
    }))
}

/// Two coordinate columns become points by copying them whole; constants take the general loop.
struct Points {
    general: Box<dyn BatchFn>,
    columns: PointBuf,
    copied: bool,
}

impl BatchFn for Points {
    fn eval(&mut self, args: &[Option<&ColumnView<'_>>], rows: usize) -> Result<(), RowError> {
        match args {
            [Some(ColumnView::Double(x)), Some(ColumnView::Double(y))] => {
                let validity = match (x.validity, y.validity) {
                    (Validity::AllValid, Validity::AllValid) => Validity::AllValid,
                    _ => return self.general_eval(args, rows),
                };
                self.columns.clear();
                self.columns
                    .extend(&x.values[..rows], &y.values[..rows], validity);
                self.copied = true;
                Ok(())
            }
            _ => self.general_eval(args, rows),
        }
    }

    fn output(&self) -> &dyn Output {
        if self.copied {
            &self.columns
        } else {
            self.general.output()
        }
    }

    fn output_mut(&mut self) -> &mut dyn Output {
        if self.copied {
            &mut self.columns
        } else {
            self.general.output_mut()
        }
    }
}

impl Points {
    fn general_eval(
        &mut self,
        args: &[Option<&ColumnView<'_>>],
        rows: usize,
    ) -> Result<(), RowError> {
        self.copied = false;
        self.general.eval(args, rows)
    }
}
