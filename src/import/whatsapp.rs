//! WhatsApp "Export chat" text files.
//!
//! * Android: `12/31/23, 9:41 PM - Name: text` (also 24-hour `31/12/2023, 21:41 - …`)
//! * iOS: `[31/12/23, 9:41:05 PM] Name: text` (often led by U+200E)
//!
//! Lines that do not start with a timestamp continue the previous message.
//! Timestamp lines without "Name: " are system lines (encryption notice, …) and skipped;
//! so are iOS lines whose text WhatsApp wrote itself ("‎~ A added ~ B", "‎Messages and
//! calls are end-to-end encrypted…"): iOS puts U+200E before such text.
//! A chat with more than two senders is a group (`group: true`): each message's
//! `author` is its sender, judged as their own contact (README "How it decides").
//! iOS writes a sender who is not in the phone's contacts as "~ Name"; the "~ " is dropped.
//! Day/month order is decided for the whole file (a first field above 12 means
//! day first; a second field above 12 means month first; otherwise day first, as
//! in India). Exports carry no time zone: times are read as UTC.

use crate::engine::time;
use crate::engine::{Contact, Conversation, Message, MessageKind, Sender};

struct Header<'a> {
    a: u32,
    b: u32,
    year: i64,
    hour: u32,
    minute: u32,
    second: u32,
    rest: &'a str,
}

fn digits(s: &str) -> (&str, &str) {
    let n = s.bytes().take_while(|b| b.is_ascii_digit()).count();
    s.split_at(n)
}

fn number(s: &str, min: usize, max: usize) -> Option<(u32, &str)> {
    let (d, rest) = digits(s);
    (d.len() >= min && d.len() <= max).then(|| (d.parse().ok(), rest)).and_then(|(n, r)| n.map(|n| (n, r)))
}

/// Parses the timestamp at the start of a line; `None` if it is not a header line.
fn header(line: &str) -> Option<Header<'_>> {
    let (ios, s) = match line.strip_prefix('[') {
        Some(s) => (true, s),
        None => (false, line),
    };
    let (a, s) = number(s, 1, 2)?;
    let sep = s.chars().next().filter(|c| matches!(c, '/' | '.' | '-'))?;
    let (b, s) = number(&s[1..], 1, 2)?;
    let s = s.strip_prefix(sep)?;
    let (y, s) = number(s, 2, 4)?;
    let s = s.strip_prefix(',').unwrap_or(s).trim_start();
    let (hour, s) = number(s, 1, 2)?;
    let s = s.strip_prefix(':')?;
    let (minute, s) = number(s, 2, 2)?;
    let (second, s) = match s.strip_prefix(':') {
        Some(s) => number(s, 2, 2)?,
        None => (0, s),
    };
    let t = s.trim_start();
    let (pm, s) = {
        let lower = t.get(..2).map(|x| x.to_ascii_lowercase());
        let lower4 = t.get(..4).map(|x| x.to_ascii_lowercase());
        match (lower.as_deref(), lower4.as_deref()) {
            (_, Some("a.m.")) => (Some(false), &t[4..]),
            (_, Some("p.m.")) => (Some(true), &t[4..]),
            (Some("am"), _) => (Some(false), &t[2..]),
            (Some("pm"), _) => (Some(true), &t[2..]),
            _ => (None, s),
        }
    };
    let hour = match pm {
        Some(pm) if (1..=12).contains(&hour) => hour % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => hour,
    };
    let rest = if ios {
        s.trim_start().strip_prefix(']')?.strip_prefix(' ')?
    } else {
        s.trim_start().strip_prefix('-')?.strip_prefix(' ')?
    };
    let year = if y < 100 { 2000 + y as i64 } else { y as i64 };
    Some(Header { a, b, year, hour, minute, second, rest })
}

fn clean(line: &str) -> String {
    line.trim_start_matches(['\u{200E}', '\u{200F}', '\u{FEFF}'])
        .replace(['\u{202F}', '\u{00A0}'], " ")
        .trim_end_matches('\r')
        .to_string()
}

/// The contact's name from the export's file name ("WhatsApp Chat with X", "WhatsApp Chat - X").
fn contact_from_file(stem: &str) -> Option<String> {
    for p in ["WhatsApp Chat with ", "WhatsApp Chat - ", "WhatsApp-Chat mit "] {
        if let Some(n) = stem.strip_prefix(p) {
            return Some(n.trim().to_string());
        }
    }
    None
}

