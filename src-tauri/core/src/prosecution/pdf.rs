//! The text of a notice's PDF. The files come from outside (a download, a colleague's ZIP), so
//! the reader is bounded: the file's size, the number of pages read, and every stream's inflated
//! size (a small file must not inflate into gigabytes); a parser that trips on a malformed file
//! is an unreadable file, never a crash.

/// The largest notice file read: CNIPA's notices are a few hundred kilobytes.
pub const MAX_BYTES: usize = 20 << 20;
/// A notice is a few pages; the title, number, date and period are on the first ones.
const MAX_PAGES: u32 = 10;
/// The most any one stream may inflate to.
const MAX_STREAM_BYTES: usize = 16 << 20;

/// Why a file gives no text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfProblem {
    /// Larger than [`MAX_BYTES`].
    TooLarge,
    /// Not a PDF at all.
    NotPdf,
    /// A PDF that cannot be read (damaged, a stream over the limit, a parser error).
    Damaged(String),
    /// Protected by a password.
    Encrypted,
}

/// The text of the first pages of a PDF, in the order its content draws it.
pub fn text(bytes: &[u8]) -> Result<String, PdfProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(PdfProblem::TooLarge);
    }
    // The header may follow a little junk (the PDF specification allows 1024 bytes).
    if !bytes[..bytes.len().min(1024 + 5)].windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfProblem::NotPdf);
    }
    // lopdf is a large parser of untrusted input: a panic inside it is contained here and
    // reported as a damaged file rather than taking the whole import (or the server) down.
    let read = std::panic::catch_unwind(|| {
        let options = lopdf::LoadOptions { max_decompressed_size: Some(MAX_STREAM_BYTES), ..Default::default() };
        let document = lopdf::Document::load_mem_with_options(bytes, options).map_err(|e| PdfProblem::Damaged(e.to_string()))?;
        if document.is_encrypted() {
            return Err(PdfProblem::Encrypted);
        }
        let pages: Vec<u32> = document.get_pages().keys().copied().take(MAX_PAGES as usize).collect();
        let mut text = String::new();
        for page in pages {
            // One page that cannot be read does not hide the others' text.
            if let Ok(t) = document.extract_text_with_limit(&[page], MAX_STREAM_BYTES) {
                text.push_str(&t);
                text.push('\n');
            }
        }
        Ok(text)
    });
    read.unwrap_or_else(|_| Err(PdfProblem::Damaged("the PDF parser stopped on this file".into())))
}
