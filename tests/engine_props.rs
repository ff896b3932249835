//! Property tests: the normaliser is idempotent and total on arbitrary Unicode; the
//! matcher and the tracker never panic and quote only real slices of the message.
use proptest::prelude::*;
use saavdhan::engine::normalize::normalize_mapped;
use saavdhan::engine::{normalize, Contact, Engine, FriendStatus, Message, MessageKind, Sender, Tuning, Tracker};

/// Text built from the characters the normaliser treats specially.
fn tricky() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "A", "w", "h", "t", "s", "p", "e", "0", "1", "3", "4", "5", "7", "@", "$", ".", "-", "_", "*", "'", " ", "  ",
        "\u{200B}", "\u{200D}", "\u{FEFF}", "а", "е", "о", "Ν", "ν", "μ", "İ", "ß", "ǅ", "℡", "ﬁ", "Ｗ", "𝐰", "́", "क़", "ज़",
        "़", "ँ", "ं", "्", "०", "९", "₹", "।", "🌹", "\n", "ll", "ooo", "x y z", "9", "2",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn contact() -> Contact {
    Contact { friend_status: FriendStatus::RequestReceived, mutual_friends: Some(0), ..Contact::named("x".into()) }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalize_is_idempotent_on_arbitrary_unicode(s in any::<String>()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn normalize_is_idempotent_on_tricky_text(s in tricky()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn mapping_points_at_char_boundaries(s in tricky()) {
        let m = normalize_mapped(&s);
        for start in 0..m.text.len() {
            if let Some((a, b)) = m.original_range(start, (start + 3).min(m.text.len())) {
                prop_assert!(a <= b && b <= s.len() && s.is_char_boundary(a) && s.is_char_boundary(b));
            }
        }
    }

    #[test]
    fn matcher_and_tracker_never_panic(s in any::<String>(), t in tricky(), secs in any::<i64>()) {
        let engine = Engine::builtin();
        for text in [&s, &t] {
            for h in engine.scan(text) {
                prop_assert!(h.rule < engine.rules().len());
            }
        }
        let mut tr = Tracker::new(contact(), Tuning::default(), None);
        // Any text as a time is refused at the edge or read; any seconds in range are kept.
        let json = serde_json::json!({"from": "them", "at": s, "text": t.clone() + &s}).to_string();
        if let Ok(m) = serde_json::from_str::<Message>(&json) {
            tr.push(&m);
        }
        let at = saavdhan::engine::time::Timestamp::try_from_unix(secs);
        tr.push(&Message { from: Sender::Them, author: None, at, kind: MessageKind::Text, text: Some(t.clone() + &s) });
        tr.push(&Message { from: Sender::Them, author: None, at: None, kind: MessageKind::MissedVideoCall, text: None });
        let _ = tr.facts();
    }
}

#[path = "support/normalize_reference.rs"]
mod normalize_reference;

/// The tricky pieces and whole words, punctuation and abbreviations (the single-pass
/// normaliser's fast path for plain ASCII words and its run of single letters).
fn tricky_words() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "B", "vdo", "UR", "Hello", "ab", "wtsp", "pLZ", "nbr", "noo", "!", "?", ",", ".", "'", "-", "@", "5", " ", " ", "  ",
        "\u{200B}", "а", "ﬁ", "Ｗ", "क़", "्", "ं", "🌹", "\n", "ll", "x y z", "é", "ß",
        "O", "I", "l", "2", "k", "3O,OOO", "।", "ல", "ক", "ವಿ", "8 0 0", "9 ", "11", "ca11", "ಡಿ ", "ಲ್", "ి", "ఈ ", "வீ", "ਵੀ ",
        // Whole Devanagari words (the fast path for a word the fold leaves as it is) and
        // what makes one fall back: a nukta, a candrabindu, a digit, a danda, a letter twice.
        "नंबर", "मेरा ", "सुप्रभात", "है", "कर", "स्त्री", "कक", "क़ल", "हँस", "१२", "वीडियो।", "नया!", "बदल.", "सेव-", "क्\u{200D}ष",
        // An "@" alone among spaced letters (round thirty-two): after a wider gap, before or
        // after digits, twice, next to an "a" it may collapse into.
        " @ ", "  @ ", " @  ", " @ 9", " @ 5 ", "a b c", " h @ t s ", "8 @ ", " a @ ", " d 4 t a ", " 9 8 7",
    ]);
    prop::collection::vec(prop_oneof![pieces.prop_map(String::from), tricky()], 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// The single-pass normaliser gives exactly what the three-pass one it replaced
    /// gave: the same text and the same map back to the original, byte for byte.
    #[test]
    fn single_pass_equals_the_reference_on_tricky_text(s in tricky_words()) {
        let (a, b) = (normalize_mapped(&s), normalize_reference::normalize_mapped(&s));
        prop_assert_eq!(&a.text, &b.text);
        prop_assert_eq!(a.source_map(), &b.src[..]);
    }

    #[test]
    fn single_pass_equals_the_reference_on_arbitrary_unicode(s in any::<String>()) {
        let (a, b) = (normalize_mapped(&s), normalize_reference::normalize_mapped(&s));
        prop_assert_eq!(&a.text, &b.text);
        prop_assert_eq!(a.source_map(), &b.src[..]);
    }
}

#[test]
fn single_pass_equals_the_reference_on_the_rules_examples_and_corpus_words() {
    let mut samples: Vec<String> = saavdhan::engine::bench::SAMPLES.iter().map(|s| s.to_string()).collect();
    for f in std::fs::read_dir("rules").unwrap() {
        samples.extend(std::fs::read_to_string(f.unwrap().path()).unwrap().lines().map(String::from));
    }
    samples.extend(
        ["hello!! wh@ts@pp... no.", "H E L L O  there", "a b c d", "aa b c", "don't!", "v!deo c4ll, hello!", "x.y.z", "pleeease!.", "r u ok", "Ok.!", "ab!c", "hi!5", "3O,OOO", "4I772", "20k", "c4ll", "10lakh",
         "w h @ t s @ p p n0", "a b c  @ d 4 e f", "w h @ t s @ 9 8 7 6", "w h @ t s 5 @ 9", "8 @ x y z", "а @।x y z", "p @ y", "w h @ @ t s"]
            .iter()
            .map(|s| s.to_string()),
    );
    for s in &samples {
        let (a, b) = (normalize_mapped(s), normalize_reference::normalize_mapped(s));
        assert_eq!(a.text, b.text, "{s:?}");
        assert_eq!(a.source_map(), &b.src[..], "{s:?}");
    }
}
