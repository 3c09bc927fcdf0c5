//! Clean files import with the values a person computes from them by hand.

use crate::common::{actor, dump, fixture, good_store, new_store};
use rusqlite::params;
use transferdesk_core::model::Table;
use transferdesk_core::{import, Error};

fn one<T: rusqlite::types::FromSql>(store: &transferdesk_core::Store, sql: &str) -> T {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[test]
fn the_clean_portfolio_imports_with_exact_figures() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store(&dir);
    // "500,000.00", "¥1,200,000", "3000000", "88000.5" yuan → fen.
    let amounts: Vec<(String, i64)> = store
        .conn()
        .prepare("SELECT contract_no, amount_fen FROM contract ORDER BY contract_no")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("amounts");
    assert_eq!(
        amounts,
        vec![
            ("HT2025-001".into(), 50_000_000),
            ("HT2025-002".into(), 120_000_000),
            ("HT2025-003".into(), 300_000_000),
            ("HT2025-004".into(), 8_800_050)
        ]
    );
    assert_eq!(one::<i64>(&store, "SELECT equity_units_fen FROM contract WHERE contract_no = 'HT2025-003'"), 300_000_000);
    // 500000 + 600,000.00 + 44000.25 yuan.
    assert_eq!(one::<i64>(&store, "SELECT sum(amount_fen) FROM receipt"), 50_000_000 + 60_000_000 + 4_400_025);
    assert_eq!(one::<i64>(&store, "SELECT sum(amount_fen) FROM cost"), 1_500_000 + 720_000);
    // "CN 201910012345.1" is stored normalized; 2019/06/01 and 2021年8月3日 as ISO dates.
    let (app, filed, granted): (String, String, String) = store
        .conn()
        .query_row("SELECT application_no, filed_on, granted_on FROM achievement WHERE achievement_no = 'CG002'", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .expect("CG002");
    assert_eq!((app.as_str(), filed.as_str(), granted.as_str()), ("201910012345.1", "2019-06-01", "2021-08-03"));
    // Shares: T003*:60、T001:40 and a lone T002* that takes 100%.
    let shares: Vec<(String, String, i64, bool)> = store
        .conn()
        .prepare(
            "SELECT a.achievement_no, p.employee_id, i.share_bp, i.key_contributor FROM inventor i JOIN achievement a ON a.id = i.achievement_id
             JOIN person p ON p.id = i.person_id WHERE a.achievement_no IN ('CG002', 'CG003') ORDER BY a.achievement_no, i.position",
        )
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect())
        .expect("shares");
    assert_eq!(
        shares,
        vec![
            ("CG002".into(), "T003".into(), 6000, true),
            ("CG002".into(), "T001".into(), 4000, false),
            ("CG003".into(), "T002".into(), 10_000, true)
        ]
    );
    let weights: Vec<i64> = store
        .conn()
        .prepare("SELECT weight_bp FROM contract_achievement ca JOIN contract c ON c.id = ca.contract_id WHERE c.contract_no = 'HT2025-002' ORDER BY position")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("weights");
    assert_eq!(weights, vec![6000, 4000]);
    // The institution's creation, then 5 people + 3 organizations + 4 achievements + 4 contracts
    // + 3 receipts + 2 costs, one entry each.
    assert_eq!(one::<i64>(&store, "SELECT count(*) FROM audit_log"), 22);
    assert_eq!(one::<String>(&store, "SELECT region FROM organization WHERE name = '北京华能装备股份有限公司'"), "北京市");
}

#[test]
fn dry_run_checks_everything_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = new_store(&dir);
    let before = dump(&store);
    let summary = import::import(&mut store, &actor(), Table::People, &fixture("good/people.csv"), true).expect("clean file");
    assert_eq!((summary.rows, summary.inserted, summary.dry_run), (5, 5, true));
    assert_eq!(dump(&store), before, "a dry run leaves the database as it was");
}

#[test]
fn an_empty_paid_through_year_is_assumed_and_reported() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let file = dir.path().join("a.csv");
    // Filed 2023-03-15, granted; on 2026-11-23 the patent is in its 4th year (it began 2026-03-15).
    std::fs::write(&file, "成果编号,成果名称,成果类型,申请号,申请日,授权日,法律状态,所属单位,完成人\nCG201,一种阀门,发明专利,202310123457.0,2023-03-15,2025-01-01,有效,计算机学院,T001\n").expect("write");
    let summary = import::import(&mut store, &actor(), Table::Achievements, &file, false).expect("imports");
    assert_eq!(summary.warnings.len(), 1, "the assumption is reported: {:?}", summary.warnings);
    let (year, assumed): (i64, bool) = store
        .conn()
        .query_row("SELECT fees_paid_through, fees_paid_through_assumed FROM achievement WHERE achievement_no = 'CG201'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("row");
    assert_eq!((year, assumed), (4, true));
}

#[test]
fn importing_the_same_file_twice_is_refused_as_duplicates() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let before = dump(&store);
    match import::import(&mut store, &actor(), Table::Contracts, &fixture("good/contracts.csv"), false) {
        Err(Error::Invalid(problems)) => {
            assert_eq!(problems.len(), 4, "one duplicate per contract row");
            assert!(problems.iter().all(|p| p.kind.code() == "duplicate_in_database" && p.column == "合同编号"));
        }
        other => panic!("duplicates must be refused, got {other:?}"),
    }
    assert_eq!(dump(&store), before);
    let n: i64 =
        store.conn().query_row("SELECT count(*) FROM contract WHERE contract_no = ?1", params!["HT2025-001"], |r| r.get(0)).expect("count");
    assert_eq!(n, 1);
}
