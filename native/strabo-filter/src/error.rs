//! The two ways a filter can be refused: ECQL that does not parse, and JSON that does not
//! describe a valid filter.
use std::fmt;

/// Why ECQL text could not be parsed: what was expected, where, and what was there instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What the parser wanted, e.g. `expected a number`.
    pub message: String,
    /// 1-based column, counted in characters, where parsing failed.
    pub column: usize,
    /// The text found there, cut short; `None` at the end of the input.
    pub found: Option<String>,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ECQL: {} at column {}, ", self.message, self.column)?;
        match &self.found {
            Some(text) => write!(f, "found '{text}'"),
            None => write!(f, "found end of input"),
        }
    }
}

impl std::error::Error for ParseError {}

/// Why a filter built outside ECQL (JSON from the JVM, or Rust code) was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    /// The JSON does not have the documented shape.
    #[error("filter JSON: {0}")]
    Json(String),
    /// The shape is right but a value is not, e.g. an empty property name or bad WKB.
    #[error("invalid filter: {0}")]
    Invalid(String),
}

/// How much of the offending text an error quotes.
const FOUND_CHARS: usize = 24;

impl ParseError {
    /// An error at byte `start` of `source`, quoting `source[start..end]` (cut short), or the
    /// end of input when `start` is past the last character.
    pub(crate) fn at(source: &str, start: usize, end: usize, message: impl Into<String>) -> Self {
        let start = floor_char_boundary(source, start);
        let end = ceil_char_boundary(source, end.max(start));
        let column = source[..start].chars().count() + 1;
        let text = source[start..end].trim_end();
        let found = if start >= source.len() {
            None
        } else if text.chars().count() > FOUND_CHARS {
            Some(text.chars().take(FOUND_CHARS).collect::<String>() + "…")
        } else if text.is_empty() {
            source[start..].chars().next().map(String::from)
        } else {
            Some(text.to_string())
        };
        ParseError {
            message: message.into(),
            column,
            found,
        }
    }
}

fn floor_char_boundary(source: &str, at: usize) -> usize {
    let mut at = at.min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char_boundary(source: &str, at: usize) -> usize {
    let mut at = at.min(source.len());
    while !source.is_char_boundary(at) {
        at += 1;
    }
    at
}
