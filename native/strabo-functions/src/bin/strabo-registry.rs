//! Prints the function registry: `strabo-registry json|markdown|scala|pyi`.
use std::process::ExitCode;

use strabo_functions::render::{functions_markdown, python_stubs, registry_json, scala_functions};

fn main() -> ExitCode {
    match std::env::args().nth(1).as_deref() {
        Some("json") => println!("{}", registry_json()),
        Some("markdown") => print!("{}", functions_markdown()),
        Some("scala") => print!("{}", scala_functions()),
        Some("pyi") => print!("{}", python_stubs()),
        _ => {
            eprintln!("usage: strabo-registry json|markdown|scala|pyi");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
