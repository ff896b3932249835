//! Incremental assessment of one conversation: each new message costs one normalise
//! + one automaton pass over that message (two when the contact's previous message was
//! short, to read an intent split over both), never a re-read of the thread.
//!
//! The chain is judged per author and in time (README "How it decides"): each author
//! (the contact; in a group chat, each member) keeps when each cue was last seen, and a
//! cue older than [`WINDOW`] no longer counts. Call events count only when the contact
//! placed them. Forwards, quotes of warnings and URLs are not the contact's own words.
//! Cues are kept compactly (rule, time, author, the matched words) so that a change of
//! profile facts can be replayed without the message texts.

use super::assessment::{Assessment, Evidence, Level, Stage};
use super::builtin::Engine;
use super::combine::{self, Chain, Context, Tuning};
use super::contact_signals::{self, STRANGER, TRUSTED};
use super::conversation::{Contact, FriendStatus, Message, MessageKind, Sender};
use super::facts::{ContactFacts, StageFact, FACTS_VERSION};
use super::matcher::Part;
use super::rules::{Rule, Tag};
use super::time::{self, Timestamp};

/// Word lists the tracker reads as such (rules/word_lists.toml, compiled by build.rs).
mod word_lists {
    include!(concat!(env!("OUT_DIR"), "/word_lists.rs"));

    /// The word lists' text, unpacked at its first use (build/rules.rs packs it as the
    /// needles are: an Indic letter a byte).
    fn text() -> &'static str {
        static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        TEXT.get_or_init(|| saavdhan_normalize::pack::unpack_text(PACKED).unwrap_or_default())
    }

    /// A list of words: the words of `text()` from byte `at` to `end`, each after its
    /// length in bytes plus 0x20, one ASCII character (build/rules.rs). One text instead
    /// of a `&[&str]`, whose pointer/length pair per word packed badly
    /// (docs/performance.md "Size, round 39").
    #[derive(Clone, Copy)]
    pub struct Words {
        at: u16,
        end: u16,
    }

    impl Words {
        const fn new(at: u16, end: u16) -> Words {
            Words { at, end }
        }
        pub fn iter(self) -> Iter {
            Iter { text: text(), at: usize::from(self.at), end: usize::from(self.end) }
        }
        /// Whether `word` is one of the words (compared as bytes, without a `str` slice's
        /// checks of its ends: this runs for every pair of words a kinship word is in).
        pub fn contains(self, word: &str) -> bool {
            let (b, word) = (text().as_bytes(), word.as_bytes());
            let mut at = usize::from(self.at);
            while at < usize::from(self.end) {
                let len = usize::from(b[at] - 0x20);
                if b.get(at + 1..at + 1 + len) == Some(word) {
                    return true;
                }
                at += 1 + len;
            }
            false
        }
        /// Whether `w` begins with one of the words, its ASCII letters compared without
        /// case: `w.to_ascii_lowercase().starts_with(word)` for a list in lower case (the
        /// lists this is used with are, `round_cost19_prefix_lists_are_lower_case`), with no
        /// copy of `w` and no `str` slice's checks of its ends (cost round nineteen).
        pub fn starts(self, w: &str) -> bool {
            let w = w.as_bytes();
            let mut l = &text().as_bytes()[usize::from(self.at)..usize::from(self.end)];
            while let Some((&n, rest)) = l.split_first() {
                let len = usize::from(n - 0x20);
                let Some((word, next)) = rest.split_at_checked(len) else { return false };
                // Byte by byte in line, from the first: most words of a text differ from
                // each list word there (the list's bytes are lower case already).
                if w.len() >= len && word.iter().zip(w).all(|(a, c)| *a == c.to_ascii_lowercase()) {
                    return true;
                }
                l = next;
            }
            false
        }
    }

    /// The bit of a word's first three bytes, ASCII letters in lower case, in a `Words::heads`
    /// mask (cost round nineteen).
    pub fn head(b: &[u8]) -> u32 {
        (u32::from(b[0].to_ascii_lowercase()) * 7 + u32::from(b[1].to_ascii_lowercase()) * 13 + u32::from(b[2].to_ascii_lowercase()) * 31) & 63
    }

    impl Words {
        /// The `head` bits of the words, or every bit when a word is shorter than three
        /// bytes: a word of a text whose own `head` bit is not in it begins with none of
        /// the words (`starts` is then false), a test of a few instructions instead of a
        /// comparison with each word.
        pub fn heads(self) -> u64 {
            self.iter().fold(0, |m, w| if w.len() < 3 { !0 } else { m | 1 << head(w.as_bytes()) })
        }
    }

    /// The words of a `Words`, in order.
    pub struct Iter {
        text: &'static str,
        at: usize,
        end: usize,
    }

    impl Iterator for Iter {
        type Item = &'static str;
        fn next(&mut self) -> Option<&'static str> {
            let start = self.at + 1;
            if start > self.end {
                return None;
            }
            let end = start + usize::from(self.text.as_bytes()[self.at] - 0x20);
            self.at = end;
            Some(&self.text[start..end])
        }
    }
}

/// Evidence kept per conversation at most (the first of each rule is always kept
/// until then; later cues of stage off_platform and beyond too).
const MAX_EVIDENCE: usize = 64;

/// A message this short (bytes) may carry part of an intent the next ones complete.
/// An impostor's may be this short in characters: a line in Tamil or Hindi takes three
/// bytes a letter, and is no longer for it.
const SHORT: usize = 160;
/// How many earlier short messages of one author are read with the next one, and
/// within how long (seconds). Only one unbroken burst counts: a message from anyone
/// else (the user's reply, another member) ends it, since a reply in between makes
/// the next line an answer, not the rest of the sentence.
const SPLIT_MESSAGES: usize = 3;
const SPLIT_SECONDS: i64 = 5 * 60;
/// The user's word that a third person told him of the contact (`rules/context.toml`).
const VOUCHED: &str = "context.circle.vouched";
/// Her own service offered free of charge (`context.free_offer*`, round eighty-eight).
const FREE_OFFER: &str = "context.free_offer";
/// Her question whether he is alone (at home): the one courting word a wife also asks
/// (round sixty-eight, see `courted_beyond_alone`).
const ALONE_ASKED: &str = "video_call.alone.any";
/// Round eighty-seven: her elder's vocative strangers say too, and his child's word answering it.
const KIN_ELDER: &str = "context.kin_answer.elder";
const KIN_CHILD: &str = "context.kin_answer.child";
/// What members pile on with in a group after one member's call (see `apply`).
const PILE_ON: u32 = 1 << Tag::Threat as u32 | 1 << Tag::Money as u32 | 1 << Tag::OrElse as u32 | 1 << Tag::Aimed as u32 | 1 << Tag::Countdown as u32;
/// The contact's steps: the move off Facebook, the call, a threat, a sum, a recording.
const STEPS: u32 = combine::OFF_PLATFORM
    | combine::VIDEO_CALL
    | 1 << Tag::Threat as u32
    | 1 << Tag::Countdown as u32
    | 1 << Tag::Impostor as u32
    | 1 << Tag::Money as u32
    | 1 << Tag::Recording as u32;

#[cfg(test)]
mod tests {
    #[test]
    fn the_word_lists_examples_hold() {
        use super::word_lists::*;
        let last = |t: &str| t.split_whitespace().last().unwrap_or("").to_string();
        let first = |t: &str| t.split_whitespace().next().unwrap_or("").to_string();
        let checks: [(&str, (&[&str], &[&str]), &dyn Fn(&str) -> bool); 24] = [
            ("your", YOUR_EXAMPLES, &|t| !super::third_persons_number(t)),
            ("your_script", YOUR_SCRIPT_EXAMPLES, &|t| super::names_him(t)),
            ("possessive", POSSESSIVE_EXAMPLES, &|t| super::own_relative(t, &last(t))),
            ("comparison", COMPARISON_EXAMPLES, &|t| super::own_relative(t, &first(t))),
            ("re_ask", RE_ASK_EXAMPLES, &|t| super::re_asked(t)),
            ("link", LINK_EXAMPLES, &|t| super::link_or_qr(t)),
            ("laugh", LAUGH_EXAMPLES, &|t| super::laughing(t)),
            ("affection", AFFECTION_EXAMPLES, &|t| super::affectionate(t).is_some()),
            ("call", CALL_EXAMPLES, &|t| super::names_the_call(t, &first(t))),
            ("leave", LEAVE_EXAMPLES, &|t| super::asks_leave(t)),
            ("pay_ask", PAY_ASK_EXAMPLES, &|t| super::asks_to_pay(t)),
            ("call_minutes", CALL_MINUTES_EXAMPLES, &|t| super::call_minutes(t).is_some_and(|m| m >= 1)),
            ("call_hours", CALL_HOURS_EXAMPLES, &|t| super::call_minutes(t).is_some_and(|m| m >= 60)),
            ("record", RECORD_EXAMPLES, &|t| super::records(t)),
            ("reach", REACH_EXAMPLES, &|t| super::reach_count(&t.to_ascii_lowercase())),
            ("reach_units", REACH_UNITS_EXAMPLES, &|t| super::reach_count(&t.to_ascii_lowercase())),
            ("viral", VIRAL_EXAMPLES, &|t| super::reach_news(t)),
            ("viral_done", VIRAL_DONE_EXAMPLES, &|t| super::went_viral(t)),
            ("viral_if", VIRAL_IF_EXAMPLES, &|t| super::went_viral(t)),
            ("obscene", OBSCENE_EXAMPLES, &|t| !super::reach_news(t)),
            ("night", NIGHT_EXAMPLES, &|t| super::names_night(t)),
            ("everyone", EVERYONE_EXAMPLES, &|t| super::to_everyone(t)),
            ("circle", CIRCLE_EXAMPLES, &|t| super::own_circle(t)),
            ("we", WE_EXAMPLES, &|t| super::we_ask(t)),
        ];
        for (name, (positive, negative), f) in checks {
            for t in positive {
                assert!(f(t), "word list {name}: positive example {t:?} does not apply");
            }
            for t in negative {
                assert!(!f(t), "word list {name}: negative example {t:?} applies");
            }
        }
    }

    use super::own_words;

    /// Cost round nineteen: the lists read with `Words::starts` are in lower case (its
    /// answer is then `to_ascii_lowercase().starts_with`'s), and it says what that said.
    #[test]
    fn round_cost19_prefix_lists_are_lower_case() {
        use super::word_lists::{CALL, NIGHT};
        for list in [CALL, NIGHT] {
            for w in list.iter() {
                assert_eq!(w, w.to_ascii_lowercase(), "{w:?}");
            }
            for t in ["", "Call", "CALLING", "cal", "Raat", "TONIGHT", "ரात", "कॉल", "कॉ", "x call", "रात्रि", "raatri"] {
                assert_eq!(list.starts(t), list.iter().any(|w| t.to_ascii_lowercase().starts_with(w)), "{t:?}");
            }
        }
    }


    /// Cost round eighteen: `alnum` answers as `char::is_alphanumeric` does, for every char.
    #[test]
    fn round_cost18_alnum_is_std() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(super::alnum(c), c.is_alphanumeric(), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn urls_and_quoted_speech_are_blanked_in_place() {
        let t = "see https://x.com/a?vc=1 now";
        assert_eq!(own_words(t).len(), t.len());
        assert!(!own_words(t).contains("vc"));
        let bare = "join meet.example.org/j/8842-1190?pwd=Xa9 at 11";
        assert!(!own_words(bare).contains("8842") && own_words(bare).contains("join"));
        assert_eq!(own_words("ok 5.30/6 pm"), "ok 5.30/6 pm");
        let q = "Ladki ne 'recording hai, paise bhejo' bola, ma'am ne dekha";
        let o = own_words(q);
        assert_eq!(o.len(), q.len());
        assert!(!o.contains("paise") && o.contains("ma'am") && o.contains("bola"));
        assert_eq!(own_words("Don't worry, it's fine"), "Don't worry, it's fine");
    }

    #[test]
    fn round_forty_five_her_question_whether_he_lives_alone_courts_him() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        // Round forty-five (branch gen42): "do you live alone?" asked of him is her
        // courting (`grooming.intimacy.lives_alone`): a persona only she typed (a class,
        // a clinic) no longer keeps her ask at a notice. Her instruction to sit alone in
        // the room for the lesson is no such question.
        let contact = || Contact { friend_status: FriendStatus::Friends, mutual_friends: Some(2), ..Contact::named("X".into()) };
        let class = "Namaskar dada, ami Tania, boyosko der jonno smartphone class kori";
        let ask = "number ta din, WhatsApp e class er link pathachhi";
        let run = |msgs: &[(bool, &str)]| {
            let mut t = Tracker::new(contact(), Tuning::default(), None);
            msgs.iter().enumerate().map(|(i, (them, text))| t.push(&at(i as i64 + 1, *them, text)).level).max().unwrap()
        };
        assert!(run(&[(true, class), (false, "achha"), (true, ask)]) < Level::Warning);
        // Who is at home with him, where his wife is: the same probe (`grooming.intimacy.who_at_home`).
        for q in ["apni ki eka thaken?", "aap akele rehte ho? aunty?", "Do you live alone sir?", "tame ekla raho cho?", "meeru okkare untara?", "manele yaaru iddare?", "uncle ghar pe kaun kaun hai?"] {
            assert_eq!(run(&[(true, class), (false, "achha"), (true, q), (false, "haan"), (true, ask)]), Level::Warning, "{q}");
        }
        for q in ["class er somoy ekta shanto ghore boshben", "Class vakhte ek shant room ma ekla raho"] {
            assert!(run(&[(true, class), (false, "achha"), (true, q), (false, "haan"), (true, ask)]) < Level::Warning, "{q}");
        }
    }

    #[test]
    fn round_forty_seven_in_a_group_the_members_who_pile_on_after_her_call_join_her_chain() {
        use crate::engine::{Contact, FriendStatus, Level, MessageKind, Tracker, Tuning};
        // Round forty-seven (branch gen44): a planted group. A new member courts him, asks
        // his number and calls; then other members demand the money with an "or else".
        // Their words join her chain: danger, as when she says them herself.
        let group = || Contact { friend_status: FriendStatus::Unknown, group: true, ..Contact::named("Perunnal group".into()) };
        let said = |minute: i64, who: &str, kind: MessageKind, t: &str| {
            let mut m = at(minute, true, t);
            m.author = Some(who.into());
            m.kind = kind;
            m
        };
        let run = |courting: bool| {
            let mut t = Tracker::new(group(), Tuning::default(), None);
            t.push(&said(1, "Committee", MessageKind::Text, "Perunnal kodiyettam Nov 14, ellaavarum pangedukkuka"));
            if courting {
                t.push(&said(2, "Jincy", MessageKind::Text, "uncle nte voice kelkkanam 😍 ente wp no 98765 42264, msg cheyyu pls"));
                t.push(&at(3, false, "cheyyam"));
                t.push(&said(4, "Jincy", MessageKind::Text, "ok uncle, raathri 10 nu vc cheyyam, thaniye aayirikkane 🙈"));
                t.push(&said(5, "Jincy", MessageKind::VideoCall, ""));
            }
            t.push(&said(6, "Committee", MessageKind::Text, "uncle 15k ayakku, grp il ninnu remove cheyyam. illenkil vicar achanum parish grp ilum")).level
        };
        assert_eq!(run(true), Level::Danger);
        // With no member's call with him, the committee's dues and "or else" are the group's.
        assert!(run(false) < Level::Warning);
    }

    #[test]
    fn round_fifty_seven_a_members_ask_said_to_everyone_is_the_groups_roll_call() {
        use crate::engine::{Contact, FriendStatus, Level, MessageKind, Tracker, Tuning};
        // Round fifty-seven (branch gen54): "everyone put your WhatsApp number here", then the
        // group's call by the same member: no move off Facebook, no warning. Her own ask to
        // him (no "everyone"), or one with its secrecy ("personal baat"), is a step.
        let group = || Contact { friend_status: FriendStatus::Unknown, group: true, ..Contact::named("Trip group".into()) };
        let said = |minute: i64, kind: MessageKind, t: &str| {
            let mut m = at(minute, true, t);
            m.author = Some("Organiser".into());
            m.kind = kind;
            m
        };
        let run = |ask: &str| {
            let mut t = Tracker::new(group(), Tuning::default(), None);
            t.push(&said(1, MessageKind::Text, ask));
            t.push(&at(2, false, "98765 40000"));
            t.push(&said(3, MessageKind::VideoCall, "")).level
        };
        for ask in ["Everyone please put your WhatsApp number here for the bus list", "ಎಲ್ಲರೂ ನಿಮ್ಮ ವಾಟ್ಸಾಪ್ ನಂಬರ್ ಇಲ್ಲಿ ಹಾಕಿ"] {
            assert!(run(ask) < Level::Warning, "{ask}");
        }
        for ask in ["Dada apnar WhatsApp number ta din", "Sab log dekhenge, WhatsApp number do, kuch personal baat karni hai"] {
            assert!(run(ask) >= Level::Warning, "{ask}");
        }
    }

