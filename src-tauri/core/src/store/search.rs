//! Searching by what a person types: the LIKE pattern and the page size every list and picker
//! uses, and the one search box over achievements, people, organizations and contracts (FTS5,
//! schema 5).

use crate::error::Result;
use rusqlite::{params_from_iter, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The most rows one page may ask for.
pub const MAX_PAGE_SIZE: u32 = 200;

/// Every row a paged list matches, read page by page through the list's own query, so that an
/// export of a list is exactly what its pages show (same filters, same order). `page(n)` reads
/// page `n` (1-based) at [`MAX_PAGE_SIZE`] rows and returns it with the number of matching rows.
/// The caller holds the store for the whole read, so no write can shift a row between pages.
pub fn every_page<R>(mut page: impl FnMut(u32) -> Result<(u32, Vec<R>)>) -> Result<Vec<R>> {
    let mut all = Vec::new();
    for n in 1.. {
        let (total, rows) = page(n)?;
        let last = rows.len() < MAX_PAGE_SIZE as usize;
        all.extend(rows);
        if last || all.len() >= total as usize {
            break;
        }
    }
    Ok(all)
}

/// `%text%` for `LIKE … ESCAPE '\'`, with the user's `%`, `_` and `\` taken literally.
pub fn contains_pattern(text: &str) -> String {
    let escaped = text.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// A bulk write larger than this pauses the index and rebuilds it once (see [`pause`]).
pub const BULK_ROWS: usize = 1000;

/// Stops the triggers that keep the search index in step, for a bulk write inside the
/// transaction `tx`: keeping the index row by row costs more than rebuilding it once. Call
/// [`resume`] before committing; if the transaction is rolled back, so is the pause.
pub fn pause(tx: &Connection) -> Result<()> {
    tx.execute("INSERT OR IGNORE INTO search_paused (id) VALUES (1)", [])?;
    Ok(())
}

/// Rebuilds the whole index from the records and starts the triggers again (same transaction as
/// [`pause`]).
pub fn resume(tx: &Connection) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM search_text;
         INSERT INTO search_text (id, kind, record_id, label, detail, body) SELECT * FROM search_source;
         INSERT INTO search_index (search_index) VALUES ('rebuild');
         DELETE FROM search_paused;",
    )?;
    Ok(())
}

/// After a bulk insert of new `kind` records (ids above `after`) under [`pause`]: indexes just
/// those and starts the triggers again. Only for inserts: nothing else changed meanwhile.
pub fn resume_after(tx: &Connection, kind: SearchKind, after: i64) -> Result<()> {
    tx.execute("DELETE FROM search_paused", [])?;
    tx.execute(
        "INSERT INTO search_text (id, kind, record_id, label, detail, body) SELECT * FROM search_source WHERE kind = ?1 AND record_id > ?2",
        rusqlite::params![kind.key(), after],
    )?;
    Ok(())
}

/// The largest id of `kind`'s records (0 when none): what [`resume_after`] starts from.
pub fn last_id(tx: &Connection, kind: SearchKind) -> Result<i64> {
    let table = match kind {
        SearchKind::Achievement => "achievement",
        SearchKind::Person => "person",
        SearchKind::Organization => "organization",
        SearchKind::Contract => "contract",
    };
    Ok(tx.query_row(&format!("SELECT coalesce(max(id), 0) FROM {table}"), [], |r| r.get(0))?)
}

/// What a search result is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    /// 成果.
    Achievement,
    /// 人员.
    Person,
    /// 合作单位.
    Organization,
    /// 合同.
    Contract,
}

impl SearchKind {
    /// In the order the results are shown.
    pub const ALL: [SearchKind; 4] = [SearchKind::Achievement, SearchKind::Person, SearchKind::Organization, SearchKind::Contract];

    /// Its number in search_text's ids (record id * 4 + number).
    fn number(self) -> i64 {
        match self {
            SearchKind::Achievement => 0,
            SearchKind::Person => 1,
            SearchKind::Organization => 2,
            SearchKind::Contract => 3,
        }
    }

    fn key(self) -> &'static str {
        match self {
            SearchKind::Achievement => "achievement",
            SearchKind::Person => "person",
            SearchKind::Organization => "organization",
            SearchKind::Contract => "contract",
        }
    }
}

/// One record found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct SearchHit {
    /// The record's id (opens its page).
    #[ts(type = "number")]
    pub id: i64,
    /// Title or name.
    pub label: String,
    /// Its numbers, department or counterparty.
    pub detail: String,
}

