//! The public conversation format: what the page shows about one contact and the
//! messages exchanged with them. Documented in README.md; keep the field names.
//! Times are [`Timestamp`]s: parsed once, when the JSON is read (an impossible
//! date or offset is an error naming the field), integers after that.

use super::names::named;
use super::time::{field, Timestamp};
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
    /// RFC 3339, or the date as the page gives it ("2019-03": known to the month).
    #[serde(default, deserialize_with = "field::friends_since", skip_serializing_if = "Option::is_none")]
    pub friends_since: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mutual_friends: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub friend_count: Option<u32>,
    /// "YYYY" or "YYYY-MM".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lives_in: Option<String>,
    /// Contract v2 (README "The conversation format"): every field below is optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub works_at: Option<String>,
    /// A group chat: each author is judged as their own contact.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub group: bool,
    /// The thread's top card is loaded: the first message listed is the first ever.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub start_visible: bool,
    /// RFC 3339: time of the first message ever exchanged, when known.
    #[serde(default, deserialize_with = "field::conversation_start", skip_serializing_if = "Option::is_none")]
    pub conversation_start: Option<Timestamp>,
    /// RFC 3339: when the extension first saw this contact.
    #[serde(default, deserialize_with = "field::first_seen", skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<Timestamp>,
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
            group: false,
            start_visible: false,
            conversation_start: None,
            first_seen: None,
        }
    }
}

named! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum FriendStatus {
        RequestReceived = "request_received",
        Friends = "friends",
        NotFriends = "not_friends",
        Unknown = "unknown",
    }
}

named! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Sender {
        Them = "them",
        Me = "me",
    }
}

named! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum MessageKind {
        #[default]
        Text = "text",
        Forwarded = "forwarded",
        Image = "image",
        Video = "video",
        Sticker = "sticker",
        Link = "link",
        Audio = "audio",
        VideoCall = "video_call",
        MissedVideoCall = "missed_video_call",
        AudioCall = "audio_call",
        MissedAudioCall = "missed_audio_call",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// Who wrote it; for call events, who placed the call.
    pub from: Sender,
    /// In a group chat: the member who wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// RFC 3339 on the wire; integers inside.
    #[serde(default, deserialize_with = "field::at", skip_serializing_if = "Option::is_none")]
    pub at: Option<Timestamp>,
    #[serde(default)]
    pub kind: MessageKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}
