//! Warnings shown to the user, in a closed shadow root (Facebook's CSS and
//! scripts cannot restyle or read them), placed in the page's flow so they
//! never cover Facebook's controls:
//!
//! * `Placement::Thread`: anchor = the thread (`[role=main]`); the host goes
//!   right before its message grid (top of the message list).
//! * `Placement::ChatWindow`: anchor = the chat window; the host goes right after
//!   its message grid, i.e. inside the window above the composer.
//! * `Placement::RequestCard` / `Profile`: immediately AFTER the anchor (the
//!   card, below its buttons; the profile header).
//! * Without a `[role=grid]` inside the anchor: before it (thread) or as its
//!   first child (chat window).
//!
//! The host element carries `data-saavdhan-warning="<placement>"`,
//! `data-saavdhan-level`, `data-saavdhan-stage`, `lang`, and
//! `data-saavdhan-ready` (set once the showing is recorded in the memory).
//! On test pages (root element has `data-saavdhan-test`) it also carries
//! `data-saavdhan-content` (JSON of what the shadow root shows) and answers the
//! events `saavdhan-test-save`, `saavdhan-test-known`, `saavdhan-test-known-yes`,
//! `saavdhan-test-hide`, `saavdhan-test-focus-save`.
//!
//! "Hide for now" hides this warning (a later stage warns again); "I really
//! know this person" asks first, and for the family PIN where one is set, and
//! never silences a young conversation's video call or threat (see `memory`).
//!
//! Pure parts (built and tested natively too, see `web`): `compose` (words),
//! `palette` (one colour and icon per level, WCAG contrast), `links` (report
//! targets), `evidence` (the evidence kit), `memory` (hide for now, trust, the
//! 24-hour danger lock).
pub mod compose;
pub mod evidence;
pub mod links;
pub mod memory;
pub mod palette;
pub mod render;

use crate::engine::{Assessment, Conversation, Level};
use crate::state::settings::{Settings, SETTINGS_KEY};
use crate::web::i18n::{self, t};
use crate::web::storage::{self, Area};
use gloo_events::EventListener;
use memory::{Hide, Memory, MEMORY_KEY};
use render::Panel;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, ShadowRoot};

/// Where on the page the warning goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placement {
    /// A Messenger thread (facebook.com/messages/…, messenger.com/t/…).
    Thread,
    /// A small chat window over any facebook.com page.
    ChatWindow,
    /// A friend-request card.
    RequestCard,
    /// A profile header.
    Profile,
}

impl Placement {
    fn name(self) -> &'static str {
        match self {
            Placement::Thread => "thread",
            Placement::ChatWindow => "chat-window",
            Placement::RequestCard => "request-card",
            Placement::Profile => "profile",
        }
    }

}

/// Where the host goes relative to a reference element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spot {
    Before,
    After,
    FirstChild,
}

/// The reference element and spot for a placement (see the module notes).
fn spot(anchor: &Element, placement: Placement) -> (Element, Spot) {
    let grid = || anchor.query_selector("[role=grid]").ok().flatten();
    match placement {
        Placement::Thread => match grid() {
            Some(g) => (g, Spot::Before),
            None => (anchor.clone(), Spot::Before),
        },
        Placement::ChatWindow => match grid() {
            Some(g) => (g, Spot::After),
            None => (anchor.clone(), Spot::FirstChild),
        },
        Placement::RequestCard | Placement::Profile => (anchor.clone(), Spot::After),
    }
}

fn in_place(host: &Element, anchor: &Element, placement: Placement) -> bool {
    let (r, at) = spot(anchor, placement);
    let found = match at {
        Spot::Before => r.previous_element_sibling(),
        Spot::After => r.next_element_sibling(),
        Spot::FirstChild => r.first_element_child(),
    };
    found.as_ref() == Some(host)
}

/// Everything a warning needs to explain itself.
pub struct WarningContext<'a> {
    /// Stable key of the contact (profile id, else thread id).
    pub contact_key: &'a str,
    /// Contact and the messages read on the page; `Evidence::message` indexes these.
    pub conversation: &'a Conversation,
    pub assessment: &'a Assessment,
    // `facts: Option<&'a crate::engine::ContactFacts>` is added once the engine has it.
    pub page_url: &'a str,
    pub settings: &'a Settings,
}

