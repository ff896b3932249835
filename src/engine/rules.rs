//! Rule definitions, compiled from `rules/*.toml` by the build script into compact
//! JSON and embedded here (no TOML parser in the WebAssembly module).

use super::assessment::Stage;
use super::names::named;
use serde::Deserialize;

named! {
    /// What kind of cue a rule recognises; the combination logic reasons about tags.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Tag {
        Greeting = "greeting",
        Forward = "forward",
        Flattery = "flattery",
        Personal = "personal",
        Intimacy = "intimacy",
        NumberAsk = "number_ask",
        AppMove = "app_move",
        VcInvite = "vc_invite",
        Sexual = "sexual",
        Threat = "threat",
        Countdown = "countdown",
        Money = "money",
        Impostor = "impostor",
        /// "I recorded you", "screen recording": the lever of the extortion.
        Recording = "recording",
        /// Not in rule files: a video-call event the contact placed.
        Call = "call",
        /// Context, from either side: kinship terms ("beta", "papa", "नानी").
        Kin = "kin",
        /// Context: an item listed for sale (Marketplace).
        Listing = "listing",
        /// Context: matrimony talks between families.
        Matrimony = "matrimony",
        /// Context: a clinic, a class, a tuition teacher.
        Service = "service",
        /// Context: an alumni, society or family circle.
        Circle = "circle",
        /// From the user: "who are you", "आप कौन", "तुम्ही कोण".
        WhoAreYou = "who_are_you",
        /// A message about scams (a warning, the news): its asks and threats are quoted.
        Caution = "caution",
        /// The contact paying the user ("I will pay you back", an honorarium): money
        /// in that message is not a demand.
        Payout = "payout",
        /// The threat's object is the user's own (his video, photos, chats) or his
        /// family and friends as the audience: "your video", "aapke gharwale". Not a
        /// step on its own: it makes a threat one aimed at the user (issue 12).
        Aimed = "aimed",
        /// A messaging app named (WhatsApp, Telegram, Instagram, IMO, in any script).
        /// Not a step on its own: with an id ("@name") or a phone number in the same
        /// message from the contact it is the move off Facebook (`tracker::contact_id`).
        AppName = "app_name",
        /// Context, said by the user: what a service costs ("fees kitni?"). A service he
        /// engaged himself, even when the contact named it first (issue 12).
        FeeAsk = "fee_ask",
        /// The "or else" of a demand ("pay, or else…", "warna", "नाहीतर"): it aims a
        /// threat said with it at the user who is to pay. Unlike `Aimed` it names
        /// nothing of his: with money alone ("transfer 2000 for the saree, I'll forget
        /// otherwise") it ties the demand to no video or call (issue 12).
        OrElse = "or_else",
        /// The move off Facebook with its reason of secrecy: it is not private here
        /// ("people see", "fb eats my msgs", "इथे बँकेचे लोक बघतात") or a private place to
        /// talk. A clinic, a bank or a class never needs that (issue 12, w7 and w8).
        Secrecy = "secrecy",
        /// Context, counted only when the user says it before the contact courted him:
        /// a life shared with her ("the house is quiet without you", "tumhari yaad aa
        /// rahi"). A wife away at her sister's, not a stranger of a few days (issue 12).
        SharedLife = "shared_life",
        /// Context: an identity check on video for an account or pension he holds (a
        /// bank's video KYC, a pension's life certificate). It weighs only while the
        /// contact keeps the check on the institution's own channel: asking him to move
        /// off Facebook voids it (`tracker::Tracker::evaluate`), as courting does.
        IdCheck = "id_check",
        /// Not in rule files: an emoji of affection in the contact's own message (hearts,
        /// kisses, flowers: `rules/word_lists.toml`, list `affection`). Courting shown, not
        /// said: it counts with flattery, personal questions and intimacy, but the user's
        /// answer to it is not an answer to her questions (tests/tuning/README.md, round ten).
        Affection = "affection",
        /// Context, from either side: what the talk is FOR, named in the words of its
        /// errand (a repair, a family occasion, a rite, his treatment, a work's papers,
        /// a thing found, a lesson): `rules/context.toml`, `context.purpose.*`. It keeps
        /// a bare move off Facebook or call at a notice, never a threat, a demand or a
        /// recording (`combine::level_for`; tests/tuning/README.md, round twelve).
        Purpose = "purpose",
    }
}

impl Tag {
    pub fn bit(self) -> u32 {
        1 << (self as u32)
    }

