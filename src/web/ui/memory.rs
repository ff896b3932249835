//! What the warning UI remembers per contact, in chrome.storage.local under
//! `warning_ui`: how many times a warning was shown, when `danger` was first
//! shown (it cannot be hidden for 24 hours), and which warning the user hid
//! "for now" (a later stage warns again). Never message text; contact keys only.
//! Pure Rust.
//!
//! Hiding is not trusting (issue 13): "Hide for now" hides one warning at its
//! level and stage; "I really know this person" (confirmed, and the family PIN
//! where set) lowers suspicion but never silences the video-call or extortion
//! stage of a conversation younger than [`KNOWN_TRUST_MIN_DAYS`].
use crate::engine::{Level, Stage};
use crate::state::settings::Settings;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const MEMORY_KEY: &str = "warning_ui";
pub const MEMORY_VERSION: u32 = 1;
/// How long a danger warning stays unhideable.
pub const DANGER_LOCK_MS: f64 = 24.0 * 3600.0 * 1000.0;
/// A person the user "really knows" is trusted with the video-call and
/// extortion stages only when the friendship (or else the conversation) is at
/// least this old: the trap's contact is days to weeks old
/// (https://www.mahacyber.gov.in advisories on video-call sextortion).
pub const KNOWN_TRUST_MIN_DAYS: i64 = 90;
/// At most this many contacts are remembered (oldest dropped).
pub const MAX_CONTACTS: usize = 500;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactMemory {
    /// Times a warning for this contact appeared on a page.
    pub shown: u32,
    /// Date.now() when `danger` was first shown.
    pub danger_first_ms: Option<f64>,
    /// Date.now() of the last showing (to drop the oldest).
    pub last_ms: f64,
    /// The family PIN was typed to hide this contact's danger warning.
    pub danger_unlocked: bool,
    /// "Hide for now" was pressed on the warning of this [`rank`]: it and
    /// anything below stays hidden, a later stage shows again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hidden_rank: Option<u32>,
}

/// Orders (level, stage) pairs: a higher level, or the same level at a later
/// stage, is a new warning.
pub fn rank(level: Level, stage: Stage) -> u32 {
    let l = match level {
        Level::None => 0,
        Level::Notice => 1,
        Level::Warning => 2,
        Level::Danger => 3,
    };
    let s = match stage {
        Stage::None => 0,
        Stage::Contact => 1,
        Stage::Grooming => 2,
        Stage::OffPlatform => 3,
        Stage::VideoCall => 4,
        Stage::Extortion => 5,
    };
    l * 8 + s
}

