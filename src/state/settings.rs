//! The family's settings, stored under the `settings` key of chrome.storage.local.
//!
//! * Versioned: the stored object carries `"version": SETTINGS_VERSION`. Version 1
//!   (the first layout, which had no `version` field) is migrated on read.
//! * Forgiving: a store that is not an object, or carries an unknown version,
//!   reads as the defaults; a single field of the wrong type falls back to that
//!   field's default and keeps the rest (so one bad value never unlocks the PIN
//!   or loses the family contact needlessly).
//! * Managed values (chrome.storage.managed, i.e. browser policy) are merged on
//!   top by [`apply_managed`] and reported as locked per field.
//! * The family PIN is kept as a salted, iterated SHA-256 ([`PinHash`]); the PIN
//!   itself is never stored.
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::sha256::{hex, sha256};

pub const SETTINGS_KEY: &str = "settings";
/// The layout written by this version of Saavdhan.
pub const SETTINGS_VERSION: u32 = 2;
/// Longest name or phone number kept.
pub const MAX_FIELD_CHARS: usize = 80;
/// At most this many "I know these people" entries are kept (oldest dropped).
pub const MAX_KNOWN_PEOPLE: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    En,
    Hi,
    Mr,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::En, Language::Hi, Language::Mr];
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Hi => "hi",
            Language::Mr => "mr",
        }
    }
    /// "en", "hi", "mr" and regional forms ("hi-IN", "mr_IN"); anything else is None.
    pub fn from_code(code: &str) -> Option<Language> {
        let base = code.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match base.as_str() {
            "en" => Some(Language::En),
            "hi" => Some(Language::Hi),
            "mr" => Some(Language::Mr),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    #[default]
    India,
    Usa,
    Uk,
    Other,
}

impl Region {
    pub const ALL: [Region; 4] = [Region::India, Region::Usa, Region::Uk, Region::Other];
    pub fn code(self) -> &'static str {
        match self {
            Region::India => "india",
            Region::Usa => "usa",
            Region::Uk => "uk",
            Region::Other => "other",
        }
    }
    pub fn from_code(code: &str) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sensitivity {
    #[default]
    Standard,
    /// Warn one stage earlier.
    Cautious,
}

impl Sensitivity {
    pub fn code(self) -> &'static str {
        match self {
            Sensitivity::Standard => "standard",
            Sensitivity::Cautious => "cautious",
        }
    }
    pub fn from_code(code: &str) -> Option<Sensitivity> {
        match code {
            "standard" => Some(Sensitivity::Standard),
            "cautious" => Some(Sensitivity::Cautious),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedContact {
    pub name: String,
    pub phone: String,
}

/// Why a trusted contact was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactError {
    NameMissing,
    NameTooLong,
    PhoneInvalid,
}

impl TrustedContact {
    /// Trims and checks a name and phone number typed by the family. The phone
    /// may hold digits, one leading `+`, spaces, dashes, dots and brackets, with
    /// 7 to 15 digits (E.164 allows at most 15).
    pub fn validated(name: &str, phone: &str) -> Result<TrustedContact, ContactError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ContactError::NameMissing);
        }
        if name.chars().count() > MAX_FIELD_CHARS || name.chars().any(char::is_control) {
            return Err(ContactError::NameTooLong);
        }
        let phone = phone.trim();
        let mut digits = 0usize;
        for (i, c) in phone.chars().enumerate() {
            match c {
                '0'..='9' => digits += 1,
                '+' if i == 0 => {}
                ' ' | '-' | '.' | '(' | ')' => {}
                _ => return Err(ContactError::PhoneInvalid),
            }
        }
        if !(7..=15).contains(&digits) {
            return Err(ContactError::PhoneInvalid);
        }
        Ok(TrustedContact { name: name.to_string(), phone: phone.to_string() })
    }

    /// The number for a `tel:` link: the leading `+` and the digits only.
    pub fn tel_uri(&self) -> String {
        let mut s = String::from("tel:");
        for (i, c) in self.phone.chars().enumerate() {
            if c.is_ascii_digit() || (c == '+' && i == 0) {
                s.push(c);
            }
        }
        s
    }
}

/// A contact the user said he knows: warnings for them stay hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownPerson {
    /// The contact key used by the readers (profile id or thread id).
    pub key: String,
    pub name: String,
}

