//! The options page (extension/pages/options.html): the family's settings.
//! Managed (policy) values are shown locked; a family PIN locks everything
//! until it is typed; "delete all data" clears chrome.storage.local after a
//! confirmation.
use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Event, HtmlInputElement, HtmlSelectElement, KeyboardEvent};

use super::texts::Texts;
use super::{by_id, document, set_hidden, set_status, spawn};
use crate::state::settings::{
    ContactError, Language, PinError, PinHash, Region, Sensitivity, TrustedContact,
};
use crate::state::pin::PinCheck;
use crate::web::settings_io::{self, Loaded};

struct Page {
    doc: Document,
    loaded: Loaded,
    texts: Texts,
    /// The right PIN was typed on this page (kept in memory only).
    unlocked: bool,
}

type Shared = Rc<RefCell<Page>>;

pub fn start() -> Result<(), JsValue> {
    let doc = document()?;
    spawn(async move {
        let loaded = settings_io::load_all().await;
        let texts = Texts::load(loaded.effective.language).await;
        texts.apply(&doc);
        let page = Rc::new(RefCell::new(Page { doc: doc.clone(), loaded, texts, unlocked: false }));
        render(&page.borrow())?;
        wire(&page)?;
        by_id::<Element>(&doc, "app")?.set_attribute("aria-busy", "false")?;
        Ok(())
    });
    Ok(())
}

fn t(p: &Page, key: &str) -> String {
    p.texts.text(key, &[])
}

fn set_disabled(el: &Element, disabled: bool) {
    if disabled {
        let _ = el.set_attribute("disabled", "");
    } else {
        let _ = el.remove_attribute("disabled");
    }
}

fn render(p: &Page) -> Result<(), JsValue> {
    let doc = &p.doc;
    let s = &p.loaded.effective;
    let locks = p.loaded.locks;
    let pin_locked = p.loaded.local.pin.is_some() && !p.unlocked;
    let read_only = p.loaded.report.read_only();

    set_hidden(&by_id(doc, "corrupt-note")?, !p.loaded.local_was_corrupted);
    set_hidden(&by_id(doc, "managed-note")?, !locks.any());
    render_storage(p)?;
    set_hidden(&by_id(doc, "lock-panel")?, !pin_locked || p.loaded.local.pin_broken());
    set_disabled(&by_id(doc, "settings-fields")?, pin_locked || read_only);
    set_disabled(&by_id(doc, "other-fields")?, pin_locked || locks.everything_else || read_only);

    let language: HtmlSelectElement = by_id(doc, "language")?;
    language.set_value(s.language.map(Language::code).unwrap_or(""));
    language.set_disabled(locks.language);
    let region: HtmlSelectElement = by_id(doc, "region")?;
    region.set_value(s.region.code());
    region.set_disabled(locks.region);

    let name: HtmlInputElement = by_id(doc, "contact-name")?;
    let phone: HtmlInputElement = by_id(doc, "contact-phone")?;
    name.set_value(s.trusted_contact.as_ref().map(|c| c.name.as_str()).unwrap_or(""));
    phone.set_value(s.trusted_contact.as_ref().map(|c| c.phone.as_str()).unwrap_or(""));
    name.set_disabled(locks.trusted_contact);
    phone.set_disabled(locks.trusted_contact);

    let standard: HtmlInputElement = by_id(doc, "sens-standard")?;
    let cautious: HtmlInputElement = by_id(doc, "sens-cautious")?;
    standard.set_checked(s.sensitivity == Sensitivity::Standard);
    cautious.set_checked(s.sensitivity == Sensitivity::Cautious);
    standard.set_disabled(locks.sensitivity);
    cautious.set_disabled(locks.sensitivity);

    let all_locked = locks.language && locks.region && locks.trusted_contact && locks.sensitivity;
    by_id::<web_sys::HtmlButtonElement>(doc, "save")?.set_disabled(all_locked);

    let notes = doc.query_selector_all("[data-lock-for]")?;
    for i in 0..notes.length() {
        let Some(el) = notes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let locked = match el.get_attribute("data-lock-for").as_deref() {
            Some("language") => locks.language,
            Some("region") => locks.region,
            Some("trusted_contact") => locks.trusted_contact,
            Some("sensitivity") => locks.sensitivity,
            _ => false,
        };
        set_hidden(&el, !locked);
    }

    render_known(p)?;

    let has_pin = p.loaded.local.pin.is_some();
    let pin_state = by_id::<Element>(doc, "pin-state")?;
    set_status(&pin_state, &t(p, if has_pin { "opt_pin_is_set" } else { "opt_pin_not_set" }), true);
    by_id::<Element>(doc, "set-pin")?.set_text_content(Some(&t(p, if has_pin { "opt_change_pin" } else { "opt_set_pin" })));
    set_hidden(&by_id(doc, "remove-pin")?, !has_pin);
    set_hidden(&by_id(doc, "lock-now")?, !has_pin);
    by_id::<HtmlInputElement>(doc, "pin-locks-dismiss")?.set_checked(p.loaded.local.pin_locks_dismiss);
    Ok(())
}

