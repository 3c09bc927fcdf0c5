//! The layout of core/src: the modules refer to each other without a cycle, and the import of
//! files depends on the records, never the reverse. Reads the sources themselves: every
//! `crate::…`, `super::…` and `self::…` path, and every path through a child module the file
//! declares (`mod x;` then `x::…`), in `use` trees and in code, is resolved to the deepest module
//! file it names (`crate::Store` through the root's `pub use`), and the module graph is checked.
//! Comments, strings and unit tests (`#[cfg(test)] mod … {}`) are left out: a test may use the
//! demo portfolio, which uses everything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Modules outside import/ that may name `crate::import`: the TypeScript declarations of every
/// IPC type, the import's among them (nothing in the crate depends on them).
const IMPORT_USERS: &[&str] = &["crate::bindings"];

#[test]
fn the_modules_refer_to_each_other_without_a_cycle() {
    let graph = Graph::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let cycles = graph.cycles();
    assert!(cycles.is_empty(), "module cycles in core/src:\n{}", cycles.join("\n"));
}

#[test]
fn only_the_import_refers_to_the_import() {
    let graph = Graph::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let mut wrong = Vec::new();
    for (from, tos) in &graph.edges {
        let inside = from == "crate::import" || from.starts_with("crate::import::");
        if inside || IMPORT_USERS.contains(&from.as_str()) {
            continue;
        }
        for to in tos {
            if to == "crate::import" || to.starts_with("crate::import::") {
                wrong.push(format!("{from} → {to}"));
            }
        }
    }
    assert!(wrong.is_empty(), "modules outside import/ that refer to it:\n{}", wrong.join("\n"));
}

#[test]
fn the_check_finds_a_cycle_and_a_use_of_the_import() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = dir.path();
    let write = |rel: &str, text: &str| {
        let path = src.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(path, text).expect("write");
    };
    write("lib.rs", "pub mod a;\npub mod b;\npub mod import;\npub use a::Thing;\n");
    write("a/mod.rs", "pub mod inner;\n/// [`crate::b`] in a comment is no reference.\npub struct Thing;\npub fn f() { inner::g() }\n");
    write("a/inner.rs", "use super::super::b::{self, Other};\n#[cfg(test)]\nmod tests {\n    use crate::import::Row;\n}\n");
    write("b.rs", "pub struct Other;\nfn f() -> crate::Thing { let _ = \"crate::import\"; crate::Thing }\n");
    write("import/mod.rs", "pub struct Row;\n");
    let graph = Graph::read(src);
    assert_eq!(graph.cycles(), vec!["crate::a → crate::a::inner → crate::b → crate::a".to_string()]);
    assert!(graph.edges.values().flatten().all(|to| to != "crate::import"), "{:?}", graph.edges);
    write("b.rs", "pub struct Other;\n");
    write("a/inner.rs", "use crate::{b::Other, import::{self, Row}};\npub fn g() {}\n");
    let graph = Graph::read(src);
    assert!(graph.cycles().is_empty(), "{:?}", graph.edges);
    assert!(graph.edges["crate::a::inner"].contains("crate::import"), "{:?}", graph.edges);
}

/// The modules of a crate's src folder and the modules each refers to.
struct Graph {
    /// Every module with a file of its own, by path (`crate::a::b`).
    modules: BTreeSet<String>,
    /// From a module to the modules it names (itself left out).
    edges: BTreeMap<String, BTreeSet<String>>,
}

impl Graph {
    fn read(src: &Path) -> Graph {
        let files = rust_files(src);
        let modules: BTreeSet<String> = files.iter().map(|f| module_of(src, f)).collect();
        let root = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
        let mut reexports = BTreeMap::new();
        for path in paths(&strip(&root), "crate") {
            // `pub use a::Thing;` at the root: `crate::Thing` is `crate::a`'s.
            if let [module @ .., name] = path.as_slice() {
                if !module.is_empty() {
                    reexports.insert(name.clone(), format!("crate::{}", module.join("::")));
                }
            }
        }
        let mut edges = BTreeMap::new();
        for file in &files {
            let from = module_of(src, file);
            if from == "crate" {
                continue;
            }
            let text = std::fs::read_to_string(file).expect("source");
            let mut tos = BTreeSet::new();
            for path in paths(&strip(&text), &from) {
                let to = resolve(&path, &modules, &reexports);
                if let Some(to) = to.filter(|to| *to != from && to != "crate") {
                    tos.insert(to);
                }
            }
            edges.insert(from, tos);
        }
        Graph { modules, edges }
    }

