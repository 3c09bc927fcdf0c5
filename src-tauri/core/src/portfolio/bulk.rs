//! 批量附件 (bulk files): a folder, a ZIP or a handful of files an office received — CNIPA's
//! notices, an agent's filings — matched to achievements by the application or grant number in
//! the file's name or the name of a folder above it, shown as a preview, and attached only when
//! the person confirms. docs/rules/bulk-files.md has the rules; the ZIP and folder limits are
//! there too.
//!
//! The files come from outside and may be hostile: a ZIP is read entry by entry with every size
//! measured while inflating (never taken from its headers), nothing in it is ever written under
//! the name it gives, nested archives are listed and left closed, and a folder walk never follows
//! a symbolic link.

use crate::error::{Error, Result};
use crate::portfolio::attachment::{self, Attachment};
use crate::problem::{Problem, ProblemKind};
use crate::store::{Actor, Store};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// How much one preview or confirmation reads at most.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Files (and folders walked) across all sources; past it the rest of a source is one
    /// refused row.
    pub entries: u64,
    /// Largest file, measured while reading or inflating: an attachment's own limit.
    pub entry_bytes: u64,
    /// All files together, measured while reading or inflating.
    pub total_bytes: u64,
    /// Most bytes a ZIP entry may inflate to per compressed byte, once past `ratio_after` bytes:
    /// documents compress a few times, a bomb a thousand.
    pub ratio: u64,
    /// Bytes an entry may inflate to before its ratio is judged (a short text compresses well).
    pub ratio_after: u64,
    /// Folder levels walked below a chosen folder or inside a ZIP.
    pub depth: usize,
}

impl Limits {
    /// The limits the commands and the CLI use.
    pub const DEFAULT: Limits =
        Limits { entries: 10_000, entry_bytes: attachment::MAX_BYTES, total_bytes: 1 << 30, ratio: 100, ratio_after: 1 << 20, depth: 16 };
}

/// One thing the person chose: a file, a ZIP or a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Where it is on this machine (a folder only in the desktop app and the CLI).
    pub path: PathBuf,
    /// Its name as the person knows it (a browser upload is kept under a name made safe).
    pub name: String,
    /// The folders above it that the person chose with it (a browser's folder input gives each
    /// file's path inside the chosen folder), outermost first; they count as folder names.
    pub folders: Vec<String>,
}

impl Source {
    /// A file or folder on this machine, named by its own last component.
    pub fn at(path: &Path) -> Source {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
        Source { path: path.to_path_buf(), name, folders: Vec::new() }
    }
}

/// Where the number that matched was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FoundIn {
    /// The file's own name.
    File,
    /// A folder above the file (or the ZIP it is in).
    Folder,
}

/// Why a file is not matched, or not read at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BulkReason {
    /// No application or grant number in the file's name nor in a folder above it.
    NoNumber,
    /// A number with a wrong check digit (the row's `number` says which).
    BadCheckDigit,
    /// A valid number that no achievement has.
    UnknownNumber,
    /// Numbers that point to different achievements (the row's `candidates`).
    Ambiguous,
    /// The achievement already has a file with the same content (SHA-256).
    AlreadyAttached,
    /// The same content goes to the same achievement from an earlier row of this batch.
    DuplicateInBatch,
    /// An archive inside the ZIP or the folder (zip, rar, 7z, gz, tar …): listed, never opened.
    Archive,
    /// A name that is absolute, has a drive letter, `..`, or a NUL character.
    UnsafePath,
    /// A symbolic link (in a ZIP or a folder): never followed.
    Symlink,
    /// An encrypted ZIP entry.
    Encrypted,
    /// Past the number of files one batch reads.
    TooManyEntries,
    /// Larger than an attachment may be, measured while reading.
    EntryTooLarge,
    /// Past the bytes one batch reads, measured while reading.
    TotalTooLarge,
    /// Inflates far beyond its compressed size: a ZIP bomb.
    CompressionRatio,
    /// Deeper than the folder levels walked.
    TooDeep,
    /// Not a regular file (a pipe, a device).
    NotRegular,
    /// The entry or file could not be read (the row's `detail` says why).
    Unreadable,
}

impl BulkReason {
    /// What the reason says to a person (the CLI's lines; the screens have their own strings).
    pub fn text(self, lang: crate::Lang) -> &'static str {
        use BulkReason as R;
        let (zh, en) = match self {
            R::NoNumber => ("文件名和文件夹名中没有申请号或授权号", "no application or grant number in the file or folder names"),
            R::BadCheckDigit => ("申请号校验位不对", "the application number's check digit is wrong"),
            R::UnknownNumber => ("没有成果使用这个号码", "no achievement has this number"),
            R::Ambiguous => ("号码指向不同的成果", "the numbers point to different achievements"),
            R::AlreadyAttached => ("该成果已有内容相同的附件", "the achievement already has this file"),
            R::DuplicateInBatch => ("与本批中前面的文件内容相同", "the same content as an earlier file of this batch"),
            R::Archive => ("压缩包内的压缩包，不打开", "an archive inside the batch: not opened"),
            R::UnsafePath => ("不安全的路径（绝对路径、盘符或 ..）", "an unsafe path (absolute, a drive letter or ..)"),
            R::Symlink => ("符号链接，不跟随", "a symbolic link: not followed"),
            R::Encrypted => ("加密的条目", "an encrypted entry"),
            R::TooManyEntries => ("文件数超过一批的上限", "more files than one batch reads"),
            R::EntryTooLarge => ("文件超过 100 MB", "the file is larger than 100 MB"),
            R::TotalTooLarge => ("这一批的总大小超过上限", "the batch is larger than its limit"),
            R::CompressionRatio => ("解压后异常膨胀（疑似压缩炸弹）", "it inflates far beyond its size (a ZIP bomb)"),
            R::TooDeep => ("文件夹层级过深", "folders nested too deep"),
            R::NotRegular => ("不是普通文件", "not a regular file"),
            R::Unreadable => ("无法读取", "cannot be read"),
        };
        lang.pick(zh, en)
    }

    /// Whether the file was refused before its content was read (it can never be attached).
    pub fn is_refused(self) -> bool {
        !matches!(
            self,
            BulkReason::NoNumber
                | BulkReason::BadCheckDigit
                | BulkReason::UnknownNumber
                | BulkReason::Ambiguous
                | BulkReason::AlreadyAttached
                | BulkReason::DuplicateInBatch
        )
    }
}

/// An achievement as a row names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BulkAchievement {
    #[ts(type = "number")]
    pub id: i64,
    pub achievement_no: String,
    pub title: String,
}

/// One file of the preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BulkRow {
    /// The source it came from (its index in the list the person chose).
    pub source: u32,
    /// Its path inside the ZIP or folder, `/`-separated (a single file: its name); with `source`
    /// what the confirmation names it by.
    pub entry: String,
    /// Its file name.
    pub name: String,
    /// Bytes, as read.
    #[ts(type = "number | null")]
    pub size: Option<u64>,
    /// Hex SHA-256 of the content, as read (none when refused unread).
    pub sha256: Option<String>,
    /// The achievement it matches.
    pub achievement: Option<BulkAchievement>,
    /// The number that matched, or that was found but matched nothing, as written in the name.
    pub number: Option<String>,
    /// Where that number was found.
    pub found_in: Option<FoundIn>,
    /// Why it is not matched (none when matched).
    pub reason: Option<BulkReason>,
    /// For an ambiguous row: the achievements its numbers point to.
    pub candidates: Vec<BulkAchievement>,
    /// More about an unreadable entry (the reader's message), or the expected check digit.
    pub detail: Option<String>,
}

