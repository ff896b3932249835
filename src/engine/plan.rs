//! The automaton's input, worked out from rule patterns: each pattern normalised
//! into a needle (with word-boundary spaces), duplicates merged, and for every needle
//! the (rule, group) pairs it serves. Shared by the matcher and by the build script
//! (build.rs includes this file and uses crates/normalize), which does it once for the
//! built-in rules so that a page load does not normalise ~900 patterns again.

use super::normalize::normalize;
use std::collections::HashMap;

/// Group number meaning "an `unless` pattern".
pub const UNLESS: u8 = u8::MAX;

/// Needles in automaton order, and per needle the (rule, group) pairs it serves.
#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    pub needles: Vec<String>,
    pub targets: Vec<Vec<(u16, u8)>>,
}

/// Turns a rule pattern into the automaton's needle: normalised, with a space on each
/// side for word boundaries unless the pattern has a `*` there ("bhej*" matches "bhejo").
pub fn needle(pattern: &str) -> Option<String> {
    let open_start = pattern.starts_with('*');
    let open_end = pattern.ends_with('*') && pattern.len() > 1;
    let core = normalize(pattern.trim_matches('*'));
    if core.is_empty() {
        return None;
    }
    let mut n = String::with_capacity(core.len() + 2);
    if !open_start {
        n.push(' ');
    }
    n.push_str(&core);
    if !open_end {
        n.push(' ');
    }
    Some(n)
}

/// One rule as the plan sees it: id (for messages), pattern groups, `unless` patterns.
pub struct RuleRef<'a> {
    pub id: &'a str,
    pub groups: &'a [Vec<String>],
    pub unless: &'a [String],
}

pub fn plan<'a>(rules: impl IntoIterator<Item = RuleRef<'a>>) -> Result<Plan, String> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut p = Plan::default();
    let mut add = |pat: &str, r: usize, g: u8, id: &str| -> Result<(), String> {
        let n = needle(pat).ok_or_else(|| format!("rule '{id}': pattern {pat:?} normalises to nothing"))?;
        let k = *index.entry(n.clone()).or_insert_with(|| {
            p.needles.push(n);
            p.targets.push(Vec::new());
            p.needles.len() - 1
        });
        if !p.targets[k].contains(&(r as u16, g)) {
            p.targets[k].push((r as u16, g));
        }
        Ok(())
    };
    for (r, rule) in rules.into_iter().enumerate() {
        for (g, group) in rule.groups.iter().enumerate() {
            for pat in group {
                add(pat, r, g as u8, rule.id)?;
            }
        }
        for pat in rule.unless {
            add(pat, r, UNLESS, rule.id)?;
        }
    }
    prune_subsumed(&mut p, &index);
    // The needles by the first (rule, group) they serve, then by text: a group's words
    // side by side, the order that packs smallest (the content module: -0.3 KB gzip,
    // measured; docs/performance.md "Size", size5) while the (rule, group) table stays
    // near rule order. What the matcher reports does not depend on the needles' order:
    // each group keeps its earliest-ending, then longest span, whichever needle found it.
    let mut sorted: Vec<(String, Vec<(u16, u8)>)> = p.needles.drain(..).zip(p.targets.drain(..)).collect();
    sorted.sort_by(|a, b| (a.1.first(), &a.0).cmp(&(b.1.first(), &b.0)));
    (p.needles, p.targets) = sorted.into_iter().unzip();
    Ok(p)
}

/// Drops a needle that holds a shorter needle serving every (rule, group) it serves:
/// " is it available " where " available " is in the same group. The automaton reports
/// overlapping matches, so wherever the longer one matches the shorter does too and
/// every rule fires as before; only the words quoted as evidence are the shorter
/// needle's. The shorter needle is looked for where a word begins in the longer one
/// (a space), ending anywhere (a prefix needle such as " ठग" in " ठगी ").
fn prune_subsumed(p: &mut Plan, index: &HashMap<String, usize>) {
    let subsumed = |i: usize| {
        let a = &p.needles[i];
        a.char_indices().filter(|&(_, c)| c == ' ').any(|(start, _)| {
            a[start..].char_indices().skip(1).map(|(e, _)| start + e).chain([a.len()]).any(|end| {
                (start, end) != (0, a.len())
                    && index.get(&a[start..end]).is_some_and(|&k| p.targets[i].iter().all(|t| p.targets[k].contains(t)))
            })
        })
    };
    let keep: Vec<bool> = (0..p.needles.len()).map(|i| !subsumed(i)).collect();
    let mut k = keep.iter();
    p.needles.retain(|_| *k.next().unwrap_or(&true));
    let mut k = keep.iter();
    p.targets.retain(|_| *k.next().unwrap_or(&true));
}

/// Compact text form (what build.rs writes to $OUT_DIR/plan.txt): one line per
/// needle, "needle\tr.g r.g ...". Needles never hold tabs or newlines (normalised
/// text is words and single spaces).
pub fn to_text(p: &Plan) -> String {
    let mut s = String::new();
    for (n, t) in p.needles.iter().zip(&p.targets) {
        s.push_str(n);
        s.push('\t');
        for (i, (r, g)) in t.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(&format!("{r}.{g}"));
        }
        s.push('\n');
    }
    s
}

