//! The DE-9IM intersection matrix, and the patterns it is matched against.
use std::fmt;
use std::str::FromStr;

use geo::coordinate_position::CoordPos;
use geo::dimensions::Dimensions;

use crate::GeomError;

/// A DE-9IM matrix: the dimension of the intersection of the interior, boundary and exterior of
/// `a` (the rows) with those of `b` (the columns). Written as 9 characters row by row, `F` for
/// no intersection and `0`, `1`, `2` for its dimension: `"212101212"`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct IntersectionMatrix([[Dimensions; 3]; 3]);

const POSITIONS: [CoordPos; 3] = [CoordPos::Inside, CoordPos::OnBoundary, CoordPos::Outside];

fn index(position: CoordPos) -> usize {
    match position {
        CoordPos::Inside => 0,
        CoordPos::OnBoundary => 1,
        CoordPos::Outside => 2,
    }
}

impl IntersectionMatrix {
    /// No intersection anywhere (not even of the exteriors).
    pub(super) fn empty() -> IntersectionMatrix {
        IntersectionMatrix([[Dimensions::Empty; 3]; 3])
    }

    /// The dimension of the intersection of `a`'s part at `in_a` with `b`'s part at `in_b`.
    pub fn get(&self, in_a: CoordPos, in_b: CoordPos) -> Dimensions {
        self.0[index(in_a)][index(in_b)]
    }

    /// Records that `a`'s part at `in_a` and `b`'s at `in_b` meet in at least `dimension`.
    pub(super) fn include(&mut self, in_a: CoordPos, in_b: CoordPos, dimension: Dimensions) {
        let cell = &mut self.0[index(in_a)][index(in_b)];
        *cell = (*cell).max(dimension);
    }

    /// The matrix of `b` and `a`.
    pub(super) fn transposed(&self) -> IntersectionMatrix {
        let m = &self.0;
        IntersectionMatrix(std::array::from_fn(|i| std::array::from_fn(|j| m[j][i])))
    }

    /// Whether the matrix matches a pattern already known to be well formed.
    pub(super) fn matches(&self, pattern: &[u8; 9]) -> bool {
        self.0
            .iter()
            .flatten()
            .zip(pattern)
            .all(|(&dimension, &wanted)| match wanted {
                b'*' => true,
                b'T' => dimension != Dimensions::Empty,
                b'F' => dimension == Dimensions::Empty,
                b'0' => dimension == Dimensions::ZeroDimensional,
                b'1' => dimension == Dimensions::OneDimensional,
                _ => dimension == Dimensions::TwoDimensional,
            })
    }
}

/// A DE-9IM pattern, checked once: 9 characters row by row, each `T` (any intersection), `F`
/// (none), `*` (anything), or `0`, `1`, `2` (an intersection of exactly that dimension).
///
/// Read with `str::parse`: a pattern of another length or with another character is an
/// [`GeomError::InvalidParameter`]. Lower-case `t` and `f` are refused: GEOS accepts them but
/// then never matches them, so `st_relate(a, b, 'ff*ff****')` would silently be false.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct RelatePattern([u8; 9]);

impl FromStr for RelatePattern {
    type Err = GeomError;

    fn from_str(pattern: &str) -> Result<RelatePattern, GeomError> {
        let bytes: &[u8; 9] = pattern.as_bytes().try_into().map_err(|_| {
            GeomError::InvalidParameter(format!(
                "a DE-9IM pattern has 9 characters, got '{pattern}'"
            ))
        })?;
        if let Some(&bad) = bytes.iter().find(|c| !b"TF*012".contains(c)) {
            return Err(GeomError::InvalidParameter(format!(
                "a DE-9IM pattern is made of T, F, *, 0, 1 and 2, got '{}'",
                bad as char
            )));
        }
        Ok(RelatePattern(*bytes))
    }
}

impl IntersectionMatrix {
    /// Whether the matrix matches `pattern` (`ST_Relate(a, b, pattern)`,
    /// `ST_RelateMatch(matrix, pattern)`).
    pub fn matches_pattern(&self, pattern: &RelatePattern) -> bool {
        self.matches(&pattern.0)
    }
}

