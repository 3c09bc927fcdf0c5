//! One problem of an input — a cell of a file, located by sheet, row and column, or a field of a
//! form — with the one rule for a form's text fields (`form_text`). Every validation in the
//! crate reports through it, so it sits with the foundation and not in the import.

use crate::date::DateError;
use crate::ident::IdentError;
use crate::lang::Lang;
use crate::money::AmountError;
use crate::share::{ListError, ShareError};
use serde::Serialize;
use ts_rs::TS;

/// What is wrong with a cell, a row or the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// The file has no bytes.
    EmptyFile,
    /// Not a readable .xlsx / .csv.
    Unreadable(String),
    /// A CSV not in UTF-8 (often GBK from old Excel).
    NotUtf8,
    /// The file's extension is neither .xlsx nor .csv.
    UnsupportedFormat,
    /// No header row.
    NoHeader,
    /// A header that is not a column of the template.
    UnknownColumn,
    /// The same column twice.
    DuplicateColumn,
    /// A required column is absent.
    MissingColumn,
    /// An empty required cell.
    Required,
    /// An entry of a co-owner list without the organization's name (`:是`): `required` too.
    MissingName,
    /// A cell holding a formula instead of a value.
    Formula,
    /// Part of a merged range.
    Merged(String),
    /// A spreadsheet error value (#N/A …).
    CellError,
    /// Longer than the field allows.
    TooLong(usize),
    /// A name holding a colon or a control character (it would garble the audit log's actor).
    BadCharacters,
    Amount(AmountError),
    Date(DateError),
    Percent(ShareError),
    List(ListError),
    ApplicationNo(IdentError),
    /// An application number whose type digit names another kind of patent: (that kind).
    ApplicationKind(crate::model::AchievementKind),
    CreditCode(IdentError),
    IdNumber(IdentError),
    /// A masked resident ID (from an export without full numbers).
    MaskedIdNumber,
    /// Not one of the listed values.
    Choice(String),
    /// Not a province-level region or 境外.
    Region,
    /// Not a whole number in range.
    Integer(i64, i64),
    /// Shares do not add up to 100.
    SharesSum(i64),
    /// Weights do not add up to 100.
    WeightsSum(i64),
    /// Some list entries have weights, others not.
    MixedWeights,
    /// The same key twice in one list.
    RepeatedEntry(String),
    /// The key appears on an earlier row of the file.
    DuplicateInFile(usize),
    /// The key already exists in the database.
    DuplicateInDatabase,
    /// A reference to a record that exists neither in the database nor in the file.
    UnknownReference(&'static str, String),
    /// Needed for this kind of record.
    RequiredFor(String),
    /// Must be empty for this kind of record.
    NotAllowedFor(String),
    /// A date before the date it must follow.
    DateOrder(String),
    /// A day outside the year being edited.
    OutsideYear(i32),
    /// A make-up working day (调休上班) that is not a weekend day.
    WorkdayNotWeekend,
    /// A percentage outside 0–100.
    Ratio,
    /// Parts that must add up to 100% do not.
    PartsSum(i64),
    /// A date after today where only the past makes sense.
    InFuture,
    /// A date after the date it must precede.
    DateAfter(String),
    /// Fewer entries than the rule asks for (an appraisal uses at least two methods).
    TooFew(usize),
    /// An amount below the amount it must not be below (a range's upper end).
    AmountBelow(String),
    /// A bank account that is not 12–30 digits.
    BankAccount,
    /// A phone number with characters other than digits, spaces, `-`, `+`, brackets and 转.
    Phone,
    /// An e-mail address that is not name@domain.tld.
    Email,
    /// A password too short, or the login name itself.
    WeakPassword,
    /// A login name with characters other than letters, digits, `.`, `_`, `-` and `@`.
    LoginName,
    // Import wizard (the office's own workbook).
    /// The workbook has no sheet of that name.
    NoSheet(String),
    /// A name no person has (the wizard resolves inventors' names to employee IDs).
    UnknownName,
    /// A name several people have: (how many).
    AmbiguousName(usize),
    /// Several names without a share each.
    SharesMissing,
    /// Not an amount in 万元.
    WanYuan,
    /// Agreed amounts that do not add up to the pool: (their sum, the pool), in fen (or units).
    NotThePool(i64, i64),
    /// Not a fraction `a/b` of whole numbers with `b` from 1 (and a common denominator that stays
    /// within 1,000,000,000).
    Fraction,
    /// Agreed fractions that do not add up to 1: (their sum, as `a/b`).
    NotWhole(String),
    /// Some people given as fractions of the pool, others as amounts.
    FractionsMixed,
    /// A ratio below the statutory minimum (bp) for the kind.
    StatutoryMinimum(i64),
    /// A person who is neither an inventor of the contract's achievements nor named transfer staff.
    NotAContributor,
    /// The file goes beyond a limit of the reader (docs/import-templates.md "Limits"): refused
    /// before it can take the memory the limit protects.
    Limit(Limit),
    // CNIPA batch file and payment receipts (docs/rules/batch-payment.md).
    /// A fee of a patent year that is already paid: (the paid-through year).
    FeeYearPaid(i64),
    /// Not the next unpaid year: (the next one).
    FeeYearNotNext(i64),
    /// A year beyond the patent's term: the patent has expired or every year is paid: (the term).
    FeeBeyondTerm(i64),
    /// A patent no longer in force: (its status, in Chinese).
    FeeNotInForce(String),
    /// Not a granted patent: no annual fee.
    FeeNotApplicable,
    /// A fee name that is not one of CNIPA's annual-fee names (第N年年费, 年费滞纳金, 恢复权利请求费).
    FeeName,
    /// The fee name's kind of patent differs from the patent's: (the patent's kind).
    FeeNameKind(crate::model::AchievementKind),
    /// A paid amount other than the rules' on the payment day: (expected, paid) in fen.
    FeeAmount(i64, i64),
    /// A 滞纳金 or 恢复权利请求费 row without the annual fee it belongs to (same patent and day).
    FeeWithoutAnnualFee,
    /// A surcharge or restoration the rules ask for on that day is missing from the list: (fee
    /// name, expected fen).
    FeeRowMissing(String, i64),
    /// The payer's credit code is missing (a unit's 票据 needs it).
    PayerCreditCode,
}

