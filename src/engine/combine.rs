//! Combination: how far along the chain one author is, from the cues they sent within
//! the window (in order), and how suspicious the contact is at that moment. A single
//! word never warns: a warning needs the sequence with a new or unknown contact.
//! README "How it decides" walks through an example.

use super::assessment::Level;
use super::contact_signals::{STRANGER, TRUSTED};
use super::rules::Tag;
use super::time::DAY;
use serde::{Deserialize, Serialize};

/// The engine's tuning, from the user's settings (named apart from `state::settings::Settings`).
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Tuning {
    /// Warn one stage earlier.
    #[serde(default)]
    pub cautious: bool,
}

/// A cue counts for this long after it was last seen: the chain moves over days or
/// weeks, not over years (a "pay" in 2021 and a "video" in 2023 are not one chain).
pub const WINDOW: i64 = 30 * DAY;

const fn bits(tags: &[Tag]) -> u32 {
    let mut b = 0;
    let mut i = 0;
    while i < tags.len() {
        b |= 1 << (tags[i] as u32);
        i += 1;
    }
    b
}

const GROOMING: u32 = bits(&[Tag::Greeting, Tag::Forward, Tag::Flattery, Tag::Personal, Tag::Intimacy, Tag::Affection]);
/// Courting: flattery, personal questions, intimacy, and affection shown in emoji.
pub const STRONG_GROOMING: u32 = bits(&[Tag::Flattery, Tag::Personal, Tag::Intimacy, Tag::Affection]);
/// Courting said in words: what the user's own words can answer.
pub const SAID_GROOMING: u32 = bits(&[Tag::Flattery, Tag::Personal, Tag::Intimacy]);
pub const OFF_PLATFORM: u32 = bits(&[Tag::NumberAsk, Tag::AppMove, Tag::Secrecy]);
pub const VIDEO_CALL: u32 = bits(&[Tag::VcInvite, Tag::Sexual, Tag::Call]);
/// The contact's step that a counter-weight excuses (her move off Facebook, her
/// invitation or call): see `Tracker::pretext_outlived`.
pub const STEP: u32 = OFF_PLATFORM | VIDEO_CALL;
/// What makes a later threat or demand extortion: a call, or a recording of one.
pub const LEVER: u32 = bits(&[Tag::VcInvite, Tag::Sexual, Tag::Call, Tag::Recording]);


const THREAT: u32 = bits(&[Tag::Threat, Tag::Countdown, Tag::Impostor]);
/// What holds something over him: a threat, a countdown, an impostor, an "or else", a
/// recording or a sexual request (round seventy-two: her sum answering his own is a
/// bargain only without them).
pub const THREAT_OR_LEVER: u32 = bits(&[Tag::Threat, Tag::Countdown, Tag::Impostor, Tag::OrElse, Tag::Recording, Tag::Sexual]);
/// What aims a threat at the user: his own video or family named with it, the claim
/// of a recording (of him), or an impostor's "case against you" (its rule needs the "you").
/// The demand's "or else" aims a threat said with it too (but names nothing of his).
const AIMED: u32 = bits(&[Tag::Aimed, Tag::Recording, Tag::Impostor, Tag::OrElse]);
/// What ties a money demand with no threat to him: his own video, photos or family
/// named, or the recording claimed — said with the demand (issue 12: a bank's "your
/// Video KYC was successful" on Monday and its EMI reminder on Friday are not one
/// demand; "I'll forget otherwise" names nothing of his).
const HIS: u32 = bits(&[Tag::Aimed, Tag::Recording]);
const DEMAND: u32 = bits(&[Tag::Money]);
/// Past inviting a call: a call placed, something sexual asked, a recording claimed, a
/// threat or money asked.
pub const PAST_INVITATION: u32 = (LEVER & !bits(&[Tag::VcInvite])) | THREAT | DEMAND;

/// Shared history this long (days), written by both sides, makes a known friend.
pub const TWO_WAY_DAYS: i64 = 90;
/// Messages each side must have written for the history to be two-way.
pub const TWO_WAY_MESSAGES: u32 = 20;

/// A threat and a money demand make one explicit demand ("pay or I send it") only
/// when they come together (issue 12): from a trusted contact in one message or one
/// sitting of the same author's messages (an impostor's "case against you" and, after
/// the victim's plea, "deposit 51,000": 18 minutes), this close in time or in message
/// order; from anyone else within `TOGETHER` (an hour).
pub const TOGETHER_SECONDS: i64 = 30 * 60;
const TOGETHER_MESSAGES: u32 = 4;
/// Who the two are, said in the conversation: each lowers suspicion (README "How it decides").
const COUNTER_WEIGHTS: u32 = bits(&[Tag::Listing, Tag::Matrimony, Tag::Service, Tag::Circle, Tag::FeeAsk]);
/// What the user opening the conversation himself takes off suspicion: he sought the
/// contact out (a service, a relative). Not trust: a friendly "hello" after accepting a
/// stranger's request is also a first message.
pub const SOUGHT_BY_USER: i32 = -2;
/// What kinship only the contact typed takes off suspicion.
const KIN_THEIRS_ONLY: i32 = -1;
/// The widest gap at which a threat and a demand (or a threat and what aims it at the
/// user) still count as said together, in seconds.
pub const TOGETHER: i64 = 60 * 60;

/// One author's cues: for each tag, when it was last seen and the order (message
/// number + 1; 0 for remembered cues) it was first and last seen in; and, when a
/// threat and a demand came together, the closest gap between them (seconds; 0 when
/// close in message order without times) and when they last did.
#[derive(Clone, Debug, Default)]
pub struct Chain {
    seen: u32,
    last_at: [Option<i64>; 32],
    first_order: [u32; 32],
    last_order: [u32; 32],
    together: Option<(i64, Option<i64>)>,
    /// A member of a group chat: a call in the group is the group's, not one with him.
    pub in_group: bool,
    /// A group member: when they were first seen writing in the group, if known.
    pub since: Option<i64>,
}

impl Chain {
    /// The chain of a member of a group chat (see `in_group`).
    pub fn member() -> Chain {
        Chain { in_group: true, ..Chain::default() }
    }

