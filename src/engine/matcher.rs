//! One Aho-Corasick pass per message over the normalised text finds every pattern
//! of every rule; a rule fires when each of its groups matched and no `unless` did.

use super::normalize::{normalize_mapped_into, Normalized};
use super::plan::{plan, Plan, RuleRef, Targets, UNLESS};
use super::rules::Rule;
use aho_corasick::automaton::{Automaton, OverlappingState};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Input, MatchKind};
use std::sync::OnceLock;

pub struct Matcher {
    /// The contiguous NFA, used directly rather than through `AhoCorasick` (which
    /// would choose a kind at run time and so carry the code of every kind): it scans
    /// ~1.6x faster than the noncontiguous one and builds as fast; a DFA scanned slower
    /// (its table is large) and took 17 ms to build natively (measured). This one holds
    /// the needles without an Indic letter, built at once; `ids` maps its patterns to
    /// needles.
    ac: NFA,
    ids: Vec<u32>,
    /// `ac` holds a needle with an Indic letter (a matcher not split): it reads the whole
    /// text, not only the stretches between Indic letters.
    whole: bool,
    /// Per Indic script (`script`): its needles, in an automaton built the first time a
    /// message holds that script (docs/performance.md "Start-up", lazy1).
    scripts: Vec<Lazy>,
    /// For each needle: the (rule, group) pairs it serves.
    targets: Targets,
    /// Per needle: an ambiguous short form (see `is_short_form`).
    short: Vec<bool>,
    group_counts: Vec<u8>,
}

/// The needles of one Indic script and their automaton, built on first need.
#[derive(Default)]
struct Lazy {
    /// The needles, one per line.
    needles: String,
    /// Automaton pattern -> needle.
    ids: Vec<u32>,
    ac: OnceLock<NFA>,
}

/// The Indic scripts the automaton is split by, each a Unicode block of 128 code points
/// from Devanagari (U+0900) to Malayalam (U+0D00): in UTF-8 a letter of script s is
/// `E0` then `A4 + 2s` or `A5 + 2s`.
const SCRIPTS: usize = 9;

/// Dense transitions for an Indic script's automaton to depth 6: the space, the first
/// letter (three bytes) and the block of the second: on the bench thread (3 messages in
/// 10 Devanagari) 96 instructions a message fewer than depth 3, for +65 KB of the
/// Devanagari automaton (150 -> 215 KB) and +2% of its build (measured, callgrind).
const INDIC_DEPTH: usize = 6;

/// The script of the UTF-8 character that starts with bytes `lead`, `next`, if Indic.
#[inline]
fn script(lead: u8, next: u8) -> Option<usize> {
    (lead == 0xE0 && (0xA4..=0xB5).contains(&next)).then(|| (next - 0xA4) as usize >> 1)
}

/// The script of a needle's first Indic letter, if it has one. A needle of script s
/// holds the bytes `E0 (A4 + 2s | A5 + 2s)`, so only a text holding them (`scripts_in`)
/// can match it.
fn part_of(needle: &str) -> Option<usize> {
    if needle.is_ascii() {
        return None;
    }
    needle.as_bytes().windows(2).find_map(|w| script(w[0], w[1]))
}

/// Bit s set: the text holds a letter of Indic script s; and `segment` called with each
/// stretch of the text between Indic letters at least `min` bytes long (a needle without
/// an Indic letter matches only inside such a stretch). A step per character (UTF-8 lead
/// bytes give the length).
#[inline]
fn scripts_in(text: &str, min: usize, mut segment: impl FnMut(usize, usize)) -> u16 {
    let b = text.as_bytes();
    let mut mask = 0u16;
    let (mut i, mut from) = (0, 0);
    while i < b.len() {
        let c = b[i];
        if c == 0xE0 {
            // Indic: E0 A4..=B5, two second bytes a script.
            let d = b.get(i + 1).map_or(u8::MAX, |n| n.wrapping_sub(0xA4));
            if d < 2 * SCRIPTS as u8 {
                mask |= 1 << (d >> 1);
                // `from` never passes `i` (valid UTF-8); subtracting cannot overflow where an
                // addition could (`min` is `usize::MAX` when no stretch is wanted).
                if i - from >= min {
                    segment(from, i);
                }
                from = i + 3;
            }
            i += 3;
        } else {
            i += if c < 0x80 { 1 } else if c < 0xE0 { 2 } else if c < 0xF0 { 3 } else { 4 };
        }
    }
    if b.len() - from >= min {
        segment(from, b.len());
    }
    mask
}

