//! Contracts entered and corrected in the app (not imported): the form with its achievements,
//! payment schedule and equity holding, the signing gate of price publicity, and money entry.

use super::ContractForm;
use crate::error::{Error, Result};
use crate::model::{ContractKind, CostCategory, InstallmentKind, Pricing, ReceiptKind};
use crate::money::{form_amount_error, AmountError, Money};
use crate::problem::{Problem, ProblemKind};
use crate::share::FULL_BP;
use crate::store::audit::{Action, Journal};
use crate::store::version;
use crate::store::{Actor, Store};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A receipt or cost typed into the contract page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MoneyEntry {
    /// 日期.
    pub on: NaiveDate,
    /// 金额, > 0.
    pub amount_fen: Money,
    /// Receipts: 凭证号 (unique). Costs: 说明.
    pub reference: Option<String>,
    /// Receipts only: payment, dividend or exit.
    pub receipt_kind: Option<ReceiptKind>,
    /// Costs only.
    pub cost_category: Option<CostCategory>,
}

fn iso(d: NaiveDate) -> String {
    crate::date::iso(d)
}

fn text(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}

impl ContractForm {
    /// Every problem of the form on its own (references are checked by [`save`]). `historical`:
    /// an imported contract whose pricing was never recorded may stay so when corrected.
    fn problems(&self, today: NaiveDate, historical: bool) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut need = |field: &str, value: &str, max: usize| {
            let n = value.trim().chars().count();
            if n == 0 {
                out.push(Problem::field(field, "", ProblemKind::Required));
            } else if n > max {
                out.push(Problem::field(field, value, ProblemKind::TooLong(max)));
            }
        };
        need("contract_no", &self.contract_no, 60);
        need("title", &self.title, 500);
        let label = self.kind.zh().to_string();
        match (self.kind, self.license_kind) {
            (ContractKind::License, None) => out.push(Problem::field("license_kind", "", ProblemKind::RequiredFor(label.clone()))),
            (k, Some(l)) if k != ContractKind::License => {
                out.push(Problem::field("license_kind", l.zh(), ProblemKind::NotAllowedFor(label.clone())))
            }
            _ => {}
        }
        if let Some(e) = form_amount_error(self.amount_fen, false) {
            out.push(Problem::field("amount_fen", self.amount_fen.0.to_string(), ProblemKind::Amount(e)));
        }
        if self.signed_on > today {
            out.push(Problem::field("signed_on", iso(self.signed_on), ProblemKind::InFuture));
        }
        let equity = self.kind == ContractKind::Equity;
        match (equity, self.equity_units_fen) {
            (true, None) => out.push(Problem::field("equity_units_fen", "", ProblemKind::RequiredFor(label.clone()))),
            (true, Some(u)) if u.0 <= 0 => out.push(Problem::field(
                "equity_units_fen",
                u.0.to_string(),
                ProblemKind::Amount(form_amount_error(u, true).unwrap_or(AmountError::Empty)),
            )),
            (false, Some(u)) => out.push(Problem::field("equity_units_fen", u.0.to_string(), ProblemKind::NotAllowedFor(label.clone()))),
            _ => {}
        }
        if !equity && self.equity.is_some() {
            out.push(Problem::field("equity", "", ProblemKind::NotAllowedFor(label.clone())));
        }
        if let Some(e) = &self.equity {
            if e.holder.trim().is_empty() {
                out.push(Problem::field("equity.holder", "", ProblemKind::Required));
            }
            if !(1..=FULL_BP).contains(&e.stake_bp) {
                out.push(Problem::field("equity.stake_bp", e.stake_bp.to_string(), ProblemKind::Ratio));
            }
            if e.registered_on.is_some_and(|d| d < self.signed_on) {
                out.push(Problem::field(
                    "equity.registered_on",
                    e.registered_on.map(iso).unwrap_or_default(),
                    ProblemKind::DateOrder(iso(self.signed_on)),
                ));
            }
            if e.written_off_on.is_some() != text(&e.write_off_reason).is_some() {
                out.push(Problem::field("equity.write_off_reason", "", ProblemKind::Required));
            }
        }
        if self.kind.is_transformation() {
            if self.achievements.is_empty() {
                out.push(Problem::field("achievements", "", ProblemKind::RequiredFor(label.clone())));
            }
            if self.pricing.is_none() && !historical {
                out.push(Problem::field("pricing", "", ProblemKind::RequiredFor(label.clone())));
            }
        } else if let Some(p) = self.pricing {
            out.push(Problem::field("pricing", p.zh(), ProblemKind::NotAllowedFor(label.clone())));
        }
        if !self.achievements.is_empty() {
            let mut seen = std::collections::HashSet::new();
            for a in &self.achievements {
                if !seen.insert(a.achievement_no.trim()) {
                    out.push(Problem::field(
                        "achievements",
                        a.achievement_no.clone(),
                        ProblemKind::RepeatedEntry(a.achievement_no.clone()),
                    ));
                }
                if !(1..=FULL_BP).contains(&a.weight_bp) {
                    out.push(Problem::field("achievements", a.weight_bp.to_string(), ProblemKind::Ratio));
                }
            }
            let sum: i64 = self.achievements.iter().map(|a| a.weight_bp).sum();
            if sum != FULL_BP {
                out.push(Problem::field("achievements", sum.to_string(), ProblemKind::WeightsSum(sum)));
            }
        }
        for (field, day) in [("registered_on", self.registered_on), ("effective_on", self.effective_on), ("recorded_on", self.recorded_on)]
        {
            if let Some(d) = day.filter(|d| *d < self.signed_on) {
                out.push(Problem::field(field, iso(d), ProblemKind::DateOrder(iso(self.signed_on))));
            }
        }
        if self.recorded_on.is_some() && self.kind != ContractKind::License {
            out.push(Problem::field("recorded_on", "", ProblemKind::NotAllowedFor(label.clone())));
        }
        for (i, p) in self.installments.iter().enumerate() {
            let at = |f: &str| format!("installments[{i}].{f}");
            if let Some(e) = form_amount_error(p.amount_fen, true) {
                out.push(Problem::field(&at("amount_fen"), p.amount_fen.0.to_string(), ProblemKind::Amount(e)));
            }
            if p.due_on < self.signed_on {
                out.push(Problem::field(&at("due_on"), iso(p.due_on), ProblemKind::DateOrder(iso(self.signed_on))));
            }
            let milestone = text(&p.milestone);
            match (p.kind, &milestone) {
                (InstallmentKind::Milestone, None) => out.push(Problem::field(&at("milestone"), "", ProblemKind::Required)),
                (k, Some(m)) if k != InstallmentKind::Milestone => {
                    out.push(Problem::field(&at("milestone"), m.clone(), ProblemKind::NotAllowedFor(k.zh().into())))
                }
                _ => {}
            }
            match (p.kind, p.period_start, p.period_end) {
                (InstallmentKind::Royalty, Some(s), Some(e)) if e < s => {
                    out.push(Problem::field(&at("period_end"), iso(e), ProblemKind::DateOrder(iso(s))))
                }
                (InstallmentKind::Royalty, s, e) if s.is_none() || e.is_none() => {
                    out.push(Problem::field(&at("period_start"), "", ProblemKind::Required))
                }
                (k, s, e) if k != InstallmentKind::Royalty && (s.is_some() || e.is_some()) => {
                    out.push(Problem::field(&at("period_start"), "", ProblemKind::NotAllowedFor(k.zh().into())))
                }
                _ => {}
            }
        }
        out
    }
}

