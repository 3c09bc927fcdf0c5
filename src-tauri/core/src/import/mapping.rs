//! The import wizard: an office's own workbook, with its own headers and ways of writing names,
//! amounts and dates, is turned by a [`Mapping`] into the standard grid of a template and then
//! goes through the standard importer, so that every rule is the same. Problems are reported
//! where the person can find them: the source sheet, row, column letter and header, and the
//! standard field.

use super::sheet;
use super::{import_grid, ImportSummary, BATCH};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::model::Table;
use crate::problem::{Problem, ProblemKind};
use crate::progress::{Progress, Steps};
use crate::store::audit::{Action, Journal};
use crate::store::{Actor, Store};
use crate::template::column::{self, Column};
use crate::template::grid::{Cell, Grid, Row};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use ts_rs::TS;

/// How a source cell becomes the standard field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Conversion {
    /// Taken as written (the standard rules still apply).
    None,
    /// Names or employee IDs separated by 、，, ; / with optional shares in brackets
    /// (`张三(60%)、李四（40）`) → the template's `工号:份额` list.
    Names,
    /// An amount in 万元 (`12.5万元`, `12.5`) → yuan, exactly.
    WanYuan,
    /// An amount in yuan written with 元 (`12,345.67元`).
    Yuan,
    /// A date written the Chinese way (`2024年3月5日`, `2024.3.5`, `20240305`) or an Excel
    /// serial number → ISO.
    Date,
    /// Common synonyms of a closed list's labels (发明 → 发明专利, 授权 → 有效, 许可使用 → 许可).
    Choice,
}

/// Where one standard field comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldSource {
    /// The template key of the field (template/column.rs).
    pub field: String,
    /// The source column, by its header text; `None`: not in the file.
    pub column: Option<String>,
    /// How the source text is converted.
    pub conversion: Conversion,
    /// A value for every row whose cell is empty or that has no column (e.g. 所属单位 when the
    /// whole sheet is one college's).
    pub fixed: Option<String>,
}

/// For a table, which source column feeds each standard field and how.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Mapping {
    /// The table imported.
    pub table: Table,
    /// The fields fed; fields not listed stay empty.
    pub fields: Vec<FieldSource>,
}

/// A source sheet as the wizard's first step shows it.
#[derive(Clone, Debug, Serialize, TS)]
pub struct SourceSheet {
    /// Every sheet of the workbook (one for a CSV).
    pub sheets: Vec<String>,
    /// The sheet read.
    pub sheet: String,
    /// Its header row's number.
    pub header_row: u32,
    /// Header texts by column.
    pub headers: Vec<String>,
    /// The first data rows, as text.
    pub sample: Vec<Vec<String>>,
    /// Data rows in the sheet.
    pub rows: u32,
    /// The mapping saved for these headers and this table, if any.
    pub saved: Option<Mapping>,
}

/// One converted row of the preview.
#[derive(Clone, Debug, Serialize, TS)]
pub struct PreviewLine {
    /// The source row number.
    pub row: u32,
    /// The standard fields' values, in the template's order.
    pub values: Vec<String>,
}

/// A problem at its place in the source file.
#[derive(Clone, Debug, Serialize, TS)]
pub struct SourceProblem {
    /// Sheet name (file name for CSV).
    pub sheet: String,
    /// Source row (0: the mapping or the file as a whole).
    pub row: u32,
    /// Source cell such as `D5`, when the problem is in one cell.
    pub cell: Option<String>,
    /// The source column's header (or the field's, when the value is a fixed one).
    pub column: String,
    /// The standard field's template key (empty for a problem of the file).
    pub field: String,
    /// The value found in the source.
    pub value: String,
    /// Stable code.
    pub code: String,
    /// What is wrong, for a person.
    pub problem: String,
}

/// The dry run of a mapping: nothing is written.
#[derive(Clone, Debug, Serialize, TS)]
pub struct Preview {
    /// The template keys, the preview's columns.
    pub fields: Vec<String>,
    /// Data rows converted.
    pub rows: u32,
    /// The first converted rows.
    pub lines: Vec<PreviewLine>,
    /// Every problem of the whole sheet.
    pub problems: Vec<SourceProblem>,
}

