//! `transferdesk`: the command line over the same core as the desktop app (spec/cli.md).

mod output;

use clap::{Parser, Subcommand, ValueEnum};
use output::{Failure, Out};
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;
use transferdesk_core::demo::{self, Scale};
use transferdesk_core::institution::Institution;
use transferdesk_core::model::Table;
use transferdesk_core::{import, store, Actor, Lang, Store};

#[derive(Parser)]
#[command(name = "transferdesk", version, about = "成果转化工作台 TransferDesk — command line")]
struct Cli {
    /// The database file (default: $TRANSFERDESK_DB, else the desktop app's data file).
    #[arg(long, global = true, value_name = "FILE")]
    db: Option<PathBuf>,
    /// Print one JSON document on stdout (errors too).
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create an empty database (never overwrites a file).
    Init {
        /// The institution's name.
        #[arg(long, default_value = "未命名单位")]
        institution: String,
        /// Its province (decides 本省/外省).
        #[arg(long, default_value = "北京市")]
        province: String,
        /// 费减备案 accepted.
        #[arg(long, value_enum, default_value_t = YesNo::Yes)]
        fee_reduction: YesNo,
    },
    /// Create a deterministic demo database.
    Demo {
        /// small (~300 achievements).
        #[arg(long, value_enum, default_value_t = ScaleArg::Small)]
        scale: ScaleArg,
        /// The same seed always gives the same portfolio.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Import a file in the standard template, all or nothing.
    Import {
        /// people, organizations, achievements, contracts, receipts or costs.
        #[arg(value_parser = parse_table)]
        table: Table,
        /// .xlsx (first sheet) or .csv (UTF-8).
        file: PathBuf,
        /// Check only; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export a table (`export TABLE FILE`) or every table (`export all DIR`) in the templates.
    Export {
        /// A table, or `all`.
        what: String,
        /// The .xlsx file, or the folder for `all`.
        target: PathBuf,
        /// Write full resident ID numbers instead of masked ones.
        #[arg(long)]
        reveal_ids: bool,
    },
    /// Check the file's integrity and the audit log's hash chain.
    Verify,
    /// Reward distribution (收益分配).
    #[command(subcommand)]
    Rewards(Rewards),
}

#[derive(Subcommand)]
enum Rewards {
    /// The next distribution for a contract, not saved.
    Plan {
        /// 合同编号.
        #[arg(long)]
        contract: String,
        /// Include receipts and costs dated up to this day (default: today).
        #[arg(long, value_parser = parse_date)]
        through: Option<chrono::NaiveDate>,
    },
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    transferdesk_core::date::parse_date(text).map_err(|e| format!("{e}: '{text}' (YYYY-MM-DD)"))
}

#[derive(Clone, Copy, ValueEnum)]
enum YesNo {
    Yes,
    No,
}

#[derive(Clone, Copy, ValueEnum)]
enum ScaleArg {
    Small,
}

fn parse_table(text: &str) -> Result<Table, String> {
    Table::parse(text).ok_or_else(|| format!("unknown table '{text}': people, organizations, achievements, contracts, receipts or costs"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::from_locale(std::env::var("LC_ALL").ok().filter(|v| !v.is_empty()).or_else(|| std::env::var("LANG").ok()).as_deref());
    let out = Out { json: cli.json, lang };
    match run(cli, lang) {
        Ok(doc) => {
            out.success(&doc);
            ExitCode::SUCCESS
        }
        Err(failure) => ExitCode::from(out.failure(&failure) as u8),
    }
}

/// The actor of every write from this process: the OS user and the wall clock, read here once
/// because core rules never read the clock.
fn actor() -> Actor {
    let user = std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).unwrap_or_else(|_| "unknown".into());
    #[allow(clippy::disallowed_methods)]
    let at = chrono::Local::now().naive_local();
    Actor { name: format!("cli:{user}"), at }
}

fn run(cli: Cli, lang: Lang) -> Result<output::Doc, Failure> {
    let path = store::resolve_path(cli.db.as_deref());
    match cli.command {
        Command::Init { institution, province, fee_reduction } => {
            let profile = Institution { name: institution, province, fee_reduction: matches!(fee_reduction, YesNo::Yes) }.validated()?;
            Store::create(&path, &profile, &actor())?;
            let human = match lang {
                Lang::Zh => format!("已创建数据文件 {}（{}，{}）", path.display(), profile.name, profile.province),
                Lang::En => format!("created {} ({}, {})", path.display(), profile.name, profile.province),
            };
            Ok(output::Doc::new(
                json!({"db": path, "institution": profile.name, "province": profile.province, "fee_reduction": profile.fee_reduction, "schema_version": store::schema_version()}),
                human,
            ))
        }
        Command::Demo { scale, seed } => {
            let ScaleArg::Small = scale;
            let summary = demo::create(&path, Scale::Small, seed, &actor())?;
            let counts = [
                (summary.people, "人员", "people"),
                (summary.organizations, "单位", "organizations"),
                (summary.achievements, "成果", "achievements"),
                (summary.contracts, "合同", "contracts"),
                (summary.receipts, "到账", "receipts"),
                (summary.costs, "费用", "costs"),
            ];
            let human = match lang {
                Lang::Zh => {
                    let list: Vec<String> = counts.iter().map(|(n, zh, _)| format!("{zh} {n}")).collect();
                    format!("已生成演示数据 {}：{}", path.display(), list.join("，"))
                }
                Lang::En => {
                    let list: Vec<String> = counts.iter().map(|(n, _, en)| format!("{n} {en}")).collect();
                    format!("demo portfolio written to {}: {}", path.display(), list.join(", "))
                }
            };
            let mut doc = serde_json::to_value(&summary).unwrap_or_default();
            doc["db"] = json!(path);
            doc["scale"] = json!("small");
            doc["seed"] = json!(seed);
            Ok(output::Doc::new(doc, human))
        }
        Command::Import { table, file, dry_run } => {
            let mut store = Store::open(&path)?;
            let summary = import::import(&mut store, &actor(), table, &file, dry_run)?;
            let mut human = match (lang, dry_run) {
                (Lang::Zh, false) => format!("已导入{}表：{} 行，新增 {} 条", table.zh(), summary.rows, summary.inserted),
                (Lang::Zh, true) => format!("校验通过（未写入）：{}表 {} 行，可新增 {} 条", table.zh(), summary.rows, summary.inserted),
                (Lang::En, false) => format!("imported {}: {} rows, {} inserted", table.key(), summary.rows, summary.inserted),
                (Lang::En, true) => format!(
                    "dry run passed (nothing written): {}: {} rows, {} would be inserted",
                    table.key(),
                    summary.rows,
                    summary.inserted
                ),
            };
            for w in &summary.warnings {
                human.push_str(&format!("\n  {} {w}", lang.pick("注意：", "note:")));
            }
            Ok(output::Doc::new(serde_json::to_value(&summary).unwrap_or_default(), human))
        }
        Command::Export { what, target, reveal_ids } => {
            let store = Store::open(&path)?;
            if what == "all" {
                std::fs::create_dir_all(&target).map_err(|e| {
                    Failure::Core(transferdesk_core::Error::Io { path: target.display().to_string(), message: e.to_string() })
                })?;
                let mut files = Vec::new();
                let mut human = String::new();
                for table in Table::ALL {
                    let file = target.join(transferdesk_report::template_xlsx::file_name(*table));
                    let rows = transferdesk_report::template_xlsx::export_table(&store, *table, &file, reveal_ids)?;
                    human.push_str(&format!("{}  {} {rows}\n", file.display(), lang.pick("行数", "rows")));
                    files.push(json!({"table": table.key(), "file": file, "rows": rows}));
                }
                Ok(output::Doc::new(json!({"dir": target, "files": files}), human.trim_end().to_string()))
            } else {
                let table = parse_table(&what).map_err(Failure::Usage)?;
                let rows = transferdesk_report::template_xlsx::export_table(&store, table, &target, reveal_ids)?;
                let human = match lang {
                    Lang::Zh => format!("已导出{}表 {} 行到 {}", table.zh(), rows, target.display()),
                    Lang::En => format!("exported {} rows of {} to {}", rows, table.key(), target.display()),
                };
                Ok(output::Doc::new(json!({"table": table.key(), "file": target, "rows": rows}), human))
            }
        }
        Command::Rewards(Rewards::Plan { contract, through }) => {
            let store = Store::open(&path)?;
            let through = through.unwrap_or_else(|| actor().at.date());
            let plan = transferdesk_core::reward::plan_for_contract(&store, &contract, through)?;
            let human = output::plan_text(&plan, lang);
            Ok(output::Doc::new(serde_json::to_value(&plan).unwrap_or_default(), human))
        }
        Command::Verify => {
            let store = Store::open(&path)?;
            let report = store::audit::verify(&store)?;
            if !report.ok {
                return Err(Failure::Verify(report));
            }
            let human = match lang {
                Lang::Zh => format!("数据文件完好：完整性检查 ok，审计日志 {} 条，哈希链完整", report.audit_entries),
                Lang::En => format!("data file is sound: integrity ok, {} audit entries, hash chain intact", report.audit_entries),
            };
            Ok(output::Doc::new(serde_json::to_value(&report).unwrap_or_default(), human))
        }
    }
}
