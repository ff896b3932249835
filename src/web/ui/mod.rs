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
//! `data-saavdhan-level`, `data-saavdhan-stage`, `lang`, and `data-saavdhan-look`
//! (which of the rotating looks, set once the showing is recorded).
//! On test pages (root element has `data-saavdhan-test`) it also carries
//! `data-saavdhan-content` (JSON of what the shadow root shows) and answers the
//! events `saavdhan-test-save`, `saavdhan-test-known`, `saavdhan-test-focus-save`.
//!
//! Pure parts (natively tested in `tests/warning_ui.rs`): `compose` (words),
//! `palette` (colours, WCAG contrast), `links` (report targets), `evidence`
//! (the evidence kit), `memory` (look rotation, 24-hour danger lock).
pub mod compose;
pub mod evidence;
pub mod links;
pub mod memory;
pub mod palette;
mod render;

use crate::engine::{Assessment, Conversation, Level};
use crate::state::settings::Settings;
use crate::web::i18n::{self, t};
use crate::web::storage::{self, Area};
use memory::{Hide, Memory, MEMORY_KEY};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
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
    /// The look index, once the showing was recorded in the memory.
    look: Option<u32>,
}

type Key = (String, Placement);

thread_local! {
    static SHOWN: RefCell<HashMap<Key, Shown>> = RefCell::new(HashMap::new());
    /// `None` until read from storage.
    static MEMORY: RefCell<Option<Memory>> = const { RefCell::new(None) };
    static LOADING: RefCell<bool> = const { RefCell::new(false) };
    /// Contacts hidden with "I know this person" on this page (the controller's
    /// settings may be older than the click). Only allowed hiding puts a key here.
    static HIDDEN: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn test_mode() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|e| e.has_attribute("data-saavdhan-test"))
}

fn level_name(l: Level) -> &'static str {
    match l {
        Level::None => "none",
        Level::Notice => "notice",
        Level::Warning => "warning",
        Level::Danger => "danger",
    }
}

fn stage_name(s: crate::engine::Stage) -> String {
    serde_json::to_value(s).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn contact_memory(key: &str) -> memory::ContactMemory {
    MEMORY.with(|m| m.borrow().as_ref().map(|m| m.get(key)).unwrap_or_default())
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
    let hidden_here = HIDDEN.with(|h| h.borrow().contains(ctx.contact_key));
    let known = ctx.settings.is_known(ctx.contact_key);
    if level == Level::None
        || ctx.contact_key.is_empty()
        || hidden_here
        || memory::hidden_as_known(level, known, &contact_memory(ctx.contact_key), now_ms())
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
    listen(&host, &root, key.clone())?;
    place(&host, anchor, placement)?;
    let look = MEMORY.with(|m| {
        m.borrow_mut().as_mut().map(|m| m.record_showing(&data.contact_key, level, now_ms()))
    });
    if look.is_some() {
        save_memory();
    }
    SHOWN.with(|s| {
        s.borrow_mut().insert(key.clone(), Shown { host, root, data, signature: sig, look });
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
        let now_day = compose::day_number(&crate::web::ui::now_rfc3339()).unwrap_or(0);
        let text = compose::compose(lang, &d.conversation, &d.assessment, now_day);
        let look = x.look.unwrap_or(0);
        let view = render::View {
            level: d.assessment.level,
            lang,
            text: &text,
            palette: palette::palette(d.assessment.level, look),
            settings: &d.settings,
            profile_url: d.conversation.contact.profile_url.as_deref(),
            hide: hide_state(d),
        };
        render::render(&doc, &x.root, &view)?;
        x.host.set_attribute("data-saavdhan-level", level_name(d.assessment.level))?;
        x.host.set_attribute("data-saavdhan-stage", &stage_name(d.assessment.stage))?;
        // Set once the showing is recorded in the memory (tests wait for it).
        if x.look.is_some() {
            x.host.set_attribute("data-saavdhan-look", &(look % palette::LOOKS as u32).to_string())?;
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

fn remove_contact(contact_key: &str) {
    let keys: Vec<Key> = SHOWN.with(|s| s.borrow().keys().filter(|k| k.0 == contact_key).cloned().collect());
    for k in keys {
        remove(&k);
    }
}

/// Removes every warning this script added (on navigation to another page).
pub fn remove_all() {
    let all: Vec<Shown> = SHOWN.with(|s| s.borrow_mut().drain().map(|(_, v)| v).collect());
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
        // Record the warnings that appeared before the memory was read.
        let keys: Vec<Key> = SHOWN.with(|s| s.borrow().iter().filter(|(_, x)| x.look.is_none()).map(|(k, _)| k.clone()).collect());
        for k in &keys {
            SHOWN.with(|s| {
                if let Some(x) = s.borrow_mut().get_mut(k) {
                    x.look = Some(mem.record_showing(&x.data.contact_key, x.data.assessment.level, now_ms()));
                }
            });
        }
        MEMORY.with(|m| *m.borrow_mut() = Some(mem));
        save_memory();
        let all: Vec<Key> = SHOWN.with(|s| s.borrow().keys().cloned().collect());
        for k in all {
            // The hide state may have changed (danger older than 24 hours).
            SHOWN.with(|s| {
                if let Some(x) = s.borrow_mut().get_mut(&k) {
                    x.signature = signature(&x.data, hide_state(&x.data));
                }
            });
            let hide_known = SHOWN.with(|s| {
                s.borrow().get(&k).is_some_and(|x| {
                    let d = &x.data;
                    memory::hidden_as_known(d.assessment.level, d.settings.is_known(&d.contact_key), &contact_memory(&d.contact_key), now_ms())
                })
            });
            if hide_known {
                remove(&k);
            } else {
                let _ = rerender(&k);
            }
        }
    });
}

fn save_memory() {
    let Some(mem) = MEMORY.with(|m| m.borrow().clone()) else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let _ = storage::set_making_room(MEMORY_KEY, &serde_json::to_value(&mem).unwrap_or_default()).await;
    });
}

/// One delegated listener per host (clicks inside the shadow root), plus the
/// test-page events.
fn listen(host: &Element, root: &ShadowRoot, key: Key) -> Result<(), JsValue> {
    let k = key.clone();
    let r = root.clone();
    let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let action = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("[data-action]").ok().flatten())
            .and_then(|e| e.get_attribute("data-action"));
        if let Some(action) = action {
            act(&k, &r, &action);
        }
    });
    root.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
    on_click.forget();
    if test_mode() {
        for (event, action) in [("saavdhan-test-save", "save"), ("saavdhan-test-known", "known"), ("saavdhan-test-focus-save", "focus-save")] {
            let k = key.clone();
            let r = root.clone();
            let f = Closure::<dyn FnMut(web_sys::Event)>::new(move |_ev: web_sys::Event| act(&k, &r, action));
            host.add_event_listener_with_callback(event, f.as_ref().unchecked_ref())?;
            f.forget();
        }
    }
    Ok(())
}