/// Reads a sheet's headers and first rows, and the mapping saved for them; without `sheet`,
/// the first sheet that has a header row.
pub fn open(conn: &Connection, path: &Path, sheet: Option<&str>, table: Table, sample: usize) -> Result<SourceSheet> {
    let sheets = sheet::sheet_names(path).map_err(Error::Invalid)?;
    let (grid, _) = match sheet {
        Some(s) => sheet::read_source(path, Some(s)),
        // Offices often put a notes sheet first: start at the first sheet that has headers.
        None => {
            let mut first_error = None;
            let mut found = None;
            for name in &sheets {
                match sheet::read_source(path, Some(name)) {
                    Ok(g) => {
                        found = Some(g);
                        break;
                    }
                    Err(e) => {
                        first_error.get_or_insert(e);
                    }
                }
            }
            found.ok_or_else(|| first_error.unwrap_or_default())
        }
    }
    .map_err(Error::Invalid)?;
    let saved = saved(conn, table, &grid.headers)?;
    Ok(SourceSheet {
        sheets,
        sheet: grid.sheet.clone(),
        header_row: grid.header_row as u32,
        headers: grid.headers.clone(),
        sample: grid.rows.iter().take(sample).map(|r| (0..grid.headers.len()).map(|i| cell_text(r.cells.get(i))).collect()).collect(),
        rows: grid.rows.len() as u32,
        saved,
    })
}

/// Converts the sheet and checks it with every standard rule, writing nothing: the first
/// `limit` converted rows and all problems. A mapping that cannot work (a required field with
/// no source, an unknown column) is [`Error::Invalid`] with field problems.
pub fn preview(
    store: &mut Store,
    actor: &Actor,
    path: &Path,
    sheet: Option<&str>,
    mapping: &Mapping,
    limit: usize,
    lang: Lang,
) -> Result<Preview> {
    let (grid, file_problems) = sheet::read_source(path, sheet).map_err(Error::Invalid)?;
    let converted = convert(store.conn(), &grid, file_problems, mapping, &mut crate::progress::unobserved)?;
    let columns = column::columns(mapping.table);
    let lines = converted
        .grid
        .rows
        .iter()
        .take(limit)
        .map(|r| PreviewLine { row: r.number as u32, values: (0..columns.len()).map(|i| cell_text(r.cells.get(i))).collect() })
        .collect();
    let problems = match import_grid(store, actor, mapping.table, &converted.grid, true, &mut crate::progress::unobserved) {
        Ok(_) => converted.problems.clone(),
        Err(Error::Invalid(standard)) => converted.relocate(standard),
        Err(e) => return Err(e),
    };
    Ok(Preview {
        fields: columns.iter().map(|c| c.key.to_string()).collect(),
        rows: converted.grid.rows.len() as u32,
        lines,
        problems: problems.iter().map(|p| converted.report(p, lang)).collect(),
    })
}

/// Imports the sheet through `mapping` as a long job (`read`, `convert`, then the standard
/// `check` and `write`): all rows in one transaction or nothing. Problems are located in the
/// source file.
pub fn import(
    store: &mut Store,
    actor: &Actor,
    path: &Path,
    sheet: Option<&str>,
    mapping: &Mapping,
    steps: Steps<'_>,
) -> Result<ImportSummary> {
    steps(Progress::new(0, 0, "read"))?;
    let (grid, file_problems) = sheet::read_source(path, sheet).map_err(Error::Invalid)?;
    let converted = convert(store.conn(), &grid, file_problems, mapping, steps)?;
    if !converted.problems.is_empty() {
        return Err(Error::Invalid(converted.problems));
    }
    match import_grid(store, actor, mapping.table, &converted.grid, false, steps) {
        Err(Error::Invalid(standard)) => Err(Error::Invalid(converted.relocate(standard))),
        Ok(mut summary) => {
            if sheet::is_csv(path) {
                summary.warnings.extend(super::formula_warnings(mapping.table, &converted.grid));
            }
            Ok(summary)
        }
        other => other,
    }
}

