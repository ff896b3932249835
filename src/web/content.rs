//! Content-script controller. Runs on every facebook.com / messenger.com page:
//!
//! * loads the family's settings and the per-contact facts, then reads the page;
//! * follows client-side navigation by polling `location.href` (content scripts
//!   are not re-injected on single-page navigation);
//! * re-reads after a debounced batch of DOM mutations, never per mutation;
//! * keeps one engine `Tracker` per contact, feeding it only rows not read before;
//! * persists each contact's facts (never message text) in chrome.storage.local;
//! * asks the warning UI to show the assessment next to the thread, chat window,
//!   request card or profile;
//! * reports the tab's protection state (active / page not understood) for the
//!   badge and popup. A page that cannot be read gets no banner and no guess.
//!
//! Nothing here throws into the page: every step fails to a safe no-op.
use crate::engine::{self, Assessment, Contact, ContactFacts, Conversation};
use crate::session::attribution::{Gate, Sighting, Verdict};
use crate::session;
use crate::state::contacts::{ContactStore, CONTACTS_KEY};
use crate::state::settings::{Sensitivity, Settings};
use crate::web::reader::align::{self, Log, RowKey};
use crate::web::reader::dom::qs;
use crate::web::reader::labels::Labels;
use crate::web::reader::layout::{LIST_SEL, ROW_ANY};
use crate::web::reader::page::{classify, PageKind};
use crate::web::reader::row_window::{Changes, RowWindow, MAX_ADDED, MAX_OUTSIDE};
use crate::web::reader::thread::{Budget, RowCache};
use crate::web::reader::{friend_requests, profile, thread};
use crate::state::warnings_log::{WarningEntry, WarningsLog, WARNINGS_LOG_KEY};
use crate::web::runtime::{report_state, Protection};
use crate::web::storage::{self, Area};
use crate::web::ui::{self, Placement, WarningContext};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashMap;
use gloo_timers::callback::{Interval, Timeout};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Debug output and step timings for tests and the bench: only in a test build
/// (`--features test-hooks`, `make build-test`). A constant, so that the release
/// has none of the code behind it (tests/e2e/release-hooks.test.mjs checks).
const TEST_HOOKS: bool = cfg!(feature = "test-hooks");

/// Mutations are read in batches at most this often (ms).
const DEBOUNCE_MS: i32 = 150;
/// Where the user types (the composer): by structure, not by class name.
const EDITABLE: &str = "[contenteditable]:not([contenteditable=false]),[role=textbox]";
/// How long after a navigation a thread whose names disagree is looked at again
/// on a timer (ms); after that, only mutations of its list bring a new look.
const RECHECK_FOR_MS: f64 = 10_000.0;
/// How often `location.href` is compared for single-page navigation (ms).
const URL_POLL_MS: i32 = 400;
/// How long the start waits for the family's settings and the warnings' memory
/// ("Hide for now", read by `ui`) (ms).
const SETTINGS_WAIT_MS: f64 = 1_500.0;
/// A page that still cannot be read this long after navigation is "not understood" (ms).
const GRACE_MS: f64 = 2_000.0;
/// One step reads at most this many new message rows, or for at most this long
/// (ms), then yields to the page and continues in the next task: the first read
/// of a long thread must not be one long task (issue 7: none over 50 ms). The
/// time is for reading rows only; feeding the engine and the log come on top.
const SLICE_ROWS: usize = 500;
const SLICE_MS: f64 = 10.0;
/// Feeding new messages to the engine stops this long after a step began
/// (ms); the rest is fed in the next step.
const STEP_FEED_MS: f64 = 20.0;

/// One contact seen on this tab: the pure session state (`session::person`)
/// plus what ties it to the page.
struct Person {
    session: session::Person,
    /// Rows in page order, for de-duplication.
    log: Log<RowKey>,
    /// The window (id, version) merged last: an unchanged window is not merged again.
    merged: Option<(u64, u64)>,
    /// Where that window's rows were placed in the log (window id, its `base`):
    /// a window that only grew since is merged from there.
    placed: Option<(u64, u64, align::Placed)>,
    /// Last href + anchor the warning was shown for.
    shown: Option<(String, Element)>,
}

/// The facts store of the glue: chrome.storage's copy in memory, written out by the step.
impl session::FactStore for ContactStore<ContactFacts> {
    fn facts(&self, key: &str) -> Option<ContactFacts> {
        self.get(key).cloned()
    }
    fn put_facts(&mut self, key: &str, facts: ContactFacts, now_s: i64) {
        self.put(key, facts, now_s);
    }
}

/// `performance.now()`, the feeding budget's clock.
struct PerfClock;
impl session::Clock for PerfClock {
    fn now_ms(&self) -> f64 {
        perf_now()
    }
}

#[derive(Serialize, Clone)]
struct ReadConversation {
    key: String,
    placement: &'static str,
    conversation: Conversation,
    level: engine::Level,
    stage: engine::Stage,
}

#[derive(Serialize, Default)]
struct DebugRead {
    page: String,
    lang: String,
    conversations: Vec<ReadConversation>,
    requests: Vec<ReadConversation>,
    profile: Option<ReadConversation>,
    /// DOM rows read (not served from the cache) since the script started.
    rows_read: usize,
}

struct Ctl {
    href: String,
    kind: PageKind,
    bound_at: f64,
    test: bool,
    /// The page asked for step timings (`data-saavdhan-bench`, set only by the
    /// bench's fixture): each step is a `performance.measure` named
    /// "saavdhan:step", so the bench can tell which long tasks hold a step of ours.
    bench_marks: bool,
    /// The test build's debug copy of every message read (`data-saavdhan-read`'s
    /// messages): made unless the page says `data-saavdhan-no-copy` (the bench's
    /// per-100 figure: a copy of the whole thread every step is work and garbage
    /// the release does not make, and its pauses land in the steps it times).
    debug_copy: bool,
    settings: Settings,
    store: ContactStore<ContactFacts>,
    people: HashMap<String, Person>,
    cache: RowCache,
    store_dirty: bool,
    /// A warning's level or stage changed since the facts were last written.
    store_urgent: bool,
    /// When the facts were last written on this page (`session::write_pace`).
    store_written: Option<f64>,
    /// A write of the facts is waiting for its timer.
    store_timer: bool,
    /// Writes are paced (`session::write_pace`) where a write made when the page
    /// is hidden or left reaches storage (`storage::leave_writes_land`).
    pace_writes: bool,
    /// Warnings shown during this read, for the popup's list.
    pending_log: Vec<WarningEntry>,
    reported: Option<(Protection, String)>,
    scheduled: bool,
    grace_timer: bool,
    perf: Perf,
    /// What the last row read found (reused while no mutation touches the rows).
    last_conversations: Vec<ReadConversation>,
    last_windows: Vec<ReadConversation>,
    last_problem: Option<&'static str>,
    /// The test build's last `data-saavdhan-read` text: compared here instead of
    /// reading the attribute back (megabytes on a long thread, every step).
    last_read_json: String,
    resent: u8,
    last_sent: f64,
    /// A step stopped before reading every row: the next one follows at once.
    more: bool,
    /// The page's first read, cold, over three steps (issue 11: the reader's code runs
    /// cold once, each function compiled at its first call): 0, the lists found and
    /// nothing read; 1, their rows read; 2 on, the whole read (the header, the
    /// attribution and the feed too). `held`: this step held a read back.
    warm: u8,
    held: bool,
    /// The page's `[role=grid]` elements found by the step before; a step that
    /// follows no mutation that may have added or removed one reuses them instead of
    /// querying the whole page again.
    grids: Vec<Element>,
    /// The mounted rows of each message grid read (thread and chat windows).
    windows: Vec<RowWindow>,
    /// When feeding the engine stops in the current step (`perf_now()` ms).
    feed_until: f64,
    /// Attribution of the thread on a thread page, and of each chat window (by its grid).
    thread_gate: Gate,
    window_gates: Vec<(Element, Gate)>,
    /// Whose chat window each grid is: a closed window's contact is let go.
    window_keys: Vec<(Element, String)>,
    /// A gate said "wait": the page is looked at again shortly.
    recheck: bool,
    /// What each list's header said when last read (`HeaderMemo`).
    headers: Vec<HeaderMemo>,
    /// The thread page's `[role=main]` and list found by the last step that
    /// looked the page's lists up (reused while the same lists are reused).
    thread_list: Option<(Element, Element)>,
}

