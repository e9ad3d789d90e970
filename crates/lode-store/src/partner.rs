//! Step 1.4: the partners who may design, finance, implement or monitor the strategy.

use crate::error::Result;
use crate::kinds::Kind;
use crate::record::{self, Json, Meta, record_type};
use lode_core::catalogue;
use lode_core::form::Form;
use rusqlite::Connection;
use serde::Serialize;

const AGREEMENT: &[&str] = &["planned", "negotiating", "signed", "ended"];

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Partner {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub organisation: String,
    pub partner_type: String,
    pub programme: String,
    pub commodity: String,
    pub geography: String,
    pub theme: String,
    pub roles: Json<Vec<String>>,
    pub funds: Option<f64>,
    pub currency: String,
    pub start_on: Option<String>,
    pub end_on: Option<String>,
    pub agreement_status: String,
}

record_type!(Partner, "partner", {
    workspace_id, organisation, partner_type, programme, commodity, geography, theme, roles,
    funds, currency, start_on, end_on, agreement_status,
});

impl Kind for Partner {
    const KIND: &'static str = "partner";

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, _: &Connection) -> Result<Self> {
        let funds = form.number("funds", 0.0, 1e15);
        let start_on = form.date("startOn", false);
        let end_on = form.date("endOn", false);
        if let (Some(start), Some(end)) = (&start_on, &end_on)
            && end < start
        {
            form.fail("endOn", "end_before_start");
        }
        let status = form.choice("agreementStatus", AGREEMENT, false);
        Ok(Partner {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            organisation: form.name("organisation"),
            partner_type: form.code("partnerType", |c| catalogue::has("partner_types", c), true),
            programme: form.text("programme"),
            commodity: form.code("commodity", |c| catalogue::has("commodities", c), false),
            geography: form.text("geography"),
            theme: form.text("theme"),
            roles: Json(form.codes("roles", |c| catalogue::has("partner_roles", c))),
            funds,
            currency: crate::task_force::currency(form, "currency", funds),
            start_on,
            end_on,
            agreement_status: if status.is_empty() {
                "planned".into()
            } else {
                status
            },
        })
    }
}

pub fn list(conn: &Connection, workspace_id: &str) -> Result<Vec<Partner>> {
    record::select(
        conn,
        "workspace_id = ?1",
        &[&workspace_id],
        "organisation, id",
    )
}
