//! The synthetic thread the benchmarks run on (`saavdhan bench`, the WebAssembly
//! `bench_engine` export and tools/bench, whose JavaScript copy of the samples must
//! stay the same): benign everyday messages in English, Hinglish, Hindi and Marathi.

use super::conversation::{Contact, Conversation, FriendStatus, Message, MessageKind, Sender};
use super::time::Timestamp;

pub const SAMPLES: &[&str] = &[
    "Good morning ji 🌹 have a nice day",
    "Kal office mein milte hain, meeting 10 baje hai",
    "सुप्रभात जी, आपका दिन शुभ हो",
    "Did you see the match yesterday? What a finish!",
    "शुभ सकाळ, आज पाऊस आहे का?",
    "Payment dal diya, check kar lo",
    "Please bring the files for the audit tomorrow morning",
    "Aap kaise ho? Ghar pe sab theek?",
    "The grandchildren are coming for Diwali this year, so excited",
    "मेरा नंबर बदल गया है, नया नंबर सेव कर लो",
];

/// Message `i` of the bench thread: "<sample> #<i>", every third one from me.
pub fn sample_message(i: usize) -> Message {
    Message {
        from: if i % 3 == 0 { Sender::Me } else { Sender::Them },
        author: None,
        at: Timestamp::from_local(2026, 11, 1 + (i as u32 / 1440) % 28, (i as u32 / 60) % 24, i as u32 % 60, 330),
        kind: MessageKind::Text,
        text: Some(format!("{} #{i}", SAMPLES[i % SAMPLES.len()])),
    }
}

/// A thread of `n` messages with a friend of a few weeks.
pub fn sample_thread(n: usize) -> Conversation {
    let contact = Contact {
        name: "Bench".into(),
        profile_url: None,
        friend_status: FriendStatus::Friends,
        friends_since: Timestamp::parse_date_or_time("2026-10-25T10:00:00+05:30"),
        mutual_friends: Some(1),
        friend_count: None,
        joined: Some("2026-06".into()),
        ..Contact::named("Bench".into())
    };
    Conversation { contact, messages: (0..n).map(sample_message).collect() }
}

/// Bytes of message text in `c` (what MB/s figures divide by).
pub fn text_bytes(c: &Conversation) -> usize {
    c.messages.iter().map(|m| m.text.as_ref().map_or(0, |t| t.len())).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bench_thread_is_benign_and_sized_as_the_javascript_copy_expects() {
        let c = sample_thread(10_000);
        assert_eq!(c.messages.len(), 10_000);
        assert_eq!(c.messages[3].from, Sender::Me);
        assert_eq!(c.messages[4].text.as_deref(), Some("शुभ सकाळ, आज पाऊस आहे का? #4"));
        // tools/bench/thread.mjs checks the same figure for its copy of SAMPLES.
        assert_eq!(text_bytes(&c), 597_890);
        assert!(crate::engine::assess(&c).level <= crate::engine::Level::Notice);
    }
}
