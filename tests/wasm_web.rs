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
    a_full_store_is_trimmed_and_a_write_that_never_answers_lets_go().await;
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

/// `{version: 2, contacts}` with `n` contacts, fb:1 the most recently active, as the
/// contacts store writes it.
fn contacts(n: usize) -> saavdhan::state::Stored {
    saavdhan::state::Stored::of(2, &contacts_value(n))
}

fn contacts_value(n: usize) -> serde_json::Value {
    let now = (js_sys::Date::now() / 1000.0) as i64;
    let map: serde_json::Map<String, serde_json::Value> = (1..=n)
        .map(|i| {
            let facts = serde_json::json!({"version": 1, "messages_seen": i, "stages": []});
            (format!("fb:{i}"), serde_json::json!({"facts": facts, "last_activity": now - i as i64 * 3600}))
        })
        .collect();
    serde_json::json!({"version": 2, "contacts": map})
}

fn stored_contacts(backing: &js_sys::Object) -> Vec<String> {
    let v = js_sys::Reflect::get(backing, &"contacts".into()).unwrap();
    let map = js_sys::Reflect::get(&v, &"contacts".into()).unwrap();
    js_sys::Object::keys(map.unchecked_ref::<js_sys::Object>()).iter().filter_map(|k| k.as_string()).collect()
}

/// The stand-in's `set` refuses writes of the contacts store as the browsers were seen to:
/// "hang" never answers the first one; "firefox" refuses more than 20 contacts with
/// Firefox's QuotaExceededError and answers the write after any refusal with its
/// "An unexpected error occurred"; "other" refuses every one with an error not about room.
async fn a_full_store_is_trimmed_and_a_write_that_never_answers_lets_go() {
    use saavdhan::state::contacts::CONTACTS_KEY;
    use saavdhan::state::quota::{ANSWER_WITHIN_MS, STORAGE_NOTE_KEY};
    let chrome = js_sys::Reflect::get(&global(), &"chrome".into()).unwrap();
    let area: js_sys::Object = js_sys::Reflect::get(&js_sys::Reflect::get(&chrome, &"storage".into()).unwrap(), &"local".into()).unwrap().unchecked_into();
    let backing: js_sys::Object = js_sys::Reflect::get(&area, &"__s".into()).unwrap().unchecked_into();
    let set = js_sys::Function::new_with_args(
        "items",
        "if ('contacts' in items) {
           const n = Object.keys(items.contacts.contacts).length;
           if (this.__mode === 'hang' && !this.__hung) { this.__hung = true; return new Promise(() => {}); }
           if (this.__mode === 'other') return Promise.reject(new Error('DataCloneError: The object could not be cloned.'));
           if (this.__mode === 'firefox') {
             if (this.__refused) { this.__refused = false; return Promise.reject(new Error('An unexpected error occurred')); }
             if (n > 20) { this.__refused = true; return Promise.reject(new Error('QuotaExceededError: storage.local API call exceeded its quota limitations.')); }
           }
         }
         for (const k of Object.keys(items)) this.__s[k] = structuredClone(items[k]);
         return Promise.resolve();",
    );
    js_sys::Reflect::set(&area, &"set".into(), &set).unwrap();
    let mode = |m: &str| js_sys::Reflect::set(&area, &"__mode".into(), &m.into()).unwrap();

    // Firefox at its quota: 25 trimmed, the unexplained refusal that follows written
    // again as it is (not 49 trimmed), and the popup's note says 25.
    storage::clear(Area::Local).await.unwrap();
    mode("firefox");
    storage::set_making_room(CONTACTS_KEY, &contacts(40)).await.map_err(|e| format!("{e:?}")).expect("written after trimming");
    let kept = stored_contacts(&backing);
    assert_eq!(kept.len(), 15, "{kept:?}");
    assert!(kept.contains(&"fb:1".to_string()) && kept.contains(&"fb:15".to_string()) && !kept.contains(&"fb:16".to_string()), "{kept:?}");
    let note: serde_json::Value = storage::get(Area::Local, STORAGE_NOTE_KEY).await.unwrap().unwrap();
    assert_eq!(note["trimmed"], 25);
    assert_eq!(note["failed"], false);

    // An error that is not about room trims nothing and leaves no note.
    storage::clear(Area::Local).await.unwrap();
    mode("");
    storage::set_making_room(CONTACTS_KEY, &contacts(30)).await.unwrap();
    mode("other");
    assert!(storage::set_making_room(CONTACTS_KEY, &contacts(31)).await.is_err());
    assert_eq!(stored_contacts(&backing).len(), 30, "nothing trimmed");
    assert_eq!(storage::get::<serde_json::Value>(Area::Local, STORAGE_NOTE_KEY).await.unwrap(), None);

    // A write that never answers: the writer gives up on it after the bound, writes
    // again, and its turn is free for the next write.
    mode("hang");
    let t0 = js_sys::Date::now();
    storage::set_making_room(CONTACTS_KEY, &contacts(32)).await.map_err(|e| format!("{e:?}")).expect("written on the second try");
    let waited = js_sys::Date::now() - t0;
    assert!(waited >= f64::from(ANSWER_WITHIN_MS) - 50.0 && waited < f64::from(ANSWER_WITHIN_MS) * 2.0, "waited {waited} ms");
    assert_eq!(stored_contacts(&backing).len(), 32);
    storage::set_making_room(CONTACTS_KEY, &contacts(33)).await.expect("the turn was released");
    assert_eq!(stored_contacts(&backing).len(), 33);
    storage::clear(Area::Local).await.unwrap();
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

