//! People and organization screens: lists, edit with field problems, masking and reveal,
//! duplicate suggestions, merge and its counter-entry.

use crate::common::{actor, dump, dump_without_versions, good_store};
use chrono::NaiveDate;
use transferdesk_core::model::{Category, LeaderLevel, Ownership, Table};
use transferdesk_core::people::merge::{self, MergeKind};
use transferdesk_core::people::organization::Organization;
use transferdesk_core::people::organization_page::{self, OrganizationDuplicateReason, OrganizationEdit, OrganizationQuery};
use transferdesk_core::people::person_page::{self, DuplicateReason, PersonEdit, PersonQuery, PersonSort};
use transferdesk_core::rewards::distribution::{self, Approval};
use transferdesk_core::{import, people::person, Error, Store};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn add(store: &mut Store, dir: &tempfile::TempDir, table: Table, csv: &str) {
    let path = dir.path().join(format!("{}.csv", table.key()));
    std::fs::write(&path, csv).expect("write csv");
    import::import(store, &actor(), table, &path, false).unwrap_or_else(|e| panic!("{csv}: {:?}", e.report(transferdesk_core::Lang::En)));
}

fn code<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Err(e) => e.code().to_string(),
        Ok(v) => panic!("expected a refusal, got {v:?}"),
    }
}

fn fields<T: std::fmt::Debug>(result: Result<T, Error>) -> Vec<(String, String)> {
    match result {
        Err(Error::Invalid(p)) => p.iter().map(|p| (p.column.clone(), p.kind.code().to_string())).collect(),
        other => panic!("expected field problems, got {other:?}"),
    }
}

fn id_of(store: &Store, employee_id: &str) -> i64 {
    store.conn().query_row("SELECT id FROM person WHERE employee_id = ?1", [employee_id], |r| r.get(0)).expect("person")
}

fn org_id(store: &Store, name: &str) -> i64 {
    store.conn().query_row("SELECT id FROM organization WHERE name = ?1", [name], |r| r.get(0)).expect("organization")
}

fn query() -> PersonQuery {
    PersonQuery { page: 1, page_size: 50, ..PersonQuery::default() }
}

fn audit_count(store: &Store) -> i64 {
    store.conn().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).expect("count")
}

/// Everything but the append-only logs of merges and audit (with its row digests).
fn strip(lines: &[String]) -> Vec<String> {
    // The search index (FTS) is rebuilt by triggers and keeps its own row numbering.
    lines
        .iter()
        .filter(|l| {
            !l.starts_with("merge|")
                && !l.starts_with("merge_moved|")
                && !l.starts_with("audit_log|")
                && !l.starts_with("audit_row|")
                && !l.starts_with("search_")
        })
        .cloned()
        .collect()
}

/// What a merge moves and its undoing moves back (the versions count both: store::version).
fn content(store: &Store) -> Vec<String> {
    strip(&dump_without_versions(store))
}

#[test]
fn the_people_list_filters_sorts_pages_and_masks() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = good_store(&dir);
    let ids = |q: &PersonQuery| person_page::list(&store, q).expect("list").rows.into_iter().map(|r| r.employee_id).collect::<Vec<_>>();
    assert_eq!(ids(&query()), ["S001", "T001", "T002", "T003", "T004"]);
    assert_eq!(ids(&PersonQuery { department: Some("计算机学院".into()), ..query() }), ["T001", "T002"]);
    assert_eq!(ids(&PersonQuery { category: Some(Category::TransferStaff), ..query() }), ["S001"]);
    assert_eq!(ids(&PersonQuery { leader_level: Some(LeaderLevel::Middle), ..query() }), ["T002"]);
    assert_eq!(ids(&PersonQuery { search: Some("王".into()), ..query() }), ["T003"]);
    assert_eq!(ids(&PersonQuery { sort: Some(PersonSort::EmployeeId), descending: true, ..query() })[0], "T004");
    // The fixture: T001 invents CG001, CG002, CG004; T002 CG001, CG003, CG004; T003 CG001, CG002.
    // Ties go by employee ID in the same direction.
    assert_eq!(
        ids(&PersonQuery { sort: Some(PersonSort::Achievements), descending: true, ..query() }),
        ["T002", "T001", "T003", "T004", "S001"]
    );
    let page = person_page::list(&store, &PersonQuery { page: 2, page_size: 2, ..query() }).expect("page 2");
    assert_eq!((page.total, page.rows.len(), page.rows[0].employee_id.as_str()), (5, 2, "T002"));
    assert_eq!(person_page::list(&store, &PersonQuery { page_size: 10_000, ..query() }).expect("clamped").rows.len(), 5);

    let t001 = &person_page::list(&store, &PersonQuery { search: Some("T001".into()), ..query() }).expect("T001").rows[0];
    // First 6 and last 4 of 510107198001010013.
    assert_eq!(t001.id_number_masked.as_deref(), Some("510107********0013"));
    let detail = person_page::detail(&store, t001.id).expect("detail");
    let json = serde_json::to_string(&detail).expect("json");
    assert!(!json.contains("510107198001010013"), "a page never carries the full number");
    let mut store = store;
    assert_eq!(person_page::reveal(&mut store, &actor(), t001.id).expect("reveal").id_number.as_deref(), Some("510107198001010013"));
}