/// The records of one kind found, the best first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct SearchGroup {
    /// What they are.
    pub kind: SearchKind,
    /// At most the limit asked for.
    pub hits: Vec<SearchHit>,
    /// More records of this kind match than are shown.
    pub more: bool,
}

/// Everything found for a query, grouped by kind (kinds with nothing are left out).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct SearchResults {
    /// The groups, in [`SearchKind::ALL`] order.
    pub groups: Vec<SearchGroup>,
}

/// At most this many hits of each kind.
pub const MAX_HITS: u32 = 50;

/// Finds the records whose title, numbers, names or counterparty contain every word of `text`,
/// at most `limit` of each kind. A patent number is found in whatever form it is typed
/// (`CN 2023 1012 3456.7`, `ZL202310123456.7`, `2023101234567`).
pub fn everywhere(conn: &Connection, text: &str, limit: u32) -> Result<SearchResults> {
    everywhere_in(conn, text, limit, None)
}

/// [`everywhere`] for someone who sees one 学院 only (a secretary): achievements of that
/// department and nothing else, filtered in the query so that no other record is ever read.
pub fn everywhere_in(conn: &Connection, text: &str, limit: u32, department: Option<&str>) -> Result<SearchResults> {
    let terms = terms(text);
    if terms.is_empty() {
        return Ok(SearchResults::default());
    }
    let limit = limit.clamp(1, MAX_HITS);
    // Each word becomes an FTS5 expression; a single character too common to expand is matched
    // by a scan filter instead.
    let mut matched = Vec::new();
    let mut scanned = Vec::new();
    for term in &terms {
        match term.expression(conn)? {
            Expression::Match(e) => matched.push(e),
            Expression::Nothing => return Ok(SearchResults::default()),
            Expression::Scan => scanned.push(term),
        }
    }
    let mut args: Vec<String> = Vec::new();
    let mut filters = Vec::new();
    for term in scanned {
        let alternatives: Vec<String> = term
            .forms
            .iter()
            .map(|form| {
                // Case matters only for Latin letters; lower() on every body costs a copy each.
                let folded = form.chars().any(|c| c.is_ascii_alphabetic());
                args.push(if folded { form.to_lowercase() } else { form.clone() });
                if folded {
                    format!("instr(lower(t.body), ?{}) > 0", args.len())
                } else {
                    format!("instr(t.body, ?{}) > 0", args.len())
                }
            })
            .collect();
        filters.push(format!("({})", alternatives.join(" OR ")));
    }
    let kinds: &[SearchKind] = match department {
        Some(name) => {
            args.push(name.to_string());
            filters.push(format!(
                "(t.kind = '{}' AND t.record_id IN (SELECT a.id FROM achievement a JOIN department d ON d.id = a.department_id WHERE d.name = ?{}))",
                SearchKind::Achievement.key(),
                args.len()
            ));
            &[SearchKind::Achievement]
        }
        None => &SearchKind::ALL,
    };
    let mut groups = Vec::new();
    if matched.is_empty() {
        let filter = filters.join(" AND ");
        for &kind in kinds {
            // No ORDER BY: the scan stops at the limit.
            let sql = format!(
                "SELECT t.record_id, t.label, t.detail FROM search_text t WHERE t.kind = '{}' AND {filter} LIMIT {}",
                kind.key(),
                limit + 1
            );
            push_group(&mut groups, kind, hits(conn, &sql, &args)?, limit);
        }
        return Ok(SearchResults { groups });
    }
    let expression = matched.join(" AND ");
    let filter = if filters.is_empty() { String::new() } else { format!("AND {}", filters.join(" AND ")) };
    args.push(expression.clone());
    let at = args.len();
    // A few hundred matches are ranked in one pass; for "有限公司" a score for every match costs
    // too much, so each kind then takes its first hits in the order they were recorded (the
    // rowid tells the kind without a lookup).
    let count: u32 = conn.query_row("SELECT count(*) FROM search_index WHERE search_index MATCH ?1", [&expression], |r| r.get(0))?;
    if count <= RANKED_MATCHES {
        let sql = format!(
            "SELECT kind, record_id, label, detail FROM (
                SELECT t.kind, t.record_id, t.label, t.detail,
                       row_number() OVER (PARTITION BY t.kind ORDER BY search_index.rank, t.label) AS n
                FROM search_index JOIN search_text t ON t.id = search_index.rowid
                WHERE search_index MATCH ?{at} {filter})
             WHERE n <= {}",
            limit + 1
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(&args), |r| {
            Ok((r.get::<_, String>(0)?, SearchHit { id: r.get(1)?, label: r.get(2)?, detail: r.get(3)? }))
        })?;
        let found: Vec<(String, SearchHit)> = rows.collect::<rusqlite::Result<_>>()?;
        for &kind in kinds {
            let hits = found.iter().filter(|(k, _)| k == kind.key()).map(|(_, h)| h.clone()).collect();
            push_group(&mut groups, kind, hits, limit);
        }
        return Ok(SearchResults { groups });
    }
    for &kind in kinds {
        let sql = format!(
            "SELECT t.record_id, t.label, t.detail FROM search_index JOIN search_text t ON t.id = search_index.rowid
             WHERE search_index MATCH ?{at} AND (search_index.rowid & 3) = {} {filter} LIMIT {}",
            kind.number(),
            limit + 1
        );
        push_group(&mut groups, kind, hits(conn, &sql, &args)?, limit);
    }
    Ok(SearchResults { groups })
}

