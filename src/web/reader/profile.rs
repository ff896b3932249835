//! A person's profile: name (the `h1` in `[role=main]`), the Intro box
//! (`[data-pagelet^="ProfileTilesFeed"]` when present: "Lives in", "From",
//! "Works at", "Joined Facebook in YYYY"), friend and mutual-friend counts
//! (links to …/friends), and a pending request (a "Confirm" button).
use super::dom::{self, qs, qsa, text};
use super::labels::Labels;
use super::thread::contact_from_lines;
use super::NotUnderstood;
use crate::engine::{Contact, FriendStatus};
use web_sys::Element;

pub struct ProfileRead {
    pub key: String,
    pub contact: Contact,
    pub anchor: Element,
}

pub fn read(root: &Element, key: String, url: String, labels: &Labels) -> Result<ProfileRead, NotUnderstood> {
    let main = qs(root, "[role=main]").ok_or(NotUnderstood("profile without [role=main]"))?;
    let h1 = qs(&main, "h1").ok_or(NotUnderstood("profile without a name heading"))?;
    let name = text(&h1);
    if name.is_empty() {
        return Err(NotUnderstood("profile without a name"));
    }
    let intro = qs(&main, "[data-pagelet^=\"ProfileTilesFeed\"]").unwrap_or_else(|| main.clone());
    let mut ls: Vec<String> = Vec::new();
    let mut push = |t: String| {
        if !t.is_empty() && t.len() < 200 && !ls.contains(&t) {
            ls.push(t);
        }
    };
    // The first 400 and 10 as slices, not `into_iter().take(n)` (a `Take` of its own in
    // the content module; docs/performance.md "Size, round 44").
    let es = qsa(&intro, "[dir=auto], span");
    for e in &es[..es.len().min(400)] {
        push(text(e));
    }
    let links = qsa(&main, "a[href*=\"friends\"]");
    for a in &links[..links.len().min(10)] {
        push(text(a));
    }
    let mut contact = contact_from_lines(name, Some(url), &ls, labels);
    let pending = qsa(&main, "[role=button]")
        .iter()
        .any(|b| dom::attr(b, "aria-label").is_some_and(|l| labels.is("confirm", &l)));
    if pending {
        contact.friend_status = FriendStatus::RequestReceived;
    }
    let anchor = h1.parent_element().unwrap_or(h1);
    Ok(ProfileRead { key, contact, anchor })
}
