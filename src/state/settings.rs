//! The family's settings, stored under the `settings` key of chrome.storage.local.
//!
//! * One schema: the serde derives below are the only definition of what is
//!   stored. Golden stored values of every version are in tests/fixtures/state/.
//! * Versioned: the stored object carries `"version": SETTINGS_VERSION`. Version 1
//!   (the first layout, which had no `version` field) is migrated on read.
//! * Never loses the family's settings:
//!   - a NEWER version (written by a later Saavdhan) is read as well as it can be
//!     and reported [`ReadReport::newer_version`]; the options page says so and
//!     nothing writes over it;
//!   - a field of the wrong type is repaired where its meaning is plain
//!     (`version: "2"`, `pin_locks_dismiss: 1`, a phone number stored as a number,
//!     a PIN stored as digits), else that field alone takes its default and every
//!     other field is kept;
//!   - a PIN record that cannot be checked still locks, and is reported so that
//!     options offers the documented reset (README, "If the PIN is forgotten").
//! * Managed values (chrome.storage.managed, i.e. browser policy) are merged on
//!   top by [`apply_managed`] and reported as locked per field; values of the
//!   wrong type are reported by [`Managed::read`].
//! * The family PIN is kept as a PBKDF2 record ([`PinHash`], see `state::pin`);
//!   the PIN itself is never stored.
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::{Map, Value};

pub use super::pin::{PinError, PinHash, PIN_ITERATIONS};

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
        // One leading `+`: any other is refused below.
        for c in phone.strip_prefix('+').unwrap_or(phone).chars() {
            match c {
                '0'..='9' => digits += 1,
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
        let mut s = String::from(if self.phone.starts_with('+') { "tel:+" } else { "tel:" });
        for c in self.phone.chars() {
            if c.is_ascii_digit() {
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
        let name = super::first_chars(name.trim(), MAX_FIELD_CHARS).to_string();
        if let Some(p) = self.known_people.iter_mut().find(|p| p.key == key) {
            p.name = name;
            return;
        }
        self.known_people.push(KnownPerson { key: key.to_string(), name });
        // The oldest first, one at a time (one a call once full): no `drain` and its
        // drop guard for this type in the module (docs/performance.md "Size, round 44").
        while self.known_people.len() > MAX_KNOWN_PEOPLE {
            self.known_people.remove(0);
        }
    }

    /// Removes a known person; false when absent.
    pub fn remove_known(&mut self, key: &str) -> bool {
        let before = self.known_people.len();
        self.known_people.retain(|p| p.key != key);
        self.known_people.len() != before
    }


    /// True when the stored PIN record cannot be checked (see [`PinHash::is_broken`]).
    pub fn pin_broken(&self) -> bool {
        self.pin.as_ref().is_some_and(PinHash::is_broken)
    }

    /// What to write to storage (always the current version), through the serde
    /// derive.
    pub fn to_stored(&self) -> crate::state::Stored {
        crate::state::Stored::versioned(SETTINGS_VERSION, self)
    }

    /// Reads what storage holds (`Value::Null` when absent); see [`Settings::read`].
    pub fn from_stored(stored: &Value) -> Settings {
        Settings::read(stored).0
    }

    /// Reads what storage holds (`Value::Null` when absent), field by field:
    /// migrates version 1, repairs what it can (see the module notes) and says
    /// what it found. Never fails.
    pub fn read(stored: &Value) -> (Settings, ReadReport) {
        let mut r = ReadReport::default();
        let map = match stored {
            Value::Object(map) => map,
            Value::Null => return (Settings::default(), r),
            _ => {
                r.corrupted = true;
                return (Settings::default(), r);
            }
        };
        match map.get("version") {
            // Version 1 had no version field; its fields are a subset of version 2's.
            None => {}
            Some(v) => match number(v) {
                Some(n) if n > u64::from(SETTINGS_VERSION) => r.newer_version = Some(n),
                Some(n) if v.as_u64() == Some(n) => {}
                _ => r.repaired.push("version"),
            },
        }
        let d = Settings::default();
        let mut s = Settings {
            language: field(map, "language", d.language, &mut r, |v| v.as_str().and_then(Language::from_code).map(Some)),
            region: field(map, "region", d.region, &mut r, |v| v.as_str().and_then(|c| Region::from_code(&c.trim().to_ascii_lowercase()))),
            trusted_contact: field(map, "trusted_contact", d.trusted_contact, &mut r, repair_contact),
            sensitivity: field(map, "sensitivity", d.sensitivity, &mut r, |v| {
                v.as_str().and_then(|c| Sensitivity::from_code(&c.trim().to_ascii_lowercase()))
            }),
            known_people: Vec::new(),
            pin: None,
            pin_locks_dismiss: field(map, "pin_locks_dismiss", d.pin_locks_dismiss, &mut r, truthy),
        };
        // Keep every well-formed known person even when a neighbour is corrupted.
        match map.get("known_people") {
            None => {}
            Some(Value::Array(list)) => {
                let mut people: Vec<KnownPerson> = Vec::new();
                for p in list {
                    if let Ok(p) = serde_json::from_value(p.clone()) {
                        people.push(p);
                    }
                }
                if people.len() != list.len() {
                    r.dropped.push("known_people");
                }
                for p in people {
                    s.add_known(&p.key, &p.name);
                }
            }
            Some(_) => r.dropped.push("known_people"),
        }
        // A stored contact that no longer validates is dropped rather than shown broken.
        if let Some(c) = &s.trusted_contact {
            s.trusted_contact = TrustedContact::validated(&c.name, &c.phone).ok();
            if s.trusted_contact.is_none() {
                r.dropped.push("trusted_contact");
            }
        }
        s.pin = read_pin(map.get("pin"), &mut r);
        r.pin_broken = s.pin_broken();
        (s, r)
    }
}

/// What [`Settings::read`] found besides the settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadReport {
    /// The store carries this version, newer than SETTINGS_VERSION: it was written
    /// by a later Saavdhan and must not be written over.
    pub newer_version: Option<u64>,
    /// Fields of the wrong type whose meaning was plain, repaired.
    pub repaired: Vec<&'static str>,
    /// Fields (or list entries) that could not be read: that field took its default.
    pub dropped: Vec<&'static str>,
    /// A PIN stored as its digits (not as a record): to be hashed and saved now.
    pub plain_pin: Option<String>,
    /// The PIN record cannot be checked: options offers the reset.
    pub pin_broken: bool,
    /// The store was not an object at all.
    pub corrupted: bool,
}

impl ReadReport {
    /// True when saving would change what the family stored in a way they did not
    /// ask for, or lose it: never write over a newer version.
    pub fn read_only(&self) -> bool {
        self.newer_version.is_some()
    }

    /// True when a repaired value should be written back in the current layout
    /// (what could not be read at all is left as it is until the family saves).
    pub fn needs_rewrite(&self) -> bool {
        !self.repaired.is_empty() || self.plain_pin.is_some()
    }
}

/// A whole number as a JSON number (`2`, `2.0`) or text (`"2"`).
fn number(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 1e15).map(|f| f as u64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A yes/no as `true`/`false`, `1`/`0` or their text.
fn truthy(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        },
        _ => number(v).filter(|n| *n <= 1).map(|n| n == 1),
    }
}

