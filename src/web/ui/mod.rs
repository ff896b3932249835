//! Warnings shown to the user, in a closed shadow root (Facebook's CSS and
//! scripts cannot restyle or read them), placed in the page's flow so they
//! never cover Facebook's controls:
//!
//! * `Placement::Thread`: anchor = the thread (`[role=main]`); the host goes
//!   right before its message grid (top of the message list).
//! * `Placement::ChatWindow`: anchor = the chat window; the host goes right after
//!   its message grid, i.e. inside the window above the composer.
//! * `Placement::RequestCard` / `Profile`: immediately AFTER the anchor (the
//!   card, below its buttons; the profile header).
//! * Without a `[role=grid]` inside the anchor: before it (thread) or as its
//!   first child (chat window).
//!
//! The host element carries `data-saavdhan-warning="<placement>"`,
//! `data-saavdhan-level`, `data-saavdhan-stage`, `lang`, and
//! `data-saavdhan-ready` (set once the showing is recorded in the memory).
//! On test pages (root element has `data-saavdhan-test`) it also carries
//! `data-saavdhan-content` (JSON of what the shadow root shows) and answers the
//! events `saavdhan-test-save`, `saavdhan-test-known`, `saavdhan-test-known-yes`,
//! `saavdhan-test-hide`, `saavdhan-test-focus-save`.
//!
//! "Hide for now" hides this warning (a later stage warns again); "I really
//! know this person" asks first, and for the family PIN where one is set, and
//! never silences a young conversation's video call or threat (see `memory`).
//!
//! Pure parts (built and tested natively, `cargo test --lib web::ui`): `compose` (words),
//! `palette` (one colour and icon per level, WCAG contrast), `links` (report
//! targets), `evidence` (the evidence kit), `memory` (hide for now, trust, the
//! 24-hour danger lock).
//!
//! The banner itself (`banner`, re-exported here: `ui::show`, `ui::Placement`, …)
//! and its DOM (`render`) are wasm32 only.
pub mod compose;
pub mod evidence;
pub mod links;
pub mod memory;
pub mod palette;
#[cfg(target_arch = "wasm32")]
mod banner;
#[cfg(target_arch = "wasm32")]
pub mod render;
#[cfg(target_arch = "wasm32")]
pub use banner::*;
