//! GeoMesa SimpleFeatureType spec strings, e.g.
//! `name:String:index=true,dtg:Date,*geom:Point:srid=4326;geomesa.index.dtg='dtg'`.
//!
//! The grammar follows GeoMesa 5.4's `SimpleFeatureSpecParser`: comma-separated attributes
//! `[*]name:Type[:key=value]*`, then optional feature-type user data after `;` as
//! comma-separated `key=value`. Type names accept GeoMesa's aliases (`int`, `java.lang.Long`,
//! `byte[]`, …); `List`/`Map` without element types mean `List[String]`/`Map[String,String]`.

use std::fmt;
use std::str::FromStr;

use crate::error::SpecError;

/// A non-geometry, non-collection attribute type (also the element type of lists and maps).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScalarType {
    /// `String`
    String,
    /// `Integer` (32-bit)
    Integer,
    /// `Long` (64-bit)
    Long,
    /// `Float` (32-bit)
    Float,
    /// `Double` (64-bit)
    Double,
    /// `Boolean`
    Boolean,
    /// `Date` (`java.util.Date`, millisecond precision)
    Date,
    /// `Timestamp` (`java.sql.Timestamp`)
    Timestamp,
    /// `UUID`
    Uuid,
    /// `Bytes` (`byte[]`)
    Bytes,
}

/// A geometry attribute type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GeometryType {
    /// Any geometry.
    Geometry,
    /// `Point`
    Point,
    /// `LineString`
    LineString,
    /// `Polygon`
    Polygon,
    /// `MultiPoint`
    MultiPoint,
    /// `MultiLineString`
    MultiLineString,
    /// `MultiPolygon`
    MultiPolygon,
    /// `GeometryCollection`
    GeometryCollection,
}

/// The type of one attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttributeType {
    /// A single scalar value.
    Scalar(ScalarType),
    /// `List[element]`
    List(ScalarType),
    /// `Map[key,value]`
    Map(ScalarType, ScalarType),
    /// A geometry.
    Geometry(GeometryType),
}

/// One attribute of a feature type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    /// Attribute name.
    pub name: String,
    /// Attribute type.
    pub attribute_type: AttributeType,
    /// Marked as the default geometry with `*` (geometries only).
    pub default_geometry: bool,
    /// Per-attribute options (`srid=4326`, `index=true`, …) in the order written.
    pub options: Vec<(String, String)>,
}

impl Attribute {
    /// The value of option `key`, if set.
    pub fn option(&self, key: &str) -> Option<&str> {
        lookup(&self.options, key)
    }

    /// Whether this attribute is a geometry.
    pub fn is_geometry(&self) -> bool {
        matches!(self.attribute_type, AttributeType::Geometry(_))
    }
}

/// A parsed SimpleFeatureType spec: attributes plus feature-type user data.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FeatureTypeSpec {
    /// Attributes in schema order.
    pub attributes: Vec<Attribute>,
    /// Feature-type user data (`;key=value,…`) in the order written.
    pub user_data: Vec<(String, String)>,
}

impl FeatureTypeSpec {
    /// Parses a spec string.
    pub fn parse(spec: &str) -> Result<Self, SpecError> {
        Parser::new(spec).spec()
    }

    /// The attribute named `name`.
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// The default geometry as GeoMesa picks it: the geometry marked `*`, else the first geometry.
    pub fn default_geometry(&self) -> Option<&Attribute> {
        let mut geometries = self.attributes.iter().filter(|a| a.is_geometry());
        self.attributes
            .iter()
            .find(|a| a.default_geometry)
            .or_else(|| geometries.next())
    }

    /// The user-data value for `key`, if set.
    pub fn user_data(&self, key: &str) -> Option<&str> {
        lookup(&self.user_data, key)
    }
}

fn lookup<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev() // a repeated key: the last one wins, as in GeoMesa's maps
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

impl FromStr for FeatureTypeSpec {
    type Err = SpecError;

    fn from_str(spec: &str) -> Result<Self, SpecError> {
        Self::parse(spec)
    }
}

