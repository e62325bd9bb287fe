//! Any JSON either is refused or is a valid filter whose ECQL parses back equal.
#![no_main]
use libfuzzer_sys::fuzz_target;
use strabo_filter::Filter;

fuzz_target!(|json: &str| {
    if let Ok(filter) = Filter::from_json(json) {
        let rendered = filter.to_ecql();
        assert_eq!(Filter::from_ecql(&rendered).as_ref(), Ok(&filter), "{rendered}");
    }
});
