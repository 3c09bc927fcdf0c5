//! The corpus of bad files (tests/fixtures/bad): each is refused with its location and leaves
//! the database exactly as it was.

use crate::common::{actor, dump, fixture, good_store};
use rstest::rstest;
use transferdesk_core::model::Table;
use transferdesk_core::{import, Error};

#[rstest]
#[case::wrong_headers(Table::Achievements, "wrong_headers.xlsx", &[(1, "成果名", "unknown_column"), (1, "成果名称", "missing_column")])]
#[case::unknown_column(Table::People, "unknown_column.csv", &[(1, "备注", "unknown_column")])]
#[case::missing_column(Table::People, "missing_column.csv", &[(1, "姓名", "missing_column")])]
#[case::bad_amounts(Table::Contracts, "bad_amounts.xlsx", &[(2, "合同金额", "bad_amount"), (3, "合同金额", "bad_amount"), (4, "合同金额", "bad_amount")])]
#[case::bad_dates(Table::Receipts, "bad_dates.csv", &[(2, "到账日期", "bad_date"), (3, "到账日期", "bad_date")])]
#[case::shares_not_100(Table::Achievements, "shares_not_100.csv", &[(2, "完成人", "shares_not_100")])]
#[case::unknown_contract(Table::Receipts, "unknown_reference.csv", &[(3, "合同编号", "unknown_reference")])]
#[case::unknown_inventor(Table::Achievements, "unknown_inventor.csv", &[(2, "完成人", "unknown_reference")])]
#[case::duplicate_keys(Table::People, "duplicate_keys.csv", &[(3, "工号", "duplicate_in_file"), (4, "工号", "duplicate_in_database")])]
#[case::bad_check_digit(Table::Achievements, "bad_check_digit.csv", &[(2, "申请号", "bad_check_digit")])]
// Row 2: an invention whose number's fifth digit is 2 (a utility model); row 3: a design with a 1
// (an invention). Rows 4 and 5 are PCT national-phase numbers (9: utility model, 8: invention)
// of the kinds they say: no problem.
#[case::kind_mismatch(Table::Achievements, "kind_mismatch.csv", &[(2, "申请号", "application_kind_mismatch"), (3, "申请号", "application_kind_mismatch")])]
// Row 2: an invention 有效 with no 授权日; rows 3–5 are right: a utility model in force with its
// date, a software copyright (not a patent), a pending invention.
#[case::in_force_without_grant(Table::Achievements, "in_force_no_grant.csv", &[(2, "授权日", "required_for_kind")])]
#[case::bad_credit_code(Table::Organizations, "bad_credit_code.csv", &[(2, "统一社会信用代码", "bad_check_digit")])]
#[case::bad_id_number(Table::People, "bad_id_number.csv", &[(2, "身份证号", "bad_check_digit")])]
#[case::empty_csv(Table::People, "empty.csv", &[(0, "", "empty_file")])]
#[case::empty_xlsx(Table::People, "empty.xlsx", &[(0, "", "empty_file")])]
#[case::binary_renamed(Table::Achievements, "binary_renamed.xlsx", &[(0, "", "unreadable_file")])]
#[case::overflowing_reference(Table::Achievements, "overflowing_reference.xlsx", &[(0, "", "unreadable_file")])]
#[case::huge_cell(Table::People, "huge_cell.csv", &[(2, "姓名", "too_long")])]
#[case::formulas(Table::Receipts, "formulas.xlsx", &[(2, "到账金额", "formula")])]
#[case::merged_cells(Table::People, "merged_cells.xlsx", &[(2, "所在单位", "merged_cell")])]
#[case::gbk(Table::People, "gbk.csv", &[(0, "", "not_utf8")])]
#[case::license_without_kind(Table::Contracts, "license_without_kind.csv", &[(2, "许可类型", "required_for_kind")])]
#[case::equity_without_units(Table::Contracts, "equity_without_units.csv", &[(2, "获得股权", "required_for_kind")])]
fn bad_file_is_refused_where_it_is_wrong(#[case] table: Table, #[case] file: &str, #[case] expected: &[(usize, &str, &str)]) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let before = dump(&store);
    for dry_run in [true, false] {
        match import::import(&mut store, &actor(), table, &fixture(&format!("bad/{file}")), dry_run) {
            Err(Error::Invalid(problems)) => {
                let found: Vec<(usize, &str, &str)> = problems.iter().map(|p| (p.row, p.column.as_str(), p.kind.code())).collect();
                assert_eq!(found, expected, "{file}: every problem located, and nothing else reported");
                let sheet = &problems[0].sheet;
                assert!(!sheet.is_empty(), "{file}: the sheet (or file) is named");
            }
            other => panic!("{file} must be refused, got {other:?}"),
        }
        assert_eq!(dump(&store), before, "{file}: the database content is unchanged");
    }
}

/// The crafted files of crafted.rs: each refused with the one problem expected, in dry run and
/// real import, the database unchanged. Before the limits, far_reference.xlsx,
/// announced_strings.xlsx and shared_formula_index.xlsx aborted this test binary ("memory
/// allocation of … bytes failed").
#[test]
fn crafted_files_are_refused_with_the_limit_named() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let before = dump(&store);
    // The two big ones (a million rows read in a debug build) with CRAFTED_BIG=1, as `make test` does.
    let big = std::env::var_os("CRAFTED_BIG").is_some();
    let oversized = crate::crafted::oversized(dir.path());
    let mut files: Vec<(String, std::path::PathBuf, (usize, &str), usize)> =
        vec![("oversized.csv".into(), oversized, (0, "limit_file_size"), 1)];
    for c in crate::crafted::all(big).into_iter().chain(crate::crafted::csv_files()) {
        let path = dir.path().join(c.name);
        std::fs::write(&path, &c.bytes).expect("write");
        files.push((c.name.to_string(), path, c.expected, c.problems));
    }
    for (name, path, expected, count) in &files {
        for dry_run in [true, false] {
            match import::import(&mut store, &actor(), Table::People, path, dry_run) {
                Err(Error::Invalid(problems)) => {
                    let last = problems.last().map(|p| (p.row, p.kind.code()));
                    assert_eq!((last, problems.len()), (Some(*expected), *count), "{name}: the refusal expected");
                    let problem = problems.last().expect("one");
                    let file_level = name.ends_with(".csv") || (expected.0 == 0 && expected.1 != "limit_problems");
                    assert_eq!(problem.sheet, if file_level { name.as_str() } else { "人员" }, "{name}: where");
                    let text = problem.kind.text(transferdesk_core::Lang::En);
                    if expected.1.starts_with("limit_") {
                        assert!(
                            text.contains("limit") && text.chars().any(|c| c.is_ascii_digit()),
                            "{name}: the limit named with its value: {text}"
                        );
                    }
                }
                other => panic!("{name} must be refused, got {other:?}"),
            }
        }
        std::fs::remove_file(path).expect("remove");
    }
    assert_eq!(dump(&store), before, "the database content is unchanged");
}
