//! The vocabulary of the portfolio: every closed list of the templates, with its English key
//! (used in SQL, JSON, TypeScript and the CLI) and its Chinese label (used in templates and on
//! screen). docs/glossary.md lists them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $key:literal / $zh:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $key)] $variant),+
        }

        impl $name {
            /// Every value, in the template's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The English key.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            /// The Chinese label of the templates.
            pub fn zh(self) -> &'static str {
                match self { $($name::$variant => $zh),+ }
            }

            /// Reads the Chinese label or the English key (case-insensitive).
            pub fn parse(text: &str) -> Option<$name> {
                let t = text.trim();
                Self::ALL.iter().copied().find(|v| v.zh() == t || v.key().eq_ignore_ascii_case(t))
            }

            /// `a / b / c`: the accepted values, for error messages.
            pub fn choices() -> String {
                Self::ALL.iter().map(|v| v.zh()).collect::<Vec<_>>().join(" / ")
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.key().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.key() == text)
                    .ok_or_else(|| rusqlite::types::FromSqlError::Other(format!("unknown {} '{text}'", stringify!($name)).into()))
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary!(
    /// 人员类别.
    Category {
        /// 科研人员
        Researcher = "researcher" / "科研人员",
        /// 技术转移人员
        TransferStaff = "transfer_staff" / "技术转移人员",
        /// 其他
        Other = "other" / "其他",
    }
);

vocabulary!(
    /// 领导职务.
    LeaderLevel {
        /// 无
        None = "none" / "无",
        /// 单位正职 — the legal-person head.
        UnitPrincipal = "unit_principal" / "单位正职",
        /// 单位副职
        UnitDeputy = "unit_deputy" / "单位副职",
        /// 中层
        Middle = "middle" / "中层",
    }
);

vocabulary!(
    /// 单位性质 of an organization.
    Ownership {
        /// 国有企业
        StateOwned = "state_owned" / "国有企业",
        /// 民营企业
        Private = "private" / "民营企业",
        /// 外资企业
        Foreign = "foreign" / "外资企业",
        /// 高校
        University = "university" / "高校",
        /// 科研院所
        Institute = "institute" / "科研院所",
        /// 其他
        Other = "other" / "其他",
    }
);

vocabulary!(
    /// 单位类型 of the institution that keeps the portfolio.
    InstitutionKind {
        /// 高等院校
        University = "university" / "高等院校",
        /// 科研院所
        Institute = "institute" / "科研院所",
        /// 医疗卫生机构
        Hospital = "hospital" / "医疗卫生机构",
        /// 其他
        Other = "other" / "其他",
    }
);

vocabulary!(
    /// 企业规模.
    Size {
        /// 大型
        Large = "large" / "大型",
        /// 中型
        Medium = "medium" / "中型",
        /// 小型
        Small = "small" / "小型",
        /// 微型
        Micro = "micro" / "微型",
    }
);

vocabulary!(
    /// 成果类型.
    AchievementKind {
        /// 发明专利
        InventionPatent = "invention_patent" / "发明专利",
        /// 实用新型专利
        UtilityModel = "utility_model" / "实用新型专利",
        /// 外观设计专利
        DesignPatent = "design_patent" / "外观设计专利",
        /// 软件著作权
        SoftwareCopyright = "software_copyright" / "软件著作权",
        /// 集成电路布图设计
        IcLayout = "ic_layout" / "集成电路布图设计",
        /// 植物新品种
        PlantVariety = "plant_variety" / "植物新品种",
        /// 技术秘密
        KnowHow = "know_how" / "技术秘密",
        /// 其他
        Other = "other" / "其他",
    }
);

impl AchievementKind {
    /// Invention, utility model and design: the kinds with a CN application number and annual fees.
    pub fn is_patent(self) -> bool {
        matches!(self, Self::InventionPatent | Self::UtilityModel | Self::DesignPatent)
    }
}

vocabulary!(
    /// 法律状态.
    AchievementStatus {
        /// 申请中
        Pending = "pending" / "申请中",
        /// 有效
        InForce = "in_force" / "有效",
        /// 失效
        Lapsed = "lapsed" / "失效",
        /// 放弃
        Abandoned = "abandoned" / "放弃",
        /// 届满
        Expired = "expired" / "届满",
    }
);