/// Saves `mapping` for sheets with these headers (replacing an earlier one), audited.
pub fn save(store: &mut Store, actor: &Actor, headers: &[String], mapping: &Mapping) -> Result<()> {
    let problems = check_mapping(mapping, headers);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let signature = signature(headers);
    let json = serde_json::to_value(mapping).map_err(|e| Error::Database(e.to_string()))?;
    let tx = store.write()?;
    let before: Option<String> = tx
        .query_row("SELECT mapping FROM import_mapping WHERE table_kind = ?1 AND signature = ?2", params![mapping.table, signature], |r| {
            r.get(0)
        })
        .optional()?;
    let at = actor.at.format("%Y-%m-%dT%H:%M:%S").to_string();
    let headers_json = serde_json::to_string(headers).map_err(|e| Error::Database(e.to_string()))?;
    tx.execute(
        "INSERT INTO import_mapping (table_kind, signature, headers, mapping, saved_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (table_kind, signature) DO UPDATE SET headers = excluded.headers, mapping = excluded.mapping, saved_at = excluded.saved_at",
        params![mapping.table, signature, headers_json, json.to_string(), at],
    )?;
    let before = before.and_then(|b| serde_json::from_str::<serde_json::Value>(&b).ok());
    let action = if before.is_some() { Action::Update } else { Action::Insert };
    let key = format!("{}:{}", mapping.table.key(), &signature[..12]);
    Journal::start(&tx, actor)?.record(&tx, action, "import_mapping", &key, before.as_ref(), Some(&json))?;
    tx.commit()?;
    Ok(())
}

