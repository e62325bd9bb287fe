//! Renderings of the registry: JSON for the JVM and Python, Markdown for `docs/functions.md`.
use std::fmt::Write;

use crate::{registry, Category, FunctionSpec, Implementation};

/// The registry as JSON: what the JVM registers and the Python wrappers expose.
pub fn registry_json() -> String {
    serde_json::to_string_pretty(registry()).expect("the registry is plain data")
}

/// The signature as the docs show it, e.g. `st_distance(a GEOMETRY, b GEOMETRY) → DOUBLE`.
pub fn signature(spec: &FunctionSpec) -> String {
    let params: Vec<String> = spec
        .params
        .iter()
        .map(|p| format!("{} {}", p.name, p.kind.sql_name()))
        .collect();
    format!(
        "{}({}) → {}",
        spec.name,
        params.join(", "),
        spec.returns.sql_name()
    )
}

const CATEGORIES: [(Category, &str); 5] = [
    (Category::Constructors, "Constructors"),
    (Category::Accessors, "Accessors"),
    (Category::Outputs, "Outputs"),
    (Category::Measurements, "Measurements"),
    (Category::Predicates, "Spatial relationships"),
];

/// `docs/functions.md`, generated from the registry; a test keeps the committed file current.
pub fn functions_markdown() -> String {
    let mut out = String::new();
    out.push_str(
        "# SQL function reference\n\n\
         <!-- Generated from the function registry (native/strabo-functions) by \
         `cargo run -p strabo-functions --bin strabo-registry -- markdown`. Do not edit. -->\n\n\
         Every function below is available in Spark SQL once Strabo's extension is loaded \
         (see the [README](../README.md)), and from Python as `strabo.functions.<name>`. \
         Names are case-insensitive, as everywhere in Spark SQL.\n\n\
         **Types.** A `GEOMETRY` argument accepts Spark's own `GEOMETRY(srid)` type or \
         Well-Known Binary in a `BINARY` column (with SRID 0). A \
         function that returns a geometry returns `GEOMETRY`, with the SRID of its geometry \
         argument; constructors give SRID 0. Numeric arguments are cast to `DOUBLE`.\n\n\
         **NULL.** Every function returns NULL when any argument is NULL. Some also return NULL \
         in the cases their entry lists.\n\n\
         **Errors.** Malformed input (bad WKT, truncated or unknown WKB) and geometries with \
         different SRIDs raise `java.lang.IllegalArgumentException`. The message names the \
         function and shows the offending value, cut to about 100 characters; in Python the \
         same message arrives inside the Spark exception.\n\n\
         **Examples** are executed by the test suite, in Spark and natively. A geometry result \
         is shown as `st_asText` prints it.\n\n",
    );
    for (category, title) in CATEGORIES {
        let specs: Vec<&FunctionSpec> = registry()
            .iter()
            .filter(|spec| spec.category == category)
            .collect();
        if specs.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {title}\n");
        let names: Vec<String> = specs
            .iter()
            .map(|spec| format!("[{0}](#{1})", spec.name, spec.name.to_lowercase()))
            .collect();
        let _ = writeln!(out, "{}\n", names.join(" · "));
        for spec in specs {
            write_function(&mut out, spec);
        }
    }
    out
}

fn write_function(out: &mut String, spec: &FunctionSpec) {
    let _ = writeln!(out, "### {}\n", spec.name);
    let _ = writeln!(out, "`{}`\n", signature(spec));
    let _ = writeln!(out, "{}\n", spec.summary);
    if !spec.aliases.is_empty() {
        let aliases: Vec<String> = spec.aliases.iter().map(|a| format!("`{a}`")).collect();
        let _ = writeln!(out, "Aliases: {}.\n", aliases.join(", "));
    }
    if let Implementation::Spark = spec.implementation {
        let _ = writeln!(out, "*Provided by Spark; Strabo does not replace it.*\n");
    }
    let _ = writeln!(out, "{}\n", spec.details);
    match spec.null_when {
        Some(when) => {
            let _ = writeln!(out, "NULL when an argument is NULL, or when {when}.\n");
        }
        None => {
            let _ = writeln!(out, "NULL when an argument is NULL.\n");
        }
    }
    out.push_str("| SQL | Result |\n|---|---|\n");
    for example in spec.examples {
        let _ = writeln!(
            out,
            "| `{}` | `{}` |",
            example.sql.replace('|', "\\|"),
            example.result
        );
    }
    out.push('\n');
}
