//! 科技成果转化年度报告: the two files of the annual report (docs/annual-report.md "Files"), an
//! .xlsx laid out like the filled government form and a printable A4 PDF. The figures are core's
//! indicators (`transferdesk_core::reporting::annual::indicators`); this module adds the lists
//! (projects, technical contracts, rewards) read straight from the store, and lays both out.
//!
//! Both files print the same indicator rows ([`parts`]), so they cannot disagree with each other
//! or with the JSON: money stays integer fen until [`wan`] or `Money::to_cell` turns it into 万元.

mod book;
mod print;

use crate::Error;
use chrono::NaiveDate;
use rusqlite::params;
use std::path::{Path, PathBuf};
use transferdesk_core::model::{ContractKind, Ownership};
use transferdesk_core::reporting::annual::{self, Flow, Indicators};
use transferdesk_core::reporting::filing;
use transferdesk_core::reporting::report_year::{self, ReportYear};
use transferdesk_core::{Actor, Money, Store};

/// The two files written for a report year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnualFiles {
    /// `{year}年度科技成果转化年度报告.xlsx`.
    pub xlsx: PathBuf,
    /// `{year}年度科技成果转化年度报告.pdf`.
    pub pdf: PathBuf,
}

/// Writes the annual report of `year` into `dir` (created when missing): the workbook and the
/// PDF, both named `{year}年度科技成果转化年度报告`. Existing files of that name are replaced. A
/// filed year gives the files exactly as they were filed, whatever changed since.
pub fn write(store: &Store, year: i32, dir: &Path) -> Result<AnnualFiles, Error> {
    write_for(store, year, None, dir)
}

/// A step of writing the report, for a progress bar: the figures and lists, the workbook, the PDF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Computing the indicators and the lists.
    Figures,
    /// Writing the XLSX.
    Workbook,
    /// Laying out the PDF.
    Document,
}

impl Step {
    /// How many steps there are.
    pub const COUNT: u32 = 3;

    /// Where the job stands as this step starts.
    pub fn progress(self) -> transferdesk_core::progress::Progress {
        let (done, key) = match self {
            Step::Figures => (0, "figures"),
            Step::Workbook => (1, "workbook"),
            Step::Document => (2, "document"),
        };
        transferdesk_core::progress::Progress { done, total: Self::COUNT, step: key.to_string() }
    }
}

/// [`write`] for one department (学院), whose sub-report the office collects first: its figures,
/// its contracts and its people's rewards, named `{year}年度科技成果转化年度报告（学院）`. Always
/// computed from the records (a department's report is never filed), without the institution's
/// narrative.
pub fn write_for(store: &Store, year: i32, department: Option<&str>, dir: &Path) -> Result<AnnualFiles, Error> {
    write_with_steps(store, year, department, dir, &mut |_| Ok(()))
}

/// [`write_for`], telling `step` as each step starts (a filed year, copied as filed, has none).
pub fn write_with_steps(
    store: &Store,
    year: i32,
    department: Option<&str>,
    dir: &Path,
    step: &mut dyn FnMut(Step) -> transferdesk_core::Result<()>,
) -> Result<AnnualFiles, Error> {
    let io = |path: &Path, e: std::io::Error| Error::Write { path: path.display().to_string(), message: e.to_string() };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let name = match department {
        Some(d) => format!("{}（{}）", title(year), safe_name(d)),
        None => title(year),
    };
    let files = AnnualFiles { xlsx: dir.join(format!("{name}.xlsx")), pdf: dir.join(format!("{name}.pdf")) };
    let filed = if department.is_some() { Vec::new() } else { report_year::filed_files(store, year)? };
    if filed.is_empty() {
        step(Step::Figures)?;
        let mut indicators = annual::indicators_for(store, year, department)?;
        if let Some(d) = department {
            indicators.institution = format!("{} {d}", indicators.institution);
        }
        let lists = Lists::load(store, year, department)?;
        // Both files are written aside and renamed into place only when both are complete, so a
        // cancel or a failure leaves the folder as it was.
        let part = |p: &Path| p.with_extension(format!("{}.part", p.extension().and_then(|e| e.to_str()).unwrap_or("")));
        let (xlsx, pdf) = (part(&files.xlsx), part(&files.pdf));
        let written = (|| {
            step(Step::Workbook)?;
            book::write(&indicators, &lists, &xlsx)?;
            step(Step::Document)?;
            print::write(&indicators, &lists, &pdf)?;
            std::fs::rename(&xlsx, &files.xlsx).map_err(|e| io(&files.xlsx, e))?;
            std::fs::rename(&pdf, &files.pdf).map_err(|e| io(&files.pdf, e))
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&xlsx);
            let _ = std::fs::remove_file(&pdf);
        }
        written?;
    } else {
        for (name, bytes) in filed {
            let path = dir.join(name);
            crate::save(&path, &bytes)?;
        }
    }
    Ok(files)
}

