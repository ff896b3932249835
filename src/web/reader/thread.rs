//! Messenger threads (facebook.com/messages/t/…, /messages/e2ee/t/…,
//! messenger.com/t/…) and the small chat windows over any facebook.com page.
//!
//! Structure read (platform-notes.md): the thread lives in `[role=main]`; its
//! messages in a `[role=grid]` (labelled "Messages in conversation with …");
//! every message is a `[role=row]` holding `[data-scope="messages_table"]`
//! (date separators and the top-of-thread card do not); own messages are
//! aligned to the end (`flex-end`) and carry a "You sent" heading; the message
//! text is the longest `[dir=auto]` outside headings.
use super::dom::{self, qs, qsa, text};
use super::labels::{month_year, parse_count, Labels};
use super::NotUnderstood;
use crate::engine::{Contact, FriendStatus, Message, MessageKind, Sender};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

/// What one read of a thread (or chat window) found.
pub struct ThreadRead {
    /// Stable contact key: the profile ("fb:…") when linked, else the thread ("t:…").
    pub key: String,
    pub contact: Contact,
    /// The message rows mounted now, in page order.
    pub rows: Vec<Message>,
    /// Where a warning goes.
    pub anchor: Element,
    /// False when the budget ran out: `rows` are then the first rows of the
    /// grid only (still in page order) and the rest follow in the next step.
    pub complete: bool,
}

/// Rows already read, keyed by the row element (weakly: rows that Facebook
/// unmounts are forgotten with them), so a re-render of an unchanged row costs
/// one lookup. Re-mounted rows are new elements and are de-duplicated later by
/// position in the thread's log.
pub struct RowCache {
    map: js_sys::WeakMap,
    items: Vec<Cached>,
    reads: usize,
}

#[derive(Clone)]
enum Cached {
    Message(Message),
    /// A date separator and the time it gives the messages after it.
    Separator(String),
}

impl Default for RowCache {
    fn default() -> Self {
        RowCache { map: js_sys::WeakMap::new(), items: Vec::new(), reads: 0 }
    }
}

impl RowCache {
    fn get(&self, row: &Element) -> Option<&Cached> {
        let v = self.map.get(row.as_ref());
        v.as_f64().and_then(|i| self.items.get(i as usize))
    }
    fn put(&mut self, row: &Element, c: Cached) {
        self.map.set(row.as_ref(), &JsValue::from_f64(self.items.len() as f64));
        if matches!(c, Cached::Message(_)) {
            self.reads += 1;
        }
        self.items.push(c);
    }
    /// How many message rows were read from the DOM (not served from the cache).
    pub fn reads(&self) -> usize {
        self.reads
    }
}

/// How much reading one step may do before it yields to the page: the first
/// read of a long thread is spread over several tasks, none of them long.
pub struct Budget {
    /// Message rows that may still be read from the DOM in this step.
    pub rows_left: usize,
    /// `performance.now()` after which no further row is read in this step.
    pub deadline: f64,
    /// Whether a read stopped early (another step must follow).
    pub stopped: bool,
    read_any: bool,
}

impl Budget {
    pub fn new(rows: usize, ms: f64) -> Budget {
        Budget { rows_left: rows, deadline: dom::now() + ms, stopped: false, read_any: false }
    }
    /// At least one row is read per step, so reading always makes progress.
    fn spent(&self) -> bool {
        self.read_any && (self.rows_left == 0 || dom::now() > self.deadline)
    }
    fn took(&mut self) {
        self.read_any = true;
        self.rows_left = self.rows_left.saturating_sub(1);
    }
}

/// The thread grid inside `scope`: the one labelled "Messages in conversation
/// with …", else the one holding message rows.
pub fn find_grid(scope: &Element, labels: &Labels) -> Option<Element> {
    find_grid_among(scope, &qsa(scope, "[role=grid]"), labels)
}

/// `find_grid` choosing among `grids` (the page's `[role=grid]` elements, in
/// document order, found by one query shared with `chat_windows_among`).
pub fn find_grid_among(scope: &Element, grids: &[Element], labels: &Labels) -> Option<Element> {
    let inside: Vec<&Element> =
        grids.iter().filter(|g| !g.is_same_node(Some(scope.as_ref())) && scope.contains(Some(g.as_ref()))).collect();
    inside
        .iter()
        .find(|g| dom::attr(g, "aria-label").is_some_and(|l| labels.capture("messages_with", &l).is_some()))
        .or_else(|| inside.iter().find(|g| qs(g, "[data-scope=\"messages_table\"]").is_some()))
        .map(|g| (*g).clone())
}