/// A limit of the file reader, with its value: what the problem names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Limit {
    /// The file has more bytes than this.
    FileBytes(u64),
    /// The workbook holds more parts (files inside the .xlsx) than this.
    Parts(u64),
    /// A part of the workbook, uncompressed, has more bytes than this: (part, bytes).
    PartBytes(String, u64),
    /// One XML tag or text run of a part is longer than this many bytes: (part, bytes).
    XmlToken(String, u64),
    /// The shared-strings table announces more strings than this.
    SharedStrings(u64),
    /// A cell below this row number.
    Rows(u64),
    /// A cell right of this column (1-based count).
    Columns(u64),
    /// More cells than this, counting every row up to its last value.
    Cells(u64),
    /// A cell with more characters than this.
    CellChars(u64),
    /// More text than this many bytes in all cells together.
    TextBytes(u64),
    /// More merged ranges than this in one sheet.
    MergedRanges(u64),
    /// More problems than this: the reader stops.
    Problems(u64),
}

impl Limit {
    /// The stable code, `limit_…`.
    pub fn code(&self) -> &'static str {
        match self {
            Limit::FileBytes(_) => "limit_file_size",
            Limit::Parts(_) => "limit_parts",
            Limit::PartBytes(..) => "limit_part_size",
            Limit::XmlToken(..) => "limit_xml_token",
            Limit::SharedStrings(_) => "limit_shared_strings",
            Limit::Rows(_) => "limit_rows",
            Limit::Columns(_) => "limit_columns",
            Limit::Cells(_) => "limit_cells",
            Limit::CellChars(_) => "limit_cell_length",
            Limit::TextBytes(_) => "limit_text",
            Limit::MergedRanges(_) => "limit_merged_cells",
            Limit::Problems(_) => "limit_problems",
        }
    }

    fn text(&self, lang: Lang) -> String {
        let mib = |b: &u64| b / (1024 * 1024);
        let zh = lang == Lang::Zh;
        let (zh_text, en_text) = match self {
            Limit::FileBytes(b) => (format!("文件超过 {} MiB", mib(b)), format!("the file is larger than {} MiB", mib(b))),
            Limit::Parts(n) => {
                (format!("工作簿内的部件超过 {} 个", grouped(*n)), format!("the workbook holds more than {} parts", grouped(*n)))
            }
            Limit::PartBytes(part, b) => (
                format!("工作簿部件 {part} 解压后超过 {} MiB", mib(b)),
                format!("the workbook part {part} is larger than {} MiB uncompressed", mib(b)),
            ),
            Limit::XmlToken(part, b) => (
                format!("工作簿部件 {part} 中有一段标记或文本超过 {} KiB", b / 1024),
                format!("the workbook part {part} holds a tag or text run longer than {} KiB", b / 1024),
            ),
            Limit::SharedStrings(n) => (
                format!("共享字符串表声明了超过 {} 项", grouped(*n)),
                format!("the shared-strings table announces more than {} strings", grouped(*n)),
            ),
            Limit::Rows(n) => (format!("单元格超出第 {} 行", grouped(*n)), format!("a cell below row {}", grouped(*n))),
            Limit::Columns(n) => (
                format!("单元格超出第 {} 列（{}）", grouped(*n), column_letter(*n as usize - 1)),
                format!("a cell right of column {} ({})", grouped(*n), column_letter(*n as usize - 1)),
            ),
            Limit::Cells(n) => (
                format!("单元格超过 {} 个（每行算到最后一个有值的单元格）", grouped(*n)),
                format!("more than {} cells (each row counted up to its last value)", grouped(*n)),
            ),
            Limit::CellChars(n) => (format!("单元格超过 {} 个字符", grouped(*n)), format!("a cell longer than {} characters", grouped(*n))),
            Limit::TextBytes(b) => (format!("全部文本超过 {} MiB", mib(b)), format!("more than {} MiB of text in all", mib(b))),
            Limit::MergedRanges(n) => {
                (format!("合并单元格区域超过 {} 个", grouped(*n)), format!("more than {} merged ranges", grouped(*n)))
            }
            Limit::Problems(n) => {
                (format!("问题超过 {} 处，已停止检查", grouped(*n)), format!("more than {} problems; the check stopped", grouped(*n)))
            }
        };
        if zh {
            format!("超出读取限制：{zh_text}")
        } else {
            format!("over the reader's limit: {en_text}")
        }
    }
}

