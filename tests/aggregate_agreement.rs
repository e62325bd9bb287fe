//! Property test: an aggregate gives the same result however a group's rows are split among
//! accumulators and merged (see `strabo_testkit::aggregates`). Every seed is reproducible from
//! the failure message; the fuzz target `aggregate` searches the same space guided by coverage.
use strabo_testkit::aggregates::{check_random_aggregate, AggregateOutcome};
use strabo_testkit::seeds::{assert_reached, run_seeds};

const CASES: u64 = 1000;
const MAX_ROWS: usize = 24;

#[test]
fn aggregates_agree_however_a_group_is_split() {
    let outcomes = run_seeds(CASES, |seed| check_random_aggregate(seed, MAX_ROWS));
    let count = |f: fn(&AggregateOutcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
    let coverage = [
        ("split groups", count(|o| o.split)),
        ("failed groups", count(|o| o.failed)),
        ("groups with a value", count(|o| o.values)),
    ];
    assert_reached(&coverage, CASES as usize / 20);
}
