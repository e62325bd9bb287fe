//! Random programs of nested registry calls, built from the fuzzer's bytes: functions,
//! arguments, NULLs, constants and columns, and arbitrary values; the batch and per-row paths
//! must agree and fail only with argument errors.
#![no_main]
use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use strabo_testkit::choices::Fuzzed;
use strabo_testkit::programs::{check_random_program, FUZZ_MAX_ROWS};

fuzz_target!(|data: &[u8]| {
    if let Err(bug) = check_random_program(Fuzzed(Unstructured::new(data)), FUZZ_MAX_ROWS) {
        panic!("{bug}");
    }
});
