// Compiles rules/*.toml into $OUT_DIR/rules.json (what the engine embeds: ids,
// stages, tags, pattern groups) and $OUT_DIR/rule_examples.json (example sentences,
// used only by the test suite). A malformed rule file fails the build, naming the
// file and the rule.
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::Path;

const STAGES: &[&str] = &["contact", "grooming", "off_platform", "video_call", "extortion"];
/// English, Hindi, Hinglish, Marathi, Gujarati, Bengali, Tamil, Telugu, Kannada,
/// Malayalam, Punjabi (each in native script and romanised), and "any" for rules
/// shared across languages (names of apps, numbers).
const LANGUAGES: &[&str] = &["en", "hi", "hinglish", "mr", "gu", "bn", "ta", "te", "kn", "ml", "pa", "any"];
const TAGS: &[&str] = &[
    "greeting", "forward", "flattery", "personal", "intimacy", "number_ask", "app_move",
    "vc_invite", "sexual", "threat", "countdown", "money", "impostor", "recording",
    "kin", "listing", "matrimony", "service", "circle", "who_are_you", "caution", "payout", "aimed", "app_name", "fee_ask", "or_else", "secrecy", "shared_life", "id_check", "purpose",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    rule: Vec<Rule>,
    /// Word lists the tracker reads as such (not through the automaton): see
    /// `WORD_LISTS`. A new word is a data change here too.
    #[serde(default)]
    words: Vec<WordList>,
}

/// The word lists the tracker knows by name, and the Rust constant each becomes.
const WORD_LISTS: &[(&str, &str)] = &[("possessive", "POSSESSIVE"), ("comparison", "COMPARISON"), ("re_ask", "RE_ASK"), ("link", "LINK"), ("laugh", "LAUGH"), ("affection", "AFFECTION"), ("call", "CALL"), ("leave", "LEAVE"), ("pay_ask", "PAY_ASK"), ("call_minutes", "CALL_MINUTES"), ("call_hours", "CALL_HOURS"), ("record", "RECORD"), ("reach", "REACH"), ("reach_units", "REACH_UNITS"), ("viral", "VIRAL"), ("viral_done", "VIRAL_DONE"), ("viral_if", "VIRAL_IF"), ("obscene", "OBSCENE"), ("night", "NIGHT"), ("everyone", "EVERYONE"), ("your", "YOUR"), ("your_script", "YOUR_SCRIPT"), ("circle", "CIRCLE"), ("we", "WE")];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WordList {
    name: String,
    words: Vec<String>,
    positive: Vec<String>,
    negative: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rule {
    id: String,
    stage: String,
    tag: String,
    language: String,
    /// One group: any of these phrases.
    #[serde(default)]
    any: Vec<String>,
    /// More groups: every group must match somewhere in the same message.
    #[serde(default)]
    all: Vec<Vec<String>>,
    /// If any of these match, the rule does not fire.
    #[serde(default)]
    unless: Vec<String>,
    positive: Vec<String>,
    negative: Vec<String>,
}

#[derive(Serialize)]
struct Compiled<'a> {
    id: &'a str,
    stage: &'a str,
    tag: &'a str,
    language: &'a str,
    groups: Vec<&'a Vec<String>>,
    unless: &'a Vec<String>,
}

#[derive(Serialize)]
struct Examples<'a> {
    id: &'a str,
    file: String,
    positive: &'a Vec<String>,
    negative: &'a Vec<String>,
}

fn fail(msg: String) -> ! {
    eprintln!("error: {msg}");
    println!("cargo:warning={msg}");
    std::process::exit(1);
}

fn check_patterns(file: &str, id: &str, what: &str, pats: &[String]) {
    for p in pats {
        let core = p.trim_matches('*');
        // Symbols alone normalise to nothing (the emoji the normaliser reads as words excepted).
        if core.trim().is_empty() || crate::normalize::normalize(core).is_empty() {
            fail(format!("{file}: rule '{id}': {what} has an empty or symbol-only pattern {p:?}"));
        }
    }
}

