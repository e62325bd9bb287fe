use thiserror::Error;

/// A value a curve can't index.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum CurveError {
    /// The bits per dimension are outside what the curve supports.
    #[error("{curve} precision {precision} is outside [1, {max}]")]
    Precision {
        /// Which curve.
        curve: &'static str,
        /// The requested precision.
        precision: u32,
        /// The largest supported precision.
        max: u32,
    },
    /// A coordinate or time offset lies outside the curve's domain (or is NaN).
    #[error("value(s) out of bounds ({domain}): {values}")]
    OutOfBounds {
        /// The curve's domain.
        domain: String,
        /// The offending values.
        values: String,
    },
    /// A box whose min is above its max on some axis.
    #[error("bounds must be ordered: min {min:?}, max {max:?}")]
    Unordered {
        /// Lower bounds, one per axis.
        min: Vec<f64>,
        /// Upper bounds, one per axis.
        max: Vec<f64>,
    },
    /// A time before 1970 or after the last bin a signed 16-bit count can hold.
    #[error("time {millis} ms is outside the indexable range of {period} bins [0, {max_millis})")]
    TimeOutOfRange {
        /// Milliseconds since 1970-01-01 UTC.
        millis: i64,
        /// The bin period.
        period: &'static str,
        /// The first instant past the last bin.
        max_millis: i64,
    },
}

/// A partition scheme string or option GeoMesa would reject or Strabo doesn't support.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SchemeError {
    /// A name that is no GeoMesa scheme.
    #[error("unknown partition scheme '{0}'")]
    Unknown(String),
    /// A GeoMesa scheme Strabo does not implement.
    #[error("partition scheme '{0}' is not supported by Strabo")]
    Unsupported(String),
    /// A spatial scheme with an odd bit count.
    #[error("partition scheme '{scheme}': resolution must be an even number of bits, got {bits}")]
    OddBits {
        /// The scheme text.
        scheme: String,
        /// The bit count.
        bits: u32,
    },
    /// A spatial scheme whose bit count the curve can't use.
    #[error("partition scheme '{scheme}': {bits} bits is outside [{min}, {max}]")]
    BitsOutOfRange {
        /// The scheme text.
        scheme: String,
        /// The bit count.
        bits: u32,
        /// Smallest allowed.
        min: u32,
        /// Largest allowed.
        max: u32,
    },
    /// A required option is absent.
    #[error("partition scheme '{scheme}' requires option '{option}'")]
    MissingOption {
        /// The scheme text.
        scheme: String,
        /// The option key.
        option: &'static str,
    },
    /// An option value that doesn't parse.
    #[error("partition scheme '{scheme}': invalid value '{value}' for option '{option}'")]
    BadOption {
        /// The scheme text.
        scheme: String,
        /// The option key.
        option: &'static str,
        /// The bad value.
        value: String,
    },
    /// An attribute scheme whose default partition is not in its allow-list.
    #[error("default partition '{0}' must be one of the allowed values")]
    DefaultNotAllowed(String),
    /// `flat` used inside a composite scheme.
    #[error("partition scheme '{0}': 'flat' cannot be part of a composite scheme")]
    FlatInComposite(String),
}

/// A row whose values a partition scheme can't name a partition for.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum PartitionError {
    /// The scheme needs a value the row doesn't have.
    #[error("the {0} partition scheme needs a {1} value")]
    MissingValue(&'static str, &'static str),
    /// A z2 scheme partitions points only, as in GeoMesa.
    #[error("the z2 partition scheme needs a point geometry, got {0:?}")]
    NotAPoint(crate::BBox),
    /// A date before year 1 or after year 9999.
    #[error("time {0} ms can't be formatted as a partition name")]
    TimeOutOfRange(i64),
    /// A geometry outside the curve's domain.
    #[error(transparent)]
    Curve(#[from] CurveError),
}
