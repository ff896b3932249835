//! What the profile says about a contact: each signal a signed score. Positive
//! raises suspicion (a stranger's fresh account), negative lowers it strongly
//! (many mutual friends, friends for years: family and old friends).

use super::conversation::{Contact, FriendStatus};
use super::time::{self, DAY};

/// One profile signal, as evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Signal {
    pub rule: &'static str,
    pub matched: String,
    pub score: i32,
}

/// Suspicion at or above this: treated as a stranger.
pub const STRANGER: i32 = 2;
/// At or below this: family, old friends, people with a shared circle.
pub const TRUSTED: i32 = -3;

fn span(days: i64) -> String {
    match days {
        d if d < 1 => "less than a day".into(),
        1 => "1 day".into(),
        d if d < 60 => format!("{d} days"),
        d if d < 730 => format!("{} months", d / 30),
        d => format!("{} years", d / 365),
    }
}

/// The signals of `contact` judged at time `now` (seconds since the epoch; without
/// it, the signals that need a date are skipped).
pub fn signals(contact: &Contact, now: Option<i64>) -> Vec<Signal> {
    let mut out = Vec::new();
    let mut add = |rule, matched: String, score| out.push(Signal { rule, matched, score });
    match contact.friend_status {
        FriendStatus::RequestReceived => add("contact.request_received", "sent you a friend request".into(), 3),
        FriendStatus::NotFriends => add("contact.not_friends", "not your Facebook friend".into(), 2),
        FriendStatus::Friends | FriendStatus::Unknown => {}
    }
    match contact.mutual_friends {
        Some(0) => add("contact.no_mutual_friends", "no mutual friends".into(), 2),
        Some(n @ 1..=2) => add("contact.few_mutual_friends", format!("{n} mutual friends"), 1),
        Some(n @ 10..=29) => add("contact.many_mutual_friends", format!("{n} mutual friends"), -2),
        Some(n) if n >= 30 => add("contact.many_mutual_friends", format!("{n} mutual friends"), -3),
        _ => {}
    }
    if let Some(n) = contact.friend_count {
        if n < 50 {
            add("contact.few_friends", format!("only {n} friends"), 1);
        }
    }
    if let (Some(j), Some(now)) = (contact.joined.as_deref().and_then(time::parse), now) {
        let days = (now - j) / DAY;
        let shown = contact.joined.clone().unwrap_or_default();
        if days < 365 {
            add("contact.joined_recently", format!("joined Facebook {shown}"), 2);
        } else if days < 730 {
            add("contact.joined_recently", format!("joined Facebook {shown}"), 1);
        }
    }
    if contact.friend_status == FriendStatus::Friends {
        if let (Some(f), Some(now)) = (contact.friends_since.map(time::Timestamp::unix), now) {
            let days = ((now - f) / DAY).max(0);
            let matched = format!("friends for {}", span(days));
            match days {
                0..=6 => add("contact.new_friend", matched, 3),
                7..=29 => add("contact.new_friend", matched, 2),
                30..=179 => add("contact.new_friend", matched, 1),
                180..=364 => {}
                365..=1824 => add("contact.long_friendship", matched, -3),
                _ => add("contact.long_friendship", matched, -5),
            }
        }
    }
    out
}

pub fn score(signals: &[Signal]) -> i32 {
    // A loop, not a mapped `sum` (a `Map::fold` of its own in the content module).
    let mut total = 0;
    for s in signals {
        total += s.score;
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(status: FriendStatus) -> Contact {
        Contact { friend_status: status, ..Contact::named("X".into()) }
    }

    #[test]
    fn stranger_and_old_friend() {
        let now = time::parse("2026-11-05T10:00:00+05:30");
        let mut c = contact(FriendStatus::RequestReceived);
        c.mutual_friends = Some(0);
        c.joined = Some("2026-09".into());
        assert!(score(&signals(&c, now)) >= 6);

        let mut f = contact(FriendStatus::Friends);
        f.friends_since = time::Timestamp::parse_date_or_time("2017-02-01T10:00:00+05:30");
        f.mutual_friends = Some(41);
        assert!(score(&signals(&f, now)) <= TRUSTED);

        let mut new = contact(FriendStatus::Friends);
        new.friends_since = time::Timestamp::parse_date_or_time("2026-11-02T10:00:00+05:30");
        let s = signals(&new, now);
        assert_eq!(s[0].matched, "friends for 3 days");
        assert!(score(&s) >= STRANGER);
    }
}
