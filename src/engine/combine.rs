//! Combination: how far along the chain one author is, from the cues they sent within
//! the window (in order), and how suspicious the contact is at that moment. A single
//! word never warns: a warning needs the sequence with a new or unknown contact.
//! README "How it decides" walks through an example.

use super::assessment::Level;
use super::contact_signals::{STRANGER, TRUSTED};
use super::rules::Tag;
use super::time::DAY;
use serde::{Deserialize, Serialize};

/// The engine's tuning, from the user's settings (named apart from `state::settings::Settings`).
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Tuning {
    /// Warn one stage earlier.
    #[serde(default)]
    pub cautious: bool,
}

/// A cue counts for this long after it was last seen: the chain moves over days or
/// weeks, not over years (a "pay" in 2021 and a "video" in 2023 are not one chain).
pub const WINDOW: i64 = 30 * DAY;

const fn bits(tags: &[Tag]) -> u32 {
    let mut b = 0;
    let mut i = 0;
    while i < tags.len() {
        b |= 1 << (tags[i] as u32);
        i += 1;
    }
    b
}

const GROOMING: u32 = bits(&[Tag::Greeting, Tag::Forward, Tag::Flattery, Tag::Personal, Tag::Intimacy]);
const STRONG_GROOMING: u32 = bits(&[Tag::Flattery, Tag::Personal, Tag::Intimacy]);
const OFF_PLATFORM: u32 = bits(&[Tag::NumberAsk, Tag::AppMove]);
const VIDEO_CALL: u32 = bits(&[Tag::VcInvite, Tag::Sexual, Tag::Call]);
/// What makes a later threat or demand extortion: a call, or a recording of one.
const LEVER: u32 = bits(&[Tag::VcInvite, Tag::Sexual, Tag::Call, Tag::Recording]);


const THREAT: u32 = bits(&[Tag::Threat, Tag::Countdown, Tag::Impostor]);

/// One author's cues: for each tag, when it was last seen and the order (message
/// number + 1; 0 for remembered cues) it was first seen in.
#[derive(Clone, Debug, Default)]
pub struct Chain {
    seen: u32,
    last_at: [Option<i64>; 32],
    first_order: [u32; 32],
}

impl Chain {
    pub fn see(&mut self, tag: Tag, at: Option<i64>, order: u32) {
        let t = tag as usize;
        if self.seen & tag.bit() == 0 {
            self.first_order[t] = order;
        }
        self.seen |= tag.bit();
        self.last_at[t] = match (self.last_at[t], at) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => b.or(a),
        };
    }

    /// The tags still in the window at time `now` (all of them without times).
    pub fn active(&self, now: Option<i64>) -> u32 {
        let Some(now) = now else { return self.seen };
        let mut b = 0;
        let mut rest = self.seen;
        while rest != 0 {
            let t = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            if self.last_at[t].is_none_or(|a| now - a <= WINDOW) {
                b |= 1 << t;
            }
        }
        b
    }

    /// Whether a call, an invitation to one or a recording is among the active cues.
    pub fn has_lever(&self, now: Option<i64>) -> bool {
        self.active(now) & LEVER != 0
    }

    /// Whether a tag in `lever` was first seen no later than the first tag in `after`.
    fn before(&self, lever: u32, after: u32) -> bool {
        let first = |m: u32| {
            let mut best = u32::MAX;
            let mut rest = self.seen & m;
            while rest != 0 {
                let t = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                best = best.min(self.first_order[t]);
            }
            best
        };
        let l = first(lever);
        l != u32::MAX && l <= first(after)
    }
}

/// What the conversation itself says about who this is: counter-weights seen from
/// either side (kinship, a listed item, matrimony, a clinic or class, a family or
/// alumni group) and the user asking who the contact is.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context {
    seen: u32,
}

impl Context {
    pub fn add(&mut self, tag: Tag, _mine: bool) {
        self.seen |= tag.bit();
    }

