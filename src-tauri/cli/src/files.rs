//! `transferdesk files attach PATH…`: bulk files (批量附件) — files, ZIPs and folders matched to
//! achievements by the application or grant number in their names, attached when every match
//! is read again unchanged (docs/cli.md "files attach", docs/rules/bulk-files.md).

use crate::output::{Doc, Failure};
use clap::Subcommand;
use std::path::PathBuf;
use transferdesk_core::portfolio::bulk::{self, BulkPreview, BulkRow, FoundIn, Limits, Source};
use transferdesk_core::{Actor, Lang, Store};

/// The subcommands of `files`.
#[derive(Subcommand)]
pub enum Files {
    /// Attach every file whose name (or a folder's above it) names one achievement's number.
    Attach {
        /// Files, ZIPs and folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Show the matches and attach nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// Runs one `files` subcommand on the data file at `path`.
pub fn run(path: &std::path::Path, command: Files, lang: Lang, actor: Actor) -> Result<Doc, Failure> {
    let mut store = Store::open(path)?;
    match command {
        Files::Attach { paths, dry_run } => {
            let sources: Vec<Source> = paths.iter().map(|p| Source::at(p)).collect();
            let preview = bulk::preview(store.conn(), &sources, &Limits::DEFAULT)?;
            let choices = bulk::matched_choices(&preview);
            let attached = if dry_run || choices.is_empty() {
                Vec::new()
            } else {
                bulk::attach(&mut store, &actor, &sources, &choices, &Limits::DEFAULT)?.attachments
            };
            let human = text(&preview, &paths, dry_run, attached.len(), lang);
            let json = serde_json::json!({
                "dry_run": dry_run,
                "matched": preview.matched,
                "unmatched": preview.unmatched,
                "refused": preview.refused,
                "attached": attached.len(),
                "rows": preview.rows,
                "attachments": attached,
            });
            Ok(Doc::new(json, human))
        }
    }
}

fn text(preview: &BulkPreview, paths: &[PathBuf], dry_run: bool, attached: usize, lang: Lang) -> String {
    let mut lines: Vec<String> = preview.rows.iter().map(|r| line(r, paths, lang)).collect();
    lines.push(match (lang, dry_run) {
        (Lang::Zh, true) => {
            format!("预览（未附加）：匹配 {} 个，未匹配 {} 个，拒绝 {} 个", preview.matched, preview.unmatched, preview.refused)
        }
        (Lang::Zh, false) => format!("已附加 {attached} 个文件；未匹配 {} 个，拒绝 {} 个", preview.unmatched, preview.refused),
        (Lang::En, true) => {
            format!("preview (nothing attached): {} matched, {} unmatched, {} refused", preview.matched, preview.unmatched, preview.refused)
        }
        (Lang::En, false) => format!("attached {attached} file(s); {} unmatched, {} refused", preview.unmatched, preview.refused),
    });
    lines.join("\n")
}

fn line(r: &BulkRow, paths: &[PathBuf], lang: Lang) -> String {
    let source = paths.get(r.source as usize).map(|p| p.display().to_string()).unwrap_or_default();
    let file = if source.ends_with(&r.entry) { source } else { format!("{source}: {}", r.entry) };
    let by = match r.found_in {
        Some(FoundIn::File) => lang.pick("文件名", "file name"),
        Some(FoundIn::Folder) => lang.pick("文件夹名", "folder name"),
        None => "",
    };
    let number = r.number.as_deref().unwrap_or_default();
    match (&r.achievement, r.reason) {
        (Some(a), None) => match lang {
            Lang::Zh => format!("{file}  → {} {}（{by}中的 {number}）", a.achievement_no, a.title),
            Lang::En => format!("{file}  → {} {} ({number} in the {by})", a.achievement_no, a.title),
        },
        (_, Some(reason)) if number.is_empty() => format!("{file}  ✗ {}", reason.text(lang)),
        (_, Some(reason)) => format!("{file}  ✗ {}：{number}", reason.text(lang)),
        (None, None) => file,
    }
}