/// An owned copy of the context, so the warning can re-render itself (memory
/// loaded, PIN typed) and save evidence after `show` returned.
#[derive(Clone)]
struct Owned {
    contact_key: String,
    conversation: Conversation,
    assessment: Assessment,
    page_url: String,
    settings: Settings,
}

struct Shown {
    host: Element,
    root: ShadowRoot,
    data: Owned,
    signature: Signature,
    /// The showing was recorded in the memory.
    recorded: bool,
    /// The question or PIN box a button opened.
    panel: Panel,
    /// Clicks (and test events): removed from the DOM when this is dropped.
    _listeners: Vec<EventListener>,
}

type Key = (String, Placement);

/// The page's warnings by contact and placement, made in `const` (no lazy start-up
/// code per thread-local: `RandomState` cannot be made in a `const`,
/// `BuildHasherDefault` can). It holds the few warnings of one page, so a fixed
/// hash seed is no risk.
type PageHash = std::hash::BuildHasherDefault<std::hash::DefaultHasher>;

thread_local! {
    static SHOWN: RefCell<HashMap<Key, Shown, PageHash>> = const { RefCell::new(HashMap::with_hasher(PageHash::new())) };
    /// `None` until read from storage.
    static MEMORY: RefCell<Option<Memory>> = const { RefCell::new(None) };
    static LOADING: RefCell<bool> = const { RefCell::new(false) };
    /// Contacts marked "really known" on this page (the controller's settings
    /// may be older than the click). This and the next are a few clicks long: lists,
    /// not two more hash-map instances in the module.
    static KNOWN_HERE: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// "Hide for now" on this page, by contact: the rank hidden (also written
    /// to the memory, which may not be read yet).
    static HIDDEN_NOW: RefCell<Vec<(String, u32)>> = const { RefCell::new(Vec::new()) };
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn test_mode() -> bool {
    // Test build only (`--features test-hooks`): constant false in the release.
    cfg!(feature = "test-hooks") && web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|e| e.has_attribute("data-saavdhan-test"))
}

fn contact_memory(key: &str) -> memory::ContactMemory {
    let mut c = MEMORY.with(|m| m.borrow().as_ref().map(|m| m.get(key)).unwrap_or_default());
    if let Some(r) = HIDDEN_NOW.with(|h| h.borrow().iter().find(|(k, _)| k == key).map(|&(_, r)| r)) {
        c.hidden_rank = Some(c.hidden_rank.map_or(r, |x| x.max(r)));
    }
    c
}

fn today() -> i64 {
    compose::day_number(&now_rfc3339()).unwrap_or(0)
}

/// Whether this contact's warning stays off the page: hidden for now at this
/// stage, or a person the user really knows (within the limits of `memory`).
fn suppressed(contact_key: &str, a: &Assessment, settings: &Settings, conv: &Conversation) -> bool {
    let mem = contact_memory(contact_key);
    if memory::hidden_for_now(&mem, a.level, a.stage) {
        return true;
    }
    let known = settings.is_known(contact_key) || KNOWN_HERE.with(|k| k.borrow().iter().any(|k| k == contact_key));
    known && memory::hidden_as_known(a.level, a.stage, known, compose::conversation_age_days(conv, today()), &mem, now_ms())
}

fn danger_first(key: &str) -> Option<f64> {
    MEMORY.with(|m| m.borrow().as_ref().and_then(|m| m.get(key).danger_first_ms))
}

fn hide_state(d: &Owned) -> Hide {
    hide_state_of(d.assessment.level, &d.settings, &d.contact_key)
}

fn hide_state_of(level: crate::engine::Level, settings: &Settings, contact_key: &str) -> Hide {
    memory::can_hide(level, settings, danger_first(contact_key), now_ms())
}

/// What a shown warning depends on: compared (not formatted) to skip re-rendering
/// when nothing changed.
#[derive(Clone, PartialEq)]
struct Signature {
    level: crate::engine::Level,
    stage: crate::engine::Stage,
    evidence: Vec<crate::engine::Evidence>,
    language: Option<crate::state::settings::Language>,
    region: crate::state::settings::Region,
    trusted_contact: Option<crate::state::settings::TrustedContact>,
    name: String,
    profile_url: Option<String>,
    hide: Hide,
}

