//! Prints the function registry: `strabo-registry json` or `strabo-registry markdown`.
use std::process::ExitCode;

use strabo_functions::render::{functions_markdown, registry_json};

fn main() -> ExitCode {
    match std::env::args().nth(1).as_deref() {
        Some("json") => println!("{}", registry_json()),
        Some("markdown") => print!("{}", functions_markdown()),
        _ => {
            eprintln!("usage: strabo-registry json|markdown");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
