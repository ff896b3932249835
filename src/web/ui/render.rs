//! Builds a warning's DOM inside its closed shadow root. Every page-derived
//! string goes in with `set_text_content` (text, never HTML).
use super::compose::BannerText;
use super::links::{self, LinkButton};
use super::memory::Hide;
use super::palette::{css, Palette};
use crate::engine::Level;
use crate::state::settings::{Language, Settings};
use crate::web::i18n::{t, tr};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, ShadowRoot};

/// What one rendering needs besides the words.
pub struct View<'a> {
    pub level: Level,
    pub lang: Language,
    pub text: &'a BannerText,
    pub palette: Palette,
    pub settings: &'a Settings,
    pub profile_url: Option<&'a str>,
    pub hide: Hide,
}

fn el(doc: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_attribute("class", class)?;
    }
    Ok(e)
}

fn text_el(doc: &Document, parent: &Element, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
    let e = el(doc, tag, class)?;
    e.set_text_content(Some(text));
    e.set_attribute("data-part", class)?;
    parent.append_child(&e)?;
    Ok(e)
}

fn link(doc: &Document, parent: &Element, lang: Language, l: &LinkButton) -> Result<(), JsValue> {
    let a = el(doc, "a", "button")?;
    let label = match &l.label_arg {
        Some(arg) => tr(lang, l.label_key, &[arg]),
        None => t(lang, l.label_key),
    };
    a.set_text_content(Some(&label));
    a.set_attribute("href", &l.href)?;
    a.set_attribute("target", "_blank")?;
    a.set_attribute("rel", "noopener noreferrer")?;
    a.set_attribute("data-link", l.label_key)?;
    parent.append_child(&a)?;
    Ok(())
}

fn button(doc: &Document, parent: &Element, action: &str, label: &str) -> Result<Element, JsValue> {
    let b = el(doc, "button", "button")?;
    b.set_attribute("type", "button")?;
    b.set_attribute("data-action", action)?;
    b.set_text_content(Some(label));
    parent.append_child(&b)?;
    Ok(b)
}

fn style(level: Level, p: &Palette) -> String {
    let pad = if level == Level::Notice { "12px 16px" } else { "16px 20px" };
    let border = if level == Level::Notice { 3 } else { 5 };
    format!(
        ":host{{all:initial;display:block;margin:8px 0;}}\
         .box{{box-sizing:border-box;font-family:system-ui,'Segoe UI','Noto Sans','Noto Sans Devanagari',Arial,sans-serif;\
         font-size:18px;line-height:1.5;color:{fg};background:{bg};border:{border}px {bs} {ac};border-radius:10px;\
         padding:{pad};max-width:100%;text-align:start;}}\
         .brand{{font-size:18px;font-weight:700;margin:0 0 4px;}}\
         .icon{{color:{ac};margin-inline-end:8px;}}\
         .title{{font-size:24px;font-weight:800;margin:0 0 8px;}}\
         p,ol,blockquote{{margin:0 0 10px;font-size:18px;}}\
         .advice{{font-size:22px;font-weight:800;}}\
         .quote{{border-inline-start:4px solid {ac};padding-inline-start:12px;font-style:italic;}}\
         .qlabel{{font-style:normal;font-weight:700;margin-inline-end:6px;}}\
         h3{{font-size:19px;margin:12px 0 6px;}}\
         .row{{display:flex;flex-wrap:wrap;gap:10px;margin:0 0 8px;}}\
         .button{{display:inline-flex;align-items:center;min-height:44px;padding:8px 16px;font:inherit;font-size:18px;\
         font-weight:700;color:{bt};background:{bb};border:2px solid {bt};border-radius:8px;text-decoration:none;cursor:pointer;}}\
         .button:focus{{outline:4px solid {fo};outline-offset:3px;}}\
         .button:focus:not(:focus-visible){{outline:none;}}\
         .button:focus-visible{{outline:4px solid {fo};outline-offset:3px;}}\
         input{{font:inherit;font-size:20px;min-height:40px;width:8em;margin:0 8px;color:#111;background:#fff;border:2px solid #111;border-radius:6px;}}\
         input:focus{{outline:4px solid {fo};outline-offset:2px;}}\
         [hidden]{{display:none !important;}}",
        fg = css(p.text),
        bg = css(p.background),
        ac = css(p.accent),
        bs = p.border_style,
        bt = css(p.button_text),
        bb = css(p.button_background),
        fo = css(p.focus),
    )
}

