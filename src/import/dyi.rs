//! Facebook "Download your information" (JSON) message threads:
//! `messages/inbox/<thread>/message_1.json` (+ `message_2.json` … for long threads).
//! Facebook writes each UTF-8 byte of non-ASCII text as a separate \u00XX escape
//! (latin-1 mojibake: "à¤¨à¤®" for "नम"); [`fix_mojibake`] undoes it.

use super::{ImportError, Loaded};
use crate::engine::time;
use crate::engine::{Contact, Conversation, Message, MessageKind, Sender};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Export {
    participants: Vec<Participant>,
    messages: Vec<Msg>,
}

#[derive(Deserialize)]
struct Participant {
    name: String,
}

#[derive(Deserialize)]
struct Msg {
    sender_name: String,
    timestamp_ms: i64,
    #[serde(default)]
    content: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    photos: Option<serde_json::Value>,
    #[serde(default)]
    videos: Option<serde_json::Value>,
    #[serde(default)]
    audio_files: Option<serde_json::Value>,
    #[serde(default)]
    sticker: Option<serde_json::Value>,
    #[serde(default)]
    share: Option<serde_json::Value>,
    #[serde(default)]
    call_duration: Option<i64>,
}

/// Undoes Facebook's mojibake: a string whose characters are all below U+0100 and
/// whose code points, read as bytes, form valid UTF-8 is decoded as that UTF-8.
pub fn fix_mojibake(s: &str) -> String {
    if s.is_ascii() || s.chars().any(|c| c as u32 > 0xFF) {
        return s.to_string();
    }
    let bytes: Vec<u8> = s.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8(bytes).unwrap_or_else(|_| s.to_string())
}

fn kind_of(m: &Msg, content: &str) -> MessageKind {
    let lower = content.to_lowercase();
    let video = lower.contains("video chat") || lower.contains("video call");
    let missed = lower.contains("missed");
    if m.kind.as_deref() == Some("Call") || video || lower.contains("called you") || lower.starts_with("you called") {
        let missed = missed || m.call_duration == Some(0);
        return match (video, missed) {
            (true, true) => MessageKind::MissedVideoCall,
            (true, false) => MessageKind::VideoCall,
            (false, true) => MessageKind::MissedAudioCall,
            (false, false) => MessageKind::AudioCall,
        };
    }
    if m.photos.is_some() {
        MessageKind::Image
    } else if m.videos.is_some() {
        MessageKind::Video
    } else if m.audio_files.is_some() {
        MessageKind::Audio
    } else if m.sticker.is_some() {
        MessageKind::Sticker
    } else if m.share.is_some() {
        MessageKind::Link
    } else {
        MessageKind::Text
    }
}

/// One thread from its parsed `message_N.json` parts. `me` names the account owner;
/// without it, the last participant (Facebook lists the owner last).
pub fn parse(parts: &[serde_json::Value], me: Option<&str>) -> Result<Conversation, String> {
    let mut participants: Vec<String> = Vec::new();
    let mut msgs: Vec<Msg> = Vec::new();
    for p in parts {
        let e: Export = serde_json::from_value(p.clone()).map_err(|e| format!("Facebook export: {e}"))?;
        for q in e.participants {
            let n = fix_mojibake(&q.name);
            if !participants.contains(&n) {
                participants.push(n);
            }
        }
        msgs.extend(e.messages);
    }
    let me = match me {
        Some(m) => m.to_string(),
        None => participants.last().cloned().ok_or("Facebook export: no participants")?,
    };
    let contact_name = participants.iter().find(|p| **p != me).cloned().unwrap_or_else(|| "unknown".into());
    msgs.sort_by_key(|m| m.timestamp_ms); // exports list the newest first
    let messages = msgs
        .iter()
        .map(|m| {
            let content = m.content.as_deref().map(fix_mojibake).unwrap_or_default();
            let kind = kind_of(m, &content);
            let from = if fix_mojibake(&m.sender_name) == me { Sender::Me } else { Sender::Them };
            let text = (!content.is_empty() && matches!(kind, MessageKind::Text | MessageKind::Link)).then_some(content);
            Message { from, author: None, at: time::Timestamp::try_from_unix(m.timestamp_ms.div_euclid(1000)), kind, text }
        })
        .collect();
    Ok(Conversation {
        contact: Contact::named(contact_name),
        messages,
    })
}

/// A thread directory: merges message_1.json, message_2.json, …
pub fn load_thread(dir: &Path, me: Option<&str>) -> Result<Loaded, ImportError> {
    let first = dir.join("message_1.json");
    let file = first.display().to_string();
    let mut parts = Vec::new();
    for n in 1.. {
        let p = dir.join(format!("message_{n}.json"));
        if !p.exists() {
            break;
        }
        let f = p.display().to_string();
        let text = std::fs::read_to_string(&p).map_err(|e| ImportError { file: f.clone(), line: None, message: e.to_string() })?;
        let v: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| ImportError { file: f.clone(), line: Some(e.line()), message: e.to_string() })?;
        parts.push(v);
    }
    let conversation = parse(&parts, me).map_err(|m| ImportError { file: file.clone(), line: None, message: m })?;
    Ok(Loaded { file, conversation })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_is_undone() {
        // "नमस्ते" as Facebook writes it: each UTF-8 byte a latin-1 character.
        let moji: String = "नमस्ते 🌹".bytes().map(|b| b as char).collect();
        assert_eq!(fix_mojibake(&moji), "नमस्ते 🌹");
        assert_eq!(fix_mojibake("café"), "café"); // é alone is not valid UTF-8: kept
        assert_eq!(fix_mojibake("plain"), "plain");
    }

    #[test]
    fn parses_a_thread() {
        let moji: String = "पैसे दो वरना वीडियो वायरल कर देंगे".bytes().map(|b| b as char).collect();
        let json = serde_json::json!({
            "participants": [{"name": "Anushka Sharma"}, {"name": "Ramesh Kulkarni"}],
            "messages": [
                {"sender_name": "Anushka Sharma", "timestamp_ms": 1764000300000i64, "content": moji, "type": "Generic"},
                {"sender_name": "Anushka Sharma", "timestamp_ms": 1764000200000i64, "content": "Anushka Sharma started a video chat", "type": "Call", "call_duration": 120},
                {"sender_name": "Ramesh Kulkarni", "timestamp_ms": 1764000100000i64, "content": "hello", "type": "Generic"}
            ]
        });
        let c = parse(&[json], None).unwrap();
        assert_eq!(c.contact.name, "Anushka Sharma");
        assert_eq!(c.messages[0].from, Sender::Me);
        assert_eq!(c.messages[1].kind, MessageKind::VideoCall);
        assert_eq!(c.messages[2].text.as_deref(), Some("पैसे दो वरना वीडियो वायरल कर देंगे"));
    }
}
