//! `files attach` (docs/cli.md "files attach"): a folder and a ZIP of documents matched to the
//! fixture portfolio's patents by the numbers in their names, previewed, attached with an audit
//! entry each, and refused when a file changed between the preview and the confirmation.
//!
//! The fixture's numbers (tests/fixtures/make_fixtures.py), check digits by hand with the
//! weights 2 3 4 5 6 7 8 9 2 3 4 5 (mod 11):
//!   CG001 202310123456 → 127 = 11·11+6 → .6 (grant number ZL202310123456.6)
//!   CG002 201910012345 → 122 = 11·11+1 → .1
//!   CG003 202120345678 → 4+0+8+5+12+0+24+36+10+18+28+40 = 185 = 11·16+9 → .9

use crate::common::{cli, good_db};
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use transferdesk_core::portfolio::bulk::{self, Limits, Source};
use transferdesk_core::{Actor, Store};

fn batch(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let folder = dir.join("收文");
    std::fs::create_dir_all(folder.join("201910012345 授权")).expect("mkdir");
    std::fs::write(folder.join("202310123456.6 受理通知书.pdf"), b"%PDF-1.4 receipt CG001").expect("write");
    std::fs::write(folder.join("201910012345 授权/证书.pdf"), b"%PDF-1.4 certificate CG002").expect("write");
    std::fs::write(folder.join("会议纪要.pdf"), b"%PDF-1.4 minutes").expect("write");
    std::fs::write(folder.join("202410999999.9.pdf"), b"%PDF-1.4 someone else's").expect("write");
    let zip_path = dir.join("补正.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).expect("create"));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("ZL202120345678.9 补正通知书.pdf", options).expect("entry");
    zip.write_all(b"%PDF-1.4 correction CG003").expect("write");
    zip.start_file("../escape.pdf", options).expect("entry");
    zip.write_all(b"evil").expect("write");
    zip.finish().expect("finish");
    (folder, zip_path)
}

fn row<'a>(doc: &'a Value, entry: &str) -> &'a Value {
    doc["rows"].as_array().expect("rows").iter().find(|r| r["entry"] == entry).unwrap_or_else(|| panic!("no row {entry}: {doc}"))
}

fn attachments(db: &Path) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut stmt = conn
        .prepare("SELECT a.achievement_no, t.name FROM attachment t JOIN achievement a ON a.id = t.entity_id WHERE t.entity = 'achievement' ORDER BY t.id")
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("query").collect::<Result<_, _>>().expect("rows")
}

