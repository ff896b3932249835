//! The words of a warning, tied to the evidence: which stage, which message,
//! how many days after becoming friends. Pure Rust (all strings come from the
//! catalogues through `i18n`); the DOM code only lays these out.
use crate::engine::time::{self, Timestamp};
use crate::engine::{Assessment, Contact, Conversation, Evidence, FriendStatus, Level, Stage};
use crate::state::settings::Language;
use crate::web::i18n::{t, tr};

/// Longest quote of a flagged message shown in the banner (characters).
pub const MAX_QUOTE_CHARS: usize = 160;
/// Longest contact name shown in a warning (characters; longer ones end in "…").
pub const MAX_NAME_CHARS: usize = 40;
/// FIRST STRONG ISOLATE / POP DIRECTIONAL ISOLATE: around every name put into a
/// sentence, so that a name's own direction (an open U+202E) cannot reverse the
/// sentence around it (https://www.w3.org/International/questions/qa-bidi-unicode-controls).
/// The DOM code turns each isolated run into a `<bdi>` element.
pub const FSI: char = '\u{2068}';
pub const PDI: char = '\u{2069}';

/// A contact name as the page wrote it (case kept), whitespace collapsed,
/// without isolate controls of its own (they could close ours early), cut to
/// [`MAX_NAME_CHARS`] with an ellipsis.
pub fn display_name(name: &str) -> String {
    // The words joined by one space, without isolate controls, by a loop (a collected
    // join then a filtered `collect` were adapters of their own in the content module).
    let mut clean = String::new();
    for (i, w) in name.split_whitespace().enumerate() {
        if i > 0 {
            clean.push(' ');
        }
        for c in w.chars() {
            if !matches!(c, '\u{2066}'..='\u{2069}') {
                clean.push(c);
            }
        }
    }
    if clean.chars().count() <= MAX_NAME_CHARS {
        return clean;
    }
    let mut s = crate::state::first_chars(&clean, MAX_NAME_CHARS - 1).trim_end().to_string();
    s.push('…');
    s
}

/// [`display_name`] wrapped in FSI … PDI, for a sentence.
pub fn isolated_name(name: &str) -> String {
    format!("{FSI}{}{PDI}", display_name(name))
}

/// `list.join(sep)` for `String`s: std's join is one more instance for each item
/// type, and the module already has the one for `&str` lists.
pub fn join(list: &[String], sep: &str) -> String {
    let mut s = String::new();
    for (i, x) in list.iter().enumerate() {
        if i > 0 {
            s.push_str(sep);
        }
        s.push_str(x);
    }
    s
}

