//! Every register of the demo workspace exported to a real file in every format it allows, then
//! read back as another program would: CSV with the csv crate, XLSX with calamine (and its sheet
//! XML for the frozen header and the filter), GeoJSON with serde_json.

use calamine::{Data, Reader, open_workbook_auto};
use lode_core::Lang;
use lode_core::clock::{FixedClock, SequentialIds};
use lode_registers::{ExportRequest, ExportSummary, Format, Register, RegisterError, export};
use lode_store::{Context, Store, forum, kinds, licences, monitoring, partner, plan, site};
use serde_json::{Value, json};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// 2026-11-28T00:00:00Z
const T0: i64 = 1_795_824_000_000;

fn context() -> Context {
    Context {
        clock: Arc::new(FixedClock::at(T0)),
        ids: Arc::new(SequentialIds::default()),
    }
}

/// The demo workspace is made once (it holds 2,000 licence holders) and copied for each test.
fn template() -> &'static Path {
    static TEMPLATE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let source = dir.path().join("source.db");
        let mut store = Store::open(&source, context()).expect("a new store");
        lode_store::demo::ensure(&mut store, Lang::En).expect("the demo workspace");
        let copy = dir.path().join("template.db");
        lode_store::backup::backup_to(store.conn(), &copy).expect("a copy of the demo");
        (dir, copy)
    });
    path
}

struct Fixture {
    dir: tempfile::TempDir,
    store: Store,
    workspace: String,
}

