//! Sealing in the store: a national office's sealing key, kept only encrypted with a passphrase
//! that is never stored; the office a district seals its bundles to; and the passphrase asked for
//! when a sealed bundle arrives. The encryption itself is `lode_bundle::seal`'s.

use crate::error::{Result, StoreError};
use crate::writer::Writer;
use lode_bundle::{BundleError, SealingIdentity, valid_recipient};
use lode_core::{FieldError, Invalid};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// The shortest passphrase accepted for a sealing key.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

/// Where this office seals its bundles to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SealTo {
    pub office_name: String,
    pub recipient: String,
    pub set_at: i64,
    /// The reference package that named it; None when an officer typed it in.
    pub from_bundle: Option<String>,
}

fn bundle_error(error: BundleError) -> StoreError {
    StoreError::Bundle {
        file: String::new(),
        error,
    }
}

/// Makes this office's sealing key, protected by `passphrase`; returns its recipient. Refused
/// when it has one: bundles sealed to the old one could no longer be opened.
pub fn create_sealing_key(w: &Writer, passphrase: &str) -> Result<String> {
    if sealing_recipient(w.tx())?.is_some() {
        return Err(StoreError::SealingKeyExists);
    }
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(StoreError::WeakPassphrase);
    }
    let identity = SealingIdentity::generate();
    let protected = identity.protect(passphrase).map_err(bundle_error)?;
    let recipient = identity.recipient();
    w.tx().execute(
        "INSERT INTO sealing_key (singleton, recipient, protected, created_at) VALUES (1, ?1, ?2, ?3)",
        params![recipient, protected, w.now()],
    )?;
    Ok(recipient)
}

/// This office's sealing recipient (`age1…`), if it has a sealing key.
pub fn sealing_recipient(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT recipient FROM sealing_key", [], |r| r.get(0))
        .optional()?)
}

/// The sealing key, unlocked for one import.
pub(crate) fn unlock(conn: &Connection, passphrase: &str) -> Result<SealingIdentity> {
    let protected: Vec<u8> = conn
        .query_row("SELECT protected FROM sealing_key", [], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NoSealingKey)?;
    SealingIdentity::unlock(&protected, passphrase).map_err(bundle_error)
}

pub fn seal_to(conn: &Connection) -> Result<Option<SealTo>> {
    Ok(conn
        .query_row(
            "SELECT office_name, recipient, set_at, from_bundle FROM seal_to",
            [],
            |r| {
                Ok(SealTo {
                    office_name: r.get(0)?,
                    recipient: r.get(1)?,
                    set_at: r.get(2)?,
                    from_bundle: r.get(3)?,
                })
            },
        )
        .optional()?)
}

/// Names the office to seal bundles to, as an officer typed it (its name and `age1…` recipient).
pub fn set_seal_to(w: &Writer, office_name: &str, recipient: &str) -> Result<SealTo> {
    remember_seal_to(w, office_name, recipient, None)
}

pub(crate) fn remember_seal_to(
    w: &Writer,
    office_name: &str,
    recipient: &str,
    from_bundle: Option<&str>,
) -> Result<SealTo> {
    let (office_name, recipient) = (office_name.trim(), recipient.trim());
    valid_recipient(recipient).map_err(bundle_error)?;
    if office_name.is_empty() {
        return Err(Invalid(vec![FieldError {
            field: "sealToOffice".into(),
            code: "required",
        }])
        .into());
    }
    w.tx().execute(
        "INSERT INTO seal_to (singleton, office_name, recipient, set_at, from_bundle)
         VALUES (1, ?1, ?2, ?3, ?4)
         ON CONFLICT (singleton) DO UPDATE SET office_name = excluded.office_name,
           recipient = excluded.recipient, set_at = excluded.set_at,
           from_bundle = excluded.from_bundle",
        params![office_name, recipient, w.now(), from_bundle],
    )?;
    Ok(SealTo {
        office_name: office_name.to_owned(),
        recipient: recipient.to_owned(),
        set_at: w.now(),
        from_bundle: from_bundle.map(str::to_owned),
    })
}