fn signature(d: &Owned, hide: Hide) -> Signature {
    signature_of(&d.assessment, &d.settings, &d.conversation.contact, hide)
}

fn signature_of(a: &Assessment, settings: &Settings, contact: &crate::engine::Contact, hide: Hide) -> Signature {
    Signature {
        level: a.level,
        stage: a.stage,
        evidence: a.evidence.clone(),
        language: settings.language,
        region: settings.region,
        trusted_contact: settings.trusted_contact.clone(),
        name: contact.name.clone(),
        profile_url: contact.profile_url.clone(),
        hide,
    }
}

/// Shows or updates the warning for `ctx.contact_key` next to `anchor`
/// (idempotent: one host element per contact and placement; nothing in the DOM
/// changes when nothing changed). `Level::None`, a contact the user knows, or a
/// contact hidden on this page removes it.
pub fn show(anchor: &web_sys::Element, placement: Placement, ctx: &WarningContext) -> Result<(), JsValue> {
    let key: Key = (ctx.contact_key.to_string(), placement);
    let level = ctx.assessment.level;
    if level == Level::None
        || ctx.contact_key.is_empty()
        || suppressed(ctx.contact_key, ctx.assessment, ctx.settings, ctx.conversation)
    {
        remove(&key);
        return Ok(());
    }
    ensure_memory_loading();
    // The signature comes from the context: the conversation (a long thread's
    // every message) is copied only when the warning must be drawn again.
    let sig = signature_of(ctx.assessment, ctx.settings, &ctx.conversation.contact, hide_state_of(level, ctx.settings, ctx.contact_key));
    let owned = || Owned {
        contact_key: ctx.contact_key.to_string(),
        conversation: ctx.conversation.clone(),
        assessment: ctx.assessment.clone(),
        page_url: ctx.page_url.to_string(),
        settings: ctx.settings.clone(),
    };
    if anchor.parent_node().is_none() {
        // A detached anchor (the page re-rendered under us): nothing to attach to.
        return Ok(());
    }
    // Existing host: keep it if nothing changed, move it if the anchor moved.
    let existing = SHOWN.with(|s| s.borrow().get(&key).map(|x| (x.host.clone(), x.signature == sig)));
    if let Some((host, same)) = existing {
        if !in_place(&host, anchor, placement) {
            place(&host, anchor, placement)?;
        }
        if same && host.is_connected() {
            return Ok(());
        }
        let data = owned();
        SHOWN.with(|s| {
            if let Some(x) = s.borrow_mut().get_mut(&key) {
                x.data = data;
                x.signature = sig;
            }
        });
        return rerender(&key);
    }
    let data = owned();
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let host = doc.create_element("div")?;
    host.set_attribute("data-saavdhan-warning", placement.name())?;
    let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Closed);
    let root = host.attach_shadow(&init)?;
    let listeners = listen(&host, &root, key.clone());
    place(&host, anchor, placement)?;
    let recorded = MEMORY
        .with(|m| m.borrow_mut().as_mut().map(|m| m.record_showing(&data.contact_key, level, now_ms())))
        .is_some();
    if recorded {
        save_memory();
    }
    SHOWN.with(|s| {
        s.borrow_mut().insert(
            key.clone(),
            Shown { host, root, data, signature: sig, recorded, panel: Panel::None, _listeners: listeners },
        );
    });
    rerender(&key)
}

fn place(host: &Element, anchor: &Element, placement: Placement) -> Result<(), JsValue> {
    let (r, at) = spot(anchor, placement);
    match at {
        Spot::Before => r.before_with_node_1(host),
        Spot::After => r.after_with_node_1(host),
        Spot::FirstChild => r.prepend_with_node_1(host),
    }
}

