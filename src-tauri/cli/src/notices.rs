//! `transferdesk notices …` and `transferdesk deadlines …`: CNIPA's notices read from their PDFs
//! (a file, a ZIP, a folder) and, with `--confirm`, recorded as proposed; the prosecution
//! deadlines list and its export (docs/cli.md "notices import", "deadlines"; the rules in
//! docs/rules/prosecution.md).

use crate::output::{Doc, Failure};
use chrono::NaiveDate;
use clap::Subcommand;
use serde_json::json;
use std::path::{Path, PathBuf};
use transferdesk_core::portfolio::bulk::Source;
use transferdesk_core::prosecution::deadline::{self, PatentDeadline, PatentDeadlineKind, PatentDeadlineQuery};
use transferdesk_core::prosecution::intake::{self, NoticeConfirmation, NoticeIntake};
use transferdesk_core::prosecution::rule::Delivery;
use transferdesk_core::{Lang, Store};

/// The subcommands of `notices`.
#[derive(Subcommand)]
pub enum Notices {
    /// Read notice PDFs (files, ZIPs, folders) and show what each would record; with --confirm,
    /// record them all as proposed (all or nothing).
    Import {
        /// PDF files, ZIPs of them, or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Record the proposals (without it nothing is written).
        #[arg(long)]
        confirm: bool,
        /// The notices came by post (received 15 days after issue), not electronically.
        #[arg(long)]
        paper: bool,
    },
}

/// `deadlines`: the list, optionally written to a workbook.
#[derive(clap::Args)]
pub struct Deadlines {
    /// Due within this many days (passed ones included).
    #[arg(long)]
    within: Option<i64>,
    /// One kind only (office_action, correction, examination_request, registration,
    /// reexamination, restoration, payment, expiry).
    #[arg(long, value_parser = parse_kind)]
    kind: Option<PatentDeadlineKind>,
    /// One 学院 only.
    #[arg(long)]
    department: Option<String>,
    /// Done ones too.
    #[arg(long)]
    all: bool,
    /// The day (default: today).
    #[arg(long, value_parser = crate::parse_date)]
    on: Option<NaiveDate>,
    /// Write the list to this .xlsx as well.
    #[arg(long)]
    export: Option<PathBuf>,
}

fn parse_kind(text: &str) -> Result<PatentDeadlineKind, String> {
    PatentDeadlineKind::parse(text)
        .ok_or_else(|| format!("'{text}': one of {}", PatentDeadlineKind::ALL.iter().map(|k| k.key()).collect::<Vec<_>>().join(", ")))
}

/// Runs `notices …`.
pub fn run(path: &Path, command: Notices, lang: Lang, actor: transferdesk_core::Actor) -> Result<Doc, Failure> {
    let Notices::Import { paths, confirm, paper } = command;
    let sources: Vec<Source> = paths.iter().map(|p| Source::at(p)).collect();
    let (found, refused) = intake::gather(&sources)?;
    let mut store = Store::open(path)?;
    let intake = intake::propose(&store, &found, refused)?;
    let mut human = intake_text(&intake, lang);
    let mut json = serde_json::to_value(&intake).unwrap_or_default();
    if confirm && !intake.proposals.is_empty() {
        let delivery = if paper { Delivery::Paper } else { Delivery::Electronic };
        let confirmations: Vec<NoticeConfirmation> = intake.proposals.iter().map(|p| p.as_proposed(delivery)).collect();
        let recorded = intake::confirm(&mut store, &actor, &found, &confirmations)?;
        human.push_str(&match lang {
            Lang::Zh => format!("\n已登记 {} 份通知书", recorded.len()),
            Lang::En => format!("\n{} notice(s) recorded", recorded.len()),
        });
        json["recorded"] = serde_json::to_value(&recorded).unwrap_or_default();
    } else if !intake.proposals.is_empty() {
        human.push_str(match lang {
            Lang::Zh => "\n（未写入：核对无误后加 --confirm 登记）",
            Lang::En => "\n(nothing written: add --confirm to record them)",
        });
    }
    Ok(Doc::new(json, human))
}

fn intake_text(intake: &NoticeIntake, lang: Lang) -> String {
    let mut out = Vec::new();
    for p in &intake.proposals {
        let deadline = p.deadline.as_ref().map_or_else(String::new, |d| {
            let due = d.due_on.map_or_else(|| "?".to_string(), |x| x.to_string());
            format!(" → {} {due}", d.kind.zh())
        });
        let status = p.status_after.map_or_else(String::new, |s| format!(" · {}→{}", p.patent.status.zh(), s.zh()));
        out.push(format!("{}  {} {} {}{deadline}{status}", p.file, p.patent.achievement_no, p.title, p.issued_on));
    }
    for s in &intake.skipped {
        out.push(match lang {
            Lang::Zh => format!("{}  未读取：{}", s.name, s.reason),
            Lang::En => format!("{}  skipped ({}): {}", s.name, s.code, s.reason),
        });
    }
    out.join("\n")
}

/// Runs `deadlines`.
pub fn deadlines(path: &Path, args: Deadlines, lang: Lang, today: NaiveDate) -> Result<Doc, Failure> {
    let store = Store::open(path)?;
    let on = args.on.unwrap_or(today);
    let query = PatentDeadlineQuery {
        kind: args.kind,
        department: args.department,
        within_days: args.within,
        include_done: args.all,
        achievement_id: None,
    };
    let list = deadline::list(&store, &query, on)?;
    let mut human: Vec<String> = list.iter().map(|d| line(d, lang)).collect();
    if let Some(file) = &args.export {
        let rows = transferdesk_report::lists::deadlines(&store, &query, on, file)?;
        human.push(match lang {
            Lang::Zh => format!("已写出 {rows} 行到 {}", file.display()),
            Lang::En => format!("{rows} row(s) written to {}", file.display()),
        });
    }
    Ok(Doc::new(json!({"on": on, "deadlines": list, "file": args.export}), human.join("\n")))
}

fn line(d: &PatentDeadline, lang: Lang) -> String {
    let left = match lang {
        Lang::Zh if d.days_left < 0 => format!("逾期 {} 天", -d.days_left),
        Lang::Zh => format!("剩 {} 天", d.days_left),
        Lang::En if d.days_left < 0 => format!("{} day(s) late", -d.days_left),
        Lang::En => format!("{} day(s) left", d.days_left),
    };
    format!("{}  {}  {}  {}  {left}  {}", d.due_on, d.achievement_no, d.kind.zh(), d.state.zh(), d.title)
}
