//! Edit versions (docs/reliability.md "Two people at once"): every record with an edit form that
//! saves it whole carries a version, which a load returns and every change adds 1 to. A save of
//! an existing record gives the version its form was loaded at; when that is no longer the stored
//! one, someone else changed the record meanwhile, and the save is refused with
//! [`Error::Conflict`] (`edit_conflict`) naming who changed it and when (the record's newest
//! audit entry) and which fields of the form differ from what is stored now. Writes are
//! serialized by the store's one writer, so the check and the write, in one transaction, cannot
//! be overtaken.

use crate::error::{Conflict, ConflictField, Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

/// A kind of record with an edit form.
#[derive(Debug)]
pub(crate) struct Form {
    /// The record's name, as [`Error::NotFound`] gives it.
    pub(crate) record: &'static str,
    /// The audit entities its saves (and the other steps that change it) write under its key.
    pub(crate) entities: &'static [&'static str],
    /// The references a merge of people or organizations moves that change this form (its
    /// `merge_moved` rows name the record by id): a merge is the record's change too.
    pub(crate) moved: &'static [&'static str],
    /// The fields a person edits, in the form's order.
    pub(crate) fields: &'static [ConflictField],
}

const fn f(key: &'static str, zh: &'static str, en: &'static str) -> ConflictField {
    ConflictField { key, zh, en }
}

/// 成果登记 (portfolio::register).
pub(crate) const ACHIEVEMENT: Form = Form {
    record: "achievement",
    entities: &["achievement", "inventor", "co_owner"],
    moved: &["inventor", "co_owner"],
    fields: &[
        f("achievement_no", "成果编号", "achievement number"),
        f("title", "成果名称", "title"),
        f("kind", "成果类型", "kind"),
        f("application_no", "申请号", "application number"),
        f("filed_on", "申请日", "filing date"),
        f("grant_no", "授权号", "grant number"),
        f("granted_on", "授权日", "grant date"),
        f("status", "法律状态", "legal status"),
        f("department", "所属单位", "department"),
        f("fiscal_project", "财政资助项目", "fiscal project"),
        f("funding_level", "成果来源", "funding source level"),
        f("fees_paid_through", "年费已缴至", "fees paid through"),
        f("inventors", "完成人", "inventors"),
        f("co_owners", "共有人", "co-owners"),
        f("open_license", "开放许可", "open license"),
        f("separate_management", "单列管理", "separate management"),
    ],
};

/// The contract form (deals::contract::edit).
pub(crate) const CONTRACT: Form = Form {
    record: "contract",
    entities: &["contract"],
    moved: &["contract"],
    fields: &[
        f("contract_no", "合同编号", "contract number"),
        f("title", "合同名称", "title"),
        f("kind", "转化方式", "kind"),
        f("license_kind", "许可类型", "license kind"),
        f("organization_id", "合作单位", "counterparty"),
        f("amount_fen", "合同金额", "amount"),
        f("signed_on", "签订日期", "signing date"),
        f("registration_no", "技术合同登记号", "registration number"),
        f("registered_on", "登记日期", "registration date"),
        f("effective_on", "生效日期", "effective date"),
        f("recorded_on", "许可合同备案日期", "recordal date"),
        f("equity_units_fen", "获得股权", "equity received"),
        f("pricing", "定价方式", "pricing"),
        f("publicity_id", "定价公示", "price publicity"),
        f("resolution_id", "集体决策", "collective decision"),
        f("achievements", "涉及成果", "achievements"),
        f("installments", "付款计划", "payment schedule"),
        f("equity", "股权", "equity holding"),
    ],
};

/// A person's edit form (people::person_page).
pub(crate) const PERSON: Form = Form {
    record: "person",
    entities: &["person"],
    moved: &[],
    fields: &[
        f("employee_id", "工号", "employee ID"),
        f("name", "姓名", "name"),
        f("department", "所在单位", "department"),
        f("category", "人员类别", "category"),
        f("leader_level", "领导职务", "leader level"),
        f("id_number", "身份证号", "resident ID"),
        f("bank_account", "银行账号", "bank account"),
    ],
};

