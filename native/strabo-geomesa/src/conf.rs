//! A parser for the subset of HOCON that GeoMesa's metadata files use, into `serde_json::Value`.
//!
//! GeoMesa writes its metadata with Typesafe Config: pretty JSON (`*.json`, `storage.json`,
//! `metadata.json`) or concise HOCON (`*.conf`), e.g.
//! `partitions=[{"2015/06/02"=[A,1745333818131,[20.0,10.0,50.0,40.0],2,[["f.parquet",A,1]]]}]`.
//! Both are parsed here, since JSON is (nearly) a subset of HOCON. Supported: a root object with
//! or without braces; `=` or `:` between key and value, or nothing before `{`; quoted keys and
//! unquoted (dotted) path keys; fields and list items separated by `,` or newlines, trailing
//! commas; quoted strings with JSON escapes; unquoted strings, numbers, `true`, `false`, `null`;
//! `#` and `//` comments; duplicate keys (objects merge, otherwise the last wins). Rejected with
//! an error: substitutions (`${…}`), `+=`, `include`, triple-quoted strings and value
//! concatenation — GeoMesa's file metadata never writes them.

use serde_json::{Map, Number, Value};

/// A syntax error: byte offset into the text, and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What was wrong.
    pub message: String,
}

/// Parses HOCON (or JSON) text into a JSON value.
pub fn parse(text: &str) -> Result<Value, ConfError> {
    let mut parser = Parser { text, pos: 0 };
    if parser.rest().starts_with('\u{feff}') {
        parser.pos += '\u{feff}'.len_utf8();
    }
    parser.skip_blank(true)?;
    let root = match parser.peek() {
        Some(b'{') => parser.object()?,
        Some(b'[') => parser.array()?,
        _ => parser.object_body(None)?,
    };
    parser.skip_blank(true)?;
    if parser.peek().is_some() {
        return Err(parser.error("unexpected text after the root value"));
    }
    Ok(root)
}

