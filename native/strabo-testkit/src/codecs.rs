//! Round trips of the geometry codecs that read text or bytes from users (GeoJSON, EWKT, EWKB,
//! GML), one check per fuzz target. Bad input must be an error of the codec's kind; what reads
//! must be WKB that [`Geo::read`] accepts, and writing it and reading it back must give the
//! same geometry and SRID. GeoJSON and GML round their numbers, so for them the geometry read
//! back once is a fixed point: written and read again, it does not change.
use geo_traits::GeometryTrait;
use strabo_geom::gml::GmlVersion;
use strabo_geom::{ewkb, ewkt, geojson, gml, Geo, GeomError, GeometryVisitor};

/// An error a reader may give for bad input: anything but a bug.
fn is_input_error(error: &GeomError) -> bool {
    matches!(
        error,
        GeomError::InvalidWkb(_)
            | GeomError::InvalidWkt(_)
            | GeomError::InvalidGeoJson(_)
            | GeomError::InvalidGml(_)
            | GeomError::InvalidGeometry(_)
    )
}

/// Reads with `read`; `Ok(None)` for input it refuses as bad input.
fn read_input<S>(
    what: &str,
    read: impl FnOnce(&mut Vec<u8>) -> Result<S, GeomError>,
) -> Result<Option<(S, Vec<u8>)>, String> {
    let mut wkb = Vec::new();
    match read(&mut wkb) {
        Ok(srid) => {
            Geo::read(&wkb).map_err(|e| format!("{what}: the WKB it read is refused: {e}"))?;
            Ok(Some((srid, wkb)))
        }
        Err(error) if is_input_error(&error) => Ok(None),
        Err(error) => Err(format!(
            "{what}: refused with an error of the wrong kind: {error}"
        )),
    }
}

/// EWKB bytes, as `st_geomFromEWKB` takes them.
pub fn check_ewkb(data: &[u8]) -> Result<(), String> {
    let what = || format!("EWKB {data:02X?}");
    let Some((srid, wkb)) = read_input(&what(), |out| ewkb::read(data, out))? else {
        return Ok(());
    };
    let mut written = Vec::new();
    ewkb::write(
        &Geo::read(&wkb).map_err(|e| e.to_string())?,
        srid,
        &mut written,
    );
    let mut again = Vec::new();
    let srid_again = ewkb::read(&written, &mut again).map_err(|e| {
        format!(
            "{}: its EWKB {written:02X?} does not read back: {e}",
            what()
        )
    })?;
    if srid_again != srid || (again != wkb && rewritten(&again)? != rewritten(&wkb)?) {
        return Err(format!(
            "{}: SRID {srid} and WKB {wkb:02X?} come back as SRID {srid_again} and {again:02X?}",
            what()
        ));
    }
    Ok(())
}

/// WKB as the WKB writer writes it again: an empty point's NaN coordinates become the
/// canonical NaN whatever their payload bits were (the EWKB writer writes an empty point so).
fn rewritten(wkb: &[u8]) -> Result<Vec<u8>, String> {
    struct Rewrite<'o>(&'o mut Vec<u8>);
    impl GeometryVisitor for Rewrite<'_> {
        type Output = ();
        fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) {
            strabo_geom::write_wkb(geometry, self.0)
        }
    }
    let mut out = Vec::new();
    Geo::read(wkb)
        .map_err(|e| e.to_string())?
        .visit(Rewrite(&mut out));
    Ok(out)
}

/// EWKT text (the bytes as UTF-8, lossily), as `st_geomFromEWKT` takes it. Exempt: a NaN or
/// infinite ordinate, written as `NaN`/`inf`, which the WKT reader does not read
/// (docs/reliability.md); a geometry holding an empty member or ring, which has no WKT; and the
/// Z of a geometry without coordinates, which PostGIS's EWKT does not spell (`POINT EMPTY`).
pub fn check_ewkt(data: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(data);
    let what = format!("EWKT {text:?}");
    let Some((srid, wkb)) = read_input(&what, |out| ewkt::read(&text, out))? else {
        return Ok(());
    };
    let geometry = Geo::read(&wkb).map_err(|e| e.to_string())?;
    let written = match ewkt::to_string(&geometry, srid) {
        Ok(written) => written,
        Err(GeomError::Encode { .. }) => return Ok(()),
        Err(e) => return Err(format!("{what}: writing failed: {e}")),
    };
    if written.contains("NaN") || written.contains("inf") {
        return Ok(());
    }
    let mut again = Vec::new();
    let srid_again = ewkt::read(&written, &mut again)
        .map_err(|e| format!("{what}: its EWKT {written:?} does not read back: {e}"))?;
    let without_coordinates =
        geometry.is_empty() && Geo::read(&again).is_ok_and(|again| again.is_empty());
    if srid_again != srid || (again != wkb && !without_coordinates) {
        return Err(format!(
            "{what}: written as {written:?}, it reads back as SRID {srid_again} and another \
             geometry"
        ));
    }
    Ok(())
}

