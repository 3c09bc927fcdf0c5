//! The exact schema of each version (docs/reliability.md "Schema check"): what the migrations up
//! to that version create, built in an in-memory database and compared with a file's
//! `sqlite_master`, table by table, index by index, trigger by trigger. A file that differs — an
//! append-only trigger dropped, a trigger added that rewrites new rows, a table with other
//! columns — is refused when it is opened or restored, with the differences named.

use crate::error::Result;
use rusqlite::Connection;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

/// One schema object: (type, name) → (table, SQL with whitespace runs folded to one space).
type Objects = BTreeMap<(String, String), (String, Option<String>)>;

/// The schemas built so far, by (list of migrations, version).
type Built = Mutex<HashMap<(usize, i64), Arc<Objects>>>;

/// The schema objects of the database `schema` (`main`) on `conn`. SQLite's statistics tables
/// (`ANALYZE`) are left out: they hold data, not structure.
fn objects(conn: &Connection) -> Result<Objects> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM main.sqlite_master WHERE name NOT LIKE 'sqlite_stat%'")?;
    let rows = stmt.query_map([], |r| {
        let sql: Option<String> = r.get(3)?;
        Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, sql.map(|s| fold(&s)))))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn fold(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The objects of schema `version`: the first `version` of `migrations` run on an empty
/// in-memory database (once per list, version and process).
fn expected(version: i64, migrations: &'static [&'static str]) -> Result<Arc<Objects>> {
    static BUILT: OnceLock<Built> = OnceLock::new();
    let built = BUILT.get_or_init(|| Mutex::new(HashMap::new()));
    // A list of migrations is a static: its address tells it apart from another list (tests).
    let key = (migrations.as_ptr() as usize, version);
    if let Some(found) = built.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return Ok(found);
    }
    let conn = Connection::open_in_memory()?;
    for sql in migrations.iter().take(usize::try_from(version).unwrap_or(0)) {
        conn.execute_batch(sql)?;
    }
    let objects = Arc::new(objects(&conn)?);
    if let Ok(mut m) = built.lock() {
        m.insert(key, objects.clone());
    }
    Ok(objects)
}

/// A database of schema `version` as the migrations leave a new file: their tables and the rows
/// they seed (the default policy, the holidays, the assessment criteria), in memory.
pub(crate) fn new_file(version: i64, migrations: &'static [&'static str]) -> Result<Connection> {
    let conn = Connection::open_in_memory()?;
    for sql in migrations.iter().take(usize::try_from(version).unwrap_or(0)) {
        conn.execute_batch(sql)?;
    }
    Ok(conn)
}

/// How the schema of the file on `conn` differs from schema `version`, one sentence each
/// (e.g. "trigger audit_log_no_delete is missing"); empty when it is exactly that schema.
pub(crate) fn differences(conn: &Connection, version: i64, migrations: &'static [&'static str]) -> Result<Vec<String>> {
    let want = expected(version, migrations)?;
    let have = objects(conn)?;
    let mut out = Vec::new();
    for ((kind, name), (table, sql)) in want.iter() {
        match have.get(&(kind.clone(), name.clone())) {
            None => out.push(format!("{kind} {name} is missing")),
            Some((t, s)) if t != table || s != sql => out.push(format!("{kind} {name} differs from schema {version}")),
            Some(_) => {}
        }
    }
    for (kind, name) in have.keys().filter(|k| !want.contains_key(*k)) {
        out.push(format!("{kind} {name} is not part of schema {version}"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIGRATIONS: &[&str] = &[
        "CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT);\nCREATE TRIGGER a_no_delete BEFORE DELETE ON a BEGIN SELECT RAISE(ABORT, 'no'); END;",
        "ALTER TABLE a ADD COLUMN y TEXT;",
    ];

    #[test]
    fn names_each_object_that_differs() {
        let conn = Connection::open_in_memory().expect("db");
        conn.execute_batch(MIGRATIONS[0]).expect("v1");
        assert_eq!(differences(&conn, 1, MIGRATIONS).expect("compare"), Vec::<String>::new(), "the same statements, the same schema");
        assert_eq!(differences(&conn, 2, MIGRATIONS).expect("compare"), vec!["table a differs from schema 2"]);
        conn.execute_batch(
            "DROP TRIGGER a_no_delete;
             CREATE TRIGGER a_halve AFTER INSERT ON a BEGIN UPDATE a SET x = x WHERE id = new.id; END;
             ANALYZE;",
        )
        .expect("tamper");
        assert_eq!(
            differences(&conn, 1, MIGRATIONS).expect("compare"),
            vec!["trigger a_no_delete is missing", "trigger a_halve is not part of schema 1"],
            "statistics tables are data, not schema"
        );
    }

    #[test]
    fn whitespace_does_not_count() {
        assert_eq!(fold("CREATE TABLE t (\n    a  INTEGER,\n\tb TEXT\n)"), "CREATE TABLE t ( a INTEGER, b TEXT )");
    }
}