    pub fn see(&mut self, tag: Tag, at: Option<i64>, order: u32) {
        let t = tag as usize;
        let other = if THREAT & tag.bit() != 0 {
            DEMAND
        } else if tag == Tag::Money {
            THREAT
        } else {
            0
        };
        if let Some(gap) = self.gap_to(other, at, order) {
            self.together = Some(match self.together {
                Some((g, when)) => (g.min(gap), match (when, at) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => b.or(a),
                }),
                None => (gap, at),
            });
        }
        if self.seen & tag.bit() == 0 {
            self.first_order[t] = order;
        }
        self.seen |= tag.bit();
        self.last_order[t] = self.last_order[t].max(order);
        self.last_at[t] = match (self.last_at[t], at) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => b.or(a),
        };
    }

    /// The closest gap between (`at`, `order`) and a tag in `other` seen before: in
    /// seconds when both times are known (at most TOGETHER), else 0 when within
    /// TOGETHER_MESSAGES messages (remembered cues, order 0, pair with each other only).
    fn gap_to(&self, other: u32, at: Option<i64>, order: u32) -> Option<i64> {
        let mut best = None;
        let mut rest = self.seen & other;
        while rest != 0 {
            let t = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            let gap = match (self.last_at[t], at) {
                (Some(a), Some(b)) => Some((b - a).abs()).filter(|g| *g <= TOGETHER),
                _ => (self.last_order[t].abs_diff(order) <= TOGETHER_MESSAGES && (order == 0) == (self.last_order[t] == 0)).then_some(0),
            };
            best = match (best, gap) {
                (Some(b), Some(g)) => Some(g.min(b)),
                (b, g) => b.or(g),
            };
        }
        best
    }

    /// Whether a threat came with a money demand (see `see`) at most `within` seconds
    /// apart, still in the window at `now`.
    fn threat_with_demand(&self, now: Option<i64>, within: i64) -> bool {
        match (self.together, now) {
            (Some((gap, _)), _) if gap > within => false,
            (Some((_, Some(t))), Some(now)) => now - t <= WINDOW,
            (Some(_), _) => true,
            (None, _) => false,
        }
    }

    /// The tags still in the window at time `now` (all of them without times).
    pub fn active(&self, now: Option<i64>) -> u32 {
        let Some(now) = now else { return self.seen };
        let mut b = 0;
        let mut rest = self.seen;
        while rest != 0 {
            let t = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            if self.last_at[t].is_none_or(|a| now - a <= WINDOW) {
                b |= 1 << t;
            }
        }
        b
    }

    /// Whether the contact courted the user (two of flattery, personal questions and
    /// intimacy, or intimacy itself) among the active cues: what a clinic, a class or a
    /// colleague does not do, however its persona is named.
    pub fn courted(&self, now: Option<i64>) -> bool {
        let t = self.active(now);
        (t & STRONG_GROOMING).count_ones() >= 2 || t & Tag::Intimacy.bit() != 0
    }

    /// Whether the contact flattered the user or sent affection (hearts, kisses) among
    /// the active cues.
    pub fn flattered(&self, now: Option<i64>) -> bool {
        self.active(now) & (Tag::Flattery.bit() | Tag::Affection.bit()) != 0
    }

    /// Whether a call the contact placed is among the active cues.
    pub fn has_call(&self, now: Option<i64>) -> bool {
        self.active(now) & Tag::Call.bit() != 0
    }

    /// Whether a call, an invitation to one or a sexual request is among the active
    /// cues: a recording claimed with none of them is of no call with him.
    pub fn has_call_cue(&self, now: Option<i64>) -> bool {
        self.active(now) & VIDEO_CALL != 0
    }

    /// Whether the contact has pushed the chain past talk (among the active cues): a
    /// call or an invitation to one, the move off Facebook, or courting (`courted`). A
    /// laugh then excuses no threat (issue 12: "your v1de0 is with me 😂, 30000").
    pub fn pushed(&self, now: Option<i64>) -> bool {
        self.has_call_cue(now) || self.active(now) & OFF_PLATFORM != 0 || self.courted(now)
    }

    /// Whether the contact asked money before any step of the chain (a call, an
    /// invitation, a sexual request, the move off Facebook) or with it in one message,
    /// with no threat or recording at all and his video not named before it, among the
    /// active cues: a bill or a fee (the dairy's month, the studio's
    /// balance, the clinic's fee, the temple's receipt). The chain's demand follows
    /// the call and its lever; an impostor names his video or a case first (issue 12,
    /// the tuning sets' studios, dairy and clinic against their impostors' demands).
    pub fn billed_first(&self, now: Option<i64>) -> bool {
        let tags = self.active(now);
        tags & DEMAND != 0 && tags & (THREAT | Tag::Recording.bit()) == 0 && self.before(DEMAND & tags, (OFF_PLATFORM | VIDEO_CALL) & tags) && self.strictly_before(DEMAND & tags, Tag::Aimed.bit() & tags)
    }

    /// Whether the contact holds something over him among the active cues: a threat, an
    /// impostor, an "or else", or a recording claimed with no call or invitation of hers
    /// before it (the "cyber cell" that opens with "your video is with us"). Then a sum
    /// named as a fee is the price of that lever ("delete fee 18,500"), not a service's
    /// bill (issue 12, round thirteen).
    pub fn holds_lever(&self, now: Option<i64>) -> bool {
        let tags = self.active(now);
        tags & (THREAT | Tag::OrElse.bit()) != 0 || (tags & Tag::Recording.bit() != 0 && !self.strictly_before(VIDEO_CALL & tags, Tag::Recording.bit()))
    }

    /// A member new to a group (first seen within the window) who turned to one man:
    /// courted him (flattery, personal questions, intimacy) or gave secrecy as her
    /// reason, or both asked his number and invited a call — what a group's business
    /// never needs — and took a step (the move off Facebook, a call or an invitation).
    /// Asking his number and inviting a video call, both, is that turn too: the group's
    /// business needs one or the other (the list of numbers, the practice on video),
    /// never a member's own number ask and call with one man (issue 12, w6–w8 groups).
    pub fn courting_member(&self, now: Option<i64>) -> bool {
        let tags = self.active(now);
        let new_member = match (self.since, now) {
            (Some(since), Some(now)) => now - since <= WINDOW,
            _ => true,
        };
        let turned = tags & (STRONG_GROOMING | Tag::Secrecy.bit()) != 0 || (tags & OFF_PLATFORM != 0 && tags & (Tag::VcInvite.bit() | Tag::Sexual.bit()) != 0);
        self.in_group && new_member && turned && tags & (OFF_PLATFORM | VIDEO_CALL) != 0
    }

    /// Whether a call, an invitation to one or a recording is among the active cues.
    pub fn has_lever(&self, now: Option<i64>) -> bool {
        self.active(now) & LEVER != 0
    }

    /// Whether a tag in `a` and a tag in `b` were last seen within `within` seconds of
    /// each other (always, when either has no time): a threat and a demand said
    /// together, not one in the morning's joke and the other in the evening's.
    fn together(&self, a: u32, b: u32, within: i64) -> bool {
        let times = |m: u32| {
            let mut rest = self.seen & m;
            let mut out = Vec::new();
            while rest != 0 {
                let t = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                out.push(self.last_at[t]);
            }
            out
        };
        let (ta, tb) = (times(a), times(b));
        ta.iter().any(|x| tb.iter().any(|y| match (x, y) {
            (Some(x), Some(y)) => (x - y).abs() <= within,
            _ => true,
        }))
    }

    /// Whether a tag in `lever` was first seen in an earlier message than the first tag
    /// in `after` (remembered cues, order 0, count as earlier).
    fn strictly_before(&self, lever: u32, after: u32) -> bool {
        let (l, a) = (self.first_of(lever), self.first_of(after));
        l != u32::MAX && (l < a || l == 0)
    }

    fn first_of(&self, m: u32) -> u32 {
        let mut best = u32::MAX;
        let mut rest = self.seen & m;
        while rest != 0 {
            let t = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            best = best.min(self.first_order[t]);
        }
        best
    }

    /// Whether a tag in `m` was last seen no earlier than the first tag in `after`.
    fn last_not_before(&self, m: u32, after: u32) -> bool {
        let mut last = 0;
        let mut rest = self.seen & m;
        while rest != 0 {
            let t = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            last = last.max(self.last_order[t]);
        }
        let a = self.first_of(after);
        a != u32::MAX && (last >= a || last == 0)
    }

    /// Whether a tag in `lever` was first seen no later than the first tag in `after`.
    fn before(&self, lever: u32, after: u32) -> bool {
        let l = self.first_of(lever);
        l != u32::MAX && l <= self.first_of(after)
    }
}

/// What the conversation itself says about who this is: counter-weights seen from
/// either side (kinship, a listed item, matrimony, a clinic or class, a family or
/// alumni group) and the user asking who the contact is.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context {
    seen: u32,
    /// The cues the user said himself (a counter-weight or kinship only the contact
    /// typed is no relationship: a stranger's "like my papa", "I teach yoga").
    mine: u32,
    /// The cues the contact said.
    theirs: u32,
}

impl Context {
    /// `answering`: the user says it after the contact's personal questions or
    /// flattery. The user's answer to "what do you do?" ("retired, I was in LIC") is
    /// not something the two do together: only "who are you" counts from it.
    pub fn add(&mut self, tag: Tag, mine: bool, answering: bool) {
        if !(mine && answering) || tag == Tag::WhoAreYou {
            self.seen |= tag.bit();
            // The user echoing the persona the contact named first ("he was in LIC" / "I
            // knew one Venkatesh in LIC") is not a service he engaged; asking its fee is.
            let echo = mine && tag != Tag::FeeAsk && COUNTER_WEIGHTS & tag.bit() != 0 && self.theirs & tag.bit() != 0;
            if mine && !echo {
                self.mine |= tag.bit();
            } else if !mine {
                self.theirs |= tag.bit();
            }
        }
    }

    /// Whether a counter-weight that says what the two are doing together (a listed
    /// item, matrimony, a clinic or class, a circle) was said before any call, and the
    /// user did not have to ask who the contact is. Kinship only lowers suspicion: its
    /// short words ("nanna", "mummy") are also a stranger's "my" and her own mother.
    /// `groomed`: the contact flattered him, asked personal questions or got intimate.
    /// A counter-weight only the contact typed ("I am a yoga teacher", "our alumni
    /// group", "my clinic") together with that is a persona, not a service: a clinic
    /// does not tell him he is handsome (issue 12). It counts when the user said one
    /// too (he asked for the class, named the clinic), or when the contact kept to it.
    /// `flattered`: the contact flattered him or sent him kisses and hearts (see
    /// `Chain::flattered`): then his own word of the trade she came for counts for
    /// nothing either.
    pub fn counter_weight(&self, groomed: bool, flattered: bool) -> bool {
        self.weight_counts(groomed, flattered) && self.seen & Tag::WhoAreYou.bit() == 0
    }

    /// Whether an identity check on video (video KYC, life certificate) was named.
    pub fn id_check(&self) -> bool {
        self.seen & Tag::IdCheck.bit() != 0
    }

    /// Whether a purpose was named (`Tag::Purpose`: a repair, a family occasion, a rite,
    /// his treatment, a work's papers, a thing found, a lesson), by either side, while
    /// the contact did not court him and the user did not have to ask who she is.
    pub fn purpose(&self, groomed: bool) -> bool {
        !groomed && self.seen & Tag::Purpose.bit() != 0 && !self.asked_who()
    }

