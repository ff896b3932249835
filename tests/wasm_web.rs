//! Browser-side tests of the web layer's wrappers, run by wasm-bindgen-test in headless
//! Chromium (a plain test page: no extension APIs unless a test installs a stand-in).
//!
//!   CHROMEDRIVER=/usr/bin/chromedriver \
//!   CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!     cargo test --target wasm32-unknown-unknown --test wasm_web
//!
//! (webdriver.json at the crate root names /usr/bin/chromium and its headless flags.)
#![cfg(target_arch = "wasm32")]

use saavdhan::web::runtime::{report_state, Protection};
use saavdhan::web::storage::{self, Area};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Sample {
    name: String,
    count: u32,
    tags: Vec<String>,
}

fn global() -> JsValue {
    js_sys::global().into()
}

fn remove_chrome() {
    let _ = js_sys::Reflect::delete_property(&js_sys::global(), &"chrome".into());
}

/// Installs `chrome.storage.local` (and `chrome.runtime.sendMessage`) backed by a
/// plain object, with promise-returning methods like the real API.
fn install_fake_chrome() -> js_sys::Object {
    let backing = js_sys::Object::new();
    let make = |args: &str, body: &str| js_sys::Function::new_with_args(args, body);
    let area = js_sys::Object::new();
    let get = make(
        "keys",
        "const s = this.__s; const out = {};
         if (keys === null || keys === undefined) { Object.assign(out, s); }
         else { for (const k of [].concat(keys)) if (k in s) out[k] = structuredClone(s[k]); }
         return Promise.resolve(out);",
    );
    let set = make("items", "for (const k of Object.keys(items)) this.__s[k] = structuredClone(items[k]); return Promise.resolve();");
    let remove = make("keys", "for (const k of [].concat(keys)) delete this.__s[k]; return Promise.resolve();");
    let clear = make("", "for (const k of Object.keys(this.__s)) delete this.__s[k]; return Promise.resolve();");
    js_sys::Reflect::set(&area, &"__s".into(), &backing).unwrap();
    for (name, f) in [("get", get), ("set", set), ("remove", remove), ("clear", clear)] {
        js_sys::Reflect::set(&area, &name.into(), &f).unwrap();
    }
    let storage = js_sys::Object::new();
    js_sys::Reflect::set(&storage, &"local".into(), &area).unwrap();
    let sent = js_sys::Array::new();
    let runtime = js_sys::Object::new();
    let send = make("msg", "this.__sent.push(msg); return Promise.reject(new Error('Receiving end does not exist.'));");
    js_sys::Reflect::set(&runtime, &"__sent".into(), &sent).unwrap();
    js_sys::Reflect::set(&runtime, &"sendMessage".into(), &send).unwrap();
    let chrome = js_sys::Object::new();
    js_sys::Reflect::set(&chrome, &"storage".into(), &storage).unwrap();
    js_sys::Reflect::set(&chrome, &"runtime".into(), &runtime).unwrap();
    js_sys::Reflect::set(&global(), &"chrome".into(), &chrome).unwrap();
    backing
}

// The tests below replace the global `chrome`, and wasm-bindgen-test may interleave async
// tests at await points, so they run in sequence inside one test. The storage wrapper
// resolves `chrome` once (a thread-local static), so the stand-in is installed before
// its first use; a missing area (session, absent from the stand-in) checks the error path.
#[wasm_bindgen_test]
async fn web_wrappers_against_stand_in_extension_apis() {
    storage_round_trips_serde_values_and_reports_absent_and_mistyped().await;
    report_state_sends_the_message_and_swallows_a_closed_channel().await;
}

async fn storage_round_trips_serde_values_and_reports_absent_and_mistyped() {
    let backing = install_fake_chrome();
    let v = Sample { name: "Priya".into(), count: 3, tags: vec!["a".into(), "ब".into()] };
    storage::set(Area::Local, "contact:1", &v).await.map_err(|e| format!("{e:?}")).expect("set");
    // Stored as a plain JSON-compatible object, readable by the other browser's code.
    let raw = js_sys::Reflect::get(&backing, &"contact:1".into()).unwrap();
    assert_eq!(js_sys::Reflect::get(&raw, &"count".into()).unwrap().as_f64(), Some(3.0));
    assert_eq!(storage::get::<Sample>(Area::Local, "contact:1").await.expect("get"), Some(v));
    assert_eq!(storage::get::<Sample>(Area::Local, "absent").await.expect("absent"), None);
    storage::set(Area::Local, "wrong", &"just a string").await.unwrap();
    assert!(storage::get::<Sample>(Area::Local, "wrong").await.is_err(), "mistyped value must be Err");
    storage::remove(Area::Local, "contact:1").await.unwrap();
    assert_eq!(storage::get::<Sample>(Area::Local, "contact:1").await.unwrap(), None);
    storage::clear(Area::Local).await.unwrap();
    assert_eq!(js_sys::Object::keys(&backing).length(), 0);
    // An area the stand-in lacks (session) is an error, not a panic or a throw.
    assert!(storage::get_raw(Area::Session, "x").await.is_err());
    assert!(storage::set(Area::Session, "x", &1u32).await.is_err());
}

