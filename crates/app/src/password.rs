//! Password hashing with argon2id, off the async threads.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use grants_domain::ValidationErrors;
use secrecy::{ExposeSecret, SecretString};
use std::sync::OnceLock;

use crate::{AppError, AppResult};

/// Shortest and longest passwords accepted.
const MIN_CHARS: usize = 10;
const MAX_CHARS: usize = 128;

/// The hash of a random password no one knows, verified against when an
/// address has no account so that both cases take the same time.
static DUMMY_HASH: OnceLock<String> = OnceLock::new();

fn dummy_hash() -> &'static str {
    DUMMY_HASH.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        let unknown = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(unknown.as_str().as_bytes(), &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

/// Checks the password policy, naming `field` on failure.
pub(crate) fn check_policy(field: &str, password: &SecretString) -> Result<(), ValidationErrors> {
    let chars = password.expose_secret().chars().count();
    if chars < MIN_CHARS {
        let mut errors = ValidationErrors::default();
        errors.push_limits(
            field,
            "too_short",
            format!("a password has at least {MIN_CHARS} characters"),
            &[("min", i64::try_from(MIN_CHARS).unwrap_or(i64::MAX))],
        );
        return Err(errors);
    }
    if chars > MAX_CHARS {
        return Err(ValidationErrors::single(
            field,
            "too_long",
            format!("a password has at most {MAX_CHARS} characters"),
        ));
    }
    Ok(())
}

/// Hashes a password with argon2id and a fresh salt.
pub(crate) async fn hash(password: SecretString) -> AppResult<String> {
    blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.expose_secret().as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::internal(format!("hashing failed: {e}")))
    })
    .await
}

/// True if `password` matches `stored`; with `None`, checks a dummy hash and returns false.
pub(crate) async fn verify(password: SecretString, stored: Option<String>) -> AppResult<bool> {
    blocking(move || {
        let known = stored.is_some();
        let phc = stored.unwrap_or_else(|| dummy_hash().to_owned());
        let Ok(parsed) = PasswordHash::new(&phc) else {
            return Ok(false);
        };
        let matches = Argon2::default()
            .verify_password(password.expose_secret().as_bytes(), &parsed)
            .is_ok();
        Ok(known && matches)
    })
    .await
}

/// At most one hash per core at a time: each takes argon2's 19 MiB and a
/// core's worth of work, so a burst of log-ins queues here instead of
/// growing the server's memory and starving the requests around it.
static HASHING: OnceLock<tokio::sync::Semaphore> = OnceLock::new();

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    let permits = HASHING.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    });
    let _permit = permits
        .acquire()
        .await
        .map_err(|e| AppError::internal(format!("hashing queue closed: {e}")))?;
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::internal(format!("hashing task failed: {e}")))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_own_password() {
        let stored = hash(SecretString::from("correct horse battery"))
            .await
            .expect("hashes");
        assert!(stored.starts_with("$argon2id$"));
        assert!(
            verify(
                SecretString::from("correct horse battery"),
                Some(stored.clone())
            )
            .await
            .expect("verifies")
        );
        assert!(
            !verify(SecretString::from("wrong horse battery"), Some(stored))
                .await
                .expect("verifies")
        );
    }

    #[tokio::test]
    async fn the_dummy_hash_never_matches() {
        assert!(
            PasswordHash::new(dummy_hash()).is_ok(),
            "the dummy must be a valid PHC string"
        );
        assert!(
            !verify(SecretString::from("anything at all"), None)
                .await
                .expect("verifies")
        );
    }

    #[test]
    fn policy_bounds_length() {
        assert!(check_policy("password", &SecretString::from("short")).is_err());
        assert!(check_policy("password", &SecretString::from("long enough pw")).is_ok());
        assert!(check_policy("password", &SecretString::from("x".repeat(129))).is_err());
    }
}
