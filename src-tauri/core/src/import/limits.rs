//! The reader's resource limits (docs/import-templates.md "Limits"), and the checks that enforce
//! them before anything is allocated in proportion to what a file claims: the file's size, then
//! every part inside an .xlsx — its real uncompressed size (counted while inflating, never taken
//! from the zip header) and the longest tag or text run the XML parser would hold at once — then,
//! while the sheet streams, rows, columns, cells, cell length, text and problems.
//!
//! A crafted workbook of a few KB could otherwise ask for hundreds of GB (a cell at
//! XFD1048576 under a dense range), and an allocation failure aborts the process: no
//! `catch_unwind` can turn it into an error. docs/reliability.md "Crafted files" has the files
//! tried and the peak memory measured.

use crate::problem::{Limit, Problem, ProblemKind};
use std::io::{Read, Seek, SeekFrom};

/// Largest file read, .xlsx or .csv.
pub const FILE_BYTES: u64 = 64 << 20;
/// Most parts (files) inside an .xlsx; a workbook has a few dozen.
pub const PARTS: u64 = 10_000;
/// Largest worksheet part, uncompressed (streamed, so this bounds time, not memory).
pub const SHEET_PART_BYTES: u64 = 256 << 20;
/// Largest shared-strings part, uncompressed: calamine holds all of its strings.
pub const SHARED_STRINGS_PART_BYTES: u64 = 32 << 20;
/// Largest of any other part calamine reads whole (workbook, styles, relationships, theme).
pub const OTHER_PART_BYTES: u64 = 16 << 20;
/// Largest binary part (pictures, printer settings), never read as XML by a sound workbook.
pub const BINARY_PART_BYTES: u64 = 32 << 20;
/// Longest tag or text run in an XML part: the parser holds one at a time, and a cell's value
/// is copied twice more. A cell of 32,767 characters written as `&#x4E2D;` takes 262 KB.
pub const XML_TOKEN_BYTES: u64 = 1 << 20;
/// Most strings the shared-strings table may announce (calamine reserves room for them).
pub const SHARED_STRINGS: u64 = 4 << 20;
/// Last row number: Excel's own.
pub const ROWS: u64 = 1_048_576;
/// Last column: 1,024 (AMJ). The templates have at most 12 columns, an office's own sheet a
/// few dozen.
pub const COLUMNS: u64 = 1_024;
/// Most cells, counting each non-blank row up to its last value: 3,000,000 is 250,000 rows of
/// 12 columns, five times the large demo's biggest table.
pub const CELLS: u64 = 3_000_000;
/// Longest cell: Excel's own limit (longer cells are only made by hand-written XML).
pub const CELL_CHARS: u64 = 32_767;
/// Most text kept in all cells together.
pub const TEXT_BYTES: u64 = 128 << 20;
/// Most merged ranges in a sheet.
pub const MERGED_RANGES: u64 = 100_000;
/// Most problems the reader lists before it stops.
pub const PROBLEMS: u64 = 100_000;

/// A problem of the whole file (row 0) or of one cell.
pub(crate) fn over(sheet: &str, row: usize, col: Option<usize>, value: String, limit: Limit) -> Problem {
    Problem { sheet: sheet.to_string(), row, col, column: String::new(), value, kind: ProblemKind::Limit(limit) }
}

fn refused(name: &str, limit: Limit) -> Vec<Problem> {
    vec![over(name, 0, None, String::new(), limit)]
}

fn unreadable(name: &str, why: String) -> Vec<Problem> {
    vec![Problem {
        sheet: name.to_string(),
        row: 0,
        col: None,
        column: String::new(),
        value: String::new(),
        kind: ProblemKind::Unreadable(why),
    }]
}

/// Reads a whole file of at most [`FILE_BYTES`], refusing anything but a regular file (a FIFO
/// or a device would be read without end).
pub(crate) fn read_file(path: &std::path::Path, name: &str) -> Result<Vec<u8>, Vec<Problem>> {
    let mut file = open_file(path, name)?;
    let mut bytes = Vec::new();
    (&mut file).take(FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| unreadable(name, e.to_string()))?;
    if bytes.len() as u64 > FILE_BYTES {
        return Err(refused(name, Limit::FileBytes(FILE_BYTES)));
    }
    Ok(bytes)
}