pub fn compile() {
    println!("cargo:rerun-if-changed=rules");
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let dir = Path::new("rules");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| fail(format!("rules/: {e}")))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let sources: Vec<(String, String)> = paths
        .iter()
        .map(|p| {
            println!("cargo:rerun-if-changed={}", p.display());
            let name = p.display().to_string();
            let text = std::fs::read_to_string(p).unwrap_or_else(|e| fail(format!("{name}: {e}")));
            (name, text)
        })
        .collect();
    let files: Vec<(String, File)> = sources
        .iter()
        .map(|(name, text)| {
            let f: File = toml::from_str(text).unwrap_or_else(|e| fail(format!("{name}: {e}")));
            (name.clone(), f)
        })
        .collect();

    let mut ids = BTreeSet::new();
    let mut compiled = Vec::new();
    let mut examples = Vec::new();
    for (file, f) in &files {
        for r in &f.rule {
            let id = r.id.as_str();
            if id.is_empty() || !ids.insert(id.to_string()) {
                fail(format!("{file}: rule '{id}': empty or duplicate id"));
            }
            if !STAGES.contains(&r.stage.as_str()) {
                fail(format!("{file}: rule '{id}': unknown stage '{}' (one of {STAGES:?})", r.stage));
            }
            if !TAGS.contains(&r.tag.as_str()) {
                fail(format!("{file}: rule '{id}': unknown tag '{}' (one of {TAGS:?})", r.tag));
            }
            if !LANGUAGES.contains(&r.language.as_str()) {
                fail(format!("{file}: rule '{id}': unknown language '{}' (one of {LANGUAGES:?})", r.language));
            }
            let mut groups: Vec<&Vec<String>> = Vec::new();
            if !r.any.is_empty() {
                groups.push(&r.any);
            }
            groups.extend(r.all.iter());
            if groups.is_empty() || groups.iter().any(|g| g.is_empty()) {
                fail(format!("{file}: rule '{id}': needs `any` patterns or non-empty `all` groups"));
            }
            if groups.len() > 8 {
                fail(format!("{file}: rule '{id}': at most 8 pattern groups"));
            }
            for g in &groups {
                check_patterns(file, id, "a pattern group", g);
            }
            check_patterns(file, id, "`unless`", &r.unless);
            if r.positive.len() < 2 || r.negative.len() < 2 {
                fail(format!("{file}: rule '{id}': needs at least 2 positive and 2 negative examples"));
            }
            compiled.push(Compiled { id, stage: &r.stage, tag: &r.tag, language: &r.language, groups, unless: &r.unless });
            examples.push(Examples { id, file: file.clone(), positive: &r.positive, negative: &r.negative });
        }
    }
    println!("cargo:rerun-if-changed=src/engine/plan.rs");
    let owned: Vec<(String, Vec<Vec<String>>, Vec<String>)> =
        compiled.iter().map(|c| (c.id.to_string(), c.groups.iter().map(|g| (*g).clone()).collect(), c.unless.clone())).collect();
    let plan = crate::plan::plan(owned.iter().map(|(id, groups, unless)| crate::plan::RuleRef { id, groups, unless }))
        .unwrap_or_else(|e| fail(format!("rules: {e}")));
    std::fs::write(out_dir.join("plan.txt"), crate::plan::to_text(&plan)).unwrap();
    // The same plan as Rust data, what the engine loads at start-up without parsing:
    // the needles one per line, per needle the number of its (rule, group) pairs, and
    // the pairs in order (parsing plan.txt was a fifth of building the engine).
    // The needles as `normalize::pack::pack_text` writes them: one byte per character of a script's
    // 128-code-point window instead of UTF-8's three.
    // Without their word-boundary spaces, which the count table's flags keep
    // (`plan::BOUND_START`, `plan::BOUND_END`).
    let stripped: Vec<&str> = plan.needles.iter().map(|n| n.strip_prefix(' ').unwrap_or(n)).map(|n| n.strip_suffix(' ').unwrap_or(n)).collect();
    if stripped.iter().any(|n| n.is_empty() || n.starts_with(' ') || n.ends_with(' ')) {
        fail("rules: a needle is only spaces or has two at an end".into());
    }
    let packed = crate::normalize::pack::pack_text(&stripped.join("\n")).unwrap_or_else(|| fail("rules: a needle holds a control character".into()));
    let mut src = format!(
        "/// The built-in plan's needles without their boundary spaces, one per line (normalised text holds no newline), packed (`normalize::pack::pack_text`).\npub const BUILTIN_NEEDLES: &[u8] = {};\n",
        crate::normalize::pack::byte_literal(&packed)
    );
    src.push_str("/// Per needle, how many (rule, group) pairs it serves (`plan::COUNT`), and its boundary spaces (`plan::BOUND_START`, `plan::BOUND_END`).\npub const BUILTIN_TARGET_COUNTS: &[u8] = &[");
    for (t, needle) in plan.targets.iter().zip(&plan.needles) {
        let n = u8::try_from(t.len()).ok().filter(|&n| n <= crate::plan::COUNT).unwrap_or_else(|| fail(format!("rules: a needle serves {} rule groups (at most {})", t.len(), crate::plan::COUNT)));
        let n = n | if needle.starts_with(' ') { crate::plan::BOUND_START } else { 0 } | if needle.ends_with(' ') { crate::plan::BOUND_END } else { 0 };
        src.push_str(&format!("{n},"));
    }
    src.push_str("];\n/// The (rule, group) pairs of all needles, in needle order, packed (`plan::pack_target`).\npub const BUILTIN_TARGETS: &[u16] = &[");
    for &(r, g) in plan.targets.iter().flatten() {
        let packed = crate::plan::pack_target(r, g).unwrap_or_else(|| fail(format!("rules: rule {r} group {g} does not fit the packed plan (at most 4,096 rules)")));
        src.push_str(&format!("{packed},"));
    }
    src.push_str("];\n");
    std::fs::write(out_dir.join("plan_builtin.rs"), src).unwrap();
    // What the shipped engine embeds: the plan holds the patterns (normalised), so the
    // rules keep only their group count (empty groups), not the pattern text again.
    let empty: Vec<String> = Vec::new();
    let lite: Vec<Compiled> = compiled
        .iter()
        .map(|c| Compiled { id: c.id, stage: c.stage, tag: c.tag, language: c.language, groups: vec![&empty; c.groups.len()], unless: &empty })
        .collect();
    // As Rust source, so that the content script's module needs no JSON deserializer
    // for its rules: one line per rule, "id stage tag groups" (none of them holds a
    // space or a newline: checked here). Not the rule's language: no code of the
    // shipped engine reads it (rules.json and `Engine::from_json` keep it). One string literal rather than a table
    // of `&str` tuples, whose pointers made the module 0.6 KB gzip larger (measured).
    let mut lines = String::new();
    for c in &lite {
        for field in [c.id, c.stage, c.tag] {
            if field.contains(|ch: char| ch.is_whitespace()) {
                fail(format!("rules: rule '{}': '{field}' holds white space", c.id));
            }
        }
        lines.push_str(&format!("{} {} {} {}\n", c.id, c.stage, c.tag, c.groups.len()));
    }
    let mut table = String::from("/// Built-in rules without pattern text, one per line: \"id stage tag groups\" (groups: their number).\n");
    table.push_str(&format!("pub const BUILTIN_RULES: &str = {lines:?};\n"));
    std::fs::write(out_dir.join("rules_builtin.rs"), table).unwrap();
    std::fs::write(out_dir.join("word_lists.rs"), word_lists(&files)).unwrap();
    std::fs::write(out_dir.join("rules.json"), serde_json::to_string(&compiled).unwrap()).unwrap();
    std::fs::write(out_dir.join("rule_examples.json"), serde_json::to_string(&examples).unwrap()).unwrap();
}

