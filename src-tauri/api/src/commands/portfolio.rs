//! The portfolio (成果台账): the list and detail, achievements registered by hand, disclosures
//! (成果披露) with their pre-filing assessments.

use crate::command::commands;
use transferdesk_core::portfolio::assessment::{self, AssessmentInput, CriteriaSheet, Criterion};
use transferdesk_core::portfolio::disclosure::{self, Decision, Disclosure, DisclosureDetail, DisclosurePage, DisclosureQuery};
use transferdesk_core::portfolio::ledger::{self, AchievementDetail, AchievementPage, AchievementQuery, PortfolioFilters};
use transferdesk_core::portfolio::register::{self, AchievementExtras, AchievementForm};

commands! {
    /// One page of the portfolio list.
    read(office)
    fn list_achievements(ctx, query: AchievementQuery) -> AchievementPage {
        ledger::list(&*ctx.store()?, &query)
    }

    /// An achievement's detail page.
    read(office)
    fn get_achievement(ctx, id: i64) -> AchievementDetail {
        ledger::detail(&*ctx.store()?, id)
    }

    /// The values offered by the list's filters.
    read(office)
    fn portfolio_filters(ctx) -> PortfolioFilters {
        ledger::filters(&*ctx.store()?)
    }

    /// The form of an existing achievement, as saved.
    read(office)
    fn achievement_form(ctx, id: i64) -> AchievementForm {
        register::load(ctx.store()?.conn(), id)
    }

    /// Creates (`id` null) or changes an achievement; refused with every field's problem; returns its id.
    write(office)
    fn save_achievement(ctx, form: AchievementForm) -> i64 {
        register::save(&mut *ctx.store()?, &ctx.actor(), &form)
    }

    /// Co-owners, flags and the disclosure an achievement came from.
    read(office)
    fn achievement_extras(ctx, id: i64) -> AchievementExtras {
        register::extras(ctx.store()?.conn(), id)
    }

    /// A page of the disclosure list.
    read(office)
    fn list_disclosures(ctx, query: DisclosureQuery) -> DisclosurePage {
        disclosure::list(ctx.store()?.conn(), &query, ctx.today())
    }

    /// A disclosure's page.
    read(office)
    fn get_disclosure(ctx, id: i64) -> DisclosureDetail {
        disclosure::get(ctx.store()?.conn(), id, ctx.today())
    }

    /// Years with disclosures, newest first.
    read(office)
    fn disclosure_years(ctx) -> Vec<i32> {
        disclosure::years(ctx.store()?.conn())
    }

    /// The suggested number (`PL2026-003`) for a disclosure received today.
    read(office)
    fn next_disclosure_no(ctx) -> String {
        disclosure::suggest_number(ctx.store()?.conn(), ctx.today())
    }

    /// Saves a new (`id` null) or undecided disclosure; returns its id.
    write(office)
    fn save_disclosure(ctx, disclosure: Disclosure) -> i64 {
        disclosure::save(&mut *ctx.store()?, &ctx.actor(), &disclosure)
    }

    /// Records or corrects the decision on the disclosure as loaded at `version` (refused with
    /// `edit_conflict` once someone else changed it, `disclosure_converted` once an achievement came from it).
    write(office)
    fn decide_disclosure(ctx, id: i64, decision: Decision, version: i64) -> () {
        disclosure::decide(&mut *ctx.store()?, &ctx.actor(), id, &decision, version)
    }

    /// The achievement form prefilled from a decided disclosure (`disclosure_not_decided` / `disclosure_dropped` otherwise).
    read(office)
    fn conversion_form(ctx, id: i64) -> AchievementForm {
        register::conversion_form(ctx.store()?.conn(), id)
    }

    /// The scoring sheet of the pre-filing assessment, with its version.
    read(office)
    fn assessment_criteria(ctx) -> CriteriaSheet {
        assessment::sheet(ctx.store()?.conn())
    }

    /// Replaces the scoring sheet as loaded at `version` (weights summing to 100%; `edit_conflict`
    /// once someone else changed it).
    write(office)
    fn save_assessment_criteria(ctx, criteria: Vec<Criterion>, version: i64) -> () {
        assessment::save_criteria(&mut *ctx.store()?, &ctx.actor(), &criteria, version)
    }

    /// Adds an assessment to an undecided disclosure; returns its id.
    write(office)
    fn add_assessment(ctx, input: AssessmentInput) -> i64 {
        assessment::add(&mut *ctx.store()?, &ctx.actor(), &input)
    }

    /// Removes an assessment of an undecided disclosure.
    write(office)
    fn delete_assessment(ctx, id: i64) -> () {
        assessment::delete(&mut *ctx.store()?, &ctx.actor(), id)
    }
}
