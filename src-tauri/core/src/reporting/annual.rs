//! The indicators of the annual transformation report (docs/annual-report.md "Indicators"), with
//! the report's due date: every figure is one aggregate query over the year, so that the report
//! stays fast on a large portfolio.

use crate::error::Result;
use crate::model::AchievementKind;
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// Contracts signed in the year and the money received in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct Flow {
    /// Contracts signed in the year.
    pub count: i64,
    /// Their contract amounts.
    pub contract_amount_fen: i64,
    /// Receipts dated in the year (contracts of any year).
    pub received_fen: i64,
}

/// Contracts signed in the year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct Deals {
    /// How many.
    pub count: i64,
    /// Their contract amounts.
    pub contract_amount_fen: i64,
}

/// Achievements granted in the year, by kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct Granted {
    /// 发明专利.
    pub invention_patent: i64,
    /// 实用新型专利.
    pub utility_model: i64,
    /// 外观设计专利.
    pub design_patent: i64,
    /// 软件著作权.
    pub software_copyright: i64,
    /// 集成电路布图设计.
    pub ic_layout: i64,
    /// 植物新品种.
    pub plant_variety: i64,
    /// 技术秘密.
    pub know_how: i64,
    /// 其他.
    pub other: i64,
    /// All kinds.
    pub total: i64,
}

/// Achievements granted in the year, by the level of their funding source (成果来源).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct ByFundingLevel {
    /// 国家级.
    pub national: i64,
    /// 省部级.
    pub provincial: i64,
    /// 企业委托.
    pub enterprise: i64,
    /// 自筹.
    pub own: i64,
    /// 其他.
    pub other: i64,
    /// No level recorded.
    pub unrecorded: i64,
}

/// Projects of the register approved in the year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct Projects {
    /// How many.
    pub count: i64,
    /// Their funding.
    pub funding_fen: i64,
}

/// Part 2: achievements obtained.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct Achievements {
    /// Granted in the year, by kind.
    pub granted: Granted,
    /// Of those, from a fiscally funded project.
    pub fiscal_funded: i64,
    /// Granted in the year, by the level of their funding source.
    pub by_funding_level: ByFundingLevel,
    /// Fiscally funded (national and provincial) projects approved in the year (2022 edition on).
    pub fiscal_projects_approved: Projects,
}

/// Transfer, license and equity contracts by the counterparty's ownership.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct ByOwnership {
    /// 国有企业.
    pub state_owned: Deals,
    /// 民营企业.
    pub private: Deals,
    /// 外资企业.
    pub foreign: Deals,
    /// Universities, institutes and others.
    pub other: Deals,
}

/// Transfer, license and equity contracts by the counterparty's region.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct ByRegion {
    /// The institution's province.
    pub in_province: Deals,
    /// Other provinces.
    pub out_of_province: Deals,
    /// 境外.
    pub abroad: Deals,
}

/// Transfer, license and equity contracts by amount: at least 1, 10 and 100 million yuan (the
/// bands include the larger ones).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct Bands {
    /// ≥ 1,000,000 yuan.
    pub over_1m: Deals,
    /// ≥ 10,000,000 yuan.
    pub over_10m: Deals,
    /// ≥ 100,000,000 yuan.
    pub over_100m: Deals,
}

/// Part 3: transformation by transfer, license and equity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct Transformation {
    /// 转让.
    pub transfer: Flow,
    /// 许可.
    pub license: Flow,
    /// 作价投资.
    pub equity: Flow,
    /// The three summed.
    pub total: Flow,
    /// By the counterparty's ownership.
    pub by_ownership: ByOwnership,
    /// Counterparties of medium, small or micro size.
    pub to_sme: Deals,
    /// By the counterparty's region.
    pub by_region: ByRegion,
    /// Contracts of at least 1,000,000 yuan.
    pub over_1m_count: i64,
    /// By the counterparty's province (its region): every province-level region and 境外.
    pub by_province: BTreeMap<String, Deals>,
    /// By the counterparty's industry section (GB/T 4754 letter): every section A–T.
    pub by_industry: BTreeMap<String, Deals>,
    /// Counterparties with no industry section recorded.
    pub industry_unrecorded: Deals,
    /// By contract amount.
    pub bands: Bands,
}

/// Part 4: technical development, consulting and service contracts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct Technical {
    /// 技术开发.
    pub development: Flow,
    /// 技术咨询.
    pub consulting: Flow,
    /// 技术服务.
    pub service: Flow,
    /// The three summed.
    pub total: Flow,
}

