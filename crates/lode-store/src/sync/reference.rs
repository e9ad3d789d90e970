//! The national office's reference package, sent down to districts and imported there the same
//! safe way as any bundle. It carries the office's own strategy workspaces (the workspace, its
//! Phase 2 records and its adopted indicators, i.e. the indicator definitions), the catalogues its
//! Lode uses (published as `reference_catalogue` records), what the office has received of each
//! district's bundles (acknowledgements, so a district sends only what is not yet safe), and the
//! recipient districts seal their bundles to.

use super::sealing;
use super::tables::Table;
use crate::error::Result;
use crate::record::{self, Meta, record_type};
use crate::writer::Writer;
use lode_bundle::{Acknowledgement, Manifest};
use lode_core::Lang;
use lode_core::catalogue::{self, Entry};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use std::collections::BTreeMap;

/// The tables of a strategy a reference package carries, besides `workspace`: each row belongs to
/// a workspace through `workspace_id`.
pub const STRATEGY_TABLES: &[&str] = &[
    "vision",
    "strategy_issue",
    "strategy_goal",
    "technique_assessment",
    "asm_type",
    "priority_criterion",
    "type_score",
    "type_strategy",
    "strategy_measure",
    "strategy_version",
    "adopted_indicator",
];

const CATALOGUE_TABLE: &str = "reference_catalogue";

/// One catalogue list in one language, as the publishing office's Lode has it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
struct ReferenceCatalogue {
    #[serde(flatten)]
    meta: Meta,
    lang: String,
    list: String,
    entries: String,
}

record_type!(ReferenceCatalogue, "reference_catalogue", { lang, list, entries });

/// Which rows of `table` a package of `kind` carries from office `office` (an SQL condition), or
/// None for a table it does not carry. A district submission carries every table but the
/// published catalogues; a reference package only the office's strategy and catalogues.
pub(crate) fn scope(table: &Table, reference: bool) -> Option<&'static str> {
    let name = table.name.as_str();
    match (reference, name) {
        (false, CATALOGUE_TABLE) => None,
        (false, _) => Some("1"),
        (true, "office") => Some("id = ?3"),
        (true, "workspace") | (true, CATALOGUE_TABLE) => Some("origin_office = ?3"),
        (true, _) if STRATEGY_TABLES.contains(&name) => {
            Some("workspace_id IN (SELECT id FROM workspace WHERE origin_office = ?3)")
        }
        (true, _) => None,
    }
}

/// Publishes every catalogue list this Lode ships, in each language, as records; a list already
/// published as it is now is left alone, a changed one is updated (a new version travels).
pub(crate) fn publish_catalogues(w: &Writer) -> Result<()> {
    let office = w.actor().office_id.clone();
    for lang in [Lang::En, Lang::Fr] {
        for list in catalogue::LISTS {
            let entries = serde_json::to_string(catalogue::list(lang, list))?;
            let published: Option<String> = w
                .tx()
                .query_row(
                    "SELECT id FROM reference_catalogue
                     WHERE origin_office = ?1 AND lang = ?2 AND list = ?3 AND deleted = 0",
                    params![office, lang.code(), list],
                    |r| r.get(0),
                )
                .optional()?;
            match published {
                Some(id) => {
                    record::update::<ReferenceCatalogue>(w, &id, |r| r.entries = entries)?;
                }
                None => record::insert(
                    w,
                    &ReferenceCatalogue {
                        meta: Meta::new(w),
                        lang: lang.code().to_owned(),
                        list: (*list).to_owned(),
                        entries,
                    },
                )?,
            }
        }
    }
    Ok(())
}