/// A thread's (or chat window's) header as read for `grid` in `scope`, kept
/// while nothing it was read from may have changed: same page address, same
/// card rows (`RowWindow::cards_version` of the same window), no mutation in
/// the scope outside the list since (`Changes::may_touch_header`, looked at by
/// every step), the profile link
/// unchanged (`Header::link_unchanged`). The list's and scope's own labels are
/// read again every step (`Ctl::attribute`), as attributes are not observed.
struct HeaderMemo {
    scope: Element,
    grid: Element,
    href: String,
    window: (u64, u64),
    header: thread::Header,
    /// The header link's text naming the key (`header_link_name`), per key asked.
    link_name: Option<(String, Option<String>)>,
}

/// How many of the last steps' times `Perf::recent_ms` keeps.
const RECENT_STEPS: usize = 32;

/// Cost of the reads (test pages only publish it): reading, feeding the
/// engine and showing warnings; not the debug output itself.
#[derive(Serialize, Default)]
struct Perf {
    steps: u32,
    last_ms: f64,
    max_ms: f64,
    total_ms: f64,
    /// New messages fed to trackers in the last step, and in all steps.
    last_new: usize,
    fed: usize,
    /// Of `total_ms`: looking at the mutations, reading rows (thread readers),
    /// and merging + feeding the engine + showing warnings.
    changes_ms: f64,
    read_ms: f64,
    feed_ms: f64,
    /// Full passes over a grid's rows (1 per grid when changes could all be placed).
    passes: u32,
    /// The test build's debug copy of what was read (every message of each
    /// conversation, for `data-saavdhan-read`), made inside a step but not part of
    /// it: the release makes none. Summed over all steps; left out of the figures above.
    debug_ms: f64,
    /// Of it, in the current step.
    #[serde(skip)]
    debug_step: f64,
    /// The last `RECENT_STEPS` steps' times (test build only), so that a test can
    /// bound the steps after an event apart from the page's first, cold read.
    recent_ms: Vec<f64>,
    /// Writes of the contacts' facts, and the time spent in the page's tasks
    /// making them (the store's JSON text; storage works after). Those made by a
    /// step are in its figures too; those made by the timer or on `pagehide` are not.
    stores: u32,
    store_ms: f64,
}

/// What the controller holds after a step (test pages only publish it): a closed
/// chat window's state must go with it (issue 16: 200 closed windows kept their DOM).
#[derive(Serialize, Default)]
struct Held {
    /// Message lists being read, their attribution gates, contacts with state,
    /// warnings held, rows in the read cache.
    windows: usize,
    gates: usize,
    people: usize,
    warnings: usize,
    cached_rows: usize,
    /// The module's linear memory (bytes); it grows and never shrinks.
    wasm_memory_bytes: f64,
}

/// The module's linear memory in bytes (test pages' figures).
fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| m.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64)
        .unwrap_or(0.0)
}

fn perf_now() -> f64 {
    thread_local! {
        // Looked up once: `window()` and `.performance` are two calls out of
        // WebAssembly each time, and the clock is read several times a step.
        static PERF: Option<web_sys::Performance> = web_sys::window().and_then(|w| w.performance());
    }
    PERF.with(|p| p.as_ref().map(|p| p.now())).unwrap_or_else(now_ms)
}

thread_local! {
    static CTL: RefCell<Option<Ctl>> = const { RefCell::new(None) };
    /// Set when a mutation touched a message grid (or something holding one):
    /// only then are message rows read again.
    static ROWS_DIRTY: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
    /// Settings that arrived before the controller started.
    static SETTINGS_READY: RefCell<Option<Settings>> = const { RefCell::new(None) };
}

/// Mutation record batches are queued by the observer and looked at by the
/// next step: the observer's callback runs inside the page's own task, so it
/// does no more than queue (issue 7: the extension must not lengthen the
/// page's tasks).
const MAX_QUEUED_BATCHES: usize = 500;