/// Chat windows: thread grids outside `[role=main]`, with the window element
/// around each (the nearest ancestor that also holds the window's header).
pub fn find_chat_windows(doc_root: &Element, labels: &Labels) -> Vec<(Element, Element)> {
    chat_windows_among(&qsa(doc_root, "[role=grid]"), labels)
}

/// `find_chat_windows` among the page's `[role=grid]` elements.
pub fn chat_windows_among(grids: &[Element], labels: &Labels) -> Vec<(Element, Element)> {
    let mut out = Vec::new();
    for g in grids {
        let g = g.clone();
        if dom::closest(&g, "[role=main]").is_some() {
            continue;
        }
        let labelled = dom::attr(&g, "aria-label").is_some_and(|l| labels.capture("messages_with", &l).is_some());
        if !labelled && qs(&g, "[data-scope=\"messages_table\"]").is_none() {
            continue;
        }
        let mut win = g.clone();
        for _ in 0..8 {
            let Some(p) = win.parent_element() else { break };
            win = p;
            if qs(&win, "a[href], h2, h3, [role=heading]").is_some_and(|h| !g.contains(Some(h.as_ref()))) {
                break;
            }
        }
        out.push((win, g));
    }
    out
}

/// Reads one thread: `scope` is `[role=main]` or a chat window, `grid` its message grid.
pub fn read(
    scope: &Element,
    grid: &Element,
    thread_id: Option<&str>,
    labels: &Labels,
    cache: &mut RowCache,
    budget: &mut Budget,
) -> Result<ThreadRead, NotUnderstood> {
    let mut rows = Vec::new();
    let mut card_rows = Vec::new();
    // Messages after a date separator get its time (Facebook shows no per-message time).
    let mut at: Option<String> = None;
    let mut names = None;
    let mut complete = true;
    let list = grid.query_selector_all(wasm_bindgen::intern("[role=row]")).ok();
    let n = list.as_ref().map_or(0, |l| l.length());
    for i in 0..n {
        // querySelectorAll yields elements only: no per-row type check across the boundary.
        let Some(row) = list.as_ref().and_then(|l| l.item(i)).map(|n| n.unchecked_into::<Element>()) else { continue };
        match cache.get(&row) {
            Some(Cached::Message(m)) => {
                let mut m = m.clone();
                m.at = at.clone();
                rows.push(m);
                continue;
            }
            Some(Cached::Separator(when)) => {
                at = Some(when.clone());
                continue;
            }
            None => {}
        }
        if qs(&row, "[data-scope=\"messages_table\"]").is_none() {
            let t = text(&row);
            if !t.is_empty() && t.chars().count() <= 60 {
                let names = names.get_or_insert_with(|| labels.when_names());
                if let Some(when) = separator_time(&t, names) {
                    cache.put(&row, Cached::Separator(when.clone()));
                    at = Some(when);
                    continue;
                }
            }
            card_rows.push(row);
            continue;
        }
        if budget.spent() {
            budget.stopped = true;
            complete = false;
            break;
        }
        budget.took();
        if let Some(mut m) = read_row(&row, labels) {
            cache.put(&row, Cached::Message(m.clone()));
            m.at = at.clone();
            rows.push(m);
        }
    }
    let contact = read_contact(scope, grid, &card_rows, labels)?;
    let key = match (&contact.1, thread_id) {
        (Some(k), _) => k.clone(),
        (None, Some(t)) => format!("t:{t}"),
        (None, None) => return Err(NotUnderstood("chat window without a profile link")),
    };
    Ok(ThreadRead { key, contact: contact.0, rows, anchor: scope.clone(), complete })
}

/// A separator's text → RFC 3339 UTC, reading it in the browser's local time.
fn separator_time(t: &str, names: &super::when::Names) -> Option<String> {
    let now = js_sys::Date::new_0();
    let today = super::when::Today { y: now.get_full_year() as i64, m: now.get_month() + 1, d: now.get_date() };
    let (y, m, d, h, mi) = super::when::parse(t, names, today)?;
    let local = js_sys::Date::new_with_year_month_day_hr_min(y as u32, m as i32 - 1, d as i32, h as i32, mi as i32);
    if local.get_time().is_nan() {
        return None;
    }
    let iso: String = local.to_iso_string().into();
    // "2026-11-23T03:32:00.000Z" → "2026-11-23T03:32:00Z"
    Some(match iso.find('.') {
        Some(i) if iso.ends_with('Z') => format!("{}Z", &iso[..i]),
        _ => iso,
    })
}

