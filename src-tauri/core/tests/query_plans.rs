//! The hot queries use indexes: each hot function runs on the demo portfolio with SQLite's
//! statement trace on, and every SELECT it ran is put through `EXPLAIN QUERY PLAN`. A plain
//! `SCAN` of a table (no index at all) fails the test unless the scenario names that table as
//! scanned on purpose, with the reason. The SQL is the functions' own, never a copy.

use crate::common::actor;
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use std::cell::RefCell;
use transferdesk_core::deals::contract::view::{self, ContractQuery};
use transferdesk_core::demo::{self, Scale};
use transferdesk_core::fees::docket::{self, FeeQuery};
use transferdesk_core::fees::rule::FeeStatus;
use transferdesk_core::model::{AchievementKind, AchievementStatus, ContractKind, DistributionState};
use transferdesk_core::portfolio::ledger::{self, AchievementQuery, SortKey};
use transferdesk_core::rewards::distribution::{self, DistributionQuery};
use transferdesk_core::Store;

thread_local! {
    /// The statements run on this thread since the last `take`.
    static SEEN: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn on_trace(event: TraceEvent<'_>) {
    if let TraceEvent::Stmt(stmt, _) = event {
        let sql = stmt.expanded_sql().unwrap_or_else(|| stmt.sql().into_owned());
        SEEN.with(|s| s.borrow_mut().push(sql));
    }
}

fn take() -> Vec<String> {
    SEEN.with(|s| std::mem::take(&mut *s.borrow_mut()))
}

/// The plain scans (`SCAN x` without an index) of every SELECT run since the last `take`, with
/// the statement they came from.
fn scans(store: &Store) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for sql in take() {
        let trimmed = sql.trim_start();
        let head = trimmed.get(..6).unwrap_or("").to_ascii_uppercase();
        if !(head.starts_with("SELECT") || head.starts_with("WITH")) {
            continue;
        }
        let mut stmt = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {trimmed}")).expect("explain");
        let details: Vec<String> = stmt.query_map([], |r| r.get::<_, String>(3)).expect("plan").collect::<Result<_, _>>().expect("rows");
        // A subquery's or CTE's result is read with "SCAN name" too: it is not a table.
        let derived: Vec<&str> = details
            .iter()
            .filter_map(|d| d.strip_prefix("CO-ROUTINE ").or_else(|| d.strip_prefix("MATERIALIZE ")))
            .filter_map(|rest| rest.split_whitespace().next())
            .collect();
        for d in &details {
            let Some(rest) = d.strip_prefix("SCAN ") else { continue };
            // "SCAN t USING [COVERING] INDEX i" reads an index; "SCAN CONSTANT ROW" reads nothing;
            // a virtual table (FTS5) and a subquery's result are not tables.
            if rest.contains("USING") || rest.starts_with("CONSTANT") || rest.contains("VIRTUAL TABLE") || rest.starts_with('(') {
                continue;
            }
            let name = rest.split_whitespace().next().unwrap_or("").to_string();
            if derived.contains(&name.as_str()) {
                continue;
            }
            out.push((name, trimmed.chars().take(600).collect()));
        }
    }
    out
}

thread_local! {
    /// The scenarios that scanned a table, reported together at the end of the test.
    static FAILED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Runs `run`, then records any plain scan of a name not in `allowed` (alias or table name).
fn assert_indexed(store: &Store, scenario: &str, allowed: &[&str], run: impl FnOnce(&Store)) {
    take();
    run(store);
    for (name, sql) in scans(store).into_iter().filter(|(name, _)| !allowed.contains(&name.as_str())) {
        FAILED.with(|f| f.borrow_mut().push(format!("{scenario}: SCAN {name} in\n    {sql}")));
    }
}

fn report_scans() {
    let failed = FAILED.with(|f| std::mem::take(&mut *f.borrow_mut()));
    assert!(failed.is_empty(), "full scans where an index is expected:\n{}", failed.join("\n"));
}

fn demo_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("demo.db");
    demo::create(&path, Scale::Small, 1, &actor()).expect("demo");
    let store = Store::open(&path).expect("open");
    store.conn().trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(on_trace));
    (dir, store)
}

const SORTS: [SortKey; 8] = [
    SortKey::AchievementNo,
    SortKey::Title,
    SortKey::Kind,
    SortKey::ApplicationNo,
    SortKey::FiledOn,
    SortKey::GrantedOn,
    SortKey::Status,
    SortKey::Department,
];