/// The condition a list puts on its records' ids for its search box, as SQL with one
/// parameter (pushed to `args`): the same words and forms as [`everywhere`], answered by the
/// index. `id` is the list's id column.
pub fn id_filter(conn: &Connection, kind: SearchKind, text: &str, id: &str, args: &mut Vec<rusqlite::types::Value>) -> Result<String> {
    use rusqlite::types::Value;
    let terms = terms(text);
    let mut matched = Vec::new();
    let mut scanned = Vec::new();
    for term in &terms {
        match term.expression(conn)? {
            Expression::Match(e) => matched.push(e),
            Expression::Nothing => return Ok("0".into()),
            Expression::Scan => scanned.extend(term.forms.iter().cloned()),
        }
    }
    let mut clauses = Vec::new();
    if !matched.is_empty() {
        // The index's rowid is record id * 4 + the kind's number: no join with search_text.
        args.push(Value::Text(matched.join(" AND ")));
        clauses.push(format!(
            "{id} IN (SELECT rowid >> 2 FROM search_index WHERE search_index MATCH ?{} AND (rowid & 3) = {})",
            args.len(),
            kind.number()
        ));
    }
    for form in scanned {
        // As in `everywhere`: the index ignores the case of Latin letters, so the scan does too.
        let folded = form.chars().any(|c| c.is_ascii_alphabetic());
        let body = if folded { "lower(t.body)" } else { "t.body" };
        args.push(Value::Text(if folded { form.to_lowercase() } else { form }));
        clauses.push(format!(
            "{id} IN (SELECT t.record_id FROM search_text t WHERE t.kind = '{}' AND instr({body}, ?{}) > 0)",
            kind.key(),
            args.len()
        ));
    }
    Ok(if clauses.is_empty() { "1".into() } else { clauses.join(" AND ") })
}

/// Matches up to this many are ordered by relevance; beyond, in the order they were recorded.
const RANKED_MATCHES: u32 = 1000;

/// A one-character word starting more trigrams than this is matched by scanning instead.
const MAX_EXPANSION: usize = 400;

/// How one word of a query is looked up.
enum Expression {
    /// An FTS5 expression.
    Match(String),
    /// Nothing in the index can match.
    Nothing,
    /// Too short and common for the index: a scan filter.
    Scan,
}

