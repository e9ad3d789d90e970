//! The licence-holder registry on real SQLite files: the write path and its audit, every status
//! transition, the history, duplicates, the register's query and the renewals summary against
//! fixtures counted by hand, and importing a register.

use crate::common::*;
use lode_core::Lang;
use lode_core::messages;
use lode_store::import::{ImportKind, Session};
use lode_store::licences::{self, LicenceQuery, STATUSES};
use lode_store::{StoreError, kinds, monitoring};
use serde_json::{Value, json};

const KIND: &str = "licence_holder";

/// An individual's holder fields with `status`; `extra` overrides or adds fields.
fn holder(name: &str, status: &str, extra: Value) -> Value {
    let mut fields = json!({"holderKind": "individual", "name": name,
                            "licenceType": "artisanal_permit", "status": status});
    for (key, value) in extra.as_object().unwrap() {
        fields[key] = value.clone();
    }
    fields
}

/// Saves, returning the id or the `field:code` errors of a refusal.
fn try_save(
    fx: &mut Fixture,
    ws: &str,
    id: Option<&str>,
    fields: &Value,
) -> Result<String, Vec<String>> {
    fx.store
        .write(|w| kinds::save(w, ws, KIND, id, fields))
        .map_err(|e| match e {
            StoreError::Invalid(invalid) => invalid
                .0
                .into_iter()
                .map(|e| format!("{}:{}", e.field, e.code))
                .collect(),
            other => panic!("expected a validation error, got {other:?}"),
        })
}

