//! Combination: how far along the chain a conversation is, from the cues seen so
//! far (as tag bits) and how suspicious the contact is at that moment. A single
//! word never warns: a warning needs the sequence with a new or unknown contact.

use super::assessment::Level;
use super::contact_signals::{STRANGER, TRUSTED};
use super::rules::Tag;
use serde::{Deserialize, Serialize};

/// User settings that change the engine's thresholds.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Settings {
    /// Warn one stage earlier.
    #[serde(default)]
    pub cautious: bool,
}

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
const THREAT: u32 = bits(&[Tag::Threat, Tag::Countdown]);

/// Whether a call event in the thread counts as the video-call stage: only with a
/// contact who is not trusted and is either suspicious or already pushing the chain.
pub fn call_counts(tags: u32, suspicion: i32) -> bool {
    suspicion > TRUSTED && (suspicion >= 1 || tags & (OFF_PLATFORM | STRONG_GROOMING) != 0)
}

/// The level implied by the cues `tags` (from the contact) with a contact of
/// suspicion score `s`.
pub fn level(tags: u32, s: i32, settings: Settings) -> Level {
    let has = |m: u32| tags & m != 0;
    let cautious = settings.cautious;
    let stranger = s >= if cautious { STRANGER - 1 } else { STRANGER };
    let trusted = s <= TRUSTED;
    let strong = (tags & STRONG_GROOMING).count_ones()
        + if cautious { (tags & GROOMING != 0) as u32 } else { 0 };
    let threat = has(THREAT) || has(Tag::Impostor.bit());
    let money = has(Tag::Money.bit());
    let off = has(OFF_PLATFORM);
    let vc = has(VIDEO_CALL);
    let sexual = has(Tag::Sexual.bit());

    // An explicit threat (or a "police" impostor) with a money demand: from anyone.
    if threat && money {
        return Level::Danger;
    }
    if trusted {
        // Family and old friends: jokes about videos and payments are their business.
        return if threat { Level::Notice } else { Level::None };
    }
    if threat {
        return if stranger || off || vc { Level::Danger } else { Level::Warning };
    }
    if money && vc && (stranger || off) {
        return Level::Danger; // payment demanded after the call
    }
    if vc {
        if stranger {
            return if sexual && (off || strong > 0) { Level::Danger } else { Level::Warning };
        }
        return if off || strong > 0 || sexual || cautious { Level::Warning } else { Level::Notice };
    }
    if off {
        if stranger {
            return Level::Warning;
        }
        // Unknown contact (nothing on the profile either way): the number request
        // must come with flattery/intimacy to warn.
        let intimate = has(Tag::Intimacy.bit());
        return if strong >= 2 || intimate || cautious { Level::Warning } else { Level::Notice };
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
        return if strong >= 2 { Level::Notice } else { Level::None };
    }
    if s >= 4 {
        return Level::Notice;
    }
    Level::None
}

#[cfg(test)]
mod tests {
    use super::*;
    const D: Settings = Settings { cautious: false };

    #[test]
    fn greetings_alone_at_most_notice() {
        let g = Tag::Greeting.bit() | Tag::Forward.bit();
        for s in -8..10 {
            assert!(level(g, s, D) <= Level::Notice);
        }
    }

    #[test]
    fn stranger_asking_for_whatsapp_warns() {
        assert_eq!(level(Tag::NumberAsk.bit(), 4, D), Level::Warning);
        assert_eq!(level(Tag::NumberAsk.bit(), -5, D), Level::None);
        assert_eq!(level(Tag::NumberAsk.bit(), 0, D), Level::Notice);
        assert_eq!(level(Tag::NumberAsk.bit(), 0, Settings { cautious: true }), Level::Warning);
    }

    #[test]
    fn threat_with_money_is_danger_from_anyone() {
        let t = Tag::Threat.bit() | Tag::Money.bit();
        for s in -8..10 {
            assert_eq!(level(t, s, D), Level::Danger);
        }
    }
}
