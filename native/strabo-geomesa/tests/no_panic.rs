//! Arbitrary text gives an error or a value, never a panic: specs, HOCON, and change-log entries.

use strabo_geomesa::{changelog, conf, FeatureTypeSpec};

/// Deterministic pseudo-random strings over the characters the grammars care about.
fn samples() -> impl Iterator<Item = String> {
    const ALPHABET: &[&str] = &[
        "a",
        "Z",
        "0",
        "9",
        "_",
        "-",
        ".",
        ":",
        ",",
        ";",
        "*",
        "=",
        "'",
        "\"",
        "\\",
        "u",
        "d83d",
        "[",
        "]",
        "{",
        "}",
        " ",
        "\n",
        "/",
        "#",
        "$",
        "+",
        "é",
        "😀",
        "String",
        "Point",
        "List",
        "Map",
        "A",
        "R",
        "M",
        "D",
        "1745333818131",
        "-1",
        "2.5",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..20_000).map(move |_| {
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let len = next() % 24;
        (0..len)
            .map(|_| ALPHABET[next() % ALPHABET.len()])
            .collect()
    })
}

#[test]
fn spec_parser_never_panics_and_round_trips_what_it_accepts() {
    let mut accepted = 0;
    for text in samples() {
        if let Ok(spec) = FeatureTypeSpec::parse(&text) {
            accepted += 1;
            let rendered = spec.to_string();
            assert_eq!(
                FeatureTypeSpec::parse(&rendered).as_ref(),
                Ok(&spec),
                "{text:?} -> {rendered:?}"
            );
        }
    }
    assert!(accepted > 0);
}

#[test]
fn conf_and_entry_parsers_never_panic() {
    for text in samples() {
        if let Ok(value) = conf::parse(&text) {
            let _ = changelog::parse_entry(&value);
            let _ = changelog::parse_compacted(&value);
        }
    }
}
