//! GML 2 (2.1.2) and GML 3 (3.1.1) geometries: `st_asGML` and `st_geomFromGML`, read with
//! `quick-xml`.
use geo_traits::{
    GeometryCollectionTrait, GeometryTrait, GeometryType, LineStringTrait, MultiLineStringTrait,
    MultiPointTrait, MultiPolygonTrait, PointTrait, PolygonTrait,
};
use quick_xml::events::{BytesStart, Event};
use quick_xml::XmlVersion;
use wkt::types::{
    Coord, Dimension, GeometryCollection, LineString, MultiLineString, MultiPoint, MultiPolygon,
    Point, Polygon,
};

use crate::codec_support::{
    finish, srid_of_crs_name, standard_form, uniform_z, write_ordinate, Ordinates,
    MAX_NESTING_DEPTH,
};
use crate::{Geo, GeomError, GeometryVisitor};

/// `st_asGML`'s default number of decimal digits, as PostGIS's.
pub const DEFAULT_MAX_DECIMAL_DIGITS: u8 = 15;

/// The GML version `st_asGML` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GmlVersion {
    /// GML 2.1.2: `<gml:coordinates>x,y x,y</gml:coordinates>`, PostGIS's default.
    V2,
    /// GML 3.1.1: `<gml:pos>`/`<gml:posList>` with `srsDimension`, lines as `gml:Curve`,
    /// multi-lines as `gml:MultiCurve`, multi-polygons as `gml:MultiSurface`.
    V3,
}

/// Writes `geometry` as GML the way PostGIS's `ST_AsGML(version, geom, maxdecimaldigits)`
/// writes it with its default options: the `gml:` prefix, `srsName="EPSG:<srid>"` on the outer
/// element unless `srid` is 0, GML 3's `srsDimension` attribute, numbers rounded to
/// `max_decimal_digits` decimal digits (see [`DEFAULT_MAX_DECIMAL_DIGITS`]; PostGIS 3.3 takes a
/// negative count as 0, and so should the caller), Z kept and M dropped.
///
/// An empty geometry gives `None`, as PostGIS returns NULL for it; an empty part of a
/// collection is written as an empty element (`<gml:Point/>`), as PostGIS writes it. NaN and
/// infinite ordinates are refused.
pub fn to_string(
    geometry: &Geo,
    srid: i32,
    version: GmlVersion,
    max_decimal_digits: u8,
) -> Result<Option<String>, GeomError> {
    if geometry.is_empty() {
        return Ok(None);
    }
    let mut out = String::new();
    geometry.visit(Writer {
        out: &mut out,
        srs: (srid != 0).then(|| format!("EPSG:{srid}")),
        version,
        digits: max_decimal_digits,
    })?;
    Ok(Some(out))
}

/// Reads one GML 2 or GML 3 geometry element, appends it to `out` as ISO WKB, and returns the
/// SRID its outer `srsName` names (`EPSG:4326`, `urn:ogc:def:crs:EPSG::4326`,
/// `http://www.opengis.net/gml/srs/epsg.xml#4326`), or `None` without one (PostGIS then gives 0,
/// or the SRID passed to `ST_GeomFromGML`).
///
/// Read: `Point`, `LineString`, `Curve` (its `LineStringSegment`s joined), `Polygon` (GML 2's
/// `outerBoundaryIs`/`innerBoundaryIs` and GML 3's `exterior`/`interior`), `MultiPoint`,
/// `MultiLineString`, `MultiCurve`, `MultiPolygon`, `MultiSurface`, `MultiGeometry` (members one
/// by one or in a `…Members` list), and `Envelope`/`Box` as the polygon of the box.
/// Coordinates as `coordinates` (GML 2's default separators only), `coord`, `pos` or
/// `posList` (with `srsDimension` on it or an enclosing element, else 2). Namespaces and prefixes
/// are ignored: elements are known by their local names, as PostGIS reads GML written without
/// a namespace declaration. An empty element is an empty geometry.
///
/// The geometry keeps Z only if every coordinate has one, as PostGIS reads it. Refused: arc
/// segments and surfaces (`ArcString`, `Surface`, `PolyhedralSurface`, `Tin`), a member's
/// `srsName` that differs from the outer one (PostGIS would transform it), coordinates that are
/// not finite numbers, elements nested deeper than 256 levels or collections deeper than 64,
/// and the checks of WKT and WKB input (closed rings of 4 points or more, lines of 2 or more).
pub fn read(text: &str, out: &mut Vec<u8>) -> Result<Option<i32>, GeomError> {
    let root = parse_xml(text)?;
    let srs_name = root.attribute("srsName");
    let srid = srs_name
        .map(|name| {
            srid_of_crs_name(name)
                .ok_or_else(|| invalid(format!("the srsName '{name}' names no EPSG code")))
        })
        .transpose()?;
    let mut reader = Reader {
        srs_name,
        with_z: 0,
        without_z: 0,
    };
    let geometry = reader.geometry(&root, None, 0)?;
    let keep_z = reader.with_z > 0 && reader.without_z == 0;
    finish(&uniform_z(geometry, keep_z), out)?;
    Ok(srid)
}

