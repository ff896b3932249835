//! Every example sentence in rules/*.toml, through the real matcher.
use saavdhan::engine::Engine;
use serde::Deserialize;

#[derive(Deserialize)]
struct Examples {
    id: String,
    file: String,
    positive: Vec<String>,
    negative: Vec<String>,
}

const EXAMPLES: &str = include_str!(concat!(env!("OUT_DIR"), "/rule_examples.json"));

fn fires(engine: &Engine, text: &str, id: &str) -> bool {
    engine.scan(text).iter().any(|h| engine.rules()[h.rule].id == id)
}

#[test]
fn every_rule_example_behaves() {
    let engine = Engine::builtin();
    let all: Vec<Examples> = serde_json::from_str(EXAMPLES).unwrap();
    assert!(all.len() >= 40, "only {} rules", all.len());
    let mut failures = Vec::new();
    for ex in &all {
        for p in &ex.positive {
            if !fires(engine, p, &ex.id) {
                failures.push(format!("{}: {}: should match {p:?}", ex.file, ex.id));
            }
        }
        for n in &ex.negative {
            if fires(engine, n, &ex.id) {
                failures.push(format!("{}: {}: should NOT match {n:?}", ex.file, ex.id));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn all_four_languages_and_every_stage_covered() {
    // The compiled rules with their language (the built-in engine's table leaves it out).
    let rules = saavdhan::engine::rules::parse(saavdhan::engine::rules::BUILTIN_JSON).unwrap();
    assert_eq!(rules.len(), Engine::builtin().rules().len());
    for lang in ["en", "hi", "hinglish", "mr"] {
        for stage in ["grooming", "off_platform", "video_call", "extortion"] {
            let n = rules
                .iter()
                .filter(|r| r.language == lang && serde_json::to_value(r.stage).unwrap() == stage)
                .count();
            assert!(n > 0, "no {stage} rule in {lang}");
        }
    }
}

#[test]
fn evidence_quotes_the_original_words() {
    let engine = Engine::builtin();
    let hits = engine.scan("Plz send ur WhаtsApp numbeeer dear");
    let h = hits.iter().find(|h| engine.rules()[h.rule].id == "off_platform.number_ask.en").unwrap();
    assert!(h.matched.contains("WhаtsApp") && h.matched.contains("numbeeer"), "{}", h.matched);
}
