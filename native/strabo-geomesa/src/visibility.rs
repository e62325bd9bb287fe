//! Visibility labels, as GeoMesa 5.3+ writes them in a `__vis__` column and evaluates them
//! (Apache Accumulo's access expressions, `org.apache.accumulo.access.AccessEvaluator`):
//! `admin`, `admin&user`, `(admin|ops)&user`, `"quoted auth"`. `&` and `|` cannot be mixed
//! without parentheses. A feature with no label, or an empty one, is visible to all; any other
//! label needs the reader's authorizations, and one that does not parse (or nests parentheses
//! deeper than [`MAX_DEPTH`]) is visible to none.

use std::collections::HashSet;

/// How deep parentheses may nest: the parser recurses once per level, and a label nested
/// thousands deep would overflow a task's stack. Real labels nest a few levels.
pub const MAX_DEPTH: usize = 64;

/// A reader's authorizations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Authorizations(HashSet<String>);

impl Authorizations {
    /// From GeoMesa's `geomesa.security.auths` parameter: a comma-separated list.
    pub fn parse(list: &str) -> Authorizations {
        Authorizations(
            list.split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect(),
        )
    }

    /// Whether these authorizations may see a feature labelled `label`.
    pub fn can_see(&self, label: &str) -> bool {
        if label.is_empty() {
            return true;
        }
        let mut parser = Parser {
            rest: label.as_bytes(),
            auths: &self.0,
            depth: 0,
        };
        match parser.expression() {
            Some(visible) if parser.rest.is_empty() => visible,
            _ => false,
        }
    }
}

/// Whether `label` is a well-formed access expression.
pub fn is_valid(label: &str) -> bool {
    let auths = HashSet::new();
    let mut parser = Parser {
        rest: label.as_bytes(),
        auths: &auths,
        depth: 0,
    };
    label.is_empty() || (parser.expression().is_some() && parser.rest.is_empty())
}

struct Parser<'a> {
    rest: &'a [u8],
    auths: &'a HashSet<String>,
    /// Parentheses open around the current term.
    depth: usize,
}

impl Parser<'_> {
    /// `term (& term)*` or `term (| term)*`; every term is read, so that a malformed one
    /// anywhere fails the whole label.
    fn expression(&mut self) -> Option<bool> {
        let mut value = self.term()?;
        let operator = match self.rest.first() {
            Some(&op @ (b'&' | b'|')) => op,
            _ => return Some(value),
        };
        while self.rest.first() == Some(&operator) {
            self.rest = &self.rest[1..];
            let next = self.term()?;
            value = if operator == b'&' {
                value && next
            } else {
                value || next
            };
        }
        match self.rest.first() {
            Some(b'&' | b'|') => None, // mixed without parentheses
            _ => Some(value),
        }
    }

    fn term(&mut self) -> Option<bool> {
        match self.rest.first()? {
            b'(' => {
                if self.depth == MAX_DEPTH {
                    return None;
                }
                self.rest = &self.rest[1..];
                self.depth += 1;
                let value = self.expression()?;
                self.depth -= 1;
                self.rest = self.rest.strip_prefix(b")")?;
                Some(value)
            }
            b'"' => {
                let auth = self.quoted()?;
                Some(self.auths.contains(&auth))
            }
            _ => {
                let end = self
                    .rest
                    .iter()
                    .position(|b| !is_auth_byte(*b))
                    .unwrap_or(self.rest.len());
                if end == 0 {
                    return None;
                }
                let auth = std::str::from_utf8(&self.rest[..end]).ok()?;
                self.rest = &self.rest[end..];
                Some(self.auths.contains(auth))
            }
        }
    }

    /// A quoted authorization, with `\"` and `\\` escapes; not empty.
    fn quoted(&mut self) -> Option<String> {
        let mut bytes = Vec::new();
        let mut i = 1;
        loop {
            match *self.rest.get(i)? {
                b'"' => break,
                b'\\' => {
                    let escaped = *self.rest.get(i + 1)?;
                    if escaped != b'"' && escaped != b'\\' {
                        return None;
                    }
                    bytes.push(escaped);
                    i += 2;
                }
                other => {
                    bytes.push(other);
                    i += 1;
                }
            }
        }
        self.rest = &self.rest[i + 1..];
        (!bytes.is_empty()).then_some(())?;
        String::from_utf8(bytes).ok()
    }
}

fn is_auth_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b':' | b'.' | b'/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_evaluated_as_accumulo_does() {
        let user = Authorizations::parse("user, ops");
        let none = Authorizations::default();
        for (label, for_user, for_none) in [
            ("", true, true),
            ("user", true, false),
            ("admin", false, false),
            ("admin&user", false, false),
            ("admin|user", true, false),
            ("(admin|ops)&user", true, false),
            ("user&(admin|ops)", true, false),
            ("((user))", true, false),
            ("\"ops\"", true, false),
            ("\"a\\\"b\"|user", true, false),
            ("geo:west/1.0", false, false),
            (
                &format!("{}user{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH)),
                true,
                false,
            ),
        ] {
            assert!(is_valid(label), "{label}");
            assert_eq!(user.can_see(label), for_user, "{label}");
            assert_eq!(none.can_see(label), for_none, "{label}");
        }
        // Malformed labels are seen by no one.
        for bad in [
            "user&ops|admin",
            "(user",
            "user)",
            "user&",
            "&user",
            "us er",
            "\"\"",
            "\"open",
            "\"a\\b\"",
            "()",
            "user||ops",
            &format!(
                "{}user{}",
                "(".repeat(MAX_DEPTH + 1),
                ")".repeat(MAX_DEPTH + 1)
            ),
            &"(".repeat(100_000),
        ] {
            assert!(!is_valid(bad), "{bad}");
            assert!(!user.can_see(bad), "{bad}");
        }
    }
}