impl AttributeType {
    /// Parses a type on its own, e.g. `Point` or `List[Integer]` (as stored in `storage.json`).
    pub fn parse(text: &str) -> Result<Self, SpecError> {
        let mut parser = Parser::new(text);
        parser.skip_whitespace();
        let parsed = parser.attribute_type()?;
        parser.skip_whitespace();
        parser.expect_end()?;
        Ok(parsed)
    }
}

// ---------------------------------------------------------------------------------------------
// Names

const SCALAR_NAMES: &[(&str, ScalarType)] = &[
    ("String", ScalarType::String),
    ("java.lang.String", ScalarType::String),
    ("string", ScalarType::String),
    ("Integer", ScalarType::Integer),
    ("java.lang.Integer", ScalarType::Integer),
    ("int", ScalarType::Integer),
    ("Int", ScalarType::Integer),
    ("0", ScalarType::Integer),
    ("Long", ScalarType::Long),
    ("java.lang.Long", ScalarType::Long),
    ("long", ScalarType::Long),
    ("Double", ScalarType::Double),
    ("java.lang.Double", ScalarType::Double),
    ("double", ScalarType::Double),
    ("0.0", ScalarType::Double),
    ("Float", ScalarType::Float),
    ("java.lang.Float", ScalarType::Float),
    ("float", ScalarType::Float),
    ("0.0f", ScalarType::Float),
    ("Boolean", ScalarType::Boolean),
    ("boolean", ScalarType::Boolean),
    ("bool", ScalarType::Boolean),
    ("java.lang.Boolean", ScalarType::Boolean),
    ("true", ScalarType::Boolean),
    ("false", ScalarType::Boolean),
    ("UUID", ScalarType::Uuid),
    ("Date", ScalarType::Date),
    ("Timestamp", ScalarType::Timestamp),
    ("byte[]", ScalarType::Bytes),
    ("Bytes", ScalarType::Bytes),
];

const GEOMETRY_NAMES: &[(&str, GeometryType)] = &[
    ("Geometry", GeometryType::Geometry),
    ("Point", GeometryType::Point),
    ("LineString", GeometryType::LineString),
    ("Polygon", GeometryType::Polygon),
    ("MultiPoint", GeometryType::MultiPoint),
    ("MultiLineString", GeometryType::MultiLineString),
    ("MultiPolygon", GeometryType::MultiPolygon),
    ("GeometryCollection", GeometryType::GeometryCollection),
];

const LIST_NAMES: &[&str] = &["List", "list", "java.util.List"];
const MAP_NAMES: &[&str] = &["Map", "map", "java.util.Map"];

impl ScalarType {
    /// The canonical spec name.
    pub fn name(self) -> &'static str {
        match self {
            ScalarType::String => "String",
            ScalarType::Integer => "Integer",
            ScalarType::Long => "Long",
            ScalarType::Float => "Float",
            ScalarType::Double => "Double",
            ScalarType::Boolean => "Boolean",
            ScalarType::Date => "Date",
            ScalarType::Timestamp => "Timestamp",
            ScalarType::Uuid => "UUID",
            ScalarType::Bytes => "Bytes",
        }
    }
}

impl GeometryType {
    /// The canonical spec name.
    pub fn name(self) -> &'static str {
        match self {
            GeometryType::Geometry => "Geometry",
            GeometryType::Point => "Point",
            GeometryType::LineString => "LineString",
            GeometryType::Polygon => "Polygon",
            GeometryType::MultiPoint => "MultiPoint",
            GeometryType::MultiLineString => "MultiLineString",
            GeometryType::MultiPolygon => "MultiPolygon",
            GeometryType::GeometryCollection => "GeometryCollection",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering

impl fmt::Display for AttributeType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttributeType::Scalar(s) => f.write_str(s.name()),
            AttributeType::List(e) => write!(f, "List[{}]", e.name()),
            AttributeType::Map(k, v) => write!(f, "Map[{},{}]", k.name(), v.name()),
            AttributeType::Geometry(g) => f.write_str(g.name()),
        }
    }
}

impl fmt::Display for Attribute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.default_geometry {
            f.write_str("*")?;
        }
        write!(f, "{}:{}", self.name, self.attribute_type)?;
        for (key, value) in &self.options {
            write!(f, ":{key}=")?;
            if !value.is_empty() && value.bytes().all(is_word_byte) {
                f.write_str(value)?;
            } else {
                write_quoted(f, value)?;
            }
        }
        Ok(())
    }
}