impl Fixture {
    fn demo() -> Fixture {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db = dir.path().join("lode.db");
        std::fs::copy(template(), &db).expect("the demo copied");
        let store = Store::open(&db, context()).expect("the demo opens");
        let workspace = lode_store::setting::current_workspace(store.conn())
            .unwrap()
            .expect("the demo is the current workspace");
        Fixture {
            dir,
            store,
            workspace,
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn request(&self, register: Register, format: Format, lang: Lang) -> ExportRequest {
        ExportRequest {
            workspace_id: self.workspace.clone(),
            register,
            format,
            lang,
            include_personal_data: false,
        }
    }

    fn export(&mut self, request: &ExportRequest, name: &str) -> ExportSummary {
        let path = self.path(name);
        export(&mut self.store, request, &path)
            .unwrap_or_else(|e| panic!("{name}: [{}] {}", e.code(), e.message(Lang::En)))
    }

    fn audit_exports(&self) -> Vec<(String, String, String, Value)> {
        let mut stmt = self
            .store
            .conn()
            .prepare(
                "SELECT table_name, record_id, officer, after FROM audit_log
                 WHERE action = 'export' ORDER BY seq",
            )
            .unwrap();
        stmt.query_map([], |r| {
            let after: String = r.get(3)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                serde_json::from_str(&after).unwrap(),
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }

    fn audit_count(&self) -> i64 {
        self.store
            .conn()
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap()
    }

    /// How many records each register has, by the store's own readers.
    fn store_count(&self, register: Register) -> u64 {
        let conn = self.store.conn();
        let ws = &self.workspace;
        let count = match register {
            Register::Sites => site::count(conn, ws).unwrap() as usize,
            Register::Stakeholders => forum::stakeholders(conn, ws).unwrap().len(),
            Register::Partners => partner::list(conn, ws).unwrap().len(),
            Register::LicenceHolders => licences::summary(conn, ws, "2026-11-28")
                .unwrap()
                .by_status
                .iter()
                .map(|s| s.count)
                .sum::<i64>() as usize,
            Register::Actions => plan::view(conn, ws, Lang::En).unwrap().actions.len(),
            Register::Measurements => monitoring::view(conn, ws, Lang::En)
                .unwrap()
                .adopted
                .iter()
                .map(|a| a.measurements.len())
                .sum(),
            Register::Zones => plan::view(conn, ws, Lang::En)
                .unwrap()
                .preparation
                .zones
                .len(),
        };
        count as u64
    }
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).expect("the CSV opens");
    let headers = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            r.expect("a well-formed row")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect();
    (headers, rows)
}

fn read_xlsx(path: &Path) -> calamine::Range<Data> {
    let mut workbook = open_workbook_auto(path).expect("the workbook opens");
    workbook
        .worksheet_range_at(0)
        .expect("a first sheet")
        .expect("the sheet reads")
}

fn sheet_xml(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).expect("an xlsx is a zip");
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .expect("the sheet's XML")
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

fn read_geojson(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).expect("the GeoJSON parses")
}

fn column(headers: &[String], name: &str) -> usize {
    headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {headers:?}"))
}

#[test]
fn every_register_is_exported_in_every_format_it_allows_with_every_record() {
    let mut fx = Fixture::demo();
    for register in Register::ALL {
        let expected = fx.store_count(register);
        assert!(expected > 0, "the demo has {register}");
        for &format in register.formats() {
            let name = format!("{register}.{format}");
            let summary = fx.export(&fx.request(register, format, Lang::En), &name);
            let path = fx.path(&name);
            let (read, skipped) = match format {
                Format::Csv => (read_csv(&path).1.len() as u64, 0),
                Format::Xlsx => (read_xlsx(&path).height() as u64 - 1, 0),
                Format::Geojson => {
                    let features = read_geojson(&path)["features"].as_array().unwrap().len();
                    (features as u64, summary.skipped_without_location)
                }
            };
            assert_eq!(read + skipped, expected, "{name}: every record, once");
            assert_eq!(
                summary.rows, read,
                "{name}: the summary counts what was written"
            );
        }
    }
    let exports = fx.audit_exports();
    let expected: usize = Register::ALL.iter().map(|r| r.formats().len()).sum();
    assert_eq!(exports.len(), expected, "one audit row per export");
}

#[test]
fn csv_is_utf8_rfc_4180_with_headers_and_labels_in_the_chosen_language() {
    let mut fx = Fixture::demo();
    let summary = fx.export(
        &fx.request(Register::Sites, Format::Csv, Lang::Fr),
        "sites.csv",
    );
    let bytes = std::fs::read(fx.path("sites.csv")).unwrap();
    assert!(
        !bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        "no byte-order mark"
    );
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert_eq!(
        text.matches("\r\n").count() as u64,
        summary.rows + 1,
        "CRLF after the header and after every row"
    );
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());

    let (headers, rows) = read_csv(&fx.path("sites.csv"));
    assert_eq!(headers[0], "Nom du site ou de la zone");
    let first = &site::list(
        fx.store.conn(),
        &fx.workspace,
        &site::SiteQuery {
            limit: 1,
            ..Default::default()
        },
    )
    .unwrap()
    .rows[0];
    let row = rows
        .iter()
        .find(|r| r[column(&headers, "Identifiant de la fiche")] == first.meta.id)
        .expect("the first site is in the file");
    assert_eq!(row[0], first.name);
    let latitude: f64 = row[column(&headers, "Latitude")].parse().unwrap();
    assert_eq!(Some(latitude), first.latitude, "numbers written plainly");
    let commodity = &row[column(&headers, "Substance")];
    assert_eq!(
        *commodity,
        lode_core::catalogue::label(Lang::Fr, "commodities", &first.commodity),
        "coded values labelled in French"
    );
}

#[test]
fn xlsx_cells_are_typed_the_header_frozen_and_filters_on() {
    let mut fx = Fixture::demo();
    let summary = fx.export(
        &fx.request(Register::LicenceHolders, Format::Xlsx, Lang::En),
        "holders.xlsx",
    );
    let path = fx.path("holders.xlsx");
    let range = read_xlsx(&path);
    let headers: Vec<String> = (0..range.width())
        .map(|c| range.get((0, c)).unwrap().to_string())
        .collect();
    assert_eq!(headers[0], "Name");
    let issued = column(&headers, "Issued on");
    let dates = (1..range.height())
        .filter(|&r| matches!(range.get((r, issued)), Some(Data::DateTime(_))))
        .count();
    assert!(dates > 0, "dates are Excel dates, not text");
    assert_eq!(range.height() as u64, summary.rows + 1);

    let xml = sheet_xml(&path);
    assert!(
        xml.contains(
            "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        ),
        "the header row is frozen: {}",
        &xml[..xml.len().min(800)]
    );
    let last_column = (b'A' + range.width() as u8 - 1) as char;
    let filter = format!("<autoFilter ref=\"A1:{last_column}{}\"/>", summary.rows + 1);
    assert!(
        xml.contains(&filter),
        "filters over the header and every row: {filter}"
    );
    assert!(xml.contains("<cols>"), "columns are given widths");

    fx.export(
        &fx.request(Register::Sites, Format::Xlsx, Lang::En),
        "sites.xlsx",
    );
    let sites = read_xlsx(&fx.path("sites.xlsx"));
    let headers: Vec<String> = (0..sites.width())
        .map(|c| sites.get((0, c)).unwrap().to_string())
        .collect();
    let latitude = column(&headers, "Latitude");
    let women = column(&headers, "Women miners");
    assert!(matches!(sites.get((1, latitude)), Some(Data::Float(_))));
    assert!(
        matches!(sites.get((1, women)), Some(Data::Float(_) | Data::Int(_))),
        "a count is a number: {:?}",
        sites.get((1, women))
    );

    fx.export(
        &fx.request(Register::Stakeholders, Format::Xlsx, Lang::En),
        "stakeholders.xlsx",
    );
    let stakeholders = read_xlsx(&fx.path("stakeholders.xlsx"));
    let headers: Vec<String> = (0..stakeholders.width())
        .map(|c| stakeholders.get((0, c)).unwrap().to_string())
        .collect();
    let insider = column(&headers, "Insider");
    assert!(matches!(
        stakeholders.get((1, insider)),
        Some(Data::Bool(_))
    ));
}

#[test]
fn national_ids_and_birth_dates_are_masked_unless_the_officer_includes_them() {
    let mut fx = Fixture::demo();
    let ids: Vec<(String, Option<String>)> = licences::list(
        fx.store.conn(),
        &fx.workspace,
        &licences::LicenceQuery {
            sort: "name".into(),
            limit: 500,
            ..Default::default()
        },
        "2026-11-28",
    )
    .unwrap()
    .rows
    .into_iter()
    .map(|h| (h.national_id, h.birth_date))
    .collect();
    let (id, birth) = ids
        .iter()
        .find(|(id, birth)| !id.is_empty() && birth.is_some())
        .cloned()
        .expect("an individual with an ID and a birth date");
    let birth = birth.unwrap();

    let masked = fx.export(
        &fx.request(Register::LicenceHolders, Format::Csv, Lang::En),
        "masked.csv",
    );
    assert!(masked.personal_data_masked && !masked.personal_data_included);
    let text = std::fs::read_to_string(fx.path("masked.csv")).unwrap();
    assert!(
        !text.contains(&id),
        "the national ID {id} is not in the file"
    );
    assert!(
        !text.contains(&birth),
        "the birth date {birth} is not in the file"
    );
    let (headers, rows) = read_csv(&fx.path("masked.csv"));
    let national = column(&headers, "National ID");
    let tail: String = id
        .chars()
        .rev()
        .take(3)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert!(
        rows.iter().any(|r| r[national] == format!("•••••{tail}")),
        "the last three characters stay"
    );
    assert!(
        rows.iter()
            .all(|r| r[national].is_empty() || r[national].starts_with('•'))
    );

    let mut request = fx.request(Register::LicenceHolders, Format::Csv, Lang::En);
    request.include_personal_data = true;
    let included = fx.export(&request, "included.csv");
    assert!(included.personal_data_included && !included.personal_data_masked);
    let text = std::fs::read_to_string(fx.path("included.csv")).unwrap();
    assert!(text.contains(&id) && text.contains(&birth));

    let exports = fx.audit_exports();
    let flags: Vec<&Value> = exports
        .iter()
        .map(|e| &e.3["personalDataIncluded"])
        .collect();
    assert_eq!(
        flags,
        [&json!(false), &json!(true)],
        "the log says which it was"
    );
}

#[test]
fn an_export_adds_exactly_one_audit_row_naming_the_register_and_the_workspace() {
    let mut fx = Fixture::demo();
    let before = fx.audit_count();
    let summary = fx.export(
        &fx.request(Register::LicenceHolders, Format::Xlsx, Lang::Fr),
        "titulaires.xlsx",
    );
    assert_eq!(fx.audit_count(), before + 1);
    let (table, record, officer, after) = fx.audit_exports().pop().unwrap();
    assert_eq!(table, "licence-holders");
    assert_eq!(record, fx.workspace);
    let installed = lode_store::installation::get(fx.store.conn())
        .unwrap()
        .expect("the demo installation")
        .officer_name;
    assert_eq!(officer, installed, "the officer who exported");
    assert_eq!(after["format"], "xlsx");
    assert_eq!(after["rows"], json!(summary.rows));
    assert_eq!(after["personalDataIncluded"], json!(false));
    assert_eq!(after["fileName"], "titulaires.xlsx");
    let at: i64 = fx
        .store
        .conn()
        .query_row(
            "SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(at, T0);
}

#[test]
fn sites_without_coordinates_are_left_off_the_map_and_counted() {
    let mut fx = Fixture::demo();
    let ws = fx.workspace.clone();
    fx.store
        .write(|w| {
            kinds::save(
                w,
                &ws,
                "site",
                None,
                &json!({"name": "Unmapped pit", "adminUnit": "Mwenga", "commodity": "gold"}),
            )
        })
        .unwrap();
    let summary = fx.export(
        &fx.request(Register::Sites, Format::Geojson, Lang::En),
        "sites.geojson",
    );
    assert_eq!(summary.skipped_without_location, 1);
    let geojson = read_geojson(&fx.path("sites.geojson"));
    assert_eq!(geojson["type"], "FeatureCollection");
    let features = geojson["features"].as_array().unwrap();
    assert_eq!(features.len() as u64, fx.store_count(Register::Sites) - 1);
    assert!(
        features
            .iter()
            .all(|f| f["properties"]["name"] != "Unmapped pit")
    );

    let first = &features[0];
    let id = first["id"].as_str().unwrap();
    let stored: site::Site = site::all(fx.store.conn(), &ws)
        .unwrap()
        .into_iter()
        .find(|s| s.meta.id == id)
        .unwrap();
    assert_eq!(first["geometry"]["type"], "Point");
    assert_eq!(
        first["geometry"]["coordinates"],
        json!([stored.longitude, stored.latitude]),
        "longitude first (RFC 7946)"
    );
    assert_eq!(
        first["properties"]["minersFemale"],
        json!(stored.miners_female)
    );

    let zones = fx.export(
        &fx.request(Register::Zones, Format::Geojson, Lang::En),
        "zones.geojson",
    );
    let zones_json = read_geojson(&fx.path("zones.geojson"));
    let polygons = zones_json["features"].as_array().unwrap();
    assert_eq!(polygons.len() as u64, zones.rows);
    assert!(polygons.iter().all(|f| f["geometry"]["type"] == "Polygon"));
}

#[test]
fn refusals_leave_neither_a_file_nor_an_audit_row() {
    let mut fx = Fixture::demo();
    let before = fx.audit_count();

    let path = fx.path("partners.geojson");
    let request = fx.request(Register::Partners, Format::Geojson, Lang::En);
    let refused = export(&mut fx.store, &request, &path).unwrap_err();
    assert!(matches!(
        refused,
        RegisterError::NoGeometry(Register::Partners)
    ));
    assert_eq!(refused.code(), "registers.no_geometry");
    assert!(!path.exists());

    let mut unknown = fx.request(Register::Sites, Format::Csv, Lang::En);
    unknown.workspace_id = "no-such-workspace".into();
    let path = fx.path("sites.csv");
    let refused = export(&mut fx.store, &unknown, &path).unwrap_err();
    assert_eq!(refused.code(), "store.not_found");
    assert!(!fx.path("sites.csv").exists());

    let nowhere = fx.path("missing-folder").join("sites.xlsx");
    let request = fx.request(Register::Sites, Format::Xlsx, Lang::En);
    let refused = export(&mut fx.store, &request, &nowhere).unwrap_err();
    assert_eq!(refused.code(), "registers.write_failed");
    assert!(refused.message(Lang::En).contains("sites.xlsx"));

    assert_eq!(
        fx.audit_count(),
        before,
        "nothing was exported, nothing logged"
    );
    let leftovers: Vec<_> = std::fs::read_dir(fx.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with("lode.db"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary file left: {leftovers:?}"
    );
}

#[test]
fn an_export_replaces_an_existing_file_whole() {
    let mut fx = Fixture::demo();
    std::fs::write(
        fx.path("partners.csv"),
        "old content that is longer than nothing",
    )
    .unwrap();
    let summary = fx.export(
        &fx.request(Register::Partners, Format::Csv, Lang::En),
        "partners.csv",
    );
    let (headers, rows) = read_csv(&fx.path("partners.csv"));
    assert_eq!(headers[0], "Organisation");
    assert_eq!(rows.len() as u64, summary.rows);
}
