//! Incremental assessment of one conversation: each new message costs one
//! normalise + one automaton pass over that message, never a re-read of the thread.
//! Cues are kept compactly (rule, time, the matched words) so that a change of
//! profile facts can be replayed without the message texts.

use super::assessment::{Assessment, Evidence, Level, Stage};
use super::builtin::Engine;
use super::combine::{self, Settings};
use super::contact_signals::{self, STRANGER};
use super::conversation::{Contact, FriendStatus, Message, MessageKind, Sender};
use super::facts::{ContactFacts, StageFact, FACTS_VERSION};
use super::rules::Tag;
use super::time;

/// Evidence kept per conversation at most (the first of each rule is always kept
/// until then; later cues of stage off_platform and beyond too).
const MAX_EVIDENCE: usize = 64;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Cue {
    Rule(usize),
    /// A message kind that is itself a cue (call events, forwards).
    Kind(&'static str, Stage, Tag),
}

#[derive(Clone, Debug)]
struct Event {
    /// Message index; `None` for cues remembered from an earlier visit.
    index: Option<usize>,
    /// Effective time: the message's own, else the latest seen before it.
    at: Option<i64>,
    cue: Cue,
    matched: String,
}

#[derive(Clone, Debug, Default)]
struct StageStat {
    first_at: Option<i64>,
    first_at_text: Option<String>,
    rules: Vec<String>,
    count: u32,
}

/// One contact's conversation, assessed message by message.
///
/// `first_warning_at` is the index (in this tracker's own numbering) of the message
/// after which the level first reached `warning`; it stays `None` when the warning
/// already followed from remembered facts at construction (no message caused it).
/// Levels never go down within one tracker; a profile update replays the cues.
pub struct Tracker {
    engine: &'static Engine,
    contact: Contact,
    settings: Settings,
    prior: ContactFacts,
    events: Vec<Event>,
    pushed: usize,
    first_time: Option<i64>,
    last_time: Option<i64>,
    // Derived from `events` (rebuilt by `replay`).
    tags: u32,
    warned: bool,
    stats: [StageStat; 6],
    seen_rules: Vec<String>,
    profile_evidence: usize,
    /// (day, suspicion) of the last evaluation; (day) of the last profile evidence.
    suspicion_cache: Option<(Option<i64>, i32)>,
    profile_day: Option<Option<i64>>,
    assessment: Assessment,
}

fn kind_cue(kind: MessageKind) -> Option<Cue> {
    Some(match kind {
        MessageKind::VideoCall => Cue::Kind("kind.video_call", Stage::VideoCall, Tag::Call),
        MessageKind::MissedVideoCall => Cue::Kind("kind.missed_video_call", Stage::VideoCall, Tag::Call),
        MessageKind::Forwarded => Cue::Kind("kind.forwarded", Stage::Grooming, Tag::Forward),
        _ => return None,
    })
}

fn kind_words(kind: MessageKind) -> String {
    match kind {
        MessageKind::VideoCall => "video call",
        MessageKind::MissedVideoCall => "missed video call",
        MessageKind::Forwarded => "forwarded message",
        _ => "message",
    }
    .to_string()
}

fn kind_cue_by_id(id: &str) -> Option<Cue> {
    [MessageKind::VideoCall, MessageKind::MissedVideoCall, MessageKind::Forwarded]
        .into_iter()
        .filter_map(kind_cue)
        .find(|c| matches!(c, Cue::Kind(k, ..) if *k == id))
}

fn stage_name(s: Stage) -> &'static str {
    match s {
        Stage::None => "none",
        Stage::Contact => "contact",
        Stage::Grooming => "grooming",
        Stage::OffPlatform => "off_platform",
        Stage::VideoCall => "video call",
        Stage::Extortion => "extortion",
    }
}

impl Tracker {
    /// A tracker using the built-in rules. `facts` (from an earlier visit) fill in
    /// profile facts the page does not show now, and their stages count as if the
    /// earlier messages were still in the thread.
    pub fn new(contact: Contact, settings: Settings, facts: Option<ContactFacts>) -> Tracker {
        Tracker::with_engine(Engine::builtin(), contact, settings, facts)
    }

