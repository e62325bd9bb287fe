//! GML text, through `st_geomFromGML`, written back by `st_asGML` (GML 2 and 3) and read again.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(bug) = strabo_testkit::codecs::check_gml(data) {
        panic!("{bug}");
    }
});
