//! Filters as ECQL text, for `df.explain()` and for the store's `cql` option.
//!
//! The text parses back to an equal filter (for filters the parser could have built: `AND`
//! and `OR` with two or more children, valid literals). Parentheses are written only where
//! precedence needs them (`NOT` binds tightest, then `AND`, then `OR`), so the text never nests
//! deeper than the filter does and a parsed filter always renders within the parser's depth cap.
use std::fmt::{self, Display, Formatter, Write};

use crate::ast::{Filter, Literal};
use crate::geometry::GeometryLiteral;
use crate::time::format_instant;

/// Words a bare property name may not be, lest the parser read them as keywords.
const KEYWORDS: [&str; 37] = [
    "AND",
    "OR",
    "NOT",
    "LIKE",
    "ILIKE",
    "IS",
    "NULL",
    "BETWEEN",
    "IN",
    "INCLUDE",
    "EXCLUDE",
    "BEFORE",
    "AFTER",
    "DURING",
    "TEQUALS",
    "EXISTS",
    "TRUE",
    "FALSE",
    "BBOX",
    "DWITHIN",
    "BEYOND",
    "RELATE",
    "EQUALS",
    "DISJOINT",
    "INTERSECTS",
    "TOUCHES",
    "CROSSES",
    "WITHIN",
    "CONTAINS",
    "OVERLAPS",
    "COVERS",
    "COVEREDBY",
    "SRID",
    "POINT",
    "LINESTRING",
    "POLYGON",
    "GEOMETRYCOLLECTION",
];

impl Filter {
    /// The filter as ECQL, e.g.
    /// `BBOX(geom, -80.0, 35.0, -79.0, 36.0) AND dtg DURING 2024-01-01T00:00:00Z/2024-01-02T00:00:00Z`.
    pub fn to_ecql(&self) -> String {
        self.to_string()
    }
}

impl Display for Filter {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.shape() {
            Filter::Include => f.write_str("INCLUDE"),
            Filter::Exclude => f.write_str("EXCLUDE"),
            Filter::And { filters } if filters.is_empty() => f.write_str("INCLUDE"),
            Filter::Or { filters } if filters.is_empty() => f.write_str("EXCLUDE"),
            Filter::And { filters } => write_joined(f, filters, " AND ", Filter::is_combination),
            Filter::Or { filters } => write_joined(f, filters, " OR ", Filter::is_or),
            Filter::Not { filter } => match filter.shape() {
                Filter::IsNull { property } => write!(f, "{} IS NOT NULL", Name(property)),
                inner if inner.is_combination() => write!(f, "NOT ({inner})"),
                inner => write!(f, "NOT {inner}"),
            },
            Filter::Spatial {
                predicate,
                property,
                geometry,
            } => write!(
                f,
                "{}({}, {})",
                predicate.keyword(),
                Name(property),
                Geometry(geometry)
            ),
            Filter::Relate {
                property,
                geometry,
                pattern,
            } => write!(
                f,
                "RELATE({}, {}, {pattern})",
                Name(property),
                Geometry(geometry)
            ),
            Filter::Bbox {
                property,
                min_x,
                min_y,
                max_x,
                max_y,
                crs,
            } => {
                write!(
                    f,
                    "BBOX({}, {min_x:?}, {min_y:?}, {max_x:?}, {max_y:?}",
                    Name(property)
                )?;
                if let Some(crs) = crs {
                    write!(f, ", {}", Quoted(crs))?;
                }
                f.write_char(')')
            }
            Filter::Distance {
                predicate,
                property,
                geometry,
                distance,
                units,
            } => {
                let keyword = match predicate {
                    crate::DistancePredicate::Dwithin => "DWITHIN",
                    crate::DistancePredicate::Beyond => "BEYOND",
                };
                write!(
                    f,
                    "{keyword}({}, {}, {distance:?}, {})",
                    Name(property),
                    Geometry(geometry),
                    units.keyword()
                )
            }
            Filter::During {
                property,
                start,
                end,
            } => write!(
                f,
                "{} DURING {}/{}",
                Name(property),
                format_instant(*start),
                format_instant(*end)
            ),
            Filter::Temporal {
                predicate,
                property,
                instant,
            } => write!(
                f,
                "{} {} {}",
                Name(property),
                predicate.keyword(),
                format_instant(*instant)
            ),
            Filter::Compare {
                property,
                operator,
                value,
            } => write!(f, "{} {} {value}", Name(property), operator.symbol()),
            Filter::CompareProperties {
                left,
                operator,
                right,
            } => write!(f, "{} {} {}", Name(left), operator.symbol(), Name(right)),
            Filter::Between {
                property,
                low,
                high,
            } => write!(f, "{} BETWEEN {low} AND {high}", Name(property)),
            Filter::In { property, values } => {
                write!(f, "{} IN (", Name(property))?;
                write_list(f, values.iter())?;
                f.write_char(')')
            }
            Filter::Like {
                property,
                pattern,
                case_insensitive,
            } => {
                let keyword = if *case_insensitive { "ILIKE" } else { "LIKE" };
                write!(f, "{} {keyword} {}", Name(property), Quoted(pattern))
            }
            Filter::IsNull { property } => write!(f, "{} IS NULL", Name(property)),
            Filter::Ids { ids } => {
                f.write_str("IN (")?;
                write_list(f, ids.iter().map(|id| Quoted(id)))?;
                f.write_char(')')
            }
        }
    }
}

