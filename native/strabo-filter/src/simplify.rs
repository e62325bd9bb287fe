//! Rewrites that help push a filter down to a store: flattening, and splitting off the
//! conjuncts a store can evaluate.
use std::collections::BTreeSet;

use crate::ast::{Filter, FEATURE_ID};

impl Filter {
    /// `AND` of the filters, flattened: `INCLUDE` for none, the filter itself for one.
    pub fn all(filters: Vec<Filter>) -> Filter {
        Filter::And { filters }.flatten()
    }

    /// `OR` of the filters, flattened: `EXCLUDE` for none, the filter itself for one.
    pub fn any(filters: Vec<Filter>) -> Filter {
        Filter::Or { filters }.flatten()
    }

    /// An equivalent filter with nested `AND`s and `OR`s merged into their parents, `INCLUDE`
    /// and `EXCLUDE` folded away (`x AND EXCLUDE` is `EXCLUDE`), double `NOT`s removed, and
    /// `AND`/`OR` of one filter replaced by that filter.
    pub fn flatten(self) -> Filter {
        match self {
            Filter::And { filters } => {
                let mut flat = Vec::with_capacity(filters.len());
                for filter in filters {
                    match filter.flatten() {
                        Filter::Include => {}
                        Filter::Exclude => return Filter::Exclude,
                        Filter::And { filters } => flat.extend(filters),
                        other => flat.push(other),
                    }
                }
                combine(flat, Filter::Include, |filters| Filter::And { filters })
            }
            Filter::Or { filters } => {
                let mut flat = Vec::with_capacity(filters.len());
                for filter in filters {
                    match filter.flatten() {
                        Filter::Exclude => {}
                        Filter::Include => return Filter::Include,
                        Filter::Or { filters } => flat.extend(filters),
                        other => flat.push(other),
                    }
                }
                combine(flat, Filter::Exclude, |filters| Filter::Or { filters })
            }
            Filter::Not { filter } => match filter.flatten() {
                Filter::Not { filter } => *filter,
                Filter::Include => Filter::Exclude,
                Filter::Exclude => Filter::Include,
                other => Filter::Not {
                    filter: Box::new(other),
                },
            },
            predicate => predicate,
        }
    }

    /// The filters that must all hold, with nested `AND`s looked through; none for
    /// `INCLUDE`, the filter itself when it is not an `AND`.
    pub fn conjuncts(&self) -> Vec<&Filter> {
        match self {
            Filter::Include => Vec::new(),
            Filter::And { filters } => filters.iter().flat_map(Filter::conjuncts).collect(),
            other => vec![other],
        }
    }

    /// Every property the filter reads; feature ids count as [`FEATURE_ID`].
    pub fn properties(&self) -> BTreeSet<&str> {
        let mut out = BTreeSet::new();
        self.collect_properties(&mut out);
        out
    }

    /// The one property a predicate reads, feature ids counting as [`FEATURE_ID`]; `None` for
    /// `AND`, `OR`, `NOT`, `INCLUDE`, `EXCLUDE` and comparisons of two properties.
    pub fn property(&self) -> Option<&str> {
        match self {
            Filter::Spatial { property, .. }
            | Filter::Relate { property, .. }
            | Filter::Bbox { property, .. }
            | Filter::Distance { property, .. }
            | Filter::During { property, .. }
            | Filter::Temporal { property, .. }
            | Filter::Compare { property, .. }
            | Filter::Between { property, .. }
            | Filter::In { property, .. }
            | Filter::Like { property, .. }
            | Filter::IsNull { property } => Some(property),
            Filter::Ids { .. } => Some(FEATURE_ID),
            Filter::Include
            | Filter::Exclude
            | Filter::And { .. }
            | Filter::Or { .. }
            | Filter::Not { .. }
            | Filter::CompareProperties { .. } => None,
        }
    }

    fn collect_properties<'a>(&'a self, out: &mut BTreeSet<&'a str>) {
        match self {
            Filter::And { filters } | Filter::Or { filters } => filters
                .iter()
                .for_each(|filter| filter.collect_properties(out)),
            Filter::Not { filter } => filter.collect_properties(out),
            Filter::CompareProperties { left, right, .. } => {
                out.insert(left);
                out.insert(right);
            }
            leaf => out.extend(leaf.property()),
        }
    }

    /// Splits the filter into `(pushed, residual)`: `pushed` is the `AND` of the conjuncts that
    /// read only the given properties (use [`FEATURE_ID`] for ids), `residual` the `AND` of the
    /// rest; either is `INCLUDE` when empty. `pushed AND residual` is equivalent to the filter.
    pub fn split_by_properties(self, properties: &[&str]) -> (Filter, Filter) {
        let conjuncts = match self.flatten() {
            Filter::Include => Vec::new(),
            Filter::And { filters } => filters,
            other => vec![other],
        };
        let (pushed, residual): (Vec<Filter>, Vec<Filter>) =
            conjuncts.into_iter().partition(|conjunct| {
                conjunct
                    .properties()
                    .iter()
                    .all(|property| properties.contains(property))
            });
        (Filter::all(pushed), Filter::all(residual))
    }
}

