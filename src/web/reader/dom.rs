//! Small DOM helpers over web-sys. None of them throws: a failed query is empty.
//!
//! Selectors and attribute names are always string literals; they are interned
//! (`wasm_bindgen::intern`), so the JS string is made once, not per message row.
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{intern, JsCast};
use web_sys::{Element, Node};

// The same DOM calls as web-sys's `text_content` and `get_attribute`, but
// returning the JavaScript string itself: a huge one (a 1 MB message, or its
// log-layout label) is cut in JavaScript before it is copied into the module's
// memory, which would otherwise grow by it for the tab's life (WebAssembly
// memory never shrinks: https://github.com/WebAssembly/design/issues/1397).
#[wasm_bindgen]
extern "C" {
    /// A DOM node or element, seen only through these two calls.
    type RawNode;
    #[wasm_bindgen(method, getter, js_name = textContent)]
    fn text_content(this: &RawNode) -> Option<js_sys::JsString>;
    #[wasm_bindgen(method, js_name = getAttribute)]
    fn get_attribute(this: &RawNode, name: &str) -> Option<js_sys::JsString>;
}

/// A JavaScript string's first `MAX_TEXT_BYTES` UTF-16 units (each is at least
/// one byte of UTF-8, so `thread::cap` afterwards gives the same text as capping
/// the whole string), copied into the module.
fn capped(s: js_sys::JsString) -> String {
    let max = super::text::MAX_TEXT_BYTES as u32;
    let s = if s.length() > max { s.slice(0, max) } else { s };
    super::text::cap(String::from(s))
}

pub fn qsa(root: &Element, sel: &str) -> Vec<Element> {
    let mut out = Vec::new();
    if let Ok(list) = root.query_selector_all(intern(sel)) {
        for i in 0..list.length() {
            // querySelectorAll yields elements only: no type check across the boundary per node.
            if let Some(n) = list.item(i) {
                out.push(n.unchecked_into::<Element>());
            }
        }
    }
    out
}

pub fn qs(root: &Element, sel: &str) -> Option<Element> {
    root.query_selector(intern(sel)).ok().flatten()
}

pub fn closest(el: &Element, sel: &str) -> Option<Element> {
    el.closest(intern(sel)).ok().flatten()
}

/// text_content, whitespace collapsed (never innerText: that forces layout).
/// A huge text (a 1 MB message) is cut to the first few KB before any work on it.
pub fn text(n: &Node) -> String {
    super::labels::clean(&n.unchecked_ref::<RawNode>().text_content().map(capped).unwrap_or_default())
}

/// An attribute's value (cut to its first few KB), `None` when missing or blank.
pub fn attr(el: &Element, name: &str) -> Option<String> {
    el.unchecked_ref::<RawNode>().get_attribute(intern(name)).map(capped).filter(|s| !s.trim().is_empty())
}

/// The element's href resolved against the page → (host, path, query).
pub fn href_parts(el: &Element) -> Option<(String, String, String)> {
    let raw = el.get_attribute(intern("href"))?;
    let base = web_sys::window()?.location().href().ok()?;
    let u = web_sys::Url::new_with_base(&raw, &base).ok()?;
    Some((u.hostname(), u.pathname(), u.search().trim_start_matches('?').to_string()))
}

/// The element's href resolved against the page, as an absolute URL.
pub fn href_abs(el: &Element) -> Option<String> {
    let raw = el.get_attribute(intern("href"))?;
    let base = web_sys::window()?.location().href().ok()?;
    Some(web_sys::Url::new_with_base(&raw, &base).ok()?.href())
}

/// An absolute URL → (host, path).
pub fn url_parts(href: &str) -> Option<(String, String)> {
    let u = web_sys::Url::new(href).ok()?;
    Some((u.hostname(), u.pathname()))
}

/// A profile link's (key, canonical URL).
pub fn profile_link(el: &Element) -> Option<(String, String)> {
    let (h, p, q) = href_parts(el)?;
    super::page::profile_from_url(&h, &p, &q)
}

/// Whether `el` lies inside a heading (h1–h6 or role=heading).
pub fn in_heading(el: &Element) -> bool {
    closest(el, "h1,h2,h3,h4,h5,h6,[role=heading]").is_some()
}

/// Computed alignment of an element's flex content ("flex-end", "end", ...).
pub fn alignment(el: &Element) -> Option<String> {
    let win = web_sys::window()?;
    let st = win.get_computed_style(el).ok()??;
    for p in ["justify-content", "align-items", "align-self"] {
        if let Ok(v) = st.get_property_value(intern(p)) {
            if v.contains("end") || v.contains("start") {
                return Some(v);
            }
        }
    }
    None
}

/// `performance.now()` (ms), or the wall clock where there is none.
pub fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_else(js_sys::Date::now)
}
