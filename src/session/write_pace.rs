//! When the contacts' facts are written out to extension storage (issue 11:
//! the write — the store's JSON text, and `storage::set_making_room`'s read of
//! the stored value before it — cost ~1.5 ms after every step that fed
//! messages). New facts are written at once the first time on a page and
//! when a warning's level or stage changes (`Fed::log`); otherwise at most
//! once every [`GAP_MS`], the rest later by a timer, and at once when the page
//! is hidden or left (the glue listens for `visibilitychange` and `pagehide`).

/// The least time between two writes of facts that change no warning.
pub const GAP_MS: f64 = 3_000.0;

/// How long to wait before writing facts that are ready at `now_ms`: 0 for
/// now. `last_ms`: when they were last written on this page (`None`: never);
/// `urgent`: a warning's level or stage changed since.
pub fn wait_ms(now_ms: f64, last_ms: Option<f64>, urgent: bool) -> f64 {
    match last_ms {
        None => 0.0,
        Some(_) if urgent => 0.0,
        // A clock that went back (the page's clock is monotonic, but be safe): now.
        Some(l) if now_ms < l => 0.0,
        Some(l) => (GAP_MS - (now_ms - l)).max(0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_write_and_level_changes_are_at_once() {
        assert_eq!(wait_ms(10.0, None, false), 0.0);
        assert_eq!(wait_ms(10.0, Some(9.0), true), 0.0);
    }

    #[test]
    fn other_writes_wait_for_the_gap() {
        assert_eq!(wait_ms(1_000.0, Some(0.0), false), GAP_MS - 1_000.0);
        assert_eq!(wait_ms(GAP_MS, Some(0.0), false), 0.0);
        assert_eq!(wait_ms(GAP_MS + 5.0, Some(0.0), false), 0.0);
    }

    #[test]
    fn a_clock_that_went_back_writes_now() {
        assert_eq!(wait_ms(5.0, Some(100.0), false), 0.0);
    }
}
