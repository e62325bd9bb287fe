use strabo_geom::envelope::rect;
use strabo_geom::{Coord, GeomError, Rect};
use strabo_kernel::aggregate::{for_each_row, Accumulator, Accumulators};
use strabo_kernel::RowError;

use super::prelude::*;
use super::srid::SridCheck;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_extent",
    aliases: &[],
    category: Category::Aggregates,
    signatures: &[Signature {
        params: &[GEOM],
        returns: SqlType::Geometry,
        implementation: Implementation::Aggregate(bind),
    }],
    nulls: Nulls::Aggregate,
    summary: "Aggregate: the bounding box of all the geometries of a group.",
    details: "The box is a geometry with the group's SRID, drawn as `st_envelope` draws one: a \
              polygon, or a point or line when it has no width or height. Empty geometries and \
              NULLs are skipped; a group with no other geometry gives NULL, as PostGIS's \
              `ST_Extent` does. NaN coordinates are skipped too, so the box does not depend \
              on the order in which Spark meets the rows. All geometries of a group must share one SRID. Each task \
              merges its boxes in Rust; tasks exchange 40-byte states.",
    examples: &[
        Example {
            sql: "st_extent(st_geomFromWKT(wkt)) FROM VALUES ('POINT(1 2)'), ('LINESTRING(0 5,3 4)'), (NULL) AS t(wkt)",
            result: "POLYGON((0 2,0 5,3 5,3 2,0 2))",
        },
        Example {
            sql: "st_extent(st_point(x, 1)) FROM VALUES (1), (4) AS t(x)",
            result: "LINESTRING(1 1,4 1)",
        },
    ],
};

fn bind(_args: &BindArgs) -> Result<Box<dyn strabo_kernel::AggregateKernel>, BindError> {
    Ok(Box::new(Accumulators(Extent::default)))
}

/// The running box as `[xmin, ymin, xmax, ymax]`. It starts inverted, so that `f64::min` and
/// `f64::max`, which skip NaN, fold in any order to the same box: a NaN coordinate is skipped
/// whichever task or batch meets it first.
struct Extent {
    srid: SridCheck,
    bounds: [f64; 4],
    /// Whether any non-empty geometry was added.
    seen: bool,
}

impl Default for Extent {
    fn default() -> Self {
        Extent {
            srid: SridCheck::default(),
            bounds: [
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ],
            seen: false,
        }
    }
}

impl Extent {
    fn add(&mut self, [xmin, ymin, xmax, ymax]: [f64; 4]) {
        let b = &mut self.bounds;
        *b = [
            b[0].min(xmin),
            b[1].min(ymin),
            b[2].max(xmax),
            b[3].max(ymax),
        ];
        self.seen = true;
    }
}

impl Accumulator for Extent {
    type Out = GeomBuf;

    fn update(&mut self, args: &[ColumnView<'_>], rows: usize) -> Result<(), RowError> {
        for_each_row::<Geometry>(args, 0, rows, |g, srid| {
            self.srid.add(srid.unwrap_or(0))?;
            if let Some(b) = g.bbox() {
                self.add([b.min().x, b.min().y, b.max().x, b.max().y]);
            }
            Ok(())
        })
    }

    /// State: the SRID check's 5 bytes, then 1 if a box follows (4 little-endian doubles).
    fn state(&mut self) -> Result<Vec<u8>, GeomError> {
        let mut state = self.srid.state();
        state.push(self.seen.into());
        if self.seen {
            for v in self.bounds {
                state.extend_from_slice(&v.to_le_bytes());
            }
        }
        Ok(state)
    }

    fn merge(&mut self, state: &[u8]) -> Result<(), GeomError> {
        let rest = self.srid.merge(state)?;
        match rest {
            [0] => Ok(()),
            [1, bbox @ ..] if bbox.len() == 32 => {
                let v = |i: usize| {
                    f64::from_le_bytes(bbox[8 * i..8 * i + 8].try_into().expect("8 bytes"))
                };
                self.add([v(0), v(1), v(2), v(3)]);
                Ok(())
            }
            _ => Err(GeomError::InvalidParameter(
                "corrupt st_extent state".into(),
            )),
        }
    }

    fn finish(&mut self, out: &mut GeomBuf) -> Result<(), GeomError> {
        if !self.seen {
            out.push_null();
            return Ok(());
        }
        // An axis whose every coordinate was NaN is still inverted: NaN, as its input had.
        let [xmin, ymin, xmax, ymax] = self.bounds;
        let (xmin, xmax) = if xmin > xmax {
            (f64::NAN, f64::NAN)
        } else {
            (xmin, xmax)
        };
        let (ymin, ymax) = if ymin > ymax {
            (f64::NAN, f64::NAN)
        } else {
            (ymin, ymax)
        };
        out.set_srid(self.srid.srid());
        out.push_geometry(&rect(Rect::new(
            Coord { x: xmin, y: ymin },
            Coord { x: xmax, y: ymax },
        )));
        Ok(())
    }
}
