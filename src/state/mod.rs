//! What Saavdhan keeps in extension storage, as pure Rust (no browser APIs):
//! versioned schemas, migration, expiry, and safe fallbacks for a corrupted store.
//!
//! * `settings` — the family's choices (language, region, trusted contact, ...).
//! * `contacts` — per-contact facts for the engine (never message text).
//! * `warnings_log` — the latest warnings for the popup (who, level, when; never text).
//! * `json` — reading and writing the stored JSON values by hand (as serde would).

pub mod contacts;
pub mod settings;
pub mod sha256;
pub mod warnings_log;
pub mod json;
pub mod sorted_map;

