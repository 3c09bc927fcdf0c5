//! Fuzzing (docs/quality.md "Nothing lost, nothing corrupted"): the cell parsers, the identifier
//! validators and both importers meet random and mutated input and must answer Ok or Err — never
//! panic. cargo-fuzz needs a nightly toolchain and its own crate outside `cargo test`; these
//! proptest-driven loops run in every `cargo test`, each for `FUZZ_SECONDS` (default 2; `make test`
//! sets 30), and print how many inputs they tried (docs/reliability.md records the totals).

use crate::common::{actor, fixture, good_store};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};
use transferdesk_core::model::Table;
use transferdesk_core::{date, ident, import, share, Money};

fn budget() -> Duration {
    let secs = std::env::var("FUZZ_SECONDS").ok().and_then(|s| s.parse::<f64>().ok()).filter(|s| *s > 0.0).unwrap_or(2.0);
    Duration::from_secs_f64(secs)
}

/// Feeds values of `strategy` to `target` until the time budget is spent; a panic fails the test
/// with the input that caused it. Returns the number of executions.
fn fuzz<S: Strategy>(name: &str, budget: Duration, strategy: S, mut target: impl FnMut(&S::Value)) -> u64
where
    S::Value: std::fmt::Debug,
{
    let mut runner = TestRunner::deterministic();
    let started = Instant::now();
    let mut runs = 0u64;
    while started.elapsed() < budget {
        let Ok(tree) = strategy.new_tree(&mut runner) else { continue };
        let input = tree.current();
        if catch_unwind(AssertUnwindSafe(|| target(&input))).is_err() {
            panic!("{name}: panic on input {input:?}");
        }
        runs += 1;
    }
    eprintln!("fuzz {name}: {runs} executions in {:.1} s", started.elapsed().as_secs_f64());
    assert!(runs > 0);
    runs
}

/// Text that is sometimes close to valid (digits, separators, CJK units) and sometimes anything.
fn cell_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ ¥￥+\\-−]{0,2}[0-9,.，。]{0,24}[元万%％]{0,2}",
        "[0-9]{0,5}[-/.年][0-9]{0,3}[-/.月][0-9]{0,3}日?",
        "[A-Za-z0-9:：;；、*% .\\-]{0,40}",
        "(CN|ZL)?[0-9]{8,13}[.．]?[0-9Xx]?",
        "[0-9A-HJ-NPQRTUWXYa-z]{16,20}",
        "[0-9]{15,18}[0-9Xx]?",
    ]
}

#[test]
fn fuzz_amounts() {
    fuzz("amount", budget(), cell_text(), |t| {
        if let Ok(m) = Money::parse_yuan(t) {
            assert!(m.0 >= 0, "amounts carry no sign: {t:?} → {m:?}");
        }
    });
}

#[test]
fn fuzz_dates() {
    fuzz("date", budget(), cell_text(), |t| {
        let _ = date::parse_date(t);
    });
}

#[test]
fn fuzz_share_lists() {
    fuzz("share list", budget(), cell_text(), |t| {
        let _ = share::parse_percent(t);
        if let Ok(list) = share::parse_list(t) {
            assert!(list.len() <= t.chars().count() + 1);
        }
    });
}

#[test]
fn fuzz_identifiers() {
    fuzz("identifiers", budget(), cell_text(), |t| {
        if let Ok(n) = ident::application_no(t) {
            assert_eq!(ident::application_no(&n).as_deref(), Ok(n.as_str()), "a valid number stays valid normalized");
        }
        let _ = ident::credit_code(t);
        let _ = ident::id_number(t);
        let _ = ident::credit_code_check(t);
        let _ = ident::id_number_check(t);
        let _ = ident::application_no_check(t);
        let _ = ident::mask(t);
    });
}

/// A good file with some bytes changed, cut or repeated: mostly well-formed enough to reach the
/// row checks, which random bytes alone would not.
fn mutated(base: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = base.len().max(1);
    prop_oneof![
        proptest::collection::vec((0..len, any::<u8>()), 1..8).prop_map({
            let base = base.clone();
            move |edits| {
                let mut b = base.clone();
                for (i, v) in edits {
                    if let Some(x) = b.get_mut(i) {
                        *x = v;
                    }
                }
                b
            }
        }),
        (0..len).prop_map({
            let base = base.clone();
            move |cut| base[..cut.min(base.len())].to_vec()
        }),
        (0..len, 0..len).prop_map({
            let base = base.clone();
            move |(a, b)| {
                let (a, b) = (a.min(b), a.max(b));
                let mut out = base.clone();
                out.extend_from_slice(&base[a..b]);
                out
            }
        }),
        proptest::collection::vec(any::<u8>(), 0..512),
    ]
}

fn fuzz_importer(name: &str, files: &[(Table, &str)], ext: &str) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let path = dir.path().join(format!("input.{ext}"));
    let mut total = 0;
    for (table, file) in files {
        let base = std::fs::read(fixture(&format!("good/{file}"))).expect("fixture");
        // The importer's budget is shared by its templates.
        let share = budget() / files.len().max(1) as u32;
        total += fuzz(&format!("{name} {file}"), share, mutated(base), |bytes| {
            if std::fs::write(&path, bytes).is_ok() {
                // Dry runs: a mutated file that happens to be valid must not grow the store.
                let _ = import::import(&mut store, &actor(), *table, &path, true);
            }
        });
    }
    eprintln!("fuzz {name}: {total} executions in all");
}

#[test]
fn fuzz_csv_importer() {
    fuzz_importer(
        "csv importer",
        &[(Table::People, "people.csv"), (Table::Contracts, "contracts.csv"), (Table::Receipts, "receipts.csv")],
        "csv",
    );
}

#[test]
fn fuzz_xlsx_importer() {
    fuzz_importer("xlsx importer", &[(Table::Achievements, "achievements.xlsx"), (Table::Costs, "costs.xlsx")], "xlsx");
}
