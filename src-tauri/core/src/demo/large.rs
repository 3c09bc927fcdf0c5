//! The large demo portfolio (docs/quality.md "The large demo portfolio"): 50,000 achievements,
//! 15,000 people in 30 departments, ~140,000 inventor links, 2,000 organizations, 30,000 contracts
//! over ten years with ~90,000 receipts and 15,000 costs, the patents' recent annual-fee payments,
//! 2,000 paid distributions and a few agreed-price deals with their collective decision and
//! publicity.
//!
//! It is written for speed without giving up the rules: the records go through the same
//! `Record::insert` as an import (the same checks, cached statements, one audit entry each) in a
//! single transaction, the distributions and publicities through the real workflow. Every
//! change is audited, so `verify` walks a full hash chain (~300,000 entries).

use super::outcome::{unless_refused, DemoSummary};
use super::random::{application_no, id_number, shares, Rng, GIVEN, OBJECTS, SURNAMES, TECHNIQUES};
use crate::deals::contract::{Contract, Weighted};
use crate::deals::cost::Cost;
use crate::deals::receipt::Receipt;
use crate::error::Result;
use crate::fees::rule;
use crate::fees::rule::Owners;
use crate::model::{
    AchievementKind as K, AchievementStatus as S, Category, ContractKind as C, CostCategory, LeaderLevel, LicenseKind, Ownership, Size,
};
use crate::money::Money;
use crate::people::organization::Organization;
use crate::people::person::Person;
use crate::portfolio::achievement::{patent_year, Achievement, Inventor};
use crate::store::audit::{Action, Journal};
use crate::store::{Actor, Store};
use crate::template::row::Record;
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::params;
use std::collections::HashSet;

