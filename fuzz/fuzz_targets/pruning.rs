//! Random filters, built from the fuzzer's bytes, over a store of random rows: the store's plan
//! and scan return exactly the rows that evaluating the filter over every row selects.
#![no_main]
use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use strabo_testkit::choices::Fuzzed;
use strabo_testkit::stores::check_random_filter;

fuzz_target!(|data: &[u8]| {
    if let Err(bug) = check_random_filter(Fuzzed(Unstructured::new(data))) {
        panic!("{bug}");
    }
});