    /// Whether the contact called him by a family word (not her own relative's).
    pub fn kin_theirs(&self) -> bool {
        self.theirs & Tag::Kin.bit() != 0
    }

    /// Whether the user had to ask who the contact is.
    pub fn asked_who(&self) -> bool {
        self.seen & Tag::WhoAreYou.bit() != 0
    }

    /// Round fifty-nine (issue 12): a service or a match only the contact typed (a
    /// patient, a client, a clinic's staff, an astrologer's assistant: no word of it his)
    /// counts for nothing once she flattered him or sent kisses, as his own word of it
    /// does not (`flattered`): no patient or client courts the man she consults. A circle
    /// she names (classmates, a group) keeps its weight, members and old friends
    /// compliment each other; so does a listing, whose buyer praises the item's photos
    /// (round sixteen: only her courting voids it).
    fn weight_counts(&self, groomed: bool, flattered: bool) -> bool {
        (self.mine & COUNTER_WEIGHTS != 0 && !flattered) || (!groomed && self.seen & COUNTER_WEIGHTS != 0 && (self.mine & COUNTER_WEIGHTS != 0 || !flattered || self.seen & (Tag::Circle.bit() | Tag::Listing.bit()) != 0))
    }

    /// The suspicion this context adds (negative lowers it). `history_days`: how long
    /// the two have been writing (from the earliest message known); `two_way`: both
    /// have written many messages (a real exchange, not one side's stream);
    /// `new_conversation`: the conversation's start is known and recent;
    /// `opened_by_them`: they wrote first.
    /// `groomed`: see `counter_weight`.
    pub fn score(&self, group: bool, history_days: Option<i64>, two_way: bool, new_conversation: bool, opened_by_them: bool, groomed: bool, flattered: bool) -> i32 {
        let has = |t: Tag| self.seen & t.bit() != 0;
        let mut s = 0;
        // Kinship is trust when the user says it too ("beta", "papa" both ways); typed
        // only by the contact ("like my papa", "my son") it lowers suspicion a little,
        // never to trust: a stranger types what he likes (issue 12).
        // The user's own words of a life shared with the contact ("the house is quiet
        // without you"), said before she courted him (`add`'s `answering`), are kinship's
        // trust too; typed by the contact they are nothing (a stranger's "miss you").
        if self.mine & (Tag::Kin.bit() | Tag::SharedLife.bit()) != 0 {
            s -= 4;
        } else if has(Tag::Kin) {
            s += KIN_THEIRS_ONLY;
        }
        // What the two do together lowers suspicion when the user says it too; a
        // persona only the contact claims ("I am a doctor", "our clinic") lowers it a
        // little, never towards trust (issue 12: anyone types a persona).
        // His own word of the trade a stranger came to him for ("prescription", "blood
        // test", "our clinic") answers her pretext when she flatters him or sends kisses:
        // no patient or buyer does (issue 12, round fifteen: w17's pharmacists, doctor).
        if self.mine & COUNTER_WEIGHTS != 0 && !flattered {
            s -= 3;
        } else if self.weight_counts(groomed, flattered) {
            s += KIN_THEIRS_ONLY;
        }
        if group {
            s -= 2;
        }
        if has(Tag::WhoAreYou) {
            s += 2;
        }
        if new_conversation {
            s += 1;
        }
        if opened_by_them {
            s += 1;
        }
        // Months of two-way chat are a friendship (issue 12 item 2): the sextortion
        // chain runs over days or weeks, its "friend" never has months of replies.
        match history_days {
            Some(d) if d >= 365 => s -= 4,
            Some(d) if d >= TWO_WAY_DAYS && two_way && !group => s -= 4,
            Some(d) if d >= 120 => s -= 2,
            _ => {}
        }
        s
    }
}

/// Whether a call the contact placed counts as the video-call stage: only with a
/// contact who is not trusted and who is either suspicious or already pushing the chain.
pub fn call_counts(chain: &Chain, at: Option<i64>, suspicion: i32) -> bool {
    suspicion > TRUSTED && (suspicion >= 0 || chain.active(at) & (OFF_PLATFORM | STRONG_GROOMING) != 0)
}

/// The level one author's chain implies at time `now` with a contact of suspicion `s`;
/// `weighted`: a counter-weight was said in the conversation before any call.
pub fn level(chain: &Chain, now: Option<i64>, s: i32, weighted: bool, tuning: Tuning) -> Level {
    level_for(chain, now, s, weighted, false, tuning)
}

/// `level`, with `purpose`: what the talk is for was named (`Context::purpose`). It
/// keeps a bare move off Facebook or call at a notice, as a counter-weight does, but
/// excuses nothing else: not a threat, a demand, a recording, a sexual request, secrecy
/// or courting — a scammer also says "for a job" (tests/tuning/README.md, round twelve).
pub fn level_for(chain: &Chain, now: Option<i64>, s: i32, weighted: bool, purpose: bool, tuning: Tuning) -> Level {
    let level = judge(chain, now, s, weighted, purpose, tuning);
    // Danger with no demand, while a counter-weight said before any call stands (a
    // class, a circle, a service), needs the threat to name his video or his family:
    // a threat's words aimed at nothing of his, with no recording of him claimed with
    // them (the mushaira's "the recording … is going viral 😄" about his ghazal) are
    // the circle's or the service's talk, a warning until a demand comes (issue 12,
    // round eighteen; the YouTube "manager" naming "your video" with his fee stays
    // danger, and so does a recording after the call, see `judge`).
    let tags = chain.active(now);
    if level == Level::Danger && weighted && tags & Tag::Money.bit() == 0 && tags & THREAT != 0 && !chain.together(THREAT & tags, HIS & tags, TOGETHER) {
        return Level::Warning;
    }
    level
}

