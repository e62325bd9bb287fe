//! Spatial predicates: their geometry operands (inline WKT read as raw text), BBOX,
//! DWITHIN/BEYOND and RELATE.
use super::Parser;
use crate::ast::{DistancePredicate, DistanceUnit, Filter, SpatialPredicate};
use crate::error::ParseError;
use crate::geometry::GeometryLiteral;
use crate::lexer::{Token, TokenKind};

/// How deeply a WKT geometry's parentheses may nest (a polygon in a multipolygon in a
/// collection is 4).
const MAX_WKT_DEPTH: usize = 16;

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

/// One argument of a spatial predicate.
enum Operand {
    Property(String),
    Geometry(GeometryLiteral),
}

impl Parser<'_> {
    pub(super) fn spatial(
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

    pub(super) fn relate(&mut self, token: &Token) -> Result<Filter, ParseError> {
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

    pub(super) fn distance(
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

    pub(super) fn bbox(&mut self) -> Result<Filter, ParseError> {
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
