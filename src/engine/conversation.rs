//! The public conversation format: what the page shows about one contact and the
//! messages exchanged with them. Documented in README.md; keep the field names.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    pub contact: Contact,
    #[serde(default)]
    pub messages: Vec<Message>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_url: Option<String>,
    pub friend_status: FriendStatus,
    /// RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub friends_since: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mutual_friends: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub friend_count: Option<u32>,
    /// "YYYY" or "YYYY-MM".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lives_in: Option<String>,
    // Contract v2 (contract.md): what a thread's header card and the reader's memory give.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub works_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_visible: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
}

impl Contact {
    /// A contact known only by name (imports, or before the page shows more).
    pub fn named(name: String) -> Contact {
        Contact {
            name,
            profile_url: None,
            friend_status: FriendStatus::Unknown,
            friends_since: None,
            mutual_friends: None,
            friend_count: None,
            joined: None,
            lives_in: None,
            works_at: None,
            group: None,
            start_visible: None,
            conversation_start: None,
            first_seen: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FriendStatus {
    RequestReceived,
    Friends,
    NotFriends,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sender {
    Them,
    Me,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    #[default]
    Text,
    Forwarded,
    Image,
    Video,
    Sticker,
    Link,
    Audio,
    VideoCall,
    MissedVideoCall,
    AudioCall,
    MissedAudioCall,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub from: Sender,
    /// RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    #[serde(default)]
    pub kind: MessageKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}
