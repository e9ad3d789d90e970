//! What every document builder shares: the words in the reader's language, the cover and the
//! draft mark, and small makers of blocks.

use crate::model::{BarGroup, Block, Chrome, Cover, Document, Fact, Section, Table};
use crate::text::{self, int};
use lode_core::{Lang, catalogue, clock};
use lode_store::{Result, finalise, installation, workspace};
use rusqlite::Connection;

/// The reader's language, with the short ways builders use it.
pub struct Words {
    pub lang: Lang,
}

impl Words {
    pub fn t(&self, key: &str) -> String {
        text::t(self.lang, key)
    }

    pub fn fact(&self, key: &str, value: &str) -> Fact {
        Fact {
            label: self.t(key),
            value: text::or_dash(value),
        }
    }

    pub fn paragraph(&self, key: &str, params: &[(&str, &str)]) -> Block {
        Block::Paragraph {
            text: text::tf(self.lang, key, params),
        }
    }

    pub fn empty(&self) -> Block {
        Block::Empty {
            text: self.t("nothing_recorded"),
        }
    }

    /// A table captioned by `caption` with columns named by catalogue keys.
    pub fn table(&self, caption: &str, columns: &[(&str, bool)]) -> Table {
        let columns: Vec<(String, bool)> = columns
            .iter()
            .map(|(key, numeric)| (self.t(key), *numeric))
            .collect();
        Table::new(self.t(caption), &columns)
    }

    /// A small fixed vocabulary (levels, sexes, statuses) in the reader's words; text that is
    /// not one of them comes back as it is.
    pub fn code(&self, code: &str) -> String {
        self.coded("code", code)
    }

    /// A value of a vocabulary of one document (`{prefix}.{code}`), so that French agrees with
    /// what it qualifies (une action prévue, un pilote évalué); the code itself when the words
    /// lack it.
    pub fn coded(&self, prefix: &str, code: &str) -> String {
        let key = format!("{prefix}.{code}");
        match text::catalogue(Lang::En).contains_key(&key) {
            true => self.t(&key),
            false => text::or_dash(code),
        }
    }

    pub fn date(&self, iso: &str) -> String {
        text::date(self.lang, iso)
    }

    pub fn yes_no(&self, value: bool) -> String {
        text::yes_no(self.lang, value)
    }

    /// One bar group of whole numbers.
    pub fn bars(&self, label: String, values: &[i64]) -> BarGroup {
        BarGroup {
            label,
            values: values.iter().map(|v| *v as f64).collect(),
            shown: values.iter().map(|v| int(self.lang, *v)).collect(),
        }
    }
}

/// A coded value's label from a reference list; the code itself when the list lacks it.
pub fn label(lang: Lang, list: &str, code: &str) -> String {
    match code.is_empty() {
        true => "—".to_owned(),
        false => catalogue::label(lang, list, code),
    }
}

/// The table, or the "nothing recorded" note when it has no rows.
pub fn empty_or(table: Table, w: &Words) -> Block {
    match table.rows.is_empty() {
        true => w.empty(),
        false => Block::Table(table),
    }
}

/// A document with the cover every document has: jurisdiction, office, date and the strategy's
/// version, marked draft until that version is signed off.
pub fn document(
    conn: &Connection,
    workspace_id: &str,
    w: &Words,
    title_key: &str,
    at: lode_core::Millis,
    sections: Vec<Section>,
) -> Result<Document> {
    let workspace = workspace::get(conn, workspace_id)?;
    let office = installation::require(conn)?.office;
    let version = finalise::current(conn, workspace_id)?;
    let status = match (&version.signed_by, version.signed_at) {
        (Some(by), Some(signed_at)) if version.locked => text::tf(
            w.lang,
            "cover.signed",
            &[("by", by), ("date", &w.date(&clock::iso_date(signed_at)))],
        ),
        _ => w.t("cover.not_signed"),
    };
    Ok(Document {
        title: w.t(title_key),
        cover: Cover {
            workspace: workspace.name,
            lines: vec![
                w.fact("cover.jurisdiction", &workspace.jurisdiction),
                w.fact("cover.office", &office.name),
                w.fact("cover.date", &w.date(&clock::iso_date(at))),
                w.fact("cover.version", &int(w.lang, version.number)),
                w.fact("cover.status", &status),
            ],
        },
        draft: (!version.locked).then(|| w.t("draft")),
        chrome: Chrome {
            contents: w.t("contents"),
            page_of: w.t("page_of"),
            lang: w.lang.code().to_owned(),
        },
        sections,
    })
}
