//! Fuzzing (docs/quality.md "Nothing lost, nothing corrupted"): the cell parsers, the identifier
//! validators and both importers meet random and mutated input and must answer Ok or Err — never
//! panic. cargo-fuzz needs a nightly toolchain and its own crate outside `cargo test`; these
//! proptest-driven loops run in every `cargo test`, each for `FUZZ_SECONDS` (default 2; `make test`
//! sets 30), and print how many inputs they tried (docs/reliability.md records the totals).

use crate::common::{actor, fixture, new_store, GOOD};
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

/// A store holding the fixture portfolio up to, not including, `table` (GOOD is in dependency
/// order): the good file of `table` imports into it, so that mutated files that stay valid are
/// common, and a dry run has something it must not write.
fn store_before(dir: &tempfile::TempDir, table: Table) -> transferdesk_core::Store {
    let mut store = new_store(dir);
    for (t, file) in GOOD.iter().take_while(|(t, _)| *t != table) {
        import::import(&mut store, &actor(), *t, &fixture(&format!("good/{file}")), false).expect("clean fixture");
    }
    store
}

/// Every table's row count (the audit log's among them: any write adds an entry).
fn counts(store: &transferdesk_core::Store) -> Vec<(String, i64)> {
    let conn = store.conn();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    tables
        .into_iter()
        .map(|t| (t.clone(), conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).expect("count")))
        .collect()
}

fn fuzz_importer(name: &str, files: &[(Table, &str)], ext: &str) {
    let mut total = 0;
    for (table, file) in files {
        let dir = tempfile::tempdir().expect("tmp");
        let mut store = store_before(&dir, *table);
        let path = dir.path().join(format!("input.{ext}"));
        let before = counts(&store);
        let base = std::fs::read(fixture(&format!("good/{file}"))).expect("fixture");
        // The unchanged file first: a dry run that succeeds, so the check below checks something.
        std::fs::write(&path, &base).expect("write");
        let summary = import::import(&mut store, &actor(), *table, &path, true).expect("the good file passes a dry run");
        assert!(summary.inserted > 0, "{file}: the dry run would insert rows");
        assert_eq!(counts(&store), before, "{file}: a dry run writes nothing");
        let mut passed = 0u64;
        // The importer's budget is shared by its templates.
        let share = budget() / files.len().max(1) as u32;
        total += fuzz(&format!("{name} {file}"), share, mutated(base), |bytes| {
            if std::fs::write(&path, bytes).is_ok() {
                // Dry runs: a mutated file that happens to be valid must not grow the store.
                if import::import(&mut store, &actor(), *table, &path, true).is_ok() {
                    passed += 1;
                }
                assert_eq!(counts(&store), before, "{file}: a dry run must not grow the store");
            }
        });
        eprintln!("fuzz {name} {file}: {passed} mutated files passed the dry run");
    }
    eprintln!("fuzz {name}: {total} executions in all");
}

/// File and folder names of bulk files (docs/rules/bulk-files.md): every number found is a valid
/// application or publication number or a wrong check digit, and matching never panics; ZIP
/// entry names of any bytes decode and are judged.
#[test]
fn fuzz_bulk_names() {
    use transferdesk_core::portfolio::bulk::{self, Known, Number};
    let mut known = Known::default();
    known.add(
        bulk::BulkAchievement { id: 1, achievement_no: "CG1".into(), title: "t".into() },
        Some("202310123456.6"),
        Some("CN123456789B"),
    );
    let names = prop_oneof![cell_text(), "[^/]{0,8}(CN|ZL|cn)?[0-9０-９]{8,13}[.．。]?[0-9Xx]?[A-Z]?[^/]{0,8}", "[ -~]{0,60}",];
    fuzz("bulk names", budget(), (names.clone(), names), |(name, folder)| {
        for found in bulk::numbers_in(name) {
            if let Number::Application(n) = &found.number {
                assert_eq!(ident::application_no(n).as_deref(), Ok(n.as_str()), "{name:?}: {n} is a valid number");
            }
        }
        let _ = bulk::match_names(&known, name, std::slice::from_ref(folder));
    });
    fuzz("zip entry names", budget(), proptest::collection::vec(any::<u8>(), 0..80), |raw| {
        let name = bulk::entry_name(raw);
        if let Ok(parts) = bulk::safe_parts(&name) {
            assert!(parts.iter().all(|p| p != ".." && !p.contains(['/', '\\', ':'])), "{name:?} → {parts:?}");
        }
    });
}