fn invalid(reason: String) -> GeomError {
    GeomError::InvalidGml(reason)
}

/// An XML element as the reader needs it: its local name, attributes, children and text.
#[derive(Debug)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    fn new(start: &BytesStart<'_>) -> Result<Element, GeomError> {
        let name = start.local_name().as_ref().to_string();
        let attributes = start
            .attributes()
            .map(|attribute| {
                let attribute = attribute.map_err(|err| invalid(err.to_string()))?;
                let key = attribute.key.local_name().as_ref().to_string();
                let value = attribute
                    .normalized_value(XmlVersion::Implicit1_0)
                    .map_err(|err| invalid(err.to_string()))?;
                Ok((key, value.into_owned()))
            })
            .collect::<Result<_, GeomError>>()?;
        Ok(Element {
            name,
            attributes,
            children: Vec::new(),
            text: String::new(),
        })
    }

    fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }

    fn children_named<'e>(&'e self, names: &'e [&str]) -> impl Iterator<Item = &'e Element> {
        self.children
            .iter()
            .filter(move |child| names.contains(&child.name.as_str()))
    }

    fn child<'e>(&'e self, names: &'e [&str]) -> Option<&'e Element> {
        self.children_named(names).next()
    }
}

/// How deeply elements may nest: a collection nests two levels (the collection and its member
/// property) per level of geometry, a polygon four more.
const MAX_ELEMENT_DEPTH: usize = 4 * MAX_NESTING_DEPTH;

/// Parses the text into its one root element.
fn parse_xml(text: &str) -> Result<Element, GeomError> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut open: Vec<Element> = Vec::new();
    let mut root = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|err| invalid(format!("{err} at byte {}", reader.error_position())))?;
        let complete = match event {
            Event::Start(start) => {
                if root.is_some() {
                    return Err(invalid("more than one root element".into()));
                }
                if open.len() >= MAX_ELEMENT_DEPTH {
                    return Err(invalid(format!(
                        "elements nested deeper than {MAX_ELEMENT_DEPTH} levels"
                    )));
                }
                open.push(Element::new(&start)?);
                continue;
            }
            Event::Empty(start) => {
                if root.is_some() {
                    return Err(invalid("more than one root element".into()));
                }
                Element::new(&start)?
            }
            Event::End(_) => open
                .pop()
                .ok_or_else(|| invalid("an end tag without its start".into()))?,
            Event::Text(text) => {
                let content = text.into_inner();
                match open.last_mut() {
                    Some(element) => element.text.push_str(&content),
                    None if content.trim().is_empty() => {}
                    None => return Err(invalid("text outside the geometry element".into())),
                }
                continue;
            }
            Event::CData(data) => {
                let content = data.into_inner();
                match open.last_mut() {
                    Some(element) => element.text.push_str(&content),
                    None => return Err(invalid("text outside the geometry element".into())),
                }
                continue;
            }
            Event::GeneralRef(_) => {
                return Err(invalid(
                    "entity references are not read in GML geometries".into(),
                ))
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => continue,
            Event::Eof => {
                if !open.is_empty() {
                    return Err(invalid("the text ends inside an element".into()));
                }
                return root.ok_or_else(|| invalid("no geometry element".into()));
            }
        };
        match open.last_mut() {
            Some(parent) => parent.children.push(complete),
            None => root = Some(complete),
        }
    }
}

struct Reader<'t> {
    /// The outer element's `srsName`: members may repeat it, not change it.
    srs_name: Option<&'t str>,
    with_z: usize,
    without_z: usize,
}

const XY: Dimension = Dimension::XY;