/// Opens a regular file of at most [`FILE_BYTES`].
pub(crate) fn open_file(path: &std::path::Path, name: &str) -> Result<std::fs::File, Vec<Problem>> {
    let file = std::fs::File::open(path).map_err(|e| unreadable(name, e.to_string()))?;
    let meta = file.metadata().map_err(|e| unreadable(name, e.to_string()))?;
    if !meta.is_file() {
        return Err(unreadable(name, "not a regular file".into()));
    }
    if meta.len() > FILE_BYTES {
        return Err(refused(name, Limit::FileBytes(FILE_BYTES)));
    }
    Ok(file)
}

/// What a part is, for its limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Sheet,
    SharedStrings,
    Binary,
    Other,
}

/// Checks every part of the .xlsx in `file` against the limits, inflating each once into a
/// small buffer; the file's position is left anywhere. A file that is no zip at all passes (the
/// workbook reader refuses it with its own message).
pub(crate) fn check_package<R: Read + Seek>(file: &mut R, name: &str) -> Result<(), Vec<Problem>> {
    // Each entry of the central directory costs the zip reader a record; count the headers'
    // signatures before it reads them.
    if crate::store::file::count_signatures(file, b"PK\x01\x02").map_err(|e| unreadable(name, e.to_string()))? > PARTS {
        return Err(refused(name, Limit::Parts(PARTS)));
    }
    file.seek(SeekFrom::Start(0)).map_err(|e| unreadable(name, e.to_string()))?;
    let Ok(mut zip) = zip::ZipArchive::new(&mut *file) else { return Ok(()) };
    let names: Vec<String> = zip.file_names_raw().map(|n| String::from_utf8_lossy(n).into_owned()).collect();
    // The workbook part named by the package relationships is read whole, whatever folder
    // it is in: it gets the small limit even when it sits among the worksheets.
    let mut documents = Vec::new();
    for (index, part) in names.iter().enumerate() {
        if normalized(part) == "_rels/.rels" {
            let mut entry = zip.by_index(index).map_err(|e| unreadable(name, e.to_string()))?;
            let declared = entry.size();
            documents.extend(office_documents(&scan(&mut entry, declared, name, part, OTHER_PART_BYTES, true, true)?.bytes));
        }
    }
    for (index, part) in names.iter().enumerate() {
        let mut entry = zip.by_index(index).map_err(|e| unreadable(name, e.to_string()))?;
        if entry.is_dir() {
            continue;
        }
        let class = classify(&normalized(part), &documents);
        let max_bytes = match class {
            Class::Sheet => SHEET_PART_BYTES,
            Class::SharedStrings => SHARED_STRINGS_PART_BYTES,
            Class::Binary => BINARY_PART_BYTES,
            Class::Other => OTHER_PART_BYTES,
        };
        let declared = entry.size();
        let scanned = scan(&mut entry, declared, name, part, max_bytes, class != Class::Binary, false)?;
        if class == Class::SharedStrings {
            if let Some(count) = scanned.unique_count {
                if count > SHARED_STRINGS {
                    return Err(refused(name, Limit::SharedStrings(SHARED_STRINGS)));
                }
            }
        }
        if scanned.merged > MERGED_RANGES {
            return Err(refused(name, Limit::MergedRanges(MERGED_RANGES)));
        }
    }
    Ok(())
}

/// A zip path as calamine looks it up: forward slashes, ASCII lower case.
fn normalized(path: &str) -> String {
    path.replace('\\', "/").to_ascii_lowercase()
}

fn classify(path: &str, documents: &[String]) -> Class {
    let file = path.rsplit('/').next().unwrap_or(path);
    let ext = file.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if file == "sharedstrings.xml" {
        Class::SharedStrings
    } else if matches!(ext, "png" | "jpg" | "jpeg" | "jfif" | "gif" | "bmp" | "tif" | "tiff" | "emf" | "wmf" | "wdp" | "bin") {
        Class::Binary
    } else if path.contains("worksheets/")
        && ext == "xml"
        && !matches!(file, "styles.xml" | "workbook.xml")
        && !file.starts_with("theme")
        && !documents.iter().any(|d| d == path)
    {
        Class::Sheet
    } else {
        Class::Other
    }
}

