//! How the CLI speaks: one JSON document with `--json`, zh-CN (or English) lines otherwise, and
//! the exit statuses of docs/cli.md "Exit status".

use serde_json::{json, Value};
use std::io::Write;
use transferdesk_core::rewards::distribution::{Distribution, DistributionPage, Proposal};
use transferdesk_core::share::format_percent;
use transferdesk_core::store::audit::VerifyReport;
use transferdesk_core::Lang;
use transferdesk_core::Money;

/// A successful result: the JSON document and the line(s) for a person.
pub struct Doc {
    json: Value,
    human: String,
}

impl Doc {
    /// Pairs a JSON document with its human form.
    pub fn new(json: Value, human: String) -> Doc {
        Doc { json, human }
    }
}

/// Why a command failed.
pub enum Failure {
    /// A core error (its code decides the exit status).
    Core(transferdesk_core::Error),
    /// A document could not be written.
    Report(transferdesk_report::Error),
    /// A bad argument found after parsing (exit 2).
    Usage(String),
    /// `verify` found something (exit 1): the report, each finding named.
    Verify(VerifyReport),
}

impl From<transferdesk_core::Error> for Failure {
    fn from(e: transferdesk_core::Error) -> Self {
        Failure::Core(e)
    }
}

impl From<transferdesk_report::Error> for Failure {
    fn from(e: transferdesk_report::Error) -> Self {
        match e {
            transferdesk_report::Error::Core(c) => Failure::Core(c),
            other => Failure::Report(other),
        }
    }
}

/// The output settings of this run.
pub struct Out {
    /// `--json`.
    pub json: bool,
    /// Language of human output.
    pub lang: Lang,
}

impl Out {
    /// Prints a result.
    pub fn success(&self, doc: &Doc) {
        // A closed pipe (`| head`) is not an error of ours: the write result is ignored.
        let mut stdout = std::io::stdout().lock();
        if self.json {
            let _ = writeln!(stdout, "{}", doc.json);
        } else if !doc.human.is_empty() {
            let _ = writeln!(stdout, "{}", doc.human);
        }
    }

    /// Prints a failure and returns the exit status.
    pub fn failure(&self, failure: &Failure) -> i32 {
        let (status, report) = match failure {
            Failure::Core(e) => (e.exit_status(), serde_json::to_value(e.report(self.lang)).unwrap_or_default()),
            Failure::Report(e) => (1, json!({"code": e.code(), "message": e.to_string(), "details": []})),
            Failure::Usage(m) => (2, json!({"code": "usage", "message": m, "details": []})),
            Failure::Verify(v) => {
                let message = match self.lang {
                    Lang::Zh => format!("校验发现 {} 处问题：数据文件在本软件之外被改动过（或已损坏）", v.findings_total),
                    Lang::En => {
                        format!("verify found {} problem(s): the data file was changed outside the app (or is damaged)", v.findings_total)
                    }
                };
                (1, json!({"code": "verify_failed", "message": message, "details": [v]}))
            }
        };
        if self.json {
            let _ = writeln!(std::io::stdout().lock(), "{}", json!({ "error": report }));
        } else {
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "{}{}", self.lang.pick("错误：", "error: "), report["message"].as_str().unwrap_or(""));
            if let Some(details) = report["details"].as_array() {
                for d in details.iter().filter(|d| d.get("problem").is_some()) {
                    let _ = writeln!(stderr, "  {}", detail_line(d, self.lang));
                }
            }
            if let Failure::Verify(v) = failure {
                for f in &v.findings {
                    let _ = writeln!(stderr, "  {}", f.message);
                }
                let more = v.findings_total as usize - v.findings.len().min(v.findings_total as usize);
                if more > 0 {
                    let _ = writeln!(stderr, "  {}", self.lang.pick(&format!("……另有 {more} 处"), &format!("… and {more} more")));
                }
                for w in &v.witnesses {
                    let _ = writeln!(stderr, "  {}", w.message);
                }
            }
        }
        status
    }
}