#[test]
fn hot_queries_use_indexes() {
    let (_dir, store) = demo_store();
    let today = actor().at.date();

    // Achievements: every filter with every sort. The department table (30 rows) may be scanned.
    let filters = [
        AchievementQuery { kind: Some(AchievementKind::InventionPatent), ..Default::default() },
        AchievementQuery { status: Some(AchievementStatus::InForce), ..Default::default() },
        AchievementQuery { department: Some("计算机学院".into()), ..Default::default() },
        AchievementQuery { year: Some(2020), ..Default::default() },
    ];
    for filter in &filters {
        for sort in SORTS {
            let q = AchievementQuery { page: 1, page_size: 50, sort: Some(sort), ..filter.clone() };
            assert_indexed(&store, &format!("achievements {q:?}"), &["d", "department"], |s| {
                ledger::list(s, &q).expect("list");
            });
        }
    }

    // Contracts.
    for q in [
        ContractQuery { kind: Some(ContractKind::License), ..Default::default() },
        ContractQuery { year: Some(2024), ..Default::default() },
        ContractQuery { overdue: true, ..Default::default() },
        ContractQuery { recordal: true, ..Default::default() },
    ] {
        let q = ContractQuery { page: 1, page_size: 50, ..q };
        assert_indexed(&store, &format!("contracts {q:?}"), &[], |s| {
            view::list(s, &q, today).expect("contracts");
        });
    }
    // The text search goes through the index; FTS5 reads its own one-row configuration table.
    let q = ContractQuery { search: Some("有限公司".into()), page: 1, page_size: 50, ..Default::default() };
    assert_indexed(&store, "contracts search", &["main.search_index_config"], |s| {
        view::list(s, &q, today).expect("contracts");
    });

    // Distributions.
    for q in [
        DistributionQuery { state: Some(DistributionState::Paid), ..Default::default() },
        DistributionQuery { year: Some(2024), ..Default::default() },
        DistributionQuery { overdue: true, ..Default::default() },
    ] {
        let q = DistributionQuery { page: 1, page_size: 50, ..q };
        // The page walks distributions newest first and stops after 50 matches: SQLite prefers the
        // rowid order to a sort, which is right for a table of a few thousand rows (≈1 ms large).
        assert_indexed(&store, &format!("distributions {q:?}"), &["d"], |s| {
            distribution::list(s, &q, today).expect("distributions");
        });
    }

    // Fees, receivables, the reward plan, the annual indicators, search.
    for status in [FeeStatus::Due, FeeStatus::Grace, FeeStatus::Lapsed] {
        let q = FeeQuery { status, within_days: 90, page: 1, page_size: 50 };
        // Fee lines read every co-owned patent's co-owners in one pass (a small table, grouped),
        // and the achievements in rowid order: two thirds are in force, and that many lookups
        // from the status index cost more than one pass over the table (docket::listed). The
        // deadlines need the whole holiday calendar (a few dozen days a year), read once.
        assert_indexed(&store, &format!("fees {status:?}"), &["co_owner", "a", "holiday"], |s| {
            docket::page(s, &q, today).expect("fees");
        });
    }
    assert_indexed(&store, "fees due", &["co_owner", "a", "holiday"], |s| {
        docket::lines(s, today, 90).expect("fees due");
    });
    assert_indexed(&store, "receivables", &[], |s| {
        view::receivables(s, today, 90).expect("receivables");
    });
    let contract: String = store
        .conn()
        .query_row("SELECT contract_no FROM contract WHERE kind = 'license' ORDER BY contract_no LIMIT 1", [], |r| r.get(0))
        .expect("a license");
    assert_indexed(&store, "rewards plan", &[], |s| {
        distribution::propose(s, &contract, today, &[]).expect("plan");
    });
    assert_indexed(&store, "annual indicators", &[], |s| {
        transferdesk_core::reporting::annual::indicators(s, 2025).expect("indicators");
    });
    for text in ["深度学习", "HT2024", "王"] {
        // FTS5 reads its own one-row configuration table.
        assert_indexed(&store, &format!("search {text}"), &["main.search_index_config"], |s| {
            transferdesk_core::store::search::everywhere(s.conn(), text, 10).expect("search");
        });
    }
    report_scans();
}

/// A page filtered by kind or status alone walks its sort column's index and stops after the page
/// (ledger::walk_sort_index): the subquery that chooses the page's ids sorts nothing. Sorting
/// every match instead took 15–37 ms on the large portfolio (docs/performance.md).
#[test]
fn a_broad_filter_walks_the_sort_index() {
    let (_dir, store) = demo_store();
    let filters = [
        AchievementQuery { kind: Some(AchievementKind::InventionPatent), ..Default::default() },
        AchievementQuery { status: Some(AchievementStatus::InForce), ..Default::default() },
        AchievementQuery { kind: Some(AchievementKind::UtilityModel), status: Some(AchievementStatus::Lapsed), ..Default::default() },
    ];
    for filter in &filters {
        for sort in SORTS {
            for descending in [false, true] {
                let q = AchievementQuery { page: 2, page_size: 50, sort: Some(sort), descending, ..filter.clone() };
                take();
                ledger::list(&store, &q).expect("list");
                let page = take().into_iter().find(|sql| sql.contains(") page")).expect("the page query");
                let mut stmt = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {page}")).expect("explain");
                let plan: Vec<(i64, i64, String)> =
                    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(3)?))).expect("plan").collect::<Result<_, _>>().expect("rows");
                let inner: Vec<i64> = plan
                    .iter()
                    .filter(|(_, _, d)| d.starts_with("CO-ROUTINE page") || d.starts_with("MATERIALIZE page"))
                    .map(|p| p.0)
                    .collect();
                assert_eq!(inner.len(), 1, "{q:?}: the page subquery in {plan:?}");
                let sorted = plan.iter().any(|(_, parent, d)| *parent == inner[0] && d.contains("TEMP B-TREE"));
                assert!(!sorted, "{q:?} sorts every match: {plan:?}");
            }
        }
    }
    // With a narrow filter the filter's index stays the way in (the plain query, no `+`).
    let q = AchievementQuery {
        department: Some("计算机学院".into()),
        kind: Some(AchievementKind::InventionPatent),
        sort: Some(SortKey::Title),
        page: 1,
        page_size: 50,
        ..Default::default()
    };
    take();
    ledger::list(&store, &q).expect("list");
    assert!(take().iter().all(|sql| !sql.contains("+a.kind")), "a department filter keeps the kind filter indexable");
}