    /// Each cycle, as `a → b → a`, one per strongly connected group of modules.
    fn cycles(&self) -> Vec<String> {
        let mut found = Vec::new();
        let mut done: BTreeSet<&str> = BTreeSet::new();
        for start in &self.modules {
            if done.contains(start.as_str()) {
                continue;
            }
            if let Some(cycle) = self.shortest_cycle(start) {
                // One cycle a group: every module that reaches `start` and is reached from it.
                let group = self.reached_from(start);
                done.extend(group.iter().copied().filter(|m| self.reached_from(m).contains(start.as_str())));
                let mut shown: Vec<&str> = cycle.clone();
                shown.push(cycle[0]);
                found.push(shown.join(" → "));
            }
        }
        found
    }

    /// Every module reached from `start` by one reference or more.
    fn reached_from<'a>(&'a self, start: &'a str) -> BTreeSet<&'a str> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![start];
        while let Some(at) = stack.pop() {
            for next in self.edges.get(at).into_iter().flatten() {
                if seen.insert(next.as_str()) {
                    stack.push(next);
                }
            }
        }
        seen
    }

    /// The shortest way from `start` back to itself, if any (breadth first).
    fn shortest_cycle<'a>(&'a self, start: &'a str) -> Option<Vec<&'a str>> {
        let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        while let Some(at) = queue.pop_front() {
            for next in self.edges.get(at).into_iter().flatten() {
                if next == start {
                    let mut cycle = vec![at];
                    while let Some(prev) = came_from.get(cycle[cycle.len() - 1]) {
                        cycle.push(prev);
                    }
                    cycle.reverse();
                    return Some(cycle);
                }
                if !came_from.contains_key(next.as_str()) {
                    came_from.insert(next, at);
                    queue.push_back(next);
                }
            }
        }
        None
    }
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("src folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// `src/a/b.rs` and `src/a/b/mod.rs` are `crate::a::b`; `src/lib.rs` is `crate`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src").with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    std::iter::once("crate".to_string()).chain(parts).collect::<Vec<_>>().join("::")
}

/// The module a path names: the longest prefix that is a module with a file, a root
/// re-export followed to its module.
fn resolve(path: &[String], modules: &BTreeSet<String>, reexports: &BTreeMap<String, String>) -> Option<String> {
    if path.len() == 1 {
        if let Some(module) = reexports.get(&path[0]) {
            return Some(module.clone());
        }
    }
    (1..=path.len()).rev().map(|n| format!("crate::{}", path[..n].join("::"))).find(|m| modules.contains(m))
}

