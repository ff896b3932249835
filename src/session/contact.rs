//! Merging what the page shows about a contact over several reads, and who in
//! a group chat a message or warning is about.
use crate::engine::{Contact, Conversation, FriendStatus, Sender};

/// Newer reads win where they know something; a field the page no longer shows
/// keeps its earlier value.
pub fn merge_contact(old: &Contact, new: Contact) -> Contact {
    Contact {
        name: if new.name.is_empty() { old.name.clone() } else { new.name },
        profile_url: new.profile_url.or_else(|| old.profile_url.clone()),
        friend_status: if new.friend_status == FriendStatus::Unknown { old.friend_status } else { new.friend_status },
        friends_since: new.friends_since.or(old.friends_since),
        mutual_friends: new.mutual_friends.or(old.mutual_friends),
        friend_count: new.friend_count.or(old.friend_count),
        joined: new.joined.or_else(|| old.joined.clone()),
        lives_in: new.lives_in.or_else(|| old.lives_in.clone()),
        works_at: new.works_at.or_else(|| old.works_at.clone()),
        group: new.group || old.group,
        start_visible: new.start_visible || old.start_visible,
        // On a tie the newer read's start is kept (the page's own offset), and the
        // older first sighting.
        conversation_start: crate::engine::time::earliest(new.conversation_start, old.conversation_start),
        first_seen: crate::engine::time::earliest(old.first_seen, new.first_seen),
    }
}

/// Whether a thread is a group chat, from the sender names its rows show
/// (Messenger's log layout labels each message "At TIME, NAME: text", the grid
/// layout gives each row a hidden sender heading; README "Reading Facebook"): a
/// one-to-one thread has one other sender, a group several. Names are
/// compared as [`same_name`](super::attribution::same_name) does.
pub fn is_group<'a>(senders: impl IntoIterator<Item = &'a str>) -> bool {
    let mut first: Option<&str> = None;
    for s in senders {
        let s = s.trim();
        if s.is_empty() {
            continue;
        }
        match first {
            None => first = Some(s),
            // Byte-equal names first: a one-to-one thread's rows all carry the same
            // name, and this runs over every mounted row of each read.
            Some(f) if f != s && !super::attribution::same_name(f, s) => return true,
            Some(_) => {}
        }
    }
    false
}

/// Who a warning about message `index` names: in a group chat the member who
/// wrote it (each member is judged as their own contact), else the contact.
pub fn speaker(conv: &Conversation, index: Option<usize>) -> &str {
    if conv.contact.group {
        let author = index
            .and_then(|i| conv.messages.get(i))
            .filter(|m| m.from == Sender::Them)
            .and_then(|m| m.author.as_deref())
            .filter(|a| !a.trim().is_empty());
        if let Some(a) = author {
            return a;
        }
    }
    &conv.contact.name
}

#[cfg(test)]
mod tests {
    fn ts(s: &str) -> Option<crate::engine::time::Timestamp> {
        Some(crate::engine::time::Timestamp::parse_rfc3339(s).expect("a valid time"))
    }
    use super::*;
    use crate::engine::{Message, MessageKind};

    fn by(author: &str, text: &str) -> Message {
        Message { from: Sender::Them, author: Some(author.into()), at: None, kind: MessageKind::Text, text: Some(text.into()) }
    }

    #[test]
    fn several_sender_names_make_a_group() {
        assert!(is_group(["Sunita Patil", "Ramesh Patil", "Sunita Patil"]));
        assert!(!is_group(["Priya Sharma", "priya  sharma", "Priya Sharma"]), "one sender, written alike");
        assert!(!is_group(["Priya Sharma", "", " "]));
        assert!(!is_group(std::iter::empty()));
    }

    #[test]
    fn a_group_warning_names_the_member_who_wrote() {
        let mut conv = Conversation { contact: Contact::named("Patil family".into()), messages: vec![by("Sunita", "hi"), by("Neha", "send money")] };
        assert_eq!(speaker(&conv, Some(1)), "Patil family", "not a group: the thread's name");
        conv.contact.group = true;
        assert_eq!(speaker(&conv, Some(1)), "Neha");
        assert_eq!(speaker(&conv, Some(0)), "Sunita");
        assert_eq!(speaker(&conv, None), "Patil family", "profile evidence");
        assert_eq!(speaker(&conv, Some(7)), "Patil family", "no such message");
    }

    #[test]
    fn the_start_keeps_the_earliest_and_on_a_tie_the_page_text() {
        let remembered = Contact { conversation_start: ts("2026-11-23T09:02:00Z"), ..Contact::named("Priya".into()) };
        let page = Contact { conversation_start: ts("2026-11-23T09:02:00+00:00"), ..Contact::named("Priya".into()) };
        assert_eq!(merge_contact(&remembered, page).conversation_start, ts("2026-11-23T09:02:00+00:00"));
        let later = Contact { conversation_start: ts("2026-11-24T09:02:00+00:00"), ..Contact::named("Priya".into()) };
        assert_eq!(merge_contact(&remembered, later).conversation_start, ts("2026-11-23T09:02:00Z"));
        let none = Contact::named("Priya".into());
        assert_eq!(merge_contact(&remembered, none).conversation_start, ts("2026-11-23T09:02:00Z"));
    }

    #[test]
    fn first_seen_keeps_the_earliest() {
        let old = Contact { first_seen: ts("2026-11-01T09:00:00Z"), ..Contact::named("Neha".into()) };
        let later = Contact { first_seen: ts("2026-11-20T09:00:00Z"), ..Contact::named("Neha".into()) };
        assert_eq!(merge_contact(&old, later).first_seen, ts("2026-11-01T09:00:00Z"));
        let earlier = Contact { first_seen: ts("2026-10-01T09:00:00+05:30"), ..Contact::named("Neha".into()) };
        assert_eq!(merge_contact(&old, earlier).first_seen, ts("2026-10-01T09:00:00+05:30"));
    }

    #[test]
    fn a_later_read_without_a_field_keeps_the_earlier_value() {
        let old = Contact {
            profile_url: Some("https://www.facebook.com/profile.php?id=1".into()),
            friend_status: FriendStatus::NotFriends,
            mutual_friends: Some(0),
            ..Contact::named("Neha Kapoor".into())
        };
        let new = Contact { mutual_friends: Some(3), ..Contact::named(String::new()) };
        let m = merge_contact(&old, new);
        assert_eq!(m.name, "Neha Kapoor");
        assert_eq!(m.friend_status, FriendStatus::NotFriends);
        assert_eq!(m.mutual_friends, Some(3));
        assert_eq!(m.profile_url, old.profile_url);
    }

    #[test]
    fn a_later_read_that_knows_more_wins() {
        let old = Contact::named("Neha".into());
        let new = Contact { friend_status: FriendStatus::Friends, ..Contact::named("Neha Kapoor".into()) };
        let m = merge_contact(&old, new);
        assert_eq!(m.name, "Neha Kapoor");
        assert_eq!(m.friend_status, FriendStatus::Friends);
    }
}
