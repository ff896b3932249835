//! Where the warning's buttons lead: Facebook's report flow, the police of the
//! family's region, the trusted family member. Each address is the service's own
//! published page or number. Pure Rust.
use crate::state::settings::{Region, TrustedContact};

/// Meta's help page on reporting a Messenger conversation / sextortion threat.
pub const META_REPORT_HELP: &str = "https://www.facebook.com/help/769533159735923";

/// A button that is a link: its catalogue key, the name filled into it (if any), and its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkButton {
    pub label_key: &'static str,
    pub label_arg: Option<String>,
    pub href: String,
}

impl LinkButton {
    fn new(label_key: &'static str, href: &str) -> LinkButton {
        LinkButton { label_key, label_arg: None, href: href.to_string() }
    }
}

/// True for an https address on facebook.com / messenger.com (or a subdomain).
/// Page-derived addresses are only ever used as links after this check.
pub fn is_facebook_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') || authority.contains('\\') {
        return false;
    }
    let host = authority.split(':').next().unwrap_or("").to_ascii_lowercase();
    ["facebook.com", "messenger.com"]
        .iter()
        .any(|d| host == *d || host.ends_with(&format!(".{d}")))
}

/// The contact's profile (where Facebook's own "Report" is one menu away) when
/// its address is a Facebook one, else Meta's help page on reporting.
pub fn facebook_report(profile_url: Option<&str>) -> LinkButton {
    let href = profile_url.filter(|u| is_facebook_url(u)).unwrap_or(META_REPORT_HELP);
    LinkButton::new("button_report_facebook", href)
}

/// The police / helpline buttons for a region.
pub fn police(region: Region) -> Vec<LinkButton> {
    match region {
        Region::India => vec![
            LinkButton::new("police_india_call", "tel:1930"),
            LinkButton::new("police_india_web", "https://cybercrime.gov.in"),
        ],
        Region::Usa => vec![
            LinkButton::new("police_usa_fbi", "https://tips.fbi.gov"),
            LinkButton::new("police_usa_ic3", "https://www.ic3.gov"),
        ],
        Region::Uk => vec![
            LinkButton::new("police_uk_web", "https://www.reportfraud.police.uk"),
            LinkButton::new("police_uk_call", "tel:03001232040"),
            LinkButton::new("police_uk_helpline", "tel:03456000459"),
        ],
        Region::Other => vec![LinkButton::new("police_global_stopncii", "https://stopncii.org")],
    }
}

/// Percent-encodes `s` for a URL query value (RFC 3986 unreserved kept).
pub fn encode_query(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Call and WhatsApp buttons for the trusted family member (the WhatsApp chat
/// opens with `prefill` written, and the user sends it: WhatsApp's "click to
/// chat", https://faq.whatsapp.com/5913398998672934); empty when the number
/// has too few digits to dial.
pub fn family(contact: &TrustedContact, prefill: &str) -> Vec<LinkButton> {
    let mut digits = String::new();
    for c in contact.phone.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        }
    }
    if digits.len() < 7 {
        return Vec::new();
    }
    let tel = contact.tel_uri();
    vec![
        LinkButton { label_key: "family_call", label_arg: Some(contact.name.clone()), href: tel },
        LinkButton {
            label_key: "family_whatsapp",
            label_arg: Some(contact.name.clone()),
            href: if prefill.is_empty() {
                format!("https://wa.me/{digits}")
            } else {
                format!("https://wa.me/{digits}?text={}", encode_query(prefill))
            },
        },
    ]
}

/// The profile id or user name from a profile address
/// (`profile.php?id=100…` → `100…`, `facebook.com/priya.s.123` → `priya.s.123`).
pub fn profile_id(profile_url: &str) -> Option<String> {
    if !is_facebook_url(profile_url) {
        return None;
    }
    let after_host = profile_url.strip_prefix("https://")?.split_once('/').map(|(_, p)| p).unwrap_or("");
    let (path, query) = after_host.split_once('?').unwrap_or((after_host, ""));
    let path = path.split('#').next().unwrap_or("");
    if path.trim_end_matches('/') == "profile.php" {
        return query
            .split('&')
            .find_map(|kv| kv.strip_prefix("id="))
            .map(|v| v.split('#').next().unwrap_or("").to_string())
            .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()));
    }
    let first = path.split('/').find(|s| !s.is_empty())?;
    let reserved = ["messages", "t", "friends", "help", "groups", "watch", "marketplace", "people"];
    if reserved.contains(&first) {
        return None;
    }
    Some(first.to_string())
}

