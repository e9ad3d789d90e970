//! Sealing: optional [age](https://age-encryption.org) encryption of a finished bundle to the
//! national office's X25519 key, so that a lost USB stick leaks nothing. A bundle is signed, then
//! sealed: the sealed file is an age file wrapping the whole signed zip, and unsealing gives that
//! zip back, to be verified like any other. The national office keeps its identity at rest only
//! encrypted with a passphrase (age's scrypt); the passphrase itself is never stored, and this
//! module never writes the secret key unencrypted. Output is written beside its destination and
//! renamed into place only when complete, so a failure leaves no half file.

use crate::BundleError;
use age::secrecy::{ExposeSecret, SecretString};
use age::{DecryptError, Decryptor, Encryptor, x25519};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::Path;
use std::str::FromStr;

/// The first bytes of every age file (a zip starts with `PK`).
const AGE_HEADER: &[u8] = b"age-encryption.org/v1\n";

/// The most a protected identity may hold once decrypted: a key and a comment line.
const MAX_IDENTITY_BYTES: u64 = 4096;

/// The national office's X25519 age identity: districts seal to its recipient; it unseals.
pub struct SealingIdentity(x25519::Identity);

/// Shows the public recipient only, never the secret.
impl std::fmt::Debug for SealingIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("SealingIdentity")
            .field(&self.recipient())
            .finish()
    }
}

impl SealingIdentity {
    /// A new identity from the operating system's random source.
    pub fn generate() -> Self {
        Self(x25519::Identity::generate())
    }

    /// The public `age1…` string that district offices seal to.
    pub fn recipient(&self) -> String {
        self.0.to_public().to_string()
    }

    /// The identity encrypted with `passphrase` (binary age, scrypt), to be kept at rest. The
    /// plaintext is an age identity file, so `age -d` can also open it.
    pub fn protect(&self, passphrase: &str) -> Result<Vec<u8>, BundleError> {
        if passphrase.is_empty() {
            return Err(BundleError::BadKey("the passphrase is empty".into()));
        }
        let encryptor = Encryptor::with_user_passphrase(SecretString::from(passphrase));
        let mut protected = Vec::new();
        let mut writer = encryptor.wrap_output(&mut protected)?;
        writeln!(writer, "# public key: {}", self.recipient())?;
        writer.write_all(self.0.to_string().expose_secret().as_bytes())?;
        writer.write_all(b"\n")?;
        writer.finish()?;
        Ok(protected)
    }

    /// The identity that `protect` encrypted, unlocked with its passphrase.
    pub fn unlock(protected: &[u8], passphrase: &str) -> Result<Self, BundleError> {
        let identity = age::scrypt::Identity::new(SecretString::from(passphrase));
        let decryptor = Decryptor::new_buffered(protected).map_err(unreadable_key)?;
        let reader = decryptor
            .decrypt(std::iter::once(&identity as &dyn age::Identity))
            .map_err(|error| match error {
                DecryptError::DecryptionFailed => BundleError::WrongPassphrase,
                other => unreadable_key(other),
            })?;
        let mut text = String::new();
        reader
            .take(MAX_IDENTITY_BYTES)
            .read_to_string(&mut text)
            .map_err(unreadable_key)?;
        let text = SecretString::from(text);
        let key = text
            .expose_secret()
            .lines()
            .map(str::trim)
            .find(|line| !line.is_empty() && !line.starts_with('#'))
            .unwrap_or_default();
        x25519::Identity::from_str(key).map(Self).map_err(|e| {
            BundleError::BadKey(format!("the protected key holds no age identity ({e})"))
        })
    }
}

fn unreadable_key(error: impl std::fmt::Display) -> BundleError {
    BundleError::BadKey(format!("the protected key cannot be read ({error})"))
}

/// Checks that `text` is an X25519 age recipient (`age1…`); surrounding whitespace is ignored.
pub fn valid_recipient(text: &str) -> Result<(), BundleError> {
    parse_recipient(text).map(|_| ())
}

