//! What `cargo fuzz` will do, in small: malformed ECQL and JSON, made by cutting and mutating
//! real filters, never panic; and whatever parses renders as text that parses back equal.
use strabo_filter::Filter;

const CORPUS: &str = include_str!("ecql_corpus.txt");

fn corpus() -> Vec<&'static str> {
    CORPUS
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.trim_start_matches("! "))
        .chain([
            "RELATE(geom, SRID=4326;POINT(1 2), T*F**F***) AND dtg DURING P1D/2024-01-01T00:00:00Z",
            "\"a\"\"b\" NOT ILIKE 'x%' OR NOT (b IS NOT NULL AND c NOT BETWEEN 1.5e3 AND -2)",
            "DWITHIN(POINT Z(1 2 3), geom, 1, nautical miles) AND IN ('a', 'b') AND x <> 'it''s'",
        ])
        .collect()
}

/// Same cases on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }
}

/// Parses `text`; if it parses, its rendering must parse back to the same filter.
fn check(text: &str) {
    if let Ok(filter) = Filter::from_ecql(text) {
        let rendered = filter.to_ecql();
        assert_eq!(
            Filter::from_ecql(&rendered).as_ref(),
            Ok(&filter),
            "{text:?} rendered as {rendered:?}"
        );
    }
}

#[test]
fn every_prefix_of_every_corpus_filter_parses_or_errs() {
    for line in corpus() {
        for (at, _) in line.char_indices() {
            check(&line[..at]);
            check(&line[at..]);
        }
    }
}

#[test]
fn mutated_filters_parse_or_err() {
    const PIECES: &[&str] = &[
        "(",
        ")",
        "'",
        "\"",
        ",",
        "/",
        "-",
        ".",
        "e",
        "1",
        " ",
        "NOT ",
        "AND ",
        " OR ",
        "é",
        "\0",
        "POINT(",
        "EMPTY",
        "T",
        "Z",
        ";",
        "SRID=",
        "%",
        "9999-",
        "2024-01-01T00:00:00Z",
        "==",
        "<",
        "((((",
        "))",
        "P1D",
        "1e999",
        "-0",
        "__fid__",
        "IN (",
        "GEOMETRYCOLLECTION(",
    ];
    let lines = corpus();
    let mut rng = Rng(0xF022);
    for _ in 0..40_000 {
        let mut text = lines[rng.below(lines.len())].to_string();
        for _ in 0..1 + rng.below(3) {
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(at, _)| at)
                .chain([text.len()])
                .collect();
            let at = boundaries[rng.below(boundaries.len())];
            let piece = PIECES[rng.below(PIECES.len())];
            match rng.below(3) {
                0 => text.insert_str(at, piece),
                1 => {
                    let end = boundaries.iter().copied().find(|&b| b > at).unwrap_or(at);
                    text.replace_range(at..end, piece);
                }
                _ => {
                    let end = boundaries
                        .iter()
                        .copied()
                        .filter(|&b| b >= at)
                        .nth(1 + rng.below(4))
                        .unwrap_or(text.len());
                    text.replace_range(at..end, "");
                }
            }
        }
        check(&text);
    }
}

#[test]
fn random_bytes_parse_or_err() {
    let mut rng = Rng(0xB17E5);
    for _ in 0..20_000 {
        let bytes: Vec<u8> = (0..rng.below(64)).map(|_| rng.below(256) as u8).collect();
        check(&String::from_utf8_lossy(&bytes));
        let ascii: String = (0..rng.below(64))
            .map(|_| (32 + rng.below(95) as u8) as char)
            .collect();
        check(&ascii);
    }
}

#[test]
fn mutated_json_reads_or_errs_and_valid_json_renders_parseable_ecql() {
    let filters: Vec<String> = corpus()
        .into_iter()
        .filter_map(|line| Filter::from_ecql(line).ok())
        .map(|filter| filter.to_json())
        .collect();
    const PIECES: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        "\"",
        ":",
        ",",
        "-1",
        "1e400",
        "null",
        "\"op\":\"not\"",
        "\"\"",
        "0",
        "ff",
    ];
    let mut rng = Rng(0x150A);
    for _ in 0..20_000 {
        let mut json = filters[rng.below(filters.len())].clone();
        for _ in 0..1 + rng.below(2) {
            let boundaries: Vec<usize> = json.char_indices().map(|(at, _)| at).collect();
            let at = boundaries[rng.below(boundaries.len())];
            let end = boundaries
                .iter()
                .copied()
                .filter(|&b| b >= at)
                .nth(rng.below(3))
                .unwrap_or(json.len());
            json.replace_range(at..end, PIECES[rng.below(PIECES.len())]);
        }
        if let Ok(filter) = Filter::from_json(&json) {
            let text = filter.to_ecql();
            assert_eq!(
                Filter::from_ecql(&text).as_ref(),
                Ok(&filter),
                "{json} rendered as {text}"
            );
        }
    }
    // Nesting past what ECQL allows is refused, not rendered into text that cannot parse.
    let deep = format!(
        "{}{{\"op\":\"include\"}}{}",
        "{\"op\":\"not\",\"filter\":".repeat(100),
        "}".repeat(100)
    );
    assert!(Filter::from_json(&deep).is_err());
}
