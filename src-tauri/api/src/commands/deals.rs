//! Deals: contracts and their money, price publicity, collective decisions, ownership grants,
//! valuations, and the files attached to any record.

use crate::command::commands;
use crate::Host;
use crate::{FileIn, FileOut};
use transferdesk_core::access::scope;
use transferdesk_core::deals::contract::edit::{self, MoneyEntry};
use transferdesk_core::deals::contract::view::{self, ContractDetail, ContractPage, ContractQuery, Receivable};
use transferdesk_core::deals::contract::ContractForm;
use transferdesk_core::deals::grant::{self, Grant, GrantPage, GrantQuery};
use transferdesk_core::deals::publicity::{self, Publicity, PublicityPage, PublicityQuery};
use transferdesk_core::deals::resolution::{self, Resolution, ResolutionPage, ResolutionQuery};
use transferdesk_core::deals::valuation::{self, Valuation};
use transferdesk_core::people::organization::{self, Organization, OrganizationChoice};
use transferdesk_core::people::person::{self, PersonChoice};
use transferdesk_core::portfolio::attachment::{self, Attachment};
use transferdesk_core::Error;

commands! {
    /// One page of contracts.
    read(office, leader, finance)
    fn list_contracts(ctx, query: ContractQuery) -> ContractPage {
        view::list(&*ctx.store()?, &query, ctx.today())
    }

    /// Writes the contract list (XLSX): every row the list shows under `query` (all pages);
    /// returns the number of rows.
    read(office, leader, finance)
    fn export_contracts(ctx, query: ContractQuery, path: FileOut) -> usize {
        let path = ctx.write_file(&path)?;
        transferdesk_report::lists::contracts(&*ctx.store()?, &query, ctx.today(), &path)
    }

    /// One contract with its money and evidence.
    read(office, leader, finance)
    fn get_contract(ctx, id: i64) -> ContractDetail {
        view::get(ctx.store()?.conn(), id, ctx.today())
    }

    /// Adds or corrects a contract; returns its id.
    write(office)
    fn save_contract(ctx, form: ContractForm) -> i64 {
        edit::save(&mut *ctx.store()?, &ctx.actor(), &form)
    }

    /// Removes a contract entered by mistake.
    write(office)
    fn delete_contract(ctx, id: i64) -> () {
        edit::delete(&mut *ctx.store()?, &ctx.actor(), id)
    }

    /// Records a receipt (到账); returns its id.
    write(office)
    fn add_receipt(ctx, contract_id: i64, entry: MoneyEntry) -> i64 {
        edit::add_receipt(&mut *ctx.store()?, &ctx.actor(), contract_id, &entry)
    }

    /// Records a cost; returns its id.
    write(office)
    fn add_cost(ctx, contract_id: i64, entry: MoneyEntry) -> i64 {
        edit::add_cost(&mut *ctx.store()?, &ctx.actor(), contract_id, &entry)
    }

    /// Removes a receipt no distribution counted.
    write(office)
    fn delete_receipt(ctx, id: i64) -> () {
        edit::delete_receipt(&mut *ctx.store()?, &ctx.actor(), id)
    }

    /// Removes a cost no distribution counted.
    write(office)
    fn delete_cost(ctx, id: i64) -> () {
        edit::delete_cost(&mut *ctx.store()?, &ctx.actor(), id)
    }

    /// Installments owed, due within `within_days` or overdue.
    read(office, leader, finance)
    fn list_receivables(ctx, within_days: u32) -> Vec<Receivable> {
        view::receivables(&*ctx.store()?, ctx.today(), within_days)
    }

    /// The contract's evidence bundle for 尽职免责 (PDF).
    read(office, leader)
    fn export_evidence(ctx, id: i64, path: FileOut) -> () {
        let path = ctx.write_file(&path)?;
        transferdesk_report::evidence::write(&*ctx.store()?, id, ctx.today(), &path)
    }

    /// Organizations for a picker.
    read(office)
    fn organization_choices(ctx, search: String) -> Vec<OrganizationChoice> {
        organization::choices(ctx.store()?.conn(), &search, 20)
    }

    /// Adds a counterparty typed into a form; returns its id.
    write(office)
    fn create_organization(ctx, organization: Organization) -> i64 {
        organization::create(&mut *ctx.store()?, &ctx.actor(), &organization)
    }

    /// People for a picker.
    read(office, secretary)
    fn person_choices(ctx, search: String) -> Vec<PersonChoice> {
        person::choices(ctx.store()?.conn(), &search, 20)
    }

    /// A page of the price publicities, each with its stage today.
    read(office, leader)
    fn list_publicities(ctx, query: PublicityQuery) -> PublicityPage {
        publicity::list(ctx.store()?.conn(), &query, ctx.today())
    }

    /// Adds or changes a publicity with its objections; returns its id.
    write(office)
    fn save_publicity(ctx, publicity: Publicity) -> i64 {
        publicity::save(&mut *ctx.store()?, &ctx.actor(), &publicity)
    }

    /// A page of the collective decisions.
    read(office, leader)
    fn list_resolutions(ctx, query: ResolutionQuery) -> ResolutionPage {
        resolution::list(ctx.store()?.conn(), &query)
    }

    /// Adds or corrects a collective decision; returns its id.
    write(office)
    fn save_resolution(ctx, resolution: Resolution) -> i64 {
        resolution::save(&mut *ctx.store()?, &ctx.actor(), &resolution)
    }

    /// A page of the ownership grants.
    read(office, leader)
    fn list_grants(ctx, query: GrantQuery) -> GrantPage {
        grant::list(ctx.store()?.conn(), &query)
    }

    /// Adds or corrects an ownership grant; returns its id.
    write(office)
    fn save_grant(ctx, grant: Grant) -> i64 {
        grant::save(&mut *ctx.store()?, &ctx.actor(), &grant)
    }

    /// The valuations of an achievement or of a contract, newest base date first.
    read(office, leader)
    fn list_valuations(ctx, achievement_id: Option<i64>, contract_id: Option<i64>) -> Vec<Valuation> {
        valuation::list_for(ctx.store()?.conn(), achievement_id, contract_id)
    }

    /// Adds or changes a valuation; returns its id.
    write(office)
    fn save_valuation(ctx, valuation: Valuation) -> i64 {
        valuation::save(&mut *ctx.store()?, &ctx.actor(), &valuation)
    }

    /// Removes a valuation.
    write(office)
    fn delete_valuation(ctx, id: i64) -> () {
        valuation::delete(&mut *ctx.store()?, &ctx.actor(), id)
    }

    /// The files attached to a record.
    read(office, leader, secretary)
    fn list_attachments(ctx, entity: String, entity_id: i64) -> Vec<Attachment> {
        let store = ctx.store()?;
        attachments_in_scope(ctx, store.conn(), &entity, entity_id)?;
        attachment::list(store.conn(), &entity, entity_id)
    }

    /// Keeps a copy of the chosen file with a record.
    write(office, secretary)
    fn attach_file(ctx, entity: String, entity_id: i64, path: FileIn) -> Attachment {
        let path = ctx.read_file(&path)?;
        let mut store = ctx.store()?;
        attachments_in_scope(ctx, store.conn(), &entity, entity_id)?;
        attachment::add(&mut store, &ctx.actor(), &entity, entity_id, &path)
    }

    /// Unties a file from its record.
    write(office, secretary)
    fn remove_attachment(ctx, id: i64) -> () {
        let mut store = ctx.store()?;
        let found = attachment::get(store.conn(), id)?;
        attachments_in_scope(ctx, store.conn(), &found.entity, found.entity_id)?;
        attachment::remove(&mut store, &ctx.actor(), id)
    }

    /// Shows an attached file (checked against its hash; never a path from the caller).
    read(office, leader, secretary)
    fn open_attachment(ctx, id: i64) -> () {
        let (path, name) = {
            let store = ctx.store()?;
            let found = attachment::get(store.conn(), id)?;
            attachments_in_scope(ctx, store.conn(), &found.entity, found.entity_id)?;
            (attachment::path(&store, id)?, found.name)
        };
        ctx.show_file(&path, &name)
    }
}

/// A secretary reaches the files of their 学院's achievements and disclosures, nothing else.
fn attachments_in_scope(ctx: &dyn Host, conn: &rusqlite::Connection, entity: &str, entity_id: i64) -> Result<(), Error> {
    let Some(department) = ctx.caller().department() else { return Ok(()) };
    match entity {
        "achievement" => scope::achievement_in(conn, entity_id, department),
        "disclosure" => scope::disclosure_in(conn, entity_id, department),
        _ => Err(Error::NotFound { what: "record", key: format!("{entity} {entity_id}") }),
    }
}
