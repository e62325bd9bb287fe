use strabo_geom::union::{make_valid, polygons, union};
use strabo_geom::{Geo, GeomError};
use strabo_kernel::{GroupState, Groups, GroupsAccumulator};

use super::prelude::*;
use super::srid::SridCheck;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_union_aggr",
    aliases: &[],
    category: Category::Aggregates,
    signatures: &[Signature {
        params: &[Param::new("geom", SqlType::Geometry, "A polygon or multipolygon.")],
        returns: SqlType::Geometry,
        srid: ResultSrid::Shared,
        implementation: Implementation::Aggregate(bind),
    }],
    nulls: Nulls::Aggregate,
    summary: "Aggregate: the union of all the polygons of a group.",
    details: "A cascaded union: each task unions its polygons in Rust (in one overlay pass per \
              1,024 polygons, so memory stays bounded), tasks exchange their partial unions as \
              WKB, and the partial unions are unioned in turn. The result has the group's SRID: \
              a polygon, a multipolygon where the parts do not touch, or `POLYGON EMPTY` when \
              every geometry was empty. NULLs are skipped; a group with no geometry gives NULL. \
              Only polygonal geometries can be unioned: a point or line raises \
              `IllegalArgumentException`. An invalid polygon counts as the area its rings \
              enclose (a bow tie as its two triangles), and the overlapping parts of a \
              multipolygon as their union. All geometries of a group must share one SRID.",
    examples: &[
        Example {
            sql: "st_area(st_union_aggr(st_geomFromWKT(wkt))) FROM VALUES ('POLYGON((0 0,2 0,2 2,0 2,0 0))'), ('POLYGON((1 1,3 1,3 3,1 3,1 1))') AS t(wkt)",
            result: "7.0",
        },
        Example {
            sql: "st_union_aggr(st_makeBBOX(x0, 0, x1, 1)) FROM VALUES (0, 1), (1, 2) AS t(x0, x1)",
            result: "POLYGON((0 1,0 0,2 0,2 1,0 1))",
        },
        Example {
            sql: "st_area(st_union_aggr(st_geomFromWKT(wkt))) FROM VALUES ('POLYGON((0 0,2 2,2 0,0 2,0 0))'), (NULL), ('POLYGON((1 0,3 0,3 2,1 0))') AS t(wkt)",
            result: "3.75",
        },
    ],
};

/// Polygons are collapsed into their union when this many are pending.
const PENDING: usize = 1024;

fn bind(args: &BindArgs) -> Result<Box<dyn GroupsAccumulator>, BindError> {
    Groups::<UnionAggr>::bind(args)
}

#[derive(Default)]
struct UnionAggr {
    srid: SridCheck,
    seen: bool,
    polygons: Vec<geo::Polygon<f64>>,
}

impl UnionAggr {
    /// Adds the polygons of one row, made valid first unless they are one triangle: a
    /// self-intersecting ring then counts as the area it encloses, and overlapping parts as
    /// one. Without this, the union of an invalid polygon with others would depend on whether
    /// Spark met them in one task or merged them from two.
    fn add_row(&mut self, geometry: &Geo) -> Result<(), GeomError> {
        let own = polygons(geometry)?;
        let triangle =
            matches!(own.as_slice(), [p] if p.interiors().is_empty() && p.exterior().0.len() <= 4);
        self.add(if triangle { own } else { make_valid(own)? })
    }

    /// Adds polygons that are already a union (or one triangle).
    fn add(&mut self, polygons: Vec<geo::Polygon<f64>>) -> Result<(), GeomError> {
        self.seen = true;
        self.polygons.extend(polygons);
        if self.polygons.len() >= PENDING {
            self.collapse()?;
        }
        Ok(())
    }

    fn collapse(&mut self) -> Result<(), GeomError> {
        self.polygons = union(&self.polygons)?.0;
        Ok(())
    }

    /// The union so far: a polygon, a multipolygon, or `POLYGON EMPTY`.
    fn write(mut self, out: &mut GeomBuf) -> Result<(), GeomError> {
        self.collapse()?;
        match self.polygons.len() {
            0 => out.push_geometry(&geo::Polygon::new(
                geo::LineString::new(Vec::new()),
                Vec::new(),
            )),
            1 => out.push_geometry(&self.polygons[0]),
            _ => out.push_geometry(&geo::MultiPolygon(self.polygons)),
        }
        Ok(())
    }
}

impl GroupState for UnionAggr {
    type Args = (Geometry,);
    /// Whether an SRID was seen and which, whether a polygon was, and the partial union.
    type State = (Boolean, Int, Boolean, Geometry);
    type Out = GeomBuf;

    fn update(&mut self, (g,): (Geo<'_>,), srid: i32) -> Result<(), KernelError> {
        self.srid.add(srid)?;
        self.add_row(&g).map_err(KernelError::at(0))
    }

    fn merge(
        &mut self,
        (has_srid, srid, seen, union): (bool, i32, bool, Geo<'_>),
    ) -> Result<(), GeomError> {
        self.srid.merge(has_srid, srid)?;
        if seen {
            self.add(polygons(&union)?)?;
        }
        Ok(())
    }

    fn merge_group(&mut self, other: Self) -> Result<(), GeomError> {
        let (has_srid, srid) = other.srid.fields();
        self.srid.merge(has_srid, srid)?;
        if other.seen {
            self.add(other.polygons)?;
        }
        Ok(())
    }

    fn write_state(
        self,
        (has_srid, srid, seen, union): &mut (BoolBuf, PrimBuf<i32>, BoolBuf, GeomBuf),
    ) -> Result<(), GeomError> {
        let (srid_seen, srid_value) = self.srid.fields();
        has_srid.push(srid_seen);
        srid.push(srid_value);
        seen.push(self.seen);
        self.write(union)
    }

    fn finish(self, out: &mut GeomBuf) -> Result<(), GeomError> {
        if !self.seen {
            out.push_null();
            return Ok(());
        }
        out.set_srid(self.srid.srid());
        self.write(out)
    }
}
