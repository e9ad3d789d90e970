//! Step 1.1 records: the task force's charter, members, meetings and follow-up actions.

use crate::error::Result;
use crate::kinds::{Kind, singleton};
use crate::record::{self, Meta, record_type};
use crate::writer::Writer;
use lode_core::catalogue;
use lode_core::form::Form;
use rusqlite::Connection;
use serde::Serialize;

const LEVELS: &[&str] = &["national", "province", "district"];

fn is_agency(code: &str) -> bool {
    catalogue::has("agencies", code)
}

/// A three-letter currency code such as USD, XOF or CDF; required when `amount` is given.
pub(crate) fn currency(form: &mut Form, name: &str, amount: Option<f64>) -> String {
    let code = form.text(name).to_uppercase();
    let valid = code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase());
    if (amount.is_some() || !code.is_empty()) && !valid {
        form.fail(name, "invalid_currency");
    }
    code
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Charter {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub mandate: String,
    pub legal_basis: String,
    pub lead_agency: String,
    pub chair: String,
    pub secretariat: String,
    pub budget_amount: Option<f64>,
    pub budget_currency: String,
    pub adopted_on: Option<String>,
}

record_type!(Charter, "task_force_charter", {
    workspace_id, mandate, legal_basis, lead_agency, chair, secretariat, budget_amount,
    budget_currency, adopted_on,
});

impl Kind for Charter {
    const KIND: &'static str = "task_force_charter";
    const SINGLETON: bool = true;

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, _: &Connection) -> Result<Self> {
        let budget_amount = form.number("budgetAmount", 0.0, 1e15);
        Ok(Charter {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            mandate: form.text("mandate"),
            legal_basis: form.text("legalBasis"),
            lead_agency: form.code("leadAgency", is_agency, false),
            chair: form.text("chair"),
            secretariat: form.text("secretariat"),
            budget_amount,
            budget_currency: currency(form, "budgetCurrency", budget_amount),
            adopted_on: form.date("adoptedOn", false),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub agency: String,
    pub department: String,
    pub focal_person: String,
    pub level: String,
    pub role: String,
}

record_type!(Member, "task_force_member", {
    workspace_id, agency, department, focal_person, level, role,
});

impl Kind for Member {
    const KIND: &'static str = "task_force_member";

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, _: &Connection) -> Result<Self> {
        Ok(Member {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            agency: form.code("agency", is_agency, true),
            department: form.text("department"),
            focal_person: form.name("focalPerson"),
            level: form.choice("level", LEVELS, true),
            role: form.text("role"),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Meeting {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub held_on: String,
    pub attendees: String,
    pub decisions: String,
}

record_type!(Meeting, "task_force_meeting", { workspace_id, held_on, attendees, decisions });

impl Kind for Meeting {
    const KIND: &'static str = "task_force_meeting";

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, _: &Connection) -> Result<Self> {
        Ok(Meeting {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            held_on: form.date("heldOn", true).unwrap_or_default(),
            attendees: form.text("attendees"),
            decisions: form.text("decisions"),
        })
    }

    fn delete_dependents(w: &Writer, meeting: &Self) -> Result<()> {
        for action in actions(w.tx(), &meeting.meta.id)? {
            record::tombstone::<MeetingAction>(w, &action.meta.id)?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MeetingAction {
    #[serde(flatten)]
    pub meta: Meta,
    pub workspace_id: String,
    pub meeting_id: String,
    pub description: String,
    pub owner: String,
    pub due_on: Option<String>,
    pub done: bool,
}

record_type!(MeetingAction, "meeting_action", {
    workspace_id, meeting_id, description, owner, due_on, done,
});

impl Kind for MeetingAction {
    const KIND: &'static str = "meeting_action";

    fn workspace_id(&self) -> &str {
        &self.workspace_id
    }

    fn parse(form: &mut Form, workspace_id: &str, conn: &Connection) -> Result<Self> {
        let meeting_id = form.text("meetingId");
        let is_meeting = crate::kinds::owned::<Meeting>(conn, workspace_id, &meeting_id).is_ok();
        if !is_meeting {
            form.fail("meetingId", "invalid_choice");
        }
        Ok(MeetingAction {
            meta: Meta::default(),
            workspace_id: workspace_id.to_owned(),
            meeting_id,
            description: form.name("description"),
            owner: form.text("owner"),
            due_on: form.date("dueOn", false),
            done: form.flag("done"),
        })
    }
}

pub fn actions(conn: &Connection, meeting_id: &str) -> Result<Vec<MeetingAction>> {
    record::select(conn, "meeting_id = ?1", &[&meeting_id], "created_at, id")
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MeetingWithActions {
    #[serde(flatten)]
    pub meeting: Meeting,
    pub actions: Vec<MeetingAction>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskForceView {
    pub charter: Option<Charter>,
    pub members: Vec<Member>,
    /// Most recent first.
    pub meetings: Vec<MeetingWithActions>,
    /// Agencies the guidance names that no member comes from yet.
    pub missing_agencies: Vec<String>,
}

pub fn members(conn: &Connection, workspace_id: &str) -> Result<Vec<Member>> {
    record::select(
        conn,
        "workspace_id = ?1",
        &[&workspace_id],
        "created_at, id",
    )
}

/// The codes of the agencies the guidance says must sit on the task force, less those that do.
pub fn missing_agencies(members: &[Member]) -> Vec<String> {
    catalogue::list(lode_core::Lang::En, "agencies")
        .iter()
        .filter(|agency| agency.flag("guidance_names"))
        .filter(|agency| !members.iter().any(|m| m.agency == agency.code))
        .map(|agency| agency.code.clone())
        .collect()
}

pub fn view(conn: &Connection, workspace_id: &str) -> Result<TaskForceView> {
    let members = members(conn, workspace_id)?;
    let meetings: Vec<Meeting> = record::select(
        conn,
        "workspace_id = ?1",
        &[&workspace_id],
        "held_on DESC, id DESC",
    )?;
    let meetings = meetings
        .into_iter()
        .map(|meeting| {
            Ok(MeetingWithActions {
                actions: actions(conn, &meeting.meta.id)?,
                meeting,
            })
        })
        .collect::<Result<_>>()?;
    Ok(TaskForceView {
        charter: singleton(conn, workspace_id)?,
        missing_agencies: missing_agencies(&members),
        members,
        meetings,
    })
}
