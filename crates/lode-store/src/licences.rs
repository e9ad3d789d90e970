//! The licence-holder registry: who holds (or applied for) which licence, the rule for moving a
//! licence from one status to another, the history of every status it was given (synced rows, so
//! that an office receiving a bundle sees the same history), likely duplicates (the same national
//! ID, or the same name and birth date), the paged query behind the register and the summary of
//! statuses and renewals due. Dates are ISO text, so "expiring within" is an index range scan.

use crate::error::Result;
use crate::kinds::{Kind, owned};
use crate::plan::AsmZone;
use crate::record::{self, Meta, record_type};
use crate::site::Site;
use crate::writer::Writer;
use lode_core::form::Form;
use lode_core::validation::{MAX_NAME, is_iso_date};
use lode_core::{FieldError, Invalid, catalogue};
use rusqlite::Connection;
use rusqlite::types::Value as SqlValue;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

pub const HOLDER_KINDS: &[&str] = &["individual", "cooperative", "company"];
pub const SEXES: &[&str] = &["female", "male", "unknown"];
/// In the order of a licence's life, which is also the order of the summary's counts.
pub const STATUSES: &[&str] = &["applied", "granted", "suspended", "expired", "revoked"];

/// How far ahead the summary looks for granted licences to renew, and how many it lists.
pub const RENEWAL_DAYS: i64 = 90;
pub const RENEWAL_ROWS: usize = 20;
pub const MAX_PAGE: i64 = 500;

/// Whether a licence may go from status `from` to `to` (staying put is always allowed). A
/// revoked licence is final; an expired one comes back only through a renewal (granted).
pub fn may_change(from: &str, to: &str) -> bool {
    from == to
        || matches!(
            (from, to),
            ("applied", "granted" | "revoked")
                | ("granted", "suspended" | "expired" | "revoked")
                | ("suspended", "granted" | "expired" | "revoked")
                | ("expired", "granted" | "revoked")
        )
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LicenceHolder {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub holder_kind: String,
    pub name: String,
    pub national_id: String,
    pub birth_date: Option<String>,
    pub sex: String,
    pub licence_type: String,
    pub licence_number: String,
    pub site_id: String,
    pub zone_id: String,
    pub commodity: String,
    pub issued_on: Option<String>,
    pub expires_on: Option<String>,
    pub status: String,
    pub accept_duplicate: bool,
}

record_type!(LicenceHolder, "licence_holder", {
    workspace_id, holder_kind, name, national_id, birth_date, sex, licence_type, licence_number,
    site_id, zone_id, commodity, issued_on, expires_on, status, accept_duplicate,
});

/// One status a holder was given; `from_status` is "" when the holder was first recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LicenceStatusChange {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub holder_id: String,
    pub from_status: String,
    pub to_status: String,
    pub changed_at: i64,
    pub changed_by: String,
}

record_type!(LicenceStatusChange, "licence_status_change", {
    workspace_id, holder_id, from_status, to_status, changed_at, changed_by,
});

/// The fields of a holder, in the order a form or an import lists them, with whether each is
/// required.
pub const FIELDS: &[(&str, bool)] = &[
    ("holderKind", true),
    ("name", true),
    ("nationalId", false),
    ("birthDate", false),
    ("sex", false),
    ("licenceType", true),
    ("licenceNumber", false),
    ("siteId", false),
    ("zoneId", false),
    ("commodity", false),
    ("issuedOn", false),
    ("expiresOn", false),
    ("status", true),
    ("acceptDuplicate", false),
];

fn listed(list: &'static str) -> impl Fn(&str) -> bool {
    move |code| catalogue::has(list, code)
}

/// One of `options`, read without regard to case, so that "Granted" in a file is understood.
fn folded_choice(form: &mut Form, name: &str, options: &[&str], required: bool) -> String {
    let value = form.text(name).to_lowercase();
    if value.is_empty() {
        if required {
            form.fail(name, "required");
        }
    } else if !options.contains(&value.as_str()) {
        form.fail(name, "invalid_choice");
    }
    value
}

