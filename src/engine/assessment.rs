//! What the engine says about one conversation.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    #[default]
    None,
    Notice,
    Warning,
    Danger,
}

/// The documented chain, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[default]
    None,
    Contact,
    Grooming,
    OffPlatform,
    VideoCall,
    Extortion,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Index into the conversation's messages; `None` for profile evidence.
    pub message: Option<usize>,
    pub stage: Stage,
    pub rule: String,
    /// The words that matched, as they appear in the message (or a profile fact).
    pub matched: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Assessment {
    pub level: Level,
    pub stage: Stage,
    pub evidence: Vec<Evidence>,
    pub first_warning_at: Option<usize>,
}
