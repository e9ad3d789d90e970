//! The demo workspace: a fictional province part-way through Phase 1, so that a new user (and
//! `cargo xtask run`) sees Lode at work. Creating it twice gives the same one.

use crate::error::Result;
use crate::open::Store;
use crate::workspace::{self, Workspace};
use crate::{installation, note, setting, workbench};
use lode_core::office::{OfficeLevel, Setup};
use lode_core::workspace::NoteKind;
use lode_core::{Lang, StepId, messages};

const DEMO_KEY: &str = "demo_workspace";

/// Task-force items ticked in the demo; the rest is left for the user to do.
const TICKED: &[&str] = &[
    "mandate_adopted",
    "member_mining",
    "member_environment",
    "member_finance",
];

pub fn ensure(store: &mut Store, lang: Lang) -> Result<Workspace> {
    ensure_through(store, lang, 3)
}

/// Like [`ensure`], with the demo's records up to phase `last_phase` only (1: Phase 1, so an
/// officer can practise Phase 2 on real-looking evidence); an existing demo is left as it is.
pub fn ensure_through(store: &mut Store, lang: Lang, last_phase: u8) -> Result<Workspace> {
    let text = |key: &str| messages::text(lang, key, &[]);
    store.write(|w| {
        if installation::get(w.tx())?.is_none() {
            installation::set_up(
                w,
                &Setup {
                    office_name: text("demo.office.name"),
                    level: OfficeLevel::Province,
                    country: text("demo.office.country"),
                    parent_office: None,
                    officer_name: text("demo.officer.name"),
                    officer_role: text("demo.officer.role"),
                    language: lang,
                },
            )?;
        }
        let existing =
            setting::get(w.tx(), DEMO_KEY)?.and_then(|id| workspace::get(w.tx(), &id).ok());
        let demo = match existing {
            Some(demo) => demo,
            None => create(w, &text, lang, last_phase)?,
        };
        setting::set_current_workspace(w, &demo.meta.id)?;
        Ok(demo)
    })
}

fn create(
    w: &crate::Writer,
    text: &dyn Fn(&str) -> String,
    lang: Lang,
    last_phase: u8,
) -> Result<Workspace> {
    let demo = workspace::create(
        w,
        &text("demo.workspace.name"),
        &text("demo.workspace.jurisdiction"),
    )?;
    setting::set(w, DEMO_KEY, &demo.meta.id)?;
    let step = StepId::TaskForce;
    for key in TICKED {
        // A key that the guidance no longer lists is skipped, not invented.
        match workbench::set_checklist_item(w, &demo.meta.id, step, key, true, None, "") {
            Ok(()) | Err(crate::StoreError::UnknownChecklistItem { .. }) => {}
            Err(other) => return Err(other),
        }
    }
    crate::demo_phase1::create(w, &demo.meta.id, lang)?;
    if last_phase >= 2 {
        crate::demo_phase2::create(w, &demo.meta.id, lang)?;
    }
    if last_phase >= 3 {
        crate::demo_phase3::create(w, &demo.meta.id, lang)?;
    }
    note::add(w, &demo.meta.id, step, NoteKind::Note, &text("demo.note.1"))?;
    note::add(
        w,
        &demo.meta.id,
        StepId::StakeholderForum,
        NoteKind::Decision,
        &text("demo.note.2"),
    )?;
    Ok(demo)
}