fn judge(chain: &Chain, now: Option<i64>, s: i32, weighted: bool, purpose: bool, tuning: Tuning) -> Level {
    let tags = chain.active(now);
    // In a group each member is their own contact (issue 12): the group's shared trust
    // is not hers when she courts one member (flattery, personal questions, intimacy)
    // and asks him for his number or a call — what a group's business never needs.
    // Nor is a counter-weight of the group's ("our group", "the society") hers then.
    // Only a member new to the group (first seen within the window): an admin of years
    // who praises a talk and asks for numbers is the group's own.
    let courting_member = chain.courting_member(now);
    let has = |m: u32| tags & m != 0;
    let cautious = tuning.cautious;
    // Courting said in words; with the contact's affection in emoji (hearts, kisses,
    // flowers) it judges her step off Facebook or towards a call: alone, a "Good morning
    // ji 🌹" is a greeting's garnish, no warning (tests/tuning/README.md, round ten).
    let said = (tags & SAID_GROOMING).count_ones() + if cautious { has(GROOMING) as u32 } else { 0 };
    let strong = said + has(Tag::Affection.bit()) as u32;
    let threat = has(THREAT);
    let money = has(Tag::Money.bit());
    let off = has(OFF_PLATFORM);
    let vc = has(VIDEO_CALL);
    let sexual = has(Tag::Sexual.bit());
    let recording = has(Tag::Recording.bit());
    // Money asked only before the call or the recording (the priest's dakshina before
    // the pooja he then records for the son's family, the tutor's fee) is the bill, not
    // the price of the recording: the chain's demand follows the call and its lever or
    // comes with it. Without a call or a recording any demand is one (the impostor's).
    let after_call = Tag::Call.bit() | Tag::Recording.bit();
    let demand = money && (tags & after_call == 0 || chain.last_not_before(DEMAND & tags, after_call & tags));
    // Such a member is her own contact at the chain's end too (issue 12, round
    // twenty-six): her invitation or call was with him, not the group's, so her
    // recording, threat or demand is judged as a new contact's, without the group's
    // trust or its counter-weights (tuning: group scams under danger on that trust).
    // Only after her invitation or call: the bill before it stays the group's (a
    // reunion's organiser collecting the hall's share, then the planning call).
    let end = THREAT | Tag::Money.bit() | Tag::Recording.bit();
    let own = courting_member && has(end) && chain.before(LEVER & tags, end & tags);
    let (s, weighted) = if own { (s.max(0), false) } else { (s, weighted) };
    let stranger = s >= if cautious { STRANGER - 1 } else { STRANGER };
    let trusted = s <= TRUSTED;
    // A threat or demand counts as extortion after (or with) a call or a recording.
    let levered = has(LEVER) && chain.before(LEVER & tags, (THREAT | Tag::Money.bit()) & tags);
    // The threat is aimed at the user (issue 12): it names his own video or his
    // family, or follows a call or recording with him (the video is of that call). A
    // threat word about a wedding video, a song or the news is not aimed at him.
    // In a group chat the call or invitation may be the group's (a choir's practice on
    // video, "everyone join"): there the threat must name him or his family itself.
    // In a group the threat must name his video or his family itself: a demand's "or
    // else" said to everyone, a police complaint about the society's CCTV video or a
    // recording of the group's own call aim at no one (issue 12, w7 and w8).
    let aims = if chain.in_group { Tag::Aimed.bit() } else { AIMED };
    let aimed = threat && ((levered && (!chain.in_group || own)) || chain.together(THREAT & tags, aims & tags, TOGETHER));

    // An explicit threat (or a "police" impostor) aimed at the user with a money demand,
    // together: from anyone, even family or an old friend (a hacked account). From a
    // trusted contact only within one sitting; from anyone else within the hour: a
    // threat-like line in the morning's joke and a money word in the evening's are not
    // one demand.
    if aimed && demand && chain.threat_with_demand(now, if trusted { TOGETHER_SECONDS } else { TOGETHER }) {
        return Level::Danger;
    }
    // In a group, one member's demand with its "or else" and his video or family named,
    // in one message (the same minute): "10000 ayakku illenkil KSEB retired group ilum
    // family kkum pokum", "20,000 pathan, na hole … apnar para … video ta debo" — the
    // threat aimed at him whatever verb carries it (issue 12, round twenty-six: the
    // threat's verb in a form no rule has). Not one-to-one: there a grandson's "आपका
    // वीडियो … 500 दो" prank and a studio's "GPay, or else cash at the shop" with "your
    // WhatsApp" in the same minute read the same, and the chain's call names it already.
    if chain.in_group && demand && chain.together(Tag::OrElse.bit() & tags, Tag::Money.bit() & tags, 0) && chain.together(Tag::Aimed.bit() & tags, Tag::Money.bit() & tags, 0) {
        return Level::Danger;
    }
    if trusted {
        // Family and old friends: jokes about videos and payments are their business.
        // A group member courting one man asks for herself, not for the group.
        if courting_member && !threat && !money {
            return Level::Warning;
        }
        return if threat { Level::Notice } else { Level::None };
    }
    // "I recorded you" after a call, then money: extortion whatever persona the contact
    // put on before (a "yoga teacher", a "tutor"): a fee never comes with a recording.
    // The call must come in an earlier message: a recording named in the same breath as
    // the call is someone telling how the scam goes ("she calls on video, then screen
    // records it"), issue 12 (w7).
    // The demand follows the recording (or comes with it): money asked only before it
    // (the priest's dakshina before the pooja he then records for the son's family) is
    // the bill, not the recording's price.
    if recording && money && chain.strictly_before(VIDEO_CALL & tags, Tag::Recording.bit()) && demand {
        return Level::Danger;
    }

    // With a counter-weight in the conversation (a clinic, a class, a listing) a fee
    // after a video consultation is a fee: only a threat makes it extortion.
    // With no demand yet, from someone he knows or sought out (suspicion below zero:
    // kinship said, a service he engaged; not a group's shared trust), a video "sent to the family" or "gone viral"
    // is the family's or the service's news — the grandchild's upload, the priest's
    // recording of the pooja for the son's family — a warning; the chain's demand,
    // with the threat, is danger from anyone (above). A stranger's threat is danger
    // at once.
    if threat && levered && aimed {
        return if s >= 0 || demand || sexual || chain.in_group { Level::Danger } else { Level::Warning };
    }
    // Money without a threat after a call: a fee (the tailor, the doctor, the tutor
    // on video, a bank's video KYC, then its EMI) unless the chain is there: a sexual
    // request, the move off Facebook, the user's video or family named, or a stranger
    // who placed the call (issue 12: an invitation is no call, and a compliment is no
    // chain; a wife's "transfer 2000 for the saree" after a video call is a warning at
    // most).
    // An "or else" with the demand after a call the contact placed herself ties it to
    // that call ("20,000 Paytm karo nahi taan…"); after a call the user placed, or
    // only an invitation, it names nothing ("transfer 2000 for the saree, I'll forget
    // otherwise").
    // (Judged last: the pairing of times is the costly part, and most messages stop before.)
    let his_named = || {
        (chain.strictly_before(Tag::Call.bit() & tags, Tag::Money.bit() & tags) && chain.together(Tag::OrElse.bit() & tags, Tag::Money.bit() & tags, TOGETHER))
            || chain.together(HIS & tags, Tag::Money.bit() & tags, TOGETHER)
    };
    if money && levered && s >= 0 && !weighted && (sexual || off || (stranger && has(Tag::Call.bit() | Tag::Recording.bit())) || his_named()) {
        return Level::Danger;
    }
    // "I recorded everything" after a call is the extortion beginning; with a
    // counter-weight standing that brought the contact below a stranger (the tenant who
    // saw the flat on video and "recorded the call for my wife", the class kept for
    // revision) it is the service's record until a threat or a demand comes.
    if recording && chain.strictly_before(VIDEO_CALL & tags, Tag::Recording.bit()) && s >= 0 && (stranger || !weighted) {
        return Level::Danger;
    }
    if threat {
        // A group member's threat word aimed at no one, with no demand ("our video will
        // go viral 😂"): talk about the group's own video.
        if chain.in_group && !aimed && !money && !stranger && !off {
            return Level::Notice;
        }
        // A lone threat-like line from someone not a stranger, with no demand, no call
        // and no chain before it (a riddle's "police case", the news): a notice.
        if !stranger && !off && !money && !levered && said == 0 && !sexual {
            return Level::Notice;
        }
        // Without a call: aimed at him, or with a demand, from a stranger or a contact
        // who moved the chat off Facebook.
        return if (aimed || money) && (stranger || off) { Level::Danger } else { Level::Warning };
    }
    if recording && s >= 0 {
        // "Recorded" before any call is not yet the lever; but a stranger who opens with
        // "I have recorded you" is the chain told backwards (the threat comes next).
        // With a counter-weight still standing (a pension's life certificate "kept in the
        // bank's records", a clinic's session) it is the record of the service.
        return if stranger && !weighted { Level::Warning } else { Level::Notice };
    }
    // Her ask or call is judged as a new contact's (only the steps towards a warning:
    // what gives danger in a group is judged with the group's trust above).
    let (s, weighted) = if courting_member { (s.max(0), false) } else { (s, weighted) };
    // With a counter-weight (a clinic, a class, a listing, matrimony, family, a
    // circle) an ask or a call is a notice: the consultation, the item shown on camera,
    // the families meeting on video. Sexual requests and grooming still count.
    let secrecy = has(Tag::Secrecy.bit());
    if weighted && !sexual && !secrecy && strong < 2 && (vc || off) {
        return Level::Notice;
    }
    // Her ask or call for the purpose named: bare, with nothing of the chain but the step.
    if purpose && !sexual && !secrecy && !money && !threat && !recording && !has(Tag::Impostor.bit()) && strong == 0 && (vc || off) && !courting_member {
        return Level::Notice;
    }
    if vc {
        if s < 0 && !sexual {
            return if off || strong > 0 || cautious { Level::Warning } else { Level::Notice };
        }
        return if sexual && stranger && (off || said > 0) { Level::Danger } else { Level::Warning };
    }
    if off {
        if s < 0 {
            // Secrecy is no family's and no service's reason: from anyone not trusted.
            return if strong >= 2 || cautious || secrecy { Level::Warning } else { Level::Notice };
        }
        // Nothing known ("friends" is what accepting the request made them) or a new
        // contact: moving the chat off Facebook is the chain's second step. Issue 12
        // measured a notice here missing most chains on real, sparse pages.
        return Level::Warning;
    }
    if money {
        // Money asked with no call, no recording, no threat and no move off Facebook is
        // not this chain's step (its demand follows the call): a temple's donation, a
        // videographer's balance. From a stranger who courted him first, a warning.
        return if stranger && said > 0 { Level::Warning } else { Level::Notice };
    }
    if has(GROOMING) {
        if stranger {
            // The newer variant skips the number and goes straight for the call: a
            // brand-new account showering a stranger with flattery is already a warning.
            let fresh = s >= if cautious { STRANGER } else { 5 };
            return if fresh && said >= 1 { Level::Warning } else { Level::Notice };
        }
        return if said >= 2 && s >= 0 { Level::Notice } else { Level::None };
    }
    if s >= 4 {
        return Level::Notice;
    }
    Level::None
}

#[cfg(test)]
mod tests {
    use super::*;
    const D: Tuning = Tuning { cautious: false };

    fn chain(tags: &[(Tag, i64)]) -> Chain {
        let mut c = Chain::default();
        for (i, &(t, at)) in tags.iter().enumerate() {
            c.see(t, Some(at * DAY), i as u32 + 1);
        }
        c
    }

    #[test]
    fn greetings_alone_at_most_notice() {
        let g = chain(&[(Tag::Greeting, 0), (Tag::Forward, 0)]);
        for s in -8..10 {
            assert!(level(&g, Some(0), s, false, D) <= Level::Notice);
        }
    }

