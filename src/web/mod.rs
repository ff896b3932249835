//! The browser layer (wasm32 only).
use wasm_bindgen::prelude::*;

/// Called by the content-script loader once the module is instantiated.
#[wasm_bindgen]
pub fn start_content() -> Result<(), JsValue> {
    Ok(())
}
