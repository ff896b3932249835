//! The message rows a thread grid has mounted now, kept up to date between reads
//! at a cost that follows what changed, not the length of the thread.
//!
//! * A *full pass* walks every `[role=row]` of the grid once (one query; the
//!   static list and a cursor are kept, so a long thread is read over several
//!   steps without starting again). It runs on the first read of a grid, and
//!   again whenever rows were removed or a change cannot be placed.
//! * Afterwards, only the rows that mutations added are read: rows after the
//!   last known row are appended to the window, rows before the first one are
//!   prepended (the user scrolled up and older messages loaded). Anything else
//!   (a row inserted in the middle) falls back to a full pass.
//!
//! The window is what the log aligns (see `align`), so a row that Facebook
//! re-mounts is still recognised as a message already seen.
use super::align::RowKey;
use super::labels::Labels;
use super::layout::Layout;
use super::snapshot::{self, view_dom, RowView};
use super::thread::{instant, read_grid_view, read_log_view, separator_local, Budget, Cached, RowCache, RowRead};
use super::when::{stamp, Local};
use crate::engine::time::Timestamp;
use std::collections::VecDeque;
use wasm_bindgen::{intern, JsCast};
use web_sys::{Element, Node, NodeList};

/// What the page's mutations did to message grids since the last step
/// (gathered by the content controller from its MutationObserver records).
#[derive(Default)]
pub struct Changes {
    /// Elements added inside a grid (rows, wrappers of rows, or content of a row).
    pub added: Vec<Element>,
    /// A row was removed somewhere: windows are read again in full.
    pub rows_removed: bool,
    /// More changes than are worth placing one by one: full pass.
    pub overflow: bool,
    /// Where else the page changed: the elements outside every message list that
    /// mutations touched (at most `MAX_OUTSIDE`; `outside_many` past that), the
    /// lists that mutations touched inside (consecutive repeats once), and
    /// whether content was removed inside a list (not a row: rows removed set
    /// `rows_removed`). What a thread's header says is read again only when one
    /// of these may concern it (`Changes::may_touch_header`).
    pub outside: Vec<Element>,
    pub outside_many: bool,
    pub lists: Vec<Element>,
    pub removed_inside: bool,
}

/// Outside elements kept per step; past that, every header is read again.
pub const MAX_OUTSIDE: usize = 64;

impl Changes {
    /// Whether these changes may have changed what `scope` shows outside its
    /// message list `list`, or `list`'s card rows (content removed inside a
    /// list; cards added or added to are `RowWindow::cards_version`): something
    /// changed outside every list inside `scope`, or inside another list there.
    pub fn may_touch_header(&self, scope: &Element, list: &Element) -> bool {
        self.overflow
            || self.outside_many
            || self.removed_inside
            || self.outside.iter().any(|e| scope.contains(Some(e.as_ref())))
            || self.lists.iter().any(|l| !l.is_same_node(Some(list.as_ref())) && scope.contains(Some(l.as_ref())))
    }
}

/// Beyond this many added elements per step a full pass is cheaper.
pub const MAX_ADDED: usize = 5_000;

/// A full pass in progress.
struct Pass {
    list: NodeList,
    next: u32,
    /// Rows `[snap_from, snap_from + snaps.len())` read by the snapshot helper in one call.
    snaps: Option<snapshot::Batch>,
    snap_from: u32,
    at: Option<Local>,
    rows: Vec<RowKey>,
    cards: Vec<Element>,
    first: Option<Element>,
    last: Option<Element>,
}