/// The family PIN as a salted, iterated SHA-256: `hash = H^iterations(salt || pin)`.
/// A 4–8 digit PIN can be guessed by anyone with the storage and time; it stops
/// a confused or pressured user from changing settings, not a determined attacker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinHash {
    /// Hex of random bytes (at least 8), made by the page with crypto.getRandomValues.
    pub salt: String,
    pub iterations: u32,
    /// Hex of the 32-byte result.
    pub hash: String,
}

pub const PIN_ITERATIONS: u32 = 10_000;

/// Why a PIN was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinError {
    /// Must be 4 to 8 digits.
    Format,
    /// Salt too short.
    Salt,
}

impl PinHash {
    /// Hashes a new PIN (4–8 ASCII digits) with `salt` (≥ 8 random bytes).
    pub fn new(pin: &str, salt: &[u8]) -> Result<PinHash, PinError> {
        if !(4..=8).contains(&pin.len()) || !pin.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PinError::Format);
        }
        if salt.len() < 8 {
            return Err(PinError::Salt);
        }
        let salt = hex(salt);
        let hash = hex(&iterate(&salt, pin, PIN_ITERATIONS));
        Ok(PinHash { salt, iterations: PIN_ITERATIONS, hash })
    }

    /// True when `pin` is the family PIN. A malformed stored hash matches nothing.
    pub fn matches(&self, pin: &str) -> bool {
        if self.iterations == 0 || self.iterations > 1_000_000 || self.hash.len() != 64 {
            return false;
        }
        let got = hex(&iterate(&self.salt, pin.trim(), self.iterations));
        // Constant-time compare (the page is local, but it costs nothing).
        got.bytes().zip(self.hash.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }
}

fn iterate(salt_hex: &str, pin: &str, iterations: u32) -> [u8; 32] {
    let mut input = Vec::with_capacity(salt_hex.len() + pin.len());
    input.extend_from_slice(salt_hex.as_bytes());
    input.extend_from_slice(pin.as_bytes());
    let mut h = sha256(&input);
    for _ in 1..iterations {
        h = sha256(&h);
    }
    h
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// None: follow the browser's language.
    pub language: Option<Language>,
    pub region: Region,
    pub trusted_contact: Option<TrustedContact>,
    pub sensitivity: Sensitivity,
    pub known_people: Vec<KnownPerson>,
    /// The family PIN; when set, the options page is locked until it is typed.
    pub pin: Option<PinHash>,
    /// With a PIN set: the warning's "dismiss" / "I know this person" buttons
    /// ask for the PIN too.
    pub pin_locks_dismiss: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: None,
            region: Region::default(),
            trusted_contact: None,
            sensitivity: Sensitivity::default(),
            known_people: Vec::new(),
            pin: None,
            pin_locks_dismiss: true,
        }
    }
}

impl Settings {
    /// True when changing settings needs the family PIN.
    pub fn settings_locked(&self) -> bool {
        self.pin.is_some()
    }

    /// True when the warning's dismiss buttons must ask for the PIN
    /// (the warning UI checks a typed PIN with [`Settings::pin_matches`]).
    pub fn dismiss_needs_pin(&self) -> bool {
        self.pin.is_some() && self.pin_locks_dismiss
    }

    /// True when `pin` unlocks; always true when no PIN is set.
    pub fn pin_matches(&self, pin: &str) -> bool {
        self.pin.as_ref().is_none_or(|p| p.matches(pin))
    }

    /// True when the user said he knows the contact with this key.
    pub fn is_known(&self, key: &str) -> bool {
        self.known_people.iter().any(|p| p.key == key)
    }

    /// Adds (or renames) a known person; keeps at most [`MAX_KNOWN_PEOPLE`].
    pub fn add_known(&mut self, key: &str, name: &str) {
        if key.is_empty() {
            return;
        }
        let name: String = name.trim().chars().take(MAX_FIELD_CHARS).collect();
        if let Some(p) = self.known_people.iter_mut().find(|p| p.key == key) {
            p.name = name;
            return;
        }
        self.known_people.push(KnownPerson { key: key.to_string(), name });
        if self.known_people.len() > MAX_KNOWN_PEOPLE {
            let extra = self.known_people.len() - MAX_KNOWN_PEOPLE;
            self.known_people.drain(..extra);
        }
    }

