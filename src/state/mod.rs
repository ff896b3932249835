//! What Saavdhan keeps in extension storage, as pure Rust (no browser APIs):
//! versioned schemas, migration, expiry, and safe fallbacks for a corrupted store.
//!
//! * `settings` — the family's choices (language, region, trusted contact, ...).
//! * `contacts` — per-contact facts for the engine (never message text).

pub mod contacts;
pub mod settings;
