//! Content-script controller (page-reader work fills this in).
use wasm_bindgen::prelude::*;

pub fn start() -> Result<(), JsValue> {
    Ok(())
}
