//! `transferdesk fees …`: annual fees (年费) — the list of fees to pay, payments, keep/abandon
//! decisions, marking a lapse, the export (docs/cli.md "fees due" … "fees export"; the rules in
//! docs/rules/fees.md).

use crate::output::{Doc, Failure};
use chrono::NaiveDate;
use clap::Subcommand;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use transferdesk_core::fees::cnipa::BatchRequest;
use transferdesk_core::fees::docket::{self, FeeDecisionInput, FeeDecisionKind, FeeLine, FeePaid, FeePayment};
use transferdesk_core::fees::rule::FeeStatus;
use transferdesk_core::import::receipts;
use transferdesk_core::{Lang, Money, Store};

/// The subcommands of `fees`.
#[derive(Subcommand)]
pub enum Fees {
    /// Fees due from DATE to DATE + DAYS, and those overdue but still in grace on DATE.
    Due {
        /// Days ahead.
        #[arg(long, default_value_t = docket::DEFAULT_WITHIN_DAYS, value_parser = clap::value_parser!(u32).range(0..=i64::from(docket::MAX_WITHIN_DAYS)))]
        within: u32,
        /// The day (default: today).
        #[arg(long, value_parser = crate::parse_date)]
        on: Option<NaiveDate>,
        /// Also the patents recorded in force whose next fee is unpaid past the end of grace
        /// (status `lapsed`: record the payment, a restoration, or the lapse).
        #[arg(long)]
        include_past_grace: bool,
    },
    /// Record an annual-fee payment; advances the paid-through year.
    Pay {
        /// 成果编号.
        achievement_no: String,
        /// The patent year paid (the one after the paid-through year).
        #[arg(long)]
        year: i64,
        /// 缴费日期.
        #[arg(long, value_parser = crate::parse_date)]
        paid_on: NaiveDate,
        /// The amount paid, in yuan.
        #[arg(long)]
        amount: String,
        /// The receipt (票据) number.
        #[arg(long)]
        voucher: Option<String>,
    },
    /// Pay the next unpaid year of several patents on one day with one voucher (批量缴费), each as
    /// due that day (surcharge and restoration included); all or nothing.
    PayBatch {
        /// 成果编号 of each patent, each once; `NO:YEAR` pays that patent year (it must be the
        /// next unpaid one), a bare `NO` the next unpaid year.
        #[arg(required = true, value_name = "ACHIEVEMENT_NO[:YEAR]", value_parser = parse_batch_item)]
        fees: Vec<docket::FeeBatchItem>,
        /// 缴费日期.
        #[arg(long, value_parser = crate::parse_date)]
        paid_on: NaiveDate,
        /// The receipt (票据) number of the batch.
        #[arg(long)]
        voucher: Option<String>,
    },
    /// Record a keep (维持) or abandon (放弃) decision; abandoning ends the patent's fees.
    Decide {
        /// 成果编号.
        achievement_no: String,
        /// Keep paying.
        #[arg(long, conflicts_with = "abandon", required_unless_present = "abandon")]
        keep: bool,
        /// Stop paying: the patent is recorded abandoned.
        #[arg(long)]
        abandon: bool,
        /// The decision's date.
        #[arg(long, value_parser = crate::parse_date)]
        on: NaiveDate,
        /// Why.
        #[arg(long)]
        reason: String,
        /// When the inventors were told.
        #[arg(long, value_parser = crate::parse_date)]
        notified_on: Option<NaiveDate>,
        /// Abandon only: offer the patent to the inventors (赋权).
        #[arg(long)]
        grant: bool,
    },
    /// Record that a patent lapsed: its grace period ended unpaid.
    Lapse {
        /// 成果编号.
        achievement_no: String,
        /// The day (default: today).
        #[arg(long, value_parser = crate::parse_date)]
        on: Option<NaiveDate>,
    },
    /// Write CNIPA's online-payment batch file (网上缴费 批量缴费, .xlsx): one row per fee item
    /// with CNIPA's fee names, at what the rules ask on the payment day; the chosen fees, or every
    /// fee due within DAYS of the day or in grace on it.
    BatchFile {
        /// The .xlsx to write.
        #[arg(long)]
        out: PathBuf,
        /// Days ahead, when no --fee is given (default 90).
        #[arg(long, conflicts_with = "fees", value_parser = clap::value_parser!(u32).range(0..=i64::from(docket::MAX_WITHIN_DAYS)))]
        within: Option<u32>,
        /// The payment day the amounts are for (default: today).
        #[arg(long, value_parser = crate::parse_date)]
        on: Option<NaiveDate>,
        /// A fee to pay: 成果编号, or `NO:YEAR` for that patent year; repeat for each.
        #[arg(long = "fee", value_name = "ACHIEVEMENT_NO[:YEAR]", value_parser = parse_batch_item)]
        fees: Vec<docket::FeeBatchItem>,
        /// 缴费人 (票据抬头), if not the institution's name.
        #[arg(long)]
        payer: Option<String>,
        /// 统一社会信用代码, if not the institution's code in its profile.
        #[arg(long)]
        credit_code: Option<String>,
    },
    /// Import CNIPA's receipts (缴费回执: 缴费信息 / 电子票据, .xlsx or .csv) into fee payments: every
    /// amount checked against the rules on its day; all or nothing.
    Receipts {
        /// The list downloaded from CNIPA's payment system.
        file: PathBuf,
        /// Check and show what would be recorded; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write the fees to pay (due and in grace) as 年费缴纳清单 (.xlsx).
    Export {
        /// The .xlsx to write.
        file: PathBuf,
        /// Days ahead.
        #[arg(long, default_value_t = docket::DEFAULT_WITHIN_DAYS, value_parser = clap::value_parser!(u32).range(0..=i64::from(docket::MAX_WITHIN_DAYS)))]
        within: u32,
        /// The day (default: today).
        #[arg(long, value_parser = crate::parse_date)]
        on: Option<NaiveDate>,
    },
}

/// Runs one `fees` subcommand on the data file at `path`; `today` is the caller's clock.
pub fn run(path: &Path, command: Fees, lang: Lang, actor: transferdesk_core::Actor) -> Result<Doc, Failure> {
    let today = actor.at.date();
    let mut store = Store::open(path)?;
    Ok(match command {
        Fees::Due { within, on, include_past_grace } => {
            let on = on.unwrap_or(today);
            let lines: Vec<FeeLine> =
                docket::lines(&store, on, within)?.into_iter().filter(|l| include_past_grace || l.status != FeeStatus::Lapsed).collect();
            let fees: Vec<Value> = lines.iter().map(contract_line).collect();
            let listing = docket::listing(&store, on, within)?;
            let missing = listing.calendar_missing();
            let mut human = due_text(&lines, on, within, include_past_grace, lang);
            if !missing.is_empty() {
                let years = missing.iter().map(i32::to_string).collect::<Vec<_>>().join(", ");
                human.push_str(&match lang {
                    Lang::Zh => format!("\n  提示：{years} 年没有节假日安排，期限只按周末顺延（请在设置中录入）"),
                    Lang::En => format!(
                        "\n  warning: no holiday arrangement for {years}: deadlines there move off weekends only (enter it in Settings)"
                    ),
                });
            }
            let past_grace = listing.past_grace();
            if !include_past_grace && !past_grace.is_empty() {
                human.push_str(&match lang {
                    Lang::Zh => format!("\n  另有 {} 项专利记录为有效但年费已过宽限期（--include-past-grace 列出）", past_grace.len()),
                    Lang::En => format!(
                        "\n  {} more patent(s) recorded in force are unpaid past grace (list them with --include-past-grace)",
                        past_grace.len()
                    ),
                });
            }
            Doc::new(json!({"on": on, "fees": fees, "calendar_missing": missing, "past_grace_count": past_grace.len()}), human)
        }
        Fees::Pay { achievement_no, year, paid_on, amount, voucher } => {
            let input = FeePayment { achievement_no, patent_year: year, paid_on, amount, voucher_no: voucher };
            let paid = docket::pay(&mut store, &actor, &input)?;
            Doc::new(serde_json::to_value(&paid).unwrap_or_default(), paid_text(&paid, lang))
        }
        Fees::PayBatch { fees, paid_on, voucher } => {
            let batch = docket::FeeBatch { fees, paid_on, voucher_no: voucher };
            let paid = docket::pay_batch(&mut store, &actor, &batch)?;
            let mut human: Vec<String> = paid.payments.iter().map(|p| paid_text(p, lang)).collect();
            human.push(match lang {
                Lang::Zh => format!("合计 {} 项，¥{}", paid.payments.len(), paid.total_fen.grouped()),
                Lang::En => format!("{} fees, total ¥{}", paid.payments.len(), paid.total_fen.grouped()),
            });
            Doc::new(serde_json::to_value(&paid).unwrap_or_default(), human.join("\n"))
        }
        Fees::Decide { achievement_no, keep, abandon: _, on, reason, notified_on, grant } => {
            let decision = if keep { FeeDecisionKind::Keep } else { FeeDecisionKind::Abandon };
            let input = FeeDecisionInput {
                achievement_no,
                decision,
                decided_on: on,
                reason,
                inventors_notified_on: notified_on,
                grant_to_inventors: grant,
            };
            let saved = docket::decide(&mut store, &actor, &input)?;
            let human = match (lang, saved.decision) {
                (Lang::Zh, FeeDecisionKind::Keep) => {
                    format!("已记录 {} 维持决定（{}）：{}", saved.achievement_no, saved.decided_on, saved.reason)
                }
                (Lang::Zh, FeeDecisionKind::Abandon) => {
                    format!("已记录 {} 放弃决定（{}），法律状态改为放弃：{}", saved.achievement_no, saved.decided_on, saved.reason)
                }
                (Lang::En, FeeDecisionKind::Keep) => {
                    format!("{}: keep, decided {}: {}", saved.achievement_no, saved.decided_on, saved.reason)
                }
                (Lang::En, FeeDecisionKind::Abandon) => {
                    format!("{}: abandoned, decided {} (status now abandoned): {}", saved.achievement_no, saved.decided_on, saved.reason)
                }
            };
            Doc::new(serde_json::to_value(&saved).unwrap_or_default(), human)
        }
        Fees::Lapse { achievement_no, on } => {
            let lapse = docket::mark_lapsed(&mut store, &actor, &achievement_no, on.unwrap_or(today))?;
            let human = match lang {
                Lang::Zh => format!(
                    "{} 第 {} 年年费（{} 到期）宽限期已于 {} 届满未缴，已标记失效",
                    lapse.achievement_no, lapse.patent_year, lapse.due_on, lapse.grace_end_on
                ),
                Lang::En => format!(
                    "{}: year {} (due {}) unpaid when the grace period ended on {}; marked lapsed",
                    lapse.achievement_no, lapse.patent_year, lapse.due_on, lapse.grace_end_on
                ),
            };
            Doc::new(serde_json::to_value(&lapse).unwrap_or_default(), human)
        }
        Fees::BatchFile { out, within, on, fees, payer, credit_code } => {
            let request = BatchRequest { fees, within_days: within, on: on.unwrap_or(today), payer, credit_code };
            let file = transferdesk_report::cnipa::write_batch(&store, &request, &out)?;
            let human = match lang {
                Lang::Zh => format!(
                    "已写出网上缴费批量缴费文件 {}：{} 项年费，{} 行，合计 ¥{}（按 {} 缴纳计算；缴费人 {}，{}）",
                    out.display(),
                    file.fees,
                    file.rows.len(),
                    file.total_fen.grouped(),
                    file.on,
                    file.payer,
                    file.credit_code
                ),
                Lang::En => format!(
                    "CNIPA batch file written to {}: {} annual fees, {} rows, total ¥{} (as paid on {}; payer {}, {})",
                    out.display(),
                    file.fees,
                    file.rows.len(),
                    file.total_fen.grouped(),
                    file.on,
                    file.payer,
                    file.credit_code
                ),
            };
            let mut doc = serde_json::to_value(&file).unwrap_or_default();
            doc["file"] = json!(out);
            Doc::new(doc, human)
        }
        Fees::Receipts { file, dry_run } => {
            let done = receipts::import(&mut store, &actor, &file, dry_run)?;
            let mut human: Vec<String> = done
                .payments
                .iter()
                .map(|p| {
                    let late = if p.surcharge_fen.0 + p.restoration_fen.0 > 0 {
                        format!(
                            " (+{} {})",
                            Money(p.surcharge_fen.0 + p.restoration_fen.0),
                            lang.pick("滞纳金/恢复费", "surcharge/restoration")
                        )
                    } else {
                        String::new()
                    };
                    match lang {
                        Lang::Zh => {
                            format!("  第 {} 行  {} 第 {} 年  {}  {}{late}", p.row, p.achievement_no, p.patent_year, p.paid_on, p.total_fen)
                        }
                        Lang::En => {
                            format!("  row {}  {} year {}  {}  {}{late}", p.row, p.achievement_no, p.patent_year, p.paid_on, p.total_fen)
                        }
                    }
                })
                .collect();
            human.insert(
                0,
                match (lang, dry_run) {
                    (Lang::Zh, true) => format!("检查通过（未写入）：{} 笔年费，合计 ¥{}", done.payments.len(), done.total_fen.grouped()),
                    (Lang::Zh, false) => format!("已导入 {} 笔年费缴费记录，合计 ¥{}", done.payments.len(), done.total_fen.grouped()),
                    (Lang::En, true) => {
                        format!("checked, nothing written: {} fees, total ¥{}", done.payments.len(), done.total_fen.grouped())
                    }
                    (Lang::En, false) => format!("{} fee payments recorded, total ¥{}", done.payments.len(), done.total_fen.grouped()),
                },
            );
            if !done.ignored.is_empty() {
                human.push(match lang {
                    Lang::Zh => format!("  {} 行不是年费，未处理", done.ignored.len()),
                    Lang::En => format!("  {} row(s) are not annual fees: left alone", done.ignored.len()),
                });
            }
            Doc::new(serde_json::to_value(&done).unwrap_or_default(), human.join("\n"))
        }
        Fees::Export { file, within, on } => {
            let on = on.unwrap_or(today);
            let rows = transferdesk_report::fees::write(&store, on, within, &file)?;
            let human = format!("{} {}（{rows}）", lang.pick("已写出年费缴纳清单", "fee list written to"), file.display());
            Doc::new(json!({"file": file, "rows": rows, "on": on}), human)
        }
    })
}

/// A fee line with exactly the keys of docs/cli.md "fees due", in its order.
fn contract_line(l: &FeeLine) -> Value {
    json!({
        "achievement_no": l.achievement_no,
        "application_no": l.application_no,
        "patent_year": l.patent_year,
        "due_on": l.due_on,
        "full_fee_fen": l.full_fee_fen,
        "amount_fen": l.amount_fen,
        "surcharge_fen": l.surcharge_fen,
        "grace_end_on": l.grace_end_on,
        "status": l.status,
        "statutory_due_on": l.statutory_due_on,
        "restoration_fen": l.restoration_fen,
    })
}

fn due_text(lines: &[FeeLine], on: NaiveDate, within: u32, past_grace: bool, lang: Lang) -> String {
    let total = transferdesk_core::Money(lines.iter().map(|l| l.total_fen.0).sum());
    let mut out = vec![match (lang, past_grace) {
        (Lang::Zh, false) => format!("{on} 起 {within} 天内到期及宽限期内的年费：{} 项，合计 {total}", lines.len()),
        (Lang::Zh, true) => format!("{on} 起 {within} 天内到期、宽限期内及逾期未缴的年费：{} 项，合计 {total}", lines.len()),
        (Lang::En, false) => format!("annual fees due within {within} days of {on} or in grace: {}, total {total}", lines.len()),
        (Lang::En, true) => format!("annual fees due within {within} days of {on}, in grace or past it: {}, total {total}", lines.len()),
    }];
    for l in lines {
        let status = if lang == Lang::Zh { l.status.zh() } else { l.status.key() };
        let year = match lang {
            Lang::Zh => format!("第{}年", l.patent_year),
            Lang::En => format!("year {}", l.patent_year),
        };
        let mut late =
            if l.surcharge_fen.0 > 0 { format!(" + {} {}", l.surcharge_fen, lang.pick("滞纳金", "surcharge")) } else { String::new() };
        if l.restoration_fen.0 > 0 {
            late.push_str(&format!(" + {} {}", l.restoration_fen, lang.pick("恢复费", "restoration")));
        }
        if l.statutory_due_on != l.due_on {
            late.push_str(&format!("  ({} {})", lang.pick("顺延自", "moved from"), l.statutory_due_on));
        }
        let grace = format!("{} {}", lang.pick("宽限期至", "grace until"), l.grace_end_on);
        out.push(format!(
            "  {}  {:<10} {:<16} {year:<8} {}{late}  {status}  {grace}",
            l.due_on, l.achievement_no, l.application_no, l.amount_fen
        ));
    }
    out.join("\n")
}

fn paid_text(p: &FeePaid, lang: Lang) -> String {
    let mut out = match lang {
        Lang::Zh => format!(
            "已记录 {} 第 {} 年年费：{} 缴纳 {}（应缴 {}），年费已缴至第 {} 年",
            p.achievement_no, p.patent_year, p.paid_on, p.amount_fen, p.expected_fen, p.fees_paid_through
        ),
        Lang::En => format!(
            "{}: year {} paid {} on {} (expected {}); paid through year {}",
            p.achievement_no, p.patent_year, p.amount_fen, p.paid_on, p.expected_fen, p.fees_paid_through
        ),
    };
    if p.restored {
        out.push_str(lang.pick("；专利权已恢复（含恢复费）", "; the patent is restored (restoration fee included)"));
    }
    if let Some(w) = p.warning {
        out.push_str(&match lang {
            Lang::Zh => format!("\n  注意：实缴金额 {} 与按规则应缴 {} 不一致（以国家知识产权局缴费通知为准）", w.paid_fen, w.expected_fen),
            Lang::En => format!("\n  note: paid {} differs from the expected {} (CNIPA's bill prevails)", w.paid_fen, w.expected_fen),
        });
    }
    out
}

/// `F01` (the next unpaid year) or `F01:8` (year 8).
fn parse_batch_item(text: &str) -> Result<docket::FeeBatchItem, String> {
    match text.rsplit_once(':') {
        None => Ok(docket::FeeBatchItem { achievement_no: text.to_string(), patent_year: None }),
        Some((no, year)) => {
            let year = year.trim().parse::<i64>().map_err(|_| format!("'{text}': the year after ':' must be a number (F01:8)"))?;
            Ok(docket::FeeBatchItem { achievement_no: no.to_string(), patent_year: Some(year) })
        }
    }
}
