//! chrome.storage, as async Rust. Values cross as serde types; a value that does
//! not deserialize is reported as `Err`, so callers can fall back to defaults
//! (a corrupted store must never break the extension).
//!
//! Values cross the boundary as JSON text (serde_json here, `JSON` in JS), not
//! through serde-wasm-bindgen: every stored value is read as a `serde_json::Value`
//! by the stores (migration and repair work field by field on it) and written as
//! the JSON text of its serde derive (`state::Stored`), so serde_json is in both
//! modules anyway, and JSON text makes maps plain
//! objects in both browsers with no extra crate. Measured with serde-wasm-bindgen
//! 0.6.5 in its place (json_compatible): content module 274.8 -> 279.1 KB gzip,
//! pages module 123.2 -> 125.7 KB gzip, so JSON text stays.
//!
//! [`set_making_room`] is the write for everything the content script keeps: when
//! storage is full it trims the oldest contact facts and tries again (state::quota).
use crate::state::Stored;
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = Object)]
    type StorageArea;
    #[wasm_bindgen(method, catch)]
    fn get(this: &StorageArea, keys: &JsValue) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn set(this: &StorageArea, items: &JsValue) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn remove(this: &StorageArea, keys: &JsValue) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn clear(this: &StorageArea) -> Result<js_sys::Promise, JsValue>;
}

/// Which chrome.storage area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Local,
    Managed,
    Session,
}

impl Area {
    fn name(self) -> &'static str {
        match self {
            Area::Local => "local",
            Area::Managed => "managed",
            Area::Session => "session",
        }
    }
}

#[wasm_bindgen]
extern "C" {
    /// `chrome` as this script sees it. Not `js_sys::global().chrome`: in Firefox
    /// content scripts `js_sys::global()` is the page's `window`, which has no
    /// `chrome`; the extension APIs live on the content script's sandbox global.
    #[wasm_bindgen(thread_local_v2, js_name = chrome)]
    static CHROME: Option<js_sys::Object>;
}

fn area(a: Area) -> Result<StorageArea, JsValue> {
    let chrome = CHROME.with(Option::clone).ok_or_else(|| JsValue::from_str("chrome unavailable"))?;
    let storage = js_sys::Reflect::get(&chrome, &"storage".into())?;
    let area = js_sys::Reflect::get(&storage, &a.name().into())?;
    if area.is_undefined() || area.is_null() {
        return Err(JsValue::from_str("storage area unavailable"));
    }
    Ok(area.unchecked_into())
}

/// A serde value as a plain JS value (maps become plain objects, so what is stored
/// reads back the same in both browsers).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    // serde_json's error text is not kept: nothing shows or logs it, and formatting it
    // links serde_json's error messages and their Display into the module.
    let text = serde_json::to_string(value).map_err(|_| JsValue::from_str("not serializable as JSON"))?;
    js_sys::JSON::parse(&text)
}

/// A JS value as a serde value; `undefined` reads as `null`. `Err` when it is not
/// JSON-representable or not of type `T`.
pub fn from_js<T: DeserializeOwned>(value: &JsValue) -> Result<T, JsValue> {
    let text: String = if value.is_undefined() {
        "null".into()
    } else {
        js_sys::JSON::stringify(value)?.into()
    };
    serde_json::from_str(&text).map_err(|_| JsValue::from_str("not JSON of the expected type"))
}

/// A JS value as a `serde_json::Value` (`undefined` reads as null): JSON.stringify
/// here, then parsed. `Err` when it is not JSON-representable.
pub fn value_from_js(value: &JsValue) -> Result<serde_json::Value, JsValue> {
    if value.is_undefined() {
        return Ok(serde_json::Value::Null);
    }
    let text = js_sys::JSON::stringify(value)?.as_string().ok_or_else(|| JsValue::from_str("not JSON"))?;
    serde_json::from_str(&text).map_err(|_| JsValue::from_str("not JSON"))
}

