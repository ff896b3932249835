//! Saavdhan: recognises the Facebook/Messenger video-call sextortion chain as it
//! unfolds with one contact, on the user's own device.
//!
//! * [`engine`] is the pure detection core: no web-sys, built and tested natively.
//! * [`session`] is the content script's pure decisions (attribution, merging),
//!   tested natively.
//! * [`web`] is the browser layer: reads Facebook's pages, feeds the engine,
//!   shows warnings, keeps per-contact facts in extension storage. Its DOM and
//!   storage glue is wasm32 only; its pure parts build and are tested natively.

pub mod engine;
#[cfg(not(target_arch = "wasm32"))] pub mod import;
#[cfg(not(target_arch = "wasm32"))] pub mod cli;
pub mod state;
/// The content script's per-contact decisions (pure; the wasm glue is `web::content`).
pub mod session;

pub mod web;

/// Talc, not std's dlmalloc, allocates in WebAssembly (single-threaded: the
/// content script and the pages run no wasm threads), as its README gives it:
/// https://github.com/SFBdragon/talc/blob/master/talc/README_WASM.md
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
