//! What a caught panic said. `panic!` with a literal carries a `&str`, with a format a
//! `String`; anything else (`panic_any`) has no message to show.
use std::any::Any;

/// The message of a panic payload that `catch_unwind` returned.
pub fn message(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message")
}

#[cfg(test)]
mod tests {
    use std::panic::{catch_unwind, panic_any};

    use super::message;

    #[test]
    fn literal_formatted_and_other_payloads() {
        let literal = catch_unwind(|| panic!("a literal")).unwrap_err();
        assert_eq!(message(literal.as_ref()), "a literal");
        let formatted = catch_unwind(|| panic!("row {}", 7)).unwrap_err();
        assert_eq!(message(formatted.as_ref()), "row 7");
        let other = catch_unwind(|| panic_any(7)).unwrap_err();
        assert_eq!(message(other.as_ref()), "no message");
    }
}