    #[test]
    fn round_seventy_one_her_offices_landline_is_what_the_ask_is_for() {
        use crate::engine::tracker::landline;
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        // Round seventy-one (branch gen69): a paper's editor, a bank's new manager, a
        // reporter give the office's landline with the STD code beside the number ask (w19a
        // mr_05, w19b ta_02, w21a hi_04): the desk he can check her at. The chain's numbers
        // are mobiles; an account number's groups are no landline.
        assert!(landline("Kinva office cha number: 02352 22xxxx") && landline("branch number 044-2499 3170, verify pannikonga"));
        assert!(landline("आप हमारे ऑफ़िस के नंबर 0532-24XXXXX पर पुष्टि कर लीजिए") && landline("call the desk: 0821 2400 xxx, ask for me"));
        assert!(!landline("A/c 0345 0530 0012 887, IFSC FDRL0000345") && !landline("A/c 0000 4512 7788") && !landline("mera number 98765 43210"));
        assert!(!landline("₹2,500 fee, 0532 24") && !landline("room 0532"));
        let stranger = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("A".into()) };
        let run = |lines: &[&str]| {
            let mut t = Tracker::new(stranger(), Tuning::default(), None);
            let mut level = Level::None;
            for (i, l) in lines.iter().enumerate() {
                level = t.push(&at(i as i64 + 1, i % 2 == 0, l)).level;
            }
            level
        };
        let ask = "Tumcha WhatsApp number milel ka? Kinva office cha number: 02352 22xxxx";
        assert!(run(&["Namaskar sir, mi Smita, saptahik cha sampadak", "Namaskar", ask]) < Level::Warning);
        // The same ask without the desk, or with a mobile, warns; her flattery voids the desk.
        assert_eq!(run(&["Namaskar sir, mi Smita, saptahik cha sampadak", "Namaskar", "Tumcha WhatsApp number milel ka?"]), Level::Warning);
        assert_eq!(run(&["Namaskar sir, mi Smita, saptahik cha sampadak", "Namaskar", "Tumcha WhatsApp number milel ka? maza number 98765 22345"]), Level::Warning);
        assert_eq!(run(&["You are so handsome sir, I miss you", "Thank you", ask]), Level::Warning);
    }

    #[test]
    fn round_sixty_nine_a_members_kiss_or_wink_with_her_ask_is_hers() {
        use crate::engine::{Contact, FriendStatus, Level, MessageKind, Tracker, Tuning};
        // Round sixty-nine (branch gen67): a group member's ask with her kiss, wink or heart
        // eyes ("ellarum unga WhatsApp number inga podunga … ungaludhu first 😘", "sir unga
        // WhatsApp number inga podunga, walking time ku remind pannuven 😉") is her own step,
        // not the group's roll call; the roll call with a flower, or bare, stays the group's.
        let group = || Contact { friend_status: FriendStatus::Unknown, group: true, ..Contact::named("Walkers group".into()) };
        let said = |minute: i64, who: &str, kind: MessageKind, t: &str| {
            let mut m = at(minute, true, t);
            m.author = Some(who.into());
            m.kind = kind;
            m
        };
        let run = |ask: &str| {
            let mut t = Tracker::new(group(), Tuning::default(), None);
            t.push(&said(1, "Organiser", MessageKind::Text, "Good morning all 🌞"));
            t.push(&said(2, "Meena", MessageKind::Text, ask)).level
        };
        for ask in ["Everyone put your WhatsApp number here, Raghavan uncle yours first 😘", "sir unga WhatsApp number inga podunga, remind pannuven 😉"] {
            assert!(run(ask) >= Level::Warning, "{ask}");
        }
        for ask in ["Everyone put your WhatsApp number here for the bus list", "Everyone put your WhatsApp number here for the bus list 🌹"] {
            assert!(run(ask) < Level::Warning, "{ask}");
        }
        // Her wink with no step in the message is the group's banter.
        let mut t = Tracker::new(group(), Tuning::default(), None);
        assert!(t.push(&said(1, "Meena", MessageKind::Text, "Nice photo uncle 😉")).level < Level::Warning);
        // The ring's "officer" who demands after one member's call and another's recording
        // (w11b bn_03) joins both their chains: the recording's holder's judges the demand.
        let mut t = Tracker::new(group(), Tuning::default(), None);
        let script: [(&str, MessageKind, &str); 9] = [
            ("Shreya", MessageKind::Text, "Welcome Biswajit da 🌹 ei group ta amader private adda"),
            ("Tina", MessageKind::Text, "হ্যালো ডার্লিং 😘 আপনি খুব হ্যান্ডসাম"),
            ("Shreya", MessageKind::Text, "ami korechi dada. amra Durgapur er, tomar post gulo darun lage"),
            ("Tina", MessageKind::Text, "Telegram e eso na, okhane amader aro chhobi ache 🙈 tomar number ta dao"),
            ("Shreya", MessageKind::Text, "thik ache tahole ekhanei group video call kori, dorja bondho kore nao 😉"),
            ("Shreya", MessageKind::VideoCall, "Group video call ended 5 min"),
            ("Tina", MessageKind::Text, "😂😂 recording hoye geche"),
            ("ACP Mishra", MessageKind::Text, "I am ACP Mishra, CBI cyber wing. You have been recorded in obscene video call with minor girl. FIR being registered"),
            ("ACP Mishra", MessageKind::Text, "case settle korte 75,000 jama korun ei account e, noile kal sokale arrest. family ke kichu bolben na"),
        ];
        let mut level = Level::None;
        for (i, (who, kind, text)) in script.into_iter().enumerate() {
            level = t.push(&said(i as i64 + 1, who, kind, text)).level;
        }
        assert_eq!(level, Level::Danger);
    }

    #[test]
    fn round_sixty_a_members_own_number_posted_in_the_group_is_its_notice_board() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        // Round sixty (branch gen57): a farmers' group a few weeks old, opened by a member
        // (no trust of years): the officer's "doubts? my WhatsApp: 98765 …" said to all,
        // or the secretary's "I'll post the link on Sunday" after naming WhatsApp, is the
        // group's notice board, not her move to him alone. A member who courted him first,
        // or who says it "for personal guidance", is moving him.
        let group = || Contact { friend_status: FriendStatus::Unknown, group: true, start_visible: true, ..Contact::named("Farmers group".into()) };
        let said = |minute: i64, who: &str, t: &str| {
            let mut m = at(minute, true, t);
            m.author = Some(who.into());
            m
        };
        let run = |lines: &[&str]| {
            let mut t = Tracker::new(group(), Tuning::default(), None);
            t.push(&said(1, "Rajan", "Dam opens tomorrow, water in the canal by Thursday"));
            lines.iter().enumerate().map(|(i, l)| t.push(&said(i as i64 + 2, "Meena", l)).level).max().unwrap()
        };
        assert!(run(&["For the subsidy bring chitta, Aadhaar and passbook copies. Doubts, my WhatsApp: 98765 46215"]) < Level::Warning);
        assert!(run(&["Tenants' Aadhaar and photo I will take on WhatsApp, then fill the form", "OK, I will post the link at 11 on Sunday"]) < Level::Warning);
        assert!(run(&["Uncle you look so handsome, are you alone at home these days?", "my WhatsApp: 98765 46215"]) >= Level::Warning);
        assert!(run(&["Single travellers note my number 98765 46215 on WhatsApp for personal guidance"]) >= Level::Warning);
    }

    #[test]
    fn an_amount_with_a_threat_is_its_demand_without_a_call_before() {
        use crate::engine::{Level, Message, MessageKind, Sender};
        let msg = |t: &str| Message { from: Sender::Them, author: None, at: None, kind: MessageKind::Text, text: Some(t.into()) };
        let mut t = friend();
        assert_eq!(t.push(&msg("💰 20000 or 📹➡️👨‍👩‍👧‍👦")).level, Level::Danger);
        // An amount alone, before any call, is not a demand.
        let mut t = friend();
        assert!(t.push(&msg("It cost 20000 last year")).level < Level::Warning);
    }

    #[test]
    fn round_forty_nine_his_word_that_someone_told_him_of_her_outlasts_the_days_before_her_ask() {
        use crate::engine::time::Timestamp;
        use crate::engine::{Contact, FriendStatus, Level, Message, MessageKind, Sender, Tracker, Tuning};
        // Round forty-nine (branch gen46): the helpline his son registered him with calls
        // weekly and asks his WhatsApp weeks later, for its doctor's video call. His "yes,
        // Rahul told me" before any step of hers is his own circle: the days between do
        // not void it (`pretext_outlived`). Without it, the late ask is a warning.
        let msg = |day: u32, from_them: bool, t: &str| {
            let ts = Timestamp::parse_rfc3339(&format!("2026-10-{day:02}T11:00:00+05:30")).unwrap();
            Message { from: if from_them { Sender::Them } else { Sender::Me }, author: None, at: Some(ts), kind: MessageKind::Text, text: Some(t.into()) }
        };
        let run = |answer: &str| {
            let start = Timestamp::parse_rfc3339("2026-10-01T11:00:00+05:30").unwrap();
            let contact = Contact { friend_status: FriendStatus::Friends, start_visible: true, conversation_start: Some(start), ..Contact::named("Rekha".into()) };
            let mut t = Tracker::new(contact, Tuning::default(), None);
            t.push(&msg(1, true, "Namaste sir, I am Rekha from the Saathi elder helpline. Your son Rahul registered you, I will check on you every Thursday"));
            t.push(&msg(1, false, answer));
            t.push(&msg(8, true, "Sir how is the BP this week?"));
            t.push(&msg(8, false, "A little high still. The clinic is far"));
            t.push(&msg(15, true, "Then our doctor will see you on a video call. Please send your WhatsApp number")).level
        };
        assert!(run("Yes, Rahul told me. Thank you, the evenings are long") < Level::Warning);
        assert_eq!(run("Ok thank you, the evenings are long"), Level::Warning);
    }

    /// A tracker for a contact the user is friends with: what a Messenger page
    /// usually shows of one, with nothing else known.
    fn friend() -> crate::engine::Tracker {
        use crate::engine::{Contact, FriendStatus, Tracker, Tuning};
        Tracker::new(Contact { friend_status: FriendStatus::Friends, ..Contact::named("X".into()) }, Tuning::default(), None)
    }

    fn at(minute: i64, from_them: bool, t: &str) -> crate::engine::Message {
        text_on(&format!("2026-11-28T17:{minute:02}:00+05:30"), from_them, t)
    }

    /// A text message at an RFC 3339 time.
    fn text_on(rfc3339: &str, from_them: bool, t: &str) -> crate::engine::Message {
        use crate::engine::time::Timestamp;
        use crate::engine::{Message, MessageKind, Sender};
        let ts = Timestamp::parse_rfc3339(rfc3339);
        assert!(ts.is_some(), "{rfc3339}");
        Message { from: if from_them { Sender::Them } else { Sender::Me }, author: None, at: ts, kind: MessageKind::Text, text: Some(t.into()) }
    }

    /// Her video call's row at `minute` (no text: the row's length unread).
    fn her_call(minute: i64) -> crate::engine::Message {
        crate::engine::Message { kind: crate::engine::MessageKind::VideoCall, text: None, ..at(minute, true, "") }
    }

    #[test]
    fn round_thirty_six_her_call_row_alone_warns_before_it_is_answered() {
        // The reader gives her call as a row of its own (ringing unanswered: "missed"; or
        // ended), with no text. From a new contact who courted him, with no invitation in
        // words, that row alone is the video-call step: the warning stands at it, before
        // he picks up her next ring. The user's own call is no step of hers.
        use crate::engine::{Contact, FriendStatus, Level, MessageKind, Tracker, Tuning};
        let contact = || Contact { friend_status: FriendStatus::Friends, mutual_friends: Some(0), ..Contact::named("X".into()) };
        for (kind, from_them, want) in [
            (MessageKind::MissedVideoCall, true, true),
            (MessageKind::VideoCall, true, true),
            (MessageKind::VideoCall, false, false),
            (MessageKind::MissedVideoCall, false, false),
        ] {
            let mut t = Tracker::new(contact(), Tuning::default(), None);
            t.push(&at(0, true, "Good morning sir 🌹"));
            assert!(t.push(&at(1, true, "You look very handsome sir, are you married?")).level < Level::Warning);
            let call = crate::engine::Message { kind, text: None, ..at(2, from_them, "") };
            let level = t.push(&call).level;
            assert_eq!(level >= Level::Warning, want, "{kind:?} placed by {}", if from_them { "her" } else { "him" });
        }
    }

    #[test]
    fn round_forty_two_the_news_of_a_posts_reach_is_no_threat() {
        // A reporter asks his number for an interview on video call; after her call, "your
        // video … viral" with the count of its views or of the people who watched is the
        // news of the post, below danger. The same "viral" with no count, with the price of
        // deleting it, or with his video called obscene is the chain's threat: danger.
        use crate::engine::{Contact, FriendStatus, Level, MessageKind, Tracker, Tuning};
        let contact = || Contact { friend_status: FriendStatus::NotFriends, mutual_friends: Some(0), ..Contact::named("X".into()) };
        let run = |after: &str| {
            let mut t = Tracker::new(contact(), Tuning::default(), None);
            t.push(&at(0, true, "Namaste sir, I am a reporter, I read your post about the 1971 war"));
            t.push(&at(1, true, "Please share your WhatsApp number, we will do the interview on video call"));
            t.push(&at(2, false, "98407 55123"));
            t.push(&crate::engine::Message { kind: MessageKind::VideoCall, text: Some("Video chat · 38 min".into()), ..at(10, true, "") });
            t.push(&at(11, true, after)).level
        };
        for news in ["Sir unga video 50,000 views! viral aayiduchu 😊", "सर आपका वीडियो तो वायरल हो गया 😊 40 हज़ार लोग देख चुके", "Sir apnar video ta FB page e dilam, 3 hajar view, viral hoye geche 😊"] {
            assert!(run(news) < Level::Danger, "{news}");
        }
        for threat in ["Sir unga video viral aayiduchu 😊", "Your video 50,000 views, viral. Delete karne ke 10,000 bhejo", "Tumcha objectionable video upload zala, 8,000 views. Lavkar viral hoil"] {
            assert_eq!(run(threat), Level::Danger, "{threat}");
        }
    }

    #[test]
    fn round_thirty_nine_a_recording_told_before_her_call_is_no_lever() {
        // The packers' survey: a stranger asks his number for a video call and tells him,
        // before it, that she will record it. After the call her "recording saved" and her
        // advance are the service's (a warning at most, from her number ask); without the
        // message telling it, the same recording after her call is danger. Told or not, a
        // threat with a demand is danger, and so is everything once she courts him.
        use crate::engine::{Contact, FriendStatus, Level, MessageKind, Tracker, Tuning};
        let contact = || Contact { friend_status: FriendStatus::NotFriends, mutual_friends: Some(0), ..Contact::named("X".into()) };
        let run = |before: &[&str], after: &[&str]| {
            let mut t = Tracker::new(contact(), Tuning::default(), None);
            t.push(&at(0, true, "Namaste sir, Balaji Packers here, about your son's shifting to Bangalore"));
            t.push(&at(1, true, "Please share your WhatsApp number, we will do the survey on video call"));
            t.push(&at(2, false, "98407 55123"));
            for (i, m) in before.iter().enumerate() {
                t.push(&at(3 + i as i64, true, m));
            }
            t.push(&crate::engine::Message { kind: MessageKind::VideoCall, text: Some("Video chat · 12 min".into()), ..at(10, true, "") });
            let mut level = Level::None;
            for (i, m) in after.iter().enumerate() {
                level = t.push(&at(11 + i as i64, true, m)).level;
            }
            level
        };
        let told = "I will record the call and calculate the volume from it";
        let after = ["Thanks sir, recording saved", "Please send 5,000 advance by Friday to the company account"];
        assert_eq!(run(&[told], &after), Level::Warning);
        assert_eq!(run(&[], &after), Level::Danger);
        assert!(super::records(told) && !super::records("we will do the survey on video call"));
        assert_eq!(run(&[told], &["Your video is recorded. Send 5,000 now or it goes to your son and all your friends"]), Level::Danger);
        assert_eq!(run(&["You are very handsome sir, are you alone at home?", told], &after), Level::Danger);
    }

    #[test]
    fn money_right_after_his_own_upi_id_is_her_paying_him() {
        use crate::engine::{Contact, FriendStatus, Level, MessageKind, Tracker, Tuning};
        let contact = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("X".into()) };
        let call = crate::engine::Message { kind: MessageKind::VideoCall, text: None, ..at(1, true, "") };
        let run = |his: &str| {
            let mut t = Tracker::new(contact(), Tuning::default(), None);
            t.push(&at(0, true, "hi sir, is the flat still there?"));
            t.push(&call);
            t.push(&at(2, true, "I screen recorded the call"));
            t.push(&at(3, false, his));
            t.push(&at(4, true, "[payment screenshot ₹10,000]")).level
        };
        // The tenant: his UPI id, then her payment's screenshot. Not a demand.
        assert!(run("ok. UPI: raghu.kamath.sr@okfakesbi") < Level::Danger);
        // The same amount with no UPI id of his before it is the recording's price.
        assert_eq!(run("ok"), Level::Danger);
    }

    #[test]
    fn money_the_contact_has_sent_him_is_no_demand_unless_a_threat_comes_with_it() {
        use crate::engine::{Contact, FriendStatus, Level, MessageKind, Tracker, Tuning};
        let contact = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("X".into()) };
        let call = crate::engine::Message { kind: MessageKind::VideoCall, text: None, ..at(1, true, "") };
        let run = |after: &str| {
            let mut t = Tracker::new(contact(), Tuning::default(), None);
            t.push(&at(0, true, "hi dear, aapka whatsapp number do"));
            t.push(&call);
            t.push(&at(3, true, after)).level
        };
        // The buyer's advance, sent after seeing the item on video: she pays him.
        assert!(run("theek hai 6000 final, 1000 advance abhi bhej raha hu") < Level::Danger);
        assert!(run("baaki 5000 bhej diye, thank you uncle") < Level::Danger);
        // The same sum asked of him after her call is the chain's demand.
        assert_eq!(run("theek hai, 6000 abhi bhejo"), Level::Danger);
        // "Sent" with a threat is the threat's price, not her payment.
        assert_eq!(run("video tumhare bete ko bhej diya, 6000 bhejo warna sabko"), Level::Danger);
    }

    #[test]
    fn threat_words_in_her_own_invitation_are_the_calls_words() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let contact = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("X".into()) };
        let run = |texts: &[&str]| {
            let mut t = Tracker::new(contact(), Tuning::default(), None);
            let mut l = Level::None;
            for (i, m) in texts.iter().enumerate() {
                l = t.push(&at(i as i64, true, m)).level;
            }
            l
        };
        let invite = "Uncle ek video call kar lo, start karke dikha do aur km meter. Abhi office me hu";
        // The buyer's invitation and, later, his advance: no threat was said.
        assert!(run(&[invite, "Sahi hai. Fees 500 UPI pe bhejo"]) < Level::Danger);
        // The same words as the invitation's "or else" are the threat.
        assert_eq!(run(&["Video call kar lo warna tumhara video office me sabko dikha dunga", "500 UPI pe bhejo"]), Level::Danger);
    }

    #[test]
    fn advice_that_names_the_scam_or_says_real_police_never_ask_is_no_threat() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let contact = || Contact { friend_status: FriendStatus::Friends, mutual_friends: Some(48), ..Contact::named("X".into()) };
        let run = |reply: &str| {
            let mut t = Tracker::new(contact(), Tuning::default(), None);
            t.push(&at(0, false, "आमच्या सोसायटीतल्या काकांना कोणीतरी व्हिडिओ कॉल करून पैसे मागितले"));
            t.push(&at(1, true, reply)).level
        };
        // The nephew in the police answers his uncle's story: advice, not a demand.
        assert!(run("मामा, तो सेक्सटॉर्शनचा प्रकार आहे. पोलीस केस बंद करायला पैसे मागत नाहीत") < Level::Warning);
        assert!(run("खरे पोलीस कधीच केस बंद करायला पैसे मागत नाहीत") < Level::Warning);
        // The impostor's own case and price, said as his.
        assert_eq!(run("मी पोलीस, तुमच्यावर केस आहे. केस बंद करायला पैसे द्या"), Level::Danger);
    }

    #[test]
    fn threat_words_whose_video_is_the_call_she_invites_him_to_are_no_threat() {
        use crate::engine::Level;
        let run = |line: &str| {
            let mut t = friend();
            t.push(&at(0, true, "તારો WhatsApp નંબર આપ, આપણું 'મોડાસા 72 બેચ' ગ્રુપ છે, તને એડ કરું"));
            t.push(&at(1, true, "કોલેજમાં તેં મને 500 રૂપિયા ઉધાર આપ્યા હતા 😄 તારો UPI આપ, હવે ચૂકવી દઉં"));
            t.push(&at(2, false, "ગાંડો છે કે?"));
            t.push(&at(3, true, line)).level
        };
        // "All the friends, video call, I'll send the link": the reunion's call.
        assert!(run("ચોક્કસ. રવિવારે બધા મિત્રો વીડિયો કોલ કરીએ, લિંક મોકલીશ") < Level::Danger);
        // His video named besides the call: the threat stands.
        assert_eq!(run("રવિવારે વીડિયો કોલ કરીએ, નહીં તો તમારો વીડિયો બધા ને મોકલીશ"), Level::Danger);
        assert!(super::names_the_call("Sunday video call karenge, sab aayenge", "video … sab"));
        assert!(!super::names_the_call("Video call karo, your video is with me", "video … with me"));
        assert!(!super::names_the_call("last night video call yaad hai? Video ippo share pannava?", "video … share"));
    }

    #[test]
    fn money_the_contact_has_sent_into_his_account_is_no_demand_in_any_language() {
        use crate::engine::{Level, MessageKind};
        let call = crate::engine::Message { kind: MessageKind::VideoCall, text: None, ..at(1, true, "") };
        // A grandson's upload after his call ("your video is going viral"): a warning.
        let run = |money: &str| {
            let mut t = friend();
            t.push(&at(0, true, "Ajoba!! Good morning from Melbourne"));
            t.push(&call);
            t.push(&at(2, true, "Here is the video, I will send it to everybody, your video is going viral"));
            t.push(&at(3, true, money)).level
        };
        assert!(run("Also I am sending 2000 on your GPay for Diwali sweets") < Level::Danger);
        assert!(run("ഇന്ന് 30,000 അയച്ചിട്ടുണ്ട്. ബാക്കി ശമ്പളം വന്നിട്ട്") < Level::Danger);
        assert!(run("Aa mahine 20,000 tamara account ma mokalya che") < Level::Danger);
        // An order to pay is the demand, whatever was sent before it.
        assert_eq!(run("Send 2000 on my GPay now"), Level::Danger);
        assert_eq!(run("ലിങ്ക് അയച്ചിട്ടുണ്ട്, 20000 അയക്കൂ"), Level::Danger);
    }

    #[test]
    fn an_elder_kinship_address_lowers_suspicion_but_a_strangers_uncle_does_not() {
        use crate::engine::{Level, MessageKind};
        let call = crate::engine::Message { kind: MessageKind::VideoCall, text: None, ..at(2, true, "") };
        let run = |first: &str, later: &str| {
            let mut t = friend();
            t.push(&at(0, true, first));
            t.push(&call);
            t.push(&at(3, true, later)).level
        };
        // A son's "അപ്പച്ചാ", a nephew's "Mamaji", then his call recorded (the roof shown
        // for the sister): the family's record, below danger.
        assert!(run("അപ്പച്ചാ, ഫ്രീ ആണോ? വീഡിയോ കോൾ ചെയ്യട്ടെ?", "മേൽക്കൂര കാണിച്ചത് റെക്കോർഡ് ചെയ്തു") < Level::Danger);
        assert!(run("Namaste Mamaji, free now? Video call karein?", "I did screen recording of the call") < Level::Danger);
        // The same with no family word, or a stranger's "uncle ji": the recording is the lever.
        assert_eq!(run("ഫ്രീ ആണോ? വീഡിയോ കോൾ ചെയ്യട്ടെ?", "മേൽക്കൂര കാണിച്ചത് റെക്കോർഡ് ചെയ്തു"), Level::Danger);
        assert_eq!(run("Namaste uncle ji, free now? Video call karein?", "I did screen recording of the call"), Level::Danger);
    }

    #[test]
    fn the_chain_told_in_the_third_person_is_no_threat_of_the_tellers() {
        use crate::engine::Level;
        let run = |line: &str| {
            let mut t = friend();
            t.push(&at(0, true, "Namaste. Very busy these days at the cyber cell"));
            t.push(&at(1, true, line)).level
        };
        // How the scam goes, told with "then she says" / "extorted" / "she asks": told.
        assert!(run("Girl calls on video, records, then says pay or I will make your video viral. One uncle paid 2 lakh") < Level::Warning);
        assert!(run("एका शेतकऱ्याला बाईने व्हिडिओ कॉल करून फसवलं. व्हिडिओ व्हायरल करीन म्हणून ८०,००० उकळले") < Level::Warning);
        assert!(run("फिर नंबर माँगती है, फिर रात को वीडियो कॉल। वो कपड़े उतार देती है और स्क्रीन रिकॉर्ड कर लेती है") < Level::Warning);
        // The same threat and demand said in the first person and to him: his.
        assert_eq!(run("Pay 2 lakh or I will make your video viral"), Level::Danger);
        assert_eq!(run("तुमचा व्हिडिओ व्हायरल करीन, ८०,००० पाठवा नाहीतर"), Level::Danger);
    }

    #[test]
    fn are_you_alone_said_with_a_family_word_is_the_familys_surprise() {
        use crate::engine::{Level, MessageKind};
        let call = crate::engine::Message { kind: MessageKind::VideoCall, text: None, ..at(3, true, "") };
        let run = |first: &str| {
            let mut t = friend();
            t.push(&at(0, true, first));
            t.push(&at(1, false, "She is in the temple. What happened?"));
            t.push(&at(2, true, "Let us do a video call now"));
            t.push(&call).level
        };
        assert!(run("Hi thatha!! Are you alone? Is ajji around?") < Level::Warning);
        assert!(run("अभी अकेले हो पापा? मम्मी मंदिर गई?") < Level::Warning);
        // Her own relative is no family word of his; nor is a bare "dear".
        assert_eq!(run("Hi dear, are you alone?"), Level::Warning);
        assert_eq!(run("Are you alone? my papa is out"), Level::Warning);
        // The family word said earlier in the conversation (a son's "Papa" in the morning,
        // "you are alone, video call daily" in the evening): still the family's worry.
        let later = |first: &str| {
            let mut t = friend();
            t.push(&at(0, true, first));
            t.push(&at(1, false, "Yes, all fine here"));
            t.push(&at(2, true, "Tame ekla cho etle chinta thay. Roj sanje ek vaar video call karjo")).level
        };
        assert!(later("Papa good morning! Tamari BP ni dava lidhi?") < Level::Warning);
        assert_eq!(later("Good morning dear! Tamari BP ni dava lidhi?"), Level::Warning);
        assert_eq!(later("Good morning! my papa also takes BP medicine"), Level::Warning);
    }

    #[test]
    fn a_romanised_kin_word_that_is_an_everyday_word_elsewhere_is_no_kinship() {
        use crate::engine::Level;
        let mut t = friend();
        // Hindi "ho pati" (can be), not Tamil "paati" (grandmother) folded to "pati".
        assert_eq!(t.push(&at(0, true, "apna whatsapp no do na ji, yahan baat nhi ho pati")).level, Level::Warning);
    }

    #[test]
    fn a_gang_word_said_with_his_own_video_named_is_the_impostors_claim_not_a_warning() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let contact = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("X".into()) };
        let run = |second: &str| {
            let mut t = Tracker::new(contact(), Tuning::default(), None);
            t.push(&at(0, true, "नमस्कार, दिल्ली सायबर विभागातून अधिकारी बोलतोय."));
            t.push(&at(1, true, second));
            t.push(&at(2, true, "पोलिसांना तपास करण्यासाठी पैशांची गरज आहे. आरोपीचं लोकेशन ट्रेस करायला २५,००० फी लागेल")).level
        };
        assert_eq!(run("तुमचा एक आक्षेपार्ह व्हिडिओ आमच्याकडे तक्रारीत आला आहे. ती टोळी आम्ही पकडत आहोत."), Level::Danger);
        // Advice said as advice still takes the sitting's demand back.
        assert!(run("जर कोणी तुमचा व्हिडिओ पाठवण्याची धमकी दिली तर पैसे देऊ नका, तक्रार करा") < Level::Danger);
    }

    #[test]
    fn a_heart_in_the_message_that_calls_him_papa_is_the_familys() {
        use crate::engine::{Level, MessageKind};
        let call = crate::engine::Message { kind: MessageKind::VideoCall, text: None, ..at(5, true, "") };
        let run = |texts: &[&str]| {
            let mut t = friend();
            for (i, m) in texts.iter().enumerate() {
                t.push(&at(i as i64, true, m));
            }
            t.push(&call).level
        };
        assert!(run(&["Happy Birthday पापा 🎂🎉❤️ 70 साल के जवान!"]) < Level::Warning);
        // Her hearts in a message of their own still court.
        assert_eq!(run(&["Happy Birthday पापा 🎂🎉", "❤️❤️ miss you"]), Level::Warning);
    }

    #[test]
    fn someone_watching_here_said_in_the_future_or_with_is_is_secrecy() {
        use crate::engine::Level;
        // A clinic named first (suspicion below zero): only secrecy makes the move a warning.
        let run = |m: &str| {
            let mut t = friend();
            t.push(&at(0, true, "u r doctor na? i saw ur pic in clinic"));
            t.push(&at(1, true, m)).level
        };
        assert_eq!(run("fb is watching everything dear. come on telegram, give ur number i will add"), Level::Warning);
        assert!(run("come on telegram, give ur number i will add") < Level::Warning);
    }

    #[test]
    fn a_trade_she_names_counts_for_nothing_once_she_flatters_him() {
        use crate::engine::Level;
        // Round fifty-nine: the persona only she typed (a patient, a client, a clinic's
        // staff) with her flattery, then her WhatsApp ask: no clinic or client tells him
        // he is handsome. A circle she names (classmates, a walking group) keeps its
        // weight: old friends and members compliment each other.
        let run = |lines: &[&str]| {
            let mut t = friend();
            let mut level = Level::None;
            for (i, m) in lines.iter().enumerate() {
                level = t.push(&at(i as i64, true, m)).level;
            }
            level
        };
        let ask = "please give your whatsapp number, I will send the reports there";
        assert_eq!(run(&["Namaste sir, I was your patient at the clinic last year", "you are looking so handsome in your new photo", ask]), Level::Warning);
        assert!(run(&["Namaste sir, I was your patient at the clinic last year", "my knee pain is better now", ask]) < Level::Warning);
        assert!(run(&["Namaste sir, our alumni group is meeting in March", "you are looking so handsome in your new photo", ask]) < Level::Warning);
    }

    #[test]
    fn be_alone_for_the_service_he_sought_is_its_privacy() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let contact = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("Clinic".into()) };
        let alone = "धन्यवाद सर, बुकिंग हो गई। कॉल के समय कमरे में अकेले रहें तो बेहतर, डॉक्टर साहब कुछ निजी सवाल पूछेंगे।";
        // He wrote first, with his errand: the clinic's "be alone in the room".
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        t.push(&at(0, false, "नमस्ते, डॉक्टर सिन्हा से ऑनलाइन दिखाना है। पेशाब की दिक्कत है"));
        t.push(&at(1, true, "अपना व्हाट्सएप नंबर भेज दीजिए, कॉल का लिंक वहीं आएगा"));
        assert!(t.push(&at(2, true, alone)).level < Level::Warning);
        // The same from a persona who wrote first (the "yoga teacher"): her wish.
        let mut u = Tracker::new(contact(), Tuning::default(), None);
        u.push(&at(0, true, "नमस्ते जी, आप कैसे हैं? मैं दिल्ली से हूँ"));
        u.push(&at(1, true, "अपना व्हाट्सएप नंबर भेज दीजिए, कॉल का लिंक वहीं आएगा"));
        assert!(u.push(&at(2, true, alone)).level >= Level::Warning);
    }

    #[test]
    fn advice_later_in_the_sitting_takes_back_the_scam_it_described() {
        use crate::engine::Level;
        // (Told with no "they"/"she": "they record…, then say pay" is an account on its own,
        // see `the_chain_told_in_the_third_person_is_no_threat_of_the_tellers`.)
        let explained = "First the video call, it gets recorded, then: pay 20000 or your video goes to your family";
        let mut t = friend();
        assert_eq!(t.push(&at(10, true, explained)).level, Level::Danger, "on its own it reads as the threat");
        // The same sender, minutes later: "if anyone threatens you, call 1930".
        assert!(t.push(&at(16, true, "If anyone threatens you like this, call 1930 and tell me")).level < Level::Warning);
        // Advice first: the explanation after it in the sitting is quoted from the start.
        let mut t = friend();
        t.push(&at(10, true, "Never pay, report to 1930"));
        assert!(t.push(&at(12, true, explained)).level < Level::Warning);
        // Hours later the same words are the sender's own again.
        let mut t = friend();
        t.push(&at(10, true, "Never pay, report to 1930"));
        let late = crate::engine::time::Timestamp::parse_rfc3339("2026-11-28T21:00:00+05:30").unwrap();
        let mut m = at(0, true, explained);
        m.at = Some(late);
        assert_eq!(t.push(&m).level, Level::Danger);
    }

    #[test]
    fn affection_in_emoji_before_the_step_is_courting() {
        use crate::engine::{Contact, FriendStatus, Level, MessageKind, Tracker, Tuning};
        // Nothing known but fifteen mutual friends: suspicion below zero, so a bare
        // invitation is a notice (a relative, a colleague).
        let contact = || Contact { friend_status: FriendStatus::Friends, mutual_friends: Some(15), ..Contact::named("R".into()) };
        let run = |first: &str| {
            let mut t = Tracker::new(contact(), Tuning::default(), None);
            t.push(&at(1, true, first));
            t.push(&at(2, false, "kuch nahi, khana kha raha"));
            t.push(&at(3, true, "video call karein?")).level
        };
        assert_eq!(run("kya kar rahe ho ji"), Level::Notice);
        // Her kisses before it court him as words would (tests/tuning/README.md, round ten).
        assert_eq!(run("kya kar rahe ho ji 😘😘"), Level::Warning);
        assert_eq!(run("Good night ❤️"), Level::Warning);
        // A smile or folded hands is no courting.
        assert_eq!(run("kya kar rahe ho ji 🙂🙏"), Level::Notice);
        // Thanks with a heart after the call (the grandchild's project) court no one.
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        t.push(&at(1, true, "kya kar rahe ho ji"));
        assert_eq!(t.push(&at(3, true, "video call karein?")).level, Level::Notice);
        t.push(&crate::engine::Message { kind: MessageKind::VideoCall, text: None, ..at(4, true, "") });
        assert_eq!(t.push(&at(9, true, "Recording done, thank you ❤️")).level, Level::Notice);
        // Alone, from a new account with nothing else, a flower is a greeting's garnish.
        let new = Contact { friend_status: FriendStatus::NotFriends, mutual_friends: Some(0), joined: Some("2026-11".into()), ..Contact::named("N".into()) };
        let mut t = Tracker::new(new, Tuning::default(), None);
        assert!(t.push(&at(1, true, "Good morning ji 🌹 have a nice day")).level < Level::Warning);
        // In a group a 🌹 goes to everyone: not counted.
        let group = Contact { group: true, ..contact() };
        let mut t = Tracker::new(group, Tuning::default(), None);
        let mut m = at(1, true, "kya kar rahe ho ji 😘😘");
        m.author = Some("Rani".into());
        t.push(&m);
        let mut m = at(3, true, "video call karein?");
        m.author = Some("Rani".into());
        assert!(t.push(&m).level < Level::Warning);
    }

    #[test]
    fn her_hearts_before_her_first_step_void_the_pretext_she_named() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        // A buyer for his listed scooter asks his WhatsApp: a notice. The same "buyer"
        // who sent him hearts before that ask courted him first: the listing excuses
        // nothing (round sixteen: w11a, w15a, w18b, w19a, w7b, corpus w5).
        let run = |third: &str, fifth: &str| {
            let contact = Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("B".into()) };
            let mut t = Tracker::new(contact, Tuning::default(), None);
            t.push(&at(0, true, "Hi is your Activa still available? Saw your post"));
            t.push(&at(2, false, "Yes available. 28000 final, single owner"));
            t.push(&at(3, true, third));
            t.push(&at(4, false, "ok"));
            let l = t.push(&at(5, true, "give your whatsapp no, I will send token there")).level;
            (l, t.push(&at(6, true, fifth)).level)
        };
        assert_eq!(run("nice photos, looks good", "ok").0, Level::Notice);
        assert_eq!(run("wow 😍 you look so young in the photo", "ok").0, Level::Warning);
        // A flower with a greeting is the greeting's garnish, as before.
        assert_eq!(run("Good morning 🌹 looks good", "ok").0, Level::Notice);
        // Thanks with a heart after her ask court nothing before it.
        assert_eq!(run("nice photos, looks good", "thank you ❤️"), (Level::Notice, Level::Notice));
    }

    #[test]
    fn her_first_call_at_night_voids_the_pretext_she_named() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let msg = |time: &str, them: bool, t: &str| text_on(&format!("2026-11-28T{time}"), them, t);
        // A "patient" names his clinic and asks his WhatsApp in the afternoon: no warning.
        // Her invitation at 11 in the morning is the teleconsult's; at 22:40 it is no
        // clinic's (round twenty: w17a, w18a, w18b, w20b, w21a, w21b).
        let run = |call_at: &str, group: bool| {
            let contact = Contact { friend_status: FriendStatus::Friends, group, ..Contact::named("P".into()) };
            let mut t = Tracker::new(contact, Tuning::default(), None);
            t.push(&msg("15:00:00+05:30", true, "Namaste, I need an appointment at your clinic for my father"));
            t.push(&msg("15:05:00+05:30", false, "Ok, tell me the problem"));
            assert!(t.push(&msg("15:06:00+05:30", true, "Send me your whatsapp number, I will send his reports")).level < Level::Warning);
            t.push(&msg("15:10:00+05:30", false, "ok"));
            t.push(&msg(call_at, true, "Can we do a video call now?")).level
        };
        assert!(run("11:00:00+05:30", false) < Level::Warning);
        assert!(run("16:00:00+05:30", false) < Level::Warning);
        assert_eq!(run("22:40:00+05:30", false), Level::Warning);
        assert_eq!(run("05:30:00+05:30", false), Level::Warning);
        // An export's UTC seconds (offset zero) say nothing of his evening.
        assert!(run("22:40:00Z", false) < Level::Warning);
        // A group's call is the group's: its hour changes nothing.
        assert_eq!(run("22:40:00+05:30", true), run("11:00:00+05:30", true));
        // His son abroad, kinship both ways, calls at night: trust, as before.
        let mut t = Tracker::new(Contact { friend_status: FriendStatus::Friends, ..Contact::named("S".into()) }, Tuning::default(), None);
        t.push(&msg("21:00:00+05:30", true, "Papa namaste, did the money reach?"));
        t.push(&msg("21:02:00+05:30", false, "Haan beta, aa gaye"));
        assert!(t.push(&msg("22:30:00+05:30", true, "Video call karein? Chintu wants to see you")).level < Level::Warning);
    }

    #[test]
    fn her_first_ask_at_night_voids_the_pretext_and_purpose_she_named() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let msg = |time: &str, them: bool, t: &str| text_on(&format!("2026-11-28T{time}"), them, t);
        // Round thirty-four (w22a, w22b, w24b): the "nurse" names his treatment, the
        // "coaching centre" its tie-up, and asks his WhatsApp. In the afternoon a notice;
        // at 22:10, her first step of all at night, no pretext or purpose holds it.
        let run = |ask_at: &str, group: bool, first: &str| {
            let contact = Contact { friend_status: FriendStatus::Friends, group, ..Contact::named("R".into()) };
            let mut t = Tracker::new(contact, Tuning::default(), None);
            t.push(&msg("15:00:00+05:30", true, first));
            t.push(&msg("15:05:00+05:30", false, "Ok, tell me"));
            t.push(&msg(ask_at, true, "Send me your whatsapp number, I will send the details")).level
        };
        for first in ["I am the nurse from ward 4, you got discharge last week, how are the stitches?", "Namaste, I need an appointment at your clinic for my father"] {
            assert!(run("16:00:00+05:30", false, first) < Level::Warning, "{first}");
            assert_eq!(run("22:10:00+05:30", false, first), Level::Warning, "{first}");
            // An export's UTC seconds say nothing of his evening; a group's ask is the group's.
            assert!(run("22:10:00Z", false, first) < Level::Warning, "{first}");
            assert_eq!(run("22:10:00+05:30", true, first), run("16:00:00+05:30", true, first), "{first}");
        }
        // His son abroad asks his WhatsApp at night, kinship both ways: trust, as before.
        let son = |ask_at: &str| {
            let mut t = Tracker::new(Contact { friend_status: FriendStatus::Friends, ..Contact::named("S".into()) }, Tuning::default(), None);
            t.push(&msg("21:00:00+05:30", true, "Papa namaste, did the money reach?"));
            t.push(&msg("21:02:00+05:30", false, "Haan beta, aa gaye"));
            t.push(&msg(ask_at, true, "Papa apna whatsapp number bhejo, wahan photos bhejta hoon")).level
        };
        assert!(son("23:30:00+05:30") < Level::Warning);
    }

    #[test]
    fn his_kinship_word_after_her_hearts_is_still_his() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        // A daughter's "Papa 😘", then his "mummy kaisi hai?": kinship both ways. Her
        // hearts are no question his word answers (unlike "are you married?").
        let contact = Contact { friend_status: FriendStatus::Friends, ..Contact::named("G".into()) };
        let mut t = Tracker::new(contact, Tuning::default(), None);
        t.push(&at(1, true, "Papa namaste 😘"));
        t.push(&at(2, false, "Bolo beta, mummy kaisi hai?"));
        assert!(t.push(&at(3, true, "video call karein?")).level < Level::Warning);
    }

    #[test]
    fn a_laughing_threat_is_teasing_only_before_a_call_or_from_family() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let known = || Contact { friend_status: FriendStatus::Friends, mutual_friends: Some(60), ..Contact::named("X".into()) };
        let stranger_like = || Contact { friend_status: FriendStatus::Friends, ..Contact::named("Z".into()) };
        // Family: "your dance video goes to all your friends 😂, pay up" is a joke.
        let mut t = Tracker::new(known(), Tuning::default(), None);
        assert!(t.push(&at(10, true, "Your video will go to all your friends 😂 pay 5000 to delete")).level < Level::Danger);
        // Without the laugh, the same from family is a demand (a hacked account).
        let mut t = Tracker::new(known(), Tuning::default(), None);
        assert_eq!(t.push(&at(10, true, "Your video will go to all your friends, pay 5000 to delete")).level, Level::Danger);
        // "I have your video" with no call before, then the laughing threat and money
        // from someone not a stranger: the wedding dance a grandson recorded.
        let mut t = Tracker::new(stranger_like(), Tuning::default(), None);
        t.push(&at(1, true, "Dadu, I have your video"));
        t.push(&at(3, false, "Which video?"));
        assert!(t.push(&at(5, true, "Pay 500 or your video goes viral to all your friends 🤣")).level < Level::Danger);
        // After a call the laugh excuses nothing.
        let stranger = || Contact { friend_status: FriendStatus::Friends, ..Contact::named("Y".into()) };
        let mut t = Tracker::new(stranger(), Tuning::default(), None);
        let mut call = at(5, true, "");
        call.kind = crate::engine::MessageKind::VideoCall;
        call.text = None;
        t.push(&at(1, true, "Send your WhatsApp number dear"));
        t.push(&call);
        assert_eq!(t.push(&at(10, true, "ur face is clear in recording 😂 I am uploading on youtube and sending to ur son")).level, Level::Danger);
    }

    #[test]
    fn an_impostor_named_in_one_line_and_his_case_in_the_next_indic_line_is_one_claim() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let contact = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("V".into()) };
        let case = "உங்கள் மீது ஒரு பெண் obscene video call complaint கொடுத்திருக்கிறார். Section 67 IT Act. You will be arrested today.";
        // Over SHORT in bytes (three a Tamil letter), not in letters.
        assert!(case.len() > super::SHORT && case.chars().count() <= super::SHORT);
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        t.push(&at(0, true, "Mr. Sundaram, this is Vinod Kumar, CBI Cyber Crime Division, New Delhi."));
        assert_eq!(t.push(&at(1, true, case)).level, Level::Danger);
    }

    #[test]
    fn a_laugh_excuses_no_threat_once_the_contact_moved_off_facebook_or_courted_him() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let contact = || Contact { friend_status: FriendStatus::Friends, ..Contact::named("N".into()) };
        let threat = "Your video will go to all your friends 😂 pay 30000";
        // Nothing before: teasing.
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        assert!(t.push(&at(10, true, threat)).level < Level::Danger);
        // His video claimed and a sum named in the same laughing message: the chain's
        // demand, not teasing (round fifteen: w17a's poetry group).
        let group = || Contact { friend_status: FriendStatus::Unknown, group: true, ..Contact::named("G".into()) };
        let mut t = Tracker::new(group(), Tuning::default(), None);
        let mut m = at(10, true, "जास्त शहाणपणा करू नका 😂 तुमचा video माझ्याकडे आहे. १५,००० पाठवा नाहीतर इथेच ग्रुपमध्ये टाकते");
        m.author = Some("R".into());
        assert_eq!(t.push(&m).level, Level::Danger);
        // In a group whose talk is its own (its shared trust, no kinship): a member's sum
        // with its "or else" and his audience named, laughing, is the chain's demand
        // (round fifty-four); the same sum with a threat that names no one is a tease.
        let said = |text: &str| {
            let mut t = Tracker::new(group(), Tuning::default(), None);
            let mut first = at(0, true, "Welcome to our walkers group, all members please join Sunday");
            first.author = Some("A".into());
            t.push(&first);
            let mut m = at(10, true, text);
            m.author = Some("S".into());
            t.push(&m).level
        };
        assert_eq!(said("Sir 25,000 bhejo warna ye video isi group mein daal dungi 😂"), Level::Danger);
        assert!(said("Picnic ke 500 bhejo, jisne nahi bheja uski recording group me chala dunga 😜") < Level::Danger);
        // Her own "fraud? 😂" after her demand mocks his word: no caution that takes the
        // demand back (round fifty-four).
        let mut t = Tracker::new(group(), Tuning::default(), None);
        for text in ["20,000 bhejo warna aapka video isi group mein daal dungi", "fraud? 😂 jaldi Paytm karo"] {
            let mut m = at(10, true, text);
            m.author = Some("S".into());
            t.push(&m);
        }
        assert_eq!(t.assessment().level, Level::Danger);
        // After her WhatsApp ask: the chain's threat, whatever the emoji.
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        t.push(&at(1, true, "Send your WhatsApp number"));
        assert_eq!(t.push(&at(10, true, threat)).level, Level::Danger);
        // After her "are you alone?": the same.
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        t.push(&at(1, true, "Are you alone now? 😘"));
        assert_eq!(t.push(&at(10, true, threat)).level, Level::Danger);
    }

    #[test]
    fn the_users_kinship_answer_to_an_invitation_counts_but_not_his_plea_after_a_call() {
        use crate::engine::contact_signals::TRUSTED;
        use crate::engine::{Contact, FriendStatus, Level, MessageKind, Tracker, Tuning};
        let contact = || Contact { friend_status: FriendStatus::Friends, ..Contact::named("A".into()) };
        let call = |minute: i64| {
            let mut m = at(minute, true, "");
            m.kind = MessageKind::VideoCall;
            m.text = None;
            m
        };
        // A grandson: "can you do a video call now?" — "Yes mone, call": family.
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        t.push(&at(1, true, "Can you do a video call now? I want to show you my project"));
        let before = t.suspicion_now();
        t.push(&at(2, false, "Yes mone, call"));
        assert!(t.suspicion_now() <= TRUSTED && before > TRUSTED, "{before} → {}", t.suspicion_now());
        t.push(&call(3));
        t.push(&at(30, true, "I will send you the video there, don't forward it to everyone 😂"));
        assert!(t.assessment().level < Level::Danger);
        // The same words only after she placed the call and claimed a recording: a plea.
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        t.push(&at(1, true, "Send me your WhatsApp number dear"));
        t.push(&call(3));
        t.push(&at(10, true, "I have screen recorded everything"));
        assert_eq!(t.push(&at(11, false, "Beta please delete it")).level, Level::Danger);
        assert_eq!(t.push(&at(12, true, "Send 20000 now")).level, Level::Danger);
    }

    /// The level of her video-call invitation `invite` (minute 3) after `lines` (minutes 1
    /// and 2; `true` when she says it) with a contact shown as a friend: how his words of
    /// a life shared weigh against her courting.
    fn invite_level(lines: &[(bool, &str)], invite: &str) -> crate::engine::Level {
        use crate::engine::{Contact, FriendStatus, Tracker, Tuning};
        let mut t = Tracker::new(Contact { friend_status: FriendStatus::Friends, ..Contact::named("A".into()) }, Tuning::default(), None);
        for (i, &(hers, line)) in lines.iter().enumerate() {
            t.push(&at(i as i64 + 1, hers, line));
        }
        t.push(&at(3, true, invite)).level
    }

    #[test]
    fn the_users_own_words_of_missing_her_before_she_courted_him_are_a_shared_life() {
        use crate::engine::Level;
        let invite = "Are you alone? Video call me, I want to see if you ate properly";
        // The wife at her sister's: his "house is quiet without you" comes first.
        assert!(invite_level(&[(true, "Did you take your BP tablet?"), (false, "Taken. House is too quiet without you")], invite) < Level::Warning);
        // Nothing of his: the same invitation warns.
        assert_eq!(invite_level(&[(true, "Did you take your BP tablet?")], invite), Level::Warning);
        // His "missing you" only after her flattery and personal questions: his answer to
        // her courting, no shared past.
        assert_eq!(invite_level(&[(true, "You are so handsome. Do you live alone?"), (false, "Missing you")], invite), Level::Warning);
        // Her own "I miss you" is no history either.
        assert_eq!(invite_level(&[(true, "Missing you, the house is empty without you")], invite), Level::Warning);
    }

    #[test]
    fn round_sixty_eight_his_shared_life_answering_her_alone_question_counts() {
        use crate::engine::Level;
        // Round sixty-eight (gen66): the wife's "alone at home? 😜" before his "without
        // you the house is empty" (w18b kn_04, w24a mr_06): her question alone is no
        // courting his words answer; his shared life counts.
        let invite = "Video call karti hu, tumhara chehra dekhna hai 🙈";
        assert!(invite_level(&[(true, "So gaye? Akele ho na ghar mein? 😜"), (false, "Haan, tumhare bina ghar soona hai")], invite) < Level::Warning);
        // The same question with her flattery: his words answer a stranger's courting.
        assert_eq!(invite_level(&[(true, "Aap bahut handsome ho. Akele ho na ghar mein? 😜"), (false, "Haan, tumhare bina ghar soona hai")], invite), Level::Warning);
        // Her own words of a shared life after her question buy nothing.
        assert_eq!(invite_level(&[(true, "Akele ho na ghar mein? Tumhare bina ghar soona hoga 😜"), (false, "Haan")], invite), Level::Warning);
    }

    #[test]
    fn round_seventy_three_his_household_on_the_call_named_in_its_sitting_is_no_outlived_pretext() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        // Round seventy-three (gen71): the audiologist's "have your daughter-in-law hold
        // the phone" three minutes before her call, the thread three days old (w33b
        // ta_01; w25a en_04's "both families" the same): said in the call's sitting, it is
        // no pretext outlived by the days; said only on the first day, it is.
        let msg = |time: &str, them: bool, t: &str| text_on(&format!("2026-11-{time}:00+05:30"), them, t);
        let run = |first: &str, invite: &str| {
            let contact = Contact { friend_status: FriendStatus::Friends, start_visible: true, ..Contact::named("L".into()) };
            let mut t = Tracker::new(contact, Tuning::default(), None);
            t.push(&msg("02T10:00", true, first));
            t.push(&msg("02T11:00", false, "Good. When?"));
            t.push(&msg("02T11:10", true, "Thursday 5 pm"));
            t.push(&msg("02T11:15", false, "ok"));
            t.push(&msg("05T11:15", false, "The TV sound is too loud now"));
            t.push(&msg("05T11:25", true, invite)).level
        };
        let plain = "Your new hearing aid has arrived, we will fit it at home";
        let held = "I will video call you now and change the setting in the app. Aunty can hold the phone";
        assert!(run(plain, held) < Level::Warning);
        assert_eq!(run(plain, "I will video call you now and change the setting in the app"), Level::Warning);
        // Said only on the first day, days before her call: outlived.
        assert_eq!(run("Your new hearing aid has arrived. Aunty can hold the phone when we fit it", "I will video call you now and change the setting in the app"), Level::Warning);
    }

    #[test]
    fn a_conversation_the_user_opened_with_his_errand_lowers_suspicion_a_hello_does_not() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        // The thread's start is on the page: its first message is the first ever.
        let contact = || Contact { friend_status: FriendStatus::Friends, start_visible: true, ..Contact::named("A".into()) };
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        t.push(&at(1, false, "My phone was stolen at the market yesterday, what should I do now?"));
        assert!(t.push(&at(5, true, "Send me your WhatsApp number, I will send the form")).level < Level::Warning);
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        t.push(&at(1, false, "Hello ji 🙏"));
        assert_eq!(t.push(&at(5, true, "Send me your WhatsApp number, I will send the form")).level, Level::Warning);
        // A service he engaged: her number ask, her call, then the fee — a fee, not a
        // demand, whether or not the page shows the thread's start (w7a's physio).
        for visible in [true, false] {
            let mut t = Tracker::new(Contact { start_visible: visible, ..contact() }, Tuning::default(), None);
            t.push(&at(1, false, "Madam, the doctor referred me for my shoulder pain, can you take sessions?"));
            t.push(&at(3, true, "Please share your WhatsApp number, I send the exercise videos there"));
            let mut call = at(10, true, "");
            call.kind = crate::engine::MessageKind::VideoCall;
            call.text = None;
            t.push(&call);
            let l = t.push(&at(50, true, "Please pay the 600 fee on GPay")).level;
            assert!(l < Level::Danger, "start visible {visible}: {l:?}");
        }
        // The start not on the page: his errand as the first row loaded weighs only while
        // she keeps to it; once she courts him it is nothing.
        let mut t = Tracker::new(Contact { start_visible: false, ..contact() }, Tuning::default(), None);
        t.push(&at(1, false, "My phone was stolen at the market yesterday, what should I do now?"));
        assert!(t.push(&at(5, true, "Send me your WhatsApp number, I will send the form")).level < Level::Warning);
        let mut t = Tracker::new(Contact { start_visible: false, ..contact() }, Tuning::default(), None);
        t.push(&at(1, false, "My phone was stolen at the market yesterday, what should I do now?"));
        t.push(&at(3, true, "You look so handsome sir, are you married? are you alone at home?"));
        assert_eq!(t.push(&at(5, true, "Send me your WhatsApp number")).level, Level::Warning);
        // Nor when an earlier message of the thread is remembered from a visit before:
        // the first row loaded is then not its start.
        let facts = crate::engine::ContactFacts { earliest_message: at(0, true, "").at, ..Default::default() };
        let mut t = Tracker::new(Contact { start_visible: false, ..contact() }, Tuning::default(), Some(facts));
        t.push(&at(10, false, "My phone was stolen at the market yesterday, what should I do now?"));
        assert_eq!(t.push(&at(15, true, "Send me your WhatsApp number, I will send the form")).level, Level::Warning);
        // Nor when the contact wrote first.
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        t.push(&at(0, true, "Good morning"));
        t.push(&at(1, false, "My phone was stolen at the market yesterday, what should I do now?"));
        assert_eq!(t.push(&at(5, true, "Send me your WhatsApp number, I will send the form")).level, Level::Warning);
    }

    #[test]
    fn a_bill_asked_before_any_step_is_a_business_he_pays_while_it_does_not_court_him() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let studio = || Contact { friend_status: FriendStatus::Friends, ..Contact::named("Studio".into()) };
        let bill = "Namaste ji, the wedding film is ready. Please send the balance 18,000 by GPay";
        let ask = "Send your WhatsApp number, I will send the full video link there";
        // The balance, then the WhatsApp ask for the delivery: a notice at most.
        let mut t = Tracker::new(studio(), Tuning::default(), None);
        t.push(&at(1, true, bill));
        assert!(t.push(&at(3, true, ask)).level < Level::Warning);
        // The ask with no bill before it: a warning.
        let mut t = Tracker::new(studio(), Tuning::default(), None);
        t.push(&at(1, true, "Namaste ji, the wedding film is ready"));
        assert_eq!(t.push(&at(3, true, ask)).level, Level::Warning);
        // Nor once she courts him.
        let mut t = Tracker::new(studio(), Tuning::default(), None);
        t.push(&at(1, true, bill));
        t.push(&at(2, true, "You look so handsome sir, are you married? are you alone at home?"));
        assert_eq!(t.push(&at(3, true, ask)).level, Level::Warning);
    }

    #[test]
    fn round_fifty_a_late_hour_of_the_night_named_with_her_invitation() {
        for t in ["aaj raat 10 baje video call karungi", "Tonight 10 pm, be ready", "innu raathri 11 nu vc cheyyam", "ರಾತ್ರಿ 10ಕ್ಕೆ ಕಾಲ್ ಮಾಡ್ತೀನಿ", "இரவு 10.30க்கு அழைப்பு"] {
            assert!(crate::engine::tracker::names_night(t), "{t}");
        }
        for t in ["Can we do a video call on Saturday 5 pm? 10 min only", "आज रात्री ८ वाजता व्हिडिओ कॉल करू", "আজ রাতে ফ্রি আছেন? ২৮ গুণ মিলেছে", "Are you free tonight?", "raat ko 2 roti khana"] {
            assert!(!crate::engine::tracker::names_night(t), "{t}");
        }
    }

    #[test]
    fn a_fee_named_for_the_service_is_its_bill_unless_she_holds_a_lever_over_him() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let clinic = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("Neelam".into()) };
        let call = || her_call(2);
        // Her call, then the session's fee on UPI: a bill, not the chain's demand.
        let mut t = Tracker::new(clinic(), Tuning::default(), None);
        t.push(&call());
        assert!(t.push(&at(5, true, "Consultation fee ₹600 on UPI physio@okbank")).level < Level::Danger);
        // The same sum with no fee named: a stranger's call and then money is danger.
        let mut t = Tracker::new(clinic(), Tuning::default(), None);
        t.push(&call());
        assert_eq!(t.push(&at(5, true, "Send ₹600 on UPI physio@okbank")).level, Level::Danger);
        // A "fee" after a recording claimed out of nowhere is the lever's price.
        let mut t = Tracker::new(clinic(), Tuning::default(), None);
        t.push(&at(1, true, "We have your nude video, it is recorded with us"));
        assert_eq!(t.push(&at(5, true, "Delete fee 18500, UPI ytdelete@okbank")).level, Level::Danger);
        // And after her threat.
        let mut t = Tracker::new(clinic(), Tuning::default(), None);
        t.push(&call());
        t.push(&at(3, true, "I will send your video to your family"));
        assert_eq!(t.push(&at(5, true, "Fee 20000 on UPI now")).level, Level::Danger);
    }

    #[test]
    fn round_sixty_one_viral_told_as_done_is_the_news_not_a_threat() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let stranger = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("Irfan".into()) };
        let level = |texts: &[&str]| {
            let mut t = Tracker::new(stranger(), Tuning::default(), None);
            texts.iter().enumerate().map(|(i, x)| t.push(&at(i as i64, true, x)).level).last().unwrap()
        };
        // The post has gone round: the news of it, whoever tells it.
        for text in ["आपका स्कूल वाला वीडियो हमारे यहाँ के ग्रुप में वायरल हो गया", "Sir your video went viral in our village group", "Kaka tumcha video school group var viral zala"] {
            assert!(level(&[text]) < Level::Warning, "{text}");
        }
        // The people who watched, in the oblique case, are a count, not a sum.
        assert!(super::sum_amount("पिछली भजन संध्या का वीडियो इंस्टाग्राम पर डाला, 5000 लोगों ने देख लिया 😄 वायरल हो गए हम").is_none());
        assert_eq!(super::sum_amount("10k bhejo warna friend list ke 412 logon ko jayega").as_deref(), Some("10k"));
        // The threat's future, its condition, or after she claimed a recording: a threat.
        for texts in [&["aapka video viral ho jayega"][..], &["aapka video viral ho gaya to izzat chali jayegi"], &["maine screen recording kar li hai", "aapka video viral ho gaya"]] {
            assert_eq!(level(texts), Level::Danger, "{texts:?}");
        }
    }

    #[test]
    fn round_sixty_three_her_own_who_is_no_who_are_you_unless_she_asks_who_is_home() {
        use crate::engine::{Contact, FriendStatus, Tracker, Tuning};
        let neighbour = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("Sravya".into()) };
        let group = || Contact { friend_status: FriendStatus::Unknown, group: true, ..Contact::named("Colony group".into()) };
        let who = |c: Contact, from_them: bool, text: &str| {
            let mut t = Tracker::new(c, Tuning::default(), None);
            let a = t.push(&at(1, from_them, text)).clone();
            a.evidence.iter().any(|e| e.rule == "context.who_are_you")
        };
        // Her own "who" one-to-one asks nothing of her: the milkman, the office, a name.
        for text in ["thank you uncle, milk evaru vestaru ikkada?", "bank evaru OTP adagaru sir", "and who is this Manjeet Kaur writing on your photo?"] {
            assert!(!who(neighbour(), true, text), "{text}");
        }
        // His question, her "who is at home?" (her check that he is alone), and a member's
        // alarm in a group still count.
        assert!(who(neighbour(), false, "meeru evaru?"));
        assert!(who(neighbour(), true, "uncle intlo evaru untaru?"));
        assert!(who(group(), true, "Sneha, nenu add cheyaledu. meeru evaru?"));
        // Her "who" in an officer's errand he opened (w28b's VRO: "naaku evaru dabbulu
        // ivvakkarledu", no one need pay me) moves the thread no more than the same words
        // without it: warning on main's code, a notice without "evaru".
        let level = |last: &str| {
            let mut t = Tracker::new(neighbour(), Tuning::default(), None);
            t.push(&at(1, false, "Namaskaram sir, na mutation application inka pending ani vastondi"));
            t.push(&at(2, true, "chusanu. mee WhatsApp number ivvandi, NOC format pampistanu"));
            t.push(&at(3, false, "98765 45610"));
            t.push(&at(4, true, last)).level
        };
        assert_eq!(level("pampanu. fee Mee Seva lo kattandi, naaku evaru dabbulu ivvakkarledu"), level("pampanu. fee Mee Seva lo kattandi, naaku dabbulu ivvakkarledu"));
    }

    /// Her lines, one a minute from a friend named `name` (an empty line is her video
    /// call): whether the chain then holds a threat's evidence.
    fn threat_read(name: &str, lines: &[&str]) -> bool {
        use crate::engine::{Contact, FriendStatus, Tracker, Tuning};
        let mut t = Tracker::new(Contact { friend_status: FriendStatus::Friends, ..Contact::named(name.into()) }, Tuning::default(), None);
        for (i, text) in lines.iter().enumerate() {
            if text.is_empty() {
                t.push(&her_call(i as i64));
            } else {
                t.push(&at(i as i64, true, text));
            }
        }
        t.assessment().evidence.iter().any(|e| e.rule.starts_with("extortion.threat"))
    }

    #[test]
    fn round_sixty_seven_a_call_told_of_in_an_earlier_line_is_no_clip_to_join() {
        let threat = |lines: &[&str]| threat_read("Shobha", lines);
        // A group's meeting and a class told of "on video call" in one short line, her
        // plans in the next: the lines joined were a threat ("takto" … "video" of the
        // call … "Facebook"; "video" … "online" … "bhej dungi").
        assert!(!threat(&["ravivari sagle video call var bhetnar ahot. recording karun group la takto", "tumche pustak baghitla Facebook var 😊"]));
        assert!(!threat(&["main online video call te sikhaundi haan", "main sargam di PDF te class da time bhej dungi"]));
        // A clip named in the earlier line still joins.
        assert!(threat(&["tumcha video maza kade ahe. group la takto", "Facebook var pan"]));
    }

    #[test]
    fn round_eighty_one_a_call_told_of_before_hers_is_no_threat() {
        let threat = |lines: &[&str]| threat_read("Mary", lines);
        // The meeting's call announced, the nurse's call told of: the threat's "video" is
        // only ever the call's, and nothing is held over him.
        let agm = "Aur Sunday 11 baje AGM video call pe hogi, jo log bahar hai vo bhi judenge. Recording sabko bhejenge";
        let nurse = "Sir aap Chennai gaye ho na beti ke paas? Dressing ho gayi, video call pe wound dikhati hoon";
        assert!(!threat(&[agm]));
        assert!(!threat(&[nurse]));
        // After her call, or after an impostor's office, or with his recording named, or
        // with a clip of his besides the call: the threat stays.
        assert!(threat(&["", nurse]));
        assert!(threat(&["", agm]));
        assert!(threat(&["Main Rahul Verma, YouTube content manager. Tuhadi objectionable video upload hoi hai, nahi taan viral", agm]));
        assert!(threat(&["Aapki video call ki recording sabko bhejenge"]));
        assert!(threat(&["Sunday video call pe hogi, tumhara video sabko bhejenge"]));
    }

    #[test]
    fn round_seventy_eight_a_call_told_of_in_a_later_line_is_no_clip_to_join() {
        let threat = |lines: &[&str]| threat_read("Suresh", lines);
        // The fund's account "put in the group", then the group's call told of: the
        // lines joined were a threat ("ഇടും" … "ഗ്രൂപ്പിൽ", then "വീഡിയോ" of the call).
        assert!(!threat(&["ഗോപിയേട്ടന്റെ മോന്റെ അക്കൗണ്ട് ഗ്രൂപ്പിൽ ഇടും. തിടുക്കമില്ല ചേട്ടാ.", "ഗ്രൂപ്പിൽ ഞായറാഴ്ച എല്ലാവരും ചേർന്ന് വീഡിയോ കോൾ ഉണ്ട് 😄"]));
        assert!(!threat(&["main sabko link bhej dungi", "Sunday ko family video call hai"]));
        // A clip named in the later line still joins.
        assert!(threat(&["group il ellarkkum ayakkum", "ചേട്ടന്റെ വീഡിയോ"]));
        // So does a call line that also moves him off Facebook (the land buyer's ask).
        assert!(threat(&["Main Toronto mein hoon, family ke liye investment chahiye.", "aap apna WhatsApp do, wahan documents aur location bhejo. Video call pe plot bhi dekh lungi"]));
    }

    #[test]
    fn round_seventy_six_the_events_recording_announced_is_no_threat() {
        use crate::engine::{Contact, FriendStatus, Tracker, Tuning};
        let threat = |text: &str| {
            let mut t = Tracker::new(Contact { friend_status: FriendStatus::Friends, ..Contact::named("Sunanda".into()) }, Tuning::default(), None);
            let a = t.push(&at(1, true, text)).clone();
            a.evidence.iter().any(|e| e.rule.starts_with("extortion.threat"))
        };
        // The meeting's, the class's or the programme's recording announced for the group
        // or its channel, naming no video of his: not a threat.
        for text in [
            "Meet ki recording YouTube pe daalenge, jo nahi aa paye wo baad me dekh lena",
            "Kal ki class ki recording group me daal di hai",
            "हे recording university च्या YouTube वर पण टाकणार आहेत 😊",
            "Recording page ke YouTube channel pe bhi jayegi",
        ] {
            assert!(!threat(text), "{text}");
        }
        // His recording ("your", "तुम्हारे", "अंकल"), the recording of her call with him,
        // or one with its price: the threat stays.
        for text in [
            "ये रिकॉर्डिंग तुम्हारे ग्रुप में डाल दूँगी",
            "अंकल कॉल वाली रिकॉर्डिंग इसी ग्रुप में डाल दूँ? सब देखेंगे",
            "अंकल रिकॉर्डिंग इसी ग्रुप में डाल दूँ?",
            "Your recording goes to YouTube",
            "recording mere paas hai. 5000 abhi bhejo warna YouTube pe jayegi",
        ] {
            assert!(threat(text), "{text}");
        }
    }

    #[test]
    fn round_seventy_two_her_sum_answering_his_price_is_the_bargain() {
        use crate::engine::{Contact, FriendStatus, Tracker, Tuning};
        // Her messages after his, each preceded by her own steps; whether her last sum is read.
        let read = |lines: &[(i64, bool, &str)]| {
            let mut t = Tracker::new(Contact { friend_status: FriendStatus::Friends, ..Contact::named("Sai".into()) }, Tuning::default(), None);
            let mut a = None;
            for &(m, them, text) in lines {
                a = Some(if text.is_empty() { t.push(&her_call(m)).clone() } else { t.push(&at(m, them, text)).clone() });
            }
            a.unwrap().evidence.iter().any(|e| e.rule == "text.bare_amount")
        };
        // His price, her call, her sum at or a little under it: the bargain. (A bare sum
        // is listed only after her call: `events` leaves it out before.)
        assert!(!read(&[(0, false, "avunu. quintal 21,000 kavali"), (2, true, "video call lo saruku chupinchandi"), (4, true, ""), (6, true, "buyer ki nachindi. 20,500 ki fix")]));
        assert!(!read(&[(0, true, ""), (1, false, "Yes available. 12000"), (2, true, "Nice condition uncle. 10500 final?")]));
        // Above his sum ("I paid 10,000" → "15,000 now"), far under it, after her
        // recording, or after a sum of her own: read as before.
        assert!(read(&[(0, true, ""), (1, false, "Pichli baar 10,000 diye the"), (2, true, "ab 15,000, is baar pakka")]));
        assert!(read(&[(0, true, ""), (1, false, "Yes available. 22000 rent"), (2, true, "15k now")]));
        assert!(read(&[(0, false, "avunu. quintal 21,000 kavali"), (2, true, ""), (4, true, "maine screen record kar liya"), (6, true, "20,500 abhi")]));
        assert!(read(&[(0, true, ""), (1, true, "25,000 chahiye"), (2, false, "20000 hai mere paas"), (3, true, "20000 abhi")]));
    }

    #[test]
    fn round_seventy_five_her_own_circle_as_the_audience() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        // A stranger's call, then her recording or post told with her own family, group or
        // class as its audience: her news, not the lever.
        let level = |text: &str| {
            let mut t = Tracker::new(Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("Sunita".into()) }, Tuning::default(), None);
            t.push(&at(0, true, "Namaste ji, aapka bhajan bahut sundar hai"));
            t.push(&her_call(2));
            t.push(&at(20, true, text)).level
        };
        for text in ["मैंने वीडियो रिकॉर्ड कर लिया, हमारे परिवार के ग्रुप में डाल दूँ? सब सुनना चाहते हैं।", "🙏🙏 my whole class is subscribing, your stepwell video might go viral now 😄"] {
            assert!(level(text) < Level::Danger, "{text}");
        }
        // His family or his friends as the audience, a sum, an "or else", or the move off
        // Facebook in the message: as before.
        for text in ["मैंने वीडियो रिकॉर्ड कर लिया, तुम्हारे परिवार के ग्रुप में डाल दूँ?", "मैंने वीडियो रिकॉर्ड कर लिया, हमारे परिवार के ग्रुप में डाल दूँ? 5000 भेजो"] {
            assert_eq!(level(text), Level::Danger, "{text}");
        }
    }

    #[test]
    fn round_seventy_eight_the_post_asked_by_we_before_any_call_is_the_trusts_question() {
        use crate::engine::{Level, Tracker};
        // The trust asked for his number for the receipt; weeks later, with no call, "we"
        // ask to put his video on the page: its question, not the lever.
        let level = |call: bool, text: &str| {
            let mut t: Tracker = friend();
            t.push(&at(0, true, "जी ज़रूर। रसीद के लिए अपना मोबाइल नंबर और पता भेज दीजिए, डाक से भी भेजेंगे"));
            t.push(&at(5, false, "94140 2xxxx, मकान नं. 12"));
            if call {
                t.push(&her_call(10));
            }
            t.push(&at(30, true, text)).level
        };
        let we = "आपका गौ पूजन वाला वीडियो हम फेसबुक पेज पर डाल दें? लोग प्रेरणा लेंगे";
        assert!(level(false, we) < Level::Danger);
        assert!(level(false, "Sir may we put your video on our Facebook page? People will be inspired") < Level::Danger);
        // One person's mock, a sum with it, or the same line after her call: as before.
        assert_eq!(level(false, "आपका गौ पूजन वाला वीडियो मैं फेसबुक पेज पर डाल दूँ? लोग देखेंगे"), Level::Danger);
        assert_eq!(level(false, "आपका वीडियो हम फेसबुक पेज पर डाल दें? या 5000 भेजो"), Level::Danger);
        assert_eq!(level(true, we), Level::Danger);
    }

    #[test]
    fn round_seventy_eight_the_recording_planned_with_the_call_ahead_is_no_threat() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let physio = || Contact { friend_status: FriendStatus::RequestReceived, ..Contact::named("Dr. Aswathy".into()) };
        let plan = "enkil aadyam oru 10 min video call, posture nokkam. call record cheythu clinic physician Dr. Nair-nu ayakkum, file-il vekkan. bharya koode irunnal nallath";
        let read = |call_first: bool, text: &str| {
            let mut t = Tracker::new(physio(), Tuning::default(), None);
            t.push(&at(0, true, "Senior citizens online yoga batch-il sir register cheythallo"));
            if call_first {
                t.push(&her_call(1));
            }
            let a = t.push(&at(2, true, text)).clone();
            let threat = a.evidence.iter().any(|e| e.rule.starts_with("extortion.threat"));
            t.push(&her_call(5));
            (threat, t.push(&at(20, true, "course fee 1,500 clinic website-il adachaal receipt varum")).level)
        };
        // The call ahead and its recording's use, no word of his: the plan, not a threat;
        // the fee after the call is then no demand over a threat.
        let (threat, level) = read(false, plan);
        assert!(!threat);
        assert!(level < Level::Danger);
        // His own named ("sir nte"), or the same line after her call: the threat stays.
        assert!(read(false, "sir nte video call record cheythu bharyakku ayakkum").0);
        assert!(read(true, plan).0);
    }

    #[test]
    fn round_sixty_seven_another_persons_number_asked_is_no_ask_of_his() {
        use crate::engine::{Contact, FriendStatus, Tracker, Tuning};
        let asks = |text: &str| {
            let mut t = Tracker::new(Contact { friend_status: FriendStatus::Friends, ..Contact::named("Sanjay".into()) }, Tuning::default(), None);
            let a = t.push(&at(1, true, text)).clone();
            a.evidence.iter().any(|e| e.rule.starts_with("off_platform.number_ask") || e.rule == "off_platform.give_contact.any")
        };
        // A relative's or a tradesman's number asked: the errand, not his.
        for text in ["ani Ravi cha WhatsApp number de na, tyala form pathvaycha ahe", "Electrician er number din, ami dakbo", "Tempo wale ka number bhej dena kal"] {
            assert!(!asks(text), "{text}");
        }
        // His own, in any form, stays an ask (Malayalam's "sir nte" is his).
        for text in ["tumcha WhatsApp number de na", "sir nte WhatsApp number tharamo?", "Uncle apna number bhej dena"] {
            assert!(asks(text), "{text}");
        }
    }

    #[test]
    fn round_sixty_three_her_report_it_with_her_own_or_else_after_her_call_is_a_dare() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let agent = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("Vaishali".into()) };
        let call = || her_call(2);
        // After her call, his "I will complain" and her "complain, sir, but first pay, or
        // else …": the demand, not advice (the Marathi is a warning on main's code: the
        // advice took back her sitting, her invitation with it).
        for dare in [
            "तक्रार करा सर, पण आधी हा screenshot बघा 😂 आणि ₹३५,००० vaishali.po@examplepay वर टाका, नाहीतर वहिनींच्या शाळेच्या staff group ला पाठवते",
            "Complain to the police, sir. But first send 35,000 to vaishali.po@examplepay, otherwise the screenshot goes to your wife",
        ] {
            let mut t = Tracker::new(agent(), Tuning::default(), None);
            t.push(&at(0, true, "मग दुपारी तुम्ही एकटेच 😉"));
            t.push(&at(1, true, "सर video call करूया, आत्ता free आहात?"));
            t.push(&call());
            t.push(&at(3, false, "हे काय होतं?? मी तक्रार करतो"));
            assert_eq!(t.push(&at(4, true, dare)).level, Level::Danger, "{dare}");
        }
        // A nephew's advice with the scam's "or else" quoted, and no call of his: advice.
        let mut t = Tracker::new(agent(), Tuning::default(), None);
        t.push(&at(1, true, "Kaka, koi ladki video call kare aur bole 'paise do warna video viral', to paise mat dena, 1930 pe complaint karna"));
        assert!(t.push(&at(2, true, "Aur mujhe turant batana")).level < Level::Warning);
    }

    #[test]
    fn round_fifty_eight_a_refused_or_forbidden_step_is_no_step_but_her_secrecy_is() {
        use crate::engine::{Contact, FriendStatus, Tracker, Tuning};
        let stranger = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("Kavya".into()) };
        let steps = |text: &str| {
            let mut t = Tracker::new(stranger(), Tuning::default(), None);
            let a = t.push(&at(1, true, text)).clone();
            a.evidence.iter().filter(|e| e.rule.starts_with("off_platform.") || e.rule.starts_with("video_call.")).count()
        };
        // Each of these reads a step without the refusal (checked on the right), none with it.
        for (text, step) in [
            ("main kabhi video call nahi karungi, sirf likh ke baat karungi", "main video call karungi, sirf likh ke baat karungi"),
            ("Don't share your WhatsApp number in the comments", "Share your WhatsApp number in the comments"),
            ("अनजान लोगों को अपना नंबर मत भेजो", "अपना नंबर भेजो"),
            ("ਕਿਸੇ ਨੂੰ ਆਪਣਾ ਨੰਬਰ ਨਾ ਭੇਜੋ", "ਆਪਣਾ ਨੰਬਰ ਭੇਜੋ"),
            ("unga whatsapp number yaarukkum kudukkaadheenga", "unga whatsapp number kudunga"),
        ] {
            assert!(steps(step) > 0, "{step}");
            assert_eq!(steps(text), 0, "{text}");
        }
        // Her own "don't tell anyone", "don't ignore me", "don't cut", "let no one know":
        // the step still counts.
        for text in ["apna whatsapp number do, kisi ko mat batana", "Send me your WhatsApp number, don't ignore me", "video call karo abhi, call mat kaatna", "WhatsApp number dya, gharat kalu deu naka"] {
            assert!(steps(text) > 0, "{text}");
        }
    }

    #[test]
    fn round_fifty_three_her_sum_after_his_question_of_paying_is_the_bill_he_asked_for() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let tutor = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("Meera".into()) };
        let call = || her_call(2);
        // After her call he asks how to pay (in words, or naming the fee in a question):
        // her sum in reply is the bill.
        for q in ["Thank you madam. How do I pay?", "ok madam, class ki fees kitni hai?", "Bara, kase pathavu?"] {
            let mut t = Tracker::new(tutor(), Tuning::default(), None);
            t.push(&call());
            t.push(&at(4, false, q));
            assert!(t.push(&at(5, true, "₹600, UPI meera.music@okbank")).level < Level::Danger, "{q}");
        }
        // Without his question, the same sum after a stranger's call is danger.
        let mut t = Tracker::new(tutor(), Tuning::default(), None);
        t.push(&call());
        t.push(&at(4, false, "Thank you madam"));
        assert_eq!(t.push(&at(5, true, "₹600, UPI meera.music@okbank")).level, Level::Danger);
        // After her threat his "how do I pay?" is the victim's: her sum stays the demand.
        let mut t = Tracker::new(tutor(), Tuning::default(), None);
        t.push(&call());
        t.push(&at(3, true, "I will send your video to your family"));
        t.push(&at(4, false, "Please don't. How do I pay?"));
        assert_eq!(t.push(&at(5, true, "₹20000, UPI meera.music@okbank")).level, Level::Danger);
    }

    #[test]
    fn threat_words_in_her_number_ask_with_her_own_family_as_audience_are_no_threat() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let buyer = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("Harpreet".into()) };
        let call = || her_call(2);
        let mut t = Tracker::new(buyer(), Tuning::default(), None);
        t.push(&call());
        assert!(t.push(&at(5, true, "Looks good. Please share your WhatsApp number, my wife also wants to see the photos")).level < Level::Danger);
        // His wife as the audience is the chain's threat.
        let mut t = Tracker::new(buyer(), Tuning::default(), None);
        t.push(&call());
        assert_eq!(t.push(&at(5, true, "Please share your WhatsApp number, your wife will see the photos")).level, Level::Danger);
    }

    #[test]
    fn her_recording_said_with_his_leave_asked_is_no_lever_unless_she_already_holds_one() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let mother = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("Shalini".into()) };
        let call = || her_call(2);
        // The pupil's mother asks his leave for the son's screen recording of the class.
        let mut t = Tracker::new(mother(), Tuning::default(), None);
        t.push(&call());
        assert!(t.push(&at(5, true, "Is it ok if he screen records the call? He wants to revise")).level < Level::Danger);
        // The same recording claimed, not asked: the lever.
        let mut t = Tracker::new(mother(), Tuning::default(), None);
        t.push(&call());
        assert_eq!(t.push(&at(5, true, "I screen recorded the call")).level, Level::Danger);
        // After a threat aimed at him, the "is it ok" is mockery, not leave.
        let mut t = Tracker::new(mother(), Tuning::default(), None);
        t.push(&call());
        t.push(&at(4, true, "your video will go to your family"));
        assert_eq!(t.push(&at(5, true, "Is it ok if I screen recorded the call?")).level, Level::Danger);
        // The leave asked in mockery, naming his family as the audience: the threat itself.
        let mut t = Tracker::new(mother(), Tuning::default(), None);
        t.push(&call());
        assert_eq!(t.push(&at(5, true, "I recorded your video. Is it ok if I send it to your son and your friends? 😂")).level, Level::Danger);
    }

    #[test]
    fn money_said_as_a_condition_is_a_demand_only_when_its_then_is_the_videos_fate() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let call = || her_call(2);
        // The chain's "money comes, then the video is deleted": danger.
        let mut t = Tracker::new(Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("Riya".into()) }, Tuning::default(), None);
        t.push(&call());
        t.push(&at(3, true, "तुम्हारा वीडियो रिकॉर्ड हो गया है"));
        assert_eq!(t.push(&at(5, true, "पैसे आए तो वीडियो डिलीट")).level, Level::Danger);
        // A grandson's upload, then "money comes in, then a party for you": no demand.
        let mut t = Tracker::new(Contact { friend_status: FriendStatus::Friends, ..Contact::named("Kunal".into()) }, Tuning::default(), None);
        t.push(&at(1, true, "दादू!!! आपका वीडियो वायरल हो गया 😂"));
        t.push(&at(3, true, "वो जो कल वीडियो कॉल पर आपने भजन गाया था। मैंने स्क्रीन रिकॉर्डिंग करके यूट्यूब पर डाल दिया"));
        assert!(t.push(&at(5, true, "अगले संडे फिर वीडियो कॉल करेंगे। पैसे आए तो आपको पार्टी")).level < Level::Danger);
    }

    #[test]
    fn a_call_he_placed_himself_before_hers_is_a_relation_he_engages() {
        use crate::engine::{Contact, FriendStatus, Level, MessageKind, Tracker, Tuning};
        let friend = || Contact { friend_status: FriendStatus::Friends, ..Contact::named("Shaji".into()) };
        let his_call = crate::engine::Message { kind: MessageKind::AudioCall, text: None, ..at(2, false, "") };
        let her_call = || crate::engine::Message { kind: MessageKind::VideoCall, text: None, ..at(6, true, "") };
        let ask = "Send your whatsapp number, the old one is not working";
        // He phoned her first: her number ask and her video call are a notice.
        let mut t = Tracker::new(friend(), Tuning::default(), None);
        t.push(&his_call);
        assert!(t.push(&at(3, true, ask)).level < Level::Warning);
        assert!(t.push(&her_call()).level < Level::Warning);
        // Without his call the same ask warns.
        let mut t = Tracker::new(friend(), Tuning::default(), None);
        assert_eq!(t.push(&at(3, true, ask)).level, Level::Warning);
        // His call after her invitation is the chain's (he answered her "call me").
        let mut t = Tracker::new(friend(), Tuning::default(), None);
        t.push(&at(1, true, "Video call me now, I am free"));
        t.push(&his_call);
        assert_eq!(t.push(&at(3, true, ask)).level, Level::Warning);
        // And it counts for nothing once she courts him.
        let mut t = Tracker::new(friend(), Tuning::default(), None);
        t.push(&his_call);
        t.push(&at(3, true, "You look so handsome, are you alone at home?"));
        assert_eq!(t.push(&at(4, true, ask)).level, Level::Warning);
    }

    #[test]
    fn her_call_at_the_hour_agreed_in_an_earlier_sitting_is_an_appointment_kept() {
        use crate::engine::time::Timestamp;
        use crate::engine::{Contact, FriendStatus, Level, Message, MessageKind, Sender, Tracker, Tuning};
        // Round nineteen: a call that opens a new sitting, six hours or more after the
        // user's answer, is the interview or consult kept at the hour agreed; the chain's
        // call comes while he is engaged.
        let m = |day: u32, hm: &str, them: bool, kind: MessageKind, t: &str| {
            let ts = Timestamp::parse_rfc3339(&format!("2026-11-{day:02}T{hm}:00+05:30")).unwrap();
            Message { from: if them { Sender::Them } else { Sender::Me }, author: None, at: Some(ts), kind, text: (!t.is_empty()).then(|| t.into()) }
        };
        let run = |msgs: &[Message]| {
            let mut t = Tracker::new(Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("X".into()) }, Tuning::default(), None);
            msgs.iter().map(|x| t.push(x).level).last().unwrap()
        };
        let talk = [
            m(10, "10:00", true, MessageKind::Text, "Namaste sir, I saw your old photos of the village fair"),
            m(10, "10:30", false, MessageKind::Text, "Yes, my father was a trustee then"),
            m(10, "10:35", true, MessageKind::Text, "Shall we speak on Saturday at 11?"),
            m(10, "10:40", false, MessageKind::Text, "OK, Saturday 11"),
        ];
        let kept = m(12, "11:00", true, MessageKind::VideoCall, "");
        let at_once = m(10, "10:45", true, MessageKind::VideoCall, "");
        assert!(run(&[talk.to_vec(), vec![kept.clone()]].concat()) < Level::Warning);
        // The same call minutes after his answer: the chain's.
        assert_eq!(run(&[talk.to_vec(), vec![at_once]].concat()), Level::Warning);
        // After a pause, but he had not answered in the sitting before (her messages only).
        let unanswered = [talk.to_vec(), vec![m(11, "09:00", true, MessageKind::Text, "Good morning sir")], vec![kept.clone()]].concat();
        assert_eq!(run(&unanswered), Level::Warning);
        // A later call of hers in the same sitting is no appointment.
        let again = [talk.to_vec(), vec![kept.clone(), m(12, "11:30", false, MessageKind::Text, "Thank you"), m(12, "11:32", true, MessageKind::VideoCall, "")]].concat();
        assert_eq!(run(&again), Level::Warning);
        // The appointment's call is still the chain's call for what follows it.
        let threat = m(12, "11:20", true, MessageKind::Text, "I recorded the call. Send 20,000 or your video goes to your family");
        assert_eq!(run(&[talk.to_vec(), vec![kept, threat]].concat()), Level::Danger);
    }

    #[test]
    fn a_calls_length_is_read_in_minutes_and_hours_in_each_script() {
        use super::call_minutes;
        for (t, want) in [
            ("Video chat ended 54 min", 54),
            ("Video chat · 54 min", 54),
            ("2 min", 2),
            ("Video chat ended 5:32 · 12 min", 12),
            ("Call ended 3min", 3),
            ("Video chat · 1 hr 5 min", 65),
            ("Video chat ended 1 h 2 min", 62),
            ("Video chat ended 2 hours", 120),
            ("वीडियो चैट समाप्त १२ मिनट", 12),
            ("वीडियो चैट 15 मिनट में समाप्त हुई", 15),
            ("व्हिडिओ चॅट ५४ मिनिटांनी संपला", 54),
            ("१ घंटा १० मिनट", 70),
            ("२ तास", 120),
        ] {
            assert_eq!(call_minutes(t), Some(want), "{t:?}");
        }
        for t in ["Video chat ended", "Missed video chat", "Video chat ended 40 sec", "Video chat ended 5:32", "54", "वीडियो चैट समाप्त", "room 54 floor"] {
            assert_eq!(call_minutes(t), None, "{t:?}");
        }
    }

    #[test]
    fn her_long_connected_call_is_a_talk_not_the_chains_call_step() {
        use crate::engine::time::Timestamp;
        use crate::engine::{Contact, FriendStatus, Level, Message, MessageKind, Sender, Tracker, Tuning};
        // Round twenty-two: the chain's call is minutes long (a naked video, a recording,
        // hang up); her call of 15 minutes or more, as its row shows it, is a talk.
        let m = |hm: &str, them: bool, kind: MessageKind, t: &str| {
            let ts = Timestamp::parse_rfc3339(&format!("2026-11-10T{hm}:00+05:30")).unwrap();
            Message { from: if them { Sender::Them } else { Sender::Me }, author: None, at: Some(ts), kind, text: (!t.is_empty()).then(|| t.into()) }
        };
        let run = |msgs: &[Message]| {
            let mut t = Tracker::new(Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("X".into()) }, Tuning::default(), None);
            msgs.iter().map(|x| t.push(x).level).last().unwrap()
        };
        let talk = [
            m("10:00", true, MessageKind::Text, "Namaste sir, I saw your old photos of the village fair"),
            m("10:30", false, MessageKind::Text, "Yes, my father was a trustee then"),
        ];
        let call = |t: &str| m("10:35", true, MessageKind::VideoCall, t);
        for long in ["Video chat ended 54 min", "Video chat · 1 hr 5 min", "वीडियो चैट समाप्त १५ मिनट", "व्हिडिओ चॅट ५४ मिनिटांनी संपला"] {
            assert!(run(&[talk.to_vec(), vec![call(long)]].concat()) < Level::Warning, "{long:?}");
        }
        // A short call, a call with no length shown, a missed call: the chain's call step.
        for short in ["Video chat ended 3 min", "Video chat ended 14 min", "2 min", ""] {
            assert_eq!(run(&[talk.to_vec(), vec![call(short)]].concat()), Level::Warning, "{short:?}");
        }
        assert_eq!(run(&[talk.to_vec(), vec![m("10:35", true, MessageKind::MissedVideoCall, "54 min")]].concat()), Level::Warning);
        // "54 min" in an ordinary message is no call's length: her short call still warns.
        let typed = m("10:33", true, MessageKind::Text, "Video chat ended 54 min");
        assert_eq!(run(&[talk.to_vec(), vec![typed, call("2 min")]].concat()), Level::Warning);
        // A call's text is never read as words ("recorded" in it is no recording claimed).
        assert_eq!(run(&[talk.to_vec(), vec![call("Video chat ended 54 min I recorded your video, pay 20000")]].concat()) < Level::Warning, true);
        // The long call is still the chain's call for a recording, threat or demand after it.
        let threat = m("11:40", true, MessageKind::Text, "I recorded the call. Send 20,000 or your video goes to your family");
        assert_eq!(run(&[talk.to_vec(), vec![call("Video chat ended 54 min"), threat]].concat()), Level::Danger);
    }

    #[test]
    fn a_threats_words_after_her_talk_with_no_demand_are_its_news_a_notice() {
        use crate::engine::time::Timestamp;
        use crate::engine::{Contact, FriendStatus, Level, Message, MessageKind, Sender, Tracker, Tuning};
        // Round twenty-five (w17a's school friend): after her call that was a talk (47
        // minutes), from a contact below zero (his own Marketplace listing named), "recorded
        // … put in the reunion group" with no demand is the talk's news. Her short call
        // minutes after his answer, a call at night, courting or a demand keep it the chain's.
        let ts = |hm: &str| Some(Timestamp::parse_rfc3339(&format!("2026-11-10T{hm}:00+05:30")).unwrap());
        let m = |hm: &str, them: bool, kind: MessageKind, t: &str| Message { from: if them { Sender::Them } else { Sender::Me }, author: None, at: ts(hm), kind, text: Some(t.into()) };
        let run = |msgs: &[Message]| {
            let friend = Contact { friend_status: FriendStatus::Friends, mutual_friends: Some(4), start_visible: true, conversation_start: ts("10:00"), ..Contact::named("Harbhajan".into()) };
            let mut t = Tracker::new(friend, Tuning::default(), None);
            msgs.iter().map(|x| t.push(x).level).last().unwrap()
        };
        let start = |extra: &[Message]| {
            let mut v = vec![
                m("10:00", true, MessageKind::Text, "Oye Gupta!! Pehchana? Harbhajan, DAV school Ambala, 1974."),
                m("10:10", false, MessageKind::Text, "Bhajji! Car ki dealership thi. Ek purani Innova bech raha hu Marketplace pe, bas wahi kaam hai."),
            ];
            v.extend_from_slice(extra);
            v.push(m("10:15", true, MessageKind::Text, "Apna WhatsApp number de yaar"));
            v.push(m("10:20", false, MessageKind::Text, "98765 47764. Shaam ko video call kar"));
            v
        };
        let news = |hm: &str| m(hm, true, MessageKind::Text, "Yaar maza aa gaya. Pota ne video call record kar li, DAV 1974 reunion group me daal di, sab pooch rahe hain 😄");
        let call = |hm: &str, t: &str| m(hm, true, MessageKind::VideoCall, t);
        let talk = [start(&[]), vec![call("19:00", "Video chat ended 47 min"), news("20:00")]].concat();
        assert_eq!(run(&talk), Level::Notice);
        assert_eq!(run(&[start(&[]), vec![call("10:25", "Video chat ended 3 min"), news("10:40")]].concat()), Level::Warning);
        assert!(run(&[start(&[]), vec![call("22:30", "Video chat ended 47 min"), news("23:40")]].concat()) >= Level::Warning);
        let courting = [m("10:12", true, MessageKind::Text, "You are very handsome, are you alone at home?")];
        assert!(run(&[start(&courting), vec![call("19:00", "Video chat ended 47 min"), news("20:00")]].concat()) >= Level::Warning);
        let demand = m("20:10", true, MessageKind::Text, "Send 20,000 or this video goes to your family");
        assert_eq!(run(&[talk.clone(), vec![demand]].concat()), Level::Danger);
    }

    #[test]
    fn a_purpose_named_keeps_her_bare_ask_or_call_a_notice_never_the_chain() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let friend = || Contact { friend_status: FriendStatus::Friends, ..Contact::named("Asha".into()) };
        let call = || her_call(5);
        let ask = "Send your WhatsApp number please";
        // The purpose named first (the leaking pipe, a birthday): her ask and call are a notice.
        for purpose in ["The bathroom pipe is leaking, the plumber is not picking up", "Aai cha vadhdivas aahe pudhchya athavdyat"] {
            let mut t = Tracker::new(friend(), Tuning::default(), None);
            t.push(&at(1, true, purpose));
            assert!(t.push(&at(3, true, ask)).level < Level::Warning, "{purpose}");
            assert!(t.push(&call()).level < Level::Warning, "{purpose}");
        }
        // No purpose: the same ask warns.
        let mut t = Tracker::new(friend(), Tuning::default(), None);
        t.push(&at(1, true, "Namaste ji, how are you?"));
        assert_eq!(t.push(&at(3, true, ask)).level, Level::Warning);
        // A purpose and courting: the ask warns (a scammer names a pretext too).
        let mut t = Tracker::new(friend(), Tuning::default(), None);
        t.push(&at(1, true, "The bathroom pipe is leaking"));
        t.push(&at(2, true, "You look so handsome sir, are you alone at home?"));
        assert_eq!(t.push(&at(3, true, ask)).level, Level::Warning);
        // A purpose never excuses the chain's own steps: the recording after her call.
        let mut t = Tracker::new(friend(), Tuning::default(), None);
        t.push(&at(1, true, "The bathroom pipe is leaking"));
        t.push(&at(3, true, ask));
        t.push(&call());
        assert_eq!(t.push(&at(6, true, "I screen recorded your video. Pay 20000 or I send it to your family")).level, Level::Danger);
    }

    #[test]
    fn round_forty_four_the_recording_told_before_her_call_keeps_her_bare_invitation_a_notice() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        // Round forty-four (branch gen41): a stranger who tells him first that she will
        // record the call (the student's interview, the poets' YouTube channel) names what
        // the call is for, as a purpose does: her bare invitation and her call are a notice.
        let stranger = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("Meena".into()) };
        let call = || her_call(5);
        for told in [
            "For my final year documentary, can I interview you for 20 minutes on video call? I will record it for the college jury",
            "ungala oru 20 nimisham interview pannalama? video call la, record pannikaren",
            // Round fifty-seven (branch gen54): her invitation naming his own ("your
            // video", "nimma") read as a threat's object is still the recording told.
            "For our training video, can we do a video call on your teaching? We will record it",
            "video call alli nimma vidhana heLi, naavu record maadi namma channel alli haakthivi",
        ] {
            let mut t = Tracker::new(stranger(), Tuning::default(), None);
            t.push(&at(1, true, "Namaste sir, I am a journalism student"));
            assert!(t.push(&at(2, true, told)).level < Level::Warning, "{told}");
            assert!(t.push(&call()).level < Level::Warning, "{told}");
        }
        // Courting voids it: the same invitation after flattery warns.
        let mut t = Tracker::new(stranger(), Tuning::default(), None);
        t.push(&at(1, true, "You look so handsome sir, are you alone at home?"));
        assert!(t.push(&at(2, true, "Can I interview you on video call? I will record it for my college")).level >= Level::Warning);
        // The accusation before it (round forty-four's `extortion.impostor.accused.any`)
        // is the impostor's "video statement", recorded: it warns.
        let mut t = Tracker::new(stranger(), Tuning::default(), None);
        t.push(&at(1, true, "Main SI Pandey, Crime Branch Delhi"));
        t.push(&at(2, true, "Aapke khilaf ek ladki ne complaint di hai, video call pe ashleel harkat. Case darj hai"));
        assert!(t.push(&at(3, true, "Abhi video call pe aaiye, officer statement record karenge")).level >= Level::Warning);
    }

    #[test]
    fn round_thirty_eight_his_word_that_a_third_person_told_him_of_her_before_her_step() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        // Round thirty-eight (branch gen35): the user confirms from his side that the
        // third person she names told him of her ("haan Tanya ne bataya tha"): the link
        // is his own, a circle, and her bare ask for the errand is a notice. The chain's
        // "friend of your nephew" is a claim no one told him of.
        let stranger = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("Aditi".into()) };
        let intro = "Namaste uncle ji, main Aditi, Tanya ki friend, Noida se. Ek kaam tha aapse";
        let ask = "Aapka WhatsApp number de dijiye, details bhej dungi";
        // The highest level, and whether his word counted (it is evidence when it does).
        let run = |msgs: &[(bool, &str)]| {
            let mut t = Tracker::new(stranger(), Tuning::default(), None);
            let level = msgs.iter().enumerate().map(|(i, (them, text))| t.push(&at(i as i64 + 1, *them, text)).level).max().unwrap();
            let a = t.push(&at(30, false, "ok"));
            (level, a.evidence.iter().any(|e| e.rule == "context.circle.vouched"))
        };
        for vouch in ["haan Tanya ne bataya tha. kya karna hoga?", "Yes, Tanya told me yesterday", "ಹೌದು, ಡಾಕ್ಟರ್ ಸುರೇಶ್ ಹೇಳಿದ್ರು", "Tanya sonnaanga! sollunga"] {
            let (level, counted) = run(&[(true, intro), (false, vouch), (true, ask)]);
            assert!(level < Level::Warning && counted, "{vouch}");
        }
        // Without it, the same ask from a stranger warns.
        assert_eq!(run(&[(true, intro), (false, "haan ji, kya karna hoga?"), (true, ask)]).0, Level::Warning);
        // Typed by her it is the chain's own claim: not counted, the ask warns.
        assert_eq!(run(&[(true, "Tanya ne bataya tha aapke baare me, uncle"), (false, "achha"), (true, ask)]), (Level::Warning, false));
        // After her step it is his refusal ("my son told me such people are frauds"), no circle.
        assert_eq!(run(&[(true, intro), (true, ask), (false, "mere bete ne bataya tha aise log fraud hote hain")]), (Level::Warning, false));
        // A question is no word of his: "who told you?"
        assert_eq!(run(&[(true, intro), (false, "Tanya ne bataya tha? kaun Tanya?"), (true, ask)]), (Level::Warning, false));
        // His word does not excuse her courting: the ask after flattery warns.
        let courted = [(true, intro), (false, "haan Tanya ne bataya tha"), (true, "aap bahut handsome ho uncle, akele ho abhi?"), (true, ask)];
        assert_eq!(run(&courted).0, Level::Warning);
    }

    #[test]
    fn round_ninety_eight_his_years_since_he_saw_her_before_her_step() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        // Round ninety-eight (branch gen96): his own count of the years since he saw her,
        // in his answer to her "remember me?" ("Arre yaar 35 saal baad!"), before her
        // first step: the past she names is his. Her bare ask is then a notice; from
        // her, after her step, or once she courts him it counts for nothing.
        let stranger = || Contact { friend_status: FriendStatus::Friends, ..Contact::named("Prakash".into()) };
        let intro = "Oye Mishra!! Pehchana? Main Prakash, Baroda wala";
        let ask = "Apna WhatsApp number do yaar, typing mein ungli dukhti hai";
        let run = |msgs: &[(bool, &str)]| {
            let mut t = Tracker::new(stranger(), Tuning::default(), None);
            msgs.iter().enumerate().map(|(i, (them, text))| t.push(&at(i as i64 + 1, *them, text)).level).max().unwrap()
        };
        // So is his "how could I forget" (`.memory`): "Joseph!! How can I forget".
        for years in ["Joshi?? Arre yaar 35 saal baad! Kahan se mila?", "विनोद!! अरे भाई पचास साल बाद!", "Murthy!! 45 years tarvata ra!", "বাবাই! কত বছর পর!", "Joseph!! How can I forget. Where are you now?", "अगं मधुरी! विसरणे कसे शक्य आहे"] {
            assert!(run(&[(true, intro), (false, years), (true, ask)]) < Level::Warning, "{years}");
        }
        // Without it, or said by her, the same ask warns.
        assert_eq!(run(&[(true, intro), (false, "Arre Joshi! Kahan se mila?"), (true, ask)]), Level::Warning);
        assert_eq!(run(&[(true, "Oye Mishra!! 35 saal baad! Pehchana?"), (false, "haan"), (true, ask)]), Level::Warning);
        // Her courting voids it: the "classmate" who is alone now too.
        let courted = [(true, intro), (false, "Ho ho, athavtay thoda. Kiti varsha zhali!"), (true, "Mi pan ekti ahe ata, ghar khaayla uthta"), (true, ask)];
        assert_eq!(run(&courted), Level::Warning);
        // Not his age nor his years of work, nor a plain "yes, I remember".
        assert_eq!(run(&[(true, intro), (false, "haan, 40 saal se bajata hu"), (true, ask)]), Level::Warning);
        assert_eq!(run(&[(true, intro), (false, "अरे! नाव आठवतंय पण चेहरा नाही"), (true, ask)]), Level::Warning);
    }

    #[test]
    fn round_size_forty_one_facts_keep_the_earliest_prior_time_and_the_stages_in_order() {
        use crate::engine::time::Timestamp;
        use crate::engine::{Contact, ContactFacts, Stage, Tracker, Tuning};
        // Size round 41: `with_engine`'s earliest prior time and `facts`' stages are loops
        // and a match, no longer adapters; the same answers.
        let ts = |s: &str| Timestamp::parse_rfc3339(s);
        let (early, late) = (ts("2026-11-01T09:00:00+05:30"), ts("2026-11-20T09:00:00Z"));
        let earliest = |earliest_message, first_seen| {
            let prior = ContactFacts { earliest_message, first_seen, ..ContactFacts::default() };
            Tracker::new(Contact::named("Neha".into()), Tuning::default(), Some(prior)).facts().earliest_message.map(|t| t.unix())
        };
        let unix = |t: Option<Timestamp>| t.map(|t| t.unix());
        assert_eq!(earliest(late, early), unix(early));
        assert_eq!(earliest(early, late), unix(early));
        assert_eq!(earliest(None, late), unix(late));
        assert_eq!(earliest(early, None), unix(early));
        assert_eq!(earliest(None, None), None);
        let mut t = Tracker::new(Contact::named("Neha".into()), Tuning::default(), None);
        assert!(t.facts().stages.is_empty());
        t.push(&at(1, true, "Add me on WhatsApp, send me your number"));
        t.push(&at(2, true, "I have recorded your video call. Pay 10000 rupees now or I will send the video to all your friends and family."));
        let stages: Vec<Stage> = t.facts().stages.iter().map(|s| s.stage).collect();
        assert!(!stages.is_empty() && t.facts().stages.iter().all(|s| s.count > 0));
        let mut sorted = stages.clone();
        sorted.sort_by_key(|s| Stage::ALL.iter().position(|x| x == s));
        assert_eq!(stages, sorted, "in stage order");
    }

    #[test]
    fn round_size_forty_three_night_hours_as_the_collected_words_read_them() {
        // Size round 43: `names_night` reads the three words after a night word from a
        // copy of the iterator, not from a collected vector; the same answers.
        fn old(text: &str) -> bool {
            let low = text.to_ascii_lowercase();
            let words: Vec<&str> = low.split_whitespace().collect();
            (0..words.len()).any(|k| {
                super::word_lists::NIGHT.iter().any(|n| words[k].trim_start_matches(|c: char| !c.is_alphanumeric()).starts_with(n))
                    && words[k + 1..].iter().take(3).any(|w| matches!(w.split(|c: char| !c.is_ascii_digit()).next(), Some("9" | "10" | "11" | "12")))
            })
        }
        for t in ["aaj raat 10 baje", "tonight 10 pm", "tonight at about 11", "tonight at about the 11", "raat", "Saturday 5 pm", "", "10 tonight", "आज रात्री ८ वाजता", "innu raathri 11 nu", "tonight tonight x y 9"] {
            assert_eq!(super::names_night(t), old(t), "{t:?}");
        }
        assert!(super::names_night("aaj raat 10 baje"));
    }

    #[test]
    fn round_size_forty_three_call_words_dropped_as_the_collects_did() {
        // Size round 43: `without_call_words` joins the kept words as it reads them,
        // not from two vectors; the same text for the same lines.
        fn old(text: &str) -> Option<String> {
            let words: Vec<&str> = text.split_whitespace().collect();
            let call = |w: &str| {
                let w = w.trim_start_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase();
                super::word_lists::CALL.iter().any(|c| w.starts_with(c))
            };
            let kept: Vec<&str> = words.iter().enumerate().filter(|(i, _)| !words.get(i + 1).is_some_and(|n| call(n))).map(|(_, w)| *w).collect();
            (kept.len() < words.len()).then(|| kept.join(" "))
        }
        for t in ["main online video call te sikhaundi haan", "  video   Call  now\tvideo \"call\" ", "", "no such words", "call", "video", "video video call", "वीडियो कॉल करो जी"] {
            assert_eq!(super::without_call_words(t), old(t), "{t:?}");
        }
        assert!(super::without_call_words("main online video call te sikhaundi haan").is_some());
    }

    #[test]
    fn round_size_forty_four_one_says_any_as_each_list_read_it() {
        // Size round 44: `asks_leave`, `asks_to_pay`, `to_everyone` and `names_him` go
        // through one `says_any`; the same answers as each list's own loop (and, for
        // `names_him`, the two lists chained).
        use super::{has_words, word_lists as w};
        let old = |t: &str, l: w::Words| {
            let low = t.to_ascii_lowercase();
            l.iter().any(|x| has_words(&low, x))
        };
        let texts = ["", "Can I post it, is that OK with you?", "How do I PAY you, did the money reach?", "Hello everyone, good morning all",
            "your number please", "आपका नंबर दो", "yourself", "तुमचा फोटो", "again and again", "sab log suno"];
        for t in texts {
            assert_eq!(super::asks_leave(t), old(t, w::LEAVE), "{t:?}");
            assert_eq!(super::asks_to_pay(t), old(t, w::PAY_ASK), "{t:?}");
            assert_eq!(super::to_everyone(t), old(t, w::EVERYONE), "{t:?}");
            let low = t.to_ascii_lowercase();
            let chained = w::YOUR.iter().chain(w::YOUR_SCRIPT.iter()).any(|x| has_words(&low, x));
            assert_eq!(super::names_him(t), chained, "{t:?}");
        }
        assert!(super::names_him("your number please"));
        // `drop_rules` keeps the cues `retain` kept, in order.
        let rules = crate::engine::Engine::builtin().rules();
        let mut found: Vec<(usize, String)> = (0..rules.len()).map(|r| (r, r.to_string())).collect();
        let mut kept = found.clone();
        kept.retain(|(r, _)| !super::alone_asked(&rules[*r]) && rules[*r].tag.bit() & super::Tag::NumberAsk.bit() == 0);
        assert!(kept.len() < found.len());
        super::drop_rules(rules, &mut found, &super::alone_asked);
        super::drop_tags(rules, &mut found, super::Tag::NumberAsk.bit());
        assert_eq!(found, kept);
    }

    #[test]
    fn round_size_forty_two_indic_digits_fold_as_before() {
        // Size round 42: `amount_in`'s Devanagari digits are folded by a loop, not a
        // mapped `collect`; the same sums, and text without them read as it is.
        assert_eq!(super::amount_in("पैसे ५००० भेजो", false), super::amount_in("पैसे 5000 भेजो", false));
        assert_eq!(super::amount_in("₹१२,५०० abhi", false), super::amount_in("₹12,500 abhi", false));
        assert!(super::amount_in("पैसे ५००० भेजो", false).is_some());
        assert_eq!(super::amount_in("no sum here", false), None);
        assert_eq!(super::earlier(Some(5), Some(3)), Some(3));
        assert_eq!(super::earlier(Some(3), None), Some(3));
        assert_eq!(super::earlier(None, Some(5)), Some(5));
        assert_eq!(super::earlier(None, None), None);
    }

    #[test]
    fn round_forty_one_who_sent_her_to_him() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        // Round forty-one (branch gen38): the errand names who passed him on — a person or
        // a body gave her his name or number, his child booked her — and her bare ask or
        // call for it is a notice while she does not court him. The chain opens with what
        // she saw ("your photos", "your post") or whose friend she is.
        let stranger = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("Vikas".into()) };
        let ask = "number de do, video call te bagh dikha do";
        let run = |msgs: &[(bool, &str)]| {
            let mut t = Tracker::new(stranger(), Tuning::default(), None);
            let level = msgs.iter().enumerate().map(|(i, (them, text))| t.push(&at(i as i64 + 1, *them, text)).level).max().unwrap();
            let a = t.push(&at(30, false, "ok"));
            (level, a.evidence.iter().any(|e| e.rule.starts_with("context.circle.sent_by")))
        };
        for sent in [
            "Sardar ji namaste, Azadpur mandi ton Vikas. Pappu arhtiya ne tuhada naam ditta kinnow layi",
            "Good morning, I'm Siddharth from the Hosur plant. Venkat sir gave your name",
            "द्राक्ष बागायतदार संघाकडून तुमचं नाव मिळालं",
            "Good evening sir, Mercy from CareAtHome. Your daughter Mrs Lakshmi booked me for night duty",
            "Namaskaram sir. Mee ammayi Latha garu night attendant kosam enquiry chesaru",
        ] {
            let (level, counted) = run(&[(true, sent), (true, ask)]);
            assert!(level < Level::Warning && counted, "{sent}");
        }
        // Without it the same ask from a stranger warns, and what she saw is no referral.
        assert_eq!(run(&[(true, "Sardar ji namaste, tuhade bagh di photo dekhi, vadhiya"), (true, ask)]), (Level::Warning, false));
        // His son named with anything else (the impostor's "enquiry at his office") is none.
        assert_eq!(run(&[(true, "your son works in TCS right? police will come to his office also for enquiry"), (true, ask)]).1, false);
        // A question is none: "who gave you my name?"
        assert_eq!(run(&[(false, "kisne aapka naam diya?"), (true, ask)]), (Level::Warning, false));
        // Said after her ask it takes nothing back: the ask warned.
        assert_eq!(run(&[(true, ask), (true, "Pappu arhtiya ne tuhada naam ditta")]).0, Level::Warning);
        // It does not excuse her courting: the ask after flattery warns.
        let courted = [(true, "Pappu arhtiya ne tuhada naam ditta"), (true, "tusi bahut handsome ho sardar ji, kalle ho?"), (true, ask)];
        assert_eq!(run(&courted).0, Level::Warning);
    }

    #[test]
    fn round_88_her_service_offered_free_is_the_pretext_not_a_purpose() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let friend = || Contact { friend_status: FriendStatus::Friends, ..Contact::named("Priya Physio".into()) };
        let run = |msgs: &[(i64, bool, &str)]| {
            let mut t = Tracker::new(friend(), Tuning::default(), None);
            let mut level = Level::None;
            for (m, them, text) in msgs {
                level = t.push(&at(*m, *them, text)).level;
            }
            level
        };
        let opening = (1, true, "Namaste sir, I am a physiotherapist. I saw your post about the knee operation");
        let reply = (2, false, "Yes, last month. Walking is still hard");
        // The treatment named and her bare ask: a notice, as before.
        assert!(run(&[opening, reply, (3, true, "Please send your WhatsApp number, I will send the exercises")]) < Level::Warning);
        // Her session offered free, unasked, with the ask: the pretext, a warning.
        for ask in ["I give seniors a free online session. Please send your WhatsApp number", "पहला सेशन मुफ़्त है। आपका व्हाट्सऐप नंबर दीजिए", "ಒನ್-ಟು-ಒನ್ ಕ್ಲಾಸ್ ಉಚಿತ. ನಿಮ್ಮ ವಾಟ್ಸಾಪ್ ನಂಬರ್ ಕೊಡಿ"] {
            assert_eq!(run(&[opening, reply, (3, true, ask)]), Level::Warning, "{ask}");
        }
        // Free named after her ask (the class's terms: "first trial free"), or "free" as
        // not busy, changes nothing.
        assert!(run(&[opening, reply, (3, true, "Please send your WhatsApp number, I will send the exercises"), (4, true, "First class trial free, fees after that")]) < Level::Warning);
        assert!(run(&[opening, reply, (3, true, "Are you free now? Please send your WhatsApp number, I will send the exercises")]) < Level::Warning);
    }

    #[test]
    fn round_ninety_four_a_sum_spelled_out_digit_by_digit() {
        use super::{spelled, sum_amount};
        // Round ninety-four (branch gen92): the evasive demand's sum, spaced, split by
        // zero-width marks or with letters O for its zeros, read after the raw words; a phone
        // number, a masked one's half, a room number and words with an O are not.
        assert_eq!(sum_amount("₹ 2 0 , 0 0 0 → a.s.h.w.1.n.i@okicici").as_deref(), Some("20000"));
        assert_eq!(sum_amount("p@ym3nt क र ो 3 0 0 0 0 → x@axl").as_deref(), Some("30000"));
        assert_eq!(sum_amount("1\u{200b}5\u{200b}0\u{200b}0\u{200b}0 kavya.fit@examplepay").as_deref(), Some("15000"));
        assert_eq!(sum_amount("3o,ooo rupiya mokalo").as_deref(), Some("30,000"));
        assert_eq!(sum_amount("₹3Ο,ΟΟΟ р а у ചെയ്യൂ").as_deref(), Some("30,000"));
        assert_eq!(sum_amount("15ООО pаy pаnnunga").as_deref(), Some("15000"));
        assert_eq!(sum_amount("98765 40973"), None);
        assert_eq!(sum_amount("9 8 7 6 5 4 0 9 7 3 mera number"), None);
        assert_eq!(sum_amount("room 2 0 4 at 5"), None);
        assert_eq!(sum_amount("list WhatsApp lo pamputha, mee number 98480 5xxxx ade kada?"), None);
        assert_eq!(sum_amount("1on1 class at 5 o'clock"), None);
        assert_eq!(sum_amount("Mera navan number save kar lo +1 647 555 01xx"), None);
        assert_eq!(sum_amount("naanu record maadkothini. Suresh +1 555 0199"), None);
        // The raw words first: "6,500" stays as written; nothing to change is none.
        assert_eq!(sum_amount("6,500 final").as_deref(), Some("6,500"));
        assert_eq!(spelled("15000 bhejo"), None);
    }

    #[test]
    fn round_eighty_seven_her_bapu_ji_answered_by_his_putt() {
        use crate::engine::{Contact, FriendStatus, Level, MessageKind, Tracker, Tuning};
        // Round eighty-seven (branch gen85): Punjabi "bapu ji" is any old man's word from a
        // stranger too; his "putt" answering it is the family's both ways (w28b pa_02's son
        // in Brampton). Either alone, or his "putt" before her "bapu", is no kinship.
        let run = |msgs: &[(bool, &str)]| {
            let c = Contact { friend_status: FriendStatus::Friends, ..Contact::named("Harjot".into()) };
            let mut t = Tracker::new(c, Tuning::default(), None);
            let mut level = Level::None;
            for (i, (them, text)) in msgs.iter().enumerate() {
                level = level.max(t.push(&at(i as i64 + 1, *them, text)).level);
            }
            let mut call = at(20, true, "");
            call.kind = MessageKind::VideoCall;
            level.max(t.push(&call).level)
        };
        let (her, his, then) = ("bapu ji ssa. Jaggi wale ne fer vatt dhaa ditti?", "haan putt, do karam andar aa gaye", "kal sawere kalle khet jao, bas tusi te main");
        assert!(run(&[(true, her), (false, his), (true, then)]) < Level::Warning);
        assert_eq!(run(&[(true, her), (false, "haan ji, do karam andar aa gaye"), (true, then)]), Level::Warning);
        assert_eq!(run(&[(false, his), (true, her), (true, then)]), Level::Warning);
        assert_eq!(run(&[(true, "ssa ji. Jaggi wale ne fer vatt dhaa ditti?"), (false, his), (true, then)]), Level::Warning);
    }

    #[test]
    fn round_one_hundred_one_his_tu_form_your_mother_is_kinship() {
        use crate::engine::{Contact, Level, MessageKind, Tracker, Tuning};
        // Round one hundred and one (branch gen99): his "तेरी माँ" (her mother, his wife) in
        // the intimate "tu" form is a father's word, read as his kinship: her "alone? video
        // call" and the recording she sends the family after it stay below a warning. The
        // polite "तुम्हारी माँ", a stranger's too, is not read.
        let run = |his: &str| {
            let mut t = Tracker::new(Contact::named("Pinky".into()), Tuning::default(), None);
            t.push(&at(1, true, "प्रणाम 🙏 दुकान बंद की?"));
            t.push(&at(2, false, his));
            t.push(&at(3, true, "अकेले हो तो अभी वीडियो कॉल करो ना, चिंटू केक काटने वाला है"));
            let call = crate::engine::Message { kind: MessageKind::VideoCall, text: None, ..at(4, false, "") };
            t.push(&call);
            t.push(&at(5, true, "मैंने पूरी कॉल रिकॉर्ड कर ली थी 😂 आपका वीडियो मौसी और मामा सबको भेज दिया")).level
        };
        assert!(run("अभी शटर गिराया। तेरी माँ मंदिर गई है, मैं अकेला बैठा हूँ।") < Level::Warning);
        assert!(run("अभी शटर गिराया। तुम्हारी माँ कैसी है? मैं अकेला बैठा हूँ।") >= Level::Warning);
    }

    #[test]
    fn round_ninety_a_friend_with_no_mutual_friend_asking_his_whatsapp_holds_no_persona() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        // Round ninety (branch gen88): her persona (an insurance advisor, a coach, a buyer)
        // holds her ask at a notice; from a friend who shares no friend with him (her
        // request he accepted or not yet) asking his WhatsApp it holds nothing. A stranger's message
        // request, a friend with friends in common, or his number asked to phone him
        // before a visit keep the notice.
        let run = |status: FriendStatus, mutual: Option<u32>, ask: &str| {
            let c = Contact { friend_status: status, mutual_friends: mutual, ..Contact::named("Pooja".into()) };
            let mut t = Tracker::new(c, Tuning::default(), None);
            t.push(&at(1, true, "Hi sir, I am Pooja, health insurance advisor. Ur mediclaim renewal coming up?"));
            t.push(&at(2, false, "Yes in December. Premium has become 41000 this year, too much"));
            t.push(&at(3, true, ask)).level
        };
        let app = "I do senior citizen plans, cheaper also. send ur whatsapp no, I will explain there";
        assert_eq!(run(FriendStatus::Friends, Some(0), app), Level::Warning);
        assert_eq!(run(FriendStatus::RequestReceived, Some(0), app), Level::Warning);
        assert_eq!(run(FriendStatus::Friends, Some(4), app), Level::Notice);
        assert_eq!(run(FriendStatus::NotFriends, Some(0), app), Level::Notice);
        assert_eq!(run(FriendStatus::Friends, Some(0), "Please give your mobile number sir, I will call you before I come"), Level::Notice);
    }

    /// Size round 45: `steps_counted`'s one pass answers as the `count` and `skip` it
    /// replaced did (a step word among the last three words before, or right after).
    #[test]
    fn round_size_forty_five_steps_as_count_and_skip_read_them() {
        use super::{steps_counted, STEP_WORDS};
        let old = |before: &str, rest: &str| {
            let step = |w: &str| STEP_WORDS.iter().any(|s| w.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s)));
            let n = before.split_whitespace().count();
            rest.split_whitespace().next().is_some_and(step) || before.split_whitespace().skip(n.saturating_sub(3)).any(step)
        };
        let befores = ["", "Step", "Step goal is", "Step goal is ever so", "a b c Steps", "steps a b c", "har din", "  હવે રોજ ", "x స్టెప్స్ y z", "step x y z w", "STEP 5 they send you the clip and say pay"];
        let rests = ["", " steps", " goal", "  ਕਦਮ ਰੋਜ਼", " પગલાંનો ટાર્ગેટ", " x step"];
        for b in befores {
            for r in rests {
                assert_eq!(steps_counted(b, r), old(b, r), "{b:?} {r:?}");
            }
        }
    }

    /// Size round 45: `at_least_words` answers as `split_whitespace().nth(n - 1)` did.
    #[test]
    fn round_size_forty_five_at_least_words_as_nth_read_it() {
        for t in ["", " ", "a", "a b c d e", "a b c d e f", " a  b\tc\nd e f g ", "मुझे आज बाज़ार जाना है और फिर घर"] {
            for n in 1..9 {
                assert_eq!(super::at_least_words(t, n), t.split_whitespace().nth(n - 1).is_some(), "{t:?} {n}");
            }
        }
    }

    #[test]
    fn round_eighty_nine_a_step_goal_after_the_call_is_no_sum() {
        use super::{bare_amount, sum_amount};
        use crate::engine::{Contact, FriendStatus, Level, MessageKind, Tracker, Tuning};
        // Round eighty-nine (branch gen87): the steps a son sets on his father's new watch
        // on the call are counted, not asked for (w38a en_01, w38b gu_06 and te_05): a step
        // word right after the number or among the three words before it.
        assert_eq!(sum_amount("Done! Step goal is 6000. It will buzz"), None);
        assert_eq!(sum_amount("har din 7000 steps"), None);
        assert_eq!(sum_amount("હવે રોજ ૬૦૦૦ પગલાંનો ટાર્ગેટ"), None);
        assert_eq!(sum_amount("వారానికి 50,000 స్టెప్స్"), None);
        assert_eq!(sum_amount("steps 9000!"), None);
        // Still a sum: a numbered step far from the amount, or no step word at all.
        assert_eq!(sum_amount("Step 5 they send you the clip and say pay 5000").as_deref(), Some("5000"));
        assert_eq!(sum_amount("goal is 6000").as_deref(), Some("6000"));
        assert_eq!(bare_amount("Step goal is 6000").as_deref(), Some("6000"));
        let run = |after: &str| {
            let c = Contact { friend_status: FriendStatus::Friends, ..Contact::named("Arjun".into()) };
            let mut t = Tracker::new(c, Tuning::default(), None);
            t.push(&at(1, true, "I'll video call you at 9 your time, keep the camera on the watch so I can see the screen"));
            let mut call = at(20, true, "Video chat · 24 min");
            call.kind = MessageKind::VideoCall;
            t.push(&call);
            t.push(&at(48, true, after)).level
        };
        assert!(run("Done! Step goal is 6000. It will buzz if you sit for an hour") < Level::Danger);
        assert_eq!(run("Done! Goal is 6000. It will buzz if you sit for an hour"), Level::Danger);
    }

    #[test]
    fn in_a_group_the_number_asked_to_her_alone_is_not_the_groups() {
        use crate::engine::{Contact, Level, Tracker, Tuning};
        // Round seventeen: in a society's group, a member asking his number to be sent to
        // her inbox, or his "personal" number, asks for herself: the group's counter-weight
        // is not hers. The number asked for the group (here, or for its list) stays the
        // group's, and one-to-one the words are no cue at all.
        let run = |group: bool, ask: &str| {
            let c = Contact { group, ..Contact::named("Green Park society group".into()) };
            let mut t = Tracker::new(c, Tuning::default(), None);
            let by = |mut m: crate::engine::Message| {
                m.author = Some("Rani".into());
                m
            };
            t.push(&by(at(1, true, "Namaste, our society group me sabka swagat hai")));
            t.push(&at(2, false, "Namaste ji"));
            let a = t.push(&by(at(3, true, ask)));
            (a.level, a.evidence.iter().any(|e| e.rule.starts_with("off_platform.to_her_alone")))
        };
        assert_eq!(run(true, "Mahesh ji inbox me apna whatsapp no. bhejo na"), (Level::Warning, true));
        assert_eq!(run(true, "uncle ji mainu personal whatsapp number bhejo").0, Level::Warning);
        assert!(run(true, "Sab apna whatsapp number group me daalo, alag group banayenge").0 < Level::Warning);
        assert!(run(true, "Please send your mobile number in personal message, I am making a list").0 < Level::Warning);
        // No ask in the message: a payment's screenshot sent to the treasurer's number.
        assert!(run(true, "Paid. Screenshot sent to your personal number sir").0 < Level::Warning);
        // One-to-one every ask is to her alone already: not read there.
        assert!(!run(false, "Mahesh ji inbox me apna whatsapp no. bhejo na").1);
        // Round fifty-six: with an identity check talked of in the group (a life
        // certificate, a KYC), a member's ask for his WhatsApp is to her alone too; his
        // phone number asked for the office's own call is not (no app named).
        let kyc = |ask: &str| {
            let c = Contact { group: true, ..Contact::named("Retired staff group".into()) };
            let mut t = Tracker::new(c, Tuning::default(), None);
            let by = |who: &str, mut m: crate::engine::Message| {
                m.author = Some(who.into());
                m
            };
            t.push(&by("Anil", at(1, true, "Life certificate camp on Monday at the treasury")));
            t.push(&at(2, false, "Thanks Anil ji"));
            t.push(&by("Rekha", at(3, true, ask))).level
        };
        assert_eq!(kyc("Uncle I can help from home, drop your WhatsApp number here"), Level::Warning);
        assert!(kyc("Uncle for the camp send your mobile number here, the office will phone you") < Level::Warning);
    }

    #[test]
    fn a_group_members_line_right_after_her_link_is_her_comment_on_it() {
        use crate::engine::{Contact, Level, MessageKind, Tracker, Tuning};
        let group = || Contact { group: true, ..Contact::named("Family".into()) };
        let by = |mut m: crate::engine::Message| {
            m.author = Some("Rakesh".into());
            m
        };
        let news = "देखो, रिटायर्ड इंजीनियर से 6 लाख ले गए। लड़की ने वीडियो कॉल किया, फिर बोले पैसे दो वरना वीडियो वायरल";
        let link = || {
            let mut l = by(at(1, true, "https://news.example.com/city/sextortion-retired-engineer"));
            l.kind = MessageKind::Link;
            l
        };
        // The news link, then his comment on it: the scam told, not his own demand.
        let mut t = Tracker::new(group(), Tuning::default(), None);
        t.push(&link());
        assert!(t.push(&by(at(2, true, news))).level < Level::Warning);
        // The same line with no link before it warns.
        let mut t = Tracker::new(group(), Tuning::default(), None);
        t.push(&by(at(1, true, "सुप्रभात सबको")));
        assert!(t.push(&by(at(2, true, news))).level >= Level::Warning);
        // A line after the link that names his video is no comment.
        let mut t = Tracker::new(group(), Tuning::default(), None);
        t.push(&link());
        assert!(t.push(&by(at(2, true, "ये आपका वीडियो है, 10000 भेजो वरना सबको भेज दूँगी"))).level >= Level::Warning);
    }

    #[test]
    fn a_call_placed_in_the_sitting_of_the_contacts_own_advice_is_the_advices() {
        use crate::engine::{Contact, FriendStatus, Level, MessageKind, Tracker, Tuning};
        let nephew = || Contact { friend_status: FriendStatus::Friends, ..Contact::named("Vikas".into()) };
        let call = |minute| {
            let mut c = at(minute, true, "");
            c.kind = MessageKind::VideoCall;
            c.text = None;
            c
        };
        let invite = "अभी video call करता हूँ, स्क्रीन share करके दिखाता हूँ कैसे";
        // His advice (report at 1930), then his call to show how: no step of the chain.
        let mut t = Tracker::new(nephew(), Tuning::default(), None);
        t.push(&at(1, true, "उनसे कहिए 1930 पर या cybercrime.gov.in पर शिकायत करें, पैसा वापस आ सकता है"));
        t.push(&at(2, true, invite));
        assert!(t.push(&call(5)).level < Level::Warning);
        // The same invitation and call with no advice before them: a warning.
        let mut t = Tracker::new(nephew(), Tuning::default(), None);
        t.push(&at(1, true, "नमस्ते, कैसे हैं आप?"));
        t.push(&at(2, true, invite));
        assert_eq!(t.push(&call(5)).level, Level::Warning);
    }

    #[test]
    fn an_identity_checks_phone_number_ask_keeps_to_its_channel_its_whatsapp_ask_does_not() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let office = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("Pension office".into()) };
        let notice = "Dear pensioner, submit your life certificate by 30 November. You can do it by video from home";
        // His phone number for the volunteer's call: the office's own channel.
        let mut t = Tracker::new(office(), Tuning::default(), None);
        t.push(&at(1, true, notice));
        assert!(t.push(&at(3, true, "Send your mobile number and locality here, our volunteer will phone you")).level < Level::Warning);
        // His WhatsApp number: off its channel, a warning.
        let mut t = Tracker::new(office(), Tuning::default(), None);
        t.push(&at(1, true, notice));
        assert_eq!(t.push(&at(3, true, "Send your WhatsApp number here, our volunteer will message you")).level, Level::Warning);
    }

    #[test]
    fn an_identity_check_on_video_is_a_service_while_it_stays_on_the_institutions_channel() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let bank = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("Bank".into()) };
        let notice = "Dear customer, your KYC expires on 30-11. You can do Video KYC from home";
        let invite = "For the video call sit alone in a quiet room with good light, keep Aadhaar and PAN";
        // The bank's reminder, then its instructions for the video call: a notice.
        let mut t = Tracker::new(bank(), Tuning::default(), None);
        t.push(&at(1, true, notice));
        assert!(t.push(&at(3, true, invite)).level < Level::Warning);
        // The same invitation with no identity check named: a warning.
        let mut t = Tracker::new(bank(), Tuning::default(), None);
        t.push(&at(1, true, "Dear sir, good morning"));
        assert_eq!(t.push(&at(3, true, invite)).level, Level::Warning);
        // The "loan officer" who wants his WhatsApp for the KYC call: the check is void.
        let mut t = Tracker::new(bank(), Tuning::default(), None);
        t.push(&at(1, true, "Personal loan at 7% interest, only Aadhaar and a video KYC"));
        t.push(&at(2, true, "Give your WhatsApp number, I will do the KYC call there"));
        assert_eq!(t.push(&at(3, true, invite)).level, Level::Warning);
        // Nor once she courts him.
        let mut t = Tracker::new(bank(), Tuning::default(), None);
        t.push(&at(1, true, notice));
        t.push(&at(2, true, "You look so handsome sir, are you married? are you alone at home?"));
        assert_eq!(t.push(&at(3, true, invite)).level, Level::Warning);
    }

    #[test]
    fn the_contacts_own_relative_is_no_kinship_with_the_user() {
        use super::own_relative;
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        assert!(own_relative("Kem cho uncle! Mara papa pan Anand na che", "papa"));
        assert!(own_relative("आप मेरे पापा की उम्र के हो", "पापा"));
        assert!(!own_relative("Papa, can you do a video call now?", "papa"));
        assert!(!own_relative("हाँ पापा, शाम को", "पापा"));
        let contact = || Contact { friend_status: FriendStatus::Friends, ..Contact::named("M".into()) };
        // "My papa is from Anand too": a stranger's story, then the ask: a warning.
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        t.push(&at(0, true, "Hello uncle! My papa is also from Anand, so I sent you a request"));
        assert_eq!(t.push(&at(5, true, "Send me your WhatsApp number")).level, Level::Warning);
        // A daughter addressing him, "Papa, …": kinship, the same ask a notice.
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        t.push(&at(0, true, "Hi papa, my phone was reset"));
        assert!(t.push(&at(5, true, "Send me your WhatsApp number")).level < Level::Warning);
    }

    #[test]
    fn an_impostors_word_about_the_gang_is_no_advice() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let contact = || Contact { friend_status: FriendStatus::NotFriends, ..Contact::named("Cyber Cell".into()) };
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        t.push(&at(1, true, "This is Delhi cyber police, a case is registered against you"));
        let before = t.assessment().level;
        assert!(before >= Level::Warning);
        // "We caught that fraud gang": the impostor's story goes on; nothing is taken back.
        assert!(t.push(&at(3, true, "We caught that fraud gang, now we need your statement")).level >= before);
        // The same words from someone who made no such claim are about the scam.
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        t.push(&at(1, true, "Beware of this fraud, they say a case is registered against you, never pay"));
        assert!(t.assessment().level < Level::Danger);
    }

    #[test]
    fn an_app_named_with_her_link_or_qr_is_the_move_off_facebook() {
        use super::link_or_qr;
        use crate::engine::{Contact, FriendStatus, Level, MessageKind, Tracker, Tuning};
        assert!(link_or_qr("Telegram e add koro amay, link dilam") && link_or_qr("இந்த QR scan பண்ணுங்க"));
        assert!(!link_or_qr("I will think about it") && !link_or_qr("the blinking light"));
        let contact = || Contact { friend_status: FriendStatus::Friends, ..Contact::named("T".into()) };
        // The app in one message, her link as the next one.
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        t.push(&at(1, true, "I will show the exercises myself, add me on Telegram"));
        let mut link = at(2, true, "https://tg.example.net/someone");
        link.kind = MessageKind::Link;
        assert_eq!(t.push(&link).level, Level::Warning);
        // Both in one message.
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        assert_eq!(t.push(&at(1, true, "Add me on Telegram, here is the link")).level, Level::Warning);
        // A link with no app named before it is no move.
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        t.push(&at(1, true, "The photos of the wedding are ready"));
        assert!(t.push(&link).level < Level::Warning);
    }

    #[test]
    fn the_number_asked_again_after_a_lost_phone_is_a_relation_that_had_it() {
        use crate::engine::{Contact, FriendStatus, Level, Tracker, Tuning};
        let contact = || Contact { friend_status: FriendStatus::Friends, ..Contact::named("G".into()) };
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        assert!(t.push(&at(1, true, "Send your WhatsApp number once more, my old phone is gone")).level < Level::Warning);
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        assert!(t.push(&at(1, true, "तुमचा व्हॉट्सअ‍ॅप नंबर पुन्हा पाठवा")).level < Level::Warning);
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        assert!(t.push(&at(1, true, "Papa, this is my new WhatsApp number 98765 43210, please save it")).level < Level::Warning);
        assert!(t.push(&at(2, true, "Can we do a video call tonight?")).level < Level::Warning);
        // The first ask is the move off Facebook.
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        assert_eq!(t.push(&at(1, true, "Send your WhatsApp number")).level, Level::Warning);
        // Asked "again" by one who courts him, before or in the same message, it is the
        // move off Facebook too (round fifty-two): the relation does not court for it.
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        t.push(&at(1, true, "Do you live alone? Who else is at home?"));
        assert_eq!(t.push(&at(2, true, "Send your WhatsApp number once more, it got deleted")).level, Level::Warning);
        let mut t = Tracker::new(contact(), Tuning::default(), None);
        assert_eq!(t.push(&at(1, true, "I can keep you company every evening. Send your WhatsApp number again")).level, Level::Warning);
    }

    #[test]
    fn a_number_before_a_count_noun_is_a_count_not_a_sum() {
        use super::sum_amount;
        let is_sum = |t: &str| sum_amount(t).is_some();
        assert!(!is_sum("ninna video viral aagtide appa 🔥 5000 views in one day!"));
        assert!(!is_sum("300 Likes already"));
        assert!(!is_sum("कल 50 लोग आएंगे"));
        assert!(is_sum("5000 bhejo, views ki baat baad me"));
        assert!(is_sum("5000 now or your video gets views"));
        assert_eq!(sum_amount("5000 views ho gaye, ab 3000 bhejo").as_deref(), Some("3000"));
    }

    #[test]
    fn bare_amounts_but_not_phone_numbers_or_years() {
        use super::bare_amount;
        assert_eq!(bare_amount("21000").as_deref(), Some("21000"));
        assert_eq!(bare_amount("30k. kal subah tak").as_deref(), Some("30k"));
        assert_eq!(bare_amount("पहले ₹12,000, फिर बात").as_deref(), Some("12,000"));
        assert_eq!(bare_amount("call 9876543210"), None);
        // A mobile number in two groups of five, masked or not, is no amount.
        assert_eq!(bare_amount("98765 40038. आज रात्री व्हिडिओ कॉल करू"), None);
        assert_eq!(bare_amount("mera number 63xxx 90421 pe video call karo"), None);
        assert_eq!(bare_amount("ok 98765-4xxxx"), None);
        assert_eq!(bare_amount("Ho gaya! Reference no. VLC-2026-118420"), None);
        assert_eq!(bare_amount("Rs-5000 bhejo").as_deref(), Some("5000"));
        assert_eq!(bare_amount("20000 30000 bhejo").as_deref(), Some("20000"));
        assert_eq!(bare_amount("21000 bhejo, 9 baje tak").as_deref(), Some("21000"));
        assert_eq!(bare_amount("since 2019, ok?"), None);
        assert_eq!(bare_amount("room 204 at 5"), None);
        assert_eq!(bare_amount("ਪਹਿਲਾਂ ੩੦੦੦ ਭੇਜੋ").as_deref(), Some("3000"));
        assert_eq!(bare_amount("ફી ₹૩૧,૫૦૦").as_deref(), Some("31,500"));
    }

    #[test]
    fn indic_digits_are_found_from_the_bytes_as_from_the_chars() {
        use super::{has_indic_digit, indic};
        let mut buf = [0u8; 4];
        let mut found = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let one = c.encode_utf8(&mut buf);
            assert_eq!(has_indic_digit(one), indic(c), "{c:?}");
            found += indic(c) as u32;
        }
        assert_eq!(found, 9 * 10, "ten digits in each of nine scripts");
        assert!(has_indic_digit("ફી ₹૩૧,૫૦૦") && !has_indic_digit("पहले ₹12,000, फिर बात"));
        use super::may_hold_amount;
        assert!(may_hold_amount("ਪਹਿਲਾਂ ੩੦੦੦ ਭੇਜੋ") && may_hold_amount("੩k ਭੇਜੋ") && may_hold_amount("30k") && may_hold_amount("5,k"));
        assert!(!may_hold_amount("meeting 10 baje #3") && !may_hold_amount("मेरा नंबर बदल गया है, नया नंबर") && !may_hold_amount("ok ੩੦੦"));
    }

    #[test]
    fn laughs_are_found_anywhere_but_not_other_words_or_emoji() {
        use super::laughing;
        assert!(laughing("haha ok") && laughing("ok 😂") && laughing("the video 🤣🤣") && laughing("ahehe"));
        assert!(!laughing("the hat has a hole 🙏🌹") && !laughing("Haha") && !laughing("") && !laughing("ha ha"));
    }

    #[test]
    fn upi_ids_but_not_handles_or_mail_of_no_bank() {
        use super::upi_id;
        assert!(upi_id("ಸರಿ. UPI: raghu.kamath.sr@okfakesbi. Agreement"));
        assert!(upi_id("8 class, 2000 podhum ma. rajan.teacher@okfakeiob"));
        assert!(!upi_id("search @priya_v_0991 there"));
        assert!(!upi_id("meet @ 5"));
        assert!(!upi_id("x@"));
    }

    #[test]
    fn contact_ids_handles_and_masked_numbers_but_not_upi_ids_or_amounts() {
        use super::contact_id;
        assert_eq!(contact_id("search @priya_v_0991 there").as_deref(), Some("@priya_v_0991"));
        assert_eq!(contact_id("id sree_lakshmi_pkd_x. avide").as_deref(), Some("sree_lakshmi_pkd_x"));
        assert_eq!(contact_id("mera whatsapp 98765 45066 hai").as_deref(), Some("98765 45066"));
        assert_eq!(contact_id("ente number 98xx4 4x0x2, whatsapp").as_deref(), Some("98xx4 4x0x2"));
        assert_eq!(contact_id("मेरा whatsapp नंबर 70xxx 4xxx9 है").as_deref(), Some("70xxx 4xxx9"));
        assert_eq!(contact_id("xxxxx xxx9 hai"), None);
        assert_eq!(contact_id("amar n0: 9 8 x x 5 1 2 x 0 7").as_deref(), Some("9 8 x x 5 1 2 x 0 7"));
        assert_eq!(contact_id("UPI balajitrust.seva@fakupi par bhejen"), None);
        assert_eq!(contact_id("fees 1800, 3 din, 7 baje"), None);
        assert_eq!(contact_id("the whatsapp group of 2019 batch"), None);
        assert_eq!(contact_id("mail me at a@b"), None);
    }

    // The word-by-word definition the byte search replaced.
    /// A bare amount in `text` ("21000", "30k", "₹12,000", "पहले 5000"): money asked with
    /// no verb. It counts only after a call or a recording (see `apply`). Phone numbers (8+
    /// digits) and years (1900-2099) are not amounts.
    fn bare_amount_reference(text: &str) -> Option<String> {
        for raw in text.split(|c: char| c.is_whitespace() || matches!(c, '₹' | '/' | '-' | ':' | '(' | ')')) {
            // One half of a mobile number in two groups of five is no amount (`phone_half`).
            let start = raw.as_ptr() as usize - text.as_ptr() as usize;
            if super::phone_half(text, start, start + raw.len()) {
                continue;
            }
            let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
            let w = w.strip_prefix("rs").or_else(|| w.strip_prefix("Rs")).unwrap_or(w).trim_start_matches('.');
            let (digits, k) = match w.strip_suffix(['k', 'K']) {
                Some(d) => (d, true),
                None => (w, false),
            };
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit() || b == b',') || digits.starts_with(',') {
                continue;
            }
            let plain: String = digits.chars().filter(|c| *c != ',').collect();
            let Ok(v) = plain.parse::<u64>() else { continue };
            let amount = if k { (1..=999).contains(&v) } else { plain.len() <= 7 && v >= 1000 && !(digits.len() == 4 && (1900..=2099).contains(&v)) };
            if amount {
                return Some(w.to_string());
            }
        }
        None
    }

    /// `may_hold_amount` as it was (12-01, cost15): byte comparisons on every byte, the
    /// byte before carried along.
    fn may_hold_amount_reference(text: &str) -> bool {
        let (mut digits, mut prev) = (0, 0u8);
        for &c in text.as_bytes() {
            let digit_end = c.wrapping_sub(0xA6) < 10;
            if c.wrapping_sub(b'0') < 10 || (digit_end && prev & 1 == 1 && prev.wrapping_sub(0xA5) <= 0x10) {
                digits += 1;
                if digits >= 4 {
                    return true;
                }
            } else if c | 0x20 == b'k' && (prev.wrapping_sub(b'0') < 10 || prev == b',' || prev.wrapping_sub(0xA6) < 10) {
                return true;
            }
            prev = c;
        }
        false
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn bare_amount_equals_its_word_by_word_definition(s in "([0-9]{1,9}|,|k|K|rs|Rs|\\.|₹|/|-|:|\\(|\\)| |\u{a0}|\u{3000}|पहले|à|x|#|19|2026|5000)*") {
            proptest::prop_assert_eq!(super::bare_amount(&s), bare_amount_reference(&s));
        }

        // The byte test with its table (`may_hold_amount`) says what the byte comparisons
        // on every byte said, on text of digits, "k", commas and the Indian scripts.
        #[test]
        fn the_amount_gate_equals_its_byte_by_byte_reading(s in "([0-9]{1,5}|[०-९੦-੯૦-૯൦-൯]{1,5}|,|k|K|rs|\\.|₹| |#|दन|पब|मय|कि|x|ক|ખ|\u{a5}|\u{a6}|\u{b5}|1900|\\PC)*") {
            proptest::prop_assert_eq!(super::may_hold_amount(&s), may_hold_amount_reference(&s));
        }

        // The byte test that skips most messages (`may_hold_amount`) never skips one
        // holding an amount: with it as without it, Indian-script digits and the
        // Devanagari letters whose last byte is a digit's (द ध न प ब म य) among them.
        // Cost round nineteen: the byte tests in front of `names_night`, `spelled` and
        // `without_call_words` skip no text their readings would answer for.
        #[test]
        fn round_cost19_gates_skip_nothing(s in "([0-9]{1,3}|o|O|ο|Ο|о|О|,| |\\t|\u{a0}|\u{3000}|\u{200b}|\u{2060}|\u{feff}|raat|Tonight|रात|call|CALL|कॉल|video|9|10|12|x|#|a|सब|how to pay|\\PC)*") {
            proptest::prop_assert_eq!(super::spelled(&s), super::spelled_all(&s));
            let night_all = {
                let low = s.to_ascii_lowercase();
                let mut words = low.split_whitespace();
                let mut found = false;
                while let Some(w) = words.next() {
                    if super::word_lists::NIGHT.iter().any(|n| w.trim_start_matches(|c: char| !super::alnum(c)).starts_with(n))
                        && words.clone().take(3).any(|w| matches!(w.split(|c: char| !c.is_ascii_digit()).next(), Some("9" | "10" | "11" | "12")))
                    {
                        found = true;
                        break;
                    }
                }
                found
            };
            proptest::prop_assert_eq!(super::names_night(&s), night_all);
            let calls_all = {
                let call = |w: &str| {
                    let w = w.trim_start_matches(|c: char| !super::alnum(c)).to_ascii_lowercase();
                    super::word_lists::CALL.iter().any(|c| w.starts_with(c))
                };
                let (mut kept, mut dropped) = (String::new(), false);
                let mut words = s.split_whitespace().peekable();
                while let Some(w) = words.next() {
                    if words.peek().is_some_and(|n| call(n)) {
                        dropped = true;
                        continue;
                    }
                    if !kept.is_empty() {
                        kept.push(' ');
                    }
                    kept.push_str(w);
                }
                dropped.then_some(kept)
            };
            proptest::prop_assert_eq!(super::without_call_words(&s), calls_all);
            for w in ["a a", "call", "aa", "रात", "how to pay", "सब", "x"] {
                let all = s.match_indices(w).any(|(i, _)| {
                    let before = s[..i].chars().next_back();
                    let after = s[i + w.len()..].chars().next();
                    !before.is_some_and(super::alnum) && !after.is_some_and(super::alnum)
                });
                proptest::prop_assert_eq!(super::has_words(&s, w), all, "{:?}", w);
            }
        }

        #[test]
        fn the_amount_gate_skips_no_amount(s in "([0-9]{1,5}|[०-९੦-੯૦-૯]{1,5}|,|k|K|rs|\\.|₹| |#|दन|पब|मय|कि|x|1900)*") {
            proptest::prop_assert_eq!(super::bare_amount(&s), super::amount_in(&s, false));
            // A sum is the raw words' or, failing them, the spelled-out digits' (round ninety-four).
            let spelled = || super::spelled(&s).and_then(|t| super::amount_in(&t, true));
            proptest::prop_assert_eq!(super::sum_amount(&s), super::amount_in(&s, true).or_else(spelled));
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Cue {
    Rule(usize),
    /// A message kind that is itself a cue (call events, forwards).
    Kind(&'static str, Stage, Tag),
}

#[derive(Clone, Debug)]
struct Event {
    /// Message index; `None` for cues remembered from an earlier visit.
    index: Option<usize>,
    /// Effective time: the message's own, else the latest seen before it.
    at: Option<i64>,
    /// Who: 0 the contact (or an unnamed group member), else 1 + index into `authors`.
    author: usize,
    /// Said by the user (only context cues are kept from the user's messages).
    mine: bool,
    cue: Cue,
    matched: String,
}

#[derive(Clone, Debug, Default)]
struct StageStat {
    first_at: Option<i64>,
    rules: Vec<String>,
    count: u32,
}

/// One contact's conversation, assessed message by message.
///
/// `first_warning_at` is the index (in this tracker's own numbering) of the message
/// after which the level first reached `warning`; it stays `None` when the warning
/// already followed from remembered facts at construction (no message caused it).
/// Levels never go down within one tracker, except when cues are judged again: a
/// profile update replays them, and advice passed on takes back its sender's cues of the
/// same sitting.
pub struct Tracker {
    engine: &'static Engine,
    contact: Contact,
    tuning: Tuning,
    prior: ContactFacts,
    events: Vec<Event>,
    pushed: usize,
    first_time: Option<i64>,
    last_time: Option<i64>,
    /// Time and sender of the first message pushed (who opened the conversation).
    opener: Option<(Option<i64>, Sender)>,
    /// The user opened the conversation with an errand of his own (see `suspicion`).
    sought: bool,
    /// The first row of the thread is the user's errand (six words or more) and nothing
    /// earlier is known (no earlier message remembered), but the page does not say the
    /// row is the thread's start: a service he engaged while the contact keeps to it
    /// (see `evaluate`).
    errand: bool,
    /// The user placed a call to the contact himself (it connected) before she placed or
    /// asked for one: a relation he engages, weighed like his errand (see `evaluate`).
    rang: bool,
    /// When the user last wrote, and whether every call the contact placed came as an
    /// appointment kept (see `appointment`): `None` before her first call.
    my_last: Option<i64>,
    kept: Option<bool>,
    /// The contact asked his number with an app named ("your WhatsApp number"), not only
    /// his phone number (see `evaluate`'s identity check).
    app_asked: bool,
    /// Her ask was for another person who will talk or join (`context.purpose.other_person`).
    for_another: bool,
    /// Group members seen, by name (their index + 1 is their author number).
    authors: Vec<String>,
    /// When each member in `authors` was first seen writing (same order).
    author_since: Vec<Option<i64>>,
    /// Messages pushed from the user and from the contact, and the time from which
    /// both reached `combine::TWO_WAY_MESSAGES` (the history is a two-way chat).
    sent: [u32; 2],
    two_way_since: Option<Option<i64>>,
    /// Each author's last few short messages (for split intents): their time and the
    /// rules each matched in part. No text.
    previous: Vec<(usize, Vec<(Option<i64>, Vec<Part>)>)>,
    /// The contact's last message naming a messaging app: author, time, message number.
    app_named: Option<(usize, Option<i64>, usize)>,
    /// The user's last message giving his own UPI id (to be paid), or asking how to pay
    /// her (`asks_to_pay`, then `true`): when, message number.
    his_upi: Option<(Option<i64>, usize, bool)>,
    /// The user's last message naming a sum of his own (his price): when, message
    /// number, the sum (see `answers_his_sum` in `push`).
    his_sum: Option<(Option<i64>, usize, u64)>,
    /// In a group: the member who last shared a link, when and as which message (see `push`).
    shared_link: Option<(usize, Option<i64>, usize)>,
    /// Each author who passed on advice about the scam ("if anyone asks, don't pay,
    /// call 1930"): when, and the message number. Their threats, demands and asks in
    /// that sitting describe the scam; they are not their own.
    advice: Vec<(usize, Option<i64>, usize)>,
    /// The author of the current burst (messages with no reply from the user and no
    /// other member in between), when it began, and the chain stages its asks and
    /// threats named (bits of `Stage`), and how many of its messages named two stages
    /// or more; see `narrates_chain`.
    burst: Option<(usize, Option<i64>, usize, u8, u8)>,
    // Derived from `events` (rebuilt by `replay`).
    chains: Vec<Chain>,
    context: Context,
    warned: bool,
    stats: [StageStat; 6],
    /// Cues seen at least once, by `cue_key`.
    seen_rules: Vec<usize>,
    profile_evidence: usize,
    profile_day: Option<Option<i64>>,
    /// The profile's score for one day (profile signals change only with the day),
    /// and the contact's `conversation_start`, parsed once.
    profile_score: std::cell::Cell<Option<(Option<i64>, i32)>>,
    given_start: Option<i64>,
    assessment: Assessment,
    /// The matcher's partly matched rules of the message being read (kept to reuse its
    /// buffer; see `read_split` for what is remembered of them).
    parts: Vec<Part>,
    /// The first step off Facebook or towards a call in the conversation: when, how many
    /// messages the user had written by then, and whether it was the contact's (not his
    /// own "send your WhatsApp number"). Set once from the messages as they come: kept
    /// across `replay` (see `pretext_outlived`).
    first_step: Option<(Option<i64>, u32, bool)>,
    /// The contact's first message of affection in emoji (hearts, kisses) that was no
    /// greeting's garnish, while she had taken no step yet (see `pretext_outlived`).
    fond_at: Option<usize>,
    /// Her first step off Facebook or towards a call came in a later message than that
    /// affection: she courted him before her step. Set once, with `first_step`.
    fond_first: bool,
    /// Her first step off Facebook or towards a call came at night (round thirty-four):
    /// set once, with `first_step`, in a one-to-one thread (see `pretext_outlived`).
    night_first: bool,
    /// Whether the message being read was written at night (`at_night`), and whether the
    /// contact's first invitation or call (the video-call step) came at night: set once,
    /// in a one-to-one thread, kept across `replay` (see `pretext_outlived`).
    night_now: bool,
    night_call: Option<bool>,
    /// The contact's messages that name a late hour of the night (`names_night`): her
    /// invitation in one is for a call at night (`night_call`).
    night_named: Vec<usize>,
    /// The contact told him of the recording before her first call, in a one-to-one
    /// thread (round thirty-nine; see `push`): set once, kept across `replay`.
    told: bool,
    /// When his household on the call (`context.family_on_call*`) was last named, before
    /// any lever (see `pretext_outlived`, round seventy-three).
    weight_at: Option<i64>,
    /// The user said, before her first step, that a third person told him of her
    /// (`context.circle.vouched`): see `pretext_outlived`.
    vouched: bool,
    /// The contact offered her service free of charge in a one-to-one thread before any
    /// lever (`context.free_offer*`, round eighty-eight): see `pretext_outlived`.
    free_offer: bool,
    /// The contact said a courting word (flattery, a personal question, intimacy)
    /// other than her question whether he is alone (`ALONE_ASKED`). Round sixty-eight
    /// (issue 12): his own words of a life shared with her ("without you the house is
    /// empty") in answer to her "alone at home? 😜" alone are a husband's, and count.
    courted_beyond_alone: bool,
    /// The contact called him by her elder's word strangers say too
    /// (`context.kin_answer.elder`, round eighty-seven).
    elder_called: bool,
}

fn kind_cue(kind: MessageKind) -> Option<Cue> {
    Some(match kind {
        MessageKind::VideoCall => Cue::Kind("kind.video_call", Stage::VideoCall, Tag::Call),
        MessageKind::MissedVideoCall => Cue::Kind("kind.missed_video_call", Stage::VideoCall, Tag::Call),
        MessageKind::Forwarded => Cue::Kind("kind.forwarded", Stage::Grooming, Tag::Forward),
        _ => return None,
    })
}

fn kind_words(kind: MessageKind) -> String {
    match kind {
        MessageKind::VideoCall => "video call",
        MessageKind::MissedVideoCall => "missed video call",
        MessageKind::Forwarded => "forwarded message",
        _ => "message",
    }
    .to_string()
}

/// The first emoji of affection (`word_lists::AFFECTION`) in `text`, if any. Each
/// begins with the byte 0xE2 or 0xF0: compared only where one of those stands.
fn affectionate(text: &str) -> Option<&'static str> {
    let b = text.as_bytes();
    b.iter().enumerate().filter(|(_, &c)| c == 0xE2 || c == 0xF0).find_map(|(i, _)| word_lists::AFFECTION.iter().find(|w| b[i..].starts_with(w.as_bytes())))
}

/// Whether a message holds a kiss, a wink or heart eyes (of `word_lists::AFFECTION`, not
/// its hearts and flowers, which a group sends to everyone): a group member's flirting
/// (round sixty-nine: in 28 group scam messages with her ask or call, no benign one).
fn flirting(text: &str) -> bool {
    ["😘", "😍", "🥰", "💋", "😉"].iter().any(|e| text.contains(e))
}

/// Whether a message laughs: a laughing or teasing emoji, or "haha" / "hehe".
fn laughing(text: &str) -> bool {
    // Each is four bytes, every emoji above begins with the byte 0xF0 and each word with
    // 'h': the four bytes are compared only where one of those stands (a `contains` of
    // each over the whole text cost more than the rest of reading most messages).
    // Compared as integers: a comparison of byte slices is a call to `memcmp` each.
    const N: usize = word_lists::LAUGH.len();
    const WORDS: [u32; N] = {
        let mut out = [0; N];
        let mut i = 0;
        while i < N {
            let b = word_lists::LAUGH[i].as_bytes();
            assert!(b.len() == 4 && (b[0] == 0xF0 || b[0] == b'h'));
            out[i] = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            i += 1;
        }
        out
    };
    text.as_bytes().windows(4).any(|w| (w[0] == 0xF0 || w[0] == b'h') && WORDS.contains(&u32::from_le_bytes([w[0], w[1], w[2], w[3]])))
}


/// Whether the kinship word `matched` comes right after a first-person possessive in
/// `text` (the contact's own father, "like my papa"), or right before a word of
/// comparison ("papa jaisa": the user likened to a relative), not addressed to him.
fn own_relative(text: &str, matched: &str) -> bool {
    let low = text.to_ascii_lowercase();
    let word = matched.trim().to_ascii_lowercase();
    let Some(first) = word.split_whitespace().next() else { return false };
    // Each word beside the one before it, in one loop (a `filter().collect()` into a
    // vector was an adapter of its own in the content module; docs/performance.md
    // "Size, round 41").
    let mut before: Option<&str> = None;
    for w in low.split(|c: char| !alnum(c) && !matches!(c, '\u{900}'..='\u{D7F}')) {
        if w.is_empty() {
            continue;
        }
        if let Some(b) = before {
            if (w == first && word_lists::POSSESSIVE.contains(b)) || (b == first && word_lists::COMPARISON.contains(w)) {
                return true;
            }
        }
        before = Some(w);
    }
    false
}

/// Whether a word of `word_lists::CIRCLE` (its start: "family", "ग्रुप") comes within two
/// words after a first-person possessive (`word_lists::POSSESSIVE`) in `text`: her own
/// family, group or class named as the audience (round seventy-five).
fn own_circle(text: &str) -> bool {
    let low = text.to_ascii_lowercase();
    let (mut one, mut two) = (false, false);
    for w in low.split(|c: char| !alnum(c) && !matches!(c, '\u{900}'..='\u{D7F}')) {
        if w.is_empty() {
            continue;
        }
        if (one || two) && word_lists::CIRCLE.iter().any(|c| w.starts_with(c)) {
            return true;
        }
        (one, two) = (word_lists::POSSESSIVE.contains(w), one);
    }
    false
}

/// Whether `text` asks ("?") and holds a first-person plural word (`word_lists::WE`,
/// whole words): the trust's or the page's "shall we post it?" (round seventy-eight).
fn we_ask(text: &str) -> bool {
    let low = text.to_ascii_lowercase();
    low.contains('?') && word_lists::WE.iter().any(|w| has_words(&low, w))
}

/// The hours of the night, local as the message was written: from 21:00 until 06:00.
const NIGHT_FROM: i64 = 21;
const NIGHT_UNTIL: i64 = 6;

/// Whether `t` falls at night where it was written: known to the second and written with
/// its offset (the page's time at the browser's offset; an export's UTC seconds, offset
/// zero, say nothing of his evening and are not read).
fn at_night(t: Timestamp) -> bool {
    let h = (t.unix() + i64::from(t.offset_seconds())).rem_euclid(time::DAY) / 3600;
    t.offset_seconds() != 0 && t.precision() == time::Precision::Second && (h >= NIGHT_FROM || h < NIGHT_UNTIL)
}
/// Whether a message names a late hour of the night: a night word with an hour from 9 to
/// 12 (ASCII digits) among the three words after it ("aaj raat 10 baje", "tonight 10 pm",
/// "innu raathri 11 nu", "ರಾತ್ರಿ 10ಕ್ಕೆ", "இரவு 10.30க்கு"). Her invitation said with it is
/// for a call at night, as her call placed at night is (`night_call`; round fifty: the
/// chain's "teacher" insists on the late hour; a family's or a friend's "tonight", "आज
/// रात्री ८ वाजता", "Saturday 5 pm" name no such hour).
fn names_night(text: &str) -> bool {
    // The hour is a word that begins with "1" or "9": without a "1" or a "9" at the text's
    // start or after a space (an ASCII byte up to ' ', or the last byte of a wider space)
    // there is none, and the words are not read (cost round nineteen: this reading was a
    // third of a new message's instructions).
    let b = text.as_bytes();
    if !(0..b.len()).any(|i| matches!(b[i], b'1' | b'9') && (i == 0 || b[i - 1] <= b' ' || b[i - 1] >= 0x80)) {
        return false;
    }
    // The three words after a night word read from a copy of the iterator, not from a
    // collected vector (docs/performance.md "Size, round 43"). The night words are lower
    // case, compared without ASCII case (`Words::starts`): no lower-cased copy.
    let mut words = text.split_whitespace();
    while let Some(w) = words.next() {
        if word_lists::NIGHT.starts(w.trim_start_matches(|c: char| !alnum(c)))
            && words.clone().take(3).any(|w| matches!(w.split(|c: char| !c.is_ascii_digit()).next(), Some("9" | "10" | "11" | "12")))
        {
            return true;
        }
    }
    false
}

/// Whether a call the contact placed at `call` is an appointment kept: it opens a new
/// sitting, `APPOINTMENT` or more after the last message of either side (`last`), and the
/// sitting before ended with the user writing in it (`mine`, within `combine::TOGETHER`
/// of its last message) — the hour agreed ("Saturday 11 am?" "चालेल"), the call coming
/// then. The chain's call comes while he is engaged, minutes after her invitation: none
/// of the 52 scams of tests/corpus and tests/tuning warned at the call has one, 12 benign
/// (interviews, consults, families) do (tests/tuning/README.md, round nineteen). It is
/// still the chain's call for what follows (a recording, a threat, a demand).
fn appointment(call: Option<i64>, last: Option<i64>, mine: Option<i64>) -> bool {
    match (call, last, mine) {
        (Some(call), Some(last), Some(mine)) => call - last >= APPOINTMENT && last - mine <= combine::TOGETHER,
        _ => false,
    }
}
/// How long a call of hers lasted, in minutes, from its row's text as the page shows it
/// ("Video chat ended 54 min", "Video chat · 1 hr 5 min", "वीडियो चैट समाप्त १२ मिनट",
/// "व्हिडिओ चॅट ५४ मिनिटांनी संपला"): each number (ASCII or Devanagari digits) followed by a
/// word starting with a unit of `word_lists::CALL_HOURS` or `CALL_MINUTES`, right after it
/// or after a space. `None` when no number has a unit. Read only from a call's text (the
/// reader keeps a call row's text only when this reads it: `web::reader::thread`).
pub fn call_minutes(text: &str) -> Option<u32> {
    let b = text.as_bytes();
    let digit = |r: &[u8]| match *r {
        [c @ b'0'..=b'9', ..] => Some((u32::from(c - b'0'), 1)),
        [0xE0, 0xA5, c @ 0xA6..=0xAF, ..] => Some((u32::from(c - 0xA6), 3)), // Devanagari ०–९
        _ => None,
    };
    let mut total: Option<u32> = None;
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let mut n: u32 = 0;
        while let Some((d, len)) = digit(&b[i..]) {
            n = n.saturating_mul(10).saturating_add(d);
            i += len;
        }
        if i == start {
            i += 1;
            continue;
        }
        // Its unit: right after it, or after a space.
        i += usize::from(b.get(i) == Some(&b' '));
        let r = &b[i..];
        // ASCII case only (Devanagari has none).
        let is = |list: word_lists::Words| list.iter().any(|u| r.get(..u.len()).is_some_and(|p| p.eq_ignore_ascii_case(u.as_bytes())));
        let per = if is(word_lists::CALL_MINUTES) {
            1
        } else if is(word_lists::CALL_HOURS) {
            60
        } else {
            continue;
        };
        total = Some(total.unwrap_or(0).saturating_add(n.saturating_mul(per)));
    }
    total
}
/// A call of hers this long or longer is a talk, not the chain's call step (a naked
/// video, a recording, hang up): round nineteen found 15 benign first warned at a call of
/// 15 minutes or more and no scam warned at a call over 5 (tests/tuning/README.md).
const LONG_CALL: u32 = 15;

/// The pause before her call that makes it a new sitting (cw2's "six hours after the
/// previous message").
const APPOINTMENT: i64 = 6 * 60 * 60;

/// Words the user's first message must have to be an errand of his own.
const SOUGHT_WORDS: usize = 6;

/// Whether `text` has `n` words or more (`split_whitespace().nth(n - 1).is_some()`), in a
/// loop that stops at the `n`th (size round 45: no `nth` and `advance_by` of its own).
fn at_least_words(text: &str, n: usize) -> bool {
    let mut k = 0;
    for _ in text.split_whitespace() {
        k += 1;
        if k == n {
            return true;
        }
    }
    false
}
/// How long after the first message known the contact's first step may come while a
/// pretext still excuses it, and how many of the user's answers before it make the
/// thread a conversation rather than a service's reminders (see `pretext_outlived`).
const PRETEXT_SITTING: i64 = time::DAY;
const PRETEXT_REPLIES: u32 = 2;
/// The rules that name his household on the call (see `pretext_outlived`).
const FAMILY_ON_CALL: &str = "context.family_on_call";

/// Messages this close, or this close in time (`combine::TOGETHER`) when both times are
/// known, are one sitting.
const SITTING_MESSAGES: usize = 8;

fn same_sitting(a_at: Option<i64>, a_index: usize, b_at: Option<i64>, b_index: usize) -> bool {
    match (a_at, b_at) {
        (Some(a), Some(b)) => (a - b).abs() <= combine::TOGETHER,
        _ => a_index.abs_diff(b_index) <= SITTING_MESSAGES,
    }
}

/// A bare amount (see `bare_amount`), as a cue.
const AMOUNT: Cue = Cue::Kind("text.bare_amount", Stage::Extortion, Tag::Money);
/// A bare amount in the same message as a threat ("💰 20000 or 📹 ➡️ 👨‍👩‍👧"): the demand
/// that goes with it, which needs no call before it.
const THREAT_AMOUNT: Cue = Cue::Kind("text.threat_amount", Stage::Extortion, Tag::Money);

/// Whether `text` holds a UPI id ("name@okaxis"): an "@" after a letter, digit, dot or
/// underscore, with at least three letters of the bank's handle after it.
fn upi_id(text: &str) -> bool {
    let b = text.as_bytes();
    // Most messages hold no "@": one fast search (core's memchr) says so.
    if !b.contains(&b'@') {
        return false;
    }
    b.iter().enumerate().any(|(i, &c)| {
        c == b'@'
            && i > 0
            && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.' || b[i - 1] == b'_')
            && b[i + 1..].iter().take_while(|c| c.is_ascii_alphanumeric()).filter(|c| c.is_ascii_alphabetic()).count() >= 3
    })
}

/// The contact's id on another app, given with the app's name (see `contact_id`).
const APP_CONTACT: Cue = Cue::Kind("text.app_contact", Stage::OffPlatform, Tag::AppMove);
/// An office's landline given by the contact (`landline`): the institution's desk she can be
/// checked at, a purpose of the talk like an errand named (round seventy-one).
const LANDLINE: Cue = Cue::Kind("text.landline", Stage::Contact, Tag::Purpose);

/// A landline number in `text` as an office gives it, with its STD code: "044-2499 3170",
/// "0532-24XXXXX", "02352 22xxxx", "0821 2400 xxx" — one run of digits or masks in groups
/// joined by one space or "-", not inside a word, its first group the code (a 0, a digit 1–8,
/// three to five digits in all), eleven marks in all. An account number's longer run and a
/// mobile are not it. The chain's numbers are mobiles for an app; a bank, a paper or a
/// college gives its desk.
#[inline(never)]
fn landline(text: &str) -> bool {
    let b = text.as_bytes();
    // The code's "0" and its digit 1–8, not inside a word: most texts hold none, and are
    // not read mark by mark (cost round nineteen).
    if !(0..b.len().saturating_sub(1)).any(|i| b[i] == b'0' && (b'1'..=b'8').contains(&b[i + 1]) && (i == 0 || !b[i - 1].is_ascii_alphanumeric())) {
        return false;
    }
    let mark = |c: u8| c.is_ascii_digit() || c == b'x' || c == b'X';
    let mut i = 0;
    while i < b.len() {
        if !mark(b[i]) || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        // A run of marks in groups joined by one space or "-": its first group the code.
        let (start, mut marks, mut code) = (i, 0, 0);
        while i < b.len() {
            if mark(b[i]) {
                marks += 1;
            } else if (b[i] == b' ' || b[i] == b'-') && b.get(i + 1).is_some_and(|&c| mark(c)) {
                code = if code == 0 { marks } else { code };
            } else {
                break;
            }
            i += 1;
        }
        if marks == 11 && (3..=5).contains(&code) && b[start] == b'0' && (b'1'..=b'8').contains(&b[start + 1]) && b[start..start + code].iter().all(u8::is_ascii_digit) {
            return true;
        }
    }
    false
}

/// An emoji of affection in the contact's own message (`affectionate`): flattery shown,
/// not said.
const AFFECTION: Cue = Cue::Kind("text.affection", Stage::Grooming, Tag::Affection);

/// An id someone can be found by on another app, in `text`: a handle ("@priya_v_0991",
/// "id: sree_lakshmi_pkd_x") or a phone number, also spaced or partly masked
/// ("98765 45066", "98xx4 4x0x2", "9 8 x x 5 1 2 x 0 7"): ten or more digits or masks
/// in a run of number-like words, at least four of them digits ("70xxx 4xxx9": a number
/// masked for the page shows its first two and last digits). A UPI id
/// ("name@okaxis") is not a handle: its "@" follows a letter.
pub(crate) fn contact_id(text: &str) -> Option<String> {
    let handle_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        if c == '@' && !handle_char(prev) {
            let rest = &text[i + 1..];
            let n = rest.chars().take_while(|&c| handle_char(c)).count();
            if n >= 3 && rest.chars().take(n).any(|c| c.is_ascii_alphabetic()) {
                return Some(text[i..i + 1 + n].to_string());
            }
        }
        prev = c;
    }
    for w in text.split_whitespace() {
        let w = w.trim_matches(|c: char| !alnum(c) && c != '_');
        let letters = w.chars().filter(|c| c.is_ascii_alphabetic()).count();
        if w.len() >= 8 && w.contains('_') && letters >= 3 && w.chars().all(handle_char) {
            return Some(w.to_string());
        }
    }
    let (mut marks, mut digits, mut start) = (0usize, 0usize, None);
    for (i, w) in text.split_whitespace().map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w)).map(|(o, w)| (o, w.trim_end_matches(['.', ',', ';', ')']).trim_start_matches(['(', '+']))) {
        let numeric = !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == 'x' || c == 'X' || c == '-') && w.chars().any(|c| c.is_ascii_digit() || w.len() <= 3);
        if numeric {
            start.get_or_insert(i);
            marks += w.chars().filter(|c| *c != '-').count();
            digits += w.chars().filter(char::is_ascii_digit).count();
            if marks >= 10 && digits >= 4 {
                return start.map(|s| text[s..i + w.len()].to_string());
            }
        } else {
            (marks, digits, start) = (0, 0, None);
        }
    }
    None
}