/// Removes the isolate marks (for plain-text uses and tests).
pub fn plain(s: &str) -> String {
    s.chars().filter(|c| *c != FSI && *c != PDI).collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BannerText {
    pub brand: String,
    /// The one-line headline, shown first at every level.
    pub title: String,
    /// The one sentence tied to the evidence.
    pub reason: String,
    /// "This is how a known … trick starts." (warning only).
    pub trick: Option<String>,
    /// The flagged words, quoted as plain text.
    pub quote: Option<String>,
    pub steps_title: Option<String>,
    pub steps: Vec<String>,
    /// "Don't pay. Don't panic. …" (danger only).
    pub advice: Option<String>,
    pub reassurance: Option<String>,
    /// The message the WhatsApp button writes for the family member (the user sends it).
    pub family_message: String,
}

/// Civil day number of the date part of "YYYY-MM-DD…" / "YYYY-MM" / "YYYY"
/// (the date as written, offset ignored: whole days are enough here); `None`
/// for a malformed or impossible date (2026-02-31).
pub fn day_number(s: &str) -> Option<i64> {
    let (y, m, d) = ymd(s)?;
    time::day_number(y, m, d.unwrap_or(1))
}

fn ymd(s: &str) -> Option<(i64, u32, Option<u32>)> {
    let s = s.trim();
    let date = s.split(['T', 't', ' ']).next()?;
    let mut parts = date.split('-');
    let num = |p: &str| -> Option<u32> {
        (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok()).flatten()
    };
    let y = parts.next().filter(|p| p.len() == 4).and_then(num)? as i64;
    let m = match parts.next() {
        Some(p) => num(p).filter(|m| (1..=12).contains(m))?,
        None => 1,
    };
    let d = match parts.next() {
        Some(p) => Some(num(p).filter(|d| (1..=31).contains(d))?),
        None => None,
    };
    Some((y, m, d))
}

/// (year, month) of a day number; `None` out of the calendar's range.
fn year_month_of_day(z: i64) -> Option<(i64, u32)> {
    time::civil(z).map(|(y, m, _)| (y, m))
}

/// Whole days from becoming friends to `at` (both days as the page showed them;
/// `None` unless both are known to the day: "friends since November" gives no count).
pub fn days_after_friendship(contact: &Contact, at: Option<Timestamp>) -> Option<i64> {
    let since = contact.friends_since?.day()?;
    let at = at?.day()?;
    (at >= since).then_some(at - since)
}

/// The most telling piece of evidence for the assessment's stage: its first
/// evidence that points at a message, else its first evidence.
pub fn key_evidence(a: &Assessment) -> Option<&Evidence> {
    let at_stage = || a.evidence.iter().filter(|e| e.stage == a.stage);
    at_stage().find(|e| e.message.is_some()).or_else(|| at_stage().next()).or_else(|| a.evidence.last())
}

/// Shortens a quote to [`MAX_QUOTE_CHARS`] on a character boundary.
pub fn clip(text: &str) -> String {
    let text = crate::state::one_spaced(text);
    if text.chars().count() <= MAX_QUOTE_CHARS {
        return text;
    }
    let mut s = crate::state::first_chars(&text, MAX_QUOTE_CHARS - 1).to_string();
    s.push('…');
    s
}

fn collapse_spaces(s: &str) -> String {
    let joined = crate::state::one_spaced(s);
    // "number ." left by an empty WHEN.
    joined.replace(" .", ".").replace(" ।", "।").replace(" ,", ",")
}

/// Phrases for the quiet note: what makes this person a stranger.
pub fn notice_facts(lang: Language, contact: &Contact, now_day: i64) -> Vec<String> {
    let mut facts = Vec::new();
    match contact.friend_status {
        FriendStatus::RequestReceived => facts.push(t(lang, "fact_request")),
        FriendStatus::NotFriends => facts.push(t(lang, "fact_not_friend")),
        FriendStatus::Friends => {
            if let Some(since) = contact.friends_since.and_then(Timestamp::day) {
                match now_day - since {
                    d if d < 0 => {}
                    0 => facts.push(t(lang, "fact_new_friend_today")),
                    1 => facts.push(t(lang, "fact_new_friend_yesterday")),
                    d if d < 30 => facts.push(tr(lang, "fact_new_friend", &[&d.to_string()])),
                    _ => {}
                }
            }
        }
        FriendStatus::Unknown => {}
    }
    if contact.mutual_friends == Some(0) {
        facts.push(t(lang, "fact_no_mutual"));
    }
    if let (Some((y, m, _)), Some((now_y, now_m))) = (contact.joined.as_deref().and_then(ymd), year_month_of_day(now_day)) {
        let month_given = contact.joined.as_deref().is_some_and(|j| j.trim().len() >= 7);
        if month_given {
            let months = (now_y * 12 + now_m as i64) - (y * 12 + m as i64);
            match months {
                0 => facts.push(t(lang, "fact_joined_recent")),
                1 => facts.push(t(lang, "fact_joined_last_month")),
                2..=23 => facts.push(tr(lang, "fact_joined_months", &[&months.to_string()])),
                _ => {}
            }
        } else {
            match now_y - y {
                0 => facts.push(t(lang, "fact_joined_this_year")),
                1 => facts.push(t(lang, "fact_joined_last_year")),
                _ => {}
            }
        }
    }
    facts
}

fn when_phrase(lang: Language, days: Option<i64>) -> String {
    match days {
        Some(0) => t(lang, "when_same_day"),
        Some(1) => t(lang, "when_one_day"),
        Some(n) => tr(lang, "when_days", &[&n.to_string()]),
        None => String::new(),
    }
}

/// The sentence tied to the evidence, for the assessment's stage.
pub fn reason(lang: Language, conv: &Conversation, a: &Assessment, ev: Option<&Evidence>) -> String {
    // In a group chat: the member who wrote the flagged message.
    let name = &isolated_name(crate::session::contact::speaker(conv, ev.and_then(|e| e.message)));
    let at = ev.and_then(|e| e.message).and_then(|i| conv.messages.get(i)).and_then(|m| m.at);
    let when = when_phrase(lang, days_after_friendship(&conv.contact, at));
    let stage = ev.map(|e| e.stage).filter(|s| *s >= a.stage).unwrap_or(a.stage);
    let s = match stage {
        Stage::Extortion => tr(lang, "danger_reason", &[name]),
        Stage::VideoCall => tr(lang, "warning_reason_videocall", &[name, &when]),
        Stage::OffPlatform => tr(lang, "warning_reason_offplatform", &[name, &when]),
        Stage::Grooming => tr(lang, "warning_reason_grooming", &[name, &when]),
        Stage::Contact | Stage::None => tr(lang, "warning_reason_contact", &[name]),
    };
    collapse_spaces(&s)
}

/// The flagged words as the page showed them (the message text, else the matched words).
pub fn quote(conv: &Conversation, ev: Option<&Evidence>) -> Option<String> {
    let ev = ev?;
    let text = ev
        .message
        .and_then(|i| conv.messages.get(i))
        .and_then(|m| m.text.as_deref())
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&ev.matched);
    let clipped = clip(text);
    (!clipped.is_empty() && ev.message.is_some()).then_some(clipped)
}

