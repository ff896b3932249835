//! The stored schemas against golden values of every version
//! (tests/fixtures/state/, see its README): each old value migrates to the
//! current layout keeping every field; the current layout round-trips exactly;
//! a newer version is kept read-only; damaged values are repaired field by field.
#![cfg(not(target_arch = "wasm32"))]

use saavdhan::engine::{ContactFacts, FriendStatus, Level, Stage};
use saavdhan::state::contacts::{ContactStore, LoadNote, STORE_VERSION};
use saavdhan::state::pin::PBKDF2_SHA256;
use saavdhan::state::settings::{Language, ReadReport, Region, Sensitivity, Settings, SETTINGS_VERSION};
use saavdhan::state::warnings_log::WarningsLog;
use saavdhan::web::ui::memory;
use serde_json::{json, Value};

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/state/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))).unwrap()
}

/// 2026-11-25, after every date in the fixtures and within 180 days of them.
const NOW: i64 = 1_795_700_000;

#[test]
fn settings_v1_migrates_keeping_every_field() {
    let (s, r) = Settings::read(&fixture("settings_v1.json"));
    assert_eq!(r, ReadReport::default());
    assert_eq!(s.language, Some(Language::Hi));
    assert_eq!(s.region, Region::Usa);
    assert_eq!(s.trusted_contact.as_ref().map(|c| (c.name.as_str(), c.phone.as_str())), Some(("Sunil", "9876543210")));
    assert_eq!(s.sensitivity, Sensitivity::Cautious);
    assert!(s.is_known("fb:42"));
    assert_eq!(s.pin, None);
    assert!(s.pin_locks_dismiss, "a field v1 did not have takes its default");
    let stored = s.to_stored().value();
    assert_eq!(stored["version"], json!(SETTINGS_VERSION));
    assert_eq!(Settings::from_stored(&stored), s);
}

#[test]
fn settings_v2_round_trips_exactly() {
    let golden = fixture("settings_v2.json");
    let (s, r) = Settings::read(&golden);
    assert_eq!(r, ReadReport::default());
    assert_eq!(s.to_stored().value(), golden, "written back byte for byte (as JSON values)");
    let pin = s.pin.as_ref().unwrap();
    assert_eq!(pin.algorithm, PBKDF2_SHA256);
    assert!(pin.matches("2468") && !pin.matches("2469"), "a PBKDF2 record made by another implementation");
    assert!(!pin.needs_upgrade());
    assert_eq!((s.language, s.region, s.sensitivity, s.pin_locks_dismiss), (Some(Language::Mr), Region::Uk, Sensitivity::Cautious, false));
}

#[test]
fn settings_v2_with_the_old_sha256_pin_is_checked_then_upgraded() {
    let (s, r) = Settings::read(&fixture("settings_v2_sha256_pin.json"));
    assert_eq!(r, ReadReport::default());
    let old = s.pin.clone().unwrap();
    assert!(!old.is_broken() && old.needs_upgrade());
    assert!(old.matches("2468") && !old.matches("1234"), "the old record still opens once");
    // What settings_io::check_pin does after the right PIN: a new PBKDF2 record.
    let new = saavdhan::state::pin::PinHash::new("2468", b"fresh salt 16 by").unwrap();
    assert!(new.matches("2468") && !new.needs_upgrade());
    let upgraded = Settings { pin: Some(new), ..s.clone() };
    let back = Settings::from_stored(&upgraded.to_stored().value());
    assert_eq!(back, upgraded);
    assert_eq!(back.trusted_contact, s.trusted_contact);
    assert_eq!(back.known_people, s.known_people);
}

#[test]
fn settings_of_a_newer_version_are_read_and_kept_read_only() {
    let golden = fixture("settings_v3_newer.json");
    let (s, r) = Settings::read(&golden);
    assert_eq!(r.newer_version, Some(3));
    assert!(r.read_only());
    assert_eq!(s.language, Some(Language::Hi), "language kept");
    assert!(s.settings_locked() && s.pin_matches("2468"), "the PIN still locks");
    assert_eq!(s.trusted_contact.as_ref().map(|c| c.name.as_str()), Some("Asha"));
}

#[test]
fn settings_with_wrong_types_are_repaired_keeping_pin_contact_language() {
    let (s, r) = Settings::read(&fixture("settings_v2_wrong_types.json"));
    assert!(!r.read_only());
    assert_eq!(r.plain_pin.as_deref(), Some("2468"));
    assert!(r.repaired.contains(&"version") && r.repaired.contains(&"trusted_contact") && r.repaired.contains(&"pin_locks_dismiss"));
    assert!(r.dropped.is_empty(), "{:?}", r.dropped);
    assert_eq!(s.language, Some(Language::Hi));
    assert_eq!(s.trusted_contact.as_ref().map(|c| c.phone.as_str()), Some("9876543210"));
    assert!(s.is_known("fb:7"));
    assert!(s.pin_locks_dismiss);
}