/// The parts the package relationships point to (the workbook among them), normalized as
/// calamine finds them. Every `Target` counts, whatever its type or the XML around it, so that
/// no reading of the relationships that calamine might make is missed.
fn office_documents(rels: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    for at in memchr::memmem::find_iter(rels, b"Target") {
        let rest = rels[at + b"Target".len()..].trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=") else { continue };
        let rest = rest.trim_ascii_start();
        let Some(q @ (b'"' | b'\'')) = rest.first().copied() else { continue };
        let Some(value) = rest[1..].split(|b| *b == q).next() else { continue };
        let value = String::from_utf8_lossy(value);
        let value = quick_xml::escape::unescape(&value).map(|v| v.into_owned()).unwrap_or_else(|_| value.into_owned());
        out.push(normalized(value.strip_prefix('/').unwrap_or(&value)));
    }
    out
}

/// What the scan of one part found.
struct Scanned {
    /// The part's bytes, when asked for (the package relationships).
    bytes: Vec<u8>,
    /// The shared-strings table's `uniqueCount`, when announced.
    unique_count: Option<u64>,
    /// `mergeCell` elements.
    merged: u64,
}

/// Inflates one part (refused at once when its header already says it is too large), counting
/// its real size against `max_bytes` (a header may lie) and, with `lex`, the
/// longest token as quick-xml (calamine's parser) cuts them: a text run up to `<`; a tag up to
/// the `>` outside quotes; a comment up to `-->`; CDATA up to `]]>`; a processing instruction
/// up to `?>`. A DOCTYPE (which no workbook part has, and whose internal subset the parser
/// holds whole) makes the file unreadable.
fn scan<R: Read>(
    entry: &mut R,
    declared: u64,
    name: &str,
    part: &str,
    max_bytes: u64,
    lex: bool,
    keep: bool,
) -> Result<Scanned, Vec<Problem>> {
    if declared > max_bytes {
        return Err(refused(name, Limit::PartBytes(part.to_string(), max_bytes)));
    }
    let mut lexer = Lexer::default();
    let mut kept = Vec::new();
    let mut total: u64 = 0;
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = entry.read(&mut chunk).map_err(|e| unreadable(name, format!("{part}: {e}")))?;
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > max_bytes {
            return Err(refused(name, Limit::PartBytes(part.to_string(), max_bytes)));
        }
        if keep {
            kept.extend_from_slice(&chunk[..n]);
        }
        if lex {
            lexer.feed(&chunk[..n]);
            if lexer.doctype {
                return Err(unreadable(name, format!("{part}: a DOCTYPE, which no workbook has")));
            }
            if lexer.longest > XML_TOKEN_BYTES {
                return Err(refused(name, Limit::XmlToken(part.to_string(), XML_TOKEN_BYTES)));
            }
        }
    }
    Ok(Scanned { bytes: kept, unique_count: lexer.unique_count, merged: lexer.merged })
}

/// Where the lexer stands between two chunks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum State {
    /// Text, up to the next `<`.
    #[default]
    Text,
    /// Just after `<`.
    Open,
    /// After `<!`.
    Bang,
    /// After `<!-`.
    BangDash,
    /// After `<![`, with this many of the `CDATA[` letters read.
    BangBracket(u8),
    /// In a start or empty tag, outside quotes.
    Tag,
    /// In a tag, inside quotes of this kind.
    Quoted(u8),
    /// In an end tag.
    EndTag,
    /// In a comment, up to `-->`.
    Comment,
    /// In CDATA, up to `]]>`.
    CData,
    /// In a processing instruction, up to `?>`.
    Pi,
}

/// A byte lexer that mirrors quick-xml's token boundaries, to know the longest token before
/// the parser meets it. It jumps from one significant byte to the next (memchr), so that a
/// part is lexed at close to memory speed. It also picks up the two facts the limits need
/// from the XML: the shared-strings table's announced size and the number of merged ranges.
#[derive(Default)]
struct Lexer {
    state: State,
    /// Bytes in the current token so far.
    current: u64,
    /// The longest token so far.
    longest: u64,
    doctype: bool,
    /// The tag being read, up to 64 bytes, for its name (and the first element's to 4 KB).
    tag: Vec<u8>,
    merged: u64,
    unique_count: Option<u64>,
    /// The first element was seen.
    root_seen: bool,
    /// The first element's tag was longer than the 4 KB kept.
    root_truncated: bool,
    /// The last two bytes of the token so far (for `-->`, `]]>` and `?>` across chunks).
    last: [u8; 2],
}

