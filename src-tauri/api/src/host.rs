//! What a transport gives a command: the store, who is calling and when, progress, and files.
//!
//! Files are where the two transports differ most. In the desktop app a file the person chose is
//! a path from the system's dialog; in a browser it is an upload, and an export is a download.
//! Commands therefore never take a path: they take a [`FileIn`], [`FileOut`] or [`DirOut`] —
//! what the UI's transport handed out when the person chose — and ask the host for the path
//! behind it.

use crate::{Failure, Jobs};
use chrono::NaiveDate;
use serde::Deserialize;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use transferdesk_core::access::account::Account;
use transferdesk_core::access::Role;
use transferdesk_core::{Actor, Store};

/// The transport's side of a call.
pub trait Host {
    /// The data file, held for this call (writes are serialized by it).
    fn store(&self) -> Result<StoreGuard<'_>, Failure>;
    /// Who is calling, and the moment of the call (audit entries name both).
    fn actor(&self) -> Actor;
    /// Who is calling.
    fn caller(&self) -> &Caller;
    /// Today as this installation sees it (rules take it as an argument).
    fn today(&self) -> NaiveDate {
        self.actor().at.date()
    }
    /// The long jobs under way.
    fn jobs(&self) -> &Jobs;
    /// The readable file behind a choice the person made.
    fn read_file(&self, file: &FileIn) -> Result<PathBuf, Failure>;
    /// The readable file, or folder, behind a choice the person made for a command that reads
    /// folders too (bulk files). Only the desktop app hands out folders; elsewhere it is a file.
    fn read_source(&self, file: &FileIn) -> Result<PathBuf, Failure> {
        self.read_file(file)
    }
    /// Where to write a file the person asked for.
    fn write_file(&self, file: &FileOut) -> Result<PathBuf, Failure>;
    /// Where to write the files of an export that makes several (an existing, empty or chosen
    /// folder).
    fn write_dir(&self, dir: &DirOut) -> Result<PathBuf, Failure>;
    /// Shows a stored file to the person (the system viewer, or a download), under `name`.
    fn show_file(&self, path: &Path, name: &str) -> Result<(), Failure>;
    /// How a written file is named to the person (the whole path at a desk; a browser sees only
    /// the download's name).
    fn describe(&self, path: &Path) -> String {
        path.display().to_string()
    }
    /// Who of the office said they are at the desk (the desktop app); an account is who signed in.
    fn operator(&self) -> Option<String> {
        None
    }
    /// Says who is at the desk (`None`: nobody said, the system user stands in). Only the
    /// desktop app has a desk.
    fn set_operator(&self, _name: Option<String>) -> Result<(), Failure> {
        Err(Failure::new(crate::Kind::Forbidden, "desk_only", "只有桌面版可以设置当前操作人"))
    }
}

/// The computer account running the program, for the audit log when nobody said who they are:
/// `$USER`, `$LOGNAME` or `$USERNAME` (Windows), else the account of this process's user id in
/// /etc/passwd, else `uid<N>` — never a blank or an "unknown" that tells colleagues nothing.
pub fn system_user() -> String {
    for var in ["USER", "LOGNAME", "USERNAME"] {
        if let Ok(v) = std::env::var(var) {
            if !v.trim().is_empty() {
                return v.trim().to_string();
            }
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(uid) = std::fs::metadata("/proc/self").map(|m| m.uid()) {
            let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
            let name = passwd.lines().find_map(|line| {
                let mut f = line.split(':');
                let name = f.next()?;
                (f.nth(1)? == uid.to_string()).then(|| name.to_string())
            });
            return name.unwrap_or_else(|| format!("uid{uid}"));
        }
    }
    "desk".into()
}

/// Who is calling: the desktop app's single seat, or an account signed in to the office server.
#[derive(Clone, Debug)]
pub enum Caller {
    /// The desk: one person at one computer, who may do everything and sees every record.
    Desk,
    /// A signed-in account: what its role allows, within its scope.
    Account(Account),
}

impl Caller {
    /// The account's role (none at the desk).
    pub fn role(&self) -> Option<Role> {
        match self {
            Caller::Desk => None,
            Caller::Account(a) => Some(a.role),
        }
    }

    /// Whether the caller is an account of this role.
    pub fn is(&self, role: Role) -> bool {
        self.role() == Some(role)
    }

    /// The one 学院 a secretary sees; none for everyone else.
    pub fn department(&self) -> Option<&str> {
        match self {
            Caller::Account(a) if a.role == Role::Secretary => a.department.as_deref(),
            _ => None,
        }
    }

    /// The account, if one is signed in.
    pub fn account(&self) -> Option<&Account> {
        match self {
            Caller::Desk => None,
            Caller::Account(a) => Some(a),
        }
    }
}

/// The store, held for one call.
pub struct StoreGuard<'a>(Box<dyn DerefMut<Target = Store> + 'a>);

impl<'a> StoreGuard<'a> {
    /// Holds whatever keeps the store for the call (a mutex guard, a pooled connection).
    pub fn new(inner: impl DerefMut<Target = Store> + 'a) -> StoreGuard<'a> {
        StoreGuard(Box::new(inner))
    }
}

impl Deref for StoreGuard<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.0
    }
}

impl DerefMut for StoreGuard<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        &mut self.0
    }
}

macro_rules! file_choice {
    ($(#[doc = $doc:literal])* $name:ident) => {
        $(#[doc = $doc])*
        #[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// What the transport handed out.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ts_rs::TS for $name {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;
            fn name(_: &ts_rs::Config) -> String {
                "string".into()
            }
            fn inline(_: &ts_rs::Config) -> String {
                "string".into()
            }
            fn decl(_: &ts_rs::Config) -> String {
                "type string = string;".into()
            }
            fn decl_concrete(_: &ts_rs::Config) -> String {
                "type string = string;".into()
            }
        }
    };
}

file_choice! {
    /// A file the person chose to read: a path in the desktop app, an upload's handle in a browser.
    FileIn
}
file_choice! {
    /// A file the person chose to write: a path in the desktop app, a download's name in a browser.
    FileOut
}
file_choice! {
    /// A folder the person chose for an export of several files.
    DirOut
}
