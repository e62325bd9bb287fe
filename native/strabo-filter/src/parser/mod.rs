//! A recursive-descent parser for the ECQL that Strabo's filters can hold.
//!
//! Grammar, loosest binding first (keywords in any case):
//! ```text
//! filter    := or END
//! or        := and (OR and)*
//! and       := unary (AND unary)*
//! unary     := NOT unary | primary
//! primary   := '(' or ')' | INCLUDE | EXCLUDE | IN '(' ids ')'
//!            | SPATIAL '(' operand ',' operand ')'           -- INTERSECTS, WITHIN, ...
//!            | RELATE '(' operand ',' operand ',' pattern ')'
//!            | (DWITHIN | BEYOND) '(' operand ',' operand ',' number ',' units ')'
//!            | BBOX '(' property ',' number ',' number ',' number ',' number [',' string] ')'
//!            | property tail | literal compare-op property       -- turned around
//!            | instant (BEFORE | AFTER | TEQUALS) property      -- turned around
//! tail      := compare-op (literal | property) | [NOT] BETWEEN literal AND literal
//!            | [NOT] (LIKE | ILIKE) string | [NOT] IN '(' literal (',' literal)* ')'
//!            | IS [NOT] NULL | DURING period | (BEFORE | AFTER) (instant | period)
//!            | TEQUALS instant
//! ```
//! An operand is a property name (bare or double-quoted) or a geometry: inline WKT, EWKT
//! (`SRID=4326;POINT(1 2)`) or either in single quotes. `==` reads as `=`. A period is
//! `instant/instant`, `instant/duration` or `duration/instant`, durations of fixed length only
//! (`P1D`, `PT1H30M`, `T1S`); it is resolved to two instants.
//!
//! Nesting (parentheses and `NOT`) is capped at [`MAX_DEPTH`] levels so that no input can
//! exhaust the stack.
use crate::ast::{
    CompareOp, DistancePredicate, Filter, Literal, SpatialPredicate, TemporalPredicate, FEATURE_ID,
};
use crate::error::ParseError;
use crate::lexer::{Lexer, Token, TokenKind};
use crate::time;

/// How deeply parentheses and `NOT`s may nest.
pub const MAX_DEPTH: usize = 64;

/// Words that cannot be bare property names; quote them (`"in"`) to use them as names.
const RESERVED: [&str; 16] = [
    "AND", "OR", "NOT", "LIKE", "ILIKE", "IS", "NULL", "BETWEEN", "IN", "INCLUDE", "EXCLUDE",
    "BEFORE", "AFTER", "DURING", "TEQUALS", "EXISTS",
];

/// Parses ECQL text into a filter.
pub fn parse(source: &str) -> Result<Filter, ParseError> {
    let mut parser = Parser {
        lexer: Lexer::new(source),
        peeked: None,
        depth: 0,
    };
    let filter = parser.or()?;
    let token = parser.next()?;
    match token.kind {
        TokenKind::End => Ok(filter),
        TokenKind::RParen => Err(parser.error(&token, "unbalanced ')'")),
        _ => Err(parser.error(&token, "expected AND, OR or the end of the filter")),
    }
}

/// Reads tokens with one token of lookahead; `depth` counts the parentheses and `NOT`s open.
struct Parser<'a> {
    lexer: Lexer<'a>,
    peeked: Option<Token>,
    depth: usize,
}