/// Renders the spec; `FeatureTypeSpec::parse` of the result gives back an equal value when the
/// attribute names and option keys are ones the grammar accepts (always so for parsed specs).
/// User-data values are always quoted, as GeoMesa writes them.
impl fmt::Display for FeatureTypeSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, attribute) in self.attributes.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{attribute}")?;
        }
        for (i, (key, value)) in self.user_data.iter().enumerate() {
            f.write_str(if i == 0 { ";" } else { "," })?;
            write!(f, "{key}=")?;
            write_quoted(f, value)?;
        }
        Ok(())
    }
}

/// Single-quoted with Java-style escapes (which the parser undoes).
fn write_quoted(f: &mut fmt::Formatter<'_>, value: &str) -> fmt::Result {
    f.write_str("'")?;
    for c in value.chars() {
        match c {
            '\'' => f.write_str("\\'")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            '\u{8}' => f.write_str("\\b")?,
            '\u{c}' => f.write_str("\\f")?,
            c if c.is_control() => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(f, "\\u{unit:04x}")?;
                }
            }
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("'")
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn is_key_byte(b: u8) -> bool {
    is_word_byte(b) || b == b'.' || b == b'-'
}

// ---------------------------------------------------------------------------------------------
// Parsing

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser { text, pos: 0 }
    }

    fn error_at(&self, position: usize, message: impl Into<String>) -> SpecError {
        SpecError {
            spec: self.text.to_string(),
            position,
            message: message.into(),
        }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char, what: &str) -> Result<(), SpecError> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(self.error_at(self.pos, format!("expected {what}, found {}", self.found())))
        }
    }

    fn expect_end(&self) -> Result<(), SpecError> {
        if self.pos == self.text.len() {
            Ok(())
        } else {
            Err(self.error_at(self.pos, format!("unexpected {}", self.found())))
        }
    }

    /// A short description of what is at the cursor, for error messages.
    fn found(&self) -> String {
        match self.peek() {
            None => "end of spec".to_string(),
            Some(c) => format!("`{c}`"),
        }
    }

    fn skip_whitespace(&mut self) {
        let trimmed = self
            .rest()
            .trim_start_matches([' ', '\n', '\r', '\t', '\u{c}']);
        self.pos = self.text.len() - trimmed.len();
    }

    /// Takes the longest run of bytes satisfying `accept` (all ASCII, so boundaries are safe).
    fn take_bytes(&mut self, accept: impl Fn(u8) -> bool) -> &'a str {
        let start = self.pos;
        let len = self.rest().bytes().take_while(|&b| accept(b)).count();
        self.pos += len;
        &self.text[start..self.pos]
    }

    fn spec(&mut self) -> Result<FeatureTypeSpec, SpecError> {
        let mut spec = FeatureTypeSpec::default();
        self.skip_whitespace();
        if !matches!(self.peek(), None | Some(';')) {
            loop {
                spec.attributes.push(self.attribute()?);
                self.skip_whitespace();
                if !self.eat(',') {
                    break;
                }
                self.skip_whitespace();
            }
        }
        if self.eat(';') {
            self.skip_whitespace();
            if self.peek().is_some() {
                loop {
                    spec.user_data.push(self.user_data_entry()?);
                    self.skip_whitespace();
                    if !self.eat(',') {
                        break;
                    }
                    self.skip_whitespace();
                }
            }
        }
        self.skip_whitespace();
        if self.pos != self.text.len() {
            return Err(self.error_at(
                self.pos,
                format!("expected `,` or `;` or end of spec, found {}", self.found()),
            ));
        }
        Ok(spec)
    }

    fn attribute(&mut self) -> Result<Attribute, SpecError> {
        let start = self.pos;
        let default_geometry = self.eat('*');
        let name_start = self.pos;
        let name_len = self
            .rest()
            .find(|c: char| matches!(c, '*' | ':' | ',' | ';') || c.is_whitespace())
            .unwrap_or(self.rest().len());
        if name_len == 0 {
            return Err(self.error_at(
                self.pos,
                format!("expected an attribute name, found {}", self.found()),
            ));
        }
        self.pos += name_len;
        let name = self.text[name_start..self.pos].to_string();
        self.skip_whitespace();
        self.expect(
            ':',
            &format!("`:` and a type after attribute name `{name}`"),
        )?;
        self.skip_whitespace();
        let attribute_type = self.attribute_type()?;
        if default_geometry && !matches!(attribute_type, AttributeType::Geometry(_)) {
            return Err(self.error_at(
                start,
                format!("`*` marks the default geometry, but `{name}` is a {attribute_type}"),
            ));
        }
        let mut options = Vec::new();
        loop {
            let before = self.pos;
            self.skip_whitespace();
            if !self.eat(':') {
                self.pos = before;
                break;
            }
            self.skip_whitespace();
            options.push(self.attribute_option()?);
        }
        Ok(Attribute {
            name,
            attribute_type,
            default_geometry,
            options,
        })
    }

    fn attribute_type(&mut self) -> Result<AttributeType, SpecError> {
        let start = self.pos;
        let parsed = if let Some(scalar) = self.longest_name(SCALAR_NAMES) {
            AttributeType::Scalar(scalar)
        } else if let Some(geometry) = self.longest_name(GEOMETRY_NAMES) {
            AttributeType::Geometry(geometry)
        } else if self.one_of(LIST_NAMES) {
            match self.bracketed_types(1)?.as_slice() {
                [element] => AttributeType::List(*element),
                _ => AttributeType::List(ScalarType::String),
            }
        } else if self.one_of(MAP_NAMES) {
            match self.bracketed_types(2)?.as_slice() {
                [key, value] => AttributeType::Map(*key, *value),
                _ => AttributeType::Map(ScalarType::String, ScalarType::String),
            }
        } else {
            let word_len = self.rest().bytes().take_while(|&b| is_key_byte(b)).count();
            return Err(self.error_at(
                start,
                format!(
                    "unknown attribute type `{}`",
                    &self.text[start..start + word_len.max(self.peek().map_or(0, char::len_utf8))]
                ),
            ));
        };
        // A known name followed by more name characters (e.g. `Stringy`) is an unknown type.
        if self.rest().bytes().next().is_some_and(is_word_byte) {
            let word_len = self.rest().bytes().take_while(|&b| is_key_byte(b)).count();
            return Err(self.error_at(
                start,
                format!(
                    "unknown attribute type `{}`",
                    &self.text[start..self.pos + word_len]
                ),
            ));
        }
        Ok(parsed)
    }

    /// The longest alias in `names` that the input starts with (GeoMesa tries longer ones first).
    fn longest_name<T: Copy>(&mut self, names: &[(&str, T)]) -> Option<T> {
        let rest = self.rest();
        let (name, value) = names
            .iter()
            .filter(|(name, _)| rest.starts_with(name))
            .max_by_key(|(name, _)| name.len())?;
        self.pos += name.len();
        Some(*value)
    }

    fn one_of(&mut self, names: &[&str]) -> bool {
        let rest = self.rest();
        match names
            .iter()
            .filter(|name| rest.starts_with(*name))
            .max_by_key(|name| name.len())
        {
            Some(name) => {
                self.pos += name.len();
                true
            }
            None => false,
        }
    }

    /// `[T]` or `[K,V]` after `List`/`Map`; empty when there is no `[`.
    fn bracketed_types(&mut self, count: usize) -> Result<Vec<ScalarType>, SpecError> {
        let before = self.pos;
        self.skip_whitespace();
        if !self.eat('[') {
            self.pos = before;
            return Ok(Vec::new());
        }
        let mut types = Vec::with_capacity(count);
        for i in 0..count {
            self.skip_whitespace();
            if i > 0 {
                self.expect(',', "`,` between the map's key and value types")?;
                self.skip_whitespace();
            }
            let at = self.pos;
            match self.longest_name(SCALAR_NAMES) {
                Some(t) => types.push(t),
                None => {
                    return Err(self.error_at(
                        at,
                        format!(
                            "expected a simple element type (String, Integer, …), found {}",
                            self.found()
                        ),
                    ))
                }
            }
        }
        self.skip_whitespace();
        self.expect(']', "`]`")?;
        Ok(types)
    }

    fn attribute_option(&mut self) -> Result<(String, String), SpecError> {
        let key = self.option_key("an attribute option `key=value`")?;
        self.skip_whitespace();
        self.expect('=', &format!("`=` after option `{key}`"))?;
        self.skip_whitespace();
        let value = match self.peek() {
            Some(quote @ ('\'' | '"')) => self.quoted(quote)?,
            _ => {
                let word = self.take_bytes(is_word_byte);
                if word.is_empty() {
                    return Err(self.error_at(
                        self.pos,
                        format!(
                            "expected a value for option `{key}` (letters, digits and `_`, or quoted), found {}",
                            self.found()
                        ),
                    ));
                }
                word.to_string()
            }
        };
        Ok((key, value))
    }

    fn user_data_entry(&mut self) -> Result<(String, String), SpecError> {
        let key = self.option_key("a user-data entry `key=value`")?;
        self.skip_whitespace();
        self.expect('=', &format!("`=` after user-data key `{key}`"))?;
        self.skip_whitespace();
        let value = match self.peek() {
            Some(quote @ ('\'' | '"')) => self.quoted(quote)?,
            _ => {
                let len = self
                    .rest()
                    .find(['\'', '"', ','])
                    .unwrap_or(self.rest().len());
                let raw = &self.text[self.pos..self.pos + len];
                if raw.trim().is_empty() {
                    return Err(self.error_at(
                        self.pos,
                        format!(
                            "expected a value for user-data key `{key}`, found {}",
                            self.found()
                        ),
                    ));
                }
                self.pos += len;
                raw.trim_end().to_string()
            }
        };
        Ok((key, value))
    }

    fn option_key(&mut self, what: &str) -> Result<String, SpecError> {
        let key = self.take_bytes(is_key_byte);
        if key.is_empty() {
            return Err(self.error_at(self.pos, format!("expected {what}, found {}", self.found())));
        }
        Ok(key.to_string())
    }

    /// A quoted string with Java escapes (`\\ \/ \" \' \b \f \n \r \t \uXXXX`).
    fn quoted(&mut self, quote: char) -> Result<String, SpecError> {
        let start = self.pos;
        self.pos += 1;
        let mut value = String::new();
        let mut pending_high_surrogate: Option<u16> = None;
        loop {
            let at = self.pos;
            let Some(c) = self.peek() else {
                return Err(self.error_at(start, "unterminated quoted string"));
            };
            self.pos += c.len_utf8();
            let unit = if c == '\\' {
                let Some(escaped) = self.peek() else {
                    return Err(self.error_at(start, "unterminated quoted string"));
                };
                self.pos += escaped.len_utf8();
                match escaped {
                    '\\' | '/' | '"' | '\'' => Err(escaped),
                    'b' => Err('\u{8}'),
                    'f' => Err('\u{c}'),
                    'n' => Err('\n'),
                    'r' => Err('\r'),
                    't' => Err('\t'),
                    'u' => {
                        let hex = self.rest().get(..4).unwrap_or("");
                        let code = (hex.len() == 4 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
                            .then(|| u16::from_str_radix(hex, 16).ok())
                            .flatten()
                            .ok_or_else(|| self.error_at(at, "`\\u` needs four hex digits"))?;
                        self.pos += 4;
                        Ok(code)
                    }
                    other => {
                        return Err(self.error_at(at, format!("unknown escape `\\{other}`")));
                    }
                }
            } else if c == quote {
                if pending_high_surrogate.is_some() {
                    return Err(self.error_at(at, "unpaired UTF-16 surrogate escape"));
                }
                return Ok(value);
            } else if c.is_control() {
                return Err(self.error_at(at, "control character in quoted string"));
            } else {
                Err(c)
            };
            // `Ok` is a UTF-16 code unit from `\u`, `Err` a plain character.
            match (unit, pending_high_surrogate.take()) {
                (Err(c), None) => value.push(c),
                (Ok(u), None) if (0xD800..0xDC00).contains(&u) => pending_high_surrogate = Some(u),
                (Ok(u), high) => {
                    let units: Vec<u16> = high.into_iter().chain([u]).collect();
                    let decoded = String::from_utf16(&units)
                        .map_err(|_| self.error_at(at, "unpaired UTF-16 surrogate escape"))?;
                    value.push_str(&decoded);
                }
                (Err(_), Some(_)) => {
                    return Err(self.error_at(at, "unpaired UTF-16 surrogate escape"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(name: &str, t: AttributeType, options: &[(&str, &str)]) -> Attribute {
        Attribute {
            name: name.into(),
            attribute_type: t,
            default_geometry: false,
            options: options
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn parses_the_brief_example() {
        let spec = FeatureTypeSpec::parse(
            "name:String,age:Integer,dtg:Date,*geom:Point:srid=4326;geomesa.fs.scheme='daily'",
        )
        .unwrap();
        let mut geom = attr(
            "geom",
            AttributeType::Geometry(GeometryType::Point),
            &[("srid", "4326")],
        );
        geom.default_geometry = true;
        assert_eq!(
            spec.attributes,
            vec![
                attr("name", AttributeType::Scalar(ScalarType::String), &[]),
                attr("age", AttributeType::Scalar(ScalarType::Integer), &[]),
                attr("dtg", AttributeType::Scalar(ScalarType::Date), &[]),
                geom,
            ]
        );
        assert_eq!(spec.user_data("geomesa.fs.scheme"), Some("daily"));
        assert_eq!(
            spec.default_geometry().map(|a| a.name.as_str()),
            Some("geom")
        );
    }

    #[test]
    fn parses_every_type_and_alias() {
        let spec = FeatureTypeSpec::parse(
            "a:String,b:Integer,c:Long,d:Float,e:Double,f:Boolean,g:Date,h:Timestamp,i:UUID,\
             j:Bytes,k:byte[],l:int,m:java.lang.Long,n:0.0f,o:0.0,p:List[Integer],q:List,\
             r:Map[String,Double],s:Map,t:Geometry,u:LineString,v:Polygon,w:MultiPoint,\
             x:MultiLineString,y:MultiPolygon,z:GeometryCollection,aa:Int,ab:bool",
        )
        .unwrap();
        use AttributeType::*;
        use GeometryType as G;
        use ScalarType as S;
        let types: Vec<AttributeType> = spec.attributes.iter().map(|a| a.attribute_type).collect();
        assert_eq!(
            types,
            vec![
                Scalar(S::String),
                Scalar(S::Integer),
                Scalar(S::Long),
                Scalar(S::Float),
                Scalar(S::Double),
                Scalar(S::Boolean),
                Scalar(S::Date),
                Scalar(S::Timestamp),
                Scalar(S::Uuid),
                Scalar(S::Bytes),
                Scalar(S::Bytes),
                Scalar(S::Integer),
                Scalar(S::Long),
                Scalar(S::Float),
                Scalar(S::Double),
                List(S::Integer),
                List(S::String),
                Map(S::String, S::Double),
                Map(S::String, S::String),
                Geometry(G::Geometry),
                Geometry(G::LineString),
                Geometry(G::Polygon),
                Geometry(G::MultiPoint),
                Geometry(G::MultiLineString),
                Geometry(G::MultiPolygon),
                Geometry(G::GeometryCollection),
                Scalar(S::Integer),
                Scalar(S::Boolean),
            ]
        );
    }

    #[test]
    fn options_quotes_and_whitespace() {
        let spec = FeatureTypeSpec::parse(
            " name : String : index = true : note='it\\'s, ok' ,\n *geom:Polygon:srid=4326 ; \
             a.b-c=plain value , quoted=\"x,y\"",
        )
        .unwrap();
        assert_eq!(spec.attributes[0].option("index"), Some("true"));
        assert_eq!(spec.attributes[0].option("note"), Some("it's, ok"));
        assert!(spec.attributes[1].default_geometry);
        assert_eq!(
            spec.user_data,
            vec![
                ("a.b-c".to_string(), "plain value".to_string()),
                ("quoted".to_string(), "x,y".to_string())
            ]
        );
    }

    #[test]
    fn unicode_escapes_decode() {
        let spec = FeatureTypeSpec::parse("a:String;k='\\u00e9\\ud83d\\ude00'").unwrap();
        assert_eq!(spec.user_data("k"), Some("é😀"));
    }

    #[test]
    fn first_geometry_is_default_without_star() {
        let spec = FeatureTypeSpec::parse("a:Point,b:Polygon").unwrap();
        assert_eq!(spec.default_geometry().map(|a| a.name.as_str()), Some("a"));
        let spec = FeatureTypeSpec::parse("a:Point,*b:Polygon").unwrap();
        assert_eq!(spec.default_geometry().map(|a| a.name.as_str()), Some("b"));
    }

    #[test]
    fn empty_spec_and_user_data_only() {
        assert_eq!(
            FeatureTypeSpec::parse("").unwrap(),
            FeatureTypeSpec::default()
        );
        let spec = FeatureTypeSpec::parse(";k=v").unwrap();
        assert!(spec.attributes.is_empty());
        assert_eq!(spec.user_data("k"), Some("v"));
    }

    #[test]
    fn renders_canonically() {
        let spec = FeatureTypeSpec::parse(
            "n:string:index=true,l:List,m:map,*g:Point:srid=4326:note='a b';geomesa.index.dtg=dtg",
        )
        .unwrap();
        assert_eq!(
            spec.to_string(),
            "n:String:index=true,l:List[String],m:Map[String,String],\
             *g:Point:srid=4326:note='a b';geomesa.index.dtg='dtg'"
        );
    }

    #[test]
    fn round_trips() {
        for text in [
            "name:String,age:Integer,dtg:Date,*geom:Point:srid=4326;geomesa.fs.scheme='daily'",
            "a:List[Long]:x='q\\'uote\\\\',b:Map[UUID,Bytes],c:MultiPolygon;k='\\n\\t',j=''",
            "e:String:v='é 😀\\u0001'",
            "",
        ] {
            let spec = FeatureTypeSpec::parse(text).unwrap();
            let rendered = spec.to_string();
            assert_eq!(
                FeatureTypeSpec::parse(&rendered).unwrap(),
                spec,
                "{rendered}"
            );
        }
    }

    fn error(text: &str) -> SpecError {
        FeatureTypeSpec::parse(text).expect_err(text)
    }

    #[test]
    fn unknown_type_names_the_text_and_position() {
        let e = error("name:String,age:Intger");
        assert_eq!(e.position, 16);
        assert_eq!(e.message, "unknown attribute type `Intger`");
        let e = error("name:Stringy");
        assert_eq!(
            (e.position, e.message.as_str()),
            (5, "unknown attribute type `Stringy`")
        );
    }

    #[test]
    fn malformed_specs_give_errors() {
        assert_eq!(
            error("name").message,
            "expected `:` and a type after attribute name `name`, found end of spec"
        );
        assert_eq!(error("a:String,").position, 9);
        assert_eq!(
            error("*a:String").message,
            "`*` marks the default geometry, but `a` is a String"
        );
        assert_eq!(
            error("a:String:srid").message,
            "expected `=` after option `srid`, found end of spec"
        );
        assert_eq!(error("a:String:k=1.5").position, 12);
        assert_eq!(
            error("a:String;k='open").message,
            "unterminated quoted string"
        );
        assert_eq!(error("a:String;k='\\q'").message, "unknown escape `\\q`");
        assert_eq!(
            error("a:String;k='\\u12'").message,
            "`\\u` needs four hex digits"
        );
        assert_eq!(
            error("a:String;k='\\ud83d'").message,
            "unpaired UTF-16 surrogate escape"
        );
        assert_eq!(error("a:List[Point]").position, 7);
        assert_eq!(
            error("a:Map[String]").message,
            "expected `,` between the map's key and value types, found `]`"
        );
        assert_eq!(error("a:String b:Integer").position, 9);
        assert_eq!(
            error("a:String;=v").message,
            "expected a user-data entry `key=value`, found `=`"
        );
        assert_eq!(
            error(":String").message,
            "expected an attribute name, found `:`"
        );
    }

    #[test]
    fn attribute_type_alone() {
        assert_eq!(
            AttributeType::parse("List[Integer]").unwrap(),
            AttributeType::List(ScalarType::Integer)
        );
        assert_eq!(
            AttributeType::parse("Point").unwrap(),
            AttributeType::Geometry(GeometryType::Point)
        );
        assert_eq!(
            AttributeType::parse("Point:srid=4326")
                .unwrap_err()
                .position,
            5
        );
    }
}
