//! The PDF page shared by the publicity notice and the personal statements: A4 portrait, one
//! embedded face, and the text, paragraph and table drawing both use. printpdf does no font
//! fallback, so the face must cover Chinese, Latin, digits and ¥: Noto Sans CJK SC does. printpdf
//! subsets it on save, so a file carries only the glyphs its pages show.

use crate::Error;
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfParseErrorSeverity,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextRenderingMode, WindingOrder,
};
use std::path::Path;
use std::sync::OnceLock;

/// Noto Sans CJK SC Regular (SIL OFL 1.1, licence next to it), cut down to the BMP's CJK
/// ideographs, CJK and full-width punctuation, Latin and digits.
const FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/NotoSansCJKsc-Regular.otf");

/// The face, parsed once per process: parsing megabytes of font tables is the slow part of a PDF.
static FACE: OnceLock<Option<ParsedFont>> = OnceLock::new();

fn face() -> Option<&'static ParsedFont> {
    FACE.get_or_init(|| ParsedFont::from_bytes(FONT_BYTES, 0, &mut Vec::new())).as_ref()
}

/// Page size and margins, in mm from the bottom left corner (PDF's origin).
const PAGE_WIDTH: f32 = 210.0;
const PAGE_HEIGHT: f32 = 297.0;
/// The left edge of the text.
pub(crate) const LEFT: f32 = 20.0;
/// The right edge of the text.
pub(crate) const RIGHT: f32 = 190.0;
const TOP: f32 = 277.0;
/// Content stops here so that it never runs into the page footer.
const BOTTOM: f32 = 22.0;
const FOOTER_BASELINE: f32 = 12.0;

/// Body text size in pt.
pub(crate) const BODY: f32 = 10.5;
/// Small print (footers, notes) in pt.
pub(crate) const SMALL: f32 = 9.0;

const MM_PER_PT: f32 = 25.4 / 72.0;
/// Line height as a multiple of the font size: airy enough for CJK text.
const LEADING: f32 = 1.55;
/// Noto CJK's ascender, as a share of the em: where the baseline sits below a line's top.
const ASCENT: f32 = 0.88;
/// Inner padding of a table cell, mm.
const CELL_PAD: f32 = 1.6;

/// Characters that must not begin a line (禁则): they stay with the character before them.
const NO_LINE_START: &str = "，。、；：？！）》」』”’%…—·,.;:?!)]";

/// Horizontal placement of text in its box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right (amounts).
    Right,
}

/// Stroke weight of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Weight {
    /// The face as it is.
    Regular,
    /// Emboldened (titles, section headings).
    Bold,
}

/// A table column: header text, width in mm, alignment of its cells.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Column<'a> {
    /// Header text.
    pub title: &'a str,
    /// Width in mm.
    pub width: f32,
    /// Cell alignment.
    pub align: Align,
}

/// One bar of a chart: the label under the axis, the value that sets its height, and the exact
/// figure printed above it.
#[derive(Clone, Debug)]
pub(crate) struct Bar {
    /// Under the axis.
    pub label: String,
    /// Sets the height, relative to the largest bar.
    pub value: i64,
    /// Printed above the bar.
    pub figure: String,
}

/// A document being laid out, page by page, from the top down.
pub(crate) struct Doc {
    face: &'static ParsedFont,
    units_per_em: f32,
    font: FontId,
    pdf: PdfDocument,
    pages: Vec<Vec<Op>>,
    /// The top of the next line, mm from the bottom of the page.
    y: f32,
    /// Printed at the bottom left of every page (e.g. which distribution this is).
    footer: String,
}

fn mm(pt: f32) -> f32 {
    pt * MM_PER_PT
}

fn line_height(size: f32) -> f32 {
    mm(size) * LEADING
}

impl Doc {
    /// A document with one empty page.
    pub(crate) fn new(title: &str, footer: &str) -> Result<Doc, String> {
        let face = face().ok_or("the embedded font Noto Sans CJK SC cannot be read")?;
        let mut pdf = PdfDocument::new(title);
        let font = pdf.add_font(face);
        let units_per_em = f32::from(face.pdf_font_metrics.units_per_em.max(1));
        Ok(Doc { face, units_per_em, font, pdf, pages: vec![Vec::new()], y: TOP, footer: footer.to_string() })
    }

