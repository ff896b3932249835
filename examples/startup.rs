//! Developer aid (docs/performance.md, "Start-up", 12-01, lazy1): what building the
//! automaton costs natively, by script: the built-in needles (build.rs's plan) split as
//! the matcher splits them (no Indic letter; else the first Indic script a needle holds),
//! each part built alone with the matcher's builder options, against all of them in one.
//!
//!   cargo run --release --example startup [REPS] [DENSE_DEPTH] [BYTE_CLASSES 0/1] [PART]
//!   valgrind --tool=callgrind --toggle-collect='startup::build' target/release/examples/startup 1 3 1 deva
//!
//! prints per part: needles, bytes, the automaton's memory, median and minimum build time.
//!
//!   cargo run --release --example startup first
//!
//! times, in a fresh process, `Engine::builtin()` and then the first and second scan of a
//! message in each script (the first builds that script's automaton).
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::automaton::Automaton;
use aho_corasick::MatchKind;
use saavdhan::engine::{plan, rules};
use std::time::Instant;

const SCRIPTS: [&str; 9] = ["deva", "beng", "guru", "gujr", "orya", "taml", "telu", "knda", "mlym"];

/// The part of a needle: 0 for no Indic letter, 1 + the script of its first Indic letter.
fn part(n: &str) -> usize {
    n.chars().find(|&c| ('\u{900}'..'\u{d80}').contains(&c)).map_or(0, |c| 1 + (c as usize - 0x900) / 0x80)
}

#[inline(never)]
fn build(needles: &[&str], depth: usize, classes: bool) -> NFA {
    NFA::builder()
        .match_kind(MatchKind::Standard)
        .dense_depth(depth)
        .byte_classes(classes)
        .prefilter(false)
        .build(needles)
        .unwrap()
}

/// One message a script: the first scan of each builds its automaton.
const FIRST: [(&str, &str, &str); 9] = [
    ("latin", "mera number save kar lo", "video call karo abhi"),
    ("deva", "मेरा नंबर बदल गया है, नया नंबर सेव कर लो", "वीडियो कॉल करो अभी"),
    ("beng", "আমার নম্বর বদলে গেছে", "ভিডিও কল করো এখন"),
    ("guru", "ਮੇਰਾ ਨੰਬਰ ਬਦਲ ਗਿਆ ਹੈ", "ਵੀਡੀਓ ਕਾਲ ਕਰੋ ਹੁਣ"),
    ("gujr", "મારો નંબર બદલાઈ ગયો છે", "વીડિયો કૉલ કરો હમણાં"),
    ("taml", "என் நம்பர் மாறிவிட்டது", "வீடியோ கால் பண்ணு இப்போ"),
    ("telu", "నా నంబర్ మారింది", "వీడియో కాల్ చెయ్యి ఇప్పుడు"),
    ("knda", "ನನ್ನ ನಂಬರ್ ಬದಲಾಗಿದೆ", "ವಿಡಿಯೋ ಕಾಲ್ ಮಾಡು ಈಗ"),
    ("mlym", "എന്റെ നമ്പർ മാറി", "വീഡിയോ കോൾ ചെയ്യൂ ഇപ്പോൾ"),
];

fn first() {
    let t = Instant::now();
    let e = saavdhan::engine::Engine::builtin();
    print!("builtin {:.0} µs;", t.elapsed().as_secs_f64() * 1e6);
    for (name, a, b) in FIRST {
        let t = Instant::now();
        std::hint::black_box(e.scan(a));
        let one = t.elapsed().as_secs_f64() * 1e6;
        let t = Instant::now();
        std::hint::black_box(e.scan(b));
        print!(" {name} {one:.0}/{:.0}", t.elapsed().as_secs_f64() * 1e6);
    }
    println!(" µs (first/second message)");
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("first") {
        return first();
    }
    let arg = |i: usize, d: usize| std::env::args().nth(i).and_then(|a| a.parse().ok()).unwrap_or(d);
    let (reps, depth, classes) = (arg(1, 20), arg(2, 3), arg(3, 1) == 1);
    let (needles, _) = plan::from_text_flat(rules::BUILTIN_PLAN).expect("plan");
    let mut parts: Vec<Vec<&str>> = vec![Vec::new(); 10];
    for n in &needles {
        parts[part(n)].push(n);
    }
    let mut rows: Vec<(String, Vec<&str>)> = vec![("all".into(), needles.clone())];
    for (i, p) in parts.into_iter().enumerate() {
        if !p.is_empty() {
            rows.push((if i == 0 { "latin".into() } else { SCRIPTS[i - 1].into() }, p));
        }
    }
    let only = std::env::args().nth(4);
    println!("dense_depth {depth}, byte_classes {classes}");
    for (name, p) in rows.iter().filter(|(n, _)| only.as_ref().is_none_or(|o| o == n)) {
        let mut times = Vec::new();
        let mut mem = 0;
        for _ in 0..reps {
            let t = Instant::now();
            let a = std::hint::black_box(build(p, depth, classes));
            times.push(t.elapsed().as_secs_f64() * 1e6);
            mem = a.memory_usage();
        }
        times.sort_by(f64::total_cmp);
        let bytes: usize = p.iter().map(|n| n.len()).sum();
        println!("{name:6} {:5} needles {:6} B  automaton {:7} B  build {:8.1} µs (min {:8.1})", p.len(), bytes, mem, times[reps / 2], times[0]);
    }
}
