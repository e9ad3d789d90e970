use crate::common::*;
use lode_core::Lang;
use lode_store::import::{ImportKind, Session};
use lode_store::site::{self, SiteQuery};
use std::fmt::Write as _;

/// 1,000 sites, of which rows 50, 100, … 1000 (20 of them) are bad in one way each.
fn thousand_sites_with_twenty_bad() -> String {
    let mut csv = String::from(
        "Name,Admin unit,Latitude,Longitude,Commodity,Miners female,Miners male,Miners under18\n",
    );
    for row in 1..=1000 {
        let (lat, commodity, female, under18, name) = match (row % 50 == 0, row / 50 % 4) {
            (true, 0) => ("95.0", "gold", "10", "0", format!("Site {row}")),
            (true, 1) => ("-3.1", "unobtainium", "10", "0", format!("Site {row}")),
            (true, 2) => ("-3.1", "gold", "10", "99", format!("Site {row}")),
            (true, _) => ("-3.1", "Gold", "10", "0", String::new()),
            (false, _) => (
                "-3.1",
                if row % 2 == 0 { "Gold" } else { "tin" },
                "10",
                "2",
                format!("Site {row}"),
            ),
        };
        writeln!(
            csv,
            "{name},Walungu,{lat},28.7,{commodity},{female},20,{under18}"
        )
        .unwrap();
    }
    csv
}

#[test]
fn a_thousand_sites_with_twenty_bad_rows_import_the_good_980_after_a_preview() {
    let (mut fx, ws) = with_workspace();
    let path = fx.dir.path().join("sites.csv");
    std::fs::write(&path, thousand_sites_with_twenty_bad()).unwrap();
    let session = Session::open(&path, &ws, ImportKind::Site).unwrap();
    assert_eq!(
        session.mapping["adminUnit"].as_deref(),
        Some("Admin unit"),
        "headers map by name"
    );
    let audit_before = audit_rows(&fx.store);
    let preview = session.preview(fx.store.conn(), Lang::En, "i1").unwrap();
    assert_eq!(
        (preview.total, preview.accepted, preview.rejected.len()),
        (1000, 980, 20)
    );
    let rows: Vec<usize> = preview.rejected.iter().map(|r| r.row).collect();
    assert_eq!(rows, (1..=20).map(|i| i * 50).collect::<Vec<_>>());
    let reasons: Vec<String> = preview.rejected[..4]
        .iter()
        .map(|r| format!("{}:{}", r.reasons[0].field, r.reasons[0].code))
        .collect();
    assert_eq!(
        reasons,
        [
            "commodity:invalid_choice",
            "minersUnder18:exceeds_total",
            "name:required",
            "latitude:out_of_range"
        ]
    );
    assert!(
        preview
            .rejected
            .iter()
            .all(|r| !r.reasons[0].message.is_empty())
    );
    assert_eq!(
        site::count(fx.store.conn(), &ws).unwrap(),
        0,
        "the preview writes nothing"
    );
    assert_eq!(audit_rows(&fx.store), audit_before);

    let (inserted, rejected) = fx.store.write(|w| session.commit(w)).unwrap();
    assert_eq!((inserted, rejected), (980, 20));
    assert_eq!(site::count(fx.store.conn(), &ws).unwrap(), 980);
    let gold = site::list(
        fx.store.conn(),
        &ws,
        &SiteQuery {
            commodity: "gold".into(),
            limit: 1,
            ..SiteQuery::default()
        },
    )
    .unwrap();
    assert!(
        gold.total > 0,
        "the label \"Gold\" was read as the code gold"
    );
}

