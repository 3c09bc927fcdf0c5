//! `transferdesk`: the command line over the same core as the desktop app (docs/cli.md).

mod backup;
mod disclosures;
mod fees;
mod files;
mod notices;
mod output;
mod policy;
mod users;

use clap::{Parser, Subcommand, ValueEnum};
use output::{Failure, Out};
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;
use transferdesk_core::demo::Scale;
use transferdesk_core::model::{DistributionState, Table};
use transferdesk_core::rewards::distribution::{self, Approval, DistributionQuery};
use transferdesk_core::store::institution::Institution;
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
        /// small (~300 achievements) or large (50,000 achievements, for benchmarks).
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
    /// Write the empty standard import template of a table (headers only) to FILE (.xlsx, or .csv
    /// by extension); needs no data file.
    Template {
        /// people, organizations, achievements, contracts, receipts or costs.
        #[arg(value_parser = parse_table)]
        table: Table,
        /// The .xlsx (or .csv) to write.
        file: PathBuf,
    },
    /// Prove the file against its audit log (schema, integrity, hash chain, every row, the
    /// witnesses of the log's head); exit 1 naming each finding. Changes nothing.
    Verify,
    /// Write a verified online backup of the data file to FILE (never overwrites).
    Backup {
        /// The backup file to write.
        file: PathBuf,
    },
    /// Replace the data file's content with a checked backup; the replaced content is kept.
    Restore {
        /// The backup file to restore from.
        file: PathBuf,
    },
    /// Reward distribution (收益分配).
    #[command(subcommand)]
    Rewards(Rewards),
    /// The reward policy's dated versions (收益分配政策): list, show, add from a JSON file.
    #[command(subcommand)]
    Policy(policy::Policies),
    /// Reports (报告).
    #[command(subcommand)]
    Report(Report),
    /// Annual patent fees (年费).
    #[command(subcommand)]
    Fees(fees::Fees),
    /// CNIPA's notices (通知书): read PDFs, ZIPs, folders; record with --confirm.
    #[command(subcommand)]
    Notices(notices::Notices),
    /// The prosecution deadlines (审查期限): replies, examination requests, registration,
    /// re-examination, restoration, payments, expiry.
    Deadlines(notices::Deadlines),
    /// Invention disclosures (职务科技成果披露).
    #[command(subcommand)]
    Disclosures(disclosures::Disclosures),
    /// Bulk files (批量附件): attach files, ZIPs and folders by the numbers in their names.
    #[command(subcommand)]
    Files(files::Files),
    /// The office server's accounts: add, list, disable, enable, reset-password.
    #[command(subcommand)]
    User(users::Users),
    /// Data-quality findings before the annual report.
    Check {
        /// The report year (default: last year).
        #[arg(long, value_parser = clap::value_parser!(i32).range(1990..=2200))]
        year: Option<i32>,
    },
    /// A contract's evidence bundle for the diligence exemption (尽职免责证据材料), as PDF.
    Evidence {
        /// 合同编号.
        #[arg(long)]
        contract: String,
        /// The .pdf to write.
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum Report {
    /// The annual transformation report's indicators (科技成果转化年度报告).
    Annual {
        /// The report year.
        #[arg(long, value_parser = clap::value_parser!(i32).range(1990..=2200))]
        year: i32,
        /// Write `YYYY年度科技成果转化年度报告.xlsx` and `.pdf` into this folder.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// One department's (学院) indicators (with `--out`, its own files).
        #[arg(long, value_name = "NAME")]
        department: Option<String>,
    },
    /// Mark a report year filed: its indicators, narrative and cases are frozen as a snapshot.
    File {
        /// The report year.
        #[arg(long, value_parser = clap::value_parser!(i32).range(1990..=2200))]
        year: i32,
        /// File although an error finding of `check` stands, for this recorded reason.
        #[arg(long = "override", value_name = "REASON")]
        override_reason: Option<String>,
    },
}

#[derive(Subcommand)]
enum Rewards {
    /// The next distribution for a contract, not saved.
    Plan {
        #[command(flatten)]
        next: Next,
    },
    /// Save the next distribution as a draft.
    Create {
        #[command(flatten)]
        next: Next,
        /// With --amounts: the signed allocation form to keep as an attachment of the contract
        /// (default: the --amounts file itself).
        #[arg(long, value_name = "FILE", requires = "amounts")]
        form: Option<PathBuf>,
    },
    /// Approve a draft with the collective decision (amounts freeze).
    Approve {
        /// Distribution id.
        id: i64,
        /// 集体决策日期.
        #[arg(long, value_parser = parse_date)]
        decision_date: chrono::NaiveDate,
        /// Approve although an error finding stands, for this recorded reason.
        #[arg(long = "override", value_name = "REASON")]
        override_reason: Option<String>,
        /// The minutes (会议纪要), kept by name and SHA-256.
        #[arg(long, value_name = "FILE")]
        minutes: Option<PathBuf>,
        /// A unit principal leader (employee ID) who gives up the equity part; repeatable.
        #[arg(long, value_name = "EMPLOYEE_ID")]
        waive: Vec<String>,
    },
    /// Publicize an approved distribution.
    Publicize {
        /// Distribution id.
        id: i64,
        /// The posting day (it does not count).
        #[arg(long, value_parser = parse_date)]
        from: chrono::NaiveDate,
        /// Days (default: the policy's, 15).
        #[arg(long)]
        days: Option<u32>,
    },
    /// Record the payment (after the publicity ends).
    Pay {
        /// Distribution id.
        id: i64,
        /// 发放日期.
        #[arg(long, value_parser = parse_date)]
        paid_on: chrono::NaiveDate,
    },
    /// Cancel a paid distribution with a linked reversal (a new draft with negated amounts).
    Reverse {
        /// Distribution id.
        id: i64,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// Delete a draft.
    Discard {
        /// Distribution id.
        id: i64,
    },
    /// One distribution.
    Show {
        /// Distribution id.
        id: i64,
    },
    /// Distributions, newest first.
    List {
        /// draft, approved, publicized or paid.
        #[arg(long, value_parser = parse_state)]
        state: Option<DistributionState>,
        /// Only this contract.
        #[arg(long)]
        contract: Option<String>,
        /// Only those through a day of this year.
        #[arg(long)]
        year: Option<i32>,
        /// Only unpaid ones past their payment deadline.
        #[arg(long)]
        overdue: bool,
        /// Also write every matching distribution (not only the first 200) to this .xlsx.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
    },
    /// The finance sheet (XLSX).
    Payroll {
        /// Distribution id.
        id: i64,
        /// The .xlsx to write.
        file: PathBuf,
        /// Write full resident ID numbers instead of masked ones.
        #[arg(long)]
        reveal_ids: bool,
    },
    /// The finance sheets of several distributions in one workbook, a sheet each (XLSX).
    Payrolls {
        /// The .xlsx to write.
        file: PathBuf,
        /// Distribution ids, in the order of the sheets.
        #[arg(required = true)]
        ids: Vec<i64>,
        /// Write full resident ID numbers instead of masked ones.
        #[arg(long)]
        reveal_ids: bool,
    },
    /// The publicity notice (PDF).
    Notice {
        /// Distribution id.
        id: i64,
        /// The .pdf to write.
        file: PathBuf,
    },
    /// Personal statements (PDF, a page per person).
    Statement {
        /// Distribution id.
        id: i64,
        /// The .pdf to write.
        file: PathBuf,
        /// Only this person.
        #[arg(long, value_name = "EMPLOYEE_ID")]
        employee: Option<String>,
    },
}

/// Which distribution is next: the contract, the day receipts count up to, the transfer staff.
#[derive(clap::Args)]
struct Next {
    /// 合同编号.
    #[arg(long)]
    contract: String,
    /// Include receipts and costs dated up to this day (default: today).
    #[arg(long, value_parser = parse_date)]
    through: Option<chrono::NaiveDate>,
    /// Transfer staff (employee IDs, comma-separated) when the policy has a staff share.
    #[arg(long, value_delimiter = ',')]
    staff: Vec<String>,
    /// The amounts the team agreed instead of shares: a .csv/.xlsx with 工号 and 金额 (yuan)
    /// columns whose sum is the pool to the fen.
    #[arg(long, value_name = "FILE")]
    amounts: Option<PathBuf>,
}

fn parse_state(text: &str) -> Result<DistributionState, String> {
    DistributionState::parse(text).ok_or_else(|| format!("unknown state '{text}': draft, approved, publicized or paid"))
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
    Large,
}

fn parse_table(text: &str) -> Result<Table, String> {
    Table::parse(text).ok_or_else(|| format!("unknown table '{text}': people, organizations, achievements, contracts, receipts or costs"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::from_locale(std::env::var("LC_ALL").ok().filter(|v| !v.is_empty()).or_else(|| std::env::var("LANG").ok()).as_deref());
    let out = Out { json: cli.json, lang };
    // A fixed day that is not a date is a usage error, not a silent fall-back to the real day.
    if let Err(problem) = transferdesk_api::clock::check() {
        eprintln!("{problem}");
        return ExitCode::from(2);
    }
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
    Actor { name: format!("cli:{}", transferdesk_api::system_user()), at: transferdesk_api::clock::now() }
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
            let (scale, scale_name) = match scale {
                ScaleArg::Small => (Scale::Small, "small"),
                ScaleArg::Large => (Scale::Large, "large"),
            };
            let summary = transferdesk_report::demo::create(&path, scale, seed, &actor())?;
            let counts = [
                (summary.people, "人员", "people"),
                (summary.organizations, "单位", "organizations"),
                (summary.achievements, "成果", "achievements"),
                (summary.contracts, "合同", "contracts"),
                (summary.receipts, "到账", "receipts"),
                (summary.costs, "费用", "costs"),
                (summary.distributions, "收益分配", "distributions"),
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
            doc["scale"] = json!(scale_name);
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
            let mut store = Store::open(&path)?;
            if what == "all" {
                std::fs::create_dir_all(&target).map_err(|e| {
                    Failure::Core(transferdesk_core::Error::Io { path: target.display().to_string(), message: e.to_string() })
                })?;
                let mut files = Vec::new();
                let mut human = String::new();
                for table in Table::ALL {
                    let file = target.join(transferdesk_report::template_xlsx::file_name(*table));
                    let rows = transferdesk_report::template_xlsx::export_table(&mut store, &actor(), *table, &file, reveal_ids)?;
                    human.push_str(&format!("{}  {} {rows}\n", file.display(), lang.pick("行数", "rows")));
                    files.push(json!({"table": table.key(), "file": file, "rows": rows}));
                }
                Ok(output::Doc::new(json!({"dir": target, "files": files}), human.trim_end().to_string()))
            } else {
                let table = parse_table(&what).map_err(Failure::Usage)?;
                let rows = transferdesk_report::template_xlsx::export_table(&mut store, &actor(), table, &target, reveal_ids)?;
                let human = match lang {
                    Lang::Zh => format!("已导出{}表 {} 行到 {}", table.zh(), rows, target.display()),
                    Lang::En => format!("exported {} rows of {} to {}", rows, table.key(), target.display()),
                };
                Ok(output::Doc::new(json!({"table": table.key(), "file": target, "rows": rows}), human))
            }
        }
        Command::Template { table, file } => {
            transferdesk_report::template_xlsx::write_blank(table, &file)?;
            let human = match lang {
                Lang::Zh => format!("已写出{}导入模板 {}", table.zh(), file.display()),
                Lang::En => format!("{} import template written to {}", table.key(), file.display()),
            };
            Ok(output::Doc::new(json!({"table": table.key(), "file": file}), human))
        }
        Command::Backup { file } => backup::backup(&path, &file, lang),
        Command::Restore { file } => backup::restore(&path, &file, lang, actor()),
        Command::Rewards(command) => rewards(&path, command, lang),
        Command::Policy(command) => policy::run(&path, command, lang, actor()),
        Command::Fees(command) => fees::run(&path, command, lang, actor()),
        Command::Notices(command) => notices::run(&path, command, lang, actor()),
        Command::Deadlines(args) => notices::deadlines(&path, args, lang, actor().at.date()),
        Command::Disclosures(command) => disclosures::run(&path, command, lang, actor().at.date()),
        Command::User(command) => users::run(&path, command, lang, actor()),
        Command::Files(command) => files::run(&path, command, lang, actor()),
        Command::Evidence { contract, file } => {
            let store = Store::open(&path)?;
            let id = transferdesk_core::deals::contract::view::find(store.conn(), &contract)?;
            transferdesk_report::evidence::write(&store, id, actor().at.date(), &file)?;
            let human = match lang {
                Lang::Zh => format!("已生成 {} 的尽职免责证据材料：{}", contract.trim(), file.display()),
                Lang::En => format!("wrote the evidence bundle of {} to {}", contract.trim(), file.display()),
            };
            Ok(output::Doc::new(json!({"contract_no": contract.trim(), "file": file}), human))
        }
        Command::Check { year } => {
            let store = Store::open(&path)?;
            let year = year.unwrap_or_else(|| chrono::Datelike::year(&actor().at.date()) - 1);
            let findings = transferdesk_core::reporting::check::check(&store, year, actor().at.date(), lang)?;
            let mut human = match lang {
                Lang::Zh => format!("{year} 年度数据检查：{} 项", findings.len()),
                Lang::En => format!("{year} data check: {} finding(s)", findings.len()),
            };
            for f in &findings {
                let keys: Vec<&str> = f.records.iter().map(|r| r.key.as_str()).collect();
                let severity = match f.severity {
                    transferdesk_core::rewards::plan::Severity::Error => lang.pick("错误", "error"),
                    transferdesk_core::rewards::plan::Severity::Warning => lang.pick("提示", "warning"),
                };
                human.push_str(&format!("\n  [{severity}] {} {}: {}", f.code, f.message, keys.join(", ")));
            }
            Ok(output::Doc::new(json!({"year": year, "findings": findings}), human))
        }
        Command::Report(Report::Annual { year, out, department }) => {
            let store = Store::open(&path)?;
            let indicators = transferdesk_core::reporting::annual::indicators_for(&store, year, department.as_deref())?;
            let mut doc = serde_json::to_value(&indicators).unwrap_or_default();
            let mut human = output::annual_text(&indicators, lang);
            if let Some(dir) = out {
                let files = transferdesk_report::annual::write_for(&store, year, department.as_deref(), &dir)?;
                doc["files"] = json!([files.xlsx, files.pdf]);
                human.push_str(&format!("\n{}\n  {}\n  {}", lang.pick("已写出：", "written:"), files.xlsx.display(), files.pdf.display()));
            }
            Ok(output::Doc::new(doc, human))
        }
        Command::Report(Report::File { year, override_reason }) => {
            let mut store = Store::open(&path)?;
            let filed = transferdesk_report::annual::file(&mut store, &actor(), year, override_reason.as_deref())?;
            let human = format!(
                "{year} {} {}",
                lang.pick("年度报告已报送并冻结：", "report filed and frozen at"),
                filed.filed_at.clone().unwrap_or_default()
            );
            Ok(output::Doc::new(serde_json::to_value(&filed).unwrap_or_default(), human))
        }
        Command::Verify => {
            // Read-only: a file that would be refused when opened is still looked at, and nothing
            // is migrated or sealed before it is proven.
            let report = store::audit::verify_file(&path, lang)?;
            if !report.ok {
                return Err(Failure::Verify(report));
            }
            let rows = match (lang, report.rows_checked) {
                (Lang::Zh, 0) => "（旧版结构的文件：打开一次、升级后才能逐行核对数据）".to_string(),
                (Lang::Zh, n) => format!("，{n} 行数据与操作日志所记一致"),
                (Lang::En, 0) => " (a file of an older schema: its rows are proven once it has been opened and upgraded)".to_string(),
                (Lang::En, n) => format!(", {n} rows as the log recorded them"),
            };
            let mut human = match lang {
                Lang::Zh => format!("数据文件完好：完整性检查 ok，审计日志 {} 条，哈希链完整{rows}", report.audit_entries),
                Lang::En => format!("data file is sound: integrity ok, {} audit entries, hash chain intact{rows}", report.audit_entries),
            };
            for w in &report.witnesses {
                human.push_str(&format!("\n  {}", w.message));
            }
            Ok(output::Doc::new(serde_json::to_value(&report).unwrap_or_default(), human))
        }
    }
}

fn rewards(path: &std::path::Path, command: Rewards, lang: Lang) -> Result<output::Doc, Failure> {
    let today = actor().at.date();
    let mut store = Store::open(path)?;
    let shown = |d: distribution::Distribution| {
        let human = output::distribution_text(&d, lang);
        output::Doc::new(serde_json::to_value(&d).unwrap_or_default(), human)
    };
    let written = |file: &std::path::Path, what: (&str, &str), count: Option<usize>| {
        let human = format!("{} {}", lang.pick(what.0, what.1), file.display());
        output::Doc::new(json!({"file": file, "rows": count}), human)
    };
    Ok(match command {
        Rewards::Plan { next } => {
            let through = next.through.unwrap_or(today);
            let proposal = match &next.amounts {
                Some(file) => import::allocation::propose(&store, file, &next.contract, through, &next.staff)?,
                None => distribution::propose(&store, &next.contract, through, &next.staff)?,
            };
            output::Doc::new(serde_json::to_value(&proposal).unwrap_or_default(), output::plan_text(&proposal, lang))
        }
        Rewards::Create { next, form } => {
            let through = next.through.unwrap_or(today);
            shown(match &next.amounts {
                Some(file) => {
                    import::allocation::create(&mut store, &actor(), file, &next.contract, through, &next.staff, form.as_deref())?
                }
                None => distribution::create(&mut store, &actor(), &next.contract, through, &next.staff)?,
            })
        }
        Rewards::Approve { id, decision_date, override_reason, minutes, waive } => {
            let approval = Approval { decision_on: decision_date, minutes_file: minutes, override_reason, waive };
            shown(distribution::approve(&mut store, &actor(), id, &approval)?)
        }
        Rewards::Publicize { id, from, days } => shown(distribution::publicize(&mut store, &actor(), id, from, days)?),
        Rewards::Pay { id, paid_on } => shown(distribution::pay(&mut store, &actor(), id, paid_on)?),
        Rewards::Reverse { id, reason } => shown(distribution::reverse(&mut store, &actor(), id, &reason)?),
        Rewards::Discard { id } => {
            distribution::discard(&mut store, &actor(), id)?;
            output::Doc::new(json!({"id": id, "discarded": true}), format!("{} #{id}", lang.pick("已删除草稿", "discarded draft")))
        }
        Rewards::Show { id } => shown(distribution::get(&store, id)?),
        Rewards::List { state, contract, year, overdue, xlsx } => {
            let query = DistributionQuery {
                page: 1,
                page_size: transferdesk_core::store::search::MAX_PAGE_SIZE,
                state,
                contract_no: contract,
                search: None,
                year,
                overdue,
            };
            let page = distribution::list(&store, &query, today)?;
            let mut human = output::distribution_list_text(&page, lang);
            let mut doc = serde_json::to_value(&page).unwrap_or_default();
            if let Some(file) = xlsx {
                let rows = transferdesk_report::lists::distributions(&store, &query, today, false, &file)?;
                doc["xlsx"] = json!(file.display().to_string());
                doc["xlsx_rows"] = json!(rows);
                human.push_str(&format!("\n{} {} ({rows})", lang.pick("已写出", "written to"), file.display()));
            }
            output::Doc::new(doc, human)
        }
        Rewards::Payroll { id, file, reveal_ids } => {
            let rows = transferdesk_report::payroll::write(&mut store, &actor(), id, &file, reveal_ids)?;
            written(&file, ("已写出发放表", "payroll written to"), Some(rows))
        }
        Rewards::Payrolls { file, ids, reveal_ids } => {
            let rows = transferdesk_report::payroll::write_batch(&mut store, &actor(), &ids, &file, reveal_ids)?;
            written(&file, ("已写出发放表", "payroll written to"), Some(rows))
        }
        Rewards::Notice { id, file } => {
            transferdesk_report::notice::write(&store, id, &file)?;
            written(&file, ("已写出公示", "notice written to"), None)
        }
        Rewards::Statement { id, file, employee } => {
            let pages = transferdesk_report::statement::write(&mut store, &actor(), id, &file, employee.as_deref())?;
            written(&file, ("已写出个人通知单", "statements written to"), Some(pages))
        }
    })
}