fn hits(conn: &Connection, sql: &str, args: &[String]) -> Result<Vec<SearchHit>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params_from_iter(args), |r| Ok(SearchHit { id: r.get(0)?, label: r.get(1)?, detail: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn push_group(groups: &mut Vec<SearchGroup>, kind: SearchKind, mut hits: Vec<SearchHit>, limit: u32) {
    if hits.is_empty() {
        return;
    }
    let more = hits.len() > limit as usize;
    hits.truncate(limit as usize);
    groups.push(SearchGroup { kind, hits, more });
}

/// One word of the query, in the forms it may be stored under (as typed, and as a number
/// without separators).
#[derive(Debug, PartialEq, Eq)]
struct Term {
    forms: Vec<String>,
}

impl Term {
    /// The FTS5 expression: any of the forms, each as a quoted string (no operator is taken
    /// from what a person typed). Trigrams need three characters: a shorter form stands for
    /// every indexed trigram it starts (each body ends with a space, so a word at the end
    /// starts one too).
    fn expression(&self, conn: &Connection) -> Result<Expression> {
        let mut alternatives = Vec::new();
        for form in &self.forms {
            if form.chars().count() >= 3 {
                alternatives.push(quoted(form));
                continue;
            }
            let prefix = form.to_lowercase();
            let mut stmt = conn.prepare_cached("SELECT term FROM search_vocab WHERE term >= ?1 AND term < ?2 LIMIT ?3")?;
            let trigrams: Vec<String> = stmt
                .query_map(rusqlite::params![prefix, format!("{prefix}\u{10FFFF}"), MAX_EXPANSION as i64 + 1], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if trigrams.len() > MAX_EXPANSION {
                return Ok(Expression::Scan);
            }
            alternatives.extend(trigrams.iter().map(|t| quoted(t)));
        }
        Ok(if alternatives.is_empty() { Expression::Nothing } else { Expression::Match(format!("({})", alternatives.join(" OR "))) })
    }
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

fn terms(text: &str) -> Vec<Term> {
    let text = text.trim();
    // A number typed in groups (`CN 2023 1012 3456.7`) is one word.
    if let Some(number) = number_form(text) {
        return vec![Term { forms: vec![number] }];
    }
    text.split_whitespace()
        .map(|word| {
            let mut forms = vec![word.to_string()];
            if let Some(number) = number_form(word).filter(|n| n != word) {
                forms.push(number);
            }
            Term { forms }
        })
        .collect()
}

/// A patent, application or contract number without its separators and without a `CN` or `ZL`
/// prefix (which some files keep and others drop), uppercased — the form search_text keeps beside the number as written. None when
/// `text` does not look like a number.
fn number_form(text: &str) -> Option<String> {
    let upper = text.to_uppercase();
    let stripped: String = upper.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '/' | '_')).collect();
    let stripped = ["CN", "ZL"].iter().find_map(|p| stripped.strip_prefix(p)).unwrap_or(&stripped).to_string();
    let digits = stripped.chars().filter(char::is_ascii_digit).count();
    let ascii = stripped.chars().all(|c| c.is_ascii_alphanumeric());
    (ascii && digits >= 4 && digits * 2 >= stripped.len()).then_some(stripped)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list of `n` rows served in pages of [`MAX_PAGE_SIZE`], counting the pages asked for.
    fn pages_of(n: u32) -> (Vec<u32>, u32) {
        let mut asked = 0;
        let rows = every_page(|page| {
            asked += 1;
            let start = (page - 1) * MAX_PAGE_SIZE;
            Ok((n, (start..n.min(start + MAX_PAGE_SIZE)).collect()))
        })
        .expect("pages");
        (rows, asked)
    }

    #[test]
    fn every_page_reads_each_row_once_and_stops_at_the_end() {
        // 450 rows at 200 a page: pages of 200, 200 and 50, the short one ends it.
        let (rows, asked) = pages_of(450);
        assert_eq!(rows, (0..450).collect::<Vec<_>>(), "every row once, in the list's order");
        assert_eq!(asked, 3, "200 + 200 + 50");
        // 400 rows: two full pages; the count ends it without asking for an empty third page.
        assert_eq!(pages_of(400), ((0..400).collect(), 2));
        assert_eq!(pages_of(0), (Vec::new(), 1), "an empty list is one empty page");
    }

    #[test]
    fn wildcards_typed_by_a_person_are_literal() {
        assert_eq!(contains_pattern(" 50%_a\\b "), "%50\\%\\_a\\\\b%", "a typed % must not match everything");
    }

    #[test]
    fn a_number_is_one_word_whatever_its_separators() {
        let one = |text: &str| terms(text).into_iter().map(|t| t.forms).collect::<Vec<_>>();
        assert_eq!(one("CN 2023 1012 3456.7"), vec![vec!["2023101234567".to_string()]]);
        assert_eq!(one("ZL202310123456.7"), vec![vec!["2023101234567".to_string()]]);
        assert_eq!(one("ht-2024-0012"), vec![vec!["HT20240012".to_string()]]);
        assert_eq!(one("锂电池 张伟"), vec![vec!["锂电池".to_string()], vec!["张伟".to_string()]]);
        assert_eq!(
            one("锂电池 HT-2024-0012"),
            vec![vec!["锂电池".to_string()], vec!["HT-2024-0012".to_string(), "HT20240012".to_string()]]
        );
        assert!(one("   ").is_empty());
    }

    #[test]
    fn quotes_cannot_become_fts_syntax() {
        assert_eq!(quoted("a\"b OR c"), "\"a\"\"b OR c\"");
    }
}