/// Files the year (`report file`): generates both files and freezes them with the indicators,
/// narrative and cases in one transaction (see `filing::file` for the refusals).
pub fn file(store: &mut Store, actor: &Actor, year: i32, override_reason: Option<&str>) -> Result<ReportYear, Error> {
    let scratch =
        tempfile::tempdir().map_err(|e| Error::Write { path: std::env::temp_dir().display().to_string(), message: e.to_string() })?;
    let written = write(store, year, scratch.path())?;
    let mut files = Vec::new();
    for path in [&written.xlsx, &written.pdf] {
        let bytes = std::fs::read(path).map_err(|e| Error::Write { path: path.display().to_string(), message: e.to_string() })?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        files.push((name, bytes));
    }
    Ok(filing::file(store, actor, year, override_reason, &files)?)
}

/// The office's own words for the year: the narrative of the six parts and the typical cases.
#[derive(Clone, Debug, Default)]
pub(crate) struct Words {
    /// Parts 一 to 六, as written in the app (empty when not written).
    pub(crate) narrative: Vec<String>,
    /// Typical cases: contract no, its title, the text.
    pub(crate) cases: Vec<(String, String, String)>,
}

impl Words {
    fn load(store: &Store, year: i32) -> Result<Words, Error> {
        let kept = transferdesk_core::reporting::report_year::load(store, year)?;
        let mut cases = Vec::new();
        for case in kept.cases {
            let title: String = store
                .conn()
                .query_row("SELECT title FROM contract WHERE contract_no = ?1", params![case.contract_no], |r| r.get(0))
                .map_err(transferdesk_core::Error::from)?;
            cases.push((case.contract_no, title, case.text));
        }
        Ok(Words { narrative: kept.narrative, cases })
    }

    /// The paragraphs of part `n` (0-based).
    pub(crate) fn paragraphs(&self, n: usize) -> Vec<&str> {
        self.narrative.get(n).map(|t| t.lines().map(str::trim).filter(|l| !l.is_empty()).collect()).unwrap_or_default()
    }
}

/// A department's name as part of a file name: the characters no file system takes become `_`.
fn safe_name(text: &str) -> String {
    text.trim().chars().map(|c| if c.is_control() || r#"/\:*?"<>|"#.contains(c) { '_' } else { c }).collect()
}

/// `2025年度科技成果转化年度报告`: the title of both files and their file name.
pub(crate) fn title(year: i32) -> String {
    format!("{year}年度科技成果转化年度报告")
}

/// 万元 with four decimals from integer fen, rounded half away from zero to the yuan: the form's
/// unit. Integer arithmetic: `470.0000` comes from 470,000,000 fen with no float on the way.
pub(crate) fn wan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let yuan = (fen.unsigned_abs() + 50) / 100;
    format!("{sign}{}.{:04}", yuan / 10_000, yuan % 10_000)
}

