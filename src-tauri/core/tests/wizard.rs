//! The import wizard: an office's own workbook, mapped onto the standard templates.

use crate::common::{actor, fixture, new_store};
use transferdesk_core::import::mapping::{self, Conversion, FieldSource, Mapping};
use transferdesk_core::model::Table;
use transferdesk_core::progress::{cancelled, Progress};
use transferdesk_core::{import, Error, Lang, Store};

fn field(field: &str, column: Option<&str>, conversion: Conversion, fixed: Option<&str>) -> FieldSource {
    FieldSource { field: field.into(), column: column.map(Into::into), conversion, fixed: fixed.map(Into::into) }
}

/// 序号/专利名称/专利号/发明人(贡献比例)/申请日期/类型 onto the achievements template; the sheet
/// has no status or department column, so they are fixed.
fn patents_mapping() -> Mapping {
    Mapping {
        table: Table::Achievements,
        fields: vec![
            field("achievement_no", Some("专利号"), Conversion::None, None),
            field("title", Some("专利名称"), Conversion::None, None),
            field("kind", Some("类型"), Conversion::Choice, None),
            field("application_no", Some("专利号"), Conversion::None, None),
            field("filed_on", Some("申请日期"), Conversion::Date, None),
            field("status", None, Conversion::None, Some("申请中")),
            field("department", None, Conversion::None, Some("计算机学院")),
            field("inventors", Some("发明人(贡献比例)"), Conversion::Names, None),
        ],
    }
}

fn with_people(dir: &tempfile::TempDir) -> Store {
    let mut store = new_store(dir);
    import::import(&mut store, &actor(), Table::People, &fixture("good/people.csv"), false).expect("people");
    store
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).expect(sql)
}

#[test]
fn the_second_sheet_is_read_below_its_title() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = with_people(&dir);
    let sheet = mapping::open(store.conn(), &fixture("own/patents.xlsx"), Some("专利清单"), Table::Achievements, 2).expect("opens");
    assert_eq!(sheet.sheets, vec!["说明".to_string(), "专利清单".to_string()]);
    assert_eq!(sheet.header_row, 2, "the merged title in row 1 is not the header");
    assert_eq!(sheet.headers, vec!["序号", "专利名称", "专利号", "发明人(贡献比例)", "申请日期", "类型"]);
    assert_eq!(sheet.rows, 4);
    assert_eq!(sheet.sample[0][1], "基于联邦学习的医疗影像分割方法");
    assert!(sheet.saved.is_none());
    let first = mapping::open(store.conn(), &fixture("own/patents.xlsx"), None, Table::Achievements, 2).expect("opens");
    assert_eq!(first.sheet, "专利清单", "the notes sheet before it has no header row");
}

#[test]
fn an_office_workbook_imports_with_names_shares_and_chinese_dates() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = with_people(&dir);
    let path = fixture("own/patents.xlsx");
    let preview = mapping::preview(&mut store, &actor(), &path, Some("专利清单"), &patents_mapping(), 10, Lang::Zh).expect("preview");
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    assert_eq!(preview.rows, 4);
    let inventors = preview.fields.iter().position(|f| f == "inventors").expect("field");
    assert_eq!(preview.lines[0].values[inventors], "T001:60; T002:40");
    assert_eq!(count(&store, "SELECT count(*) FROM achievement"), 0, "a preview writes nothing");

    let mut seen = Vec::new();
    let summary = mapping::import(&mut store, &actor(), &path, Some("专利清单"), &patents_mapping(), &mut |p: Progress| {
        seen.push(p.step);
        Ok(())
    })
    .expect("imports");
    assert_eq!(summary.inserted, 4);
    assert_eq!(seen.first().map(String::as_str), Some("read"));
    assert!(seen.iter().any(|s| s == "convert") && seen.iter().any(|s| s == "write"), "{seen:?}");
    // Dates by hand: 2024年3月5日, 2024.5.10, a date cell 2023-09-18, Excel day 45474 = 2024-07-01.
    let filed: Vec<String> = store
        .conn()
        .prepare("SELECT filed_on FROM achievement ORDER BY application_no")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("dates");
    // By application number: 202310…, 202410…, 202420…, 202430….
    assert_eq!(filed, vec!["2023-09-18", "2024-03-05", "2024-05-10", "2024-07-01"]);
    let shares: Vec<(String, i64, bool)> = store
        .conn()
        .prepare(
            "SELECT p.employee_id, i.share_bp, i.key_contributor FROM inventor i JOIN person p ON p.id = i.person_id
             JOIN achievement a ON a.id = i.achievement_id WHERE a.application_no = '202310345678.2' ORDER BY p.employee_id",
        )
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect())
        .expect("shares");
    assert_eq!(shares, vec![("T001".into(), 5000, true), ("T003".into(), 5000, false)]);
    assert_eq!(count(&store, "SELECT count(*) FROM achievement WHERE kind = 'design_patent'"), 1, "外观 → 外观设计专利");
}

