//! Developer aid (docs/performance.md, "Start-up", 12-01, perf1): what unpacking the data
//! stored one byte a character (crates/normalize/src/pack.rs) costs natively: the rule
//! needles (unpacked when the engine is built), the en/hi/mr catalogues (at a catalogue's
//! first look-up) and the fold's pool (at the first fold look-up outside ASCII, Devanagari
//! and Hangul). The needles and catalogues are timed on the same packed bytes the build
//! writes (included from OUT_DIR as the library does); the pool, which lives in the
//! normaliser's crate, by the first `normalize` that needs it against the second.
//!
//!   cargo run --release --example unpack [REPS]
use saavdhan::engine::normalize::{normalize, pack};
use std::time::Instant;

#[allow(dead_code)]
mod plan {
    include!(concat!(env!("OUT_DIR"), "/plan_builtin.rs"));
}
#[allow(dead_code)]
mod catalogues {
    include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));
}

/// Median and minimum of `reps` runs of one unpacking, in µs, and the text's length.
fn time(packed: &[u8], reps: usize) -> (f64, f64, usize) {
    let mut runs = Vec::with_capacity(reps);
    let mut len = 0;
    for _ in 0..reps {
        let t = Instant::now();
        let text = std::hint::black_box(pack::unpack_text(std::hint::black_box(packed))).expect("packed text");
        runs.push(t.elapsed().as_secs_f64() * 1e6);
        len = text.len();
    }
    runs.sort_by(f64::total_cmp);
    (runs[reps / 2], runs[0], len)
}

fn main() {
    let reps = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(200usize);
    // The pool first, while nothing has touched it: "é" and "ß" are folded by the table.
    let t = Instant::now();
    let a = normalize("Café ẞ");
    let first = t.elapsed().as_secs_f64() * 1e6;
    let t = Instant::now();
    let b = normalize("Café ẞ");
    let second = t.elapsed().as_secs_f64() * 1e6;
    assert_eq!(a, b);
    println!("fold pool: first normalize needing it {first:.1} µs, the second {second:.1} µs");
    let mut total = 0.0;
    for (name, packed) in [
        ("needles", plan::BUILTIN_NEEDLES),
        ("catalogue en", catalogues::EN),
        ("catalogue hi", catalogues::HI),
        ("catalogue mr", catalogues::MR),
    ] {
        let (median, min, len) = time(packed, reps);
        total += median;
        println!("{name}: {} B packed → {len} B of UTF-8, {median:.1} µs (median of {reps}; min {min:.1})", packed.len());
    }
    println!("needles + three catalogues: {total:.1} µs");
}
