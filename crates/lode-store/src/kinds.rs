//! The generic write path for the records the UI edits as forms: `save_record` and
//! `delete_record` name a kind, and each kind says how to read its fields (`Kind::parse`), which
//! workspace owns it, and what goes with it when it is deleted. Validation, sync metadata, audit
//! and tombstones are then the same for every kind.

use crate::error::{Result, StoreError};
use crate::record::{self, Meta, Record};
use crate::writer::Writer;
use crate::{
    context, forum, licences, monitoring, partner, plan, sector_types, site, strategy, task_force,
    vision, workspace,
};
use lode_core::form::Form;
use rusqlite::Connection;
use serde_json::Value;

pub trait Kind: Record {
    /// The name the UI uses in `save_record` and `delete_record`.
    const KIND: &'static str;
    /// One record per workspace (a charter): saving updates it, whatever id is sent.
    const SINGLETON: bool = false;
    /// Part of the Phase 2 strategy: locked while its current version is signed.
    const STRATEGY: bool = false;

    fn workspace_id(&self) -> &str;

    /// Reads the fields into a record of `workspace_id` (its `meta` is filled in on save). Field
    /// problems go to `form`; references to other records are checked against `conn`.
    fn parse(form: &mut Form, workspace_id: &str, conn: &Connection) -> Result<Self>;

    /// Field problems that depend on the other records, such as a duplicate; `id` is the record
    /// being updated (None for a new one).
    fn check_against_others(
        &self,
        _form: &mut Form,
        _conn: &Connection,
        _id: Option<&str>,
    ) -> Result<()> {
        Ok(())
    }

    /// Writes what follows from a save in the same transaction (e.g. a licence's status history);
    /// `previous` is the record as stored before an update, None for a new one.
    fn after_save(&self, _w: &Writer, _previous: Option<&Self>) -> Result<()> {
        Ok(())
    }

    /// Deletes what cannot stand without this record (e.g. a meeting's actions).
    fn delete_dependents(_w: &Writer, _record: &Self) -> Result<()> {
        Ok(())
    }
}

/// The live record `id` of kind `K`, if it belongs to `workspace_id`; a record of another
/// workspace is reported as not found, and never changed.
pub fn owned<K: Kind>(conn: &Connection, workspace_id: &str, id: &str) -> Result<K> {
    let found: K = record::get(conn, id)?;
    if found.workspace_id() != workspace_id {
        return Err(StoreError::NotFound {
            what: K::NAME,
            id: id.to_owned(),
        });
    }
    Ok(found)
}

/// The one record of a singleton kind in this workspace, if any.
pub fn singleton<K: Kind>(conn: &Connection, workspace_id: &str) -> Result<Option<K>> {
    Ok(
        record::select(conn, "workspace_id = ?1", &[&workspace_id], "id")?
            .into_iter()
            .next(),
    )
}

fn save_kind<K: Kind>(
    w: &Writer,
    workspace_id: &str,
    id: Option<&str>,
    fields: &Value,
) -> Result<String> {
    refuse_if_signed::<K>(w.tx(), workspace_id)?;
    let mut form = Form::new(fields);
    let parsed = K::parse(&mut form, workspace_id, w.tx())?;
    parsed.check_against_others(&mut form, w.tx(), id)?;
    form.finish()?;
    let existing = if K::SINGLETON {
        singleton::<K>(w.tx(), workspace_id)?.map(|r| r.meta().id.clone())
    } else {
        id.map(|id| owned::<K>(w.tx(), workspace_id, id).map(|r| r.meta().id.clone()))
            .transpose()?
    };
    match existing {
        Some(id) => {
            let mut previous = None;
            let saved = record::update(w, &id, |record: &mut K| {
                previous = Some(record.clone());
                let meta = record.meta().clone();
                *record = parsed;
                *record.meta_mut() = meta;
            })?;
            saved.after_save(w, previous.as_ref())?;
            Ok(id)
        }
        None => {
            let mut created = parsed;
            *created.meta_mut() = Meta::new(w);
            record::insert(w, &created)?;
            created.after_save(w, None)?;
            Ok(created.meta().id.clone())
        }
    }
}

fn refuse_if_signed<K: Kind>(conn: &Connection, workspace_id: &str) -> Result<()> {
    if K::STRATEGY && crate::finalise::is_locked(conn, workspace_id)? {
        return Err(StoreError::StrategyLocked);
    }
    Ok(())
}

fn delete_kind<K: Kind>(w: &Writer, workspace_id: &str, id: &str) -> Result<()> {
    refuse_if_signed::<K>(w.tx(), workspace_id)?;
    let found = owned::<K>(w.tx(), workspace_id, id)?;
    K::delete_dependents(w, &found)?;
    record::tombstone::<K>(w, id).map(drop)
}

macro_rules! kinds {
    ($($ty:ty),* $(,)?) => {
        /// Creates (`id` None) or updates a record of `kind` in an active workspace; returns its id.
        pub fn save(w: &Writer, workspace_id: &str, kind: &str, id: Option<&str>, fields: &Value) -> Result<String> {
            workspace::require_active(w.tx(), workspace_id)?;
            $(if kind == <$ty as Kind>::KIND {
                return save_kind::<$ty>(w, workspace_id, id, fields);
            })*
            Err(StoreError::UnknownKind(kind.to_owned()))
        }

        /// Deletes a record of `kind` (a tombstone), with what depends on it.
        pub fn delete(w: &Writer, workspace_id: &str, kind: &str, id: &str) -> Result<()> {
            workspace::require_active(w.tx(), workspace_id)?;
            $(if kind == <$ty as Kind>::KIND {
                return delete_kind::<$ty>(w, workspace_id, id);
            })*
            Err(StoreError::UnknownKind(kind.to_owned()))
        }

        /// Every kind's name, for documentation and tests.
        pub const KINDS: &[&str] = &[$(<$ty as Kind>::KIND),*];
    };
}

kinds![
    task_force::Charter,
    task_force::Member,
    task_force::Meeting,
    task_force::MeetingAction,
    forum::ForumCharter,
    forum::Stakeholder,
    forum::ConsultationEvent,
    site::Site,
    context::CapacityCell,
    context::SupplyNode,
    context::SupplyFlow,
    context::PoliticalActor,
    partner::Partner,
    vision::Vision,
    vision::Issue,
    vision::Goal,
    vision::TechniqueAssessment,
    sector_types::AsmType,
    sector_types::PriorityCriterion,
    sector_types::TypeScore,
    strategy::TypeStrategy,
    strategy::Measure,
    plan::PlanPeriod,
    plan::PlanAction,
    plan::CapacityBuilding,
    plan::LegalReform,
    plan::OutreachCampaign,
    plan::Pilot,
    plan::AsmZone,
    plan::ProgressEntry,
    monitoring::AdoptedIndicator,
    monitoring::Measurement,
    monitoring::Review,
    licences::LicenceHolder,
];
