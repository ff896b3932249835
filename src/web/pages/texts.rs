//! The pages' words in the chosen display language. chrome.i18n follows only the
//! browser's language, so the catalogue of the chosen language is read from the
//! package itself (`_locales/<lang>/messages.json`, an extension file: no
//! network). Missing keys fall back to English, then to the HTML's own text.
use serde_json::Value;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::Document;

use crate::state::settings::Language;

pub(crate) struct Texts {
    pub lang: Language,
    chosen: HashMap<String, String>,
    english: HashMap<String, String>,
}

impl Texts {
    /// The catalogue for `chosen`, or for the browser's language when None.
    pub async fn load(chosen: Option<Language>) -> Texts {
        let lang = chosen.or_else(browser_language).unwrap_or(Language::En);
        let english = read_catalogue(Language::En).await;
        let chosen = if lang == Language::En { HashMap::new() } else { read_catalogue(lang).await };
        Texts { lang, chosen, english }
    }

    /// The message for `key` with `$NAME$` placeholders replaced from `args`
    /// (names are matched case-insensitively). None when no catalogue has it.
    pub fn get(&self, key: &str, args: &[(&str, &str)]) -> Option<String> {
        let mut s = self.chosen.get(key).or_else(|| self.english.get(key))?.clone();
        for (name, value) in args {
            s = s.replace(&format!("${}$", name.to_ascii_uppercase()), value);
        }
        Some(s)
    }

    /// Like `get`, with the key itself as a last resort (never empty on screen).
    pub fn text(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.get(key, args).unwrap_or_else(|| key.to_string())
    }

    /// Replaces the text of every `[data-i18n]` element that has a message, and
    /// sets the page's `lang`.
    pub fn apply(&self, doc: &Document) {
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", self.lang.code());
        }
        let Ok(list) = doc.query_selector_all("[data-i18n]") else { return };
        for i in 0..list.length() {
            let Some(el) = list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
            if let Some(key) = el.get_attribute("data-i18n") {
                if let Some(msg) = self.get(&key, &[]) {
                    el.set_text_content(Some(&msg));
                }
            }
        }
    }
}

fn browser_language() -> Option<Language> {
    let global = js_sys::global();
    let chrome = js_sys::Reflect::get(&global, &"chrome".into()).ok()?;
    let i18n = js_sys::Reflect::get(&chrome, &"i18n".into()).ok()?;
    let f: js_sys::Function = js_sys::Reflect::get(&i18n, &"getUILanguage".into()).ok()?.dyn_into().ok()?;
    let code = f.call0(&i18n).ok()?.as_string()?;
    Language::from_code(&code)
}

async fn read_catalogue(lang: Language) -> HashMap<String, String> {
    async fn fetch_json(url: &str) -> Result<JsValue, JsValue> {
        let global = js_sys::global();
        let fetch: js_sys::Function = js_sys::Reflect::get(&global, &"fetch".into())?.dyn_into()?;
        let resp = JsFuture::from(fetch.call1(&global, &url.into())?.dyn_into::<js_sys::Promise>()?).await?;
        let json: js_sys::Function = js_sys::Reflect::get(&resp, &"json".into())?.dyn_into()?;
        JsFuture::from(json.call0(&resp)?.dyn_into::<js_sys::Promise>()?).await
    }
    let mut out = HashMap::new();
    let Ok(url) = extension_url(&format!("_locales/{}/messages.json", lang.code())) else { return out };
    let Ok(v) = fetch_json(&url).await else { return out };
    if let Ok(Value::Object(map)) = serde_wasm_bindgen::from_value::<Value>(v) {
        for (k, entry) in map {
            if let Some(m) = entry.get("message").and_then(Value::as_str) {
                out.insert(k, m.to_string());
            }
        }
    }
    out
}

/// chrome.runtime.getURL(path).
pub(crate) fn extension_url(path: &str) -> Result<String, JsValue> {
    let global = js_sys::global();
    let chrome = js_sys::Reflect::get(&global, &"chrome".into())?;
    let runtime = js_sys::Reflect::get(&chrome, &"runtime".into())?;
    let f: js_sys::Function = js_sys::Reflect::get(&runtime, &"getURL".into())?.dyn_into()?;
    f.call1(&runtime, &path.into())?.as_string().ok_or_else(|| JsValue::from_str("getURL"))
}
