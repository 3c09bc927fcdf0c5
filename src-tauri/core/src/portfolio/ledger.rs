//! The portfolio list (成果台账) and an achievement's detail page: paged, sorted and filtered
//! in SQL so that no screen ever loads a whole table.

use crate::error::{Error, Result};
use crate::model::{AchievementKind, AchievementStatus, ContractKind};
use crate::money::Money;
use crate::store::search::MAX_PAGE_SIZE;
use crate::store::Store;
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A sortable column of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    /// 成果编号
    AchievementNo,
    /// 成果名称
    Title,
    /// 成果类型
    Kind,
    /// 申请号
    ApplicationNo,
    /// 申请日
    FiledOn,
    /// 授权日
    GrantedOn,
    /// 法律状态
    Status,
    /// 所属单位
    Department,
}

impl SortKey {
    fn sql(self) -> &'static str {
        match self {
            SortKey::AchievementNo => "a.achievement_no",
            SortKey::Title => "a.title",
            SortKey::Kind => "a.kind",
            SortKey::ApplicationNo => "a.application_no",
            SortKey::FiledOn => "a.filed_on",
            SortKey::GrantedOn => "a.granted_on",
            SortKey::Status => "a.status",
            SortKey::Department => "d.name",
        }
    }
}

/// What the list shows: a page, an order and filters (all optional).
#[derive(Clone, Debug, Default, Serialize, Deserialize, TS)]
pub struct AchievementQuery {
    /// 1-based page.
    pub page: u32,
    /// Rows per page, at most [`MAX_PAGE_SIZE`].
    pub page_size: u32,
    /// Sort column; achievement number when absent.
    pub sort: Option<SortKey>,
    /// Descending order.
    pub descending: bool,
    /// Only this kind.
    pub kind: Option<AchievementKind>,
    /// Only this legal status.
    pub status: Option<AchievementStatus>,
    /// Only this department.
    pub department: Option<String>,
    /// Only those filed (or, without a filing date, granted) in this year.
    pub year: Option<i32>,
    /// Words in the title, a number (any spacing or prefix) or an inventor's name or employee ID.
    pub search: Option<String>,
}

/// The fields an achievement shows both in the list and on its page.
#[derive(Clone, Debug, Serialize, TS)]
pub struct AchievementSummary {
    /// Record id, for the detail page.
    #[ts(type = "number")]
    pub id: i64,
    /// 成果编号.
    pub achievement_no: String,
    /// 成果名称.
    pub title: String,
    /// 成果类型.
    pub kind: AchievementKind,
    /// 申请号.
    pub application_no: Option<String>,
    /// 申请日.
    pub filed_on: Option<String>,
    /// 授权号.
    pub grant_no: Option<String>,
    /// 授权日.
    pub granted_on: Option<String>,
    /// 法律状态.
    pub status: AchievementStatus,
    /// 所属单位.
    pub department: String,
}

/// The columns that fill an [`AchievementSummary`], in its order (`a` achievement, `d` department).
const SUMMARY_COLUMNS: &str =
    "a.id, a.achievement_no, a.title, a.kind, a.application_no, a.filed_on, a.grant_no, a.granted_on, a.status, d.name";

impl AchievementSummary {
    /// Reads the [`SUMMARY_COLUMNS`] at the start of a row.
    fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok(AchievementSummary {
            id: r.get(0)?,
            achievement_no: r.get(1)?,
            title: r.get(2)?,
            kind: r.get(3)?,
            application_no: r.get(4)?,
            filed_on: r.get(5)?,
            grant_no: r.get(6)?,
            granted_on: r.get(7)?,
            status: r.get(8)?,
            department: r.get(9)?,
        })
    }
}

/// One line of the list.
#[derive(Clone, Debug, Serialize, TS)]
pub struct AchievementRow {
    /// Numbers, dates, status, department.
    #[serde(flatten)]
    #[ts(flatten)]
    pub summary: AchievementSummary,
    /// Inventors' names in order, key contributors marked with `*`.
    pub inventors: String,
    /// Contracts that carry it.
    pub contract_count: u32,
}

/// A page of the list and the number of rows matching the filters.
#[derive(Clone, Debug, Serialize, TS)]
pub struct AchievementPage {
    /// Rows matching the filters, over all pages.
    pub total: u32,
    /// This page's rows.
    pub rows: Vec<AchievementRow>,
}