/// The distributions that fix a contract's terms: any not a draft.
fn has_frozen_distribution(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM distribution WHERE contract_id = ?1 AND state <> 'draft')", [id], |r| r.get(0))?)
}

/// Adds or corrects a contract from the form, in one audited transaction. An agreed price of a
/// transfer, license or equity deal must have been publicized: signing before the period is over,
/// or with an objection pending or upheld, is refused. Once a distribution beyond draft exists,
/// the terms it was computed from (kind, amount, signing day, achievements) are frozen. A change
/// is refused (`edit_conflict`) when the contract is no longer at the form's version.
pub fn save(store: &mut Store, actor: &Actor, form: &ContractForm) -> Result<i64> {
    // The write lock first, so that nobody changes what is checked.
    let tx = store.write()?;
    let conn: &Connection = &tx;
    let before = form.id.map(|id| super::view::get(conn, id, actor.at.date())).transpose()?;
    if let Some(b) = &before {
        let json = |f: &ContractForm| serde_json::to_value(f).unwrap_or_default();
        version::check(conn, &version::CONTRACT, b.form.version, form.version, || version::Stale {
            id: b.form.id.unwrap_or_default(),
            label: b.form.contract_no.clone(),
            audit_keys: vec![b.form.contract_no.clone(), form.contract_no.trim().to_string()],
            submitted: json(form),
            stored: json(&b.form),
        })?;
    }
    let historical = match form.id {
        Some(id) => conn.query_row("SELECT pricing IS NULL FROM contract WHERE id = ?1", [id], |r| r.get(0)).optional()?.unwrap_or(false),
        None => false,
    };
    let mut problems = form.problems(actor.at.date(), historical);
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM contract WHERE contract_no = ?1 AND id IS NOT ?2)",
        params![form.contract_no.trim(), form.id],
        |r| r.get(0),
    )?;
    if taken {
        problems.push(Problem::field("contract_no", form.contract_no.trim(), ProblemKind::DuplicateInDatabase));
    }
    let counterparty: Option<String> =
        conn.query_row("SELECT name FROM organization WHERE id = ?1", [form.organization_id], |r| r.get(0)).optional()?;
    if counterparty.is_none() {
        problems.push(Problem::field("organization_id", form.organization_id.to_string(), ProblemKind::Required));
    }
    let ids = crate::portfolio::achievement::ids_by_no(
        conn,
        form.achievements.iter().map(|a| a.achievement_no.as_str()),
        "achievements",
        &mut problems,
    )?;
    let achievement_ids: Vec<(i64, i64)> = ids.into_iter().zip(form.achievements.iter().map(|a| a.weight_bp)).collect();
    if let Some(r) = form.resolution_id {
        crate::deals::resolution::get(conn, r)?;
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    if form.pricing == Some(Pricing::Agreement) {
        let Some(pid) = form.publicity_id else {
            return Err(Error::Refused { code: "publicity_required", detail: form.contract_no.trim().into() });
        };
        let p = crate::deals::publicity::get(conn, pid)?;
        if p.contract_kind != form.kind || p.organization_id != form.organization_id {
            return Err(Error::Refused { code: "publicity_mismatch", detail: p.title });
        }
        let own = before_no(conn, form.id)?;
        if p.contract_no.is_some() && p.contract_no != own {
            return Err(Error::Refused { code: "publicity_signed", detail: p.contract_no.unwrap_or_default() });
        }
        p.allows_signing(form.signed_on)?;
    }
    if let (Some(b), Some(id)) = (&before, form.id) {
        let same_links = b.form.achievements == form.achievements;
        let terms_changed =
            b.form.kind != form.kind || b.form.amount_fen != form.amount_fen || b.form.signed_on != form.signed_on || !same_links;
        if terms_changed && has_frozen_distribution(conn, id)? {
            return Err(Error::Refused { code: "contract_in_distribution", detail: b.form.contract_no.clone() });
        }
        let first_receipt: Option<NaiveDate> =
            conn.query_row("SELECT min(received_on) FROM receipt WHERE contract_id = ?1", [id], |r| r.get(0))?;
        if let Some(d) = first_receipt.filter(|d| *d < form.signed_on) {
            return Err(Error::Invalid(vec![Problem::field("signed_on", iso(form.signed_on), ProblemKind::DateAfter(iso(d)))]));
        }
    }
    let pricing = if form.kind.is_transformation() { form.pricing } else { None };
    let publicity_id = if pricing == Some(Pricing::Agreement) { form.publicity_id } else { None };
    let values = params![
        form.contract_no.trim(),
        form.title.trim(),
        form.kind,
        form.license_kind,
        form.organization_id,
        form.amount_fen,
        form.signed_on,
        text(&form.registration_no),
        form.equity_units_fen,
        pricing,
        publicity_id,
        form.registered_on,
        form.effective_on,
        form.recorded_on,
        form.resolution_id,
    ];
    let id = match form.id {
        Some(id) => {
            tx.execute(
                "UPDATE contract SET contract_no = ?1, title = ?2, kind = ?3, license_kind = ?4, organization_id = ?5, amount_fen = ?6,
                 signed_on = ?7, registration_no = ?8, equity_units_fen = ?9, pricing = ?10, publicity_id = ?11, registered_on = ?12,
                 effective_on = ?13, recorded_on = ?14, resolution_id = ?15, version = version + 1 WHERE id = ?16",
                rusqlite::params_from_iter(values.iter().copied().chain(std::iter::once(&id as &dyn rusqlite::ToSql))),
            )?;
            tx.execute("DELETE FROM contract_achievement WHERE contract_id = ?1", [id])?;
            tx.execute("DELETE FROM installment WHERE contract_id = ?1", [id])?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO contract (contract_no, title, kind, license_kind, organization_id, amount_fen, signed_on, registration_no,
                 equity_units_fen, pricing, publicity_id, registered_on, effective_on, recorded_on, resolution_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                values,
            )?;
            tx.last_insert_rowid()
        }
    };
    for (position, (achievement, weight)) in achievement_ids.iter().enumerate() {
        tx.execute(
            "INSERT INTO contract_achievement (contract_id, achievement_id, position, weight_bp) VALUES (?1, ?2, ?3, ?4)",
            params![id, achievement, position as i64, weight],
        )?;
    }
    for (position, p) in form.installments.iter().enumerate() {
        tx.execute(
            "INSERT INTO installment (contract_id, position, kind, due_on, amount_fen, milestone, period_start, period_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![id, position as i64, p.kind, p.due_on, p.amount_fen, text(&p.milestone), p.period_start, p.period_end],
        )?;
    }
    match &form.equity {
        Some(e) => {
            tx.execute(
                "INSERT INTO equity_holding (contract_id, holder, stake_bp, registered_on, written_off_on, write_off_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (contract_id) DO UPDATE SET holder = excluded.holder, stake_bp = excluded.stake_bp, registered_on = excluded.registered_on,
                 written_off_on = excluded.written_off_on, write_off_reason = excluded.write_off_reason",
                params![id, e.holder.trim(), e.stake_bp, e.registered_on, e.written_off_on, text(&e.write_off_reason)],
            )?;
        }
        None => {
            tx.execute("DELETE FROM equity_holding WHERE contract_id = ?1", [id])?;
        }
    }
    let after = super::view::get(&tx, id, actor.at.date())?;
    let json = |d: &super::view::ContractDetail| version::unversioned(&d.form);
    let action = if before.is_some() { Action::Update } else { Action::Insert };
    Journal::start(&tx, actor)?.record(
        &tx,
        action,
        "contract",
        &after.form.contract_no,
        before.as_ref().map(json).as_ref(),
        Some(&json(&after)),
    )?;
    tx.commit()?;
    Ok(id)
}

