//! Spatial predicates over a column of WKB: the filter's geometry is read and prepared once per
//! evaluation, each row's WKB is read in place.
//!
//! `INTERSECTS DISJOINT CONTAINS WITHIN COVERS COVEREDBY` and `BBOX` use strabo-geom's kernels
//! (tested against GEOS). `CROSSES OVERLAPS TOUCHES EQUALS` and `RELATE` use `geo`'s DE-9IM
//! matrix, after the checks strabo-geom makes before `geo`'s graph: both geometries valid and
//! finite unless one is a point; a `GEOMETRYCOLLECTION` on either side is refused, since `geo`
//! relates its members one by one rather than as their union.
use std::borrow::Cow;

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, BooleanArray};
use arrow_buffer::BooleanBuffer;
use arrow_schema::DataType;
use geo::{CoordsIter, Relate, Validation};
use strabo_filter::{DistancePredicate, Filter, GeometryLiteral, SpatialPredicate};
use strabo_geom::relate::{self, Invalid};
use strabo_geom::{Geo, GeomError, Prepared, Rect};

use crate::error::preview;
use crate::QueryError;

/// The predicate of one spatial filter, bound to its prepared geometry.
enum Test {
    /// A strabo-geom relation, `relation(row, literal)`.
    Relation(fn(&Geo, &Geo) -> Result<bool, Invalid>),
    /// A DE-9IM matrix test, and why the literal cannot meet `geo`'s graph, checked once.
    Matrix(MatrixTest, Option<GeomError>),
    /// Planar distance at most (`within`) or beyond `limit`.
    Distance { limit: f64, within: bool },
    /// No geometry matches (a `BBOX` whose minimum exceeds its maximum).
    Never,
}

enum MatrixTest {
    Crosses,
    Overlaps,
    Touches,
    Equals,
    Pattern(String),
}

/// A spatial filter (`Spatial`, `Relate`, `Bbox`, `Distance`) with its geometry prepared, ready
/// for the rows of many batches.
pub(crate) struct Bound {
    property: String,
    literal: Prepared,
    test: Test,
}

impl Bound {
    /// The filter on every row, skipping the rows `needed` says the result does not depend on
    /// (they come out NULL).
    pub(crate) fn evaluate(
        &self,
        batch: &arrow_array::RecordBatch,
        needed: Option<&BooleanBuffer>,
    ) -> Result<BooleanArray, QueryError> {
        let array = crate::column::array(batch, &self.property)?;
        let column = Wkbs::of(&self.property, array)?;
        let literal = self.literal.as_geo();
        let mut out = Vec::with_capacity(array.len());
        for row in 0..array.len() {
            if array.is_null(row) || needed.is_some_and(|needed| !needed.value(row)) {
                out.push(None);
                continue;
            }
            let bytes = column.value(row);
            let geometry_error = |reason: String| QueryError::Geometry {
                property: self.property.clone(),
                row,
                preview: preview(bytes),
                reason,
            };
            let geometry = Geo::read(bytes).map_err(|err| geometry_error(err.to_string()))?;
            let answer = self
                .test(&geometry, &literal)
                .map_err(|invalid| match invalid.arg {
                    0 => geometry_error(invalid.error.to_string()),
                    _ => QueryError::Literal {
                        property: self.property.clone(),
                        reason: invalid.error.to_string(),
                    },
                })?;
            out.push(answer);
        }
        Ok(BooleanArray::from(out))
    }
}

