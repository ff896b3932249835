//! Which kind of Facebook page a URL is, from the URL alone.
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// A Messenger thread; the id from the URL.
    Thread { id: String },
    /// /friends or /friends/requests.
    FriendRequests,
    /// The home feed.
    Feed,
    /// A person's profile (profile.php?id= or /<username>).
    Profile,
    /// Any other facebook.com page (chat windows are still read there).
    Other,
    /// Not facebook.com / messenger.com.
    NotFacebook,
}

/// Top-level facebook.com paths that are never a username.
const RESERVED: &[&str] = &[
    "messages", "friends", "groups", "watch", "marketplace", "notifications", "photo", "photo.php",
    "events", "pages", "gaming", "help", "settings", "stories", "reel", "reels", "l.php", "hashtag",
    "search", "bookmarks", "saved", "memories", "login", "login.php", "home.php", "policies",
    "privacy", "ads", "business", "fundraisers", "games", "live", "story.php", "permalink.php",
    "share", "sharer", "video", "videos", "media", "t", "checkpoint", "recover", "legal", "about",
];

pub fn host_kind(host: &str) -> Option<&'static str> {
    let h = host.to_ascii_lowercase();
    if h == "facebook.com" || h.ends_with(".facebook.com") {
        Some("facebook")
    } else if h == "messenger.com" || h.ends_with(".messenger.com") {
        Some("messenger")
    } else {
        None
    }
}

/// The path's non-empty segments, by a loop (a filtered `collect` was an adapter of its
/// own in the content module; docs/performance.md "Size, round 42").
fn segments(path: &str) -> Vec<&str> {
    let mut segs = Vec::new();
    for s in path.split('/') {
        if !s.is_empty() {
            segs.push(s);
        }
    }
    segs
}

/// `host` without port, `path` without query, `query` without '?'.
pub fn classify(host: &str, path: &str, query: &str) -> PageKind {
    let Some(site) = host_kind(host) else { return PageKind::NotFacebook };
    let segs = segments(path);
    let id_ok = |s: &str| !s.is_empty() && s.len() <= 64 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-');
    match (site, segs.as_slice()) {
        ("messenger", ["t", id, ..]) | ("messenger", ["e2ee", "t", id, ..]) if id_ok(id) => {
            PageKind::Thread { id: id.to_string() }
        }
        ("messenger", _) => PageKind::Other,
        (_, ["messages", "t", id, ..]) | (_, ["messages", "e2ee", "t", id, ..]) if id_ok(id) => {
            PageKind::Thread { id: id.to_string() }
        }
        (_, ["friends"]) | (_, ["friends", "requests", ..]) => PageKind::FriendRequests,
        (_, []) | (_, ["home.php"]) => PageKind::Feed,
        (_, ["profile.php"]) if query.split('&').any(|kv| kv.starts_with("id=")) => PageKind::Profile,
        (_, [user]) if !RESERVED.contains(user) && id_ok(user) => PageKind::Profile,
        (_, [user, "about", ..]) if !RESERVED.contains(user) && id_ok(user) => PageKind::Profile,
        _ => PageKind::Other,
    }
}

/// A profile link → (contact key, canonical URL). Accepts absolute URLs of
/// facebook.com / messenger.com only; relative ones must be resolved first.
pub fn profile_from_url(host: &str, path: &str, query: &str) -> Option<(String, String)> {
    host_kind(host)?;
    let param = |name: &str| {
        query.split('&').find_map(|kv| kv.strip_prefix(name).and_then(|v| v.strip_prefix('='))).map(str::to_string)
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 32 && s.bytes().all(|b| b.is_ascii_digit());
    let segs = segments(path);
    match segs.as_slice() {
        ["profile.php"] => {
            let id = param("id").filter(|i| digits(i))?;
            Some((format!("fb:{id}"), format!("https://www.facebook.com/profile.php?id={id}")))
        }
        ["friends", "requests", ..] | ["friends", ..] => {
            let id = param("profile_id").filter(|i| digits(i))?;
            Some((format!("fb:{id}"), format!("https://www.facebook.com/profile.php?id={id}")))
        }
        [user] | [user, "about", ..] if !RESERVED.contains(user) => {
            let ok = user.len() <= 64 && user.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
            ok.then(|| (format!("fb:{}", user.to_ascii_lowercase()), format!("https://www.facebook.com/{user}")))
        }
        _ => None,
    }
}
