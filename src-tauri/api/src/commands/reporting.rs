//! The annual transformation report (年度报告) and the start screen (工作台).

use crate::command::commands;
use crate::DirOut;
use transferdesk_core::reporting::annual::{self, RecordLine};
use transferdesk_core::reporting::dashboard::{self, Dashboard};
use transferdesk_core::reporting::filing::{self, AnnualReport};
use transferdesk_core::reporting::report_year::{self, ReportYear};
use transferdesk_core::Lang;

commands! {
    /// The start screen (工作台) for today.
    read(office, leader)
    fn dashboard(ctx) -> Dashboard {
        dashboard::overview(&*ctx.store()?, ctx.today())
    }

    /// The report screen for a year; `department` null: the whole institution, else that 学院's figures.
    read(office, leader, secretary)
    fn annual_report(ctx, year: i32, department: Option<String>) -> AnnualReport {
        let department = ctx.caller().department().map(str::to_string).or(department);
        filing::overview(&*ctx.store()?, year, department.as_deref(), ctx.today(), Lang::Zh)
    }

    /// The records behind one figure; `indicator` is its dotted path, e.g. `transformation.license.received_fen`.
    read(office, leader, secretary)
    fn indicator_records(ctx, year: i32, indicator: String, department: Option<String>) -> Vec<RecordLine> {
        let department = ctx.caller().department().map(str::to_string).or(department);
        annual::records(&*ctx.store()?, year, &indicator, department.as_deref())
    }

    /// Saves the due date, narrative and cases of a year (refused with `report_filed` once filed).
    write(office)
    fn save_report_year(ctx, input: ReportYear) -> ReportYear {
        report_year::save(&mut *ctx.store()?, &ctx.actor(), &input)
    }

    /// Marks the year filed (frozen snapshot); refused with the first error finding's code unless a reason is given.
    write(office, leader)
    fn file_report_year(ctx, year: i32, override_reason: Option<String>) -> ReportYear {
        transferdesk_report::annual::file(&mut *ctx.store()?, &ctx.actor(), year, override_reason.as_deref())
    }

    /// Writes the report's XLSX and PDF into a folder as job `job` (`department` null: the
    /// institution's report, as filed once filed); returns the two files.
    read(office, leader, secretary)
    fn export_annual(ctx, job: String, year: i32, department: Option<String>, dir: DirOut) -> Vec<String> {
        let department = ctx.caller().department().map(str::to_string).or(department);
        let dir = ctx.write_dir(&dir)?;
        let store = ctx.store()?;
        let files = ctx.jobs().run(&job, |steps| {
            transferdesk_report::annual::write_with_steps(&store, year, department.as_deref(), &dir, &mut |s| steps(s.progress()))
        })?;
        Ok::<_, crate::Failure>(vec![ctx.describe(&files.xlsx), ctx.describe(&files.pdf)])
    }
}