thread_local! {
    static RECORDS: RefCell<Vec<js_sys::Array>> = const { RefCell::new(Vec::new()) };
    static RECORDS_OVERFLOW: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn queue_records(records: js_sys::Array) {
    RECORDS.with(|q| {
        let Ok(mut q) = q.try_borrow_mut() else { return };
        if q.len() >= MAX_QUEUED_BATCHES {
            q.clear();
            RECORDS_OVERFLOW.with(|o| o.set(true));
        }
        q.push(records);
    });
}

/// The message list `el` lies in, if any.
fn list_of(el: &Element) -> Option<Element> {
    el.closest(wasm_bindgen::intern(LIST_SEL)).ok().flatten()
}

/// Whether `el` matches `sel` or holds an element that does.
fn is_or_holds(el: &Element, sel: &'static str) -> bool {
    el.matches(wasm_bindgen::intern(sel)).unwrap_or(false) || el.query_selector(wasm_bindgen::intern(sel)).ok().flatten().is_some()
}

/// What the queued mutations did since the last step.
struct Mutated {
    /// Message grids may have changed at all (a record inside a grid, or under
    /// an element holding one).
    dirty: bool,
    /// Grids may have come or gone (a record outside every grid, under an
    /// element holding one): the page's grids are looked up again.
    grids: bool,
}

/// What the queued mutations did, and the elements added inside grids.
fn take_changes() -> (Mutated, Changes) {
    let batches = RECORDS.with(|q| q.try_borrow_mut().map(|mut q| std::mem::take(&mut *q)).unwrap_or_default());
    let mut ch = Changes { overflow: RECORDS_OVERFLOW.with(|o| o.replace(false)), ..Default::default() };
    let mut dirty = ch.overflow;
    let mut grids = ch.overflow;
    for records in batches {
        for r in records.iter() {
            let r: web_sys::MutationRecord = r.unchecked_into();
            let Some(t) = r.target() else { continue };
            let el = match t.dyn_ref::<Element>() {
                Some(e) => e.clone(),
                None => match t.parent_element() {
                    Some(p) => p,
                    None => continue,
                },
            };
            let Some(list) = list_of(&el) else {
                // Headers are read again where the page changed (`Changes::may_touch_header`).
                if ch.outside.len() < MAX_OUTSIDE {
                    ch.outside.push(el.clone());
                } else {
                    ch.outside_many = true;
                }
                // A thread or chat window mounted or unmounted here: the grids are found again.
                if el.query_selector(wasm_bindgen::intern(LIST_SEL)).ok().flatten().is_some() {
                    dirty = true;
                    grids = true;
                } else {
                    let removed = r.removed_nodes();
                    for i in 0..removed.length() {
                        // A grid gone takes its window with it (other windows are unchanged).
                        if removed.item(i).and_then(|n| n.dyn_into::<Element>().ok()).is_some_and(|e| is_or_holds(&e, LIST_SEL)) {
                            dirty = true;
                            grids = true;
                            break;
                        }
                    }
                }
                continue;
            };
            dirty = true;
            if !ch.lists.last().is_some_and(|l| l.is_same_node(Some(list.as_ref()))) {
                ch.lists.push(list);
            }
            if ch.overflow {
                continue;
            }
            let added = r.added_nodes();
            let kind = r.type_();
            let mut text_added = kind == "characterData";
            for i in 0..added.length() {
                match added.item(i).map(|n| n.dyn_into::<Element>()) {
                    Some(Ok(e)) => ch.added.push(e),
                    Some(Err(_)) => text_added = true,
                    None => {}
                }
            }
            if kind == "attributes" {
                // A label set on a row itself: its first child stands for it, so
                // that the row counts as changed inside (read again).
                ch.added.push(el.first_element_child().unwrap_or(el));
            } else if text_added {
                ch.added.push(el);
            }
            let removed = r.removed_nodes();
            let n_removed = removed.length();
            ch.removed_inside |= n_removed > 0;
            if !ch.rows_removed {
                for i in 0..n_removed {
                    if removed.item(i).and_then(|n| n.dyn_into::<Element>().ok()).is_some_and(|e| is_or_holds(&e, ROW_ANY)) {
                        ch.rows_removed = true;
                        break;
                    }
                }
            }
            if ch.added.len() > MAX_ADDED {
                ch.overflow = true;
                ch.added.clear();
            }
        }
    }
    (Mutated { dirty, grids }, ch)
}

/// The JSON text stored under `key` (`Ok(None)` when absent).
async fn local_get_json(key: &str) -> Result<Option<String>, JsValue> {
    let v = storage::get_raw(Area::Local, key).await?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    Ok(js_sys::JSON::stringify(&v)?.as_string())
}

/// Appends the warnings shown in one read to the popup's list (one write per read).
async fn append_warnings_log(entries: Vec<WarningEntry>) -> Result<(), JsValue> {
    let stored = local_get_json(WARNINGS_LOG_KEY).await.ok().flatten();
    let value = stored.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(serde_json::Value::Null);
    let mut log = WarningsLog::from_stored(&value);
    let mut changed = false;
    for e in entries {
        changed |= log.push(e);
    }
    if changed {
        storage::set_making_room(WARNINGS_LOG_KEY, &log.to_stored()).await?;
    }
    Ok(())
}

async fn sleep_ms(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn location() -> Option<(String, String, String, String)> {
    let loc = web_sys::window()?.location();
    Some((loc.href().ok()?, loc.hostname().ok()?, loc.pathname().ok()?, loc.search().ok()?))
}

fn root() -> Option<Element> {
    web_sys::window()?.document()?.document_element()
}

/// The test URL's "saavdhan-settings-delay=MS", at most a minute (test build only).
#[cfg(feature = "test-hooks")]
fn test_settings_delay(query: &str) -> Option<i32> {
    let v = query.trim_start_matches('?').split('&').find_map(|kv| kv.strip_prefix("saavdhan-settings-delay="))?;
    v.parse::<i32>().ok().filter(|ms| (0..=60_000).contains(ms))
}

/// Settings read at the start: kept for the start if it is still waiting for them,
/// else put in force at once, every warning drawn again with them.
fn use_settings(settings: Settings) {
    let started = CTL.with(|c| match c.try_borrow_mut() {
        Ok(mut b) => match b.as_mut() {
            Some(ctl) => {
                ctl.settings = settings.clone();
                for p in ctl.people.values_mut() {
                    p.shown = None;
                }
                true
            }
            None => false,
        },
        Err(_) => false,
    });
    if started {
        ROWS_DIRTY.with(|d| d.set(true));
        schedule(0);
    } else {
        SETTINGS_READY.with(|s| *s.borrow_mut() = Some(settings));
    }
}

/// Entry point (called by the loader through `start_content`). Never fails the page.
pub fn start() -> Result<(), JsValue> {
    let Some((href, host, path, query)) = location() else { return Ok(()) };
    let kind = classify(&host, &path, query.trim_start_matches('?'));
    if kind == PageKind::NotFacebook {
        report_state(Protection::NotFacebook, "");
        return Ok(());
    }
    // Debug output and step timings exist only in a test build (`--features
    // test-hooks`, `make build-test`); there a fixture page asks for them. In the
    // release these are constant false and the code behind them is not compiled in.
    let test = TEST_HOOKS && root().is_some_and(|r| r.has_attribute("data-saavdhan-test"));
    let bench_marks = TEST_HOOKS && root().is_some_and(|r| r.has_attribute("data-saavdhan-bench"));
    let debug_copy = test && !root().is_some_and(|r| r.has_attribute("data-saavdhan-no-copy"));
    #[cfg(feature = "test-hooks")]
    if test {
        crate::web::bench::listen_rows();
    }
    // Settings: in Chromium chrome.storage.managed.get can stay pending when
    // asked early in a page's life; wait for the settings a short while, then
    // start with the defaults and apply the family's settings when they come.
    // Test build only: a fixture URL with "saavdhan-settings-delay=MS" holds the
    // settings back that long, so that a test sees them come after the first banner.
    #[cfg(feature = "test-hooks")]
    let settings_delay = if test { test_settings_delay(&query) } else { None };
    #[cfg(not(feature = "test-hooks"))]
    let settings_delay: Option<i32> = None;
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(ms) = settings_delay {
            sleep_ms(ms).await;
        }
        // The local settings first; the managed ones (browser policy), which
        // Chromium can answer seconds late after it starts, on top when they come.
        let local = crate::web::settings_io::load_local().await;
        use_settings(local.clone());
        if let Some(managed) = crate::web::settings_io::with_managed(&local).await {
            use_settings(managed);
        }
    });
    ui::load_memory();
    wasm_bindgen_futures::spawn_local(async move {
        let stored = local_get_json(CONTACTS_KEY).await;
        // For the test pages' note below only: the release does not describe the error.
        let stored_ok = match &stored {
            _ if !(TEST_HOOKS && test) => String::new(),
            Ok(_) => "true".to_string(),
            Err(e) => format!("{:?}", e.as_string().or_else(|| js_sys::JSON::stringify(e).ok().and_then(|s| s.as_string())).unwrap_or_default()),
        };
        let value: Option<serde_json::Value> = stored
            .ok()
            .flatten()
            .and_then(|s| serde_json::from_str(&s).ok());
        let (store, notes) = ContactStore::from_value(value.as_ref(), (now_ms() / 1000.0) as i64);
        let waited_from = now_ms();
        while (SETTINGS_READY.with(|s| s.borrow().is_none()) || !ui::memory_ready()) && now_ms() - waited_from < SETTINGS_WAIT_MS {
            sleep_ms(50).await;
        }
        let settings_arrived = SETTINGS_READY.with(|s| s.borrow().is_some());
        let settings = SETTINGS_READY.with(|s| s.borrow_mut().take()).unwrap_or_default();
        if TEST_HOOKS && test {
            if let Some(r) = root() {
                let note = format!(
                    "{{\"available\":{},\"contacts\":{},\"notes\":\"{:?}\",\"settings_in_time\":{},\"memory_in_time\":{}}}",
                    stored_ok,
                    store.contacts.len(),
                    notes,
                    settings_arrived,
                    ui::memory_ready()
                );
                let _ = r.set_attribute("data-saavdhan-store", &note);
            }
        }
        CTL.with(|c| {
            *c.borrow_mut() = Some(Ctl {
                href: String::new(),
                kind,
                bound_at: now_ms(),
                test,
                bench_marks,
                debug_copy,
                settings,
                store,
                people: HashMap::new(),
                cache: RowCache::default(),
                store_dirty: false,
                store_urgent: false,
                store_written: None,
                store_timer: false,
                pace_writes: storage::leave_writes_land(),
                pending_log: Vec::new(),
                reported: None,
                scheduled: false,
                grace_timer: false,
                perf: Perf::default(),
                last_conversations: Vec::new(),
                last_windows: Vec::new(),
                last_problem: None,
                last_read_json: String::new(),
                resent: 0,
                last_sent: 0.0,
                more: false,
                warm: 0,
                held: false,
                grids: Vec::new(),
                windows: Vec::new(),
                feed_until: 0.0,
                thread_gate: Gate::default(),
                window_gates: Vec::new(),
                window_keys: Vec::new(),
                recheck: false,
                headers: Vec::new(),
                thread_list: None,
            });
        });
        let _ = href;
        // The rules' automaton is built now, in this task, and the first read comes
        // in a task of its own: together they would make one long task (issue 7).
        let _ = crate::engine::Engine::builtin();
        schedule(0);
        install_watchers();
    });
    Ok(())
}

