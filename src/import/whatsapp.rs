//! WhatsApp "Export chat" text files.
//!
//! * Android: `12/31/23, 9:41 PM - Name: text` (also 24-hour `31/12/2023, 21:41 - …`)
//! * iOS: `[31/12/23, 9:41:05 PM] Name: text` (often led by U+200E)
//!
//! Lines that do not start with a timestamp continue the previous message.
//! Timestamp lines without "Name: " are system lines (encryption notice, …) and skipped.
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
        "missed video call" => (MessageKind::MissedVideoCall, false),
        "missed voice call" | "missed audio call" => (MessageKind::MissedAudioCall, false),
        "video call" => (MessageKind::VideoCall, false),
        "voice call" => (MessageKind::AudioCall, false),
        "this message was deleted" | "you deleted this message" => (MessageKind::Text, true),
        _ => return None,
    })
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
    for (i, line) in text.lines().enumerate() {
        let line = clean(line);
        match header(&line) {
            Some(h) => {
                if h.a == 0 || h.b == 0 || h.a > 31 || h.b > 31 || (h.a > 12 && h.b > 12) || h.hour > 23 || h.minute > 59 {
                    return Err((i + 1, format!("impossible date or time in {line:?}")));
                }
                let secs = h.hour as i64 * 3600 + h.minute as i64 * 60 + h.second as i64;
                match h.rest.split_once(": ") {
                    Some((sender, body)) if !sender.is_empty() && sender.chars().count() <= 80 => {
                        in_system = false;
                        raws.push(Raw { a: h.a, b: h.b, year: h.year, secs, line: i + 1, sender: sender.to_string(), text: body.to_string() });
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
            (Some(me), _) => if r.sender == me { Sender::Me } else { Sender::Them },
            (None, Some(c)) => if r.sender == *c { Sender::Them } else { Sender::Me },
            (None, None) => Sender::Them,
        };
        let (kind, text) = match media_kind(&r.text) {
            Some((k, _)) => (k, None),
            None => (MessageKind::Text, Some(r.text.clone())),
        };
        messages.push(Message { from, author: None, at: Some(time::Timestamp::from_unix(secs)), kind, text });
    }
    let name = contact_name
        .or_else(|| raws.iter().map(|r| r.sender.clone()).find(|s| Some(s.as_str()) != me))
        .unwrap_or_else(|| "unknown".into());
    Ok(Conversation {
        contact: Contact::named(name),
        messages,
    })
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