fn part(root: &ShadowRoot, name: &str) -> Option<Element> {
    root.query_selector(&format!("[data-part=\"{name}\"]")).ok().flatten()
}

fn act(key: &Key, root: &ShadowRoot, action: &str) {
    let Some(data) = SHOWN.with(|s| s.borrow().get(key).map(|x| x.data.clone())) else { return };
    match action {
        "save" => {
            let ok = save_evidence(&data).is_ok();
            if let Some(p) = part(root, "saved") {
                let lang = i18n::language_for(data.settings.language);
                p.set_text_content(Some(&t(lang, if ok { "evidence_saved" } else { "evidence_failed" })));
            }
            refresh_test_content(key);
        }
        "focus-save" => {
            if let Some(b) = root.query_selector("[data-action=\"save\"]").ok().flatten() {
                if let Ok(b) = b.dyn_into::<HtmlElement>() {
                    let _ = b.focus();
                }
            }
        }
        "known" => match hide_state(&data) {
            Hide::Locked => {}
            Hide::Allowed => mark_known(data),
            Hide::NeedsPin => {
                crate::web::settings_io::preload_pin_tries();
                if let Some(p) = part(root, "pin") {
                    let _ = p.remove_attribute("hidden");
                    if let Some(i) = part(root, "pin-input").and_then(|i| i.dyn_into::<HtmlElement>().ok()) {
                        let _ = i.focus();
                    }
                }
                refresh_test_content(key);
            }
        },
        "pin-ok" => {
            let typed = part(root, "pin-input")
                .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|i| i.value())
                .unwrap_or_default();
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
                mark_known(data);
            } else if let Some(e) = part(root, "pin-error") {
                let lang = i18n::language_for(data.settings.language);
                let text = match check {
                    crate::state::pin::PinCheck::Wait(ms) => {
                        i18n::tr(lang, "storage_pin_wait", &[&((ms / 1000.0).ceil() as u64).to_string()])
                    }
                    _ => t(lang, "pin_wrong"),
                };
                e.set_text_content(Some(&text));
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

/// Hides this contact's warnings now and remembers it in Settings.known_people
/// (read whole from chrome.storage.local, changed, written back).
fn mark_known(data: Owned) {
    HIDDEN.with(|h| h.borrow_mut().insert(data.contact_key.clone()));
    remove_contact(&data.contact_key);
    wasm_bindgen_futures::spawn_local(async move {
        // Never written over settings of a newer version (settings_io::update).
        let name = data.conversation.contact.name.clone();
        let _ = crate::web::settings_io::update(|s| s.add_known(&data.contact_key, &name)).await;
    });
}

/// Builds the evidence kit and saves it as two files (HTML + JSON) through
/// Blob + object URL + `<a download>`: no network.
fn save_evidence(d: &Owned) -> Result<(), JsValue> {
    let lang = i18n::language_for(d.settings.language);
    let now = now_rfc3339();
    let kit = evidence::build(lang, d.settings.region, &d.conversation, &d.assessment, &d.page_url, &now);
    let stem = evidence::file_stem(&d.conversation.contact.name, &now);
    download(&format!("{stem}.html"), &evidence::to_html(lang, &kit), "text/html;charset=utf-8")?;
    download(&format!("{stem}.json"), &evidence::to_json(&kit), "application/json")?;
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