/// 亿元 from integer fen, rounded half away from zero to the yuan and shown exactly (eight
/// decimals): the unit in which the national report gives equity rewards.
pub(crate) fn yi(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let yuan = (fen.unsigned_abs() + 50) / 100;
    format!("{sign}{}.{:08}", yuan / 100_000_000, yuan % 100_000_000)
}

/// A figure of the form.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    /// A count (项, 人次, 人, 家).
    Count(i64),
    /// Money or registered capital in fen, shown in 万元.
    Wan(i64),
    /// A fact in words (the institution, the due date).
    Text(String),
}

/// One numbered row of an indicator table.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    /// 序号.
    pub no: String,
    /// 指标.
    pub label: String,
    /// 数值.
    pub value: Value,
    /// 单位 (empty for a fact in words).
    pub unit: &'static str,
}

/// One part of the form: a sheet of the workbook, a section of the PDF.
#[derive(Clone, Debug)]
pub(crate) struct Part {
    /// `三、转让许可作价投资`: the sheet name and the section heading.
    pub title: &'static str,
    /// Its rows, numbered from 1.
    pub rows: Vec<Row>,
}

impl Part {
    /// Whether any row is in 万元 (the header then says 单位：万元).
    pub(crate) fn has_money(&self) -> bool {
        self.rows.iter().any(|r| matches!(r.value, Value::Wan(_)))
    }
}

/// Builds rows numbered in order.
struct Rows(Vec<Row>);

impl Rows {
    fn add(&mut self, label: impl Into<String>, value: Value, unit: &'static str) {
        let no = (self.0.len() + 1).to_string();
        self.0.push(Row { no, label: label.into(), value, unit });
    }

    fn count(&mut self, label: impl Into<String>, n: i64, unit: &'static str) {
        self.add(label, Value::Count(n), unit);
    }

    fn money(&mut self, label: impl Into<String>, fen: i64) {
        self.add(label, Value::Wan(fen), "万元");
    }

    /// Count, contract amount and money received of one kind of contract.
    fn flow(&mut self, name: &str, f: &Flow, amount: &str) {
        self.count(format!("{name}合同项数"), f.count, "项");
        self.money(format!("{name}合同{amount}"), f.contract_amount_fen);
        self.money(format!("{name}本年到账金额"), f.received_fen);
    }

    /// Count and contract amount of a group of contracts signed in the year.
    fn deals(&mut self, name: &str, d: &annual::Deals) {
        self.count(format!("{name}合同项数"), d.count, "项");
        self.money(format!("{name}合同金额"), d.contract_amount_fen);
    }
}

/// The sheet names and headings of the five parts, in the form's order.
pub(crate) const PART_TITLES: [&str; 5] = ["一、年度工作", "二、成果取得", "三、转让许可作价投资", "四、产学研合作", "五、收益与奖励"];

