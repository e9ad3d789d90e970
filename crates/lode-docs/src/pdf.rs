//! PDF through typst, embedded: the layout is `assets/documents/document.typ`, the document
//! model is handed to it as `data.json`, and the fonts are the ones typst ships (compiled into
//! the binary), so nothing is read from disk or the network.

use crate::error::DocError;
use crate::model::Document;
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

const LAYOUT: &str = include_str!("../../../assets/documents/document.typ");

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

/// Parsed once per process: reading the fonts is the slowest part of a first document.
static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// Everything one compilation may read: the layout, the data, the fonts and a fixed date.
struct DocumentWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
    today: Datetime,
}

impl DocumentWorld {
    fn new(document: &Document, today: Datetime) -> Result<DocumentWorld, DocError> {
        let json = serde_json::to_vec(document).map_err(|e| DocError::Typeset(e.to_string()))?;
        let main_id = FileId::new(None, VirtualPath::new("document.typ"));
        Ok(DocumentWorld {
            main: Source::new(main_id, LAYOUT.to_owned()),
            data_id: FileId::new(None, VirtualPath::new("data.json")),
            data: Bytes::new(json),
            today,
        })
    }
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        match id == self.main.id() {
            true => Ok(self.main.clone()),
            false => Err(FileError::NotFound(id.vpath().as_rootless_path().into())),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match id == self.data_id {
            true => Ok(self.data.clone()),
            false => Err(FileError::NotFound(id.vpath().as_rootless_path().into())),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// Typesets `document` as PDF. `ident` names the document stably (workspace and report), and
/// `date` (year, month, day) is the one date written into the file, so the same data on the
/// same day gives the same bytes.
pub fn render(document: &Document, ident: &str, date: (i32, u8, u8)) -> Result<Vec<u8>, DocError> {
    let today = Datetime::from_ymd(date.0, date.1, date.2)
        .ok_or_else(|| DocError::Typeset(format!("invalid date {date:?}")))?;
    let world = DocumentWorld::new(document, today)?;
    let compiled = typst::compile::<PagedDocument>(&world).output;
    // typst memoises every layout it makes for as long as the process lives; an app that makes
    // many different documents would only grow, so each document starts from nothing (which is
    // also what the benchmark then measures).
    typst::comemo::evict(0);
    let paged = compiled.map_err(|errors| typeset_error(&errors))?;
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(ident),
        timestamp: Some(typst_pdf::Timestamp::new_utc(today)),
        ..Default::default()
    };
    typst_pdf::pdf(&paged, &options).map_err(|errors| typeset_error(&errors))
}

fn typeset_error(errors: &[typst::diag::SourceDiagnostic]) -> DocError {
    let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
    DocError::Typeset(messages.join("; "))
}
