//! The evidence kit: a page a police officer can read, and the same facts as
//! JSON. Built entirely here, from what the page showed; saved by the user
//! (never sent anywhere). Every page-derived string is HTML-escaped. Pure Rust.
use crate::engine::time::Timestamp;
use crate::engine::{Conversation, Level, MessageKind, Sender, Stage};
use crate::state::settings::{Language, Region};
use crate::web::i18n::{lang_tag, t, tr};
use crate::web::ui::compose::{level_key, stage_key};
use crate::web::ui::links::{self, LinkButton};
use serde::Serialize;

pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub struct EvidenceKit {
    pub saavdhan_evidence_version: u32,
    /// RFC 3339 UTC.
    pub saved_at: String,
    /// The same moment on this computer's clock, for a police officer reading
    /// it ("2026-11-30 21:41 (UTC+05:30)").
    pub saved_at_local: String,
    pub language: &'static str,
    pub contact: ContactRecord,
    pub thread_url: Option<String>,
    pub thread_id: Option<String>,
    pub level: Level,
    pub stage: Stage,
    pub flagged_messages: Vec<FlaggedMessage>,
    /// Profile facts the assessment used (no message).
    pub profile_evidence: Vec<RuleHit>,
    pub reporting_steps: Vec<ReportingStep>,
}

#[derive(Debug, Serialize)]
pub struct ContactRecord {
    pub name: String,
    pub profile_url: Option<String>,
    pub profile_id: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct FlaggedMessage {
    /// Position in the conversation as read from the page.
    pub index: usize,
    /// "them" or "me".
    pub from: Sender,
    pub at: Option<Timestamp>,
    pub kind: MessageKind,
    pub text: Option<String>,
    pub rules: Vec<RuleHit>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleHit {
    pub rule: String,
    pub stage: Stage,
    pub matched: String,
}

#[derive(Debug, Serialize)]
pub struct ReportingStep {
    pub label: String,
    pub href: Option<String>,
}

/// Collects the kit. `now_rfc3339` is the saving time.
pub fn build(
    lang: Language,
    region: Region,
    conv: &Conversation,
    a: &crate::engine::Assessment,
    page_url: &str,
    now_rfc3339: &str,
    utc_offset_minutes: i32,
) -> EvidenceKit {
    let mut flagged: Vec<FlaggedMessage> = Vec::new();
    let mut profile_evidence = Vec::new();
    for e in &a.evidence {
        let hit = RuleHit { rule: e.rule.clone(), stage: e.stage, matched: e.matched.clone() };
        match e.message.and_then(|i| conv.messages.get(i).map(|m| (i, m))) {
            Some((i, m)) => match flagged.iter_mut().find(|f| f.index == i) {
                Some(f) => f.rules.push(hit),
                None => flagged.push(FlaggedMessage {
                    index: i,
                    from: m.from,
                    at: m.at,
                    kind: m.kind,
                    text: m.text.clone(),
                    rules: vec![hit],
                }),
            },
            None => profile_evidence.push(hit),
        }
    }
    // Stable insertion sort by index (a few flagged messages): slice::sort_by_key
    // would add a ~3 KB sort monomorph to the content module.
    for i in 1..flagged.len() {
        let mut j = i;
        while j > 0 && flagged[j - 1].index > flagged[j].index {
            flagged.swap(j - 1, j);
            j -= 1;
        }
    }
    let profile_url = conv.contact.profile_url.clone().filter(|u| links::is_facebook_url(u));
    let mut steps = vec![ReportingStep { label: t(lang, "danger_advice"), href: None }];
    let mut add = |l: LinkButton| {
        let label = match &l.label_arg {
            Some(arg) => tr(lang, l.label_key, &[arg]),
            None => t(lang, l.label_key),
        };
        steps.push(ReportingStep { label, href: Some(l.href) });
    };
    for l in links::police(region) {
        add(l);
    }
    add(links::facebook_report(profile_url.as_deref()));
    if region != Region::Other {
        for l in links::police(Region::Other) {
            add(l);
        }
    }
    EvidenceKit {
        saavdhan_evidence_version: FORMAT_VERSION,
        saved_at: now_rfc3339.to_string(),
        saved_at_local: local_time(now_rfc3339, utc_offset_minutes).unwrap_or_else(|| now_rfc3339.to_string()),
        language: lang_tag(lang),
        contact: ContactRecord {
            name: conv.contact.name.clone(),
            profile_id: profile_url.as_deref().and_then(links::profile_id),
            profile_url,
        },
        thread_url: links::is_facebook_url(page_url).then(|| page_url.to_string()),
        thread_id: links::thread_id(page_url),
        level: a.level,
        stage: a.stage,
        flagged_messages: flagged,
        profile_evidence,
        reporting_steps: steps,
    }
}

/// An RFC 3339 time ("2026-11-30T20:00:00.000Z", as `Date.toISOString` gives it)
/// shown at `offset_minutes` east of UTC: "YYYY-MM-DD HH:MM (UTC±hh:mm)". `None`
/// for anything else, an impossible date included.
pub fn local_time(utc: &str, offset_minutes: i32) -> Option<String> {
    let (y, mo, d, h, mi) = Timestamp::parse_rfc3339(utc)?.at_offset(offset_minutes)?.local_fields()?;
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.unsigned_abs();
    Some(format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02} (UTC{sign}{:02}:{:02})", off / 60, off % 60))
}

/// Pretty JSON of the kit (two-space indent, as `serde_json::to_string_pretty`).
/// In the content module the browser indents serde_json's compact text
/// (`JSON.stringify(JSON.parse(text), null, 2)`): the same text for a kit — its
/// values are strings, small integers, lists and objects whose keys are field
/// names, none integer-like (which `JSON.parse` would put first), and both escape
/// the same characters the same way — without a second, pretty serializer of the
/// kit in the module (1.1 KB raw, docs/performance.md "Size, round 38").
/// tests/wasm_web.rs checks the two agree.
pub fn to_json(kit: &EvidenceKit) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let compact = serde_json::to_string(kit).unwrap_or_else(|_| "{}".to_string());
        js_sys::JSON::parse(&compact)
            .and_then(|v| js_sys::JSON::stringify_with_replacer_and_space(&v, &wasm_bindgen::JsValue::NULL, &2.into()))
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or(compact)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::to_string_pretty(kit).unwrap_or_else(|_| "{}".to_string())
    }
}