/// Characters that end an unquoted string or key (HOCON's forbidden characters).
fn is_forbidden(b: u8) -> bool {
    matches!(
        b,
        b'$' | b'"'
            | b'{'
            | b'}'
            | b'['
            | b']'
            | b':'
            | b'='
            | b','
            | b'+'
            | b'#'
            | b'`'
            | b'^'
            | b'?'
            | b'!'
            | b'@'
            | b'*'
            | b'&'
            | b'\\'
    ) || b.is_ascii_whitespace()
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn error(&self, message: impl Into<String>) -> ConfError {
        self.error_at(self.pos, message)
    }

    fn error_at(&self, pos: usize, message: impl Into<String>) -> ConfError {
        let before = &self.text[..pos];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        ConfError {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            message: message.into(),
        }
    }

    /// Skips spaces and comments, and newlines too when `newlines`; returns whether a newline
    /// was skipped (newlines separate fields and list items like commas).
    fn skip_blank(&mut self, newlines: bool) -> Result<bool, ConfError> {
        let mut saw_newline = false;
        loop {
            match self.peek() {
                Some(b'\n') if newlines => {
                    saw_newline = true;
                    self.pos += 1;
                }
                Some(b' ' | b'\t' | b'\r' | b'\x0c') => self.pos += 1,
                Some(b'#') => self.skip_comment(),
                Some(b'/') if self.rest().starts_with("//") => self.skip_comment(),
                _ => return Ok(saw_newline),
            }
        }
    }

    fn skip_comment(&mut self) {
        self.pos = self
            .rest()
            .find('\n')
            .map_or(self.text.len(), |i| self.pos + i);
    }

    fn object(&mut self) -> Result<Value, ConfError> {
        let open = self.pos;
        self.pos += 1; // `{`
        self.object_body(Some(open))
    }

    /// Fields up to `}` (when `open` is the position of `{`) or to the end of the text.
    fn object_body(&mut self, open: Option<usize>) -> Result<Value, ConfError> {
        let mut map = Map::new();
        loop {
            self.skip_blank(true)?;
            match (self.peek(), open) {
                (Some(b'}'), Some(_)) => {
                    self.pos += 1;
                    return Ok(Value::Object(map));
                }
                (None, Some(open)) => return Err(self.error_at(open, "unclosed `{`")),
                (None, None) => return Ok(Value::Object(map)),
                _ => {}
            }
            let key_start = self.pos;
            let path = self.key()?;
            self.skip_blank(false)?;
            let value = match self.peek() {
                Some(b'=' | b':') => {
                    self.pos += 1;
                    self.skip_blank(true)?;
                    self.value()?
                }
                Some(b'{') => self.object()?,
                Some(b'+') if self.rest().starts_with("+=") => {
                    return Err(self.error("`+=` is not supported"));
                }
                _ if path.len() == 1 && path[0] == "include" => {
                    return Err(self.error_at(key_start, "`include` is not supported"));
                }
                _ => return Err(self.error("expected `=`, `:` or `{` after a key")),
            };
            insert_path(&mut map, &path, value);
            self.end_of_item(if open.is_some() { b'}' } else { 0 })?;
        }
    }

    fn array(&mut self) -> Result<Value, ConfError> {
        let open = self.pos;
        self.pos += 1; // `[`
        let mut items = Vec::new();
        loop {
            self.skip_blank(true)?;
            match self.peek() {
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                None => return Err(self.error_at(open, "unclosed `[`")),
                _ => {}
            }
            items.push(self.value()?);
            self.end_of_item(b']')?;
        }
    }

    /// After a field or list item: a comma, a newline, the closing bracket, or the end.
    fn end_of_item(&mut self, close: u8) -> Result<(), ConfError> {
        let newline = self.skip_blank(false)?;
        match self.peek() {
            Some(b',') => self.pos += 1,
            Some(b'\n') => {}
            Some(b) if b == close => {}
            None => {}
            _ if newline => {}
            Some(_) => return Err(self.error(if close == b']' {
                "expected `,` or `]` (value concatenation is not supported)"
            } else {
                "expected `,` or a new line between fields (value concatenation is not supported)"
            })),
        }
        Ok(())
    }

    /// A key: a path of segments separated by `.`, each quoted or unquoted.
    fn key(&mut self) -> Result<Vec<String>, ConfError> {
        let start = self.pos;
        let mut path = Vec::new();
        let mut segment = String::new();
        loop {
            match self.peek() {
                Some(b'"') => segment.push_str(&self.quoted()?),
                Some(b'.') => {
                    self.pos += 1;
                    path.push(std::mem::take(&mut segment));
                }
                Some(b'/') if self.rest().starts_with("//") => break,
                Some(b) if !is_forbidden(b) => {
                    let len = self
                        .rest()
                        .bytes()
                        .take_while(|&b| !is_forbidden(b) && b != b'.' && b != b'"')
                        .count();
                    segment.push_str(&self.rest()[..len]);
                    self.pos += len;
                }
                _ => break,
            }
        }
        if self.pos == start {
            return Err(self.error("expected a key"));
        }
        path.push(segment);
        Ok(path)
    }

    fn value(&mut self) -> Result<Value, ConfError> {
        match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') if self.rest().starts_with("\"\"\"") => {
                Err(self.error("triple-quoted strings are not supported"))
            }
            Some(b'"') => Ok(Value::String(self.quoted()?)),
            Some(b'$') if self.rest().starts_with("${") => {
                Err(self.error("substitutions (`${…}`) are not supported"))
            }
            None => Err(self.error("expected a value, found end of text")),
            Some(b) if is_forbidden(b) => Err(self.error(format!(
                "expected a value, found `{}`",
                self.rest().chars().next().unwrap_or_default()
            ))),
            Some(_) => {
                let start = self.pos;
                let len = self
                    .rest()
                    .bytes()
                    .enumerate()
                    .take_while(|&(i, b)| {
                        !(is_forbidden(b) || (b == b'/' && self.rest()[i..].starts_with("//")))
                    })
                    .count();
                self.pos += len;
                Ok(unquoted_value(&self.text[start..self.pos]))
            }
        }
    }

    /// A double-quoted string with JSON escapes.
    fn quoted(&mut self) -> Result<String, ConfError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let at = self.pos;
            let Some(c) = self.rest().chars().next() else {
                return Err(self.error_at(open, "unterminated string"));
            };
            self.pos += c.len_utf8();
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let Some(e) = self.rest().chars().next() else {
                        return Err(self.error_at(open, "unterminated string"));
                    };
                    self.pos += e.len_utf8();
                    match e {
                        '"' | '\\' | '/' => out.push(e),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'u' => out.push(self.unicode_escape(at)?),
                        _ => return Err(self.error_at(at, format!("unknown escape `\\{e}`"))),
                    }
                }
                c if c.is_control() => {
                    return Err(self.error_at(at, "control character in string"));
                }
                c => out.push(c),
            }
        }
    }

    /// The character of `\uXXXX` (the `\u` already taken), joining a surrogate pair.
    fn unicode_escape(&mut self, at: usize) -> Result<char, ConfError> {
        let high = self.hex4(at)?;
        if !(0xD800..0xDC00).contains(&high) {
            return char::from_u32(u32::from(high))
                .ok_or_else(|| self.error_at(at, "unpaired UTF-16 surrogate escape"));
        }
        if !self.rest().starts_with("\\u") {
            return Err(self.error_at(at, "unpaired UTF-16 surrogate escape"));
        }
        self.pos += 2;
        let low = self.hex4(at)?;
        char::decode_utf16([high, low])
            .next()
            .and_then(Result::ok)
            .ok_or_else(|| self.error_at(at, "unpaired UTF-16 surrogate escape"))
    }

    fn hex4(&mut self, at: usize) -> Result<u16, ConfError> {
        let hex = self.rest().get(..4).unwrap_or("");
        if hex.len() != 4 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(self.error_at(at, "`\\u` needs four hex digits"));
        }
        self.pos += 4;
        u16::from_str_radix(hex, 16).map_err(|_| self.error_at(at, "`\\u` needs four hex digits"))
    }
}