/// 1048576 → `1,048,576`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

impl ProblemKind {
    /// A stable code for scripts and the UI.
    pub fn code(&self) -> &'static str {
        use ProblemKind::*;
        match self {
            EmptyFile => "empty_file",
            Unreadable(_) => "unreadable_file",
            NotUtf8 => "not_utf8",
            UnsupportedFormat => "unsupported_format",
            NoHeader => "no_header",
            UnknownColumn => "unknown_column",
            DuplicateColumn => "duplicate_column",
            MissingColumn => "missing_column",
            Required | MissingName => "required",
            Formula => "formula",
            Merged(_) => "merged_cell",
            CellError => "cell_error",
            TooLong(_) => "too_long",
            BadCharacters => "bad_characters",
            Amount(_) => "bad_amount",
            Date(_) => "bad_date",
            Percent(_) => "bad_share",
            List(_) => "bad_list",
            ApplicationNo(IdentError::CheckDigit { .. })
            | CreditCode(IdentError::CheckDigit { .. })
            | IdNumber(IdentError::CheckDigit { .. }) => "bad_check_digit",
            ApplicationNo(_) => "bad_application_no",
            ApplicationKind(_) => "application_kind_mismatch",
            CreditCode(_) => "bad_credit_code",
            IdNumber(_) => "bad_id_number",
            MaskedIdNumber => "masked_id_number",
            Choice(_) => "bad_choice",
            Region => "bad_region",
            Integer(..) => "bad_integer",
            SharesSum(_) => "shares_not_100",
            WeightsSum(_) => "weights_not_100",
            MixedWeights => "mixed_weights",
            RepeatedEntry(_) => "repeated_entry",
            DuplicateInFile(_) => "duplicate_in_file",
            DuplicateInDatabase => "duplicate_in_database",
            UnknownReference(..) => "unknown_reference",
            RequiredFor(_) => "required_for_kind",
            NotAllowedFor(_) => "not_allowed_for_kind",
            DateOrder(_) => "date_order",
            OutsideYear(_) => "outside_year",
            WorkdayNotWeekend => "workday_not_weekend",
            Ratio => "bad_ratio",
            PartsSum(_) => "parts_not_100",
            InFuture => "date_in_future",
            DateAfter(_) => "date_order",
            TooFew(_) => "too_few",
            AmountBelow(_) => "amount_order",
            BankAccount => "bad_bank_account",
            Phone => "bad_phone",
            Email => "bad_email",
            WeakPassword => "weak_password",
            LoginName => "bad_login_name",
            NoSheet(_) => "no_sheet",
            UnknownName => "unknown_name",
            AmbiguousName(_) => "ambiguous_name",
            SharesMissing => "shares_missing",
            WanYuan => "bad_wan_yuan",
            NotThePool(..) => "amounts_not_pool",
            Fraction => "bad_fraction",
            NotWhole(_) => "fractions_not_whole",
            FractionsMixed => "fractions_mixed",
            NotAContributor => "not_a_contributor",
            StatutoryMinimum(_) => "below_statutory_minimum",
            Limit(l) => l.code(),
            FeeYearPaid(_) => "fee_year_already_paid",
            FeeYearNotNext(_) => "fee_year_not_next",
            FeeBeyondTerm(_) => "fee_year_beyond_term",
            FeeNotInForce(_) => "fee_not_in_force",
            FeeNotApplicable => "fee_not_applicable",
            FeeName => "unknown_fee_name",
            FeeNameKind(_) => "fee_kind_mismatch",
            FeeAmount(..) => "fee_amount_mismatch",
            FeeWithoutAnnualFee => "fee_without_annual_fee",
            FeeRowMissing(..) => "fee_row_missing",
            PayerCreditCode => "payer_credit_code_missing",
        }
    }

    /// What is wrong, for a person.
    pub fn text(&self, lang: Lang) -> String {
        use ProblemKind::*;
        let zh = lang == Lang::Zh;
        match self {
            EmptyFile => lang.pick("文件为空", "the file is empty").into(),
            Unreadable(m) => {
                if zh {
                    format!("无法读取文件（不是有效的 .xlsx/.csv）：{m}")
                } else {
                    format!("cannot read the file (not a valid .xlsx/.csv): {m}")
                }
            }
            NotUtf8 => lang
                .pick(
                    "CSV 不是 UTF-8 编码（可能是 GBK），请在 Excel 中另存为“CSV UTF-8”",
                    "the CSV is not UTF-8 (GBK?); save it as \"CSV UTF-8\"",
                )
                .into(),
            UnsupportedFormat => lang.pick("只支持 .xlsx 和 .csv 文件", "only .xlsx and .csv files are supported").into(),
            NoHeader => lang.pick("没有表头行", "no header row").into(),
            UnknownColumn => lang
                .pick(
                    "未知的列（请检查拼写，模板之外的列不会被导入）",
                    "unknown column (check the spelling; columns outside the template are refused)",
                )
                .into(),
            DuplicateColumn => lang.pick("列重复", "the column appears twice").into(),
            MissingColumn => lang.pick("缺少必填列", "required column missing").into(),
            Required => lang.pick("必填项为空", "required value is empty").into(),
            MissingName => lang
                .pick(
                    "缺少单位名称（应写 单位名称:是 或 单位名称:否）",
                    "the organization's name is missing (write 单位名称:是 or 单位名称:否)",
                )
                .into(),
            Formula => lang.pick("单元格含公式，请粘贴为数值后再导入", "the cell holds a formula; paste it as a value").into(),
            Merged(r) => {
                if zh {
                    format!("合并单元格（{r}），请取消合并")
                } else {
                    format!("merged cells ({r}); unmerge them")
                }
            }
            CellError => lang.pick("单元格是错误值（如 #N/A）", "the cell holds an error value (e.g. #N/A)").into(),
            TooLong(n) => {
                if zh {
                    format!("内容过长（最多 {n} 个字符）")
                } else {
                    format!("too long (at most {n} characters)")
                }
            }
            Amount(e) => match (e, zh) {
                (AmountError::Empty, true) => "金额为空".into(),
                (AmountError::Negative, true) => "金额不能为负数".into(),
                (AmountError::TooManyDecimals, true) => "金额最多两位小数".into(),
                (AmountError::NotANumber, true) => "不是金额（以元为单位的数字，如 12345.67）".into(),
                (AmountError::BadGrouping, true) => "千分位逗号位置不对".into(),
                (AmountError::TooLarge, true) => "金额过大".into(),
                (e, false) => format!("bad amount: {e} (yuan, e.g. 12345.67)"),
            },
            Date(e) => match (e, zh) {
                (DateError::Empty, true) => "日期为空".into(),
                (DateError::Format, true) => "不是日期（应为 YYYY-MM-DD、YYYY/MM/DD 或 YYYY年M月D日）".into(),
                (DateError::NoSuchDay, true) => "日历中没有这一天".into(),
                (DateError::OutOfRange, true) => "年份超出 1900–2200".into(),
                (e, false) => format!("bad date: {e}"),
            },
            Percent(e) => match (e, zh) {
                (ShareError::NotANumber, true) => "不是百分比".into(),
                (ShareError::TooManyDecimals, true) => "百分比最多两位小数".into(),
                (ShareError::OutOfRange, true) => "百分比应大于 0 且不超过 100".into(),
                (e, false) => format!("bad percentage: {e}"),
            },
            List(e) => match (e, zh) {
                (ListError::Empty, true) => "列表为空".into(),
                (ListError::MissingKey(i), true) => format!("第 {i} 项缺少编号"),
                (ListError::Share(i, s), true) => format!("第 {i} 项：{}", Percent(s.clone()).text(lang)),
                (e, false) => format!("bad list: {e} (e.g. T001*:50; T002:50)"),
            },
            ApplicationNo(e) => ident_text(e, lang, "申请号", "application number"),
            ApplicationKind(kind) => {
                if zh {
                    format!("申请号的类型位表示{}，与成果类型不符（申请号第 5 位，2003 年前的 8 位申请号为第 3 位：1/8 发明，2/9 实用新型，3 外观设计）", kind.zh())
                } else {
                    format!(
                        "the application number's type digit says {}, not this kind (the 5th digit, the 3rd of an 8-digit number before 2003: 1/8 invention, 2/9 utility model, 3 design)",
                        kind.key().replace('_', " ")
                    )
                }
            }
            CreditCode(e) => ident_text(e, lang, "统一社会信用代码", "credit code"),
            IdNumber(e) => ident_text(e, lang, "身份证号", "resident ID"),
            MaskedIdNumber => lang
                .pick(
                    "身份证号已脱敏（导出时未要求完整号码）：请填写完整号码或留空",
                    "the resident ID is masked (exported without full numbers): give the full number or leave it empty",
                )
                .into(),
            BadCharacters => lang.pick("不能含冒号或控制字符", "must not hold a colon or a control character").into(),
            Choice(c) => {
                if zh {
                    format!("取值应为：{c}")
                } else {
                    format!("must be one of: {c}")
                }
            }
            Region => {
                lang.pick("应为省级行政区名称（如 四川省、北京市）或 境外", "must be a province-level region (e.g. 四川省) or 境外").into()
            }
            Integer(lo, hi) => {
                if zh {
                    format!("应为 {lo} 到 {hi} 之间的整数")
                } else {
                    format!("must be a whole number from {lo} to {hi}")
                }
            }
            SharesSum(bp) => {
                if zh {
                    format!("份额合计为 {}，应恰好为 100", crate::share::format_percent(*bp))
                } else {
                    format!("shares add up to {}, not exactly 100", crate::share::format_percent(*bp))
                }
            }
            WeightsSum(bp) => {
                if zh {
                    format!("权重合计为 {}，应恰好为 100", crate::share::format_percent(*bp))
                } else {
                    format!("weights add up to {}, not exactly 100", crate::share::format_percent(*bp))
                }
            }
            MixedWeights => lang
                .pick(
                    "部分成果写了权重、部分没写：要么都写，要么都不写（均分）",
                    "some entries have weights and others not: give all or none (equal)",
                )
                .into(),
            RepeatedEntry(k) => {
                if zh {
                    format!("{k} 在列表中出现了两次")
                } else {
                    format!("{k} appears twice in the list")
                }
            }
            DuplicateInFile(r) => {
                if zh {
                    format!("与第 {r} 行重复")
                } else {
                    format!("duplicates row {r}")
                }
            }
            DuplicateInDatabase => lang.pick("数据库中已存在", "already exists in the database").into(),
            UnknownReference(what, k) => {
                if zh {
                    format!("找不到{}：{k}（须已在系统中）", zh_what(what))
                } else {
                    format!("unknown {what}: {k} (must exist already)")
                }
            }
            RequiredFor(kind) => {
                if zh {
                    format!("{kind}必须填写")
                } else {
                    format!("required for {kind}")
                }
            }
            NotAllowedFor(kind) => {
                if zh {
                    format!("{kind}不应填写")
                } else {
                    format!("must be empty for {kind}")
                }
            }
            DateOrder(other) => {
                if zh {
                    format!("不能早于{other}")
                } else {
                    format!("cannot be before {other}")
                }
            }
            OutsideYear(y) => {
                if zh {
                    format!("不在 {y} 年内")
                } else {
                    format!("not in {y}")
                }
            }
            WorkdayNotWeekend => lang.pick("调休上班日应为周六或周日", "a make-up working day must be a Saturday or Sunday").into(),
            Ratio => lang.pick("比例应在 0 到 100% 之间", "a ratio must be from 0 to 100%").into(),
            InFuture => lang.pick("日期晚于今天", "the date is after today").into(),
            TooFew(n) => {
                if zh {
                    format!("至少需要 {n} 项")
                } else {
                    format!("at least {n} needed")
                }
            }
            BankAccount => lang.pick("银行账号应为 12–30 位数字", "a bank account is 12–30 digits").into(),
            Phone => lang
                .pick("电话只能包含数字、空格、-、+、括号和“转”", "a phone number has digits, spaces, -, +, brackets and 转 only")
                .into(),
            Email => lang.pick("电子邮箱应形如 name@example.edu.cn", "an e-mail address looks like name@example.edu.cn").into(),
            WeakPassword => lang
                .pick("密码至少 10 个字符，且不能与登录名相同", "a password has at least 10 characters and is not the login name")
                .into(),
            LoginName => {
                lang.pick("登录名只能包含字母、数字和 . _ - @，长度 2–64", "a login name has 2–64 letters, digits or . _ - @").into()
            }
            NoSheet(name) => {
                if zh {
                    format!("工作簿中没有名为“{name}”的工作表")
                } else {
                    format!("the workbook has no sheet named \"{name}\"")
                }
            }
            UnknownName => lang
                .pick(
                    "没有此姓名的人员：请先导入人员，或改写为工号",
                    "no person has this name: import people first, or write the employee ID",
                )
                .into(),
            AmbiguousName(n) => {
                if zh {
                    format!("有 {n} 位人员同名，请改写为工号")
                } else {
                    format!("{n} people have this name: write the employee ID instead")
                }
            }
            SharesMissing => lang
                .pick("多名完成人须写明各自份额，如 张三(60%)、李四(40%)", "several inventors need a share each, e.g. 张三(60%)、李四(40%)")
                .into(),
            WanYuan => lang
                .pick(
                    "不是万元金额（如 12.5 或 12.5万元，最多 6 位小数）",
                    "not an amount in 万元 (e.g. 12.5 or 12.5万元, at most 6 decimals)",
                )
                .into(),
            AmountBelow(other) => {
                if zh {
                    format!("不能低于{other}")
                } else {
                    format!("cannot be below {other}")
                }
            }
            DateAfter(other) => {
                if zh {
                    format!("不能晚于{other}")
                } else {
                    format!("cannot be after {other}")
                }
            }
            PartsSum(bp) => {
                if zh {
                    format!("各部分合计为 {}%，应恰好为 100%", crate::share::format_percent(*bp))
                } else {
                    format!("the parts add up to {}%, not exactly 100%", crate::share::format_percent(*bp))
                }
            }
            NotThePool(sum, pool) => {
                let (sum, pool, diff) = (crate::money::Money(*sum), crate::money::Money(*pool), crate::money::Money(sum - pool));
                if zh {
                    format!("各人金额合计 {} 与奖励总额 {} 不符，相差 {}", sum.grouped(), pool.grouped(), diff.grouped())
                } else {
                    format!("the amounts add up to {}, not the pool of {} (difference {})", sum.grouped(), pool.grouped(), diff.grouped())
                }
            }
            Fraction => lang
                .pick(
                    "不是分数：应写成“分子/分母”，均为整数，分母至少为 1（如 10/28）",
                    "not a fraction: write numerator/denominator in whole numbers, the denominator at least 1 (e.g. 10/28)",
                )
                .into(),
            NotWhole(sum) => {
                if zh {
                    format!("各人比例合计为 {sum}，应恰好为 1（奖励总额的全部）")
                } else {
                    format!("the fractions add up to {sum}, not exactly 1 (the whole pool)")
                }
            }
            FractionsMixed => lang
                .pick(
                    "部分人员写了比例（分数）、部分写了金额：要么都写金额，要么都写比例",
                    "some people are given a fraction and others an amount: give all amounts or all fractions",
                )
                .into(),
            StatutoryMinimum(bp) => {
                if zh {
                    format!("低于法定最低比例 {}%（促进科技成果转化法第四十五条）", crate::share::format_percent(*bp))
                } else {
                    format!(
                        "below the statutory minimum of {}% (Law on Promoting the Transformation, Art. 45)",
                        crate::share::format_percent(*bp)
                    )
                }
            }
            NotAContributor => lang
                .pick(
                    "不是本合同成果的完成人，也不是本次列明的转化人员",
                    "neither an inventor of the contract's achievements nor named transfer staff",
                )
                .into(),
            Limit(l) => l.text(lang),
            FeeYearPaid(through) => {
                if zh {
                    format!("该年度年费已缴（已缴至第 {through} 年）")
                } else {
                    format!("this year's fee is already paid (paid through year {through})")
                }
            }
            FeeYearNotNext(next) => {
                if zh {
                    format!("不是下一个应缴年度（应为第 {next} 年）")
                } else {
                    format!("not the next unpaid year (that is year {next})")
                }
            }
            FeeBeyondTerm(term) => {
                if zh {
                    format!("超出保护期（{term} 年），专利已届满或各年度均已缴")
                } else {
                    format!("beyond the {term}-year term: the patent has expired or every year is paid")
                }
            }
            FeeNotInForce(status) => {
                if zh {
                    format!("专利已不在有效期内（{status}）")
                } else {
                    format!("the patent is no longer in force ({status})")
                }
            }
            FeeNotApplicable => lang.pick("不是已授权的专利，没有年费", "not a granted patent: no annual fee").into(),
            FeeName => lang
                .pick(
                    "费用名称不是年费（应为“发明专利第5年年费”“年费滞纳金”“恢复权利请求费”等）",
                    "not an annual-fee name (发明专利第5年年费, 年费滞纳金, 恢复权利请求费 …)",
                )
                .into(),
            FeeNameKind(kind) => {
                if zh {
                    format!("费用名称中的专利类型与成果不符（该专利是{}）", kind.zh())
                } else {
                    format!("the fee name names another kind of patent (this one is a {})", kind.zh())
                }
            }
            FeeAmount(expected, paid) => {
                let (expected, paid) = (crate::money::Money(*expected).grouped(), crate::money::Money(*paid).grouped());
                if zh {
                    format!("金额 {paid} 与按规则当日应缴 {expected} 不符")
                } else {
                    format!("amount {paid} differs from the {expected} the rules ask on that day")
                }
            }
            FeeWithoutAnnualFee => lang
                .pick(
                    "找不到同一专利同一天缴纳的年费，无法对应",
                    "no annual fee of the same patent paid the same day to join it to",
                )
                .into(),
            FeeRowMissing(name, fen) => {
                let fen = crate::money::Money(*fen).grouped();
                if zh {
                    format!("缺少“{name}”（按规则当日应缴 {fen}）")
                } else {
                    format!("no “{name}” row although the rules ask {fen} on that day")
                }
            }
            PayerCreditCode => lang
                .pick(
                    "缴费人的统一社会信用代码为空：请在“设置 → 单位信息”的单位代码中填写，或在生成时填写",
                    "the payer's unified social credit code is missing: enter it as the institution's code in Settings, or when writing the file",
                )
                .into(),
        }
    }
}

