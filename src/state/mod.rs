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

/// True when `stored` carries a higher `version` than `new`: a later Saavdhan
/// wrote it, and writing `new` over it would lose what that version keeps. Every
/// write of the browser layer checks this first (web::storage::set_making_room).
pub fn written_by_newer(stored: &serde_json::Value, new: &serde_json::Value) -> bool {
    let version = |v: &serde_json::Value| v.get("version").and_then(serde_json::Value::as_u64);
    matches!((version(stored), version(new)), (Some(old), Some(new)) if old > new)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn a_newer_version_is_never_written_over() {
        assert!(super::written_by_newer(&json!({"version": 3, "contacts": {}}), &json!({"version": 2})));
        assert!(!super::written_by_newer(&json!({"version": 2}), &json!({"version": 2})));
        assert!(!super::written_by_newer(&json!({"version": 1}), &json!({"version": 2})));
        assert!(!super::written_by_newer(&json!(null), &json!({"version": 2})));
        assert!(!super::written_by_newer(&json!("garbage"), &json!({"version": 2})));
        assert!(!super::written_by_newer(&json!({"version": 9}), &json!([1])));
    }
}