/// The filters as SQL. `walk`: the sort whose index a page should walk (see [`walk_sort_index`]);
/// the filter on that sort's own column stays usable as an index, the others get a unary `+`,
/// which keeps SQLite from fetching every match through them and sorting it.
fn where_clause(conn: &rusqlite::Connection, q: &AchievementQuery, walk: Option<SortKey>) -> Result<(String, Vec<Value>)> {
    let mut clauses = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let plus = |column: SortKey| if walk.is_some_and(|s| s != column) { "+" } else { "" };
    if let Some(kind) = q.kind {
        args.push(Value::Text(kind.key().into()));
        clauses.push(format!("{}a.kind = ?{}", plus(SortKey::Kind), args.len()));
    }
    if let Some(status) = q.status {
        args.push(Value::Text(status.key().into()));
        clauses.push(format!("{}a.status = ?{}", plus(SortKey::Status), args.len()));
    }
    if let Some(dep) = q.department.as_deref().filter(|d| !d.is_empty()) {
        args.push(Value::Text(dep.into()));
        clauses.push(format!("a.department_id = (SELECT id FROM department WHERE name = ?{})", args.len()));
    }
    if let Some(year) = q.year {
        // A range on the indexed column, not strftime(), so the index serves the filter.
        args.push(Value::Text(format!("{year:04}-01-01")));
        args.push(Value::Text(format!("{:04}-01-01", year + 1)));
        let (lo, hi) = (args.len() - 1, args.len());
        clauses.push(format!(
            "((a.filed_on >= ?{lo} AND a.filed_on < ?{hi}) OR (a.filed_on IS NULL AND a.granted_on >= ?{lo} AND a.granted_on < ?{hi}))"
        ));
    }
    if let Some(search) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        // Title, numbers in any form and inventors come from the search index; an inventor's
        // employee ID, typed whole, is looked up directly.
        let indexed = crate::store::search::id_filter(conn, crate::store::search::SearchKind::Achievement, search, "a.id", &mut args)?;
        args.push(Value::Text(search.to_string()));
        clauses.push(format!(
            "({indexed} OR a.id IN (SELECT i.achievement_id FROM inventor i JOIN person p ON p.id = i.person_id WHERE p.employee_id = ?{}))",
            args.len()
        ));
    }
    let sql = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    Ok((sql, args))
}

/// Whether a page sorted by `sort` should walk that column's index. Kind and status each match a
/// fifth to two thirds of the portfolio: when they are the only filters, walking the sort index
/// (each sortable column has one ending with the achievement number) and skipping the rows that
/// do not match stops after a page, where the filter's index would fetch 25,000 rows to sort.
/// The department order is walked as departments by name, each by achievement number.
fn walk_sort_index(q: &AchievementQuery, sort: SortKey) -> bool {
    (q.kind.is_some() || q.status.is_some())
        && q.department.as_deref().is_none_or(str::is_empty)
        && q.year.is_none()
        && q.search.as_deref().is_none_or(|s| s.trim().is_empty())
        && sort != SortKey::AchievementNo
}