/// Everything the banner says, for one level.
pub fn compose(lang: Language, conv: &Conversation, a: &Assessment, now_day: i64) -> BannerText {
    let ev = key_evidence(a);
    let name = &isolated_name(crate::session::contact::speaker(conv, ev.and_then(|e| e.message)));
    let mut b = BannerText {
        brand: t(lang, "banner_brand"),
        family_message: t(lang, "family_whatsapp_text"),
        ..BannerText::default()
    };
    match a.level {
        Level::None => {}
        Level::Notice => {
            b.title = t(lang, "notice_title");
            let facts = notice_facts(lang, &conv.contact, now_day);
            b.reason = if !facts.is_empty() {
                tr(lang, "notice_reason", &[&join(&facts, ", ")])
            } else if a.stage > Stage::Contact {
                reason(lang, conv, a, ev)
            } else {
                t(lang, "notice_reason_plain")
            };
        }
        Level::Warning => {
            b.title = tr(lang, "warning_title", &[name]);
            b.reason = reason(lang, conv, a, ev);
            b.trick = Some(t(lang, "warning_known_trick"));
            b.quote = quote(conv, ev);
            b.steps_title = Some(t(lang, "steps_title"));
            for k in ["step_no_number", "step_no_video", "step_block"] {
                b.steps.push(t(lang, k));
            }
        }
        Level::Danger => {
            b.title = t(lang, "danger_title");
            b.reason = reason(lang, conv, a, ev);
            b.quote = quote(conv, ev);
            b.advice = Some(t(lang, "danger_advice"));
            b.reassurance = Some(t(lang, "danger_not_your_fault"));
        }
    }
    b
}

/// Whole days the user has known this contact: from the friendship (known to
/// the day), else from the first dated message; `None` when the page showed
/// neither (then the conversation counts as young).
pub fn conversation_age_days(conv: &Conversation, now_day: i64) -> Option<i64> {
    let since = conv.contact.friends_since.and_then(Timestamp::day);
    let first = conv.messages.iter().filter_map(|m| m.at.and_then(Timestamp::day)).min();
    let start = match (since, first) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    Some((now_day - start).max(0))
}

/// Catalogue key naming a stage ("why it was flagged").
pub fn stage_key(stage: Stage) -> &'static str {
    match stage {
        Stage::None | Stage::Contact => "stage_contact",
        Stage::Grooming => "stage_grooming",
        Stage::OffPlatform => "stage_offplatform",
        Stage::VideoCall => "stage_videocall",
        Stage::Extortion => "stage_extortion",
    }
}

