//! Per-contact facts kept between visits, as pure Rust (no browser APIs).
//!
//! Stored under the `contacts` key of chrome.storage.local:
//!
//! ```json
//! {"version": 2, "contacts": {"<key>": {"facts": {...}, "last_activity": 1764300000}}}
//! ```
//!
//! * `facts` is the engine's `ContactFacts` (first seen, friend status, stages
//!   reached with dates, counts), read and written by its own serde derive: the
//!   store is generic over any serde type, so a field the engine adds (with a
//!   serde default) is stored without a change here. It never holds message text.
//! * `last_activity` is seconds since the Unix epoch; an entry untouched for
//!   [`EXPIRY_DAYS`] is dropped.
//! * Version 1 (the first draft) was `{"version": 1, "contacts": {key: facts}}`
//!   with no activity time; it is migrated with `last_activity = now`.
//! * A corrupted store, an unknown version, or one unreadable entry never
//!   breaks the extension: the store (or that entry) reads as empty.
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

/// chrome.storage.local key.
pub const CONTACTS_KEY: &str = "contacts";
/// Current schema version.
pub const STORE_VERSION: u32 = 2;
/// Entries with no activity for this long are forgotten.
pub const EXPIRY_DAYS: i64 = 180;
/// At most this many contacts are kept (least recently active dropped first).
pub const MAX_CONTACTS: usize = 500;

const DAY: i64 = 86_400;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry<F> {
    pub facts: F,
    /// Seconds since the Unix epoch.
    pub last_activity: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactStore<F> {
    pub version: u32,
    /// A hash map, not a `BTreeMap`: the content module then carries one `BTreeMap`
    /// instance fewer (docs/performance.md "Size"); nothing here needs the keys in
    /// order (the least recent entry is found by time, ties by key).
    pub contacts: HashMap<String, Entry<F>>,
}

impl<F> Default for ContactStore<F> {
    fn default() -> Self {
        ContactStore { version: STORE_VERSION, contacts: HashMap::new() }
    }
}

/// Why a stored value was not (fully) used; for the debug surface only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadNote {
    Empty,
    Current,
    Migrated { from: u32 },
    UnknownVersion(Option<u64>),
    Corrupted,
    /// Entries that could not be read or had expired were dropped.
    Dropped { unreadable: usize, expired: usize },
}

impl<F: Serialize + DeserializeOwned + Clone> ContactStore<F> {
    /// Reads whatever was stored (absent, any version, garbage). Never fails.
    pub fn from_value(v: Option<&Value>, now: i64) -> (Self, Vec<LoadNote>) {
        let mut notes = Vec::new();
        let Some(v) = v.filter(|v| !v.is_null()) else {
            return (Self::default(), vec![LoadNote::Empty]);
        };
        let Some(obj) = v.as_object() else {
            return (Self::default(), vec![LoadNote::Corrupted]);
        };
        let version = obj.get("version").and_then(Value::as_u64);
        if !matches!(version, Some(1) | Some(2)) {
            return (Self::default(), vec![LoadNote::UnknownVersion(version)]);
        }
        let Some(map) = obj.get("contacts").and_then(Value::as_object) else {
            return (Self::default(), vec![LoadNote::Corrupted]);
        };
        notes.push(if version == Some(2) { LoadNote::Current } else { LoadNote::Migrated { from: 1 } });
        let mut store = Self::default();
        let mut unreadable = 0;
        for (k, e) in map {
            let entry = if version == Some(2) {
                serde_json::from_value::<Entry<F>>(e.clone()).ok()
            } else {
                serde_json::from_value::<F>(e.clone()).ok().map(|facts| Entry { facts, last_activity: now })
            };
            match entry {
                Some(entry) if valid_key(k) => {
                    store.contacts.insert(k.clone(), entry);
                }
                _ => unreadable += 1,
            }
        }
        let expired = store.expire(now);
        if unreadable + expired > 0 {
            notes.push(LoadNote::Dropped { unreadable, expired });
        }
        (store, notes)
    }

    /// Parses stored JSON text; garbage reads as an empty store.
    pub fn from_json(s: &str, now: i64) -> (Self, Vec<LoadNote>) {
        match serde_json::from_str::<Value>(s) {
            Ok(v) => Self::from_value(Some(&v), now),
            Err(_) => (Self::default(), vec![LoadNote::Corrupted]),
        }
    }

    /// The text to store, through the serde derives.
    pub fn to_stored(&self) -> crate::state::Stored {
        crate::state::Stored::of(self.version, self)
    }

