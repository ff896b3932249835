//! What one row shows, as plain strings: read either in ONE call for a batch of
//! rows through the JavaScript helper `extension/content/snapshot.js` (page
//! cost, issue 11 item 4: a query from WebAssembly per element is a crossing
//! each), or, where the helper is missing, with the same queries from here.
//! The helper walks each row once and tests its elements as this module's
//! selectors say (the attributes that mark a message, a separator and a cell
//! are passed in), and returns one string per batch. All decisions (what is a
//! message, separator, sender, kind) are made in Rust on the result.
use super::dom::{self, qs, qsa};
use super::layout::{Layout, DATE_BREAK, LOG_MESSAGE};
pub use super::record::{parse, Batch, Media, Raw, RowView};
use std::borrow::Cow;
use wasm_bindgen::{intern, JsCast, JsValue};
use web_sys::Element;

const HEADINGS: &str = "h1,h2,h3,h4,h5,h6,[role=heading]";
// Everything inside a reply's quoted parent (`span[aria-hidden=true]` in the
// same row) is the parent's, not the reply's.
const AUTOS: &str = "[dir=auto]:not([aria-hidden=true] *,[aria-hidden=true])";
const SPANS: &str = "span:not([dir=auto]):not([aria-hidden=true] *,[aria-hidden=true])";
const AUTOS_H: &str = "[dir=auto]:not(h1 *,h2 *,h3 *,h4 *,h5 *,h6 *,[role=heading] *,h1,h2,h3,h4,h5,h6,[role=heading],[aria-hidden=true] *,[aria-hidden=true])";
const SPANS_H: &str = "span:not([dir=auto]):not(h1 *,h2 *,h3 *,h4 *,h5 *,h6 *,[role=heading] *,[role=heading],[aria-hidden=true] *,[aria-hidden=true])";
const HIDDEN: &str = "[aria-hidden=true]";
const AUTOS_PLAIN: &str = "[dir=auto]";
const SPANS_PLAIN: &str = "span:not([dir=auto])";
const MEDIA_ANY: &str = "img,[role=img],[aria-label],a[href],audio,video";
const MEDIA: &str = "img:not([aria-hidden=true] *),[role=img]:not([aria-hidden=true] *),[aria-label]:not([aria-hidden=true] *),a[href]:not([aria-hidden=true] *),audio,video";
const ATTACHMENT: &str = "a[href*=\"attachment\"]";
const GRID_MESSAGE: &str = "[data-scope=\"messages_table\"]";
const GRID_CELL: &str = "[role=gridcell]";

fn message_sel(layout: Layout) -> &'static str {
    match layout {
        Layout::Grid => GRID_MESSAGE,
        Layout::Log => LOG_MESSAGE,
    }
}

/// A cell's alignment memo key: its class and style, when it has a class
/// (the helper writes the same string).
fn memo_key(class: Option<String>, style: Option<String>) -> Option<Cow<'static, str>> {
    class.map(|c| Cow::Owned(format!("{c}\u{1}{}", style.as_deref().unwrap_or(""))))
}

/// The texts of `els`, in order: one loop for the headings and the two queries, not a
/// mapped `collect` (its `from_iter`, `extend_trusted` and `Map::fold`; docs/performance.md
/// "Size, round 44").
fn texts_of(els: &[Element]) -> Vec<Cow<'static, str>> {
    let mut out = Vec::with_capacity(els.len());
    for e in els {
        out.push(Cow::Owned(dom::text(e)));
    }
    out
}