/// The thread id from a Messenger address (`/messages/t/<id>`, `/messages/e2ee/t/<id>`, `/t/<id>`).
pub fn thread_id(page_url: &str) -> Option<String> {
    let path = page_url.split(['?', '#']).next()?;
    // Three parts passed by hand, not `.skip(3)`: one iterator type less in the
    // module (docs/performance.md "Size", size3).
    let mut parts = path.split('/');
    for _ in 0..3 {
        parts.next();
    }
    while let Some(p) = parts.next() {
        if p == "t" {
            return parts.next().filter(|s| !s.is_empty()).map(str::to_string);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_facebook_https_addresses_are_trusted() {
        assert!(is_facebook_url("https://www.facebook.com/profile.php?id=1"));
        assert!(is_facebook_url("https://www.facebook.com:8443/x"));
        assert!(is_facebook_url("https://facebook.com"));
        assert!(is_facebook_url("https://www.messenger.com/t/1"));
        for bad in [
            "javascript:alert(1)",
            "http://www.facebook.com/x",
            "https://evilfacebook.com/x",
            "https://www.facebook.com.evil.example/x",
            "https://user@evil.example/?facebook.com",
            "https://www.facebook.com@evil.example/",
            "data:text/html,<script>",
        ] {
            assert!(!is_facebook_url(bad), "{bad}");
        }
    }

    #[test]
    fn facebook_report_falls_back_to_help_page() {
        let p = "https://www.facebook.com/profile.php?id=1000";
        assert_eq!(facebook_report(Some(p)).href, p);
        assert_eq!(facebook_report(Some("javascript:alert(1)")).href, META_REPORT_HELP);
        assert_eq!(facebook_report(None).href, META_REPORT_HELP);
    }

    #[test]
    fn police_by_region() {
        let hrefs = |r| police(r).into_iter().map(|l| l.href).collect::<Vec<_>>();
        assert_eq!(hrefs(Region::India), ["tel:1930", "https://cybercrime.gov.in"]);
        assert_eq!(hrefs(Region::Usa), ["https://tips.fbi.gov", "https://www.ic3.gov"]);
        assert!(hrefs(Region::Uk).contains(&"https://www.reportfraud.police.uk".to_string()));
        assert!(hrefs(Region::Uk).contains(&"tel:03456000459".to_string()));
        assert_eq!(hrefs(Region::Other), ["https://stopncii.org"]);
    }

    #[test]
    fn family_links_use_digits_only() {
        let c = TrustedContact { name: "Rahul".into(), phone: "+91 98765-43210".into() };
        let l = family(&c, "");
        assert_eq!(l[0].href, "tel:+919876543210");
        assert_eq!(l[1].href, "https://wa.me/919876543210");
        assert_eq!(l[1].label_arg.as_deref(), Some("Rahul"));
        let l = family(&c, "कृपया फ़ोन करें & call?");
        assert_eq!(
            l[1].href,
            "https://wa.me/919876543210?text=%E0%A4%95%E0%A5%83%E0%A4%AA%E0%A4%AF%E0%A4%BE%20%E0%A4%AB%E0%A4%BC%E0%A5%8B%E0%A4%A8%20%E0%A4%95%E0%A4%B0%E0%A5%87%E0%A4%82%20%26%20call%3F"
        );
        assert!(family(&TrustedContact { name: "x".into(), phone: "12".into() }, "hi").is_empty());
    }

    #[test]
    fn ids_from_addresses() {
        assert_eq!(profile_id("https://www.facebook.com/profile.php?id=100087&sk=about").as_deref(), Some("100087"));
        assert_eq!(profile_id("https://www.facebook.com/priya.s.123/").as_deref(), Some("priya.s.123"));
        assert_eq!(profile_id("https://www.facebook.com/messages/t/55"), None);
        assert_eq!(profile_id("https://evil.example/priya"), None);
        assert_eq!(thread_id("https://www.facebook.com/messages/t/123456/").as_deref(), Some("123456"));
        assert_eq!(thread_id("https://www.facebook.com/messages/e2ee/t/987?x=1").as_deref(), Some("987"));
        assert_eq!(thread_id("https://www.messenger.com/t/42").as_deref(), Some("42"));
        assert_eq!(thread_id("https://www.facebook.com/friends"), None);
    }
}
