//! Native unit tests of the warning experience's pure modules (catalogues,
//! palette contrast, sentences, links, evidence kit, per-contact memory).
//! They live under `src/web/` (compiled into the crate only for wasm32), so they
//! are mounted here by path and re-exported at the paths they use
//! (`crate::web::i18n`, `crate::web::ui::…`); their own `#[cfg(test)]` tests run
//! with `cargo test --test warning_ui`.
#![cfg(not(target_arch = "wasm32"))]

pub use saavdhan::engine;
pub use saavdhan::session;
pub use saavdhan::state;

#[path = "../src/web/i18n.rs"]
pub mod i18n;
#[path = "../src/web/ui/compose.rs"]
pub mod compose;
#[path = "../src/web/ui/evidence.rs"]
pub mod evidence;
#[path = "../src/web/ui/links.rs"]
pub mod links;
#[path = "../src/web/ui/memory.rs"]
pub mod memory;
#[path = "../src/web/ui/palette.rs"]
pub mod palette;

pub mod web {
    pub use crate::i18n;
    pub mod ui {
        pub use crate::{compose, evidence, links, memory, palette};
    }
}
