//! An office's Ed25519 signing key, its key id (what a manifest names) and its fingerprint (what
//! two officers read to each other on the phone before one trusts the other's key).

use crate::BundleError;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

/// The signing key of this office. Its secret half never leaves the installation.
pub struct OfficeKey(SigningKey);

impl OfficeKey {
    /// A new key from the operating system's random source.
    pub fn generate() -> Result<Self, BundleError> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(|e| BundleError::BadKey(e.to_string()))?;
        Ok(Self(SigningKey::from_bytes(&secret)))
    }

    pub fn from_secret(secret: &[u8]) -> Result<Self, BundleError> {
        let secret: [u8; 32] = secret
            .try_into()
            .map_err(|_| BundleError::BadKey("a secret key is 32 bytes".into()))?;
        Ok(Self(SigningKey::from_bytes(&secret)))
    }

    pub fn secret(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    pub fn public(&self) -> [u8; 32] {
        self.0.verifying_key().to_bytes()
    }

    pub fn key_id(&self) -> String {
        key_id(&self.public())
    }

    pub(crate) fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.0.sign(message).to_bytes()
    }
}

/// The first 8 bytes of the SHA-256 of the public key, in hex: short, and what manifests name.
pub fn key_id(public: &[u8; 32]) -> String {
    hex(&Sha256::digest(public)[..8])
}

/// The first 16 bytes of the SHA-256 of the public key, as eight groups of four hex digits.
pub fn fingerprint(public: &[u8; 32]) -> String {
    let digest = hex(&Sha256::digest(public)[..16]).to_uppercase();
    digest
        .as_bytes()
        .chunks(4)
        .map(|group| String::from_utf8_lossy(group).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A public key as kept in a trust list, refused if it is not a valid curve point.
pub fn verifying_key(public: &[u8]) -> Result<VerifyingKey, BundleError> {
    let bytes: [u8; 32] = public
        .try_into()
        .map_err(|_| BundleError::BadKey("a public key is 32 bytes".into()))?;
    VerifyingKey::from_bytes(&bytes).map_err(|e| BundleError::BadKey(e.to_string()))
}

/// Strict verification: no malleable or small-order signatures.
pub(crate) fn verify(key: &VerifyingKey, message: &[u8], signature: &[u8]) -> bool {
    Signature::from_slice(signature).is_ok_and(|sig| key.verify_strict(message, &sig).is_ok())
}

/// A writer that only feeds a SHA-256: to hash a stream without keeping it.
pub(crate) struct HashSink<'a>(pub &'a mut Sha256);

impl std::io::Write for HashSink<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