/// The word lists as Rust constants (`pub const RE_ASK: Words`, a run of `TEXT` and
/// `LENS`; `LAUGH: &[&str]`), and their examples
/// (`RE_ASK_EXAMPLES`: positive, negative) for the tracker's tests. Each named list
/// exactly once, lower case (the tracker compares with lower-cased text); a laugh is
/// four bytes starting with 0xF0 (an emoji) or 'h' (the tracker compares four bytes).
fn word_lists(files: &[(String, File)]) -> String {
    let mut out = String::new();
    let mut text = String::new();
    for (name, konst) in WORD_LISTS {
        let found: Vec<(&String, &WordList)> = files.iter().flat_map(|(f, file)| file.words.iter().map(move |w| (f, w))).filter(|(_, w)| w.name == *name).collect();
        let [(file, list)] = found.as_slice() else { fail(format!("rules: word list '{name}' must be defined exactly once (found {})", found.len())) };
        if list.words.is_empty() || list.positive.len() < 2 || list.negative.len() < 2 {
            fail(format!("{file}: word list '{name}': needs words and at least 2 positive and 2 negative examples"));
        }
        for w in &list.words {
            if w.is_empty() || w.to_lowercase() != *w {
                fail(format!("{file}: word list '{name}': '{w}' must be non-empty and lower case"));
            }
            if *name == "laugh" && !(w.len() == 4 && (w.as_bytes()[0] == 0xF0 || w.as_bytes()[0] == b'h')) {
                fail(format!("{file}: word list 'laugh': '{w}' must be four bytes, an emoji or a word starting with 'h'"));
            }
            if *name == "affection" && !matches!(w.as_bytes()[0], 0xE2 | 0xF0) {
                fail(format!("{file}: word list 'affection': '{w}' must be an emoji starting with the byte 0xE2 or 0xF0"));
            }
        }
        // `laugh` stays a slice: the tracker turns it into integers at compile time.
        // Every other list is a run of words in one text (`TEXT`, each word's length
        // in `LENS`): no pointer/length pair per word (docs/performance.md "Size,
        // round 39").
        if *name == "laugh" {
            out.push_str(&format!("pub const {konst}: &[&str] = &{:?};\n", list.words));
        } else {
            let at = text.len();
            for w in &list.words {
                // Each word after its length in bytes, one ASCII character from a space on
                // (`pack_text` takes no control character but a line break).
                let len = u8::try_from(w.len()).ok().filter(|&l| l < 0x60).unwrap_or_else(|| fail(format!("{file}: word list '{name}': '{w}' is over 95 bytes")));
                text.push(char::from(0x20 + len));
                text.push_str(w);
            }
            out.push_str(&format!("pub const {konst}: Words = Words::new({at}, {});\n", text.len()));
        }
        out.push_str(&format!("#[cfg(test)]\npub const {konst}_EXAMPLES: (&[&str], &[&str]) = (&{:?}, &{:?});\n", list.positive, list.negative));
    }
    if text.len() > usize::from(u16::MAX) {
        fail("rules: the word lists' text is over 65,535 bytes".to_string());
    }
    // Packed as the needles are (saavdhan_normalize::pack): an Indic letter a byte.
    let packed = crate::normalize::pack::pack_text(&text).unwrap_or_else(|| fail("rules: a word list holds a control character".to_string()));
    out.push_str(&format!("static PACKED: &[u8] = {};\n", crate::normalize::pack::byte_literal(&packed)));
    for (file, f) in files {
        for w in &f.words {
            if !WORD_LISTS.iter().any(|(n, _)| *n == w.name) {
                fail(format!("{file}: unknown word list '{}' (one of {:?})", w.name, WORD_LISTS.iter().map(|(n, _)| n).collect::<Vec<_>>()));
            }
        }
    }
    out
}
