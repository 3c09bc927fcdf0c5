//! The TypeScript declarations of every type the desktop app sends over IPC, generated from
//! these Rust types so that the UI can never drift from them (`ui/src/api/types.gen.ts`).

use ts_rs::{Config, TS};

macro_rules! declarations {
    ($cfg:expr; $($ty:ty),+ $(,)?) => {
        vec![$(format!("export {}", <$ty as TS>::decl($cfg))),+]
    };
}

/// The content of `ui/src/api/types.gen.ts`.
pub fn typescript() -> String {
    // i64 over IPC is a JSON number: fen and ids stay far below 2^53.
    let cfg = &Config::new().with_large_int("number");
    let decls = declarations!(cfg;
        crate::money::Money,
        crate::model::Category,
        crate::model::LeaderLevel,
        crate::model::Ownership,
        crate::model::Size,
        crate::model::AchievementKind,
        crate::model::AchievementStatus,
        crate::model::ContractKind,
        crate::model::LicenseKind,
        crate::model::CostCategory,
        crate::model::Table,
        crate::institution::Institution,
        crate::portfolio::SortKey,
        crate::portfolio::AchievementQuery,
        crate::portfolio::AchievementSummary,
        crate::portfolio::AchievementRow,
        crate::portfolio::AchievementPage,
        crate::portfolio::InventorLine,
        crate::portfolio::LinkedContract,
        crate::portfolio::AchievementDetail,
        crate::portfolio::PortfolioFilters,
        crate::import::ImportSummary,
        crate::import::problem::ProblemReport,
        crate::error::ErrorReport,
        crate::store::audit::VerifyReport,
        crate::model::DistributionState,
        crate::reward::ReceiptLine,
        crate::reward::Allocation,
        crate::reward::Severity,
        crate::reward::Finding,
        crate::reward::Plan,
        crate::distribution::LinkedAchievement,
        crate::distribution::Proposal,
        crate::distribution::Distribution,
        crate::distribution::Approval,
        crate::distribution::DistributionQuery,
        crate::distribution::DistributionRow,
        crate::distribution::DistributionPage,
        crate::distribution::ContractChoice,
        crate::distribution::StaffChoice,
        crate::policy::Tier,
        crate::policy::Policy,
        crate::calendar::DayKind,
        crate::calendar::Holiday,
        crate::annual::Flow,
        crate::annual::Deals,
        crate::annual::Granted,
        crate::annual::Achievements,
        crate::annual::ByOwnership,
        crate::annual::ByRegion,
        crate::annual::Transformation,
        crate::annual::Technical,
        crate::annual::Rewards,
        crate::annual::Income,
        crate::annual::Organization,
        crate::annual::Indicators,
        crate::annual::RecordLine,
        crate::check::RecordRef,
        crate::check::CheckFinding,
        crate::report_year::Case,
        crate::report_year::ReportYear,
        crate::report_year::Change,
        crate::report_year::AnnualReport,
    );
    let mut out = String::from("// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test -p transferdesk-core bindings`.\n// Do not edit: a test fails when this file is stale.\n\n");
    for d in decls {
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.trim_end().to_string() + "\n"
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_are_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/types.gen.ts");
        let fresh = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create ui/src/api");
            std::fs::write(&path, &fresh).expect("write bindings");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(committed == fresh, "ui/src/api/types.gen.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p transferdesk-core bindings`");
    }
}
