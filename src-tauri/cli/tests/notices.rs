//! `notices import` and `deadlines` as docs/cli.md specifies them, on two patents written here and
//! notices made as CNIPA's PDFs are (tests/support/notice_pdf.rs). Today is 2026-11-23.
//! - P1 invention pending: 第一次审查意见通知书 issued 2026-09-01, "4个月". Electronic: 09-01 + 4
//!   months = 2027-01-01 (New Year's Day; 2027 has no arrangement in the shipped calendar, so only
//!   weekends move it: a Friday, it stays). By post (--paper): received 09-16 → 2027-01-16, a
//!   Saturday → Monday 01-18.
//! - P2 invention pending, filed 2023-11-30: its examination request is due 2026-11-30 (Monday),
//!   7 days on.

use crate::common::{cli, fixture};
use std::io::Write;
use std::path::{Path, PathBuf};

#[path = "../../../tests/support/notice_pdf.rs"]
mod notice_pdf;

fn no(body: &str) -> String {
    // The check digit by CNIPA's algorithm (docs/rules/identifiers.md): weights 2…9, 2…5 over the
    // 12 digits, sum mod 11, 10 → X.
    const W: [u32; 12] = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
    let sum: u32 = body.chars().zip(W).map(|(c, w)| c.to_digit(10).expect("digit") * w).sum();
    let check = match sum % 11 {
        10 => 'X',
        n => char::from_digit(n, 10).expect("digit"),
    };
    format!("{body}.{check}")
}

fn db(dir: &Path) -> PathBuf {
    let db = dir.join("n.db");
    assert_eq!(cli(&db, &["init", "--institution", "测试大学", "--province", "四川省", "--fee-reduction", "yes"]).status, 0);
    assert_eq!(cli(&db, &["import", "people", &fixture("good/people.csv")]).status, 0);
    let csv = dir.join("p.csv");
    std::fs::write(
        &csv,
        format!(
            "成果编号,成果名称,成果类型,申请号,申请日,授权号,授权日,法律状态,所属单位,财政资助项目,年费已缴至,完成人
P1,一种储能材料,发明专利,{},2024-03-15,,,申请中,计算机学院,,,T001*
P2,一种传感阵列,发明专利,{},2023-11-30,,,申请中,计算机学院,,,T002*
",
            no("202410555501"),
            no("202310555502")
        ),
    )
    .expect("csv");
    let run = cli(&db, &["import", "achievements", csv.to_str().expect("utf-8")]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    db
}

fn notices_zip(dir: &Path) -> PathBuf {
    let path = dir.join("通知书.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("zip"));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("P1-审查意见.pdf", options).expect("entry");
    let pdf = notice_pdf::notice(
        "第一次审查意见通知书",
        &no("202410555501"),
        "2026年09月01日",
        "申请人应当在收到本通知书之日起的4个月内陈述意见。",
    );
    zip.write_all(&pdf).expect("write");
    zip.start_file("../outside.pdf", options).expect("entry");
    zip.write_all(b"%PDF-1.4").expect("write");
    zip.finish().expect("finish");
    path
}

#[test]
fn notices_import_proposes_then_records_with_confirm() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = db(dir.path());
    let zip = notices_zip(dir.path());
    let zip = zip.to_str().expect("utf-8");

    let dry = cli(&db, &["--json", "notices", "import", zip]);
    assert_eq!(dry.status, 0, "{}", dry.stderr);
    let doc = dry.json();
    assert_eq!(doc["proposals"][0]["patent"]["achievement_no"], "P1");
    assert_eq!(doc["proposals"][0]["deadline"]["due_on"], "2027-01-01");
    assert_eq!(doc["skipped"][0]["code"], "unsafe_path");
    assert!(doc.get("recorded").is_none(), "nothing recorded without --confirm");
    let listed = cli(&db, &["--json", "deadlines", "--kind", "office_action"]).json();
    assert_eq!(listed["deadlines"].as_array().map(Vec::len), Some(0));

    let run = cli(&db, &["--json", "notices", "import", zip, "--confirm", "--paper"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.json()["recorded"][0]["deadline"], serde_json::json!(["office_action", "2027-01-18"]));

    let listed = cli(&db, &["--json", "deadlines", "--within", "60"]).json();
    let rows: Vec<(String, String, String, i64)> = listed["deadlines"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|d| {
            (
                d["achievement_no"].as_str().unwrap_or_default().into(),
                d["kind"].as_str().unwrap_or_default().into(),
                d["due_on"].as_str().unwrap_or_default().into(),
                d["days_left"].as_i64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("P2".into(), "examination_request".into(), "2026-11-30".into(), 7),
            ("P1".into(), "office_action".into(), "2027-01-18".into(), 56)
        ]
    );

    let again = cli(&db, &["--json", "notices", "import", zip, "--confirm"]);
    assert_eq!(again.status, 0, "{}", again.stderr);
    let codes: Vec<String> =
        again.json()["skipped"].as_array().expect("skipped").iter().map(|s| s["code"].as_str().unwrap_or_default().to_string()).collect();
    assert_eq!(codes, ["unsafe_path", "already_recorded"]);
    assert!(again.json().get("recorded").is_none(), "nothing left to record");

    let xlsx = dir.path().join("期限.xlsx");
    let exported = cli(&db, &["--json", "deadlines", "--export", xlsx.to_str().expect("utf-8")]);
    assert_eq!(exported.status, 0, "{}", exported.stderr);
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("xlsx");
    let sheet = book.worksheet_range_at(0).expect("sheet").expect("range");
    // 序号 first, as every list has it; then the columns of docs/cli.md's list.
    let cell = |r: u32, c: u32| sheet.get_value((r, c)).map(|v| v.to_string()).unwrap_or_default();
    assert_eq!((cell(3, 0), cell(3, 1), cell(3, 6), cell(3, 7)), ("序号".into(), "成果编号".into(), "事项".into(), "期限届满日".into()));
    // Nothing filters the export: the two rows above, P1's own examination request (filed
    // 2024-03-15 → 2027-03-15) and both patents' ends of term; P2's request first.
    assert_eq!((cell(4, 1), cell(4, 6)), ("P2".into(), "提出实质审查请求".into()));
    assert_eq!(exported.json()["deadlines"].as_array().map(Vec::len), Some(5));
}