fn detail_line(d: &Value, lang: Lang) -> String {
    let s = |k: &str| d[k].as_str().unwrap_or("").to_string();
    let row = d["row"].as_u64().unwrap_or(0);
    let place = match (lang, row) {
        // A field of a command's input (not of a file): named by its key.
        (_, 0) if s("sheet").is_empty() && !s("column").is_empty() => format!("{}: ", s("column")),
        (Lang::Zh, 0) => format!("{}：", s("sheet")),
        (Lang::Zh, _) => format!(
            "{} 第 {row} 行 列「{}」{}：",
            s("sheet"),
            s("column"),
            d["cell"].as_str().map(|c| format!("（{c}）")).unwrap_or_default()
        ),
        (Lang::En, 0) => format!("{}: ", s("sheet")),
        (Lang::En, _) => format!(
            "{} row {row} column \"{}\"{}: ",
            s("sheet"),
            s("column"),
            d["cell"].as_str().map(|c| format!(" ({c})")).unwrap_or_default()
        ),
    };
    let value = s("value");
    let value = if value.is_empty() { String::new() } else { format!("「{value}」") };
    format!("{place}{value}{}", s("problem"))
}

/// A plan as a person reads it: the money's path from receipts to each person.
pub fn plan_text(proposal: &Proposal, lang: Lang) -> String {
    let plan = &proposal.plan;
    let zh = lang == Lang::Zh;
    let mut out = Vec::new();
    let row = |label_zh: &str, label_en: &str, value: String| format!("{:<12}{value}", if zh { label_zh } else { label_en });
    out.push(format!("{} {} {}", lang.pick("合同", "contract"), plan.contract_no, proposal.contract_title));
    out.push(row("到账合计", "received", plan.receipts_fen.to_string()));
    out.push(row("费用", "costs", plan.costs_fen.to_string()));
    out.push(row("结转费用", "carried in", plan.carried_in_costs_fen.to_string()));
    out.push(row("净收入", "net income", plan.net_income_fen.to_string()));
    if plan.carried_out_costs_fen.0 > 0 {
        out.push(row("结转下次", "carried out", plan.carried_out_costs_fen.to_string()));
    }
    let named = transferdesk_core::rewards::policy::named(proposal.policy_document.as_deref(), proposal.policy_effective_on, lang);
    let policy = format!("{}% ({} {named})", format_percent(plan.ratio_bp), lang.pick("政策", "policy"));
    out.push(row("比例", "ratio", policy));
    match (plan.pool_fen, plan.pool_units) {
        (Some(pool), _) => out.push(row("奖励总额", "pool", pool.to_string())),
        (None, Some(units)) => out.push(row("奖励股权", "pool (units)", Money(units).grouped())),
        _ => {}
    }
    out.push(row("单位留存", "institution", plan.institution_fen.to_string()));
    for r in &plan.recipients {
        out.push(format!("  {} {}%  {}", r.name, format_percent(r.share_bp), r.amount_fen));
    }
    if plan.agreed_amounts {
        out.push(lang.pick("按团队约定金额分配：", "amounts as the team agreed:").to_string());
    }
    for a in &plan.allocations {
        let amount = match a.units {
            Some(u) => format!("{} {}", Money(u).grouped(), lang.pick("元出资额", "units")),
            None => Money(a.amount()).to_string(),
        };
        let waived = if a.waived { lang.pick("（已放弃）", " (waived)") } else { "" };
        out.push(format!("  {} {}  {}%  {amount}{waived}", a.employee_id, a.name, format_percent(a.weight_bp)));
    }
    for f in &plan.findings {
        let about = match f.figures() {
            Some((rule, actual)) => {
                format!(
                    "{} {}% < {} {}%",
                    lang.pick("实际", "actual"),
                    format_percent(actual),
                    lang.pick("规定", "rule"),
                    format_percent(rule)
                )
            }
            None => f.employee_id.clone().unwrap_or_default(),
        };
        out.push(format!("  {} {} {about}", lang.pick("提示：", "finding:"), f.code));
    }
    out.join("\n")
}