impl Lexer {
    fn feed(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            match self.state {
                State::Text => match memchr::memchr(b'<', rest) {
                    Some(at) => {
                        self.grow(at);
                        self.current = 1;
                        self.tag.clear();
                        self.state = State::Open;
                        i += at + 1;
                    }
                    None => {
                        self.grow(rest.len());
                        i = bytes.len();
                    }
                },
                State::Tag => match memchr::memchr3(b'>', b'"', b'\'', rest) {
                    Some(at) => {
                        // The `>` is not kept; an opening quote is (`uniqueCount` is read back).
                        self.keep_tag(&rest[..if rest[at] == b'>' { at } else { at + 1 }]);
                        self.grow(at + 1);
                        i += at + 1;
                        self.state = match rest[at] {
                            b'>' => self.close_tag(),
                            q => State::Quoted(q),
                        };
                    }
                    None => {
                        self.keep_tag(rest);
                        self.grow(rest.len());
                        i = bytes.len();
                    }
                },
                State::Quoted(q) => match memchr::memchr(q, rest) {
                    Some(at) => {
                        self.keep_tag(&rest[..=at]);
                        self.grow(at + 1);
                        self.state = State::Tag;
                        i += at + 1;
                    }
                    None => {
                        self.keep_tag(rest);
                        self.grow(rest.len());
                        i = bytes.len();
                    }
                },
                State::EndTag | State::Comment | State::CData | State::Pi => {
                    // Up to a `>`; the three kinds that need more before it look back two bytes.
                    let Some(at) = memchr::memchr(b'>', rest) else {
                        self.remember(rest);
                        self.grow(rest.len());
                        i = bytes.len();
                        continue;
                    };
                    self.remember(&rest[..at]);
                    self.grow(at + 1);
                    i += at + 1;
                    let ends = match self.state {
                        State::Comment => self.last == *b"--",
                        State::CData => self.last == *b"]]",
                        State::Pi => self.last[1] == b'?',
                        _ => true,
                    };
                    if ends {
                        self.state = State::Text;
                        self.current = 0;
                    } else {
                        self.remember(b">");
                    }
                }
                State::Open | State::Bang | State::BangDash | State::BangBracket(_) => {
                    let b = rest[0];
                    i += 1;
                    self.grow(1);
                    self.last = [0, 0];
                    self.state = match (self.state, b) {
                        (State::Open, b'!') => State::Bang,
                        (State::Open, b'?') => State::Pi,
                        (State::Open, b'/') => State::EndTag,
                        (State::Open, b'>') => self.close_tag(),
                        (State::Open, q @ (b'"' | b'\'')) => {
                            self.keep_tag(&[q]);
                            State::Quoted(q)
                        }
                        (State::Open, _) => {
                            self.keep_tag(&[b]);
                            State::Tag
                        }
                        (State::Bang, b'-') => State::BangDash,
                        (State::Bang, b'[') => State::BangBracket(0),
                        (State::Bang, b'D' | b'd') => {
                            self.doctype = true;
                            State::Text
                        }
                        // quick-xml stops at any other `<!`: the token ends here.
                        (State::Bang, _) => {
                            self.current = 0;
                            State::Text
                        }
                        // `<!--` then the comment; its own dashes never close it.
                        (State::BangDash, _) => State::Comment,
                        (State::BangBracket(n), _) if n < 5 => State::BangBracket(n + 1),
                        (_, _) => State::CData,
                    };
                }
            }
        }
    }

    /// Keeps the last two bytes of the token read so far.
    fn remember(&mut self, bytes: &[u8]) {
        match bytes {
            [] => {}
            [b] => self.last = [self.last[1], *b],
            [.., a, b] => self.last = [*a, *b],
        }
    }

    fn grow(&mut self, n: usize) {
        self.current += n as u64;
        self.longest = self.longest.max(self.current);
    }

    /// Keeps the start of a tag for its name; the first element whole (to 4 KB) for
    /// `uniqueCount`.
    fn keep_tag(&mut self, bytes: &[u8]) {
        let cap: usize = if self.root_seen { 64 } else { 4096 };
        let room = cap.saturating_sub(self.tag.len());
        if bytes.len() > room && !self.root_seen {
            self.root_truncated = true;
        }
        self.tag.extend_from_slice(&bytes[..bytes.len().min(room)]);
    }

    fn close_tag(&mut self) -> State {
        let name_end = self.tag.iter().position(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>').unwrap_or(self.tag.len());
        let name = &self.tag[..name_end];
        let local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
        if local == b"mergeCell" {
            self.merged += 1;
        }
        if !self.root_seen {
            self.root_seen = true;
            if local == b"sst" {
                self.unique_count = unique_count(&self.tag, self.root_truncated);
            }
        }
        self.current = 0;
        State::Text
    }
}