fn install_watchers() {
    let Some(win) = web_sys::window() else { return };
    // Debounced, batched observer; our own warning hosts do not trigger a read.
    // Which elements are ours is Rust state (`ui::is_host`), never an attribute:
    // a page that set `data-saavdhan-level` on its message list hid every new row
    // from this filter (issue 16). A host the page removed is put back by the next step.
    // A record that adds or removes nothing is a text node changed in place
    // (characterData: an edited message, a text filled in late) or an aria-label
    // set (attributes): it counts only inside a message list, never as ours.
    // The composer (contenteditable, role=textbox; outside every list) changes
    // text nodes on every key: the user's typing costs no step.
    let cb = Closure::<dyn FnMut(js_sys::Array, JsValue)>::new(|records: js_sys::Array, _obs: JsValue| {
        let ours = records.iter().all(|r| {
            let r: web_sys::MutationRecord = r.unchecked_into();
            let all_ours = |l: web_sys::NodeList| {
                (0..l.length()).all(|i| l.item(i).and_then(|n| n.dyn_into::<Element>().ok()).is_some_and(|e| ui::is_host(&e)))
            };
            let Some(t) = r.target() else { return true };
            let el = match t.dyn_into::<Element>() {
                Ok(e) => e,
                Err(t) => match t.parent_element() {
                    Some(p) => p,
                    None => return true,
                },
            };
            if r.type_() != "childList" {
                return list_of(&el).is_none();
            }
            ui::is_host(&el)
                || (all_ours(r.added_nodes()) && all_ours(r.removed_nodes()))
                || el.closest(wasm_bindgen::intern(EDITABLE)).ok().flatten().is_some()
        });
        if !ours || ui::any_detached() {
            queue_records(records);
            schedule(DEBOUNCE_MS);
        }
    });
    if let (Ok(obs), Some(r)) = (web_sys::MutationObserver::new(cb.as_ref().unchecked_ref()), root()) {
        let opts = web_sys::MutationObserverInit::new();
        opts.set_child_list(true);
        opts.set_subtree(true);
        opts.set_character_data(true);
        // A log message's label carries its sender, time and text.
        opts.set_attribute_filter(&js_sys::Array::of1(&JsValue::from_str("aria-label")));
        let _ = obs.observe_with_options(&r, &opts);
    }
    // Single-page navigation: compare location.href.
    let poll = Interval::new(URL_POLL_MS as u32, || {
        resend_state();
        let changed = CTL.with(|c| {
            c.try_borrow().ok().is_some_and(|b| b.as_ref().is_some_and(|ctl| location().is_some_and(|(h, ..)| h != ctl.href)))
        });
        if changed {
            run();
        }
    });
    // Facts not written yet (`session::write_pace`) go out when the page is hidden or left.
    let pagehide = Closure::<dyn FnMut(web_sys::Event)>::new(|_e: web_sys::Event| flush_store(true));
    let _ = win.add_event_listener_with_callback("pagehide", pagehide.as_ref().unchecked_ref());
    let hidden = Closure::<dyn FnMut(web_sys::Event)>::new(|_e: web_sys::Event| {
        if web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden()) {
            flush_store(true);
        }
    });
    if let Some(d) = win.document() {
        let _ = d.add_event_listener_with_callback("visibilitychange", hidden.as_ref().unchecked_ref());
    }
    // Kept for the page's life (the observer's callback and the poll live as long
    // as these values do; nothing is forget()-ed).
    TIMERS.with(|t| {
        let mut t = t.borrow_mut();
        t.observer = Some(cb);
        t.poll = Some(poll);
        t.leave = vec![pagehide, hidden];
    });
}

/// The controller's timers and watchers. Replacing a timer cancels the one
/// before: gloo-timers clears a Timeout or Interval when it is dropped
/// (https://docs.rs/gloo-timers/0.4.0/gloo_timers/callback/struct.Timeout.html).
#[derive(Default)]
struct Timers {
    step: Option<Timeout>,
    grace: Option<Timeout>,
    store: Option<Timeout>,
    /// `pagehide` and `visibilitychange`: facts not written yet go out then.
    leave: Vec<Closure<dyn FnMut(web_sys::Event)>>,
    poll: Option<Interval>,
    observer: Option<Closure<dyn FnMut(js_sys::Array, JsValue)>>,
}

thread_local! {
    static TIMERS: RefCell<Timers> = RefCell::new(Timers::default());
}

/// The background may miss the first state message while its service worker
/// starts; the current state is sent twice more, 2 s apart.
fn resend_state() {
    CTL.with(|c| {
        let Ok(mut b) = c.try_borrow_mut() else { return };
        let Some(ctl) = b.as_mut() else { return };
        if ctl.resent < 2 && now_ms() - ctl.last_sent > 2_000.0 {
            if let Some((state, detail)) = &ctl.reported {
                report_state(*state, detail);
                ctl.resent += 1;
                ctl.last_sent = now_ms();
            }
        }
    });
}

fn schedule(ms: i32) {
    let already = CTL.with(|c| {
        let mut b = c.borrow_mut();
        match b.as_mut() {
            Some(ctl) if !ctl.scheduled => {
                ctl.scheduled = true;
                false
            }
            _ => true,
        }
    });
    if already {
        return;
    }
    let t = Timeout::new(ms.max(0) as u32, || {
        CTL.with(|c| {
            if let Some(ctl) = c.borrow_mut().as_mut() {
                ctl.scheduled = false;
            }
        });
        run();
    });
    // The timer before has fired (`scheduled` was false): dropping it frees its closure.
    TIMERS.with(|x| x.borrow_mut().step = Some(t));
}