/// An unquoted token: `true`/`false`/`null`, a number, or else a string.
fn unquoted_value(token: &str) -> Value {
    match token {
        "true" => return Value::Bool(true),
        "false" => return Value::Bool(false),
        "null" => return Value::Null,
        _ => {}
    }
    if looks_numeric(token) {
        if let Ok(i) = token.parse::<i64>() {
            return Value::Number(i.into());
        }
        if let Some(n) = token.parse::<f64>().ok().and_then(Number::from_f64) {
            return Value::Number(n);
        }
    }
    Value::String(token.to_string())
}

/// `-?digits(.digits)?([eE][+-]?digits)?`, so that tokens like `inf` or `1_000` stay strings.
fn looks_numeric(token: &str) -> bool {
    let body = token.strip_prefix('-').unwrap_or(token);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole)
        && fraction.is_none_or(digits)
        && exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)))
}

/// Sets `path` in `map`; objects already there merge with a new object, anything else is replaced.
fn insert_path(map: &mut Map<String, Value>, path: &[String], value: Value) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    if rest.is_empty() {
        match (map.get_mut(first), value) {
            (Some(Value::Object(existing)), Value::Object(new)) => {
                for (k, v) in new {
                    insert_path(existing, std::slice::from_ref(&k), v);
                }
            }
            (_, value) => {
                map.insert(first.clone(), value);
            }
        }
        return;
    }
    let entry = map
        .entry(first.clone())
        .or_insert_with(|| Value::Object(Map::new()));
    if !entry.is_object() {
        *entry = Value::Object(Map::new());
    }
    if let Value::Object(inner) = entry {
        insert_path(inner, rest, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_geomesa_compact_compaction() {
        let text = r#"partitions=[{"2015/06/02"=[A,1745333818131,[20.0,10.0,50.0,40.0],2,[["02_Wb43f8bcf82e540b5aec0ded4c85a7067.parquet",A,1745333818129]]]},{"2015/05/01"=[A,1745333818145,[30.0,10.0,40.0,40.0],1,[["01_Wd8b53faec37e410d81dfd5eba532e1af.parquet",A,1745333818145]]]}]"#;
        assert_eq!(
            parse(text).unwrap(),
            json!({"partitions": [
                {"2015/06/02": ["A", 1745333818131i64, [20.0, 10.0, 50.0, 40.0], 2,
                    [["02_Wb43f8bcf82e540b5aec0ded4c85a7067.parquet", "A", 1745333818129i64]]]},
                {"2015/05/01": ["A", 1745333818145i64, [30.0, 10.0, 40.0, 40.0], 1,
                    [["01_Wd8b53faec37e410d81dfd5eba532e1af.parquet", "A", 1745333818145i64]]]}
            ]})
        );
    }

    #[test]
    fn parses_pretty_json() {
        let text = "{\n    \"name\" : \"file\",\n    \"options\" : {\n        \"render\" : \"compact\"\n    }\n}\n";
        assert_eq!(
            parse(text).unwrap(),
            json!({"name": "file", "options": {"render": "compact"}})
        );
    }

    #[test]
    fn hocon_forms() {
        let text = "# comment\na.b = 1 // trailing\nc { d: x-y }\ne = [1\n 2,\n]\nf=-2.5e3,\ng=\"q\\u00e9\\\"\"\na.c=true\nh=null\n";
        assert_eq!(
            parse(text).unwrap(),
            json!({"a": {"b": 1, "c": true}, "c": {"d": "x-y"}, "e": [1, 2], "f": -2500.0,
                   "g": "qé\"", "h": null})
        );
    }

    #[test]
    fn duplicate_keys_merge_objects_and_replace_values() {
        assert_eq!(
            parse("a { x = 1 }\na { y = 2 }\nb = 1\nb = 2").unwrap(),
            json!({"a": {"x": 1, "y": 2}, "b": 2})
        );
    }

    #[test]
    fn numbers_and_strings() {
        assert_eq!(unquoted_value("1745333818131"), json!(1745333818131i64));
        assert_eq!(unquoted_value("-100.2365"), json!(-100.2365));
        assert_eq!(unquoted_value("1_000"), json!("1_000"));
        assert_eq!(unquoted_value("A"), json!("A"));
        assert_eq!(unquoted_value("1."), json!("1."));
    }

    fn error(text: &str) -> ConfError {
        parse(text).expect_err(text)
    }

    #[test]
    fn truncated_input_is_an_error() {
        let full = r#"partitions=[{"2015/06/02"=[A,1745333818131,[20.0,10.0,50.0,40.0],2,[["f.parquet",A,1]]]}]"#;
        for end in 1..full.len() {
            // Some prefixes are complete documents (e.g. `partitions=[{...}]` minus nothing);
            // none may panic, and an unclosed bracket must be reported.
            if let Err(e) = parse(&full[..end]) {
                assert!(e.line == 1 && e.column >= 1, "{e:?}");
            }
        }
        let e = error(r#"partitions=[{"2015/06/02"=[A,1,[20.0"#);
        assert_eq!(
            (e.line, e.column, e.message.as_str()),
            (1, 32, "unclosed `[`")
        );
    }

    #[test]
    fn errors_have_line_and_column() {
        let e = error("a = 1\nb = ${x}");
        assert_eq!((e.line, e.column), (2, 5));
        assert_eq!(e.message, "substitutions (`${…}`) are not supported");
        assert_eq!(
            error("a = foo bar").message,
            "expected `,` or a new line between fields (value concatenation is not supported)"
        );
        assert_eq!(error("{\"a\": \"x").message, "unterminated string");
        assert_eq!(error("a += 1").message, "`+=` is not supported");
        assert_eq!(
            error("{\"a\": 1} x").message,
            "unexpected text after the root value"
        );
        assert_eq!(error("a = \"\\x\"").message, "unknown escape `\\x`");
        assert_eq!(
            error("a = \"\\ud800\"").message,
            "unpaired UTF-16 surrogate escape"
        );
        assert_eq!(error("a = ]").message, "expected a value, found `]`");
        assert_eq!(error("{").message, "unclosed `{`");
    }
}