fn before_no(conn: &Connection, id: Option<i64>) -> Result<Option<String>> {
    Ok(match id {
        Some(id) => conn.query_row("SELECT contract_no FROM contract WHERE id = ?1", [id], |r| r.get(0)).optional()?,
        None => None,
    })
}

/// Removes a contract entered by mistake: only while no money, distribution or evidence hangs on
/// it. Audited.
pub fn delete(store: &mut Store, actor: &Actor, id: i64) -> Result<()> {
    let before = super::view::get(store.conn(), id, actor.at.date())?;
    let used: bool = store.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM receipt WHERE contract_id = ?1) OR EXISTS (SELECT 1 FROM cost WHERE contract_id = ?1)
           OR EXISTS (SELECT 1 FROM distribution WHERE contract_id = ?1) OR EXISTS (SELECT 1 FROM valuation WHERE contract_id = ?1)
           OR EXISTS (SELECT 1 FROM attachment WHERE entity = 'contract' AND entity_id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if used {
        return Err(Error::Refused { code: "contract_in_use", detail: before.form.contract_no });
    }
    let tx = store.write()?;
    tx.execute("DELETE FROM equity_holding WHERE contract_id = ?1", [id])?;
    tx.execute("DELETE FROM contract WHERE id = ?1", [id])?;
    let json = version::unversioned(&before.form);
    Journal::start(&tx, actor)?.record(&tx, Action::Delete, "contract", &before.form.contract_no, Some(&json), None)?;
    tx.commit()?;
    Ok(())
}

