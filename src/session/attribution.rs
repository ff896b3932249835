//! Which contact a thread's messages belong to, decided before anything is fed.
//!
//! Facebook redraws a thread in parts when the user moves to another one: the
//! header, the message list's label ("Messages in conversation with NAME") and
//! the address change at different moments (300 ms apart was measured), and it
//! may keep the list's row elements, showing the old thread's text for a while.
//! Feeding in between once gave a friend the blackmailer's messages and a stored
//! DANGER (issue 16). So messages are attributed only when every name the page
//! shows for the thread agrees, and the address agrees with the name it went
//! with before; until then the controller feeds nothing and looks again.
//!
//! Pure: no DOM. The controller gathers a [`Sighting`] and asks a [`Gate`].

/// What one look at a thread (or chat window) found, before feeding.
#[derive(Debug, Clone, Default)]
pub struct Sighting<'a> {
    /// The contact key the reader derived (profile "fb:…", else thread "t:…").
    pub key: &'a str,
    /// Whether that key came from the address (no profile link on the page).
    pub key_from_url: bool,
    /// The message list's own label, captured ("Messages in conversation with NAME").
    pub list_name: Option<&'a str>,
    /// The thread region's label, captured ("Conversation with NAME").
    pub scope_name: Option<&'a str>,
    /// The text of the header's profile link (the link the key came from).
    pub header_name: Option<&'a str>,
    /// The thread id in the address (thread pages; `None` for chat windows).
    pub thread: Option<&'a str>,
    /// Names on the list's message rows (senders), excluding "You sent".
    pub sender_names: &'a [String],
}

/// The gate's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Feed the rows to this contact.
    Feed,
    /// Feed nothing now and look again soon (why, for the debug output).
    Wait(&'static str),
}

/// How long a sighting whose names agree waits for the address to follow
/// before the address is no longer asked (ms). Only for keys from a profile
/// link: a key from the address itself is never taken while they disagree.
pub const URL_SETTLE_MS: f64 = 3_000.0;

/// Names compared as a reader sees them: case, spacing, bidi marks, accents and
/// look-alike letters aside (the normaliser's character fold, which also spares the
/// content module core's Unicode lower-case table).
pub fn same_name(a: &str, b: &str) -> bool {
    fn n(s: &str) -> String {
        let mut folded = String::with_capacity(s.len());
        crate::engine::normalize::fold_str(s, &mut |c| folded.push(c));
        let joined = crate::state::one_spaced(&folded);
        // Readers cap what they take from the page (a 10,000-character name is read
        // whole from a label but capped from text): names are compared by their
        // first 256 characters, far beyond any real profile name.
        crate::state::first_chars(&joined, NAME_CHARS_COMPARED).to_string()
    }
    n(a) == n(b)
}

/// How much of two names [`same_name`] compares.
const NAME_CHARS_COMPARED: usize = 256;

/// One thread region's (main thread or one chat window) attribution state.
#[derive(Debug, Clone, Default)]
pub struct Gate {
    /// The address thread and the name of the last sighting fed.
    last: Option<(Option<String>, String)>,
    /// The name fed before the latest navigation: rows still showing it as their
    /// sender are the old thread's (reused row elements).
    previous: Option<String>,
    /// Since the latest navigation, nothing has been fed yet.
    settling: bool,
    /// When the current disagreement with the address began (ms).
    disagree_since: Option<f64>,
}

impl Gate {
    /// The address changed: the next sighting must show the new thread.
    pub fn navigated(&mut self) {
        if let Some((_, name)) = &self.last {
            self.previous = Some(name.clone());
        }
        self.settling = true;
        self.disagree_since = None;
    }

    /// Whether the next check looks at the rows' sender names (the controller
    /// gathers them only then: right after a navigation away from a contact).
    pub fn wants_senders(&self) -> bool {
        self.settling && self.previous.is_some()
    }