fn media_kind(text: &str) -> Option<(MessageKind, bool)> {
    let t = text.trim().trim_start_matches('\u{200E}').to_lowercase();
    Some(match t.as_str() {
        "<media omitted>" | "image omitted" | "gif omitted" => (MessageKind::Image, false),
        "video omitted" => (MessageKind::Video, false),
        "audio omitted" | "voice message omitted" => (MessageKind::Audio, false),
        "sticker omitted" => (MessageKind::Sticker, false),
        "document omitted" | "contact card omitted" | "null" => (MessageKind::Text, true),
        "missed video call" => (MessageKind::MissedVideoCall, false),
        "missed voice call" | "missed audio call" => (MessageKind::MissedAudioCall, false),
        "video call" => (MessageKind::VideoCall, false),
        "voice call" => (MessageKind::AudioCall, false),
        "this message was deleted" | "you deleted this message" => (MessageKind::Text, true),
        _ => return None,
    })
}

/// iOS: text that WhatsApp itself wrote starts with U+200E. Omitted media and deleted
/// messages are read as such by `media_kind`; every other such line is a system event
/// (member added, joined by link, number changed, the encryption notice).
fn ios_system_line(body: &str) -> bool {
    body.starts_with('\u{200E}') && media_kind(body).is_none() && !body.trim_start_matches('\u{200E}').starts_with("<attached:")
}

/// The text without WhatsApp's " ‎<This message was edited>" mark.
fn without_edit_mark(body: &str) -> &str {
    match body.trim_end().strip_suffix("<This message was edited>") {
        Some(t) => t.trim_end_matches(['\u{200E}', ' ']),
        None => body,
    }
}

/// A sender as the export writes it, less iOS's "~ " for someone not in the contacts
/// and the spaces around it ("Aditya : hi").
fn sender_name(s: &str) -> &str {
    let s = s.trim();
    s.strip_prefix("~ ").map(str::trim_start).unwrap_or(s)
}

