//! A command: its declaration, and the one way every transport runs it.

use crate::{Caller, Failure, Host};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use transferdesk_core::access::Role;

/// Whether a command changes anything. A `Read` command writes nothing to the data file (it may
/// write an export the caller asked for) and opens no write transaction, even one rolled back:
/// the office server runs it on a read-only store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Reads only.
    Read,
    /// Changes records, settings or files of the store.
    Write,
}

/// One entry of the table.
pub struct Command {
    /// The name a transport calls it by (`list_contracts`).
    pub name: &'static str,
    /// What it does, from its doc comment (the TypeScript wrapper carries it too).
    pub doc: &'static str,
    /// Whether it changes anything.
    pub access: Access,
    /// Who may call it; nobody else.
    pub roles: &'static [Role],
    pub(crate) run: fn(&dyn Host, Value) -> Result<Value, Failure>,
    pub(crate) signature: fn(&ts_rs::Config) -> Signature,
}

impl Command {
    /// The TypeScript types of its arguments (in order, by their Rust names) and of its result.
    pub fn signature(&self, cfg: &ts_rs::Config) -> Signature {
        (self.signature)(cfg)
    }

    /// Whether `role` may call it.
    pub fn allows(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// A command's arguments and result as TypeScript types.
pub struct Signature {
    /// `(rust_name, TypeScript type)`; the wire and the wrapper use the camelCase name.
    pub args: Vec<(&'static str, String)>,
    /// The result's TypeScript type (`null` for none).
    pub result: String,
}

/// Every command of every area, in a stable order.
pub fn table() -> impl Iterator<Item = &'static Command> {
    crate::commands::AREAS.iter().flat_map(|area| area.iter())
}

/// The command called `name`.
pub fn find(name: &str) -> Option<&'static Command> {
    table().find(|c| c.name == name)
}

/// Runs command `name` with its JSON arguments (an object keyed by the camelCase argument names;
/// `null` when there are none) for the host's caller. Every transport calls this: an unknown
/// command, arguments that do not fit, or a caller whose role is not listed get a [`Failure`]
/// before anything runs.
pub fn call(host: &dyn Host, name: &str, args: Value) -> Result<Value, Failure> {
    let command = find(name).ok_or_else(|| Failure::unknown_command(name))?;
    if !host.caller().may_call(command) {
        return Err(Failure::forbidden(name));
    }
    (command.run)(host, args)
}

impl Caller {
    /// Whether this caller may call `command`: the desk may call everything, an account what
    /// the table lists for its role — deny by default.
    pub fn may_call(&self, command: &Command) -> bool {
        match self {
            Caller::Desk => true,
            Caller::Account(account) => command.allows(account.role),
        }
    }
}

/// Decodes a command's arguments, naming the argument that does not fit.
pub(crate) fn arguments<T: DeserializeOwned>(args: Value) -> Result<T, Failure> {
    let args = match args {
        Value::Null => Value::Object(Default::default()),
        Value::Object(_) => args,
        other => return Err(Failure::bad_argument("", &format!("the arguments must be a JSON object, not {}", kind_of(&other)))),
    };
    serde_path_to_error::deserialize(args).map_err(|e| Failure::bad_argument(&e.path().to_string(), &e.inner().to_string()))
}

/// Encodes a command's result.
pub(crate) fn result<T: Serialize>(value: T) -> Result<Value, Failure> {
    serde_json::to_value(value).map_err(|e| Failure::internal(&e.to_string()))
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Declares commands: for each, a function that decodes the arguments, runs the body and encodes
/// the result, and an entry of the area's `COMMANDS`. The body sees the host as the first
/// parameter's name and each argument by its name; its error converts into a [`Failure`].
///
/// ```ignore
/// commands! {
///     /// One page of contracts.
///     read(office)
///     fn list_contracts(ctx, query: ContractQuery) -> ContractPage {
///         view::list(&*ctx.store()?, &query, ctx.today())
///     }
/// }
/// ```
macro_rules! commands {
    ($(
        $(#[doc = $doc:literal])*
        $access:ident($($role:ident),+ $(,)?)
        fn $name:ident($ctx:ident $(, $arg:ident: $ty:ty)* $(,)?) -> $ret:ty $body:block
    )*) => {
        $(
            fn $name($ctx: &dyn $crate::Host, args: serde_json::Value) -> Result<serde_json::Value, $crate::Failure> {
                #[derive(serde::Deserialize)]
                #[serde(rename_all = "camelCase", deny_unknown_fields)]
                struct Args { $($arg: $ty),* }
                let Args { $($arg),* } = $crate::command::arguments(args)?;
                let out: $ret = $body?;
                $crate::command::result(out)
            }
        )*

        /// This area's commands, in the order declared.
        pub(crate) const COMMANDS: &[$crate::Command] = &[$(
            $crate::Command {
                name: stringify!($name),
                doc: concat!($($doc, "\n"),*),
                access: $crate::command::commands!(@access $access),
                roles: $crate::command::commands!(@roles $($role),+),
                run: $name,
                signature: |_cfg| $crate::Signature {
                    args: vec![$((stringify!($arg), <$ty as ts_rs::TS>::name(_cfg))),*],
                    result: <$ret as ts_rs::TS>::name(_cfg),
                },
            }
        ),*];
    };
    (@access read) => { $crate::Access::Read };
    (@access write) => { $crate::Access::Write };
    (@role admin) => { transferdesk_core::access::Role::Admin };
    (@role office) => { transferdesk_core::access::Role::Office };
    (@role secretary) => { transferdesk_core::access::Role::Secretary };
    (@role finance) => { transferdesk_core::access::Role::Finance };
    (@role leader) => { transferdesk_core::access::Role::Leader };
    (@role inventor) => { transferdesk_core::access::Role::Inventor };
    (@roles everyone) => { &transferdesk_core::access::Role::ALL };
    // The desktop app only: no account may call it (the desk may call everything).
    (@roles desk) => { &[] };
    (@roles $($role:ident),+) => { &[$($crate::command::commands!(@role $role)),+] };
}
pub(crate) use commands;

#[cfg(test)]
mod tests {
    use super::*;

    const DESK_ONLY: &[&str] = &["set_operator"];

    #[test]
    fn every_command_has_a_unique_snake_case_name_a_doc_and_a_role() {
        let mut names = std::collections::HashSet::new();
        for c in table() {
            assert!(names.insert(c.name), "{} is declared twice", c.name);
            assert!(c.name.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'), "{}: snake_case", c.name);
            assert!(!c.doc.trim().is_empty(), "{}: the wrapper's doc comes from the declaration", c.name);
            // Only a command declared `desk` has no role: the desktop app alone calls it.
            assert!(!c.roles.is_empty() || DESK_ONLY.contains(&c.name), "{}: nobody could call it", c.name);
        }
        assert!(names.len() > 100, "the whole table is reached through AREAS: {}", names.len());
    }
}
