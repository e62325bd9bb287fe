use geo::CoordsIter;
use strabo_geom::overlay::{empty, input_dimension, overlay_shapes, OverlayOp};
use strabo_geom::{Geo, GeomError};
use strabo_kernel::{GroupState, Groups, GroupsAccumulator};

use super::prelude::*;
use super::srid::SridCheck;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_intersection_aggr",
    aliases: &["st_intersection_agg"],
    category: Category::Aggregates,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Geometry,
        Implementation::Aggregate(bind),
    )],
    nulls: Nulls::Aggregate,
    summary: "Aggregate: the points that all the geometries of a group share.",
    details: "Sedona's `ST_Intersection_Aggr` (since renamed `ST_Intersection_Agg`): \
              `st_intersection` folded over the group, each task over its rows and then over \
              the partial intersections of the tasks, which cross between tasks as WKB. A group \
              of one geometry gives it as it is, in 2D. The result has the group's SRID; an \
              empty one is the empty geometry of the lowest dimension among the group's \
              geometries (`POLYGON EMPTY` for polygons), whichever order the rows came in, \
              where a fold in GEOS types it by the last step. NULLs are skipped; a group with \
              no geometry gives NULL. Every geometry is checked as an overlay argument, even \
              once the intersection is empty, so whether a group fails does not depend on the \
              order of its rows: NaN or infinite coordinates and invalid polygons raise \
              `IllegalArgumentException` (`st_makeValid` repairs them), as do polygons narrower \
              than the overlay's grid (see `st_intersection`). Intersections in another order \
              may differ in the last bits of constructed vertices, and in the order of the \
              vertices and parts. All geometries of a group must share one SRID.",
    examples: &[
        Example {
            sql: "st_area(st_intersection_aggr(st_makeBBOX(x0, y0, x1, y1))) FROM VALUES (0, 0, 2, 2), (1, 1, 3, 3), (NULL, 0, 1, 1) AS t(x0, y0, x1, y1)",
            result: "1.0",
        },
        Example {
            sql: "st_intersection_aggr(st_geomFromWKT(wkt)) FROM VALUES ('LINESTRING(0 0,4 4)'), ('POLYGON((1 0,4 0,4 3,1 3,1 0))') AS t(wkt)",
            result: "LINESTRING(1 1,3 3)",
        },
        Example {
            sql: "st_intersection_aggr(st_makeBBOX(x0, 0, x1, 1)) FROM VALUES (0, 1), (2, 3) AS t(x0, x1)",
            result: "POLYGON EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Result<Box<dyn GroupsAccumulator>, BindError> {
    Groups::<IntersectionAggr>::bind(args)
}

#[derive(Default)]
struct IntersectionAggr {
    srid: SridCheck,
    /// `None` before the first geometry.
    so_far: Option<SoFar>,
}

struct SoFar {
    /// The lowest dimension of the geometries, as the overlays count it (-1 for an empty
    /// collection): it types an empty result.
    dimension: i8,
    /// The intersection, `None` once it is empty.
    shape: Option<geo::Geometry<f64>>,
}

impl IntersectionAggr {
    /// Intersects the group with a geometry (or partial intersection) of that `dimension`,
    /// `None` for an empty one.
    fn add(&mut self, dimension: i8, shape: Option<geo::Geometry<f64>>) -> Result<(), GeomError> {
        let Some(so_far) = &mut self.so_far else {
            self.so_far = Some(SoFar { dimension, shape });
            return Ok(());
        };
        // Computed before anything changes, so that a failed step leaves the group as it was.
        let intersection = match (&so_far.shape, shape) {
            (Some(a), Some(b)) => {
                Some(overlay_shapes(a, &b, OverlayOp::Intersection)?).filter(|g| !is_empty(g))
            }
            _ => None,
        };
        so_far.dimension = so_far.dimension.min(dimension);
        so_far.shape = intersection;
        Ok(())
    }

    fn write(so_far: SoFar, out: &mut GeomBuf) {
        match so_far.shape {
            Some(shape) => out.push_geometry(&shape),
            None => out.push_geometry(&empty(so_far.dimension)),
        }
    }
}

/// Whether an overlay's result is empty: an empty point has NaN coordinates, other empty
/// geometries none.
fn is_empty(shape: &geo::Geometry<f64>) -> bool {
    shape.coords_iter().all(|c| c.x.is_nan() && c.y.is_nan())
}

impl GroupState for IntersectionAggr {
    type Args = (Geometry,);
    /// Whether an SRID was seen and which, whether a geometry was, the lowest dimension, and
    /// the partial intersection.
    type State = (Boolean, Int, Boolean, Int, Geometry);
    type Out = GeomBuf;

    fn update(&mut self, (g,): (Geo<'_>,), srid: i32) -> Result<(), KernelError> {
        self.srid.add(srid)?;
        let dimension = input_dimension(&g).map_err(KernelError::at(0))?;
        let shape = g.shape().map(|shape| shape.into_owned());
        self.add(dimension, shape).map_err(KernelError::at(0))
    }

    fn merge(
        &mut self,
        (has_srid, srid, seen, dimension, intersection): (bool, i32, bool, i32, Geo<'_>),
    ) -> Result<(), GeomError> {
        self.srid.merge(has_srid, srid)?;
        if !seen {
            return Ok(());
        }
        let dimension = match i8::try_from(dimension) {
            Ok(d) if (-1..=2).contains(&d) => d,
            _ => {
                return Err(GeomError::InvalidParameter(format!(
                    "an st_intersection_aggr state has a dimension of {dimension}"
                )))
            }
        };
        self.add(
            dimension,
            intersection.shape().map(|shape| shape.into_owned()),
        )
    }

    fn merge_group(&mut self, other: Self) -> Result<(), GeomError> {
        let (has_srid, srid) = other.srid.fields();
        self.srid.merge(has_srid, srid)?;
        match other.so_far {
            Some(SoFar { dimension, shape }) => self.add(dimension, shape),
            None => Ok(()),
        }
    }

    fn write_state(
        self,
        (has_srid, srid, seen, dimension, intersection): &mut (
            BoolBuf,
            PrimBuf<i32>,
            BoolBuf,
            PrimBuf<i32>,
            GeomBuf,
        ),
    ) -> Result<(), GeomError> {
        let (srid_seen, srid_value) = self.srid.fields();
        has_srid.push(srid_seen);
        srid.push(srid_value);
        seen.push(self.so_far.is_some());
        match self.so_far {
            Some(so_far) => {
                dimension.push(i32::from(so_far.dimension));
                IntersectionAggr::write(so_far, intersection);
            }
            None => {
                dimension.push(-1);
                intersection.push_geometry(&empty(-1));
            }
        }
        Ok(())
    }

    fn finish(self, out: &mut GeomBuf) -> Result<(), GeomError> {
        let Some(so_far) = self.so_far else {
            out.push_null();
            return Ok(());
        };
        out.set_srid(self.srid.srid());
        IntersectionAggr::write(so_far, out);
        Ok(())
    }
}
