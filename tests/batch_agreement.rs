//! Property test: the batch path and the per-row path agree (see `strabo_testkit::programs`).
//! Every seed is reproducible from the failure message; the fuzz target `executor` searches
//! the same space guided by coverage.
use strabo_testkit::programs::{check_random_program, Outcome};
use strabo_testkit::seeds::{assert_reached, run_seeds};

const CASES: u64 = 1500;
const MAX_ROWS: usize = 24;

#[test]
fn batch_and_per_row_paths_agree_on_random_programs() {
    let outcomes = run_seeds(CASES, |seed| check_random_program(seed, MAX_ROWS));
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
    assert_reached(&coverage, CASES as usize / 50);
}