    /// Removes a known person; false when absent.
    pub fn remove_known(&mut self, key: &str) -> bool {
        let before = self.known_people.len();
        self.known_people.retain(|p| p.key != key);
        self.known_people.len() != before
    }

    /// The value to write to storage (always the current version).
    pub fn to_stored(&self) -> Value {
        // Written by hand, as `from_fields` reads it: the same layout as the serde
        // derive (the tests compare both), without a serde monomorph per field type.
        let mut map = Map::new();
        map.insert("version".into(), Value::from(SETTINGS_VERSION));
        map.insert("language".into(), self.language.map_or(Value::Null, |l| l.code().into()));
        map.insert("region".into(), self.region.code().into());
        let contact = self.trusted_contact.as_ref().map_or(Value::Null, |c| object(&[("name", &c.name), ("phone", &c.phone)]));
        map.insert("trusted_contact".into(), contact);
        map.insert("sensitivity".into(), self.sensitivity.code().into());
        let known = self.known_people.iter().map(|p| object(&[("key", &p.key), ("name", &p.name)])).collect();
        map.insert("known_people".into(), Value::Array(known));
        let pin = self.pin.as_ref().map_or(Value::Null, |p| {
            let mut v = object(&[("salt", &p.salt), ("hash", &p.hash)]);
            if let Value::Object(m) = &mut v {
                m.insert("iterations".into(), p.iterations.into());
            }
            v
        });
        map.insert("pin".into(), pin);
        map.insert("pin_locks_dismiss".into(), self.pin_locks_dismiss.into());
        Value::Object(map)
    }

    /// Reads what storage holds (`Value::Null` when absent): migrates older
    /// versions, falls back to defaults for an unknown version or a corrupted
    /// store, and per field for a field of the wrong type.
    pub fn from_stored(stored: &Value) -> Settings {
        let Value::Object(map) = stored else {
            return Settings::default();
        };
        match map.get("version") {
            // Version 1 had no version field; its fields are a subset of version 2's.
            None => from_fields(map),
            Some(v) if v.as_u64() == Some(1) || v.as_u64() == Some(SETTINGS_VERSION as u64) => from_fields(map),
            Some(_) => Settings::default(),
        }
    }
}

fn object(fields: &[(&str, &String)]) -> Value {
    let mut m = Map::new();
    for (k, v) in fields {
        m.insert(k.to_string(), Value::String(v.to_string()));
    }
    Value::Object(m)
}

// Reading the stored fields by hand, accepting exactly what the serde derive of
// these types accepts from JSON (`tests::reads_like_serde` compares the two on
// valid and invalid values): a `None` is a value of the wrong shape, and the
// field then takes its default.

/// A unit enum variant: `"name"`, or `{"name": null}`.
fn variant(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(m) if m.len() == 1 => m.iter().next().filter(|(_, x)| x.is_null()).map(|(k, _)| k.as_str()),
        _ => None,
    }
}

/// A struct's fields, in order: an object with every field (others ignored), or
/// an array of exactly that many values.
fn fields<'a, const N: usize>(v: &'a Value, names: [&str; N]) -> Option<[&'a Value; N]> {
    let mut out = [&Value::Null; N];
    match v {
        Value::Object(m) => {
            for (o, name) in out.iter_mut().zip(names) {
                *o = m.get(name)?;
            }
        }
        Value::Array(a) if a.len() == N => {
            for (o, x) in out.iter_mut().zip(a) {
                *o = x;
            }
        }
        _ => return None,
    }
    Some(out)
}