/// `p`'s outcome, or an error once it has not answered within
/// [`ANSWER_WITHIN_MS`](crate::state::quota::ANSWER_WITHIN_MS): a storage call that
/// never settles must not hold the write turn (and every later write) for the tab's life.
async fn answered(p: js_sys::Promise) -> Result<JsValue, JsValue> {
    use crate::state::quota::{ANSWER_WITHIN_MS, TIMED_OUT};
    let mut timeout = None;
    let timer = js_sys::Promise::new(&mut |_, reject| {
        let message = JsValue::from(js_sys::Error::new(&format!("{TIMED_OUT} {ANSWER_WITHIN_MS} ms")));
        timeout = Some(gloo_timers::callback::Timeout::new(ANSWER_WITHIN_MS as u32, move || {
            let _ = reject.call1(&JsValue::NULL, &message);
        }));
    });
    let answer = JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(&p, &timer))).await;
    // An answer in time cancels the timer (gloo's Timeout clears it when dropped).
    drop(timeout);
    answer
}

/// The text of a storage error (`Error.message`, or the value itself when a string).
pub fn error_text(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_default()
}

/// The raw JS value stored under `key` (undefined when absent).
pub async fn get_raw(a: Area, key: &str) -> Result<JsValue, JsValue> {
    let p = area(a)?.get(&JsValue::from_str(key))?;
    let obj = answered(p).await?;
    js_sys::Reflect::get(&obj, &key.into())
}

/// Everything in the area, as one object (`get(null)`).
pub async fn get_all(a: Area) -> Result<JsValue, JsValue> {
    answered(area(a)?.get(&JsValue::NULL)?).await
}

/// `Ok(None)` when absent; `Err` when unavailable or not of type `T`.
pub async fn get<T: DeserializeOwned>(a: Area, key: &str) -> Result<Option<T>, JsValue> {
    let v = get_raw(a, key).await?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    from_js(&v).map(Some)
}

/// Stores a JS value as it is.
pub async fn set_raw(a: Area, key: &str, value: &JsValue) -> Result<(), JsValue> {
    let items = js_sys::Object::new();
    js_sys::Reflect::set(&items, &key.into(), value)?;
    answered(area(a)?.set(&items)?).await?;
    Ok(())
}

pub async fn set<T: Serialize>(a: Area, key: &str, value: &T) -> Result<(), JsValue> {
    let v = to_js(value)?;
    set_raw(a, key, &v).await
}

/// Stores JSON text (a store's [`Stored::text`]) as the plain JS value it describes.
pub async fn set_text(a: Area, key: &str, json: &str) -> Result<(), JsValue> {
    set_raw(a, key, &js_sys::JSON::parse(json)?).await
}

/// Whether a write started when the page is hidden or left reaches storage. In
/// Firefox (an extension URL of `moz-extension:`) it did not, closing or leaving
/// the tab (tests/e2e/reliability-facts.test.mjs, Firefox ESR 153): there, facts
/// are written after every step, as before `session::write_pace`.
pub fn leave_writes_land() -> bool {
    let Some(chrome) = CHROME.with(Option::clone) else { return false };
    let url = js_sys::Reflect::get(&chrome, &"runtime".into())
        .and_then(|r| js_sys::Reflect::get(&r, &"getURL".into()).and_then(|f| f.unchecked_into::<js_sys::Function>().call1(&r, &"".into())))
        .ok()
        .and_then(|u| u.as_string());
    url.is_some_and(|u| u.starts_with("chrome-extension:"))
}

/// Stores JSON text as [`set_text`] does, the call made NOW (before this returns),
/// its answer not awaited: for a page being left (`pagehide`), whose promise
/// callbacks may never run. Nothing may be writing (see [`Turn::busy`]).
pub fn set_text_now(a: Area, key: &str, json: &str) -> Result<(), JsValue> {
    let items = js_sys::Object::new();
    js_sys::Reflect::set(&items, &key.into(), &js_sys::JSON::parse(json)?)?;
    let _answer = area(a)?.set(&items)?;
    Ok(())
}

pub async fn remove(a: Area, key: &str) -> Result<(), JsValue> {
    answered(area(a)?.remove(&JsValue::from_str(key))?).await?;
    Ok(())
}

/// Deletes everything in the area ("delete all data").
pub async fn clear(a: Area) -> Result<(), JsValue> {
    answered(area(a)?.clear()?).await?;
    Ok(())
}

/// Writes `value` under `key` in chrome.storage.local, unless what is stored there
/// carries a higher version (a later Saavdhan wrote it: kept). When the write fails
/// (storage full), drops the least recently active contacts' facts — from the
/// value itself when it is the contacts store, else from the stored one — and
/// tries again, a few times, dropping more each time; an unexplained failure
/// (Firefox's "An unexpected error occurred", no answer in time) is first written
/// once more as it is, and an error that is not about room trims nothing. Leaves a
/// note for the popup either way (state::quota).
pub async fn set_making_room(key: &str, value: &Stored) -> Result<(), JsValue> {
    // One at a time: a write that trims the stored contacts must not race one that
    // writes newer contacts (it would put back the older ones).
    let _turn = Turn::take().await;
    set_making_room_in_turn(key, value).await
}

