//! The Word document (docx-rs): the same cover, contents, numbered sections and tables as the
//! PDF, in styles an officer can edit. Charts become the tables of their numbers, which Word
//! users can turn back into charts; the draft mark is a line in every page's header.

use crate::error::DocError;
use crate::model::{Block, Document, Fact, Section, Table};
use docx_rs::{
    AlignmentType, Docx, Footer, Header, LineSpacing, NumPages, PageNum, Paragraph, Run, Shading,
    ShdType, Style, StyleType, TableCell, TableOfContents, TableOfContentsItem, TableRow,
    WidthType,
};

const ACCENT: &str = "0B6B69";
const MUTED: &str = "5F5F5F";
/// A4 between the margins, in twentieths of a point.
const TEXT_WIDTH: usize = 9_500;
/// Header rows are marked with this row height while the document is built, then the mark
/// becomes `<w:tblHeader/>` (repeat on every page), which docx-rs cannot write itself.
const HEADER_ROW_MARK: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;

/// `date` (YYYY-MM-DD) is written as the document's creation date, and the zip's entries carry
/// no clock time, so the same document gives the same bytes.
pub fn render(document: &Document, date: &str) -> Result<Vec<u8>, DocError> {
    let stamp = format!("{date}T00:00:00Z");
    let mut docx = Docx::new()
        .created_at(&stamp)
        .updated_at(&stamp)
        .page_size(11_906, 16_838)
        .default_size(21)
        .add_style(heading_style("Heading1", "heading 1", 32, 0))
        .add_style(heading_style("Heading2", "heading 2", 26, 1))
        .add_style(heading_style("Heading3", "heading 3", 23, 2))
        .footer(footer(document))
        .first_footer(Footer::new());
    if let Some(draft) = &document.draft {
        docx = docx.header(
            Header::new().add_paragraph(
                Paragraph::new().align(AlignmentType::Right).add_run(
                    Run::new()
                        .add_text(draft.to_uppercase())
                        .bold()
                        .color(MUTED),
                ),
            ),
        );
    }
    docx = cover(docx, document).title_pg();
    let outline = outline(&document.sections, "", 1);
    docx = docx.add_table_of_contents(contents(document, &outline));
    for (bookmark, heading) in outline.iter().enumerate() {
        docx = section_to(docx, heading, bookmark + 1);
    }
    let mut xml = docx.build();
    let mut paragraph = 0;
    let body = String::from_utf8_lossy(&xml.document).replace(HEADER_ROW_MARK, "<w:tblHeader />");
    xml.document = renumber_paragraphs(&body, &mut paragraph).into_bytes();
    for part in xml.headers.iter_mut().chain(xml.footers.iter_mut()) {
        *part = renumber_paragraphs(&String::from_utf8_lossy(part), &mut paragraph).into_bytes();
    }
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| DocError::Docx(e.to_string()))?;
    without_clock_times(&out.into_inner())
}

/// Paragraph ids numbered in reading order. docx-rs draws them from a counter shared by every
/// document the process makes (so the same document got other ids the second time), and gives
/// the contents' paragraphs ids that others already have.
fn renumber_paragraphs(xml: &str, next: &mut u32) -> String {
    const ATTRIBUTE: &str = "w14:paraId=\"";
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find(ATTRIBUTE) {
        let value_start = at + ATTRIBUTE.len();
        let value_end = rest[value_start..]
            .find('"')
            .map_or(rest.len(), |end| value_start + end);
        *next += 1;
        out.push_str(&rest[..value_start]);
        out.push_str(&format!("{:08X}", *next));
        rest = &rest[value_end..];
    }
    out.push_str(rest);
    out
}

/// The same zip with every entry's modification time set to the zip epoch: docx-rs stamps
/// entries with the time of writing.
fn without_clock_times(packed: &[u8]) -> Result<Vec<u8>, DocError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(packed)).map_err(docx_error)?;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(docx_error)?;
        writer
            .raw_copy_file_touch(entry, zip::DateTime::default(), Some(0o644))
            .map_err(docx_error)?;
    }
    Ok(writer.finish().map_err(docx_error)?.into_inner())
}

