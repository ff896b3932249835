//! The two Messenger message-list layouts Facebook serves at once, told apart
//! per list (public evidence: README "Reading Facebook", its sources):
//!
//! * **grid** (older): `[role=grid]` of `[role=row]`, each holding a
//!   `[data-scope=messages_table]` cell; date separators are such cells too,
//!   holding `[data-scope=date_break]`.
//! * **log** (2025+): `div[role=log]` of `div[data-virtualized]` items (empty
//!   ones are placeholders for rows out of view); a message is
//!   `[aria-roledescription=message]` labelled "At 16:15, NAME: text".
//!
//! Both are labelled "Messages in conversation with NAME", in a thread's
//! `[role=main]` or in a docked chat window (whose wrapper may carry
//! `role=main` too; a docked box has "Close chat" / "Minimize chat" buttons).
use super::dom::{self, qs};
use super::labels::Labels;
use wasm_bindgen::intern;
use web_sys::Element;

/// Every element that may be a message list, of either layout (one page-wide query).
pub const LIST_SEL: &str = "[role=grid],[role=log]";
/// Anything that is or holds a message row of either layout (for removed nodes).
pub const ROW_ANY: &str = "[role=row],[data-virtualized],[aria-roledescription=message]";
/// A message of the log layout.
pub const LOG_MESSAGE: &str = "[aria-roledescription=message]";
/// A date separator (both layouts).
pub const DATE_BREAK: &str = "[data-scope=\"date_break\"]";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Grid,
    Log,
}

impl Layout {
    pub fn of(list: &Element) -> Layout {
        if list.get_attribute(intern("role")).as_deref() == Some("log") {
            Layout::Log
        } else {
            Layout::Grid
        }
    }

    /// The selector of one row. In the log layout a row is a virtualised item;
    /// messages and separators outside any such item are rows themselves.
    pub fn row_sel(self) -> &'static str {
        match self {
            Layout::Grid => "[role=row]",
            Layout::Log => {
                "[data-virtualized],[aria-roledescription=message]:not([data-virtualized] *),[data-scope=\"date_break\"]:not([data-virtualized] *)"
            }
        }
    }
}

/// Whether `el` is a message list: labelled "Messages in conversation with …"
/// in the page's language, or holding message cells.
pub fn is_message_list(el: &Element, labels: &Labels) -> bool {
    dom::attr(el, "aria-label").is_some_and(|l| labels.capture("messages_with", &l).is_some())
        || qs(el, "[data-scope=\"messages_table\"]").is_some()
}

/// The element around a list that also holds its header (name link, heading):
/// the thread's `[role=main]` part or the docked chat box.
pub fn window_of(list: &Element) -> Element {
    let mut win = list.clone();
    for _ in 0..8 {
        let Some(p) = win.parent_element() else { break };
        win = p;
        if qs(&win, "a[href], h2, h3, [role=heading]").is_some_and(|h| !list.contains(Some(h.as_ref()))) {
            break;
        }
    }
    win
}

/// Whether the list sits in a docked chat box: its window holds a "Close chat"
/// or "Minimize chat" button outside the list (only the parts beside the list
/// are searched, never its rows).
pub fn is_docked(list: &Element, labels: &Labels) -> bool {
    let sel = labels.aria_selector(&["close_chat", "minimize_chat"]);
    if sel.is_empty() {
        return false;
    }
    let win = window_of(list);
    // The box's header may sit one level above the element found by window_of.
    let top = win.parent_element().unwrap_or_else(|| win.clone());
    let mut node = list.clone();
    while !node.is_same_node(Some(top.as_ref())) {
        let Some(parent) = node.parent_element() else { break };
        let kids = parent.children();
        for i in 0..kids.length() {
            let Some(k) = kids.item(i) else { continue };
            if k.is_same_node(Some(node.as_ref())) {
                continue;
            }
            if k.matches(&sel).unwrap_or(false) || k.query_selector(&sel).ok().flatten().is_some() {
                return true;
            }
        }
        node = parent;
    }
    false
}