/// The source without comments, string and character literals, and `#[cfg(test)]` modules.
fn strip(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        if rest.starts_with(&['/', '/']) {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if rest.starts_with(&['/', '*']) {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i..].starts_with(&['/', '*']) {
                    depth += 1;
                    i += 2;
                } else if chars[i..].starts_with(&['*', '/']) {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if chars[i] == 'r' && matches!(rest.get(1), Some('"' | '#')) && !ident_before(&chars, i, true) {
            // A raw string: r"…" or r#"…"#.
            let hashes = rest[1..].iter().take_while(|c| **c == '#').count();
            if rest.get(1 + hashes) != Some(&'"') {
                out.push(chars[i]);
                i += 1;
                continue;
            }
            i += 2 + hashes;
            while i < chars.len() && !(chars[i] == '"' && chars[i + 1..].iter().take(hashes).filter(|c| **c == '#').count() == hashes) {
                i += 1;
            }
            i += 1 + hashes;
            out.push_str("\"\"");
        } else if chars[i] == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if chars[i] == '\'' && (rest.get(2) == Some(&'\'') || rest.get(1) == Some(&'\\')) {
            // A character literal ('x' or '\n'), not a lifetime.
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    without_test_modules(&out)
}

/// Whether an identifier character comes before `chars[i]` (a `b` prefix allowed when `byte`).
fn ident_before(chars: &[char], i: usize, byte: bool) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    match i {
        0 => false,
        _ if byte && chars[i - 1] == 'b' => ident_before(chars, i - 1, false),
        _ => ident(chars[i - 1]),
    }
}

/// Removes every `#[cfg(test)] mod name { … }`.
fn without_test_modules(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = rest[at + "#[cfg(test)]".len()..].trim_start();
        let body = after.strip_prefix("mod ").and_then(|m| m.find('{').map(|b| (m, b)));
        match body {
            Some((m, open)) if !m[..open].contains(';') => {
                let mut depth = 0;
                let mut end = m.len();
                for (k, c) in m[open..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = open + k + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                rest = &m[end..];
            }
            _ => rest = after,
        }
    }
    out.push_str(rest);
    out
}

/// Every absolute path (segments after `crate`) that `text`, the source of module `from`, names
/// with `crate::`, `super::`, `self::` or the name of a child module it declares (`mod x;`), in
/// `use` trees and in code.
fn paths(text: &str, from: &str) -> Vec<Vec<String>> {
    let tokens = tokenize(text);
    let here: Vec<String> = from.split("::").skip(1).map(str::to_string).collect();
    let children: BTreeSet<&str> =
        tokens.windows(3).filter(|w| w[0] == "mod" && w[2] == ";" && is_ident(&w[1])).map(|w| w[1].as_str()).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        let after_path = i > 0 && matches!(tokens[i - 1].as_str(), "$" | "::" | ".");
        let starts = (matches!(t, "crate" | "super" | "self") || children.contains(t))
            && tokens.get(i + 1).is_some_and(|n| n == "::")
            && !after_path;
        if !starts {
            i += 1;
            continue;
        }
        let in_use = i > 0 && tokens[i - 1] == "use";
        let mut prefix = Vec::new();
        let mut j = i;
        // Leading crate / self / super::super…
        let base = match t {
            "crate" => {
                j += 2;
                Vec::new()
            }
            _ if children.contains(t) => here.clone(),
            _ => {
                let mut base = here.clone();
                while j < tokens.len() && matches!(tokens[j].as_str(), "super" | "self") && tokens.get(j + 1).is_some_and(|n| n == "::") {
                    if tokens[j] == "super" {
                        base.pop();
                    }
                    j += 2;
                }
                base
            }
        };
        prefix.extend(base);
        if in_use {
            let (end, mut tree) = use_tree(&tokens, j, &prefix);
            found.append(&mut tree);
            i = end;
        } else {
            while j < tokens.len() && is_ident(&tokens[j]) {
                prefix.push(tokens[j].clone());
                if tokens.get(j + 1).is_some_and(|n| n == "::") {
                    j += 2;
                } else {
                    j += 1;
                    break;
                }
            }
            found.push(prefix);
            i = j;
        }
    }
    found
}

/// Expands the `use` tree at `tokens[j]` under `prefix`; returns where it ends and its paths.
fn use_tree(tokens: &[String], mut j: usize, prefix: &[String]) -> (usize, Vec<Vec<String>>) {
    let mut path = prefix.to_vec();
    let mut found = Vec::new();
    while j < tokens.len() {
        match tokens[j].as_str() {
            "{" => {
                j += 1;
                loop {
                    let (end, mut inner) = use_tree(tokens, j, &path);
                    found.append(&mut inner);
                    j = end;
                    match tokens.get(j).map(String::as_str) {
                        Some(",") => {
                            j += 1;
                            if tokens.get(j).is_some_and(|t| t == "}") {
                                return (j + 1, found);
                            }
                        }
                        Some("}") => return (j + 1, found),
                        _ => return (j, found),
                    }
                }
            }
            "self" => {
                found.push(path.clone());
                j += 1;
            }
            "::" => j += 1,
            "as" => j += 2,
            "*" => {
                found.push(path.clone());
                j += 1;
            }
            t if is_ident(t) => {
                path.push(t.to_string());
                j += 1;
                if tokens.get(j).is_none_or(|n| n != "::") {
                    found.push(path.clone());
                }
            }
            _ => return (j, found),
        }
    }
    (j, found)
}

fn is_ident(t: &str) -> bool {
    t.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_') && t.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// Identifiers, `::` and single punctuation characters.
fn tokenize(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(chars[start..i].iter().collect());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            tokens.push("::".to_string());
            i += 2;
        } else {
            tokens.push(c.to_string());
            i += 1;
        }
    }
    tokens
}