#[wasm_bindgen_test]
fn the_evidence_json_the_browser_indents_is_serde_jsons_pretty_text() {
    // `evidence::to_json` in the content module: serde_json's compact text indented by
    // JSON.stringify(…, null, 2) (docs/performance.md "Size, round 38"); it must be the
    // text `to_string_pretty` wrote before, awkward strings and empty lists included.
    use saavdhan::engine::time::Timestamp;
    use saavdhan::engine::{Level, MessageKind, Sender, Stage};
    use saavdhan::web::ui::evidence::{self, ContactRecord, EvidenceKit, FlaggedMessage, ReportingStep, RuleHit};
    let odd = "q\"uo\\te \u{0}\u{1}\u{8}\t\n\u{c}\r\u{1f}\u{7f} </script> \u{2028}\u{2029} आपका 😂 é";
    let hit = |m: &str| RuleHit { rule: "extortion.pay".into(), stage: Stage::Extortion, matched: m.into() };
    let mut kit = EvidenceKit {
        saavdhan_evidence_version: evidence::FORMAT_VERSION,
        saved_at: "2026-11-28T10:00:00.000Z".into(),
        saved_at_local: "2026-11-28 15:30 (UTC+05:30)".into(),
        language: "hi",
        contact: ContactRecord { name: odd.into(), profile_url: None, profile_id: Some("100087".into()) },
        thread_url: Some("https://www.facebook.com/messages/t/555?x=1&y=\"2\"".into()),
        thread_id: None,
        level: Level::Danger,
        stage: Stage::Extortion,
        flagged_messages: vec![
            FlaggedMessage { index: 0, from: Sender::Them, at: Timestamp::parse_date_or_time("2026-11-06T09:00:00+05:30"), kind: MessageKind::Text, text: Some(odd.into()), rules: vec![hit(odd), hit("pay 5000")] },
            FlaggedMessage { index: 4_000_000_000, from: Sender::Me, at: Timestamp::parse_date_or_time("2026-11"), kind: MessageKind::MissedVideoCall, text: None, rules: Vec::new() },
        ],
        profile_evidence: Vec::new(),
        reporting_steps: vec![ReportingStep { label: odd.into(), href: Some("tel:1930".into()) }, ReportingStep { label: String::new(), href: None }],
    };
    assert_eq!(evidence::to_json(&kit), serde_json::to_string_pretty(&kit).unwrap());
    kit.flagged_messages.clear();
    kit.reporting_steps.clear();
    assert_eq!(evidence::to_json(&kit), serde_json::to_string_pretty(&kit).unwrap());
}
