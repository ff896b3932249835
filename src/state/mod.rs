//! What Saavdhan keeps in extension storage, as pure Rust (no browser APIs):
//! versioned schemas, migration, expiry, and safe fallbacks for a corrupted store.
//!
//! * `settings` — the family's choices (language, region, trusted contact, ...).
//! * `contacts` — per-contact facts for the engine (never message text).
//! * `warnings_log` — the latest warnings for the popup (who, level, when; never text).

pub mod contacts;
pub mod settings;
pub mod sha256;
pub mod warnings_log;

use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

/// A stored value as a serde type, through JSON text rather than serde_json::Value's
/// own Deserializer: the content module then carries one serde_json deserializer (the
/// text one, which it needs anyway) instead of a second copy of every stored type's
/// deserialization code for `Value` (about 10 KB gzip). Stores are read once per page.
pub fn from_json_value<T: DeserializeOwned>(v: &Value) -> Result<T, serde_json::Error> {
    serde_json::from_str(&v.to_string())
}

/// A serde type as a `Value`, through JSON text (see [`from_json_value`]).
pub fn to_json_value<T: Serialize + ?Sized>(x: &T) -> Value {
    serde_json::to_string(x).ok().and_then(|s| serde_json::from_str(&s).ok()).unwrap_or(Value::Null)
}
