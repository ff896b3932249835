//! The content script's per-contact decisions, as pure code (no web-sys): built
//! and tested natively with `cargo test`; `web::content` is the wasm glue that
//! gathers what the page shows and acts on the answers.
//!
//! * [`attribution`] — which contact a thread's messages belong to, and when
//!   nothing may be fed (during a navigation).
//! * [`contact`] — what a new read of a contact adds to what was known; group
//!   chats (several senders) and which member a warning names.
//! * [`memory`] — when a contact was first seen and how old the conversation
//!   is, remembered between visits.
//! * [`person`] — one contact on this tab: what to feed, store and log; storage
//!   and the clock behind small traits with in-memory backends in the tests.
//! * [`write_pace`] — when the contacts' facts are written out (not after every step).
pub mod attribution;
pub mod contact;
pub mod memory;
pub mod person;
pub mod write_pace;
pub use person::{Clock, FactStore, Fed, Person};