/// Replaces the shadow root's content with the warning.
pub fn render(doc: &Document, root: &ShadowRoot, v: &View) -> Result<(), JsValue> {
    while let Some(child) = root.first_child() {
        root.remove_child(&child)?;
    }
    let st = doc.create_element("style")?;
    st.set_text_content(Some(&style(v.level, &v.palette)));
    root.append_child(&st)?;

    let lang = v.lang;
    let b = v.text;
    let bx = el(doc, "section", "box")?;
    bx.set_attribute("role", if v.level == Level::Notice { "status" } else { "alert" })?;
    bx.set_attribute("aria-labelledby", "saavdhan-title")?;
    bx.set_attribute("lang", crate::web::i18n::lang_tag(lang))?;
    root.append_child(&bx)?;

    let brand = el(doc, "div", "brand")?;
    let icon = el(doc, "span", "icon")?;
    icon.set_attribute("aria-hidden", "true")?;
    icon.set_text_content(Some(v.palette.icon));
    brand.append_child(&icon)?;
    brand.append_child(&doc.create_text_node(&b.brand))?;
    bx.append_child(&brand)?;

    let title = text_el(doc, &bx, "h2", "title", &b.title)?;
    title.set_attribute("id", "saavdhan-title")?;
    text_el(doc, &bx, "p", "reason", &b.reason)?;
    if let Some(s) = &b.trick {
        text_el(doc, &bx, "p", "trick", s)?;
    }
    if let Some(q) = &b.quote {
        let bq = el(doc, "blockquote", "quote")?;
        bq.set_attribute("data-part", "quote")?;
        let label = el(doc, "span", "qlabel")?;
        label.set_text_content(Some(&t(lang, "quote_label")));
        bq.append_child(&label)?;
        let words = el(doc, "span", "words")?;
        words.set_attribute("data-part", "quote-words")?;
        words.set_text_content(Some(&format!("“{q}”")));
        bq.append_child(&words)?;
        bx.append_child(&bq)?;
    }
    if let Some(s) = &b.advice {
        text_el(doc, &bx, "p", "advice", s)?;
    }
    if let Some(s) = &b.reassurance {
        text_el(doc, &bx, "p", "reassurance", s)?;
    }
    if !b.steps.is_empty() {
        if let Some(s) = &b.steps_title {
            text_el(doc, &bx, "p", "steps-title", s)?;
        }
        let ol = el(doc, "ol", "steps")?;
        ol.set_attribute("data-part", "steps")?;
        for s in &b.steps {
            let li = doc.create_element("li")?;
            li.set_text_content(Some(s));
            ol.append_child(&li)?;
        }
        bx.append_child(&ol)?;
    }

    if v.level >= Level::Warning {
        let row = el(doc, "div", "row")?;
        link(doc, &row, lang, &links::facebook_report(v.profile_url))?;
        if v.level == Level::Danger {
            button(doc, &row, "save", &t(lang, "button_save_evidence"))?;
        }
        bx.append_child(&row)?;
        let saved = el(doc, "p", "saved")?;
        saved.set_attribute("data-part", "saved")?;
        saved.set_attribute("aria-live", "polite")?;
        bx.append_child(&saved)?;
    }
    if v.level == Level::Danger {
        text_el(doc, &bx, "h3", "police-title", &t(lang, "police_title"))?;
        let row = el(doc, "div", "row")?;
        for l in links::police(v.settings.region) {
            link(doc, &row, lang, &l)?;
        }
        bx.append_child(&row)?;
        text_el(doc, &bx, "h3", "family-title", &t(lang, "family_title"))?;
        let family = v.settings.trusted_contact.as_ref().map(links::family).unwrap_or_default();
        if family.is_empty() {
            text_el(doc, &bx, "p", "family-none", &t(lang, "family_none"))?;
        } else {
            let row = el(doc, "div", "row")?;
            for l in &family {
                link(doc, &row, lang, l)?;
            }
            bx.append_child(&row)?;
        }
    }

    match v.hide {
        Hide::Locked => {
            text_el(doc, &bx, "p", "locked", &t(lang, "danger_locked"))?;
        }
        Hide::Allowed | Hide::NeedsPin => {
            let row = el(doc, "div", "row")?;
            button(doc, &row, "known", &t(lang, "button_known"))?;
            bx.append_child(&row)?;
            if v.hide == Hide::NeedsPin {
                let pin = el(doc, "div", "row pin")?;
                pin.set_attribute("data-part", "pin")?;
                pin.set_attribute("hidden", "")?;
                let label = doc.create_element("label")?;
                label.append_child(&doc.create_text_node(&t(lang, "pin_prompt")))?;
                let input = doc.create_element("input")?;
                input.set_attribute("type", "password")?;
                input.set_attribute("inputmode", "numeric")?;
                input.set_attribute("autocomplete", "off")?;
                input.set_attribute("maxlength", "8")?;
                input.set_attribute("data-part", "pin-input")?;
                label.append_child(&input)?;
                pin.append_child(&label)?;
                button(doc, &pin, "pin-ok", &t(lang, "pin_ok"))?;
                bx.append_child(&pin)?;
                let err = el(doc, "p", "pin-error")?;
                err.set_attribute("data-part", "pin-error")?;
                err.set_attribute("aria-live", "assertive")?;
                bx.append_child(&err)?;
            }
        }
    }
    Ok(())
}

