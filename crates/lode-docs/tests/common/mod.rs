//! What the document tests share: the demo workspace on a fixed day, and the documents read
//! back the way a reader reads them (the PDF through pdftotext, the DOCX through a DOCX reader
//! and its text).
#![allow(dead_code)] // each test file uses its own part

use lode_core::Lang;
use lode_core::clock::{FixedClock, SequentialIds};
use lode_store::{Context, Store};
use std::io::Read;
use std::process::Command;
use std::sync::Arc;

/// 2026-11-28T00:00:00Z
pub const T0: i64 = 1_795_824_000_000;

pub struct Demo {
    _dir: tempfile::TempDir,
    pub store: Store,
    pub workspace: String,
}

/// The demo workspace, every phase filled in.
pub fn demo() -> Demo {
    demo_through(3)
}

/// The demo workspace with its records up to `last_phase`.
pub fn demo_through(last_phase: u8) -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let context = Context {
        clock: Arc::new(FixedClock::at(T0)),
        ids: Arc::new(SequentialIds::default()),
    };
    let mut store = Store::open(&dir.path().join("lode.db"), context).unwrap();
    let workspace = lode_store::demo::ensure_through(&mut store, Lang::En, last_phase)
        .unwrap()
        .meta
        .id;
    Demo {
        _dir: dir,
        store,
        workspace,
    }
}

/// The PDF's text as pdftotext reads it, with every kind of space made one plain space.
pub fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("document.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext failed: {out:?}");
    plain(&String::from_utf8_lossy(&out.stdout))
}

/// The DOCX's words: every w:t of its body, then of its page headers, in order, once a DOCX
/// reader has parsed the whole file.
pub fn docx_text(bytes: &[u8]) -> String {
    docx_rs::read_docx(bytes).expect("a DOCX reader opens the file");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
    let mut parts: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .filter(|name| name.starts_with("word/header"))
        .map(|name| name.into_owned())
        .collect();
    parts.insert(0, "word/document.xml".to_owned());
    let mut words = String::new();
    for part in parts {
        let mut xml = String::new();
        zip.by_name(&part)
            .expect("a part the zip lists")
            .read_to_string(&mut xml)
            .unwrap();
        for piece in xml.split("<w:t").skip(1) {
            let Some(start) = piece.find('>') else {
                continue;
            };
            let body = &piece[start + 1..];
            if let Some(end) = body.find("</w:t>") {
                words.push_str(&body[..end]);
                words.push(' ');
            }
        }
    }
    plain(&words.replace("&apos;", "'").replace("&amp;", "&"))
}

pub fn plain(text: &str) -> String {
    text.replace(['\u{202f}', '\u{a0}'], " ")
}

/// Text with its runs of whitespace (line ends where pdftotext wrapped) made one space.
pub fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Only the letters and digits: a justified paragraph may be hyphenated anywhere, and this
/// compares its words whatever the line breaks did to them.
pub fn letters(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}
