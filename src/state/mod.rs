//! What Saavdhan keeps in extension storage, as pure Rust (no browser APIs):
//! versioned schemas (serde derives, defined once), migration, expiry, and safe
//! fallbacks for a corrupted store.
//!
//! * `settings` — the family's choices (language, region, trusted contact, ...).
//! * `pin` — the family PIN record (PBKDF2) and the cool-down after wrong tries.
//! * `contacts` — per-contact facts for the engine (never message text).
//! * `warnings_log` — the latest warnings for the popup (who, level, when; never text).
//! * `quota` — what to do when storage is full (trim the oldest facts, retry, tell).

pub mod contacts;
pub mod pin;
pub mod quota;
pub mod settings;
pub mod warnings_log;
