//! Checks for the store's text languages: ECQL and the filter's JSON form (`strabo-filter`),
//! Spark's filters as the JVM serializes them for pushdown (`strabo-query`), and GeoMesa's
//! feature type specs and HOCON metadata (`strabo-geomesa`). Anything that parses
//! must render back to text that parses to the same value; anything else must be an error.
use strabo_filter::Filter;
use strabo_geomesa::{changelog, conf, FeatureTypeSpec};
use strabo_query::translate::{translate, ColumnKind, HostExpr};

/// ECQL text: a filter renders as ECQL and as JSON, and both read back equal.
pub fn check_ecql(data: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    match Filter::from_ecql(text) {
        Ok(filter) => filter_round_trips(&filter),
        Err(_) => Ok(()),
    }
}

/// The filter's JSON form, as the JVM sends it: what is accepted renders as ECQL that reads
/// back equal.
pub fn check_filter_json(data: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    match Filter::from_json(text) {
        Ok(filter) => filter_round_trips(&filter),
        Err(_) => Ok(()),
    }
}

fn filter_round_trips(filter: &Filter) -> Result<(), String> {
    let ecql = filter.to_ecql();
    match Filter::from_ecql(&ecql) {
        Ok(back) if &back == filter => {}
        other => {
            return Err(format!(
                "{filter:?} renders as {ecql:?}, which reads as {other:?}"
            ))
        }
    }
    let json = filter.to_json();
    match Filter::from_json(&json) {
        Ok(back) if &back == filter => Ok(()),
        other => Err(format!("{filter:?} as JSON {json} reads as {other:?}")),
    }
}

/// A Spark filter as the JVM serializes it for pushdown: whatever `translate` makes of it is a
/// filter that `Filter::from_json` accepts back (the scan reads it so) and that round-trips
/// through ECQL and JSON.
pub fn check_pushdown(data: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    let Ok(expr) = serde_json::from_str::<HostExpr>(text) else {
        return Ok(());
    };
    let columns = |name: &str| match name {
        "geom" => Some(ColumnKind::Geometry { srid: 4326 }),
        "plane" => Some(ColumnKind::Geometry { srid: 0 }),
        "n" | "x" | "name" | "dtg" | "day" | "flag" => Some(ColumnKind::Other),
        _ => None,
    };
    let Some(translated) = translate(&expr, &columns) else {
        return Ok(());
    };
    let json = translated.filter.to_json();
    match Filter::from_json(&json) {
        Ok(back) if back == translated.filter => filter_round_trips(&back),
        other => Err(format!(
            "{text} translates to {json}, which the scan reads as {other:?}"
        )),
    }
}

/// A GeoMesa feature type spec: what parses renders as a spec that parses equal.
pub fn check_geomesa_spec(data: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    let Ok(spec) = FeatureTypeSpec::parse(text) else {
        return Ok(());
    };
    let rendered = spec.to_string();
    match FeatureTypeSpec::parse(&rendered) {
        Ok(back) if back == spec => Ok(()),
        other => Err(format!(
            "spec {text:?} renders as {rendered:?}, which reads as {other:?}"
        )),
    }
}

/// GeoMesa's HOCON metadata: a document that parses is read as a compacted change log (an
/// error or entries, never a panic).
pub fn check_geomesa_conf(data: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    if let Ok(value) = conf::parse(text) {
        let _ = changelog::parse_compacted(&value);
        let _ = changelog::parse_entry(&value);
    }
    Ok(())
}

/// Names GeoMesa stores carry, as text: a visibility label (first line), a partition scheme
/// name (second line) with `key=value` options (next lines, up to a blank one) and a partition
/// name (the rest), read as a column name too. Nothing panics; an encoded name decodes back;
/// a label that does not parse is visible to no one; a partition's time span is not empty.
pub fn check_geomesa_names(data: &[u8]) -> Result<(), String> {
    use strabo_geomesa::{columns, visibility, Authorizations, PartitionScheme};
    let Ok(text) = std::str::from_utf8(data) else {
        return Ok(());
    };
    let mut lines = text.splitn(3, '\n');
    let label = lines.next().unwrap_or("");
    let scheme_name = lines.next().unwrap_or("");
    let (options, partition) = lines
        .next()
        .unwrap_or("")
        .split_once("\n\n")
        .unwrap_or(("", ""));
    let auths = Authorizations::parse("admin,user,a_b,x:y");
    if !visibility::is_valid(label) && auths.can_see(label) {
        return Err(format!("the malformed label {label:?} is visible"));
    }
    let _ = Authorizations::default().can_see(label);
    for name in [label, partition] {
        let encoded = columns::encode_name(name);
        if columns::decode_name(&encoded).as_deref() != Some(name) {
            return Err(format!(
                "{name:?} encodes as {encoded:?}, which does not decode back"
            ));
        }
        let _ = columns::decode_name(name);
    }
    let scheme = PartitionScheme {
        name: scheme_name.to_owned(),
        options: options
            .lines()
            .filter_map(|line| line.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
    };
    let bounds = scheme.bounds(partition);
    match bounds.time {
        Some([start, end]) if start > end => Err(format!(
            "{scheme:?} bounds partition {partition:?} by the empty span {start}..{end}"
        )),
        _ => Ok(()),
    }
}
