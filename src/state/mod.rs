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

use serde::Serialize;

/// `s`'s words with one space between them: `split_whitespace().collect::<Vec<_>>()
/// .join(" ")` as a loop (the slices' `join` was one generic copy in the content module
/// for its three callers; docs/performance.md "Size, round 43").
pub fn one_spaced(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// `s`'s first `n` characters (all of it when it has no more): a slice, not
/// `chars().take(n).collect()` (each caller's `String` `from_iter`; docs/performance.md
/// "Size, round 43").
pub fn first_chars(s: &str, n: usize) -> &str {
    // Counts the bytes that start a character (not 0b10xx_xxxx): no `char_indices().nth()`.
    let mut k = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if (b as i8) >= -0x40 {
            if k == n {
                return &s[..i];
            }
            k += 1;
        }
    }
    s
}

/// A store's value as it is written: its JSON text, straight from its serde derive
/// (not through `serde_json::Value`: the content module then carries no serializer
/// into `Value`; docs/performance.md "Size"), and the schema version the text
/// carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub text: String,
    pub version: u32,
}

impl Stored {
    /// `value` has a `version` field of its own, equal to `version`.
    pub fn of<T: Serialize + ?Sized>(version: u32, value: &T) -> Stored {
        // The stores' types have string keys only, so this cannot fail; if it ever
        // did, the version alone is written (an empty store of this version).
        let text = serde_json::to_string(value).unwrap_or_else(|_| format!("{{\"version\":{version}}}"));
        Stored { text, version }
    }

    /// `value`'s fields with `"version": version` added (its type has no version field).
    pub fn versioned<T: Serialize>(version: u32, value: &T) -> Stored {
        #[derive(Serialize)]
        struct Versioned<'a, T: Serialize> {
            version: u32,
            #[serde(flatten)]
            value: &'a T,
        }
        Stored::of(version, &Versioned { version, value })
    }

    /// The text read back as a `Value` (tests, and the trim of a full store).
    pub fn value(&self) -> serde_json::Value {
        serde_json::from_str(&self.text).unwrap_or(serde_json::Value::Null)
    }
}

/// True when `stored` carries a higher `version` than `new`: a later Saavdhan
/// wrote it, and writing over it would lose what that version keeps. Every
/// write of the browser layer checks this first (web::storage::set_making_room).
pub fn written_by_newer(stored: &serde_json::Value, new: u32) -> bool {
    stored.get("version").and_then(serde_json::Value::as_u64).is_some_and(|old| old > u64::from(new))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn round_size_forty_three_one_spaced_as_the_join_made_it() {
        // Size round 43: `one_spaced` is `split_whitespace().collect().join(" ")`.
        for s in ["", "   ", "a", " Ravi \t Kumar\n", "आशा  ताई ", "x\u{a0}y\u{3000}z", "number . ,"] {
            assert_eq!(super::one_spaced(s), s.split_whitespace().collect::<Vec<_>>().join(" "), "{s:?}");
        }
    }

    #[test]
    fn round_size_forty_three_first_chars_as_take_collect_made_them() {
        // Size round 43: `first_chars` is the slice `chars().take(n).collect()` copied.
        for s in ["", "Asha", "आशा ताई", "a\u{301}b c", "😀😀😀", "  Ravi Kumar  "] {
            for n in 0..12 {
                assert_eq!(super::first_chars(s, n), s.chars().take(n).collect::<String>(), "{s:?} {n}");
            }
        }
    }

    #[test]
    fn a_newer_version_is_never_written_over() {
        assert!(super::written_by_newer(&json!({"version": 3, "contacts": {}}), 2));
        assert!(!super::written_by_newer(&json!({"version": 2}), 2));
        assert!(!super::written_by_newer(&json!({"version": 1}), 2));
        assert!(!super::written_by_newer(&json!(null), 2));
        assert!(!super::written_by_newer(&json!("garbage"), 2));
        assert!(!super::written_by_newer(&json!({"version": "9"}), 2));
    }

    #[test]
    fn stored_text_carries_its_version_once() {
        #[derive(serde::Serialize)]
        struct Plain {
            a: u32,
        }
        #[derive(serde::Serialize)]
        struct Own {
            version: u32,
            a: u32,
        }
        let v = super::Stored::versioned(3, &Plain { a: 1 });
        assert_eq!((v.value(), v.version), (json!({"version": 3, "a": 1}), 3));
        let o = super::Stored::of(2, &Own { version: 2, a: 1 });
        assert_eq!(o.text, r#"{"version":2,"a":1}"#);
    }
}