/// One page of the portfolio list.
pub fn list(store: &Store, q: &AchievementQuery) -> Result<AchievementPage> {
    let conn = store.conn();
    let page_size = q.page_size.clamp(1, MAX_PAGE_SIZE);
    let page = q.page.max(1);
    let (filter, args) = where_clause(conn, q, None)?;
    // The filters never read the department's name through a join (a department is found by its
    // id), and every achievement has one: counting needs the achievement table only.
    let total: u32 =
        conn.query_row(&format!("SELECT count(*) FROM achievement a {filter}"), rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
    let sort = q.sort.unwrap_or(SortKey::AchievementNo);
    let walk = walk_sort_index(q, sort);
    let (filter, mut args) = if walk { where_clause(conn, q, Some(sort))? } else { (filter, args) };
    let order = sort.sql();
    // CROSS JOIN fixes the order of the loops: SQLite would otherwise take the filter's index and
    // sort every match by name.
    let from = match (sort, walk) {
        (SortKey::Department, true) => "department d CROSS JOIN achievement a ON a.department_id = d.id",
        (SortKey::Department, false) => "achievement a JOIN department d ON d.id = a.department_id",
        _ => "achievement a",
    };
    let dir = if q.descending { "DESC" } else { "ASC" };
    // The achievement number breaks ties (and is the order itself when sorting by it: a repeated
    // term would make SQLite sort it again).
    let order = if sort == SortKey::AchievementNo { format!("{order} {dir}") } else { format!("{order} {dir}, a.achievement_no {dir}") };
    args.push(Value::Integer(i64::from(page_size)));
    args.push(Value::Integer(i64::from(page - 1) * i64::from(page_size)));
    let (limit, offset) = (args.len() - 1, args.len());
    // The page's ids are chosen first on the bare rows; the inventors and the contract count are
    // then read for those rows only (in one query they would be computed for every row sorted).
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS},
                (SELECT group_concat(p.name || CASE WHEN i.key_contributor = 1 THEN '*' ELSE '' END, '、')
                   FROM (SELECT * FROM inventor WHERE achievement_id = a.id ORDER BY position) i JOIN person p ON p.id = i.person_id),
                (SELECT count(*) FROM contract_achievement ca WHERE ca.achievement_id = a.id)
         FROM (SELECT a.id FROM {from} {filter}
               ORDER BY {order} LIMIT ?{limit} OFFSET ?{offset}) page
         JOIN achievement a ON a.id = page.id JOIN department d ON d.id = a.department_id
         ORDER BY {order}"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok(AchievementRow {
                summary: AchievementSummary::from_row(r)?,
                inventors: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
                contract_count: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(AchievementPage { total, rows })
}

/// An inventor line of the detail page.
#[derive(Clone, Debug, Serialize, TS)]
pub struct InventorLine {
    /// 工号.
    pub employee_id: String,
    /// 姓名.
    pub name: String,
    /// 所在单位.
    pub department: String,
    /// Share in bp.
    #[ts(type = "number")]
    pub share_bp: i64,
    /// 重要贡献人员.
    pub key_contributor: bool,
}

/// A contract that carries the achievement.
#[derive(Clone, Debug, Serialize, TS)]
pub struct LinkedContract {
    /// 合同编号.
    pub contract_no: String,
    /// 合同名称.
    pub title: String,
    /// 转化方式.
    pub kind: ContractKind,
    /// 合作单位.
    pub counterparty: String,
    /// 签订日期.
    pub signed_on: String,
    /// 合同金额.
    pub amount_fen: Money,
    /// This achievement's weight in the contract, bp.
    #[ts(type = "number")]
    pub weight_bp: i64,
    /// All money received under the contract so far.
    pub received_fen: Money,
}

/// Everything on an achievement's page.
#[derive(Clone, Debug, Serialize, TS)]
pub struct AchievementDetail {
    /// Numbers, dates, status, department.
    #[serde(flatten)]
    #[ts(flatten)]
    pub summary: AchievementSummary,
    /// 财政资助项目.
    pub fiscal_project: Option<String>,
    /// 年费已缴至 (patent year).
    #[ts(type = "number | null")]
    pub fees_paid_through: Option<i64>,
    /// True when the paid-through year was assumed at import.
    pub fees_paid_through_assumed: bool,
    /// 优先权日, when the application claims one.
    pub priority_on: Option<chrono::NaiveDate>,
    /// 完成人.
    pub inventors: Vec<InventorLine>,
    /// Contracts carrying it.
    pub contracts: Vec<LinkedContract>,
}

