//! The small demo portfolio (~300 achievements, 60 people, 50 contracts), written through the
//! templates' own record writes, then the deal evidence and reward distributions through the real
//! workflows.

use super::outcome::{unless_refused, DemoSummary};
use super::random::{
    application_no, credit_code, id_number, person_name, shares, Rng, DEPARTMENTS, OBJECTS, ORG_FIELD, ORG_PREFIX, REGIONS, TECHNIQUES,
};

use super::deals;
use crate::deals::contract::{Contract, Weighted};
use crate::deals::cost::Cost;
use crate::deals::receipt::Receipt;
use crate::error::Result;
use crate::model::{
    AchievementKind as K, AchievementStatus as S, Category, ContractKind as C, CostCategory, LeaderLevel, LicenseKind, Ownership, Size,
};
use crate::money::Money;
use crate::people::organization::Organization;
use crate::people::person::Person;
use crate::portfolio::achievement::{Achievement, Inventor};
use crate::store::audit::Journal;
use crate::store::{Actor, Store};
use crate::template::row::Record;
use chrono::{Datelike, Duration, NaiveDate};

/// Fills a new store with the small portfolio.
pub(super) fn fill(store: &mut Store, seed: u64, actor: &Actor) -> Result<DemoSummary> {
    let mut rng = Rng(seed ^ 0x5452_414E_5346_4552);
    let today = actor.at.date();
    let tx = store.write()?;
    let mut journal = Journal::start(&tx, actor)?;
    let mut summary = DemoSummary::default();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();

    // People: 10 per department; one unit principal, two deputies, middle-level heads, two transfer staff.
    let mut people: Vec<(String, usize)> = Vec::new();
    for (d, dept) in DEPARTMENTS.iter().enumerate() {
        for k in 0..10 {
            let n = d * 10 + k + 1;
            let employee_id = format!("T{n:04}");
            let leader_level = match n {
                1 => LeaderLevel::UnitPrincipal,
                12 | 23 => LeaderLevel::UnitDeputy,
                _ if k == 1 => LeaderLevel::Middle,
                _ => LeaderLevel::None,
            };
            let category = if n == 59 || n == 60 { Category::TransferStaff } else { Category::Researcher };
            let birth = rng.date(day(1962, 1, 1), day(1995, 12, 31));
            let p = Person {
                employee_id: employee_id.clone(),
                name: person_name(&mut rng),
                department: if category == Category::TransferStaff { "技术转移中心".into() } else { dept.to_string() },
                category,
                leader_level,
                id_number: Some(id_number(&mut rng, birth)),
                outside_work: Vec::new(),
            };
            p.insert(&tx, &mut journal, today)?;
            if category == Category::Researcher {
                people.push((employee_id, d));
            }
            summary.people += 1;
        }
    }

    // Organizations.
    let mut orgs: Vec<String> = Vec::new();
    for i in 0..40 {
        let region = if i < 2 { "境外" } else { *rng.pick(&REGIONS[..REGIONS.len() - 1]) };
        let ownership = match i % 10 {
            _ if region == "境外" => Ownership::Foreign,
            0 | 1 => Ownership::StateOwned,
            2 => Ownership::Foreign,
            3 => Ownership::University,
            4 => Ownership::Institute,
            _ => Ownership::Private,
        };
        let city = if region == "境外" { "海外" } else { region.trim_end_matches(['省', '市']) };
        let mut name = match ownership {
            _ if region == "境外" => ["Alpen Präzision GmbH", "Pacific Photonics Ltd."][i % 2].to_string(),
            Ownership::University => format!("{city}{}大学", ["理工", "农业", "师范", "交通"][i % 4]),
            Ownership::Institute => format!("{city}{}研究院", rng.pick(ORG_FIELD)),
            _ => format!("{city}{}{}有限公司", ORG_PREFIX[i % ORG_PREFIX.len()], ORG_FIELD[(i * 3) % ORG_FIELD.len()]),
        };
        // Names are unique in the register; a random region can repeat one, so number the repeat.
        if orgs.contains(&name) {
            name = format!("{}（第{}分部）", name, i + 1);
        }
        let company = !matches!(ownership, Ownership::University | Ownership::Institute);
        let o = Organization {
            name: name.clone(),
            credit_code: if region == "境外" { None } else { Some(credit_code(&mut rng)) },
            ownership,
            size: if company { Some(*rng.pick(&[Size::Large, Size::Medium, Size::Small, Size::Small, Size::Micro])) } else { None },
            region: region.to_string(),
            // Not from `rng`, so that every later draw stays as it was.
            industry: Some(["C", "I", "M", "C", "D", "I", "Q", "C"][i % 8].to_string()),
        };
        o.insert(&tx, &mut journal, today)?;
        orgs.push(name);
        summary.organizations += 1;
    }

    // Achievements: 300 of every kind.
    let kinds: &[(K, usize)] = &[
        (K::InventionPatent, 150),
        (K::UtilityModel, 60),
        (K::DesignPatent, 15),
        (K::SoftwareCopyright, 45),
        (K::IcLayout, 8),
        (K::PlantVariety, 7),
        (K::KnowHow, 10),
        (K::Other, 5),
    ];
    let mut achievements: Vec<(String, usize, K)> = Vec::new();
    let mut serial = 100_000u32;
    for &(kind, count) in kinds {
        for _ in 0..count {
            let n = achievements.len() + 1;
            let d = if kind == K::PlantVariety { 5 } else { rng.below(DEPARTMENTS.len() as u64) as usize };
            let filed = rng.date(day(2012, 1, 1), day(2025, 10, 31));
            serial += rng.range(1, 4000) as u32;
            let title = match kind {
                K::SoftwareCopyright => {
                    format!("{}{}软件V{}.0", rng.pick(TECHNIQUES[d]), rng.pick(&["管理", "分析", "监测", "仿真"]), rng.range(1, 3))
                }
                K::PlantVariety => format!("川{}{}号", rng.pick(&["稻", "麦", "油"]), rng.range(101, 999)),
                K::IcLayout => format!("{}芯片布图设计", rng.pick(&["低功耗传感", "电源管理", "射频前端", "图像处理"])),
                K::DesignPatent => format!("{}（外观）", rng.pick(OBJECTS[d]).trim_end_matches("方法")),
                _ => format!("一种基于{}的{}", rng.pick(TECHNIQUES[d]), rng.pick(OBJECTS[d])),
            };
            let (application_no, filed_on) =
                if kind.is_patent() { (Some(application_no(kind, filed, serial)), Some(filed)) } else { (None, None) };
            let grant_lag = match kind {
                K::InventionPatent => rng.range(500, 1300),
                K::UtilityModel | K::DesignPatent => rng.range(150, 400),
                _ => rng.range(60, 300),
            };
            let granted = filed + Duration::days(grant_lag);
            let is_granted = granted <= day(2025, 11, 1) && kind != K::KnowHow && !(kind == K::InventionPatent && rng.chance(10));
            let status = if !is_granted {
                if kind.is_patent() {
                    S::Pending
                } else {
                    S::InForce
                }
            } else if kind.is_patent() && filed.year() < 2016 && rng.chance(35) {
                *rng.pick(&[S::Lapsed, S::Abandoned])
            } else if crate::prosecution::rule::expiry_on(kind, filed).is_some_and(|last| last < today) {
                // A well-kept office records the end of term (a utility model of 2013 ended in 2023).
                S::Expired
            } else {
                S::InForce
            };
            let grant_no = (is_granted && kind != K::Other).then(|| match kind {
                K::SoftwareCopyright => format!("{}SR{:07}", granted.year(), serial % 10_000_000),
                K::PlantVariety => format!("CNA{}{:05}.{}", granted.year(), serial % 100_000, rng.range(1, 9)),
                K::IcLayout => format!("BS.{}{:05}", granted.year() % 100, serial % 100_000),
                _ => format!("ZL{}", application_no.clone().unwrap_or_default()),
            });
            let fees_paid_through = (is_granted && kind.is_patent()).then(|| {
                // Paid up to the patent year running today, except one in eight a year behind (some
                // in their grace period, some past it), so that the fee screens show every case.
                // Decided by the serial, not the generator, to keep the rest of the demo unchanged.
                let current = crate::portfolio::achievement::patent_year(filed, today).min(20);
                // An expired patent was paid to its end like one in force (and draws nothing, so
                // that the rest of the demo stays as it was).
                if status == S::InForce || status == S::Expired {
                    if serial % 8 == 3 {
                        (current - 1).max(1)
                    } else {
                        current
                    }
                } else {
                    (current - rng.range(1, 3)).max(1)
                }
            });
            let team: Vec<&(String, usize)> = {
                let mut team = Vec::new();
                let wanted = rng.range(1, 5) as usize;
                let local: Vec<&(String, usize)> = people.iter().filter(|(_, pd)| *pd == d).collect();
                while team.len() < wanted {
                    let cand = if rng.chance(85) { *rng.pick(&local) } else { rng.pick(&people) };
                    if !team.iter().any(|t: &&(String, usize)| t.0 == cand.0) {
                        team.push(cand);
                    }
                }
                team
            };
            let split = shares(&mut rng, team.len());
            let inventors = team
                .iter()
                .zip(&split)
                .enumerate()
                .map(|(i, (p, bp))| Inventor { employee_id: p.0.clone(), share_bp: *bp, key_contributor: i == 0 || *bp >= 3000 })
                .collect();
            let achievement_no = format!("CG{}{:04}", filed.year(), n);
            let a = Achievement {
                achievement_no: achievement_no.clone(),
                title,
                kind,
                application_no,
                filed_on,
                grant_no,
                granted_on: is_granted.then_some(granted),
                status,
                department: DEPARTMENTS[d].to_string(),
                fiscal_project: rng
                    .chance(40)
                    .then(|| format!("{}{}{:04}", rng.pick(&["国自然", "国重研", "川科"]), filed.year(), rng.range(1, 9999))),
                fees_paid_through,
                inventors,
                co_owners: Vec::new(),
            };
            a.insert(&tx, &mut journal, today)?;
            achievements.push((achievement_no, d, kind));
            summary.achievements += 1;
        }
    }

    // Contracts over 2023–2025 with receipts and costs.
    let transformable: Vec<&(String, usize, K)> = achievements.iter().filter(|a| a.2 != K::Other).collect();
    let plan: &[C] = &[
        C::License,
        C::Transfer,
        C::Development,
        C::Service,
        C::License,
        C::Consulting,
        C::Transfer,
        C::Development,
        C::Equity,
        C::Service,
    ];
    for i in 0..40 {
        let kind = plan[i % plan.len()];
        let year = 2023 + (i as i32 % 3);
        let signed = rng.date(day(year, 1, 5), day(year, 12, 20));
        let counterparty = orgs[(i * 7 + 3) % orgs.len()].clone();
        let amount_yuan: i64 = match kind {
            C::Equity => rng.range(20, 80) * 50_000,
            C::Transfer | C::License if rng.chance(25) => rng.range(100, 400) * 10_000,
            C::Transfer | C::License => rng.range(5, 90) * 10_000,
            _ => rng.range(3, 60) * 10_000,
        };
        let amount = Money(amount_yuan * 100);
        let mut linked: Vec<Weighted> = Vec::new();
        if kind.is_transformation() || rng.chance(20) {
            let n = if rng.chance(30) { 2 } else { 1 };
            let first = rng.pick(&transformable);
            let mut chosen = vec![first.0.clone()];
            if n == 2 {
                let second = transformable.iter().find(|a| a.1 == first.1 && a.0 != first.0).map(|a| a.0.clone());
                chosen.extend(second);
            }
            let weights = if chosen.len() == 2 { vec![6000, 4000] } else { vec![10_000] };
            linked = chosen.into_iter().zip(weights).map(|(achievement_no, weight_bp)| Weighted { achievement_no, weight_bp }).collect();
        }
        let contract_no = format!("HT{year}-{:03}", i + 1);
        let c = Contract {
            contract_no: contract_no.clone(),
            title: match kind {
                C::Transfer => "专利权转让合同".to_string(),
                C::License => "专利实施许可合同".to_string(),
                C::Equity => "科技成果作价投资协议".to_string(),
                C::Development => format!("{}技术开发合同", rng.pick(TECHNIQUES[i % 6])),
                C::Consulting => format!("{}技术咨询合同", rng.pick(TECHNIQUES[i % 6])),
                C::Service => format!("{}技术服务合同", rng.pick(TECHNIQUES[i % 6])),
            },
            kind,
            license_kind: (kind == C::License)
                .then(|| *rng.pick(&[LicenseKind::Exclusive, LicenseKind::Sole, LicenseKind::Ordinary, LicenseKind::Ordinary])),
            counterparty,
            amount,
            signed_on: signed,
            achievements: linked,
            registration_no: rng.chance(75).then(|| format!("{}51010{:06}", year, rng.range(1, 999_999))),
            equity_units: (kind == C::Equity).then_some(amount),
        };
        c.insert(&tx, &mut journal, today)?;
        summary.contracts += 1;
        if kind == C::Equity {
            continue;
        }
        // Paid in one to three instalments, the last possibly still outstanding.
        let instalments = rng.range(1, 3);
        let mut paid = 0i64;
        for k in 0..instalments {
            let received = signed + Duration::days(30 + 120 * k + rng.range(0, 40));
            if received > day(2025, 11, 20) || (k == instalments - 1 && instalments > 1 && rng.chance(30)) {
                break;
            }
            let part = if k == instalments - 1 { amount.0 - paid } else { amount.0 / instalments };
            paid += part;
            Receipt {
                contract_no: contract_no.clone(),
                received_on: received,
                amount: Money(part),
                voucher_no: Some(format!("PZ{}{:05}", received.year(), summary.receipts + 1)),
            }
            .insert(&tx, &mut journal, today)?;
            summary.receipts += 1;
        }
        if kind.is_transformation() {
            let costs: &[(CostCategory, i64, &str)] = &[
                (CostCategory::Appraisal, 8_000, "资产评估费"),
                (CostCategory::Agency, 3_500, "专利代理费"),
                (CostCategory::Taxes, 0, "增值税及附加"),
            ];
            for (category, base, note) in costs {
                if *base == 0 || rng.chance(70) {
                    let yuan = if *base == 0 { amount_yuan * 6 / 100 } else { base + rng.range(0, 20) * 100 };
                    Cost {
                        contract_no: contract_no.clone(),
                        incurred_on: signed + Duration::days(rng.range(0, 60)),
                        category: *category,
                        amount: Money(yuan * 100),
                        note: Some(note.to_string()),
                    }
                    .insert(&tx, &mut journal, today)?;
                    summary.costs += 1;
                }
            }
        }
    }
    this_year(&tx, &mut journal, &orgs, &transformable, seed, today, &mut summary)?;
    tx.commit()?;
    summary.distributions = distribute(store, actor)?;
    summary.publicities = deals::add(store, actor)?;
    super::prosecution::add(store, actor)?;
    Ok(summary)
}

