//! Benchmark hooks for tools/bench (issue 7). They read no page and change nothing:
//!
//! * `bench_engine(n, repeats)` runs the engine on the synthetic bench thread
//!   (`engine::bench`, the same as `saavdhan bench`) and returns JSON figures, timed
//!   with `performance.now()` (present in browsers and in Node);
//! * `bench_compile_rules()` compiles the built-in rules now if they are not yet
//!   (the content-script loader calls it on test pages only, to time start-up with
//!   rule compilation included) and returns the milliseconds it took;
//! * `bench_wasm_memory()` is the size of the module's linear memory in bytes.
use crate::engine::{self, bench, Engine, Tracker, Tuning};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn perf_now() -> f64;
}

#[wasm_bindgen]
pub fn bench_compile_rules() -> f64 {
    let t = perf_now();
    let _ = Engine::builtin();
    perf_now() - t
}

#[wasm_bindgen]
pub fn bench_wasm_memory() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| m.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64)
        .unwrap_or(0.0)
}

/// The middle value (the upper one of an even count). An insertion sort of the
/// few repeats: slice::sort_by would add a ~3 KB sort monomorph to the content module.
fn median(mut v: Vec<f64>) -> f64 {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && v[j - 1] > v[j] {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Figures for a thread of `n` messages (at least 1), whole-thread runs repeated
/// `repeats` times (at least 1). JSON: messages, bytes, compile_ms (median of fresh
/// rule compilations), whole_ms (median), whole_best_ms, mb_s (from the median),
/// incremental_us (per new message pushed onto a tracker already holding n), level.
#[wasm_bindgen]
pub fn bench_engine(n: u32, repeats: u32) -> String {
    let n = n.max(1) as usize;
    let repeats = repeats.max(1) as usize;
    let conv = bench::sample_thread(n);
    let bytes = bench::text_bytes(&conv);
    let compile: Vec<f64> = (0..repeats)
        .map(|_| {
            let t = perf_now();
            let e = Engine::builtin_uncached();
            let ms = perf_now() - t;
            drop(e);
            ms
        })
        .collect();
    let _ = Engine::builtin();
    let mut whole = Vec::with_capacity(repeats);
    let mut level = engine::Level::None;
    for _ in 0..repeats {
        let t = perf_now();
        let a = engine::assess(&conv);
        whole.push(perf_now() - t);
        level = a.level;
    }
    let best = whole.iter().copied().fold(f64::MAX, f64::min);
    let whole_ms = median(whole);
    let mut tracker = Tracker::new(conv.contact.clone(), Tuning::default(), None);
    for m in &conv.messages {
        tracker.push(m);
    }
    let extra = bench::sample_thread(1_000).messages;
    let t = perf_now();
    for m in &extra {
        tracker.push(m);
    }
    let incremental_us = (perf_now() - t) * 1e3 / extra.len() as f64;
    // Built as a JS object and stringified by the browser: formatting floats in Rust
    // ({:.3}) pulls core's float printing (about 15 KB) into the content module.
    let level = match level {
        engine::Level::None => "None",
        engine::Level::Notice => "Notice",
        engine::Level::Warning => "Warning",
        engine::Level::Danger => "Danger",
    };
    json_of(&[
        ("messages", (n as f64).into()),
        ("bytes", (bytes as f64).into()),
        ("compile_ms", median(compile).into()),
        ("whole_ms", whole_ms.into()),
        ("whole_best_ms", best.into()),
        ("mb_s", (bytes as f64 / 1e6 / (whole_ms / 1e3)).into()),
        ("incremental_us", incremental_us.into()),
        ("level", level.into()),
    ])
}

/// A JSON object of the figures, written by the browser's JSON (so that the
/// module carries no number formatting of its own).
fn json_of(fields: &[(&str, JsValue)]) -> String {
    let o = js_sys::Object::new();
    for (k, v) in fields {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    js_sys::JSON::stringify(&o).ok().and_then(|s| s.as_string()).unwrap_or_default()
}

/// Reader cost on the current page (tools/bench, test pages): reads every
/// `[role=row]` of the first `[role=grid]` with the thread reader, and times a
/// floor for comparison (the same rows, only their `textContent`). JSON:
/// rows, read_ms, text_only_ms.
#[wasm_bindgen]
pub fn bench_read_rows() -> String {
    read_rows_figures(None)
}

/// As `bench_read_rows`, with `via` called in the snapshot helper's place (same
/// arguments, one string back): tools/bench/walk-worlds.mjs passes a function that has
/// the page's own world run the walk, to time that read as the reader's is timed.
#[wasm_bindgen]
pub fn bench_read_rows_via(via: js_sys::Function) -> String {
    read_rows_figures(Some(&via))
}

fn read_rows_figures(via: Option<&js_sys::Function>) -> String {
    use crate::web::reader::{dom, labels::Labels, thread};
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return "null".into() };
    let Some(root) = doc.document_element() else { return "null".into() };
    let Some(grid) = dom::qs(&root, "[role=grid]") else { return "null".into() };
    let labels = Labels::for_lang(&root.get_attribute("lang").unwrap_or_else(|| "en".into()));
    let rows = dom::qsa(&grid, "[role=row]");
    let t = perf_now();
    let mut read = Vec::new();
    for r in &rows {
        if let Some(m) = thread::read_row(r, &labels) {
            read.push(m);
        }
    }
    let read_ms = perf_now() - t;
    // The same rows through the snapshot helper (one call per 64 rows), as the reader
    // reads them: the shipped path (the page's main world's walk when it answers), then
    // the isolated helper alone (the main world left out), in the same page.
    use crate::web::reader::snapshot::bench_hooks;
    let list = grid.query_selector_all("[role=row]").ok();
    // What the reader's own steps sent to the main world since the last call.
    let (steps_taken, steps_refused) = bench_hooks::take_counts();
    let t = perf_now();
    let snapped = list.as_ref().map(|l| thread::read_rows_batched(l, &labels, via)).unwrap_or_default();
    let snap_ms = perf_now() - t;
    let (main_taken, main_refused) = bench_hooks::take_counts();
    bench_hooks::MAIN_ON.set(false);
    let t = perf_now();
    let isolated = list.as_ref().map(|l| thread::read_rows_batched(l, &labels, via)).unwrap_or_default();
    let iso_ms = perf_now() - t;
    bench_hooks::MAIN_ON.set(true);
    let n = read.len();
    // Both ways must read the same messages (sender, kind, text), not only as many.
    let snap_same = snapped == read;
    let iso_same = isolated == read;
    let snap_messages = snapped.len();
    let t = perf_now();
    let mut bytes = 0usize;
    for r in &rows {
        bytes += r.text_content().map_or(0, |s| s.len());
    }
    let text_only_ms = perf_now() - t;
    json_of(&[
        ("rows", (rows.len() as f64).into()),
        ("messages", (n as f64).into()),
        ("read_ms", read_ms.into()),
        ("snap_ms", snap_ms.into()),
        ("snap_messages", (snap_messages as f64).into()),
        ("snap_same", snap_same.into()),
        ("iso_ms", iso_ms.into()),
        ("iso_messages", (isolated.len() as f64).into()),
        ("iso_same", iso_same.into()),
        ("main_taken", main_taken.into()),
        ("main_refused", main_refused.into()),
        ("steps_main_taken", steps_taken.into()),
        ("steps_main_refused", steps_refused.into()),
        ("text_only_ms", text_only_ms.into()),
        ("bytes", (bytes as f64).into()),
    ])
}


thread_local! {
    /// The main world's last answer to a `saavdhan-bench-walk` event (see `listen_rows`).
    static ANSWER: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// A `CustomEvent` of `kind` carrying `detail` (through the page's constructor by
/// `Reflect`: the web-sys binding would need one more feature for a bench hook).
fn custom_event(kind: &str, detail: &str) -> Option<web_sys::Event> {
    let ctor = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("CustomEvent")).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let init = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&init, &JsValue::from_str("bubbles"), &JsValue::TRUE);
    let _ = js_sys::Reflect::set(&init, &JsValue::from_str("detail"), &JsValue::from_str(detail));
    js_sys::Reflect::construct(&ctor, &js_sys::Array::of2(&JsValue::from_str(kind), &init)).ok()?.dyn_into::<web_sys::Event>().ok()
}

/// Test pages only (tools/bench/walk-worlds.mjs, in Firefox too, where the content
/// script's world cannot be reached from WebDriver BiDi): a `saavdhan-bench-rows`
/// event on the document runs `bench_read_rows` in this world — with the snapshot
/// helper (detail `isolated`) or with each batch sent to the page's own world
/// (detail `main`: a `saavdhan-bench-walk` event on the grid with the batch's range,
/// answered by a `saavdhan-bench-answer` event whose detail is the batch's string; the
/// bench injects that side into the page) — and writes its JSON figures to the root's
/// `data-saavdhan-bench-rows`.
pub fn listen_rows() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let answer = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| {
        let s = js_sys::Reflect::get(&e, &JsValue::from_str("detail")).ok().and_then(|d| d.as_string());
        ANSWER.with(|a| *a.borrow_mut() = s);
    });
    let _ = doc.add_event_listener_with_callback_and_bool("saavdhan-bench-answer", answer.as_ref().unchecked_ref(), true);
    answer.forget();
    let run = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| {
        let main = js_sys::Reflect::get(&e, &JsValue::from_str("detail")).ok().and_then(|d| d.as_string()).as_deref() == Some("main");
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let Some(root) = doc.document_element() else { return };
        let out = if main {
            let Some(grid) = crate::web::reader::dom::qs(&root, "[role=grid]") else { return };
            let via = Closure::<dyn FnMut(JsValue, u32, u32) -> JsValue>::new(move |_rows: JsValue, start: u32, end: u32| {
                ANSWER.with(|a| *a.borrow_mut() = None);
                if let Some(ev) = custom_event("saavdhan-bench-walk", &format!("{start},{end}")) {
                    let _ = grid.dispatch_event(&ev);
                }
                ANSWER.with(|a| a.borrow_mut().take()).map_or(JsValue::NULL, |s| JsValue::from_str(&s))
            });
            let f: &js_sys::Function = via.as_ref().unchecked_ref();
            read_rows_figures(Some(f))
        } else {
            read_rows_figures(None)
        };
        let _ = root.set_attribute("data-saavdhan-bench-rows", &out);
    });
    let _ = doc.add_event_listener_with_callback("saavdhan-bench-rows", run.as_ref().unchecked_ref());
    run.forget();
}
