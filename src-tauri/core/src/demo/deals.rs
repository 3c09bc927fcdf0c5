//! The demo's deal evidence, made through the real rules: a collective decision and a price
//! publicity before each agreed-price contract (one in three priced by listing instead), payment
//! schedules for the money still owed, the equity holdings, publicities still running or objected
//! to, and an ownership grant.

use crate::deals::contract::edit;
use crate::deals::contract::view;
use crate::deals::contract::{EquityHolding, Installment};
use crate::deals::grant::{self, Grant, GrantKind, Member, Payer};
use crate::deals::publicity::{self, Objection, Outcome, Publicity};
use crate::deals::resolution::{self, Resolution};
use crate::error::Result;
use crate::model::{ContractKind, InstallmentKind, Pricing};
use crate::money::Money;
use crate::store::{Actor, Store};
use chrono::{Datelike, Duration, Months};

/// How many days the demo publicizes an agreed price (the default policy's 15).
const DAYS: u32 = 15;

/// Adds the evidence to the demo's transformation contracts; returns how many publicities.
pub(super) fn add(store: &mut Store, actor: &Actor) -> Result<u32> {
    let today = actor.at.date();
    let ids: Vec<i64> = store
        .conn()
        .prepare("SELECT id FROM contract ORDER BY signed_on, contract_no")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut publicities = 0;
    for (i, id) in ids.into_iter().enumerate() {
        let detail = view::get(store.conn(), id, today)?;
        let mut form = detail.form.clone();
        let signed = form.signed_on;
        // The 2023 ones are left as imported (no pricing recorded), as an office's history is.
        let historical = signed.year() < 2024;
        if form.kind.is_transformation() && !historical {
            if i % 3 == 2 {
                form.pricing = Some(Pricing::Listing);
            } else {
                let meeting = signed - Duration::days(40);
                let resolution_id = resolution::save(
                    store,
                    actor,
                    &Resolution {
                        id: None,
                        version: 0,
                        meeting_on: meeting,
                        body: "科技成果转化工作领导小组".into(),
                        subject: format!("{}（{}）定价", form.title, detail.counterparty),
                        participants: "分管校领导、科研院、财务处、资产处、技术转移中心".into(),
                        outcome: format!("同意以协议定价 {} 元{}，按规定公示。", Money(form.amount_fen.0).grouped(), form.kind.zh()),
                    },
                )?;
                let posted = meeting + Duration::days(3);
                let objections = if i % 5 == 0 {
                    vec![Objection {
                        id: None,
                        received_on: posted + Duration::days(4),
                        objector: "本校教师（实名）".into(),
                        content: "认为定价偏低".into(),
                        outcome: Outcome::Rejected,
                        handling: Some("经复核评估报告及市场询价，定价合理，异议不成立，已书面答复".into()),
                        resolved_on: Some(posted + Duration::days(9)),
                    }]
                } else {
                    Vec::new()
                };
                let publicity_id = publicity::save(
                    store,
                    actor,
                    &Publicity {
                        id: None,
                        version: 0,
                        title: format!("{}定价公示", form.title),
                        contract_kind: form.kind,
                        organization_id: form.organization_id,
                        counterparty: String::new(),
                        related_party: false,
                        price_fen: form.amount_fen,
                        posted_on: posted,
                        days: DAYS,
                        ends_on: posted,
                        channel: "学校官网“通知公告”栏目".into(),
                        resolution_id: Some(resolution_id),
                        achievements: form.achievements.iter().map(|a| a.achievement_no.clone()).collect(),
                        objections,
                        contract_no: None,
                    },
                )?;
                publicities += 1;
                form.pricing = Some(Pricing::Agreement);
                form.publicity_id = Some(publicity_id);
                form.resolution_id = Some(resolution_id);
            }
        }
        // What is still owed becomes the schedule's last installment, due six months after signing.
        let owed = form.amount_fen.0 - detail.received_fen.0;
        if form.kind != ContractKind::Equity && owed > 0 {
            let due = signed.checked_add_months(Months::new(6)).unwrap_or(signed);
            form.installments = vec![Installment {
                kind: InstallmentKind::Fixed,
                due_on: due,
                amount_fen: Money(owed),
                milestone: None,
                period_start: None,
                period_end: None,
            }];
        }
        if form.kind == ContractKind::Equity {
            form.equity = Some(EquityHolding {
                holder: "学校资产经营有限公司".into(),
                stake_bp: 1000 + (i as i64 % 4) * 500,
                registered_on: Some(signed + Duration::days(45)),
                written_off_on: None,
                write_off_reason: None,
            });
        }
        if form.kind == ContractKind::License {
            form.effective_on = Some(signed);
            form.recorded_on = (i % 4 != 0).then(|| signed + Duration::days(50));
        }
        if form != detail.form {
            edit::save(store, actor, &form)?;
        }
    }
    running(store, actor)?;
    granted(store, actor)?;
    Ok(publicities + 3)
}