/// An identifier as typed, with runs of blanks (tabs, non-breaking spaces) made one space.
fn identifier(form: &mut Form, name: &str) -> String {
    let text = form
        .text(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if text.chars().count() > MAX_NAME {
        form.fail(name, "too_long");
    }
    text
}

/// An id of a live `K` of the workspace, or "" when the field is empty.
fn optional_id<K: Kind>(
    form: &mut Form,
    name: &str,
    conn: &Connection,
    workspace_id: &str,
) -> String {
    let id = form.text(name);
    if !id.is_empty() && owned::<K>(conn, workspace_id, &id).is_err() {
        form.fail(name, "invalid_choice");
    }
    id
}

/// The issue and expiry dates, expiry not before issue.
fn validity(form: &mut Form) -> (Option<String>, Option<String>) {
    let issued = form.date("issuedOn", false);
    let expires = form.date("expiresOn", false);
    if let (Some(issued), Some(expires)) = (&issued, &expires)
        && expires < issued
    {
        form.fail("expiresOn", "end_before_start");
    }
    (issued, expires)
}

/// The national ID as duplicates are compared: without spaces, ASCII case folded — the same
/// expression as the SQL below and its index.
fn national_id_key(national_id: &str) -> String {
    national_id.replace(' ', "").to_ascii_lowercase()
}

const NATIONAL_ID_KEY_SQL: &str = "lower(replace(national_id, ' ', ''))";

/// A name as duplicates are compared: case folded (beyond ASCII), blanks made single spaces.
fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Kind for LicenceHolder {
    const KIND: &'static str = "licence_holder";

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    /// Birth date and sex describe a person: for a cooperative or a company they are not kept.
    fn parse(form: &mut Form, workspace_id: &str, conn: &Connection) -> Result<Self> {
        let holder_kind = folded_choice(form, "holderKind", HOLDER_KINDS, true);
        let person = !matches!(holder_kind.as_str(), "cooperative" | "company");
        let name = form.name("name");
        let national_id = identifier(form, "nationalId");
        let birth_date = person.then(|| form.date("birthDate", false)).flatten();
        let sex = if person {
            folded_choice(form, "sex", SEXES, false)
        } else {
            String::new()
        };
        let licence_type = form.code("licenceType", listed("licence_types"), true);
        let licence_number = identifier(form, "licenceNumber");
        let site_id = optional_id::<Site>(form, "siteId", conn, workspace_id);
        let zone_id = optional_id::<AsmZone>(form, "zoneId", conn, workspace_id);
        let commodity = form.code("commodity", listed("commodities"), false);
        let (issued_on, expires_on) = validity(form);
        Ok(LicenceHolder {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            holder_kind,
            name,
            national_id,
            birth_date,
            sex,
            licence_type,
            licence_number,
            site_id,
            zone_id,
            commodity,
            issued_on,
            expires_on,
            status: folded_choice(form, "status", STATUSES, true),
            accept_duplicate: form.flag("acceptDuplicate"),
        })
    }

    /// The status may only move as [`may_change`] allows from the stored one; a new or changed
    /// identity that matches another holder is refused unless the officer accepts it.
    fn check_against_others(
        &self,
        form: &mut Form,
        conn: &Connection,
        id: Option<&str>,
    ) -> Result<()> {
        let stored = match id {
            Some(id) => record::find::<LicenceHolder>(conn, id)?
                .filter(|h| !h.meta.deleted && h.workspace_id == self.workspace_id),
            None => None,
        };
        if let Some(stored) = &stored
            && STATUSES.contains(&self.status.as_str())
            && !may_change(&stored.status, &self.status)
        {
            form.fail("status", "illegal_transition");
        }
        if !self.accept_duplicate {
            for field in self.duplicate_fields(conn, stored.as_ref())? {
                form.fail(field, "possible_duplicate");
            }
        }
        Ok(())
    }

    /// Keeps the history: a row for the first status, then one for each change.
    fn after_save(&self, w: &Writer, previous: Option<&Self>) -> Result<()> {
        let from = previous.map_or("", |p| p.status.as_str());
        if previous.is_some() && from == self.status {
            return Ok(());
        }
        let change = LicenceStatusChange {
            meta: Meta::new(w),
            workspace_id: self.workspace_id.clone(),
            holder_id: self.meta.id.clone(),
            from_status: from.to_owned(),
            to_status: self.status.clone(),
            changed_at: w.now(),
            changed_by: w.actor().officer.clone(),
        };
        record::insert(w, &change)
    }

    fn delete_dependents(w: &Writer, holder: &Self) -> Result<()> {
        for change in changes(w.tx(), &holder.meta.id)? {
            record::tombstone::<LicenceStatusChange>(w, &change.meta.id)?;
        }
        Ok(())
    }
}

impl LicenceHolder {
    /// The fields ("nationalId", "name") on which this holder matches another, counting only
    /// what is new or changed since `stored` (an unchanged identity was already accepted).
    fn duplicate_fields(
        &self,
        conn: &Connection,
        stored: Option<&Self>,
    ) -> Result<Vec<&'static str>> {
        let id = stored.map(|s| s.meta.id.as_str());
        let mut fields = Vec::new();
        let id_changed = stored
            .is_none_or(|s| national_id_key(&s.national_id) != national_id_key(&self.national_id));
        if id_changed
            && !same_national_id(conn, &self.workspace_id, id, &self.national_id)?.is_empty()
        {
            fields.push("nationalId");
        }
        let person_changed = stored.is_none_or(|s| {
            name_key(&s.name) != name_key(&self.name) || s.birth_date != self.birth_date
        });
        if person_changed
            && !same_person(
                conn,
                &self.workspace_id,
                id,
                &self.name,
                self.birth_date.as_deref(),
            )?
            .is_empty()
        {
            fields.push("name");
        }
        Ok(fields)
    }

    /// What no two holders of one import file may share, with the field a repeat is refused on;
    /// nothing when the row accepts duplicates.
    pub(crate) fn duplicate_keys(&self) -> Vec<(&'static str, String)> {
        let mut keys = Vec::new();
        if self.accept_duplicate {
            return keys;
        }
        let national_id = national_id_key(&self.national_id);
        if !national_id.is_empty() {
            keys.push(("nationalId", national_id));
        }
        if let Some(birth) = &self.birth_date {
            keys.push(("name", format!("{}\u{0}{birth}", name_key(&self.name))));
        }
        keys
    }
}

