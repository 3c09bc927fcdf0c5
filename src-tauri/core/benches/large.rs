//! Benchmarks on the large demo portfolio (docs/quality.md "Speed targets"): list pages with a
//! filter and each sort, full-text search, the reward plan, the fees due, receivables and the
//! annual indicators.
//!
//! The portfolio is built once (release build, ~15 s) into `target/bench-data/` and reused.
//! Run one group with e.g. `cargo bench -p transferdesk-core --bench large -- lists`.

use chrono::{NaiveDate, NaiveDateTime};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::path::PathBuf;
use std::time::Duration;
use transferdesk_core::deals::contract::view::{self, ContractQuery};
use transferdesk_core::demo::{self, Scale};
use transferdesk_core::fees::docket::{self, FeeQuery};
use transferdesk_core::fees::rule::FeeStatus;
use transferdesk_core::model::{AchievementKind, AchievementStatus, ContractKind, DistributionState};
use transferdesk_core::portfolio::ledger::{self, AchievementQuery, SortKey};
use transferdesk_core::rewards::distribution::{self, DistributionQuery};
use transferdesk_core::store::{Actor, Store};

/// The session's "today": the demo and every query are dated from it, so figures repeat.
fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap_or_default()
}

fn today() -> NaiveDate {
    now().date()
}

/// The large demo, seed 1, built on first use.
fn large() -> Store {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    let path = dir.join(format!("large-seed1-v{}.db", transferdesk_core::store::schema_version()));
    if !path.exists() {
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let partial = dir.join("large-building.db");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
        }
        let actor = Actor { name: "bench".into(), at: now() };
        demo::create(&partial, Scale::Large, 1, &actor).unwrap_or_else(|e| panic!("large demo: {e}"));
        // The builder's WAL is checkpointed on close; renaming the closed file is atomic.
        std::fs::rename(&partial, &path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    Store::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn lists(c: &mut Criterion) {
    let store = large();
    let mut g = c.benchmark_group("lists");
    g.sample_size(20).measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(300));
    let sorts = [
        SortKey::AchievementNo,
        SortKey::Title,
        SortKey::Kind,
        SortKey::ApplicationNo,
        SortKey::FiledOn,
        SortKey::GrantedOn,
        SortKey::Status,
        SortKey::Department,
    ];
    let filters: [(&str, AchievementQuery); 5] = [
        ("kind", AchievementQuery { kind: Some(AchievementKind::InventionPatent), ..Default::default() }),
        ("status", AchievementQuery { status: Some(AchievementStatus::InForce), ..Default::default() }),
        ("department", AchievementQuery { department: Some("计算机学院".into()), ..Default::default() }),
        ("year", AchievementQuery { year: Some(2020), ..Default::default() }),
        ("search", AchievementQuery { search: Some("深度学习".into()), ..Default::default() }),
    ];
    for (name, filter) in &filters {
        for sort in sorts {
            for descending in [false, true] {
                let q = AchievementQuery { page: 1, page_size: 50, sort: Some(sort), descending, ..filter.clone() };
                let id = format!("{name}/{sort:?}/{}", if descending { "desc" } else { "asc" });
                g.bench_with_input(BenchmarkId::new("achievements", id), &q, |b, q| {
                    b.iter(|| ledger::list(&store, q).map(|p| p.rows.len()))
                });
            }
        }
    }
    let contracts: [(&str, ContractQuery); 7] = [
        ("kind", ContractQuery { kind: Some(ContractKind::License), ..Default::default() }),
        ("year", ContractQuery { year: Some(2024), ..Default::default() }),
        ("search", ContractQuery { search: Some("有限公司".into()), ..Default::default() }),
        // Fewer matches than a page: a LIKE walked every contract for these.
        ("search_word", ContractQuery { search: Some("天府".into()), ..Default::default() }),
        ("search_none", ContractQuery { search: Some("锂".into()), ..Default::default() }),
        ("overdue", ContractQuery { overdue: true, ..Default::default() }),
        ("recordal", ContractQuery { recordal: true, ..Default::default() }),
    ];
    for (name, filter) in &contracts {
        let q = ContractQuery { page: 1, page_size: 50, ..filter.clone() };
        g.bench_with_input(BenchmarkId::new("contracts", name), &q, |b, q| b.iter(|| view::list(&store, q, today()).map(|p| p.rows.len())));
    }
    let distributions: [(&str, DistributionQuery); 4] = [
        ("state", DistributionQuery { state: Some(DistributionState::Paid), ..Default::default() }),
        ("year", DistributionQuery { year: Some(2023), ..Default::default() }),
        ("search", DistributionQuery { search: Some("许可".into()), ..Default::default() }),
        ("overdue", DistributionQuery { overdue: true, ..Default::default() }),
    ];
    for (name, filter) in &distributions {
        let q = DistributionQuery { page: 1, page_size: 50, ..filter.clone() };
        g.bench_with_input(BenchmarkId::new("distributions", name), &q, |b, q| {
            b.iter(|| distribution::list(&store, q, today()).map(|p| p.rows.len()))
        });
    }
    for status in [FeeStatus::Due, FeeStatus::Grace, FeeStatus::Lapsed] {
        let q = FeeQuery { status, within_days: 90, page: 1, page_size: 50 };
        g.bench_with_input(BenchmarkId::new("fees", status.key()), &q, |b, q| {
            b.iter(|| docket::page(&store, q, today()).map(|p| p.rows.len()))
        });
    }
    let q = transferdesk_core::portfolio::disclosure::DisclosureQuery { page: 1, page_size: 50, ..Default::default() };
    g.bench_function("disclosures/all", |b| {
        b.iter(|| transferdesk_core::portfolio::disclosure::list(store.conn(), &q, today()).map(|p| p.rows.len()))
    });
    g.finish();
}

fn search(c: &mut Criterion) {
    let store = large();
    let mut g = c.benchmark_group("search");
    g.sample_size(20).measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(300));
    let inventor: String = store.conn().query_row("SELECT name FROM person WHERE id = 1234", [], |r| r.get(0)).unwrap_or_default();
    let number: String = store
        .conn()
        .query_row("SELECT application_no FROM achievement WHERE application_no IS NOT NULL LIMIT 1 OFFSET 777", [], |r| r.get(0))
        .unwrap_or_default();
    for (name, text) in [
        ("title", "深度学习".to_string()),
        ("number", number),
        ("inventor", inventor),
        ("counterparty", "天府".to_string()),
        ("common", "有限公司".to_string()),
        ("one_char", "锂".to_string()),
        ("two_words", "纳米 材料".to_string()),
    ] {
        g.bench_with_input(BenchmarkId::new("everywhere", name), &text, |b, text| {
            b.iter(|| transferdesk_core::store::search::everywhere(store.conn(), text, 10).map(|r| r.groups.len()))
        });
    }
    g.finish();
}

