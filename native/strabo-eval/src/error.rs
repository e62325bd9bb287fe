use std::fmt;
use std::ops::Deref;

/// What kind of failure an [`EvalError`] is; the JNI layer maps it to a Java exception type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The data was bad: malformed WKT/WKB, a bad parameter, mixed SRIDs.
    /// `IllegalArgumentException`.
    InvalidArgument,
    /// The program or the buffers handed over by the JVM were inconsistent: a bug, or a jar and
    /// a native library from different builds. `IllegalStateException`.
    InvalidProgram,
    /// A kernel panicked: a bug. Reported with the function that was running.
    Panic,
}

/// An evaluation failure, naming the function and showing the offending value.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalError(Box<ErrorDetails>);

#[derive(Debug, Clone, PartialEq)]
pub struct ErrorDetails {
    pub kind: ErrorKind,
    pub function: String,
    pub message: String,
    /// `name = preview` of the offending argument, when one is to blame.
    pub value: Option<String>,
}

impl EvalError {
    pub fn new(
        kind: ErrorKind,
        function: impl Into<String>,
        message: impl Into<String>,
        value: Option<String>,
    ) -> Self {
        EvalError(Box::new(ErrorDetails {
            kind,
            function: function.into(),
            message: message.into(),
            value,
        }))
    }

    pub(crate) fn invalid_program(message: impl Into<String>) -> Self {
        EvalError::new(ErrorKind::InvalidProgram, "strabo", message, None)
    }
}

impl Deref for EvalError {
    type Target = ErrorDetails;
    fn deref(&self) -> &ErrorDetails {
        &self.0
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.function, self.message)?;
        if let Some(value) = &self.value {
            write!(f, "; {value}")?;
        }
        Ok(())
    }
}

impl std::error::Error for EvalError {}