/// Lines of text shown in `els` (each element's own text, de-duplicated).
fn lines(els: impl IntoIterator<Item = Element>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in els {
        let t = text(&e);
        if !t.is_empty() && t.len() < 200 && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Facts about a person from the lines the page shows next to them.
pub fn contact_from_lines(name: String, profile_url: Option<String>, ls: &[String], labels: &Labels) -> Contact {
    let mut c = Contact { profile_url, ..Contact::named(name) };
    for l in ls {
        if c.friend_status == FriendStatus::Unknown {
            if labels.contains("not_friends", l) {
                c.friend_status = FriendStatus::NotFriends;
            } else if labels.contains("friends", l) {
                c.friend_status = FriendStatus::Friends;
            }
        }
        if c.lives_in.is_none() {
            c.lives_in = labels.capture("lives_in", l);
        }
        if c.joined.is_none() {
            c.joined = labels.capture("joined", l).and_then(|x| super::labels::find_year(&x));
        }
        if c.friends_since.is_none() {
            c.friends_since = labels.capture("friends_since", l).and_then(|x| month_year(&x));
        }
        if let Some(n) = labels.capture("mutual_friends", l).and_then(|x| parse_count(&x)) {
            c.mutual_friends.get_or_insert(n);
        } else if let Some(n) = labels.capture("friend_count", l).and_then(|x| parse_count(&x)) {
            c.friend_count.get_or_insert(n);
        }
    }
    if c.friends_since.is_some() && c.friend_status == FriendStatus::Unknown {
        c.friend_status = FriendStatus::Friends;
    }
    c
}

fn read_contact(
    scope: &Element,
    grid: &Element,
    card_rows: &[Element],
    labels: &Labels,
) -> Result<(Contact, Option<String>), NotUnderstood> {
    // Everything in the scope except the grid, without visiting the grid's
    // (possibly thousands of) rows: the siblings along the path grid → scope.
    let mut parts: Vec<Element> = Vec::new();
    let mut node = grid.clone();
    while !node.is_same_node(Some(scope.as_ref())) {
        let Some(parent) = node.parent_element() else { break };
        let kids = parent.children();
        for i in 0..kids.length() {
            if let Some(k) = kids.item(i) {
                if !k.is_same_node(Some(node.as_ref())) {
                    parts.push(k);
                }
            }
        }
        node = parent;
    }
    let name = dom::attr(grid, "aria-label")
        .and_then(|l| labels.capture("messages_with", &l))
        .or_else(|| {
            parts
                .iter()
                .flat_map(|p| {
                    let mut v = qsa(p, "h1, h2, h3, [role=heading]");
                    if p.matches("h1, h2, h3, [role=heading]").unwrap_or(false) {
                        v.insert(0, p.clone());
                    }
                    v
                })
                .map(|h| text(&h))
                .find(|t| !t.is_empty())
        })
        .ok_or(NotUnderstood("thread without a contact name"))?;
    let mut link = None;
    let anchors = parts.iter().chain(card_rows.iter()).flat_map(|p| {
        let mut v = qsa(p, "a[href]");
        if p.matches("a[href]").unwrap_or(false) {
            v.insert(0, p.clone());
        }
        v
    });
    for a in anchors {
        if let Some(p) = dom::profile_link(&a) {
            link = Some(p);
            break;
        }
    }
    let mut els: Vec<Element> = Vec::new();
    for p in parts.iter().chain(card_rows.iter()) {
        if p.matches("[dir=auto], span").unwrap_or(false) {
            els.push(p.clone());
        }
        els.extend(qsa(p, "[dir=auto], span"));
    }
    let ls = lines(els);
    let (key, url) = match link {
        Some((k, u)) => (Some(k), Some(u)),
        None => (None, None),
    };
    Ok((contact_from_lines(name, url, &ls, labels), key))
}

/// One message row → a message; `None` for rows with nothing to read yet.
pub fn read_row(row: &Element, labels: &Labels) -> Option<Message> {
    // One query per row; elements come in document order.
    let els = qsa(
        row,
        "h1,h2,h3,h4,h5,h6,[role=heading],[role=gridcell],[dir=auto],span,img,[aria-label],a[href],audio,video",
    );
    let mut headings: Vec<Element> = Vec::new();
    let mut cell: Option<Element> = None;
    let mut aria: Vec<String> = Vec::new();
    let mut links: Vec<Element> = Vec::new();
    let mut media_audio = false;
    let mut media_video = false;
    let mut attachment_img = false;
    let mut texts: Vec<(Element, bool)> = Vec::new();
    for e in els {
        let tag = e.local_name();
        let role = e.get_attribute(wasm_bindgen::intern("role"));
        if matches!(tag.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") || role.as_deref() == Some("heading") {
            headings.push(e);
            continue;
        }
        if role.as_deref() == Some("gridcell") && cell.is_none() {
            cell = Some(e.clone());
        }
        let alt = if tag == "img" { dom::attr(&e, "alt") } else { None };
        if let Some(l) = alt.or_else(|| dom::attr(&e, "aria-label")) {
            aria.push(l);
        }
        match tag.as_str() {
            "a" => links.push(e.clone()),
            "audio" => media_audio = true,
            "video" => media_video = true,
            "img" => attachment_img |= dom::closest(&e, "a[href*=\"attachment\"]").is_some(),
            _ => {}
        }
        let dir_auto = e.get_attribute(wasm_bindgen::intern("dir")).is_some_and(|d| d == "auto");
        if dir_auto || tag == "span" {
            if !headings.iter().any(|h| h.contains(Some(e.as_ref()))) {
                texts.push((e, dir_auto));
            }
        }
    }
    let me_label = headings.iter().any(|h| labels.is("you_sent", &text(h)));
    let aligned_end = !me_label
        && cell.as_ref().is_some_and(|c| {
            dom::alignment(c)
                .or_else(|| c.first_element_child().and_then(|f| dom::alignment(&f)))
                .is_some_and(|a| a.contains("end"))
        });
    let from = if me_label || aligned_end { Sender::Me } else { Sender::Them };

    // Marker lines ("Missed video call", "Priya forwarded a message") are not the message.
    const MARKERS: [&str; 5] = ["missed_video_call", "missed_audio_call", "video_call", "audio_call", "forwarded"];
    // The text is normalised once for all markers.
    let marker_of = |t: &str| {
        let n = super::labels::norm(t);
        MARKERS.iter().copied().find(|k| labels.is_norm(k, &n) || labels.ends_with_phrase_norm(k, &n))
    };
    let mut markers: Vec<&'static str> = Vec::new();
    let mut msg: Option<String> = None;
    for (e, dir_auto) in &texts {
        let t = text(e);
        if t.is_empty() {
            continue;
        }
        if let Some(k) = marker_of(&t) {
            if !markers.contains(&k) {
                markers.push(k);
            }
        } else if *dir_auto && msg.as_ref().is_none_or(|m| t.chars().count() > m.chars().count()) {
            msg = Some(t);
        }
    }
    let external_link = links.iter().any(|a| {
        dom::href_parts(a).is_some_and(|(h, p, _)| {
            super::page::host_kind(&h).is_none() || (h.starts_with("l.") && p.starts_with("/l.php"))
        })
    });
    let has = |k: &str| markers.contains(&k);
    let kind = if has("missed_video_call") {
        MessageKind::MissedVideoCall
    } else if has("video_call") {
        MessageKind::VideoCall
    } else if has("missed_audio_call") {
        MessageKind::MissedAudioCall
    } else if has("audio_call") {
        MessageKind::AudioCall
    } else if has("forwarded") {
        MessageKind::Forwarded
    } else if media_audio || aria.iter().any(|l| labels.is("voice_message", l)) {
        MessageKind::Audio
    } else if media_video {
        MessageKind::Video
    } else if aria.iter().any(|l| labels.contains("sticker", l)) {
        MessageKind::Sticker
    } else if attachment_img || aria.iter().any(|l| labels.is("photo", l)) {
        MessageKind::Image
    } else if external_link {
        MessageKind::Link
    } else {
        MessageKind::Text
    };
    let text = match kind {
        MessageKind::VideoCall | MessageKind::MissedVideoCall | MessageKind::AudioCall | MessageKind::MissedAudioCall => None,
        _ => msg,
    };
    if kind == MessageKind::Text && text.is_none() {
        return None;
    }
    Some(Message { from, at: None, kind, text })
}
