//! Access in team mode (the office server): the accounts people sign in with and the role each
//! has, their sessions, and the access log of sign-ins and of reads of other people's personal
//! data. The desktop app's single seat uses none of it.

pub mod account;
pub mod log;
pub mod operator;
pub mod scope;
pub mod session;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What an account may do; the command table lists, for every command, the roles that may call it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Accounts, settings, policies, backups and restore.
    Admin,
    /// The transfer office: the portfolio, deals, rewards, fees and the report.
    Office,
    /// A 学院's research secretary: that department's achievements and disclosures, its figures.
    Secretary,
    /// Finance: approved distributions, their payment and finance sheet; receipts and costs.
    Finance,
    /// The office head or a university leader: reads everything, files the annual report.
    Leader,
    /// A researcher: their own disclosures, achievements and rewards.
    Inventor,
}

impl Role {
    /// Every role, in the order screens list them.
    pub const ALL: [Role; 6] = [Role::Admin, Role::Office, Role::Secretary, Role::Finance, Role::Leader, Role::Inventor];

    /// The role's key (in the store, the CLI and JSON).
    pub fn key(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Office => "office",
            Role::Secretary => "secretary",
            Role::Finance => "finance",
            Role::Leader => "leader",
            Role::Inventor => "inventor",
        }
    }

    /// The role of a key.
    pub fn parse(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }

    /// Its name for people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "系统管理员",
            Role::Office => "成果转化办公室",
            Role::Secretary => "学院科研秘书",
            Role::Finance => "财务",
            Role::Leader => "领导",
            Role::Inventor => "发明人",
        }
    }
}

impl rusqlite::types::FromSql for Role {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let key = value.as_str()?;
        Role::parse(key).ok_or_else(|| rusqlite::types::FromSqlError::Other(format!("unknown role {key}").into()))
    }
}

impl rusqlite::types::ToSql for Role {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.key().into())
    }
}