/// Renders the stored data of one warning into its shadow root.
fn rerender(key: &Key) -> Result<(), JsValue> {
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    SHOWN.with(|s| {
        let s = s.borrow();
        let Some(x) = s.get(key) else { return Ok(()) };
        let d = &x.data;
        let lang = i18n::language_for(d.settings.language);
        let text = compose::compose(lang, &d.conversation, &d.assessment, today());
        let view = render::View {
            level: d.assessment.level,
            lang,
            text: &text,
            palette: palette::palette(d.assessment.level),
            settings: &d.settings,
            profile_url: d.conversation.contact.profile_url.as_deref(),
            hide: hide_state(d),
            panel: x.panel,
        };
        // A redraw while the family types the PIN (the page's next read can redraw the
        // banner at any moment) keeps what was typed, the message beside it and the focus.
        let input = |root: &ShadowRoot| part(root, "pin-input").and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok());
        let typed = input(&x.root).map(|i| i.value()).filter(|v| !v.is_empty());
        let error = part(&x.root, "pin-error").and_then(|e| e.text_content()).filter(|t| !t.is_empty());
        let focused = input(&x.root).is_some_and(|i| x.root.active_element().is_some_and(|a| a.is_same_node(Some(i.as_ref()))));
        render::render(&doc, &x.root, &view)?;
        if let Some(i) = input(&x.root) {
            if let Some(v) = &typed {
                i.set_value(v);
            }
            if let (Some(t), Some(e)) = (&error, part(&x.root, "pin-error")) {
                e.set_text_content(Some(t));
            }
            if focused {
                let _ = i.focus();
            }
        }
        x.host.set_attribute("data-saavdhan-level", d.assessment.level.as_str())?;
        x.host.set_attribute("data-saavdhan-stage", d.assessment.stage.as_str())?;
        // Set once the showing is recorded in the memory (tests wait for it).
        if x.recorded {
            x.host.set_attribute("data-saavdhan-ready", "")?;
        }
        x.host.set_attribute("lang", i18n::lang_tag(lang))?;
        if test_mode() {
            x.host.set_attribute("data-saavdhan-content", &render::describe(&x.root)?)?;
        }
        Ok(())
    })
}

fn remove(key: &Key) {
    if let Some(x) = SHOWN.with(|s| s.borrow_mut().remove(key)) {
        x.host.remove();
    }
}

/// The keys of the warnings shown now, of one contact (`None`: of all), in the map's
/// order: one loop for the three callers (each `filter().cloned().collect()` was a
/// generic copy of its own in the content module; docs/performance.md "Size, round 41").
fn shown_keys(contact_key: Option<&str>) -> Vec<Key> {
    SHOWN.with(|s| {
        let mut keys = Vec::new();
        for k in s.borrow().keys() {
            if contact_key.is_none_or(|c| k.0 == c) {
                keys.push(k.clone());
            }
        }
        keys
    })
}

fn remove_contact(contact_key: &str) {
    let keys = shown_keys(Some(contact_key));
    for k in keys {
        remove(&k);
    }
}

/// Whether `el` is the host of a warning shown now. The controller's mutation
/// filter asks this (Rust state), never an attribute the page could set too.
pub fn is_host(el: &Element) -> bool {
    SHOWN.with(|s| s.try_borrow().is_ok_and(|s| s.values().any(|x| x.host.is_same_node(Some(el.as_ref())))))
}

/// Whether the page took a warning shown now off the page (the controller puts it back).
pub fn any_detached() -> bool {
    SHOWN.with(|s| s.try_borrow().is_ok_and(|s| s.values().any(|x| !x.host.is_connected())))
}

/// How many warnings are held (shown, or taken off the page and not yet forgotten).
pub fn held() -> usize {
    SHOWN.with(|s| s.try_borrow().map(|s| s.len()).unwrap_or(0))
}

/// Forgets the warnings no longer on the page that the last step did not put
/// back (their chat window closed): their hosts and shadow roots are freed.
pub fn forget_detached() {
    SHOWN.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            s.retain(|_, x| x.host.is_connected());
        }
    });
}

/// Removes every warning this script added (on navigation to another page).
pub fn remove_all() {
    let mut all: Vec<Shown> = Vec::new();
    SHOWN.with(|s| {
        for (_, v) in s.borrow_mut().drain() {
            all.push(v);
        }
    });
    for x in all {
        x.host.remove();
    }
}

/// Current time as RFC 3339 UTC (local clock of the computer).
pub fn now_rfc3339() -> String {
    let d = js_sys::Date::new_0();
    String::from(d.to_iso_string())
}