/// The automaton over `needles`, with the matcher's options, dense to `depth`. One type
/// of needle list for every automaton: the builder is generic over it, and each type
/// would be another copy of it in the module (+3.0 KB gzip with two, measured).
fn automaton(needles: &[&str], depth: usize) -> Result<NFA, String> {
    // Dense transitions for states up to depth 3 (default 2) for the needles without an
    // Indic letter, where a scan of everyday text spends its time: 9% fewer instructions
    // per scan for +57 KB of automaton (93 -> 150 KB) and +2% build time (measured;
    // depth 4 gained 1% more for +118 KB). For an Indic script `INDIC_DEPTH`.
    // No prefilter: with nearly every needle starting with a space the builder ends
    // up without one anyway (checked by a test in builtin.rs), after spending ~5% of the
    // build collecting the needles' bytes for it.
    NFA::builder()
        .match_kind(MatchKind::Standard)
        .dense_depth(depth)
        .prefilter(false)
        .build(needles)
        // aho-corasick refuses only too many states or patterns, or a pattern too long;
        // its own message (with the numbers) would link the formatting of its error
        // into the content module for a failure the built-in rules never reach.
        .map_err(|_| "rules: too many or too long patterns for the automaton".to_string())
}

/// A needle that is one bounded word of at most three letters ("do", "min", "rs",
/// "दो"): such a form is ambiguous on its own (Hindi "do" = give, English "do"; "min"
/// in "5 min late") and counts only in context, i.e. with the rest of its rule in the
/// same message, never as the piece that completes an intent across messages.
/// Needles are normalised text, words and single spaces: a bounded needle's word lies
/// between its first and last byte (looked at as bytes, not trimmed: trimming was 3.3 M
/// of the engine's 21 M instructions at start-up, natively).
fn is_short_form(needle: &str) -> bool {
    let b = needle.as_bytes();
    if b.len() < 3 || b[0] != b' ' || b[b.len() - 1] != b' ' {
        return false;
    }
    let core = &needle[1..needle.len() - 1];
    !core.contains(' ') && core.chars().count() <= 3 && !core.as_bytes().iter().any(|&c| c.is_ascii_digit())
}

/// Per-thread buffers of a scan, reused: the normalised text, and per rule touched by
/// the scan its matched-group mask, whether an `unless` vetoed it, the first span of
/// each group, and the groups matched by a word that is not an ambiguous short form.
/// `order` lists the touched rules as (rule, index in `state`) to visit them in rule order.
/// `slot[r]` is rule r's index in `state` while a scan touches it (`NO_SLOT` otherwise,
/// as every slot is again when a scan ends): a lookup per match instead of a search of
/// `state` (a tenth of the matcher's time per message, measured with callgrind).
#[derive(Default)]
struct Scratch {
    norm: Normalized,
    state: Vec<(u16, u8, bool, [(u32, u32); 8], u8)>,
    order: Vec<(usize, usize)>,
    slot: Vec<u16>,
}

const NO_SLOT: u16 = u16::MAX;

/// A rule with some but not all of its groups in one message (and no `unless`): the
/// tracker completes it with the same author's next short messages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Part {
    pub rule: usize,
    /// Bit g set: group g matched.
    pub groups: u8,
    /// Bit g set: group g matched by a word that is not an ambiguous short form.
    pub strong: u8,
}

/// A rule that fired in one message.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub rule: usize,
    /// The words that matched, as written in the message (groups joined by " … ").
    pub matched: String,
}

impl Matcher {
    pub fn new(rules: &[Rule]) -> Result<Matcher, String> {
        let p = plan(rules.iter().map(|r| RuleRef { id: &r.id, groups: &r.groups, unless: &r.unless }))?;
        Matcher::from_plan(p, rules)
    }