/// Parses an export. `file_stem` may name the contact; `me` names the user.
/// Errors carry the 1-based line number.
pub fn parse(text: &str, file_stem: &str, me: Option<&str>) -> Result<Conversation, (usize, String)> {
    struct Raw {
        a: u32,
        b: u32,
        year: i64,
        secs: i64,
        line: usize,
        sender: String,
        text: String,
    }
    let mut raws: Vec<Raw> = Vec::new();
    let mut in_system = false;
    // iOS names a group as the sender of its encryption notice.
    let mut notice_sender: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let line = clean(line);
        match header(&line) {
            Some(h) => {
                if h.a == 0 || h.b == 0 || h.a > 31 || h.b > 31 || (h.a > 12 && h.b > 12) || h.hour > 23 || h.minute > 59 {
                    return Err((i + 1, format!("impossible date or time in {line:?}")));
                }
                let secs = h.hour as i64 * 3600 + h.minute as i64 * 60 + h.second as i64;
                match h.rest.split_once(": ") {
                    Some((sender, body)) if ios_system_line(body) => {
                        in_system = true;
                        if body.contains("end-to-end encrypted") && notice_sender.is_none() {
                            notice_sender = Some(sender_name(sender).to_string());
                        }
                    }
                    Some((sender, body)) if !sender.is_empty() && sender.chars().count() <= 80 => {
                        in_system = false;
                        let sender = sender_name(sender).to_string();
                        raws.push(Raw { a: h.a, b: h.b, year: h.year, secs, line: i + 1, sender, text: body.to_string() });
                    }
                    _ => in_system = true, // "Messages and calls are end-to-end encrypted…"
                }
            }
            None => {
                if raws.is_empty() && !in_system {
                    if line.trim().is_empty() {
                        continue;
                    }
                    return Err((i + 1, "not a WhatsApp chat export: this line has no \"date, time - name: text\" start".into()));
                }
                if !in_system {
                    if let Some(last) = raws.last_mut() {
                        last.text.push('\n');
                        last.text.push_str(&line);
                    }
                }
            }
        }
    }
    if raws.is_empty() {
        return Err((1, "no messages found in this WhatsApp export".into()));
    }
    let day_first = raws.iter().any(|r| r.a > 12) || !raws.iter().any(|r| r.b > 12);
    let mut senders: Vec<&str> = raws.iter().map(|r| r.sender.as_str()).collect();
    senders.sort_unstable();
    senders.dedup();
    let group = senders.len() > 2;
    let contact_name = contact_from_file(file_stem);
    let mut messages = Vec::with_capacity(raws.len());
    for r in &raws {
        let (d, m) = if day_first { (r.a, r.b) } else { (r.b, r.a) };
        if m > 12 {
            return Err((r.line, "month above 12 (mixed date formats?)".into()));
        }
        let Some(day) = time::day_number(r.year, m, d) else {
            return Err((r.line, format!("impossible date: day {d} of month {m} of {}", r.year)));
        };
        let secs = day * time::DAY + r.secs;
        let from = match (me, &contact_name) {
            (Some(me), _) => if r.sender == sender_name(me) { Sender::Me } else { Sender::Them },
            (None, _) if group => Sender::Them,
            (None, Some(c)) => if r.sender == *c { Sender::Them } else { Sender::Me },
            (None, None) => Sender::Them,
        };
        let (kind, text) = match media_kind(&r.text) {
            Some((k, _)) => (k, None),
            None => (MessageKind::Text, Some(without_edit_mark(&r.text).to_string())),
        };
        let author = group.then(|| r.sender.clone());
        messages.push(Message { from, author, at: Some(time::Timestamp::from_unix(secs)), kind, text });
    }
    let name = if group {
        contact_name.or(notice_sender).unwrap_or_else(|| "group".into())
    } else {
        contact_name
            .or_else(|| raws.iter().map(|r| r.sender.clone()).find(|s| Some(s.as_str()) != me.map(sender_name)))
            .unwrap_or_else(|| "unknown".into())
    };
    let mut contact = Contact::named(name);
    contact.group = group;
    Ok(Conversation { contact, messages })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn android_us_format_with_multiline_and_system_lines() {
        let t = "12/31/23, 9:41 PM - Messages and calls are end-to-end encrypted. No one outside of this chat can read them.\n\
                 12/31/23, 9:41 PM - Priya: Hello, if you're alone,\nthen video-call me.\n\
                 12/31/23, 9:42 PM - Ramesh: ok\n\
                 12/31/23, 10:02 PM - Priya: <Media omitted>\n";
        let c = parse(t, "WhatsApp Chat with Priya", None).unwrap();
        assert_eq!(c.messages.len(), 3);
        assert_eq!(c.messages[0].text.as_deref(), Some("Hello, if you're alone,\nthen video-call me."));
        assert_eq!(c.messages[0].at.map(|t| t.to_string()).as_deref(), Some("2023-12-31T21:41:00Z"));
        assert_eq!(c.messages[1].from, Sender::Me);
        assert_eq!(c.messages[2].kind, MessageKind::Image);
    }

    #[test]
    fn ios_format() {
        let t = "\u{200E}[31/12/23, 9:41:05\u{202F}PM] Priya: पैसे दो वरना वीडियो वायरल कर देंगे\n[31/12/23, 9:42:00 PM] Ramesh: ?\n[01/01/24, 12:05:00 AM] Priya: \u{200E}Missed video call\n";
        let c = parse(t, "x", Some("Ramesh")).unwrap();
        assert_eq!(c.contact.name, "Priya");
        assert_eq!(c.messages[0].at.map(|t| t.to_string()).as_deref(), Some("2023-12-31T21:41:05Z"));
        assert_eq!(c.messages[2].at.map(|t| t.to_string()).as_deref(), Some("2024-01-01T00:05:00Z"));
        assert_eq!(c.messages[2].kind, MessageKind::MissedVideoCall);
        assert_eq!(c.messages[1].from, Sender::Me);
    }

    /// An iOS group export as WhatsApp writes it (the shape of the vendored
    /// tests/data/real-chats/ group): the group named on the encryption notice, system
    /// events and media marked with U+200E, "~ " before numbers not in the contacts.
    #[test]
    fn ios_group_each_sender_is_an_author_and_system_lines_are_skipped() {
        let t = "[14/12/24, 11:15:50 PM] Campus Group: \u{200E}Messages and calls are end-to-end encrypted. Only people in this chat can read, listen to, or share them.\r\n\
                 [15/12/24, 9:52:12 PM] ~\u{202F}Subham: Guys there is a leopard near the lake\r\n\
                 \u{200E}[15/12/24, 10:08:39 PM] ~\u{202F}DL: \u{200E}video omitted\r\n\
                 [15/12/24, 10:10:04 PM] Aditya : Stay in the library \u{200E}<This message was edited>\r\n\
                 [19/01/25, 4:44:27 PM] ~\u{202F}Sushil: \u{200E}~\u{202F}Piyush added ~\u{202F}Sushil\r\n\
                 [27/12/24, 10:06:25 PM] Gaurab: \u{200E}\u{200E}Gaurab changed their phone number to a new number. \u{200E}Tap to message or add the new number.\r\n\
                 continued text of a system line\r\n\
                 [01/01/25, 12:00:42 AM] ~\u{202F}Subham: Happy New Year\r\nto everyone\r\n";
        let c = parse(t, "_chat", None).unwrap();
        assert!(c.contact.group);
        assert_eq!(c.contact.name, "Campus Group");
        let authors: Vec<_> = c.messages.iter().map(|m| m.author.as_deref().unwrap()).collect();
        assert_eq!(authors, ["Subham", "DL", "Aditya", "Subham"]);
        assert!(c.messages.iter().all(|m| m.from == Sender::Them));
        assert_eq!(c.messages[1].kind, MessageKind::Video);
        assert_eq!(c.messages[2].text.as_deref(), Some("Stay in the library"));
        assert_eq!(c.messages[3].text.as_deref(), Some("Happy New Year\nto everyone"));
        assert_eq!(c.messages[3].at.map(|t| t.to_string()).as_deref(), Some("2025-01-01T00:00:42Z"));
        // The user, named as the export writes them (with or without the "~ "), is "me".
        let c = parse(t, "_chat", Some("~ Subham")).unwrap();
        assert_eq!(c.messages[0].from, Sender::Me);
        assert_eq!(c.messages[1].from, Sender::Them);
    }

    /// Two senders are a one-to-one chat, whatever the file is called; the iOS
    /// encryption notice (sent "by" the contact) is not a message.
    #[test]
    fn ios_two_people_are_not_a_group() {
        let t = "[02/12/24, 11:47:06 PM] Ishitaa: \u{200E}Messages and calls are end-to-end encrypted.\n\
                 [02/12/24, 11:47:06 PM] Parth: Who kept the basketball\n\
                 [02/12/24, 11:47:43 PM] Ishitaa: Uske baad abhinav has been going to play\n\
                 [02/12/24, 11:48:00 PM] Ishitaa: \u{200E}Contact card omitted\n";
        let c = parse(t, "_chat 2", Some("Parth")).unwrap();
        assert!(!c.contact.group);
        assert_eq!(c.contact.name, "Ishitaa");
        assert_eq!(c.messages.len(), 3);
        assert!(c.messages.iter().all(|m| m.author.is_none()));
        assert_eq!((c.messages[0].from, c.messages[1].from), (Sender::Me, Sender::Them));
        assert_eq!(c.messages[2].text, None);
    }

    /// Android group: system lines have no "Name: "; three senders make a group, and
    /// with the file named after the group, the group is the contact.
    #[test]
    fn android_group_from_its_file_name() {
        let t = "29/06/2022, 23:11 - Didi created group \"familia\"\n\
                 29/06/2025, 14:59 - Mummy: Kya delete ki\n\
                 29/06/2025, 16:52 - Didi: Heheheehe nhi batayungi\n\
                 29/06/2025, 16:53 - Papa added Anant\n\
                 29/06/2025, 16:54 - Anant: Bacchiii\n";
        let c = parse(t, "WhatsApp Chat with familia", Some("Anant")).unwrap();
        assert!(c.contact.group);
        assert_eq!(c.contact.name, "familia");
        let who: Vec<_> = c.messages.iter().map(|m| (m.author.as_deref().unwrap(), m.from)).collect();
        assert_eq!(who, [("Mummy", Sender::Them), ("Didi", Sender::Them), ("Anant", Sender::Me)]);
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(parse("hello there\n", "x", None).unwrap_err().0, 1);
        assert_eq!(parse("1/1/24, 10:00 - A: hi\n13/13/24, 10:00 - A: hi\n", "x", None).unwrap_err().0, 2);
        // 31 February passes the line's own checks and is refused by the calendar, naming its line.
        let e = parse("1/1/24, 10:00 - A: hi\n31/02/24, 10:00 - A: hi\n", "x", None).unwrap_err();
        assert_eq!(e.0, 2, "{e:?}");
        assert!(e.1.contains("impossible date"), "{e:?}");
    }
}
