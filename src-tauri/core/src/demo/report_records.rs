//! The records of the annual report's parts 2–5 in both demo portfolios (docs/annual-report.md
//! "Records of the form's parts 2–5"): funding levels, a project register, the institution's
//! platforms and some people's outside work — made through the records' own functions and drawn
//! from no random stream, so that every other figure of a seed stays as it was.

use crate::error::Result;
use crate::model::{FundingLevel, OutsideWorkKind, PlatformKind, PlatformMode};
use crate::money::Money;
use crate::people::outside_work::{self, OutsideWork};
use crate::people::platform::{self, Platform};
use crate::portfolio::project::{self, Project};
use crate::store::audit::{Action, Journal};
use crate::store::{Actor, Store};
use chrono::{Datelike, NaiveDate};
use rusqlite::params;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// Adds the records, dated around `actor`'s day.
pub(super) fn add(store: &mut Store, actor: &Actor) -> Result<()> {
    let year = actor.at.date().year();
    // Funding levels of the granted achievements, by row id. One audited write for all of them,
    // as an import would be.
    {
        let tx = store.write()?;
        let n = tx.execute(
            "UPDATE achievement SET funding_level = CASE id % 5 WHEN 0 THEN 'national' WHEN 1 THEN 'provincial'
               WHEN 2 THEN 'enterprise' ELSE 'own' END WHERE granted_on IS NOT NULL",
            [],
        )?;
        Journal::start(&tx, actor)?.record(
            &tx,
            Action::Update,
            "achievement",
            "demo",
            None,
            Some(&serde_json::json!({ "funding_level": "demo", "achievements": n })),
        )?;
        tx.commit()?;
    }

    let platforms = [
        ("先进制造研究院", PlatformKind::RdInstitution, None, day(2016, 9, 1), None),
        ("校企联合实验室", PlatformKind::RdInstitution, Some("川能科技有限公司"), day(year - 1, 4, 20), None),
        ("技术转移中心", PlatformKind::TransferInstitution, None, day(2015, 3, 1), None),
        ("中试熟化平台", PlatformKind::ServicePlatform, Some("成都高新区管委会"), day(year - 2, 11, 1), None),
        ("老分析测试中心", PlatformKind::ServicePlatform, None, day(2008, 5, 1), Some(day(year - 1, 6, 30))),
    ];
    for (name, kind, partner, founded_on, closed_on) in platforms {
        let mode = if partner.is_some() { PlatformMode::Joint } else { PlatformMode::Own };
        let p = Platform { id: 0, name: name.into(), kind, mode, partner: partner.map(str::to_string), founded_on, closed_on, version: 0 };
        platform::create(store, actor, &p)?;
    }

    // Researchers by employee ID: every 9th part-time, every 25th on leave to found a company.
    let people: Vec<String> = store
        .conn()
        .prepare("SELECT employee_id FROM person WHERE category = 'researcher' AND merged_into IS NULL ORDER BY employee_id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for (i, employee_id) in people.iter().enumerate().take(400) {
        let (kind, company, from_on, to_on) = match i {
            _ if i % 25 == 7 => (OutsideWorkKind::LeaveToFound, "智感科技有限公司", day(year - 1, 3, 1), None),
            _ if i % 9 == 4 => (OutsideWorkKind::PartTime, "蜀新科技有限公司", day(year - 2, 9, 1), Some(day(year, 8, 31))),
            _ => continue,
        };
        let w = OutsideWork {
            id: 0,
            employee_id: employee_id.clone(),
            name: String::new(),
            company: company.into(),
            kind,
            from_on,
            to_on,
            version: 0,
        };
        outside_work::create(store, actor, &w)?;
    }

    // A project register: three projects of this year and one of the last, each listing the
    // first achievements granted with its level.
    let projects = [
        ("2024YFB0001", "国家重点研发计划课题", FundingLevel::National, 360_000_000, day(year, 3, 15)),
        ("2025ZDYF0002", "省重点研发计划项目", FundingLevel::Provincial, 80_000_000, day(year, 6, 1)),
        ("HX2025-0003", "企业委托研发项目", FundingLevel::Enterprise, 50_000_000, day(year, 7, 10)),
        ("2023JCYJ0004", "省自然科学基金项目", FundingLevel::Provincial, 20_000_000, day(year - 1, 9, 20)),
    ];
    for (i, (no, title, level, fen, approved_on)) in projects.into_iter().enumerate() {
        let achievements: Vec<String> = store
            .conn()
            .prepare("SELECT achievement_no FROM achievement WHERE funding_level = ?1 ORDER BY achievement_no LIMIT 2 OFFSET ?2")?
            .query_map(params![level, i as i64 * 2], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let p = Project {
            id: 0,
            project_no: no.into(),
            title: title.into(),
            level,
            funding_fen: Money(fen),
            approved_on,
            achievements,
            version: 0,
        };
        project::create(store, actor, &p)?;
    }
    Ok(())
}
