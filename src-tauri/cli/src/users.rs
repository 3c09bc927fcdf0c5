//! `transferdesk user …`: the office server's accounts from the command line — the first admin
//! of a new installation, and scripts that add an office's people (docs/cli.md "user").

use crate::output::{Doc, Failure};
use clap::Subcommand;
use std::io::BufRead;
use transferdesk_core::access::account::{self, Account, AccountInput};
use transferdesk_core::access::Role;
use transferdesk_core::{Actor, Error, Lang, Store};

/// The subcommands of `user`.
#[derive(Subcommand)]
pub enum Users {
    /// Creates an account; prints its password once (a generated one unless --password-stdin).
    Add {
        /// The sign-in name (letters, digits, `.` `_` `-` `@`).
        login: String,
        /// The person's name as shown.
        #[arg(long)]
        name: String,
        /// admin, office, secretary, finance, leader or inventor.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// A secretary's 学院.
        #[arg(long)]
        department: Option<String>,
        /// The person the account belongs to (required for an inventor).
        #[arg(long)]
        employee: Option<String>,
        /// Where its notifications are mailed, when the server sends mail.
        #[arg(long)]
        email: Option<String>,
        /// Read the password from the first line of standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Changes an account's name or e-mail address (what is not given stays).
    Edit {
        /// The login.
        login: String,
        /// The person's name as shown.
        #[arg(long)]
        name: Option<String>,
        /// Where its notifications are mailed; an empty one (`--email ""`) removes it.
        #[arg(long)]
        email: Option<String>,
    },
    /// Every account.
    List,
    /// Disables an account (it cannot sign in; its sessions end).
    Disable {
        /// The login.
        login: String,
    },
    /// Enables a disabled account.
    Enable {
        /// The login.
        login: String,
    },
    /// Sets a new password (generated and printed once unless --password-stdin); its sessions end.
    ResetPassword {
        /// The login.
        login: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
}

fn parse_role(text: &str) -> Result<Role, String> {
    Role::parse(text).ok_or_else(|| format!("not a role: {text} (admin, office, secretary, finance, leader, inventor)"))
}

/// Runs one `user` subcommand on the data file at `path`.
pub fn run(path: &std::path::Path, command: Users, lang: Lang, actor: Actor) -> Result<Doc, Failure> {
    let mut store = Store::open(path)?;
    match command {
        Users::Add { login, name, role, department, employee, email, password_stdin } => {
            let (password, generated) = password(password_stdin)?;
            let input = AccountInput { id: None, login, name, role: Some(role), department, employee_id: employee, email, version: 0 };
            let id = account::save(&mut store, &actor, &input, Some(&password))?;
            let account = account::get(store.conn(), id)?;
            Ok(saved(&account, generated.then_some(password.as_str()), lang))
        }
        Users::Edit { login, name, email } => {
            let found = find(&store, &login)?;
            let mut input = AccountInput::from(&found);
            if let Some(name) = name {
                input.name = name;
            }
            if let Some(email) = email {
                input.email = Some(email).filter(|e| !e.trim().is_empty());
            }
            account::save(&mut store, &actor, &input, None)?;
            Ok(saved(&account::get(store.conn(), found.id)?, None, lang))
        }
        Users::List => {
            let accounts = account::list(store.conn())?;
            let human = accounts.iter().map(|a| line(a, lang)).collect::<Vec<_>>().join("\n");
            let human = if human.is_empty() { lang.pick("还没有账号", "no accounts yet").to_string() } else { human };
            Ok(Doc::new(serde_json::json!({ "accounts": accounts }), human))
        }
        Users::Disable { login } => {
            let found = find(&store, &login)?;
            let account = account::set_disabled(&mut store, &actor, found.id, true)?;
            Ok(Doc::new(serde_json::json!({ "account": account }), format!("{} {}", lang.pick("已停用", "disabled"), account.login)))
        }
        Users::Enable { login } => {
            let found = find(&store, &login)?;
            let account = account::set_disabled(&mut store, &actor, found.id, false)?;
            Ok(Doc::new(serde_json::json!({ "account": account }), format!("{} {}", lang.pick("已启用", "enabled"), account.login)))
        }
        Users::ResetPassword { login, password_stdin } => {
            let found = find(&store, &login)?;
            let (password, generated) = password(password_stdin)?;
            account::set_password(&mut store, &actor, found.id, &password)?;
            Ok(saved(&account::get(store.conn(), found.id)?, generated.then_some(password.as_str()), lang))
        }
    }
}

fn find(store: &Store, login: &str) -> Result<Account, Failure> {
    account::by_login(store.conn(), login)?.ok_or_else(|| Error::NotFound { what: "account", key: login.to_string() }.into())
}

/// The password to set: one line of standard input, or a generated one (then `true`).
fn password(from_stdin: bool) -> Result<(String, bool), Failure> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(|e| Error::Io { path: "stdin".into(), message: e.to_string() })?;
        Ok((line.trim_end_matches(['\r', '\n']).to_string(), false))
    } else {
        Ok((account::generate_password()?, true))
    }
}

fn saved(account: &Account, generated: Option<&str>, lang: Lang) -> Doc {
    let mut human = line(account, lang);
    if let Some(p) = generated {
        human.push_str(&format!(
            "\n{}{p}",
            lang.pick(
                "密码（只显示这一次，请转交本人并提醒修改）：",
                "password (shown only this once; hand it over and ask for a change): "
            )
        ));
    }
    Doc::new(serde_json::json!({ "account": account, "password": generated }), human)
}

fn line(a: &Account, lang: Lang) -> String {
    let scope = a.department.as_deref().or(a.employee_id.as_deref()).unwrap_or("");
    let state = if a.disabled { lang.pick("（已停用）", " (disabled)") } else { "" };
    let role = match lang {
        Lang::Zh => a.role.label(),
        Lang::En => a.role.key(),
    };
    let email = a.email.as_deref().map(|e| format!("  {e}")).unwrap_or_default();
    format!("{}  {}  {role}  {scope}{email}{state}", a.login, a.name)
}