/// One grid's mounted rows, in page order.
pub struct RowWindow {
    pub grid: Element,
    /// Which layout the list is (grid or log): how its rows are found and read.
    pub layout: Layout,
    /// Unique per window, and a version that changes whenever `rows` does: a
    /// window unchanged since it was last merged into a log is not merged again.
    pub id: u64,
    pub version: u64,
    /// Changes whenever `rows` change other than by rows appended at the end:
    /// while it stays, the rows merged before are the window's first rows,
    /// unchanged (`align::Log::merge_grown`).
    pub base: u64,
    /// Message rows, in page order, each with the separator time before it.
    pub rows: Vec<RowKey>,
    /// Rows of the grid that are neither messages nor separators (the card at
    /// the top of a thread: "You're friends on Facebook", "Lives in …").
    pub cards: Vec<Element>,
    /// Changes whenever `cards` may have changed (a card added, content added
    /// inside one, a full pass): while it stays, what the cards say stands.
    pub cards_version: u64,
    /// The first row that is not a card (older messages load between the card
    /// at the top of a thread and it), and the last row of any kind.
    first: Option<Element>,
    last: Option<Element>,
    /// The separator time in force after the last row.
    at_end: Option<Local>,
    /// A row already read changed in place (an edited message): read in full again.
    edited: bool,
    pass: Option<Pass>,
    /// Added elements not yet looked at, in the order they were added.
    leftover: VecDeque<Element>,
    /// A full pass has completed: changes can be applied one by one.
    ready: bool,
    /// Full passes begun (the first read included), for the test pages' figures.
    pub passes: u32,
    /// The senders' names seen so far, for `group`.
    senders: Senders,
}

/// What `RowWindow::group` has found: over the rows before `checked` while
/// `base` held, the first other sender's name, and whether another differed.
struct Senders {
    base: u64,
    checked: usize,
    first: Option<String>,
    group: bool,
}

/// How a row is classified once, when it is first seen.
enum Seen {
    Message(RowRead),
    Separator(Local),
    Card,
    /// A message row with nothing to read yet (its content may come later).
    Empty,
}

impl RowWindow {
    pub fn new(grid: Element) -> RowWindow {
        thread_local! {
            static NEXT_ID: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
        }
        let id = NEXT_ID.with(|n| n.replace(n.get() + 1));
        RowWindow {
            layout: Layout::of(&grid),
            grid,
            id,
            version: 0,
            base: 0,
            rows: Vec::new(),
            cards: Vec::new(),
            cards_version: 0,
            first: None,
            last: None,
            at_end: None,
            edited: false,
            pass: None,
            leftover: VecDeque::new(),
            ready: false,
            passes: 0,
            senders: Senders { base: u64::MAX, checked: 0, first: None, group: false },
        }
    }

    /// Brings the window up to date with `changes`, reading at most what
    /// `budget` allows. Returns false when rows are left for the next step.
    pub fn update(&mut self, changes: &Changes, labels: &Labels, cache: &mut RowCache, budget: &mut Budget) -> bool {
        if changes.rows_removed || changes.overflow {
            self.restart();
        }
        // Changes that come during a full pass are kept for after it: rows in the
        // pass's list are read by the pass (and then skipped as cached), later ones placed.
        // (Whether each lies in this grid is asked when it is taken up, within the budget.)
        self.leftover.extend(changes.added.iter().cloned());
        if self.leftover.len() > MAX_ADDED {
            self.restart();
        }
        if (!self.ready || self.pass.is_some()) && !self.continue_pass(labels, cache, budget) {
            return false;
        }
        match self.apply(labels, cache, budget) {
            Applied::Done => true,
            Applied::Stopped => false,
            Applied::Unplaced => {
                self.restart();
                self.continue_pass(labels, cache, budget)
            }
        }
    }

    /// Whether the rows show more than one other sender's name (a group chat:
    /// `session::contact::is_group`), looking only at rows appended since the
    /// last answer while the window's first rows stay as they were.
    pub fn group(&mut self) -> bool {
        let s = &mut self.senders;
        if s.base != self.base || s.checked > self.rows.len() {
            *s = Senders { base: self.base, checked: 0, first: None, group: false };
        }
        for k in &self.rows[s.checked..] {
            if s.group {
                break;
            }
            let Some(a) = k.author.as_deref().map(str::trim).filter(|a| !a.is_empty()) else { continue };
            match &s.first {
                None => s.first = Some(a.to_string()),
                Some(f) => s.group = crate::session::contact::is_group([f.as_str(), a]),
            }
        }
        s.checked = self.rows.len();
        s.group
    }