fn ensure_memory_loading() {
    if LOADING.with(|l| std::mem::replace(&mut *l.borrow_mut(), true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        let raw = storage::get_raw(Area::Local, MEMORY_KEY).await.unwrap_or(JsValue::UNDEFINED);
        let value: serde_json::Value = storage::value_from_js(&raw).unwrap_or(serde_json::Value::Null);
        let mut mem = Memory::from_stored(&value);
        // "Hide for now" pressed before the memory was read.
        HIDDEN_NOW.with(|h| {
            for (k, r) in h.borrow().iter() {
                let c = mem.contacts.entry(k.to_string()).or_default();
                c.hidden_rank = Some(c.hidden_rank.map_or(*r, |x| x.max(*r)));
            }
        });
        // Record the warnings that appeared before the memory was read.
        let mut keys: Vec<Key> = Vec::new();
        SHOWN.with(|s| {
            for (k, x) in s.borrow().iter() {
                if !x.recorded {
                    keys.push(k.clone());
                }
            }
        });
        for k in &keys {
            SHOWN.with(|s| {
                if let Some(x) = s.borrow_mut().get_mut(k) {
                    mem.record_showing(&x.data.contact_key, x.data.assessment.level, now_ms());
                    x.recorded = true;
                }
            });
        }
        MEMORY.with(|m| *m.borrow_mut() = Some(mem));
        // Read at every page's start now: written back only when this page added to it.
        if !keys.is_empty() || HIDDEN_NOW.with(|h| !h.borrow().is_empty()) {
            save_memory();
        }
        let all = shown_keys(None);
        for k in all {
            // The hide state may have changed (danger older than 24 hours).
            SHOWN.with(|s| {
                if let Some(x) = s.borrow_mut().get_mut(&k) {
                    x.signature = signature(&x.data, hide_state(&x.data));
                }
            });
            let off = SHOWN.with(|s| {
                s.borrow().get(&k).is_some_and(|x| {
                    let d = &x.data;
                    suppressed(&d.contact_key, &d.assessment, &d.settings, &d.conversation)
                })
            });
            if off {
                remove(&k);
            } else {
                let _ = rerender(&k);
            }
        }
    });
}

fn save_memory() {
    wasm_bindgen_futures::spawn_local(async move {
        // The memory is copied once this write's turn has come, so that two writes
        // asked for in a row (the PIN's unlock, then the hide) cannot land older-last.
        let _turn = storage::Turn::take().await;
        // What is stored now is taken in first (another tab's hide, or all of it
        // when this tab's first read failed); unreadable now: nothing is written over it.
        let Ok(raw) = storage::get_raw(Area::Local, MEMORY_KEY).await else { return };
        let stored = Memory::from_stored(&storage::value_from_js(&raw).unwrap_or(serde_json::Value::Null));
        let Some(mem) = MEMORY.with(|m| {
            let mut m = m.borrow_mut();
            let m = m.as_mut()?;
            m.merge_from(&stored);
            Some(m.clone())
        }) else {
            return;
        };
        let _ = storage::set_making_room_in_turn(MEMORY_KEY, &mem.to_stored()).await;
    });
}

/// Starts reading the warnings' memory (at the page's start, so that a warning
/// hidden "for now" is known before the first read would show it).
pub fn load_memory() {
    ensure_memory_loading();
}

/// The warnings' memory has been read (or found unreadable).
pub fn memory_ready() -> bool {
    MEMORY.with(|m| m.borrow().is_some())
}

/// One delegated click listener per host (inside the shadow root), plus the
/// test-page events; kept with the host and removed with it (gloo-events
/// removes a listener when it is dropped, so nothing outlives the banner).
fn listen(host: &Element, root: &ShadowRoot, key: Key) -> Vec<EventListener> {
    let k = key.clone();
    let r = root.clone();
    let mut out = vec![EventListener::new(root, "click", move |ev: &web_sys::Event| {
        let action = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("[data-action]").ok().flatten())
            .and_then(|e| e.get_attribute("data-action"));
        if let Some(action) = action {
            act(&k, &r, &action);
        }
    })];
    if test_mode() {
        for (event, action) in [
            ("saavdhan-test-save", "save"),
            ("saavdhan-test-known", "known"),
            ("saavdhan-test-known-yes", "known-yes"),
            ("saavdhan-test-hide", "hide"),
            ("saavdhan-test-focus-save", "focus-save"),
        ] {
            let k = key.clone();
            let r = root.clone();
            out.push(EventListener::new(host, event, move |_ev| act(&k, &r, action)));
        }
    }
    out
}

fn part(root: &ShadowRoot, name: &str) -> Option<Element> {
    root.query_selector(&format!("[data-part=\"{name}\"]")).ok().flatten()
}

