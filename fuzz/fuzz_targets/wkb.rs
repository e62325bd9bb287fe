//! WKB and EWKB bytes, as a BINARY column hands them to every function that takes a geometry.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(bug) = strabo_testkit::walk::check_wkb(data) {
        panic!("{bug}");
    }
});
