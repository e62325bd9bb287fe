//! Renderings of the registry: JSON for the JVM and Python, Markdown for `docs/functions.md`.
use std::fmt::Write;

use strabo_kernel::{Category, FunctionSpec, Nulls, ResultSrid, Signature, SqlType};

use crate::registry;

/// The registry as JSON: what the JVM registers and the Python wrappers expose.
pub fn registry_json() -> String {
    serde_json::to_string_pretty(registry()).expect("the registry is plain data")
}

/// A signature as the docs show it, e.g.
/// `st_buffer(geom GEOMETRY, distance DOUBLE [, params STRING]) → GEOMETRY`.
pub fn signature(name: &str, signature: &Signature) -> String {
    let mut params = String::new();
    for (i, p) in signature.params.iter().enumerate() {
        let separator = if i == 0 { "" } else { ", " };
        if p.optional {
            let _ = write!(params, " [{separator}{} {}]", p.name, p.ty.sql());
        } else if p.variadic {
            let _ = write!(params, " [{separator}{} {}, ...]", p.name, p.ty.sql());
        } else {
            let _ = write!(params, "{separator}{} {}", p.name, p.ty.sql());
        }
    }
    format!(
        "{name}({}) → {}",
        params.trim_start(),
        signature.returns.sql()
    )
}