/// The mapping saved for `table` and sheets with exactly these headers.
pub fn saved(conn: &Connection, table: Table, headers: &[String]) -> Result<Option<Mapping>> {
    let json: Option<String> = conn
        .query_row("SELECT mapping FROM import_mapping WHERE table_kind = ?1 AND signature = ?2", params![table, signature(headers)], |r| {
            r.get(0)
        })
        .optional()?;
    // A mapping saved by an older version that no longer reads is simply not offered.
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

/// Headers trimmed, in order, hashed: the same workbook layout gives the same signature.
pub fn signature(headers: &[String]) -> String {
    let mut hash = Sha256::new();
    for h in headers {
        hash.update(h.trim().as_bytes());
        hash.update([0x1f]);
    }
    hex::encode(hash.finalize())
}

/// The mapping's own problems, named by the field's template header.
pub fn check_mapping(mapping: &Mapping, headers: &[String]) -> Vec<Problem> {
    let columns = column::columns(mapping.table);
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for f in &mapping.fields {
        let Some(column) = columns.iter().find(|c| c.key == f.field) else {
            problems.push(Problem::field(&f.field, f.field.clone(), ProblemKind::UnknownColumn));
            continue;
        };
        if !seen.insert(f.field.as_str()) {
            problems.push(Problem::field(column.header, f.field.clone(), ProblemKind::DuplicateColumn));
        }
        if let Some(name) = &f.column {
            if !headers.iter().any(|h| h.trim() == name.trim()) {
                problems.push(Problem::field(column.header, name.clone(), ProblemKind::UnknownColumn));
            }
        }
    }
    for c in columns.iter().filter(|c| c.required) {
        let fed = mapping
            .fields
            .iter()
            .any(|f| f.field == c.key && (f.column.is_some() || f.fixed.as_deref().is_some_and(|v| !v.trim().is_empty())));
        if !fed {
            problems.push(Problem::field(c.header, "", ProblemKind::MissingColumn));
        }
    }
    problems
}

/// The standard grid made from a source sheet, with what is needed to point back at the source.
struct Converted {
    source: Grid,
    /// Standard columns in template order; a row per non-blank source row.
    grid: Grid,
    columns: &'static [Column],
    /// For each template column, the source column feeding it.
    from: Vec<Option<usize>>,
    /// For each template column, whether its values were converted (so the source text is the
    /// value to show).
    converted: Vec<bool>,
    /// Problems at the source: conversions that failed, cells that cannot be imported.
    problems: Vec<Problem>,
    /// (row, template column) whose conversion failed: the standard's own complaint there is
    /// a consequence, not news.
    failed: HashSet<(usize, usize)>,
}

fn convert(conn: &Connection, source: &Grid, file_problems: Vec<Problem>, mapping: &Mapping, steps: Steps<'_>) -> Result<Converted> {
    let problems = check_mapping(mapping, &source.headers);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let columns = column::columns(mapping.table);
    let field = |c: &Column| mapping.fields.iter().find(|f| f.field == c.key);
    let from: Vec<Option<usize>> = columns
        .iter()
        .map(|c| field(c).and_then(|f| f.column.as_ref()).and_then(|name| source.headers.iter().position(|h| h.trim() == name.trim())))
        .collect();
    let used: HashSet<usize> = from.iter().flatten().copied().collect();
    // An office's patent list numbered by its 申请号 column: the achievement takes the number as
    // the application number is stored (CN202310123456.7 → 202310123456.7), not as typed.
    let at = |key: &str| columns.iter().position(|c| c.key == key).and_then(|i| from[i]);
    let numbered_by_application =
        mapping.table == Table::Achievements && at("achievement_no").is_some() && at("achievement_no") == at("application_no");
    // Only cells that feed a field matter: a formula in an unused column is none of our business.
    // Rows above the headers (a merged title) are not data either.
    let mut problems: Vec<Problem> = file_problems
        .into_iter()
        .filter(|p| p.row == 0 || (p.row > source.header_row && p.col.is_some_and(|c| used.contains(&c))))
        .collect();
    let people = if columns.iter().zip(&from).any(|(c, f)| f.is_some() && field(c).is_some_and(|f| f.conversion == Conversion::Names)) {
        People::load(conn)?
    } else {
        People::default()
    };
    let mut failed = HashSet::new();
    let mut rows = Vec::with_capacity(source.rows.len());
    let total = source.rows.len() as u32;
    for (i, row) in source.rows.iter().enumerate() {
        if i % BATCH == 0 {
            steps(Progress::new(i as u32, total, "convert"))?;
        }
        // A row with nothing in the used columns (a 合计 line, a note) is a blank row here.
        if from.iter().flatten().all(|&s| row.cells.get(s).is_none_or(Cell::is_blank)) {
            continue;
        }
        let mut cells = Vec::with_capacity(columns.len());
        for (c, column) in columns.iter().enumerate() {
            let Some(f) = field(column) else {
                cells.push(Cell::Empty);
                continue;
            };
            let cell = from[c].and_then(|s| row.cells.get(s)).cloned().unwrap_or(Cell::Empty);
            let cell = match (&f.fixed, cell.is_blank()) {
                (Some(fixed), true) if !fixed.trim().is_empty() => Cell::Text(fixed.trim().to_string()),
                _ => cell,
            };
            match convert_cell(f.conversion, mapping.table, column.key, &cell, &people) {
                Ok(Cell::Text(t)) if numbered_by_application && column.key == "achievement_no" => {
                    // A malformed number stays as written: the application number's cell says why.
                    cells.push(Cell::Text(crate::ident::application_no(&t).unwrap_or(t)));
                }
                Ok(converted) => cells.push(converted),
                Err(found) => {
                    for (value, kind) in found {
                        problems.push(Problem {
                            sheet: source.sheet.clone(),
                            row: row.number,
                            col: from[c],
                            column: from[c].map(|s| source.headers[s].clone()).unwrap_or_else(|| column.header.to_string()),
                            value,
                            kind,
                        });
                    }
                    failed.insert((row.number, c));
                    cells.push(Cell::Empty);
                }
            }
        }
        rows.push(Row { number: row.number, cells });
        if problems.len() as u64 > super::limits::PROBLEMS {
            return Err(super::too_many(problems, &source.sheet));
        }
    }
    let grid = Grid {
        sheet: source.sheet.clone(),
        header_row: source.header_row,
        headers: columns.iter().map(|c| c.header.to_string()).collect(),
        rows,
    };
    let converted = columns.iter().map(|c| field(c).is_some_and(|f| f.conversion != Conversion::None)).collect();
    Ok(Converted { source: source.clone(), grid, columns, from, converted, problems, failed })
}

impl Converted {
    /// The standard importer's problems moved to the source's cells, after the conversion's.
    fn relocate(&self, standard: Vec<Problem>) -> Vec<Problem> {
        let mut out = self.problems.clone();
        for p in standard {
            let Some(c) = p.col.filter(|&c| c < self.columns.len()) else {
                out.push(p);
                continue;
            };
            if self.failed.contains(&(p.row, c)) {
                continue;
            }
            let source_col = self.from[c];
            let column = source_col.map(|s| self.source.headers[s].clone()).unwrap_or_else(|| self.columns[c].header.to_string());
            let value = match source_col {
                Some(s) if self.converted[c] => cell_text(self.source.rows.iter().find(|r| r.number == p.row).and_then(|r| r.cells.get(s))),
                _ => p.value,
            };
            out.push(Problem { sheet: p.sheet, row: p.row, col: source_col, column, value, kind: p.kind });
        }
        out.sort_by_key(|p| (p.row, p.col));
        out
    }

    /// A source problem as the wizard shows it, with the field it concerns.
    fn report(&self, p: &Problem, lang: Lang) -> SourceProblem {
        let field = match p.col {
            Some(s) => self.from.iter().position(|f| *f == Some(s)).map(|c| self.columns[c].key.to_string()),
            None => self.columns.iter().find(|c| c.header == p.column).map(|c| c.key.to_string()),
        };
        let r = p.report(lang);
        SourceProblem {
            sheet: r.sheet,
            row: r.row,
            cell: r.cell,
            column: r.column,
            field: field.unwrap_or_default(),
            value: r.value,
            code: r.code,
            problem: r.problem,
        }
    }
}

/// A cell as the preview and the sample show it: whole numbers without `.0`.
fn cell_text(cell: Option<&Cell>) -> String {
    match cell {
        Some(Cell::Number(n)) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Some(c) => c.text(),
        None => String::new(),
    }
}

/// Every person's employee ID by name, to turn names into the template's employee IDs.
#[derive(Default)]
struct People {
    ids: HashSet<String>,
    by_name: HashMap<String, Vec<String>>,
}

impl People {
    fn load(conn: &Connection) -> Result<People> {
        let mut people = People::default();
        // A merged duplicate is not a person any more: its name must resolve to the one kept.
        let merged = conn.prepare("SELECT 1 FROM pragma_table_info('person') WHERE name = 'merged_into'")?.exists([])?;
        let sql =
            if merged { "SELECT employee_id, name FROM person WHERE merged_into IS NULL" } else { "SELECT employee_id, name FROM person" };
        let mut stmt = conn.prepare(sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, name): (String, String) = (r.get(0)?, r.get(1)?);
            people.ids.insert(id.clone());
            people.by_name.entry(name.trim().to_string()).or_default().push(id);
        }
        Ok(people)
    }

    fn resolve(&self, token: &str) -> std::result::Result<String, ProblemKind> {
        if self.ids.contains(token) {
            return Ok(token.to_string());
        }
        match self.by_name.get(token).map(Vec::as_slice) {
            Some([one]) => Ok(one.clone()),
            Some(many) if many.len() > 1 => Err(ProblemKind::AmbiguousName(many.len())),
            _ => Err(ProblemKind::UnknownName),
        }
    }
}

