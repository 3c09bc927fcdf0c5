//! 通知书: what a CNIPA notice says, read from its text — its kind (by its title), the
//! application number, the issue date (发文日) and the period it states — and what each kind
//! starts, ends or changes (docs/rules/prosecution.md "Notices").

use super::rule::Period;
use crate::ident;
use crate::model::{AchievementKind, AchievementStatus};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::model::vocabulary!(
    /// The kinds of notice the office acts on, by their usual title.
    NoticeKind {
        /// 专利申请受理通知书.
        Acceptance = "acceptance" / "专利申请受理通知书",
        /// 审查意见通知书 (第一次, 第N次).
        OfficeAction = "office_action" / "审查意见通知书",
        /// 补正通知书.
        Correction = "correction" / "补正通知书",
        /// 授予专利权通知书 / 办理登记手续通知书 (issued together).
        Grant = "grant" / "授予专利权及办理登记手续通知书",
        /// 驳回决定.
        Rejection = "rejection" / "驳回决定",
        /// 视为撤回通知书.
        DeemedWithdrawn = "deemed_withdrawn" / "视为撤回通知书",
        /// 视为放弃取得专利权通知书 and other notices of a loss of rights (权利丧失).
        RightsLost = "rights_lost" / "视为放弃取得专利权通知书",
        /// 恢复权利请求审批通知书.
        RestorationApproved = "restoration_approved" / "恢复权利请求审批通知书",
        /// 手续合格通知书.
        FormalitiesOk = "formalities_ok" / "手续合格通知书",
        /// 缴费通知书 / 费用缴纳通知书.
        Payment = "payment" / "缴费通知书",
        /// 专利权终止通知书.
        Termination = "termination" / "专利权终止通知书",
        /// 发明专利申请进入实质审查阶段通知书.
        ExaminationStarted = "examination_started" / "进入实质审查阶段通知书",
    }
);

/// What a kind does to the records once confirmed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Effect {
    /// The deadline it starts, if any.
    pub starts: Option<super::deadline::PatentDeadlineKind>,
    /// The deadlines it answers (marks done).
    pub ends: &'static [super::deadline::PatentDeadlineKind],
}

/// The titles, longest first within a kind, as CNIPA prints them. A notice is of the kind whose
/// title appears first in its text (the title heads the page; later text may cite other notices).
const TITLES: &[(&str, NoticeKind)] = &[
    ("发明专利申请进入实质审查阶段通知书", NoticeKind::ExaminationStarted),
    ("进入实质审查阶段通知书", NoticeKind::ExaminationStarted),
    ("恢复权利请求审批通知书", NoticeKind::RestorationApproved),
    ("视为放弃取得专利权通知书", NoticeKind::RightsLost),
    ("权利丧失通知书", NoticeKind::RightsLost),
    ("专利权终止通知书", NoticeKind::Termination),
    ("办理登记手续通知书", NoticeKind::Grant),
    ("授予发明专利权通知书", NoticeKind::Grant),
    ("授予实用新型专利权通知书", NoticeKind::Grant),
    ("授予外观设计专利权通知书", NoticeKind::Grant),
    ("授予专利权通知书", NoticeKind::Grant),
    ("专利申请受理通知书", NoticeKind::Acceptance),
    ("受理通知书", NoticeKind::Acceptance),
    ("审查意见通知书", NoticeKind::OfficeAction),
    ("补正通知书", NoticeKind::Correction),
    ("视为撤回通知书", NoticeKind::DeemedWithdrawn),
    ("驳回决定", NoticeKind::Rejection),
    ("手续合格通知书", NoticeKind::FormalitiesOk),
    ("费用缴纳通知书", NoticeKind::Payment),
    ("缴费通知书", NoticeKind::Payment),
];

