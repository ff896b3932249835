//! Developer aid (docs/performance.md, "Engine speed"): the engine's cost per new message,
//! alone, for callgrind. A tracker is fed the bench thread of N messages (default 10,000,
//! as `saavdhan bench`), then 1,000 more one by one inside `incremental`, so that
//!
//!   valgrind --tool=callgrind --toggle-collect='incremental::incremental' \
//!     target/release/examples/incremental [N]
//!
//! counts only the new messages (instructions / 1,000 = instructions per new message).
use saavdhan::engine::{bench, Message, Tracker, Tuning};
use std::time::Instant;

#[inline(never)]
fn incremental(tracker: &mut Tracker, extra: &[Message]) -> usize {
    let mut evidence = 0;
    for m in extra {
        evidence += tracker.push(m).evidence.len();
    }
    evidence
}

fn main() {
    let n = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000usize);
    let conv = bench::sample_thread(n);
    let mut tracker = Tracker::new(conv.contact.clone(), Tuning::default(), None);
    for m in &conv.messages {
        tracker.push(m);
    }
    let extra = bench::sample_thread(1_000).messages;
    let t = Instant::now();
    let ev = incremental(&mut tracker, &extra);
    let per = t.elapsed().as_secs_f64() / extra.len() as f64;
    println!("incremental: {:.2} µs per new message after {n} (evidence {ev})", per * 1e6);
}
