use crate::common::*;
use lode_store::kinds;
use lode_store::task_force;
use serde_json::{Value, json};

fn save(
    fx: &mut Fixture,
    ws: &str,
    kind: &str,
    id: Option<&str>,
    fields: Value,
) -> lode_store::Result<String> {
    fx.store.write(|w| kinds::save(w, ws, kind, id, &fields))
}

fn field_errors(error: lode_store::StoreError) -> Vec<String> {
    match error {
        lode_store::StoreError::Invalid(invalid) => invalid
            .0
            .into_iter()
            .map(|e| format!("{}:{}", e.field, e.code))
            .collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn tombstoned(fx: &Fixture, table: &str, id: &str) -> (bool, i64) {
    fx.store
        .conn()
        .query_row(
            &format!("SELECT deleted, version FROM {table} WHERE id = ?1"),
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

#[test]
fn the_charter_is_one_per_workspace_and_updates_bump_its_version() {
    let (mut fx, ws) = with_workspace();
    let first = save(
        &mut fx,
        &ws,
        "task_force_charter",
        None,
        json!({"mandate": "Decree 2026-041"}),
    )
    .unwrap();
    let second = save(
        &mut fx,
        &ws,
        "task_force_charter",
        Some("ignored"),
        json!({"mandate": "Decree 2026-041", "budgetAmount": 40000, "budgetCurrency": "usd", "leadAgency": "mines"}),
    )
    .unwrap();
    assert_eq!(first, second, "one charter per workspace");
    let charter = task_force::view(fx.store.conn(), &ws)
        .unwrap()
        .charter
        .unwrap();
    assert_eq!(charter.meta.version, 2);
    assert_eq!(charter.budget_amount, Some(40000.0));
    assert_eq!(charter.budget_currency, "USD");
}

#[test]
fn a_charter_with_a_budget_but_no_currency_or_an_unknown_agency_is_refused() {
    let (mut fx, ws) = with_workspace();
    let error = save(
        &mut fx,
        &ws,
        "task_force_charter",
        None,
        json!({"budgetAmount": -5, "leadAgency": "ministry_of_magic", "adoptedOn": "2026-02-30"}),
    )
    .unwrap_err();
    assert_eq!(
        field_errors(error),
        [
            "budgetAmount:negative",
            "leadAgency:invalid_choice",
            "adoptedOn:invalid_date"
        ]
    );
    let error = save(
        &mut fx,
        &ws,
        "task_force_charter",
        None,
        json!({"budgetAmount": 10}),
    )
    .unwrap_err();
    assert_eq!(field_errors(error), ["budgetCurrency:invalid_currency"]);
}

#[test]
fn members_fill_the_agencies_the_guidance_names() {
    let (mut fx, ws) = with_workspace();
    let before = task_force::view(fx.store.conn(), &ws)
        .unwrap()
        .missing_agencies;
    assert_eq!(before.len(), 7);
    let id = save(
        &mut fx,
        &ws,
        "task_force_member",
        None,
        json!({"agency": "mines", "focalPerson": "A. Diallo", "level": "national"}),
    )
    .unwrap();
    let after = task_force::view(fx.store.conn(), &ws)
        .unwrap()
        .missing_agencies;
    assert_eq!(after.len(), 6);
    assert!(!after.contains(&"mines".to_owned()));
    fx.store
        .write(|w| kinds::delete(w, &ws, "task_force_member", &id))
        .unwrap();
    assert_eq!(tombstoned(&fx, "task_force_member", &id), (true, 2));
    assert_eq!(
        task_force::view(fx.store.conn(), &ws)
            .unwrap()
            .missing_agencies
            .len(),
        7
    );
}

#[test]
fn a_member_needs_a_known_agency_a_level_and_a_focal_person() {
    let (mut fx, ws) = with_workspace();
    let error = save(&mut fx, &ws, "task_force_member", None, json!({})).unwrap_err();
    assert_eq!(
        field_errors(error),
        ["agency:required", "focalPerson:required", "level:required"]
    );
}

#[test]
fn a_record_of_another_workspace_is_not_found_and_not_changed() {
    let (mut fx, ws) = with_workspace();
    let other = fx
        .store
        .write(|w| {
            Ok(lode_store::workspace::create(w, "Other", "Elsewhere")?
                .meta
                .id)
        })
        .unwrap();
    let id = save(
        &mut fx,
        &ws,
        "task_force_member",
        None,
        json!({"agency": "mines", "focalPerson": "A", "level": "national"}),
    )
    .unwrap();
    let error = fx
        .store
        .write(|w| kinds::delete(w, &other, "task_force_member", &id))
        .unwrap_err();
    assert_eq!(error.code(), "store.not_found");
    let error = save(
        &mut fx,
        &other,
        "task_force_member",
        Some(&id),
        json!({"agency": "mines", "focalPerson": "B", "level": "national"}),
    )
    .unwrap_err();
    assert_eq!(error.code(), "store.not_found");
    assert_eq!(
        task_force::members(fx.store.conn(), &ws).unwrap()[0].focal_person,
        "A"
    );
}

#[test]
fn deleting_a_meeting_tombstones_its_actions_too() {
    let (mut fx, ws) = with_workspace();
    let meeting = save(
        &mut fx,
        &ws,
        "task_force_meeting",
        None,
        json!({"heldOn": "2026-10-02", "decisions": "Adopt the work plan"}),
    )
    .unwrap();
    let action = save(
        &mut fx,
        &ws,
        "meeting_action",
        None,
        json!({"meetingId": meeting, "description": "Circulate the draft terms", "dueOn": "2026-10-16"}),
    )
    .unwrap();
    save(
        &mut fx,
        &ws,
        "meeting_action",
        Some(&action),
        json!({"meetingId": meeting, "description": "Circulate the draft terms", "done": true}),
    )
    .unwrap();
    let view = task_force::view(fx.store.conn(), &ws).unwrap();
    assert!(view.meetings[0].actions[0].done);
    fx.store
        .write(|w| kinds::delete(w, &ws, "task_force_meeting", &meeting))
        .unwrap();
    assert!(
        task_force::view(fx.store.conn(), &ws)
            .unwrap()
            .meetings
            .is_empty()
    );
    assert!(tombstoned(&fx, "meeting_action", &action).0);
}

#[test]
fn an_action_must_belong_to_a_meeting_of_the_workspace() {
    let (mut fx, ws) = with_workspace();
    let error = save(
        &mut fx,
        &ws,
        "meeting_action",
        None,
        json!({"meetingId": "nope", "description": "x"}),
    )
    .unwrap_err();
    assert_eq!(field_errors(error), ["meetingId:invalid_choice"]);
}

#[test]
fn meetings_are_listed_most_recent_first() {
    let (mut fx, ws) = with_workspace();
    for day in ["2026-03-01", "2026-09-01", "2026-06-01"] {
        save(
            &mut fx,
            &ws,
            "task_force_meeting",
            None,
            json!({"heldOn": day}),
        )
        .unwrap();
    }
    let days: Vec<String> = task_force::view(fx.store.conn(), &ws)
        .unwrap()
        .meetings
        .into_iter()
        .map(|m| m.meeting.held_on)
        .collect();
    assert_eq!(days, ["2026-09-01", "2026-06-01", "2026-03-01"]);
}

#[test]
fn an_unknown_kind_is_refused_with_its_own_code() {
    let (mut fx, ws) = with_workspace();
    assert_eq!(
        save(&mut fx, &ws, "spaceship", None, json!({}))
            .unwrap_err()
            .code(),
        "record.unknown_kind"
    );
}
