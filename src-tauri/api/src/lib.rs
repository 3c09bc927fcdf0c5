//! The command table: every operation that the desktop app's window and the office server's
//! browsers may call, each declared once — its name, its arguments and result, who may call it
//! and whether it changes anything — next to the one core or report function it runs.
//!
//! Everything else is derived from the table: the app's invoke handler and permission list, the
//! server's `POST /api/<name>` routes, and the typed TypeScript wrappers the screens call
//! (`ui/src/api/commands.gen.ts`). This crate knows nothing of Tauri or HTTP: a transport gives a
//! [`Host`] (the store, who is calling, today, files and progress) and calls [`call`].

mod command;
mod commands;
mod failure;
mod host;
mod jobs;
pub mod typescript;

pub use command::{call, find, table, Access, Command, Signature};
pub use failure::{Failure, Kind};
pub use host::{system_user, Caller, DirOut, FileIn, FileOut, Host, StoreGuard};
pub use jobs::Jobs;
pub use transferdesk_core::access::Role;
pub mod clock;