    #[test]
    fn an_ask_after_grooming_warns_unless_the_contact_is_known() {
        let c = chain(&[(Tag::Flattery, 0), (Tag::NumberAsk, 1)]);
        assert_eq!(level(&c, Some(DAY), 0, false, D), Level::Warning);
        assert_eq!(level(&c, Some(DAY), -5, false, D), Level::None);
        let bare = chain(&[(Tag::NumberAsk, 1)]);
        assert_eq!(level(&bare, Some(DAY), 0, false, D), Level::Warning);
        assert_eq!(level(&bare, Some(DAY), -1, false, D), Level::Notice);
        assert_eq!(level(&bare, Some(DAY), -1, false, Tuning { cautious: true }), Level::Warning);
    }

    #[test]
    fn cues_expire_after_the_window() {
        let c = chain(&[(Tag::Money, 0), (Tag::VcInvite, 400)]);
        assert_eq!(level(&c, Some(400 * DAY), 0, false, D), Level::Warning);
        let fresh = chain(&[(Tag::Flattery, 0), (Tag::NumberAsk, 0), (Tag::VcInvite, 0), (Tag::Money, 1)]);
        assert_eq!(level(&fresh, Some(DAY), 0, false, D), Level::Danger);
        assert!(level(&fresh, Some(100 * DAY), 0, false, D) < Level::Warning);
    }

    #[test]
    fn the_move_off_facebook_for_secrecy_warns_whatever_persona_or_claimed_kin() {
        // "I am a nurse" / "like my papa" (a little less suspicion, a persona's weight),
        // then "people see here, give your WhatsApp number": a warning.
        let secret = chain(&[(Tag::Secrecy, 0), (Tag::NumberAsk, 0)]);
        assert_eq!(level(&secret, Some(0), -1, true, D), Level::Warning);
        // The same ask with no reason of secrecy from such a contact: a notice.
        let plain = chain(&[(Tag::NumberAsk, 0)]);
        assert_eq!(level(&plain, Some(0), -1, true, D), Level::Notice);
        // Family and old friends (trusted) are not judged by it.
        assert!(level(&secret, Some(0), TRUSTED, false, D) < Level::Warning);
    }

    #[test]
    fn money_alone_from_a_stranger_is_no_step_of_the_chain_unless_she_courted_him() {
        // A temple trust's donation, a videographer's balance: nothing before it.
        let alone = chain(&[(Tag::Money, 0)]);
        assert_eq!(level(&alone, Some(0), STRANGER, false, D), Level::Notice);
        // After her flattery, from a stranger: a warning.
        let courted = chain(&[(Tag::Flattery, 0), (Tag::Money, 0)]);
        assert_eq!(level(&courted, Some(0), STRANGER, false, D), Level::Warning);
    }

    #[test]
    fn a_recording_before_any_call_is_a_services_record_while_its_counter_weight_stands() {
        // A stranger's "I have recorded you" with no call: the chain told backwards.
        let r = chain(&[(Tag::Recording, 0)]);
        assert_eq!(level(&r, Some(0), STRANGER, false, D), Level::Warning);
        // The pension office's "the recording is in the bank's records" after the life
        // certificate it named: a notice.
        assert_eq!(level(&r, Some(0), STRANGER, true, D), Level::Notice);
        // After a call, from a stranger, it is the lever whatever the counter-weight
        // (from a contact the counter-weight brought below a stranger, see
        // `a_recording_after_the_call_with_a_counter_weight_standing_is_the_services_record`).
        let c = chain(&[(Tag::Call, 0), (Tag::Recording, 0)]);
        assert_eq!(level(&c, Some(0), STRANGER, true, D), Level::Danger);
    }

    #[test]
    fn a_bill_is_money_asked_before_any_step_of_the_chain() {
        // The studio's balance, then its WhatsApp ask for the pen drive: a bill first.
        assert!(chain(&[(Tag::Money, 0), (Tag::NumberAsk, 0)]).billed_first(Some(0)));
        // Her number ask, then money: the chain's order.
        assert!(!chain(&[(Tag::NumberAsk, 0), (Tag::Money, 0)]).billed_first(Some(0)));
        // An impostor's "your video" before his demand, or a threat anywhere: no bill.
        assert!(!chain(&[(Tag::Aimed, 0), (Tag::Money, 0), (Tag::NumberAsk, 0)]).billed_first(Some(0)));
        assert!(!chain(&[(Tag::Money, 0), (Tag::NumberAsk, 0), (Tag::Threat, 0)]).billed_first(Some(0)));
        // The offering and the number for its receipt in one message: a bill too (the
        // temple's "send 1100, give your number for the receipt").
        let mut c = Chain::default();
        c.see(Tag::Money, Some(0), 1);
        c.see(Tag::NumberAsk, Some(0), 1);
        assert!(c.billed_first(Some(0)));
        // Not after his video named, even in the message of the demand.
        let mut c = Chain::default();
        c.see(Tag::Aimed, Some(0), 1);
        c.see(Tag::Money, Some(0), 1);
        assert!(!c.billed_first(Some(0)));
        // Nor a bill of last month: out of the window it is nothing.
        assert!(!chain(&[(Tag::Money, 0), (Tag::NumberAsk, 40)]).billed_first(Some(40 * DAY)));
    }

    #[test]
    fn money_before_any_call_is_not_extortion() {
        let c = chain(&[(Tag::Money, 0), (Tag::VcInvite, 0)]);
        assert_eq!(level(&c, Some(0), 0, false, D), Level::Warning);
    }

    #[test]
    fn a_recording_after_a_call_then_money_is_danger_despite_a_persona() {
        let c = chain(&[(Tag::VcInvite, 0), (Tag::Recording, 1), (Tag::Money, 1)]);
        assert_eq!(level(&c, Some(DAY), TRUSTED + 1, false, D), Level::Danger);
        // A fee after a video consultation, without a recording, stays a fee.
        let fee = chain(&[(Tag::VcInvite, 0), (Tag::Money, 1)]);
        assert!(level(&fee, Some(DAY), TRUSTED + 1, false, D) < Level::Danger);
        // "Recorded" before any call, from a stranger: a warning, not yet danger.
        let first = chain(&[(Tag::Recording, 0)]);
        assert_eq!(level(&first, Some(0), STRANGER, false, D), Level::Warning);
        assert_eq!(level(&first, Some(0), 0, false, D), Level::Notice);
    }

    #[test]
    fn threat_with_money_is_danger_from_anyone() {
        let t = chain(&[(Tag::Threat, 0), (Tag::Aimed, 0), (Tag::Money, 0)]);
        for s in -8..10 {
            assert_eq!(level(&t, Some(0), s, false, D), Level::Danger);
        }
    }

    #[test]
    fn a_threat_and_a_money_word_far_apart_are_not_danger_from_anyone() {
        // Hours apart, from a trusted contact: no explicit demand.
        let mut c = Chain::default();
        c.see(Tag::Countdown, Some(0), 1);
        c.see(Tag::Aimed, Some(0), 1);
        c.see(Tag::Money, Some(90 * 60), 40);
        assert_eq!(level(&c, Some(90 * 60), -6, false, D), Level::Notice);
        // From a contact who is not trusted: together within the hour, not 90 minutes apart.
        assert!(level(&c, Some(90 * 60), 0, false, D) < Level::Danger);
        let mut hour = Chain::default();
        hour.see(Tag::Countdown, Some(0), 1);
        hour.see(Tag::Aimed, Some(0), 1);
        hour.see(Tag::Money, Some(42 * 60), 9);
        assert_eq!(level(&hour, Some(42 * 60), 0, false, D), Level::Danger);
        assert_eq!(level(&hour, Some(42 * 60), -6, false, D), Level::Notice);
        // The same two within minutes (a burst): danger, even from a trusted contact.
        let mut b = Chain::default();
        b.see(Tag::Threat, Some(0), 1);
        b.see(Tag::Aimed, Some(0), 1);
        b.see(Tag::Money, Some(120), 3);
        assert_eq!(level(&b, Some(120), -6, false, D), Level::Danger);
        // Without times: close in message order.
        let mut n = Chain::default();
        n.see(Tag::Money, None, 5);
        n.see(Tag::Threat, None, 7);
        n.see(Tag::Aimed, None, 7);
        assert_eq!(level(&n, None, -6, false, D), Level::Danger);
        let mut far = Chain::default();
        far.see(Tag::Money, None, 5);
        far.see(Tag::Threat, None, 50);
        far.see(Tag::Aimed, None, 50);
        assert_eq!(level(&far, None, -6, false, D), Level::Notice);
    }

