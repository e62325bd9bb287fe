//! The SRID of an aggregate's group: every geometry must have the same one.
use strabo_geom::GeomError;

#[derive(Default)]
pub(super) struct SridCheck(Option<i32>);

impl SridCheck {
    pub(super) fn add(&mut self, srid: i32) -> Result<(), GeomError> {
        match self.0 {
            None => self.0 = Some(srid),
            Some(first) if first != srid => return Err(GeomError::MixedSrid(first, srid)),
            Some(_) => {}
        }
        Ok(())
    }

    /// 0 when no geometry was seen.
    pub(super) fn srid(&self) -> i32 {
        self.0.unwrap_or(0)
    }

    /// 5 bytes: 1 and the SRID, or 0 and four zeros.
    pub(super) fn state(&self) -> Vec<u8> {
        let mut state = vec![self.0.is_some() as u8];
        state.extend_from_slice(&self.srid().to_le_bytes());
        state
    }

    /// Merges another group's state and returns the bytes after it.
    pub(super) fn merge<'s>(&mut self, state: &'s [u8]) -> Result<&'s [u8], GeomError> {
        match state.split_first_chunk::<5>() {
            Some(([seen, srid @ ..], rest)) => {
                if *seen == 1 {
                    self.add(i32::from_le_bytes(*srid))?;
                }
                Ok(rest)
            }
            None => Err(GeomError::InvalidParameter(
                "corrupt aggregate state".into(),
            )),
        }
    }
}
