//! The evidence bundle of a contract and the pricing columns of the annual project list, on the
//! demo portfolio (whose deals went through decision, publicity and signing by the rules).

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use std::process::Command;
use transferdesk_core::deals::contract::view;
use transferdesk_core::{deals::publicity, demo, portfolio::attachment, Actor, Store};

fn actor() -> Actor {
    Actor { name: "test".into(), at: NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("time") }
}

fn demo_store(dir: &tempfile::TempDir) -> Store {
    let path = dir.path().join("demo.db");
    demo::create(&path, demo::Scale::Small, 1, &actor()).expect("demo");
    Store::open(&path).expect("open")
}

#[test]
fn the_evidence_bundle_shows_decision_publicity_objection_and_files() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = demo_store(&dir);
    // A signed deal whose publicity drew an objection that was rejected.
    let p = publicity::list(store.conn(), &publicity::PublicityQuery { page: 1, page_size: 200, ..Default::default() }, actor().at.date())
        .expect("publicities")
        .rows
        .into_iter()
        .map(|row| row.publicity)
        .find(|p| p.contract_no.is_some() && !p.objections.is_empty())
        .expect("the demo has an objected, signed deal");
    let no = p.contract_no.clone().expect("signed");
    let id = view::find(store.conn(), &no).expect("contract");
    let minutes = dir.path().join("领导小组会议纪要.pdf");
    std::fs::write(&minutes, b"%PDF-1.4 minutes of the meeting").expect("write");
    let kept = attachment::add(&mut store, &actor(), "contract", id, &minutes).expect("attach");

    let pdf = dir.path().join("evidence.pdf");
    transferdesk_report::evidence::write(&store, id, actor().at.date(), &pdf).expect("written");
    let out = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext (poppler-utils) runs");
    let text: String = String::from_utf8_lossy(&out.stdout).split_whitespace().collect();
    let posted = format!(
        "{}年{}月{}日",
        chrono::Datelike::year(&p.posted_on),
        chrono::Datelike::month(&p.posted_on),
        chrono::Datelike::day(&p.posted_on)
    );
    for expected in [
        "科技成果转化尽职免责证据材料".to_string(),
        no.clone(),
        "科技成果转化工作领导小组".to_string(),
        format!("{posted}发布，公示{}日", p.days),
        "认为定价偏低".into(),
        "异议不成立".into(),
        "领导小组会议纪要.pdf".into(),
        kept.sha256[..32].to_string(),
    ] {
        assert!(text.contains(&expected), "the bundle shows {expected:?}: {text}");
    }
}

#[test]
fn the_project_list_says_how_each_price_was_set() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = demo_store(&dir);
    // An appraisal of HT2025-009's achievement (a contract of 2025 in the demo).
    let achievement: i64 = store
        .conn()
        .query_row(
            "SELECT ca.achievement_id FROM contract_achievement ca JOIN contract c ON c.id = ca.contract_id WHERE c.contract_no = 'HT2025-009' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("achievement");
    let appraisal = transferdesk_core::deals::valuation::Valuation {
        id: None,
        version: 0,
        achievement_id: Some(achievement),
        contract_id: None,
        kind: transferdesk_core::model::ValuationKind::Appraisal,
        appraiser: "四川天元资产评估有限公司".into(),
        report_no: Some("川天元评报字〔2025〕第018号".into()),
        base_on: NaiveDate::from_ymd_opt(2025, 1, 31).expect("day"),
        methods: vec![transferdesk_core::model::ValuationMethod::Income, transferdesk_core::model::ValuationMethod::Market],
        value_fen: Some(transferdesk_core::Money(180_000_000)),
        low_fen: None,
        high_fen: None,
        valid_until: None,
        filing_no: None,
        filed_on: None,
    };
    transferdesk_core::deals::valuation::save(&mut store, &actor(), &appraisal).expect("appraisal saved");
    let files = transferdesk_report::annual::write(&store, 2025, dir.path()).expect("report");
    let mut book: Xlsx<_> = calamine::open_workbook(&files.xlsx).expect("open");
    let sheet = book.worksheet_range("转化项目清单").expect("sheet");
    let header: Vec<String> = sheet.rows().nth(4).expect("header row").iter().map(|c| c.to_string()).collect();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("column {name}: {header:?}"));
    let (no, pricing, period) = (at("合同编号"), at("定价方式"), at("公示期"));
    let conn = store.conn();
    let mut checked = 0;
    for row in sheet.rows().skip(5) {
        let Some(Data::String(contract)) = row.get(no) else { continue };
        let (stored, posted): (Option<String>, Option<String>) = conn
            .query_row(
                "SELECT c.pricing, p.posted_on FROM contract c LEFT JOIN publicity p ON p.id = c.publicity_id WHERE c.contract_no = ?1",
                [contract],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("contract");
        let label = match stored.as_deref() {
            Some("agreement") => "协议定价",
            Some("listing") => "挂牌交易",
            Some("auction") => "拍卖",
            _ => "未记录",
        };
        assert_eq!(row[pricing].to_string(), label, "{contract}");
        assert!(row[period].to_string().starts_with(posted.as_deref().unwrap_or("—")), "{contract}: {}", row[period]);
        checked += 1;
    }
    assert!(checked >= 5, "the 2025 list has the demo's deals: {checked}");
    let appraised = sheet.rows().find(|r| r.get(no).map(|c| c.to_string()) == Some("HT2025-009".into())).expect("HT2025-009 listed");
    assert_eq!(appraised[at("资产评估")].to_string(), "四川天元资产评估有限公司（基准日 2025-01-31）1,800,000.00 元");
}
