//! A document as both renderers see it: a cover, numbered sections and a few kinds of block.
//! Builders fill it from the store in the reader's language; renderers only lay it out, so the
//! PDF and the DOCX say the same thing and a snapshot of this model pins what a document says.

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    /// What the document is, e.g. "Context Report".
    pub title: String,
    pub cover: Cover,
    /// Shown as a watermark (PDF) or a header line (DOCX) until the strategy is signed off.
    pub draft: Option<String>,
    /// The words the layout itself needs, in the document's language.
    pub chrome: Chrome,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cover {
    pub workspace: String,
    /// Label and value lines under the title: jurisdiction, office, date, strategy version.
    pub lines: Vec<Fact>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Chrome {
    pub contents: String,
    /// "Page {page} of {total}" with the placeholders left in for the renderer.
    pub page_of: String,
    pub lang: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    pub title: String,
    pub blocks: Vec<Block>,
    pub subsections: Vec<Section>,
}

impl Section {
    pub fn new(title: impl Into<String>) -> Section {
        Section {
            title: title.into(),
            blocks: Vec::new(),
            subsections: Vec::new(),
        }
    }

    pub fn with(mut self, block: Block) -> Section {
        self.blocks.push(block);
        self
    }

    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    pub fn part(mut self, section: Section) -> Section {
        self.subsections.push(section);
        self
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Block {
    Paragraph {
        text: String,
    },
    /// What a section shows when nothing is recorded for it yet.
    Empty {
        text: String,
    },
    Facts {
        facts: Vec<Fact>,
    },
    List {
        items: Vec<String>,
    },
    Table(Table),
    Bars(BarChart),
    Timeline(Timeline),
    /// A supply chain: its nodes in stages from mine to export, and the flows between them.
    Chain(Chain),
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Column {
    pub title: String,
    /// Right-aligned (numbers); relative width otherwise equal.
    pub numeric: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Table {
    pub caption: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// A closing row in bold (totals), when the table has one.
    pub total: Option<Vec<String>>,
}

impl Table {
    /// A table whose columns are named by `(title, numeric)` pairs.
    pub fn new(caption: impl Into<String>, columns: &[(String, bool)]) -> Table {
        Table {
            caption: caption.into(),
            columns: columns
                .iter()
                .map(|(title, numeric)| Column {
                    title: title.clone(),
                    numeric: *numeric,
                })
                .collect(),
            rows: Vec::new(),
            total: None,
        }
    }
}

/// Horizontal bars, one group per label and one bar per series in it, labelled with their values.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BarChart {
    pub caption: String,
    pub series: Vec<String>,
    pub groups: Vec<BarGroup>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BarGroup {
    pub label: String,
    pub values: Vec<f64>,
    /// The values as the reader reads them (formatted in the document's language).
    pub shown: Vec<String>,
}

/// Bars over months: one row per action from its start month to its end month.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    pub caption: String,
    /// The month labels along the axis, first to last.
    pub months: Vec<String>,
    pub rows: Vec<TimelineRow>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineRow {
    pub label: String,
    /// Indexes into `months`, inclusive.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Chain {
    pub caption: String,
    pub stages: Vec<Stage>,
    pub flows: Table,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stage {
    pub title: String,
    pub nodes: Vec<String>,
}