    /// A matcher from a plan worked out before, every automaton built at once (so that
    /// rules the automaton refuses are refused here).
    pub fn from_plan(p: Plan, rules: &[Rule]) -> Result<Matcher, String> {
        let targets = Targets::from_nested(&p.targets);
        let m = Matcher::from_flat_plan(&p.needles, targets, rules)?;
        for l in &m.scripts {
            if !l.needles.is_empty() {
                let _ = l.ac.set(automaton(&crate::engine::plan::lines(&l.needles), INDIC_DEPTH)?);
            }
        }
        Ok(m)
    }

    /// A matcher from needles and their flat targets (the build script's plan, for the
    /// built-in rules, read without copying a needle: `plan::from_text_flat`). The
    /// needles without an Indic letter are built into an automaton here; each Indic
    /// script's when a message first holds that script.
    pub fn from_flat_plan<N: AsRef<str>>(needles: &[N], targets: Targets, rules: &[Rule]) -> Result<Matcher, String> {
        Matcher::split(needles, targets, rules, part_of)
    }

    /// As `from_flat_plan`, the needles split by `part` (a test puts them all in one).
    fn split<N: AsRef<str>>(needles: &[N], targets: Targets, rules: &[Rule], part: fn(&str) -> Option<usize>) -> Result<Matcher, String> {
        if targets.len() != needles.len()
            || targets.pairs.iter().any(|&(r, g)| r as usize >= rules.len() || (g != UNLESS && g as usize >= rules[r as usize].groups.len()))
        {
            return Err("rule plan does not fit the rules".into());
        }
        let mut ids = Vec::new();
        let mut whole = false;
        // Loops, not mapped `collect`s: each was a `from_iter` of its own in the content
        // module (docs/performance.md "Size, round 42").
        let mut scripts: Vec<Lazy> = Vec::with_capacity(SCRIPTS);
        for _ in 0..SCRIPTS {
            scripts.push(Lazy::default());
        }
        for (i, n) in needles.iter().enumerate() {
            let n = n.as_ref();
            match part(n) {
                None => {
                    whole |= part_of(n).is_some();
                    ids.push(i as u32);
                }
                Some(s) => {
                    let l = &mut scripts[s];
                    if !l.ids.is_empty() {
                        l.needles.push('\n');
                    }
                    l.needles.push_str(n);
                    l.ids.push(i as u32);
                }
            }
        }
        let mut listed: Vec<&str> = Vec::with_capacity(ids.len());
        for &i in &ids {
            listed.push(needles[i as usize].as_ref());
        }
        let ac = automaton(&listed, 3)?;
        let mut short = Vec::with_capacity(needles.len());
        for n in needles {
            short.push(is_short_form(n.as_ref()));
        }
        let mut group_counts = Vec::with_capacity(rules.len());
        for r in rules {
            group_counts.push(r.groups.len() as u8);
        }
        Ok(Matcher { ac, ids, whole, scripts, targets, short, group_counts })
    }

