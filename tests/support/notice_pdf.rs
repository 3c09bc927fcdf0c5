//! Notice PDFs for the tests, made as CNIPA's system makes them: text in an embedded CJK font
//! with a ToUnicode map (so that a reader gets the characters back), or (a scan) no text at all.
//! Shared by the core's and the CLI's tests through `#[path]`; each uses what it needs.
#![allow(dead_code)]

use printpdf::{Mm, Op, ParsedFont, PdfDocument, PdfPage, PdfSaveOptions, Point, Pt, TextItem};

/// A one-page PDF showing `lines`, as a notice prints them.
pub fn pdf(lines: &[String]) -> Vec<u8> {
    let font_bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/fonts/NotoSansCJKsc-Regular.otf")).expect("font");
    let face = ParsedFont::from_bytes(&font_bytes, 0, &mut Vec::new()).expect("face");
    let mut doc = PdfDocument::new("通知书");
    let font = doc.add_font(&face);
    let mut ops = vec![Op::StartTextSection, Op::SetFont { font: printpdf::PdfFontHandle::External(font), size: Pt(11.0) }];
    for (i, line) in lines.iter().enumerate() {
        ops.push(Op::SetTextCursor { pos: Point::new(Mm(20.0), Mm(270.0 - 8.0 * i as f32)) });
        ops.push(Op::ShowText { items: vec![TextItem::Text(line.clone())] });
    }
    ops.push(Op::EndTextSection);
    doc.with_pages(vec![PdfPage::new(Mm(210.0), Mm(297.0), ops)]).save(&PdfSaveOptions::default(), &mut Vec::new())
}

/// A PDF with a drawing and no text: a scan.
pub fn scan() -> Vec<u8> {
    let ops = vec![Op::DrawRectangle { rectangle: printpdf::Rect::from_xywh(Pt(50.0), Pt(50.0), Pt(300.0), Pt(400.0)) }];
    PdfDocument::new("扫描件").with_pages(vec![PdfPage::new(Mm(210.0), Mm(297.0), ops)]).save(&PdfSaveOptions::default(), &mut Vec::new())
}

/// A notice: the office, its number and issue date, the title, the body.
pub fn notice(title: &str, number: &str, issued: &str, body: &str) -> Vec<u8> {
    pdf(&["中华人民共和国国家知识产权局".into(), format!("申请号：{number}"), format!("发文日：{issued}"), title.into(), body.into()])
}
