//! Messenger threads (facebook.com/messages/t/…, /messages/e2ee/t/…,
//! messenger.com/t/…) and the small chat windows over any facebook.com page.
//!
//! Structure read (public evidence: README "Reading Facebook"; `layout` tells the two layouts
//! apart): the thread lives in `[role=main]`; its messages in a `[role=grid]`
//! or `[role=log]` labelled "Messages in conversation with …". Grid: every
//! message is a `[role=row]` holding `[data-scope="messages_table"]`; own
//! messages are aligned to the end and carry a "You sent" heading; the text is
//! the longest `[dir=auto]` outside headings and quoted parents. Log: every
//! message is `[aria-roledescription=message]` labelled "At TIME, NAME: text".
//! Date separators (`[data-scope=date_break]`, or short rows of a date) give
//! the times.
//!
//! One row → a message (`read_grid_view`, `read_log_view`, used by
//! `row_window`), and the thread's contact (`read`, given what the controller's
//! `RowWindow` holds: this module does not import `row_window`).
use super::dom::{self, qs, qsa, text};
use super::labels::{month_year, parse_count, Labels};
use super::align::RowKey;
use super::snapshot::{Raw, RowView};
use super::text::cap;
use super::NotUnderstood;
use crate::engine::tracker::call_minutes;
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

/// A message row as read: its key, the clock time its own label gave (log
/// layout), and the separator read in the same row, if any (it comes first).
#[derive(Clone)]
pub(super) struct RowRead {
    pub key: RowKey,
    pub clock: Option<super::when::Clock>,
    pub sep: Option<super::when::Local>,
}

#[derive(Clone)]
pub(super) enum Cached {
    Message(RowRead),
    /// A date separator and the local time it gives the messages after it.
    Separator(super::when::Local),
}

impl Default for RowCache {
    fn default() -> Self {
        RowCache { map: js_sys::WeakMap::new(), items: Vec::new(), reads: 0 }
    }
}