impl NoticeKind {
    /// The deadline it starts and the ones it answers.
    pub fn effect(self) -> Effect {
        use super::deadline::PatentDeadlineKind as D;
        let (starts, ends): (Option<D>, &'static [D]) = match self {
            NoticeKind::OfficeAction => (Some(D::OfficeAction), &[]),
            NoticeKind::Correction => (Some(D::Correction), &[]),
            NoticeKind::Grant => (Some(D::Registration), &[D::OfficeAction, D::Correction]),
            NoticeKind::Rejection => (Some(D::Reexamination), &[D::OfficeAction, D::Correction]),
            NoticeKind::DeemedWithdrawn | NoticeKind::RightsLost | NoticeKind::Termination => (Some(D::Restoration), &[]),
            NoticeKind::Payment => (Some(D::Payment), &[]),
            NoticeKind::RestorationApproved => (None, &[D::Restoration]),
            NoticeKind::ExaminationStarted => (None, &[D::ExaminationRequest]),
            NoticeKind::Acceptance | NoticeKind::FormalitiesOk => (None, &[]),
        };
        Effect { starts, ends }
    }

    /// The status the patent takes, if the notice changes it: a rejection, a withdrawal or a loss
    /// of rights leaves it 失效 (restorable, or appealable by re-examination); a restoration puts
    /// back what it was — in force when granted, else pending.
    pub fn status_after(self, granted: bool) -> Option<AchievementStatus> {
        match self {
            NoticeKind::Rejection | NoticeKind::DeemedWithdrawn | NoticeKind::RightsLost | NoticeKind::Termination => {
                Some(AchievementStatus::Lapsed)
            }
            NoticeKind::RestorationApproved if granted => Some(AchievementStatus::InForce),
            NoticeKind::RestorationApproved => Some(AchievementStatus::Pending),
            _ => None,
        }
    }

    /// The period that runs when the notice states none: the law's (registration 2 months —
    /// 实施细则 第六十条; re-examination 3 months — 专利法 第四十一条; restoration 2 months —
    /// 实施细则 第六条), or the examination guidelines' usual one (a first office action on an
    /// invention 4 months, any other office action or correction 2 months). None when only the
    /// notice can say (a payment notice).
    pub fn default_period(self, kind: AchievementKind, first_action: bool) -> Option<Period> {
        match self {
            NoticeKind::OfficeAction if first_action && kind == AchievementKind::InventionPatent => Some(Period::Months(4)),
            NoticeKind::OfficeAction | NoticeKind::Correction | NoticeKind::Grant => Some(Period::Months(2)),
            NoticeKind::Rejection => Some(Period::Months(3)),
            NoticeKind::DeemedWithdrawn | NoticeKind::RightsLost | NoticeKind::Termination => Some(Period::Months(2)),
            _ => None,
        }
    }
}

/// What the text of a notice says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct NoticeText {
    /// The title found (as printed).
    pub title: String,
    /// Its kind.
    pub kind: NoticeKind,
    /// The application number, normalized (`202310123456.6`), when a valid one is printed.
    pub application_no: Option<String>,
    /// 发文日.
    pub issued_on: Option<NaiveDate>,
    /// The period it states for a reply or an act ("自收到本通知书之日起4个月内").
    pub period: Option<Period>,
    /// A first office action (第一次审查意见通知书): its usual period is longer.
    pub first_action: bool,
}

/// Why a text is not a notice this reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotNotice {
    /// No text at all (a scan): nothing to read.
    NoText,
    /// Text, but no title of a notice kind.
    NoTitle,
}