fn kind_cue_by_id(id: &str) -> Option<Cue> {
    if id == "text.bare_amount" {
        return Some(AMOUNT);
    }
    if id == "text.app_contact" {
        return Some(APP_CONTACT);
    }
    if id == "text.threat_amount" {
        return Some(THREAT_AMOUNT);
    }
    if id == "text.affection" {
        return Some(AFFECTION);
    }
    if id == "text.landline" {
        return Some(LANDLINE);
    }
    [MessageKind::VideoCall, MessageKind::MissedVideoCall, MessageKind::Forwarded]
        .into_iter()
        .filter_map(kind_cue)
        .find(|c| matches!(c, Cue::Kind(k, ..) if *k == id))
}

/// More words than this in one message make it a broadcast (see `Tracker::push`): the
/// sextortion chain's asks and threats are short lines typed to one man.
const BROADCAST_WORDS: usize = 80;


/// Whether a message's cues (`found`, rule index and matched text) hold a tag of `tags`
/// (`Tag::bit`s). `push` asks this of the tags alone some twenty times: one function, not
/// a loop of its own each time in the module (docs/performance.md, "Size, round 37").
fn has_tag(rules: &[Rule], found: &[(usize, String)], tags: u32) -> bool {
    found.iter().any(|(r, _)| rules[*r].tag.bit() & tags != 0)
}

