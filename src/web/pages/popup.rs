//! The toolbar popup (extension/pages/popup.html): the protection state of the
//! current tab (kept by the background script), the latest warnings (who, how
//! serious, when — never message text), and a link to the options.
//!
//! The tab is the active tab of the current window, or `?tab=<id>` when the
//! popup is opened as a page (how the end-to-end tests look at another tab).
use serde::Deserialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element};

use super::texts::Texts;
use super::{by_id, document, set_hidden, spawn};
use crate::engine::Level;
use crate::state::quota::{StorageNote, STORAGE_NOTE_KEY};
use crate::state::settings::Language;
use crate::state::warnings_log::{WarningsLog, WARNINGS_LOG_KEY};
use crate::web::settings_io;
use crate::web::storage::{self, Area};

/// How many warnings the popup lists.
const SHOWN: usize = 5;

/// What the background keeps per tab (`tab:<id>` in chrome.storage.session).
#[derive(Debug, Deserialize)]
struct TabState {
    state: String,
}

pub fn start() -> Result<(), JsValue> {
    let doc = document()?;
    spawn(async move {
        // The local settings' language first: Chromium can answer managed storage
        // seconds after it starts (see `settings_io::with_managed`), and the popup
        // must not stay empty meanwhile. A language set by policy redraws it.
        let local = settings_io::load_local().await;
        let state = match tab_id().await {
            Some(id) => tab_state(id).await,
            None => None,
        };
        show_all(&doc, local.language, state.as_deref()).await?;
        wire_options_link(&doc)?;
        by_id::<Element>(&doc, "app")?.set_attribute("aria-busy", "false")?;
        if let Some(managed) = settings_io::with_managed(&local).await {
            if managed.language != local.language {
                show_all(&doc, managed.language, state.as_deref()).await?;
            }
        }
        Ok(())
    });
    Ok(())
}

fn chrome_fn(path: &[&str]) -> Result<(JsValue, js_sys::Function), JsValue> {
    let mut this = js_sys::global().into();
    for name in &path[..path.len() - 1] {
        this = js_sys::Reflect::get(&this, &(*name).into())?;
    }
    let f = js_sys::Reflect::get(&this, &path[path.len() - 1].into())?.dyn_into::<js_sys::Function>()?;
    Ok((this, f))
}

async fn call_promise(path: &[&str], arg: &JsValue) -> Result<JsValue, JsValue> {
    let (this, f) = chrome_fn(path)?;
    let p: js_sys::Promise = f.call1(&this, arg)?.dyn_into()?;
    JsFuture::from(p).await
}

async fn tab_id() -> Option<i32> {
    let search = web_sys::window()?.location().search().ok()?;
    let from_query = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("tab="))
        .and_then(|v| v.parse::<i32>().ok());
    if from_query.is_some() {
        return from_query;
    }
    let query = js_sys::Object::new();
    js_sys::Reflect::set(&query, &"active".into(), &JsValue::TRUE).ok()?;
    js_sys::Reflect::set(&query, &"currentWindow".into(), &JsValue::TRUE).ok()?;
    let tabs = call_promise(&["chrome", "tabs", "query"], &query).await.ok()?;
    let first = js_sys::Reflect::get(&tabs, &0.into()).ok()?;
    js_sys::Reflect::get(&first, &"id".into()).ok()?.as_f64().map(|f| f as i32)
}

/// The state the background keeps for the tab: asked by message, else read
/// from chrome.storage.session. None: no Saavdhan content script reported.
async fn tab_state(tab: i32) -> Option<String> {
    let msg = js_sys::Object::new();
    js_sys::Reflect::set(&msg, &"type".into(), &"saavdhan:get-tab-state".into()).ok()?;
    js_sys::Reflect::set(&msg, &"tabId".into(), &tab.into()).ok()?;
    let answer = match call_promise(&["chrome", "runtime", "sendMessage"], &msg).await {
        Ok(v) if !v.is_null() && !v.is_undefined() => Some(v),
        _ => storage::get_raw(Area::Session, &format!("tab:{tab}")).await.ok(),
    }?;
    storage::from_js::<TabState>(&answer).ok().map(|s| s.state)
}

/// Everything the popup shows, in `language` (each part replaces what it drew before).
async fn show_all(doc: &Document, language: Option<Language>, state: Option<&str>) -> Result<(), JsValue> {
    let texts = Texts::load(language).await;
    texts.apply(doc);
    show_state(doc, &texts, state)?;
    show_warnings(doc, &texts).await?;
    show_storage_note(doc, &texts).await
}