/// The facts' write that `session::write_pace` put off, in `ms`; a step still
/// reading the thread then writes them when it is done.
fn schedule_store(ms: f64) {
    let t = Timeout::new(ms.ceil() as u32, || {
        CTL.with(|c| {
            let Ok(mut b) = c.try_borrow_mut() else { return };
            let Some(ctl) = b.as_mut() else { return };
            ctl.store_timer = false;
            if ctl.store_dirty && !ctl.more {
                ctl.write_store(false);
            }
        });
    });
    TIMERS.with(|x| x.borrow_mut().store = Some(t));
}

/// The page is hidden or left: facts not written yet are written now.
fn flush_store(leaving: bool) {
    CTL.with(|c| {
        let Ok(mut b) = c.try_borrow_mut() else { return };
        let Some(ctl) = b.as_mut() else { return };
        if ctl.store_dirty {
            ctl.write_store(leaving);
        }
    });
}

fn schedule_grace(ms: i32) {
    let t = Timeout::new(ms.max(0) as u32, || {
        ROWS_DIRTY.with(|d| d.set(true));
        CTL.with(|c| {
            if let Some(ctl) = c.borrow_mut().as_mut() {
                ctl.grace_timer = false;
            }
        });
        run();
    });
    TIMERS.with(|x| x.borrow_mut().grace = Some(t));
}

/// One read of the whole page. Re-entrancy safe: a nested call is a no-op.
fn run() {
    let taken = CTL.with(|c| c.try_borrow_mut().ok().and_then(|mut b| b.take()));
    let Some(mut ctl) = taken else { return };
    let marks = if TEST_HOOKS && ctl.bench_marks { web_sys::window().and_then(|w| w.performance()) } else { None };
    if let Some(p) = &marks {
        let _ = p.mark("saavdhan:step-start");
    }
    ctl.step();
    if let Some(p) = &marks {
        let _ = p.measure_with_start_mark("saavdhan:step", "saavdhan:step-start");
        p.clear_marks_with_mark_name("saavdhan:step-start");
    }
    let more = std::mem::take(&mut ctl.more);
    // A gate waits for the page to finish drawing a thread: look again soon, for a
    // while after the navigation (later, mutations of the list bring new reads).
    let recheck = std::mem::take(&mut ctl.recheck) && now_ms() - ctl.bound_at < RECHECK_FOR_MS;
    CTL.with(|c| {
        if let Ok(mut b) = c.try_borrow_mut() {
            *b = Some(ctl);
        }
    });
    if more {
        // The rest of the rows in the next task (the page runs in between).
        ROWS_DIRTY.with(|d| d.set(true));
        schedule(0);
    } else if recheck {
        ROWS_DIRTY.with(|d| d.set(true));
        schedule(DEBOUNCE_MS);
    }
}

impl Ctl {
    /// Reads a thread or chat window (`scope`) through its grid's window of rows
    /// (made if new) and feeds what is new to the contact's tracker.
    #[allow(clippy::too_many_arguments)]
    fn read_grid(
        &mut self,
        scope: &Element,
        grid: &Element,
        thread_id: Option<&str>,
        placement: Placement,
        changes: &Changes,
        labels: &Labels,
        budget: &mut Budget,
        href: &str,
    ) -> Result<Option<ReadConversation>, crate::web::reader::NotUnderstood> {
        let mut win = match self.windows.iter().position(|w| w.grid.is_same_node(Some(grid.as_ref()))) {
            Some(i) => self.windows.swap_remove(i),
            None => RowWindow::new(grid.clone()),
        };
        let t = perf_now();
        let complete = if self.warm > 0 { win.update(changes, labels, &mut self.cache, budget) } else { false };
        // The page's first read, cold: the rest in the next task.
        if self.warm < 2 {
            self.held = true;
            self.windows.push(win);
            self.more = true;
            return Ok(None);
        }
        let group = win.group();
        let memo = self.header_for(scope, grid, &win, labels, href);
        let read = memo.and_then(|i| thread::read(scope, &self.headers[i].header, &win.rows, group, complete, thread_id).map(|t| (i, t)));
        self.perf.read_ms += perf_now() - t;
        let mut waiting = false;
        let r = read.and_then(|(i, t)| {
            let m = &mut self.headers[i];
            let header_name = match &m.link_name {
                Some((k, n)) if *k == t.key => n.clone(),
                _ => {
                    let n = header_link_name(scope, grid, &t.key);
                    m.link_name = Some((t.key.clone(), n.clone()));
                    n
                }
            };
            if let Err(e) = self.attribute(scope, grid, &t.key, header_name, thread_id, labels) {
                waiting = true;
                return Err(e);
            }
            Ok(self.feed(&t.key, t.contact, Some(&win), &t.anchor, placement, href))
        });
        if let (Placement::ChatWindow, Ok(c)) = (placement, &r) {
            self.window_keys.retain(|(g, _)| !g.is_same_node(Some(grid.as_ref())));
            self.window_keys.push((grid.clone(), c.key.clone()));
        }
        if waiting {
            // The page is between two threads: what was read of its rows may be the
            // old thread's text in reused row elements. Nothing read now is kept;
            // the next look reads every row again.
            self.cache = RowCache::default();
        } else {
            self.windows.push(win);
        }
        r.map(Some)
    }

    /// The index in `headers` of `grid`'s header, read again unless the one
    /// kept still stands (`HeaderMemo`).
    fn header_for(
        &mut self,
        scope: &Element,
        grid: &Element,
        win: &RowWindow,
        labels: &Labels,
        href: &str,
    ) -> Result<usize, crate::web::reader::NotUnderstood> {
        let window = (win.id, win.cards_version);
        let at = self.headers.iter().position(|m| m.grid.is_same_node(Some(grid.as_ref())));
        if let Some(i) = at {
            let m = &self.headers[i];
            if m.window == window
                && m.href == href
                && m.scope.is_same_node(Some(scope.as_ref()))
                && m.header.link_unchanged()
            {
                return Ok(i);
            }
            self.headers.swap_remove(i);
        }
        let header = thread::header(scope, grid, &win.cards, labels)?;
        self.headers.push(HeaderMemo { scope: scope.clone(), grid: grid.clone(), href: href.to_string(), window, header, link_name: None });
        Ok(self.headers.len() - 1)
    }