/// Whether `matrix` matches the DE-9IM `pattern` ([`RelatePattern`] says which are well formed;
/// others are an [`GeomError::InvalidParameter`]). Parse the pattern once instead where it is
/// matched many times.
pub fn relate_pattern(matrix: &IntersectionMatrix, pattern: &str) -> Result<bool, GeomError> {
    Ok(matrix.matches_pattern(&pattern.parse()?))
}

impl fmt::Display for IntersectionMatrix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for dimension in self.0.iter().flatten() {
            f.write_str(match dimension {
                Dimensions::Empty => "F",
                Dimensions::ZeroDimensional => "0",
                Dimensions::OneDimensional => "1",
                Dimensions::TwoDimensional => "2",
            })?;
        }
        Ok(())
    }
}

impl fmt::Debug for IntersectionMatrix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IntersectionMatrix({self})")
    }
}

/// Reads a matrix as [`IntersectionMatrix`] writes it (as `ST_RelateMatch` takes it): 9 of
/// `F`, `0`, `1`, `2`; anything else is an [`GeomError::InvalidParameter`].
impl FromStr for IntersectionMatrix {
    type Err = GeomError;

    fn from_str(text: &str) -> Result<IntersectionMatrix, GeomError> {
        let invalid = || {
            GeomError::InvalidParameter(format!(
                "a DE-9IM matrix is 9 of F, 0, 1 and 2, got '{text}'"
            ))
        };
        let bytes: &[u8; 9] = text.as_bytes().try_into().map_err(|_| invalid())?;
        let mut matrix = IntersectionMatrix::empty();
        for (i, byte) in bytes.iter().enumerate() {
            let dimension = match byte {
                b'F' => Dimensions::Empty,
                b'0' => Dimensions::ZeroDimensional,
                b'1' => Dimensions::OneDimensional,
                b'2' => Dimensions::TwoDimensional,
                _ => return Err(invalid()),
            };
            matrix.include(POSITIONS[i / 3], POSITIONS[i % 3], dimension);
        }
        Ok(matrix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_matrix_reads_as_it_writes() {
        let matrix: IntersectionMatrix = "212F01FF2".parse().unwrap();
        assert_eq!(matrix.to_string(), "212F01FF2");
        assert_eq!(
            matrix.get(CoordPos::OnBoundary, CoordPos::OnBoundary),
            Dimensions::ZeroDimensional
        );
        assert_eq!(
            matrix.get(CoordPos::OnBoundary, CoordPos::Inside),
            Dimensions::Empty
        );
        for bad in ["212F01FF", "212F01FF22", "212F01FT2", "212f01FF2", ""] {
            assert!(
                matches!(
                    bad.parse::<IntersectionMatrix>(),
                    Err(GeomError::InvalidParameter(_))
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn patterns_match_as_in_geos() {
        // shapely 2.1.2 (GEOS 3.13.1): shapely.relate_pattern(a, b, pattern) for
        // a = POINT(0 0), b = POINT(1 0), whose matrix is FF0FFF0F2.
        let matrix: IntersectionMatrix = "FF0FFF0F2".parse().unwrap();
        for (pattern, expected) in [
            ("F********", true),
            ("FF*FF****", true),
            ("*********", true),
            ("FFTFFFTF2", true),
            ("FF0FFF0F2", true),
            ("T********", false),
            ("FF1******", false),
            ("********1", false),
        ] {
            assert_eq!(
                relate_pattern(&matrix, pattern).unwrap(),
                expected,
                "{pattern}"
            );
            let parsed: RelatePattern = pattern.parse().unwrap();
            assert_eq!(matrix.matches_pattern(&parsed), expected, "{pattern}");
        }
    }

    #[test]
    fn malformed_patterns_are_refused() {
        let matrix: IntersectionMatrix = "FF0FFF0F2".parse().unwrap();
        // GEOS refuses these too ("Should be length 9", "Unknown dimension symbol: X").
        for bad in [
            "T*******",
            "T*********",
            "X********",
            "ff*ff****",
            "T*******é",
        ] {
            assert!(
                matches!(
                    relate_pattern(&matrix, bad),
                    Err(GeomError::InvalidParameter(_))
                ),
                "{bad}"
            );
        }
    }
}