/// One stored field through its serde derive; when that fails, `repair` (a value
/// of plain meaning in the wrong type), else the default. Either is reported.
fn field<T: DeserializeOwned>(
    map: &Map<String, Value>,
    name: &'static str,
    default: T,
    r: &mut ReadReport,
    repair: impl Fn(&Value) -> Option<T>,
) -> T {
    let Some(v) = map.get(name) else { return default };
    if let Ok(t) = serde_json::from_value(v.clone()) {
        return t;
    }
    match repair(v) {
        Some(t) => {
            r.repaired.push(name);
            t
        }
        None => {
            r.dropped.push(name);
            default
        }
    }
}

/// A contact whose phone was stored as a number, or as `[name, phone]`.
fn repair_contact(v: &Value) -> Option<Option<TrustedContact>> {
    let text = |x: &Value| match x {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let (name, phone) = match v {
        Value::Object(m) => (m.get("name")?.as_str()?.to_string(), text(m.get("phone")?)?),
        _ => return None,
    };
    TrustedContact::validated(&name, &phone).ok().map(Some)
}

/// The stored PIN: a record; a record with its rounds as text or stored as JSON
/// text (repaired); the digits themselves (to be hashed, see
/// [`ReadReport::plain_pin`]); anything else is a broken record, which still locks.
fn read_pin(v: Option<&Value>, r: &mut ReadReport) -> Option<PinHash> {
    let v = v.filter(|v| !v.is_null())?;
    if let Ok(p) = serde_json::from_value::<PinHash>(v.clone()) {
        return Some(p);
    }
    let repaired = match v {
        Value::String(s) if super::pin::valid_pin(s.trim()) => {
            r.plain_pin = Some(s.trim().to_string());
            r.repaired.push("pin");
            return None;
        }
        Value::String(s) => serde_json::from_str::<Value>(s).ok().and_then(|inner| match inner {
            Value::Object(_) => serde_json::from_value::<PinHash>(inner).ok(),
            _ => None,
        }),
        Value::Object(m) => {
            let mut m = m.clone();
            if let Some(n) = m.get("iterations").and_then(number).and_then(|n| u32::try_from(n).ok()) {
                m.insert("iterations".into(), n.into());
            }
            serde_json::from_value::<PinHash>(Value::Object(m)).ok()
        }
        _ => None,
    };
    match repaired {
        Some(p) => {
            r.repaired.push("pin");
            Some(p)
        }
        None => {
            r.dropped.push("pin");
            Some(PinHash { algorithm: "unreadable".into(), salt: String::new(), iterations: 0, hash: String::new() })
        }
    }
}

/// Values set by browser policy (chrome.storage.managed), as described by
/// extension/managed_schema.json. Every field is optional; an invalid value is
/// ignored (the family's own choice stays and the field is not locked) and
/// reported by [`Managed::read`] for the options page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Managed {
    pub language: Option<Language>,
    pub region: Option<Region>,
    pub sensitivity: Option<Sensitivity>,
    pub trusted_contact: Option<TrustedContact>,
    /// `lock_settings: true` (or a non-zero number) locks every field of the options page.
    pub lock_settings: bool,
}