/// Technical contracts signed this year up to today, with money received, so that the start
/// screen's "this year" is not empty whatever the day. A stream of its own keeps the rest of the
/// portfolio the same for a seed.
fn this_year(
    tx: &rusqlite::Connection,
    journal: &mut Journal<'_>,
    orgs: &[String],
    transformable: &[&(String, usize, K)],
    seed: u64,
    today: NaiveDate,
    summary: &mut DemoSummary,
) -> Result<()> {
    let mut rng = Rng(seed ^ 0x7468_6973_5945_4152);
    let first = NaiveDate::from_ymd_opt(today.year(), 1, 6).unwrap_or(today);
    let last = today - Duration::days(12);
    if last <= first {
        return Ok(());
    }
    let kinds = [C::Development, C::Service, C::Consulting];
    for n in 0..10 {
        let kind = kinds[n % kinds.len()];
        let signed = rng.date(first, last);
        let yuan = rng.range(5, 80) * 10_000;
        let contract_no = format!("HT{}-{:03}", today.year(), 201 + n);
        let topic = rng.pick(TECHNIQUES[n % TECHNIQUES.len()]);
        // A well-kept office links each contract to the achievement it builds on, so that the
        // start screen's income by department shows the departments. The achievement is the first
        // of the contract's department (its topic's), chosen without drawing from the stream, so
        // that the figures of a seed stay what they were.
        let department = n % TECHNIQUES.len();
        let achievements: Vec<Weighted> = transformable
            .iter()
            .find(|a| a.1 == department)
            .map(|a| vec![Weighted { achievement_no: a.0.clone(), weight_bp: 10_000 }])
            .unwrap_or_default();
        Contract {
            contract_no: contract_no.clone(),
            title: match kind {
                C::Development => format!("{topic}技术开发合同"),
                C::Service => format!("{topic}技术服务合同"),
                _ => format!("{topic}技术咨询合同"),
            },
            kind,
            license_kind: None,
            counterparty: orgs[(n * 11 + 5) % orgs.len()].clone(),
            amount: Money(yuan * 100),
            signed_on: signed,
            achievements,
            registration_no: rng.chance(75).then(|| format!("{}51010{:06}", today.year(), rng.range(1, 999_999))),
            equity_units: None,
        }
        .insert(tx, journal, today)?;
        summary.contracts += 1;
        // The first half on signing (when that is already past), the rest later or still owed.
        let received = signed + Duration::days(rng.range(5, 30));
        if received < today {
            Receipt {
                contract_no,
                received_on: received,
                amount: Money(yuan * 50),
                voucher_no: Some(format!("PZ{}{:05}", received.year(), summary.receipts + 1)),
            }
            .insert(tx, journal, today)?;
            summary.receipts += 1;
        }
    }
    Ok(())
}