    #[test]
    fn a_counter_weight_makes_an_ask_or_a_call_a_notice_and_a_fee_a_fee() {
        let c = chain(&[(Tag::NumberAsk, 0), (Tag::VcInvite, 0), (Tag::Call, 0), (Tag::Money, 0)]);
        assert_eq!(level(&c, Some(0), 0, false, D), Level::Danger);
        assert_eq!(level(&c, Some(0), 0, true, D), Level::Notice);
        let sexual = chain(&[(Tag::Sexual, 0)]);
        assert_eq!(level(&sexual, Some(0), 0, true, D), Level::Warning);
        // Only a threat makes it extortion: danger once it names his video or family
        // (with no demand yet; a threat aimed at nothing of his is a warning, round eighteen).
        let threat = chain(&[(Tag::Call, 0), (Tag::Threat, 0), (Tag::Aimed, 0)]);
        assert_eq!(level(&threat, Some(0), 0, true, D), Level::Danger);
        let mut listing = Context::default();
        listing.add(Tag::Listing, false, false);
        assert!(listing.counter_weight(false, false));
        listing.add(Tag::WhoAreYou, true, false);
        assert!(!listing.counter_weight(false, false), "the user had to ask who this is");
        let mut answer = Context::default();
        answer.add(Tag::Service, true, true);
        assert!(!answer.counter_weight(false, false) && answer.score(false, None, false, false, false, false, false) == 0);
    }

    #[test]
    fn money_after_a_call_from_someone_who_only_courted_is_no_extortion() {
        // A wife away at her sister's: "are you alone? video call me", a compliment, then
        // "transfer 2000 for the saree": no threat, no recording, no move off Facebook.
        let wife = chain(&[(Tag::Intimacy, 0), (Tag::VcInvite, 0), (Tag::Call, 0), (Tag::Flattery, 0), (Tag::Money, 1)]);
        assert_eq!(level(&wife, Some(DAY), 0, false, D), Level::Warning);
        // The same after the move off Facebook is the chain's demand.
        let chain_money = chain(&[(Tag::Flattery, 0), (Tag::NumberAsk, 0), (Tag::Call, 0), (Tag::Money, 1)]);
        assert_eq!(level(&chain_money, Some(DAY), 0, false, D), Level::Danger);
    }

    #[test]
    fn a_lone_threat_line_with_no_chain_is_a_notice_unless_a_stranger_says_it() {
        // A riddle forwarded by a friend: "a case … police … U", nothing else.
        let riddle = chain(&[(Tag::Impostor, 0)]);
        assert_eq!(level(&riddle, Some(0), 0, false, D), Level::Notice);
        assert!(level(&riddle, Some(0), STRANGER, false, D) >= Level::Warning);
        // After the move off Facebook it is the chain's threat.
        let moved = chain(&[(Tag::NumberAsk, 0), (Tag::Impostor, 0)]);
        assert!(level(&moved, Some(0), 0, false, D) >= Level::Warning);
    }

    #[test]
    fn a_recording_named_with_the_call_in_one_message_is_the_scam_told() {
        // "A girl calls on video, then screen records it": one message, the story.
        let mut told = Chain::default();
        told.see(Tag::Sexual, Some(0), 1);
        told.see(Tag::Recording, Some(0), 1);
        assert!(level(&told, Some(0), 0, false, D) < Level::Danger);
        // The call, then "I recorded everything": the lever.
        let mut claimed = Chain::default();
        claimed.see(Tag::Call, Some(0), 1);
        claimed.see(Tag::Recording, Some(60), 2);
        assert_eq!(level(&claimed, Some(60), 0, false, D), Level::Danger);
    }

    #[test]
    fn a_group_member_courting_one_man_is_her_own_contact() {
        let mut neha = Chain::member();
        neha.see(Tag::Flattery, Some(0), 1);
        neha.see(Tag::NumberAsk, Some(60), 2);
        // The group's trust (-2) and its "our society group" are not hers.
        assert_eq!(level(&neha, Some(60), -5, true, D), Level::Warning);
        // A member of years (an admin praising a talk, asking for numbers): the group's.
        let mut admin = neha.clone();
        admin.since = Some(-200 * DAY);
        assert!(level(&admin, Some(60), -5, true, D) < Level::Warning);
        // A member asking everyone's number for the group list, courting no one: a notice.
        let mut secretary = Chain::member();
        secretary.see(Tag::NumberAsk, Some(60), 2);
        assert!(level(&secretary, Some(60), -5, true, D) < Level::Warning);
        // A new member who asks his number and then invites a video call: her own chain,
        // with no compliment the rules know.
        let mut both = secretary.clone();
        both.see(Tag::VcInvite, Some(120), 3);
        assert_eq!(level(&both, Some(120), -3, true, D), Level::Warning);
        // A new member asking numbers to write "personally": her own ask.
        let mut personally = Chain::member();
        personally.see(Tag::NumberAsk, Some(60), 2);
        personally.see(Tag::Secrecy, Some(60), 2);
        assert_eq!(level(&personally, Some(60), -3, true, D), Level::Warning);
        // The group's own video call with no number asked: the group's.
        let mut practice = Chain::member();
        practice.see(Tag::VcInvite, Some(120), 3);
        assert!(level(&practice, Some(120), -3, true, D) < Level::Warning);
    }

    #[test]
    fn a_group_member_who_courted_him_is_her_own_contact_after_her_call() {
        // Round twenty-six: the new member who courted him and asked his number, then
        // called him, threatens, names a recording or asks money: her own chain's end,
        // danger, whatever the group's trust (-3) and its counter-weight.
        let courted = || {
            let mut c = Chain::member();
            c.see(Tag::Flattery, Some(0), 1);
            c.see(Tag::NumberAsk, Some(60), 2);
            c.see(Tag::Call, Some(120), 3);
            c
        };
        let mut threat = courted();
        threat.see(Tag::Threat, Some(180), 4);
        // With the group's counter-weight said, a threat naming nothing of his waits
        // for the demand (`level_for`): a warning, no longer the group's notice.
        assert_eq!(level(&threat, Some(180), -3, true, D), Level::Warning);
        assert_eq!(level(&threat, Some(180), -3, false, D), Level::Danger);
        threat.see(Tag::Money, Some(240), 5);
        assert_eq!(level(&threat, Some(240), -3, true, D), Level::Danger);
        let mut recording = courted();
        recording.see(Tag::Recording, Some(180), 4);
        assert_eq!(level(&recording, Some(180), -3, true, D), Level::Danger);
        let mut demand = courted();
        demand.see(Tag::Money, Some(180), 4);
        assert_eq!(level(&demand, Some(180), -3, true, D), Level::Danger);
        // A member of years who does the same: judged with the group's trust, as before.
        let mut admin = threat.clone();
        admin.since = Some(-200 * DAY);
        assert!(level(&admin, Some(180), -3, true, D) < Level::Danger);
        // The reunion's organiser: everyone's number, the hall's share, then the planning
        // call. His money came before any call: the group's bill, no warning.
        let mut organiser = Chain::member();
        organiser.see(Tag::NumberAsk, Some(0), 1);
        organiser.see(Tag::Money, Some(60), 2);
        organiser.see(Tag::VcInvite, Some(120), 3);
        organiser.see(Tag::Call, Some(180), 4);
        assert!(level(&organiser, Some(180), -3, true, D) < Level::Warning);
        // A member who courted no one: the choir's call, then its video's threat word.
        let mut choir = Chain::member();
        choir.see(Tag::VcInvite, Some(0), 1);
        choir.see(Tag::Call, Some(60), 2);
        choir.see(Tag::Threat, Some(120), 3);
        assert!(level(&choir, Some(120), -3, true, D) < Level::Warning);
    }

    #[test]
    fn in_a_group_a_demand_with_or_else_and_his_video_named_is_the_threat() {
        // Round twenty-six: "10000 ayakku illenkil … family kkum pokum" — one member's
        // demand, its "or else" and his family or video in one message is the threat
        // aimed at him, whatever verb carries it; from the group's trust too.
        let member = |gap: i64, or_else: bool| {
            let mut c = Chain::member();
            c.see(Tag::Money, Some(DAY), 1);
            if or_else {
                c.see(Tag::OrElse, Some(DAY), 1);
            }
            c.see(Tag::Aimed, Some(DAY + gap), 2);
            c
        };
        assert_eq!(level(&member(0, true), Some(DAY), -3, true, D), Level::Danger);
        // His family named an hour later, or no "or else": not this threat.
        assert!(level(&member(3600, true), Some(DAY + 3600), -3, true, D) < Level::Danger);
        assert!(level(&member(0, false), Some(DAY), -3, true, D) < Level::Danger);
        // One-to-one the same words are a grandson's prank or a studio's bill ("GPay, or
        // else cash at the shop"): not read so.
        let one = chain(&[(Tag::Money, 1), (Tag::OrElse, 1), (Tag::Aimed, 1)]);
        assert!(level(&one, Some(DAY), -1, false, D) < Level::Danger);
    }