/// What reading the stored settings found: a newer version (kept, read-only),
/// a broken PIN record (with the reset), policy values that could not be used.
fn render_storage(p: &Page) -> Result<(), JsValue> {
    let doc = &p.doc;
    let r = &p.loaded.report;
    set_hidden(&by_id(doc, "storage-newer-note")?, !r.read_only());
    let broken = p.loaded.local.pin_broken();
    set_hidden(&by_id(doc, "pin-broken-panel")?, !broken);
    by_id::<web_sys::HtmlButtonElement>(doc, "pin-reset")?.set_disabled(!broken || r.read_only() || p.loaded.locks.everything_else);
    let bad = &p.loaded.managed_problems;
    let note: Element = by_id(doc, "storage-managed-bad")?;
    set_hidden(&note, bad.is_empty());
    if !bad.is_empty() {
        note.set_text_content(Some(&p.texts.text("storage_managed_bad", &[("keys", &bad.join(", "))])));
    }
    Ok(())
}

fn render_known(p: &Page) -> Result<(), JsValue> {
    let doc = &p.doc;
    let list: Element = by_id(doc, "known-list")?;
    list.set_text_content(None);
    let people = &p.loaded.local.known_people;
    set_hidden(&by_id(doc, "known-empty")?, !people.is_empty());
    for person in people {
        let li = doc.create_element("li")?;
        let name = doc.create_element("span")?;
        name.set_text_content(Some(&person.name));
        let button = doc.create_element("button")?;
        button.set_attribute("type", "button")?;
        button.set_attribute("data-remove-known", &person.key)?;
        button.set_text_content(Some(&t(p, "opt_remove")));
        button.set_attribute("aria-label", &p.texts.text("opt_remove_known", &[("name", &person.name)]))?;
        li.append_child(&name)?;
        li.append_child(&button)?;
        list.append_child(&li)?;
    }
    Ok(())
}

fn on<F>(el: &Element, event: &str, f: F) -> Result<(), JsValue>
where
    F: FnMut(Event) + 'static,
{
    let cb = Closure::<dyn FnMut(Event)>::new(f);
    el.add_event_listener_with_callback(event, cb.as_ref().unchecked_ref())?;
    cb.forget(); // the page lives as long as these listeners
    Ok(())
}