    /// Forget what was placed and read the grid in full (cached rows cost a lookup).
    fn restart(&mut self) {
        self.ready = false;
        self.pass = None;
        self.leftover.clear();
    }

    fn continue_pass(&mut self, labels: &Labels, cache: &mut RowCache, budget: &mut Budget) -> bool {
        let pass = match self.pass.take() {
            Some(p) => p,
            None => {
                let Ok(list) = self.grid.query_selector_all(intern(self.layout.row_sel())) else {
                    self.ready = true;
                    return true;
                };
                self.passes += 1;
                // The list is taken now: it holds every row added so far.
                self.leftover.clear();
                Pass { list, next: 0, snaps: None, snap_from: 0, at: None, rows: Vec::new(), cards: Vec::new(), first: None, last: None }
            }
        };
        let mut pass = pass;
        let n = pass.list.length();
        let mut names = None;
        let mut times = None;
        while pass.next < n {
            if budget.skipped() {
                self.pass = Some(pass);
                return false;
            }
            // querySelectorAll yields elements only: no per-row type check across the boundary.
            let Some(row) = pass.list.item(pass.next).map(|n| n.unchecked_into::<Element>()) else {
                pass.next += 1;
                continue;
            };
            // Rows are read in batches through the snapshot helper: one call for
            // SNAP_BATCH rows (rows already read come back as null).
            let snapped = pass.snaps.as_ref().map_or(0, |b| b.len() as u32);
            if pass.next < pass.snap_from || pass.next >= pass.snap_from + snapped {
                if budget.spent() {
                    budget.stopped = true;
                    self.pass = Some(pass);
                    return false;
                }
                let end = pass.next + SNAP_BATCH.min(budget.rows_left.max(1) as u32);
                pass.snaps = snapshot::batch(pass.list.as_ref(), pass.next, end, cache.seen(), self.layout);
                pass.snap_from = pass.next;
            }
            let pre = pass.snaps.as_ref().and_then(|b| b.get((pass.next - pass.snap_from) as usize)).map(snapshot::parse);
            let Some(seen) = see(&row, self.layout, pre, labels, cache, budget, &mut names) else {
                // Budget spent before a row that must be read from the DOM.
                self.pass = Some(pass);
                return false;
            };
            pass.next += 1;
            match seen {
                Seen::Message(r) => pass.rows.push(stamped(r, &mut pass.at, &mut times)),
                Seen::Separator(t) => pass.at = Some(t),
                Seen::Card => pass.cards.push(row.clone()),
                Seen::Empty => {}
            }
            if pass.first.is_none() && !pass.cards.last().is_some_and(|c| c.is_same_node(Some(row.as_ref()))) {
                pass.first = Some(row.clone());
            }
            pass.last = Some(row);
        }
        self.rows = pass.rows;
        self.version += 1;
        self.base += 1;
        self.cards = pass.cards;
        self.cards_version += 1;
        self.first = pass.first;
        self.last = pass.last;
        self.at_end = pass.at;
        self.ready = true;
        true
    }