fn focus(root: &ShadowRoot, selector: &str) {
    if let Some(e) = root.query_selector(selector).ok().flatten().and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = e.focus();
    }
}

/// Opens (or closes) the panel under the buttons and moves the focus into it.
fn open_panel(key: &Key, root: &ShadowRoot, panel: Panel) {
    if matches!(panel, Panel::Pin(_)) {
        // The wrong-try count (for the cool-down) is read before the PIN is typed.
        crate::web::settings_io::preload_pin_tries();
    }
    SHOWN.with(|s| {
        if let Some(x) = s.borrow_mut().get_mut(key) {
            x.panel = panel;
        }
    });
    let _ = rerender(key);
    match panel {
        Panel::None => focus(root, "[data-action=\"known\"]"),
        Panel::ConfirmKnown => focus(root, "[data-action=\"known-yes\"]"),
        Panel::Pin(_) => focus(root, "[data-part=\"pin-input\"]"),
    }
}

/// Hiding and trusting check the family PIN as stored NOW (the controller's
/// copy may predate the settings' arrival, or a PIN set in another tab): read
/// it from chrome.storage.local first, then act.
fn act(key: &Key, root: &ShadowRoot, action: &str) {
    if !matches!(action, "hide" | "known-yes" | "pin-ok") {
        return act_now(key, root, action, None);
    }
    // The typed PIN is read before anything re-renders.
    let typed = part(root, "pin-input")
        .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value());
    let (key, root, action) = (key.clone(), root.clone(), action.to_string());
    wasm_bindgen_futures::spawn_local(async move {
        let raw = storage::get_raw(Area::Local, SETTINGS_KEY).await.unwrap_or(JsValue::UNDEFINED);
        let value: serde_json::Value = storage::value_from_js(&raw).unwrap_or(serde_json::Value::Null);
        let stored = Settings::from_stored(&value);
        SHOWN.with(|s| {
            if let Some(x) = s.borrow_mut().get_mut(&key) {
                x.data.settings.pin = stored.pin;
                x.data.settings.pin_locks_dismiss = stored.pin_locks_dismiss;
            }
        });
        act_now(&key, &root, &action, typed);
    });
}

fn act_now(key: &Key, root: &ShadowRoot, action: &str, typed: Option<String>) {
    let Some((data, panel)) = SHOWN.with(|s| s.borrow().get(key).map(|x| (x.data.clone(), x.panel))) else { return };
    let hide = hide_state(&data);
    match action {
        "save" => {
            let ok = save_evidence(&data).is_ok();
            if let Some(p) = part(root, "saved") {
                let lang = i18n::language_for(data.settings.language);
                p.set_text_content(Some(&t(lang, if ok { "evidence_saved" } else { "evidence_failed" })));
            }
            refresh_test_content(key);
        }
        "focus-save" => focus(root, "[data-action=\"save\"]"),
        "hide" => match hide {
            Hide::Locked => {}
            Hide::Allowed => hide_for_now(&data),
            Hide::NeedsPin => open_panel(key, root, Panel::Pin("hide")),
        },
        "known" if hide != Hide::Locked => open_panel(key, root, Panel::ConfirmKnown),
        "known-no" => open_panel(key, root, Panel::None),
        "known-yes" if panel == Panel::ConfirmKnown => {
            if data.settings.pin.is_some() {
                open_panel(key, root, Panel::Pin("known"));
            } else {
                mark_known(data);
            }
        }
        "pin-ok" => {
            let Panel::Pin(then) = panel else { return };
            let typed = typed.unwrap_or_default();
            // With the cool-down after wrong tries (settings_io::check_pin_now).
            let check = match &data.settings.pin {
                Some(pin) => crate::web::settings_io::check_pin_now(pin, &typed),
                None => crate::state::pin::PinCheck::Right,
            };
            if check == crate::state::pin::PinCheck::Right {
                if data.assessment.level == Level::Danger {
                    // The family allowed hiding this danger warning: remember it.
                    let unlocked = MEMORY.with(|m| {
                        m.borrow_mut().as_mut().map(|m| {
                            m.contacts.entry(data.contact_key.clone()).or_default().danger_unlocked = true;
                        })
                    });
                    if unlocked.is_some() {
                        save_memory();
                    }
                }
                if then == "hide" {
                    hide_for_now(&data);
                } else {
                    mark_known(data);
                }
            } else {
                // Wrong, or too many wrong tries: say so, empty the box and put the focus back in it.
                if let Some(e) = part(root, "pin-error") {
                    let lang = i18n::language_for(data.settings.language);
                    let text = match check {
                        crate::state::pin::PinCheck::Wait(ms) => {
                            i18n::tr(lang, "storage_pin_wait", &[&((ms / 1000.0).ceil() as u64).to_string()])
                        }
                        _ => t(lang, "pin_wrong"),
                    };
                    e.set_text_content(Some(&text));
                }
                if let Some(i) = part(root, "pin-input").and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                    i.set_value("");
                }
                focus(root, "[data-part=\"pin-input\"]");
                refresh_test_content(key);
            }
        }
        _ => {}
    }
}

