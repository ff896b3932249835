//! Loading and saving the family's settings: chrome.storage.managed (browser
//! policy) wins over chrome.storage.local; what the local store holds is read
//! field by field (see `state::settings`) and never written over when a newer
//! Saavdhan wrote it. The PIN is checked here, with the cool-down after wrong
//! tries (`state::pin`). Nothing here ever throws into a page.
use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::storage::{self, Area};
use crate::state::pin::{PinCheck, PinTries, PIN_TRIES_KEY};
use crate::state::settings::{apply_managed, Locks, Managed, PinHash, ReadReport, Settings, SETTINGS_KEY};

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
    /// What reading the local store found (newer version, repairs, broken PIN).
    pub report: ReadReport,
    /// Policy keys whose value could not be used (wrong type or value).
    pub managed_problems: Vec<&'static str>,
}

/// The family's own settings as the local store has them, without waiting for the
/// managed ones (see [`with_managed`]): the content script starts with these.
pub async fn load_local() -> Settings {
    read_local_repaired().await.0
}

/// The managed values read now, on top of `local`; `None` when there are none.
/// Asked apart from the local store because Chromium's first
/// chrome.storage.managed.get after the browser starts can take seconds (4.8 s
/// measured here with no policy at all; 3–8 s in
/// https://github.com/ghostery/ghostery-extension/issues/3367), and a page's
/// first warning must not wait for it.
pub async fn with_managed(local: &Settings) -> Option<Settings> {
    let managed = read_managed().await.0;
    (managed != Managed::default()).then(|| apply_managed(local, &managed).0)
}

pub async fn load_all() -> Loaded {
    let (local, report, unreadable) = read_local_repaired().await;
    let (managed, managed_problems) = read_managed().await;
    let (effective, locks) = apply_managed(&local, &managed);
    let local_was_corrupted = unreadable || report.corrupted || !report.dropped.is_empty();
    Loaded { local, managed, effective, locks, local_was_corrupted, report, managed_problems }
}

/// Writes the family's own settings (never the managed values) to chrome.storage.local.
/// Refuses (Err) when the stored settings were written by a newer Saavdhan.
pub async fn save(local: &Settings) -> Result<(), JsValue> {
    let (_, report, _) = read_local().await;
    if report.read_only() {
        return Err(JsValue::from_str("settings of a newer version: kept as they are"));
    }
    storage::set_making_room(SETTINGS_KEY, &local.to_stored()).await
}

/// Reads the stored settings, changes them with `f`, writes them back (for the
/// warning's "I know this person"). Nothing is written over a newer version.
pub async fn update(f: impl FnOnce(&mut Settings)) -> Result<(), JsValue> {
    // Read, change and write in one turn: two updates (a known person, the PIN's
    // upgrade) must not each write back what the other had not seen.
    let _turn = SettingsTurn::take().await;
    let (mut s, report, _) = read_local().await;
    if report.read_only() {
        return Err(JsValue::from_str("settings of a newer version: kept as they are"));
    }
    f(&mut s);
    let v = s.to_stored();
    // One write as a rule (the page may be closed right after); storage full: make room.
    match storage::set_text(Area::Local, SETTINGS_KEY, &v.text).await {
        Ok(()) => Ok(()),
        Err(_) => storage::set_making_room(SETTINGS_KEY, &v).await,
    }
}