#[test]
fn an_unmapped_required_field_rejects_every_row_with_that_reason() {
    let (fx, ws) = with_workspace();
    let path = fx.dir.path().join("sites.csv");
    std::fs::write(
        &path,
        "Site;District;Substance\nA;Walungu;gold\nB;Mwenga;gold\n",
    )
    .unwrap();
    let mut session = Session::open(&path, &ws, ImportKind::Site).unwrap();
    let preview = session.preview(fx.store.conn(), Lang::Fr, "i2").unwrap();
    assert_eq!(preview.accepted, 0);
    assert!(
        preview.rejected[0]
            .reasons
            .iter()
            .any(|r| r.code == "unmapped" || r.code == "required")
    );
    let mut mapping = session.mapping.clone();
    mapping.insert("name".into(), Some("Site".into()));
    mapping.insert("adminUnit".into(), Some("District".into()));
    mapping.insert("commodity".into(), Some("Substance".into()));
    mapping.insert("latitude".into(), Some("No such column".into()));
    session.remap(mapping);
    assert_eq!(
        session.mapping["latitude"], None,
        "a column the file lacks is dropped"
    );
    let preview = session.preview(fx.store.conn(), Lang::Fr, "i2").unwrap();
    assert_eq!(
        preview.accepted,
        2,
        "semicolon-separated files work: {:?}",
        preview.rejected.first().map(|r| &r.reasons)
    );
}

#[test]
fn an_unreadable_file_is_refused_with_a_reason_and_nothing_changes() {
    let (fx, ws) = with_workspace();
    let path = fx.dir.path().join("sites.xlsx");
    std::fs::write(&path, b"this is not a spreadsheet").unwrap();
    let error = Session::open(&path, &ws, ImportKind::Site).err().unwrap();
    assert_eq!(error.code(), "import.unreadable");
    assert!(error.message(Lang::En).contains("sites.xlsx"));
    let empty = fx.dir.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    assert_eq!(
        Session::open(&empty, &ws, ImportKind::Site)
            .err()
            .unwrap()
            .code(),
        "import.unreadable"
    );
}

#[test]
fn stakeholders_import_with_group_labels_in_french() {
    let (mut fx, ws) = with_workspace();
    let path = fx.dir.path().join("parties.csv");
    let label = lode_core::catalogue::list(Lang::Fr, "stakeholder_groups")[0]
        .label
        .clone();
    std::fs::write(
        &path,
        format!("Organisation,Group,Region\nCoopérative de Kalima,{label},Sud\n"),
    )
    .unwrap();
    let session = Session::open(&path, &ws, ImportKind::Stakeholder).unwrap();
    let (inserted, _) = fx.store.write(|w| session.commit(w)).unwrap();
    assert_eq!(inserted, 1);
    let saved = lode_store::forum::stakeholders(fx.store.conn(), &ws).unwrap();
    assert_eq!(
        saved[0].stakeholder_group,
        lode_core::catalogue::list(Lang::En, "stakeholder_groups")[0].code
    );
}

#[test]
fn labels_with_commas_match_whole_and_lists_split_on_separators() {
    let (mut fx, ws) = with_workspace();
    let path = fx.dir.path().join("sites.csv");
    let techniques = lode_core::catalogue::list(Lang::En, "techniques");
    let (first, second) = (&techniques[0], &techniques[1]);
    std::fs::write(
        &path,
        format!(
            "Name,Admin unit,Commodity,Techniques\n\
             Kalima sand,Walungu,\"Construction materials (sand, gravel, clay)\",\"{}; {}\"\n",
            first.label, second.code
        ),
    )
    .unwrap();
    let session = Session::open(&path, &ws, ImportKind::Site).unwrap();
    let preview = session.preview(fx.store.conn(), Lang::En, "i1").unwrap();
    assert!(
        preview.rejected.is_empty(),
        "a label holding commas names one commodity: {:?}",
        preview.rejected
    );
    fx.store.write(|w| session.commit(w)).unwrap();
    let query = SiteQuery {
        limit: 10,
        ..SiteQuery::default()
    };
    let page = site::list(fx.store.conn(), &ws, &query).unwrap();
    assert_eq!(page.total, 1);
    let saved = &page.rows[0];
    assert_eq!(saved.commodity, "construction_materials");
    assert_eq!(
        saved.techniques.0,
        [first.code.clone(), second.code.clone()]
    );
}