    /// Asks the thread's (or chat window's) attribution gate whether its rows may
    /// be fed to `key` now; while not, nothing is fed and the page is looked at
    /// again shortly (issue 16: a friend must never get another thread's messages).
    #[allow(clippy::too_many_arguments)]
    fn attribute(
        &mut self,
        scope: &Element,
        grid: &Element,
        key: &str,
        header_name: Option<String>,
        thread_id: Option<&str>,
        labels: &Labels,
    ) -> Result<(), crate::web::reader::NotUnderstood> {
        use crate::web::reader::dom;
        let captured = |el: &Element| dom::attr(el, "aria-label").and_then(|l| labels.capture("messages_with", &l));
        let list_name = captured(grid);
        let scope_name = captured(scope);
        let gate = if thread_id.is_some() {
            &mut self.thread_gate
        } else {
            self.window_gates.retain(|(g, _)| g.is_connected());
            let i = match self.window_gates.iter().position(|(g, _)| g.is_same_node(Some(grid.as_ref()))) {
                Some(i) => i,
                None => {
                    self.window_gates.push((grid.clone(), Gate::default()));
                    self.window_gates.len() - 1
                }
            };
            &mut self.window_gates[i].1
        };
        // A loop, not `map().filter().collect()` (an adapter of its own in the module).
        let mut senders: Vec<String> = Vec::new();
        if gate.wants_senders() {
            for h in dom::qsa(grid, "h1, h2, h3, h4, h5, h6, [role=heading]").iter() {
                let t = dom::text(h);
                if !t.is_empty() && !labels.is("you_sent", &t) {
                    senders.push(t);
                }
            }
        }
        let sighting = Sighting {
            key,
            key_from_url: key.starts_with("t:"),
            list_name: list_name.as_deref(),
            scope_name: scope_name.as_deref(),
            header_name: header_name.as_deref(),
            thread: thread_id,
            sender_names: &senders,
        };
        match gate.check(&sighting, now_ms()) {
            Verdict::Feed => Ok(()),
            Verdict::Wait(why) => {
                self.recheck = true;
                Err(crate::web::reader::NotUnderstood(why))
            }
        }
    }

    /// A chat window closed: its contact's state goes with it unless the contact
    /// is still on the page (issue 16: 200 closed windows kept 200 contacts and
    /// every row they showed). What was learnt is in the stored facts, so opening
    /// the window again starts from them, as a reload does. The read cache holds
    /// the closed windows' rows and cannot be walked (it is keyed by element), so
    /// it starts again with the lists still open: their rows are read once more,
    /// in sliced steps, and de-duplicated against each contact's log.
    /// Returns whether the lists still open must be read again (next step).
    fn let_go_of_closed_windows(&mut self, on_page: &[ReadConversation]) -> bool {
        let mut closed: Vec<String> = Vec::new();
        for (g, k) in &self.window_keys {
            if !g.is_connected() {
                closed.push(k.clone());
            }
        }
        if closed.is_empty() {
            return false;
        }
        self.window_keys.retain(|(g, _)| g.is_connected());
        // By reference: a `for` that consumed the vector had an `IntoIter` drop of its
        // own in the content module (docs/performance.md "Size, round 44").
        for key in &closed {
            let open = on_page.iter().any(|c| c.key == *key) || self.window_keys.iter().any(|(_, k)| k == key);
            if !open {
                self.people.remove(key);
            }
        }
        self.cache = RowCache::default();
        self.windows.clear();
        true
    }

    /// The clock for `debug_spent` (not read outside test pages).
    fn debug_clock(&self) -> f64 {
        if TEST_HOOKS && self.test { perf_now() } else { 0.0 }
    }

    /// A debug copy (test build, test pages) made since `td`: timed apart from the step.
    fn debug_spent(&mut self, td: f64) {
        if TEST_HOOKS && self.test {
            let d = perf_now() - td;
            self.perf.debug_step += d;
            self.perf.debug_ms += d;
        }
    }

    /// Writes the contacts' facts now when `session::write_pace` says so, else
    /// sets a timer for when it will (one at a time).
    fn write_store_or_wait(&mut self) {
        let wait = if self.pace_writes { session::write_pace::wait_ms(now_ms(), self.store_written, self.store_urgent) } else { 0.0 };
        if wait <= 0.0 {
            self.write_store(false);
        } else if !self.store_timer {
            self.store_timer = true;
            schedule_store(wait);
        }
    }

    /// Writes the contacts' facts out (started here; storage answers later).
    /// `leaving`: the page is hidden or being left (`visibilitychange`, `pagehide`):
    /// the storage call is made in this task, without `storage::set_making_room`'s
    /// read of the stored value first, whose answer may come after the page is gone
    /// (that read refuses a store written by a newer version of Saavdhan — an update
    /// disconnects this script first — and trims the store when it is full: the
    /// next ordinary write does that). Firefox closes a leaving page's extension
    /// context before our `pagehide` listener runs; `visibilitychange` comes first.
    fn write_store(&mut self, leaving: bool) {
        let t = perf_now();
        self.store_dirty = false;
        self.store_urgent = false;
        self.store_written = Some(now_ms());
        let v = self.store.to_stored();
        if leaving && !storage::Turn::busy() {
            // In this task: the page may be gone before a microtask or an answer.
            let _ = storage::set_text_now(Area::Local, CONTACTS_KEY, &v.text);
        } else if leaving {
            wasm_bindgen_futures::spawn_local(async move {
                // After the write still under way (it holds the turn), never before it.
                let _turn = storage::Turn::take().await;
                let _ = storage::set_text(Area::Local, CONTACTS_KEY, &v.text).await;
            });
        } else {
            wasm_bindgen_futures::spawn_local(async move {
                let _ = storage::set_making_room(CONTACTS_KEY, &v).await;
            });
        }
        self.perf.stores += 1;
        self.perf.store_ms += perf_now() - t;
        // Test pages: the writes made so far, also by the timer (tests/e2e/reliability-facts).
        if TEST_HOOKS && self.test {
            if let Some(r) = root() {
                let _ = r.set_attribute("data-saavdhan-stores", &self.perf.stores.to_string());
            }
        }
    }

    fn engine_settings(&self) -> engine::Tuning {
        engine::Tuning { cautious: self.settings.sensitivity == Sensitivity::Cautious }
    }

