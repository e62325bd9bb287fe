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
//!            | property tail | literal compare-op property
//! tail      := compare-op (literal | property) | [NOT] BETWEEN literal AND literal
//!            | [NOT] (LIKE | ILIKE) string | [NOT] IN '(' literal (',' literal)* ')'
//!            | IS [NOT] NULL | DURING period | (BEFORE | AFTER) (instant | period)
//!            | TEQUALS instant
//! ```
//! Nesting (parentheses and `NOT`) is capped at [`MAX_DEPTH`] levels so that no input can
//! exhaust the stack.
use crate::ast::{
    CompareOp, DistancePredicate, DistanceUnit, Filter, Literal, SpatialPredicate,
    TemporalPredicate, FEATURE_ID,
};
use crate::error::ParseError;
use crate::geometry::GeometryLiteral;
use crate::lexer::{Lexer, Token, TokenKind};
use crate::time;

/// How deeply parentheses and `NOT`s may nest.
pub const MAX_DEPTH: usize = 64;

/// How deeply a WKT geometry's parentheses may nest (a polygon in a multipolygon in a
/// collection is 4).
const MAX_WKT_DEPTH: usize = 16;

/// Words that cannot be bare property names; quote them (`"in"`) to use them as names.
const RESERVED: [&str; 16] = [
    "AND", "OR", "NOT", "LIKE", "ILIKE", "IS", "NULL", "BETWEEN", "IN", "INCLUDE", "EXCLUDE",
    "BEFORE", "AFTER", "DURING", "TEQUALS", "EXISTS",
];

