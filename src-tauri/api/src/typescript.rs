//! The typed TypeScript wrappers of the table (`ui/src/api/commands.gen.ts`): one function per
//! command, named in camelCase, taking its arguments in order and sending them through the UI's
//! one transport, so that a screen can only call what the table declares, with the types it
//! declares.

use crate::table;
use std::collections::BTreeSet;
use std::fmt::Write;
use ts_rs::TS;

/// The content of `ui/src/api/commands.gen.ts`.
pub fn wrappers() -> String {
    // The same configuration as the type declarations (`types.gen.ts`): ids and fen are numbers.
    let cfg = ts_rs::Config::new().with_large_int("number");
    // The few types the table itself defines (the rest are the core's, in types.gen.ts).
    let own = [
        ("Me", <crate::commands::Me as TS>::decl(&cfg)),
        ("SavedAccount", <crate::commands::SavedAccount as TS>::decl(&cfg)),
        ("BulkFile", <crate::commands::BulkFile as TS>::decl(&cfg)),
    ];
    let mut imported = BTreeSet::new();
    let mut body = String::new();
    for command in table() {
        let signature = command.signature(&cfg);
        let params: Vec<String> = signature.args.iter().map(|(name, ty)| format!("{}: {ty}", camel(name))).collect();
        let keys: Vec<String> = signature.args.iter().map(|(name, _)| camel(name)).collect();
        let result = if signature.result == "null" { "void".to_string() } else { signature.result.clone() };
        for ty in signature.args.iter().map(|(_, ty)| ty).chain([&signature.result]) {
            imported.extend(type_names(ty));
        }
        let doc: Vec<&str> = command.doc.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let _ = writeln!(body);
        let _ = writeln!(body, "/** {} */", doc.join("\n * "));
        let _ = writeln!(body, "export function {}({}): Promise<{result}> {{", camel(command.name), params.join(", "));
        if keys.is_empty() {
            let _ = writeln!(body, "  return call('{}')", command.name);
        } else {
            let _ = writeln!(body, "  return call('{}', {{ {} }})", command.name, keys.join(", "));
        }
        let _ = writeln!(body, "}}");
    }
    let mut out = String::from(
        "// Generated from the command table (src-tauri/api/src/commands) by its tests; do not edit.\n\
         // `UPDATE_BINDINGS=1 cargo test -p transferdesk-api` rewrites it.\n\
         import { call } from './transport'\n",
    );
    for (_, decl) in &own {
        imported.extend(type_names(&without_comments(decl)).collect::<Vec<_>>());
    }
    for (name, _) in &own {
        imported.remove(*name);
    }
    if !imported.is_empty() {
        let names: Vec<&str> = imported.iter().map(String::as_str).collect();
        let _ = writeln!(out, "import type {{ {} }} from './types.gen'", names.join(", "));
    }
    for (_, decl) in &own {
        let _ = writeln!(out, "\nexport {decl}");
    }
    out.push_str(&body);
    out
}

/// `contract_no` → `contractNo`, as the wire's argument keys are spelled.
pub fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for ch in snake.chars() {
        if ch == '_' {
            upper = true;
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

/// A declaration without its doc comments (whose words are not types).
fn without_comments(decl: &str) -> String {
    let mut out = String::new();
    let mut rest = decl;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out
}

/// The declared types a TypeScript type names (`Array<Holiday>` → `Holiday`).
fn type_names(ty: &str) -> impl Iterator<Item = String> + '_ {
    ty.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|word| word.starts_with(|c: char| c.is_ascii_uppercase()) && !matches!(*word, "Array" | "Record" | "Partial"))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_is_the_wire_spelling() {
        assert_eq!(camel("contract_no"), "contractNo");
        assert_eq!(camel("dry_run"), "dryRun");
        assert_eq!(camel("id"), "id");
    }

    #[test]
    fn comments_are_not_types() {
        assert_eq!(without_comments("{ /** The account. */ account: Account | null }"), "{  account: Account | null }");
    }

    #[test]
    fn type_names_skip_the_builtin_generics() {
        let names: Vec<String> = type_names("Array<Holiday> | Record<string, AuditTarget> | null").collect();
        assert_eq!(names, vec!["Holiday", "AuditTarget"]);
    }

    #[test]
    fn the_committed_wrappers_are_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/commands.gen.ts");
        let fresh = wrappers();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).expect("write commands.gen.ts");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(committed == fresh, "ui/src/api/commands.gen.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p transferdesk-api`");
    }
}
