//! Deterministic demo portfolios: realistic, valid data for trying the app and for tests, made
//! through the real rules — the templates' record writes and the workflows — so that they are
//! valid by construction. [`create`] picks the small portfolio or the large one of
//! docs/quality.md "The large demo portfolio"; both draw on the same seeded generator and deal
//! evidence.

mod deals;
mod large;
pub mod outcome;
mod prosecution;
mod random;
mod report_records;
mod small;

use crate::error::Result;
use crate::store::institution::Institution;
use crate::store::{Actor, Store};
use outcome::DemoSummary;
use random::{INSTITUTION, PROVINCE};
use std::path::Path;

/// How big a demo portfolio is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// ~300 achievements, 60 people, 50 contracts (10 of them this year): for trying the app.
    Small,
    /// The large portfolio of docs/quality.md "The large demo portfolio" (50,000 achievements,
    /// 30,000 contracts): for benchmarks.
    Large,
}

/// Builds the demo portfolio into a new file at `path`, in one transaction (the profile, the
/// records and every workflow step): a demo killed half-way leaves a file with nothing in it,
/// which the next `demo` takes over ([`Store::create_unwritten`]).
pub fn create(path: &Path, scale: Scale, seed: u64, actor: &Actor) -> Result<DemoSummary> {
    let mut store = Store::create_unwritten(path)?;
    let institution = Institution { name: INSTITUTION.into(), province: PROVINCE.into(), fee_reduction: true };
    let fill = |store: &mut Store| {
        store.all_or_nothing(|store| {
            crate::store::institution::save(store, actor, &institution)?;
            first_day(store, actor)?;
            let summary = match scale {
                Scale::Small => small::fill(store, seed, actor),
                Scale::Large => large::fill(store, seed, actor),
            }?;
            report_records::add(store, actor)?;
            Ok(summary)
        })
    };
    let result = match scale {
        Scale::Small => fill(&mut store),
        Scale::Large => store.bulk(fill),
    };
    if result.is_err() {
        drop(store);
        // A half-made demo is worse than none: remove the new file and its journal.
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
    result
}

/// What an office records on its first day: where objections to a publicity go, and the document
/// its reward policy was issued as (on the version every contract of the demo follows).
fn first_day(store: &mut Store, actor: &Actor) -> Result<()> {
    let mut profile = crate::store::institution::load_profile(store)?;
    profile.contact = crate::store::institution::Contact {
        office: Some("科学技术发展研究院技术转移中心".into()),
        phone: Some("028-8760 1234".into()),
        email: Some("ttc@xcut.edu.cn".into()),
    };
    crate::store::institution::save_profile(store, actor, &profile)?;
    for mut policy in crate::rewards::policy::list(store)? {
        policy.document_title = Some(format!("{INSTITUTION}科技成果转化管理办法"));
        policy.document_no = Some("西川理工校发〔2021〕37号".into());
        crate::rewards::policy::save(store, actor, &policy)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DistributionState;
    use chrono::NaiveDate;

    #[test]
    fn the_demo_has_distributions_at_every_step_and_contracts_left_to_distribute() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("d.db");
        let actor =
            Actor { name: "t".into(), at: NaiveDate::from_ymd_opt(2026, 11, 23).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("time") };
        let summary = create(&path, Scale::Small, 1, &actor).expect("demo");
        let store = Store::open(&path).expect("open");
        let page = crate::rewards::distribution::list(
            &store,
            &crate::rewards::distribution::DistributionQuery { page: 1, page_size: 200, ..Default::default() },
            actor.at.date(),
        )
        .expect("list");
        assert_eq!(page.total, summary.distributions);
        for state in DistributionState::ALL {
            assert!(page.rows.iter().any(|r| r.state == *state), "the demo shows a distribution in state {state:?}");
        }
        let open: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM contract c WHERE c.kind IN ('transfer', 'license') AND EXISTS (SELECT 1 FROM receipt r WHERE r.contract_id = c.id)
                 AND NOT EXISTS (SELECT 1 FROM distribution d WHERE d.contract_id = c.id)",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert!(open > 0, "some contracts with money wait for a first distribution (the end-to-end test starts one)");
        for year in [2024, 2025] {
            let codes: Vec<&str> =
                crate::reporting::check::year_findings(&store, year, crate::Lang::Zh).expect("check").iter().map(|f| f.code).collect();
            assert!(!codes.contains(&"contract_without_publicity"), "{year}: every agreed price went through its publicity: {codes:?}");
        }
        let stages: Vec<_> = crate::deals::publicity::list(
            store.conn(),
            &crate::deals::publicity::PublicityQuery { page: 1, page_size: 200, ..Default::default() },
            actor.at.date(),
        )
        .expect("publicities")
        .rows
        .iter()
        .map(|p| p.stage)
        .collect();
        for stage in
            [crate::deals::publicity::Stage::Running, crate::deals::publicity::Stage::Objected, crate::deals::publicity::Stage::Clear]
        {
            assert!(stages.contains(&stage), "a publicity in stage {stage:?}");
        }
        let report = crate::store::audit::verify(&store).expect("verify");
        assert!(report.ok, "the demo, written through the app's own writes, verifies: {:?}", report.findings);
    }
}
