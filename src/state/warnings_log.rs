//! The latest warnings, shown in the popup: who, how serious, when. Never message
//! text. Stored under the `warnings_log` key of chrome.storage.local as
//! `{"version": 1, "entries": [...]}`, newest last, at most [`MAX_ENTRIES`].
//!
//! The content controller appends with:
//! ```text
//! let mut log = WarningsLog::from_stored(&stored_value);   // Value::Null when absent
//! log.push(WarningEntry { contact_key, contact_name, level, stage, at_ms });
//! storage::set_making_room(WARNINGS_LOG_KEY, &log.to_stored()).await
//! ```
//! Only `Notice` and higher are kept; a repeat of the same contact, level and
//! stage updates the time of the existing entry instead of adding a line.
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::{Level, Stage};

pub const WARNINGS_LOG_KEY: &str = "warnings_log";
pub const WARNINGS_LOG_VERSION: u32 = 1;
pub const MAX_ENTRIES: usize = 20;
/// Longest contact name kept.
const MAX_NAME_CHARS: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningEntry {
    /// Stable key of the contact (profile id, else thread id).
    pub contact_key: String,
    /// The contact's display name as Facebook shows it.
    pub contact_name: String,
    pub level: Level,
    pub stage: Stage,
    /// Milliseconds since the Unix epoch (Date.now()).
    pub at_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WarningsLog {
    pub entries: Vec<WarningEntry>,
}

impl WarningsLog {
    /// Adds a warning (see the module notes). Returns false when nothing changed.
    pub fn push(&mut self, mut entry: WarningEntry) -> bool {
        if entry.level == Level::None || entry.contact_key.is_empty() {
            return false;
        }
        entry.contact_name = super::first_chars(entry.contact_name.trim(), MAX_NAME_CHARS).to_string();
        if let Some(pos) = self.entries.iter().position(|e| {
            e.contact_key == entry.contact_key && e.level == entry.level && e.stage == entry.stage
        }) {
            let old = self.entries.remove(pos);
            entry.at_ms = entry.at_ms.max(old.at_ms);
        }
        self.entries.push(entry);
        // The oldest first, one at a time, by the `remove` above: no `drain` and its
        // drop guard for this type in the module (docs/performance.md "Size, round 44").
        while self.entries.len() > MAX_ENTRIES {
            self.entries.remove(0);
        }
        true
    }

    /// Newest first, for display.
    pub fn latest(&self, n: usize) -> impl Iterator<Item = &WarningEntry> {
        self.entries.iter().rev().take(n)
    }

    pub fn to_stored(&self) -> crate::state::Stored {
        crate::state::Stored::versioned(WARNINGS_LOG_VERSION, self)
    }

    /// Reads the stored value; absent, corrupted or unknown version → empty.
    /// A malformed entry is skipped, the others kept.
    pub fn from_stored(stored: &Value) -> WarningsLog {
        let Value::Object(map) = stored else {
            return WarningsLog::default();
        };
        if map.get("version").and_then(Value::as_u64) != Some(WARNINGS_LOG_VERSION as u64) {
            return WarningsLog::default();
        }
        let mut log = WarningsLog::default();
        if let Some(Value::Array(items)) = map.get("entries") {
            for item in items {
                if let Ok(e) = serde_json::from_value::<WarningEntry>(item.clone()) {
                    log.push(e);
                }
            }
        }
        log
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(key: &str, level: Level, stage: Stage, at_ms: u64) -> WarningEntry {
        WarningEntry { contact_key: key.into(), contact_name: format!("Name {key}"), level, stage, at_ms }
    }

    #[test]
    fn push_dedupes_caps_and_orders() {
        let mut log = WarningsLog::default();
        assert!(!log.push(entry("a", Level::None, Stage::None, 1)));
        assert!(!log.push(entry("", Level::Danger, Stage::VideoCall, 1)));
        assert!(log.push(entry("a", Level::Notice, Stage::Contact, 1)));
        assert!(log.push(entry("b", Level::Warning, Stage::OffPlatform, 2)));
        assert!(log.push(entry("a", Level::Notice, Stage::Contact, 3)));
        assert_eq!(log.entries.len(), 2);
        let newest: Vec<_> = log.latest(5).map(|e| (e.contact_key.as_str(), e.at_ms)).collect();
        assert_eq!(newest, [("a", 3), ("b", 2)]);
        assert!(log.push(entry("a", Level::Danger, Stage::VideoCall, 4)));
        assert_eq!(log.entries.len(), 3, "a higher level is a new line");
        for i in 0..MAX_ENTRIES as u64 + 7 {
            log.push(entry(&format!("c{i}"), Level::Warning, Stage::Grooming, 10 + i));
        }
        assert_eq!(log.entries.len(), MAX_ENTRIES);
        assert_eq!(log.latest(1).next().unwrap().contact_key, format!("c{}", MAX_ENTRIES + 6));
    }

    #[test]
    fn round_trip_and_corruption() {
        let mut log = WarningsLog::default();
        log.push(entry("a", Level::Warning, Stage::OffPlatform, 5));
        let stored = log.to_stored().value();
        assert_eq!(stored["version"], json!(1));
        assert_eq!(WarningsLog::from_stored(&stored), log);
        for bad in [Value::Null, json!("x"), json!({"entries": []}), json!({"version": 9, "entries": []})] {
            assert!(WarningsLog::from_stored(&bad).entries.is_empty());
        }
        let mixed = json!({"version": 1, "entries": [17, {"contact_key": "z"}, stored["entries"][0]]});
        assert_eq!(WarningsLog::from_stored(&mixed), log);
    }

    #[test]
    fn entry_holds_no_free_text_besides_the_name() {
        let v = serde_json::to_value(entry("a", Level::Danger, Stage::Extortion, 1)).unwrap();
        let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys.len(), 5);
        for k in ["contact_key", "contact_name", "level", "stage", "at_ms"] {
            assert!(keys.iter().any(|x| x == k));
        }
    }
}
