//! Entry names a bundle may use: relative, forward slashes, no `..`, nothing a file system would
//! read as a drive, a device or a hidden escape.

/// The path of a table's records.
pub fn records(table: &str) -> String {
    format!("records/{table}.jsonl")
}

/// The path of an attachment stored by its SHA-256 (hex).
pub fn attachment(sha256: &str) -> String {
    format!("attachments/{sha256}")
}

/// Whether `name` is a safe entry name.
pub fn is_safe(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.contains('\\')
        && !name.contains(':')
        && !name.contains('\0')
        && name
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// A table name as it may appear in a path: lower-case ASCII letters, digits and underscores.
pub fn is_table_name(table: &str) -> bool {
    !table.is_empty()
        && table
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_safe() {
        for good in ["manifest.json", "records/site.jsonl", "attachments/ab12"] {
            assert!(is_safe(good), "{good}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../evil",
            "records/../../evil",
            "records\\site.jsonl",
            "C:/evil",
            "records//site.jsonl",
            "./manifest.json",
            "records/",
        ] {
            assert!(!is_safe(bad), "{bad}");
        }
    }
}
