//! The portfolio (成果台账): the list and detail, achievements registered by hand, disclosures
//! (成果披露) with their pre-filing assessments.

use crate::command::commands;
use crate::Host;
use crate::{Failure, FileIn, FileOut};
use serde::Deserialize;
use transferdesk_core::access::scope;
use transferdesk_core::model::FundingLevel;
use transferdesk_core::portfolio::assessment::{self, AssessmentInput, CriteriaSheet, Criterion};
use transferdesk_core::portfolio::bulk::{self, BulkAttached, BulkChoice, BulkPreview, Limits, Source};
use transferdesk_core::portfolio::disclosure::{self, Decision, Disclosure, DisclosureDetail, DisclosurePage, DisclosureQuery};
use transferdesk_core::portfolio::ledger::{self, AchievementDetail, AchievementPage, AchievementQuery, PortfolioFilters};
use transferdesk_core::portfolio::project::{self, AchievementFunding, Project};
use transferdesk_core::portfolio::register::{self, AchievementExtras, AchievementForm};
use transferdesk_core::problem::{Problem, ProblemKind};
use transferdesk_core::Error;

commands! {
    /// One page of the portfolio list.
    read(office, leader, secretary)
    fn list_achievements(ctx, query: AchievementQuery) -> AchievementPage {
        let mut query = query;
        if let Some(department) = ctx.caller().department() {
            query.department = Some(department.to_string());
        }
        ledger::list(&*ctx.store()?, &query)
    }

    /// Writes 成果台账 (XLSX): every row the list shows under `query` (its filters and order,
    /// all pages; a 学院 secretary's own department only); returns the number of rows.
    read(office, leader, secretary)
    fn export_achievements(ctx, query: AchievementQuery, path: FileOut) -> usize {
        let mut query = query;
        if let Some(department) = ctx.caller().department() {
            query.department = Some(department.to_string());
        }
        let path = ctx.write_file(&path)?;
        transferdesk_report::lists::achievements(&*ctx.store()?, &query, ctx.today(), &path)
    }

    /// An achievement's detail page.
    read(office, leader, secretary)
    fn get_achievement(ctx, id: i64) -> AchievementDetail {
        let store = ctx.store()?;
        in_scope(ctx, store.conn(), id)?;
        ledger::detail(&store, id)
    }

    /// The values offered by the list's filters.
    read(office, leader, secretary)
    fn portfolio_filters(ctx) -> PortfolioFilters {
        ledger::filters_in(&*ctx.store()?, ctx.caller().department())
    }

    /// The form of an existing achievement, as saved.
    read(office, secretary)
    fn achievement_form(ctx, id: i64) -> AchievementForm {
        let store = ctx.store()?;
        in_scope(ctx, store.conn(), id)?;
        register::load(store.conn(), id)
    }

    /// Creates (`id` null) or changes an achievement; refused with every field's problem; returns its id.
    write(office, secretary)
    fn save_achievement(ctx, form: AchievementForm) -> i64 {
        let mut store = ctx.store()?;
        if let Some(id) = form.id {
            in_scope(ctx, store.conn(), id)?;
        }
        own_department(ctx, "department", &form.department)?;
        register::save(&mut store, &ctx.actor(), &form)
    }

    /// Co-owners, flags and the disclosure an achievement came from.
    read(office, leader, secretary)
    fn achievement_extras(ctx, id: i64) -> AchievementExtras {
        let store = ctx.store()?;
        in_scope(ctx, store.conn(), id)?;
        register::extras(store.conn(), id)
    }

    /// A page of the disclosure list.
    read(office, leader, secretary)
    fn list_disclosures(ctx, query: DisclosureQuery) -> DisclosurePage {
        let mut query = query;
        if let Some(department) = ctx.caller().department() {
            query.department = Some(department.to_string());
        }
        disclosure::list(ctx.store()?.conn(), &query, ctx.today())
    }

    /// A disclosure's page.
    read(office, leader, secretary)
    fn get_disclosure(ctx, id: i64) -> DisclosureDetail {
        let store = ctx.store()?;
        if let Some(department) = ctx.caller().department() {
            scope::disclosure_in(store.conn(), id, department)?;
        }
        disclosure::get(store.conn(), id, ctx.today())
    }

    /// Years with disclosures, newest first.
    read(office, leader, secretary)
    fn disclosure_years(ctx) -> Vec<i32> {
        disclosure::years_in(ctx.store()?.conn(), ctx.caller().department())
    }

    /// The suggested number (`PL2026-003`) for a disclosure received today.
    read(office, secretary)
    fn next_disclosure_no(ctx) -> String {
        disclosure::suggest_number(ctx.store()?.conn(), ctx.today())
    }

    /// Saves a new (`id` null) or undecided disclosure; returns its id.
    write(office, secretary)
    fn save_disclosure(ctx, disclosure: Disclosure) -> i64 {
        let mut store = ctx.store()?;
        if let (Some(id), Some(department)) = (disclosure.id, ctx.caller().department()) {
            scope::disclosure_in(store.conn(), id, department)?;
        }
        own_department(ctx, "department", &disclosure.department)?;
        disclosure::save(&mut store, &ctx.actor(), &disclosure)
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
    read(admin, office, leader)
    fn assessment_criteria(ctx) -> CriteriaSheet {
        assessment::sheet(ctx.store()?.conn())
    }

    /// Replaces the scoring sheet as loaded at `version` (weights summing to 100%; `edit_conflict`
    /// once someone else changed it).
    write(admin)
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

    /// The project register (项目), newest approval first.
    read(office, leader)
    fn list_projects(ctx) -> Vec<Project> {
        project::list(ctx.store()?.conn())
    }

    /// Adds a project with the achievements it produced.
    write(office)
    fn create_project(ctx, project: Project) -> Project {
        project::create(&mut *ctx.store()?, &ctx.actor(), &project)
    }

    /// Saves a project's form.
    write(office)
    fn update_project(ctx, project: Project) -> Project {
        project::update(&mut *ctx.store()?, &ctx.actor(), &project)
    }

    /// Deletes a project recorded by mistake.
    write(office)
    fn delete_project(ctx, id: i64, version: i64) -> () {
        project::delete(&mut *ctx.store()?, &ctx.actor(), id, version)
    }

    /// An achievement's funding source level (成果来源) and projects.
    read(office, leader)
    fn achievement_funding(ctx, achievement_no: String) -> AchievementFunding {
        project::funding(ctx.store()?.conn(), &achievement_no)
    }

    /// 批量附件: every file of the chosen files, ZIPs and folders with the achievement its name
    /// (or a folder's) matches by application or grant number, or why not; attaches nothing.
    read(office)
    fn preview_bulk_files(ctx, files: Vec<BulkFile>) -> BulkPreview {
        let sources = sources(ctx, &files)?;
        bulk::preview(ctx.store()?.conn(), &sources, &Limits::DEFAULT)
    }

    /// Attaches the chosen rows of a preview of the same `files` (all or nothing, audited); a
    /// file whose content changed since the preview is refused (`bulk_file_changed`).
    write(office)
    fn attach_bulk_files(ctx, files: Vec<BulkFile>, choices: Vec<BulkChoice>) -> BulkAttached {
        let sources = sources(ctx, &files)?;
        bulk::attach(&mut *ctx.store()?, &ctx.actor(), &sources, &choices, &Limits::DEFAULT)
    }

    /// Records (or clears) an achievement's funding source level.
    write(office)
    fn set_funding_level(ctx, achievement_no: String, level: Option<FundingLevel>, version: i64) -> AchievementFunding {
        project::set_funding_level(&mut *ctx.store()?, &ctx.actor(), &achievement_no, level, version)
    }
}

/// A file, ZIP or folder chosen for bulk files, as the transport handed it out: in the desktop
/// app `file` is its path (a folder too) and the rest is empty; in a browser `file` is an
/// upload's handle, `name` the file's own name and `folders` the folders above it inside a
/// chosen folder (its `webkitRelativePath`), which count for matching and are never opened.
#[derive(Clone, Debug, Deserialize, ts_rs::TS)]
pub struct BulkFile {
    pub file: FileIn,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub folders: Vec<String>,
}

fn sources(ctx: &dyn Host, files: &[BulkFile]) -> Result<Vec<Source>, Failure> {
    files
        .iter()
        .map(|f| {
            let mut source = Source::at(&ctx.read_source(&f.file)?);
            if !f.name.trim().is_empty() {
                source.name = f.name.trim().to_string();
            }
            source.folders = f.folders.iter().filter(|d| !d.trim().is_empty()).cloned().collect();
            Ok(source)
        })
        .collect()
}

/// A secretary reaches only their 学院's achievements; anyone else every one.
fn in_scope(ctx: &dyn Host, conn: &rusqlite::Connection, id: i64) -> Result<(), Error> {
    match ctx.caller().department() {
        Some(department) => scope::achievement_in(conn, id, department),
        None => Ok(()),
    }
}

/// A secretary registers records of their own 学院 only.
fn own_department(ctx: &dyn Host, field: &str, department: &str) -> Result<(), Error> {
    match ctx.caller().department() {
        Some(own) if own != department.trim() => {
            Err(Error::Invalid(vec![Problem::field(field, department, ProblemKind::NotAllowedFor(format!("{own}的科研秘书")))]))
        }
        _ => Ok(()),
    }
}