/// A small ZIP with random bytes flipped: the preview lists or refuses, never panics.
#[test]
fn fuzz_bulk_zips() {
    use std::io::Write;
    use transferdesk_core::portfolio::bulk::{self, Limits, Source};
    let dir = tempfile::tempdir().expect("tmp");
    let store = new_store(&dir);
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in [("202310123456.6 受理.pdf", vec![b'a'; 300]), ("d/x.zip", vec![1; 10]), ("z.pdf", vec![0; 5000])] {
        w.start_file(name, options).expect("start");
        w.write_all(&body).expect("write");
    }
    let good = w.finish().expect("zip").into_inner();
    let path = dir.path().join("f.zip");
    let flips = proptest::collection::vec((0..good.len(), any::<u8>()), 1..6);
    fuzz("bulk zips", budget(), flips, |flips| {
        let mut bytes = good.clone();
        for (at, b) in flips {
            bytes[*at] = *b;
        }
        std::fs::write(&path, &bytes).expect("write");
        let _ = bulk::preview(store.conn(), &[Source::at(&path)], &Limits::DEFAULT);
    });
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

/// What a crafted sheet holds: references anywhere (past XFD and row 1,048,576 too), a
/// dimension, strings of any length, announced counts, shared-formula indexes, merged ranges.
#[derive(Clone, Debug)]
enum Crafted {
    Number {
        col: u32,
        row: u64,
    },
    Inline {
        col: u32,
        row: u64,
        chars: usize,
    },
    Shared {
        col: u32,
        row: u64,
        index: u64,
    },
    Formula {
        col: u32,
        row: u64,
        si: u64,
        anchor: bool,
    },
    /// A cell without a reference: it takes the next column.
    Unplaced {
        chars: usize,
    },
}

#[derive(Clone, Debug)]
struct CraftedSheet {
    dimension: (u32, u64),
    cells: Vec<Crafted>,
    unique_count: u64,
    strings: Vec<usize>,
    merges: u32,
}

fn crafted_sheet() -> impl Strategy<Value = CraftedSheet> {
    let col = prop_oneof![0u32..30, 1000u32..1030, 16_380u32..20_000, Just(u32::MAX / 2)];
    let row = prop_oneof![1u64..50, 1_048_570u64..1_048_580, 1u64 << 31..(1u64 << 32) + 10, Just(u64::MAX / 4)];
    let chars = prop_oneof![0usize..50, 30_000usize..40_000, 100_000usize..200_000];
    let cell = prop_oneof![
        (col.clone(), row.clone()).prop_map(|(col, row)| Crafted::Number { col, row }),
        (col.clone(), row.clone(), chars.clone()).prop_map(|(col, row, chars)| Crafted::Inline { col, row, chars }),
        (col.clone(), row.clone(), prop_oneof![0u64..4, Just(1u64 << 40)]).prop_map(|(col, row, index)| Crafted::Shared {
            col,
            row,
            index
        }),
        (col.clone(), row.clone(), prop_oneof![0u64..4, Just(1u64 << 40), Just(u64::MAX)], any::<bool>())
            .prop_map(|(col, row, si, anchor)| Crafted::Formula { col, row, si, anchor }),
        chars.clone().prop_map(|chars| Crafted::Unplaced { chars }),
    ];
    (
        (col, row),
        proptest::collection::vec(cell, 0..12),
        prop_oneof![0u64..10, Just(1u64 << 40), Just(u64::MAX)],
        proptest::collection::vec(prop_oneof![0usize..20, 30_000usize..300_000], 0..3),
        prop_oneof![0u32..3, 100_000u32..100_002],
    )
        .prop_map(|(dimension, cells, unique_count, strings, merges)| CraftedSheet { dimension, cells, unique_count, strings, merges })
}

fn reference(col: u32, row: u64) -> String {
    format!("{}{row}", transferdesk_core::problem::column_letter(col as usize))
}

fn crafted_workbook(s: &CraftedSheet) -> Vec<u8> {
    use crate::crafted::{workbook, Content};
    let mut xml = format!(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:{}"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>工号</t></is></c><c r="B1" t="inlineStr"><is><t>姓名</t></is></c></row>"#,
        reference(s.dimension.0, s.dimension.1)
    );
    for c in &s.cells {
        xml.push_str(&match c {
            Crafted::Number { col, row } => format!(r#"<row r="{row}"><c r="{}"><v>1</v></c></row>"#, reference(*col, *row)),
            Crafted::Inline { col, row, chars } => {
                format!(
                    r#"<row r="{row}"><c r="{}" t="inlineStr"><is><t>{}</t></is></c></row>"#,
                    reference(*col, *row),
                    "长".repeat(*chars)
                )
            }
            Crafted::Shared { col, row, index } => {
                format!(r#"<row r="{row}"><c r="{}" t="s"><v>{index}</v></c></row>"#, reference(*col, *row))
            }
            Crafted::Formula { col, row, si, anchor } => {
                let range =
                    if *anchor { format!(r#" ref="{}:{}""#, reference(*col, *row), reference(*col, row + 2)) } else { String::new() };
                format!(r#"<row r="{row}"><c r="{}"><f t="shared" si="{si}"{range}>A1+1</f><v>2</v></c></row>"#, reference(*col, *row))
            }
            Crafted::Unplaced { chars } => format!(r#"<row><c t="inlineStr"><is><t>{}</t></is></c></row>"#, "x".repeat(*chars)),
        });
    }
    xml.push_str("</sheetData>");
    if s.merges > 0 {
        xml.push_str("<mergeCells>");
        xml.push_str(&r#"<mergeCell ref="D1:E2"/>"#.repeat(s.merges as usize));
        xml.push_str("</mergeCells>");
    }
    xml.push_str("</worksheet>");
    let strings: String = s.strings.iter().map(|n| format!("<si><t>{}</t></si>", "字".repeat(*n))).collect();
    let sst = format!(
        r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="{}">{strings}</sst>"#,
        s.unique_count
    );
    workbook(Content::Bytes(xml.into_bytes()), vec![("xl/sharedStrings.xml".to_string(), Content::Bytes(sst.into_bytes()))])
}

/// The sheet reader fuzzed for allocation size: crafted sheets (references past Excel's last
/// row and column, long strings, a trillion announced strings, huge shared-formula indexes,
/// many merged ranges) read in a child process under a 2 GB address-space limit, so that one
/// allocation of the size a crafted reference asks for fails there, not here; the child must
/// finish, and its peak resident memory stay under 256 MB. (Before the limits, the first
/// input with a far reference aborted the child: "memory allocation of … bytes failed".)
#[test]
fn fuzz_sheet_reader_memory() {
    let exe = std::env::current_exe().expect("test binary");
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(r#"ulimit -v 2000000 && exec "$0" "$@""#)
        .arg(&exe)
        .args(["fuzz::sheet_reader_child", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env("FUZZ_SHEET_CHILD", "1")
        // A caught panic (calamine's overflow checks) must not load the debug info to print a
        // backtrace: that memory is the test harness's, not the reader's.
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("child");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let tail: String = stderr.lines().rev().take(5).collect::<Vec<_>>().join("\n");
    assert!(out.status.success(), "the reader died on a crafted sheet ({:?}); last lines:\n{tail}", out.status);
    let peak_kb: u64 = stdout
        .lines()
        .chain(stderr.lines())
        .find_map(|l| l.split_once("peak resident kB: ").and_then(|(_, v)| v.split_whitespace().next()?.parse().ok()))
        .unwrap_or_else(|| panic!("the child reports its peak; it said:\n{stdout}\n{tail}"));
    assert!(stdout.contains("1 passed") || stderr.contains("executions"), "the child ran the target: {stdout}");
    eprintln!("fuzz sheet reader: peak resident {} MB in the child", peak_kb / 1024);
    assert!(peak_kb < 256 * 1024, "peak resident memory {peak_kb} kB: the reader must stay within its limits");
}

#[test]
#[ignore = "run by fuzz_sheet_reader_memory in a child process under a memory limit"]
fn sheet_reader_child() {
    assert!(std::env::var_os("FUZZ_SHEET_CHILD").is_some(), "run through fuzz_sheet_reader_memory");
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("crafted.xlsx");
    fuzz("sheet reader memory", budget(), crafted_sheet(), |sheet| {
        // Named before it is read: a child that dies shows the input that killed it.
        eprintln!("input {sheet:?}");
        std::fs::write(&path, crafted_workbook(sheet)).expect("write");
        let _ = import::sheet::read_source(&path, None);
    });
    let status = std::fs::read_to_string("/proc/self/status").expect("status");
    let peak =
        status.lines().find_map(|l| l.strip_prefix("VmHWM:")).map(|v| v.trim().trim_end_matches("kB").trim().to_string()).expect("VmHWM");
    println!("peak resident kB: {peak}");
}

/// Text a notice's reader meets: labels, numbers, dates and periods in every width and numeral,
/// cut anywhere, and anything at all.
fn notice_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "(申请号|专利号|发文日期?|之日起的?|审查意见通知书|驳回决定|办理登记手续通知书|[：: \n0-9０-９.．X年月日个天两十一二三四五六七八九])*",
        "[0-9]{8,13}[.．]?[0-9X]?发文日[:：]?[0-9]{0,4}[-年/.][0-9]{0,2}[-月/.][0-9]{0,2}日?之日起[0-9一二两三四十]{0,4}(个月|日|年)?",
    ]
}

#[test]
fn fuzz_notice_text() {
    fuzz("notice text", budget(), notice_text(), |t| {
        if let Ok(read) = transferdesk_core::prosecution::notice::read(t) {
            if let Some(no) = read.application_no {
                assert_eq!(ident::application_no(&no).as_deref(), Ok(no.as_str()), "only valid numbers are taken");
            }
            assert!(read.period.is_none_or(|p| p.is_plausible()), "{:?}", read.period);
        }
    });
}

/// A notice PDF mutated, cut and repeated: the reader answers text or a reason, never a crash.
#[test]
fn fuzz_notice_pdf() {
    let base =
        crate::notice_pdf::notice("第一次审查意见通知书", "202310123456.6", "2026年08月10日", "自收到本通知书之日起4个月内陈述意见。");
    fuzz("notice pdf", budget(), mutated(base), |bytes| {
        let _ = transferdesk_core::prosecution::pdf::text(bytes);
    });
}