    /// Drops the `n` least recently active entries (storage is full); returns how many went.
    /// Ties go by key. One least recent entry at a time, without a sort: this runs only
    /// when storage is full, on at most [`MAX_CONTACTS`] entries, and a sort of this
    /// pair type would be one more copy of the sort in the module (docs/performance.md
    /// "Size").
    pub fn trim_oldest(&mut self, n: usize) -> usize {
        let n = n.min(self.contacts.len());
        for _ in 0..n {
            let oldest = self.contacts.iter().min_by_key(|(k, e)| (e.last_activity, *k)).map(|(k, _)| k.clone());
            if let Some(k) = oldest {
                self.contacts.remove(&k);
            }
        }
        n
    }

    pub fn get(&self, key: &str) -> Option<&F> {
        self.contacts.get(key).map(|e| &e.facts)
    }

    /// Records new facts for `key`, marks it active now, and keeps the store bounded.
    pub fn put(&mut self, key: &str, facts: F, now: i64) {
        if !valid_key(key) {
            return;
        }
        self.contacts.insert(key.to_string(), Entry { facts, last_activity: now });
        while self.contacts.len() > MAX_CONTACTS {
            let oldest = self
                .contacts
                .iter()
                .min_by_key(|(k, e)| (e.last_activity, *k))
                .map(|(k, _)| k.clone());
            match oldest {
                Some(k) => {
                    self.contacts.remove(&k);
                }
                None => break,
            }
        }
    }

    /// Drops entries older than [`EXPIRY_DAYS`]; returns how many.
    pub fn expire(&mut self, now: i64) -> usize {
        let before = self.contacts.len();
        let cutoff = now - EXPIRY_DAYS * DAY;
        self.contacts.retain(|_, e| e.last_activity >= cutoff);
        before - self.contacts.len()
    }
}

