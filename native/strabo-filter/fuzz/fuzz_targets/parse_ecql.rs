//! Any text either fails to parse or parses to a filter whose ECQL parses back equal.
#![no_main]
use libfuzzer_sys::fuzz_target;
use strabo_filter::Filter;

fuzz_target!(|text: &str| {
    if let Ok(filter) = Filter::from_ecql(text) {
        let rendered = filter.to_ecql();
        assert_eq!(Filter::from_ecql(&rendered).as_ref(), Ok(&filter), "{rendered}");
    }
});
