//! The look shared by the list sheets handed to finance and to the office (payroll, fees to pay):
//! a merged title, wrapped notes, a shaded header, bordered cells, yuan with two decimals.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};

/// The cell formats of a list sheet.
pub(crate) struct ListStyle {
    /// The merged title row.
    pub title: Format,
    /// Notes above or below the table.
    pub info: Format,
    /// Column headers.
    pub header: Format,
    /// A plain cell.
    pub text: Format,
    /// A cell whose text may wrap.
    pub wrapped: Format,
    /// Numbers such as 序号, centred.
    pub number: Format,
    /// Yuan, two decimals.
    pub money: Format,
    /// The totals row's label.
    pub total_label: Format,
    /// The totals row's amounts.
    pub total_money: Format,
}

impl ListStyle {
    /// The formats, built once per sheet.
    pub(crate) fn new() -> ListStyle {
        let text = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
        let money = Format::new().set_border(FormatBorder::Thin).set_num_format("#,##0.00");
        ListStyle {
            title: Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter),
            info: Format::new().set_text_wrap().set_align(FormatAlign::VerticalCenter),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color("#DDEBF7")
                .set_border(FormatBorder::Thin),
            wrapped: text.clone().set_text_wrap(),
            text,
            number: Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::Center),
            total_money: money.clone().set_bold(),
            money,
            total_label: Format::new().set_bold().set_border(FormatBorder::Thin).set_align(FormatAlign::Center),
        }
    }
}
