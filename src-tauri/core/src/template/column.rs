//! The columns of the standard import templates (docs/import-templates.md), shared by import,
//! export and the forms that read a row.

use crate::model::Table;

/// One column of a template.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// The canonical Chinese header.
    pub header: &'static str,
    /// The English key, accepted as a header too.
    pub key: &'static str,
    /// Required for every row (conditional requirements are checked per table).
    pub required: bool,
    /// Longest text accepted.
    pub max_chars: usize,
}

const fn col(header: &'static str, key: &'static str, required: bool, max_chars: usize) -> Column {
    Column { header, key, required, max_chars }
}

const PEOPLE: &[Column] = &[
    col("工号", "employee_id", true, 40),
    col("姓名", "name", true, 100),
    col("所在单位", "department", true, 100),
    col("人员类别", "category", false, 20),
    col("领导职务", "leader_level", false, 20),
    col("身份证号", "id_number", false, 18),
    col("兼职/离岗创业", "outside_work", false, 2000),
];

const ORGANIZATIONS: &[Column] = &[
    col("单位名称", "name", true, 200),
    col("统一社会信用代码", "credit_code", false, 18),
    col("单位性质", "ownership", true, 20),
    col("企业规模", "size", false, 20),
    col("所在地区", "region", true, 20),
    col("行业门类", "industry", false, 40),
];

const ACHIEVEMENTS: &[Column] = &[
    col("成果编号", "achievement_no", true, 40),
    col("成果名称", "title", true, 500),
    col("成果类型", "kind", true, 20),
    col("申请号", "application_no", false, 40),
    col("申请日", "filed_on", false, 20),
    col("授权号", "grant_no", false, 60),
    col("授权日", "granted_on", false, 20),
    col("法律状态", "status", true, 20),
    col("所属单位", "department", true, 100),
    col("财政资助项目", "fiscal_project", false, 100),
    col("年费已缴至", "fees_paid_through", false, 10),
    col("完成人", "inventors", true, 2000),
    col("共有人", "co_owners", false, 2000),
];

const CONTRACTS: &[Column] = &[
    col("合同编号", "contract_no", true, 60),
    col("合同名称", "title", true, 500),
    col("转化方式", "kind", true, 20),
    col("许可类型", "license_kind", false, 20),
    col("合作单位", "counterparty", true, 200),
    col("合同金额", "amount", true, 40),
    col("签订日期", "signed_on", true, 20),
    col("涉及成果", "achievements", false, 2000),
    col("技术合同登记号", "registration_no", false, 60),
    col("获得股权", "equity_units", false, 40),
];

const RECEIPTS: &[Column] = &[
    col("合同编号", "contract_no", true, 60),
    col("到账日期", "received_on", true, 20),
    col("到账金额", "amount", true, 40),
    col("凭证号", "voucher_no", false, 60),
];

const COSTS: &[Column] = &[
    col("合同编号", "contract_no", true, 60),
    col("发生日期", "incurred_on", true, 20),
    col("费用类别", "category", true, 20),
    col("金额", "amount", true, 40),
    col("说明", "note", false, 500),
];

/// The columns of a table's template, in the template's order.
pub fn columns(table: Table) -> &'static [Column] {
    match table {
        Table::People => PEOPLE,
        Table::Organizations => ORGANIZATIONS,
        Table::Achievements => ACHIEVEMENTS,
        Table::Contracts => CONTRACTS,
        Table::Receipts => RECEIPTS,
        Table::Costs => COSTS,
    }
}

/// Other headers a column is known by: `省份`, the annual report form's word for an
/// organization's 所在地区, and the words patent lists use for 共有人 (docs/import-templates.md
/// "organizations", "achievements").
const ALIASES: &[(Table, &str, &str)] = &[
    (Table::Organizations, "省份", "region"),
    (Table::Achievements, "共同权利人", "co_owners"),
    (Table::Achievements, "专利权共有人", "co_owners"),
];

/// The template column a header names: the Chinese header, an alias, or the English key in any case.
pub fn find(table: Table, header: &str) -> Option<usize> {
    let h = header.trim();
    let h = h.strip_suffix(')').and_then(|x| x.split_once('(')).map(|(zh, _)| zh.trim()).filter(|zh| !zh.is_empty()).unwrap_or(h);
    let h = ALIASES.iter().find(|(t, alias, _)| *t == table && *alias == h).map_or(h, |(_, _, key)| key);
    columns(table).iter().position(|c| c.header == h || c.key.eq_ignore_ascii_case(h))
}

/// Whether a column holds text, as opposed to an amount, a date or a whole number: what a CSV
/// export neutralises and the CSV import warns about when it looks like a formula (a negative
/// amount or a date is no formula). The export's cell types agree
/// (`text_columns_are_the_exported_text_cells` in core tests/good_files.rs).
pub fn is_text(column: &Column) -> bool {
    !matches!(
        column.key,
        "amount" | "equity_units" | "filed_on" | "granted_on" | "signed_on" | "received_on" | "incurred_on" | "fees_paid_through"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_chinese_or_english() {
        assert_eq!(find(Table::People, "工号"), Some(0));
        assert_eq!(find(Table::People, "EMPLOYEE_ID"), Some(0));
        assert_eq!(find(Table::People, " 姓名 "), Some(1));
        assert_eq!(find(Table::People, "姓 名"), None);
        assert_eq!(find(Table::Contracts, "获得股权"), Some(9));
    }

    #[test]
    fn co_owners_are_the_last_achievement_column_under_three_headers() {
        // Added after 完成人 (the twelfth column), so that the older columns keep their places.
        for header in ["共有人", "co_owners", "共同权利人", "专利权共有人", "共有人(co_owners)"] {
            assert_eq!(find(Table::Achievements, header), Some(12), "{header}");
        }
        assert_eq!(find(Table::Contracts, "共同权利人"), None, "an alias belongs to its table");
        assert!(!columns(Table::Achievements)[12].required, "old files without it still import");
    }
}
