//! Reward distributions (收益分配): the plan, the states from draft to paid, and the documents.

use crate::command::commands;
use crate::Role;
use crate::{FileIn, FileOut};
use chrono::NaiveDate;
use transferdesk_core::access::scope;
use transferdesk_core::rewards::distribution::{
    self, Approval, ContractChoice, Distribution, DistributionPage, DistributionQuery, Proposal, StaffChoice,
};
use transferdesk_core::rewards::plan::AgreedAmount;

commands! {
    /// The next distribution of a contract as it would be saved now (`through` null: today;
    /// `amounts` null: split by contribution shares, else the amounts the team agreed, whose sum
    /// must be the pool); nothing is written.
    read(office, leader)
    fn plan_distribution(ctx, contract_no: String, through: Option<NaiveDate>, staff: Vec<String>, amounts: Option<Vec<AgreedAmount>>) -> Proposal {
        distribution::propose_with(&*ctx.store()?, &contract_no, through.unwrap_or(ctx.today()), &staff, amounts.as_deref())
    }

    /// Saves the plan as a draft (refused while the contract has an unpaid distribution), with
    /// the team's agreed amounts when given, and the allocation form the team signed (`form`),
    /// kept as an attachment of the contract.
    write(office)
    fn create_distribution(ctx, contract_no: String, through: Option<NaiveDate>, staff: Vec<String>, amounts: Option<Vec<AgreedAmount>>, form: Option<FileIn>) -> Distribution {
        let form = form.map(|f| ctx.read_file(&f)).transpose()?;
        let through = through.unwrap_or(ctx.today());
        Ok::<_, crate::Failure>(distribution::create_with(&mut *ctx.store()?, &ctx.actor(), &contract_no, through, &staff, amounts.as_deref(), form.as_deref())?)
    }

    /// One distribution.
    read(office, leader, finance)
    fn get_distribution(ctx, id: i64) -> Distribution {
        let store = ctx.store()?;
        if ctx.caller().is(Role::Finance) {
            scope::distribution_approved(store.conn(), id)?;
        }
        distribution::get(&store, id)
    }

    /// A page of the distribution list.
    read(office, leader, finance)
    fn list_distributions(ctx, query: DistributionQuery) -> DistributionPage {
        distribution::list_visible(&*ctx.store()?, &query, ctx.today(), ctx.caller().is(Role::Finance))
    }

    /// Writes the distribution list (XLSX): every row the list shows under `query` (all pages;
    /// finance sees approved ones only); returns the number of rows.
    read(office, leader, finance)
    fn export_distributions(ctx, query: DistributionQuery, path: FileOut) -> usize {
        let path = ctx.write_file(&path)?;
        transferdesk_report::lists::distributions(&*ctx.store()?, &query, ctx.today(), ctx.caller().is(Role::Finance), &path)
    }

    /// Approves a draft (its minutes, when given, are a file the person chose).
    write(office)
    fn approve_distribution(ctx, id: i64, approval: Approval) -> Distribution {
        let mut approval = approval;
        if let Some(minutes) = approval.minutes_file.take() {
            approval.minutes_file = Some(ctx.read_file(&FileIn(minutes.to_string_lossy().into_owned()))?);
        }
        distribution::approve(&mut *ctx.store()?, &ctx.actor(), id, &approval)
    }

    /// Posts (or re-dates) the publicity; `days` null: the policy's period.
    write(office)
    fn publicize_distribution(ctx, id: i64, from: NaiveDate, days: Option<u32>) -> Distribution {
        distribution::publicize(&mut *ctx.store()?, &ctx.actor(), id, from, days)
    }

    /// Records the payment.
    write(office, finance)
    fn pay_distribution(ctx, id: i64, paid_on: NaiveDate) -> Distribution {
        if ctx.caller().is(Role::Finance) {
            scope::distribution_approved(ctx.store()?.conn(), id)?;
        }
        distribution::pay(&mut *ctx.store()?, &ctx.actor(), id, paid_on)
    }

    /// Cancels a paid distribution by a new draft with negated amounts; returns that draft.
    write(office)
    fn reverse_distribution(ctx, id: i64, reason: String) -> Distribution {
        distribution::reverse(&mut *ctx.store()?, &ctx.actor(), id, &reason)
    }

    /// Deletes a draft.
    write(office)
    fn discard_distribution(ctx, id: i64) -> () {
        distribution::discard(&mut *ctx.store()?, &ctx.actor(), id)
    }

    /// Contracts to start a distribution from.
    read(office)
    fn contract_choices(ctx, search: String) -> Vec<ContractChoice> {
        distribution::contract_choices(&*ctx.store()?, &search, 30)
    }

    /// Transfer-office staff who can share a policy's transfer-staff part, by name or employee ID (the first 30).
    read(office)
    fn staff_choices(ctx, search: String) -> Vec<StaffChoice> {
        distribution::staff_choices(&*ctx.store()?, &search, 30)
    }

    /// The payroll sheet for finance (XLSX); returns the lines written. Audited (personal data).
    write(office, finance)
    fn export_payroll(ctx, id: i64, path: FileOut, reveal_ids: bool) -> usize {
        if ctx.caller().is(Role::Finance) {
            scope::distribution_approved(ctx.store()?.conn(), id)?;
        }
        let path = ctx.write_file(&path)?;
        transferdesk_report::payroll::write(&mut *ctx.store()?, &ctx.actor(), id, &path, reveal_ids)
    }

    /// The finance sheets of several distributions in one workbook, a sheet each (XLSX); returns
    /// the person rows written. Every one must be approved (finance: visible); none is written
    /// otherwise. Audited (personal data).
    write(office, finance)
    fn export_payrolls(ctx, ids: Vec<i64>, path: FileOut, reveal_ids: bool) -> usize {
        if ctx.caller().is(Role::Finance) {
            let store = ctx.store()?;
            for id in &ids {
                scope::distribution_approved(store.conn(), *id)?;
            }
        }
        let path = ctx.write_file(&path)?;
        transferdesk_report::payroll::write_batch(&mut *ctx.store()?, &ctx.actor(), &ids, &path, reveal_ids)
    }

    /// The publicity notice (PDF).
    read(office, leader)
    fn export_notice(ctx, id: i64, path: FileOut) -> () {
        let path = ctx.write_file(&path)?;
        transferdesk_report::notice::write(&*ctx.store()?, id, &path)
    }

    /// One statement per person (PDF); returns how many. Audited (personal data).
    write(office, finance)
    fn export_statements(ctx, id: i64, path: FileOut) -> usize {
        if ctx.caller().is(Role::Finance) {
            scope::distribution_approved(ctx.store()?.conn(), id)?;
        }
        let path = ctx.write_file(&path)?;
        transferdesk_report::statement::write(&mut *ctx.store()?, &ctx.actor(), id, &path, None)
    }
}
