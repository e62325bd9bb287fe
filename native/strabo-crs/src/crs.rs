//! A coordinate reference system: an SRID and its PROJ.4 definition, parsed once.
use std::fmt;

use proj4rs::Proj;
use strabo_geom::GeomError;

use crate::id::{parse_code, GOOGLE_MERCATOR};

/// A coordinate reference system known by its EPSG code, its definition parsed and ready to
/// transform with. Building one parses a PROJ.4 string (a few microseconds): build it once per
/// constant, or keep it in a [`TransformCache`](crate::TransformCache).
#[derive(Clone)]
pub struct Crs {
    srid: i32,
    definition: &'static str,
    proj: Proj,
}

impl Crs {
    /// The CRS of an SRID (an EPSG code). 900913 is Web Mercator and becomes 3857.
    ///
    /// Errors: SRID 0 (PostGIS's "unknown") and codes missing from the definition table are a
    /// [`GeomError::InvalidParameter`]; codes the table has but this crate cannot transform
    /// (see the crate docs: NAD27 and other datum grids, geocentric CRSs, a few projections)
    /// are a [`GeomError::Unsupported`] that says why.
    pub fn from_srid(srid: i32) -> Result<Crs, GeomError> {
        if srid == 0 {
            return Err(GeomError::InvalidParameter(
                "the geometry has no SRID (0): give it one with st_setSRID, or name the source \
                 CRS"
                .into(),
            ));
        }
        let srid = if srid == GOOGLE_MERCATOR { 3857 } else { srid };
        let definition = definition(srid).ok_or_else(|| {
            GeomError::InvalidParameter(format!(
                "unknown CRS EPSG:{srid}: it is not in the EPSG table strabo carries \
                 (crs-definitions 0.6, about 6,000 codes)"
            ))
        })?;
        check_self_contained(srid, definition)?;
        let proj = Proj::from_proj_string(definition).map_err(|error| {
            GeomError::Unsupported(format!(
                "EPSG:{srid} ({definition}) cannot be used: {error}"
            ))
        })?;
        Ok(Crs {
            srid,
            definition,
            proj,
        })
    }

    /// The CRS a SQL argument names, in any form [`srid_of`](crate::srid_of) accepts.
    pub fn parse(text: &str) -> Result<Crs, GeomError> {
        Crs::from_srid(parse_code(text)?)
    }

    /// The SRID a geometry in this CRS carries (900913 already replaced by 3857).
    pub fn srid(&self) -> i32 {
        self.srid
    }

    /// Whether coordinates are longitude/latitude in degrees (rather than projected).
    pub fn is_geographic(&self) -> bool {
        self.proj.is_latlong()
    }

    /// The PROJ.4 definition used, as the crs-definitions table gives it.
    pub fn definition(&self) -> &'static str {
        self.definition
    }

    pub(crate) fn proj(&self) -> &Proj {
        &self.proj
    }
}

impl PartialEq for Crs {
    fn eq(&self, other: &Crs) -> bool {
        self.srid == other.srid
    }
}

impl fmt::Debug for Crs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EPSG:{} ({})", self.srid, self.definition)
    }
}

impl fmt::Display for Crs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EPSG:{}", self.srid)
    }
}

/// The PROJ.4 definition of an EPSG code, if the table has one.
pub fn definition(srid: i32) -> Option<&'static str> {
    let code = u16::try_from(srid).ok()?;
    crs_definitions::from_code(code)
        .map(|def| def.proj4)
        .filter(|text| !text.trim().is_empty())
}

/// Refuses definitions that need more than their text: datum grid files (proj4rs would look
/// for them on the executor's disk, under `PROJ_NADGRIDS`/`PROJ_DATA`, so results would
/// depend on the machine) and geocentric CRSs, whose third coordinate a 2D transformation
/// would lose. `+nadgrids=@null` is kept: it names no file and means "no shift", as in 3857.
fn check_self_contained(srid: i32, definition: &str) -> Result<(), GeomError> {
    let needs_grid = definition.split_whitespace().any(|token| {
        token.eq_ignore_ascii_case("+datum=NAD27")
            || token
                .strip_prefix("+nadgrids=")
                .is_some_and(|grids| grids != "@null")
    });
    if needs_grid {
        return Err(GeomError::Unsupported(format!(
            "EPSG:{srid} ({definition}) needs datum grid files, which strabo does not load; \
             transform through a CRS on a modern datum instead"
        )));
    }
    if definition
        .split_whitespace()
        .any(|token| token == "+proj=geocent")
    {
        return Err(GeomError::Unsupported(format!(
            "EPSG:{srid} is geocentric (X, Y, Z), which st_transform's 2D transformations do \
             not produce"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes() {
        let wgs84 = Crs::from_srid(4326).unwrap();
        assert!(wgs84.is_geographic());
        assert_eq!(wgs84.definition(), "+proj=longlat +datum=WGS84 +no_defs");
        let mercator = Crs::parse("EPSG:3857").unwrap();
        assert!(!mercator.is_geographic());
        assert_eq!(mercator.to_string(), "EPSG:3857");
        assert_eq!(Crs::parse("EPSG:900913").unwrap().srid(), 3857);
        assert_eq!(Crs::from_srid(900913).unwrap(), mercator);
        assert_eq!(Crs::parse("CRS:84").unwrap(), wgs84);
    }

    #[test]
    fn unknown_codes() {
        for srid in [
            -1,
            1,
            1999,
            9999,
            20000,
            65535,
            70000,
            102100,
            i32::MAX,
            i32::MIN,
        ] {
            let err = Crs::from_srid(srid).unwrap_err();
            assert!(
                matches!(&err, GeomError::InvalidParameter(m) if m.contains(&format!("EPSG:{srid}"))),
                "{srid}: {err:?}"
            );
        }
        let err = Crs::from_srid(0).unwrap_err();
        assert!(matches!(&err, GeomError::InvalidParameter(m) if m.contains("st_setSRID")));
    }

    #[test]
    fn how_many_codes() {
        let (mut supported, mut unsupported) = (0, 0);
        for srid in 1..=i32::from(u16::MAX) {
            match Crs::from_srid(srid) {
                Ok(_) => supported += 1,
                Err(GeomError::Unsupported(_)) => unsupported += 1,
                Err(_) => {}
            }
        }
        // crs-definitions 0.6 has 6,184 codes, 2 without a definition (22300, 29701). Of the
        // others, 205 NAD27 and 34 NZGD49 ones need grids, 196 are geocentric and Laborde
        // (8441) is not in proj4rs. A new crs-definitions or proj4rs changes these on purpose.
        assert_eq!((supported, unsupported), (5746, 205 + 34 + 196 + 1));
    }

    #[test]
    fn unsupported_codes_say_why() {
        // 4267 NAD27 and 26718 NAD27 / UTM 18N name the conus grid; 27258 NZGD49 / UTM 58S
        // names nzgd2kgrid0005.gsb; 4978 is WGS 84 geocentric.
        for (srid, reason) in [
            (4267, "grid"),
            (26718, "grid"),
            (27258, "grid"),
            (4978, "geocentric"),
        ] {
            let err = Crs::from_srid(srid).unwrap_err();
            assert!(
                matches!(&err, GeomError::Unsupported(m) if m.contains(reason)),
                "{srid}: {err:?}"
            );
        }
        // Laborde (Madagascar), a projection proj4rs does not implement.
        let err = Crs::from_srid(8441).unwrap_err();
        assert!(
            matches!(&err, GeomError::Unsupported(m) if m.contains("EPSG:8441")),
            "{err:?}"
        );
    }
}