/// The five indicator parts of the form, every figure straight from `i`.
pub(crate) fn parts(i: &Indicators) -> Vec<Part> {
    // Part 1 is narrative in the official form; until the office can write it in the app, only
    // the facts that identify the report are printed (no placeholder prose).
    let mut work = Rows(Vec::new());
    work.add("填报单位", Value::Text(i.institution.clone()), "");
    work.add("所在省份", Value::Text(i.province.clone()), "");
    work.add("报告年度", Value::Text(format!("{}年", i.year)), "");
    work.add("报送截止日期", Value::Text(date_zh(i.due_on)), "");

    let g = &i.achievements.granted;
    let mut achievements = Rows(Vec::new());
    achievements.count("本年度取得（授权、登记）科技成果合计", g.total, "项");
    for (label, n) in [
        ("其中：发明专利", g.invention_patent),
        ("　　　实用新型专利", g.utility_model),
        ("　　　外观设计专利", g.design_patent),
        ("　　　软件著作权", g.software_copyright),
        ("　　　集成电路布图设计", g.ic_layout),
        ("　　　植物新品种", g.plant_variety),
        ("　　　技术秘密", g.know_how),
        ("　　　其他", g.other),
    ] {
        achievements.count(label, n, "项");
    }
    achievements.count("财政资金资助项目形成的科技成果", i.achievements.fiscal_funded, "项");
    let f = &i.achievements.by_funding_level;
    for (label, n) in [
        ("按成果来源：国家级", f.national),
        ("　　　　　　省部级", f.provincial),
        ("　　　　　　企业委托", f.enterprise),
        ("　　　　　　自筹", f.own),
        ("　　　　　　其他", f.other),
        ("　　　　　　未填写成果来源", f.unrecorded),
    ] {
        achievements.count(label, n, "项");
    }
    achievements.count("本年度新立项财政资助项目数", i.achievements.fiscal_projects_approved.count, "项");
    achievements.money("本年度新立项财政资助项目经费", i.achievements.fiscal_projects_approved.funding_fen);

    let t = &i.transformation;
    let mut transformation = Rows(Vec::new());
    transformation.flow("转让", &t.transfer, "金额");
    transformation.flow("许可", &t.license, "金额");
    transformation.flow("作价投资", &t.equity, "作价金额");
    transformation.flow("转让、许可、作价投资合计", &t.total, "金额");
    transformation.deals("与国有企业签订", &t.by_ownership.state_owned);
    transformation.deals("与民营企业签订", &t.by_ownership.private);
    transformation.deals("与外资企业签订", &t.by_ownership.foreign);
    transformation.deals("与高校、科研院所及其他单位签订", &t.by_ownership.other);
    transformation.deals("与中小微企业签订", &t.to_sme);
    transformation.deals("在本省（区、市）转化", &t.by_region.in_province);
    transformation.deals("在外省（区、市）转化", &t.by_region.out_of_province);
    transformation.deals("在境外转化", &t.by_region.abroad);
    transformation.count("单项合同金额100万元及以上的合同项数", t.over_1m_count, "项");
    transformation.money("单项合同金额100万元及以上的合同金额", t.bands.over_1m.contract_amount_fen);
    transformation.deals("单项合同金额1000万元及以上的", &t.bands.over_10m);
    transformation.deals("单项合同金额1亿元及以上的", &t.bands.over_100m);
    // By province and by industry section: the regions and sections with contracts, in the
    // order of the national lists (docs/annual-report.md "Indicators").
    for province in transferdesk_core::model::PROVINCES.iter().chain([&transferdesk_core::model::ABROAD]) {
        if let Some(d) = t.by_province.get(*province).filter(|d| d.count > 0) {
            transformation.deals(&format!("合作单位在{province}的"), d);
        }
    }
    for (letter, name) in transferdesk_core::model::INDUSTRY_SECTIONS {
        if let Some(d) = t.by_industry.get(*letter).filter(|d| d.count > 0) {
            transformation.deals(&format!("合作单位属{letter} {name}的"), d);
        }
    }
    if t.industry_unrecorded.count > 0 {
        transformation.deals("合作单位未填写行业门类的", &t.industry_unrecorded);
    }

    let tech = &i.technical;
    let mut cooperation = Rows(Vec::new());
    cooperation.flow("技术开发", &tech.development, "金额");
    cooperation.flow("技术咨询", &tech.consulting, "金额");
    cooperation.flow("技术服务", &tech.service, "金额");
    cooperation.flow("技术开发、咨询、服务合计", &tech.total, "金额");
    cooperation.count("技术转移人员（专职）", i.organization.transfer_staff, "人");
    cooperation.count("以科技成果作价投资新设立企业", i.organization.companies_created, "家");
    let o = &i.organization;
    for (name, p) in [("研发机构", &o.rd_institutions), ("技术转移机构", &o.transfer_institutions), ("服务平台", &o.service_platforms)]
    {
        cooperation.count(format!("{name}（自建）"), p.own, "家");
        cooperation.count(format!("{name}（共建）"), p.joint, "家");
    }
    cooperation.count("在企业兼职的人员", o.part_time_people, "人");
    cooperation.count("离岗创业的人员", o.leave_to_found_people, "人");

    let (r, inc) = (&i.rewards, &i.income);
    let mut rewards = Rows(Vec::new());
    rewards.money("本年度到账收入合计（含技术开发、咨询、服务）", inc.received_fen);
    rewards.money("其中：转让、许可、作价投资到账收入", inc.transformation_received_fen);
    rewards.money("本年度发放的现金奖励总额（奖励池）", inc.reward_pool_fen);
    // The institution's part by recipient of the policy (docs/rules/rewards.md "Recipients of the institution's part").
    for recipient in inc.recipients.iter().flatten() {
        rewards.money(format!("单位留存分配：{}", recipient.name), recipient.amount_fen);
    }
    rewards.money("个人获得现金奖励金额", r.cash_fen);
    rewards.count("个人获得现金奖励人次", r.cash_person_times, "人次");
    rewards.money("其中：重要贡献人员获得现金奖励金额", r.key_contributor_cash_fen);
    rewards.money("　　　领导人员获得现金奖励金额", r.leader_cash_fen);
    rewards.count("　　　领导人员获得现金奖励人次", r.leader_person_times, "人次");
    rewards.count("　　　其中：单位正职领导获得现金奖励人次", r.principal_leader_person_times, "人次");
    rewards.money("个人获得股权奖励出资额", r.equity_units);
    rewards.count("个人获得股权奖励人次", r.equity_person_times, "人次");
    rewards.money("个人获得现金奖励应纳税所得额", r.taxable_fen);
    rewards.money("个人获得股权奖励折合金额（按作价金额）", r.equity_value_fen);

    [work, achievements, transformation, cooperation, rewards]
        .into_iter()
        .zip(PART_TITLES)
        .map(|(rows, title)| Part { title, rows: rows.0 })
        .collect()
}

