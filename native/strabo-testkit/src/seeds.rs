//! Seeded property tests: a check run over many reproducible seeds, and proof that the cases
//! reached what the property is about.
use crate::choices::Seeded;

/// Runs `check` on seeds `0..cases`; fails naming the first failing seeds, or returns what
/// each case ran into.
pub fn run_seeds<O>(cases: u64, check: impl Fn(Seeded) -> Result<O, String>) -> Vec<O> {
    let mut outcomes = Vec::new();
    let mut failures = Vec::new();
    for seed in 0..cases {
        match check(Seeded::new(seed)) {
            Ok(outcome) => outcomes.push(outcome),
            Err(failure) => failures.push(format!("seed {seed}: {failure}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} cases fail; first:\n{}",
        failures.len(),
        failures[..failures.len().min(3)].join("\n")
    );
    outcomes
}

/// Fails unless each `(what, cases)` counts at least `least` cases: a generator that rarely
/// reaches what the property is about proves little.
pub fn assert_reached(coverage: &[(&str, usize)], least: usize) {
    for (what, cases) in coverage {
        assert!(
            *cases >= least,
            "only {cases} cases with {what}: {coverage:?}"
        );
    }
}