/// What the preview found; nothing is attached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BulkPreview {
    pub rows: Vec<BulkRow>,
    /// Rows matched to an achievement (what a confirmation of every match attaches).
    pub matched: usize,
    /// Rows read but not matched (a person may still choose an achievement for them).
    pub unmatched: usize,
    /// Rows refused unread or unreadable.
    pub refused: usize,
}

/// A row the person confirms: which file (as the preview named it, with the content it had)
/// goes to which achievement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BulkChoice {
    pub source: u32,
    pub entry: String,
    /// The SHA-256 the preview showed: a file changed since is refused.
    pub sha256: String,
    #[ts(type = "number")]
    pub achievement_id: i64,
}

/// What a confirmation attached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BulkAttached {
    pub attached: usize,
    pub attachments: Vec<Attachment>,
}

// ---------------------------------------------------------------------------------------------
// Numbers in names

/// A number found in a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// As written in the name.
    pub text: String,
    /// What it is.
    pub number: Number,
}

/// A patent number, normalized for comparison.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Number {
    /// An application number (申请号), `body.check` as `ident::application_no` writes it; a
    /// `ZL` patent number is the same number.
    Application(String),
    /// A grant publication number (授权公告号) `CN123456789`, without its kind letter.
    Publication(String),
    /// An application number whose check digit is wrong: never matched.
    BadCheck { expected: char },
}

/// Every application or grant number in `name`, in the order written: `202310123456.6`,
/// `2023101234566`, `202310123456` (no check digit), `CN`/`ZL` prefixes, full-width digits and
/// dot, the 8-digit numbers before 2003 when a dot or a prefix marks them (`20131012.0`,
/// `ZL201310120`), and grant publication numbers `CN123456789B`. A run of digits of any other
/// length (a date, a phone number) is no number.
pub fn numbers_in(name: &str) -> Vec<Found> {
    let chars: Vec<char> = name
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            c => c.to_ascii_uppercase(),
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while end < chars.len() && chars[end].is_ascii_digit() {
            end += 1;
        }
        let digits: String = chars[start..end].iter().collect();
        let prefix = if start >= 2 {
            let p: String = chars[start - 2..start].iter().collect();
            (p == "CN" || p == "ZL").then_some(p)
        } else {
            None
        };
        // A prefix glued to other letters (`ABCN…`) is part of a word, not a prefix.
        let prefix = prefix.filter(|_| start < 3 || !chars[start - 3].is_ascii_alphanumeric());
        let from = if prefix.is_some() { start - 2 } else { start };
        let next = chars.get(end).copied();
        let after = |k: usize| chars.get(end + k).copied();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
        let mut found: Option<(usize, String, char)> = None; // (end, body, check or '?')
        let mut publication = None;
        match digits.len() {
            12 => {
                if next == Some('.') && matches!(after(1), Some(c) if c.is_ascii_digit() || c == 'X') && boundary(after(2)) {
                    found = Some((end + 2, digits.clone(), after(1).unwrap_or('?')));
                } else if next == Some('X') && boundary(after(1)) {
                    found = Some((end + 1, digits.clone(), 'X'));
                } else if boundary(next) || next == Some('.') {
                    found = Some((end, digits.clone(), '?'));
                }
            }
            13 if boundary(next) || next == Some('.') => {
                found = Some((end, digits[..12].to_string(), digits.chars().last().unwrap_or('?')));
            }
            8 if next == Some('.') && matches!(after(1), Some(c) if c.is_ascii_digit() || c == 'X') && boundary(after(2)) => {
                found = Some((end + 2, digits.clone(), after(1).unwrap_or('?')));
            }
            9 if prefix.as_deref() == Some("CN") && matches!(next, Some('A' | 'B' | 'C' | 'U' | 'S' | 'Y')) && boundary(after(1)) => {
                publication = Some(end + 1);
            }
            9 if prefix.as_deref() == Some("CN") && boundary(next) => publication = Some(end),
            9 if prefix.as_deref() == Some("ZL") && boundary(next) => {
                found = Some((end, digits[..8].to_string(), digits.chars().last().unwrap_or('?')));
            }
            _ => {}
        }
        if let Some(stop) = publication {
            out.push(Found { text: chars[from..stop].iter().collect(), number: Number::Publication(format!("CN{digits}")) });
            i = stop;
            continue;
        }
        if let Some((stop, body, check)) = found {
            let text: String = chars[from..stop].iter().collect();
            let expected = crate::ident::application_no_check(&body).unwrap_or('?');
            let number = if check == '?' || check == expected {
                Number::Application(format!("{body}.{expected}"))
            } else {
                Number::BadCheck { expected }
            };
            out.push(Found { text, number });
            i = stop;
            continue;
        }
        i = end;
    }
    out
}

/// The achievements' numbers, for matching.
#[derive(Clone, Debug, Default)]
pub struct Known {
    by_id: HashMap<i64, BulkAchievement>,
    by_number: HashMap<Number, Vec<i64>>,
}

impl Known {
    /// Every achievement's application and grant numbers.
    pub fn load(conn: &Connection) -> Result<Known> {
        let mut known = Known::default();
        let mut stmt = conn.prepare("SELECT id, achievement_no, title, application_no, grant_no FROM achievement ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        for row in rows {
            let (id, achievement_no, title, application_no, grant_no) = row?;
            known.add(BulkAchievement { id, achievement_no, title }, application_no.as_deref(), grant_no.as_deref());
        }
        Ok(known)
    }

    /// Adds one achievement with its numbers as stored (a grant number is whatever the office
    /// typed: `ZL202310123456.6`, `CN123456789B`, …).
    pub fn add(&mut self, achievement: BulkAchievement, application_no: Option<&str>, grant_no: Option<&str>) {
        let id = achievement.id;
        let mut numbers = HashSet::new();
        for text in application_no.into_iter().chain(grant_no) {
            if let Ok(normal) = crate::ident::application_no(text) {
                numbers.insert(Number::Application(normal));
            }
            for found in numbers_in(text) {
                if !matches!(found.number, Number::BadCheck { .. }) {
                    numbers.insert(found.number);
                }
            }
        }
        for n in numbers {
            self.by_number.entry(n).or_default().push(id);
        }
        self.by_id.insert(id, achievement);
    }

    /// The achievement of this id.
    pub fn get(&self, id: i64) -> Option<&BulkAchievement> {
        self.by_id.get(&id)
    }

