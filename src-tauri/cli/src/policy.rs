//! `transferdesk policy …`: the reward policy's dated versions as files (docs/cli.md "policy"):
//! list them, show one, add one from the JSON that `policy list --json` prints, with the same
//! checks and refusals as the settings screen.

use crate::output::{Doc, Failure};
use clap::Subcommand;
use serde_json::json;
use std::path::PathBuf;
use transferdesk_core::model::ContractKind;
use transferdesk_core::rewards::policy::{self, Policy};
use transferdesk_core::share::format_percent;
use transferdesk_core::{Actor, Error, Lang, Store};

/// The largest policy file read: a version with many tiers is a few KiB.
const MAX_BYTES: u64 = 1024 * 1024;

/// The subcommands of `policy`.
#[derive(Subcommand)]
pub enum Policies {
    /// Every version, oldest first (`--json`: an array of versions, each valid input of `policy add`).
    List,
    /// One version.
    Show {
        /// The version's id (`policy list`).
        id: i64,
    },
    /// Add a version from a JSON file (one element of `policy list --json`, edited; its `id`,
    /// `version` and `in_use` are ignored).
    Add {
        /// The .json file.
        file: PathBuf,
    },
}

/// Runs one `policy` subcommand on the data file at `path`.
pub fn run(path: &std::path::Path, command: Policies, lang: Lang, actor: Actor) -> Result<Doc, Failure> {
    let mut store = Store::open(path)?;
    match command {
        Policies::List => {
            let versions = policy::list(&store)?;
            let human = versions.iter().map(|p| summary(p, lang)).collect::<Vec<_>>().join("\n");
            Ok(Doc::new(serde_json::to_value(&versions).unwrap_or_default(), human))
        }
        Policies::Show { id } => {
            let p = policy::get(store.conn(), id)?;
            Ok(Doc::new(serde_json::to_value(&p).unwrap_or_default(), details(&p, lang)))
        }
        Policies::Add { file } => {
            let bytes = transferdesk_core::store::file::read_regular(&file, MAX_BYTES, "policy_file_too_large")?;
            let text = String::from_utf8(bytes).map_err(|_| {
                Error::Invalid(vec![transferdesk_core::problem::Problem::field(
                    "",
                    file.display().to_string(),
                    transferdesk_core::problem::ProblemKind::NotUtf8,
                )])
            })?;
            let version = Policy::from_json(&text).map_err(Error::Invalid)?;
            let id = policy::save(&mut store, &actor, &version)?;
            let saved = policy::get(store.conn(), id)?;
            let human = format!("{}\n{}", lang.pick("已添加分配政策版本：", "policy version added:"), details(&saved, lang));
            let mut doc = serde_json::to_value(&saved).unwrap_or_default();
            doc["file"] = json!(file);
            Ok(Doc::new(doc, human))
        }
    }
}

fn pct(bp: i64) -> String {
    format!("{}%", format_percent(bp))
}

/// One line per version.
fn summary(p: &Policy, lang: Lang) -> String {
    let recipients: Vec<String> = p.recipients.iter().map(|r| format!("{} {}", r.name, pct(r.share_bp))).collect();
    // Offices cite a policy by its document; the effective date stays, as the version's key.
    let document = p.document().map(|d| format!(" {d}")).unwrap_or_default();
    format!(
        "#{} {}{document} {} {} {} {}{}{}",
        p.id.unwrap_or_default(),
        transferdesk_core::date::iso(p.effective_on),
        lang.pick("转让", "transfer"),
        pct(p.transfer_bp),
        lang.pick("许可", "license"),
        pct(p.license_bp),
        if recipients.is_empty() { String::new() } else { format!(" | {}", recipients.join(", ")) },
        if p.in_use { lang.pick("（已使用）", " (in use)").to_string() } else { String::new() },
    )
}

/// Every field of a version.
fn details(p: &Policy, lang: Lang) -> String {
    let mut out = vec![summary(p, lang)];
    for kind in ContractKind::ALL {
        out.push(format!("  {}: {}", kind.zh(), pct(p.ratio(*kind))));
    }
    for t in &p.tiers {
        out.push(format!(
            "  {} ≥ {}{}{}: {}",
            lang.pick("档位", "tier"),
            t.min_amount_fen.grouped(),
            t.kind.map(|k| format!(" {}", k.zh())).unwrap_or_default(),
            if t.in_province { lang.pick(" 本省", " in province") } else { "" },
            pct(t.ratio_bp)
        ));
    }
    out.push(format!("  {}: {}", lang.pick("重要贡献人员最低", "key contributors' minimum"), pct(p.key_contributor_min_bp)));
    if let Some(bp) = p.transfer_staff_bp {
        out.push(format!("  {}: {}", lang.pick("转化人员奖励", "transfer staff share"), pct(bp)));
    }
    if let Some(bp) = p.transfer_staff_min_bp {
        out.push(format!("  {}: {}", lang.pick("转化人员最低", "transfer staff minimum"), pct(bp)));
    }
    for r in &p.recipients {
        out.push(format!("  {} {}: {}", lang.pick("留存分配", "recipient"), r.name, pct(r.share_bp)));
    }
    out.push(format!("  {}: {}", lang.pick("公示天数", "publicity days"), p.publicity_days));
    if let Some(m) = p.payment_deadline_months {
        out.push(format!("  {}: {m}", lang.pick("发放期限（月）", "payment deadline (months)")));
    }
    if let Some(n) = &p.note {
        out.push(format!("  {}: {n}", lang.pick("备注", "note")));
    }
    out.join("\n")
}