vocabulary!(
    /// 转化方式.
    ContractKind {
        /// 转让
        Transfer = "transfer" / "转让",
        /// 许可
        License = "license" / "许可",
        /// 作价投资
        Equity = "equity" / "作价投资",
        /// 技术开发
        Development = "development" / "技术开发",
        /// 技术咨询
        Consulting = "consulting" / "技术咨询",
        /// 技术服务
        Service = "service" / "技术服务",
    }
);

impl ContractKind {
    /// Transfer, license and equity: the contracts that transform achievements and must name them.
    pub fn is_transformation(self) -> bool {
        matches!(self, Self::Transfer | Self::License | Self::Equity)
    }
}

vocabulary!(
    /// 定价方式.
    Pricing {
        /// 协议定价 (publicized before signing)
        Agreement = "agreement" / "协议定价",
        /// 挂牌交易
        Listing = "listing" / "挂牌交易",
        /// 拍卖
        Auction = "auction" / "拍卖",
    }
);

vocabulary!(
    /// 付款计划的类型.
    InstallmentKind {
        /// 固定日期
        Fixed = "fixed" / "固定日期",
        /// 里程碑
        Milestone = "milestone" / "里程碑",
        /// 提成期间
        Royalty = "royalty" / "提成",
    }
);

vocabulary!(
    /// 到账类型: an equity deal's dividends and exits are receipts too.
    ReceiptKind {
        /// 合同款
        Payment = "payment" / "合同款",
        /// 分红
        Dividend = "dividend" / "分红",
        /// 股权退出
        Exit = "exit" / "股权退出",
    }
);

vocabulary!(
    /// 许可类型.
    LicenseKind {
        /// 独占
        Exclusive = "exclusive" / "独占",
        /// 排他
        Sole = "sole" / "排他",
        /// 普通
        Ordinary = "ordinary" / "普通",
    }
);

vocabulary!(
    /// 费用类别 of a cost linked to a contract.
    CostCategory {
        /// 评估费
        Appraisal = "appraisal" / "评估费",
        /// 代理费
        Agency = "agency" / "代理费",
        /// 专利费
        PatentFees = "patent_fees" / "专利费",
        /// 税费
        Taxes = "taxes" / "税费",
        /// 交易服务费
        Transaction = "transaction" / "交易服务费",
        /// 其他
        Other = "other" / "其他",
    }
);

vocabulary!(
    /// 分配状态: the steps of a distribution (docs/rules/rewards.md "States").
    DistributionState {
        /// 草稿 — computed and saved, not decided.
        Draft = "draft" / "草稿",
        /// 已审批 — collective decision taken; amounts frozen.
        Approved = "approved" / "已审批",
        /// 已公示 — posted; payable once the period ends.
        Publicized = "publicized" / "已公示",
        /// 已发放 — paid; never edited again.
        Paid = "paid" / "已发放",
    }
);

vocabulary!(
    /// 经费来源 of the research behind a disclosure.
    FundingSource {
        /// 财政资金 — needs the fiscal project's number.
        Fiscal = "fiscal" / "财政资金",
        /// 企业委托
        Enterprise = "enterprise" / "企业委托",
        /// 自筹
        Own = "own" / "自筹",
        /// 其他
        Other = "other" / "其他",
    }
);

vocabulary!(
    /// 成果来源: the level of the funding an achievement (or a project) came from
    /// (docs/annual-report.md "Records of the form's parts 2–5").
    FundingLevel {
        /// 国家级 — fiscal.
        National = "national" / "国家级",
        /// 省部级 — fiscal.
        Provincial = "provincial" / "省部级",
        /// 企业委托
        Enterprise = "enterprise" / "企业委托",
        /// 自筹
        Own = "own" / "自筹",
        /// 其他
        Other = "other" / "其他",
    }
);

impl FundingLevel {
    /// Whether the money is fiscal (财政资金): national and provincial/ministerial levels.
    pub fn fiscal(self) -> bool {
        matches!(self, FundingLevel::National | FundingLevel::Provincial)
    }
}

