//! The pure detection core. No browser APIs here: everything is testable natively.

pub mod conversation;
pub mod assessment;

pub use assessment::{Assessment, Evidence, Level, Stage};
pub use conversation::{Contact, Conversation, FriendStatus, Message, MessageKind, Sender};