/// An organization's edit form (people::organization_page).
pub(crate) const ORGANIZATION: Form = Form {
    record: "organization",
    entities: &["organization"],
    moved: &[],
    fields: &[
        f("name", "单位名称", "name"),
        f("credit_code", "统一社会信用代码", "credit code"),
        f("ownership", "单位性质", "ownership"),
        f("size", "企业规模", "size"),
        f("region", "所在地区", "region"),
        f("industry", "行业门类", "industry section"),
    ],
};

/// A platform of the institution (people::platform).
pub(crate) const PLATFORM: Form = Form {
    record: "platform",
    entities: &["platform"],
    moved: &[],
    fields: &[
        f("name", "名称", "name"),
        f("kind", "类型", "kind"),
        f("mode", "自建/共建", "own or joint"),
        f("partner", "共建单位", "partner"),
        f("founded_on", "成立日期", "founding date"),
        f("closed_on", "撤销日期", "closing date"),
    ],
};

/// A person's part-time or leave-to-found period (people::outside_work).
pub(crate) const OUTSIDE_WORK: Form = Form {
    record: "outside_work",
    entities: &["outside_work"],
    // A merge of people leaves periods with the duplicate (merge_moved names a closed list of
    // tables); the report counts a merged duplicate as the person kept.
    moved: &[],
    fields: &[
        f("employee_id", "工号", "employee ID"),
        f("company", "企业", "company"),
        f("kind", "类型", "kind"),
        f("from_on", "开始日期", "first day"),
        f("to_on", "结束日期", "last day"),
    ],
};

/// A funded project of the register (portfolio::project).
pub(crate) const PROJECT: Form = Form {
    record: "project",
    entities: &["project"],
    moved: &[],
    fields: &[
        f("project_no", "项目编号", "project number"),
        f("title", "项目名称", "title"),
        f("level", "项目级别", "level"),
        f("funding_fen", "资助经费", "funding"),
        f("approved_on", "立项日期", "approval date"),
        f("achievements", "产出成果", "achievements"),
    ],
};

/// The disclosure intake (portfolio::disclosure).
pub(crate) const DISCLOSURE: Form = Form {
    record: "disclosure",
    entities: &["disclosure", "disclosure_decision"],
    moved: &["disclosure_inventor"],
    fields: &[
        f("disclosure_no", "披露编号", "disclosure number"),
        f("title", "成果名称", "title"),
        f("department", "所属单位", "department"),
        f("funding_source", "经费来源", "funding source"),
        f("fiscal_project", "财政资助项目", "fiscal project"),
        f("description", "技术内容", "description"),
        f("prior_art", "现有技术", "prior art"),
        f("intended_protection", "拟保护方式", "intended protection"),
        f("confidential", "保密", "confidential"),
        f("received_on", "受理日期", "received on"),
        f("inventors", "完成人", "inventors"),
    ],
};

/// The decision on a disclosure (portfolio::disclosure::decide): the same record's version.
pub(crate) const DISCLOSURE_DECISION: Form = Form {
    record: "disclosure",
    entities: DISCLOSURE.entities,
    moved: DISCLOSURE.moved,
    fields: &[f("decision", "处理决定", "decision"), f("decided_on", "决定日期", "decided on"), f("note", "说明", "note")],
};

/// A price publicity with its objections (deals::publicity).
pub(crate) const PUBLICITY: Form = Form {
    record: "publicity",
    entities: &["publicity"],
    moved: &["publicity"],
    fields: &[
        f("title", "公示名称", "title"),
        f("contract_kind", "转化方式", "transformation kind"),
        f("organization_id", "合作单位", "counterparty"),
        f("related_party", "关联方", "related party"),
        f("price_fen", "拟定价格", "price"),
        f("posted_on", "公示开始日期", "posted on"),
        f("days", "天数", "days"),
        f("channel", "公示渠道", "channel"),
        f("resolution_id", "集体决策", "collective decision"),
        f("achievements", "涉及成果", "achievements"),
        f("objections", "异议", "objections"),
    ],
};