/// Reads a message's first number ask or app move as `off_platform.to_her_alone` (see
/// `push`: the identity-check helper's WhatsApp ask in a group). Kept out of `push`.
#[inline(never)]
fn to_her_alone(rules: &[Rule], found: &mut [(usize, String)]) {
    if let (Some(h), Some(r)) = (found.iter_mut().find(|(h, _)| rules[*h].tag.bit() & (Tag::NumberAsk.bit() | Tag::AppMove.bit()) != 0), rules.iter().position(|r| r.id == "off_platform.to_her_alone.any")) {
        h.0 = r;
    }
}

/// Drops from a message's cues those whose tag is one of `tags` (`drop_rules`).
fn drop_tags(rules: &[Rule], found: &mut Vec<(usize, String)>, tags: u32) {
    drop_rules(rules, found, &|r| r.tag.bit() & tags != 0);
}

/// Drops from a message's cues those whose rule `gone` says: one `retain` in the module
/// for all of `push`'s drops (a closure of its own each was a `retain` instance each;
/// docs/performance.md "Size, round 44").
fn drop_rules(rules: &[Rule], found: &mut Vec<(usize, String)>, gone: &dyn Fn(&Rule) -> bool) {
    found.retain(|(r, _)| !gone(&rules[*r]));
}