vocabulary!(
    /// The kind of one of the institution's platforms.
    PlatformKind {
        /// 研发机构
        RdInstitution = "rd_institution" / "研发机构",
        /// 技术转移机构
        TransferInstitution = "transfer_institution" / "技术转移机构",
        /// 服务平台
        ServicePlatform = "service_platform" / "服务平台",
    }
);

vocabulary!(
    /// Whether a platform is the institution's own or built with a partner.
    PlatformMode {
        /// 自建
        Own = "own" / "自建",
        /// 共建 — with a partner.
        Joint = "joint" / "共建",
    }
);

vocabulary!(
    /// A person's period in a company.
    OutsideWorkKind {
        /// 兼职
        PartTime = "part_time" / "兼职",
        /// 离岗创业 — on leave to found or join a company.
        LeaveToFound = "leave_to_found" / "离岗创业",
    }
);

vocabulary!(
    /// 处理决定 of a disclosure, and the recommendation of its pre-filing assessment.
    DisclosureDecision {
        /// 申请专利
        FilePatent = "file_patent" / "申请专利",
        /// 作为技术秘密保护
        KeepSecret = "keep_secret" / "作为技术秘密",
        /// 赋权给完成人
        GrantToInventors = "grant_to_inventors" / "赋权给完成人",
        /// 不予保护（放弃）
        Drop = "drop" / "放弃",
    }
);

vocabulary!(
    /// 披露状态, derived from the records (never stored): received → assessed → decided →
    /// converted, or dropped.
    DisclosureStatus {
        /// 已受理 — no assessment yet.
        Received = "received" / "已受理",
        /// 已评估 — assessed, not decided.
        Assessed = "assessed" / "已评估",
        /// 已决定 — decided, no achievement yet.
        Decided = "decided" / "已决定",
        /// 已转化为成果 — at least one achievement came from it.
        Converted = "converted" / "已形成成果",
        /// 已放弃 — decided not to protect.
        Dropped = "dropped" / "已放弃",
    }
);

vocabulary!(
    /// 评估类型 (docs/rules/publicity.md "Valuations").
    ValuationKind {
        /// 资产评估报告 by an appraiser — at least two methods.
        Appraisal = "appraisal" / "评估报告",
        /// 内部评估
        Internal = "internal" / "内部评估",
    }
);

vocabulary!(
    /// 评估方法.
    ValuationMethod {
        /// 收益法
        Income = "income" / "收益法",
        /// 市场法
        Market = "market" / "市场法",
        /// 成本法
        Cost = "cost" / "成本法",
    }
);

vocabulary!(
    /// The six tables of the standard import templates.
    Table {
        /// 人员
        People = "people" / "人员",
        /// 单位
        Organizations = "organizations" / "单位",
        /// 成果
        Achievements = "achievements" / "成果",
        /// 合同
        Contracts = "contracts" / "合同",
        /// 到账
        Receipts = "receipts" / "到账",
        /// 费用
        Costs = "costs" / "费用",
    }
);

/// 境外: the region of a counterparty outside mainland China.
pub const ABROAD: &str = "境外";

/// The province-level regions of China a counterparty can be in, besides 境外.
pub const PROVINCES: &[&str] = &[
    "北京市",
    "天津市",
    "河北省",
    "山西省",
    "内蒙古自治区",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "上海市",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "广西壮族自治区",
    "海南省",
    "重庆市",
    "四川省",
    "贵州省",
    "云南省",
    "西藏自治区",
    "陕西省",
    "甘肃省",
    "青海省",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "香港特别行政区",
    "澳门特别行政区",
    "台湾省",
];

