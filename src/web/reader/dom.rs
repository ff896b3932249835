//! Small DOM helpers over web-sys. None of them throws: a failed query is empty.
//!
//! Selectors and attribute names are always string literals; they are interned
//! (`wasm_bindgen::intern`), so the JS string is made once, not per message row.
use wasm_bindgen::{intern, JsCast};
use web_sys::{Element, Node};

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
    super::labels::clean(&super::text::cap(n.text_content().unwrap_or_default()))
}

pub fn attr(el: &Element, name: &str) -> Option<String> {
    el.get_attribute(intern(name)).filter(|s| !s.trim().is_empty())
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
