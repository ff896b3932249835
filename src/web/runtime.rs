//! Messages from the content script to the background script, which shows the
//! protection state on the toolbar badge and keeps it for the popup.
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Protection state of one tab, as the popup shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Protection {
    Active,
    /// The page blocks WebAssembly here (its CSP; sent by the JS loader, not from Rust).
    PausedWasm,
    /// Saavdhan's own module is missing or damaged although the page allows
    /// WebAssembly (sent by the JS loader, not from Rust).
    NotStarted,
    PageNotUnderstood,
    NotFacebook,
}

#[derive(Serialize)]
struct StateMessage<'a> {
    r#type: &'static str,
    state: Protection,
    detail: &'a str,
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = sendMessage, catch)]
    fn send_message(msg: &JsValue) -> Result<JsValue, JsValue>;
}

/// Tells the background script this tab's protection state. Never throws into
/// the page: a closed channel (extension reloaded) is ignored.
pub fn report_state(state: Protection, detail: &str) {
    let msg = StateMessage { r#type: "saavdhan:state", state, detail };
    if let Ok(v) = crate::web::storage::to_js(&msg) {
        if let Ok(p) = send_message(&v) {
            if let Ok(p) = p.dyn_into::<js_sys::Promise>() {
                // Swallow a rejection ("Receiving end does not exist") without
                // leaking a closure per call: the state is re-sent on navigation.
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
                });
            }
        }
    }
}