/// Part 5: rewards paid in the year (distributions whose payment date is in the year).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct Rewards {
    /// Σ cash allocations (reversals count negative).
    pub cash_fen: i64,
    /// Positive cash lines (人次).
    pub cash_person_times: i64,
    /// Of the cash, to key contributors.
    pub key_contributor_cash_fen: i64,
    /// Of the cash, to leaders of any level.
    pub leader_cash_fen: i64,
    /// Leaders' positive cash lines.
    pub leader_person_times: i64,
    /// Unit principal leaders' positive cash lines.
    pub principal_leader_person_times: i64,
    /// Σ equity units allocated (waived parts stay with the institution).
    pub equity_units: i64,
    /// Positive equity lines.
    pub equity_person_times: i64,
    /// Σ taxable part of the cash (the 58号 half of transfer and license rewards is not taxed).
    pub taxable_fen: i64,
    /// The equity units in yuan at the contract's agreed value (作价金额 / 获得股权), each line
    /// rounded half away from zero.
    pub equity_value_fen: i64,
}

/// Part 5: income.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct Income {
    /// All receipts dated in the year.
    pub received_fen: i64,
    /// Of those, of transfer, license and equity contracts.
    pub transformation_received_fen: i64,
    /// Σ pools of cash distributions paid in the year.
    pub reward_pool_fen: i64,
    /// The institution's part of those distributions by recipient of the policy, by name
    /// (docs/rules/rewards.md "Recipients of the institution's part"); distributions under a
    /// version without recipients are not in it (and the key is absent when none is).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub recipients: Option<Vec<RecipientIncome>>,
}

/// One recipient's part of the net income distributed in the year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct RecipientIncome {
    /// 学院, 学校, 转化办….
    pub name: String,
    /// Σ its lines (reversals count negative).
    pub amount_fen: i64,
}

/// Platforms of one kind open during the year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct Platforms {
    /// 自建.
    pub own: i64,
    /// 共建.
    pub joint: i64,
    /// Both.
    pub total: i64,
}

/// Part 4: the organization.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct Organization {
    /// People recorded as transfer staff (now).
    pub transfer_staff: i64,
    /// Equity contracts signed in the year (companies founded on the results).
    pub companies_created: i64,
    /// 研发机构 open during the year.
    pub rd_institutions: Platforms,
    /// 技术转移机构 open during the year.
    pub transfer_institutions: Platforms,
    /// 服务平台 open during the year.
    pub service_platforms: Platforms,
    /// People with a part-time (兼职) period overlapping the year.
    pub part_time_people: i64,
    /// People with a leave-to-found (离岗创业) period overlapping the year.
    pub leave_to_found_people: i64,
}

/// Every indicator of the report (`report annual --json`), nested by the dots of the key paths
/// in docs/annual-report.md "Indicators".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Indicators {
    /// The report year.
    pub year: i32,
    /// The reporting institution.
    pub institution: String,
    /// Its province.
    pub province: String,
    /// When the report is due (March 31 of the next year unless set otherwise).
    pub due_on: NaiveDate,
    /// Part 2.
    pub achievements: Achievements,
    /// Part 3.
    pub transformation: Transformation,
    /// Part 4.
    pub technical: Technical,
    /// Part 5.
    pub rewards: Rewards,
    /// Part 5.
    pub income: Income,
    /// Part 4.
    pub organization: Organization,
}

/// The default due date: March 31 of the next year.
pub fn default_due_on(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year + 1, 3, 31).unwrap_or_default()
}

/// Restricts a contract (alias `c`) to those with an achievement of the department `?3` (NULL: all).
/// Technical contracts without achievements belong to no department. The report's lists use it
/// too, so that a department's lists explain exactly its figures.
pub const CONTRACT_IN_DEPARTMENT: &str = "(?3 IS NULL OR c.id IN (SELECT ca.contract_id FROM contract_achievement ca
    JOIN achievement a ON a.id = ca.achievement_id JOIN department dep ON dep.id = a.department_id WHERE dep.name = ?3))";

/// Computes every indicator of `year` for the whole institution.
pub fn indicators(store: &Store, year: i32) -> Result<Indicators> {
    indicators_for(store, year, None)
}