fn zh_what(what: &str) -> &str {
    match what {
        "person" => "人员（工号）",
        "achievement" => "成果（成果编号）",
        "contract" => "合同（合同编号）",
        "organization" => "单位",
        other => other,
    }
}

fn ident_text(e: &IdentError, lang: Lang, zh_name: &str, en_name: &str) -> String {
    match (e, lang) {
        (IdentError::CheckDigit { expected }, Lang::Zh) => format!("{zh_name}校验位错误（按规则应为 {expected}）"),
        (IdentError::Format, Lang::Zh) => format!("{zh_name}格式不对"),
        (IdentError::BirthDate, Lang::Zh) => format!("{zh_name}中的出生日期不存在"),
        (e, Lang::En) => format!("bad {en_name}: {e}"),
    }
}

/// A problem at a place in a file: row as the spreadsheet shows it (header = 1; 0 = the whole
/// file), column as its header reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The sheet's name, or the file name for CSV.
    pub sheet: String,
    /// Spreadsheet row, 1-based; 0 for the file as a whole.
    pub row: usize,
    /// Zero-based column index when the problem belongs to a cell.
    pub col: Option<usize>,
    /// The column's header as written in the file (or the template's for a missing column).
    pub column: String,
    /// The offending value as text.
    pub value: String,
    /// What is wrong.
    pub kind: ProblemKind,
}

