//! Merging what the page shows about a contact over several reads.
use crate::engine::{Contact, FriendStatus};

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
        conversation_start: crate::engine::time::earliest(old.conversation_start, new.conversation_start),
        first_seen: old.first_seen.or(new.first_seen),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
