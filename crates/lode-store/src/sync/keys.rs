//! This office's signing key and the trust list of other offices' keys. A key is trusted after its
//! fingerprint was read out and confirmed (by phone, say); a revoked key stays listed, refused.

use crate::error::{Result, StoreError};
use crate::writer::Writer;
use lode_bundle::{OfficeKey, Trust, fingerprint, key_id, verifying_key};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// A public key as people see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyInfo {
    pub key_id: String,
    pub fingerprint: String,
    /// The 32 bytes in hex: what is sent to the other office.
    pub public_key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrustedKey {
    #[serde(flatten)]
    pub key: KeyInfo,
    pub office_name: String,
    pub trusted_at: i64,
    pub revoked_at: Option<i64>,
}

fn info(public: &[u8; 32]) -> KeyInfo {
    KeyInfo {
        key_id: key_id(public),
        fingerprint: fingerprint(public),
        public_key: public.iter().map(|b| format!("{b:02x}")).collect(),
    }
}

fn public_bytes(blob: &[u8]) -> Result<[u8; 32]> {
    blob.try_into()
        .map_err(|_| StoreError::Corrupt("a stored public key is not 32 bytes".into()))
}

/// Makes this office's key; refused when it has one (a new key would orphan the trust others
/// placed in the old one).
pub fn create_office_key(w: &Writer) -> Result<KeyInfo> {
    if office_key_info(w.tx())?.is_some() {
        return Err(StoreError::OfficeKeyExists);
    }
    let key = OfficeKey::generate().map_err(|error| StoreError::Bundle {
        file: String::new(),
        error,
    })?;
    w.tx().execute(
        "INSERT INTO office_key (singleton, key_id, public_key, secret_key, created_at)
         VALUES (1, ?1, ?2, ?3, ?4)",
        params![
            key.key_id(),
            key.public().to_vec(),
            key.secret().to_vec(),
            w.now()
        ],
    )?;
    Ok(info(&key.public()))
}

pub fn office_key_info(conn: &Connection) -> Result<Option<KeyInfo>> {
    let public: Option<Vec<u8>> = conn
        .query_row("SELECT public_key FROM office_key", [], |row| row.get(0))
        .optional()?;
    public.map(|p| Ok(info(&public_bytes(&p)?))).transpose()
}

pub(crate) fn office_key(conn: &Connection) -> Result<OfficeKey> {
    let secret: Vec<u8> = conn
        .query_row("SELECT secret_key FROM office_key", [], |row| row.get(0))
        .optional()?
        .ok_or(StoreError::NoOfficeKey)?;
    OfficeKey::from_secret(&secret).map_err(|error| StoreError::Bundle {
        file: String::new(),
        error,
    })
}

/// Trusts another office's key, given as the hex its office sent; returns it with the fingerprint
/// to confirm. A key revoked here cannot be trusted again.
pub fn trust(w: &Writer, office_name: &str, public_hex: &str) -> Result<TrustedKey> {
    let public: [u8; 32] = parse_hex(public_hex)
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(StoreError::BadPublicKey)?;
    verifying_key(&public).map_err(|_| StoreError::BadPublicKey)?;
    let id = key_id(&public);
    if let Some(existing) = trusted(w.tx())?.into_iter().find(|k| k.key.key_id == id) {
        if existing.revoked_at.is_some() {
            return Err(StoreError::KeyRevoked(id));
        }
        return Ok(existing);
    }
    let office_name = office_name.trim();
    if office_name.is_empty() {
        return Err(StoreError::BadPublicKey);
    }
    w.tx().execute(
        "INSERT INTO trusted_key (key_id, office_name, public_key, trusted_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, office_name, public.to_vec(), w.now()],
    )?;
    Ok(TrustedKey {
        key: info(&public),
        office_name: office_name.to_owned(),
        trusted_at: w.now(),
        revoked_at: None,
    })
}

pub fn revoke(w: &Writer, key_id: &str) -> Result<()> {
    let changed = w.tx().execute(
        "UPDATE trusted_key SET revoked_at = ?2 WHERE key_id = ?1 AND revoked_at IS NULL",
        params![key_id, w.now()],
    )?;
    if changed == 0 {
        return Err(StoreError::NotFound {
            what: "trusted_key",
            id: key_id.to_owned(),
        });
    }
    Ok(())
}

pub fn trusted(conn: &Connection) -> Result<Vec<TrustedKey>> {
    let mut stmt = conn.prepare(
        "SELECT public_key, office_name, trusted_at, revoked_at FROM trusted_key ORDER BY office_name, key_id",
    )?;
    let rows = stmt
        .query_map([], |row| {
            Ok((
                row.get::<_, Vec<u8>>(0)?,
                row.get::<_, String>(1)?,
                row.get(2)?,
                row.get(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(public, office_name, trusted_at, revoked_at)| {
            Ok(TrustedKey {
                key: info(&public_bytes(&public)?),
                office_name,
                trusted_at,
                revoked_at,
            })
        })
        .collect()
}

/// What the trust list says of a key id, for `lode_bundle::verify` (a key that cannot be read is
/// as good as unknown).
pub(crate) fn trust_of(conn: &Connection, key_id: &str) -> Trust {
    let found: Option<(Vec<u8>, Option<i64>)> = conn
        .prepare_cached("SELECT public_key, revoked_at FROM trusted_key WHERE key_id = ?1")
        .and_then(|mut stmt| {
            stmt.query_row([key_id], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()
        })
        .ok()
        .flatten();
    match found {
        None => Trust::Unknown,
        Some((_, Some(_))) => Trust::Revoked,
        Some((public, None)) => verifying_key(&public).map_or(Trust::Unknown, Trust::Trusted),
    }
}

fn parse_hex(text: &str) -> Option<Vec<u8>> {
    let text: String = text.split_whitespace().collect();
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    (0..64)
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}