    /// Places added rows after the last or before the first known row, in the
    /// order the mutations added them (document order, nearly always), reading
    /// each as it goes; stops when the budget is spent and keeps the rest.
    fn apply(&mut self, labels: &Labels, cache: &mut RowCache, budget: &mut Budget) -> Applied {
        let mut names = None;
        let mut times = None;
        // Rows older than the first known one, in page order, placed together at the end.
        let mut older: Vec<RowKey> = Vec::new();
        let mut older_first: Option<Element> = None;
        let mut older_last: Option<Element> = None;
        let mut older_at: Option<Local> = None;
        let mut outcome = Applied::Done;
        // Added rows read ahead through the snapshot helper, one call for a batch.
        let mut ahead = Ahead::default();
        while let Some(e) = self.leftover.pop_front() {
            if budget.skipped() {
                self.leftover.push_front(e);
                outcome = Applied::Stopped;
                break;
            }
            // The helper's record of `e` when it is a row of this list not read
            // yet: then it needs no further look (row_of, the cache).
            let rec = ahead.next(&e, &self.leftover, &self.grid, self.layout, cache, budget);
            // A row the helper read is the added element itself: no copy of the
            // element's handle to keep (each copy and its drop is a call out of WebAssembly).
            let (row, inside) = if rec.is_some() {
                (e, false)
            } else {
                let added = e.clone();
                let queued = self.leftover.len();
                let Some(row) = self.row_of(e) else { continue };
                if self.leftover.len() != queued {
                    ahead.clear(); // rows found inside `e` were queued first
                }
                // The added element (or changed text) lies inside the row, not around it.
                let inside = !row.is_same_node(Some(added.as_ref())) && row.contains(Some(added.as_ref()));
                (row, inside)
            };
            let cached = if rec.is_some() { None } else { cache.get(&row) };
            if let Some(Cached::Message(old)) = cached {
                // Content changed inside a row already read: an edited message
                // (issue 16) is read again, and a changed one re-reads the window.
                if inside {
                    let old = old.key.clone();
                    if budget.spent() {
                        budget.stopped = true;
                        self.leftover.push_front(row);
                        outcome = Applied::Stopped;
                        break;
                    }
                    let snap = one(&row, self.layout);
                    let pre = snap.as_ref().and_then(|b| b.get(0)).map(snapshot::parse);
                    match see_uncached(&row, self.layout, pre, labels, cache, budget, &mut names) {
                        None => {
                            self.leftover.push_front(row);
                            outcome = Applied::Stopped;
                            break;
                        }
                        Some(Seen::Message(new)) if new.key == old => {}
                        Some(_) => self.edited = true,
                    }
                }
                continue;
            }
            if cached.is_some() {
                continue;
            }
            if self.is_card(&row) {
                self.cards_version += 1; // content added to a card row
                continue;
            }
            // Blink's compareDocumentPosition walks siblings backwards from the second
            // node: comparing with the row placed just before is cheap.
            let mut after = self.last.as_ref().is_none_or(|l| follows(l, &row));
            let before = !after
                && self.first.as_ref().is_some_and(|f| follows(&row, f))
                && older_last.as_ref().is_none_or(|p| follows(p, &row));
            if !after && !before {
                if !self.last.as_ref().is_some_and(|l| l.is_same_node(Some(row.as_ref()))) {
                    // A row inserted in the middle, or one that was empty and has content now.
                    outcome = Applied::Unplaced;
                    break;
                }
                // The last row itself, empty when it was read (its text or label
                // may have come since): read again, in its place.
                after = true;
            }
            if budget.spent() {
                budget.stopped = true;
                self.leftover.push_front(row);
                outcome = Applied::Stopped;
                break;
            }
            let snap = if rec.is_none() { one(&row, self.layout) } else { None };
            let pre = match rec {
                Some(i) => ahead.get(i).map(snapshot::parse),
                None => snap.as_ref().and_then(|b| b.get(0)).map(snapshot::parse),
            };
            let Some(seen) = see_uncached(&row, self.layout, pre, labels, cache, budget, &mut names) else {
                self.leftover.push_front(row);
                outcome = Applied::Stopped;
                break;
            };
            if after {
                match seen {
                    Seen::Message(r) => {
                        let k = stamped(r, &mut self.at_end, &mut times);
                        self.rows.push(k);
                        self.version += 1;
                    }
                    Seen::Separator(t) => self.at_end = Some(t),
                    Seen::Card => self.add_card(&row),
                    Seen::Empty => {}
                }
                if self.first.is_none() && !self.is_card(&row) {
                    self.first = Some(row.clone());
                }
                self.last = Some(row);
            } else {
                match seen {
                    Seen::Message(r) => older.push(stamped(r, &mut older_at, &mut times)),
                    Seen::Separator(t) => older_at = Some(t),
                    Seen::Card => self.add_card(&row),
                    Seen::Empty => {}
                }
                if older_first.is_none() && !self.is_card(&row) {
                    older_first = Some(row.clone());
                }
                older_last = Some(row);
            }
        }
        if std::mem::take(&mut self.edited) && matches!(outcome, Applied::Done) {
            outcome = Applied::Unplaced;
        }
        if let Some(f) = older_first {
            self.first = Some(f);
            if !older.is_empty() {
                older.append(&mut self.rows);
                self.rows = older;
                self.version += 1;
                self.base += 1;
            }
        }
        outcome
    }

