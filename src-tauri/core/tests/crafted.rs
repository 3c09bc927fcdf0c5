//! Crafted files for the reader's limits (docs/import-templates.md "Limits"), generated here
//! rather than kept as binaries: small workbooks that ask for far more than they hold (a cell at
//! XFD1048576, a shared-strings table announcing a trillion strings, a zip bomb). Each used to
//! abort the process or could; the bad-file corpus (bad_files.rs) expects each refused with its
//! limit named. `CRAFTED_DIR=… cargo test -p transferdesk-core crafted::write_crafted_files --
//! --ignored` writes them all for measuring the CLI (docs/reliability.md "Crafted files").

use std::io::Write;
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;

/// The people template's headers and one row: a crafted file is otherwise a valid people file,
/// so that its only problem is the crafted part.
const HEADER: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>工号</t></is></c><c r="B1" t="inlineStr"><is><t>姓名</t></is></c><c r="C1" t="inlineStr"><is><t>所在单位</t></is></c></row>"#;

fn person_row(r: u64) -> String {
    format!(
        r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>T{r}</t></is></c><c r="B{r}" t="inlineStr"><is><t>张三</t></is></c><c r="C{r}" t="inlineStr"><is><t>计算机学院</t></is></c></row>"#
    )
}

/// A part's content: whole, or streamed in pieces (the big ones are never held).
pub enum Content {
    Bytes(Vec<u8>),
    Repeat { head: String, body: String, times: u64, tail: String },
    Rows { head: String, rows: Box<dyn Fn(u64) -> String>, count: u64, tail: String },
}

fn text(s: impl Into<String>) -> Content {
    Content::Bytes(s.into().into_bytes())
}

