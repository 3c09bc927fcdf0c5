//! 共有人 in the achievements template (docs/import-templates.md "achievements"): the column
//! read into co-owner rows with their 费减 flags, refused cell by cell with nothing written, left
//! out by old files, and deciding the annual fee's reduction (docs/rules/fees.md "Reduction").

use crate::common::{actor, dump, good_store};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use transferdesk_core::fees::docket;
use transferdesk_core::fees::rule::Reduction;
use transferdesk_core::model::Table;
use transferdesk_core::{import, Error, Lang, Money, Store};

const HEADER: &str = "成果编号,成果名称,成果类型,申请号,申请日,授权号,授权日,法律状态,所属单位,财政资助项目,年费已缴至,完成人,共有人";

/// One invention patent row of the clean fixture portfolio's shape, with a 共有人 cell. All are
/// filed 2020-03-10, granted 2023-05-20, paid through year 6. Application numbers
/// 202010000001–5 with their check digits (weights 2–9, 2–5, sum mod 11): .1, .6, .0, .5, .X.
fn row(no: &str, application_no: &str, co_owners: &str) -> String {
    format!("{no},共有专利{no},发明专利,{application_no},2020-03-10,ZL{application_no},2023-05-20,有效,材料学院,,6,T001,{co_owners}")
}

fn write_csv(dir: &Path, name: &str, lines: &[String]) -> PathBuf {
    let path = dir.join(name);
    let mut text = lines.join("\r\n");
    text.push_str("\r\n");
    std::fs::write(&path, text).expect("write csv");
    path
}

/// (organization name, fee_reduction) of an achievement's co-owner rows, by name.
fn co_owners(store: &Store, achievement_no: &str) -> Vec<(String, bool)> {
    let conn = store.conn();
    let mut stmt = conn
        .prepare(
            "SELECT o.name, c.fee_reduction FROM co_owner c JOIN organization o ON o.id = c.organization_id
             JOIN achievement a ON a.id = c.achievement_id WHERE a.achievement_no = ?1 ORDER BY o.name",
        )
        .expect("prepare");
    stmt.query_map([achievement_no], |r| Ok((r.get(0)?, r.get(1)?))).and_then(|rows| rows.collect()).expect("rows")
}

#[test]
fn co_owners_are_imported_with_their_flags_and_decide_the_reduction() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    // The three organizations of tests/fixtures/good/organizations.csv.
    let file = write_csv(
        dir.path(),
        "共有.csv",
        &[
            HEADER.to_string(),
            row("GY-1", "202010000001.1", "成都蜀新科技有限公司:否"),
            row("GY-2", "202010000002.6", "北京华能装备股份有限公司：是； Acme GmbH:是"),
            row("GY-3", "202010000003.0", ""),
        ],
    );
    let summary = import::import(&mut store, &actor(), Table::Achievements, &file, false).expect("a clean file imports");
    assert_eq!(summary.inserted, 3);
    assert_eq!(co_owners(&store, "GY-1"), [("成都蜀新科技有限公司".to_string(), false)]);
    assert_eq!(
        co_owners(&store, "GY-2"),
        [("Acme GmbH".to_string(), true), ("北京华能装备股份有限公司".to_string(), true)],
        "both entries of a full-width cell, each with its flag"
    );
    assert!(co_owners(&store, "GY-3").is_empty(), "an empty cell: no co-owner");

    // Year 7 (paid through 6) of an invention patent filed 2020-03-10 starts (is due) on
    // 2026-03-10; its full fee is 2,000 yuan (docs/rules/fees.md "Fee table": years 7–8). Granted
    // 2023-05-20, in patent year 4 (2023-03-10 … 2024-03-09), the reduction window is years
    // 4 … 13, so year 7 is in it, and the test profile's own 费减 is accepted. Quoted for a
    // payment on 2026-03-01, before the due date: no surcharge. By rule.rs `reduction`:
    // - GY-1, a co-owner that does not qualify (否): no reduction at all — not 70% off — so
    //   2,000 × 100% = 2,000.00;
    // - GY-2, every co-owner qualifies (是, 是): 70% off, 2,000 × 30% = 600.00;
    // - GY-3, the institution alone: 85% off, 2,000 × 15% = 300.00.
    let paid_on = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    for (no, reduction, fen) in
        [("GY-1", Reduction::None, 200_000), ("GY-2", Reduction::CoOwned, 60_000), ("GY-3", Reduction::SoleOwner, 30_000)]
    {
        let q = docket::quote(&store, no, paid_on).expect("a quote");
        assert_eq!((q.patent_year, q.full_fee_fen), (7, Money(200_000)), "{no}: year 7 of an invention patent");
        assert_eq!((q.reduction, q.amount_fen, q.surcharge_fen), (reduction, Money(fen), Money(0)), "{no}");
    }

    // Each co-owned achievement has one co_owner entry in the achievement form's shape.
    let entries: Vec<(String, String)> = store
        .conn()
        .prepare("SELECT entity_key, after FROM audit_log WHERE entity = 'co_owner' AND action = 'insert' ORDER BY id")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("entries");
    assert_eq!(entries.iter().map(|e| e.0.as_str()).collect::<Vec<_>>(), ["GY-1", "GY-2"], "none for GY-3");
    let logged: serde_json::Value = serde_json::from_str(&entries[0].1).expect("json");
    assert_eq!(logged[0]["fee_reduction"], false);
    assert!(logged[0]["organization_id"].as_i64().is_some(), "by organization id, as the form logs them: {logged}");
}