impl Problem {
    /// A problem of a form field or a command option (no file, no row).
    pub fn field(column: &str, value: impl Into<String>, kind: ProblemKind) -> Problem {
        Problem { sheet: String::new(), row: 0, col: None, column: column.to_string(), value: value.into(), kind }
    }

    /// The document a script or the UI gets.
    pub fn report(&self, lang: Lang) -> ProblemReport {
        ProblemReport {
            sheet: self.sheet.clone(),
            row: self.row as u32,
            column: self.column.clone(),
            cell: self.col.filter(|_| self.row > 0).map(|c| format!("{}{}", column_letter(c), self.row)),
            value: self.value.clone(),
            code: self.kind.code().to_string(),
            problem: self.kind.text(lang),
        }
    }
}

/// `0` → `A`, `27` → `AB`.
pub fn column_letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push((b'A' + (index % 26) as u8) as char);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.iter().rev().collect()
}

/// One problem as reported: `{row, column, value, problem}` plus where and a code.
#[derive(Clone, Debug, Serialize, TS)]
pub struct ProblemReport {
    /// Sheet name (file name for CSV).
    pub sheet: String,
    /// Spreadsheet row (header = 1, 0 = whole file).
    pub row: u32,
    /// The column's header.
    pub column: String,
    /// Cell reference such as `C5`, when the problem is in one cell.
    pub cell: Option<String>,
    /// The value found.
    pub value: String,
    /// Stable code.
    pub code: String,
    /// What is wrong, for a person.
    pub problem: String,
}

/// One text field of a form, trimmed: a problem (named by `field`) when it is required and
/// empty, or longer than `max` characters; `None` when empty or refused.
pub(crate) fn form_text(problems: &mut Vec<Problem>, field: &str, value: Option<&str>, required: bool, max: usize) -> Option<String> {
    let text = value.map(str::trim).unwrap_or_default();
    if text.is_empty() {
        if required {
            problems.push(Problem::field(field, "", ProblemKind::Required));
        }
        return None;
    }
    if text.chars().count() > max {
        problems.push(Problem::field(field, text.chars().take(40).collect::<String>(), ProblemKind::TooLong(max)));
        return None;
    }
    Some(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_named_with_their_value() {
        assert_eq!(grouped(1_048_576), "1,048,576");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(Limit::Columns(1024).text(Lang::En), "over the reader's limit: a cell right of column 1,024 (AMJ)");
        assert_eq!(Limit::FileBytes(64 << 20).text(Lang::Zh), "超出读取限制：文件超过 64 MiB");
        assert_eq!(ProblemKind::Limit(Limit::Rows(5)).code(), "limit_rows");
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