    /// Every rule that fires in `text`, in rule order, each once.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        self.scan_parts(text, &mut Vec::new())
    }

    /// As `scan`, and also every rule that matched only some of its groups (into `parts`).
    pub fn scan_parts(&self, text: &str, parts: &mut Vec<Part>) -> Vec<Hit> {
        if text.is_empty() {
            return Vec::new();
        }
        thread_local! {
            static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
        }
        SCRATCH.with(|n| match n.try_borrow_mut() {
            Ok(mut scratch) => self.scan_with(text, &mut scratch, parts),
            Err(_) => self.scan_with(text, &mut Scratch::default(), parts),
        })
    }

    /// Every match of automaton `ac` (patterns -> needles by `ids`) into `state`. Each
    /// group keeps its first span in the order one automaton over all the needles would
    /// report them (by end, then by start: longer first), whichever automaton found it.
    /// `text` is the normalised text from byte `from` on (a slice, not `Input::span`,
    /// whose check of the span links the formatting of its panic into the module).
    fn consume(&self, ac: &NFA, ids: &[u32], text: &str, from: usize, state: &mut Vec<(u16, u8, bool, [(u32, u32); 8], u8)>, slot: &mut [u16]) {
        let input = Input::new(text);
        let mut at = OverlappingState::start();
        // Errors only for anchored searches or non-standard match kinds: neither here.
        while let Some(m) = ac.try_find_overlapping(&input, &mut at).ok().and(at.get_match()) {
            let needle = ids[m.pattern().as_usize()] as usize;
            let short = self.short[needle];
            let (start, end) = ((from + m.start()) as u32, (from + m.end()) as u32);
            for &(r, g) in self.targets.of(needle) {
                let pos = match slot[r as usize] {
                    NO_SLOT => {
                        slot[r as usize] = state.len() as u16;
                        state.push((r, 0, false, [(0, 0); 8], 0));
                        state.len() - 1
                    }
                    p => p as usize,
                };
                let s = &mut state[pos];
                if g == UNLESS {
                    s.2 = true;
                } else {
                    if !short {
                        s.4 |= 1 << g;
                    }
                    let span = &mut s.3[g as usize];
                    if s.1 & (1 << g) == 0 {
                        s.1 |= 1 << g;
                        *span = (start, end);
                    } else if (end, start) < (span.1, span.0) {
                        *span = (start, end);
                    }
                }
            }
        }
    }

    fn scan_with(&self, text: &str, scratch: &mut Scratch, parts: &mut Vec<Part>) -> Vec<Hit> {
        let Scratch { norm, state, order, slot } = scratch;
        normalize_mapped_into(text, norm);
        state.clear();
        // One scratch serves every matcher of the thread: as long as the longest rule list.
        if slot.len() < self.group_counts.len() {
            slot.resize(self.group_counts.len(), NO_SLOT);
        }
        let slot = &mut slot[..];
        let normed = &norm.text[..];
        let mut scripts = 0;
        if self.whole || normed.is_ascii() {
            self.consume(&self.ac, &self.ids, normed, 0, state, slot);
        } else {
            // The needles without an Indic letter, over the stretches between Indic letters
            // long enough to hold one: not again over the Indic text the scripts' automata
            // read (on Devanagari text that was ~2,900 instructions a message, measured).
            let min = self.ac.min_pattern_len();
            scripts = scripts_in(normed, min, |from, to| self.consume(&self.ac, &self.ids, &normed[from..to], from, state, slot));
        }
        while scripts != 0 {
            let l = &self.scripts[scripts.trailing_zeros() as usize];
            scripts &= scripts - 1;
            if !l.ids.is_empty() {
                let ac = l.ac.get_or_init(|| automaton(&crate::engine::plan::lines(&l.needles), INDIC_DEPTH).expect("the built-in needles of each script fit the automaton (a test builds them)"));
                self.consume(ac, &l.ids, normed, 0, state, slot);
            }
        }
        // Rule order, as promised, for what is returned: the touched rules are visited
        // sorted by rule (each is in `state` once). One sort of (usize, usize) pairs
        // here and for the spans below: each slice type sorted is another copy of the
        // sort in the module (docs/performance.md "Size").
        order.clear();
        for (i, s) in state.iter().enumerate() {
            order.push((s.0 as usize, i));
        }
        for s in state.iter() {
            slot[s.0 as usize] = NO_SLOT;
        }
        order.sort_unstable();
        let mut hits = Vec::new();
        for &(_, i) in order.iter() {
            let (r, mask, vetoed, ref spans, strong) = state[i];
            let n = self.group_counts[r as usize];
            if vetoed {
                continue;
            }
            if mask.count_ones() != n as u32 {
                if mask != 0 {
                    parts.push(Part { rule: r as usize, groups: mask, strong });
                }
                continue;
            }
            // The groups' words in text order, each once, joined: in place (at most 8
            // groups), not in two vectors per hit.
            let mut ranges = [(0usize, 0usize); 8];
            let mut k = 0;
            for &(s, e) in &spans[..n as usize] {
                if let Some(range) = norm.original_range(s as usize, e as usize) {
                    ranges[k] = range;
                    k += 1;
                }
            }
            let ranges = &mut ranges[..k];
            ranges.sort_unstable();
            let mut cap = 0;
            for &(s, e) in ranges.iter() {
                cap += e - s + " … ".len();
            }
            let mut matched = String::with_capacity(cap);
            for (j, &(s, e)) in ranges.iter().enumerate() {
                if j > 0 && ranges[j - 1] == (s, e) {
                    continue;
                }
                if j > 0 {
                    matched.push_str(" … ");
                }
                matched.push_str(&text[s..e]);
            }
            hits.push(Hit { rule: r as usize, matched });
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::assessment::Stage;
    use crate::engine::rules::Tag;

    fn rule(id: &str, groups: &[&[&str]], unless: &[&str]) -> Rule {
        Rule {
            id: id.into(),
            stage: Stage::OffPlatform,
            tag: Tag::NumberAsk,
            language: "en".into(),
            groups: groups.iter().map(|g| g.iter().map(|s| s.to_string()).collect()).collect(),
            unless: unless.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn word_boundaries_wildcards_groups_and_vetoes() {
        let m = Matcher::new(&[
            rule("a", &[&["app"]], &[]),
            rule("b", &[&["bhej*"], &["paise"]], &[]),
            rule("c", &[&["number"]], &["my number"]),
        ])
        .unwrap();
        let ids = |t: &str| m.scan(t).iter().map(|h| h.rule).collect::<Vec<_>>();
        assert_eq!(ids("whatsapp"), Vec::<usize>::new()); // "app" is not a word here
        assert_eq!(ids("new app"), vec![0]);
        assert_eq!(ids("paise bhejo"), vec![1]);
        assert_eq!(ids("bhejo"), Vec::<usize>::new()); // one group of two: never a single word
        assert_eq!(ids("your number"), vec![2]);
        assert_eq!(ids("my number"), Vec::<usize>::new());
        assert_eq!(m.scan("Paise BHEJOOO")[0].matched, "Paise … BHEJOOO");
    }

    #[test]
    fn short_forms_are_marked_in_parts() {
        let m = Matcher::new(&[rule("money", &[&["do", "bhej*"], &["account", "paise"]], &[])]).unwrap();
        let parts = |t: &str| {
            let mut p = Vec::new();
            m.scan_parts(t, &mut p);
            p
        };
        // "do" alone: the group matched, but only by a short form.
        assert_eq!(parts("tell me to do anything"), vec![Part { rule: 0, groups: 1, strong: 0 }]);
        assert_eq!(parts("bhejo na"), vec![Part { rule: 0, groups: 1, strong: 1 }]);
        assert_eq!(parts("account"), vec![Part { rule: 0, groups: 2, strong: 2 }]);
        // In one message the short form still completes its rule.
        assert_eq!(m.scan("account do").len(), 1);
        assert!(is_short_form(" min ") && is_short_form(" दो ") && !is_short_form(" 500 ") && !is_short_form(" bhej"));
    }

    #[test]
    fn hits_and_parts_come_in_rule_order_whatever_the_text_order() {
        let m = Matcher::new(&[
            rule("a", &[&["alpha"]], &[]),
            rule("b", &[&["beta"], &["gamma"]], &[]),
            rule("c", &[&["delta"]], &[]),
            rule("d", &[&["epsilon"], &["zeta"]], &[]),
        ])
        .unwrap();
        let mut parts = vec![Part { rule: 9, groups: 1, strong: 1 }]; // appended after, kept
        let hits = m.scan_parts("zeta delta gamma beta alpha epsilon", &mut parts);
        let ids: Vec<usize> = hits.iter().map(|h| h.rule).collect();
        assert_eq!(ids, vec![0, 1, 2, 3]);
        // The words of a hit in the order they appear in the message.
        assert_eq!(hits[1].matched, "gamma … beta");
        assert_eq!(hits[3].matched, "zeta … epsilon");
        let mut parts = vec![Part { rule: 9, groups: 1, strong: 1 }];
        let hits = m.scan_parts("epsilon then delta then beta", &mut parts);
        assert_eq!(hits.iter().map(|h| h.rule).collect::<Vec<_>>(), vec![2]);
        assert_eq!(
            parts,
            vec![Part { rule: 9, groups: 1, strong: 1 }, Part { rule: 1, groups: 1, strong: 1 }, Part { rule: 3, groups: 1, strong: 1 }]
        );
    }

    #[test]
    fn empty_patterns_are_refused() {
        assert!(Matcher::new(&[rule("x", &[&["🌹"]], &[])]).is_err());
    }
}

/// The automaton split by script against one automaton over every needle, on the
/// built-in rules: the same rules fire, with the same words and parts.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod split_tests {
    use super::*;
    use crate::engine::rules;
    use proptest::prelude::*;

    /// The built-in plan, split (as shipped) and in one automaton.
    fn matchers() -> &'static (Matcher, Matcher, Vec<&'static str>) {
        static M: OnceLock<(Matcher, Matcher, Vec<&'static str>)> = OnceLock::new();
        M.get_or_init(|| {
            let rules = rules::builtin_lite().unwrap();
            let (needles, targets) = crate::engine::plan::from_text_flat(rules::BUILTIN_PLAN).unwrap();
            let split = Matcher::from_flat_plan(&needles, targets, &rules).unwrap();
            let (_, targets) = crate::engine::plan::from_text_flat(rules::BUILTIN_PLAN).unwrap();
            let one = Matcher::split(&needles, targets, &rules, |_| None).unwrap();
            (split, one, needles)
        })
    }

    fn same(text: &str) {
        let (split, one, _) = matchers();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let ha = split.scan_parts(text, &mut a);
        let hb = one.scan_parts(text, &mut b);
        assert_eq!((ha, a), (hb, b), "{text:?}");
    }

    #[test]
    fn the_needles_split_by_script_and_each_part_builds() {
        let (split, one, needles) = matchers();
        assert!(one.scripts.iter().all(|l| l.ids.is_empty()) && one.ids.len() == needles.len());
        for &i in &split.ids {
            assert!(!needles[i as usize].chars().any(|c| ('\u{900}'..'\u{d80}').contains(&c)), "{:?}", needles[i as usize]);
        }
        // Devanagari, Bengali, Gurmukhi, Gujarati, Tamil, Telugu, Kannada, Malayalam
        // (no Odia rules): each a part, its needles holding its letters, every one built.
        let filled: Vec<usize> = (0..SCRIPTS).filter(|&s| !split.scripts[s].ids.is_empty()).collect();
        assert_eq!(filled, [0, 1, 2, 3, 5, 6, 7, 8]);
        let mut count = split.ids.len();
        for (s, l) in split.scripts.iter().enumerate() {
            let block = '\u{900}' as u32 + 128 * s as u32..'\u{900}' as u32 + 128 * (s as u32 + 1);
            for (n, &i) in l.needles.split('\n').zip(&l.ids) {
                assert_eq!(n, needles[i as usize]);
                assert!(n.chars().any(|c| block.contains(&(c as u32))), "{n:?} in part {s}");
            }
            count += l.ids.len();
            if !l.ids.is_empty() {
                assert!(automaton(&l.needles.split('\n').collect::<Vec<_>>(), INDIC_DEPTH).is_ok());
            }
        }
        assert_eq!(count, needles.len());
    }

    /// `is_short_form` on bytes marks the built-in needles as trimming them did.
    #[test]
    fn short_forms_are_the_trimmed_ones() {
        let (_, _, needles) = matchers();
        let trimmed = |n: &str| {
            let core = n.trim();
            n.starts_with(' ') && n.ends_with(' ') && !core.contains(' ') && core.chars().count() <= 3 && !core.chars().any(|c| c.is_ascii_digit())
        };
        let short = needles.iter().filter(|n| is_short_form(n)).count();
        assert!(short > 100, "{short} short forms");
        for n in needles {
            assert_eq!(is_short_form(n), trimmed(n), "{n:?}");
        }
    }

    #[test]
    fn scripts_and_the_stretches_between_them() {
        fn stretches(t: &str, min: usize) -> (u16, Vec<&str>) {
            let mut v = Vec::new();
            let mask = scripts_in(t, min, |a, b| v.push(&t[a..b]));
            (mask, v)
        }
        assert_eq!(stretches(" ok ", 1), (0, vec![" ok "]));
        assert_eq!(stretches(" ok पैसे do ", 2), (1, vec![" ok ", " do "]));
        assert_eq!(stretches(" okay पैसे do ", 5), (1, vec![" okay "]));
        assert_eq!(stretches("é ₹ 😀 ಹಣ ணம் x", 1), (1 << 7 | 1 << 5, vec!["é ₹ 😀 ", " ", " x"]));
        assert_eq!(stretches("പണം", 1), (1 << 8, vec![]));
        // Sinhala (E0 B6) and Samaritan (E0 A0) are not split off.
        assert_eq!(stretches("ස ࠀ", 1), (0, vec!["ස ࠀ"]));
    }

    /// The first span of a group is the one a single automaton reports first: by end,
    /// then the longer match, whichever part's needle it is.
    #[test]
    fn mixed_script_messages_fire_as_with_one_automaton() {
        for t in [
            "apna whatsapp number do, मेरा नंबर भेजो, नंबर दो",
            "video call karo ना वीडियो कॉल करो video call",
            "तुम्हारा video मेरे पास है, paise bhejo nahi to viral kar dunga, पैसे भेजो",
            "Your video ਵੀਡੀਓ વીડિયો ভিডিও வீடியோ వీడియో ವಿಡಿಯೋ വീഡിയോ viral 5000 send",
            "group-ல video போடுவேன் 10000 அனுப்பு illana YouTube-এ upload",
            "पैसे भेजो paise bhejo ಹಣ ಕಳುಹಿಸು പണം അയക്കൂ టబ్బు పంపు",
            "₹5000 दो वरना वीडियो वायरल, or else video viral, ਨਹੀਂ ਤਾਂ ਵੀਡੀਓ ਵਾਇਰਲ",
        ] {
            same(t);
        }
    }

    /// Every message text of tests/corpus and tests/tuning (JSON strings and text lines).
    #[test]
    fn the_corpus_and_tuning_texts_fire_as_with_one_automaton() {
        fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::String(s) => out.push(s.clone()),
                serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
                serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
                _ => {}
            }
        }
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out);
                } else if let Ok(text) = std::fs::read_to_string(&p) {
                    match p.extension().and_then(|x| x.to_str()) {
                        Some("json") => strings(&serde_json::from_str(&text).unwrap_or(serde_json::Value::Null), out),
                        Some("txt") => out.extend(text.lines().map(str::to_string)),
                        _ => {}
                    }
                }
            }
        }
        let mut texts = Vec::new();
        for d in ["tests/corpus", "tests/tuning"] {
            walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(d), &mut texts);
        }
        assert!(texts.len() > 20_000, "{} texts", texts.len());
        let indic = texts.iter().filter(|t| scripts_in(t, usize::MAX, |_, _| {}) != 0).count();
        assert!(indic > 5_000, "{indic} texts with Indic letters");
        for t in &texts {
            same(t);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// Needles of any parts, whole or cut at a character, joined by spaces, nothing,
        /// punctuation or a danda: every rule and part as with one automaton.
        #[test]
        fn needles_of_mixed_scripts_fire_as_with_one_automaton(
            pieces in prop::collection::vec((any::<prop::sample::Index>(), 0..6usize, any::<prop::sample::Index>()), 1..10)
        ) {
            let (_, _, needles) = matchers();
            let mut text = String::new();
            for (n, sep, cut) in pieces {
                let n = needles[n.index(needles.len())];
                let ends: Vec<usize> = n.char_indices().map(|(i, _)| i).chain([n.len()]).collect();
                let n = if sep == 5 { &n[..ends[cut.index(ends.len())]] } else { n };
                text.push_str(n);
                text.push_str(["", " ", ", ", "। ", "x", ""][sep]);
            }
            same(&text);
        }
    }
}
