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
#[path = "build/fold_table.rs"]
mod fold_table;
// The engine's own normaliser and automaton plan, so the built-in rules' needles are
// worked out once here instead of at every page load. Here the normaliser folds
// characters with the reference fold (the shipped engine reads the table generated
// from it by fold_table.rs).
#[path = "src/engine/fold_reference.rs"]
mod fold;
#[allow(dead_code)]
#[path = "src/engine/normalize.rs"]
mod normalize;
#[allow(dead_code)]
#[path = "src/engine/plan.rs"]
mod plan;

fn main() {
    fold_table::compile();
    rules::compile();
    labels::compile();
    catalogues::compile();
}