    /// The suspicion this context adds (negative lowers it). `history_days`: how long
    /// the two have been writing (from the earliest message known); `new_conversation`:
    /// the conversation's start is known and recent; `opened_by_them`: they wrote first.
    pub fn score(&self, group: bool, history_days: Option<i64>, new_conversation: bool, opened_by_them: bool) -> i32 {
        let has = |t: Tag| self.seen & t.bit() != 0;
        let mut s = 0;
        if has(Tag::Kin) {
            s -= 4;
        }
        if has(Tag::Listing) || has(Tag::Matrimony) || has(Tag::Service) || has(Tag::Circle) {
            s -= 3;
        }
        if group {
            s -= 2;
        }
        if has(Tag::WhoAreYou) {
            s += 2;
        }
        if new_conversation {
            s += 1;
        }
        if opened_by_them {
            s += 1;
        }
        match history_days {
            Some(d) if d >= 365 => s -= 4,
            Some(d) if d >= 120 => s -= 2,
            _ => {}
        }
        s
    }
}

/// Whether a call the contact placed counts as the video-call stage: only with a
/// contact who is not trusted and who is either suspicious or already pushing the chain.
pub fn call_counts(chain: &Chain, at: Option<i64>, suspicion: i32) -> bool {
    suspicion > TRUSTED && (suspicion >= 0 || chain.active(at) & (OFF_PLATFORM | STRONG_GROOMING) != 0)
}

/// The level one author's chain implies at time `now` with a contact of suspicion `s`.
pub fn level(chain: &Chain, now: Option<i64>, s: i32, tuning: Tuning) -> Level {
    let tags = chain.active(now);
    let has = |m: u32| tags & m != 0;
    let cautious = tuning.cautious;
    let stranger = s >= if cautious { STRANGER - 1 } else { STRANGER };
    let trusted = s <= TRUSTED;
    let strong = (tags & STRONG_GROOMING).count_ones() + if cautious { has(GROOMING) as u32 } else { 0 };
    let threat = has(THREAT);
    let money = has(Tag::Money.bit());
    let off = has(OFF_PLATFORM);
    let vc = has(VIDEO_CALL);
    let sexual = has(Tag::Sexual.bit());
    let recording = has(Tag::Recording.bit());
    // A threat or demand counts as extortion after (or with) a call or a recording.
    let levered = has(LEVER) && chain.before(LEVER & tags, (THREAT | Tag::Money.bit()) & tags);

    // An explicit threat (or a "police" impostor) with a money demand: from anyone.
    if threat && money {
        return Level::Danger;
    }
    if trusted {
        // Family and old friends: jokes about videos and payments are their business.
        return if threat { Level::Notice } else { Level::None };
    }
    // "I recorded you" after a call, then money: extortion whatever persona the contact
    // put on before (a "yoga teacher", a "tutor"): a fee never comes with a recording.
    if recording && money && chain.before(VIDEO_CALL & tags, Tag::Recording.bit()) {
        return Level::Danger;
    }
    // With a counter-weight in the conversation (a clinic, a class, a listing) a fee
    // after a video consultation is a fee: only a threat makes it extortion.
    if (threat || (money && s >= 0)) && levered {
        return Level::Danger;
    }
    // "I recorded everything" after a call is the extortion beginning.
    if recording && chain.before(VIDEO_CALL & tags, Tag::Recording.bit()) && s >= 0 {
        return Level::Danger;
    }
    if threat {
        return if stranger || off { Level::Danger } else { Level::Warning };
    }
    if recording && s >= 0 {
        // "Recorded" before any call is not yet the lever; but a stranger who opens with
        // "I have recorded you" is the chain told backwards (the threat comes next).
        return if stranger { Level::Warning } else { Level::Notice };
    }
    if vc {
        if s < 0 && !sexual {
            return if off || strong > 0 || cautious { Level::Warning } else { Level::Notice };
        }
        return if sexual && stranger && (off || strong > 0) { Level::Danger } else { Level::Warning };
    }
    if off {
        if s < 0 {
            return if strong >= 2 || cautious { Level::Warning } else { Level::Notice };
        }
        // Nothing known ("friends" is what accepting the request made them) or a new
        // contact: moving the chat off Facebook is the chain's second step. Issue 12
        // measured a notice here missing most chains on real, sparse pages.
        return Level::Warning;
    }
    if money {
        return if stranger { Level::Warning } else { Level::Notice };
    }
    if has(GROOMING) {
        if stranger {
            // The newer variant skips the number and goes straight for the call: a
            // brand-new account showering a stranger with flattery is already a warning.
            let fresh = s >= if cautious { STRANGER } else { 5 };
            return if fresh && strong >= 1 { Level::Warning } else { Level::Notice };
        }
        return if strong >= 2 && s >= 0 { Level::Notice } else { Level::None };
    }
    if s >= 4 {
        return Level::Notice;
    }
    Level::None
}

