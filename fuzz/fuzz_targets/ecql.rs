//! ECQL text, the store's `cql` option: what parses renders as ECQL and JSON that read back equal.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(bug) = strabo_testkit::metadata::check_ecql(data) {
        panic!("{bug}");
    }
});
