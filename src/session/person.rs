//! One contact seen on this tab: what to feed the engine, which facts to store,
//! and which warnings to put in the popup's list. Pure; storage and the clock
//! come in through the small traits below, which the wasm glue implements over
//! chrome.storage and `performance.now()` and the tests over memory (as Ruffle's
//! core defines backends that its web crate implements:
//! https://github.com/ruffle-rs/ruffle/tree/master/core/src/backend).
use crate::engine::{self, Contact, ContactFacts, Conversation, Level, Message, Stage, Tracker};
use crate::state::warnings_log::WarningEntry;
use std::collections::VecDeque;

use super::contact::merge_contact;

/// Milliseconds, for the feeding budget (`performance.now()` in the browser).
pub trait Clock {
    fn now_ms(&self) -> f64;
}

/// Per-contact facts kept across visits (never message text).
pub trait FactStore {
    fn facts(&self, key: &str) -> Option<ContactFacts>;
    /// Stores `facts` for `key`; `now_s` in seconds since the Unix epoch (expiry).
    fn put_facts(&mut self, key: &str, facts: ContactFacts, now_s: i64);
}

/// What one [`Person::feed`] did.
#[derive(Debug, Default, PartialEq)]
pub struct Fed {
    /// Messages given to the engine.
    pub fed: usize,
    /// The assessment or the contact changed: the warning is drawn again.
    pub changed: bool,
    /// New facts went to the store (the glue writes the store out).
    pub stored: bool,
    /// A warning for the popup's list, when one is shown at a new level or stage.
    pub log: Option<WarningEntry>,
}

/// Feeding stops after this many messages at most between two looks at the clock.
const CLOCK_EVERY: usize = 16;

pub struct Person {
    pub tracker: Tracker,
    /// Messages in the order the tracker received them (`Evidence::message` indexes these).
    pub conv: Conversation,
    /// New messages not yet given to the tracker (a long first read is fed over
    /// several steps, so that no step is a long task).
    backlog: VecDeque<Message>,
    /// Level and stage last put in the popup's warnings log.
    logged: Option<(Level, Stage)>,
    /// The contact changed since the last feed.
    contact_changed: bool,
}

impl Person {
    /// A contact first seen now; facts stored on an earlier visit are resumed.
    /// The times remembered for it (first seen, the conversation's start) come
    /// back with the contact (`memory::recall`).
    pub fn new(key: &str, contact: Contact, settings: engine::Tuning, store: &dyn FactStore) -> Person {
        let stored = store.facts(key);
        let contact = super::memory::recall(contact, stored.as_ref());
        Person {
            tracker: Tracker::new(contact.clone(), settings, stored),
            conv: Conversation { contact, messages: Vec::new() },
            backlog: VecDeque::new(),
            logged: None,
            contact_changed: false,
        }
    }

    /// What the page shows about the contact now, merged over earlier reads.
    pub fn see(&mut self, contact: Contact) {
        let merged = merge_contact(&self.conv.contact, contact);
        if merged != self.conv.contact {
            self.tracker.update_contact(merged.clone());
            self.conv.contact = merged;
            self.contact_changed = true;
        }
    }

    /// A message read for the first time (already de-duplicated by the reader's log),
    /// one at a time: the controller's loop over its rows (an `extend` over a mapped
    /// iterator was a generic copy of its own in the content module).
    pub fn queue(&mut self, m: Message) {
        self.backlog.push_back(m);
    }

    /// Messages queued and not yet fed.
    pub fn pending(&self) -> usize {
        self.backlog.len()
    }

