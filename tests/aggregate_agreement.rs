//! Property test: an aggregate gives the same result however a group's rows are split among
//! accumulators and merged (see `strabo_testkit::aggregates`). Every seed is reproducible from
//! the failure message; the fuzz target `aggregate` searches the same space guided by coverage.
use strabo_testkit::aggregates::{check_random_aggregate, AggregateOutcome};
use strabo_testkit::choices::Seeded;

const CASES: u64 = 1000;
const MAX_ROWS: usize = 24;

#[test]
fn aggregates_agree_however_a_group_is_split() {
    let mut outcomes = Vec::new();
    let mut failures = Vec::new();
    for seed in 0..CASES {
        match check_random_aggregate(Seeded::new(seed), MAX_ROWS) {
            Ok(outcome) => outcomes.push(outcome),
            Err(failure) => failures.push(format!("seed {seed}: {failure}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {CASES} cases disagree; first:\n{}",
        failures.len(),
        failures[..failures.len().min(3)].join("\n")
    );
    // The generator must reach what the property is about, or the property says little.
    let count = |f: fn(&AggregateOutcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
    let coverage = [
        ("split groups", count(|o| o.split)),
        ("failed groups", count(|o| o.failed)),
        ("groups with a value", count(|o| o.values)),
    ];
    for (what, cases) in coverage {
        assert!(
            cases >= CASES as usize / 20,
            "only {cases} cases with {what}: {coverage:?}"
        );
    }
}
