//! The organization screens (合作单位): the list, an organization's page with its contracts and
//! co-owned achievements, the edit form, duplicate suggestions and merges.

use crate::error::{Error, Result};
use crate::model::{AchievementKind, AchievementStatus, ContractKind, Ownership, Size};
use crate::money::Money;
use crate::people::merge::{self, MergeEntity, MergeRecord};
use crate::people::organization::Organization;
use crate::store::audit::{Action, Journal};
use crate::store::version;
use crate::store::{Actor, Store};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// A sortable column of the organization list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OrganizationSort {
    /// 单位名称.
    Name,
    /// 统一社会信用代码.
    CreditCode,
    /// 单位性质.
    Ownership,
    /// 所在地区.
    Region,
    /// Number of contracts.
    Contracts,
    /// Total contract amount.
    Amount,
}

impl OrganizationSort {
    fn sql(self) -> &'static str {
        match self {
            OrganizationSort::Name => "o.name",
            OrganizationSort::CreditCode => "o.credit_code",
            OrganizationSort::Ownership => "o.ownership",
            OrganizationSort::Region => "o.region",
            OrganizationSort::Contracts => "contract_count",
            OrganizationSort::Amount => "contract_amount",
        }
    }
}

/// Filters, order and page of the organization list.
#[derive(Clone, Debug, Default, Deserialize, TS)]
pub struct OrganizationQuery {
    /// 1-based page.
    pub page: u32,
    /// Rows per page, at most [`crate::store::search::MAX_PAGE_SIZE`].
    pub page_size: u32,
    /// Sort column; name when absent.
    pub sort: Option<OrganizationSort>,
    /// Descending order.
    #[serde(default)]
    pub descending: bool,
    /// Name or credit code contains.
    pub search: Option<String>,
    /// Only this ownership.
    pub ownership: Option<Ownership>,
    /// Only this region (exact).
    pub region: Option<String>,
}

/// An organization as the list and its page show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct OrganizationRow {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// 单位名称.
    pub name: String,
    /// 统一社会信用代码.
    pub credit_code: Option<String>,
    /// 单位性质.
    pub ownership: Ownership,
    /// 企业规模.
    pub size: Option<Size>,
    /// 所在地区.
    pub region: String,
    /// 行业门类 (letter), when known.
    pub industry: Option<String>,
    /// Contracts with it.
    pub contract_count: u32,
    /// Their total amount.
    pub contract_amount_fen: Money,
    /// Merged into this organization (id), hidden from lists.
    #[ts(type = "number | null")]
    pub merged_into: Option<i64>,
    /// The record's version, which its edit form sends back (store::version).
    #[ts(type = "number")]
    pub version: i64,
}

/// A page of the organization list.
#[derive(Clone, Debug, Serialize, TS)]
pub struct OrganizationPage {
    /// Rows matching the filters, over all pages.
    pub total: u32,
    /// This page's rows.
    pub rows: Vec<OrganizationRow>,
}

const ROW_COLUMNS: &str = "o.id, o.name, o.credit_code, o.ownership, o.size, o.region,
    (SELECT count(*) FROM contract c WHERE c.organization_id = o.id) AS contract_count,
    (SELECT coalesce(sum(c.amount_fen), 0) FROM contract c WHERE c.organization_id = o.id) AS contract_amount, o.merged_into, o.version, o.industry";

fn row(r: &Row<'_>) -> rusqlite::Result<OrganizationRow> {
    Ok(OrganizationRow {
        id: r.get(0)?,
        name: r.get(1)?,
        credit_code: r.get(2)?,
        ownership: r.get(3)?,
        size: r.get(4)?,
        region: r.get(5)?,
        contract_count: r.get(6)?,
        contract_amount_fen: r.get(7)?,
        merged_into: r.get(8)?,
        version: r.get(9)?,
        industry: r.get(10)?,
    })
}