    pub fn with_engine(engine: &'static Engine, contact: Contact, settings: Settings, facts: Option<ContactFacts>) -> Tracker {
        let prior = facts.unwrap_or_default();
        let mut t = Tracker {
            engine,
            contact: Contact::named(String::new()),
            settings,
            events: Vec::new(),
            pushed: 0,
            first_time: prior.first_seen.as_deref().and_then(time::parse),
            last_time: prior.last_activity.as_deref().and_then(time::parse),
            tags: 0,
            warned: false,
            stats: Default::default(),
            seen_rules: Vec::new(),
            profile_evidence: 0,
            suspicion_cache: None,
            profile_day: None,
            assessment: Assessment::default(),
            prior,
        };
        // Remembered cues, in chain order, at the time each stage was first seen.
        let mut stages = t.prior.stages.clone();
        stages.sort_by_key(|s| s.stage);
        for sf in &stages {
            let at = sf.first_at.as_deref().and_then(time::parse);
            for id in &sf.rules {
                let cue = match engine.rule_index(id) {
                    Some(i) => Cue::Rule(i),
                    None => match kind_cue_by_id(id) {
                        Some(c) => c,
                        None => continue, // a rule retired since: ignore
                    },
                };
                let matched = format!("earlier visit: {}", stage_name(sf.stage));
                t.events.push(Event { index: None, at, cue, matched });
            }
        }
        t.set_contact(contact);
        t.replay();
        t
    }

    fn set_contact(&mut self, mut c: Contact) {
        let p = &self.prior;
        if c.friend_status == FriendStatus::Unknown {
            if let Some(s) = p.friend_status {
                c.friend_status = s;
            }
        }
        c.friends_since = c.friends_since.or_else(|| p.friends_since.clone());
        c.mutual_friends = c.mutual_friends.or(p.mutual_friends);
        c.friend_count = c.friend_count.or(p.friend_count);
        c.joined = c.joined.or_else(|| p.joined.clone());
        self.contact = c;
        self.suspicion_cache = None;
        self.profile_day = None;
    }

    /// The profile is now known better (friend status, mutual friends, …): re-judge
    /// every cue seen so far with it.
    pub fn update_contact(&mut self, contact: Contact) -> &Assessment {
        self.set_contact(contact);
        self.replay();
        &self.assessment
    }

    pub fn contact(&self) -> &Contact {
        &self.contact
    }

    pub fn assessment(&self) -> &Assessment {
        &self.assessment
    }

    /// Adds the next message (its index is the number pushed before it).
    pub fn push(&mut self, msg: &Message) -> &Assessment {
        let index = self.pushed;
        self.pushed += 1;
        let own_at = msg.at.as_deref().and_then(time::parse);
        if let Some(at) = own_at {
            self.first_time = Some(self.first_time.map_or(at, |f| f.min(at)));
            self.last_time = Some(self.last_time.map_or(at, |l| l.max(at)));
        }
        let at = own_at.or(self.last_time);
        let start = self.events.len();
        if let Some(cue) = kind_cue(msg.kind) {
            // Forwards count only from them; a call is a call whoever dialled.
            if msg.from == Sender::Them || matches!(cue, Cue::Kind(_, Stage::VideoCall, _)) {
                self.events.push(Event { index: Some(index), at, cue, matched: kind_words(msg.kind) });
            }
        }
        // Only the contact's own words are judged: the user's replies are not cues.
        if msg.from == Sender::Them {
            if let Some(text) = msg.text.as_deref() {
                for hit in self.engine.scan(text) {
                    self.events.push(Event { index: Some(index), at, cue: Cue::Rule(hit.rule), matched: hit.matched });
                }
            }
        }
        for i in start..self.events.len() {
            self.apply(i);
        }
        self.evaluate(at, Some(index));
        self.refresh_profile();
        &self.assessment
    }

    /// Facts to persist for this contact (no message text).
    pub fn facts(&self) -> ContactFacts {
        let c = &self.contact;
        let fmt = |t: Option<i64>| t.map(time::format);
        ContactFacts {
            version: FACTS_VERSION,
            first_seen: fmt(self.first_time).or_else(|| self.prior.first_seen.clone()),
            friend_status: match c.friend_status {
                FriendStatus::Unknown => self.prior.friend_status,
                s => Some(s),
            },
            friends_since: c.friends_since.clone(),
            mutual_friends: c.mutual_friends,
            friend_count: c.friend_count,
            joined: c.joined.clone(),
            stages: self
                .stats
                .iter()
                .enumerate()
                .filter(|(_, s)| s.count > 0)
                .map(|(i, s)| StageFact {
                    stage: STAGES[i],
                    first_at: s.first_at_text.clone(),
                    rules: s.rules.clone(),
                    count: s.count,
                })
                .collect(),
            messages_seen: self.prior.messages_seen.saturating_add(self.pushed as u32),
            last_activity: fmt(self.last_time).or_else(|| self.prior.last_activity.clone()),
        }
    }

