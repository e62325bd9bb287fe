//! Random aggregate calls over random groups, built from the fuzzer's bytes: however the rows
//! are split among accumulators and merged, the result is the same; a corrupt state is refused;
//! failures are argument errors only.
#![no_main]
use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use strabo_testkit::aggregates::check_random_aggregate;
use strabo_testkit::choices::Fuzzed;
use strabo_testkit::programs::FUZZ_MAX_ROWS;

fuzz_target!(|data: &[u8]| {
    if let Err(bug) = check_random_aggregate(Fuzzed(Unstructured::new(data)), 2 * FUZZ_MAX_ROWS) {
        panic!("{bug}");
    }
});