#[cfg(test)]
mod tests {
    use super::*;
    const D: Tuning = Tuning { cautious: false };

    fn chain(tags: &[(Tag, i64)]) -> Chain {
        let mut c = Chain::default();
        for (i, &(t, at)) in tags.iter().enumerate() {
            c.see(t, Some(at * DAY), i as u32 + 1);
        }
        c
    }

    #[test]
    fn greetings_alone_at_most_notice() {
        let g = chain(&[(Tag::Greeting, 0), (Tag::Forward, 0)]);
        for s in -8..10 {
            assert!(level(&g, Some(0), s, D) <= Level::Notice);
        }
    }

    #[test]
    fn an_ask_after_grooming_warns_unless_the_contact_is_known() {
        let c = chain(&[(Tag::Flattery, 0), (Tag::NumberAsk, 1)]);
        assert_eq!(level(&c, Some(DAY), 0, D), Level::Warning);
        assert_eq!(level(&c, Some(DAY), -5, D), Level::None);
        let bare = chain(&[(Tag::NumberAsk, 1)]);
        assert_eq!(level(&bare, Some(DAY), 0, D), Level::Warning);
        assert_eq!(level(&bare, Some(DAY), -1, D), Level::Notice);
        assert_eq!(level(&bare, Some(DAY), -1, Tuning { cautious: true }), Level::Warning);
    }

    #[test]
    fn cues_expire_after_the_window() {
        let c = chain(&[(Tag::Money, 0), (Tag::VcInvite, 400)]);
        assert_eq!(level(&c, Some(400 * DAY), 0, D), Level::Warning);
        let fresh = chain(&[(Tag::VcInvite, 0), (Tag::Money, 1)]);
        assert_eq!(level(&fresh, Some(DAY), 0, D), Level::Danger);
        assert!(level(&fresh, Some(100 * DAY), 0, D) < Level::Warning);
    }

    #[test]
    fn money_before_any_call_is_not_extortion() {
        let c = chain(&[(Tag::Money, 0), (Tag::VcInvite, 0)]);
        assert_eq!(level(&c, Some(0), 0, D), Level::Warning);
    }

    #[test]
    fn a_recording_after_a_call_then_money_is_danger_despite_a_persona() {
        let c = chain(&[(Tag::VcInvite, 0), (Tag::Recording, 1), (Tag::Money, 1)]);
        assert_eq!(level(&c, Some(DAY), TRUSTED + 1, D), Level::Danger);
        // A fee after a video consultation, without a recording, stays a fee.
        let fee = chain(&[(Tag::VcInvite, 0), (Tag::Money, 1)]);
        assert!(level(&fee, Some(DAY), TRUSTED + 1, D) < Level::Danger);
        // "Recorded" before any call, from a stranger: a warning, not yet danger.
        let first = chain(&[(Tag::Recording, 0)]);
        assert_eq!(level(&first, Some(0), STRANGER, D), Level::Warning);
        assert_eq!(level(&first, Some(0), 0, D), Level::Notice);
    }

    #[test]
    fn threat_with_money_is_danger_from_anyone() {
        let t = chain(&[(Tag::Threat, 0), (Tag::Money, 0)]);
        for s in -8..10 {
            assert_eq!(level(&t, Some(0), s, D), Level::Danger);
        }
    }

    #[test]
    fn context_lowers_and_raises_suspicion() {
        let mut kin = Context::default();
        kin.add(Tag::Kin, false);
        assert!(kin.score(false, None, false, false) <= TRUSTED);
        let mut who = Context::default();
        who.add(Tag::WhoAreYou, true);
        assert!(who.score(false, None, true, true) >= STRANGER);
        assert!(Context::default().score(false, Some(800), false, false) <= TRUSTED);
    }
}