/// Reads a notice's text. The text is as a PDF gives it: characters possibly separated by spaces
/// or line breaks, full-width digits and colons; all are folded before reading.
pub fn read(text: &str) -> Result<NoticeText, NotNotice> {
    let folded = fold(text);
    if folded.chars().filter(|c| !c.is_ascii_punctuation()).count() < 4 {
        return Err(NotNotice::NoText);
    }
    let (title, kind) = TITLES
        .iter()
        .filter_map(|(title, kind)| folded.find(title).map(|at| (at, *title, *kind)))
        // The earliest title wins; at the same place, the longer (listed first).
        .min_by_key(|(at, title, _)| (*at, std::cmp::Reverse(title.len())))
        .map(|(_, title, kind)| (title.to_string(), kind))
        .ok_or(NotNotice::NoTitle)?;
    Ok(NoticeText {
        first_action: kind == NoticeKind::OfficeAction && folded.contains("第一次审查意见通知书"),
        title,
        kind,
        application_no: application_no(&folded),
        issued_on: issued_on(&folded),
        period: period(&folded),
    })
}

/// Whitespace removed (a PDF's text breaks lines and spaces characters anywhere), full-width
/// ASCII folded to ASCII, 〇 to 0.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '〇' => '0',
            _ => c,
        })
        .collect()
}

/// The first valid application number: after "申请号" or "专利号" when labelled, else anywhere.
/// A number whose check character is wrong is not taken (it would match the wrong patent).
fn application_no(folded: &str) -> Option<String> {
    let labelled = ["申请号或专利号", "申请号", "专利号"].iter().find_map(|label| {
        let at = folded.find(label)? + label.len();
        let rest = folded[at..].trim_start_matches([':', '：']);
        candidate(rest).and_then(|c| ident::application_no(&c).ok())
    });
    labelled.or_else(|| {
        folded.char_indices().filter(|(_, c)| c.is_ascii_digit()).find_map(|(i, _)| {
            let prev = folded[..i].chars().next_back();
            if prev.is_some_and(|p| p.is_ascii_digit()) {
                return None;
            }
            candidate(&folded[i..]).filter(|c| c.len() >= 9).and_then(|c| ident::application_no(&c).ok())
        })
    })
}

/// The longest run of digits with at most one dot and a final check character (a digit or X),
/// optionally led by CN/ZL.
fn candidate(text: &str) -> Option<String> {
    let text = text.strip_prefix("CN").or_else(|| text.strip_prefix("ZL")).unwrap_or(text);
    let mut out = String::new();
    let mut dot = false;
    for c in text.chars() {
        match c {
            '0'..='9' => out.push(c),
            '.' | '．' if !dot && !out.is_empty() => {
                dot = true;
                out.push('.');
            }
            'X' | 'x' if dot && out.ends_with('.') => {
                out.push('X');
                break;
            }
            _ => break,
        }
    }
    let out = out.trim_end_matches('.').to_string();
    (out.len() >= 9).then_some(out)
}

/// 发文日: the date after the label, in 2024年03月15日, 2024-03-15, 2024.03.15 or 2024/3/15.
fn issued_on(folded: &str) -> Option<NaiveDate> {
    let at = folded.find("发文日")? + "发文日".len();
    let rest = folded[at..].trim_start_matches("期").trim_start_matches([':', '：']);
    date_at(rest)
}

fn date_at(text: &str) -> Option<NaiveDate> {
    let mut parts = Vec::new();
    let mut number = String::new();
    for c in text.chars().take(16) {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        if number.is_empty() {
            break;
        }
        parts.push(std::mem::take(&mut number));
        let separator = matches!(c, '年' | '月' | '-' | '.' | '/');
        if parts.len() == 3 || !separator {
            break;
        }
    }
    if !number.is_empty() {
        parts.push(number);
    }
    let [y, m, d] = parts.get(..3)? else { return None };
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    crate::date::check_range(date).ok()
}

/// The period for a reply or an act: "…之日起4个月内", "…之日起两个月内", "…15日内".
fn period(folded: &str) -> Option<Period> {
    let start = folded.find("之日起")? + "之日起".len();
    let rest = folded[start..].trim_start_matches('的');
    let (count, used) = count_at(rest)?;
    let rest = &rest[used..];
    let period = if rest.starts_with("个月") || rest.starts_with('月') {
        Period::Months(count)
    } else if rest.starts_with('日') || rest.starts_with('天') {
        Period::Days(count)
    } else if rest.starts_with('年') {
        Period::Months(count.checked_mul(12)?)
    } else {
        return None;
    };
    period.is_plausible().then_some(period)
}