    /// Whether rows may be fed for `s` now (`now` in ms).
    pub fn check(&mut self, s: &Sighting, now: f64) -> Verdict {
        // 1. Every name the page shows for the thread must be the same.
        let mut names: Vec<&str> = Vec::new();
        for n in [s.list_name, s.scope_name, s.header_name] {
            if let Some(n) = n.filter(|n| !n.trim().is_empty()) {
                names.push(n);
            }
        }
        let Some(name) = names.first().copied() else {
            // Nothing names the thread: only a key from a profile link can be trusted.
            return if s.key_from_url { Verdict::Wait("thread names no contact") } else { self.fed(s, String::new()) };
        };
        if names.iter().any(|n| !same_name(n, name)) {
            return Verdict::Wait("header and message list name different contacts");
        }
        // 2. After a navigation, rows still signed by the previous contact are the
        //    old thread's, left in reused row elements.
        if self.settling {
            if let Some(prev) = &self.previous {
                if !same_name(prev, name) && s.sender_names.iter().any(|n| same_name(n, prev)) {
                    return Verdict::Wait("rows still show the previous thread");
                }
            }
        }
        // 3. The address and the name change together: one changing alone is a
        //    navigation in progress.
        if let (Some(thread), Some((last_thread, last_name))) = (s.thread, &self.last) {
            let thread_changed = last_thread.as_deref() != Some(thread);
            let name_changed = !same_name(last_name, name);
            if thread_changed != name_changed {
                let since = *self.disagree_since.get_or_insert(now);
                if s.key_from_url || now - since < URL_SETTLE_MS {
                    return Verdict::Wait("address and thread name disagree");
                }
            }
        }
        self.fed(s, name.to_string())
    }