fn wire(page: &Shared) -> Result<(), JsValue> {
    let doc = page.borrow().doc.clone();

    let pg = page.clone();
    on(&by_id(&doc, "unlock")?, "click", move |_| unlock(&pg))?;
    let pg = page.clone();
    on(&by_id(&doc, "unlock-pin")?, "keydown", move |e| {
        if e.dyn_ref::<KeyboardEvent>().is_some_and(|k| k.key() == "Enter") {
            e.prevent_default();
            unlock(&pg);
        }
    })?;

    let pg = page.clone();
    on(&by_id(&doc, "settings-form")?, "submit", move |e| {
        e.prevent_default();
        let pg = pg.clone();
        spawn(async move { save_main(&pg).await });
    })?;

    let pg = page.clone();
    on(&by_id(&doc, "known-list")?, "click", move |e| {
        let key = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|el| el.get_attribute("data-remove-known"));
        if let Some(key) = key {
            let pg = pg.clone();
            spawn(async move {
                let local = {
                    let mut p = pg.borrow_mut();
                    if !may_change(&p) {
                        return Ok(());
                    }
                    p.loaded.local.remove_known(&key);
                    p.loaded.effective.remove_known(&key);
                    p.loaded.local.clone()
                };
                settings_io::save(&local).await?;
                let p = pg.borrow();
                render(&p)?;
                // Keep keyboard focus on the list rather than losing it with the removed button.
                if let Some(first) = p.doc.query_selector("#known-list button")? {
                    let _ = first.dyn_into::<web_sys::HtmlElement>().map(|b| b.focus());
                }
                Ok(())
            });
        }
    })?;

    let pg = page.clone();
    on(&by_id(&doc, "set-pin")?, "click", move |_| {
        let pg = pg.clone();
        spawn(async move { set_pin(&pg).await });
    })?;
    let pg = page.clone();
    on(&by_id(&doc, "pin-locks-dismiss")?, "change", move |_| {
        let pg = pg.clone();
        spawn(async move {
            let local = {
                let mut p = pg.borrow_mut();
                if !may_change(&p) || p.loaded.local.pin.is_none() {
                    return Ok(()); // applied when the PIN is set
                }
                let checked = by_id::<HtmlInputElement>(&p.doc, "pin-locks-dismiss")?.checked();
                p.loaded.local.pin_locks_dismiss = checked;
                p.loaded.effective.pin_locks_dismiss = checked;
                p.loaded.local.clone()
            };
            settings_io::save(&local).await
        });
    })?;
    let pg = page.clone();
    on(&by_id(&doc, "remove-pin")?, "click", move |_| {
        let pg = pg.clone();
        spawn(async move {
            let local = {
                let mut p = pg.borrow_mut();
                if !may_change(&p) {
                    return Ok(());
                }
                p.loaded.local.pin = None;
                p.loaded.effective.pin = None;
                p.loaded.local.clone()
            };
            settings_io::save(&local).await?;
            let p = pg.borrow();
            render(&p)?;
            set_status(&by_id(&p.doc, "pin-status")?, &t(&p, "opt_pin_removed"), true);
            Ok(())
        });
    })?;
    let pg = page.clone();
    on(&by_id(&doc, "pin-reset")?, "click", move |_| {
        let pg = pg.clone();
        spawn(async move { reset_broken_pin(&pg).await });
    })?;
    let pg = page.clone();
    on(&by_id(&doc, "lock-now")?, "click", move |_| {
        let mut p = pg.borrow_mut();
        p.unlocked = false;
        let _ = render(&p);
        if let Ok(input) = by_id::<HtmlInputElement>(&p.doc, "unlock-pin") {
            let _ = input.focus();
        }
    })?;

    let pg = page.clone();
    on(&by_id(&doc, "delete-all")?, "click", move |_| {
        let p = pg.borrow();
        if let Ok(panel) = by_id::<Element>(&p.doc, "delete-confirm") {
            set_hidden(&panel, false);
        }
        if let Ok(no) = by_id::<web_sys::HtmlElement>(&p.doc, "delete-no") {
            let _ = no.focus();
        }
    })?;
    let pg = page.clone();
    on(&by_id(&doc, "delete-no")?, "click", move |_| {
        let p = pg.borrow();
        if let Ok(panel) = by_id::<Element>(&p.doc, "delete-confirm") {
            set_hidden(&panel, true);
        }
        if let Ok(b) = by_id::<web_sys::HtmlElement>(&p.doc, "delete-all") {
            let _ = b.focus();
        }
    })?;
    let pg = page.clone();
    on(&by_id(&doc, "delete-yes")?, "click", move |_| {
        let pg = pg.clone();
        spawn(async move { delete_everything(&pg).await });
    })?;
    Ok(())
}

/// Changes are allowed when no PIN is set or it was typed, and policy does not lock everything.
fn may_change(p: &Page) -> bool {
    (p.loaded.local.pin.is_none() || p.unlocked) && !p.loaded.locks.everything_else && !p.loaded.report.read_only()
}

