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
/// `Engine::from_json`, tests and tools; the shipped engine embeds BUILTIN_LITE_JSON).
#[cfg(not(target_arch = "wasm32"))]
pub const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/rules.json"));

/// The built-in rules without pattern text (each group empty, only their count kept):
/// the patterns are in BUILTIN_PLAN, normalised.
pub const BUILTIN_LITE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/rules_builtin.json"));

/// The automaton plan of the built-in rules, worked out by build.rs (see `plan`).
pub const BUILTIN_PLAN: &str = include_str!(concat!(env!("OUT_DIR"), "/plan.txt"));

pub fn parse(json: &str) -> Result<Vec<Rule>, String> {
    serde_json::from_str(json).map_err(|e| format!("rules: {e}"))
}
