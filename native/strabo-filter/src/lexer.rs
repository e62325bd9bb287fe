//! ECQL tokens, read one at a time so the parser can switch to raw text where ECQL embeds
//! another syntax (WKT geometries, DE-9IM patterns).
use crate::ast::CompareOp;
use crate::error::ParseError;

/// What a token is; its text is `source[start..end]`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TokenKind {
    /// A bare name or keyword: a letter or `_`, then letters, digits, `_` or `:`.
    Word(String),
    /// A double-quoted property name, `""` inside standing for `"`.
    QuotedName(String),
    /// A single-quoted string, `''` inside standing for `'`.
    Text(String),
    Integer(i64),
    /// A finite number with a fraction or an exponent, or too large for an `i64`.
    Float(f64),
    /// An unquoted date-time such as `2024-01-01T00:00:00Z`, still to be read.
    DateTime,
    LParen,
    RParen,
    Comma,
    Slash,
    Compare(CompareOp),
    /// A character ECQL as Strabo reads it has no use for, e.g. `+`.
    Other,
    End,
}

/// One token and where it is, in bytes of the source.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

/// Reads tokens from `source`, starting at byte `pos`.
pub(crate) struct Lexer<'a> {
    pub source: &'a str,
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(source: &'a str) -> Self {
        Lexer { source, pos: 0 }
    }

    fn peek_char(&self, offset: usize) -> Option<char> {
        self.source.get(self.pos..)?.chars().nth(offset)
    }

    /// Moves past whitespace to the start of the next token.
    pub fn skip_whitespace(&mut self) {
        let rest = &self.source[self.pos..];
        self.pos += rest.len() - rest.trim_start().len();
    }

    /// The next token; the end of input is [`TokenKind::End`], again and again.
    pub fn next_token(&mut self) -> Result<Token, ParseError> {
        self.skip_whitespace();
        let start = self.pos;
        let Some(first) = self.peek_char(0) else {
            return Ok(self.token(TokenKind::End, start));
        };
        let second = self.peek_char(1);
        let starts_number = first.is_ascii_digit()
            || ((first == '-' || first == '.') && second.is_some_and(|c| c.is_ascii_digit()));
        if starts_number {
            return self.number(start);
        }
        if first.is_alphabetic() || first == '_' {
            let length = self.source[start..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(self.source.len() - start);
            self.pos += length;
            let word = self.source[start..self.pos].to_string();
            return Ok(self.token(TokenKind::Word(word), start));
        }
        self.pos += first.len_utf8();
        let kind = match first {
            '\'' => TokenKind::Text(self.quoted('\'', start, "unterminated string")?),
            '"' => match self.quoted('"', start, "unterminated quoted name")? {
                name if name.is_empty() => {
                    return Err(ParseError::at(
                        self.source,
                        start,
                        self.pos,
                        "a quoted property name cannot be empty",
                    ))
                }
                name => TokenKind::QuotedName(name),
            },
            '(' => TokenKind::LParen,
            ')' => TokenKind::RParen,
            ',' => TokenKind::Comma,
            '/' => TokenKind::Slash,
            // GeoTools reads `==` as `=` too.
            '=' if second == Some('=') => self.wide(CompareOp::Eq),
            '=' => TokenKind::Compare(CompareOp::Eq),
            '<' => match second {
                Some('=') => self.wide(CompareOp::Le),
                Some('>') => self.wide(CompareOp::Ne),
                _ => TokenKind::Compare(CompareOp::Lt),
            },
            '>' => match second {
                Some('=') => self.wide(CompareOp::Ge),
                _ => TokenKind::Compare(CompareOp::Gt),
            },
            _ => TokenKind::Other,
        };
        Ok(self.token(kind, start))
    }

    fn token(&self, kind: TokenKind, start: usize) -> Token {
        Token {
            kind,
            start,
            end: self.pos,
        }
    }

    /// A two-character operator whose first character has been read.
    fn wide(&mut self, op: CompareOp) -> TokenKind {
        self.pos += 1;
        TokenKind::Compare(op)
    }

    /// The body of a quoted string or name whose opening quote has been read; a doubled quote
    /// stands for one.
    fn quoted(
        &mut self,
        quote: char,
        start: usize,
        unterminated: &str,
    ) -> Result<String, ParseError> {
        let mut body = String::new();
        let mut chars = self.source[self.pos..].char_indices().peekable();
        while let Some((offset, ch)) = chars.next() {
            if ch != quote {
                body.push(ch);
            } else if chars.peek().is_some_and(|&(_, next)| next == quote) {
                body.push(quote);
                chars.next();
            } else {
                self.pos += offset + 1;
                return Ok(body);
            }
        }
        Err(ParseError::at(
            self.source,
            start,
            self.source.len(),
            unterminated,
        ))
    }

    /// An integer, a float, or (four digits then `-` and a digit) a date-time.
    fn number(&mut self, start: usize) -> Result<Token, ParseError> {
        let bytes = self.source.as_bytes();
        let digits_from = |at: usize| {
            bytes[at.min(bytes.len())..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count()
        };
        let mut at = start + usize::from(bytes[start] == b'-');
        let whole_digits = digits_from(at);
        at += whole_digits;
        let is_date = bytes[start] != b'-'
            && whole_digits == 4
            && bytes.get(at) == Some(&b'-')
            && bytes.get(at + 1).is_some_and(u8::is_ascii_digit);
        if is_date {
            at += bytes[at..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || b"+-:.".contains(b))
                .count();
            self.pos = at;
            return Ok(self.token(TokenKind::DateTime, start));
        }
        let mut is_float = false;
        if bytes.get(at) == Some(&b'.') {
            is_float = true;
            at += 1;
            at += digits_from(at);
        }
        if matches!(bytes.get(at), Some(b'e' | b'E')) {
            let sign = usize::from(matches!(bytes.get(at + 1), Some(b'+' | b'-')));
            let exponent_digits = digits_from(at + 1 + sign);
            if exponent_digits > 0 {
                is_float = true;
                at += 1 + sign + exponent_digits;
            }
        }
        self.pos = at;
        let text = &self.source[start..at];
        if !is_float {
            if let Ok(value) = text.parse::<i64>() {
                return Ok(self.token(TokenKind::Integer(value), start));
            }
        }
        match text.parse::<f64>() {
            Ok(value) if value.is_finite() => Ok(self.token(TokenKind::Float(value), start)),
            _ => Err(ParseError::at(
                self.source,
                start,
                at,
                "number out of range",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(source: &str) -> Vec<TokenKind> {
        let mut lexer = Lexer::new(source);
        let mut out = Vec::new();
        loop {
            let token = lexer.next_token().unwrap();
            if token.kind == TokenKind::End {
                return out;
            }
            out.push(token.kind);
        }
    }

    #[test]
    fn reads_each_kind_of_token() {
        use TokenKind::*;
        assert_eq!(
            kinds(r#"a_1 "my ""x""" 'it''s' 12 -3 1.5 -0.25 1e3 2E-2 ( ) , / = == <> < <= > >= +"#),
            vec![
                Word("a_1".into()),
                QuotedName("my \"x\"".into()),
                Text("it's".into()),
                Integer(12),
                Integer(-3),
                Float(1.5),
                Float(-0.25),
                Float(1000.0),
                Float(0.02),
                LParen,
                RParen,
                Comma,
                Slash,
                Compare(CompareOp::Eq),
                Compare(CompareOp::Eq),
                Compare(CompareOp::Ne),
                Compare(CompareOp::Lt),
                Compare(CompareOp::Le),
                Compare(CompareOp::Gt),
                Compare(CompareOp::Ge),
                Other,
            ]
        );
    }

    #[test]
    fn reads_date_times_and_big_integers() {
        let source = "2024-01-01T00:00:00.000+02:00/2024-01-02 99999999999999999999";
        let mut lexer = Lexer::new(source);
        let first = lexer.next_token().unwrap();
        assert_eq!(first.kind, TokenKind::DateTime);
        assert_eq!(
            &source[first.start..first.end],
            "2024-01-01T00:00:00.000+02:00"
        );
        assert_eq!(lexer.next_token().unwrap().kind, TokenKind::Slash);
        let second = lexer.next_token().unwrap();
        assert_eq!(&source[second.start..second.end], "2024-01-02");
        assert_eq!(lexer.next_token().unwrap().kind, TokenKind::Float(1e20));
    }

    #[test]
    fn unterminated_quotes_and_huge_numbers_are_errors() {
        for (source, column) in [("a = 'abc", 5), ("\"abc", 1), ("x = 1e999", 5)] {
            let mut lexer = Lexer::new(source);
            let error = loop {
                match lexer.next_token() {
                    Ok(token) if token.kind == TokenKind::End => panic!("{source} lexed"),
                    Ok(_) => {}
                    Err(error) => break error,
                }
            };
            assert_eq!(error.column, column, "{source}");
        }
    }
}
