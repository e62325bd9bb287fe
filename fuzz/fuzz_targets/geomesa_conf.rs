//! GeoMesa's HOCON metadata and change-log entries: errors, never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(bug) = strabo_testkit::metadata::check_geomesa_conf(data) {
        panic!("{bug}");
    }
});