fn docx_error(error: zip::result::ZipError) -> DocError {
    DocError::Docx(error.to_string())
}

fn heading_style(id: &str, name: &str, size: usize, level: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .size(size)
        .bold()
        .color(ACCENT)
        .outline_lvl(level)
        .line_spacing(LineSpacing::new().before(280).after(120))
}

fn footer(document: &Document) -> Footer {
    // "Page {page} of {total}" around the two fields, in the document's language.
    let (before, rest) = document
        .chrome
        .page_of
        .split_once("{page}")
        .unwrap_or(("", ""));
    let (middle, after) = rest.split_once("{total}").unwrap_or((rest, ""));
    let run = |text: &str| Run::new().add_text(text).size(18).color(MUTED);
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Right)
            .add_run(run(&format!(
                "{} — {}    {before}",
                document.title, document.cover.workspace
            )))
            .add_page_num(PageNum::new())
            .add_run(run(middle))
            .add_num_pages(NumPages::new())
            .add_run(run(after)),
    )
}

fn cover(mut docx: Docx, document: &Document) -> Docx {
    let space = |before: u32| Paragraph::new().line_spacing(LineSpacing::new().before(before));
    docx = docx
        .add_paragraph(
            space(2_400).add_run(
                Run::new()
                    .add_text(document.cover.workspace.to_uppercase())
                    .bold()
                    .color(ACCENT),
            ),
        )
        .add_paragraph(space(200).add_run(Run::new().add_text(&document.title).bold().size(56)))
        .add_paragraph(space(800));
    for Fact { label, value } in &document.cover.lines {
        docx = docx.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("{label}: ")).color(MUTED))
                .add_run(Run::new().add_text(value)),
        );
    }
    docx.add_paragraph(Paragraph::new().add_run(Run::new().add_break(docx_rs::BreakType::Page)))
}

/// A section with its number ("2.1") and depth, in reading order.
struct Heading<'a> {
    number: String,
    level: usize,
    section: &'a Section,
}

fn outline<'a>(sections: &'a [Section], prefix: &str, level: usize) -> Vec<Heading<'a>> {
    let mut headings = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        let number = format!("{prefix}{}", i + 1);
        let below = outline(&section.subsections, &format!("{number}."), level + 1);
        headings.push(Heading {
            number,
            level,
            section,
        });
        headings.extend(below);
    }
    headings
}

/// The contents, filled with the section titles so it reads before Word updates its page
/// numbers (it is marked dirty, so Word offers to).
fn contents(document: &Document, outline: &[Heading]) -> TableOfContents {
    let toc = TableOfContents::new()
        .heading_styles_range(1, 2)
        .alias(&document.chrome.contents)
        .dirty()
        .add_before_paragraph(
            Paragraph::new()
                .style("Heading1")
                .add_run(Run::new().add_text(&document.chrome.contents)),
        );
    outline
        .iter()
        .enumerate()
        .filter(|(_, h)| h.level <= 2)
        .fold(toc, |toc, (i, h)| {
            toc.add_item(
                TableOfContentsItem::new()
                    .text(format!("{} {}", h.number, h.section.title))
                    .level(h.level)
                    .toc_key(bookmark_name(i + 1)),
            )
        })
}

fn bookmark_name(n: usize) -> String {
    format!("_Toc_lode_{n}")
}

fn section_to(mut docx: Docx, heading: &Heading, bookmark: usize) -> Docx {
    let level = heading.level.min(3);
    let mut paragraph = Paragraph::new()
        .style(&format!("Heading{level}"))
        .keep_next(true)
        .add_bookmark_start(bookmark, bookmark_name(bookmark))
        .add_run(Run::new().add_text(format!("{} {}", heading.number, heading.section.title)))
        .add_bookmark_end(bookmark);
    if level == 1 {
        paragraph = paragraph.page_break_before(true);
    }
    docx = docx.add_paragraph(paragraph);
    heading.section.blocks.iter().fold(docx, block_to)
}