    fn step(&mut self) {
        let t0 = perf_now();
        self.perf.last_new = 0;
        self.perf.debug_step = 0.0;
        let Some((href, host, path, query)) = location() else { return };
        let Some(root) = root() else { return };
        let (mutated, changes) = take_changes();
        // Every step, rows read or not: a header changed in a step that read no
        // rows (its records are gone then) must be read again by the next that does.
        self.headers.retain(|m| !changes.may_touch_header(&m.scope, &m.grid));

        self.perf.changes_ms += perf_now() - t0;
        // A warning the page took away while the assessment stands is shown again now.
        let reshow = ui::any_detached();
        if reshow {
            for p in self.people.values_mut() {
                p.shown = None;
            }
        }
        let rows_dirty =
            ROWS_DIRTY.with(|d| d.replace(false)) || mutated.dirty || href != self.href || self.reported.is_none() || reshow;
        let navigated = href != self.href;
        self.feed_until = t0 + STEP_FEED_MS;
        if navigated {
            ui::remove_all();
            // A grid Facebook keeps across navigation now shows another thread.
            self.windows.clear();
            for p in self.people.values_mut() {
                p.shown = None;
            }
            self.href = href.clone();
            self.thread_gate.navigated();
            self.kind = classify(&host, &path, query.trim_start_matches('?'));
            self.bound_at = now_ms();
        }
        let lang = root.get_attribute("lang").unwrap_or_else(|| "en".into());
        let labels = Labels::for_lang(&lang);
        let mut dbg = DebugRead { page: page_name(&self.kind).into(), lang: labels.lang.clone(), ..Default::default() };
        let mut problem: Option<&'static str> = None;
        let mut budget = Budget::new(SLICE_ROWS, SLICE_MS);
        // One query of the page's grids per step, shared by the thread and the chat windows.
        let mut grids_reused = false;
        let grids = if !rows_dirty {
            Vec::new()
        } else if !mutated.grids && !navigated && !self.grids.is_empty() && self.grids.iter().all(|g| g.is_connected()) {
            // No grid came or went: the page-wide query (tens of thousands of
            // elements on a long thread) is not made again. A sliced read that
            // continues looks again too when a grid may have come: a chat window
            // opened between the step that saw another close and the next one
            // (which reads the open windows again) was never read.
            grids_reused = true;
            std::mem::take(&mut self.grids)
        } else {
            crate::web::reader::dom::qsa(&root, LIST_SEL)
        };
        if rows_dirty && !grids_reused {
            self.thread_list = None;
        }

        let mut thread_list: Option<Element> = None;
        match self.kind.clone() {
            // Nothing touched the message grid since the last read: the thread is as it was.
            PageKind::Thread { .. } if !rows_dirty => {
                let td = self.debug_clock();
                dbg.conversations = self.last_conversations.clone();
                self.debug_spent(td);
                problem = self.last_problem;
            }
            PageKind::Thread { id } => {
                // The same lists as the step before: the same thread list among them.
                let found = match self.thread_list.take() {
                    Some(t) => Some(t),
                    None => thread::find_thread_list(&grids, &labels),
                };
                self.thread_list = found.clone();
                thread_list = found.as_ref().map(|f| f.1.clone());
                let main = found.as_ref().map(|f| f.0.clone()).or_else(|| qs(&root, "[role=main]"));
                let grid = found.map(|f| f.1);
                match (main, grid) {
                    (Some(main), Some(grid)) => {
                        match self.read_grid(&main, &grid, Some(&id), Placement::Thread, &changes, &labels, &mut budget, &href) {
                            // A push, not `extend` of the `Option` (its own `extend_trusted`).
                            Ok(Some(r)) => dbg.conversations.push(r),
                            Ok(None) => {}
                            Err(e) => problem = Some(e.0),
                        }
                    }
                    (None, _) => problem = Some("thread page without [role=main]"),
                    (Some(_), None) => problem = Some("thread page without a message grid"),
                }
            }
            PageKind::FriendRequests | PageKind::Feed => {
                if self.kind == PageKind::FriendRequests && qs(&root, "[role=main]").is_none() {
                    problem = Some("friend requests page without [role=main]");
                }
                for r in friend_requests::read(&root, &labels) {
                    let rc = self.feed(&r.key, r.contact, None, &r.anchor, Placement::RequestCard, &href);
                    dbg.requests.push(rc);
                }
            }
            PageKind::Profile => {
                let key_url = crate::web::reader::page::profile_from_url(&host, &path, query.trim_start_matches('?'));
                match key_url {
                    Some((key, url)) => match profile::read(&root, key, url, &labels) {
                        Ok(p) => {
                            let rc = self.feed(&p.key, p.contact, None, &p.anchor, Placement::Profile, &href);
                            dbg.profile = Some(rc);
                        }
                        Err(e) => problem = Some(e.0),
                    },
                    None => problem = Some("profile URL not understood"),
                }
            }
            PageKind::Other | PageKind::NotFacebook => {}
        }
        // Chat windows over any page.
        let windows = if rows_dirty { thread::chat_windows_among(&grids, thread_list.as_ref(), &labels) } else { Vec::new() };
        if !rows_dirty {
            let td = self.debug_clock();
            // Pushed one by one, not `extend(iter().cloned())` (an `extend_trusted` and a
            // `Cloned::fold` of their own; docs/performance.md "Size, round 44").
            for c in &self.last_windows {
                dbg.conversations.push(c.clone());
            }
            self.debug_spent(td);
        }
        // By reference, as `let_go_of_closed_windows`' keys.
        for (chat, grid) in &windows {
            if let Ok(Some(r)) = self.read_grid(chat, grid, None, Placement::ChatWindow, &changes, &labels, &mut budget, &href) {
                dbg.conversations.push(r);
            }
        }
        self.warm += std::mem::take(&mut self.held) as u8;
        let mut reread = false;
        if rows_dirty {
            // Windows of grids no longer on the page go with them, and so do the
            // references to a closed window's DOM (issue 16: 21,430 nodes were
            // held after 200 windows).
            self.windows.retain(|w| w.grid.is_connected());
            self.window_gates.retain(|(g, _)| g.is_connected());
            self.headers.retain(|m| m.grid.is_connected());
            reread = self.let_go_of_closed_windows(&dbg.conversations);
            for p in self.people.values_mut() {
                if p.shown.as_ref().is_some_and(|(_, a)| !a.is_connected()) {
                    p.shown = None;
                }
            }
        }
        if reshow {
            // Warnings this step could not put back belong to closed windows.
            ui::forget_detached();
        }

        if rows_dirty {
            let td = self.debug_clock();
            // One loop for both (each `filter().cloned().collect()` was a generic copy of
            // its own in the content module; docs/performance.md "Size, round 42").
            self.last_conversations.clear();
            self.last_windows.clear();
            for c in &dbg.conversations {
                if c.placement == "thread" {
                    self.last_conversations.push(c.clone());
                } else if c.placement == "chat_window" {
                    self.last_windows.push(c.clone());
                }
            }
            self.debug_spent(td);
        }
        if rows_dirty {
            self.last_problem = problem;
        }
        // Protection state: "not understood" only after a grace period (Facebook renders late).
        let state = match problem {
            Some(p) if now_ms() - self.bound_at < GRACE_MS => {
                if !self.grace_timer {
                    self.grace_timer = true;
                    schedule_grace((GRACE_MS - (now_ms() - self.bound_at)).max(50.0) as i32 + 20);
                }
                let _ = p;
                None
            }
            Some(p) => Some((Protection::PageNotUnderstood, p.to_string())),
            None => Some((Protection::Active, String::new())),
        };
        if let Some(s) = state {
            if self.reported.as_ref() != Some(&s) {
                report_state(s.0, &s.1);
                self.resent = 0;
                self.last_sent = now_ms();
                if TEST_HOOKS && self.test {
                    let name = match s.0 {
                        Protection::Active => "active",
                        Protection::PageNotUnderstood => "page_not_understood",
                        Protection::PausedWasm => "paused_wasm",
                        Protection::NotStarted => "not_started",
                        Protection::NotFacebook => "not_facebook",
                    };
                    let _ = root.set_attribute("data-saavdhan-protection", name);
                    let _ = root.set_attribute("data-saavdhan-detail", &s.1);
                }
                self.reported = Some(s);
            }
        }
        self.more |= budget.stopped || reread || self.people.values().any(|p| p.session.pending() > 0);
        // Facts are written once the whole thread has been read, not per slice, and
        // not after every step (`session::write_pace`); a write made here is timed with the step.
        if self.store_dirty && !self.more {
            self.write_store_or_wait();
        }
        let spent = perf_now() - t0 - self.perf.debug_step;
        let mut passes = 0;
        for w in &self.windows {
            passes += w.passes;
        }
        self.perf.passes = passes;
        self.perf.steps += 1;
        self.perf.last_ms = spent;
        self.perf.total_ms += spent;
        self.perf.max_ms = self.perf.max_ms.max(spent);
        if TEST_HOOKS {
            if self.perf.recent_ms.len() == RECENT_STEPS {
                self.perf.recent_ms.remove(0);
            }
            self.perf.recent_ms.push(spent);
        }
        if TEST_HOOKS && self.test {
            if let Ok(json) = serde_json::to_string(&self.perf) {
                let _ = root.set_attribute("data-saavdhan-perf", &json);
            }
            let held = Held {
                windows: self.windows.len(),
                gates: self.window_gates.len(),
                people: self.people.len(),
                warnings: ui::held(),
                cached_rows: self.cache.len(),
                wasm_memory_bytes: wasm_memory_bytes(),
            };
            if let Ok(json) = serde_json::to_string(&held) {
                let _ = root.set_attribute("data-saavdhan-held", &json);
            }
            dbg.rows_read = self.cache.reads();
            if let Ok(json) = serde_json::to_string(&dbg) {
                if json != self.last_read_json {
                    let _ = root.set_attribute("data-saavdhan-read", &json);
                    self.last_read_json = json;
                }
            }
        }
        if rows_dirty {
            self.grids = grids;
        }
        if !self.pending_log.is_empty() {
            let entries = std::mem::take(&mut self.pending_log);
            wasm_bindgen_futures::spawn_local(async move {
                let _ = append_warnings_log(entries).await;
            });
        }
    }

