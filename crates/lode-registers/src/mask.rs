//! Personal data in exports. A register file travels — by e-mail, on a memory stick, to a
//! partner — so what identifies a person is masked unless the officer explicitly includes it,
//! and the audit log records which it was.
//!
//! Masked, field by field (the records are in `lode-store`'s migrations):
//!
//! | register | field | masked as | why |
//! | --- | --- | --- | --- |
//! | licence holders | national ID (`licence_holder.national_id`) | `•••••123`: the last three characters only (all bullets when it has six or fewer) | identifies a person outright; the last characters still let an officer match a row with a card in hand |
//! | licence holders | date of birth (`licence_holder.birth_date`) | `1984-••-••`: the year only | with the name it identifies a person; the year keeps the age structure |
//!
//! Kept, on purpose: a holder's name and licence number (the register is public by law in
//! most mining codes, and is useless without them), their sex (needed for the share of women
//! holders, an indicator of the guidance); site coordinates (a mine site is a workplace, not a
//! home: the issue asks that sites stay on the map). Stakeholders are organisations, partners
//! and actions are institutional. No record holds the exact coordinates of a home today; a
//! field that does must be added to this list (and to `docs/registers.md`) with the record.
//!
//! A cooperative's or company's registration number sits in the same field as a person's
//! national ID and is masked with it: the field cannot tell them apart, and masking too much is
//! the safe mistake.

/// The character that hides a masked one.
const HIDDEN: char = '•';

/// How many characters of a national ID stay visible.
const NATIONAL_ID_VISIBLE: usize = 3;

/// A national ID with all but its last three characters hidden (spaces dropped, so the length
/// of the parts does not show); "" stays "". An ID of six characters or fewer is hidden whole:
/// three visible characters would be half of it.
pub(crate) fn national_id(id: &str) -> String {
    let chars: Vec<char> = id.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.is_empty() {
        return String::new();
    }
    if chars.len() <= 2 * NATIONAL_ID_VISIBLE {
        return HIDDEN.to_string().repeat(5);
    }
    let tail: String = chars[chars.len() - NATIONAL_ID_VISIBLE..].iter().collect();
    format!("{}{tail}", HIDDEN.to_string().repeat(5))
}

/// A date of birth (YYYY-MM-DD) reduced to its year: `1984-••-••`.
pub(crate) fn birth_date(date: &str) -> String {
    match date.get(..4) {
        Some(year) if year.chars().all(|c| c.is_ascii_digit()) => {
            format!("{year}-{HIDDEN}{HIDDEN}-{HIDDEN}{HIDDEN}")
        }
        _ => HIDDEN.to_string().repeat(4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_national_id_keeps_only_its_last_three_characters() {
        assert_eq!(national_id("CD-1037 0001"), "•••••001");
        assert_eq!(national_id(""), "");
        assert_eq!(national_id("  "), "");
        assert_eq!(national_id("AB1234"), "•••••", "short ids are hidden whole");
        assert!(!national_id("CD-1037 0001").contains("1037"));
    }

    #[test]
    fn a_birth_date_keeps_only_its_year() {
        assert_eq!(birth_date("1984-07-21"), "1984-••-••");
        assert_eq!(birth_date("x"), "••••");
    }
}