/// The detail page of one achievement.
pub fn detail(store: &Store, id: i64) -> Result<AchievementDetail> {
    let conn = store.conn();
    let mut detail = conn
        .query_row(
            &format!(
                "SELECT {SUMMARY_COLUMNS}, a.fiscal_project, a.fees_paid_through, a.fees_paid_through_assumed, a.priority_on
                 FROM achievement a JOIN department d ON d.id = a.department_id WHERE a.id = ?1"
            ),
            params![id],
            |r| {
                Ok(AchievementDetail {
                    summary: AchievementSummary::from_row(r)?,
                    fiscal_project: r.get(10)?,
                    fees_paid_through: r.get(11)?,
                    fees_paid_through_assumed: r.get(12)?,
                    priority_on: r.get(13)?,
                    inventors: Vec::new(),
                    contracts: Vec::new(),
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "achievement", key: id.to_string() })?;
    let mut stmt = conn.prepare(
        "SELECT p.employee_id, p.name, d.name, i.share_bp, i.key_contributor FROM inventor i
         JOIN person p ON p.id = i.person_id JOIN department d ON d.id = p.department_id
         WHERE i.achievement_id = ?1 ORDER BY i.position",
    )?;
    detail.inventors = stmt
        .query_map(params![id], |r| {
            Ok(InventorLine {
                employee_id: r.get(0)?,
                name: r.get(1)?,
                department: r.get(2)?,
                share_bp: r.get(3)?,
                key_contributor: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT c.contract_no, c.title, c.kind, o.name, c.signed_on, c.amount_fen, ca.weight_bp,
                (SELECT coalesce(sum(amount_fen), 0) FROM receipt r WHERE r.contract_id = c.id)
         FROM contract_achievement ca JOIN contract c ON c.id = ca.contract_id JOIN organization o ON o.id = c.organization_id
         WHERE ca.achievement_id = ?1 ORDER BY c.signed_on, c.contract_no",
    )?;
    detail.contracts = stmt
        .query_map(params![id], |r| {
            Ok(LinkedContract {
                contract_no: r.get(0)?,
                title: r.get(1)?,
                kind: r.get(2)?,
                counterparty: r.get(3)?,
                signed_on: r.get(4)?,
                amount_fen: r.get(5)?,
                weight_bp: r.get(6)?,
                received_fen: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(detail)
}

/// The values the list's filters offer.
#[derive(Clone, Debug, Serialize, TS)]
pub struct PortfolioFilters {
    /// Departments, by name.
    pub departments: Vec<String>,
    /// Years with filings or grants, newest first.
    pub years: Vec<i32>,
}

/// Departments and years present in the portfolio.
pub fn filters(store: &Store) -> Result<PortfolioFilters> {
    filters_in(store, None)
}

/// The filters of one 学院's portfolio (a secretary's), or of all when `department` is none.
pub fn filters_in(store: &Store, department: Option<&str>) -> Result<PortfolioFilters> {
    let conn = store.conn();
    let mut stmt = conn.prepare(
        "SELECT DISTINCT CAST(substr(coalesce(a.filed_on, a.granted_on), 1, 4) AS INTEGER) AS y FROM achievement a
         JOIN department d ON d.id = a.department_id
         WHERE coalesce(a.filed_on, a.granted_on) IS NOT NULL AND (?1 IS NULL OR d.name = ?1) ORDER BY y DESC",
    )?;
    let years = stmt.query_map([department], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let departments = match department {
        Some(d) => vec![d.to_string()],
        None => crate::portfolio::department::names(conn)?,
    };
    Ok(PortfolioFilters { departments, years })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Actor;

    fn demo_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("d.db");
        let actor =
            Actor { name: "t".into(), at: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).expect("time") };
        crate::demo::create(&path, crate::demo::Scale::Small, 1, &actor).expect("demo");
        let store = Store::open(&path).expect("open");
        (dir, store)
    }

    fn query() -> AchievementQuery {
        AchievementQuery { page: 1, page_size: 50, ..Default::default() }
    }

    #[test]
    fn pages_cover_the_portfolio_once() {
        let (_d, store) = demo_store();
        let mut seen = std::collections::HashSet::new();
        for page in 1..=6 {
            let p = list(&store, &AchievementQuery { page, ..query() }).expect("page");
            assert_eq!(p.total, 300);
            seen.extend(p.rows.into_iter().map(|r| r.summary.achievement_no));
        }
        assert_eq!(seen.len(), 300, "six pages of 50 hold every achievement exactly once");
    }

    #[test]
    fn filters_and_search_narrow_the_list() {
        let (_d, store) = demo_store();
        let all = list(&store, &AchievementQuery { page_size: 200, ..query() }).expect("all").rows;
        let first = list(&store, &query()).expect("first page").rows.remove(0);
        let by_no = list(&store, &AchievementQuery { search: Some(first.summary.achievement_no.clone()), ..query() }).expect("search");
        assert_eq!(by_no.total, 1, "an achievement number finds exactly its record");
        if let Some(app) = &first.summary.application_no {
            let spaced = format!("CN {} {}", &app[..4], &app[4..]);
            let by_app = list(&store, &AchievementQuery { search: Some(spaced), ..query() }).expect("search by number");
            assert!(
                by_app.rows.iter().any(|r| r.summary.id == first.summary.id),
                "an application number typed with CN and spaces is found"
            );
        }
        let inventor = first.inventors.split('、').next().unwrap_or_default().trim_end_matches('*').to_string();
        let by_name = list(&store, &AchievementQuery { search: Some(inventor.clone()), page_size: 200, ..query() }).expect("by inventor");
        assert!(by_name.rows.iter().all(|r| r.inventors.contains(&inventor)), "every hit names the inventor {inventor}");
        let designs = list(&store, &AchievementQuery { kind: Some(AchievementKind::DesignPatent), ..query() }).expect("kind");
        assert_eq!(designs.total, 15, "the small demo has 15 designs");
        let dept = all[0].summary.department.clone();
        let in_dept = list(&store, &AchievementQuery { department: Some(dept.clone()), page_size: 200, ..query() }).expect("department");
        assert!(in_dept.total > 0 && in_dept.rows.iter().all(|r| r.summary.department == dept));
        let odd = list(&store, &AchievementQuery { search: Some("%_\\'\"".into()), ..query() }).expect("wildcards are literal");
        assert_eq!(odd.total, 0);
    }

    #[test]
    fn a_department_order_with_a_kind_filter_is_departments_by_name_then_numbers() {
        let (_d, store) = demo_store();
        // Every invention patent, in the order computed here from the unsorted rows.
        let kind = AchievementQuery { kind: Some(AchievementKind::InventionPatent), page_size: MAX_PAGE_SIZE, ..query() };
        let mut expected: Vec<(String, String)> =
            list(&store, &kind).expect("all").rows.into_iter().map(|r| (r.summary.department, r.summary.achievement_no)).collect();
        assert!(expected.len() > 20, "the small demo has enough invention patents to page");
        expected.sort();
        for descending in [false, true] {
            let mut got = Vec::new();
            for page in 1.. {
                let q = AchievementQuery { sort: Some(SortKey::Department), descending, page, page_size: 7, ..kind.clone() };
                let rows = list(&store, &q).expect("page").rows;
                if rows.is_empty() {
                    break;
                }
                got.extend(rows.into_iter().map(|r| (r.summary.department, r.summary.achievement_no)));
            }
            let want: Vec<_> = if descending { expected.iter().rev().cloned().collect() } else { expected.clone() };
            assert_eq!(got, want, "descending: {descending}");
        }
    }

    #[test]
    fn sorting_orders_by_the_column() {
        let (_d, store) = demo_store();
        for sort in [SortKey::AchievementNo, SortKey::Title, SortKey::FiledOn, SortKey::Department, SortKey::Status] {
            let asc = list(&store, &AchievementQuery { sort: Some(sort), ..query() }).expect("asc").rows;
            let desc = list(&store, &AchievementQuery { sort: Some(sort), descending: true, ..query() }).expect("desc").rows;
            assert_ne!(asc[0].summary.id, desc[0].summary.id, "{sort:?}: both ends differ");
        }
        let titles: Vec<String> = list(&store, &AchievementQuery { sort: Some(SortKey::Title), ..query() })
            .expect("titles")
            .rows
            .into_iter()
            .map(|r| r.summary.title)
            .collect();
        let mut sorted = titles.clone();
        sorted.sort();
        assert_eq!(titles, sorted);
    }

    #[test]
    fn detail_lists_inventors_and_contracts() {
        let (_d, store) = demo_store();
        let linked: i64 = store
            .conn()
            .query_row("SELECT achievement_id FROM contract_achievement LIMIT 1", [], |r| r.get(0))
            .expect("a linked achievement");
        let d = detail(&store, linked).expect("detail");
        assert_eq!(d.inventors.iter().map(|i| i.share_bp).sum::<i64>(), 10_000, "shares add up to 100%");
        assert!(!d.contracts.is_empty());
        assert!(matches!(detail(&store, 999_999), Err(Error::NotFound { .. })));
    }
}