/// Three deals not signed yet: one still in its period, one with an objection to handle, one
/// whose period is over and which waits for its contract.
fn running(store: &mut Store, actor: &Actor) -> Result<()> {
    let today = actor.at.date();
    let free: Vec<(String, i64)> = store
        .conn()
        .prepare(
            "SELECT a.achievement_no, (SELECT id FROM organization ORDER BY id LIMIT 1) FROM achievement a
             WHERE a.status = 'in_force' AND NOT EXISTS (SELECT 1 FROM contract_achievement ca WHERE ca.achievement_id = a.id)
             ORDER BY a.achievement_no LIMIT 3",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (k, (no, org)) in free.iter().enumerate() {
        let posted = today - Duration::days([5, 12, 40][k % 3]);
        let objections = if k == 1 {
            vec![Objection {
                id: None,
                received_on: posted + Duration::days(6),
                objector: "合作企业（匿名）".into(),
                content: "认为受让方与完成人存在关联关系，未如实披露".into(),
                outcome: Outcome::Pending,
                handling: None,
                resolved_on: None,
            }]
        } else {
            Vec::new()
        };
        publicity::save(
            store,
            actor,
            &Publicity {
                id: None,
                version: 0,
                title: format!("成果 {no} 专利权转让定价公示"),
                contract_kind: ContractKind::Transfer,
                organization_id: *org,
                counterparty: String::new(),
                related_party: k == 1,
                price_fen: Money((30 + 20 * k as i64) * 1_000_000),
                posted_on: posted,
                days: DAYS,
                ends_on: posted,
                channel: "学校官网“通知公告”栏目".into(),
                resolution_id: None,
                achievements: vec![no.clone()],
                objections,
                contract_no: None,
            },
        )?;
    }
    Ok(())
}

/// One ownership grant (70% to the team) of an achievement no contract carries yet.
fn granted(store: &mut Store, actor: &Actor) -> Result<()> {
    let today = actor.at.date();
    let pick: Option<(String, Vec<(String, i64)>)> = {
        let conn = store.conn();
        let no: Option<String> = conn
            .query_row(
                "SELECT a.achievement_no FROM achievement a WHERE a.kind = 'invention_patent' AND a.status = 'in_force'
                   AND NOT EXISTS (SELECT 1 FROM contract_achievement ca WHERE ca.achievement_id = a.id)
                   AND NOT EXISTS (SELECT 1 FROM publicity_achievement pa WHERE pa.achievement_id = a.id)
                 ORDER BY a.achievement_no DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .ok();
        match no {
            Some(no) => {
                let team = conn
                    .prepare(
                        "SELECT p.employee_id, i.share_bp FROM inventor i JOIN person p ON p.id = i.person_id
                         JOIN achievement a ON a.id = i.achievement_id WHERE a.achievement_no = ?1 ORDER BY i.position",
                    )?
                    .query_map([&no], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Some((no, team))
            }
            None => None,
        }
    };
    let Some((no, team)) = pick else { return Ok(()) };
    let decided = today - Duration::days(60);
    grant::save(
        store,
        actor,
        &Grant {
            id: None,
            version: 0,
            kind: GrantKind::Share,
            share_bp: Some(7000),
            usage_from: None,
            usage_until: None,
            income_team_bp: 7000,
            annual_fee_payer: Payer::Team,
            agency_fee_payer: Payer::Shared,
            decided_on: decided,
            resolution_id: None,
            publicized_on: Some(decided + Duration::days(1)),
            publicity_days: Some(DAYS),
            publicity_ends_on: None,
            change_filed_on: Some(decided + Duration::days(30)),
            note: Some("赋权试点：完成人团队占 70% 所有权".into()),
            achievements: vec![no],
            members: team.into_iter().map(|(employee_id, share_bp)| Member { employee_id, name: String::new(), share_bp }).collect(),
        },
    )?;
    Ok(())
}
