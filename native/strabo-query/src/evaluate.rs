//! Exact evaluation of a filter over a record batch, in SQL's three-valued logic.
use arrow_arith::boolean::{and_kleene, is_null, not, or_kleene};
use arrow_array::{Array, BooleanArray, RecordBatch};
use arrow_buffer::BooleanBuffer;
use strabo_filter::{CompareOp, Filter, Literal, TemporalPredicate, FEATURE_ID};

use crate::column::Column;
use crate::compare::{self, constant};
use crate::{spatial, QueryError};

/// Exact evaluation over a batch: one boolean per row, true where the filter holds, false
/// where it does not or is unknown (SQL's three-valued logic: a predicate on a NULL value is
/// unknown, `NOT` of unknown is unknown, `AND`/`OR` are Kleene's). The result has no NULLs.
///
/// The filter's geometries are read and prepared once per call; to evaluate one filter over
/// many batches, bind it once with [`Evaluator::new`]. Column types and coercions are described
/// in the crate documentation.
pub fn evaluate(filter: &Filter, batch: &RecordBatch) -> Result<BooleanArray, QueryError> {
    Evaluator::new(filter)?.evaluate(batch)
}

/// A filter bound for many batches: its geometry literals read, checked and prepared once.
pub struct Evaluator {
    root: Node,
}

enum Node {
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    Spatial(spatial::Bound),
    /// A predicate Arrow's kernels evaluate, with nothing to prepare.
    Predicate(Filter),
}

impl Evaluator {
    /// Binds the filter: fails on a geometry literal that cannot be read or related, or a
    /// distance whose units cannot be honoured.
    pub fn new(filter: &Filter) -> Result<Evaluator, QueryError> {
        Ok(Evaluator {
            root: Node::bind(filter)?,
        })
    }

    /// The filter on every row of the batch, as [`evaluate`] gives it. A row whose result an
    /// `AND` or `OR` has already decided is not tested against a spatial predicate, so a bad
    /// geometry there raises no error.
    pub fn evaluate(&self, batch: &RecordBatch) -> Result<BooleanArray, QueryError> {
        let truth = self.root.truth(batch, None)?;
        let kept = match truth.nulls() {
            Some(nulls) => truth.values() & nulls.inner(),
            None => truth.values().clone(),
        };
        Ok(BooleanArray::new(kept, None))
    }
}

impl Node {
    fn bind(filter: &Filter) -> Result<Node, QueryError> {
        let all = |filters: &[Filter]| filters.iter().map(Node::bind).collect::<Result<_, _>>();
        if let Some(bound) = spatial::bind(filter) {
            return Ok(Node::Spatial(bound?));
        }
        Ok(match filter {
            Filter::And { filters } => Node::And(all(filters)?),
            Filter::Or { filters } => Node::Or(all(filters)?),
            Filter::Not { filter } => Node::Not(Box::new(Node::bind(filter)?)),
            predicate => Node::Predicate(predicate.clone()),
        })
    }

    /// The three-valued truth on every row; rows outside `needed` may hold any value.
    fn truth(
        &self,
        batch: &RecordBatch,
        needed: Option<&BooleanBuffer>,
    ) -> Result<BooleanArray, QueryError> {
        let rows = batch.num_rows();
        Ok(match self {
            Node::And(children) => {
                let mut all = constant(rows, true, None);
                for child in children {
                    let open = undecided(&all, false, needed);
                    all = and_kleene(&all, &child.truth(batch, Some(&open))?)?;
                }
                all
            }
            Node::Or(children) => {
                let mut any = constant(rows, false, None);
                for child in children {
                    let open = undecided(&any, true, needed);
                    any = or_kleene(&any, &child.truth(batch, Some(&open))?)?;
                }
                any
            }
            Node::Not(child) => not(&child.truth(batch, needed)?)?,
            Node::Spatial(bound) => bound.evaluate(batch, needed)?,
            Node::Predicate(predicate) => predicate_truth(predicate, batch)?,
        })
    }
}