/// The row read with queries from WebAssembly (the helper is missing).
pub fn view_dom(row: &Element, layout: Layout) -> RowView<'static> {
    let sel = intern(message_sel(layout));
    let m = if row.matches(sel).unwrap_or(false) { Some(row.clone()) } else { qs(row, message_sel(layout)) };
    let b = if row.matches(intern(DATE_BREAK)).unwrap_or(false) { Some(row.clone()) } else { qs(row, DATE_BREAK) };
    let brk = b.map(|b| {
        let inside = m.as_ref().is_some_and(|m| m.contains(Some(b.as_ref())));
        (Cow::Owned(dom::text(&b)), Cow::Owned(dom::attr(&b, "aria-label").unwrap_or_default()), inside)
    });
    let Some(m) = m else {
        return RowView { message: false, label: None, brk, row_text: Some(Cow::Owned(dom::text(row))), raw: Raw::default(), cell_key: None };
    };
    let label = if layout == Layout::Log { dom::attr(&m, "aria-label").map(Cow::Owned) } else { None };
    let scope = if layout == Layout::Grid { row.clone() } else { m.clone() };
    let headings = qsa(&scope, HEADINGS);
    // Simple selectors where the row has neither headings nor a hidden part (most rows).
    let (autos, spans) = if !headings.is_empty() {
        (AUTOS_H, SPANS_H)
    } else if qs(&scope, HIDDEN).is_none() {
        (AUTOS_PLAIN, SPANS_PLAIN)
    } else {
        (AUTOS, SPANS)
    };
    let texts = |sel: &str| texts_of(&qsa(&scope, sel));
    let mut raw = Raw { headings: texts_of(&headings), autos: texts(autos), spans: texts(spans), media: Vec::new() };
    if qs(&scope, MEDIA_ANY).is_some() {
        for e in qsa(&scope, MEDIA) {
            let tag = e.local_name();
            let label = if tag == "img" { dom::attr(&e, "alt") } else { dom::attr(&e, "aria-label") };
            let href = if tag == "a" { dom::href_abs(&e).unwrap_or_default() } else { String::new() };
            raw.media.push(Media {
                attachment: tag == "img" && dom::closest(&e, ATTACHMENT).is_some(),
                heading: headings.iter().any(|h| h.is_same_node(Some(e.as_ref()))),
                role: Cow::Owned(e.get_attribute(intern("role")).unwrap_or_default()),
                label: Cow::Owned(label.unwrap_or_default()),
                href: Cow::Owned(href),
                tag: Cow::Owned(tag),
            });
        }
    }
    let cell = if layout == Layout::Grid { qs(&scope, GRID_CELL) } else { Some(m.clone()) };
    let cell_key = cell.and_then(|c| memo_key(c.get_attribute(intern("class")), c.get_attribute(intern("style"))));
    RowView { message: true, label, brk, row_text: None, raw, cell_key }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The helper, named as a free variable of the glue, so it is looked up in the
    /// content script's own global, where snapshot.js put it. Not through
    /// `js_sys::global()`: that tries `self` and `window` before `globalThis`, and in a
    /// Firefox content script `window` is the page's window seen through Xrays, not the
    /// script's sandbox (js-sys's own comment says so), so the helper was never found
    /// there and Firefox read every row with `view_dom`. `None` when it is not defined.
    #[wasm_bindgen(thread_local_v2, js_name = __saavdhanSnapshot)]
    static SNAPSHOT_JS: Option<js_sys::Function>;
    /// The same helper's request to the page's main world (snapshot.js
    /// `snapshotMain`, answered by content/snapshot-main.js): the mask of rows to
    /// read, RECORD, then the main world's string; null when it was not asked or
    /// did not answer.
    #[wasm_bindgen(thread_local_v2, js_name = __saavdhanSnapshotMain)]
    static SNAPSHOT_MAIN_JS: Option<js_sys::Function>;
}

thread_local! {
    /// The helper and the selector objects per layout, looked up once.
    static HELPER: Option<js_sys::Function> = SNAPSHOT_JS.with(Option::clone).filter(|f| f.is_function());
    static HELPER_MAIN: Option<js_sys::Function> = SNAPSHOT_MAIN_JS.with(Option::clone).filter(|f| f.is_function());
    static SELECTORS: [JsValue; 2] = [selectors(Layout::Grid), selectors(Layout::Log)];
}

fn selectors(layout: Layout) -> JsValue {
    let o = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    };
    // An attribute and its value (the helper tests elements with these, never with selectors per element).
    let pair = |name: &str, value: &str| -> JsValue { js_sys::Array::of2(&JsValue::from_str(name), &JsValue::from_str(value)).into() };
    let (message, cell) = match layout {
        // GRID_MESSAGE, GRID_CELL
        Layout::Grid => (pair("data-scope", "messages_table"), JsValue::from_str("gridcell")),
        // LOG_MESSAGE; the message element is its own cell
        Layout::Log => (pair("aria-roledescription", "message"), JsValue::NULL),
    };
    set("message", &message);
    set("brk", &pair("data-scope", "date_break")); // DATE_BREAK
    set("cell", &cell);
    set("label", &JsValue::from_str(if layout == Layout::Log { "aria-label" } else { "" }));
    set("attachment", &JsValue::from_str(ATTACHMENT));
    set("scope_row", &JsValue::from_bool(layout == Layout::Grid));
    o.into()
}