    /// Feeds queued messages until `until_ms` (at least one per call, so feeding
    /// always makes progress), stores the facts if they changed, and says whether
    /// a warning is to be logged. `until_ms` is on `clock`; `epoch_ms` is the time
    /// of day (`Date.now()`).
    pub fn feed(&mut self, key: &str, until_ms: f64, epoch_ms: f64, clock: &dyn Clock, store: &mut dyn FactStore) -> Fed {
        let mut out = Fed { changed: std::mem::take(&mut self.contact_changed), ..Fed::default() };
        while let Some(m) = self.backlog.pop_front() {
            self.tracker.push(&m);
            self.conv.messages.push(m);
            out.changed = true;
            out.fed += 1;
            if out.fed % CLOCK_EVERY == 0 && clock.now_ms() > until_ms {
                break;
            }
        }
        let stored = store.facts(key);
        let facts = super::memory::remember(stored.as_ref(), self.tracker.facts());
        if stored.as_ref() != Some(&facts) {
            store.put_facts(key, facts, (epoch_ms / 1000.0) as i64);
            out.stored = true;
        }
        let a = self.tracker.assessment();
        // The popup lists every warning, hidden or not (issue 13): the family sees
        // what "Hide for now" or "I really know this person" took off the page.
        if a.level >= Level::Notice && self.logged != Some((a.level, a.stage)) {
            self.logged = Some((a.level, a.stage));
            out.log = Some(WarningEntry {
                contact_key: key.to_string(),
                // In a group chat, the member the warning is about.
                contact_name: super::contact::speaker(&self.conv, a.evidence.iter().filter(|e| e.stage == a.stage).find_map(|e| e.message)).to_string(),
                level: a.level,
                stage: a.stage,
                at_ms: epoch_ms.max(0.0) as u64,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{FriendStatus, MessageKind, Sender};
    use std::cell::Cell;
    use std::collections::HashMap;

    fn queue(p: &mut Person, ms: impl IntoIterator<Item = Message>) {
        for m in ms {
            p.queue(m);
        }
    }

    #[derive(Default)]
    struct Memory(HashMap<String, ContactFacts>, usize);
    impl FactStore for Memory {
        fn facts(&self, key: &str) -> Option<ContactFacts> {
            self.0.get(key).cloned()
        }
        fn put_facts(&mut self, key: &str, facts: ContactFacts, _now_s: i64) {
            self.0.insert(key.to_string(), facts);
            self.1 += 1;
        }
    }

    /// A clock that moves `step` ms every time it is read.
    struct Ticking(Cell<f64>, f64);
    impl Clock for Ticking {
        fn now_ms(&self) -> f64 {
            self.0.set(self.0.get() + self.1);
            self.0.get()
        }
    }

    fn them(text: &str) -> Message {
        Message { from: Sender::Them, at: None, kind: MessageKind::Text, text: Some(text.to_string()), author: None }
    }

    fn stranger() -> Contact {
        Contact { friend_status: FriendStatus::NotFriends, mutual_friends: Some(0), ..Contact::named("Neha Kapoor".into()) }
    }

    const THREAT: &str = "I have recorded your video call. Pay 10000 rupees now or I will send the video to all your friends and family and make it viral on YouTube.";

    #[test]
    fn a_long_backlog_is_fed_over_several_steps() {
        let mut store = Memory::default();
        let mut p = Person::new("fb:1", stranger(), Default::default(), &store);
        queue(&mut p, (0..100).map(|i| them(&format!("good morning {i}"))));
        // Each look at the clock moves it 10 ms: the budget of 5 ms is over at the first look.
        let clock = Ticking(Cell::new(0.0), 10.0);
        let f = p.feed("fb:1", 5.0, 0.0, &clock, &mut store);
        assert_eq!(f.fed, CLOCK_EVERY);
        assert_eq!(p.pending(), 100 - CLOCK_EVERY);
        let clock = Ticking(Cell::new(0.0), 0.0);
        let f = p.feed("fb:1", 5.0, 0.0, &clock, &mut store);
        assert_eq!(f.fed, 100 - CLOCK_EVERY);
        assert_eq!(p.conv.messages.len(), 100);
    }

    #[test]
    fn facts_are_stored_when_they_change_and_never_hold_text() {
        let mut store = Memory::default();
        let clock = Ticking(Cell::new(0.0), 0.0);
        let mut p = Person::new("fb:1", stranger(), Default::default(), &store);
        queue(&mut p, [them("Hello, if you're alone, then video call me"), them(THREAT)]);
        let f = p.feed("fb:1", 1e9, 100.0, &clock, &mut store);
        assert!(f.stored);
        let writes = store.1;
        // Nothing new: nothing written.
        let f = p.feed("fb:1", 1e9, 200.0, &clock, &mut store);
        assert!(!f.stored && f.fed == 0 && !f.changed);
        assert_eq!(store.1, writes);
        let stored = format!("{:?}", store.0["fb:1"]);
        assert!(!stored.contains("10000 rupees") && !stored.contains("if you"), "no message text stored: {stored}");
        // A later visit resumes from the stored facts.
        let p2 = Person::new("fb:1", stranger(), Default::default(), &store);
        assert_eq!(p2.tracker.assessment().level, p.tracker.assessment().level);
    }

    #[test]
    fn a_warning_is_logged_once_per_level_and_stage() {
        let mut store = Memory::default();
        let clock = Ticking(Cell::new(0.0), 0.0);
        let mut p = Person::new("fb:1", stranger(), Default::default(), &store);
        queue(&mut p, [them(THREAT)]);
        let f = p.feed("fb:1", 1e9, 5000.0, &clock, &mut store);
        let log = f.log.expect("danger is logged");
        assert_eq!((log.level, log.contact_name.as_str(), log.at_ms), (Level::Danger, "Neha Kapoor", 5000));
        queue(&mut p, [them(THREAT)]);
        assert_eq!(p.feed("fb:1", 1e9, 6000.0, &clock, &mut store).log, None);
    }

    #[test]
    fn a_known_contact_is_still_logged_for_the_family() {
        let mut store = Memory::default();
        let clock = Ticking(Cell::new(0.0), 0.0);
        let mut p = Person::new("fb:2", stranger(), Default::default(), &store);
        queue(&mut p, [them("Hello, if you're alone, then video call me")]);
        let f = p.feed("fb:2", 1e9, 0.0, &clock, &mut store);
        let level = p.tracker.assessment().level;
        assert!((Level::Notice..Level::Danger).contains(&level), "{level:?}");
        assert_eq!(f.log.map(|l| l.level), Some(level), "the popup lists it though the banner is hidden");
        queue(&mut p, [them(THREAT)]);
        let f = p.feed("fb:2", 1e9, 0.0, &clock, &mut store);
        assert_eq!(f.log.map(|l| l.level), Some(Level::Danger));
    }

    fn at(text: &str, when: &str) -> Message {
        Message { at: crate::engine::time::Timestamp::parse_rfc3339(when), ..them(text) }
    }

    /// Issue 11: a visit shows the thread's start (its header card); a later one,
    /// scrolled past it, still knows how old the conversation is and when the
    /// contact was first seen, and the stored times never move later.
    #[test]
    fn a_later_visit_remembers_the_start_and_first_seen() {
        let mut store = Memory::default();
        let clock = Ticking(Cell::new(0.0), 0.0);
        let first = Contact {
            start_visible: true,
            conversation_start: crate::engine::time::Timestamp::parse_rfc3339("2026-11-02T08:01:00+05:30"),
            first_seen: crate::engine::time::Timestamp::parse_rfc3339("2026-11-20T10:00:00Z"),
            ..stranger()
        };
        let mut p = Person::new("fb:9", first, Default::default(), &store);
        queue(&mut p, [at("Good morning dear", "2026-11-02T08:01:00+05:30"), at("How are you?", "2026-11-19T09:00:00+05:30")]);
        p.feed("fb:9", 1e9, 0.0, &clock, &mut store);
        let kept = store.facts("fb:9").expect("facts stored");
        assert_eq!(kept.conversation_start.map(|t| t.unix()), crate::engine::time::parse("2026-11-02T08:01:00+05:30"));
        assert_eq!(kept.contact_first_seen.map(|t| t.unix()), crate::engine::time::parse("2026-11-20T10:00:00Z"));

        // Three days later, a new page load: the start is not shown any more.
        let later = Contact { first_seen: crate::engine::time::Timestamp::parse_rfc3339("2026-11-23T10:00:00Z"), ..stranger() };
        let mut p2 = Person::new("fb:9", later, Default::default(), &store);
        let c = &p2.conv.contact;
        assert_eq!(c.conversation_start.map(|t| t.unix()), crate::engine::time::parse("2026-11-02T08:01:00+05:30"));
        assert_eq!(c.first_seen.map(|t| t.unix()), crate::engine::time::parse("2026-11-20T10:00:00Z"));
        assert_eq!(p2.tracker.contact().conversation_start, c.conversation_start, "the engine gets it too");
        queue(&mut p2, [at("Send me your WhatsApp number", "2026-11-23T09:00:00+05:30")]);
        p2.feed("fb:9", 1e9, 0.0, &clock, &mut store);
        let kept2 = store.facts("fb:9").unwrap();
        assert_eq!(kept2.contact_first_seen, kept.contact_first_seen);
        assert_eq!(kept2.conversation_start, kept.conversation_start);
        assert_eq!(kept2.earliest_message, kept.earliest_message);
    }

    #[test]
    fn a_group_warning_is_logged_under_the_member() {
        let mut store = Memory::default();
        let clock = Ticking(Cell::new(0.0), 0.0);
        let group = Contact { group: true, ..Contact::named("Patil family".into()) };
        let mut p = Person::new("t:77", group, Default::default(), &store);
        queue(&mut p, [
            Message { author: Some("Sunita Patil".into()), ..them("Good morning everyone") },
            Message { author: Some("Neha Kapoor".into()), ..them(THREAT) },
        ]);
        let log = p.feed("t:77", 1e9, 0.0, &clock, &mut store).log.expect("danger is logged");
        assert_eq!((log.level, log.contact_name.as_str(), log.contact_key.as_str()), (Level::Danger, "Neha Kapoor", "t:77"));
    }

    #[test]
    fn a_contact_seen_with_more_facts_redraws_without_new_messages() {
        let store = Memory::default();
        let mut store2 = Memory::default();
        let clock = Ticking(Cell::new(0.0), 0.0);
        let mut p = Person::new("fb:3", Contact::named("Ravi".into()), Default::default(), &store);
        assert!(!p.feed("fb:3", 1e9, 0.0, &clock, &mut store2).changed);
        p.see(Contact { friend_status: FriendStatus::Friends, ..Contact::named(String::new()) });
        assert_eq!(p.conv.contact.name, "Ravi");
        assert!(p.feed("fb:3", 1e9, 0.0, &clock, &mut store2).changed);
        p.see(Contact::named("Ravi".into()));
        assert!(!p.feed("fb:3", 1e9, 0.0, &clock, &mut store2).changed, "nothing new, nothing redrawn");
    }
}
