//! Transformation of WKB read in place (through `strabo_geom::Geo`), Z and M kept.
use geo::Coord;
use geo_traits::GeometryTrait;
use strabo_crs::Transform;
use strabo_geom::{wkt_codec, Geo, GeomError, GeometryVisitor};

/// How the executor would call it: a visitor over the WKB as read in place.
struct Transformed<'a>(&'a Transform);

impl GeometryVisitor for Transformed<'_> {
    type Output = Result<wkt::Wkt<f64>, GeomError>;
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Self::Output {
        self.0.transform_keeping_zm(geometry)
    }
}

/// WKT in, WKT out, through ISO WKB on both sides.
fn transformed(transform: &Transform, text: &str) -> Result<String, GeomError> {
    let mut wkb = Vec::new();
    strabo_geom::write_wkb(&wkt_codec::parse(text).unwrap(), &mut wkb);
    let result = Geo::read(&wkb)?.visit(Transformed(transform))?;
    let mut out = Vec::new();
    strabo_geom::write_wkb(&result, &mut out);
    Ok(wkt_codec::to_string(&Geo::read(&out)?))
}

/// x/y of a WGS 84 longitude/latitude in Web Mercator, as the 2D path gives them.
fn mercator(transform: &Transform, x: f64, y: f64) -> String {
    let c = transform.transform_coord(Coord { x, y }).unwrap();
    format!("{} {}", c.x, c.y)
}

#[test]
fn z_and_m_are_kept() {
    let t = Transform::between(4326, 3857).unwrap();
    let (a, b, c) = (
        mercator(&t, 2.0, 50.0),
        mercator(&t, 3.0, 51.0),
        mercator(&t, 2.0, 51.0),
    );
    for (input, expected) in [
        ("POINT ZM (2 50 100 7)", format!("POINT ZM({a} 100 7)")),
        ("POINT Z (2 50 100)", format!("POINT Z({a} 100)")),
        ("POINT M (2 50 7)", format!("POINT M({a} 7)")),
        (
            "LINESTRING Z (2 50 1, 3 51 2)",
            format!("LINESTRING Z({a} 1,{b} 2)"),
        ),
        (
            "POLYGON Z ((2 50 1, 3 51 2, 2 51 3, 2 50 1))",
            format!("POLYGON Z(({a} 1,{b} 2,{c} 3,{a} 1))"),
        ),
        (
            "MULTIPOLYGON M (((2 50 1, 3 51 2, 2 51 3, 2 50 1)))",
            format!("MULTIPOLYGON M((({a} 1,{b} 2,{c} 3,{a} 1)))"),
        ),
        (
            "GEOMETRYCOLLECTION Z (POINT Z (2 50 9), LINESTRING Z EMPTY)",
            format!("GEOMETRYCOLLECTION Z(POINT Z({a} 9),LINESTRING Z EMPTY)"),
        ),
        ("POINT EMPTY", "POINT EMPTY".to_string()),
        ("MULTIPOINT EMPTY", "MULTIPOINT EMPTY".to_string()),
    ] {
        assert_eq!(transformed(&t, input).unwrap(), expected, "{input}");
    }
}

#[test]
fn errors_name_the_vertex() {
    let t = Transform::between(4326, 3857).unwrap();
    let error = transformed(&t, "LINESTRING Z (0 0 0, 0 95 5)").unwrap_err();
    assert!(
        matches!(&error, GeomError::InvalidParameter(m) if m.starts_with("cannot transform POINT(0 95)")),
        "{error:?}"
    );
}

#[test]
fn the_2d_shapes_of_geo_become_polygons() {
    let t = Transform::between(4326, 3857).unwrap();
    let rect = geo::Rect::new(Coord { x: 2.0, y: 50.0 }, Coord { x: 3.0, y: 51.0 });
    let wkt::Wkt::Polygon(polygon) = t.transform_keeping_zm(&rect).unwrap() else {
        panic!("not a polygon")
    };
    let mut out = Vec::new();
    strabo_geom::write_wkb(&polygon, &mut out);
    let text = wkt_codec::to_string(&Geo::read(&out).unwrap());
    let corner = |x, y| mercator(&t, x, y);
    assert_eq!(
        text,
        format!(
            "POLYGON(({},{},{},{},{}))",
            corner(2.0, 50.0),
            corner(2.0, 51.0),
            corner(3.0, 51.0),
            corner(3.0, 50.0),
            corner(2.0, 50.0)
        )
    );
}