/// A collective decision (deals::resolution).
pub(crate) const RESOLUTION: Form = Form {
    record: "resolution",
    entities: &["resolution"],
    moved: &[],
    fields: &[
        f("meeting_on", "会议日期", "meeting date"),
        f("body", "决策机构", "decision body"),
        f("subject", "议题", "subject"),
        f("participants", "参会人员", "participants"),
        f("outcome", "结果", "outcome"),
    ],
};

/// An ownership grant (deals::grant).
pub(crate) const GRANT: Form = Form {
    record: "grant",
    entities: &["grant"],
    moved: &["grant_member"],
    fields: &[
        f("kind", "类型", "kind"),
        f("share_bp", "份额", "share"),
        f("usage_from", "使用权起始", "usage from"),
        f("usage_until", "使用权截止", "usage until"),
        f("income_team_bp", "团队所得收益比例", "team's income share"),
        f("annual_fee_payer", "年费承担", "annual fee payer"),
        f("agency_fee_payer", "代理费承担", "agency fee payer"),
        f("decided_on", "决定日期", "decided on"),
        f("resolution_id", "集体决策", "collective decision"),
        f("publicized_on", "公示日期", "publicized on"),
        f("publicity_days", "公示天数", "publicity days"),
        f("change_filed_on", "权属变更登记日期", "change filed on"),
        f("note", "备注", "note"),
        f("achievements", "涉及成果", "achievements"),
        f("members", "团队成员", "members"),
    ],
};

/// A valuation (deals::valuation).
pub(crate) const VALUATION: Form = Form {
    record: "valuation",
    entities: &["valuation"],
    moved: &[],
    fields: &[
        f("achievement_id", "成果", "achievement"),
        f("contract_id", "合同", "contract"),
        f("kind", "评估类型", "kind"),
        f("appraiser", "评估机构", "appraiser"),
        f("report_no", "报告编号", "report number"),
        f("base_on", "评估基准日", "base date"),
        f("methods", "评估方法", "methods"),
        f("value_fen", "评估值", "value"),
        f("low_fen", "评估值下限", "low end"),
        f("high_fen", "评估值上限", "high end"),
        f("valid_until", "有效期至", "valid until"),
        f("filing_no", "备案编号", "filing number"),
        f("filed_on", "备案日期", "filed on"),
    ],
};

/// A version of the reward policy (rewards::policy).
pub(crate) const POLICY: Form = Form {
    record: "policy",
    entities: &["policy"],
    moved: &[],
    fields: &[
        f("effective_on", "生效日期", "effective on"),
        f("transfer_bp", "转让比例", "transfer ratio"),
        f("license_bp", "许可比例", "license ratio"),
        f("equity_bp", "作价投资比例", "equity ratio"),
        f("development_bp", "技术开发比例", "development ratio"),
        f("consulting_bp", "技术咨询比例", "consulting ratio"),
        f("service_bp", "技术服务比例", "service ratio"),
        f("tiers", "档位", "tiers"),
        f("key_contributor_min_bp", "重要贡献人员最低比例", "key contributors' minimum"),
        f("transfer_staff_bp", "转化人员奖励比例", "transfer staff share"),
        f("transfer_staff_min_bp", "转化人员奖励最低比例", "transfer staff minimum"),
        f("publicity_days", "公示天数", "publicity days"),
        f("payment_deadline_months", "发放期限（月）", "payment deadline"),
        f("recipients", "学校留存部分的分配", "recipients of the institution's part"),
        f("note", "备注", "note"),
        f("document_title", "文件名称", "document title"),
        f("document_no", "文号", "document number"),
    ],
};