/// Names of the policy keys, as in managed_schema.json.
pub const MANAGED_KEYS: [&str; 6] =
    ["language", "region", "sensitivity", "trusted_contact_name", "trusted_contact_phone", "lock_settings"];

impl Managed {
    /// Reads the object chrome.storage.managed.get(null) returned (anything else → nothing managed).
    pub fn from_value(v: &Value) -> Managed {
        Managed::read(v).0
    }

    /// Reads the policy values and names the keys whose value could not be used
    /// (wrong type or unknown value), so that options can say so.
    pub fn read(v: &Value) -> (Managed, Vec<&'static str>) {
        let mut bad = Vec::new();
        let Value::Object(map) = v else {
            return (Managed::default(), bad);
        };
        let mut pick = |k: &'static str, parse: &dyn Fn(&str) -> bool| -> Option<String> {
            let x = map.get(k)?;
            match x.as_str() {
                Some(s) if parse(s) => Some(s.to_string()),
                _ => {
                    bad.push(k);
                    None
                }
            }
        };
        let language = pick("language", &|s| Language::from_code(s).is_some()).and_then(|s| Language::from_code(&s));
        let region = pick("region", &|s| Region::from_code(s).is_some()).and_then(|s| Region::from_code(&s));
        let sensitivity = pick("sensitivity", &|s| Sensitivity::from_code(s).is_some()).and_then(|s| Sensitivity::from_code(&s));
        let name = pick("trusted_contact_name", &|_| true);
        let phone = pick("trusted_contact_phone", &|_| true);
        let trusted_contact = match (name, phone) {
            (Some(n), Some(p)) => {
                let c = TrustedContact::validated(&n, &p).ok();
                if c.is_none() {
                    bad.push("trusted_contact_phone");
                }
                c
            }
            (None, None) => None,
            (n, _) => {
                bad.push(if n.is_some() { "trusted_contact_phone" } else { "trusted_contact_name" });
                None
            }
        };
        // Boolean in the schema; policy tools often write 1/0, which mean the same.
        let lock_settings = match map.get("lock_settings") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(Value::Number(n)) if n.as_f64().is_some_and(|f| f.is_finite()) => n.as_f64() != Some(0.0),
            Some(_) => {
                bad.push("lock_settings");
                false
            }
        };
        bad.dedup();
        (Managed { language, region, sensitivity, trusted_contact, lock_settings }, bad)
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

    #[test]
    fn round_size_forty_three_one_leading_plus_as_the_enumerate_read_it() {
        // Size round 43: the leading `+` is taken by `strip_prefix` / `starts_with`,
        // not by the index of an `enumerate`; the same numbers accepted and refused.
        for (phone, ok) in [("+91 98765 43210", true), ("++91 98765 43210", false), ("91+98765 43210", false), ("(020) 2612-3456", true), ("+", false), ("+123456", false), ("+1234567", true)] {
            assert_eq!(TrustedContact::validated("Asha", phone).is_ok(), ok, "{phone}");
        }
        let tel = |phone: &str| TrustedContact { name: "Asha".into(), phone: phone.into() }.tel_uri();
        assert_eq!(tel("+91 98765-43210"), "tel:+919876543210");
        assert_eq!(tel("(020) 2612 3456"), "tel:02026123456");
        // Stored numbers are not checked again: only a first `+` is kept.
        assert_eq!(tel("++91 1+2"), "tel:+9112");
        assert_eq!(tel(" +91"), "tel:91");
    }

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

    #[test]
    fn writes_through_the_serde_derive_with_its_version() {
        let s = sample();
        let mut derived = serde_json::to_value(&s).unwrap();
        derived["version"] = json!(SETTINGS_VERSION);
        assert_eq!(s.to_stored().value(), derived);
        let (back, report) = Settings::read(&derived);
        assert_eq!(back, s);
        assert_eq!(report, ReadReport::default(), "the current layout needs no repair");
    }

    #[test]
    fn a_newer_version_is_read_and_reported_read_only() {
        let mut stored = sample().to_stored().value();
        for newer in [json!(3), json!(99), json!("3"), json!(3.0)] {
            stored["version"] = newer.clone();
            stored["a_field_from_the_future"] = json!({"x": 1});
            let (s, r) = Settings::read(&stored);
            assert!(r.read_only(), "{newer}");
            assert_eq!(s, sample(), "{newer}: what it can read is kept (PIN, contact, language)");
        }
    }

    #[test]
    fn wrong_types_are_repaired_field_by_field() {
        let pin = PinHash::new("1357", b"12345678").unwrap();
        let stored = json!({
            "version": "2",
            "language": "HI",
            "region": "USA",
            "sensitivity": " cautious",
            "trusted_contact": {"name": "Asha", "phone": 919876543210u64},
            "known_people": [{"key": "1", "name": "A"}, 5],
            "pin": {"algorithm": pin.algorithm, "salt": pin.salt, "iterations": pin.iterations.to_string(), "hash": pin.hash},
            "pin_locks_dismiss": 0,
        });
        let (s, r) = Settings::read(&stored);
        assert!(!r.read_only());
        assert_eq!(s.language, Some(Language::Hi));
        assert_eq!(s.region, Region::Usa);
        assert_eq!(s.sensitivity, Sensitivity::Cautious);
        assert_eq!(s.trusted_contact, Some(TrustedContact::validated("Asha", "919876543210").unwrap()));
        assert!(s.is_known("1"));
        assert!(s.pin.as_ref().unwrap().matches("1357"));
        assert!(!s.pin_locks_dismiss);
        for f in ["version", "language", "region", "sensitivity", "trusted_contact", "pin", "pin_locks_dismiss"] {
            assert!(r.repaired.contains(&f), "{f} in {:?}", r.repaired);
        }
        assert_eq!(r.dropped, ["known_people"]);
        assert!(r.needs_rewrite());
        // Written back, it is the current layout.
        assert_eq!(Settings::read(&s.to_stored().value()).1, ReadReport::default());
    }

    #[test]
    fn a_pin_stored_as_digits_is_kept_to_be_hashed() {
        for pin in [json!("2468"), json!(" 2468 ")] {
            let stored = json!({"version": 2, "language": "mr", "pin": pin});
            let (s, r) = Settings::read(&stored);
            assert_eq!(r.plain_pin.as_deref(), Some("2468"));
            assert_eq!(s.language, Some(Language::Mr));
            assert!(s.pin.is_none(), "the caller hashes it (it needs random salt)");
        }
        let record = PinHash::new("2468", b"saltsalt").unwrap();
        let as_text = serde_json::to_string(&record).unwrap();
        let (s, r) = Settings::read(&json!({"version": 2, "pin": as_text}));
        assert_eq!(s.pin, Some(record), "a record stored as JSON text");
        assert_eq!(r.repaired, ["pin"]);
    }

    #[test]
    fn a_broken_pin_record_still_locks_and_is_reported() {
        for broken in [json!(true), json!(17), json!("garbage"), json!({"salt": 5}), json!({"algorithm": "pbkdf2-sha256", "salt": "00", "iterations": 0, "hash": ""})] {
            let (s, r) = Settings::read(&json!({"version": 2, "pin": broken, "language": "hi"}));
            assert!(r.pin_broken, "{broken}");
            assert!(s.settings_locked() && s.pin_broken(), "{broken}");
            assert!(!s.pin_matches("") && !s.pin_matches("1234"), "{broken}");
            assert_eq!(s.language, Some(Language::Hi), "{broken}");
        }
    }

    #[test]
    fn managed_values_of_the_wrong_type_are_reported_and_truthy_numbers_lock() {
        let (m, bad) = Managed::read(&json!({"lock_settings": 1, "language": 5, "region": "mars", "trusted_contact_name": "Priya"}));
        assert!(m.lock_settings);
        assert_eq!(bad, ["language", "region", "trusted_contact_phone"]);
        assert!(!Managed::read(&json!({"lock_settings": 0})).0.lock_settings);
        let (m, bad) = Managed::read(&json!({"lock_settings": "yes"}));
        assert!(!m.lock_settings);
        assert_eq!(bad, ["lock_settings"]);
        assert_eq!(Managed::read(&json!({"lock_settings": true, "language": "hi"})).1, Vec::<&str>::new());
    }

    #[test]
    fn round_trips_through_storage() {
        let s = sample();
        let stored = s.to_stored().value();
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
        assert_eq!(s.to_stored().value()["version"], json!(2));
    }

    #[test]
    fn one_bad_field_keeps_the_others() {
        let mut stored = sample().to_stored().value();
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