/// Rows `[start, end)` of `rows` through the helper, in one call that returns one
/// string: per row its record, or none for a row in `seen` (already read).
/// `None` when the helper is missing or failed (the caller reads the rows with `view_dom`).
pub fn batch(rows: &JsValue, start: u32, end: u32, seen: &JsValue, layout: Layout) -> Option<Batch> {
    ask(rows, start, end, seen, layout, None)
}

/// The one call both a full pass (`batch`) and added rows (`batch_rows`) make:
/// the same arguments, and for added rows the list they must be rows of.
fn ask(rows: &JsValue, start: u32, end: u32, seen: &JsValue, layout: Layout, within: Option<&Element>) -> Option<Batch> {
    let sels = SELECTORS.with(|s| s[if layout == Layout::Grid { 0 } else { 1 }].clone());
    let args = js_sys::Array::of5(rows, &JsValue::from(start), &JsValue::from(end), seen, &sels);
    if let Some(list) = within {
        args.push(&JsValue::from_str(layout.row_sel()));
        args.push(list.as_ref());
    }
    call(&args)
}

/// The page's main world's answer when one comes and is well-formed, else the
/// isolated helper's string; `None` when neither is there (the caller reads the
/// rows with `view_dom`). No exception reaches the page: a helper that throws is
/// an `Err` of `apply`, read as no answer.
fn call(args: &js_sys::Array) -> Option<Batch> {
    if let Some(b) = from_main(args) {
        return Some(b);
    }
    let f = HELPER.with(|h| h.clone())?;
    let out = f.apply(&JsValue::NULL, args).ok()?.as_string()?;
    Some(Batch::new(out))
}

fn from_main(args: &js_sys::Array) -> Option<Batch> {
    #[cfg(feature = "test-hooks")]
    if !bench_hooks::MAIN_ON.get() {
        return None;
    }
    let f = HELPER_MAIN.with(|h| h.clone())?;
    let answer = f.apply(&JsValue::NULL, args).ok()?.as_string()?;
    let b = Batch::from_main(answer);
    #[cfg(feature = "test-hooks")]
    bench_hooks::count(b.is_some());
    b
}

/// Test build only (tools/bench, tests/e2e/reader-snapshot): the main world can be
/// left out, to time and check the isolated helper beside it; the batches the main
/// world answered (well-formed) and those refused are counted.
#[cfg(feature = "test-hooks")]
pub mod bench_hooks {
    use std::cell::Cell;
    thread_local! {
        pub static MAIN_ON: Cell<bool> = const { Cell::new(true) };
        pub static TAKEN: Cell<u32> = const { Cell::new(0) };
        pub static REFUSED: Cell<u32> = const { Cell::new(0) };
    }
    pub(super) fn count(ok: bool) {
        let c = if ok { &TAKEN } else { &REFUSED };
        c.with(|c| c.set(c.get() + 1));
    }
    /// (taken, refused) since the last call.
    pub fn take_counts() -> (u32, u32) {
        (TAKEN.with(|c| c.replace(0)), REFUSED.with(|c| c.replace(0)))
    }
}

/// As `batch`, through `f` instead of the helper (bench hook: tools/bench/walk-worlds.mjs
/// passes a stand-in that has the page's own world run the walk).
#[cfg(feature = "test-hooks")]
pub fn batch_with(f: &js_sys::Function, rows: &JsValue, start: u32, end: u32, layout: Layout) -> Option<Batch> {
    let sels = SELECTORS.with(|s| s[if layout == Layout::Grid { 0 } else { 1 }].clone());
    let args = js_sys::Array::of5(rows, &JsValue::from(start), &JsValue::from(end), &JsValue::NULL, &sels);
    let out = f.apply(&JsValue::NULL, &args).ok()?.as_string()?;
    Some(Batch::new(out))
}

/// `rows` (an array of elements, added to the page) through the helper in one
/// call, skipping those in `seen`, any that is not a row of `layout` inside
/// `list` (an added wrapper or content, another list's row) and any repeat:
/// their records are empty. `None` when the helper is missing or failed.
pub fn batch_rows(rows: &JsValue, seen: &JsValue, layout: Layout, list: &Element) -> Option<Batch> {
    let n = rows.unchecked_ref::<js_sys::Array>().length();
    ask(rows, 0, n, seen, layout, Some(list))
}
