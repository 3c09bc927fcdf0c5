//! Annual fees (年费): the lists, a patent's schedule, payments, decisions, lapses, the export.

use crate::command::commands;
use crate::{FileIn, FileOut};
use chrono::NaiveDate;
use transferdesk_core::fees::cnipa::{BatchFile, BatchRequest};
use transferdesk_core::fees::docket::{
    self, FeeBatch, FeeBatchPaid, FeeDecision, FeeDecisionInput, FeePage, FeePaid, FeePayment, FeeQuery, FeeQuote, FeeSchedule, Lapse,
};
use transferdesk_core::import::receipts::{self, ReceiptImport};

commands! {
    /// One tab of the fee list on `on` (null: today).
    read(office, leader)
    fn fees_due(ctx, query: FeeQuery, on: Option<NaiveDate>) -> FeePage {
        docket::page(&*ctx.store()?, &query, on.unwrap_or(ctx.today()))
    }

    /// Every year of a patent's term as of today.
    read(office, leader)
    fn fee_schedule(ctx, achievement_id: i64) -> FeeSchedule {
        docket::schedule(&*ctx.store()?, achievement_id, ctx.today())
    }

    /// What paying the next year costs on `paid_on`.
    read(office)
    fn fee_quote(ctx, achievement_no: String, paid_on: NaiveDate) -> FeeQuote {
        docket::quote(&*ctx.store()?, &achievement_no, paid_on)
    }

    /// Records a payment.
    write(office)
    fn pay_fee(ctx, payment: FeePayment) -> FeePaid {
        docket::pay(&mut *ctx.store()?, &ctx.actor(), &payment)
    }

    /// Pays the next year of several patents on one day with one voucher, each as due that day;
    /// all or nothing (a refusal names the fee that cannot be paid).
    write(office)
    fn pay_fees(ctx, batch: FeeBatch) -> FeeBatchPaid {
        docket::pay_batch(&mut *ctx.store()?, &ctx.actor(), &batch)
    }

    /// Records a keep/abandon decision.
    write(office)
    fn decide_fee(ctx, decision: FeeDecisionInput) -> FeeDecision {
        docket::decide(&mut *ctx.store()?, &ctx.actor(), &decision)
    }

    /// Marks a patent lapsed whose grace period ended unpaid.
    write(office)
    fn mark_lapsed(ctx, achievement_no: String) -> Lapse {
        docket::mark_lapsed(&mut *ctx.store()?, &ctx.actor(), &achievement_no, ctx.today())
    }

    /// Writes 年费缴纳清单 (XLSX) of the fees due within `within_days` of `on` (null: today); returns the number of fee rows.
    read(office, leader)
    fn export_fees(ctx, path: FileOut, within_days: u32, on: Option<NaiveDate>) -> usize {
        let path = ctx.write_file(&path)?;
        transferdesk_report::fees::write(&*ctx.store()?, on.unwrap_or(ctx.today()), within_days, &path)
    }

    /// Writes CNIPA's online-payment batch file (批量缴费, XLSX) for the chosen fees or those due
    /// in the window, each item at what the rules ask on `request.on`; refused whole, with every
    /// offending fee, when any cannot be paid.
    read(office)
    fn export_cnipa_batch(ctx, path: FileOut, request: BatchRequest) -> BatchFile {
        let path = ctx.write_file(&path)?;
        transferdesk_report::cnipa::write_batch(&*ctx.store()?, &request, &path)
    }

    /// Imports (or with `dry_run` only checks) CNIPA's receipts (缴费回执: 缴费信息 / 电子票据) into fee
    /// payments: all or nothing, every problem at its row.
    write(office)
    fn import_cnipa_receipts(ctx, path: FileIn, dry_run: bool) -> ReceiptImport {
        let path = ctx.read_file(&path)?;
        receipts::import(&mut *ctx.store()?, &ctx.actor(), &path, dry_run)
    }
}