/// `2025年3月2日`.
pub(crate) fn date_zh(d: NaiveDate) -> String {
    crate::approved::date_zh(d)
}

/// A contract of the project list or the technical contract list.
#[derive(Clone, Debug)]
pub(crate) struct ContractLine {
    /// 合同编号.
    pub no: String,
    /// 合同名称.
    pub title: String,
    /// The achievements it transforms: (成果编号, 名称), in the contract's order.
    pub achievements: Vec<(String, String)>,
    /// 转化方式 / 合同类型.
    pub kind: ContractKind,
    /// 合作单位.
    pub counterparty: String,
    /// Its 单位性质.
    pub ownership: Ownership,
    /// Its region (province or 境外).
    pub region: String,
    /// 签订日期.
    pub signed_on: NaiveDate,
    /// 合同金额 (作价金额 for equity), fen.
    pub amount_fen: i64,
    /// Receipts dated in the report year, fen.
    pub received_fen: i64,
    /// 技术合同登记号.
    pub registration_no: Option<String>,
    /// 定价方式 (not recorded for historical contracts).
    pub pricing: Option<transferdesk_core::model::Pricing>,
    /// The price publicity's posting day and last day.
    pub publicity: Option<(NaiveDate, NaiveDate)>,
    /// The latest valuation of the contract or its achievements: appraiser, base day, value text.
    pub appraisal: Option<String>,
}

/// A line of a distribution paid in the report year.
#[derive(Clone, Debug)]
pub(crate) struct RewardLine {
    /// The distribution's number.
    pub distribution: i64,
    /// Its contract.
    pub contract_no: String,
    /// 姓名.
    pub name: String,
    /// 工号.
    pub employee_id: String,
    /// Units of registered capital (equity) instead of cash.
    pub equity: bool,
    /// Fen, or units in fen of registered capital.
    pub amount: i64,
    /// A unit principal leader's equity part given up: it stays with the institution.
    pub waived: bool,
    /// 发放日期 (registration date for equity).
    pub paid_on: NaiveDate,
}

