//! The browser layer (wasm32 only): a thin shell around the pure engine.
//!
//! * `content`  — the content-script controller: follows navigation, runs the
//!   readers, feeds the engine, persists per-contact facts, shows warnings.
//! * `reader`   — turns facebook.com / messenger.com DOM into the engine's input.
//! * `ui`       — warnings rendered in a closed shadow root; evidence kit.
//! * `i18n`     — the extension's en/hi/mr message catalogues.
//! * `pages`    — the options and popup pages.
//! * `storage`  — chrome.storage access (local, managed, session).
//! * `runtime`  — messages to the background script (badge / popup state).
//!
//! Two WebAssembly modules are built from this crate: the content script's
//! (default features: `start_content`; bench and test hooks only with
//! `--features test-hooks`, the test build) and the extension pages'
//! (`--features pages`: `start_options`, `start_popup`), so the module every
//! Facebook page compiles does not carry the options/popup code, and the pages
//! do not carry the readers and warnings.

/// Bench exports: a test build only (`--features test-hooks`).
#[cfg(all(not(feature = "pages"), feature = "test-hooks"))]
pub mod bench;
pub mod content;
pub mod i18n;
#[cfg(feature = "pages")]
pub mod pages;
pub mod reader;
pub mod runtime;
pub mod settings_io;
pub mod storage;
pub mod ui;

use wasm_bindgen::prelude::*;

/// Called by the content-script loader once the module is instantiated.
#[cfg(not(feature = "pages"))]
#[wasm_bindgen]
pub fn start_content() -> Result<(), JsValue> {
    content::start()
}

/// Called by options.html's loader.
#[cfg(feature = "pages")]
#[wasm_bindgen]
pub fn start_options() -> Result<(), JsValue> {
    pages::options::start()
}

/// Called by welcome.html's loader.
#[cfg(feature = "pages")]
#[wasm_bindgen]
pub fn start_welcome() -> Result<(), JsValue> {
    pages::welcome::start()
}

/// Called by popup.html's loader.
#[cfg(feature = "pages")]
#[wasm_bindgen]
pub fn start_popup() -> Result<(), JsValue> {
    pages::popup::start()
}
