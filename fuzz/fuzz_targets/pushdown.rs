//! Spark's filters as the JVM serializes them: what the store pushes is a valid filter that
//! round-trips.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(bug) = strabo_testkit::metadata::check_pushdown(data) {
        panic!("{bug}");
    }
});