    /// Profile signals change only with the day (ages in days): cached per day.
    fn suspicion(&mut self, at: Option<i64>) -> i32 {
        let day = at.map(|t| t.div_euclid(time::DAY));
        if let Some((d, s)) = self.suspicion_cache {
            if d == day {
                return s;
            }
        }
        // Judge at the start of that day, so that the cache is exact.
        let s = contact_signals::score(&contact_signals::signals(&self.contact, day.map(|d| d * time::DAY)));
        self.suspicion_cache = Some((day, s));
        s
    }

    /// Rebuilds everything derived from the events (after a profile change).
    fn replay(&mut self) {
        self.tags = 0;
        self.warned = false;
        self.seen_rules.clear();
        self.profile_evidence = 0;
        self.profile_day = None;
        self.assessment = Assessment::default();
        self.stats = Default::default();
        for sf in &self.prior.stages {
            let st = &mut self.stats[sf.stage as usize];
            st.count = st.count.saturating_add(sf.count);
            st.first_at = sf.first_at.as_deref().and_then(time::parse);
            st.first_at_text = sf.first_at.clone();
        }
        for i in 0..self.events.len() {
            self.apply(i);
            let (at, index) = (self.events[i].at, self.events[i].index);
            self.evaluate(at, index);
        }
        self.evaluate(self.last_time, self.pushed.checked_sub(1));
        self.refresh_profile();
    }

    fn apply(&mut self, i: usize) {
        let engine = self.engine;
        let (id, stage, tag): (&str, Stage, Tag) = match self.events[i].cue {
            Cue::Rule(r) => {
                let rule = &engine.rules()[r];
                (&rule.id, rule.stage, rule.tag)
            }
            Cue::Kind(k, s, t) => (k, s, t),
        };
        if tag == Tag::Call {
            let s = self.suspicion(self.events[i].at);
            if !combine::call_counts(self.tags, s) {
                return; // a call with a trusted or unremarkable contact
            }
        }
        let ev = &self.events[i];
        self.tags |= tag.bit();
        self.assessment.stage = self.assessment.stage.max(stage);
        if ev.index.is_some() {
            let st = &mut self.stats[stage as usize];
            st.count = st.count.saturating_add(1);
            if st.first_at.is_none() || (ev.at.is_some() && ev.at < st.first_at && st.count == 1) {
                st.first_at = ev.at;
                st.first_at_text = ev.at.map(time::format);
            }
            if !st.rules.iter().any(|r| r == id) {
                st.rules.push(id.to_string());
            }
        }
        let first_of_rule = !self.seen_rules.iter().any(|r| r == id);
        if first_of_rule {
            self.seen_rules.push(id.to_string());
        }
        if (first_of_rule || (stage >= Stage::OffPlatform && ev.index.is_some()))
            && self.assessment.evidence.len() < MAX_EVIDENCE + self.profile_evidence
        {
            let e = Evidence { message: ev.index, stage, rule: id.to_string(), matched: ev.matched.clone() };
            self.assessment.evidence.push(e);
        }
    }

    fn evaluate(&mut self, at: Option<i64>, index: Option<usize>) {
        let s = self.suspicion(at.or(self.last_time));
        if s >= STRANGER {
            self.assessment.stage = self.assessment.stage.max(Stage::Contact);
        }
        let level = combine::level(self.tags, s, self.settings);
        if level > self.assessment.level {
            self.assessment.level = level;
        }
        if level >= Level::Warning && !self.warned {
            self.warned = true;
            self.assessment.first_warning_at = index;
        }
    }

    /// Keeps the profile evidence (first in the list) in step with the latest time.
    fn refresh_profile(&mut self) {
        let day = self.last_time.map(|t| t.div_euclid(time::DAY));
        if self.profile_day == Some(day) {
            return;
        }
        self.profile_day = Some(day);
        let signals = contact_signals::signals(&self.contact, day.map(|d| d * time::DAY));
        let fresh: Vec<Evidence> = signals
            .into_iter()
            .map(|s| Evidence { message: None, stage: Stage::Contact, rule: s.rule.to_string(), matched: s.matched })
            .collect();
        if self.assessment.evidence[..self.profile_evidence] != fresh[..] {
            let n = fresh.len();
            self.assessment.evidence.splice(..self.profile_evidence, fresh);
            self.profile_evidence = n;
        }
    }
}

const STAGES: [Stage; 6] =
    [Stage::None, Stage::Contact, Stage::Grooming, Stage::OffPlatform, Stage::VideoCall, Stage::Extortion];