const CATEGORIES: [(Category, &str); 13] = [
    (Category::Constructors, "Constructors"),
    (Category::Accessors, "Accessors"),
    (Category::Casts, "Casts"),
    (Category::Outputs, "Outputs"),
    (Category::Measurements, "Measurements"),
    (Category::Predicates, "Spatial relationships"),
    (Category::Overlay, "Overlay and validity"),
    (Category::Processing, "Processing"),
    (Category::Editing, "Editing and affine maps"),
    (Category::LinearReferencing, "Linear referencing"),
    (Category::CoordinateSystems, "Coordinate systems"),
    (Category::Grids, "Grids: geohash and H3"),
    (Category::Aggregates, "Aggregates"),
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
         Well-Known Binary in a `BINARY` column (with SRID 0). A function that returns a \
         geometry returns `GEOMETRY`, with the SRID its geometry arguments share (they must \
         share one), or 0 when it has none, unless its entry says where the SRID comes from \
         (an SRID argument, a coordinate reference system, a fixed SRID, or the SRID each \
         value names). Numeric arguments are cast to the parameter's type (`FLOAT`, \
         `DECIMAL` and integers widen to `DOUBLE`). A parameter in brackets may be left out, and one followed by `...` \
         takes any number of arguments; a *constant* parameter must be a literal (or anything \
         Spark folds to one), and is parsed once per task.\n\n\
         **NULL.** A scalar function returns NULL when any argument is NULL; some also return \
         NULL in the cases their entry lists. An aggregate skips NULL rows.\n\n\
         **Errors.** Malformed input (bad WKT, truncated or unknown WKB, a bad parameter) and \
         geometries with different SRIDs raise `java.lang.IllegalArgumentException`. The \
         message names the function and shows the offending value, cut to about 100 \
         characters; in Python the same message arrives inside the Spark exception.\n\n\
         **Examples** are executed by the test suite: in Spark with literal arguments and with \
         their arguments fed as columns, and natively. A geometry result is shown as \
         `st_asText` prints it, an array as `[a, b]`.\n\n",
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
    for s in spec.signatures {
        let _ = writeln!(out, "`{}`\n", signature(spec.name, s));
        let param = |index: usize| s.params.get(index).map_or("?", |p| p.name);
        let srid = match s.srid {
            ResultSrid::Shared => None,
            ResultSrid::Arg(index) => Some(format!("the value of `{}`", param(index))),
            ResultSrid::Crs(index) => Some(format!("the EPSG code of `{}`", param(index))),
            ResultSrid::Fixed(srid) => Some(srid.to_string()),
            ResultSrid::FromValue => {
                Some("the one each value names, so its type is `GEOMETRY(ANY)`".into())
            }
        };
        if let Some(srid) = srid {
            let _ = writeln!(out, "The result's SRID is {srid}.\n");
        }
    }
    let _ = writeln!(out, "{}\n", spec.summary);
    if !spec.aliases.is_empty() {
        let aliases: Vec<String> = spec.aliases.iter().map(|a| format!("`{a}`")).collect();
        let _ = writeln!(out, "Aliases: {}.\n", aliases.join(", "));
    }
    if !spec.is_native() {
        let _ = writeln!(out, "*Provided by Spark; Strabo does not replace it.*\n");
    } else if spec.is_aggregate() {
        let _ = writeln!(out, "*Aggregate function.*\n");
    }
    out.push_str("| Parameter | Type | |\n|---|---|---|\n");
    let mut seen = Vec::new();
    for p in spec.signatures.iter().flat_map(|s| s.params) {
        if seen.contains(&p.name) {
            continue;
        }
        seen.push(p.name);
        let mut ty = p.ty.sql();
        if p.constant {
            ty.push_str(", constant");
        }
        if p.optional {
            ty.push_str(", optional");
        }
        if p.variadic {
            ty.push_str(", any number");
        }
        let _ = writeln!(out, "| `{}` | {ty} | {} |", p.name, p.doc);
    }
    out.push('\n');
    let _ = writeln!(out, "{}\n", spec.details);
    let nulls = match spec.nulls {
        Nulls::Strict(None) => "NULL when an argument is NULL.".to_string(),
        Nulls::Strict(Some(when)) => format!("NULL when an argument is NULL, or when {when}."),
        Nulls::Aggregate => "NULL rows are skipped; NULL for a group without values.".to_string(),
    };
    let _ = writeln!(out, "{nulls}\n");
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

/// `jvm/src/main/scala/io/strabo/spark/functions.scala`: the DataFrame API, one method per name
/// and arity, each calling the SQL function by name (Spark resolves it as SQL text would); a
/// test keeps the committed file current.
pub fn scala_functions() -> String {
    let mut out = String::from(
        "// Generated from the function registry (native/strabo-functions) by `make docs`. Do not edit.\n\
         package io.strabo.spark\n\n\
         import org.apache.spark.sql.Column\n\n\
         /**\n \
         * Every Strabo SQL function as a DataFrame function, like `org.apache.spark.sql.functions`:\n \
         * `import io.strabo.spark.functions._` in Scala, `io.strabo.spark.functions.st_buffer(...)` in\n \
         * Java. Pass columns; wrap constants in `lit`. docs/functions.md describes each function.\n \
         */\n\
         object functions {\n  \
         private def call(name: String, args: Column*): Column =\n    \
         org.apache.spark.sql.functions.call_function(name, args: _*)\n",
    );
    for spec in registry() {
        for name in std::iter::once(&spec.name).chain(spec.aliases) {
            write_scala_methods(&mut out, name, spec);
        }
    }
    out.push_str("}\n");
    out
}

/// The methods of one name: one per arity a signature accepts (its optional parameters left
/// out from the end), and a varargs one for a variadic signature.
fn write_scala_methods(out: &mut String, name: &str, spec: &FunctionSpec) {
    let mut arities = Vec::new();
    for s in spec.signatures {
        let required = s.params.iter().filter(|p| !p.optional).count();
        for arity in required..=s.params.len() {
            let params = &s.params[..arity];
            let variadic = params.last().is_some_and(|p| p.variadic);
            let key = (arity, variadic);
            if arities.contains(&key) {
                continue;
            }
            arities.push(key);
            let doc = format!("{} {}", spec.summary, spec.details).replace("*/", "* /");
            let _ = writeln!(out, "\n  /** {} */", doc.trim());
            let declared: Vec<String> = params
                .iter()
                .map(|p| {
                    let ty = if p.variadic { "Column*" } else { "Column" };
                    format!("{}: {ty}", scala_identifier(p.name))
                })
                .collect();
            let names: Vec<String> = params.iter().map(|p| scala_identifier(p.name)).collect();
            // A vararg splice must be the only argument in its position: prepend the others.
            let args = match names.split_last() {
                Some((rest, fixed)) if variadic => {
                    format!(
                        "\"{}\", (Seq[Column]({}) ++ {rest}): _*",
                        spec.name,
                        fixed.join(", ")
                    )
                }
                _ => std::iter::once(format!("\"{}\"", spec.name))
                    .chain(names)
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            if variadic {
                out.push_str("  @scala.annotation.varargs\n");
            }
            let _ = writeln!(
                out,
                "  def {name}({}): Column = call({args})",
                declared.join(", ")
            );
        }
    }
}

/// A parameter name as a Scala identifier: reserved words in backquotes.
fn scala_identifier(name: &str) -> String {
    const RESERVED: &[&str] = &[
        "abstract",
        "case",
        "catch",
        "class",
        "def",
        "do",
        "else",
        "extends",
        "false",
        "final",
        "finally",
        "for",
        "forSome",
        "if",
        "implicit",
        "import",
        "lazy",
        "match",
        "new",
        "null",
        "object",
        "override",
        "package",
        "private",
        "protected",
        "return",
        "sealed",
        "super",
        "this",
        "throw",
        "trait",
        "true",
        "try",
        "type",
        "val",
        "var",
        "while",
        "with",
        "yield",
    ];
    if RESERVED.contains(&name) {
        format!("`{name}`")
    } else {
        name.to_string()
    }
}

/// `strabo/functions.pyi`, the type stubs of the Python wrappers (which `strabo/functions.py`
/// makes at import from `registry.json`): IDEs complete and type-check them. Built into the wheel.
pub fn python_stubs() -> String {
    let mut out = String::from(
        "# Generated from the function registry (native/strabo-functions). Do not edit.\n\
         from typing import Any, Union, overload\n\n\
         from pyspark.sql.column import Column\n\n\
         ColumnOrName = Union[Column, str]\n\n\
         REGISTRY: list[dict[str, Any]]\n\
         __all__: list[str]\n\n\
         def accepts(signature: dict[str, Any], count: int) -> bool: ...\n",
    );
    for spec in registry() {
        for name in std::iter::once(&spec.name).chain(spec.aliases) {
            let mut forms: Vec<String> = Vec::new();
            for s in spec.signatures {
                let form = python_parameters(s);
                if !forms.contains(&form) {
                    forms.push(form);
                }
            }
            let doc = format!("{}\n\n    {}", spec.summary, spec.details)
                .replace('\\', "\\\\")
                .replace("\"\"\"", "\\\"\\\"\\\"");
            for form in &forms {
                if forms.len() > 1 {
                    out.push_str("\n@overload");
                }
                let _ = write!(
                    out,
                    "\ndef {name}({form}) -> Column:\n    \"\"\"{doc}\"\"\"\n"
                );
            }
        }
    }
    out
}

/// A signature's parameters as the Python wrapper takes them: positional only, strings are
/// column names, other Python values literals; optional ones with a default.
fn python_parameters(signature: &Signature) -> String {
    let mut params = Vec::new();
    for p in signature.params {
        let ty = match p.ty {
            SqlType::Double => "ColumnOrName | float",
            SqlType::Int | SqlType::BigInt => "ColumnOrName | int",
            SqlType::Boolean => "ColumnOrName | bool",
            SqlType::Binary => "ColumnOrName | bytes",
            _ => "ColumnOrName",
        };
        let name = python_identifier(p.name);
        params.push(if p.variadic {
            format!("*{name}: {ty}")
        } else if p.optional {
            format!("{name}: {ty} = ...")
        } else {
            format!("{name}: {ty}")
        });
    }
    if !signature.params.iter().any(|p| p.variadic) && !params.is_empty() {
        params.push("/".to_string());
    }
    params.join(", ")
}

/// A parameter name as a Python identifier: keywords get a trailing underscore.
fn python_identifier(name: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
        "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
        "yield",
    ];
    if KEYWORDS.contains(&name) {
        format!("{name}_")
    } else {
        name.to_string()
    }
}