/// Whether "Hide for now" still covers a warning at (level, stage).
pub fn hidden_for_now(mem: &ContactMemory, level: Level, stage: Stage) -> bool {
    mem.hidden_rank.is_some_and(|r| rank(level, stage) <= r)
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Memory {
    pub version: u32,
    /// A hash map, not a `BTreeMap`: the module then carries one `BTreeMap` instance
    /// fewer (-5.7 KB raw, -1.4 KB gzip; docs/performance.md "Size"); nothing here needs
    /// the keys in order (the oldest entry is found by time, ties by key).
    pub contacts: HashMap<String, ContactMemory>,
}

impl Memory {
    /// Reads the stored value; anything unexpected reads as empty.
    pub fn from_stored(v: &serde_json::Value) -> Memory {
        match serde_json::from_value::<Memory>(v.clone()) {
            Ok(m) if m.version == MEMORY_VERSION => m,
            _ => Memory { version: MEMORY_VERSION, contacts: HashMap::new() },
        }
    }

    /// The text to store, through the serde derive.
    pub fn to_stored(&self) -> crate::state::Stored {
        crate::state::Stored::of(self.version, self)
    }

    pub fn get(&self, key: &str) -> ContactMemory {
        self.contacts.get(key).cloned().unwrap_or_default()
    }

    /// Records one new appearance of a warning at `level`; returns how many
    /// times this contact's warnings appeared before (0 for the first).
    pub fn record_showing(&mut self, key: &str, level: Level, now_ms: f64) -> u32 {
        self.version = MEMORY_VERSION;
        let c = self.contacts.entry(key.to_string()).or_default();
        let index = c.shown;
        c.shown = c.shown.saturating_add(1);
        c.last_ms = now_ms;
        if level == Level::Danger && c.danger_first_ms.is_none() {
            c.danger_first_ms = Some(now_ms);
        }
        self.bound(key);
        index
    }

    /// Drops the oldest contacts (never `keep`) down to [`MAX_CONTACTS`].
    fn bound(&mut self, keep: &str) {
        while self.contacts.len() > MAX_CONTACTS {
            // The first least recent, by a loop (a filtered `min_by` was a fold of its own
            // in the content module; docs/performance.md "Size, round 42").
            let mut oldest: Option<(&String, f64)> = None;
            for (k, c) in &self.contacts {
                if k.as_str() != keep && oldest.is_none_or(|(o, ms)| c.last_ms.total_cmp(&ms).then_with(|| k.cmp(o)).is_lt()) {
                    oldest = Some((k, c.last_ms));
                }
            }
            let Some((oldest, _)) = oldest else {
                return;
            };
            let oldest = oldest.clone();
            self.contacts.remove(&oldest);
        }
    }

    /// Takes in what the stored copy knows and this one does not, before this one
    /// is written over it: each tab keeps a copy read once, and a write from one
    /// must not undo another tab's "Hide for now", danger time or PIN unlock
    /// (nor, when this tab's read failed, everything stored).
    pub fn merge_from(&mut self, stored: &Memory) {
        for (k, o) in &stored.contacts {
            let c = self.contacts.entry(k.clone()).or_default();
            c.shown = c.shown.max(o.shown);
            c.danger_first_ms = match (c.danger_first_ms, o.danger_first_ms) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            c.last_ms = c.last_ms.max(o.last_ms);
            c.danger_unlocked |= o.danger_unlocked;
            c.hidden_rank = c.hidden_rank.max(o.hidden_rank);
        }
        self.bound("");
    }
}

/// Whether "Hide for now" and "I really know this person" may be offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hide {
    /// Hiding is allowed.
    Allowed,
    /// Allowed once the family PIN is typed.
    NeedsPin,
    /// A danger warning in its first 24 hours without a family PIN to unlock it.
    Locked,
}

/// `danger_first_ms` is `None` when not yet known (then danger is locked).
pub fn can_hide(level: Level, settings: &Settings, danger_first_ms: Option<f64>, now_ms: f64) -> Hide {
    let pin = settings.pin.is_some();
    if level == Level::Danger {
        let young = danger_first_ms.is_none_or(|first| now_ms - first < DANGER_LOCK_MS);
        if young {
            // Within 24 hours only the family lock (PIN) can allow it.
            return if pin { Hide::NeedsPin } else { Hide::Locked };
        }
    }
    if settings.dismiss_needs_pin() {
        Hide::NeedsPin
    } else {
        Hide::Allowed
    }
}

