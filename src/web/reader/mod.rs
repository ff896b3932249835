//! Facebook page readers: turn what facebook.com / messenger.com show into the
//! engine's conversation format. Structure first (roles, `data-scope`, href
//! shapes, alignment of own messages), per-language labels second; never
//! Facebook's hashed class names. A reader that cannot find what it expects
//! returns `Err(NotUnderstood)` and never guesses.
pub mod align;
pub mod dom;
pub mod labels;
pub mod layout;
pub mod row_label;
pub mod snapshot;
pub mod page;
pub mod thread;
pub mod when;
pub mod friend_requests;
pub mod profile;
pub mod row_window;
pub mod text;

/// Why a reader gave up (shown to tests and, briefly, to the popup).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUnderstood(pub &'static str);
