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
        crate::institution::Profile,
        crate::model::InstitutionKind,
        crate::dashboard::DeadlineKind,
        crate::dashboard::DeadlineItem,
        crate::dashboard::Deadline,
        crate::dashboard::ReportDue,
        crate::dashboard::YearFigures,
        crate::dashboard::KindMonth,
        crate::dashboard::DepartmentIncome,
        crate::dashboard::PortfolioCell,
        crate::dashboard::Dashboard,
        crate::search::SearchKind,
        crate::search::SearchHit,
        crate::search::SearchGroup,
        crate::search::SearchResults,
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
        crate::backup::Reason,
        crate::backup::BackupFile,
        crate::backup::BackupCheck,
        crate::backup::Restored,
        crate::audit_view::AuditQuery,
        crate::audit_view::AuditEntry,
        crate::audit_view::AuditPage,
        crate::audit_view::TargetPage,
        crate::audit_view::AuditTarget,
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
        crate::organization::Organization,
        crate::organization::OrganizationChoice,
        crate::person::PersonChoice,
        crate::model::Pricing,
        crate::model::InstallmentKind,
        crate::model::ReceiptKind,
        crate::contract::Weighted,
        crate::contract::edit::Installment,
        crate::contract::edit::EquityHolding,
        crate::contract::edit::ContractForm,
        crate::contract::edit::MoneyEntry,
        crate::contract::view::ContractReceipt,
        crate::contract::view::ContractCost,
        crate::contract::view::ContractInstallment,
        crate::contract::view::ContractDistribution,
        crate::contract::view::ContractAchievement,
        crate::contract::view::ContractDetail,
        crate::contract::view::ContractQuery,
        crate::contract::view::ContractRow,
        crate::contract::view::ContractPage,
        crate::contract::view::Receivable,
        crate::publicity::Outcome,
        crate::publicity::Objection,
        crate::publicity::Stage,
        crate::publicity::Publicity,
        crate::publicity::PublicityRow,
        crate::publicity::PublicityQuery,
        crate::publicity::PublicityPage,
        crate::resolution::Resolution,
        crate::resolution::ResolutionQuery,
        crate::resolution::ResolutionPage,
        crate::grant::GrantKind,
        crate::grant::Payer,
        crate::grant::Member,
        crate::grant::Grant,
        crate::grant::GrantQuery,
        crate::grant::GrantPage,
        crate::attachment::Attachment,
        crate::progress::Progress,
        crate::achievement::Inventor,
        crate::register::CoOwner,
        crate::register::AchievementForm,
        crate::register::DisclosureRef,
        crate::register::AchievementExtras,
        crate::model::FundingSource,
        crate::model::DisclosureDecision,
        crate::model::DisclosureStatus,
        crate::disclosure::Disclosure,
        crate::disclosure::Decision,
        crate::disclosure::AchievementRef,
        crate::disclosure::DisclosureDetail,
        crate::disclosure::DisclosureQuery,
        crate::disclosure::DisclosureRow,
        crate::disclosure::DisclosurePage,
        crate::assessment::Criterion,
        crate::assessment::Score,
        crate::assessment::CriterionScore,
        crate::assessment::AssessmentInput,
        crate::assessment::Assessment,
        crate::model::ValuationKind,
        crate::model::ValuationMethod,
        crate::valuation::Valuation,
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
        crate::fee::Reduction,
        crate::fee::FeeStatus,
        crate::fee::FeeLine,
        crate::fee::FeeQuery,
        crate::fee::FeeCounts,
        crate::fee::FeePage,
        crate::fee::FeeQuote,
        crate::fee::FeePayment,
        crate::fee::AmountWarning,
        crate::fee::FeePaid,
        crate::fee::FeeDecisionKind,
        crate::fee::FeeDecisionInput,
        crate::fee::FeeDecision,
        crate::fee::Lapse,
        crate::fee::YearStatus,
        crate::fee::PaymentLine,
        crate::fee::ScheduleYear,
        crate::fee::FeeSchedule,
        // people and organizations screens
        crate::merge::MergeEntity,
        crate::merge::MergeKind,
        crate::merge::MovedRow,
        crate::merge::MergeRecord,
        crate::people::PersonSort,
        crate::people::PersonQuery,
        crate::people::PersonRow,
        crate::people::PersonPage,
        crate::people::PersonAchievement,
        crate::people::PersonDisclosure,
        crate::people::PersonContract,
        crate::people::PersonDistributionLine,
        crate::people::PersonGrant,
        crate::people::PersonDetail,
        crate::people::Revealed,
        crate::people::PersonEdit,
        crate::people::DuplicateReason,
        crate::people::PersonDuplicate,
        crate::organizations::OrganizationSort,
        crate::organizations::OrganizationQuery,
        crate::organizations::OrganizationRow,
        crate::organizations::OrganizationPage,
        crate::organizations::OrganizationContract,
        crate::organizations::CoOwnedAchievement,
        crate::organizations::OrganizationPublicity,
        crate::organizations::OrganizationDetail,
        crate::organizations::OrganizationEdit,
        crate::organizations::OrganizationDuplicateReason,
        crate::organizations::OrganizationDuplicate,
        // import wizard
        crate::import::mapping::Conversion,
        crate::import::mapping::FieldSource,
        crate::import::mapping::Mapping,
        crate::import::mapping::SourceSheet,
        crate::import::mapping::PreviewLine,
        crate::import::mapping::SourceProblem,
        crate::import::mapping::Preview,
    );
    let mut out = String::from("// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test -p transferdesk-core bindings`.\n// Do not edit: a test fails when this file is stale.\n\n");
    for d in decls {
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.push_str(&template_columns());
    out.trim_end().to_string() + "\n"
}

/// The standard templates' columns as a TypeScript constant, for the import wizard.
fn template_columns() -> String {
    let mut out = String::from(
        "/** The standard templates' columns (core/src/template.rs), in the template's order. */\n\
         export const TEMPLATE_COLUMNS: Record<Table, { key: string; header: string; required: boolean }[]> = {\n",
    );
    for &table in crate::model::Table::ALL {
        out.push_str(&format!("  {}: [\n", table.key()));
        for c in crate::template::columns(table) {
            out.push_str(&format!("    {{ key: '{}', header: '{}', required: {} }},\n", c.key, c.header, c.required));
        }
        out.push_str("  ],\n");
    }
    out + "}\n"
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