#[test]
fn files_attach_previews_then_attaches_each_match_with_its_audit_entry() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = good_db(&dir);
    let (folder, zip) = batch(dir.path());
    let (f, z) = (folder.display().to_string(), zip.display().to_string());

    let run = cli(&db, &["--json", "files", "attach", &f, &z, "--dry-run"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let doc = run.json();
    assert_eq!((doc["matched"].as_u64(), doc["unmatched"].as_u64(), doc["refused"].as_u64()), (Some(3), Some(2), Some(1)), "{doc}");
    let r = row(&doc, "202310123456.6 受理通知书.pdf");
    assert_eq!((r["achievement"]["achievement_no"].as_str(), r["found_in"].as_str()), (Some("CG001"), Some("file")));
    let r = row(&doc, "201910012345 授权/证书.pdf");
    assert_eq!((r["achievement"]["achievement_no"].as_str(), r["found_in"].as_str()), (Some("CG002"), Some("folder")));
    assert_eq!(r["number"], "201910012345", "the number as the folder writes it, without its check digit");
    assert_eq!(row(&doc, "ZL202120345678.9 补正通知书.pdf")["achievement"]["achievement_no"], "CG003");
    assert_eq!(row(&doc, "会议纪要.pdf")["reason"], "no_number");
    assert_eq!(row(&doc, "202410999999.9.pdf")["reason"], "unknown_number");
    assert_eq!(row(&doc, "../escape.pdf")["reason"], "unsafe_path");
    assert!(attachments(&db).is_empty(), "a dry run attaches nothing");

    let run = cli(&db, &["--json", "files", "attach", &f, &z]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.json()["attached"], 3);
    assert_eq!(
        attachments(&db),
        vec![
            ("CG002".to_string(), "证书.pdf".to_string()),
            ("CG001".into(), "202310123456.6 受理通知书.pdf".into()),
            ("CG003".into(), "ZL202120345678.9 补正通知书.pdf".into()),
        ],
        "the folder's files in name order, then the ZIP's"
    );
    let conn = rusqlite::Connection::open(&db).expect("open");
    let audited: Vec<(String, String)> = conn
        .prepare("SELECT actor, action FROM audit_log WHERE entity = 'attachment' ORDER BY id")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(audited.len(), 3, "one audit entry per attachment: {audited:?}");
    assert!(audited.iter().all(|(actor, action)| actor.starts_with("cli:") && action == "insert"), "{audited:?}");

    // Again: every match is already attached, nothing more is.
    let doc = cli(&db, &["--json", "files", "attach", &f, &z]).json();
    assert_eq!(doc["attached"], 0);
    assert_eq!(row(&doc, "202310123456.6 受理通知书.pdf")["reason"], "already_attached");
    assert_eq!(attachments(&db).len(), 3);
}

#[test]
fn a_file_changed_after_the_preview_is_refused_and_nothing_is_attached() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = good_db(&dir);
    let (folder, zip) = batch(dir.path());
    let sources = vec![Source::at(&folder), Source::at(&zip)];
    let mut store = Store::open(&db).expect("open");
    let preview = bulk::preview(store.conn(), &sources, &Limits::DEFAULT).expect("preview");
    let mut choices = bulk::matched_choices(&preview);
    assert_eq!(choices.len(), 3);
    // The person corrects the minutes' row to CG001 and confirms it with the rest.
    let minutes = preview.rows.iter().find(|r| r.entry == "会议纪要.pdf").expect("minutes");
    let cg001 = preview.rows.iter().find_map(|r| r.achievement.clone().filter(|a| a.achievement_no == "CG001")).expect("CG001");
    choices.push(bulk::BulkChoice {
        source: minutes.source,
        entry: minutes.entry.clone(),
        sha256: minutes.sha256.clone().expect("read"),
        achievement_id: cg001.id,
    });
    std::fs::write(folder.join("201910012345 授权/证书.pdf"), b"%PDF-1.4 another certificate").expect("change");
    let actor = Actor {
        name: "test".into(),
        at: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("time"),
    };
    let err = bulk::attach(&mut store, &actor, &sources, &choices, &Limits::DEFAULT).expect_err("changed");
    assert_eq!(err.code(), "bulk_file_changed");
    assert!(attachments(&db).is_empty(), "all or nothing");

    // Previewed again, the changed certificate is taken as it is now, and the corrected row goes
    // to the achievement the person chose.
    let preview = bulk::preview(store.conn(), &sources, &Limits::DEFAULT).expect("preview");
    let mut choices = bulk::matched_choices(&preview);
    let minutes = preview.rows.iter().find(|r| r.entry == "会议纪要.pdf").expect("minutes");
    choices.push(bulk::BulkChoice {
        source: minutes.source,
        entry: minutes.entry.clone(),
        sha256: minutes.sha256.clone().expect("read"),
        achievement_id: cg001.id,
    });
    let done = bulk::attach(&mut store, &actor, &sources, &choices, &Limits::DEFAULT).expect("attached");
    assert_eq!(done.attached, 4);
    assert!(attachments(&db).contains(&("CG001".to_string(), "会议纪要.pdf".to_string())), "the corrected row: {:?}", attachments(&db));
    let again = bulk::attach(&mut store, &actor, &sources, &choices[..1], &Limits::DEFAULT).expect_err("twice");
    assert_eq!(again.code(), "bulk_already_attached");
    drop(store);

    let run = cli(&db, &["--json", "files", "attach", &folder.display().to_string()]);
    assert_eq!(run.json()["attached"], 0, "everything matched is attached already");
}
