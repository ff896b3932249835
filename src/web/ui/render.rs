//! Builds a warning's DOM inside its closed shadow root. Every page-derived
//! string goes in with `set_text_content` (text, never HTML).
use super::compose::{isolated_name, BannerText, FSI, PDI};
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
    /// Which panel under the buttons is open.
    pub panel: Panel,
}

/// The step a button opened: the "really know?" question, or the PIN box for
/// an action that needs the family PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Panel {
    #[default]
    None,
    ConfirmKnown,
    /// The PIN box; OK then does "hide" or "known".
    Pin(&'static str),
}

fn el(doc: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_attribute("class", class)?;
    }
    Ok(e)
}

/// Appends `text` to `parent`, each FSI … PDI run (a name, see
/// `compose::isolated_name`) as a `<bdi>` element: text nodes only, never HTML.
pub fn append_isolated(doc: &Document, parent: &Element, text: &str) -> Result<(), JsValue> {
    let mut rest = text;
    while let Some(i) = rest.find(FSI) {
        if i > 0 {
            parent.append_child(&doc.create_text_node(&rest[..i]))?;
        }
        let after = &rest[i + FSI.len_utf8()..];
        let (inner, next) = match after.find(PDI) {
            Some(j) => (&after[..j], &after[j + PDI.len_utf8()..]),
            None => (after, ""),
        };
        let bdi = doc.create_element("bdi")?;
        bdi.set_text_content(Some(inner));
        parent.append_child(&bdi)?;
        rest = next;
    }
    if !rest.is_empty() {
        parent.append_child(&doc.create_text_node(rest))?;
    }
    Ok(())
}

fn text_el(doc: &Document, parent: &Element, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
    let e = el(doc, tag, class)?;
    append_isolated(doc, &e, text)?;
    e.set_attribute("data-part", class)?;
    parent.append_child(&e)?;
    Ok(e)
}

fn link(doc: &Document, parent: &Element, lang: Language, l: &LinkButton) -> Result<Element, JsValue> {
    let a = el(doc, "a", "button")?;
    let label = match &l.label_arg {
        Some(arg) => tr(lang, l.label_key, &[&isolated_name(arg)]),
        None => t(lang, l.label_key),
    };
    // One span: in the inline-flex button, text runs beside a <bdi> would each
    // become a flex item and lose the spaces between them.
    let words = doc.create_element("span")?;
    append_isolated(doc, &words, &label)?;
    a.append_child(&words)?;
    a.set_attribute("href", &l.href)?;
    a.set_attribute("target", "_blank")?;
    a.set_attribute("rel", "noopener noreferrer")?;
    a.set_attribute("data-link", l.label_key)?;
    parent.append_child(&a)?;
    Ok(a)
}

fn button(doc: &Document, parent: &Element, action: &str, label: &str) -> Result<Element, JsValue> {
    let b = el(doc, "button", "button")?;
    b.set_attribute("type", "button")?;
    b.set_attribute("data-action", action)?;
    let words = doc.create_element("span")?;
    append_isolated(doc, &words, label)?;
    b.append_child(&words)?;
    parent.append_child(&b)?;
    Ok(b)
}

