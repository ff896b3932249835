//! Extension pages: options, popup and the welcome / practice page. Their HTML (extension/pages/) holds the
//! structure, labels and English text; Rust fills in the chosen language, the
//! stored values, and the behaviour. Page data is always set as text.
pub mod options;
pub mod popup;
mod texts;
pub mod welcome;

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement};

pub(crate) fn document() -> Result<Document, JsValue> {
    web_sys::window().and_then(|w| w.document()).ok_or_else(|| JsValue::from_str("no document"))
}

pub(crate) fn by_id<T: JsCast>(doc: &Document, id: &str) -> Result<T, JsValue> {
    doc.get_element_by_id(id)
        .ok_or_else(|| JsValue::from_str(&format!("#{id} missing")))?
        .dyn_into::<T>()
        .map_err(|_| JsValue::from_str(&format!("#{id} has the wrong type")))
}

pub(crate) fn set_hidden(el: &Element, hidden: bool) {
    if let Some(h) = el.dyn_ref::<HtmlElement>() {
        h.set_hidden(hidden);
    }
}

/// Sets a status line: its text and whether it reports success or a problem.
pub(crate) fn set_status(el: &Element, text: &str, ok: bool) {
    el.set_text_content(Some(text));
    el.set_class_name(if text.is_empty() { "status" } else if ok { "status ok" } else { "status bad" });
}

/// Runs an async page action; an error is logged, never thrown into the page.
pub(crate) fn spawn<F>(fut: F)
where
    F: std::future::Future<Output = Result<(), JsValue>> + 'static,
{
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = fut.await {
            web_sys::console::error_2(&"saavdhan:".into(), &e);
        }
    });
}