/// Live holders of the workspace (other than `exclude`) with this national ID, ignoring case and
/// spaces; none for an empty one.
fn same_national_id(
    conn: &Connection,
    workspace_id: &str,
    exclude: Option<&str>,
    national_id: &str,
) -> Result<Vec<LicenceHolder>> {
    if national_id_key(national_id).is_empty() {
        return Ok(Vec::new());
    }
    record::select(
        conn,
        &format!(
            "workspace_id = ?1 AND {NATIONAL_ID_KEY_SQL} = lower(replace(?2, ' ', ''))
             AND id IS NOT ?3"
        ),
        &[&workspace_id, &national_id, &exclude],
        // Not by name: that order would lead the planner to the name index, a scan of every
        // holder. The few found are sorted by `candidates`.
        "id",
    )
}

/// Live holders (other than `exclude`) born that day whose name is the same ignoring case; the
/// birth date index narrows them to a handful, compared here so that "É" meets "é".
fn same_person(
    conn: &Connection,
    workspace_id: &str,
    exclude: Option<&str>,
    name: &str,
    birth_date: Option<&str>,
) -> Result<Vec<LicenceHolder>> {
    let key = name_key(name);
    let Some(birth_date) = birth_date.filter(|_| !key.is_empty()) else {
        return Ok(Vec::new());
    };
    let born_that_day: Vec<LicenceHolder> = record::select(
        conn,
        "workspace_id = ?1 AND birth_date = ?2 AND id IS NOT ?3",
        &[&workspace_id, &birth_date, &exclude],
        "id",
    )?;
    Ok(born_that_day
        .into_iter()
        .filter(|h| name_key(&h.name) == key)
        .collect())
}

/// Every likely duplicate of a holder with these identity fields, by name, each once.
fn candidates(
    conn: &Connection,
    holder: &LicenceHolder,
    exclude: Option<&str>,
) -> Result<Vec<LicenceHolder>> {
    let ws = &holder.workspace_id;
    let mut found = same_national_id(conn, ws, exclude, &holder.national_id)?;
    for other in same_person(
        conn,
        ws,
        exclude,
        &holder.name,
        holder.birth_date.as_deref(),
    )? {
        if !found.iter().any(|f| f.meta.id == other.meta.id) {
            found.push(other);
        }
    }
    found.sort_by(|a, b| {
        name_key(&a.name)
            .cmp(&name_key(&b.name))
            .then_with(|| a.meta.id.cmp(&b.meta.id))
    });
    Ok(found)
}

/// The likely duplicates of a holder being typed (`id` the one being edited, None for a new one),
/// before it is saved. The fields need not be valid yet: only the identity fields are read.
pub fn duplicates_of(
    conn: &Connection,
    workspace_id: &str,
    id: Option<&str>,
    fields: &Value,
) -> Result<Vec<LicenceHolder>> {
    let mut form = Form::new(fields);
    let probe = LicenceHolder::parse(&mut form, workspace_id, conn)?;
    candidates(conn, &probe, id)
}