fn parse_recipient(text: &str) -> Result<x25519::Recipient, BundleError> {
    let text = text.trim();
    x25519::Recipient::from_str(text)
        .map_err(|e| BundleError::BadKey(format!("`{text}` is not an age recipient (age1…): {e}")))
}

/// Whether the file starts with the age header; reads only those first bytes.
pub fn is_sealed(path: &Path) -> io::Result<bool> {
    let mut start = Vec::with_capacity(AGE_HEADER.len());
    File::open(path)?
        .take(AGE_HEADER.len() as u64)
        .read_to_end(&mut start)?;
    Ok(start == AGE_HEADER)
}

/// Encrypts the file `plain` to `recipient` into `sealed`, streaming in constant memory.
pub fn seal(plain: &Path, sealed: &Path, recipient: &str) -> Result<(), BundleError> {
    let recipient = parse_recipient(recipient)?;
    let encryptor = Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .map_err(|e| BundleError::BadKey(e.to_string()))?;
    let mut source = File::open(plain)?;
    write_beside(sealed, |out| {
        let mut writer = encryptor.wrap_output(out)?;
        io::copy(&mut source, &mut writer)?;
        writer.finish()?;
        Ok(())
    })
}

/// Decrypts `sealed` into `plain`, refusing more than `max_bytes` of plaintext; returns the
/// bytes written. The zip it gives back still has to pass `verify`.
pub fn unseal(
    sealed: &Path,
    plain: &Path,
    identity: &SealingIdentity,
    max_bytes: u64,
) -> Result<u64, BundleError> {
    let input = BufReader::new(File::open(sealed)?);
    let decryptor = Decryptor::new_buffered(input).map_err(refusal)?;
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity.0 as &dyn age::Identity))
        .map_err(refusal)?;
    let name = sealed.file_name().map_or_else(
        || sealed.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    write_beside(plain, |out| {
        copy_bounded(&mut reader, out, max_bytes, &name)
    })
}

/// Copies plaintext, counting the real bytes and stopping once they pass `limit`.
fn copy_bounded(
    from: &mut impl Read,
    to: &mut impl Write,
    limit: u64,
    name: &str,
) -> Result<u64, BundleError> {
    let mut buffer = vec![0; 64 * 1024];
    let mut written = 0u64;
    loop {
        let count = match from.read(&mut buffer) {
            Ok(0) => return Ok(written),
            Ok(count) => count,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(stream_error(e)),
        };
        written += count as u64;
        if written > limit {
            return Err(BundleError::TooLarge {
                path: name.to_owned(),
                limit,
            });
        }
        to.write_all(&buffer[..count])?;
    }
}

/// Why a sealed file cannot be opened with this identity.
fn refusal(error: DecryptError) -> BundleError {
    match error {
        DecryptError::NoMatchingKeys => BundleError::NotForThisOffice,
        DecryptError::Io(e) => stream_error(e),
        other => BundleError::SealCorrupt(other.to_string()),
    }
}

/// age reports a failed or truncated chunk as bad or missing data; anything else is the disk's.
fn stream_error(error: io::Error) -> BundleError {
    match error.kind() {
        io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof => {
            BundleError::SealCorrupt(error.to_string())
        }
        _ => BundleError::Io(error),
    }
}

/// Writes `destination` through a temporary file in its folder, synced then renamed into place
/// only if `write` succeeds; otherwise the temporary file is removed when dropped.
fn write_beside<T>(
    destination: &Path,
    write: impl FnOnce(&mut BufWriter<&File>) -> Result<T, BundleError>,
) -> Result<T, BundleError> {
    let folder = match destination.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let partial = tempfile::Builder::new()
        .prefix(".lode-")
        .suffix(".part")
        .tempfile_in(folder)?;
    let mut out = BufWriter::new(partial.as_file());
    let value = write(&mut out)?;
    out.into_inner().map_err(io::IntoInnerError::into_error)?;
    partial.as_file().sync_all()?;
    partial.persist(destination).map_err(|e| e.error)?;
    Ok(value)
}
