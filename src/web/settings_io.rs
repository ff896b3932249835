//! Loading and saving the family's settings: chrome.storage.managed (browser
//! policy) wins over chrome.storage.local; a corrupted store falls back to
//! defaults (see `state::settings`). Nothing here ever throws into a page.
use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::storage::{self, Area};
use crate::state::settings::{apply_managed, Locks, Managed, Settings, SETTINGS_KEY};

/// Everything the options page needs to know about the settings.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The family's own choices, as stored locally (what the options page saves).
    pub local: Settings,
    pub managed: Managed,
    /// What is in force: `local` with the managed values on top.
    pub effective: Settings,
    pub locks: Locks,
    /// The local store held something that could not be read as settings.
    pub local_was_corrupted: bool,
}

/// The settings in force, for the content script and the warning UI.
pub async fn load() -> Settings {
    load_all().await.effective
}

pub async fn load_all() -> Loaded {
    let (local, local_was_corrupted) = read_local().await;
    let managed = read_managed().await;
    let (effective, locks) = apply_managed(&local, &managed);
    Loaded { local, managed, effective, locks, local_was_corrupted }
}

/// Writes the family's own settings (never the managed values) to chrome.storage.local.
pub async fn save(local: &Settings) -> Result<(), JsValue> {
    storage::set(Area::Local, SETTINGS_KEY, &local.to_stored()).await
}

/// "Delete all data": everything Saavdhan keeps in chrome.storage.local
/// (settings, PIN, known people, per-contact facts, warnings log).
pub async fn delete_all() -> Result<(), JsValue> {
    storage::clear(Area::Local).await
}

fn to_json(v: JsValue) -> Option<Value> {
    if v.is_undefined() || v.is_null() {
        return Some(Value::Null);
    }
    storage::value_from_js(&v).ok()
}

async fn read_local() -> (Settings, bool) {
    match storage::get_raw(Area::Local, SETTINGS_KEY).await.ok().and_then(to_json) {
        Some(Value::Null) => (Settings::default(), false),
        Some(v) => {
            let s = Settings::from_stored(&v);
            let round_trips = s.to_stored() == normalise_version(v);
            (s, !round_trips)
        }
        None => (Settings::default(), true),
    }
}

/// A version-1 store (no version field) is not corrupted: compare as if it had one.
fn normalise_version(mut v: Value) -> Value {
    if let Value::Object(map) = &mut v {
        if !map.contains_key("version") {
            map.insert("version".into(), Value::from(crate::state::settings::SETTINGS_VERSION));
        }
        // Fields a newer writer adds with defaults are not corruption either.
        let d = Settings::default().to_stored();
        if let Value::Object(dm) = d {
            for (k, dv) in dm {
                map.entry(k).or_insert(dv);
            }
        }
    }
    v
}

/// chrome.storage.managed.get(null). Firefox rejects when no policy names the
/// extension and Chrome may lack the area: both mean "nothing managed".
async fn read_managed() -> Managed {
    match storage::get_all(Area::Managed).await.ok().and_then(to_json) {
        Some(v) => Managed::from_value(&v),
        None => Managed::default(),
    }
}

/// `n` random bytes from crypto.getRandomValues (for the PIN salt).
pub fn random_bytes(n: u32) -> Result<Vec<u8>, JsValue> {
    let global = js_sys::global();
    let crypto = js_sys::Reflect::get(&global, &"crypto".into())?;
    let f: js_sys::Function = js_sys::Reflect::get(&crypto, &"getRandomValues".into())?.dyn_into()?;
    let arr = js_sys::Uint8Array::new_with_length(n);
    f.call1(&crypto, &arr)?;
    Ok(arr.to_vec())
}