/// No list returns a whole table: asked for any number of rows, each gives at most
/// `MAX_PAGE_SIZE` (search at most `MAX_HITS` a kind), and the page queries say so in SQL.
#[test]
fn every_list_clamps_its_page_size() {
    let (_dir, store) = demo_store();
    let today = actor().at.date();
    let max = transferdesk_core::store::search::MAX_PAGE_SIZE as usize;
    let huge = u32::MAX;
    take();
    let achievements = ledger::list(&store, &AchievementQuery { page: 1, page_size: huge, ..Default::default() }).expect("list");
    assert_eq!(achievements.total, 300, "the small demo has 300 achievements");
    assert_eq!(achievements.rows.len(), max, "a page of achievements is clamped to {max} rows");
    let contracts = view::list(&store, &ContractQuery { page: 1, page_size: huge, ..Default::default() }, today).expect("contracts");
    assert!(contracts.rows.len() <= max);
    let distributions =
        distribution::list(&store, &DistributionQuery { page: 1, page_size: huge, ..Default::default() }, today).expect("distributions");
    assert!(distributions.rows.len() <= max);
    let disclosures = transferdesk_core::portfolio::disclosure::list(
        store.conn(),
        &transferdesk_core::portfolio::disclosure::DisclosureQuery { page: 1, page_size: huge, ..Default::default() },
        today,
    )
    .expect("disclosures");
    assert!(disclosures.rows.len() <= max);
    let publicities = transferdesk_core::deals::publicity::list(
        store.conn(),
        &transferdesk_core::deals::publicity::PublicityQuery { page: 1, page_size: huge, ..Default::default() },
        today,
    )
    .expect("publicities");
    assert!(publicities.rows.len() <= max);
    let resolutions = transferdesk_core::deals::resolution::list(
        store.conn(),
        &transferdesk_core::deals::resolution::ResolutionQuery { page: 1, page_size: huge, ..Default::default() },
    )
    .expect("resolutions");
    assert!(resolutions.rows.len() <= max);
    let grants = transferdesk_core::deals::grant::list(
        store.conn(),
        &transferdesk_core::deals::grant::GrantQuery { page: 1, page_size: huge, ..Default::default() },
    )
    .expect("grants");
    assert!(grants.rows.len() <= max);
    let staff = distribution::staff_choices(&store, "", huge).expect("staff choices");
    assert!(staff.len() <= max);
    let paged: Vec<String> = take().into_iter().filter(|sql| sql.contains("LIMIT")).collect();
    for table in [
        "FROM achievement a",
        "FROM contract c",
        "FROM distribution d",
        "FROM publicity p",
        "FROM resolution",
        "FROM ownership_grant g",
        "category = 'transfer_staff'",
    ] {
        assert!(
            paged.iter().any(|sql| sql.contains(table) && sql.contains(&format!("LIMIT {max}"))),
            "the page query over `{table}` asks SQLite for at most {max} rows"
        );
    }
    for status in [FeeStatus::Due, FeeStatus::Grace, FeeStatus::Lapsed] {
        let fees = docket::page(&store, &FeeQuery { status, within_days: 3650, page: 1, page_size: huge }, today).expect("fees");
        assert!(fees.rows.len() <= max);
    }
    let people = transferdesk_core::people::person::choices(store.conn(), "", huge).expect("people");
    assert!(people.len() <= max);
    let orgs = transferdesk_core::people::organization::choices(store.conn(), "", huge).expect("organizations");
    assert!(orgs.len() <= max);
    let choices = distribution::contract_choices(&store, "", huge).expect("contract choices");
    assert!(choices.len() <= max);
    let found = transferdesk_core::store::search::everywhere(store.conn(), "学院", huge).expect("search");
    for group in &found.groups {
        assert!(group.hits.len() <= transferdesk_core::store::search::MAX_HITS as usize, "{:?}", group.kind);
    }
}
