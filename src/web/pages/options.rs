use wasm_bindgen::prelude::*;
pub fn start() -> Result<(), JsValue> {
    Ok(())
}