/// Reads and prepares a spatial filter's geometry, and checks what can be checked before rows;
/// `None` for a filter that is not spatial.
pub(crate) fn bind(filter: &Filter) -> Option<Result<Bound, QueryError>> {
    let bound = |property: &String, literal: &GeometryLiteral, test: Result<Test, QueryError>| {
        let literal = Prepared::new(&literal.wkb).map_err(|err| QueryError::Literal {
            property: property.clone(),
            reason: err.to_string(),
        })?;
        // A matrix test checks the literal once it is prepared.
        let test = match test? {
            Test::Matrix(test, _) => matrix_test(property, &literal, test)?,
            other => other,
        };
        Ok(Bound {
            property: property.clone(),
            literal,
            test,
        })
    };
    Some(match filter {
        Filter::Spatial {
            predicate,
            property,
            geometry,
        } => {
            let test = match predicate {
                SpatialPredicate::Intersects => Test::Relation(relate::intersects),
                SpatialPredicate::Disjoint => Test::Relation(relate::disjoint),
                SpatialPredicate::Contains => Test::Relation(relate::contains),
                SpatialPredicate::Within => Test::Relation(relate::within),
                SpatialPredicate::Covers => Test::Relation(relate::covers),
                SpatialPredicate::CoveredBy => Test::Relation(relate::covered_by),
                SpatialPredicate::Crosses => Test::Matrix(MatrixTest::Crosses, None),
                SpatialPredicate::Overlaps => Test::Matrix(MatrixTest::Overlaps, None),
                SpatialPredicate::Touches => Test::Matrix(MatrixTest::Touches, None),
                SpatialPredicate::Equals => Test::Matrix(MatrixTest::Equals, None),
            };
            bound(property, geometry, Ok(test))
        }
        Filter::Relate {
            property,
            geometry,
            pattern,
        } => {
            let test = Test::Matrix(MatrixTest::Pattern(pattern.clone()), None);
            bound(property, geometry, Ok(test))
        }
        Filter::Bbox {
            property,
            min_x,
            min_y,
            max_x,
            max_y,
            ..
        } => {
            let mut wkb = Vec::new();
            // `Rect::new` would swap inverted corners; an inverted box holds nothing.
            let ordered = min_x <= max_x && min_y <= max_y;
            Geo::Rect(Rect::new((*min_x, *min_y), (*max_x, *max_y))).write_wkb(&mut wkb);
            let test = if ordered {
                Test::Relation(relate::intersects)
            } else {
                Test::Never
            };
            bound(property, &GeometryLiteral { srid: 0, wkb }, Ok(test))
        }
        Filter::Distance {
            predicate,
            property,
            geometry,
            distance,
            units,
        } => {
            let test = if is_geographic(geometry.srid) {
                Err(QueryError::Unsupported(format!(
                    "{} on '{property}' in {} from a geometry in EPSG:{} (degrees) is not \
                     supported: only distances in a projected CRS's meters are exact",
                    match predicate {
                        DistancePredicate::Dwithin => "DWITHIN",
                        DistancePredicate::Beyond => "BEYOND",
                    },
                    units.keyword(),
                    geometry.srid
                )))
            } else {
                Ok(Test::Distance {
                    limit: distance * units.meters(),
                    within: *predicate == DistancePredicate::Dwithin,
                })
            };
            bound(property, geometry, test)
        }
        _ => return None,
    })
}

/// A matrix test, with the literal checked once for `geo`'s graph.
fn matrix_test(property: &str, literal: &Prepared, test: MatrixTest) -> Result<Test, QueryError> {
    let geometry = literal.as_geo();
    let shape = geometry.shape();
    if shape.as_deref().is_some_and(is_collection) {
        return Err(QueryError::Literal {
            property: property.to_string(),
            reason: collection_refused().to_string(),
        });
    }
    let invalid = shape.and_then(|shape| relatable(&shape).err());
    Ok(Test::Matrix(test, invalid))
}

/// Whether an SRID names a geographic CRS, whose coordinates are degrees: EPSG's geographic 2D
/// systems are numbered 4000 to 4999 (4326 is WGS 84).
pub(crate) fn is_geographic(srid: i32) -> bool {
    (4000..5000).contains(&srid)
}

impl Bound {
    /// The predicate on one row: `None` where SQL answers NULL (a distance from an empty
    /// geometry, or one that is not a number).
    fn test(&self, row: &Geo, literal: &Geo) -> Result<Option<bool>, Invalid> {
        match &self.test {
            Test::Relation(relation) => relation(row, literal).map(Some),
            Test::Matrix(test, literal_invalid) => {
                matrix(test, literal_invalid.as_ref(), row, literal).map(Some)
            }
            Test::Distance { limit, within } => Ok(strabo_geom::distance::distance(row, literal)
                .filter(|distance| !distance.is_nan())
                .map(|distance| (distance <= *limit) == *within)),
            Test::Never => Ok(Some(false)),
        }
    }
}