/// One page of the organization list (merged duplicates left out), filtered, sorted and paged in SQL.
pub fn list(store: &Store, q: &OrganizationQuery) -> Result<OrganizationPage> {
    let mut clauses = vec!["o.merged_into IS NULL".to_string()];
    let mut args: Vec<Value> = Vec::new();
    if let Some(search) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        args.push(Value::Text(crate::store::search::contains_pattern(search)));
        clauses.push(format!("(o.name LIKE ?{n} ESCAPE '\\' OR o.credit_code LIKE ?{n} ESCAPE '\\')", n = args.len()));
    }
    if let Some(o) = q.ownership {
        args.push(Value::Text(o.key().into()));
        clauses.push(format!("o.ownership = ?{}", args.len()));
    }
    if let Some(region) = q.region.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        args.push(Value::Text(crate::model::parse_region(region).unwrap_or(region).into()));
        clauses.push(format!("o.region = ?{}", args.len()));
    }
    let from = format!("FROM organization o WHERE {}", clauses.join(" AND "));
    let conn = store.conn();
    let total: u32 = conn.query_row(&format!("SELECT count(*) {from}"), rusqlite::params_from_iter(&args), |r| r.get(0))?;
    let size = q.page_size.clamp(1, crate::store::search::MAX_PAGE_SIZE);
    let offset = (q.page.max(1) - 1) * size;
    let order = q.sort.unwrap_or(OrganizationSort::Name).sql();
    let dir = if q.descending { "DESC" } else { "ASC" };
    let sql = format!("SELECT {ROW_COLUMNS} {from} ORDER BY {order} {dir}, o.name {dir} LIMIT {size} OFFSET {offset}");
    let rows = conn.prepare(&sql)?.query_map(rusqlite::params_from_iter(&args), row)?.collect::<rusqlite::Result<_>>()?;
    Ok(OrganizationPage { total, rows })
}

/// A contract with the organization and the money received on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct OrganizationContract {
    /// Contract id.
    #[ts(type = "number")]
    pub id: i64,
    /// 合同编号.
    pub contract_no: String,
    /// 合同名称.
    pub title: String,
    /// 转化方式.
    pub kind: ContractKind,
    /// 签订日期.
    pub signed_on: NaiveDate,
    /// 合同金额.
    pub amount_fen: Money,
    /// 累计到账.
    pub received_fen: Money,
}

/// An achievement the organization co-owns (共有人).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct CoOwnedAchievement {
    /// Achievement id.
    #[ts(type = "number")]
    pub id: i64,
    /// 成果编号.
    pub achievement_no: String,
    /// 成果名称.
    pub title: String,
    /// 成果类型.
    pub kind: AchievementKind,
    /// 法律状态.
    pub status: AchievementStatus,
    /// Their 费减备案 is accepted.
    pub fee_reduction: bool,
}

/// A price publicity (定价公示) naming the organization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct OrganizationPublicity {
    /// Publicity id.
    #[ts(type = "number")]
    pub id: i64,
    /// 名称.
    pub title: String,
    /// 价格.
    pub price_fen: Money,
    /// 公示日期.
    pub posted_on: NaiveDate,
    /// 截止.
    pub ends_on: NaiveDate,
}

/// An organization's page.
#[derive(Clone, Debug, Serialize, TS)]
pub struct OrganizationDetail {
    /// The organization.
    pub organization: OrganizationRow,
    /// The organization it was merged into, if hidden.
    pub merged_into_label: Option<String>,
    /// 合同 with amounts and received totals.
    pub contracts: Vec<OrganizationContract>,
    /// 共有成果.
    pub co_owned: Vec<CoOwnedAchievement>,
    /// 定价公示.
    pub publicities: Vec<OrganizationPublicity>,
    /// 合并 history.
    pub merges: Vec<MergeRecord>,
}

fn find(conn: &Connection, id: i64) -> Result<OrganizationRow> {
    conn.query_row(&format!("SELECT {ROW_COLUMNS} FROM organization o WHERE o.id = ?1"), params![id], row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "organization", key: id.to_string() })
}