/// The `uniqueCount` an `sst` start tag (without its `<`) announces, read more widely than
/// calamine reads it, so that no announcement calamine would act on goes unseen: every
/// occurrence of the name counts, the largest wins, and a value that is not plain digits (or a
/// tag cut off at 4 KB) counts as too many.
fn unique_count(tag: &[u8], truncated: bool) -> Option<u64> {
    if truncated {
        return Some(u64::MAX);
    }
    let mut found = None;
    for at in memchr::memmem::find_iter(tag, b"uniqueCount") {
        let rest = &tag[at + b"uniqueCount".len()..];
        let rest = rest.trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b"=") else { continue };
        let rest = rest.trim_ascii_start();
        let value = match rest.first() {
            Some(q @ (b'"' | b'\'')) => rest[1..].split(|b| b == q).next().unwrap_or(&[]),
            _ => rest,
        };
        let n = std::str::from_utf8(value).ok().and_then(|v| v.parse::<u64>().ok()).unwrap_or(u64::MAX);
        found = Some(found.map_or(n, |f: u64| f.max(n)));
    }
    found
}

/// Counts what a sheet holds as it streams, refusing at the first limit passed.
#[derive(Default)]
pub(crate) struct Budget {
    cells: u64,
    text: u64,
    problems: u64,
}

impl Budget {
    /// A cell at 1-based `row`, 0-based `col`: within the sheet's limits?
    pub(crate) fn place(&self, sheet: &str, row: u64, col: u64) -> Result<(), Vec<Problem>> {
        let at = || format!("{}{}", crate::problem::column_letter(col.min(1 << 20) as usize), row);
        if row > ROWS {
            return Err(vec![over(sheet, row.min(usize::MAX as u64) as usize, Some(col as usize), at(), Limit::Rows(ROWS))]);
        }
        if col >= COLUMNS {
            return Err(vec![over(sheet, row as usize, Some(col.min(1 << 20) as usize), at(), Limit::Columns(COLUMNS))]);
        }
        Ok(())
    }

    /// A row grows by `added` cells.
    pub(crate) fn cells(&mut self, sheet: &str, row: usize, added: u64) -> Result<(), Vec<Problem>> {
        self.cells += added;
        if self.cells > CELLS {
            return Err(vec![over(sheet, row, None, String::new(), Limit::Cells(CELLS))]);
        }
        Ok(())
    }

    /// A text of `bytes` is kept.
    pub(crate) fn text(&mut self, sheet: &str, row: usize, bytes: usize) -> Result<(), Vec<Problem>> {
        self.text += bytes as u64;
        if self.text > TEXT_BYTES {
            return Err(vec![over(sheet, row, None, String::new(), Limit::TextBytes(TEXT_BYTES))]);
        }
        Ok(())
    }

