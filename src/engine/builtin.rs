//! The engine: the compiled rules and their matcher, built once.

use super::matcher::{Hit, Matcher, Part};
use super::normalize::pack;
use super::plan;
use super::rules::{self, Rule};
use std::sync::OnceLock;

/// The automaton plan of the built-in rules as data, written by build.rs (build/rules.rs).
mod tables {
    include!(concat!(env!("OUT_DIR"), "/plan_builtin.rs"));
}

pub struct Engine {
    rules: Vec<Rule>,
    matcher: Matcher,
}

impl Engine {
    /// The rules shipped in `rules/*.toml`, parsed and compiled on first use.
    pub fn builtin() -> &'static Engine {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        ENGINE.get_or_init(|| Engine::builtin_uncached().expect("built-in rules were validated by build.rs"))
    }

    /// The built-in rules with the automaton plan build.rs worked out (no pattern is
    /// normalised at run time). Not cached: for the start-up benchmark.
    pub fn builtin_uncached() -> Result<Engine, String> {
        let rules = rules::builtin_lite()?;
        let counts = tables::BUILTIN_TARGET_COUNTS;
        let needles = pack::unpack_spaced(tables::BUILTIN_NEEDLES, counts, plan::BOUND_START, plan::BOUND_END).ok_or("built-in needles unreadable")?;
        let (needles, targets) = plan::from_tables(&needles, tables::BUILTIN_TARGET_COUNTS, tables::BUILTIN_TARGETS)
            .ok_or("built-in plan tables disagree")?;
        let matcher = Matcher::from_flat_plan(&needles, targets, &rules)?;
        Ok(Engine { rules, matcher })
    }

    /// An engine from compiled rule JSON (the format build.rs writes).
    pub fn from_json(json: &str) -> Result<Engine, String> {
        let rules = rules::parse(json)?;
        let matcher = Matcher::new(&rules)?;
        Ok(Engine { rules, matcher })
    }

    /// The rules (for the built-in engine their groups are empty: the pattern text
    /// lives, normalised, in the automaton; see `rules::BUILTIN_RULES`).
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rule_index(id).map(|i| &self.rules[i])
    }

    /// A rule's index by its id: a walk over the ~160 rules, not a map built at
    /// start-up. Only a tracker resumed from stored facts asks, once per remembered
    /// rule; a map cost the content module its own hash-table code and a copy of
    /// every id at each page load.
    pub(crate) fn rule_index(&self, id: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.id == id)
    }

    /// The rules that fire in one message text.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        self.matcher.scan(text)
    }

    /// As `scan`, also listing the rules only partly matched (see `matcher::Part`).
    pub fn scan_parts(&self, text: &str, parts: &mut Vec<Part>) -> Vec<Hit> {
        self.matcher.scan_parts(text, parts)
    }

    /// The number of pattern groups of rule `r`.
    pub fn group_count(&self, r: usize) -> usize {
        self.rules[r].groups.len()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_engine_has_every_rule_with_its_group_count() {
        let full = rules::parse(rules::BUILTIN_JSON).unwrap();
        let e = Engine::builtin();
        assert_eq!(e.rules().len(), full.len());
        for (a, b) in e.rules().iter().zip(&full) {
            assert_eq!((&a.id, a.stage, a.tag, a.groups.len()), (&b.id, b.stage, b.tag, b.groups.len()));
        }
    }

    #[test]
    fn a_rule_is_found_by_its_id() {
        let e = Engine::builtin();
        for (i, r) in e.rules().iter().enumerate() {
            assert_eq!(e.rule_index(&r.id), Some(i), "{}", r.id);
            assert_eq!(e.rule(&r.id).map(|f| &f.id), Some(&r.id));
        }
        assert_eq!(e.rule_index("no.such.rule"), None);
        assert!(e.rule("").is_none());
    }

    #[test]
    fn the_build_scripts_plan_is_the_one_the_matcher_would_make() {
        let rules = rules::parse(rules::BUILTIN_JSON).unwrap();
        let fresh = plan::plan(rules.iter().map(|r| plan::RuleRef { id: &r.id, groups: &r.groups, unless: &r.unless })).unwrap();
        let built = plan::from_text(rules::BUILTIN_PLAN).unwrap();
        assert!(fresh.needles.len() > 500, "{} needles", fresh.needles.len());
        assert_eq!(built, fresh);
        assert_eq!(plan::from_text(&plan::to_text(&fresh)).unwrap(), fresh);
    }

    #[test]
    fn a_plan_that_does_not_fit_the_rules_is_refused() {
        let rules = rules::parse(rules::BUILTIN_JSON).unwrap();
        let bad = plan::Plan { needles: vec![" x ".into()], targets: vec![vec![(rules.len() as u16, 0)]] };
        assert!(Matcher::from_plan(bad, &rules).is_err());
        // As many target lists as needles, or it is refused too.
        let short = plan::Targets::from_nested(&[vec![(0, 0)]]);
        assert!(Matcher::from_flat_plan(&[" x ", " y "], short, &rules).is_err());
    }

    #[test]
    fn the_plan_tables_are_the_build_scripts_plan() {
        let counts = tables::BUILTIN_TARGET_COUNTS;
        let stripped = pack::unpack_text(tables::BUILTIN_NEEDLES).unwrap();
        let text = pack::unpack_spaced(tables::BUILTIN_NEEDLES, counts, plan::BOUND_START, plan::BOUND_END).unwrap();
        let (needles, targets) = plan::from_tables(&text, tables::BUILTIN_TARGET_COUNTS, tables::BUILTIN_TARGETS).unwrap();
        let (text_needles, text_targets) = plan::from_text_flat(rules::BUILTIN_PLAN).unwrap();
        assert_eq!((needles, targets), (text_needles, text_targets));
        // Packed, the needles of a script take a byte per character.
        assert!(tables::BUILTIN_NEEDLES.len() * 3 < text.len() * 2, "{} bytes packed, {} as text", tables::BUILTIN_NEEDLES.len(), text.len());
        // Tables that disagree are refused.
        // The boundary spaces are the flags', and needles and flags must agree.
        assert!(stripped.len() < text.len() && !stripped.starts_with(' '));
        assert_eq!(text.split('\n').map(|n| n.trim_matches(' ')).collect::<Vec<_>>().join("\n"), stripped);
        let flags = [1 | plan::BOUND_START, 2 | plan::BOUND_END, 3 | plan::BOUND_START | plan::BOUND_END];
        let spaced = |text: &str, counts: &[u8]| pack::unpack_spaced(&pack::pack_text(text).unwrap(), counts, plan::BOUND_START, plan::BOUND_END);
        assert_eq!(spaced("a\nb c\nपा", &flags).as_deref(), Some(" a\nb c \n पा "));
        assert_eq!((spaced("a\nb", &flags[..1]), spaced("a", &flags[..2]), spaced("", &[]).as_deref(), spaced("a", &[]).as_deref()), (None, None, Some(""), None));
        let (_, t) = plan::from_tables(" a ", &[2 | plan::BOUND_START | plan::BOUND_END], &[0, 16]).unwrap();
        assert_eq!(t.of(0), &[(0, 0), (1, 0)][..]);
        assert!(plan::from_tables(" a \n b ", &[1], &[0]).is_none());
        assert!(plan::from_tables(" a ", &[2], &[0]).is_none());
        let (_, t) = plan::from_tables(" a \n b ", &[1, 2], &[plan::pack_target(3, 1).unwrap(), plan::pack_target(4095, 7).unwrap(), plan::pack_target(9, plan::UNLESS).unwrap()]).unwrap();
        assert_eq!((t.of(0), t.of(1)), (&[(3, 1)][..], &[(4095, 7), (9, plan::UNLESS)][..]));
        assert_eq!((plan::pack_target(4096, 0), plan::pack_target(0, 15)), (None, None));
        assert_eq!(plan::from_tables("", &[], &[]).map(|(n, t)| (n.len(), t.len())), Some((0, 0)));
    }

    #[test]
    fn packed_text_reads_back_as_it_was() {
        for text in ["", " hi papa \n पापा \n", " ₹ 500 \n ப\u{bbe}ட\u{bcd}டி \n 🌹 x \n café", "\u{7f}\u{80}\u{ff}\u{10ffff}"] {
            let packed = pack::pack_text(text).unwrap();
            assert_eq!(pack::unpack_text(&packed).as_deref(), Some(text), "{packed:?}");
        }
        // One window change, then a byte per character.
        assert_eq!(pack::pack_text("पापा").unwrap(), [1, 0, 0x12, 0xaa, 0xbe, 0xaa, 0xbe]);
        assert_eq!(pack::pack_text(" a\tb "), None);
        // A window change cut short, or a surrogate, is refused.
        assert_eq!(pack::unpack_text(&[1, 0]), None);
        assert_eq!(pack::unpack_text(&[1, 0x01, 0xb0, 0x80]), None);
    }

    #[test]
    fn flat_targets_are_the_nested_ones() {
        let (needles, flat) = plan::from_text_flat(rules::BUILTIN_PLAN).unwrap();
        let nested = plan::from_text(rules::BUILTIN_PLAN).unwrap();
        assert_eq!(needles, nested.needles);
        assert_eq!(flat, plan::Targets::from_nested(&nested.targets));
        assert_eq!(flat.len(), nested.targets.len());
        for (i, t) in nested.targets.iter().enumerate() {
            assert_eq!(flat.of(i), &t[..]);
        }
        assert!(flat.of(needles.len()).is_empty());
        assert!(plan::from_text_flat(" x \t0.x\n").is_none());
    }

    /// The matcher builds its automaton without a prefilter: for these needles the
    /// builder would choose none anyway, so the scan is the same without the cost.
    #[test]
    fn the_built_in_needles_get_no_prefilter_anyway() {
        use aho_corasick::automaton::Automaton;
        let (needles, _) = plan::from_text_flat(rules::BUILTIN_PLAN).unwrap();
        let with = aho_corasick::nfa::contiguous::NFA::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .dense_depth(3)
            .build(&needles)
            .unwrap();
        assert!(with.prefilter().is_none());
    }
}