/// The status changes of a holder, oldest first (tombstones left out).
fn changes(conn: &Connection, holder_id: &str) -> Result<Vec<LicenceStatusChange>> {
    record::select(conn, "holder_id = ?1", &[&holder_id], "changed_at, id")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    /// None for the status the holder was first recorded with.
    pub from: Option<String>,
    pub to: String,
    /// Unix milliseconds.
    pub on: i64,
    /// The officer who made the change.
    pub by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LicenceDetail {
    pub holder: LicenceHolder,
    /// The name of the holder's site, "" when none.
    pub site_name: String,
    /// Oldest first.
    pub history: Vec<HistoryEntry>,
    pub duplicates: Vec<LicenceHolder>,
}

/// One holder of the workspace with its status history and its likely duplicates.
pub fn detail(conn: &Connection, workspace_id: &str, id: &str) -> Result<LicenceDetail> {
    let holder = owned::<LicenceHolder>(conn, workspace_id, id)?;
    let history = changes(conn, id)?
        .into_iter()
        .map(|c| HistoryEntry {
            from: Some(c.from_status).filter(|s| !s.is_empty()),
            to: c.to_status,
            on: c.changed_at,
            by: c.changed_by,
        })
        .collect();
    let duplicates = candidates(conn, &holder, Some(id))?;
    Ok(LicenceDetail {
        site_name: crate::site::name_of(conn, workspace_id, &holder.site_id)?,
        holder,
        history,
        duplicates,
    })
}

/// What the register asks for: a text search (name, national ID or licence number), filters by
/// code, licences expiring within some days of today, a sort and a page.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LicenceQuery {
    pub text: String,
    pub status: String,
    pub licence_type: String,
    pub commodity: String,
    pub expiring_within_days: Option<i64>,
    pub sort: String,
    pub descending: bool,
    pub offset: i64,
    pub limit: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LicencePage {
    /// Every holder that matches, not only this page.
    pub total: i64,
    pub rows: Vec<LicenceHolder>,
}

/// `today` plus `days` (0 to 100 years), or a validation error naming `today`.
fn days_after(conn: &Connection, today: &str, days: i64) -> Result<String> {
    let until: Option<String> = if is_iso_date(today) {
        conn.query_row(
            "SELECT date(?1, ?2)",
            [today, &format!("+{} days", days.clamp(0, 36_500))],
            |row| row.get(0),
        )?
    } else {
        None
    };
    until.ok_or_else(|| {
        Invalid(vec![FieldError {
            field: "today".to_owned(),
            code: "invalid_date",
        }])
        .into()
    })
}

/// A filter's SQL (conditions written here, never by the caller) and its parameters.
#[derive(Default)]
struct Filter {
    conditions: Vec<String>,
    params: Vec<SqlValue>,
    /// Whether the text goes through the trigram index, whose matches are best counted one by one.
    searched: bool,
}

impl Filter {
    /// Binds `value` and returns its placeholder.
    fn bind(&mut self, value: impl Into<SqlValue>) -> String {
        self.params.push(value.into());
        format!("?{}", self.params.len())
    }

    /// The conditions, the workspace's (always `?1`) first.
    fn sql(&self) -> String {
        std::iter::once("workspace_id = ?1")
            .chain(self.conditions.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    /// The count's query. A search is counted by the rowids it found (the `+` keeps the planner
    /// off the workspace indexes), which costs what was found rather than every holder.
    fn count_sql(&self) -> String {
        let scope = if self.searched {
            "+deleted = 0 AND +workspace_id = ?1"
        } else {
            "deleted = 0 AND workspace_id = ?1"
        };
        std::iter::once(scope)
            .chain(self.conditions.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    fn params(&self) -> Vec<&dyn rusqlite::ToSql> {
        self.params
            .iter()
            .map(|v| v as &dyn rusqlite::ToSql)
            .collect()
    }
}

/// Only the filters the officer set become conditions, so SQLite can use the index each needs.
fn filter(
    conn: &Connection,
    workspace_id: &str,
    query: &LicenceQuery,
    today: &str,
) -> Result<Filter> {
    let mut f = Filter::default();
    f.bind(workspace_id.to_owned()); // ?1, which `Filter::sql` names
    let text = query.text.trim();
    if text.chars().count() >= SEARCH_MIN_CHARS {
        // A quoted FTS5 string: the trigram index finds it anywhere in the three columns.
        let p = f.bind(format!("\"{}\"", text.replace('"', "\"\"")));
        f.conditions.push(format!(
            "rowid IN (SELECT rowid FROM licence_holder_search WHERE licence_holder_search MATCH {p})"
        ));
        f.searched = true;
    } else if !text.is_empty() {
        let escaped = text
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let p = f.bind(format!("%{escaped}%"));
        f.conditions.push(format!(
            "(name LIKE {p} ESCAPE '\\' OR national_id LIKE {p} ESCAPE '\\' \
             OR licence_number LIKE {p} ESCAPE '\\')"
        ));
    }
    for (column, value) in [
        ("status", &query.status),
        ("licence_type", &query.licence_type),
        ("commodity", &query.commodity),
    ] {
        if !value.is_empty() {
            let p = f.bind(value.clone());
            f.conditions.push(format!("{column} = {p}"));
        }
    }
    if let Some(days) = query.expiring_within_days {
        let from = f.bind(today.to_owned());
        let until = f.bind(days_after(conn, today, days)?);
        f.conditions
            .push(format!("expires_on BETWEEN {from} AND {until}"));
    }
    Ok(f)
}

/// The text the trigram index can search; a shorter one is looked for row by row.
const SEARCH_MIN_CHARS: usize = 3;

/// Statuses in the order of a licence's life, the expression of the index
/// `licence_holder_by_life_order` (migration 6), so that sorting by status reads that index.
const LIFE_ORDER_SQL: &str = "CASE status WHEN 'applied' THEN 0 WHEN 'granted' THEN 1 \
     WHEN 'suspended' THEN 2 WHEN 'expired' THEN 3 ELSE 4 END";

/// The order a sort name means; only these, so the name never reaches SQL. Dates without a value
/// come last either way (NULL is the least value, and '~' sorts after any date); ties go by name
/// (by national ID and licence number in a sort by name), then by rowid (the order holders were
/// recorded here), in the same direction. Each is an index
/// entry (the column or expression, the name, the rowid every entry ends with; migrations 5 and
/// 6), so a page is read in order rather than every holder sorted.
fn order_by(sort: &str, descending: bool) -> String {
    let dir = if descending { "DESC" } else { "ASC" };
    let date = |column: &str| {
        if descending {
            column.to_owned()
        } else {
            format!("ifnull({column}, '~')")
        }
    };
    let key = match sort {
        "expiresOn" => date("expires_on"),
        "issuedOn" => date("issued_on"),
        "status" => LIFE_ORDER_SQL.to_owned(),
        "licenceType" => "licence_type".to_owned(),
        _ => {
            return format!(
                "name COLLATE NOCASE {dir}, national_id {dir}, licence_number {dir}, rowid {dir}"
            );
        }
    };
    format!("{key} {dir}, name COLLATE NOCASE {dir}, rowid {dir}")
}
/// One page of the workspace's holders, filtered and sorted in SQL (the path the register uses).
/// `expiringWithinDays` counts from `today` (YYYY-MM-DD), both ends included, whatever the status.
pub fn list(
    conn: &Connection,
    workspace_id: &str,
    query: &LicenceQuery,
    today: &str,
) -> Result<LicencePage> {
    let f = filter(conn, workspace_id, query, today)?;
    let total = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM licence_holder WHERE {}",
            f.count_sql()
        ))?
        .query_row(f.params().as_slice(), |row| row.get(0))?;
    // The page's rowids first, from the index alone where it holds the filter, so that skipping
    // to a far page does not read every holder before it; then those few rows whole.
    let order = order_by(&query.sort, query.descending);
    let page = format!(
        "rowid IN (SELECT rowid FROM licence_holder WHERE deleted = 0 AND {} \
         ORDER BY {order} LIMIT {} OFFSET {})",
        f.sql(),
        query.limit.clamp(1, MAX_PAGE),
        query.offset.max(0)
    );
    let rows = record::select::<LicenceHolder>(conn, &page, &f.params(), &order)?;
    Ok(LicencePage { total, rows })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusCount {
    pub status: &'static str,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RenewalsDue {
    /// Every granted licence expiring within [`RENEWAL_DAYS`].
    pub count: i64,
    /// The first [`RENEWAL_ROWS`] of them, soonest first.
    pub rows: Vec<LicenceHolder>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LicenceSummary {
    /// Every status, in the order of a licence's life, zeros included.
    pub by_status: Vec<StatusCount>,
    pub renewals_due: RenewalsDue,
}

/// Counts by status, and the granted licences that expire between `today` and 90 days later
/// (both included) — the renewals to prepare.
pub fn summary(conn: &Connection, workspace_id: &str, today: &str) -> Result<LicenceSummary> {
    let mut stmt = conn.prepare_cached(
        "SELECT status, count(*) FROM licence_holder WHERE workspace_id = ?1 AND deleted = 0
         GROUP BY status",
    )?;
    let counts: HashMap<String, i64> = stmt
        .query_map([workspace_id], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let by_status = STATUSES
        .iter()
        .map(|&status| StatusCount {
            status,
            count: counts.get(status).copied().unwrap_or(0),
        })
        .collect();
    let query = LicenceQuery {
        status: "granted".to_owned(),
        expiring_within_days: Some(RENEWAL_DAYS),
        sort: "expiresOn".to_owned(),
        limit: RENEWAL_ROWS as i64,
        ..LicenceQuery::default()
    };
    let page = list(conn, workspace_id, &query, today)?;
    Ok(LicenceSummary {
        by_status,
        renewals_due: RenewalsDue {
            count: page.total,
            rows: page.rows,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How SQLite would answer the register's page and count queries (an empty table: the plan
    /// is the schema's, not the data's).
    fn plans(query: &LicenceQuery) -> (String, String) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let store = crate::Store::open(&dir.path().join("lode.db"), crate::Context::system())
            .expect("a new store");
        let conn = store.conn();
        let f = filter(conn, "w", query, "2026-11-28").expect("a filter");
        let explain = |sql: String| -> String {
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let steps = stmt
                .query_map(f.params().as_slice(), |row| row.get::<_, String>(3))
                .unwrap()
                .collect::<rusqlite::Result<Vec<_>>>()
                .unwrap();
            steps.join("; ")
        };
        let order = order_by(&query.sort, query.descending);
        (
            explain(format!(
                "SELECT rowid FROM licence_holder WHERE deleted = 0 AND {} ORDER BY {order} LIMIT 100",
                f.sql()
            )),
            explain(format!(
                "SELECT count(*) FROM licence_holder WHERE {}",
                f.count_sql()
            )),
        )
    }

    /// Every sort reads a page's rowids from an index in order, sorting nothing.
    #[test]
    fn every_sort_reads_a_page_in_index_order() {
        for sort in ["name", "expiresOn", "issuedOn", "status", "licenceType"] {
            for descending in [false, true] {
                let query = LicenceQuery {
                    sort: sort.into(),
                    descending,
                    ..LicenceQuery::default()
                };
                let (page, _) = plans(&query);
                assert!(
                    !page.contains("TEMP B-TREE") && page.contains(" INDEX "),
                    "{sort} (descending: {descending}): {page}"
                );
            }
        }
    }

    /// A search goes through the trigram index, and is counted by what it found.
    #[test]
    fn a_search_is_answered_by_the_trigram_index() {
        let query = LicenceQuery {
            text: "kasongo".into(),
            ..LicenceQuery::default()
        };
        let (page, count) = plans(&query);
        assert!(
            page.contains("licence_holder_search VIRTUAL TABLE"),
            "{page}"
        );
        assert!(
            count.contains("USING INTEGER PRIMARY KEY (rowid=?)"),
            "counted by rowid: {count}"
        );
    }

    /// The duplicate checks before each save read their own index, not every holder.
    #[test]
    fn the_duplicate_checks_read_their_indexes() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let store = crate::Store::open(&dir.path().join("lode.db"), crate::Context::system())
            .expect("a new store");
        for (condition, index) in [
            (
                format!("workspace_id = 'w' AND {NATIONAL_ID_KEY_SQL} = 'x' AND id IS NOT NULL"),
                "licence_holder_by_national_id",
            ),
            (
                "workspace_id = 'w' AND birth_date = '2000-01-01' AND id IS NOT NULL".to_owned(),
                "licence_holder_by_birth_date",
            ),
        ] {
            let plan: String = store
                .conn()
                .query_row(
                    &format!(
                        "EXPLAIN QUERY PLAN SELECT * FROM licence_holder \
                         WHERE deleted = 0 AND ({condition}) ORDER BY id"
                    ),
                    [],
                    |row| row.get(3),
                )
                .unwrap();
            assert!(plan.contains(index), "{plan}");
        }
    }
}