/// Her wish that he be alone (`video_call.alone`, an intimacy cue).
fn alone_asked(r: &Rule) -> bool {
    r.tag == Tag::Intimacy && r.id.starts_with("video_call.alone")
}

/// Whether the contact asks his leave for what she records or posts (`word_lists::LEAVE`).
fn asks_leave(text: &str) -> bool {
    says_any(text, word_lists::LEAVE)
}

/// Whether the user asks how to pay her, or whether his payment reached her
/// (`word_lists::PAY_ASK`).
fn asks_to_pay(text: &str) -> bool {
    says_any(text, word_lists::PAY_ASK)
}

/// Whether `text`, lower-cased in ASCII, says one of `words` as whole words (`has_words`):
/// one function for `asks_leave`, `asks_to_pay`, `names_him` and `to_everyone`, each of
/// which had its own copy of the loop inlined into `push` (docs/performance.md "Size,
/// round 44").
#[inline(never)]
fn says_any(text: &str, words: word_lists::Words) -> bool {
    let low = text.to_ascii_lowercase();
    words.iter().any(|w| has_words(&low, w))
}

/// Whether `text` tells a post's reach as its news: "viral" named (`word_lists::VIRAL`)
/// with a count of its reach, and no obscene word (`word_lists::OBSCENE`: the impostor's
/// "objectionable video … 8,000 views, it will go viral soon").
fn reach_news(text: &str) -> bool {
    let low = text.to_ascii_lowercase();
    word_lists::VIRAL.iter().any(|w| low.contains(w)) && !obscene(&low) && reach_count(&low)
}

