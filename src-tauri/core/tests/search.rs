//! The search box over the clean fixture portfolio: every kind, numbers in any form, short
//! words, and the index kept in step with later changes.

use crate::common::{good_store, new_store};
use transferdesk_core::store::search::{everywhere, SearchKind, SearchResults};

/// (kind, labels) of each group.
fn found(results: &SearchResults) -> Vec<(SearchKind, Vec<String>)> {
    results.groups.iter().map(|g| (g.kind, g.hits.iter().map(|h| h.label.clone()).collect())).collect()
}

#[test]
fn titles_numbers_names_and_counterparties_are_found_grouped_by_kind() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store(&dir);
    let conn = store.conn();
    let search = |text: &str| found(&everywhere(conn, text, 10).expect("search"));

    // A title word: the patent and the development contract of the same name.
    assert_eq!(
        search("图像识别"),
        vec![
            (SearchKind::Achievement, vec!["一种基于深度学习的图像识别方法".to_string()]),
            (SearchKind::Contract, vec!["图像识别技术开发合同".to_string()]),
        ]
    );
    // CG001's grant number ZL202310123456.6, typed three ways.
    for typed in ["ZL 2023 1012 3456.6", "2023101234566", "zl202310123456.6"] {
        assert_eq!(search(typed), vec![(SearchKind::Achievement, vec!["一种基于深度学习的图像识别方法".to_string()])], "{typed}");
    }
    // CG002 was filed as "CN 201910012345.1".
    assert_eq!(search("CN2019100123451"), vec![(SearchKind::Achievement, vec!["一种高熵合金焊丝".to_string()])]);
    // A two-character name: the person and the three achievements 张三 invented.
    let zhang = search("张三");
    assert_eq!(zhang.iter().map(|(k, l)| (*k, l.len())).collect::<Vec<_>>(), vec![(SearchKind::Achievement, 3), (SearchKind::Person, 1)]);
    // Two short words: both must match (CG001 and CG004 have 图像 in the title and 张三 among the inventors).
    let mut both = search("张三 图像").remove(0).1;
    both.sort();
    assert_eq!(both, vec!["一种基于深度学习的图像识别方法".to_string(), "图像标注管理软件V1.0".to_string()]);
    // A counterparty: the organization and its two contracts.
    let shuxin = search("蜀新科技");
    assert_eq!(shuxin[0], (SearchKind::Organization, vec!["成都蜀新科技有限公司".to_string()]));
    assert_eq!(shuxin[1].0, SearchKind::Contract);
    assert_eq!(shuxin[1].1.len(), 2);
    assert!(search("没有这个词").is_empty());
    assert!(search("  ").is_empty());
}

#[test]
fn a_kind_with_more_hits_than_the_limit_says_so() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store(&dir);
    // Contract numbers HT2025-001 … typed with a dash.
    let results = everywhere(store.conn(), "ht2025-00", 2).expect("search");
    let contracts = results.groups.iter().find(|g| g.kind == SearchKind::Contract).expect("contracts");
    assert_eq!(contracts.hits.len(), 2);
    assert!(contracts.more);
}

#[test]
fn the_index_follows_later_changes() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store(&dir);
    let conn = store.conn();
    // Written behind the app's back (as any program could): the triggers still keep the index.
    conn.execute("UPDATE person SET name = '张叁丰' WHERE employee_id = 'T001'", []).expect("rename");
    let renamed = everywhere(conn, "张叁丰", 10).expect("search");
    assert_eq!(
        found(&renamed).iter().map(|(k, l)| (*k, l.len())).collect::<Vec<_>>(),
        vec![(SearchKind::Achievement, 3), (SearchKind::Person, 1)]
    );
    assert!(everywhere(conn, "张三", 10).expect("search").groups.is_empty(), "the old name is gone");
    conn.execute("UPDATE organization SET name = '蓉城新材料有限公司' WHERE name = '成都蜀新科技有限公司'", []).expect("rename");
    let contracts = everywhere(conn, "蓉城新材料", 10).expect("search");
    assert_eq!(
        contracts.groups.iter().map(|g| (g.kind, g.hits.len())).collect::<Vec<_>>(),
        vec![(SearchKind::Organization, 1), (SearchKind::Contract, 2)]
    );
    conn.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')", []).expect("the FTS index matches its table");
    let (rows, records): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM search_text),
                    (SELECT count(*) FROM achievement) + (SELECT count(*) FROM person) + (SELECT count(*) FROM organization) + (SELECT count(*) FROM contract)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("counts");
    assert_eq!(rows, records, "one search row per record");
}

