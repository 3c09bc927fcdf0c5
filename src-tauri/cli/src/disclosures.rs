//! `transferdesk disclosures …`: invention disclosures (职务科技成果披露) — the list with each
//! one's status and age, as the desktop app shows it (docs/cli.md "disclosures list").

use crate::output::{Doc, Failure};
use chrono::NaiveDate;
use clap::Subcommand;
use transferdesk_core::model::DisclosureStatus;
use transferdesk_core::portfolio::disclosure::{self, DisclosureQuery, DisclosureRow};
use transferdesk_core::{Lang, Store};

/// The subcommands of `disclosures`.
#[derive(Subcommand)]
pub enum Disclosures {
    /// Every disclosure (newest receipt first), optionally of one status.
    List {
        /// received, assessed, decided, converted or dropped.
        #[arg(long, value_parser = parse_status)]
        status: Option<DisclosureStatus>,
    },
}

fn parse_status(text: &str) -> Result<DisclosureStatus, String> {
    DisclosureStatus::parse(text).ok_or_else(|| format!("not a status: {text} (received, assessed, decided, converted, dropped)"))
}

/// Runs one `disclosures` subcommand on the data file at `path`; `today` ages undecided ones.
pub fn run(path: &std::path::Path, command: Disclosures, lang: Lang, today: NaiveDate) -> Result<Doc, Failure> {
    let store = Store::open(path)?;
    match command {
        Disclosures::List { status } => {
            // Every row, page by page: an office has hundreds a year, not millions.
            let mut rows: Vec<DisclosureRow> = Vec::new();
            for page in 1.. {
                let q = DisclosureQuery { page, page_size: transferdesk_core::store::search::MAX_PAGE_SIZE, status, ..Default::default() };
                let found = disclosure::list(store.conn(), &q, today)?;
                let done = found.rows.is_empty() || rows.len() + found.rows.len() >= found.total as usize;
                rows.extend(found.rows);
                if done {
                    break;
                }
            }
            let human = rows.iter().map(|r| line(r, lang)).collect::<Vec<_>>().join("\n");
            let human = if human.is_empty() { lang.pick("没有成果披露", "no disclosures").to_string() } else { human };
            Ok(Doc::new(serde_json::json!({ "on": today, "disclosures": rows }), human))
        }
    }
}

fn line(r: &DisclosureRow, lang: Lang) -> String {
    let flag = if r.overdue { lang.pick(" ⚠ 超期未决定", " ⚠ undecided too long") } else { "" };
    match lang {
        Lang::Zh => {
            format!("{}  {}  {}  {}  {}  {} 天{flag}", r.disclosure_no, r.received_on, r.status.zh(), r.department, r.title, r.age_days)
        }
        Lang::En => {
            format!("{}  {}  {}  {}  {}  {} days{flag}", r.disclosure_no, r.received_on, r.status.key(), r.department, r.title, r.age_days)
        }
    }
}