    /// The row an added element is, is inside, or (first of those it) holds.
    /// An element holding several rows puts the others back in front of the queue.
    fn row_of(&mut self, e: Element) -> Option<Element> {
        if !self.grid.contains(Some(e.as_ref())) {
            return None; // another grid's, or gone
        }
        let sel = intern(self.layout.row_sel());
        if e.matches(sel).unwrap_or(false) {
            return Some(e);
        }
        if let Some(r) = e.closest(sel).ok().flatten() {
            return self.grid.contains(Some(r.as_ref())).then_some(r);
        }
        let list = e.query_selector_all(sel).ok()?;
        let n = list.length();
        for i in (1..n).rev() {
            if let Some(r) = list.item(i) {
                self.leftover.push_front(r.unchecked_into());
            }
        }
        list.item(0).map(|r| r.unchecked_into())
    }

    fn is_card(&self, r: &Element) -> bool {
        self.cards.iter().any(|c| c.is_same_node(Some(r.as_ref())))
    }

    fn add_card(&mut self, r: &Element) {
        if !self.is_card(r) {
            self.cards.push(r.clone());
            self.cards_version += 1;
        }
    }

}

enum Applied {
    Done,
    Stopped,
    Unplaced,
}

/// Whether `b` comes after `a` in the document.
fn follows(a: &Element, b: &Element) -> bool {
    a.compare_document_position(b.unchecked_ref::<Node>()) & Node::DOCUMENT_POSITION_FOLLOWING != 0
}


/// A read message with its time: a separator in its own row comes first and
/// stays in force; the label's clock time falls on the separator's day.
/// `times`: the last local time made into a `Timestamp` in this update and what
/// it gave (rows under one separator share it; making one asks the browser for
/// its offset, three calls out of WebAssembly).
fn stamped(r: RowRead, at: &mut Option<Local>, times: &mut Option<(Local, Option<Timestamp>)>) -> RowKey {
    if r.sep.is_some() {
        *at = r.sep;
    }
    let mut k = r.key;
    k.at = stamp(*at, r.clock).and_then(|l| match *times {
        Some((m, t)) if m == l => t,
        _ => {
            let t = instant(l);
            *times = Some((l, t));
            t
        }
    });
    k
}

/// Rows read per call of the snapshot helper during a full pass.
const SNAP_BATCH: u32 = 64;

/// Added elements read ahead: the element being placed and those queued
/// after it, in one call of the snapshot helper, which gives a record only for
/// a row of this list that is not read yet (none for other elements, rows
/// already read or a repeat). `recs[0]` is the record of the element just
/// taken from the queue; whoever puts elements back in front of the queue clears it.
/// `next` gives the index of a record in the batch, which `get` reads.
#[derive(Default)]
struct Ahead {
    recs: Option<snapshot::Batch>,
    /// The next element's index in `recs`.
    at: usize,
}

impl Ahead {
    fn next(&mut self, e: &Element, queued: &VecDeque<Element>, list: &Element, layout: Layout, cache: &RowCache, budget: &Budget) -> Option<usize> {
        if self.recs.as_ref().is_none_or(|b| self.at >= b.len()) {
            let n = SNAP_BATCH.min(budget.rows_left.max(1) as u32) as usize;
            let arr = js_sys::Array::new();
            arr.push(e.as_ref());
            for q in queued.iter().take(n - 1) {
                arr.push(q.as_ref());
            }
            // Without the helper, a batch of empty records: every element is looked at from here.
            let empty = || snapshot::Batch::new("\u{1c}".repeat(arr.length() as usize - 1));
            self.recs = Some(snapshot::batch_rows(arr.as_ref(), cache.seen(), layout, list).unwrap_or_else(empty));
            self.at = 0;
        }
        let i = self.at;
        self.at += 1;
        self.recs.as_ref().and_then(|b| b.get(i)).map(|_| i)
    }