/// A count in digits or in Chinese numerals up to 99 at the start of `text`, and the bytes read.
fn count_at(text: &str) -> Option<(u32, usize)> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return Some((digits.parse().ok()?, digits.len()));
    }
    let (mut total, mut current, mut used) = (0u32, 0u32, 0usize);
    for c in text.chars() {
        let digit = match c {
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            '十' => {
                total += current.max(1) * 10;
                current = 0;
                used += c.len_utf8();
                continue;
            }
            _ => break,
        };
        current = digit;
        used += c.len_utf8();
    }
    let n = total + current;
    (used > 0 && n > 0).then_some((n, used))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a real day")
    }

    /// A valid number (the check character from ident's algorithm, which its own tests hold
    /// against CNIPA's examples) and the same body with a wrong check character.
    fn numbers() -> (String, String) {
        let check = ident::application_no_check("202310123456").expect("12 digits");
        let wrong = if check == 'X' { '0' } else { 'X' };
        (format!("202310123456.{check}"), format!("202310123456.{wrong}"))
    }

    #[test]
    fn a_first_office_action_is_read_with_its_number_date_and_period() {
        let (no, _) = numbers();
        let text = format!(
            "中华人民共和国国家知识产权局\n申请号：{no}\n发文日：\n2024年03月15日\n第 一 次 审 查 意 见 通 知 书\n\
             申请人应当在收到本通知书之日起的４个月内陈述意见。期满未答复的，其申请将被视为撤回。"
        );
        let read = read(&text).expect("a notice");
        assert_eq!(read.kind, NoticeKind::OfficeAction);
        assert!(read.first_action);
        assert_eq!(read.application_no.as_deref(), Some(no.as_str()));
        assert_eq!(read.issued_on, Some(d(2024, 3, 15)));
        assert_eq!(read.period, Some(Period::Months(4)));
    }

    #[test]
    fn the_title_that_comes_first_decides_and_chinese_numerals_count() {
        // A loss of rights notice that cites the restoration procedure and the annual fee notice.
        let (_, wrong) = numbers();
        let text = format!(
            "专利权终止通知书\n发文日 2025-01-06\n专利号 ZL{wrong}\n\
             如需恢复权利，应自收到本通知之日起两个月内提交恢复权利请求书（参见缴费通知书）"
        );
        let read = read(&text).expect("a notice");
        assert_eq!(read.kind, NoticeKind::Termination);
        assert_eq!(read.issued_on, Some(d(2025, 1, 6)));
        assert_eq!(read.period, Some(Period::Months(2)));
        // A number with a wrong check character is not taken.
        assert_eq!(read.application_no, None);
        assert_eq!(count_at("十五日"), Some((15, 6)));
        assert_eq!(count_at("二十日"), Some((20, 6)));
    }

    #[test]
    fn a_text_without_a_notice_title_or_without_text_is_not_a_notice() {
        assert_eq!(read("发票 金额 100.00 元"), Err(NotNotice::NoTitle));
        assert_eq!(read("  \n \u{3000} "), Err(NotNotice::NoText));
    }

    #[test]
    fn an_unlabelled_number_and_other_date_forms_are_read() {
        let (no, _) = numbers();
        let body = no.replace('.', "");
        let text = format!("驳回决定 {body} 发文日期：2024/2/5 自收到本决定之日起3个月内可以请求复审");
        let read = read(&text).expect("a notice");
        assert_eq!(read.kind, NoticeKind::Rejection);
        assert_eq!(read.application_no.as_deref(), Some(no.as_str()));
        assert_eq!(read.issued_on, Some(d(2024, 2, 5)));
        assert_eq!(read.period, Some(Period::Months(3)));
    }
}
