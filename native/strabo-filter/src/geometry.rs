//! Geometry constants: parsed once from WKT, held as ISO WKB so the batch executor can bind
//! them without parsing again.
use serde::{Deserialize, Serialize};
use strabo_geom::{wkt_codec, Geo};

/// A constant geometry: ISO WKB (little-endian, as [`strabo_geom::write_wkb`] writes it) and
/// an SRID, 0 when none was given. In JSON: `{"srid": 4326, "wkb": "0101000000..."}` (hex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeometryLiteral {
    /// The SRID the text named (`SRID=4326;POINT(1 2)`), or 0.
    pub srid: i32,
    /// ISO WKB.
    #[serde(with = "hex")]
    pub wkb: Vec<u8>,
}

impl GeometryLiteral {
    /// Parses WKT, or EWKT with a `SRID=<n>;` prefix.
    pub fn from_ewkt(text: &str) -> Result<GeometryLiteral, String> {
        let trimmed = text.trim_start();
        let has_srid = trimmed
            .get(..5)
            .is_some_and(|head| head.eq_ignore_ascii_case("SRID="));
        if !has_srid {
            return GeometryLiteral::from_wkt(text, 0);
        }
        let (srid, wkt) = trimmed[5..]
            .split_once(';')
            .ok_or("expected ';' after the SRID")?;
        let srid = srid
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|srid| *srid >= 0)
            .ok_or_else(|| format!("'{}' is not an SRID", srid.trim()))?;
        GeometryLiteral::from_wkt(wkt, srid)
    }

    /// Parses WKT and gives it the SRID.
    pub fn from_wkt(text: &str, srid: i32) -> Result<GeometryLiteral, String> {
        let parsed = wkt_codec::parse(text).map_err(|err| err.to_string())?;
        let mut wkb = Vec::new();
        strabo_geom::write_wkb(&parsed, &mut wkb);
        let literal = GeometryLiteral { srid, wkb };
        literal.validate()?;
        Ok(literal)
    }

    /// The same geometry as little-endian ISO WKB, whatever WKB (big-endian, EWKB) it held;
    /// unchanged when its WKB does not read, for [`GeometryLiteral::validate`] to report.
    pub fn normalized(self) -> GeometryLiteral {
        let mut wkb = Vec::with_capacity(self.wkb.len());
        match Geo::read(&self.wkb) {
            Ok(geometry) => geometry.write_wkb(&mut wkb),
            Err(_) => return self,
        }
        GeometryLiteral { wkb, ..self }
    }

    /// The geometry as WKT, without the SRID, e.g. `POINT(1 2)`.
    pub fn wkt(&self) -> Result<String, String> {
        let geometry = Geo::read(&self.wkb).map_err(|err| err.to_string())?;
        wkt_codec::try_to_string(&geometry).map_err(|err| err.to_string())
    }

    /// The geometry as ECQL writes it: WKT, after `SRID=<n>;` when the SRID is not 0.
    pub fn ewkt(&self) -> Result<String, String> {
        let wkt = self.wkt()?;
        Ok(match self.srid {
            0 => wkt,
            srid => format!("SRID={srid};{wkt}"),
        })
    }

    /// Checks that the WKB reads, that its coordinates are finite, and that its WKT reads back,
    /// so whatever is accepted can be rendered as ECQL.
    pub fn validate(&self) -> Result<(), String> {
        if self.srid < 0 {
            return Err(format!("{} is not an SRID", self.srid));
        }
        let wkt = self.wkt()?;
        // The writer spells non-finite coordinates `inf` and `NaN` (an empty point is `EMPTY`);
        // no geometry keyword contains either.
        if wkt.contains("inf") || wkt.contains("NaN") {
            return Err("coordinates must be finite numbers".into());
        }
        wkt_codec::parse(&wkt)
            .map(|_| ())
            .map_err(|err| format!("the geometry's WKT does not read back: {err}"))
    }
}

/// WKB as a lower-case hex string in JSON.
mod hex {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        let text: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
        serializer.serialize_str(&text)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.len() % 2 != 0 {
            return Err(D::Error::custom("hex WKB has an odd number of digits"));
        }
        text.as_bytes()
            .chunks(2)
            .map(|pair| {
                std::str::from_utf8(pair)
                    .ok()
                    .and_then(|pair| u8::from_str_radix(pair, 16).ok())
                    .ok_or_else(|| D::Error::custom("hex WKB holds a character that is not hex"))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_wkt_and_ewkt() {
        let point = GeometryLiteral::from_ewkt("POINT (1 2)").unwrap();
        assert_eq!(point.srid, 0);
        assert_eq!(point.wkt().unwrap(), "POINT(1 2)");
        let with_srid = GeometryLiteral::from_ewkt("SRID=4326;POINT(1 2)").unwrap();
        assert_eq!(with_srid.srid, 4326);
        assert_eq!(with_srid.wkb, point.wkb);
        assert_eq!(with_srid.ewkt().unwrap(), "SRID=4326;POINT(1 2)");
    }

    #[test]
    fn refuses_bad_text_srids_and_coordinates() {
        for text in [
            "POINT(1)",
            "SRID=x;POINT(1 2)",
            "SRID=-1;POINT(1 2)",
            "SRID=4326 POINT(1 2)",
            "POINT(1e999 2)",
            "POINT Z(1 2 1e999)",
            "",
        ] {
            assert!(GeometryLiteral::from_ewkt(text).is_err(), "{text}");
        }
    }

    #[test]
    fn normalizes_big_endian_wkb() {
        let big_endian = GeometryLiteral {
            srid: 4326,
            wkb: vec![
                0, 0, 0, 0, 1, 63, 240, 0, 0, 0, 0, 0, 0, 64, 0, 0, 0, 0, 0, 0, 0,
            ],
        };
        let expected = GeometryLiteral::from_ewkt("SRID=4326;POINT(1 2)").unwrap();
        assert_eq!(big_endian.normalized(), expected);
        let garbage = GeometryLiteral {
            srid: 0,
            wkb: vec![9],
        };
        assert_eq!(garbage.clone().normalized(), garbage);
    }

    #[test]
    fn json_holds_wkb_as_hex() {
        let point = GeometryLiteral::from_ewkt("SRID=4326;POINT(1 2)").unwrap();
        let json = serde_json::to_string(&point).unwrap();
        assert_eq!(
            json,
            r#"{"srid":4326,"wkb":"0101000000000000000000f03f0000000000000040"}"#
        );
        assert_eq!(
            serde_json::from_str::<GeometryLiteral>(&json).unwrap(),
            point
        );
        for bad in [
            r#"{"srid":0,"wkb":"0"}"#,
            r#"{"srid":0,"wkb":"zz"}"#,
            r#"{"srid":0,"wkb":"é1"}"#,
        ] {
            assert!(
                serde_json::from_str::<GeometryLiteral>(bad).is_err(),
                "{bad}"
            );
        }
    }
}
