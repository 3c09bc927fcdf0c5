//! People (人员) and organizations (合作单位): lists, pages, edits, duplicates and merges.

use crate::command::commands;
use crate::FileOut;
use transferdesk_core::people::merge;
use transferdesk_core::people::organization::{self, IndustrySection};
use transferdesk_core::people::organization_page::{
    self, OrganizationDetail, OrganizationDuplicate, OrganizationEdit, OrganizationPage, OrganizationQuery, OrganizationRow,
};
use transferdesk_core::people::outside_work::{self, OutsideWork};
use transferdesk_core::people::person_page::{
    self, PersonDetail, PersonDuplicate, PersonEdit, PersonPage, PersonQuery, PersonRow, Revealed,
};
use transferdesk_core::people::platform::{self, Platform};

commands! {
    /// One page of the people list.
    read(office, leader)
    fn list_people(ctx, query: PersonQuery) -> PersonPage {
        person_page::list(&*ctx.store()?, &query)
    }

    /// Writes the people list (XLSX, numbers masked as the list shows them): every row under
    /// `query` (all pages); the export is written to the audit log. Returns the number of rows.
    write(office, leader)
    fn export_people(ctx, query: PersonQuery, path: FileOut) -> usize {
        let path = ctx.write_file(&path)?;
        transferdesk_report::lists::people(&mut *ctx.store()?, &ctx.actor(), &query, ctx.today(), &path)
    }

    /// Department names (the people list's filter; a secretary account's 学院 on the accounts screen).
    read(admin, office, leader)
    fn people_departments(ctx) -> Vec<String> {
        transferdesk_core::portfolio::department::names(ctx.store()?.conn())
    }

    /// A person's page (numbers masked).
    read(office, leader)
    fn person_detail(ctx, id: i64) -> PersonDetail {
        person_page::detail(&*ctx.store()?, id)
    }

    /// The full resident ID and bank account of one person, asked for on purpose; each reveal
    /// is written to the audit log (without the numbers).
    write(office, leader)
    fn reveal_person(ctx, id: i64) -> Revealed {
        person_page::reveal(&mut *ctx.store()?, &ctx.actor(), id)
    }

    /// Saves the edit form of a person.
    write(office)
    fn update_person(ctx, edit: PersonEdit) -> PersonRow {
        person_page::update(&mut *ctx.store()?, &ctx.actor(), &edit)
    }

    /// Likely duplicate people.
    read(office)
    fn person_duplicates(ctx) -> Vec<PersonDuplicate> {
        person_page::duplicates(&*ctx.store()?)
    }

    /// Merges person `duplicate` into `keep`; returns the merge's id.
    write(office)
    fn merge_people(ctx, keep: i64, duplicate: i64, reason: String) -> i64 {
        person_page::merge(&mut *ctx.store()?, &ctx.actor(), keep, duplicate, &reason)
    }

    /// Undoes a merge (of people or organizations) by a counter-entry; returns its id.
    write(office)
    fn unmerge(ctx, merge_id: i64, reason: String) -> i64 {
        merge::unmerge(&mut *ctx.store()?, &ctx.actor(), merge_id, &reason)
    }

    /// One page of the organization list.
    read(office, leader)
    fn list_organizations(ctx, query: OrganizationQuery) -> OrganizationPage {
        organization_page::list(&*ctx.store()?, &query)
    }

    /// Writes the organization list (XLSX): every row under `query` (all pages); returns the
    /// number of rows.
    read(office, leader)
    fn export_organizations(ctx, query: OrganizationQuery, path: FileOut) -> usize {
        let path = ctx.write_file(&path)?;
        transferdesk_report::lists::organizations(&*ctx.store()?, &query, ctx.today(), &path)
    }

    /// Regions for the organization list's filter.
    read(office, leader)
    fn organization_regions(ctx) -> Vec<String> {
        organization_page::regions(&*ctx.store()?)
    }

    /// An organization's page.
    read(office, leader)
    fn organization_detail(ctx, id: i64) -> OrganizationDetail {
        organization_page::detail(&*ctx.store()?, id)
    }

    /// Saves the edit form of an organization.
    write(office)
    fn update_organization(ctx, edit: OrganizationEdit) -> OrganizationRow {
        organization_page::update(&mut *ctx.store()?, &ctx.actor(), &edit)
    }

    /// Likely duplicate organizations.
    read(office)
    fn organization_duplicates(ctx) -> Vec<OrganizationDuplicate> {
        organization_page::duplicates(&*ctx.store()?)
    }

    /// Merges organization `duplicate` into `keep`; returns the merge's id.
    write(office)
    fn merge_organizations(ctx, keep: i64, duplicate: i64, reason: String) -> i64 {
        organization_page::merge(&mut *ctx.store()?, &ctx.actor(), keep, duplicate, &reason)
    }

    /// The sections of 国民经济行业分类 (GB/T 4754) an organization's industry is one of.
    read(office, leader)
    fn industry_sections(ctx) -> Vec<IndustrySection> {
        let _ = ctx;
        Ok::<_, transferdesk_core::Error>(organization::industry_sections())
    }

    /// The institution's R&D institutions, transfer institutions and service platforms.
    read(office, leader)
    fn list_platforms(ctx) -> Vec<Platform> {
        platform::list(ctx.store()?.conn())
    }

    /// Adds a platform.
    write(office)
    fn create_platform(ctx, platform: Platform) -> Platform {
        platform::create(&mut *ctx.store()?, &ctx.actor(), &platform)
    }

    /// Saves a platform's form.
    write(office)
    fn update_platform(ctx, platform: Platform) -> Platform {
        platform::update(&mut *ctx.store()?, &ctx.actor(), &platform)
    }

    /// Deletes a platform recorded by mistake.
    write(office)
    fn delete_platform(ctx, id: i64, version: i64) -> () {
        platform::delete(&mut *ctx.store()?, &ctx.actor(), id, version)
    }

    /// People's part-time (兼职) and leave-to-found (离岗创业) periods, of one person when given.
    read(office, leader)
    fn list_outside_work(ctx, employee_id: Option<String>) -> Vec<OutsideWork> {
        outside_work::list(ctx.store()?.conn(), employee_id.as_deref())
    }

    /// Adds a part-time or leave-to-found period.
    write(office)
    fn create_outside_work(ctx, period: OutsideWork) -> OutsideWork {
        outside_work::create(&mut *ctx.store()?, &ctx.actor(), &period)
    }

    /// Saves a period's form.
    write(office)
    fn update_outside_work(ctx, period: OutsideWork) -> OutsideWork {
        outside_work::update(&mut *ctx.store()?, &ctx.actor(), &period)
    }

    /// Deletes a period recorded by mistake.
    write(office)
    fn delete_outside_work(ctx, id: i64, version: i64) -> () {
        outside_work::delete(&mut *ctx.store()?, &ctx.actor(), id, version)
    }
}
