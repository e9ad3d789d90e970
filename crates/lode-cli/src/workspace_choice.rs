//! Which workspace a command works on when it needs one: the one named with `--workspace`,
//! else the current one (the app's last), else the only one there is.

use lode_core::{Lang, messages};
use lode_store::{Store, StoreError, setting, workspace};

/// The workspace's id, or, when none can be told, `Err` with the workspaces there are, as the
/// officer would choose among them ("id (name), …").
pub fn choose(
    store: &Store,
    lang: Lang,
    named: Option<&str>,
) -> Result<Result<String, String>, StoreError> {
    if let Some(id) = named {
        return Ok(Ok(id.to_owned()));
    }
    let conn = store.conn();
    if let Some(current) = setting::current_workspace(conn)?
        && workspace::get(conn, &current).is_ok()
    {
        return Ok(Ok(current));
    }
    let all = workspace::list(conn)?;
    if let [only] = all.as_slice() {
        return Ok(Ok(only.meta.id.clone()));
    }
    Ok(Err(if all.is_empty() {
        messages::text(lang, "cli.no_workspaces", &[])
    } else {
        all.iter()
            .map(|w| format!("{} ({})", w.meta.id, w.name))
            .collect::<Vec<_>>()
            .join(", ")
    }))
}
