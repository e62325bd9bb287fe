//! Evaluation of Strabo function trees.
//!
//! The JVM compiles each maximal tree of Strabo calls in a Spark expression, e.g.
//! `st_contains(<polygon literal>, st_point(x, y))`, into one [`Program`]: its nodes are
//! function calls, its leaves are per-row inputs and constants. A program is compiled once
//! per task; constants (literal geometries) are parsed and prepared then, and intermediate
//! values never cross to the JVM. Rows arrive either packed in a byte buffer ([`row`]) or as
//! Arrow arrays ([`batch`]).
mod error;
mod preview;
mod program;

pub mod batch;
pub mod row;

pub use error::{ErrorKind, EvalError};
pub use program::{Encoding, Output, Program};

#[cfg(test)]
pub(crate) mod test_programs {
    use crate::Program;

    /// `st_area` of one WKB input.
    pub(crate) fn area_of_wkb() -> Program {
        Program::compile(
            r#"{"inputs": ["wkb"], "constants": [], "output": "double", "nodes": [
                {"function": "st_area", "args": [{"input": 0}]}]}"#,
            &[],
        )
        .expect("the test program compiles")
    }
}
