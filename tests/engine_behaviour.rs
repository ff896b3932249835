//! Behaviour of the engine API: incremental = whole thread, resuming from facts,
//! contact updates, adversarial input, the SMS false-alarm check.
use saavdhan::engine::{
    assess, assess_with, Contact, ContactFacts, Conversation, FriendStatus, Level, Message, MessageKind, Sender, Tuning,
    Stage, Tracker,
};
use saavdhan::engine::time::Timestamp;
use std::path::PathBuf;

fn corpus() -> Vec<(String, Conversation)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| (p.display().to_string(), serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap()))
        .collect();
    v.sort_by(|a: &(String, Conversation), b| a.0.cmp(&b.0));
    v
}

fn msg(from: Sender, at: &str, text: &str) -> Message {
    Message { from, author: None, at: Timestamp::parse_rfc3339(at), kind: MessageKind::Text, text: Some(text.into()) }
}

fn stranger_friend() -> Contact {
    Contact {
        friend_status: FriendStatus::Friends,
        friends_since: Timestamp::parse_date_or_time("2026-11-01T10:00:00+05:30"),
        mutual_friends: Some(0),
        joined: Some("2026-09".into()),
        ..Contact::named("Anushka".into())
    }
}

/// Levels never go down while messages arrive, `first_warning_at` names the message
/// after which the level first reached warning, and the cautious setting is never
/// below the default at any point.
#[test]
fn levels_only_rise_and_first_warning_names_its_message() {
    for (name, conv) in corpus() {
        let mut t = Tracker::new(conv.contact.clone(), Tuning::default(), None);
        let mut c = Tracker::new(conv.contact.clone(), Tuning { cautious: true }, None);
        let mut prev = Level::None;
        let mut first = None;
        for (i, m) in conv.messages.iter().enumerate() {
            let l = t.push(m).level;
            assert!(l >= prev, "{name}: level fell at message {i}");
            assert!(c.push(m).level >= l, "{name}: cautious below default at message {i}");
            if l >= Level::Warning && first.is_none() {
                first = Some(i);
            }
            prev = l;
        }
        assert_eq!(t.assessment().first_warning_at, first, "{name}");
    }
}

#[test]
fn profile_learnt_later_gives_the_same_result() {
    for (name, conv) in corpus() {
        let blank = Contact { friend_status: FriendStatus::Unknown, friends_since: None, mutual_friends: None,
            friend_count: None, joined: None, ..conv.contact.clone() };
        let mut t = Tracker::new(blank, Tuning::default(), None);
        for m in &conv.messages {
            t.push(m);
        }
        let late = t.update_contact(conv.contact.clone()).clone();
        let whole = assess(&conv);
        assert_eq!((late.level, late.stage), (whole.level, whole.stage), "{name}");
    }
}