/// The plan as the matcher keeps it: needle `i`'s (rule, group) pairs are
/// `pairs[ends[i]..ends[i + 1]]`, one flat array instead of a `Vec` per needle (one
/// allocation instead of ~3,700 at start-up).
#[derive(Debug, Default, PartialEq)]
pub struct Targets {
    pub pairs: Vec<(u16, u8)>,
    /// `ends[0] == 0`, then one end per needle.
    pub ends: Vec<u32>,
}

impl Targets {
    pub fn from_nested(nested: &[Vec<(u16, u8)>]) -> Targets {
        let mut t = Targets { pairs: Vec::with_capacity(nested.iter().map(Vec::len).sum()), ends: Vec::with_capacity(nested.len() + 1) };
        t.ends.push(0);
        for n in nested {
            t.pairs.extend_from_slice(n);
            t.ends.push(t.pairs.len() as u32);
        }
        t
    }

    /// The pairs of needle `i` (empty for a needle out of range).
    pub fn of(&self, i: usize) -> &[(u16, u8)] {
        match (self.ends.get(i), self.ends.get(i + 1)) {
            (Some(&s), Some(&e)) => &self.pairs[s as usize..e as usize],
            _ => &[],
        }
    }

    /// The number of needles.
    pub fn len(&self) -> usize {
        self.ends.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A (rule, group) pair in one `u16`, as the build script's table stores it: the rule
/// in the upper 12 bits, the group (0..8, or 15 for `UNLESS`) in the lower 4. Half the
/// bytes of a `(u16, u8)` with its padding byte (the module: -0.4 KB gzip, measured).
/// None if the pair does not fit (more than 4,096 rules, or a group past 15).
pub fn pack_target(rule: u16, group: u8) -> Option<u16> {
    let g = match group {
        UNLESS => 15,
        g if g < 15 => g,
        _ => return None,
    };
    (rule < 1 << 12).then(|| rule << 4 | g as u16)
}

/// The (rule, group) pair of `pack_target`.
pub fn unpack_target(packed: u16) -> (u16, u8) {
    let g = (packed & 15) as u8;
    (packed >> 4, if g == 15 { UNLESS } else { g })
}

/// In the build script's count table: the needle's word-boundary space at its start,
/// at its end (see `needle`), and its number of (rule, group) pairs in the low bits.
/// The table stores the needles without those spaces (the content module: -0.7 KB
/// gzip, measured; docs/performance.md "Size", size5).
pub const BOUND_START: u8 = 1 << 6;
pub const BOUND_END: u8 = 1 << 7;
pub const COUNT: u8 = BOUND_START - 1;

/// The plan from the build script's tables (see build/rules.rs): the needles borrowed
/// from `needles` (one per line, boundary spaces put back by `pack::unpack_spaced`), their targets
/// flat (`counts` masked by `COUNT`, `packed` as `pack_target` made them). None if the
/// tables disagree.
pub fn from_tables<'a>(needles: &'a str, counts: &[u8], packed: &[u16]) -> Option<(Vec<&'a str>, Targets)> {
    let needles: Vec<&str> = if needles.is_empty() { Vec::new() } else { lines(needles) };
    let mut ends = Vec::with_capacity(counts.len() + 1);
    let mut end = 0u32;
    ends.push(end);
    for &c in counts {
        end += (c & COUNT) as u32;
        ends.push(end);
    }
    (needles.len() == counts.len() && end as usize == packed.len())
        .then(|| {
            // A loop, not a mapped `collect` (docs/performance.md "Size, round 43").
            let mut pairs = Vec::with_capacity(packed.len());
            for &p in packed {
                pairs.push(unpack_target(p));
            }
            (needles, Targets { pairs, ends })
        })
}

/// Reads the text form without copying a needle: the needles borrowed from `s`, their
/// targets flat. None if a line is malformed.
pub fn from_text_flat(s: &str) -> Option<(Vec<&str>, Targets)> {
    let lines = s.lines().count();
    let mut needles = Vec::with_capacity(lines);
    let mut t = Targets { pairs: Vec::with_capacity(lines + lines / 2), ends: Vec::with_capacity(lines + 1) };
    t.ends.push(0);
    for line in s.lines() {
        let (n, targets) = line.split_once('\t')?;
        for pair in targets.split(' ') {
            let (r, g) = pair.split_once('.')?;
            t.pairs.push((r.parse().ok()?, g.parse().ok()?));
        }
        needles.push(n);
        t.ends.push(t.pairs.len() as u32);
    }
    Some((needles, t))
}

pub fn from_text(s: &str) -> Option<Plan> {
    let (needles, t) = from_text_flat(s)?;
    let targets = (0..t.len()).map(|i| t.of(i).to_vec()).collect();
    Some(Plan { needles: needles.into_iter().map(str::to_string).collect(), targets })
}

/// `s.split('\n').collect()` as a loop, for the needles' and the catalogues' texts: one
/// function, not a `from_iter` instance (docs/performance.md "Size, round 42").
pub fn lines(s: &str) -> Vec<&str> {
    let mut v = Vec::new();
    for l in s.split('\n') {
        v.push(l);
    }
    v
}