impl Reader<'_> {
    /// The geometry of a geometry element. `dimension` is the `srsDimension` of an enclosing
    /// element, if any.
    fn geometry(
        &mut self,
        element: &Element,
        dimension: Option<usize>,
        depth: usize,
    ) -> Result<wkt::Wkt<f64>, GeomError> {
        if let (Some(name), Some(outer)) = (element.attribute("srsName"), self.srs_name) {
            if name != outer {
                return Err(invalid(format!(
                    "a member's srsName '{name}' differs from the geometry's '{outer}'"
                )));
            }
        }
        let dimension = self.dimension(element)?.or(dimension);
        Ok(match element.name.as_str() {
            "Point" => wkt::Wkt::Point(self.point(element, dimension)?),
            "LineString" => {
                wkt::Wkt::LineString(LineString::new(self.coords(element, dimension)?, XY))
            }
            "Curve" => wkt::Wkt::LineString(self.curve(element, dimension)?),
            "Polygon" => wkt::Wkt::Polygon(self.polygon(element, dimension)?),
            "Envelope" | "Box" => wkt::Wkt::Polygon(self.envelope(element, dimension)?),
            "MultiPoint" => wkt::Wkt::MultiPoint(MultiPoint::new(
                self.members(
                    element,
                    &["pointMember", "pointMembers"],
                    |reader, member| match member.name.as_str() {
                        "Point" => reader.point(member, dimension),
                        other => Err(invalid(format!("a {other} in a MultiPoint"))),
                    },
                )?,
                XY,
            )),
            "MultiLineString" | "MultiCurve" => wkt::Wkt::MultiLineString(MultiLineString::new(
                self.members(
                    element,
                    &["lineStringMember", "curveMember", "curveMembers"],
                    |reader, member| match member.name.as_str() {
                        "LineString" => Ok(LineString::new(reader.coords(member, dimension)?, XY)),
                        "Curve" => reader.curve(member, dimension),
                        other => Err(invalid(format!("a {other} in a {}", element.name))),
                    },
                )?,
                XY,
            )),
            "MultiPolygon" | "MultiSurface" => wkt::Wkt::MultiPolygon(MultiPolygon::new(
                self.members(
                    element,
                    &["polygonMember", "surfaceMember", "surfaceMembers"],
                    |reader, member| match member.name.as_str() {
                        "Polygon" => reader.polygon(member, dimension),
                        other => Err(invalid(format!("a {other} in a {}", element.name))),
                    },
                )?,
                XY,
            )),
            "MultiGeometry" => {
                if depth >= MAX_NESTING_DEPTH {
                    return Err(invalid(format!(
                        "collections nested deeper than {MAX_NESTING_DEPTH} levels"
                    )));
                }
                wkt::Wkt::GeometryCollection(GeometryCollection::new(
                    self.members(
                        element,
                        &["geometryMember", "geometryMembers"],
                        |reader, member| reader.geometry(member, dimension, depth + 1),
                    )?,
                    XY,
                ))
            }
            other => return Err(invalid(format!("'{other}' is not a geometry GML reads"))),
        })
    }

    /// The `srsDimension` of an element, if it has one.
    fn dimension(&self, element: &Element) -> Result<Option<usize>, GeomError> {
        element
            .attribute("srsDimension")
            .map(|value| match value.trim().parse() {
                Ok(dimension @ 2..=3) => Ok(dimension),
                _ => Err(invalid(format!("srsDimension '{value}' is not 2 or 3"))),
            })
            .transpose()
    }

    /// Each member geometry of a collection element, read by `member`.
    fn members<T>(
        &mut self,
        element: &Element,
        properties: &[&str],
        mut member: impl FnMut(&mut Self, &Element) -> Result<T, GeomError>,
    ) -> Result<Vec<T>, GeomError> {
        let mut members = Vec::new();
        for property in element.children_named(properties) {
            for geometry in &property.children {
                members.push(member(self, geometry)?);
            }
        }
        Ok(members)
    }

    fn point(
        &mut self,
        element: &Element,
        dimension: Option<usize>,
    ) -> Result<Point<f64>, GeomError> {
        let mut coords = self.coords(element, dimension)?;
        match coords.len() {
            0 => Ok(Point::empty(XY)),
            1 => Ok(Point::new(coords.pop(), XY)),
            n => Err(invalid(format!("a Point with {n} coordinates"))),
        }
    }

    /// A `Curve`: its line segments joined, each segment's first point dropped where it
    /// repeats the previous segment's last.
    fn curve(
        &mut self,
        element: &Element,
        dimension: Option<usize>,
    ) -> Result<LineString<f64>, GeomError> {
        let mut coords: Vec<Coord<f64>> = Vec::new();
        for segments in element.children_named(&["segments"]) {
            for segment in &segments.children {
                if segment.name != "LineStringSegment" {
                    return Err(invalid(format!("{} segments are not read", segment.name)));
                }
                let dimension = self.dimension(segment)?.or(dimension);
                let mut segment_coords = self.coords(segment, dimension)?.into_iter();
                if let (Some(last), Some(first)) =
                    (coords.last(), segment_coords.as_slice().first())
                {
                    if last == first {
                        segment_coords.next();
                    }
                }
                coords.extend(segment_coords);
            }
        }
        Ok(LineString::new(coords, XY))
    }

    fn polygon(
        &mut self,
        element: &Element,
        dimension: Option<usize>,
    ) -> Result<Polygon<f64>, GeomError> {
        let ring = |reader: &mut Self, boundary: &Element| {
            let ring = boundary
                .child(&["LinearRing"])
                .ok_or_else(|| invalid(format!("a {} without a LinearRing", boundary.name)))?;
            let dimension = reader.dimension(ring)?.or(dimension);
            Ok::<_, GeomError>(LineString::new(reader.coords(ring, dimension)?, XY))
        };
        let mut rings = Vec::new();
        if let Some(shell) = element.child(&["exterior", "outerBoundaryIs"]) {
            rings.push(ring(self, shell)?);
        }
        for hole in element.children_named(&["interior", "innerBoundaryIs"]) {
            if rings.is_empty() {
                return Err(invalid("a Polygon with holes but no exterior".into()));
            }
            rings.push(ring(self, hole)?);
        }
        Ok(Polygon::new(rings, XY))
    }

    /// A GML 3 `Envelope` (`lowerCorner`, `upperCorner`) or GML 2 `Box` (two coordinates) as
    /// the polygon of the box, in PostGIS's vertex order; an empty one as an empty polygon.
    fn envelope(
        &mut self,
        element: &Element,
        dimension: Option<usize>,
    ) -> Result<Polygon<f64>, GeomError> {
        // The box is drawn in 2D whatever its corners hold: they count for nothing in the
        // decision to keep Z, its five vertices as coordinates without Z.
        let counts = (self.with_z, self.without_z);
        let corners = match (
            element.child(&["lowerCorner"]),
            element.child(&["upperCorner"]),
        ) {
            (Some(lower), Some(upper)) => {
                let mut corners = self.numbers_as_coords(lower, dimension)?;
                corners.extend(self.numbers_as_coords(upper, dimension)?);
                corners
            }
            (None, None) => self.coords(element, dimension)?,
            _ => {
                return Err(invalid(format!(
                    "an {} needs both a lowerCorner and an upperCorner",
                    element.name
                )))
            }
        };
        match corners.as_slice() {
            [] => Ok(Polygon::empty(XY)),
            [lower, upper] => {
                let rect = geo::Rect::new(
                    geo::Coord {
                        x: lower.x,
                        y: lower.y,
                    },
                    geo::Coord {
                        x: upper.x,
                        y: upper.y,
                    },
                );
                let ring = crate::value::rect_polygon(&rect)
                    .exterior()
                    .coords()
                    .map(|c| Coord {
                        x: c.x,
                        y: c.y,
                        z: None,
                        m: None,
                    })
                    .collect();
                (self.with_z, self.without_z) = (counts.0, counts.1 + 5);
                Ok(Polygon::new(vec![LineString::new(ring, XY)], XY))
            }
            other => Err(invalid(format!(
                "an {} needs 2 corners, got {}",
                element.name,
                other.len()
            ))),
        }
    }

    /// The coordinates an element holds in its `coordinates`, `coord`s, `pos`s or `posList`.
    fn coords(
        &mut self,
        element: &Element,
        dimension: Option<usize>,
    ) -> Result<Vec<Coord<f64>>, GeomError> {
        if let Some(list) = element.child(&["coordinates"]) {
            return self.coordinates(list);
        }
        if let Some(list) = element.child(&["posList"]) {
            let dimension = self.dimension(list)?.or(dimension).unwrap_or(2);
            let numbers = numbers(&list.text)?;
            if numbers.len() % dimension != 0 {
                return Err(invalid(format!(
                    "a posList of {} numbers in {dimension} dimensions",
                    numbers.len()
                )));
            }
            return numbers
                .chunks_exact(dimension)
                .map(|ordinates| self.coord(ordinates))
                .collect();
        }
        let mut coords = Vec::new();
        for child in &element.children {
            match child.name.as_str() {
                "pos" => coords.extend(self.numbers_as_coords(child, dimension)?),
                "coord" => {
                    let ordinate = |name: &str| {
                        child
                            .child(&[name])
                            .map(|value| number(value.text.trim()))
                            .transpose()
                    };
                    let ordinates: Vec<f64> = [ordinate("X")?, ordinate("Y")?, ordinate("Z")?]
                        .into_iter()
                        .flatten()
                        .collect();
                    coords.push(self.coord(&ordinates)?);
                }
                _ => {}
            }
        }
        Ok(coords)
    }

    /// The one coordinate of a `pos`, `lowerCorner` or `upperCorner`: its numbers in the
    /// `srsDimension` given, or all of them.
    fn numbers_as_coords(
        &mut self,
        element: &Element,
        dimension: Option<usize>,
    ) -> Result<Vec<Coord<f64>>, GeomError> {
        let numbers = numbers(&element.text)?;
        if numbers.is_empty() {
            return Ok(Vec::new());
        }
        match self.dimension(element)?.or(dimension) {
            Some(dimension) if dimension != numbers.len() => Err(invalid(format!(
                "a {} of {} numbers in {dimension} dimensions",
                element.name,
                numbers.len()
            ))),
            _ => Ok(vec![self.coord(&numbers)?]),
        }
    }

    /// GML 2's `x,y[,z] x,y[,z] …`, with its default separators.
    fn coordinates(&mut self, list: &Element) -> Result<Vec<Coord<f64>>, GeomError> {
        for (attribute, default) in [("cs", ","), ("ts", " "), ("decimal", ".")] {
            if list
                .attribute(attribute)
                .is_some_and(|value| value != default)
            {
                return Err(invalid(format!(
                    "coordinates with a {attribute} other than '{default}' are not read"
                )));
            }
        }
        list.text
            .split_whitespace()
            .map(|tuple| {
                let ordinates = tuple
                    .split(',')
                    .map(number)
                    .collect::<Result<Vec<_>, _>>()?;
                self.coord(&ordinates)
            })
            .collect()
    }

    fn coord(&mut self, ordinates: &[f64]) -> Result<Coord<f64>, GeomError> {
        match *ordinates {
            [x, y] => {
                self.without_z += 1;
                Ok(Coord {
                    x,
                    y,
                    z: None,
                    m: None,
                })
            }
            [x, y, z] => {
                self.with_z += 1;
                Ok(Coord {
                    x,
                    y,
                    z: Some(z),
                    m: None,
                })
            }
            _ => Err(invalid(format!(
                "a coordinate needs 2 or 3 numbers, got {}",
                ordinates.len()
            ))),
        }
    }
}

