//! EWKT text, through `st_geomFromEWKT`, written back by `st_asEWKT` and read again.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(bug) = strabo_testkit::codecs::check_ewkt(data) {
        panic!("{bug}");
    }
});