/// The attachments of the report.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lists {
    /// 科技成果转化项目清单: transfer, license and equity contracts signed or paid in the year.
    pub projects: Vec<ContractLine>,
    /// 技术开发、咨询、服务合同清单, same rule.
    pub technical: Vec<ContractLine>,
    /// 奖励清单: lines of distributions paid in the year.
    pub rewards: Vec<RewardLine>,
    /// The narrative and the typical cases.
    pub words: Words,
}

impl Lists {
    fn load(store: &Store, year: i32, department: Option<&str>) -> Result<Lists, Error> {
        let (from, to) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
        Ok(Lists {
            projects: contracts(store, &from, &to, department, true)?,
            technical: contracts(store, &from, &to, department, false)?,
            words: if department.is_some() { Words::default() } else { Words::load(store, year)? },
            rewards: rewards(store, &from, &to, department)?,
        })
    }
}

/// Contracts of one group signed in the range or with money received in it: the same rule as the
/// indicators, so that the list explains every contract that counts in them.
fn contracts(store: &Store, from: &str, to: &str, department: Option<&str>, transformation: bool) -> Result<Vec<ContractLine>, Error> {
    let conn = store.conn();
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT c.id, c.contract_no, c.title, c.kind, o.name, o.ownership, o.region, c.signed_on, c.amount_fen, c.registration_no,
               (SELECT coalesce(sum(r.amount_fen), 0) FROM receipt r WHERE r.contract_id = c.id AND r.received_on BETWEEN ?1 AND ?2),
               c.pricing, p.posted_on, p.ends_on
             FROM contract c JOIN organization o ON o.id = c.organization_id LEFT JOIN publicity p ON p.id = c.publicity_id
             WHERE (c.kind IN ('transfer', 'license', 'equity')) = ?4 AND {}
               AND (c.signed_on BETWEEN ?1 AND ?2
                    OR EXISTS (SELECT 1 FROM receipt r WHERE r.contract_id = c.id AND r.received_on BETWEEN ?1 AND ?2))
             ORDER BY c.signed_on, c.contract_no",
            annual::CONTRACT_IN_DEPARTMENT
        ))
        .map_err(core)?;
    let rows = stmt
        .query_map(params![from, to, department, transformation], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                ContractLine {
                    no: r.get(1)?,
                    title: r.get(2)?,
                    achievements: Vec::new(),
                    kind: r.get(3)?,
                    counterparty: r.get(4)?,
                    ownership: r.get(5)?,
                    region: r.get(6)?,
                    signed_on: r.get(7)?,
                    amount_fen: r.get(8)?,
                    registration_no: r.get::<_, Option<String>>(9)?.filter(|s| !s.trim().is_empty()),
                    received_fen: r.get(10)?,
                    pricing: r.get(11)?,
                    publicity: match (r.get::<_, Option<NaiveDate>>(12)?, r.get::<_, Option<NaiveDate>>(13)?) {
                        (Some(posted), Some(ends)) => Some((posted, ends)),
                        _ => None,
                    },
                    appraisal: None,
                },
            ))
        })
        .map_err(core)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(core)?;
    // The achievements and the latest appraisal of every listed contract, each in one query
    // (no round trip per contract: the list of a large portfolio holds thousands).
    let ids = format!("[{}]", rows.iter().map(|(id, _)| id.to_string()).collect::<Vec<_>>().join(","));
    let mut links: std::collections::HashMap<i64, Vec<(String, String)>> = std::collections::HashMap::new();
    let mut stmt = conn
        .prepare_cached(
            "SELECT ca.contract_id, a.achievement_no, a.title FROM contract_achievement ca JOIN achievement a ON a.id = ca.achievement_id
             WHERE ca.contract_id IN (SELECT value FROM json_each(?1)) ORDER BY ca.contract_id, ca.position",
        )
        .map_err(core)?;
    for row in stmt.query_map([&ids], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))).map_err(core)? {
        let (id, no, title) = row.map_err(core)?;
        links.entry(id).or_default().push((no, title));
    }
    let mut appraisals: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
    let mut stmt = conn
        .prepare_cached(
            "SELECT x.value, v.appraiser, v.base_on, v.value_fen, v.low_fen, v.high_fen FROM json_each(?1) x
             JOIN valuation v ON v.id = (SELECT w.id FROM valuation w
               WHERE w.contract_id = x.value OR w.achievement_id IN (SELECT achievement_id FROM contract_achievement WHERE contract_id = x.value)
               ORDER BY w.base_on DESC, w.id DESC LIMIT 1)",
        )
        .map_err(core)?;
    let found = stmt
        .query_map([&ids], |r| {
            let value = match (r.get::<_, Option<i64>>(3)?, r.get::<_, Option<i64>>(4)?, r.get::<_, Option<i64>>(5)?) {
                (Some(v), _, _) => format!("{} 元", Money(v).grouped()),
                (None, Some(l), Some(h)) => format!("{} ~ {} 元", Money(l).grouped(), Money(h).grouped()),
                _ => String::new(),
            };
            Ok((r.get::<_, i64>(0)?, format!("{}（基准日 {}）{value}", r.get::<_, String>(1)?, r.get::<_, NaiveDate>(2)?)))
        })
        .map_err(core)?;
    for row in found {
        let (id, text) = row.map_err(core)?;
        appraisals.insert(id, text);
    }
    let out = rows
        .into_iter()
        .map(|(id, mut line)| {
            line.achievements = links.remove(&id).unwrap_or_default();
            line.appraisal = appraisals.remove(&id);
            line
        })
        .collect();
    Ok(out)
}