/// Sizes in rem, so the browser's font-size setting applies (1rem = 16 px by
/// default); body text 1.25rem = 20 px, as Devanagari needs at least that.
/// No italics (slanted Devanagari is hard to read); names isolated and wrapped.
fn style(level: Level, p: &Palette) -> String {
    let pad = if level == Level::Notice { "0.75rem 1rem" } else { "0.875rem 1.125rem" };
    format!(
        ":host{{all:initial;display:block;margin:0.5rem 0;}}\
         .box{{box-sizing:border-box;font-family:system-ui,'Segoe UI','Noto Sans','Noto Sans Devanagari','Lohit Devanagari',Arial,sans-serif;\
         font-size:1.25rem;line-height:1.45;color:{fg};background:{bg};border:0.3125rem solid {ac};border-radius:0.625rem;\
         padding:{pad};max-width:100%;text-align:start;overflow-wrap:anywhere;font-style:normal;}}\
         bdi{{unicode-bidi:isolate;}}\
         .title{{font-size:1.625rem;font-weight:800;line-height:1.25;margin:0 0 0.375rem;}}\
         .icon{{color:{ac};margin-inline-end:0.5rem;}}\
         p,ol,blockquote,details{{margin:0 0 0.5rem;font-size:1.25rem;}}\
         ol{{padding-inline-start:1.75rem;}}\
         .advice{{font-size:1.5rem;font-weight:800;}}\
         .big{{font-size:1.5rem;font-weight:800;margin:0 0 0.25rem;}}\
         .num{{direction:ltr;unicode-bidi:isolate;white-space:nowrap;}}\
         .block{{border-top:0.125rem solid {ac};padding-top:0.375rem;margin-top:0.375rem;}}\
         .quote{{border-inline-start:0.25rem solid {ac};padding-inline-start:0.75rem;}}\
         .qlabel{{font-weight:700;margin-inline-end:0.375rem;}}\
         summary{{cursor:pointer;font-weight:700;padding:0.5rem 0;}}\
         .brand{{font-size:1rem;font-weight:700;margin:0.25rem 0 0;}}\
         .row{{display:flex;flex-wrap:wrap;gap:0.5rem;margin:0 0 0.5rem;}}\
         .button{{display:inline-flex;align-items:center;min-height:2.75rem;padding:0.375rem 0.875rem;font:inherit;font-size:1.25rem;\
         font-weight:700;color:{bt};background:{bb};border:0.125rem solid {bt};border-radius:0.5rem;text-decoration:none;cursor:pointer;}}\
         .quiet{{color:{fg};background:transparent;border-color:{fg};}}\
         .button:focus,summary:focus{{outline:0.25rem solid {fo};outline-offset:0.1875rem;}}\
         .button:focus:not(:focus-visible),summary:focus:not(:focus-visible){{outline:none;}}\
         .button:focus-visible,summary:focus-visible{{outline:0.25rem solid {fo};outline-offset:0.1875rem;}}\
         input{{font:inherit;font-size:1.25rem;min-height:2.5rem;width:8em;margin:0 0.5rem;color:#111;background:#fff;border:0.125rem solid #111;border-radius:0.375rem;}}\
         input:focus{{outline:0.25rem solid {fo};outline-offset:0.125rem;}}\
         [hidden]{{display:none !important;}}",
        fg = css(p.text),
        bg = css(p.background),
        ac = css(p.accent),
        bt = css(p.button_text),
        bb = css(p.button_background),
        fo = css(p.focus),
    )
}

/// The trusted family member: name and number in large text, WhatsApp (with a
/// message written for the user to send) and Call.
fn family_block(doc: &Document, bx: &Element, v: &View, lead_key: &str) -> Result<(), JsValue> {
    let lang = v.lang;
    let Some(c) = v.settings.trusted_contact.as_ref() else {
        if v.level == Level::Danger {
            text_el(doc, bx, "p", "family-none", &t(lang, "family_none"))?;
        }
        return Ok(());
    };
    let family = links::family(c, &v.text.family_message);
    if family.is_empty() {
        return Ok(());
    }
    let block = el(doc, "div", "block")?;
    block.set_attribute("data-part", "family")?;
    text_el(doc, &block, "p", "family-title", &tr(lang, lead_key, &[&isolated_name(&c.name)]))?;
    let big = el(doc, "p", "big")?;
    big.set_attribute("data-part", "family-number")?;
    let num = el(doc, "span", "num")?;
    num.set_text_content(Some(c.phone.trim()));
    big.append_child(&num)?;
    block.append_child(&big)?;
    let row = el(doc, "div", "row")?;
    for l in family.iter().rev() {
        link(doc, &row, lang, l)?;
    }
    block.append_child(&row)?;
    bx.append_child(&block)?;
    Ok(())
}