/// Whether a warning for a contact the user said he really knows stays hidden.
/// The video-call and extortion stages of a conversation younger than
/// [`KNOWN_TRUST_MIN_DAYS`] (`age_days` `None` = unknown = young) always show;
/// a known person's danger warning still shows during its first 24 hours,
/// unless the family PIN was typed to hide it.
pub fn hidden_as_known(level: Level, stage: Stage, known: bool, age_days: Option<i64>, mem: &ContactMemory, now_ms: f64) -> bool {
    if !known {
        return false;
    }
    let young = age_days.is_none_or(|d| d < KNOWN_TRUST_MIN_DAYS);
    if stage >= Stage::VideoCall && young {
        return false;
    }
    if level == Level::Danger {
        return mem.danger_unlocked || mem.danger_first_ms.is_some_and(|first| now_ms - first >= DANGER_LOCK_MS);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::settings::PinHash;

    const H: f64 = 3600.0 * 1000.0;

    #[test]
    fn showings_count_and_danger_time_is_kept() {
        let mut m = Memory::from_stored(&serde_json::Value::Null);
        assert_eq!(m.record_showing("a", Level::Warning, 1.0), 0);
        assert_eq!(m.record_showing("a", Level::Danger, 2.0), 1);
        assert_eq!(m.record_showing("a", Level::Danger, 3.0), 2);
        assert_eq!(m.get("a").danger_first_ms, Some(2.0));
        let stored = serde_json::to_value(&m).unwrap();
        assert_eq!(Memory::from_stored(&stored), m);
        assert!(Memory::from_stored(&serde_json::json!({"version": 7})).contacts.is_empty());
        assert!(Memory::from_stored(&serde_json::json!("junk")).contacts.is_empty());
    }

    #[test]
    fn a_write_keeps_what_another_tab_stored() {
        // This tab read nothing (or before the other tab's hide): it showed "a" at warning.
        let mut here = Memory::default();
        here.record_showing("a", Level::Warning, 10.0);
        here.record_showing("b", Level::Danger, 50.0);
        // Meanwhile the other tab: "a" hidden at danger, "b" first in danger earlier and unlocked.
        let mut there = Memory::default();
        there.record_showing("a", Level::Danger, 5.0);
        there.record_showing("a", Level::Danger, 6.0);
        there.contacts.get_mut("a").unwrap().hidden_rank = Some(rank(Level::Danger, Stage::Extortion));
        there.record_showing("b", Level::Danger, 20.0);
        there.contacts.get_mut("b").unwrap().danger_unlocked = true;
        there.record_showing("c", Level::Notice, 30.0);
        here.merge_from(&there);
        let a = here.get("a");
        assert_eq!((a.shown, a.last_ms, a.danger_first_ms), (2, 10.0, Some(5.0)));
        assert!(hidden_for_now(&a, Level::Danger, Stage::Extortion));
        let b = here.get("b");
        assert_eq!((b.danger_first_ms, b.danger_unlocked, b.last_ms), (Some(20.0), true, 50.0));
        assert_eq!(here.get("c").shown, 1);
        // Nothing stored: nothing changes.
        let before = here.clone();
        here.merge_from(&Memory::default());
        assert_eq!(here, before);
        // Still bounded after taking in a full store.
        let mut full = Memory::default();
        for i in 0..MAX_CONTACTS {
            full.record_showing(&format!("k{i}"), Level::Notice, 100.0 + i as f64);
        }
        here.merge_from(&full);
        assert_eq!(here.contacts.len(), MAX_CONTACTS);
        assert!(!here.contacts.contains_key("a") && here.contacts.contains_key("k0"));
    }

    #[test]
    fn memory_is_bounded() {
        let mut m = Memory::default();
        for i in 0..MAX_CONTACTS + 5 {
            m.record_showing(&format!("k{i}"), Level::Notice, i as f64);
        }
        assert_eq!(m.contacts.len(), MAX_CONTACTS);
        assert!(!m.contacts.contains_key("k0"));
        assert!(m.contacts.contains_key(&format!("k{}", MAX_CONTACTS + 4)));
        // Shown at the same time: the least key goes (not whichever the map holds first).
        let mut t = Memory::default();
        for i in 0..=MAX_CONTACTS {
            t.record_showing(&format!("k{i:03}"), Level::Notice, 1.0);
        }
        assert_eq!(t.contacts.len(), MAX_CONTACTS);
        assert!(!t.contacts.contains_key("k000") && t.contacts.contains_key("k001"));
    }

    #[test]
    fn danger_is_locked_for_24_hours_unless_the_family_pin_allows() {
        let no_pin = Settings { pin: None, ..Settings::default() };
        assert_eq!(can_hide(Level::Warning, &no_pin, None, 0.0), Hide::Allowed);
        assert_eq!(can_hide(Level::Notice, &no_pin, None, 0.0), Hide::Allowed);
        assert_eq!(can_hide(Level::Danger, &no_pin, None, 0.0), Hide::Locked);
        assert_eq!(can_hide(Level::Danger, &no_pin, Some(0.0), 23.9 * H), Hide::Locked);
        assert_eq!(can_hide(Level::Danger, &no_pin, Some(0.0), 24.0 * H), Hide::Allowed);
        let pin = Settings { pin: Some(PinHash::new("1234", b"saltsalt").unwrap()), ..Settings::default() };
        assert_eq!(can_hide(Level::Danger, &pin, Some(0.0), 1.0 * H), Hide::NeedsPin);
        assert_eq!(can_hide(Level::Warning, &pin, None, 0.0), Hide::NeedsPin);
        let pin_free_dismiss = Settings { pin_locks_dismiss: false, ..pin };
        assert_eq!(can_hide(Level::Warning, &pin_free_dismiss, None, 0.0), Hide::Allowed);
        assert_eq!(can_hide(Level::Danger, &pin_free_dismiss, Some(0.0), 1.0 * H), Hide::NeedsPin);
    }

    #[test]
    fn known_people_stay_hidden_but_fresh_danger_shows() {
        let none = ContactMemory::default();
        let fresh = ContactMemory { danger_first_ms: Some(0.0), ..ContactMemory::default() };
        let old = Some(KNOWN_TRUST_MIN_DAYS);
        let (w, d) = (Level::Warning, Level::Danger);
        assert!(!hidden_as_known(w, Stage::OffPlatform, false, old, &none, 0.0));
        assert!(hidden_as_known(w, Stage::OffPlatform, true, old, &none, 0.0));
        assert!(!hidden_as_known(d, Stage::Extortion, true, old, &none, 0.0));
        assert!(!hidden_as_known(d, Stage::Extortion, true, old, &fresh, 2.0 * H));
        assert!(hidden_as_known(d, Stage::Extortion, true, old, &fresh, 25.0 * H));
        let unlocked = ContactMemory { danger_unlocked: true, ..fresh.clone() };
        assert!(hidden_as_known(d, Stage::Extortion, true, old, &unlocked, 2.0 * H));
        assert!(!hidden_as_known(d, Stage::Extortion, false, old, &unlocked, 2.0 * H));
        // Trust never silences a video call or a threat in a young (or undated) conversation.
        for age in [None, Some(0), Some(KNOWN_TRUST_MIN_DAYS - 1)] {
            assert!(hidden_as_known(w, Stage::OffPlatform, true, age, &none, 0.0), "{age:?}");
            assert!(!hidden_as_known(w, Stage::VideoCall, true, age, &none, 0.0), "{age:?}");
            assert!(!hidden_as_known(d, Stage::Extortion, true, age, &unlocked, 30.0 * H), "{age:?}");
        }
        assert!(hidden_as_known(w, Stage::VideoCall, true, old, &none, 0.0));
    }

    #[test]
    fn hide_for_now_covers_this_warning_only() {
        let mut m = ContactMemory::default();
        assert!(!hidden_for_now(&m, Level::Notice, Stage::Contact));
        m.hidden_rank = Some(rank(Level::Notice, Stage::Grooming));
        assert!(hidden_for_now(&m, Level::Notice, Stage::Contact));
        assert!(hidden_for_now(&m, Level::Notice, Stage::Grooming));
        assert!(!hidden_for_now(&m, Level::Notice, Stage::OffPlatform));
        assert!(!hidden_for_now(&m, Level::Warning, Stage::OffPlatform), "a number ask warns again");
        m.hidden_rank = Some(rank(Level::Warning, Stage::OffPlatform));
        assert!(!hidden_for_now(&m, Level::Warning, Stage::VideoCall), "a video call warns again");
        assert!(!hidden_for_now(&m, Level::Danger, Stage::Extortion));
        assert!(rank(Level::Warning, Stage::Contact) > rank(Level::Notice, Stage::Extortion));
    }
}