/// A predicate that Arrow's kernels evaluate.
fn predicate_truth(filter: &Filter, batch: &RecordBatch) -> Result<BooleanArray, QueryError> {
    let rows = batch.num_rows();
    Ok(match filter {
        Filter::Include => constant(rows, true, None),
        Filter::Exclude => constant(rows, false, None),
        Filter::During {
            property,
            start,
            end,
        } => {
            let column = Column::read(batch, property)?;
            and_kleene(
                &compare::instant_literal(property, &column, CompareOp::Gt, *start)?,
                &compare::instant_literal(property, &column, CompareOp::Lt, *end)?,
            )?
        }
        Filter::Temporal {
            predicate,
            property,
            instant,
        } => {
            let operator = match predicate {
                TemporalPredicate::Before => CompareOp::Lt,
                TemporalPredicate::After => CompareOp::Gt,
                TemporalPredicate::Tequals => CompareOp::Eq,
            };
            let column = Column::read(batch, property)?;
            compare::instant_literal(property, &column, operator, *instant)?
        }
        Filter::Compare {
            property,
            operator,
            value,
        } => compare::literal(property, &Column::read(batch, property)?, *operator, value)?,
        Filter::CompareProperties {
            left,
            operator,
            right,
        } => compare::columns(
            (left, right),
            &Column::read(batch, left)?,
            *operator,
            &Column::read(batch, right)?,
        )?,
        Filter::Between {
            property,
            low,
            high,
        } => {
            let column = Column::read(batch, property)?;
            and_kleene(
                &compare::literal(property, &column, CompareOp::Ge, low)?,
                &compare::literal(property, &column, CompareOp::Le, high)?,
            )?
        }
        Filter::In { property, values } => {
            let column = Column::read(batch, property)?;
            equal_to_any(property, &column, values.iter().cloned(), rows)?
        }
        Filter::Ids { ids } => {
            let column = Column::read(batch, FEATURE_ID)?;
            let ids = ids.iter().cloned().map(Literal::String);
            equal_to_any(FEATURE_ID, &column, ids, rows)?
        }
        Filter::Like {
            property,
            pattern,
            case_insensitive,
        } => like(
            property,
            &Column::read(batch, property)?,
            pattern,
            *case_insensitive,
        )?,
        Filter::IsNull { property } => is_null(crate::column::array(batch, property)?)?,
        other => unreachable!("bound as a node of its own: {other:?}"),
    })
}

/// The rows of `needed` where `so_far` is not yet `decided` (an `AND` is decided by a FALSE
/// child, an `OR` by a TRUE one).
fn undecided(
    so_far: &BooleanArray,
    decided: bool,
    needed: Option<&BooleanBuffer>,
) -> BooleanBuffer {
    let valid = so_far.nulls().map(|nulls| nulls.inner());
    let settled = match (decided, valid) {
        (true, Some(valid)) => so_far.values() & valid,
        (true, None) => so_far.values().clone(),
        (false, Some(valid)) => &!so_far.values() & valid,
        (false, None) => !so_far.values(),
    };
    let open = !&settled;
    match needed {
        Some(needed) => &open & needed,
        None => open,
    }
}

/// `column = v1 OR column = v2 OR …`.
fn equal_to_any(
    property: &str,
    column: &Column,
    values: impl Iterator<Item = Literal>,
    rows: usize,
) -> Result<BooleanArray, QueryError> {
    let mut any = constant(rows, false, None);
    for value in values {
        let equal = compare::literal(property, column, CompareOp::Eq, &value)?;
        any = or_kleene(&any, &equal)?;
    }
    Ok(any)
}

/// `LIKE`/`ILIKE` through Arrow's kernels, whose patterns are ECQL's: `%`, `_`, `\` escapes.
fn like(
    property: &str,
    column: &Column,
    pattern: &str,
    case_insensitive: bool,
) -> Result<BooleanArray, QueryError> {
    let Column::Text(array) = column else {
        return Err(QueryError::Type {
            property: property.to_string(),
            message: format!("LIKE needs a string column, not a {} one", column.kind()),
        });
    };
    let pattern = compare::text_scalar(array.data_type(), pattern);
    Ok(if case_insensitive {
        arrow_string::like::ilike(array, pattern.as_ref())?
    } else {
        arrow_string::like::like(array, pattern.as_ref())?
    })
}
