//! The pure detection core. No browser APIs here: everything is testable natively
//! and the same code runs in the content script (WebAssembly).
//!
//! Pipeline per message: [`normalize`] → one Aho-Corasick pass ([`matcher`]) →
//! rule hits (data from `rules/*.toml`) → [`combine`] with the profile's
//! [`contact_signals`] → [`Assessment`]. [`Tracker`] does it incrementally and
//! remembers [`ContactFacts`] between visits. Times are [`time::Timestamp`]
//! integers, parsed only where text comes in (the conversation JSON, stored
//! facts, the readers).

pub mod assessment;
pub mod bench;
pub mod builtin;
pub mod combine;
pub mod contact_signals;
pub mod conversation;
pub mod facts;
pub mod matcher;
mod names;
/// The normaliser is its own crate (crates/normalize), built at opt-level 3.
pub use saavdhan_normalize as normalize;
pub mod plan;
pub mod rules;
pub mod time;
pub mod tracker;

pub use assessment::{Assessment, Evidence, Level, Stage};
pub use builtin::Engine;
pub use combine::Tuning;
#[cfg(not(target_arch = "wasm32"))]
pub mod eval;
pub use conversation::{Contact, Conversation, FriendStatus, Message, MessageKind, Sender};
pub use facts::{ContactFacts, StageFact};
pub use normalize::normalize;
pub use tracker::Tracker;

/// The whole thread, default settings, no remembered facts.
pub fn assess(conv: &Conversation) -> Assessment {
    assess_with(conv, Tuning::default(), None)
}

/// The whole thread with settings and the facts remembered for this contact.
pub fn assess_with(conv: &Conversation, settings: Tuning, facts: Option<&ContactFacts>) -> Assessment {
    let mut t = Tracker::new(conv.contact.clone(), settings, facts.cloned());
    for m in &conv.messages {
        t.push(m);
    }
    t.assessment().clone()
}