fn string(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

/// `Option<T>`: null is `Some(None)`, a valid `T` is `Some(Some(t))`.
fn optional<T>(v: &Value, read: impl Fn(&Value) -> Option<T>) -> Option<Option<T>> {
    if v.is_null() {
        Some(None)
    } else {
        read(v).map(Some)
    }
}

fn language(v: &Value) -> Option<Language> {
    Language::ALL.into_iter().find(|l| Some(l.code()) == variant(v))
}

fn region(v: &Value) -> Option<Region> {
    Region::ALL.into_iter().find(|r| Some(r.code()) == variant(v))
}

fn sensitivity(v: &Value) -> Option<Sensitivity> {
    [Sensitivity::Standard, Sensitivity::Cautious].into_iter().find(|x| Some(x.code()) == variant(v))
}

fn trusted_contact(v: &Value) -> Option<TrustedContact> {
    let [name, phone] = fields(v, ["name", "phone"])?;
    Some(TrustedContact { name: string(name)?, phone: string(phone)? })
}

fn known_person(v: &Value) -> Option<KnownPerson> {
    let [key, name] = fields(v, ["key", "name"])?;
    Some(KnownPerson { key: string(key)?, name: string(name)? })
}

fn pin_hash(v: &Value) -> Option<PinHash> {
    let [salt, iterations, hash] = fields(v, ["salt", "iterations", "hash"])?;
    let iterations = u32::try_from(iterations.as_u64()?).ok()?;
    Some(PinHash { salt: string(salt)?, iterations, hash: string(hash)? })
}

fn from_fields(map: &Map<String, Value>) -> Settings {
    let d = Settings::default();
    let get = |name: &str| map.get(name);
    let mut s = Settings {
        language: get("language").and_then(|v| optional(v, language)).unwrap_or(d.language),
        region: get("region").and_then(region).unwrap_or(d.region),
        trusted_contact: get("trusted_contact").and_then(|v| optional(v, trusted_contact)).unwrap_or(d.trusted_contact),
        sensitivity: get("sensitivity").and_then(sensitivity).unwrap_or(d.sensitivity),
        known_people: Vec::new(),
        pin: get("pin").and_then(|v| optional(v, pin_hash)).unwrap_or(d.pin),
        pin_locks_dismiss: get("pin_locks_dismiss").and_then(Value::as_bool).unwrap_or(d.pin_locks_dismiss),
    };
    // Keep every well-formed known person even when a neighbour is corrupted.
    if let Some(Value::Array(list)) = map.get("known_people") {
        for p in list.iter().filter_map(known_person) {
            s.add_known(&p.key, &p.name);
        }
    }
    // A stored contact that no longer validates is dropped rather than shown broken.
    if let Some(c) = &s.trusted_contact {
        s.trusted_contact = TrustedContact::validated(&c.name, &c.phone).ok();
    }
    s
}

/// Values set by browser policy (chrome.storage.managed), as described by
/// extension/managed_schema.json. Every field is optional; an invalid value is
/// ignored (the family's own choice stays and the field is not locked).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Managed {
    pub language: Option<Language>,
    pub region: Option<Region>,
    pub sensitivity: Option<Sensitivity>,
    pub trusted_contact: Option<TrustedContact>,
    /// `lock_settings: true` locks every field of the options page.
    pub lock_settings: bool,
}

/// Names of the policy keys, as in managed_schema.json.
pub const MANAGED_KEYS: [&str; 6] =
    ["language", "region", "sensitivity", "trusted_contact_name", "trusted_contact_phone", "lock_settings"];

impl Managed {
    /// Reads the object chrome.storage.managed.get(null) returned (anything else → nothing managed).
    pub fn from_value(v: &Value) -> Managed {
        let Value::Object(map) = v else {
            return Managed::default();
        };
        let s = |k: &str| map.get(k).and_then(Value::as_str);
        let trusted_contact = match (s("trusted_contact_name"), s("trusted_contact_phone")) {
            (Some(n), Some(p)) => TrustedContact::validated(n, p).ok(),
            _ => None,
        };
        Managed {
            language: s("language").and_then(Language::from_code),
            region: s("region").and_then(Region::from_code),
            sensitivity: s("sensitivity").and_then(Sensitivity::from_code),
            trusted_contact,
            lock_settings: map.get("lock_settings").and_then(Value::as_bool).unwrap_or(false),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Managed::default()
    }
}

/// Which fields the family cannot change here because policy sets them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Locks {
    pub language: bool,
    pub region: bool,
    pub sensitivity: bool,
    pub trusted_contact: bool,
    /// The known-people list, the PIN and "delete all data".
    pub everything_else: bool,
}

impl Locks {
    pub fn any(&self) -> bool {
        self.language || self.region || self.sensitivity || self.trusted_contact || self.everything_else
    }
}

