//! Random spatial joins built from the fuzzer's bytes: a broadcast index and both ways of
//! partitioning find exactly the pairs of a nested loop; partitioners decoded from arbitrary
//! numbers are refused or route without panicking.
#![no_main]
use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use strabo_testkit::choices::Fuzzed;
use strabo_testkit::joins::check_random_join;

fuzz_target!(|data: &[u8]| {
    if let Err(bug) = check_random_join(Fuzzed(Unstructured::new(data))) {
        panic!("{bug}");
    }
});