    /// Starts a new page; the next line goes at its top.
    pub(crate) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Advance of one character in mm (a missing glyph counts one em, like the box drawn for it).
    fn char_width(&self, c: char, size: f32) -> f32 {
        let units = self.face.lookup_glyph_index(c as u32).map_or(self.units_per_em, |g| f32::from(self.face.get_horizontal_advance(g)));
        units / self.units_per_em * mm(size)
    }

    /// Width of a text in mm at `size` pt.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.char_width(c, size)).sum()
    }

    /// Characters of `text` that the face cannot draw.
    #[cfg(test)]
    pub(crate) fn missing(&self, text: &str) -> Vec<char> {
        text.chars().filter(|c| !c.is_control() && self.face.lookup_glyph_index(*c as u32).is_none_or(|g| g == 0)).collect()
    }

    /// The operations that place `text` with its baseline at (`x`, `baseline`) mm.
    fn text_ops(&self, x: f32, baseline: f32, size: f32, text: &str, weight: Weight) -> Vec<Op> {
        if text.is_empty() {
            return Vec::new();
        }
        let font = PdfFontHandle::External(self.font.clone());
        // One text object per run: each starts from the page origin, so the cursor is absolute.
        let mut ops = vec![Op::StartTextSection, Op::SetFont { font, size: Pt(size) }];
        if weight == Weight::Bold {
            // One face only (a bold one would double the size): stroke the outlines to embolden.
            ops.extend([
                Op::SetTextRenderingMode { mode: TextRenderingMode::FillStroke },
                Op::SetOutlineColor { col: Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)) },
                Op::SetOutlineThickness { pt: Pt(size * 0.035) },
            ]);
        }
        ops.extend([
            Op::SetTextCursor { pos: Point::new(Mm(x), Mm(baseline)) },
            Op::ShowText { items: vec![TextItem::Text(text.to_string())] },
        ]);
        if weight == Weight::Bold {
            ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::Fill });
        }
        ops.push(Op::EndTextSection);
        ops
    }

    /// Where `text` starts when aligned in the box from `x` to `x + width`.
    fn aligned_x(&self, x: f32, width: f32, size: f32, text: &str, align: Align) -> f32 {
        match align {
            Align::Left => x,
            Align::Center => x + (width - self.width(text, size)) / 2.0,
            Align::Right => x + width - self.width(text, size),
        }
    }

    /// Places `text` with its baseline at (`x`, `baseline`) mm.
    fn put(&mut self, x: f32, baseline: f32, size: f32, text: &str, weight: Weight) {
        let ops = self.text_ops(x, baseline, size, text, weight);
        self.ops().extend(ops);
    }

    /// Places `text` in the box from `x` to `x + width`, aligned.
    fn put_in(&mut self, x: f32, width: f32, baseline: f32, size: f32, text: &str, align: Align) {
        let x = self.aligned_x(x, width, size, text, align);
        self.put(x, baseline, size, text, Weight::Regular);
    }

    /// The baseline of a line whose box starts at `top`.
    fn baseline(top: f32, size: f32) -> f32 {
        top - (line_height(size) - mm(size)) / 2.0 - ASCENT * mm(size)
    }

    /// A straight line from (x1, y1) to (x2, y2), mm.
    fn rule(&mut self, (x1, y1): (f32, f32), (x2, y2): (f32, f32), thickness: f32) {
        let point = |x: f32, y: f32| LinePoint { p: Point::new(Mm(x), Mm(y)), bezier: false };
        self.ops().extend([
            Op::SetOutlineColor { col: Color::Rgb(Rgb::new(0.25, 0.25, 0.25, None)) },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine { line: Line { points: vec![point(x1, y1), point(x2, y2)], is_closed: false } },
        ]);
    }

    /// A filled grey box (table headers).
    fn shade(&mut self, x: f32, top: f32, width: f32, height: f32) {
        self.fill(x, top, width, height, (0.9, 0.92, 0.95));
    }

    /// A box filled with the colour `(r, g, b)` (each 0–1), its top left corner at (`x`, `top`) mm.
    fn fill(&mut self, x: f32, top: f32, width: f32, height: f32, (r, g, b): (f32, f32, f32)) {
        let mut rectangle = Rect::from_xywh(Mm(x).into(), Mm(top - height).into(), Mm(width).into(), Mm(height).into());
        rectangle.mode = Some(PaintMode::Fill);
        rectangle.winding_order = Some(WindingOrder::NonZero);
        self.ops().extend([
            Op::SaveGraphicsState,
            Op::SetFillColor { col: Color::Rgb(Rgb::new(r, g, b, None)) },
            Op::DrawRectangle { rectangle },
            Op::RestoreGraphicsState,
        ]);
    }

    /// The number of the page being laid out, from 1 (for a table of contents).
    pub(crate) fn page_number(&self) -> usize {
        self.pages.len().max(1)
    }

    /// One line with `left` flush left and `right` flush right (a table of contents entry); a
    /// thin dotted leader between them guides the eye.
    pub(crate) fn line_both(&mut self, left: &str, right: &str, size: f32) {
        self.keep(line_height(size));
        let baseline = Self::baseline(self.y, size);
        self.put(LEFT, baseline, size, left, Weight::Regular);
        self.put_in(LEFT, RIGHT - LEFT, baseline, size, right, Align::Right);
        let (from, to) = (LEFT + self.width(left, size) + 2.0, RIGHT - self.width(right, size) - 2.0);
        let mut x = from;
        while x + 0.4 < to {
            self.rule((x, baseline + 0.3), (x + 0.4, baseline + 0.3), 0.6);
            x += 1.5;
        }
        self.y -= line_height(size);
    }

    /// A vertical bar chart of non-negative values across the text width, kept on one page: a
    /// caption, the unit at the top left, each bar's figure above it and its label below the axis.
    /// Bar heights are for the eye only; the printed figures are the exact ones.
    pub(crate) fn bar_chart(&mut self, caption: &str, unit: &str, bars: &[Bar]) {
        const PLOT: f32 = 55.0;
        let label_height = line_height(SMALL);
        let total = line_height(BODY) + label_height * 2.0 + PLOT + label_height + 4.0;
        self.keep(total);
        self.line_in(LEFT, RIGHT - LEFT, BODY, caption, Align::Center);
        self.line_in(LEFT, RIGHT - LEFT, SMALL, unit, Align::Left);
        // Room above the tallest bar for its figure.
        let top = self.y - label_height;
        let axis = top - PLOT;
        let (left, right) = (LEFT + 8.0, RIGHT - 8.0);
        let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f64;
        let slot = (right - left) / bars.len().max(1) as f32;
        let width = (slot * 0.5).min(22.0);
        for (i, bar) in bars.iter().enumerate() {
            let centre = left + slot * (i as f32 + 0.5);
            let height = (bar.value.max(0) as f64 / max) as f32 * PLOT;
            if height > 0.0 {
                self.fill(centre - width / 2.0, axis + height, width, height, (0.27, 0.45, 0.70));
            }
            let above = Self::baseline(axis + height + label_height, SMALL);
            self.put_in(centre - slot / 2.0, slot, above, SMALL, &bar.figure, Align::Center);
            let below = Self::baseline(axis - 1.0, SMALL);
            self.put_in(centre - slot / 2.0, slot, below, SMALL, &bar.label, Align::Center);
        }
        self.rule((left, axis), (right, axis), 0.8);
        self.rule((left, axis), (left, top), 0.5);
        self.y = axis - 1.0 - label_height - 3.0;
    }

    /// Moves down by `mm`.
    pub(crate) fn gap(&mut self, mm: f32) {
        self.y -= mm;
    }

    /// Starts a new page unless `height` mm still fit above the bottom margin.
    pub(crate) fn keep(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.new_page();
        }
    }

    /// Breaks `text` into lines no wider than `width` mm: between any two CJK characters, not
    /// inside a run of ASCII (a number, a contract no.), never before closing punctuation.
    pub(crate) fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line: Vec<char> = Vec::new();
            let mut used = 0.0;
            for c in paragraph.chars() {
                let w = self.char_width(c, size);
                if used + w > width && !line.is_empty() {
                    // `carry_over` always leaves at least one character on the full line.
                    let rest = line.split_off(line.len() - carry_over(&line, c));
                    lines.push(line.iter().collect::<String>().trim_end().to_string());
                    line = rest;
                    used = line.iter().map(|c| self.char_width(*c, size)).sum();
                }
                line.push(c);
                used += w;
            }
            lines.push(line.iter().collect());
        }
        lines
    }

    /// One line of text in the box from `x` to `x + width`, aligned; the cursor moves below it.
    pub(crate) fn line_in(&mut self, x: f32, width: f32, size: f32, text: &str, align: Align) {
        self.keep(line_height(size));
        let baseline = Self::baseline(self.y, size);
        self.put_in(x, width, baseline, size, text, align);
        self.y -= line_height(size);
    }

    /// A title or section heading: bold, wrapped, aligned, and kept with the line after it.
    pub(crate) fn heading(&mut self, text: &str, size: f32, align: Align) {
        let lines = self.wrap(text, size, RIGHT - LEFT);
        self.keep(line_height(size) * lines.len() as f32 + line_height(BODY) * 2.0);
        for line in lines {
            let baseline = Self::baseline(self.y, size);
            let x = self.aligned_x(LEFT, RIGHT - LEFT, size, &line, align);
            self.put(x, baseline, size, &line, Weight::Bold);
            self.y -= line_height(size);
        }
    }

    /// Wrapped text across the text width; continues on a new page when it reaches the bottom.
    pub(crate) fn paragraph(&mut self, text: &str, size: f32, align: Align) {
        self.indented(0.0, text, size, align);
    }

    /// Wrapped text starting `indent` mm in from the left margin.
    pub(crate) fn indented(&mut self, indent: f32, text: &str, size: f32, align: Align) {
        let width = RIGHT - LEFT - indent;
        for line in self.wrap(text, size, width) {
            self.line_in(LEFT + indent, width, size, &line, align);
        }
    }

    /// `label` then `value`, the value wrapped with a hanging indent under itself.
    pub(crate) fn field(&mut self, label: &str, value: &str, size: f32) {
        let indent = self.width(label, size);
        let lines = self.wrap(value, size, RIGHT - LEFT - indent);
        for (i, line) in lines.iter().enumerate() {
            self.keep(line_height(size));
            let baseline = Self::baseline(self.y, size);
            if i == 0 {
                self.put(LEFT, baseline, size, label, Weight::Regular);
            }
            self.put(LEFT + indent, baseline, size, line, Weight::Regular);
            self.y -= line_height(size);
        }
    }

    /// A ruled table across the text width. A row never splits; a row that does not fit starts
    /// a new page, which repeats the header. `emphasis` rows (totals) get the header's shading.
    pub(crate) fn table(&mut self, columns: &[Column<'_>], rows: &[Vec<String>], emphasis: &[usize], size: f32) {
        let lh = line_height(size);
        self.header(columns, size);
        for (r, row) in rows.iter().enumerate() {
            let cells: Vec<Vec<String>> =
                columns.iter().zip(row).map(|(col, text)| self.wrap(text, size, col.width - 2.0 * CELL_PAD)).collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * CELL_PAD;
            if self.y - height < BOTTOM {
                self.new_page();
                self.header(columns, size);
            }
            if emphasis.contains(&r) {
                let width = columns.iter().map(|c| c.width).sum();
                self.shade(LEFT, self.y, width, height);
            }
            self.cells(columns, &cells, height, size);
        }
    }

    fn header(&mut self, columns: &[Column<'_>], size: f32) {
        let cells: Vec<Vec<String>> = columns.iter().map(|c| self.wrap(c.title, size, c.width - 2.0 * CELL_PAD)).collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * line_height(size) + 2.0 * CELL_PAD;
        // The header plus one row, so that a header never stands alone at the foot of a page.
        self.keep(height + line_height(size) + 2.0 * CELL_PAD);
        let width = columns.iter().map(|c| c.width).sum();
        self.shade(LEFT, self.y, width, height);
        let centred: Vec<Column<'_>> = columns.iter().map(|c| Column { align: Align::Center, ..*c }).collect();
        self.cells(&centred, &cells, height, size);
    }

    /// Draws one row of wrapped cells with their borders and moves below it.
    fn cells(&mut self, columns: &[Column<'_>], cells: &[Vec<String>], height: f32, size: f32) {
        let top = self.y;
        let bottom = top - height;
        let mut x = LEFT;
        for (col, lines) in columns.iter().zip(cells) {
            // Centre the block of lines vertically in the row.
            let block = lines.len() as f32 * line_height(size);
            let mut line_top = top - (height - block) / 2.0;
            for line in lines {
                let baseline = Self::baseline(line_top, size);
                self.put_in(x + CELL_PAD, col.width - 2.0 * CELL_PAD, baseline, size, line, col.align);
                line_top -= line_height(size);
            }
            self.rule((x, top), (x, bottom), 0.5);
            x += col.width;
        }
        self.rule((x, top), (x, bottom), 0.5);
        self.rule((LEFT, top), (x, top), 0.5);
        self.rule((LEFT, bottom), (x, bottom), 0.5);
        self.y = bottom;
    }

    /// Adds the page footers (the document's label and 第 x 页 共 y 页), writes the file
    /// (owner-only, atomic: [`crate::save`]), and returns the number of pages.
    pub(crate) fn finish(self, path: &Path) -> Result<usize, Error> {
        let (bytes, pages) = self.finish_bytes(path)?;
        crate::save(path, &bytes)?;
        Ok(pages)
    }

    /// The finished document's bytes and number of pages (`path` only names it in errors).
    pub(crate) fn finish_bytes(mut self, path: &Path) -> Result<(Vec<u8>, usize), Error> {
        let total = self.pages.len();
        let mut out = Vec::with_capacity(total);
        for (i, mut ops) in std::mem::take(&mut self.pages).into_iter().enumerate() {
            let number = format!("第 {} 页 共 {total} 页", i + 1);
            let x = self.aligned_x(LEFT, RIGHT - LEFT, SMALL, &number, Align::Center);
            ops.extend(self.text_ops(x, FOOTER_BASELINE, SMALL, &number, Weight::Regular));
            ops.extend(self.text_ops(LEFT, FOOTER_BASELINE, SMALL, &self.footer, Weight::Regular));
            out.push(PdfPage::new(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), ops));
        }
        let mut warnings = Vec::new();
        let bytes = self.pdf.with_pages(out).save(&PdfSaveOptions::default(), &mut warnings);
        if let Some(w) = warnings.iter().find(|w| w.severity == PdfParseErrorSeverity::Error) {
            return Err(Error::Pdf { path: path.display().to_string(), message: w.msg.clone() });
        }
        Ok((bytes, total))
    }
}

/// How many characters at the end of `line` move to the next line along with `next`: an ASCII
/// run stays whole (a number, a contract no.), and closing punctuation takes its predecessor.
/// Always fewer than `line.len()`: a run as wide as the whole line is broken where it must be.
fn carry_over(line: &[char], next: char) -> usize {
    if NO_LINE_START.contains(next) {
        return 1.min(line.len().saturating_sub(1));
    }
    if next.is_ascii_graphic() {
        let run = line.iter().rev().take_while(|c| c.is_ascii_graphic()).count();
        if run < line.len() {
            return run;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_face_draws_everything_the_documents_print() {
        let doc = Doc::new("t", "").expect("the embedded font loads");
        let sample = "科技成果转化收益分配公示 第 1 页 共 2 页 ¥1,234.56 （元）：；、。“工资、薪金所得”财税〔2018〕58号 —— \
                      ABCxyz0123456789 买买提·艾力 䶮 ____年__月__日 70% №";
        assert_eq!(doc.missing(sample), Vec::<char>::new(), "printpdf does no fallback: a missing glyph prints as a box");
    }

    #[test]
    fn wrapping_keeps_numbers_whole_and_punctuation_attached() {
        let doc = Doc::new("t", "").expect("the embedded font loads");
        let one_em = doc.width("中", BODY);
        // Room for five ideographs: the comma that would start line two takes the fifth along.
        let lines = doc.wrap("一二三四五，六", BODY, one_em * 5.5);
        assert_eq!(lines, vec!["一二三四", "五，六"], "a comma never starts a line");
        // A naive break would fall inside the contract number, after "HT2025".
        let lines = doc.wrap("合同HT2025-001号", BODY, doc.width("合同HT2025", BODY) + 0.1);
        assert_eq!(lines[0], "合同", "the contract number moves down whole: {lines:?}");
        assert!(lines.iter().any(|l| l.starts_with("HT2025-001")), "{lines:?}");
        for line in doc.wrap(&"很长的文字".repeat(40), BODY, 50.0) {
            assert!(doc.width(&line, BODY) <= 50.0, "every line fits its width");
        }
    }
}
