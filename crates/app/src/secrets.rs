//! Secrets the service must read back (the TOTP secrets of two-step
//! sign-in), sealed at rest with AES-256-GCM under a key kept outside the
//! database: a copied database or backup does not hand anyone the second
//! factors. A sealed value is `v1:` and the base64 of a fresh 96-bit nonce
//! followed by the ciphertext; anything else is a value stored before
//! sealing, which [`crate::second_factor::seal_stored`] seals at start-up.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::RngCore;

use crate::{AppError, AppResult};

const SEALED: &str = "v1:";

/// The key secrets are sealed with.
#[derive(Clone)]
pub struct SecretsKey(Aes256Gcm);

impl std::fmt::Debug for SecretsKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretsKey(…)")
    }
}

impl SecretsKey {
    /// The key from its 32 bytes.
    pub fn new(bytes: &[u8; 32]) -> SecretsKey {
        SecretsKey(Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(bytes)))
    }

    /// A fresh random key (for a store nobody reopens, as in unit tests).
    pub fn random() -> SecretsKey {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        SecretsKey::new(&bytes)
    }

    /// `plain`, sealed.
    pub fn seal(&self, plain: &str) -> AppResult<String> {
        let mut nonce = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = self
            .0
            .encrypt(Nonce::from_slice(&nonce), plain.as_bytes())
            .map_err(|_| AppError::internal("a secret could not be sealed"))?;
        let mut bytes = nonce.to_vec();
        bytes.extend(sealed);
        Ok(format!("{SEALED}{}", STANDARD.encode(bytes)))
    }

    /// The secret in `stored`: opened if sealed (an error if this key did
    /// not seal it), as it is if stored before sealing.
    pub fn open(&self, stored: &str) -> AppResult<String> {
        let Some(sealed) = stored.strip_prefix(SEALED) else {
            return Ok(stored.to_owned());
        };
        let bytes = STANDARD
            .decode(sealed)
            .map_err(|_| AppError::internal("a sealed secret is not base64"))?;
        if bytes.len() < 12 {
            return Err(AppError::internal("a sealed secret is too short"));
        }
        let (nonce, ciphertext) = bytes.split_at(12);
        let plain = self
            .0
            .decrypt(Nonce::from_slice(nonce), ciphertext)
            .map_err(|_| {
                AppError::internal("a sealed secret does not open with the secrets key")
            })?;
        String::from_utf8(plain).map_err(|_| AppError::internal("a sealed secret is not text"))
    }

    /// Whether `stored` is sealed.
    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(SEALED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_secret_opens_with_its_key_only() {
        let key = SecretsKey::random();
        let sealed = key.seal("JBSWY3DPEHPK3PXP").expect("sealed");
        assert!(SecretsKey::is_sealed(&sealed));
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_ne!(
            sealed,
            key.seal("JBSWY3DPEHPK3PXP").expect("sealed"),
            "a fresh nonce each time"
        );
        assert_eq!(key.open(&sealed).expect("opens"), "JBSWY3DPEHPK3PXP");
        assert!(SecretsKey::random().open(&sealed).is_err());
        assert_eq!(
            key.open("JBSWY3DPEHPK3PXP").expect("as stored"),
            "JBSWY3DPEHPK3PXP"
        );
    }
}