#[test]
fn editing_a_person_names_each_wrong_field_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let id = id_of(&store, "T002");
    let edit = PersonEdit {
        id,
        // As imported.
        version: 1,
        employee_id: "T001".into(),
        name: " ".into(),
        department: "计算机学院".into(),
        category: Category::Researcher,
        leader_level: LeaderLevel::Middle,
        // The GB 11643 sample with a wrong check digit (it calls for X).
        id_number: Some("110105194912310021".into()),
        bank_account: Some("6222-0212".into()),
    };
    let before = dump(&store);
    assert_eq!(
        fields(person_page::update(&mut store, &actor(), &edit)),
        [
            ("name".into(), "required".into()),
            ("id_number".into(), "bad_check_digit".into()),
            ("bank_account".into(), "bad_bank_account".into()),
            ("employee_id".into(), "duplicate_in_database".into()),
        ]
    );
    assert_eq!(dump(&store), before, "nothing written");

    let audits = audit_count(&store);
    let good = PersonEdit {
        employee_id: "T002".into(),
        name: "李四".into(),
        department: "信息学院".into(),
        id_number: Some("11010519491231002x".into()),
        bank_account: Some("6222 0212 3456 7890".into()),
        ..edit
    };
    let row = person_page::update(&mut store, &actor(), &good).expect("saved");
    assert_eq!(row.department, "信息学院", "a new department is created");
    assert_eq!(row.bank_account_masked.as_deref(), Some("************7890"));
    assert_eq!(row.id_number_masked.as_deref(), Some("110105********002X"));
    assert_eq!(audit_count(&store), audits + 1, "one audit entry");
    let logged: String = store.conn().query_row("SELECT after FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).expect("after");
    assert!(!logged.contains("6222021234567890") && !logged.contains("11010519491231002X"), "the audit keeps numbers masked");
    let full = person_page::reveal(&mut store, &actor(), id).expect("reveal");
    assert_eq!((full.id_number.as_deref(), full.bank_account.as_deref()), (Some("11010519491231002X"), Some("6222021234567890")));
    // The reveal itself is logged: who (the actor), when, whose numbers and which — not them.
    assert_eq!(audit_count(&store), audits + 2, "one entry for the reveal");
    let (actor_name, entity, key, logged): (String, String, String, String) = store
        .conn()
        .query_row("SELECT actor, entity, entity_key, after FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .expect("entry");
    assert_eq!((actor_name.as_str(), entity.as_str(), key.as_str()), ("test", "reveal", good.employee_id.as_str()));
    assert_eq!(logged, r#"{"id_number":true,"bank_account":true}"#);

    // None keeps the stored numbers; "" clears one.
    let keep = PersonEdit { id_number: None, bank_account: Some(String::new()), version: row.version, ..good };
    person_page::update(&mut store, &actor(), &keep).expect("saved");
    let now = person_page::reveal(&mut store, &actor(), id).expect("reveal");
    assert_eq!((now.id_number.as_deref(), now.bank_account), (Some("11010519491231002X"), None));
}

#[test]
fn merging_people_moves_every_reference_and_unmerge_moves_exactly_those_back() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    // T001's history: a paid distribution of HT2025-001 (frozen) and a draft of HT2025-002.
    let d1 = distribution::create(&mut store, &actor(), "HT2025-001", day("2025-12-31"), &[]).expect("d1");
    distribution::approve(&mut store, &actor(), d1.id, &Approval { decision_on: day("2025-03-10"), ..Approval::default() })
        .expect("approved");
    distribution::publicize(&mut store, &actor(), d1.id, day("2025-03-12"), None).expect("publicized");
    distribution::pay(&mut store, &actor(), d1.id, day("2025-03-28")).expect("paid");
    let d2 = distribution::create(&mut store, &actor(), "HT2025-002", day("2025-12-31"), &[]).expect("d2");
    // The same 张三 entered again under a new employee ID, with an achievement of his own.
    add(&mut store, &dir, Table::People, "工号,姓名,所在单位,人员类别,领导职务,身份证号\nT009,张三,计算机学院,科研人员,无,\n");
    add(
        &mut store,
        &dir,
        Table::Achievements,
        "成果编号,成果名称,成果类型,法律状态,所属单位,完成人\nCG901,一种工艺诀窍,技术秘密,有效,计算机学院,T009\n",
    );
    let (t001, t002, t009) = (id_of(&store, "T001"), id_of(&store, "T002"), id_of(&store, "T009"));

    let suggested = person_page::duplicates(&store).expect("duplicates");
    assert_eq!(suggested.len(), 1);
    assert_eq!(suggested[0].reason, DuplicateReason::SameNameDepartment);
    assert_eq!((suggested[0].keep.id, suggested[0].duplicate.id), (t001, t009), "the one with more achievements is kept");

    // T001 and T002 are both inventors of CG001: refused, nothing written.
    let before = dump(&store);
    assert_eq!(code(person_page::merge(&mut store, &actor(), t001, t002, "同一人")), "merge_conflict");
    assert_eq!(code(person_page::merge(&mut store, &actor(), t001, t001, "同一人")), "merge_same");
    assert!(matches!(person_page::merge(&mut store, &actor(), t009, t001, " "), Err(Error::Invalid(_))), "a reason is required");
    assert_eq!(dump(&store), before);
    let before = content(&store);

    // Keep T009, fold T001 into it (the office decided the new record is the right one).
    let audits = audit_count(&store);
    let merge_id = person_page::merge(&mut store, &actor(), t009, t001, "工号录入错误，同一人").expect("merged");
    assert_eq!(audit_count(&store), audits + 2, "the duplicate's change and the merge row");
    let record = merge::get(store.conn(), merge_id).expect("record");
    let moved: Vec<(&str, String)> = record.moved.iter().map(|m| (m.reference.as_str(), m.label.clone())).collect();
    // CG001, CG002 and CG004 inventor rows, and the draft's line; the paid HT2025-001 line stays.
    assert_eq!(moved.len(), 4, "{moved:?}");
    assert_eq!(moved.iter().filter(|(r, _)| *r == "inventor").count(), 3);
    assert_eq!(
        moved.iter().filter(|(r, _)| *r == "distribution_line").map(|(_, l)| l.clone()).collect::<Vec<_>>(),
        [format!("HT2025-002 #{}", d2.id)]
    );

    assert!(!person_page::list(&store, &query()).expect("list").rows.iter().any(|r| r.id == t001), "hidden from the list");
    assert!(person::choices(store.conn(), "张三", 10).expect("choices").iter().all(|c| c.id == t009), "and from pickers");
    let kept = person_page::detail(&store, t009).expect("kept");
    let nos: Vec<&str> = kept.achievements.iter().map(|a| a.achievement_no.as_str()).collect();
    assert_eq!(nos, ["CG001", "CG002", "CG004", "CG901"]);
    let lines: Vec<(i64, Option<&str>)> = kept.distribution_lines.iter().map(|l| (l.distribution_id, l.via_merged.as_deref())).collect();
    assert_eq!(lines, [(d2.id, None), (d1.id, Some("T001"))], "the paid line stays with T001 and shows here");
    assert_eq!(code(person_page::merge(&mut store, &actor(), t002, t001, "再合并")), "already_merged");
    let t001_version = person_page::detail(&store, t001).expect("T001").person.version;
    assert_eq!(
        code(person_page::update(
            &mut store,
            &actor(),
            &PersonEdit {
                id: t001,
                version: t001_version,
                employee_id: "T001".into(),
                name: "张三".into(),
                department: "计算机学院".into(),
                category: Category::Researcher,
                leader_level: LeaderLevel::None,
                id_number: None,
                bank_account: None,
            }
        )),
        "already_merged"
    );

    let unmerge_id = merge::unmerge(&mut store, &actor(), merge_id, "合并有误").expect("unmerged");
    assert!(content(&store) == before, "every moved row is back");
    let undo = merge::get(store.conn(), unmerge_id).expect("unmerge");
    assert_eq!((undo.kind, undo.undoes_id, undo.moved.len()), (MergeKind::Unmerge, Some(merge_id), 4));
    assert_eq!(merge::get(store.conn(), merge_id).expect("merge").undone_by_id, Some(unmerge_id), "the merge stays on record");
    assert_eq!(person_page::detail(&store, t009).expect("T009").merges.len(), 2);
    assert_eq!(code(merge::unmerge(&mut store, &actor(), merge_id, "again")), "merge_undone");
    assert!(person_page::list(&store, &query()).expect("list").rows.iter().any(|r| r.id == t001), "visible again");
}

#[test]
fn organizations_list_edit_and_merge() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    add(
        &mut store,
        &dir,
        Table::Organizations,
        "单位名称,统一社会信用代码,单位性质,企业规模,所在地区\n成都蜀新科技 有限责任公司,,民营企业,小型,四川\n",
    );
    add(
        &mut store,
        &dir,
        Table::Contracts,
        "合同编号,合同名称,转化方式,许可类型,合作单位,合同金额,签订日期,涉及成果,技术合同登记号,获得股权\n\
         HT2025-009,技术服务合同,技术服务,,成都蜀新科技 有限责任公司,20000,2025-09-01,,,\n",
    );
    let q = OrganizationQuery { page: 1, page_size: 50, ..OrganizationQuery::default() };
    let names = |store: &Store, q: &OrganizationQuery| {
        organization_page::list(store, q).expect("list").rows.into_iter().map(|r| r.name).collect::<Vec<_>>()
    };
    assert_eq!(names(&store, &OrganizationQuery { ownership: Some(Ownership::Foreign), ..q.clone() }), ["Acme GmbH"]);
    assert_eq!(names(&store, &OrganizationQuery { region: Some("北京".into()), ..q.clone() }), ["北京华能装备股份有限公司"]);
    let shuxin = org_id(&store, "成都蜀新科技有限公司");
    let dup = org_id(&store, "成都蜀新科技 有限责任公司");
    let detail = organization_page::detail(&store, shuxin).expect("detail");
    // HT2025-001 (500,000.00, all received) and HT2025-003 (3,000,000.00, nothing received).
    let money: Vec<(&str, i64, i64)> =
        detail.contracts.iter().map(|c| (c.contract_no.as_str(), c.amount_fen.0, c.received_fen.0)).collect();
    assert_eq!(money, [("HT2025-003", 300_000_000, 0), ("HT2025-001", 50_000_000, 50_000_000)]);

    let suggested = organization_page::duplicates(&store).expect("duplicates");
    assert_eq!(suggested.len(), 1);
    assert_eq!(
        (suggested[0].keep.id, suggested[0].duplicate.id, suggested[0].reason),
        (shuxin, dup, OrganizationDuplicateReason::SimilarName)
    );

    // Edit: a taken name and a wrong check character, each named.
    let version = organization_page::detail(&store, dup).expect("duplicate").organization.version;
    let edit = |name: &str, code: Option<&str>| OrganizationEdit {
        id: dup,
        version,
        organization: Organization {
            name: name.into(),
            credit_code: code.map(str::to_string),
            ownership: Ownership::Private,
            size: None,
            region: "四川省".into(),
            industry: None,
        },
    };
    assert_eq!(
        fields(organization_page::update(&mut store, &actor(), &edit("Acme GmbH", Some("91110000800210433C")))),
        [("credit_code".into(), "bad_check_digit".into()), ("name".into(), "duplicate_in_database".into())]
    );
    let saved =
        organization_page::update(&mut store, &actor(), &edit("成都蜀新科技 有限责任公司", Some("911100008002104339"))).expect("saved");
    assert_eq!(saved.credit_code.as_deref(), Some("911100008002104339"));

    let before = content(&store);
    let merge_id = organization_page::merge(&mut store, &actor(), shuxin, dup, "同一企业").expect("merged");
    assert_eq!(organization_page::detail(&store, shuxin).expect("kept").contracts.len(), 3, "HT2025-009 moved");
    assert!(!names(&store, &q).iter().any(|n| n == "成都蜀新科技 有限责任公司"), "the duplicate is hidden");
    assert!(transferdesk_core::people::organization::choices(store.conn(), "蜀新", 10).expect("choices").len() == 1);
    merge::unmerge(&mut store, &actor(), merge_id, "撤销").expect("unmerged");
    assert!(content(&store) == before, "every moved row is back");
}

#[rstest::rstest]
#[case("成都蜀新科技有限公司", "成都蜀新科技")]
#[case("成都蜀新科技 有限责任公司", "成都蜀新科技")]
#[case("北京华能装备股份有限公司", "北京华能装备")]
#[case("华能（北京）有限公司", "华能(北京)")]
#[case("Acme Co., Ltd.", "acme")]
#[case("有限公司", "有限公司")]
fn organization_names_compare_without_spaces_and_company_form(#[case] name: &str, #[case] key: &str) {
    assert_eq!(organization_page::name_key(name), key);
}

#[test]
fn an_organization_typed_into_a_form_gets_its_own_id_back() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = good_store(&dir);
    let org = Organization {
        name: "成都新创电子有限公司".into(),
        credit_code: None,
        ownership: Ownership::Private,
        size: Some(transferdesk_core::model::Size::Small),
        region: "四川省".into(),
        industry: None,
    };
    let id = transferdesk_core::people::organization::create(&mut store, &actor(), &org).expect("created");
    // The id is the organization's row, not the audit entry written after it (which has a higher
    // rowid in another table).
    assert_eq!(org_id(&store, "成都新创电子有限公司"), id);
}
