//! Warnings shown to the user (warning-experience work fills this in).