fn unlock(page: &Shared) {
    let pg = page.clone();
    spawn(async move {
        let (doc, pin) = {
            let p = pg.borrow();
            (p.doc.clone(), p.loaded.local.pin.clone())
        };
        let input: HtmlInputElement = by_id(&doc, "unlock-pin")?;
        let status: Element = by_id(&doc, "unlock-status")?;
        let typed = input.value();
        input.set_value("");
        let check = match &pin {
            Some(pin) => settings_io::check_pin(pin, &typed).await,
            None => PinCheck::Right,
        };
        // A PIN record of an older kind was rewritten by check_pin: read it again.
        let reloaded = if check == PinCheck::Right && pin.as_ref().is_some_and(PinHash::needs_upgrade) {
            Some(settings_io::load_all().await)
        } else {
            None
        };
        let mut p = pg.borrow_mut();
        match check {
            PinCheck::Right => {
                p.unlocked = true;
                if let Some(loaded) = reloaded {
                    p.loaded = loaded;
                }
                set_status(&status, "", true);
                render(&p)?;
                if let Ok(first) = by_id::<web_sys::HtmlElement>(&p.doc, "language") {
                    let _ = first.focus();
                }
            }
            PinCheck::Wrong => {
                set_status(&status, &t(&p, "opt_unlock_wrong"), false);
                let _ = input.focus();
            }
            PinCheck::Wait(ms) => {
                let secs = ((ms / 1000.0).ceil() as u64).to_string();
                set_status(&status, &p.texts.text("storage_pin_wait", &[("seconds", &secs)]), false);
                let _ = input.focus();
            }
        }
        Ok(())
    });
}

async fn save_main(page: &Shared) -> Result<(), JsValue> {
    let (local, language_changed) = {
        let mut p = page.borrow_mut();
        if p.loaded.local.pin.is_some() && !p.unlocked {
            return Ok(());
        }
        let doc = p.doc.clone();
        let locks = p.loaded.locks;
        let contact_error: Element = by_id(&doc, "contact-error")?;
        let mut local = p.loaded.local.clone();
        if !locks.trusted_contact {
            let name = by_id::<HtmlInputElement>(&doc, "contact-name")?.value();
            let phone = by_id::<HtmlInputElement>(&doc, "contact-phone")?.value();
            if name.trim().is_empty() && phone.trim().is_empty() {
                local.trusted_contact = None;
            } else {
                match TrustedContact::validated(&name, &phone) {
                    Ok(c) => local.trusted_contact = Some(c),
                    Err(e) => {
                        let (key, field) = match e {
                            ContactError::NameMissing => ("opt_contact_name_missing", "contact-name"),
                            ContactError::NameTooLong => ("opt_contact_name_long", "contact-name"),
                            ContactError::PhoneInvalid => ("opt_contact_phone_invalid", "contact-phone"),
                        };
                        set_status(&contact_error, &t(&p, key), false);
                        let input: HtmlInputElement = by_id(&doc, field)?;
                        input.set_attribute("aria-invalid", "true")?;
                        let _ = input.focus();
                        set_status(&by_id(&doc, "save-status")?, "", true);
                        return Ok(());
                    }
                }
            }
        }
        set_status(&contact_error, "", true);
        for id in ["contact-name", "contact-phone"] {
            by_id::<Element>(&doc, id)?.remove_attribute("aria-invalid")?;
        }
        if !locks.language {
            local.language = Language::from_code(&by_id::<HtmlSelectElement>(&doc, "language")?.value());
        }
        if !locks.region {
            if let Some(r) = Region::from_code(&by_id::<HtmlSelectElement>(&doc, "region")?.value()) {
                local.region = r;
            }
        }
        if !locks.sensitivity {
            local.sensitivity = if by_id::<HtmlInputElement>(&doc, "sens-cautious")?.checked() {
                Sensitivity::Cautious
            } else {
                Sensitivity::Standard
            };
        }
        let before = p.loaded.effective.language;
        p.loaded.local = local.clone();
        let (effective, _) = crate::state::settings::apply_managed(&local, &p.loaded.managed);
        let changed = effective.language != before;
        p.loaded.effective = effective;
        (local, changed)
    };
    let saved = settings_io::save(&local).await;
    if language_changed {
        let lang = page.borrow().loaded.effective.language;
        let texts = Texts::load(lang).await;
        let mut p = page.borrow_mut();
        texts.apply(&p.doc);
        p.texts = texts;
    }
    let p = page.borrow();
    render(&p)?;
    let status: Element = by_id(&p.doc, "save-status")?;
    match saved {
        Ok(()) => set_status(&status, &t(&p, "opt_saved"), true),
        Err(e) => {
            set_status(&status, &t(&p, "opt_save_failed"), false);
            return Err(e);
        }
    }
    Ok(())
}

