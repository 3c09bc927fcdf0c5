//! The layout of core/src: the modules refer to each other without a cycle, and the import of
//! files depends on the records, never the reverse. Reads the sources themselves: every
//! `crate::…`, `super::…` and `self::…` path, and every path through a child module the file
//! declares (`mod x;` then `x::…`), in `use` trees and in code, is resolved to the deepest module
//! file it names (`crate::Store` through the root's `pub use`), and the module graph is checked.
//! Comments, strings and unit tests (`#[cfg(test)] mod … {}`) are left out: a test may use the
//! demo portfolio, which uses everything.
//!
//! And the citations: every page that the repository's comments and docs cite (`docs/…`) is in
//! the repository and has the heading cited, so that a reader who clones it can follow them.

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

/// The file kinds whose comments and text may cite a page (and `Makefile`).
const CITING_KINDS: &[&str] = &["rs", "ts", "vue", "mjs", "js", "sh", "py", "md", "toml", "json"];
/// Folders never walked, by name: dependencies, build output, git's own store, and the Node a
/// fresh machine gets from `make` (scripts/toolchain.sh).
const NOT_WALKED: &[&str] = &["node_modules", "target", ".git", ".toolchain"];
/// Folders never walked, by path: the built UI, and the shipped migrations, which are never
/// edited and so keep the citations they shipped with.
const NOT_WALKED_PATHS: &[&str] = &["ui/dist", "src-tauri/core/migrations"];
/// The specs the code was first written against, kept outside the repository: a clone never has
/// them. Named without their extension so that this file cites none of them.
const OUTSIDE_SPECS: &[&str] = &["domain", "cli", "quality", "annual-report", "import-template", "architecture", "product"];

/// Comments cite the project's own reference, `docs/<file>.md "Heading"` (docs/README.md): a
/// citation a reader cannot open, or a heading the page no longer has, sends them nowhere.
#[test]
fn citations_name_pages_and_headings_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let wrong = citations(&root.canonicalize().expect("repository"));
    assert!(
        wrong.is_empty(),
        "citations of a page that is not in the repository (cite docs/…), or of a heading the page does not have:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_citation_check_finds_an_outside_spec_a_missing_page_and_a_missing_heading() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(path, text).expect("write");
    };
    // Built from parts, so that this file itself cites nothing.
    let md = |name: &str| format!("{name}.md");
    let fees = format!("docs/rules/{}", md("fees"));
    write(
        "src/a.rs",
        &format!(
            "//! The fee rules ({} §5).\n/// Why: {fees} \"Fee table\".\n/// Why: {fees}\n/// \"Grace period and\n/// surcharge\".\nfn f() {{}}\n\
             /// Why: {fees} \"Fees table\".\nconst S: &str = \"{fees} \\\"Fee tables\\\"\";\nconst T: &str = \"{fees} \";\n\
             /// See docs/{} and spec/{}.\n",
            md("domain"),
            md("nowhere"),
            md("cli"),
        ),
    );
    write("scripts/run.sh", &format!("# Figures go to {fees} (\"Fee table\").\nwrite {fees} \"$(date)\"\n"));
    write(
        &fees,
        &format!(
            "# Fees\n\n## Fee table\n\n## Grace period and surcharge\n\n[{c}](../{c}#exit-status), [{c}](../{c}#nowhere), [x]({c})\n",
            c = md("cli")
        ),
    );
    write(
        &format!("docs/{}", md("cli")),
        &format!("# CLI\n\n## Exit status\n\nThe targets of {} and [{m}](rules/{m}).\n", md("quality"), m = md("money")),
    );
    write(&format!("ui/node_modules/x/{}", md("README")), &md("domain"));
    write(&format!("src-tauri/core/migrations/{}", md("notes")), &md("domain"));
    write("ui/dist/a.js", &md("domain"));
    let found = citations(root);
    let at: Vec<&str> = found.iter().map(|w| w.split(' ').next().expect("place")).collect();
    assert_eq!(
        at,
        [
            "docs/cli.md:5:",
            "docs/cli.md:5:",
            "docs/rules/fees.md:7:",
            "docs/rules/fees.md:7:",
            "src/a.rs:1:",
            "src/a.rs:7:",
            "src/a.rs:8:",
            "src/a.rs:10:",
            "src/a.rs:10:",
        ],
        "{found:#?}"
    );
}

