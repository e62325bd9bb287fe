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

    /// The check as two state fields: whether an SRID was seen, and which.
    pub(super) fn fields(&self) -> (bool, i32) {
        (self.0.is_some(), self.srid())
    }

    /// Adds another group's check, as [`SridCheck::fields`] gave it.
    pub(super) fn merge(&mut self, seen: bool, srid: i32) -> Result<(), GeomError> {
        if seen {
            self.add(srid)?;
        }
        Ok(())
    }
}
