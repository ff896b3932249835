//! Loading the family's settings: chrome.storage.managed (policy) wins over
//! chrome.storage.local; a corrupted store falls back to defaults.
//! (The family set-up work fills this in; keep the signature.)
use crate::state::settings::Settings;

pub async fn load() -> Settings {
    Settings::default()
}