/// Every citation in the repository at `root` of a page that is not in it, or of a heading or
/// anchor its page does not have, as `file:line: why`. A citation is a path ending `.md`: one
/// starting `docs/` is read from the root; a bare or relative one (a sibling page, or one up a folder, as a markdown link's
/// target) from the citing file's folder, and checked when it names an outside spec or is a
/// markdown link. `"Heading"` after a `docs/` path in a comment (or `\"Heading\"` in a string),
/// and `#anchor` after any checked path, must be a heading of that page.
fn citations(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    citing_files(root, root, &mut files);
    let mut headings: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    let mut wrong = Vec::new();
    for rel in files {
        let Ok(text) = std::fs::read_to_string(root.join(&rel)) else { continue };
        let here = rel.parent().unwrap_or(Path::new(""));
        let shown = rel.to_string_lossy().replace('\\', "/");
        let markdown = rel.extension().is_some_and(|e| e == "md");
        let mut from = 0;
        while let Some(at) = text[from..].find(".md").map(|i| from + i) {
            let end = at + 3;
            from = end;
            if text[end..].starts_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let start = text[..at]
                .char_indices()
                .rev()
                .find(|(_, c)| !(c.is_ascii_alphanumeric() || "_./-".contains(*c)))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let cited = &text[start..end];
            let stem = cited.rsplit('/').next().unwrap_or(cited).trim_end_matches(".md");
            if stem.is_empty() || (text[..start].ends_with('[') && text[end..].starts_with("](")) {
                continue; // a markdown link's text: its target is checked
            }
            let line = text[..start].matches('\n').count() + 1;
            let link = markdown && text[..start].ends_with("](");
            let page = if cited.starts_with("docs/") {
                normalize(Path::new(cited))
            } else if OUTSIDE_SPECS.contains(&stem) || cited.contains("/docs/") || link {
                normalize(&here.join(cited))
            } else {
                continue;
            };
            let Some(page) = page.filter(|p| root.join(p).is_file()) else {
                wrong.push(format!("{shown}:{line}: {cited} is not a file of the repository"));
                continue;
            };
            let titles = headings.entry(page.clone()).or_insert_with(|| page_headings(&root.join(&page)));
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let before = text[line_start..start].trim_start();
            let comment = markdown || ["//", "#", "*", "/*", "<!--"].iter().any(|m| before.starts_with(m)) || before.contains(" //");
            if let Some(anchor) = text[end..].strip_prefix('#') {
                let anchor: String = anchor.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-').collect();
                if !titles.iter().any(|t| slug(t) == anchor) {
                    wrong.push(format!("{shown}:{line}: {cited}#{anchor}: the page has no such heading"));
                }
            } else if let Some(heading) = quoted_heading(&text[end..], comment).filter(|_| cited.starts_with("docs/")) {
                if !titles.contains(&heading) {
                    wrong.push(format!("{shown}:{line}: {cited} \"{heading}\": the page has no such heading"));
                }
            }
        }
    }
    wrong
}

/// The files under `dir` whose kind may cite a page, relative to `root`, sorted.
fn citing_files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).expect("folder").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    for path in entries {
        let rel = path.strip_prefix(root).expect("under the root").to_path_buf();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if path.is_dir() {
            let shown = rel.to_string_lossy().replace('\\', "/");
            if !NOT_WALKED.contains(&name.as_str()) && !NOT_WALKED_PATHS.contains(&shown.as_str()) {
                citing_files(root, &path, out);
            }
        } else if name == "Makefile" || path.extension().is_some_and(|e| CITING_KINDS.iter().any(|k| e == *k)) {
            out.push(rel);
        }
    }
}

/// `a/./b/../c` as `a/c`; `None` for a path that leaves the folder it starts in.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::Normal(p) => out.push(p),
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The titles of a markdown page's headings, without their `#`s.
fn page_headings(page: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(page).unwrap_or_default();
    text.lines().filter(|l| l.starts_with('#')).map(|l| l.trim_start_matches('#').trim().to_string()).collect()
}

/// A heading's anchor as a markdown renderer makes it: lower case, spaces to `-`, punctuation
/// other than `-` and `_` dropped.
fn slug(title: &str) -> String {
    title
        .to_lowercase()
        .chars()
        .filter_map(|c| if c == ' ' { Some('-') } else { (c.is_alphanumeric() || c == '_' || c == '-').then_some(c) })
        .collect()
}

/// The `"Heading"` that follows a cited path, on its line or at the start of the next comment
/// line, over as many lines as it wraps: in a comment (`comment`) or escaped in a string literal.
fn quoted_heading(after: &str, comment: bool) -> Option<String> {
    let mut rest = after.trim_start_matches([' ', '\t']);
    if let Some(next) = rest.strip_prefix('\n') {
        rest = without_comment_marker(next);
    }
    if let Some(escaped) = rest.strip_prefix('\\') {
        rest = escaped;
    } else if !comment {
        return None;
    }
    let body = rest.strip_prefix('"')?;
    let raw = &body[..body.find('"')?];
    let lines: Vec<&str> = raw.trim_end_matches('\\').split('\n').collect();
    if lines.len() > 3 {
        return None;
    }
    let mut heading = lines[0].trim_end().to_string();
    for more in &lines[1..] {
        heading.push(' ');
        heading.push_str(without_comment_marker(more).trim_end());
    }
    Some(heading)
}

/// A line without its indentation and comment marker (`//!`, `///`, `//`, `*`, `#`).
fn without_comment_marker(line: &str) -> &str {
    let line = line.trim_start_matches([' ', '\t']);
    let line = ["//!", "///", "//", "*", "#"].iter().find_map(|m| line.strip_prefix(m)).unwrap_or(line);
    line.trim_start_matches([' ', '\t'])
}
