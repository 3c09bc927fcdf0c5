//! 尽职免责证据材料: one contract's evidence bundle (docs/rules/publicity.md "Evidence bundle";
//! 北京/浙江条例 Art. 19) — the collective decision, the price publicity with its dates, the
//! objections and how they were handled, any appraisal, and the files kept with their SHA-256 so
//! that none can be swapped later.

use crate::approved::{date_zh, percent, yuan};
use crate::pdf::{Align, Column, Doc, BODY};
use crate::Error;
use chrono::NaiveDate;
use std::path::Path;
use transferdesk_core::deals::contract::view::{self, ContractDetail};
use transferdesk_core::deals::publicity::Outcome;
use transferdesk_core::deals::valuation::{self, Valuation};
use transferdesk_core::{portfolio::attachment, store::institution, Store};

/// The document's title.
const TITLE: &str = "科技成果转化尽职免责证据材料";
/// Section headings, in pt.
const SECTION: f32 = 12.0;

/// Writes the evidence bundle of contract `id` to `path` (A4 PDF), as of `today`.
pub fn write(store: &Store, id: i64, today: NaiveDate, path: &Path) -> Result<(), Error> {
    let conn = store.conn();
    let c = view::get(conn, id, today)?;
    let institution = institution::load(store)?;
    let mut valuations = valuation::list_for(conn, None, Some(id))?;
    for a in &c.achievements {
        valuations.extend(valuation::list_for(conn, Some(a.id), None)?.into_iter().filter(|v| v.contract_id != Some(id)));
    }
    let mut files = Vec::new();
    for (entity, entity_id, owner) in std::iter::once(("contract", Some(id), "合同".to_string()))
        .chain(std::iter::once(("publicity", c.form.publicity_id, "定价公示".to_string())))
        .chain(std::iter::once(("resolution", c.form.resolution_id, "集体决策".to_string())))
        .chain(valuations.iter().map(|v| ("valuation", v.id, format!("评估 {}", v.report_no.clone().unwrap_or_default()))))
    {
        if let Some(entity_id) = entity_id {
            for a in attachment::list(conn, entity, entity_id)? {
                files.push(vec![owner.clone(), a.name, a.sha256, date_zh(a.added_on)]);
            }
        }
    }
    let footer = format!("{} · 合同 {} · 生成于 {}", institution.name, c.form.contract_no, date_zh(today));
    let mut doc = Doc::new(TITLE, &footer).map_err(|message| Error::Pdf { path: path.display().to_string(), message })?;
    lay_out(&mut doc, &c, &institution.name, &valuations, &files);
    doc.finish(path)?;
    Ok(())
}

