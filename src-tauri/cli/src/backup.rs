//! `transferdesk backup FILE` / `transferdesk restore FILE` (docs/cli.md "backup and restore"): an
//! online backup, verified after writing; a restore that checks the file before replacing anything
//! and keeps the replaced content in the backups folder.

use crate::output::{Doc, Failure};
use serde_json::json;
use std::path::Path;
use transferdesk_core::progress::unobserved;
use transferdesk_core::store::backup;
use transferdesk_core::{Actor, Lang, Store};

/// Writes a verified backup of the data file at `db` to `file` (never overwrites).
pub fn backup(db: &Path, file: &Path, lang: Lang) -> Result<Doc, Failure> {
    let store = Store::open(db)?;
    let checked = backup::write(&store, file, &mut unobserved)?;
    let human = match lang {
        Lang::Zh => {
            format!("已备份到 {}（结构版本 {}，审计日志 {} 条，校验通过）", file.display(), checked.schema_version, checked.audit_entries)
        }
        Lang::En => format!(
            "backed up to {} (schema {}, {} audit entries, verified)",
            file.display(),
            checked.schema_version,
            checked.audit_entries
        ),
    };
    Ok(Doc::new(json!({"db": db, "backup": checked}), human))
}

/// Replaces the content of the data file at `db` with the backup `file`.
pub fn restore(db: &Path, file: &Path, lang: Lang, actor: Actor) -> Result<Doc, Failure> {
    // The candidate is checked before the data file is even opened: a bad backup changes nothing.
    backup::check(file)?;
    let mut store = Store::open(db)?;
    let restored = backup::restore(&mut store, file, &actor, &mut unobserved)?;
    let human = match lang {
        Lang::Zh => format!("已从 {} 恢复；被替换的数据已保存为 {}", file.display(), restored.kept.file),
        Lang::En => format!("restored from {}; the replaced data was kept as {}", file.display(), restored.kept.file),
    };
    Ok(Doc::new(json!({"db": db, "restored": restored}), human))
}