/// Every list in `lang`: this Lode's own, plus the entries whose codes only a received reference
/// package has (a national office on a newer Lode may use codes this one does not ship).
pub fn catalogues(conn: &Connection, lang: Lang) -> Result<BTreeMap<String, Vec<Entry>>> {
    let mut lists: BTreeMap<String, Vec<Entry>> = catalogue::all(lang)
        .iter()
        .map(|(name, entries)| ((*name).to_owned(), entries.clone()))
        .collect();
    let own = crate::installation::require(conn)?.office.meta.id;
    let mut received = conn.prepare(
        "SELECT list, entries FROM reference_catalogue
         WHERE lang = ?1 AND origin_office <> ?2 AND deleted = 0 ORDER BY updated_at",
    )?;
    let rows = received.query_map(params![lang.code(), own], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (list, entries) = row?;
        // A list that cannot be read adds nothing; the built-in one stays whole.
        let Ok(entries) = serde_json::from_str::<Vec<Entry>>(&entries) else {
            continue;
        };
        let known = lists.entry(list).or_default();
        for entry in entries {
            if !known.iter().any(|k| k.code == entry.code) {
                known.push(entry);
            }
        }
    }
    Ok(lists)
}

/// For each office this one has received district bundles from: the longest run of them from the
/// first without a gap, and where the last of that run ends.
pub(crate) fn acknowledgements(conn: &Connection) -> Result<Vec<Acknowledgement>> {
    let mut stmt = conn.prepare(
        "SELECT origin_office, sequence, through FROM bundle_received
         WHERE kind = 'district_submission' ORDER BY origin_office, sequence",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut acknowledged: Vec<Acknowledgement> = Vec::new();
    for (office, sequence, through) in rows {
        let sequence = sequence as u64;
        match acknowledged.last_mut() {
            Some(last) if last.origin_office == office && sequence == last.sequence + 1 => {
                last.sequence = sequence;
                last.through = last.through.max(through);
            }
            // A repeat, or one after a gap: the run ends before it.
            Some(last) if last.origin_office == office => {}
            _ if sequence == 1 => acknowledged.push(Acknowledgement {
                origin_office: office,
                sequence,
                through,
            }),
            // Bundle 1 never arrived: nothing of this office is acknowledged.
            _ => {}
        }
    }
    Ok(acknowledged)
}

/// What a received reference package says to this office: how far its bundles are safe at the
/// sender, and the recipient to seal to. An acknowledgement never moves back.
pub(crate) fn receive(w: &Writer, manifest: &Manifest) -> Result<()> {
    let own = &w.actor().office_id;
    if let Some(ack) = manifest
        .acknowledgements
        .iter()
        .find(|a| &a.origin_office == own)
    {
        w.tx().execute(
            "INSERT INTO acknowledged (singleton, sequence, through, bundle_id, received_at)
             VALUES (1, ?1, ?2, ?3, ?4)
             ON CONFLICT (singleton) DO UPDATE SET sequence = excluded.sequence,
               through = excluded.through, bundle_id = excluded.bundle_id,
               received_at = excluded.received_at
             WHERE excluded.through >= through",
            params![
                ack.sequence as i64,
                ack.through,
                manifest.bundle_id,
                w.now()
            ],
        )?;
    }
    if let Some(recipient) = &manifest.seal_to {
        sealing::remember_seal_to(
            w,
            &manifest.office_name,
            recipient,
            Some(&manifest.bundle_id),
        )?;
    }
    Ok(())
}

/// What the national office has acknowledged of this office's bundles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Acknowledged {
    pub sequence: u64,
    pub through: i64,
    pub bundle_id: String,
    pub received_at: i64,
}

pub fn acknowledged(conn: &Connection) -> Result<Option<Acknowledged>> {
    Ok(conn
        .query_row(
            "SELECT sequence, through, bundle_id, received_at FROM acknowledged",
            [],
            |r| {
                Ok(Acknowledged {
                    sequence: r.get::<_, i64>(0)? as u64,
                    through: r.get(1)?,
                    bundle_id: r.get(2)?,
                    received_at: r.get(3)?,
                })
            },
        )
        .optional()?)
}