#[test]
fn problems_point_at_the_source_cells_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = with_people(&dir);
    let path = fixture("own/patents_bad.xlsx");
    let preview = mapping::preview(&mut store, &actor(), &path, Some("专利清单"), &patents_mapping(), 10, Lang::Zh).expect("preview");
    let found: Vec<(Option<&str>, &str, &str, &str)> =
        preview.problems.iter().map(|p| (p.cell.as_deref(), p.column.as_str(), p.field.as_str(), p.code.as_str())).collect();
    assert_eq!(
        found,
        vec![
            (Some("D3"), "发明人(贡献比例)", "inventors", "unknown_name"),
            (Some("E4"), "申请日期", "filed_on", "bad_date"),
            (Some("D5"), "发明人(贡献比例)", "inventors", "shares_missing"),
        ]
    );
    assert_eq!(preview.problems[0].value, "周八");
    let err = mapping::import(&mut store, &actor(), &path, Some("专利清单"), &patents_mapping(), &mut |_| Ok(())).expect_err("refused");
    assert!(matches!(&err, Error::Invalid(p) if p.len() == 3), "{err:?}");
    assert_eq!(count(&store, "SELECT count(*) FROM achievement"), 0);
}

#[test]
fn a_mapping_without_a_required_field_is_refused_by_field() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = with_people(&dir);
    let mut m = patents_mapping();
    m.fields.retain(|f| f.field != "department");
    let err =
        mapping::preview(&mut store, &actor(), &fixture("own/patents.xlsx"), Some("专利清单"), &m, 10, Lang::Zh).expect_err("refused");
    let Error::Invalid(problems) = err else { panic!("invalid expected") };
    assert_eq!(problems.len(), 1);
    assert_eq!((problems[0].column.as_str(), problems[0].kind.code()), ("所属单位", "missing_column"));
}

#[test]
fn a_cancel_at_the_last_step_leaves_nothing_written() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = with_people(&dir);
    let audit_before = count(&store, "SELECT count(*) FROM audit_log");
    let err = mapping::import(
        &mut store,
        &actor(),
        &fixture("own/patents.xlsx"),
        Some("专利清单"),
        &patents_mapping(),
        &mut |p: Progress| {
            if p.step == "write" && p.done == p.total {
                Err(cancelled())
            } else {
                Ok(())
            }
        },
    )
    .expect_err("cancelled");
    assert_eq!(err.code(), "cancelled");
    assert_eq!(count(&store, "SELECT count(*) FROM achievement"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM audit_log"), audit_before, "the audit entries rolled back too");
}

#[test]
fn the_standard_import_reports_its_steps_and_can_be_cancelled() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = new_store(&dir);
    let mut steps = Vec::new();
    import::import_with_steps(&mut store, &actor(), Table::People, &fixture("good/people.csv"), true, &mut |p: Progress| {
        steps.push((p.step, p.done, p.total));
        Ok(())
    })
    .expect("dry run");
    // 5 people: read, the check of both passes from row 0, the first write batch, the last step.
    assert_eq!(
        steps,
        vec![("read".into(), 0, 0), ("check".into(), 0, 5), ("check".into(), 0, 5), ("write".into(), 0, 5), ("write".into(), 5, 5)]
    );
    let err = import::import_with_steps(&mut store, &actor(), Table::People, &fixture("good/people.csv"), false, &mut |p: Progress| {
        if p.step == "write" {
            Err(cancelled())
        } else {
            Ok(())
        }
    })
    .expect_err("cancelled");
    assert_eq!(err.code(), "cancelled");
    assert_eq!(count(&store, "SELECT count(*) FROM person"), 0);
}

#[test]
fn a_gbk_csv_in_wan_yuan_imports_exactly() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = new_store(&dir);
    import::import(&mut store, &actor(), Table::Organizations, &fixture("good/organizations.csv"), false).expect("organizations");
    let m = Mapping {
        table: Table::Contracts,
        fields: vec![
            field("contract_no", Some("合同号"), Conversion::None, None),
            field("title", Some("项目名称"), Conversion::None, None),
            field("kind", Some("合同类型"), Conversion::Choice, None),
            field("counterparty", Some("甲方"), Conversion::None, None),
            field("amount", Some("合同额(万元)"), Conversion::WanYuan, None),
            field("signed_on", Some("签约日期"), Conversion::Date, None),
        ],
    };
    let summary = mapping::import(&mut store, &actor(), &fixture("own/contracts_gbk.csv"), None, &m, &mut |_| Ok(())).expect("imports");
    assert_eq!(summary.inserted, 2);
    let rows: Vec<(String, String, i64, String)> = store
        .conn()
        .prepare("SELECT contract_no, kind, amount_fen, signed_on FROM contract ORDER BY contract_no")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect())
        .expect("contracts");
    // 12.5 万元 = 125,000 yuan = 12,500,000 fen; 0.8万元 = 8,000 yuan = 800,000 fen.
    assert_eq!(
        rows,
        vec![
            ("KF2025-01".into(), "development".into(), 12_500_000, "2025-03-05".into()),
            ("KF2025-02".into(), "service".into(), 800_000, "2025-06-01".into()),
        ]
    );
}