impl Filter {
    /// The filter with single-child `AND`s and `OR`s seen through: what it renders as.
    pub(crate) fn shape(&self) -> &Filter {
        let mut filter = self;
        while let Filter::And { filters } | Filter::Or { filters } = filter {
            match filters.as_slice() {
                [only] => filter = only,
                _ => break,
            }
        }
        filter
    }

    /// Whether the filter renders as `a AND b` or `a OR b`, which needs parentheses under
    /// `NOT` or inside another `AND`.
    pub(crate) fn is_combination(&self) -> bool {
        matches!(self.shape(), Filter::And { filters } | Filter::Or { filters } if filters.len() > 1)
    }

    /// Whether the filter renders as `a OR b`, which needs parentheses inside another `OR`.
    fn is_or(&self) -> bool {
        matches!(self.shape(), Filter::Or { filters } if filters.len() > 1)
    }

    /// How deeply the rendered ECQL nests parentheses and `NOT`s; the parser refuses more
    /// than [`crate::MAX_DEPTH`].
    pub(crate) fn rendered_depth(&self) -> usize {
        let child_depth =
            |child: &Filter, needs_parens: bool| child.rendered_depth() + usize::from(needs_parens);
        match self.shape() {
            Filter::And { filters } => filters
                .iter()
                .map(|child| child_depth(child, child.is_combination()))
                .max()
                .unwrap_or(0),
            Filter::Or { filters } => filters
                .iter()
                .map(|child| child_depth(child, child.is_or()))
                .max()
                .unwrap_or(0),
            Filter::Not { filter } => 1 + child_depth(filter, filter.is_combination()),
            _ => 0,
        }
    }
}

fn write_joined(
    f: &mut Formatter<'_>,
    filters: &[Filter],
    separator: &str,
    needs_parens: fn(&Filter) -> bool,
) -> fmt::Result {
    for (index, filter) in filters.iter().enumerate() {
        if index > 0 {
            f.write_str(separator)?;
        }
        if needs_parens(filter) {
            write!(f, "({filter})")?;
        } else {
            write!(f, "{filter}")?;
        }
    }
    Ok(())
}

fn write_list<T: Display>(f: &mut Formatter<'_>, items: impl Iterator<Item = T>) -> fmt::Result {
    for (index, item) in items.enumerate() {
        if index > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{item}")?;
    }
    Ok(())
}

impl Display for Literal {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Literal::String(text) => write!(f, "{}", Quoted(text)),
            Literal::Integer(value) => write!(f, "{value}"),
            // Debug keeps a `.0` or an exponent, so the number reads back as a float.
            Literal::Float(value) => write!(f, "{value:?}"),
            Literal::Boolean(true) => f.write_str("TRUE"),
            Literal::Boolean(false) => f.write_str("FALSE"),
            Literal::Instant(micros) => f.write_str(&format_instant(*micros)),
        }
    }
}

/// A property name: bare when it is a plain identifier and no keyword, else double-quoted.
struct Name<'a>(&'a str);

impl Display for Name<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let mut chars = self.0.chars();
        let plain = chars
            .next()
            .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !KEYWORDS
                .iter()
                .any(|keyword| keyword.eq_ignore_ascii_case(self.0))
            && !self.0.to_ascii_uppercase().starts_with("MULTI");
        if plain {
            f.write_str(self.0)
        } else {
            write!(f, "\"{}\"", self.0.replace('"', "\"\""))
        }
    }
}

/// A single-quoted ECQL string.
struct Quoted<'a>(&'a str);

impl Display for Quoted<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "'{}'", self.0.replace('\'', "''"))
    }
}

/// A geometry as (E)WKT; one that cannot be written (only possible when built unvalidated)
/// shows why, in a form no parser accepts.
struct Geometry<'a>(&'a GeometryLiteral);

impl Display for Geometry<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.0.ewkt() {
            Ok(text) => f.write_str(&text),
            Err(reason) => write!(f, "<invalid geometry: {reason}>"),
        }
    }
}