/// Every line of the distributions paid in the range, in payment order.
fn rewards(store: &Store, from: &str, to: &str, department: Option<&str>) -> Result<Vec<RewardLine>, Error> {
    let mut stmt = store
        .conn()
        .prepare_cached(
            "SELECT d.id, c.contract_no, p.name, p.employee_id, l.amount_fen IS NULL, coalesce(l.amount_fen, l.units, 0), l.waived, d.paid_on
             FROM distribution_line l
               JOIN distribution d ON d.id = l.distribution_id
               JOIN contract c ON c.id = d.contract_id
               JOIN person p ON p.id = l.person_id
             WHERE d.state = 'paid' AND d.paid_on BETWEEN ?1 AND ?2
               AND (?3 IS NULL OR p.department_id = (SELECT id FROM department WHERE name = ?3))
             ORDER BY d.paid_on, d.id, l.position",
        )
        .map_err(core)?;
    let lines = stmt
        .query_map(params![from, to, department], |r| {
            Ok(RewardLine {
                distribution: r.get(0)?,
                contract_no: r.get(1)?,
                name: r.get(2)?,
                employee_id: r.get(3)?,
                equity: r.get(4)?,
                amount: r.get(5)?,
                waived: r.get(6)?,
                paid_on: r.get(7)?,
            })
        })
        .map_err(core)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(core)?;
    Ok(lines)
}

/// A database error as core reports it (stable codes such as `busy`).
fn core(e: rusqlite::Error) -> Error {
    Error::Core(e.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yi_is_exact_to_the_yuan() {
        // 700,000.00 yuan = 0.007 亿; 123,456,789.49 rounds to 123,456,789 yuan; a half fen rounds away.
        assert_eq!(yi(70_000_000), "0.00700000");
        assert_eq!(yi(12_345_678_949), "1.23456789");
        assert_eq!(yi(-150), "-0.00000002");
    }

    #[test]
    fn wan_is_exact_to_the_yuan() {
        assert_eq!(wan(470_000_000), "470.0000");
        assert_eq!(wan(88_900_000), "88.9000");
        assert_eq!(wan(123_456_789), "123.4568", "1,234,567.89 yuan rounds to 1,234,568");
        assert_eq!(wan(49), "0.0000");
        assert_eq!(wan(-150), "-0.0002");
        assert_eq!(wan(0), "0.0000");
    }
}