fn show_state(doc: &Document, texts: &Texts, state: Option<&str>) -> Result<(), JsValue> {
    // No report (or one we do not know): the page is not one Saavdhan watches.
    let state = state
        .filter(|s| matches!(*s, "active" | "paused_wasm" | "not_started" | "page_not_understood" | "not_facebook"))
        .unwrap_or("not_facebook");
    let el: Element = by_id(doc, "state")?;
    el.set_attribute("data-state", state)?;
    // "Saavdhan could not start" (its module missing or damaged) is the extension's
    // fault, not the page's: its own words (issue 16 item 6).
    let key = if state == "not_started" { "ctl_popup_state_not_started".to_string() } else { format!("popup_state_{state}") };
    el.set_text_content(Some(&texts.text(&key, &[])));
    Ok(())
}

fn level_key(level: Level) -> &'static str {
    match level {
        Level::Danger => "popup_level_danger",
        Level::Warning => "popup_level_warning",
        _ => "popup_level_notice",
    }
}

async fn show_warnings(doc: &Document, texts: &Texts) -> Result<(), JsValue> {
    let stored = storage::get_raw(Area::Local, WARNINGS_LOG_KEY).await.unwrap_or(JsValue::NULL);
    let value = storage::from_js::<Value>(&stored).unwrap_or(Value::Null);
    let log = WarningsLog::from_stored(&value);
    let list: Element = by_id(doc, "warnings")?;
    list.set_text_content(None);
    set_hidden(&by_id(doc, "no-warnings")?, !log.entries.is_empty());
    // "30 Nov 2026, 9:41 pm": day before month as in India, no seconds.
    let date_style = js_sys::Object::new();
    js_sys::Reflect::set(&date_style, &"dateStyle".into(), &"medium".into())?;
    js_sys::Reflect::set(&date_style, &"timeStyle".into(), &"short".into())?;
    for entry in log.latest(SHOWN) {
        let when = js_sys::Date::new(&JsValue::from_f64(entry.at_ms as f64))
            // Latin digits in every language (-u-nu-latn), as the banners write numbers.
            .to_locale_string(&format!("{}-IN-u-nu-latn", texts.lang.code()), &date_style)
            .as_string()
            .unwrap_or_default();
        let level = texts.text(level_key(entry.level), &[]);
        let li = doc.create_element("li")?;
        li.set_attribute("data-level", &format!("{:?}", entry.level).to_lowercase())?;
        // The name as written, shortened, in a <bdi> so it cannot turn the line around.
        let line = texts.text(
            "popup_warning_line",
            &[("name", &crate::web::ui::compose::isolated_name(&entry.contact_name)), ("level", &level), ("when", &when)],
        );
        crate::web::ui::render::append_isolated(doc, &li, &line)?;
        list.append_child(&li)?;
    }
    Ok(())
}

/// Storage was full: old contacts were forgotten to make room, or even that did
/// not help (state::quota; the note is in session storage when local had no room).
async fn show_storage_note(doc: &Document, texts: &Texts) -> Result<(), JsValue> {
    let mut note = None;
    for area in [Area::Session, Area::Local] {
        let raw = storage::get_raw(area, STORAGE_NOTE_KEY).await.unwrap_or(JsValue::NULL);
        let found = storage::from_js::<Value>(&raw)
            .ok()
            .and_then(|v| StorageNote::from_stored(&v))
            .filter(|n| n.recent(js_sys::Date::now()));
        if let Some(n) = found {
            if note.as_ref().is_none_or(|old: &StorageNote| n.at_ms > old.at_ms) {
                note = Some(n);
            }
        }
    }
    let el: Element = by_id(doc, "storage-note")?;
    set_hidden(&el, note.is_none());
    if let Some(n) = note {
        el.set_text_content(Some(&texts.text(if n.failed { "storage_popup_failed" } else { "storage_popup_trimmed" }, &[])));
    }
    Ok(())
}

fn wire_options_link(doc: &Document) -> Result<(), JsValue> {
    let link: Element = by_id(doc, "open-options")?;
    let cb = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        if let Ok((this, f)) = chrome_fn(&["chrome", "runtime", "openOptionsPage"]) {
            e.prevent_default();
            if let Ok(p) = f.call0(&this) {
                if let Ok(p) = p.dyn_into::<js_sys::Promise>() {
                    let noop = Closure::<dyn FnMut(JsValue)>::new(|_| {});
                    let _ = p.catch(&noop);
                    noop.forget();
                }
            }
        }
    });
    link.add_event_listener_with_callback("click", cb.as_ref().unchecked_ref())?;
    cb.forget();
    Ok(())
}