    /// Record `i` (as `next` gave it) of the batch.
    fn get(&self, i: usize) -> Option<&str> {
        self.recs.as_ref()?.get(i)
    }

    fn clear(&mut self) {
        self.recs = None;
    }
}

/// One added row through the snapshot helper (one call instead of a query per
/// element); its record is the batch's first.
fn one(row: &Element, layout: Layout) -> Option<snapshot::Batch> {
    let arr = js_sys::Array::of1(row.as_ref());
    snapshot::batch(arr.as_ref(), 0, 1, &wasm_bindgen::JsValue::NULL, layout)
}

/// Classifies one row, from the cache or by reading it (`pre`: its view from
/// the snapshot helper, if taken). `None`: the budget was spent before a row
/// that must be read from the DOM.
fn see(row: &Element, layout: Layout, pre: Option<RowView>, labels: &Labels, cache: &mut RowCache, budget: &mut Budget, names: &mut Option<super::when::Names>) -> Option<Seen> {
    // The helper snapshots only rows not in the cache: no second lookup for those.
    if pre.is_some() {
        return see_uncached(row, layout, pre, labels, cache, budget, names);
    }
    match cache.get(row) {
        Some(Cached::Message(k)) => Some(Seen::Message(k.clone())),
        Some(Cached::Separator(when)) => Some(Seen::Separator(*when)),
        None => see_uncached(row, layout, pre, labels, cache, budget, names),
    }
}

/// A date separator's local time: its visible text ("Tue 20:06"), else its
/// accessible form.
fn break_time(text: &str, aria: &str, names: &super::when::Names) -> Option<Local> {
    (!text.is_empty() && text.chars().count() <= 80)
        .then(|| separator_local(text, names))
        .flatten()
        .or_else(|| (!aria.is_empty()).then(|| separator_local(aria, names)).flatten())
}

/// `see` for a row known not to be in the cache (one lookup fewer).
fn see_uncached(row: &Element, layout: Layout, pre: Option<RowView>, labels: &Labels, cache: &mut RowCache, budget: &mut Budget, names: &mut Option<super::when::Names>) -> Option<Seen> {
    // Read from the DOM here only within the budget (a snapshot is already paid for).
    if pre.is_none() && budget.spent() {
        budget.stopped = true;
        return None;
    }
    let view = pre.unwrap_or_else(|| view_dom(row, layout));
    // Separators: `[data-scope=date_break]` (a grid's separator is itself a
    // messages_table cell holding one: a separator, never an empty message).
    let mut sep = None;
    if let Some((t, a, inside)) = &view.brk {
        let names = names.get_or_insert_with(|| labels.when_names());
        let when = break_time(t, a, names);
        if !view.message || layout == Layout::Grid || *inside {
            return Some(match when {
                Some(w) => {
                    cache.put(row, Cached::Separator(w));
                    Seen::Separator(w)
                }
                // A separator we cannot read is still no message.
                None => Seen::Empty,
            });
        }
        sep = when;
    }
    if !view.message {
        let t = view.row_text.as_deref().unwrap_or("");
        if t.is_empty() {
            // A virtualised placeholder (log layout) or an empty row.
            return Some(Seen::Empty);
        }
        if layout == Layout::Grid && t.chars().count() <= 60 {
            let names = names.get_or_insert_with(|| labels.when_names());
            if let Some(when) = separator_local(t, names) {
                cache.put(row, Cached::Separator(when));
                return Some(Seen::Separator(when));
            }
        }
        return Some(Seen::Card);
    }
    budget.took();
    let read = match layout {
        Layout::Grid => read_grid_view(row, &view, labels).map(|m| (m, None)),
        Layout::Log => {
            let names = names.get_or_insert_with(|| labels.when_names());
            read_log_view(row, &view, labels, names)
        }
    };
    Some(match read {
        Some((m, clock)) => {
            let r = RowRead { key: RowKey::of(m), clock, sep };
            cache.put(row, Cached::Message(r.clone()));
            Seen::Message(r)
        }
        None => Seen::Empty,
    })
}