/// WKT geometry types; a bare word naming one starts a geometry.
const WKT_TYPES: [&str; 7] = [
    "POINT",
    "LINESTRING",
    "POLYGON",
    "MULTIPOINT",
    "MULTILINESTRING",
    "MULTIPOLYGON",
    "GEOMETRYCOLLECTION",
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

/// One argument of a spatial predicate.
enum Operand {
    Property(String),
    Geometry(GeometryLiteral),
}

/// The two ends of a time period, in epoch microseconds; either may be a duration away from
/// the other.
enum TimePoint {
    Instant(i64),
    Duration(i64),
}

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

    fn spatial(
        &mut self,
        token: &Token,
        predicate: SpatialPredicate,
    ) -> Result<Filter, ParseError> {
        self.expect(TokenKind::LParen, "'('")?;
        let (property, geometry, swapped) = self.operands(token)?;
        self.expect(TokenKind::RParen, "')'")?;
        let predicate = if swapped {
            predicate.converse()
        } else {
            predicate
        };
        Ok(Filter::Spatial {
            predicate,
            property,
            geometry,
        })
    }

    fn relate(&mut self, token: &Token) -> Result<Filter, ParseError> {
        self.expect(TokenKind::LParen, "'('")?;
        let (property, geometry, swapped) = self.operands(token)?;
        self.expect(TokenKind::Comma, "','")?;
        let pattern = self.relate_pattern()?;
        self.expect(TokenKind::RParen, "')'")?;
        // With the arguments swapped, the DE-9IM matrix is transposed.
        let pattern = if swapped {
            (0..9)
                .map(|at| pattern.as_bytes()[at % 3 * 3 + at / 3] as char)
                .collect()
        } else {
            pattern
        };
        Ok(Filter::Relate {
            property,
            geometry,
            pattern,
        })
    }

    /// A DE-9IM pattern, quoted or bare (`T*****FF*`), upper-cased.
    fn relate_pattern(&mut self) -> Result<String, ParseError> {
        let token = self.peek()?.clone();
        let text = match &token.kind {
            TokenKind::Text(text) => {
                self.next()?;
                text.clone()
            }
            _ => {
                // A bare pattern is not made of ECQL tokens: read it as raw text.
                self.peeked = None;
                let source = self.lexer.source;
                let length = source[token.start..]
                    .find(|c: char| !"TtFf*012".contains(c))
                    .unwrap_or(source.len() - token.start);
                self.lexer.pos = token.start + length;
                source[token.start..self.lexer.pos].to_string()
            }
        };
        let valid = text.len() == 9 && text.chars().all(|c| "TtFf*012".contains(c));
        if !valid {
            let end = token.start + text.len().max(1);
            return Err(ParseError::at(
                self.lexer.source,
                token.start,
                end,
                "expected a DE-9IM pattern of 9 characters from T F * 0 1 2",
            ));
        }
        Ok(text.to_ascii_uppercase())
    }

    fn distance(
        &mut self,
        token: &Token,
        predicate: DistancePredicate,
    ) -> Result<Filter, ParseError> {
        self.expect(TokenKind::LParen, "'('")?;
        let (property, geometry, _) = self.operands(token)?;
        self.expect(TokenKind::Comma, "','")?;
        let distance_token = self.peek()?.clone();
        let distance = self.number()?;
        if distance < 0.0 {
            return Err(self.error(&distance_token, "expected a distance of at least 0"));
        }
        self.expect(TokenKind::Comma, "','")?;
        let units = self.units()?;
        self.expect(TokenKind::RParen, "')'")?;
        Ok(Filter::Distance {
            predicate,
            property,
            geometry,
            distance,
            units,
        })
    }

    fn units(&mut self) -> Result<DistanceUnit, ParseError> {
        let token = self.next()?;
        let first = match &token.kind {
            TokenKind::Word(word) => word.to_ascii_lowercase(),
            _ => String::new(),
        };
        let spelled = match first.as_str() {
            "statute" | "nautical" => {
                self.expect_word("miles")?;
                format!("{first} miles")
            }
            _ => first,
        };
        DistanceUnit::ALL
            .into_iter()
            .find(|unit| unit.keyword() == spelled)
            .ok_or_else(|| {
                self.error(
                    &token,
                    "expected units: meters, kilometers, feet, statute miles or nautical miles",
                )
            })
    }

    fn bbox(&mut self) -> Result<Filter, ParseError> {
        self.expect(TokenKind::LParen, "'('")?;
        let token = self.next()?;
        let property = self.property_name(&token)?;
        let mut corners = [0.0; 4];
        for corner in &mut corners {
            self.expect(TokenKind::Comma, "','")?;
            *corner = self.number()?;
        }
        let crs = if self.next_is(TokenKind::Comma)? {
            self.next()?;
            let token = self.next()?;
            match token.kind {
                TokenKind::Text(crs) => Some(crs),
                _ => return Err(self.error(&token, "expected a CRS such as 'EPSG:4326'")),
            }
        } else {
            None
        };
        self.expect(TokenKind::RParen, "')'")?;
        let [min_x, min_y, max_x, max_y] = corners;
        Ok(Filter::Bbox {
            property,
            min_x,
            min_y,
            max_x,
            max_y,
            crs,
        })
    }

    fn number(&mut self) -> Result<f64, ParseError> {
        let token = self.next()?;
        match token.kind {
            TokenKind::Integer(value) => Ok(value as f64),
            TokenKind::Float(value) => Ok(value),
            _ => Err(self.error(&token, "expected a number")),
        }
    }

    /// The two arguments of a spatial predicate: one property and one geometry, in either
    /// order; `swapped` when the geometry came first.
    fn operands(
        &mut self,
        function: &Token,
    ) -> Result<(String, GeometryLiteral, bool), ParseError> {
        let first = self.operand()?;
        self.expect(TokenKind::Comma, "','")?;
        let second = self.operand()?;
        match (first, second) {
            (Operand::Property(property), Operand::Geometry(geometry)) => {
                Ok((property, geometry, false))
            }
            (Operand::Geometry(geometry), Operand::Property(property)) => {
                Ok((property, geometry, true))
            }
            (Operand::Property(_), Operand::Property(_)) => Err(self.error(
                function,
                "expected a geometry literal (predicates between two properties are not supported)",
            )),
            (Operand::Geometry(_), Operand::Geometry(_)) => {
                Err(self.error(function, "expected a geometry property"))
            }
        }
    }

    fn operand(&mut self) -> Result<Operand, ParseError> {
        let token = self.peek()?.clone();
        match &token.kind {
            TokenKind::Word(word)
                if WKT_TYPES.iter().any(|t| t.eq_ignore_ascii_case(word))
                    || word.eq_ignore_ascii_case("SRID") =>
            {
                self.raw_geometry(&token).map(Operand::Geometry)
            }
            TokenKind::Text(text) => {
                self.next()?;
                GeometryLiteral::from_ewkt(text)
                    .map(Operand::Geometry)
                    .map_err(|reason| {
                        self.error(&token, format!("expected a WKT geometry ({reason})"))
                    })
            }
            TokenKind::Word(_) | TokenKind::QuotedName(_) => {
                self.next()?;
                self.property_name(&token).map(Operand::Property)
            }
            _ => {
                self.next()?;
                Err(self.error(&token, "expected a property name or a WKT geometry"))
            }
        }
    }

    /// A WKT (or EWKT) geometry written inline, read as raw text from where `token` starts up
    /// to its balancing `)` or its `EMPTY`.
    fn raw_geometry(&mut self, token: &Token) -> Result<GeometryLiteral, ParseError> {
        self.peeked = None;
        let source = self.lexer.source;
        let end = geometry_end(source, token.start)?;
        self.lexer.pos = end;
        GeometryLiteral::from_ewkt(&source[token.start..end]).map_err(|reason| {
            ParseError::at(
                source,
                token.start,
                end,
                format!("expected a WKT geometry ({reason})"),
            )
        })
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

    /// `BEFORE`, `AFTER` or `TEQUALS`; before a period is before its start, after a period is
    /// after its end.
    fn temporal(&mut self, property: String, word: &str) -> Result<Filter, ParseError> {
        let token = self.peek()?.clone();
        let (predicate, instant) = match word {
            "TEQUALS" => {
                let token = self.next()?;
                (TemporalPredicate::Tequals, self.instant_token(&token)?)
            }
            _ => {
                let predicate = if word == "BEFORE" {
                    TemporalPredicate::Before
                } else {
                    TemporalPredicate::After
                };
                let first = self.time_point()?;
                let instant = if self.next_is(TokenKind::Slash)? {
                    let (start, end) = self.period_from(&token, first)?;
                    if predicate == TemporalPredicate::Before {
                        start
                    } else {
                        end
                    }
                } else {
                    match first {
                        TimePoint::Instant(instant) => instant,
                        TimePoint::Duration(_) => {
                            return Err(self.error(&token, "expected a date-time"))
                        }
                    }
                };
                (predicate, instant)
            }
        };
        Ok(Filter::Temporal {
            predicate,
            property,
            instant,
        })
    }

    fn instant_token(&self, token: &Token) -> Result<i64, ParseError> {
        match token.kind {
            TokenKind::DateTime => self.instant(token),
            _ => Err(self.error(token, "expected a date-time such as 2024-01-01T00:00:00Z")),
        }
    }

    /// A date-time, or a duration such as `P1D` or `T1H30M`.
    fn time_point(&mut self) -> Result<TimePoint, ParseError> {
        let token = self.next()?;
        match &token.kind {
            TokenKind::DateTime => self.instant(&token).map(TimePoint::Instant),
            TokenKind::Word(word) if word.starts_with(['P', 'p', 'T', 't']) => {
                time::parse_duration(word)
                    .map(TimePoint::Duration)
                    .map_err(|reason| self.error(&token, format!("expected a duration ({reason})")))
            }
            _ => Err(self.error(&token, "expected a date-time such as 2024-01-01T00:00:00Z")),
        }
    }

    /// `start/end`, `start/duration` or `duration/end`.
    fn period(&mut self) -> Result<(i64, i64), ParseError> {
        let token = self.peek()?.clone();
        let first = self.time_point()?;
        self.period_from(&token, first)
    }

    fn period_from(&mut self, token: &Token, first: TimePoint) -> Result<(i64, i64), ParseError> {
        self.expect(TokenKind::Slash, "'/' between the ends of a period")?;
        let second_token = self.peek()?.clone();
        let second = self.time_point()?;
        let (start, end) = match (first, second) {
            (TimePoint::Instant(start), TimePoint::Instant(end)) => (Some(start), Some(end)),
            (TimePoint::Instant(start), TimePoint::Duration(length)) => {
                (Some(start), start.checked_add(length))
            }
            (TimePoint::Duration(length), TimePoint::Instant(end)) => {
                (end.checked_sub(length), Some(end))
            }
            (TimePoint::Duration(_), TimePoint::Duration(_)) => {
                return Err(self.error(&second_token, "expected a date-time (a period needs one)"))
            }
        };
        match (start, end) {
            (Some(start), Some(end))
                if (time::MIN_INSTANT..=time::MAX_INSTANT).contains(&start)
                    && (time::MIN_INSTANT..=time::MAX_INSTANT).contains(&end) =>
            {
                Ok((start, end))
            }
            _ => Err(self.error(token, "expected a period within the years 0000 to 9999")),
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

/// The byte just past a WKT geometry starting at `start`: past its balancing `)` or its
/// `EMPTY`, or at a `,` or `)` that ends the argument when the geometry is malformed.
fn geometry_end(source: &str, start: usize) -> Result<usize, ParseError> {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    for at in start..bytes.len() {
        match bytes[at] {
            b'(' => {
                depth += 1;
                if depth > MAX_WKT_DEPTH {
                    return Err(ParseError::at(
                        source,
                        at,
                        at + 1,
                        format!("geometry nested deeper than {MAX_WKT_DEPTH} levels"),
                    ));
                }
            }
            b')' if depth == 0 => return Ok(at),
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(at + 1);
                }
            }
            b',' if depth == 0 => return Ok(at),
            _ if depth == 0 && is_word_at(bytes, at, b"EMPTY") => return Ok(at + 5),
            _ => {}
        }
    }
    if depth > 0 {
        return Err(ParseError::at(
            source,
            bytes.len(),
            bytes.len(),
            "expected ')' closing the geometry",
        ));
    }
    Ok(bytes.len())
}

/// Whether `word` (upper case) starts at `at`, in any case, and not inside a longer word.
fn is_word_at(bytes: &[u8], at: usize, word: &[u8]) -> bool {
    let starts_word = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
    starts_word
        && bytes
            .get(at..at + word.len())
            .is_some_and(|found| found.eq_ignore_ascii_case(word))
}

#[cfg(test)]
#[path = "parser_tests.rs"]
mod tests;