#[test]
fn an_empty_portfolio_finds_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = new_store(&dir);
    assert_eq!(everywhere(store.conn(), "专利", 10).expect("search"), SearchResults::default());
}

#[test]
fn a_bulk_import_is_indexed_once_at_the_end_and_found() {
    use transferdesk_core::model::Table;
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    // 1,200 people: above the bulk threshold, so the triggers pause and the new rows are indexed
    // at the end of the same transaction.
    let mut csv = String::from("工号,姓名,所在单位,人员类别,领导职务,身份证号\n");
    for n in 0..1200 {
        csv.push_str(&format!("B{n:04},批量{n:04}号,计算机学院,科研人员,无,\n"));
    }
    let file = dir.path().join("people.csv");
    std::fs::write(&file, csv).expect("csv");
    transferdesk_core::import::import(&mut store, &crate::common::actor(), Table::People, &file, false).expect("import");
    let found = everywhere(store.conn(), "批量0777", 10).expect("search");
    assert_eq!(found.groups.iter().map(|g| (g.kind, g.hits.len())).collect::<Vec<_>>(), vec![(SearchKind::Person, 1)]);
    let conn = store.conn();
    conn.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')", []).expect("the FTS index matches its table");
    let (rows, records, paused): (i64, i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM search_text),
                    (SELECT count(*) FROM achievement) + (SELECT count(*) FROM person) + (SELECT count(*) FROM organization) + (SELECT count(*) FROM contract),
                    (SELECT count(*) FROM search_paused)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("counts");
    assert_eq!((rows, records, paused), (records, 4 + 1200 + 5 + 3 + 4, 0), "every record once; the triggers run again");
    // After the bulk import, a single change is indexed by the triggers again.
    conn.execute("UPDATE person SET name = '改名之后' WHERE employee_id = 'B0777'", []).expect("rename");
    assert!(everywhere(conn, "批量0777", 10).expect("search").groups.is_empty());
    assert_eq!(everywhere(conn, "改名之后", 10).expect("search").groups.len(), 1);
}

#[test]
fn the_contract_list_searches_through_the_index() {
    use transferdesk_core::deals::contract::view::{self, ContractQuery};
    use transferdesk_core::model::ContractKind;
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store(&dir);
    let today = crate::common::actor().at.date();
    let list = |search: &str, kind: Option<ContractKind>| -> (u32, Vec<String>) {
        let q = ContractQuery { search: Some(search.into()), kind, page: 1, page_size: 50, ..Default::default() };
        let page = view::list(&store, &q, today).expect("list");
        (page.total, page.rows.into_iter().map(|r| r.contract_no).collect())
    };
    let found = |total: u32, numbers: &[&str]| (total, numbers.iter().map(|n| n.to_string()).collect::<Vec<_>>());
    // A two-character fragment of a counterparty: 成都蜀新科技有限公司's license (02-20) and
    // equity deal (06-30), newest first.
    assert_eq!(list("蜀新", None), found(2, &["HT2025-003", "HT2025-001"]));
    assert_eq!(list("华能装备", None), found(1, &["HT2025-002"]));
    assert_eq!(list("acme", None), found(1, &["HT2025-004"]), "Latin letters in any case");
    // A two-character title word: 合同 ends three titles (not 作价投资协议); 转让 is in one.
    assert_eq!(list("合同", None), found(3, &["HT2025-004", "HT2025-002", "HT2025-001"]));
    assert_eq!(list("转让", None), found(1, &["HT2025-002"]));
    // Numbers in any form, and the registration number.
    assert_eq!(list("ht2025-003", None), found(1, &["HT2025-003"]));
    assert_eq!(list("2025 003", None), found(1, &["HT2025-003"]), "typed in groups");
    assert_eq!(list("2025510100000123", None), found(1, &["HT2025-001"]));
    // Every word must match, and the other filters still apply.
    assert_eq!(list("蜀新 许可", None), found(1, &["HT2025-001"]));
    assert_eq!(list("蜀新", Some(ContractKind::Equity)), found(1, &["HT2025-003"]));
    assert_eq!(list("没有这个词", None), found(0, &[]));
    assert_eq!(list("50%", None), found(0, &[]), "a typed % is not a wildcard");
}
