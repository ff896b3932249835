//! How old a conversation is, remembered between visits (issue 11).
//!
//! A thread shows its start (the contact's card at the top, then the first
//! message ever exchanged) only while it is scrolled to the top; a later visit
//! usually shows the last messages only. So each contact's facts keep three
//! times, never any text: when the extension first saw the contact (on a
//! request card, a profile or a thread), the conversation's start when it was
//! once visible, and the earliest message time ever seen. Each is merged as the
//! earliest of what was stored and what is known now, and a later visit gives
//! them back to the engine with the contact.
//!
//! Pure: the controller passes what the store holds.
use crate::engine::time::earliest;
use crate::engine::{Contact, ContactFacts};

/// The contact as seen now, with the times remembered for it: `first_seen` and
/// `conversation_start` become the earliest of the stored and the new ones.
pub fn recall(mut contact: Contact, stored: Option<&ContactFacts>) -> Contact {
    let Some(f) = stored else { return contact };
    // On a tie the page's own time (and offset) is kept: `earliest` keeps its first argument.
    contact.first_seen = earliest(contact.first_seen, f.contact_first_seen);
    contact.conversation_start = earliest(contact.conversation_start, f.conversation_start);
    contact
}

/// The facts to store: `new`, with each remembered time no later than the one
/// stored before (another tab, or an earlier visit, may have seen an earlier one).
pub fn remember(stored: Option<&ContactFacts>, mut new: ContactFacts) -> ContactFacts {
    let Some(old) = stored else { return new };
    new.contact_first_seen = earliest(old.contact_first_seen, new.contact_first_seen);
    new.conversation_start = earliest(old.conversation_start, new.conversation_start);
    new.earliest_message = earliest(old.earliest_message, new.earliest_message);
    new
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::time::Timestamp;

    fn ts(s: &str) -> Option<Timestamp> {
        Some(Timestamp::parse_rfc3339(s).expect("a valid time"))
    }

    #[test]
    fn recall_keeps_the_earliest_of_stored_and_new() {
        let stored = ContactFacts {
            contact_first_seen: ts("2026-11-01T09:00:00Z"),
            conversation_start: ts("2026-11-02T08:01:00+05:30"),
            ..ContactFacts::default()
        };
        // A later visit: seen again now, the start no longer visible.
        let now = Contact { first_seen: ts("2026-11-20T10:00:00Z"), ..Contact::named("Meena".into()) };
        let c = recall(now, Some(&stored));
        assert_eq!(c.first_seen, stored.contact_first_seen);
        assert_eq!(c.conversation_start, stored.conversation_start);
        // The page now shows an even earlier start (older messages loaded): it wins.
        let earlier = Contact { conversation_start: ts("2026-10-30T07:00:00+05:30"), ..Contact::named("Meena".into()) };
        assert_eq!(recall(earlier, Some(&stored)).conversation_start, ts("2026-10-30T07:00:00+05:30"));
        // The same instant as stored, in the page's offset: the page's time stays.
        let same = Contact { conversation_start: ts("2026-11-02T02:31:00+00:00"), ..Contact::named("Meena".into()) };
        let kept = recall(same, Some(&stored)).conversation_start.expect("a start");
        assert_eq!(kept.unix(), stored.conversation_start.unwrap().unix());
        assert_eq!(Some(kept), ts("2026-11-02T02:31:00+00:00"));
    }

    #[test]
    fn recall_without_memory_changes_nothing() {
        let c = Contact { first_seen: ts("2026-11-20T10:00:00Z"), ..Contact::named("Meena".into()) };
        assert_eq!(recall(c.clone(), None), c);
        assert_eq!(recall(c.clone(), Some(&ContactFacts::default())), c);
    }

    #[test]
    fn remember_never_moves_a_time_later() {
        let old = ContactFacts {
            contact_first_seen: ts("2026-11-01T09:00:00Z"),
            conversation_start: ts("2026-11-02T02:31:00Z"),
            earliest_message: ts("2026-11-02T02:31:00Z"),
            ..ContactFacts::default()
        };
        let new = ContactFacts {
            contact_first_seen: ts("2026-11-20T10:00:00Z"),
            conversation_start: None,
            earliest_message: ts("2026-11-18T10:00:00Z"),
            messages_seen: 3,
            ..ContactFacts::default()
        };
        let m = remember(Some(&old), new);
        assert_eq!((m.contact_first_seen, m.conversation_start, m.earliest_message), (old.contact_first_seen, old.conversation_start, old.earliest_message));
        assert_eq!(m.messages_seen, 3, "the other facts are the new ones");
        // An earlier time seen now replaces the stored one.
        let newer = ContactFacts { earliest_message: ts("2026-10-01T00:00:00Z"), ..ContactFacts::default() };
        assert_eq!(remember(Some(&old), newer).earliest_message, ts("2026-10-01T00:00:00Z"));
    }
}
