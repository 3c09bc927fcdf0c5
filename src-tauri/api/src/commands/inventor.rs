//! The inventors' side (发明人端) and what the office does in answer: disclosures written,
//! sent back and submitted again; fee questions asked and answered; publicities and the
//! objections filed against them; and every account's notifications.
//!
//! An inventor's commands take the person from the signed-in account, never from the arguments:
//! there is no argument by which one inventor could name another.

use crate::command::commands;
use crate::{Failure, FileIn, FileOut, Host};
use std::path::PathBuf;
use transferdesk_core::inventor::directory::{self, Colleague};
use transferdesk_core::inventor::disclosure::{self as mine, DisclosureForm, MyDisclosure, MyDisclosureDetail};
use transferdesk_core::inventor::portfolio::{self, FeeAnswerKind, FeeQuestion, FeeQuestionInput, MyAchievement};
use transferdesk_core::inventor::publicity::{self, MyObjection, ObjectionInput, PublicNotice};
use transferdesk_core::inventor::rewards::{self, MyReward};
use transferdesk_core::notification::{self, Inbox};
use transferdesk_core::portfolio::disclosure;
use transferdesk_core::rewards::objection::{self, Handling, RewardObjection};

commands! {
    /// 我的披露: my drafts and the disclosures I wrote or am an inventor of, newest first.
    read(inventor)
    fn my_disclosures(ctx) -> Vec<MyDisclosure> {
        mine::mine(ctx.store()?.conn(), me(ctx)?, ctx.today())
    }

    /// One of my disclosures: the intake, its stage, the decision, the assessments' outcomes.
    read(inventor)
    fn my_disclosure(ctx, id: i64) -> MyDisclosureDetail {
        mine::detail(ctx.store()?.conn(), me(ctx)?, id, ctx.today())
    }

    /// One of my drafts, as saved.
    read(inventor)
    fn my_draft(ctx, id: i64) -> DisclosureForm {
        mine::draft(ctx.store()?.conn(), me(ctx)?, id)
    }

    /// Saves my draft as typed (complete or not); returns its id.
    write(inventor)
    fn save_my_draft(ctx, form: DisclosureForm) -> i64 {
        mine::save_draft(&mut *ctx.store()?, &ctx.actor(), me(ctx)?, &form)
    }

    /// Deletes my draft.
    write(inventor)
    fn delete_my_draft(ctx, id: i64) -> () {
        mine::delete_draft(&mut *ctx.store()?, &ctx.actor(), me(ctx)?, id)
    }

    /// Submits my disclosure with its files: checked like the office's intake (every problem by
    /// field, nothing written), numbered and received today; returns the disclosure's id.
    write(inventor)
    fn submit_my_disclosure(ctx, form: DisclosureForm, files: Vec<FileIn>) -> i64 {
        let files = paths(ctx, &files)?;
        mine::submit(&mut *ctx.store()?, &ctx.actor(), me(ctx)?, &form, &files)
    }

    /// Submits again a disclosure the office sent back to me, changed, with more files.
    write(inventor)
    fn resubmit_my_disclosure(ctx, id: i64, form: DisclosureForm, files: Vec<FileIn>) -> () {
        let files = paths(ctx, &files)?;
        mine::resubmit(&mut *ctx.store()?, &ctx.actor(), me(ctx)?, id, &form, &files)
    }

    /// Shows a file of one of my disclosures.
    read(inventor)
    fn show_my_disclosure_file(ctx, id: i64) -> () {
        let (path, name) = mine::file_path(&*ctx.store()?, me(ctx)?, id)?;
        ctx.show_file(&path, &name)
    }

    /// Colleagues whose name contains, or whose employee ID is, `search` (name, ID, 学院 only).
    read(inventor)
    fn find_colleagues(ctx, search: String) -> Vec<Colleague> {
        directory::search(ctx.store()?.conn(), &search)
    }

    /// 我的成果: the achievements I am an inventor of, with the next fee and any fee question.
    read(inventor)
    fn my_achievements(ctx) -> Vec<MyAchievement> {
        portfolio::mine(&*ctx.store()?, me(ctx)?, ctx.today())
    }

    /// Answers (or changes my answer to) an open keep/abandon question.
    write(inventor)
    fn answer_fee_question(ctx, question_id: i64, answer: FeeAnswerKind, note: Option<String>) -> () {
        portfolio::answer(&mut *ctx.store()?, &ctx.actor(), me(ctx)?, question_id, answer, note.as_deref())
    }

    /// 我的收益: my lines of the distributions past their draft.
    read(inventor)
    fn my_rewards(ctx) -> Vec<MyReward> {
        rewards::mine(ctx.store()?.conn(), me(ctx)?)
    }

    /// My statement of a distribution I have a line in (PDF); returns 1.
    write(inventor)
    fn export_my_statement(ctx, id: i64, path: FileOut) -> usize {
        let employee_id = me(ctx)?.to_string();
        rewards::check_mine(ctx.store()?.conn(), &employee_id, id)?;
        let path = ctx.write_file(&path)?;
        transferdesk_report::statement::write(&mut *ctx.store()?, &ctx.actor(), id, &path, Some(&employee_id))
    }

    /// 公示: the price and reward publicities running today, as their notices show them.
    read(inventor)
    fn running_publicities(ctx) -> Vec<PublicNotice> {
        publicity::running(ctx.store()?.conn(), me(ctx)?, ctx.today())
    }

    /// Files an objection against a publicity running today, with its files; returns its id.
    write(inventor)
    fn file_objection(ctx, objection: ObjectionInput, files: Vec<FileIn>) -> i64 {
        let files = paths(ctx, &files)?;
        publicity::file(&mut *ctx.store()?, &ctx.actor(), me(ctx)?, &objection, &files)
    }

    /// The objections I filed, with their handling.
    read(inventor)
    fn my_objections(ctx) -> Vec<MyObjection> {
        publicity::mine(ctx.store()?.conn(), me(ctx)?)
    }

    /// Shows a file an objection came with (an inventor: only of their own objections).
    read(office, leader, inventor)
    fn show_objection_file(ctx, id: i64) -> () {
        let employee_id = ctx.caller().account().filter(|a| a.role == transferdesk_core::access::Role::Inventor).and_then(|a| a.employee_id.clone());
        let (path, name) = publicity::file_path(&*ctx.store()?, employee_id.as_deref(), id)?;
        ctx.show_file(&path, &name)
    }

    /// Sends a disclosure an inventor submitted back to them with what to change.
    write(office)
    fn send_back_disclosure(ctx, id: i64, note: String, version: i64) -> () {
        disclosure::send_back(&mut *ctx.store()?, &ctx.actor(), id, &note, version)
    }

    /// Shows (or hides) a disclosure's assessment scores to its inventors.
    write(office)
    fn publish_disclosure_scores(ctx, id: i64, published: bool) -> () {
        disclosure::publish_scores(&mut *ctx.store()?, &ctx.actor(), id, published)
    }

    /// Asks a patent's inventors whether to keep paying its fees; returns the question's id.
    write(office)
    fn ask_fee_question(ctx, input: FeeQuestionInput) -> i64 {
        portfolio::ask(&mut *ctx.store()?, &ctx.actor(), &input)
    }

    /// An achievement's keep/abandon questions with their answers, newest first.
    read(office, leader)
    fn fee_questions(ctx, achievement_id: i64) -> Vec<FeeQuestion> {
        portfolio::questions(ctx.store()?.conn(), achievement_id)
    }

    /// The objections to a distribution's publicity.
    read(office, leader, finance)
    fn reward_objections(ctx, id: i64) -> Vec<RewardObjection> {
        objection::list(ctx.store()?.conn(), id)
    }

    /// Records the handling of an objection to a reward publicity.
    write(office)
    fn handle_reward_objection(ctx, id: i64, handling: Handling) -> () {
        objection::handle(&mut *ctx.store()?, &ctx.actor(), id, &handling)
    }

    /// My notifications: the unread count and the newest (none at the desk).
    read(everyone)
    fn notifications(ctx, limit: u32) -> Inbox {
        match ctx.caller().account() {
            Some(account) => notification::inbox(ctx.store()?.conn(), account, limit),
            None => Ok(Inbox { unread: 0, items: Vec::new() }),
        }
    }

    /// Marks my notifications read: the ones listed, or all; returns how many.
    write(everyone)
    fn mark_notifications_read(ctx, ids: Option<Vec<i64>>) -> usize {
        match ctx.caller().account() {
            Some(account) => notification::mark_read(ctx.store()?.conn(), account, ids.as_deref()),
            None => Ok(0),
        }
    }
}

/// The employee ID of the signed-in inventor (an inventor account is always tied to a person).
fn me(ctx: &dyn Host) -> Result<&str, Failure> {
    ctx.caller().account().and_then(|a| a.employee_id.as_deref()).ok_or_else(|| Failure::forbidden("inventor"))
}

fn paths(ctx: &dyn Host, files: &[FileIn]) -> Result<Vec<PathBuf>, Failure> {
    files.iter().map(|f| ctx.read_file(f)).collect()
}
