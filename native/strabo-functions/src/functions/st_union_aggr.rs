use strabo_geom::union::{make_valid, polygons, union};
use strabo_geom::{Geo, GeomError};
use strabo_kernel::aggregate::{for_each_row, Accumulator, Accumulators};
use strabo_kernel::RowError;

use super::prelude::*;
use super::srid::SridCheck;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_union_aggr",
    aliases: &[],
    category: Category::Aggregates,
    signatures: &[Signature {
        params: &[Param::new("geom", SqlType::Geometry, "A polygon or multipolygon.")],
        returns: SqlType::Geometry,
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

fn bind(_args: &BindArgs) -> Result<Box<dyn strabo_kernel::AggregateKernel>, BindError> {
    Ok(Box::new(Accumulators(UnionAggr::default)))
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
}

impl Accumulator for UnionAggr {
    type Out = GeomBuf;

    fn update(&mut self, args: &[ColumnView<'_>], rows: usize) -> Result<(), RowError> {
        for_each_row::<Geometry>(args, 0, rows, |g, srid| {
            self.srid.add(srid.unwrap_or(0))?;
            self.add_row(&g).map_err(KernelError::at(0))
        })
    }

    /// State: the SRID check's 5 bytes, then 1 and the partial union as WKB, or 0.
    fn state(&mut self) -> Result<Vec<u8>, GeomError> {
        let mut state = self.srid.state();
        state.push(self.seen as u8);
        if self.seen {
            self.collapse()?;
            strabo_geom::write_wkb(&geo::MultiPolygon(self.polygons.clone()), &mut state);
        }
        Ok(state)
    }

    fn merge(&mut self, state: &[u8]) -> Result<(), GeomError> {
        match self.srid.merge(state)? {
            [0] => Ok(()),
            [1, wkb @ ..] => self.add(polygons(&Geo::read(wkb)?)?),
            _ => Err(GeomError::InvalidParameter(
                "corrupt st_union_aggr state".into(),
            )),
        }
    }

    fn finish(&mut self, out: &mut GeomBuf) -> Result<(), GeomError> {
        if !self.seen {
            out.push_null();
            return Ok(());
        }
        self.collapse()?;
        out.set_srid(self.srid.srid());
        match self.polygons.len() {
            0 => out.push_geometry(&geo::Polygon::new(
                geo::LineString::new(Vec::new()),
                Vec::new(),
            )),
            1 => out.push_geometry(&self.polygons[0]),
            _ => out.push_geometry(&geo::MultiPolygon(self.polygons.clone())),
        }
        Ok(())
    }
}
