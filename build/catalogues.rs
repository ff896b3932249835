// Compiles the extension's message catalogues (extension/_locales/{en,hi,mr}/
// messages.json, WebExtension i18n format) into $OUT_DIR/catalogues.rs: the
// message keys (lowercased, sorted) and one array of texts per language, named
// placeholders already turned into positional $1…$9 (as chrome.i18n does),
// WITHOUT the translators' "description" fields. src/web/i18n.rs includes it:
// static tables, so nothing is parsed at run time, and the content script's
// module keeps only the keys its code names (see `content_literals`). A
// malformed file, or a language whose keys differ from English's, fails the
// build and names the file.
//
// Also mounted by src/web/i18n.rs's unit tests (for `compact`).
use std::collections::{BTreeMap, HashMap};

pub const LANGS: &[&str] = &["en", "hi", "mr"];

#[derive(serde::Deserialize)]
struct Entry {
    message: String,
    #[serde(default)]
    placeholders: HashMap<String, Placeholder>,
}

#[derive(serde::Deserialize)]
pub struct Placeholder {
    content: String,
}

/// messages.json text → {lowercased key: message with named placeholders resolved}.
pub fn compact(json: &str) -> Result<BTreeMap<String, String>, String> {
    let raw: HashMap<String, Entry> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let mut out = BTreeMap::new();
    for (name, e) in raw {
        let key = name.to_ascii_lowercase();
        let msg = resolve_named(&e.message, &e.placeholders);
        if out.insert(key, msg).is_some() {
            return Err(format!("key {name:?} appears twice (keys are case-insensitive)"));
        }
    }
    Ok(out)
}

/// `$NAME$` → the placeholder's content (`$1`); names are case-insensitive.
pub fn resolve_named(msg: &str, placeholders: &HashMap<String, Placeholder>) -> String {
    let lower: HashMap<String, &str> =
        placeholders.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.content.as_str())).collect();
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find('$') {
            Some(j) if j > 0 && after[..j].chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
                match lower.get(&after[..j].to_ascii_lowercase()) {
                    Some(content) => out.push_str(content),
                    None => out.push_str(&rest[i..i + j + 2]),
                }
                rest = &after[j + 1..];
            }
            _ => {
                out.push('$');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// String literals in the content script's source (src/web/** except the extension
/// pages): a catalogue key is kept in the content module only if its code names it.
/// Every key the warnings use is written as a literal (`t(lang, "danger_title")`,
/// `stage_key` → `"stage_contact"`, `LinkButton::new("police_india_call", …)`).
fn content_literals(dir: &std::path::Path, out: &mut std::collections::BTreeSet<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for entry in rd.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "pages") {
                content_literals(&path, out);
            }
        } else if path.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            for lit in string_literals(without_tests(&text)) {
                if !lit.is_empty() && lit.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                    out.insert(lit.to_ascii_lowercase());
                }
            }
        }
    }
}

/// Rust source without its unit tests: a file's `#[cfg(test)] mod tests { … }`, which
/// this project writes last in the file. A key only a test names (the i18n tests name
/// the pages' `popup_warning_line`, `popup_level_notice`, `welcome_show_notice`) is
/// then not kept in the content module; the tests read the full catalogues (native).
pub fn without_tests(src: &str) -> &str {
    src.find("\n#[cfg(test)]\nmod tests {").map_or(src, |i| &src[..i + 1])
}

/// The contents of the string literals in Rust source (escapes left as written;
/// comments, char literals, lifetimes and raw strings handled).
pub fn string_literals(src: &str) -> Vec<&str> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
            }
            b'\'' => {
                // A char literal ('x', '\n', '"') or a lifetime ('a).
                if b.get(i + 1) == Some(&b'\\') {
                    i += 2;
                    while i < b.len() && b[i] != b'\'' {
                        i += 1;
                    }
                    i += 1;
                } else {
                    let len = src[i + 1..].chars().next().map_or(1, char::len_utf8);
                    i += if b.get(i + 1 + len) == Some(&b'\'') { 2 + len } else { 1 };
                }
            }
            b'r' if (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
                && matches!(b.get(i + 1), Some(b'"') | Some(b'#')) =>
            {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                if b.get(i + 1 + hashes) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let start = i + 2 + hashes;
                let close = format!("\"{}", "#".repeat(hashes));
                let end = src[start..].find(&close).map_or(b.len(), |e| start + e);
                out.push(&src[start..end]);
                i = end + close.len();
            }
            b'"' => {
                let start = i + 1;
                i = start;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                out.push(&src[start..i.min(b.len())]);
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

fn rust_str(s: &str) -> String {
    format!("{s:?}")
}

#[allow(dead_code)]
pub fn compile() {
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    // The content script's WebAssembly module (wasm32, without the `pages` feature)
    // carries only the messages its code uses; the extension pages' module and the
    // native build (tests) carry them all.
    let content_module = std::env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32"))
        && std::env::var_os("CARGO_FEATURE_PAGES").is_none();
    println!("cargo:rerun-if-changed=src/web");
    let mut used = std::collections::BTreeSet::new();
    content_literals(std::path::Path::new("src/web"), &mut used);
    let mut english: Option<BTreeMap<String, String>> = None;
    let mut tables = Vec::new();
    for lang in LANGS {
        let path = format!("extension/_locales/{lang}/messages.json");
        println!("cargo:rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let cat = compact(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        match &english {
            None => english = Some(cat.clone()),
            Some(en) => {
                let missing: Vec<&String> = en.keys().filter(|k| !cat.contains_key(*k)).collect();
                let extra: Vec<&String> = cat.keys().filter(|k| !en.contains_key(*k)).collect();
                assert!(missing.is_empty() && extra.is_empty(), "{path}: lacks {missing:?}; has keys English lacks: {extra:?}");
            }
        }
        // One text per line, packed (saavdhan_normalize::pack): Hindi's and Marathi's
        // Devanagari a byte per character instead of UTF-8's three.
        let kept: Vec<String> = cat.into_iter().filter(|(k, _)| !content_module || used.contains(k)).map(|(_, v)| v).collect();
        let packed = saavdhan_normalize::pack::pack_text(&kept.join("\n"))
            .filter(|_| kept.iter().all(|v| !v.contains('\n')))
            .unwrap_or_else(|| panic!("{path}: a message holds a control character"));
        tables.push(format!("pub static {}: &[u8] = {};\n", lang.to_ascii_uppercase(), saavdhan_normalize::pack::byte_literal(&packed)));
    }
    let en = english.expect("English catalogue");
    let keys: Vec<String> = en.keys().filter(|k| !content_module || used.contains(*k)).map(|k| rust_str(k)).collect();
    let mut rs = format!(
        "// Generated by build/catalogues.rs: message keys (lowercased, sorted) and each language's texts, one per line, packed.\npub const N: usize = {};\npub static KEYS: [&str; N] = [{}];\n",
        keys.len(),
        keys.join(",")
    );
    for t in tables {
        rs.push_str(&t);
    }
    std::fs::write(format!("{out_dir}/catalogues.rs"), rs).expect("write catalogues.rs");
}
