//! The `saavdhan` command line (native only; see `saavdhan::cli`).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    saavdhan::cli::main()
}

// `cargo test --target wasm32-unknown-unknown` builds every binary of the
// package too; the command line reads files, so there it is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}