thread_local! {
    static UPDATING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The turn of one [`update`] (read, change, write); released when dropped.
struct SettingsTurn;

impl SettingsTurn {
    async fn take() -> SettingsTurn {
        while UPDATING.with(|u| u.replace(true)) {
            storage::sleep_ms(10).await;
        }
        SettingsTurn
    }
}

impl Drop for SettingsTurn {
    fn drop(&mut self) {
        UPDATING.with(|u| u.set(false));
    }
}

/// Checks a typed PIN against `pin`, unless too many wrong tries make it wait;
/// the count is kept in chrome.storage.local. A right PIN on a record of an older
/// kind rewrites it as a PBKDF2 record (with a fresh salt).
pub async fn check_pin(pin: &PinHash, typed: &str) -> PinCheck {
    let now = js_sys::Date::now();
    let mut tries = stored_tries().await;
    let result = tries.check(pin, typed, now);
    if !matches!(result, PinCheck::Wait(_)) {
        let _ = storage::set(Area::Local, PIN_TRIES_KEY, &tries).await;
    }
    if result == PinCheck::Right && pin.needs_upgrade() {
        upgrade_pin(typed.trim()).await;
    }
    result
}

thread_local! {
    /// The wrong-try count as this page knows it (the warning's PIN box), loaded
    /// from storage when the box opens; written back after each try.
    static TRIES: std::cell::RefCell<Option<PinTries>> = const { std::cell::RefCell::new(None) };
}

async fn stored_tries() -> PinTries {
    let stored = storage::get_raw(Area::Local, PIN_TRIES_KEY).await.ok();
    stored.and_then(|v| storage::value_from_js(&v).ok()).map(|v| PinTries::from_stored(&v)).unwrap_or_default()
}

/// Loads the wrong-try count for [`check_pin_now`] (when a PIN box opens).
pub fn preload_pin_tries() {
    wasm_bindgen_futures::spawn_local(async {
        let t = stored_tries().await;
        TRIES.with(|x| *x.borrow_mut() = Some(t));
    });
}

/// [`check_pin`] answered at once (the warning's PIN box, in its click handler):
/// the count kept in this page (see [`preload_pin_tries`]) is checked and
/// updated now, and written to storage after.
pub fn check_pin_now(pin: &PinHash, typed: &str) -> PinCheck {
    let now = js_sys::Date::now();
    let (result, tries) = TRIES.with(|x| {
        let mut x = x.borrow_mut();
        let tries = x.get_or_insert_with(PinTries::default);
        (tries.check(pin, typed, now), tries.clone())
    });
    // (A record of the old kind is upgraded when the options page is unlocked, not
    // here: its PBKDF2 and an extra settings write would delay "I know this person".)
    if !matches!(result, PinCheck::Wait(_)) {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = storage::set(Area::Local, PIN_TRIES_KEY, &tries).await;
        });
    }
    result
}

async fn upgrade_pin(typed: &str) {
    if let Ok(salt) = random_bytes(16) {
        if let Ok(new) = PinHash::new(typed, &salt) {
            let _ = update(|s| s.pin = Some(new)).await;
        }
    }
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

/// [`read_local`], with a store of the wrong types rewritten in the current layout
/// (keeping every field that was read; a PIN stored as its digits is hashed
/// first). Never when a newer Saavdhan wrote it.
async fn read_local_repaired() -> (Settings, ReadReport, bool) {
    let (mut local, report, unreadable) = read_local().await;
    if !report.read_only() && report.needs_rewrite() {
        if let Some(plain) = &report.plain_pin {
            if let Ok(salt) = random_bytes(16) {
                local.pin = PinHash::new(plain, &salt).ok();
            }
        }
        let _ = storage::set_text(Area::Local, SETTINGS_KEY, &local.to_stored().text).await;
    }
    (local, report, unreadable)
}

/// The settings, what reading found, and whether storage could not be read at all.
async fn read_local() -> (Settings, ReadReport, bool) {
    match storage::get_raw(Area::Local, SETTINGS_KEY).await.ok().and_then(to_json) {
        Some(v) => {
            let (s, r) = Settings::read(&v);
            (s, r, false)
        }
        None => (Settings::default(), ReadReport::default(), true),
    }
}

/// chrome.storage.managed.get(null). Firefox rejects when no policy names the
/// extension and Chrome may lack the area: both mean "nothing managed".
async fn read_managed() -> (Managed, Vec<&'static str>) {
    match storage::get_all(Area::Managed).await.ok().and_then(to_json) {
        Some(v) => Managed::read(&v),
        None => (Managed::default(), Vec::new()),
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
