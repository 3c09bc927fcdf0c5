//! Data-quality checks before the annual report (`check --year Y`, docs/annual-report.md
//! "Checks"): each finding has a stable code, a severity and the records concerned, so that a
//! person can open them and fix the data before the figures go to the competent department.

use crate::error::Result;
use crate::lang::Lang;
use crate::reporting::annual;
use crate::rewards::plan::Severity;
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

/// A record a finding points at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct RecordRef {
    /// `contract`, `receipt`, `achievement`, `distribution`, `indicator` or `holiday_year`.
    pub kind: &'static str,
    /// Its number (contract no, voucher or receipt date, achievement no, distribution id, indicator
    /// path, calendar year).
    pub key: String,
}

/// One problem in the data of a report year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct CheckFinding {
    /// Stable code.
    pub code: &'static str,
    /// An error blocks the export unless overridden; a warning is for a person to look at.
    pub severity: Severity,
    /// What is wrong, for a person.
    pub message: String,
    /// The records concerned.
    pub records: Vec<RecordRef>,
}

/// How much an indicator may move against the year before without a warning.
const JUMP_FACTOR: i64 = 3;

/// Every finding `check` shows: the annual fees' as they stand on `on` (today), whatever the
/// year, then those of `year`; errors first.
pub fn check(store: &Store, year: i32, on: NaiveDate, lang: Lang) -> Result<Vec<CheckFinding>> {
    let mut out = fees(store, on, lang)?;
    out.extend(deadlines(store, on, lang)?);
    out.extend(year_findings(store, year, lang)?);
    out.sort_by_key(|f| f.severity != Severity::Error);
    Ok(out)
}

