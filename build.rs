//! Build script: turns the data files (rules/*.toml, labels/*.toml) into compact
//! JSON embedded in the binary, so neither the native binary nor the WebAssembly
//! module carries a TOML parser, and a malformed data file fails the build with
//! its file name.
#[path = "build/rules.rs"]
mod rules;
#[path = "build/labels.rs"]
mod labels;
#[path = "build/catalogues.rs"]
mod catalogues;
// The engine's own normaliser (crates/normalize) and automaton plan, so the built-in
// rules' needles are worked out once here instead of at every page load.
use saavdhan_normalize as normalize;
#[allow(dead_code)]
#[path = "src/engine/plan.rs"]
mod plan;

fn main() {
    rules::compile();
    labels::compile();
    catalogues::compile();
}