/// [`set_making_room`] for a caller that holds the [`Turn`] (a read, change and write).
pub async fn set_making_room_in_turn(key: &str, value: &Stored) -> Result<(), JsValue> {
    use crate::state::contacts::{ContactStore, CONTACTS_KEY};
    use crate::state::quota::{after_failure, classify, trim_for, Next, StorageNote, RETRIES, STORAGE_NOTE_KEY};
    // The facts as the content controller reads and writes them (lenient serde
    // defaults): an entry it could not read goes here as it would on its next load,
    // and the module carries one instance of the generic store, not a second one over
    // serde_json::Value (-17.6 KB raw, -6.2 KB gzip; docs/performance.md "Size").
    type Facts = ContactStore<crate::engine::ContactFacts>;
    let stored = value_from_js(&get_raw(Area::Local, key).await?)?;
    if crate::state::written_by_newer(&stored, value.version) {
        return Err(JsValue::from_str("kept: written by a newer version"));
    }
    let Err(mut last) = set_text(Area::Local, key, &value.text).await else { return Ok(()) };
    let mut next = after_failure(classify(&error_text(&last)), false);
    let now_ms = js_sys::Date::now();
    let now_s = (now_ms / 1000.0) as i64;
    let mut text = value.text.clone();
    let mut trimmed = 0usize;
    let mut attempt = 0usize;
    while attempt < RETRIES || next == Next::Again {
        match next {
            Next::Stop => break,
            Next::Again => {}
            Next::TrimMore => {
                let n = trim_for(attempt);
                attempt += 1;
                if key == CONTACTS_KEY {
                    let (mut store, _) = Facts::from_json(&text, now_s);
                    // Never the most recent contact: it is the one this write is for.
                    trimmed += store.trim_oldest(n.min(store.contacts.len().saturating_sub(1)));
                    text = store.to_stored().text;
                } else {
                    let stored = value_from_js(&get_raw(Area::Local, CONTACTS_KEY).await?)?;
                    let (mut store, _) = Facts::from_value(Some(&stored), now_s);
                    let dropped = store.trim_oldest(n);
                    if dropped > 0 && set_text(Area::Local, CONTACTS_KEY, &store.to_stored().text).await.is_ok() {
                        trimmed += dropped;
                    }
                }
            }
        }
        match set_text(Area::Local, key, &text).await {
            Ok(()) => {
                let note = StorageNote { trimmed: trimmed as u32, failed: false, at_ms: now_ms };
                let _ = set(Area::Local, STORAGE_NOTE_KEY, &note).await;
                return Ok(());
            }
            Err(e) => {
                next = after_failure(classify(&error_text(&e)), next == Next::Again);
                last = e;
            }
        }
    }
    if next == Next::Stop && trimmed == 0 {
        return Err(last);
    }
    // Still full: say so where there is room (session storage is a separate quota).
    let note = StorageNote { trimmed: trimmed as u32, failed: true, at_ms: now_ms };
    if set(Area::Local, STORAGE_NOTE_KEY, &note).await.is_err() {
        let _ = set(Area::Session, STORAGE_NOTE_KEY, &note).await;
    }
    Err(last)
}

thread_local! {
    static WRITING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// This module's turn to write (see [`set_making_room`]); released when dropped.
/// Held across a read, change and write of one key so that two cannot interleave.
pub struct Turn;

impl Turn {
    /// Whether a write holds the turn now.
    pub fn busy() -> bool {
        WRITING.with(|w| w.get())
    }

    pub async fn take() -> Turn {
        while WRITING.with(|w| w.replace(true)) {
            sleep_ms(10).await;
        }
        Turn
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        WRITING.with(|w| w.set(false));
    }
}

/// Waits `ms` through the global's setTimeout (pages and content scripts alike).
pub(crate) async fn sleep_ms(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let global = js_sys::global();
        if let Ok(f) = js_sys::Reflect::get(&global, &"setTimeout".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
            let _ = f.call2(&global, &resolve, &ms.into());
        }
    });
    let _ = JsFuture::from(p).await;
}