fn numbers(text: &str) -> Result<Vec<f64>, GeomError> {
    text.split_whitespace().map(number).collect()
}

fn number(text: &str) -> Result<f64, GeomError> {
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        _ => Err(invalid(format!("'{text}' is not a finite number"))),
    }
}

struct Writer<'o> {
    out: &'o mut String,
    srs: Option<String>,
    version: GmlVersion,
    digits: u8,
}

impl GeometryVisitor for Writer<'_> {
    type Output = Result<(), GeomError>;
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Self::Output {
        let mut writer = GmlWriter {
            out: self.out,
            version: self.version,
            digits: self.digits,
        };
        writer.geometry(geometry, self.srs.as_deref())
    }
}

struct GmlWriter<'o> {
    out: &'o mut String,
    version: GmlVersion,
    digits: u8,
}

impl GmlWriter<'_> {
    /// Opens `<gml:name srsName="…"`, closing it as an empty element and returning false when
    /// `empty`.
    fn open(&mut self, name: &str, srs: Option<&str>, empty: bool) -> bool {
        self.out.push_str("<gml:");
        self.out.push_str(name);
        if let Some(srs) = srs {
            self.out.push_str(" srsName=\"");
            self.out.push_str(srs);
            self.out.push('"');
        }
        self.out.push_str(if empty { "/>" } else { ">" });
        !empty
    }

    fn close(&mut self, name: &str) {
        self.out.push_str("</gml:");
        self.out.push_str(name);
        self.out.push('>');
    }

    fn geometry<G: GeometryTrait<T = f64>>(
        &mut self,
        geometry: &G,
        srs: Option<&str>,
    ) -> Result<(), GeomError> {
        if let Some(standard) = standard_form(geometry) {
            return self.geometry(&standard, srs);
        }
        let v3 = self.version == GmlVersion::V3;
        match geometry.as_type() {
            GeometryType::Point(point) => {
                if self.open("Point", srs, point.coord().is_none()) {
                    self.coordinate_list(point.coord().into_iter(), "pos")?;
                    self.close("Point");
                }
            }
            GeometryType::LineString(line) => self.line(line, srs)?,
            GeometryType::Polygon(polygon) => self.polygon(polygon, srs)?,
            GeometryType::MultiPoint(points) => {
                self.collection("MultiPoint", "pointMember", srs, points.points(), |w, p| {
                    w.geometry(&p, None)
                })?
            }
            GeometryType::MultiLineString(lines) => {
                let (name, member) = if v3 {
                    ("MultiCurve", "curveMember")
                } else {
                    ("MultiLineString", "lineStringMember")
                };
                self.collection(name, member, srs, lines.line_strings(), |w, l| {
                    w.line(&l, None)
                })?
            }
            GeometryType::MultiPolygon(polygons) => {
                let (name, member) = if v3 {
                    ("MultiSurface", "surfaceMember")
                } else {
                    ("MultiPolygon", "polygonMember")
                };
                self.collection(name, member, srs, polygons.polygons(), |w, p| {
                    w.polygon(&p, None)
                })?
            }
            GeometryType::GeometryCollection(parts) => self.collection(
                "MultiGeometry",
                "geometryMember",
                srs,
                parts.geometries(),
                |w, part| w.geometry(&part, None),
            )?,
            GeometryType::Rect(_) | GeometryType::Triangle(_) | GeometryType::Line(_) => {
                unreachable!("standard_form converts rectangles, triangles and lines")
            }
        }
        Ok(())
    }

    fn collection<T>(
        &mut self,
        name: &str,
        member: &str,
        srs: Option<&str>,
        members: impl ExactSizeIterator<Item = T>,
        mut write: impl FnMut(&mut Self, T) -> Result<(), GeomError>,
    ) -> Result<(), GeomError> {
        if self.open(name, srs, members.len() == 0) {
            for item in members {
                self.open(member, None, false);
                write(self, item)?;
                self.close(member);
            }
            self.close(name);
        }
        Ok(())
    }

    fn line(
        &mut self,
        line: &impl LineStringTrait<T = f64>,
        srs: Option<&str>,
    ) -> Result<(), GeomError> {
        let empty = line.num_coords() == 0;
        match self.version {
            GmlVersion::V2 => {
                if self.open("LineString", srs, empty) {
                    self.coordinate_list(line.coords(), "posList")?;
                    self.close("LineString");
                }
            }
            GmlVersion::V3 => {
                if self.open("Curve", srs, empty) {
                    self.out.push_str("<gml:segments><gml:LineStringSegment>");
                    self.coordinate_list(line.coords(), "posList")?;
                    self.out.push_str("</gml:LineStringSegment></gml:segments>");
                    self.close("Curve");
                }
            }
        }
        Ok(())
    }

    fn polygon(
        &mut self,
        polygon: &impl PolygonTrait<T = f64>,
        srs: Option<&str>,
    ) -> Result<(), GeomError> {
        let Some(shell) = polygon.exterior() else {
            self.open("Polygon", srs, true);
            return Ok(());
        };
        let (outer, inner) = match self.version {
            GmlVersion::V2 => ("outerBoundaryIs", "innerBoundaryIs"),
            GmlVersion::V3 => ("exterior", "interior"),
        };
        self.open("Polygon", srs, false);
        for (boundary, ring) in
            std::iter::once((outer, shell)).chain(polygon.interiors().map(|ring| (inner, ring)))
        {
            self.open(boundary, None, false);
            self.out.push_str("<gml:LinearRing>");
            self.coordinate_list(ring.coords(), "posList")?;
            self.out.push_str("</gml:LinearRing>");
            self.close(boundary);
        }
        self.close("Polygon");
        Ok(())
    }

    /// GML 2's `<gml:coordinates>x,y x,y</gml:coordinates>`, or GML 3's
    /// `<gml:pos srsDimension="2">x y</gml:pos>` (`element` is `pos` or `posList`).
    fn coordinate_list<C: geo_traits::CoordTrait<T = f64>>(
        &mut self,
        coords: impl Iterator<Item = C>,
        element: &str,
    ) -> Result<(), GeomError> {
        let mut coords = coords.map(|c| Ordinates::of(&c)).peekable();
        let has_z = coords.peek().is_some_and(|c| c.z.is_some());
        let (separator, element) = match self.version {
            GmlVersion::V2 => (',', "coordinates"),
            GmlVersion::V3 => (' ', element),
        };
        self.out.push_str("<gml:");
        self.out.push_str(element);
        if self.version == GmlVersion::V3 {
            self.out.push_str(if has_z {
                " srsDimension=\"3\">"
            } else {
                " srsDimension=\"2\">"
            });
        } else {
            self.out.push('>');
        }
        for (i, ordinates) in coords.enumerate() {
            if i > 0 {
                self.out.push(' ');
            }
            write_ordinate(self.out, ordinates.x, self.digits, "GML")?;
            self.out.push(separator);
            write_ordinate(self.out, ordinates.y, self.digits, "GML")?;
            if let Some(z) = ordinates.z {
                self.out.push(separator);
                write_ordinate(self.out, z, self.digits, "GML")?;
            }
        }
        self.close(element);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    fn read_wkb(text: &str) -> Result<(Option<i32>, Vec<u8>), GeomError> {
        let mut out = Vec::new();
        read(text, &mut out).map(|srid| (srid, out))
    }

    /// PostGIS's example (https://postgis.net/docs/ST_AsGML.html): `ST_AsGML` of
    /// `POLYGON((0 0,0 1,1 1,1 0,0 0))` with SRID 4326.
    #[test]
    fn writes_gml2_as_postgis_does() {
        let polygon = wkb("POLYGON((0 0,0 1,1 1,1 0,0 0))");
        assert_eq!(
            to_string(
                &geo(&polygon),
                4326,
                GmlVersion::V2,
                DEFAULT_MAX_DECIMAL_DIGITS
            )
            .unwrap(),
            Some(
                "<gml:Polygon srsName=\"EPSG:4326\"><gml:outerBoundaryIs><gml:LinearRing>\
                 <gml:coordinates>0,0 0,1 1,1 1,0 0,0</gml:coordinates></gml:LinearRing>\
                 </gml:outerBoundaryIs></gml:Polygon>"
                    .into()
            )
        );
    }

    /// The element shapes of PostGIS's GML writers (liblwgeom `lwout_gml.c`: GML 3 lines as
    /// `Curve`, multi-lines as `MultiCurve`, multi-polygons as `MultiSurface`, `srsDimension` on
    /// every `pos` and `posList`, empty members as empty elements), with numbers rounded as in
    /// PostGIS's `ST_AsGML(3, 'POINT(5.234234233242 6.34534534534)', 5)` example
    /// (`5.23423 6.34535`).
    #[test]
    fn writes_gml3_as_postgis_does() {
        for (wkt, srid, digits, expected) in [
            (
                "POINT(5.234234233242 6.34534534534)",
                4326,
                5,
                "<gml:Point srsName=\"EPSG:4326\"><gml:pos srsDimension=\"2\">5.23423 6.34535</gml:pos></gml:Point>",
            ),
            (
                "LINESTRING Z (1 2 3,4 5 6)",
                0,
                15,
                "<gml:Curve><gml:segments><gml:LineStringSegment><gml:posList srsDimension=\"3\">1 2 3 4 5 6</gml:posList></gml:LineStringSegment></gml:segments></gml:Curve>",
            ),
            (
                "POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))",
                0,
                15,
                "<gml:Polygon><gml:exterior><gml:LinearRing><gml:posList srsDimension=\"2\">0 0 4 0 4 4 0 4 0 0</gml:posList></gml:LinearRing></gml:exterior><gml:interior><gml:LinearRing><gml:posList srsDimension=\"2\">1 1 2 1 2 2 1 1</gml:posList></gml:LinearRing></gml:interior></gml:Polygon>",
            ),
            (
                "MULTILINESTRING((0 0,1 1),EMPTY)",
                0,
                15,
                "<gml:MultiCurve><gml:curveMember><gml:Curve><gml:segments><gml:LineStringSegment><gml:posList srsDimension=\"2\">0 0 1 1</gml:posList></gml:LineStringSegment></gml:segments></gml:Curve></gml:curveMember><gml:curveMember><gml:Curve/></gml:curveMember></gml:MultiCurve>",
            ),
            (
                "MULTIPOLYGON(((0 0,1 0,1 1,0 0)))",
                3857,
                15,
                "<gml:MultiSurface srsName=\"EPSG:3857\"><gml:surfaceMember><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList srsDimension=\"2\">0 0 1 0 1 1 0 0</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember></gml:MultiSurface>",
            ),
            (
                "GEOMETRYCOLLECTION(POINT(1 2),POINT EMPTY)",
                0,
                15,
                "<gml:MultiGeometry><gml:geometryMember><gml:Point><gml:pos srsDimension=\"2\">1 2</gml:pos></gml:Point></gml:geometryMember><gml:geometryMember><gml:Point/></gml:geometryMember></gml:MultiGeometry>",
            ),
        ] {
            let text = to_string(&geo(&wkb(wkt)), srid, GmlVersion::V3, digits).unwrap();
            assert_eq!(text.as_deref(), Some(expected), "{wkt}");
        }
        // An empty geometry has no GML: PostGIS returns NULL.
        for version in [GmlVersion::V2, GmlVersion::V3] {
            assert_eq!(
                to_string(
                    &geo(&wkb("GEOMETRYCOLLECTION(POINT EMPTY)")),
                    0,
                    version,
                    15
                ),
                Ok(None)
            );
        }
    }

    /// A GML 2 line with an SRID from PostGIS's examples of `ST_GeomFromGML`
    /// (https://postgis.net/docs/ST_GeomFromGML.html), and a namespaced GML 3 polygon with a
    /// URN srsName and `srsDimension`.
    #[test]
    fn reads_postgis_examples() {
        let line = r#"<gml:LineString srsName="EPSG:4269">
            <gml:coordinates>
                -71.16028,42.258729 -71.160837,42.259112 -71.161143,42.25932
            </gml:coordinates>
        </gml:LineString>"#;
        assert_eq!(
            read_wkb(line),
            Ok((
                Some(4269),
                wkb("LINESTRING(-71.16028 42.258729,-71.160837 42.259112,-71.161143 42.25932)")
            ))
        );
        let polygon = r#"<gml:Polygon xmlns:gml="http://www.opengis.net/gml" srsName="urn:ogc:def:crs:EPSG::4326">
            <gml:exterior><gml:LinearRing>
              <gml:posList srsDimension="3">0 0 1 1 0 1 1 1 1 0 0 1</gml:posList>
            </gml:LinearRing></gml:exterior></gml:Polygon>"#;
        assert_eq!(
            read_wkb(polygon),
            Ok((Some(4326), wkb("POLYGON Z ((0 0 1,1 0 1,1 1 1,0 0 1))")))
        );
    }

    #[test]
    fn reads_every_form_gml_gives_coordinates_in() {
        for (text, wkt) in [
            (
                "<Point><coord><X>1</X><Y>2</Y></coord></Point>",
                "POINT(1 2)",
            ),
            ("<gml:Point><gml:pos>1 2 3</gml:pos></gml:Point>", "POINT Z (1 2 3)"),
            ("<gml:Point/>", "POINT EMPTY"),
            (
                "<gml:LineString><gml:pos>0 0</gml:pos><gml:pos>1 1</gml:pos></gml:LineString>",
                "LINESTRING(0 0,1 1)",
            ),
            (
                "<gml:Curve><gml:segments><gml:LineStringSegment><gml:posList>0 0 1 1</gml:posList></gml:LineStringSegment><gml:LineStringSegment><gml:posList>1 1 2 0</gml:posList></gml:LineStringSegment></gml:segments></gml:Curve>",
                "LINESTRING(0 0,1 1,2 0)",
            ),
            (
                "<gml:MultiPoint><gml:pointMembers><gml:Point><gml:pos>1 2</gml:pos></gml:Point><gml:Point><gml:pos>3 4</gml:pos></gml:Point></gml:pointMembers></gml:MultiPoint>",
                "MULTIPOINT((1 2),(3 4))",
            ),
            (
                "<gml:MultiCurve><gml:curveMember><gml:LineString><gml:posList>0 0 1 1</gml:posList></gml:LineString></gml:curveMember></gml:MultiCurve>",
                "MULTILINESTRING((0 0,1 1))",
            ),
            (
                "<gml:MultiPolygon><gml:polygonMember><gml:Polygon><gml:outerBoundaryIs><gml:LinearRing><gml:coordinates>0,0 1,0 1,1 0,0</gml:coordinates></gml:LinearRing></gml:outerBoundaryIs></gml:Polygon></gml:polygonMember></gml:MultiPolygon>",
                "MULTIPOLYGON(((0 0,1 0,1 1,0 0)))",
            ),
            (
                "<gml:Envelope><gml:lowerCorner>0 1</gml:lowerCorner><gml:upperCorner>2 3</gml:upperCorner></gml:Envelope>",
                "POLYGON((0 1,0 3,2 3,2 1,0 1))",
            ),
            (
                "<gml:Box><gml:coordinates>0,1 2,3</gml:coordinates></gml:Box>",
                "POLYGON((0 1,0 3,2 3,2 1,0 1))",
            ),
            (
                "<gml:MultiGeometry srsDimension=\"3\"><gml:geometryMember><gml:LineString><gml:posList>0 0 0 1 1 1</gml:posList></gml:LineString></gml:geometryMember><gml:geometryMember><gml:MultiGeometry/></gml:geometryMember></gml:MultiGeometry>",
                "GEOMETRYCOLLECTION Z (LINESTRING Z (0 0 0,1 1 1),GEOMETRYCOLLECTION Z EMPTY)",
            ),
            // Z is kept only when every coordinate has one, as PostGIS reads GML.
            (
                "<gml:LineString><gml:coordinates>0,0,5 1,1</gml:coordinates></gml:LineString>",
                "LINESTRING(0 0,1 1)",
            ),
            (
                "<?xml version=\"1.0\"?><!-- a comment --><gml:Point><gml:pos><![CDATA[1 2]]></gml:pos></gml:Point>",
                "POINT(1 2)",
            ),
        ] {
            assert_eq!(read_wkb(text), Ok((None, wkb(wkt))), "{text}");
        }
    }

    #[test]
    fn what_is_written_reads_back() {
        for wkt in [
            "POINT(1 2)",
            "POINT Z (1 2 3)",
            "LINESTRING(0 0,1 1.5,2 0)",
            "POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))",
            "MULTIPOINT((1 2),(3 4))",
            "MULTILINESTRING((0 0,1 1),(2 2,3 3))",
            "MULTIPOLYGON Z (((0 0 1,1 0 2,1 1 3,0 0 1)))",
            "GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1),GEOMETRYCOLLECTION(POINT(3 4)))",
            "GEOMETRYCOLLECTION(POINT(1 2),POINT EMPTY,POLYGON EMPTY)",
        ] {
            let bytes = wkb(wkt);
            for version in [GmlVersion::V2, GmlVersion::V3] {
                let text = to_string(&geo(&bytes), 4326, version, 15).unwrap().unwrap();
                assert_eq!(read_wkb(&text), Ok((Some(4326), bytes.clone())), "{text}");
            }
        }
    }

    #[test]
    fn malformed_gml_is_an_error() {
        for text in [
            "",
            "not xml",
            "<gml:Point>",
            "<gml:Point></gml:Line>",
            "<gml:Point/><gml:Point/>",
            "<gml:Triangle/>",
            "<gml:Point><gml:pos>1</gml:pos></gml:Point>",
            "<gml:Point><gml:pos>1 x</gml:pos></gml:Point>",
            "<gml:Point><gml:pos>NaN 1</gml:pos></gml:Point>",
            "<gml:Point><gml:pos>1 2</gml:pos><gml:pos>3 4</gml:pos></gml:Point>",
            "<gml:Point srsName=\"CRS:84\"><gml:pos>1 2</gml:pos></gml:Point>",
            "<gml:LineString><gml:posList srsDimension=\"3\">0 0 0 1</gml:posList></gml:LineString>",
            "<gml:LineString><gml:posList srsDimension=\"4\">0 0 0 1</gml:posList></gml:LineString>",
            "<gml:LineString><gml:coordinates cs=\";\">0;0 1;1</gml:coordinates></gml:LineString>",
            "<gml:Polygon><gml:interior><gml:LinearRing><gml:posList>0 0 1 0 1 1 0 0</gml:posList></gml:LinearRing></gml:interior></gml:Polygon>",
            "<gml:MultiPoint><gml:pointMember><gml:LineString/></gml:pointMember></gml:MultiPoint>",
            "<gml:MultiGeometry srsName=\"EPSG:4326\"><gml:geometryMember><gml:Point srsName=\"EPSG:3857\"/></gml:geometryMember></gml:MultiGeometry>",
            "<gml:Point><gml:pos>1 &amp; 2</gml:pos></gml:Point>",
            "<gml:Envelope><gml:lowerCorner>0 1</gml:lowerCorner></gml:Envelope>",
        ] {
            assert!(
                matches!(read_wkb(text), Err(GeomError::InvalidGml(_))),
                "{text}: {:?}",
                read_wkb(text)
            );
        }
        assert_eq!(
            read_wkb("<gml:LineString><gml:posList>0 0</gml:posList></gml:LineString>"),
            Err(GeomError::InvalidGeometry(
                "a line string needs at least 2 points, got 1".into()
            ))
        );
        let deep = format!(
            "{}<gml:Point/>{}",
            "<gml:MultiGeometry><gml:geometryMember>".repeat(100_000),
            "</gml:geometryMember></gml:MultiGeometry>".repeat(100_000)
        );
        assert!(matches!(read_wkb(&deep), Err(GeomError::InvalidGml(_))));
    }
}
