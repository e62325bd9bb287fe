//! The store's SRID for geometry literals written without one.
use strabo_filter::{Filter, GeometryLiteral};

/// The filter with `srid` given to every geometry literal whose SRID is 0 (none written, as in
/// ECQL's `POINT(1 2)`): a store calls this with its geometry column's SRID before
/// [`crate::evaluate`] and [`crate::bounds`], so that `DWITHIN` on a store in EPSG:4326 is
/// refused rather than read as meters. Literals with an SRID keep it.
pub fn with_default_srid(filter: &Filter, srid: i32) -> Filter {
    let literal = |geometry: &GeometryLiteral| GeometryLiteral {
        srid: if geometry.srid == 0 {
            srid
        } else {
            geometry.srid
        },
        wkb: geometry.wkb.clone(),
    };
    let all = |filters: &[Filter]| {
        filters
            .iter()
            .map(|filter| with_default_srid(filter, srid))
            .collect()
    };
    match filter {
        Filter::And { filters } => Filter::And {
            filters: all(filters),
        },
        Filter::Or { filters } => Filter::Or {
            filters: all(filters),
        },
        Filter::Not { filter } => Filter::Not {
            filter: Box::new(with_default_srid(filter, srid)),
        },
        Filter::Spatial {
            predicate,
            property,
            geometry,
        } => Filter::Spatial {
            predicate: *predicate,
            property: property.clone(),
            geometry: literal(geometry),
        },
        Filter::Relate {
            property,
            geometry,
            pattern,
        } => Filter::Relate {
            property: property.clone(),
            geometry: literal(geometry),
            pattern: pattern.clone(),
        },
        Filter::Distance {
            predicate,
            property,
            geometry,
            distance,
            units,
        } => Filter::Distance {
            predicate: *predicate,
            property: property.clone(),
            geometry: literal(geometry),
            distance: *distance,
            units: *units,
        },
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_literals_without_an_srid_take_the_default() {
        let filter = Filter::from_ecql(
            "DWITHIN(geom, POINT(1 2), 5, meters) AND NOT INTERSECTS(geom, SRID=3857;POINT(0 0)) \
             OR x = 1",
        )
        .unwrap();
        let given = with_default_srid(&filter, 4326);
        assert_eq!(
            given.to_ecql(),
            "DWITHIN(geom, SRID=4326;POINT(1 2), 5.0, meters) AND NOT INTERSECTS(geom, \
             SRID=3857;POINT(0 0)) OR x = 1"
        );
    }
}