#[test]
fn contacts_v1_migrates_with_activity_now() {
    let (store, notes) = ContactStore::<ContactFacts>::from_value(Some(&fixture("contacts_v1.json")), NOW);
    assert_eq!(notes, vec![LoadNote::Migrated { from: 1 }]);
    assert_eq!(store.version, STORE_VERSION);
    let f = store.get("fb:100090000000503").unwrap();
    assert_eq!(f.friend_status, Some(FriendStatus::NotFriends));
    assert_eq!(f.stages.iter().map(|s| s.stage).collect::<Vec<_>>(), [Stage::Contact, Stage::OffPlatform, Stage::Extortion]);
    assert_eq!(f.messages_seen, 41);
    assert_eq!(store.contacts["fb:100012345"].last_activity, NOW);
    let (again, _) = ContactStore::<ContactFacts>::from_value(Some(&store.to_stored().value()), NOW);
    assert_eq!(again, store);
}

#[test]
fn contacts_v2_round_trips_exactly() {
    let golden = fixture("contacts_v2.json");
    let (store, notes) = ContactStore::<ContactFacts>::from_value(Some(&golden), NOW);
    assert_eq!(notes, vec![LoadNote::Current]);
    assert_eq!(store.contacts.len(), 2);
    assert_eq!(store.to_stored().value(), golden);
    // The store is generic over serde: the same value read as plain JSON facts
    // (how the quota trimmer reads it) writes back the same.
    let (raw, _) = ContactStore::<Value>::from_value(Some(&golden), NOW);
    assert_eq!(raw.to_stored().value(), golden);
}

/// Issue 11: the conversation's age and when the contact was first seen, kept
/// per contact; a later visit gets them back. Values stored before these fields
/// existed (contacts_v2.json) read as before.
#[test]
fn contacts_v2_with_remembered_times_round_trip_and_come_back_on_a_later_visit() {
    use saavdhan::engine::time::parse;
    use saavdhan::engine::Contact;
    use saavdhan::session::memory::recall;
    let golden = fixture("contacts_v2_memory.json");
    let (store, notes) = ContactStore::<ContactFacts>::from_value(Some(&golden), NOW);
    assert_eq!(notes, vec![LoadNote::Current]);
    assert_eq!(store.to_stored().value(), golden);
    let f = store.get("fb:100090000000071").unwrap();
    assert_eq!(f.conversation_start.map(|t| t.unix()), parse("2026-11-02T08:01:00+05:30"));
    assert_eq!(f.earliest_message.map(|t| t.unix()), parse("2026-11-02T08:01:00+05:30"));
    assert_eq!(f.contact_first_seen.map(|t| t.unix()), parse("2026-11-20T10:00:00Z"));
    let now = Contact { first_seen: saavdhan::engine::time::Timestamp::parse_rfc3339("2026-11-24T12:00:00Z"), ..Contact::named("Kavita Deshmukh".into()) };
    let c = recall(now.clone(), Some(f));
    assert_eq!(c.conversation_start.map(|t| t.unix()), parse("2026-11-02T08:01:00+05:30"));
    assert_eq!(c.first_seen.map(|t| t.unix()), parse("2026-11-20T10:00:00Z"));
    // Facts stored before these fields existed: nothing remembered, nothing changed.
    let (old, _) = ContactStore::<ContactFacts>::from_value(Some(&fixture("contacts_v2.json")), NOW);
    let f = old.get("fb:100090000000503").unwrap();
    assert_eq!((f.conversation_start, f.earliest_message, f.contact_first_seen), (None, None, None));
    assert_eq!(recall(now.clone(), Some(f)), now);
}

#[test]
fn contacts_of_an_unknown_version_are_not_read() {
    let mut v = fixture("contacts_v2.json");
    v["version"] = json!(3);
    let (store, notes) = ContactStore::<ContactFacts>::from_value(Some(&v), NOW);
    assert!(store.contacts.is_empty());
    assert_eq!(notes, vec![LoadNote::UnknownVersion(Some(3))]);
}

#[test]
fn warnings_log_v1_round_trips_exactly() {
    let golden = fixture("warnings_log_v1.json");
    let log = WarningsLog::from_stored(&golden);
    assert_eq!(log.entries.len(), 2);
    assert_eq!(log.latest(1).next().map(|e| (e.level, e.stage)), Some((Level::Danger, Stage::Extortion)));
    assert_eq!(log.to_stored().value(), golden);
}

#[test]
fn warning_memory_v1_round_trips_exactly() {
    let golden = fixture("warning_ui_v1.json");
    let m = memory::Memory::from_stored(&golden);
    assert_eq!(m.get("fb:100090000000503").shown, 3);
    assert!(m.get("fb:100012345").danger_unlocked);
    assert_eq!(m.to_stored().value(), golden);
}