/// The 29 schools; the 30th department is the transfer office (技术转移中心).
const DEPARTMENTS: &[&str] = &[
    "计算机学院",
    "机械工程学院",
    "材料科学与工程学院",
    "化学化工学院",
    "电气工程学院",
    "生命科学学院",
    "软件学院",
    "智能制造学院",
    "冶金与材料学院",
    "环境科学与工程学院",
    "能源与动力工程学院",
    "农学院",
    "信息与通信工程学院",
    "自动化学院",
    "航空航天学院",
    "新能源学院",
    "轻工与纺织学院",
    "药学院",
    "光电工程学院",
    "网络空间安全学院",
    "机电工程学院",
    "先进材料研究院",
    "资源与环境学院",
    "食品科学学院",
    "储能科学与工程学院",
    "生物医学工程学院",
    "人工智能学院",
    "仪器科学与工程学院",
    "化学学院",
];
/// Qualifiers that make titles as varied as a real register's.
const QUALIFIERS: &[&str] = &["", "高效", "低成本", "多模态", "自适应", "高精度", "轻量化", "绿色", "智能", "可重构", "长寿命", "分布式"];
const GIVEN_CHARS: &[&str] = &[
    "伟", "芳", "敏", "静", "磊", "洋", "勇", "军", "杰", "涛", "明", "超", "华", "慧", "强", "东", "燕", "博", "涵", "桐", "远", "鸣",
    "怡", "然", "宇", "航", "晨", "昊", "琳", "雪", "峰", "斌", "婷", "鹏", "欣", "佳", "俊", "凯", "丽", "平", "刚", "霞", "阳", "辉",
    "建", "志", "晓", "海", "文", "子", "雨", "思", "一", "嘉", "浩", "梓", "诗", "若", "泽", "瑞",
];
const ORG_PREFIX: &[&str] = &[
    "蜀新",
    "天府",
    "锦江",
    "华西",
    "长江",
    "东方",
    "博远",
    "中科",
    "智联",
    "恒泰",
    "瑞丰",
    "宏达",
    "汇川",
    "星河",
    "远景",
    "金石",
    "同创",
    "海川",
    "安信",
    "万里",
    "龙腾",
    "新希望",
    "泰和",
    "鼎盛",
    "宏图",
    "启明",
    "卓越",
    "华信",
    "众诚",
    "永安",
    "晨光",
    "盛世",
    "九洲",
    "振华",
    "明德",
    "嘉禾",
    "方正",
    "中天",
    "德阳",
    "川能",
];
const ORG_FIELD: &[&str] = &["科技", "智能装备", "新材料", "生物医药", "电气", "化工", "信息技术", "精密机械", "新能源", "环保科技"];
const CITIES: &[(&str, &str)] = &[
    ("四川省", "成都"),
    ("四川省", "绵阳"),
    ("四川省", "德阳"),
    ("四川省", "宜宾"),
    ("四川省", "乐山"),
    ("四川省", "自贡"),
    ("重庆市", "重庆"),
    ("北京市", "北京"),
    ("上海市", "上海"),
    ("广东省", "深圳"),
    ("浙江省", "杭州"),
    ("江苏省", "苏州"),
    ("陕西省", "西安"),
];
const CREDIT_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Achievement kinds and counts of docs/quality.md "The large demo portfolio" (the 3,000 others
/// split over the minor kinds).
const KINDS: &[(K, u32)] = &[
    (K::InventionPatent, 25_000),
    (K::UtilityModel, 10_000),
    (K::DesignPatent, 2_000),
    (K::SoftwareCopyright, 10_000),
    (K::IcLayout, 500),
    (K::PlantVariety, 500),
    (K::KnowHow, 1_000),
    (K::Other, 1_000),
];
const PEOPLE: u32 = 15_000;
const ORGANIZATIONS: usize = 2_000;
const CONTRACTS: u32 = 30_000;
const PAID_DISTRIBUTIONS: u32 = 2_000;
/// Agreed-price deals of the last year that get a collective decision and a publicity.
const PUBLICIZED_DEALS: usize = 12;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn given_name(rng: &mut Rng) -> String {
    if rng.chance(30) {
        rng.pick(GIVEN).to_string()
    } else if rng.chance(50) {
        rng.pick(GIVEN_CHARS).to_string()
    } else {
        format!("{}{}", rng.pick(GIVEN_CHARS), rng.pick(GIVEN_CHARS))
    }
}

/// A credit code unique by construction: the organization's index in base 31, then random.
fn credit_code(rng: &mut Rng, index: usize) -> String {
    let mut body = String::from("91510100");
    let mut n = index;
    for _ in 0..3 {
        body.push(CREDIT_CHARS[n % 31] as char);
        n /= 31;
    }
    for _ in 0..6 {
        body.push(CREDIT_CHARS[rng.below(31) as usize] as char);
    }
    let check = crate::ident::credit_code_check(&body).unwrap_or('0');
    format!("{body}{check}")
}

/// Team sizes 1–5 weighted so that 50,000 achievements have ~140,000 inventor links.
fn team_size(rng: &mut Rng) -> usize {
    match rng.below(100) {
        0..=14 => 1,
        15..=39 => 2,
        40..=71 => 3,
        72..=91 => 4,
        _ => 5,
    }
}

struct Made {
    no: String,
    department: usize,
    kind: K,
    filed: NaiveDate,
    in_force: bool,
}

pub(super) fn fill(store: &mut Store, seed: u64, actor: &Actor) -> Result<DemoSummary> {
    let mut rng = Rng(seed ^ 0x4C41_5247_4544_454D);
    let today = actor.at.date();
    let mut summary = DemoSummary::default();
    let tx = store.write()?;
    // The search index is built once at the end, not record by record.
    crate::store::search::pause(&tx)?;
    let mut journal = Journal::start(&tx, actor)?;

    // People: 500 per school plus the transfer office's 20; leaders by position in the school.
    let per_school = (PEOPLE - 20) / DEPARTMENTS.len() as u32;
    let mut people: Vec<Vec<String>> = vec![Vec::new(); DEPARTMENTS.len()];
    for n in 1..=PEOPLE {
        let index = n - 1;
        let school = (index / per_school.max(1)) as usize;
        let staff = school >= DEPARTMENTS.len();
        let k = index % per_school.max(1);
        let leader_level = match (n, k) {
            (1, _) => LeaderLevel::UnitPrincipal,
            (_, 1) if school < 4 => LeaderLevel::UnitDeputy,
            (_, 0..=2) if !staff => LeaderLevel::Middle,
            _ => LeaderLevel::None,
        };
        let birth = rng.date(day(1960, 1, 1), day(1998, 12, 31));
        let employee_id = format!("T{n:05}");
        let p = Person {
            employee_id: employee_id.clone(),
            name: format!("{}{}", rng.pick(SURNAMES), given_name(&mut rng)),
            department: if staff { "技术转移中心".into() } else { DEPARTMENTS[school].to_string() },
            category: if staff { Category::TransferStaff } else { Category::Researcher },
            leader_level,
            id_number: Some(id_number(&mut rng, birth)),
            outside_work: Vec::new(),
        };
        p.insert(&tx, &mut journal, today)?;
        if !staff {
            people[school].push(employee_id);
        }
        summary.people += 1;
    }

    // Organizations: companies mostly, some universities and institutes, a few foreign.
    let mut orgs: Vec<String> = Vec::with_capacity(ORGANIZATIONS);
    let mut names: HashSet<String> = HashSet::new();
    for i in 0..ORGANIZATIONS {
        let foreign = i % 100 == 7;
        let (region, city) = if foreign { ("境外", "") } else { *rng.pick(CITIES) };
        let ownership = match i % 20 {
            _ if foreign => Ownership::Foreign,
            0..=2 => Ownership::StateOwned,
            3 => Ownership::University,
            4 => Ownership::Institute,
            _ => Ownership::Private,
        };
        let base = match ownership {
            Ownership::Foreign => format!(
                "{} {} Co., Ltd.",
                ["Alpen", "Pacific", "Nordic", "Rhein", "Sakura"][i % 5],
                ["Photonics", "Präzision", "Materials", "Robotics"][i % 4]
            ),
            Ownership::University => format!("{city}{}大学", ["理工", "农业", "师范", "交通", "科技", "医科"][i % 6]),
            Ownership::Institute => format!("{city}{}研究院", rng.pick(ORG_FIELD)),
            _ => format!("{city}{}{}有限公司", rng.pick(ORG_PREFIX), rng.pick(ORG_FIELD)),
        };
        // Names are unique in the register: a repeat becomes a branch, as real ones are named.
        let mut name = base.clone();
        let mut branch = 1;
        while names.contains(&name) {
            branch += 1;
            name = format!("{base}（第{branch}分公司）");
        }
        names.insert(name.clone());
        let company = !matches!(ownership, Ownership::University | Ownership::Institute);
        Organization {
            name: name.clone(),
            credit_code: (!foreign).then(|| credit_code(&mut rng, i)),
            ownership,
            size: company.then(|| *rng.pick(&[Size::Large, Size::Medium, Size::Small, Size::Small, Size::Micro])),
            region: region.to_string(),
            // Not from `rng`, so that every later draw stays as it was.
            industry: Some(["C", "I", "M", "C", "D", "I", "Q", "C", "F", "A"][i % 10].to_string()),
        }
        .insert(&tx, &mut journal, today)?;
        orgs.push(name);
        summary.organizations += 1;
    }

    // Achievements over twenty years.
    let first_year = today.year() - 20;
    let last_filing = day(today.year() - 1, 10, 31);
    let mut made: Vec<Made> = Vec::with_capacity(50_000);
    let mut patent_serial = 100_000u32;
    let mut copyright_serial = 100_000u32;
    let mut fee_rows: Vec<(String, NaiveDate, Option<NaiveDate>, i64, K)> = Vec::new();
    for &(kind, count) in KINDS {
        for _ in 0..count {
            let n = made.len() + 1;
            let d = if kind == K::PlantVariety { 11 } else { rng.below(DEPARTMENTS.len() as u64) as usize };
            let g = d % TECHNIQUES.len();
            let filed = rng.date(day(first_year, 1, 1), last_filing);
            let serial = if kind.is_patent() {
                patent_serial += rng.range(1, 200) as u32;
                patent_serial
            } else {
                copyright_serial += rng.range(1, 300) as u32;
                copyright_serial
            };
            let title = match kind {
                K::SoftwareCopyright => format!(
                    "{}{}{}软件V{}.{}",
                    rng.pick(QUALIFIERS),
                    rng.pick(TECHNIQUES[g]),
                    rng.pick(&["管理", "分析", "监测", "仿真", "调度", "可视化"]),
                    rng.range(1, 5),
                    rng.range(0, 9)
                ),
                K::PlantVariety => format!("川{}{}号", rng.pick(&["稻", "麦", "油", "薯", "豆"]), rng.range(101, 9999)),
                K::IcLayout => {
                    format!("{}芯片布图设计", rng.pick(&["低功耗传感", "电源管理", "射频前端", "图像处理", "存算一体", "高速接口"]))
                }
                K::DesignPatent => format!("{}（外观）", rng.pick(OBJECTS[g]).trim_end_matches("方法")),
                _ => format!("一种基于{}{}的{}", rng.pick(QUALIFIERS), rng.pick(TECHNIQUES[g]), rng.pick(OBJECTS[g])),
            };
            let (application_no, filed_on) =
                if kind.is_patent() { (Some(application_no(kind, filed, serial)), Some(filed)) } else { (None, None) };
            let grant_lag = match kind {
                K::InventionPatent => rng.range(500, 1300),
                K::UtilityModel | K::DesignPatent => rng.range(150, 400),
                _ => rng.range(60, 300),
            };
            let granted = filed + Duration::days(grant_lag);
            let is_granted = granted <= today - Duration::days(20)
                && !matches!(kind, K::KnowHow | K::Other)
                && !(kind == K::InventionPatent && rng.chance(10));
            let term = rule::term_years(kind, filed).unwrap_or(20);
            let current = patent_year(filed, today);
            let status = if !is_granted {
                if kind.is_patent() {
                    S::Pending
                } else {
                    S::InForce
                }
            } else if kind.is_patent() && current > term {
                S::Expired
            } else if kind.is_patent() && current > 6 && rng.chance(30) {
                *rng.pick(&[S::Lapsed, S::Abandoned])
            } else {
                S::InForce
            };
            let grant_no = is_granted.then(|| match kind {
                K::SoftwareCopyright => format!("{}SR{:07}", granted.year(), serial % 10_000_000),
                K::PlantVariety => format!("CNA{}{:05}.{}", granted.year(), serial % 100_000, rng.range(1, 9)),
                K::IcLayout => format!("BS.{}{:05}", granted.year() % 100, serial % 100_000),
                _ => format!("ZL{}", application_no.clone().unwrap_or_default()),
            });
            let fees_paid_through = (is_granted && kind.is_patent()).then(|| {
                // Paid up to the running patent year, one in eight a year behind (grace period or
                // past it), lapsed ones one to three years behind: every case of the fee screens.
                let current = current.min(term);
                match status {
                    S::InForce if serial % 8 == 3 => (current - 1).max(1),
                    S::InForce | S::Expired => current,
                    _ => (current - rng.range(1, 3)).max(1),
                }
            });
            let wanted = team_size(&mut rng);
            let mut team: Vec<&String> = Vec::with_capacity(wanted);
            while team.len() < wanted {
                let school = if rng.chance(85) { d } else { rng.below(DEPARTMENTS.len() as u64) as usize };
                let cand = rng.pick(&people[school]);
                if !team.contains(&cand) {
                    team.push(cand);
                }
            }
            let split = shares(&mut rng, team.len());
            let inventors = team
                .iter()
                .zip(&split)
                .enumerate()
                .map(|(i, (p, bp))| Inventor { employee_id: (*p).clone(), share_bp: *bp, key_contributor: i == 0 || *bp >= 3000 })
                .collect();
            let achievement_no = format!("CG{}{:05}", filed.year(), n);
            Achievement {
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
                    .then(|| format!("{}{}{:04}", rng.pick(&["国自然", "国重研", "川科", "省重点"]), filed.year(), rng.range(1, 9999))),
                fees_paid_through,
                inventors,
                co_owners: Vec::new(),
            }
            .insert(&tx, &mut journal, today)?;
            if let Some(through) = fees_paid_through {
                fee_rows.push((achievement_no.clone(), filed, is_granted.then_some(granted), through, kind));
            }
            made.push(Made { no: achievement_no, department: d, kind, filed, in_force: status == S::InForce });
            summary.achievements += 1;
        }
    }
    // The fee history needs the achievements' row ids: one query rather than one per patent.
    let ids: std::collections::HashMap<String, i64> = tx
        .prepare("SELECT achievement_no, id FROM achievement")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    fee_history(&tx, &mut journal, &ids, &fee_rows, today)?;

    // Contracts over ten years: a tenth transfer/license/equity, the rest technical services.
    let transformable: Vec<&Made> = made.iter().filter(|a| a.kind != K::Other && a.in_force).collect();
    let last_year = today.year() - 1;
    let mut voucher = 0u32;
    for i in 0..CONTRACTS {
        let year = last_year - 9 + (i % 10) as i32;
        let signed = rng.date(day(year, 1, 5), day(year, 12, 20));
        let kind = if (i / 10) % 10 == 3 {
            *rng.pick(&[C::Transfer, C::Transfer, C::License, C::License, C::License, C::Equity])
        } else {
            *rng.pick(&[C::Development, C::Development, C::Consulting, C::Service, C::Service])
        };
        let counterparty = rng.pick(&orgs).clone();
        let amount_yuan: i64 = match kind {
            C::Equity => rng.range(20, 200) * 50_000,
            C::Transfer | C::License if rng.chance(20) => rng.range(100, 500) * 10_000,
            C::Transfer | C::License => rng.range(3, 90) * 10_000,
            _ => rng.range(2, 80) * 10_000,
        };
        let amount = Money(amount_yuan * 100);
        let mut linked: Vec<Weighted> = Vec::new();
        if kind.is_transformation() || rng.chance(10) {
            let mut first = *rng.pick(&transformable);
            for _ in 0..20 {
                if first.filed < signed - Duration::days(90) {
                    break;
                }
                first = *rng.pick(&transformable);
            }
            let second = rng
                .chance(25)
                .then(|| {
                    made.iter()
                        .skip(rng.below(1_000) as usize)
                        .find(|a| a.department == first.department && a.no != first.no && a.kind != K::Other)
                })
                .flatten();
            linked = match second {
                Some(s) => vec![
                    Weighted { achievement_no: first.no.clone(), weight_bp: 6000 },
                    Weighted { achievement_no: s.no.clone(), weight_bp: 4000 },
                ],
                None => vec![Weighted { achievement_no: first.no.clone(), weight_bp: 10_000 }],
            };
        } else if let Some(a) = (0..50)
            .filter_map(|k| transformable.get((i as usize * 7919 + k * 104_729) % transformable.len().max(1)))
            .find(|a| a.filed < signed)
        {
            // A well-kept office links a technical contract to the achievement it builds on too, so
            // that income by department shows the departments. Chosen without drawing from the
            // stream: the rest of the portfolio stays as it was for a seed.
            linked = vec![Weighted { achievement_no: a.no.clone(), weight_bp: 10_000 }];
        }
        let contract_no = format!("HT{year}-{:05}", i + 1);
        let g = rng.below(TECHNIQUES.len() as u64) as usize;
        Contract {
            contract_no: contract_no.clone(),
            title: match kind {
                C::Transfer => "专利权转让合同".to_string(),
                C::License => "专利实施许可合同".to_string(),
                C::Equity => "科技成果作价投资协议".to_string(),
                C::Development => format!("{}{}技术开发合同", rng.pick(QUALIFIERS), rng.pick(TECHNIQUES[g])),
                C::Consulting => format!("{}技术咨询合同", rng.pick(TECHNIQUES[g])),
                C::Service => format!("{}{}技术服务合同", rng.pick(TECHNIQUES[g]), rng.pick(&["测试", "检测", "培训", "数据分析"])),
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
        }
        .insert(&tx, &mut journal, today)?;
        summary.contracts += 1;
        if kind == C::Equity {
            continue;
        }
        // One to five instalments a quarter apart, the last possibly still outstanding.
        let instalments = rng.range(1, 5);
        let mut paid = 0i64;
        for k in 0..instalments {
            let received = signed + Duration::days(30 + 90 * k + rng.range(0, 40));
            if received > today - Duration::days(3) || (k == instalments - 1 && instalments > 1 && rng.chance(10)) {
                break;
            }
            let part = if k == instalments - 1 { amount.0 - paid } else { amount.0 / instalments };
            paid += part;
            voucher += 1;
            Receipt {
                contract_no: contract_no.clone(),
                received_on: received,
                amount: Money(part),
                voucher_no: Some(format!("PZ{}{voucher:06}", received.year())),
            }
            .insert(&tx, &mut journal, today)?;
            summary.receipts += 1;
        }
        let costs: &[(CostCategory, i64, &str)] = if kind.is_transformation() {
            &[
                (CostCategory::Appraisal, 8_000, "资产评估费"),
                (CostCategory::Agency, 3_500, "专利代理费"),
                (CostCategory::Taxes, 0, "增值税及附加"),
            ]
        } else if rng.chance(48) {
            &[(CostCategory::Transaction, 1_500, "差旅及测试材料费")]
        } else {
            &[]
        };
        for (category, base, note) in costs {
            if *base == 0 || rng.chance(70) {
                let yuan = if *base == 0 { (amount_yuan * 6 / 100).max(1) } else { base + rng.range(0, 20) * 100 };
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
    crate::store::search::resume(&tx)?;
    tx.commit()?;
    summary.distributions = distribute(store, actor)?;
    summary.publicities = publicize(store, actor)?;
    Ok(summary)
}

/// The last two paid patent years of every patent with fees recorded, paid a few weeks before
/// their due day at the amount the rules asked (费减 for the institution alone, as in the profile).
fn fee_history(
    tx: &rusqlite::Connection,
    journal: &mut Journal<'_>,
    ids: &std::collections::HashMap<String, i64>,
    rows: &[(String, NaiveDate, Option<NaiveDate>, i64, K)],
    today: NaiveDate,
) -> Result<()> {
    let owners = Owners { fee_reduction: true, ..Owners::default() };
    let calendar = crate::calendar::Calendar::load_in(tx)?;
    let off = |day| calendar.is_day_off(day);
    let mut insert = tx.prepare_cached(
        "INSERT INTO fee_payment (achievement_id, patent_year, due_on, paid_on, amount_fen, expected_fen, surcharge_fen, restoration_fen, voucher_no)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (no, filed, granted, through, kind) in rows {
        let Some(&id) = ids.get(no) else { continue };
        let grant_year = granted.map(|g| patent_year(*filed, g));
        for year in (through - 1).max(1)..=*through {
            let Some(fee) = rule::year_fee(*kind, *filed, &owners, grant_year, year, &off) else { continue };
            let paid_on = (fee.due_on - Duration::days(20 + (id % 30))).min(today);
            if grant_year.is_some_and(|g| year < g) {
                continue;
            }
            let c = rule::charge(&fee, paid_on);
            if c.total == Money::ZERO {
                continue;
            }
            let voucher = format!("NF{}{:07}", paid_on.year(), id * 20 + year);
            insert.execute(params![id, year, fee.due_on, paid_on, c.total, c.total, c.surcharge, c.restoration, voucher])?;
            let after = serde_json::json!({"achievement_no": no, "patent_year": year, "due_on": fee.due_on, "paid_on": paid_on, "amount_fen": c.total, "voucher_no": voucher});
            journal.record(tx, Action::Insert, "fee_payment", &format!("{no}/{year}"), None, Some(&after))?;
        }
    }
    Ok(())
}

/// 2,000 paid distributions of transfer and license contracts before last year, through the real
/// workflow (propose, approve, publicize, pay), each over the contract's income to date.
fn distribute(store: &mut Store, actor: &Actor) -> Result<u32> {
    use crate::rewards::distribution::{self, Approval};
    let today = actor.at.date();
    let before = day(today.year() - 1, 1, 1);
    let contracts: Vec<(String, NaiveDate)> = store
        .conn()
        .prepare(
            "SELECT c.contract_no, max(r.received_on) FROM contract c JOIN receipt r ON r.contract_id = c.id
             WHERE c.kind IN ('transfer', 'license') AND c.signed_on < ?1 GROUP BY c.id ORDER BY c.signed_on DESC, c.contract_no",
        )?
        .query_map([crate::date::iso(before)], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut count = 0;
    for (contract_no, last_income) in &contracts {
        if count >= PAID_DISTRIBUTIONS {
            break;
        }
        let through = *last_income + Duration::days(10);
        if through > today - Duration::days(60) {
            continue;
        }
        let Some(d) = unless_refused(distribution::create(store, actor, contract_no, through, &[]))? else { continue };
        let approval = Approval {
            decision_on: through + Duration::days(5),
            minutes_file: None,
            override_reason: Some("经学校科技成果转化工作领导小组集体决策同意（演示数据）".into()),
            waive: Vec::new(),
        };
        if unless_refused(distribution::approve(store, actor, d.id, &approval))?.is_none() {
            continue;
        }
        let Some(publicized) = unless_refused(distribution::publicize(store, actor, d.id, through + Duration::days(7), None))? else {
            continue;
        };
        if let Some(ends) = publicized.publicity_ends_on {
            if unless_refused(distribution::pay(store, actor, d.id, ends + Duration::days(3)))?.is_some() {
                count += 1;
            }
        }
    }
    Ok(count)
}

/// A collective decision and a price publicity before a few agreed-price deals of the last
/// year; the other transformation contracts keep an unrecorded price, as imported history does
/// (the annual check shows them as `contract_without_publicity` warnings).
fn publicize(store: &mut Store, actor: &Actor) -> Result<u32> {
    use crate::deals::contract::view;
    use crate::deals::publicity::{self, Publicity};
    use crate::deals::resolution::{self, Resolution};
    use crate::model::Pricing;
    let today = actor.at.date();
    let ids: Vec<i64> = store
        .conn()
        .prepare(
            "SELECT id FROM contract WHERE kind IN ('transfer', 'license') AND signed_on >= ?1 AND signed_on < ?2
             ORDER BY signed_on, contract_no LIMIT ?3",
        )?
        .query_map(
            params![crate::date::iso(day(today.year() - 1, 3, 1)), crate::date::iso(day(today.year(), 1, 1)), PUBLICIZED_DEALS as i64],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    let mut count = 0;
    for id in ids {
        let detail = view::get(store.conn(), id, today)?;
        let mut form = detail.form.clone();
        let meeting = form.signed_on - Duration::days(40);
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
                posted_on: meeting + Duration::days(3),
                days: 15,
                ends_on: meeting + Duration::days(3),
                channel: "学校官网“通知公告”栏目".into(),
                resolution_id: Some(resolution_id),
                achievements: form.achievements.iter().map(|a| a.achievement_no.clone()).collect(),
                objections: Vec::new(),
                contract_no: None,
            },
        )?;
        form.pricing = Some(Pricing::Agreement);
        form.publicity_id = Some(publicity_id);
        form.resolution_id = Some(resolution_id);
        crate::deals::contract::edit::save(store, actor, &form)?;
        count += 1;
    }
    Ok(count)
}
