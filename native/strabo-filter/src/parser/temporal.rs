//! Temporal predicates and periods: `DURING start/end`, `BEFORE`, `AFTER`, `TEQUALS`.
use super::Parser;
use crate::ast::{Filter, TemporalPredicate};
use crate::error::ParseError;
use crate::lexer::{Token, TokenKind};
use crate::time;

/// The two ends of a time period, in epoch microseconds; either may be a duration away from
/// the other.
enum TimePoint {
    Instant(i64),
    Duration(i64),
}

impl Parser<'_> {
    /// `BEFORE`, `AFTER` or `TEQUALS`; before a period is before its start, after a period is
    /// after its end.
    pub(super) fn temporal(&mut self, property: String, word: &str) -> Result<Filter, ParseError> {
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
    pub(super) fn period(&mut self) -> Result<(i64, i64), ParseError> {
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
