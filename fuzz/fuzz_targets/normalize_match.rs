//! Fuzz target: the normaliser (idempotent, offsets on char boundaries) and the
//! matcher + tracker on arbitrary bytes read as lossy UTF-8.
#![no_main]
use libfuzzer_sys::fuzz_target;
use saavdhan::engine::normalize::normalize_mapped;
use saavdhan::engine::{normalize, Contact, Engine, FriendStatus, Message, MessageKind, Sender, Tracker, Tuning};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let once = normalize(&text);
    assert_eq!(normalize(&once), once, "normalise is not idempotent");
    let m = normalize_mapped(&text);
    if let Some((a, b)) = m.original_range(0, m.text.len()) {
        assert!(a <= b && text.is_char_boundary(a) && text.is_char_boundary(b));
    }
    let engine = Engine::builtin();
    for hit in engine.scan(&text) {
        assert!(hit.rule < engine.rules().len());
    }
    let contact = Contact { friend_status: FriendStatus::RequestReceived, mutual_friends: Some(0), joined: Some("2026".into()),
        ..Contact::named("f".into()) };
    let mut t = Tracker::new(contact, Tuning::default(), None);
    t.push(&Message { from: Sender::Them, author: None, at: None, kind: MessageKind::Text, text: Some(text.clone().into_owned()) });
    // The same text again as the next short message: the split reading must not panic.
    t.push(&Message { from: Sender::Them, author: None, at: None, kind: MessageKind::Text, text: Some(text.into_owned()) });
    let _ = t.facts();
});