/// Contact keys are short identifiers made by the readers ("fb:123", "t:abc"),
/// never free text.
pub fn valid_key(k: &str) -> bool {
    !k.is_empty()
        && k.len() <= 200
        && k.chars().all(|c| c.is_ascii_alphanumeric() || "._:-/".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::time::Timestamp;
    use crate::engine::{ContactFacts, FriendStatus, Stage, StageFact};
    use serde_json::json;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Facts {
        first_seen: String,
        count: u32,
    }

    fn full_facts() -> ContactFacts {
        ContactFacts {
            version: 1,
            first_seen: Timestamp::parse_date_or_time("2026-11-01T10:00:00Z"),
            friend_status: Some(FriendStatus::NotFriends),
            friends_since: Timestamp::parse_date_or_time("2026-10"),
            mutual_friends: Some(0),
            friend_count: Some(4999),
            joined: Some("2026".into()),
            stages: vec![
                StageFact { stage: Stage::Contact, first_at: None, rules: vec!["kind.greeting".into()], count: 2 },
                StageFact { stage: Stage::VideoCall, first_at: Timestamp::parse_date_or_time("2026-11-02T10:00:00Z"), rules: vec![], count: 1 },
            ],
            messages_seen: 17,
            last_activity: Timestamp::parse_date_or_time("2026-11-02T10:00:00Z"),
            ..ContactFacts::default()
        }
    }

    #[test]
    fn engine_facts_round_trip_every_field() {
        let mut s = ContactStore::<ContactFacts>::default();
        s.put("fb:1", full_facts(), NOW);
        s.put("t:2", ContactFacts::default(), NOW - 1);
        let v = s.to_stored().value();
        assert_eq!(v["contacts"]["fb:1"]["facts"]["stages"][1]["stage"], json!("video_call"));
        let (back, notes) = ContactStore::<ContactFacts>::from_value(Some(&v), NOW);
        assert_eq!(back, s);
        assert_eq!(notes, vec![LoadNote::Current]);
    }

    #[test]
    fn trim_oldest_drops_the_least_recent() {
        let mut s = ContactStore::<Facts>::default();
        for i in 0..5 {
            s.put(&format!("fb:{i}"), f(1), NOW + i);
        }
        assert_eq!(s.trim_oldest(2), 2);
        assert!(s.get("fb:0").is_none() && s.get("fb:1").is_none() && s.get("fb:2").is_some());
        // Equally old: the first key goes first.
        s.put("fb:a", f(1), NOW);
        s.put("fb:9", f(1), NOW);
        assert_eq!(s.trim_oldest(1), 1);
        assert!(s.get("fb:9").is_none() && s.get("fb:a").is_some());
        assert_eq!(s.trim_oldest(1), 1);
        assert!(s.get("fb:a").is_none() && s.get("fb:2").is_some());
        assert_eq!(s.trim_oldest(10), 3);
        assert!(s.contacts.is_empty());
    }

    fn f(n: u32) -> Facts {
        Facts { first_seen: "2026-11-01".into(), count: n }
    }

    const NOW: i64 = 1_800_000_000;

    #[test]
    fn round_trip_current_version() {
        let mut s = ContactStore::<Facts>::default();
        s.put("fb:100", f(3), NOW);
        s.put("t:abc", f(1), NOW - 5);
        let v = s.to_stored().value();
        assert_eq!(v["version"], json!(2));
        let (back, notes) = ContactStore::<Facts>::from_value(Some(&v), NOW);
        assert_eq!(back, s);
        assert_eq!(notes, vec![LoadNote::Current]);
        assert_eq!(back.get("fb:100"), Some(&f(3)));
    }

    #[test]
    fn migrates_version_1() {
        let v = json!({"version": 1, "contacts": {"fb:7": {"first_seen": "2026-01-01", "count": 2}}});
        let (s, notes) = ContactStore::<Facts>::from_value(Some(&v), NOW);
        assert_eq!(notes, vec![LoadNote::Migrated { from: 1 }]);
        assert_eq!(s.version, STORE_VERSION);
        assert_eq!(s.contacts["fb:7"].last_activity, NOW);
        assert_eq!(s.get("fb:7").unwrap().count, 2);
    }

    #[test]
    fn corrupted_or_unknown_reads_empty() {
        for v in [json!("garbage"), json!([1, 2]), json!({"version": 2, "contacts": 5}), json!(42)] {
            let (s, _) = ContactStore::<Facts>::from_value(Some(&v), NOW);
            assert!(s.contacts.is_empty(), "{v}");
        }
        let (s, n) = ContactStore::<Facts>::from_value(Some(&json!({"version": 99, "contacts": {}})), NOW);
        assert!(s.contacts.is_empty());
        assert_eq!(n, vec![LoadNote::UnknownVersion(Some(99))]);
        let (s, n) = ContactStore::<Facts>::from_json("{not json", NOW);
        assert!(s.contacts.is_empty());
        assert_eq!(n, vec![LoadNote::Corrupted]);
        let (s, n) = ContactStore::<Facts>::from_value(None, NOW);
        assert!(s.contacts.is_empty());
        assert_eq!(n, vec![LoadNote::Empty]);
    }

    #[test]
    fn one_bad_entry_does_not_lose_the_others() {
        let v = json!({"version": 2, "contacts": {
            "fb:1": {"facts": {"first_seen": "x", "count": 1}, "last_activity": NOW},
            "fb:2": {"facts": "broken", "last_activity": NOW},
            "bad key with spaces": {"facts": {"first_seen": "x", "count": 1}, "last_activity": NOW}
        }});
        let (s, notes) = ContactStore::<Facts>::from_value(Some(&v), NOW);
        assert_eq!(s.contacts.len(), 1);
        assert!(notes.contains(&LoadNote::Dropped { unreadable: 2, expired: 0 }));
    }

    #[test]
    fn expires_after_180_days_without_activity() {
        let mut s = ContactStore::<Facts>::default();
        s.put("fb:old", f(1), NOW - 181 * DAY);
        s.put("fb:recent", f(1), NOW - 179 * DAY);
        let (back, notes) = ContactStore::<Facts>::from_value(Some(&s.to_stored().value()), NOW);
        assert!(back.get("fb:old").is_none());
        assert!(back.get("fb:recent").is_some());
        assert!(notes.contains(&LoadNote::Dropped { unreadable: 0, expired: 1 }));
    }

    #[test]
    fn bounded_size_drops_least_recent() {
        let mut s = ContactStore::<Facts>::default();
        for i in 0..(MAX_CONTACTS + 3) {
            s.put(&format!("fb:{i}"), f(1), NOW + i as i64);
        }
        assert_eq!(s.contacts.len(), MAX_CONTACTS);
        assert!(s.get("fb:0").is_none() && s.get("fb:2").is_none());
        assert!(s.get(&format!("fb:{}", MAX_CONTACTS + 2)).is_some());
        // Active at the same time: the least key goes (not whichever the map holds first).
        let mut t = ContactStore::<Facts>::default();
        for i in 0..=MAX_CONTACTS {
            t.put(&format!("fb:{i:03}"), f(1), NOW);
        }
        assert_eq!(t.contacts.len(), MAX_CONTACTS);
        assert!(t.get("fb:000").is_none() && t.get("fb:001").is_some());
    }

    #[test]
    fn rejects_free_text_keys() {
        let mut s = ContactStore::<Facts>::default();
        s.put("hello how are you", f(1), NOW);
        s.put("", f(1), NOW);
        assert!(s.contacts.is_empty());
        assert!(valid_key("fb:100012345") && valid_key("t:987") && valid_key("name:priya-sharma"));
    }
}
