use crate::common::*;
use lode_core::readiness::StepStatus;
use lode_core::{Lang, StepId};
use lode_store::workbench::{self, app_state, home, step_page};
use lode_store::{demo, installation, workspace};

#[test]
fn before_set_up_there_is_no_installation_and_english_is_the_language() {
    let fx = empty();
    let state = app_state(fx.store.conn()).unwrap();
    assert!(state.installation.is_none());
    assert_eq!(state.language, Lang::En);
    assert!(state.workspaces.is_empty());
}

#[test]
fn set_up_happens_once() {
    let (mut fx, _) = with_workspace();
    let error = fx
        .store
        .write(|w| installation::set_up(w, &setup()).map(drop))
        .unwrap_err();
    assert_eq!(error.code(), "store.already_set_up");
}

#[test]
fn a_new_workspace_has_eleven_steps_not_started() {
    let (fx, ws) = with_workspace();
    let home = home(fx.store.conn(), &ws, Lang::En, TODAY).unwrap();
    let steps: Vec<_> = home.phases.iter().flat_map(|p| &p.steps).collect();
    assert_eq!(steps.len(), 11);
    assert!(
        steps
            .iter()
            .all(|s| s.status == StepStatus::NotStarted && s.done == 0)
    );
    assert!(steps.iter().all(|s| !s.missing.is_empty()));
}

#[test]
fn ticking_every_required_item_completes_the_step() {
    let (mut fx, ws) = with_workspace();
    let step = StepId::Vision;
    let page = step_page(fx.store.conn(), &ws, step, Lang::En, TODAY).unwrap();
    let required: Vec<String> = page
        .checklist
        .iter()
        .filter(|i| i.required)
        .map(|i| i.key.clone())
        .collect();
    let (first, rest) = required.split_first().unwrap();
    fx.store
        .write(|w| {
            workbench::set_checklist_item(
                w,
                &ws,
                step,
                first,
                true,
                Some("2026-11-01"),
                "signed MoU",
            )
        })
        .unwrap();
    let page = step_page(fx.store.conn(), &ws, step, Lang::En, TODAY).unwrap();
    assert_eq!(page.summary.status, StepStatus::InProgress);
    assert_eq!(page.summary.done, 1);
    let item = page.checklist.iter().find(|i| &i.key == first).unwrap();
    assert_eq!(
        (item.date.as_deref(), item.note.as_str()),
        (Some("2026-11-01"), "signed MoU")
    );
    assert_eq!(item.by.as_deref(), Some("Amina Mwamba"));
    for key in rest {
        fx.store
            .write(|w| workbench::set_checklist_item(w, &ws, step, key, true, None, ""))
            .unwrap();
    }
    let page = step_page(fx.store.conn(), &ws, step, Lang::Fr, TODAY).unwrap();
    assert_eq!(page.summary.status, StepStatus::Complete);
    assert!(page.summary.missing.is_empty());
    let ticked_today = page.checklist.iter().find(|i| i.key == rest[0]).unwrap();
    assert_eq!(
        ticked_today.date.as_deref(),
        Some("2026-11-28"),
        "a tick without a date is dated today"
    );
}

#[test]
fn an_unknown_checklist_item_or_step_is_refused() {
    let (mut fx, ws) = with_workspace();
    let error = fx
        .store
        .write(|w| {
            workbench::set_checklist_item(w, &ws, StepId::TaskForce, "made_up", true, None, "")
        })
        .unwrap_err();
    assert_eq!(error.code(), "store.unknown_checklist_item");
    assert_eq!(
        workbench::parse_step("4.2").unwrap_err().code(),
        "store.unknown_step"
    );
}

#[test]
fn an_archived_workspace_cannot_be_changed_until_unarchived() {
    let (mut fx, ws) = with_workspace();
    fx.store
        .write(|w| workspace::set_archived(w, &ws, true).map(drop))
        .unwrap();
    let error = fx
        .store
        .write(|w| workbench::add_note(w, &ws, StepId::TaskForce, "x", "note"))
        .unwrap_err();
    assert_eq!(error.code(), "store.archived");
    assert_eq!(error.record(), Some(ws.as_str()));
}

#[test]
fn the_note_draft_survives_until_the_note_is_added() {
    let (mut fx, ws) = with_workspace();
    let step = StepId::TaskForce;
    fx.store
        .write(|w| workbench::save_note_draft(w, &ws, step, "Finance has not yet"))
        .unwrap();
    assert_eq!(
        step_page(fx.store.conn(), &ws, step, Lang::En, TODAY)
            .unwrap()
            .draft,
        "Finance has not yet"
    );
    fx.store
        .write(|w| {
            workbench::add_note(
                w,
                &ws,
                step,
                "Finance has not yet named a focal person",
                "note",
            )
        })
        .unwrap();
    let page = step_page(fx.store.conn(), &ws, step, Lang::En, TODAY).unwrap();
    assert_eq!(page.draft, "");
    assert_eq!(
        page.notes[0].text,
        "Finance has not yet named a focal person"
    );
    assert_eq!(
        page.summary.status,
        StepStatus::InProgress,
        "a note puts the step in progress"
    );
}

#[test]
fn notes_are_listed_newest_first() {
    let (mut fx, ws) = with_workspace();
    let step = StepId::TaskForce;
    fx.store
        .write(|w| workbench::add_note(w, &ws, step, "first", "note"))
        .unwrap();
    fx.store
        .write(|w| workbench::add_note(w, &ws, step, "second", "decision"))
        .unwrap();
    let texts: Vec<String> = step_page(fx.store.conn(), &ws, step, Lang::En, TODAY)
        .unwrap()
        .notes
        .into_iter()
        .map(|n| n.text)
        .collect();
    assert_eq!(texts, ["second", "first"]);
}

#[test]
fn the_demo_is_created_once_and_made_current() {
    let mut fx = empty();
    let first = demo::ensure(&mut fx.store, Lang::Fr).unwrap();
    let again = demo::ensure(&mut fx.store, Lang::Fr).unwrap();
    assert_eq!(first.meta.id, again.meta.id);
    let state = app_state(fx.store.conn()).unwrap();
    assert_eq!(state.workspaces.len(), 1);
    assert_eq!(
        state.current_workspace_id.as_deref(),
        Some(first.meta.id.as_str())
    );
    assert_eq!(state.language, Lang::Fr);
    let home = home(fx.store.conn(), &first.meta.id, Lang::Fr, TODAY).unwrap();
    assert_eq!(home.phases[0].steps[0].status, StepStatus::InProgress);
}

#[test]
fn the_app_state_serialises_as_the_ui_contract_says() {
    let (fx, ws) = with_workspace();
    let json = serde_json::to_value(app_state(fx.store.conn()).unwrap()).unwrap();
    assert_eq!(json["currentWorkspaceId"], ws.as_str());
    assert_eq!(json["installation"]["office"]["level"], "district");
    assert_eq!(json["installation"]["officerName"], "Amina Mwamba");
    assert_eq!(json["installation"]["language"], "en");
    assert_eq!(json["workspaces"][0]["archived"], false);
    let home = serde_json::to_value(home(fx.store.conn(), &ws, Lang::En, TODAY).unwrap()).unwrap();
    assert_eq!(home["phases"][0]["phase"], 1);
    assert_eq!(home["phases"][0]["steps"][0]["step"], "1.1");
    assert_eq!(home["phases"][0]["steps"][0]["status"], "not_started");
}