fn obscene(low: &str) -> bool {
    word_lists::OBSCENE.iter().any(|w| low.contains(w))
}

/// Whether `text` tells "viral" as done ("viral ho gaya", "went viral":
/// `word_lists::VIRAL_DONE`, not right before a word of `VIRAL_IF`, "… to"), with no
/// obscene word: the news of a post, before any call of hers (round sixty-one; after it,
/// "unga video viral aayiduchu" is the chain's claim, round forty-two).
fn went_viral(text: &str) -> bool {
    let low = text.to_ascii_lowercase();
    let done = |w: &str| {
        low.match_indices(w).any(|(i, _)| {
            let rest = &low[i + w.len()..];
            let next = rest.split(|c: char| !alnum(c)).find(|n| !n.is_empty()).unwrap_or("");
            !low[..i].chars().next_back().is_some_and(alnum) && !rest.chars().next().is_some_and(alnum) && !word_lists::VIRAL_IF.contains(next)
        })
    };
    !obscene(&low) && word_lists::VIRAL_DONE.iter().any(done)
}

/// Whether lower-cased `low` counts the reach of a post: a number in ASCII digits (with
/// "k", "हज़ार", "lakh" or the like after it, `word_lists::REACH_UNITS`) followed by views,
/// likes or the people who watched (`word_lists::REACH`, prefixes of what follows).
fn reach_count(low: &str) -> bool {
    let b = low.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        while i < b.len() && (b[i].is_ascii_digit() || matches!(b[i], b',' | b'.' | b'k' | b' ')) {
            i += 1;
        }
        let mut after = &low[i..];
        if let Some(a) = word_lists::REACH_UNITS.iter().find_map(|u| after.strip_prefix(u)) {
            after = a.trim_start_matches(' ');
        }
        if word_lists::REACH.iter().any(|w| after.starts_with(w)) {
            return true;
        }
    }
    false
}

/// Whether `text` names him as "your" or "you": `word_lists::YOUR` (Latin letters) or
/// `word_lists::YOUR_SCRIPT` (Indian scripts), whole words (round seventy-six).
fn names_him(text: &str) -> bool {
    says_any(text, word_lists::YOUR) || says_any(text, word_lists::YOUR_SCRIPT)
}

/// Whether `text` names a recording (`word_lists::RECORD`: stems, matched inside words).
fn records(text: &str) -> bool {
    let low = text.to_ascii_lowercase();
    word_lists::RECORD.iter().any(|w| low.contains(w))
}

/// Whether `text` names a call (`word_lists::CALL`: stems, matched inside words), the text
/// lower-cased once rather than once a word.
fn names_a_call(text: &str) -> bool {
    let low = text.to_ascii_lowercase();
    word_lists::CALL.iter().any(|w| low.contains(w))
}

/// Whether a message addresses everyone in a group (`word_lists::EVERYONE`, whole words).
fn to_everyone(text: &str) -> bool {
    says_any(text, word_lists::EVERYONE)
}

fn re_asked(text: &str) -> bool {
    let low = text.to_ascii_lowercase();
    word_lists::RE_ASK.iter().any(|w| has_words_once(&low, w))
}

/// As `has_words`, but not where the words are doubled, the idiom of repetition: "again and
/// again", "మళ్ళీ మళ్ళీ", "पुन्हा पुन्हा" say how often something happens ("my account gets
/// blocked again and again"), not that the number is asked once more (round forty-three).
fn has_words_once(text: &str, words: &str) -> bool {
    const JOINS: [&str; 5] = [" ", " and ", " n ", " & ", " an "];
    text.match_indices(words).any(|(i, _)| {
        let (before, after) = (&text[..i], &text[i + words.len()..]);
        !before.chars().next_back().is_some_and(alnum)
            && !after.chars().next().is_some_and(alnum)
            && !JOINS.iter().any(|j| {
                after.strip_prefix(j).is_some_and(|r| r.starts_with(words)) || before.strip_suffix(j).is_some_and(|r| r.ends_with(words))
            })
    })
}

/// Whether a threat's `matched` words hold one that `text` only ever says as "<it> call"
/// ("વીડિયો" of "વીડિયો કોલ"; the call words are `word_lists::CALL`): the threat's
/// "video" is then the call itself.
fn names_the_call(text: &str, matched: &str) -> bool {
    let low = text.to_ascii_lowercase();
    matched.to_ascii_lowercase().split('…').any(|w| {
        let w = w.trim();
        !w.is_empty() && low.contains(w) && low.split(w).skip(1).all(|rest| word_lists::CALL.iter().any(|c| rest.trim_start().starts_with(c)))
    })
}

/// Whether a word of a text, its leading marks trimmed, begins with a call word
/// (`word_lists::CALL`, whose `Words::heads` are `heads`): one copy out of line for
/// `without_call_words`'s two readings (each inlined its own, cost round nineteen).
#[inline(never)]
fn call_word(w: &str, heads: u64) -> bool {
    let w = w.trim_start_matches(|c: char| !alnum(c));
    (w.len() < 3 || heads >> word_lists::head(w.as_bytes()) & 1 != 0) && word_lists::CALL.starts(w)
}

/// `text` without each word that stands right before a call word ("video" of "video
/// call"; `word_lists::CALL`), or None when it has none.
fn without_call_words(text: &str) -> Option<String> {
    // ASCII case only: `to_lowercase` would link Unicode's case tables into the content
    // module (the call words of the scripts have no case).
    // Compared without ASCII case (`Words::starts`), not on a lower-cased copy of each word;
    // and most lines hold no call word after their first: nothing is copied for them (cost
    // round nineteen: this was a fifth of a new message's instructions).
    // And a word whose first three bytes are none of a call word's is not compared with
    // them (`Words::heads`).
    let heads = word_lists::CALL.heads();
    let call = |w: &str| call_word(w, heads);
    if !text.split_whitespace().skip(1).any(call) {
        return None;
    }
    // The kept words joined by one space as they are read: no vector of the words and
    // of the kept ones (docs/performance.md "Size, round 43").
    let (mut kept, mut dropped) = (String::new(), false);
    let mut words = text.split_whitespace().peekable();
    while let Some(w) = words.next() {
        if words.peek().is_some_and(|n| call(n)) {
            dropped = true;
            continue;
        }
        if !kept.is_empty() {
            kept.push(' ');
        }
        kept.push_str(w);
    }
    dropped.then_some(kept)
}

/// Whether `text` names a number as another person's ("<name> cha / ka / da / er / no
/// (WhatsApp) number") and says no "your" of his and no "my" of hers: Latin letters only.
fn third_persons_number(text: &str) -> bool {
    const PARTICLE: [&str; 10] = ["ka", "ki", "ke", "da", "di", "cha", "chi", "er", "no", "ni"];
    let low = text.to_ascii_lowercase();
    let mut words: Vec<&str> = Vec::new();
    for w in low.split(|c: char| !alnum(c)) {
        if !w.is_empty() {
            words.push(w);
        }
    }
    // His "your" (`word_lists::YOUR`), or her own "my" (`word_lists::POSSESSIVE`: "majha
    // clinic cha number …, ithe pathva" gives hers).
    if words.iter().any(|w| word_lists::YOUR.contains(w) || word_lists::POSSESSIVE.contains(w)) {
        return false;
    }
    words.iter().enumerate().any(|(i, w)| {
        if *w != "number" || i < 2 {
            return false;
        }
        let mut j = i - 1;
        if matches!(words[j], "whatsapp" | "mobile" | "phone") && j >= 2 {
            j -= 1;
        }
        PARTICLE.contains(&words[j])
    })
}

/// Whether `words` stands in `text` as whole words: no letter or digit right before or
/// after it ("again", not the start of "against").
/// The places are `match_indices`'s (leftmost, not overlapping), found byte by byte with
/// the first byte compared in line: `match_indices` built a two-way searcher for every
/// word of a list, most of a short message's cost here (cost round nineteen). A match of
/// a whole `str` in a `str` starts and ends at a character's boundary.
fn has_words(text: &str, words: &str) -> bool {
    let whole = |i: usize| !text[..i].chars().next_back().is_some_and(alnum) && !text[i + words.len()..].chars().next().is_some_and(alnum);
    let (t, w) = (text.as_bytes(), words.as_bytes());
    let Some(&first) = w.first() else { return text.match_indices(words).any(|(i, _)| whole(i)) };
    let mut i = 0;
    while i + w.len() <= t.len() {
        if t[i] == first && t[i..i + w.len()] == *w {
            if whole(i) {
                return true;
            }
            i += w.len();
        } else {
            i += 1;
        }
    }
    false
}

/// Whether a message gives a link or a QR code: a URL, or the word for one in any
/// language ("link dilam", "QR scan karo", "लिंक भेजा").
fn link_or_qr(text: &str) -> bool {
    let low = text.to_ascii_lowercase();
    low.contains("://") || low.contains("www.") || low.split(|c: char| !alnum(c) && !matches!(c, '\u{900}'..='\u{D7F}')).any(|w| word_lists::LINK.contains(w))
}

/// `own_words_of` a text alone.
#[cfg(test)]
fn own_words(text: &str) -> std::borrow::Cow<'_, str> {
    own_words_of(text, Bytes::of(text))
}

/// Which bytes a message holds that the tracker's own readings of it begin with (one
/// pass over the text, a table look-up a byte): a reading whose byte is absent is
/// skipped. Each test is a necessary condition only, so it stays true of the text with
/// passages blanked (`own_words`), which holds fewer of them.
#[derive(Clone, Copy)]
struct Bytes(u8);

impl Bytes {
    /// '"', '\'' or 0xE2 (0xE2 0x80 begins the curly quotes “ ” ‘ ’).
    const QUOTE: u8 = 1;
    const SLASH: u8 = 2;
    const W: u8 = 4;
    /// 0xF0 or 'h': how each laugh of `laughing` begins.
    const LAUGH: u8 = 8;
    /// 0xE2 or 0xF0: how each emoji of `affectionate` begins.
    const EMOJI: u8 = 16;

    const TABLE: [u8; 256] = {
        let mut t = [0u8; 256];
        t[b'"' as usize] = Bytes::QUOTE;
        t[b'\'' as usize] = Bytes::QUOTE;
        t[0xE2] = Bytes::QUOTE | Bytes::EMOJI;
        t[b'/' as usize] = Bytes::SLASH;
        t[b'w' as usize] = Bytes::W;
        t[0xF0] = Bytes::LAUGH | Bytes::EMOJI;
        t[b'h' as usize] = Bytes::LAUGH;
        t
    };

    fn of(text: &str) -> Bytes {
        Bytes(text.bytes().fold(0, |seen, c| seen | Bytes::TABLE[c as usize]))
    }

    fn has(self, class: u8) -> bool {
        self.0 & class != 0
    }
}

/// `text` with every URL and every quoted passage blanked (same byte length, so matched
/// ranges still point into the original): words inside links (`?vc=0`, `feature=share`)
/// are not speech, and a threat in quotes ("she said 'pay or I share it'") is reported
/// speech, not the sender's own.
/// `bytes` are the text's (`Bytes::of`).
fn own_words_of(text: &str, bytes: Bytes) -> std::borrow::Cow<'_, str> {
    let b = text.as_bytes();
    // Byte checks first: most messages have neither a quote nor a link.
    let maybe_quote = bytes.has(Bytes::QUOTE);
    let maybe_url = bytes.has(Bytes::SLASH) || (bytes.has(Bytes::W) && b.windows(4).any(|w| w == b"www."));
    if !maybe_quote && !maybe_url {
        return text.into();
    }
    let has_quote = maybe_quote
        && (text.contains(['"', '“', '”', '‘', '’']) || b.windows(2).any(|w| w[1] == b'\'' && !w[0].is_ascii_alphanumeric()));
    let is_url = |w: &str| {
        let l = w.trim_start_matches(|c: char| !alnum(c));
        // Also a bare host and path ("meet.example.org/j/8842?pwd=…"): a dotted host of
        // letters, digits and hyphens before the first slash.
        let host_path = l.split_once('/').is_some_and(|(h, _)| {
            h.contains('.') && !h.ends_with('.') && h.as_bytes().iter().all(|&c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-') && h.as_bytes().iter().any(|&c| c.is_ascii_alphabetic())
        });
        w.contains("://") || l.starts_with("www.") || l.contains(".com/") || l.contains(".in/") || l.contains(".ly/") || host_path
    };
    let has_url = maybe_url && text.split_whitespace().any(is_url);
    if !has_quote && !has_url {
        return text.into();
    }
    let mut out: Vec<u8> = b.to_vec();
    if has_url {
        let mut i = 0;
        for w in text.split_inclusive(char::is_whitespace) {
            let word = w.trim_end();
            if is_url(word) {
                out[i..i + word.len()].fill(b' ');
            }
            i += w.len();
        }
    }
    if has_quote {
        // Opening quotes: “ ‘ " or a ' not inside a word; closing: ” ’ " or a ' not
        // followed by a letter. Only passages of at least two words are blanked.
        // The characters read once with the one before and the one after in hand, not
        // collected into a vector first (docs/performance.md "Size, round 43").
        let mut open: Option<usize> = None;
        let mut prev_word = false;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next_word = chars.peek().is_some_and(|n| alnum(n.1));
            match open {
                None if matches!(c, '“' | '‘' | '"') || (c == '\'' && !prev_word && next_word) => open = Some(i),
                Some(o) if matches!(c, '”' | '’' | '"') || (c == '\'' && prev_word && !next_word) => {
                    let end = i + c.len_utf8();
                    if text[o..end].split_whitespace().count() >= 2 {
                        out[o..end].fill(b' ');
                    }
                    open = None;
                }
                _ => {}
            }
            prev_word = alnum(c);
        }
    }
    // Only whole characters were replaced by spaces: still UTF-8.
    String::from_utf8(out).map(Into::into).unwrap_or_else(|_| text.into())
}

/// Words that make the number before them a count, not a sum ("5000 views in one day",
/// "300 likes", "50 लोग"): a son's channel, a club's members (issue 12, round eleven:
/// w12b's cooking video read as a threat with a price).
/// The people in the oblique case too ("5000 लोगों ने देख लिया", "500 logon ko"; round
/// sixty-one).
const COUNT_NOUNS: [&str; 21] = [
    "views", "view", "likes", "followers", "subscribers", "subs", "comments", "shares", "people", "members", "log", "logon", "km", "kms",
    "लोग", "लोगों", "व्यूज", "व्यूज़", "लाइक्स", "लोक", "सदस्य",
];

/// Words (their stems) that make a number near them a count of steps, not a sum: the
/// step goal a son or a grandson sets on his new watch or app after the call that set it
/// up ("Step goal is 6000", "har din 7000 steps", "૬૦૦૦ પગલાંનો ટાર્ગેટ", "50,000 స్టెప్స్";
/// round eighty-nine, w38's fitness threads).
const STEP_WORDS: [&str; 5] = ["step", "स्टेप", "ਕਦਮ", "પગલ", "స్టెప్"];

/// Whether a step word (`STEP_WORDS`) begins the word right after an amount, or one of
/// the three words before it ("steps 9000", "Step goal is 6000"): what the number counts.
fn steps_counted(before: &str, rest: &str) -> bool {
    let step = |w: &str| STEP_WORDS.iter().any(|s| w.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s)));
    // Forward only (a reversed `split_whitespace` is another copy of it in the module);
    // one pass keeping the last three words' answers as bits (size round 45: no `count`
    // and `skip` instances of their own).
    let mut last = 0u8;
    for w in before.split_whitespace() {
        last = (last << 1 | u8::from(step(w))) & 7;
    }
    last != 0 || rest.split_whitespace().next().is_some_and(step)
}

/// Whether the word at the start of `rest` (what follows an amount) is a count noun.
fn count_noun_next(rest: &str) -> bool {
    let next = rest.split_whitespace().next().unwrap_or("");
    // Trailing punctuation off; Devanagari's vowel signs are part of the word ("लोग,").
    let next = next.trim_end_matches(|c: char| !(alnum(c) || matches!(c, '\u{0900}'..='\u{0903}' | '\u{093c}'..='\u{094d}')));
    !next.is_empty() && COUNT_NOUNS.iter().any(|n| n.eq_ignore_ascii_case(next))
}

/// A bare amount in `text` ("21000", "30k", "₹12,000", "पहले 5000"): money asked with
/// no verb. It counts only after a call or a recording (see `apply`). Phone numbers (8+
/// digits) and years (1900-2099) are not amounts. Only the words holding an ASCII digit
/// are looked at (no other can be an amount): most of a message is skipped by a byte search.
fn bare_amount(text: &str) -> Option<String> {
    may_hold_amount(text).then(|| amount_in(text, false)).flatten()
}

/// The rupees an amount as `bare_amount` gives it stands for ("20,500" 20500, "15k"
/// 15000); none when it holds anything else.
fn amount_value(a: &str) -> Option<u64> {
    let mut v: u64 = 0;
    let mut k = false;
    for c in a.chars() {
        match c {
            '0'..='9' if !k => v = v.checked_mul(10)?.checked_add(c as u64 - '0' as u64)?,
            ',' if !k => {}
            'k' | 'K' if !k => k = true,
            _ => return None,
        }
    }
    Some(if k { v.checked_mul(1000)? } else { v })
}

/// The first bare amount in `text` that is a sum: not a count ("5000 views in one day",
/// "300 likes"; see `COUNT_NOUNS`).
/// The raw words first, then the sum as `spelled` gives it (one call of `amount_in`, in a
/// loop: a second call would be a second copy of it in the content module).
fn sum_amount(text: &str) -> Option<String> {
    let mut t = std::borrow::Cow::Borrowed(text);
    let mut raw = true;
    loop {
        if may_hold_amount(&t) {
            if let Some(a) = amount_in(&t, true) {
                return Some(a);
            }
        }
        if !std::mem::take(&mut raw) {
            return None;
        }
        t = spelled(text)?.into();
    }
}

/// The evasive demand's sum as written to slip past a reader (issue 12, round ninety-four):
/// lone digits joined across spaces, commas and zero-width marks ("₹ 2 0 , 0 0 0",
/// "1\u{200b}5\u{200b}0\u{200b}0\u{200b}0" → "₹ 20000", "15000"), and a letter O (Latin,
/// Greek, Cyrillic) right after a digit, or after a comma after one, read as its 0
/// ("3o,ooo", "15ООО"). One pass over the text, no second normalising; none when nothing
/// changed. Only a digit alone before the gap joins: a phone number's halves ("98480
/// 5xxxx") are runs of digits, a country code ("+1 555 0142") is none, and a number joined
/// to eight digits or more is still none.
fn spelled(text: &str) -> Option<String> {
    // Nothing changes unless an ASCII digit stands right before an O ('o', 'O', or the
    // first byte of the Greek and Cyrillic ones), a comma, a space or the first byte of a
    // zero-width mark: most texts hold none, and are not copied (cost round nineteen).
    if !text.as_bytes().windows(2).any(|w| w[0].is_ascii_digit() && matches!(w[1], b'o' | b'O' | b',' | b' ' | 0xCE | 0xD0 | 0xE2 | 0xEF)) {
        return None;
    }
    spelled_all(text)
}

/// `spelled` without its byte test.
fn spelled_all(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let (mut run, mut gap, mut changed) = (0u32, None, false);
    let (mut prev, mut prev2) = (' ', ' ');
    for c in text.chars() {
        let c = if matches!(c, 'o' | 'O' | 'ο' | 'Ο' | 'о' | 'О') && (prev.is_ascii_digit() || (prev == ',' && prev2.is_ascii_digit())) {
            changed = true;
            '0'
        } else {
            c
        };
        if c.is_ascii_digit() {
            run = match gap.take() {
                Some(g) => {
                    out.truncate(g);
                    changed = true;
                    1
                }
                // A country code ("+1 647 555 01xx") is no lone digit.
                None if prev == '+' => 2,
                None => run + 1,
            };
        } else {
            gap = if (run == 1 || gap.is_some()) && matches!(c, ' ' | ',' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}') {
                gap.or(Some(out.len()))
            } else {
                None
            };
            run = 0;
        }
        out.push(c);
        (prev2, prev) = (prev, c);
    }
    changed.then_some(out)
}

/// The earlier of two times, either unknown: a `match`, not `into_iter().chain().min()`
/// (a `Chain::fold` of its own in the content module; docs/performance.md "Size, round 42").
fn earlier(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, None) => a,
        (None, b) => b,
    }
}

fn amount_in(text: &str, skip_counts: bool) -> Option<String> {
    let folded: String;
    let text = if has_indic_digit(text) {
        let mut f = String::with_capacity(text.len());
        for c in text.chars() {
            f.push(if indic(c) { char::from(b'0' + ((c as u32 & 0x7F) - 0x66) as u8) } else { c });
        }
        folded = f;
        folded.as_str()
    } else {
        text
    };
    let is_sep = |c: char| c.is_whitespace() || matches!(c, '₹' | '/' | '-' | ':' | '(' | ')');
    let mut from = 0;
    while let Some(p) = text.as_bytes()[from..].iter().position(u8::is_ascii_digit) {
        let digit = from + p;
        let start = text[from..digit].char_indices().rev().find(|&(_, c)| is_sep(c)).map_or(from, |(k, c)| from + k + c.len_utf8());
        let end = text[digit..].char_indices().find(|&(_, c)| is_sep(c)).map_or(text.len(), |(k, _)| digit + k);
        if let Some(a) = amount_word(&text[start..end]).filter(|_| !phone_half(text, start, end)) {
            if !(skip_counts && (count_noun_next(&text[end..]) || steps_counted(&text[..start], &text[end..]))) {
                return Some(a);
            }
        }
        from = end;
    }
    None
}

/// Whether `text` may hold a bare amount, from its bytes in one pass (a necessary
/// condition: most messages hold no number, or one of three digits or fewer, and need
/// no reading word by word): four digits or more (an amount of no "k" is 1,000 or more),
/// or a "k" right after a digit or a comma ("30k", "5,k"). A digit of an Indian script
/// (see `has_indic_digit`) is counted by its last byte after an odd byte 0xA5..=0xB5,
/// and a "k" after it by its last byte: both over-count, never under-count.
fn may_hold_amount(text: &str) -> bool {
    // A table look-up a byte skips the bytes that are none of the ones read here (most of
    // any text); the byte before is looked at only at the others. The same test as byte
    // comparisons on every byte with the byte before carried along, at a third of the
    // instructions (callgrind, the bench thread; the old loop is kept in the tests and
    // compared with this one on generated text).
    let b = text.as_bytes();
    let mut digits = 0;
    for i in 0..b.len() {
        let c = b[i];
        if AMOUNT_BYTES[c as usize] == 0 {
            continue;
        }
        let prev = if i > 0 { b[i - 1] } else { 0 };
        if c.wrapping_sub(b'0') < 10 || (prev & 1 == 1 && prev.wrapping_sub(0xA5) <= 0x10 && c.wrapping_sub(0xA6) < 10) {
            digits += 1;
            if digits >= 4 {
                return true;
            }
        } else if c | 0x20 == b'k' && (prev.wrapping_sub(b'0') < 10 || prev == b',' || prev.wrapping_sub(0xA6) < 10) {
            return true;
        }
    }
    false
}

/// The bytes `may_hold_amount` reads: ASCII digits, "k" and "K", and 0xA6..=0xAF (how an
/// Indian-script digit ends in UTF-8).
const AMOUNT_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = matches!(b, b'0'..=b'9' | b'k' | b'K' | 0xA6..=0xAF) as u8;
        c += 1;
    }
    t
};

/// Whether the word `text[start..end]` is one half of a mobile number written in two
/// groups of five ("98765 40038", "63xxx 90421", "98765-4xxxx"): five digits, with a
/// group of five digits or masking letters right before or after it (one space or hyphen
/// apart), the first group beginning as a mobile number does ("20000 30000" are amounts). Ten-digit numbers are India's mobile numbers (https://en.wikipedia.org/wiki/Telephone_numbers_in_India).
///
/// Nor is the last part of a code joined by hyphens to letters ("Reference no.
/// VLC-2026-118420", "Ticket PNS-2026-4471"): an id, not a sum ("Rs-5000" still is one).
fn phone_half(text: &str, start: usize, end: usize) -> bool {
    if start >= 2 && text.as_bytes()[start - 1] == b'-' {
        let code = text[..start - 1].rsplit(|c: char| !c.is_ascii_alphanumeric() && c != '-').next().unwrap_or("");
        if code.as_bytes().iter().any(|&b| b.is_ascii_alphabetic()) && !code.eq_ignore_ascii_case("rs") {
            return true;
        }
    }
    let group = |w: &str| w.len() == 5 && w.as_bytes().iter().all(|&b| b.is_ascii_digit() || matches!(b, b'x' | b'X' | b'*'));
    let raw = &text[start..end];
    let word = raw.trim_end_matches(|c: char| !c.is_ascii_alphanumeric()); // "40038."
    if !(word.len() == 5 && word.as_bytes().iter().all(|&b| b.is_ascii_digit())) {
        return false;
    }
    let sep = |b: u8| b == b' ' || b == b'-';
    let bytes = text.as_bytes();
    // An Indian mobile number begins with 6, 7, 8 or 9.
    let mobile = |w: &str| matches!(w.as_bytes().first(), Some(b'6'..=b'9'));
    let after = mobile(word) && word.len() == raw.len() && end < bytes.len() && sep(bytes[end]) && group(text[end + 1..].split(|c: char| !c.is_ascii_alphanumeric() && c != '*').next().unwrap_or(""));
    let before = start >= 1 && sep(bytes[start - 1]) && text[..start - 1].rsplit(|c: char| !c.is_ascii_alphanumeric() && c != '*').next().is_some_and(|w| group(w) && mobile(w));
    after || before
}

/// `char::is_alphanumeric`, the same answer, cheaper on the text the checks read: ASCII
/// by a range test, and the Indic blocks (U+0900..U+0D7F, where std's lookup is a slow
/// binary search) from a bitmap of std's answers, one bit a code point (`ALNUM_INDIC`).
/// Every other char goes to std as before.
#[inline]
fn alnum(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return (c as u8).is_ascii_alphanumeric();
    }
    if (0x0900..0x0D80).contains(&u) {
        let i = (u - 0x0900) as usize;
        return ALNUM_INDIC[i / 64] >> (i % 64) & 1 == 1;
    }
    c.is_alphanumeric()
}

/// `char::is_alphanumeric` of U+0900..U+0D7F, bit `i % 64` of word `i / 64` for U+0900 + i:
/// what cost round eighteen's `OnceLock` filled from std at first use, now a constant (size
/// round 45: the lock's initialisation code weighed more than the 144 bytes). The test
/// `round_cost18_alnum_is_std` compares `alnum` with std for every char, so a table that
/// disagreed with this toolchain's Unicode would fail it.
const ALNUM_INDIC: [u64; 18] = [
    0xEFFFFFFFFFFFFFFF, 0xFFFEFFCFFFE1DFFF, 0xE3C5FDFFFFF99FEF, 0x13F3FFCFB080599F, 0xC36DFDFFFFF987EE, 0x003FFFC05E021987,
    0xE3EDFDFFFFFBBFEE, 0x1E00FFCF00011BBF, 0xE3EDFDFFFFF99FEE, 0x00FEFFCFB0C0199F, 0xC3FFC718D63DC7EC, 0x0007FFC000811DC7,
    0xE3FFFDFFFFFDDFFF, 0x7F00FFCF37601DDF, 0xE3EFFDFFFFFDDFEF, 0x000EFFCF70601DDF, 0xE7FFFFFFFFFDDFFF, 0xFDFFFFCFFFF05DDF,
];

/// A digit of one of the Indian scripts (Devanagari ० to Malayalam ൯: each block's zero
/// is at U+0966 + 0x80·k); `bare_amount` reads them as ASCII digits: "੩੦੦੦ ਭੇਜੋ", "₹૩૧,૫૦૦".
fn indic(c: char) -> bool {
    let u = c as u32;
    (0x0966..=0x0D6F).contains(&u) && (u & 0x7F) >= 0x66 && (u & 0x7F) <= 0x6F
}

/// Whether `text` holds a char that is `indic`, from its bytes: each such digit is 0xE0,
/// an odd byte 0xA5..=0xB5, then 0xA6..=0xAF in UTF-8. Most messages hold none, and
/// need no decoding to say so.
fn has_indic_digit(text: &str) -> bool {
    text.as_bytes().windows(3).any(|w| w[0] == 0xE0 && (0xA5..=0xB5).contains(&w[1]) && w[1] & 1 == 1 && (0xA6..=0xAF).contains(&w[2]))
}

/// One word (between separators) as a bare amount, if it is one.
fn amount_word(w: &str) -> Option<String> {
    let w = w.trim_matches(|c: char| !alnum(c));
    let w = w.strip_prefix("rs").or_else(|| w.strip_prefix("Rs")).unwrap_or(w).trim_start_matches('.');
    let (digits, k) = match w.strip_suffix(['k', 'K']) {
        Some(d) => (d, true),
        None => (w, false),
    };
    if digits.is_empty() || !digits.as_bytes().iter().all(|&b| b.is_ascii_digit() || b == b',') || digits.starts_with(',') {
        return None;
    }
    // The digits without their commas, as a number (None past u64, as `parse` would
    // give), read without building the string of them.
    let mut v = 0u64;
    let mut plain_len = 0;
    for d in digits.bytes().filter(|&b| b != b',') {
        v = v.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
        plain_len += 1;
    }
    let amount = if k { (1..=999).contains(&v) } else { plain_len <= 7 && v >= 1000 && !(digits.len() == 4 && (1900..=2099).contains(&v)) };
    amount.then(|| w.to_string())
}

impl Tracker {
    /// A tracker using the built-in rules. `facts` (from an earlier visit) fill in
    /// profile facts the page does not show now, and their stages count as if the
    /// earlier messages were still in the thread (at the time each was first seen).
    pub fn new(contact: Contact, tuning: Tuning, facts: Option<ContactFacts>) -> Tracker {
        Tracker::with_engine(Engine::builtin(), contact, tuning, facts)
    }

