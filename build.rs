//! Build script: turns the data files (rules/*.toml, labels/*.toml) into compact
//! JSON embedded in the binary, so neither the native binary nor the WebAssembly
//! module carries a TOML parser, and a malformed data file fails the build with
//! its file name.
#[path = "build/rules.rs"]
mod rules;
#[path = "build/labels.rs"]
mod labels;

fn main() {
    rules::compile();
    labels::compile();
}