fn count(fx: &Fixture, sql: &str) -> i64 {
    fx.store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn names(rows: &[licences::LicenceHolder]) -> Vec<&str> {
    rows.iter().map(|h| h.name.as_str()).collect()
}

fn history(fx: &Fixture, ws: &str, id: &str) -> Vec<(Option<String>, String)> {
    licences::detail(fx.store.conn(), ws, id)
        .unwrap()
        .history
        .into_iter()
        .map(|h| (h.from, h.to))
        .collect()
}

#[test]
fn a_holder_is_created_updated_and_deleted_with_audit_and_tombstones() {
    let (mut fx, ws) = with_workspace();
    let audit_before = audit_rows(&fx.store);
    let id = save(
        &mut fx,
        &ws,
        KIND,
        None,
        &holder(
            "Aline Bahati",
            "applied",
            json!({"sex": "female", "birthDate": "1990-04-02", "commodity": "gold"}),
        ),
    );
    assert_eq!(
        audit_rows(&fx.store) - audit_before,
        2,
        "the holder and its first history row are both audited"
    );
    save(
        &mut fx,
        &ws,
        KIND,
        Some(&id),
        &holder(
            "Aline Bahati",
            "granted",
            json!({"sex": "female", "birthDate": "1990-04-02",
              "licenceNumber": "AP-2026-001", "issuedOn": "2026-11-28", "expiresOn": "2027-11-27"}),
        ),
    );
    let detail = licences::detail(fx.store.conn(), &ws, &id).unwrap();
    assert_eq!(detail.holder.meta.version, 2);
    assert_eq!(detail.holder.licence_number, "AP-2026-001");
    assert_eq!(
        detail.holder.commodity, "",
        "fields left out of an update are cleared, as in a form"
    );
    let json = serde_json::to_value(&detail).unwrap();
    assert_eq!(json["holder"]["holderKind"], "individual");
    assert_eq!(json["holder"]["acceptDuplicate"], false);
    assert_eq!(
        json["history"][0]["from"],
        Value::Null,
        "the first status has no from"
    );
    assert_eq!(json["history"][1]["by"], "Amina Mwamba");
    assert_eq!(json["history"][1]["on"], T0);

    fx.store
        .write(|w| kinds::delete(w, &ws, KIND, &id))
        .unwrap();
    assert!(matches!(
        licences::detail(fx.store.conn(), &ws, &id),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(
        count(
            &fx,
            "SELECT count(*) FROM licence_status_change WHERE deleted = 0"
        ),
        0,
        "the history goes with the holder, as tombstones"
    );
    assert_eq!(
        count(
            &fx,
            "SELECT count(*) FROM licence_holder WHERE deleted = 1 AND version = 3"
        ),
        1
    );
    let actions: Vec<String> = fx
        .store
        .conn()
        .prepare("SELECT action FROM audit_log WHERE record_id = ?1 ORDER BY seq")
        .unwrap()
        .query_map([&id], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(actions, ["insert", "update", "delete"]);
}

#[test]
fn every_legal_transition_saves_and_every_illegal_one_is_refused_with_nothing_saved() {
    let (mut fx, ws) = with_workspace();
    let legal = [
        ("applied", "granted"),
        ("applied", "revoked"),
        ("granted", "suspended"),
        ("granted", "expired"),
        ("granted", "revoked"),
        ("suspended", "granted"),
        ("suspended", "expired"),
        ("suspended", "revoked"),
        ("expired", "granted"),
        ("expired", "revoked"),
    ];
    let mut illegal = 0;
    for (i, from) in STATUSES.iter().enumerate() {
        for (j, to) in STATUSES.iter().enumerate() {
            let name = format!("Holder {i}{j}");
            let id = save(&mut fx, &ws, KIND, None, &holder(&name, from, json!({})));
            let result = try_save(&mut fx, &ws, Some(&id), &holder(&name, to, json!({})));
            let stored = licences::detail(fx.store.conn(), &ws, &id).unwrap();
            if from == to || legal.contains(&(*from, *to)) {
                assert!(result.is_ok(), "{from} → {to} is allowed: {result:?}");
                assert_eq!(stored.holder.status, *to);
                assert_eq!(
                    stored.history.len(),
                    if from == to { 1 } else { 2 },
                    "{from} → {to}"
                );
            } else {
                illegal += 1;
                assert_eq!(
                    result,
                    Err(vec!["status:illegal_transition".to_owned()]),
                    "{from} → {to} must be refused"
                );
                assert_eq!(
                    stored.holder.status, *from,
                    "nothing saved on {from} → {to}"
                );
                assert_eq!(stored.holder.meta.version, 1);
                assert_eq!(
                    stored.history.len(),
                    1,
                    "no history row for a refused change"
                );
            }
        }
    }
    assert_eq!(
        illegal, 10,
        "20 changes between 5 statuses, 10 of them allowed"
    );
    for lang in Lang::ALL {
        let message = messages::field_error(lang, "status", "illegal_transition");
        assert!(
            message.contains("revoked") || message.contains("révoqué"),
            "the refusal explains the rule: {message}"
        );
    }
}

#[test]
fn a_licence_life_is_kept_in_its_history_oldest_first() {
    let (mut fx, ws) = with_workspace();
    let id = save(
        &mut fx,
        &ws,
        KIND,
        None,
        &holder("Jean Mukendi", "applied", json!({})),
    );
    for status in [
        "granted",
        "suspended",
        "granted",
        "granted",
        "expired",
        "granted",
        "revoked",
    ] {
        save(
            &mut fx,
            &ws,
            KIND,
            Some(&id),
            &holder("Jean Mukendi", status, json!({})),
        );
    }
    let step = |from: Option<&str>, to: &str| (from.map(str::to_owned), to.to_owned());
    assert_eq!(
        history(&fx, &ws, &id),
        [
            step(None, "applied"),
            step(Some("applied"), "granted"),
            step(Some("granted"), "suspended"),
            step(Some("suspended"), "granted"),
            step(Some("granted"), "expired"),
            step(Some("expired"), "granted"),
            step(Some("granted"), "revoked"),
        ],
        "saving the same status again adds no row"
    );
    assert_eq!(
        try_save(
            &mut fx,
            &ws,
            Some(&id),
            &holder("Jean Mukendi", "granted", json!({}))
        ),
        Err(vec!["status:illegal_transition".to_owned()]),
        "revoked is final"
    );
}

#[test]
fn fields_are_validated_and_each_bad_value_named() {
    let (mut fx, ws) = with_workspace();
    let errors = refused(
        &mut fx,
        &ws,
        KIND,
        json!({"holderKind": "person", "name": " ", "licenceType": "gold_rush", "sex": "x",
               "birthDate": "1990-02-30", "siteId": "nope", "commodity": "unobtainium",
               "issuedOn": "2027-01-01", "expiresOn": "2026-01-01", "status": "pending"}),
    );
    assert_eq!(
        errors,
        [
            "holderKind:invalid_choice",
            "name:required",
            "birthDate:invalid_date",
            "sex:invalid_choice",
            "licenceType:invalid_choice",
            "siteId:invalid_choice",
            "commodity:invalid_choice",
            "expiresOn:end_before_start",
            "status:invalid_choice",
        ]
    );
    assert_eq!(
        refused(&mut fx, &ws, KIND, json!({})),
        [
            "holderKind:required",
            "name:required",
            "licenceType:required",
            "status:required"
        ]
    );
    for (field, code) in [
        ("nationalId", "possible_duplicate"),
        ("name", "possible_duplicate"),
        ("expiresOn", "end_before_start"),
        ("holderKind", "required"),
        ("licenceType", "invalid_choice"),
    ] {
        for lang in Lang::ALL {
            assert!(
                messages::has(&format!("validation.{field}.{code}")),
                "a message for {field}:{code}"
            );
            assert!(!messages::field_error(lang, field, code).contains('{'));
        }
    }
}

#[test]
fn a_cooperative_keeps_no_birth_date_or_sex_and_links_to_a_site_and_a_zone() {
    let (mut fx, ws) = with_workspace();
    let site = save(
        &mut fx,
        &ws,
        "site",
        None,
        &json!({"name": "Mukungwe", "adminUnit": "Walungu", "commodity": "gold"}),
    );
    let zone = save(
        &mut fx,
        &ws,
        "asm_zone",
        None,
        &json!({"name": "Walungu zone"}),
    );
    let id = save(
        &mut fx,
        &ws,
        KIND,
        None,
        &json!({"holderKind": "Cooperative", "name": "COMIKA", "birthDate": "2001-01-01",
                "sex": "female", "licenceType": "cooperative_licence", "siteId": site,
                "zoneId": zone, "status": "Granted"}),
    );
    let detail = licences::detail(fx.store.conn(), &ws, &id).unwrap();
    assert_eq!(detail.site_name, "Mukungwe", "the detail names the site");
    let stored = detail.holder;
    assert_eq!(
        (
            stored.holder_kind.as_str(),
            stored.birth_date,
            stored.sex.as_str(),
            stored.status.as_str()
        ),
        ("cooperative", None, "", "granted"),
        "codes are read without regard to case; a person's fields are dropped"
    );
    assert_eq!((stored.site_id, stored.zone_id), (site, zone));
}

#[test]
fn the_same_national_id_ignoring_case_and_spaces_is_a_possible_duplicate() {
    let (mut fx, ws) = with_workspace();
    let first = save(
        &mut fx,
        &ws,
        KIND,
        None,
        &holder(
            "Aline Bahati",
            "granted",
            json!({"nationalId": "CD-123 456"}),
        ),
    );
    let typed = holder("A. Bahati", "applied", json!({"nationalId": " cd-123456 "}));
    assert_eq!(
        try_save(&mut fx, &ws, None, &typed),
        Err(vec!["nationalId:possible_duplicate".to_owned()])
    );
    let found = licences::duplicates_of(fx.store.conn(), &ws, None, &typed).unwrap();
    assert_eq!(
        names(&found),
        ["Aline Bahati"],
        "the UI can show them before saving"
    );
    assert!(
        licences::duplicates_of(
            fx.store.conn(),
            &ws,
            Some(&first),
            &holder(
                "Aline Bahati",
                "granted",
                json!({"nationalId": "CD-123 456"})
            )
        )
        .unwrap()
        .is_empty(),
        "a holder is not its own duplicate"
    );

    let mut accepted = typed.clone();
    accepted["acceptDuplicate"] = json!(true);
    let second = try_save(&mut fx, &ws, None, &accepted).expect("accepted as a different holder");
    let detail = licences::detail(fx.store.conn(), &ws, &first).unwrap();
    assert_eq!(names(&detail.duplicates), ["A. Bahati"]);
    assert!(!detail.holder.accept_duplicate);

    assert!(
        try_save(
            &mut fx,
            &ws,
            Some(&first),
            &holder(
                "Aline Bahati",
                "suspended",
                json!({"nationalId": "CD-123 456"})
            )
        )
        .is_ok(),
        "an unchanged identity is not checked again when the status changes"
    );
    let other = save(
        &mut fx,
        &ws,
        KIND,
        None,
        &holder("Paul Kasongo", "applied", json!({"nationalId": "CD-999"})),
    );
    assert_eq!(
        try_save(
            &mut fx,
            &ws,
            Some(&other),
            &holder(
                "Paul Kasongo",
                "applied",
                json!({"nationalId": "cd-123 456"})
            )
        ),
        Err(vec!["nationalId:possible_duplicate".to_owned()]),
        "changing a national ID to one already held is refused"
    );

    fx.store
        .write(|w| kinds::delete(w, &ws, KIND, &first))
        .unwrap();
    fx.store
        .write(|w| kinds::delete(w, &ws, KIND, &second))
        .unwrap();
    assert!(
        try_save(&mut fx, &ws, None, &typed).is_ok(),
        "deleted holders are not duplicates"
    );
}

#[test]
fn the_same_name_ignoring_case_and_birth_date_is_a_possible_duplicate() {
    let (mut fx, ws) = with_workspace();
    save(
        &mut fx,
        &ws,
        KIND,
        None,
        &holder(
            "Émilie  Furaha",
            "granted",
            json!({"birthDate": "1988-07-14"}),
        ),
    );
    assert_eq!(
        try_save(
            &mut fx,
            &ws,
            None,
            &holder(
                "émilie furaha",
                "applied",
                json!({"birthDate": "1988-07-14"})
            )
        ),
        Err(vec!["name:possible_duplicate".to_owned()]),
        "case is ignored beyond ASCII, and runs of spaces"
    );
    assert!(
        try_save(
            &mut fx,
            &ws,
            None,
            &holder(
                "Émilie Furaha",
                "applied",
                json!({"birthDate": "1988-07-15"})
            )
        )
        .is_ok(),
        "another birth date is another person"
    );
    assert!(
        try_save(
            &mut fx,
            &ws,
            None,
            &holder("Émilie Furaha", "applied", json!({}))
        )
        .is_ok(),
        "without a birth date, a name alone is not enough"
    );
}

#[test]
fn duplicates_in_another_workspace_do_not_count() {
    let (mut fx, ws) = with_workspace();
    let other = fx
        .store
        .write(|w| {
            Ok(lode_store::workspace::create(w, "Other", "Elsewhere")?
                .meta
                .id)
        })
        .unwrap();
    save(
        &mut fx,
        &other,
        KIND,
        None,
        &holder("Aline Bahati", "granted", json!({"nationalId": "N1"})),
    );
    assert!(
        try_save(
            &mut fx,
            &ws,
            None,
            &holder("Aline Bahati", "granted", json!({"nationalId": "N1"}))
        )
        .is_ok()
    );
}

/// Nine holders whose expiry dates sit around today (2026-11-28) and today + 90 (2027-02-26).
fn expiry_fixture(fx: &mut Fixture, ws: &str) {
    for (name, status, expires) in [
        ("A today", "granted", Some("2026-11-28")),
        ("B day 90", "granted", Some("2027-02-26")),
        ("C day 91", "granted", Some("2027-02-27")),
        ("D yesterday", "granted", Some("2026-11-27")),
        ("E suspended", "suspended", Some("2026-12-15")),
        ("F applied", "applied", None),
        ("G revoked", "revoked", Some("2026-12-01")),
        ("H no expiry", "granted", None),
        ("I day 12", "granted", Some("2026-12-10")),
    ] {
        save(
            fx,
            ws,
            KIND,
            None,
            &holder(name, status, json!({"expiresOn": expires})),
        );
    }
}

fn query(extra: Value) -> LicenceQuery {
    let mut q = json!({"limit": 100});
    for (key, value) in extra.as_object().unwrap() {
        q[key] = value.clone();
    }
    serde_json::from_value(q).expect("the query as the UI sends it, in camelCase")
}

#[test]
fn expiring_within_counts_from_today_with_both_ends_included() {
    let (mut fx, ws) = with_workspace();
    expiry_fixture(&mut fx, &ws);
    let list = |q: LicenceQuery| licences::list(fx.store.conn(), &ws, &q, TODAY).unwrap();
    let within_90 = list(query(
        json!({"expiringWithinDays": 90, "sort": "expiresOn"}),
    ));
    assert_eq!(
        names(&within_90.rows),
        [
            "A today",
            "G revoked",
            "I day 12",
            "E suspended",
            "B day 90"
        ]
    );
    assert_eq!(within_90.total, 5);
    let granted = list(query(
        json!({"expiringWithinDays": 90, "status": "granted"}),
    ));
    assert_eq!(names(&granted.rows), ["A today", "B day 90", "I day 12"]);
    assert_eq!(
        names(&list(query(json!({"expiringWithinDays": 0}))).rows),
        ["A today"]
    );
    assert!(matches!(
        licences::list(
            fx.store.conn(),
            &ws,
            &query(json!({"expiringWithinDays": 30})),
            "28/11/2026"
        ),
        Err(StoreError::Invalid(_))
    ));
}

#[test]
fn the_summary_counts_statuses_and_the_granted_licences_to_renew_within_90_days() {
    let (mut fx, ws) = with_workspace();
    expiry_fixture(&mut fx, &ws);
    let summary = licences::summary(fx.store.conn(), &ws, TODAY).unwrap();
    let json = serde_json::to_value(&summary).unwrap();
    assert_eq!(
        json["byStatus"],
        json!([{"status": "applied", "count": 1}, {"status": "granted", "count": 6},
               {"status": "suspended", "count": 1}, {"status": "expired", "count": 0},
               {"status": "revoked", "count": 1}])
    );
    assert_eq!(json["renewalsDue"]["count"], 3);
    assert_eq!(
        names(&summary.renewals_due.rows),
        ["A today", "I day 12", "B day 90"],
        "soonest first; day 91, yesterday, other statuses and no expiry left out"
    );
}

#[test]
fn the_summary_lists_the_twenty_soonest_renewals_and_counts_them_all() {
    let (mut fx, ws) = with_workspace();
    for day in (1..=25).rev() {
        save(
            &mut fx,
            &ws,
            KIND,
            None,
            &holder(
                &format!("Holder {day:02}"),
                "granted",
                json!({"expiresOn": format!("2026-12-{day:02}")}),
            ),
        );
    }
    let due = licences::summary(fx.store.conn(), &ws, TODAY)
        .unwrap()
        .renewals_due;
    assert_eq!(due.count, 25);
    assert_eq!(due.rows.len(), 20);
    assert_eq!(due.rows[0].name, "Holder 01");
    assert_eq!(due.rows[19].name, "Holder 20");
}

#[test]
fn the_register_pages_sorts_and_filters_in_sql() {
    let (mut fx, ws) = with_workspace();
    for (name, status, kind, commodity, number, issued, id) in [
        (
            "bertha",
            "granted",
            "artisanal_permit",
            "gold",
            "AP-7",
            Some("2025-03-01"),
            "N-100",
        ),
        ("Albert", "applied", "artisanal_permit", "tin", "", None, ""),
        (
            "Chantal",
            "suspended",
            "small_scale_licence",
            "gold",
            "SS-1",
            Some("2024-01-01"),
            "N-200",
        ),
        (
            "david",
            "expired",
            "trader_licence",
            "",
            "TR-9",
            Some("2026-01-01"),
            "",
        ),
        (
            "Esther 100%",
            "revoked",
            "artisanal_permit",
            "gold",
            "AP-8",
            None,
            "",
        ),
    ] {
        save(
            &mut fx,
            &ws,
            KIND,
            None,
            &holder(
                name,
                status,
                json!({"licenceType": kind, "commodity": commodity,
                    "licenceNumber": number, "issuedOn": issued, "nationalId": id}),
            ),
        );
    }
    let list = |q: Value| licences::list(fx.store.conn(), &ws, &query(q), TODAY).unwrap();
    assert_eq!(
        names(&list(json!({})).rows),
        ["Albert", "bertha", "Chantal", "david", "Esther 100%"],
        "names sort without regard to case"
    );
    assert_eq!(
        names(&list(json!({"descending": true})).rows)[0],
        "Esther 100%"
    );
    let page = list(json!({"offset": 2, "limit": 2}));
    assert_eq!(
        (page.total, names(&page.rows)),
        (5, vec!["Chantal", "david"])
    );
    assert_eq!(
        names(&list(json!({"sort": "status"})).rows),
        ["Albert", "bertha", "Chantal", "david", "Esther 100%"],
        "statuses sort in the order of a licence's life"
    );
    assert_eq!(
        names(&list(json!({"sort": "issuedOn", "descending": true})).rows),
        ["david", "bertha", "Chantal", "Esther 100%", "Albert"],
        "holders without the date come last either way; a descending sort reverses ties too"
    );
    assert_eq!(
        names(&list(json!({"sort": "issuedOn"})).rows),
        ["Chantal", "bertha", "david", "Albert", "Esther 100%"]
    );
    assert_eq!(
        names(&list(json!({"sort": "licenceType"})).rows),
        ["Albert", "bertha", "Esther 100%", "Chantal", "david"]
    );
    assert_eq!(
        names(&list(json!({"text": "ALB"})).rows),
        ["Albert"],
        "text matches names"
    );
    assert_eq!(
        names(&list(json!({"text": "n-2"})).rows),
        ["Chantal"],
        "…national IDs"
    );
    assert_eq!(
        names(&list(json!({"text": "AP-"})).rows),
        ["bertha", "Esther 100%"],
        "…licence numbers"
    );
    assert_eq!(
        names(&list(json!({"text": "100%"})).rows),
        ["Esther 100%"],
        "% is a character, not a wildcard"
    );
    assert_eq!(list(json!({"text": "%"})).total, 1);
    let gold_permits = list(json!({"licenceType": "artisanal_permit", "commodity": "gold"}));
    assert_eq!(names(&gold_permits.rows), ["bertha", "Esther 100%"]);
    assert_eq!(names(&list(json!({"status": "expired"})).rows), ["david"]);
    assert_eq!(
        list(json!({"status": "granted", "commodity": "tin"})).total,
        0
    );
}

#[test]
fn the_text_search_follows_edits_and_deletions_and_folds_case_beyond_ascii() {
    let (mut fx, ws) = with_workspace();
    let elise = save(
        &mut fx,
        &ws,
        KIND,
        None,
        &holder("Élise Kavira", "applied", json!({})),
    );
    save(
        &mut fx,
        &ws,
        KIND,
        None,
        &holder("Daniel Mbusa", "applied", json!({})),
    );
    let found = |fx: &Fixture, text: &str| {
        let page =
            licences::list(fx.store.conn(), &ws, &query(json!({"text": text})), TODAY).unwrap();
        let found: Vec<String> = page.rows.iter().map(|h| h.name.clone()).collect();
        assert_eq!(
            page.total as usize,
            found.len(),
            "the count agrees with the rows"
        );
        found
    };
    assert_eq!(found(&fx, "éLISE"), ["Élise Kavira"]);
    assert_eq!(
        found(&fx, "a"),
        ["Daniel Mbusa", "Élise Kavira"],
        "one letter still searches"
    );
    assert_eq!(found(&fx, "da"), ["Daniel Mbusa"]);

    save(
        &mut fx,
        &ws,
        KIND,
        Some(&elise),
        &holder(
            "Élise Bahati",
            "applied",
            json!({"licenceNumber": "LW-AP-0042"}),
        ),
    );
    assert!(
        found(&fx, "kavira").is_empty(),
        "the old name is no longer found"
    );
    assert_eq!(found(&fx, "bahati"), ["Élise Bahati"]);
    assert_eq!(found(&fx, "ap-00"), ["Élise Bahati"]);

    fx.store
        .write(|w| kinds::delete(w, &ws, KIND, &elise))
        .unwrap();
    assert!(
        found(&fx, "bahati").is_empty(),
        "a deleted holder is not found"
    );
}

#[test]
fn the_monitoring_indicators_count_granted_individuals_from_the_registry() {
    let (mut fx, ws) = with_workspace();
    save(
        &mut fx,
        &ws,
        KIND,
        None,
        &holder("A", "granted", json!({"sex": "female"})),
    );
    save(
        &mut fx,
        &ws,
        KIND,
        None,
        &holder("B", "granted", json!({"sex": "male"})),
    );
    save(
        &mut fx,
        &ws,
        KIND,
        None,
        &holder("C", "applied", json!({"sex": "female"})),
    );
    let conn = fx.store.conn();
    assert_eq!(
        monitoring::compute(conn, &ws, "registered_miners").unwrap(),
        Some(2.0)
    );
    assert_eq!(
        monitoring::compute(conn, &ws, "women_pct_licence_holders").unwrap(),
        Some(50.0)
    );
}

const REGISTER: &str = "\
Holder kind,Name,National ID,Birth date,Licence type,Licence number,Commodity,Issued on,Expires on,Status
individual,Aline Bahati,CD-1,1990-04-02,Artisanal mining permit,AP-1,Gold,2026-01-10,2027-01-09,Granted
individual,Jean Mukendi,CD-2,1985-02-11,artisanal_permit,AP-2,Or,2026-02-01,2027-01-31,granted
cooperative,COMIKA,,,Cooperative licence,CL-1,gold,2025-06-01,2028-05-31,granted
individual,No Type,CD-3,,Gold rush,,gold,,,applied
individual,Backwards,CD-4,,artisanal_permit,,,2026-05-01,2026-04-01,granted
individual,Pending,CD-5,,artisanal_permit,,,,,pending
individual,Aline B.,Cd -1,,artisanal_permit,,,,,applied
individual,JEAN MUKENDI,CD-6,1985-02-11,artisanal_permit,,,,,applied
individual,Already There,XX-9,,artisanal_permit,,,,,applied
";

#[test]
fn importing_a_register_takes_the_good_rows_and_lists_each_bad_one_with_its_reasons() {
    let (mut fx, ws) = with_workspace();
    save(
        &mut fx,
        &ws,
        KIND,
        None,
        &holder("Someone", "granted", json!({"nationalId": "xx - 9"})),
    );
    let path = fx.dir.path().join("register.csv");
    std::fs::write(&path, REGISTER).unwrap();
    assert_eq!(
        ImportKind::parse("licence_holder"),
        Some(ImportKind::LicenceHolder)
    );
    let session = Session::open(&path, &ws, ImportKind::LicenceHolder).unwrap();
    assert_eq!(
        session.mapping["nationalId"].as_deref(),
        Some("National ID")
    );
    let audit_before = audit_rows(&fx.store);
    let preview = session.preview(fx.store.conn(), Lang::Fr, "i1").unwrap();
    assert_eq!((preview.total, preview.accepted), (9, 3));
    let reasons: Vec<(usize, Vec<String>)> = preview
        .rejected
        .iter()
        .map(|r| {
            (
                r.row,
                r.reasons
                    .iter()
                    .map(|e| format!("{}:{}", e.field, e.code))
                    .collect(),
            )
        })
        .collect();
    let row = |n: usize, reasons: &[&str]| {
        (
            n,
            reasons.iter().map(|r| (*r).to_owned()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        reasons,
        [
            row(4, &["licenceType:invalid_choice"]),
            row(5, &["expiresOn:end_before_start"]),
            row(6, &["status:invalid_choice"]),
            row(7, &["nationalId:possible_duplicate"]),
            row(8, &["name:possible_duplicate"]),
            row(9, &["nationalId:possible_duplicate"]),
        ],
        "rows 7 and 8 repeat rows 1 and 2 of the file; row 9 repeats a saved holder"
    );
    assert!(
        preview
            .rejected
            .iter()
            .all(|r| r.reasons.iter().all(|e| !e.message.is_empty()))
    );
    assert_eq!(
        serde_json::to_value(&preview).unwrap()["kind"],
        "licence_holder"
    );
    assert_eq!(
        audit_rows(&fx.store),
        audit_before,
        "the preview writes nothing"
    );
    assert_eq!(count(&fx, "SELECT count(*) FROM licence_holder"), 1);

    let (inserted, rejected) = fx.store.write(|w| session.commit(w)).unwrap();
    assert_eq!((inserted, rejected), (3, 6));
    let page = licences::list(
        fx.store.conn(),
        &ws,
        &query(json!({"status": "granted"})),
        TODAY,
    )
    .unwrap();
    assert_eq!(
        names(&page.rows),
        ["Aline Bahati", "COMIKA", "Jean Mukendi", "Someone"]
    );
    let aline = &page.rows[0];
    assert_eq!(
        (aline.licence_type.as_str(), aline.commodity.as_str()),
        ("artisanal_permit", "gold"),
        "labels in either language are read as codes"
    );
    assert_eq!(
        history(&fx, &ws, &aline.meta.id),
        [(None, "granted".to_owned())]
    );
    assert_eq!(
        count(&fx, "SELECT count(*) FROM licence_status_change"),
        4,
        "every imported holder starts its history"
    );
}
