//! Property test: the batch path and the per-row path agree (see `strabo_testkit::programs`).
//! Every seed is reproducible from the failure message; the fuzz target `executor` searches
//! the same space guided by coverage.
use strabo_testkit::choices::Seeded;
use strabo_testkit::programs::{check_random_program, Outcome};

const CASES: u64 = 1500;
const MAX_ROWS: usize = 24;

#[test]
fn batch_and_per_row_paths_agree_on_random_programs() {
    let mut outcomes = Vec::new();
    let mut failures = Vec::new();
    for seed in 0..CASES {
        match check_random_program(Seeded::new(seed), MAX_ROWS) {
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
    let count = |f: fn(&Outcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
    let coverage = [
        ("nested programs", count(|o| o.nested)),
        ("mixed SRIDs", count(|o| o.mixed_srids)),
        (
            "constants refused at compile time",
            count(|o| o.refused_at_compile),
        ),
        ("failed batches", count(|o| o.batch_failed)),
        ("batches with NULLs", count(|o| o.nulls)),
        ("batches with values", count(|o| o.values)),
    ];
    for (what, cases) in coverage {
        assert!(
            cases >= CASES as usize / 50,
            "only {cases} cases with {what}: {coverage:?}"
        );
    }
}
