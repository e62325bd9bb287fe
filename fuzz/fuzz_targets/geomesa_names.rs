//! GeoMesa's visibility labels, encoded column names and partition names under their schemes:
//! errors or no bounds, never panics (see `check_geomesa_names`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(bug) = strabo_testkit::metadata::check_geomesa_names(data) {
        panic!("{bug}");
    }
});
