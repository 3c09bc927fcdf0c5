//! The 年费缴纳清单 read back cell by cell. Figures by hand from the fee table (the institution has
//! 费减, so fees in the ten years from the grant year cost 15%), on 2026-11-23 looking 90 days ahead:
//! - F01 invention filed 2019-12-01, granted 2022-03-01, paid through 7: year 8 due 2026-12-01,
//!   2,000.00 → 300.00, due;
//! - F03 invention filed 2018-09-30, granted 2021-01-05, paid through 8: year 9 due 2026-09-30, in
//!   its second month of grace → 300.00 + 5% of 2,000.00 = 100.00;
//! - F04 design filed 2023-01-20, granted 2023-06-01, paid through 4: year 5 due 2027-01-20, 900.00
//!   → 135.00, due;
//! - F02 utility model whose grace ended 2026-08-10: lapsed, not on the list of fees to pay.

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use std::path::Path;
use transferdesk_core::model::Table;
use transferdesk_core::store::institution::{self, Institution};
use transferdesk_core::{import, Actor, Store};
use transferdesk_report::fees;

const PATENTS: &str = "成果编号,成果名称,成果类型,申请号,申请日,授权号,授权日,法律状态,所属单位,财政资助项目,年费已缴至,完成人
F01,一种电池,发明专利,201910900001.4,2019-12-01,,2022-03-01,有效,计算机学院,,7,T001*
F02,一种夹具,实用新型专利,202120900002.1,2021-02-10,,2021-09-01,有效,计算机学院,,5,T001*
F03,一种涂层,发明专利,201810900003.9,2018-09-30,,2021-01-05,有效,材料科学与工程学院,,8,T003*
F04,一种灯具,外观设计专利,202330900004.5,2023-01-20,,2023-06-01,有效,计算机学院,,4,T002*
";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub fn store(dir: &Path) -> Store {
    let actor = Actor { name: "test".into(), at: day(2026, 11, 23).and_hms_opt(9, 0, 0).expect("time") };
    let mut store = Store::in_memory().expect("in-memory store");
    let profile = Institution { name: "测试大学".into(), province: "四川省".into(), fee_reduction: true };
    institution::save(&mut store, &actor, &profile).expect("institution");
    let people = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/good/people.csv");
    import::import(&mut store, &actor, Table::People, &people, false).expect("people");
    let patents = dir.join("patents.csv");
    std::fs::write(&patents, PATENTS).expect("write");
    import::import(&mut store, &actor, Table::Achievements, &patents, false).expect("patents");
    store
}

pub fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

pub fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("a number cell, got {other:?}"),
    }
}

#[test]
fn the_fee_list_reads_back_with_yuan_cells_and_totals() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = store(dir.path());
    let path = dir.path().join("年费缴纳清单.xlsx");
    let rows = fees::write(&store, day(2026, 11, 23), 90, &path).expect("written");
    assert_eq!(rows, 3, "two due, one in grace; the lapsed one is not a fee to pay");

    let mut book: Xlsx<_> = calamine::open_workbook(&path).expect("readable xlsx");
    assert_eq!(book.sheet_names(), [fees::TITLE]);
    let range = book.worksheet_range(fees::TITLE).expect("sheet");
    let cells: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    assert_eq!(text(&cells[0][0]), "年费缴纳清单");
    assert!(text(&cells[1][0]).contains("统计日：2026-11-23"), "says which day the surcharges are for");
    let header: Vec<String> = cells[3].iter().map(text).collect();
    assert_eq!(
        header,
        [
            "序号",
            "成果编号",
            "成果名称",
            "申请号",
            "所属单位",
            "成果类型",
            "专利年度",
            "缴费日",
            "宽限期届满",
            "全额年费（元）",
            "减缴后年费（元）",
            "滞纳金（元）",
            "应缴合计（元）",
            "状态"
        ]
    );
    let line = |r: &Vec<Data>| -> (String, String, String, f64, String, f64, f64, f64, f64, String) {
        (
            text(&r[1]),
            text(&r[3]),
            text(&r[5]),
            number(&r[6]),
            text(&r[7]),
            number(&r[9]),
            number(&r[10]),
            number(&r[11]),
            number(&r[12]),
            text(&r[13]),
        )
    };
    let body: Vec<_> = cells[4..7].iter().map(line).collect();
    let row = |no: &str, app: &str, kind: &str, year: f64, due: &str, full: f64, fee: f64, late: f64, total: f64, status: &str| {
        (no.to_string(), app.to_string(), kind.to_string(), year, due.to_string(), full, fee, late, total, status.to_string())
    };
    assert_eq!(
        body,
        [
            row("F03", "201810900003.9", "发明专利", 9.0, "2026-09-30", 2000.0, 300.0, 100.0, 400.0, "宽限期"),
            row("F01", "201910900001.4", "发明专利", 8.0, "2026-12-01", 2000.0, 300.0, 0.0, 300.0, "待缴"),
            row("F04", "202330900004.5", "外观设计专利", 5.0, "2027-01-20", 900.0, 135.0, 0.0, 135.0, "待缴"),
        ]
    );
    assert_eq!(text(&cells[4][8]), "2027-03-30", "F03's grace ends six months after 2026-09-30");
    let totals = &cells[7];
    assert_eq!(text(&totals[0]), "合计（3 项）");
    assert_eq!([number(&totals[9]), number(&totals[10]), number(&totals[11]), number(&totals[12])], [4900.0, 735.0, 100.0, 835.0]);
}