    pub fn with_engine(engine: &'static Engine, contact: Contact, tuning: Tuning, facts: Option<ContactFacts>) -> Tracker {
        let prior = facts.unwrap_or_default();
        let earliest = match (prior.earliest_message, prior.first_seen) {
            (Some(a), Some(b)) => Some(a.unix().min(b.unix())),
            (a, b) => a.or(b).map(Timestamp::unix),
        };
        let mut t = Tracker {
            engine,
            contact: Contact::named(String::new()),
            tuning,
            events: Vec::new(),
            pushed: 0,
            first_time: earliest,
            last_time: prior.last_activity.map(Timestamp::unix),
            opener: None,
            first_step: None,
            fond_at: None,
            fond_first: false,
            night_first: false,
            night_now: false,
            night_call: None,
            night_named: Vec::new(),
            sought: false,
            errand: false,
            rang: false,
            my_last: None,
            kept: None,
            told: false,
            weight_at: None,
            vouched: false,
            free_offer: false,
            courted_beyond_alone: false,
            elder_called: false,
            app_asked: false,
            for_another: false,
            authors: Vec::new(),
            author_since: Vec::new(),
            sent: [0; 2],
            two_way_since: None,
            previous: Vec::new(),
            app_named: None,
            his_upi: None,
            his_sum: None,
            shared_link: None,
            burst: None,
            advice: Vec::new(),
            chains: Vec::new(),
            context: Context::default(),
            warned: false,
            stats: Default::default(),
            seen_rules: Vec::new(),
            profile_evidence: 0,
            profile_day: None,
            profile_score: std::cell::Cell::new(None),
            given_start: None,
            assessment: Assessment::default(),
            parts: Vec::new(),
            prior,
        };
        // Remembered cues, in chain order, at the time each stage was first seen (a
        // walk over the stages in order, not a sort: one sort instance less in the
        // content module; facts of one stage keep their stored order, as a stable sort
        // kept them).
        for sf in Stage::ALL.iter().flat_map(|&stage| t.prior.stages.iter().filter(move |s| s.stage == stage)) {
            let at = sf.first_at.map(Timestamp::unix);
            for id in &sf.rules {
                let cue = match engine.rule_index(id) {
                    Some(i) => Cue::Rule(i),
                    None => match kind_cue_by_id(id) {
                        Some(c) => c,
                        None => continue, // a rule retired since: ignore
                    },
                };
                let matched = format!("earlier visit: {}", sf.stage.as_str());
                t.events.push(Event { index: None, at, author: 0, mine: false, cue, matched });
            }
        }
        t.set_contact(contact);
        t.replay();
        t
    }

    fn set_contact(&mut self, mut c: Contact) {
        let p = &self.prior;
        if c.friend_status == FriendStatus::Unknown {
            if let Some(s) = p.friend_status {
                c.friend_status = s;
            }
        }
        c.friends_since = c.friends_since.or(p.friends_since);
        c.mutual_friends = c.mutual_friends.or(p.mutual_friends);
        c.friend_count = c.friend_count.or(p.friend_count);
        c.joined = c.joined.or_else(|| p.joined.clone());
        c.conversation_start = c.conversation_start.or(p.conversation_start);
        c.first_seen = c.first_seen.or(p.contact_first_seen);
        self.given_start = c.conversation_start.map(Timestamp::unix);
        self.contact = c;
        self.profile_day = None;
        self.profile_score.set(None);
    }

    /// The profile is now known better (friend status, mutual friends, …): re-judge
    /// every cue seen so far with it.
    pub fn update_contact(&mut self, contact: Contact) -> &Assessment {
        self.set_contact(contact);
        self.replay();
        &self.assessment
    }

    pub fn contact(&self) -> &Contact {
        &self.contact
    }

    pub fn assessment(&self) -> &Assessment {
        &self.assessment
    }

    /// How suspicious the contact is now (after the last message pushed): for the
    /// developer's trace (`examples/trace.rs`).
    pub fn suspicion_now(&self) -> i32 {
        self.suspicion(self.last_time)
    }

    fn author_of(&mut self, msg: &Message) -> usize {
        if !self.contact.group {
            return 0;
        }
        let Some(name) = msg.author.as_deref().map(str::trim).filter(|n| !n.is_empty()) else { return 0 };
        match self.authors.iter().position(|a| a == name) {
            Some(i) => i + 1,
            None => {
                self.authors.push(name.to_string());
                self.author_since.push(msg.at.map(Timestamp::unix));
                self.authors.len()
            }
        }
    }

    // In a group, a member's threat or demand (`PILE_ON`) also joins the chain of every
    // member new to the group who turned to him (`Chain::courting_member`) and holds a call,
    // an invitation or a recording among the active cues (none when its author is such a
    // member: her own chain judges her words). Every one, not the first only (round
    // sixty-nine): a ring's "CBI officer" piles on after one member's call and another's
    // recording, and each of their chains holds it (see `apply`).

    /// Adds the next message (its index is the number pushed before it).
    pub fn push(&mut self, msg: &Message) -> &Assessment {
        let index = self.pushed;
        self.pushed += 1;
        let own_at = msg.at.map(Timestamp::unix);
        self.night_now = msg.at.is_some_and(at_night);
        if msg.from == Sender::Them && msg.text.as_deref().is_some_and(names_night) {
            self.night_named.push(index);
        }
        if msg.from == Sender::Them && matches!(msg.kind, MessageKind::VideoCall | MessageKind::MissedVideoCall) {
            // A connected call of an hour's talk (`LONG_CALL` or more, as its row shows it)
            // weighs like an appointment kept: the chain's call is minutes long.
            let long = msg.kind == MessageKind::VideoCall && msg.text.as_deref().and_then(call_minutes).is_some_and(|m| m >= LONG_CALL);
            let kept = long || appointment(own_at, self.last_time, self.my_last);
            self.kept = Some(self.kept.unwrap_or(true) && kept);
        }
        if msg.from == Sender::Me {
            self.my_last = own_at.max(self.my_last);
        }
        // Nothing earlier is known: no message remembered from an earlier visit.
        let nothing_before = match (self.first_time, own_at) {
            (Some(first), Some(at)) => first >= at,
            (Some(_), None) => false,
            (None, _) => true,
        };
        if let Some(at) = own_at {
            self.first_time = Some(self.first_time.map_or(at, |f| f.min(at)));
            self.last_time = Some(self.last_time.map_or(at, |l| l.max(at)));
        }
        if self.opener.is_none() {
            self.opener = Some((own_at, msg.from));
            // The user's opening says something (six words or more: his errand), not only
            // "hello ji 🙏" after accepting a request; and it is the first message ever
            // (the start is on the page), not the first row loaded of a longer thread.
            let errand = msg.from == Sender::Me && msg.text.as_deref().is_some_and(|t| at_least_words(t, SOUGHT_WORDS));
            self.sought = self.contact.start_visible && errand;
            self.errand = errand && nothing_before;
        }
        let at = own_at.or(self.last_time);
        let mine = msg.from == Sender::Me;
        let author = if mine { 0 } else { self.author_of(msg) };
        let mut retold = 0;
        let mut start = self.events.len();
        self.sent[mine as usize] = self.sent[mine as usize].saturating_add(1);
        if self.two_way_since.is_none() && self.sent.iter().all(|&n| n >= combine::TWO_WAY_MESSAGES) {
            self.two_way_since = Some(at);
        }
        if mine {
            self.previous.clear(); // the user answered: the contact's burst is over
            self.burst = None;
        } else {
            self.previous.retain(|p| p.0 == author); // another member spoke in between
            if self.burst.is_none_or(|b| b.0 != author || !same_sitting(b.1, b.2, at, index)) {
                self.burst = Some((author, at, index, 0, 0));
            }
        }
        if mine && matches!(msg.kind, MessageKind::AudioCall | MessageKind::VideoCall) && !self.any_active(at, combine::VIDEO_CALL) {
            self.rang = true;
        }
        if let Some(cue) = kind_cue(msg.kind) {
            // Forwards count only from them; a call only when they placed it. A call the
            // contact places in the sitting of his own advice about the scam (the nephew
            // in the cyber cell: "block her, report at 1930; I'll video call and show you
            // how") is that advice's, not the chain's (see `advising`).
            let advisers_call = matches!(cue, Cue::Kind(_, _, Tag::Call)) && self.advising(author, at, index);
            if !mine && !advisers_call {
                self.events.push(Event { index: Some(index), at, author, mine, cue, matched: kind_words(msg.kind) });
            }
        }
        // A call's text is its row as the page shows it ("Video chat ended 54 min"): read
        // for its length above, never matched as words.
        let call = matches!(msg.kind, MessageKind::VideoCall | MessageKind::MissedVideoCall | MessageKind::AudioCall | MessageKind::MissedAudioCall);
        if let Some(text) = msg.text.as_deref().filter(|t| !t.is_empty() && !call) {
            if mine && upi_id(text) {
                self.his_upi = Some((at, index, false));
            }
            let bytes = Bytes::of(text);
            let text = own_words_of(text, bytes);
            // The buffer of the last message, emptied: no allocation per message.
            let mut parts = std::mem::take(&mut self.parts);
            parts.clear();
            let hits = self.engine.scan_parts(&text, &mut parts);
            // Loops, not mapped or filtered `collect`s, here and below: each adapter was a
            // `from_iter` of its own in the content module (docs/performance.md "Size, round 42").
            let mut found: Vec<(usize, String)> = Vec::with_capacity(hits.len());
            for h in hits {
                found.push((h.rule, h.matched));
            }
            let rules = self.engine.rules();
            // Round eighty-seven (issue 12): her elder's vocative that strangers say too
            // (Punjabi "bapu ji", `context.kin_answer.elder`) is no kinship alone; his
            // child's word answering it ("haan putt", `context.kin_answer.child`) is the
            // family's both ways. Anything else of either rule is dropped here.
            // (Her elder's word marks the chain first: his child's word is kept only when
            // his, and then this message's elder word, being his, marks nothing; size round
            // 45: one `drop_rules`, no `Vec::remove` of its own.)
            if !mine && found.iter().any(|(r, _)| rules[*r].id == KIN_ELDER) {
                self.elder_called = true;
            }
            let child_kept = mine && self.elder_called;
            drop_rules(rules, &mut found, &|r| r.id == KIN_ELDER || r.id == KIN_CHILD && !child_kept);
            // His question of paying her: its words, or the fee named in a question.
            if mine && (asks_to_pay(&text) || text.contains('?') && found.iter().any(|(r, _)| rules[*r].id == "context.payout.fee")) {
                self.his_upi = Some((at, index, true));
            }
            // An intent split over the author's last few short messages ("your video" /
            // "is with me" / "everyone will see it"): read them joined, once.
            if !mine {
                self.read_split(author, at, &text, &parts, &mut found);
            }
            // A step refused or forbidden ("hu kadi video call nahi karu", "don't share your
            // number", "unga number podaadheenga": `context.refused`, tagged as an app named,
            // which is nothing alone): the advice against it, not the step. Its asks go with
            // the cue, and an app named with it; her secrecy and threats stay (round
            // fifty-eight).
            if found.iter().any(|(r, _)| rules[*r].id == "context.refused") {
                drop_tags(rules, &mut found, Tag::AppName.bit() | Tag::NumberAsk.bit() | Tag::AppMove.bit() | Tag::VcInvite.bit());
            }
            // Another person's number asked ("Amey cha WhatsApp number de na", "Plumber er
            // number din", "Tempo wale ka number bhej dena"), with no word of his own in the
            // message: the errand of a relative or a neighbour, not hers to move him off
            // Facebook. Malayalam's "sir nte number" is his own and stays an ask (round
            // sixty-seven; round sixty-three's lead).
            if !mine && has_tag(rules, &found, Tag::NumberAsk.bit()) && third_persons_number(&text) {
                drop_tags(rules, &mut found, Tag::NumberAsk.bit());
            }
            // "Who are you" is the user's question (round sixty-three): the contact's own
            // "who" one-to-one ("milk evaru vestaru?", "who is this Manjeet?") asks nothing
            // of her, unless it asks who is with him ("intlo evaru untaru?", read as
            // intimacy), her check that he is alone. In a group another member asking it
            // is the members' alarm at her, and counts.
            if !mine && !self.contact.group && !has_tag(rules, &found, Tag::Intimacy.bit()) {
                drop_rules(rules, &mut found, &|r| r.tag == Tag::WhoAreYou);
            }
            // The number asked to be sent to her alone (her inbox, a DM, "your personal
            // number"): in a group, an ask aimed at one man, not at the group, so the
            // group's counter-weight is not hers (`combine::level_for`, a secrecy cue).
            // One-to-one every ask is to her alone: no cue there; nor without the ask in
            // the message (round seventeen: 16 of the 26 group scams warned late said it,
            // 1 of 87 benign group steps once their lists are left out, a payment sent).
            if !(self.contact.group && has_tag(rules, &found, Tag::NumberAsk.bit())) {
                drop_rules(rules, &mut found, &|r| r.id.starts_with("off_platform.to_her_alone"));
            }
            // A clinic's forwarded notice ("Free consultation this week") offers nothing of
            // hers to him (round eighty-eight).
            if msg.kind == MessageKind::Forwarded {
                drop_rules(rules, &mut found, &|r| r.id.starts_with(FREE_OFFER));
            }
            // The contact paying the user ("I will pay you back", an honorarium): the
            // money in that message is theirs to give, not a demand.
            // Money the contact names right after the user gave his own UPI id, in the same
            // sitting, with no threat, is her paying him: the tenant's advance, the pupil's
            // fees ("sent 2500"). The chain's payee is the contact: she gives her UPI id.
            // Neither with a threat in the message: "I sent your video to your son" and a
            // sum is the threat and its price (a payout word is no shield for it).
            let threatened = has_tag(rules, &found, Tag::Threat.bit() | Tag::Countdown.bit() | Tag::Impostor.bit() | Tag::OrElse.bit());
            // So is her sum right after his own question of paying ("fees kaise deni
            // hai?", "Advance gela ka?"), in the same sitting, with no threat, after her
            // call: the bill he asked for, not the call's price — unless she holds a lever
            // or asked a sum before (the victim's "how do I pay?" follows her demand).
            // Before any call it is left as it is read (round fifty-three).
            let paying = !mine
                && !threatened
                && self.his_upi.is_some_and(|(t, i, asked)| {
                    index - i <= 2
                        && same_sitting(t, i, at, index)
                        && (!asked
                            || self.chains.get(author).is_some_and(|c| c.active(at) & (Tag::Call.bit() | Tag::Money.bit()) == Tag::Call.bit() && !c.holds_lever(at)))
                });
            // A sum named as a service's fee is its bill while she holds nothing over him;
            // after her threat, impostor or a recording claimed out of nowhere it is the
            // lever's price ("delete fee 18,500"), see `Chain::holds_lever`.
            let bill = |id: &str| id != "context.payout.fee" || !self.chains.get(author).is_some_and(|c| c.holds_lever(at));
            let payout = paying || (!threatened && found.iter().any(|(r, _)| rules[*r].tag == Tag::Payout && bill(&rules[*r].id)));
            if payout {
                drop_tags(rules, &mut found, Tag::Money.bit());
            }
            // His leave asked for the recording or the post ("Is it ok if he screen records
            // the call?", "आपको ठीक है? आपकी अनुमति के बिना कुछ नहीं"): the threat's or the
            // recording's words in that message are a class's, a radio's or a trust's
            // question, not the lever — with no sum, "or else", deadline or impostor in it,
            // nothing of his named as the audience or the thing ("Is it ok if I send it to
            // your son? 😂" is the threat, mocking), and not from one who already claimed a
            // recording, an office, a sum or a threat aimed at him (issue 12, round eighteen).
            // What the two rules below drop from this message's cues (one pass over them).
            let mut dropped = 0u32;
            // Her chain's cues standing before this message (read once for the drops below).
            let prior = self.chains.get(author).map_or(0, |c| c.active(at));
            let claimed = prior & (Tag::Impostor.bit() | Tag::Recording.bit() | Tag::Money.bit()) != 0 || prior & Tag::Threat.bit() != 0 && prior & Tag::Aimed.bit() != 0;
            // So is the post of his video asked by "we", the trust's or the page's question
            // (`we_ask`, round seventy-eight: "आपका गौ पूजन वाला वीडियो हम फेसबुक पेज पर डाल
            // दें? लोग प्रेरणा लेंगे"), with no recording claimed, no move off Facebook or
            // sexual word in the message, before any call or recording of hers: the chain's
            // mock ("डाल दूँ?", "Shall I send them?") is one person's and follows the call.
            // So is her own family, group or class named as the audience (`own_circle`,
            // round seventy-five: "मैंने वीडियो रिकॉर्ड कर लिया, हमारे परिवार के ग्रुप में डाल
            // दूँ?", "my whole class is subscribing, your video might go viral now 😄"), his
            // video named or not, with nothing else of the chain in the message: no move off
            // Facebook, no sexual word (the dancer's "mari family na loko pan che, Telegram
            // par aavo ne? private ma dance video moklish" stays).
            if !mine
                && has_tag(rules, &found, Tag::Threat.bit() | Tag::Recording.bit())
                && !has_tag(rules, &found, Tag::Money.bit() | Tag::OrElse.bit() | Tag::Countdown.bit() | Tag::Impostor.bit())
                && !claimed
                && (asks_leave(&text) && !has_tag(rules, &found, Tag::Aimed.bit())
                    || own_circle(&text) && !has_tag(rules, &found, combine::OFF_PLATFORM | Tag::Sexual.bit())
                    || we_ask(&text) && !has_tag(rules, &found, combine::OFF_PLATFORM | Tag::Sexual.bit() | Tag::Recording.bit())
                        && prior & combine::LEVER == 0)
            {
                dropped |= Tag::Threat.bit() | Tag::Recording.bit();
            }
            // The news of a post's reach: a threat's words ("viral") with the count of its
            // views, likes or the people who watched ("50,000 views! viral aayiduchu 😊",
            // "40 हज़ार लोग देख चुके", "3 hajar view, viral hoye geche"), no sum, "or else",
            // deadline, impostor, recording, sexual or obscene word in it (his video may be
            // named: it is the news of it), and not from one who already claimed a recording,
            // an office, a sum or a threat aimed at him: the reach of what was posted, not
            // the lever (the chain's "views" come with the price of deleting, "before it goes
            // viral" with the recording, or his video called obscene; issue 12, round
            // forty-two). Its threat and its count read as money are dropped. So is "viral"
            // told as done with no count ("आपका वीडियो ग्रुप में वायरल हो गया"), before any
            // call of hers: after it the chain claims the same (round sixty-one).
            if !mine
                && has_tag(rules, &found, Tag::Threat.bit())
                && !has_tag(rules, &found, Tag::OrElse.bit() | Tag::Countdown.bit() | Tag::Impostor.bit() | Tag::Recording.bit() | Tag::Sexual.bit())
                && !claimed
                && (reach_news(&text) || went_viral(&text) && prior & Tag::Call.bit() == 0)
                && sum_amount(&text).is_none()
            {
                dropped |= Tag::Threat.bit() | Tag::Money.bit();
            }
            // The recording of a meeting announced for its audience ("Recording sabko
            // bhejenge", "Recording page ke YouTube channel pe bhi jayegi", "हे recording
            // university च्या YouTube वर पण टाकणार आहेत"): every threat's words hold
            // "recording" itself, and the message names no "your" or "you" of his
            // (`names_him`) and no call (`word_lists::CALL`: "कॉल वाली रिकॉर्डिंग … डाल दूँ?"
            // is the recording of her call with him), no recording claimed, no sum, "or else", deadline, impostor,
            // aim or sexual word, and she claimed no lever before: the event's recording, not
            // his (round seventy-six). The chain's recording is his ("ये रिकॉर्डिंग तुम्हारे
            // ग्रुप … में जाएगी") or comes with its price.
            if !mine
                && has_tag(rules, &found, Tag::Threat.bit())
                && !has_tag(rules, &found, Tag::Recording.bit() | Tag::Money.bit() | Tag::OrElse.bit() | Tag::Countdown.bit() | Tag::Impostor.bit() | Tag::Aimed.bit() | Tag::Sexual.bit())
                && !claimed
                && found.iter().all(|(r, m)| rules[*r].tag != Tag::Threat || { let l = m.to_ascii_lowercase(); l.contains("recording") || l.contains("रिकॉर्डिंग") })
                && !names_him(&text)
                && !names_a_call(&text)
                && sum_amount(&text).is_none()
            {
                dropped |= Tag::Threat.bit();
            }
            if dropped != 0 {
                drop_tags(rules, &mut found, dropped);
            }
            // A threat's words in the contact's own invitation to a call, with no recording,
            // no "or else", no sum and no deadline ("I take an online batch on video call,
            // share your WhatsApp"; "video call kar lo, start karke dikha do, office me hu"):
            // the words of the call she asks for. The chain's threat follows the call, over
            // its recording, or is the "or else" of the invitation itself (issue 12, round
            // eleven: w13a's yoga class and scooter buyer).
            // An invitation said as one ("video call karo", "join on video call"), not a
            // "come on video" that a threat's "post korbo" also reads as — or any invitation
            // when each threat's own "video" is only ever said as "video call" in it
            // ("રવિવારે બધા મિત્રો વીડિયો કોલ કરીએ, લિંક મોકલીશ": all the friends, video call,
            // I'll send the link): it named the call, not a clip of him (round fourteen:
            // w16b's classmates' reunion call). The chain's threat names the clip.
            // So is a call told of, with no invitation read, by one who holds nothing over
            // him yet ("Aur Sunday 11 baje AGM video call pe hogi … Recording sabko
            // bhejenge", "Dressing ho gayi, video call pe wound dikhati hoon, Dr. ne bola
            // aapko bhi dikhana"): each threat's "video" only ever said as the call's
            // (`names_the_call`), nothing of his named as the aim, no sexual word, and no
            // call, threat, recording or impostor of hers before (round eighty-one). After
            // her call the chain's "video call" is the clip of it; the impostor's "your video
            // call recording is with us" names him (aimed) or follows his office.
            let call_words = || found.iter().all(|(r, m)| rules[*r].tag != Tag::Threat || names_the_call(&text, m));
            if !mine && has_tag(rules, &found, Tag::Threat.bit())
                && !has_tag(rules, &found, Tag::Recording.bit() | Tag::OrElse.bit() | Tag::Money.bit() | Tag::Countdown.bit() | Tag::Impostor.bit())
                && bare_amount(&text).is_none()
                && if has_tag(rules, &found, Tag::VcInvite.bit()) {
                    found.iter().any(|(r, _)| rules[*r].id.starts_with("video_call.invite")) || call_words()
                } else {
                    !has_tag(rules, &found, Tag::Aimed.bit() | Tag::Sexual.bit())
                        && prior & (Tag::Call.bit() | Tag::Impostor.bit() | Tag::Recording.bit() | Tag::Threat.bit()) == 0
                        && call_words()
                }
            {
                drop_tags(rules, &mut found, Tag::Threat.bit());
            }
            // A threat's words with a recording and a call named, before any call, recording
            // or threat of hers, naming no "your" or "you" of his (`names_him`), with no sum,
            // "or else", deadline, impostor or sexual word: the plan of the call ahead and of
            // its recording's use ("aadyam oru 10 min video call, posture nokkam. call record
            // cheythu clinic physician Dr. Nair-nu ayakkum, file-il vekkan. bharya koode
            // irunnal nallath"; the reunion's "video call vazhi join cheyyum. programme full
            // record cheythu YouTube il private aayi idum"), not a claim over him (round
            // seventy-eight). The chain's recording is his ("your video", "आपने … गाया था"),
            // or follows her call.
            if !mine
                && has_tag(rules, &found, Tag::Threat.bit())
                && has_tag(rules, &found, Tag::Recording.bit())
                && !has_tag(rules, &found, Tag::OrElse.bit() | Tag::Money.bit() | Tag::Countdown.bit() | Tag::Impostor.bit() | Tag::Sexual.bit())
                && names_a_call(&text)
                && !names_him(&text)
                && bare_amount(&text).is_none()
                && prior & (Tag::Call.bit() | Tag::Recording.bit() | Tag::Threat.bit()) == 0
            {
                drop_tags(rules, &mut found, Tag::Threat.bit());
            }
            // A threat's words in her ask for his number whose audience is her own relative
            // ("share your WhatsApp number, my wife also wants to see the photos"), with no
            // recording, "or else", sum or deadline: her family looking, not his shown
            // (issue 12, round thirteen: w15a's sofa buyer). The chain's threat names his
            // family or his video. (Her "my family is here, come to Telegram, I'll send a
            // video" with no number asked still counts: w6b's dancer warned at it.)
            if !mine
                && has_tag(rules, &found, Tag::NumberAsk.bit())
                && found.iter().any(|(r, m)| rules[*r].tag == Tag::Threat && m.split('…').any(|w| own_relative(&text, w)))
                && !has_tag(rules, &found, Tag::Recording.bit() | Tag::OrElse.bit() | Tag::Money.bit() | Tag::Countdown.bit() | Tag::Impostor.bit())
                && bare_amount(&text).is_none()
            {
                drop_tags(rules, &mut found, Tag::Threat.bit());
            }
            // The recording told of before her call (round thirty-nine): her recording word
            // in a one-to-one thread before any call of hers, with no sum, "or else",
            // deadline, impostor or sexual request in the message and nothing held over him
            // yet ("video call la record panni website la podanum", "main call record kar
            // lavanga, oh saver vekh lainge", "we'd like to record the session"). The chain
            // records in secret and names the recording only after the call, as its lever.
            // Once told, her later recording named with no threat, sum, "or else",
            // deadline or impostor ("recording super aayi", "Recording saved on our
            // SharePoint") is the one she told of. Not once she courts him (`evaluate`).
            if !mine && !self.contact.group && msg.kind != MessageKind::Forwarded && records(&text) {
                let said = found.iter().fold(0, |m, (r, _)| m | rules[*r].tag.bit());
                let has = |m: u32| said & m != 0;
                let clean = !has(Tag::Money.bit() | Tag::OrElse.bit() | Tag::Countdown.bit() | Tag::Impostor.bit() | Tag::Sexual.bit());
                let held = Tag::Call.bit() | Tag::Impostor.bit() | Tag::Threat.bit() | Tag::Recording.bit() | Tag::Money.bit();
                let first = prior & held == 0;
                // A recording, a threat or his video read in the message is a claim ("your
                // recording is with us", "video record aagiduchu"), even with an invitation
                // read in it ("video call recording antha naa daggara undi").
                // His own named ("your video", "nimma") with her invitation in the message and
                // no recording or threat read is what the call is for ("a video call on your
                // teaching, we will record it"): still told (round fifty-seven).
                let plan = !has(Tag::Recording.bit() | Tag::Threat.bit()) && (!has(Tag::Aimed.bit()) || has(Tag::VcInvite.bit()));
                if clean && first && plan {
                    self.told = true;
                } else if clean && self.told && !has(Tag::Threat.bit()) && !self.groomed(at) {
                    drop_tags(rules, &mut found, Tag::Recording.bit());
                }
            }
            // A group member's ask said to everyone ("everyone put your WhatsApp number
            // here", "सभी यात्री अपना नंबर लिख दें") is the group's roll call, not an ask of
            // him: no move off Facebook, while nothing else of the chain is in the message
            // (round fifty-seven).
            // Her kiss, wink or heart eyes with her step in a group (round sixty-nine): the
            // member's flirting said with the ask or the call is hers, not the group's.
            let flirt = !mine && msg.kind != MessageKind::Forwarded && self.contact.group && bytes.has(Bytes::EMOJI) && flirting(&text);
            if !mine && self.contact.group && to_everyone(&text) && !flirt
                && !has_tag(rules, &found, Tag::Threat.bit() | Tag::Money.bit() | Tag::Recording.bit() | Tag::OrElse.bit() | Tag::Sexual.bit() | Tag::Secrecy.bit() | Tag::Flattery.bit() | Tag::Intimacy.bit())
            {
                drop_tags(rules, &mut found, Tag::NumberAsk.bit() | Tag::AppMove.bit());
            }
            // "Be alone in the room" said in the message that names the service it is for
            // (the doctor's private questions), in a conversation the user opened with his
            // own errand, is the session's privacy, not her wish to be alone with him. Not
            // from a persona the contact brought herself: the "yoga teacher" who asks him to
            // be alone for the class (issue 12, corpus w3 and w5).
            if !mine && (self.errand || self.sought) && has_tag(rules, &found, Tag::Service.bit() | Tag::IdCheck.bit()) {
                drop_rules(rules, &mut found, &alone_asked);
            }
            // "Are you alone?" in the message that calls him by a family word or names his
            // family by one ("Hi thatha!! Are you alone? Is ajji around?", "अभी अकेले हो?
            // मम्मी मंदिर गई?"): a grandchild's surprise kept from the grandmother, not her
            // wish to be alone with him (issue 12, round eleven: w13a's grandson,
            // granddaughter and daughter). Not her own relative ("my papa"). The family word
            // may come earlier in the conversation: the son's "Papa" in the morning, "you are
            // alone, so video call daily" at night (round fourteen: w16b's son in Canada).
            if !mine
                && found.iter().any(|(r, _)| alone_asked(&rules[*r]))
                && (self.context.kin_theirs() || found.iter().any(|(r, m)| rules[*r].tag == Tag::Kin && !own_relative(&text, m)))
            {
                drop_rules(rules, &mut found, &alone_asked);
            }
            if !mine && found.iter().any(|(r, _)| rules[*r].id == "context.purpose.other_person") {
                self.for_another = true;
            }
            // An app named is nothing alone; with an id or a number from the contact it
            // is "find me there" (see `contact_id`), unless an ask already says so.
            let app = has_tag(rules, &found, Tag::AppName.bit());
            if app {
                drop_tags(rules, &mut found, Tag::AppName.bit());
                if !mine && has_tag(rules, &found, Tag::NumberAsk.bit()) {
                    self.app_asked = true;
                }
                // In a group where an identity check is talked of (a life certificate, a
                // KYC), a member who asks his WhatsApp or gives hers moves it to her alone:
                // the office's helper keeps to its own channel, the group's list names no
                // app (round fifty-six, w33's planted "helpdesk volunteers"). Her ask is
                // read as `off_platform.to_her_alone` (secrecy); her number given with the
                // app name alone (`text.app_contact`, a member's "my WhatsApp is …" to
                // another) is not.
                if !mine && self.contact.group && self.context.id_check() {
                    to_her_alone(rules, &mut found);
                }
            }
            // The number asked again, or given anew after a lost or reset phone ("send your
            // number once more, the old phone is gone", "save my new WhatsApp number"): a
            // relation that had it. None of the blind sets' scams says so (issue 12, w6–w8).
            // (Read only when there is such a cue: most messages have none.)
            // Not from one who courts him, in this message or before it ("I'll keep you
            // company at lunch; your number is saved wrong, send it again"): the relation
            // that had his number does not court him to get it back (round fifty-two, w32a).
            let reask = !mine
                && (app || has_tag(rules, &found, Tag::NumberAsk.bit() | Tag::AppMove.bit() | Tag::Secrecy.bit()))
                && !has_tag(rules, &found, Tag::Intimacy.bit())
                && !self.chains.get(author).is_some_and(|c| c.courted(at))
                && re_asked(&text);
            if reask {
                drop_tags(rules, &mut found, Tag::NumberAsk.bit() | Tag::AppMove.bit() | Tag::Secrecy.bit());
            }
            let own_app = !reask && app && !mine && !matches!(msg.kind, MessageKind::Forwarded | MessageKind::Link)
                && !has_tag(rules, &found, Tag::NumberAsk.bit() | Tag::AppMove.bit() | Tag::Secrecy.bit());
            // Her id, her number, or a link or QR code to her there ("Telegram e add koro
            // amay, link dilam"; "scan this QR, add me in that app"), in this message or
            // as her next one (a link or the QR image) in the same sitting.
            let link_after_app = !mine && !own_app
                && self.app_named.is_some_and(|(a, t, i)| a == author && index - i <= 2 && same_sitting(t, i, at, index))
                && (msg.kind == MessageKind::Link || msg.text.as_deref().is_some_and(link_or_qr));
            let app_id = if own_app {
                contact_id(&text).or_else(|| msg.text.as_deref().filter(|t| link_or_qr(t)).map(|_| "link".to_string()))
            } else if link_after_app {
                Some("link".to_string())
            } else {
                None
            };
            if own_app {
                self.app_named = Some((author, at, index));
            }
            if !mine && !payout && !matches!(msg.kind, MessageKind::Forwarded | MessageKind::Link) && !has_tag(rules, &found, Tag::Money.bit()) {
                if let Some(a) = sum_amount(&text) {
                    let threat = has_tag(rules, &found, Tag::Threat.bit() | Tag::Countdown.bit() | Tag::Impostor.bit())
                        && !has_tag(rules, &found, Tag::Caution.bit());
                    let cue = if threat { THREAT_AMOUNT } else { AMOUNT };
                    // Her bare sum answering a price he named himself within the day, at it
                    // or a little under it (his "quintal 21,000 kavali" → "20,500 ki fix",
                    // the buyer's "16,500 final" after his 18,000), while nothing is held
                    // over him — no threat, "or else", recording, impostor or sexual request
                    // of hers, in this message or before — and no sum of hers before: the
                    // bargain, not a demand. The chain's sum after his "I paid 10,000" is
                    // more than his, its "15k now" after his rent of 22000 far under it, and
                    // its "5000 से क्या होगा" after his "5000 भेज सकता हूँ" follows her own
                    // demand (round seventy-two).
                    let held = combine::THREAT_OR_LEVER;
                    let answers_his_sum = cue == AMOUNT
                        && !has_tag(rules, &found, held)
                        && self.his_sum.is_some_and(|(t, i, his)| {
                            let near = amount_value(&a).is_some_and(|v| v <= his && v * 4 >= his * 3);
                            near && match (t, at) {
                                (Some(t), Some(now)) => now - t <= time::DAY,
                                _ => index - i <= SITTING_MESSAGES,
                            }
                        })
                        && !self.chains.get(author).is_some_and(|c| c.active(at) & (held | Tag::Money.bit()) != 0);
                    if !answers_his_sum {
                        self.events.push(Event { index: Some(index), at, author, mine, cue, matched: a });
                    }
                }
            }
            if mine {
                if let Some(v) = bare_amount(&text).as_deref().and_then(amount_value) {
                    self.his_sum = Some((at, index, v));
                }
            }
            // A forward, or a message that talks about scams (a warning, the news),
            // is not the contact's own ask or threat: only its context cues count.
            // Not from a contact who already claimed to be the police, a court or a
            // "YouTube manager" against him: the impostor's "we caught the gang", "your
            // name will be in the newspaper" are the threat going on, not advice.
            // A warning word alone ("gang", "fraud", the news) said with his own video
            // named ("your objectionable video came to us; we are catching that gang") is
            // the impostor's claim, not a warning: advice says what to do ("if anyone
            // asks", "don't pay", "call 1930"), the news names no video of his (issue 12,
            // round eleven: w13a's "Delhi cyber officer").
            let advice_said = || found.iter().any(|(r, _)| rules[*r].tag == Tag::Caution && rules[*r].id != "context.caution");
            let his_video = || has_tag(rules, &found, Tag::Aimed.bit());
            let caution = !mine
                && ((has_tag(rules, &found, Tag::Caution.bit()) && (advice_said() || !his_video())) || self.narrates_chain(author, at, &found))
                && !self.chains.get(author).is_some_and(|c| {
                    // Nor a caution word with no advice ("fraud? 😂") from one who demanded
                    // money of him with its lever and his video or audience named: it mocks
                    // his word (round fifty-four, w7b); a nephew's story of another man's case
                    // names neither, and "if anyone threatens you, call 1930" is advice.
                    let a = c.active(at);
                    // Nor her "report it, sir" said with her own "or else" after her call
                    // with him ("तक्रार करा सर, पण … ₹३५,००० टाका, नाहीतर …"): a dare, not
                    // advice (round sixty-three).
                    let dare = !self.contact.group && c.has_call(at) && has_tag(rules, &found, Tag::OrElse.bit());
                    dare || a & Tag::Impostor.bit() != 0
                        || (!advice_said() && a & (Tag::Money.bit() | Tag::Aimed.bit()) == Tag::Money.bit() | Tag::Aimed.bit() && a & (Tag::Threat.bit() | Tag::OrElse.bit() | Tag::Recording.bit()) != 0)
                });
            // A long text (a club's contest notice, a pasted story or essay) is a broadcast,
            // read like a forward: the blind sets' longest scam line has 54 words.
            // Words of two letters or more: padding of single letters or emoji is no notice.
            // (Eighty such words take more than 240 bytes: shorter texts are not counted.)
            // Counted in a loop that stops past the bound (not a `filter().nth()`).
            let mut long_words = 0;
            if text.len() > 3 * BROADCAST_WORDS {
                for w in text.split_whitespace() {
                    // Two letters: a loop that stops at the second (size round 45: no
                    // `Filter::nth` and its `advance_by` of their own).
                    let mut letters = 0;
                    for c in w.chars() {
                        if c.is_alphabetic() {
                            letters += 1;
                            if letters == 2 {
                                break;
                            }
                        }
                    }
                    if letters == 2 {
                        long_words += 1;
                        if long_words > BROADCAST_WORDS {
                            break;
                        }
                    }
                }
            }
            let broadcast = long_words > BROADCAST_WORDS;
            // In a group, a member's line right after the link she shared, in the same
            // sitting, is her comment on it ("see, they took 6 lakh from a retired
            // engineer: video call, then pay or viral"): read like the forward it goes with,
            // unless it names his video or his family ("this is your video, pay").
            let comment = !mine
                && self.contact.group
                && self.shared_link.is_some_and(|(a, t, i)| a == author && index == i + 1 && same_sitting(t, i, at, index))
                && !has_tag(rules, &found, Tag::Aimed.bit());
            if !mine && self.contact.group && msg.kind == MessageKind::Link {
                self.shared_link = Some((author, at, index));
            }
            let quoted = msg.kind == MessageKind::Forwarded || caution || broadcast || comment || (!mine && self.advising(author, at, index));
            // In a group, a member's own number, id or link given there with the app's
            // name ("doubts? my WhatsApp: 98765 …", "I'll post the link on Sunday") is
            // said before every member: the group's notice board, not her move to him
            // alone — while she does not court him (round sixty: w34's farmers' and
            // housing society groups; a planted member courts him and asks his number).
            let posted = self.contact.group
                && !has_tag(rules, &found, Tag::Intimacy.bit() | Tag::Flattery.bit() | Tag::Affection.bit())
                && !self.chains.get(author).is_some_and(|c| c.courted(at));
            if let Some(id) = app_id.filter(|_| !quoted && !posted) {
                self.events.push(Event { index: Some(index), at, author, mine, cue: APP_CONTACT, matched: id });
            }
            // Her office's landline, to check her at or to call the desk (round seventy-one).
            if !mine && !quoted && msg.text.as_deref().is_some_and(landline) {
                self.events.push(Event { index: Some(index), at, author, mine, cue: LANDLINE, matched: "landline".to_string() });
            }
            // Courting shown without words: the contact's own hearts, kisses, flowers
            // (tests/tuning/README.md, round ten, measured them before use). Not from the
            // user, nor in a forward or a quoted passage, nor in a group (a 🌹 to everyone).
            // Nor in the message that calls him by a family word ("Happy Birthday पापा 🎂❤️"):
            // the family's heart (issue 12, round eleven: w13a's daughter abroad).
            if !mine && !quoted && (!self.contact.group || (flirt && has_tag(rules, &found, combine::OFF_PLATFORM | combine::VIDEO_CALL))) && bytes.has(Bytes::EMOJI) && !self.chains.get(author).is_some_and(|c| c.has_lever(at))
                && !found.iter().any(|(r, m)| rules[*r].tag == Tag::Kin && !own_relative(&text, m))
            {
                if let Some(e) = affectionate(&text) {
                    if self.fond_at.is_none() && self.first_step.is_none() && !has_tag(rules, &found, Tag::Greeting.bit()) {
                        self.fond_at = Some(index);
                    }
                    self.events.push(Event { index: Some(index), at, author, mine, cue: AFFECTION, matched: e.to_string() });
                }
            }
            if caution {
                self.advice.retain(|a| a.0 != author);
                self.advice.push((author, at, index));
                retold = self.unsay_sitting(author, at, index);
                start -= retold; // only earlier messages' cues were taken back
            }
            // A threat or demand said laughing (😂, "haha") by family, or by anyone not a
            // stranger before any call: teasing ("your dance video will go viral 😂", "that
            // will cost you a Dairy Milk 😂"; a grandson's "I have your video 😈" of the
            // wedding dance, with no call, is no recording of one). After a call, or an
            // invitation to one, it is the lever's threat whatever the emoji.
            let laugh = !mine && bytes.has(Bytes::LAUGH) && laughing(&text);
            let (s_now, levered) = if laugh {
                (self.suspicion(at), self.chains.get(author).is_some_and(|c| c.pushed(at)))
            } else {
                (0, true)
            };
            // From anyone but family, not when the same message claims his video and names
            // a sum ("तुमचा video माझ्याकडे आहे. १५,००० पाठवा नाहीतर … 😂"): the chain's
            // demand, laughing (round fifteen: w17a's poetry-group member).
            let extorting = laugh && has_tag(rules, &found, Tag::Recording.bit()) && has_tag(rules, &found, Tag::Money.bit());
            // In a group its shared trust is no kinship (round fifty-four): a member's sum
            // with its lever in one message — a threat or an "or else" — and his video or
            // his audience named or a recording of him claimed, laughing, is the chain's
            // demand in front of his friends ("aapki recording hamare paas hai 😂 25,000
            // bhejo warna …"), not a classmate's tease ("jisne paisa nahi bheja uski
            // recording group me chala dunga 😜" names no one: a tease still).
            let demanding = laugh
                && self.contact.group
                && has_tag(rules, &found, Tag::Money.bit())
                && has_tag(rules, &found, Tag::Threat.bit() | Tag::OrElse.bit() | Tag::Recording.bit())
                && has_tag(rules, &found, Tag::Aimed.bit() | Tag::Recording.bit());
            let teasing = |tag: Tag| {
                laugh
                    && !demanding
                    && match tag {
                        Tag::Threat | Tag::Countdown => s_now <= TRUSTED || (!levered && !extorting && s_now < STRANGER),
                        Tag::Money => s_now <= TRUSTED,
                        _ => false,
                    }
            };
            for (r, matched) in found {
                let tag = rules[r].tag;
                if teasing(tag) {
                    continue;
                }
                // "My papa is also from Anand", "आप मेरे पापा की उम्र के हो": the
                // contact's own relative, not a kinship with the user.
                if tag == Tag::Kin && !mine && own_relative(&text, &matched) {
                    continue;
                }
                // The user took the step off Facebook first ("send your WhatsApp number, my
                // son will pay online"): her number after it answers his ask.
                if mine && self.first_step.is_none() && tag.bit() & combine::OFF_PLATFORM != 0 {
                    self.first_step = Some((at, self.sent[1], false));
                }
                // His own invitation to a video call, before any invitation or call of hers,
                // one-to-one ("haan dikhao, abhi video call kar lo" to the farmer's son who
                // would show the field): his initiative, weighed as a call he placed (`rang`).
                if mine && tag == Tag::VcInvite && !self.contact.group && !self.any_active(at, combine::VIDEO_CALL) {
                    self.rang = true;
                }
                let keep = if mine { tag.said_by_user() } else { !quoted || !tag.is_ask_or_threat() };
                if keep {
                    self.events.push(Event { index: Some(index), at, author, mine, cue: Cue::Rule(r), matched });
                }
            }
            self.parts = parts;
        }
        // Who the two are comes before what one of them asks in the same message ("video
        // call, your wife too" / "the clinic's video consultation").
        let engine = self.engine;
        // A bare amount comes last: it is a demand when the same message says "your
        // video is with me".
        let context_first = |e: &Event| match e.cue {
            Cue::Rule(r) => !engine.rules()[r].tag.is_context() as u8,
            AMOUNT => 2,
            Cue::Kind(..) => 1,
        };
        // A stable sort by that key: (key, position) pairs sorted, then the events moved
        // into that order (pairs of usize are the one slice type the engine sorts: each
        // type sorted is another copy of the sort in the module, docs/performance.md "Size").
        // Most messages add at most one event, or events already in that order: nothing to move.
        if !self.events[start..].windows(2).all(|w| context_first(&w[0]) <= context_first(&w[1])) {
            let mut order: Vec<(usize, usize)> = Vec::new();
            for (i, e) in self.events[start..].iter().enumerate() {
                order.push((context_first(e) as usize, i));
            }
            order.sort_unstable();
            // Popped from the end (`moved` holds them last first), not drained: no `drain`
            // and its drop guard for events in the module (docs/performance.md "Size,
            // round 44").
            let n = self.events.len() - start;
            let mut moved: Vec<Option<Event>> = Vec::with_capacity(n);
            while self.events.len() > start {
                moved.push(self.events.pop());
            }
            for (_, i) in order {
                if let Some(e) = moved[n - 1 - i].take() {
                    self.events.push(e);
                }
            }
        }
        if retold > 0 {
            // Cues said earlier in this sitting were taken back: judge again without them.
            self.replay();
        } else {
            for i in start..self.events.len() {
                self.apply(i);
            }
            self.evaluate(at, Some(index));
        }
        self.refresh_profile();
        &self.assessment
    }