    /// One more problem is listed.
    pub(crate) fn problem(&mut self, sheet: &str) -> Result<(), Vec<Problem>> {
        self.problems += 1;
        if self.problems > PROBLEMS {
            return Err(vec![over(sheet, 0, None, String::new(), Limit::Problems(PROBLEMS))]);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn longest(xml: &[u8], chunk: usize) -> (u64, bool) {
        let mut lexer = Lexer::default();
        for part in xml.chunks(chunk.max(1)) {
            lexer.feed(part);
        }
        (lexer.longest, lexer.doctype)
    }

    #[test]
    fn tokens_are_cut_where_quick_xml_cuts_them() {
        // `<a x="<<<>>>">` is one tag of 14 bytes: quotes hide `<` and `>`.
        let xml = br#"<a x="<<<>>>">text of 12 b</a>"#;
        for chunk in [1, 3, 100] {
            assert_eq!(longest(xml, chunk), (14, false), "chunk {chunk}");
        }
        // A comment is one token whatever it holds: `<!-- < > -- -->` is 15 bytes.
        assert_eq!(longest(b"<r><!-- < > -- --><x/></r>", 2).0, 15);
        // CDATA: `<![CDATA[ <<>> ]]>` is 18 bytes.
        assert_eq!(longest(b"<![CDATA[ <<>> ]]><x/>", 5).0, 18);
        // A processing instruction `<?xml version="1.0"?>` is 21 bytes.
        assert_eq!(longest(br#"<?xml version="1.0"?><x/>"#, 4).0, 21);
        // A text run is the bytes between `>` and `<`.
        assert_eq!(longest(b"<v>abcdefghijklmnopqrstuvwxyz</v>", 7).0, 26);
        assert!(longest(b"<!DOCTYPE x [<!ENTITY a 'b'>]><x/>", 3).1, "a DOCTYPE is noticed");
    }

    #[test]
    fn merged_ranges_and_unique_count_are_read() {
        let xml = br#"<?xml version="1.0"?><sst xmlns="x" count="9" uniqueCount="123456789012"><si><t>a</t></si></sst>"#;
        let mut lexer = Lexer::default();
        for part in xml.chunks(5) {
            lexer.feed(part);
        }
        assert_eq!(lexer.unique_count, Some(123_456_789_012));
        let sheet = br#"<worksheet><mergeCells count="2"><mergeCell ref="A1:B2"/><x:mergeCell ref="C1:D2"/></mergeCells></worksheet>"#;
        let mut lexer = Lexer::default();
        lexer.feed(sheet);
        assert_eq!(lexer.merged, 2, "prefixed or not");
        assert_eq!(lexer.unique_count, None, "only an sst root announces strings");
        assert_eq!(unique_count(b"sst uniqueCount = '7' uniqueCount=\"9\"", false), Some(9), "the largest of two");
        assert_eq!(unique_count(b"sst uniqueCount=\"&#57;\"", false), Some(u64::MAX), "not plain digits: too many");
        assert_eq!(unique_count(b"sst count=\"3\"", false), None);
        assert_eq!(unique_count(b"sst", true), Some(u64::MAX), "a tag cut off hides what it announces");
    }

    #[test]
    fn a_part_is_measured_as_it_inflates_not_as_its_header_says() {
        // A header that says 10 bytes for 100: the count refuses it at the 51st byte read.
        let xml = vec![b' '; 100];
        match scan(&mut xml.as_slice(), 10, "f.xlsx", "xl/worksheets/sheet1.xml", 50, false, false) {
            Err(p) => assert_eq!(p[0].kind, ProblemKind::Limit(Limit::PartBytes("xl/worksheets/sheet1.xml".into(), 50))),
            Ok(_) => panic!("100 bytes pass a limit of 50"),
        }
        assert!(scan(&mut xml.as_slice(), 10, "f.xlsx", "p", 100, false, false).is_ok(), "exactly at the limit passes");
        // And a header that already says too much is refused before any inflating.
        assert!(scan(&mut std::io::empty(), 51, "f.xlsx", "p", 50, false, false).is_err());
    }

    #[test]
    fn signatures_split_between_reads_are_counted() {
        // 3 signatures, one of them across the 1 MiB read boundary.
        let mut bytes = vec![0u8; (1 << 20) + 100];
        bytes[10..14].copy_from_slice(b"PK\x01\x02");
        bytes[(1 << 20) - 2..(1 << 20) + 2].copy_from_slice(b"PK\x01\x02");
        bytes[(1 << 20) + 50..(1 << 20) + 54].copy_from_slice(b"PK\x01\x02");
        assert_eq!(crate::store::file::count_signatures(&mut bytes.as_slice(), b"PK\x01\x02").expect("read"), 3);
    }

    #[test]
    fn parts_are_classified_by_what_calamine_reads_whole() {
        let docs = vec!["xl/worksheets/book.xml".to_string()];
        assert_eq!(classify("xl/worksheets/sheet1.xml", &docs), Class::Sheet);
        assert_eq!(classify("xl/worksheets/book.xml", &docs), Class::Other, "the workbook, even among the sheets");
        assert_eq!(classify("xl/worksheets/styles.xml", &docs), Class::Other);
        assert_eq!(classify("xl/worksheets/_rels/sheet1.xml.rels", &docs), Class::Other);
        assert_eq!(classify("xl/sharedstrings.xml", &docs), Class::SharedStrings);
        assert_eq!(classify("xl/media/image1.png", &docs), Class::Binary);
        assert_eq!(classify("xl/styles.xml", &docs), Class::Other);
    }
}
