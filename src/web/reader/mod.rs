//! Facebook page readers: turn what facebook.com / messenger.com show into the
//! engine's conversation format. Structure first (roles, `data-scope`, href
//! shapes, alignment of own messages), per-language labels second; never
//! Facebook's hashed class names. A reader that cannot find what it expects
//! returns `Err(NotUnderstood)` and never guesses.
//!
//! The modules that touch the DOM are wasm32 only; the pure ones (`align`: row
//! keys and the thread's log; `when`: separator and clock dates; `text`,
//! `row_label`, `labels`, `page`, `record`) build and are tested natively too.
pub mod align;
#[cfg(target_arch = "wasm32")]
pub mod dom;
pub mod labels;
#[cfg(target_arch = "wasm32")]
pub mod layout;
pub mod record;
pub mod row_label;
#[cfg(target_arch = "wasm32")]
pub mod snapshot;
pub mod page;
#[cfg(target_arch = "wasm32")]
pub mod thread;
pub mod when;
#[cfg(target_arch = "wasm32")]
pub mod friend_requests;
#[cfg(target_arch = "wasm32")]
pub mod profile;
#[cfg(target_arch = "wasm32")]
pub mod row_window;
pub mod text;

/// Why a reader gave up (shown to tests and, briefly, to the popup).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUnderstood(pub &'static str);
