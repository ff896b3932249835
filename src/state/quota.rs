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

/// How long the writer waits for one storage call to answer before it takes it as
/// refused (its turn is then released and the trimming retry goes on).
pub const ANSWER_WITHIN_MS: i32 = 5_000;

/// What a refused write's error says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The store is full: Chromium's "QUOTA_BYTES quota exceeded"
    /// (https://developer.chrome.com/docs/extensions/reference/api/storage#property-local),
    /// Firefox's "QuotaExceededError: storage.local API call exceeded its quota
    /// limitations." (its storage.local is an IndexedDB database,
    /// https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/storage/local).
    Full,
    /// No answer that says why: Firefox's generic "An unexpected error occurred"
    /// (measured in Firefox ESR 153: the next write after a QuotaExceededError gets it,
    /// whatever its size, and the one after that is answered normally), or no answer
    /// within [`ANSWER_WITHIN_MS`].
    Unanswered,
    /// Anything else (no storage API, a value that cannot be stored): trimming the
    /// family's contacts would not help, so nothing is trimmed.
    Other,
}

/// The error text of a refused write, as the glue read it (`Error.message`).
pub fn classify(message: &str) -> Failure {
    let m = message.to_ascii_lowercase();
    if m.contains("quota") {
        Failure::Full
    } else if m.contains("an unexpected error occurred") || m.starts_with(TIMED_OUT) {
        Failure::Unanswered
    } else {
        Failure::Other
    }
}

/// The start of the error the glue gives a storage call that did not answer in time.
pub const TIMED_OUT: &str = "no answer from storage within";

/// What the writer does after a failed write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Write the same value once more (an unexplained failure, not yet repeated).
    Again,
    /// Drop more of the oldest contacts and write again.
    TrimMore,
    /// Give up with this error.
    Stop,
}

/// After a write refused with `failure`; `again_done` when the value just refused was
/// already written once more after an unexplained failure.
pub fn after_failure(failure: Failure, again_done: bool) -> Next {
    match failure {
        Failure::Other => Next::Stop,
        Failure::Unanswered if !again_done => Next::Again,
        Failure::Full | Failure::Unanswered => Next::TrimMore,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_told_apart_by_what_the_browsers_say() {
        assert_eq!(classify("QUOTA_BYTES quota exceeded"), Failure::Full);
        assert_eq!(classify("QuotaExceededError: storage.local API call exceeded its quota limitations."), Failure::Full);
        assert_eq!(classify("An unexpected error occurred"), Failure::Unanswered);
        assert_eq!(classify(&format!("{TIMED_OUT} 5000 ms")), Failure::Unanswered);
        assert_eq!(classify("storage area unavailable"), Failure::Other);
        assert_eq!(classify(""), Failure::Other);
    }

    #[test]
    fn an_unexplained_failure_is_written_again_once_then_trimmed() {
        assert_eq!(after_failure(Failure::Unanswered, false), Next::Again);
        assert_eq!(after_failure(Failure::Unanswered, true), Next::TrimMore);
        assert_eq!(after_failure(Failure::Full, false), Next::TrimMore);
        assert_eq!(after_failure(Failure::Other, false), Next::Stop);
    }

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