/// The problems of an import that must be refused: (row, cell, value, code).
fn refused(store: &mut Store, file: &Path, dry_run: bool) -> Vec<(usize, String, String, &'static str)> {
    match import::import(store, &actor(), Table::Achievements, file, dry_run) {
        Err(Error::Invalid(problems)) => {
            assert!(problems.iter().all(|p| p.column == "共有人"), "the column is named by its header: {problems:?}");
            problems.iter().map(|p| (p.row, p.report(Lang::Zh).cell.unwrap_or_default(), p.value.clone(), p.kind.code())).collect()
        }
        other => panic!("a file with bad 共有人 cells is refused, got {other:?}"),
    }
}

#[test]
fn bad_co_owner_cells_are_refused_where_they_are_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let before = dump(&store);
    let file = write_csv(
        dir.path(),
        "坏.csv",
        &[
            HEADER.to_string(),
            row("GY-1", "202010000001.1", "成都蜀新科技有限公司:否"),
            row("GY-2", "202010000002.6", ":是"),
            row("GY-3", "202010000003.0", "成都蜀新科技有限公司"),
            row("GY-4", "202010000004.5", "成都蜀新科技有限公司:对; Acme GmbH:是; Acme GmbH:否"),
            row("GY-5", "202010000005.X", "某某不存在公司:是"),
        ],
    );
    let s = |t: &str| t.to_string();
    for dry_run in [true, false] {
        // The header is row 1, GY-1 row 2 (clean); 共有人 is the 13th column, M.
        assert_eq!(
            refused(&mut store, &file, dry_run),
            [
                (3, s("M3"), s(":是"), "required"),
                (4, s("M4"), s("成都蜀新科技有限公司"), "bad_choice"),
                (5, s("M5"), s("成都蜀新科技有限公司:对"), "bad_choice"),
                (5, s("M5"), s("Acme GmbH:否"), "repeated_entry"),
                (6, s("M6"), s("某某不存在公司"), "unknown_reference"),
            ],
            "dry run {dry_run}: every bad cell, with its row and column"
        );
        assert_eq!(dump(&store), before, "dry run {dry_run}: nothing is written");
    }
    // A cell over the template's 2,000 characters is refused as the file is read (every text
    // column's limit, import/sheet.rs), showing its first 40 characters.
    let long = write_csv(dir.path(), "长.csv", &[HEADER.to_string(), row("GY-6", "202010000001.1", &"长".repeat(2001))]);
    assert_eq!(refused(&mut store, &long, false), [(2, s("M2"), "长".repeat(40) + "…", "too_long")]);
    assert_eq!(dump(&store), before);
}

#[test]
fn old_files_import_as_before_and_a_re_import_changes_no_co_owner() {
    let dir = tempfile::tempdir().expect("tmp");
    // The clean fixture's achievements.xlsx has no 共有人 column (it predates it).
    let mut store = good_store(&dir);
    let n: i64 = store.conn().query_row("SELECT count(*) FROM co_owner", [], |r| r.get(0)).expect("count");
    assert_eq!(n, 0, "a file without the column gives no co-owner");
    let first = write_csv(dir.path(), "一.csv", &[HEADER.to_string(), row("GY-1", "202010000001.1", "成都蜀新科技有限公司:否")]);
    import::import(&mut store, &actor(), Table::Achievements, &first, false).expect("imports");
    // Imports only add: the same achievement with other co-owners is a duplicate, refused whole,
    // and its co-owners stay as they were (the achievement form changes them).
    let before = dump(&store);
    let again = write_csv(dir.path(), "二.csv", &[HEADER.to_string(), row("GY-1", "202010000001.1", "Acme GmbH:是")]);
    match import::import(&mut store, &actor(), Table::Achievements, &again, false) {
        Err(Error::Invalid(p)) => {
            let codes: Vec<&str> = p.iter().map(|p| p.kind.code()).collect();
            assert_eq!(codes, ["duplicate_in_database", "duplicate_in_database"], "成果编号 and 申请号 exist");
        }
        other => panic!("a re-import is refused, got {other:?}"),
    }
    assert_eq!(dump(&store), before);
    assert_eq!(co_owners(&store, "GY-1"), [("成都蜀新科技有限公司".to_string(), false)]);
}