/// Records money received (到账) on a contract; audited. Returns the receipt id.
pub fn add_receipt(store: &mut Store, actor: &Actor, contract_id: i64, entry: &MoneyEntry) -> Result<i64> {
    let (contract_no, kind, signed_on) = contract_basics(store.conn(), contract_id)?;
    let mut problems = entry_problems(entry, signed_on, actor.at.date());
    let receipt_kind = entry.receipt_kind.unwrap_or(ReceiptKind::Payment);
    if receipt_kind != ReceiptKind::Payment && kind != ContractKind::Equity {
        problems.push(Problem::field("receipt_kind", receipt_kind.zh(), ProblemKind::NotAllowedFor(kind.zh().into())));
    }
    let voucher = text(&entry.reference);
    if let Some(v) = &voucher {
        let taken: bool = store.conn().query_row("SELECT EXISTS (SELECT 1 FROM receipt WHERE voucher_no = ?1)", [v], |r| r.get(0))?;
        if taken {
            problems.push(Problem::field("reference", v.clone(), ProblemKind::DuplicateInDatabase));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let tx = store.write()?;
    tx.execute(
        "INSERT INTO receipt (contract_id, received_on, amount_fen, voucher_no, kind) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![contract_id, entry.on, entry.amount_fen, voucher, receipt_kind],
    )?;
    let id = tx.last_insert_rowid();
    let after = serde_json::json!({"contract_no": contract_no, "received_on": iso(entry.on), "amount_fen": entry.amount_fen.0, "voucher_no": voucher, "kind": receipt_kind.key()});
    Journal::start(&tx, actor)?.record(&tx, Action::Insert, "receipt", &id.to_string(), None, Some(&after))?;
    tx.commit()?;
    Ok(id)
}

/// Records a cost (成本) of a contract; audited. Returns the cost id.
pub fn add_cost(store: &mut Store, actor: &Actor, contract_id: i64, entry: &MoneyEntry) -> Result<i64> {
    let (contract_no, _, signed_on) = contract_basics(store.conn(), contract_id)?;
    let mut problems = entry_problems(entry, signed_on, actor.at.date());
    // Costs such as an appraisal precede signing, so only the future is refused.
    problems.retain(|p| p.column != "on" || matches!(p.kind, ProblemKind::InFuture));
    let Some(category) = entry.cost_category else {
        problems.push(Problem::field("cost_category", "", ProblemKind::Required));
        return Err(Error::Invalid(problems));
    };
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let note = text(&entry.reference);
    let tx = store.write()?;
    tx.execute(
        "INSERT INTO cost (contract_id, incurred_on, category, amount_fen, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![contract_id, entry.on, category, entry.amount_fen, note],
    )?;
    let id = tx.last_insert_rowid();
    let after = serde_json::json!({"contract_no": contract_no, "incurred_on": iso(entry.on), "amount_fen": entry.amount_fen.0, "category": category.key(), "note": note});
    Journal::start(&tx, actor)?.record(&tx, Action::Insert, "cost", &id.to_string(), None, Some(&after))?;
    tx.commit()?;
    Ok(id)
}

/// Removes a receipt typed by mistake, unless a distribution already counted it; audited.
pub fn delete_receipt(store: &mut Store, actor: &Actor, id: i64) -> Result<()> {
    delete_money(store, actor, "receipt", "distribution_receipt", "receipt_id", id)
}

/// Removes a cost typed by mistake, unless a distribution already counted it; audited.
pub fn delete_cost(store: &mut Store, actor: &Actor, id: i64) -> Result<()> {
    delete_money(store, actor, "cost", "distribution_cost", "cost_id", id)
}

fn delete_money(store: &mut Store, actor: &Actor, table: &'static str, link: &str, column: &str, id: i64) -> Result<()> {
    let before: Option<serde_json::Value> = store
        .conn()
        .query_row(
            &format!("SELECT json_object('contract_id', contract_id, 'amount_fen', amount_fen) FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .and_then(|s| serde_json::from_str(&s).ok());
    let Some(before) = before else {
        return Err(Error::NotFound { what: table, key: id.to_string() });
    };
    let used: bool = store.conn().query_row(&format!("SELECT EXISTS (SELECT 1 FROM {link} WHERE {column} = ?1)"), [id], |r| r.get(0))?;
    if used {
        return Err(Error::Refused { code: "money_distributed", detail: id.to_string() });
    }
    let tx = store.write()?;
    tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
    Journal::start(&tx, actor)?.record(&tx, Action::Delete, table, &id.to_string(), Some(&before), None)?;
    tx.commit()?;
    Ok(())
}

fn contract_basics(conn: &Connection, id: i64) -> Result<(String, ContractKind, NaiveDate)> {
    conn.query_row("SELECT contract_no, kind, signed_on FROM contract WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "contract", key: id.to_string() })
}

fn entry_problems(entry: &MoneyEntry, signed_on: NaiveDate, today: NaiveDate) -> Vec<Problem> {
    let mut out = Vec::new();
    if let Some(e) = form_amount_error(entry.amount_fen, true) {
        out.push(Problem::field("amount_fen", entry.amount_fen.0.to_string(), ProblemKind::Amount(e)));
    }
    if entry.on > today {
        out.push(Problem::field("on", iso(entry.on), ProblemKind::InFuture));
    } else if entry.on < signed_on {
        out.push(Problem::field("on", iso(entry.on), ProblemKind::DateOrder(iso(signed_on))));
    }
    out
}