fn block_to(docx: Docx, block: &Block) -> Docx {
    match block {
        Block::Paragraph { text } => docx.add_paragraph(text_paragraph(text)),
        Block::Empty { text } => docx.add_paragraph(
            Paragraph::new().add_run(Run::new().add_text(text).italic().color(MUTED)),
        ),
        Block::Facts { facts } => facts.iter().fold(docx, |docx, fact| {
            docx.add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text(format!("{}: ", fact.label)).bold())
                    .add_run(Run::new().add_text(&fact.value)),
            )
        }),
        Block::List { items } => items.iter().fold(docx, |docx, item| {
            docx.add_paragraph(text_paragraph(&format!("• {item}")))
        }),
        Block::Table(table) => table_to(docx, table),
        Block::Bars(chart) => {
            let mut table = Table::new(
                chart.caption.clone(),
                &std::iter::once((String::new(), false))
                    .chain(chart.series.iter().map(|s| (s.clone(), true)))
                    .collect::<Vec<_>>(),
            );
            table.rows = chart
                .groups
                .iter()
                .map(|g| {
                    std::iter::once(g.label.clone())
                        .chain(g.shown.clone())
                        .collect()
                })
                .collect();
            table_to(docx, &table)
        }
        Block::Timeline(timeline) => {
            let columns = [String::new(), "→".to_owned(), "←".to_owned()];
            let mut table = Table::new(timeline.caption.clone(), &columns.map(|c| (c, false)));
            table.rows = timeline
                .rows
                .iter()
                .map(|r| {
                    let month = |i: usize| timeline.months.get(i).cloned().unwrap_or_default();
                    vec![r.label.clone(), month(r.start), month(r.end)]
                })
                .collect();
            table_to(docx, &table)
        }
        Block::Chain(chain) => {
            let mut stages = Table::new(
                chain.caption.clone(),
                &chain
                    .stages
                    .iter()
                    .map(|s| (s.title.clone(), false))
                    .collect::<Vec<_>>(),
            );
            stages.rows = vec![chain.stages.iter().map(|s| s.nodes.join("\n")).collect()];
            let docx = table_to(docx, &stages);
            match chain.flows.rows.is_empty() {
                true => docx,
                false => table_to(docx, &chain.flows),
            }
        }
    }
}

/// A paragraph keeping the line breaks the officer typed.
fn text_paragraph(text: &str) -> Paragraph {
    let mut run = Run::new();
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            run = run.add_break(docx_rs::BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    Paragraph::new().add_run(run)
}

fn table_to(docx: Docx, table: &Table) -> Docx {
    let columns = table.columns.len().max(1);
    let width = TEXT_WIDTH / columns;
    let cell = |text: &str, numeric: bool, bold: bool| {
        let mut run = Run::new().size(18);
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                run = run.add_break(docx_rs::BreakType::TextWrapping);
            }
            run = run.add_text(line);
        }
        if bold {
            run = run.bold();
        }
        let align = match numeric {
            true => AlignmentType::Right,
            false => AlignmentType::Left,
        };
        TableCell::new()
            .width(width, WidthType::Dxa)
            .add_paragraph(Paragraph::new().align(align).add_run(run))
    };
    let header = TableRow::new(
        table
            .columns
            .iter()
            .map(|c| {
                cell(&c.title, c.numeric, true)
                    .shading(Shading::new().shd_type(ShdType::Clear).fill("E0EFEE"))
            })
            .collect(),
    )
    .cant_split()
    .row_height(1.0)
    .height_rule(docx_rs::HeightRule::AtLeast);
    let row = |values: &[String], bold: bool| {
        TableRow::new(
            values
                .iter()
                .zip(&table.columns)
                .map(|(value, c)| cell(value, c.numeric, bold))
                .collect(),
        )
        .cant_split()
    };
    let mut rows = vec![header];
    rows.extend(table.rows.iter().map(|r| row(r, false)));
    if let Some(total) = &table.total {
        rows.push(row(total, true));
    }
    docx.add_paragraph(
        Paragraph::new()
            .keep_next(true)
            .line_spacing(LineSpacing::new().before(160))
            .add_run(
                Run::new()
                    .add_text(&table.caption)
                    .italic()
                    .size(18)
                    .color(MUTED),
            ),
    )
    .add_table(docx_rs::Table::new(rows).set_grid(vec![width; columns]))
    .add_paragraph(Paragraph::new())
}