type Found = Vec<(String, ProblemKind)>;

fn convert_cell(conversion: Conversion, table: Table, key: &str, cell: &Cell, people: &People) -> std::result::Result<Cell, Found> {
    if cell.is_blank() {
        return Ok(Cell::Empty);
    }
    let text = cell_text(Some(cell));
    let one = |kind| vec![(text.clone(), kind)];
    match conversion {
        Conversion::None => Ok(cell.clone()),
        Conversion::Date => match cell {
            Cell::Date(_) => Ok(cell.clone()),
            Cell::Number(n) => excel_serial(*n)
                .map(|d| Cell::Text(crate::date::iso(d)))
                .ok_or_else(|| one(ProblemKind::Date(crate::date::DateError::Format))),
            _ => date_text(&text).map(|d| Cell::Text(crate::date::iso(d))).map_err(|e| one(ProblemKind::Date(e))),
        },
        Conversion::WanYuan => {
            // A number cell's shortest decimal text is the number the person typed (12.5, 0.1).
            let typed = match cell {
                Cell::Number(n) => format!("{n}"),
                _ => text.clone(),
            };
            wan_to_yuan(&typed).map(Cell::Text).ok_or_else(|| one(ProblemKind::WanYuan))
        }
        Conversion::Yuan => match cell {
            Cell::Text(t) => Ok(Cell::Text(t.trim().trim_end_matches('元').trim().to_string())),
            other => Ok(other.clone()),
        },
        Conversion::Choice => Ok(Cell::Text(synonym(table, key, &text).unwrap_or(&text).to_string())),
        Conversion::Names => names(&text, people).map(Cell::Text),
    }
}

