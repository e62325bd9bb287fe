//! The DE-9IM matrix and the named predicates against GEOS, on ~2000 random pairs of geometries
//! of every type on a coarse integer grid, where vertices and edges coincide: shared vertices,
//! collinear overlaps, touching at a vertex or along an edge, identical geometries, crossing
//! lines, multi-lines whose mod-2 boundary matters, collections whose members overlap, empty
//! geometries of each type, lines whose coordinates are all equal.
//!
//! `data/relate_pairs.txt` holds the pairs with shapely 2.1.2's (GEOS 3.13.1's) answers, as
//! `data/relate_pairs.py` wrote them (`shapely.relate(a, b)`, then `shapely.intersects`,
//! `contains`, `within`, `covers`, `covered_by`, `crosses`, `overlaps`, `touches`, `equals`).
//! Where GEOS's matrix is not the exact one (`data/relate_exact.py` computes it independently,
//! in rational arithmetic), GEOS contradicts itself on the pair, the exact matrix is expected,
//! and the line notes how GEOS contradicts itself, with its matrix; `relate_pairs.py` explains
//! each kind.
use std::collections::BTreeMap;

use strabo_geom::relate::{
    contains, covered_by, covers, crosses, equals, intersects, overlaps, relate, touches, within,
    Invalid,
};
use strabo_geom::{wkt_codec, write_wkb, Geo, Prepared};

type Predicate = fn(&Geo, &Geo) -> Result<bool, Invalid>;

const PREDICATES: [(&str, Predicate); 9] = [
    ("intersects", intersects),
    ("contains", contains),
    ("within", within),
    ("covers", covers),
    ("covered_by", covered_by),
    ("crosses", crosses),
    ("overlaps", overlaps),
    ("touches", touches),
    ("equals", equals),
];

fn wkb(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    write_wkb(&wkt_codec::parse(text).unwrap(), &mut out);
    out
}

fn transposed(matrix: &str) -> String {
    let m = matrix.as_bytes();
    [0, 3, 6, 1, 4, 7, 2, 5, 8]
        .iter()
        .map(|&i| m[i] as char)
        .collect()
}

#[test]
fn matrices_and_predicates_agree_with_geos() {
    let mut pairs = 0;
    let mut refused = Vec::new();
    let mut disagreements = Vec::new();
    // How often GEOS contradicts itself, by kind; and its predicates contradict the matrix.
    let mut geos_contradictions: BTreeMap<&str, usize> = BTreeMap::new();
    let mut predicate_contradictions = 0;
    for line in include_str!("data/relate_pairs.txt").lines() {
        let fields: Vec<&str> = line.split('|').collect();
        let [a_text, b_text, expected, flags, note] = fields[..] else {
            panic!("malformed line: {line}");
        };
        pairs += 1;
        if let Some((kind, _geos)) = note.split_once(' ') {
            *geos_contradictions.entry(kind).or_default() += 1;
        }
        let (a_bytes, b_bytes) = (wkb(a_text), wkb(b_text));
        let (a, b) = (Geo::read(&a_bytes).unwrap(), Geo::read(&b_bytes).unwrap());
        let matrix = match relate(&a, &b) {
            Ok(matrix) => matrix.to_string(),
            Err(invalid) => {
                refused.push(format!("{line}: {invalid:?}"));
                continue;
            }
        };
        if matrix != expected {
            disagreements.push(format!(
                "{a_text} | {b_text}: {matrix}, expected {expected}"
            ));
        }
        let reverse = relate(&b, &a).unwrap().to_string();
        if reverse != transposed(expected) {
            disagreements.push(format!(
                "{b_text} | {a_text}: {reverse}, expected transposed {expected}"
            ));
        }
        // T and F mark where GEOS's predicate contradicts the matrix: the matrix is right.
        for ((name, predicate), flag) in PREDICATES.iter().zip(flags.chars()) {
            predicate_contradictions += usize::from(matches!(flag, 'T' | 'F'));
            let wanted = matches!(flag, '1' | 'T');
            let got = predicate(&a, &b).unwrap();
            if got != wanted {
                disagreements.push(format!(
                    "{name}({a_text}, {b_text}) = {got}, expected {flag}"
                ));
            }
        }
        // The prepared fast paths answer as the general ones.
        let prepared = Prepared::new(&a_bytes).unwrap();
        for (name, predicate) in &PREDICATES {
            if predicate(&a, &b) != predicate(&prepared.as_geo(), &b) {
                disagreements.push(format!("prepared {name}({a_text}, {b_text})"));
            }
        }
    }
    let contradicted: usize = geos_contradictions.values().sum();
    eprintln!(
        "{pairs} pairs: {} matrices as expected, {} refused; GEOS's own matrix expected for {}, \
         GEOS contradicting itself on {contradicted} ({geos_contradictions:?}); \
         {predicate_contradictions} GEOS predicates contradicting the matrix",
        pairs - refused.len() - disagreements.len(),
        refused.len(),
        pairs - contradicted,
    );
    assert!(pairs > 1900, "{pairs} pairs");
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
    assert!(refused.is_empty(), "{}", refused.join("\n"));
}