/// A workbook of one sheet (`sheet1.xml`'s content) and the parts given besides.
pub fn workbook(sheet: Content, extra: Vec<(String, Content)>) -> Vec<u8> {
    let parts: Vec<(&str, Content)> = vec![
        (
            "[Content_Types].xml",
            text(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
            ),
        ),
        (
            "_rels/.rels",
            text(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
        ),
        (
            "xl/workbook.xml",
            text(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="人员" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            text(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
            ),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut parts: Vec<(String, Content)> = parts.into_iter().map(|(n, c)| (n.to_string(), c)).collect();
    parts.extend(extra);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).compression_level(Some(1));
    for (name, content) in parts {
        zip.start_file(name, options).expect("part");
        match content {
            Content::Bytes(b) => zip.write_all(&b).expect("write"),
            Content::Repeat { head, body, times, tail } => {
                zip.write_all(head.as_bytes()).expect("write");
                // In blocks of about 1 MB: a few hundred MB are written without being held.
                let per_block = (1 << 20) / body.len().max(1);
                let block = body.repeat(per_block);
                let mut left = times;
                while left >= per_block as u64 {
                    zip.write_all(block.as_bytes()).expect("write");
                    left -= per_block as u64;
                }
                zip.write_all(body.repeat(left as usize).as_bytes()).expect("write");
                zip.write_all(tail.as_bytes()).expect("write");
            }
            Content::Rows { head, rows, count, tail } => {
                zip.write_all(head.as_bytes()).expect("write");
                let mut block = String::new();
                for r in 0..count {
                    block.push_str(&rows(r));
                    if block.len() > 1 << 20 {
                        zip.write_all(block.as_bytes()).expect("write");
                        block.clear();
                    }
                }
                zip.write_all(block.as_bytes()).expect("write");
                zip.write_all(tail.as_bytes()).expect("write");
            }
        }
    }
    zip.finish().expect("zip").into_inner()
}

const SHEET_HEAD: &str =
    r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_TAIL: &str = "</sheetData></worksheet>";

fn sheet(rows: &str) -> Content {
    text(format!("{SHEET_HEAD}{HEADER}{}{rows}{SHEET_TAIL}", person_row(2)))
}

fn shared_strings(strings: &[String], unique_count: &str) -> (String, Content) {
    let items: String = strings.iter().map(|s| format!("<si><t>{s}</t></si>")).collect();
    (
        "xl/sharedStrings.xml".to_string(),
        text(format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{}" uniqueCount="{unique_count}">{items}</sst>"#,
            strings.len()
        )),
    )
}

/// One crafted file: its name, its bytes, and the refusal expected: (row, code) of the last
/// problem reported, and how many there are (1 but for junk_rows.xlsx).
pub struct Crafted {
    pub name: &'static str,
    pub bytes: Vec<u8>,
    pub expected: (usize, &'static str),
    pub problems: usize,
}

/// The crafted files, smallest first. `big`: also those of tens of MB inflated (a few seconds
/// each in a debug build).
pub fn all(big: bool) -> Vec<Crafted> {
    let mut out = vec![
        // The issue's file: A1 and XFD1048576 under a dense range are 2^34 cells (abort:
        // "memory allocation of 549755813888 bytes failed").
        Crafted {
            name: "far_reference.xlsx",
            bytes: workbook(sheet(r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#), vec![]),
            expected: (1_048_576, "limit_columns"), problems: 1,
        },
        // A row past Excel's last.
        Crafted {
            name: "row_past_excel.xlsx",
            bytes: workbook(sheet(r#"<row r="2000000"><c r="A2000000"><v>1</v></c></row>"#), vec![]),
            expected: (2_000_000, "limit_rows"), problems: 1,
        },
        // calamine reserves room for the strings the table announces: a trillion of them.
        Crafted {
            name: "announced_strings.xlsx",
            bytes: workbook(sheet(""), vec![shared_strings(&["a".into()], "1000000000000")]),
            expected: (0, "limit_shared_strings"), problems: 1,
        },
        // A shared formula's index sizes calamine's table of shared formulas when expanded.
        Crafted {
            name: "shared_formula_index.xlsx",
            bytes: workbook(
                sheet(r#"<row r="3"><c r="D3"><f t="shared" si="1000000000000" ref="D3:D4">1+1</f><v>2</v></c></row>"#),
                vec![],
            ),
            expected: (3, "formula"), problems: 1,
        },
        // A cell longer than Excel allows, inline.
        Crafted {
            name: "long_inline_cell.xlsx",
            bytes: workbook(sheet(&format!(r#"<row r="3"><c r="B3" t="inlineStr"><is><t>{}</t></is></c></row>"#, "长".repeat(40_000))), vec![]),
            expected: (3, "limit_cell_length"), problems: 1,
        },
        // One long shared string used 200 times: 200 copies before the limit.
        Crafted {
            name: "long_shared_string_reused.xlsx",
            bytes: workbook(
                text(format!(
                    "{SHEET_HEAD}{HEADER}{}{SHEET_TAIL}",
                    (3..203).map(|r| format!(r#"<row r="{r}"><c r="B{r}" t="s"><v>0</v></c></row>"#)).collect::<String>()
                )),
                vec![shared_strings(&["长".repeat(100_000)], "1")],
            ),
            expected: (3, "limit_cell_length"), problems: 1,
        },
        // One huge shared string (8 MB, an XML text run the parser would hold whole).
        Crafted {
            name: "huge_shared_string.xlsx",
            bytes: workbook(sheet(r#"<row r="3"><c r="B3" t="s"><v>0</v></c></row>"#), vec![shared_strings(&["x".repeat(8 << 20)], "1")]),
            expected: (0, "limit_xml_token"), problems: 1,
        },
        // A tag of 8 MB: an attribute value hides every `<` and `>`.
        Crafted {
            name: "huge_attribute.xlsx",
            bytes: workbook(sheet(&format!(r#"<row r="3" x="{}"><c r="A3"><v>1</v></c></row>"#, "<>".repeat(4 << 20))), vec![]),
            expected: (0, "limit_xml_token"), problems: 1,
        },
        // Each row reaches column ALL (1,000 cells): 3,001 of them pass 3,000,000 cells.
        Crafted {
            name: "wide_rows.xlsx",
            bytes: workbook(
                Content::Rows {
                    head: format!("{SHEET_HEAD}{HEADER}"),
                    rows: Box::new(|r| format!(r#"<row r="{0}"><c r="ALL{0}"><v>1</v></c></row>"#, r + 2)),
                    count: 3_001,
                    tail: SHEET_TAIL.into(),
                },
                vec![],
            ),
            expected: (3_001, "limit_cells"), problems: 1,
        },
        // The issue's 200,000 rows in column XFD (1 MB).
        Crafted {
            name: "column_xfd_rows.xlsx",
            bytes: workbook(
                Content::Rows {
                    head: format!("{SHEET_HEAD}{HEADER}"),
                    rows: Box::new(|r| format!(r#"<row r="{0}"><c r="XFD{0}"><v>1</v></c></row>"#, r + 2)),
                    count: 200_000,
                    tail: SHEET_TAIL.into(),
                },
                vec![],
            ),
            expected: (2, "limit_columns"), problems: 1,
        },
        // More merged ranges than any sheet has.
        Crafted {
            name: "merged_ranges.xlsx",
            bytes: workbook(
                Content::Repeat {
                    head: format!("{SHEET_HEAD}{HEADER}{}</sheetData><mergeCells>", person_row(2)),
                    body: r#"<mergeCell ref="E1:F2"/>"#.into(),
                    times: 100_001,
                    tail: "</mergeCells></worksheet>".into(),
                },
                vec![],
            ),
            expected: (0, "limit_merged_cells"), problems: 1,
        },
        // Styles of 17 MB: calamine reads them whole as it opens.
        Crafted {
            name: "styles_bomb.xlsx",
            bytes: workbook(
                sheet(""),
                vec![(
                    "xl/styles.xml".to_string(),
                    Content::Repeat {
                        head: r#"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>"#
                            .into(),
                        body: r#"<xf numFmtId="14"/>"#.into(),
                        times: (17 << 20) / 19,
                        tail: "</cellXfs></styleSheet>".into(),
                    },
                )],
            ),
            expected: (0, "limit_part_size"), problems: 1,
        },
        // A DOCTYPE, whose internal subset the parser would hold whole.
        Crafted {
            name: "doctype.xlsx",
            bytes: workbook(
                text(format!(
                    r#"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "b">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{HEADER}{SHEET_TAIL}"#
                )),
                vec![],
            ),
            expected: (0, "unreadable_file"), problems: 1,
        },
        // 60,000 rows with only an employee ID: two missing values each. The check stops at
        // 100,000 problems (the first ones and the limit), where it would have listed 120,000.
        Crafted {
            name: "junk_rows.xlsx",
            bytes: workbook(
                Content::Rows {
                    head: format!("{SHEET_HEAD}{HEADER}"),
                    rows: Box::new(|r| format!(r#"<row r="{0}"><c r="A{0}" t="inlineStr"><is><t>J{0}</t></is></c></row>"#, r + 2)),
                    count: 60_000,
                    tail: SHEET_TAIL.into(),
                },
                vec![],
            ),
            expected: (0, "limit_problems"),
            problems: 100_001,
        },
        // Ten thousand and one parts.
        Crafted {
            name: "many_parts.xlsx",
            bytes: workbook(sheet(""), (0..10_001).map(|i| (format!("xl/media/p{i}.bin"), text("x"))).collect()),
            expected: (0, "limit_parts"), problems: 1,
        },
    ];
    if big {
        out.extend([
            // The issue's three million small rows (a 34 MB file at compression level 1).
            Crafted {
                name: "many_rows.xlsx",
                bytes: workbook(
                    Content::Rows {
                        head: format!("{SHEET_HEAD}{HEADER}"),
                        rows: Box::new(|r| format!(r#"<row r="{0}"><c r="A{0}"><v>{0}</v></c></row>"#, r + 2)),
                        count: 3_000_000,
                        tail: SHEET_TAIL.into(),
                    },
                    vec![],
                ),
                expected: (1_048_577, "limit_rows"),
                problems: 1,
            },
            // A zip bomb: 300 MB of empty rows in a file of 2.9 MB.
            Crafted {
                name: "zip_bomb.xlsx",
                bytes: workbook(
                    Content::Repeat {
                        head: format!("{SHEET_HEAD}{HEADER}"),
                        body: "<row/>".into(),
                        times: 50_000_000,
                        tail: SHEET_TAIL.into(),
                    },
                    vec![],
                ),
                expected: (0, "limit_part_size"),
                problems: 1,
            },
        ]);
    }
    out
}

/// Crafted CSV files: (name, bytes, expected).
pub fn csv_files() -> Vec<Crafted> {
    let header = "工号,姓名,所在单位\n";
    vec![
        Crafted {
            name: "long_cell.csv",
            bytes: format!("{header}T1,{},计算机学院\n", "长".repeat(40_000)).into_bytes(),
            expected: (2, "limit_cell_length"),
            problems: 1,
        },
        Crafted {
            name: "many_records.csv",
            bytes: format!("{header}{}", "1\n".repeat(1_100_000)).into_bytes(),
            expected: (1_048_577, "limit_rows"),
            problems: 1,
        },
        Crafted {
            name: "far_column.csv",
            bytes: format!("{header}T1,张三,计算机学院{}x\n", ",".repeat(2_000)).into_bytes(),
            expected: (2, "limit_columns"),
            problems: 1,
        },
    ]
}

/// A file just over the size limit (sparse: no disk is used).
pub fn oversized(dir: &Path) -> PathBuf {
    let path = dir.join("oversized.csv");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(transferdesk_core::import::limits::FILE_BYTES + 1).expect("size");
    path
}

#[test]
#[ignore = "writes the crafted files to $CRAFTED_DIR for measuring the CLI"]
fn write_crafted_files() {
    let dir = PathBuf::from(std::env::var("CRAFTED_DIR").expect("CRAFTED_DIR"));
    std::fs::create_dir_all(&dir).expect("dir");
    for c in all(true).into_iter().chain(csv_files()) {
        std::fs::write(dir.join(c.name), &c.bytes).expect("write");
        eprintln!("{}: {} bytes", c.name, c.bytes.len());
    }
    oversized(&dir);
}