fn money(c: &mut Criterion) {
    let store = large();
    let mut g = c.benchmark_group("money");
    g.sample_size(10).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_millis(300));
    // A license with several receipts and no distribution yet: what `rewards plan` shows.
    let contract: String = store
        .conn()
        .query_row(
            "SELECT c.contract_no FROM contract c WHERE c.kind = 'license' AND NOT EXISTS (SELECT 1 FROM distribution d WHERE d.contract_id = c.id)
               AND (SELECT count(*) FROM receipt r WHERE r.contract_id = c.id) >= 3 ORDER BY c.contract_no LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap_or_default();
    g.bench_function("rewards_plan", |b| b.iter(|| distribution::propose(&store, &contract, today(), &[]).map(|p| p.plan.receipts.len())));
    g.bench_function("fees_due_90", |b| b.iter(|| docket::lines(&store, today(), 90).map(|l| l.len())));
    g.bench_function("receivables_90", |b| b.iter(|| view::receivables(&store, today(), 90).map(|l| l.len())));
    g.bench_function("annual_indicators_2025", |b| {
        b.iter(|| transferdesk_core::reporting::annual::indicators(&store, 2025).map(|i| i.year))
    });
    g.bench_function("check_2025", |b| {
        b.iter(|| transferdesk_core::reporting::check::check(&store, 2025, today(), transferdesk_core::Lang::Zh).map(|f| f.len()))
    });
    g.bench_function("dashboard", |b| {
        b.iter(|| transferdesk_core::reporting::dashboard::overview(&store, today()).map(|d| d.deadlines.len()))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = lists, search, money
}
criterion_main!(benches);