async fn report_state_sends_the_message_and_swallows_a_closed_channel() {
    install_fake_chrome();
    report_state(Protection::PausedWasm, "CompileError");
    // Let the rejected promise settle: an unhandled rejection would be reported by the runner.
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL)).await.unwrap();
    let runtime = js_sys::Reflect::get(&js_sys::Reflect::get(&global(), &"chrome".into()).unwrap(), &"runtime".into()).unwrap();
    let sent: js_sys::Array = js_sys::Reflect::get(&runtime, &"__sent".into()).unwrap().unchecked_into();
    assert_eq!(sent.length(), 1);
    let msg = sent.get(0);
    assert_eq!(js_sys::Reflect::get(&msg, &"type".into()).unwrap().as_string().as_deref(), Some("saavdhan:state"));
    assert_eq!(js_sys::Reflect::get(&msg, &"state".into()).unwrap().as_string().as_deref(), Some("paused_wasm"));
    assert_eq!(js_sys::Reflect::get(&msg, &"detail".into()).unwrap().as_string().as_deref(), Some("CompileError"));
    // Without chrome.runtime at all it is a silent no-op.
    remove_chrome();
    report_state(Protection::Active, "");
}

#[wasm_bindgen_test]
fn ui_show_puts_the_warning_in_a_closed_shadow_root_before_the_message_list() {
    // The contract the end-to-end tests rely on, through the real `ui::show`: the host
    // exposes level and stage, nothing inside is reachable from the page, a hostile
    // name is text, and `remove_all` takes the host (and its listeners) away.
    use saavdhan::engine::{Assessment, Contact, Conversation, Evidence, FriendStatus, Level, Message, MessageKind, Sender, Stage};
    use saavdhan::web::ui::{self, Placement, WarningContext};
    let doc = web_sys::window().unwrap().document().unwrap();
    let main = doc.create_element("div").unwrap();
    main.set_attribute("role", "main").unwrap();
    let grid = doc.create_element("div").unwrap();
    grid.set_attribute("role", "grid").unwrap();
    main.append_child(&grid).unwrap();
    doc.body().unwrap().append_child(&main).unwrap();
    let name = "<b>Priya</b> \u{202E}Sharma";
    let conversation = Conversation {
        contact: Contact {
            name: name.into(),
            profile_url: Some("https://www.facebook.com/profile.php?id=1".into()),
            friend_status: FriendStatus::NotFriends,
            friends_since: None,
            mutual_friends: Some(0),
            friend_count: None,
            joined: None,
            lives_in: None,
            ..Contact::named(String::new())
        },
        messages: vec![Message { from: Sender::Them, at: None, kind: MessageKind::Text, text: Some("Please share your WhatsApp number <i>now</i>".into()), author: None }],
    };
    let assessment = Assessment {
        level: Level::Warning,
        stage: Stage::OffPlatform,
        evidence: vec![Evidence { message: Some(0), stage: Stage::OffPlatform, rule: "x".into(), matched: "WhatsApp number".into() }],
        first_warning_at: Some(0),
    };
    let settings = saavdhan::state::settings::Settings::default();
    let ctx = WarningContext { contact_key: "fb:1", conversation: &conversation, assessment: &assessment, page_url: "https://www.facebook.com/messages/t/1", settings: &settings };
    ui::show(&main, Placement::Thread, &ctx).unwrap();
    let host = doc.query_selector("[data-saavdhan-warning=thread]").unwrap().expect("ui::show added a host");
    assert_eq!(host.get_attribute("data-saavdhan-level").as_deref(), Some("warning"));
    assert_eq!(host.get_attribute("data-saavdhan-stage").as_deref(), Some("off_platform"));
    assert_eq!(host.next_element_sibling().as_ref(), Some(&grid), "right before the message list");
    assert!(host.shadow_root().is_none(), "a closed shadow root is not reachable from the page");
    assert!(doc.query_selector("b, i").unwrap().is_none(), "the name and the quote stay text");
    assert!(host.text_content().unwrap_or_default().is_empty(), "nothing of the warning is in the page's DOM");
    // Idempotent: the same context again leaves one host.
    ui::show(&main, Placement::Thread, &ctx).unwrap();
    assert_eq!(doc.query_selector_all("[data-saavdhan-warning]").unwrap().length(), 1);
    ui::remove_all();
    assert!(doc.query_selector("[data-saavdhan-warning]").unwrap().is_none(), "remove_all takes it away");
    main.remove();
}