    /// Whether `author`'s burst, with this message's cues (`found`), tells the whole chain
    /// at once (the nephew in the cyber cell: "first they ask your WhatsApp, then a video
    /// call, then they record it and say pay or it goes to your family"): the move off
    /// Facebook, the video call and the threat or recording in one burst of messages that
    /// each name two stages or more, with no call of theirs before it. A scammer takes
    /// these steps one at a time, the call between them; someone explaining the scam
    /// names them together. The burst is then a
    /// message about the scam, as advice is.
    fn narrates_chain(&mut self, author: usize, at: Option<i64>, found: &[(usize, String)]) -> bool {
        let rules = self.engine.rules();
        let mut mask = 0u8;
        for (r, _) in found {
            let rule = &rules[*r];
            if rule.tag.is_ask_or_threat() && !rule.tag.qualifies_only() {
                mask |= 1 << (rule.stage as u8);
            }
        }
        let Some(b) = self.burst.as_mut().filter(|b| b.0 == author) else { return false };
        // Only messages that each name two stages or more: "give me your WhatsApp, video
        // call me" then "your video is with me, pay" are the chain's own steps.
        if mask.count_ones() >= 2 {
            b.3 |= mask;
            b.4 = b.4.saturating_add(1);
        }
        let all = (1u8 << Stage::OffPlatform as u8) | (1 << Stage::VideoCall as u8) | (1 << Stage::Extortion as u8);
        // In a one-to-one chat, two such messages at least: one message that asks for his
        // number, invites a call and threatens him ("send me your WhatsApp number, I will
        // video call you, pay 5000 or your video goes viral") is the demand itself, not an
        // account of it. Said to a whole group, one message is enough: it is told to all.
        b.3 & all == all && (b.4 >= 2 || self.contact.group) && !self.chains.get(author).is_some_and(|c| c.has_call(at))
    }

    /// Whether `author` passed on advice about the scam in the same sitting as a
    /// message at (`at`, `index`): within `combine::TOGETHER` when both times are known,
    /// else within a few messages.
    fn advising(&self, author: usize, at: Option<i64>, index: usize) -> bool {
        self.advice.iter().any(|&(a, t, i)| a == author && same_sitting(t, i, at, index))
    }

    /// Takes back the asks, threats and demands `author` made earlier in the sitting of
    /// the advice at (`at`, `index`) ("they record it, then say pay or the video goes
    /// viral" … "if anyone threatens you, call 1930"): the advice says what they were.
    /// Returns how many were taken back (the chains must then be rebuilt).
    fn unsay_sitting(&mut self, author: usize, at: Option<i64>, index: usize) -> usize {
        let rules = self.engine.rules();
        let before = self.events.len();
        self.events.retain(|e| {
            let tag = match e.cue {
                Cue::Rule(r) => rules[r].tag,
                Cue::Kind(_, _, t) => t,
            };
            let retold = !e.mine && e.author == author && tag.is_ask_or_threat() && tag != Tag::Call
                && e.index.is_some_and(|i| i < index && same_sitting(e.at, i, at, index));
            !retold
        });
        before - self.events.len()
    }

    /// Completes rules whose groups are spread over the author's recent short messages
    /// (no second scan: each message's partly matched rules are kept, as group bits).
    /// Rules completed so are added to `found`. Then remembers this message's parts.
    fn read_split(&mut self, author: usize, at: Option<i64>, text: &str, whole: &[Part], found: &mut Vec<(usize, String)>) {
        let pos = match self.previous.iter().position(|p| p.0 == author) {
            Some(p) => p,
            None => {
                self.previous.push((author, Vec::new()));
                self.previous.len() - 1
            }
        };
        let engine = self.engine;
        // Only threats and demands are read across messages (their three parts often
        // come as three lines): a video word in one line and "now" in another is no
        // invitation, and "whatsapp" in one and "please" in the next no ask.
        let splittable = |r: usize| {
            matches!(engine.rules()[r].tag, Tag::Threat | Tag::Countdown | Tag::Money | Tag::Recording | Tag::Impostor | Tag::Aimed | Tag::OrElse)
        };
        let recent = &mut self.previous[pos].1;
        recent.retain(|(t, _)| match (t, at) {
            (Some(t), Some(now)) => now - t <= SPLIT_SECONDS,
            _ => true,
        });
        if text.len() > SHORT && text.chars().count() > SHORT {
            recent.clear();
            return;
        }
        let wide = text.len() > SHORT;
        // A call this line tells of and does not ask for ("main online video call te
        // sikhaundi haan", "sagle video call var bhetnar ahot": no invitation read in it)
        // is the call, not a clip (`names_the_call`): the line is read without the word
        // before each call word, both when it completes an earlier line ("… account
        // ഗ്രൂപ്പിൽ ഇടും" then "ഗ്രൂപ്പിൽ ഞായറാഴ്ച എല്ലാവരും ചേർന്ന് വീഡിയോ കോൾ ഉണ്ട്": the
        // group's call, no clip posted; round seventy-eight) and when it is remembered, so a
        // later line's "bhej dungi" or "Facebook var" does not join its "video" into a
        // threat (round sixty-seven). Her invitation's line is read whole, as before.
        let rescanned;
        let parts: &[Part] = match without_call_words(text).filter(|_| !found.iter().any(|(r, _)| engine.rules()[*r].tag == Tag::VcInvite)) {
            Some(t) => {
                let mut v = Vec::new();
                engine.scan_parts(&t, &mut v);
                rescanned = v;
                &rescanned
            }
            None => whole,
        };
        // Completing: read so only when the line does not also move him off Facebook (w21a
        // scam hinglish_03's "apna WhatsApp do, wahan documents … bhejo. Video call pe plot
        // bhi dekh lungi" after "family ke liye" is warned at her ask by that join, her
        // listing holding the ask itself at a notice).
        let moves = found.iter().any(|(r, _)| engine.rules()[*r].tag.bit() & combine::OFF_PLATFORM != 0);
        // Across messages only words that are not ambiguous short forms count ("do",
        // "min" complete nothing there: see `matcher::Part::strong`), and this message
        // must bring a group the earlier ones lacked.
        for p in if moves { whole } else { parts } {
            if !splittable(p.rule) || (wide && engine.rules()[p.rule].tag != Tag::Impostor) {
                continue;
            }
            let mut before = 0u8;
            for (_, earlier) in recent.iter() {
                for q in earlier.iter().filter(|q| q.rule == p.rule) {
                    before |= q.strong;
                }
            }
            // Nothing from the earlier lines: this message alone was scanned already, and
            // a veto (`unless`) it carries holds ("you can screen record it").
            if before == 0 || p.strong & !before == 0 {
                continue;
            }
            let mask = before | p.strong;
            let complete = mask.count_ones() as usize == engine.group_count(p.rule);
            if complete && !found.iter().any(|f| f.0 == p.rule) {
                found.push((p.rule, text.trim().to_string()));
            }
        }
        if recent.len() == SPLIT_MESSAGES {
            recent.remove(0);
        }
        let mut kept: Vec<Part> = Vec::new();
        for &p in parts {
            if splittable(p.rule) {
                kept.push(p);
            }
        }
        recent.push((at, kept));
    }

    /// Facts to persist for this contact (no message text).
    pub fn facts(&self) -> ContactFacts {
        let c = &self.contact;
        // The stages seen, in stage order, by a loop (an `enumerate().filter().map()`
        // collected was an adapter of its own in the content module).
        let mut stages = Vec::new();
        for (i, s) in self.stats.iter().enumerate() {
            if s.count > 0 {
                stages.push(StageFact { stage: Stage::ALL[i], first_at: s.first_at.map(Timestamp::from_unix), rules: s.rules.clone(), count: s.count });
            }
        }
        ContactFacts {
            version: FACTS_VERSION,
            first_seen: self.first_time.map(Timestamp::from_unix).or(self.prior.first_seen),
            friend_status: match c.friend_status {
                FriendStatus::Unknown => self.prior.friend_status,
                s => Some(s),
            },
            friends_since: c.friends_since,
            mutual_friends: c.mutual_friends,
            friend_count: c.friend_count,
            joined: c.joined.clone(),
            stages,
            messages_seen: self.prior.messages_seen.saturating_add(self.pushed as u32),
            last_activity: self.last_time.map(Timestamp::from_unix).or(self.prior.last_activity),
            earliest_message: self.first_time.map(Timestamp::from_unix).or(self.prior.earliest_message),
            conversation_start: self.conversation_start().map(Timestamp::from_unix),
            contact_first_seen: self.contact.first_seen.or(self.prior.contact_first_seen),
        }
    }

    /// When the conversation began, when known: the page shows its start (its first
    /// message is then the first ever), or it was remembered.
    fn conversation_start(&self) -> Option<i64> {
        let given = self.given_start;
        let visible = if self.contact.start_visible { self.opener.and_then(|o| o.0) } else { None };
        earlier(given, visible)
    }

    /// How suspicious the contact is at time `at`: the profile, then what the
    /// conversation itself says (its age, who opened it, the user asking who this is,
    /// kinship or a listing or a class), see `combine::Context`.
    fn suspicion(&self, at: Option<i64>) -> i32 {
        let outlived = self.pretext_outlived();
        self.suspicion_with(at, self.groomed(at) || outlived, self.flattered(at) || outlived)
    }

    /// `suspicion`, with its courted and flattered readings (each or `pretext_outlived`)
    /// given: `evaluate` works them out once for both.
    fn suspicion_with(&self, at: Option<i64>, courted: bool, flattered: bool) -> i32 {
        let day = at.map(|t| t.div_euclid(time::DAY) * time::DAY);
        let profile = match self.profile_score.get() {
            Some((d, p)) if d == day => p,
            _ => {
                let p = if self.contact.group { 0 } else { contact_signals::score(&contact_signals::signals(&self.contact, day)) };
                self.profile_score.set(Some((day, p)));
                p
            }
        };
        let start = self.conversation_start();
        let opened_by_them = self.contact.start_visible && matches!(self.opener, Some((_, Sender::Them)));
        let history = match (at, earlier(self.first_time, start)) {
            (Some(now), Some(first)) => Some((now - first) / time::DAY),
            _ => None,
        };
        let new_conversation = match (at, start) {
            (Some(now), Some(s)) => (now - s) / time::DAY <= 30,
            _ => false,
        };
        let two_way = match (self.two_way_since, at) {
            (Some(Some(since)), Some(now)) => now >= since,
            (Some(_), _) => true,
            (None, _) => false,
        };
        // The user wrote the first message ever (the thread's start is on the page), to
        // ask something of this contact (the physio Dr Joshi referred him to, his cousin
        // the lawyer, his mamaji in the police): he sought them out. No scam of the blind
        // sets (442) opens with the victim's message; the chain's contact opens it (issue 12).
        let sought = !self.contact.group && self.sought;
        profile + self.context.score(self.contact.group, history, two_way, new_conversation, opened_by_them, courted, flattered)
            + if sought { combine::SOUGHT_BY_USER } else { 0 }
    }

    /// Whether the pretext said in the conversation (a listing, a clinic, a class,
    /// matrimony, a circle: `combine::Context::counter_weight`) had outlived its business
    /// when the contact took her first step off Facebook or towards a call: she took it a
    /// day or more after the first message known, after the user had answered her twice
    /// or more. A buyer, a clinic, a bureau asks his number or calls in the sitting its
    /// business begins (of 285 benign one-to-one threads of tests/corpus and tests/tuning
    /// with a counter-weight in force at the first step, 6 came a day or later; of 33
    /// scams, 15: the chain's "buyer" or "patient" talks with him for days first, the
    /// pretext borrowed). A service's reminders, one-way, and her number given after he
    /// asked for hers first, are no such step. Then the counter-weight counts for nothing
    /// (README "How it decides"). Not in a group: a member's time there says nothing of
    /// her errand with him.
    /// Nor does it count when her first step came after she had sent him hearts or
    /// kisses (`fond_first`; not a greeting's flower): the chain courts first and asks
    /// second; a buyer or a clinic does not send hearts before its ask (round sixteen:
    /// of the one-to-one threads with a counter-weight at her first step, her hearts
    /// stood with a step in 11 of 29 late scams and 8 of 368 benign; built as here, 7
    /// scams of 6 sets warned at the ask and 1 benign at a warning, a former pupil's 😍).
    /// Nor once her first invitation or call came at night (`night_call`, 21:00 to
    /// 06:00 where it was written): a buyer, a clinic, a class or a circle calls in the
    /// day; the chain's "patient's daughter" or "reporter" calls when he is alone at
    /// home (round twenty: of the one-to-one threads with a counter-weight or a purpose
    /// in force at her first invitation or call, 3 of 238 benign had it at night, all
    /// of them family the user calls so himself, and 11 of 24 scams warned late).
    /// So once her first step of all, her ask off Facebook too, came at night (round
    /// thirty-four: of the one-to-one asks held below a warning, 8 of 53 late scams' and
    /// 3 of 387 benign threads' came at night, those 3 from family abroad, suspicion -4
    /// to -7, which no pretext holds).
    /// Nor when his household on the call (`context.family_on_call*`: "aunty can hold the
    /// phone", "both families") was named after the first day, within a day before her first
    /// step (round seventy-three: the audiologist's and the match's father's call days into
    /// the thread, w33b ta_01, w25a en_04): that is the call's own sitting, no pretext
    /// outlived; the chain wants him alone.
    /// The day's delay does not void it when the user had said that a third person told
    /// him of her (`vouched`, round forty-nine): the helpline his son registered him with,
    /// the service his daughter engaged, call weekly and ask his number weeks later; the
    /// chain's "friend of your nephew" is her claim, which no one told him of.
    fn pretext_outlived(&self) -> bool {
        let first = earlier(self.first_time, self.conversation_start());
        match (self.first_step, first) {
            _ if self.free_offer && !self.vouched => true,
            (Some((_, _, true)), _) if self.fond_first && !self.contact.group => true,
            (Some((_, _, true)), _) if self.night_call == Some(true) || self.night_first => true,
            (Some((Some(step), replies, true)), Some(first)) => {
                !self.contact.group && !self.vouched && step - first >= PRETEXT_SITTING && replies >= PRETEXT_REPLIES && !self.weight_at.is_some_and(|w| step - w < PRETEXT_SITTING && w - first >= PRETEXT_SITTING)
            }
            _ => false,
        }
    }

    /// Whether any author's chain holds one of `tags` (`Tag::bit`s) among its cues active
    /// at `at`: one loop for the tracker's questions of this shape.
    fn any_active(&self, at: Option<i64>, tags: u32) -> bool {
        self.chains.iter().any(|c| c.active(at) & tags != 0)
    }

    /// Whether any author flattered the user, asked him personal questions or got
    /// intimate (still in the window at `at`): a persona's counter-weight then counts
    /// for nothing (`combine::Context::counter_weight`).
    fn groomed(&self, at: Option<i64>) -> bool {
        self.chains.iter().any(|c| c.courted(at))
    }

    /// Whether any author flattered the user or sent him affection (hearts, kisses)
    /// still in the window at `at` (`combine::Context::counter_weight`).
    fn flattered(&self, at: Option<i64>) -> bool {
        self.any_active(at, Tag::Flattery.bit() | Tag::Affection.bit())
    }

    /// Rebuilds everything derived from the events (after a profile change).
    fn replay(&mut self) {
        self.chains.clear();
        self.context = Context::default();
        self.weight_at = None;
        self.free_offer = false;
        self.courted_beyond_alone = false;
        self.warned = false;
        self.seen_rules.clear();
        self.profile_evidence = 0;
        self.profile_day = None;
        self.assessment = Assessment::default();
        self.stats = Default::default();
        for sf in &self.prior.stages {
            let st = &mut self.stats[sf.stage as usize];
            st.count = st.count.saturating_add(sf.count);
            st.first_at = sf.first_at.map(Timestamp::unix);
        }
        for i in 0..self.events.len() {
            self.apply(i);
            let (at, index) = (self.events[i].at, self.events[i].index);
            self.evaluate(at, index);
        }
        self.evaluate(self.last_time, self.pushed.checked_sub(1));
        self.refresh_profile();
    }

    fn apply(&mut self, i: usize) {
        let engine = self.engine;
        let (id, stage, tag): (&str, Stage, Tag) = match self.events[i].cue {
            Cue::Rule(r) => {
                let rule = &engine.rules()[r];
                (&rule.id, rule.stage, rule.tag)
            }
            Cue::Kind(k, s, t) => (k, s, t),
        };
        let (at, author, mine, index) = (self.events[i].at, self.events[i].author, self.events[i].mine, self.events[i].index);
        // The user's word that a third person told him of the contact (round
        // thirty-eight, `context.circle.vouched`) is his own, and only before her first
        // step: from her it is the chain's own claim ("Ankit told me about you"), after
        // her step his refusal ("my son told me such calls are a fraud"). So, gated the
        // same, is his own count of the years since he saw her or his "how could I
        // forget" (round ninety-eight, `context.circle.vouched.years`, `.memory`).
        if !mine && tag.bit() & combine::SAID_GROOMING != 0 && id != ALONE_ASKED {
            self.courted_beyond_alone = true;
        }
        // Her own session, class or advice offered free, unasked (round eighty-eight:
        // "पहला सेशन मुफ़्त", "বিনামূল্যে অনলাইনে দেখি", "Free online session tharen"): the
        // chain's pretext, not a counter-weight of its own; a clinic or a class he engaged
        // names its fee. Only hers, one-to-one, before or with her first step and before
        // any call, recording, threat or sum (a class's "first trial free" after the ask is
        // its terms); not in a forward (`push`).
        if id.starts_with(FREE_OFFER) {
            if !mine && !self.contact.group && !self.any_active(at, combine::LEVER) && self.first_step.map_or(true, |(t, ..)| t == at) {
                self.free_offer = true;
            }
            return;
        }
        // His years since he saw her, his "how could I forget" (`.years`, `.memory`) weigh
        // as a circle she named would: for nothing once she courts him (the chain's
        // "classmate" who is "alone now too"), and not past a pretext outlived.
        let years = id.starts_with(VOUCHED) && id.len() > VOUCHED.len();
        if id.starts_with(VOUCHED) {
            if !mine || self.any_active(at, STEPS) {
                return;
            }
            self.vouched |= !years;
        }
        if tag.is_context() {
            // A counter-weight said after the contact already placed or asked for a call
            // does not excuse what follows ("your video, in your son's office group").
            // The user's own kinship word in his answer to an invitation ("Yes mone,
            // call" to a grandson's "can you do a video call?") is who they are: only
            // once the contact placed the call, claimed a recording, threatened or asked
            // money is it late (a plea, "beta, please delete it").
            let late = if mine && matches!(tag, Tag::Kin | Tag::SharedLife) {
                self.any_active(at, combine::PAST_INVITATION)
            } else {
                tag != Tag::WhoAreYou && self.any_active(at, combine::LEVER)
            };
            if !late {
                // His shared life answering her "are you alone?" and nothing else of
                // courting is no answer to a stranger's courting (round sixty-eight).
                let answering = mine && self.any_active(at, combine::SAID_GROOMING) && (tag != Tag::SharedLife || self.courted_beyond_alone);
                self.context.add(tag, mine && !years, answering);
                if id.starts_with(FAMILY_ON_CALL) && at.is_some() {
                    self.weight_at = at;
                }
            }
        } else if !mine {
            if self.chains.len() <= author {
                let fresh = if self.contact.group { Chain::member() } else { Chain::default() };
                self.chains.resize(author + 1, fresh);
            }
            if self.contact.group && author > 0 {
                self.chains[author].since = self.author_since.get(author - 1).copied().flatten();
            }
            // In a group, the members who pile on after one member's call with him ("settle
            // with the girl, otherwise the panchayat", "15k ayakku, illenkil parish grp il"):
            // their threat, demand or "or else" is her chain's too, while she is a member
            // new to the group who turned to him and holds a call, an invitation or a
            // recording (round forty-seven: the planted groups of w28 and older sets).
            if tag == Tag::Call {
                let s = self.suspicion(at);
                if !combine::call_counts(&self.chains[author], at, s) {
                    return; // a call with a trusted or unremarkable contact
                }
            }
            let pile = self.contact.group && tag.bit() & PILE_ON != 0 && !self.chains.get(author).is_some_and(|c| c.courting_member(at));
            // A number is a demand only once there is a call or a recording (its author's,
            // or in a group the one it piles onto).
            let amount_only = self.events[i].cue == AMOUNT && !self.chains[author].has_lever(at);
            for k in 0..self.chains.len() {
                let onto = pile && k != author && self.chains[k].courting_member(at) && self.chains[k].has_lever(at);
                if onto || (k == author && !amount_only) {
                    self.chains[k].see(tag, at, index.map_or(0, |i| i as u32 + 1));
                }
            }
            if amount_only {
                return;
            }
            if self.first_step.is_none() && tag.bit() & combine::STEP != 0 {
                self.first_step = Some((at, self.sent[1], true));
                self.fond_first = self.fond_at.is_some_and(|f| index.is_some_and(|i| f < i));
                self.night_first = self.night_now && !self.contact.group;
            }
            if self.night_call.is_none() && tag.bit() & combine::VIDEO_CALL != 0 {
                self.night_call = Some((self.night_now || index.is_some_and(|i| self.night_named.contains(&i))) && !self.contact.group);
            }
            if !tag.qualifies_only() {
                // "your video" alone is no step: only a threat it goes with is.
                self.assessment.stage = self.assessment.stage.max(stage);
            }
        }
        let ev = &self.events[i];
        if ev.index.is_some() && !tag.is_context() && !tag.qualifies_only() {
            let st = &mut self.stats[stage as usize];
            st.count = st.count.saturating_add(1);
            if st.first_at.is_none() || (ev.at.is_some() && ev.at < st.first_at && st.count == 1) {
                st.first_at = ev.at;
            }
            if !st.rules.iter().any(|r| r == id) {
                st.rules.push(id.to_string());
            }
        }
        let key = match self.events[i].cue {
            Cue::Rule(r) => r,
            Cue::Kind(k, ..) => usize::MAX - k.len(), // the kind ids differ in length
        };
        let first_of_rule = !self.seen_rules.contains(&key);
        if first_of_rule {
            self.seen_rules.push(key);
        }
        // "Aimed at the user" only qualifies a threat: it is never a reason of its own, so
        // the banner never quotes it ("if you're alone, video call me" is no extortion).
        if !tag.qualifies_only()
            && (first_of_rule || (stage >= Stage::OffPlatform && ev.index.is_some()))
            && self.assessment.evidence.len() < MAX_EVIDENCE + self.profile_evidence
        {
            let e = Evidence { message: ev.index, stage, rule: id.to_string(), matched: ev.matched.clone() };
            self.assessment.evidence.push(e);
        }
    }

    fn evaluate(&mut self, at: Option<i64>, index: Option<usize>) {
        let at = at.or(self.last_time);
        let groomed = self.groomed(at);
        let outlived = self.pretext_outlived();
        let flattered = self.flattered(at);
        let s = self.suspicion_with(at, groomed || outlived, flattered || outlived);
        if s >= STRANGER {
            self.assessment.stage = self.assessment.stage.max(Stage::Contact);
        }
        // A conversation the user opened with his own errand is a service or a relation
        // he engaged, as his fee question is (README "How it decides").
        let sought = self.sought && !self.contact.group && !self.context.asked_who();
        // The first row loaded is his errand but the page does not show it is the
        // thread's start: it weighs like a persona the contact keeps to (her number ask
        // or call for it is a notice, her fee after the call a fee), and for nothing once
        // she courts him (flattery, personal questions, intimacy) — what a clinic, a
        // bureau or a buyer never does. It never lowers suspicion: a longer thread seen
        // from its middle may hide her opening (issue 12; no scam of the tuning sets or
        // the corpus opens with the user's message, 55 benign do).
        let errand = self.errand && !self.contact.group && !self.context.asked_who() && !groomed;
        // An identity check on video (a bank's video KYC, a pension's life certificate)
        // named before the call is a service while it stays on the institution's own
        // channel: a bank never asks his WhatsApp for it (the corpus's loan officer asks
        // it, then "be alone for the KYC call"), nor flatters him.
        // His phone number asked for the institution's own call or visit ("send your mobile
        // number and locality here, the volunteer will phone") keeps to its channel; his
        // WhatsApp asked, a move to an app or its secrecy does not.
        let moved = Tag::AppMove.bit() | Tag::Secrecy.bit() | if self.app_asked { Tag::NumberAsk.bit() } else { 0 };
        let checked = self.context.id_check()
            && !groomed
            && !self.context.asked_who()
            && !self.any_active(at, moved);
        // A bill or fee the contact asked before any step of the chain (see
        // `Chain::billed_first`) is a business he pays: its WhatsApp ask for the receipt
        // or its call is a notice, while it does not court him.
        let billed = !groomed && !self.contact.group && !self.context.asked_who() && self.chains.iter().any(|c| c.billed_first(at));
        // A call he placed himself before hers or her invitation (none of the 930 scams of
        // tests/corpus and tests/tuning has one; 61 benign do): like his errand, for
        // nothing once she courts him.
        let rang = self.rang && !self.contact.group && !self.context.asked_who() && !groomed;
        // The recording told before her call (see `push`) holds while she does not court
        // him and the pretext has not outlived its business, as a counter-weight does.
        let told = self.told && !groomed && !outlived && !self.contact.group;
        let weighted = sought || errand || rang || checked || billed || self.context.counter_weight(groomed || outlived, flattered || outlived);
        // What the talk is for, named by either side (a repair, a family occasion, a
        // rite, his treatment): her bare ask or call for it is a notice (`level_for`).
        // Her invitation or call at night voids it too, as it voids a counter-weight
        // (`pretext_outlived`): what the talk is for is done in the day. A call she placed
        // as an appointment kept (see `appointment`) is bare like a call for a purpose
        // named: a notice while nothing of the chain comes with it (not at night either).
        // Her first step at night, the ask too (round thirty-four), the same.
        let night = self.night_call == Some(true) || self.night_first;
        let talk = !self.contact.group && self.kept == Some(true) && !night;
        // The recording she told of before her call (`told`, round thirty-nine) names what
        // her call is for (the interview, the channel's programme): her bare invitation
        // and call are a notice too, never her demand, threat or recording (round forty-four;
        // the impostor's "video statement" is read as an impostor first, and voids it).
        let purpose = !self.contact.group && (self.context.purpose(groomed || night || self.free_offer && !self.vouched) || talk || (told && !night));
        // A friend request (accepted or pending) from an account that shares no friend
        // with him, then her ask for his WhatsApp or a move to an app: her persona (the
        // coach, the buyer, the claim officer, the patient's daughter) holds no notice. A
        // real one writes without befriending him, or through people he knows (issue 12,
        // round ninety: 26 scams of tuning late at the ask, no benign, 6 benign threads
        // with such a profile in all).
        let unvouched = !self.contact.group
            && matches!(self.contact.friend_status, FriendStatus::Friends | FriendStatus::RequestReceived)
            && self.contact.mutual_friends == Some(0)
            && (self.any_active(at, Tag::AppMove.bit()) || (self.app_asked && self.any_active(at, Tag::NumberAsk.bit())));
        // The ask for another person who will talk or join (her husband, his son) keeps
        // its purpose (round thirty-one).
        let (weighted, purpose) = (weighted && !unvouched, purpose && !(unvouched && !self.for_another));
        // A threat's words after her call that was a talk (every call of hers an
        // appointment kept or a long one, not at night), from someone below zero
        // suspicion, with no demand and nothing else of the chain (no sexual request,
        // impostor, "or else", countdown, secrecy or courting): the family's or the
        // circle's news of that talk ("recording group me daal di"), a notice until a
        // demand comes; threat and demand together stay danger (round twenty-five).
        let held = Tag::Money.bit() | Tag::Sexual.bit() | Tag::Impostor.bit() | Tag::OrElse.bit() | Tag::Countdown.bit() | Tag::Secrecy.bit() | combine::STRONG_GROOMING;
        // After the recording she told of (see `push`), her call was a service's session
        // (the interview, the survey, the walkthrough): what follows it is judged as with
        // a counter-weight standing — the bill after the call a bill, the post of the
        // recording ("unga video 50,000 views! viral") its news — a warning at most while
        // nothing else of the chain came (no sexual request, impostor, countdown or
        // secrecy). The threat with the demand, or the recording then money, is danger
        // with a counter-weight too (`combine::judge`); her courting voids `told` as it
        // voids a counter-weight. Only at danger: the ask and the call are judged as
        // before (round thirty-nine).
        let told_held = Tag::Sexual.bit() | Tag::Impostor.bit() | Tag::Countdown.bit() | Tag::Secrecy.bit();
        let bill_or_news = |c: &Chain| {
            let a = c.active(at);
            a & told_held == 0 && (a & Tag::Money.bit() == 0 || a & (Tag::Threat.bit() | Tag::Recording.bit()) == 0)
        };
        let news = |c: &Chain| talk && s < 0 && c.active(at) & held == 0 && c.active(at) & (Tag::Threat.bit() | Tag::Recording.bit()) != 0;
        // The highest of the chains' levels, by a loop (a mapped `max` was a `Map::fold`
        // of its own in the content module).
        let mut level = None;
        for c in &self.chains {
            let l = match combine::level_for(c, at, s, weighted, purpose, self.tuning) {
                Level::Warning if news(c) => Level::Notice,
                // After the recording she told of: a threat's words with no demand are the
                // post she told of, a warning until a demand comes; a sum with no threat and
                // no recording is her bill, as with a counter-weight standing (round
                // thirty-nine). A sum with a recording or a threat stays danger.
                Level::Danger if told && bill_or_news(c) => Level::Warning,
                l => l,
            };
            level = Some(level.map_or(l, |m: Level| m.max(l)));
        }
        let level = level.unwrap_or_else(|| combine::level_for(&Chain::default(), at, s, weighted, purpose, self.tuning));
        if level > self.assessment.level {
            self.assessment.level = level;
        }
        if level >= Level::Warning && !self.warned {
            self.warned = true;
            self.assessment.first_warning_at = index;
        }
    }

    /// Keeps the profile evidence (first in the list) in step with the latest time.
    fn refresh_profile(&mut self) {
        let day = self.last_time.map(|t| t.div_euclid(time::DAY));
        if self.profile_day == Some(day) {
            return;
        }
        self.profile_day = Some(day);
        let signals = contact_signals::signals(&self.contact, day.map(|d| d * time::DAY));
        let mut fresh: Vec<Evidence> = Vec::with_capacity(signals.len());
        for s in signals {
            fresh.push(Evidence { message: None, stage: Stage::Contact, rule: s.rule.to_string(), matched: s.matched });
        }
        if self.assessment.evidence[..self.profile_evidence] != fresh[..] {
            // The fresh evidence, then the rest after the old profile's: a `split_off`
            // and an `append`, not `splice` (its `Splice` drop and the drain's helpers
            // in the content module; docs/performance.md "Size, round 44").
            let n = fresh.len();
            let mut rest = self.assessment.evidence.split_off(self.profile_evidence);
            fresh.append(&mut rest);
            self.assessment.evidence = fresh;
            self.profile_evidence = n;
        }
    }
}
