//! When chrome.storage.local is full (its quota: 10 MB in Chromium,
//! https://developer.chrome.com/docs/extensions/reference/api/storage#property-local),
//! a write fails. New danger memory must not be dropped silently: the writer
//! trims the least recently active contacts' facts and tries again, and leaves
//! a note the popup shows. Pure Rust.
use serde::{Deserialize, Serialize};

/// chrome.storage.local key of the note (written once the retry has made room;
/// chrome.storage.session when even that failed).
pub const STORAGE_NOTE_KEY: &str = "storage_note";
/// The first trim drops this many contacts; each further try doubles it.
pub const FIRST_TRIM: usize = 25;
/// Tries after the first write fails.
pub const RETRIES: usize = 4;

/// What the popup says about storage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StorageNote {
    /// Contacts whose facts were forgotten to make room.
    pub trimmed: u32,
    /// Even after trimming, the facts could not be saved.
    pub failed: bool,
    /// Date.now() of the last problem.
    pub at_ms: f64,
}

/// The popup shows a note for this long after the problem.
pub const NOTE_SHOWN_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;

impl StorageNote {
    pub fn from_stored(v: &serde_json::Value) -> Option<StorageNote> {
        serde_json::from_value::<StorageNote>(v.clone()).ok().filter(|n| n.trimmed > 0 || n.failed)
    }

    /// True while the popup should still mention it.
    pub fn recent(&self, now_ms: f64) -> bool {
        now_ms - self.at_ms < NOTE_SHOWN_MS
    }
}

/// How many contacts to trim before retry number `attempt` (0-based).
pub fn trim_for(attempt: usize) -> usize {
    FIRST_TRIM << attempt.min(8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_grow_and_notes_read_safely() {
        assert_eq!((0..RETRIES).map(trim_for).collect::<Vec<_>>(), [25, 50, 100, 200]);
        assert_eq!(StorageNote::from_stored(&serde_json::json!({"trimmed": 3, "at_ms": 5.0})).unwrap().trimmed, 3);
        assert_eq!(StorageNote::from_stored(&serde_json::json!({"trimmed": 0})), None);
        assert_eq!(StorageNote::from_stored(&serde_json::json!("junk")), None);
        let n = StorageNote { trimmed: 1, failed: false, at_ms: 0.0 };
        assert!(n.recent(NOTE_SHOWN_MS - 1.0) && !n.recent(NOTE_SHOWN_MS));
    }
}
