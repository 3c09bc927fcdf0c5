//! The institution, reward policies, the holiday calendar, and today's date as the backend sees it.

use crate::command::commands;
use chrono::NaiveDate;
use transferdesk_core::calendar::{self, Holiday, HolidayList};
use transferdesk_core::rewards::policy::{self, Policy};
use transferdesk_core::store::institution::{self, Institution, Profile};

commands! {
    /// Today as the backend sees it (the day the rules and the audit log use).
    read(everyone)
    fn today(ctx) -> NaiveDate {
        Ok::<_, crate::Failure>(ctx.today())
    }

    /// The institution's profile for the header.
    read(everyone)
    fn get_institution(ctx) -> Institution {
        institution::load(&*ctx.store()?)
    }

    /// The institution's whole profile, for settings.
    read(admin, office, leader)
    fn get_profile(ctx) -> Profile {
        institution::load_profile(&*ctx.store()?)
    }

    /// Saves the institution's profile.
    write(admin)
    fn save_profile(ctx, profile: Profile) -> Profile {
        institution::save_profile(&mut *ctx.store()?, &ctx.actor(), &profile)
    }

    /// Every reward policy version.
    read(admin, office, finance, leader)
    fn list_policies(ctx) -> Vec<Policy> {
        policy::list(&*ctx.store()?)
    }

    /// Adds a version (`id` null) or changes one not in use; returns its id.
    write(admin)
    fn save_policy(ctx, policy: Policy) -> i64 {
        policy::save(&mut *ctx.store()?, &ctx.actor(), &policy)
    }

    /// Removes an unused version.
    write(admin)
    fn delete_policy(ctx, id: i64) -> () {
        policy::delete(&mut *ctx.store()?, &ctx.actor(), id)
    }

    /// The listed holidays and make-up working days, with each year's version.
    read(admin, office, leader)
    fn list_holidays(ctx) -> HolidayList {
        calendar::list_with_versions(&*ctx.store()?)
    }

    /// Replaces the listed days of one year as loaded at `version` (`edit_conflict` once someone
    /// else saved that year).
    write(admin)
    fn save_holidays(ctx, year: i32, days: Vec<Holiday>, version: i64) -> () {
        calendar::save_year(&mut *ctx.store()?, &ctx.actor(), year, &days, version)
    }

    /// The last day of a publicity period posted on `from` (civil-code counting, holiday calendar).
    read(admin, office)
    fn publicity_end(ctx, from: NaiveDate, days: u32) -> NaiveDate {
        calendar::publicity_end(&*ctx.store()?, from, days)
    }
}