fn lay_out(doc: &mut Doc, c: &ContractDetail, institution: &str, valuations: &[Valuation], files: &[Vec<String>]) {
    let f = &c.form;
    doc.heading(TITLE, 18.0, Align::Center);
    doc.gap(2.0);
    doc.paragraph(&format!("{institution}　合同编号 {}", f.contract_no), BODY, Align::Center);
    doc.gap(4.0);

    doc.heading("一、合同概况", SECTION, Align::Left);
    doc.field("合同名称：", &f.title, BODY);
    doc.field("转化方式：", f.kind.zh(), BODY);
    doc.field("交易对象：", &format!("{}（{}）", c.counterparty, c.counterparty_region), BODY);
    doc.field("合同金额：", &format!("{} 元", yuan(f.amount_fen.0)), BODY);
    doc.field("签订日期：", &date_zh(f.signed_on), BODY);
    doc.field("定价方式：", f.pricing.map(|p| p.zh()).unwrap_or("未记录"), BODY);
    doc.field("技术合同登记号：", f.registration_no.as_deref().unwrap_or("未登记"), BODY);
    for (i, a) in c.achievements.iter().enumerate() {
        doc.field(&format!("涉及成果 {}：", i + 1), &format!("{} {}（权重 {}）", a.achievement_no, a.title, percent(a.weight_bp)), BODY);
    }

    doc.gap(2.0);
    doc.heading("二、集体决策", SECTION, Align::Left);
    match &c.resolution {
        Some(r) => {
            doc.field("会议日期：", &date_zh(r.meeting_on), BODY);
            doc.field("决策机构：", &r.body, BODY);
            doc.field("议题：", &r.subject, BODY);
            doc.field("参会人员：", &r.participants, BODY);
            doc.field("决议：", &r.outcome, BODY);
        }
        None => doc.paragraph("未记录集体决策。", BODY, Align::Left),
    }

    doc.gap(2.0);
    doc.heading("三、定价公示", SECTION, Align::Left);
    match &c.publicity {
        Some(p) => {
            let first = p.posted_on.succ_opt().unwrap_or(p.posted_on);
            doc.field("公示名称：", &p.title, BODY);
            doc.field("拟定价格：", &format!("{} 元", yuan(p.price_fen.0)), BODY);
            doc.field(
                "交易对象：",
                &format!("{}{}", p.counterparty, if p.related_party { "（与完成人存在关联关系）" } else { "（与完成人无关联关系）" }),
                BODY,
            );
            doc.field("公示渠道：", &p.channel, BODY);
            doc.field(
                "公示期：",
                &format!(
                    "{} 发布，公示 {} 日，自 {} 起至 {} 止（节假日顺延）",
                    date_zh(p.posted_on),
                    p.days,
                    date_zh(first),
                    date_zh(p.ends_on)
                ),
                BODY,
            );
            doc.field("最早可签订日期：", &date_zh(p.earliest_signing()), BODY);
            doc.field("实际签订日期：", &date_zh(f.signed_on), BODY);
        }
        None => doc.paragraph("未记录定价公示（挂牌交易、拍卖或历史合同）。", BODY, Align::Left),
    }

    doc.gap(2.0);
    doc.heading("四、异议及处理", SECTION, Align::Left);
    let objections = c.publicity.as_ref().map(|p| p.objections.as_slice()).unwrap_or_default();
    if objections.is_empty() {
        doc.paragraph(if c.publicity.is_some() { "公示期内未收到异议。" } else { "无。" }, BODY, Align::Left);
    } else {
        let columns = [
            Column { title: "收到日期", width: 24.0, align: Align::Left },
            Column { title: "异议人", width: 24.0, align: Align::Left },
            Column { title: "异议内容", width: 52.0, align: Align::Left },
            Column { title: "处理情况", width: 52.0, align: Align::Left },
            Column { title: "结果", width: 22.0, align: Align::Left },
        ];
        let rows: Vec<Vec<String>> = objections
            .iter()
            .map(|o| {
                let outcome = match o.outcome {
                    Outcome::Pending => "待处理".to_string(),
                    Outcome::Upheld => format!("成立\n{}", o.resolved_on.map(date_zh).unwrap_or_default()),
                    Outcome::Rejected => format!("不成立\n{}", o.resolved_on.map(date_zh).unwrap_or_default()),
                };
                vec![date_zh(o.received_on), o.objector.clone(), o.content.clone(), o.handling.clone().unwrap_or_default(), outcome]
            })
            .collect();
        doc.table(&columns, &rows, &[], BODY);
    }

    doc.gap(2.0);
    doc.heading("五、资产评估", SECTION, Align::Left);
    if valuations.is_empty() {
        doc.paragraph("未进行资产评估（财政部令第100号：除作价投资外可不评估）。", BODY, Align::Left);
    } else {
        let columns = [
            Column { title: "评估机构", width: 38.0, align: Align::Left },
            Column { title: "报告编号", width: 28.0, align: Align::Left },
            Column { title: "基准日", width: 26.0, align: Align::Left },
            Column { title: "方法", width: 28.0, align: Align::Left },
            Column { title: "评估值（元）", width: 34.0, align: Align::Right },
            Column { title: "备案", width: 20.0, align: Align::Left },
        ];
        let rows: Vec<Vec<String>> = valuations
            .iter()
            .map(|v| {
                let value = match (v.value_fen, v.low_fen, v.high_fen) {
                    (Some(x), _, _) => yuan(x.0),
                    (None, Some(l), Some(h)) => format!("{} ~ {}", yuan(l.0), yuan(h.0)),
                    _ => String::new(),
                };
                vec![
                    format!("{}（{}）", v.appraiser, v.kind.zh()),
                    v.report_no.clone().unwrap_or_default(),
                    date_zh(v.base_on),
                    v.methods.iter().map(|m| m.zh()).collect::<Vec<_>>().join("、"),
                    value,
                    v.filing_no.clone().unwrap_or_else(|| "—".into()),
                ]
            })
            .collect();
        doc.table(&columns, &rows, &[], BODY);
    }

    doc.gap(2.0);
    doc.heading("六、存档文件", SECTION, Align::Left);
    if files.is_empty() {
        doc.paragraph("无附件。", BODY, Align::Left);
    } else {
        let columns = [
            Column { title: "所属", width: 26.0, align: Align::Left },
            Column { title: "文件名", width: 48.0, align: Align::Left },
            Column { title: "SHA-256", width: 76.0, align: Align::Left },
            Column { title: "存档日期", width: 24.0, align: Align::Left },
        ];
        let rows: Vec<Vec<String>> = files
            .iter()
            .map(|f| {
                vec![
                    f[0].clone(),
                    f[1].clone(),
                    f[2].chars().collect::<Vec<_>>().chunks(32).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("\n"),
                    f[3].clone(),
                ]
            })
            .collect();
        doc.table(&columns, &rows, &[], 8.0);
    }
    doc.gap(6.0);
    doc.line_both("经办人：", "负责人：", BODY);
    doc.gap(4.0);
    doc.line_both("", "（单位盖章）", BODY);
}