/// The identity for no filters, the filter itself for one, `combine` for more.
fn combine(
    mut filters: Vec<Filter>,
    identity: Filter,
    combine: fn(Vec<Filter>) -> Filter,
) -> Filter {
    match filters.len() {
        0 => identity,
        1 => filters.pop().unwrap_or(identity),
        _ => combine(filters),
    }
}

#[cfg(test)]
mod tests {
    use crate::Filter;

    fn parse(text: &str) -> Filter {
        Filter::from_ecql(text).unwrap()
    }

    #[test]
    fn flatten_merges_nested_combinations_and_folds_constants() {
        let cases = [
            (
                "a = 1 AND (b = 2 AND (c = 3 AND d = 4))",
                "a = 1 AND b = 2 AND c = 3 AND d = 4",
            ),
            ("a = 1 OR (b = 2 OR c = 3)", "a = 1 OR b = 2 OR c = 3"),
            ("a = 1 AND INCLUDE", "a = 1"),
            ("a = 1 AND EXCLUDE", "EXCLUDE"),
            ("a = 1 OR INCLUDE", "INCLUDE"),
            ("a = 1 OR EXCLUDE", "a = 1"),
            ("NOT NOT a = 1", "a = 1"),
            ("NOT INCLUDE", "EXCLUDE"),
            (
                "NOT (a = 1 AND (b = 2 AND c = 3))",
                "NOT (a = 1 AND b = 2 AND c = 3)",
            ),
            (
                "(a = 1 OR b = 2) AND ((c = 3))",
                "(a = 1 OR b = 2) AND c = 3",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(parse(input).flatten(), parse(expected), "{input}");
            assert_eq!(parse(input).flatten().to_ecql(), expected, "{input}");
        }
    }

    #[test]
    fn conjuncts_look_through_nested_ands_only() {
        let filter = parse("a = 1 AND (b = 2 AND c = 3) AND (d = 4 OR e = 5)");
        let texts: Vec<String> = filter.conjuncts().iter().map(|c| c.to_ecql()).collect();
        assert_eq!(texts, ["a = 1", "b = 2", "c = 3", "d = 4 OR e = 5"]);
        assert!(Filter::Include.conjuncts().is_empty());
    }

    #[test]
    fn properties_include_both_sides_and_feature_ids() {
        let filter = parse("a = b AND (BBOX(geom, 0, 0, 1, 1) OR IN ('x')) AND NOT dtg BEFORE 2024-01-01T00:00:00Z");
        let properties: Vec<&str> = filter.properties().into_iter().collect();
        assert_eq!(properties, ["__fid__", "a", "b", "dtg", "geom"]);
    }

    #[test]
    fn split_pushes_the_conjuncts_on_known_properties() {
        let filter = parse(
            "BBOX(geom, 0, 0, 1, 1) AND (name = 'a' OR dtg AFTER 2024-01-01T00:00:00Z) \
             AND name LIKE 'x%' AND (dtg DURING 2024-01-01T00:00:00Z/2024-01-02T00:00:00Z AND kind = 1)",
        );
        let (pushed, residual) = filter.clone().split_by_properties(&["geom", "dtg"]);
        assert_eq!(
            pushed.to_ecql(),
            "BBOX(geom, 0.0, 0.0, 1.0, 1.0) AND dtg DURING 2024-01-01T00:00:00Z/2024-01-02T00:00:00Z"
        );
        assert_eq!(
            residual.to_ecql(),
            "(name = 'a' OR dtg AFTER 2024-01-01T00:00:00Z) AND name LIKE 'x%' AND kind = 1"
        );
        let (pushed, residual) = filter.clone().split_by_properties(&[]);
        assert_eq!(pushed, Filter::Include);
        assert_eq!(residual, filter.flatten());
        let (pushed, residual) = parse("IN ('a') AND x = 1").split_by_properties(&["__fid__"]);
        assert_eq!(
            (pushed.to_ecql(), residual.to_ecql()),
            ("IN ('a')".into(), "x = 1".into())
        );
        assert_eq!(
            Filter::Include.split_by_properties(&["a"]),
            (Filter::Include, Filter::Include)
        );
    }
}