/// A JSON description of what the shadow root shows (test pages only): texts by
/// part, every link and button. Read from the DOM itself, so tests check what
/// is really there.
pub fn describe(root: &ShadowRoot) -> Result<String, JsValue> {
    use serde_json::{Map, Value};
    // Built with Value::from, not json!{…}: the macro goes through serde's Value
    // serializer, which nothing else in the content module needs.
    fn obj(pairs: Vec<(&str, Value)>) -> Value {
        let mut m = Map::new();
        for (k, v) in pairs {
            m.insert(k.to_string(), v);
        }
        Value::Object(m)
    }
    let mut parts = Map::new();
    let nodes = root.query_selector_all("[data-part]")?;
    for i in 0..nodes.length() {
        if let Some(e) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            let k = e.get_attribute("data-part").unwrap_or_default();
            parts.insert(k, Value::from(e.text_content().unwrap_or_default()));
        }
    }
    let mut links = Vec::new();
    let anchors = root.query_selector_all("a")?;
    for i in 0..anchors.length() {
        if let Some(a) = anchors.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            links.push(obj(vec![
                ("key", a.get_attribute("data-link").into()),
                ("text", a.text_content().into()),
                ("href", a.get_attribute("href").into()),
                ("target", a.get_attribute("target").into()),
                ("rel", a.get_attribute("rel").into()),
            ]));
        }
    }
    let mut buttons = Vec::new();
    let bs = root.query_selector_all("button")?;
    for i in 0..bs.length() {
        if let Some(b) = bs.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            buttons.push(obj(vec![("action", b.get_attribute("data-action").into()), ("text", b.text_content().into())]));
        }
    }
    let bx = root.query_selector(".box")?;
    let style = root.query_selector("style")?.and_then(|s| s.text_content()).unwrap_or_default();
    let v = obj(vec![
        ("role", bx.as_ref().and_then(|b| b.get_attribute("role")).into()),
        ("lang", bx.as_ref().and_then(|b| b.get_attribute("lang")).into()),
        ("parts", Value::Object(parts)),
        ("links", Value::Array(links)),
        ("buttons", Value::Array(buttons)),
        ("style", style.into()),
    ]);
    Ok(v.to_string())
}
