//! Extension pages: options and popup (family set-up work fills these in).
pub mod options;
pub mod popup;
