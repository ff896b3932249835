//! Per-contact memory the browser persists between visits: the chain is spread
//! over days or weeks and a thread only shows its latest messages. Never any
//! message text: only profile facts, stages reached, rule ids, counts and dates.
//! Every field has a default, so older and newer versions read each other; a
//! stored time this version cannot read is dropped alone (`time::field::lenient`).

use super::assessment::Stage;
use super::conversation::FriendStatus;
use super::time::{field, Timestamp};
use serde::{Deserialize, Serialize};

/// Current layout version of [`ContactFacts`].
pub const FACTS_VERSION: u32 = 1;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactFacts {
    pub version: u32,
    /// RFC 3339: the earliest message time seen with this contact.
    #[serde(deserialize_with = "field::lenient")]
    pub first_seen: Option<Timestamp>,
    pub friend_status: Option<FriendStatus>,
    /// As the page gave it ("2019-03" when known to the month).
    #[serde(deserialize_with = "field::lenient")]
    pub friends_since: Option<Timestamp>,
    pub mutual_friends: Option<u32>,
    pub friend_count: Option<u32>,
    pub joined: Option<String>,
    /// Stages reached, in chain order.
    pub stages: Vec<StageFact>,
    pub messages_seen: u32,
    /// RFC 3339: the latest message time seen.
    #[serde(deserialize_with = "field::lenient")]
    pub last_activity: Option<Timestamp>,
    /// The earliest message time ever seen with this contact (a long shared history
    /// lowers suspicion). Contract v2; absent in older stored values.
    #[serde(deserialize_with = "field::lenient", skip_serializing_if = "Option::is_none")]
    pub earliest_message: Option<Timestamp>,
    /// When the conversation began, when its start was once visible or given.
    #[serde(deserialize_with = "field::lenient", skip_serializing_if = "Option::is_none")]
    pub conversation_start: Option<Timestamp>,
    /// When the extension first saw this contact.
    #[serde(deserialize_with = "field::lenient", skip_serializing_if = "Option::is_none")]
    pub contact_first_seen: Option<Timestamp>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StageFact {
    pub stage: Stage,
    /// RFC 3339 (UTC): when the stage was first seen, if the message had a time.
    #[serde(deserialize_with = "field::lenient")]
    pub first_at: Option<Timestamp>,
    /// Ids of the rules (or "kind.*" message kinds) seen at this stage.
    pub rules: Vec<String>,
    pub count: u32,
}