/// A saved distribution: its state and dates, then the plan.
pub fn distribution_text(d: &Distribution, lang: Lang) -> String {
    let state = if lang == Lang::Zh { d.state.zh() } else { d.state.key() };
    let mut head = format!("{} #{}  {state}", lang.pick("收益分配", "distribution"), d.id);
    let dates = [
        (d.decision_on, "决策", "decided"),
        (d.publicity_from, "公示自", "posted"),
        (d.publicity_ends_on, "公示至", "publicity ends"),
        (d.proposal.payment_due_on, "发放期限", "pay by"),
        (d.paid_on, "发放", "paid"),
    ];
    for (day, zh, en) in dates {
        if let Some(day) = day {
            head.push_str(&format!("  {} {day}", lang.pick(zh, en)));
        }
    }
    if let Some(original) = d.reverses_id {
        head.push_str(&format!("  {} #{original}", lang.pick("冲销", "reverses")));
    }
    format!("{head}\n{}", plan_text(&d.proposal, lang))
}

/// The distribution list, one line each.
pub fn distribution_list_text(page: &DistributionPage, lang: Lang) -> String {
    let mut out = vec![format!("{} {}", lang.pick("共", "total"), page.total)];
    for r in &page.rows {
        let state = if lang == Lang::Zh { r.state.zh() } else { r.state.key() };
        let pool = match (r.pool_fen, r.pool_units) {
            (Some(p), _) => p.to_string(),
            (None, Some(u)) => format!("{} {}", Money(u).grouped(), lang.pick("元出资额", "units")),
            _ => String::new(),
        };
        let overdue = if r.payment_overdue { lang.pick("  逾期未发", "  overdue") } else { "" };
        out.push(format!("#{:<5} {:<14} {state:<6} {pool}{overdue}", r.id, r.contract_no));
    }
    out.join("\n")
}