/// Reward distributions through the real workflow: contracts of 2023–2024 paid, those of 2025
/// left at each step (and some not started), so that every screen has something to show.
fn distribute(store: &mut Store, actor: &Actor) -> Result<u32> {
    use crate::rewards::distribution::{self, Approval};
    let contracts: Vec<(String, NaiveDate)> = store
        .conn()
        .prepare("SELECT contract_no, signed_on FROM contract WHERE kind IN ('transfer', 'license', 'equity') ORDER BY contract_no")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut count = 0;
    // The steps 2025 contracts stop at, in turn (0: not started).
    const ROTATION: [usize; 5] = [1, 2, 3, 0, 4];
    let mut turn = 0;
    for (contract_no, signed) in &contracts {
        let proposal = distribution::propose(store, contract_no, actor.at.date(), &[])?;
        let last_income = proposal.plan.receipts.last().map_or(*signed, |r| r.received_on);
        let through = last_income + Duration::days(10);
        let last_step = if signed.year() < 2025 { 4 } else { ROTATION[turn % ROTATION.len()] };
        if last_step == 0 || through > actor.at.date() {
            turn += usize::from(last_step == 0);
            continue;
        }
        let Some(d) = unless_refused(distribution::create(store, actor, contract_no, through, &[]))? else { continue };
        turn += usize::from(signed.year() >= 2025);
        count += 1;
        let id = d.id;
        let waive = d
            .proposal
            .plan
            .findings
            .iter()
            .filter(|f| f.code == "principal_leader_equity_blocked")
            .filter_map(|f| f.employee_id.clone())
            .collect();
        let decided = through + Duration::days(5);
        let approval = Approval {
            decision_on: decided,
            minutes_file: None,
            override_reason: Some("经学校科技成果转化工作领导小组集体决策同意（演示数据）".into()),
            waive,
        };
        if last_step < 2 || unless_refused(distribution::approve(store, actor, id, &approval))?.is_none() {
            continue;
        }
        let posted = decided + Duration::days(2);
        if last_step < 3 {
            continue;
        }
        let Some(publicized) = unless_refused(distribution::publicize(store, actor, id, posted, None))? else { continue };
        if let (4, Some(ends)) = (last_step, publicized.publicity_ends_on) {
            unless_refused(distribution::pay(store, actor, id, ends + Duration::days(3)))?;
        }
    }
    Ok(count)
}
