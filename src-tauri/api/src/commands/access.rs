//! Accounts of the office server (the admin's screen) and who is signed in.

use crate::command::commands;
use crate::table;
use serde::Serialize;
use transferdesk_core::access::account::{self, Account, AccountInput};
use transferdesk_core::access::log::{self, AccessEntry};
use transferdesk_core::access::session;
use ts_rs::TS;

/// Who is signed in, and what they may call (the screens show only what they can use).
#[derive(Clone, Debug, Serialize, TS)]
pub struct Me {
    /// The account; none at the desktop app's single seat.
    pub account: Option<Account>,
    /// The commands this caller may call.
    pub commands: Vec<String>,
    /// At the desktop app: who of the office said they are at the desk (none yet: the system
    /// user stands in); an account is who signed in.
    pub operator: Option<String>,
    /// The name the audit log gives this caller's changes (`app:王芳`, or the account's login).
    pub stamped_as: String,
}

/// A saved account, with the password when one was generated for it (shown once, never again).
#[derive(Clone, Debug, Serialize, TS)]
pub struct SavedAccount {
    /// The account.
    pub account: Account,
    /// The new password, when the server chose it.
    pub password: Option<String>,
}

commands! {
    /// Who is calling and what they may call.
    read(everyone)
    fn whoami(ctx) -> Me {
        Ok::<_, crate::Failure>(me(ctx))
    }

    /// At the desktop app: who of the office is at the desk now (`name` null: nobody said, the
    /// system user stands in). Every change after it is stamped with the name in the audit log.
    write(desk)
    fn set_operator(ctx, name: Option<String>) -> Me {
        let name = name.filter(|n| !n.trim().is_empty()).map(|n| transferdesk_core::access::operator::name(&n)).transpose()?;
        ctx.set_operator(name)?;
        Ok::<_, crate::Failure>(me(ctx))
    }

    /// Every account.
    read(admin)
    fn list_accounts(ctx) -> Vec<Account> {
        account::list(ctx.store()?.conn())
    }

    /// Creates (`id` null) or changes an account. A new account gets `password`, or a generated
    /// one that the result shows once.
    write(admin)
    fn save_account(ctx, input: AccountInput, password: Option<String>) -> SavedAccount {
        let mut store = ctx.store()?;
        let generated = match (&input.id, &password) {
            (None, None) => Some(account::generate_password()?),
            _ => None,
        };
        let id = account::save(&mut store, &ctx.actor(), &input, password.as_deref().or(generated.as_deref()))?;
        Ok::<_, crate::Failure>(SavedAccount { account: account::get(store.conn(), id)?, password: generated })
    }

    /// Disables (ending every session) or enables an account; an admin cannot disable their own.
    write(admin)
    fn set_account_disabled(ctx, id: i64, disabled: bool) -> Account {
        if disabled && ctx.caller().account().is_some_and(|me| me.id == id) {
            return Err(own_account());
        }
        account::set_disabled(&mut *ctx.store()?, &ctx.actor(), id, disabled)
    }

    /// Gives an account a new password (`password`, or a generated one returned once) and ends
    /// its sessions.
    write(admin)
    fn reset_password(ctx, id: i64, password: Option<String>) -> String {
        let password = match password {
            Some(p) => p,
            None => account::generate_password()?,
        };
        account::set_password(&mut *ctx.store()?, &ctx.actor(), id, &password)?;
        Ok::<_, crate::Failure>(password)
    }

    /// Ends every session of an account (it signs in again).
    write(admin)
    fn end_account_sessions(ctx, id: i64) -> usize {
        let store = ctx.store()?;
        account::get(store.conn(), id)?;
        session::close_all(store.conn(), id)
    }

    /// The newest entries of the access log (sign-ins, reads of personal data), of one account or all.
    read(admin)
    fn list_access_log(ctx, login: Option<String>, limit: u32) -> Vec<AccessEntry> {
        log::recent(ctx.store()?.conn(), login.as_deref(), limit.min(1000))
    }
}

fn me(ctx: &dyn crate::Host) -> Me {
    let commands = table().filter(|c| ctx.caller().may_call(c)).map(|c| c.name.to_string()).collect();
    Me { account: ctx.caller().account().cloned(), commands, operator: ctx.operator(), stamped_as: ctx.actor().name }
}

fn own_account() -> crate::Failure {
    transferdesk_core::Error::Refused { code: "own_account", detail: String::new() }.into()
}
