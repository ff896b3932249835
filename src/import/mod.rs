//! Reading conversations from files (native only): the conversation JSON format,
//! Facebook "Download your information" message exports, WhatsApp "Export chat" text.

pub mod dyi;
pub mod whatsapp;

use crate::engine::Conversation;
use std::path::{Path, PathBuf};

/// A problem with one input file; `line` when the format has lines to point at.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// One loaded conversation and the file it came from.
pub struct Loaded {
    pub file: String,
    pub conversation: Conversation,
}

fn err(file: &str, line: Option<usize>, message: impl Into<String>) -> ImportError {
    ImportError { file: file.to_string(), line, message: message.into() }
}

/// Loads every conversation in `path`: a file, or a directory (a Facebook export is
/// searched for `message_*.json`, the parts of one thread being merged).
/// Each result is one file's outcome, so one bad file does not stop the others.
pub fn load(path: &Path, me: Option<&str>) -> Vec<Result<Loaded, ImportError>> {
    if path.is_dir() {
        let mut threads: Vec<PathBuf> = Vec::new();
        walk(path, &mut threads);
        threads.sort();
        if threads.is_empty() {
            return vec![Err(err(&path.display().to_string(), None, "no messages/inbox/*/message_1.json in this directory"))];
        }
        return threads.iter().map(|dir| dyi::load_thread(dir, me)).collect();
    }
    vec![load_file(path, me)]
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.file_name().is_some_and(|n| n == "message_1.json") {
            out.push(dir.to_path_buf());
        }
    }
}

pub fn load_file(path: &Path, me: Option<&str>) -> Result<Loaded, ImportError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| err(&file, None, e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| err(&file, None, format!("not UTF-8 text: {e}")))?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    let is_json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) || text.trim_start().starts_with('{');
    if !is_json {
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let conversation = whatsapp::parse(text, &name, me).map_err(|(line, m)| err(&file, Some(line), m))?;
        return Ok(Loaded { file, conversation });
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| err(&file, Some(e.line()), e.to_string()))?;
    let conversation = if value.get("contact").is_some() {
        // Parse again from the text so that errors name the line.
        serde_json::from_str::<Conversation>(text).map_err(|e| err(&file, Some(e.line()), e.to_string()))?
    } else if value.get("participants").is_some() {
        dyi::parse(&[value], me).map_err(|m| err(&file, None, m))?
    } else {
        return Err(err(&file, None, "neither a conversation (no \"contact\") nor a Facebook message export (no \"participants\")"));
    };
    Ok(Loaded { file, conversation })
}
