//! One Aho-Corasick pass per message over the normalised text finds every pattern
//! of every rule; a rule fires when each of its groups matched and no `unless` did.

use super::normalize::{normalize_mapped_into, Normalized};
use super::plan::{plan, Plan, RuleRef, Targets, UNLESS};
use super::rules::Rule;
use aho_corasick::automaton::{Automaton, OverlappingState};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Input, MatchKind};

pub struct Matcher {
    /// The contiguous NFA, used directly rather than through `AhoCorasick` (which
    /// would choose a kind at run time and so carry the code of every kind): it scans
    /// ~1.6x faster than the noncontiguous one and builds as fast; a DFA scanned slower
    /// (its table is large) and took 17 ms to build natively (measured).
    ac: NFA,
    /// For each automaton pattern: the (rule, group) pairs it serves.
    targets: Targets,
    /// Per pattern: an ambiguous short form (see `is_short_form`).
    short: Vec<bool>,
    group_counts: Vec<u8>,
}

/// A needle that is one bounded word of at most three letters ("do", "min", "rs",
/// "दो"): such a form is ambiguous on its own (Hindi "do" = give, English "do"; "min"
/// in "5 min late") and counts only in context, i.e. with the rest of its rule in the
/// same message, never as the piece that completes an intent across messages.
fn is_short_form(needle: &str) -> bool {
    let bounded = needle.starts_with(' ') && needle.ends_with(' ');
    let core = needle.trim();
    bounded && !core.contains(' ') && core.chars().count() <= 3 && !core.chars().any(|c| c.is_ascii_digit())
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

    /// A matcher from a plan worked out before.
    pub fn from_plan(p: Plan, rules: &[Rule]) -> Result<Matcher, String> {
        let targets = Targets::from_nested(&p.targets);
        Matcher::from_flat_plan(&p.needles, targets, rules)
    }

    /// A matcher from needles and their flat targets (the build script's plan, for the
    /// built-in rules, read without copying a needle: `plan::from_text_flat`).
    pub fn from_flat_plan<N: AsRef<str>>(needles: &[N], targets: Targets, rules: &[Rule]) -> Result<Matcher, String> {
        if targets.len() != needles.len()
            || targets.pairs.iter().any(|&(r, g)| r as usize >= rules.len() || (g != UNLESS && g as usize >= rules[r as usize].groups.len()))
        {
            return Err("rule plan does not fit the rules".into());
        }
        // Dense transitions for states up to depth 3 (default 2), where a scan of everyday
        // text spends its time: 9% fewer instructions per scan for +57 KB of automaton
        // (93 -> 150 KB) and +2% build time (measured; depth 4 gained 1% more for +118 KB).
        // No prefilter: with nearly every needle starting with a space the builder ends
        // up without one anyway (checked by a test below), after spending ~5% of the
        // build collecting the needles' bytes for it.
        let ac = NFA::builder()
            .match_kind(MatchKind::Standard)
            .dense_depth(3)
            .prefilter(false)
            .build(needles.iter().map(|n| n.as_ref().as_bytes()))
            // aho-corasick refuses only too many states or patterns, or a pattern too long;
            // its own message (with the numbers) would link the formatting of its error
            // into the content module for a failure the built-in rules never reach.
            .map_err(|_| "rules: too many or too long patterns for the automaton".to_string())?;
        let short = needles.iter().map(|n| is_short_form(n.as_ref())).collect();
        Ok(Matcher { ac, targets, short, group_counts: rules.iter().map(|r| r.groups.len() as u8).collect() })
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

    fn scan_with(&self, text: &str, scratch: &mut Scratch, parts: &mut Vec<Part>) -> Vec<Hit> {
        let Scratch { norm, state, order, slot } = scratch;
        normalize_mapped_into(text, norm);
        state.clear();
        // One scratch serves every matcher of the thread: as long as the longest rule list.
        if slot.len() < self.group_counts.len() {
            slot.resize(self.group_counts.len(), NO_SLOT);
        }
        let slot = &mut slot[..];
        let input = Input::new(&norm.text);
        let mut at = OverlappingState::start();
        // Errors only for anchored searches or non-standard match kinds: neither here.
        while let Some(m) = self.ac.try_find_overlapping(&input, &mut at).ok().and(at.get_match()) {
            let short = self.short[m.pattern().as_usize()];
            for &(r, g) in self.targets.of(m.pattern().as_usize()) {
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
                    if s.1 & (1 << g) == 0 {
                        s.1 |= 1 << g;
                        s.3[g as usize] = (m.start() as u32, m.end() as u32);
                    }
                }
            }
        }
        // Rule order, as promised, for what is returned: the touched rules are visited
        // sorted by rule (each is in `state` once). One sort of (usize, usize) pairs
        // here and for the spans below: each slice type sorted is another copy of the
        // sort in the module (docs/performance.md "Size").
        order.clear();
        order.extend(state.iter().enumerate().map(|(i, s)| (s.0 as usize, i)));
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
            let mut matched = String::with_capacity(ranges.iter().map(|&(s, e)| e - s + " … ".len()).sum());
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
