//! The browser layer: a thin shell around the pure engine. The modules that touch
//! the browser (`content`, `storage`, `runtime`, `settings_io`, `pages`, and the
//! DOM parts of `reader` and `ui`) are built for wasm32 only; the pure ones
//! (`i18n`, the readers' row keys, dates and labels, the warning's words, colours,
//! links, evidence kit and memory) build and are tested natively too.
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
#[cfg(all(target_arch = "wasm32", not(feature = "pages"), feature = "test-hooks"))]
pub mod bench;
#[cfg(target_arch = "wasm32")]
pub mod content;
pub mod i18n;
#[cfg(all(target_arch = "wasm32", feature = "pages"))]
pub mod pages;
pub mod reader;
#[cfg(target_arch = "wasm32")]
pub mod runtime;
#[cfg(target_arch = "wasm32")]
pub mod settings_io;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
/// Natively, the warning's pure parts alone: the same files as wasm32's `ui`
/// (`ui/mod.rs` is the banner's DOM code around them).
#[cfg(not(target_arch = "wasm32"))]
pub mod ui {
    pub mod compose;
    pub mod evidence;
    pub mod links;
    pub mod memory;
    pub mod palette;
}

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// Called by the content-script loader once the module is instantiated.
#[cfg(all(target_arch = "wasm32", not(feature = "pages")))]
#[wasm_bindgen]
pub fn start_content() -> Result<(), JsValue> {
    content::start()
}

/// Called by options.html's loader.
#[cfg(all(target_arch = "wasm32", feature = "pages"))]
#[wasm_bindgen]
pub fn start_options() -> Result<(), JsValue> {
    pages::options::start()
}

/// Called by welcome.html's loader.
#[cfg(all(target_arch = "wasm32", feature = "pages"))]
#[wasm_bindgen]
pub fn start_welcome() -> Result<(), JsValue> {
    pages::welcome::start()
}

/// Called by popup.html's loader.
#[cfg(all(target_arch = "wasm32", feature = "pages"))]
#[wasm_bindgen]
pub fn start_popup() -> Result<(), JsValue> {
    pages::popup::start()
}