    fn lookup(&self, number: &Number) -> &[i64] {
        self.by_number.get(number).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// How one file's names match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub achievement: Option<BulkAchievement>,
    pub number: Option<String>,
    pub found_in: Option<FoundIn>,
    pub reason: Option<BulkReason>,
    pub candidates: Vec<BulkAchievement>,
    pub detail: Option<String>,
}

/// Matches a file by the numbers in its name and in the folders above it (`folders` outermost
/// first). Every number counts: when they all point to one achievement it is the match, named by
/// the number nearest the file; numbers pointing to different achievements make the row
/// ambiguous — a file named for one patent inside a folder named for another is for a person
/// to decide.
pub fn match_names(known: &Known, name: &str, folders: &[String]) -> Match {
    let mut places: Vec<(FoundIn, &str)> = vec![(FoundIn::File, name)];
    places.extend(folders.iter().rev().map(|f| (FoundIn::Folder, f.as_str())));
    let mut hits: Vec<(i64, String, FoundIn)> = Vec::new();
    let mut unknown: Option<(String, FoundIn)> = None;
    let mut bad: Option<(String, FoundIn, char)> = None;
    for (place, text) in places {
        for found in numbers_in(text) {
            match &found.number {
                Number::BadCheck { expected } => {
                    bad.get_or_insert((found.text.clone(), place, *expected));
                }
                n => {
                    let ids = known.lookup(n);
                    if ids.is_empty() {
                        unknown.get_or_insert((found.text.clone(), place));
                    }
                    for &id in ids {
                        hits.push((id, found.text.clone(), place));
                    }
                }
            }
        }
    }
    let mut ids: Vec<i64> = hits.iter().map(|h| h.0).collect();
    ids.sort_unstable();
    ids.dedup();
    let none = Match { achievement: None, number: None, found_in: None, reason: None, candidates: Vec::new(), detail: None };
    match ids.len() {
        1 => {
            let (id, text, place) = hits[0].clone();
            Match { achievement: known.get(id).cloned(), number: Some(text), found_in: Some(place), ..none }
        }
        0 => match (unknown, bad) {
            (Some((text, place)), _) => {
                Match { number: Some(text), found_in: Some(place), reason: Some(BulkReason::UnknownNumber), ..none }
            }
            (None, Some((text, place, expected))) => Match {
                number: Some(text),
                found_in: Some(place),
                reason: Some(BulkReason::BadCheckDigit),
                detail: Some(expected.to_string()),
                ..none
            },
            (None, None) => Match { reason: Some(BulkReason::NoNumber), ..none },
        },
        _ => Match {
            number: Some(hits.iter().map(|h| h.1.as_str()).collect::<Vec<_>>().join(", ")),
            found_in: Some(hits[0].2),
            reason: Some(BulkReason::Ambiguous),
            candidates: ids.iter().filter_map(|id| known.get(*id).cloned()).collect(),
            ..none
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Reading sources safely

/// A file met in a source.
#[derive(Clone, Debug)]
pub struct Met {
    /// Path inside the source, `/`-separated.
    pub entry: String,
    /// The file's name.
    pub name: String,
    /// The folder names above it, outermost first (the source's own and the chosen ones too).
    pub folders: Vec<String>,
    /// Its content's measure, or why it was not read.
    pub content: std::result::Result<Content, (BulkReason, Option<String>)>,
}

/// A file read.
#[derive(Clone, Debug)]
pub struct Content {
    pub sha256: String,
    pub size: u64,
    /// The bytes, when the caller asked to keep them.
    pub bytes: Option<Vec<u8>>,
}

/// What a batch has read so far.
#[derive(Debug, Default)]
struct Budget {
    entries: u64,
    bytes: u64,
}

/// The extensions of archives, which are listed and never opened inside a batch.
const ARCHIVES: &[&str] = &[
    "zip", "zipx", "rar", "7z", "gz", "tgz", "tar", "bz2", "tbz", "tbz2", "xz", "txz", "zst", "lz", "lzma", "z", "cab", "arj", "iso",
    "jar", "war",
];

fn extension(name: &str) -> String {
    name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default()
}

fn is_archive(name: &str) -> bool {
    ARCHIVES.contains(&extension(name).as_str())
}

/// Reads one source, handing each file met to `visit`; `keep(entry)` says which files' bytes
/// to keep. A ZIP that cannot be read at all is an error (`bulk_zip_unreadable`); every other
/// trouble is a row.
fn walk(
    source: &Source,
    limits: &Limits,
    budget: &mut Budget,
    keep: &dyn Fn(&str) -> bool,
    visit: &mut dyn FnMut(Met) -> Result<()>,
) -> Result<()> {
    let meta = std::fs::metadata(&source.path).map_err(|e| Error::io(&source.path, e))?;
    let mut folders = source.folders.clone();
    if meta.is_dir() {
        folders.push(source.name.clone());
        return walk_folder(&source.path, "", &folders, 0, limits, budget, keep, visit);
    }
    let name = source.name.clone();
    if extension(&name) == "zip" {
        folders.push(name.rsplit_once('.').map(|(s, _)| s.to_string()).unwrap_or_else(|| name.clone()));
        return walk_zip(source, &folders, limits, budget, keep, visit);
    }
    let entry = name.clone();
    let content = if !meta.is_file() {
        Err((BulkReason::NotRegular, None))
    } else if is_archive(&name) {
        Err((BulkReason::Archive, None))
    } else if !count(budget, limits) {
        Err((BulkReason::TooManyEntries, None))
    } else {
        open_regular(&source.path, None).and_then(|f| measure(f, None, limits, budget, keep(&entry)))
    };
    visit(Met { entry, name, folders, content })
}

/// Counts one more file; false past the limit.
fn count(budget: &mut Budget, limits: &Limits) -> bool {
    budget.entries += 1;
    budget.entries <= limits.entries
}

#[allow(clippy::too_many_arguments)]
fn walk_folder(
    dir: &Path,
    prefix: &str,
    folders: &[String],
    depth: usize,
    limits: &Limits,
    budget: &mut Budget,
    keep: &dyn Fn(&str) -> bool,
    visit: &mut dyn FnMut(Met) -> Result<()>,
) -> Result<()> {
    // No more names are held than the batch may still list (a folder of millions stops there).
    let room = limits.entries.saturating_sub(budget.entries).saturating_add(1);
    let mut children: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .take(usize::try_from(room).unwrap_or(usize::MAX))
        .collect::<std::io::Result<_>>()
        .map_err(|e| Error::io(dir, e))?;
    children.sort_by_key(|c| c.file_name());
    for child in children {
        let name = child.file_name().to_string_lossy().into_owned();
        let entry = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
        // The link itself, never what it points to: a link out of the folder is never followed.
        let meta = match std::fs::symlink_metadata(child.path()) {
            Ok(m) => m,
            Err(e) => {
                visit(Met { entry, name, folders: folders.to_vec(), content: Err((BulkReason::Unreadable, Some(e.to_string()))) })?;
                continue;
            }
        };
        let refuse = |reason| Met { entry: entry.clone(), name: name.clone(), folders: folders.to_vec(), content: Err((reason, None)) };
        if meta.file_type().is_symlink() {
            visit(refuse(BulkReason::Symlink))?;
        } else if meta.is_dir() {
            if depth + 1 > limits.depth {
                visit(refuse(BulkReason::TooDeep))?;
                continue;
            }
            // A folder counts like a file, so that a tree of empty folders is bounded too.
            if !count(budget, limits) {
                visit(refuse(BulkReason::TooManyEntries))?;
                return Ok(());
            }
            let mut inner = folders.to_vec();
            inner.push(name.clone());
            walk_folder(&child.path(), &entry, &inner, depth + 1, limits, budget, keep, visit)?;
        } else if !meta.is_file() {
            visit(refuse(BulkReason::NotRegular))?;
        } else if is_archive(&name) {
            visit(refuse(BulkReason::Archive))?;
        } else if !count(budget, limits) {
            visit(refuse(BulkReason::TooManyEntries))?;
            return Ok(());
        } else {
            let content = open_regular(&child.path(), Some(&meta)).and_then(|f| measure(f, None, limits, budget, keep(&entry)));
            visit(Met { entry, name, folders: folders.to_vec(), content })?;
        }
    }
    Ok(())
}

/// Opens a regular file; with the metadata read by the walk (of the name, not followed), the
/// file opened must be that very file, so that a name swapped for a link in between is refused.
fn open_regular(path: &Path, seen: Option<&std::fs::Metadata>) -> std::result::Result<std::fs::File, (BulkReason, Option<String>)> {
    let file = std::fs::File::open(path).map_err(|e| (BulkReason::Unreadable, Some(e.to_string())))?;
    let meta = file.metadata().map_err(|e| (BulkReason::Unreadable, Some(e.to_string())))?;
    if !meta.is_file() {
        return Err((BulkReason::NotRegular, None));
    }
    #[cfg(unix)]
    if let Some(seen) = seen {
        use std::os::unix::fs::MetadataExt;
        if (seen.dev(), seen.ino()) != (meta.dev(), meta.ino()) {
            return Err((BulkReason::Symlink, None));
        }
    }
    #[cfg(not(unix))]
    let _ = seen;
    Ok(file)
}

/// Reads a file or an inflating entry to its end, hashing it and counting every byte against
/// the limits as it comes (a header or a file size may lie, a file may grow); `compressed` is
/// the entry's compressed size, for the ratio.
fn measure<R: Read>(
    mut reader: R,
    compressed: Option<u64>,
    limits: &Limits,
    budget: &mut Budget,
    keep: bool,
) -> std::result::Result<Content, (BulkReason, Option<String>)> {
    let mut hasher = Sha256::new();
    let mut kept = Vec::new();
    let mut size: u64 = 0;
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err((BulkReason::Unreadable, Some(e.to_string()))),
        };
        size += n as u64;
        budget.bytes += n as u64;
        if size > limits.entry_bytes {
            return Err((BulkReason::EntryTooLarge, None));
        }
        if budget.bytes > limits.total_bytes {
            return Err((BulkReason::TotalTooLarge, None));
        }
        if let Some(c) = compressed {
            if size > limits.ratio_after && size > c.max(1).saturating_mul(limits.ratio) {
                return Err((BulkReason::CompressionRatio, None));
            }
        }
        hasher.update(&chunk[..n]);
        if keep {
            kept.extend_from_slice(&chunk[..n]);
        }
    }
    Ok(Content { sha256: hex::encode(hasher.finalize()), size, bytes: keep.then_some(kept) })
}

/// An entry's name as its writer meant it: UTF-8 when the bytes are UTF-8 (the language flag,
/// or the Info-ZIP Unicode path field, which the zip crate has already put in place of the raw
/// name), else GBK as Chinese Windows writes names, else CP437 (the ZIP standard's own).
pub fn entry_name(raw: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(raw) {
        return s.to_string();
    }
    let (text, _, errors) = encoding_rs::GBK.decode(raw);
    if !errors {
        return text.into_owned();
    }
    raw.iter().map(|&b| if b < 0x80 { b as char } else { CP437_HIGH[(b - 0x80) as usize] }).collect()
}

const CP437_HIGH: [char; 128] = [
    'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç', 'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å', 'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù', 'ÿ', 'Ö', 'Ü',
    '¢', '£', '¥', '₧', 'ƒ', 'á', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ª', 'º', '¿', '⌐', '¬', '½', '¼', '¡', '«', '»', '░', '▒', '▓', '│', '┤', '╡',
    '╢', '╖', '╕', '╣', '║', '╗', '╝', '╜', '╛', '┐', '└', '┴', '┬', '├', '─', '┼', '╞', '╟', '╚', '╔', '╩', '╦', '╠', '═', '╬', '╧', '╨',
    '╤', '╥', '╙', '╘', '╒', '╓', '╫', '╪', '┘', '┌', '█', '▄', '▌', '▐', '▀', 'α', 'ß', 'Γ', 'π', 'Σ', 'σ', 'µ', 'τ', 'Φ', 'Θ', 'Ω', 'δ',
    '∞', 'φ', 'ε', '∩', '≡', '±', '≥', '≤', '⌠', '⌡', '÷', '≈', '°', '∙', '·', '√', 'ⁿ', '²', '■', ' ',
];

/// The folders and file name of an entry name, or why the name is unsafe: absolute (`/x`,
/// `\x`), a drive letter (`C:`), a `..` component, or a NUL. Backslashes are separators, as
/// Windows tools write them.
pub fn safe_parts(name: &str) -> std::result::Result<Vec<String>, BulkReason> {
    if name.contains('\0') || name.starts_with('/') || name.starts_with('\\') {
        return Err(BulkReason::UnsafePath);
    }
    let parts: Vec<&str> = name.split(['/', '\\']).filter(|p| !p.is_empty() && *p != ".").collect();
    if parts.iter().any(|p| *p == ".." || p.contains(':')) {
        return Err(BulkReason::UnsafePath);
    }
    Ok(parts.into_iter().map(str::to_string).collect())
}

fn walk_zip(
    source: &Source,
    folders: &[String],
    limits: &Limits,
    budget: &mut Budget,
    keep: &dyn Fn(&str) -> bool,
    visit: &mut dyn FnMut(Met) -> Result<()>,
) -> Result<()> {
    let unreadable = |why: String| Error::Refused { code: "bulk_zip_unreadable", detail: format!("{}: {why}", source.name) };
    let mut file = std::fs::File::open(&source.path).map_err(|e| Error::io(&source.path, e))?;
    // The zip reader keeps a record per central-directory entry: count them before it does.
    let headers = crate::store::file::count_signatures(&mut file, b"PK\x01\x02").map_err(|e| unreadable(e.to_string()))?;
    if budget.entries + headers > limits.entries {
        budget.entries += headers;
        return visit(Met {
            entry: source.name.clone(),
            name: source.name.clone(),
            folders: source.folders.clone(),
            content: Err((BulkReason::TooManyEntries, Some(headers.to_string()))),
        });
    }
    let mut zip = zip::ZipArchive::new(file).map_err(|e| unreadable(e.to_string()))?;
    for index in 0..zip.len() {
        let (raw_name, encrypted, symlink, dir, compressed, declared) = {
            let e = zip.by_index_raw(index).map_err(|e| unreadable(e.to_string()))?;
            (e.name_raw().to_vec(), e.encrypted(), e.is_symlink(), e.is_dir(), e.compressed_size(), e.size())
        };
        let full = entry_name(&raw_name);
        let (entry, name, mut inner) = match safe_parts(&full) {
            Ok(parts) if !parts.is_empty() => {
                let name = parts.last().cloned().unwrap_or_default();
                (parts.join("/"), name, parts[..parts.len() - 1].to_vec())
            }
            Ok(_) => continue,
            Err(reason) => {
                let name = full.rsplit(['/', '\\']).next().unwrap_or(&full).to_string();
                visit(Met { entry: full.clone(), name, folders: folders.to_vec(), content: Err((reason, None)) })?;
                continue;
            }
        };
        let mut all = folders.to_vec();
        all.append(&mut inner);
        let refuse =
            |reason: BulkReason| Met { entry: entry.clone(), name: name.clone(), folders: all.clone(), content: Err((reason, None)) };
        if dir && !symlink {
            continue;
        }
        if symlink {
            visit(refuse(BulkReason::Symlink))?;
        } else if encrypted {
            visit(refuse(BulkReason::Encrypted))?;
        } else if all.len() - folders.len() > limits.depth {
            visit(refuse(BulkReason::TooDeep))?;
        } else if is_archive(&name) {
            visit(refuse(BulkReason::Archive))?;
        } else if !count(budget, limits) {
            visit(refuse(BulkReason::TooManyEntries))?;
            return Ok(());
        } else if declared > limits.entry_bytes {
            visit(refuse(BulkReason::EntryTooLarge))?;
        } else {
            let content = match zip.by_index(index) {
                Ok(reader) => measure(reader, Some(compressed), limits, budget, keep(&entry)),
                Err(e) => Err((BulkReason::Unreadable, Some(e.to_string()))),
            };
            visit(Met { entry, name, folders: all, content })?;
        }
    }
    Ok(())
}

/// Every file of `sources` read under `limits`, its bytes kept, in the order met (the notices'
/// intake reads its drops this way: one reader of outside folders and ZIPs for the whole core).
pub fn read_all(sources: &[Source], limits: &Limits) -> Result<Vec<Met>> {
    let mut budget = Budget::default();
    let mut out = Vec::new();
    for source in sources {
        walk(source, limits, &mut budget, &|_| true, &mut |met: Met| {
            out.push(met);
            Ok(())
        })?;
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Preview and confirmation

/// Lists every file of `sources` with the achievement it matches, or why not; attaches nothing.
pub fn preview(conn: &Connection, sources: &[Source], limits: &Limits) -> Result<BulkPreview> {
    let known = Known::load(conn)?;
    let mut attached: HashSet<(i64, String)> = HashSet::new();
    {
        let mut stmt = conn.prepare("SELECT entity_id, sha256 FROM attachment WHERE entity = 'achievement'")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            attached.insert(row?);
        }
    }
    let mut budget = Budget::default();
    let mut rows = Vec::new();
    let mut batch: HashSet<(i64, String)> = HashSet::new();
    for (index, source) in sources.iter().enumerate() {
        walk(source, limits, &mut budget, &|_| false, &mut |met: Met| {
            rows.push(row_for(index as u32, met, &known, &attached, &mut batch));
            Ok(())
        })?;
    }
    let matched = rows.iter().filter(|r| r.achievement.is_some() && r.reason.is_none()).count();
    let refused = rows.iter().filter(|r| r.reason.is_some_and(BulkReason::is_refused)).count();
    let unmatched = rows.len() - matched - refused;
    Ok(BulkPreview { rows, matched, unmatched, refused })
}

fn row_for(source: u32, met: Met, known: &Known, attached: &HashSet<(i64, String)>, batch: &mut HashSet<(i64, String)>) -> BulkRow {
    let mut row = BulkRow {
        source,
        entry: met.entry,
        name: met.name,
        size: None,
        sha256: None,
        achievement: None,
        number: None,
        found_in: None,
        reason: None,
        candidates: Vec::new(),
        detail: None,
    };
    let content = match met.content {
        Ok(c) => c,
        Err((reason, detail)) => {
            row.reason = Some(reason);
            row.detail = detail;
            return row;
        }
    };
    row.size = Some(content.size);
    row.sha256 = Some(content.sha256.clone());
    let m = match_names(known, &row.name, &met.folders);
    row.number = m.number;
    row.found_in = m.found_in;
    row.reason = m.reason;
    row.candidates = m.candidates;
    row.detail = m.detail;
    if let Some(a) = &m.achievement {
        let key = (a.id, content.sha256);
        if attached.contains(&key) {
            row.reason = Some(BulkReason::AlreadyAttached);
        } else if !batch.insert(key) {
            row.reason = Some(BulkReason::DuplicateInBatch);
        }
    }
    row.achievement = m.achievement;
    row
}

/// Attaches the chosen files, each to the achievement chosen for it: every file is read again
/// and must still have the content the preview showed (`bulk_file_changed` otherwise); all in
/// one transaction, each attachment audited; all or nothing.
pub fn attach(store: &mut Store, actor: &Actor, sources: &[Source], choices: &[BulkChoice], limits: &Limits) -> Result<BulkAttached> {
    if choices.is_empty() {
        return Err(Error::Refused { code: "bulk_nothing_chosen", detail: String::new() });
    }
    let known = Known::load(store.conn())?;
    let mut wanted: HashMap<(u32, &str), &BulkChoice> = HashMap::new();
    let mut problems = Vec::new();
    for (i, c) in choices.iter().enumerate() {
        let at = format!("{}", i + 1);
        if c.source as usize >= sources.len() {
            problems.push(Problem::field("source", at, ProblemKind::UnknownReference("source", c.source.to_string())));
        } else if known.get(c.achievement_id).is_none() {
            problems.push(Problem::field(
                "achievement_id",
                c.achievement_id.to_string(),
                ProblemKind::UnknownReference("achievement", c.achievement_id.to_string()),
            ));
        } else if wanted.insert((c.source, c.entry.as_str()), c).is_some() {
            problems.push(Problem::field("entry", c.entry.clone(), ProblemKind::RepeatedEntry(c.entry.clone())));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let mut pairs = HashSet::new();
    for c in choices {
        let already: bool = store.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM attachment WHERE entity = 'achievement' AND entity_id = ?1 AND sha256 = ?2)",
            rusqlite::params![c.achievement_id, c.sha256],
            |r| r.get(0),
        )?;
        if already || !pairs.insert((c.achievement_id, c.sha256.clone())) {
            let no = known.get(c.achievement_id).map(|a| a.achievement_no.clone()).unwrap_or_default();
            return Err(Error::Refused { code: "bulk_already_attached", detail: format!("{} → {no}", c.entry) });
        }
    }
    let dir = attachment::folder(store);
    let tx = store.write()?;
    let mut budget = Budget::default();
    let mut out = Vec::new();
    let mut met_choices = HashSet::new();
    for (index, source) in sources.iter().enumerate() {
        let index = index as u32;
        if !wanted.keys().any(|(s, _)| *s == index) {
            continue;
        }
        walk(source, limits, &mut budget, &|entry| wanted.contains_key(&(index, entry)), &mut |met: Met| {
            let Some(choice) = wanted.get(&(index, met.entry.as_str())) else { return Ok(()) };
            let changed = || Error::Refused { code: "bulk_file_changed", detail: met.entry.clone() };
            let content = met.content.as_ref().map_err(|_| changed())?;
            if content.sha256 != choice.sha256 {
                return Err(changed());
            }
            let bytes = content.bytes.clone().unwrap_or_default();
            let kept = attachment::Kept::from_bytes(dir.clone(), &met.name, content.sha256.clone(), bytes);
            out.push(attachment::insert(&tx, actor, "achievement", choice.achievement_id, &kept)?);
            met_choices.insert((index, met.entry.clone()));
            Ok(())
        })?;
    }
    if let Some(missing) = choices.iter().find(|c| !met_choices.contains(&(c.source, c.entry.clone()))) {
        return Err(Error::Refused { code: "bulk_file_changed", detail: missing.entry.clone() });
    }
    tx.commit()?;
    Ok(BulkAttached { attached: out.len(), attachments: out })
}

/// The choices that confirm every matched row of a preview (what `files attach` without
/// `--dry-run` attaches).
pub fn matched_choices(preview: &BulkPreview) -> Vec<BulkChoice> {
    preview
        .rows
        .iter()
        .filter(|r| r.reason.is_none())
        .filter_map(|r| {
            Some(BulkChoice {
                source: r.source,
                entry: r.entry.clone(),
                sha256: r.sha256.clone()?,
                achievement_id: r.achievement.as_ref()?.id,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn app(text: &str) -> Number {
        Number::Application(text.to_string())
    }

    fn numbers(name: &str) -> Vec<(String, Number)> {
        numbers_in(name).into_iter().map(|f| (f.text, f.number)).collect()
    }

    // Check digits worked out by hand with the weights 2 3 4 5 6 7 8 9 2 3 4 5 (mod 11) of
    // docs/rules/identifiers.md:
    //   202310123456 → 2·2+0·3+2·4+3·5+1·6+0·7+1·8+2·9+3·2+4·3+5·4+6·5 = 127 = 11·11+6 → 6
    //   201310123456 → 127 − 0·... : 2·2+0·3+1·4+3·5+1·6+0·7+1·8+2·9+3·2+4·3+5·4+6·5 = 123 = 11·11+2 → 2
    //   20131012     → 2·2+0·3+1·4+3·5+1·6+0·7+1·8+2·9 = 55 = 11·5+0 → 0
    #[test]
    fn every_written_form_of_an_application_number_is_found() {
        let n = app("202310123456.6");
        assert_eq!(numbers("202310123456.6 受理通知书.pdf"), vec![("202310123456.6".into(), n.clone())], "dotted");
        assert_eq!(numbers("2023101234566.pdf"), vec![("2023101234566".into(), n.clone())], "13 digits, check digit glued");
        assert_eq!(numbers("202310123456_审查意见.pdf"), vec![("202310123456".into(), n.clone())], "no check digit");
        assert_eq!(numbers("CN202310123456.6.pdf"), vec![("CN202310123456.6".into(), n.clone())], "CN prefix");
        assert_eq!(numbers("zl202310123456.6-证书.pdf"), vec![("ZL202310123456.6".into(), n.clone())], "ZL patent number, lower case");
        assert_eq!(numbers("２０２３１０１２３４５６．６.pdf"), vec![("202310123456.6".into(), n)], "full-width digits and dot");
        assert_eq!(numbers("20131012.0.pdf"), vec![("20131012.0".into(), app("20131012.0"))], "8-digit number with a dot");
        assert_eq!(numbers("ZL201310120.pdf"), vec![("ZL201310120".into(), app("20131012.0"))], "8-digit ZL number");
    }

    #[test]
    fn grant_publication_numbers_and_wrong_check_digits() {
        assert_eq!(numbers("CN123456789B 授权公告.pdf"), vec![("CN123456789B".into(), Number::Publication("CN123456789".into()))]);
        assert_eq!(numbers("cn123456789b.pdf")[0].1, Number::Publication("CN123456789".into()));
        // 202310123456 calls for 6 (above): 7 is wrong.
        assert_eq!(numbers("202310123456.7.pdf"), vec![("202310123456.7".into(), Number::BadCheck { expected: '6' })]);
        assert_eq!(numbers("2023101234567.pdf"), vec![("2023101234567".into(), Number::BadCheck { expected: '6' })]);
    }

    #[test]
    fn dates_phone_numbers_and_words_are_no_numbers() {
        assert!(numbers("会议纪要 20231012.pdf").is_empty(), "a date of 8 digits");
        assert!(numbers("13812345678.pdf").is_empty(), "11 digits");
        assert!(numbers("20231012345678.pdf").is_empty(), "14 digits");
        assert!(numbers("ABCN123456789B.pdf").is_empty(), "CN inside a word is no prefix");
        assert!(numbers("123456789B.pdf").is_empty(), "a publication number needs CN");
        assert!(numbers("CG20230001 说明.docx").is_empty(), "an achievement_no");
    }

    fn known() -> Known {
        let mut c = Known::default();
        let a = |id: i64, no: &str| BulkAchievement { id, achievement_no: no.into(), title: format!("成果{id}") };
        c.add(a(1, "CG2023001"), Some("202310123456.6"), Some("ZL202310123456.6"));
        // 201910012345: 2·2+0·3+1·4+9·5+1·6+0·7+0·8+1·9+2·2+3·3+4·4+5·5 = 122 = 11·11+1 → 1.
        c.add(a(2, "CG2019001"), Some("201910012345.1"), Some("CN123456789B"));
        c.add(a(3, "CG2013001"), Some("20131012.0"), None);
        c
    }

    #[test]
    fn a_file_is_matched_by_its_name_or_a_folder_above_it() {
        let c = known();
        let m = match_names(&c, "2023101234566 受理通知书.pdf", &[]);
        assert_eq!((m.achievement.map(|a| a.id), m.found_in, m.reason), (Some(1), Some(FoundIn::File), None));
        let m = match_names(&c, "授权公告.pdf", &["2019批".into(), "CN123456789B 一种装置".into()]);
        assert_eq!((m.achievement.map(|a| a.id), m.found_in, m.number.as_deref()), (Some(2), Some(FoundIn::Folder), Some("CN123456789B")));
        let m = match_names(&c, "通知书.pdf", &["20131012.0".into()]);
        assert_eq!(m.achievement.map(|a| a.id), Some(3), "an 8-digit number in a folder name");
    }

    #[test]
    fn two_numbers_of_one_achievement_match_and_of_two_are_ambiguous() {
        let c = known();
        let m = match_names(&c, "202310123456.6 ZL202310123456.6.pdf", &["CN202310123456.6".into()]);
        assert_eq!((m.achievement.map(|a| a.id), m.reason), (Some(1), None), "three spellings of one patent");
        let m = match_names(&c, "202310123456.6 与 201910012345.1 合并.pdf", &[]);
        assert_eq!(m.reason, Some(BulkReason::Ambiguous));
        assert_eq!(m.candidates.iter().map(|a| a.id).collect::<Vec<_>>(), vec![1, 2]);
        let m = match_names(&c, "202310123456.6.pdf", &["CN123456789B".into()]);
        assert_eq!(m.reason, Some(BulkReason::Ambiguous), "the file names one patent, its folder another");
    }

    #[test]
    fn unmatched_files_say_why() {
        let c = known();
        assert_eq!(match_names(&c, "会议纪要.pdf", &["2023年".into()]).reason, Some(BulkReason::NoNumber));
        // 202410999999: 2·2+0·3+2·4+4·5+1·6+0·7+9·8+9·9+9·2+9·3+9·4+9·5 = 317 = 11·28+9 → 9.
        let m = match_names(&c, "202410999999.9.pdf", &[]);
        assert_eq!((m.reason, m.number.as_deref()), (Some(BulkReason::UnknownNumber), Some("202410999999.9")));
        let m = match_names(&c, "202310123456.7.pdf", &[]);
        assert_eq!((m.reason, m.detail.as_deref()), (Some(BulkReason::BadCheckDigit), Some("6")));
        let m = match_names(&c, "202410999999.9 202310123456.6.pdf", &[]);
        assert_eq!(m.achievement.map(|a| a.id), Some(1), "an unknown number beside a known one does not hide the match");
    }

    #[test]
    fn unsafe_entry_names_are_refused() {
        assert_eq!(safe_parts("a/b/c.pdf"), Ok(vec!["a".to_string(), "b".into(), "c.pdf".into()]));
        assert_eq!(safe_parts("a\\b.pdf"), Ok(vec!["a".to_string(), "b.pdf".into()]), "backslash is a separator");
        assert_eq!(safe_parts("./a.pdf"), Ok(vec!["a.pdf".to_string()]));
        for bad in ["../evil.pdf", "a/../../evil.pdf", "/etc/passwd", "\\evil.pdf", "C:\\evil.pdf", "c:evil.pdf", "a\\..\\..\\evil", "a\0b"]
        {
            assert_eq!(safe_parts(bad), Err(BulkReason::UnsafePath), "{bad:?}");
        }
    }

    #[test]
    fn names_decode_as_utf8_then_gbk() {
        assert_eq!(entry_name("受理通知书.pdf".as_bytes()), "受理通知书.pdf");
        let (gbk, _, _) = encoding_rs::GBK.encode("受理通知书.pdf");
        assert!(std::str::from_utf8(&gbk).is_err(), "the GBK bytes are not UTF-8, or the test proves nothing");
        assert_eq!(entry_name(&gbk), "受理通知书.pdf");
        // 0x80 0xFF is no GBK pair: CP437, byte by byte.
        assert_eq!(entry_name(&[b'a', 0x81, 0xFF]), "aü ");
    }

    // ---- hostile ZIPs, built here

    fn zip_of(entries: &[(&[u8], &[u8], bool)]) -> Vec<u8> {
        // (raw name, content, utf8 flag): names are written raw so that GBK, `..` and absolute
        // names reach the archive exactly as a hostile or old tool writes them.
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, content, utf8) in entries {
            let crc = crc32(content);
            let offset = out.len() as u32;
            let flags: u16 = if *utf8 { 0x0800 } else { 0 };
            local_and_central(&mut out, &mut central, name, content, crc, flags, 0, 0o100644 << 16, offset);
        }
        finish(out, central, entries.len() as u16)
    }

    #[allow(clippy::too_many_arguments)]
    fn local_and_central(
        out: &mut Vec<u8>,
        central: &mut Vec<u8>,
        name: &[u8],
        content: &[u8],
        crc: u32,
        flags: u16,
        method: u16,
        external: u32,
        offset: u32,
    ) {
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&20u16.to_le_bytes());
        out.extend_from_slice(&flags.to_le_bytes());
        out.extend_from_slice(&method.to_le_bytes());
        out.extend_from_slice(&[0, 0, 0x21, 0]);
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&(content.len() as u32).to_le_bytes());
        out.extend_from_slice(&(content.len() as u32).to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name);
        out.extend_from_slice(content);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&(3u16 << 8 | 20).to_le_bytes()); // made by Unix
        central.extend_from_slice(&20u16.to_le_bytes());
        central.extend_from_slice(&flags.to_le_bytes());
        central.extend_from_slice(&method.to_le_bytes());
        central.extend_from_slice(&[0, 0, 0x21, 0]);
        central.extend_from_slice(&crc.to_le_bytes());
        central.extend_from_slice(&(content.len() as u32).to_le_bytes());
        central.extend_from_slice(&(content.len() as u32).to_le_bytes());
        central.extend_from_slice(&(name.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0; 8]); // extra, comment, disk, internal attributes
        central.extend_from_slice(&external.to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }

    fn finish(mut out: Vec<u8>, central: Vec<u8>, count: u16) -> Vec<u8> {
        let start = out.len() as u32;
        out.extend_from_slice(&central);
        out.extend_from_slice(b"PK\x05\x06");
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&(central.len() as u32).to_le_bytes());
        out.extend_from_slice(&start.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= b as u32;
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    /// An entry as the tests compare it: its path, why it was refused, its size as read.
    type Listed = (String, Option<BulkReason>, Option<u64>);

    fn rows_of(dir: &tempfile::TempDir, name: &str, zip: &[u8], limits: &Limits) -> Result<Vec<Listed>> {
        let path = dir.path().join(name);
        std::fs::write(&path, zip).expect("write zip");
        let mut out = Vec::new();
        walk(&Source::at(&path), limits, &mut Budget::default(), &|_| false, &mut |m: Met| {
            let (reason, size) = match &m.content {
                Ok(c) => (None, Some(c.size)),
                Err((r, _)) => (Some(*r), None),
            };
            out.push((m.entry, reason, size));
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn hostile_entries_are_listed_with_their_reason_and_never_opened() {
        let dir = tempfile::tempdir().expect("tmp");
        let symlink = {
            // A Unix symlink entry (mode 0o120777) to /etc/passwd.
            let mut out = Vec::new();
            let mut central = Vec::new();
            local_and_central(&mut out, &mut central, b"link.pdf", b"/etc/passwd", crc32(b"/etc/passwd"), 0, 0, 0o120777 << 16, 0);
            let offset = out.len() as u32;
            local_and_central(&mut out, &mut central, b"ok.pdf", b"%PDF", crc32(b"%PDF"), 0, 0, 0o100644 << 16, offset);
            finish(out, central, 2)
        };
        let rows = rows_of(&dir, "links.zip", &symlink, &Limits::DEFAULT).expect("readable");
        assert_eq!(rows, vec![("link.pdf".into(), Some(BulkReason::Symlink), None), ("ok.pdf".into(), None, Some(4))]);

        let (gbk, _, _) = encoding_rs::GBK.encode("202310123456.6 受理通知书.pdf");
        let inner = zip_of(&[(b"x.txt", b"x", false)]);
        let zip = zip_of(&[
            (b"../evil.pdf", b"e", false),
            (b"/etc/cron.d/evil", b"e", false),
            (b"C:\\Windows\\evil.dll", b"e", false),
            (b"a\\..\\..\\evil.pdf", b"e", false),
            (b"nested.zip", &inner, false),
            (b"more/archive.7z", b"7z", false),
            (&gbk, b"%PDF-1.4 notice", false),
            ("CN123456789B/证书.pdf".as_bytes(), b"%PDF-1.4 cert", true),
        ]);
        let rows = rows_of(&dir, "batch.zip", &zip, &Limits::DEFAULT).expect("readable");
        let want: Vec<Listed> = vec![
            ("../evil.pdf".into(), Some(BulkReason::UnsafePath), None),
            ("/etc/cron.d/evil".into(), Some(BulkReason::UnsafePath), None),
            ("C:\\Windows\\evil.dll".into(), Some(BulkReason::UnsafePath), None),
            ("a\\..\\..\\evil.pdf".into(), Some(BulkReason::UnsafePath), None),
            ("nested.zip".into(), Some(BulkReason::Archive), None),
            ("more/archive.7z".into(), Some(BulkReason::Archive), None),
            ("202310123456.6 受理通知书.pdf".into(), None, Some(15)),
            ("CN123456789B/证书.pdf".into(), None, Some(13)),
        ];
        assert_eq!(rows, want);
        assert!(std::fs::read_dir(dir.path()).expect("dir").count() == 2, "nothing was extracted beside the zips");
    }

    #[test]
    fn encrypted_entries_and_unreadable_zips() {
        let dir = tempfile::tempdir().expect("tmp");
        let mut zip = zip_of(&[(b"secret.pdf", b"xxxxxxxxxxxxxxxx", false)]);
        // Set bit 0 (encrypted) in the local and central headers' flags.
        zip[6] |= 1;
        let central = zip.windows(4).position(|w| w == b"PK\x01\x02").expect("central");
        zip[central + 8] |= 1;
        let rows = rows_of(&dir, "enc.zip", &zip, &Limits::DEFAULT).expect("readable");
        assert_eq!(rows, vec![("secret.pdf".into(), Some(BulkReason::Encrypted), None)]);
        let err = rows_of(&dir, "broken.zip", b"PK\x03\x04 not really a zip", &Limits::DEFAULT).expect_err("unreadable");
        assert_eq!(err.code(), "bulk_zip_unreadable");
    }

    fn deflated(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in entries {
            w.start_file(*name, options).expect("start");
            w.write_all(content).expect("write");
        }
        w.finish().expect("finish").into_inner()
    }

    #[test]
    fn bombs_are_stopped_by_what_inflates_not_by_the_headers() {
        let dir = tempfile::tempdir().expect("tmp");
        // 8 MiB of zeros deflate to about 8 KB: a ratio near 1000, over the limit of 100 once past
        // the first MiB.
        let zip = deflated(&[("zeros.pdf", vec![0u8; 8 << 20]), ("small.pdf", b"%PDF".to_vec())]);
        let rows = rows_of(&dir, "bomb.zip", &zip, &Limits::DEFAULT).expect("readable");
        assert_eq!(rows[0], ("zeros.pdf".into(), Some(BulkReason::CompressionRatio), None));
        assert_eq!(rows[1], ("small.pdf".into(), None, Some(4)));

        // An entry over the size limit, and a batch over the total: limits of 1,000 and 1,500
        // bytes against entries of 1,200, then 800 + 800 bytes (the second passes 1,500).
        let limits = Limits { entry_bytes: 1_000, total_bytes: 1_500, ratio: u64::MAX, ..Limits::DEFAULT };
        let zip = deflated(&[("big.pdf", vec![7u8; 1_200]), ("a.pdf", vec![1u8; 800]), ("b.pdf", vec![2u8; 800])]);
        let rows = rows_of(&dir, "sizes.zip", &zip, &limits).expect("readable");
        let reasons: Vec<_> = rows.iter().map(|r| r.1).collect();
        assert_eq!(reasons, vec![Some(BulkReason::EntryTooLarge), None, Some(BulkReason::TotalTooLarge)]);

        // A header that says 4 bytes for an entry of 100: measured, not believed. The stored
        // entry's sizes are patched after writing, the CRC left for the 100 bytes.
        let limits = Limits { entry_bytes: 50, ..Limits::DEFAULT };
        let mut zip = zip_of(&[(b"liar.pdf", &[b'x'; 100], false)]);
        let central = zip.windows(4).position(|w| w == b"PK\x01\x02").expect("central");
        for at in [22, central + 24] {
            zip[at..at + 4].copy_from_slice(&4u32.to_le_bytes());
        }
        let rows = rows_of(&dir, "liar.zip", &zip, &limits).expect("readable");
        assert_ne!(rows[0].1, None, "an entry whose header lies is never taken at its word: {rows:?}");
        assert_ne!(rows[0].2, Some(4), "nor read as the 4 bytes it claims with a wrong hash");
    }

    #[test]
    fn central_headers_split_between_reads_are_counted() {
        // 3 headers, one across the 1 MiB read boundary.
        let mut bytes = vec![0u8; (1 << 20) + 100];
        bytes[10..14].copy_from_slice(b"PK\x01\x02");
        bytes[(1 << 20) - 2..(1 << 20) + 2].copy_from_slice(b"PK\x01\x02");
        bytes[(1 << 20) + 50..(1 << 20) + 54].copy_from_slice(b"PK\x01\x02");
        assert_eq!(crate::store::file::count_signatures(&mut bytes.as_slice(), b"PK\x01\x02").expect("read"), 3);
    }

    #[test]
    fn too_many_entries_are_refused_before_the_zip_is_parsed() {
        let dir = tempfile::tempdir().expect("tmp");
        let names: Vec<String> = (0..12).map(|i| format!("f{i}.pdf")).collect();
        let entries: Vec<(&[u8], &[u8], bool)> = names.iter().map(|n| (n.as_bytes(), b"x".as_slice(), false)).collect();
        let limits = Limits { entries: 10, ..Limits::DEFAULT };
        let rows = rows_of(&dir, "many.zip", &zip_of(&entries), &limits).expect("readable");
        assert_eq!(rows, vec![("many.zip".into(), Some(BulkReason::TooManyEntries), None)], "one row for the whole zip");
        let rows = rows_of(&dir, "few.zip", &zip_of(&entries[..10]), &limits).expect("readable");
        assert_eq!(rows.len(), 10, "exactly at the limit passes");
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_walk_never_follows_a_link_and_stops_at_its_limits() {
        let outside = tempfile::tempdir().expect("tmp");
        std::fs::write(outside.path().join("secret.pdf"), b"secret").expect("write");
        let dir = tempfile::tempdir().expect("tmp");
        let root = dir.path().join("CN123456789B 证书");
        std::fs::create_dir_all(root.join("a/b/c")).expect("mkdir");
        std::fs::write(root.join("a/one.pdf"), b"one").expect("write");
        std::fs::write(root.join("a/b/c/deep.pdf"), b"deep").expect("write");
        std::fs::write(root.join("inner.rar"), b"Rar!").expect("write");
        std::os::unix::fs::symlink(outside.path(), root.join("out")).expect("link dir");
        std::os::unix::fs::symlink(outside.path().join("secret.pdf"), root.join("secret.pdf")).expect("link file");
        let limits = Limits { depth: 2, ..Limits::DEFAULT };
        let mut rows = Vec::new();
        walk(&Source::at(&root), &limits, &mut Budget::default(), &|_| false, &mut |m: Met| {
            rows.push((m.entry, m.content.err().map(|e| e.0), m.folders));
            Ok(())
        })
        .expect("walk");
        let top = "CN123456789B 证书".to_string();
        assert_eq!(
            rows,
            vec![
                ("a/b/c".into(), Some(BulkReason::TooDeep), vec![top.clone(), "a".into(), "b".into()]),
                ("a/one.pdf".into(), None, vec![top.clone(), "a".into()]),
                ("inner.rar".into(), Some(BulkReason::Archive), vec![top.clone()]),
                ("out".into(), Some(BulkReason::Symlink), vec![top.clone()]),
                ("secret.pdf".into(), Some(BulkReason::Symlink), vec![top]),
            ]
        );

        // Five files against a limit of three: three are read, then one row says the rest is
        // refused and the walk stops.
        let many = dir.path().join("many");
        std::fs::create_dir(&many).expect("mkdir");
        for i in 0..5 {
            std::fs::write(many.join(format!("{i}.pdf")), b"x").expect("write");
        }
        let limits = Limits { entries: 3, ..Limits::DEFAULT };
        let mut reasons = Vec::new();
        walk(&Source::at(&many), &limits, &mut Budget::default(), &|_| false, &mut |m: Met| {
            reasons.push(m.content.err().map(|e| e.0));
            Ok(())
        })
        .expect("walk");
        assert_eq!(reasons, vec![None, None, None, Some(BulkReason::TooManyEntries)]);
    }
}
