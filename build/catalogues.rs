// Compiles the extension's message catalogues (extension/_locales/{en,hi,mr}/
// messages.json, WebExtension i18n format) into $OUT_DIR/catalogue_<lang>.json:
// one flat {"lowercased_key": "message"} object per language, named placeholders
// already turned into positional $1…$9 (as chrome.i18n does), WITHOUT the
// translators' "description" fields. src/web/i18n.rs embeds these instead of the
// raw files (about a third of their size). A malformed file, or a language whose
// keys differ from English's, fails the build and names the file.
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

#[allow(dead_code)]
pub fn compile() {
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    let mut english: Option<BTreeMap<String, String>> = None;
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
        let json = serde_json::to_string(&cat).expect("catalogue serializes");
        std::fs::write(format!("{out_dir}/catalogue_{lang}.json"), json).expect("write catalogue");
    }
}