/// An Excel serial day number (1900 date system, days since 1899-12-30) as a date.
pub fn excel_serial(n: f64) -> Option<NaiveDate> {
    // 1 = 1900-01-01 … 2958465 = 9999-12-31; a time of day is the fraction, dropped.
    if !(1.0..2_958_466.0).contains(&n) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let date = base.checked_add_days(chrono::Days::new(n.trunc() as u64))?;
    crate::date::check_range(date).ok()
}

/// A date as offices write it: `2024年3月5日`, `2024.3.5`, `2024/03/05`, `2024-03-05 00:00:00`,
/// `20240305`.
pub fn date_text(text: &str) -> std::result::Result<NaiveDate, crate::date::DateError> {
    let t = text.trim();
    // A time after the date (from a date-time cell saved as text) says nothing more.
    let t = t.split_once([' ', 'T']).map_or(t, |(d, _)| d);
    let t =
        if t.len() == 8 && t.chars().all(|c| c.is_ascii_digit()) { format!("{}-{}-{}", &t[..4], &t[4..6], &t[6..]) } else { t.to_string() };
    let t = t.replace(['年', '月'], "-").replace('日', "").replace(['／', '－', '．'], "-");
    crate::date::parse_date(t.trim_end_matches('-'))
}

/// `12.5万元`, `12.5万`, `12.5` (万元) → `125000.00` (yuan): decimal digits moved four places,
/// never through a float. At most 6 decimals (a fen); `None` when not such an amount.
pub fn wan_to_yuan(text: &str) -> Option<String> {
    let t: String = text.chars().filter(|c| !c.is_whitespace() && *c != ',' && *c != '，').collect();
    let t = t.strip_prefix('¥').or_else(|| t.strip_prefix('￥')).unwrap_or(&t);
    let t = t.strip_suffix("万元").or_else(|| t.strip_suffix('万')).unwrap_or(t);
    let (int_part, frac) = t.split_once('.').unwrap_or((t, ""));
    if int_part.is_empty() && frac.is_empty() || !int_part.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    if frac.len() > 6 || int_part.len() > 12 {
        return None;
    }
    // 万元 × 10^6 = fen.
    let digits = format!("{int_part}{frac:0<6}");
    let fen: i128 = digits.parse().ok()?;
    Some(format!("{}.{:02}", fen / 100, fen % 100))
}

/// `张三(60%)、李四（40）`, `T001*:50；李四:50`, `王五` → `T001*:60; T002:40`: each name (or
/// employee ID) resolved, shares kept as written. One name without a share gets 100.
fn names(text: &str, people: &People) -> std::result::Result<String, Found> {
    let mut found = Vec::new();
    let mut entries = Vec::new();
    for token in text.split(['、', '，', ',', ';', '；', '/', '\n']).map(str::trim).filter(|t| !t.is_empty()) {
        let (who, share) = split_share(token);
        let (who, starred) = match who.strip_suffix('*').or_else(|| who.strip_suffix('＊')) {
            Some(w) => (w.trim(), true),
            None => (who, false),
        };
        let share = match share.map(crate::share::parse_percent).transpose() {
            Ok(s) => s,
            Err(e) => {
                found.push((token.to_string(), ProblemKind::Percent(e)));
                continue;
            }
        };
        match people.resolve(who) {
            Ok(id) => entries.push((id, starred, share)),
            Err(kind) => found.push((who.to_string(), kind)),
        }
    }
    if !found.is_empty() {
        return Err(found);
    }
    let with_share = entries.iter().filter(|e| e.2.is_some()).count();
    let entries: Vec<(String, bool, i64)> = match (entries.len(), with_share) {
        (1, 0) => entries.into_iter().map(|(id, s, _)| (id, s, crate::share::FULL_BP)).collect(),
        (_, 0) => return Err(vec![(text.to_string(), ProblemKind::SharesMissing)]),
        (n, k) if n != k => return Err(vec![(text.to_string(), ProblemKind::MixedWeights)]),
        _ => entries.into_iter().map(|(id, s, bp)| (id, s, bp.unwrap_or_default())).collect(),
    };
    Ok(entries
        .iter()
        .map(|(id, starred, bp)| format!("{id}{}:{}", if *starred { "*" } else { "" }, crate::share::format_percent(*bp)))
        .collect::<Vec<_>>()
        .join("; "))
}