/// The institution's profile (store::institution).
pub(crate) const PROFILE: Form = Form {
    record: "institution",
    entities: &["institution"],
    moved: &[],
    fields: &[
        f("name", "单位名称", "name"),
        f("province", "所在省份", "province"),
        f("fee_reduction", "费减", "fee reduction"),
        f("code", "代码", "code"),
        f("kind", "单位类型", "kind"),
        f("competent_department", "主管部门", "competent department"),
        f("contact_office", "异议受理部门", "objections office"),
        f("contact_phone", "联系电话", "contact phone"),
        f("contact_email", "电子邮箱", "contact e-mail"),
    ],
};

/// A report year's due date, narrative and cases (reporting::report_year).
pub(crate) const REPORT_YEAR: Form = Form {
    record: "report_year",
    entities: &["report_year"],
    moved: &[],
    fields: &[f("due_on", "截止日期", "due date"), f("narrative", "情况说明", "narrative"), f("cases", "典型案例", "typical cases")],
};

/// The scoring sheet of the pre-filing assessment (portfolio::assessment).
pub(crate) const CRITERIA: Form = Form {
    record: "assessment_criteria",
    entities: &["assessment_criterion"],
    moved: &[],
    fields: &[f("criteria", "评估指标", "criteria")],
};

/// An account of the office server (access::account); the login cannot change.
pub(crate) const ACCOUNT: Form = Form {
    record: "account",
    entities: &["account"],
    moved: &[],
    fields: &[
        f("name", "姓名", "name"),
        f("role", "角色", "role"),
        f("department", "所属学院", "department"),
        f("employee_id", "工号", "employee ID"),
        f("email", "电子邮箱", "e-mail"),
    ],
};

/// The listed days of one holiday year (calendar).
pub(crate) const HOLIDAYS: Form =
    Form { record: "holiday_year", entities: &["holiday"], moved: &[], fields: &[f("days", "节假日", "days")] };

/// What a refused save reports: the record as a person knows it, its row id (for the merges that
/// moved its references), the keys its audit entries may carry (the key before and after a
/// renumbering), and the form as sent and as stored now, each as JSON with the form's field keys.
pub(crate) struct Stale {
    pub(crate) label: String,
    pub(crate) id: i64,
    pub(crate) audit_keys: Vec<String>,
    pub(crate) submitted: Value,
    pub(crate) stored: Value,
}

/// Refuses the save of a form loaded at `given` when the record is now at `stored`; `stale` is
/// asked for the details only then.
pub(crate) fn check(conn: &Connection, form: &Form, stored: i64, given: i64, stale: impl FnOnce() -> Stale) -> Result<()> {
    if stored == given {
        return Ok(());
    }
    let s = stale();
    let logged = last_change(conn, form.entities, &s.audit_keys)?;
    let merged = last_merge(conn, form.moved, s.id)?;
    // Both times are `YYYY-MM-DDTHH:MM:SS`: the later one is the change.
    let (by, at) = match (logged, merged) {
        (Some(l), Some(m)) => Some(if m.1 > l.1 { m } else { l }),
        (l, m) => l.or(m),
    }
    .unzip();
    let fields = form.fields.iter().filter(|f| differs(s.submitted.get(f.key), s.stored.get(f.key))).copied().collect();
    Err(Error::Conflict(Box::new(Conflict { record: form.record, label: s.label, by, at, fields })))
}

