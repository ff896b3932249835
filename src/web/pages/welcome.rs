//! The welcome and practice page (extension/pages/welcome.html), opened once
//! on install (extension/background.js, `runtime.onInstalled`): the language,
//! the family's settings (the options page, framed, with plain explanations),
//! how to pin the icon, and a sample warning of each level in the chosen
//! language, drawn by the same code as on Facebook, with no Facebook page.
use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlSelectElement, ShadowRoot};

use super::texts::Texts;
use super::{by_id, document, spawn};
use crate::engine::{Assessment, Contact, Conversation, Evidence, FriendStatus, Level, Message, MessageKind, Sender, Stage};
use crate::state::settings::{Language, Settings, SETTINGS_KEY};
use crate::web::settings_io;
use crate::web::storage::{self, Area};
use crate::web::ui::{compose, memory::Hide, palette, render};

thread_local! {
    static SAMPLE_ROOT: RefCell<Option<ShadowRoot>> = const { RefCell::new(None) };
}

pub fn start() -> Result<(), JsValue> {
    let doc = document()?;
    spawn(async move {
        let loaded = settings_io::load_all().await;
        let texts = Texts::load(loaded.effective.language).await;
        texts.apply(&doc);
        let select: HtmlSelectElement = by_id(&doc, "welcome-language")?;
        select.set_value(texts.lang.code());
        // The language is chosen here only while nothing locks it (a PIN or the
        // family's policy); else the framed options page says why.
        let locked = loaded.local.pin.is_some() || loaded.locks.language;
        select.set_disabled(locked);
        let on_change = gloo_events::EventListener::new(&select, "change", {
            let select = select.clone();
            move |_| {
                let code = select.value();
                spawn(async move { save_language(&code).await });
            }
        });
        on_change.forget(); // lives as long as the page
        for level in [Level::Notice, Level::Warning, Level::Danger] {
            let button: Element = by_id(&doc, &format!("show-{}", level_name(level)))?;
            let settings = loaded.effective.clone();
            let lang = texts.lang;
            let doc2 = doc.clone();
            gloo_events::EventListener::new(&button, "click", move |_| {
                let _ = show_sample(&doc2, lang, &settings, level);
            })
            .forget(); // lives as long as the page
        }
        by_id::<Element>(&doc, "app")?.set_attribute("aria-busy", "false")?;
        Ok(())
    });
    Ok(())
}

/// Saves the chosen language (read whole, changed, written back) and loads
/// the page again in it.
async fn save_language(code: &str) -> Result<(), JsValue> {
    let raw = storage::get_raw(Area::Local, SETTINGS_KEY).await.unwrap_or(JsValue::UNDEFINED);
    let value: serde_json::Value = storage::value_from_js(&raw).unwrap_or(serde_json::Value::Null);
    let mut s = Settings::from_stored(&value);
    if s.pin.is_some() {
        return Ok(());
    }
    s.language = match code {
        "en" => Some(Language::En),
        "hi" => Some(Language::Hi),
        "mr" => Some(Language::Mr),
        _ => None,
    };
    settings_io::save(&s).await?;
    web_sys::window().ok_or("no window")?.location().reload()
}

fn level_name(l: Level) -> &'static str {
    match l {
        Level::Danger => "danger",
        Level::Warning => "warning",
        _ => "notice",
    }
}

/// A made-up contact and conversation that reach `level` (no engine needed:
/// the assessment is written out).
pub fn sample(level: Level) -> (Conversation, Assessment) {
    let msg = |text: &str| Message { from: Sender::Them, at: None, kind: MessageKind::Text, text: Some(text.to_string()), author: None };
    let contact = Contact {
        name: "Priya Sharma".into(),
        profile_url: None,
        friend_status: FriendStatus::RequestReceived,
        friends_since: None,
        mutual_friends: Some(0),
        friend_count: None,
        joined: None,
        lives_in: None,
        ..Contact::named(String::new())
    };
    // The stranger's words, quoted in the sample as such a stranger writes them.
    let messages = vec![
        msg("Good morning dear 🌹"), // i18n-exempt
        msg("Please share your WhatsApp number"), // i18n-exempt
        msg("Pay 10000 rupees now or I will send your video to your family"), // i18n-exempt
    ];
    let ev = |i: usize, stage: Stage, matched: &str| Evidence { message: Some(i), stage, rule: String::new(), matched: matched.into() };
    let (stage, evidence) = match level {
        Level::Danger => (Stage::Extortion, vec![ev(1, Stage::OffPlatform, "WhatsApp number"), ev(2, Stage::Extortion, "pay")]),
        Level::Warning => (Stage::OffPlatform, vec![ev(1, Stage::OffPlatform, "WhatsApp number")]),
        _ => (Stage::Contact, Vec::new()),
    };
    let shown = match level {
        Level::Danger => 3,
        Level::Warning => 2,
        _ => 1,
    };
    let conv = Conversation { contact, messages: messages.into_iter().take(shown).collect() };
    (conv, Assessment { level, stage, evidence, first_warning_at: None })
}

/// Draws the sample of `level` into #sample (a closed shadow root, as on
/// Facebook). Its description is on the host for the tests: this is the
/// extension's own page, no site can read it.
fn show_sample(doc: &Document, lang: Language, settings: &Settings, level: Level) -> Result<(), JsValue> {
    let host: Element = by_id(doc, "sample")?;
    let root = SAMPLE_ROOT.with(|r| {
        let mut r = r.borrow_mut();
        if r.is_none() {
            let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Closed);
            *r = host.attach_shadow(&init).ok();
        }
        r.clone()
    });
    let root = root.ok_or("no shadow root")?;
    let (conv, a) = sample(level);
    let text = compose::compose(lang, &conv, &a, 0);
    let view = render::View {
        level,
        lang,
        text: &text,
        palette: palette::palette(level),
        settings,
        profile_url: None,
        hide: if level == Level::Danger { Hide::Locked } else { Hide::Allowed },
        panel: render::Panel::None,
    };
    render::render(doc, &root, &view)?;
    host.set_attribute("data-saavdhan-level", level_name(level))?;
    host.set_attribute("lang", crate::web::i18n::lang_tag(lang))?;
    host.set_attribute("data-saavdhan-content", &render::describe(&root)?)?;
    Ok(())
}
