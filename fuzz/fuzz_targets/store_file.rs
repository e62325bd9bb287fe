//! A data file of the store as bytes: planned and scanned with filters that read every column
//! kind, and read whole; a corrupt file must be an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(bug) = strabo_testkit::files::check_store_file(data) {
        panic!("{bug}");
    }
});
