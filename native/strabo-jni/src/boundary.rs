//! Error mapping at the JNI boundary.
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

use jni::errors::{Error as JniError, ErrorPolicy};
use jni::strings::JNIString;
use jni::{jni_str, Env, EnvUnowned};
use strabo_eval::{ErrorKind, EvalError};
use strabo_store::StoreError;
use thiserror::Error;

/// Every way a native call can fail.
#[derive(Debug, Error)]
pub(crate) enum BridgeError {
    #[error(transparent)]
    Eval(#[from] EvalError),
    #[error("JNI call failed: {0}")]
    Jni(#[from] JniError),
    #[error(transparent)]
    Store(#[from] strabo_store::StoreError),
    /// A bad argument from the user, e.g. malformed ECQL.
    #[error("{0}")]
    Argument(String),
    /// The JVM handed over something inconsistent (a bug, or mismatched jar and library).
    #[error("{0}")]
    State(String),
}

const ILLEGAL_ARGUMENT: &str = "java/lang/IllegalArgumentException";
const ILLEGAL_STATE: &str = "java/lang/IllegalStateException";
/// Thrown for panics; defined in the jar next to `StraboNative`.
const NATIVE_PANIC: &str = "io/strabo/spark/jni/StraboNativeException";

/// Runs `body` with an `Env`; any error or panic becomes a pending Java exception and the
/// call returns `T::default()`, which the JVM ignores because the exception is thrown.
pub(crate) fn boundary<'local, T: Default>(
    env: &mut EnvUnowned<'local>,
    body: impl FnOnce(&mut Env<'local>) -> Result<T, BridgeError>,
) -> T {
    env.with_env(body).resolve::<ThrowJavaException>()
}

/// Like [`boundary`] for bodies that need no `Env` unless they fail: the per-row calls.
/// jni's thread-attachment bookkeeping costs tens of nanoseconds, so it is paid only to throw.
pub(crate) fn boundary_without_env<T: Default>(
    env: &mut EnvUnowned<'_>,
    body: impl FnOnce() -> Result<T, BridgeError>,
) -> T {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(value)) => value,
        Ok(Err(error)) => boundary(env, |_| Err(error)),
        Err(payload) => boundary(env, |_| resume_unwind(payload)),
    }
}

struct ThrowJavaException;

impl<T: Default> ErrorPolicy<T, BridgeError> for ThrowJavaException {
    type Captures<'unowned_env_local: 'native_method, 'native_method> = ();

    fn on_error<'unowned_env_local: 'native_method, 'native_method>(
        env: &mut Env<'unowned_env_local>,
        _captures: &mut (),
        error: BridgeError,
    ) -> jni::errors::Result<T> {
        if env.exception_check() {
            // A Java exception is already on its way (e.g. from a failed JNI call).
            return Ok(T::default());
        }
        let class = match &error {
            BridgeError::Eval(eval) if eval.kind == ErrorKind::InvalidArgument => ILLEGAL_ARGUMENT,
            BridgeError::Eval(eval) if eval.kind == ErrorKind::Panic => NATIVE_PANIC,
            BridgeError::Argument(_) => ILLEGAL_ARGUMENT,
            // What the user can fix: the schema, the data, the filter, the feature's name or version.
            BridgeError::Store(
                StoreError::Schema(_)
                | StoreError::Data(_)
                | StoreError::Filter(_)
                | StoreError::Unsupported(_)
                | StoreError::NoSuchFeature(..)
                | StoreError::NoSuchVersion { .. }
                | StoreError::VersionExpired { .. },
            ) => ILLEGAL_ARGUMENT,
            _ => ILLEGAL_STATE,
        };
        throw(env, class, &error.to_string());
        Ok(T::default())
    }

    fn on_panic<'unowned_env_local: 'native_method, 'native_method>(
        env: &mut Env<'unowned_env_local>,
        _captures: &mut (),
        payload: Box<dyn std::any::Any + Send + 'static>,
    ) -> jni::errors::Result<T> {
        if !env.exception_check() {
            let message = strabo_panic::message(payload.as_ref());
            throw(
                env,
                NATIVE_PANIC,
                &format!("strabo native library panicked: {message}"),
            );
        }
        Ok(T::default())
    }
}

fn throw(env: &mut Env, class: &str, message: &str) {
    let class = JNIString::from(class);
    // `throw_new` reports the now-pending exception as `Err(JavaException)`; that is the point.
    if env
        .throw_new(class.borrowed(), JNIString::from(message))
        .is_err()
        && !env.exception_check()
    {
        // The exception class itself could not be thrown; fall back to a JDK class.
        let _ = env.throw_new(
            jni_str!("java/lang/RuntimeException"),
            JNIString::from(message),
        );
    }
}