#[test]
fn a_saved_mapping_is_found_again_by_its_headers() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = with_people(&dir);
    let headers: Vec<String> = ["序号", "专利名称", "专利号", "发明人(贡献比例)", "申请日期", "类型"].map(String::from).to_vec();
    mapping::save(&mut store, &actor(), &headers, &patents_mapping()).expect("saved");
    mapping::save(&mut store, &actor(), &headers, &patents_mapping()).expect("saved again, replacing");
    assert_eq!(mapping::saved(store.conn(), Table::Achievements, &headers).expect("read"), Some(patents_mapping()));
    assert_eq!(mapping::saved(store.conn(), Table::Contracts, &headers).expect("read"), None, "another table");
    assert_eq!(mapping::saved(store.conn(), Table::Achievements, &headers[1..]).expect("read"), None, "other headers");
    assert_eq!(count(&store, "SELECT count(*) FROM import_mapping"), 1);
    assert_eq!(count(&store, "SELECT count(*) FROM audit_log WHERE entity = 'import_mapping' AND action = 'insert'"), 1);
    assert_eq!(count(&store, "SELECT count(*) FROM audit_log WHERE entity = 'import_mapping' AND action = 'update'"), 1);
    let sheet = mapping::open(store.conn(), &fixture("own/patents.xlsx"), Some("专利清单"), Table::Achievements, 1).expect("opens");
    assert_eq!(sheet.saved, Some(patents_mapping()), "offered next time");
}

/// The words offices write for a patent's legal status, and numbers written with CN: each row's
/// expected status is the one the word means (审中 and 实审 are pending, 未缴年费终止 and 视为撤回
/// have lapsed, 主动放弃 is abandoned); the achievement takes the number without its CN.
#[test]
fn office_status_words_and_cn_numbers() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = with_people(&dir);
    let path = dir.path().join("状态.csv");
    std::fs::write(
        &path,
        "专利号,专利名称,类型,申请日,授权日,法律状态,发明人\n\
         CN202410000004.3,一种阀门,发明,2024-01-02,,审中,张三\n\
         CN 202410000005.8,一种泵,发明,2024-01-03,,实审,张三\n\
         ZL202410000006.2,一种管道,发明,2024-01-04,2025-06-10,授权,张三\n\
         CN202410000007.7,一种接头,发明,2024-01-05,2025-03-03,未缴年费终止,张三\n\
         CN202410000008.1,一种法兰,发明,2024-01-06,,视为撤回,张三\n",
    )
    .expect("csv");
    let m = Mapping {
        table: Table::Achievements,
        fields: vec![
            field("achievement_no", Some("专利号"), Conversion::None, None),
            field("title", Some("专利名称"), Conversion::None, None),
            field("kind", Some("类型"), Conversion::Choice, None),
            field("application_no", Some("专利号"), Conversion::None, None),
            field("filed_on", Some("申请日"), Conversion::Date, None),
            field("granted_on", Some("授权日"), Conversion::Date, None),
            field("status", Some("法律状态"), Conversion::Choice, None),
            field("department", None, Conversion::None, Some("计算机学院")),
            field("inventors", Some("发明人"), Conversion::Names, None),
        ],
    };
    let summary = mapping::import(&mut store, &actor(), &path, None, &m, &mut |_| Ok(())).expect("imports");
    assert_eq!(summary.inserted, 5);
    let rows: Vec<(String, String, String)> = store
        .conn()
        .prepare("SELECT achievement_no, application_no, status FROM achievement ORDER BY application_no")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect())
        .expect("rows");
    let want = [
        ("202410000004.3", "pending"),
        ("202410000005.8", "pending"),
        ("202410000006.2", "in_force"),
        ("202410000007.7", "lapsed"),
        ("202410000008.1", "lapsed"),
    ];
    assert_eq!(rows.len(), want.len());
    for ((no, app, status), (n, s)) in rows.iter().zip(want) {
        assert_eq!((no.as_str(), app.as_str(), status.as_str()), (n, n, s));
    }

    // 授权 (in force) without a 授权日: refused at that row's 授权日, nothing written.
    let bad = dir.path().join("无授权日.csv");
    std::fs::write(&bad, "专利号,专利名称,类型,申请日,授权日,法律状态,发明人\nCN202410000001.X,一种电池,发明,2024-01-01,,已授权,张三\n")
        .expect("csv");
    match mapping::import(&mut store, &actor(), &bad, None, &m, &mut |_| Ok(())) {
        Err(Error::Invalid(problems)) => {
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!((problems[0].row, problems[0].kind.code()), (2, "required_for_kind"));
            assert_eq!(problems[0].column, "授权日");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(count(&store, "SELECT count(*) FROM achievement"), 5);
}