/// The settings in force: the family's own (`local`) with policy values on top.
pub fn apply_managed(local: &Settings, managed: &Managed) -> (Settings, Locks) {
    let mut s = local.clone();
    let all = managed.lock_settings;
    let mut locks = Locks { everything_else: all, ..Locks::default() };
    if let Some(l) = managed.language {
        s.language = Some(l);
        locks.language = true;
    }
    if let Some(r) = managed.region {
        s.region = r;
        locks.region = true;
    }
    if let Some(x) = managed.sensitivity {
        s.sensitivity = x;
        locks.sensitivity = true;
    }
    if let Some(c) = &managed.trusted_contact {
        s.trusted_contact = Some(c.clone());
        locks.trusted_contact = true;
    }
    if all {
        locks.language = true;
        locks.region = true;
        locks.sensitivity = true;
        locks.trusted_contact = true;
    }
    (s, locks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Settings {
        let mut s = Settings {
            language: Some(Language::Mr),
            region: Region::Uk,
            trusted_contact: Some(TrustedContact::validated("Asha", "+91 98765 43210").unwrap()),
            sensitivity: Sensitivity::Cautious,
            pin: Some(PinHash::new("2468", &[1, 2, 3, 4, 5, 6, 7, 8]).unwrap()),
            pin_locks_dismiss: false,
            ..Settings::default()
        };
        s.add_known("100012345", "Ramesh");
        s
    }

    /// The reading before it was written by hand: each field through its serde derive.
    fn serde_from_fields(map: &Map<String, Value>) -> Settings {
        fn field<T: serde::de::DeserializeOwned>(map: &Map<String, Value>, name: &str, default: T) -> T {
            match map.get(name) {
                Some(v) => serde_json::from_value(v.clone()).unwrap_or(default),
                None => default,
            }
        }
        let d = Settings::default();
        let mut s = Settings {
            language: field(map, "language", d.language),
            region: field(map, "region", d.region),
            trusted_contact: field(map, "trusted_contact", d.trusted_contact),
            sensitivity: field(map, "sensitivity", d.sensitivity),
            known_people: Vec::new(),
            pin: field(map, "pin", d.pin),
            pin_locks_dismiss: field(map, "pin_locks_dismiss", d.pin_locks_dismiss),
        };
        if let Some(Value::Array(list)) = map.get("known_people") {
            for item in list {
                if let Ok(p) = serde_json::from_value::<KnownPerson>(item.clone()) {
                    s.add_known(&p.key, &p.name);
                }
            }
        }
        if let Some(c) = &s.trusted_contact {
            s.trusted_contact = TrustedContact::validated(&c.name, &c.phone).ok();
        }
        s
    }

    #[test]
    fn reads_like_serde() {
        let good = sample().to_stored();
        let odd = [
            json!(null), json!(true), json!(1), json!(-1), json!(3.0), json!(4294967296u64), json!("x"), json!([]),
            json!({}), json!("hi"), json!("mr"), json!("EN"), json!({"hi": null}), json!({"hi": 1}), json!({"hi": null, "mr": null}),
            json!("usa"), json!("uk"), json!("other"), json!({"usa": null}), json!("cautious"), json!("standard"),
            json!({"name": "Asha", "phone": "9876543210"}), json!({"name": "Asha", "phone": "9876543210", "x": 1}),
            json!(["Asha", "9876543210"]), json!(["Asha", "9876543210", "x"]), json!(["Asha"]), json!({"name": "Asha"}),
            json!({"name": 5, "phone": "9876543210"}), json!({"key": "1", "name": "A"}), json!(["1", "A"]),
            json!({"salt": "00", "iterations": 10, "hash": "ab"}), json!({"salt": "00", "iterations": -1, "hash": "ab"}),
            json!({"salt": "00", "iterations": 10.0, "hash": "ab"}), json!({"salt": "00", "iterations": 4294967295u64, "hash": "ab"}),
            json!({"salt": "00", "iterations": 4294967296u64, "hash": "ab"}), json!(["00", 10, "ab"]), json!({"salt": "00", "hash": "ab"}),
            json!([{"key": "1", "name": "A"}, ["2", "B"], {"key": 3, "name": "C"}, null]),
        ];
        let names = ["language", "region", "trusted_contact", "sensitivity", "known_people", "pin", "pin_locks_dismiss"];
        for name in names {
            for v in odd.iter().chain([&good[name]]) {
                let mut stored = good.clone();
                stored[name] = v.clone();
                let map = stored.as_object().unwrap();
                assert_eq!(from_fields(map), serde_from_fields(map), "{name} = {v}");
                let mut without = map.clone();
                without.remove(name);
                assert_eq!(from_fields(&without), serde_from_fields(&without), "{name} absent");
            }
        }
    }

    #[test]
    fn writes_like_serde() {
        for s in [sample(), Settings::default()] {
            let mut derived = serde_json::to_value(&s).unwrap();
            derived["version"] = json!(SETTINGS_VERSION);
            assert_eq!(s.to_stored(), derived);
        }
    }

    #[test]
    fn round_trips_through_storage() {
        let s = sample();
        let stored = s.to_stored();
        assert_eq!(stored["version"], json!(SETTINGS_VERSION));
        assert_eq!(Settings::from_stored(&stored), s);
    }

    #[test]
    fn absent_or_corrupted_store_reads_as_defaults() {
        for v in [Value::Null, json!("garbage"), json!(42), json!([1, 2]), json!(true)] {
            assert_eq!(Settings::from_stored(&v), Settings::default(), "{v}");
        }
    }

    #[test]
    fn unknown_version_reads_as_defaults() {
        let mut stored = sample().to_stored();
        for bad in [json!(3), json!(0), json!("2"), json!(null), json!(99)] {
            stored["version"] = bad.clone();
            assert_eq!(Settings::from_stored(&stored), Settings::default(), "{bad}");
        }
    }

    #[test]
    fn version_1_without_version_field_is_migrated() {
        let v1 = json!({
            "language": "hi", "region": "usa",
            "trusted_contact": {"name": "Sunil", "phone": "9876543210"},
            "sensitivity": "cautious",
            "known_people": [{"key": "42", "name": "Old friend"}]
        });
        let s = Settings::from_stored(&v1);
        assert_eq!(s.language, Some(Language::Hi));
        assert_eq!(s.region, Region::Usa);
        assert_eq!(s.trusted_contact.as_ref().unwrap().name, "Sunil");
        assert_eq!(s.sensitivity, Sensitivity::Cautious);
        assert!(s.is_known("42"));
        assert_eq!(s.pin, None);
        assert!(s.pin_locks_dismiss, "new field takes its default");
        assert_eq!(s.to_stored()["version"], json!(2));
    }

    #[test]
    fn one_bad_field_keeps_the_others() {
        let mut stored = sample().to_stored();
        stored["region"] = json!("mars");
        stored["known_people"] = json!([{"key": "1", "name": "A"}, 17, {"key": "2"}, {"key": "3", "name": "C"}]);
        let s = Settings::from_stored(&stored);
        assert_eq!(s.region, Region::India);
        assert_eq!(s.language, Some(Language::Mr));
        assert!(s.pin.is_some(), "PIN survives a neighbouring bad field");
        let keys: Vec<_> = s.known_people.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["1", "3"]);
    }

    #[test]
    fn stored_invalid_contact_is_dropped() {
        let stored = json!({"version": 2, "trusted_contact": {"name": "X", "phone": "call me"}});
        assert_eq!(Settings::from_stored(&stored).trusted_contact, None);
    }

    #[test]
    fn contact_validation() {
        assert!(TrustedContact::validated("Asha", "+91 98765-43210").is_ok());
        assert!(TrustedContact::validated("Asha", "(020) 2612 3456").is_ok());
        assert_eq!(TrustedContact::validated("  ", "9876543210"), Err(ContactError::NameMissing));
        assert_eq!(TrustedContact::validated(&"a".repeat(81), "9876543210"), Err(ContactError::NameTooLong));
        assert_eq!(TrustedContact::validated("Asha", "12345"), Err(ContactError::PhoneInvalid));
        assert_eq!(TrustedContact::validated("Asha", "1234567890123456"), Err(ContactError::PhoneInvalid));
        assert_eq!(TrustedContact::validated("Asha", "98765+43210"), Err(ContactError::PhoneInvalid));
        assert_eq!(TrustedContact::validated("Asha", "98765abc10"), Err(ContactError::PhoneInvalid));
        let c = TrustedContact::validated(" Asha ", " +91 (98765) 43210 ").unwrap();
        assert_eq!(c.name, "Asha");
        assert_eq!(c.tel_uri(), "tel:+919876543210");
    }

    #[test]
    fn pin_hash_checks_and_never_holds_the_pin() {
        let p = PinHash::new("2468", b"saltsalt").unwrap();
        assert!(p.matches("2468"));
        assert!(p.matches(" 2468 "));
        assert!(!p.matches("2469"));
        assert!(!p.matches(""));
        assert!(!p.hash.contains("2468") && !p.salt.contains("2468"));
        let q = PinHash::new("2468", b"othersal").unwrap();
        assert_ne!(p.hash, q.hash, "salt changes the hash");
        assert_eq!(PinHash::new("12a4", b"saltsalt"), Err(PinError::Format));
        assert_eq!(PinHash::new("123", b"saltsalt"), Err(PinError::Format));
        assert_eq!(PinHash::new("123456789", b"saltsalt"), Err(PinError::Format));
        assert_eq!(PinHash::new("1234", b"short"), Err(PinError::Salt));
        let broken = PinHash { salt: "00".into(), iterations: 0, hash: String::new() };
        assert!(!broken.matches(""));
    }

    #[test]
    fn pin_locks() {
        let mut s = Settings::default();
        assert!(!s.settings_locked() && !s.dismiss_needs_pin() && s.pin_matches("anything"));
        s.pin = Some(PinHash::new("1357", b"12345678").unwrap());
        assert!(s.settings_locked() && s.dismiss_needs_pin());
        assert!(s.pin_matches("1357") && !s.pin_matches("0000"));
        s.pin_locks_dismiss = false;
        assert!(!s.dismiss_needs_pin());
    }

    #[test]
    fn known_people_add_rename_remove_cap() {
        let mut s = Settings::default();
        s.add_known("1", "A");
        s.add_known("1", "A renamed");
        s.add_known("", "ignored");
        assert_eq!(s.known_people.len(), 1);
        assert_eq!(s.known_people[0].name, "A renamed");
        assert!(s.remove_known("1") && !s.remove_known("1"));
        for i in 0..MAX_KNOWN_PEOPLE + 5 {
            s.add_known(&i.to_string(), "x");
        }
        assert_eq!(s.known_people.len(), MAX_KNOWN_PEOPLE);
        assert!(!s.is_known("0") && s.is_known(&(MAX_KNOWN_PEOPLE + 4).to_string()));
    }

    #[test]
    fn managed_values_win_and_are_locked() {
        let local = sample();
        let managed = Managed::from_value(&json!({
            "language": "hi", "region": "india", "sensitivity": "standard",
            "trusted_contact_name": "Priya", "trusted_contact_phone": "+44 20 7946 0958"
        }));
        let (s, locks) = apply_managed(&local, &managed);
        assert_eq!(s.language, Some(Language::Hi));
        assert_eq!(s.region, Region::India);
        assert_eq!(s.sensitivity, Sensitivity::Standard);
        assert_eq!(s.trusted_contact.as_ref().unwrap().name, "Priya");
        assert_eq!(s.known_people, local.known_people);
        assert_eq!(s.pin, local.pin);
        assert!(locks.language && locks.region && locks.sensitivity && locks.trusted_contact);
        assert!(!locks.everything_else);
    }

    #[test]
    fn invalid_or_partial_managed_values_are_ignored_and_unlocked() {
        let local = sample();
        let managed = Managed::from_value(&json!({
            "language": "fr", "region": 7, "sensitivity": "cautious",
            "trusted_contact_name": "Priya", "lock_settings": "yes"
        }));
        let (s, locks) = apply_managed(&local, &managed);
        assert_eq!(s.language, Some(Language::Mr));
        assert_eq!(s.region, Region::Uk);
        assert_eq!(s.trusted_contact, local.trusted_contact, "name without phone is ignored");
        assert_eq!(locks, Locks { sensitivity: true, ..Locks::default() });
        for v in [Value::Null, json!("x"), json!([])] {
            assert!(Managed::from_value(&v).is_empty());
        }
    }

    #[test]
    fn lock_settings_locks_every_field() {
        let managed = Managed::from_value(&json!({"lock_settings": true}));
        let (s, locks) = apply_managed(&Settings::default(), &managed);
        assert_eq!(s, Settings::default());
        assert!(locks.language && locks.region && locks.sensitivity && locks.trusted_contact && locks.everything_else);
    }

    #[test]
    fn language_codes() {
        assert_eq!(Language::from_code("hi-IN"), Some(Language::Hi));
        assert_eq!(Language::from_code("mr_IN"), Some(Language::Mr));
        assert_eq!(Language::from_code("EN"), Some(Language::En));
        assert_eq!(Language::from_code("fr"), None);
        assert_eq!(Language::from_code(""), None);
    }
}
