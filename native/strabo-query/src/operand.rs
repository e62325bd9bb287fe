//! A literal compared with a column whose domain it may not belong to (a float against an
//! integer column, an instant in microseconds against a column of seconds), placed exactly
//! among the domain's values so one comparison kernel, or none, gives the SQL answer.
use strabo_filter::{CompareOp, Literal};

/// Where a constant falls among the values of a column's domain.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Operand<N> {
    /// It is this value of the domain.
    Exact(N),
    /// It lies strictly between this value and the next value of the domain.
    Above(N),
    /// It is greater than every value of the domain.
    AboveAll,
    /// It is less than every value of the domain.
    BelowAll,
}

/// `value OPERATOR constant`, with the constant in the value's domain.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Comparison<N> {
    /// One comparison kernel against this constant.
    Kernel(CompareOp, N),
    /// True for every non-null value, or for none.
    Always(bool),
}

impl<N> Operand<N> {
    pub(crate) fn compare(self, operator: CompareOp) -> Comparison<N> {
        use CompareOp::*;
        match self {
            Operand::Exact(constant) => Comparison::Kernel(operator, constant),
            // Nothing of the domain lies between `low` and the constant.
            Operand::Above(low) => match operator {
                Eq => Comparison::Always(false),
                Ne => Comparison::Always(true),
                Lt | Le => Comparison::Kernel(Le, low),
                Gt | Ge => Comparison::Kernel(Gt, low),
            },
            Operand::AboveAll => Comparison::Always(matches!(operator, Ne | Lt | Le)),
            Operand::BelowAll => Comparison::Always(matches!(operator, Ne | Gt | Ge)),
        }
    }
}

/// Two to the 127th, the first float past `i128`.
const I128_LIMIT: f64 = 170_141_183_460_469_231_731_687_303_715_884_105_728.0;

impl Operand<i128> {
    /// A number literal among the integers; `None` for other literals.
    pub(crate) fn of_number(value: &Literal) -> Option<Operand<i128>> {
        match value {
            Literal::Integer(integer) => Some(Operand::Exact(i128::from(*integer))),
            Literal::Float(float) => Some(Operand::float_among_integers(*float)),
            _ => None,
        }
    }

    /// A finite float among the integers.
    pub(crate) fn float_among_integers(value: f64) -> Operand<i128> {
        if value >= I128_LIMIT {
            return Operand::AboveAll;
        }
        if value < -I128_LIMIT {
            return Operand::BelowAll;
        }
        let floor = value.floor();
        if floor == value {
            Operand::Exact(floor as i128)
        } else {
            Operand::Above(floor as i128)
        }
    }

    /// An instant in epoch microseconds among the values of a time column.
    pub(crate) fn of_instant(micros: i64, scale: TimeScale) -> Operand<i128> {
        let nanos = i128::from(micros) * 1000;
        let unit = i128::from(scale.nanos());
        if nanos % unit == 0 {
            Operand::Exact(nanos / unit)
        } else {
            Operand::Above(nanos.div_euclid(unit))
        }
    }

    /// The same constant among the values of a narrower integer type.
    pub(crate) fn narrow<N: TryFrom<i128>>(self) -> Operand<N> {
        let outside = |value: i128| {
            if value > 0 {
                Operand::AboveAll
            } else {
                Operand::BelowAll
            }
        };
        match self {
            Operand::Exact(value) => {
                N::try_from(value).map_or_else(|_| outside(value), Operand::Exact)
            }
            Operand::Above(value) => {
                N::try_from(value).map_or_else(|_| outside(value), Operand::Above)
            }
            Operand::AboveAll => Operand::AboveAll,
            Operand::BelowAll => Operand::BelowAll,
        }
    }
}

impl Operand<f64> {
    /// A number literal among the floats; `None` for other literals.
    pub(crate) fn of_number(value: &Literal) -> Option<Operand<f64>> {
        match value {
            Literal::Integer(integer) => Some(Operand::integer_among_floats(*integer)),
            Literal::Float(float) => Some(Operand::float(*float)),
            _ => None,
        }
    }

