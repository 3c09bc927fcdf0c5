//! The start screen over the clean fixture portfolio, every figure computed by hand from
//! tests/fixtures/good.

use crate::common::good_store;
use chrono::NaiveDate;
use transferdesk_core::model::{AchievementKind, AchievementStatus, ContractKind};
use transferdesk_core::money::Money;
use transferdesk_core::reporting::dashboard::{overview, DeadlineKind, DepartmentIncome, KindMonth, PortfolioCell};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

#[test]
fn this_year_income_and_portfolio_add_up_by_hand() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store(&dir);
    let board = overview(&store, day(2025, 9, 30)).expect("dashboard");

    // Four contracts signed in 2025: 500,000.00 + 1,200,000 + 3,000,000 + 88,000.50.
    assert_eq!(board.this_year.contracts, 4);
    assert_eq!(board.this_year.contract_fen, Money(478_800_050));
    // Received: 500,000 + 600,000.00 + 44,000.25.
    assert_eq!(board.this_year.received_fen, Money(114_400_025));
    assert_eq!(board.this_year.rewards_paid_fen, Money(0));
    assert_eq!(
        (board.last_year_to_date.year, board.last_year_to_date.through, board.last_year_to_date.contracts),
        (2024, day(2024, 9, 30), 0)
    );

    let mut by_kind = board.income_by_kind_month.clone();
    by_kind.sort_by_key(|k| k.month);
    assert_eq!(
        by_kind,
        vec![
            KindMonth { kind: ContractKind::License, month: 3, amount_fen: Money(50_000_000) },
            KindMonth { kind: ContractKind::Transfer, month: 5, amount_fen: Money(60_000_000) },
            KindMonth { kind: ContractKind::Development, month: 8, amount_fen: Money(4_400_025) },
        ]
    );
    // HT2025-001 all to CG001 (计算机学院); HT2025-002's 600,000 split 60/40 between CG001 and
    // CG002 (材料); HT2025-004 names no achievement.
    assert_eq!(
        board.income_by_department,
        vec![
            DepartmentIncome { department: Some("计算机学院".into()), amount_fen: Money(86_000_000) },
            DepartmentIncome { department: Some("材料科学与工程学院".into()), amount_fen: Money(24_000_000) },
            DepartmentIncome { department: None, amount_fen: Money(4_400_025) },
        ]
    );
    let mut cells = board.portfolio.clone();
    cells.sort_by_key(|c| (format!("{:?}", c.kind), format!("{:?}", c.status)));
    assert_eq!(
        cells,
        vec![
            PortfolioCell { kind: AchievementKind::InventionPatent, status: AchievementStatus::InForce, count: 2 },
            PortfolioCell { kind: AchievementKind::SoftwareCopyright, status: AchievementStatus::InForce, count: 1 },
            PortfolioCell { kind: AchievementKind::UtilityModel, status: AchievementStatus::Pending, count: 1 },
        ]
    );
    // The 2024 report was due on 31 March 2025: 183 days late, not filed.
    assert_eq!((board.report.year, board.report.due_on, board.report.days_left, board.report.filed), (2024, day(2025, 3, 31), -183, false));
    // CG001's next fee (year 4) falls due on 2026-03-16 (03-15 is a Sunday), beyond 90 days; CG002 is long lapsed.
    assert!(board.deadlines.is_empty(), "{:?}", board.deadlines);
}

#[test]
fn a_fee_enters_the_90_day_list_then_the_30_day_one() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store(&dir);
    // CG001, filed 2023-03-15, paid through year 3: year 4 is due by law on 2026-03-15, a
    // Sunday, so on Monday 03-16. Invention year 4 is 1,200.00, 85% off under 费减 (granted
    // 2025, single owner): 180.00.
    let board = overview(&store, day(2026, 1, 10)).expect("dashboard");
    let kinds: Vec<(DeadlineKind, u32)> = board.deadlines.iter().map(|d| (d.kind, d.count)).collect();
    assert_eq!(kinds, vec![(DeadlineKind::FeesDue90, 1)]);
    let item = &board.deadlines[0].items[0];
    assert_eq!(
        (item.label.as_str(), item.on, item.amount_fen),
        ("CG001 一种基于深度学习的图像识别方法", Some(day(2026, 3, 16)), Some(Money(18_000)))
    );
    assert_eq!(board.deadlines[0].amount_fen, Some(Money(18_000)));

    let board = overview(&store, day(2026, 2, 20)).expect("dashboard");
    let kinds: Vec<(DeadlineKind, u32)> = board.deadlines.iter().map(|d| (d.kind, d.count)).collect();
    assert_eq!(kinds, vec![(DeadlineKind::FeesDue30, 1), (DeadlineKind::FeesDue60, 1), (DeadlineKind::FeesDue90, 1)]);
    // Last year as a whole is 2025's four contracts.
    assert_eq!((board.last_year.year, board.last_year.contracts), (2025, 4));
}