/// The findings about the data of report year `year`, errors first: the ones that block filing
/// it (the annual fees' do not: they are about today, not about the year's figures).
pub fn year_findings(store: &Store, year: i32, lang: Lang) -> Result<Vec<CheckFinding>> {
    let conn = store.conn();
    let (from, to) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
    let mut out = Vec::new();
    let mut query = |code: &'static str, severity: Severity, kind: &'static str, sql: &str| -> Result<()> {
        let keys = conn.prepare(sql)?.query_map(params![from, to], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        out.extend(finding(code, severity, keys.into_iter().map(|key| RecordRef { kind, key }).collect(), lang));
        Ok(())
    };
    query(
        "contract_without_achievement",
        Severity::Error,
        "contract",
        "SELECT c.contract_no FROM contract c WHERE c.kind IN ('transfer', 'license', 'equity') AND c.signed_on BETWEEN ?1 AND ?2
           AND NOT EXISTS (SELECT 1 FROM contract_achievement ca WHERE ca.contract_id = c.id) ORDER BY c.contract_no",
    )?;
    query(
        "receipt_before_signing",
        Severity::Error,
        "contract",
        "SELECT DISTINCT c.contract_no FROM receipt r JOIN contract c ON c.id = r.contract_id
         WHERE r.received_on BETWEEN ?1 AND ?2 AND r.received_on < c.signed_on ORDER BY c.contract_no",
    )?;
    // Listing and auction set the price in public; an agreed (or unrecorded, e.g. imported) price
    // needs a publicity that ended before signing with no objection standing
    // (docs/rules/publicity.md "Signing under a publicity").
    query(
        "contract_without_publicity",
        Severity::Warning,
        "contract",
        "SELECT c.contract_no FROM contract c LEFT JOIN publicity p ON p.id = c.publicity_id
         WHERE c.kind IN ('transfer', 'license', 'equity') AND c.signed_on BETWEEN ?1 AND ?2 AND coalesce(c.pricing, 'agreement') = 'agreement'
           AND (p.id IS NULL OR c.signed_on <= p.ends_on
                OR EXISTS (SELECT 1 FROM objection o WHERE o.publicity_id = p.id AND o.outcome <> 'rejected'))
         ORDER BY c.contract_no",
    )?;
    query(
        "grant_number_missing",
        Severity::Error,
        "achievement",
        "SELECT achievement_no FROM achievement WHERE granted_on BETWEEN ?1 AND ?2 AND coalesce(trim(grant_no), '') = ''
         ORDER BY achievement_no",
    )?;
    query(
        "distribution_still_draft",
        Severity::Warning,
        "distribution",
        "SELECT DISTINCT CAST(d.id AS TEXT) FROM distribution d JOIN distribution_receipt x ON x.distribution_id = d.id
         JOIN receipt r ON r.id = x.receipt_id WHERE d.state = 'draft' AND r.received_on BETWEEN ?1 AND ?2 ORDER BY d.id",
    )?;
    query(
        "receipts_exceed_amount",
        Severity::Warning,
        "contract",
        "SELECT c.contract_no FROM contract c JOIN receipt r ON r.contract_id = c.id
         WHERE c.kind <> 'equity' AND EXISTS (SELECT 1 FROM receipt y WHERE y.contract_id = c.id AND y.received_on BETWEEN ?1 AND ?2)
         GROUP BY c.id HAVING sum(r.amount_fen) > c.amount_fen ORDER BY c.contract_no",
    )?;
    // Part 3 breaks the contracts down by the counterparty's province and industry section, and
    // part 2 the achievements by the level of their funding (docs/annual-report.md "Checks").
    let known_regions =
        crate::model::PROVINCES.iter().chain([&crate::model::ABROAD]).map(|p| format!("'{p}'")).collect::<Vec<_>>().join(", ");
    query(
        "counterparty_province_unknown",
        Severity::Warning,
        "contract",
        &format!(
            "SELECT c.contract_no FROM contract c JOIN organization o ON o.id = c.organization_id
             WHERE c.kind IN ('transfer', 'license', 'equity') AND c.signed_on BETWEEN ?1 AND ?2 AND o.region NOT IN ({known_regions})
             ORDER BY c.contract_no"
        ),
    )?;
    query(
        "counterparty_without_industry",
        Severity::Warning,
        "contract",
        "SELECT c.contract_no FROM contract c JOIN organization o ON o.id = c.organization_id
         WHERE c.kind IN ('transfer', 'license', 'equity') AND c.signed_on BETWEEN ?1 AND ?2 AND o.industry IS NULL ORDER BY c.contract_no",
    )?;
    query(
        "achievement_without_funding_level",
        Severity::Warning,
        "achievement",
        "SELECT achievement_no FROM achievement WHERE granted_on BETWEEN ?1 AND ?2 AND funding_level IS NULL ORDER BY achievement_no",
    )?;
    out.extend(jumps(store, year, lang)?);
    let changed: Vec<RecordRef> = crate::reporting::report_year::changes(store, year)?
        .into_iter()
        .map(|c| RecordRef { kind: "indicator", key: c.indicator })
        .collect();
    out.extend(finding("report_changed_since_filing", Severity::Warning, changed, lang));
    out.sort_by_key(|f| f.severity != Severity::Error);
    Ok(out)
}

/// The annual fees on `on` (docs/rules/fees.md): a patent recorded in force whose next fee is
/// unpaid past the end of grace has in fact lapsed unless restored, so it is an error until one
/// of the two is recorded; and a year without a holiday arrangement makes the deadlines there
/// move off weekends only, which a person must know rather than the code guess.
pub fn fees(store: &Store, on: NaiveDate, lang: Lang) -> Result<Vec<CheckFinding>> {
    let listing = crate::fees::docket::listing(store, on, crate::fees::docket::DEFAULT_WITHIN_DAYS)?;
    let mut out = Vec::new();
    let past: Vec<RecordRef> = listing.past_grace().into_iter().map(|key| RecordRef { kind: "achievement", key }).collect();
    out.extend(finding("fee_past_grace", Severity::Error, past, lang));
    // Recorded before imports and forms required the date: without it the grant's fees and the
    // term are guesses.
    let ungranted = store
        .conn()
        .prepare(
            "SELECT achievement_no FROM achievement WHERE status = 'in_force' AND granted_on IS NULL
               AND kind IN ('invention_patent', 'utility_model', 'design_patent') ORDER BY achievement_no",
        )?
        .query_map([], |r| r.get::<_, String>(0))?
        .map(|key| key.map(|key| RecordRef { kind: "achievement", key }))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    out.extend(finding("in_force_without_grant_date", Severity::Error, ungranted, lang));
    let years: Vec<RecordRef> = listing.calendar_missing().iter().map(|y| RecordRef { kind: "holiday_year", key: y.to_string() }).collect();
    out.extend(finding("holiday_calendar_missing", Severity::Warning, years, lang));
    Ok(out)
}

/// The prosecution deadlines on `on` (docs/rules/prosecution.md): one passed with nothing recorded
/// may have cost the patent, so it is an error until its handling (or a moved day, with its
/// reason) is recorded; a patent recorded in force past the last day of its term has expired.
pub fn deadlines(store: &Store, on: NaiveDate, lang: Lang) -> Result<Vec<CheckFinding>> {
    let records = |keys: Vec<String>| keys.into_iter().map(|key| RecordRef { kind: "achievement", key }).collect();
    let mut out = Vec::new();
    out.extend(finding("deadline_missed", Severity::Error, records(crate::prosecution::deadline::missed(store, on)?), lang));
    out.extend(finding("term_ended_in_force", Severity::Error, records(crate::prosecution::deadline::term_ended(store, on)?), lang));
    Ok(out)
}

/// Headline indicators that moved more than [`JUMP_FACTOR`] times against the year before — the
/// kind of mistake (yuan for 万元, a missing year of data) the national editors correct each year.
fn jumps(store: &Store, year: i32, lang: Lang) -> Result<Vec<CheckFinding>> {
    let now = annual::indicators(store, year)?;
    let before = annual::indicators(store, year - 1)?;
    let pairs = [
        ("achievements.granted.total", now.achievements.granted.total, before.achievements.granted.total),
        ("transformation.total.count", now.transformation.total.count, before.transformation.total.count),
        (
            "transformation.total.contract_amount_fen",
            now.transformation.total.contract_amount_fen,
            before.transformation.total.contract_amount_fen,
        ),
        ("technical.total.contract_amount_fen", now.technical.total.contract_amount_fen, before.technical.total.contract_amount_fen),
        ("income.received_fen", now.income.received_fen, before.income.received_fen),
        ("rewards.cash_fen", now.rewards.cash_fen, before.rewards.cash_fen),
    ];
    let moved: Vec<(RecordRef, String)> = pairs
        .iter()
        .filter(|(_, a, b)| *a > 0 && *b > 0 && (*a > b * JUMP_FACTOR || *b > a * JUMP_FACTOR))
        .map(|(path, a, b)| (RecordRef { kind: "indicator", key: (*path).to_string() }, times(*a, *b)))
        .collect();
    let factors: Vec<String> = moved.iter().map(|(_, f)| f.clone()).collect();
    let records = moved.into_iter().map(|(r, _)| r).collect();
    // The rule's figure (3×) is in the sentence; the actual one of each indicator follows it, in
    // the order of the records.
    Ok(finding("indicator_jump", Severity::Warning, records, lang)
        .map(|mut f| {
            f.message = match lang {
                Lang::Zh => {
                    format!("{}（实际相差 {}）", f.message, factors.iter().map(|x| format!("{x} 倍")).collect::<Vec<_>>().join("、"))
                }
                Lang::En => format!("{} (actually {})", f.message, factors.iter().map(|x| format!("{x}×")).collect::<Vec<_>>().join(", ")),
            };
            f
        })
        .into_iter()
        .collect())
}

/// How many times the larger of two positive figures is the smaller, rounded up to two decimals
/// (so that a jump just above the limit never shows as the limit itself), without trailing
/// zeros: 12,171,666.65 against 3,478,333.30 → "3.5".
fn times(a: i64, b: i64) -> String {
    let (hi, lo) = if a >= b { (i128::from(a), i128::from(b)) } else { (i128::from(b), i128::from(a)) };
    let lo = lo.max(1);
    let hundredths = i64::try_from((hi * 100 + lo - 1) / lo).unwrap_or(i64::MAX);
    crate::share::format_percent(hundredths)
}

/// A finding naming `records`, or none when there is none to name.
fn finding(code: &'static str, severity: Severity, records: Vec<RecordRef>, lang: Lang) -> Option<CheckFinding> {
    (!records.is_empty()).then(|| CheckFinding { code, severity, message: text(code, records.len(), lang), records })
}

fn text(code: &str, n: usize, lang: Lang) -> String {
    let (zh, en) = match code {
        "contract_without_achievement" => {
            ("份转让、许可或作价投资合同没有关联成果", "transfer/license/equity contract(s) without a linked achievement")
        }
        "receipt_before_signing" => ("份合同有早于签订日期的到账", "contract(s) with money received before signing"),
        "contract_without_publicity" => (
            "份协议定价（或未记录定价方式）的合同没有签订前已结束的定价公示",
            "contract(s) at an agreed (or unrecorded) price without a publicity that ended before signing",
        ),
        "grant_number_missing" => ("项当年授权的成果没有授权号", "achievement(s) granted this year without a grant number"),
        "distribution_still_draft" => ("笔分配当年到账的收益分配仍是草稿", "distribution(s) of this year's money still in draft"),
        "receipts_exceed_amount" => {
            ("份合同累计到账超过合同金额（提成类合同可能正常）", "contract(s) with receipts above the contract amount (royalties can)")
        }
        "indicator_jump" => {
            ("项指标与上年相比变化超过 3 倍，请核对单位和数据", "indicator(s) moved more than 3× against last year: check units and data")
        }
        "report_changed_since_filing" => ("项指标在报送后因数据修改而变化", "indicator(s) changed since the year was filed"),
        "counterparty_province_unknown" => (
            "份转让、许可或作价投资合同的合作单位所在地区不是省级行政区或境外",
            "transfer/license/equity contract(s) whose counterparty's region is no province-level region or 境外",
        ),
        "counterparty_without_industry" => (
            "份转让、许可或作价投资合同的合作单位没有行业门类",
            "transfer/license/equity contract(s) whose counterparty has no industry section",
        ),
        "achievement_without_funding_level" => {
            ("项当年授权的成果没有成果来源（经费级别）", "achievement(s) granted this year without a funding source level")
        }
        "fee_past_grace" => (
            "项专利记录为有效，但下一年度年费宽限期已届满仍未缴：请记录缴费（按恢复程序）或记录失效",
            "patent(s) recorded in force whose next annual fee is unpaid past the end of grace: record the payment (a restoration) or record the lapse",
        ),
        "in_force_without_grant_date" => (
            "项专利记录为有效但没有授权日：年费和保护期限都从授权起算，请补录授权日",
            "patent(s) recorded in force without a grant date: fees and term count from the grant; record the date",
        ),
        "holiday_calendar_missing" => (
            "个年份没有节假日安排，这些年份的年费期限只按周末顺延：请在设置中录入该年的节假日",
            "year(s) without a holiday arrangement: annual-fee deadlines there move off weekends only; enter the year's holidays in Settings",
        ),
        "deadline_missed" => (
            "项专利有审查期限已过而未记录办理（答复、复审、恢复、登记等）：请记录办理情况，或在期限页说明理由后更正日期",
            "patent(s) with a prosecution deadline passed and nothing recorded (reply, re-examination, restoration, registration …): record what was done, or correct the day with a reason",
        ),
        "term_ended_in_force" => (
            "项专利记录为有效，但保护期限已届满：请将法律状态改为届满",
            "patent(s) recorded in force past the last day of their term: record them expired",
        ),
        _ => ("项问题", "problem(s)"),
    };
    match lang {
        Lang::Zh => format!("{n} {zh}"),
        Lang::En => format!("{n} {en}"),
    }
}

#[cfg(test)]
mod tests {
    use super::times;

    #[test]
    fn a_jump_states_how_many_times_rounded_up() {
        // The demo's 2024 against 2025 (tests/ui/annual.test.mjs): received 12,171,666.65 against
        // 3,478,333.30 = 3.4993… → 3.50 → "3.5"; cash rewards 6,334,113.32 against 477,470.00 =
        // 13.2660… → 13.27.
        assert_eq!(times(347_833_330, 1_217_166_665), "3.5");
        assert_eq!(times(633_411_332, 47_747_000), "13.27");
        // Just above the limit: 3.001 shows 3.01, never "3" beside "more than 3×".
        assert_eq!(times(3_001, 1_000), "3.01");
        assert_eq!(times(400, 100), "4");
    }
}
