//! GeoJSON text, through `st_geomFromGeoJSON`, written back by `st_asGeoJSON` and read again.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(bug) = strabo_testkit::codecs::check_geojson(data) {
        panic!("{bug}");
    }
});
