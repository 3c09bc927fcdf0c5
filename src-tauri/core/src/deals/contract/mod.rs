//! Transformation contracts (转化合同) and the achievements they carry: the contract as the
//! template and the form describe it here, saving the form in [`edit`], the screens' reads in
//! [`view`]. Both of those use the form's types, so the types live here and not in either.

pub mod edit;
pub mod view;

use crate::error::Result;
use crate::model::{ContractKind, InstallmentKind, LicenseKind, Pricing};
use crate::money::Money;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An achievement a contract carries, with its weight.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
pub struct Weighted {
    /// 成果编号.
    pub achievement_no: String,
    /// Weight in bp; a contract's weights sum to 10000.
    #[ts(type = "number")]
    pub weight_bp: i64,
}

/// One expected payment (付款计划).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Installment {
    /// Fixed date, milestone or royalty period.
    pub kind: InstallmentKind,
    /// 应付日期.
    pub due_on: NaiveDate,
    /// 金额.
    pub amount_fen: Money,
    /// 里程碑 (milestone only).
    pub milestone: Option<String>,
    /// 提成期间 (royalty only).
    pub period_start: Option<NaiveDate>,
    /// 提成期间 end.
    pub period_end: Option<NaiveDate>,
}

/// The stake an equity contract gave (作价投资), held apart under 单列管理.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EquityHolding {
    /// 持股主体 (often the university's asset company).
    pub holder: String,
    /// 持股比例.
    #[ts(type = "number")]
    pub stake_bp: i64,
    /// 工商登记日期.
    pub registered_on: Option<NaiveDate>,
    /// 核销日期.
    pub written_off_on: Option<NaiveDate>,
    /// 核销理由 and evidence.
    pub write_off_reason: Option<String>,
}

/// The contract form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContractForm {
    /// `None` for a new contract.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    /// The version the form was loaded at (0 for a new contract): a save is refused
    /// (`edit_conflict`) once someone else changed the contract (store::version).
    #[serde(default)]
    #[ts(type = "number")]
    pub version: i64,
    /// 合同编号.
    pub contract_no: String,
    /// 合同名称.
    pub title: String,
    /// 转化方式.
    pub kind: ContractKind,
    /// 许可类型 (license only).
    pub license_kind: Option<LicenseKind>,
    /// 合作单位.
    #[ts(type = "number")]
    pub organization_id: i64,
    /// 合同金额 (for equity, 作价金额).
    pub amount_fen: Money,
    /// 签订日期.
    pub signed_on: NaiveDate,
    /// 技术合同登记号.
    pub registration_no: Option<String>,
    /// 登记日期.
    pub registered_on: Option<NaiveDate>,
    /// When a license takes effect (its CNIPA recordal is due three months later).
    pub effective_on: Option<NaiveDate>,
    /// 许可合同备案日期.
    pub recorded_on: Option<NaiveDate>,
    /// 获得股权 (registered capital, equity only).
    pub equity_units_fen: Option<Money>,
    /// 定价方式 (transfer, license, equity).
    pub pricing: Option<Pricing>,
    /// The price publicity an agreed price went through.
    #[ts(type = "number | null")]
    pub publicity_id: Option<i64>,
    /// The collective decision.
    #[ts(type = "number | null")]
    pub resolution_id: Option<i64>,
    /// 涉及成果 with weights.
    pub achievements: Vec<Weighted>,
    /// 付款计划.
    pub installments: Vec<Installment>,
    /// The equity holding (equity only).
    pub equity: Option<EquityHolding>,
}

/// A row of the contracts template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Contract {
    /// 合同编号, unique.
    pub contract_no: String,
    /// 合同名称.
    pub title: String,
    /// 转化方式.
    pub kind: ContractKind,
    /// 许可类型, for licenses only.
    pub license_kind: Option<LicenseKind>,
    /// 合作单位: an organization's name.
    pub counterparty: String,
    /// 合同金额 (for equity, 作价金额).
    pub amount: Money,
    /// 签订日期.
    pub signed_on: NaiveDate,
    /// 涉及成果 with weights.
    pub achievements: Vec<Weighted>,
    /// 技术合同登记号.
    pub registration_no: Option<String>,
    /// 获得股权: registered capital received, equity only.
    pub equity_units: Option<Money>,
}

/// Formats weights as the template writes them: `A1:60; A2:40`.
pub fn format_weights(list: &[Weighted]) -> String {
    list.iter().map(|w| format!("{}:{}", w.achievement_no, crate::share::format_percent(w.weight_bp))).collect::<Vec<_>>().join("; ")
}

/// Every contract with its achievements, by contract number.
pub fn load_all(conn: &Connection) -> Result<Vec<Contract>> {
    let mut links: std::collections::HashMap<i64, Vec<Weighted>> = std::collections::HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT ca.contract_id, a.achievement_no, ca.weight_bp FROM contract_achievement ca JOIN achievement a ON a.id = ca.achievement_id
         ORDER BY ca.contract_id, ca.position",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        links.entry(r.get(0)?).or_default().push(Weighted { achievement_no: r.get(1)?, weight_bp: r.get(2)? });
    }
    let mut stmt = conn.prepare(
        "SELECT c.id, c.contract_no, c.title, c.kind, c.license_kind, o.name, c.amount_fen, c.signed_on, c.registration_no, c.equity_units_fen
         FROM contract c JOIN organization o ON o.id = c.organization_id ORDER BY c.contract_no",
    )?;
    let list = stmt
        .query_map([], |r| {
            let id: i64 = r.get(0)?;
            Ok(Contract {
                contract_no: r.get(1)?,
                title: r.get(2)?,
                kind: r.get(3)?,
                license_kind: r.get(4)?,
                counterparty: r.get(5)?,
                amount: r.get(6)?,
                signed_on: r.get(7)?,
                achievements: links.remove(&id).unwrap_or_default(),
                registration_no: r.get(8)?,
                equity_units: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(list)
}