/// The police of the region: India's helpline and site as large text, then links.
fn police_block(doc: &Document, bx: &Element, v: &View) -> Result<(), JsValue> {
    let lang = v.lang;
    let block = el(doc, "div", "block")?;
    block.set_attribute("data-part", "police")?;
    text_el(doc, &block, "p", "police-title", &t(lang, "police_title"))?;
    if v.settings.region == crate::state::settings::Region::India {
        text_el(doc, &block, "p", "big", &t(lang, "police_india_big"))?.set_attribute("data-part", "police-big")?;
    }
    let row = el(doc, "div", "row")?;
    for l in links::police(v.settings.region) {
        link(doc, &row, lang, &l)?;
    }
    block.append_child(&row)?;
    bx.append_child(&block)?;
    Ok(())
}

/// "Hide for now", "I really know this person", and the panel they open.
fn choices(doc: &Document, bx: &Element, v: &View) -> Result<(), JsValue> {
    let lang = v.lang;
    if v.hide == Hide::Locked {
        text_el(doc, bx, "p", "locked", &t(lang, "danger_locked"))?;
        return Ok(());
    }
    let row = el(doc, "div", "row")?;
    button(doc, &row, "hide", &t(lang, "button_hide"))?.set_attribute("class", "button quiet")?;
    button(doc, &row, "known", &t(lang, "button_known"))?.set_attribute("class", "button quiet")?;
    bx.append_child(&row)?;
    match v.panel {
        Panel::None => {}
        Panel::ConfirmKnown => {
            let p = el(doc, "div", "block")?;
            p.set_attribute("data-part", "confirm")?;
            p.set_attribute("role", "group")?;
            text_el(doc, &p, "p", "confirm-question", &t(lang, "known_confirm"))?;
            let r = el(doc, "div", "row")?;
            button(doc, &r, "known-yes", &t(lang, "known_yes"))?;
            button(doc, &r, "known-no", &t(lang, "known_no"))?.set_attribute("class", "button quiet")?;
            p.append_child(&r)?;
            bx.append_child(&p)?;
        }
        Panel::Pin(_) => {
            let pin = el(doc, "div", "row pin")?;
            pin.set_attribute("data-part", "pin")?;
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
        }
    }
    let err = el(doc, "p", "pin-error")?;
    err.set_attribute("data-part", "pin-error")?;
    err.set_attribute("aria-live", "assertive")?;
    bx.append_child(&err)?;
    Ok(())
}