impl RowCache {
    /// The rows already read, for the snapshot helper to skip.
    pub(super) fn seen(&self) -> &JsValue {
        self.map.as_ref()
    }
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
    /// How many rows (messages and separators) the cache holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
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

/// The thread's message list inside `scope` (either layout): the one labelled
/// "Messages in conversation with …", else the one holding message rows.
pub fn find_grid(scope: &Element, labels: &Labels) -> Option<Element> {
    find_grid_among(scope, &qsa(scope, super::layout::LIST_SEL), labels)
}

/// `find_grid` choosing among `grids` (the page's message-list candidates, in
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

/// A thread page's `[role=main]` and its message list: the first message list
/// inside a `[role=main]` that is not a docked chat box (a docked box's
/// wrapper may carry `role=main` too).
pub fn find_thread_list(lists: &[Element], labels: &Labels) -> Option<(Element, Element)> {
    // Loops, not `filter_map().filter().collect()`: each adapter was code of its own
    // in the content module (docs/performance.md "Size, round 40").
    let mut in_main: Vec<(Element, &Element)> = Vec::new();
    for l in lists {
        if let Some(m) = dom::closest(l, "[role=main]") {
            if super::layout::is_message_list(l, labels) {
                in_main.push((m, l));
            }
        }
    }
    // One candidate (the usual thread page): no need to look for a docked box's buttons.
    if in_main.len() == 1 {
        return in_main.into_iter().next().map(|(m, l)| (m, l.clone()));
    }
    for (m, l) in in_main {
        if !super::layout::is_docked(l, labels) {
            return Some((m, l.clone()));
        }
    }
    None
}

/// Chat windows over any page: every message list (either layout, in or out
/// of `[role=main]`, minimised ones too) except the thread's, with the window
/// element around each (the nearest ancestor that also holds its header).
pub fn find_chat_windows(doc_root: &Element, labels: &Labels) -> Vec<(Element, Element)> {
    let lists = qsa(doc_root, super::layout::LIST_SEL);
    let thread = find_thread_list(&lists, labels).map(|t| t.1);
    chat_windows_among(&lists, thread.as_ref(), labels)
}

/// `find_chat_windows` among the page's message-list candidates.
pub fn chat_windows_among(grids: &[Element], thread: Option<&Element>, labels: &Labels) -> Vec<(Element, Element)> {
    let mut out = Vec::new();
    for g in grids {
        if thread.is_none_or(|t| !t.is_same_node(Some(g.as_ref()))) && super::layout::is_message_list(g, labels) {
            out.push((super::layout::window_of(g), g.clone()));
        }
    }
    out
}

/// What a thread's header (everything in `scope` but the message list) and the
/// list's card rows say about the contact, read by `header`. It depends on
/// neither the message rows nor the step: the controller keeps it while nothing
/// it was read from changed (`Header::link_unchanged` and the page's mutations).
pub struct Header {
    pub contact: Contact,
    /// The profile key ("fb:…") of the first profile link, if any.
    pub key: Option<String>,
    /// The contact's card is among the card rows: the conversation's start is loaded.
    start_card: bool,
    /// The profile link the key came from and its `href` attribute then.
    link: Option<ProfileLink>,
}

/// A profile link element and its `href` attribute when it was read.
type ProfileLink = (Element, Option<String>);

impl Header {
    /// Whether the profile link the key came from is still in the page with the
    /// same `href` (a link re-pointed in place makes no mutation the controller
    /// observes: attributes are not observed). Two calls out of WebAssembly.
    pub fn link_unchanged(&self) -> bool {
        match &self.link {
            None => true,
            Some((a, href)) => a.is_connected() && dom::attr(a, "href") == *href,
        }
    }
}

/// Reads the contact from `scope`'s header and `cards` (the list's card rows).
pub fn header(scope: &Element, grid: &Element, cards: &[Element], labels: &Labels) -> Result<Header, NotUnderstood> {
    let mut live: Vec<Element> = Vec::new();
    for c in cards {
        if c.is_connected() {
            live.push(c.clone());
        }
    }
    let cards = live;
    let (contact, key, link) = read_contact(scope, grid, &cards, labels)?;
    Ok(Header { contact, key, start_card: start_card(&cards, labels), link })
}

/// Reads one thread: `scope` is `[role=main]` or a chat window, `header` what
/// its header says (`header`), `rows` what the list's `RowWindow` holds now
/// (the controller brings it up to date first; `complete` is what that update
/// said; `group`: whether the rows show several other senders, `RowWindow::group`).
pub fn read(scope: &Element, header: &Header, rows: &[RowKey], group: bool, complete: bool, thread_id: Option<&str>) -> Result<ThreadRead, NotUnderstood> {
    let mut contact = header.contact.clone();
    // The contact's card at the top of the list means the conversation's start
    // is loaded: the first message listed is the first ever exchanged.
    if header.start_card {
        contact.start_visible = true;
        contact.conversation_start = rows.first().and_then(|k| k.at);
    }
    // Several members' names on the rows: a group chat, each member their own contact.
    contact.group = group;
    let key = match (&header.key, thread_id) {
        (Some(k), _) => k.clone(),
        (None, Some(t)) => format!("t:{t}"),
        (None, None) => return Err(NotUnderstood("chat window without a profile link")),
    };
    Ok(ThreadRead { key, contact, anchor: scope.clone(), complete })
}

/// A separator's text → the local date and time it names.
pub(super) fn separator_local(t: &str, names: &super::when::Names) -> Option<super::when::Local> {
    super::when::parse(t, names, today())
}

/// A local date and time → the engine's `Timestamp`, at the browser's offset at
/// that moment (through `when::instant`, the one place times are made).
pub(super) fn instant(l: super::when::Local) -> Option<crate::engine::time::Timestamp> {
    let (y, m, d, h, mi) = l;
    let local = js_sys::Date::new_with_year_month_day_hr_min(y as u32, m as i32 - 1, d as i32, h as i32, mi as i32);
    if local.get_time().is_nan() {
        return None;
    }
    // getTimezoneOffset is minutes west of UTC.
    super::when::instant(l, -(local.get_timezone_offset() as i32))
}

/// Whether one of the list's card rows is the contact's header card ("You're
/// friends on Facebook", "Lives in …", "N mutual friends", "Works at …").
fn start_card(cards: &[Element], labels: &Labels) -> bool {
    cards.iter().any(|c| {
        let mut els = qsa(c, "[dir=auto], span");
        els.insert(0, c.clone());
        lines(els).iter().any(|l| {
            labels.contains("friends", l)
                || labels.contains("not_friends", l)
                || labels.capture("lives_in", l).is_some()
                || labels.capture("works_at", l).is_some()
                || labels.capture("mutual_friends", l).is_some()
        })
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
        if c.works_at.is_none() {
            c.works_at = labels.capture("works_at", l);
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
) -> Result<(Contact, Option<String>, Option<ProfileLink>), NotUnderstood> {
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
    // The parts' headings, then their links, each part's in page order and read only
    // until one is found, by nested loops (`flat_map` and `chain` were adapters of
    // their own in the content module; docs/performance.md "Size, round 41").
    let mut name = dom::attr(grid, "aria-label").and_then(|l| labels.capture("messages_with", &l));
    if name.is_none() {
        'parts: for p in &parts {
            let mut v = qsa(p, "h1, h2, h3, [role=heading]");
            if p.matches("h1, h2, h3, [role=heading]").unwrap_or(false) {
                v.insert(0, p.clone());
            }
            for h in v {
                let t = text(&h);
                if !t.is_empty() {
                    name = Some(t);
                    break 'parts;
                }
            }
        }
    }
    let name = name.ok_or(NotUnderstood("thread without a contact name"))?;
    let mut link = None;
    // The two lists by a slice's iterator, not an array's `into_iter` (its `next` of
    // its own in the content module; docs/performance.md "Size, round 44").
    'anchors: for &list in [parts.as_slice(), card_rows].iter() {
        for p in list {
            let mut v = qsa(p, "a[href]");
            if p.matches("a[href]").unwrap_or(false) {
                v.insert(0, p.clone());
            }
            for a in v {
                if let Some(p) = dom::profile_link(&a) {
                    let href = dom::attr(&a, "href");
                    link = Some((p, (a, href)));
                    break 'anchors;
                }
            }
        }
    }
    let mut els: Vec<Element> = Vec::new();
    for &list in [parts.as_slice(), card_rows].iter() {
        for p in list {
            if p.matches("[dir=auto], span").unwrap_or(false) {
                els.push(p.clone());
            }
            els.extend(qsa(p, "[dir=auto], span"));
        }
    }
    let ls = lines(els);
    let (key, url, link) = match link {
        Some(((k, u), a)) => (Some(k), Some(u), Some(a)),
        None => (None, None, None),
    };
    Ok((contact_from_lines(name, url, &ls, labels), key, link))
}

/// What the structure of one message (a grid row, or a log-layout message
/// element) shows, apart from who sent it.
struct Facts {
    /// Marker lines found ("missed_video_call", "forwarded", ...), in order.
    markers: Vec<&'static str>,
    /// The normalised text of those marker lines (who placed a call is in them).
    marker_texts: Vec<String>,
    /// The longest `dir=auto` text that is neither a marker nor a quoted parent.
    text: Option<String>,
    /// The first text that is a call's length ("2 min", "1 hr 5 min", "१२ मिनट": a number
    /// first, read by `engine::tracker::call_minutes`): a call's only text.
    duration: Option<String>,
    audio: bool,
    video: bool,
    sticker: bool,
    image: bool,
    external_link: bool,
    /// A "You sent" heading.
    me_heading: bool,
}

/// A message's facts from what its row shows (`snapshot::Raw`, read in one
/// batch call or with queries). Kinds come from structure (audio/video
/// elements, image attachments, outside links) and from exact labels of
/// images and markers, never from words inside the message's text.
fn facts_of(raw: &Raw, labels: &Labels) -> Facts {
    let mut f = Facts {
        markers: Vec::new(),
        marker_texts: Vec::new(),
        text: None,
        duration: None,
        audio: false,
        video: false,
        sticker: false,
        image: false,
        external_link: false,
        me_heading: raw.headings.iter().any(|h| labels.is("you_sent", h)),
    };
    for e in raw.media.iter().filter(|e| !e.heading) {
        let is_img = e.tag == "img" || e.role == "img";
        let l = e.label.as_ref();
        if !l.is_empty() {
            // Only an image's own label names a sticker: a message's label
            // carries its whole text ("At 16:15, Priya: send a sticker").
            if is_img && labels.contains("sticker", l) {
                f.sticker = true;
            } else if labels.is("photo", l) {
                f.image = true;
            } else if labels.is("voice_message", l) {
                f.audio = true;
            }
        }
        match e.tag.as_ref() {
            "a" => {
                f.external_link |= dom::url_parts(&e.href).is_some_and(|(h, p)| {
                    super::page::host_kind(&h).is_none() || (h.starts_with("l.") && p.starts_with("/l.php"))
                })
            }
            "audio" => f.audio = true,
            "video" => f.video = true,
            "img" => f.image |= e.attachment,
            _ => {}
        }
    }
    // Marker lines ("Missed video call", "Priya forwarded a message") are not the message.
    // One buffer for every text's normal form; only the chosen text is copied.
    let mut n = String::new();
    let mut text: Option<(&str, usize)> = None;
    for (t, dir_auto) in raw.autos.iter().map(|t| (t, true)).chain(raw.spans.iter().map(|t| (t, false))) {
        if t.is_empty() {
            continue;
        }
        if let Some(k) = labels.marker_of(t, &mut n) {
            if !f.markers.contains(&k) {
                f.markers.push(k);
                f.marker_texts.push(n.clone());
            }
        } else {
            // A call's length: kept apart, and a message's text still when it is one
            // ("54 min" typed is a message; it is read as a length only for a call).
            if f.duration.is_none() && call_minutes(t).is_some() {
                f.duration = Some(t.to_string());
            }
            if !dir_auto {
                continue;
            }
            let chars = t.chars().count();
            if text.is_none_or(|(_, c)| chars > c) {
                text = Some((t.as_ref(), chars));
            }
        }
    }
    f.text = text.map(|(t, _)| t.to_string());
    f
}

/// The kind a message's facts (and the text its label gives) show.
fn kind_of(f: &Facts) -> MessageKind {
    let has = |k: &str| f.markers.contains(&k);
    if has("missed_video_call") {
        MessageKind::MissedVideoCall
    } else if has("video_call") {
        MessageKind::VideoCall
    } else if has("missed_audio_call") {
        MessageKind::MissedAudioCall
    } else if has("audio_call") {
        MessageKind::AudioCall
    } else if has("forwarded") {
        MessageKind::Forwarded
    } else if f.audio {
        MessageKind::Audio
    } else if f.video {
        MessageKind::Video
    } else if f.sticker {
        MessageKind::Sticker
    } else if f.image {
        MessageKind::Image
    } else if f.external_link {
        MessageKind::Link
    } else {
        MessageKind::Text
    }
}

fn is_call(k: MessageKind) -> bool {
    matches!(k, MessageKind::VideoCall | MessageKind::MissedVideoCall | MessageKind::AudioCall | MessageKind::MissedAudioCall)
}

/// Who placed a call (contract: `from` is the caller). A marker that says who
/// missed it decides ("You missed a video call": the contact called);
/// otherwise the call row sits on its caller's side, like a message.
fn caller(f: &Facts, side: Sender, labels: &Labels) -> Sender {
    for t in &f.marker_texts {
        if labels.contains_norm("call_missed_by_them", t) {
            return Sender::Me;
        }
        if labels.contains_norm("call_missed_by_me", t) {
            return Sender::Them;
        }
    }
    side
}

/// A message's text and kind from its facts; `None` when there is nothing to read.
/// `author`: the sender's name the row shows (the contact's own messages only).
fn finish(f: Facts, from: Sender, author: Option<String>, label_text: Option<String>, labels: &Labels) -> Option<Message> {
    let mut f = f;
    // A label's text is the message's own (a reply's, never its quoted parent).
    if let Some(t) = label_text.filter(|t| !t.is_empty()) {
        let n = super::labels::norm(&t);
        match labels.marker_norm(&n) {
            Some(k) => {
                if !f.markers.contains(&k) {
                    f.markers.push(k);
                    f.marker_texts.push(n);
                }
            }
            None => f.text = Some(t),
        }
    }
    let kind = kind_of(&f);
    let from = if is_call(kind) { caller(&f, from, labels) } else { from };
    // A call's only text is its length as the row shows it ("2 min"): nothing else of a
    // call row reaches the engine, which reads it as a length, never as words.
    let text = if is_call(kind) { f.duration } else { f.text };
    if kind == MessageKind::Text && text.is_none() {
        return None;
    }
    let author = if from == Sender::Them { author.filter(|a| !a.is_empty()) } else { None };
    Some(Message { from, author, at: None, kind, text })
}

/// Reads every row of `rows` (grid layout) through the snapshot helper, in
/// batches as a full pass does; the messages read (bench hook).
/// `via`: a function called in the helper's place (bench hook), or `None` for the helper.
#[cfg(feature = "test-hooks")]
pub fn read_rows_batched(rows: &web_sys::NodeList, labels: &Labels, via: Option<&js_sys::Function>) -> Vec<Message> {
    use super::{layout::Layout, snapshot};
    let mut out = Vec::new();
    let mut i = 0;
    let n = rows.length();
    while i < n {
        let batch = match via {
            Some(f) => snapshot::batch_with(f, rows.as_ref(), i, i + 64, Layout::Grid),
            None => snapshot::batch(rows.as_ref(), i, i + 64, &JsValue::NULL, Layout::Grid),
        };
        let Some(batch) = batch else { return out };
        for k in 0..batch.len().min((n - i) as usize) {
            // As a pass does: the row element is taken (the cache is keyed by it).
            let Some(row) = rows.item(i + k as u32) else { continue };
            let Some(v) = batch.get(k).map(super::snapshot::parse) else { continue };
            if !v.message || v.brk.is_some() {
                continue;
            }
            if let Some(m) = read_grid_view(wasm_bindgen::JsCast::unchecked_ref(&row), &v, labels) {
                out.push(m);
            }
        }
        i += 64;
    }
    out
}

/// One grid-layout message row → a message; `None` for rows with nothing to read yet.
#[cfg(feature = "test-hooks")]
pub fn read_row(row: &Element, labels: &Labels) -> Option<Message> {
    read_grid_view(row, &super::snapshot::view_dom(row, super::layout::Layout::Grid), labels)
}

/// A grid row's view → a message. Own messages carry a "You sent" heading or
/// are aligned to the end (the style is asked only when the memo lacks it).
pub(super) fn read_grid_view(row: &Element, v: &RowView, labels: &Labels) -> Option<Message> {
    let f = facts_of(&v.raw, labels);
    let me = f.me_heading || aligned_to_end(v.cell_key.as_deref(), || qs(row, "[role=gridcell]"));
    // The sender: the row's visually hidden heading with the name ("You sent" for own messages).
    // The first heading that reads as a name, by a loop (a mapped `find` was a
    // `Map::try_fold` of its own in the content module; docs/performance.md "Size, round 42").
    let mut author = None;
    if !me {
        for h in &v.raw.headings {
            let h = h.as_ref().trim();
            if !h.is_empty() && h.chars().count() <= 200 {
                author = Some(h.to_string());
                break;
            }
        }
    }
    finish(f, if me { Sender::Me } else { Sender::Them }, author, None, labels)
}

/// The message element of a log-layout row.
pub(super) fn log_message(row: &Element) -> Option<Element> {
    if row.matches(wasm_bindgen::intern(super::layout::LOG_MESSAGE)).unwrap_or(false) {
        return Some(row.clone());
    }
    qs(row, super::layout::LOG_MESSAGE)
}

/// One log-layout message → the message and the clock time its label gives.
/// The label "At 16:15, NAME: text" gives sender, side, time and text; where it
/// is absent or of an unknown format, structure gives the side (alignment) and
/// the text, and the time comes from the separator alone.
pub(super) fn read_log_view(row: &Element, v: &RowView, labels: &Labels, names: &super::when::Names) -> Option<(Message, Option<super::when::Clock>)> {
    let label = v.label.as_ref().map(|l| super::labels::clean(&cap(l.to_string())));
    let parsed = label.as_deref().and_then(|l| {
        let rest = labels.capture("message_at", l).or_else(|| super::row_label::starts_with_clock(l).then(|| l.to_string()))?;
        let p = super::row_label::split(&rest)?;
        Some((p.time.to_string(), p.name.to_string(), p.text.to_string()))
    });
    let f = facts_of(&v.raw, labels);
    let (from, author, label_text, clock) = match parsed {
        Some((time, name, text)) => {
            let me = labels.is("you_sent", &name);
            let clock = super::when::clock(&time, names, today());
            (if me { Sender::Me } else { Sender::Them }, Some(name), Some(text), clock)
        }
        None => {
            let me = f.me_heading || aligned_to_end(v.cell_key.as_deref(), || log_message(row));
            (if me { Sender::Me } else { Sender::Them }, None, None, None)
        }
    };
    finish(f, from, author, label_text, labels).map(|m| (m, clock))
}

fn today() -> super::when::Today {
    let now = js_sys::Date::new_0();
    super::when::Today { y: now.get_full_year() as i64, m: now.get_month() + 1, d: now.get_date() }
}

/// Whether a message's grid cell (or its first child) aligns its content to the
/// end, as own messages do. The computed style is memoised by the cell's
/// `class` and `style` attributes: cells with the same attributes get the same
/// style from the page's stylesheets (and, in one thread, the same children), and asking for computed style after
/// the page added rows forces a style recalculation (issue 7: measured as most
/// of a step's cost on a long thread). The attributes are only a memo key, never
/// a selector, so a change of Facebook's class names only means new keys.
fn aligned_to_end(key: Option<&str>, cell: impl FnOnce() -> Option<Element>) -> bool {
    const MAX_KEYS: usize = 512;
    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<String, bool>> = std::cell::RefCell::new(Default::default());
    }
    // Without classes to tell cells apart, always ask.
    if let Some(k) = key {
        if let Some(v) = MEMO.with(|m| m.borrow().get(k).copied()) {
            return v;
        }
    }
    let Some(cell) = cell() else { return false };
    let v = dom::alignment(&cell)
        .or_else(|| cell.first_element_child().and_then(|f| dom::alignment(&f)))
        .is_some_and(|a| a.contains("end"));
    if let Some(k) = key {
        MEMO.with(|m| {
            let mut m = m.borrow_mut();
            if m.len() >= MAX_KEYS {
                m.clear();
            }
            m.insert(k.to_string(), v);
        });
    }
    v
}