/// Computes every indicator of `year`, for the whole institution or one department (学院), whose
/// figures cover its achievements and the contracts that transform them.
pub fn indicators_for(store: &Store, year: i32, department: Option<&str>) -> Result<Indicators> {
    let conn = store.conn();
    let profile = crate::store::institution::load(store)?;
    if let Some(name) = department {
        let known: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM department WHERE name = ?1)", params![name], |r| r.get(0))?;
        if !known {
            return Err(crate::error::Error::NotFound { what: "department", key: name.to_string() });
        }
    }
    let (from, to) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
    let range = params![from, to, department];

    let mut achievements = Achievements::default();
    let mut stmt = conn.prepare_cached(
        "SELECT a.kind, count(*) FROM achievement a WHERE a.granted_on BETWEEN ?1 AND ?2
           AND (?3 IS NULL OR a.department_id = (SELECT id FROM department WHERE name = ?3)) GROUP BY a.kind",
    )?;
    for row in stmt.query_map(range, |r| Ok((r.get::<_, AchievementKind>(0)?, r.get::<_, i64>(1)?)))? {
        let (kind, n) = row?;
        let g = &mut achievements.granted;
        *match kind {
            AchievementKind::InventionPatent => &mut g.invention_patent,
            AchievementKind::UtilityModel => &mut g.utility_model,
            AchievementKind::DesignPatent => &mut g.design_patent,
            AchievementKind::SoftwareCopyright => &mut g.software_copyright,
            AchievementKind::IcLayout => &mut g.ic_layout,
            AchievementKind::PlantVariety => &mut g.plant_variety,
            AchievementKind::KnowHow => &mut g.know_how,
            AchievementKind::Other => &mut g.other,
        } += n;
        g.total += n;
    }
    achievements.fiscal_funded = one(
        conn,
        "SELECT count(*) FROM achievement a WHERE a.granted_on BETWEEN ?1 AND ?2 AND coalesce(trim(a.fiscal_project), '') <> ''
           AND (?3 IS NULL OR a.department_id = (SELECT id FROM department WHERE name = ?3))",
        range,
    )?;

    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(a.funding_level, ''), count(*) FROM achievement a WHERE a.granted_on BETWEEN ?1 AND ?2
           AND (?3 IS NULL OR a.department_id = (SELECT id FROM department WHERE name = ?3)) GROUP BY 1",
    )?;
    for row in stmt.query_map(range, |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (level, n) = row?;
        let f = &mut achievements.by_funding_level;
        *match crate::model::FundingLevel::ALL.iter().find(|l| l.key() == level) {
            Some(crate::model::FundingLevel::National) => &mut f.national,
            Some(crate::model::FundingLevel::Provincial) => &mut f.provincial,
            Some(crate::model::FundingLevel::Enterprise) => &mut f.enterprise,
            Some(crate::model::FundingLevel::Own) => &mut f.own,
            Some(crate::model::FundingLevel::Other) => &mut f.other,
            None => &mut f.unrecorded,
        } += n;
    }
    achievements.fiscal_projects_approved = conn
        .prepare_cached(&format!("SELECT count(*), coalesce(sum(pr.funding_fen), 0) FROM project pr WHERE {FISCAL_PROJECT_IN_YEAR}"))?
        .query_row(range, |r| Ok(Projects { count: r.get(0)?, funding_fen: r.get(1)? }))?;

    let flows = flows(conn, &from, &to, department)?;
    let flow = |kind: &str| flows.iter().find(|(k, _)| k == kind).map(|(_, f)| *f).unwrap_or_default();
    let sum = |kinds: [&str; 3]| {
        kinds.iter().map(|k| flow(k)).fold(Flow::default(), |a, b| Flow {
            count: a.count + b.count,
            contract_amount_fen: a.contract_amount_fen + b.contract_amount_fen,
            received_fen: a.received_fen + b.received_fen,
        })
    };
    const TRANSFORMATION: [&str; 3] = ["transfer", "license", "equity"];
    let mut transformation = Transformation {
        transfer: flow("transfer"),
        license: flow("license"),
        equity: flow("equity"),
        total: sum(TRANSFORMATION),
        ..Transformation::default()
    };
    let t = &mut transformation;
    for province in crate::model::PROVINCES.iter().chain([&crate::model::ABROAD]) {
        t.by_province.insert(province.to_string(), Deals::default());
    }
    for (letter, _) in crate::model::INDUSTRY_SECTIONS {
        t.by_industry.insert(letter.to_string(), Deals::default());
    }
    // Each signed transformation contract once, with its counterparty's ownership, size, region
    // (province) and industry section.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT o.ownership, coalesce(o.size, ''), CASE WHEN o.region = ?4 THEN 'in' WHEN o.region = ?5 THEN 'abroad' ELSE 'out' END,
           count(*), coalesce(sum(c.amount_fen), 0), coalesce(sum(c.amount_fen >= 100000000), 0), o.region, coalesce(o.industry, '')
         FROM contract c JOIN organization o ON o.id = c.organization_id
         WHERE c.signed_on BETWEEN ?1 AND ?2 AND c.kind IN ('transfer', 'license', 'equity') AND {CONTRACT_IN_DEPARTMENT}
         GROUP BY 1, 2, 3, 7, 8"
    ))?;
    let rows = stmt.query_map(params![from, to, department, profile.province, crate::model::ABROAD], |r| {
        Ok((
            (r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?),
            r.get::<_, i64>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, i64>(5)?,
            (r.get::<_, String>(6)?, r.get::<_, String>(7)?),
        ))
    })?;
    for row in rows {
        let ((ownership, size, region), count, amount, over_1m, (province, industry)) = row?;
        let add = |d: &mut Deals| {
            d.count += count;
            d.contract_amount_fen += amount;
        };
        add(match ownership.as_str() {
            "state_owned" => &mut t.by_ownership.state_owned,
            "private" => &mut t.by_ownership.private,
            "foreign" => &mut t.by_ownership.foreign,
            _ => &mut t.by_ownership.other,
        });
        if matches!(size.as_str(), "medium" | "small" | "micro") {
            add(&mut t.to_sme);
        }
        add(match region.as_str() {
            "in" => &mut t.by_region.in_province,
            "abroad" => &mut t.by_region.abroad,
            _ => &mut t.by_region.out_of_province,
        });
        t.over_1m_count += over_1m;
        add(t.by_province.entry(province).or_default());
        add(match t.by_industry.get_mut(&industry) {
            Some(d) => d,
            None => &mut t.industry_unrecorded,
        });
    }
    // The amount bands: 1, 10 and 100 million yuan are 10^8, 10^9 and 10^10 fen.
    t.bands = conn
        .prepare_cached(&format!(
            "SELECT coalesce(sum(c.amount_fen >= 100000000), 0), coalesce(sum(CASE WHEN c.amount_fen >= 100000000 THEN c.amount_fen END), 0),
               coalesce(sum(c.amount_fen >= 1000000000), 0), coalesce(sum(CASE WHEN c.amount_fen >= 1000000000 THEN c.amount_fen END), 0),
               coalesce(sum(c.amount_fen >= 10000000000), 0), coalesce(sum(CASE WHEN c.amount_fen >= 10000000000 THEN c.amount_fen END), 0)
             FROM contract c WHERE c.signed_on BETWEEN ?1 AND ?2 AND c.kind IN ('transfer', 'license', 'equity') AND {CONTRACT_IN_DEPARTMENT}"
        ))?
        .query_row(range, |r| {
            let deals = |i: usize| -> rusqlite::Result<Deals> { Ok(Deals { count: r.get(i)?, contract_amount_fen: r.get(i + 1)? }) };
            Ok(Bands { over_1m: deals(0)?, over_10m: deals(2)?, over_100m: deals(4)? })
        })?;

    let technical = Technical {
        development: flow("development"),
        consulting: flow("consulting"),
        service: flow("service"),
        total: sum(["development", "consulting", "service"]),
    };

    let rewards = conn
        .prepare_cached(&format!(
            "SELECT coalesce(sum(l.amount_fen), 0),
           count(CASE WHEN l.amount_fen > 0 THEN 1 END),
           coalesce(sum(CASE WHEN l.key_contributor = 1 THEN l.amount_fen END), 0),
           coalesce(sum(CASE WHEN l.leader_level <> 'none' THEN l.amount_fen END), 0),
           count(CASE WHEN l.leader_level <> 'none' AND l.amount_fen > 0 THEN 1 END),
           count(CASE WHEN l.leader_level = 'unit_principal' AND l.amount_fen > 0 THEN 1 END),
           coalesce(sum(CASE WHEN l.waived = 0 THEN l.units END), 0),
           count(CASE WHEN l.waived = 0 AND l.units > 0 THEN 1 END),
           coalesce(sum(l.taxable_fen), 0)
         FROM distribution_line l JOIN distribution d ON d.id = l.distribution_id JOIN contract c ON c.id = d.contract_id
         WHERE d.state = 'paid' AND d.paid_on BETWEEN ?1 AND ?2 AND {CONTRACT_IN_DEPARTMENT}"
        ))?
        .query_row(range, |r| {
            Ok(Rewards {
                cash_fen: r.get(0)?,
                cash_person_times: r.get(1)?,
                key_contributor_cash_fen: r.get(2)?,
                leader_cash_fen: r.get(3)?,
                leader_person_times: r.get(4)?,
                principal_leader_person_times: r.get(5)?,
                equity_units: r.get(6)?,
                equity_person_times: r.get(7)?,
                taxable_fen: r.get(8)?,
                equity_value_fen: 0,
            })
        })?;
    let mut rewards = rewards;
    // Each equity line at its contract's agreed value per unit of registered capital.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.units, c.amount_fen, c.equity_units_fen
         FROM distribution_line l JOIN distribution d ON d.id = l.distribution_id JOIN contract c ON c.id = d.contract_id
         WHERE d.state = 'paid' AND d.paid_on BETWEEN ?1 AND ?2 AND l.waived = 0 AND l.units IS NOT NULL AND c.equity_units_fen > 0
           AND {CONTRACT_IN_DEPARTMENT}"
    ))?;
    for row in stmt.query_map(range, |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))? {
        let (units, amount, capital) = row?;
        rewards.equity_value_fen += equity_value_fen(units, amount, capital);
    }

    let recipients = conn
        .prepare_cached(&format!(
            "SELECT x.name, sum(x.amount_fen) FROM distribution_recipient x JOIN distribution d ON d.id = x.distribution_id
               JOIN contract c ON c.id = d.contract_id
             WHERE d.state = 'paid' AND d.paid_on BETWEEN ?1 AND ?2 AND {CONTRACT_IN_DEPARTMENT}
             GROUP BY x.name ORDER BY min(x.position), x.name"
        ))?
        .query_map(range, |r| Ok(RecipientIncome { name: r.get(0)?, amount_fen: r.get(1)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let income = Income {
        recipients: (!recipients.is_empty()).then_some(recipients),
        received_fen: one(
            conn,
            &format!(
                "SELECT coalesce(sum(r.amount_fen), 0) FROM receipt r JOIN contract c ON c.id = r.contract_id
                 WHERE r.received_on BETWEEN ?1 AND ?2 AND {CONTRACT_IN_DEPARTMENT}"
            ),
            range,
        )?,
        transformation_received_fen: transformation.total.received_fen,
        reward_pool_fen: one(
            conn,
            &format!(
                "SELECT coalesce(sum(d.pool_fen), 0) FROM distribution d JOIN contract c ON c.id = d.contract_id
                 WHERE d.state = 'paid' AND d.paid_on BETWEEN ?1 AND ?2 AND {CONTRACT_IN_DEPARTMENT}"
            ),
            range,
        )?,
    };
    let mut organization = Organization {
        transfer_staff: one(
            conn,
            "SELECT count(*) FROM person p WHERE p.category = 'transfer_staff'
               AND (?1 IS NULL OR p.department_id = (SELECT id FROM department WHERE name = ?1))",
            params![department],
        )?,
        companies_created: transformation.equity.count,
        ..Organization::default()
    };
    // The institution's platforms open on some day of the year; a department has none of its own.
    let mut stmt = conn.prepare_cached(
        "SELECT kind, mode, count(*) FROM platform WHERE ?3 IS NULL AND founded_on <= ?2 AND (closed_on IS NULL OR closed_on >= ?1)
         GROUP BY kind, mode",
    )?;
    for row in stmt.query_map(range, |r| {
        Ok((r.get::<_, crate::model::PlatformKind>(0)?, r.get::<_, crate::model::PlatformMode>(1)?, r.get::<_, i64>(2)?))
    })? {
        let (kind, mode, n) = row?;
        let p = match kind {
            crate::model::PlatformKind::RdInstitution => &mut organization.rd_institutions,
            crate::model::PlatformKind::TransferInstitution => &mut organization.transfer_institutions,
            crate::model::PlatformKind::ServicePlatform => &mut organization.service_platforms,
        };
        *match mode {
            crate::model::PlatformMode::Own => &mut p.own,
            crate::model::PlatformMode::Joint => &mut p.joint,
        } += n;
        p.total += n;
    }
    // People with a period overlapping the year, each once (a merged duplicate as the person kept).
    let mut stmt = conn.prepare_cached(
        "SELECT w.kind, count(DISTINCT coalesce(p.merged_into, p.id)) FROM outside_work w JOIN person p ON p.id = w.person_id
         WHERE w.from_on <= ?2 AND (w.to_on IS NULL OR w.to_on >= ?1)
           AND (?3 IS NULL OR p.department_id = (SELECT id FROM department WHERE name = ?3)) GROUP BY w.kind",
    )?;
    for row in stmt.query_map(range, |r| Ok((r.get::<_, crate::model::OutsideWorkKind>(0)?, r.get::<_, i64>(1)?)))? {
        match row? {
            (crate::model::OutsideWorkKind::PartTime, n) => organization.part_time_people = n,
            (crate::model::OutsideWorkKind::LeaveToFound, n) => organization.leave_to_found_people = n,
        }
    }
    Ok(Indicators {
        year,
        institution: profile.name,
        province: profile.province,
        due_on: due_on(conn, year)?,
        achievements,
        transformation,
        technical,
        rewards,
        income,
        organization,
    })
}

/// Count, amount and money received by contract kind: signed in the year, and received in it.
fn flows(conn: &Connection, from: &str, to: &str, department: Option<&str>) -> Result<Vec<(String, Flow)>> {
    let mut out: Vec<(String, Flow)> = Vec::new();
    let mut signed = conn.prepare_cached(&format!(
        "SELECT c.kind, count(*), coalesce(sum(c.amount_fen), 0) FROM contract c WHERE c.signed_on BETWEEN ?1 AND ?2
           AND {CONTRACT_IN_DEPARTMENT} GROUP BY c.kind"
    ))?;
    for row in
        signed.query_map(params![from, to, department], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))?
    {
        let (kind, count, amount) = row?;
        out.push((kind, Flow { count, contract_amount_fen: amount, received_fen: 0 }));
    }
    let mut received = conn.prepare_cached(&format!(
        "SELECT c.kind, coalesce(sum(r.amount_fen), 0) FROM receipt r JOIN contract c ON c.id = r.contract_id
         WHERE r.received_on BETWEEN ?1 AND ?2 AND {CONTRACT_IN_DEPARTMENT} GROUP BY c.kind"
    ))?;
    for row in received.query_map(params![from, to, department], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (kind, amount) = row?;
        match out.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, f)) => f.received_fen = amount,
            None => out.push((kind, Flow { received_fen: amount, ..Flow::default() })),
        }
    }
    Ok(out)
}