/// Replaces the shadow root's content with the warning. Order (issue 13): the
/// one-line headline first at every level; at danger: don't pay → family /
/// 1930 → save evidence → report on Facebook → why (folded); at warning: why →
/// family → steps → report. Everything past the actions folds into "Why", so
/// the actions fit a 768 px tall screen.
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

    let title = el(doc, "h2", "title")?;
    title.set_attribute("id", "saavdhan-title")?;
    let icon = el(doc, "span", "icon")?;
    icon.set_attribute("aria-hidden", "true")?;
    icon.set_text_content(Some(v.palette.icon));
    title.append_child(&icon)?;
    let words = el(doc, "span", "")?;
    words.set_attribute("data-part", "title")?;
    append_isolated(doc, &words, &b.title)?;
    title.append_child(&words)?;
    bx.append_child(&title)?;

    let quote = |parent: &Element| -> Result<(), JsValue> {
        if let Some(q) = &b.quote {
            let bq = el(doc, "blockquote", "quote")?;
            bq.set_attribute("data-part", "quote")?;
            let label = el(doc, "span", "qlabel")?;
            label.set_text_content(Some(&t(lang, "quote_label")));
            bq.append_child(&label)?;
            let words = el(doc, "bdi", "words")?;
            words.set_attribute("data-part", "quote-words")?;
            words.set_text_content(Some(&format!("“{q}”")));
            bq.append_child(&words)?;
            parent.append_child(&bq)?;
        }
        Ok(())
    };
    let details = || -> Result<Element, JsValue> {
        let d = el(doc, "details", "")?;
        d.set_attribute("data-part", "details")?;
        let s = doc.create_element("summary")?;
        s.set_text_content(Some(&t(lang, "details_summary")));
        d.append_child(&s)?;
        Ok(d)
    };

    match v.level {
        Level::None => {}
        Level::Notice => {
            text_el(doc, &bx, "p", "reason", &b.reason)?;
        }
        Level::Warning => {
            text_el(doc, &bx, "p", "reason", &b.reason)?;
            if let Some(s) = &b.trick {
                text_el(doc, &bx, "p", "trick", s)?;
            }
            family_block(doc, &bx, v, "family_talk_first")?;
            if !b.steps.is_empty() {
                if let Some(s) = &b.steps_title {
                    text_el(doc, &bx, "p", "steps-title", s)?;
                }
                let ol = el(doc, "ol", "steps")?;
                ol.set_attribute("data-part", "steps")?;
                for s in &b.steps {
                    let li = doc.create_element("li")?;
                    append_isolated(doc, &li, s)?;
                    ol.append_child(&li)?;
                }
                bx.append_child(&ol)?;
            }
            let row = el(doc, "div", "row")?;
            link(doc, &row, lang, &links::facebook_report(v.profile_url))?;
            bx.append_child(&row)?;
            let d = details()?;
            quote(&d)?;
            text_el(doc, &d, "p", "report-how", &t(lang, "report_how"))?;
            bx.append_child(&d)?;
        }
        Level::Danger => {
            if let Some(s) = &b.advice {
                text_el(doc, &bx, "p", "advice", s)?;
            }
            family_block(doc, &bx, v, "family_call_now")?;
            police_block(doc, &bx, v)?;
            let row = el(doc, "div", "row")?;
            button(doc, &row, "save", &t(lang, "button_save_evidence"))?;
            link(doc, &row, lang, &links::facebook_report(v.profile_url))?;
            bx.append_child(&row)?;
            let saved = el(doc, "p", "saved")?;
            saved.set_attribute("data-part", "saved")?;
            saved.set_attribute("aria-live", "polite")?;
            bx.append_child(&saved)?;
            let d = details()?;
            text_el(doc, &d, "p", "report-how", &t(lang, "report_how"))?;
            text_el(doc, &d, "p", "reason", &b.reason)?;
            quote(&d)?;
            if let Some(s) = &b.reassurance {
                text_el(doc, &d, "p", "reassurance", s)?;
            }
            bx.append_child(&d)?;
        }
    }
    choices(doc, &bx, v)?;
    text_el(doc, &bx, "p", "brand", &b.brand)?;
    Ok(())
}

/// A JSON description of what the shadow root shows (test pages only): texts by
/// part, every link and button. Read from the DOM itself, so tests check what
/// is really there.
pub fn describe(root: &ShadowRoot) -> Result<String, JsValue> {
    fn each(root: &ShadowRoot, sel: &str, f: impl Fn(&Element) -> Value) -> Result<Vec<Value>, JsValue> {
        let list = root.query_selector_all(sel)?;
        Ok((0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).map(|e| f(&e)).collect())
    }
    fn font_px(e: Option<&Element>) -> f64 {
        let style = e.and_then(|e| web_sys::window()?.get_computed_style(e).ok().flatten());
        let size = style.and_then(|s| s.get_property_value("font-size").ok()).unwrap_or_default();
        size.trim_end_matches("px").parse().unwrap_or(0.0)
    }
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
                ("bottom", Value::from(a.get_bounding_client_rect().bottom())),
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
            buttons.push(obj(vec![
                ("action", b.get_attribute("data-action").into()),
                ("text", b.text_content().into()),
                ("bottom", Value::from(b.get_bounding_client_rect().bottom())),
            ]));
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
        ("bdi", Value::from(root.query_selector_all("bdi")?.length())),
        ("bdiText", Value::Array(each(root, "bdi", |e| Value::from(e.text_content().unwrap_or_default()))?)),
        ("bdiStyle", Value::Array(each(root, "bdi", |e| {
            let s = web_sys::window().and_then(|w| w.get_computed_style(e).ok().flatten());
            Value::from(s.and_then(|s| s.get_property_value("unicode-bidi").ok()).unwrap_or_default())
        })?)),
        ("fontPx", Value::from(font_px(bx.as_ref()))),
        ("height", Value::from(bx.as_ref().map(|b| b.get_bounding_client_rect().height()).unwrap_or(0.0))),
    ]);
    Ok(v.to_string())
}