    #[test]
    fn a_purpose_keeps_only_a_bare_ask_or_call_at_notice() {
        let ask = chain(&[(Tag::NumberAsk, 0)]);
        assert_eq!(level(&ask, Some(0), 0, false, D), Level::Warning);
        assert_eq!(level_for(&ask, Some(0), 0, false, true, D), Level::Notice);
        let call = chain(&[(Tag::NumberAsk, 0), (Tag::Call, 60)]);
        assert_eq!(level_for(&call, Some(60), 0, false, true, D), Level::Notice);
        // Not with courting, secrecy or a sexual request beside it.
        for extra in [Tag::Flattery, Tag::Secrecy, Tag::Sexual] {
            let c = chain(&[(extra, 0), (Tag::NumberAsk, 0)]);
            assert!(level_for(&c, Some(0), 0, false, true, D) >= Level::Warning, "{extra:?}");
        }
        // Nor once money is asked, a recording claimed or a threat made after her call.
        let money = chain(&[(Tag::NumberAsk, 0), (Tag::Call, 60), (Tag::Money, 120)]);
        assert!(level_for(&money, Some(120), 0, false, true, D) >= Level::Warning);
        let recorded = chain(&[(Tag::NumberAsk, 0), (Tag::Call, 60), (Tag::Recording, 120)]);
        assert_eq!(level_for(&recorded, Some(120), 0, false, true, D), Level::Danger);
        let threat = chain(&[(Tag::Call, 60), (Tag::Threat, 120), (Tag::Aimed, 120)]);
        assert_eq!(level_for(&threat, Some(120), 0, false, true, D), Level::Danger);
    }

    #[test]
    fn with_a_counter_weight_a_threat_aimed_at_nothing_of_his_and_no_demand_is_a_warning() {
        // The class's "viral fever" or the mushaira's "going viral" after its call: a warning.
        let talk = chain(&[(Tag::Call, 0), (Tag::Threat, 0)]);
        assert_eq!(level(&talk, Some(0), 5, true, D), Level::Warning);
        // Danger as before without the counter-weight, with his video named, or with a demand.
        assert_eq!(level(&talk, Some(0), 5, false, D), Level::Danger);
        let his = chain(&[(Tag::Call, 0), (Tag::Threat, 0), (Tag::Aimed, 0)]);
        assert_eq!(level(&his, Some(0), 5, true, D), Level::Danger);
        let recorded = chain(&[(Tag::Call, 0), (Tag::Threat, 0), (Tag::Recording, 0)]);
        assert_eq!(level(&recorded, Some(0), 5, true, D), Level::Danger);
        let paid = chain(&[(Tag::Call, 0), (Tag::Threat, 0), (Tag::Aimed, 0), (Tag::Money, 0)]);
        assert_eq!(level(&paid, Some(0), 5, true, D), Level::Danger);
    }

    #[test]
    fn a_persona_the_contact_claims_while_courting_is_no_counter_weight() {
        // "I am a physiotherapist" from the contact alone counts while she keeps to it...
        let mut theirs = Context::default();
        theirs.add(Tag::Service, false, false);
        assert!(theirs.counter_weight(false, false));
        assert!(theirs.score(false, None, false, false, false, false, false) < 0);
        // A persona never makes a contact trusted: only a little less suspect.
        assert!(theirs.score(false, None, false, false, false, false, false) > TRUSTED + 1);
        // ...but not once she flatters him, asks him personal things or is intimate.
        assert!(!theirs.counter_weight(true, false));
        assert_eq!(theirs.score(false, None, false, false, false, true, false), 0);
        // A service the user engaged himself ("fees kitni?") still counts.
        let mut mine = Context::default();
        mine.add(Tag::Service, true, false);
        assert!(mine.counter_weight(true, false));
        // ...unless she flattered him or sent him kisses: then his "prescription", "our
        // clinic" answers the pretext of a stranger who came as a customer (round fifteen).
        // It weighs as hers then: for nothing once she also courts him.
        assert!(!mine.counter_weight(true, true) && mine.counter_weight(false, true));
        assert_eq!(mine.score(false, None, false, false, false, false, true), KIN_THEIRS_ONLY);
        assert_eq!(mine.score(false, None, false, false, false, true, true), 0);
        assert!(chain(&[(Tag::Affection, 0)]).flattered(Some(0)) && chain(&[(Tag::Flattery, 0)]).flattered(Some(0)));
        assert!(!chain(&[(Tag::Personal, 0)]).flattered(Some(0)), "a doctor's \"your age?\" is no flattery");
        // The user echoing the persona she named first ("he was in LIC" / "I knew one
        // Venkatesh in LIC") is still only hers; his asking the fee after it is his.
        let mut echo = Context::default();
        echo.add(Tag::Service, false, false);
        echo.add(Tag::Service, true, false);
        assert!(!echo.counter_weight(true, false));
        assert!(echo.score(false, None, false, false, false, false, false) > TRUSTED + 1);
        echo.add(Tag::FeeAsk, true, false);
        assert!(echo.counter_weight(true, false));
        let courted = chain(&[(Tag::Flattery, 0), (Tag::Intimacy, 0)]);
        assert!(courted.courted(Some(0)));
        assert!(!chain(&[(Tag::Personal, 0)]).courted(Some(0)), "\"where do you live\" alone is no courting");
    }

    #[test]
    fn danger_from_anyone_needs_the_threat_and_the_demand_together() {
        let apart = chain(&[(Tag::Money, 0), (Tag::Threat, 1), (Tag::Aimed, 1)]);
        assert_eq!(level(&apart, Some(DAY), TRUSTED, false, D), Level::Notice);
        let mut close = Chain::default();
        close.see(Tag::Threat, Some(1000), 1);
        close.see(Tag::Aimed, Some(1000), 1);
        close.see(Tag::Money, Some(1000 + TOGETHER), 2);
        // Within the hour from a contact who is not trusted (a trusted one needs one
        // sitting: see the test above).
        assert_eq!(level(&close, Some(1000 + TOGETHER), 0, false, D), Level::Danger);
        assert!(level(&close, Some(1000 + TOGETHER + 60), 0, false, D) == Level::Danger);
    }

    #[test]
    fn danger_from_anyone_needs_the_threat_aimed_at_the_user() {
        // "Upload the event video or pay the editor": a threat word and money together,
        // about no video of his: not danger from a trusted or an unremarkable contact.
        let loose = chain(&[(Tag::Threat, 0), (Tag::Money, 0)]);
        assert_eq!(level(&loose, Some(0), TRUSTED, false, D), Level::Notice);
        assert_eq!(level(&loose, Some(0), 0, false, D), Level::Warning);
        // The same naming his video or his family: danger from anyone.
        let aimed = chain(&[(Tag::Threat, 0), (Tag::Aimed, 0), (Tag::Money, 0)]);
        for s in -8..10 {
            assert_eq!(level(&aimed, Some(0), s, false, D), Level::Danger, "suspicion {s}");
        }
        // "Your video" on its own is no step.
        assert_eq!(level(&chain(&[(Tag::Aimed, 0)]), Some(0), 0, false, D), Level::None);
        // A threat after a call with him is aimed at him (the video is of that call).
        let after_call = chain(&[(Tag::Call, 0), (Tag::Threat, 0)]);
        assert_eq!(level(&after_call, Some(0), 0, false, D), Level::Danger);
    }

    #[test]
    fn money_after_a_call_is_a_fee_unless_the_chain_is_there() {
        // A call, then money, nothing else, from a contact neither known nor a stranger
        // (the tailor's fitting on video, then the bill): at most a warning.
        let fee = chain(&[(Tag::Call, 0), (Tag::Money, 0)]);
        assert_eq!(level(&fee, Some(0), 0, false, D), Level::Warning);
        // From a stranger who placed the call: extortion; after his invitation only (a
        // bank's video KYC, then its EMI reminder) no call was placed: a warning.
        assert_eq!(level(&fee, Some(0), STRANGER, false, D), Level::Danger);
        let invited = chain(&[(Tag::VcInvite, 0), (Tag::Money, 0)]);
        assert_eq!(level(&invited, Some(0), STRANGER, false, D), Level::Warning);
        // Nor after a compliment alone (a wife's, then the saree's bill): no chain.
        let flattered = chain(&[(Tag::Flattery, 0), (Tag::Call, 0), (Tag::Money, 0)]);
        assert_eq!(level(&flattered, Some(0), 0, false, D), Level::Warning);
        // After a sexual request, the move off Facebook or with his video named: extortion.
        for extra in [Tag::Sexual, Tag::NumberAsk, Tag::Aimed] {
            let c = chain(&[(extra, 0), (Tag::Call, 0), (Tag::Money, 0)]);
            assert_eq!(level(&c, Some(0), 0, false, D), Level::Danger, "{extra:?}");
        }
    }