/// `张三(60%)` / `张三（60）` / `张三:60` → (`张三`, `60`).
fn split_share(token: &str) -> (&str, Option<&str>) {
    if let Some(open) = token.find(['(', '（']) {
        let inside = &token[open..];
        let inside = inside.trim_start_matches(['(', '（']).trim_end_matches([')', '）']).trim();
        return (token[..open].trim(), Some(inside));
    }
    if let Some((who, share)) = token.split_once([':', '：']) {
        return (who.trim(), Some(share.trim()));
    }
    (token, None)
}

/// The standard label for a common synonym of a closed list's value.
pub fn synonym(table: Table, key: &str, text: &str) -> Option<&'static str> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let list: &[(&[&str], &str)] = match (table, key) {
        (Table::Achievements, "kind") => &[
            (&["发明", "发明专利申请", "发明申请", "发明授权"], "发明专利"),
            (&["实用新型", "新型", "实用新型专利申请"], "实用新型专利"),
            (&["外观", "外观设计", "外观专利"], "外观设计专利"),
            (&["软著", "软件", "软件著作", "计算机软件著作权"], "软件著作权"),
            (&["集成电路", "布图设计", "集成电路布图"], "集成电路布图设计"),
            (&["植物新品种权", "新品种", "品种权"], "植物新品种"),
            (&["专有技术", "技术诀窍"], "技术秘密"),
        ],
        (Table::Achievements, "status") => &[
            // The words of offices' patent lists and of CNIPA's legal-status texts (法律状态).
            (&["授权", "已授权", "授权有效", "专利权维持", "维持", "有效期内", "已下证", "专利权有效", "授权公告"], "有效"),
            (
                &[
                    "在审",
                    "审中",
                    "审查中",
                    "初审",
                    "初步审查",
                    "初审合格",
                    "实审",
                    "实审中",
                    "实质审查",
                    "实质审查中",
                    "进入实审",
                    "公开",
                    "公开实审",
                    "受理",
                    "已受理",
                    "申请",
                    "已申请",
                    "待审",
                    "待实审",
                    "等年登印",
                    "办登",
                    "办理登记手续",
                    "授权待缴费",
                    "复审",
                    "复审中",
                ],
                "申请中",
            ),
            (
                &[
                    "终止",
                    "未缴年费终止",
                    "年费终止",
                    "未缴费终止",
                    "专利权终止",
                    "权利终止",
                    "无效",
                    "全部无效",
                    "宣告无效",
                    "驳回",
                    "驳回失效",
                    "视为撤回",
                    "视撤",
                    "视为撤回失效",
                    "视为放弃",
                ],
                "失效",
            ),
            (&["主动放弃", "放弃专利权", "撤回", "主动撤回", "撤回申请"], "放弃"),
            (&["期满", "期限届满", "保护期届满", "期满终止", "到期"], "届满"),
        ],
        (Table::Contracts, "kind") => &[
            (&["技术转让", "专利转让", "专利权转让", "成果转让"], "转让"),
            (&["技术许可", "专利许可", "许可使用", "实施许可", "专利实施许可"], "许可"),
            (&["作价入股", "技术入股", "作价出资"], "作价投资"),
            (&["开发", "委托开发", "合作开发"], "技术开发"),
            (&["咨询"], "技术咨询"),
            (&["服务"], "技术服务"),
        ],
        (Table::Contracts, "license_kind") => &[
            (&["独占许可", "独占实施许可"], "独占"),
            (&["排他许可", "排他实施许可"], "排他"),
            (&["普通许可", "普通实施许可", "一般许可"], "普通"),
        ],
        (Table::People, "category") => &[(&["教师", "科研", "研究人员"], "科研人员"), (&["技术经理人", "转移人员"], "技术转移人员")],
        (Table::Costs, "category") => &[
            (&["评估", "资产评估费"], "评估费"),
            (&["代理", "专利代理费"], "代理费"),
            (&["年费", "专利年费"], "专利费"),
            (&["税", "税金"], "税费"),
        ],
        _ => &[],
    };
    list.iter().find(|(words, _)| words.contains(&t.as_str())).map(|(_, label)| *label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("12.5万元", Some("125000.00"))]
    #[case("12.5", Some("125000.00"))]
    #[case("0.000001", Some("0.01"))]
    #[case("1,234.5678万", Some("12345678.00"))]
    #[case("3", Some("30000.00"))]
    #[case(".5", Some("5000.00"))]
    #[case("0.0000001", None)]
    #[case("-1", None)]
    #[case("十万", None)]
    #[case("", None)]
    fn wan_amounts(#[case] text: &str, #[case] yuan: Option<&str>) {
        assert_eq!(wan_to_yuan(text).as_deref(), yuan);
    }

    #[rstest]
    #[case("2024年3月5日", "2024-03-05")]
    #[case("2024.3.5", "2024-03-05")]
    #[case("2024/03/05", "2024-03-05")]
    #[case("2024-03-05 00:00:00", "2024-03-05")]
    #[case("20240305", "2024-03-05")]
    #[case("2024年3月", "")]
    fn chinese_dates(#[case] text: &str, #[case] iso: &str) {
        assert_eq!(date_text(text).map(crate::date::iso).unwrap_or_default(), iso);
    }

    #[test]
    fn excel_serial_days() {
        // 45356 is 2024-03-05 in Excel (1900 system): 1899-12-30 + 45356 days.
        assert_eq!(excel_serial(45356.0).map(crate::date::iso).as_deref(), Some("2024-03-05"));
        assert_eq!(excel_serial(45356.75).map(crate::date::iso).as_deref(), Some("2024-03-05"));
        assert_eq!(excel_serial(0.0), None);
    }

    fn people() -> People {
        let mut p = People::default();
        for (id, name) in [("T001", "张三"), ("T002", "李四"), ("T003", "王五"), ("T004", "王五")] {
            p.ids.insert(id.into());
            p.by_name.entry(name.into()).or_default().push(id.into());
        }
        p
    }

    #[rstest]
    #[case("张三(60%)、李四（40）", Ok("T001:60; T002:40".to_string()))]
    #[case("张三*（60％）；李四:40", Ok("T001*:60; T002:40".to_string()))]
    #[case("张三", Ok("T001:100".to_string()))]
    #[case("T003(50)/李四(50)", Ok("T003:50; T002:50".to_string()))]
    #[case("张三、李四", Err("shares_missing"))]
    #[case("张三(60)、李四", Err("mixed_weights"))]
    #[case("王五(100)", Err("ambiguous_name"))]
    #[case("赵六(100)", Err("unknown_name"))]
    #[case("张三(六十)", Err("bad_share"))]
    fn inventor_names(#[case] text: &str, #[case] expected: std::result::Result<String, &str>) {
        let got = names(text, &people()).map_err(|found| found[0].1.code());
        assert_eq!(got, expected);
    }

    #[test]
    fn synonyms_reach_the_standard_labels() {
        assert_eq!(synonym(Table::Achievements, "kind", "发明"), Some("发明专利"));
        assert_eq!(synonym(Table::Achievements, "status", "已授权"), Some("有效"));
        assert_eq!(synonym(Table::Contracts, "kind", "专利许可"), Some("许可"));
        assert_eq!(synonym(Table::Achievements, "kind", "发明专利"), None, "a standard label needs no synonym");
    }
}
