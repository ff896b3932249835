//! Developer aid: `cargo run --release --example first_warnings -- DIR...` prints one line
//! per conversation: file, kind, first warning, first danger, peak level. Two runs diffed
//! show every conversation a change moved, not only the ones that cross a budget line.
use saavdhan::engine::eval::{load_dir, run};
use saavdhan::engine::Tuning;
use std::path::Path;

fn main() {
    for dir in std::env::args().skip(1) {
        let cases = load_dir(Path::new(&dir)).expect("load");
        for case in &cases {
            let o = run(case, Tuning::default());
            println!("{} {} warn={:?} danger={:?} peak={:?}", o.file, if o.scam { "scam" } else { "benign" }, o.first_warning_at, o.first_danger_at, o.peak_level());
        }
    }
}