    /// Context cues: about who the two are, not steps of the chain.
    pub fn is_context(self) -> bool {
        matches!(self, Tag::Kin | Tag::SharedLife | Tag::Listing | Tag::Matrimony | Tag::Service | Tag::Circle | Tag::FeeAsk | Tag::WhoAreYou | Tag::Caution | Tag::Payout | Tag::IdCheck | Tag::Purpose)
    }

    /// Cues that count when the user says them (only context).
    pub fn said_by_user(self) -> bool {
        self.is_context() && !matches!(self, Tag::Caution | Tag::Payout)
    }

    /// Cues that only qualify a threat (whom it is aimed at): never a step or a reason
    /// of their own.
    pub fn qualifies_only(self) -> bool {
        matches!(self, Tag::Aimed | Tag::OrElse)
    }

    /// Steps that a quote or a forward does not make the sender's own.
    pub fn is_ask_or_threat(self) -> bool {
        !matches!(self, Tag::Greeting | Tag::Forward | Tag::Flattery | Tag::Personal | Tag::Intimacy | Tag::Affection) && !self.is_context()
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Rule {
    pub id: String,
    pub stage: Stage,
    pub tag: Tag,
    pub language: String,
    /// Every group must match (any one phrase of it) within one message.
    pub groups: Vec<Vec<String>>,
    /// Any of these vetoes the rule for that message.
    #[serde(default)]
    pub unless: Vec<String>,
}

/// The rules shipped with the crate, as compiled JSON (with their patterns: for
/// `Engine::from_json`, tests and tools; the shipped engine embeds BUILTIN_RULES).
#[cfg(not(target_arch = "wasm32"))]
pub const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/rules.json"));

// The built-in rules without pattern text (each group empty, only their count kept):
// the patterns are in BUILTIN_PLAN, normalised. A table of literals made by
// build.rs, read without a JSON deserializer (which would otherwise ship in
// the content script's module for this alone: ~14 KB gzip, measured).
include!(concat!(env!("OUT_DIR"), "/rules_builtin.rs"));

/// `BUILTIN_RULES` as rules (groups empty, `unless` empty, `language` empty: the
/// shipped engine never reads a rule's language, so the table leaves it out).
pub fn builtin_lite() -> Result<Vec<Rule>, String> {
    // A loop, not `map(..).collect::<Result<_, _>>()`: the same first error, without
    // the iterator adapter's copy of the closure (docs/performance.md "Size", size3).
    let mut rules = Vec::new();
    // `split_terminator('\n')`, not `lines()`: the table ends each line with a bare
    // '\n' (build/rules.rs), and `str::Split`'s searcher for a char is in the module
    // already, `Lines` only here (docs/performance.md "Size, round 43").
    for line in BUILTIN_RULES.split_terminator('\n') {
        let mut f = line.split(' ');
        let (Some(id), Some(stage), Some(tag), Some(groups), None) = (f.next(), f.next(), f.next(), f.next(), f.next()) else {
            return Err(format!("built-in rule line {line:?} is not \"id stage tag groups\""));
        };
        rules.push(Rule {
            id: id.to_string(),
            stage: stage_named(stage).ok_or_else(|| format!("rule '{id}': unknown stage '{stage}'"))?,
            tag: tag_named(tag).ok_or_else(|| format!("rule '{id}': unknown tag '{tag}'"))?,
            language: String::new(),
            groups: vec![Vec::new(); groups.parse().map_err(|_| format!("rule '{id}': group count '{groups}'"))?],
            unless: Vec::new(),
        });
    }
    Ok(rules)
}

fn stage_named(s: &str) -> Option<Stage> {
    Stage::named(s)
}

fn tag_named(s: &str) -> Option<Tag> {
    Tag::named(s)
}

/// The automaton plan of the built-in rules, worked out by build.rs (see `plan`).
pub const BUILTIN_PLAN: &str = include_str!(concat!(env!("OUT_DIR"), "/plan.txt"));

pub fn parse(json: &str) -> Result<Vec<Rule>, String> {
    serde_json::from_str(json).map_err(|e| format!("rules: {e}"))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_table_is_the_compiled_rules_without_their_patterns() {
        let full = parse(BUILTIN_JSON).unwrap();
        let lite = builtin_lite().unwrap();
        assert_eq!(lite.len(), full.len());
        for (l, f) in lite.iter().zip(&full) {
            assert_eq!((&l.id, l.stage, l.tag, l.groups.len()), (&f.id, f.stage, f.tag, f.groups.len()));
            assert!(l.groups.iter().all(|g| g.is_empty()) && l.unless.is_empty() && l.language.is_empty());
        }
    }
}