fn refresh_test_content(key: &Key) {
    if !test_mode() {
        return;
    }
    SHOWN.with(|s| {
        if let Some(x) = s.borrow().get(key) {
            if let Ok(desc) = render::describe(&x.root) {
                let _ = x.host.set_attribute("data-saavdhan-content", &desc);
            }
        }
    });
}

/// "Hide for now": this warning (its level and stage) goes, on this page and
/// later ones; a later stage shows again.
fn hide_for_now(data: &Owned) {
    let r = memory::rank(data.assessment.level, data.assessment.stage);
    HIDDEN_NOW.with(|h| {
        let mut h = h.borrow_mut();
        match h.iter_mut().find(|(k, _)| *k == data.contact_key) {
            Some((_, e)) => *e = (*e).max(r),
            None => h.push((data.contact_key.clone(), r)),
        }
    });
    let changed = MEMORY.with(|m| {
        m.borrow_mut().as_mut().map(|m| {
            let c = m.contacts.entry(data.contact_key.clone()).or_default();
            c.hidden_rank = Some(c.hidden_rank.map_or(r, |x| x.max(r)));
        })
    });
    if changed.is_some() {
        save_memory();
    }
    remove_contact(&data.contact_key);
}

/// "I really know this person": remembered in Settings.known_people (read
/// whole from chrome.storage.local, changed, written back); the warnings that
/// trust may silence go now, the others stay (with the question closed).
fn mark_known(data: Owned) {
    KNOWN_HERE.with(|k| {
        let mut k = k.borrow_mut();
        if !k.contains(&data.contact_key) {
            k.push(data.contact_key.clone());
        }
    });
    let keys = shown_keys(Some(&data.contact_key));
    for k in keys {
        let off = SHOWN.with(|s| {
            s.borrow_mut().get_mut(&k).is_some_and(|x| {
                x.panel = Panel::None;
                suppressed(&x.data.contact_key, &x.data.assessment, &x.data.settings, &x.data.conversation)
            })
        });
        if off {
            remove(&k);
        } else {
            let _ = rerender(&k);
        }
    }
    wasm_bindgen_futures::spawn_local(async move {
        // Never written over settings of a newer version (settings_io::update).
        let name = data.conversation.contact.name.clone();
        let _ = crate::web::settings_io::update(|s| s.add_known(&data.contact_key, &name)).await;
    });
}

/// Builds the evidence kit and saves it as one HTML file through
/// Blob + object URL + `<a download>`: no network.
fn save_evidence(d: &Owned) -> Result<(), JsValue> {
    let lang = i18n::language_for(d.settings.language);
    let now = now_rfc3339();
    // getTimezoneOffset is minutes WEST of UTC (India: -330).
    let offset = -(js_sys::Date::new_0().get_timezone_offset() as i32);
    let kit = evidence::build(lang, d.settings.region, &d.conversation, &d.assessment, &d.page_url, &now, offset);
    let stem = evidence::file_stem(&d.conversation.contact.name, &now);
    // One file (issue 13): the readable page, with the JSON inside it.
    download(&format!("{stem}.html"), &evidence::to_html(lang, &kit), "text/html;charset=utf-8")?;
    Ok(())
}

fn download(name: &str, content: &str, mime: &str) -> Result<(), JsValue> {
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_attribute("hidden", "")?;
    let body = doc.body().ok_or("no body")?;
    body.append_child(&a)?;
    a.click();
    a.remove();
    // Revoke later: the download must have started reading the blob first.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}