/// A reader of a text format: appends the WKB, returns the SRID the text names.
type ReadText = fn(&str, &mut Vec<u8>) -> Result<Option<i32>, GeomError>;

/// A writer of a text format, with its parameters: `None` where the geometry has no text.
type WriteText<'f> = &'f dyn Fn(&Geo, i32) -> Result<Option<String>, GeomError>;

/// A text format that rounds its numbers: `write` gives `None` where the geometry has no text
/// (an empty GML geometry) and `Err` where it cannot be written (an `Encode` error is allowed).
struct Rounding<'f> {
    name: &'static str,
    read: ReadText,
    write: WriteText<'f>,
    /// The SRID that reading what was written with this SRID gives back.
    srid_after_write: fn(i32) -> Option<i32>,
}

impl Rounding<'_> {
    fn check(&self, text: &str) -> Result<(), String> {
        let name = self.name;
        let what = format!("{name} {text:?}");
        let Some((srid, wkb)) = read_input(&what, |out| (self.read)(text, out))? else {
            return Ok(());
        };
        let srid = srid.unwrap_or(0);
        // Written and read once, the geometry has the written numbers; the second time they
        // must come back unchanged, with the same SRID.
        let Some((first_text, first)) = self.write_and_read(&what, &wkb, srid)? else {
            return Ok(());
        };
        if first.len() != wkb.len() {
            return Err(format!(
                "{what}: written as {first_text:?}, it reads back with another structure"
            ));
        }
        let Some((second_text, second)) = self.write_and_read(&what, &first, srid)? else {
            return Err(format!("{what}: {first_text:?} read back has no {name}"));
        };
        if second != first {
            return Err(format!(
                "{what}: not a fixed point: {first_text:?} read and written again is \
                 {second_text:?}"
            ));
        }
        Ok(())
    }

    fn write_and_read(
        &self,
        what: &str,
        wkb: &[u8],
        srid: i32,
    ) -> Result<Option<(String, Vec<u8>)>, String> {
        let geometry = Geo::read(wkb).map_err(|e| e.to_string())?;
        let text = match (self.write)(&geometry, srid) {
            Ok(Some(text)) => text,
            Ok(None) | Err(GeomError::Encode { .. }) => return Ok(None),
            Err(e) => return Err(format!("{what}: writing failed: {e}")),
        };
        let mut again = Vec::new();
        let srid_again = (self.read)(&text, &mut again)
            .map_err(|e| format!("{what}: its {} {text:?} does not read back: {e}", self.name))?;
        if srid_again != (self.srid_after_write)(srid) {
            return Err(format!(
                "{what}: written with SRID {srid} as {text:?}, it reads back with {srid_again:?}"
            ));
        }
        Ok(Some((text, again)))
    }
}

/// GeoJSON text (the bytes as UTF-8, lossily), as `st_geomFromGeoJSON` takes it, written back
/// with `st_asGeoJSON`'s default 9 decimal digits and with 15.
pub fn check_geojson(data: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(data);
    for digits in [geojson::DEFAULT_MAX_DECIMAL_DIGITS, 15] {
        Rounding {
            name: "GeoJSON",
            read: geojson::read,
            write: &|geometry, srid| geojson::to_string(geometry, srid, digits).map(Some),
            // st_asGeoJSON names no CRS for 0 and 4326.
            srid_after_write: |srid| (srid != 0 && srid != 4326).then_some(srid),
        }
        .check(&text)?;
    }
    Ok(())
}

/// GML text (the bytes as UTF-8, lossily), as `st_geomFromGML` takes it, written back as GML 2
/// and GML 3 with `st_asGML`'s default 15 decimal digits.
pub fn check_gml(data: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(data);
    for version in [GmlVersion::V2, GmlVersion::V3] {
        Rounding {
            name: "GML",
            read: gml::read,
            write: &|geometry, srid| {
                gml::to_string(geometry, srid, version, gml::DEFAULT_MAX_DECIMAL_DIGITS)
            },
            srid_after_write: |srid| (srid != 0).then_some(srid),
        }
        .check(&text)?;
    }
    Ok(())
}
