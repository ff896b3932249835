//! Friend-request cards: /friends/requests, /friends, the cards on the home
//! page and in the notifications panel. A card is the smallest element around
//! a "Confirm" button (`[role=button]`, labelled per UI language) or a
//! `/friends/requests/?profile_id=` link that also links the requester.
use super::dom::{self, qsa, text};
use super::labels::Labels;
use super::thread::contact_from_lines;
use crate::engine::{Contact, FriendStatus};
use web_sys::Element;

pub struct RequestRead {
    pub key: String,
    pub contact: Contact,
    pub anchor: Element,
}

fn is_confirm(b: &Element, labels: &Labels) -> bool {
    dom::attr(b, "aria-label").is_some_and(|l| labels.is("confirm", &l)) || labels.is("confirm", &text(b))
}

/// The requester's link inside `el`, if exactly one person is linked there.
fn sole_profile(el: &Element) -> Option<(String, String, Element)> {
    let mut found: Option<(String, String, Element)> = None;
    for a in qsa(el, "a[href]") {
        if let Some((k, u)) = dom::profile_link(&a) {
            match &found {
                Some((fk, _, _)) if *fk != k => return None,
                Some(_) => {}
                None => found = Some((k, u, a)),
            }
        }
    }
    found
}

pub fn read(root: &Element, labels: &Labels) -> Vec<RequestRead> {
    let mut out: Vec<RequestRead> = Vec::new();
    // A loop, not a filtered `collect` (an adapter of its own in the content module).
    let mut starts: Vec<Element> = Vec::new();
    for b in qsa(root, "[role=button]") {
        if is_confirm(&b, labels) {
            starts.push(b);
        }
    }
    starts.extend(qsa(root, "a[href*=\"profile_id=\"]"));
    for s in starts {
        let mut card = s.clone();
        let mut hit = None;
        for _ in 0..10 {
            let Some(p) = card.parent_element() else { break };
            card = p;
            if let Some(h) = sole_profile(&card) {
                hit = Some(h);
                break;
            }
            if qsa(&card, "[role=button]").iter().filter(|b| is_confirm(b, labels)).count() > 1 {
                break; // climbed past the card into the list
            }
        }
        let Some((key, url, link)) = hit else { continue };
        if out.iter().any(|r| r.key == key) {
            continue;
        }
        let name = [text(&link), dom::attr(&link, "aria-label").unwrap_or_default()]
            .into_iter()
            .find(|t| !t.is_empty() && !labels.is("confirm", t))
            .or_else(|| qsa(&card, "h1,h2,h3,h4,[role=heading]").first().map(|h| text(h)))
            .filter(|t| !t.is_empty());
        let Some(name) = name else { continue };
        let mut ls = Vec::new();
        for e in qsa(&card, "[dir=auto], span") {
            let t = text(&e);
            if !t.is_empty() && t.len() < 200 && !ls.contains(&t) {
                ls.push(t);
            }
        }
        let mut contact = contact_from_lines(name, Some(url), &ls, labels);
        contact.friend_status = FriendStatus::RequestReceived;
        out.push(RequestRead { key, contact, anchor: card });
    }
    out
}