/// The annual indicators as a person reads them: one line per figure, money in yuan.
pub fn annual_text(i: &transferdesk_core::reporting::annual::Indicators, lang: Lang) -> String {
    use transferdesk_core::reporting::annual::{Deals, Flow};
    let zh = lang == Lang::Zh;
    let yuan = |fen: i64| Money(fen).grouped();
    let flow = |f: &Flow| {
        if zh {
            format!("{} 项，合同金额 {} 元，当年到账 {} 元", f.count, yuan(f.contract_amount_fen), yuan(f.received_fen))
        } else {
            format!("{} contracts, {} yuan, {} yuan received", f.count, yuan(f.contract_amount_fen), yuan(f.received_fen))
        }
    };
    let deals = |d: &Deals| format!("{} {} {}", d.count, lang.pick("项，", "contracts,"), yuan(d.contract_amount_fen));
    let t = &i.transformation;
    let r = &i.rewards;
    let g = &i.achievements.granted;
    let lines: Vec<(&str, &str, String)> = vec![
        ("年度", "year", format!("{}（{}，{}），报送截止 {}", i.year, i.institution, i.province, i.due_on)),
        (
            "当年授权成果",
            "granted",
            format!(
                "{}（发明 {}，实用新型 {}，外观 {}，软著 {}）",
                g.total, g.invention_patent, g.utility_model, g.design_patent, g.software_copyright
            ),
        ),
        ("其中财政资助", "fiscally funded", i.achievements.fiscal_funded.to_string()),
        ("成果来源", "funding source", {
            let f = &i.achievements.by_funding_level;
            let n = [f.national, f.provincial, f.enterprise, f.own, f.other, f.unrecorded];
            if zh {
                format!("国家级 {}，省部级 {}，企业委托 {}，自筹 {}，其他 {}，未填写 {}", n[0], n[1], n[2], n[3], n[4], n[5])
            } else {
                format!("national {}, provincial {}, enterprise {}, own {}, other {}, not recorded {}", n[0], n[1], n[2], n[3], n[4], n[5])
            }
        }),
        ("新立项财政项目", "fiscal projects", {
            let p = &i.achievements.fiscal_projects_approved;
            format!("{} {} {} {}", p.count, lang.pick("项，经费", "approved,"), yuan(p.funding_fen), lang.pick("元", "yuan"))
        }),
        ("转让", "transfer", flow(&t.transfer)),
        ("许可", "license", flow(&t.license)),
        ("作价投资", "equity", flow(&t.equity)),
        ("合计", "total", flow(&t.total)),
        ("国有企业", "state-owned", deals(&t.by_ownership.state_owned)),
        ("民营企业", "private", deals(&t.by_ownership.private)),
        ("外资企业", "foreign", deals(&t.by_ownership.foreign)),
        ("其他单位", "other", deals(&t.by_ownership.other)),
        ("中小微企业", "SMEs", deals(&t.to_sme)),
        ("本省", "in province", deals(&t.by_region.in_province)),
        ("外省", "other provinces", deals(&t.by_region.out_of_province)),
        ("境外", "abroad", deals(&t.by_region.abroad)),
        ("100万元以上", "≥ 1,000,000", t.over_1m_count.to_string()),
        ("1000万元以上", "≥ 10,000,000", deals(&t.bands.over_10m)),
        ("1亿元以上", "≥ 100,000,000", deals(&t.bands.over_100m)),
        (
            "按省份",
            "by province",
            t.by_province.iter().filter(|(_, d)| d.count > 0).map(|(p, d)| format!("{p} {}", deals(d))).collect::<Vec<_>>().join("；"),
        ),
        (
            "按行业门类",
            "by industry",
            t.by_industry
                .iter()
                .filter(|(_, d)| d.count > 0)
                .map(|(l, d)| format!("{l} {}", deals(d)))
                .chain(
                    (t.industry_unrecorded.count > 0).then(|| format!("{} {}", lang.pick("未填写", "none"), deals(&t.industry_unrecorded))),
                )
                .collect::<Vec<_>>()
                .join("；"),
        ),
        ("技术开发", "development", flow(&i.technical.development)),
        ("技术咨询", "consulting", flow(&i.technical.consulting)),
        ("技术服务", "service", flow(&i.technical.service)),
        ("四技合计", "technical total", flow(&i.technical.total)),
        ("现金奖励", "cash rewards", format!("{} 元，{} 人次", yuan(r.cash_fen), r.cash_person_times)),
        ("其中重要贡献人员", "to key contributors", yuan(r.key_contributor_cash_fen)),
        (
            "其中领导人员",
            "to leaders",
            format!("{} 元，{} 人次（单位正职 {} 人次）", yuan(r.leader_cash_fen), r.leader_person_times, r.principal_leader_person_times),
        ),
        ("股权奖励", "equity rewards", format!("{} 元出资额，{} 人次", yuan(r.equity_units), r.equity_person_times)),
        ("股权折合", "equity in yuan", yuan(r.equity_value_fen)),
        ("应纳税所得额", "taxable part", yuan(r.taxable_fen)),
        ("当年到账", "received", yuan(i.income.received_fen)),
        ("其中成果转化", "of which transformation", yuan(i.income.transformation_received_fen)),
        ("奖励总额", "reward pools", yuan(i.income.reward_pool_fen)),
        ("技术转移人员", "transfer staff", i.organization.transfer_staff.to_string()),
        ("新设企业", "companies created", i.organization.companies_created.to_string()),
        ("机构与平台", "platforms", {
            let o = &i.organization;
            let (a, b, c) = (&o.rd_institutions, &o.transfer_institutions, &o.service_platforms);
            if zh {
                format!(
                    "研发机构 {}（共建 {}），技术转移机构 {}（共建 {}），服务平台 {}（共建 {}）",
                    a.total, a.joint, b.total, b.joint, c.total, c.joint
                )
            } else {
                format!(
                    "R&D {} ({} joint), transfer {} ({} joint), service {} ({} joint)",
                    a.total, a.joint, b.total, b.joint, c.total, c.joint
                )
            }
        }),
        ("兼职人员", "part-time", i.organization.part_time_people.to_string()),
        ("离岗创业", "on leave to found", i.organization.leave_to_found_people.to_string()),
    ];
    lines.into_iter().map(|(z, e, v)| format!("{:<10}{v}", if zh { z } else { e })).collect::<Vec<_>>().join("\n")
}
