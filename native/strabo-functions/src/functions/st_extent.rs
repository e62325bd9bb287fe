use strabo_geom::envelope::rect;
use strabo_geom::{Coord, Geo, GeomError, Rect};
use strabo_kernel::{GroupState, Groups, GroupsAccumulator};

use super::prelude::*;
use super::srid::SridCheck;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_extent",
    aliases: &["st_envelope_aggr"],
    category: Category::Aggregates,
    signatures: &[Signature {
        params: &[GEOM],
        returns: SqlType::Geometry,
        srid: ResultSrid::Shared,
        implementation: Implementation::Aggregate(bind),
    }],
    nulls: Nulls::Aggregate,
    summary: "Aggregate: the bounding box of all the geometries of a group.",
    details: "The box is a geometry with the group's SRID, drawn as `st_envelope` draws one: a \
              polygon, or a point or line when it has no width or height. Empty geometries and \
              NULLs are skipped; a group with no other geometry gives NULL, as PostGIS's \
              `ST_Extent` does. NaN coordinates are skipped too, so the box does not depend \
              on the order in which Spark meets the rows. All geometries of a group must share one SRID. Each task \
              merges its boxes in Rust, every group a batch touches in one call; tasks \
              exchange states of seven typed fields (the SRID, whether a box was seen, and its \
              four bounds).",
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

fn bind(args: &BindArgs) -> Result<Box<dyn GroupsAccumulator>, BindError> {
    Groups::<Extent>::bind(args)
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

impl GroupState for Extent {
    type Args = (Geometry,);
    /// Whether an SRID was seen and which, whether a box was, and the box.
    type State = (Boolean, Int, Boolean, Double, Double, Double, Double);
    type Out = GeomBuf;

    fn update(&mut self, (g,): (Geo<'_>,), srid: i32) -> Result<(), KernelError> {
        self.srid.add(srid)?;
        if let Some(b) = g.bbox() {
            self.add([b.min().x, b.min().y, b.max().x, b.max().y]);
        }
        Ok(())
    }

    fn merge(
        &mut self,
        (has_srid, srid, seen, xmin, ymin, xmax, ymax): (bool, i32, bool, f64, f64, f64, f64),
    ) -> Result<(), GeomError> {
        self.srid.merge(has_srid, srid)?;
        if seen {
            self.add([xmin, ymin, xmax, ymax]);
        }
        Ok(())
    }

    fn merge_group(&mut self, other: Self) -> Result<(), GeomError> {
        let (has_srid, srid) = other.srid.fields();
        let [xmin, ymin, xmax, ymax] = other.bounds;
        self.merge((has_srid, srid, other.seen, xmin, ymin, xmax, ymax))
    }

    fn write_state(
        self,
        (has_srid, srid, seen, xmin, ymin, xmax, ymax): &mut (
            BoolBuf,
            PrimBuf<i32>,
            BoolBuf,
            PrimBuf<f64>,
            PrimBuf<f64>,
            PrimBuf<f64>,
            PrimBuf<f64>,
        ),
    ) -> Result<(), GeomError> {
        let (srid_seen, srid_value) = self.srid.fields();
        has_srid.push(srid_seen);
        srid.push(srid_value);
        seen.push(self.seen);
        for (buf, value) in [xmin, ymin, xmax, ymax].into_iter().zip(self.bounds) {
            buf.push(value);
        }
        Ok(())
    }

    fn finish(self, out: &mut GeomBuf) -> Result<(), GeomError> {
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