    /// Feeds what a reader found about one contact to that contact's tracker,
    /// persists the facts and shows the warning.
    fn feed(
        &mut self,
        key: &str,
        contact: Contact,
        window: Option<&RowWindow>,
        anchor: &Element,
        placement: Placement,
        href: &str,
    ) -> ReadConversation {
        let t0 = perf_now();
        let d0 = self.perf.debug_step;
        let r = self.feed_inner(key, contact, window, anchor, placement, href);
        self.perf.feed_ms += perf_now() - t0 - (self.perf.debug_step - d0);
        r
    }

    fn feed_inner(
        &mut self,
        key: &str,
        contact: Contact,
        window: Option<&RowWindow>,
        anchor: &Element,
        placement: Placement,
        href: &str,
    ) -> ReadConversation {
        let settings = self.engine_settings();
        // Seen now, on a request card, a profile or a thread; the session keeps the
        // earliest such time for the contact (`session::memory`).
        let mut contact = contact;
        contact.first_seen = Some(engine::time::Timestamp::from_unix((now_ms() / 1000.0) as i64));
        let store = &self.store;
        let mut fresh = false;
        let person = self.people.entry(key.to_string()).or_insert_with(|| {
            fresh = true;
            Person {
                session: session::Person::new(key, contact.clone(), settings, store),
                log: Log::default(),
                merged: None,
                placed: None,
                shown: None,
            }
        });
        person.session.see(contact);
        // A contact new to this tab: a page's first read runs the reader's, the engine's and
        // the warning's code cold (each function compiled at its first call), 53-105 ms in one
        // task in the release (issue 11). Its rows are read in this task, merged and fed to the
        // engine in the next, and its warning drawn in the one after, so that no task runs all
        // three. The same messages in the same order: the result is the same.
        let later = fresh && window.is_some();
        if let Some(w) = window.filter(|_| !later) {
            if person.merged != Some((w.id, w.version)) {
                let since = person.placed.filter(|(id, base, _)| (*id, *base) == (w.id, w.base)).map(|p| p.2);
                let (new, m) = match since.and_then(|p| person.log.merge_grown(&w.rows, p)) {
                    Some(r) => r,
                    None => person.log.merge(&w.rows),
                };
                person.placed = m.placed.map(|p| (w.id, w.base, p));
                let group = person.session.conv.contact.group;
                for k in &new {
                    person.session.queue(message_of(k, group));
                }
                person.merged = Some((w.id, w.version));
            }
        }
        let fed = if later { session::Fed::default() } else { person.session.feed(key, self.feed_until, now_ms(), &PerfClock, &mut self.store) };
        let later = later || (fed.fed > 0 && fed.fed == person.session.conv.messages.len());
        self.more |= later;
        self.perf.last_new += fed.fed;
        self.perf.fed += fed.fed;
        self.store_dirty |= fed.stored;
        // A warning shown at a new level or stage: its facts are written at once.
        self.store_urgent |= fed.stored && fed.log.is_some();
        if let Some(entry) = fed.log {
            self.pending_log.push(entry);
        }
        let same_anchor = person.shown.as_ref().is_some_and(|(h, a)| h == href && a.is_same_node(Some(anchor.as_ref())));
        if !later && (fed.changed || !same_anchor) {
            let ctx = WarningContext {
                contact_key: key,
                conversation: &person.session.conv,
                assessment: person.session.tracker.assessment(),
                page_url: href,
                settings: &self.settings,
            };
            // A failing UI must not stop reading.
            let _ = ui::show(anchor, placement, &ctx);
            person.shown = Some((href.to_string(), anchor.clone()));
        }
        let a: &Assessment = person.session.tracker.assessment();
        ReadConversation {
            key: key.to_string(),
            placement: placement_name(placement),
            conversation: if TEST_HOOKS && self.debug_copy {
                let td = perf_now();
                let group = person.session.conv.contact.group;
                let c = Conversation { contact: person.session.conv.contact.clone(), messages: person.log.items.iter().map(|k| message_of(k, group)).collect() };
                self.perf.debug_step += perf_now() - td;
                self.perf.debug_ms += perf_now() - td;
                c
            } else {
                Conversation { contact: person.session.conv.contact.clone(), messages: Vec::new() }
            },
            level: a.level,
            stage: a.stage,
        }
    }
}

/// A row as the engine's message: the sender's name goes with it only in a
/// group chat (contract: `author`, the member who wrote it).
fn message_of(k: &RowKey, group: bool) -> engine::Message {
    let mut m = k.message();
    if !group {
        m.author = None;
    }
    m
}

/// The text of the link outside the message list that names `key`'s profile
/// (the thread header's): the path grid → scope, each step's other children.
fn header_link_name(scope: &Element, grid: &Element, key: &str) -> Option<String> {
    use crate::web::reader::dom;
    let mut node = grid.clone();
    while !node.is_same_node(Some(scope.as_ref())) {
        let parent = node.parent_element()?;
        let kids = parent.children();
        for i in 0..kids.length() {
            let Some(k) = kids.item(i) else { continue };
            if k.is_same_node(Some(node.as_ref())) {
                continue;
            }
            let mut links = dom::qsa(&k, "a[href]");
            if k.matches("a[href]").unwrap_or(false) {
                links.insert(0, k.clone());
            }
            for a in links {
                if dom::profile_link(&a).is_some_and(|(k, _)| k == key) {
                    let t = dom::text(&a);
                    if !t.is_empty() {
                        return Some(t);
                    }
                }
            }
        }
        node = parent;
    }
    None
}

fn page_name(k: &PageKind) -> &'static str {
    match k {
        PageKind::Thread { .. } => "thread",
        PageKind::FriendRequests => "friend_requests",
        PageKind::Feed => "feed",
        PageKind::Profile => "profile",
        PageKind::Other => "other",
        PageKind::NotFacebook => "not_facebook",
    }
}

fn placement_name(p: Placement) -> &'static str {
    match p {
        Placement::Thread => "thread",
        Placement::ChatWindow => "chat_window",
        Placement::RequestCard => "request_card",
        Placement::Profile => "profile",
    }
}