fn matrix(
    test: &MatrixTest,
    literal_invalid: Option<&GeomError>,
    row: &Geo,
    literal: &Geo,
) -> Result<bool, Invalid> {
    let empty = geo::Geometry::GeometryCollection(geo::GeometryCollection::empty());
    let (row_shape, literal_shape) = (row.shape(), literal.shape());
    let is_empty = (row_shape.is_none(), literal_shape.is_none());
    match (test, is_empty) {
        // JTS: two empty geometries are equal; an empty one crosses, overlaps or touches
        // nothing. A pattern is matched against the matrix of the empty set.
        (MatrixTest::Equals, (true, true)) => return Ok(true),
        (MatrixTest::Pattern(_), _) => {}
        (_, (false, false)) => {}
        _ => return Ok(false),
    }
    let row_shape = row_shape.unwrap_or(Cow::Borrowed(&empty));
    let literal_shape = literal_shape.unwrap_or(Cow::Borrowed(&empty));
    let invalid = |arg, error| Err(Invalid { arg, error });
    if is_collection(&row_shape) {
        return invalid(0, collection_refused());
    }
    // Points never reach the part of the graph that fails on invalid geometries.
    if !is_puntal(&row_shape) && !is_puntal(&literal_shape) {
        if let Err(error) = relatable(&row_shape) {
            return invalid(0, error);
        }
        if let Some(error) = literal_invalid {
            return invalid(1, error.clone());
        }
    }
    let matrix =
        std::panic::catch_unwind(|| row_shape.relate(&*literal_shape)).map_err(|_| Invalid {
            arg: 0,
            error: GeomError::InvalidGeometry(
                "the geometries cannot be related (is one self-intersecting or degenerate?)".into(),
            ),
        })?;
    Ok(match test {
        MatrixTest::Crosses => matrix.is_crosses(),
        MatrixTest::Overlaps => matrix.is_overlaps(),
        MatrixTest::Touches => matrix.is_touches(),
        MatrixTest::Equals => matrix.is_equal_topo(),
        // strabo-filter validated the pattern.
        MatrixTest::Pattern(pattern) => matrix.matches(pattern).unwrap_or(false),
    })
}

/// `geo` relates a collection's members one by one, not as their union.
fn is_collection(shape: &geo::Geometry<f64>) -> bool {
    matches!(shape, geo::Geometry::GeometryCollection(parts) if !parts.0.is_empty())
}

fn collection_refused() -> GeomError {
    GeomError::Unsupported(
        "CROSSES, OVERLAPS, TOUCHES, EQUALS and RELATE do not take a GEOMETRYCOLLECTION".into(),
    )
}

fn is_puntal(shape: &geo::Geometry<f64>) -> bool {
    matches!(
        shape,
        geo::Geometry::Point(_) | geo::Geometry::MultiPoint(_)
    )
}

/// Refuses a geometry that is invalid or not finite, as strabo-geom does before `geo`'s
/// graph, which panics or answers wrongly on them.
fn relatable(shape: &geo::Geometry<f64>) -> Result<(), GeomError> {
    if shape
        .coords_iter()
        .any(|c| !c.x.is_finite() || !c.y.is_finite())
    {
        return Err(GeomError::InvalidGeometry(
            "coordinates must be finite numbers".into(),
        ));
    }
    shape
        .check_validation()
        .map_err(|reason| GeomError::InvalidGeometry(reason.to_string()))
}

/// A column of WKB in any of Arrow's binary layouts.
enum Wkbs<'a> {
    Binary(&'a arrow_array::BinaryArray),
    LargeBinary(&'a arrow_array::LargeBinaryArray),
    BinaryView(&'a arrow_array::BinaryViewArray),
}

impl<'a> Wkbs<'a> {
    fn of(property: &str, array: &'a ArrayRef) -> Result<Wkbs<'a>, QueryError> {
        Ok(match array.data_type() {
            DataType::Binary => Wkbs::Binary(array.as_binary()),
            DataType::LargeBinary => Wkbs::LargeBinary(array.as_binary()),
            DataType::BinaryView => Wkbs::BinaryView(array.as_binary_view()),
            other => {
                return Err(QueryError::Type {
                    property: property.to_string(),
                    message: format!(
                        "a spatial predicate needs a column of WKB (Binary), not {other}"
                    ),
                })
            }
        })
    }

    fn value(&self, row: usize) -> &'a [u8] {
        match self {
            Wkbs::Binary(array) => array.value(row),
            Wkbs::LargeBinary(array) => array.value(row),
            Wkbs::BinaryView(array) => array.value(row),
        }
    }
}
