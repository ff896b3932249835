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
use super::align::RowKey;
use super::row_window::{Changes, RowWindow};
use super::NotUnderstood;
use crate::engine::{Contact, FriendStatus, Message, MessageKind, Sender};
use wasm_bindgen::JsValue;
use web_sys::Element;

/// What one read of a thread (or chat window) found; its message rows are
/// in the grid's `RowWindow`.
pub struct ThreadRead {
    /// Stable contact key: the profile ("fb:…") when linked, else the thread ("t:…").
    pub key: String,
    pub contact: Contact,
    /// Where a warning goes.
    pub anchor: Element,
    /// False when the budget ran out: the window then holds the rows read so
    /// far (a full pass in progress holds none) and the rest follow in the next step.
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
pub(super) enum Cached {
    Message(RowKey),
    /// A date separator and the time it gives the messages after it.
    Separator(String),
}

impl Default for RowCache {
    fn default() -> Self {
        RowCache { map: js_sys::WeakMap::new(), items: Vec::new(), reads: 0 }
    }
}

impl RowCache {
    pub(super) fn get(&self, row: &Element) -> Option<&Cached> {
        let v = self.map.get(row.as_ref());
        v.as_f64().and_then(|i| self.items.get(i as usize))
    }
    pub(super) fn put(&mut self, row: &Element, c: Cached) {
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
    /// Rows read since the clock was last looked at (it is looked at every few
    /// rows: each look is a call out of WebAssembly).
    since_clock: u8,
    skipped: u32,
    clock: Option<web_sys::Performance>,
}

impl Budget {
    pub fn new(rows: usize, ms: f64) -> Budget {
        let clock = web_sys::window().and_then(|w| w.performance());
        let now = clock.as_ref().map_or_else(js_sys::Date::now, |p| p.now());
        Budget { rows_left: rows, deadline: now + ms, stopped: false, read_any: false, since_clock: 0, skipped: 0, clock }
    }
    /// At least one row is read per step, so reading always makes progress.
    pub(super) fn spent(&mut self) -> bool {
        if !self.read_any {
            return false;
        }
        if self.rows_left == 0 {
            return true;
        }
        if self.since_clock < 4 {
            return false;
        }
        self.since_clock = 0;
        let now = self.clock.as_ref().map_or_else(js_sys::Date::now, |p| p.now());
        now > self.deadline
    }
    /// For work that reads no row but still costs calls into the page (rows
    /// served from the cache, added elements already read): every 64 of them
    /// the clock is looked at. True when the step's time is up.
    pub(super) fn skipped(&mut self) -> bool {
        self.skipped = self.skipped.wrapping_add(1);
        if self.skipped % 64 != 0 {
            return false;
        }
        let now = self.clock.as_ref().map_or_else(js_sys::Date::now, |p| p.now());
        if now > self.deadline {
            self.stopped = true;
            return true;
        }
        false
    }
    pub(super) fn took(&mut self) {
        self.read_any = true;
        self.rows_left = self.rows_left.saturating_sub(1);
        self.since_clock = self.since_clock.saturating_add(1);
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

/// Reads one thread: `scope` is `[role=main]` or a chat window, `window` the
/// rows of its message grid (brought up to date with `changes`).
#[allow(clippy::too_many_arguments)]
pub fn read(
    scope: &Element,
    window: &mut RowWindow,
    changes: &Changes,
    thread_id: Option<&str>,
    labels: &Labels,
    cache: &mut RowCache,
    budget: &mut Budget,
) -> Result<ThreadRead, NotUnderstood> {
    let complete = window.update(changes, labels, cache, budget);
    let cards: Vec<Element> = window.cards.iter().filter(|c| c.is_connected()).cloned().collect();
    let contact = read_contact(scope, &window.grid, &cards, labels)?;
    let key = match (&contact.1, thread_id) {
        (Some(k), _) => k.clone(),
        (None, Some(t)) => format!("t:{t}"),
        (None, None) => return Err(NotUnderstood("chat window without a profile link")),
    };
    Ok(ThreadRead { key, contact: contact.0, anchor: scope.clone(), complete })
}

/// A separator's text → RFC 3339 UTC, reading it in the browser's local time.
pub(super) fn separator_time(t: &str, names: &super::when::Names) -> Option<String> {
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
///
/// Every call into the DOM crosses from WebAssembly to JavaScript, and a long
/// thread has thousands of rows (issue 7), so the row is read with a few
/// narrow queries: headings, the grid cell, the text elements, and only when
/// the row has any, its media, links and labelled elements.
pub fn read_row(row: &Element, labels: &Labels) -> Option<Message> {
    const HEADINGS: &str = "h1,h2,h3,h4,h5,h6,[role=heading]";
    let headings = qsa(row, HEADINGS);
    let cell = qs(row, "[role=gridcell]");
    // Text elements outside headings: the `dir=auto` ones (the message is the
    // longest of them) and other spans (marker lines only). Without headings
    // (most rows of others) the queries need no exclusion.
    let (autos, spans) = if headings.is_empty() {
        (qsa(row, "[dir=auto]"), qsa(row, "span:not([dir=auto])"))
    } else {
        (
            qsa(row, "[dir=auto]:not(h1 *,h2 *,h3 *,h4 *,h5 *,h6 *,[role=heading] *,h1,h2,h3,h4,h5,h6,[role=heading])"),
            qsa(row, "span:not([dir=auto]):not(h1 *,h2 *,h3 *,h4 *,h5 *,h6 *,[role=heading] *,[role=heading])"),
        )
    };
    let texts: Vec<(Element, bool)> = autos.into_iter().map(|e| (e, true)).chain(spans.into_iter().map(|e| (e, false))).collect();
    let mut aria: Vec<String> = Vec::new();
    let mut links: Vec<Element> = Vec::new();
    let mut media_audio = false;
    let mut media_video = false;
    let mut attachment_img = false;
    if qs(row, "img,[aria-label],a[href],audio,video").is_some() {
        for e in qsa(row, "img,[aria-label],a[href],audio,video") {
            if headings.iter().any(|h| h.is_same_node(Some(e.as_ref()))) {
                continue;
            }
            let tag = e.local_name();
            let alt = if tag == "img" { dom::attr(&e, "alt") } else { None };
            if let Some(l) = alt.or_else(|| dom::attr(&e, "aria-label")) {
                aria.push(l);
            }
            match tag.as_str() {
                "a" => links.push(e),
                "audio" => media_audio = true,
                "video" => media_video = true,
                "img" => attachment_img |= dom::closest(&e, "a[href*=\"attachment\"]").is_some(),
                _ => {}
            }
        }
    }
    let me_label = headings.iter().any(|h| labels.is("you_sent", &text(h)));
    let aligned_end = !me_label && cell.as_ref().is_some_and(aligned_to_end);
    let from = if me_label || aligned_end { Sender::Me } else { Sender::Them };

    // Marker lines ("Missed video call", "Priya forwarded a message") are not the message.
    let marker_of = |t: &str| labels.marker_norm(&super::labels::norm(t));
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
    Some(Message { from, author: None, at: None, kind, text })
}

/// Whether a message's grid cell (or its first child) aligns its content to the
/// end, as own messages do. The computed style is memoised by the cell's
/// `class` and `style` attributes: cells with the same attributes get the same
/// style from the page's stylesheets (and, in one thread, the same children), and asking for computed style after
/// the page added rows forces a style recalculation (issue 7: measured as most
/// of a step's cost on a long thread). The attributes are only a memo key, never
/// a selector, so a change of Facebook's class names only means new keys.
fn aligned_to_end(cell: &Element) -> bool {
    const MAX_KEYS: usize = 512;
    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<String, bool>> = std::cell::RefCell::new(Default::default());
    }
    let class = cell.get_attribute(wasm_bindgen::intern("class"));
    let style = cell.get_attribute(wasm_bindgen::intern("style"));
    // Without classes to tell cells apart, always ask.
    let key = class.map(|c| format!("{c}\u{1}{}", style.as_deref().unwrap_or("")));
    if let Some(k) = &key {
        if let Some(v) = MEMO.with(|m| m.borrow().get(k).copied()) {
            return v;
        }
    }
    let v = dom::alignment(cell)
        .or_else(|| cell.first_element_child().and_then(|f| dom::alignment(&f)))
        .is_some_and(|a| a.contains("end"));
    if let Some(k) = key {
        MEMO.with(|m| {
            let mut m = m.borrow_mut();
            if m.len() >= MAX_KEYS {
                m.clear();
            }
            m.insert(k, v);
        });
    }
    v
}
