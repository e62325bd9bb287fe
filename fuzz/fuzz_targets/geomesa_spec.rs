//! GeoMesa feature type specs: what parses renders as a spec that parses equal.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(bug) = strabo_testkit::metadata::check_geomesa_spec(data) {
        panic!("{bug}");
    }
});
