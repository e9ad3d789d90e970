//! Which register, in which format: the names the CLI and the app use, and what each register
//! allows (geometry for GeoJSON, personal data to mask).

use crate::error::RegisterError;
use serde::Serialize;
use std::fmt;

/// A register Lode can export. Its name (`sites`, `licence-holders`…) is what the CLI and the
/// app send, and what the audit log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Register {
    Sites,
    Stakeholders,
    Partners,
    LicenceHolders,
    Actions,
    /// The measurements of the adopted indicators (step 3.3).
    Measurements,
    Zones,
}

impl Register {
    pub const ALL: [Register; 7] = [
        Register::Sites,
        Register::Stakeholders,
        Register::Partners,
        Register::LicenceHolders,
        Register::Actions,
        Register::Measurements,
        Register::Zones,
    ];

    /// The register's stable name.
    pub fn name(self) -> &'static str {
        match self {
            Register::Sites => "sites",
            Register::Stakeholders => "stakeholders",
            Register::Partners => "partners",
            Register::LicenceHolders => "licence-holders",
            Register::Actions => "actions",
            Register::Measurements => "measurements",
            Register::Zones => "zones",
        }
    }

    /// The register named `name` (as [`Register::name`] writes it), or a typed refusal.
    pub fn parse(name: &str) -> Result<Register, RegisterError> {
        let wanted = name.trim().to_ascii_lowercase();
        Register::ALL
            .into_iter()
            .find(|r| r.name() == wanted)
            .ok_or_else(|| RegisterError::UnknownRegister(name.to_owned()))
    }

    /// The register's name for people, in `lang` ("Licence holders", "Titulaires de titres").
    pub fn title(self, lang: lode_core::Lang) -> String {
        crate::labels::text(lang, &format!("register.{}", self.key()), &[])
    }

    /// The prefix of the register's keys in `registers.json`.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Register::LicenceHolders => "licenceHolders",
            other => other.name(),
        }
    }

    /// Whether its records have a place on a map: sites a point, zones a boundary.
    pub fn has_geometry(self) -> bool {
        matches!(self, Register::Sites | Register::Zones)
    }

    /// Whether some of its columns are personal data, masked unless the officer includes them
    /// (see [`crate::mask`]).
    pub fn has_personal_data(self) -> bool {
        matches!(self, Register::LicenceHolders)
    }

    /// The formats it can be written in: every register as a table; those with a place on a map
    /// also as GeoJSON.
    pub fn formats(self) -> &'static [Format] {
        if self.has_geometry() {
            &[Format::Xlsx, Format::Csv, Format::Geojson]
        } else {
            &[Format::Xlsx, Format::Csv]
        }
    }

    /// Refuses a format the register cannot be written in, before any file is chosen.
    pub fn check(self, format: Format) -> Result<(), RegisterError> {
        if self.formats().contains(&format) {
            Ok(())
        } else {
            Err(RegisterError::NoGeometry(self))
        }
    }
}

impl fmt::Display for Register {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A workbook with typed cells, the header row frozen and filters on.
    Xlsx,
    /// UTF-8 text, RFC 4180 (CRLF line ends, a header row).
    Csv,
    /// An RFC 7946 FeatureCollection.
    Geojson,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Geojson => "geojson",
        }
    }

    /// The file extension, which is also the name.
    pub fn extension(self) -> &'static str {
        self.name()
    }

    pub fn parse(name: &str) -> Result<Format, RegisterError> {
        match name.trim().to_ascii_lowercase().as_str() {
            "xlsx" => Ok(Format::Xlsx),
            "csv" => Ok(Format::Csv),
            "geojson" => Ok(Format::Geojson),
            _ => Err(RegisterError::UnknownFormat(name.to_owned())),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The name a save dialog suggests: `licence-holders-2026-11-28.xlsx`.
pub fn suggested_file_name(register: Register, format: Format, today: &str) -> String {
    format!("{}-{today}.{}", register.name(), format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_and_unknown_ones_are_refused() {
        for register in Register::ALL {
            assert_eq!(Register::parse(register.name()).ok(), Some(register));
        }
        assert_eq!(
            Register::parse(" Licence-Holders ").ok(),
            Some(Register::LicenceHolders)
        );
        assert!(matches!(
            Register::parse("miners"),
            Err(RegisterError::UnknownRegister(_))
        ));
        assert_eq!(Format::parse("GeoJSON").ok(), Some(Format::Geojson));
        assert!(matches!(
            Format::parse("pdf"),
            Err(RegisterError::UnknownFormat(_))
        ));
    }

    #[test]
    fn only_registers_with_a_place_on_a_map_go_to_geojson() {
        assert!(Register::Sites.check(Format::Geojson).is_ok());
        assert!(Register::Zones.check(Format::Geojson).is_ok());
        assert!(Register::Zones.check(Format::Csv).is_ok());
        assert!(matches!(
            Register::Partners.check(Format::Geojson),
            Err(RegisterError::NoGeometry(Register::Partners))
        ));
    }
}
