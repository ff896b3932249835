//! What the engine says about one conversation.

use super::names::named;
use serde::{Deserialize, Serialize};

named! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
    pub enum Level {
        #[default]
        None = "none",
        Notice = "notice",
        Warning = "warning",
        Danger = "danger",
    }
}

named! {
    /// The documented chain, in order.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
    pub enum Stage {
        #[default]
        None = "none",
        Contact = "contact",
        Grooming = "grooming",
        OffPlatform = "off_platform",
        VideoCall = "video_call",
        Extortion = "extortion",
    }
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