/// 国民经济行业分类 (GB/T 4754-2017): the twenty sections (门类), letter and name, as the
/// `industry_section` table holds them.
pub const INDUSTRY_SECTIONS: &[(&str, &str)] = &[
    ("A", "农、林、牧、渔业"),
    ("B", "采矿业"),
    ("C", "制造业"),
    ("D", "电力、热力、燃气及水生产和供应业"),
    ("E", "建筑业"),
    ("F", "批发和零售业"),
    ("G", "交通运输、仓储和邮政业"),
    ("H", "住宿和餐饮业"),
    ("I", "信息传输、软件和信息技术服务业"),
    ("J", "金融业"),
    ("K", "房地产业"),
    ("L", "租赁和商务服务业"),
    ("M", "科学研究和技术服务业"),
    ("N", "水利、环境和公共设施管理业"),
    ("O", "居民服务、修理和其他服务业"),
    ("P", "教育"),
    ("Q", "卫生和社会工作"),
    ("R", "文化、体育和娱乐业"),
    ("S", "公共管理、社会保障和社会组织"),
    ("T", "国际组织"),
];

/// Reads an industry section: its letter (`C`, `c`), its name (`制造业`) or both (`C 制造业`,
/// `C-制造业`); the letter, or None.
pub fn parse_industry(text: &str) -> Option<&'static str> {
    let t = text.trim();
    INDUSTRY_SECTIONS.iter().find_map(|(letter, name)| {
        let rest =
            t.get(..1).filter(|l| l.eq_ignore_ascii_case(letter)).map(|_| t[1..].trim_start_matches([' ', '-', '　', '.', '、']).trim());
        let matches = t == *name || rest.is_some_and(|r| r.is_empty() || r == *name);
        matches.then_some(*letter)
    })
}

/// The name of an industry section by its letter.
pub fn industry_name(letter: &str) -> Option<&'static str> {
    INDUSTRY_SECTIONS.iter().find(|(l, _)| *l == letter).map(|(_, n)| *n)
}

/// Normalizes a region: a full province-level name, its short form (四川, 北京) or 境外.
pub fn parse_region(text: &str) -> Option<&'static str> {
    let t = text.trim();
    if t == ABROAD {
        return Some(ABROAD);
    }
    PROVINCES.iter().copied().find(|p| {
        *p == t
            || (t.chars().count() >= 2
                && p.starts_with(t)
                && ["省", "市", "自治区", "壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区"]
                    .iter()
                    .any(|suffix| p.strip_prefix(t) == Some(*suffix)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_keys_both_parse() {
        assert_eq!(ContractKind::parse("作价投资"), Some(ContractKind::Equity));
        assert_eq!(ContractKind::parse("Equity"), Some(ContractKind::Equity));
        assert_eq!(AchievementKind::parse("集成电路布图设计"), Some(AchievementKind::IcLayout));
        assert_eq!(LeaderLevel::parse("无"), Some(LeaderLevel::None));
        assert_eq!(Size::parse("巨型"), None);
    }

    #[test]
    fn industry_sections_read_by_letter_or_name() {
        assert_eq!(parse_industry("C"), Some("C"));
        assert_eq!(parse_industry("c"), Some("C"));
        assert_eq!(parse_industry("制造业"), Some("C"));
        assert_eq!(parse_industry("C 制造业"), Some("C"));
        assert_eq!(parse_industry("I-信息传输、软件和信息技术服务业"), Some("I"));
        assert_eq!(parse_industry("C 采矿业"), None, "a letter with another section's name is no section");
        assert_eq!(parse_industry("U"), None);
        assert_eq!(parse_industry("制造"), None);
        assert_eq!(parse_industry("中"), None, "a multi-byte first character is no letter");
        assert_eq!(industry_name("T"), Some("国际组织"));
        assert_eq!(INDUSTRY_SECTIONS.len(), 20, "GB/T 4754-2017 has sections A to T");
    }

    #[test]
    fn serde_uses_the_english_key() {
        assert_eq!(serde_json::to_string(&AchievementStatus::InForce).ok(), Some("\"in_force\"".into()));
    }

    #[test]
    fn regions() {
        assert_eq!(parse_region("四川"), Some("四川省"));
        assert_eq!(parse_region("北京市"), Some("北京市"));
        assert_eq!(parse_region("新疆"), Some("新疆维吾尔自治区"));
        assert_eq!(parse_region("境外"), Some("境外"));
        assert_eq!(parse_region("火星"), None);
        assert_eq!(parse_region("四"), None);
    }
}
