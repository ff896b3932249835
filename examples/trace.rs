//! Developer aid: `cargo run --release --example trace -- FILE...` prints, for each message of an
//! annotated conversation, who wrote it, the level after it, the evidence it added, and its text.
use saavdhan::engine::eval::load_dir;
use saavdhan::engine::{Tracker, Tuning};
use std::path::Path;

fn main() {
    for arg in std::env::args().skip(1) {
        let p = Path::new(&arg);
        let cases = load_dir(p.parent().unwrap_or(Path::new("."))).expect("load");
        let Some(case) = cases.iter().find(|c| Path::new(&c.file) == p) else { eprintln!("{arg}: not found"); continue };
        let c = &case.conversation;
        println!("== {} {:?}", case.file, case.expect);
        println!("   contact: {}", serde_json::to_string(&c.contact).unwrap_or_default());
        let mut t = Tracker::new(c.contact.clone(), Tuning::default(), None);
        for (i, m) in c.messages.iter().enumerate() {
            let a = t.push(m).clone();
            let ev: Vec<String> = a.evidence.iter().filter(|e| e.message == Some(i)).map(|e| format!("{}[{}]", e.rule, e.matched)).collect();
            let who = serde_json::to_value(m).ok().and_then(|v| Some(format!("{}{}", v.get("from")?.as_str()?, v.get("author").and_then(|x| x.as_str()).map(|a| format!("/{a}")).unwrap_or_default()))).unwrap_or_default();
            let kind = serde_json::to_value(m).ok().and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(String::from)).unwrap_or_default();
            // Every rule the text matches (the evidence above lists only the first of each).
            let all: Vec<String> = m.text.as_deref().map(|t| saavdhan::engine::Engine::builtin().scan(t).into_iter().map(|h| h.rule).map(|r| saavdhan::engine::Engine::builtin().rules()[r].id.to_string()).collect()).unwrap_or_default();
            println!("{i:>3} {:<8} s={:<3} {who:<14} {kind:<5} {:?} all={:?} | {}", format!("{:?}", a.level), t.suspicion_now(), ev, all, m.text.as_deref().unwrap_or("").chars().take(220).collect::<String>());
        }
    }
}