async fn set_pin(page: &Shared) -> Result<(), JsValue> {
    let local = {
        let mut p = page.borrow_mut();
        if !may_change(&p) {
            return Ok(());
        }
        let doc = p.doc.clone();
        let status: Element = by_id(&doc, "pin-status")?;
        let first: HtmlInputElement = by_id(&doc, "new-pin")?;
        let again: HtmlInputElement = by_id(&doc, "new-pin-again")?;
        if first.value() != again.value() {
            set_status(&status, &t(&p, "opt_pin_mismatch"), false);
            again.set_value("");
            let _ = again.focus();
            return Ok(());
        }
        let salt = settings_io::random_bytes(16)?;
        match PinHash::new(first.value().trim(), &salt) {
            Ok(hash) => {
                p.loaded.local.pin = Some(hash.clone());
                p.loaded.effective.pin = Some(hash);
            }
            Err(PinError::Format) | Err(PinError::Salt) => {
                set_status(&status, &t(&p, "opt_pin_format"), false);
                let _ = first.focus();
                return Ok(());
            }
        }
        let dismiss = by_id::<HtmlInputElement>(&doc, "pin-locks-dismiss")?.checked();
        p.loaded.local.pin_locks_dismiss = dismiss;
        p.loaded.effective.pin_locks_dismiss = dismiss;
        first.set_value("");
        again.set_value("");
        // Whoever set the PIN keeps the page open until "Lock now" or closing it.
        p.unlocked = true;
        p.loaded.local.clone()
    };
    settings_io::save(&local).await?;
    let p = page.borrow();
    render(&p)?;
    set_status(&by_id(&p.doc, "pin-status")?, &t(&p, "opt_pin_saved"), true);
    Ok(())
}

async fn delete_everything(page: &Shared) -> Result<(), JsValue> {
    if !may_change(&page.borrow()) {
        return Ok(());
    }
    let result = settings_io::delete_all().await;
    let loaded = settings_io::load_all().await;
    let mut p = page.borrow_mut();
    p.loaded = loaded;
    p.unlocked = false;
    render(&p)?;
    set_hidden(&by_id(&p.doc, "delete-confirm")?, true);
    let status: Element = by_id(&p.doc, "delete-status")?;
    match result {
        Ok(()) => set_status(&status, &t(&p, "opt_deleted"), true),
        Err(e) => {
            set_status(&status, &t(&p, "opt_delete_failed"), false);
            return Err(e);
        }
    }
    if let Ok(b) = by_id::<web_sys::HtmlElement>(&p.doc, "delete-all") {
        let _ = b.focus();
    }
    Ok(())
}

/// The documented recovery for a PIN record that cannot be checked (README, "If
/// the PIN is forgotten"): it is removed, so that the family can set a new one.
/// Offered only while the stored record is broken (a working PIN is never reset here).
async fn reset_broken_pin(page: &Shared) -> Result<(), JsValue> {
    let local = {
        let mut p = page.borrow_mut();
        if !p.loaded.local.pin_broken() || p.loaded.report.read_only() || p.loaded.locks.everything_else {
            return Ok(());
        }
        p.loaded.local.pin = None;
        p.loaded.effective.pin = None;
        p.loaded.report.pin_broken = false;
        p.unlocked = false;
        p.loaded.local.clone()
    };
    let saved = settings_io::save(&local).await;
    let p = page.borrow();
    render(&p)?;
    let status: Element = by_id(&p.doc, "pin-status")?;
    match saved {
        Ok(()) => set_status(&status, &t(&p, "storage_pin_reset_done"), true),
        Err(e) => {
            set_status(&status, &t(&p, "opt_save_failed"), false);
            return Err(e);
        }
    }
    if let Ok(b) = by_id::<web_sys::HtmlElement>(&p.doc, "new-pin") {
        let _ = b.focus();
    }
    Ok(())
}
