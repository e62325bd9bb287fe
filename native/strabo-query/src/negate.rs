//! `NOT` pushed into the predicates it can be pushed into exactly, so that pruning sees
//! `NOT (x < 5)` as `x >= 5`.
//!
//! Each rewrite holds under three-valued logic with [`crate::evaluate`]'s semantics: De
//! Morgan's laws hold for Kleene logic; a comparison negates to the opposite comparison because
//! every column type compares in a total order (NaN above every number, as in Spark) and NULL
//! stays NULL either way; `INTERSECTS` and `DISJOINT` are each other's negation in strabo-geom.
use strabo_filter::{CompareOp, Filter, Literal, SpatialPredicate, TemporalPredicate};

/// A filter equivalent to `NOT filter` with the `NOT` pushed one level in, or `None` when
/// there is no such filter among the ones pruning understands.
pub(crate) fn negation(filter: &Filter) -> Option<Filter> {
    let not = |filter: &Filter| Filter::Not {
        filter: Box::new(filter.clone()),
    };
    let compare = |property: &str, operator, value: Literal| Filter::Compare {
        property: property.to_string(),
        operator,
        value,
    };
    Some(match filter {
        Filter::Include => Filter::Exclude,
        Filter::Exclude => Filter::Include,
        Filter::Not { filter } => (**filter).clone(),
        Filter::And { filters } => Filter::Or {
            filters: filters.iter().map(not).collect(),
        },
        Filter::Or { filters } => Filter::And {
            filters: filters.iter().map(not).collect(),
        },
        Filter::Compare {
            property,
            operator,
            value,
        } => compare(property, opposite(*operator), value.clone()),
        Filter::Between {
            property,
            low,
            high,
        } => Filter::Or {
            filters: vec![
                compare(property, CompareOp::Lt, low.clone()),
                compare(property, CompareOp::Gt, high.clone()),
            ],
        },
        Filter::During {
            property,
            start,
            end,
        } => Filter::Or {
            filters: vec![
                compare(property, CompareOp::Le, Literal::Instant(*start)),
                compare(property, CompareOp::Ge, Literal::Instant(*end)),
            ],
        },
        Filter::Temporal {
            predicate,
            property,
            instant,
        } => {
            let operator = match predicate {
                TemporalPredicate::Before => CompareOp::Ge,
                TemporalPredicate::After => CompareOp::Le,
                TemporalPredicate::Tequals => CompareOp::Ne,
            };
            compare(property, operator, Literal::Instant(*instant))
        }
        Filter::Spatial {
            predicate: predicate @ (SpatialPredicate::Intersects | SpatialPredicate::Disjoint),
            property,
            geometry,
        } => Filter::Spatial {
            predicate: match predicate {
                SpatialPredicate::Intersects => SpatialPredicate::Disjoint,
                _ => SpatialPredicate::Intersects,
            },
            property: property.clone(),
            geometry: geometry.clone(),
        },
        _ => return None,
    })
}

/// The comparison that holds exactly where `operator` does not.
fn opposite(operator: CompareOp) -> CompareOp {
    match operator {
        CompareOp::Eq => CompareOp::Ne,
        CompareOp::Ne => CompareOp::Eq,
        CompareOp::Lt => CompareOp::Ge,
        CompareOp::Le => CompareOp::Gt,
        CompareOp::Gt => CompareOp::Le,
        CompareOp::Ge => CompareOp::Lt,
    }
}
