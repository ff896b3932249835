//! Warnings shown to the user (the warning-experience work fills this in; keep
//! these signatures, the content controller calls them).
use crate::engine::{Assessment, Conversation};
use crate::state::settings::Settings;
use wasm_bindgen::prelude::*;

/// Where on the page the warning goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// A Messenger thread (facebook.com/messages/…, messenger.com/t/…).
    Thread,
    /// A small chat window over any facebook.com page.
    ChatWindow,
    /// A friend-request card.
    RequestCard,
    /// A profile header.
    Profile,
}

/// Everything a warning needs to explain itself.
pub struct WarningContext<'a> {
    /// Stable key of the contact (profile id, else thread id).
    pub contact_key: &'a str,
    /// Contact and the messages read on the page; `Evidence::message` indexes these.
    pub conversation: &'a Conversation,
    pub assessment: &'a Assessment,
    // `facts: Option<&'a crate::engine::ContactFacts>` is added once the engine has it.
    pub page_url: &'a str,
    pub settings: &'a Settings,
}

/// Shows or updates the warning for `ctx.contact_key` next to `anchor`
/// (idempotent: one host element per contact and placement). `Level::None` removes it.
pub fn show(_anchor: &web_sys::Element, _placement: Placement, _ctx: &WarningContext) -> Result<(), JsValue> {
    Ok(())
}

/// Removes every warning this script added (on navigation to another page).
pub fn remove_all() {}