    /// An integer among the floats: exact up to 2^53, between two neighbours beyond.
    pub(crate) fn integer_among_floats(value: i64) -> Operand<f64> {
        let rounded = value as f64;
        match (rounded as i128).cmp(&i128::from(value)) {
            std::cmp::Ordering::Equal => Operand::Exact(rounded),
            std::cmp::Ordering::Greater => Operand::Above(rounded.next_down()),
            std::cmp::Ordering::Less => Operand::Above(rounded),
        }
    }

    /// A finite float, with -0 as 0 (see [`crate::column::normalized_float`]).
    pub(crate) fn float(value: f64) -> Operand<f64> {
        Operand::Exact(value + 0.0)
    }
}

/// The unit of a date or timestamp column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeScale {
    Days,
    Seconds,
    Millis,
    Micros,
    Nanos,
}

impl TimeScale {
    /// Nanoseconds in one unit.
    pub(crate) fn nanos(self) -> i64 {
        match self {
            TimeScale::Days => 86_400_000_000_000,
            TimeScale::Seconds => 1_000_000_000,
            TimeScale::Millis => 1_000_000,
            TimeScale::Micros => 1_000,
            TimeScale::Nanos => 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CompareOp::*;

    #[test]
    fn floats_fall_between_integers() {
        assert_eq!(Operand::float_among_integers(2.0), Operand::Exact(2));
        assert_eq!(Operand::float_among_integers(2.5), Operand::Above(2));
        assert_eq!(Operand::float_among_integers(-2.5), Operand::Above(-3));
        assert_eq!(Operand::float_among_integers(1e300), Operand::AboveAll);
        assert_eq!(Operand::float_among_integers(-1e300), Operand::BelowAll);
        assert_eq!(
            Operand::float_among_integers(2.5).compare(Lt),
            Comparison::Kernel(Le, 2)
        );
        assert_eq!(
            Operand::float_among_integers(2.5).compare(Ge),
            Comparison::Kernel(Gt, 2)
        );
        assert_eq!(
            Operand::float_among_integers(2.5).compare(Eq),
            Comparison::Always(false)
        );
        assert_eq!(
            Operand::float_among_integers(2.5).compare(Ne),
            Comparison::Always(true)
        );
    }

    #[test]
    fn narrowing_puts_large_constants_outside() {
        let big = Operand::Exact(i128::from(i32::MAX) + 1).narrow::<i32>();
        assert_eq!(big, Operand::AboveAll);
        assert_eq!(big.compare(Lt), Comparison::Always(true));
        assert_eq!(big.compare(Gt), Comparison::Always(false));
        let small = Operand::Above(i128::from(i32::MIN) - 1).narrow::<i32>();
        assert_eq!(small.compare(Ge), Comparison::Always(true));
        assert_eq!(Operand::Exact(5i128).narrow::<i32>(), Operand::Exact(5));
    }

    #[test]
    fn instants_fall_between_coarse_units() {
        assert_eq!(
            Operand::of_instant(1_500_000, TimeScale::Seconds),
            Operand::Above(1)
        );
        assert_eq!(
            Operand::of_instant(-1_500_000, TimeScale::Seconds),
            Operand::Above(-2)
        );
        assert_eq!(
            Operand::of_instant(2_000_000, TimeScale::Seconds),
            Operand::Exact(2)
        );
        assert_eq!(
            Operand::of_instant(7, TimeScale::Nanos),
            Operand::Exact(7000)
        );
        let far = Operand::of_instant(strabo_filter::MAX_INSTANT, TimeScale::Nanos);
        assert_eq!(far.narrow::<i64>(), Operand::AboveAll);
    }

    #[test]
    fn large_integers_fall_between_floats() {
        assert_eq!(Operand::integer_among_floats(3), Operand::Exact(3.0));
        let odd = (1i64 << 53) + 1;
        let Operand::Above(low) = Operand::integer_among_floats(odd) else {
            panic!("2^53 + 1 is no float")
        };
        assert!((low as i128) < i128::from(odd) && (low.next_up() as i128) > i128::from(odd));
        let Operand::Exact(zero) = Operand::float(-0.0) else {
            panic!("-0 is a float")
        };
        assert!(zero == 0.0 && zero.is_sign_positive());
    }
}