/// The actor and time of the newest audit entry of one record.
fn last_change(conn: &Connection, entities: &[&str], keys: &[String]) -> Result<Option<(String, String)>> {
    if entities.is_empty() || keys.is_empty() {
        return Ok(None);
    }
    let marks = |n: usize, from: usize| (from..from + n).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "SELECT actor, at FROM audit_log WHERE entity IN ({}) AND entity_key IN ({}) ORDER BY id DESC LIMIT 1",
        marks(entities.len(), 1),
        marks(keys.len(), entities.len() + 1)
    );
    let args = entities.iter().map(|e| e.to_string()).chain(keys.iter().cloned());
    Ok(conn.query_row(&sql, rusqlite::params_from_iter(args), |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}

/// The actor and time of the newest merge (or unmerge) that moved one of the record's references.
fn last_merge(conn: &Connection, references: &[&str], id: i64) -> Result<Option<(String, String)>> {
    if references.is_empty() {
        return Ok(None);
    }
    let marks = (2..references.len() + 2).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "SELECT m.actor, m.at FROM merge_moved x JOIN merge m ON m.id = x.merge_id
         WHERE x.key1 = ?1 AND x.reference IN ({marks}) ORDER BY m.at DESC, m.id DESC LIMIT 1"
    );
    let args =
        std::iter::once(rusqlite::types::Value::Integer(id)).chain(references.iter().map(|r| rusqlite::types::Value::Text(r.to_string())));
    Ok(conn.query_row(&sql, rusqlite::params_from_iter(args), |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}

/// Whether two values of a field differ for a person: texts compare trimmed, and an empty text,
/// an empty list and an absent value are all "nothing".
fn differs(a: Option<&Value>, b: Option<&Value>) -> bool {
    normal(a.unwrap_or(&Value::Null)) != normal(b.unwrap_or(&Value::Null))
}

fn normal(v: &Value) -> Value {
    match v {
        Value::String(s) if s.trim().is_empty() => Value::Null,
        Value::String(s) => Value::String(s.trim().to_string()),
        Value::Array(items) if items.is_empty() => Value::Null,
        Value::Array(items) => Value::Array(items.iter().map(normal).collect()),
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), normal(v))).collect()),
        other => other.clone(),
    }
}

/// A record's JSON without its version (audit entries log content, not versions).
pub(crate) fn unversioned(value: impl serde::Serialize) -> Value {
    let mut v = serde_json::to_value(value).unwrap_or_default();
    if let Value::Object(map) = &mut v {
        map.remove("version");
    }
    v
}

/// The version of a list saved whole (0: never saved through its form).
pub(crate) fn of_list(conn: &Connection, list: &str) -> Result<i64> {
    Ok(conn.query_row("SELECT version FROM list_version WHERE list = ?1", params![list], |r| r.get(0)).optional()?.unwrap_or(0))
}

/// Adds 1 to a list's version (inside the save's transaction).
pub(crate) fn bump_list(conn: &Connection, list: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO list_version (list, version) VALUES (?1, 1) ON CONFLICT (list) DO UPDATE SET version = version + 1",
        params![list],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn blank_texts_and_empty_lists_are_nothing() {
        assert!(!differs(Some(&json!(" 甲 ")), Some(&json!("甲"))), "surrounding spaces are no change");
        assert!(!differs(Some(&json!("")), None), "an empty text is no value");
        assert!(!differs(Some(&json!([])), Some(&Value::Null)), "an empty list is no value");
        assert!(differs(Some(&json!([{"a": 1}])), Some(&json!([{"a": 2}]))), "a list entry changed");
        assert!(differs(Some(&json!(1)), Some(&json!(2))), "a number changed");
    }

    #[test]
    fn every_form_names_each_field_once() {
        for form in [
            &ACHIEVEMENT,
            &CONTRACT,
            &PERSON,
            &ORGANIZATION,
            &DISCLOSURE,
            &DISCLOSURE_DECISION,
            &PUBLICITY,
            &RESOLUTION,
            &GRANT,
            &VALUATION,
            &POLICY,
            &PROFILE,
            &REPORT_YEAR,
            &CRITERIA,
            &HOLIDAYS,
            &ACCOUNT,
            &PLATFORM,
            &OUTSIDE_WORK,
            &PROJECT,
        ] {
            let mut keys: Vec<&str> = form.fields.iter().map(|f| f.key).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), form.fields.len(), "{}: a field twice", form.record);
            assert!(form.fields.iter().all(|f| !f.zh.is_empty() && !f.en.is_empty()), "{}: a field without a name", form.record);
        }
    }
}
