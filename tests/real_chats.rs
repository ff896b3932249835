//! Real public chats as a false-alarm check (issue 12): every WhatsApp export vendored
//! under tests/data/real-chats/ (each folder says where it came from and under which
//! licence in its PROVENANCE.md) is read by the same importer as `saavdhan scan` and
//! must give no `warning` and no `danger`.
//!
//! A group chat is judged as a group (each member their own contact). A one-to-one
//! chat is judged twice, each of its two people in turn being the user, so that no
//! guess about who exported it hides a false alarm.
use saavdhan::engine::{assess, Assessment, Conversation, Level, Stage};
use saavdhan::import;
use std::path::{Path, PathBuf};

fn chats() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/real-chats");
    let mut files = Vec::new();
    for dir in std::fs::read_dir(&root).unwrap_or_else(|e| panic!("{}: {e}", root.display())) {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        assert!(dir.join("PROVENANCE.md").is_file(), "{} has no PROVENANCE.md", dir.display());
        assert!(dir.join("LICENSE").is_file(), "{} has no LICENSE", dir.display());
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "txt") {
                files.push(f);
            }
        }
    }
    files.sort();
    files
}

fn load(path: &Path, me: Option<&str>) -> Conversation {
    import::load_file(path, me).unwrap_or_else(|e| panic!("{e}")).conversation
}

/// Each way of reading `path`: (who the user is, the conversation).
fn readings(path: &Path) -> Vec<(Option<String>, Conversation)> {
    let first = load(path, None);
    if first.contact.group {
        return vec![(None, first)];
    }
    // A two-person chat: its contact is one of the two; then the other.
    let a = first.contact.name.clone();
    let b = load(path, Some(&a)).contact.name;
    assert_ne!(a, b, "{}: one sender only", path.display());
    vec![(Some(b.clone()), load(path, Some(&b))), (Some(a.clone()), load(path, Some(&a)))]
}

/// The messages behind a level at or above `warning`: the one after which it was first
/// reached, and every ask, call or threat the engine saw, with who wrote it.
fn why(c: &Conversation, a: &Assessment) -> String {
    let mut out = String::new();
    let show = |i: usize| {
        let m = &c.messages[i];
        let text: String = m.text.as_deref().unwrap_or("").chars().take(200).collect();
        format!("#{i} {} {}: {}", m.at.map(|t| t.to_string()).unwrap_or_else(|| "?".into()), m.author.as_deref().unwrap_or(m.from.as_str()), text.replace('\n', " / "))
    };
    if let Some(i) = a.first_warning_at {
        out += &format!("    first warning after {}\n", show(i));
    }
    for e in a.evidence.iter().filter(|e| e.stage >= Stage::OffPlatform) {
        if let Some(i) = e.message {
            out += &format!("    {:?} {} [{}]: {}\n", e.stage, e.rule, e.matched, show(i));
            // A rule can be completed by the same author's short messages just before
            // (README "How it decides"): show them too.
            let same = |j: usize| c.messages[j].from == c.messages[i].from && c.messages[j].author == c.messages[i].author;
            for j in (i.saturating_sub(12)..i).filter(|&j| same(j)) {
                out += &format!("        before it: {}\n", show(j));
            }
        }
    }
    out
}

#[test]
fn the_real_chats_parse_with_their_senders() {
    let files = chats();
    assert!(!files.is_empty(), "no real chats in tests/data/real-chats/");
    for f in &files {
        let c = load(f, None);
        assert!(c.messages.len() > 100, "{}: only {} messages", f.display(), c.messages.len());
        assert!(c.messages.iter().all(|m| m.at.is_some()), "{}: a message without a time", f.display());
        if c.contact.group {
            assert!(c.messages.iter().all(|m| m.author.is_some()), "{}: a group message without its author", f.display());
        }
    }
}

/// The false-alarm budget of issue 12: no real chat reaches `warning`.
#[test]
fn real_chats_never_warn() {
    let mut report = String::new();
    let mut alarms = 0;
    let mut readings_n = 0;
    let mut levels = [0usize; 4];
    for f in chats() {
        let name = f.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(&f).display().to_string();
        for (me, c) in readings(&f) {
            readings_n += 1;
            let a = assess(&c);
            levels[a.level as usize] += 1;
            let who = match &me {
                Some(me) => format!("user {me}, contact {}", c.contact.name),
                None => format!("group {}", c.contact.name),
            };
            report += &format!("{name} ({who}, {} messages): {:?}\n", c.messages.len(), a.level);
            if a.level >= Level::Warning {
                alarms += 1;
                report += &why(&c, &a);
            }
        }
    }
    report += &format!(
        "real chats: {readings_n} readings: none {}, notice {}, warning {}, danger {} (budget: 0 warning or danger)\n",
        levels[0], levels[1], levels[2], levels[3]
    );
    println!("{report}");
    assert!(readings_n > 0);
    assert_eq!(alarms, 0, "{alarms} of {readings_n} real chat readings warned:\n{report}");
}