    fn fed(&mut self, s: &Sighting, name: String) -> Verdict {
        self.last = Some((s.thread.map(str::to_string), name));
        self.settling = false;
        self.disagree_since = None;
        Verdict::Feed
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn names_differing_in_case_accents_marks_or_look_alikes_are_the_same_name() {
        assert!(same_name("Neha  KAPOOR", "neha kapoor"));
        assert!(same_name("\u{200F}José Kumar\u{200E}", "jose kumar"));
        // Cyrillic а and о in a name written to look Latin.
        assert!(same_name("R\u{0430}dhika Sh\u{043E}rey", "Radhika Shorey"));
        assert!(same_name("प्रिया शर्मा", "प्रिया  शर्मा"));
        assert!(!same_name("Neha Kapoor", "Neha Kapur"));
        assert!(!same_name("प्रिया", "प्रिय"));
    }

    #[test]
    fn a_very_long_name_capped_on_one_side_is_the_same_name() {
        let long = "Neha".repeat(2500);
        assert!(same_name(&long, &long[..4096]));
        assert!(!same_name(&long, "Neha Kapoor"));
        assert!(!same_name(&"Neha".repeat(100), &"Riya".repeat(100)));
    }

    use super::*;

    fn sight<'a>(key: &'a str, list: &'a str, header: &'a str, thread: &'a str) -> Sighting<'a> {
        Sighting {
            key,
            list_name: Some(list),
            header_name: Some(header),
            thread: Some(thread),
            ..Default::default()
        }
    }

    /// The scammer's thread was read; the user then opens the friend's.
    fn after_scammer() -> Gate {
        let mut g = Gate::default();
        assert_eq!(g.check(&sight("fb:1", "Neha Kapoor", "Neha Kapoor", "1"), 0.0), Verdict::Feed);
        g.navigated();
        g
    }

    #[test]
    fn header_first_waits_until_the_list_follows() {
        let mut g = after_scammer();
        // New header (friend's link), old list (scammer's label and rows).
        assert!(matches!(g.check(&sight("fb:2", "Neha Kapoor", "Ramesh Iyer", "2"), 10.0), Verdict::Wait(_)));
        assert_eq!(g.check(&sight("fb:2", "Ramesh Iyer", "Ramesh Iyer", "2"), 20.0), Verdict::Feed);
    }

    #[test]
    fn list_first_waits_until_the_header_follows() {
        let mut g = after_scammer();
        assert!(matches!(g.check(&sight("fb:1", "Ramesh Iyer", "Neha Kapoor", "2"), 10.0), Verdict::Wait(_)));
        assert_eq!(g.check(&sight("fb:2", "Ramesh Iyer", "Ramesh Iyer", "2"), 20.0), Verdict::Feed);
    }

    #[test]
    fn address_last_waits_for_the_address_or_settles() {
        let mut g = after_scammer();
        // Names agree on the friend, the address still shows the scammer's thread.
        assert!(matches!(g.check(&sight("fb:2", "Ramesh Iyer", "Ramesh Iyer", "1"), 10.0), Verdict::Wait(_)));
        assert!(matches!(g.check(&sight("fb:2", "Ramesh Iyer", "Ramesh Iyer", "1"), 500.0), Verdict::Wait(_)));
        assert_eq!(g.check(&sight("fb:2", "Ramesh Iyer", "Ramesh Iyer", "2"), 600.0), Verdict::Feed);
        // An address that never follows: a key from a profile link settles.
        let mut g = after_scammer();
        assert!(matches!(g.check(&sight("fb:2", "Ramesh Iyer", "Ramesh Iyer", "1"), 10.0), Verdict::Wait(_)));
        assert_eq!(g.check(&sight("fb:2", "Ramesh Iyer", "Ramesh Iyer", "1"), 10.0 + URL_SETTLE_MS), Verdict::Feed);
    }

    #[test]
    fn address_first_with_a_key_from_the_address_never_settles() {
        let mut g = Gate::default();
        let s = Sighting { key: "t:1", key_from_url: true, list_name: Some("Neha Kapoor"), thread: Some("1"), ..Default::default() };
        assert_eq!(g.check(&s, 0.0), Verdict::Feed);
        g.navigated();
        // Address now names the friend's thread; the page still shows the scammer.
        let s = Sighting { key: "t:2", key_from_url: true, list_name: Some("Neha Kapoor"), thread: Some("2"), ..Default::default() };
        assert!(matches!(g.check(&s, 10.0), Verdict::Wait(_)));
        assert!(matches!(g.check(&s, 10.0 + 10.0 * URL_SETTLE_MS), Verdict::Wait(_)));
    }

    #[test]
    fn reused_rows_of_the_previous_thread_wait() {
        let mut g = after_scammer();
        let senders = vec!["Neha Kapoor".to_string()];
        let s = Sighting { sender_names: &senders, ..sight("fb:2", "Ramesh Iyer", "Ramesh Iyer", "2") };
        assert!(matches!(g.check(&s, 10.0), Verdict::Wait(_)));
        let senders = vec!["Ramesh Iyer".to_string()];
        let s = Sighting { sender_names: &senders, ..sight("fb:2", "Ramesh Iyer", "Ramesh Iyer", "2") };
        assert_eq!(g.check(&s, 20.0), Verdict::Feed);
        // Once fed, the same thread is read as usual (new rows, same names).
        assert_eq!(g.check(&s, 30.0), Verdict::Feed);
    }

    #[test]
    fn names_compare_without_case_spacing_or_bidi_marks() {
        assert!(same_name("Neha  Kapoor", "neha kapoor"));
        assert!(same_name("\u{2068}Neha Kapoor\u{2069}", "Neha Kapoor"));
        assert!(!same_name("Neha Kapoor", "Neha Kapur"));
    }

    #[test]
    fn an_unnamed_thread_with_a_profile_key_feeds_and_an_address_key_waits() {
        let mut g = Gate::default();
        assert_eq!(g.check(&Sighting { key: "fb:1", ..Default::default() }, 0.0), Verdict::Feed);
        let s = Sighting { key: "t:1", key_from_url: true, thread: Some("1"), ..Default::default() };
        assert!(matches!(g.check(&s, 0.0), Verdict::Wait(_)));
    }
}
