//! The corpus under tests/corpus/: scam progressions must reach `warning` before
//! their first video-call-stage message and `danger` once extortion appears; hard
//! benign conversations must stay below `warning`. Each file carries its expectation
//! (a top-level "expect" object, ignored by the conversation format), with the
//! author's own marks of where the video call and the extortion begin.
use saavdhan::engine::{Conversation, Level, Tuning, Tracker};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Deserialize)]
struct Expect {
    kind: String,
    language: String,
    first_video_call: Option<usize>,
    first_extortion: Option<usize>,
}

#[derive(Deserialize)]
struct File {
    expect: Expect,
}

fn corpus() -> Vec<(String, Expect, Conversation)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let text = std::fs::read_to_string(&p).unwrap();
        let f: File = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let c: Conversation = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        out.push((p.file_name().unwrap().to_string_lossy().into_owned(), f.expect, c));
    }
    out
}

#[test]
fn corpus_is_big_enough_and_covers_four_languages() {
    let all = corpus();
    let scams: Vec<_> = all.iter().filter(|c| c.1.kind == "scam").collect();
    let benign = all.iter().filter(|c| c.1.kind == "benign").count();
    assert!(all.len() >= 40 && scams.len() >= 20 && benign >= 20, "{} scams, {benign} benign", scams.len());
    for lang in ["en", "hi", "hinglish", "mr"] {
        assert!(scams.iter().any(|c| c.1.language == lang), "no scam in {lang}");
    }
}

#[test]
fn scams_warn_before_the_video_call_and_are_danger_at_extortion() {
    let mut failures = Vec::new();
    for (name, ex, conv) in corpus().into_iter().filter(|c| c.1.kind == "scam") {
        let vc = ex.first_video_call.unwrap();
        let ext = ex.first_extortion.unwrap();
        let mut t = Tracker::new(conv.contact.clone(), Tuning::default(), None);
        for (i, m) in conv.messages.iter().enumerate() {
            if i == vc && t.assessment().level < Level::Warning {
                failures.push(format!("{name}: only {:?} before the video call (message {vc})", t.assessment().level));
            }
            let a = t.push(m);
            if i == ext && a.level != Level::Danger {
                failures.push(format!("{name}: {:?} at the first extortion message {ext}", a.level));
            }
        }
        let a = t.assessment();
        if a.first_warning_at.is_none_or(|w| w >= vc) {
            failures.push(format!("{name}: first_warning_at {:?}, video call at {vc}", a.first_warning_at));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn benign_conversations_stay_below_warning() {
    let mut failures = Vec::new();
    for (name, _, conv) in corpus().into_iter().filter(|c| c.1.kind == "benign") {
        let a = saavdhan::engine::assess(&conv);
        if a.level >= Level::Warning {
            failures.push(format!("{name}: {:?} {:?}", a.level, a.evidence));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