/// Fiscally funded (national, provincial) projects approved in the year `?1..?2`, for the
/// institution or, when `?3` names a department, linked to one of its achievements.
const FISCAL_PROJECT_IN_YEAR: &str = "pr.level IN ('national', 'provincial') AND pr.approved_on BETWEEN ?1 AND ?2
    AND (?3 IS NULL OR pr.id IN (SELECT pa.project_id FROM project_achievement pa JOIN achievement a ON a.id = pa.achievement_id
      JOIN department dep ON dep.id = a.department_id WHERE dep.name = ?3))";

/// The yuan value (fen) of `units` of registered capital of an equity contract valued at
/// `amount_fen` for `capital_fen` units: units × amount / capital, halves away from zero
/// (docs/annual-report.md "rewards").
pub fn equity_value_fen(units: i64, amount_fen: i64, capital_fen: i64) -> i64 {
    if capital_fen <= 0 {
        return 0;
    }
    crate::money::round_half_up(units as i128 * amount_fen as i128, capital_fen as i128) as i64
}

fn one(conn: &Connection, sql: &str, args: impl rusqlite::Params) -> Result<i64> {
    Ok(conn.prepare_cached(sql)?.query_row(args, |r| r.get(0))?)
}

/// The SQL condition on a contract `c` and its counterparty `o` for a breakdown of part 3
/// (`?5` is the institution's province, `?6` the breakdown's part: a province or a section).
fn breakdown(group: &str, part: Option<&str>) -> &'static str {
    match (group, part) {
        ("by_ownership", Some("state_owned")) => "o.ownership = 'state_owned'",
        ("by_ownership", Some("private")) => "o.ownership = 'private'",
        ("by_ownership", Some("foreign")) => "o.ownership = 'foreign'",
        ("by_ownership", Some(_)) => "o.ownership NOT IN ('state_owned', 'private', 'foreign')",
        ("to_sme", _) => "o.size IN ('medium', 'small', 'micro')",
        ("by_region", Some("in_province")) => "o.region = ?5",
        ("by_region", Some("abroad")) => "o.region = '境外'",
        ("by_region", Some(_)) => "o.region NOT IN (?5, '境外')",
        ("over_1m_count", _) | ("bands", Some("over_1m")) => "c.amount_fen >= 100000000",
        ("bands", Some("over_10m")) => "c.amount_fen >= 1000000000",
        ("bands", Some("over_100m")) => "c.amount_fen >= 10000000000",
        ("by_province", Some(_)) => "o.region = ?6",
        ("by_industry", Some(_)) => "o.industry = ?6",
        ("industry_unrecorded", _) => "o.industry IS NULL",
        _ => "?5 IS NOT NULL",
    }
}

