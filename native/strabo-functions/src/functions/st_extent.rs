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
              `ST_Extent` does. All geometries of a group must share one SRID. Each task \
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

#[derive(Default)]
struct Extent {
    srid: SridCheck,
    bbox: Option<Rect<f64>>,
}

impl Extent {
    fn add(&mut self, other: Rect<f64>) {
        self.bbox = Some(match self.bbox {
            None => other,
            Some(b) => Rect::new(
                Coord {
                    x: b.min().x.min(other.min().x),
                    y: b.min().y.min(other.min().y),
                },
                Coord {
                    x: b.max().x.max(other.max().x),
                    y: b.max().y.max(other.max().y),
                },
            ),
        });
    }
}

impl Accumulator for Extent {
    type Out = GeomBuf;

    fn update(&mut self, args: &[ColumnView<'_>], rows: usize) -> Result<(), RowError> {
        for_each_row::<Geometry>(args, 0, rows, |g, srid| {
            self.srid.add(srid.unwrap_or(0))?;
            if let Some(b) = g.bbox() {
                self.add(b);
            }
            Ok(())
        })
    }

    /// State: the SRID check's 5 bytes, then 1 if a box follows (4 little-endian doubles).
    fn state(&mut self) -> Result<Vec<u8>, GeomError> {
        let mut state = self.srid.state();
        match self.bbox {
            None => state.push(0),
            Some(b) => {
                state.push(1);
                for v in [b.min().x, b.min().y, b.max().x, b.max().y] {
                    state.extend_from_slice(&v.to_le_bytes());
                }
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
                self.add(Rect::new(
                    Coord { x: v(0), y: v(1) },
                    Coord { x: v(2), y: v(3) },
                ));
                Ok(())
            }
            _ => Err(GeomError::InvalidParameter(
                "corrupt st_extent state".into(),
            )),
        }
    }

    fn finish(&mut self, out: &mut GeomBuf) -> Result<(), GeomError> {
        match self.bbox {
            None => out.push_null(),
            Some(b) => {
                out.set_srid(self.srid.srid());
                out.push_geometry(&rect(b));
            }
        }
        Ok(())
    }
}
