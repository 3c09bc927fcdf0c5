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
        crate::access::Role,
        crate::access::account::Account,
        crate::access::account::AccountInput,
        crate::access::log::AccessEntry,
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
        crate::store::institution::Institution,
        crate::store::institution::Profile,
        crate::model::InstitutionKind,
        crate::reporting::dashboard::DeadlineKind,
        crate::reporting::dashboard::DeadlineItem,
        crate::reporting::dashboard::Deadline,
        crate::reporting::dashboard::ReportDue,
        crate::reporting::dashboard::YearFigures,
        crate::reporting::dashboard::KindMonth,
        crate::reporting::dashboard::DepartmentIncome,
        crate::reporting::dashboard::PortfolioCell,
        crate::reporting::dashboard::Dashboard,
        crate::store::search::SearchKind,
        crate::store::search::SearchHit,
        crate::store::search::SearchGroup,
        crate::store::search::SearchResults,
        crate::portfolio::ledger::SortKey,
        crate::portfolio::ledger::AchievementQuery,
        crate::portfolio::ledger::AchievementSummary,
        crate::portfolio::ledger::AchievementRow,
        crate::portfolio::ledger::AchievementPage,
        crate::portfolio::ledger::InventorLine,
        crate::portfolio::ledger::LinkedContract,
        crate::portfolio::ledger::AchievementDetail,
        crate::portfolio::ledger::PortfolioFilters,
        crate::import::ImportSummary,
        crate::problem::ProblemReport,
        crate::error::ErrorReport,
        crate::store::audit::VerifyFinding,
        crate::store::audit::WitnessCheck,
        crate::store::audit::VerifyReport,
        crate::store::backup::Reason,
        crate::store::backup::BackupFile,
        crate::store::backup::BackupCheck,
        crate::store::backup::Restored,
        crate::store::audit_view::AuditQuery,
        crate::store::audit_view::AuditEntry,
        crate::store::audit_view::AuditPage,
        crate::store::audit_view::TargetPage,
        crate::store::audit_view::AuditTarget,
        crate::model::DistributionState,
        crate::rewards::plan::ReceiptLine,
        crate::rewards::plan::Allocation,
        crate::rewards::plan::Severity,
        crate::rewards::plan::Finding,
        crate::rewards::plan::Plan,
        crate::rewards::plan::AgreedAmount,
        crate::rewards::plan::Fraction,
        crate::rewards::plan::RecipientLine,
        crate::rewards::distribution::LinkedAchievement,
        crate::rewards::distribution::Proposal,
        crate::rewards::distribution::Distribution,
        crate::rewards::distribution::Approval,
        crate::rewards::distribution::DistributionQuery,
        crate::rewards::distribution::DistributionRow,
        crate::rewards::distribution::DistributionPage,
        crate::rewards::distribution::ContractChoice,
        crate::rewards::distribution::StaffChoice,
        crate::rewards::policy::Tier,
        crate::rewards::policy::Recipient,
        crate::rewards::policy::Policy,
        crate::calendar::DayKind,
        crate::calendar::Holiday,
        crate::calendar::HolidayList,
        crate::calendar::YearVersion,
        crate::people::organization::Organization,
        crate::people::organization::OrganizationChoice,
        crate::people::organization::IndustrySection,
        crate::people::person::PersonChoice,
        crate::model::Pricing,
        crate::model::InstallmentKind,
        crate::model::ReceiptKind,
        crate::deals::contract::Weighted,
        crate::deals::contract::Installment,
        crate::deals::contract::EquityHolding,
        crate::deals::contract::ContractForm,
        crate::deals::contract::edit::MoneyEntry,
        crate::deals::contract::view::ContractReceipt,
        crate::deals::contract::view::ContractCost,
        crate::deals::contract::view::ContractInstallment,
        crate::deals::contract::view::ContractDistribution,
        crate::deals::contract::view::ContractAchievement,
        crate::deals::contract::view::ContractDetail,
        crate::deals::contract::view::ContractQuery,
        crate::deals::contract::view::ContractRow,
        crate::deals::contract::view::ContractPage,
        crate::deals::contract::view::Receivable,
        crate::deals::publicity::Outcome,
        crate::deals::publicity::Objection,
        crate::deals::publicity::Stage,
        crate::deals::publicity::Publicity,
        crate::deals::publicity::PublicityRow,
        crate::deals::publicity::PublicityQuery,
        crate::deals::publicity::PublicityPage,
        crate::deals::resolution::Resolution,
        crate::deals::resolution::ResolutionQuery,
        crate::deals::resolution::ResolutionPage,
        crate::deals::grant::GrantKind,
        crate::deals::grant::Payer,
        crate::deals::grant::Member,
        crate::deals::grant::Grant,
        crate::deals::grant::GrantQuery,
        crate::deals::grant::GrantPage,
        crate::portfolio::attachment::Attachment,
        crate::progress::Progress,
        crate::portfolio::achievement::Inventor,
        crate::portfolio::register::CoOwner,
        crate::portfolio::register::AchievementForm,
        crate::portfolio::register::DisclosureRef,
        crate::portfolio::register::AchievementExtras,
        crate::model::FundingSource,
        crate::model::FundingLevel,
        crate::model::PlatformKind,
        crate::model::PlatformMode,
        crate::model::OutsideWorkKind,
        crate::people::platform::Platform,
        crate::people::outside_work::OutsideWork,
        crate::portfolio::project::Project,
        crate::portfolio::project::AchievementFunding,
        crate::model::DisclosureDecision,
        crate::model::DisclosureStatus,
        crate::portfolio::disclosure::Disclosure,
        crate::portfolio::disclosure::Decision,
        crate::portfolio::disclosure::AchievementRef,
        crate::portfolio::disclosure::DisclosureDetail,
        crate::portfolio::disclosure::DisclosureQuery,
        crate::portfolio::disclosure::DisclosureRow,
        crate::portfolio::disclosure::DisclosurePage,
        crate::portfolio::assessment::Criterion,
        crate::portfolio::assessment::CriteriaSheet,
        crate::portfolio::assessment::Score,
        crate::portfolio::assessment::CriterionScore,
        crate::portfolio::assessment::AssessmentInput,
        crate::portfolio::assessment::Assessment,
        crate::model::ValuationKind,
        crate::model::ValuationMethod,
        crate::deals::valuation::Valuation,
        crate::reporting::annual::Flow,
        crate::reporting::annual::Deals,
        crate::reporting::annual::Granted,
        crate::reporting::annual::ByFundingLevel,
        crate::reporting::annual::Projects,
        crate::reporting::annual::Achievements,
        crate::reporting::annual::Bands,
        crate::reporting::annual::Platforms,
        crate::reporting::annual::ByOwnership,
        crate::reporting::annual::ByRegion,
        crate::reporting::annual::Transformation,
        crate::reporting::annual::Technical,
        crate::reporting::annual::Rewards,
        crate::reporting::annual::RecipientIncome,
        crate::reporting::annual::Income,
        crate::reporting::annual::Organization,
        crate::reporting::annual::Indicators,
        crate::reporting::annual::RecordLine,
        crate::reporting::check::RecordRef,
        crate::reporting::check::CheckFinding,
        crate::reporting::report_year::Case,
        crate::reporting::report_year::ReportYear,
        crate::reporting::report_year::Change,
        crate::reporting::filing::AnnualReport,
        crate::fees::rule::Reduction,
        crate::fees::rule::FeeStatus,
        crate::fees::docket::FeeLine,
        crate::fees::docket::FeeQuery,
        crate::fees::docket::FeeCounts,
        crate::fees::docket::FeePage,
        crate::fees::docket::FeeQuote,
        crate::fees::docket::FeePayment,
        crate::fees::docket::AmountWarning,
        crate::fees::docket::FeePaid,
        crate::fees::docket::FeeDecisionKind,
        crate::fees::docket::FeeDecisionInput,
        crate::fees::docket::FeeDecision,
        crate::fees::docket::Lapse,
        crate::fees::docket::YearStatus,
        crate::fees::docket::PaymentLine,
        crate::fees::docket::ScheduleYear,
        crate::fees::docket::FeeSchedule,
        // people and organizations screens
        crate::people::merge::MergeEntity,
        crate::people::merge::MergeKind,
        crate::people::merge::MovedRow,
        crate::people::merge::MergeRecord,
        crate::people::person_page::PersonSort,
        crate::people::person_page::PersonQuery,
        crate::people::person_page::PersonRow,
        crate::people::person_page::PersonPage,
        crate::people::person_page::PersonAchievement,
        crate::people::person_page::PersonDisclosure,
        crate::people::person_page::PersonContract,
        crate::people::person_page::PersonDistributionLine,
        crate::people::person_page::PersonGrant,
        crate::people::person_page::PersonDetail,
        crate::people::person_page::Revealed,
        crate::people::person_page::PersonEdit,
        crate::people::person_page::DuplicateReason,
        crate::people::person_page::PersonDuplicate,
        crate::people::organization_page::OrganizationSort,
        crate::people::organization_page::OrganizationQuery,
        crate::people::organization_page::OrganizationRow,
        crate::people::organization_page::OrganizationPage,
        crate::people::organization_page::OrganizationContract,
        crate::people::organization_page::CoOwnedAchievement,
        crate::people::organization_page::OrganizationPublicity,
        crate::people::organization_page::OrganizationDetail,
        crate::people::organization_page::OrganizationEdit,
        crate::people::organization_page::OrganizationDuplicateReason,
        crate::people::organization_page::OrganizationDuplicate,
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
        "/** The standard templates' columns (core/src/template/column.rs), in the template's order. */\n\
         export const TEMPLATE_COLUMNS: Record<Table, { key: string; header: string; required: boolean }[]> = {\n",
    );
    for &table in crate::model::Table::ALL {
        out.push_str(&format!("  {}: [\n", table.key()));
        for c in crate::template::column::columns(table) {
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