/// An organization's page: everything linked to it.
pub fn detail(store: &Store, id: i64) -> Result<OrganizationDetail> {
    let conn = store.conn();
    let organization = find(conn, id)?;
    let merged_into_label = match organization.merged_into {
        Some(k) => Some(conn.query_row("SELECT name FROM organization WHERE id = ?1", params![k], |r| r.get(0))?),
        None => None,
    };
    let contracts = conn
        .prepare_cached(
            "SELECT c.id, c.contract_no, c.title, c.kind, c.signed_on, c.amount_fen,
               (SELECT coalesce(sum(r.amount_fen), 0) FROM receipt r WHERE r.contract_id = c.id)
             FROM contract c WHERE c.organization_id = ?1 ORDER BY c.signed_on DESC, c.contract_no",
        )?
        .query_map(params![id], |r| {
            Ok(OrganizationContract {
                id: r.get(0)?,
                contract_no: r.get(1)?,
                title: r.get(2)?,
                kind: r.get(3)?,
                signed_on: r.get(4)?,
                amount_fen: r.get(5)?,
                received_fen: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let co_owned = conn
        .prepare_cached(
            "SELECT a.id, a.achievement_no, a.title, a.kind, a.status, x.fee_reduction
             FROM co_owner x JOIN achievement a ON a.id = x.achievement_id WHERE x.organization_id = ?1 ORDER BY a.achievement_no",
        )?
        .query_map(params![id], |r| {
            Ok(CoOwnedAchievement {
                id: r.get(0)?,
                achievement_no: r.get(1)?,
                title: r.get(2)?,
                kind: r.get(3)?,
                status: r.get(4)?,
                fee_reduction: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let publicities = conn
        .prepare_cached(
            "SELECT id, title, price_fen, posted_on, ends_on FROM publicity WHERE organization_id = ?1 ORDER BY posted_on DESC, id",
        )?
        .query_map(params![id], |r| {
            Ok(OrganizationPublicity { id: r.get(0)?, title: r.get(1)?, price_fen: r.get(2)?, posted_on: r.get(3)?, ends_on: r.get(4)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let merges = merge::history(conn, MergeEntity::Organization, id)?;
    Ok(OrganizationDetail { organization, merged_into_label, contracts, co_owned, publicities, merges })
}

/// The edit form of an organization.
#[derive(Clone, Debug, Deserialize, TS)]
pub struct OrganizationEdit {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// The version the form was loaded at: the save is refused (`edit_conflict`) once someone
    /// else changed the organization (store::version).
    #[serde(default)]
    #[ts(type = "number")]
    pub version: i64,
    /// The fields, checked as the import checks them.
    #[serde(flatten)]
    pub organization: Organization,
}

/// Changes an organization (unique name and credit code, the credit code by its check
/// character, a known region); one audited transaction, refused (`edit_conflict`) when the
/// organization is no longer at the form's version. Returns the saved row.
pub fn update(store: &mut Store, actor: &Actor, edit: &OrganizationEdit) -> Result<OrganizationRow> {
    // The write lock first, so that nobody changes what is checked.
    let tx = store.write()?;
    let before = find(&tx, edit.id)?;
    if before.merged_into.is_some() {
        return Err(Error::Refused { code: "already_merged", detail: before.name });
    }
    let old = Organization {
        name: before.name.clone(),
        credit_code: before.credit_code.clone(),
        ownership: before.ownership,
        size: before.size,
        region: before.region.clone(),
        industry: before.industry.clone(),
    };
    let json = |o: &Organization| serde_json::to_value(o).unwrap_or_default();
    version::check(&tx, &version::ORGANIZATION, before.version, edit.version, || version::Stale {
        id: edit.id,
        label: before.name.clone(),
        audit_keys: vec![before.name.clone(), edit.organization.name.trim().to_string()],
        submitted: json(&edit.organization),
        stored: json(&old),
    })?;
    let clean = crate::people::organization::validate(&tx, &edit.organization, Some(edit.id))?;
    tx.execute(
        "UPDATE organization SET name = ?1, credit_code = ?2, ownership = ?3, size = ?4, region = ?5, industry = ?6, version = version + 1 WHERE id = ?7",
        params![clean.name, clean.credit_code, clean.ownership, clean.size, clean.region, clean.industry, edit.id],
    )?;
    Journal::start(&tx, actor)?.record(&tx, Action::Update, "organization", &before.name, Some(&json(&old)), Some(&json(&clean)))?;
    tx.commit()?;
    find(store.conn(), edit.id)
}

/// Why two organizations look like one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OrganizationDuplicateReason {
    /// The same unified social credit code.
    SameCreditCode,
    /// Names equal once spaces and the 有限公司 / 有限责任公司 / 股份有限公司 suffix are removed.
    SimilarName,
}

/// A likely duplicate: merge `duplicate` into `keep` (the one with more contracts, else the older).
#[derive(Clone, Debug, Serialize, TS)]
pub struct OrganizationDuplicate {
    /// Suggested to keep.
    pub keep: OrganizationRow,
    /// Suggested to merge into it.
    pub duplicate: OrganizationRow,
    /// Why.
    pub reason: OrganizationDuplicateReason,
}

/// The name two spellings of one company share: no spaces, half-width brackets, lower-case
/// Latin letters and no company-form suffix.
pub fn name_key(name: &str) -> String {
    let mut key: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    for suffix in ["股份有限公司", "有限责任公司", "有限公司", "co.,ltd.", "co.,ltd", "ltd.", "ltd"] {
        if let Some(stem) = key.strip_suffix(suffix).filter(|s| !s.is_empty()) {
            key = stem.trim_end_matches([',', '.']).to_string();
            break;
        }
    }
    key
}

/// Likely duplicate pairs among organizations not merged (at most 200).
pub fn duplicates(store: &Store) -> Result<Vec<OrganizationDuplicate>> {
    let conn = store.conn();
    let all = conn
        .prepare("SELECT id, name, credit_code FROM organization WHERE merged_into IS NULL ORDER BY id")?
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut groups: BTreeMap<(u8, String), Vec<i64>> = BTreeMap::new();
    for (id, name, code) in &all {
        if let Some(code) = code {
            groups.entry((0, code.clone())).or_default().push(*id);
        }
        groups.entry((1, name_key(name))).or_default().push(*id);
    }
    let mut pairs: Vec<(i64, i64, OrganizationDuplicateReason)> = Vec::new();
    for ((kind, _), ids) in groups {
        let reason = if kind == 0 { OrganizationDuplicateReason::SameCreditCode } else { OrganizationDuplicateReason::SimilarName };
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                if !pairs.iter().any(|(x, y, _)| (x, y) == (a, b)) {
                    pairs.push((*a, *b, reason));
                }
            }
        }
    }
    pairs
        .into_iter()
        .take(200)
        .map(|(a, b, reason)| {
            let (a, b) = (find(conn, a)?, find(conn, b)?);
            let (keep, duplicate) = if b.contract_count > a.contract_count { (b, a) } else { (a, b) };
            Ok(OrganizationDuplicate { keep, duplicate, reason })
        })
        .collect()
}

/// Merges organization `duplicate` into `keep` (see [`merge::merge`]).
pub fn merge(store: &mut Store, actor: &Actor, keep: i64, duplicate: i64, reason: &str) -> Result<i64> {
    merge::merge(store, actor, MergeEntity::Organization, keep, duplicate, reason)
}

/// The regions of the organizations shown, for the list's filter.
pub fn regions(store: &Store) -> Result<Vec<String>> {
    let mut stmt = store.conn().prepare("SELECT DISTINCT region FROM organization WHERE merged_into IS NULL ORDER BY region")?;
    let rows = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