/// Catalogue key naming a level.
pub fn level_key(level: Level) -> &'static str {
    match level {
        Level::None | Level::Notice => "level_notice",
        Level::Warning => "level_warning",
        Level::Danger => "level_danger",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Message, MessageKind, Sender};

    #[test]
    fn round_size_forty_two_display_name_as_the_join_made_it() {
        // Size round 42: the words joined and the isolate controls dropped by a loop; the
        // same as the former join then filter (a word of controls alone leaves its spaces).
        let old = |name: &str| name.split_whitespace().collect::<Vec<_>>().join(" ").chars().filter(|c| !matches!(c, '\u{2066}'..='\u{2069}')).collect::<String>();
        for name in ["", "  ", "Neha", " Neha  Sharma ", "a \u{2068} b", "\u{2066}x\u{2069}", "नेहा\tशर्मा\n"] {
            assert_eq!(display_name(name), old(name), "{name:?}");
        }
    }

    fn contact() -> Contact {
        Contact {
            name: "Priya Sharma".into(),
            profile_url: Some("https://www.facebook.com/profile.php?id=1000".into()),
            friend_status: FriendStatus::Friends,
            friends_since: Timestamp::parse_date_or_time("2026-11-02T10:00:00+05:30"),
            mutual_friends: Some(0),
            friend_count: None,
            joined: Some("2026-09".into()),
            lives_in: None,
            ..Contact::named(String::new())
        }
    }

    fn msg(at: &str, text: &str) -> Message {
        Message { from: Sender::Them, author: None, at: Timestamp::parse_rfc3339(at), kind: MessageKind::Text, text: Some(text.into()) }
    }

    fn conv() -> Conversation {
        Conversation {
            contact: contact(),
            messages: vec![
                msg("2026-11-02T11:00:00+05:30", "Good morning dear"),
                msg("2026-11-05T09:00:00+05:30", "Give me your WhatsApp number <b>please</b>"),
            ],
        }
    }

    fn ev(stage: Stage, message: Option<usize>) -> Evidence {
        Evidence { message, stage, rule: "offplatform.whatsapp".into(), matched: "WhatsApp number".into() }
    }

    fn plain_banner(mut b: BannerText) -> BannerText {
        b.title = plain(&b.title);
        b.reason = plain(&b.reason);
        b
    }

    #[test]
    fn names_are_isolated_kept_as_written_and_shortened() {
        let mut c = conv();
        c.contact.name = "PRIYA \u{202E}sharma".into();
        let a = Assessment { level: Level::Warning, stage: Stage::OffPlatform, evidence: vec![ev(Stage::OffPlatform, Some(1))], first_warning_at: None };
        let b = compose(Language::En, &c, &a, now_day());
        assert_eq!(b.title, "Be careful with \u{2068}PRIYA \u{202E}sharma\u{2069}");
        assert!(b.reason.starts_with("\u{2068}PRIYA \u{202E}sharma\u{2069} asked"), "{}", b.reason);
        // A name cannot close the isolate early.
        assert_eq!(isolated_name("a\u{2069}\u{202E}b"), "\u{2068}a\u{202E}b\u{2069}");
        let long = "Anushka".repeat(2000);
        let d = display_name(&long);
        assert_eq!(d.chars().count(), MAX_NAME_CHARS);
        assert!(d.ends_with('…') && d.starts_with("AnushkaAnushka"));
        c.contact.name = long;
        assert!(compose(Language::En, &c, &a, now_day()).title.chars().count() < 80);
    }

    #[test]
    fn conversation_age_from_friendship_or_first_message() {
        let mut c = conv();
        assert_eq!(conversation_age_days(&c, now_day()), Some(26));
        c.contact.friends_since = None;
        assert_eq!(conversation_age_days(&c, now_day()), Some(26));
        c.messages.clear();
        assert_eq!(conversation_age_days(&c, now_day()), None);
        c.contact.friends_since = Timestamp::parse_date_or_time("2020-01-01");
        assert!(conversation_age_days(&c, now_day()).unwrap() > 2000);
    }

    fn now_day() -> i64 {
        day_number("2026-11-28").unwrap()
    }

    #[test]
    fn warning_sentence_counts_days_from_friendship() {
        let a = Assessment {
            level: Level::Warning,
            stage: Stage::OffPlatform,
            evidence: vec![ev(Stage::Grooming, Some(0)), ev(Stage::OffPlatform, Some(1))],
            first_warning_at: Some(1),
        };
        let b = plain_banner(compose(Language::En, &conv(), &a, now_day()));
        assert_eq!(b.title, "Be careful with Priya Sharma");
        assert_eq!(b.reason, "Priya Sharma asked for your phone or WhatsApp number 3 days after you became friends.");
        assert_eq!(b.trick.as_deref(), Some("This is how a known video-call blackmail trick starts."));
        assert_eq!(b.quote.as_deref(), Some("Give me your WhatsApp number <b>please</b>"));
        assert_eq!(b.steps.len(), 3);
        let hi = plain_banner(compose(Language::Hi, &conv(), &a, now_day()));
        assert!(hi.reason.contains("3 दिन बाद"), "{}", hi.reason);
        assert!(hi.reason.starts_with("Priya Sharma"));
        let mr = compose(Language::Mr, &conv(), &a, now_day());
        assert!(mr.reason.contains("3 दिवसांत"), "{}", mr.reason);
    }

    #[test]
    fn a_group_warning_names_the_member_not_the_group() {
        let mut c = conv();
        c.contact = Contact { group: true, ..Contact::named("Patil family".into()) };
        c.messages[0].author = Some("Sunita Patil".into());
        c.messages[1].author = Some("Neha Kapoor".into());
        let a = Assessment { level: Level::Warning, stage: Stage::OffPlatform, evidence: vec![ev(Stage::OffPlatform, Some(1))], first_warning_at: None };
        let b = plain_banner(compose(Language::En, &c, &a, now_day()));
        assert_eq!(b.title, "Be careful with Neha Kapoor");
        assert!(b.reason.starts_with("Neha Kapoor asked"), "{}", b.reason);
        let d = Assessment { level: Level::Danger, stage: Stage::Extortion, evidence: vec![ev(Stage::Extortion, Some(1))], first_warning_at: None };
        assert!(plain(&compose(Language::En, &c, &d, now_day()).reason).contains("Neha Kapoor"));
    }

    #[test]
    fn sentence_without_friendship_date_has_no_dangling_words() {
        let mut c = conv();
        c.contact.friends_since = None;
        let a = Assessment { level: Level::Warning, stage: Stage::VideoCall, evidence: vec![ev(Stage::VideoCall, Some(1))], first_warning_at: None };
        assert_eq!(plain(&compose(Language::En, &c, &a, now_day()).reason), "Priya Sharma asked you for a video call.");
        c.contact.friends_since = Timestamp::parse_date_or_time("2026-11-05");
        assert!(compose(Language::En, &c, &a, now_day()).reason.ends_with("on the day you became friends."));
        c.contact.friends_since = Timestamp::parse_date_or_time("2026-11-04");
        assert!(compose(Language::En, &c, &a, now_day()).reason.contains(" 1 day after"));
        // Known only to the month (as "Friends since November 2026" reads): no day count.
        c.contact.friends_since = Timestamp::parse_date_or_time("2026-11");
        assert_eq!(plain(&compose(Language::En, &c, &a, now_day()).reason), "Priya Sharma asked you for a video call.");
    }

    #[test]
    fn notice_lists_stranger_facts() {
        let mut c = conv();
        c.contact.friend_status = FriendStatus::RequestReceived;
        c.contact.friends_since = None;
        let a = Assessment { level: Level::Notice, stage: Stage::Contact, ..Assessment::default() };
        let b = compose(Language::En, &c, &a, now_day());
        assert_eq!(b.reason, "About this person: sent you a friend request, no mutual friends, Facebook account made 2 months ago.");
        assert!(b.steps.is_empty() && b.advice.is_none());
        c.contact.joined = Some("2015".into());
        c.contact.mutual_friends = Some(12);
        c.contact.friend_status = FriendStatus::Unknown;
        assert_eq!(compose(Language::En, &c, &a, now_day()).reason, "You have never talked to this person on Facebook before.");
        c.contact.joined = Some("2026".into());
        assert!(compose(Language::En, &c, &a, now_day()).reason.contains("Facebook account made this year"));
    }

    #[test]
    fn danger_gives_the_advice_and_quotes_the_threat() {
        let mut c = conv();
        c.messages.push(msg("2026-11-06T09:00:00+05:30", "Pay 5000 or video goes viral"));
        let a = Assessment {
            level: Level::Danger,
            stage: Stage::Extortion,
            evidence: vec![ev(Stage::OffPlatform, Some(1)), ev(Stage::Extortion, Some(2))],
            first_warning_at: Some(1),
        };
        let b = plain_banner(compose(Language::En, &c, &a, now_day()));
        assert_eq!(b.title, "This is blackmail");
        assert_eq!(b.reason, "Priya Sharma is threatening you or asking for money.");
        assert_eq!(b.advice.as_deref(), Some("Don't pay. Don't panic. Paying brings more demands. Keep the chat. Report now."));
        assert_eq!(b.quote.as_deref(), Some("Pay 5000 or video goes viral"));
    }

    #[test]
    fn join_is_std_join() {
        for list in [vec![], vec!["a".to_string()], vec!["a".into(), String::new(), "c d".into()]] {
            assert_eq!(join(&list, ", "), list.join(", "));
        }
    }

    #[test]
    fn quotes_are_clipped_and_days_are_calendar_days() {
        let long = "word ".repeat(100);
        let q = clip(&long);
        assert_eq!(q.chars().count(), MAX_QUOTE_CHARS);
        assert!(q.ends_with('…'));
        assert_eq!(day_number("2026-03-01").unwrap() - day_number("2026-02-28").unwrap(), 1);
        assert_eq!(day_number("2024-03-01").unwrap() - day_number("2024-02-28").unwrap(), 2);
        assert_eq!(day_number("garbage"), None);
        assert_eq!(year_month_of_day(day_number("2026-11-28").unwrap()), Some((2026, 11)));
        assert_eq!(year_month_of_day(day_number("2026-01-01").unwrap()), Some((2026, 1)));
        // An impossible day is no day at all, not its neighbour.
        assert_eq!(day_number("2026-02-31"), None);
        assert_eq!(day_number("2026-13"), None);
        assert_eq!(year_month_of_day(i64::MAX), None);
    }
}