impl Parser<'_> {
    fn next(&mut self) -> Result<Token, ParseError> {
        match self.peeked.take() {
            Some(token) => Ok(token),
            None => self.lexer.next_token(),
        }
    }

    fn peek(&mut self) -> Result<&Token, ParseError> {
        let token = match self.peeked.take() {
            Some(token) => token,
            None => self.lexer.next_token()?,
        };
        Ok(self.peeked.insert(token))
    }

    fn error(&self, token: &Token, message: impl Into<String>) -> ParseError {
        ParseError::at(self.lexer.source, token.start, token.end, message)
    }

    /// Consumes the next token if it is the keyword `word`.
    fn eat_word(&mut self, word: &str) -> Result<bool, ParseError> {
        let found =
            matches!(&self.peek()?.kind, TokenKind::Word(w) if w.eq_ignore_ascii_case(word));
        if found {
            self.next()?;
        }
        Ok(found)
    }

    fn expect_word(&mut self, word: &str) -> Result<(), ParseError> {
        if self.eat_word(word)? {
            return Ok(());
        }
        let token = self.next()?;
        Err(self.error(&token, format!("expected {word}")))
    }

    fn expect(&mut self, kind: TokenKind, what: &str) -> Result<Token, ParseError> {
        let token = self.next()?;
        if token.kind == kind {
            Ok(token)
        } else {
            Err(self.error(&token, format!("expected {what}")))
        }
    }

    fn next_is(&mut self, kind: TokenKind) -> Result<bool, ParseError> {
        Ok(self.peek()?.kind == kind)
    }

    /// Enters one more level of nesting, refusing to pass [`MAX_DEPTH`].
    fn enter(&mut self, token: &Token) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(
                token,
                format!("filter nested deeper than {MAX_DEPTH} levels"),
            ));
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Filter, ParseError> {
        let mut filters = vec![self.and()?];
        while self.eat_word("OR")? {
            filters.push(self.and()?);
        }
        Ok(join(filters, |filters| Filter::Or { filters }))
    }

    fn and(&mut self) -> Result<Filter, ParseError> {
        let mut filters = vec![self.unary()?];
        while self.eat_word("AND")? {
            filters.push(self.unary()?);
        }
        Ok(join(filters, |filters| Filter::And { filters }))
    }

    fn unary(&mut self) -> Result<Filter, ParseError> {
        let token = self.peek()?.clone();
        if !self.eat_word("NOT")? {
            return self.primary();
        }
        self.enter(&token)?;
        let filter = self.unary()?;
        self.depth -= 1;
        Ok(Filter::Not {
            filter: Box::new(filter),
        })
    }

    fn primary(&mut self) -> Result<Filter, ParseError> {
        let token = self.next()?;
        match &token.kind {
            TokenKind::LParen => {
                self.enter(&token)?;
                let filter = self.or()?;
                self.expect(TokenKind::RParen, "')'")?;
                self.depth -= 1;
                Ok(filter)
            }
            TokenKind::Word(word) => {
                let upper = word.to_ascii_uppercase();
                match upper.as_str() {
                    "INCLUDE" => return Ok(Filter::Include),
                    "EXCLUDE" => return Ok(Filter::Exclude),
                    "TRUE" | "FALSE" => return self.literal_first(&token),
                    _ => {}
                }
                if self.next_is(TokenKind::LParen)? {
                    return self.function(&token, &upper);
                }
                let property = self.property_name(&token)?;
                self.predicate(property)
            }
            TokenKind::QuotedName(name) => self.predicate(name.clone()),
            TokenKind::Text(_)
            | TokenKind::Integer(_)
            | TokenKind::Float(_)
            | TokenKind::DateTime => self.literal_first(&token),
            _ => Err(self.error(&token, "expected a filter")),
        }
    }

    /// A bare word or quoted name as a property name.
    fn property_name(&self, token: &Token) -> Result<String, ParseError> {
        match &token.kind {
            TokenKind::Word(word) if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(word)) => {
                Err(self.error(token, "expected a property name (quote reserved words)"))
            }
            TokenKind::Word(word) | TokenKind::QuotedName(word) => Ok(word.clone()),
            _ => Err(self.error(token, "expected a property name")),
        }
    }

    /// A predicate whose first word, `upper`, is followed by `(`.
    fn function(&mut self, token: &Token, upper: &str) -> Result<Filter, ParseError> {
        let spatial = SpatialPredicate::ALL
            .into_iter()
            .find(|predicate| predicate.keyword() == upper);
        match (upper, spatial) {
            (_, Some(predicate)) => self.spatial(token, predicate),
            ("IN", None) => self.feature_ids(),
            ("BBOX", None) => self.bbox(),
            ("RELATE", None) => self.relate(token),
            ("DWITHIN", None) => self.distance(token, DistancePredicate::Dwithin),
            ("BEYOND", None) => self.distance(token, DistancePredicate::Beyond),
            _ => Err(self.error(
                token,
                "expected a predicate or a property name (functions are not supported)",
            )),
        }
    }

    /// `IN ('fid1', 'fid2')`, after `IN`.
    fn feature_ids(&mut self) -> Result<Filter, ParseError> {
        let ids = self
            .literal_list()?
            .into_iter()
            .map(|(token, literal)| self.feature_id(&token, literal))
            .collect::<Result<_, _>>()?;
        Ok(Filter::Ids { ids })
    }

    fn feature_id(&self, token: &Token, literal: Literal) -> Result<String, ParseError> {
        match literal {
            Literal::String(id) => Ok(id),
            Literal::Integer(id) => Ok(id.to_string()),
            _ => Err(self.error(token, "expected a feature id (a string or an integer)")),
        }
    }

    /// `'(' literal (',' literal)* ')'`, each literal with its token.
    fn literal_list(&mut self) -> Result<Vec<(Token, Literal)>, ParseError> {
        self.expect(TokenKind::LParen, "'('")?;
        let mut literals = Vec::new();
        loop {
            let token = self.next()?;
            let literal = self.literal(&token)?;
            literals.push((token, literal));
            let separator = self.next()?;
            match separator.kind {
                TokenKind::Comma => {}
                TokenKind::RParen => return Ok(literals),
                _ => return Err(self.error(&separator, "expected ',' or ')'")),
            }
        }
    }

    fn literal(&self, token: &Token) -> Result<Literal, ParseError> {
        match &token.kind {
            TokenKind::Text(text) => Ok(Literal::String(text.clone())),
            TokenKind::Integer(value) => Ok(Literal::Integer(*value)),
            TokenKind::Float(value) => Ok(Literal::Float(*value)),
            TokenKind::DateTime => self.instant(token).map(Literal::Instant),
            TokenKind::Word(word) if word.eq_ignore_ascii_case("TRUE") => {
                Ok(Literal::Boolean(true))
            }
            TokenKind::Word(word) if word.eq_ignore_ascii_case("FALSE") => {
                Ok(Literal::Boolean(false))
            }
            _ => Err(self.error(token, "expected a literal")),
        }
    }

    fn instant(&self, token: &Token) -> Result<i64, ParseError> {
        let text = &self.lexer.source[token.start..token.end];
        time::parse_instant(text)
            .map_err(|reason| self.error(token, format!("expected a date-time ({reason})")))
    }

    /// `5 < x` or `2024-01-01T00:00:00Z BEFORE dtg`: a predicate written literal first,
    /// turned around.
    fn literal_first(&mut self, token: &Token) -> Result<Filter, ParseError> {
        let literal = self.literal(token)?;
        let operator_token = self.next()?;
        let temporal = match (&operator_token.kind, &literal) {
            (TokenKind::Word(word), Literal::Instant(instant)) => {
                let predicate = match word.to_ascii_uppercase().as_str() {
                    "BEFORE" => Some(TemporalPredicate::After),
                    "AFTER" => Some(TemporalPredicate::Before),
                    "TEQUALS" => Some(TemporalPredicate::Tequals),
                    _ => None,
                };
                predicate.map(|predicate| (predicate, *instant))
            }
            _ => None,
        };
        let operator = match (&operator_token.kind, temporal) {
            (TokenKind::Compare(operator), _) => Some(*operator),
            (_, Some(_)) => None,
            _ => {
                return Err(self.error(&operator_token, "expected a comparison operator"));
            }
        };
        let property_token = self.next()?;
        let property = self.property_name(&property_token)?;
        match (operator, temporal) {
            (Some(operator), _) => {
                self.compare(&property_token, property, operator.mirrored(), literal)
            }
            (None, Some((predicate, instant))) => Ok(Filter::Temporal {
                predicate,
                property,
                instant,
            }),
            (None, None) => Err(self.error(&operator_token, "expected a comparison operator")),
        }
    }

    /// `property OPERATOR literal`, or feature ids for `__fid__ = 'a'`.
    fn compare(
        &self,
        token: &Token,
        property: String,
        operator: CompareOp,
        value: Literal,
    ) -> Result<Filter, ParseError> {
        if property == FEATURE_ID && operator == CompareOp::Eq {
            let id = self.feature_id(token, value)?;
            return Ok(Filter::Ids { ids: vec![id] });
        }
        Ok(Filter::Compare {
            property,
            operator,
            value,
        })
    }

    /// What follows a property name.
    fn predicate(&mut self, property: String) -> Result<Filter, ParseError> {
        let token = self.next()?;
        let word = match &token.kind {
            TokenKind::Compare(operator) => return self.comparison(property, *operator),
            TokenKind::Word(word) => word.to_ascii_uppercase(),
            _ => String::new(),
        };
        match word.as_str() {
            "NOT" => {
                let negated = self.next()?;
                let inner = match &negated.kind {
                    TokenKind::Word(word)
                        if ["BETWEEN", "LIKE", "ILIKE", "IN"]
                            .iter()
                            .any(|k| k.eq_ignore_ascii_case(word)) =>
                    {
                        self.negatable(property, &word.to_ascii_uppercase())?
                    }
                    _ => return Err(self.error(&negated, "expected BETWEEN, LIKE, ILIKE or IN")),
                };
                Ok(Filter::Not {
                    filter: Box::new(inner),
                })
            }
            "BETWEEN" | "LIKE" | "ILIKE" | "IN" => self.negatable(property, &word),
            "IS" => {
                let negated = self.eat_word("NOT")?;
                self.expect_word("NULL")?;
                let filter = Filter::IsNull { property };
                Ok(if negated {
                    Filter::Not {
                        filter: Box::new(filter),
                    }
                } else {
                    filter
                })
            }
            "DURING" => {
                let (start, end) = self.period()?;
                Ok(Filter::During {
                    property,
                    start,
                    end,
                })
            }
            "BEFORE" | "AFTER" | "TEQUALS" => self.temporal(property, &word),
            _ => Err(self.error(
                &token,
                "expected an operator such as =, <, BETWEEN, LIKE, IN, IS NULL or DURING",
            )),
        }
    }

    /// `property OPERATOR (literal | property)`, after the operator.
    fn comparison(&mut self, property: String, operator: CompareOp) -> Result<Filter, ParseError> {
        let token = self.next()?;
        let is_name = match &token.kind {
            TokenKind::Word(word) => {
                !word.eq_ignore_ascii_case("TRUE") && !word.eq_ignore_ascii_case("FALSE")
            }
            TokenKind::QuotedName(_) => true,
            _ => false,
        };
        if !is_name {
            let value = self.literal(&token)?;
            return self.compare(&token, property, operator, value);
        }
        if matches!(token.kind, TokenKind::Word(_)) && self.next_is(TokenKind::LParen)? {
            return Err(self.error(
                &token,
                "expected a literal or a property name (functions are not supported)",
            ));
        }
        Ok(Filter::CompareProperties {
            left: property,
            operator,
            right: self.property_name(&token)?,
        })
    }

    /// The predicates that `NOT` may precede: BETWEEN, LIKE, ILIKE and IN.
    fn negatable(&mut self, property: String, word: &str) -> Result<Filter, ParseError> {
        match word {
            "BETWEEN" => {
                let low = self.next()?;
                let low = self.literal(&low)?;
                self.expect_word("AND")?;
                let high = self.next()?;
                let high = self.literal(&high)?;
                Ok(Filter::Between {
                    property,
                    low,
                    high,
                })
            }
            "IN" => {
                let literals = self.literal_list()?;
                if property == FEATURE_ID {
                    let ids = literals
                        .into_iter()
                        .map(|(token, literal)| self.feature_id(&token, literal))
                        .collect::<Result<_, _>>()?;
                    return Ok(Filter::Ids { ids });
                }
                let values = literals.into_iter().map(|(_, literal)| literal).collect();
                Ok(Filter::In { property, values })
            }
            _ => {
                let token = self.next()?;
                let TokenKind::Text(pattern) = token.kind else {
                    return Err(self.error(&token, "expected a quoted pattern"));
                };
                Ok(Filter::Like {
                    property,
                    pattern,
                    case_insensitive: word == "ILIKE",
                })
            }
        }
    }
}

/// One filter, or several under `AND`/`OR`.
fn join(filters: Vec<Filter>, combine: fn(Vec<Filter>) -> Filter) -> Filter {
    match <[Filter; 1]>::try_from(filters) {
        Ok([filter]) => filter,
        Err(filters) => combine(filters),
    }
}

mod spatial;
mod temporal;

#[cfg(test)]
mod tests;