/// Escapes text for HTML element content and double-quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A self-contained HTML page (no scripts, no external resources).
pub fn to_html(lang: Language, kit: &EvidenceKit) -> String {
    let e = escape;
    let unknown = t(lang, "evidence_unknown");
    let opt = |v: &Option<String>| e(v.as_deref().unwrap_or(&unknown));
    let mut h = String::with_capacity(4096);
    h.push_str("<!DOCTYPE html>\n<html lang=\"");
    h.push_str(kit.language);
    h.push_str("\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"><title>");
    h.push_str(&e(&t(lang, "evidence_title")));
    h.push_str("</title><style>body{font:18px/1.5 sans-serif;max-width:60em;margin:1em auto;padding:0 1em;color:#111;background:#fff}table{border-collapse:collapse;width:100%}th,td{border:1px solid #444;padding:.4em;text-align:left;vertical-align:top}th{background:#eee}dt{font-weight:bold}</style></head><body>\n<h1>");
    h.push_str(&e(&t(lang, "evidence_title")));
    h.push_str("</h1>\n<p>");
    h.push_str(&e(&t(lang, "evidence_intro")));
    h.push_str("</p>\n<dl>\n");
    let mut row = |label: &str, value: String| {
        h.push_str("<dt>");
        h.push_str(&e(&t(lang, label)));
        h.push_str("</dt><dd>");
        h.push_str(&value);
        h.push_str("</dd>\n");
    };
    row("evidence_contact", e(&kit.contact.name));
    row("evidence_profile", opt(&kit.contact.profile_url));
    row("evidence_profile_id", opt(&kit.contact.profile_id));
    row("evidence_thread", opt(&kit.thread_url));
    row("evidence_saved_at", e(&kit.saved_at_local));
    row("evidence_level", format!("{} — {}", e(&t(lang, level_key(kit.level))), e(&t(lang, stage_key(kit.stage)))));
    h.push_str("</dl>\n<h2>");
    h.push_str(&e(&t(lang, "evidence_messages")));
    h.push_str("</h2>\n");
    if kit.flagged_messages.is_empty() {
        h.push_str("<p>");
        h.push_str(&e(&t(lang, "evidence_none")));
        h.push_str("</p>\n");
    } else {
        h.push_str("<table><thead><tr>");
        for k in ["evidence_col_from", "evidence_col_time", "evidence_col_text", "evidence_col_why"] {
            h.push_str("<th>");
            h.push_str(&e(&t(lang, k)));
            h.push_str("</th>");
        }
        h.push_str("</tr></thead><tbody>\n");
        for m in &kit.flagged_messages {
            let from = match m.from {
                Sender::Them => format!("{} ({})", t(lang, "evidence_from_them"), kit.contact.name),
                Sender::Me => t(lang, "evidence_from_me"),
            };
            let mut why: Vec<String> = Vec::with_capacity(m.rules.len());
            for r in &m.rules {
                why.push(format!("{}: “{}”", t(lang, stage_key(r.stage)), r.matched));
            }
            h.push_str("<tr><td>");
            h.push_str(&e(&from));
            h.push_str("</td><td>");
            h.push_str(&opt(&m.at.map(|t| t.to_string())));
            h.push_str("</td><td>");
            h.push_str(&opt(&m.text));
            h.push_str("</td><td>");
            h.push_str(&e(&super::compose::join(&why, "; ")));
            h.push_str("</td></tr>\n");
        }
        h.push_str("</tbody></table>\n");
    }
    if !kit.profile_evidence.is_empty() {
        h.push_str("<ul>\n");
        for r in &kit.profile_evidence {
            h.push_str("<li>");
            h.push_str(&e(&format!("{}: “{}”", t(lang, stage_key(r.stage)), r.matched)));
            h.push_str("</li>\n");
        }
        h.push_str("</ul>\n");
    }
    h.push_str("<h2>");
    h.push_str(&e(&t(lang, "evidence_steps")));
    h.push_str("</h2>\n<ol>\n");
    for s in &kit.reporting_steps {
        h.push_str("<li>");
        h.push_str(&e(&s.label));
        if let Some(href) = &s.href {
            h.push_str(" — ");
            h.push_str(&e(href));
        }
        h.push_str("</li>\n");
    }
    h.push_str("</ol>\n");
    // The same facts as JSON (rule ids, UTC times) for tools, in the one file:
    // escaped text in a <pre>, never a script.
    h.push_str("<details><summary>JSON</summary><pre id=\"saavdhan-evidence-json\">");
    h.push_str(&e(&to_json(kit)));
    h.push_str("</pre></details>\n</body></html>\n");
    h
}

/// A file name part from the contact's name: ASCII letters and digits only.
pub fn file_stem(name: &str, now_rfc3339: &str) -> String {
    // The runs of ASCII letters and digits, lowercased, joined by '-', by loops (the
    // mapped, split and filtered `collect`s were adapters of their own in the content
    // module; docs/performance.md "Size, round 42").
    let mut slug = String::new();
    let mut gap = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    slug.truncate(40);
    if slug.is_empty() {
        slug.push_str("contact");
    }
    let mut stamp = String::new();
    for c in now_rfc3339.chars() {
        if stamp.len() == 12 {
            break;
        }
        if c.is_ascii_digit() {
            stamp.push(c);
        }
    }
    format!("saavdhan-evidence-{slug}-{stamp}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Assessment, Contact, Evidence, FriendStatus, Message};

    fn conv(name: &str) -> Conversation {
        Conversation {
            contact: Contact {
                name: name.into(),
                profile_url: Some("https://www.facebook.com/profile.php?id=100087".into()),
                friend_status: FriendStatus::Friends,
                friends_since: None,
                mutual_friends: Some(0),
                friend_count: None,
                joined: None,
                lives_in: None,
                ..Contact::named(String::new())
            },
            messages: vec![
                Message { from: Sender::Them, author: None, at: Timestamp::parse_date_or_time("2026-11-05T09:00:00+05:30"), kind: MessageKind::Text, text: Some("hello".into()) },
                Message { from: Sender::Them, author: None, at: Timestamp::parse_date_or_time("2026-11-06T09:00:00+05:30"), kind: MessageKind::Text, text: Some("<script>alert(1)</script> pay 5000 or viral".into()) },
            ],
        }
    }

    fn assessment() -> Assessment {
        Assessment {
            level: Level::Danger,
            stage: Stage::Extortion,
            evidence: vec![
                Evidence { message: None, stage: Stage::Contact, rule: "contact.no_mutual".into(), matched: "0 mutual friends".into() },
                Evidence { message: Some(1), stage: Stage::Extortion, rule: "extortion.pay".into(), matched: "pay 5000".into() },
                Evidence { message: Some(1), stage: Stage::Extortion, rule: "extortion.viral".into(), matched: "viral".into() },
            ],
            first_warning_at: Some(1),
        }
    }

    #[test]
    fn json_holds_what_police_need() {
        let kit = build(Language::En, Region::India, &conv("Priya"), &assessment(), "https://www.facebook.com/messages/t/555", "2026-11-28T10:00:00Z", 330);
        let v: serde_json::Value = serde_json::from_str(&to_json(&kit)).unwrap();
        assert_eq!(v["contact"]["name"], "Priya");
        assert_eq!(v["contact"]["profile_id"], "100087");
        assert_eq!(v["thread_id"], "555");
        assert_eq!(v["saved_at"], "2026-11-28T10:00:00Z");
        assert_eq!(v["saved_at_local"], "2026-11-28 15:30 (UTC+05:30)");
        let html = to_html(Language::En, &kit);
        assert!(html.contains("2026-11-28 15:30 (UTC+05:30)"), "local time for the police officer");
        assert!(!html.contains("[extortion.pay"), "plain reasons in the readable part, no rule ids");
        assert!(html.contains("Threat or demand for money: “pay 5000”") || html.contains(": “pay 5000”"));
        assert!(html.contains("id=\"saavdhan-evidence-json\"") && !html.contains("<script"));
        assert_eq!(v["level"], "danger");
        let msgs = v["flagged_messages"].as_array().unwrap();
        assert_eq!(msgs.len(), 1, "two rules on one message make one entry");
        assert_eq!(msgs[0]["from"], "them");
        assert_eq!(msgs[0]["at"], "2026-11-06T09:00:00+05:30");
        assert_eq!(msgs[0]["rules"].as_array().unwrap().len(), 2);
        assert_eq!(v["profile_evidence"][0]["rule"], "contact.no_mutual");
        let hrefs: Vec<&str> = v["reporting_steps"].as_array().unwrap().iter().filter_map(|s| s["href"].as_str()).collect();
        assert!(hrefs.contains(&"tel:1930") && hrefs.contains(&"https://cybercrime.gov.in"));
        assert!(hrefs.contains(&"https://www.facebook.com/profile.php?id=100087"));
        assert!(hrefs.contains(&"https://stopncii.org"));
    }

    #[test]
    fn local_times_cross_midnight_and_both_signs() {
        assert_eq!(local_time("2026-11-30T20:00:00.000Z", 330).as_deref(), Some("2026-12-01 01:30 (UTC+05:30)"));
        assert_eq!(local_time("2026-01-01T03:00:00Z", -300).as_deref(), Some("2025-12-31 22:00 (UTC-05:00)"));
        assert_eq!(local_time("2024-02-28T23:59:00Z", 60).as_deref(), Some("2024-02-29 00:59 (UTC+01:00)"));
        assert_eq!(local_time("junk", 0), None);
        assert_eq!(local_time("2026-13-01T00:00:00Z", 0), None);
        assert_eq!(local_time("2026-02-31T00:00:00Z", 0), None);
        assert_eq!(local_time("2026-11-30T20:00:00Z", 100 * 60), None);
    }

    #[test]
    fn round_size_forty_two_file_stem_as_the_adapters_made_it() {
        // Size round 42: the slug and the stamp are made by loops; the same as the
        // former map, split, filter and join, and the filtered `take(12)`.
        let old = |name: &str| {
            name.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
                .collect::<String>()
                .split('-')
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("-")
        };
        for name in ["", "-", "--a--B--", "Ravi  K. 2", "प्रिया Sharma", "x", "a-b-c", " lead", "trail ", "ÄÖ1ü2"] {
            let mut slug = old(name);
            slug.truncate(40);
            if slug.is_empty() {
                slug.push_str("contact");
            }
            assert_eq!(file_stem(name, "2026-11-28T10:05:07.123Z"), format!("saavdhan-evidence-{slug}-202611281005"), "{name:?}");
        }
        assert_eq!(file_stem("a", "2026"), "saavdhan-evidence-a-2026");
    }

    #[test]
    fn html_escapes_every_page_string() {
        let evil = "<img src=x onerror=alert(1)>";
        let kit = build(Language::Hi, Region::Usa, &conv(evil), &assessment(), "javascript:alert(2)", "2026-11-28T10:00:00Z", 330);
        let html = to_html(Language::Hi, &kit);
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; pay 5000 or viral"));
        assert!(html.contains("lang=\"hi\""));
        assert!(html.contains("https://tips.fbi.gov"));
        assert!(kit.thread_url.is_none(), "a non-Facebook page address is not recorded as the chat");
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_stem("Priya Sharma", "2026-11-28T10:05:00Z"), "saavdhan-evidence-priya-sharma-202611281005");
        assert_eq!(file_stem("<img src=x>/../..", "2026-11-28T10:05:00Z"), "saavdhan-evidence-img-src-x-202611281005");
        assert_eq!(file_stem("प्रिया", "2026"), "saavdhan-evidence-contact-2026");
    }
}
