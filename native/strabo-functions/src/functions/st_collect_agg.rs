use strabo_geom::construct::collect;
use strabo_geom::{Geo, GeomError};
use strabo_kernel::arg::Items;
use strabo_kernel::{GroupState, Groups, GroupsAccumulator};

use super::prelude::*;
use super::srid::SridCheck;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_collect_agg",
    aliases: &[],
    category: Category::Aggregates,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Geometry,
        Implementation::Aggregate(bind),
    )],
    nulls: Nulls::Aggregate,
    summary: "Aggregate: the geometries of a group as one, as `st_collect` makes it.",
    details: "PostGIS's aggregate `ST_Collect` and Sedona's `ST_Collect_Agg`: a multipoint, \
              multiline or multipolygon when every geometry of the group is of that kind, else \
              a geometry collection; nothing is unioned (`st_union_aggr` unions polygons). Spark \
              does not order a group's rows, so the parts are put in one order, by the lower-left \
              corner of their boxes, and the result does not depend on how the rows were split among tasks. Z and M \
              are kept. NULLs are skipped; a group without geometries gives NULL. All \
              geometries of a group must share one SRID. GeoMesa's aggregate `st_convexhull` is \
              `st_convexHull(st_collect_agg(geom))` here.",
    examples: &[Example {
        sql: "st_collect_agg(st_point(x, y)) FROM VALUES (3, 4), (1, 2), (NULL, 5) AS t(x, y)",
        result: "MULTIPOINT((1 2),(3 4))",
    }],
};

fn bind(args: &BindArgs) -> Result<Box<dyn GroupsAccumulator>, BindError> {
    Groups::<Collected>::bind(args)
}

/// The group's geometries as WKB.
#[derive(Default)]
struct Collected {
    srid: SridCheck,
    parts: Vec<Vec<u8>>,
}

impl Collected {
    fn add(&mut self, geometry: &Geo) {
        let mut wkb = Vec::new();
        geometry.write_wkb(&mut wkb);
        self.parts.push(wkb);
    }
}

impl GroupState for Collected {
    type Args = (Geometry,);
    /// Whether an SRID was seen and which, and the geometries.
    type State = (Boolean, Int, ArrayOf<Geometry>);
    type Out = GeomBuf;

    fn update(&mut self, (g,): (Geo<'_>,), srid: i32) -> Result<(), KernelError> {
        self.srid.add(srid)?;
        self.add(&g);
        Ok(())
    }

    fn merge(
        &mut self,
        (has_srid, srid, parts): (bool, i32, Items<'_, Geometry>),
    ) -> Result<(), GeomError> {
        self.srid.merge(has_srid, srid)?;
        for part in parts.iter() {
            let part = part.ok_or_else(|| {
                GeomError::InvalidParameter("a NULL part in an st_collect_agg state".into())
            })??;
            self.add(&part);
        }
        Ok(())
    }

    fn merge_group(&mut self, other: Self) -> Result<(), GeomError> {
        let (has_srid, srid) = other.srid.fields();
        self.srid.merge(has_srid, srid)?;
        self.parts.extend(other.parts);
        Ok(())
    }

    fn write_state(
        self,
        (has_srid, srid, parts): &mut (BoolBuf, PrimBuf<i32>, ListBuf<GeomBuf>),
    ) -> Result<(), GeomError> {
        let (srid_seen, srid_value) = self.srid.fields();
        has_srid.push(srid_seen);
        srid.push(srid_value);
        parts.push_with(|items| {
            self.parts.iter().try_for_each(|wkb| {
                items.push_wkb(|out| {
                    out.extend_from_slice(wkb);
                    Ok::<_, GeomError>(())
                })
            })
        })
    }

    fn finish(self, out: &mut GeomBuf) -> Result<(), GeomError> {
        if self.parts.is_empty() {
            out.push_null();
            return Ok(());
        }
        let mut geometries = self
            .parts
            .iter()
            .map(|wkb| Geo::read(wkb).map(|g| (g, wkb)))
            .collect::<Result<Vec<_>, _>>()?;
        // The lower-left corner of each part's box first (empty parts first), then its bytes.
        let corner = |g: &Geo| g.bbox().map(|b| (b.min().x, b.min().y));
        geometries.sort_by(|(a, a_wkb), (b, b_wkb)| {
            let by_corner = match (corner(a), corner(b)) {
                (Some((ax, ay)), Some((bx, by))) => ax.total_cmp(&bx).then(ay.total_cmp(&by)),
                (a, b) => a.is_some().cmp(&b.is_some()),
            };
            by_corner.then_with(|| a_wkb.cmp(b_wkb))
        });
        let geometries: Vec<Geo> = geometries.into_iter().map(|(g, _)| g).collect();
        let parts: Vec<&Geo> = geometries.iter().collect();
        out.set_srid(self.srid.srid());
        out.push_wkb(|wkb| collect(&parts, wkb))
    }
}
