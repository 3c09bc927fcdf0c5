//! The demo's patents in prosecution as a well-kept office has them: every invention still pending
//! whose examination request fell due has it recorded done, requested half a year before the last
//! day, so that the deadlines the screens show are the coming ones and the missed list is empty.

use crate::error::Result;
use crate::prosecution::deadline::{self, DeadlineKey, PatentDeadlineKind, PatentDeadlineQuery};
use crate::store::{Actor, Store};
use chrono::Days;

/// Records the examination requests as done; returns how many.
pub(super) fn add(store: &mut Store, actor: &Actor) -> Result<u32> {
    let today = actor.at.date();
    let query = PatentDeadlineQuery { kind: Some(PatentDeadlineKind::ExaminationRequest), ..Default::default() };
    let due: Vec<_> = deadline::list(store, &query, today)?.into_iter().filter(|d| d.due_on < today).collect();
    let tx = store.write()?;
    for d in &due {
        let key = DeadlineKey { id: d.id, achievement_id: d.achievement_id, kind: d.kind, version: d.version };
        let requested = d.due_on.checked_sub_days(Days::new(183)).unwrap_or(d.due_on);
        deadline::mark_done(&tx, actor, &key, requested, Some("已提出实质审查请求"))?;
    }
    tx.commit()?;
    Ok(due.len() as u32)
}