    #[test]
    fn a_threat_without_a_demand_from_someone_he_knows_waits_for_the_demand() {
        // The priest: his number and a video call asked, the dakshina, the call, then
        // "I recorded the pooja, I'll send the video to your son's family". Suspicion
        // below zero (he sought the priest out) and no money after the call: a warning.
        let pooja = [(Tag::VcInvite, 0), (Tag::NumberAsk, 0), (Tag::Money, 0), (Tag::Call, 0), (Tag::Recording, 0), (Tag::Threat, 0), (Tag::Aimed, 0)];
        assert_eq!(level(&chain(&pooja), Some(0), -2, false, D), Level::Warning);
        // The same from a contact not below zero is danger at once.
        assert_eq!(level(&chain(&pooja), Some(0), 0, false, D), Level::Danger);
        // And money asked after the recording is the demand: danger from him too.
        let mut asked = pooja.to_vec();
        asked.push((Tag::Money, 0));
        assert_eq!(level(&chain(&asked), Some(0), -2, false, D), Level::Danger);
        // A sexual request before: the chain, danger.
        let mut sexual = pooja.to_vec();
        sexual.insert(0, (Tag::Sexual, 0));
        assert_eq!(level(&chain(&sexual), Some(0), -2, false, D), Level::Danger);
    }

    #[test]
    fn a_recording_after_the_call_with_a_counter_weight_standing_is_the_services_record() {
        // The tenant who asked for the flat, saw it on video and "recorded the call to
        // show my wife": with the listing standing, no danger before a demand.
        let c = chain(&[(Tag::NumberAsk, 0), (Tag::Call, 0), (Tag::Recording, 0)]);
        assert!(level(&c, Some(0), 1, true, D) < Level::Danger);
        // With nothing said of who they are, "I recorded everything" is the extortion's start.
        assert_eq!(level(&c, Some(0), 1, false, D), Level::Danger);
    }

    #[test]
    fn money_after_a_call_is_tied_to_him_only_by_his_video_named_with_the_demand() {
        // "Transfer 2000 for the saree, I'll forget otherwise": an "or else" names
        // nothing of his; with no threat it is no extortion.
        let or_else = chain(&[(Tag::VcInvite, 0), (Tag::Money, 1), (Tag::OrElse, 1)]);
        assert_eq!(level(&or_else, Some(DAY), 0, false, D), Level::Warning);
        // After a call the contact placed herself it is the demand for that call.
        let placed = chain(&[(Tag::Call, 0), (Tag::Money, 1), (Tag::OrElse, 1)]);
        assert_eq!(level(&placed, Some(DAY), 0, false, D), Level::Danger);
        // With a threat the same "or else" aims it at him.
        let threat = chain(&[(Tag::Threat, 1), (Tag::Money, 1), (Tag::OrElse, 1)]);
        assert_eq!(level(&threat, Some(DAY), TRUSTED, false, D), Level::Danger);
        // A bank's "your Video KYC was successful", then days later its EMI reminder.
        let kyc = chain(&[(Tag::VcInvite, 0), (Tag::Aimed, 1), (Tag::Money, 4)]);
        assert_eq!(level(&kyc, Some(4 * DAY), 0, false, D), Level::Warning);
        // "Your video is with me … pay 5000" in one sitting after the call: extortion.
        let mut his = Chain::default();
        his.see(Tag::VcInvite, Some(0), 1);
        his.see(Tag::Aimed, Some(DAY), 2);
        his.see(Tag::Money, Some(DAY + 600), 3);
        assert_eq!(level(&his, Some(DAY + 600), 0, false, D), Level::Danger);
    }

    #[test]
    fn in_a_group_a_threat_after_the_groups_call_must_name_him() {
        // The choir master's "join the video call" then "the recording goes on YouTube,
        // everyone will see": the group's video, not his.
        let mut c = Chain::member();
        c.see(Tag::VcInvite, Some(0), 1);
        c.see(Tag::Threat, Some(DAY), 2);
        assert_eq!(level(&c, Some(DAY), -2, false, D), Level::Notice);
        // The same one-to-one: the video is of that call with him (from someone he
        // knows, suspicion below zero, a warning until the demand comes).
        let one = chain(&[(Tag::VcInvite, 0), (Tag::Threat, 1)]);
        assert_eq!(level(&one, Some(DAY), 0, false, D), Level::Danger);
        assert_eq!(level(&one, Some(DAY), -2, false, D), Level::Warning);
        // A member who names his video or his family: extortion in a group too.
        let mut aimed = Chain::member();
        aimed.see(Tag::VcInvite, Some(0), 1);
        aimed.see(Tag::Threat, Some(DAY), 2);
        aimed.see(Tag::Aimed, Some(DAY), 2);
        assert_eq!(level(&aimed, Some(DAY), -2, false, D), Level::Danger);
    }

    #[test]
    fn in_a_group_or_else_and_a_police_complaint_aim_at_no_one() {
        // The society's secretary: "the face is clear in the video, we are filing a police
        // complaint" — an impostor-like line and a video word said to everyone.
        let mut rwa = Chain::member();
        rwa.see(Tag::VcInvite, Some(0), 1);
        rwa.see(Tag::Impostor, Some(0), 1);
        assert!(level(&rwa, Some(0), -2, false, D) < Level::Warning);
        // An uncle retelling the news: "pay or the video goes viral", an "or else" and
        // money said to the whole family group.
        let mut news = Chain::member();
        news.see(Tag::Threat, Some(0), 1);
        news.see(Tag::Money, Some(0), 1);
        news.see(Tag::OrElse, Some(0), 1);
        assert!(level(&news, Some(0), -2, false, D) < Level::Danger);
        // One-to-one the same "or else" with a threat and money is the demand.
        let one = chain(&[(Tag::Threat, 0), (Tag::Money, 0), (Tag::OrElse, 0)]);
        assert_eq!(level(&one, Some(0), -2, false, D), Level::Danger);
        // A member naming his video or family: extortion in a group too.
        news.see(Tag::Aimed, Some(0), 1);
        assert_eq!(level(&news, Some(0), -2, false, D), Level::Danger);
    }

    #[test]
    fn kinship_only_the_contact_typed_is_not_trust() {
        // A stranger's "you look like my papa": lowers a little, never to trust.
        let mut theirs = Context::default();
        theirs.add(Tag::Kin, false, false);
        let s = theirs.score(false, None, false, false, false, false, false);
        assert!(s < 0 && s > TRUSTED, "{s}");
        let vc = chain(&[(Tag::VcInvite, 0)]);
        assert_eq!(level(&vc, Some(0), s, false, D), Level::Notice);
        // Said by the user too ("haan beta"): the family it is.
        let mut both = theirs;
        both.add(Tag::Kin, true, false);
        assert!(both.score(false, None, false, false, false, false, false) <= TRUSTED);
        // The user's own kinship word while answering a stranger's personal questions
        // is no relationship either.
        let mut answering = Context::default();
        answering.add(Tag::Kin, true, true);
        assert_eq!(answering.score(false, None, false, false, false, false, false), 0);
    }

    #[test]
    fn a_shared_life_counts_only_in_the_users_own_words_before_she_courted_him() {
        // "The house is quiet without you", his, unprompted: the wife away.
        let mut his = Context::default();
        his.add(Tag::SharedLife, true, false);
        let s = his.score(false, None, false, false, false, false, false);
        assert!(s <= TRUSTED, "{s}");
        let alone_vc = chain(&[(Tag::VcInvite, 0), (Tag::Flattery, 0)]);
        assert_eq!(level(&alone_vc, Some(0), s, false, D), Level::None);
        // Typed by the contact ("I miss you"): nothing.
        let mut hers = Context::default();
        hers.add(Tag::SharedLife, false, false);
        assert_eq!(hers.score(false, None, false, false, false, false, false), 0);
        // His "miss you" in answer to her flattery: a victim's reply, no shared past.
        let mut answering = Context::default();
        answering.add(Tag::SharedLife, true, true);
        assert_eq!(answering.score(false, None, false, false, false, false, false), 0);
        assert_eq!(level(&alone_vc, Some(0), 0, false, D), Level::Warning);
    }

    #[test]
    fn context_lowers_and_raises_suspicion() {
        let mut kin = Context::default();
        kin.add(Tag::Kin, true, false);
        assert!(kin.score(false, None, false, false, false, false, false) <= TRUSTED);
        let mut who = Context::default();
        who.add(Tag::WhoAreYou, true, false);
        assert!(who.score(false, None, false, true, true, false, false) >= STRANGER);
        assert!(Context::default().score(false, Some(800), false, false, false, false, false) <= TRUSTED);
        // Five months: one-sided it only lowers; two-way it is a known friend; in a
        // group it is nobody's friendship.
        let none = Context::default();
        assert!(none.score(false, Some(150), false, false, false, false, false) > TRUSTED);
        assert!(none.score(false, Some(150), true, false, false, false, false) <= TRUSTED);
        assert!(none.score(false, Some(60), true, false, false, false, false) > TRUSTED);
        assert!(none.score(true, Some(150), true, false, false, false, false) > TRUSTED - 2);
    }
}