#[test]
fn resume_from_facts_warns_as_if_the_thread_were_present() {
    let day1 = [
        msg(Sender::Them, "2026-11-02T08:00:00+05:30", "Good morning dear 🌹"),
        msg(Sender::Them, "2026-11-02T08:05:00+05:30", "Where do you live? Are you married?"),
        msg(Sender::Them, "2026-11-02T08:06:00+05:30", "Aap bahut handsome ho ji"),
    ];
    let day4 = msg(Sender::Them, "2026-11-05T21:00:00+05:30", "Aapka WhatsApp number milega?");
    // A friend of two weeks with one mutual friend: day 1 alone is only a notice.
    let stranger_friend = || Contact { friends_since: Timestamp::parse_date_or_time("2026-10-20T10:00:00+05:30"), mutual_friends: Some(1),
        joined: Some("2020".into()), ..stranger_friend() };
    // Whole thread, day 1 and day 4 together.
    let whole = Conversation { contact: stranger_friend(), messages: day1.iter().cloned().chain([day4.clone()]).collect() };
    let expected = assess(&whole);
    assert_eq!(expected.level, Level::Warning);
    assert_eq!(expected.first_warning_at, Some(3));

    // Day 1, then the browser persists the facts (as JSON) and the page reloads.
    let mut t1 = Tracker::new(stranger_friend(), Tuning::default(), None);
    for m in &day1 {
        t1.push(m);
    }
    assert_eq!(t1.assessment().level, Level::Notice);
    let stored = serde_json::to_string(&t1.facts()).unwrap();
    for m in &day1 {
        assert!(!stored.contains(m.text.as_deref().unwrap()), "facts hold message text: {stored}");
    }
    assert!(!stored.contains("handsome") && !stored.contains("married"));
    let facts: ContactFacts = serde_json::from_str(&stored).unwrap();
    assert_eq!(facts.messages_seen, 3);
    assert_eq!(facts.stages[0].stage, Stage::Grooming);

    // Day 4: the thread view shows only the new message, and no profile details.
    let bare = Contact::named("Anushka".into());
    let mut t2 = Tracker::new(bare, Tuning::default(), Some(facts.clone()));
    let a = t2.push(&day4).clone();
    assert_eq!((a.level, a.stage), (expected.level, expected.stage));
    assert_eq!(a.first_warning_at, Some(0));
    let remembered = a.evidence.iter().find(|e| e.matched.starts_with("earlier visit")).unwrap();
    assert_eq!(remembered.message, None);
    // And the same through assess_with.
    let only_new = Conversation { contact: stranger_friend(), messages: vec![day4] };
    assert_eq!(assess_with(&only_new, Tuning::default(), Some(&facts)).level, expected.level);
    // Facts survive unknown future fields and missing fields.
    let v: ContactFacts = serde_json::from_str(r#"{"version": 9, "new_thing": 1}"#).unwrap();
    assert_eq!(v.messages_seen, 0);
}

#[test]
fn stranger_asking_whatsapp_warns_but_old_friend_does_not() {
    let ask = msg(Sender::Them, "2026-11-04T10:00:00+05:30", "Send me your WhatsApp number dear");
    let c = Conversation { contact: stranger_friend(), messages: vec![ask.clone()] };
    assert_eq!(assess(&c).level, Level::Warning);
    let old = Contact { friends_since: Timestamp::parse_date_or_time("2017-11-01T10:00:00+05:30"), mutual_friends: Some(40),
        joined: Some("2010".into()), ..stranger_friend() };
    assert!(assess(&Conversation { contact: old, messages: vec![ask] }).level < Level::Warning);
}

#[test]
fn greetings_alone_are_at_most_notice_even_from_a_stranger() {
    let contact = Contact { friend_status: FriendStatus::RequestReceived, ..stranger_friend() };
    let messages = (0..30)
        .map(|i| msg(Sender::Them, &format!("2026-11-{:02}T08:00:00+05:30", 2 + i % 20), "Good morning dear 🌹 have a nice day"))
        .collect();
    let a = assess(&Conversation { contact, messages });
    assert_eq!(a.level, Level::Notice);
}

#[test]
fn threat_with_money_is_danger_from_anyone_and_cautious_warns_earlier() {
    let old = Contact { friends_since: Timestamp::parse_date_or_time("2012-01-01T10:00:00+05:30"), mutual_friends: Some(50), ..stranger_friend() };
    let c = Conversation { contact: old, messages: vec![msg(Sender::Them, "2026-11-04T10:00:00+05:30",
        "Paise do warna video viral kar denge, 5000 rs gpay karo")] };
    assert_eq!(assess(&c).level, Level::Danger);

    // Nothing known is not trusted: the ask warns (issue 12). A shared history of
    // months in the same thread makes it a notice, and cautious a warning again.
    let unknown = Contact { friend_status: FriendStatus::Unknown, friends_since: None, mutual_friends: None, joined: None, ..stranger_friend() };
    let ask = msg(Sender::Them, "2026-11-04T10:00:00+05:30", "Apna WhatsApp number do na");
    let c = Conversation { contact: unknown.clone(), messages: vec![ask.clone()] };
    assert_eq!(assess(&c).level, Level::Warning);
    let history = Conversation { contact: unknown, messages: vec![msg(Sender::Me, "2026-04-01T10:00:00+05:30", "Happy Holi!"), ask] };
    assert_eq!(assess(&history).level, Level::Notice);
    assert_eq!(assess_with(&history, Tuning { cautious: true }, None).level, Level::Warning);
}

#[test]
fn call_events_count_only_with_suspicious_contacts_and_messages_may_lack_time() {
    let call = Message { from: Sender::Them, author: None, at: None, kind: MessageKind::MissedVideoCall, text: None };
    let a = assess(&Conversation { contact: Contact { friend_status: FriendStatus::RequestReceived, ..stranger_friend() }, messages: vec![call.clone()] });
    assert_eq!(a.stage, Stage::VideoCall);
    let grandson = Contact { friends_since: Timestamp::parse_date_or_time("2015-01-01T10:00:00+05:30"), mutual_friends: Some(20), ..stranger_friend() };
    let a = assess(&Conversation { contact: grandson, messages: vec![msg(Sender::Them, "2026-11-04T10:00:00+05:30", "hi"), call] });
    assert!(a.stage < Stage::VideoCall && a.level == Level::None);
}

#[test]
fn homoglyphs_and_huge_messages() {
    let c = Conversation { contact: stranger_friend(), messages: vec![
        msg(Sender::Them, "2026-11-04T10:00:00+05:30", "Send me your Wh\u{0430}tsApp numb\u{0435}r dear")] };
    let a = assess(&c);
    assert_eq!(a.level, Level::Warning);
    assert!(a.evidence.iter().any(|e| e.matched.contains("Wh\u{0430}tsApp")));

    // A 1 MB message: handled, and the cue buried at its end is still found.
    let mut big = "क ख ग a b c 🌹 ".repeat(60_000);
    let mut cut = 1 << 20;
    while !big.is_char_boundary(cut) {
        cut -= 1;
    }
    big.truncate(cut);
    big.push_str(" send me your whatsapp number");
    let c = Conversation { contact: stranger_friend(), messages: vec![msg(Sender::Them, "2026-11-04T10:00:00+05:30", &big)] };
    assert_eq!(assess(&c).level, Level::Warning);
    let zw = "\u{200B}".repeat(1 << 18);
    let _ = assess(&Conversation { contact: stranger_friend(), messages: vec![msg(Sender::Them, "2026-11-04T10:00:00+05:30", &zw)] });
}

#[test]
fn the_conversation_format_rejects_missing_fields_by_name() {
    let e = serde_json::from_str::<Conversation>(r#"{"contact": {"name": "x"}, "messages": []}"#).unwrap_err();
    assert!(e.to_string().contains("friend_status"), "{e}");
    let ok: Conversation = serde_json::from_str(
        r#"{"contact": {"name": "x", "friend_status": "unknown", "extra": 1}, "messages": [{"from": "them", "text": "hi"}], "expect": {}}"#,
    ).unwrap();
    assert_eq!(ok.messages[0].kind, MessageKind::Text);
}

/// Every ham message of the SMS Spam Collection, as a one-message thread from a
/// friend whose profile shows nothing more: none may reach `warning` (nor `danger`).
#[test]
fn sms_ham_from_a_friend_never_warns() {
    // Vendored with its attribution (CC BY 4.0): tests/data/sms-ham/ATTRIBUTION.md.
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/sms-ham/ham.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let friend = Contact { friend_status: FriendStatus::Friends, ..Contact::named("Friend".into()) };
    let mut ham = 0;
    let mut alarms = Vec::new();
    for line in text.lines() {
        let Some(body) = line.strip_prefix("ham\t") else { continue };
        ham += 1;
        let c = Conversation { contact: friend.clone(), messages: vec![msg(Sender::Them, "2026-11-04T10:00:00+05:30", body)] };
        let a = assess(&c);
        if a.level >= Level::Warning {
            alarms.push(format!("{:?}: {body}", a.level));
        }
    }
    assert!(ham > 4000, "only {ham} ham lines");
    assert!(alarms.is_empty(), "{} of {ham} ham messages warned:\n{}", alarms.len(), alarms.join("\n"));
}

/// The worked example in README "How it decides", message by message.
#[test]
fn the_readme_example_reaches_each_level_where_the_readme_says() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/readme_example.json");
    let conv: Conversation = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut t = Tracker::new(conv.contact.clone(), Tuning::default(), None);
    let levels: Vec<Level> = conv.messages.iter().map(|m| t.push(m).level).collect();
    assert_eq!(levels, [Level::None, Level::Notice, Level::Warning, Level::Warning, Level::Warning, Level::Danger]);
    // The same call placed by the user, a year after the ask, is no step of the chain.
    let mut late = conv.clone();
    late.messages.truncate(3);
    late.messages.push(Message { from: Sender::Me, author: None, at: Timestamp::parse_date_or_time("2027-12-01T10:00:00+05:30"), kind: MessageKind::VideoCall, text: None });
    let a = assess(&late);
    assert!(a.stage < Stage::VideoCall, "{a:?}");
}

/// Issue 12: an intent is read across messages only within one burst of the contact's
/// short messages (a reply in between ends it), and never completed by an ambiguous
/// short form ("rs", "do", "min") from another message.
#[test]
fn split_intents_need_one_burst_and_real_words() {
    let call = Message { from: Sender::Them, author: None, at: saavdhan::engine::time::Timestamp::parse_rfc3339("2026-11-04T22:00:00+05:30"), kind: MessageKind::MissedVideoCall, text: None };
    let them = |at: &str, t: &str| msg(Sender::Them, at, t);
    let level = |msgs: Vec<Message>| assess(&Conversation { contact: stranger_friend(), messages: msgs }).level;
    // Three lines of one threat, one after the other: the threat.
    let burst = vec![them("2026-11-04T10:00:00+05:30", "Tumhara video mere paas hai"), them("2026-11-04T10:01:00+05:30", "sabko bhej dungi")];
    assert_eq!(level(burst.clone()), Level::Danger);
    // The same two lines with the user's reply between them: an answer, not one sentence.
    let answered = vec![burst[0].clone(), msg(Sender::Me, "2026-11-04T10:00:30+05:30", "kya?"), burst[1].clone()];
    assert!(level(answered) < Level::Danger);
    // After a call: "send it" then an amount word completes a demand; "rs" does not.
    let lakh = vec![call.clone(), them("2026-11-04T22:10:00+05:30", "Send it today"), them("2026-11-04T22:11:00+05:30", "2 lakh")];
    assert_eq!(level(lakh), Level::Danger);
    let rs = vec![call, them("2026-11-04T22:10:00+05:30", "Send it today"), them("2026-11-04T22:11:00+05:30", "bas 50 rs ka hai")];
    assert_eq!(level(rs), Level::Warning);
}

/// Issue 12 item 2: months of two-way chat make a friend; a threat-like line and a
/// money word an hour apart from them are no demand, but an explicit threat with a
/// demand still is danger from anyone.
#[test]
fn a_long_two_way_history_is_a_friend_but_an_explicit_demand_is_still_danger() {
    let friend = Contact { friend_status: FriendStatus::Unknown, friends_since: None, mutual_friends: None, joined: None, ..stranger_friend() };
    let mut history = Vec::new();
    for day in 0..25 {
        let at = |h: u32| format!("2025-{:02}-{:02}T{h:02}:00:00+05:30", 1 + day / 5, 1 + (day % 5) * 5);
        history.push(msg(Sender::Them, &at(10), "khana kha liya?"));
        history.push(msg(Sender::Me, &at(11), "haan abhi"));
    }
    let with = |extra: &[(&str, &str)]| {
        let mut m = history.clone();
        m.extend(extra.iter().map(|(at, t)| msg(Sender::Them, at, t)));
        assess(&Conversation { contact: friend.clone(), messages: m }).level
    };
    // Five months on: an ask for the number is nothing from this friend.
    assert_eq!(with(&[("2025-06-01T10:00:00+05:30", "Apna WhatsApp number do na")]), Level::None);
    // A threat-like line, then money talk over an hour later: not one demand.
    let apart = with(&[
        ("2025-06-01T10:00:00+05:30", "Tumhara video sabko bhej dungi lol"),
        ("2025-06-01T11:30:00+05:30", "Mere account mein 20 hazar transfer karo, fees bharni hai kal"),
        ("2025-06-01T11:31:00+05:30", "Mere account mein 2 hazar transfer karo"),
    ]);
    assert!(apart < Level::Warning, "{apart:?}");
    // Threat and demand together, even from this friend (a hacked account): danger.
    assert_eq!(with(&[("2025-06-01T10:00:00+05:30", "Paise do warna video viral kar denge, 5000 rs gpay karo")]), Level::Danger);
    // The same history written by one side only is not a friendship.
    let one_sided: Vec<Message> = history.iter().filter(|m| m.from == Sender::Them).cloned().collect();
    let mut m = one_sided;
    m.push(msg(Sender::Them, "2025-06-01T10:00:00+05:30", "Apna WhatsApp number do na"));
    assert!(assess(&Conversation { contact: friend.clone(), messages: m }).level >= Level::Notice);
}

/// Issue 12 item 1: a threat word about somebody else's video (an event, a song) with a
/// money word is not extortion; the same aimed at the user (his video, his family, the
/// "or else" of a demand on him) is danger from anyone.
#[test]
fn danger_from_anyone_needs_the_threat_aimed_at_the_user() {
    let old = Contact { friends_since: saavdhan::engine::time::Timestamp::parse_rfc3339("2012-01-01T10:00:00+05:30"), mutual_friends: Some(50), ..stranger_friend() };
    let unknown = Contact { friend_status: FriendStatus::Unknown, friends_since: None, mutual_friends: None, joined: None, ..stranger_friend() };
    let one = |contact: &Contact, text: &str| {
        assess(&Conversation { contact: contact.clone(), messages: vec![msg(Sender::Them, "2026-11-04T10:00:00+05:30", text)] }).level
    };
    let event = "Function ka video youtube pe daal denge, sab dekhenge. Editor ko 2000 rs bhejo";
    assert!(one(&old, event) < Level::Warning, "{:?}", one(&old, event));
    assert!(one(&unknown, event) < Level::Danger);
    for aimed in [
        "Tumhara video youtube pe daal denge, sab dekhenge. 2000 rs bhejo",
        "Your video goes to your wife and everyone on facebook. Send 20000 rs by gpay",
        "तुमचा व्हिडिओ सगळ्यांना पाठवेन, 10000 रुपये पाठवा",
    ] {
        assert_eq!(one(&old, aimed), Level::Danger, "{aimed}");
        assert_eq!(one(&unknown, aimed), Level::Danger, "{aimed}");
    }
}

/// Issue 12 item 3: advice passed on ("if anyone asks, don't pay, call 1930") quotes
/// the threat and the demand; it is not the sender's own, in any language.
#[test]
fn advice_about_the_scam_is_not_the_senders_threat() {
    let unknown = Contact { friend_status: FriendStatus::Unknown, friends_since: None, mutual_friends: None, joined: None, ..stranger_friend() };
    for advice in [
        "If anyone asks you to pay 5000 rs on gpay or they will send your video to your family, never pay, call 1930",
        "अगर कोई कहे कि तुम्हारा वीडियो सबको भेज देंगे, 10000 रुपये भेजो, तो पैसे मत देना, 1930 पर शिकायत करें",
        "ಯಾರಾದರೂ ಕೇಳಿದರೆ ಹಣ ಕೊಡಬೇಡಿ: ನಿಮ್ಮ ವಿಡಿಯೋ ಎಲ್ಲರಿಗೂ ಕಳಿಸ್ತೀನಿ, 10000 ರೂಪಾಯಿ ಕಳಿಸಿ ಅಂತಾರೆ",
    ] {
        let a = assess(&Conversation { contact: unknown.clone(), messages: vec![msg(Sender::Them, "2026-11-04T10:00:00+05:30", advice)] });
        assert!(a.level < Level::Warning, "{advice}: {:?}", a.level);
    }
}

/// Issue 12 (w6): someone explaining the whole chain in one burst, each message naming
/// two stages or more (the move off Facebook, the video call, the recording and threat),
/// with no call of theirs before it, is telling about the scam; the same steps taken
/// one message at a time are the chain.
#[test]
fn the_whole_chain_told_at_once_is_an_explanation_but_its_steps_one_by_one_are_the_chain() {
    let unknown = Contact { friend_status: FriendStatus::Unknown, friends_since: None, mutual_friends: None, joined: None, ..stranger_friend() };
    let told = [
        "First a pretty girl says are you alone, video call me. On the call a naked video plays and they screen record your face.",
        "Then they send you the clip and say pay 5000 or we send it to your friends and family. Before that they ask your WhatsApp number.",
    ];
    let at = ["2026-11-04T10:00:00+05:30", "2026-11-04T10:01:00+05:30", "2026-11-04T10:02:00+05:30", "2026-11-04T10:03:00+05:30"];
    let c = Conversation { contact: unknown.clone(), messages: told.iter().zip(at).map(|(t, a)| msg(Sender::Them, a, t)).collect() };
    let a = assess(&c);
    assert!(a.level < Level::Danger, "{:?}", a);
    let steps = ["Send me your WhatsApp number dear", "are you alone? video call me", "I have screen recorded everything", "pay 5000 or I send your video to your family"];
    let c = Conversation { contact: unknown.clone(), messages: steps.iter().zip(at).map(|(t, a)| msg(Sender::Them, a, t)).collect() };
    assert_eq!(assess(&c).level, Level::Danger);
    // One message that asks, invites and threatens at once is the demand, not an account
    // of it (the e2e edit test turns a friend's line into this).
    let all_in_one = "Send me your WhatsApp number now. I will video call you, pay 5000 rupees or your video goes viral";
    let c = Conversation { contact: unknown.clone(), messages: vec![msg(Sender::Them, at[0], all_in_one)] };
    assert!(assess(&c).level >= Level::Warning);
    // Told to a whole group in one message, the same chain is an account of it.
    let family = Contact { group: true, ..unknown };
    let told = "First she asks your WhatsApp number and says are you alone, video call me. They screen record it and say pay 5000 or the video goes to your family";
    let mut m = msg(Sender::Them, at[0], told);
    m.author = Some("Gurpreet".into());
    assert!(assess(&Conversation { contact: family, messages: vec![m] }).level < Level::Danger);
}

/// Issue 12 item 2: after a video call with someone who offered a service, money
/// without a threat is a fee. A compliment and "are you alone?" before it do not make it
/// extortion (a wife away at her sister's says as much, w7): a warning. The chain does:
/// the move off Facebook before the call, or "I recorded it" after it.
#[test]
fn a_fee_after_a_video_call_is_a_fee() {
    let unknown = Contact { friend_status: FriendStatus::Unknown, friends_since: None, mutual_friends: None, joined: None, ..stranger_friend() };
    let call = Message { from: Sender::Them, author: None, at: saavdhan::engine::time::Timestamp::parse_rfc3339("2026-11-04T10:00:00+05:30"), kind: MessageKind::VideoCall, text: None };
    let fee = msg(Sender::Them, "2026-11-04T10:30:00+05:30", "Measurements done. 1500 rs gpay kar do");
    let a = assess(&Conversation { contact: unknown.clone(), messages: vec![call.clone(), fee.clone()] });
    assert!(a.level < Level::Danger, "{:?}", a.level);
    let groomed = vec![msg(Sender::Them, "2026-11-04T09:00:00+05:30", "You look so handsome, are you alone?"), call.clone(), fee.clone()];
    let a = assess(&Conversation { contact: unknown.clone(), messages: groomed.clone() });
    assert_eq!(a.level, Level::Warning);
    let mut moved = groomed.clone();
    moved.insert(1, msg(Sender::Them, "2026-11-04T09:05:00+05:30", "Send me your WhatsApp number dear"));
    assert_eq!(assess(&Conversation { contact: unknown.clone(), messages: moved }).level, Level::Danger);
    let mut recorded = groomed;
    recorded.insert(2, msg(Sender::Them, "2026-11-04T10:20:00+05:30", "I have screen recorded everything"));
    assert_eq!(assess(&Conversation { contact: unknown, messages: recorded }).level, Level::Danger);
}

/// "Aimed at the user" ("your" … "video", here completed across an ask and the next
/// line) only qualifies a threat: it is never evidence of its own, so the first
/// extortion evidence — the message the banner quotes — is the threat itself.
#[test]
fn the_extortion_evidence_is_the_threat_not_an_aimed_qualifier() {
    let conv = Conversation {
        contact: Contact { friend_status: FriendStatus::NotFriends, mutual_friends: Some(0), ..Contact::named("Neha".into()) },
        messages: vec![
            msg(Sender::Them, "2026-11-20T07:02:00Z", "Good morning dear 🌹"),
            msg(Sender::Me, "2026-11-20T07:03:00Z", "Good morning"),
            msg(Sender::Them, "2026-11-21T20:15:00Z", "Please share your WhatsApp number"),
            msg(Sender::Them, "2026-11-21T20:15:00Z", "Hello, if you're alone, then video call me"),
            msg(Sender::Them, "2026-11-22T21:41:00Z", "I have recorded your video call. Pay 10000 rupees now or I will send the video to all your friends and family."),
        ],
    };
    let a = assess(&conv);
    assert_eq!(a.level, Level::Danger);
    let first = a.evidence.iter().find(|e| e.stage == Stage::Extortion && e.message.is_some()).expect("extortion evidence");
    assert_eq!(first.message, Some(4), "{:?}", a.evidence);
    assert!(a.evidence.iter().all(|e| !e.rule.contains(".aimed.")), "{:?}", a.evidence);
}

/// Within one message the cues are weighed in a fixed order whatever the order of the
/// words (the tracker's `context_first`): a bare amount last, so that it is a demand
/// when the same message says "your video is with me", before or after the number.
#[test]
fn a_bare_amount_is_weighed_after_the_recording_said_in_the_same_message() {
    let one = |text: &str| assess(&Conversation { contact: stranger_friend(), messages: vec![msg(Sender::Them, "2026-11-04T22:00:00+05:30", text)] });
    for text in ["Tumhara video mere paas hai. 20000", "20000. Your video is with me"] {
        let a = one(text);
        assert_eq!((a.level, a.stage), (Level::Danger, Stage::Extortion), "{text}");
    }
}

/// Issue 12 (w7): "write to me there" with the contact's own number or id is the move off
/// Facebook with no app named; the same verb with no number, or a number to pay on, is not.
#[test]
fn write_to_me_there_with_a_number_is_the_move_off_facebook() {
    let unknown = Contact { friend_status: FriendStatus::Unknown, friends_since: None, mutual_friends: None, joined: None, ..stranger_friend() };
    let one = |t: &str| assess(&Conversation { contact: unknown.clone(), messages: vec![msg(Sender::Them, "2026-11-04T10:00:00+05:30", t)] }).level;
    assert_eq!(one("ये मेरा नंबर है 98765 40588, इस पर hi भेजो ना"), Level::Warning);
    assert_eq!(one("this is mine 98765 47730, msg me there also"), Level::Warning);
    assert!(one("msg me when you reach home") < Level::Warning);
    assert!(one("98765 40588 is par gpay kar do") < Level::Warning);
}

/// Issue 12 (real chats): a long text — a club's contest notice, a pasted story — is a
/// broadcast, read like a forward: its "send the video on 70148…" and "win 3000" are not
/// the sender's ask or demand. The same words in a short line are.
#[test]
fn a_long_broadcast_is_read_like_a_forward() {
    let unknown = Contact { friend_status: FriendStatus::Unknown, friends_since: None, mutual_friends: None, joined: None, ..stranger_friend() };
    let short = "Send your video on WhatsApp 98765 40588 or I will post it on insta, pay 3000";
    let filler = " Prepare a short act, dialogue or mime for the club's online contest and mention your name, branch, year and college with it.".repeat(5);
    let one = |t: &str| assess(&Conversation { contact: unknown.clone(), messages: vec![msg(Sender::Them, "2026-11-04T10:00:00+05:30", t)] }).level;
    assert!(one(short) >= Level::Warning);
    assert!(one(&format!("{short}.{filler}")) < Level::Warning);
}

/// Issue 12 (branch cw1): a pretext excuses the contact's first step off Facebook only
/// in the sitting its business begins. A "buyer" who talks with the user for a day or
/// more (he answered twice or more) before asking his WhatsApp borrowed the pretext: a
/// warning. The same ask in the first sitting, after a service's one-way reminders, or
/// after the user asked for her number first, stays below it.
#[test]
fn a_pretext_outlived_by_days_of_talk_excuses_no_step() {
    let plain = Contact { friend_status: FriendStatus::Friends, friends_since: None, mutual_friends: None, joined: None, ..stranger_friend() };
    let run = |rows: &[(Sender, &str, &str)]| {
        let messages = rows.iter().map(|&(s, at, t)| msg(s, at, t)).collect();
        assess(&Conversation { contact: plain.clone(), messages }).level
    };
    let (them, me) = (Sender::Them, Sender::Me);
    let opening = [
        (them, "2026-11-02T10:00:00+05:30", "Namaste sir, is the scooter still available? What is the final price?"),
        (me, "2026-11-02T10:05:00+05:30", "Yes it is there, 45,000 final"),
        (them, "2026-11-02T10:10:00+05:30", "Ok sir, I will talk to my brother and tell you"),
    ];
    let ask = "Send me your WhatsApp number, we will talk there";
    // Two days later, after his second answer: the pretext is outlived.
    let mut days = opening.to_vec();
    days.push((them, "2026-11-04T19:00:00+05:30", "Sir I talked to my brother about the scooter"));
    days.push((me, "2026-11-04T19:05:00+05:30", "Ok, tell me when you decide"));
    days.push((them, "2026-11-04T19:10:00+05:30", ask));
    assert_eq!(run(&days), Level::Warning);
    // The same talk in one sitting: the buyer's ask is the business's.
    let mut sitting = opening.to_vec();
    sitting.push((them, "2026-11-02T10:20:00+05:30", "Sir I talked to my brother about the scooter"));
    sitting.push((me, "2026-11-02T10:25:00+05:30", "Ok, tell me when you decide"));
    sitting.push((them, "2026-11-02T10:30:00+05:30", ask));
    assert!(run(&sitting) < Level::Warning);
    // Days later but after one answer only (a service's reminders run one-way).
    let mut one_way = opening[..2].to_vec();
    one_way.push((them, "2026-11-04T19:00:00+05:30", "Sir I talked to my brother about the scooter"));
    one_way.push((them, "2026-11-04T19:10:00+05:30", ask));
    assert!(run(&one_way) < Level::Warning);
    // Days later, but he asked for her number first: hers answers his ask.
    let mut his_ask = opening.to_vec();
    his_ask.push((me, "2026-11-04T19:00:00+05:30", "Send your WhatsApp number, I will send the photos of the papers"));
    his_ask.push((them, "2026-11-04T19:05:00+05:30", "Ok sir"));
    his_ask.push((them, "2026-11-04T19:10:00+05:30", ask));
    assert!(run(&his_ask) < Level::Warning);
}

/// Round twenty-four (issue 12): the impostor "police" names his office and the case
/// against the user in the forms the blind sets write them (Punjabi's "tuhade khilaf",
/// Gujarati's "tamara upar", Malayalam's "നിങ്ങൾക്കെതിരെ", Kerala's "Cyberdome", a "cyber
/// wing"), in one message or in his next line: danger from a stranger at once. The same
/// office and a case that are not against the user (a nephew's posting, the colony's
/// news) stay below danger.
#[test]
fn impostor_office_and_case_against_him_in_every_form() {
    let them = |at: &str, t: &str| msg(Sender::Them, at, t);
    let level = |msgs: Vec<Message>| assess(&Conversation { contact: stranger_friend(), messages: msgs }).level;
    for claim in [
        "Mr. Gurdev Singh, main CBI Delhi ton bol reha haan. Tuhade khilaf ik ladki ne complaint kiti hai",
        "Delhi Cyber Crime thi bolu chhu. Ek chhokri e tamara upar complaint karyo che",
        "കേരള പോലീസ് സൈബർഡോം. നിങ്ങൾക്കെതിരെ ഒരു സ്ത്രീ പരാതി നൽകിയിട്ടുണ്ട്",
        "महाराष्ट्र सायबर मधून API जाधव बोलतोय. तुमचा अश्लील व्हिडिओ आमच्याकडे तक्रारीसह आला आहे",
    ] {
        assert_eq!(level(vec![them("2026-11-20T11:00:00+05:30", claim)]), Level::Danger, "{claim}");
    }
    // The office in one line, the case against him in the next.
    let split = vec![them("2026-11-20T11:00:00+05:30", "Phone uthaiye. CBI cyber wing, New Delhi se."), them("2026-11-20T11:01:00+05:30", "आपका obscene video call wala case hamare paas aaya hai. Ladki ne complaint ki hai")];
    assert_eq!(level(split), Level::Danger);
    for news in [
        "Mera bhatija CBI cyber wing mein lag gaya, bahut khushi hui",
        "tuhade pind di police chowki nawi bani, SHO vadiya banda hai",
        "Cyber Crime valo e colony ma awareness program rakhyo che",
    ] {
        assert!(level(vec![them("2026-11-20T11:00:00+05:30", news)]) < Level::Danger, "{news}");
    }
}

/// Round twenty-four (issue 12): the demand's "or else it goes to your grandson's school
/// group" in the spellings the sets write it (chat Hinglish's "nhi toh", Punjabi's
/// "jaugi", Tamil's "வரலைனா … உங்க மகன்"): with the demand before it, the threat aimed at
/// him that makes the demand extortion — danger from a stranger back from a new account.
/// The demand followed by an "or else" about lunch going cold stays a notice.
#[test]
fn or_else_to_his_familys_group_in_the_sets_spellings() {
    let them = |at: &str, t: &str| msg(Sender::Them, at, t);
    let level = |msgs: Vec<Message>| assess(&Conversation { contact: stranger_friend(), messages: msgs }).level;
    let demand = them("2026-11-24T19:20:00+05:30", "last payment 30,000 bhejo, UPI pe");
    assert!(level(vec![demand.clone()]) < Level::Danger);
    for threat in [
        "nhi toh aaj sham ko aapke bhatije ki shaadi wale group me chala jayega",
        "nahi taan tuhade pote de school de group vich jaugi",
        "பணம் வரலைனா இன்னைக்கு ராத்திரி உங்க மகன் கடை பக்கத்துல எல்லாருக்கும் அனுப்புவோம்",
    ] {
        assert_eq!(level(vec![demand.clone(), them("2026-11-24T19:22:00+05:30", threat)]), Level::Danger, "{threat}");
    }
    for talk in ["jaldi aao nhi toh khana thanda ho jayega", "ajj aa jao nahi taan tuhade pote da match miss ho jauga"] {
        assert!(level(vec![demand.clone(), them("2026-11-24T19:22:00+05:30", talk)]) < Level::Danger, "{talk}");
    }
}

/// Round twenty-three: the other app offered with "there we talk" and no number asked is
/// the move off Facebook (`off_platform.come_there.any`), in any language; the network's
/// "signal" there, or a WhatsApp group, is not.
#[test]
fn the_other_app_offered_with_there_we_talk_warns_from_a_stranger() {
    let warns = |text: &str| {
        let c = Conversation { contact: stranger_friend(), messages: vec![msg(Sender::Them, "2026-11-04T10:00:00+05:30", text)] };
        assess(&c).level >= Level::Warning
    };
    for t in ["ji aap imo app download karo, waha aapse aaram se baat hogi", "apni ki Telegram use koren? okhane chat korbo",
        "Signal app undo? athil varamo", "அந்த app-ல add பண்ணுங்க, அங்க free-ஆ பேசலாம்", "टेलीग्राम है? वहाँ आराम से बात करेंगे"] {
        assert!(warns(t), "{t}");
    }
    for t in ["WhatsApp group me aao, waha sab baat karte hai",
        "WhatsApp pe photo bheji thi, wahi dekh lo"] {
        assert!(!warns(t), "{t}");
    }
}

/// Round thirty-three (issue 12): the impostor who names no police office in the line
/// itself — his price, the settlement of an arrest, an FIR or a court case for a sum, and
/// the lawyer or the law (an advocate, a High Court, POCSO) named with his obscene video —
/// is the impostor's claim: danger from a stranger. A settlement received, an insurance
/// claim's and a lawyer's talk of a property case are not.
#[test]
fn impostor_settlement_and_lawyer_without_an_office() {
    let them = |at: &str, t: &str| msg(Sender::Them, at, t);
    let level = |msgs: Vec<Message>| assess(&Conversation { contact: stranger_friend(), messages: msgs }).level;
    for claim in [
        "Out of court settlement ಮಾಡಿಕೊಳ್ಳಬಹುದು. ₹75,000. ಇವತ್ತೇ",
        "FIR podaama iruka 45,000 settlement kattanum, illana arrest + news la varum",
        "FIR થાય તો arrest થશે. સમાધાન માટે 48,000 ભરવા પડશે",
        "मैं एडवोकेट आर. के. मिश्रा, दिल्ली हाई कोर्ट। मेरी क्लाइंट ने आपके खिलाफ अश्लील वीडियो कॉल का मामला दर्ज करवाया है",
        "താങ്കളുടെ ഒരു അശ്ലീല വീഡിയോ call recording ഞങ്ങൾക്ക് കിട്ടി. POCSO ആകും",
    ] {
        assert_eq!(level(vec![them("2026-11-20T11:00:00+05:30", claim)]), Level::Danger, "{claim}");
    }
    for talk in [
        "Insurance claim settlement 45,000 aa gaya, court jaana nahi pada",
        "Court settlement ke 2 lakh mil gaye",
        "Bhai ke saath samjhauta ho gaya, ab court nahi jaayenge",
        "My lawyer says your property case will be heard on Monday",
        "वकील साहब ने कहा आपकी ज़मीन का केस जीत जाएंगे",
    ] {
        assert!(level(vec![them("2026-11-20T11:00:00+05:30", talk)]) < Level::Danger, "{talk}");
    }
}

/// Round thirty-three (issue 12): the demand's "or else" threat as the sets write it —
/// English's "or this goes to", Gujarati's romanised "jashe", and with no verb at all, the
/// sum, the "or else", his family or group and the destination's case ending ("mee
/// Facebook friends andariki", "ninte molude college group il") — is the threat with its
/// demand: danger from a stranger. Lunch going cold with the family waiting is not.
#[test]
fn or_else_threat_without_the_verb_a_rule_read() {
    let them = |at: &str, t: &str| msg(Sender::Them, at, t);
    let level = |msgs: Vec<Message>| assess(&Conversation { contact: stranger_friend(), messages: msgs }).level;
    for threat in [
        "10000 on gpay 98765 48813 now or this goes to Pune Buy Sell group and ur family",
        "25000 moklo nahi to tamara badha FB friends ane society group ma jashe",
        "₹12,000 ippude, lekapothe mee Facebook friends andariki",
        "40,000. ഇന്ന് 15, നാളെ 25. illenkil ee photo um video um kude ninte molude college group il",
    ] {
        assert_eq!(level(vec![them("2026-11-24T19:20:00+05:30", threat)]), Level::Danger, "{threat}");
    }
    for talk in ["Come now or it goes cold, your family is waiting", "5000 jama karo warna aapke bete ka naam school group me nahi aayega, fees ki last date"] {
        assert!(level(vec![them("2026-11-24T19:20:00+05:30", talk)]) < Level::Danger, "{talk}");
    }
}

/// Round thirty-one: her number ask for another person who will talk, join or invite him
/// (`context.purpose.other_person`: "my husband wants to talk about the money", "your son joins
/// from America", "the son will call and invite you") is a notice from a stranger, as a
/// purpose named is; the same ask with her flattery, or with "my husband checks FB, we will
/// talk there" (the third person as the reason for secrecy), still warns.
#[test]
fn the_number_asked_for_another_person_who_talks_or_joins_is_a_notice() {
    let level = |texts: &[&str]| {
        let messages = texts.iter().enumerate().map(|(i, t)| msg(Sender::Them, &format!("2026-11-04T10:0{i}:00+05:30"), t)).collect();
        assess(&Conversation { contact: stranger_friend(), messages }).level
    };
    for t in [
        "आप अपना व्हाट्सऐप नंबर दे दीजिए, मेरे पति बात करना चाहते हैं पैसों के बारे में",
        "Mama tumcha WhatsApp number dya, aai la tumchyashi bolaycha aahe",
        "ਆਪਣਾ ਨੰਬਰ ਦਿਓ, ਮੇਰੇ ਪਤੀ ਗੱਲ ਕਰਨਗੇ",
        "নম্বর টা দিন, আমার ছেলে ফোন করবে",
        "ನಿಮ್ಮ ನಂಬರ್ ಕೊಡಿ, ನನ್ನ ಮಗ ಕಾಲ್ ಮಾಡ್ತಾರೆ",
    ] {
        assert_eq!(level(&[t]), Level::Notice, "{t}");
    }
    // The bare ask warns; so does the third person's ask after her flattery, and the third
    // person who is the reason to move ("my husband checks FB").
    assert_eq!(level(&["आप अपना व्हाट्सऐप नंबर दे दीजिए"]), Level::Warning);
    assert!(level(&["you are so handsome and your smile is lovely", "give your WhatsApp number, my husband will join too"]) >= Level::Warning);
    assert!(level(&["here my husband checks fb, give your whatsapp number, we will talk there"]) >= Level::Warning);
}

/// Round thirty-five (issue 12): money the contact pays him, in the forms each language
/// says it ("bhej reha", "aapi didha", "₹25,000 de rahe", a transfer's receipt "NEFT
/// ₹20,000 सफल"), is no demand after her call: the buyer's advance is not the chain's
/// price. The same message ordering him to pay stays the demand.
#[test]
fn money_she_pays_after_her_call_is_no_demand() {
    let level = |last: &str| {
        let mut messages = vec![
            msg(Sender::Them, "2026-11-04T10:00:00+05:30", "number de do, video call te bagh dikha do, fal da size dekhna"),
            msg(Sender::Me, "2026-11-04T10:02:00+05:30", "98140 55532. 4 vaje bagh ch haan"),
        ];
        messages.push(Message { from: Sender::Them, author: None, at: Timestamp::parse_rfc3339("2026-11-04T16:00:00+05:30"), kind: MessageKind::VideoCall, text: Some("Video chat · 9 min".into()) });
        messages.push(msg(Sender::Them, "2026-11-04T16:20:00+05:30", last));
        assess(&Conversation { contact: stranger_friend(), messages }).level
    };
    for t in [
        "maal A-grade aa. advance 50,000 Pappu de through bhej reha",
        "agreement sign karyu, token 10000 broker na office ma aapi didha",
        "NEFT ₹20,000 सफल",
        "RTGS ₹2,00,000 successful",
        "ek company wale ₹25,000 de rahe hain",
    ] {
        assert!(level(t) < Level::Danger, "{t}");
    }
    for t in ["advance 50,000 bhejo abhi", "token 10000 mokalo aaje j", "Payment successful ka screenshot bhejo, 20,000 UPI karo"] {
        assert_eq!(level(t), Level::Danger, "{t}");
    }
}

/// Round thirty-five: a friend's changed number said in his language ("notun whatsapp
/// number", "purono number ta bondho") is a relation that had it, not the move off Facebook.
#[test]
fn a_friends_new_number_in_each_language_is_no_ask() {
    let one = |t: &str| assess(&Conversation { contact: stranger_friend(), messages: vec![msg(Sender::Them, "2026-11-04T10:00:00+05:30", t)] }).level;
    assert!(one("amar purono number ta bondho. notun whatsapp number 98765 07788, save kore ne") < Level::Warning);
    assert!(one("mera purana number band hai. naya number 98765 07788 whatsapp pe save karo") < Level::Warning);
    assert_eq!(one("whatsapp number 98765 07788, save kore ne"), Level::Warning);
}