/// A record behind a figure of the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct RecordLine {
    /// `achievement`, `contract`, `receipt` or `distribution`.
    pub kind: &'static str,
    /// The id of the page that shows it: an achievement, a distribution, or a contract (for a contract
    /// and for a receipt, which is shown on its contract's page).
    #[ts(type = "number")]
    pub id: i64,
    /// Its number: achievement no, contract no, voucher, distribution #.
    pub key: String,
    /// Title, or the contract a receipt or distribution belongs to.
    pub title: String,
    /// The date that put it in the year.
    pub date: Option<NaiveDate>,
    /// The amount it contributes, if money.
    #[ts(type = "number | null")]
    pub amount_fen: Option<i64>,
}

/// The records behind one indicator (its dotted path, e.g. `transformation.license.received_fen`),
/// at most 1000, so that a person can see and open what a figure is made of.
pub fn records(store: &Store, year: i32, indicator: &str, department: Option<&str>) -> Result<Vec<RecordLine>> {
    let parts: Vec<&str> = indicator.split('.').collect();
    // The contract kinds a figure of part 3 or 4 is about.
    fn kinds<'a>(section: &str, k: &'a str) -> Vec<&'a str> {
        match k {
            "total" if section == "technical" => vec!["development", "consulting", "service"],
            "total"
            | "by_ownership"
            | "to_sme"
            | "by_region"
            | "over_1m_count"
            | "by_province"
            | "by_industry"
            | "industry_unrecorded"
            | "bands" => vec!["transfer", "license", "equity"],
            other => vec![other],
        }
    }
    let (sql, kind_list): (String, Vec<&str>) = match parts.as_slice() {
        // Platforms and people's periods are no records of these four kinds: their lists are on
        // their own screens.
        ["organization", "rd_institutions" | "transfer_institutions" | "service_platforms" | "part_time_people" | "leave_to_found_people", ..] => {
            return Ok(Vec::new())
        }
        ["achievements", "by_funding_level", level] => (
            "SELECT 'achievement', a.id, a.achievement_no, a.title, a.granted_on, NULL FROM achievement a
             WHERE a.granted_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR a.department_id = (SELECT id FROM department WHERE name = ?3))
               AND coalesce(a.funding_level, 'unrecorded') = ?4 ORDER BY a.granted_on, a.achievement_no"
                .to_string(),
            vec![*level],
        ),
        ["achievements", "fiscal_projects_approved", ..] => (
            format!(
                "SELECT DISTINCT 'achievement', a.id, a.achievement_no, a.title, pr.approved_on, NULL
                 FROM project pr JOIN project_achievement pa ON pa.project_id = pr.id JOIN achievement a ON a.id = pa.achievement_id
                 WHERE {FISCAL_PROJECT_IN_YEAR} AND ?4 IS NOT NULL ORDER BY pr.approved_on, a.achievement_no"
            ),
            vec![""],
        ),
        ["achievements", ..] => (
            "SELECT 'achievement', a.id, a.achievement_no, a.title, a.granted_on, NULL FROM achievement a
             WHERE a.granted_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR a.department_id = (SELECT id FROM department WHERE name = ?3))
               AND (?4 = '' OR a.kind = ?4 OR ?4 IN ('total', 'fiscal_funded'))
               AND (?4 <> 'fiscal_funded' OR coalesce(trim(a.fiscal_project), '') <> '') ORDER BY a.granted_on, a.achievement_no"
                .to_string(),
            vec![parts.get(2).or(parts.get(1)).copied().unwrap_or("")],
        ),
        ["transformation" | "technical", k, rest @ ..] if rest.last() == Some(&"received_fen") => (
            format!(
                "SELECT 'receipt', c.id, coalesce(r.voucher_no, r.received_on), c.contract_no || ' ' || c.title, r.received_on, r.amount_fen
                 FROM receipt r JOIN contract c ON c.id = r.contract_id
                 WHERE r.received_on BETWEEN ?1 AND ?2 AND {CONTRACT_IN_DEPARTMENT} AND c.kind IN (SELECT value FROM json_each(?4))
                 ORDER BY r.received_on, r.id"
            ),
            kinds(parts[0], k),
        ),
        ["transformation" | "technical" | "organization", k, rest @ ..] => (
            format!(
                "SELECT 'contract', c.id, c.contract_no, c.title, c.signed_on, c.amount_fen
                 FROM contract c JOIN organization o ON o.id = c.organization_id
                 WHERE c.signed_on BETWEEN ?1 AND ?2 AND {CONTRACT_IN_DEPARTMENT} AND c.kind IN (SELECT value FROM json_each(?4)) AND {}
                 ORDER BY c.signed_on, c.contract_no",
                breakdown(k, rest.first().copied())
            ),
            if *k == "companies_created" { vec!["equity"] } else { kinds(parts[0], k) },
        ),
        ["income", "received_fen"] => (
            format!(
                "SELECT 'receipt', c.id, coalesce(r.voucher_no, r.received_on), c.contract_no || ' ' || c.title, r.received_on, r.amount_fen
                 FROM receipt r JOIN contract c ON c.id = r.contract_id
                 WHERE r.received_on BETWEEN ?1 AND ?2 AND {CONTRACT_IN_DEPARTMENT} AND ?4 IS NOT NULL ORDER BY r.received_on, r.id"
            ),
            vec![],
        ),
        ["income", ..] | ["rewards", ..] => (
            format!(
                "SELECT 'distribution', d.id, '#' || d.id, c.contract_no || ' ' || c.title, d.paid_on, coalesce(d.pool_fen, d.pool_units)
                 FROM distribution d JOIN contract c ON c.id = d.contract_id
                 WHERE d.state = 'paid' AND d.paid_on BETWEEN ?1 AND ?2 AND {CONTRACT_IN_DEPARTMENT}
                   AND (?4 = '[]' OR c.kind IN (SELECT value FROM json_each(?4))) ORDER BY d.paid_on, d.id"
            ),
            match parts.get(1) {
                Some(&"transformation_received_fen") => vec!["transfer", "license", "equity"],
                _ => vec![],
            },
        ),
        _ => return Err(crate::error::Error::NotFound { what: "indicator", key: indicator.to_string() }),
    };
    // The achievements query compares ?4 with a kind; the others read it as a JSON list of kinds.
    let fourth = if parts[0] == "achievements" {
        kind_list.first().copied().unwrap_or("").to_string()
    } else {
        serde_json::to_string(&kind_list).unwrap_or_default()
    };
    let (from, to) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
    let province = crate::store::institution::load(store)?.province;
    let mut stmt = store.conn().prepare(&format!("{sql} LIMIT 1000"))?;
    // Only the contract query reads ?5 (and a breakdown by province or section ?6); bind them only there.
    let params_used = stmt.parameter_count();
    let part = parts.get(2).copied().unwrap_or("");
    let mut rows = Vec::new();
    let mut read = |r: &rusqlite::Row<'_>| -> rusqlite::Result<()> {
        let kind: String = r.get(0)?;
        rows.push(RecordLine {
            kind: match kind.as_str() {
                "achievement" => "achievement",
                "contract" => "contract",
                "receipt" => "receipt",
                _ => "distribution",
            },
            id: r.get(1)?,
            key: r.get(2)?,
            title: r.get(3)?,
            date: r.get(4)?,
            amount_fen: r.get(5)?,
        });
        Ok(())
    };
    let mut result = if params_used >= 6 {
        stmt.query(params![from, to, department, fourth, province, part])?
    } else if params_used >= 5 {
        stmt.query(params![from, to, department, fourth, province])?
    } else {
        stmt.query(params![from, to, department, fourth])?
    };
    while let Some(row) = result.next()? {
        read(row)?;
    }
    Ok(rows)
}

/// The due date of a year: as set, else March 31 of the next year.
pub fn due_on(conn: &Connection, year: i32) -> Result<NaiveDate> {
    let set: Option<NaiveDate> =
        conn.query_row("SELECT due_on FROM report_year WHERE year = ?1", params![year], |r| r.get(0)).optional()?;
    Ok(set.unwrap_or_else(|| default_due_on(year)))
}
