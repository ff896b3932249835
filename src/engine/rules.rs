//! Rule definitions, compiled from `rules/*.toml` by the build script into compact
//! JSON and embedded here (no TOML parser in the WebAssembly module).

use super::assessment::Stage;
use serde::Deserialize;

/// What kind of cue a rule recognises; the combination logic reasons about tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    Greeting,
    Forward,
    Flattery,
    Personal,
    Intimacy,
    NumberAsk,
    AppMove,
    VcInvite,
    Sexual,
    Threat,
    Countdown,
    Money,
    Impostor,
    /// Not in rule files: a video-call event in the thread.
    Call,
}

impl Tag {
    pub fn bit(self) -> u32 {
        1 << (self as u32)
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

/// `BUILTIN_RULES` as rules (groups empty, `unless` empty).
pub fn builtin_lite() -> Result<Vec<Rule>, String> {
    BUILTIN_RULES
        .iter()
        .map(|&(id, stage, tag, language, groups)| {
            Ok(Rule {
                id: id.to_string(),
                stage: stage_named(stage).ok_or_else(|| format!("rule '{id}': unknown stage '{stage}'"))?,
                tag: tag_named(tag).ok_or_else(|| format!("rule '{id}': unknown tag '{tag}'"))?,
                language: language.to_string(),
                groups: vec![Vec::new(); groups],
                unless: Vec::new(),
            })
        })
        .collect()
}

fn stage_named(s: &str) -> Option<Stage> {
    Some(match s {
        "none" => Stage::None,
        "contact" => Stage::Contact,
        "grooming" => Stage::Grooming,
        "off_platform" => Stage::OffPlatform,
        "video_call" => Stage::VideoCall,
        "extortion" => Stage::Extortion,
        _ => return None,
    })
}

fn tag_named(s: &str) -> Option<Tag> {
    Some(match s {
        "greeting" => Tag::Greeting,
        "forward" => Tag::Forward,
        "flattery" => Tag::Flattery,
        "personal" => Tag::Personal,
        "intimacy" => Tag::Intimacy,
        "number_ask" => Tag::NumberAsk,
        "app_move" => Tag::AppMove,
        "vc_invite" => Tag::VcInvite,
        "sexual" => Tag::Sexual,
        "threat" => Tag::Threat,
        "countdown" => Tag::Countdown,
        "money" => Tag::Money,
        "impostor" => Tag::Impostor,
        "call" => Tag::Call,
        _ => return None,
    })
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
            assert_eq!((&l.id, l.stage, l.tag, &l.language, l.groups.len()), (&f.id, f.stage, f.tag, &f.language, f.groups.len()));
            assert!(l.groups.iter().all(|g| g.is_empty()) && l.unless.is_empty());
        }
    }
}
