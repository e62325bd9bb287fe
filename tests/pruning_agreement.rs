//! Property test: whatever the filter, the store's plan and scan return exactly the rows that
//! evaluating it over every row selects (see `strabo_testkit::stores`). Every seed is
//! reproducible from the failure message; the fuzz target `pruning` searches the same space
//! guided by coverage.
use strabo_testkit::seeds::{assert_reached, run_seeds};
use strabo_testkit::stores::{check_random_filter, FilterOutcome};

const CASES: u64 = 600;

#[test]
fn scans_return_what_random_filters_select() {
    let outcomes = run_seeds(CASES, check_random_filter);
    let count = |f: fn(&FilterOutcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
    let coverage = [
        ("some rows selected", count(|o| o.some_rows)),
        ("files pruned", count(|o| o.pruned_files)),
        ("row groups pruned", count(|o| o.pruned_row_groups)),
    ];
    assert_reached(&coverage, CASES as usize / 20);
}
