//! EWKB bytes, through `st_geomFromEWKB`, written back by `st_asEWKB` and read again.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(bug) = strabo_testkit::codecs::check_ewkb(data) {
        panic!("{bug}");
    }
});
